/* test-sandbox.c: the sandbox server at the HTTP level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts a ChqSandbox on loopback port 0 with the clock fixed at 2026-11-28 and
 * talks to it with a SoupSession, as the app would.
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <string.h>

#include "chq-ident.h"
#include "chq-json.h"
#include "chq-sandbox.h"
#include "chq-sandbox-private.h"
#include "chq-test-clock.h"

#define TODAY "2026-11-28"
#define ATELIER "0123456749"
#define JULIE "0987654394"

typedef struct {
  ChqSandbox  *sandbox;
  SoupSession *session;
  char        *uri;
  char        *token;   /* Atelier Mosan SRL */
  char        *token2;  /* Julie Lambert */
} Fixture;

typedef struct {
  guint               status;
  JsonNode           *json;     /* nullable */
  char               *body;
  SoupMessageHeaders *headers;
  GError             *error;    /* transport error, if any */
} Response;

static void
response_free (Response *r)
{
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_pointer (&r->body, g_free);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_error (&r->error);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static Response *
send_full (SoupSession *session,
           const char  *base,
           const char  *method,
           const char  *path,
           const char  *token,
           const char  *body,
           gsize        body_length,
           const char  *key,
           const char  *if_none_match)
{
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  Response *r = g_new0 (Response, 1);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  if (if_none_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match",
                                  if_none_match);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, body_length);
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (session, msg, NULL, &r->error);
  if (bytes == NULL)
    return r;

  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->body = g_bytes_get_size (bytes) > 0
            ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
            : g_strdup ("");
  if (g_bytes_get_size (bytes) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, r->body, -1, NULL))
        r->json = json_node_ref (json_parser_get_root (parser));
    }

  return r;
}

static Response *
call (Fixture    *f,
      const char *method,
      const char *path,
      const char *token,
      const char *body,
      const char *key)
{
  return send_full (f->session, f->uri, method, path, token, body,
                    body != NULL ? strlen (body) : 0, key, NULL);
}

static JsonObject *
obj (Response *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

static JsonArray *
items (Response *r)
{
  return json_object_get_array_member (obj (r), "items");
}

static void
assert_problem (Response   *r,
                guint       status,
                const char *code,
                const char *field)
{
  JsonObject *o;

  g_assert_no_error (r->error);
  if (r->status != status)
    g_printerr ("unexpected answer %u: %s\n", r->status, r->body);
  g_assert_cmpuint (r->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==,
                   "application/problem+json");
  o = obj (r);
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, code);
  g_assert_cmpint (json_object_get_int_member (o, "status"), ==, status);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "type"),
                                   "urn:chequier:problem:"));
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "title")), >, 0);
  g_assert_cmpuint (strlen (json_object_get_string_member (o, "detail")), >, 10);
  /* field is always there, null when no one member is at fault. */
  g_assert_true (json_object_has_member (o, "field"));
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member_with_default (o, "field", NULL), ==, field);
}

static void
assert_status (Response *r,
               guint     status)
{
  g_assert_no_error (r->error);
  if (r->status != status)
    g_printerr ("unexpected answer %u: %s\n", r->status, r->body);
  g_assert_cmpuint (r->status, ==, status);
}

/* Shapes: same keys and JSON types as the golden fixture, recursively. A null on either side
 * stands for a nullable member; integers and decimals are both numbers. */

static gboolean
is_number_type (GType type)
{
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static void
assert_same_shape (JsonNode   *expected,
                   JsonNode   *actual,
                   const char *path)
{
  if (JSON_NODE_HOLDS_NULL (expected) || JSON_NODE_HOLDS_NULL (actual))
    return;

  if (JSON_NODE_TYPE (expected) != JSON_NODE_TYPE (actual))
    g_error ("%s: %s in the fixture, %s from the server", path,
             json_node_type_name (expected), json_node_type_name (actual));

  if (JSON_NODE_HOLDS_OBJECT (expected))
    {
      JsonObject *e = json_node_get_object (expected);
      JsonObject *a = json_node_get_object (actual);
      g_autoptr(GList) e_members = json_object_get_members (e);
      g_autoptr(GList) a_members = json_object_get_members (a);

      for (GList *l = e_members; l != NULL; l = l->next)
        {
          g_autofree char *sub = g_strdup_printf ("%s.%s", path, (char *) l->data);

          if (!json_object_has_member (a, l->data))
            g_error ("%s: missing from the server's answer", sub);
          assert_same_shape (json_object_get_member (e, l->data),
                             json_object_get_member (a, l->data), sub);
        }
      for (GList *l = a_members; l != NULL; l = l->next)
        if (!json_object_has_member (e, l->data))
          g_error ("%s.%s: not in the fixture", path, (char *) l->data);
    }
  else if (JSON_NODE_HOLDS_ARRAY (expected))
    {
      JsonArray *e = json_node_get_array (expected);
      JsonArray *a = json_node_get_array (actual);

      if (json_array_get_length (e) == 0)
        return;
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          g_autofree char *sub = g_strdup_printf ("%s[%u]", path, i);

          assert_same_shape (json_array_get_element (e, MIN (i, json_array_get_length (e) - 1)),
                             json_array_get_element (a, i), sub);
        }
    }
  else
    {
      GType e = json_node_get_value_type (expected);
      GType a = json_node_get_value_type (actual);

      if (e != a && !(is_number_type (e) && is_number_type (a)))
        g_error ("%s: %s in the fixture, %s from the server", path, g_type_name (e),
                 g_type_name (a));
    }
}

static void
assert_fixture_shape (const char *fixture,
                      JsonNode   *actual)
{
  g_autofree char *path = g_build_filename (TEST_SRCDIR, "fixtures", "api", fixture, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (actual);
  assert_same_shape (json_parser_get_root (parser), actual, fixture);
}

static char *
login (Fixture    *f,
       const char *number)
{
  g_autofree char *body = g_strdup_printf ("{\"enterprise_number\": \"%s\", \"password\": \"demo\"}",
                                           number);
  g_autoptr(Response) r = call (f, "POST", "/v1/sessions", NULL, body, NULL);

  assert_status (r, 201);
  return g_strdup (json_object_get_string_member (obj (r), "token"));
}

/* Loopback never goes through a proxy (and the system proxy settings are not there). */
static SoupSession *
loopback_session (void)
{
  SoupSession *session = soup_session_new_with_options ("timeout", 20, NULL);

  soup_session_set_proxy_resolver (session, NULL);
  return session;
}

static void
fixture_start (Fixture                 *f,
               const ChqSandboxOptions *options)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = chq_sandbox_new (options);
  chq_sandbox_start (f->sandbox, &error);
  test_clock_follow (f->sandbox);
  g_assert_no_error (error);
  f->uri = chq_sandbox_dup_uri (f->sandbox);
  g_assert_true (g_str_has_prefix (f->uri, "http://127.0.0.1:"));
  g_assert_false (g_str_has_suffix (f->uri, "/"));
  f->session = loopback_session ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ChqSandboxOptions options = { 0 };

  options.today = TODAY;
  options.rate_limit = 100000;
  fixture_start (f, &options);
  f->token = login (f, ATELIER);
  f->token2 = login (f, JULIE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  if (f->sandbox != NULL)
    chq_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_clear_pointer (&f->uri, g_free);
  g_clear_pointer (&f->token, g_free);
  g_clear_pointer (&f->token2, g_free);
}

static char *
new_key (void)
{
  return g_uuid_string_random ();
}

/* Looks through the whole catalogue for a session; returns the course and session ids. */
typedef gboolean (*SessionFilter) (JsonObject *course,
                                   JsonObject *session,
                                   gpointer    data);

static gboolean
find_session (Fixture        *f,
              SessionFilter   filter,
              gpointer        data,
              char          **out_course,
              char          **out_session)
{
  g_autoptr(Response) r = call (f, "GET", "/v1/courses?limit=1000", f->token, NULL, NULL);
  JsonArray *courses;

  assert_status (r, 200);
  courses = items (r);
  for (guint i = 0; i < json_array_get_length (courses); i++)
    {
      JsonObject *course = json_array_get_object_element (courses, i);
      JsonArray *sessions = json_object_get_array_member (course, "sessions");

      for (guint j = 0; j < json_array_get_length (sessions); j++)
        {
          JsonObject *session = json_array_get_object_element (sessions, j);

          if (filter (course, session, data))
            {
              *out_course = g_strdup (json_object_get_string_member (course, "id"));
              *out_session = g_strdup (json_object_get_string_member (session, "id"));
              return TRUE;
            }
        }
    }

  return FALSE;
}

typedef struct {
  const char *type;
  gint64      min_hours;
  gint64      max_hours;
  const char *before;    /* ends_at before this, or NULL */
  const char *after;     /* starts_at after this, or NULL */
  const char *format;    /* or NULL */
  gint64      min_seats;
} SessionQuery;

static gboolean
session_matches (JsonObject *course,
                 JsonObject *session,
                 gpointer    data)
{
  SessionQuery *q = data;
  gint64 hours = json_object_get_int_member (course, "hours");

  return g_str_equal (json_object_get_string_member (course, "voucher_type"), q->type) &&
         hours >= q->min_hours && hours <= q->max_hours &&
         json_object_get_int_member (session, "seats_left") >= q->min_seats &&
         (q->format == NULL || g_str_equal (json_object_get_string_member (course, "format"),
                                            q->format)) &&
         (q->before == NULL ||
          strcmp (json_object_get_string_member (session, "ends_at"), q->before) < 0) &&
         (q->after == NULL ||
          strcmp (json_object_get_string_member (session, "starts_at"), q->after) > 0);
}

static Response *
book (Fixture    *f,
      const char *token,
      const char *worker,
      const char *course,
      const char *session)
{
  g_autofree char *body = g_strdup_printf ("{\"worker_id\": \"%s\", \"course_id\": \"%s\", "
                                           "\"session_id\": \"%s\"}", worker, course, session);
  g_autofree char *key = new_key ();

  return call (f, "POST", "/v1/enrolments", token, body, key);
}

static gint64
wallet_total (Fixture    *f,
              const char *token,
              const char *type,
              const char *member)
{
  g_autoptr(Response) r = call (f, "GET", "/v1/wallet", token, NULL, NULL);
  JsonArray *totals;

  assert_status (r, 200);
  totals = json_object_get_array_member (obj (r), "totals");
  for (guint i = 0; i < json_array_get_length (totals); i++)
    {
      JsonObject *t = json_array_get_object_element (totals, i);

      if (g_str_equal (json_object_get_string_member (t, "voucher_type"), type))
        return json_object_get_int_member (t, member);
    }

  g_assert_not_reached ();
}

static gint64
seats_left (Fixture    *f,
            const char *course_id,
            const char *session_id)
{
  g_autofree char *path = g_strconcat ("/v1/courses/", course_id, NULL);
  g_autoptr(Response) r = call (f, "GET", path, f->token, NULL, NULL);
  JsonArray *sessions;

  assert_status (r, 200);
  sessions = json_object_get_array_member (obj (r), "sessions");
  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonObject *s = json_array_get_object_element (sessions, i);

      if (g_str_equal (json_object_get_string_member (s, "id"), session_id))
        return json_object_get_int_member (s, "seats_left");
    }

  g_assert_not_reached ();
}

/* The request fixtures of docs/api.md work as they are. */
static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_SRCDIR, "fixtures", "api", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_request_fixtures (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *session = read_fixture ("session-request.json");
  g_autofree char *order = read_fixture ("order-request.json");
  g_autofree char *worker = read_fixture ("worker-request.json");
  g_autofree char *enrolment = read_fixture ("enrolment-request.json");
  g_autofree char *k1 = new_key ();
  g_autofree char *k2 = new_key ();
  g_autoptr(Response) r1 = call (f, "POST", "/v1/sessions", NULL, session, NULL);
  g_autoptr(Response) r2 = call (f, "POST", "/v1/orders", f->token, order, k1);
  g_autoptr(Response) r3 = call (f, "POST", "/v1/workers", f->token, worker, NULL);
  g_autoptr(Response) r4 = call (f, "POST", "/v1/enrolments", f->token, enrolment, k2);

  assert_status (r1, 201);
  assert_status (r2, 201);
  assert_status (r3, 201);
  assert_status (r4, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (r4), "session_id"), ==, "ses-0007-01");
}

