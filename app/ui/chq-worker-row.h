/* chq-worker-row.h: one worker in the Workers page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-outbox-entry.h"
#include "chq-worker.h"

G_BEGIN_DECLS

#define CHQ_TYPE_WORKER_ROW (chq_worker_row_get_type ())
G_DECLARE_FINAL_TYPE (ChqWorkerRow, chq_worker_row, CHQ, WORKER_ROW, AdwBin)

GtkWidget      *chq_worker_row_new       (void);
/* The worker the service has (NULL for a worker only waiting in the outbox), and the
 * outbox entry about them, if any: a creation, an edit or an archiving that waits or was
 * refused. With no worker, the entry must be a creation, whose name is shown. */
void            chq_worker_row_set_worker (ChqWorkerRow   *self,
                                           ChqWorker      *worker,
                                           ChqOutboxEntry *entry);
ChqWorker      *chq_worker_row_get_worker (ChqWorkerRow   *self);
ChqOutboxEntry *chq_worker_row_get_entry  (ChqWorkerRow   *self);
/* The state line ("Waiting to be sent", "Refused: ..."), empty when there is none. */
const char     *chq_worker_row_get_state_text (ChqWorkerRow *self);

G_END_DECLS
