/* chq-course-row.h: the light item a catalogue list row shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_COURSE_ROW (chq_course_row_get_type ())

G_DECLARE_FINAL_TYPE (ChqCourseRow, chq_course_row, CHQ, COURSE_ROW, GObject)

/* Read-only properties: "rowid", "id", "title", "provider-name", "hours", "vouchers",
 * "voucher-type", "price-cents", "format", "ai", "next-session-start" (GDateTime, nullable),
 * "next-city" (nullable). */
ChqCourseRow    *chq_course_row_new                    (gint64           rowid,
                                                        const char      *id,
                                                        const char      *title,
                                                        const char      *provider_name,
                                                        guint            hours,
                                                        ChqVoucherType   voucher_type,
                                                        gint64           price_cents,
                                                        ChqCourseFormat  format,
                                                        gboolean         ai,
                                                        GDateTime       *next_session_start,
                                                        const char      *next_city);
gint64           chq_course_row_get_rowid              (ChqCourseRow    *self);
const char      *chq_course_row_get_id                 (ChqCourseRow    *self);
const char      *chq_course_row_get_title              (ChqCourseRow    *self);
const char      *chq_course_row_get_provider_name      (ChqCourseRow    *self);
guint            chq_course_row_get_hours              (ChqCourseRow    *self);
/* One voucher pays one hour: a course costs as many vouchers as it has hours. */
guint            chq_course_row_get_vouchers           (ChqCourseRow    *self);
ChqVoucherType   chq_course_row_get_voucher_type       (ChqCourseRow    *self);
gint64           chq_course_row_get_price_cents        (ChqCourseRow    *self);
ChqCourseFormat  chq_course_row_get_format             (ChqCourseRow    *self);
gboolean         chq_course_row_get_ai                 (ChqCourseRow    *self);
GDateTime       *chq_course_row_get_next_session_start (ChqCourseRow    *self);
const char      *chq_course_row_get_next_city          (ChqCourseRow    *self);

/* How many ChqCourseRow objects were ever made (for tests of laziness). */
guint            chq_course_row_get_n_created          (void);

G_END_DECLS
