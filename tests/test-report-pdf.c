/* test-report-pdf.c: the PDF annual report for 6 and for 300 workers, checked by rendering
 * it with pdftoppm; the chart's axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-report-pdf"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "chq-hours-chart.h"
#include "chq-hours-report.h"
#include "chq-json.h"
#include "chq-report-pdf.h"

static const char *const first_names[] = { "Sophie", "Élise", "Jean-François", "Marie", "Luc",
                                           "Zoë" };

static GPtrArray *
make_workers (guint n)
{
  GPtrArray *workers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      text = g_strdup_printf ("{\"id\":\"wrk-%04u\",\"first_name\":\"%s\","
                              "\"last_name\":\"%s%u\",\"status\":\"%s\",\"niss\":null,"
                              "\"email\":null,\"archived\":false,\"hours_this_year\":0}",
                              i, first_names[i % G_N_ELEMENTS (first_names)],
                              i == 3 ? "Van den Bossche-de Ribaucourt d'Ursel de Merode " : "Dupont ",
                              i, i % 7 == 5 ? "student" : "employee");
      node = json_from_string (text, &error);
      g_assert_no_error (error);
      g_ptr_array_add (workers, chq_worker_from_json (node, &error));
      g_assert_no_error (error);
    }

  return workers;
}

static GPtrArray *
make_enrolments (guint n_workers)
{
  GPtrArray *enrolments = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_workers; i += 2)
    {
      guint month = 1 + i % 12;
      gboolean attended = month < 11;
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      text = g_strdup_printf ("{\"id\":\"enr-%04u\",\"worker_id\":\"wrk-%04u\","
                              "\"course_id\":\"crs-%u\",\"session_id\":\"ses-1\","
                              "\"status\":\"%s\",\"usage_code\":\"UC-4PD8-M2RW-7C\",\"hours\":7,"
                              "\"vouchers_reserved\":%d,\"vouchers_used\":%d,"
                              "\"voucher_type\":\"cf\",\"course_title\":\"Module %u\","
                              "\"provider_name\":\"Forem\","
                              "\"starts_at\":\"2026-%02u-10T09:00:00+01:00\","
                              "\"ends_at\":\"2026-%02u-10T17:00:00+01:00\","
                              "\"attendance\":%s,\"hours_attended\":%d,"
                              "\"created_at\":\"2026-01-02T09:00:00+01:00\"}",
                              i, i, i % 5, attended ? "attended" : "booked",
                              attended ? 0 : 7, attended ? 7 : 0, i % 5, month, month,
                              "[]", attended ? 7 : 0);
      node = json_from_string (text, &error);
      g_assert_no_error (error);
      g_ptr_array_add (enrolments, chq_enrolment_from_json (node, &error));
      g_assert_no_error (error);
    }

  return enrolments;
}

/* Renders @path with pdftoppm at a low resolution; returns the number of page images. */
static guint
render_pages (const char *path,
              const char *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  const char *argv[] = { "pdftoppm", "-r", "20", "-png", path, prefix, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *err_text = NULL;
  const char *name;
  int status = 0;
  guint pages = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err_text, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  /* pdftoppm says nothing about a well-formed file. */
  g_assert_cmpstr (err_text, ==, "");

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "page") && g_str_has_suffix (name, ".png"))
      {
        g_autofree char *png = g_build_filename (dir, name, NULL);
        GStatBuf st;

        g_assert_cmpint (g_stat (png, &st), ==, 0);
        g_assert_cmpint (st.st_size, >, 100);
        pages++;
      }

  return pages;
}

