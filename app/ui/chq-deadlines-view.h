/* chq-deadlines-view.h: the training register's obligations of the year, on the Training
 * page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-training-year.h"

G_BEGIN_DECLS

#define CHQ_TYPE_DEADLINES_VIEW (chq_deadlines_view_get_type ())
G_DECLARE_FINAL_TYPE (ChqDeadlinesView, chq_deadlines_view, CHQ, DEADLINES_VIEW, AdwBin)

GtkWidget *chq_deadlines_view_new             (void);
/* Shows @year's obligations (NULL: none yet) counted from @today, and notifies (once
 * each) those that are near when @year is @today's. */
void       chq_deadlines_view_update          (ChqDeadlinesView *self,
                                               ChqTrainingYear  *year,
                                               GDateTime        *today);
/* The rows shown, and the subtitle of the whole (the next obligation). */
guint      chq_deadlines_view_get_n_shown     (ChqDeadlinesView *self);
const char *chq_deadlines_view_get_summary    (ChqDeadlinesView *self);

/* Days before a deadline when its notification is sent. */
#define CHQ_DEADLINES_NOTIFY_DAYS 14

G_END_DECLS
