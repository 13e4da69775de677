/* chq-vouchers-logic.c: what the Vouchers page computes, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-vouchers-logic"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-value.h"
#include "chq-vouchers-logic.h"

/**
 * chq_vouchers_parse_date:
 * @iso_date: (nullable): a date written "YYYY-MM-DD"
 * @out: the date read
 *
 * Reads a date of the API. Only the exact form is accepted: the store and the service
 * never write anything else, and a locale-dependent parser would guess.
 *
 * Returns: whether @iso_date is a valid date (@out is cleared when not)
 */
gboolean
chq_vouchers_parse_date (const char *iso_date,
                         GDate      *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  /* The one date rule, shared with the codec and the sandbox. */
  return chq_date_parse (iso_date, out);
}

/**
 * chq_vouchers_format_date:
 * @iso_date: (nullable): a date written "YYYY-MM-DD"
 *
 * Returns: (transfer full): the date as the user's locale writes it; an empty string for
 *   %NULL, the text itself when it is not a date
 */
char *
chq_vouchers_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) when = NULL;
  GDate date;

  if (!chq_vouchers_parse_date (iso_date, &date))
    return g_strdup (iso_date != NULL ? iso_date : "");

  when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date), 12, 0, 0);
  return chq_vouchers_format_date_time (when);
}

/**
 * chq_vouchers_format_date_time:
 * @when: (nullable): a moment
 *
 * Returns: (transfer full): the local day of @when as the user's locale writes it, an empty
 *   string for %NULL
 */
char *
chq_vouchers_format_date_time (GDateTime *when)
{
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (when);
  return g_date_time_format (local, "%x");
}

/**
 * chq_vouchers_order_max:
 * @ceiling: the year's ceiling of the type for the account
 * @ordered_this_year: what the service counts as ordered this year (paid or awaiting payment)
 * @waiting: vouchers of the type in orders waiting in the outbox
 *
 * Returns: the largest quantity one more order may hold (0 when nothing is left)
 */
guint
chq_vouchers_order_max (guint ceiling,
                        guint ordered_this_year,
                        guint waiting)
{
  if (ordered_this_year >= ceiling)
    return 0;
  if (waiting >= ceiling - ordered_this_year)
    return 0;

  return ceiling - ordered_this_year - waiting;
}

/**
 * chq_vouchers_check_quantity:
 * @ceiling: the year's ceiling of the type
 * @ordered_this_year: what the service counts as ordered this year
 * @waiting: vouchers of the type waiting in the outbox
 * @quantity: the quantity asked for
 * @out_message: (out) (optional) (nullable) (transfer full): a translated sentence when the
 *   quantity is refused or is all that is left, %NULL otherwise
 *
 * The check of the order dialog. The service checks the ceiling again when the order
 * arrives; this one spares a refusal.
 *
 * Returns: whether @quantity may be ordered
 */
gboolean
chq_vouchers_check_quantity (guint   ceiling,
                             guint   ordered_this_year,
                             guint   waiting,
                             guint   quantity,
                             char  **out_message)
{
  guint max = chq_vouchers_order_max (ceiling, ordered_this_year, waiting);
  char *message = NULL;
  gboolean ok = FALSE;

  if (ceiling == 0)
    message = g_strdup (_("Your account cannot order this type of voucher. Choose another type."));
  else if (max == 0 && waiting > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "This year’s ceiling of %u voucher is reached, counting the orders waiting to be sent. You can order again in January.",
                                            "This year’s ceiling of %u vouchers is reached, counting the orders waiting to be sent. You can order again in January.",
                                            ceiling),
                               ceiling);
  else if (max == 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "This year’s ceiling of %u voucher is reached. You can order again in January.",
                                            "This year’s ceiling of %u vouchers is reached. You can order again in January.",
                                            ceiling),
                               ceiling);
  else if (quantity == 0)
    message = g_strdup (_("Choose how many vouchers to order: at least one."));
  else if (quantity > max)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "This year’s ceiling leaves %u voucher: order that many at most.",
                                            "This year’s ceiling leaves %u vouchers: order that many at most.",
                                            max),
                               max);
  else
    {
      ok = TRUE;
      if (quantity == max)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "That is all this year’s ceiling leaves (%u voucher).",
                                                "That is all this year’s ceiling leaves (%u vouchers).",
                                                max),
                                   max);
    }

  if (out_message != NULL)
    *out_message = message;
  else
    g_free (message);

  return ok;
}

