/* test-client.c: the client layer against a real HTTP server on loopback, and its rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server here is a small SoupServer on 127.0.0.1, port 0, served by the test's own main
 * context (the client is asynchronous, so both take turns). Its handlers misbehave on
 * purpose: the transport behaviour of the client (retries, limits, content checks) is what
 * is tested. The real API, against the sandbox, is tests/test-client-sandbox.c.
 */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "chq-client.h"
#include "chq-http.h"
#include "chq-json.h"
#include "chq-secret.h"

#define TEST_TOKEN "tok_5e3f0c9a2b7d41e8a6c9d0f1b2e3a4c5"

/* --- the test server ------------------------------------------------------------------- */

typedef struct {
  SoupServer *server;
  char       *base_uri;       /* "http://127.0.0.1:PORT" */
  GHashTable *hits;           /* path -> GUINT_TO_POINTER (count) */
  char       *last_authorization;
  char       *last_idempotency_key;
  char       *last_if_none_match;
  char       *last_body;
  char       *account_answer; /* nullable: GET /v1/account answers this text instead */
  ChqClient  *client;
} Fixture;

static guint
count_hit (Fixture    *fixture,
           const char *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path)) + 1;

  g_hash_table_insert (fixture->hits, g_strdup (path), GUINT_TO_POINTER (n));
  return n;
}

static guint
get_hits (Fixture    *fixture,
          const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path));
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *content_type,
       const char        *body,
       gssize             len)
{
  if (len < 0)
    len = strlen (body);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, len);
}

/* A complete problem+json answer, as the codec wants it. */
static void
reply_problem (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *field)
{
  g_autofree char *body = NULL;
  g_autofree char *field_json = field != NULL ? g_strdup_printf ("\"%s\"", field)
                                              : g_strdup ("null");

  body = g_strdup_printf ("{\"type\":\"urn:chequier:problem:%s\",\"title\":\"%s\","
                          "\"status\":%u,\"detail\":\"Refused: %s.\",\"code\":\"%s\","
                          "\"field\":%s}", code, code, status, code, code, field_json);
  reply (msg, status, "application/problem+json", body, -1);
}

