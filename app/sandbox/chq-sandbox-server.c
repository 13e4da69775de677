/* chq-sandbox-server.c: the sandbox server's thread: routing, guards and faults
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A SoupServer on its own GMainContext, in a thread of its own. Before a request reaches
 * its resource: injected faults (a dropped connection, 503), the rate limit, latency, the
 * HTTP guards (body size, Origin and Host, media type), the bearer token, ETags on reads,
 * and for writes one transaction holding the change, the company's change counter and the
 * kept answer of its Idempotency-Key.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chq-json.h"
#include "chq-sandbox-private.h"

typedef struct {
  gint64 second;
  guint  count;
} RateWindow;

typedef void (*Handler) (ChqSandboxRequest *req);
typedef char *(*VersionFunc) (ChqSandboxRequest *req);

enum {
  ROUTE_AUTH             = 1 << 0, /* needs a bearer token */
  ROUTE_BODY             = 1 << 1, /* takes a JSON object body */
  ROUTE_KEY_REQUIRED     = 1 << 2, /* Idempotency-Key is mandatory */
  ROUTE_ETAG_COMPANY     = 1 << 3, /* ETag from the company's change counter */
};

typedef struct {
  const char  *method;
  const char  *pattern;  /* '*' matches one segment */
  Handler      handler;
  guint        flags;
  VersionFunc  version;
} Route;

static const Route routes[] = {
  { "POST", "/v1/sessions", _chq_sandbox_post_sessions, ROUTE_BODY, NULL },
  { "GET", "/v1/account", _chq_sandbox_get_account, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "GET", "/v1/courses", _chq_sandbox_get_courses, ROUTE_AUTH, _chq_sandbox_courses_version },
  { "GET", "/v1/courses/*", _chq_sandbox_get_course, ROUTE_AUTH, _chq_sandbox_course_version },
  { "GET", "/v1/orders", _chq_sandbox_get_orders, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "POST", "/v1/orders", _chq_sandbox_post_orders,
    ROUTE_AUTH | ROUTE_BODY | ROUTE_KEY_REQUIRED, NULL },
  { "POST", "/v1/orders/*/cancel", _chq_sandbox_cancel_order, ROUTE_AUTH, NULL },
  { "GET", "/v1/wallet", _chq_sandbox_get_wallet, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "GET", "/v1/workers", _chq_sandbox_get_workers, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "POST", "/v1/workers", _chq_sandbox_post_workers, ROUTE_AUTH | ROUTE_BODY, NULL },
  { "GET", "/v1/workers/*", _chq_sandbox_get_worker, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "PUT", "/v1/workers/*", _chq_sandbox_put_worker, ROUTE_AUTH | ROUTE_BODY, NULL },
  { "DELETE", "/v1/workers/*", _chq_sandbox_delete_worker, ROUTE_AUTH, NULL },
  { "GET", "/v1/enrolments", _chq_sandbox_get_enrolments, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "POST", "/v1/enrolments", _chq_sandbox_post_enrolments,
    ROUTE_AUTH | ROUTE_BODY | ROUTE_KEY_REQUIRED, NULL },
  { "POST", "/v1/enrolments/*/cancel", _chq_sandbox_cancel_enrolment, ROUTE_AUTH, NULL },
  { "POST", "/v1/enrolments/*/attendance", _chq_sandbox_post_attendance,
    ROUTE_AUTH | ROUTE_BODY, NULL },
  { "POST", "/v1/sandbox/orders/*/pay", _chq_sandbox_pay_order, ROUTE_AUTH, NULL },
};

/* ETags. */

static char *
company_version (ChqSandboxRequest *req,
                 const char        *path)
{
  gint64 change = chq_sandbox_db_query_int (req->db, 0,
                                            "SELECT change_seq FROM companies WHERE id = ?1",
                                            "s", req->company_id);
  GUri *uri = soup_server_message_get_uri (req->msg);
  g_autofree char *today = _chq_sandbox_format_date (&req->today);

  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s?%s|%s", req->company_id, change, path,
                          g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", today);
}

/* Routing. */

static gboolean
pattern_matches (const char  *pattern,
                 char       **segments)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);
  guint i;

  for (i = 0; parts[i] != NULL; i++)
    {
      if (segments[i] == NULL)
        return FALSE;
      if (g_str_equal (parts[i], "*"))
        {
          if (segments[i][0] == '\0')
            return FALSE;
        }
      else if (!g_str_equal (parts[i], segments[i]))
        return FALSE;
    }

  return segments[i] == NULL;
}

