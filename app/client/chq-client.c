/* chq-client.c: the client of the regional voucher API (libsoup): the session, auth,
 * retries, errors, and the parsing of answers off the main thread; the endpoints' calls
 * are in chq-client-calls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "chq-clock.h"
#include "chq-client.h"
#include "chq-client-private.h"
#include "chq-http.h"
#include "chq-json.h"

/* Bytes asked of the response stream at a time. */
#define READ_CHUNK (64 * 1024)

struct _ChqClient
{
  GObject      parent_instance;

  char        *base_uri;          /* owned; without a trailing slash */
  char        *token;             /* owned, nullable; wiped when replaced */
  SoupSession *session;           /* owned */
  guint        max_attempts;
  guint        base_ms;
  guint        cap_ms;
  gsize        max_response_size;
  guint        timeout_s;         /* one read or write; an attempt gets four times that */
  guint        request_count;     /* atomic */
};

G_DEFINE_FINAL_TYPE (ChqClient, chq_client, G_TYPE_OBJECT)


/* Frees a secret after overwriting it. */
void
_chq_client_wipe_string (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

static void
request_clear_wait (Request *request)
{
  if (request->wait_source != NULL)
    {
      g_source_destroy (request->wait_source);
      g_clear_pointer (&request->wait_source, g_source_unref);
    }
  if (request->cancel_source != NULL)
    {
      g_source_destroy (request->cancel_source);
      g_clear_pointer (&request->cancel_source, g_source_unref);
    }
}

/* A server may answer byte by byte, each byte within the read timeout: the whole attempt
 * also has a deadline, four times the read timeout, after which it ends as timed out (and
 * is retried like a lost connection). */
static void
request_clear_attempt (Request      *request,
                       GCancellable *call_cancellable)
{
  if (request->deadline_source != NULL)
    {
      g_source_destroy (request->deadline_source);
      g_clear_pointer (&request->deadline_source, g_source_unref);
    }
  if (request->cancelled_id != 0 && call_cancellable != NULL)
    g_cancellable_disconnect (call_cancellable, request->cancelled_id);
  request->cancelled_id = 0;
  g_clear_object (&request->attempt_cancellable);
}

static void
request_free (Request *request)
{
  request_clear_attempt (request, request->call_cancellable);
  g_clear_object (&request->call_cancellable);
  request_clear_wait (request);
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->token, _chq_client_wipe_string);
  g_free (request->method);
  g_free (request->path);
  g_free (request->idempotency_key);
  g_free (request->etag);
  g_free (request->response_etag);
  g_free (request);
}

