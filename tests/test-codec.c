/* test-codec.c: the JSON codec against the golden fixtures of tests/fixtures/api
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-codec"

#include "config.h"

#include <string.h>

#include "chq-json.h"
#include "chq-json-check.h"

/* What a fixture is: each kind has a reader and a writer in the codec. */
typedef enum {
  KIND_ACCOUNT,
  KIND_COURSE,
  KIND_COURSES_PAGE,
  KIND_ORDER,
  KIND_ORDERS,
  KIND_WALLET,
  KIND_WORKER,
  KIND_WORKERS,
  KIND_ENROLMENT,
  KIND_ENROLMENTS,
  KIND_PROBLEM,
  KIND_SESSION_RESPONSE,
  KIND_SESSION_REQUEST,
  KIND_ORDER_REQUEST,
  KIND_WORKER_REQUEST,
  KIND_ENROLMENT_REQUEST,
  KIND_ATTENDANCE_REQUEST,
} Kind;

static char *
fixture_path (const char *name)
{
  return g_build_filename (TEST_SRCDIR, "fixtures", "api", name, NULL);
}

static JsonNode *
load_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;

  return chq_json_parse (data, len, 0, error);
}

static JsonNode *
load_fixture_or_die (const char *name)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = load_fixture (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

/* Reads @node as @kind with the codec and writes it back; NULL with @error on refusal. */
static JsonNode *
decode_encode (Kind       kind,
               JsonNode  *node,
               GError   **error)
{
  switch (kind)
    {
    case KIND_ACCOUNT:
    case KIND_COURSE:
    case KIND_ORDER:
    case KIND_WORKER:
    case KIND_ENROLMENT:
    case KIND_PROBLEM:
      {
        GType type = kind == KIND_ACCOUNT ? CHQ_TYPE_ACCOUNT
                   : kind == KIND_COURSE ? CHQ_TYPE_COURSE
                   : kind == KIND_ORDER ? CHQ_TYPE_ORDER
                   : kind == KIND_WORKER ? CHQ_TYPE_WORKER
                   : kind == KIND_ENROLMENT ? CHQ_TYPE_ENROLMENT
                   : CHQ_TYPE_PROBLEM;
        g_autoptr(GObject) object = chq_model_from_json (type, node, error);

        return object != NULL ? chq_model_to_json (object) : NULL;
      }

    case KIND_ORDERS:
    case KIND_WORKERS:
    case KIND_ENROLMENTS:
      {
        GType type = kind == KIND_ORDERS ? CHQ_TYPE_ORDER
                   : kind == KIND_WORKERS ? CHQ_TYPE_WORKER
                   : CHQ_TYPE_ENROLMENT;
        g_autoptr(GPtrArray) items = chq_list_from_json (node, type, error);

        return items != NULL ? chq_list_to_json (items) : NULL;
      }

    case KIND_COURSES_PAGE:
      {
        g_autoptr(ChqCoursesPage) page = chq_courses_page_from_json (node, error);

        return page != NULL ? chq_courses_page_to_json (page) : NULL;
      }

    case KIND_WALLET:
      {
        g_autoptr(ChqWallet) wallet = chq_wallet_from_json (node, error);

        return wallet != NULL ? chq_wallet_to_json (wallet) : NULL;
      }

    case KIND_SESSION_RESPONSE:
      {
        g_autofree char *token = NULL;
        g_autoptr(GDateTime) expires_at = NULL;
        g_autoptr(ChqAccount) account = NULL;

        if (!chq_session_response_from_json (node, &token, &expires_at, &account, error))
          return NULL;
        return chq_session_response_to_json (token, expires_at, account);
      }

    case KIND_SESSION_REQUEST:
      {
        g_autofree char *number = NULL;
        g_autofree char *password = NULL;

        if (!chq_session_request_from_json (node, &number, &password, error))
          return NULL;
        return chq_session_request_to_json (number, password);
      }

    case KIND_ORDER_REQUEST:
      {
        ChqVoucherType type;
        guint quantity;

        if (!chq_order_request_from_json (node, &type, &quantity, error))
          return NULL;
        return chq_order_request_to_json (type, quantity);
      }

    case KIND_WORKER_REQUEST:
      {
        g_autoptr(ChqWorker) worker = chq_worker_request_from_json (node, error);

        return worker != NULL ? chq_worker_request_to_json (worker) : NULL;
      }

    case KIND_ENROLMENT_REQUEST:
      {
        g_autofree char *worker_id = NULL;
        g_autofree char *course_id = NULL;
        g_autofree char *session_id = NULL;

        if (!chq_enrolment_request_from_json (node, &worker_id, &course_id, &session_id,
                                              error))
          return NULL;
        return chq_enrolment_request_to_json (worker_id, course_id, session_id);
      }

    case KIND_ATTENDANCE_REQUEST:
      {
        g_autoptr(GArray) days = chq_attendance_request_from_json (node, error);

        return days != NULL ? chq_attendance_request_to_json (days) : NULL;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Structural equality: objects by member name (any order), arrays in order, values by
 * JSON type and value (an integer never equals a fraction). On a difference, @where
 * gets its path. */
static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b,
             GString  *where)
{
  if (json_node_get_node_type (a) != json_node_get_node_type (b))
    return FALSE;

  switch (json_node_get_node_type (a))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        return FALSE;
      if (json_node_get_value_type (a) == G_TYPE_STRING)
        return g_strcmp0 (json_node_get_string (a), json_node_get_string (b)) == 0;
      if (json_node_get_value_type (a) == G_TYPE_INT64)
        return json_node_get_int (a) == json_node_get_int (b);
      if (json_node_get_value_type (a) == G_TYPE_DOUBLE)
        return json_node_get_double (a) == json_node_get_double (b);
      if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        return json_node_get_boolean (a) == json_node_get_boolean (b);
      return FALSE;

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a);
        JsonArray *y = json_node_get_array (b);

        if (json_array_get_length (x) != json_array_get_length (y))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (x); i++)
          {
            gsize mark = where->len;

            g_string_append_printf (where, "[%u]", i);
            if (!nodes_equal (json_array_get_element (x, i), json_array_get_element (y, i),
                              where))
              return FALSE;
            g_string_truncate (where, mark);
          }
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a);
        JsonObject *y = json_node_get_object (b);
        g_autoptr(GList) names = json_object_get_members (x);

        if (json_object_get_size (x) != json_object_get_size (y))
          {
            g_string_append (where, " (member count)");
            return FALSE;
          }
        for (GList *l = names; l != NULL; l = l->next)
          {
            gsize mark = where->len;

            g_string_append_printf (where, ".%s", (const char *) l->data);
            if (!json_object_has_member (y, l->data)
                || !nodes_equal (json_object_get_member (x, l->data),
                                 json_object_get_member (y, l->data), where))
              return FALSE;
            g_string_truncate (where, mark);
          }
        return TRUE;
      }

    default:
      return FALSE;
    }
}

static void
assert_nodes_equal (JsonNode   *expected,
                    JsonNode   *actual,
                    const char *what)
{
  g_autoptr(GString) where = g_string_new (NULL);

  if (!nodes_equal (expected, actual, where))
    {
      g_autofree char *text = chq_json_to_string (actual, NULL);

      g_test_message ("%s differs at %s; got %s", what, where->str, text);
      g_test_fail ();
    }
}

typedef struct {
  const char *file;
  Kind        kind;
} GoodFixture;

static const GoodFixture good_fixtures[] = {
  { "account.json", KIND_ACCOUNT },
  { "attendance-request.json", KIND_ATTENDANCE_REQUEST },
  { "course.json", KIND_COURSE },
  { "courses-page.json", KIND_COURSES_PAGE },
  { "enrolment-request.json", KIND_ENROLMENT_REQUEST },
  { "enrolment.json", KIND_ENROLMENT },
  { "enrolments.json", KIND_ENROLMENTS },
  { "order-request.json", KIND_ORDER_REQUEST },
  { "order.json", KIND_ORDER },
  { "orders.json", KIND_ORDERS },
  { "problem.json", KIND_PROBLEM },
  { "session-request.json", KIND_SESSION_REQUEST },
  { "session-response.json", KIND_SESSION_RESPONSE },
  { "wallet.json", KIND_WALLET },
  { "worker-request.json", KIND_WORKER_REQUEST },
  { "worker.json", KIND_WORKER },
  { "workers.json", KIND_WORKERS },
};

/* Every fixture parses, writes back exactly as it is (modulo member order), and what is
 * written parses again to the same document. */
