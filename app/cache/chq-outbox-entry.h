/* chq-outbox-entry.h: one pending write of the outbox, as the UI sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "chq-types.h"
#include "chq-worker.h"

G_BEGIN_DECLS

/* What an entry asks the service to do; stored as the words of
 * chq_outbox_kind_to_string(). */
typedef enum {
  CHQ_OUTBOX_KIND_CREATE_ORDER,
  CHQ_OUTBOX_KIND_CANCEL_ORDER,
  CHQ_OUTBOX_KIND_CREATE_WORKER,
  CHQ_OUTBOX_KIND_UPDATE_WORKER,
  CHQ_OUTBOX_KIND_ARCHIVE_WORKER,
  CHQ_OUTBOX_KIND_CREATE_ENROLMENT,
  CHQ_OUTBOX_KIND_CANCEL_ENROLMENT,
  CHQ_OUTBOX_KIND_RECORD_ATTENDANCE,
} ChqOutboxKind;
#define CHQ_N_OUTBOX_KINDS 8

/* pending: waits to be sent; sending: a request is (or was, before a crash) on its way;
 * sent: the service accepted it (result kept a while for the UI); failed: the service
 * refused it for good (the user edits or discards it). */
typedef enum {
  CHQ_OUTBOX_STATE_PENDING,
  CHQ_OUTBOX_STATE_SENDING,
  CHQ_OUTBOX_STATE_SENT,
  CHQ_OUTBOX_STATE_FAILED,
} ChqOutboxState;

/* A set of states, for chq_outbox_list(). */
typedef enum {
  CHQ_OUTBOX_STATES_PENDING = 1 << CHQ_OUTBOX_STATE_PENDING,
  CHQ_OUTBOX_STATES_SENDING = 1 << CHQ_OUTBOX_STATE_SENDING,
  CHQ_OUTBOX_STATES_SENT    = 1 << CHQ_OUTBOX_STATE_SENT,
  CHQ_OUTBOX_STATES_FAILED  = 1 << CHQ_OUTBOX_STATE_FAILED,
} ChqOutboxStates;
#define CHQ_OUTBOX_STATES_WAITING (CHQ_OUTBOX_STATES_PENDING | CHQ_OUTBOX_STATES_SENDING)
#define CHQ_OUTBOX_STATES_ALL     (CHQ_OUTBOX_STATES_WAITING | CHQ_OUTBOX_STATES_SENT | \
                                   CHQ_OUTBOX_STATES_FAILED)

#define CHQ_TYPE_OUTBOX_KIND   (chq_outbox_kind_get_type ())
#define CHQ_TYPE_OUTBOX_STATE  (chq_outbox_state_get_type ())
#define CHQ_TYPE_OUTBOX_STATES (chq_outbox_states_get_type ())
#define CHQ_TYPE_OUTBOX_ENTRY  (chq_outbox_entry_get_type ())

GType chq_outbox_kind_get_type   (void) G_GNUC_CONST;
GType chq_outbox_state_get_type  (void) G_GNUC_CONST;
GType chq_outbox_states_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (ChqOutboxEntry, chq_outbox_entry, CHQ, OUTBOX_ENTRY, GObject)

const char     *chq_outbox_kind_to_string             (ChqOutboxKind   kind);
gboolean        chq_outbox_kind_from_string           (const char     *word,
                                                       ChqOutboxKind  *out_kind);
const char     *chq_outbox_state_to_string            (ChqOutboxState  state);
gboolean        chq_outbox_state_from_string          (const char     *word,
                                                       ChqOutboxState *out_state);
char           *chq_outbox_describe                   (ChqOutboxKind   kind,
                                                       JsonNode       *payload);
gboolean        chq_outbox_kind_get_request           (ChqOutboxKind   kind,
                                                       const char     *target_id,
                                                       const char    **out_method,
                                                       char          **out_path,
                                                       gboolean       *out_has_body);

gint64          chq_outbox_entry_get_id               (ChqOutboxEntry *self);
ChqOutboxKind   chq_outbox_entry_get_kind             (ChqOutboxEntry *self);
ChqOutboxState  chq_outbox_entry_get_state            (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_account_key      (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_idempotency_key  (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_target_id        (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_payload_json     (ChqOutboxEntry *self);
JsonNode       *chq_outbox_entry_dup_payload          (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_result_json      (ChqOutboxEntry *self);
JsonNode       *chq_outbox_entry_dup_result           (ChqOutboxEntry *self);
guint           chq_outbox_entry_get_attempts         (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_error_message    (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_error_code       (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_error_field      (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_summary          (ChqOutboxEntry *self);
GDateTime      *chq_outbox_entry_get_created_at       (ChqOutboxEntry *self);
GDateTime      *chq_outbox_entry_get_updated_at       (ChqOutboxEntry *self);
GDateTime      *chq_outbox_entry_get_first_attempt_at (ChqOutboxEntry *self);
GDateTime      *chq_outbox_entry_get_last_attempt_at  (ChqOutboxEntry *self);

/* What the request asks, read once from the payload (NULL or 0 for a kind without it). */
const char     *chq_outbox_entry_get_worker_id        (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_course_id        (ChqOutboxEntry *self);
const char     *chq_outbox_entry_get_session_id       (ChqOutboxEntry *self);
ChqVoucherType  chq_outbox_entry_get_voucher_type     (ChqOutboxEntry *self);
guint           chq_outbox_entry_get_quantity         (ChqOutboxEntry *self);
ChqWorker      *chq_outbox_entry_get_worker           (ChqOutboxEntry *self);
/* The service's answer once sent, as its model (ChqOrder, ChqWorker or ChqEnrolment). */
GObject        *chq_outbox_entry_dup_answer           (ChqOutboxEntry *self);

G_END_DECLS
