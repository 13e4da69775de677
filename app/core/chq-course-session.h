/* chq-course-session.h: ChqCourseSession, one session (dates and place) of a course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_COURSE_SESSION (chq_course_session_get_type ())

G_DECLARE_FINAL_TYPE (ChqCourseSession, chq_course_session, CHQ, COURSE_SESSION, GObject)

ChqCourseSession *chq_course_session_new            (void);

const char       *chq_course_session_get_id         (ChqCourseSession *self);
GDateTime        *chq_course_session_get_starts_at  (ChqCourseSession *self);
GDateTime        *chq_course_session_get_ends_at    (ChqCourseSession *self);
const char       *chq_course_session_get_city       (ChqCourseSession *self);
guint             chq_course_session_get_seats_left (ChqCourseSession *self);

G_END_DECLS
