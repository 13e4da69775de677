/* bench-memory.c: peak resident memory of the app showing the 50,000-course catalogue,
 * against the empty app, and after scrolling the whole list once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The harness runs itself again as the app (`bench-memory --child MODE`: the application
 * object of app/main.c, in this process, with the environment of bench-startup: a saved
 * account with the synced cache or an empty one, no session, no request sent):
 *   empty   the empty cache, at its first frame;
 *   full    the full cache, at the first frame showing the courses;
 *   scroll  the full cache, then the list's vertical adjustment moved down a page at every
 *           frame until the end (every row bound once), and one frame more.
 * Each child prints its peak resident memory (VmHWM) and quits. Needs a display.
 */
#define G_LOG_DOMAIN "bench-memory"

#include "config.h"

#include <math.h>

#include "chq-application.h"
#include "chq-bench.h"

/* --- the child: the app with a probe ---------------------------------------------- */

typedef struct {
  const char    *mode;
  gint64         scroll_start;
  guint          frames;
  gboolean       scrolling;
  gboolean       at_end;
  GtkAdjustment *adjustment;
} Probe;

static Probe probe;

/* Whether the list view has every item of the model behind it (through its selection and
 * the slice by which the catalogue hands it a first screenful first). */
static gboolean
list_is_whole (GtkWidget *list)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  GListModel *behind = model;

  if (GTK_IS_SINGLE_SELECTION (behind))
    behind = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (behind));
  if (GTK_IS_SLICE_LIST_MODEL (behind))
    behind = gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (behind));

  return g_list_model_get_n_items (model) == g_list_model_get_n_items (behind);
}

static GtkWidget *
find_shown_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_mapped (widget))
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));

      if (model != NULL && g_list_model_get_n_items (model) > 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
report_and_quit (GtkWidget *window,
                 GtkWidget *list)
{
  guint rows = 0;

  if (list != NULL)
    rows = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
  g_print ("chequier-first-frame peak_rss_kib=%" G_GINT64_FORMAT " rows=%u scroll_ms=%.0f "
           "frames=%u\n", chq_bench_peak_rss_kib (), rows,
           probe.scrolling ? (g_get_monotonic_time () - probe.scroll_start) / 1e3 : 0.0,
           probe.frames);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  GtkWidget *list = find_shown_list (window);
  double value, page, upper;

  if (g_str_equal (probe.mode, "empty"))
    {
      g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
      report_and_quit (window, list);
      return;
    }
  /* The catalogue shown is the whole list handed to the view, not its first screenful. */
  if (list == NULL || !list_is_whole (list))
    return;
  if (g_str_equal (probe.mode, "full") || probe.at_end)
    {
      g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
      report_and_quit (window, list);
      return;
    }

  /* Scroll: a page further at each frame painted, until the last page is shown. */
  if (!probe.scrolling)
    {
      probe.scrolling = TRUE;
      probe.scroll_start = g_get_monotonic_time ();
      probe.adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));
    }
  probe.frames++;
  value = gtk_adjustment_get_value (probe.adjustment);
  page = gtk_adjustment_get_page_size (probe.adjustment);
  upper = gtk_adjustment_get_upper (probe.adjustment);
  if (value + page >= upper - 1)
    probe.at_end = TRUE;
  gtk_adjustment_set_value (probe.adjustment, MIN (value + page, upper - page));
  gtk_widget_queue_draw (list);
}

static void
on_window_realize (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint), window, 0);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, on_window_added, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), NULL);
}

static int
run_child (const char *mode,
           char       *program)
{
  g_autoptr(ChqApplication) app = chq_application_new ();
  char *argv[] = { program, NULL };

  probe.mode = mode;
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}

/* --- the harness ------------------------------------------------------------------ */

typedef struct {
  double rss_mib;
  guint  rows;
  double scroll_ms;
  guint  frames;
} Sample;

