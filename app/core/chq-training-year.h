/* chq-training-year.h: one year of the training register, service and local data together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the training page and every document show: the company, each worker with their local
 * details, their balance and their trainings of the year (attended bookings and trainings
 * added by hand), and the year's plan. Built from the service's data (workers, enrolments,
 * from the cache) and the register's (ChqRegisterData); read-only once built, so it may be
 * handed to a worker thread. Reference counted.
 */
#pragma once

#include <gio/gio.h>

#include "chq-account.h"
#include "chq-enrolment.h"
#include "chq-register-types.h"
#include "chq-training-right.h"
#include "chq-worker.h"

G_BEGIN_DECLS

typedef struct {
  char               *worker_key;  /* owned: the worker's id */
  char               *first_name;  /* owned */
  char               *last_name;   /* owned */
  ChqWorkerStatus     status;
  char               *niss;        /* owned, nullable: 11 digits */
  gboolean            archived;
  ChqWorkerDetails   *details;     /* owned, nullable: none stored */
  ChqJcRule          *rule;        /* owned, nullable: the rule of the worker's committee */
  ChqTrainingBalance  balance;
  GPtrArray          *trainings;   /* owned, of ChqTraining: the year's, by start date */
  guint               vouchers_used; /* the year's, by attended bookings */
} ChqTrainingYearWorker;

typedef struct {
  int                  year;
  GDate                at;                /* the date the balances are computed at */
  char                *company_name;      /* owned */
  char                *enterprise_number; /* owned: 10 digits */
  ChqAccountKind       kind;
  ChqTrainingSettings  settings;
  ChqTrainingTier      tier;
  GPtrArray           *workers;           /* owned, of ChqTrainingYearWorker, by name */
  ChqTrainingPlan     *plan;              /* owned, nullable: the year's plan */
  guint                vouchers_used;     /* the year's, all workers */
  double               hours_followed;    /* the year's, all workers */
} ChqTrainingYear;

#define CHQ_TYPE_TRAINING_YEAR (chq_training_year_get_type ())
GType            chq_training_year_get_type (void) G_GNUC_CONST;

/* Builds the year. @account: the signed-in account; @workers: (element-type ChqWorker);
 * @enrolments: (element-type ChqEnrolment) (nullable): bookings of any year (only the
 * attended hours count, cancelled ones are skipped); @data: (nullable): the register.
 * While the register's workforce is unknown, the account's FTE stands for it.
 * Workers are listed when not archived, or archived with a training in @year. The
 * balances are at @at (usually today; the year's end for a past year). */
ChqTrainingYear *chq_training_year_new      (int                    year,
                                             const GDate           *at,
                                             ChqAccount            *account,
                                             GPtrArray             *workers,
                                             GPtrArray             *enrolments,
                                             const ChqRegisterData *data);
/* The same from plain values, for tests and the benchmark. @default_workforce: the
 * workforce used while the register's setting is unknown (chq_training_year_new() gives the
 * account's FTE). */
ChqTrainingYear *chq_training_year_new_full (int                    year,
                                             const GDate           *at,
                                             const char            *company_name,
                                             const char            *enterprise_number,
                                             ChqAccountKind         kind,
                                             double                 default_workforce,
                                             GPtrArray             *workers,
                                             GPtrArray             *enrolments,
                                             const ChqRegisterData *data);
ChqTrainingYear *chq_training_year_ref      (ChqTrainingYear       *self);
void             chq_training_year_unref    (ChqTrainingYear       *self);
/* transfer none, nullable */
const ChqTrainingYearWorker *
                 chq_training_year_find_worker (const ChqTrainingYear *self,
                                                const char            *worker_key);
/* Workers with the right, and of them those who followed at least one training. */
void             chq_training_year_count    (const ChqTrainingYear *self,
                                             guint                 *out_with_right,
                                             guint                 *out_trained);

/* A booking as a training record (source ENROLMENT, funded by vouchers, the attended
 * hours); NULL for a cancelled booking or one with no hour attended. */
ChqTraining     *chq_training_new_from_enrolment (ChqEnrolment     *enrolment);

/* The years the year selector offers, newest first: every year with a booking or a
 * training, the current year of @today and the next one. */
GArray          *chq_training_years_available (GPtrArray             *enrolments,
                                               const ChqRegisterData *data,
                                               const GDate           *today);

/* The year's obligations of the training right, for the page and its notifications. */
typedef enum {
  CHQ_OBLIGATION_PLAN_DRAFT,   /* the draft plan to the body, 15 days before its meeting */
  CHQ_OBLIGATION_PLAN_OPINION, /* the body's opinion, by 15 March */
  CHQ_OBLIGATION_PLAN_SETTLED, /* the plan settled, by 31 March */
  CHQ_OBLIGATION_PLAN_TO_FPS,  /* the anonymised copy to the FPS, a month after settling */
  CHQ_OBLIGATION_STATEMENTS,   /* each worker told their balance (decision: by 31 December) */
} ChqObligationKind;

typedef struct {
  ChqObligationKind kind;
  GDate             date;
  gboolean          done;  /* the plan records it done (plan obligations only) */
} ChqObligation;

/* The obligations of the year, by date: the plan's four when the company has 20 workers or
 * more (or a plan is recorded), the statements when a worker has a credit.
 * Returns: (transfer full) (element-type ChqObligation) */
GArray          *chq_training_year_get_obligations (const ChqTrainingYear *self);
/* "Training plan settled", … translated. */
const char      *chq_obligation_kind_get_title     (ChqObligationKind      kind);
/* A stable word for a notification id: "plan-draft", "plan-opinion", "plan-settled",
 * "plan-to-fps", "statements". */
const char      *chq_obligation_kind_to_string     (ChqObligationKind      kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqTrainingYear, chq_training_year_unref)

G_END_DECLS
