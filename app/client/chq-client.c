/* chq-client.c: the client of the regional voucher API (libsoup), one call per endpoint
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

/* How a 401 reads: signing in with a wrong password is not an expired session. */
typedef enum {
  REQUEST_AUTHENTICATED,
  REQUEST_SIGN_IN,
} RequestKind;

/* Turns an answer the codec parsed into the call's result, on the parsing thread; NULL
 * with a CHQ_CODEC_ERROR set when the codec refuses it. */
typedef gpointer (*RequestDecodeFunc) (JsonNode  *node,
                                       GError   **error);

/* One call, over all its attempts. */
typedef struct {
  RequestKind   kind;
  char         *method;           /* owned */
  char         *path;             /* owned; for the debug log (no query secrets here) */
  GUri         *uri;              /* owned */
  GBytes       *body;             /* owned, nullable */
  char         *idempotency_key;  /* owned, nullable */
  char         *etag;             /* owned, nullable: sent as If-None-Match */
  char         *token;            /* owned, nullable: wiped on free */
  gboolean      retryable;        /* GET, or a write with an idempotency key */
  guint         attempt;          /* attempts sent so far */
  guint         max_attempts;
  guint         base_ms;
  guint         cap_ms;
  gsize         max_response_size;

  SoupMessage  *message;          /* owned: the current attempt's */
  GInputStream *stream;           /* owned: its body */
  GByteArray   *buffer;           /* owned: the body read so far */
  GSource      *wait_source;      /* owned: the backoff timer */
  GSource      *cancel_source;    /* owned: stops the backoff at once on cancel */
  GCancellable *attempt_cancellable; /* owned: the current attempt's, cancelled with the
                                      * call's or at the attempt's deadline */
  gulong        cancelled_id;     /* on the call's cancellable, forwarding to the attempt's */
  GSource      *deadline_source;  /* owned: ends an attempt that takes too long in all */
  gboolean      deadline_hit;     /* the current attempt was ended by its deadline */
  guint         deadline_s;
  GCancellable *call_cancellable; /* owned, nullable: the caller's */

  char         *response_etag;    /* owned: ETag of the final answer */
  RequestDecodeFunc decode;       /* nullable: the result is the answer decoded by this */
  GDestroyNotify decode_free;     /* frees what decode returns */
  ChqCoursesPeekFunc peek;        /* nullable: told a feed page's cursor before parsing */
  ChqCoursesPrepareFunc prepare;  /* nullable: run on the decoded page (course feed only) */
  gpointer       hook_data;       /* for peek and prepare */
} Request;

/* The parsing (and decoding) of an answer, on a worker thread: a feed page is 1.1 MiB,
 * whose parse and decoding would hold the main loop for tens of milliseconds. */
typedef struct {
  GBytes           *body;               /* owned */
  gsize             max_response_size;
  char             *host;               /* owned: for the error messages */
  RequestDecodeFunc decode;             /* nullable */
  GDestroyNotify    decode_free;
  ChqCoursesPrepareFunc prepare;        /* nullable: decode gives a ChqCoursesPage then */
  gpointer          prepare_data;
} ParseJob;

static void
wipe_string (char *secret)
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
  g_clear_pointer (&request->token, wipe_string);
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

  g_clear_pointer (&self->token, wipe_string);
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

  g_clear_pointer (&self->token, wipe_string);
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

static GError *
make_error (ChqClientError code,
            guint          status,
            guint          retry_after,
            const char    *message)
{
  return chq_client_error_new_for_status (code, status, retry_after, message);
}

static const char *
request_host (Request *request)
{
  if (request->uri == NULL || g_uri_get_host (request->uri) == NULL)
    return _("The service");
  return g_uri_get_host (request->uri);
}

/* Maps a failure to get any answer at all; *retry says whether another attempt may help. */
static GError *
error_from_transport (Request      *request,
                      const GError *error,
                      gboolean     *retry)
{
  g_autofree char *message = NULL;

  *retry = FALSE;

  if (error->domain == G_TLS_ERROR)
    {
      message = g_strdup_printf (_("The security certificate of %s is not valid, so Chéquier "
                                   "did not connect. Check the service address, or contact "
                                   "the service's support."), request_host (request));
      return make_error (CHQ_CLIENT_ERROR_TLS, 0, 0, message);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *retry = TRUE;
      message = g_strdup_printf (_("%s did not answer in time. Check your internet "
                                   "connection; Chéquier will try again later."),
                                 request_host (request));
      return make_error (CHQ_CLIENT_ERROR_TIMED_OUT, 0, 0, message);
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      message = g_strdup_printf (_("%s sent an answer Chéquier cannot read. Check the "
                                   "service address."), request_host (request));
      return make_error (CHQ_CLIENT_ERROR_INVALID_RESPONSE, 0, 0, message);
    }

  /* Refused, unreachable, unresolvable, or dropped before the whole answer came. */
  *retry = TRUE;
  message = g_strdup_printf (_("Chéquier cannot reach %s. Check your internet connection; "
                               "your data stays available offline."), request_host (request));
  return make_error (CHQ_CLIENT_ERROR_CANNOT_REACH, 0, 0, message);
}