/* Sessions and authentication. */

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Response) ok = call (f, "POST", "/v1/sessions", NULL,
                                 "{\"enterprise_number\": \"0123.456.749\", \"password\": \"demo\"}",
                                 NULL);
  g_autoptr(Response) wrong_password = NULL;
  g_autoptr(Response) unknown = NULL;
  g_autoptr(Response) missing = NULL;
  g_autoptr(Response) wrong_type = NULL;
  const char *token;

  assert_status (ok, 201);
  assert_fixture_shape ("session-response.json", ok->json);
  token = json_object_get_string_member (obj (ok), "token");
  g_assert_true (g_str_has_prefix (token, "sbx_"));
  g_assert_cmpuint (strlen (token), ==, 4 + 64);
  g_assert_cmpstr (json_object_get_string_member (obj (ok), "expires_at"), >, TODAY "T");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (ok), "account"),
                                                  "name"), ==, "Atelier Mosan SRL");
  g_assert_cmpstr (token, !=, f->token);

  wrong_password = call (f, "POST", "/v1/sessions", NULL,
                         "{\"enterprise_number\": \"0123456749\", \"password\": \"nope\"}", NULL);
  assert_problem (wrong_password, 401, "unauthorized", NULL);
  unknown = call (f, "POST", "/v1/sessions", NULL,
                  "{\"enterprise_number\": \"0403170701\", \"password\": \"demo\"}", NULL);
  assert_problem (unknown, 401, "unauthorized", NULL);
  /* The same answer: nothing tells which of the two was wrong. */
  g_assert_cmpstr (wrong_password->body, ==, unknown->body);

  missing = call (f, "POST", "/v1/sessions", NULL, "{\"enterprise_number\": \"0123456749\"}", NULL);
  assert_problem (missing, 400, "invalid_field", "password");
  wrong_type = call (f, "POST", "/v1/sessions", NULL,
                     "{\"enterprise_number\": 123456749, \"password\": \"demo\"}", NULL);
  assert_problem (wrong_type, 400, "invalid_field", "enterprise_number");

  {
    g_autoptr(Response) empty = call (f, "POST", "/v1/sessions", NULL,
                                      "{\"enterprise_number\": \"0123456749\", \"password\": \"\"}",
                                      NULL);
    assert_problem (empty, 400, "invalid_field", "password");
  }
}

static void
test_login_slowing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Response) blocked = NULL;
  g_autoptr(Response) right_but_blocked = NULL;
  g_autoptr(Response) other = NULL;
  const char *retry;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Response) r = call (f, "POST", "/v1/sessions", NULL,
                                    "{\"enterprise_number\": \"0123456749\", \"password\": \"x\"}",
                                    NULL);
      assert_problem (r, 401, "unauthorized", NULL);
    }

  blocked = call (f, "POST", "/v1/sessions", NULL,
                  "{\"enterprise_number\": \"0123456749\", \"password\": \"x\"}", NULL);
  assert_problem (blocked, 429, "rate_limited", NULL);
  retry = soup_message_headers_get_one (blocked->headers, "Retry-After");
  g_assert_nonnull (retry);
  g_assert_cmpint (atoi (retry), >, 0);
  g_assert_cmpint (atoi (retry), <=, 15 * 60);

  /* Even the right password waits: the point is to slow guessing down. */
  right_but_blocked = call (f, "POST", "/v1/sessions", NULL,
                            "{\"enterprise_number\": \"0123.456.749\", \"password\": \"demo\"}",
                            NULL);
  assert_problem (right_but_blocked, 429, "rate_limited", NULL);

  /* Another enterprise number is not affected. */
  other = call (f, "POST", "/v1/sessions", NULL,
                "{\"enterprise_number\": \"0987654394\", \"password\": \"demo\"}", NULL);
  assert_status (other, 201);
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  const char *paths[] = { "/v1/account", "/v1/courses", "/v1/courses/crs-ai-0007", "/v1/orders",
                          "/v1/wallet", "/v1/workers", "/v1/enrolments" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) none = call (f, "GET", paths[i], NULL, NULL, NULL);
      g_autoptr(Response) bad = call (f, "GET", paths[i], "sbx_0000", NULL, NULL);
      g_autoptr(Response) good = call (f, "GET", paths[i], f->token, NULL, NULL);

      assert_problem (none, 401, "unauthorized", NULL);
      g_assert_cmpstr (soup_message_headers_get_one (none->headers, "WWW-Authenticate"), ==,
                       "Bearer");
      assert_problem (bad, 401, "unauthorized", NULL);
      assert_status (good, 200);
    }
}

/* Account. */

static void
test_account (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Response) r = call (f, "GET", "/v1/account", f->token, NULL, NULL);
  g_autoptr(Response) julie = call (f, "GET", "/v1/account", f->token2, NULL, NULL);
  g_autoptr(Response) same = NULL;
  g_autoptr(Response) changed = NULL;
  g_autoptr(Response) order = NULL;
  g_autofree char *key = new_key ();
  JsonArray *ceilings;
  const char *etag;

  assert_status (r, 200);
  assert_fixture_shape ("account.json", r->json);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "enterprise_number"), ==, ATELIER);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "kind"), ==, "employer");
  g_assert_cmpint (json_object_get_int_member (obj (r), "year"), ==, 2026);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "registration_valid_until"), ==,
                   "2026-12-31");
  ceilings = json_object_get_array_member (obj (r), "ceilings");
  g_assert_cmpuint (json_array_get_length (ceilings), ==, 3);
  /* 12 FTE: 400 / 100 / 200; this year: 100 credited + 50 awaiting payment. */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ceilings, 0),
                                               "ceiling"), ==, 400);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ceilings, 0),
                                               "ordered_this_year"), ==, 150);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ceilings, 1),
                                               "ceiling"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ceilings, 1),
                                               "ordered_this_year"), ==, 0);

  assert_status (julie, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (julie), "kind"), ==, "self_employed_main");
  ceilings = json_object_get_array_member (obj (julie), "ceilings");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ceilings, 0),
                                               "ceiling"), ==, 100);

  /* ETag: unchanged -> 304 without a body; after an order -> 200 again. */
  etag = soup_message_headers_get_one (r->headers, "ETag");
  g_assert_nonnull (etag);
  same = send_full (f->session, f->uri, "GET", "/v1/account", f->token, NULL, 0, NULL, etag);
  assert_status (same, 304);
  g_assert_cmpstr (same->body, ==, "");

  order = call (f, "POST", "/v1/orders", f->token, "{\"voucher_type\": \"cfl\", \"quantity\": 5}",
                key);
  assert_status (order, 201);
  changed = send_full (f->session, f->uri, "GET", "/v1/account", f->token, NULL, 0, NULL, etag);
  assert_status (changed, 200);
  g_assert_cmpstr (soup_message_headers_get_one (changed->headers, "ETag"), !=, etag);
}

/* Orders. */

static void
test_order_create (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *key = new_key ();
  g_autoptr(Response) r = call (f, "POST", "/v1/orders", f->token,
                                "{\"voucher_type\": \"cf\", \"quantity\": 100}", key);
  g_autoptr(Response) list = call (f, "GET", "/v1/orders", f->token, NULL, NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *payment;
  struct {
    const char *body;
    const char *field;
  } bad[] = {
    { "{\"voucher_type\": \"cf\"}", "quantity" },
    { "{\"voucher_type\": \"cf\", \"quantity\": 0}", "quantity" },
    { "{\"voucher_type\": \"cf\", \"quantity\": -3}", "quantity" },
    { "{\"voucher_type\": \"cf\", \"quantity\": 1.5}", "quantity" },
    { "{\"voucher_type\": \"cf\", \"quantity\": \"10\"}", "quantity" },
    { "{\"voucher_type\": \"gold\", \"quantity\": 10}", "voucher_type" },
    { "{\"voucher_type\": 1, \"quantity\": 10}", "voucher_type" },
    { "{\"quantity\": 10}", "voucher_type" },
    { "{\"voucher_type\": \"cf\", \"quantity\": 10", "body" },
    { "[1, 2]", "body" },
    { "", "body" },
  };

  assert_status (r, 201);
  assert_fixture_shape ("order.json", r->json);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "awaiting_payment");
  g_assert_cmpint (json_object_get_int_member (obj (r), "amount_cents"), ==, 100 * 1500);
  g_assert_true (json_object_get_null_member (obj (r), "paid_at"));
  payment = json_object_get_object_member (obj (r), "payment");
  g_assert_cmpstr (json_object_get_string_member (payment, "iban"), ==, "BE51210000098062");
  chq_iban_validate (json_object_get_string_member (payment, "iban"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (payment, "communication"), ==,
                   "+++100/0012/34560+++");
  chq_structured_communication_validate (json_object_get_string_member (payment, "communication"),
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (payment, "amount_cents"), ==, 150000);
  g_assert_cmpstr (json_object_get_string_member (payment, "beneficiary"), ==, "Pluxee Belgium");

  assert_status (list, 200);
  assert_fixture_shape ("orders.json", list->json);
  g_assert_cmpuint (json_array_get_length (items (list)), ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bad_key = new_key ();
      g_autoptr(Response) b = call (f, "POST", "/v1/orders", f->token, bad[i].body, bad_key);

      assert_problem (b, 400, "invalid_field", bad[i].field);
    }

  /* Each other type goes to its own account. */
  {
    g_autofree char *k1 = new_key ();
    g_autofree char *k2 = new_key ();
    g_autoptr(Response) cfl = call (f, "POST", "/v1/orders", f->token,
                                    "{\"voucher_type\": \"cfl\", \"quantity\": 3}", k1);
    g_autoptr(Response) eco = call (f, "POST", "/v1/orders", f->token,
                                    "{\"voucher_type\": \"eco\", \"quantity\": 3}", k2);

    assert_status (cfl, 201);
    assert_status (eco, 201);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (cfl), "payment"),
                                                    "iban"), ==, "BE74001473372507");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (eco), "payment"),
                                                    "iban"), ==, "BE04001550887631");
  }

  /* The key is required for orders. */
  {
    g_autoptr(Response) no_key = call (f, "POST", "/v1/orders", f->token,
                                       "{\"voucher_type\": \"cf\", \"quantity\": 1}", NULL);
    assert_problem (no_key, 400, "invalid_field", "Idempotency-Key");
  }
}

static void
test_order_ceiling (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *k1 = new_key ();
  g_autofree char *k2 = new_key ();
  g_autofree char *k3 = new_key ();
  g_autofree char *k4 = new_key ();
  g_autofree char *cancel_path = NULL;
  g_autoptr(Response) over = NULL;
  g_autoptr(Response) exact = NULL;
  g_autoptr(Response) one_more = NULL;
  g_autoptr(Response) cancel = NULL;
  g_autoptr(Response) again = NULL;

  /* 400 a year, 150 ordered: 250 left. */
  over = call (f, "POST", "/v1/orders", f->token, "{\"voucher_type\": \"cf\", \"quantity\": 251}", k1);
  assert_problem (over, 422, "ceiling_exceeded", "quantity");
  assert_fixture_shape ("problem.json", over->json);
  g_assert_cmpint (json_object_get_int_member (obj (over), "left"), ==, 250);
  g_assert_nonnull (strstr (json_object_get_string_member (obj (over), "detail"), "250"));

  exact = call (f, "POST", "/v1/orders", f->token, "{\"voucher_type\": \"cf\", \"quantity\": 250}", k2);
  assert_status (exact, 201);

  one_more = call (f, "POST", "/v1/orders", f->token, "{\"voucher_type\": \"cf\", \"quantity\": 1}", k3);
  assert_problem (one_more, 422, "ceiling_exceeded", "quantity");
  g_assert_cmpint (json_object_get_int_member (obj (one_more), "left"), ==, 0);

  /* A cancelled order no longer counts. */
  cancel_path = g_strdup_printf ("/v1/orders/%s/cancel",
                                 json_object_get_string_member (obj (exact), "id"));
  cancel = call (f, "POST", cancel_path, f->token, NULL, NULL);
  assert_status (cancel, 200);
  again = call (f, "POST", "/v1/orders", f->token, "{\"voucher_type\": \"cf\", \"quantity\": 250}", k4);
  assert_status (again, 201);
}

