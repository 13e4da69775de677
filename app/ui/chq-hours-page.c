/* chq-hours-page.c: the Training Hours page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The year's training hours from the store: company totals, then three views — per worker
 * (with progress against the training right, workers behind flagged), per course, and per
 * month (a chart, and the same figures as a table). The report is computed by the pure
 * chq_hours_report_compute() whenever the workers, the enrolments or the training right
 * settings change. Exports (CSV of the training records, PDF annual report) are written
 * off the main thread.
 */
#define G_LOG_DOMAIN "chq-hours-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-deadlines-view.h"
#include "chq-hours-chart.h"
#include "chq-hours-page-private.h"
#include "chq-hours-row.h"
#include "chq-money.h"
#include "chq-report-pdf.h"
#include "chq-rules.h"

G_DEFINE_FINAL_TYPE (ChqHoursPage, chq_hours_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_YEAR,
  PROP_TODAY,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (ChqHoursPage *self);

static void
show_toast (ChqHoursPage *self,
            const char   *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

static char *
hours_text (double hours)
{
  g_autofree char *number = chq_hours_format (hours, FALSE);

  /* Translators: a number of hours, "7.5 h" */
  return g_strdup_printf (_("%s h"), number);
}

/* ------------------------------------------------------------------------ the tables */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);

  if (kind == CELL_TITLE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *title = gtk_label_new (NULL);
      GtkWidget *subtitle = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_set_size_request (box, 140, -1);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), subtitle);
      gtk_list_item_set_child (item, box);
    }
  else if (kind == CELL_PROGRESS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_set_size_request (bar, 64, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_level_bar_set_mode (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_MODE_CONTINUOUS);
      /* The page says "behind" itself; the bar need not turn red at low values. */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), bar);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (item, box);
    }
  else
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_widget_add_css_class (label, "numeric");
      gtk_list_item_set_child (item, label);
    }
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  ChqHoursRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  const char *text = chq_hours_row_get_cell (row, column);

  if (kind == CELL_TITLE)
    {
      GtkWidget *title = gtk_widget_get_first_child (child);
      GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
      const char *sub = chq_hours_row_get_subtitle (row);

      gtk_label_set_text (GTK_LABEL (title), text);
      gtk_label_set_text (GTK_LABEL (subtitle), sub != NULL ? sub : "");
      gtk_widget_set_visible (subtitle, sub != NULL && *sub != '\0');
      if (chq_hours_row_get_flagged (row))
        {
          gtk_widget_add_css_class (title, "warning");
          gtk_widget_add_css_class (subtitle, "warning");
        }
      else
        {
          gtk_widget_remove_css_class (title, "warning");
          gtk_widget_remove_css_class (subtitle, "warning");
        }
      /* GTK 4.8 gives column view rows no accessible label of their own: the first cell
       * says the whole row. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      chq_hours_row_get_accessible_label (row),
                                      -1);
    }
  else if (kind == CELL_PROGRESS)
    {
      GtkWidget *bar = gtk_widget_get_first_child (child);
      GtkWidget *label = gtk_widget_get_next_sibling (bar);
      double progress = chq_hours_row_get_progress (row);

      gtk_widget_set_visible (bar, progress >= 0.0);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (progress, 0.0, 1.0));
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Progress"),
                                      -1);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (child), text);
    }
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            guint          column,
            CellKind       kind,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), GINT_TO_POINTER (kind));

  col = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (view, col);
}

static void
set_model (GtkColumnView *view,
           GListStore    *store)
{
  g_autoptr(GtkSelectionModel) selection =
    GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (store))));

  gtk_column_view_set_model (view, selection);
}

static void
setup_tables (ChqHoursPage *self)
{
  self->workers_model = g_list_store_new (CHQ_TYPE_HOURS_ROW);
  self->courses_model = g_list_store_new (CHQ_TYPE_HOURS_ROW);
  self->months_model = g_list_store_new (CHQ_TYPE_HOURS_ROW);

  add_column (self->workers_view, _("Worker"), 0, CELL_TITLE, TRUE);
  add_column (self->workers_view, _("Booked"), 1, CELL_NUMBER, FALSE);
  add_column (self->workers_view, _("Attended"), 2, CELL_NUMBER, FALSE);
  add_column (self->workers_view, _("Vouchers"), 3, CELL_NUMBER, FALSE);
  add_column (self->workers_view, _("Training Credit"), 4, CELL_PROGRESS, FALSE);
  add_column (self->workers_view, _("Left"), 5, CELL_NUMBER, FALSE);
  {
    /* A worker may be selected: "Individual Training Account" then writes theirs. */
    g_autoptr(GtkSingleSelection) selection =
      gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->workers_model)));

    gtk_single_selection_set_autoselect (selection, FALSE);
    gtk_single_selection_set_can_unselect (selection, TRUE);
    gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
    gtk_column_view_set_model (self->workers_view, GTK_SELECTION_MODEL (selection));
  }

  add_column (self->courses_view, _("Course"), 0, CELL_TITLE, TRUE);
  add_column (self->courses_view, _("Workers"), 1, CELL_NUMBER, FALSE);
  add_column (self->courses_view, _("Booked"), 2, CELL_NUMBER, FALSE);
  add_column (self->courses_view, _("Attended"), 3, CELL_NUMBER, FALSE);
  add_column (self->courses_view, _("Vouchers"), 4, CELL_NUMBER, FALSE);
  set_model (self->courses_view, self->courses_model);

  add_column (self->months_view, _("Month"), 0, CELL_TITLE, TRUE);
  add_column (self->months_view, _("Attended"), 1, CELL_NUMBER, FALSE);
  add_column (self->months_view, _("Booked"), 2, CELL_NUMBER, FALSE);
  set_model (self->months_view, self->months_model);
}