static void
test_fixtures_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_fixtures); i++)
    {
      const GoodFixture *fixture = &good_fixtures[i];
      g_autoptr(JsonNode) node = load_fixture_or_die (fixture->file);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) written = NULL;
      g_autoptr(JsonNode) reparsed = NULL;
      g_autoptr(JsonNode) rewritten = NULL;
      g_autofree char *text = NULL;
      gsize len = 0;

      g_test_message ("fixture %s", fixture->file);

      written = decode_encode (fixture->kind, node, &error);
      g_assert_no_error (error);
      g_assert_nonnull (written);
      assert_nodes_equal (node, written, fixture->file);

      text = chq_json_to_string (written, &len);
      reparsed = chq_json_parse (text, len, 0, &error);
      g_assert_no_error (error);
      rewritten = decode_encode (fixture->kind, reparsed, &error);
      g_assert_no_error (error);
      assert_nodes_equal (written, rewritten, fixture->file);
    }
}

/* The good table covers every file of tests/fixtures/api. */
static void
test_fixtures_all_listed (void)
{
  g_autofree char *dir_path = fixture_path (NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_json = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      n_json++;
      for (guint i = 0; i < G_N_ELEMENTS (good_fixtures); i++)
        listed |= g_str_equal (good_fixtures[i].file, name);
      if (!listed)
        {
          g_test_message ("fixture %s is not tested", name);
          g_test_fail ();
        }
    }

  g_assert_cmpuint (n_json, ==, G_N_ELEMENTS (good_fixtures));
}

/* The values read from the fixtures, through the getters others use. */
static void
test_course_values (void)
{
  g_autoptr(JsonNode) node = load_fixture_or_die ("course.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqCourse) course = chq_course_from_json (node, &error);
  g_autoptr(ChqCourseSession) second = NULL;
  g_autoptr(ChqLocation) location = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) between = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *next_text = NULL;
  GDateTime *next;

  g_assert_no_error (error);
  g_assert_cmpstr (chq_course_get_id (course), ==, "crs-ai-0007");
  g_assert_true (g_str_has_prefix (chq_course_get_title (course), "L'IA générative"));
  g_assert_cmpstr (chq_course_get_provider_name (course), ==, "Meuse Numérique Formation");
  g_assert_cmpstr (chq_course_get_provider_approval_number (course), ==, "AGR-2019-0412");
  g_assert_cmpint (chq_course_get_voucher_type (course), ==, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpint (chq_course_get_format (course), ==, CHQ_COURSE_FORMAT_IN_PERSON);
  g_assert_cmpuint (chq_course_get_hours (course), ==, 14);
  g_assert_cmpint (chq_course_get_price_cents (course), ==, 49000);
  g_assert_true (chq_course_get_ai (course));
  g_assert_cmpuint (g_strv_length ((char **) chq_course_get_themes (course)), ==, 2);
  g_assert_true (chq_course_has_theme (course, "ai_productivity"));
  g_assert_false (chq_course_has_theme (course, "ai_legal"));
  g_assert_cmpstr (chq_course_get_languages (course)[0], ==, "fr");

  g_assert_cmpuint (g_list_model_get_n_items (chq_course_get_locations (course)), ==, 2);
  location = g_list_model_get_item (chq_course_get_locations (course), 0);
  g_assert_cmpstr (chq_location_get_city (location), ==, "Liège");
  g_assert_cmpstr (chq_location_get_postcode (location), ==, "4000");
  g_assert_cmpstr (chq_location_get_province (location), ==, "liege");

  g_assert_cmpuint (g_list_model_get_n_items (chq_course_get_sessions (course)), ==, 2);
  second = g_list_model_get_item (chq_course_get_sessions (course), 1);
  g_assert_cmpstr (chq_course_session_get_city (second), ==, "Namur");
  g_assert_cmpuint (chq_course_session_get_seats_left (second), ==, 12);
  g_assert_cmpint (g_date_time_get_utc_offset (chq_course_session_get_starts_at (second)) /
                   G_TIME_SPAN_HOUR, ==, 1);

  before = g_date_time_new_from_iso8601 ("2026-11-28T12:00:00+01:00", NULL);
  between = g_date_time_new_from_iso8601 ("2027-01-12T09:00:01+01:00", NULL);
  after = g_date_time_new_from_iso8601 ("2027-06-01T00:00:00+02:00", NULL);
  next = chq_course_get_next_session_start_after (course, before);
  next_text = chq_json_format_date_time (next);
  g_assert_cmpstr (next_text, ==, "2027-01-12T09:00:00+01:00");
  g_clear_pointer (&next_text, g_free);
  next_text = chq_json_format_date_time (chq_course_get_next_session_start_after (course,
                                                                                  between));
  g_assert_cmpstr (next_text, ==, "2027-03-09T09:00:00+01:00");
  g_assert_null (chq_course_get_next_session_start_after (course, after));
}

static void
test_other_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) account_node = load_fixture_or_die ("account.json");
  g_autoptr(JsonNode) order_node = load_fixture_or_die ("order.json");
  g_autoptr(JsonNode) wallet_node = load_fixture_or_die ("wallet.json");
  g_autoptr(JsonNode) workers_node = load_fixture_or_die ("workers.json");
  g_autoptr(JsonNode) enrolment_node = load_fixture_or_die ("enrolments.json");
  g_autoptr(JsonNode) problem_node = load_fixture_or_die ("problem.json");
  g_autoptr(JsonNode) page_node = load_fixture_or_die ("courses-page.json");
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(ChqOrder) order = NULL;
  g_autoptr(ChqWallet) wallet = NULL;
  g_autoptr(GPtrArray) workers = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(ChqProblem) problem = NULL;
  g_autoptr(ChqCoursesPage) page = NULL;
  g_autoptr(ChqCourseSession) distance_session = NULL;
  g_autofree char *name = NULL;
  ChqEnrolment *attended;
  GArray *days;

  account = chq_account_from_json (account_node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chq_account_get_enterprise_number (account), ==, "0123456749");
  g_assert_cmpint (chq_account_get_kind (account), ==, CHQ_ACCOUNT_KIND_EMPLOYER);
  g_assert_cmpfloat (chq_account_get_fte (account), ==, 12.0);
  g_assert_cmpuint (chq_account_get_ceiling (account, CHQ_VOUCHER_TYPE_CF), ==, 400);
  g_assert_cmpuint (chq_account_get_ordered_this_year (account, CHQ_VOUCHER_TYPE_CF), ==, 200);
  g_assert_cmpuint (chq_account_get_ceiling_left (account, CHQ_VOUCHER_TYPE_CF), ==, 200);
  g_assert_cmpuint (chq_account_get_ceiling (account, CHQ_VOUCHER_TYPE_ECO), ==, 200);
  chq_account_set_ceiling (account, CHQ_VOUCHER_TYPE_CFL, 100, 130);
  g_assert_cmpuint (chq_account_get_ceiling_left (account, CHQ_VOUCHER_TYPE_CFL), ==, 0);

  order = chq_order_from_json (order_node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_order_get_status (order), ==, CHQ_ORDER_STATUS_AWAITING_PAYMENT);
  g_assert_cmpint (chq_order_get_amount_cents (order), ==, 150000);
  g_assert_null (chq_order_get_paid_at (order));
  g_assert_cmpstr (chq_order_get_payment_iban (order), ==, "BE51210000098062");
  g_assert_cmpstr (chq_order_get_payment_communication (order), ==, "+++100/0012/34560+++");

  wallet = chq_wallet_from_json (wallet_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wallet->batches->len, ==, 2);
  g_assert_cmpuint (chq_voucher_batch_get_available (g_ptr_array_index (wallet->batches, 1)),
                    ==, 79);
  g_assert_cmpuint (wallet->totals[CHQ_VOUCHER_TYPE_CF].available, ==, 137);
  g_assert_cmpint (wallet->totals[CHQ_VOUCHER_TYPE_CF].expiring_soon, ==, 58);
  g_assert_cmpstr (wallet->totals[CHQ_VOUCHER_TYPE_CF].next_expiry, ==, "2026-11-30");
  g_assert_cmpint (wallet->totals[CHQ_VOUCHER_TYPE_ECO].expiring_soon, ==, -1);
  g_assert_null (wallet->totals[CHQ_VOUCHER_TYPE_ECO].next_expiry);

  workers = chq_list_from_json (workers_node, CHQ_TYPE_WORKER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workers->len, ==, 3);
  name = chq_worker_dup_display_name (g_ptr_array_index (workers, 0));
  g_assert_cmpstr (name, ==, "Sophie Dethier");
  g_assert_cmpfloat (chq_worker_get_hours_this_year (g_ptr_array_index (workers, 0)), ==, 21.5);
  g_assert_null (chq_worker_get_niss (g_ptr_array_index (workers, 1)));
  g_assert_true (chq_worker_get_archived (g_ptr_array_index (workers, 2)));
  g_assert_cmpint (chq_worker_get_status (g_ptr_array_index (workers, 2)), ==,
                   CHQ_WORKER_STATUS_STUDENT);

  enrolments = chq_list_from_json (enrolment_node, CHQ_TYPE_ENROLMENT, &error);
  g_assert_no_error (error);
  attended = g_ptr_array_index (enrolments, 0);
  g_assert_cmpint (chq_enrolment_get_status (attended), ==, CHQ_ENROLMENT_STATUS_ATTENDED);
  days = chq_enrolment_get_attendance (attended);
  g_assert_cmpuint (days->len, ==, 1);
  g_assert_cmpstr (g_array_index (days, ChqAttendanceDay, 0).date, ==, "2026-10-06");
  g_assert_cmpfloat (g_array_index (days, ChqAttendanceDay, 0).hours, ==, 7.0);
  g_assert_cmpuint (chq_enrolment_get_attendance (g_ptr_array_index (enrolments, 1))->len, ==,
                    0);

  problem = chq_problem_from_json (problem_node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chq_problem_get_code (problem), ==, "ceiling_exceeded");
  g_assert_cmpstr (chq_problem_get_field (problem), ==, "quantity");
  g_assert_cmpuint (chq_problem_get_status (problem), ==, 422);
  g_assert_cmpint (chq_problem_get_left (problem), ==, 200);

  page = chq_courses_page_from_json (page_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 2);
  g_assert_cmpstr (page->deleted[0], ==, "crs-ai-0003");
  g_assert_null (page->deleted[1]);
  g_assert_cmpstr (page->next, ==, "c_000000000418");
  g_assert_true (page->more);
  distance_session = g_list_model_get_item (
      chq_course_get_sessions (g_ptr_array_index (page->items, 1)), 0);
  g_assert_null (chq_course_session_get_city (distance_session));
  g_assert_cmpuint (chq_course_session_get_seats_left (distance_session), ==, 0);
}