static void
test_order_cancel_and_pay (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *k1 = new_key ();
  g_autofree char *k2 = new_key ();
  g_autoptr(Response) first = call (f, "POST", "/v1/orders", f->token2,
                                    "{\"voucher_type\": \"cf\", \"quantity\": 10}", k1);
  g_autoptr(Response) second = call (f, "POST", "/v1/orders", f->token2,
                                     "{\"voucher_type\": \"cf\", \"quantity\": 30}", k2);
  g_autofree char *cancel1 = NULL;
  g_autofree char *pay1 = NULL;
  g_autofree char *pay2 = NULL;
  g_autofree char *cancel2 = NULL;
  g_autofree char *batch_id = NULL;
  const char *order2;

  assert_status (first, 201);
  assert_status (second, 201);
  cancel1 = g_strdup_printf ("/v1/orders/%s/cancel", json_object_get_string_member (obj (first), "id"));
  pay1 = g_strdup_printf ("/v1/sandbox/orders/%s/pay", json_object_get_string_member (obj (first), "id"));
  order2 = json_object_get_string_member (obj (second), "id");
  pay2 = g_strdup_printf ("/v1/sandbox/orders/%s/pay", order2);
  cancel2 = g_strdup_printf ("/v1/orders/%s/cancel", order2);

  {
    g_autoptr(Response) c = call (f, "POST", cancel1, f->token2, NULL, NULL);
    g_autoptr(Response) c_again = call (f, "POST", cancel1, f->token2, NULL, NULL);
    g_autoptr(Response) p = call (f, "POST", pay1, f->token2, NULL, NULL);

    assert_status (c, 200);
    g_assert_cmpstr (json_object_get_string_member (obj (c), "status"), ==, "cancelled");
    g_assert_false (json_object_get_null_member (obj (c), "cancelled_at"));
    assert_problem (c_again, 409, "not_cancellable", NULL);
    assert_problem (p, 409, "conflict", NULL);
  }

  {
    g_autoptr(Response) before = call (f, "GET", "/v1/wallet", f->token2, NULL, NULL);
    g_autoptr(Response) p = call (f, "POST", pay2, f->token2, NULL, NULL);
    g_autoptr(Response) p_again = call (f, "POST", pay2, f->token2, NULL, NULL);
    g_autoptr(Response) c = call (f, "POST", cancel2, f->token2, NULL, NULL);
    g_autoptr(Response) wallet = call (f, "GET", "/v1/wallet", f->token2, NULL, NULL);
    JsonArray *batches;
    gboolean found = FALSE;

    assert_status (p, 200);
    g_assert_cmpstr (json_object_get_string_member (obj (p), "status"), ==, "credited");
    g_assert_true (g_str_has_prefix (json_object_get_string_member (obj (p), "paid_at"), TODAY "T"));
    assert_problem (p_again, 409, "conflict", NULL);
    assert_problem (c, 409, "not_cancellable", NULL);

    batch_id = g_strconcat ("bat-", order2 + 4, NULL);
    batches = json_object_get_array_member (obj (wallet), "batches");
    for (guint i = 0; i < json_array_get_length (batches); i++)
      {
        JsonObject *b = json_array_get_object_element (batches, i);

        if (!g_str_equal (json_object_get_string_member (b, "order_id"), order2))
          continue;
        found = TRUE;
        /* Credited in November 2026: valid until the end of October 2027. */
        g_assert_cmpstr (json_object_get_string_member (b, "credited_on"), ==, TODAY);
        g_assert_cmpstr (json_object_get_string_member (b, "expires_on"), ==, "2027-10-31");
        g_assert_cmpint (json_object_get_int_member (b, "quantity"), ==, 30);
        g_assert_cmpint (json_object_get_int_member (b, "available"), ==, 30);
      }
    g_assert_true (found);
    g_assert_cmpint (json_array_get_length (batches), ==,
                     json_array_get_length (json_object_get_array_member (obj (before), "batches")) + 1);
  }

  {
    g_autoptr(Response) unknown = call (f, "POST", "/v1/orders/ord-2026-9999/cancel", f->token2,
                                        NULL, NULL);
    assert_problem (unknown, 404, "not_found", NULL);
  }
}

/* Idempotency. */

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  const char *body = "{\"voucher_type\": \"cf\", \"quantity\": 7}";
  g_autofree char *key = new_key ();
  g_autoptr(Response) first = call (f, "POST", "/v1/orders", f->token, body, key);
  g_autoptr(Response) replay = call (f, "POST", "/v1/orders", f->token, body, key);
  g_autoptr(Response) conflict = call (f, "POST", "/v1/orders", f->token,
                                       "{\"voucher_type\": \"cf\", \"quantity\": 8}", key);
  g_autoptr(Response) other_company = call (f, "POST", "/v1/orders", f->token2, body, key);
  g_autoptr(Response) list = call (f, "GET", "/v1/orders", f->token, NULL, NULL);
  g_autofree char *bad_key = new_key ();
  g_autoptr(Response) failed = call (f, "POST", "/v1/orders", f->token,
                                     "{\"voucher_type\": \"cf\", \"quantity\": 9999}", bad_key);
  g_autoptr(Response) failed_replay = call (f, "POST", "/v1/orders", f->token,
                                            "{\"voucher_type\": \"cf\", \"quantity\": 9999}", bad_key);
  guint n = 0;

  assert_status (first, 201);
  g_assert_null (soup_message_headers_get_one (first->headers, "Idempotent-Replayed"));
  assert_status (replay, 201);
  g_assert_cmpstr (replay->body, ==, first->body);
  g_assert_cmpstr (soup_message_headers_get_one (replay->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (soup_message_headers_get_content_type (replay->headers, NULL), ==,
                   "application/json");

  assert_problem (conflict, 409, "conflict", NULL);

  /* Keys are per company: the same key elsewhere is a new request. */
  assert_status (other_company, 201);
  g_assert_cmpstr (json_object_get_string_member (obj (other_company), "id"), !=,
                   json_object_get_string_member (obj (first), "id"));

  /* Exactly one order of 7 was made. */
  for (guint i = 0; i < json_array_get_length (items (list)); i++)
    if (json_object_get_int_member (json_array_get_object_element (items (list), i), "quantity") == 7)
      n++;
  g_assert_cmpuint (n, ==, 1);

  /* A refusal is replayed too (the same request gets the same answer). */
  assert_problem (failed, 422, "ceiling_exceeded", NULL);
  assert_problem (failed_replay, 422, "ceiling_exceeded", NULL);
  g_assert_cmpstr (failed_replay->body, ==, failed->body);
}

/* Keys are forgotten CHQ_API_IDEMPOTENCY_DAYS after their first use, on the sandbox's
 * clock: the same request with the same key is then a new request. */
static void
test_idempotency_window (Fixture       *f,
                         gconstpointer  data)
{
  const char *body = "{\"voucher_type\": \"cf\", \"quantity\": 3}";
  g_autofree char *key = new_key ();
  g_autoptr(Response) first = call (f, "POST", "/v1/orders", f->token, body, key);
  g_autoptr(Response) last_day = NULL;
  g_autoptr(Response) after = NULL;
  g_autoptr(Response) list = NULL;
  g_autofree char *token = NULL;
  guint n = 0;

  g_assert_cmpint (CHQ_API_IDEMPOTENCY_DAYS, ==, 30);
  assert_status (first, 201);

  /* Day 29 (TODAY + 29): still within the window, the first answer comes back. */
  g_assert_true (chq_sandbox_set_today (f->sandbox, "2026-12-27"));
  token = login (f, ATELIER);
  last_day = call (f, "POST", "/v1/orders", token, body, key);
  assert_status (last_day, 201);
  g_assert_cmpstr (soup_message_headers_get_one (last_day->headers, "Idempotent-Replayed"), ==,
                   "true");
  g_assert_cmpstr (last_day->body, ==, first->body);

  /* Day 31: the key is forgotten, so the same request makes a second order. */
  g_assert_true (chq_sandbox_set_today (f->sandbox, "2026-12-29"));
  g_clear_pointer (&token, g_free);
  token = login (f, ATELIER);
  after = call (f, "POST", "/v1/orders", token, body, key);
  assert_status (after, 201);
  g_assert_null (soup_message_headers_get_one (after->headers, "Idempotent-Replayed"));
  g_assert_cmpstr (json_object_get_string_member (obj (after), "id"), !=,
                   json_object_get_string_member (obj (first), "id"));

  list = call (f, "GET", "/v1/orders", token, NULL, NULL);
  for (guint i = 0; i < json_array_get_length (items (list)); i++)
    if (json_object_get_int_member (json_array_get_object_element (items (list), i), "quantity") == 3)
      n++;
  g_assert_cmpuint (n, ==, 2);

  /* A bad date is refused and leaves the clock alone. */
  g_assert_false (chq_sandbox_set_today (f->sandbox, "2026-02-30"));
}

/* Wallet. */

static void
test_wallet (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Response) r = call (f, "GET", "/v1/wallet", f->token, NULL, NULL);
  JsonArray *batches, *totals;
  gint64 available = 0, reserved = 0, used = 0;
  JsonObject *cf;

  assert_status (r, 200);
  assert_fixture_shape ("wallet.json", r->json);
  batches = json_object_get_array_member (obj (r), "batches");
  totals = json_object_get_array_member (obj (r), "totals");
  g_assert_cmpuint (json_array_get_length (batches), ==, 2);
  g_assert_cmpuint (json_array_get_length (totals), ==, 3);

  for (guint i = 0; i < json_array_get_length (batches); i++)
    {
      JsonObject *b = json_array_get_object_element (batches, i);

      g_assert_cmpint (json_object_get_int_member (b, "available") +
                       json_object_get_int_member (b, "reserved") +
                       json_object_get_int_member (b, "used"), ==,
                       json_object_get_int_member (b, "quantity"));
      available += json_object_get_int_member (b, "available");
      reserved += json_object_get_int_member (b, "reserved");
      used += json_object_get_int_member (b, "used");
    }

  cf = json_array_get_object_element (totals, 0);
  g_assert_cmpstr (json_object_get_string_member (cf, "voucher_type"), ==, "cf");
  g_assert_cmpint (json_object_get_int_member (cf, "available"), ==, available);
  g_assert_cmpint (json_object_get_int_member (cf, "reserved"), ==, reserved);
  g_assert_cmpint (json_object_get_int_member (cf, "used"), ==, used);
  /* The demo: 7 used by the attended training, 14 reserved by the booked one. */
  g_assert_cmpint (used, ==, 7);
  g_assert_cmpint (reserved, ==, 14);
  /* The first batch, credited in January, expires on December 31: within 60 days. */
  g_assert_cmpstr (json_object_get_string_member (cf, "next_expiry"), ==, "2026-12-31");
  g_assert_cmpint (json_object_get_int_member (cf, "expiring_soon"), ==,
                   json_object_get_int_member (json_array_get_object_element (batches, 0), "available"));
  g_assert_true (json_object_get_null_member (json_array_get_object_element (totals, 1), "next_expiry"));
}

/* Workers. */

static void
test_workers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Response) list = call (f, "GET", "/v1/workers", f->token, NULL, NULL);
  g_autoptr(Response) one = call (f, "GET", "/v1/workers/wrk-0001", f->token, NULL, NULL);
  g_autofree char *request = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Response) created = NULL;
  g_autoptr(Response) updated = NULL;
  g_autoptr(Response) archived = NULL;
  g_autoptr(Response) after = NULL;
  g_autofree char *long_name = g_strnfill (201, 'a');
  g_autofree char *max_name = g_strnfill (200, 'a');
  g_autofree char *long_name_body = NULL;
  g_autofree char *max_name_body = NULL;
  guint students = 0;

  assert_status (list, 200);
  assert_fixture_shape ("workers.json", list->json);
  g_assert_cmpuint (json_array_get_length (items (list)), ==, 6);
  for (guint i = 0; i < 6; i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items (list), i),
                                                    "status"), "student"))
      students++;
  g_assert_cmpuint (students, ==, 1);

  assert_status (one, 200);
  assert_fixture_shape ("worker.json", one->json);
  g_assert_cmpstr (json_object_get_string_member (obj (one), "first_name"), ==, "Sophie");
  g_assert_cmpfloat (json_object_get_double_member (obj (one), "hours_this_year"), ==, 7);

  g_file_get_contents (TEST_SRCDIR "/fixtures/api/worker-request.json", &request, NULL, NULL);
  g_assert_nonnull (request);
  created = call (f, "POST", "/v1/workers", f->token, request, NULL);
  assert_status (created, 201);
  assert_fixture_shape ("worker.json", created->json);
  g_assert_cmpstr (json_object_get_string_member (obj (created), "last_name"), ==, "Dethier");
  g_assert_cmpstr (json_object_get_string_member (obj (created), "niss"), ==, "85073003328");
  g_assert_false (json_object_get_boolean_member (obj (created), "archived"));

  path = g_strconcat ("/v1/workers/", json_object_get_string_member (obj (created), "id"), NULL);
  updated = call (f, "PUT", path, f->token,
                  "{\"first_name\": \" Sophie \", \"last_name\": \"Dethier-Lenoir\", "
                  "\"status\": \"temp\", \"niss\": \"85.07.30-033.28\", \"email\": null}", NULL);
  assert_status (updated, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (updated), "first_name"), ==, "Sophie");
  g_assert_cmpstr (json_object_get_string_member (obj (updated), "last_name"), ==, "Dethier-Lenoir");
  g_assert_cmpstr (json_object_get_string_member (obj (updated), "status"), ==, "temp");
  g_assert_cmpstr (json_object_get_string_member (obj (updated), "niss"), ==, "85073003328");
  g_assert_true (json_object_get_null_member (obj (updated), "email"));

  archived = call (f, "DELETE", path, f->token, NULL, NULL);
  assert_status (archived, 200);
  g_assert_true (json_object_get_boolean_member (obj (archived), "archived"));
  after = call (f, "GET", "/v1/workers", f->token, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (items (after)), ==, 7);

  long_name_body = g_strdup_printf ("{\"first_name\": \"%s\", \"last_name\": \"X\", "
                                    "\"status\": \"employee\"}", long_name);
  max_name_body = g_strdup_printf ("{\"first_name\": \"%s\", \"last_name\": \"X\", "
                                   "\"status\": \"employee\"}", max_name);
  {
    struct {
      const char *body;
      const char *field;
    } bad[] = {
      { "{\"last_name\": \"Dethier\", \"status\": \"employee\"}", "first_name" },
      { "{\"first_name\": \"  \", \"last_name\": \"Dethier\", \"status\": \"employee\"}", "first_name" },
      { "{\"first_name\": \"Sophie\", \"status\": \"employee\"}", "last_name" },
      { "{\"first_name\": \"Sophie\", \"last_name\": 3, \"status\": \"employee\"}", "last_name" },
      { long_name_body, "first_name" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\", \"status\": \"volunteer\"}", "status" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\"}", "status" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\", \"status\": \"employee\", "
        "\"niss\": \"85073003329\"}", "niss" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\", \"status\": \"employee\", "
        "\"niss\": 85073003328}", "niss" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\", \"status\": \"employee\", "
        "\"email\": \"sophie.example.be\"}", "email" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\", \"status\": \"employee\", "
        "\"email\": \"sophie@\"}", "email" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\", \"status\": \"employee\", "
        "\"email\": \"@example.be\"}", "email" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\", \"status\": \"employee\", "
        "\"email\": \"a@b@example.be\"}", "email" },
      { "{\"first_name\": \"Sophie\", \"last_name\": \"D\", \"status\": \"employee\", "
        "\"email\": \"so phie@example.be\"}", "email" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(Response) b = call (f, "POST", "/v1/workers", f->token, bad[i].body, NULL);
        g_autoptr(Response) p = call (f, "PUT", "/v1/workers/wrk-0002", f->token, bad[i].body, NULL);

        assert_problem (b, 400, "invalid_field", bad[i].field);
        assert_problem (p, 400, "invalid_field", bad[i].field);
      }
  }
  {
    g_autoptr(Response) edge = call (f, "POST", "/v1/workers", f->token, max_name_body, NULL);
    assert_status (edge, 201);
  }

  /* The self-employed account has one worker, the holder. */
  {
    g_autoptr(Response) julie = call (f, "GET", "/v1/workers", f->token2, NULL, NULL);
    g_autoptr(Response) add = call (f, "POST", "/v1/workers", f->token2, request, NULL);
    JsonObject *holder;

    g_assert_cmpuint (json_array_get_length (items (julie)), ==, 1);
    holder = json_array_get_object_element (items (julie), 0);
    g_assert_cmpstr (json_object_get_string_member (holder, "last_name"), ==, "Lambert");
    g_assert_cmpstr (json_object_get_string_member (holder, "status"), ==, "self_employed_main");
    assert_problem (add, 409, "conflict", NULL);
  }

  {
    g_autoptr(Response) missing = call (f, "GET", "/v1/workers/wrk-9999", f->token, NULL, NULL);
    assert_problem (missing, 404, "not_found", NULL);
  }
}

