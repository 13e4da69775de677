/* chq-deadlines-logic.h: the training register's obligations of a year, as the page says
 * them and notifies them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chq-training-year.h"

G_BEGIN_DECLS

/* The obligations and their dates come from chq_training_year_get_obligations(); these
 * say them and decide which to notify. */
typedef ChqObligation ChqDeadline;

/* What it asks, in one sentence, translated. */
const char *chq_deadline_get_description (ChqObligationKind   kind);
/* A stable id for the "already notified" setting: "2027-plan-opinion". */
char       *chq_deadline_dup_id          (const ChqDeadline  *deadline);
/* Days from @today to the deadline; negative once it has passed. */
int         chq_deadline_days_left       (const ChqDeadline  *deadline,
                                          const GDate        *today);
/* "In 12 days", "Tomorrow", "Today", "Passed", "Done". */
char       *chq_deadline_dup_when_text   (const ChqDeadline  *deadline,
                                          const GDate        *today);
/* The ids of @deadlines not done, due within @days of @today and not in @notified. */
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