static void
setup_totals (ChqHoursPage *self)
{
  const char *captions[N_TOTALS] = {
    N_("Hours attended"),
    N_("Hours booked"),
    N_("Vouchers used"),
    N_("Paid by the company"),
    N_("Added by the Region"),
    N_("Workers behind"),
  };

  for (guint i = 0; i < N_TOTALS; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value = gtk_label_new ("—");
      GtkWidget *caption = gtk_label_new (_(captions[i]));

      gtk_widget_add_css_class (box, "card");
      gtk_widget_set_margin_top (value, 8);
      gtk_widget_set_margin_start (value, 6);
      gtk_widget_set_margin_end (value, 6);
      gtk_widget_set_margin_bottom (caption, 8);
      gtk_widget_set_margin_start (caption, 6);
      gtk_widget_set_margin_end (caption, 6);
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      /* Short lines keep the six cards on one row of a wide window. */
      gtk_label_set_max_width_chars (GTK_LABEL (caption), 12);
      gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (value, "title-4");
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_box_append (GTK_BOX (box), value);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_flow_box_append (self->totals_box, box);
      /* Not focusable as a child: the figures are read with the page, not activated. */
      gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);

      self->total_values[i] = GTK_LABEL (value);
      self->total_captions[i] = GTK_LABEL (caption);
    }
}

