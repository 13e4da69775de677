/* chq-http.c: the one SoupSession factory and the pure rules of the transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "chq-client-error.h"
#include "chq-http.h"

/**
 * chq_http_session_new:
 *
 * Makes the SoupSession every request of the app goes through: User-Agent
 * `Chequier/VERSION`, a 30 s timeout for each read and write, idle connections closed
 * after 60 s, the system proxy resolver and the system TLS database (libsoup's defaults;
 * a certificate error stays an error: nothing here accepts a bad certificate). No
 * SoupLogger is installed, so no header (and no bearer token) reaches the log.
 *
 * Returns: (transfer full): a new #SoupSession
 */
SoupSession *
chq_http_session_new (void)
{
  return soup_session_new_with_options ("user-agent", "Chequier/" PACKAGE_VERSION,
                                        "timeout", CHQ_HTTP_TIMEOUT_SECONDS,
                                        "idle-timeout", CHQ_HTTP_IDLE_TIMEOUT_SECONDS,
                                        NULL);
}

/**
 * chq_http_host_is_loopback:
 * @host: (nullable): a host as a URI holds it (no brackets around IPv6)
 *
 * Returns: %TRUE for `localhost`, an address of 127.0.0.0/8 and `::1`
 */
gboolean
chq_http_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * chq_http_check_base_uri:
 * @base_uri: the service address the user entered
 * @error: return location for a %CHQ_CLIENT_ERROR_INSECURE_ADDRESS error
 *
 * Accepts `https://host[:port][/path]`, and `http://` only when the host is loopback (the
 * embedded sandbox): a token must never cross a network in clear text. Addresses with a
 * user name, a query or a fragment are refused too.
 *
 * Returns: %TRUE when @base_uri may be used
 */
gboolean
chq_http_check_base_uri (const char  *base_uri,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (base_uri != NULL)
    uri = g_uri_parse (base_uri, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL
      || g_uri_get_host (uri) == NULL
      || *g_uri_get_host (uri) == '\0'
      || g_uri_get_userinfo (uri) != NULL
      || g_uri_get_query (uri) != NULL
      || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INSECURE_ADDRESS,
                   _("“%s” is not a valid service address. Enter an address such as "
                     "https://service.example."), base_uri != NULL ? base_uri : "");
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && chq_http_host_is_loopback (host))
    return TRUE;

  g_set_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INSECURE_ADDRESS,
               _("The service address “%s” is not secure. Use an address that starts "
                 "with https://."), base_uri);
  return FALSE;
}

/**
 * chq_http_status_is_retryable:
 * @status: an HTTP status
 *
 * Returns: %TRUE for the statuses worth sending the request again for: 408, 429, 502,
 *   503 and 504
 */
gboolean
chq_http_status_is_retryable (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_REQUEST_TIMEOUT:
    case 429: /* Too Many Requests: libsoup 3.2 has no name for it */
    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * chq_http_backoff_delay_ms:
 * @attempt: how many attempts failed so far (1 after the first)
 * @base_ms: the first ceiling of the delay (500)
 * @cap_ms: the largest ceiling (60000)
 * @random: a number in [0, 1)
 *
 * Full-jitter exponential backoff: the ceiling doubles from @base_ms with each attempt up
 * to @cap_ms, and the delay is @random times the ceiling, so clients that failed together
 * do not come back together.
 *
 * Returns: the delay in milliseconds, at most @cap_ms
 */
guint
chq_http_backoff_delay_ms (guint  attempt,
                           guint  base_ms,
                           guint  cap_ms,
                           double random)
{
  guint64 ceiling = MIN (base_ms, cap_ms);

  for (guint i = 1; i < attempt && ceiling < cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, cap_ms);

  if (!(random > 0.0))
    return 0;
  if (random >= 1.0)
    return (guint) ceiling;

  return (guint) MIN ((guint64) floor (random * (double) (ceiling + 1)), ceiling);
}

/**
 * chq_http_parse_retry_after_ms:
 * @value: (nullable): the `Retry-After` header
 * @now: the current time, to read an HTTP date against
 *
 * Reads `Retry-After` as delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2026 07:28:00 GMT`).
 *
 * Returns: the delay in milliseconds (0 for a date in the past), or -1 when @value is
 *   absent or unreadable
 */
gint64
chq_http_parse_retry_after_ms (const char *value,
                               GDateTime  *now)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *trimmed = NULL;
  GTimeSpan span;

  if (value == NULL)
    return -1;

  trimmed = g_strstrip (g_strdup (value));
  if (*trimmed == '\0')
    return -1;

  if (g_ascii_isdigit (*trimmed))
    {
      guint64 seconds;

      for (const char *p = trimmed; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          return -1;

      /* Anything beyond a day is as good as a day: callers cap it anyway. */
      if (strlen (trimmed) > 6)
        return (gint64) 86400 * 1000;
      seconds = g_ascii_strtoull (trimmed, NULL, 10);
      return (gint64) MIN (seconds, 86400) * 1000;
    }

  date = soup_date_time_new_from_http_string (trimmed);
  if (date == NULL)
    return -1;

  span = g_date_time_difference (date, now);
  if (span <= 0)
    return 0;
  return MIN (span / G_TIME_SPAN_MILLISECOND, (gint64) 86400 * 1000);
}

/**
 * chq_http_content_type_is_json:
 * @content_type: (nullable): a Content-Type header
 * @problem: %TRUE to match `application/problem+json`, %FALSE for `application/json`
 *
 * Returns: %TRUE when the media type (parameters such as charset aside) matches
 */
gboolean
chq_http_content_type_is_json (const char *content_type,
                               gboolean    problem)
{
  const char *expected = problem ? "application/problem+json" : "application/json";
  gsize len = strlen (expected);
  const char *rest;

  if (content_type == NULL)
    return FALSE;
  while (g_ascii_isspace (*content_type))
    content_type++;
  if (g_ascii_strncasecmp (content_type, expected, len) != 0)
    return FALSE;

  rest = content_type + len;
  while (*rest == ' ' || *rest == '\t')
    rest++;
  return *rest == '\0' || *rest == ';';
}
