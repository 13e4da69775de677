/* chq-training-right.c: the individual training right (credit, balance, "late")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The law of 3 October 2022 (DOMAIN.md): fewer than 10 workers, no right unless a sector
 * agreement sets one; 10 to 19, 1 day a year per FTE; 20 or more, 5 days. A joint
 * committee's agreement may set other days and a growth path. Part-time workers and those
 * who join or leave during the year get it pro rata.
 *
 * Decisions (the law leaves the counting to the employer):
 * - months of service: a calendar month counts whole when the worker is in service on at
 *   least one of its days (joining on 15 June gives June to December, 7 months; leaving on
 *   10 March gives January to March, 3);
 * - the credit is days per FTE x work fraction x months / 12, rounded to a hundredth;
 * - hours followed become days at the company's hours per day;
 * - carry-over for N years: the unused days of a year may still be used in the N years
 *   after it; days followed use the oldest credit first;
 * - "late": by a date, the worker should have followed the credit times the share of their
 *   service period gone by, rounded down to whole days (trainings come in days).
 */
#define G_LOG_DOMAIN "chq-training-right"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "chq-ident.h"
#include "chq-training-right.h"

G_DEFINE_QUARK (chq-training-check-error-quark, chq_training_check_error)

ChqTrainingTier
chq_training_tier_for_workforce (double workforce)
{
  if (workforce >= 20)
    return CHQ_TRAINING_TIER_20_OR_MORE;
  if (workforce >= 10)
    return CHQ_TRAINING_TIER_10_TO_19;

  return CHQ_TRAINING_TIER_UNDER_10;
}

double
chq_training_tier_get_days (ChqTrainingTier tier)
{
  switch (tier)
    {
    case CHQ_TRAINING_TIER_UNDER_10:
      return 0;
    case CHQ_TRAINING_TIER_10_TO_19:
      return 1;
    case CHQ_TRAINING_TIER_20_OR_MORE:
      return 5;
    default:
      g_return_val_if_reached (0);
    }
}

/**
 * chq_worker_status_has_training_right:
 * @status: a worker's status
 *
 * Only the company's own employees have an individual training right against it: not the
 * self-employed (manager, partner, helping spouse), not agency temps (the agency is their
 * employer), not students, apprentices, interns or PFI trainees.
 *
 * Returns: whether a worker of @status has a training credit
 */
gboolean
chq_worker_status_has_training_right (ChqWorkerStatus status)
{
  return status == CHQ_WORKER_STATUS_EMPLOYEE;
}

static int
date_to_julian_or (const GDate *date,
                   guint32      fallback)
{
  return date != NULL && g_date_valid (date) ? (int) g_date_get_julian (date) : (int) fallback;
}

/* The service period within @year as Julian days; FALSE when empty. */
static gboolean
service_period (const GDate *entry,
                const GDate *leaving,
                int          year,
                guint32     *out_first,
                guint32     *out_last)
{
  GDate jan1, dec31;
  int first, last;

  g_date_clear (&jan1, 1);
  g_date_clear (&dec31, 1);
  g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, year);
  g_date_set_dmy (&dec31, 31, G_DATE_DECEMBER, year);

  first = MAX (date_to_julian_or (entry, 0), (int) g_date_get_julian (&jan1));
  last = MIN (date_to_julian_or (leaving, G_MAXINT32), (int) g_date_get_julian (&dec31));
  if (first > last)
    return FALSE;

  *out_first = first;
  *out_last = last;
  return TRUE;
}

guint
chq_training_months_of_service (const GDate *entry,
                                const GDate *leaving,
                                int          year)
{
  guint32 first, last;
  GDate a, b;

  if (!service_period (entry, leaving, year, &first, &last))
    return 0;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_julian (&a, first);
  g_date_set_julian (&b, last);

  return g_date_get_month (&b) - g_date_get_month (&a) + 1;
}

double
chq_training_share_elapsed (const GDate *entry,
                            const GDate *leaving,
                            int          year,
                            const GDate *at)
{
  guint32 first, last, now;

  g_return_val_if_fail (at != NULL && g_date_valid (at), 0);

  if (!service_period (entry, leaving, year, &first, &last))
    return 0;

  now = g_date_get_julian (at);
  if (now < first)
    return 0;
  if (now >= last)
    return 1;

  return (double) (now - first + 1) / (double) (last - first + 1);
}