static void
set_total (ChqHoursPage *self,
           guint         which,
           const char   *value)
{
  /* Translators: a company total for screen readers, "Hours attended: 26.5 h" */
  g_autofree char *label = g_strdup_printf (_("%s: %s"),
                                            gtk_label_get_text (self->total_captions[which]),
                                            value);

  gtk_label_set_text (self->total_values[which], value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->total_values[which]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static char *
days_text (double days)
{
  g_autofree char *number = chq_hours_format (days, FALSE);

  /* Translators: a number of training days, "1.5 d" */
  return g_strdup_printf (_("%s d"), number);
}

/* A row of the workers' table: the bookings from the report @w, the training credit from
 * the year model's @yw (NULL while it is being built). */
static ChqHoursRow *
worker_row (ChqHoursWorker              *w,
            const ChqTrainingYearWorker *yw)
{
  g_autofree char *booked = hours_text (w->hours_booked);
  g_autofree char *attended = hours_text (w->hours_attended);
  g_autofree char *vouchers = g_strdup_printf ("%u", w->vouchers_used);
  g_autofree char *progress = NULL;
  g_autofree char *left = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *sentence = NULL;
  const char *status = chq_worker_status_get_label (w->status);
  gboolean has_right = yw != NULL && yw->balance.has_right;
  gboolean late = has_right && yw->balance.late;
  double fraction = -1.0;
  ChqHoursRow *row;

  if (has_right)
    {
      const ChqTrainingBalance *b = &yw->balance;
      double credit = b->credit_days + b->carried_in_days;
      g_autofree char *followed = days_text (b->followed_days);
      g_autofree char *total = days_text (credit);

      /* Translators: days followed of the training credit, "1.5 d of 5 d" */
      progress = g_strdup_printf (_("%s of %s"), followed, total);
      left = days_text (b->left_days);
      fraction = credit > 0.0 ? b->followed_days / credit : 1.0;
    }
  else
    {
      progress = g_strdup ("—");
      left = g_strdup ("—");
    }

  if (w->archived)
    /* Translators: a worker's status, then that the worker is archived */
    subtitle = g_strdup_printf (_("%s, archived"), status);
  else if (late)
    /* Translators: a worker's status, then that the worker is behind their training credit */
    subtitle = g_strdup_printf (_("%s, behind the training credit"), status);
  else if (yw != NULL && !has_right)
    /* Translators: a worker's status, then that only the company's employees have a credit */
    subtitle = g_strdup_printf (_("%s, no training credit"), status);
  else if (!w->eligible)
    /* Translators: a worker's status, then that vouchers may not pay for their training */
    subtitle = g_strdup_printf (_("%s, not eligible for vouchers"), status);
  else
    subtitle = g_strdup (status);

  if (has_right)
    /* Translators: a row of the per-worker table for screen readers: name, status, hours
     * booked, hours attended, vouchers used, days followed of the credit, days left */
    sentence = g_strdup_printf (_("%s (%s): %s booked, %s attended, %u vouchers used, "
                                  "training credit %s, %s left"),
                                w->name, subtitle, booked, attended, w->vouchers_used, progress,
                                left);
  else
    /* Translators: a row of the per-worker table for screen readers, for a worker without a
     * training credit: name, status, hours booked, hours attended, vouchers used */
    sentence = g_strdup_printf (_("%s (%s): %s booked, %s attended, %u vouchers used, "
                                  "no training credit"),
                                w->name, subtitle, booked, attended, w->vouchers_used);

  {
    const char *cells[] = { w->name, booked, attended, vouchers, progress, left, NULL };

    row = chq_hours_row_new (cells, subtitle, sentence);
  }
  chq_hours_row_set_progress (row, fraction);
  chq_hours_row_set_flagged (row, late);

  return row;
}

static ChqHoursRow *
course_row (ChqHoursCourse *c)
{
  g_autofree char *workers = g_strdup_printf ("%u", c->workers);
  g_autofree char *booked = hours_text (c->hours_booked);
  g_autofree char *attended = hours_text (c->hours_attended);
  g_autofree char *vouchers = g_strdup_printf ("%u", c->vouchers_used);
  g_autofree char *sentence = NULL;
  const char *cells[] = { c->title, workers, booked, attended, vouchers, NULL };

  /* Translators: a row of the per-course table for screen readers */
  sentence = g_strdup_printf (ngettext ("%s, %s: %u worker, %s booked, %s attended, "
                                        "%s vouchers used",
                                        "%s, %s: %u workers, %s booked, %s attended, "
                                        "%s vouchers used", c->workers),
                              c->title, c->provider != NULL ? c->provider : "", c->workers,
                              booked, attended, vouchers);

  return chq_hours_row_new (cells, c->provider, sentence);
}

static ChqHoursRow *
month_row (guint  month,
           double attended_hours,
           double booked_hours)
{
  g_autofree char *name = chq_hours_chart_month_label (month, FALSE);
  g_autofree char *attended = hours_text (attended_hours);
  g_autofree char *booked = hours_text (booked_hours);
  g_autofree char *sentence = NULL;
  const char *cells[] = { name, attended, booked, NULL };

  /* Translators: a row of the per-month table for screen readers */
  sentence = g_strdup_printf (_("%s: %s attended, %s booked"), name, attended, booked);

  return chq_hours_row_new (cells, NULL, sentence);
}

static void
replace_rows (GListStore *store,
              GPtrArray  *rows)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       rows->pdata, rows->len);
}

static char *
tier_sentence (ChqTrainingYear *year)
{
  g_autofree char *per_day = chq_hours_format (year->settings.hours_per_day, FALSE);
  g_autofree char *workforce = chq_hours_format (MAX (year->settings.workforce, 0.0), FALSE);

  switch (year->tier)
    {
    case CHQ_TRAINING_TIER_UNDER_10:
      /* Translators: the company's tier of the training right; %s is its workforce, then
       * hours in a training day */
      return g_strdup_printf (_("Workforce %s: fewer than 10 workers, no training credit "
                                "unless a sector rule sets one; %s h a day. Set in "
                                "Preferences."), workforce, per_day);
    case CHQ_TRAINING_TIER_10_TO_19:
      /* Translators: the company's tier of the training right */
      return g_strdup_printf (_("Workforce %s: 10 to 19 workers, 1 training day a year per "
                                "full-time equivalent, unless a sector rule sets more; %s h a "
                                "day. Set in Preferences."), workforce, per_day);
    case CHQ_TRAINING_TIER_20_OR_MORE:
    default:
      /* Translators: the company's tier of the training right */
      return g_strdup_printf (_("Workforce %s: 20 workers or more, 5 training days a year per "
                                "full-time equivalent and an annual training plan; %s h a "
                                "day. Set in Preferences."), workforce, per_day);
    }
}