static void
reply_fixture (SoupServerMessage *msg,
               const char        *name)
{
  g_autofree char *path = g_build_filename (TEST_SRCDIR, "fixtures", "api", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  reply (msg, SOUP_STATUS_OK, "application/json", contents, len);
}

static const char *
problem_ceiling =
  "{\"type\":\"urn:chequier:problem:ceiling_exceeded\",\"title\":\"Ceiling exceeded\","
  "\"status\":422,\"detail\":\"200 vouchers are left for 2026.\","
  "\"code\":\"ceiling_exceeded\",\"field\":\"quantity\",\"left\":200}";

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const char *method = soup_server_message_get_method (msg);
  guint n = count_hit (fixture, path);

  g_free (fixture->last_authorization);
  fixture->last_authorization = g_strdup (soup_message_headers_get_one (request_headers,
                                                                        "Authorization"));
  g_free (fixture->last_idempotency_key);
  fixture->last_idempotency_key = g_strdup (soup_message_headers_get_one (request_headers,
                                                                          "Idempotency-Key"));
  g_free (fixture->last_if_none_match);
  fixture->last_if_none_match = g_strdup (soup_message_headers_get_one (request_headers,
                                                                        "If-None-Match"));
  g_free (fixture->last_body);
  fixture->last_body = g_strndup (request_body->data, request_body->length);

  if (g_str_equal (path, "/v1/ok"))
    {
      soup_message_headers_replace (response_headers, "ETag", "\"v1\"");
      reply (msg, SOUP_STATUS_OK, "application/json; charset=utf-8", "{\"ok\":true}", -1);
    }
  else if (g_str_equal (path, "/v1/empty"))
    soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  else if (g_str_equal (path, "/v1/etag"))
    {
      const char *inm = soup_message_headers_get_one (request_headers, "If-None-Match");

      soup_message_headers_replace (response_headers, "ETag", "\"v7\"");
      if (g_strcmp0 (inm, "\"v7\"") == 0)
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      else
        reply (msg, SOUP_STATUS_OK, "application/json", "{\"n\":7}", -1);
    }
  else if (g_str_equal (path, "/v1/flaky"))
    {
      if (n <= 2)
        reply_problem (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "server_error", NULL);
      else
        reply (msg, SOUP_STATUS_OK, "application/json", "{\"attempt\":3}", -1);
    }
  else if (g_str_equal (path, "/v1/retry-after"))
    {
      if (n == 1)
        {
          soup_message_headers_replace (response_headers, "Retry-After", "1");
          reply (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "busy", -1);
        }
      else
        reply (msg, SOUP_STATUS_OK, "application/json", "{}", -1);
    }
  else if (g_str_equal (path, "/v1/429-once"))
    {
      if (n == 1)
        reply_problem (msg, 429, "rate_limited", NULL);
      else
        reply (msg, SOUP_STATUS_OK, "application/json", "{}", -1);
    }
  else if (g_str_equal (path, "/v1/408-once"))
    {
      if (n == 1)
        reply (msg, SOUP_STATUS_REQUEST_TIMEOUT, "text/plain", "slow", -1);
      else
        reply (msg, SOUP_STATUS_OK, "application/json", "{}", -1);
    }
  else if (g_str_equal (path, "/v1/always-429"))
    {
      soup_message_headers_replace (response_headers, "Retry-After", "0");
      reply_problem (msg, 429, "rate_limited", NULL);
    }
  else if (g_str_equal (path, "/v1/always-503"))
    {
      soup_message_headers_replace (response_headers, "Retry-After", "30");
      reply (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "down", -1);
    }
  else if (g_str_equal (path, "/v1/always-500"))
    reply (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html",
           "<html><body><h1>Internal Server Error</h1></body></html>", -1);
  else if (g_str_equal (path, "/v1/post-503"))
    reply (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "down", -1);
  else if (g_str_equal (path, "/v1/big") || g_str_equal (path, "/v1/big-chunked"))
    {
      gsize size = 10 * 1024 * 1024;
      char *body = g_malloc (size);

      /* A valid JSON string, so only the size can be refused. */
      memset (body, 'a', size);
      body[0] = '"';
      body[size - 1] = '"';
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      if (g_str_equal (path, "/v1/big-chunked"))
        {
          SoupMessageBody *response_body = soup_server_message_get_response_body (msg);

          soup_message_headers_set_encoding (response_headers, SOUP_ENCODING_CHUNKED);
          soup_message_headers_replace (response_headers, "Content-Type", "application/json");
          soup_message_body_append_take (response_body, (guchar *) body, size);
          soup_message_body_complete (response_body);
        }
      else
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, size);
    }
  else if (g_str_equal (path, "/v1/html"))
    reply (msg, SOUP_STATUS_OK, "text/html", "<!DOCTYPE html><html><body>Login</body></html>", -1);
  else if (g_str_equal (path, "/v1/html-404"))
    reply (msg, SOUP_STATUS_NOT_FOUND, "text/html", "<html><body>Not Found</body></html>", -1);
  else if (g_str_equal (path, "/v1/bad-utf8"))
    reply (msg, SOUP_STATUS_OK, "application/json", "{\"name\":\"\xff\xfe\"}", -1);
  else if (g_str_equal (path, "/v1/truncated"))
    reply (msg, SOUP_STATUS_OK, "application/json", "{\"items\":[{\"id\":\"a\"", -1);
  else if (g_str_equal (path, "/v1/bomb"))
    {
      GString *bomb = g_string_new (NULL);

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (bomb, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (bomb, ']');
      reply (msg, SOUP_STATUS_OK, "application/json", bomb->str, bomb->len);
      g_string_free (bomb, TRUE);
    }
  else if (g_str_equal (path, "/v1/text-plain"))
    reply (msg, SOUP_STATUS_OK, "text/plain", "{\"ok\":true}", -1);
  else if (g_str_equal (path, "/v1/redirect"))
    {
      soup_message_headers_replace (response_headers, "Location", "http://example.org/v1/ok");
      soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
    }
  else if (g_str_equal (path, "/v1/unauthorized"))
    reply_problem (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL);
  else if (g_str_equal (path, "/v1/ceiling"))
    reply (msg, 422, "application/problem+json", problem_ceiling, -1);
  else if (g_str_equal (path, "/v1/unknown-code"))
    reply (msg, SOUP_STATUS_CONFLICT, "application/problem+json",
           "{\"type\":\"about:blank\",\"title\":\"Odd\",\"status\":409,"
           "\"detail\":\"Something new went wrong.\",\"code\":\"brand_new_code\","
           "\"field\":null}", -1);
  else if (g_str_equal (path, "/v1/silent"))
    {
      /* Never answers: the message stays paused until the server goes away. */
      soup_server_message_pause (msg);
    }
  else if (g_str_equal (path, "/v1/drop-once"))
    {
      if (n == 1)
        {
          GIOStream *stream = soup_server_message_steal_connection (msg);

          g_io_stream_close (stream, NULL, NULL);
          g_object_unref (stream);
        }
      else
        reply (msg, SOUP_STATUS_OK, "application/json", "{\"after\":\"drop\"}", -1);
    }
  /* The typed calls, answered with the golden fixtures. */
  else if (g_str_equal (path, "/v1/sessions") && g_str_equal (method, "POST"))
    {
      if (strstr (fixture->last_body, "\"password\":\"demo\"") != NULL)
        reply_fixture (msg, "session-response.json");
      else
        reply_problem (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL);
    }
  else if (g_str_equal (path, "/v1/account") && fixture->account_answer != NULL)
    reply (msg, SOUP_STATUS_OK, "application/json", fixture->account_answer, -1);
  else if (g_str_equal (path, "/v1/account"))
    reply_fixture (msg, "account.json");
  else if (g_str_equal (path, "/v1/courses") && query != NULL &&
           g_strcmp0 (g_hash_table_lookup (query, "since"), "bad-item") == 0)
    {
      g_autofree char *file = g_build_filename (TEST_SRCDIR, "fixtures", "api",
                                                "courses-page.json", NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *body = NULL;
      JsonObject *item;

      g_assert_true (json_parser_load_from_file (parser, file, NULL));
      item = json_array_get_object_element (
        json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                      "items"), 1);
      json_object_set_int_member (item, "hours", -1);
      body = json_to_string (json_parser_get_root (parser), FALSE);
      reply (msg, SOUP_STATUS_OK, "application/json", body, -1);
    }
  else if (g_str_equal (path, "/v1/courses") && query != NULL &&
           g_strcmp0 (g_hash_table_lookup (query, "since"), "bad-utf8") == 0)
    reply (msg, SOUP_STATUS_OK, "application/json", "{\"items\":[{\"id\":\"\xff\"}]}", -1);
  else if (g_str_equal (path, "/v1/courses") && query != NULL &&
           g_strcmp0 (g_hash_table_lookup (query, "since"), "gone") == 0)
    reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL);
  else if (g_str_equal (path, "/v1/courses") && query != NULL &&
           g_strcmp0 (g_hash_table_lookup (query, "since"), "empty") == 0)
    soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  else if (g_str_equal (path, "/v1/courses"))
    reply_fixture (msg, "courses-page.json");
  else if (g_str_equal (path, "/v1/courses/crs-ai-0007"))
    reply_fixture (msg, "course.json");
  else if (g_str_equal (path, "/v1/orders") && g_str_equal (method, "GET"))
    reply_fixture (msg, "orders.json");
  else if (g_str_equal (path, "/v1/orders") && g_str_equal (method, "POST"))
    reply_fixture (msg, "order.json");
  else if (g_str_equal (path, "/v1/wallet"))
    reply_fixture (msg, "wallet.json");
  else if (g_str_equal (path, "/v1/workers") && g_str_equal (method, "GET"))
    reply_fixture (msg, "workers.json");
  else if (g_str_equal (path, "/v1/workers") && g_str_equal (method, "POST"))
    reply_fixture (msg, "worker.json");
  else if (g_str_equal (path, "/v1/enrolments") && g_str_equal (method, "GET"))
    reply_fixture (msg, "enrolments.json");
  else if (g_str_equal (path, "/v1/enrolments") && g_str_equal (method, "POST"))
    reply_fixture (msg, "enrolment.json");
  else if (g_str_equal (path, "/v1/workers/wrk-bad") && g_str_equal (method, "PUT"))
    {
      g_autofree char *file = g_build_filename (TEST_SRCDIR, "fixtures", "api", "bad",
                                                "worker-missing-last-name.json", NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
      reply (msg, SOUP_STATUS_OK, "application/json", contents, len);
    }
  else
    reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autoptr(GUri) base = NULL;

  fixture->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base_uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  fixture->client = chq_client_new (fixture->base_uri, &error);
  g_assert_no_error (error);
  chq_client_set_token (fixture->client, TEST_TOKEN);
  /* Fast retries; the Retry-After tests set their own policy. */
  chq_client_set_retry_policy (fixture->client, 6, 10, 100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->account_answer, g_free);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->hits, g_hash_table_unref);
  g_clear_pointer (&fixture->base_uri, g_free);
  g_clear_pointer (&fixture->last_authorization, g_free);
  g_clear_pointer (&fixture->last_idempotency_key, g_free);
  g_clear_pointer (&fixture->last_if_none_match, g_free);
  g_clear_pointer (&fixture->last_body, g_free);

  /* Let the sockets close. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* --- running async calls ------------------------------------------------------------ */

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* GET/POST through the generic call and wait. */
static JsonNode *
send_sync (ChqClient     *client,
           const char    *method,
           const char    *path,
           const char    *key,
           const char    *etag,
           GCancellable  *cancellable,
           char         **out_etag,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (g_str_equal (method, "POST"))
    body = json_from_string ("{\"quantity\":1}", NULL);

  chq_client_send_async (client, method, path, key, body, etag, cancellable, on_result_cb,
                         &result);
  wait_result (&result);
  return chq_client_send_finish (client, result, out_etag, error);
}

/* --- pure rules ------------------------------------------------------------------------ */