/* Enrolments. */

static gboolean
is_usage_code (const char *code)
{
  return g_regex_match_simple ("^UC-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$",
                               code, 0, 0);
}

static void
test_enrolment_book (Fixture       *f,
                     gconstpointer  data)
{
  SessionQuery q = { "cf", 1, 14, NULL, "2027-01-05", "in_person", 2 };
  g_autofree char *course = NULL;
  g_autofree char *session = NULL;
  g_autoptr(Response) r = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) student = NULL;
  gint64 reserved_before = wallet_total (f, f->token, "cf", "reserved");
  gint64 available_before = wallet_total (f, f->token, "cf", "available");
  gint64 seats, hours;

  g_assert_true (find_session (f, session_matches, &q, &course, &session));
  seats = seats_left (f, course, session);

  r = book (f, f->token, "wrk-0003", course, session);
  assert_status (r, 201);
  assert_fixture_shape ("enrolment.json", r->json);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "status"), ==, "booked");
  g_assert_true (is_usage_code (json_object_get_string_member (obj (r), "usage_code")));
  hours = json_object_get_int_member (obj (r), "hours");
  g_assert_cmpint (json_object_get_int_member (obj (r), "vouchers_reserved"), ==, hours);
  g_assert_cmpint (json_object_get_int_member (obj (r), "vouchers_used"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "attendance")), ==, 0);

  g_assert_cmpint (wallet_total (f, f->token, "cf", "reserved"), ==, reserved_before + hours);
  g_assert_cmpint (wallet_total (f, f->token, "cf", "available"), ==, available_before - hours);
  g_assert_cmpint (seats_left (f, course, session), ==, seats - 1);

  /* The same worker on the same session twice: a conflict. */
  again = book (f, f->token, "wrk-0003", course, session);
  assert_problem (again, 409, "conflict", "worker_id");

  /* A student is not eligible. */
  student = book (f, f->token, "wrk-0006", course, session);
  assert_problem (student, 422, "invalid_field", "worker_id");

  {
    g_autoptr(Response) no_course = book (f, f->token, "wrk-0003", "crs-nope", session);
    g_autoptr(Response) wrong_session = book (f, f->token, "wrk-0003", course, "ses-0007-01");
    g_autoptr(Response) no_worker = book (f, f->token, "wrk-9999", course, session);
    g_autoptr(Response) wrong_type = call (f, "POST", "/v1/enrolments", f->token,
                                           "{\"worker_id\": 1, \"course_id\": \"a\", \"session_id\": \"b\"}",
                                           "k-wrong-type");
    g_autoptr(Response) no_key = call (f, "POST", "/v1/enrolments", f->token,
                                       "{\"worker_id\": \"wrk-0003\", \"course_id\": \"a\", \"session_id\": \"b\"}",
                                       NULL);

    assert_problem (no_course, 404, "not_found", "course_id");
    if (!g_str_equal (course, "crs-ai-0007"))
      assert_problem (wrong_session, 404, "not_found", "session_id");
    assert_problem (no_worker, 404, "not_found", "worker_id");
    assert_problem (wrong_type, 400, "invalid_field", "worker_id");
    assert_problem (no_key, 400, "invalid_field", "Idempotency-Key");
  }

  /* An archived worker cannot be booked. */
  {
    g_autoptr(Response) archive = call (f, "DELETE", "/v1/workers/wrk-0004", f->token, NULL, NULL);
    g_autoptr(Response) archived = book (f, f->token, "wrk-0004", course, session);

    assert_status (archive, 200);
    assert_problem (archived, 422, "invalid_field", "worker_id");
  }
}

static void
test_enrolment_full (Fixture       *f,
                     gconstpointer  data)
{
  SessionQuery q = { "cf", 1, 7, NULL, NULL, NULL, 1 };
  g_autofree char *course = NULL;
  g_autofree char *session = NULL;
  g_autoptr(Response) full = NULL;
  gint64 seats;

  g_assert_true (find_session (f, session_matches, &q, &course, &session));
  seats = seats_left (f, course, session);

  for (gint64 i = 0; i < seats; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"first_name\": \"Worker\", \"last_name\": \"N%d\", "
                                               "\"status\": \"employee\"}", (int) i);
      g_autoptr(Response) w = call (f, "POST", "/v1/workers", f->token, body, NULL);
      g_autoptr(Response) b = NULL;

      assert_status (w, 201);
      b = book (f, f->token, json_object_get_string_member (obj (w), "id"), course, session);
      assert_status (b, 201);
    }

  g_assert_cmpint (seats_left (f, course, session), ==, 0);
  full = book (f, f->token, "wrk-0001", course, session);
  assert_problem (full, 409, "session_full", "session_id");
}

static void
test_enrolment_expiring_batch (Fixture       *f,
                               gconstpointer  data)
{
  /* Julie's only batch (20 cf) expires on 2026-12-31. */
  SessionQuery later = { "cf", 1, 14, NULL, "2027-01-05", NULL, 1 };
  SessionQuery sooner = { "cf", 1, 14, "2026-12-24", NULL, NULL, 1 };
  g_autofree char *course = NULL;
  g_autofree char *session = NULL;
  g_autofree char *course2 = NULL;
  g_autofree char *session2 = NULL;
  g_autoptr(Response) refused = NULL;
  g_autoptr(Response) accepted = NULL;

  g_assert_cmpint (wallet_total (f, f->token2, "cf", "available"), ==, 20);

  g_assert_true (find_session (f, session_matches, &later, &course, &session));
  refused = book (f, f->token2, "wrk-0007", course, session);
  assert_problem (refused, 409, "insufficient_vouchers", NULL);
  g_assert_cmpint (wallet_total (f, f->token2, "cf", "available"), ==, 20);

  g_assert_true (find_session (f, session_matches, &sooner, &course2, &session2));
  accepted = book (f, f->token2, "wrk-0007", course2, session2);
  assert_status (accepted, 201);
}

static void
test_enrolment_oldest_first (Fixture       *f,
                             gconstpointer  data)
{
  /* Atelier: batch A (expires 2026-12-31) and batch B (2027): a December session takes
   * from A first. */
  SessionQuery q = { "cf", 7, 14, "2026-12-24", NULL, NULL, 1 };
  g_autofree char *course = NULL;
  g_autofree char *session = NULL;
  g_autoptr(Response) before = call (f, "GET", "/v1/wallet", f->token, NULL, NULL);
  g_autoptr(Response) after = NULL;
  g_autoptr(Response) r = NULL;
  JsonObject *a_before, *a_after, *b_before, *b_after;
  gint64 hours;

  g_assert_true (find_session (f, session_matches, &q, &course, &session));
  r = book (f, f->token, "wrk-0001", course, session);
  assert_status (r, 201);
  hours = json_object_get_int_member (obj (r), "hours");
  after = call (f, "GET", "/v1/wallet", f->token, NULL, NULL);

  a_before = json_array_get_object_element (json_object_get_array_member (obj (before), "batches"), 0);
  b_before = json_array_get_object_element (json_object_get_array_member (obj (before), "batches"), 1);
  a_after = json_array_get_object_element (json_object_get_array_member (obj (after), "batches"), 0);
  b_after = json_array_get_object_element (json_object_get_array_member (obj (after), "batches"), 1);
  g_assert_cmpstr (json_object_get_string_member (a_after, "expires_on"), ==, "2026-12-31");
  g_assert_cmpint (json_object_get_int_member (a_after, "reserved"), ==,
                   json_object_get_int_member (a_before, "reserved") + hours);
  g_assert_cmpint (json_object_get_int_member (b_after, "reserved"), ==,
                   json_object_get_int_member (b_before, "reserved"));
}

static void
test_enrolment_cancel (Fixture       *f,
                       gconstpointer  data)
{
  SessionQuery q = { "cf", 1, 14, NULL, "2027-01-05", NULL, 1 };
  g_autofree char *course = NULL;
  g_autofree char *session = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Response) r = NULL;
  g_autoptr(Response) cancel = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) attended = NULL;
  gint64 available, seats;

  g_assert_true (find_session (f, session_matches, &q, &course, &session));
  available = wallet_total (f, f->token, "cf", "available");
  seats = seats_left (f, course, session);

  r = book (f, f->token, "wrk-0002", course, session);
  assert_status (r, 201);
  path = g_strdup_printf ("/v1/enrolments/%s/cancel", json_object_get_string_member (obj (r), "id"));
  cancel = call (f, "POST", path, f->token, NULL, NULL);
  assert_status (cancel, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (cancel), "status"), ==, "cancelled");
  g_assert_cmpint (json_object_get_int_member (obj (cancel), "vouchers_reserved"), ==, 0);
  g_assert_cmpint (wallet_total (f, f->token, "cf", "available"), ==, available);
  g_assert_cmpint (seats_left (f, course, session), ==, seats);

  again = call (f, "POST", path, f->token, NULL, NULL);
  assert_problem (again, 409, "not_cancellable", NULL);
  attended = call (f, "POST", "/v1/enrolments/enr-0001/cancel", f->token, NULL, NULL);
  assert_problem (attended, 409, "not_cancellable", NULL);
}

