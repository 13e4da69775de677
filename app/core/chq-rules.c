/* chq-rules.c: the rules of the voucher scheme (DOMAIN.md) as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "chq-rules.h"

G_DEFINE_QUARK (chq-rules-error-quark, chq_rules_error)

/**
 * chq_rules_order_split:
 * @quantity: the number of vouchers ordered
 * @out: (out caller-allocates): where to write the split
 *
 * Splits an order: each voucher is worth EUR 30 and one hour of training; the company pays
 * EUR 15 and the Region adds EUR 15.
 */
void
chq_rules_order_split (guint          quantity,
                       ChqOrderSplit *out)
{
  g_return_if_fail (out != NULL);

  out->quantity = quantity;
  out->value_cents = (gint64) quantity * CHQ_VOUCHER_VALUE_CENTS;
  out->company_cents = (gint64) quantity * CHQ_VOUCHER_COMPANY_CENTS;
  out->region_cents = (gint64) quantity * CHQ_VOUCHER_REGION_CENTS;
  out->training_hours = quantity;
}

static gboolean
fte_is_valid (double fte)
{
  return isfinite (fte) && fte >= 0.0;
}

/**
 * chq_rules_account_may_order:
 * @kind: the kind of account
 * @fte: the full-time equivalents declared to ONSS (employers)
 * @error: return location for a #CHQ_RULES_ERROR
 *
 * Whether an account may order vouchers at all. Self-employed workers always may (their FTE
 * is not looked at). An employer may when it is an SME: at most %CHQ_MAX_FTE FTE, so 250 may
 * and 250.1 may not. A negative or not-a-number FTE is refused as invalid.
 *
 * Returns: %TRUE when the account may order; otherwise %FALSE with @error set to a
 *   translated sentence
 */
gboolean
chq_rules_account_may_order (ChqAccountKind   kind,
                             double           fte,
                             GError         **error)
{
  switch (kind)
    {
    case CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN:
    case CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY:
      return TRUE;

    case CHQ_ACCOUNT_KIND_EMPLOYER:
      if (!fte_is_valid (fte))
        {
          g_set_error_literal (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_INVALID_FTE,
                               _("The number of full-time equivalents must be zero or more. "
                                 "Correct it in the account details."));
          return FALSE;
        }
      if (fte > CHQ_MAX_FTE)
        {
          g_set_error (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_NOT_AN_SME,
                       _("Only small and medium-sized enterprises, of at most %d full-time "
                         "equivalents, may order training vouchers."),
                       (int) CHQ_MAX_FTE);
          return FALSE;
        }
      return TRUE;

    default:
      g_set_error_literal (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_NOT_AN_SME,
                           _("This kind of account may not order training vouchers."));
      return FALSE;
    }
}

/* One row of the ceilings table of DOMAIN.md. */
typedef struct {
  guint cf;
  guint cfl;
  guint eco;
} CeilingRow;

static const CeilingRow secondary_self_employed_row = { 80, 20, 200 };
static const CeilingRow small_row = { 100, 25, 200 };   /* 0-1.9 FTE, main self-employed */

/* Employers: the row applies up to and including max_fte. */
static const struct {
  double max_fte;
  CeilingRow row;
} employer_rows[] = {
  { 50.0, { 400, 100, 200 } },
  { 100.0, { 600, 150, 200 } },
  { 200.0, { 700, 175, 200 } },
  { CHQ_MAX_FTE, { 800, 200, 200 } },
};

static guint
ceiling_row_get (const CeilingRow *row,
                 ChqVoucherType    type)
{
  switch (type)
    {
    case CHQ_VOUCHER_TYPE_CF:
      return row->cf;
    case CHQ_VOUCHER_TYPE_CFL:
      return row->cfl;
    case CHQ_VOUCHER_TYPE_ECO:
      return row->eco;
    default:
      return 0;
    }
}

