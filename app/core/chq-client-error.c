/* chq-client-error.c: the errors of talking to the service, with the server's problem
 * details: made by the client layer, read by every layer above it (so it lives in core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-client-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-client-error.h"

/* The problem details travel inside the GError itself (an extended error domain), so they
 * survive g_propagate_error(), GTask and g_error_copy() without a side table. */
typedef struct {
  char   *code;        /* owned; the problem's machine word, or NULL */
  char   *field;       /* owned; the field at fault, or NULL */
  char   *detail;      /* owned; the server's untranslated detail, or NULL */
  guint   status;      /* the HTTP status, 0 when there was no answer */
  gint64  left;        /* ceiling_exceeded: vouchers left this year, else -1 */
  guint   retry_after; /* seconds the server asked us to wait, 0 when it did not say */
} ChqClientErrorPrivate;

/* Not inlined: G_DEFINE_EXTENDED_ERROR's wrappers look the private data up with a lookup
 * that may return NULL (for another domain), which -Wnull-dereference flags once inlined;
 * GLib only calls these for errors of this domain. */
G_GNUC_NO_INLINE static void
chq_client_error_private_init (ChqClientErrorPrivate *priv)
{
  priv->left = -1;
}

G_GNUC_NO_INLINE static void
chq_client_error_private_copy (const ChqClientErrorPrivate *src,
                               ChqClientErrorPrivate       *dest)
{
  dest->code = g_strdup (src->code);
  dest->field = g_strdup (src->field);
  dest->detail = g_strdup (src->detail);
  dest->status = src->status;
  dest->left = src->left;
  dest->retry_after = src->retry_after;
}

G_GNUC_NO_INLINE static void
chq_client_error_private_clear (ChqClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->code, g_free);
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->detail, g_free);
}

G_DEFINE_EXTENDED_ERROR (ChqClientError, chq_client_error)

static ChqClientErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != CHQ_CLIENT_ERROR)
    return NULL;
  return chq_client_error_get_private (error);
}

/**
 * chq_client_error_get_code:
 * @error: (nullable): a #GError
 *
 * Returns: (nullable): the problem's machine word sent by the server
 *   (`ceiling_exceeded`, `session_full`, ...), or %NULL
 */
const char *
chq_client_error_get_code (const GError *error)
{
  ChqClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->code : NULL;
}

/**
 * chq_client_error_get_field:
 * @error: (nullable): a #GError
 *
 * Returns: (nullable): the request field the server found at fault
 *   (`quantity`, `days[1].hours`, ...), or %NULL
 */
const char *
chq_client_error_get_field (const GError *error)
{
  ChqClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->field : NULL;
}

/**
 * chq_client_error_get_detail:
 * @error: (nullable): a #GError
 *
 * Returns: (nullable): the server's own (untranslated) detail text, or %NULL
 */
const char *
chq_client_error_get_detail (const GError *error)
{
  ChqClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->detail : NULL;
}

/**
 * chq_client_error_get_status:
 * @error: (nullable): a #GError
 *
 * Returns: the HTTP status of the answer behind @error, or 0 when there was none
 */
guint
chq_client_error_get_status (const GError *error)
{
  ChqClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->status : 0;
}

/**
 * chq_client_error_get_left:
 * @error: (nullable): a #GError
 *
 * Returns: for `ceiling_exceeded`, the number of vouchers the ceiling still allows this
 *   year; -1 when the server did not say
 */
gint64
chq_client_error_get_left (const GError *error)
{
  ChqClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->left : -1;
}

/**
 * chq_client_error_get_retry_after:
 * @error: (nullable): a #GError
 *
 * Returns: the seconds the server asked to wait (`Retry-After`), 0 when it did not say
 */
guint
chq_client_error_get_retry_after (const GError *error)
{
  ChqClientErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->retry_after : 0;
}