static void
test_enrolment_attendance (Fixture       *f,
                           gconstpointer  data)
{
  /* A two-day in-person session (14 hours, 9:00 to 17:00: full days, capped at 7). */
  SessionQuery q = { "cf", 14, 14, NULL, "2027-01-05", "in_person", 1 };
  g_autofree char *course = NULL;
  g_autofree char *session = NULL;
  g_autofree char *path = NULL;
  g_autofree char *day1 = NULL;
  g_autofree char *day2 = NULL;
  g_autofree char *outside = NULL;
  g_autoptr(Response) r = NULL;
  g_autoptr(Response) done = NULL;
  g_autoptr(Response) twice = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autoptr(GDateTime) before = NULL;
  gint64 available, used;

  g_assert_true (find_session (f, session_matches, &q, &course, &session));
  r = book (f, f->token, "wrk-0005", course, session);
  assert_status (r, 201);
  path = g_strdup_printf ("/v1/enrolments/%s/attendance", json_object_get_string_member (obj (r), "id"));
  starts = g_date_time_new_from_iso8601 (json_object_get_string_member (obj (r), "starts_at"), NULL);
  ends = g_date_time_new_from_iso8601 (json_object_get_string_member (obj (r), "ends_at"), NULL);
  before = g_date_time_add_days (starts, -1);
  day1 = g_date_time_format (starts, "%Y-%m-%d");
  day2 = g_date_time_format (ends, "%Y-%m-%d");
  outside = g_date_time_format (before, "%Y-%m-%d");
  g_assert_cmpstr (day1, !=, day2);

  /* Attendance is for days that have come: the session starts after the sandbox's today. */
  {
    g_autofree char *body = g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 7}]}",
                                             day1);
    g_autoptr(Response) early = call (f, "POST", path, f->token, body, NULL);

    assert_problem (early, 400, "invalid_field", "days[0].date");
    g_assert_nonnull (strstr (json_object_get_string_member (obj (early), "detail"), "today"));
  }
  /* The session's first day has come, the second not yet (a new day: sign in again). */
  g_assert_true (chq_sandbox_set_today (f->sandbox, day1));
  g_free (f->token);
  f->token = login (f, ATELIER);
  {
    g_autofree char *body = g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 7}, "
                                             "{\"date\": \"%s\", \"hours\": 7}]}", day1, day2);
    g_autoptr(Response) early = call (f, "POST", path, f->token, body, NULL);

    assert_problem (early, 400, "invalid_field", "days[1].date");
  }
  g_assert_true (chq_sandbox_set_today (f->sandbox, day2));
  g_free (f->token);
  f->token = login (f, ATELIER);

  {
    struct {
      char       *body;
      guint       status;
      const char *field;
    } bad[] = {
      { g_strdup ("{\"days\": []}"), 400, "days" },
      { g_strdup ("{\"days\": {}}"), 400, "days" },
      { g_strdup ("{}"), 400, "days" },
      { g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 8}]}", day1), 422, "days[0].hours" },
      { g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 3.25}]}", day1), 400, "days[0].hours" },
      { g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": -1}]}", day1), 400, "days[0].hours" },
      { g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 25}]}", day1), 400, "days[0].hours" },
      { g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": \"7\"}]}", day1), 400, "days[0].hours" },
      { g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 7}]}", outside), 422, "days[0].date" },
      { g_strdup ("{\"days\": [{\"date\": \"2027-13-01\", \"hours\": 7}]}"), 400, "days[0].date" },
      { g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 7}, {\"date\": \"%s\", \"hours\": 7}]}",
                         day1, day1), 422, "days[1].date" },
      { g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 7}, {\"hours\": 7}]}", day1),
        400, "days[1].date" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(Response) b = call (f, "POST", path, f->token, bad[i].body, NULL);

        assert_problem (b, bad[i].status, "invalid_field", bad[i].field);
        g_free (bad[i].body);
      }
  }

  available = wallet_total (f, f->token, "cf", "available");
  used = wallet_total (f, f->token, "cf", "used");
  {
    g_autofree char *body = g_strdup_printf ("{\"days\": [{\"date\": \"%s\", \"hours\": 7}, "
                                             "{\"date\": \"%s\", \"hours\": 4.5}]}", day1, day2);
    done = call (f, "POST", path, f->token, body, NULL);
    twice = call (f, "POST", path, f->token, body, NULL);
  }
  assert_status (done, 200);
  g_assert_cmpstr (json_object_get_string_member (obj (done), "status"), ==, "attended");
  g_assert_cmpfloat (json_object_get_double_member (obj (done), "hours_attended"), ==, 11.5);
  /* A voucher pays a whole hour: 11.5 hours use 12 vouchers, 2 go back to the wallet. */
  g_assert_cmpint (json_object_get_int_member (obj (done), "vouchers_used"), ==, 12);
  g_assert_cmpint (json_object_get_int_member (obj (done), "vouchers_reserved"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (done), "attendance")), ==, 2);
  g_assert_cmpint (wallet_total (f, f->token, "cf", "available"), ==, available + 2);
  g_assert_cmpint (wallet_total (f, f->token, "cf", "used"), ==, used + 12);
  assert_problem (twice, 409, "conflict", NULL);

  {
    g_autoptr(Response) worker = call (f, "GET", "/v1/workers/wrk-0005", f->token, NULL, NULL);
    /* Attended in 2027, the sandbox's year now: they count for this year. */
    g_assert_cmpfloat (json_object_get_double_member (obj (worker), "hours_this_year"), ==, 11.5);
  }
}

static void
test_enrolment_list (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Response) all = call (f, "GET", "/v1/enrolments", f->token, NULL, NULL);
  g_autoptr(Response) y2026 = call (f, "GET", "/v1/enrolments?year=2026", f->token, NULL, NULL);
  g_autoptr(Response) y2027 = call (f, "GET", "/v1/enrolments?year=2027", f->token, NULL, NULL);
  g_autoptr(Response) bad = call (f, "GET", "/v1/enrolments?year=twenty", f->token, NULL, NULL);

  assert_status (all, 200);
  assert_fixture_shape ("enrolments.json", all->json);
  g_assert_cmpuint (json_array_get_length (items (all)), ==, 2);
  g_assert_cmpuint (json_array_get_length (items (y2026)) + json_array_get_length (items (y2027)),
                    ==, 2);
  for (guint i = 0; i < json_array_get_length (items (y2026)); i++)
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (items (y2026), i),
                                                                    "starts_at"), "2026-"));
  for (guint i = 0; i < json_array_get_length (items (y2027)); i++)
    g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (items (y2027), i),
                                                                    "starts_at"), "2027-"));
  assert_problem (bad, 400, "invalid_field", "year");
}

/* Isolation: Julie walks every endpoint with Atelier Mosan's ids. */

static void
test_isolation (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Response) orders = call (f, "GET", "/v1/orders", f->token, NULL, NULL);
  g_autoptr(Response) enrolments = call (f, "GET", "/v1/enrolments", f->token, NULL, NULL);
  const char *order_id = json_object_get_string_member (json_array_get_object_element (items (orders), 3), "id");
  const char *enrolment_id = json_object_get_string_member (json_array_get_object_element (items (enrolments), 1), "id");
  const char *worker_body = "{\"first_name\": \"A\", \"last_name\": \"B\", \"status\": \"employee\"}";
  struct {
    const char *method;
    char       *path;
    const char *body;
  } calls[] = {
    { "GET", g_strdup ("/v1/workers/wrk-0001"), NULL },
    { "PUT", g_strdup ("/v1/workers/wrk-0001"), worker_body },
    { "DELETE", g_strdup ("/v1/workers/wrk-0001"), NULL },
    { "POST", g_strdup_printf ("/v1/orders/%s/cancel", order_id), NULL },
    { "POST", g_strdup_printf ("/v1/sandbox/orders/%s/pay", order_id), NULL },
    { "POST", g_strdup_printf ("/v1/enrolments/%s/cancel", enrolment_id), NULL },
    { "POST", g_strdup_printf ("/v1/enrolments/%s/attendance", enrolment_id),
      "{\"days\": [{\"date\": \"2027-01-04\", \"hours\": 7}]}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(Response) r = call (f, calls[i].method, calls[i].path, f->token2, calls[i].body, NULL);

      assert_problem (r, 404, "not_found", NULL);
      g_free (calls[i].path);
    }

  /* Booking with another company's worker. */
  {
    g_autoptr(Response) r = book (f, f->token2, "wrk-0001", "crs-ai-0001", "ses-0001-01");
    assert_problem (r, 404, "not_found", "worker_id");
  }

  /* Nothing of Atelier's shows in Julie's lists, and Atelier's data did not change. */
  {
    g_autoptr(Response) o = call (f, "GET", "/v1/orders", f->token2, NULL, NULL);
    g_autoptr(Response) w = call (f, "GET", "/v1/workers", f->token2, NULL, NULL);
    g_autoptr(Response) e = call (f, "GET", "/v1/enrolments", f->token2, NULL, NULL);
    g_autoptr(Response) wallet = call (f, "GET", "/v1/wallet", f->token2, NULL, NULL);
    g_autoptr(Response) mine = call (f, "GET", "/v1/workers/wrk-0001", f->token, NULL, NULL);
    g_autoptr(Response) my_orders = call (f, "GET", "/v1/orders", f->token, NULL, NULL);
    JsonArray *batches = json_object_get_array_member (obj (wallet), "batches");

    for (guint i = 0; i < json_array_get_length (items (o)); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (o), i), "id"),
                       !=, order_id);
    g_assert_cmpuint (json_array_get_length (items (w)), ==, 1);
    g_assert_cmpuint (json_array_get_length (items (e)), ==, 0);
    g_assert_cmpuint (json_array_get_length (batches), ==, 1);
    g_assert_false (json_object_get_boolean_member (obj (mine), "archived"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (my_orders), 3),
                                                    "status"), ==, "awaiting_payment");
  }
}

/* The delta feed. */

static guint
count_feed (Fixture    *f,
            const char *since,
            guint       limit,
            char      **out_next)
{
  g_autofree char *cursor = g_strdup (since);
  guint n = 0;

  for (;;)
    {
      g_autofree char *path = cursor != NULL
        ? g_strdup_printf ("/v1/courses?since=%s&limit=%u", cursor, limit)
        : g_strdup_printf ("/v1/courses?limit=%u", limit);
      g_autoptr(Response) r = call (f, "GET", path, f->token, NULL, NULL);

      assert_status (r, 200);
      g_assert_cmpuint (json_array_get_length (items (r)) +
                        json_array_get_length (json_object_get_array_member (obj (r), "deleted")),
                        <=, limit);
      n += json_array_get_length (items (r));
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (obj (r), "next"));
      if (!json_object_get_boolean_member (obj (r), "more"))
        break;
    }

  *out_next = g_steal_pointer (&cursor);
  return n;
}

static void
test_feed (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Response) first = call (f, "GET", "/v1/courses", f->token, NULL, NULL);
  g_autofree char *next = NULL;
  g_autofree char *next2 = NULL;
  g_autofree char *added = NULL;
  g_autofree char *since_path = NULL;
  g_autofree char *etag = NULL;
  guint total, ai = 0;
  JsonArray *all;

  assert_status (first, 200);
  assert_fixture_shape ("courses-page.json", first->json);
  g_assert_false (json_object_get_boolean_member (obj (first), "more"));
  all = items (first);
  total = json_array_get_length (all);
  g_assert_cmpuint (total, >=, 60);
  for (guint i = 0; i < total; i++)
    {
      JsonObject *c = json_array_get_object_element (all, i);

      assert_fixture_shape ("course.json", json_array_get_element (all, i));
      if (json_object_get_boolean_member (c, "ai"))
        ai++;
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (c, "sessions")), >, 0);
    }
  g_assert_cmpuint (ai, >=, 18);
  g_assert_cmpuint (total - ai, >=, 40);

  /* Paging by 7 sees every course once. */
  g_assert_cmpuint (count_feed (f, NULL, 7, &next), ==, total);
  g_assert_cmpstr (next, ==, json_object_get_string_member (obj (first), "next"));

  /* Nothing changed since: an empty page, same cursor; with the ETag, 304. */
  since_path = g_strdup_printf ("/v1/courses?since=%s", next);
  {
    g_autoptr(Response) empty = call (f, "GET", since_path, f->token, NULL, NULL);
    g_autoptr(Response) not_modified = NULL;

    assert_status (empty, 200);
    g_assert_cmpuint (json_array_get_length (items (empty)), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (obj (empty), "next"), ==, next);
    etag = g_strdup (soup_message_headers_get_one (empty->headers, "ETag"));
    g_assert_nonnull (etag);
    not_modified = send_full (f->session, f->uri, "GET", since_path, f->token, NULL, 0, NULL, etag);
    assert_status (not_modified, 304);
    g_assert_cmpstr (not_modified->body, ==, "");
  }

  /* Add, edit, delete: each shows after the cursor; the old ETag no longer matches. */
  added = chq_sandbox_add_course (f->sandbox, "Nouvelle formation IA");
  g_assert_nonnull (added);
  {
    g_autoptr(Response) r = send_full (f->session, f->uri, "GET", since_path, f->token, NULL, 0,
                                       NULL, etag);

    assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (items (r)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (r), 0), "id"),
                     ==, added);
    g_free (next);
    next = g_strdup (json_object_get_string_member (obj (r), "next"));
  }

  g_assert_true (chq_sandbox_update_course (f->sandbox, "crs-ai-0001", "Titre modifié"));
  g_assert_false (chq_sandbox_update_course (f->sandbox, "crs-nope", "X"));
  g_assert_true (chq_sandbox_delete_course (f->sandbox, "crs-ai-0002"));
  g_assert_false (chq_sandbox_delete_course (f->sandbox, "crs-ai-0002"));
  {
    g_autofree char *path = g_strdup_printf ("/v1/courses?since=%s", next);
    g_autoptr(Response) r = call (f, "GET", path, f->token, NULL, NULL);
    JsonArray *deleted;

    assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (items (r)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (r), 0), "title"),
                     ==, "Titre modifié");
    deleted = json_object_get_array_member (obj (r), "deleted");
    g_assert_cmpuint (json_array_get_length (deleted), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (deleted, 0), ==, "crs-ai-0002");
  }
  {
    g_autoptr(Response) gone = call (f, "GET", "/v1/courses/crs-ai-0002", f->token, NULL, NULL);
    assert_problem (gone, 404, "not_found", NULL);
  }

  /* A booking changes seats_left: the course comes back in the feed. */
  g_assert_cmpuint (count_feed (f, NULL, 1000, &next2), ==, total);
  {
    g_autoptr(Response) b = book (f, f->token, "wrk-0001", "crs-ai-0008", "ses-0008-02");
    g_autofree char *path = g_strdup_printf ("/v1/courses?since=%s", next2);
    g_autoptr(Response) r = NULL;

    assert_status (b, 201);
    r = call (f, "GET", path, f->token, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (items (r)), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (r), 0), "id"),
                     ==, "crs-ai-0008");
  }

  /* Bad parameters. */
  {
    const char *bad_limits[] = { "0", "1001", "abc", "-1", "" };
    const char *bad_cursors[] = { "x", "c_", "c_12a", "1" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_limits); i++)
      {
        g_autofree char *path = g_strdup_printf ("/v1/courses?limit=%s", bad_limits[i]);
        g_autoptr(Response) r = call (f, "GET", path, f->token, NULL, NULL);

        assert_problem (r, 400, "invalid_field", "limit");
      }
    for (guint i = 0; i < G_N_ELEMENTS (bad_cursors); i++)
      {
        g_autofree char *path = g_strdup_printf ("/v1/courses?since=%s", bad_cursors[i]);
        g_autoptr(Response) r = call (f, "GET", path, f->token, NULL, NULL);

        assert_problem (r, 400, "invalid_field", "since");
      }
    {
      g_autoptr(Response) edge = call (f, "GET", "/v1/courses?limit=1000", f->token, NULL, NULL);
      g_autoptr(Response) one = call (f, "GET", "/v1/courses?limit=1", f->token, NULL, NULL);

      assert_status (edge, 200);
      assert_status (one, 200);
      g_assert_cmpuint (json_array_get_length (items (one)), ==, 1);
      g_assert_true (json_object_get_boolean_member (obj (one), "more"));
    }
  }
}

