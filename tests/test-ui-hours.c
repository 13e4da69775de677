/* test-ui-hours.c: the Training Hours page against the real sandbox: the year selector,
 * the figures (totals, tables, chart and its accessible text), the training right setting,
 * refreshing when the store changes, and exporting both files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-hours"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "chq-backend.h"
#include "chq-csv.h"
#include "chq-hours-chart.h"
#include "chq-hours-page.h"
#include "chq-hours-row.h"
#include "chq-deadlines-view.h"
#include "chq-register-link.h"
#include "chq-sandbox.h"
#include "chq-test-ui-utils.h"

#define DEMO_SME "0123456749"

typedef struct {
  TestUi        ui;
  ChqHoursPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  test_ui_set_up (&f->ui, "chq-ui-hours-XXXXXX", "hours test", DEMO_SME, TRUE,
                  GPOINTER_TO_INT (data));
  f->page = CHQ_HOURS_PAGE (chq_hours_page_new ());
  {
    /* The sandbox's today: the credits and deadlines never read the clock. */
    g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 28, 12, 0, 0);

    chq_hours_page_set_today (f->page, today);
  }
  test_ui_show (&f->ui, GTK_WIDGET (f->page));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_ui_tear_down (&f->ui);
}

/* The template child @name of the Hours page @widget. */
static gpointer
page_child (gpointer    widget,
            const char *name)
{
  return template_child (widget, CHQ_TYPE_HOURS_PAGE, name);
}

static void
show_backend (Fixture *f)
{
  ChqRegisterLink *link = chq_register_link_get (f->ui.backend);

  chq_hours_page_set_backend (f->page, f->ui.backend);
  /* The register opened and the demo's trainings in, then the page built on them. */
  wait_until (!chq_register_link_get_busy (link), 10000);
  wait_until (chq_hours_page_get_report (f->page) != NULL &&
              chq_hours_page_get_training_year (f->page) != NULL &&
              !chq_hours_page_get_loading (f->page), 10000);
}

