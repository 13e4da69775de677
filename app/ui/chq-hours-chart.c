/* chq-hours-chart.c: a bar chart of training hours per month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two bars a month, attended in the accent colour and booked in a pale tint of it, drawn
 * with GtkSnapshot in the colours of the current style so that light and dark both read.
 * For screen readers the chart is an image whose description gives the figures; the page
 * shows the same figures as a table too.
 */
#define G_LOG_DOMAIN "chq-hours-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "chq-hours-chart.h"
#include "chq-hours-report.h"

#define AXIS_WIDTH   36
#define LABEL_HEIGHT 20

struct _ChqHoursChart
{
  GtkWidget parent_instance;

  double    attended[12];
  double    booked[12];
};

G_DEFINE_FINAL_TYPE (ChqHoursChart, chq_hours_chart, GTK_TYPE_WIDGET)

/**
 * chq_hours_chart_axis_top:
 * @max: the largest value to show
 * @out_steps: (out) (optional): the number of grid steps
 *
 * A round top for an axis from 0: steps of 1, 2 or 5 times a power of ten (at least 1 h),
 * the smallest such step that covers @max in four steps, and as many steps as @max needs
 * (one to four). 0 or less (or not a number) gives 4 with 4 steps.
 *
 * Returns: the top of the axis, >= @max
 */
double
chq_hours_chart_axis_top (double  max,
                          guint  *out_steps)
{
  static const double mantissas[] = { 1.0, 2.0, 5.0 };
  double step;
  double magnitude;
  double n;

  if (!(max > 0.0) || !isfinite (max))
    max = 4.0;

  /* Aim for four steps: the step is the first round number >= max / 4. */
  magnitude = pow (10.0, floor (log10 (max / 4.0)));
  step = 10.0 * magnitude;
  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    if (mantissas[i] * magnitude * 4.0 >= max - 1e-9)
      {
        step = mantissas[i] * magnitude;
        break;
      }
  step = MAX (step, 1.0);
  n = MAX (1.0, ceil (max / step - 1e-9));

  if (out_steps != NULL)
    *out_steps = (guint) n;

  return step * n;
}

/**
 * chq_hours_chart_month_label:
 * @month: 0 for January to 11 for December
 * @abbreviated: "Jan" rather than "January"
 *
 * Returns: (transfer full): the month's name in the user's language
 */
char *
chq_hours_chart_month_label (guint    month,
                             gboolean abbreviated)
{
  g_autoptr(GDateTime) date = NULL;

  g_return_val_if_fail (month < 12, NULL);

  date = g_date_time_new_utc (2001, (int) month + 1, 1, 0, 0, 0);

  return g_date_time_format (date, abbreviated ? "%b" : "%B");
}

static void
update_description (ChqHoursChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint m = 0; m < 12; m++)
    {
      g_autofree char *month = NULL;
      g_autofree char *attended = NULL;
      g_autofree char *booked = NULL;

      if (self->attended[m] <= 0.0 && self->booked[m] <= 0.0)
        continue;

      month = chq_hours_chart_month_label (m, FALSE);
      attended = chq_hours_format (self->attended[m], FALSE);
      booked = chq_hours_format (self->booked[m], FALSE);
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: one month in the chart's description for screen readers:
       * "March: 7 hours attended, 14 hours booked" */
      g_string_append_printf (text, _("%s: %s hours attended, %s hours booked"),
                              month, attended, booked);
    }

  if (text->len == 0)
    g_string_append (text, _("No training hours this year."));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

static void
chq_hours_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 12 * 16 + AXIS_WIDTH;
      *natural = 12 * 48 + AXIS_WIDTH;
    }
  else
    {
      *minimum = 140;
      *natural = 200;
    }
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             const char    *text,
             double         x,
             double         y,
             double         width,
             PangoAlignment align,
             const GdkRGBA *color)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) x, (float) y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
