/* chq-app-logic.c: pure functions of the window around the pages (banner, last sync,
 * sign-in form)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-app-logic"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-app-logic.h"
#include "chq-client-error.h"

/**
 * chq_app_banner_kind:
 * @has_account: whether an account (or the demo) is open
 * @demo: whether it is the demo
 * @needs_sign_in: whether the account has no valid session (none kept, or it expired)
 * @state: how the last sync run ended (not %CHQ_SYNC_STATE_SYNCING: the banner keeps what it
 *   said while a run goes)
 *
 * Returns: what the banner says, the most urgent state first: signed out, offline, an error
 *   of the service, demo data
 */
ChqBannerKind
chq_app_banner_kind (gboolean     has_account,
                     gboolean     demo,
                     gboolean     needs_sign_in,
                     ChqSyncState state)
{
  if (!has_account)
    return CHQ_BANNER_NONE;
  if (needs_sign_in || state == CHQ_SYNC_STATE_UNAUTHORIZED)
    return CHQ_BANNER_SIGNED_OUT;
  if (state == CHQ_SYNC_STATE_OFFLINE)
    return CHQ_BANNER_OFFLINE;
  if (state == CHQ_SYNC_STATE_ERROR)
    return CHQ_BANNER_ERROR;
  if (demo)
    return CHQ_BANNER_DEMO;
  return CHQ_BANNER_NONE;
}

/* "10:42" today, "27/11/2026" (the locale's date) before. */
static char *
format_moment (GDateTime *when,
               GDateTime *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (when);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now))
    /* Translators: the time of the last sync today, as in strftime (%H:%M is 24 hours) */
    return g_date_time_format (local, _("%H:%M"));

  return g_date_time_format (local, "%x");
}

/**
 * chq_app_banner_text:
 * @kind: what the banner is about
 * @last_success: (nullable): when the data on screen was last brought up to date
 * @now: the current time
 * @n_waiting: the changes waiting in the outbox
 *
 * Returns: (transfer full) (nullable): the sentence of the banner, %NULL for
 *   %CHQ_BANNER_NONE
 */
char *
chq_app_banner_text (ChqBannerKind  kind,
                     GDateTime     *last_success,
                     GDateTime     *now,
                     guint          n_waiting)
{
  g_autofree char *first = NULL;
  g_autofree char *moment = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  if (last_success != NULL)
    moment = format_moment (last_success, now);

  switch (kind)
    {
    case CHQ_BANNER_NONE:
      return NULL;

    case CHQ_BANNER_DEMO:
      return g_strdup (_("You are looking at demo data."));

    case CHQ_BANNER_SIGNED_OUT:
      first = g_strdup (_("Your session has ended. Sign in again to send your changes and see new data."));
      break;

    case CHQ_BANNER_OFFLINE:
      if (moment != NULL)
        /* Translators: %s is a time (10:42) or a date */
        first = g_strdup_printf (_("Offline — showing data from %s."), moment);
      else
        first = g_strdup (_("Offline — no data could be loaded yet. Check your connection."));
      break;

    case CHQ_BANNER_ERROR:
      if (moment != NULL)
        /* Translators: %s is a time (10:42) or a date */
        first = g_strdup_printf (_("The voucher service has a problem — showing data from %s."), moment);
      else
        first = g_strdup (_("The voucher service has a problem — no data could be loaded yet."));
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  if (n_waiting == 0)
    return g_steal_pointer (&first);

  /* Translators: follows the first sentence of the banner */
  return g_strdup_printf (ngettext ("%s %u change waits to be sent.",
                                    "%s %u changes wait to be sent.", n_waiting),
                          first, n_waiting);
}

/**
 * chq_app_format_updated:
 * @last_success: (nullable): when the data was last brought up to date
 * @now: the current time
 *
 * Returns: (transfer full): "Updated just now", "Updated 5 minutes ago", "Updated 2 hours
 *   ago", "Updated on 27/11/2026", or "Not updated yet"
 */
char *
chq_app_format_updated (GDateTime *last_success,
                        GDateTime *now)
{
  GTimeSpan span;
  gint64 minutes;
  gint64 hours;

  g_return_val_if_fail (now != NULL, NULL);

  if (last_success == NULL)
    return g_strdup (_("Not updated yet"));

  span = g_date_time_difference (now, last_success);
  minutes = span / G_TIME_SPAN_MINUTE;
  hours = span / G_TIME_SPAN_HOUR;

  /* A clock set back shows "just now" rather than a time in the future. */
  if (minutes < 1)
    return g_strdup (_("Updated just now"));
  if (minutes < 60)
    return g_strdup_printf (ngettext ("Updated %d minute ago", "Updated %d minutes ago",
                                      (gulong) minutes),
                            (int) minutes);
  if (hours < 24)
    return g_strdup_printf (ngettext ("Updated %d hour ago", "Updated %d hours ago",
                                      (gulong) hours),
                            (int) hours);

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (last_success);
    g_autofree char *date = g_date_time_format (local, "%x");

    /* Translators: %s is a date */
    return g_strdup_printf (_("Updated on %s"), date);
  }
}