/* The first widget under @root (depth first) that is a GtkLabel showing @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0 &&
      gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
hours_text (double hours)
{
  g_autofree char *number = chq_hours_format (hours, FALSE);

  return g_strdup_printf ("%s h", number);
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  GtkStack *stack = page_child (f->page, "stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_null (chq_hours_page_get_report (f->page));
  g_assert_false (gtk_widget_get_sensitive (page_child (f->page, "export_button")));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Training Hours");

  /* An account, then none again: back to the honest empty state. */
  show_backend (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");
  g_assert_true (gtk_widget_get_sensitive (page_child (f->page, "export_button")));
  chq_hours_page_set_backend (f->page, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_null (chq_hours_page_get_report (f->page));
  g_assert_false (gtk_widget_get_sensitive (page_child (f->page, "export_button")));
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workers = NULL;
  GtkColumnView *workers_view = page_child (f->page, "workers_view");
  GtkColumnView *months_view = page_child (f->page, "months_view");
  ChqHoursChart *chart = page_child (f->page, "chart");
  GtkStack *views = page_child (f->page, "views");
  GListModel *rows;
  ChqHoursReport *report;
  g_autofree char *attended = NULL;
  g_autofree char *accessible = NULL;
  double hours_this_year = 0.0;
  GtkWidget *label;
  guint flagged = 0;

  show_backend (f);
  report = chq_hours_page_get_report (f->page);
  g_assert_cmpint (chq_hours_page_get_year (f->page), ==, 2026);
  g_assert_cmpint (report->year, ==, 2026);

  /* The hours attended are what the sandbox says each worker trained this year. */
  workers = chq_store_list_workers (chq_backend_get_store (f->ui.backend), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < workers->len; i++)
    hours_this_year += chq_worker_get_hours_this_year (g_ptr_array_index (workers, i));
  g_assert_cmpfloat (hours_this_year, >, 0.0);
  g_assert_cmpfloat_with_epsilon (report->hours_attended, hours_this_year, 1e-9);
  g_assert_cmpint (report->company_paid_cents, ==, (gint64) report->vouchers_used * 1500);

  /* The totals show them, and say them to screen readers. */
  attended = hours_text (report->hours_attended);
  label = find_label (page_child (f->page, "totals_box"), attended);
  g_assert_nonnull (label);
  accessible = g_strdup_printf ("Hours attended: %s", attended);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       accessible);

  /* One row a worker; the student is flagged as not eligible, not behind. */
  rows = G_LIST_MODEL (gtk_column_view_get_model (workers_view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, report->workers->len);
  g_assert_cmpuint (report->workers->len, >=, 5);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(ChqHoursRow) row = g_list_model_get_item (rows, i);
      ChqHoursWorker *w = g_ptr_array_index (report->workers, i);

      g_assert_cmpstr (chq_hours_row_get_cell (row, 0), ==, w->name);
      g_assert_true (g_str_has_prefix (chq_hours_row_get_accessible_label (row), w->name));
      /* Only the company's employees have a credit: the student, the temp and the
       * self-employed manager are listed without one, and never behind. */
      if (w->status != CHQ_WORKER_STATUS_EMPLOYEE)
        {
          g_assert_nonnull (strstr (chq_hours_row_get_subtitle (row), "no training credit"));
          g_assert_false (chq_hours_row_get_flagged (row));
          g_assert_cmpfloat (chq_hours_row_get_progress (row), <, 0.0);
          g_assert_true (g_str_has_suffix (chq_hours_row_get_accessible_label (row),
                                           "no training credit"));
        }
      if (chq_hours_row_get_flagged (row))
        flagged++;
    }
  {
    ChqTrainingYear *year = chq_hours_page_get_training_year (f->page);
    guint late = 0;

    for (guint i = 0; i < year->workers->len; i++)
      if (((ChqTrainingYearWorker *) year->workers->pdata[i])->balance.late)
        late++;
    g_assert_cmpuint (flagged, ==, late);
    /* The annual report of the hours says the same: no target for those without a credit. */
    g_assert_cmpuint (chq_hours_page_get_report (f->page)->workers_behind, ==, late);
    for (guint i = 0; i < report->workers->len; i++)
      {
        ChqHoursWorker *w = g_ptr_array_index (chq_hours_page_get_report (f->page)->workers, i);

        if (w->status != CHQ_WORKER_STATUS_EMPLOYEE)
          g_assert_cmpfloat (w->target_hours, ==, 0.0);
      }
  }

  /* The visible row's first cell carries the row's sentence. */
  {
    ChqHoursWorker *w = g_ptr_array_index (report->workers, 0);
    g_autoptr(ChqHoursRow) row = g_list_model_get_item (rows, 0);
    GtkWidget *name;

    wait_until (find_label (GTK_WIDGET (workers_view), w->name) != NULL, 5000);
    name = find_label (GTK_WIDGET (workers_view), w->name);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_parent (name)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         chq_hours_row_get_accessible_label (row));
  }

  /* Per course: every course of the year. */
  /* The view buttons are named once, by their label, not by GTK 4.8's raw "_Months". */
  g_assert_cmpstr (gtk_button_get_label (page_child (f->page, "months_button")), ==, "_Months");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (page_child (f->page, "months_button")),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));

  rows = G_LIST_MODEL (gtk_column_view_get_model (page_child (f->page, "courses_view")));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, report->courses->len);
  g_assert_cmpuint (report->courses->len, >, 0);

  /* The chart and its table show the months; the chart describes them in words. */
  gtk_stack_set_visible_child_name (views, "months");
  rows = G_LIST_MODEL (gtk_column_view_get_model (months_view));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 12);
  for (guint m = 0; m < 12; m++)
    {
      g_autoptr(ChqHoursRow) row = g_list_model_get_item (rows, m);
      g_autofree char *month_attended = hours_text (report->month_attended[m]);

      g_assert_cmpfloat (chq_hours_chart_get_attended (chart, m), ==, report->month_attended[m]);
      g_assert_cmpfloat (chq_hours_chart_get_booked (chart, m), ==, report->month_booked[m]);
      g_assert_cmpstr (chq_hours_row_get_cell (row, 1), ==, month_attended);
    }
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Hours per month");
  for (guint m = 0; m < 12; m++)
    if (report->month_attended[m] > 0.0)
      {
        g_autofree char *month = chq_hours_chart_month_label (m, FALSE);
        g_autofree char *hours = chq_hours_format (report->month_attended[m], FALSE);
        g_autofree char *expected = g_strdup_printf ("%s: %s hours attended", month, hours);
        g_autofree char *description = NULL;

        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart),
                                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
        /* check_property returns NULL when the value matches: compare by substring. */
        description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                          "");
        g_assert_nonnull (description);
        g_assert_nonnull (strstr (description, expected));
      }
  /* The chart is drawn (it has a size and a snapshot). */
  wait_until (gtk_widget_get_width (GTK_WIDGET (chart)) > 0, 5000);
}