/**
 * _chq_hours_page_show_report:
 * @self: a #ChqHoursPage
 *
 * Shows the report and, once built, the year model's credits: the tables, the totals, the
 * summary and the obligations.
 */
void
_chq_hours_page_show_report (ChqHoursPage *self)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_object_unref);
  ChqHoursReport *report = self->report;
  ChqTrainingYear *year = self->training_year != NULL &&
                          self->training_year->year == self->year ? self->training_year : NULL;
  g_autoptr(GDateTime) now = chq_hours_page_dup_today (self);
  g_autofree char *summary = NULL;
  guint behind = 0;

  if (report == NULL)
    return;

  for (guint i = 0; i < report->workers->len; i++)
    {
      ChqHoursWorker *w = g_ptr_array_index (report->workers, i);
      const ChqTrainingYearWorker *yw = year != NULL
                                        ? chq_training_year_find_worker (year, w->worker_id)
                                        : NULL;

      if (yw != NULL && yw->balance.has_right && yw->balance.late)
        behind++;
      g_ptr_array_add (workers, worker_row (w, yw));
    }
  for (guint i = 0; i < report->courses->len; i++)
    g_ptr_array_add (courses, course_row (g_ptr_array_index (report->courses, i)));
  for (guint m = 0; m < 12; m++)
    g_ptr_array_add (months, month_row (m, report->month_attended[m], report->month_booked[m]));

  replace_rows (self->workers_model, workers);
  replace_rows (self->courses_model, courses);
  replace_rows (self->months_model, months);
  chq_hours_chart_set_months (self->chart, report->month_attended, report->month_booked);

  {
    g_autofree char *attended = hours_text (report->hours_attended);
    g_autofree char *booked = hours_text (report->hours_booked);
    g_autofree char *used = g_strdup_printf ("%u", report->vouchers_used);
    g_autofree char *paid = chq_money_format (report->company_paid_cents);
    g_autofree char *region = chq_money_format (report->region_added_cents);
    g_autofree char *behind_text = year != NULL ? g_strdup_printf ("%u", behind) : g_strdup ("—");

    set_total (self, TOTAL_HOURS_ATTENDED, attended);
    set_total (self, TOTAL_HOURS_BOOKED, booked);
    set_total (self, TOTAL_VOUCHERS_USED, used);
    set_total (self, TOTAL_COMPANY_PAID, paid);
    set_total (self, TOTAL_REGION_ADDED, region);
    set_total (self, TOTAL_WORKERS_BEHIND, behind_text);
    if (behind > 0)
      gtk_widget_add_css_class (GTK_WIDGET (self->total_values[TOTAL_WORKERS_BEHIND]), "warning");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->total_values[TOTAL_WORKERS_BEHIND]),
                                   "warning");
  }

  if (year == NULL)
    summary = g_strdup (_("Counting the training credits…"));
  else if (_chq_hours_page_is_self_employed (self))
    {
      g_autofree char *followed = hours_text (year->hours_followed);

      /* Translators: a self-employed account's summary: hours followed, vouchers used */
      summary = g_strdup_printf (ngettext ("Your trainings this year: %s, %u voucher used. "
                                           "A self-employed worker has no training credit to "
                                           "keep and no training plan.",
                                           "Your trainings this year: %s, %u vouchers used. "
                                           "A self-employed worker has no training credit to "
                                           "keep and no training plan.",
                                           year->vouchers_used),
                                 followed, year->vouchers_used);
    }
  else
    {
      g_autofree char *tier = tier_sentence (year);
      guint with_right = 0, trained = 0;

      chq_training_year_count (year, &with_right, &trained);
      /* Translators: "3 of 6 employees trained" (only employees have a credit), then the
       * company's tier */
      summary = g_strdup_printf (ngettext ("%u of %u employee trained. %s",
                                           "%u of %u employees trained. %s", with_right),
                                 trained, with_right, tier);
    }
  gtk_label_set_text (self->summary_label, summary);

  chq_deadlines_view_update (self->deadlines_view, year, now);

  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
recompute (ChqHoursPage *self)
{
  ChqHoursSettings settings;
  g_autoptr(GDateTime) now = chq_hours_page_dup_today (self);
  GDate today;

  if (self->workers == NULL || self->enrolments == NULL)
    return;

  settings.training_right_days = g_settings_get_double (self->settings, "training-right-days");
  settings.hours_per_day = g_settings_get_double (self->settings, "hours-per-day");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  g_clear_pointer (&self->report, chq_hours_report_free);
  self->report = chq_hours_report_compute (self->year, self->workers, self->enrolments,
                                           &settings, &today);
  _chq_hours_page_show_report (self);
  _chq_hours_page_update_actions (self);
}