/**
 * chq_client_error_is_permanent:
 * @error: (nullable): a #GError
 *
 * Whether sending the same request again can never succeed: the server refused it with a
 * 4xx other than 401, 408 and 429 (%CHQ_CLIENT_ERROR_REFUSED). An outbox entry that gets
 * such an error is marked failed for the user to see. Unauthorised is not permanent (the
 * entry waits until the user signs in again), nor is an invalid response (the server may
 * have applied the request; sending it again with its idempotency key is safe).
 *
 * Returns: %TRUE when @error is a permanent refusal
 */
gboolean
chq_client_error_is_permanent (const GError *error)
{
  return g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
}

/**
 * chq_client_error_is_transient:
 * @error: (nullable): a #GError
 *
 * Whether @error says the service could not be used right now (unreachable, timed out,
 * busy or failing): the caller keeps its data and tries again later.
 *
 * Returns: %TRUE for a transient failure
 */
gboolean
chq_client_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != CHQ_CLIENT_ERROR)
    return FALSE;

  switch ((ChqClientError) error->code)
    {
    case CHQ_CLIENT_ERROR_CANNOT_REACH:
    case CHQ_CLIENT_ERROR_TIMED_OUT:
    case CHQ_CLIENT_ERROR_RATE_LIMITED:
    case CHQ_CLIENT_ERROR_SERVER:
      return TRUE;
    case CHQ_CLIENT_ERROR_TLS:
    case CHQ_CLIENT_ERROR_UNAUTHORIZED:
    case CHQ_CLIENT_ERROR_INVALID_RESPONSE:
    case CHQ_CLIENT_ERROR_REFUSED:
    case CHQ_CLIENT_ERROR_INSECURE_ADDRESS:
    case CHQ_CLIENT_ERROR_NOT_MODIFIED:
    default:
      return FALSE;
    }
}

static char *
message_for_refusal (guint       status,
                     const char *code,
                     const char *field,
                     const char *detail,
                     gint64      left)
{
  if (g_strcmp0 (code, "ceiling_exceeded") == 0 && left >= 0)
    {
      if (left == 0)
        return g_strdup (_("This order would exceed the yearly ceiling: no vouchers of this "
                           "type are left this year. Wait for next year to order more."));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "This order would exceed the yearly ceiling: "
                                           "%d voucher is left this year. Order fewer "
                                           "vouchers.",
                                           "This order would exceed the yearly ceiling: "
                                           "%d vouchers are left this year. Order fewer "
                                           "vouchers.",
                                           (gulong) left),
                              (int) left);
    }
  if (g_strcmp0 (code, "ceiling_exceeded") == 0)
    return g_strdup (_("This order would exceed the yearly ceiling. Order fewer vouchers."));
  if (g_strcmp0 (code, "insufficient_vouchers") == 0)
    return g_strdup (_("There are not enough available vouchers of this type for this "
                       "booking. Order more vouchers, then book again."));
  if (g_strcmp0 (code, "expired_vouchers") == 0)
    return g_strdup (_("Your vouchers of this type expire before this session ends. "
                       "Order new vouchers or choose an earlier session."));
  if (g_strcmp0 (code, "session_full") == 0)
    return g_strdup (_("This session is full. Choose another session."));
  if (g_strcmp0 (code, "not_cancellable") == 0)
    return g_strdup (_("This can no longer be cancelled because its status has changed. "
                       "Refresh to see its current status."));
  if (g_strcmp0 (code, "not_eligible") == 0)
    return g_strdup (_("This account may not order training vouchers: the scheme is for "
                       "small and medium-sized companies and the self-employed. Contact the "
                       "voucher service if this is wrong."));
  if (g_strcmp0 (code, "not_found") == 0)
    return g_strdup (_("The service does not know this item. It may have been removed: "
                       "refresh and try again."));
  if (g_strcmp0 (code, "conflict") == 0)
    return g_strdup (_("The service refused this request because it conflicts with an "
                       "earlier one. Refresh, then make the change again."));
  if (g_strcmp0 (code, "payload_too_large") == 0)
    return g_strdup (_("The request is too large for the service. Shorten the text you "
                       "entered and try again."));
  if (g_strcmp0 (code, "method_not_allowed") == 0)
    return g_strdup (_("The service does not accept this request. Check that the service "
                       "address is right, or update Chéquier."));
  if (g_strcmp0 (code, "invalid_field") == 0 && field != NULL && detail != NULL)
    /* Translators: the first %s is a field name, the second the service's explanation */
    return g_strdup_printf (_("The service refused the value of “%s”: %s Correct it and "
                              "try again."), field, detail);
  if (g_strcmp0 (code, "invalid_field") == 0 && field != NULL)
    return g_strdup_printf (_("The service refused the value of “%s”. Correct it and try "
                              "again."), field);
  if (detail != NULL && *detail != '\0')
    /* Translators: %s is the service's own explanation, in its language */
    return g_strdup_printf (_("The service refused the request: %s"), detail);

  return g_strdup_printf (_("The service refused the request (HTTP status %u). Check what "
                            "you entered and try again."), status);
}

