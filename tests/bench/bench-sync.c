/* bench-sync.c: the first full sync against curl, the no-change sync, and the sandbox's
 * course feed throughput
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-sync full       empty store to 50,000 courses stored and searchable (the sync run,
 *                       then the first catalogue query, which builds the in-memory index),
 *                       against `curl` fetching the same feed pages (same limit, same
 *                       server, one connection) in sequence; runs interleaved
 * bench-sync no-change  a sync when nothing changed: requests sent (client), received
 *                       (sandbox), answered 304 (the client's own debug log), and time
 * bench-sync feed       the sandbox serving its course feed to curl: pages per second
 *
 * The sandbox runs in this process on its own thread (as in the app's demo); curl and the
 * sync engine are its only clients.
 */
#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include "chq-bench.h"
#include "chq-json.h"
#include "chq-outbox.h"
#include "chq-store.h"
#include "chq-sync.h"

typedef struct {
  ChqSandbox *sandbox;
  char       *uri;
  char       *token;
  ChqClient  *client;
  GPtrArray  *paths;      /* the feed's pages, as the sync asks for them */
  guint       n_courses;  /* in the feed */
  char       *store_path;
  char       *outbox_path;
} Fixture;

typedef struct {
  GAsyncResult *result;
  gboolean      done;
} Waiter;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  waiter->done = TRUE;
}

static void
remove_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* The feed's pages, walked once with the client, as the sync engine will ask for them. */
static void
fixture_init (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  gboolean more = TRUE;

  fx->sandbox = chq_bench_sandbox_start (&error);
  if (fx->sandbox == NULL)
    g_error ("Could not start the sandbox: %s", error->message);
  fx->uri = chq_sandbox_dup_uri (fx->sandbox);
  fx->client = chq_bench_client_new (fx->uri, &fx->token, &error);
  if (fx->client == NULL)
    g_error ("Could not sign in to the sandbox: %s", error->message);
  fx->paths = g_ptr_array_new_with_free_func (g_free);

  while (more)
    {
      g_autoptr(ChqCoursesPage) page = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GString) path = g_string_new ("/v1/courses");
      Waiter waiter = { NULL, FALSE };

      if (since != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (since, NULL, FALSE);

          g_string_append_printf (path, "?since=%s&limit=%u", escaped,
                                  CHQ_SYNC_COURSES_PAGE_SIZE);
        }
      else
        g_string_append_printf (path, "?limit=%u", CHQ_SYNC_COURSES_PAGE_SIZE);
      g_ptr_array_add (fx->paths, g_string_free (g_steal_pointer (&path), FALSE));

      chq_client_list_courses_async (fx->client, since, CHQ_SYNC_COURSES_PAGE_SIZE, NULL,
                                     NULL, on_done_cb, &waiter);
      chq_bench_wait (&waiter.done);
      result = waiter.result;
      page = chq_client_list_courses_finish (fx->client, result, NULL, &error);
      if (page == NULL)
        g_error ("Could not read the course feed: %s", error->message);
      fx->n_courses += page->items->len;
      g_free (since);
      since = g_strdup (page->next);
      more = page->more;
    }

  fx->store_path = g_build_filename (chq_bench_data_dir (), "bench-sync-store.db", NULL);
  fx->outbox_path = g_build_filename (chq_bench_data_dir (), "bench-sync-outbox.db", NULL);
}

static void
fixture_clear (Fixture *fx)
{
  remove_db (fx->store_path);
  remove_db (fx->outbox_path);
  g_clear_object (&fx->client);
  chq_sandbox_stop (fx->sandbox);
  g_clear_object (&fx->sandbox);
  g_clear_pointer (&fx->paths, g_ptr_array_unref);
  g_clear_pointer (&fx->uri, g_free);
  g_clear_pointer (&fx->token, g_free);
  g_clear_pointer (&fx->store_path, g_free);
  g_clear_pointer (&fx->outbox_path, g_free);
}

