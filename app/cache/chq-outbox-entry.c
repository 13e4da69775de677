/* chq-outbox-entry.c: one pending write of the outbox, as the UI sees it (what its kind
 * means is chq-outbox-kind.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-outbox"

#include "config.h"

#include <string.h>

#include "chq-clock.h"
#include "chq-json.h"
#include "chq-outbox-entry.h"
#include "chq-types.h"

/* An entry is a snapshot of one outbox row: every property is set at construction by
 * ChqOutbox and never changes; the outbox makes new objects when rows change. */
struct _ChqOutboxEntry
{
  GObject         parent_instance;

  gint64          id;
  ChqOutboxKind   kind;
  ChqOutboxState  state;
  guint           attempts;
  char           *account_key;      /* owned */
  char           *idempotency_key;  /* owned */
  char           *target_id;        /* owned, nullable */
  char           *payload_json;     /* owned */
  char           *result_json;      /* owned, nullable: the service's answer once sent */
  char           *error_message;    /* owned, nullable: translated, for people */
  char           *error_code;       /* owned, nullable: the service's machine word */
  char           *error_field;      /* owned, nullable */
  char           *summary;          /* owned: made from kind and payload */
  GDateTime      *created_at;       /* owned */
  GDateTime      *updated_at;       /* owned */
  GDateTime      *first_attempt_at; /* owned, nullable: never tried */
  GDateTime      *last_attempt_at;  /* owned, nullable */

  /* Read from the payload at construction, by kind; NULL or 0 when the kind has no such
   * member or the payload is not a well-formed request. */
  char           *worker_id;        /* owned: create_enrolment */
  char           *course_id;        /* owned: create_enrolment */
  char           *session_id;       /* owned: create_enrolment */
  ChqVoucherType  voucher_type;     /* create_order */
  guint           quantity;         /* create_order */
  ChqWorker      *worker;           /* owned: create_worker, update_worker */
};

