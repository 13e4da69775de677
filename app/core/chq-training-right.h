/* chq-training-right.h: the individual training right (credit, balance, "late")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions: no I/O, no clock (the date is always given).
 */
#pragma once

#include <glib.h>

#include "chq-register-types.h"
#include "chq-types.h"

G_BEGIN_DECLS

/* The company's tier by its workforce (law of 3 October 2022). */
typedef enum {
  CHQ_TRAINING_TIER_UNDER_10,   /* no right unless a sector rule sets one */
  CHQ_TRAINING_TIER_10_TO_19,   /* 1 day per FTE */
  CHQ_TRAINING_TIER_20_OR_MORE, /* 5 days per FTE, and an annual training plan */
} ChqTrainingTier;

ChqTrainingTier chq_training_tier_for_workforce      (double           workforce);
/* 0, 1 or 5. */
double          chq_training_tier_get_days           (ChqTrainingTier  tier);
/* Only the company's own employees have a credit. */
gboolean        chq_worker_status_has_training_right (ChqWorkerStatus  status);

/* The months of @year the worker is in service: a calendar month counts whole when the
 * worker is in service on at least one of its days (entry 15 June: June counts). @entry
 * and @leaving may be NULL or cleared (in service since before @year / still in service).
 * 0 to 12. */
guint           chq_training_months_of_service       (const GDate     *entry,
                                                      const GDate     *leaving,
                                                      int              year);
/* The share (0 to 1) of the worker's service period in @year that has gone by at the end
 * of @at: 0 before it starts, 1 after it ends. */
double          chq_training_share_elapsed           (const GDate     *entry,
                                                      const GDate     *leaving,
                                                      int              year,
                                                      const GDate     *at);

/* The days per FTE of @year: the joint committee's rule when there is one, else the tier's. */
double          chq_training_days_per_fte            (const ChqTrainingSettings *settings,
                                                      const ChqJcRule           *rule,
                                                      int                        year);

typedef struct {
  gboolean has_right;         /* an employee: FALSE for every other status */
  gboolean sector_rule;       /* days_per_fte comes from a joint committee's rule */
  double   days_per_fte;      /* for the year */
  double   fraction;          /* the work fraction used */
  guint    months;            /* months of service in the year */
  double   credit_days;       /* the year's credit: days_per_fte x fraction x months / 12 */
  double   carried_in_days;   /* unused days of earlier years still usable this year */
  double   followed_days;     /* trainings of the year, hours / hours_per_day */
  double   followed_hours;
  double   left_days;         /* credit + carried in - followed, never below 0 */
  double   carried_over_days; /* what of left_days may still be used next year */
  double   expected_days;     /* what should be followed by @at (whole days) */
  gboolean late;              /* followed_days < expected_days */
} ChqTrainingBalance;

/* The balance of one worker for @year at the date @at.
 * @rule: the joint committee's rule (NULL: the tier's days);
 * @details: NULL is a full-time worker in service all year;
 * @trainings: (element-type ChqTraining) (nullable): the worker's trainings, any year;
 *   those of @year count as followed; with carry-over, those of the N years before
 *   use up those years' credits (oldest credit first), and what is left comes into @year.
 * The credit rounds to a hundredth of a day. "Late" compares what was followed with the
 * share of the service period gone by at @at, rounded down to whole days (a 5-day credit
 * expects 1 day after a fifth of the year, not 5 in January); never for a worker without
 * the right. */
void            chq_training_balance_compute         (const ChqTrainingSettings *settings,
                                                      const ChqJcRule           *rule,
                                                      ChqWorkerStatus            status,
                                                      const ChqWorkerDetails    *details,
                                                      GPtrArray                 *trainings,
                                                      int                        year,
                                                      const GDate               *at,
                                                      ChqTrainingBalance        *out);

/* Hours followed in @year by the trainings of @trainings (any worker). */
double          chq_training_hours_in_year           (GPtrArray                 *trainings,
                                                      int                        year);

/* Checks, for the register and as the user types. Each returns FALSE with a translated
 * CHQ_TRAINING_CHECK_ERROR that names the field and says what to write. */
#define CHQ_TRAINING_CHECK_ERROR (chq_training_check_error_quark ())
typedef enum {
  CHQ_TRAINING_CHECK_ERROR_BIRTH_DATE,
  CHQ_TRAINING_CHECK_ERROR_NISS,
  CHQ_TRAINING_CHECK_ERROR_FRACTION,
  CHQ_TRAINING_CHECK_ERROR_JOINT_COMMITTEE,
  CHQ_TRAINING_CHECK_ERROR_DATES,
  CHQ_TRAINING_CHECK_ERROR_TITLE,
  CHQ_TRAINING_CHECK_ERROR_HOURS,
  CHQ_TRAINING_CHECK_ERROR_COST,
  CHQ_TRAINING_CHECK_ERROR_WORKER,
  CHQ_TRAINING_CHECK_ERROR_SETTINGS,
} ChqTrainingCheckError;
GQuark   chq_training_check_error_quark      (void);

/* "200", "124", "124.00", "330.01", "118.03": 3 digits, optionally "." and 2 digits. */
gboolean chq_joint_committee_number_validate (const char                *number,
                                              GError                   **error);
/* In (0, 1]. */
gboolean chq_work_fraction_validate          (double                     fraction,
                                              GError                   **error);
/* The details: a birth date not in the future of @today (and after 1900), entry on or
 * after the birth, leaving on or after entry, the fraction, the joint committee number;
 * and when @niss is given, the birth date it encodes equals the birth date. */
gboolean chq_worker_details_check            (const ChqWorkerDetails    *details,
                                              const char                *niss,
                                              const GDate               *today,
                                              GError                   **error);
/* The birth date a NISS encodes equals @birth_date (when both are known). */
gboolean chq_niss_matches_birth_date         (const char                *niss,
                                              const GDate               *birth_date,
                                              GError                   **error);
/* A title, a start date, an end not before the start, hours > 0 and at most 24 a day of
 * the period, a cost >= 0, a certificate validity not before the start. */
gboolean chq_training_check                  (const ChqTraining         *training,
                                              GError                   **error);
/* Workforce >= 0 (or unknown), hours per day in (0, 24], carry-over 0 to 10 years. */
gboolean chq_training_settings_check         (const ChqTrainingSettings *settings,
                                              GError                   **error);

G_END_DECLS