/* A problem without `left` writes none back, and a session response keeps its token. */
static void
test_optional_members (void)
{
  static const char problem_text[] =
    "{\"type\":\"urn:chequier:problem:not_found\",\"title\":\"Not found\",\"status\":404,"
    "\"detail\":\"No such order.\",\"code\":\"not_found\",\"field\":null}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = chq_json_parse (problem_text, strlen (problem_text), 0, &error);
  g_autoptr(ChqProblem) problem = NULL;
  g_autoptr(JsonNode) written = NULL;

  g_assert_no_error (error);
  problem = chq_problem_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_problem_get_left (problem), ==, -1);
  g_assert_null (chq_problem_get_field (problem));
  written = chq_problem_to_json (problem);
  g_assert_false (json_object_has_member (json_node_get_object (written), "left"));
  assert_nodes_equal (node, written, "problem without left");
}

typedef struct {
  const char    *file;
  Kind           kind;
  ChqCodecError  code;
  const char    *field;
} BadFixture;

static const BadFixture bad_fixtures[] = {
  { "account-bad-date.json", KIND_ACCOUNT, CHQ_CODEC_ERROR_INVALID_VALUE, "registration_valid_until" },
  { "account-bad-enterprise-number.json", KIND_ACCOUNT, CHQ_CODEC_ERROR_INVALID_VALUE, "enterprise_number" },
  { "account-negative-fte.json", KIND_ACCOUNT, CHQ_CODEC_ERROR_INVALID_VALUE, "fte" },
  { "account-unknown-kind.json", KIND_ACCOUNT, CHQ_CODEC_ERROR_INVALID_VALUE, "kind" },
  { "account-unknown-voucher-type.json", KIND_ACCOUNT, CHQ_CODEC_ERROR_INVALID_VALUE, "ceilings[2].voucher_type" },
  { "course-bad-language.json", KIND_COURSE, CHQ_CODEC_ERROR_INVALID_VALUE, "languages[0]" },
  { "course-long-title.json", KIND_COURSE, CHQ_CODEC_ERROR_TOO_LONG, "title" },
  { "course-missing-title.json", KIND_COURSE, CHQ_CODEC_ERROR_MISSING_FIELD, "title" },
  { "course-negative-price.json", KIND_COURSE, CHQ_CODEC_ERROR_INVALID_VALUE, "price_cents" },
  { "course-negative-seats.json", KIND_COURSE, CHQ_CODEC_ERROR_INVALID_VALUE, "sessions[0].seats_left" },
  { "course-nesting-bomb.json", KIND_COURSE, CHQ_CODEC_ERROR_NOT_JSON, NULL },
  { "course-no-offset.json", KIND_COURSE, CHQ_CODEC_ERROR_INVALID_VALUE, "updated_at" },
  { "course-not-json.json", KIND_COURSE, CHQ_CODEC_ERROR_NOT_JSON, NULL },
  { "course-null-provider-approval.json", KIND_COURSE, CHQ_CODEC_ERROR_WRONG_TYPE, "provider.approval_number" },
  { "course-session-bad-date.json", KIND_COURSE, CHQ_CODEC_ERROR_INVALID_VALUE, "sessions[1].starts_at" },
  { "course-unknown-format.json", KIND_COURSE, CHQ_CODEC_ERROR_INVALID_VALUE, "format" },
  { "course-unknown-province.json", KIND_COURSE, CHQ_CODEC_ERROR_INVALID_VALUE, "locations[1].province" },
  { "course-wrong-type-hours.json", KIND_COURSE, CHQ_CODEC_ERROR_WRONG_TYPE, "hours" },
  { "course-wrong-type-theme.json", KIND_COURSE, CHQ_CODEC_ERROR_WRONG_TYPE, "themes[1]" },
  { "course-zero-hours.json", KIND_COURSE, CHQ_CODEC_ERROR_INVALID_VALUE, "hours" },
  { "courses-page-missing-next.json", KIND_COURSES_PAGE, CHQ_CODEC_ERROR_MISSING_FIELD, "next" },
  { "courses-page-wrong-type-ends-at.json", KIND_COURSES_PAGE, CHQ_CODEC_ERROR_WRONG_TYPE, "items[1].sessions[0].ends_at" },
  { "courses-page-wrong-type-more.json", KIND_COURSES_PAGE, CHQ_CODEC_ERROR_WRONG_TYPE, "more" },
  { "enrolment-bad-attendance-date.json", KIND_ENROLMENT, CHQ_CODEC_ERROR_INVALID_VALUE, "attendance[0].date" },
  { "enrolment-bad-attendance-hours.json", KIND_ENROLMENT, CHQ_CODEC_ERROR_INVALID_VALUE, "attendance[0].hours" },
  { "enrolment-missing-usage-code.json", KIND_ENROLMENT, CHQ_CODEC_ERROR_MISSING_FIELD, "usage_code" },
  { "enrolment-unknown-status.json", KIND_ENROLMENT, CHQ_CODEC_ERROR_INVALID_VALUE, "status" },
  { "enrolments-missing-items.json", KIND_ENROLMENTS, CHQ_CODEC_ERROR_MISSING_FIELD, "items" },
  { "order-amount-mismatch.json", KIND_ORDER, CHQ_CODEC_ERROR_INVALID_VALUE, "amount_cents" },
  { "order-long-id.json", KIND_ORDER, CHQ_CODEC_ERROR_TOO_LONG, "id" },
  { "order-missing-payment-iban.json", KIND_ORDER, CHQ_CODEC_ERROR_MISSING_FIELD, "payment.iban" },
  { "order-negative-amount.json", KIND_ORDER, CHQ_CODEC_ERROR_INVALID_VALUE, "amount_cents" },
  { "order-unknown-status.json", KIND_ORDER, CHQ_CODEC_ERROR_INVALID_VALUE, "status" },
  { "order-zero-quantity.json", KIND_ORDER, CHQ_CODEC_ERROR_INVALID_VALUE, "quantity" },
  { "problem-missing-code.json", KIND_PROBLEM, CHQ_CODEC_ERROR_MISSING_FIELD, "code" },
  { "problem-wrong-type-status.json", KIND_PROBLEM, CHQ_CODEC_ERROR_WRONG_TYPE, "status" },
  { "session-response-missing-token.json", KIND_SESSION_RESPONSE, CHQ_CODEC_ERROR_MISSING_FIELD, "token" },
  { "session-response-negative-ceiling.json", KIND_SESSION_RESPONSE, CHQ_CODEC_ERROR_INVALID_VALUE, "account.ceilings[0].ceiling" },
  { "wallet-bad-next-expiry.json", KIND_WALLET, CHQ_CODEC_ERROR_INVALID_VALUE, "totals[1].next_expiry" },
  { "wallet-negative-available.json", KIND_WALLET, CHQ_CODEC_ERROR_INVALID_VALUE, "batches[0].available" },
  { "wallet-wrong-type-batches.json", KIND_WALLET, CHQ_CODEC_ERROR_WRONG_TYPE, "batches" },
  { "worker-bad-niss.json", KIND_WORKER, CHQ_CODEC_ERROR_INVALID_VALUE, "niss" },
  { "worker-invalid-utf8.json", KIND_WORKER, CHQ_CODEC_ERROR_NOT_JSON, NULL },
  { "worker-long-email.json", KIND_WORKER, CHQ_CODEC_ERROR_TOO_LONG, "email" },
  { "worker-missing-last-name.json", KIND_WORKER, CHQ_CODEC_ERROR_MISSING_FIELD, "last_name" },
  { "worker-negative-hours.json", KIND_WORKER, CHQ_CODEC_ERROR_INVALID_VALUE, "hours_this_year" },
  { "worker-unknown-status.json", KIND_WORKER, CHQ_CODEC_ERROR_INVALID_VALUE, "status" },
  { "worker-wrong-type-archived.json", KIND_WORKER, CHQ_CODEC_ERROR_WRONG_TYPE, "archived" },
  { "workers-wrong-type-item.json", KIND_WORKERS, CHQ_CODEC_ERROR_WRONG_TYPE, "items[0]" },
};

