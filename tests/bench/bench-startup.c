/* bench-startup.c: process start to first frame, with the 50,000-course cache, with an
 * empty cache, and for a minimal libadwaita window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each run spawns a process and takes the time just before; the process prints the
 * CLOCK_MONOTONIC time of its first frame (app/main.c's CHQ_EXIT_AFTER_FIRST_FRAME hook,
 * bench-minimal-window's own), and quits. The app opens a saved account (settings in a key
 * file) whose cache is a copy of the store a full sync filled, or no file at all; it has no
 * session in the keyring, so it sends no request. With the full cache it is measured
 * twice: to its first frame, and to the first frame that shows the courses. Runs go round
 * robin so that the machine's load weighs on all alike. Needs a display (Xvfb: see
 * build-aux/run-benchmarks.sh); without one it is skipped.
 */
#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <math.h>

#include "chq-bench.h"
#include "chq-store.h"

typedef enum {
  KIND_MINIMAL,
  KIND_EMPTY,
  KIND_FULL,
  KIND_FULL_ROWS,
  N_KINDS
} Kind;

static const char * const kind_names[] = {
  "minimal libadwaita window", "empty cache", "full cache", "full cache, courses shown",
};

typedef struct {
  double ms;
  double rss_mib;
  guint  rows;   /* the items the list had in that frame */
  guint  total;  /* the courses found, behind the list */
} Launch;

static Launch
launch (Kind        kind,
        const char *store_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *root = NULL;
  g_autofree char *output = NULL;
  const char *program;
  const char *line;
  Launch result = { NAN, NAN, 0, 0 };
  gint64 start;

  if (kind == KIND_MINIMAL)
    {
      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
      program = g_getenv ("CHQ_BENCH_MINIMAL_WINDOW");
    }
  else
    {
      root = g_build_filename (chq_bench_data_dir (), kind == KIND_EMPTY ? "startup-empty"
                                                                         : "startup-full",
                               NULL);
      launcher = chq_bench_app_launcher (root, kind == KIND_EMPTY ? NULL : store_path,
                                         &error);
      if (launcher == NULL)
        g_error ("Could not prepare the app's folders: %s", error->message);
      program = g_getenv ("CHQ_BENCH_APP");
    }
  if (program == NULL)
    g_error ("CHQ_BENCH_APP and CHQ_BENCH_MINIMAL_WINDOW name the programs (meson sets them)");
  g_subprocess_launcher_setenv (launcher, "CHQ_EXIT_AFTER_FIRST_FRAME",
                                kind == KIND_FULL_ROWS ? "rows" : "1", TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  if (process == NULL)
    g_error ("Could not start %s: %s", program, error->message);
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error))
    g_error ("%s: %s", program, error->message);

  line = output != NULL ? strstr (output, "chequier-first-frame ") : NULL;
  if (!g_subprocess_get_successful (process) || line == NULL)
    g_error ("%s (%s) did not report its first frame: %s", program, kind_names[kind],
             output != NULL ? output : "no output");

  result.ms = (chq_bench_parse_field (line, "monotonic_us") - start) / 1e3;
  result.rss_mib = chq_bench_parse_field (line, "peak_rss_kib") / 1024;
  result.rows = (guint) chq_bench_parse_field (line, "rows");
  result.total = (guint) chq_bench_parse_field (line, "total");

  return result;
}