G_DEFINE_FINAL_TYPE (ChqOutboxEntry, chq_outbox_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_STATE,
  PROP_ATTEMPTS,
  PROP_ACCOUNT_KEY,
  PROP_IDEMPOTENCY_KEY,
  PROP_TARGET_ID,
  PROP_PAYLOAD_JSON,
  PROP_RESULT_JSON,
  PROP_ERROR_MESSAGE,
  PROP_ERROR_CODE,
  PROP_ERROR_FIELD,
  PROP_SUMMARY,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_FIRST_ATTEMPT_AT,
  PROP_LAST_ATTEMPT_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JsonNode *
parse_json_or_null (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  if (text == NULL)
    return NULL;

  node = chq_json_parse (text, strlen (text), 0, &error);
  if (node == NULL)
    g_warning ("An outbox entry holds invalid JSON: %s", error->message);

  return node;
}

/* Keeps what the UI shows of the request (the codec's strict readers, errors ignored: an
 * entry whose payload is not a well-formed request just has none of it). */
static void
read_payload (ChqOutboxEntry *self,
              JsonNode       *payload)
{
  switch (self->kind)
    {
    case CHQ_OUTBOX_KIND_CREATE_ORDER:
      chq_order_request_from_json (payload, &self->voucher_type, &self->quantity, NULL);
      break;

    case CHQ_OUTBOX_KIND_CREATE_WORKER:
    case CHQ_OUTBOX_KIND_UPDATE_WORKER:
      self->worker = chq_worker_request_from_json (payload, NULL);
      break;

    case CHQ_OUTBOX_KIND_CREATE_ENROLMENT:
      chq_enrolment_request_from_json (payload, &self->worker_id, &self->course_id,
                                       &self->session_id, NULL);
      break;

    case CHQ_OUTBOX_KIND_CANCEL_ORDER:
    case CHQ_OUTBOX_KIND_ARCHIVE_WORKER:
    case CHQ_OUTBOX_KIND_CANCEL_ENROLMENT:
    case CHQ_OUTBOX_KIND_RECORD_ATTENDANCE:
    default:
      break;
    }
}

static void
chq_outbox_entry_constructed (GObject *object)
{
  ChqOutboxEntry *self = CHQ_OUTBOX_ENTRY (object);
  g_autoptr(JsonNode) payload = parse_json_or_null (self->payload_json);

  G_OBJECT_CLASS (chq_outbox_entry_parent_class)->constructed (object);

  self->summary = chq_outbox_describe (self->kind, payload);
  if (payload != NULL)
    read_payload (self, payload);
  if (self->created_at == NULL)
    self->created_at = chq_clock_now_utc ();
  if (self->updated_at == NULL)
    self->updated_at = g_date_time_ref (self->created_at);
}

static void
chq_outbox_entry_finalize (GObject *object)
{
  ChqOutboxEntry *self = CHQ_OUTBOX_ENTRY (object);

  g_clear_pointer (&self->account_key, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->target_id, g_free);
  g_clear_pointer (&self->payload_json, g_free);
  g_clear_pointer (&self->result_json, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->error_code, g_free);
  g_clear_pointer (&self->error_field, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->first_attempt_at, g_date_time_unref);
  g_clear_pointer (&self->last_attempt_at, g_date_time_unref);
  g_clear_pointer (&self->worker_id, g_free);
  g_clear_pointer (&self->course_id, g_free);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (chq_outbox_entry_parent_class)->finalize (object);
}

static void
chq_outbox_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChqOutboxEntry *self = CHQ_OUTBOX_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_ACCOUNT_KEY:
      g_value_set_string (value, self->account_key);
      break;
    case PROP_IDEMPOTENCY_KEY:
      g_value_set_string (value, self->idempotency_key);
      break;
    case PROP_TARGET_ID:
      g_value_set_string (value, self->target_id);
      break;
    case PROP_PAYLOAD_JSON:
      g_value_set_string (value, self->payload_json);
      break;
    case PROP_RESULT_JSON:
      g_value_set_string (value, self->result_json);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_ERROR_CODE:
      g_value_set_string (value, self->error_code);
      break;
    case PROP_ERROR_FIELD:
      g_value_set_string (value, self->error_field);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_FIRST_ATTEMPT_AT:
      g_value_set_boxed (value, self->first_attempt_at);
      break;
    case PROP_LAST_ATTEMPT_AT:
      g_value_set_boxed (value, self->last_attempt_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_outbox_entry_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChqOutboxEntry *self = CHQ_OUTBOX_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_STATE:
      self->state = g_value_get_enum (value);
      break;
    case PROP_ATTEMPTS:
      self->attempts = g_value_get_uint (value);
      break;
    case PROP_ACCOUNT_KEY:
      self->account_key = g_value_dup_string (value);
      break;
    case PROP_IDEMPOTENCY_KEY:
      self->idempotency_key = g_value_dup_string (value);
      break;
    case PROP_TARGET_ID:
      self->target_id = g_value_dup_string (value);
      break;
    case PROP_PAYLOAD_JSON:
      self->payload_json = g_value_dup_string (value);
      break;
    case PROP_RESULT_JSON:
      self->result_json = g_value_dup_string (value);
      break;
    case PROP_ERROR_MESSAGE:
      self->error_message = g_value_dup_string (value);
      break;
    case PROP_ERROR_CODE:
      self->error_code = g_value_dup_string (value);
      break;
    case PROP_ERROR_FIELD:
      self->error_field = g_value_dup_string (value);
      break;
    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;
    case PROP_UPDATED_AT:
      self->updated_at = g_value_dup_boxed (value);
      break;
    case PROP_FIRST_ATTEMPT_AT:
      self->first_attempt_at = g_value_dup_boxed (value);
      break;
    case PROP_LAST_ATTEMPT_AT:
      self->last_attempt_at = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_outbox_entry_class_init (ChqOutboxEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = chq_outbox_entry_constructed;
  object_class->finalize = chq_outbox_entry_finalize;
  object_class->get_property = chq_outbox_entry_get_property;
  object_class->set_property = chq_outbox_entry_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CHQ_TYPE_OUTBOX_KIND,
                       CHQ_OUTBOX_KIND_CREATE_ORDER, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CHQ_TYPE_OUTBOX_STATE,
                       CHQ_OUTBOX_STATE_PENDING, ro);
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ACCOUNT_KEY] =
    g_param_spec_string ("account-key", NULL, NULL, NULL, ro);
  properties[PROP_IDEMPOTENCY_KEY] =
    g_param_spec_string ("idempotency-key", NULL, NULL, NULL, ro);
  properties[PROP_TARGET_ID] =
    g_param_spec_string ("target-id", NULL, NULL, NULL, ro);
  properties[PROP_PAYLOAD_JSON] =
    g_param_spec_string ("payload-json", NULL, NULL, NULL, ro);
  properties[PROP_RESULT_JSON] =
    g_param_spec_string ("result-json", NULL, NULL, NULL, ro);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_ERROR_CODE] =
    g_param_spec_string ("error-code", NULL, NULL, NULL, ro);
  properties[PROP_ERROR_FIELD] =
    g_param_spec_string ("error-field", NULL, NULL, NULL, ro);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_FIRST_ATTEMPT_AT] =
    g_param_spec_boxed ("first-attempt-at", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_LAST_ATTEMPT_AT] =
    g_param_spec_boxed ("last-attempt-at", NULL, NULL, G_TYPE_DATE_TIME, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_outbox_entry_init (ChqOutboxEntry *self)
{
}

/**
 * chq_outbox_entry_get_id:
 * @self: a #ChqOutboxEntry
 *
 * Returns: the entry's id; ids grow in the order entries were added
 */
gint64
chq_outbox_entry_get_id (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), 0);
  return self->id;
}