static void
assert_refused (const GError *error,
                ChqCodecError code,
                const char   *field,
                const char   *what)
{
  if (error == NULL)
    {
      g_test_message ("%s was accepted", what);
      g_test_fail ();
      return;
    }

  g_test_message ("%s: %s", what, error->message);
  g_assert_error (error, CHQ_CODEC_ERROR, (int) code);
  g_assert_cmpstr (chq_codec_error_get_field (error), ==, field);
  if (field != NULL)
    g_assert_nonnull (strstr (error->message, field));
}

/* Every invalid payload is refused with the right code, naming the right member. */
static void
test_bad_fixtures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_fixtures); i++)
    {
      const BadFixture *bad = &bad_fixtures[i];
      g_autofree char *name = g_build_filename ("bad", bad->file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = load_fixture (name, &error);
      g_autoptr(JsonNode) written = NULL;

      if (node != NULL)
        written = decode_encode (bad->kind, node, &error);

      g_assert_null (written);
      assert_refused (error, bad->code, bad->field, bad->file);
    }
}

static void
test_bad_fixtures_all_listed (void)
{
  g_autofree char *dir_path = fixture_path ("bad");
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      n++;
      for (guint i = 0; i < G_N_ELEMENTS (bad_fixtures); i++)
        listed |= g_str_equal (bad_fixtures[i].file, name);
      if (!listed)
        {
          g_test_message ("bad fixture %s is not tested", name);
          g_test_fail ();
        }
    }

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (bad_fixtures));
}

