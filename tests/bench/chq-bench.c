/* chq-bench.c: what the benchmarks share: statistics, the table row, the 50,000-course
 * fixtures (sandbox database, synced store) and the app's environment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-bench"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chq-bench.h"
#include "chq-outbox.h"
#include "chq-store.h"
#include "chq-sync.h"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * chq_bench_stats_compute:
 * @samples: (array length=n): the samples, sorted in place
 * @n: how many
 * @out: (out): their median (the mean of the two middle ones when @n is even), 95th
 *   percentile (nearest rank), minimum and maximum
 */
void
chq_bench_stats_compute (double        *samples,
                         guint          n,
                         ChqBenchStats *out)
{
  guint rank;

  memset (out, 0, sizeof *out);
  if (n == 0)
    return;

  qsort (samples, n, sizeof (double), compare_double);
  out->n = n;
  out->min = samples[0];
  out->max = samples[n - 1];
  out->median = n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  rank = (n * 95 + 99) / 100;  /* ceil (0.95 n), at least 1 */
  out->p95 = samples[MAX (rank, 1) - 1];
}

/**
 * chq_bench_stats_of_array:
 * @samples: (element-type double): the samples, sorted in place
 * @out: (out): their statistics, as chq_bench_stats_compute()
 */
void
chq_bench_stats_of_array (GArray        *samples,
                          ChqBenchStats *out)
{
  chq_bench_stats_compute ((double *) (void *) samples->data, samples->len, out);
}

/**
 * chq_bench_format_value:
 * @value: a measure
 * @unit: "ms" (shown in s from 10 s on), "MiB", or any other unit written after the value
 *
 * Returns: (transfer full): the value with its unit, to three significant figures or so
 */
char *
chq_bench_format_value (double      value,
                        const char *unit)
{
  if (isnan (value))
    return g_strdup ("–");
  if (g_strcmp0 (unit, "ms") == 0 && value >= 10000)
    return g_strdup_printf ("%.2f s", value / 1000);
  if (g_strcmp0 (unit, "ms") == 0 && value < 1)
    return g_strdup_printf ("%.3f ms", value);
  if (fabs (value) >= 100 || value == floor (value))
    return g_strdup_printf ("%.0f%s%s", value, *unit ? " " : "", unit);
  if (fabs (value) >= 10)
    return g_strdup_printf ("%.1f%s%s", value, *unit ? " " : "", unit);

  return g_strdup_printf ("%.2f%s%s", value, *unit ? " " : "", unit);
}

/**
 * chq_bench_format_row:
 * @figure: what is measured
 * @median: the median, formatted
 * @p95: the 95th percentile, formatted
 * @reference: the reference's figure, formatted
 * @ratio: the ratio to the reference, formatted
 * @goal: the goal, in words
 * @met: "met", "not met" or "–"
 *
 * Returns: (transfer full): one row of a Markdown table (pipes in cells escaped), no newline
 */
char *
chq_bench_format_row (const char *figure,
                      const char *median,
                      const char *p95,
                      const char *reference,
                      const char *ratio,
                      const char *goal,
                      const char *met)
{
  const char *cells[] = { figure, median, p95, reference, ratio, goal, met };
  g_autoptr(GString) row = g_string_new ("|");

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_string_append_c (row, ' ');
      for (const char *p = cells[i] != NULL ? cells[i] : "–"; *p != '\0'; p++)
        {
          if (*p == '|')
            g_string_append_c (row, '\\');
          g_string_append_c (row, *p == '\n' ? ' ' : *p);
        }
      g_string_append (row, " |");
    }

  return g_string_free (g_steal_pointer (&row), FALSE);
}

static void
append_line (const char *variable,
             const char *line)
{
  const char *path = g_getenv (variable);
  FILE *file;

  if (path == NULL || *path == '\0')
    return;

  file = fopen (path, "a");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_warning ("Could not append to %s: %s", path, g_strerror (saved_errno));
      return;
    }
  fprintf (file, "%s\n", line);
  fclose (file);
}

/**
 * chq_bench_report_row:
 * @figure: what is measured
 * @median: the median, formatted
 * @p95: the 95th percentile, formatted
 * @reference: the reference, formatted
 * @ratio: the ratio, formatted
 * @goal: the goal in words
 * @met: 1 met, 0 not met, -1 no goal
 *
 * Prints the row of the results table and appends it to the file `$CHQ_BENCH_TABLE`.
 */
void
chq_bench_report_row (const char *figure,
                      const char *median,
                      const char *p95,
                      const char *reference,
                      const char *ratio,
                      const char *goal,
                      int         met)
{
  g_autofree char *row = chq_bench_format_row (figure, median, p95, reference, ratio, goal,
                                               met > 0 ? "**met**" :
                                               met == 0 ? "**not met**" : "–");

  /* Raw UTF-8, whatever the locale: the rows hold accents and typographic quotes. */
  fprintf (stdout, "RESULT %s\n", row);
  fflush (stdout);
  append_line ("CHQ_BENCH_TABLE", row);
}

