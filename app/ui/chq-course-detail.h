/* chq-course-detail.h: one course of the catalogue, its cost, sessions and bookings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_COURSE_DETAIL (chq_course_detail_get_type ())
G_DECLARE_FINAL_TYPE (ChqCourseDetail, chq_course_detail, CHQ, COURSE_DETAIL, AdwBin)

/* Properties: "backend" (ChqBackend), "course-id" (string), "course" (ChqCourse, read-only,
 * NULL until loaded), "loading" (boolean, read-only). */
GtkWidget  *chq_course_detail_new            (void);
ChqBackend *chq_course_detail_get_backend    (ChqCourseDetail *self);
void        chq_course_detail_set_backend    (ChqCourseDetail *self,
                                              ChqBackend      *backend);
const char *chq_course_detail_get_course_id  (ChqCourseDetail *self);
void        chq_course_detail_set_course_id  (ChqCourseDetail *self,
                                              const char      *course_id);
ChqCourse  *chq_course_detail_get_course     (ChqCourseDetail *self);
gboolean    chq_course_detail_get_loading    (ChqCourseDetail *self);
guint       chq_course_detail_get_n_bookings (ChqCourseDetail *self);

G_END_DECLS