static char *
nested_arrays (guint depth)
{
  GString *text = g_string_new ("{\"items\":");

  for (guint i = 0; i < depth - 1; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth - 1; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

/* Depth is counted before json-glib runs: the limit itself passes, one more fails, and
 * brackets inside strings do not count. */
static void
test_nesting_limit (void)
{
  g_autofree char *at_limit = nested_arrays (CHQ_JSON_MAX_DEPTH);
  g_autofree char *over_limit = nested_arrays (CHQ_JSON_MAX_DEPTH + 1);
  g_autoptr(GString) in_string = g_string_new ("{\"title\":\"");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = chq_json_parse (at_limit, strlen (at_limit), 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  node = chq_json_parse (over_limit, strlen (over_limit), 0, &error);
  g_assert_null (node);
  assert_refused (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, "nesting over the limit");
  g_clear_error (&error);

  for (guint i = 0; i < 1000; i++)
    g_string_append (in_string, "[{\\\"");
  g_string_append (in_string, "\"}");
  node = chq_json_parse (in_string->str, in_string->len, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
}

static void
test_parse_limits (void)
{
  static const char text[] = "{\"a\":1}";
  static const char nul_inside[] = "{\"a\":\"x\0y\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = chq_json_parse (text, strlen (text), strlen (text), &error);
  g_assert_no_error (error);
  g_clear_pointer (&node, json_node_unref);

  node = chq_json_parse (text, strlen (text), strlen (text) - 1, &error);
  g_assert_null (node);
  g_assert_error (error, CHQ_CODEC_ERROR, CHQ_CODEC_ERROR_TOO_LONG);
  g_clear_error (&error);

  node = chq_json_parse (nul_inside, sizeof nul_inside - 1, 0, &error);
  g_assert_null (node);
  g_assert_error (error, CHQ_CODEC_ERROR, CHQ_CODEC_ERROR_NOT_JSON);
  g_clear_error (&error);

  node = chq_json_parse ("", 0, 0, &error);
  g_assert_null (node);
  g_assert_error (error, CHQ_CODEC_ERROR, CHQ_CODEC_ERROR_NOT_JSON);
  g_clear_error (&error);

  node = chq_json_parse ("[1,", 3, 0, &error);
  g_assert_null (node);
  g_assert_error (error, CHQ_CODEC_ERROR, CHQ_CODEC_ERROR_NOT_JSON);
}

/* Strict reading (RFC 8259): what json-glib would read but is not JSON is refused before
 * json-glib sees it, as is a document json-glib would read wrongly. */
static void
test_strict_reading (void)
{
  static const char *not_json[] = {
    "{'a':1}",                          /* single quotes */
    "{\"a\":'x'}",
    "{\"a\":1 /* comment */}",
    "// comment\n{\"a\":1}",
    "{\"a\":1}#",
    "{\"a\":010}",                      /* octal for json-glib */
    "{\"a\":0x10}",                     /* hexadecimal */
    "{\"a\":-01}",
    "{\"a\":2.}",
    "{\"a\":.2}",
    "{\"a\":+1}",
    "{\"a\":1e}",
    "{\"a\":-}",
    "{\"a\":NaN}",
    "{\"a\":Infinity}",
    "{\"a\":\"\\x41\"}",                /* not a JSON escape */
    "{\"a\":\"\\'\"}",
    "{\"a\":\"\\u12\"}",
    "{\"a\":\"\\ud800\\uzzzz\"}",
    "{\"a\":\"tab\there\"}",            /* raw control characters */
    "{\"a\":\"line\nbreak\"}",
    "{\"a\":\"\x1f\"}",
    "{\"a\":1}{\"b\":2}",               /* a second document */
    "{\"a\":1} {\"b\":2}",
    "[1][2]",
    "1 2",
    "{\"a\":1,}",                       /* trailing comma */
    "[1,]",
    "{\"a\" 1}",
    "{a:1}",
    "\xef\xbb\xbf{\"a\":1}",            /* byte-order mark */
    "{\"a\":\"\xc0\xaf\"}",             /* overlong UTF-8 */
    "{\"a\":\"\xed\xb0\x80\"}",         /* an encoded surrogate */
    "{\"a\":\"\xf4\x90\x80\x80\"}",     /* past U+10FFFF */
    "{\"a\":tru}",
    "{\"a\":truex}",
    "{\"a\":nul}",
    "",
    "   ",
    "{",
    "\"open",
  };
  static const struct {
    const char *text;
    const char *field;
  } bad_values[] = {
    { "{\"quantity\":-18446744073709551606}", "quantity" },   /* json-glib: 10 */
    { "{\"quantity\":9223372036854775808}", "quantity" },     /* json-glib: INT64_MIN */
    { "{\"quantity\":-9223372036854775809}", "quantity" },
    { "{\"quantity\":100000000000000000000000}", "quantity" },
    { "{\"days\":[{\"date\":\"2026-11-02\",\"hours\":-18446744073709551609}]}", "days[0].hours" },
    { "{\"first_name\":\"a\\udc00b\"}", "first_name" },       /* a lone low surrogate */
    { "{\"first_name\":\"a\\ud800b\"}", "first_name" },       /* a lone high surrogate */
    { "{\"first_name\":\"a\\ud800\\u0041\"}", "first_name" },
    { "{\"first_name\":\"Bob\\u0000Evil\"}", "first_name" },  /* json-glib: "Bob" */
    { "{\"items\":[{\"title\":\"x\"},{\"title\":\"\\u0000\"}]}", "items[1].title" },
    { "[\"\\udfff\"]", "[0]" },
    { "{\"hours\":1e400}", "hours" },                        /* json-glib: infinity */
    { "{\"fte\":-1.5E+999}", "fte" },
  };
  static const char *accepted[] = {
    "{\"a\":0}", "{\"a\":-0}", "{\"a\":0.5}", "{\"a\":-0.5e-3}", "{\"a\":1E+2}", "[1e5]",
    "{\"a\":9223372036854775807}", "{\"a\":-9223372036854775808}",
    "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"}",
    "{\"a\":\"\x7f é €\xf0\x9f\x98\x80\"}",
    " \t\r\n{\"a\" : [ true , false , null ] }\n ",
    "\"just a string\"", "42", "null", "[]", "{}",
  };
  g_autoptr(GString) hidden = g_string_new ("['\"',");

  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      node = chq_json_parse (not_json[i], strlen (not_json[i]), 0, &error);
      g_assert_null (node);
      assert_refused (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, not_json[i]);
      g_assert_cmpint (chq_json_check (not_json[i], strlen (not_json[i]), 32, NULL), !=,
                       CHQ_JSON_CHECK_OK);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = chq_json_parse (bad_values[i].text, strlen (bad_values[i].text),
                                                 0, &error);

      g_assert_null (node);
      assert_refused (error, CHQ_CODEC_ERROR_INVALID_VALUE, bad_values[i].field,
                      bad_values[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = chq_json_parse (accepted[i], strlen (accepted[i]), 0, &error);

      g_test_message ("%s", accepted[i]);
      g_assert_no_error (error);
      g_assert_nonnull (node);
    }

  /* The extremes of 64 bits are read as they are. */
  {
    g_autoptr(JsonNode) low = chq_json_parse ("[-9223372036854775808]", 22, 0, NULL);
    g_autoptr(JsonNode) high = chq_json_parse ("[9223372036854775807]", 21, 0, NULL);

    g_assert_cmpint (json_array_get_int_element (json_node_get_array (low), 0), ==, G_MININT64);
    g_assert_cmpint (json_array_get_int_element (json_node_get_array (high), 0), ==, G_MAXINT64);
  }

  /* Nesting hidden from a scanner that knows only double quotes: a single-quoted string
   * or a comment holding a '"' (json-glib reads both) hides every bracket after it. 200,000
   * levels would overflow json-glib's stack; the check refuses it at the quote. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (hidden, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (hidden, ']');
  g_string_append (hidden, ",'\"']");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = chq_json_parse (hidden->str, hidden->len, 0, &error);

    g_assert_null (node);
    assert_refused (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, "nesting behind a quote");
    g_clear_error (&error);

    g_string_overwrite (hidden, 0, "[/*\"");
    g_string_truncate (hidden, hidden->len - 5);
    g_string_append (hidden, "\"*/]");
    node = chq_json_parse (hidden->str, hidden->len, 0, &error);
    g_assert_null (node);
    assert_refused (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, "nesting behind a comment");
    g_clear_error (&error);

    /* Deep nesting as plain JSON: the check's stack is bounded, no recursion. */
    g_string_truncate (hidden, 0);
    for (guint i = 0; i < 200000; i++)
      g_string_append (hidden, "{\"a\":[");
    g_assert_cmpint (chq_json_check (hidden->str, hidden->len, 32, NULL), ==,
                     CHQ_JSON_CHECK_TOO_DEEP);
    node = chq_json_parse (hidden->str, hidden->len, 0, &error);
    g_assert_null (node);
    assert_refused (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, "deep plain nesting");
  }
}

/* The checker on its own: results and the path it names. */
static void
test_check_faults (void)
{
  static const struct {
    const char         *text;
    ChqJsonCheckResult  result;
    const char         *path;
  } cases[] = {
    { "{\"a\":{\"b\":[1,2,{\"c\":18446744073709551616}]}}", CHQ_JSON_CHECK_BAD_NUMBER, "a.b[2].c" },
    { "[[],[{}],\"\\u0000\"]", CHQ_JSON_CHECK_BAD_TEXT, "[2]" },
    { "-9223372036854775809", CHQ_JSON_CHECK_BAD_NUMBER, "" },
    { "{\"k\\u0041\":\"\\udc00\"}", CHQ_JSON_CHECK_BAD_TEXT, "…" },
    { "{\"\\u0000\":1}", CHQ_JSON_CHECK_NOT_JSON, NULL },
    { "[[[[[1]]]]]", CHQ_JSON_CHECK_TOO_DEEP, NULL },
    { "[[[[1]]]]", CHQ_JSON_CHECK_OK, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChqJsonCheckFault fault;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (chq_json_check (cases[i].text, strlen (cases[i].text), 4, &fault), ==,
                       cases[i].result);
      g_assert_cmpstr (fault.path, ==, cases[i].path);
      chq_json_check_fault_clear (&fault);
    }
}

/* Changes one member of a fixture and reads it as @kind: accepted and written back as it
 * is, or refused with @code naming @field. */
static void
check_member_at (const char    *fixture,
                 Kind           kind,
                 const char    *member,
                 JsonNode      *value,
                 gboolean       accepted,
                 ChqCodecError  code,
                 const char    *field)
{
  g_autoptr(JsonNode) node = load_fixture_or_die (fixture);
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = g_strdup_printf ("%s with %s changed", fixture, member);

  json_object_set_member (json_node_get_object (node), member, value);
  written = decode_encode (kind, node, &error);
  if (accepted)
    {
      g_assert_no_error (error);
      assert_nodes_equal (node, written, what);
    }
  else
    {
      assert_refused (error, code, field, what);
    }
}

static void
check_member (const char    *fixture,
              Kind           kind,
              const char    *member,
              JsonNode      *value,
              gboolean       accepted,
              ChqCodecError  code)
{
  check_member_at (fixture, kind, member, value, accepted, code, member);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);

  return node;
}

static JsonNode *
int_node (gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_int (node, value);

  return node;
}

static JsonNode *
double_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);

  return node;
}

