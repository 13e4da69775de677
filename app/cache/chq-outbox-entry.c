/* chq-outbox-entry.c: one pending write of the outbox, as the UI sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "chq-clock.h"
#include "chq-endpoint.h"
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

static const char * const kind_words[CHQ_N_OUTBOX_KINDS] = {
  "create_order",
  "cancel_order",
  "create_worker",
  "update_worker",
  "archive_worker",
  "create_enrolment",
  "cancel_enrolment",
  "record_attendance",
};

static const char * const state_words[] = {
  "pending",
  "sending",
  "sent",
  "failed",
};

static const GEnumValue kind_values[] = {
  { CHQ_OUTBOX_KIND_CREATE_ORDER, "CHQ_OUTBOX_KIND_CREATE_ORDER", "create-order" },
  { CHQ_OUTBOX_KIND_CANCEL_ORDER, "CHQ_OUTBOX_KIND_CANCEL_ORDER", "cancel-order" },
  { CHQ_OUTBOX_KIND_CREATE_WORKER, "CHQ_OUTBOX_KIND_CREATE_WORKER", "create-worker" },
  { CHQ_OUTBOX_KIND_UPDATE_WORKER, "CHQ_OUTBOX_KIND_UPDATE_WORKER", "update-worker" },
  { CHQ_OUTBOX_KIND_ARCHIVE_WORKER, "CHQ_OUTBOX_KIND_ARCHIVE_WORKER", "archive-worker" },
  { CHQ_OUTBOX_KIND_CREATE_ENROLMENT, "CHQ_OUTBOX_KIND_CREATE_ENROLMENT", "create-enrolment" },
  { CHQ_OUTBOX_KIND_CANCEL_ENROLMENT, "CHQ_OUTBOX_KIND_CANCEL_ENROLMENT", "cancel-enrolment" },
  { CHQ_OUTBOX_KIND_RECORD_ATTENDANCE, "CHQ_OUTBOX_KIND_RECORD_ATTENDANCE",
    "record-attendance" },
  { 0, NULL, NULL },
};

static const GEnumValue state_values[] = {
  { CHQ_OUTBOX_STATE_PENDING, "CHQ_OUTBOX_STATE_PENDING", "pending" },
  { CHQ_OUTBOX_STATE_SENDING, "CHQ_OUTBOX_STATE_SENDING", "sending" },
  { CHQ_OUTBOX_STATE_SENT, "CHQ_OUTBOX_STATE_SENT", "sent" },
  { CHQ_OUTBOX_STATE_FAILED, "CHQ_OUTBOX_STATE_FAILED", "failed" },
  { 0, NULL, NULL },
};

static const GFlagsValue states_values[] = {
  { CHQ_OUTBOX_STATES_PENDING, "CHQ_OUTBOX_STATES_PENDING", "pending" },
  { CHQ_OUTBOX_STATES_SENDING, "CHQ_OUTBOX_STATES_SENDING", "sending" },
  { CHQ_OUTBOX_STATES_SENT, "CHQ_OUTBOX_STATES_SENT", "sent" },
  { CHQ_OUTBOX_STATES_FAILED, "CHQ_OUTBOX_STATES_FAILED", "failed" },
  { 0, NULL, NULL },
};

GType
chq_outbox_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("ChqOutboxKind", kind_values));

  return type_id;
}

GType
chq_outbox_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("ChqOutboxState", state_values));

  return type_id;
}

GType
chq_outbox_states_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_flags_register_static ("ChqOutboxStates", states_values));

  return type_id;
}

/**
 * chq_outbox_kind_to_string:
 * @kind: a #ChqOutboxKind
 *
 * Returns: the word the outbox database stores for @kind
 */
const char *
chq_outbox_kind_to_string (ChqOutboxKind kind)
{
  g_return_val_if_fail ((guint) kind < CHQ_N_OUTBOX_KINDS, NULL);

  return kind_words[kind];
}

