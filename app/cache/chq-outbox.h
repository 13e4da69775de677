/* chq-outbox.h: the writes waiting to be sent, kept on disk until the service has them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "chq-outbox-entry.h"

G_BEGIN_DECLS

#define CHQ_OUTBOX_ERROR (chq_outbox_error_quark ())

typedef enum {
  CHQ_OUTBOX_ERROR_DATABASE,      /* SQLite said no (disk full, read-only, locked...) */
  CHQ_OUTBOX_ERROR_CORRUPT,       /* the file fails its integrity check: kept, not used */
  CHQ_OUTBOX_ERROR_NEWER_SCHEMA,  /* written by a newer Chéquier */
  CHQ_OUTBOX_ERROR_NOT_FOUND,     /* no entry with this id */
  CHQ_OUTBOX_ERROR_WRONG_STATE,   /* e.g. editing an entry that may already be sent */
} ChqOutboxError;

/* The schema version this code writes (PRAGMA user_version). */
#define CHQ_OUTBOX_SCHEMA_VERSION 2

/* How long sent entries stay for the UI ("Order sent: here are the payment details"). */
#define CHQ_OUTBOX_KEEP_SENT_DAYS 30

/* An entry whose first attempt is older than this is not sent again blindly: the service
 * forgets keys after CHQ_API_IDEMPOTENCY_DAYS (docs/api.md); one day of margin for the
 * difference between our clock and the service's. */
#define CHQ_OUTBOX_RESEND_CHECK_DAYS 29

/* The error code of an entry refused because its key may have expired and its effect
 * was not found (chq_outbox_entry_get_error_code()). */
#define CHQ_OUTBOX_CODE_EXPIRED "idempotency_expired"

/* Microseconds since 1970, like g_get_real_time(). */
typedef gint64 (*ChqOutboxClockFunc) (gpointer user_data);

#define CHQ_TYPE_OUTBOX (chq_outbox_get_type ())

G_DECLARE_FINAL_TYPE (ChqOutbox, chq_outbox, CHQ, OUTBOX, GObject)

GQuark          chq_outbox_error_quark     (void);

char           *chq_outbox_default_path    (void);
char           *chq_outbox_account_key     (const char       *service,
                                            const char       *enterprise_number);

ChqOutbox      *chq_outbox_open            (const char       *path,
                                            GError          **error);
const char     *chq_outbox_get_path        (ChqOutbox        *self);

gint64          chq_outbox_add             (ChqOutbox        *self,
                                            const char       *account_key,
                                            ChqOutboxKind     kind,
                                            const char       *target_id,
                                            JsonNode         *payload,
                                            GError          **error);
gint64          chq_outbox_add_async       (ChqOutbox        *self,
                                            const char       *account_key,
                                            ChqOutboxKind     kind,
                                            const char       *target_id,
                                            JsonNode         *payload,
                                            GCancellable     *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer          user_data);
gint64          chq_outbox_add_finish      (ChqOutbox        *self,
                                            GAsyncResult     *result,
                                            GError          **error);
ChqOutboxEntry *chq_outbox_get_entry       (ChqOutbox        *self,
                                            gint64            id,
                                            GError          **error);
GPtrArray      *chq_outbox_list            (ChqOutbox        *self,
                                            const char       *account_key,
                                            ChqOutboxStates   states);
guint           chq_outbox_count_pending   (ChqOutbox        *self,
                                            const char       *account_key);
GListModel     *chq_outbox_get_model       (ChqOutbox        *self,
                                            const char       *account_key);

void            chq_outbox_set_clock       (ChqOutbox        *self,
                                            ChqOutboxClockFunc clock,
                                            gpointer          user_data);
GDateTime      *chq_outbox_now             (ChqOutbox        *self);

gboolean        chq_outbox_resend          (ChqOutbox        *self,
                                            gint64            id,
                                            GError          **error);
gboolean        chq_outbox_discard         (ChqOutbox        *self,
                                            gint64            id,
                                            GError          **error);
gboolean        chq_outbox_update_payload  (ChqOutbox        *self,
                                            gint64            id,
                                            JsonNode         *payload,
                                            GError          **error);

/* Used by the sync engine, one entry at a time. */
ChqOutboxEntry *chq_outbox_next_to_send    (ChqOutbox        *self,
                                            const char       *account_key,
                                            GError          **error);
gboolean        chq_outbox_mark_sending    (ChqOutbox        *self,
                                            gint64            id,
                                            GError          **error);
gboolean        chq_outbox_mark_retry      (ChqOutbox        *self,
                                            gint64            id,
                                            const char       *message,
                                            GError          **error);
gboolean        chq_outbox_mark_sent       (ChqOutbox        *self,
                                            gint64            id,
                                            JsonNode         *result,
                                            GError          **error);
gboolean        chq_outbox_mark_failed     (ChqOutbox        *self,
                                            gint64            id,
                                            const char       *message,
                                            const char       *code,
                                            const char       *field,
                                            GError          **error);
guint           chq_outbox_purge_sent      (ChqOutbox        *self,
                                            GTimeSpan         older_than,
                                            GError          **error);

G_END_DECLS