/**
 * chq_vouchers_ceiling_fraction:
 * @ceiling: the year's ceiling
 * @ordered_this_year: ordered this year
 *
 * Returns: the share of the ceiling already ordered, from 0 to 1 (1 for a ceiling of 0)
 */
double
chq_vouchers_ceiling_fraction (guint ceiling,
                               guint ordered_this_year)
{
  if (ceiling == 0)
    return 1.0;
  if (ordered_this_year >= ceiling)
    return 1.0;

  return (double) ordered_this_year / (double) ceiling;
}

/**
 * chq_vouchers_ceiling_text:
 * @ceiling: the year's ceiling
 * @ordered_this_year: ordered this year (paid or awaiting payment)
 * @waiting: vouchers in orders waiting to be sent
 *
 * Returns: (transfer full): the level bar in words
 */
char *
chq_vouchers_ceiling_text (guint ceiling,
                           guint ordered_this_year,
                           guint waiting)
{
  guint left = chq_vouchers_order_max (ceiling, ordered_this_year, waiting);
  g_autofree char *ordered = NULL;
  g_autofree char *rest = NULL;

  if (ceiling == 0)
    return g_strdup (_("Not available to this account"));

  /* Translators: the first half of "120 of 400 ordered this year, 280 left" */
  ordered = g_strdup_printf (_("%u of %u ordered this year"), ordered_this_year, ceiling);

  if (waiting > 0)
    rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u waiting to be sent, %u left",
                                         "%u waiting to be sent, %u left",
                                         waiting),
                            waiting, left);
  else
    rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u left", "%u left", left), left);

  /* Translators: "<120 of 400 ordered this year>, <280 left>" */
  return g_strdup_printf (_("%s, %s"), ordered, rest);
}

/**
 * chq_vouchers_date_is_within:
 * @date: a day
 * @today: today
 * @days: the length of the period
 *
 * Returns: whether @date is today or one of the @days days that follow
 */
gboolean
chq_vouchers_date_is_within (const GDate *date,
                             const GDate *today,
                             guint        days)
{
  int ahead;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  ahead = g_date_days_between (today, date);
  return ahead >= 0 && (guint) ahead <= days;
}

/**
 * chq_vouchers_batch_is_expired:
 * @batch: a batch
 * @today: today
 *
 * Returns: whether the batch's last valid day is before @today (an unreadable date counts
 *   as not expired: the service decides)
 */
gboolean
chq_vouchers_batch_is_expired (ChqVoucherBatch *batch,
                               const GDate     *today)
{
  GDate expires;

  if (!chq_vouchers_parse_date (chq_voucher_batch_get_expires_on (batch), &expires))
    return FALSE;

  return g_date_compare (&expires, today) < 0;
}

/**
 * chq_vouchers_batch_is_expiring:
 * @batch: a batch
 * @today: today
 * @warning_days: the warning period (the setting "expiry-warning-days")
 *
 * Returns: whether the batch still holds vouchers (available or reserved) and its last
 *   valid day falls within the warning period
 */
gboolean
chq_vouchers_batch_is_expiring (ChqVoucherBatch *batch,
                                const GDate     *today,
                                guint            warning_days)
{
  GDate expires;

  if (chq_voucher_batch_get_available (batch) + chq_voucher_batch_get_reserved (batch) == 0)
    return FALSE;
  if (!chq_vouchers_parse_date (chq_voucher_batch_get_expires_on (batch), &expires))
    return FALSE;

  return chq_vouchers_date_is_within (&expires, today, warning_days);
}

/**
 * chq_vouchers_count_expiring:
 * @batches: (element-type ChqVoucherBatch): the wallet's batches
 * @type: a #ChqVoucherType, or -1 for every type
 * @today: today
 * @warning_days: the warning period
 * @out_earliest: (out) (optional) (nullable) (transfer full): the earliest expiry among
 *   them, "YYYY-MM-DD", %NULL when there is none
 *
 * Returns: the available vouchers that expire within the warning period
 */
