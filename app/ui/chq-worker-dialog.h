/* chq-worker-dialog.h: add or edit a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"
#include "chq-workers-logic.h"

G_BEGIN_DECLS

#define CHQ_TYPE_WORKER_DIALOG (chq_worker_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChqWorkerDialog, chq_worker_dialog, CHQ, WORKER_DIALOG, AdwWindow)

/* Properties: "backend" and "worker" (construct-only; no worker: a new one). Action
 * worker.save (Ctrl+Return): checks the form, shows the first error in place, or queues
 * the change in the outbox, shows a toast and closes. */
GtkWidget  *chq_worker_dialog_new             (ChqBackend      *backend,
                                               ChqWorker       *worker);
ChqWorker  *chq_worker_dialog_get_worker      (ChqWorkerDialog *self);
/* Fill the form as a person would type (NULL leaves a field as it is). */
void        chq_worker_dialog_set_fields      (ChqWorkerDialog *self,
                                               const char      *first_name,
                                               const char      *last_name,
                                               ChqWorkerStatus  status,
                                               const char      *niss,
                                               const char      *email);
/* The message shown under a field, or NULL when none. */
const char *chq_worker_dialog_get_field_error (ChqWorkerDialog *self,
                                               ChqWorkerField   field);
/* The training account's details as typed (NULL leaves a field), the message under them,
 * and the date a birth date must come before (tests; NULL for the clock). */
void        chq_worker_dialog_set_details     (ChqWorkerDialog *self,
                                               const char      *birth_date,
                                               const char      *work_fraction,
                                               const char      *jc_number,
                                               const char      *entry_date,
                                               const char      *leaving_date);
const char *chq_worker_dialog_get_details_error (ChqWorkerDialog *self);
void        chq_worker_dialog_set_today       (ChqWorkerDialog *self,
                                               GDateTime       *today);
/* The outbox entry the last successful save made, or 0. */
gint64      chq_worker_dialog_get_entry_id    (ChqWorkerDialog *self);

G_END_DECLS
