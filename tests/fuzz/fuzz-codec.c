/* fuzz-codec.c: libFuzzer target for the JSON codec of every model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is offered to the parser and to every decoder of the contract. Whatever
 * decodes must encode again, and the encoded text must decode to the same text: a
 * decoder that accepts what its encoder cannot reproduce is a finding, as is any crash,
 * leak, sanitizer report or GLib critical. The items of a feed page found in its text
 * must be the parser's. What the strict check (chq_json_check) passes, json-glib must read.
 * (json-glib's own text of a document is not always JSON: it writes 1e40 as "1e+40.0".
 * The codec never writes such a number, its members are bounded; the round trips above
 * check what it does write.)
 */
#define G_LOG_DOMAIN "fuzz-codec"

#include "config.h"

#include "chq-json.h"
#include "chq-json-check.h"
#include "fuzz-common.h"

/* encode (decode (text)) must be a fixed point after one round. */
static void
check_round_trip (GType     type,
                  JsonNode *encoded)
{
  g_autofree char *first = chq_json_to_string (encoded, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) again = chq_json_parse (first, strlen (first), 0, &error);
  g_autoptr(GObject) model = NULL;
  g_autoptr(JsonNode) encoded_again = NULL;
  g_autofree char *second = NULL;

  if (again == NULL)
    g_error ("The codec wrote JSON it cannot read (%s): %s", error->message, first);
  model = chq_model_from_json (type, again, &error);
  if (model == NULL)
    g_error ("The %s encoder wrote what its decoder refuses (%s): %s",
             g_type_name (type), error->message, first);
  encoded_again = chq_model_to_json (model);
  second = chq_json_to_string (encoded_again, NULL);
  if (!g_str_equal (first, second))
    g_error ("%s does not survive a round trip:\n%s\n%s", g_type_name (type), first, second);
}

static void
try_models (JsonNode *node)
{
  GType types[] = {
    CHQ_TYPE_ACCOUNT, CHQ_TYPE_COURSE, CHQ_TYPE_COURSE_SESSION, CHQ_TYPE_LOCATION,
    CHQ_TYPE_ORDER, CHQ_TYPE_VOUCHER_BATCH, CHQ_TYPE_WORKER, CHQ_TYPE_ENROLMENT,
    CHQ_TYPE_PROBLEM,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) model = chq_model_from_json (types[i], node, &error);

      if (model != NULL)
        {
          g_autoptr(JsonNode) encoded = chq_model_to_json (model);

          check_round_trip (types[i], encoded);
        }
      else
        {
          fuzz_check_error (error);
          if (error->domain == CHQ_CODEC_ERROR && error->code != CHQ_CODEC_ERROR_NOT_JSON)
            (void) chq_codec_error_get_field (error);
        }
    }

  for (guint i = 0; i < 3; i++)
    {
      GType item_types[] = { CHQ_TYPE_ORDER, CHQ_TYPE_WORKER, CHQ_TYPE_ENROLMENT };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = chq_list_from_json (node, item_types[i], &error);

      if (items != NULL)
        {
          g_autoptr(JsonNode) encoded = chq_list_to_json (items);
          g_autoptr(GPtrArray) again = chq_list_from_json (encoded, item_types[i], &error);

          if (again == NULL || again->len != items->len)
            {
              g_autofree char *text = chq_json_to_string (encoded, NULL);

              g_error ("A list of %s does not survive a round trip (%s): %s",
                       g_type_name (item_types[i]), error != NULL ? error->message : "length",
                       text);
            }
        }
      else
        fuzz_check_error (error);
    }
}

static void
try_documents (JsonNode *node)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(ChqCoursesPage) page = chq_courses_page_from_json (node, &error);

    if (page != NULL)
      {
        g_autoptr(JsonNode) encoded = chq_courses_page_to_json (page);
        g_autoptr(ChqCoursesPage) again = chq_courses_page_from_json (encoded, &error);

        if (again == NULL || again->items->len != page->items->len ||
            g_strv_length (again->deleted) != g_strv_length (page->deleted))
          g_error ("A courses page does not survive a round trip");
      }
    else
      fuzz_check_error (error);
    g_clear_error (&error);
  }

  {
    g_autoptr(ChqWallet) wallet = chq_wallet_from_json (node, &error);

    if (wallet != NULL)
      {
        g_autoptr(JsonNode) encoded = chq_wallet_to_json (wallet);
        g_autoptr(ChqWallet) again = chq_wallet_from_json (encoded, &error);

        if (again == NULL || again->batches->len != wallet->batches->len)
          g_error ("A wallet does not survive a round trip");
      }
    else
      fuzz_check_error (error);
    g_clear_error (&error);
  }

  {
    g_autofree char *token = NULL;
    g_autoptr(GDateTime) expires_at = NULL;
    g_autoptr(ChqAccount) account = NULL;

    if (chq_session_response_from_json (node, &token, &expires_at, &account, &error))
      {
        g_autoptr(JsonNode) encoded = chq_session_response_to_json (token, expires_at, account);
        g_autofree char *token2 = NULL;
        g_autoptr(GDateTime) expires_at2 = NULL;
        g_autoptr(ChqAccount) account2 = NULL;

        if (!chq_session_response_from_json (encoded, &token2, &expires_at2, &account2, &error) ||
            g_strcmp0 (token, token2) != 0)
          g_error ("A session response does not survive a round trip");
      }
    else
      fuzz_check_error (error);
    g_clear_error (&error);
  }
}