/**
 * chq_bench_detail:
 * @format: printf format
 * @...: its arguments
 *
 * Prints one line and appends it to the file `$CHQ_BENCH_DETAILS`.
 */
void
chq_bench_detail (const char *format,
                  ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stdout, "%s\n", line);
  fflush (stdout);
  append_line ("CHQ_BENCH_DETAILS", line);
}

/**
 * chq_bench_data_dir:
 *
 * Returns: (transfer none): `$CHQ_BENCH_DATA`, or a folder in the temporary folder
 */
const char *
chq_bench_data_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    {
      const char *env = g_getenv ("CHQ_BENCH_DATA");

      dir = env != NULL && *env != '\0' ? g_strdup (env)
                                        : g_build_filename (g_get_tmp_dir (), "chq-bench", NULL);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        g_error ("Could not make %s: %s", dir, g_strerror (errno));
    }

  return dir;
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

/**
 * chq_bench_ensure_sandbox_db:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the path of the sandbox database holding the demo
 *   data and CHQ_BENCH_COURSES courses generated with CHQ_BENCH_SEED (made on first use)
 */
char *
chq_bench_ensure_sandbox_db (GError **error)
{
  g_autofree char *name = g_strdup_printf ("sandbox-%u-seed%u.db", CHQ_BENCH_COURSES,
                                           CHQ_BENCH_SEED);
  g_autofree char *path = g_build_filename (chq_bench_data_dir (), name, NULL);
  g_autofree char *partial = NULL;
  ChqSandboxOptions options = { 0 };
  g_autoptr(ChqSandbox) sandbox = NULL;
  gint64 start;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  partial = g_strconcat (path, ".partial", NULL);
  remove_db (partial);
  options.db_path = partial;
  options.n_courses = CHQ_BENCH_COURSES;
  options.seed = CHQ_BENCH_SEED;
  start = g_get_monotonic_time ();
  sandbox = chq_sandbox_new (&options);
  if (!chq_sandbox_start (sandbox, error))
    return NULL;
  chq_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not rename %s: %s", partial, g_strerror (saved_errno));
      return NULL;
    }
  g_print ("# made %s in %.1f s\n", path, (g_get_monotonic_time () - start) / 1e6);

  return g_steal_pointer (&path);
}

/**
 * chq_bench_sandbox_start:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a running sandbox serving the benchmark database on
 *   a free loopback port, its request rate limit out of the way
 */
ChqSandbox *
chq_bench_sandbox_start (GError **error)
{
  g_autofree char *path = chq_bench_ensure_sandbox_db (error);
  ChqSandboxOptions options = { 0 };
  g_autoptr(ChqSandbox) sandbox = NULL;

  if (path == NULL)
    return NULL;

  options.db_path = path;
  options.rate_limit = 1000000;
  sandbox = chq_sandbox_new (&options);
  if (!chq_sandbox_start (sandbox, error))
    return NULL;

  return g_steal_pointer (&sandbox);
}

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

/**
 * chq_bench_wait:
 * @done: a flag a callback sets
 *
 * Iterates the default main context until *@done.
 */
void
chq_bench_wait (const gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * chq_bench_client_new:
 * @uri: the service
 * @out_token: (out) (optional): the session token
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a client signed in as the demo SME
 */
ChqClient *
chq_bench_client_new (const char  *uri,
                      char       **out_token,
                      GError     **error)
{
  g_autoptr(ChqClient) client = chq_client_new (uri, error);
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Waiter waiter = { NULL, FALSE };

  if (client == NULL)
    return NULL;

  chq_client_sign_in_async (client, CHQ_BENCH_ENTERPRISE, CHQ_BENCH_PASSWORD, NULL,
                            on_done_cb, &waiter);
  chq_bench_wait (&waiter.done);
  result = waiter.result;
  account = chq_client_sign_in_finish (client, result, out_token, NULL, error);
  if (account == NULL)
    return NULL;

  return g_steal_pointer (&client);
}

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  waiter->done = TRUE;
}

/**
 * chq_bench_ensure_synced_store:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the path of a closed store filled by a full sync
 *   from the benchmark sandbox (made on first use)
 */