/* ------------------------------------------------------------------------- the years */

/* The years offered, latest first: next year (sessions of next January are booked now),
 * this year, last year, and every other year with bookings stored. */
static GArray *
offered_years (ChqHoursPage *self)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  int fixed[] = { self->current_year + 1, self->current_year, self->current_year - 1 };

  g_array_append_vals (years, fixed, G_N_ELEMENTS (fixed));
  for (guint i = 0; i < (self->data_years != NULL ? self->data_years->len : 0) +
                        (self->register_years != NULL ? self->register_years->len : 0); i++)
    {
      guint n_data = self->data_years != NULL ? self->data_years->len : 0;
      int year = i < n_data ? g_array_index (self->data_years, int, i)
                            : g_array_index (self->register_years, int, i - n_data);
      gboolean known = FALSE;

      for (guint j = 0; j < years->len && !known; j++)
        known = g_array_index (years, int, j) == year;
      if (!known && year > 0)
        g_array_append_val (years, year);
    }
  g_array_sort (years, (GCompareFunc) compare_years_desc);

  return years;
}

static gboolean
year_is_offered (ChqHoursPage *self,
                 int           year)
{
  g_autoptr(GArray) years = offered_years (self);

  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return TRUE;
  return FALSE;
}

void
_chq_hours_page_update_years (ChqHoursPage *self)
{
  g_autoptr(GArray) years = offered_years (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) texts = NULL;
  guint selected = 0;

  for (guint i = 0; i < years->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", g_array_index (years, int, i));

      g_strv_builder_add (builder, text);
      if (g_array_index (years, int, i) == self->year)
        selected = i;
    }
  texts = g_strv_builder_end (builder);

  self->updating_years = TRUE;
  gtk_string_list_splice (self->years, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->years)),
                          (const char * const *) texts);
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->updating_years = FALSE;
}

static void
on_year_selected_cb (ChqHoursPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);
  g_autoptr(GArray) years = NULL;

  if (self->updating_years || selected == GTK_INVALID_LIST_POSITION)
    return;

  years = offered_years (self);
  if (selected < years->len)
    chq_hours_page_set_year (self, g_array_index (years, int, selected));
}

/* ---------------------------------------------------------------- the view buttons */

/* Linked toggle buttons rather than a GtkStackSwitcher, whose buttons are too wide for
 * 360 px. */
static void
on_view_toggled_cb (GtkToggleButton *button,
                    ChqHoursPage    *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->workers_button)
    gtk_stack_set_visible_child_name (self->views, "workers");
  else if (button == self->courses_button)
    gtk_stack_set_visible_child_name (self->views, "courses");
  else if (button == self->trainings_button)
    gtk_stack_set_visible_child_name (self->views, "trainings");
  else
    gtk_stack_set_visible_child_name (self->views, "months");
}

static void
on_visible_view_cb (ChqHoursPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->views);

  if (g_strcmp0 (name, "workers") == 0)
    gtk_toggle_button_set_active (self->workers_button, TRUE);
  else if (g_strcmp0 (name, "courses") == 0)
    gtk_toggle_button_set_active (self->courses_button, TRUE);
  else if (g_strcmp0 (name, "trainings") == 0)
    gtk_toggle_button_set_active (self->trainings_button, TRUE);
  else if (g_strcmp0 (name, "months") == 0)
    gtk_toggle_button_set_active (self->months_button, TRUE);
}

/* --------------------------------------------------------------------------- reading */

typedef struct {
  ChqHoursPage *self;       /* owned */
  int           year;
  ChqAccount   *account;    /* owned, nullable */
  GPtrArray    *workers;    /* owned, nullable */
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->self);
  g_clear_object (&load->account);
  g_clear_pointer (&load->workers, g_ptr_array_unref);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
load_done (ChqHoursPage *self)
{
  self->loads--;
  if (self->loads == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      if (self->reload_queued)
        {
          self->reload_queued = FALSE;
          reload (self);
        }
    }
}

static void
report_read_error (ChqHoursPage *self,
                   GError       *error)
{
  /* Translators: %s says why the local cache could not be read */
  g_autofree char *text = g_strdup_printf (_("Could not read the training hours: %s"),
                                           error->message);

  g_warning ("%s", text);
  show_toast (self, text);
}

