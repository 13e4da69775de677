/* chq-client.h: the client of the regional voucher API (libsoup), one call per endpoint of
 * the table of chq-endpoint.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "chq-client-error.h"
#include "chq-endpoint.h"
#include "chq-json.h"
#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_CLIENT_DEFAULT_MAX_ATTEMPTS 6
#define CHQ_CLIENT_DEFAULT_BASE_MS      500
#define CHQ_CLIENT_DEFAULT_CAP_MS       60000

#define CHQ_TYPE_CLIENT (chq_client_get_type ())

G_DECLARE_FINAL_TYPE (ChqClient, chq_client, CHQ, CLIENT, GObject)

/* Use a ChqClient from the thread (main context) that made it. Every call takes a
 * GCancellable; cancelling finishes the call at once with G_IO_ERROR_CANCELLED, also while
 * it waits to retry. */

/* base_uri: https://, or http:// to 127.0.0.0/8, ::1 or localhost only (else
 * CHQ_CLIENT_ERROR_INSECURE_ADDRESS, before any request). A trailing slash is ignored. */
ChqClient  *chq_client_new                   (const char   *base_uri,
                                              GError      **error);
const char *chq_client_get_base_uri          (ChqClient    *self);
/* Memory only: the token store is chq-secret.h. NULL forgets it. */
void        chq_client_set_token             (ChqClient    *self,
                                              const char   *token);
gboolean    chq_client_has_token             (ChqClient    *self);
/* Defaults 6, 500, 60000. max_attempts counts the first one (1 = never retry). */
void        chq_client_set_retry_policy      (ChqClient    *self,
                                              guint         max_attempts,
                                              guint         base_ms,
                                              guint         cap_ms);
/* Default CHQ_HTTP_MAX_RESPONSE_SIZE (32 MiB); a bigger body is INVALID_RESPONSE. */
void        chq_client_set_max_response_size (ChqClient    *self,
                                              gsize         max_bytes);
/* Seconds a read or write may wait before the attempt fails with TIMED_OUT (default 30). */
void        chq_client_set_timeout           (ChqClient    *self,
                                              guint         seconds);
/* HTTP requests sent (every attempt counts), for tests and benchmarks. */
guint       chq_client_get_request_count     (ChqClient    *self);

/* A call left as JSON both ways, for the outbox (which keeps request bodies and answers as
 * JSON, and takes method and path from the table of endpoints): method "GET", "POST", "PUT" or "DELETE"; path with its query
 * ("/v1/orders"); idempotency_key (nullable) sent as Idempotency-Key and what makes a
 * write retryable; body (nullable) sent as application/json; etag (nullable) sent as
 * If-None-Match. Finishes with the decoded-to-JsonNode answer (NULL for an empty 2xx
 * answer), the ETag of the answer, or an error (304: CHQ_CLIENT_ERROR_NOT_MODIFIED). */