guint
chq_vouchers_count_expiring (GPtrArray    *batches,
                             int           type,
                             const GDate  *today,
                             guint         warning_days,
                             char        **out_earliest)
{
  const char *earliest = NULL;
  GDate earliest_date;
  guint count = 0;

  g_date_clear (&earliest_date, 1);

  for (guint i = 0; batches != NULL && i < batches->len; i++)
    {
      ChqVoucherBatch *batch = g_ptr_array_index (batches, i);
      GDate expires;

      if (type >= 0 && (int) chq_voucher_batch_get_voucher_type (batch) != type)
        continue;
      if (chq_voucher_batch_get_available (batch) == 0)
        continue;
      if (!chq_vouchers_batch_is_expiring (batch, today, warning_days))
        continue;

      count += chq_voucher_batch_get_available (batch);
      chq_vouchers_parse_date (chq_voucher_batch_get_expires_on (batch), &expires);
      if (earliest == NULL || g_date_compare (&expires, &earliest_date) < 0)
        {
          earliest = chq_voucher_batch_get_expires_on (batch);
          earliest_date = expires;
        }
    }

  if (out_earliest != NULL)
    *out_earliest = g_strdup (earliest);

  return count;
}

static int
compare_batch_expiry (gconstpointer a,
                      gconstpointer b)
{
  ChqVoucherBatch *batch_a = *(ChqVoucherBatch **) a;
  ChqVoucherBatch *batch_b = *(ChqVoucherBatch **) b;

  return g_strcmp0 (chq_voucher_batch_get_expires_on (batch_a),
                    chq_voucher_batch_get_expires_on (batch_b));
}

/**
 * chq_vouchers_batches_to_notify:
 * @batches: (element-type ChqVoucherBatch): the wallet's batches
 * @today: today
 * @warning_days: the warning period
 * @notified: (nullable) (array zero-terminated=1): ids of batches already notified
 *
 * One notification per batch entering the warning period: the batches to tell about now.
 * A batch with only reserved vouchers left is not told about (nothing can be done with it).
 *
 * Returns: (transfer full): the ids, oldest expiry first (an empty array when none)
 */
GStrv
chq_vouchers_batches_to_notify (GPtrArray          *batches,
                                const GDate        *today,
                                guint               warning_days,
                                const char * const *notified)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  for (guint i = 0; batches != NULL && i < batches->len; i++)
    {
      ChqVoucherBatch *batch = g_ptr_array_index (batches, i);
      const char *id = chq_voucher_batch_get_id (batch);

      if (id == NULL || chq_voucher_batch_get_available (batch) == 0)
        continue;
      if (!chq_vouchers_batch_is_expiring (batch, today, warning_days))
        continue;
      if (notified != NULL && g_strv_contains (notified, id))
        continue;

      g_ptr_array_add (due, batch);
    }

  g_ptr_array_sort (due, compare_batch_expiry);
  for (guint i = 0; i < due->len; i++)
    g_strv_builder_add (ids, chq_voucher_batch_get_id (g_ptr_array_index (due, i)));

  return g_strv_builder_end (ids);
}

/**
 * chq_vouchers_merge_notified:
 * @batches: (element-type ChqVoucherBatch): the wallet's batches
 * @notified: (nullable) (array zero-terminated=1): ids already notified
 * @added: (nullable) (array zero-terminated=1): ids notified now
 *
 * The new value of the setting "notified-batches": ids of batches no longer in the wallet
 * are dropped, so that the list never grows without end.
 *
 * Returns: (transfer full): the ids to keep
 */
GStrv
chq_vouchers_merge_notified (GPtrArray          *batches,
                             const char * const *notified,
                             const char * const *added)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; batches != NULL && i < batches->len; i++)
    {
      const char *id = chq_voucher_batch_get_id (g_ptr_array_index (batches, i));

      if (id != NULL)
        g_hash_table_add (present, (gpointer) id);
    }

  for (guint pass = 0; pass < 2; pass++)
    {
      const char * const *list = pass == 0 ? notified : added;

      for (guint i = 0; list != NULL && list[i] != NULL; i++)
        {
          if (!g_hash_table_contains (present, list[i]) || g_hash_table_contains (seen, list[i]))
            continue;
          g_hash_table_add (seen, (gpointer) list[i]);
          g_strv_builder_add (ids, list[i]);
        }
    }

  return g_strv_builder_end (ids);
}

