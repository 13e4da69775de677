/* chq-outbox-entry.h: one pending write of the outbox, as the UI sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "chq-outbox-kind.h"
#include "chq-types.h"
#include "chq-worker.h"

G_BEGIN_DECLS

#define CHQ_TYPE_OUTBOX_ENTRY  (chq_outbox_entry_get_type ())

G_DECLARE_FINAL_TYPE (ChqOutboxEntry, chq_outbox_entry, CHQ, OUTBOX_ENTRY, GObject)

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