static GError *
invalid_response_from (const char *host,
                       const char *why)
{
  g_autofree char *message = NULL;

  /* Translators: the first %s is the service's host, the second what was wrong */
  message = g_strdup_printf (_("%s sent an invalid answer: %s Try again later; if it "
                               "keeps happening, check the service address or update "
                               "Chéquier."), host, why);
  return make_error (CHQ_CLIENT_ERROR_INVALID_RESPONSE, 0, 0, message);
}

static GError *
invalid_response (Request    *request,
                  const char *why)
{
  return invalid_response_from (request_host (request), why);
}

/* The codec's messages already say what was wrong, where, and what to do. */
static GError *
invalid_from_codec (const GError *codec_error)
{
  return chq_client_error_new_invalid_response (codec_error->message,
                                                chq_codec_error_get_field (codec_error));
}

static GError *
error_from_problem (Request    *request,
                    guint       status,
                    const char *content_type,
                    GBytes     *body,
                    guint       retry_after)
{
  g_autoptr(ChqProblem) problem = NULL;
  g_autofree char *message = NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      if (request->kind == REQUEST_SIGN_IN)
        return make_error (CHQ_CLIENT_ERROR_UNAUTHORIZED, status, 0,
                           _("The enterprise number or the password is wrong. Check them "
                             "and sign in again."));
      return make_error (CHQ_CLIENT_ERROR_UNAUTHORIZED, status, 0,
                         _("Your session has expired. Sign in again."));
    }

  if (status == 429 && request->kind == REQUEST_SIGN_IN)
    {
      guint minutes = MAX ((retry_after + 59) / 60, 1);

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Too many attempts to sign in. Wait %u minute, "
                                              "then try again.",
                                              "Too many attempts to sign in. Wait %u minutes, "
                                              "then try again.",
                                              minutes),
                                 minutes);
      return make_error (CHQ_CLIENT_ERROR_RATE_LIMITED, status, retry_after, message);
    }

  if (status == 429)
    {
      if (retry_after > 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The service is receiving too many requests. "
                                                "Try again in %u second.",
                                                "The service is receiving too many requests. "
                                                "Try again in %u seconds.",
                                                retry_after),
                                   retry_after);
      else
        message = g_strdup (_("The service is receiving too many requests. Try again in a "
                              "few minutes."));
      return make_error (CHQ_CLIENT_ERROR_RATE_LIMITED, status, retry_after, message);
    }

  if (status >= 500)
    {
      message = g_strdup_printf (_("The service has a problem (HTTP status %u). Try again "
                                   "in a few minutes."), status);
      return make_error (CHQ_CLIENT_ERROR_SERVER, status, retry_after, message);
    }

  /* Any other 4xx: a refusal, with the server's problem details when it sent them. */
  if (chq_http_content_type_is_json (content_type, TRUE)
      || chq_http_content_type_is_json (content_type, FALSE))
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      g_autoptr(JsonNode) node = NULL;

      if (len > 0 && g_utf8_validate (data, len, NULL))
        node = chq_json_parse (data, len, request->max_response_size, NULL);
      if (node != NULL)
        problem = chq_problem_from_json (node, NULL);
    }

  if (problem != NULL)
    return chq_client_error_new_refused (status,
                                         chq_problem_get_code (problem),
                                         chq_problem_get_field (problem),
                                         chq_problem_get_detail (problem),
                                         chq_problem_get_left (problem));

  return chq_client_error_new_refused (status, NULL, NULL, NULL, -1);
}

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
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->host);
  g_free (job);
}