double
chq_training_days_per_fte (const ChqTrainingSettings *settings,
                           const ChqJcRule           *rule,
                           int                        year)
{
  if (rule != NULL)
    return chq_jc_rule_days_for_year (rule, year);

  return chq_training_tier_get_days (chq_training_tier_for_workforce (settings->workforce));
}

double
chq_training_hours_in_year (GPtrArray *trainings,
                            int        year)
{
  double hours = 0;

  for (guint i = 0; trainings != NULL && i < trainings->len; i++)
    {
      const ChqTraining *training = trainings->pdata[i];

      if (chq_training_get_year (training) == year)
        hours += training->hours;
    }

  return hours;
}

static double
round_hundredth (double value)
{
  return round (value * 100) / 100;
}

static double
year_credit (const ChqTrainingSettings *settings,
             const ChqJcRule           *rule,
             const ChqWorkerDetails    *details,
             int                        year,
             double                    *out_days_per_fte,
             guint                     *out_months)
{
  double fraction = details != NULL && details->work_fraction > 0 && details->work_fraction <= 1
                    ? details->work_fraction : 1.0;
  double days = chq_training_days_per_fte (settings, rule, year);
  guint months = chq_training_months_of_service (details != NULL ? &details->entry_date : NULL,
                                                 details != NULL ? &details->leaving_date : NULL,
                                                 year);

  if (out_days_per_fte != NULL)
    *out_days_per_fte = days;
  if (out_months != NULL)
    *out_months = months;

  return round_hundredth (days * fraction * months / 12.0);
}

/**
 * chq_training_balance_compute:
 * @settings: the company's settings
 * @rule: (nullable): the worker's joint committee's rule
 * @status: the worker's status
 * @details: (nullable): the worker's details (%NULL: full time, in service all year)
 * @trainings: (element-type ChqTraining) (nullable): the worker's trainings, any year
 * @year: the calendar year
 * @at: the date "late" is judged at
 * @out: (out caller-allocates): the balance
 *
 * Computes a worker's training credit for @year and what is left of it (see the header).
 */
void
chq_training_balance_compute (const ChqTrainingSettings *settings,
                              const ChqJcRule           *rule,
                              ChqWorkerStatus            status,
                              const ChqWorkerDetails    *details,
                              GPtrArray                 *trainings,
                              int                        year,
                              const GDate               *at,
                              ChqTrainingBalance        *out)
{
  double hours_per_day = settings->hours_per_day > 0 ? settings->hours_per_day : 7.6;
  guint carry = MIN (settings->carry_over_years, 10);
  double pools[11] = { 0 };   /* unused credit of year - carry .. year */
  double share;

  memset (out, 0, sizeof *out);
  out->fraction = details != NULL && details->work_fraction > 0 && details->work_fraction <= 1
                  ? details->work_fraction : 1.0;
  out->followed_hours = chq_training_hours_in_year (trainings, year);
  out->followed_days = round_hundredth (out->followed_hours / hours_per_day);
  out->has_right = chq_worker_status_has_training_right (status);
  if (!out->has_right)
    return;

  out->sector_rule = rule != NULL;
  out->credit_days = year_credit (settings, rule, details, year, &out->days_per_fte,
                                  &out->months);

  /* The years before, oldest first: each year's days use up the oldest credit still valid. */
  for (guint k = 0; k <= carry; k++)
    {
      int y = year - (int) carry + (int) k;
      double followed;

      pools[k] = k == carry ? out->credit_days : year_credit (settings, rule, details, y,
                                                              NULL, NULL);
      if (k == carry)
        {
          for (guint j = 0; j < carry; j++)
            out->carried_in_days += pools[j];
        }

      followed = chq_training_hours_in_year (trainings, y) / hours_per_day;
      for (guint j = 0; j <= k && followed > 0; j++)
        {
          double used = MIN (pools[j], followed);

          pools[j] -= used;
          followed -= used;
        }
    }

  out->carried_in_days = round_hundredth (out->carried_in_days);
  out->left_days = round_hundredth (MAX (0, out->credit_days + out->carried_in_days -
                                         out->followed_days));
  if (carry > 0)
    {
      /* Next year, the oldest pool (year - carry) has expired. */
      for (guint j = 1; j <= carry; j++)
        out->carried_over_days += pools[j];
      out->carried_over_days = round_hundredth (out->carried_over_days);
    }

  share = chq_training_share_elapsed (details != NULL ? &details->entry_date : NULL,
                                      details != NULL ? &details->leaving_date : NULL,
                                      year, at);
  out->expected_days = floor (out->credit_days * share + 1e-9);
  out->late = out->followed_days + 1e-9 < out->expected_days;
}

