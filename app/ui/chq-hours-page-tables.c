/* chq-hours-page-tables.c: the Training page's tables, totals and summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The per-worker table (bookings from the report, the training credit from the year model),
 * the per-course and per-month tables, the company totals and the summary sentence; the
 * tables are GtkColumnViews over GListStores of ChqHoursRow, refilled with one splice.
 */
#define G_LOG_DOMAIN "chq-hours-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-hours-page-private.h"
#include "chq-hours-row.h"
#include "chq-money.h"

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
          /* Dimmed, the warning colour falls to about 2:1: never both. */
          gtk_widget_remove_css_class (subtitle, "dim-label");
          gtk_widget_add_css_class (title, "warning");
          gtk_widget_add_css_class (subtitle, "warning");
        }
      else
        {
          gtk_widget_add_css_class (subtitle, "dim-label");
          gtk_widget_remove_css_class (title, "warning");
          gtk_widget_remove_css_class (subtitle, "warning");
        }
      /* GTK 4.8 gives column view rows no accessible label of their own: the first cell
       * says the whole row. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      chq_hours_row_get_accessible_label (row),
                                      -1);
      /* And the row, where the focus and a screen reader land. */
      chq_a11y_name_list_item (child, chq_hours_row_get_accessible_label (row), NULL);
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
  g_autofree char *booked = chq_hours_format_short (w->hours_booked);
  g_autofree char *attended = chq_hours_format_short (w->hours_attended);
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
  g_autofree char *booked = chq_hours_format_short (c->hours_booked);
  g_autofree char *attended = chq_hours_format_short (c->hours_attended);
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
  g_autofree char *attended = chq_hours_format_short (attended_hours);
  g_autofree char *booked = chq_hours_format_short (booked_hours);
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
    g_autofree char *attended = chq_hours_format_short (report->hours_attended);
    g_autofree char *booked = chq_hours_format_short (report->hours_booked);
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
      g_autofree char *followed = chq_hours_format_short (year->hours_followed);

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

/**
 * _chq_hours_page_setup_tables:
 * @self: a #ChqHoursPage
 *
 * Makes the tables' columns and models and the totals' cards, once, at init.
 */
void
_chq_hours_page_setup_tables (ChqHoursPage *self)
{
  setup_tables (self);
  setup_totals (self);
}
