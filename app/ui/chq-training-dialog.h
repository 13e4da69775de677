/* chq-training-dialog.h: add or edit a training of the register by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-register-link.h"
#include "chq-training-year.h"

G_BEGIN_DECLS

#define CHQ_TYPE_TRAINING_DIALOG (chq_training_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChqTrainingDialog, chq_training_dialog, CHQ, TRAINING_DIALOG, AdwWindow)

/* @training: (nullable): the training to edit, NULL to add one; @worker_key: (nullable):
 * the worker chosen first when adding. Action training.save (Ctrl+Return): checks the form,
 * says what is wrong in place, or stores the training off the main thread, says so in a
 * toast on the parent window and closes. */
GtkWidget  *chq_training_dialog_new        (ChqRegisterLink   *link,
                                            ChqTrainingYear   *year,
                                            const ChqTraining *training,
                                            const char        *worker_key);
/* Fill the form as a person would type (NULL leaves a field as it is; hours < 0 too). */
void        chq_training_dialog_set_fields (ChqTrainingDialog *self,
                                            const char        *title,
                                            const char        *provider,
                                            const char        *start_date,
                                            const char        *end_date,
                                            double             hours,
                                            const char        *cost);
/* The message shown, or NULL. */
const char *chq_training_dialog_get_error  (ChqTrainingDialog *self);
/* Whether a save is under way. */
gboolean    chq_training_dialog_get_saving (ChqTrainingDialog *self);

G_END_DECLS