/* Checks */

/**
 * chq_joint_committee_number_validate:
 * @number: a joint committee's number as typed
 * @error: return location for a #GError
 *
 * A joint committee (commission paritaire) is numbered with three digits, and a
 * sub-committee adds a dot and two digits: "200", "124.00", "330.01".
 *
 * Returns: whether @number is written so
 */
gboolean
chq_joint_committee_number_validate (const char  *number,
                                     GError     **error)
{
  gsize len = number != NULL ? strlen (number) : 0;
  gboolean ok = (len == 3 || len == 6) &&
                g_ascii_isdigit (number[0]) && g_ascii_isdigit (number[1]) &&
                g_ascii_isdigit (number[2]) &&
                (len == 3 || (number[3] == '.' && g_ascii_isdigit (number[4]) &&
                              g_ascii_isdigit (number[5])));

  if (!ok)
    g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR,
                         CHQ_TRAINING_CHECK_ERROR_JOINT_COMMITTEE,
                         _("A joint committee number has three digits, and a dot and two "
                           "more for a sub-committee, like 200 or 124.00."));

  return ok;
}

gboolean
chq_work_fraction_validate (double   fraction,
                            GError **error)
{
  if (fraction > 0 && fraction <= 1)
    return TRUE;

  g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_FRACTION,
                       _("The work fraction must be above 0 and at most 1 (full time); for "
                         "a four-fifths part time write 0.8."));
  return FALSE;
}

static int
niss_check (const char *digits9,
            gboolean    born_2000)
{
  guint64 n = g_ascii_strtoull (digits9, NULL, 10);

  if (born_2000)
    n += G_GUINT64_CONSTANT (2000000000);

  return 97 - (int) (n % 97);
}

/**
 * chq_niss_matches_birth_date:
 * @niss: a national register number (any layout)
 * @birth_date: the birth date
 * @error: return location for a #GError
 *
 * A national register number starts with the birth date (YYMMDD; BIS numbers add 20 or 40
 * to the month), its century told by the check digits. A number that does not encode a full
 * date (month or day 0) matches any birth date.
 *
 * Returns: whether the date @niss encodes is @birth_date
 */
gboolean
chq_niss_matches_birth_date (const char   *niss,
                             const GDate  *birth_date,
                             GError      **error)
{
  g_autofree char *n = chq_niss_normalize (niss, error);
  char head[10];
  guint yy, mm, dd, year;
  int check;

  if (n == NULL)
    return FALSE;
  if (birth_date == NULL || !g_date_valid (birth_date))
    return TRUE;

  memcpy (head, n, 9);
  head[9] = '\0';
  yy = (n[0] - '0') * 10 + (n[1] - '0');
  mm = ((n[2] - '0') * 10 + (n[3] - '0')) % 20;
  dd = (n[4] - '0') * 10 + (n[5] - '0');
  check = (n[9] - '0') * 10 + (n[10] - '0');
  year = niss_check (head, TRUE) == check ? 2000 + yy : 1900 + yy;

  if (mm == 0 || dd == 0)
    return TRUE;

  if (g_date_get_year (birth_date) == year && g_date_get_month (birth_date) == mm &&
      g_date_get_day (birth_date) == dd)
    return TRUE;

  g_set_error (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_NISS,
               _("The national register number is of someone born on %02u/%02u/%04u, not "
                 "on the birth date given. Check both."), dd, mm, year);
  return FALSE;
}