static void
chq_client_finalize (GObject *object)
{
  ChqClient *self = (ChqClient *) object;

  g_clear_pointer (&self->token, _chq_client_wipe_string);
  g_clear_pointer (&self->base_uri, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (chq_client_parent_class)->finalize (object);
}

static void
chq_client_class_init (ChqClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_client_finalize;
}

static void
chq_client_init (ChqClient *self)
{
  self->max_attempts = CHQ_CLIENT_DEFAULT_MAX_ATTEMPTS;
  self->base_ms = CHQ_CLIENT_DEFAULT_BASE_MS;
  self->cap_ms = CHQ_CLIENT_DEFAULT_CAP_MS;
  self->max_response_size = CHQ_HTTP_MAX_RESPONSE_SIZE;
  self->timeout_s = CHQ_HTTP_TIMEOUT_SECONDS;
}

/**
 * chq_client_new:
 * @base_uri: the service address, e.g. `https://api.example` or `http://127.0.0.1:8765`
 * @error: return location for a #GError
 *
 * Makes a client of the service at @base_uri. Plain `http://` is accepted only for a
 * loopback host (the embedded sandbox); anything else fails with
 * %CHQ_CLIENT_ERROR_INSECURE_ADDRESS before any request is made.
 *
 * Returns: (transfer full) (nullable): a new #ChqClient, or %NULL with @error set
 */
ChqClient *
chq_client_new (const char  *base_uri,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  ChqClient *self;
  gsize len;

  if (!chq_http_check_base_uri (base_uri, error))
    return NULL;

  self = g_object_new (CHQ_TYPE_CLIENT, NULL);
  self->base_uri = g_strdup (base_uri);
  len = strlen (self->base_uri);
  while (len > 0 && self->base_uri[len - 1] == '/')
    self->base_uri[--len] = '\0';
  self->session = chq_http_session_new ();

  /* A loopback address (the embedded sandbox) never goes through a proxy: a system proxy
   * without "localhost" in its ignore list would otherwise make it unreachable. */
  uri = g_uri_parse (self->base_uri, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && chq_http_host_is_loopback (g_uri_get_host (uri)))
    soup_session_set_proxy_resolver (self->session, NULL);

  return self;
}

/**
 * chq_client_get_base_uri:
 * @self: a #ChqClient
 *
 * Returns: the service address, without a trailing slash
 */
const char *
chq_client_get_base_uri (ChqClient *self)
{
  g_return_val_if_fail (CHQ_IS_CLIENT (self), NULL);

  return self->base_uri;
}

/**
 * chq_client_set_token:
 * @self: a #ChqClient
 * @token: (nullable): the bearer token, or %NULL to forget it
 *
 * Sets the token sent as `Authorization: Bearer` with every call but sign-in. It is kept in
 * memory only (the keyring is chq-secret.h's job), wiped when replaced, and never logged.
 */
void
chq_client_set_token (ChqClient  *self,
                      const char *token)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  g_clear_pointer (&self->token, _chq_client_wipe_string);
  self->token = g_strdup (token);
}

/**
 * chq_client_has_token:
 * @self: a #ChqClient
 *
 * Returns: %TRUE when a token is set
 */
gboolean
chq_client_has_token (ChqClient *self)
{
  g_return_val_if_fail (CHQ_IS_CLIENT (self), FALSE);

  return self->token != NULL;
}

/**
 * chq_client_set_retry_policy:
 * @self: a #ChqClient
 * @max_attempts: attempts per call, the first included (at least 1)
 * @base_ms: the first backoff ceiling in milliseconds
 * @cap_ms: the largest backoff ceiling, which also caps `Retry-After`
 *
 * Sets how calls that may be sent again (GETs, and writes with an idempotency key) are
 * retried on a connection failure, 408, 429, 502, 503 and 504. Calls already running keep
 * the policy they started with.
 */
void
chq_client_set_retry_policy (ChqClient *self,
                             guint      max_attempts,
                             guint      base_ms,
                             guint      cap_ms)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  self->max_attempts = MAX (max_attempts, 1);
  self->base_ms = base_ms;
  self->cap_ms = MAX (cap_ms, base_ms);
}

/**
 * chq_client_set_max_response_size:
 * @self: a #ChqClient
 * @max_bytes: the largest response body accepted
 *
 * A larger body is not read past @max_bytes and the call fails with
 * %CHQ_CLIENT_ERROR_INVALID_RESPONSE. The default is 32 MiB.
 */
void
chq_client_set_max_response_size (ChqClient *self,
                                  gsize      max_bytes)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  self->max_response_size = MAX (max_bytes, 1);
}

/**
 * chq_client_set_timeout:
 * @self: a #ChqClient
 * @seconds: how long one read or write may wait (at least 1)
 *
 * An attempt that waits longer, or that has not received its whole answer within four
 * times that, fails with %CHQ_CLIENT_ERROR_TIMED_OUT (and is retried like a lost
 * connection). The default is 30 seconds.
 */
void
chq_client_set_timeout (ChqClient *self,
                        guint      seconds)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  self->timeout_s = MAX (seconds, 1);
  soup_session_set_timeout (self->session, self->timeout_s);
}

/**
 * chq_client_get_request_count:
 * @self: a #ChqClient
 *
 * Returns: how many HTTP requests this client sent, every attempt counted
 */
guint
chq_client_get_request_count (ChqClient *self)
{
  g_return_val_if_fail (CHQ_IS_CLIENT (self), 0);

  return (guint) g_atomic_int_get (&self->request_count);
}

/* --- transport ---------------------------------------------------------------------- */