static void
parse_answer_thread (GTask        *parse_task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(GError) codec_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gpointer result;
  gsize len;
  const char *data = g_bytes_get_data (job->body, &len);

  if (!g_utf8_validate (data, len, NULL))
    {
      g_task_return_error (parse_task,
                           invalid_response_from (job->host, _("text that is not UTF-8.")));
      return;
    }

  node = chq_json_parse (data, len, job->max_response_size, &codec_error);
  if (node == NULL)
    {
      g_task_return_error (parse_task, invalid_from_codec (codec_error));
      return;
    }
  if (job->decode == NULL)
    {
      g_task_return_pointer (parse_task, g_steal_pointer (&node),
                             (GDestroyNotify) json_node_unref);
      return;
    }

  result = job->decode (node, &codec_error);
  if (result == NULL)
    {
      g_task_return_error (parse_task, invalid_from_codec (codec_error));
      return;
    }
  /* The parse tree goes on the thread that made it (cheaper for GLib's allocator). */
  g_clear_pointer (&node, json_node_unref);
  if (job->prepare != NULL)
    {
      ChqCoursesPage *page = result;
      GError *error = NULL;
      gboolean prepared;

      /* The text is lent to prepare only (which may keep a reference). */
      page->text = g_bytes_ref (job->body);
      prepared = job->prepare (page, job->prepare_data, &error);
      g_clear_pointer (&page->text, g_bytes_unref);
      if (!prepared)
        {
          job->decode_free (result);
          g_task_return_error (parse_task, error);
          return;
        }
    }
  g_task_return_pointer (parse_task, result, job->decode_free);
}