void        chq_client_send_async            (ChqClient           *self,
                                              const char          *method,
                                              const char          *path,
                                              const char          *idempotency_key,
                                              JsonNode            *body,
                                              const char          *etag,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
JsonNode   *chq_client_send_finish           (ChqClient           *self,
                                              GAsyncResult        *result,
                                              char               **out_etag,
                                              GError             **error);

/* The call every typed call below goes through: the endpoint's row of the table says the
 * method, the path (target_id fills its `{id}`; query, with its `?`, is appended), whether
 * an idempotency key is required, the body's kind, and how the answer is decoded (on a
 * worker thread). Finishes with the decoded answer: a model object, a GPtrArray of them, a
 * ChqCoursesPage or a ChqWallet (an empty answer is CHQ_CLIENT_ERROR_INVALID_RESPONSE). */
void        chq_client_call_async            (ChqClient           *self,
                                              ChqEndpointId        id,
                                              const char          *target_id,
                                              const char          *query,
                                              const char          *idempotency_key,
                                              JsonNode            *body,
                                              const char          *etag,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gpointer    chq_client_call_finish           (ChqClient           *self,
                                              GAsyncResult        *result,
                                              char               **out_etag,
                                              GError             **error);

/* POST /v1/sessions. On success the client keeps the token for the next calls. A wrong
 * number or password is CHQ_CLIENT_ERROR_UNAUTHORIZED with a message saying so. */
void        chq_client_sign_in_async         (ChqClient           *self,
                                              const char          *enterprise_number,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqAccount *chq_client_sign_in_finish        (ChqClient           *self,
                                              GAsyncResult        *result,
                                              char               **out_token,
                                              GDateTime          **out_expires_at,
                                              GError             **error);

/* GET /v1/account */
void        chq_client_get_account_async     (ChqClient           *self,
                                              const char          *etag,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqAccount *chq_client_get_account_finish    (ChqClient           *self,
                                              GAsyncResult        *result,
                                              char               **out_etag,
                                              GError             **error);

/* GET /v1/courses?since=&limit= (since NULL: from the start; limit 0: the server's
 * default). Finishes with the codec's page: courses, deleted ids, next cursor, more. */
void        chq_client_list_courses_async    (ChqClient           *self,
                                              const char          *since,
                                              guint                limit,
                                              const char          *etag,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Told a feed page's `next` and `more` as soon as it has arrived, before it is parsed. */
typedef void     (*ChqCoursesPeekFunc)    (const char      *next,
                                           gboolean         more,
                                           gpointer         user_data);
/* Run on the parsing thread with the decoded page: may set page->prepared (and free what
 * it does not need there, on the thread that made it); FALSE with @error refuses it.
 * page->text is the page's text as received, during the call only (take a reference to
 * keep it). */
typedef gboolean (*ChqCoursesPrepareFunc) (ChqCoursesPage  *page,
                                           gpointer         user_data,
                                           GError         **error);
void        chq_client_list_courses_peek_async (ChqClient            *self,
                                                const char           *since,
                                                guint                 limit,
                                                const char           *etag,
                                                ChqCoursesPeekFunc    peek,
                                                ChqCoursesPrepareFunc prepare,
                                                gpointer              hook_data,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
ChqCoursesPage *chq_client_list_courses_finish (ChqClient         *self,
                                              GAsyncResult        *result,
                                              char               **out_etag,
                                              GError             **error);

/* GET /v1/courses/{id} */
void        chq_client_get_course_async      (ChqClient           *self,
                                              const char          *id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqCourse  *chq_client_get_course_finish     (ChqClient           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* GET /v1/orders: GPtrArray of ChqOrder */
void        chq_client_list_orders_async     (ChqClient           *self,
                                              const char          *etag,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *chq_client_list_orders_finish    (ChqClient           *self,
                                              GAsyncResult        *result,
                                              char               **out_etag,
                                              GError             **error);

/* POST /v1/orders (Idempotency-Key required) */
void        chq_client_create_order_async    (ChqClient           *self,
                                              const char          *idempotency_key,
                                              ChqVoucherType       voucher_type,
                                              guint                quantity,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqOrder   *chq_client_create_order_finish   (ChqClient           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /v1/orders/{id}/cancel (idempotency_key nullable: then it is not retried) */
void        chq_client_cancel_order_async    (ChqClient           *self,
                                              const char          *id,
                                              const char          *idempotency_key,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqOrder   *chq_client_cancel_order_finish   (ChqClient           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* GET /v1/wallet: the batches and the totals per voucher type */
void        chq_client_get_wallet_async      (ChqClient           *self,
                                              const char          *etag,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqWallet  *chq_client_get_wallet_finish     (ChqClient           *self,
                                              GAsyncResult        *result,
                                              char               **out_etag,
                                              GError             **error);

/* GET /v1/workers: GPtrArray of ChqWorker (archived ones too) */
void        chq_client_list_workers_async    (ChqClient           *self,
                                              const char          *etag,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *chq_client_list_workers_finish   (ChqClient           *self,
                                              GAsyncResult        *result,
                                              char               **out_etag,
                                              GError             **error);

/* POST /v1/workers: sends worker's first/last name, status, NISS and email */
void        chq_client_create_worker_async   (ChqClient           *self,
                                              const char          *idempotency_key,
                                              ChqWorker           *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqWorker  *chq_client_create_worker_finish  (ChqClient           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* PUT /v1/workers/{id} */
void        chq_client_update_worker_async   (ChqClient           *self,
                                              const char          *idempotency_key,
                                              const char          *id,
                                              ChqWorker           *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqWorker  *chq_client_update_worker_finish  (ChqClient           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* DELETE /v1/workers/{id}: archives; finishes with the archived worker */
void        chq_client_archive_worker_async  (ChqClient           *self,
                                              const char          *idempotency_key,
                                              const char          *id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqWorker  *chq_client_archive_worker_finish (ChqClient           *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* GET /v1/enrolments?year=Y: GPtrArray of ChqEnrolment */
void        chq_client_list_enrolments_async (ChqClient           *self,
                                              int                  year,
                                              const char          *etag,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *chq_client_list_enrolments_finish (ChqClient          *self,
                                              GAsyncResult        *result,
                                              char               **out_etag,
                                              GError             **error);

/* POST /v1/enrolments (Idempotency-Key required) */
void        chq_client_create_enrolment_async (ChqClient          *self,
                                              const char          *idempotency_key,
                                              const char          *worker_id,
                                              const char          *course_id,
                                              const char          *session_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqEnrolment *chq_client_create_enrolment_finish (ChqClient       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /v1/enrolments/{id}/cancel */
void        chq_client_cancel_enrolment_async (ChqClient          *self,
                                              const char          *idempotency_key,
                                              const char          *id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqEnrolment *chq_client_cancel_enrolment_finish (ChqClient       *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /v1/enrolments/{id}/attendance: days is a GArray of ChqAttendanceDay */
void        chq_client_record_attendance_async (ChqClient         *self,
                                              const char          *idempotency_key,
                                              const char          *id,
                                              GArray              *days,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqEnrolment *chq_client_record_attendance_finish (ChqClient      *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* POST /v1/sandbox/orders/{id}/pay (the sandbox only) */
void        chq_client_sandbox_pay_order_async (ChqClient         *self,
                                              const char          *id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqOrder   *chq_client_sandbox_pay_order_finish (ChqClient        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