static void
test_year_selector (Fixture       *f,
                    gconstpointer  data)
{
  GtkDropDown *dropdown = page_child (f->page, "year_dropdown");
  GListModel *years = gtk_drop_down_get_model (dropdown);
  g_autoptr(GtkStringObject) first = NULL;
  g_autoptr(GtkStringObject) second = NULL;
  ChqHoursReport *report;

  show_backend (f);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Year");
  /* Next year (sessions of next January are booked now), this year, last year. */
  g_assert_cmpuint (g_list_model_get_n_items (years), ==, 3);
  first = g_list_model_get_item (years, 0);
  second = g_list_model_get_item (years, 1);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "2027");
  g_assert_cmpstr (gtk_string_object_get_string (second), ==, "2026");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);

  /* Choosing last year reads last year's enrolments. */
  gtk_drop_down_set_selected (dropdown, 2);
  g_assert_cmpint (chq_hours_page_get_year (f->page), ==, 2025);
  wait_until (!chq_hours_page_get_loading (f->page) &&
              chq_hours_page_get_report (f->page)->year == 2025, 10000);
  report = chq_hours_page_get_report (f->page);
  /* The demo company trained nobody in 2025: its vouchers came late that year. */
  g_assert_cmpuint (report->records->len, ==, 0);
  g_assert_cmpfloat (report->hours_attended, ==, 0.0);
  /* Every worker of a past year with no training is behind. */
  g_assert_cmpuint (report->workers_behind, >, 0);

  /* Through the API, back to this year; a year the sync does not keep is ignored. */
  chq_hours_page_set_year (f->page, 2026);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  wait_until (!chq_hours_page_get_loading (f->page) &&
              chq_hours_page_get_report (f->page)->year == 2026, 10000);
  g_assert_cmpfloat (chq_hours_page_get_report (f->page)->hours_attended, >, 0.0);
  chq_hours_page_set_year (f->page, 2019);
  g_assert_cmpint (chq_hours_page_get_year (f->page), ==, 2026);
}

/* A session of January 2027 of a course paid with ordinary vouchers; returns the course,
 * @out_session_id its session. */
static ChqCourse *
find_january_session (Fixture  *f,
                      char    **out_session_id)
{
  ChqStore *store = chq_backend_get_store (f->ui.backend);

  for (guint i = 1; i <= 60; i++)
    {
      g_autofree char *id = g_strdup_printf ("crs-ai-%04u", i);
      g_autoptr(ChqCourse) course = chq_store_get_course (store, id, NULL);
      GListModel *sessions;

      if (course == NULL || chq_course_get_voucher_type (course) != CHQ_VOUCHER_TYPE_CF)
        continue;
      sessions = chq_course_get_sessions (course);
      for (guint j = 0; j < g_list_model_get_n_items (sessions); j++)
        {
          g_autoptr(ChqCourseSession) session = g_list_model_get_item (sessions, j);
          GDateTime *starts = chq_course_session_get_starts_at (session);

          if (g_date_time_get_year (starts) == 2027 && g_date_time_get_month (starts) == 1 &&
              chq_course_session_get_seats_left (session) > 0)
            {
              *out_session_id = g_strdup (chq_course_session_get_id (session));
              return g_steal_pointer (&course);
            }
        }
    }

  return NULL;
}