static void
test_base_uri (void)
{
  struct {
    const char *uri;
    gboolean    ok;
  } cases[] = {
    { "https://api.example.org", TRUE },
    { "https://api.example.org/base/", TRUE },
    { "HTTPS://API.EXAMPLE.ORG", TRUE },
    { "http://127.0.0.1:8765", TRUE },
    { "http://127.12.0.9", TRUE },
    { "http://localhost:8765", TRUE },
    { "http://[::1]:8765", TRUE },
    { "http://example.org", FALSE },
    { "http://10.0.0.1", FALSE },
    { "http://128.0.0.1", FALSE },
    { "http://localhost.example.org", FALSE },
    { "http://127.0.0.1.example.org", FALSE },
    { "http://[::2]", FALSE },
    { "ftp://127.0.0.1", FALSE },
    { "https://user:pass@api.example.org", FALSE },
    { "https://api.example.org/?token=1", FALSE },
    { "api.example.org", FALSE },
    { "", FALSE },
    { "https://", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChqClient) client = chq_client_new (cases[i].uri, &error);

      g_test_message ("%s", cases[i].uri);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (client);
        }
      else
        {
          g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INSECURE_ADDRESS);
          g_assert_null (client);
        }
    }

  {
    g_autoptr(ChqClient) client = chq_client_new ("https://api.example.org//", NULL);

    g_assert_cmpstr (chq_client_get_base_uri (client), ==, "https://api.example.org");
    g_assert_cmpuint (chq_client_get_request_count (client), ==, 0);
  }
}

static void
test_backoff (void)
{
  /* The ceiling doubles from the base and stops at the cap. */
  g_assert_cmpuint (chq_http_backoff_delay_ms (1, 500, 60000, 0.999999), ==, 500);
  g_assert_cmpuint (chq_http_backoff_delay_ms (2, 500, 60000, 0.999999), ==, 1000);
  g_assert_cmpuint (chq_http_backoff_delay_ms (3, 500, 60000, 0.999999), ==, 2000);
  g_assert_cmpuint (chq_http_backoff_delay_ms (8, 500, 60000, 0.999999), ==, 60000);
  g_assert_cmpuint (chq_http_backoff_delay_ms (1000, 500, 60000, 0.999999), ==, 60000);
  g_assert_cmpuint (chq_http_backoff_delay_ms (G_MAXUINT, 500, 60000, 1.0), ==, 60000);
  /* Full jitter: anywhere from 0 to the ceiling. */
  g_assert_cmpuint (chq_http_backoff_delay_ms (3, 500, 60000, 0.0), ==, 0);
  g_assert_cmpuint (chq_http_backoff_delay_ms (3, 500, 60000, 0.5), ==, 1000);
  /* A base above the cap is capped. */
  g_assert_cmpuint (chq_http_backoff_delay_ms (1, 5000, 100, 0.999999), ==, 100);

  for (guint attempt = 1; attempt < 40; attempt++)
    {
      guint delay = chq_http_backoff_delay_ms (attempt, 500, 60000, g_random_double ());

      g_assert_cmpuint (delay, <=, 60000);
    }
}

static void
test_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);

  g_assert_cmpint (chq_http_parse_retry_after_ms (NULL, now), ==, -1);
  g_assert_cmpint (chq_http_parse_retry_after_ms ("", now), ==, -1);
  g_assert_cmpint (chq_http_parse_retry_after_ms ("soon", now), ==, -1);
  g_assert_cmpint (chq_http_parse_retry_after_ms ("-5", now), ==, -1);
  g_assert_cmpint (chq_http_parse_retry_after_ms ("1.5", now), ==, -1);
  g_assert_cmpint (chq_http_parse_retry_after_ms ("0", now), ==, 0);
  g_assert_cmpint (chq_http_parse_retry_after_ms ("1", now), ==, 1000);
  g_assert_cmpint (chq_http_parse_retry_after_ms (" 120 ", now), ==, 120000);
  /* Huge values are held to a day (callers cap them further). */
  g_assert_cmpint (chq_http_parse_retry_after_ms ("99999999999999999999999", now), ==,
                   86400000);
  g_assert_cmpint (chq_http_parse_retry_after_ms ("Sat, 28 Nov 2026 10:00:30 GMT", now), ==,
                   30000);
  g_assert_cmpint (chq_http_parse_retry_after_ms ("Sat, 28 Nov 2026 09:00:00 GMT", now), ==, 0);
}

static void
test_content_type (void)
{
  g_assert_true (chq_http_content_type_is_json ("application/json", FALSE));
  g_assert_true (chq_http_content_type_is_json ("application/json; charset=utf-8", FALSE));
  g_assert_true (chq_http_content_type_is_json ("Application/JSON", FALSE));
  g_assert_false (chq_http_content_type_is_json ("application/jsonx", FALSE));
  g_assert_false (chq_http_content_type_is_json ("text/html", FALSE));
  g_assert_false (chq_http_content_type_is_json (NULL, FALSE));
  g_assert_false (chq_http_content_type_is_json ("application/problem+json", FALSE));
  g_assert_true (chq_http_content_type_is_json ("application/problem+json", TRUE));
  g_assert_false (chq_http_content_type_is_json ("application/json", TRUE));

  g_assert_true (chq_http_status_is_retryable (408));
  g_assert_true (chq_http_status_is_retryable (429));
  g_assert_true (chq_http_status_is_retryable (502));
  g_assert_true (chq_http_status_is_retryable (503));
  g_assert_true (chq_http_status_is_retryable (504));
  g_assert_false (chq_http_status_is_retryable (500));
  g_assert_false (chq_http_status_is_retryable (501));
  g_assert_false (chq_http_status_is_retryable (404));
  g_assert_false (chq_http_status_is_retryable (409));
}

static void
test_error_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) plain = NULL;
  g_autoptr(GError) unknown = NULL;

  error = chq_client_error_new_refused (422, "ceiling_exceeded", "quantity",
                                        "200 vouchers are left for 2026.", 200);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
  g_assert_cmpstr (chq_client_error_get_code (error), ==, "ceiling_exceeded");
  g_assert_cmpstr (chq_client_error_get_field (error), ==, "quantity");
  g_assert_cmpint (chq_client_error_get_left (error), ==, 200);
  g_assert_cmpuint (chq_client_error_get_status (error), ==, 422);
  g_assert_nonnull (strstr (error->message, "200"));
  g_assert_true (chq_client_error_is_permanent (error));
  g_assert_false (chq_client_error_is_transient (error));

  /* The details survive a copy (GTask and g_propagate_error move the same pointer). */
  copy = g_error_copy (error);
  g_assert_cmpstr (chq_client_error_get_code (copy), ==, "ceiling_exceeded");
  g_assert_cmpstr (chq_client_error_get_field (copy), ==, "quantity");
  g_assert_cmpint (chq_client_error_get_left (copy), ==, 200);

  /* Another domain has none. */
  plain = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  g_assert_null (chq_client_error_get_code (plain));
  g_assert_cmpint (chq_client_error_get_left (plain), ==, -1);
  g_assert_false (chq_client_error_is_permanent (plain));
  g_assert_false (chq_client_error_is_permanent (NULL));

  /* A code this version does not know falls back to the server's detail. */
  unknown = chq_client_error_new_refused (409, "brand_new_code", NULL, "Try tomorrow.", -1);
  g_assert_nonnull (strstr (unknown->message, "Try tomorrow."));

  {
    g_autoptr(GError) server = chq_client_error_new_for_status (CHQ_CLIENT_ERROR_SERVER, 503,
                                                                7, "down");

    g_assert_true (chq_client_error_is_transient (server));
    g_assert_false (chq_client_error_is_permanent (server));
    g_assert_cmpuint (chq_client_error_get_retry_after (server), ==, 7);
    g_assert_null (chq_client_error_get_code (server));
  }
}