static gboolean
set_dates_error (GError     **error,
                 const char  *message)
{
  g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_DATES,
                       message);
  return FALSE;
}

/**
 * chq_worker_details_check:
 * @details: a worker's details
 * @niss: (nullable): the worker's national register number
 * @today: (nullable): today, to refuse a birth in the future
 * @error: return location for a #GError
 *
 * Returns: whether the details hold together
 */
gboolean
chq_worker_details_check (const ChqWorkerDetails  *details,
                          const char              *niss,
                          const GDate             *today,
                          GError                 **error)
{
  const GDate *birth = &details->birth_date;

  if (details->worker_key == NULL || *details->worker_key == '\0')
    {
      g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_WORKER,
                           _("These details belong to no worker. Save the worker first."));
      return FALSE;
    }

  if (g_date_valid (birth))
    {
      if (g_date_get_year (birth) < 1900 ||
          (today != NULL && g_date_valid (today) && g_date_compare (birth, today) > 0))
        {
          g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR,
                               CHQ_TRAINING_CHECK_ERROR_BIRTH_DATE,
                               _("The birth date is not possible. Write it as on the "
                                 "identity card."));
          return FALSE;
        }
      if (g_date_valid (&details->entry_date) &&
          g_date_compare (&details->entry_date, birth) <= 0)
        return set_dates_error (error, _("The date of entry comes before the birth date. "
                                         "Check both."));
    }

  if (g_date_valid (&details->entry_date) && g_date_valid (&details->leaving_date) &&
      g_date_compare (&details->leaving_date, &details->entry_date) < 0)
    return set_dates_error (error, _("The date of leaving comes before the date of entry. "
                                     "Check both."));

  if (!chq_work_fraction_validate (details->work_fraction, error))
    return FALSE;

  if (details->jc_number != NULL && *details->jc_number != '\0' &&
      !chq_joint_committee_number_validate (details->jc_number, error))
    return FALSE;

  if (niss != NULL && *niss != '\0' && !chq_niss_matches_birth_date (niss, birth, error))
    return FALSE;

  return TRUE;
}

/**
 * chq_training_check:
 * @training: a training
 * @error: return location for a #GError
 *
 * Returns: whether the training can be stored
 */
gboolean
chq_training_check (const ChqTraining  *training,
                    GError            **error)
{
  g_autofree char *title = g_strstrip (g_strdup (training->title != NULL ? training->title
                                                                         : ""));
  double days = 1;

  if (training->worker_key == NULL || *training->worker_key == '\0')
    {
      g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_WORKER,
                           _("Choose the worker who followed the training."));
      return FALSE;
    }
  if (*title == '\0')
    {
      g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_TITLE,
                           _("Give the training a title."));
      return FALSE;
    }
  if (!g_date_valid (&training->start_date))
    return set_dates_error (error, _("Give the date the training started."));
  if (g_date_valid (&training->end_date))
    {
      if (g_date_compare (&training->end_date, &training->start_date) < 0)
        return set_dates_error (error, _("The training ends before it starts. Check the "
                                         "dates."));
      days = g_date_days_between (&training->start_date, &training->end_date) + 1;
    }
  if (!(training->hours > 0) || training->hours > 24 * days)
    {
      g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_HOURS,
                           _("The hours must be above 0 and fit in the training’s days."));
      return FALSE;
    }
  if (training->cost_cents < 0)
    {
      g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_COST,
                           _("The cost cannot be negative."));
      return FALSE;
    }
  if (training->certificate && g_date_valid (&training->certificate_valid_until) &&
      g_date_compare (&training->certificate_valid_until, &training->start_date) < 0)
    return set_dates_error (error, _("The certificate’s validity ends before the training "
                                     "started. Check the dates."));

  return TRUE;
}

gboolean
chq_training_settings_check (const ChqTrainingSettings  *settings,
                             GError                    **error)
{
  if (!(settings->hours_per_day > 0 && settings->hours_per_day <= 24) ||
      settings->carry_over_years > 10 || settings->workforce > 1000000)
    {
      g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_SETTINGS,
                           _("The hours per day must be above 0 and at most 24, and unused "
                             "days can be carried over for at most 10 years."));
      return FALSE;
    }

  return TRUE;
}
