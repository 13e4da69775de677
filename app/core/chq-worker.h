/* chq-worker.h: ChqWorker, a worker of the company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_WORKER (chq_worker_get_type ())

G_DECLARE_FINAL_TYPE (ChqWorker, chq_worker, CHQ, WORKER, GObject)

ChqWorker       *chq_worker_new                 (void);

const char      *chq_worker_get_id              (ChqWorker *self);
const char      *chq_worker_get_first_name      (ChqWorker *self);
const char      *chq_worker_get_last_name       (ChqWorker *self);
ChqWorkerStatus  chq_worker_get_status          (ChqWorker *self);
const char      *chq_worker_get_niss            (ChqWorker *self);
const char      *chq_worker_get_email           (ChqWorker *self);
gboolean         chq_worker_get_archived        (ChqWorker *self);
double           chq_worker_get_hours_this_year (ChqWorker *self);

void             chq_worker_set_first_name      (ChqWorker  *self,
                                                 const char *first_name);
void             chq_worker_set_last_name       (ChqWorker  *self,
                                                 const char *last_name);
void             chq_worker_set_status          (ChqWorker       *self,
                                                 ChqWorkerStatus status);
void             chq_worker_set_niss            (ChqWorker  *self,
                                                 const char *niss);
void             chq_worker_set_email           (ChqWorker  *self,
                                                 const char *email);

char            *chq_worker_dup_display_name    (ChqWorker *self);

G_END_DECLS
