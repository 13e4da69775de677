/* fuzz-sandbox.c: libFuzzer target for the sandbox server's request handling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox answers from a SoupServer on its own thread; libsoup 3 cannot make a server
 * message without a connection, so each input becomes a real request on loopback.
 *
 * Input: a request line "METHOD /path?query", header lines "Name: value", an empty line,
 * then the body. "@TOKEN@" and "@TOKEN2@" anywhere stand for live tokens of the two demo
 * companies, so that the fuzzer reaches past sign-in. The target adds Host,
 * Content-Length and Connection: close, and keeps the head to one request (no CR, no empty
 * line). Findings: a crash or sanitizer report in the
 * server, no answer within 10 s, an answer that is not HTTP, a 5xx, or a JSON answer that
 * does not parse.
 */
#define G_LOG_DOMAIN "fuzz-sandbox"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "chq-json.h"
#include "chq-sandbox.h"
#include "fuzz-common.h"

static ChqSandbox *sandbox;  /* lives as long as the process */
static guint16     port;
static char       *tokens[2];

/* A connection to the sandbox. libFuzzer's timer signals interrupt blocking calls, and a
 * connect() interrupted goes on in the background: start again on a new socket. */
static int
connect_to_sandbox (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (port) };

  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  for (;;)
    {
      int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      int saved;

      if (fd < 0)
        g_error ("Cannot make a socket: %s", g_strerror (errno));
      if (connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0)
        return fd;
      saved = errno;
      close (fd);
      if (saved != EINTR)
        g_error ("Cannot connect to the sandbox: %s", g_strerror (saved));
    }
}

/* One request, one connection; returns the whole answer. */
static GByteArray *
exchange (const char *request,
          gsize       len)
{
  struct timeval timeout = { .tv_sec = 10 };
  GByteArray *answer = g_byte_array_new ();
  int fd = connect_to_sandbox ();
  gsize sent = 0;

  setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);

  while (sent < len)
    {
      ssize_t n = send (fd, request + sent, len - sent, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;  /* the server may close early (413): read what it said */
      sent += (gsize) n;
    }

  for (;;)
    {
      guint8 buffer[16384];
      ssize_t n = recv (fd, buffer, sizeof buffer, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        g_error ("The sandbox did not answer within 10 s:\n%.*s", (int) MIN (len, 2000), request);
      if (n <= 0)
        break;
      g_byte_array_append (answer, buffer, (guint) n);
    }
  close (fd);

  return answer;
}

static char *
sign_in (const char *enterprise_number)
{
  g_autofree char *body = g_strdup_printf ("{\"enterprise_number\":\"%s\",\"password\":\"demo\"}",
                                           enterprise_number);
  g_autofree char *request = g_strdup_printf ("POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                              strlen (body), body);
  g_autoptr(GByteArray) answer = exchange (request, strlen (request));
  const char *text = (const char *) answer->data;
  const char *start = g_strstr_len (text, answer->len, "\"token\":\"");
  const char *end;

  if (start == NULL)
    g_error ("Could not sign in to the sandbox as %s", enterprise_number);
  start += strlen ("\"token\":\"");
  end = memchr (start, '"', answer->len - (gsize) (start - text));
  return g_strndup (start, (gsize) (end - start));
}

static void
start_sandbox (void)
{
  ChqSandboxOptions options = {
    .today = "2026-11-28", .seed = 1, .rate_limit = G_MAXUINT,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  const char *colon;

  sandbox = chq_sandbox_new (&options);
  if (!chq_sandbox_start (sandbox, &error))
    g_error ("The sandbox did not start: %s", error->message);
  uri = chq_sandbox_dup_uri (sandbox);
  colon = strrchr (uri, ':');
  port = (guint16) g_ascii_strtoull (colon + 1, NULL, 10);

  tokens[0] = sign_in ("0123456749");
  tokens[1] = sign_in ("0987654394");
}

static char *
replace_tokens (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "@TOKEN2@", tokens[1], 0);
  g_string_replace (s, "@TOKEN@", tokens[0], 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
check_answer (GByteArray *answer,
              const char *request)
{
  const char *text = (const char *) answer->data;
  const char *head_end;
  guint status;

  if (answer->len == 0)
    return;  /* a request line libsoup could not even read: it closes the connection */
  if (answer->len < 12 || memcmp (text, "HTTP/1.", 7) != 0)
    g_error ("Not an HTTP answer to:\n%s", request);
  status = (guint) g_ascii_strtoull (text + 9, NULL, 10);
  if (status >= 500)
    g_error ("Status %u for:\n%s\n---\n%.*s", status, request, (int) MIN (answer->len, 4000),
             text);

  head_end = g_strstr_len (text, answer->len, "\r\n\r\n");
  if (head_end != NULL && g_strstr_len (text, head_end - text, "application/") != NULL &&
      g_strstr_len (text, head_end - text, "json") != NULL)
    {
      const char *body = head_end + 4;
      gsize body_len = answer->len - (gsize) (body - text);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      if (body_len == 0)
        return;
      node = chq_json_parse (body, body_len, 0, &error);
      if (node == NULL)
        g_error ("The sandbox answered JSON it cannot read itself (%s) to:\n%s\n---\n%.*s",
                 error->message, request, (int) MIN (answer->len, 4000), text);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *input = NULL;
  g_autofree char *expanded = NULL;
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GByteArray) answer = NULL;
  const char *head_end;
  const char *body;
  char **lines;

  fuzz_init ();
  if (sandbox == NULL)
    start_sandbox ();

  /* Text only: a NUL ends the input (libsoup refuses NULs in headers anyway). */
  input = g_strndup ((const char *) data, size);
  expanded = replace_tokens (input);

  head_end = strstr (expanded, "\n\n");
  body = head_end != NULL ? head_end + 2 : "";
  {
    g_autofree char *head = g_strndup (expanded, head_end != NULL
                                                 ? (gsize) (head_end - expanded)
                                                 : strlen (expanded));
    /* One request per input: a CR would let the head end early and the rest be read as
     * a second, pipelined request (libsoup's parsing is not what this target is for). */
    g_strdelimit (head, "\r", ' ');
    lines = g_strsplit (head, "\n", 64);
  }

  if (lines[0] == NULL || lines[0][0] == '\0')
    {
      g_strfreev (lines);
      return 0;
    }

  g_string_append_printf (request, "%s HTTP/1.1\r\nHost: 127.0.0.1\r\n", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      /* The target owns these three: a second Content-Length is libsoup's business. */
      if (lines[i][0] == '\0' ||
          g_ascii_strncasecmp (lines[i], "content-length:", 15) == 0 ||
          g_ascii_strncasecmp (lines[i], "connection:", 11) == 0 ||
          g_ascii_strncasecmp (lines[i], "transfer-encoding:", 18) == 0)
        continue;
      g_string_append_printf (request, "%s\r\n", lines[i]);
    }
  g_strfreev (lines);
  g_string_append_printf (request, "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                          strlen (body));
  g_string_append (request, body);

  answer = exchange (request->str, request->len);
  check_answer (answer, request->str);

  return 0;
}