/* Limits at their edges. */
static void
test_member_edges (void)
{
  g_autofree char *title_300 = NULL;
  g_autofree char *title_301 = NULL;
  g_autofree char *email_254 = NULL;
  g_autoptr(GString) builder = g_string_new (NULL);

  for (guint i = 0; i < 300; i++)
    g_string_append (builder, "é");
  title_300 = g_strdup (builder->str);
  g_string_append_c (builder, 'x');
  title_301 = g_strdup (builder->str);

  check_member ("course.json", KIND_COURSE, "title", string_node (title_300), TRUE, 0);
  check_member ("course.json", KIND_COURSE, "title", string_node (title_301), FALSE,
                CHQ_CODEC_ERROR_TOO_LONG);
  check_member ("course.json", KIND_COURSE, "title", string_node (""), FALSE,
                CHQ_CODEC_ERROR_INVALID_VALUE);
  check_member ("course.json", KIND_COURSE, "hours", int_node (1), TRUE, 0);
  check_member ("course.json", KIND_COURSE, "hours", double_node (14.0), FALSE,
                CHQ_CODEC_ERROR_WRONG_TYPE);
  check_member ("course.json", KIND_COURSE, "price_cents", int_node (0), TRUE, 0);
  check_member ("course.json", KIND_COURSE, "id", string_node ("crs/../x"), FALSE,
                CHQ_CODEC_ERROR_INVALID_VALUE);
  check_member ("course.json", KIND_COURSE, "id", string_node ("crs_AI-7.v2~"), TRUE, 0);
  g_assert_true (chq_json_is_valid_date_time ("2026-11-20T14:32:10.250+01:00"));
  g_assert_true (chq_json_is_valid_date_time ("2026-11-20T13:32:10Z"));
  g_assert_false (chq_json_is_valid_date_time ("2026-11-20T14:32:10+0100"));
  g_assert_false (chq_json_is_valid_date_time ("2026-11-20T24:00:00+01:00"));
  check_member ("course.json", KIND_COURSE, "updated_at",
                string_node ("2026-W47-5T14:32:10+01:00"), FALSE,
                CHQ_CODEC_ERROR_INVALID_VALUE);
  check_member ("course.json", KIND_COURSE, "updated_at",
                string_node ("2026-11-20 14:32:10+01:00"), FALSE,
                CHQ_CODEC_ERROR_INVALID_VALUE);
  check_member ("course.json", KIND_COURSE, "format", string_node ("blended"), TRUE, 0);

  g_string_truncate (builder, 0);
  for (guint i = 0; i < 254 - strlen ("@example.be"); i++)
    g_string_append_c (builder, 'a');
  g_string_append (builder, "@example.be");
  email_254 = g_strdup (builder->str);
  check_member ("worker.json", KIND_WORKER, "email", string_node (email_254), TRUE, 0);
  check_member ("worker.json", KIND_WORKER, "email", string_node ("sophie at example.be"),
                FALSE, CHQ_CODEC_ERROR_INVALID_VALUE);
  check_member ("worker.json", KIND_WORKER, "email", json_node_new (JSON_NODE_NULL), TRUE, 0);
  /* The NISS check digits are verified, not only the length. */
  check_member ("worker.json", KIND_WORKER, "niss", string_node ("85073003329"), FALSE,
                CHQ_CODEC_ERROR_INVALID_VALUE);
  check_member ("worker.json", KIND_WORKER, "hours_this_year", int_node (0), TRUE, 0);
  check_member ("worker.json", KIND_WORKER, "first_name", json_node_new (JSON_NODE_NULL),
                FALSE, CHQ_CODEC_ERROR_WRONG_TYPE);

  check_member ("account.json", KIND_ACCOUNT, "enterprise_number", string_node ("0123456748"),
                FALSE, CHQ_CODEC_ERROR_INVALID_VALUE);
  check_member ("account.json", KIND_ACCOUNT, "enterprise_number",
                string_node ("0123.456.749"), FALSE, CHQ_CODEC_ERROR_TOO_LONG);
  check_member ("account.json", KIND_ACCOUNT, "authorisation_number",
                string_node ("100/0012/34561"), FALSE, CHQ_CODEC_ERROR_INVALID_VALUE);
  check_member ("account.json", KIND_ACCOUNT, "fte", double_node (1.9), TRUE, 0);
  check_member ("account.json", KIND_ACCOUNT, "registration_valid_until",
                string_node ("2028-02-29"), TRUE, 0);
  check_member ("account.json", KIND_ACCOUNT, "registration_valid_until",
                string_node ("2027-02-29"), FALSE, CHQ_CODEC_ERROR_INVALID_VALUE);

  /* Credited without a payment date, cancelled without a cancellation date. */
  check_member_at ("order.json", KIND_ORDER, "status", string_node ("credited"), FALSE,
                   CHQ_CODEC_ERROR_INVALID_VALUE, "paid_at");
  check_member_at ("order.json", KIND_ORDER, "status", string_node ("cancelled"), FALSE,
                   CHQ_CODEC_ERROR_INVALID_VALUE, "cancelled_at");
  check_member ("problem.json", KIND_PROBLEM, "left", int_node (0), TRUE, 0);
  check_member ("problem.json", KIND_PROBLEM, "left", int_node (-1), FALSE,
                CHQ_CODEC_ERROR_INVALID_VALUE);
}

/* A distance course has no locations: the error names them, not the format. */
static void
test_distance_course (void)
{
  g_autoptr(JsonNode) node = load_fixture_or_die ("course.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqCourse) course = NULL;
  JsonObject *object = json_node_get_object (node);

  json_object_set_string_member (object, "format", "distance");
  course = chq_course_from_json (node, &error);
  g_assert_null (course);
  assert_refused (error, CHQ_CODEC_ERROR_INVALID_VALUE, "locations", "distance with places");
  g_clear_error (&error);

  json_object_set_array_member (object, "locations", json_array_new ());
  course = chq_course_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_course_get_format (course), ==, CHQ_COURSE_FORMAT_DISTANCE);
}

/* Requests, as a server reads them. */
static void
test_requests (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) order = chq_order_request_to_json (CHQ_VOUCHER_TYPE_CFL, 25);
  g_autoptr(JsonNode) zero = chq_order_request_to_json (CHQ_VOUCHER_TYPE_CF, 0);
  g_autoptr(GArray) days = chq_attendance_days_new ();
  g_autoptr(GArray) read_days = NULL;
  g_autoptr(JsonNode) attendance = NULL;
  g_autoptr(JsonNode) empty_days = NULL;
  ChqAttendanceDay day = { "2027-01-12", 3.5 };
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
  guint quantity = 0;

  g_assert_true (chq_order_request_from_json (order, &type, &quantity, &error));
  g_assert_no_error (error);
  g_assert_cmpint (type, ==, CHQ_VOUCHER_TYPE_CFL);
  g_assert_cmpuint (quantity, ==, 25);

  g_assert_false (chq_order_request_from_json (zero, &type, &quantity, &error));
  assert_refused (error, CHQ_CODEC_ERROR_INVALID_VALUE, "quantity", "order of 0 vouchers");
  g_clear_error (&error);

  empty_days = chq_attendance_request_to_json (days);
  g_assert_null (chq_attendance_request_from_json (empty_days, &error));
  assert_refused (error, CHQ_CODEC_ERROR_INVALID_VALUE, "days", "no attendance days");
  g_clear_error (&error);

  g_array_append_val (days, day);
  g_array_append_val (days, day);
  attendance = chq_attendance_request_to_json (days);
  g_assert_null (chq_attendance_request_from_json (attendance, &error));
  assert_refused (error, CHQ_CODEC_ERROR_INVALID_VALUE, "days[1].date", "a day twice");
  g_clear_error (&error);
  g_clear_pointer (&attendance, json_node_unref);

  g_array_set_size (days, 1);
  attendance = chq_attendance_request_to_json (days);
  read_days = chq_attendance_request_from_json (attendance, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (read_days->len, ==, 1);
  g_assert_cmpfloat (g_array_index (read_days, ChqAttendanceDay, 0).hours, ==, 3.5);
}

/* The member path survives g_error_copy() (the client passes errors on). */
static void
test_error_copy (void)
{
  g_autoptr(JsonNode) node = load_fixture_or_die ("bad/course-session-bad-date.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(ChqCourse) course = chq_course_from_json (node, &error);

  g_assert_null (course);
  copy = g_error_copy (error);
  g_assert_cmpstr (chq_codec_error_get_field (copy), ==, "sessions[1].starts_at");
  g_assert_null (chq_codec_error_get_field (NULL));
}

/* Models are bindable: a setter notifies once, and not when nothing changes. */
static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_worker_setters (void)
{
  g_autoptr(ChqWorker) worker = chq_worker_new ();
  g_autofree char *name = NULL;
  guint count = 0;

  g_signal_connect (worker, "notify::last-name", G_CALLBACK (on_notify_cb), &count);
  chq_worker_set_last_name (worker, "Lambert");
  chq_worker_set_last_name (worker, "Lambert");
  g_assert_cmpuint (count, ==, 1);
  name = chq_worker_dup_display_name (worker);
  g_assert_cmpstr (name, ==, "Lambert");
  g_clear_pointer (&name, g_free);

  chq_worker_set_first_name (worker, "Julie");
  name = chq_worker_dup_display_name (worker);
  g_assert_cmpstr (name, ==, "Julie Lambert");
}

/* Every prefix of every fixture, and seeded random byte changes: the codec refuses or
 * accepts, never crashes, and what it accepts it writes back in a form it accepts again. */
static void
test_damaged_fixtures (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);

  for (guint i = 0; i < G_N_ELEMENTS (good_fixtures); i++)
    {
      const GoodFixture *fixture = &good_fixtures[i];
      g_autofree char *path = fixture_path (fixture->file);
      g_autofree char *data = NULL;
      gsize len = 0;
      guint n_refused = 0;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));

      for (gsize cut = 0; cut < len; cut++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) node = chq_json_parse (data, cut, 0, &error);
          g_autoptr(JsonNode) written = NULL;

          if (node != NULL)
            written = decode_encode (fixture->kind, node, &error);
          if (written == NULL)
            {
              g_assert_nonnull (error);
              g_assert_true (error->domain == CHQ_CODEC_ERROR);
              n_refused++;
            }
        }
      /* Only the whole text (give or take the final newline) is a complete document. */
      g_assert_cmpuint (n_refused, >=, len - 1);

      for (guint round = 0; round < 300; round++)
        {
          g_autofree char *copy = g_memdup2 (data, len);
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(JsonNode) written = NULL;

          for (guint k = 0; k < 3; k++)
            copy[g_rand_int_range (rand, 0, (gint32) len)] =
              (char) g_rand_int_range (rand, 0x20, 0x7f);

          node = chq_json_parse (copy, len, 0, &error);
          if (node != NULL)
            written = decode_encode (fixture->kind, node, &error);
          if (written != NULL)
            {
              g_autoptr(JsonNode) again = decode_encode (fixture->kind, written, &error);

              g_assert_no_error (error);
              assert_nodes_equal (written, again, fixture->file);
            }
          else
            {
              g_assert_true (error != NULL && error->domain == CHQ_CODEC_ERROR);
            }
        }
    }
}

