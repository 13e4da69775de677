/* test-store-perf.c: the search-as-you-type path agrees with a bare FTS5 MATCH
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 5,000 generated courses (50,000 with `-m perf`, or CHQ_STORE_PERF_COURSES=N): for each
 * keystroke the store's query, the list model and a bare sqlite3 MATCH on the same file find
 * the same courses. The times are printed for a quick look, never asserted: the speed goals
 * are measured by the benchmarks (tests/bench/bench-search.c, build-aux/run-benchmarks.sh).
 */
#define G_LOG_DOMAIN "test-store-perf"

#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "chq-course-list-model.h"
#include "chq-store.h"
#include "test-store-gen.h"

#define N_RUNS 50

static const char * const keystrokes[] = {
  "i", "in", "int", "inte", "intel", "intelligence", "intelligence artificielle",
  "intelligence artificielle namur", "intelligence artificielle namur pme",
  "cyber", "zzz",
};

static guint n_courses;

typedef struct {
  gint64 median;
  gint64 p95;
  gint64 max;
} Timing;

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

static Timing
summarize (GArray *samples)
{
  Timing t;

  g_array_sort (samples, compare_int64);
  t.median = g_array_index (samples, gint64, samples->len / 2);
  t.p95 = g_array_index (samples, gint64, (samples->len * 95 + 99) / 100 - 1);
  t.max = g_array_index (samples, gint64, samples->len - 1);

  return t;
}

/* Resident memory of this process, in KiB. */
static glong
rss_kib (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL))
    return 0;
  fields = g_strsplit (statm, " ", -1);
  if (fields[0] == NULL || fields[1] == NULL)
    return 0;

  return (glong)(g_ascii_strtoll (fields[1], NULL, 10) * (sysconf (_SC_PAGESIZE) / 1024));
}

