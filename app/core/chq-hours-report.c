/* chq-hours-report.c: the training hours of one year, per worker, per course and per month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pure computation over what the store holds: the company's workers and the enrolments of
 * one year (those whose session starts in that year, as GET /v1/enrolments?year= answers).
 * Cancelled enrolments do not count. An attended enrolment counts its attended hours and the
 * vouchers it used; a booked one counts the course's hours as booked and its reserved
 * vouchers. The month chart puts attended hours on the days attended and booked hours on the
 * month the session starts.
 */
#define G_LOG_DOMAIN "chq-hours-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chq-csv.h"
#include "chq-hours-report.h"
#include "chq-ident.h"
#include "chq-rules.h"
#include "chq-value.h"

static void
hours_worker_free (gpointer data)
{
  ChqHoursWorker *w = data;

  g_free (w->worker_id);
  g_free (w->name);
  g_free (w->niss);
  g_free (w);
}

static void
hours_course_free (gpointer data)
{
  ChqHoursCourse *c = data;

  g_free (c->course_id);
  g_free (c->title);
  g_free (c->provider);
  g_free (c);
}

static void
hours_record_free (gpointer data)
{
  ChqHoursRecord *r = data;

  g_free (r->enrolment_id);
  g_free (r->worker_id);
  g_free (r->worker_name);
  g_free (r->niss);
  g_free (r->course_id);
  g_free (r->title);
  g_free (r->provider);
  g_free (r->usage_code);
  g_free (r);
}

/**
 * chq_hours_report_free:
 * @report: (nullable): a #ChqHoursReport
 *
 * Frees @report and everything in it.
 */
void
chq_hours_report_free (ChqHoursReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->workers, g_ptr_array_unref);
  g_clear_pointer (&report->courses, g_ptr_array_unref);
  g_clear_pointer (&report->records, g_ptr_array_unref);
  g_free (report);
}

/**
 * chq_hours_year_elapsed:
 * @year: a calendar year
 * @today: the current date
 *
 * How much of @year has gone by on @today, counting @today as gone by: 0 for a year still
 * to come, 1 for a year past, day-of-year / days-in-year within it.
 *
 * Returns: a fraction from 0 to 1
 */
double
chq_hours_year_elapsed (int          year,
                        const GDate *today)
{
  int this_year;

  g_return_val_if_fail (today != NULL && g_date_valid (today), 0.0);

  this_year = g_date_get_year (today);
  if (year < this_year)
    return 1.0;
  if (year > this_year)
    return 0.0;

  return (double) g_date_get_day_of_year (today) /
         (g_date_is_leap_year ((GDateYear) year) ? 366.0 : 365.0);
}

/**
 * chq_hours_report_is_behind:
 * @hours_attended: the worker's hours attended in @year
 * @hours_booked: the worker's hours booked and not attended yet
 * @target_hours: the worker's training right for the year, in hours
 * @year: the year of the report
 * @today: the current date
 *
 * A worker is behind when the hours attended and booked fall short of the share of the
 * target the year gone by asks for (all of it for a past year, none for a year to come).
 * Booked hours count because a booked worker is on the way; a worker with no target (not
 * eligible, or a training right of 0) is never behind.
 *
 * Returns: %TRUE when the worker is behind
 */
gboolean
chq_hours_report_is_behind (double       hours_attended,
                            double       hours_booked,
                            double       target_hours,
                            int          year,
                            const GDate *today)
{
  double due;

  if (!(target_hours > 0.0))
    return FALSE;

  due = target_hours * chq_hours_year_elapsed (year, today);

  /* Hours come in halves: a hundredth of slack keeps rounding from flagging anyone. */
  return hours_attended + hours_booked + 0.01 < due;
}

/**
 * chq_hours_format:
 * @hours: a number of hours
 * @for_file: %TRUE for files (a dot as decimal separator), %FALSE for people (the locale's)
 *
 * Writes hours with one decimal when they have one: "7", "7.5" (or "7,5" in French).
 *
 * Returns: (transfer full): the text
 */
char *
chq_hours_format (double   hours,
                  gboolean for_file)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double rounded = round (hours * 10.0) / 10.0;
  gboolean whole = fabs (rounded - round (rounded)) < 1e-9;

  if (rounded == 0.0)
    rounded = 0.0; /* no "-0" */

  if (for_file)
    return g_strdup (g_ascii_formatd (buffer, sizeof buffer, whole ? "%.0f" : "%.1f", rounded));

  return whole ? g_strdup_printf ("%.0f", rounded) : g_strdup_printf ("%.1f", rounded);
}

