/* chq-outbox-kind.h: what each kind of outbox entry means: its words, its summary, the
 * API request that carries it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

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

GType chq_outbox_kind_get_type   (void) G_GNUC_CONST;
GType chq_outbox_state_get_type  (void) G_GNUC_CONST;
GType chq_outbox_states_get_type (void) G_GNUC_CONST;

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
/* The service's answer to a request of @kind, as its model (ChqOrder, ChqWorker or
 * ChqEnrolment), or NULL. */
GObject        *chq_outbox_kind_decode_answer         (ChqOutboxKind   kind,
                                                       JsonNode       *answer);

G_END_DECLS
