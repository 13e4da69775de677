/* chq-sandbox-http.c: the sandbox server's guards at the HTTP level
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is refused before a request reaches the API: a body too large (as soon as its
 * Content-Length is known, or while a chunked body is read), a request from a web page
 * (a foreign Origin, or a Host that is not loopback: DNS rebinding), a body that is not
 * JSON by its media type. Also the listening socket, with a backlog for bursts.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <string.h>

#include "chq-json.h"
#include "chq-sandbox-private.h"

/* Connections the kernel queues while the server thread is busy. */
#define LISTEN_BACKLOG 128

/* After a refusal sent before the body was read, what the client still sends is read and
 * dropped for so long, so that closing does not reset the connection under the answer. */
#define DRAIN_SECONDS 2
#define DRAIN_MAX_BYTES (1024 * 1024)

/**
 * _chq_sandbox_http_listen:
 * @port: the port on 127.0.0.1, or 0 for any free one
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a socket listening on loopback with a backlog of
 *   %LISTEN_BACKLOG (GSocket's default, 10, resets bursts of connections), or %NULL
 */
GSocket *
_chq_sandbox_http_listen (guint16   port,
                          GError  **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         error);
  if (socket == NULL)
    return NULL;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return NULL;

  return g_steal_pointer (&socket);
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * _chq_sandbox_http_origin_allowed:
 * @origin: the request's `Origin` header
 * @port: the port the server listens on
 *
 * A browser sends `Origin` with the requests a web page makes. The only page allowed is
 * one the server itself could serve: `http://127.0.0.1:PORT` or `http://localhost:PORT`.
 *
 * Returns: whether a request with @origin may be answered
 */
gboolean
_chq_sandbox_http_origin_allowed (const char *origin,
                                  guint       port)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (origin == NULL)
    return TRUE;

  uri = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE; /* "null" (a sandboxed page or a file), or garbage */

  host = g_uri_get_host (uri);
  return host != NULL && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
         g_uri_get_userinfo (uri) == NULL &&
         (g_strcmp0 (host, "127.0.0.1") == 0 || g_ascii_strcasecmp (host, "localhost") == 0) &&
         g_uri_get_port (uri) == (int) port &&
         g_uri_get_path (uri)[0] == '\0' && g_uri_get_query (uri) == NULL &&
         g_uri_get_fragment (uri) == NULL;
}

/**
 * _chq_sandbox_http_host_allowed:
 * @host: (nullable): the request's `Host` header
 *
 * A web page that had its own name point to 127.0.0.1 (DNS rebinding) sends that name as
 * `Host`: only loopback names and addresses are answered.
 *
 * Returns: whether a request with @host may be answered (no Host: HTTP/1.0, yes)
 */
gboolean
_chq_sandbox_http_host_allowed (const char *host)
{
  g_autofree char *text = NULL;
  g_autoptr(GUri) uri = NULL;

  if (host == NULL)
    return TRUE;

  text = g_strconcat ("http://", host, NULL);
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  return uri != NULL && g_uri_get_userinfo (uri) == NULL && g_uri_get_path (uri)[0] == '\0' &&
         is_loopback_host (g_uri_get_host (uri));
}

/**
 * _chq_sandbox_http_is_json_body:
 * @headers: a request's headers
 *
 * Returns: whether the request says its body is `application/json` (in UTF-8, the only
 *   charset JSON has)
 */
gboolean
_chq_sandbox_http_is_json_body (SoupMessageHeaders *headers)
{
  g_autoptr(GHashTable) params = NULL;
  const char *type = soup_message_headers_get_content_type (headers, &params);
  const char *charset;

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    return FALSE;
  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  return charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0;
}

typedef struct {
  GIOStream    *stream;      /* owned */
  GCancellable *cancellable; /* owned, in the pending array until done */
  GPtrArray    *pending;     /* unowned: the server's, outlives the refusal */
  GSource      *timeout;     /* owned */
  GBytes       *answer;      /* owned */
  gsize         drained;
  guint8        buffer[8192];
} Refusal;

static void
refusal_finish (Refusal *refusal)
{
  g_io_stream_close (refusal->stream, NULL, NULL);
  g_source_destroy (refusal->timeout);
  g_source_unref (refusal->timeout);
  g_ptr_array_remove (refusal->pending, refusal->cancellable);
  g_object_unref (refusal->cancellable);
  g_object_unref (refusal->stream);
  g_bytes_unref (refusal->answer);
  g_free (refusal);
}

static gboolean
on_drain_timeout_cb (gpointer user_data)
{
  Refusal *refusal = user_data;

  g_cancellable_cancel (refusal->cancellable);
  return G_SOURCE_CONTINUE; /* destroyed by refusal_finish() */
}

static void
on_drained_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Refusal *refusal = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (refusal->drained += (gsize) n) > DRAIN_MAX_BYTES)
    {
      refusal_finish (refusal);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_DEFAULT, refusal->cancellable, on_drained_cb, refusal);
}

static void
on_refusal_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Refusal *refusal = user_data;
  GSocket *socket = g_object_get_data (G_OBJECT (refusal->stream), "GSocket");

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      refusal_finish (refusal);
      return;
    }

  /* The answer is complete: say so (FIN), then drop what the client still sends. */
  if (socket != NULL)
    g_socket_shutdown (socket, FALSE, TRUE, NULL);
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream), refusal->buffer,
                             sizeof refusal->buffer, G_PRIORITY_DEFAULT, refusal->cancellable,
                             on_drained_cb, refusal);
}

/**
 * _chq_sandbox_http_refuse_now:
 * @msg: a request whose body is not read (or not all of it)
 * @status: the HTTP status
 * @code: the problem's code
 * @detail: a translated sentence saying what to do
 * @pending: the server's array of #GCancellable of refusals still draining; cancel them
 *   and run the server's context until it is empty before the server goes
 *
 * Answers @msg at once with a problem and closes its connection, without reading the rest
 * of the body: libsoup 3.2 reads a whole body before it answers, whatever its size.
 */
void
_chq_sandbox_http_refuse_now (SoupServerMessage *msg,
                              guint              status,
                              const char        *code,
                              const char        *detail,
                              GPtrArray         *pending)
{
  g_autoptr(JsonNode) root = _chq_sandbox_problem_json (status, code, NULL, detail);
  g_autofree char *body = NULL;
  GString *answer;
  GIOStream *stream;
  Refusal *refusal;
  gsize body_len;

  body = chq_json_to_string (root, &body_len);
  answer = g_string_new (NULL);
  g_string_append_printf (answer,
                          "HTTP/1.1 %u %s\r\n"
                          "Content-Type: application/problem+json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n"
                          "\r\n%s",
                          status, soup_status_get_phrase (status), body_len, body);

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_string_free (answer, TRUE);
      return;
    }

  refusal = g_new0 (Refusal, 1);
  refusal->stream = stream;
  refusal->cancellable = g_cancellable_new ();
  refusal->pending = pending;
  refusal->answer = g_string_free_to_bytes (answer);
  g_ptr_array_add (pending, refusal->cancellable);
  refusal->timeout = g_timeout_source_new_seconds (DRAIN_SECONDS);
  g_source_set_callback (refusal->timeout, on_drain_timeout_cb, refusal, NULL);
  g_source_attach (refusal->timeout, g_main_context_get_thread_default ());

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (refusal->answer, NULL),
                                   g_bytes_get_size (refusal->answer), G_PRIORITY_DEFAULT,
                                   refusal->cancellable, on_refusal_written_cb, refusal);
}
