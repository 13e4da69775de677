/* chq-enrolment.h: ChqEnrolment, a worker booked on a course session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

/* One day of attendance: a calendar day and the hours attended that day (a multiple of
 * 0.5). The attendance of an enrolment is a GArray of these. */
typedef struct {
  char   date[11]; /* "YYYY-MM-DD" */
  double hours;
} ChqAttendanceDay;

#define CHQ_TYPE_ENROLMENT (chq_enrolment_get_type ())

G_DECLARE_FINAL_TYPE (ChqEnrolment, chq_enrolment, CHQ, ENROLMENT, GObject)

ChqEnrolment       *chq_enrolment_new                   (void);

const char         *chq_enrolment_get_id                (ChqEnrolment *self);
const char         *chq_enrolment_get_worker_id         (ChqEnrolment *self);
const char         *chq_enrolment_get_course_id         (ChqEnrolment *self);
const char         *chq_enrolment_get_session_id        (ChqEnrolment *self);
ChqEnrolmentStatus  chq_enrolment_get_status            (ChqEnrolment *self);
const char         *chq_enrolment_get_usage_code        (ChqEnrolment *self);
guint               chq_enrolment_get_hours             (ChqEnrolment *self);
guint               chq_enrolment_get_vouchers_reserved (ChqEnrolment *self);
guint               chq_enrolment_get_vouchers_used     (ChqEnrolment *self);
ChqVoucherType      chq_enrolment_get_voucher_type      (ChqEnrolment *self);
const char         *chq_enrolment_get_course_title      (ChqEnrolment *self);
const char         *chq_enrolment_get_provider_name     (ChqEnrolment *self);
GDateTime          *chq_enrolment_get_starts_at         (ChqEnrolment *self);
GDateTime          *chq_enrolment_get_ends_at           (ChqEnrolment *self);
GArray             *chq_enrolment_get_attendance        (ChqEnrolment *self);
double              chq_enrolment_get_hours_attended    (ChqEnrolment *self);
GDateTime          *chq_enrolment_get_created_at        (ChqEnrolment *self);

GArray             *chq_attendance_days_new             (void);

G_END_DECLS