/**
 * chq_hours_format_short:
 * @hours: a number of hours
 *
 * Writes hours for people with the unit: "7 h", "7.5 h" (chq_hours_format() then the
 * unit, translated), as the training tables and the annual report show them.
 *
 * Returns: (transfer full): the text
 */
char *
chq_hours_format_short (double hours)
{
  g_autofree char *number = chq_hours_format (hours, FALSE);

  /* Translators: a number of hours, "7.5 h" */
  return g_strdup_printf (_("%s h"), number);
}

/**
 * chq_hours_format_count:
 * @hours: a whole number of hours
 *
 * Returns: (transfer full): "1 hour", "14 hours", translated
 */
char *
chq_hours_format_count (guint hours)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
}

static int
compare_courses (gconstpointer a,
                 gconstpointer b)
{
  const ChqHoursCourse *ca = *(ChqHoursCourse * const *) a;
  const ChqHoursCourse *cb = *(ChqHoursCourse * const *) b;
  int cmp = g_utf8_collate (ca->title, cb->title);

  return cmp != 0 ? cmp : g_strcmp0 (ca->course_id, cb->course_id);
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const ChqHoursRecord *ra = *(ChqHoursRecord * const *) a;
  const ChqHoursRecord *rb = *(ChqHoursRecord * const *) b;
  int cmp = strcmp (ra->start_date, rb->start_date);

  if (cmp == 0)
    cmp = g_utf8_collate (ra->worker_name, rb->worker_name);
  if (cmp == 0)
    cmp = g_strcmp0 (ra->title, rb->title);

  return cmp;
}

static void
format_date (GDateTime *dt,
             char       out[11])
{
  out[0] = '\0';
  if (dt != NULL)
    {
      g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d");

      g_strlcpy (out, text, 11);
    }
}

/* The month (0-11) of @date_text ("YYYY-MM-DD") within @year; days before the year go to
 * January, days after it to December. -1 when the text is no date. */
static int
month_in_year (const char *date_text,
               int         year)
{
  GDate date;
  int y, m;

  if (!chq_date_parse (date_text, &date))
    return -1;
  y = g_date_get_year (&date);
  m = g_date_get_month (&date);
  if (y < year)
    return 0;
  if (y > year)
    return 11;

  return m - 1;
}

static ChqHoursWorker *
worker_entry (GHashTable *by_id,
              GPtrArray  *list,
              const char *worker_id)
{
  ChqHoursWorker *w = g_hash_table_lookup (by_id, worker_id);

  if (w == NULL)
    {
      /* An enrolment of a worker the list does not hold (not synced yet). */
      w = g_new0 (ChqHoursWorker, 1);
      w->worker_id = g_strdup (worker_id);
      w->name = g_strdup (_("Unknown worker"));
      w->status = CHQ_WORKER_STATUS_EMPLOYEE;
      w->eligible = TRUE;
      g_ptr_array_add (list, w);
      g_hash_table_insert (by_id, w->worker_id, w);
    }

  return w;
}

/**
 * chq_hours_report_compute:
 * @year: the calendar year of the report
 * @workers: (element-type ChqWorker): the company's workers, archived ones too
 * @enrolments: (element-type ChqEnrolment): the enrolments of @year
 * @settings: the training right settings
 * @today: the current date (to say who is behind)
 *
 * Adds up the training hours of @year. Every worker not archived has a row, archived ones
 * only when they have an enrolment in @year, in the order of @workers (then any worker the
 * enrolments name that @workers lacks). An eligible worker's target is the training
 * right of a full-time worker (@settings' days times hours per day); an ineligible worker
 * has none. Company totals: vouchers used (one an hour attended), what they are worth, what
 * the company paid for them and what the Region added.
 *
 * Returns: (transfer full): the report, freed with chq_hours_report_free()
 */