static guint
write_report (guint n_workers,
              guint *out_rendered)
{
  g_autoptr(GPtrArray) workers = make_workers (n_workers);
  g_autoptr(GPtrArray) enrolments = make_enrolments (n_workers);
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  const ChqHoursSettings settings = { 5.0, 7.6 };
  g_autoptr(ChqHoursReport) report = chq_hours_report_compute (2026, workers, enrolments,
                                                               &settings, today);
  g_autoptr(ChqReportPdf) pdf = chq_report_pdf_new (report, "Atelier Mosan SRL", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chq-pdf-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *head = NULL;
  gsize len;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.pdf", NULL);
  file = g_file_new_for_path (path);

  g_assert_true (chq_report_pdf_write (pdf, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &head, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
  /* The workers' names and hours: readable by the user only, whatever the umask. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  *out_rendered = render_pages (path, dir);

  return chq_report_pdf_get_n_pages (pdf);
}

static void
test_pdf_six_workers (void)
{
  guint rendered = 0;
  guint pages = write_report (6, &rendered);

  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (rendered, ==, pages);
}

static void
test_pdf_many_workers (void)
{
  guint rendered = 0;
  guint pages = write_report (300, &rendered);

  /* About 45 rows a page after the first: 300 workers take seven or eight pages. */
  g_assert_cmpuint (pages, >, 1);
  g_assert_cmpuint (pages, >=, 300 / 45);
  g_assert_cmpuint (rendered, ==, pages);
}

static void
test_pdf_no_workers (void)
{
  guint rendered = 0;
  guint pages = write_report (0, &rendered);

  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (rendered, ==, 1);
}

static void
test_pdf_unwritable (void)
{
  g_autoptr(GPtrArray) workers = make_workers (1);
  g_autoptr(GPtrArray) enrolments = make_enrolments (0);
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  const ChqHoursSettings settings = { 5.0, 7.6 };
  g_autoptr(ChqHoursReport) report = chq_hours_report_compute (2026, workers, enrolments,
                                                               &settings, today);
  g_autoptr(ChqReportPdf) pdf = chq_report_pdf_new (report, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-dir/report.pdf");
  g_autoptr(GError) error = NULL;

  g_assert_false (chq_report_pdf_write (pdf, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-dir/report.pdf"));
  g_assert_cmpuint (chq_report_pdf_get_n_pages (pdf), ==, 0);
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_pdf_async (void)
{
  g_autoptr(GPtrArray) workers = make_workers (60);
  g_autoptr(GPtrArray) enrolments = make_enrolments (60);
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  const ChqHoursSettings settings = { 5.0, 7.6 };
  g_autoptr(ChqHoursReport) report = chq_hours_report_compute (2026, workers, enrolments,
                                                               &settings, today);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chq-pdf-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "async.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  guint pages;

  chq_report_pdf_write_async (chq_report_pdf_new (report, "Atelier Mosan SRL", NULL), file,
                              NULL, on_written_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  pages = chq_report_pdf_write_finish (result, &error);
  g_assert_no_error (error);
  /* 60 rows do not fit one page with the totals and the chart. */
  g_assert_cmpuint (pages, >=, 2);
  g_assert_cmpuint (render_pages (path, dir), ==, pages);
}

static void
test_chart_axis (void)
{
  const struct { double max; double top; guint steps; } cases[] = {
    { 0.0, 4.0, 4 }, { -3.0, 4.0, 4 }, { 0.5, 1.0, 1 }, { 1.0, 1.0, 1 }, { 4.0, 4.0, 4 },
    { 7.0, 8.0, 4 }, { 14.0, 15.0, 3 }, { 21.0, 30.0, 3 }, { 38.0, 40.0, 4 },
    { 100.0, 100.0, 2 }, { 101.0, 150.0, 3 }, { 1234.5, 1500.0, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint steps = 0;
      double top = chq_hours_chart_axis_top (cases[i].max, &steps);

      g_test_message ("max %g: top %g in %u steps", cases[i].max, top, steps);
      g_assert_cmpfloat_with_epsilon (top, cases[i].top, 1e-9);
      g_assert_cmpuint (steps, ==, cases[i].steps);
      g_assert_cmpfloat (top, >=, cases[i].max);
    }
}

static void
test_month_labels (void)
{
  for (guint m = 0; m < 12; m++)
    {
      g_autofree char *abbreviated = chq_hours_chart_month_label (m, TRUE);
      g_autofree char *full = chq_hours_chart_month_label (m, FALSE);

      g_assert_cmpuint (strlen (abbreviated), >, 0);
      g_assert_cmpuint (strlen (full), >=, strlen (abbreviated));
    }
  {
    g_autofree char *jan = chq_hours_chart_month_label (0, FALSE);

    g_assert_cmpstr (jan, ==, "January");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report-pdf/six-workers", test_pdf_six_workers);
  g_test_add_func ("/report-pdf/300-workers", test_pdf_many_workers);
  g_test_add_func ("/report-pdf/no-workers", test_pdf_no_workers);
  g_test_add_func ("/report-pdf/unwritable", test_pdf_unwritable);
  g_test_add_func ("/report-pdf/async", test_pdf_async);
  g_test_add_func ("/report-pdf/chart-axis", test_chart_axis);
  g_test_add_func ("/report-pdf/month-labels", test_month_labels);

  return g_test_run ();
}
