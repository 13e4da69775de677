/* chq-booking-row.h: one booking of a worker, in the worker's detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-enrolment.h"
#include "chq-outbox-entry.h"

G_BEGIN_DECLS

#define CHQ_TYPE_BOOKING_ROW (chq_booking_row_get_type ())
G_DECLARE_FINAL_TYPE (ChqBookingRow, chq_booking_row, CHQ, BOOKING_ROW, AdwBin)

/* The row's buttons activate, on the widgets above it: workers.cancel-booking(s: enrolment
 * id), workers.record-attendance(s: enrolment id), workers.discard-entry(x: outbox entry
 * id, for a refused one). */
GtkWidget      *chq_booking_row_new          (void);
/* @enrolment: the booking as the service has it (NULL for one only in the outbox);
 * @entry: the outbox entry about it, if any; @course_title: the title to show when there is
 * no enrolment (NULL: a generic one); @now: the time that says whether the session started. */
void            chq_booking_row_set_booking  (ChqBookingRow  *self,
                                              ChqEnrolment   *enrolment,
                                              ChqOutboxEntry *entry,
                                              const char     *course_title,
                                              GDateTime      *now);
ChqEnrolment   *chq_booking_row_get_enrolment (ChqBookingRow *self);
const char     *chq_booking_row_get_state_text (ChqBookingRow *self);
gboolean        chq_booking_row_get_can_cancel (ChqBookingRow *self);
gboolean        chq_booking_row_get_can_record_attendance (ChqBookingRow *self);

G_END_DECLS