/* --- transport -------------------------------------------------------------------------- */

static void
test_ok_headers (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *etag = NULL;

  node = send_sync (fixture->client, "GET", "/v1/ok", NULL, NULL, NULL, &etag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "ok"));
  g_assert_cmpstr (etag, ==, "\"v1\"");
  g_assert_cmpstr (fixture->last_authorization, ==, "Bearer " TEST_TOKEN);
  g_assert_null (fixture->last_idempotency_key);
  g_assert_cmpuint (chq_client_get_request_count (fixture->client), ==, 1);

  /* An empty 204 is a success with no document. */
  {
    g_autoptr(JsonNode) empty = send_sync (fixture->client, "GET", "/v1/empty", NULL, NULL,
                                           NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_null (empty);
  }

  /* Without a token, no Authorization header at all. */
  chq_client_set_token (fixture->client, NULL);
  g_assert_false (chq_client_has_token (fixture->client));
  g_clear_pointer (&node, json_node_unref);
  node = send_sync (fixture->client, "GET", "/v1/ok", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (fixture->last_authorization);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *etag = NULL;

  node = send_sync (fixture->client, "GET", "/v1/etag", NULL, NULL, NULL, &etag, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, "\"v7\"");
  g_assert_null (fixture->last_if_none_match);

  g_clear_pointer (&node, json_node_unref);
  node = send_sync (fixture->client, "GET", "/v1/etag", NULL, etag, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_NOT_MODIFIED);
  g_assert_null (node);
  g_assert_cmpstr (fixture->last_if_none_match, ==, "\"v7\"");
  g_assert_false (chq_client_error_is_permanent (error));
  g_assert_false (chq_client_error_is_transient (error));
  /* One request each: a 304 is not retried. */
  g_assert_cmpuint (get_hits (fixture, "/v1/etag"), ==, 2);
}

static void
test_retry_503 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = send_sync (fixture->client, "GET", "/v1/flaky", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "attempt"), ==, 3);
  g_assert_cmpuint (get_hits (fixture, "/v1/flaky"), ==, 3);
  g_assert_cmpuint (chq_client_get_request_count (fixture->client), ==, 3);
}