static void start_attempt (GTask *task);
static void attempt_cancelled (GTask  *task,
                               GError *error);

/* Takes @task (a reference of its own): the wait is over, by time or by cancellation
 * (start_attempt() then sees the cancellation and finishes the task at once). Destroying
 * the sources drops the references they held. */
static void
on_wait_done (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  request_clear_wait (request);
  start_attempt (task);
}

static gboolean
on_wait_timeout_cb (gpointer user_data)
{
  on_wait_done (g_object_ref (user_data));
  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  on_wait_done (g_object_ref (user_data));
  return G_SOURCE_REMOVE;
}

/* Sends the request again after the backoff, or finishes with @error when no attempt is
 * left. Takes @error. */
static void
retry_or_fail (GTask  *task,
               GError *error,
               gint64  retry_after_ms)
{
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay_ms;

  if (!request->retryable || request->attempt >= request->max_attempts)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (retry_after_ms >= 0)
    delay_ms = (guint) MIN (retry_after_ms, (gint64) request->cap_ms);
  else
    delay_ms = chq_http_backoff_delay_ms (request->attempt, request->base_ms, request->cap_ms,
                                          g_random_double ());

  g_debug ("%s %s: attempt %u failed (%s), trying again in %u ms",
           request->method, request->path, request->attempt, error->message, delay_ms);
  g_error_free (error);

  /* The task keeps its own reference while it waits; both sources point at it and the
   * first to fire destroys the other. */
  request->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (request->wait_source, on_wait_timeout_cb, task, g_object_unref);
  g_source_attach (request->wait_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      request->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (on_wait_cancelled_cb),
                             g_object_ref (task), g_object_unref);
      g_source_attach (request->cancel_source, g_task_get_context (task));
    }
}


