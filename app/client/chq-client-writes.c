/* chq-client-writes.c: the calls of ChqClient that change something (orders, workers,
 * enrolments), each a thin wrapper over chq_client_call_async() and the table of
 * chq-endpoint.c; the outbox sends the same requests through chq_client_send_async()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-client"

#include "config.h"

#include "chq-client.h"
#include "chq-client-private.h"
#include "chq-endpoint.h"
#include "chq-json.h"

/* --- orders ------------------------------------------------------------------------- */

/**
 * chq_client_create_order_async:
 * @self: a #ChqClient
 * @idempotency_key: the key of this intent (the same on every retry)
 * @voucher_type: the type of voucher
 * @quantity: how many vouchers
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/orders`. Finish with chq_client_create_order_finish().
 */
void
chq_client_create_order_async (ChqClient           *self,
                               const char          *idempotency_key,
                               ChqVoucherType       voucher_type,
                               guint                quantity,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL);

  body = chq_order_request_to_json (voucher_type, quantity);
  chq_client_call_async (self, CHQ_ENDPOINT_CREATE_ORDER, NULL, NULL, idempotency_key, body, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_create_order_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError (a refusal such as `ceiling_exceeded` is
 *   %CHQ_CLIENT_ERROR_REFUSED)
 *
 * Returns: (transfer full) (nullable): the order, awaiting payment, with its payment
 *   instructions
 */
ChqOrder *
chq_client_create_order_finish (ChqClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (ChqOrder *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_CREATE_ORDER,
                                                   NULL, error);
}

/**
 * chq_client_cancel_order_async:
 * @self: a #ChqClient
 * @id: the order's id
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/orders/{id}/cancel`. Finish with chq_client_cancel_order_finish().
 */
void
chq_client_cancel_order_async (ChqClient           *self,
                               const char          *id,
                               const char          *idempotency_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  chq_client_call_async (self, CHQ_ENDPOINT_CANCEL_ORDER, id, NULL, idempotency_key, NULL, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_cancel_order_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError (`not_cancellable` once paid)
 *
 * Returns: (transfer full) (nullable): the cancelled order
 */
ChqOrder *
chq_client_cancel_order_finish (ChqClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (ChqOrder *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_CANCEL_ORDER,
                                                   NULL, error);
}

/**
 * chq_client_sandbox_pay_order_async:
 * @self: a #ChqClient
 * @id: the order's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/sandbox/orders/{id}/pay`: the sandbox only, simulates the bank transfer.
 * Finish with chq_client_sandbox_pay_order_finish().
 */
void
chq_client_sandbox_pay_order_async (ChqClient           *self,
                                    const char          *id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  chq_client_call_async (self, CHQ_ENDPOINT_SANDBOX_PAY_ORDER, id, NULL, NULL, NULL, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_sandbox_pay_order_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the order, credited
 */
ChqOrder *
chq_client_sandbox_pay_order_finish (ChqClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return (ChqOrder *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_SANDBOX_PAY_ORDER,
                                                   NULL, error);
}

/* --- workers ------------------------------------------------------------------------ */

/**
 * chq_client_create_worker_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @worker: the worker to add (its editable fields are sent)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/workers`. Finish with chq_client_create_worker_finish().
 */
void
chq_client_create_worker_async (ChqClient           *self,
                                const char          *idempotency_key,
                                ChqWorker           *worker,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (CHQ_IS_WORKER (worker));

  body = chq_worker_request_to_json (worker);
  chq_client_call_async (self, CHQ_ENDPOINT_CREATE_WORKER, NULL, NULL, idempotency_key, body, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_create_worker_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the worker as the service keeps it (with its id)
 */
ChqWorker *
chq_client_create_worker_finish (ChqClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return (ChqWorker *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_CREATE_WORKER,
                                                    NULL, error);
}

/**
 * chq_client_update_worker_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @id: the worker's id
 * @worker: the worker's new editable fields
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `PUT /v1/workers/{id}`. Finish with chq_client_update_worker_finish().
 */
void
chq_client_update_worker_async (ChqClient           *self,
                                const char          *idempotency_key,
                                const char          *id,
                                ChqWorker           *worker,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (CHQ_IS_WORKER (worker));

  body = chq_worker_request_to_json (worker);
  chq_client_call_async (self, CHQ_ENDPOINT_UPDATE_WORKER, id, NULL, idempotency_key, body, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_update_worker_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the worker as the service now keeps it
 */
ChqWorker *
chq_client_update_worker_finish (ChqClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return (ChqWorker *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_UPDATE_WORKER,
                                                    NULL, error);
}

/**
 * chq_client_archive_worker_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @id: the worker's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `DELETE /v1/workers/{id}`: the worker is archived (their history stays). Finish with
 * chq_client_archive_worker_finish().
 */
void
chq_client_archive_worker_async (ChqClient           *self,
                                 const char          *idempotency_key,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  chq_client_call_async (self, CHQ_ENDPOINT_ARCHIVE_WORKER, id, NULL, idempotency_key, NULL, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_archive_worker_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the archived worker
 */
ChqWorker *
chq_client_archive_worker_finish (ChqClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return (ChqWorker *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_ARCHIVE_WORKER,
                                                    NULL, error);
}

/* --- enrolments --------------------------------------------------------------------- */

/**
 * chq_client_create_enrolment_async:
 * @self: a #ChqClient
 * @idempotency_key: the key of this intent (the same on every retry)
 * @worker_id: the worker to book
 * @course_id: the course
 * @session_id: the course's session
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/enrolments`: books the worker and reserves the vouchers. Finish with
 * chq_client_create_enrolment_finish().
 */
void
chq_client_create_enrolment_async (ChqClient           *self,
                                   const char          *idempotency_key,
                                   const char          *worker_id,
                                   const char          *course_id,
                                   const char          *session_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL);
  g_return_if_fail (worker_id != NULL && course_id != NULL && session_id != NULL);

  body = chq_enrolment_request_to_json (worker_id, course_id, session_id);
  chq_client_call_async (self, CHQ_ENDPOINT_CREATE_ENROLMENT, NULL, NULL, idempotency_key,
                         body, NULL, cancellable, callback, user_data);
}

/**
 * chq_client_create_enrolment_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError (`session_full`, `insufficient_vouchers`, ...)
 *
 * Returns: (transfer full) (nullable): the enrolment with its usage code
 */
ChqEnrolment *
chq_client_create_enrolment_finish (ChqClient     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return (ChqEnrolment *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_CREATE_ENROLMENT,
                                                       NULL, error);
}

/**
 * chq_client_cancel_enrolment_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @id: the enrolment's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/enrolments/{id}/cancel`: releases the reservation. Finish with
 * chq_client_cancel_enrolment_finish().
 */
void
chq_client_cancel_enrolment_async (ChqClient           *self,
                                   const char          *idempotency_key,
                                   const char          *id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  chq_client_call_async (self, CHQ_ENDPOINT_CANCEL_ENROLMENT, id, NULL, idempotency_key, NULL, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_cancel_enrolment_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the cancelled enrolment
 */
ChqEnrolment *
chq_client_cancel_enrolment_finish (ChqClient     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return (ChqEnrolment *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_CANCEL_ENROLMENT,
                                                       NULL, error);
}

/**
 * chq_client_record_attendance_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @id: the enrolment's id
 * @days: (element-type ChqAttendanceDay): the hours attended, day by day
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/enrolments/{id}/attendance`: settles the vouchers used and releases the rest.
 * Finish with chq_client_record_attendance_finish().
 */
void
chq_client_record_attendance_async (ChqClient           *self,
                                    const char          *idempotency_key,
                                    const char          *id,
                                    GArray              *days,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (days != NULL);

  body = chq_attendance_request_to_json (days);
  chq_client_call_async (self, CHQ_ENDPOINT_RECORD_ATTENDANCE, id, NULL, idempotency_key,
                         body, NULL, cancellable, callback, user_data);
}

/**
 * chq_client_record_attendance_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError (a day over its cap names `days[i].hours`)
 *
 * Returns: (transfer full) (nullable): the enrolment, attended
 */
ChqEnrolment *
chq_client_record_attendance_finish (ChqClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return (ChqEnrolment *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_RECORD_ATTENDANCE,
                                                       NULL, error);
}