static void
test_retry_429_408 (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) c = NULL;

  a = send_sync (fixture->client, "GET", "/v1/429-once", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (get_hits (fixture, "/v1/429-once"), ==, 2);

  b = send_sync (fixture->client, "GET", "/v1/408-once", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (get_hits (fixture, "/v1/408-once"), ==, 2);

  /* Always 429: gives up after max_attempts with RATE_LIMITED. */
  chq_client_set_retry_policy (fixture->client, 3, 10, 50);
  c = send_sync (fixture->client, "GET", "/v1/always-429", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (chq_client_error_get_status (error), ==, 429);
  g_assert_true (chq_client_error_is_transient (error));
  g_assert_false (chq_client_error_is_permanent (error));
  g_assert_cmpuint (get_hits (fixture, "/v1/always-429"), ==, 3);
}

static void
test_retry_after_honoured (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  chq_client_set_retry_policy (fixture->client, 6, 10, 60000);
  node = send_sync (fixture->client, "GET", "/v1/retry-after", NULL, NULL, NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_assert_cmpuint (get_hits (fixture, "/v1/retry-after"), ==, 2);
  /* The backoff alone would have waited at most 10 ms. */
  g_assert_cmpint (elapsed, >=, G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
}

static gboolean
cancel_later_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_during_backoff (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  /* The server asks for 30 s; the call is cancelled after 200 ms of waiting. */
  chq_client_set_retry_policy (fixture->client, 6, 500, 60000);
  g_timeout_add (200, cancel_later_cb, cancellable);
  node = send_sync (fixture->client, "GET", "/v1/always-503", NULL, NULL, cancellable, NULL,
                    &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (node);
  g_assert_cmpint (elapsed, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (get_hits (fixture, "/v1/always-503"), ==, 1);

  /* Already cancelled: nothing is sent. */
  g_clear_error (&error);
  node = send_sync (fixture->client, "GET", "/v1/ok", NULL, NULL, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (get_hits (fixture, "/v1/ok"), ==, 0);
}

static void
test_post_retry (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  chq_client_set_retry_policy (fixture->client, 4, 5, 20);

  /* Without an idempotency key a write is sent once. */
  node = send_sync (fixture->client, "POST", "/v1/post-503", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (chq_client_error_get_status (error), ==, 503);
  g_assert_cmpuint (get_hits (fixture, "/v1/post-503"), ==, 1);
  g_assert_cmpstr (fixture->last_body, ==, "{\"quantity\":1}");

  /* With one, it is retried with the same key every time. */
  g_clear_error (&error);
  node = send_sync (fixture->client, "POST", "/v1/post-503", "0b6a4d6e-key", NULL, NULL, NULL,
                    &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (get_hits (fixture, "/v1/post-503"), ==, 1 + 4);
  g_assert_cmpstr (fixture->last_idempotency_key, ==, "0b6a4d6e-key");
  g_assert_cmpstr (fixture->last_body, ==, "{\"quantity\":1}");
}

static void
check_invalid (Fixture    *fixture,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint before = chq_client_get_request_count (fixture->client);

  g_test_message ("%s", path);
  node = send_sync (fixture->client, "GET", path, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_null (node);
  g_assert_cmpstr (error->message, !=, "");
  /* Not retried: the same answer would come again. */
  g_assert_cmpuint (chq_client_get_request_count (fixture->client), ==, before + 1);
  g_test_message ("  %s", error->message);
}

static void
test_invalid_answers (Fixture       *fixture,
                      gconstpointer  data)
{
  chq_client_set_max_response_size (fixture->client, 4 * 1024 * 1024);
  check_invalid (fixture, "/v1/big");
  check_invalid (fixture, "/v1/big-chunked");
  check_invalid (fixture, "/v1/html");
  check_invalid (fixture, "/v1/bad-utf8");
  check_invalid (fixture, "/v1/truncated");
  check_invalid (fixture, "/v1/bomb");
  check_invalid (fixture, "/v1/text-plain");
  check_invalid (fixture, "/v1/redirect");

  /* The 10 MB body is fine under the default 32 MiB limit. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = NULL;

    chq_client_set_max_response_size (fixture->client, CHQ_HTTP_MAX_RESPONSE_SIZE);
    node = send_sync (fixture->client, "GET", "/v1/big-chunked", NULL, NULL, NULL, NULL,
                      &error);
    g_assert_no_error (error);
    g_assert_cmpuint (strlen (json_node_get_string (node)), ==, 10 * 1024 * 1024 - 2);
  }
}

/* A hostile answer to GET /v1/account (any server, proxy or captive portal can send one)
 * is an error saying what is wrong, never a crash or a wrong value. */
static void
test_hostile_account (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (TEST_SRCDIR, "fixtures", "api", "account.json", NULL);
  g_autofree char *good = NULL;
  g_autoptr(GString) hidden = g_string_new ("['\"',");
  struct {
    char       *text;
    const char *field; /* NULL: not JSON at all */
  } answers[] = {
    { NULL, NULL }, /* the nesting hidden behind a single-quoted string, below */
    { NULL, NULL }, /* the same behind a comment */
    { NULL, "fte" },
    { NULL, "year" },
    { NULL, "name" },
    { NULL, "name" },
    { NULL, NULL },
    { NULL, NULL },
    { NULL, NULL },
    { NULL, NULL },
    { NULL, NULL },
  };
  const struct {
    const char *from;
    const char *to;
  } edits[] = {
    { "\"fte\": 12", "\"fte\": -18446744073709551604" },     /* json-glib: 12 */
    { "\"year\": 2026", "\"year\": 9223372036854777834" },
    { "\"Atelier Mosan SRL\"", "\"Atelier\\udc00Mosan\"" },
    { "\"Atelier Mosan SRL\"", "\"Atelier\\u0000Evil\"" },
    { "\"fte\": 12", "\"fte\": 012" },
    { "\"fte\": 12", "\"fte\": 0xc" },
    { "\"fte\": 12", "\"fte\": 12." },
    { "\"Atelier Mosan SRL\"", "\"Atelier \\x4dosan\"" },
  };

  g_assert_true (g_file_get_contents (path, &good, NULL, NULL));
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (hidden, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (hidden, ']');
  g_string_append (hidden, ",'\"']");
  answers[0].text = g_strdup (hidden->str);
  g_string_overwrite (hidden, 0, "[/*\"");
  g_string_truncate (hidden, hidden->len - 5);
  g_string_append (hidden, "\"*/]");
  answers[1].text = g_strdup (hidden->str);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_auto(GStrv) parts = g_strsplit (good, edits[i].from, 2);

      g_assert_nonnull (parts[1]);
      answers[2 + i].text = g_strjoin (edits[i].to, parts[0], parts[1], NULL);
    }
  answers[10].text = g_strconcat (good, "{\"name\":\"Other\"}", NULL); /* a second document */

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ChqAccount) account = NULL;
      g_autoptr(GError) error = NULL;

      g_free (fixture->account_answer);
      fixture->account_answer = answers[i].text;
      g_test_message ("answer %u", i);
      chq_client_get_account_async (fixture->client, NULL, NULL, on_result_cb, &result);
      account = chq_client_get_account_finish (fixture->client, wait_result (&result), NULL,
                                               &error);
      g_assert_null (account);
      g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE);
      g_assert_cmpstr (chq_client_error_get_field (error), ==, answers[i].field);
      if (answers[i].field != NULL)
        g_assert_nonnull (strstr (error->message, answers[i].field));
    }

  /* The same server's honest answer is read. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqAccount) account = NULL;
    g_autoptr(GError) error = NULL;

    g_clear_pointer (&fixture->account_answer, g_free);
    chq_client_get_account_async (fixture->client, NULL, NULL, on_result_cb, &result);
    account = chq_client_get_account_finish (fixture->client, wait_result (&result), NULL,
                                             &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (chq_account_get_fte (account), ==, 12);
  }
}

static ChqCoursesPage *
list_courses_sync (ChqClient     *client,
                   const char    *since,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_client_list_courses_async (client, since, 1000, NULL, cancellable, on_result_cb,
                                 &result);
  return chq_client_list_courses_finish (client, wait_result (&result), NULL, error);
}

/* The feed page is parsed and decoded on a worker thread: the answers and errors are
 * those of the other calls. */
static void
test_courses_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ChqCoursesPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = list_courses_sync (fixture->client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 2);
  /* The items as sent come with the page, for the store. */
  g_assert_nonnull (page->items_json);
  g_assert_cmpuint (json_array_get_length (page->items_json), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (page->items_json, 1), "id"), ==,
                   chq_course_get_id (g_ptr_array_index (page->items, 1)));
  g_clear_pointer (&page, chq_courses_page_free);

  /* A course the codec refuses: the whole page is refused, naming the member. */
  page = list_courses_sync (fixture->client, "bad-item", NULL, &error);
  g_assert_null (page);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE);
  g_assert_cmpstr (chq_client_error_get_field (error), ==, "items[1].hours");
  g_clear_error (&error);

  page = list_courses_sync (fixture->client, "bad-utf8", NULL, &error);
  g_assert_null (page);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  page = list_courses_sync (fixture->client, "empty", NULL, &error);
  g_assert_null (page);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* Over the answer size cap, before any parsing. */
  chq_client_set_max_response_size (fixture->client, 64);
  page = list_courses_sync (fixture->client, NULL, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);
  chq_client_set_max_response_size (fixture->client, CHQ_HTTP_MAX_RESPONSE_SIZE);

  /* Cancelled before it is sent. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    page = list_courses_sync (fixture->client, NULL, cancellable, &error);
    g_assert_null (page);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
}

typedef struct {
  guint          n_peeks;
  char          *next;     /* owned */
  gboolean       more;
  GAsyncResult **result;   /* still NULL when peeked */
  GThread       *caller;
  gboolean       refuse;   /* prepare fails */
  gint           n_prepared; /* atomic */
} Peek;

/* On the parsing thread, not the caller's: keeps the number of items, drops the rest. */
static gboolean
on_prepare_cb (ChqCoursesPage  *page,
               gpointer         user_data,
               GError         **error)
{
  Peek *peek = user_data;

  g_assert_true (g_thread_self () != peek->caller);
  g_atomic_int_inc (&peek->n_prepared);
  if (peek->refuse)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "refused");
      return FALSE;
    }
  page->prepared = g_strdup_printf ("%u items", page->items->len);
  page->prepared_free = g_free;
  g_ptr_array_set_size (page->items, 0);
  return TRUE;
}

static void
on_peek_cb (const char *next,
            gboolean    more,
            gpointer    user_data)
{
  Peek *peek = user_data;

  g_assert_null (*peek->result);
  peek->n_peeks++;
  g_free (peek->next);
  peek->next = g_strdup (next);
  peek->more = more;
}

/* The page's cursor is told before the page is decoded, and only for a page; the page is
 * prepared on the parsing thread. */
static void
test_courses_peek (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *sinces[] = { NULL, "empty", "bad-utf8" };

  for (guint i = 0; i < G_N_ELEMENTS (sinces); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ChqCoursesPage) page = NULL;
      g_autoptr(GError) error = NULL;
      Peek peek = { 0, NULL, FALSE, &result, g_thread_self (), FALSE, 0 };

      chq_client_list_courses_peek_async (fixture->client, sinces[i], 1000, NULL, on_peek_cb,
                                          on_prepare_cb, &peek, NULL, on_result_cb, &result);
      page = chq_client_list_courses_finish (fixture->client, wait_result (&result), NULL,
                                             &error);
      if (sinces[i] == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (peek.n_peeks, ==, 1);
          g_assert_cmpstr (peek.next, ==, page->next);
          g_assert_cmpint (peek.more, ==, page->more);
          /* What prepare made comes with the page. */
          g_assert_cmpint (peek.n_prepared, ==, 1);
          g_assert_cmpstr (page->prepared, ==, "2 items");
          g_assert_cmpuint (page->items->len, ==, 0);
        }
      else
        {
          g_assert_null (page);
          g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE);
          g_assert_cmpuint (peek.n_peeks, ==, 0);
          g_assert_cmpint (peek.n_prepared, ==, 0);
        }
      g_free (peek.next);
    }

  /* A page prepare refuses: its error, as is. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(ChqCoursesPage) page = NULL;
    Peek peek = { 0, NULL, FALSE, &result, g_thread_self (), TRUE, 0 };

    chq_client_list_courses_peek_async (fixture->client, NULL, 1000, NULL, NULL,
                                        on_prepare_cb, &peek, NULL, on_result_cb, &result);
    page = chq_client_list_courses_finish (fixture->client, wait_result (&result), NULL,
                                           &error);
    g_assert_null (page);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
    g_assert_cmpint (peek.n_prepared, ==, 1);
  }

  /* An error status is no page. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(ChqCoursesPage) page = NULL;
    Peek peek = { 0, NULL, FALSE, &result, g_thread_self (), FALSE, 0 };

    chq_client_list_courses_peek_async (fixture->client, "gone", 1000, NULL, on_peek_cb,
                                        on_prepare_cb, &peek, NULL, on_result_cb, &result);
    page = chq_client_list_courses_finish (fixture->client, wait_result (&result), NULL,
                                           &error);
    g_assert_null (page);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
    g_assert_cmpuint (peek.n_peeks, ==, 0);
  }
}

/* On the parsing thread: keeps the page's text lent to prepare. */
static gboolean
on_prepare_keep_text_cb (ChqCoursesPage  *page,
                         gpointer         user_data,
                         GError         **error)
{
  GBytes **text = user_data;

  g_assert_null (*text);
  g_assert_nonnull (page->text);
  *text = g_bytes_ref (page->text);
  return TRUE;
}

/* prepare is lent the page's text exactly as received, and the page returned holds it no
 * more. */
static void
test_courses_prepare_text (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (TEST_SRCDIR, "fixtures", "api",
                                            "courses-page.json", NULL);
  g_autofree char *sent = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqCoursesPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &sent, &len, NULL));
  chq_client_list_courses_peek_async (fixture->client, NULL, 1000, NULL, NULL,
                                      on_prepare_keep_text_cb, &text, NULL, on_result_cb,
                                      &result);
  page = chq_client_list_courses_finish (fixture->client, wait_result (&result), NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_null (page->text);
  g_assert_nonnull (text);
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), sent, len);
}