static void
on_enrolments_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) enrolments = chq_store_list_finish (CHQ_STORE (source), result, &error);
  ChqHoursPage *self = load->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (enrolments == NULL)
    report_read_error (self, error);
  else if (load->year == self->year)
    {
      if (load->account != NULL)
        {
          g_free (self->company_name);
          self->company_name = g_strdup (chq_account_get_name (load->account));
          g_set_object (&self->account, load->account);
        }
      g_clear_pointer (&self->workers, g_ptr_array_unref);
      g_clear_pointer (&self->enrolments, g_ptr_array_unref);
      self->workers = g_steal_pointer (&load->workers);
      self->enrolments = g_steal_pointer (&enrolments);
      recompute (self);
      _chq_hours_page_load_training_year (self);
    }

  load_done (self);
}

static void
on_workers_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  ChqHoursPage *self = load->self;
  GCancellable *cancellable = self->cancellable;
  int year = load->year;

  load->workers = chq_store_list_finish (CHQ_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (load->workers == NULL)
    {
      report_read_error (self, error);
      load_done (self);
      return;
    }

  chq_store_list_enrolments_async (CHQ_STORE (source), year, cancellable,
                                   on_enrolments_cb, g_steal_pointer (&load));
}

static void
on_years_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = chq_store_list_enrolment_years_finish (CHQ_STORE (source), result,
                                                                   &error);
  ChqHoursPage *self = load->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without the list, the fixed years still serve. */
  if (years == NULL)
    g_warning ("Could not list the years with bookings: %s", error->message);
  else
    {
      g_clear_pointer (&self->data_years, g_array_unref);
      self->data_years = g_steal_pointer (&years);
      _chq_hours_page_update_years (self);
    }

  chq_store_list_workers_async (CHQ_STORE (source), self->cancellable, on_workers_cb,
                                g_steal_pointer (&load));
}

static void
on_account_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  ChqHoursPage *self = load->self;

  load->account = chq_store_get_account_finish (CHQ_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No account stored yet (before the first sync) is no error: the local year serves. */
  if (load->account != NULL && chq_account_get_year (load->account) > 0 &&
      (int) chq_account_get_year (load->account) != self->current_year)
    {
      gboolean was_current = self->year == self->current_year;

      self->current_year = (int) chq_account_get_year (load->account);
      if (was_current || !year_is_offered (self, self->year))
        self->year = self->current_year;
      load->year = self->year;
      _chq_hours_page_update_years (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }

  chq_store_list_enrolment_years_async (CHQ_STORE (source), self->cancellable,
                                        on_years_cb, g_steal_pointer (&load));
}

static void
reload (ChqHoursPage *self)
{
  Load *load;

  if (self->backend == NULL)
    return;

  /* One read at a time; a change during a read reads again once it is done. */
  if (self->loads > 0)
    {
      self->reload_queued = TRUE;
      return;
    }

  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->year = self->year;
  self->loads++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  chq_store_get_account_async (chq_backend_get_store (self->backend), self->cancellable,
                               on_account_cb, load);
}

static void
on_store_changed_cb (ChqStore     *store,
                     const char   *collection,
                     ChqHoursPage *self)
{
  if (g_strcmp0 (collection, CHQ_STORE_WORKERS) == 0 ||
      g_strcmp0 (collection, CHQ_STORE_ACCOUNT) == 0 ||
      g_str_has_prefix (collection, CHQ_STORE_ENROLMENTS))
    reload (self);
}

/* Bookings, cancellations and attendance still in the outbox are not in the store's
 * figures yet: say so, so that nobody wonders where the hours went. */
static void
update_pending (ChqHoursPage *self)
{
  guint waiting = 0;

  for (guint i = 0; self->outbox_model != NULL &&
                    i < g_list_model_get_n_items (self->outbox_model); i++)
    {
      g_autoptr(ChqOutboxEntry) entry = g_list_model_get_item (self->outbox_model, i);
      ChqOutboxKind kind = chq_outbox_entry_get_kind (entry);
      ChqOutboxState state = chq_outbox_entry_get_state (entry);

      if ((kind == CHQ_OUTBOX_KIND_CREATE_ENROLMENT ||
           kind == CHQ_OUTBOX_KIND_CANCEL_ENROLMENT ||
           kind == CHQ_OUTBOX_KIND_RECORD_ATTENDANCE) &&
          (state == CHQ_OUTBOX_STATE_PENDING || state == CHQ_OUTBOX_STATE_SENDING))
        waiting++;
    }

  if (waiting > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u change to bookings or attendance is waiting to be sent: "
                                   "the figures count it once the service has it.",
                                   "%u changes to bookings or attendance are waiting to be "
                                   "sent: the figures count them once the service has them.",
                                   waiting),
                         waiting);

      gtk_label_set_text (self->pending_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pending_label), waiting > 0);
}