/* The request bodies the sandbox decodes with the same codec. */
static void
try_requests (JsonNode *node)
{
  g_autoptr(GError) error = NULL;

  {
    g_autofree char *number = NULL;
    g_autofree char *password = NULL;

    if (!chq_session_request_from_json (node, &number, &password, &error))
      fuzz_check_error (error);
    g_clear_error (&error);
  }
  {
    ChqVoucherType type;
    guint quantity;

    if (chq_order_request_from_json (node, &type, &quantity, &error))
      {
        g_autoptr(JsonNode) encoded = chq_order_request_to_json (type, quantity);
        ChqVoucherType type2;
        guint quantity2;

        if (!chq_order_request_from_json (encoded, &type2, &quantity2, &error) ||
            type2 != type || quantity2 != quantity)
          g_error ("An order request does not survive a round trip");
      }
    else
      fuzz_check_error (error);
    g_clear_error (&error);
  }
  {
    g_autoptr(ChqWorker) worker = chq_worker_request_from_json (node, &error);

    if (worker != NULL)
      {
        g_autoptr(JsonNode) encoded = chq_worker_request_to_json (worker);
        g_autoptr(ChqWorker) again = chq_worker_request_from_json (encoded, &error);

        if (again == NULL)
          g_error ("A worker request does not survive a round trip: %s", error->message);
      }
    else
      fuzz_check_error (error);
    g_clear_error (&error);
  }
  {
    g_autofree char *worker_id = NULL;
    g_autofree char *course_id = NULL;
    g_autofree char *session_id = NULL;

    if (!chq_enrolment_request_from_json (node, &worker_id, &course_id, &session_id, &error))
      fuzz_check_error (error);
    g_clear_error (&error);
  }
  {
    g_autoptr(GArray) days = chq_attendance_request_from_json (node, &error);

    if (days != NULL)
      {
        g_autoptr(JsonNode) encoded = chq_attendance_request_to_json (days);
        g_autoptr(GArray) again = chq_attendance_request_from_json (encoded, &error);

        if (again == NULL || again->len != days->len)
          g_error ("An attendance request does not survive a round trip");
      }
    else
      fuzz_check_error (error);
    g_clear_error (&error);
  }
}

/* The items of a feed page found in its text (chq_json_find_feed_items) are exactly the
 * parser's, or not found at all. */
static void
try_feed_items (const char *data,
                gsize       len,
                JsonNode   *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  JsonNode *member = object != NULL ? json_object_get_member (object, "items") : NULL;
  JsonArray *items = member != NULL && JSON_NODE_HOLDS_ARRAY (member)
                     ? json_node_get_array (member) : NULL;
  guint n = items != NULL ? json_array_get_length (items) : 0;
  g_autofree ChqJsonSpan *spans = g_new0 (ChqJsonSpan, n + 1);

  if (!chq_json_find_feed_items (data, len, n, spans))
    return;
  if (items == NULL)
    g_error ("Feed items found in a text without them");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) item = NULL;

      if (spans[i].offset + spans[i].length > len || spans[i].length < 2)
        g_error ("Feed item %u found outside the text", i);
      item = chq_json_parse (data + spans[i].offset, spans[i].length, 0, &error);
      if (item == NULL)
        g_error ("Feed item %u found is not JSON: %s", i, error->message);
      if (!JSON_NODE_HOLDS_OBJECT (item) ||
          !json_node_equal (item, json_array_get_element (items, i)))
        g_error ("Feed item %u found is not the parser's", i);
    }
  /* Another count is never found. */
  if (chq_json_find_feed_items (data, len, n + 1, spans) ||
      (n > 0 && chq_json_find_feed_items (data, len, n - 1, spans)))
    g_error ("Feed items found with another count");
}

/* The check never passes what json-glib cannot read, and names the member of a value it
 * refuses. */
static void
check_strict_check (const char *data,
                    gsize       len)
{
  ChqJsonCheckFault fault;
  ChqJsonCheckResult result = chq_json_check (data, len, CHQ_JSON_MAX_DEPTH, &fault);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  if (result == CHQ_JSON_CHECK_BAD_TEXT || result == CHQ_JSON_CHECK_BAD_NUMBER)
    {
      if (fault.path == NULL)
        g_error ("A refused value without its path");
    }
  else if (fault.path != NULL)
    g_error ("A path for a fault that is not a value's");
  chq_json_check_fault_clear (&fault);
  if (result != CHQ_JSON_CHECK_OK)
    return;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &error))
    g_error ("The check passed what json-glib refuses: %s", error->message);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  fuzz_init ();

  check_strict_check ((const char *) data, size);
  node = chq_json_parse ((const char *) data, size, 1024 * 1024, &error);
  if (node == NULL)
    {
      fuzz_check_error (error);
      return 0;
    }

  try_models (node);
  try_documents (node);
  try_feed_items ((const char *) data, size, node);
  try_requests (node);

  return 0;
}