char *
chq_bench_ensure_synced_store (GError **error)
{
  g_autofree char *name = g_strdup_printf ("store-%u-seed%u.db", CHQ_BENCH_COURSES,
                                           CHQ_BENCH_SEED);
  g_autofree char *path = g_build_filename (chq_bench_data_dir (), name, NULL);
  g_autofree char *partial = NULL;
  g_autofree char *outbox_path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *account_key = NULL;
  g_autoptr(ChqSandbox) sandbox = NULL;
  g_autoptr(ChqClient) client = NULL;
  g_autoptr(ChqStore) store = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(ChqSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Waiter waiter = { NULL, FALSE };
  sqlite3 *db = NULL;
  gboolean ok;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  sandbox = chq_bench_sandbox_start (error);
  if (sandbox == NULL)
    return NULL;
  uri = chq_sandbox_dup_uri (sandbox);
  client = chq_bench_client_new (uri, NULL, error);
  if (client == NULL)
    return NULL;

  partial = g_strconcat (path, ".partial", NULL);
  outbox_path = g_build_filename (chq_bench_data_dir (), "outbox-fixture.db", NULL);
  remove_db (partial);
  remove_db (outbox_path);
  store = chq_store_open (partial, error);
  if (store == NULL)
    return NULL;
  outbox = chq_outbox_open (outbox_path, error);
  if (outbox == NULL)
    return NULL;
  account_key = chq_outbox_account_key (uri, CHQ_BENCH_ENTERPRISE);
  sync = chq_sync_new (client, store, outbox, account_key);
  chq_sync_run_async (sync, NULL, on_sync_done_cb, &waiter);
  chq_bench_wait (&waiter.done);
  result = waiter.result;
  ok = chq_sync_run_finish (sync, result, error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (!ok)
    return NULL;

  g_clear_object (&sync);
  g_clear_object (&outbox);
  g_clear_object (&store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_db (outbox_path);
  chq_sandbox_stop (sandbox);

  /* Everything into the main file before it is renamed: a connection still open somewhere
   * would keep the last pages in the write-ahead log, which the rename leaves behind. */
  if (sqlite3_open (partial, &db) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not checkpoint %s: %s",
                   partial, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_close (db);

  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not rename %s: %s", partial, g_strerror (saved_errno));
      return NULL;
    }

  remove_db (partial);

  return g_steal_pointer (&path);
}

static gboolean
write_file (const char  *dir,
            const char  *name,
            const char  *contents,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not make %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_file_set_contents (path, contents, -1, error);
}

static gboolean
remove_tree (GFile   *file,
             GError **error)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  g_autoptr(GError) local = NULL;

  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        if (!remove_tree (child, error))
          return FALSE;
    }

  if (!g_file_delete (file, NULL, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_bench_app_launcher:
 * @root: a folder of this run (emptied first)
 * @store_path: (nullable): a store to copy in as the account's cache, %NULL for none
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a launcher whose environment makes the app open the
 *   account CHQ_BENCH_ENTERPRISE at CHQ_BENCH_APP_SERVICE with settings in a key file, and
 *   its caches, data and settings under @root
 */
GSubprocessLauncher *
chq_bench_app_launcher (const char  *root,
                        const char  *store_path,
                        GError     **error)
{
  g_autoptr(GFile) root_file = g_file_new_for_path (root);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *cache = g_build_filename (root, "cache", NULL);
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *settings_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *group = NULL;
  g_autofree char *keyfile = NULL;

  if (!remove_tree (root_file, error))
    return NULL;

  /* The key file backend names a group by the schema's path without its slashes around. */
  group = g_strdelimit (g_strdup (APP_ID), ".", '/');
  keyfile = g_strdup_printf ("[%s]\nservice-address='%s'\nenterprise-number='%s'\n",
                             group, CHQ_BENCH_APP_SERVICE, CHQ_BENCH_ENTERPRISE);
  if (!write_file (settings_dir, "keyfile", keyfile, error) ||
      !write_file (data, ".keep", "", error) ||
      !write_file (cache, ".keep", "", error))
    return NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);

  if (store_path != NULL)
    {
      /* The store's file name for that account, in the child's cache folder. */
      g_autofree char *ours = chq_store_path_for (CHQ_BENCH_APP_SERVICE, CHQ_BENCH_ENTERPRISE);
      g_autofree char *base = g_path_get_basename (ours);
      g_autofree char *dir = g_build_filename (cache, "chequier", NULL);
      g_autofree char *target = g_build_filename (dir, base, NULL);
      g_autoptr(GFile) source_file = g_file_new_for_path (store_path);
      g_autoptr(GFile) target_file = g_file_new_for_path (target);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not make %s: %s", dir, g_strerror (saved_errno));
          return NULL;
        }
      if (!g_file_copy (source_file, target_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL,
                        error))
        return NULL;
    }

  return g_steal_pointer (&launcher);
}

/**
 * chq_bench_peak_rss_kib:
 *
 * Returns: the peak resident set size of this process (VmHWM) in KiB, 0 if unknown
 */
gint64
chq_bench_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

/**
 * chq_bench_parse_field:
 * @line: words like "first-frame monotonic_us=123 peak_rss_kib=456"
 * @key: a key
 *
 * Returns: the number after "@key=", NAN when @line has none
 */
double
chq_bench_parse_field (const char *line,
                       const char *key)
{
  g_autofree char *needle = g_strconcat (key, "=", NULL);
  const char *p = line;
  gsize len = strlen (needle);

  while ((p = strstr (p, needle)) != NULL)
    {
      if (p == line || p[-1] == ' ')
        {
          char *end = NULL;
          double value = g_ascii_strtod (p + len, &end);

          return end != p + len ? value : NAN;
        }
      p += len;
    }

  return NAN;
}