/**
 * chq_rules_ceiling:
 * @kind: the kind of account
 * @fte: the full-time equivalents declared to ONSS (employers)
 * @type: the voucher type
 *
 * The number of vouchers of @type the account may receive in a calendar year (DOMAIN.md).
 *
 * The table gives whole-number tiers ("0 to 1.9", "2 to 50", "51 to 100", ...); a
 * fractional FTE between two tiers is placed by the upper bounds, read as "at most":
 * below 2 is the smallest tier (1.9 and 1.99 both), 2 up to and including 50 the second,
 * above 50 up to 100 the third (so 50.5 counts as 51 to 100), above 100 up to 200 the
 * fourth, above 200 up to 250 the fifth. Above 250 the employer is no SME: 0.
 *
 * Returns: the yearly ceiling, or 0 when the account may not order
 */
guint
chq_rules_ceiling (ChqAccountKind kind,
                   double         fte,
                   ChqVoucherType type)
{
  switch (kind)
    {
    case CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY:
      return ceiling_row_get (&secondary_self_employed_row, type);

    case CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN:
      return ceiling_row_get (&small_row, type);

    case CHQ_ACCOUNT_KIND_EMPLOYER:
      if (!chq_rules_account_may_order (kind, fte, NULL))
        return 0;
      if (fte < 2.0)
        return ceiling_row_get (&small_row, type);
      for (guint i = 0; i < G_N_ELEMENTS (employer_rows); i++)
        {
          if (fte <= employer_rows[i].max_fte)
            return ceiling_row_get (&employer_rows[i].row, type);
        }
      return 0;

    default:
      return 0;
    }
}

/**
 * chq_rules_ceiling_left:
 * @ceiling: the yearly ceiling
 * @ordered_this_year: vouchers ordered (and not cancelled) this calendar year
 *
 * Returns: how many more vouchers may be ordered this year, never less than 0
 */
guint
chq_rules_ceiling_left (guint ceiling,
                        guint ordered_this_year)
{
  return ordered_this_year >= ceiling ? 0 : ceiling - ordered_this_year;
}

/**
 * chq_rules_batch_expiry:
 * @credited_on: the day the vouchers were credited
 * @out_expires_on: (out caller-allocates): the last day they may be used
 *
 * Vouchers are valid one year from the month they are credited: credited in month M of
 * year Y, they are valid through the last day of month M - 1 of year Y + 1 (September 2026 ->
 * 2027-08-31), which for January is December 31 of year Y itself (2026-01-05 -> 2026-12-31).
 * The day of the month does not matter.
 */
void
chq_rules_batch_expiry (const GDate *credited_on,
                        GDate       *out_expires_on)
{
  g_return_if_fail (out_expires_on != NULL);

  g_date_clear (out_expires_on, 1);
  g_return_if_fail (credited_on != NULL && g_date_valid (credited_on));
  g_return_if_fail (g_date_get_year (credited_on) < G_MAXUINT16);

  /* The first day of the same month a year later, minus one day. */
  g_date_set_dmy (out_expires_on, 1, g_date_get_month (credited_on),
                  g_date_get_year (credited_on) + 1);
  g_date_subtract_days (out_expires_on, 1);
}

/**
 * chq_rules_batch_usable_on:
 * @expires_on: the last day a batch may be used
 * @day: the day of use
 *
 * Returns: whether vouchers expiring on @expires_on may still be used (or reserved) on
 *   @day: up to and including @expires_on
 */
gboolean
chq_rules_batch_usable_on (const GDate *expires_on,
                           const GDate *day)
{
  g_return_val_if_fail (expires_on != NULL && g_date_valid (expires_on), FALSE);
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);

  return g_date_compare (day, expires_on) <= 0;
}

/**
 * chq_rules_daily_hour_cap:
 * @kind: the kind of training day
 *
 * Returns: the most hours that count for one day of that kind: 7 for a full day, 10 for
 *   language immersion, 4 for a half day or training after 17:00
 */
guint
chq_rules_daily_hour_cap (ChqDayKind kind)
{
  switch (kind)
    {
    case CHQ_DAY_FULL:
      return 7;
    case CHQ_DAY_LANGUAGE_IMMERSION:
      return 10;
    case CHQ_DAY_HALF:
    case CHQ_DAY_EVENING:
      return 4;
    default:
      return 0;
    }
}