/* A booking on a session of next January counts in next year, which the selector offers:
 * its hours show there, not as 0 h. The page's clock is fixed: the test never reads the
 * real date. */
static void
test_year_next_january (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 28, 10, 0, 0);
  GtkDropDown *dropdown = page_child (f->page, "year_dropdown");
  GListModel *years = gtk_drop_down_get_model (dropdown);
  g_autofree char *session_id = NULL;
  g_autoptr(ChqCourse) course = NULL;
  g_autoptr(GtkStringObject) first = NULL;
  g_autoptr(GError) error = NULL;
  ChqHoursRecord *found = NULL;
  ChqHoursReport *report;

  chq_hours_page_set_today (f->page, today);
  course = find_january_session (f, &session_id);
  g_assert_nonnull (course);
  g_assert_cmpint (chq_backend_book (f->ui.backend, "wrk-0001", chq_course_get_id (course),
                                     session_id, &error), >, 0);
  g_assert_no_error (error);
  run_sync (f->ui.backend);

  show_backend (f);
  first = g_list_model_get_item (years, 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "2027");
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpint (chq_hours_page_get_year (f->page), ==, 2027);
  wait_until (!chq_hours_page_get_loading (f->page) &&
              chq_hours_page_get_report (f->page)->year == 2027, 10000);
  report = chq_hours_page_get_report (f->page);
  for (guint i = 0; i < report->records->len; i++)
    {
      ChqHoursRecord *r = g_ptr_array_index (report->records, i);

      if (g_str_equal (r->worker_id, "wrk-0001") &&
          g_str_equal (r->course_id, chq_course_get_id (course)))
        found = r;
    }
  g_assert_nonnull (found);
  g_assert_cmpstr (found->start_date, >=, "2027-01-01");
  g_assert_cmpfloat (found->hours, ==, chq_course_get_hours (course));
  g_assert_cmpfloat (report->hours_booked, >=, chq_course_get_hours (course));
}

