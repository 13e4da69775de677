/* chq-trainings-view.h: every training of the year, per worker, on the Training page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-register-link.h"
#include "chq-training-year.h"

G_BEGIN_DECLS

#define CHQ_TYPE_TRAININGS_VIEW (chq_trainings_view_get_type ())
G_DECLARE_FINAL_TYPE (ChqTrainingsView, chq_trainings_view, CHQ, TRAININGS_VIEW, AdwBin)

GtkWidget       *chq_trainings_view_new            (void);
/* Shows @year (NULL: nothing) and writes through @link. */
void             chq_trainings_view_set_year       (ChqTrainingsView *self,
                                                    ChqRegisterLink  *link,
                                                    ChqTrainingYear  *year);
ChqTrainingYear *chq_trainings_view_get_year       (ChqTrainingsView *self);
/* What the buttons do: open the form (returned, transient for the view's window), delete
 * a training added by hand (a toast offers to undo), undo the last delete. */
GtkWidget       *chq_trainings_view_add_training   (ChqTrainingsView *self,
                                                    const char       *worker_key);
GtkWidget       *chq_trainings_view_edit_training  (ChqTrainingsView *self,
                                                    gint64            id);
void             chq_trainings_view_delete_training (ChqTrainingsView *self,
                                                    gint64            id);
void             chq_trainings_view_undo_delete    (ChqTrainingsView *self);
/* Whether a delete or its undo is under way. */
gboolean         chq_trainings_view_get_busy       (ChqTrainingsView *self);

G_END_DECLS
