/* chq-hours-row.h: one row of a table of the Training Hours page (a worker, a course or a
 * month), as the texts its cells show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHQ_TYPE_HOURS_ROW (chq_hours_row_get_type ())
G_DECLARE_FINAL_TYPE (ChqHoursRow, chq_hours_row, CHQ, HOURS_ROW, GObject)

/* cells: NULL-terminated, copied; accessible_label: the whole row as one sentence. */
ChqHoursRow        *chq_hours_row_new                  (const char * const *cells,
                                                        const char         *subtitle,
                                                        const char         *accessible_label);
const char         *chq_hours_row_get_cell             (ChqHoursRow        *self,
                                                        guint               column);
guint               chq_hours_row_get_n_cells          (ChqHoursRow        *self);
const char         *chq_hours_row_get_subtitle         (ChqHoursRow        *self);
const char         *chq_hours_row_get_accessible_label (ChqHoursRow        *self);
/* A progress towards a target, 0 to 1 (may be more); negative: none. */
double              chq_hours_row_get_progress         (ChqHoursRow        *self);
void                chq_hours_row_set_progress         (ChqHoursRow        *self,
                                                        double              progress);
/* Flagged rows (a worker behind) are shown as a warning. */
gboolean            chq_hours_row_get_flagged          (ChqHoursRow        *self);
void                chq_hours_row_set_flagged          (ChqHoursRow        *self,
                                                        gboolean            flagged);

G_END_DECLS