/* curl fetching every page in sequence over one connection; its wall time in ms. */
static double
run_curl (Fixture *fx,
          gsize   *out_bytes)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) curl = NULL;
  g_autofree char *output = NULL;
  gint64 start;
  double ms;

  g_ptr_array_add (argv, g_strdup ("curl"));
  g_ptr_array_add (argv, g_strdup ("--silent"));
  g_ptr_array_add (argv, g_strdup ("--show-error"));
  g_ptr_array_add (argv, g_strdup ("--fail"));
  g_ptr_array_add (argv, g_strdup ("--header"));
  g_ptr_array_add (argv, g_strdup_printf ("Authorization: Bearer %s", fx->token));
  g_ptr_array_add (argv, g_strdup ("--write-out"));
  g_ptr_array_add (argv, g_strdup ("%{size_download}\\n"));
  for (guint i = 0; i < fx->paths->len; i++)
    {
      g_ptr_array_add (argv, g_strconcat (fx->uri, g_ptr_array_index (fx->paths, i), NULL));
      g_ptr_array_add (argv, g_strdup ("--output"));
      g_ptr_array_add (argv, g_strdup ("/dev/null"));
    }
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  curl = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error);
  if (curl == NULL)
    g_error ("Could not run curl (install it: build-aux/install-deps.sh): %s",
             error->message);
  if (!g_subprocess_communicate_utf8 (curl, NULL, NULL, &output, NULL, &error))
    g_error ("curl: %s", error->message);
  ms = (g_get_monotonic_time () - start) / 1e3;
  if (!g_subprocess_get_successful (curl))
    g_error ("curl failed on the course feed");

  *out_bytes = 0;
  {
    g_auto(GStrv) sizes = g_strsplit (output, "\n", -1);

    for (guint i = 0; sizes[i] != NULL; i++)
      *out_bytes += g_ascii_strtoull (sizes[i], NULL, 10);
  }

  return ms;
}

typedef struct {
  double sync_ms;
  double index_ms;
  double cpu_ms;    /* CPU time of the whole process (client, writer, sandbox) in the sync */
  guint  requests;
} SyncRun;

/* User and system CPU time of this process so far, all threads, in ms. */
static double
process_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

