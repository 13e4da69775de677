/* chq-plan-dialog.h: the content of a year's annual training plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-register-link.h"
#include "chq-register-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_PLAN_DIALOG (chq_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChqPlanDialog, chq_plan_dialog, CHQ, PLAN_DIALOG, AdwWindow)

/* @plan: (nullable): the year's plan as stored, or NULL to write the first. Action
 * plan.save (Ctrl+Return) stores it off the main thread and closes; plan.add-item adds a
 * training offered. */
GtkWidget  *chq_plan_dialog_new        (ChqRegisterLink       *link,
                                        int                    year,
                                        const ChqTrainingPlan *plan);
/* For tests: add a training offered, set the texts (NULL leaves one). */
void        chq_plan_dialog_add_item   (ChqPlanDialog         *self,
                                        const char            *title,
                                        gboolean               formal);
void        chq_plan_dialog_set_item_groups (ChqPlanDialog    *self,
                                        guint                  index,
                                        guint                  groups);
void        chq_plan_dialog_set_texts  (ChqPlanDialog         *self,
                                        const char            *target_groups,
                                        const char            *attention,
                                        const char            *contribution);
const char *chq_plan_dialog_get_error  (ChqPlanDialog         *self);

G_END_DECLS