static void
on_settings_changed_cb (GSettings    *settings,
                        const char   *key,
                        ChqHoursPage *self)
{
  if (g_str_equal (key, "training-right-days") || g_str_equal (key, "hours-per-day"))
    recompute (self);
}

/* ---------------------------------------------------------------------------- object */

static void
disconnect_backend (ChqHoursPage *self)
{
  if (self->backend == NULL)
    return;

  g_clear_signal_handler (&self->store_changed_id, chq_backend_get_store (self->backend));
  if (self->outbox_model != NULL)
    g_clear_signal_handler (&self->outbox_changed_id, self->outbox_model);
  g_clear_object (&self->outbox_model);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _chq_hours_page_disconnect_register (self);
  g_clear_object (&self->backend);
  g_clear_pointer (&self->workers, g_ptr_array_unref);
  g_clear_pointer (&self->enrolments, g_ptr_array_unref);
  g_clear_pointer (&self->report, chq_hours_report_free);
  g_clear_pointer (&self->company_name, g_free);
  g_clear_object (&self->account);
  g_clear_pointer (&self->data_years, g_array_unref);
  self->loads = 0;
  self->reload_queued = FALSE;
}

static void
chq_hours_page_dispose (GObject *object)
{
  ChqHoursPage *self = CHQ_HOURS_PAGE (object);

  _chq_hours_page_close_chooser (self);
  disconnect_backend (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->workers_model);
  g_clear_object (&self->courses_model);
  g_clear_object (&self->months_model);
  g_clear_pointer (&self->today, g_date_time_unref);

  G_OBJECT_CLASS (chq_hours_page_parent_class)->dispose (object);
}

static void
chq_hours_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChqHoursPage *self = CHQ_HOURS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_TODAY:
      g_value_set_boxed (value, self->today);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loads > 0 || self->training_loads > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_hours_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChqHoursPage *self = CHQ_HOURS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_hours_page_set_backend (self, g_value_get_object (value));
      break;

    case PROP_YEAR:
      chq_hours_page_set_year (self, g_value_get_int (value));
      break;

    case PROP_TODAY:
      chq_hours_page_set_today (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_hours_page_class_init (ChqHoursPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_hours_page_dispose;
  object_class->get_property = chq_hours_page_get_property;
  object_class->set_property = chq_hours_page_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] =
    g_param_spec_boxed ("today", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHQ_TYPE_HOURS_CHART);
  g_type_ensure (CHQ_TYPE_DEADLINES_VIEW);
  g_type_ensure (CHQ_TYPE_TRAININGS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-hours-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, years);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, totals_box);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, deadlines_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, trainings_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, trainings_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, views);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, workers_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, courses_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, months_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, workers_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, courses_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, months_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, chart);

  _chq_hours_page_class_init_exports (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_hours_page_init (ChqHoursPage *self)
{
  g_autoptr(GDateTime) now = chq_hours_page_dup_today (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->current_year = g_date_time_get_year (now);
  self->year = self->current_year;
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self);

  setup_tables (self);
  setup_totals (self);
  _chq_hours_page_update_years (self);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected",
                            G_CALLBACK (on_year_selected_cb), self);
  /* The view buttons flow onto two lines in a narrow window; only the buttons take focus. */
  for (GtkWidget *button = GTK_WIDGET (self->workers_button); button != NULL;
       button = gtk_widget_get_next_sibling (gtk_widget_get_parent (button)) != NULL
                ? gtk_widget_get_first_child (gtk_widget_get_next_sibling (gtk_widget_get_parent (button)))
                : NULL)
    gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
  g_signal_connect (self->workers_button, "toggled", G_CALLBACK (on_view_toggled_cb), self);
  g_signal_connect (self->courses_button, "toggled", G_CALLBACK (on_view_toggled_cb), self);
  g_signal_connect (self->trainings_button, "toggled", G_CALLBACK (on_view_toggled_cb), self);
  g_signal_connect (self->months_button, "toggled", G_CALLBACK (on_view_toggled_cb), self);
  g_signal_connect_swapped (self->views, "notify::visible-child-name",
                            G_CALLBACK (on_visible_view_cb), self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  _chq_hours_page_update_actions (self);
}

/**
 * chq_hours_page_new:
 *
 * Creates the Training Hours page of the main window. It shows an empty state until
 * chq_hours_page_set_backend() gives it an account.
 *
 * Returns: (transfer floating): a new #ChqHoursPage
 */
GtkWidget *
chq_hours_page_new (void)
{
  return g_object_new (CHQ_TYPE_HOURS_PAGE, NULL);
}

/**
 * chq_hours_page_get_backend:
 * @self: a #ChqHoursPage
 *
 * Returns: (transfer none) (nullable): the account shown
 */
ChqBackend *
chq_hours_page_get_backend (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);

  return self->backend;
}