/**
 * chq_outbox_entry_get_kind:
 * @self: a #ChqOutboxEntry
 *
 * Returns: what the entry asks the service to do
 */
ChqOutboxKind
chq_outbox_entry_get_kind (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), 0);
  return self->kind;
}

/**
 * chq_outbox_entry_get_state:
 * @self: a #ChqOutboxEntry
 *
 * Returns: the state the entry had when this snapshot was made
 */
ChqOutboxState
chq_outbox_entry_get_state (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), 0);
  return self->state;
}

/**
 * chq_outbox_entry_get_account_key:
 * @self: a #ChqOutboxEntry
 *
 * Returns: the account (service and enterprise number) the entry belongs to
 */
const char *
chq_outbox_entry_get_account_key (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->account_key;
}

/**
 * chq_outbox_entry_get_idempotency_key:
 * @self: a #ChqOutboxEntry
 *
 * Returns: the UUID sent as `Idempotency-Key` on every attempt
 */
const char *
chq_outbox_entry_get_idempotency_key (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->idempotency_key;
}

/**
 * chq_outbox_entry_get_target_id:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (nullable): the id of the order, worker or enrolment acted on
 */
const char *
chq_outbox_entry_get_target_id (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->target_id;
}

/**
 * chq_outbox_entry_get_payload_json:
 * @self: a #ChqOutboxEntry
 *
 * Returns: the request body as JSON text
 */
const char *
chq_outbox_entry_get_payload_json (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->payload_json;
}

/**
 * chq_outbox_entry_dup_payload:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (transfer full) (nullable): the request body, parsed
 */
JsonNode *
chq_outbox_entry_dup_payload (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return parse_json_or_null (self->payload_json);
}

/**
 * chq_outbox_entry_get_result_json:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (nullable): the service's answer as JSON text, once sent
 */
const char *
chq_outbox_entry_get_result_json (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->result_json;
}

/**
 * chq_outbox_entry_dup_result:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (transfer full) (nullable): the service's answer (for an order: the order
 *   with its payment instructions; for a booking: the enrolment with its usage code)
 */
JsonNode *
chq_outbox_entry_dup_result (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return parse_json_or_null (self->result_json);
}

/**
 * chq_outbox_entry_get_attempts:
 * @self: a #ChqOutboxEntry
 *
 * Returns: how many times sending was started
 */
guint
chq_outbox_entry_get_attempts (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), 0);
  return self->attempts;
}

/**
 * chq_outbox_entry_get_error_message:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (nullable): why the service refused the entry (translated), or why the last
 *   attempt did not get through
 */
const char *
chq_outbox_entry_get_error_message (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->error_message;
}

/**
 * chq_outbox_entry_get_error_code:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (nullable): the service's machine word for the refusal
 */