static void
finish_with_answer (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = request->message;
  guint status = soup_message_get_status (message);
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *content_type = soup_message_headers_get_one (headers, "Content-Type");
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&request->buffer));
  g_autoptr(GDateTime) now = chq_clock_now_utc ();
  gint64 retry_after_ms;
  GError *error;
  const char *data;
  gsize len;

  g_debug ("%s %s: HTTP %u, %" G_GSIZE_FORMAT " bytes (attempt %u)",
           request->method, request->path, status, g_bytes_get_size (body),
           request->attempt);

  if (chq_http_status_is_retryable (status))
    {
      retry_after_ms = chq_http_parse_retry_after_ms (
        soup_message_headers_get_one (headers, "Retry-After"), now);
      error = _chq_client_error_from_problem (request, status, content_type, body,
                                              retry_after_ms > 0
                                              ? (guint) ((retry_after_ms + 999) / 1000) : 0);
      retry_or_fail (task, error, retry_after_ms);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      error = _chq_client_error_from_problem (request, status, content_type, body, 0);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  request->response_etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));

  data = g_bytes_get_data (body, &len);
  if (len == 0 && (status == SOUP_STATUS_NO_CONTENT || content_type == NULL))
    {
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  if (!chq_http_content_type_is_json (content_type, FALSE))
    {
      g_autofree char *why = NULL;

      /* Translators: %s is a media type such as text/html */
      why = g_strdup_printf (_("a page of type “%s” instead of data."),
                             content_type != NULL ? content_type : "?");
      g_task_return_error (task, _chq_client_invalid_response (request, why));
      g_object_unref (task);
      return;
    }

  if (request->peek != NULL)
    {
      g_autofree char *next = NULL;
      gboolean more;

      if (chq_json_peek_feed_cursor (data, len, &next, &more))
        request->peek (next, more, request->hook_data);
    }

  _chq_client_parse_answer_async (task, body);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize left;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      gboolean retry;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          attempt_cancelled (task, g_steal_pointer (&error));
          return;
        }
      g_clear_object (&request->stream);
      retry_or_fail (task, _chq_client_error_from_transport (request, error, &retry), -1);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_clear_object (&request->stream);
      finish_with_answer (task);
      return;
    }

  g_byte_array_append (request->buffer, g_bytes_get_data (chunk, NULL),
                       g_bytes_get_size (chunk));
  if (request->buffer->len > request->max_response_size)
    {
      g_autofree char *why = NULL;

      g_clear_object (&request->stream);
      why = g_strdup_printf (_("an answer larger than %lu bytes."),
                             (unsigned long) request->max_response_size);
      g_task_return_error (task, _chq_client_invalid_response (request, why));
      g_object_unref (task);
      return;
    }

  /* Ask for one byte past the limit at most, so an oversized body is noticed without
   * reading it whole. */
  left = request->max_response_size + 1 - request->buffer->len;
  g_input_stream_read_bytes_async (request->stream, MIN (left, READ_CHUNK), G_PRIORITY_DEFAULT,
                                   request->attempt_cancellable, on_read_cb, task);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;
  goffset length;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      gboolean retry;
      GError *mapped;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          attempt_cancelled (task, g_steal_pointer (&error));
          return;
        }

      g_debug ("%s %s: no answer (attempt %u): %s", request->method, request->path,
               request->attempt, error->message);
      mapped = _chq_client_error_from_transport (request, error, &retry);
      if (retry)
        retry_or_fail (task, mapped, -1);
      else
        {
          g_task_return_error (task, mapped);
          g_object_unref (task);
        }
      return;
    }

  status = soup_message_get_status (request->message);
  headers = soup_message_get_response_headers (request->message);

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      g_debug ("%s %s: not modified", request->method, request->path);
      g_clear_object (&request->stream);
      g_task_return_error (task,
                           _chq_client_make_error (CHQ_CLIENT_ERROR_NOT_MODIFIED, status, 0,
                                                   _("Nothing changed since the last update.")));
      g_object_unref (task);
      return;
    }

  /* Redirects are not followed (SOUP_MESSAGE_NO_REDIRECT): the API never redirects, and
   * following one could carry the bearer token to another host or over plain HTTP. */
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      g_clear_object (&request->stream);
      g_task_return_error (task,
                           _chq_client_invalid_response (request,
                                                         _("a redirection to another address.")));
      g_object_unref (task);
      return;
    }

  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && length > 0 && (guint64) length > request->max_response_size)
    {
      g_autofree char *why = NULL;

      g_clear_object (&request->stream);
      why = g_strdup_printf (_("an answer larger than %lu bytes."),
                             (unsigned long) request->max_response_size);
      g_task_return_error (task, _chq_client_invalid_response (request, why));
      g_object_unref (task);
      return;
    }

  g_clear_pointer (&request->buffer, g_byte_array_unref);
  request->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (request->stream,
                                   MIN (request->max_response_size + 1, READ_CHUNK),
                                   G_PRIORITY_DEFAULT, request->attempt_cancellable,
                                   on_read_cb, task);
}

static void
on_call_cancelled_cb (GCancellable *call_cancellable,
                      GCancellable *attempt_cancellable)
{
  g_cancellable_cancel (attempt_cancellable);
}

/* The source dies with the request (request_clear_attempt), so @user_data is alive. */
static gboolean
on_attempt_deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  g_debug ("%s %s: no whole answer within %u s (attempt %u)", request->method, request->path,
           request->deadline_s, request->attempt);
  request->deadline_hit = TRUE;
  g_cancellable_cancel (request->attempt_cancellable);
  g_clear_pointer (&request->deadline_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/* An attempt's I/O ended as cancelled: by the caller (the call returns cancelled), or by the
 * attempt's deadline (timed out, retried like a lost connection). */
static void
attempt_cancelled (GTask  *task,
                   GError *error)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) timed_out = NULL;
  gboolean retry;
  GError *mapped;

  if (!request->deadline_hit || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_error_free (error);
  g_clear_object (&request->stream);
  timed_out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "deadline");
  mapped = _chq_client_error_from_transport (request, timed_out, &retry);
  if (retry)
    retry_or_fail (task, mapped, -1);
  else
    {
      g_task_return_error (task, mapped);
      g_object_unref (task);
    }
}