/**
 * chq_outbox_kind_from_string:
 * @word: (nullable): a stored word
 * @out_kind: (out): where to put the kind
 *
 * Returns: %FALSE for %NULL or a word no kind has
 */
gboolean
chq_outbox_kind_from_string (const char    *word,
                             ChqOutboxKind *out_kind)
{
  if (word == NULL)
    return FALSE;

  for (guint i = 0; i < CHQ_N_OUTBOX_KINDS; i++)
    {
      if (g_str_equal (word, kind_words[i]))
        {
          *out_kind = (ChqOutboxKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * chq_outbox_state_to_string:
 * @state: a #ChqOutboxState
 *
 * Returns: the word the outbox database stores for @state
 */
const char *
chq_outbox_state_to_string (ChqOutboxState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_words), NULL);

  return state_words[state];
}

/**
 * chq_outbox_state_from_string:
 * @word: (nullable): a stored word
 * @out_state: (out): where to put the state
 *
 * Returns: %FALSE for %NULL or a word no state has
 */
gboolean
chq_outbox_state_from_string (const char     *word,
                              ChqOutboxState *out_state)
{
  if (word == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (state_words); i++)
    {
      if (g_str_equal (word, state_words[i]))
        {
          *out_state = (ChqOutboxState) i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
payload_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gint64
payload_get_int (JsonObject *object,
                 const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return 0;

  node = json_object_get_member (object, member);
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;

  return json_node_get_int (node);
}

/* "Marie Dupont" from a worker body, whichever of the usual name fields it has. */
static char *
payload_dup_person_name (JsonObject *object)
{
  const char *first = payload_get_string (object, "first_name");
  const char *last = payload_get_string (object, "last_name");
  const char *name = payload_get_string (object, "name");

  if (first != NULL && last != NULL)
    return g_strdup_printf ("%s %s", first, last);
  if (name != NULL)
    return g_strdup (name);
  if (last != NULL)
    return g_strdup (last);

  return NULL;
}

static double
payload_sum_hours (JsonObject *object)
{
  JsonNode *days;
  JsonArray *array;
  double hours = 0;

  if (object == NULL)
    return 0;

  days = json_object_get_member (object, "days");
  if (days == NULL || !JSON_NODE_HOLDS_ARRAY (days))
    return 0;

  array = json_node_get_array (days);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *day = json_array_get_element (array, i);
      JsonNode *value;

      if (!JSON_NODE_HOLDS_OBJECT (day))
        continue;
      value = json_object_get_member (json_node_get_object (day), "hours");
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
          (json_node_get_value_type (value) == G_TYPE_INT64 ||
           json_node_get_value_type (value) == G_TYPE_DOUBLE))
        hours += json_node_get_double (value);
    }

  return hours;
}

/**
 * chq_outbox_describe:
 * @kind: what the entry asks for
 * @payload: (nullable): the request body
 *
 * Says in a short translated sentence what an outbox entry asks the service to do, for
 * the list of changes waiting to be sent. Pure: depends on its arguments only.
 *
 * Returns: (transfer full): the summary
 */
char *
chq_outbox_describe (ChqOutboxKind  kind,
                     JsonNode      *payload)
{
  JsonObject *object = NULL;
  g_autofree char *person = NULL;

  if (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload))
    object = json_node_get_object (payload);

  switch (kind)
    {
    case CHQ_OUTBOX_KIND_CREATE_ORDER:
      {
        gint64 quantity = payload_get_int (object, "quantity");
        ChqVoucherType type;

        if (quantity > 0 &&
            chq_voucher_type_from_string (payload_get_string (object, "voucher_type"), &type))
          /* Translators: "Order 10 vouchers (Standard)"; the last is the voucher type */
          return g_strdup_printf (ngettext ("Order %u voucher (%s)",
                                            "Order %u vouchers (%s)",
                                            (gulong) quantity),
                                  (guint) quantity, chq_voucher_type_get_label (type));
        return g_strdup (_("Order vouchers"));
      }

    case CHQ_OUTBOX_KIND_CANCEL_ORDER:
      return g_strdup (_("Cancel an order"));

    case CHQ_OUTBOX_KIND_CREATE_WORKER:
      person = payload_dup_person_name (object);
      if (person != NULL)
        /* Translators: %s is a person's name */
        return g_strdup_printf (_("Add worker %s"), person);
      return g_strdup (_("Add a worker"));

    case CHQ_OUTBOX_KIND_UPDATE_WORKER:
      person = payload_dup_person_name (object);
      if (person != NULL)
        /* Translators: %s is a person's name */
        return g_strdup_printf (_("Edit worker %s"), person);
      return g_strdup (_("Edit a worker"));

    case CHQ_OUTBOX_KIND_ARCHIVE_WORKER:
      return g_strdup (_("Archive a worker"));

    case CHQ_OUTBOX_KIND_CREATE_ENROLMENT:
      return g_strdup (_("Book a worker on a course"));

    case CHQ_OUTBOX_KIND_CANCEL_ENROLMENT:
      return g_strdup (_("Cancel a booking"));

    case CHQ_OUTBOX_KIND_RECORD_ATTENDANCE:
      {
        double hours = payload_sum_hours (object);

        if (hours > 0)
          /* Translators: %g is a number of hours, maybe with a decimal part: "6.5" */
          return g_strdup_printf (ngettext ("Record %g hour of attendance",
                                            "Record %g hours of attendance",
                                            (gulong) ceil (hours)),
                                  hours);
        return g_strdup (_("Record attendance"));
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

/* The endpoint that carries each kind of entry, indexed by ChqOutboxKind. */
static const ChqEndpointId kind_endpoints[CHQ_N_OUTBOX_KINDS] = {
  CHQ_ENDPOINT_CREATE_ORDER,
  CHQ_ENDPOINT_CANCEL_ORDER,
  CHQ_ENDPOINT_CREATE_WORKER,
  CHQ_ENDPOINT_UPDATE_WORKER,
  CHQ_ENDPOINT_ARCHIVE_WORKER,
  CHQ_ENDPOINT_CREATE_ENROLMENT,
  CHQ_ENDPOINT_CANCEL_ENROLMENT,
  CHQ_ENDPOINT_RECORD_ATTENDANCE,
};

/**
 * chq_outbox_kind_get_request:
 * @kind: what the entry asks for
 * @target_id: (nullable): the order, worker or enrolment acted on
 * @out_method: (out): "POST", "PUT" or "DELETE"
 * @out_path: (out) (transfer full): the path, with @target_id escaped into it
 * @out_has_body: (out): whether the entry's payload is sent as the body
 *
 * The API request that carries an outbox entry, read from the table of endpoints
 * (chq-endpoint.c). Pure.
 *
 * Returns: %FALSE when @kind needs a target id and @target_id is %NULL or empty
 */
gboolean
chq_outbox_kind_get_request (ChqOutboxKind   kind,
                             const char     *target_id,
                             const char    **out_method,
                             char          **out_path,
                             gboolean       *out_has_body)
{
  const ChqEndpoint *endpoint;
  char *path;

  g_return_val_if_fail ((guint) kind < CHQ_N_OUTBOX_KINDS, FALSE);

  endpoint = chq_endpoint_get (kind_endpoints[kind]);
  path = chq_endpoint_build_path (endpoint, target_id);
  if (path == NULL)
    return FALSE;

  *out_method = endpoint->method;
  *out_path = path;
  *out_has_body = endpoint->request != CHQ_BODY_NONE;

  return TRUE;
}

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
  const ChqEndpoint *endpoint;

  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (self), NULL);

  result = chq_outbox_entry_dup_result (self);
  endpoint = chq_endpoint_get (kind_endpoints[self->kind]);
  if (result == NULL || endpoint->answer != CHQ_BODY_MODEL)
    return NULL;

  return chq_model_from_json (endpoint->model_type (), result, NULL);
}