/**
 * chq_hours_page_set_backend:
 * @self: a #ChqHoursPage
 * @backend: (nullable): the signed-in account, or %NULL when none is open
 *
 * Shows the training hours of @backend's store, and follows its changes; %NULL shows the
 * empty state.
 */
void
chq_hours_page_set_backend (ChqHoursPage *self,
                            ChqBackend   *backend)
{
  g_return_if_fail (CHQ_IS_HOURS_PAGE (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (self->backend == backend)
    return;

  disconnect_backend (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  if (backend != NULL)
    {
      self->backend = g_object_ref (backend);
      self->cancellable = g_cancellable_new ();
      self->store_changed_id = g_signal_connect (chq_backend_get_store (backend), "changed",
                                                 G_CALLBACK (on_store_changed_cb), self);
      self->outbox_model = g_object_ref (chq_outbox_get_model (chq_backend_get_outbox (backend),
                                                               chq_backend_get_account_key (backend)));
      self->outbox_changed_id = g_signal_connect_swapped (self->outbox_model, "items-changed",
                                                          G_CALLBACK (update_pending), self);
      _chq_hours_page_connect_register (self);
      reload (self);
    }

  update_pending (self);

  _chq_hours_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * chq_hours_page_get_year:
 * @self: a #ChqHoursPage
 *
 * Returns: the year shown
 */
int
chq_hours_page_get_year (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), 0);

  return self->year;
}

/**
 * chq_hours_page_set_year:
 * @self: a #ChqHoursPage
 * @year: one of the years the selector offers: next year, this year, last year, and any
 *   other year with bookings stored
 *
 * Shows @year's hours, as choosing it in the year selector does. Other years are ignored.
 */
void
chq_hours_page_set_year (ChqHoursPage *self,
                         int           year)
{
  g_return_if_fail (CHQ_IS_HOURS_PAGE (self));

  if (!year_is_offered (self, year))
    return;
  if (year == self->year)
    return;

  self->year = year;
  _chq_hours_page_update_years (self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/**
 * chq_hours_page_get_report:
 * @self: a #ChqHoursPage
 *
 * Returns: (transfer none) (nullable): the report shown, %NULL before the first read
 */
ChqHoursReport *
chq_hours_page_get_report (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);

  return self->report;
}

/**
 * chq_hours_page_get_loading:
 * @self: a #ChqHoursPage
 *
 * Returns: whether a read of the store is under way
 */
gboolean
chq_hours_page_get_loading (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), FALSE);

  return self->loads > 0 || self->training_loads > 0;
}

/**
 * chq_hours_page_dup_today:
 * @self: a #ChqHoursPage
 *
 * Returns: (transfer full): the page's "now": the fixed clock given to
 *   chq_hours_page_set_today(), or the local time
 */
GDateTime *
chq_hours_page_dup_today (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);

  return self->today != NULL ? g_date_time_ref (self->today) : g_date_time_new_now_local ();
}

/**
 * chq_hours_page_set_today:
 * @self: a #ChqHoursPage
 * @today: (nullable): a fixed "now" (tests, the sandbox's --today), or %NULL for the clock
 *
 * Sets the date the page counts from: the current year before the account says which it
 * is, the share of the year gone by, the deadlines to come.
 */
void
chq_hours_page_set_today (ChqHoursPage *self,
                          GDateTime    *today)
{
  g_autoptr(GDateTime) now = NULL;
  int year;

  g_return_if_fail (CHQ_IS_HOURS_PAGE (self));

  if (self->today == today)
    return;

  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = today != NULL ? g_date_time_ref (today) : NULL;

  now = chq_hours_page_dup_today (self);
  year = g_date_time_get_year (now);
  if (year != self->current_year && self->backend == NULL)
    {
      self->current_year = year;
      self->year = year;
      _chq_hours_page_update_years (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * chq_hours_page_get_workforce:
 * @self: a #ChqHoursPage
 *
 * Returns: the workforce the training right counts: the register's setting, or while it
 *   is unknown the full-time equivalents the voucher service knows, rounded
 */
guint
chq_hours_page_get_workforce (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), 0);

  if (self->training_year != NULL && self->training_year->settings.workforce >= 0.0)
    return (guint) (self->training_year->settings.workforce + 0.5);
  if (self->account != NULL)
    return (guint) (chq_account_get_fte (self->account) + 0.5);

  return 0;
}