/**
 * chq_app_format_updated_short:
 * @last_success: (nullable): when the data was last brought up to date
 * @now: the current time
 *
 * The sync status as the header bar shows it beside the sync button, short enough to be read
 * whole at the default width in every language (the sentence of chq_app_format_updated() is
 * the sync button's tooltip and description).
 *
 * Returns: (transfer full): "Up to date", "5 min ago", "2 h ago", "Synced 27/11", or
 *   "Not synced yet"
 */
char *
chq_app_format_updated_short (GDateTime *last_success,
                              GDateTime *now)
{
  GTimeSpan span;
  gint64 minutes;
  gint64 hours;

  g_return_val_if_fail (now != NULL, NULL);

  if (last_success == NULL)
    return g_strdup (_("Not synced yet"));

  span = g_date_time_difference (now, last_success);
  minutes = span / G_TIME_SPAN_MINUTE;
  hours = span / G_TIME_SPAN_HOUR;

  if (minutes < 1)
    return g_strdup (_("Up to date"));
  if (minutes < 60)
    /* Translators: the sync status in the header bar, short: minutes since the last sync */
    return g_strdup_printf (ngettext ("%d min ago", "%d min ago", (gulong) minutes),
                            (int) minutes);
  if (hours < 24)
    /* Translators: the sync status in the header bar, short: hours since the last sync */
    return g_strdup_printf (ngettext ("%d h ago", "%d h ago", (gulong) hours), (int) hours);

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (last_success);
    /* Translators: a day and month, short, as strftime() writes them: 27/11 */
    g_autofree char *date = g_date_time_format (local, _("%d/%m"));

    /* Translators: the sync status in the header bar, short: %s is a day and month, 27/11 */
    return g_strdup_printf (_("Synced %s"), date);
  }
}

/**
 * chq_app_format_partial_number:
 * @input: (nullable): an enterprise number as it is being typed
 *
 * Formats what is typed as the enterprise number the way it is written, 0123.456.749: its
 * digits (at most ten) with a dot after the fourth and the seventh, each dot added only once
 * a digit follows it (so that deleting a dot works). Anything else than digits, spaces, dots
 * and dashes (say "BE") is left as typed, for the check to explain.
 *
 * Returns: (transfer full): the text to show
 */
char *
chq_app_format_partial_number (const char *input)
{
  GString *out;
  guint n_digits = 0;

  if (input == NULL)
    return g_strdup ("");

  for (const char *p = input; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != ' ' && *p != '-')
      return g_strdup (input);

  out = g_string_new (NULL);
  for (const char *p = input; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        continue;
      if (n_digits == 10)
        break;
      if (n_digits == 4 || n_digits == 7)
        g_string_append_c (out, '.');
      g_string_append_c (out, *p);
      n_digits++;
    }

  return g_string_free (out, FALSE);
}

/**
 * chq_app_format_partial_number_at:
 * @input: (nullable): an enterprise number as it is being typed
 * @cursor: where the cursor is in @input, in characters
 * @out_cursor: (out): where the cursor goes in the result, in characters
 *
 * Formats @input like chq_app_format_partial_number() and says where the cursor goes so that
 * it stays after the same digit: typing a digit leaves it after that digit, whatever dots
 * were added or removed before it. Text that is not a number keeps its cursor.
 *
 * Returns: (transfer full): the text to show
 */
char *
chq_app_format_partial_number_at (const char *input,
                                  int         cursor,
                                  int        *out_cursor)
{
  char *formatted = chq_app_format_partial_number (input);
  guint digits_before = 0;
  guint seen = 0;
  int position = 0;

  g_return_val_if_fail (out_cursor != NULL, formatted);

  if (input == NULL || g_strcmp0 (formatted, input) == 0)
    {
      *out_cursor = MAX (0, MIN (cursor, (int) g_utf8_strlen (formatted, -1)));
      return formatted;
    }

  /* Only digits, dots, spaces and dashes here: one byte a character. */
  for (int i = 0; input[i] != '\0' && i < cursor; i++)
    digits_before += g_ascii_isdigit (input[i]) ? 1 : 0;

  if (digits_before > 0)
    {
      for (position = 0; formatted[position] != '\0'; position++)
        if (g_ascii_isdigit (formatted[position]) && ++seen == digits_before)
          break;
      position = formatted[position] != '\0' ? position + 1 : position;
    }
  *out_cursor = position;

  return formatted;
}