/**
 * chq_client_error_new_refused:
 * @status: the HTTP status (4xx)
 * @code: (nullable): the problem's `code`
 * @field: (nullable): the problem's `field`
 * @detail: (nullable): the problem's `detail`
 * @left: the problem's `left`, or -1
 *
 * Makes a %CHQ_CLIENT_ERROR_REFUSED error whose message is translated from @code (the
 * server's @detail is the fallback for a code this version does not know) and which
 * carries the problem details for chq_client_error_get_code() and friends.
 *
 * Returns: (transfer full): a new #GError
 */
GError *
chq_client_error_new_refused (guint       status,
                              const char *code,
                              const char *field,
                              const char *detail,
                              gint64      left)
{
  g_autofree char *message = message_for_refusal (status, code, field, detail, left);
  GError *error = g_error_new_literal (CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED, message);
  ChqClientErrorPrivate *priv = chq_client_error_get_private (error);

  g_assert (priv != NULL);
  priv->code = g_strdup (code);
  priv->field = g_strdup (field);
  priv->detail = g_strdup (detail);
  priv->status = status;
  priv->left = left;
  return error;
}

/**
 * chq_client_error_new_invalid_response:
 * @message: the translated message (the codec's, which names the member at fault)
 * @field: (nullable): the path of the member at fault (`items[3].sessions[0].city`)
 *
 * Makes a %CHQ_CLIENT_ERROR_INVALID_RESPONSE error that carries the member at fault for
 * chq_client_error_get_field().
 *
 * Returns: (transfer full): a new #GError
 */
GError *
chq_client_error_new_invalid_response (const char *message,
                                       const char *field)
{
  GError *error = g_error_new_literal (CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE,
                                       message);
  ChqClientErrorPrivate *priv = chq_client_error_get_private (error);

  g_assert (priv != NULL);
  priv->field = g_strdup (field);
  return error;
}

/**
 * chq_client_error_new_for_status:
 * @error_code: the #ChqClientError
 * @status: the HTTP status, or 0
 * @retry_after: the seconds of `Retry-After`, or 0
 * @message: the translated message
 *
 * Makes a #GError of %CHQ_CLIENT_ERROR that remembers the HTTP status and the delay the
 * server asked for.
 *
 * Returns: (transfer full): a new #GError
 */
GError *
chq_client_error_new_for_status (ChqClientError  error_code,
                                 guint           status,
                                 guint           retry_after,
                                 const char     *message)
{
  GError *error = g_error_new_literal (CHQ_CLIENT_ERROR, error_code, message);
  ChqClientErrorPrivate *priv = chq_client_error_get_private (error);

  g_assert (priv != NULL);
  priv->status = status;
  priv->retry_after = retry_after;
  return error;
}