/* An empty model writes without crashing and is not a valid document. */
static void
test_empty_models (void)
{
  const GType types[] = {
    CHQ_TYPE_ACCOUNT, CHQ_TYPE_COURSE, CHQ_TYPE_COURSE_SESSION, CHQ_TYPE_LOCATION,
    CHQ_TYPE_ORDER, CHQ_TYPE_VOUCHER_BATCH, CHQ_TYPE_WORKER, CHQ_TYPE_ENROLMENT,
    CHQ_TYPE_PROBLEM,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GObject) empty = g_object_new (types[i], NULL);
      g_autoptr(JsonNode) node = chq_model_to_json (empty);
      g_autoptr(GObject) read = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      read = chq_model_from_json (types[i], node, &error);
      g_assert_null (read);
      g_assert_true (error != NULL && error->domain == CHQ_CODEC_ERROR);
      g_assert_nonnull (chq_codec_error_get_field (error));
    }
}

static void
assert_text_equals_nodes (GObject *model)
{
  g_autoptr(JsonNode) node = chq_model_to_json (model);
  g_autofree char *printed = chq_json_to_string (node, NULL);
  gsize len = 0;
  g_autofree char *text = chq_model_to_text (model, &len);

  g_assert_cmpstr (text, ==, printed);
  g_assert_cmpuint (len, ==, strlen (printed));
}

/* The codec writes text straight (chq_model_to_text(), chq_courses_page_to_text()) that
 * is exactly what json-glib prints for the nodes it writes: every fixture, every byte
 * json-glib escapes or not, characters of several bytes, numbers with a fraction. */
static void
test_text_writer (void)
{
  const struct {
    const char *file;
    GType     (*type) (void);
  } models[] = {
    { "account.json", chq_account_get_type }, { "course.json", chq_course_get_type },
    { "enrolment.json", chq_enrolment_get_type }, { "order.json", chq_order_get_type },
    { "problem.json", chq_problem_get_type }, { "worker.json", chq_worker_get_type },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) page_node = load_fixture_or_die ("courses-page.json");
  g_autoptr(ChqCoursesPage) page = chq_courses_page_from_json (page_node, &error);
  g_autoptr(JsonNode) page_written = NULL;
  g_autofree char *page_printed = NULL;
  g_autofree char *page_text = NULL;
  g_autoptr(GString) all_bytes = g_string_new (NULL);
  g_autoptr(GArray) days = chq_attendance_days_new ();
  const double hours[] = { 7.5, 0.1, 1234.25, 3.0, 1e-7, 123456789.125 };
  g_autoptr(ChqCourse) course = NULL;
  g_autoptr(ChqEnrolment) enrolment = NULL;
  const char *themes[] = { "a\"b", "c\\d", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      g_autoptr(JsonNode) node = load_fixture_or_die (models[i].file);
      g_autoptr(GObject) model = chq_model_from_json (models[i].type (), node, &error);

      g_test_message ("fixture %s", models[i].file);
      g_assert_no_error (error);
      assert_text_equals_nodes (model);
    }

  g_assert_no_error (error);
  page_written = chq_courses_page_to_json (page);
  page_printed = chq_json_to_string (page_written, NULL);
  page_text = chq_courses_page_to_text (page, NULL);
  g_assert_cmpstr (page_text, ==, page_printed);

  /* Every byte from 1 to 0x7f, then characters of two, three and four bytes. */
  for (guint c = 1; c < 0x80; c++)
    g_string_append_c (all_bytes, (char) c);
  g_string_append (all_bytes, "\xc3\xa9\xe2\x82\xac\xe2\x80\xa8\xf0\x9f\x98\x80");
  course = g_object_new (CHQ_TYPE_COURSE,
                         "id", all_bytes->str,
                         "title", "« Excel » \"avancé\"\n",
                         "summary", NULL,
                         "themes", themes,
                         NULL);
  assert_text_equals_nodes (G_OBJECT (course));

  for (guint i = 0; i < G_N_ELEMENTS (hours); i++)
    {
      ChqAttendanceDay day = { "2026-03-02", hours[i] };

      g_array_append_val (days, day);
    }
  enrolment = g_object_new (CHQ_TYPE_ENROLMENT, "attendance", days, NULL);
  assert_text_equals_nodes (G_OBJECT (enrolment));
}

/* The feed cursor read from a page's text agrees with the parser on plain pages, and is
 * not read at all from anything unusual. */
static void
test_peek_feed_cursor (void)
{
  const struct {
    const char *text;
    const char *next;   /* NULL: not read */
    gboolean    more;
  } cases[] = {
    { "{\"items\":[],\"deleted\":[],\"next\":\"c_1\",\"more\":true}", "c_1", TRUE },
    { " {\"more\" : false , \"next\" : \"c_2\", \"items\":[{\"next\":\"x\",\"more\":true,"
      "\"s\":\"}\\\"]\"}], \"deleted\":[\"a\"]} \n", "c_2", FALSE },
    { "{\"items\":[[[{}]]],\"n\":-1.5e3,\"b\":null,\"next\":\"é\",\"more\":true}", "é", TRUE },
    { "{\"next\":\"c\\u0031\",\"more\":true}", NULL, FALSE },
    { "{\"ne\\u0078t\":\"c_1\",\"more\":true}", NULL, FALSE },
    { "{\"next\":\"c_1\",\"next\":\"c_2\",\"more\":true}", NULL, FALSE },
    { "{\"next\":\"c_1\",\"more\":true,\"more\":false}", NULL, FALSE },
    { "{\"next\":\"c_1\"}", NULL, FALSE },
    { "{\"more\":true}", NULL, FALSE },
    { "{\"next\":\"\",\"more\":true}", NULL, FALSE },
    { "{\"next\":1,\"more\":true}", NULL, FALSE },
    { "{\"next\":\"c_1\",\"more\":\"yes\"}", NULL, FALSE },
    { "{\"next\":\"c_1\",\"more\":true}x", NULL, FALSE },
    { "{\"next\":\"c_1\",\"more\":true", NULL, FALSE },
    { "{\"items\":[1,2,\"next\":\"c_1\",\"more\":true}", NULL, FALSE },
    { "[{\"next\":\"c_1\",\"more\":true}]", NULL, FALSE },
    { "{}", NULL, FALSE },
    { "", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *next = NULL;
      gboolean more = FALSE;
      gboolean read = chq_json_peek_feed_cursor (cases[i].text, strlen (cases[i].text), &next,
                                                 &more);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (read, ==, cases[i].next != NULL);
      g_assert_cmpstr (next, ==, cases[i].next);
      if (read)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) node = chq_json_parse (cases[i].text, strlen (cases[i].text), 0,
                                                     &error);
          JsonObject *object;

          g_assert_no_error (error);
          object = json_node_get_object (node);
          g_assert_cmpint (more, ==, cases[i].more);
          g_assert_cmpstr (next, ==, json_object_get_string_member (object, "next"));
          g_assert_cmpint (more, ==, json_object_get_boolean_member (object, "more"));
        }
    }

  /* A cursor over the limit is not read. */
  {
    g_autofree char *long_cursor = g_strnfill (CHQ_JSON_MAX_CURSOR + 1, 'c');
    g_autofree char *text = g_strdup_printf ("{\"next\":\"%s\",\"more\":true}", long_cursor);
    g_autofree char *next = NULL;
    gboolean more;

    g_assert_false (chq_json_peek_feed_cursor (text, strlen (text), &next, &more));
    g_assert_null (next);
  }
}

/* Finds the items of @text (n_items: the parser's count, or @n_items when it does not
 * parse); when found, checks each span is the text of the parser's item. Returns whether
 * they were found. */
static gboolean
find_items_checked (const char *text,
                    gsize       len,
                    int         n_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = chq_json_parse (text, len, 0, &error);
  g_autofree ChqJsonSpan *spans = NULL;
  JsonArray *items = NULL;
  guint n;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "items") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "items")))
    items = json_object_get_array_member (json_node_get_object (node), "items");
  n = n_items >= 0 ? (guint) n_items : items != NULL ? json_array_get_length (items) : 0;
  spans = g_new0 (ChqJsonSpan, MAX (n, 1));

  if (!chq_json_find_feed_items (text, len, n, spans))
    return FALSE;

  /* Found: only ever in a page the parser reads, with its count. */
  g_assert_no_error (error);
  g_assert_nonnull (items);
  g_assert_cmpuint (n, ==, json_array_get_length (items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) item = NULL;

      g_assert_cmpuint (spans[i].offset + spans[i].length, <=, len);
      g_assert_cmpint (text[spans[i].offset], ==, '{');
      g_assert_cmpint (text[spans[i].offset + spans[i].length - 1], ==, '}');
      item = chq_json_parse (text + spans[i].offset, spans[i].length, 0, &error);
      g_assert_no_error (error);
      g_assert_true (json_node_equal (item, json_array_get_element (items, i)));
    }

  return TRUE;
}