static void
on_settings_saved_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (chq_register_save_settings_finish (CHQ_REGISTER (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The demo company counts 12 workers: 1 day a head (10 to 19), not 5; from 20 workers the
 * credit is 5 days a full-time equivalent, and the page follows the register's setting. */
static void
test_credit_tiers (Fixture       *f,
                   gconstpointer  data)
{
  GtkLabel *summary = page_child (f->page, "summary_label");
  ChqRegisterLink *link;
  ChqTrainingYear *year;
  ChqTrainingSettings settings;
  const ChqTrainingYearWorker *sophie;
  double credit_before;
  gboolean done = FALSE;

  show_backend (f);
  link = chq_register_link_get (f->ui.backend);
  year = chq_hours_page_get_training_year (f->page);
  g_assert_cmpint (year->tier, ==, CHQ_TRAINING_TIER_10_TO_19);
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "10 to 19 workers"));
  /* "N of M employees trained" counts the employees only, not the student or the temp. */
  {
    guint with_right = 0, trained = 0;
    g_autofree char *counted = NULL;

    chq_training_year_count (year, &with_right, &trained);
    counted = g_strdup_printf ("%u of %u employees trained", trained, with_right);
    g_assert_cmpuint (with_right, <, year->workers->len);
    g_assert_nonnull (strstr (gtk_label_get_text (summary), counted));
  }
  sophie = chq_training_year_find_worker (year, "wrk-0001");
  g_assert_nonnull (sophie);
  g_assert_true (sophie->balance.has_right);
  g_assert_cmpfloat (sophie->balance.days_per_fte, ==, 1.0);
  credit_before = sophie->balance.credit_days;

  settings = year->settings;
  settings.workforce = 25;
  chq_register_save_settings_async (chq_register_link_get_register (link), &settings, NULL,
                                    on_settings_saved_cb, &done);
  wait_until (done, 5000);
  chq_register_link_changed (link);
  wait_until (!chq_hours_page_get_loading (f->page) &&
              chq_hours_page_get_training_year (f->page) != year, 10000);
  year = chq_hours_page_get_training_year (f->page);
  g_assert_cmpint (year->tier, ==, CHQ_TRAINING_TIER_20_OR_MORE);
  sophie = chq_training_year_find_worker (year, "wrk-0001");
  g_assert_cmpfloat (sophie->balance.days_per_fte, ==, 5.0);
  g_assert_cmpfloat_with_epsilon (sophie->balance.credit_days, credit_before * 5.0, 0.011);
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "20 workers or more"));
  /* From 20 workers the plan's dates join the obligations. */
  g_assert_cmpuint (chq_deadlines_view_get_n_shown (page_child (f->page, "deadlines_view")), ==, 5);
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ChqHoursReport *report;
  const char *untrained = NULL;
  guint n_workers;

  show_backend (f);
  report = chq_hours_page_get_report (f->page);
  n_workers = report->workers->len;
  for (guint i = 0; i < report->workers->len && untrained == NULL; i++)
    if (((ChqHoursWorker *) report->workers->pdata[i])->trainings == 0)
      untrained = ((ChqHoursWorker *) report->workers->pdata[i])->worker_id;
  g_assert_nonnull (untrained);

  /* Archiving a worker who trained nobody takes their row away after the sync. */
  g_assert_cmpint (chq_backend_archive_worker (f->ui.backend, untrained, &error), >, 0);
  g_assert_no_error (error);
  run_sync (f->ui.backend);
  wait_until (!chq_hours_page_get_loading (f->page) &&
              chq_hours_page_get_report (f->page)->workers->len == n_workers - 1, 10000);
}

static void
test_waiting_changes (Fixture       *f,
                      gconstpointer  data)
{
  GtkLabel *pending = page_child (f->page, "pending_label");
  g_autoptr(GError) error = NULL;
  ChqHoursRecord *record;

  show_backend (f);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pending)));

  /* The service is away: a cancellation waits in the outbox, and the page says the figures
   * do not count it yet. */
  chq_sandbox_stop (f->ui.sandbox);
  g_clear_object (&f->ui.sandbox);
  record = chq_hours_page_get_report (f->page)->records->pdata[0];
  g_assert_cmpint (chq_backend_cancel_booking (f->ui.backend, record->enrolment_id, &error), >, 0);
  g_assert_no_error (error);
  wait_until (gtk_widget_get_visible (GTK_WIDGET (pending)), 5000);
  g_assert_nonnull (strstr (gtk_label_get_text (pending), "1 change"));
  g_assert_nonnull (strstr (gtk_label_get_text (pending), "waiting to be sent"));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The file chooser GtkFileChooserNative shows without a portal, if any. */
