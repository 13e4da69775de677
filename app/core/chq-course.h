/* chq-course.h: ChqCourse, one training module of the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-course-session.h"
#include "chq-location.h"
#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_COURSE (chq_course_get_type ())

G_DECLARE_FINAL_TYPE (ChqCourse, chq_course, CHQ, COURSE, GObject)

ChqCourse          *chq_course_new                          (void);

const char         *chq_course_get_id                       (ChqCourse *self);
const char         *chq_course_get_title                    (ChqCourse *self);
const char         *chq_course_get_summary                  (ChqCourse *self);
const char         *chq_course_get_description              (ChqCourse *self);
const char         *chq_course_get_provider_id              (ChqCourse *self);
const char         *chq_course_get_provider_name            (ChqCourse *self);
const char         *chq_course_get_provider_approval_number (ChqCourse *self);
const char         *chq_course_get_module_approval          (ChqCourse *self);
ChqVoucherType      chq_course_get_voucher_type             (ChqCourse *self);
guint               chq_course_get_hours                    (ChqCourse *self);
gint64              chq_course_get_price_cents              (ChqCourse *self);
const char * const *chq_course_get_themes                   (ChqCourse *self);
gboolean            chq_course_get_ai                       (ChqCourse *self);
ChqCourseFormat     chq_course_get_format                   (ChqCourse *self);
const char * const *chq_course_get_languages                (ChqCourse *self);
GListModel         *chq_course_get_locations                (ChqCourse *self);
GListModel         *chq_course_get_sessions                 (ChqCourse *self);
GDateTime          *chq_course_get_updated_at               (ChqCourse *self);

GDateTime          *chq_course_get_next_session_start       (ChqCourse  *self);
GDateTime          *chq_course_get_next_session_start_after (ChqCourse  *self,
                                                             GDateTime  *after);
gboolean            chq_course_has_theme                    (ChqCourse  *self,
                                                             const char *theme);

G_END_DECLS