const char *
chq_outbox_entry_get_error_code (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->error_code;
}

/**
 * chq_outbox_entry_get_error_field:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (nullable): the payload field the service found at fault
 */
const char *
chq_outbox_entry_get_error_field (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->error_field;
}

/**
 * chq_outbox_entry_get_summary:
 * @self: a #ChqOutboxEntry
 *
 * Returns: a translated sentence saying what the entry does
 */
const char *
chq_outbox_entry_get_summary (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->summary;
}

/**
 * chq_outbox_entry_get_created_at:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (transfer none): when the entry was added
 */
GDateTime *
chq_outbox_entry_get_created_at (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->created_at;
}

/**
 * chq_outbox_entry_get_updated_at:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (transfer none): when the entry last changed
 */
GDateTime *
chq_outbox_entry_get_updated_at (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->updated_at;
}

/**
 * chq_outbox_entry_get_first_attempt_at:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (transfer none) (nullable): when a request for the entry first went out (the
 *   service's idempotency window counts from about then), or %NULL if never
 */
GDateTime *
chq_outbox_entry_get_first_attempt_at (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->first_attempt_at;
}

/**
 * chq_outbox_entry_get_last_attempt_at:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (transfer none) (nullable): when a request for the entry last went out, or
 *   %NULL if never
 */
GDateTime *
chq_outbox_entry_get_last_attempt_at (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);
  return self->last_attempt_at;
}

/**
 * chq_outbox_entry_get_worker_id:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (nullable): the worker a booking (create_enrolment) is for, or %NULL for
 *   another kind
 */
const char *
chq_outbox_entry_get_worker_id (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);

  return self->worker_id;
}

/**
 * chq_outbox_entry_get_course_id:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (nullable): the course a booking (create_enrolment) is on, or %NULL for
 *   another kind
 */
const char *
chq_outbox_entry_get_course_id (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);

  return self->course_id;
}

/**
 * chq_outbox_entry_get_session_id:
 * @self: a #ChqOutboxEntry
 *
 * Returns: (nullable): the session a booking (create_enrolment) is on, or %NULL for
 *   another kind
 */
const char *
chq_outbox_entry_get_session_id (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);

  return self->session_id;
}

/**
 * chq_outbox_entry_get_voucher_type:
 * @self: a #ChqOutboxEntry
 *
 * Returns: the voucher type an order (create_order) asks for; %CHQ_VOUCHER_TYPE_CF for
 *   another kind (chq_outbox_entry_get_quantity() is 0 then)
 */
ChqVoucherType
chq_outbox_entry_get_voucher_type (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), CHQ_VOUCHER_TYPE_CF);

  return self->voucher_type;
}

/**
 * chq_outbox_entry_get_quantity:
 * @self: a #ChqOutboxEntry
 *
 * Returns: how many vouchers an order (create_order) asks for (at least 1), or 0 for
 *   another kind
 */
guint
chq_outbox_entry_get_quantity (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), 0);

  return self->quantity;
}

/**
 * chq_outbox_entry_get_worker:
 * @self: a #ChqOutboxEntry
 *
 * The worker as a creation or an edit (create_worker, update_worker) asks for it: its
 * editable fields, no id. Do not modify it.
 *
 * Returns: (transfer none) (nullable): the worker, or %NULL for another kind
 */
ChqWorker *
chq_outbox_entry_get_worker (ChqOutboxEntry *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);

  return self->worker;
}

/**
 * chq_outbox_entry_dup_answer:
 * @self: a #ChqOutboxEntry
 *
 * The service's answer to a sent entry, decoded as the model its endpoint answers
 * (chq-endpoint.c): a #ChqOrder, a #ChqWorker or a #ChqEnrolment.
 *
 * Returns: (transfer full) (nullable): a new object, or %NULL when the entry has no answer
 *   (not sent) or the answer is not one the codec accepts
 */
GObject *
chq_outbox_entry_dup_answer (ChqOutboxEntry *self)
{
  g_autoptr(JsonNode) result = NULL;

  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);

  result = chq_outbox_entry_dup_result (self);
  if (result == NULL)
    return NULL;

  return chq_outbox_kind_decode_answer (self->kind, result);
}