ChqHoursReport *
chq_hours_report_compute (int                     year,
                          GPtrArray              *workers,
                          GPtrArray              *enrolments,
                          const ChqHoursSettings *settings,
                          const GDate            *today)
{
  g_autoptr(GHashTable) workers_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) courses_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) course_workers = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, NULL);
  g_autoptr(GHashTable) worker_has_enrolment = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) all_workers = g_ptr_array_new_with_free_func (hours_worker_free);
  ChqHoursReport *report;
  ChqOrderSplit split;
  double target;

  g_return_val_if_fail (workers != NULL, NULL);
  g_return_val_if_fail (enrolments != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  report = g_new0 (ChqHoursReport, 1);
  report->year = year;
  report->workers = g_ptr_array_new_with_free_func (hours_worker_free);
  report->courses = g_ptr_array_new_with_free_func (hours_course_free);
  report->records = g_ptr_array_new_with_free_func (hours_record_free);

  target = chq_rules_training_right_hours (settings->training_right_days,
                                           settings->hours_per_day, 1.0);

  for (guint i = 0; i < workers->len; i++)
    {
      ChqWorker *worker = g_ptr_array_index (workers, i);
      ChqHoursWorker *w;

      if (chq_worker_get_id (worker) == NULL ||
          g_hash_table_contains (workers_by_id, chq_worker_get_id (worker)))
        continue;

      w = g_new0 (ChqHoursWorker, 1);
      w->worker_id = g_strdup (chq_worker_get_id (worker));
      w->name = chq_worker_dup_display_name (worker);
      w->niss = g_strdup (chq_worker_get_niss (worker));
      w->status = chq_worker_get_status (worker);
      w->eligible = chq_rules_worker_status_is_eligible (w->status, NULL);
      w->archived = chq_worker_get_archived (worker);
      g_ptr_array_add (all_workers, w);
      g_hash_table_insert (workers_by_id, w->worker_id, w);
    }

  for (guint i = 0; i < enrolments->len; i++)
    {
      ChqEnrolment *e = g_ptr_array_index (enrolments, i);
      ChqEnrolmentStatus status = chq_enrolment_get_status (e);
      const char *course_id = chq_enrolment_get_course_id (e);
      ChqHoursWorker *w;
      ChqHoursCourse *c;
      ChqHoursRecord *r;
      g_autofree char *pair = NULL;
      char start[11];
      double attended = 0.0;
      double booked = 0.0;
      guint used = 0;
      guint reserved = 0;

      if (status == CHQ_ENROLMENT_STATUS_CANCELLED || chq_enrolment_get_worker_id (e) == NULL)
        continue;
      if (course_id == NULL)
        course_id = "";

      format_date (chq_enrolment_get_starts_at (e), start);

      if (status == CHQ_ENROLMENT_STATUS_ATTENDED)
        {
          GArray *days = chq_enrolment_get_attendance (e);
          double on_days = 0.0;

          attended = chq_enrolment_get_hours_attended (e);
          used = chq_enrolment_get_vouchers_used (e);

          for (guint d = 0; days != NULL && d < days->len; d++)
            {
              const ChqAttendanceDay *day = &g_array_index (days, ChqAttendanceDay, d);
              int month = month_in_year (day->date, year);

              if (month >= 0)
                {
                  report->month_attended[month] += day->hours;
                  on_days += day->hours;
                }
            }
          /* Hours the days do not account for go on the month the session starts. */
          if (attended - on_days > 0.001 && month_in_year (start, year) >= 0)
            report->month_attended[month_in_year (start, year)] += attended - on_days;
        }
      else
        {
          booked = chq_enrolment_get_hours (e);
          reserved = chq_enrolment_get_vouchers_reserved (e);
          if (month_in_year (start, year) >= 0)
            report->month_booked[month_in_year (start, year)] += booked;
        }

      w = worker_entry (workers_by_id, all_workers, chq_enrolment_get_worker_id (e));
      g_hash_table_add (worker_has_enrolment, w->worker_id);
      w->trainings++;
      w->hours_attended += attended;
      w->hours_booked += booked;
      w->vouchers_used += used;
      w->vouchers_reserved += reserved;

      c = g_hash_table_lookup (courses_by_id, course_id);
      if (c == NULL)
        {
          c = g_new0 (ChqHoursCourse, 1);
          c->course_id = g_strdup (course_id);
          c->title = g_strdup (chq_enrolment_get_course_title (e) != NULL
                               ? chq_enrolment_get_course_title (e) : course_id);
          c->provider = g_strdup (chq_enrolment_get_provider_name (e));
          g_ptr_array_add (report->courses, c);
          g_hash_table_insert (courses_by_id, c->course_id, c);
        }
      c->trainings++;
      c->hours_attended += attended;
      c->hours_booked += booked;
      c->vouchers_used += used;
      pair = g_strconcat (course_id, "\n", w->worker_id, NULL);
      if (g_hash_table_add (course_workers, g_steal_pointer (&pair)))
        c->workers++;

      r = g_new0 (ChqHoursRecord, 1);
      r->enrolment_id = g_strdup (chq_enrolment_get_id (e));
      r->worker_id = g_strdup (w->worker_id);
      r->worker_name = g_strdup (w->name);
      r->niss = g_strdup (w->niss);
      r->course_id = g_strdup (course_id);
      r->title = g_strdup (c->title);
      r->provider = g_strdup (chq_enrolment_get_provider_name (e));
      memcpy (r->start_date, start, sizeof start);
      format_date (chq_enrolment_get_ends_at (e), r->end_date);
      r->status = status;
      r->voucher_type = chq_enrolment_get_voucher_type (e);
      r->hours = status == CHQ_ENROLMENT_STATUS_ATTENDED ? attended : booked;
      r->vouchers_used = used;
      r->vouchers_reserved = reserved;
      r->usage_code = g_strdup (chq_enrolment_get_usage_code (e));
      g_ptr_array_add (report->records, r);

      report->hours_attended += attended;
      report->hours_booked += booked;
      report->vouchers_used += used;
      report->vouchers_reserved += reserved;
    }

  /* Keep the workers of the year: all active ones, archived ones with enrolments. */
  for (guint i = 0; i < all_workers->len; i++)
    {
      ChqHoursWorker *w = g_ptr_array_index (all_workers, i);

      if (w->archived && !g_hash_table_contains (worker_has_enrolment, w->worker_id))
        continue;

      w->target_hours = w->eligible && !w->archived ? target : 0.0;
      w->progress = w->target_hours > 0.0 ? w->hours_attended / w->target_hours : 0.0;
      w->behind = chq_hours_report_is_behind (w->hours_attended, w->hours_booked,
                                              w->target_hours, year, today);
      if (w->hours_attended > 0.0)
        report->workers_trained++;
      if (w->behind)
        report->workers_behind++;

      g_ptr_array_add (report->workers, g_ptr_array_steal_index (all_workers, i));
      i--;
    }

  g_ptr_array_sort (report->courses, compare_courses);
  g_ptr_array_sort (report->records, compare_records);

  chq_rules_order_split (report->vouchers_used, &split);
  report->value_cents = split.value_cents;
  report->company_paid_cents = split.company_cents;
  report->region_added_cents = split.region_cents;

  return report;
}

