/* chq-course-list-model.h: the catalogue as a GListModel of ChqCourseRow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-course-query.h"
#include "chq-store.h"

G_BEGIN_DECLS

#define CHQ_TYPE_COURSE_LIST_MODEL (chq_course_list_model_get_type ())

G_DECLARE_FINAL_TYPE (ChqCourseListModel, chq_course_list_model, CHQ, COURSE_LIST_MODEL, GObject)

/* Properties: "store", "query" (ChqCourseQuery boxed), "n-items", "loading".
 * set_query runs the query off the main thread, keeps the old result until the new one is
 * ready, then swaps with one items-changed; a superseded query is cancelled. Items are made
 * on demand and a bounded number kept. The model re-runs its query after the store's
 * "changed" for "courses" (bursts within 50 ms make one refresh; "loading" is TRUE from
 * the first). */
ChqCourseListModel    *chq_course_list_model_new        (ChqStore           *store);
void                   chq_course_list_model_set_query  (ChqCourseListModel *self,
                                                         const ChqCourseQuery *query);
const ChqCourseQuery  *chq_course_list_model_get_query  (ChqCourseListModel *self);
gboolean               chq_course_list_model_get_loading (ChqCourseListModel *self);
ChqStore              *chq_course_list_model_get_store  (ChqCourseListModel *self);
/* The current result (nullable before the first query ends). */
ChqCourseResult       *chq_course_list_model_get_result (ChqCourseListModel *self);

G_END_DECLS
