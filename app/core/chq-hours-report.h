/* chq-hours-report.h: the training hours of one year, per worker, per course and per month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-enrolment.h"
#include "chq-types.h"
#include "chq-worker.h"

G_BEGIN_DECLS

/* The settings the report reads (GSettings "training-right-days" and "hours-per-day"). */
typedef struct {
  double training_right_days; /* individual training right, days per FTE and year */
  double hours_per_day;       /* hours in one training day */
} ChqHoursSettings;

typedef struct {
  char            *worker_id;         /* owned */
  char            *name;              /* owned: "First Last" */
  char            *niss;              /* owned, nullable */
  ChqWorkerStatus  status;
  gboolean         eligible;          /* may be trained with vouchers */
  gboolean         archived;
  guint            trainings;         /* enrolments of the year, not cancelled */
  double           hours_booked;      /* hours of enrolments still booked (not attended yet) */
  double           hours_attended;
  guint            vouchers_used;
  guint            vouchers_reserved;
  double           target_hours;      /* the training right; 0 for ineligible workers */
  double           progress;          /* hours_attended / target_hours (0 without target) */
  gboolean         behind;            /* see chq_hours_report_is_behind() */
} ChqHoursWorker;

typedef struct {
  char   *course_id;       /* owned */
  char   *title;           /* owned */
  char   *provider;        /* owned, nullable */
  guint   workers;         /* distinct workers with an enrolment not cancelled */
  guint   trainings;       /* enrolments not cancelled */
  double  hours_booked;
  double  hours_attended;
  guint   vouchers_used;
} ChqHoursCourse;

/* One worker on one training: a line of the training records. */
typedef struct {
  char               *enrolment_id;   /* owned */
  char               *worker_id;      /* owned */
  char               *worker_name;    /* owned */
  char               *niss;           /* owned, nullable */
  char               *course_id;      /* owned */
  char               *title;          /* owned */
  char               *provider;       /* owned, nullable */
  char                start_date[11]; /* "YYYY-MM-DD", empty when unknown */
  char                end_date[11];
  ChqEnrolmentStatus  status;         /* booked or attended, never cancelled */
  ChqVoucherType      voucher_type;
  double              hours;          /* attended hours; the course's hours while booked */
  guint               vouchers_used;
  guint               vouchers_reserved;
  char               *usage_code;     /* owned, nullable */
} ChqHoursRecord;

typedef struct {
  int        year;
  GPtrArray *workers;           /* owned, of ChqHoursWorker, in the order given */
  GPtrArray *courses;           /* owned, of ChqHoursCourse, by title */
  GPtrArray *records;           /* owned, of ChqHoursRecord, by start date then name */
  double     month_attended[12];
  double     month_booked[12];
  double     hours_attended;
  double     hours_booked;
  guint      vouchers_used;
  guint      vouchers_reserved;
  gint64     value_cents;        /* vouchers used x EUR 30 */
  gint64     company_paid_cents; /* vouchers used x EUR 15 */
  gint64     region_added_cents; /* vouchers used x EUR 15 */
  guint      workers_trained;    /* workers with attended hours */
  guint      workers_behind;
} ChqHoursReport;

ChqHoursReport *chq_hours_report_compute       (int                     year,
                                                GPtrArray              *workers,
                                                GPtrArray              *enrolments,
                                                const ChqHoursSettings *settings,
                                                const GDate            *today);
void            chq_hours_report_free          (ChqHoursReport         *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqHoursReport, chq_hours_report_free)

/* How much of @year has gone by on @today: 0 before it, 1 after it. */
double          chq_hours_year_elapsed         (int                     year,
                                                const GDate            *today);
/* Whether a worker's attended and booked hours fall short of the share of the target that
 * the part of the year gone by asks for. Never with no target. */
gboolean        chq_hours_report_is_behind     (double                  hours_attended,
                                                double                  hours_booked,
                                                double                  target_hours,
                                                int                     year,
                                                const GDate            *today);
/* "7", "7.5": hours for files (C locale) when @for_file, in the user's locale otherwise. */
char           *chq_hours_format               (double                  hours,
                                                gboolean                for_file);
/* "7 h", "7.5 h": hours for people, with the unit, in the user's locale. */
char           *chq_hours_format_short         (double                  hours);
/* "1 hour", "14 hours": a whole number of hours in words, as a course or an order has. */
char           *chq_hours_format_count         (guint                   hours);

/* The training records as CSV (RFC 4180, UTF-8, a header row, a BOM when asked). */
GBytes         *chq_hours_report_to_csv        (ChqHoursReport         *report,
                                                gboolean                with_bom);

G_END_DECLS
