/* chq-course-list-row.h: one course of the Catalogue's list, laid out and drawn as one widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chq-course-row.h"

G_BEGIN_DECLS

#define CHQ_TYPE_COURSE_LIST_ROW (chq_course_list_row_get_type ())
G_DECLARE_FINAL_TYPE (ChqCourseListRow, chq_course_list_row, CHQ, COURSE_LIST_ROW, GtkWidget)

GtkWidget  *chq_course_list_row_new            (void);
void        chq_course_list_row_set_course     (ChqCourseListRow *self,
                                                ChqCourseRow     *course);
const char *chq_course_list_row_get_title      (ChqCourseListRow *self);
const char *chq_course_list_row_get_provider   (ChqCourseListRow *self);
const char *chq_course_list_row_get_hours_line (ChqCourseListRow *self);
const char *chq_course_list_row_get_next_line  (ChqCourseListRow *self);
gboolean    chq_course_list_row_get_ai         (ChqCourseListRow *self);
gboolean    chq_course_list_row_get_badge_area (ChqCourseListRow *self,
                                                GdkRectangle     *out_area);

G_END_DECLS