/* Owns a reference to @task from here until the task returns. */
static void
start_attempt (GTask *task)
{
  ChqClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* A fresh message per attempt: a SoupMessage is not meant to be sent twice. */
  g_clear_object (&request->stream);
  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (request->method, request->uri);
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json, application/problem+json");
  if (request->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", request->token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
      memset (authorization, 0, strlen (authorization));
    }
  if (request->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);
  if (request->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", request->etag);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, "application/json",
                                              request->body);
  /* libsoup 3.2 resends an idempotent request (PUT) by itself when a kept-alive connection
   * turns out closed, without its body: a request with a body gets a connection of its own,
   * and our retry (with the whole body) does the rest. */
  if (request->body != NULL)
    soup_message_add_flags (request->message, SOUP_MESSAGE_NEW_CONNECTION);

  request->attempt++;
  g_atomic_int_inc (&self->request_count);
  g_debug ("%s %s (attempt %u of %u)", request->method, request->path, request->attempt,
           request->retryable ? request->max_attempts : 1);

  request_clear_attempt (request, cancellable);
  request->deadline_hit = FALSE;
  request->attempt_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    request->cancelled_id = g_cancellable_connect (cancellable,
                                                   G_CALLBACK (on_call_cancelled_cb),
                                                   g_object_ref (request->attempt_cancellable),
                                                   g_object_unref);
  request->deadline_source = g_timeout_source_new_seconds (request->deadline_s);
  g_source_set_callback (request->deadline_source, on_attempt_deadline_cb, request, NULL);
  g_source_attach (request->deadline_source, g_main_context_get_thread_default ());

  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->attempt_cancellable, on_sent_cb, task);
}

/**
 * _chq_client_request_new:
 * @self: a #ChqClient
 * @sign_in: whether this is the sign-in call (no token sent; a 401 means a wrong password)
 * @method: "GET", "POST", "PUT" or "DELETE"
 * @path: the path and query under the service address
 * @idempotency_key: (nullable): sent as `Idempotency-Key`; a write is retried only with one
 * @body: (nullable): the request body
 * @etag: (nullable): sent as `If-None-Match`
 * @source_tag: the source tag of the task
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Makes the task of one call, to start with _chq_client_request_start() once its decoding
 * and hooks are set.
 *
 * Returns: (transfer full): the task
 */
GTask *
_chq_client_request_new (ChqClient           *self,
                         gboolean             sign_in,
                         const char          *method,
                         const char          *path,
                         const char          *idempotency_key,
                         JsonNode            *body,
                         const char          *etag,
                         gpointer             source_tag,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);
  g_autofree char *uri_string = NULL;

  g_task_set_source_tag (task, source_tag);

  request->kind = sign_in ? REQUEST_SIGN_IN : REQUEST_AUTHENTICATED;
  request->method = g_ascii_strup (method, -1);
  request->path = g_strdup (path);
  uri_string = g_strconcat (self->base_uri, path, NULL);
  request->uri = g_uri_parse (uri_string, SOUP_HTTP_URI_FLAGS, NULL);
  request->idempotency_key = g_strdup (idempotency_key);
  request->etag = g_strdup (etag);
  if (request->kind == REQUEST_AUTHENTICATED)
    request->token = g_strdup (self->token);
  if (body != NULL)
    {
      gsize len;
      char *data = json_to_string (body, FALSE);

      len = strlen (data);
      request->body = g_bytes_new_take (data, len);
    }
  request->retryable = g_str_equal (request->method, "GET") || idempotency_key != NULL;
  request->max_attempts = self->max_attempts;
  request->base_ms = self->base_ms;
  request->cap_ms = self->cap_ms;
  request->max_response_size = self->max_response_size;
  request->deadline_s = 4 * self->timeout_s;
  if (g_task_get_cancellable (task) != NULL)
    request->call_cancellable = g_object_ref (g_task_get_cancellable (task));

  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  return task;
}

/* Has the answer of @task decoded by @decode (with @decode_data) on the parsing thread. */
void
_chq_client_request_set_decode (GTask               *task,
                                ChqClientDecodeFunc  decode,
                                gconstpointer        decode_data,
                                GDestroyNotify       decode_free)
{
  Request *request = g_task_get_task_data (task);

  request->decode = decode;
  request->decode_data = decode_data;
  request->decode_free = decode_free;
}

