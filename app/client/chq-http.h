/* chq-http.h: the one SoupSession factory and the pure rules of the transport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CHQ_HTTP_TIMEOUT_SECONDS       30
#define CHQ_HTTP_IDLE_TIMEOUT_SECONDS  60
#define CHQ_HTTP_MAX_RESPONSE_SIZE     (32 * 1024 * 1024)

SoupSession *chq_http_session_new           (void);

/* TRUE for https://, and for http:// to 127.0.0.0/8, ::1 or localhost. */
gboolean     chq_http_check_base_uri        (const char  *base_uri,
                                             GError     **error);
gboolean     chq_http_host_is_loopback      (const char  *host);

/* 408, 429, 502, 503, 504. */
gboolean     chq_http_status_is_retryable   (guint        status);

/* Full-jitter exponential backoff: a delay in [0, min (cap, base * 2^(attempt-1))] picked by
 * @random (in [0, 1)). @attempt counts from 1 (the delay after the first failure). */
guint        chq_http_backoff_delay_ms      (guint        attempt,
                                             guint        base_ms,
                                             guint        cap_ms,
                                             double       random);

/* Retry-After as delta-seconds or an HTTP date (relative to @now); -1 when absent or
 * unreadable. A date in the past gives 0. */
gint64       chq_http_parse_retry_after_ms  (const char  *value,
                                             GDateTime   *now);

/* "application/json", "application/problem+json"; parameters (charset) are allowed. */
gboolean     chq_http_content_type_is_json  (const char  *content_type,
                                             gboolean     problem);

G_END_DECLS