/* A full sync into an empty store, then the catalogue's first query (searchable). */
static SyncRun
run_full_sync (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account_key = chq_outbox_account_key (fx->uri, CHQ_BENCH_ENTERPRISE);
  g_autoptr(ChqStore) store = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(ChqSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqCourseQuery) query = chq_course_query_new ();
  g_autoptr(ChqCourseResult) found = NULL;
  Waiter waiter = { NULL, FALSE };
  guint requests = chq_client_get_request_count (fx->client);
  SyncRun run;
  gint64 start, synced;
  double cpu_start;

  remove_db (fx->store_path);
  remove_db (fx->outbox_path);
  store = chq_store_open (fx->store_path, &error);
  g_assert_no_error (error);
  outbox = chq_outbox_open (fx->outbox_path, &error);
  g_assert_no_error (error);
  sync = chq_sync_new (fx->client, store, outbox, account_key);

  cpu_start = process_cpu_ms ();
  start = g_get_monotonic_time ();
  chq_sync_run_async (sync, NULL, on_done_cb, &waiter);
  chq_bench_wait (&waiter.done);
  result = waiter.result;
  if (!chq_sync_run_finish (sync, result, &error))
    g_error ("The full sync failed: %s", error->message);
  synced = g_get_monotonic_time ();
  run.cpu_ms = process_cpu_ms () - cpu_start;

  /* Searchable: the page's first query answers (it builds the in-memory index). */
  chq_course_query_set_text (query, "ia");
  found = chq_store_query_courses (store, query, NULL, &error);
  g_assert_no_error (error);
  run.sync_ms = (synced - start) / 1e3;
  run.index_ms = (g_get_monotonic_time () - synced) / 1e3;
  run.requests = chq_client_get_request_count (fx->client) - requests;

  g_assert_cmpuint (chq_store_count_courses (store), ==, fx->n_courses);
  g_assert_cmpuint (chq_course_result_get_n_items (found), >, 0);

  /* The store's changed signals, emitted from idles, before the store goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return run;
}

static guint
count_matches (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM courses_fts "
                                           "WHERE courses_fts MATCH '\"ia\"*'", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* Where the sync's time goes, stage by stage on the same pages, one after the other in
 * this thread: the pages as the server sends them (saved by curl), parsed, decoded into
 * model objects (what the client does on the main thread), re-encoded to JSON (part of
 * the store write), and stored (the writer thread). */
static void
breakdown (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (chq_bench_data_dir (), "feed-pages", NULL);
  g_autofree char *store_path = g_build_filename (chq_bench_data_dir (), "bench-stages.db",
                                                  NULL);
  g_autofree char *json_store_path = g_build_filename (chq_bench_data_dir (),
                                                       "bench-stages-json.db", NULL);
  g_autoptr(ChqStore) store = NULL;
  g_autofree char *bulk_store_path = g_build_filename (chq_bench_data_dir (),
                                                       "bench-stages-bulk.db", NULL);
  g_autoptr(ChqStore) json_store = NULL;
  g_autoptr(ChqStore) bulk_store = NULL;
  double parse_ms = 0, decode_ms = 0, encode_ms = 0, store_ms = 0, store_json_ms = 0;
  double bulk_ms = 0, rebuild_ms = 0, stage_ms = 0;
  guint n_matched = 0, n_bulk_matched = 0;
  sqlite3 *db = NULL;
  gint64 t;
  gsize bytes = 0;

  g_mkdir_with_parents (dir, 0700);
  remove_db (store_path);
  remove_db (json_store_path);
  store = chq_store_open (store_path, &error);
  g_assert_no_error (error);
  json_store = chq_store_open (json_store_path, &error);
  g_assert_no_error (error);

  /* The experiment: a store like the others but without the per-row FTS5 insert trigger;
   * its search index is filled in one statement at the end. */
  remove_db (bulk_store_path);
  bulk_store = chq_store_open (bulk_store_path, &error);
  g_assert_no_error (error);
  g_clear_object (&bulk_store);
  g_assert_cmpint (sqlite3_open (bulk_store_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER courses_fts_insert", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  bulk_store = chq_store_open (bulk_store_path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < fx->paths->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%03u.json", i);
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_autofree char *url = g_strconcat (fx->uri, g_ptr_array_index (fx->paths, i), NULL);
      g_autofree char *header = g_strdup_printf ("Authorization: Bearer %s", fx->token);
      g_autofree char *data = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(ChqCoursesPage) page = NULL;
      g_autoptr(GSubprocess) curl = NULL;
      g_autoptr(ChqStagedCourses) staged = NULL;
      gsize len;
      gint64 t0, t1, t2, t3, t4, t5;

      curl = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "curl", "--silent",
                               "--fail", "--header", header, "--output", file, url, NULL);
      if (curl == NULL || !g_subprocess_wait_check (curl, NULL, &error))
        g_error ("curl: %s", error->message);
      if (!g_file_get_contents (file, &data, &len, &error))
        g_error ("%s", error->message);
      bytes += len;

      t0 = g_get_monotonic_time ();
      node = chq_json_parse (data, len, 0, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      page = chq_courses_page_from_json (node, &error);
      g_assert_no_error (error);
      t2 = g_get_monotonic_time ();
      for (guint j = 0; j < page->items->len; j++)
        {
          g_autofree char *text = chq_model_to_text (g_ptr_array_index (page->items, j), NULL);
        }
      t3 = g_get_monotonic_time ();
      if (!chq_store_apply_courses_page (store, page->items,
                                         (const char * const *) page->deleted,
                                         page->next, &error))
        g_error ("%s", error->message);
      t4 = g_get_monotonic_time ();
      {
        /* As the sync does: each course's text a span of the page as sent. */
        g_autoptr(GBytes) text = g_bytes_new_static (data, len);

        staged = chq_staged_courses_new_from_courses (page->items, text, &error);
        g_assert_no_error (error);
        g_assert_true (chq_staged_courses_is_from_text (staged));
      }
      t5 = g_get_monotonic_time ();
      if (!chq_store_apply_staged_courses (json_store, staged,
                                           (const char * const *) page->deleted,
                                           page->next, &error))
        g_error ("%s", error->message);
      stage_ms += (t5 - t4) / 1e3;
      store_json_ms += (g_get_monotonic_time () - t4) / 1e3;
      t = g_get_monotonic_time ();
      if (!chq_store_apply_courses_page_json (bulk_store,
                                              json_object_get_array_member (
                                                json_node_get_object (node), "items"),
                                              (const char * const *) page->deleted,
                                              page->next, &error))
        g_error ("%s", error->message);
      bulk_ms += (g_get_monotonic_time () - t) / 1e3;

      parse_ms += (t1 - t0) / 1e3;
      decode_ms += (t2 - t1) / 1e3;
      encode_ms += (t3 - t2) / 1e3;
      store_ms += (t4 - t3) / 1e3;
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  g_clear_object (&bulk_store);

  g_assert_cmpint (sqlite3_open (bulk_store_path, &db), ==, SQLITE_OK);
  t = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO courses_fts (courses_fts) VALUES ('rebuild')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  rebuild_ms = (g_get_monotonic_time () - t) / 1e3;
  n_bulk_matched = count_matches (db);
  sqlite3_close (db);
  g_assert_cmpint (sqlite3_open (json_store_path, &db), ==, SQLITE_OK);
  n_matched = count_matches (db);
  sqlite3_close (db);
  /* The same index either way. */
  g_assert_cmpuint (n_matched, ==, n_bulk_matched);
  g_assert_cmpuint (n_matched, >, 0);

  g_clear_object (&json_store);
  remove_db (store_path);
  remove_db (json_store_path);
  remove_db (bulk_store_path);

  chq_bench_detail ("- Where a full sync's time goes, stage by stage on the same %u pages "
                    "(%.1f MiB), in one thread: JSON parse %.0f ms and decoding into "
                    "model objects, which validates each course, %.0f ms (both on the "
                    "client's worker thread in a sync). Writing from those objects with "
                    "the codec writing each course's text again (about %.0f ms) takes "
                    "%.0f ms; the sync's path instead stages those objects "
                    "(columns from the objects, each course's text a span of the page as "
                    "sent: chq_staged_courses_new_from_courses, on the client's worker "
                    "thread) in %.0f ms, then the writer (chq_store_apply_staged_courses, "
                    "SQLite with its FTS5 triggers) takes %.0f ms.",
                    fx->paths->len, bytes / 1048576.0, parse_ms, decode_ms, encode_ms,
                    store_ms, stage_ms, store_json_ms - stage_ms);
  chq_bench_detail ("- The same JSON writes into a store whose FTS5 index is not filled row "
                    "by row (its insert trigger dropped) take %.0f ms, and filling the index "
                    "afterwards in one statement ('rebuild') %.0f ms: %.0f ms in all "
                    "against %.0f ms (both indexes find the same %u courses for “ia”).",
                    bulk_ms, rebuild_ms, bulk_ms + rebuild_ms, store_json_ms, n_matched);
}

static guint
n_runs (guint default_runs)
{
  const char *env = g_getenv ("CHQ_BENCH_RUNS");

  return env != NULL ? MAX (1, (guint) g_ascii_strtoull (env, NULL, 10)) : default_runs;
}

static void
bench_full (Fixture *fx)
{
  g_autoptr(GArray) curl_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) index_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  ChqBenchStats curl_s, total_s, sync_s, index_s, cpu_s;
  guint runs = n_runs (5);
  guint requests = 0;
  gsize bytes = 0;

  for (guint i = 0; i < runs; i++)
    {
      double ms = run_curl (fx, &bytes);
      SyncRun run;
      double total;

      g_array_append_val (curl_ms, ms);
      run = run_full_sync (fx);
      total = run.sync_ms + run.index_ms;
      g_array_append_val (total_ms, total);
      g_array_append_val (sync_ms, run.sync_ms);
      g_array_append_val (index_ms, run.index_ms);
      requests = run.requests;
      g_array_append_val (cpu_ms, run.cpu_ms);
      g_print ("# run %u: curl %.0f ms, sync %.0f ms (process CPU %.0f ms) + first query "
               "%.0f ms\n", i + 1, ms, run.sync_ms, run.cpu_ms, run.index_ms);
    }

  chq_bench_stats_of_array (curl_ms, &curl_s);
  chq_bench_stats_of_array (total_ms, &total_s);
  chq_bench_stats_of_array (sync_ms, &sync_s);
  chq_bench_stats_of_array (index_ms, &index_s);
  chq_bench_stats_of_array (cpu_ms, &cpu_s);

  chq_bench_detail ("- First full sync%s, %u runs: %u courses in %u feed pages (%.1f MiB of "
                    "JSON); the sync sent %u requests (the pages and the other "
                    "collections). Sync run median %.0f ms (p95 %.0f; CPU time of the "
                    "process, all threads with the sandbox's, median %.0f ms), then the "
                    "first query (index build) median %.0f ms (p95 %.0f); curl median "
                    "%.0f ms (p95 %.0f).",
                    strstr (g_getenv ("G_SLICE") ? g_getenv ("G_SLICE") : "",
                            "always-malloc") != NULL ? " (G_SLICE=always-malloc)" : "",
                    runs, fx->n_courses, fx->paths->len,
                    bytes / 1048576.0, requests, sync_s.median, sync_s.p95, cpu_s.median,
                    index_s.median, index_s.p95, curl_s.median, curl_s.p95);
  /* CHQ_BENCH_NO_STAGES=1: the runs only, for a quick comparison. */
  if (g_getenv ("CHQ_BENCH_NO_STAGES") == NULL)
    breakdown (fx);
  {
    /* The benchmark "first-full-sync-malloc" runs with G_SLICE=always-malloc: GLib 2.74's
     * slice allocator off, as in GLib 2.76 and later (the Flatpak runtime's). */
    gboolean malloc_only = strstr (g_getenv ("G_SLICE") ? g_getenv ("G_SLICE") : "",
                                   "always-malloc") != NULL;
    g_autofree char *figure = g_strdup_printf ("First full sync: %u courses stored and "
                                               "searchable%s", fx->n_courses,
                                               malloc_only ?
                                               ", GLib without its slice allocator (as "
                                               "GLib ≥ 2.76, the Flatpak runtime)" : "");
    g_autofree char *median = chq_bench_format_value (total_s.median, "ms");
    g_autofree char *p95 = chq_bench_format_value (total_s.p95, "ms");
    g_autofree char *curl = chq_bench_format_value (curl_s.median, "ms");
    g_autofree char *reference = g_strdup_printf ("curl, %u pages: %s", fx->paths->len, curl);
    double ratio = total_s.median / curl_s.median;
    g_autofree char *ratio_text = g_strdup_printf ("%.2fx", ratio);

    chq_bench_report_row (figure, median, p95, reference, ratio_text, "≤ 2x curl",
                          ratio <= 2.0);
  }
}

typedef struct {
  guint      sent;
  guint      not_modified;
  GHashTable *paths;
} ClientLog;

static void
on_client_log (const char     *domain,
               GLogLevelFlags  level,
               const char     *message,
               gpointer        user_data)
{
  ClientLog *log = user_data;
  const char *attempt = strstr (message, " (attempt ");

  if (g_str_has_suffix (message, ": not modified"))
    log->not_modified++;
  else if (attempt != NULL && strstr (message, ": HTTP ") == NULL)
    {
      log->sent++;
      g_hash_table_add (log->paths, g_strndup (message, attempt - message));
    }
}

static void
on_store_changed (ChqStore   *store,
                  const char *collection,
                  guint      *n_changed)
{
  (*n_changed)++;
}

static void
bench_no_change (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account_key = chq_outbox_account_key (fx->uri, CHQ_BENCH_ENTERPRISE);
  g_autoptr(ChqStore) store = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(ChqSync) sync = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  ClientLog log = { 0, 0, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  ChqBenchStats stats;
  guint runs = n_runs (20);
  guint handler;
  guint n_changed = 0;
  gboolean all_met = TRUE;
  guint last_sent = 0, last_served = 0, last_304 = 0, last_collections = 0;

  remove_db (fx->store_path);
  remove_db (fx->outbox_path);
  store = chq_store_open (fx->store_path, &error);
  g_assert_no_error (error);
  outbox = chq_outbox_open (fx->outbox_path, &error);
  g_assert_no_error (error);
  sync = chq_sync_new (fx->client, store, outbox, account_key);

  /* The first sync fills the store; the ones after it find nothing new. */
  for (guint i = 0; i <= runs; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      Waiter waiter = { NULL, FALSE };
      guint served = chq_sandbox_get_request_count (fx->sandbox);
      gint64 start;
      double ms;

      g_hash_table_remove_all (log.paths);
      log.sent = log.not_modified = 0;
      handler = g_log_set_handler ("chq-client", G_LOG_LEVEL_DEBUG, on_client_log, &log);
      start = g_get_monotonic_time ();
      chq_sync_run_async (sync, NULL, on_done_cb, &waiter);
      chq_bench_wait (&waiter.done);
      result = waiter.result;
      if (!chq_sync_run_finish (sync, result, &error))
        g_error ("The sync failed: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1e3;
      g_log_remove_handler ("chq-client", handler);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (i == 0)
        {
          g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), &n_changed);
          continue;
        }

      g_array_append_val (times, ms);
      last_sent = log.sent;
      last_304 = log.not_modified;
      last_collections = g_hash_table_size (log.paths);
      last_served = chq_sandbox_get_request_count (fx->sandbox) - served;
      if (last_sent != last_collections || last_304 != last_sent || last_served != last_sent)
        all_met = FALSE;
    }
  if (n_changed > 0)
    all_met = FALSE;

  chq_bench_stats_of_array (times, &stats);
  chq_bench_detail ("- No-change sync, %u runs: each sent %u requests for %u collections, "
                    "the sandbox received %u, %u answered 304 (last run); the store changed "
                    "%u times in all runs.", runs, last_sent, last_collections, last_served,
                    last_304, n_changed);
  {
    g_autofree char *median = chq_bench_format_value (stats.median, "ms");
    g_autofree char *p95 = chq_bench_format_value (stats.p95, "ms");
    g_autofree char *reference = g_strdup_printf ("%u collections", last_collections);
    g_autofree char *ratio = g_strdup_printf ("%u requests, %u × 304", last_sent, last_304);

    chq_bench_report_row ("No-change sync", median, p95, reference, ratio,
                          "1 request per collection, each 304", all_met);
  }
  g_hash_table_unref (log.paths);
}

static void
bench_feed (Fixture *fx)
{
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  ChqBenchStats stats;
  guint runs = n_runs (10);
  gsize bytes = 0;
  double mib_s = 0;

  for (guint i = 0; i < runs; i++)
    {
      double ms = run_curl (fx, &bytes);
      double rate = fx->paths->len / (ms / 1e3);

      /* Slower is worse: the "p95" of a rate is its 5th percentile, kept as the
       * negative's 95th. */
      rate = -rate;
      g_array_append_val (rates, rate);
      mib_s += bytes / 1048576.0 / (ms / 1e3) / runs;
    }
  chq_bench_stats_of_array (rates, &stats);

  {
    g_autofree char *figure = g_strdup_printf ("Sandbox course feed to curl (%u pages of "
                                               "%u)", fx->paths->len,
                                               CHQ_SYNC_COURSES_PAGE_SIZE);
    g_autofree char *median = chq_bench_format_value (-stats.median, "pages/s");
    g_autofree char *p95 = chq_bench_format_value (-stats.p95, "pages/s");
    g_autofree char *reference = g_strdup_printf ("%.1f MiB/s of JSON", mib_s);

    chq_bench_report_row (figure, median, p95, reference, NULL, "context (no goal)", -1);
  }
}

int
main (int   argc,
      char *argv[])
{
  Fixture fx = { NULL };
  const char *mode = argc > 1 ? argv[1] : "full";

  fixture_init (&fx);
  if (g_str_equal (mode, "full"))
    bench_full (&fx);
  else if (g_str_equal (mode, "no-change"))
    bench_no_change (&fx);
  else if (g_str_equal (mode, "feed"))
    bench_feed (&fx);
  else
    g_error ("Unknown mode %s: full, no-change or feed", mode);
  fixture_clear (&fx);

  return 0;
}