static ChqStore *
fill_store (void)
{
  /* CHQ_STORE_PERF_DB keeps the database for a look with the sqlite3 shell. */
  g_autofree char *path = g_getenv ("CHQ_STORE_PERF_DB") ?
                          g_strdup (g_getenv ("CHQ_STORE_PERF_DB")) :
                          g_build_filename (g_get_user_cache_dir (), "chequier", "perf.db",
                                            NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = chq_store_open (path, &error);
  gint64 start = g_get_monotonic_time ();
  const guint page = 1000;

  g_assert_no_error (error);
  for (guint done = 0; done < n_courses; done += page)
    {
      g_autoptr(JsonArray) items = test_generate_courses (MIN (page, n_courses - done),
                                                          42 + done, done);
      g_autofree char *cursor = g_strdup_printf ("c%u", done);

      g_assert_true (chq_store_apply_courses_page_json (store, items, NULL, cursor, &error));
      g_assert_no_error (error);
    }
  g_test_message ("stored %u courses in %.2f s", n_courses,
                  (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (chq_store_count_courses (store), ==, n_courses);

  return g_steal_pointer (&store);
}

/* The baseline: what sqlite3 alone takes to list the rowids matching the same text. */
static gint64
bare_match (sqlite3_stmt *stmt,
            const char   *match,
            guint        *out_n)
{
  gint64 start = g_get_monotonic_time ();
  guint n = 0;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  sqlite3_reset (stmt);
  *out_n = n;

  return g_get_monotonic_time () - start;
}

static void
wait_for_model (ChqCourseListModel *model)
{
  while (chq_course_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_keystrokes (void)
{
  g_autoptr(ChqStore) store = fill_store ();
  g_autoptr(ChqCourseListModel) model = chq_course_list_model_new (store);
  g_autoptr(ChqCourseQuery) query = chq_course_query_new ();
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 11, 28, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  glong rss_before;
  gint64 start;

  chq_course_query_set_today (query, today);

  /* The first query after a write rebuilds the in-memory filter index. */
  rss_before = rss_kib ();
  start = g_get_monotonic_time ();
  {
    g_autoptr(ChqCourseResult) result = chq_store_query_courses (store, query, NULL, &error);

    g_assert_no_error (error);
    g_test_message ("first query (index built, then saved) %.1f ms, %u AI courses, resident memory "
                    "+%.1f MiB",
                    (g_get_monotonic_time () - start) / 1e3,
                    chq_course_result_get_n_items (result),
                    (rss_kib () - rss_before) / 1024.0);
  }
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpint (sqlite3_open_v2 (chq_store_get_path (store), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT rowid FROM courses_fts "
                                       "WHERE courses_fts MATCH ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);

  for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
    {
      g_autoptr(GArray) bare_samples = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) store_samples = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) model_samples = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *match = chq_course_query_build_match (keystrokes[k]);
      guint n_bare = 0;
      guint n_text = 0;
      guint n_items = 0;
      gboolean ranked = FALSE;
      Timing bare, direct, model_t;

      chq_course_query_set_text (query, keystrokes[k]);
      if (match != NULL)
        bare_match (stmt, match, &n_bare);  /* warm the page cache */

      /* Interleaved, so that the machine's load weighs on all three alike. */
      for (guint run = 0; run < N_RUNS; run++)
        {
          g_autoptr(ChqCourseResult) result = NULL;
          gint64 elapsed;

          if (match != NULL)
            {
              elapsed = bare_match (stmt, match, &n_bare);
              g_array_append_val (bare_samples, elapsed);
            }

          start = g_get_monotonic_time ();
          result = chq_store_query_courses (store, query, NULL, &error);
          elapsed = g_get_monotonic_time () - start;
          g_assert_no_error (error);
          g_array_append_val (store_samples, elapsed);
          n_text = chq_course_result_get_n_text_matches (result);
          n_items = chq_course_result_get_n_items (result);
          ranked = chq_course_result_get_ranked (result);

          /* Store query to list model ready: thread hop and items-changed included. */
          start = g_get_monotonic_time ();
          chq_course_list_model_set_query (model, query);
          wait_for_model (model);
          elapsed = g_get_monotonic_time () - start;
          g_array_append_val (model_samples, elapsed);
          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_items);
        }

      if (match == NULL)
        {
          gint64 zero = 0;

          g_array_append_val (bare_samples, zero);
        }
      bare = summarize (bare_samples);
      direct = summarize (store_samples);
      model_t = summarize (model_samples);

      g_assert_cmpuint (n_bare, ==, n_text);
      g_assert_cmpuint (n_items, <=, n_text);

      g_test_message ("%-32s matches %6u shown %6u %s | bare MATCH median %6.2f p95 %6.2f | "
                      "store median %6.2f p95 %6.2f max %6.2f | model ready median %6.2f "
                      "p95 %6.2f ms",
                      keystrokes[k], n_text, n_items, ranked ? "ranked" : "by date",
                      bare.median / 1e3, bare.p95 / 1e3,
                      direct.median / 1e3, direct.p95 / 1e3, direct.max / 1e3,
                      model_t.median / 1e3, model_t.p95 / 1e3);
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* What a scrolling list pays per new row, on the main thread. */
  {
    g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
    Timing t;
    guint n;

    chq_course_query_set_text (query, NULL);
    chq_course_list_model_set_query (model, query);
    wait_for_model (model);
    n = g_list_model_get_n_items (G_LIST_MODEL (model));
    g_assert_cmpuint (n, >, 0);
    for (guint i = 0; i < 1000; i++)
      {
        g_autoptr(GObject) row = NULL;
        gint64 elapsed;

        start = g_get_monotonic_time ();
        row = g_list_model_get_item (G_LIST_MODEL (model), (i * 7919) % n);
        elapsed = g_get_monotonic_time () - start;
        g_assert_nonnull (row);
        g_array_append_val (samples, elapsed);
      }
    t = summarize (samples);
    g_test_message ("row fetch on the main thread: median %.3f p95 %.3f max %.3f ms",
                    t.median / 1e3, t.p95 / 1e3, t.max / 1e3);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *env;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  env = g_getenv ("CHQ_STORE_PERF_COURSES");
  if (env != NULL)
    n_courses = (guint)g_ascii_strtoull (env, NULL, 10);
  if (n_courses == 0)
    n_courses = g_test_perf () ? 50000 : 5000;

  g_test_add_func ("/store-perf/keystrokes", test_keystrokes);

  return g_test_run ();
}