/* Takes the request task's reference. */
static void
on_answer_parsed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  ParseJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gpointer answer;

  answer = g_task_propagate_pointer (G_TASK (result), &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, answer, job->decode != NULL ? job->decode_free
                                                             : (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

/* Parses (and decodes) a JSON answer on a worker thread, then returns @task (whose
 * reference it takes) on its context. */
static void
parse_answer_async (GTask  *task,
                    GBytes *body)
{
  Request *request = g_task_get_task_data (task);
  ParseJob *job = g_new0 (ParseJob, 1);
  g_autoptr(GTask) parse_task = g_task_new (NULL, NULL, on_answer_parsed_cb, task);

  job->body = g_bytes_ref (body);
  job->max_response_size = request->max_response_size;
  job->host = g_strdup (request_host (request));
  job->decode = request->decode;
  job->decode_free = request->decode_free;
  job->prepare = request->prepare;
  job->prepare_data = request->hook_data;
  g_task_set_source_tag (parse_task, parse_answer_async);
  g_task_set_task_data (parse_task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (parse_task, parse_answer_thread);
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
      error = error_from_problem (request, status, content_type, body,
                                  retry_after_ms > 0 ? (guint) ((retry_after_ms + 999) / 1000)
                                                     : 0);
      retry_or_fail (task, error, retry_after_ms);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      error = error_from_problem (request, status, content_type, body, 0);
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
      g_task_return_error (task, invalid_response (request, why));
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

  parse_answer_async (task, body);
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
      retry_or_fail (task, error_from_transport (request, error, &retry), -1);
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
      g_task_return_error (task, invalid_response (request, why));
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
      mapped = error_from_transport (request, error, &retry);
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
      g_task_return_error (task, make_error (CHQ_CLIENT_ERROR_NOT_MODIFIED, status, 0,
                                             _("Nothing changed since the last update.")));
      g_object_unref (task);
      return;
    }

  /* Redirects are not followed (SOUP_MESSAGE_NO_REDIRECT): the API never redirects, and
   * following one could carry the bearer token to another host or over plain HTTP. */
  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      g_clear_object (&request->stream);
      g_task_return_error (task, invalid_response (request,
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
      g_task_return_error (task, invalid_response (request, why));
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
  mapped = error_from_transport (request, timed_out, &retry);
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

static GTask *
request_task_new (ChqClient           *self,
                  RequestKind          kind,
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

  request->kind = kind;
  request->method = g_ascii_strup (method, -1);
  request->path = g_strdup (path);
  uri_string = g_strconcat (self->base_uri, path, NULL);
  request->uri = g_uri_parse (uri_string, SOUP_HTTP_URI_FLAGS, NULL);
  request->idempotency_key = g_strdup (idempotency_key);
  request->etag = g_strdup (etag);
  if (kind == REQUEST_AUTHENTICATED)
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

/* Starts the request; the callback gets @task. */
static void
request_start (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  if (request->uri == NULL)
    {
      g_task_return_error (task, invalid_response (request, _("an address it cannot use.")));
      g_object_unref (task);
      return;
    }
  start_attempt (task);
}

static char *
escape_segment (const char *segment)
{
  return g_uri_escape_string (segment, NULL, FALSE);
}

/* Finishes a request task: the answer's JSON, or what the request's decode made of it
 * (NULL for an empty 2xx answer, with @error unset), and its ETag. */
static gpointer
propagate_answer (ChqClient     *self,
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

static JsonNode *
propagate_node (ChqClient     *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                char         **out_etag,
                GError       **error)
{
  return propagate_answer (self, result, source_tag, out_etag, error);
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

/* The answer of a typed call must be a JSON document the codec accepts. */
static JsonNode *
propagate_document (ChqClient     *self,
                    GAsyncResult  *result,
                    gpointer       source_tag,
                    char         **out_etag,
                    GError       **error)
{
  g_autofree char *etag = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  node = propagate_node (self, result, source_tag, out_etag != NULL ? &etag : NULL,
                         &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (node == NULL)
    {
      g_propagate_error (error, invalid_response_from (client_host (self),
                                                       _("an empty answer.")));
      return NULL;
    }

  if (out_etag != NULL)
    *out_etag = g_steal_pointer (&etag);
  return node;
}

/* Turns a codec error (which names the member at fault) into INVALID_RESPONSE. Takes
 * @codec_error. */
static void
propagate_decode_error (GError  *codec_error,
                        GError **error)
{
  g_propagate_error (error, invalid_from_codec (codec_error));
  g_error_free (codec_error);
}

static void
call (ChqClient           *self,
      RequestKind          kind,
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
  request_start (request_task_new (self, kind, method, path, idempotency_key, body, etag,
                                   source_tag, cancellable, callback, user_data));
}

static GObject *
finish_model (ChqClient     *self,
              GAsyncResult  *result,
              gpointer       source_tag,
              GType          type,
              char         **out_etag,
              GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *etag = NULL;
  GError *codec_error = NULL;
  GObject *model;

  node = propagate_document (self, result, source_tag, &etag, error);
  if (node == NULL)
    return NULL;

  model = chq_model_from_json (type, node, &codec_error);
  if (model == NULL)
    {
      propagate_decode_error (codec_error, error);
      return NULL;
    }

  if (out_etag != NULL)
    *out_etag = g_steal_pointer (&etag);
  return model;
}

static GPtrArray *
finish_list (ChqClient     *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             GType          item_type,
             char         **out_etag,
             GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *etag = NULL;
  GError *codec_error = NULL;
  GPtrArray *items;

  node = propagate_document (self, result, source_tag, &etag, error);
  if (node == NULL)
    return NULL;

  items = chq_list_from_json (node, item_type, &codec_error);
  if (items == NULL)
    {
      propagate_decode_error (codec_error, error);
      return NULL;
    }

  if (out_etag != NULL)
    *out_etag = g_steal_pointer (&etag);
  return items;
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
 * says, and reads the JSON answer. This is what every typed call uses; the outbox uses it
 * directly since it keeps request bodies as JSON. Finish with chq_client_send_finish().
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

  call (self, REQUEST_AUTHENTICATED, method, path, idempotency_key, body, etag,
        chq_client_send_async, cancellable, callback, user_data);
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
  return propagate_node (self, result, chq_client_send_async, out_etag, error);
}

/* --- sessions and account ----------------------------------------------------------- */

/**
 * chq_client_sign_in_async:
 * @self: a #ChqClient
 * @enterprise_number: the company's enterprise number (10 digits)
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/sessions`. Not retried (it carries no idempotency key). Finish with
 * chq_client_sign_in_finish().
 */
void
chq_client_sign_in_async (ChqClient           *self,
                          const char          *enterprise_number,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (enterprise_number != NULL);
  g_return_if_fail (password != NULL);

  body = chq_session_request_to_json (enterprise_number, password);
  call (self, REQUEST_SIGN_IN, "POST", "/v1/sessions", NULL, body, NULL,
        chq_client_sign_in_async, cancellable, callback, user_data);
}

/**
 * chq_client_sign_in_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_token: (out) (optional): the bearer token (the client keeps a copy for its calls)
 * @out_expires_at: (out) (optional): when the token expires
 * @error: return location for a #GError; a wrong number or password is
 *   %CHQ_CLIENT_ERROR_UNAUTHORIZED
 *
 * Returns: (transfer full) (nullable): the signed-in account
 */
ChqAccount *
chq_client_sign_in_finish (ChqClient     *self,
                           GAsyncResult  *result,
                           char         **out_token,
                           GDateTime    **out_expires_at,
                           GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(ChqAccount) account = NULL;
  char *token = NULL;
  GError *codec_error = NULL;

  node = propagate_document (self, result, chq_client_sign_in_async, NULL, error);
  if (node == NULL)
    return NULL;

  if (!chq_session_response_from_json (node, &token, &expires_at, &account, &codec_error))
    {
      propagate_decode_error (codec_error, error);
      return NULL;
    }

  chq_client_set_token (self, token);
  if (out_token != NULL)
    *out_token = token;
  else
    wipe_string (token);
  if (out_expires_at != NULL)
    *out_expires_at = g_steal_pointer (&expires_at);

  return g_steal_pointer (&account);
}

/**
 * chq_client_get_account_async:
 * @self: a #ChqClient
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/account`. Finish with chq_client_get_account_finish().
 */
void
chq_client_get_account_async (ChqClient           *self,
                              const char          *etag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  call (self, REQUEST_AUTHENTICATED, "GET", "/v1/account", NULL, NULL, etag,
        chq_client_get_account_async, cancellable, callback, user_data);
}

/**
 * chq_client_get_account_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError (%CHQ_CLIENT_ERROR_NOT_MODIFIED when the copy
 *   with the given ETag is still current)
 *
 * Returns: (transfer full) (nullable): the account
 */
ChqAccount *
chq_client_get_account_finish (ChqClient     *self,
                               GAsyncResult  *result,
                               char         **out_etag,
                               GError       **error)
{
  return (ChqAccount *) finish_model (self, result, chq_client_get_account_async,
                                      CHQ_TYPE_ACCOUNT, out_etag, error);
}

/* --- courses ------------------------------------------------------------------------ */

static gpointer
decode_courses_page (JsonNode  *node,
                     GError   **error)
{
  return chq_courses_page_from_json (node, error);
}

/**
 * chq_client_list_courses_async:
 * @self: a #ChqClient
 * @since: (nullable): the cursor of the last page applied (`next`), %NULL for the start
 * @limit: the most courses in the page (1..1000), 0 for the server's default
 * @etag: (nullable): the ETag of the last answer to the same query
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/courses?since=&limit=`, one page of the course delta feed. The answer is parsed
 * and decoded on a worker thread. Finish with chq_client_list_courses_finish().
 */
void
chq_client_list_courses_async (ChqClient           *self,
                               const char          *since,
                               guint                limit,
                               const char          *etag,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  chq_client_list_courses_peek_async (self, since, limit, etag, NULL, NULL, NULL,
                                      cancellable, callback, user_data);
}

/**
 * chq_client_list_courses_peek_async:
 * @self: a #ChqClient
 * @since: (nullable): the cursor of the last page applied (`next`), %NULL for the start
 * @limit: the most courses in the page (1..1000), 0 for the server's default
 * @etag: (nullable): the ETag of the last answer to the same query
 * @peek: (nullable): told the page's `next` and `more` as soon as the page has arrived,
 *   before it is parsed and decoded
 * @prepare: (nullable): run on the parsing thread with the decoded page
 * @hook_data: for @peek and @prepare (kept alive by the caller until @callback)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * As chq_client_list_courses_async(), and tells @peek the page's cursor read from its
 * text (chq_json_peek_feed_cursor()), on the caller's context before @callback, so that a
 * caller may ask for the next page while this one is parsed. Only a hint: @peek is not
 * called when the text does not show the cursor plainly, nor for an error answer, and the
 * page may still be refused when it is decoded. Then @prepare, on the parsing thread, may
 * turn the page into what the caller needs (page->prepared) and free the rest there, with
 * the page's text as received in page->text during the call; its
 * error (returned as is) refuses the page. Finish with chq_client_list_courses_finish().
 */
void
chq_client_list_courses_peek_async (ChqClient           *self,
                                    const char          *since,
                                    guint                limit,
                                    const char          *etag,
                                    ChqCoursesPeekFunc   peek,
                                    ChqCoursesPrepareFunc prepare,
                                    gpointer             hook_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GString) path = g_string_new ("/v1/courses");
  char separator = '?';
  Request *request;
  GTask *task;

  g_return_if_fail (CHQ_IS_CLIENT (self));

  if (since != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (since, NULL, FALSE);

      g_string_append_printf (path, "%csince=%s", separator, escaped);
      separator = '&';
    }
  if (limit > 0)
    g_string_append_printf (path, "%climit=%u", separator, limit);

  task = request_task_new (self, REQUEST_AUTHENTICATED, "GET", path->str, NULL, NULL, etag,
                           chq_client_list_courses_async, cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  request->decode = decode_courses_page;
  request->decode_free = (GDestroyNotify) chq_courses_page_free;
  request->peek = peek;
  request->prepare = prepare;
  request->hook_data = hook_data;
  request_start (task);
}

/**
 * chq_client_list_courses_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError (%CHQ_CLIENT_ERROR_NOT_MODIFIED when nothing
 *   changed)
 *
 * Returns: (transfer full) (nullable): the page (free with chq_courses_page_free())
 */
ChqCoursesPage *
chq_client_list_courses_finish (ChqClient     *self,
                                GAsyncResult  *result,
                                char         **out_etag,
                                GError       **error)
{
  g_autofree char *etag = NULL;
  g_autoptr(GError) local_error = NULL;
  ChqCoursesPage *page;

  /* The page was decoded on the parsing thread. */
  page = propagate_answer (self, result, chq_client_list_courses_async, &etag, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (page == NULL)
    {
      g_propagate_error (error, invalid_response_from (client_host (self),
                                                       _("an empty answer.")));
      return NULL;
    }

  if (out_etag != NULL)
    *out_etag = g_steal_pointer (&etag);
  return page;
}

/**
 * chq_client_get_course_async:
 * @self: a #ChqClient
 * @id: the course's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/courses/{id}`. Finish with chq_client_get_course_finish().
 */
void
chq_client_get_course_async (ChqClient           *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  escaped = escape_segment (id);
  path = g_strconcat ("/v1/courses/", escaped, NULL);
  call (self, REQUEST_AUTHENTICATED, "GET", path, NULL, NULL, NULL,
        chq_client_get_course_async, cancellable, callback, user_data);
}

/**
 * chq_client_get_course_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the course
 */
ChqCourse *
chq_client_get_course_finish (ChqClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return (ChqCourse *) finish_model (self, result, chq_client_get_course_async,
                                     CHQ_TYPE_COURSE, NULL, error);
}

/* --- orders and wallet -------------------------------------------------------------- */

/**
 * chq_client_list_orders_async:
 * @self: a #ChqClient
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/orders`. Finish with chq_client_list_orders_finish().
 */
void
chq_client_list_orders_async (ChqClient           *self,
                              const char          *etag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  call (self, REQUEST_AUTHENTICATED, "GET", "/v1/orders", NULL, NULL, etag,
        chq_client_list_orders_async, cancellable, callback, user_data);
}

/**
 * chq_client_list_orders_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ChqOrder) (nullable): the orders
 */
GPtrArray *
chq_client_list_orders_finish (ChqClient     *self,
                               GAsyncResult  *result,
                               char         **out_etag,
                               GError       **error)
{
  return finish_list (self, result, chq_client_list_orders_async, CHQ_TYPE_ORDER, out_etag,
                      error);
}

/**
 * chq_client_create_order_async:
 * @self: a #ChqClient
 * @idempotency_key: the key of this intent (the same on every retry)
 * @voucher_type: the type of voucher
 * @quantity: how many vouchers
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/orders`. Finish with chq_client_create_order_finish().
 */
void
chq_client_create_order_async (ChqClient           *self,
                               const char          *idempotency_key,
                               ChqVoucherType       voucher_type,
                               guint                quantity,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL);

  body = chq_order_request_to_json (voucher_type, quantity);
  call (self, REQUEST_AUTHENTICATED, "POST", "/v1/orders", idempotency_key, body, NULL,
        chq_client_create_order_async, cancellable, callback, user_data);
}

/**
 * chq_client_create_order_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError (a refusal such as `ceiling_exceeded` is
 *   %CHQ_CLIENT_ERROR_REFUSED)
 *
 * Returns: (transfer full) (nullable): the order, awaiting payment, with its payment
 *   instructions
 */
ChqOrder *
chq_client_create_order_finish (ChqClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (ChqOrder *) finish_model (self, result, chq_client_create_order_async,
                                    CHQ_TYPE_ORDER, NULL, error);
}

static char *
path_with_id (const char *prefix,
              const char *id,
              const char *suffix)
{
  g_autofree char *escaped = escape_segment (id);

  return g_strconcat (prefix, escaped, suffix, NULL);
}

/**
 * chq_client_cancel_order_async:
 * @self: a #ChqClient
 * @id: the order's id
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/orders/{id}/cancel`. Finish with chq_client_cancel_order_finish().
 */
void
chq_client_cancel_order_async (ChqClient           *self,
                               const char          *id,
                               const char          *idempotency_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  path = path_with_id ("/v1/orders/", id, "/cancel");
  call (self, REQUEST_AUTHENTICATED, "POST", path, idempotency_key, NULL, NULL,
        chq_client_cancel_order_async, cancellable, callback, user_data);
}

/**
 * chq_client_cancel_order_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError (`not_cancellable` once paid)
 *
 * Returns: (transfer full) (nullable): the cancelled order
 */
ChqOrder *
chq_client_cancel_order_finish (ChqClient     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return (ChqOrder *) finish_model (self, result, chq_client_cancel_order_async,
                                    CHQ_TYPE_ORDER, NULL, error);
}

/**
 * chq_client_sandbox_pay_order_async:
 * @self: a #ChqClient
 * @id: the order's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/sandbox/orders/{id}/pay`: the sandbox only, simulates the bank transfer.
 * Finish with chq_client_sandbox_pay_order_finish().
 */
void
chq_client_sandbox_pay_order_async (ChqClient           *self,
                                    const char          *id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  path = path_with_id ("/v1/sandbox/orders/", id, "/pay");
  call (self, REQUEST_AUTHENTICATED, "POST", path, NULL, NULL, NULL,
        chq_client_sandbox_pay_order_async, cancellable, callback, user_data);
}

/**
 * chq_client_sandbox_pay_order_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the order, credited
 */
ChqOrder *
chq_client_sandbox_pay_order_finish (ChqClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return (ChqOrder *) finish_model (self, result, chq_client_sandbox_pay_order_async,
                                    CHQ_TYPE_ORDER, NULL, error);
}

/**
 * chq_client_get_wallet_async:
 * @self: a #ChqClient
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/wallet`. Finish with chq_client_get_wallet_finish().
 */
void
chq_client_get_wallet_async (ChqClient           *self,
                             const char          *etag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  call (self, REQUEST_AUTHENTICATED, "GET", "/v1/wallet", NULL, NULL, etag,
        chq_client_get_wallet_async, cancellable, callback, user_data);
}

/**
 * chq_client_get_wallet_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the wallet (free with chq_wallet_free())
 */
ChqWallet *
chq_client_get_wallet_finish (ChqClient     *self,
                              GAsyncResult  *result,
                              char         **out_etag,
                              GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *etag = NULL;
  GError *codec_error = NULL;
  ChqWallet *wallet;

  node = propagate_document (self, result, chq_client_get_wallet_async, &etag, error);
  if (node == NULL)
    return NULL;

  wallet = chq_wallet_from_json (node, &codec_error);
  if (wallet == NULL)
    {
      propagate_decode_error (codec_error, error);
      return NULL;
    }

  if (out_etag != NULL)
    *out_etag = g_steal_pointer (&etag);
  return wallet;
}

/* --- workers ------------------------------------------------------------------------ */

/**
 * chq_client_list_workers_async:
 * @self: a #ChqClient
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/workers`. Finish with chq_client_list_workers_finish().
 */
void
chq_client_list_workers_async (ChqClient           *self,
                               const char          *etag,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  call (self, REQUEST_AUTHENTICATED, "GET", "/v1/workers", NULL, NULL, etag,
        chq_client_list_workers_async, cancellable, callback, user_data);
}

/**
 * chq_client_list_workers_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ChqWorker) (nullable): the workers, archived
 *   ones included
 */
GPtrArray *
chq_client_list_workers_finish (ChqClient     *self,
                                GAsyncResult  *result,
                                char         **out_etag,
                                GError       **error)
{
  return finish_list (self, result, chq_client_list_workers_async, CHQ_TYPE_WORKER,
                      out_etag, error);
}

/**
 * chq_client_create_worker_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @worker: the worker to add (its editable fields are sent)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/workers`. Finish with chq_client_create_worker_finish().
 */
void
chq_client_create_worker_async (ChqClient           *self,
                                const char          *idempotency_key,
                                ChqWorker           *worker,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (CHQ_IS_WORKER (worker));

  body = chq_worker_request_to_json (worker);
  call (self, REQUEST_AUTHENTICATED, "POST", "/v1/workers", idempotency_key, body, NULL,
        chq_client_create_worker_async, cancellable, callback, user_data);
}

/**
 * chq_client_create_worker_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the worker as the service keeps it (with its id)
 */
ChqWorker *
chq_client_create_worker_finish (ChqClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return (ChqWorker *) finish_model (self, result, chq_client_create_worker_async,
                                     CHQ_TYPE_WORKER, NULL, error);
}

/**
 * chq_client_update_worker_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @id: the worker's id
 * @worker: the worker's new editable fields
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `PUT /v1/workers/{id}`. Finish with chq_client_update_worker_finish().
 */
void
chq_client_update_worker_async (ChqClient           *self,
                                const char          *idempotency_key,
                                const char          *id,
                                ChqWorker           *worker,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (CHQ_IS_WORKER (worker));

  body = chq_worker_request_to_json (worker);
  path = path_with_id ("/v1/workers/", id, NULL);
  call (self, REQUEST_AUTHENTICATED, "PUT", path, idempotency_key, body, NULL,
        chq_client_update_worker_async, cancellable, callback, user_data);
}

/**
 * chq_client_update_worker_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the worker as the service now keeps it
 */
ChqWorker *
chq_client_update_worker_finish (ChqClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return (ChqWorker *) finish_model (self, result, chq_client_update_worker_async,
                                     CHQ_TYPE_WORKER, NULL, error);
}

/**
 * chq_client_archive_worker_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @id: the worker's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `DELETE /v1/workers/{id}`: the worker is archived (their history stays). Finish with
 * chq_client_archive_worker_finish().
 */
void
chq_client_archive_worker_async (ChqClient           *self,
                                 const char          *idempotency_key,
                                 const char          *id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  path = path_with_id ("/v1/workers/", id, NULL);
  call (self, REQUEST_AUTHENTICATED, "DELETE", path, idempotency_key, NULL, NULL,
        chq_client_archive_worker_async, cancellable, callback, user_data);
}

/**
 * chq_client_archive_worker_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the archived worker
 */
ChqWorker *
chq_client_archive_worker_finish (ChqClient     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return (ChqWorker *) finish_model (self, result, chq_client_archive_worker_async,
                                     CHQ_TYPE_WORKER, NULL, error);
}

/* --- enrolments --------------------------------------------------------------------- */

/**
 * chq_client_list_enrolments_async:
 * @self: a #ChqClient
 * @year: the calendar year of the sessions
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/enrolments?year=Y`. Finish with chq_client_list_enrolments_finish().
 */
void
chq_client_list_enrolments_async (ChqClient           *self,
                                  int                  year,
                                  const char          *etag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));

  path = g_strdup_printf ("/v1/enrolments?year=%d", year);
  call (self, REQUEST_AUTHENTICATED, "GET", path, NULL, NULL, etag,
        chq_client_list_enrolments_async, cancellable, callback, user_data);
}

/**
 * chq_client_list_enrolments_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ChqEnrolment) (nullable): the enrolments
 */
GPtrArray *
chq_client_list_enrolments_finish (ChqClient     *self,
                                   GAsyncResult  *result,
                                   char         **out_etag,
                                   GError       **error)
{
  return finish_list (self, result, chq_client_list_enrolments_async, CHQ_TYPE_ENROLMENT,
                      out_etag, error);
}

/**
 * chq_client_create_enrolment_async:
 * @self: a #ChqClient
 * @idempotency_key: the key of this intent (the same on every retry)
 * @worker_id: the worker to book
 * @course_id: the course
 * @session_id: the course's session
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/enrolments`: books the worker and reserves the vouchers. Finish with
 * chq_client_create_enrolment_finish().
 */
void
chq_client_create_enrolment_async (ChqClient           *self,
                                   const char          *idempotency_key,
                                   const char          *worker_id,
                                   const char          *course_id,
                                   const char          *session_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL);
  g_return_if_fail (worker_id != NULL && course_id != NULL && session_id != NULL);

  body = chq_enrolment_request_to_json (worker_id, course_id, session_id);
  call (self, REQUEST_AUTHENTICATED, "POST", "/v1/enrolments", idempotency_key, body, NULL,
        chq_client_create_enrolment_async, cancellable, callback, user_data);
}

/**
 * chq_client_create_enrolment_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError (`session_full`, `insufficient_vouchers`, ...)
 *
 * Returns: (transfer full) (nullable): the enrolment with its usage code
 */
ChqEnrolment *
chq_client_create_enrolment_finish (ChqClient     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return (ChqEnrolment *) finish_model (self, result, chq_client_create_enrolment_async,
                                        CHQ_TYPE_ENROLMENT, NULL, error);
}

/**
 * chq_client_cancel_enrolment_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @id: the enrolment's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/enrolments/{id}/cancel`: releases the reservation. Finish with
 * chq_client_cancel_enrolment_finish().
 */
void
chq_client_cancel_enrolment_async (ChqClient           *self,
                                   const char          *idempotency_key,
                                   const char          *id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  path = path_with_id ("/v1/enrolments/", id, "/cancel");
  call (self, REQUEST_AUTHENTICATED, "POST", path, idempotency_key, NULL, NULL,
        chq_client_cancel_enrolment_async, cancellable, callback, user_data);
}

/**
 * chq_client_cancel_enrolment_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the cancelled enrolment
 */
ChqEnrolment *
chq_client_cancel_enrolment_finish (ChqClient     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return (ChqEnrolment *) finish_model (self, result, chq_client_cancel_enrolment_async,
                                        CHQ_TYPE_ENROLMENT, NULL, error);
}

/**
 * chq_client_record_attendance_async:
 * @self: a #ChqClient
 * @idempotency_key: (nullable): the key of this intent; without one it is not retried
 * @id: the enrolment's id
 * @days: (element-type ChqAttendanceDay): the hours attended, day by day
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/enrolments/{id}/attendance`: settles the vouchers used and releases the rest.
 * Finish with chq_client_record_attendance_finish().
 */
void
chq_client_record_attendance_async (ChqClient           *self,
                                    const char          *idempotency_key,
                                    const char          *id,
                                    GArray              *days,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (days != NULL);

  body = chq_attendance_request_to_json (days);
  path = path_with_id ("/v1/enrolments/", id, "/attendance");
  call (self, REQUEST_AUTHENTICATED, "POST", path, idempotency_key, body, NULL,
        chq_client_record_attendance_async, cancellable, callback, user_data);
}

/**
 * chq_client_record_attendance_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError (a day over its cap names `days[i].hours`)
 *
 * Returns: (transfer full) (nullable): the enrolment, attended
 */
ChqEnrolment *
chq_client_record_attendance_finish (ChqClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return (ChqEnrolment *) finish_model (self, result, chq_client_record_attendance_async,
                                        CHQ_TYPE_ENROLMENT, NULL, error);
}
