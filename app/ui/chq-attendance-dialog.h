/* chq-attendance-dialog.h: record the hours a worker attended, day by day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_ATTENDANCE_DIALOG (chq_attendance_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChqAttendanceDialog, chq_attendance_dialog, CHQ, ATTENDANCE_DIALOG, AdwWindow)

/* One row per day of the session with an hours spin button; each day's cap is shown, a
 * clear message at the cap and an error above it. Action attendance.save (Ctrl+Return),
 * enabled while the hours may be recorded ("can-save" property). */
GtkWidget  *chq_attendance_dialog_new             (ChqBackend          *backend,
                                                   ChqEnrolment        *enrolment);
guint       chq_attendance_dialog_get_n_days      (ChqAttendanceDialog *self);
/* "YYYY-MM-DD" of a day. */
const char *chq_attendance_dialog_get_day_date    (ChqAttendanceDialog *self,
                                                   guint                day);
guint       chq_attendance_dialog_get_day_cap     (ChqAttendanceDialog *self,
                                                   guint                day);
void        chq_attendance_dialog_set_hours       (ChqAttendanceDialog *self,
                                                   guint                day,
                                                   double               hours);
double      chq_attendance_dialog_get_hours       (ChqAttendanceDialog *self,
                                                   guint                day);
/* The message shown for a day (at or over its cap), or NULL. */
const char *chq_attendance_dialog_get_day_message (ChqAttendanceDialog *self,
                                                   guint                day);
/* The message for the whole form (nothing entered, more than the course), or NULL. */
const char *chq_attendance_dialog_get_message     (ChqAttendanceDialog *self);
gboolean    chq_attendance_dialog_get_can_save    (ChqAttendanceDialog *self);
gint64      chq_attendance_dialog_get_entry_id    (ChqAttendanceDialog *self);

G_END_DECLS