/**
 * chq_rules_day_kind:
 * @starts_at: when the session starts, in the time zone it takes place in
 * @ends_at: when the session ends (the same day)
 * @type: the voucher type of the course
 *
 * The kind of training day a session is, to know its hour cap. In this order: a session
 * starting at 17:00 or later (local time of @starts_at) is evening training; one of at most
 * 4 hours is a half day; a longer session of a language course (%CHQ_VOUCHER_TYPE_CFL) is
 * language immersion; any other is a full day.
 *
 * Returns: the kind of day
 */
ChqDayKind
chq_rules_day_kind (GDateTime      *starts_at,
                    GDateTime      *ends_at,
                    ChqVoucherType  type)
{
  GTimeSpan length;

  g_return_val_if_fail (starts_at != NULL, CHQ_DAY_FULL);
  g_return_val_if_fail (ends_at != NULL, CHQ_DAY_FULL);

  if (g_date_time_get_hour (starts_at) >= 17)
    return CHQ_DAY_EVENING;

  length = g_date_time_difference (ends_at, starts_at);
  if (length <= 4 * G_TIME_SPAN_HOUR)
    return CHQ_DAY_HALF;

  if (type == CHQ_VOUCHER_TYPE_CFL)
    return CHQ_DAY_LANGUAGE_IMMERSION;

  return CHQ_DAY_FULL;
}

/**
 * chq_rules_check_day_hours:
 * @kind: the kind of training day
 * @hours: the hours attended that day
 * @error: return location for a #CHQ_RULES_ERROR
 *
 * Returns: %TRUE when @hours is between 0 and the day's cap, both included; otherwise
 *   %FALSE with @error set to a translated sentence
 */