static void
test_error_statuses (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  chq_client_set_retry_policy (fixture->client, 2, 5, 10);

  node = send_sync (fixture->client, "GET", "/v1/unauthorized", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
  g_assert_false (chq_client_error_is_permanent (error));
  g_assert_cmpuint (get_hits (fixture, "/v1/unauthorized"), ==, 1);
  g_clear_error (&error);

  node = send_sync (fixture->client, "POST", "/v1/ceiling", "key-1", NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
  g_assert_cmpstr (chq_client_error_get_code (error), ==, "ceiling_exceeded");
  g_assert_cmpstr (chq_client_error_get_field (error), ==, "quantity");
  g_assert_cmpint (chq_client_error_get_left (error), ==, 200);
  g_assert_cmpuint (chq_client_error_get_status (error), ==, 422);
  g_assert_nonnull (strstr (error->message, "200"));
  g_assert_true (chq_client_error_is_permanent (error));
  g_assert_cmpuint (get_hits (fixture, "/v1/ceiling"), ==, 1);
  g_clear_error (&error);

  node = send_sync (fixture->client, "GET", "/v1/unknown-code", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
  g_assert_cmpstr (chq_client_error_get_code (error), ==, "brand_new_code");
  g_assert_null (chq_client_error_get_field (error));
  g_assert_nonnull (strstr (error->message, "Something new went wrong."));
  g_clear_error (&error);

  /* An HTML error page: a clear refusal naming the status, not a parse error. */
  node = send_sync (fixture->client, "GET", "/v1/html-404", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
  g_assert_null (chq_client_error_get_code (error));
  g_assert_cmpuint (chq_client_error_get_status (error), ==, 404);
  g_assert_nonnull (strstr (error->message, "404"));
  g_assert_null (strstr (error->message, "<html>"));
  g_clear_error (&error);

  node = send_sync (fixture->client, "GET", "/v1/always-500", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (get_hits (fixture, "/v1/always-500"), ==, 1);
  g_assert_null (strstr (error->message, "<html>"));
  g_clear_error (&error);
}

static void
test_dropped_connection (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = send_sync (fixture->client, "GET", "/v1/drop-once", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "after"), ==,
                   "drop");
  g_assert_cmpuint (get_hits (fixture, "/v1/drop-once"), ==, 2);
}

static void
test_timed_out (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  chq_client_set_timeout (fixture->client, 1);
  chq_client_set_retry_policy (fixture->client, 2, 5, 10);
  node = send_sync (fixture->client, "GET", "/v1/silent", NULL, NULL, NULL, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_TIMED_OUT);
  g_assert_true (chq_client_error_is_transient (error));
  g_assert_cmpuint (get_hits (fixture, "/v1/silent"), ==, 2);
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);
}

static void
test_cannot_reach (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(ChqClient) client = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint16 port;

  /* A port that was free a moment ago and has no listener. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  uri = g_strdup_printf ("http://127.0.0.1:%u", port);
  client = chq_client_new (uri, &error);
  g_assert_no_error (error);
  chq_client_set_retry_policy (client, 3, 5, 20);

  node = send_sync (client, "GET", "/v1/ok", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_CANNOT_REACH);
  g_assert_true (chq_client_error_is_transient (error));
  g_assert_cmpuint (chq_client_get_request_count (client), ==, 3);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

/* A self-signed certificate for 127.0.0.1 made for this test only (valid to 2126): no CA
 * the system trusts has signed it, so the client must refuse it. */
static const char self_signed_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBmzCCAUGgAwIBAgIUSHeK0ew1nloC7ftYY9L25QgUNvMwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyODEwNDQyMloYDzIxMjYxMTA0\n"
  "MTA0NDIyWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAATDAw5YjQgIZZ3b30W8Snn32n3iJvPfZv5EGVLQHyutPQh4o2JBp6Wx\n"
  "gQLavpCaifuv1bkNOnpfrJU0KY9R6AfUo28wbTAdBgNVHQ4EFgQUWDVSwm3bRpj/\n"
  "gwg1T6cbSTYmwR4wHwYDVR0jBBgwFoAUWDVSwm3bRpj/gwg1T6cbSTYmwR4wDwYD\n"
  "VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI\n"
  "zj0EAwIDSAAwRQIhAPpdKNnYJhNc3A4MNJmVh11kEAIUio8cUleMURaoZqCXAiBI\n"
  "tBYeJjAtTcmibDlLdSzGSAkTLcdivtloeEa+w/nSQw==\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgo2ziI0JBYy1WiZ9X\n"
  "66aGCH2LGatDlcNokGMXEZGICu+hRANCAATDAw5YjQgIZZ3b30W8Snn32n3iJvPf\n"
  "Zv5EGVLQHyutPQh4o2JBp6WxgQLavpCaifuv1bkNOnpfrJU0KY9R6AfU\n"
  "-----END PRIVATE KEY-----\n";

static void
test_tls_failure (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autoptr(ChqClient) client = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *uri = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking) installed");
      return;
    }

  certificate = g_tls_certificate_new_from_pem (self_signed_pem, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));

  client = chq_client_new (uri, &error);
  g_assert_no_error (error);
  chq_client_set_token (client, TEST_TOKEN);
  chq_client_set_retry_policy (client, 4, 5, 20);

  /* Refused at the handshake, never retried, and no request reached the server. */
  node = send_sync (client, "GET", "/v1/ok", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_TLS);
  g_assert_false (chq_client_error_is_transient (error));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_null (strstr (error->message, TEST_TOKEN));
  g_assert_cmpuint (chq_client_get_request_count (client), ==, 1);
  g_assert_cmpuint (get_hits (fixture, "/v1/ok"), ==, 0);

  soup_server_disconnect (server);
}

/* --- the typed calls, answered with the golden fixtures --------------------------------- */

static void
test_typed_calls (Fixture       *fixture,
                  gconstpointer  data)
{
  ChqClient *client = fixture->client;
  g_autoptr(GError) error = NULL;

  chq_client_set_token (client, NULL);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqAccount) account = NULL;
    g_autoptr(GDateTime) expires_at = NULL;
    g_autofree char *token = NULL;

    chq_client_sign_in_async (client, "0123456749", "wrong", NULL, on_result_cb, &result);
    account = chq_client_sign_in_finish (client, wait_result (&result), &token, &expires_at,
                                         &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
    g_assert_nonnull (strstr (error->message, "password"));
    g_assert_null (account);
    g_assert_null (token);
    g_assert_false (chq_client_has_token (client));
    g_assert_null (fixture->last_authorization);
    g_clear_error (&error);
    g_clear_object (&result);

    chq_client_sign_in_async (client, "0123456749", "demo", NULL, on_result_cb, &result);
    account = chq_client_sign_in_finish (client, wait_result (&result), &token, &expires_at,
                                         &error);
    g_assert_no_error (error);
    g_assert_cmpstr (chq_account_get_name (account), ==, "Atelier Mosan SRL");
    g_assert_cmpstr (token, ==, "sbx_7f3c9a1e5b2d4f6a8c0e1b3d5f7a9c2e");
    g_assert_nonnull (expires_at);
    g_assert_true (chq_client_has_token (client));
    g_assert_cmpstr (fixture->last_body, ==,
                     "{\"enterprise_number\":\"0123456749\",\"password\":\"demo\"}");
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqAccount) account = NULL;

    chq_client_get_account_async (client, NULL, NULL, on_result_cb, &result);
    account = chq_client_get_account_finish (client, wait_result (&result), NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (account);
    /* The token from sign-in is sent from now on. */
    g_assert_cmpstr (fixture->last_authorization, ==,
                     "Bearer sbx_7f3c9a1e5b2d4f6a8c0e1b3d5f7a9c2e");
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqCoursesPage) page = NULL;

    chq_client_list_courses_async (client, "c_000000000100", 500, NULL, NULL, on_result_cb,
                                   &result);
    page = chq_client_list_courses_finish (client, wait_result (&result), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->items->len, ==, 2);
    g_assert_cmpstr (page->deleted[0], ==, "crs-ai-0003");
    g_assert_cmpstr (page->next, ==, "c_000000000418");
    g_assert_true (page->more);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqCourse) course = NULL;

    chq_client_get_course_async (client, "crs-ai-0007", NULL, on_result_cb, &result);
    course = chq_client_get_course_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (course);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) orders = NULL;

    chq_client_list_orders_async (client, NULL, NULL, on_result_cb, &result);
    orders = chq_client_list_orders_finish (client, wait_result (&result), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (orders->len, >, 0);
    g_assert_true (CHQ_IS_ORDER (orders->pdata[0]));
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqOrder) order = NULL;

    chq_client_create_order_async (client, "order-key-1", CHQ_VOUCHER_TYPE_CF, 100, NULL,
                                   on_result_cb, &result);
    order = chq_client_create_order_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (chq_order_get_quantity (order), ==, 100);
    g_assert_cmpstr (fixture->last_idempotency_key, ==, "order-key-1");
    g_assert_cmpstr (fixture->last_body, ==, "{\"voucher_type\":\"cf\",\"quantity\":100}");
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqWallet) wallet = NULL;

    chq_client_get_wallet_async (client, NULL, NULL, on_result_cb, &result);
    wallet = chq_client_get_wallet_finish (client, wait_result (&result), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (wallet->batches->len, ==, 2);
    g_assert_cmpuint (wallet->totals[CHQ_VOUCHER_TYPE_CF].available, ==, 137);
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) workers = NULL;
    g_autoptr(ChqWorker) created = NULL;
    g_autoptr(ChqWorker) worker = chq_worker_new ();

    chq_client_list_workers_async (client, NULL, NULL, on_result_cb, &result);
    workers = chq_client_list_workers_finish (client, wait_result (&result), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (workers->len, >, 0);
    g_clear_object (&result);

    chq_worker_set_first_name (worker, "Sophie");
    chq_worker_set_last_name (worker, "Dethier");
    chq_worker_set_status (worker, CHQ_WORKER_STATUS_EMPLOYEE);
    chq_client_create_worker_async (client, "worker-key", worker, NULL, on_result_cb, &result);
    created = chq_client_create_worker_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_nonnull (chq_worker_get_id (created));
    g_assert_nonnull (strstr (fixture->last_body, "\"first_name\":\"Sophie\""));
  }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) enrolments = NULL;
    g_autoptr(ChqEnrolment) enrolment = NULL;

    chq_client_list_enrolments_async (client, 2026, NULL, NULL, on_result_cb, &result);
    enrolments = chq_client_list_enrolments_finish (client, wait_result (&result), NULL,
                                                    &error);
    g_assert_no_error (error);
    g_assert_cmpuint (enrolments->len, >, 0);
    g_clear_object (&result);

    chq_client_create_enrolment_async (client, "enrol-key", "wrk-0001", "crs-ai-0007",
                                       "ses-0007-01", NULL, on_result_cb, &result);
    enrolment = chq_client_create_enrolment_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (chq_enrolment_get_usage_code (enrolment), ==, "UC-7K3M-9QXA-2F");
    g_assert_cmpstr (fixture->last_idempotency_key, ==, "enrol-key");
  }

  /* A document the codec refuses: INVALID_RESPONSE naming the field. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqWorker) worker = chq_worker_new ();
    g_autoptr(ChqWorker) updated = NULL;

    chq_worker_set_first_name (worker, "Marc");
    chq_worker_set_last_name (worker, "Lejeune");
    chq_worker_set_status (worker, CHQ_WORKER_STATUS_TEMP);
    chq_client_update_worker_async (client, "update-key", "wrk-bad", worker, NULL,
                                    on_result_cb, &result);
    updated = chq_client_update_worker_finish (client, wait_result (&result), &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE);
    g_assert_null (updated);
    g_assert_cmpstr (chq_client_error_get_field (error), ==, "last_name");
    g_assert_nonnull (strstr (error->message, "last_name"));
    g_assert_nonnull (strstr (fixture->last_body, "\"status\":\"temp\""));
    g_clear_error (&error);
  }

  /* Unknown ids are escaped into one path segment. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqCourse) course = NULL;

    chq_client_get_course_async (client, "../account", NULL, on_result_cb, &result);
    course = chq_client_get_course_finish (client, wait_result (&result), &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
    g_assert_cmpuint (get_hits (fixture, "/v1/account"), ==, 1);
    g_clear_error (&error);
    g_clear_object (&result);

    chq_client_get_course_async (client, "crs ai?7#x", NULL, on_result_cb, &result);
    course = chq_client_get_course_finish (client, wait_result (&result), &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
    g_assert_cmpstr (chq_client_error_get_code (error), ==, "not_found");
    g_assert_cmpuint (chq_client_error_get_status (error), ==, 404);
    g_assert_true (chq_client_error_is_permanent (error));
  }
}

/* --- the token never reaches a log ------------------------------------------------------ */

