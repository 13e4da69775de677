/* test-sandbox-shape.c: the sandbox answers in the codec's shape, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the sandbox answers is written by the codec (the course feed as text, with
 * chq_courses_page_to_text()): each answer read by the codec and written back by it must
 * give the same text.
 */
#define G_LOG_DOMAIN "test-sandbox-shape"

#include "config.h"

#include <libsoup/soup.h>

#include "chq-json.h"
#include "chq-sandbox.h"

#define TODAY "2026-11-28"

typedef struct {
  ChqSandbox  *sandbox;
  SoupSession *session;
  char        *uri;
  char        *token;
  guint        n_writes;  /* each write has a key of its own */
} Fixture;

static char *
send (Fixture    *f,
      const char *method,
      const char *path,
      const char *body,
      guint       expected_status)
{
  g_autofree char *url = g_strconcat (f->uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  if (f->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", f->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autofree char *key = g_strdup_printf ("shape-%u", ++f->n_writes);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key",
                                    key);
    }

  answer = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);

  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = chq_json_parse (text, strlen (text), 0, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_same_text (const char *text,
                  JsonNode   *written)
{
  g_autofree char *again = chq_json_to_string (written, NULL);

  g_assert_cmpstr (again, ==, text);
}

static void
fixture_set_up (Fixture *f)
{
  ChqSandboxOptions options = { .today = TODAY, .n_courses = 40, .seed = 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  f->sandbox = chq_sandbox_new (&options);
  g_assert_true (chq_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);
  f->uri = chq_sandbox_dup_uri (f->sandbox);
  f->session = soup_session_new_with_options ("timeout", 20, NULL);
  /* Loopback only: no proxy settings to look up. */
  soup_session_set_proxy_resolver (f->session, NULL);

  text = send (f, "POST", "/v1/sessions",
               "{\"enterprise_number\": \"" CHQ_SANDBOX_DEMO_ENTERPRISE_NUMBER "\", "
               "\"password\": \"" CHQ_SANDBOX_DEMO_PASSWORD "\"}",
               SOUP_STATUS_CREATED);
  node = parse (text);
  {
    g_autoptr(GDateTime) expires_at = NULL;
    g_autoptr(ChqAccount) account = NULL;
    g_autoptr(JsonNode) written = NULL;

    g_assert_true (chq_session_response_from_json (node, &f->token, &expires_at, &account,
                                                   &error));
    g_assert_no_error (error);
    written = chq_session_response_to_json (f->token, expires_at, account);
    assert_same_text (text, written);
  }
}

static void
fixture_tear_down (Fixture *f)
{
  chq_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_clear_object (&f->session);
  g_clear_pointer (&f->uri, g_free);
  g_clear_pointer (&f->token, g_free);
}

static void
check_list (Fixture    *f,
            const char *path,
            GType       type)
{
  g_autofree char *text = send (f, "GET", path, NULL, SOUP_STATUS_OK);
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = chq_list_from_json (node, type, &error);
  g_autoptr(JsonNode) written = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 0);
  written = chq_list_to_json (items);
  assert_same_text (text, written);
}

static void
check_model (Fixture    *f,
             const char *method,
             const char *path,
             const char *body,
             guint       status,
             GType       type)
{
  g_autofree char *text = send (f, method, path, body, status);
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) model = chq_model_from_json (type, node, &error);
  g_autoptr(JsonNode) written = NULL;

  g_assert_no_error (error);
  written = chq_model_to_json (model);
  assert_same_text (text, written);
}

/* Every page of the feed, and one course. */
static void
test_courses (void)
{
  Fixture f = { 0 };
  g_autofree char *since = NULL;
  g_autofree char *first_id = NULL;
  gboolean more = TRUE;
  guint n_pages = 0;

  fixture_set_up (&f);

  while (more)
    {
      g_autofree char *path = since != NULL ? g_strdup_printf ("/v1/courses?limit=25&since=%s",
                                                               since)
                                            : g_strdup ("/v1/courses?limit=25");
      g_autofree char *text = send (&f, "GET", path, NULL, SOUP_STATUS_OK);
      g_autoptr(JsonNode) node = parse (text);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChqCoursesPage) page = chq_courses_page_from_json (node, &error);
      g_autoptr(JsonNode) written = NULL;

      g_assert_no_error (error);
      written = chq_courses_page_to_json (page);
      assert_same_text (text, written);

      if (first_id == NULL && page->items->len > 0)
        first_id = g_strdup (chq_course_get_id (g_ptr_array_index (page->items, 0)));
      g_free (since);
      since = g_strdup (page->next);
      more = page->more;
      n_pages++;
    }
  g_assert_cmpuint (n_pages, >, 3);

  {
    g_autofree char *path = g_strconcat ("/v1/courses/", first_id, NULL);

    check_model (&f, "GET", path, NULL, SOUP_STATUS_OK, CHQ_TYPE_COURSE);
  }

  fixture_tear_down (&f);
}

/* The account, the wallet, the collections, a write's answer and problems. */
static void
test_resources (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f);

  check_model (&f, "GET", "/v1/account", NULL, SOUP_STATUS_OK, CHQ_TYPE_ACCOUNT);
  check_list (&f, "/v1/orders", CHQ_TYPE_ORDER);
  check_list (&f, "/v1/workers", CHQ_TYPE_WORKER);
  check_list (&f, "/v1/enrolments", CHQ_TYPE_ENROLMENT);
  check_model (&f, "GET", "/v1/workers/wrk-0001", NULL, SOUP_STATUS_OK, CHQ_TYPE_WORKER);
  check_model (&f, "POST", "/v1/orders", "{\"voucher_type\": \"eco\", \"quantity\": 3}",
               SOUP_STATUS_CREATED, CHQ_TYPE_ORDER);
  check_model (&f, "POST", "/v1/workers",
               "{\"first_name\": \"Inès\", \"last_name\": \"Dupont\", \"status\": \"employee\"}",
               SOUP_STATUS_CREATED, CHQ_TYPE_WORKER);

  {
    g_autofree char *text = send (&f, "GET", "/v1/wallet", NULL, SOUP_STATUS_OK);
    g_autoptr(JsonNode) node = parse (text);
    g_autoptr(GError) error = NULL;
    g_autoptr(ChqWallet) wallet = chq_wallet_from_json (node, &error);
    g_autoptr(JsonNode) written = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (wallet->batches->len, >, 0);
    written = chq_wallet_to_json (wallet);
    assert_same_text (text, written);
  }

  /* A problem, with `left` and without. */
  check_model (&f, "POST", "/v1/orders", "{\"voucher_type\": \"cf\", \"quantity\": 100000}",
               SOUP_STATUS_UNPROCESSABLE_ENTITY, CHQ_TYPE_PROBLEM);
  check_model (&f, "GET", "/v1/workers/wrk-9999", NULL, SOUP_STATUS_NOT_FOUND,
               CHQ_TYPE_PROBLEM);

  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sandbox/shape/courses", test_courses);
  g_test_add_func ("/sandbox/shape/resources", test_resources);

  return g_test_run ();
}