static void
request_clear (ChqSandboxRequest *req)
{
  g_clear_pointer (&req->segments, g_strfreev);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->company_id, g_free);
  g_clear_pointer (&req->body, json_node_unref);
  g_clear_pointer (&req->now, g_date_time_unref);
}

static gboolean
parse_body (ChqSandboxRequest *req,
            SoupMessageBody   *body)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *field;

  /* The codec's parser reads strict JSON only (chq_json_check()), before json-glib. */
  root = chq_json_parse (body->data, body->length, CHQ_SANDBOX_MAX_BODY, &error);
  field = chq_codec_error_get_field (error);
  if (root == NULL && field != NULL)
    {
      /* A string with \u0000 or a lone surrogate, an integer past 64 bits. */
      _chq_sandbox_reply_invalid (req, field,
                                  _("This value cannot be read: text must be valid Unicode "
                                    "without NUL characters, and whole numbers must be within "
                                    "the field’s range. Correct it and send the request again."));
      return FALSE;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _chq_sandbox_reply_invalid (req, "body",
                                  _("The request body must be one JSON object in UTF-8. "
                                    "Check the request and send it again."));
      return FALSE;
    }

  req->body = g_steal_pointer (&root);
  return TRUE;
}

static void
bump_company (ChqSandboxRequest *req)
{
  chq_sandbox_db_run (req->db, "UPDATE companies SET change_seq = change_seq + 1 WHERE id = ?1",
                      "s", req->company_id);
}

static void
dispatch (ChqSandbox        *self,
          SoupServerMessage *msg)
{
  ChqSandboxRequest req = { 0 };
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const Route *route = NULL;
  g_autoptr(GString) allow = g_string_new (NULL);
  g_autofree char *key_hash = NULL;
  const char *key = NULL;

  req.db = self->db;
  req.rand = self->rand;
  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.segments = g_strsplit (path, "/", -1);
  req.now = _chq_sandbox_clock_dup_now (&self->clock);
  g_date_clear (&req.today, 1);
  g_date_set_dmy (&req.today, g_date_time_get_day_of_month (req.now),
                  g_date_time_get_month (req.now), g_date_time_get_year (req.now));
  if (g_uri_get_query (uri) != NULL)
    req.query = soup_form_decode (g_uri_get_query (uri));

  soup_message_headers_replace (response_headers, "Cache-Control", "no-store");

  if (request_body->length > CHQ_SANDBOX_MAX_BODY)
    {
      _chq_sandbox_send_problem (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                                 NULL,
                                 _("The request is larger than 64 KiB. Send less data at once."),
                                 -1);
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!pattern_matches (routes[i].pattern, req.segments))
        continue;
      /* HEAD is a GET whose body libsoup does not send (curl -I for an ETag). */
      if (g_str_equal (routes[i].method, req.method) ||
          (g_str_equal (req.method, "HEAD") && g_str_equal (routes[i].method, "GET")))
        route = &routes[i];
      if (strstr (allow->str, routes[i].method) == NULL)
        g_string_append_printf (allow, "%s%s", allow->len > 0 ? ", " : "", routes[i].method);
    }

  if (route == NULL && allow->len == 0)
    {
      _chq_sandbox_send_problem (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                                 _("This address is not part of the API. "
                                   "Check the service address."), -1);
      goto out;
    }
  if (route == NULL)
    {
      g_autofree char *detail =
        /* Translators: %s is a list of HTTP methods, like "GET, POST" */
        g_strdup_printf (_("This address only accepts %s."), allow->str);

      soup_message_headers_replace (response_headers, "Allow", allow->str);
      _chq_sandbox_send_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed",
                                 NULL, detail, -1);
      goto out;
    }

  if (route->flags & ROUTE_AUTH)
    {
      req.company_id = _chq_sandbox_authenticate (&req);
      if (req.company_id == NULL)
        {
          soup_message_headers_replace (response_headers, "WWW-Authenticate", "Bearer");
          _chq_sandbox_send_problem (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                                     _("Your session has expired or is not valid. "
                                       "Sign in again."), -1);
          goto out;
        }
    }

  if (g_str_equal (route->method, "GET"))
    {
      g_autofree char *version = NULL;
      g_autofree char *etag = NULL;

      if (route->version != NULL)
        version = route->version (&req);
      else if (route->flags & ROUTE_ETAG_COMPANY)
        version = company_version (&req, path);

      if (version != NULL)
        {
          etag = _chq_sandbox_etag_from_version (version);
          soup_message_headers_replace (response_headers, "ETag", etag);

          if (_chq_sandbox_etag_matches (soup_message_headers_get_one (request_headers,
                                                                       "If-None-Match"),
                                         etag))
            {
              soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
              goto out;
            }
        }

      route->handler (&req);
      goto out;
    }

  if ((route->flags & ROUTE_BODY) && !_chq_sandbox_http_is_json_body (request_headers))
    {
      _chq_sandbox_send_problem (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE,
                                 "unsupported_media_type", NULL,
                                 _("The request body must be JSON, sent with the header "
                                   "“Content-Type: application/json”."), -1);
      goto out;
    }
  if ((route->flags & ROUTE_BODY) && !parse_body (&req, request_body))
    goto out;

  key = soup_message_headers_get_one (request_headers, "Idempotency-Key");
  if (key != NULL && (key[0] == '\0' || strlen (key) > 200))
    {
      _chq_sandbox_reply_invalid (&req, "Idempotency-Key",
                                  _("The Idempotency-Key header must hold 1 to 200 characters."));
      goto out;
    }
  if (key == NULL && (route->flags & ROUTE_KEY_REQUIRED))
    {
      _chq_sandbox_reply_invalid (&req, "Idempotency-Key",
                                  _("This request needs an Idempotency-Key header, a new "
                                    "unique value for each new request."));
      goto out;
    }

  /* Everything a write does, and the stored response, commit together. */
  chq_sandbox_db_begin (self->db);

  if (key != NULL && req.company_id != NULL)
    {
      key_hash = _chq_sandbox_idempotency_hash (&req, path, request_body);
      if (_chq_sandbox_idempotency_replay (&req, key, key_hash))
        {
          chq_sandbox_db_commit (self->db);
          goto out;
        }
    }

  route->handler (&req);

  if (req.company_id != NULL && soup_server_message_get_status (msg) < 300)
    bump_company (&req);
  if (key_hash != NULL)
    _chq_sandbox_idempotency_store (&req, key, key_hash);

  if (!chq_sandbox_db_commit (self->db))
    {
      chq_sandbox_db_rollback (self->db);
      _chq_sandbox_send_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error", NULL,
                                 _("The demo server could not save this change. Try again."), -1);
    }