typedef struct {
  GString *text;
} LogCapture;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  LogCapture *capture = user_data;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (capture->text, fields[i].value);
      else
        g_string_append_len (capture->text, fields[i].value, fields[i].length);
      g_string_append_c (capture->text, '\n');
    }
  return G_LOG_WRITER_HANDLED;
}

static void
test_token_not_logged (Fixture       *fixture,
                       gconstpointer  data)
{
  LogCapture capture = { g_string_new (NULL) };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) c = NULL;

  if (!g_test_subprocess ())
    {
      /* The writer can only be set once per process: run in a child, which inherits
       * G_MESSAGES_DEBUG=all. */
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_unsetenv ("G_MESSAGES_DEBUG");
      g_test_trap_assert_passed ();
      g_string_free (capture.text, TRUE);
      return;
    }

  g_assert_cmpstr (g_getenv ("G_MESSAGES_DEBUG"), ==, "all");
  g_log_set_writer_func (capture_writer, &capture, NULL);

  chq_client_set_retry_policy (fixture->client, 3, 5, 10);
  a = send_sync (fixture->client, "GET", "/v1/flaky", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  b = send_sync (fixture->client, "GET", "/v1/unauthorized", NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, TEST_TOKEN));
  g_clear_error (&error);
  c = send_sync (fixture->client, "POST", "/v1/post-503", "k", NULL, NULL, NULL, &error);
  g_assert_null (strstr (error->message, TEST_TOKEN));

  /* The client did log (so the check below means something), but not the token. */
  g_assert_nonnull (strstr (capture.text->str, "/v1/flaky"));
  g_assert_null (strstr (capture.text->str, TEST_TOKEN));
  g_assert_null (strstr (capture.text->str, "Bearer"));
  g_string_free (capture.text, TRUE);
}