static GtkWidget *
find_chooser (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *csv_path = g_build_filename (f->ui.tmpdir, "records.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (f->ui.tmpdir, "report.pdf", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path ("/nonexistent-dir/records.csv");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
    gsize len;

  /* Nothing to export before a report is shown. */
  chq_hours_page_export_csv_async (f->page, csv_file, NULL, export_done_cb, &result);
  wait_until (result != NULL, 5000);
  g_assert_false (chq_hours_page_export_csv_finish (f->page, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  g_clear_object (&result);

  show_backend (f);

  /* The action asks where to save, proposing a name with the year; cancelling writes
   * nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "hours.export-csv", NULL));
  wait_until (find_chooser () != NULL, 5000);
  {
    GtkFileChooser *chooser = GTK_FILE_CHOOSER (find_chooser ());
    g_autofree char *name = gtk_file_chooser_get_current_name (chooser);

    g_assert_cmpstr (name, ==, "training-records-2026.csv");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  }
  wait_until (find_chooser () == NULL, 5000);
  g_assert_false (g_file_test (csv_path, G_FILE_TEST_EXISTS));

  chq_hours_page_export_csv_async (f->page, csv_file, NULL, export_done_cb, &result);
  /* While it writes, the export actions wait. */
  g_assert_false (gtk_widget_get_sensitive (page_child (f->page, "export_button")));
  wait_until (result != NULL, 10000);
  g_assert_true (chq_hours_page_export_csv_finish (f->page, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (gtk_widget_get_sensitive (page_child (f->page, "export_button")));

  g_assert_true (g_file_get_contents (csv_path, &contents, &len, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, CHQ_CSV_BOM "Year,Last name,First name,"));
  g_assert_true (g_utf8_validate (contents, len, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  /* The header, one line per training of the year (voucher-funded or added by hand), and
   * the empty string after the last CRLF. */
  {
    ChqTrainingYear *year = chq_hours_page_get_training_year (f->page);
    guint n_trainings = 0;

    for (guint i = 0; i < year->workers->len; i++)
      n_trainings += ((ChqTrainingYearWorker *) year->workers->pdata[i])->trainings->len;
    g_assert_cmpuint (n_trainings, >, 0);
    g_assert_cmpuint (g_strv_length (lines), ==, n_trainings + 2);
    for (guint i = 1; i <= n_trainings; i++)
      g_assert_true (g_str_has_prefix (lines[i], "2026,"));
  }

  chq_hours_page_export_pdf_async (f->page, pdf_file, NULL, export_done_cb, &result);
  wait_until (result != NULL, 10000);
  g_assert_true (chq_hours_page_export_pdf_finish (f->page, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pdf_path, &contents, &len, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (len, >, 1000);

  /* A folder that is not there: a message that names the file and says what to do. */
  chq_hours_page_export_csv_async (f->page, bad_file, NULL, export_done_cb, &result);
  wait_until (result != NULL, 10000);
  g_assert_false (chq_hours_page_export_csv_finish (f->page, result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/records.csv"));
  g_assert_nonnull (strstr (error->message, "Choose another folder"));
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int minimum = 0;

  show_backend (f);
  gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  wait_until (gtk_widget_get_width (GTK_WIDGET (f->page)) <= 360, 5000);
  g_assert_true (gtk_widget_get_mapped (page_child (f->page, "year_dropdown")));
  g_assert_true (gtk_widget_get_mapped (page_child (f->page, "export_button")));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  test_ui_init (&argc, &argv);

  g_test_add ("/ui/hours/empty", Fixture, NULL, fixture_set_up, test_empty_state,
              fixture_tear_down);
  g_test_add ("/ui/hours/figures", Fixture, NULL, fixture_set_up, test_figures,
              fixture_tear_down);
  g_test_add ("/ui/hours/year", Fixture, NULL, fixture_set_up, test_year_selector,
              fixture_tear_down);
  g_test_add ("/ui/hours/year-next-january", Fixture, NULL, fixture_set_up,
              test_year_next_january, fixture_tear_down);
  g_test_add ("/ui/hours/credit-tiers", Fixture, NULL, fixture_set_up,
              test_credit_tiers, fixture_tear_down);
  g_test_add ("/ui/hours/follows-store", Fixture, NULL, fixture_set_up, test_follows_store,
              fixture_tear_down);
  g_test_add ("/ui/hours/waiting", Fixture, NULL, fixture_set_up, test_waiting_changes,
              fixture_tear_down);
  g_test_add ("/ui/hours/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/ui/hours/narrow", Fixture, GINT_TO_POINTER (360), fixture_set_up, test_narrow,
              fixture_tear_down);

  return g_test_run ();
}