/* The course feed's hooks: @peek told the cursor before parsing, @prepare run on the
 * parsing thread with the decoded page (which @decode must then make). */
void
_chq_client_request_set_feed_hooks (GTask                 *task,
                                    ChqCoursesPeekFunc     peek,
                                    ChqCoursesPrepareFunc  prepare,
                                    gpointer               hook_data)
{
  Request *request = g_task_get_task_data (task);

  request->peek = peek;
  request->prepare = prepare;
  request->hook_data = hook_data;
}

/* What _chq_client_request_set_decode() was given for the call of @result. */
gconstpointer
_chq_client_request_get_decode_data (GAsyncResult *result)
{
  Request *request = g_task_get_task_data (G_TASK (result));

  return request->decode_data;
}

/* Starts the request; the callback gets @task, whose reference this takes. */
void
_chq_client_request_start (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (request->uri == NULL)
    {
      g_task_return_error (task,
                           _chq_client_invalid_response (request, _("an address it cannot use.")));
      g_object_unref (task);
      return;
    }
  start_attempt (task);
}

/* Finishes a request task: the answer's JSON, or what the request's decode made of it
 * (NULL for an empty 2xx answer, with @error unset), and its ETag. */
gpointer
_chq_client_propagate_answer (ChqClient     *self,
                              GAsyncResult  *result,
                              gpointer       source_tag,
                              char         **out_etag,
                              GError       **error)
{
  Request *request;
  g_autoptr(GError) local_error = NULL;
  gpointer node;

  g_return_val_if_fail (CHQ_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (out_etag != NULL)
    *out_etag = NULL;

  request = g_task_get_task_data (G_TASK (result));
  node = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (out_etag != NULL)
    *out_etag = g_strdup (request->response_etag);
  return node;
}

static const char *
client_host (ChqClient *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->base_uri, G_URI_FLAGS_NONE, NULL);

  /* The host is interned so the message can point at it after the GUri is gone. */
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return _("The service");
  return g_intern_string (g_uri_get_host (uri));
}

/* The error of a call whose answer must be a document and was empty. */
GError *
_chq_client_new_empty_answer_error (ChqClient *self)
{
  return _chq_client_invalid_response_from (client_host (self), _("an empty answer."));
}

/* --- the generic call --------------------------------------------------------------- */

/**
 * chq_client_send_async:
 * @self: a #ChqClient
 * @method: "GET", "POST", "PUT" or "DELETE"
 * @path: the path and query under the service address, starting with `/`
 * @idempotency_key: (nullable): sent as `Idempotency-Key`; a write is retried only with one
 * @body: (nullable): the request body, sent as `application/json`
 * @etag: (nullable): sent as `If-None-Match`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends one request to the service with the bearer token, retrying as the retry policy
 * says, and reads the JSON answer, left undecoded. The outbox uses it, since it keeps
 * request bodies and answers as JSON, with the method and path of the table of endpoints
 * (chq_outbox_kind_get_request()); the typed calls go through chq_client_call_async().
 * Finish with chq_client_send_finish().
 */
void
chq_client_send_async (ChqClient           *self,
                       const char          *method,
                       const char          *path,
                       const char          *idempotency_key,
                       JsonNode            *body,
                       const char          *etag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  _chq_client_request_start (_chq_client_request_new (self, FALSE, method, path,
                                                      idempotency_key, body, etag,
                                                      chq_client_send_async, cancellable,
                                                      callback, user_data));
}

/**
 * chq_client_send_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the answer's `ETag`
 * @error: return location for a #GError (%CHQ_CLIENT_ERROR, or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): the parsed answer; %NULL with @error unset for an
 *   empty successful answer
 */
JsonNode *
chq_client_send_finish (ChqClient     *self,
                        GAsyncResult  *result,
                        char         **out_etag,
                        GError       **error)
{
  return _chq_client_propagate_answer (self, result, chq_client_send_async, out_etag, error);
}


