/* chq-client-error.h: the errors of talking to the service, with the server's problem
 * details: made by the client layer, read by every layer above it (so it lives in core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHQ_CLIENT_ERROR (chq_client_error_quark ())

/* Cancellation is reported as G_IO_ERROR_CANCELLED, never in this domain. */
typedef enum {
  CHQ_CLIENT_ERROR_CANNOT_REACH,      /* refused, DNS, unreachable, dropped connection */
  CHQ_CLIENT_ERROR_TIMED_OUT,
  CHQ_CLIENT_ERROR_TLS,               /* certificate or handshake failure, never overridden */
  CHQ_CLIENT_ERROR_UNAUTHORIZED,      /* 401: sign in again */
  CHQ_CLIENT_ERROR_RATE_LIMITED,      /* 429 after the retries */
  CHQ_CLIENT_ERROR_SERVER,            /* 5xx after the retries */
  CHQ_CLIENT_ERROR_INVALID_RESPONSE,  /* bad JSON, wrong shape, too big, wrong type, 3xx */
  CHQ_CLIENT_ERROR_REFUSED,           /* any other 4xx: code/field/detail travel along */
  CHQ_CLIENT_ERROR_INSECURE_ADDRESS,  /* http:// to something other than loopback */
  CHQ_CLIENT_ERROR_NOT_MODIFIED,      /* 304: nothing changed (not a failure) */
} ChqClientError;

GQuark      chq_client_error_quark           (void);

/* Problem details of a refusal (NULL / 0 / -1 when the error has none). */
const char *chq_client_error_get_code        (const GError *error);
const char *chq_client_error_get_field       (const GError *error);
const char *chq_client_error_get_detail      (const GError *error);
guint       chq_client_error_get_status      (const GError *error);
gint64      chq_client_error_get_left        (const GError *error);
guint       chq_client_error_get_retry_after (const GError *error);
gboolean    chq_client_error_is_permanent    (const GError *error);
gboolean    chq_client_error_is_transient    (const GError *error);

/* For the client layer: errors with problem details attached. */
GError     *chq_client_error_new_refused     (guint         status,
                                              const char   *code,
                                              const char   *field,
                                              const char   *detail,
                                              gint64        left);
GError     *chq_client_error_new_invalid_response (const char *message,
                                                   const char *field);
GError     *chq_client_error_new_for_status  (ChqClientError error_code,
                                              guint         status,
                                              guint         retry_after,
                                              const char   *message);

G_END_DECLS
