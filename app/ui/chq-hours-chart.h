/* chq-hours-chart.h: a bar chart of training hours per month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CHQ_TYPE_HOURS_CHART (chq_hours_chart_get_type ())
G_DECLARE_FINAL_TYPE (ChqHoursChart, chq_hours_chart, CHQ, HOURS_CHART, GtkWidget)

GtkWidget *chq_hours_chart_new            (void);
/* Twelve values each, January first; NULL empties the chart. */
void       chq_hours_chart_set_months     (ChqHoursChart *self,
                                           const double  *attended,
                                           const double  *booked);
double     chq_hours_chart_get_attended   (ChqHoursChart *self,
                                           guint          month);
double     chq_hours_chart_get_booked     (ChqHoursChart *self,
                                           guint          month);

/* The axis for values up to max: a round top (>= max, at least 1) split in out_steps equal
 * steps of 1, 2 or 5 times a power of ten. */
double     chq_hours_chart_axis_top       (double         max,
                                           guint         *out_steps);
/* "Jan" ... "Dec" in the user's language; month 0 to 11. */
char      *chq_hours_chart_month_label    (guint          month,
                                           gboolean       abbreviated);

G_END_DECLS