static void
test_course (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Response) r = call (f, "GET", "/v1/courses/crs-ai-0007", f->token, NULL, NULL);
  g_autoptr(Response) cached = NULL;
  g_autoptr(Response) missing = call (f, "GET", "/v1/courses/crs-nope", f->token, NULL, NULL);
  g_autoptr(Response) legal_namur = NULL;
  JsonArray *locations;

  assert_status (r, 200);
  assert_fixture_shape ("course.json", r->json);
  g_assert_cmpstr (json_object_get_string_member (obj (r), "title"), ==,
                   "L'IA générative au service de la productivité en PME");
  g_assert_cmpint (json_object_get_int_member (obj (r), "hours"), ==, 14);
  locations = json_object_get_array_member (obj (r), "locations");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (locations, 0), "province"),
                   ==, "liege");
  cached = send_full (f->session, f->uri, "GET", "/v1/courses/crs-ai-0007", f->token, NULL, 0, NULL,
                      soup_message_headers_get_one (r->headers, "ETag"));
  assert_status (cached, 304);
  assert_problem (missing, 404, "not_found", NULL);

  /* At least one legal AI course in Namur. */
  legal_namur = call (f, "GET", "/v1/courses/crs-ai-0008", f->token, NULL, NULL);
  assert_status (legal_namur, 200);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj (legal_namur),
                                                                                "themes"), 0),
                   ==, "ai_legal");
  locations = json_object_get_array_member (obj (legal_namur), "locations");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (locations, 0),
                                                  "city"), ==, "Namur");
}

static void
test_etags (Fixture       *f,
            gconstpointer  data)
{
  const char *paths[] = { "/v1/orders", "/v1/wallet", "/v1/workers", "/v1/enrolments",
                          "/v1/enrolments?year=2026", "/v1/courses?limit=5" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(Response) r = call (f, "GET", paths[i], f->token, NULL, NULL);
      const char *etag = soup_message_headers_get_one (r->headers, "ETag");
      g_autofree char *weak = g_strconcat ("W/", etag, NULL);
      g_autoptr(Response) again = send_full (f->session, f->uri, "GET", paths[i], f->token, NULL, 0,
                                             NULL, etag);
      g_autoptr(Response) weak_again = send_full (f->session, f->uri, "GET", paths[i], f->token,
                                                  NULL, 0, NULL, weak);
      g_autoptr(Response) other = send_full (f->session, f->uri, "GET", paths[i], f->token2, NULL,
                                             0, NULL, etag);

      assert_status (r, 200);
      g_assert_nonnull (etag);
      assert_status (again, 304);
      assert_status (weak_again, 304);
      /* Another company's answer differs, so must its ETag (the catalogue is shared). */
      if (!g_str_has_prefix (paths[i], "/v1/courses"))
        assert_status (other, 200);
    }

  /* HEAD gives the ETag without the body (curl -I in docs/api.md). */
  {
    g_autoptr(Response) get = call (f, "GET", "/v1/account", f->token, NULL, NULL);
    g_autoptr(Response) head = call (f, "HEAD", "/v1/account", f->token, NULL, NULL);

    assert_status (head, 200);
    g_assert_cmpstr (head->body, ==, "");
    g_assert_cmpstr (soup_message_headers_get_one (head->headers, "ETag"), ==,
                     soup_message_headers_get_one (get->headers, "ETag"));
  }

  /* A write bumps the company's lists. */
  {
    g_autoptr(Response) r = call (f, "GET", "/v1/workers", f->token, NULL, NULL);
    g_autoptr(Response) w = call (f, "POST", "/v1/workers", f->token,
                                  "{\"first_name\": \"A\", \"last_name\": \"B\", \"status\": \"employee\"}",
                                  NULL);
    g_autoptr(Response) again = send_full (f->session, f->uri, "GET", "/v1/workers", f->token, NULL,
                                           0, NULL, soup_message_headers_get_one (r->headers, "ETag"));

    assert_status (w, 201);
    assert_status (again, 200);
  }
}

/* Bad requests. */

static void
test_bad_requests (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Response) unknown = call (f, "GET", "/v1/nothing", f->token, NULL, NULL);
  g_autoptr(Response) root = call (f, "GET", "/", NULL, NULL, NULL);
  g_autoptr(Response) method = call (f, "DELETE", "/v1/orders", f->token, NULL, NULL);
  g_autoptr(Response) method2 = call (f, "GET", "/v1/sessions", NULL, NULL, NULL);
  g_autoptr(Response) huge = NULL;
  g_autoptr(Response) just_fits = NULL;
  g_autoptr(Response) bomb = NULL;
  g_autoptr(Response) bad_utf8 = NULL;
  g_autofree char *big = NULL;
  GString *nested = g_string_new ("{\"first_name\": ");

  assert_problem (unknown, 404, "not_found", NULL);
  assert_problem (root, 404, "not_found", NULL);
  assert_problem (method, 405, "method_not_allowed", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (method->headers, "Allow"), ==, "GET, POST");
  assert_problem (method2, 405, "method_not_allowed", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (method2->headers, "Allow"), ==, "POST");

  /* 64 KiB and one byte: 413; 64 KiB exactly is read (and here refused as a bad worker). */
  big = g_malloc (64 * 1024 + 2);
  memset (big, ' ', 64 * 1024 + 1);
  big[0] = '{';
  big[64 * 1024 - 1] = '}';
  big[64 * 1024 + 1] = '\0';
  huge = send_full (f->session, f->uri, "POST", "/v1/workers", f->token, big, 64 * 1024 + 1, NULL, NULL);
  assert_problem (huge, 413, "payload_too_large", NULL);
  just_fits = send_full (f->session, f->uri, "POST", "/v1/workers", f->token, big, 64 * 1024, NULL, NULL);
  assert_problem (just_fits, 400, "invalid_field", "first_name");

  for (guint i = 0; i < 100; i++)
    g_string_append_c (nested, '[');
  for (guint i = 0; i < 100; i++)
    g_string_append_c (nested, ']');
  g_string_append_c (nested, '}');
  bomb = call (f, "POST", "/v1/workers", f->token, nested->str, NULL);
  assert_problem (bomb, 400, "invalid_field", "body");
  g_string_free (nested, TRUE);

  bad_utf8 = call (f, "POST", "/v1/workers", f->token,
                   "{\"first_name\": \"Sophie \xff\xfe\", \"last_name\": \"D\", \"status\": \"employee\"}",
                   NULL);
  assert_problem (bad_utf8, 400, "invalid_field", "body");
}

/* Hostile input at the HTTP level (issue 16). */

/* A request with one header of the test's choice and a body of a given media type (NULL:
 * no Content-Type). */
static Response *
send_with_header (Fixture    *f,
                  const char *method,
                  const char *path,
                  const char *content_type,
                  const char *body,
                  const char *header,
                  const char *value)
{
  g_autofree char *url = g_strconcat (f->uri, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", f->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *key = new_key ();
  Response *r = g_new0 (Response, 1);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (header != NULL)
    soup_message_headers_replace (headers, header, value);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, request);
      if (content_type == NULL)
        soup_message_headers_remove (headers, "Content-Type");
    }

  bytes = soup_session_send_and_read (f->session, msg, NULL, &r->error);
  if (bytes == NULL)
    return r;
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  r->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  r->json = json_from_string (r->body, NULL);
  return r;
}

static guint
fixture_port (Fixture *f)
{
  g_autoptr(GUri) uri = g_uri_parse (f->uri, G_URI_FLAGS_NONE, NULL);

  return (guint) g_uri_get_port (uri);
}

static GSocket *
raw_connect (guint port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_set_timeout (socket, 10);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  return socket;
}

/* Sends @len bytes (a write the server cuts short is not an error here). */
static void
raw_send (GSocket    *socket,
          const char *data,
          gsize       len)
{
  while (len > 0)
    {
      gssize n = g_socket_send (socket, data, len, NULL, NULL);

      if (n <= 0)
        return;
      data += n;
      len -= (gsize) n;
    }
}

/* Reads until the server closes (or 10 s pass): the raw answer. */
static char *
raw_read_all (GSocket *socket)
{
  GString *answer = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = g_socket_receive (socket, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (answer, buffer, n);
  return g_string_free (answer, FALSE);
}

static void
test_http_media_type (Fixture       *f,
                      gconstpointer  data)
{
  const char *worker = "{\"first_name\": \"Anne\", \"last_name\": \"Piron\", \"status\": \"employee\"}";
  const char *refused[] = { "text/plain", "application/x-www-form-urlencoded",
                            "application/json; charset=iso-8859-1", "text/json", NULL };

  for (guint i = 0; refused[i] != NULL; i++)
    {
      g_autoptr(Response) r = send_with_header (f, "POST", "/v1/workers", refused[i], worker,
                                                NULL, NULL);

      g_test_message ("%s", refused[i]);
      assert_problem (r, 415, "unsupported_media_type", NULL);
    }

  {
    g_autoptr(Response) none = send_with_header (f, "POST", "/v1/workers", NULL, worker, NULL,
                                                 NULL);
    g_autoptr(Response) no_body = send_with_header (f, "POST", "/v1/orders", NULL, NULL, NULL,
                                                    NULL);
    g_autoptr(Response) ok = send_with_header (f, "POST", "/v1/workers",
                                               "application/json; charset=UTF-8", worker, NULL,
                                               NULL);

    assert_problem (none, 415, "unsupported_media_type", NULL);
    assert_problem (no_body, 415, "unsupported_media_type", NULL);
    assert_status (ok, 201);
  }
}

/* The integers json-glib wraps and the text it stores as invalid UTF-8 are refused, named
 * by field; the worker list stays readable. */
static void
test_http_strict_bodies (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    const char *path;
    const char *body;
    const char *field;
  } cases[] = {
    { "/v1/orders", "{\"voucher_type\":\"eco\",\"quantity\":-18446744073709551606}", "quantity" },
    { "/v1/orders", "{\"voucher_type\":\"eco\",\"quantity\":9223372036854775808}", "quantity" },
    { "/v1/workers", "{\"first_name\":\"a\\udc00b\",\"last_name\":\"X\",\"status\":\"employee\"}",
      "first_name" },
    { "/v1/workers", "{\"first_name\":\"Bob\\u0000Evil\",\"last_name\":\"X\",\"status\":\"employee\"}",
      "first_name" },
    { "/v1/workers", "{\"first_name\":\"A\",\"last_name\":\"B\\ud800\",\"status\":\"employee\"}",
      "last_name" },
    { "/v1/orders", "{\"voucher_type\":\"eco\",\"quantity\":010}", "body" },
    { "/v1/orders", "{\"voucher_type\":\"eco\",\"quantity\":0x10}", "body" },
    { "/v1/orders", "{'voucher_type':'eco','quantity':1}", "body" },
    { "/v1/orders", "{\"voucher_type\":\"eco\",/* */\"quantity\":1}", "body" },
    { "/v1/orders", "{\"voucher_type\":\"eco\",\"quantity\":1}{\"quantity\":2}", "body" },
    { "/v1/workers", "{\"first_name\":\"\\x41\",\"last_name\":\"X\",\"status\":\"employee\"}", "body" },
  };
  g_autoptr(Response) before = call (f, "GET", "/v1/workers", f->token, NULL, NULL);
  g_autoptr(Response) after = NULL;
  g_autoptr(Response) orders = NULL;

  assert_status (before, 200);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = new_key ();
      g_autoptr(Response) r = call (f, "POST", cases[i].path, f->token, cases[i].body, key);

      g_test_message ("%s", cases[i].body);
      assert_problem (r, 400, "invalid_field", cases[i].field);
    }

  /* Nothing was made, and the list is still valid UTF-8 the codec reads. */
  after = call (f, "GET", "/v1/workers", f->token, NULL, NULL);
  assert_status (after, 200);
  g_assert_true (g_utf8_validate (after->body, -1, NULL));
  g_assert_cmpuint (json_array_get_length (items (after)), ==,
                    json_array_get_length (items (before)));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = chq_json_parse (after->body, strlen (after->body), 0, &error);
    g_autoptr(GPtrArray) workers = node != NULL
                                   ? chq_list_from_json (node, CHQ_TYPE_WORKER, &error) : NULL;

    g_assert_no_error (error);
    g_assert_nonnull (workers);
  }
  orders = call (f, "GET", "/v1/orders", f->token, NULL, NULL);
  for (guint i = 0; i < json_array_get_length (items (orders)); i++)
    {
      JsonObject *order = json_array_get_object_element (items (orders), i);

      g_assert_false (g_str_equal (json_object_get_string_member (order, "voucher_type"), "eco") &&
                      json_object_get_int_member (order, "quantity") == 10);
    }
}