gboolean
chq_rules_check_day_hours (ChqDayKind   kind,
                           double       hours,
                           GError     **error)
{
  guint cap = chq_rules_daily_hour_cap (kind);

  if (!isfinite (hours) || hours < 0.0)
    {
      g_set_error_literal (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_NEGATIVE_HOURS,
                           _("Enter the hours attended as zero or more."));
      return FALSE;
    }

  if (hours > (double) cap)
    {
      switch (kind)
        {
        case CHQ_DAY_LANGUAGE_IMMERSION:
          g_set_error (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_OVER_DAILY_CAP,
                       _("At most %u hours count for a day of language immersion. "
                         "Enter %u hours or fewer."), cap, cap);
          break;
        case CHQ_DAY_HALF:
          g_set_error (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_OVER_DAILY_CAP,
                       _("At most %u hours count for a half day of training. "
                         "Enter %u hours or fewer."), cap, cap);
          break;
        case CHQ_DAY_EVENING:
          g_set_error (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_OVER_DAILY_CAP,
                       _("At most %u hours count for training after 17:00. "
                         "Enter %u hours or fewer."), cap, cap);
          break;
        case CHQ_DAY_FULL:
        default:
          g_set_error (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_OVER_DAILY_CAP,
                       _("At most %u hours count for a day of training. "
                         "Enter %u hours or fewer."), cap, cap);
          break;
        }
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_rules_attendance_day_has_come:
 * @day: a day of training
 * @today: the current day (the caller's clock: the service's, the user's)
 * @error: return location for a #CHQ_RULES_ERROR
 *
 * Hours are attended, not planned: a day after @today has no attendance yet.
 *
 * Returns: %TRUE when @day is @today or earlier; otherwise %FALSE with @error set to a
 *   translated sentence (%CHQ_RULES_ERROR_FUTURE_DAY)
 */
gboolean
chq_rules_attendance_day_has_come (const GDate  *day,
                                   const GDate  *today,
                                   GError      **error)
{
  g_return_val_if_fail (day != NULL && g_date_valid (day), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (g_date_compare (day, today) <= 0)
    return TRUE;

  g_set_error_literal (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_FUTURE_DAY,
                       _("Attendance can only be recorded for today and days before. "
                         "Record this day once it is over."));
  return FALSE;
}

/**
 * chq_rules_worker_status_is_eligible:
 * @status: the worker's status
 * @out_reason: (out) (optional) (transfer none): a translated sentence saying why the worker
 *   may not be trained with vouchers, or %NULL when eligible
 *
 * Employees, temporary workers, self-employed (main activity, or secondary activity for at
 * least six months) and helping spouses may be trained with vouchers; students, apprentices,
 * interns and PFI trainees may not.
 *
 * Returns: whether a worker of that status may be trained with vouchers
 */
gboolean
chq_rules_worker_status_is_eligible (ChqWorkerStatus   status,
                                     const char      **out_reason)
{
  const char *reason = NULL;

  switch (status)
    {
    case CHQ_WORKER_STATUS_EMPLOYEE:
    case CHQ_WORKER_STATUS_TEMP:
    case CHQ_WORKER_STATUS_SELF_EMPLOYED_MAIN:
    case CHQ_WORKER_STATUS_SELF_EMPLOYED_SECONDARY:
    case CHQ_WORKER_STATUS_HELPING_SPOUSE:
      break;
    case CHQ_WORKER_STATUS_STUDENT:
      reason = _("Students may not be trained with training vouchers.");
      break;
    case CHQ_WORKER_STATUS_APPRENTICE:
      reason = _("Apprentices may not be trained with training vouchers.");
      break;
    case CHQ_WORKER_STATUS_INTERN:
      reason = _("Interns may not be trained with training vouchers.");
      break;
    case CHQ_WORKER_STATUS_PFI_TRAINEE:
      reason = _("PFI trainees may not be trained with training vouchers.");
      break;
    default:
      reason = _("Workers of this status may not be trained with training vouchers.");
      break;
    }

  if (out_reason != NULL)
    *out_reason = reason;

  return reason == NULL;
}

/**
 * chq_rules_course_cost:
 * @hours: the course's length in whole hours
 * @price_cents: the course's price in all, in cents
 * @out: (out caller-allocates): where to write the cost
 *
 * What a course costs whom: one voucher per hour, worth EUR 30, of which the company pays
 * EUR 15. When the price is above the vouchers' value the company pays the difference to the
 * provider (top-up); below it, the difference is refunded.
 */
void
chq_rules_course_cost (guint          hours,
                       gint64         price_cents,
                       ChqCourseCost *out)
{
  g_return_if_fail (out != NULL);

  out->hours = hours;
  out->vouchers = hours;
  out->price_cents = price_cents;
  out->voucher_value_cents = (gint64) hours * CHQ_VOUCHER_VALUE_CENTS;
  out->company_voucher_cents = (gint64) hours * CHQ_VOUCHER_COMPANY_CENTS;
  out->region_cents = (gint64) hours * CHQ_VOUCHER_REGION_CENTS;
  out->top_up_cents = MAX (price_cents - out->voucher_value_cents, 0);
  out->refund_cents = MAX (out->voucher_value_cents - price_cents, 0);
  out->company_total_cents = out->company_voucher_cents + out->top_up_cents
                             - out->refund_cents;
}

/**
 * chq_rules_training_right_hours:
 * @days_per_fte: the individual training right in days a year for a full-time worker
 * @hours_per_day: the hours of a training day
 * @fte: the worker's full-time equivalent (1.0 full time, 0.5 half time)
 *
 * The hours of training a worker is owed in a year: the right is set in days for a full-time
 * worker and is prorated by the worker's FTE. A negative or not-a-number input gives 0.
 *
 * Returns: the target hours
 */
double
chq_rules_training_right_hours (double days_per_fte,
                                double hours_per_day,
                                double fte)
{
  if (!isfinite (days_per_fte) || !isfinite (hours_per_day) || !isfinite (fte) ||
      days_per_fte < 0.0 || hours_per_day < 0.0 || fte < 0.0)
    return 0.0;

  return days_per_fte * hours_per_day * fte;
}
