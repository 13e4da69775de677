/* chq-workers-page.h: the Workers page: the company's workers, their details and bookings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_WORKERS_PAGE (chq_workers_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqWorkersPage, chq_workers_page, CHQ, WORKERS_PAGE, AdwBin)

/* Properties: "backend" (ChqBackend, read-write), "state" (string, read-only: "no-account",
 * "empty" or "list"), "show-archived" (boolean), "selected-worker-id" (string, read-only).
 * Actions: workers.add, workers.edit, workers.archive (with a confirmation),
 * workers.back (Escape, Alt+Left), workers.select-worker(s: worker id),
 * workers.cancel-booking(s: enrolment id, with a confirmation),
 * workers.record-attendance(s: enrolment id), workers.discard-entry(x: refused outbox
 * entry id). */
GtkWidget  *chq_workers_page_new                    (void);
ChqBackend *chq_workers_page_get_backend            (ChqWorkersPage *self);
void        chq_workers_page_set_backend            (ChqWorkersPage *self,
                                                     ChqBackend     *backend);
const char *chq_workers_page_get_state              (ChqWorkersPage *self);
gboolean    chq_workers_page_get_show_archived      (ChqWorkersPage *self);
void        chq_workers_page_set_show_archived      (ChqWorkersPage *self,
                                                     gboolean        show_archived);
const char *chq_workers_page_get_selected_worker_id (ChqWorkersPage *self);
/* The list's items (ChqWorker, and ChqOutboxEntry for workers waiting to be added), and
 * the selected worker's bookings (ChqEnrolment, and ChqOutboxEntry for bookings waiting). */
GListModel *chq_workers_page_get_worker_model       (ChqWorkersPage *self);
GListModel *chq_workers_page_get_booking_model      (ChqWorkersPage *self);
/* The worker's state line in the detail ("Changes waiting to be sent"...), or "". */
const char *chq_workers_page_get_detail_state       (ChqWorkersPage *self);
/* The dialog the page has open (worker form, confirmation, attendance), or NULL. */
GtkWindow  *chq_workers_page_get_open_dialog        (ChqWorkersPage *self);

G_END_DECLS
