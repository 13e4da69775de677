/* chq-outbox-kind.c: what each kind of outbox entry means: its words, the sentence that
 * sums it up, and the API request that carries it (from the table of endpoints)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "chq-endpoint.h"
#include "chq-json.h"
#include "chq-outbox-kind.h"
#include "chq-types.h"

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

/**
 * chq_outbox_kind_decode_answer:
 * @kind: what the entry asked for
 * @answer: the service's answer to it
 *
 * Reads the answer to the request of @kind as the model its endpoint answers (the table
 * of chq-endpoint.c): a #ChqOrder, a #ChqWorker or a #ChqEnrolment.
 *
 * Returns: (transfer full) (nullable): a new object, or %NULL when the codec refuses
 *   @answer
 */
GObject *
chq_outbox_kind_decode_answer (ChqOutboxKind  kind,
                               JsonNode      *answer)
{
  const ChqEndpoint *endpoint;

  g_return_val_if_fail ((guint) kind < CHQ_N_OUTBOX_KINDS, NULL);
  g_return_val_if_fail (answer != NULL, NULL);

  endpoint = chq_endpoint_get (kind_endpoints[kind]);
  if (endpoint->answer != CHQ_BODY_MODEL)
    return NULL;

  return chq_model_from_json (endpoint->model_type (), answer, NULL);
}