/* A body announced larger than 64 KiB is refused as soon as the headers arrive, before
 * any of it is sent; a chunked body as soon as it passes the limit. */
static void
test_http_too_large (Fixture       *f,
                     gconstpointer  data)
{
  guint port = fixture_port (f);
  g_autofree char *head = g_strdup_printf ("POST /v1/workers HTTP/1.1\r\n"
                                           "Host: 127.0.0.1:%u\r\n"
                                           "Authorization: Bearer %s\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: 419430400\r\n\r\n", port, f->token);
  g_autofree char *chunked = g_strdup_printf ("POST /v1/workers HTTP/1.1\r\n"
                                              "Host: 127.0.0.1:%u\r\n"
                                              "Authorization: Bearer %s\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Transfer-Encoding: chunked\r\n\r\n", port, f->token);
  g_autoptr(GSocket) socket = raw_connect (port);
  g_autoptr(GSocket) socket2 = NULL;
  g_autoptr(GSocket) socket3 = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *answer2 = NULL;
  g_autofree char *answer3 = NULL;
  g_autofree char *chunk = NULL;
  g_autofree char *spaces = g_strnfill (0x2000, ' ');
  gint64 start = g_get_monotonic_time ();

  raw_send (socket, head, strlen (head));
  answer = raw_read_all (socket);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 413 "));
  g_assert_nonnull (strstr (answer, "\"payload_too_large\""));
  g_assert_nonnull (strstr (answer, "application/problem+json"));
  /* At once, not after 400 MB or a time-out. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  /* 8 KiB chunks, 200 KiB in all: refused once past 64 KiB. */
  socket2 = raw_connect (port);
  raw_send (socket2, chunked, strlen (chunked));
  chunk = g_strdup_printf ("2000\r\n%s\r\n", spaces);
  raw_send (socket2, "1\r\n{\r\n", 6);
  for (guint i = 0; i < 25; i++)
    raw_send (socket2, chunk, strlen (chunk));
  raw_send (socket2, "1\r\n}\r\n0\r\n\r\n", 11);
  answer2 = raw_read_all (socket2);
  g_assert_true (g_str_has_prefix (answer2, "HTTP/1.1 413 "));
  g_assert_nonnull (strstr (answer2, "\"payload_too_large\""));

  /* A small chunked body is read as any other. */
  socket3 = raw_connect (port);
  raw_send (socket3, chunked, strlen (chunked));
  {
    const char *worker = "{\"first_name\": \"Anne\", \"last_name\": \"Piron\", \"status\": \"employee\"}";
    g_autofree char *one = g_strdup_printf ("%zx\r\n%s\r\n0\r\n\r\n", strlen (worker), worker);

    raw_send (socket3, one, strlen (one));
  }
  g_socket_shutdown (socket3, FALSE, TRUE, NULL);
  answer3 = raw_read_all (socket3);
  g_assert_true (g_str_has_prefix (answer3, "HTTP/1.1 201 "));

  /* The server still answers. */
  {
    g_autoptr(Response) r = call (f, "GET", "/v1/account", f->token, NULL, NULL);

    assert_status (r, 200);
  }
}

/* A web page may not use the service: a foreign Origin, or a Host that is not loopback
 * (DNS rebinding), gets 403; the server's own origin and no Origin are answered. */
static void
test_http_origin (Fixture       *f,
                  gconstpointer  data)
{
  guint port = fixture_port (f);
  g_autofree char *own = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_autofree char *own_name = g_strdup_printf ("http://localhost:%u", port);
  g_autofree char *other_port = g_strdup_printf ("http://127.0.0.1:%u", port == 1 ? 2 : port - 1);
  g_autofree char *other_scheme = g_strdup_printf ("https://127.0.0.1:%u", port);
  const char *foreign[] = { "http://evil.example", "null", "https://x.example:443", other_port,
                            other_scheme, "http://127.0.0.1.evil.example",
                            "http:/@evil", "http:///x", "file:///tmp/page.html", NULL };
  const char *worker = "{\"first_name\": \"Anne\", \"last_name\": \"Piron\", \"status\": \"employee\"}";

  for (guint i = 0; foreign[i] != NULL; i++)
    {
      g_autoptr(Response) get = send_with_header (f, "GET", "/v1/account", NULL, NULL, "Origin",
                                                  foreign[i]);
      g_autoptr(Response) post = send_with_header (f, "POST", "/v1/workers", "application/json",
                                                   worker, "Origin", foreign[i]);

      g_test_message ("Origin: %s", foreign[i]);
      assert_problem (get, 403, "forbidden", NULL);
      assert_problem (post, 403, "forbidden", NULL);
    }

  {
    g_autoptr(Response) mine = send_with_header (f, "POST", "/v1/workers", "application/json",
                                                 worker, "Origin", own);
    g_autoptr(Response) by_name = send_with_header (f, "GET", "/v1/account", NULL, NULL, "Origin",
                                                    own_name);
    g_autoptr(Response) none = send_with_header (f, "GET", "/v1/account", NULL, NULL, NULL, NULL);
    g_autoptr(Response) list = call (f, "GET", "/v1/workers", f->token, NULL, NULL);
    guint annes = 0;

    assert_status (mine, 201);
    assert_status (by_name, 200);
    assert_status (none, 200);
    /* The refused posts made nothing. */
    for (guint i = 0; i < json_array_get_length (items (list)); i++)
      annes += g_str_equal (json_object_get_string_member (
                              json_array_get_object_element (items (list), i), "last_name"),
                            "Piron");
    g_assert_cmpuint (annes, ==, 1);
  }

  /* DNS rebinding: a page's own name pointing at 127.0.0.1. */
  {
    const char *hosts[] = { "evil.example", "127.0.0.1.nip.example", NULL };

    for (guint i = 0; hosts[i] != NULL; i++)
      {
        g_autofree char *request = g_strdup_printf ("GET /v1/account HTTP/1.1\r\n"
                                                    "Host: %s:%u\r\n"
                                                    "Authorization: Bearer %s\r\n"
                                                    "Connection: close\r\n\r\n",
                                                    hosts[i], port, f->token);
        g_autoptr(GSocket) socket = raw_connect (port);
        g_autofree char *answer = NULL;

        raw_send (socket, request, strlen (request));
        answer = raw_read_all (socket);
        g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 403 "));
        g_assert_nonnull (strstr (answer, "\"forbidden\""));
      }
  }
}

/* Bursts of connections: the kernel queues them while the server is busy (a backlog of 10
 * reset the rest), and each is answered. */
static void
test_http_backlog (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) listener = _chq_sandbox_http_listen (0, &error);
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocketAddress) local = NULL;
  guint port = fixture_port (f);
  guint connected = 0;

  /* Nobody accepts on this socket: only its backlog holds the connections. */
  g_assert_no_error (error);
  local = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 50; i++)
    {
      GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, &error);

      g_assert_no_error (error);
      g_socket_set_blocking (socket, FALSE);
      g_socket_connect (socket, local, NULL, NULL); /* in progress */
      g_ptr_array_add (sockets, socket);
    }
  for (guint i = 0; i < sockets->len; i++)
    {
      GSocket *socket = g_ptr_array_index (sockets, i);

      if ((g_socket_condition_timed_wait (socket, G_IO_OUT, 500 * 1000, NULL, NULL) &&
           g_socket_check_connect_result (socket, NULL)))
        connected++;
    }
  g_assert_cmpuint (connected, ==, 50);
  g_ptr_array_set_size (sockets, 0);

  /* 50 connections open at once on the server, then a request on each: all answered. */
  for (guint i = 0; i < 50; i++)
    g_ptr_array_add (sockets, raw_connect (port));
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *request = g_strdup_printf ("GET /v1/account HTTP/1.1\r\n"
                                                  "Host: 127.0.0.1:%u\r\n"
                                                  "Authorization: Bearer %s\r\n"
                                                  "Connection: close\r\n\r\n", port, f->token);

      raw_send (g_ptr_array_index (sockets, i), request, strlen (request));
    }
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *answer = raw_read_all (g_ptr_array_index (sockets, i));

      g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 "));
    }
}

/* Faults and limits. */

static void
test_faults (Fixture       *f,
             gconstpointer  data)
{
  guint before = chq_sandbox_get_request_count (f->sandbox);
  g_autoptr(Response) ok = NULL;

  chq_sandbox_set_faults (f->sandbox, 1.0, 0.0, 0);
  {
    g_autoptr(Response) r = call (f, "GET", "/v1/account", f->token, NULL, NULL);

    assert_problem (r, 503, "unavailable", NULL);
    g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "1");
  }

  chq_sandbox_set_faults (f->sandbox, 0.0, 1.0, 0);
  {
    g_autoptr(SoupSession) fresh = loopback_session ();
    g_autoptr(Response) r = send_full (fresh, f->uri, "GET", "/v1/account", f->token, NULL, 0,
                                       NULL, NULL);

    g_assert_nonnull (r->error);
    g_assert_cmpuint (r->status, ==, 0);
  }

  chq_sandbox_set_faults (f->sandbox, 0.0, 0.0, 300);
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(Response) r = call (f, "GET", "/v1/account", f->token, NULL, NULL);

    assert_status (r, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  }

  chq_sandbox_set_faults (f->sandbox, 0.0, 0.0, 0);
  ok = call (f, "GET", "/v1/account", f->token, NULL, NULL);
  assert_status (ok, 200);
  g_assert_cmpuint (chq_sandbox_get_request_count (f->sandbox), >=, before + 4);
}

static void
test_fault_rates (void)
{
  ChqSandboxOptions options = { 0 };
  Fixture f = { 0 };
  guint failed = 0;

  options.today = TODAY;
  options.fail_rate = 0.3;
  options.seed = 7;
  options.rate_limit = 100000;
  fixture_start (&f, &options);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(Response) r = call (&f, "GET", "/v1/account", NULL, NULL, NULL);

      g_assert_no_error (r->error);
      if (r->status == 503)
        failed++;
      else
        g_assert_cmpuint (r->status, ==, 401);
    }

  /* 30 % of 200, give or take. */
  g_assert_cmpuint (failed, >, 30);
  g_assert_cmpuint (failed, <, 90);
  fixture_tear_down (&f, NULL);
}

static void
test_rate_limit (void)
{
  ChqSandboxOptions options = { 0 };
  Fixture f = { 0 };
  guint limited = 0;

  options.today = TODAY;
  options.rate_limit = 5;
  fixture_start (&f, &options);

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(Response) r = call (&f, "GET", "/v1/account", NULL, NULL, NULL);

      if (r->status == 429)
        {
          limited++;
          assert_problem (r, 429, "rate_limited", NULL);
          g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "1");
        }
    }

  /* At most 5 a second pass; 12 quick requests span at most two one-second windows. */
  g_assert_cmpuint (limited, >, 0);
  g_assert_cmpuint (12 - limited, <=, 2 * 5);
  fixture_tear_down (&f, NULL);
}