static void
report (const char          *figure,
        const ChqBenchStats *value,
        const ChqBenchStats *reference,
        const char          *reference_name,
        double               goal_ratio)
{
  g_autofree char *median = chq_bench_format_value (value->median, "ms");
  g_autofree char *p95 = chq_bench_format_value (value->p95, "ms");
  g_autofree char *ref = chq_bench_format_value (reference->median, "ms");
  g_autofree char *ref_text = g_strdup_printf ("%s: %s", reference_name, ref);
  double ratio = value->median / reference->median;
  g_autofree char *ratio_text = g_strdup_printf ("%.2fx", ratio);
  g_autofree char *goal = g_strdup_printf ("≤ %.1fx %s", goal_ratio, reference_name);

  chq_bench_report_row (figure, median, p95, ref_text, ratio_text, goal, ratio <= goal_ratio);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *store_path = NULL;
  GArray *times[N_KINDS];
  GArray *memory[N_KINDS];
  ChqBenchStats time_stats[N_KINDS], memory_stats[N_KINDS];
  guint runs = 15;
  guint rows = 0;
  guint total = 0;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("# no display: run under xvfb-run (build-aux/run-benchmarks.sh does)\n");
      return 77;
    }
  if (g_getenv ("CHQ_BENCH_RUNS") != NULL)
    runs = MAX (1, (guint) g_ascii_strtoull (g_getenv ("CHQ_BENCH_RUNS"), NULL, 10));

  store_path = chq_bench_ensure_synced_store (&error);
  if (store_path == NULL)
    g_error ("Could not make the synced store: %s", error->message);

  /* The cache as the app leaves it after a sync: its list's refresh, the first query
   * after the write, saved the search index in it (a store made by an older version, or
   * by a sync alone, has none yet; this query saves it). */
  {
    g_autoptr(ChqStore) store = chq_store_open (store_path, &error);
    g_autoptr(ChqCourseQuery) query = chq_course_query_new ();
    g_autoptr(ChqCourseResult) result = NULL;

    if (store == NULL)
      g_error ("Could not open %s: %s", store_path, error->message);
    result = chq_store_query_courses (store, query, NULL, &error);
    if (result == NULL)
      g_error ("Could not query %s: %s", store_path, error->message);
  }

  for (guint k = 0; k < N_KINDS; k++)
    {
      times[k] = g_array_new (FALSE, FALSE, sizeof (double));
      memory[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* One launch of each, unmeasured: the files in the page cache, as at any later start. */
  for (guint k = 0; k < N_KINDS; k++)
    launch (k, store_path);

  for (guint run = 0; run < runs; run++)
    for (guint k = 0; k < N_KINDS; k++)
      {
        Launch l = launch (k, store_path);

        g_array_append_val (times[k], l.ms);
        g_array_append_val (memory[k], l.rss_mib);
        if (k == KIND_FULL_ROWS)
          {
            g_assert_cmpuint (l.rows, >, 0);
            rows = l.rows;
            total = l.total;
          }
        g_print ("# run %u, %s: %.1f ms, peak %.1f MiB, %u rows of %u\n", run + 1,
                 kind_names[k], l.ms, l.rss_mib, l.rows, l.total);
      }

  for (guint k = 0; k < N_KINDS; k++)
    {
      chq_bench_stats_of_array (times[k], &time_stats[k]);
      chq_bench_stats_of_array (memory[k], &memory_stats[k]);
      chq_bench_detail ("- Start-up, %s, %u runs: first frame median %.1f ms (p95 %.1f), peak "
                        "resident memory then median %.1f MiB.", kind_names[k], runs,
                        time_stats[k].median, time_stats[k].p95, memory_stats[k].median);
      g_array_unref (times[k]);
      g_array_unref (memory[k]);
    }

  report ("Start-up to first frame, full cache", &time_stats[KIND_FULL],
          &time_stats[KIND_EMPTY], "empty cache", 1.2);
  report ("Start-up to first frame, full cache", &time_stats[KIND_FULL],
          &time_stats[KIND_MINIMAL], "minimal window", 1.5);
  {
    g_autofree char *figure = g_strdup_printf ("Start-up to first frame showing the "
                                               "courses (%u found, the first %u in the "
                                               "list), full cache", total, rows);

    report (figure, &time_stats[KIND_FULL_ROWS], &time_stats[KIND_EMPTY], "empty cache", 1.2);
    report (figure, &time_stats[KIND_FULL_ROWS], &time_stats[KIND_MINIMAL], "minimal window",
            1.5);
  }

  return 0;
}