/* The feed items found in a page's text are exactly the parser's, on the fixtures (as
 * sent, compact and indented) and on tricky texts; anything unusual is not scanned. */
static void
test_find_feed_items (void)
{
  const struct {
    const char *text;
    gboolean    found;
  } cases[] = {
    { "{\"items\":[],\"deleted\":[],\"next\":\"c_1\",\"more\":true}", TRUE },
    { "{\"deleted\":[\"a\"],\"next\":\"c\",\"items\":[{\"a\":\"x\\\"}],\\\\\",\"b\":"
      "[1,{\"c\":\"\\u00e9\\/\\n\"}]},{}],\"more\":true}", TRUE },
    { "\n {\n \"items\" : [ \n {\"a\" : 1 } ,\n\t{\"b\":[ ] , \"c\" : { } }\r\n ] \n}\n",
      TRUE },
    { "{\"items\":[{\"n\":-0.5e+3,\"m\":0,\"k\":12,\"e\":1E2,\"t\":true,\"f\":false,"
      "\"z\":null,\"s\":\"é ]}\"}]}", TRUE },
    { "{\"x\":{\"items\":[1]},\"items\":[{\"items\":[{\"items\":2}]}],\"y\":[[[]]]}", TRUE },
    { "{\"items\":[{\"a\":1}],\"items\":[{\"a\":2}]}", FALSE },
    { "{\"it\\u0065ms\":[{\"a\":1}]}", FALSE },
    { "{\"items\":[1,{\"a\":1}]}", FALSE },
    { "{\"items\":[{\"a\":1},[]]}", FALSE },
    { "{\"items\":[{\"a\":1},null]}", FALSE },
    { "{\"items\":{\"a\":1}}", FALSE },
    { "{\"items\":\"[{}]\"}", FALSE },
    { "{\"next\":\"c\"}", FALSE },
    { "[{\"items\":[{}]}]", FALSE },
    { "{}", FALSE },
    { "", FALSE },
  };
  const char *fixtures[] = { "courses-page.json", "orders.json", "workers.json",
                             "enrolments.json" };
  /* Not JSON the scanner is sure of, with the count a page would have. */
  const struct {
    const char *text;
    int         n_items;
  } unusual[] = {
    { "{\"items\":[{\"a\":1}]} x", 1 },
    { "{\"items\":[{\"a\":1}]}}", 1 },
    { "{\"items\":[{\"a\":1}],}", 1 },
    { "{\"items\":[{\"a\":1},]}", 1 },
    { "{\"items\":[{\"a\":1}", 1 },
    { "{\"items\":[{\"a\":\"1}]}", 1 },
    { "{\"items\":[{'a':1}]}", 1 },
    { "{\"items\":[{\"a\":01}]}", 1 },
    { "{\"items\":[{\"a\":1.}]}", 1 },
    { "{\"items\":[{\"a\":tru}]}", 1 },
    { "{\"items\":[{\"a\":\"\\x\"}]}", 1 },
    { "{\"items\":[{\"a\":\"\\u00g9\"}]}", 1 },
    { "{\"items\":[{\"a\":[1}]}", 1 },
    { "{\"items\":[{\"a\":1}]/*c*/}", 1 },
    { "{\"items\":[{\"a\":1}],\"items\":[{\"a\":1}]}", 1 },
    { "{\"items\":[{\"a\":1},{\"a\":2}]}", 1 },
    { "{\"items\":[{\"a\":1},{\"a\":2}]}", 3 },
    { "{\"items\":[]}", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (find_items_checked (cases[i].text, strlen (cases[i].text), -1), ==,
                       cases[i].found);
    }

  for (guint i = 0; i < G_N_ELEMENTS (unusual); i++)
    {
      g_autofree ChqJsonSpan *spans = g_new0 (ChqJsonSpan, 4);

      g_test_message ("%s", unusual[i].text);
      g_assert_false (chq_json_find_feed_items (unusual[i].text, strlen (unusual[i].text),
                                                unusual[i].n_items, spans));
    }

  /* Nesting beyond what the parser takes. */
  {
    g_autofree char *open = g_strnfill (CHQ_JSON_MAX_DEPTH + 2, '[');
    g_autofree char *close = g_strnfill (CHQ_JSON_MAX_DEPTH + 2, ']');
    g_autofree char *text = g_strdup_printf ("{\"items\":[{\"a\":%s%s}]}", open, close);
    ChqJsonSpan span;

    g_assert_false (chq_json_find_feed_items (text, strlen (text), 1, &span));
  }

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(JsonNode) node = load_fixture_or_die (fixtures[i]);
      g_autofree char *path = fixture_path (fixtures[i]);
      g_autofree char *sent = NULL;
      g_autofree char *compact = chq_json_to_string (node, NULL);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *indented = NULL;
      gsize len;

      g_test_message ("%s", fixtures[i]);
      g_assert_true (g_file_get_contents (path, &sent, &len, NULL));
      g_assert_true (find_items_checked (sent, len, -1));
      g_assert_true (find_items_checked (compact, strlen (compact), -1));
      json_generator_set_root (generator, node);
      json_generator_set_pretty (generator, TRUE);
      indented = json_generator_to_data (generator, NULL);
      g_assert_true (find_items_checked (indented, strlen (indented), -1));
      /* Another count: not found. */
      g_assert_false (find_items_checked (sent, len,
        (int) json_array_get_length (json_object_get_array_member (json_node_get_object (node),
                                                                   "items")) + 1));
    }
}

/* An error deep in a feed page names the item by its index, with any number of digits. */
static void
test_error_path_index (void)
{
  const guint bad[] = { 0, 7, 10, 99, 100, 1000 };

  for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
    {
      g_autoptr(JsonNode) page = load_fixture_or_die ("courses-page.json");
      JsonArray *items = json_object_get_array_member (json_node_get_object (page), "items");
      g_autofree char *course = chq_json_to_string (json_array_get_element (items, 0), NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChqCoursesPage) decoded = NULL;
      g_autofree char *want = g_strdup_printf ("items[%u].title", bad[b]);

      while (json_array_get_length (items) <= bad[b])
        json_array_add_element (items, json_from_string (course, NULL));
      json_object_set_int_member (json_array_get_object_element (items, bad[b]), "title", 5);

      decoded = chq_courses_page_from_json (page, &error);
      g_assert_null (decoded);
      g_assert_error (error, CHQ_CODEC_ERROR, CHQ_CODEC_ERROR_WRONG_TYPE);
      g_assert_cmpstr (chq_codec_error_get_field (error), ==, want);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/codec/fixtures/round-trip", test_fixtures_round_trip);
  g_test_add_func ("/codec/fixtures/all-listed", test_fixtures_all_listed);
  g_test_add_func ("/codec/fixtures/course-values", test_course_values);
  g_test_add_func ("/codec/fixtures/other-values", test_other_values);
  g_test_add_func ("/codec/optional-members", test_optional_members);
  g_test_add_func ("/codec/bad/fixtures", test_bad_fixtures);
  g_test_add_func ("/codec/bad/all-listed", test_bad_fixtures_all_listed);
  g_test_add_func ("/codec/bad/damaged", test_damaged_fixtures);
  g_test_add_func ("/codec/empty-models", test_empty_models);
  g_test_add_func ("/codec/write/text", test_text_writer);
  g_test_add_func ("/codec/parse/nesting", test_nesting_limit);
  g_test_add_func ("/codec/parse/limits", test_parse_limits);
  g_test_add_func ("/codec/parse/strict", test_strict_reading);
  g_test_add_func ("/codec/parse/check-faults", test_check_faults);
  g_test_add_func ("/codec/parse/peek-feed-cursor", test_peek_feed_cursor);
  g_test_add_func ("/codec/parse/find-feed-items", test_find_feed_items);
  g_test_add_func ("/codec/bad/error-path-index", test_error_path_index);
  g_test_add_func ("/codec/member-edges", test_member_edges);
  g_test_add_func ("/codec/distance-course", test_distance_course);
  g_test_add_func ("/codec/requests", test_requests);
  g_test_add_func ("/codec/error-copy", test_error_copy);
  g_test_add_func ("/codec/worker-setters", test_worker_setters);

  return g_test_run ();
}