static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *key = new_key ();
  g_autoptr(Response) order = call (f, "POST", "/v1/orders", f->token,
                                    "{\"voucher_type\": \"eco\", \"quantity\": 12}", key);
  g_autoptr(GError) error = NULL;
  g_autoptr(Response) list = NULL;
  gboolean found = FALSE;

  assert_status (order, 201);
  chq_sandbox_stop (f->sandbox);
  chq_sandbox_stop (f->sandbox);
  g_assert_true (chq_sandbox_start (f->sandbox, &error));
  test_clock_follow (f->sandbox);
  g_assert_no_error (error);
  g_free (f->uri);
  f->uri = chq_sandbox_dup_uri (f->sandbox);

  /* Same data, same tokens. */
  list = call (f, "GET", "/v1/orders", f->token, NULL, NULL);
  assert_status (list, 200);
  for (guint i = 0; i < json_array_get_length (items (list)); i++)
    if (json_object_get_int_member (json_array_get_object_element (items (list), i), "quantity") == 12)
      found = TRUE;
  g_assert_true (found);
}

static void
test_db_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-sandbox-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sandbox.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  ChqSandboxOptions options = { 0 };
  Fixture f = { 0 };
  g_autofree char *order_id = NULL;

  options.today = TODAY;
  options.db_path = path;
  options.rate_limit = 100000;

  fixture_start (&f, &options);
  f.token = login (&f, JULIE);
  {
    g_autofree char *key = new_key ();
    g_autoptr(Response) r = call (&f, "POST", "/v1/orders", f.token,
                                  "{\"voucher_type\": \"cf\", \"quantity\": 3}", key);
    assert_status (r, 201);
    order_id = g_strdup (json_object_get_string_member (obj (r), "id"));
  }
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  fixture_tear_down (&f, NULL);

  /* Reopened: the order is there, and the demo data was not seeded twice. */
  fixture_start (&f, &options);
  f.token = login (&f, JULIE);
  {
    g_autoptr(Response) r = call (&f, "GET", "/v1/orders", f.token, NULL, NULL);
    g_autoptr(Response) w = call (&f, "GET", "/v1/workers", f.token, NULL, NULL);

    assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (items (r)), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items (r), 1), "id"),
                     ==, order_id);
    g_assert_cmpuint (json_array_get_length (items (w)), ==, 1);
  }
  fixture_tear_down (&f, NULL);

  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_listen_error (void)
{
  ChqSandboxOptions options = { 0 };
  Fixture f = { 0 };
  g_autoptr(ChqSandbox) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  options.today = TODAY;
  fixture_start (&f, &options);
  uri = g_uri_parse (f.uri, G_URI_FLAGS_NONE, NULL);
  options.port = (guint16) g_uri_get_port (uri);

  /* The port is taken: a clear error, and the sandbox can be dropped. */
  second = chq_sandbox_new (&options);
  g_assert_false (chq_sandbox_start (second, &error));
  g_assert_error (error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_LISTEN);
  g_assert_null (chq_sandbox_dup_uri (second));
  fixture_tear_down (&f, NULL);
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-sandbox-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "future.db", NULL);
  ChqSandboxOptions options = { 0 };
  g_autoptr(ChqSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  options.db_path = path;
  sandbox = chq_sandbox_new (&options);
  g_assert_false (chq_sandbox_start (sandbox, &error));
  g_assert_error (error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "99"));

  g_remove (path);
  g_rmdir (dir);
}

typedef struct {
  char *uri;
  char *token;
} SlowCall;

static gpointer
slow_call_thread (gpointer data)
{
  SlowCall *call = data;
  g_autoptr(SoupSession) session = loopback_session ();

  return send_full (session, call->uri, "GET", "/v1/account", call->token, NULL, 0, NULL, NULL);
}

static void
test_stop_with_delayed (Fixture       *f,
                        gconstpointer  data)
{
  SlowCall slow = { f->uri, f->token };
  g_autoptr(GError) error = NULL;
  g_autoptr(Response) r = NULL;
  GThread *thread;

  /* A request held back by latency when the server stops gets no answer, and nothing
   * leaks or crashes; the restarted server answers at once again. */
  chq_sandbox_set_faults (f->sandbox, 0.0, 0.0, 5000);
  thread = g_thread_new ("slow-call", slow_call_thread, &slow);
  while (chq_sandbox_get_request_count (f->sandbox) < 3)
    g_usleep (10 * 1000);
  chq_sandbox_stop (f->sandbox);
  r = g_thread_join (thread);
  g_assert_nonnull (r->error);

  chq_sandbox_set_faults (f->sandbox, 0.0, 0.0, 0);
  g_assert_true (chq_sandbox_start (f->sandbox, &error));
  test_clock_follow (f->sandbox);
  g_assert_no_error (error);
  g_free (f->uri);
  f->uri = chq_sandbox_dup_uri (f->sandbox);
  {
    g_autoptr(Response) ok = call (f, "GET", "/v1/account", f->token, NULL, NULL);
    assert_status (ok, 200);
  }
}

static void
test_generator (void)
{
  ChqSandboxOptions options = { 0 };
  Fixture a = { 0 }, b = { 0 }, c = { 0 };
  g_autofree char *next = NULL;
  g_autoptr(Response) ra = NULL;
  g_autoptr(Response) rb = NULL;
  g_autoptr(Response) rc = NULL;
  gint64 start;

  options.today = TODAY;
  options.rate_limit = 100000;
  options.n_courses = 3000;
  options.seed = 42;

  start = g_get_monotonic_time ();
  fixture_start (&a, &options);
  g_test_message ("3000 courses generated and served in %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);
  fixture_start (&b, &options);
  options.seed = 43;
  fixture_start (&c, &options);
  a.token = login (&a, ATELIER);
  b.token = login (&b, ATELIER);
  c.token = login (&c, ATELIER);

  /* Every course, in pages of 1000. */
  g_assert_cmpuint (count_feed (&a, NULL, 1000, &next), ==, 3000 + 67);

  ra = call (&a, "GET", "/v1/courses?limit=1000&since=c_000000000200", a.token, NULL, NULL);
  rb = call (&b, "GET", "/v1/courses?limit=1000&since=c_000000000200", b.token, NULL, NULL);
  rc = call (&c, "GET", "/v1/courses?limit=1000&since=c_000000000200", c.token, NULL, NULL);
  assert_status (ra, 200);
  g_assert_cmpuint (json_array_get_length (items (ra)), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    assert_fixture_shape ("course.json", json_array_get_element (items (ra), i));

  /* Same seed, same catalogue (updated_at aside, they are the same second or not). */
  for (guint i = 0; i < 1000; i++)
    {
      JsonObject *x = json_array_get_object_element (items (ra), i);
      JsonObject *y = json_array_get_object_element (items (rb), i);

      g_assert_cmpstr (json_object_get_string_member (x, "title"), ==,
                       json_object_get_string_member (y, "title"));
      g_assert_cmpint (json_object_get_int_member (x, "price_cents"), ==,
                       json_object_get_int_member (y, "price_cents"));
    }
  /* Another seed, another catalogue. */
  {
    guint same = 0;

    for (guint i = 0; i < 1000; i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items (ra), i), "title"),
                       json_object_get_string_member (json_array_get_object_element (items (rc), i), "title")))
        same++;
    g_assert_cmpuint (same, <, 100);
  }

  fixture_tear_down (&a, NULL);
  fixture_tear_down (&b, NULL);
  fixture_tear_down (&c, NULL);
}

static void
test_no_demo (void)
{
  ChqSandboxOptions options = { 0 };
  Fixture f = { 0 };
  g_autoptr(Response) r = NULL;
  g_autofree char *id = NULL;

  options.today = TODAY;
  options.no_demo = TRUE;
  options.n_courses = 10;
  fixture_start (&f, &options);

  r = call (&f, "POST", "/v1/sessions", NULL,
            "{\"enterprise_number\": \"0123456749\", \"password\": \"demo\"}", NULL);
  assert_problem (r, 401, "unauthorized", NULL);

  /* The catalogue can still change through the hooks, running or stopped. */
  id = chq_sandbox_add_course (f.sandbox, "Cours ajouté");
  g_assert_nonnull (id);
  chq_sandbox_stop (f.sandbox);
  g_assert_true (chq_sandbox_update_course (f.sandbox, id, "Cours renommé"));
  g_assert_true (chq_sandbox_delete_course (f.sandbox, id));
  fixture_tear_down (&f, NULL);
}

/* The binary. */

static char *
sandbox_binary (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "app", "chequier-sandbox", NULL);
}

static int
run_binary (const char * const *args,
            char              **out_stdout,
            char              **out_stderr)
{
  g_autofree char *binary = sandbox_binary ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out_stdout,
                out_stderr, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_binary_options (void)
{
  struct {
    const char *args[4];
    int         code;
    const char *says;
  } cases[] = {
    { { "--help", NULL }, 0, "--fail-rate" },
    { { "--bogus", NULL }, 1, "bogus" },
    { { "--today", "2026-13-01", NULL }, 1, "--today" },
    { { "--today", "28/11/2026", NULL }, 1, "--today" },
    { { "--fail-rate", "2", NULL }, 1, "--fail-rate" },
    { { "--drop-rate", "x", NULL }, 1, "--drop-rate" },
    { { "--port", "70000", NULL }, 1, "--port" },
    { { "--latency-ms", "-5", NULL }, 1, "--latency-ms" },
    { { "--courses", "-1", NULL }, 1, "--courses" },
    { { "extra", NULL }, 1, "extra" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int code = run_binary (cases[i].args, &out, &err);

      g_assert_cmpint (code, ==, cases[i].code);
      g_assert_nonnull (strstr (code == 0 ? out : err, cases[i].says));
    }
}

static void
test_binary_serves (void)
{
  g_autofree char *binary = sandbox_binary ();
  const char *login_body = "{\"enterprise_number\": \"0987654394\", \"password\": \"demo\"}";
  const char *argv[] = { binary, "--port", "0", "--today", TODAY, "--courses", "5", "--seed", "3",
                         NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  g_autoptr(SoupSession) session = loopback_session ();
  g_autoptr(Response) r = NULL;
  GPid pid;
  int out_fd;
  int status = 0;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_line (channel, &line, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_strstrip (line);
  /* Port 0: the real port is printed. */
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  g_assert_cmpstr (line, !=, "http://127.0.0.1:0");

  r = send_full (session, line, "POST", "/v1/sessions", NULL, login_body, strlen (login_body),
                 NULL, NULL);
  assert_status (r, 201);

  kill (pid, SIGTERM);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_spawn_close_pid (pid);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sandbox/request-fixtures", test_request_fixtures);
  ADD ("/sandbox/session/login", test_login);
  ADD ("/sandbox/session/slowing", test_login_slowing);
  ADD ("/sandbox/session/auth", test_auth);
  ADD ("/sandbox/account", test_account);
  ADD ("/sandbox/orders/create", test_order_create);
  ADD ("/sandbox/orders/ceiling", test_order_ceiling);
  ADD ("/sandbox/orders/cancel-and-pay", test_order_cancel_and_pay);
  ADD ("/sandbox/idempotency", test_idempotency);
  ADD ("/sandbox/idempotency-window", test_idempotency_window);
  ADD ("/sandbox/wallet", test_wallet);
  ADD ("/sandbox/workers", test_workers);
  ADD ("/sandbox/enrolments/book", test_enrolment_book);
  ADD ("/sandbox/enrolments/full", test_enrolment_full);
  ADD ("/sandbox/enrolments/expiring-batch", test_enrolment_expiring_batch);
  ADD ("/sandbox/enrolments/oldest-first", test_enrolment_oldest_first);
  ADD ("/sandbox/enrolments/cancel", test_enrolment_cancel);
  ADD ("/sandbox/enrolments/attendance", test_enrolment_attendance);
  ADD ("/sandbox/enrolments/list", test_enrolment_list);
  ADD ("/sandbox/isolation", test_isolation);
  ADD ("/sandbox/courses/feed", test_feed);
  ADD ("/sandbox/courses/one", test_course);
  ADD ("/sandbox/etags", test_etags);
  ADD ("/sandbox/bad-requests", test_bad_requests);
  ADD ("/sandbox/http/media-type", test_http_media_type);
  ADD ("/sandbox/http/strict-bodies", test_http_strict_bodies);
  ADD ("/sandbox/http/too-large", test_http_too_large);
  ADD ("/sandbox/http/origin", test_http_origin);
  ADD ("/sandbox/http/backlog", test_http_backlog);
  ADD ("/sandbox/faults/switch", test_faults);
  ADD ("/sandbox/restart", test_restart);
  ADD ("/sandbox/faults/stop-with-delayed", test_stop_with_delayed);
  g_test_add_func ("/sandbox/listen-error", test_listen_error);
  g_test_add_func ("/sandbox/db-newer-schema", test_newer_schema);
  g_test_add_func ("/sandbox/faults/rates", test_fault_rates);
  g_test_add_func ("/sandbox/rate-limit", test_rate_limit);
  g_test_add_func ("/sandbox/db-file", test_db_file);
  g_test_add_func ("/sandbox/generator", test_generator);
  g_test_add_func ("/sandbox/no-demo", test_no_demo);
  g_test_add_func ("/sandbox/binary/options", test_binary_options);
  g_test_add_func ("/sandbox/binary/serves", test_binary_serves);

  return g_test_run ();
}