/**
 * chq_hours_report_to_csv:
 * @report: a #ChqHoursReport
 * @with_bom: whether to start with the UTF-8 byte order mark (see chq-csv.c)
 *
 * The year’s training records (for the social secretariat): a header row, then
 * one row per worker per training (cancelled ones left out), with the columns a registration
 * needs: worker, NISS, training, provider, start and end dates (ISO 8601), hours (a dot as
 * decimal separator), whether it is a formal training (always: every voucher-funded course
 * is an approved module) and voucher-funded, then the vouchers, the usage code and the state.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
chq_hours_report_to_csv (ChqHoursReport *report,
                         gboolean        with_bom)
{
  g_autoptr(ChqCsv) csv = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  csv = chq_csv_new (with_bom);
  chq_csv_add_record (csv,
                      /* Translators: the column heads of the training records (CSV) */
                      _("Worker"), _("NISS"), _("Training"), _("Provider"),
                      _("Start date"), _("End date"), _("Hours"), _("Formal training"),
                      _("Voucher-funded"), _("Vouchers"), _("Usage code"), _("State"),
                      NULL);

  for (guint i = 0; i < report->records->len; i++)
    {
      ChqHoursRecord *r = g_ptr_array_index (report->records, i);
      g_autofree char *hours = chq_hours_format (r->hours, TRUE);
      g_autofree char *vouchers = g_strdup_printf ("%u", r->status == CHQ_ENROLMENT_STATUS_ATTENDED
                                                         ? r->vouchers_used
                                                         : r->vouchers_reserved);
      gboolean funded = r->vouchers_used > 0 || r->vouchers_reserved > 0;

      /* Written as people write it (85.07.30-033.28): a spreadsheet then keeps it as text,
       * where bare digits would become a number and lose a leading zero. */
      g_autofree char *niss = r->niss != NULL ? chq_niss_format (r->niss) : NULL;

      chq_csv_add_field (csv, r->worker_name);
      chq_csv_add_field (csv, niss != NULL ? niss : r->niss);
      chq_csv_add_field (csv, r->title);
      chq_csv_add_field (csv, r->provider);
      chq_csv_add_field (csv, r->start_date);
      chq_csv_add_field (csv, r->end_date);
      chq_csv_add_field (csv, hours);
      chq_csv_add_field (csv, _("Yes"));
      chq_csv_add_field (csv, funded ? _("Yes") : _("No"));
      chq_csv_add_field (csv, vouchers);
      chq_csv_add_field (csv, r->usage_code);
      chq_csv_add_field (csv, chq_enrolment_status_get_label (r->status));
      chq_csv_end_record (csv);
    }

  return chq_csv_free_to_bytes (g_steal_pointer (&csv));
}