out:
  request_clear (&req);
}

/* Faults, rate limit, latency. */

static gboolean
over_rate_limit (ChqSandbox        *self,
                 SoupServerMessage *msg)
{
  const char *client = soup_server_message_get_remote_host (msg);
  gint64 second = g_get_monotonic_time () / G_USEC_PER_SEC;
  RateWindow *window;

  if (client == NULL)
    client = "?";

  window = g_hash_table_lookup (self->rate_windows, client);
  if (window == NULL)
    {
      window = g_new0 (RateWindow, 1);
      g_hash_table_insert (self->rate_windows, g_strdup (client), window);
    }

  if (window->second != second)
    {
      window->second = second;
      window->count = 0;
    }

  return ++window->count > self->rate_limit;
}

typedef struct {
  ChqSandbox        *self;   /* unowned: the sandbox outlives its thread */
  SoupServerMessage *msg;    /* owned */
  GSource           *source; /* unowned */
} Delayed;

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_ptr_array_remove (delayed->self->delayed, delayed->source);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

static gboolean
on_delay_elapsed_cb (gpointer data)
{
  Delayed *delayed = data;

  dispatch (delayed->self, delayed->msg);
  soup_server_message_unpause (delayed->msg);

  return G_SOURCE_REMOVE;
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  ChqSandbox *self = user_data;
  double fail_rate, drop_rate;
  guint latency_ms;
  double draw_drop, draw_fail;

  g_mutex_lock (&self->lock);
  self->request_count++;
  fail_rate = self->fail_rate;
  drop_rate = self->drop_rate;
  latency_ms = self->latency_ms;
  g_mutex_unlock (&self->lock);

  /* Two draws per request whatever the rates, so a seed gives the same sequence. */
  draw_drop = g_rand_double (self->rand);
  draw_fail = g_rand_double (self->rand);

  if (draw_drop < drop_rate)
    {
      drop_connection (msg);
      return;
    }

  if (draw_fail < fail_rate)
    {
      _chq_sandbox_send_retry_later (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", 1,
                                     _("The voucher service is unavailable for a moment. "
                                       "Try again in a few seconds."));
      return;
    }

  if (over_rate_limit (self, msg))
    {
      _chq_sandbox_send_retry_later (msg, CHQ_HTTP_TOO_MANY_REQUESTS, "rate_limited", 1,
                                     _("Too many requests in a short time. "
                                       "Wait a second and try again."));
      return;
    }

  if (latency_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->self = self;
      delayed->msg = g_object_ref (msg);
      delayed->source = g_timeout_source_new (latency_ms);
      g_source_set_callback (delayed->source, on_delay_elapsed_cb, delayed, delayed_free);
      g_ptr_array_add (self->delayed, delayed->source);
      soup_server_message_pause (msg);
      g_source_attach (delayed->source, self->context);
      g_source_unref (delayed->source);
      return;
    }

  dispatch (self, msg);
}