static Sample
launch (const char *self_path,
        const char *mode,
        const char *store_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_build_filename (chq_bench_data_dir (), "memory", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;
  const char *line;
  Sample sample;

  launcher = chq_bench_app_launcher (root, g_str_equal (mode, "empty") ? NULL : store_path,
                                     &error);
  if (launcher == NULL)
    g_error ("Could not prepare the app's folders: %s", error->message);
  process = g_subprocess_launcher_spawn (launcher, &error, self_path, "--child", mode, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL,
                                                         &error))
    g_error ("%s: %s", self_path, error->message);
  line = output != NULL ? strstr (output, "chequier-first-frame ") : NULL;
  if (!g_subprocess_get_successful (process) || line == NULL)
    g_error ("The app (%s) did not report: %s", mode, output != NULL ? output : "no output");

  sample.rss_mib = chq_bench_parse_field (line, "peak_rss_kib") / 1024;
  sample.rows = (guint) chq_bench_parse_field (line, "rows");
  sample.scroll_ms = chq_bench_parse_field (line, "scroll_ms");
  sample.frames = (guint) chq_bench_parse_field (line, "frames");

  return sample;
}

static void
report (const char          *figure,
        const ChqBenchStats *value,
        const ChqBenchStats *empty)
{
  g_autofree char *median = chq_bench_format_value (value->median, "MiB");
  g_autofree char *p95 = chq_bench_format_value (value->p95, "MiB");
  g_autofree char *ref = chq_bench_format_value (empty->median, "MiB");
  g_autofree char *ref_text = g_strdup_printf ("empty app: %s", ref);
  /* The goal is in MB (10^6 bytes); the figures in MiB as /proc gives them. */
  double delta_mb = (value->median - empty->median) * 1048576 / 1e6;
  g_autofree char *ratio = g_strdup_printf ("%+.1f MB", delta_mb);

  chq_bench_report_row (figure, median, p95, ref_text, ratio, "≤ +60 MB", delta_mb <= 60);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *self_path = NULL;
  const char *modes[] = { "empty", "full", "scroll" };
  GArray *samples[G_N_ELEMENTS (modes)];
  ChqBenchStats stats[G_N_ELEMENTS (modes)];
  Sample last[G_N_ELEMENTS (modes)];
  guint runs = 3;

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[0]);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("# no display: run under xvfb-run (build-aux/run-benchmarks.sh does)\n");
      return 77;
    }
  if (g_getenv ("CHQ_BENCH_RUNS") != NULL)
    runs = MIN (runs, MAX (1, (guint) g_ascii_strtoull (g_getenv ("CHQ_BENCH_RUNS"), NULL, 10)));

  store_path = chq_bench_ensure_synced_store (&error);
  if (store_path == NULL)
    g_error ("Could not make the synced store: %s", error->message);
  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL)
    g_error ("%s", error->message);

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    samples[m] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint run = 0; run < runs; run++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      {
        /* Scrolling takes a frame per page, thousands of them: once is enough (the peak
         * varies by a fraction of a MiB from run to run). */
        if (g_str_equal (modes[m], "scroll") && run > 0)
          continue;
        last[m] = launch (self_path, modes[m], store_path);
        g_array_append_val (samples[m], last[m].rss_mib);
        g_print ("# run %u, %s: peak %.1f MiB, %u rows, %u frames in %.0f ms\n", run + 1,
                 modes[m], last[m].rss_mib, last[m].rows, last[m].frames, last[m].scroll_ms);
        if (!g_str_equal (modes[m], "empty"))
          g_assert_cmpuint (last[m].rows, >, 0);
      }
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      chq_bench_stats_of_array (samples[m], &stats[m]);
      g_array_unref (samples[m]);
    }

  chq_bench_detail ("- Memory, %u runs (scrolling: 1): empty app %.1f MiB; catalogue of %u courses "
                    "shown %.1f MiB; after scrolling it whole (%u frames, %.1f s) %.1f MiB "
                    "(medians of VmHWM).", runs, stats[0].median, last[1].rows,
                    stats[1].median, last[2].frames, last[2].scroll_ms / 1e3,
                    stats[2].median);
  {
    g_autofree char *figure = g_strdup_printf ("Peak memory, catalogue shown (%u courses)",
                                               last[1].rows);

    report (figure, &stats[1], &stats[0]);
  }
  report ("Peak memory after scrolling the whole list once", &stats[2], &stats[0]);

  return 0;
}
