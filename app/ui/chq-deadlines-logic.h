/* chq-deadlines-logic.h: the training register's obligations of a year, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CHQ_DEADLINE_PLAN_DRAFT,      /* the plan's draft to the works council or union delegation */
  CHQ_DEADLINE_PLAN_OPINION,    /* their opinion (or the plan submitted to the workers) */
  CHQ_DEADLINE_PLAN_SETTLED,    /* the plan settled */
  CHQ_DEADLINE_PLAN_COPY,       /* the anonymised copy to the federal employment service */
  CHQ_DEADLINE_STATEMENTS,      /* each worker told the balance of their training credit */
} ChqDeadlineKind;

typedef struct {
  ChqDeadlineKind kind;
  GDate           date;         /* the last day */
} ChqDeadline;

/* The obligations of @year by date: the plan's four (from 20 workers) and the yearly
 * statements (every employer); none for a self-employed account. */
GArray     *chq_deadlines_for_year       (int                 year,
                                          guint               workforce,
                                          gboolean            self_employed);
const char *chq_deadline_get_title       (ChqDeadlineKind     kind);
const char *chq_deadline_get_description (ChqDeadlineKind     kind);
/* A stable id for the "already notified" setting: "2027-plan-opinion". */
char       *chq_deadline_dup_id          (const ChqDeadline  *deadline);
/* Days from @today to the deadline; negative once it has passed. */
int         chq_deadline_days_left       (const ChqDeadline  *deadline,
                                          const GDate        *today);
/* "In 12 days", "Tomorrow", "Today", "Passed". */
char       *chq_deadline_dup_when_text   (const ChqDeadline  *deadline,
                                          const GDate        *today);
/* The ids of @deadlines due within @days of @today and not in @notified. */
GStrv       chq_deadlines_to_notify      (GArray             *deadlines,
                                          const GDate        *today,
                                          guint               days,
                                          const char * const *notified);
/* The setting's new value: @notified plus @added, less the ids of years before @year - 1
 * (so that it stays small). */
GStrv       chq_deadlines_merge_notified (const char * const *notified,
                                          const char * const *added,
                                          int                 year);

G_END_DECLS
