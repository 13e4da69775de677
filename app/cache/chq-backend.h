/* chq-backend.h: one signed-in account's client, store, outbox and sync engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-outbox.h"
#include "chq-store.h"
#include "chq-sync.h"

G_BEGIN_DECLS

/* The client stays inside the cache layer: its header is not the interface's. */
typedef struct _ChqClient ChqClient;

#define CHQ_TYPE_BACKEND (chq_backend_get_type ())
G_DECLARE_FINAL_TYPE (ChqBackend, chq_backend, CHQ, BACKEND, GObject)

ChqBackend *chq_backend_new                  (const char          *service_uri,
                                              const char          *data_key,
                                              const char          *enterprise_number,
                                              const char          *outbox_path,
                                              GError             **error);
const char *chq_backend_get_service_uri      (ChqBackend          *self);
const char *chq_backend_get_data_key         (ChqBackend          *self);
const char *chq_backend_get_enterprise_number (ChqBackend         *self);
const char *chq_backend_get_account_key      (ChqBackend          *self);
ChqClient  *chq_backend_get_client           (ChqBackend          *self);
gboolean    chq_backend_has_token            (ChqBackend          *self);
void        chq_backend_simulate_payment_async (ChqBackend        *self,
                                              const char          *order_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
ChqOrder   *chq_backend_simulate_payment_finish (ChqBackend       *self,
                                              GAsyncResult        *result,
                                              GError             **error);
ChqStore   *chq_backend_get_store            (ChqBackend          *self);
ChqOutbox  *chq_backend_get_outbox           (ChqBackend          *self);
ChqSync    *chq_backend_get_sync             (ChqBackend          *self);
gboolean    chq_backend_is_demo              (ChqBackend          *self);
void        chq_backend_set_demo             (ChqBackend          *self,
                                              gboolean             demo);

void        chq_backend_sign_in_async        (ChqBackend          *self,
                                              const char          *password,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    chq_backend_sign_in_finish       (ChqBackend          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        chq_backend_restore_async        (ChqBackend          *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    chq_backend_restore_finish       (ChqBackend          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void        chq_backend_sign_out_async       (ChqBackend          *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean    chq_backend_sign_out_finish      (ChqBackend          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

guint       chq_backend_count_unsent         (ChqBackend          *self);

/* Intents: the synchronous calls wait for the disk (tests); the UI uses the _async ones,
 * each finished with chq_backend_intent_finish(). */
gint64      chq_backend_intent_finish        (ChqBackend          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

gint64      chq_backend_order_vouchers       (ChqBackend          *self,
                                              ChqVoucherType       voucher_type,
                                              guint                quantity,
                                              GError             **error);
gint64      chq_backend_order_vouchers_async (ChqBackend          *self,
                                              ChqVoucherType       voucher_type,
                                              guint                quantity,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Cancelling an order, archiving a worker, cancelling a booking: no body, one target. */
gint64      chq_backend_submit_async         (ChqBackend          *self,
                                              ChqOutboxKind        kind,
                                              const char          *target_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64      chq_backend_cancel_order         (ChqBackend          *self,
                                              const char          *order_id,
                                              GError             **error);
gint64      chq_backend_add_worker           (ChqBackend          *self,
                                              ChqWorker           *worker,
                                              GError             **error);
gint64      chq_backend_add_worker_async     (ChqBackend          *self,
                                              ChqWorker           *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64      chq_backend_update_worker        (ChqBackend          *self,
                                              ChqWorker           *worker,
                                              GError             **error);
gint64      chq_backend_update_worker_async  (ChqBackend          *self,
                                              ChqWorker           *worker,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64      chq_backend_archive_worker       (ChqBackend          *self,
                                              const char          *worker_id,
                                              GError             **error);
gint64      chq_backend_book                 (ChqBackend          *self,
                                              const char          *worker_id,
                                              const char          *course_id,
                                              const char          *session_id,
                                              GError             **error);
gint64      chq_backend_book_async           (ChqBackend          *self,
                                              const char          *worker_id,
                                              const char          *course_id,
                                              const char          *session_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64      chq_backend_cancel_booking       (ChqBackend          *self,
                                              const char          *enrolment_id,
                                              GError             **error);
gint64      chq_backend_record_attendance    (ChqBackend          *self,
                                              const char          *enrolment_id,
                                              GArray              *days,
                                              GError             **error);
gint64      chq_backend_record_attendance_async (ChqBackend       *self,
                                              const char          *enrolment_id,
                                              GArray              *days,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

G_END_DECLS
