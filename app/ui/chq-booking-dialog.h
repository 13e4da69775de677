/* chq-booking-dialog.h: book a worker on a session of a course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_BOOKING_DIALOG (chq_booking_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChqBookingDialog, chq_booking_dialog, CHQ, BOOKING_DIALOG, AdwWindow)

/* Properties: "session-id", "worker-id" (strings, read-write: setting an ineligible worker
 * or a full session leaves it unset), "can-book" (boolean, read-only), "ready" (boolean,
 * read-only: workers and wallet read). */
GtkWidget  *chq_booking_dialog_new            (ChqBackend       *backend,
                                               ChqCourse        *course);
const char *chq_booking_dialog_get_session_id (ChqBookingDialog *self);
void        chq_booking_dialog_set_session_id (ChqBookingDialog *self,
                                               const char       *session_id);
const char *chq_booking_dialog_get_worker_id  (ChqBookingDialog *self);
void        chq_booking_dialog_set_worker_id  (ChqBookingDialog *self,
                                               const char       *worker_id);
gboolean    chq_booking_dialog_get_can_book   (ChqBookingDialog *self);
gboolean    chq_booking_dialog_get_ready      (ChqBookingDialog *self);

G_END_DECLS