/* Before the body is read. */

/* Answers 413 before the rest of the body is read. */
static void
refuse_too_large (ChqSandbox        *self,
                  SoupServerMessage *msg)
{
  _chq_sandbox_http_refuse_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
                                _("The request is larger than 64 KiB. Send less data at "
                                  "once."),
                                self->refusals);
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  ChqSandbox *self = user_data;

  /* A chunked body has no length up front: it is refused once it passes the limit,
   * before more of it is kept. */
  if (soup_server_message_get_request_body (msg)->length > CHQ_SANDBOX_MAX_BODY)
    {
      g_signal_handlers_disconnect_by_func (msg, on_got_chunk_cb, user_data);
      refuse_too_large (self, msg);
    }
}

static void
on_early_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  ChqSandbox *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > CHQ_SANDBOX_MAX_BODY)
    {
      refuse_too_large (self, msg);
      return;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), self);

  /* A web page may not use this service: the browser says where a request comes from in
   * Origin, and a page that had its own name point to 127.0.0.1 shows in Host. A status
   * set here is the answer; the (bounded) body is read, the API never sees it. */
  if (!_chq_sandbox_http_origin_allowed (soup_message_headers_get_one (headers, "Origin"),
                                         self->bound_port) ||
      !_chq_sandbox_http_host_allowed (soup_message_headers_get_one (headers, "Host")))
    _chq_sandbox_send_problem (msg, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                               _("This service answers programs on this computer only, "
                                 "not web pages. Use Chéquier or a command-line tool."), -1);
}

/* The server thread. */

/**
 * _chq_sandbox_server_thread:
 * @data: the #ChqSandbox
 *
 * The server thread: listens on 127.0.0.1 (reporting the address or the error under the
 * sandbox's lock), answers on the sandbox's context until its loop quits, then closes
 * every connection.
 *
 * Returns: %NULL
 */
gpointer
_chq_sandbox_server_thread (gpointer data)
{
  ChqSandbox *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) local = NULL;

  g_main_context_push_thread_default (self->context);

  server = soup_server_new ("server-header", "chequier-sandbox/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (server, NULL, on_early_request_cb, self, NULL);
  soup_server_add_handler (server, NULL, on_request_cb, self, NULL);

  socket = _chq_sandbox_http_listen (self->port, &error);
  if (socket == NULL || !soup_server_listen_socket (server, socket, 0, &error))
    {
      g_mutex_lock (&self->lock);
      g_set_error (&self->start_error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_LISTEN,
                   /* Translators: %u is a port number, %s the system's message */
                   _("The demo server could not listen on port %u (%s). "
                     "Choose another port."),
                   self->port, error->message);
      self->listening = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  /* The port from the socket itself: libsoup 3.2's listener made from a socket never
   * frees the address soup_server_get_uris() makes it look up. */
  local = g_socket_get_local_address (socket, NULL);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->uri, g_free);
  if (G_IS_INET_SOCKET_ADDRESS (local))
    {
      self->bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
      self->uri = g_strdup_printf ("http://127.0.0.1:%u", self->bound_port);
    }
  self->listening = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  /* Messages held back by latency are answered no more. */
  while (self->delayed->len > 0)
    g_source_destroy (g_ptr_array_index (self->delayed, 0));

  soup_server_disconnect (server);
  g_clear_object (&server);

  /* Refused connections still draining are closed now. */
  for (guint i = 0; i < self->refusals->len; i++)
    g_cancellable_cancel (g_ptr_array_index (self->refusals, i));
  while (self->refusals->len > 0)
    g_main_context_iteration (self->context, TRUE);

  /* Let the disconnections run to completion. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
}