chq_hours_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ChqHoursChart *self = CHQ_HOURS_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double plot_x = AXIS_WIDTH;
  double plot_w = width - AXIS_WIDTH;
  double plot_h = height - LABEL_HEIGHT;
  double slot = plot_w / 12.0;
  double bar = MAX (2.0, MIN (slot * 0.36, 24.0));
  double max = 0.0;
  double top;
  guint steps;
  GdkRGBA fg, accent, booked, grid, label;

  if (plot_w <= 0 || plot_h <= 0)
    return;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = (GdkRGBA) { 0.11f, 0.44f, 0.85f, 1.0f };
  booked = accent;
  booked.alpha = 0.4f;
  grid = fg;
  grid.alpha = 0.15f;
  label = fg;
  label.alpha = 0.7f;

  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }

  for (guint m = 0; m < 12; m++)
    max = MAX (max, MAX (self->attended[m], self->booked[m]));
  top = chq_hours_chart_axis_top (max, &steps);

  for (guint s = 0; s <= steps; s++)
    {
      double gy = floor (plot_h - plot_h * s / steps) + 0.5;
      g_autofree char *value = chq_hours_format (top * s / steps, FALSE);

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT ((float) plot_x, (float) gy - 0.5f,
                                                      (float) plot_w, 1.0f));
      append_text (snapshot, layout, value, 0, MAX (0.0, gy - 8), AXIS_WIDTH - 6,
                   PANGO_ALIGN_RIGHT, &label);
    }

  for (guint m = 0; m < 12; m++)
    {
      double cx = plot_x + slot * m + slot / 2.0;
      double ha = plot_h * self->attended[m] / top;
      double hb = plot_h * self->booked[m] / top;
      g_autofree char *month = chq_hours_chart_month_label (m, TRUE);

      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT ((float) (cx - bar), (float) (plot_h - ha),
                                                      (float) bar, (float) ha));
      gtk_snapshot_append_color (snapshot, &booked,
                                 &GRAPHENE_RECT_INIT ((float) cx, (float) (plot_h - hb),
                                                      (float) bar, (float) hb));
      append_text (snapshot, layout, month, plot_x + slot * m, plot_h + 2, slot,
                   PANGO_ALIGN_CENTER, &label);
    }
}

static void
chq_hours_chart_class_init (ChqHoursChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = chq_hours_chart_measure;
  widget_class->snapshot = chq_hours_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "chq-hours-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
chq_hours_chart_init (ChqHoursChart *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hours per month"),
                                  -1);
  update_description (self);
}

/**
 * chq_hours_chart_new:
 *
 * Returns: (transfer floating): a new, empty #ChqHoursChart
 */
GtkWidget *
chq_hours_chart_new (void)
{
  return g_object_new (CHQ_TYPE_HOURS_CHART, NULL);
}

/**
 * chq_hours_chart_set_months:
 * @self: a #ChqHoursChart
 * @attended: (nullable) (array fixed-size=12): hours attended per month, January first
 * @booked: (nullable) (array fixed-size=12): hours booked per month
 *
 * Shows these figures (and describes them to screen readers). %NULL shows zeros.
 */
void
chq_hours_chart_set_months (ChqHoursChart *self,
                            const double  *attended,
                            const double  *booked)
{
  g_return_if_fail (CHQ_IS_HOURS_CHART (self));

  for (guint m = 0; m < 12; m++)
    {
      self->attended[m] = attended != NULL && attended[m] > 0.0 ? attended[m] : 0.0;
      self->booked[m] = booked != NULL && booked[m] > 0.0 ? booked[m] : 0.0;
    }

  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * chq_hours_chart_get_attended:
 * @self: a #ChqHoursChart
 * @month: 0 to 11
 *
 * Returns: the hours attended shown for @month
 */
double
chq_hours_chart_get_attended (ChqHoursChart *self,
                              guint          month)
{
  g_return_val_if_fail (CHQ_IS_HOURS_CHART (self), 0.0);
  g_return_val_if_fail (month < 12, 0.0);

  return self->attended[month];
}

/**
 * chq_hours_chart_get_booked:
 * @self: a #ChqHoursChart
 * @month: 0 to 11
 *
 * Returns: the hours booked shown for @month
 */
double
chq_hours_chart_get_booked (ChqHoursChart *self,
                            guint          month)
{
  g_return_val_if_fail (CHQ_IS_HOURS_CHART (self), 0.0);
  g_return_val_if_fail (month < 12, 0.0);

  return self->booked[month];
}