/**
 * chq_vouchers_newly_credited:
 * @previous: (nullable) (element-type utf8 gint): order id -> GINT_TO_POINTER (status) at
 *   the last look; %NULL before the first look
 * @orders: (element-type ChqOrder): the orders now
 *
 * Returns: (transfer full) (element-type ChqOrder): the orders credited since the last look
 *   (never those seen for the first time: a fresh start does not notify old news)
 */
GPtrArray *
chq_vouchers_newly_credited (GHashTable *previous,
                             GPtrArray  *orders)
{
  GPtrArray *credited = g_ptr_array_new_with_free_func (g_object_unref);

  if (previous == NULL)
    return credited;

  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      ChqOrder *order = g_ptr_array_index (orders, i);
      gpointer before;

      if (chq_order_get_status (order) != CHQ_ORDER_STATUS_CREDITED)
        continue;
      if (chq_order_get_id (order) == NULL ||
          !g_hash_table_lookup_extended (previous, chq_order_get_id (order), NULL, &before))
        continue;
      if (GPOINTER_TO_INT (before) == CHQ_ORDER_STATUS_AWAITING_PAYMENT)
        g_ptr_array_add (credited, g_object_ref (order));
    }

  return credited;
}

/**
 * chq_vouchers_used_in_year:
 * @enrolments: (nullable) (element-type ChqEnrolment): enrolments, of any years
 * @type: a voucher type
 * @year: a calendar year
 *
 * Counts the vouchers of @type used in @year: the vouchers used by the attended enrolments
 * whose session started in @year (in the session's own time zone, Belgian time). Booked
 * enrolments only hold a reservation and cancelled ones used nothing.
 *
 * Returns: the number of vouchers of @type used in @year
 */
guint
chq_vouchers_used_in_year (GPtrArray      *enrolments,
                           ChqVoucherType  type,
                           int             year)
{
  guint used = 0;

  if (enrolments == NULL)
    return 0;

  for (guint i = 0; i < enrolments->len; i++)
    {
      ChqEnrolment *enrolment = g_ptr_array_index (enrolments, i);
      GDateTime *starts_at = chq_enrolment_get_starts_at (enrolment);

      if (chq_enrolment_get_status (enrolment) != CHQ_ENROLMENT_STATUS_ATTENDED ||
          chq_enrolment_get_voucher_type (enrolment) != type ||
          starts_at == NULL || g_date_time_get_year (starts_at) != year)
        continue;

      used += chq_enrolment_get_vouchers_used (enrolment);
    }

  return used;
}

/**
 * chq_vouchers_type_is_shown:
 * @ceiling: the account's ceiling for the type
 * @total: (nullable): the wallet's total for the type
 *
 * Returns: whether the page shows the type: the account may order it, or holds some
 */
gboolean
chq_vouchers_type_is_shown (guint                 ceiling,
                            const ChqWalletTotal *total)
{
  if (ceiling > 0)
    return TRUE;

  return total != NULL && total->available + total->reserved + total->used > 0;
}

/**
 * chq_vouchers_order_state:
 * @status: the order's status at the service
 * @cancel_waiting: whether a cancellation of it waits in the outbox
 *
 * Returns: the state the history shows
 */
ChqOrderState
chq_vouchers_order_state (ChqOrderStatus status,
                          gboolean       cancel_waiting)
{
  switch (status)
    {
    case CHQ_ORDER_STATUS_AWAITING_PAYMENT:
      return cancel_waiting ? CHQ_ORDER_STATE_CANCELLING : CHQ_ORDER_STATE_AWAITING_PAYMENT;
    case CHQ_ORDER_STATUS_CREDITED:
      return CHQ_ORDER_STATE_CREDITED;
    case CHQ_ORDER_STATUS_CANCELLED:
      return CHQ_ORDER_STATE_CANCELLED;
    default:
      g_return_val_if_reached (CHQ_ORDER_STATE_AWAITING_PAYMENT);
    }
}