/* --- the token store ------------------------------------------------------------------- */

static void
test_secret_sync (void)
{
  g_autoptr(GError) error = NULL;
  char *token;

  if (!g_test_subprocess ())
    {
      /* libsecret reads the backend's environment once per process. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  token = chq_secret_lookup_token ("http://127.0.0.1:1", "0123456749", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  g_assert_true (chq_secret_store_token ("http://127.0.0.1:1", "0123456749", TEST_TOKEN, NULL,
                                         &error));
  g_assert_no_error (error);
  g_assert_true (chq_secret_store_token ("http://127.0.0.1:1", "0987654394", "other-token",
                                         NULL, &error));
  g_assert_no_error (error);

  token = chq_secret_lookup_token ("http://127.0.0.1:1", "0123456749", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TEST_TOKEN);
  secret_password_free (token);

  /* Another service address is another key. */
  token = chq_secret_lookup_token ("https://api.example.org", "0123456749", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);

  /* Storing again replaces. */
  g_assert_true (chq_secret_store_token ("http://127.0.0.1:1", "0123456749", "newer", NULL,
                                         &error));
  token = chq_secret_lookup_token ("http://127.0.0.1:1", "0123456749", NULL, &error);
  g_assert_cmpstr (token, ==, "newer");
  secret_password_free (token);

  /* Signing out removes it, and only it. */
  g_assert_true (chq_secret_clear_token ("http://127.0.0.1:1", "0123456749", NULL, &error));
  g_assert_no_error (error);
  token = chq_secret_lookup_token ("http://127.0.0.1:1", "0123456749", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  token = chq_secret_lookup_token ("http://127.0.0.1:1", "0987654394", NULL, &error);
  g_assert_cmpstr (token, ==, "other-token");
  secret_password_free (token);
  /* Nothing left to clear is fine. */
  g_assert_true (chq_secret_clear_token ("http://127.0.0.1:1", "0123456749", NULL, &error));
  g_assert_no_error (error);

  /* The keyring file exists and does not hold the token in clear. */
  {
    const char *path = g_getenv ("SECRET_FILE_TEST_PATH");
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_nonnull (path);
    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    g_assert_cmpuint (len, >, 0);
    g_assert_null (g_strstr_len (contents, len, "other-token"));
  }
}

static void
test_secret_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char *token;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                              G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  chq_secret_store_token_async ("https://api.example.org", "0123456749", TEST_TOKEN, NULL,
                                on_result_cb, &result);
  g_assert_true (chq_secret_store_token_finish (wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  chq_secret_lookup_token_async ("https://api.example.org", "0123456749", NULL, on_result_cb,
                                 &result);
  token = chq_secret_lookup_token_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, TEST_TOKEN);
  secret_password_free (token);
  g_clear_object (&result);

  chq_secret_clear_token_async ("https://api.example.org", "0123456749", NULL, on_result_cb,
                                &result);
  g_assert_true (chq_secret_clear_token_finish (wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  chq_secret_lookup_token_async ("https://api.example.org", "0123456749", NULL, on_result_cb,
                                 &result);
  token = chq_secret_lookup_token_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_null (token);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  g_autofree char *keyring = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* A keyring file of this test's own, so tests running in parallel never share one. */
  if (!g_test_subprocess ())
    {
      keyring_dir = g_dir_make_tmp ("chq-test-client-XXXXXX", NULL);
      g_assert_nonnull (keyring_dir);
      keyring = g_build_filename (keyring_dir, "keyring", NULL);
      g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
    }
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  if (g_getenv ("SECRET_FILE_TEST_PASSWORD") == NULL)
    g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_add_func ("/client/rules/base-uri", test_base_uri);
  g_test_add_func ("/client/rules/backoff", test_backoff);
  g_test_add_func ("/client/rules/retry-after", test_retry_after);
  g_test_add_func ("/client/rules/content-type", test_content_type);
  g_test_add_func ("/client/rules/error-details", test_error_details);

#define ADD(path, func) \
  g_test_add ("/client/http/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("ok-headers", test_ok_headers);
  ADD ("not-modified", test_not_modified);
  ADD ("retry-503", test_retry_503);
  ADD ("retry-429-408", test_retry_429_408);
  ADD ("retry-after", test_retry_after_honoured);
  ADD ("cancel-during-backoff", test_cancel_during_backoff);
  ADD ("post-retry", test_post_retry);
  ADD ("invalid-answers", test_invalid_answers);
  ADD ("hostile-account", test_hostile_account);
  ADD ("courses-page", test_courses_page);
  ADD ("courses-peek", test_courses_peek);
  ADD ("courses-prepare-text", test_courses_prepare_text);
  ADD ("error-statuses", test_error_statuses);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("timed-out", test_timed_out);
  ADD ("tls-failure", test_tls_failure);
  ADD ("typed-calls", test_typed_calls);
  ADD ("token-not-logged", test_token_not_logged);
#undef ADD
  g_test_add_func ("/client/http/cannot-reach", test_cannot_reach);

  g_test_add_func ("/client/secret/sync", test_secret_sync);
  g_test_add_func ("/client/secret/async", test_secret_async);

  status = g_test_run ();

  if (keyring_dir != NULL)
    {
      g_unlink (keyring);
      g_rmdir (keyring_dir);
    }
  return status;
}
