/* chq-test-sync-utils.c: a signed-in client, a store and an outbox against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "chq-test-sync-utils.h"

typedef struct {
  GAsyncResult *result;
} Waiter;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  while (waiter->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return waiter->result;
}

/* A client signed in to the demo SME, retrying fast so that tests stay short. */
ChqClient *
test_client_new_signed_in (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqClient) client = chq_client_new (uri, &error);
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *token = NULL;
  Waiter waiter = { NULL };

  g_assert_no_error (error);
  chq_client_set_retry_policy (client, 8, 20, 200);

  /* Signing in carries no idempotency key, so the client does not retry it: do it here
   * when the server is merely busy. */
  for (guint attempt = 0; account == NULL; attempt++)
    {
      g_clear_error (&error);
      g_clear_object (&result);
      waiter.result = NULL;
      chq_client_sign_in_async (client, TEST_ENTERPRISE, TEST_PASSWORD, NULL, on_done_cb,
                                &waiter);
      result = wait_for (&waiter);
      account = chq_client_sign_in_finish (client, result, &token, NULL, &error);
      if (account == NULL && (!chq_client_error_is_transient (error) || attempt > 50))
        break;
      if (account == NULL)
        g_usleep (100 * 1000);
    }
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_nonnull (token);

  return g_steal_pointer (&client);
}

/**
 * test_sync_run:
 *
 * One sync run, waited for on the default main context; then the idle callbacks it left
 * (the store's `changed`) are dispatched too.
 */
gboolean
test_sync_run (ChqSync  *sync,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  Waiter waiter = { NULL };
  gboolean ok;

  chq_sync_run_async (sync, NULL, on_done_cb, &waiter);
  result = wait_for (&waiter);
  ok = chq_sync_run_finish (sync, result, error);
  test_iterate_pending ();

  return ok;
}

void
test_iterate_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The number of live courses the server has: the whole feed from the start, through a
 * fresh client, minus deletions it reports. */
guint
test_count_server_courses (const char *uri)
{
  g_autoptr(ChqClient) client = test_client_new_signed_in (uri);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *since = NULL;
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ChqCoursesPage) page = NULL;
      Waiter waiter = { NULL };

      chq_client_list_courses_async (client, since, 1000, NULL, NULL, on_done_cb, &waiter);
      result = wait_for (&waiter);
      page = chq_client_list_courses_finish (client, result, NULL, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < page->items->len; i++)
        g_hash_table_add (ids, g_strdup (chq_course_get_id (g_ptr_array_index (page->items, i))));
      for (guint i = 0; page->deleted[i] != NULL; i++)
        g_hash_table_remove (ids, page->deleted[i]);

      g_free (since);
      since = g_strdup (page->next);
      more = page->more;
    }

  return g_hash_table_size (ids);
}

/* The id of the index-th course of the feed's first page. */
char *
test_dup_server_course_id (const char *uri,
                           guint       index)
{
  g_autoptr(ChqClient) client = test_client_new_signed_in (uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqCoursesPage) page = NULL;
  Waiter waiter = { NULL };

  chq_client_list_courses_async (client, NULL, 100, NULL, NULL, on_done_cb, &waiter);
  result = wait_for (&waiter);
  page = chq_client_list_courses_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (index, <, page->items->len);

  return g_strdup (chq_course_get_id (g_ptr_array_index (page->items, index)));
}

guint
test_count_server_orders (const char *uri)
{
  g_autoptr(ChqClient) client = test_client_new_signed_in (uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  Waiter waiter = { NULL };

  chq_client_list_orders_async (client, NULL, NULL, on_done_cb, &waiter);
  result = wait_for (&waiter);
  orders = chq_client_list_orders_finish (client, result, NULL, &error);
  g_assert_no_error (error);

  return orders->len;
}

/* Everything the store holds for the UI, as text, in a stable order: what must come out
 * the same whatever path the sync took. Sync bookkeeping (cursor, ETags, last sync) is
 * left out. */
char *
test_dump_store (const char *path)
{
  static const char * const queries[] = {
    "SELECT id, json FROM courses ORDER BY id",
    "SELECT c.id, s.starts_at, s.city FROM course_sessions s JOIN courses c"
    " ON c.rid = s.course_rid ORDER BY c.id, s.starts_at, s.city",
    "SELECT json FROM account",
    "SELECT id, json FROM orders ORDER BY id",
    "SELECT json FROM wallet",
    "SELECT id, json FROM batches ORDER BY id",
    "SELECT id, json FROM workers ORDER BY id",
    "SELECT id, year, json FROM enrolments ORDER BY id",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (dump, "-- %s\n", queries[q]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append (dump, text != NULL ? text : "NULL");
              g_string_append_c (dump, '\t');
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);

  return g_string_free (dump, FALSE);
}

/**
 * test_spawn_child:
 * @argv: the child's command line
 *
 * Starts a child (not reaped: watch it with test_on_child_exit_cb()) with this test's
 * isolated directories, which live in this process only, handed down.
 *
 * Returns: the child's pid
 */
GPid
test_spawn_child (const char * const *argv)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_RUNTIME_DIR", g_get_user_runtime_dir (), TRUE);
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  envp = g_environ_setenv (envp, "G_MESSAGES_DEBUG", "", TRUE);

  g_spawn_async (NULL, (char **) argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                 &error);
  g_assert_no_error (error);

  return pid;
}

/* A GChildWatchFunc: stores the wait status in the int @user_data points to. */
void
test_on_child_exit_cb (GPid     pid,
                       int      status,
                       gpointer user_data)
{
  int *out_status = user_data;

  *out_status = status;
  g_spawn_close_pid (pid);
}

/* A GSourceFunc: sets the gboolean @user_data points to, once. */
static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *fired = user_data;

  *fired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the child @pid run for @ms, then kills it (SIGKILL) if it is still running and
 * reaps it; returns only once @ms have passed. Returns whether it was killed (%FALSE: it
 * ended by itself first). */
gboolean
test_kill_child_after (GPid  pid,
                       guint ms)
{
  gboolean fired = FALSE;
  gboolean killed = FALSE;
  int status = -1;

  g_child_watch_add (pid, test_on_child_exit_cb, &status);
  g_timeout_add (ms, on_timeout_cb, &fired);
  while (!fired && status == -1)
    g_main_context_iteration (NULL, TRUE);

  if (status == -1)
    {
      killed = TRUE;
      kill (pid, SIGKILL);
      while (status == -1)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (WIFSIGNALED (status));
    }
  else
    g_test_message ("Child %d ended by itself (status %d)", (int) pid, status);
  while (!fired)
    g_main_context_iteration (NULL, TRUE);

  return killed;
}