/**
 * chq_vouchers_order_state_text:
 * @state: the state
 * @reason: (nullable): why the service refused the order
 *
 * Returns: (transfer full): the status as the order history writes it
 */
char *
chq_vouchers_order_state_text (ChqOrderState  state,
                               const char    *reason)
{
  switch (state)
    {
    case CHQ_ORDER_STATE_WAITING:
      return g_strdup (_("Waiting to be sent"));
    case CHQ_ORDER_STATE_REFUSED:
      if (reason != NULL && *reason != '\0')
        /* Translators: %s is the service's reason, a sentence */
        return g_strdup_printf (_("Refused: %s"), reason);
      return g_strdup (_("Refused by the voucher service"));
    case CHQ_ORDER_STATE_AWAITING_PAYMENT:
      return g_strdup (_("Awaiting payment"));
    case CHQ_ORDER_STATE_CANCELLING:
      return g_strdup (_("Cancellation waiting to be sent"));
    case CHQ_ORDER_STATE_CREDITED:
      return g_strdup (_("Credited"));
    case CHQ_ORDER_STATE_CANCELLED:
      return g_strdup (_("Cancelled"));
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

/**
 * chq_vouchers_order_state_can_cancel:
 * @state: the state
 *
 * Returns: whether the order may be cancelled: only while awaiting payment
 */
gboolean
chq_vouchers_order_state_can_cancel (ChqOrderState state)
{
  return state == CHQ_ORDER_STATE_AWAITING_PAYMENT;
}

/**
 * chq_vouchers_ceiling_left_text:
 * @ceiling: the year's ceiling of the type
 * @ordered_this_year: what the service counts as ordered this year
 * @waiting: vouchers of the type in orders waiting in the outbox
 *
 * Says what the year's ceiling still leaves, before any quantity is typed, so that nobody
 * learns the bound by going over it: "350 of the 400 vouchers of this year's ceiling are
 * left", with the orders not sent yet counted and said.
 *
 * Returns: (transfer full): the sentence
 */
char *
chq_vouchers_ceiling_left_text (guint ceiling,
                                guint ordered_this_year,
                                guint waiting)
{
  guint left = chq_vouchers_order_max (ceiling, ordered_this_year, waiting);

  if (ceiling == 0)
    return g_strdup (_("No ceiling for this type: your account cannot order it."));

  if (waiting > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Left this year: %u of %u, counting %u voucher waiting to be sent",
                                         "Left this year: %u of %u, counting %u vouchers waiting to be sent",
                                         waiting),
                            left, ceiling, waiting);

  return g_strdup_printf (_("Left this year: %u of %u"), left, ceiling);
}

/**
 * chq_vouchers_compare_batches:
 * @a: a #ChqVoucherBatch
 * @b: a #ChqVoucherBatch
 * @user_data: unused
 *
 * The order of the batches on the Vouchers page: those with vouchers left first, soonest
 * expiry first; then the spent ones, newest first. A #GCompareDataFunc.
 *
 * Returns: < 0, 0 or > 0 as @a comes before, with or after @b
 */
int
chq_vouchers_compare_batches (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data)
{
  ChqVoucherBatch *batch_a = CHQ_VOUCHER_BATCH ((gpointer) a);
  ChqVoucherBatch *batch_b = CHQ_VOUCHER_BATCH ((gpointer) b);
  gboolean left_a = chq_voucher_batch_get_available (batch_a) + chq_voucher_batch_get_reserved (batch_a) > 0;
  gboolean left_b = chq_voucher_batch_get_available (batch_b) + chq_voucher_batch_get_reserved (batch_b) > 0;
  int by_expiry = g_strcmp0 (chq_voucher_batch_get_expires_on (batch_a),
                             chq_voucher_batch_get_expires_on (batch_b));

  if (left_a != left_b)
    return left_a ? -1 : 1;

  return left_a ? by_expiry : -by_expiry;
}