/**
 * chq_app_sign_in_error_message:
 * @error: why signing in failed
 * @out_field: (out) (optional): the field of the form the message goes under
 *
 * Says what went wrong when signing in and what to do, in words of the app (never the text
 * of @error, which may come from a library or the server).
 *
 * Returns: (transfer full): the message
 */
char *
chq_app_sign_in_error_message (const GError   *error,
                               ChqSignInField *out_field)
{
  ChqSignInField field = CHQ_SIGN_IN_FIELD_NONE;
  const char *message;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != CHQ_CLIENT_ERROR)
    message = _("Chéquier could not open its files on this computer. Check that the disk is not full, then try again.");
  else
    switch ((ChqClientError) error->code)
      {
      case CHQ_CLIENT_ERROR_UNAUTHORIZED:
        field = CHQ_SIGN_IN_FIELD_PASSWORD;
        message = _("The enterprise number or the password is wrong. Check them and try again.");
        break;
      case CHQ_CLIENT_ERROR_CANNOT_REACH:
        field = CHQ_SIGN_IN_FIELD_ADDRESS;
        message = _("Cannot reach the service at this address. Check the address and your connection.");
        break;
      case CHQ_CLIENT_ERROR_TIMED_OUT:
        field = CHQ_SIGN_IN_FIELD_ADDRESS;
        message = _("The service did not answer in time. Check your connection, or try again later.");
        break;
      case CHQ_CLIENT_ERROR_TLS:
        field = CHQ_SIGN_IN_FIELD_ADDRESS;
        message = _("The identity of the service could not be verified (a certificate problem). Check the address; if it is right, do not sign in and tell the service's help desk.");
        break;
      case CHQ_CLIENT_ERROR_INSECURE_ADDRESS:
        field = CHQ_SIGN_IN_FIELD_ADDRESS;
        message = _("The address must start with https:// so that your password is sent encrypted.");
        break;
      case CHQ_CLIENT_ERROR_RATE_LIMITED:
        message = _("Too many attempts. Wait a few minutes before you try again.");
        break;
      case CHQ_CLIENT_ERROR_SERVER:
        message = _("The voucher service has a problem right now. Try again in a few minutes.");
        break;
      case CHQ_CLIENT_ERROR_INVALID_RESPONSE:
      case CHQ_CLIENT_ERROR_NOT_MODIFIED:
        field = CHQ_SIGN_IN_FIELD_ADDRESS;
        message = _("This address does not answer like the voucher service. Check the address.");
        break;
      case CHQ_CLIENT_ERROR_REFUSED:
      default:
        if (g_strcmp0 (chq_client_error_get_field (error), "enterprise_number") == 0)
          {
            field = CHQ_SIGN_IN_FIELD_NUMBER;
            message = _("The service does not know this enterprise number. Check it and try again.");
          }
        else if (g_strcmp0 (chq_client_error_get_code (error), "rate_limited") == 0)
          message = _("Too many attempts. Wait a few minutes before you try again.");
        else
          {
            field = CHQ_SIGN_IN_FIELD_PASSWORD;
            message = _("The service refused to sign you in. Check the enterprise number and the password, and try again.");
          }
        break;
      }

  if (out_field != NULL)
    *out_field = field;

  return g_strdup (message);
}

/**
 * chq_app_page_for_outbox_kind:
 * @kind: what a refused change asked for
 *
 * Returns: the page of the window where such a change is made again: "vouchers" for
 *   orders, "catalogue" for a booking, "workers" for workers and their bookings
 */
const char *
chq_app_page_for_outbox_kind (ChqOutboxKind kind)
{
  switch (kind)
    {
    case CHQ_OUTBOX_KIND_CREATE_ORDER:
    case CHQ_OUTBOX_KIND_CANCEL_ORDER:
      return "vouchers";
    case CHQ_OUTBOX_KIND_CREATE_ENROLMENT:
      return "catalogue";
    case CHQ_OUTBOX_KIND_CREATE_WORKER:
    case CHQ_OUTBOX_KIND_UPDATE_WORKER:
    case CHQ_OUTBOX_KIND_ARCHIVE_WORKER:
    case CHQ_OUTBOX_KIND_CANCEL_ENROLMENT:
    case CHQ_OUTBOX_KIND_RECORD_ATTENDANCE:
      return "workers";
    default:
      g_return_val_if_reached ("catalogue");
    }
}
