/* test-crash.c: killed at random moments, the outbox still applies each intent once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parent runs the sandbox (with a database file) and starts this same binary as a
 * child with --crash-child: the child queues orders in the outbox and syncs. The parent
 * kills it with SIGKILL at random moments, 20 times, restarting it each time, then lets
 * a last child finish. The server must then hold exactly one order per outbox entry.
 */
#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "chq-test-sync-utils.h"
#include "chq-test-clock.h"

#define N_INTENTS 60
#define N_KILLS   20
#define PER_LIFE  3

/* The child: queue up to max_new intents (each committed before it counts), syncing
 * after each and then again and again, so a kill lands anywhere: while queuing, sending,
 * downloading or writing the store. Exits 0 once N_INTENTS exist and all are sent. */
static int
crash_child_main (const char *uri,
                  const char *outbox_path,
                  guint       max_new)
{
  guint added = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqClient) client = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(ChqStore) store = NULL;
  g_autoptr(ChqSync) sync = NULL;
  g_autofree char *account_key = chq_outbox_account_key (uri, TEST_ENTERPRISE);
  g_autofree char *store_path = chq_store_path_for (uri, TEST_ENTERPRISE);

  outbox = chq_outbox_open (outbox_path, &error);
  if (outbox == NULL)
    g_error ("Child could not open the outbox: %s", error->message);
  store = chq_store_open (store_path, &error);
  if (store == NULL)
    g_error ("Child could not open the store: %s", error->message);
  client = test_client_new_signed_in (uri);
  sync = chq_sync_new (client, store, outbox, account_key);
  chq_sync_set_current_year (sync, TEST_YEAR);

  for (;;)
    {
      g_autoptr(GPtrArray) all = chq_outbox_list (outbox, account_key, CHQ_OUTBOX_STATES_ALL);

      if (all->len < N_INTENTS && added < max_new)
        {
          g_autoptr(JsonNode) payload =
            json_from_string ("{\"voucher_type\":\"cf\",\"quantity\":1}", NULL);

          if (chq_outbox_add (outbox, account_key, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL,
                              payload, &error) == 0)
            g_error ("Child could not queue: %s", error->message);
          added++;
        }

      if (!test_sync_run (sync, &error))
        {
          g_printerr ("Child sync stopped: %s\n", error->message);
          g_clear_error (&error);
        }

      if (all->len >= N_INTENTS && chq_outbox_count_pending (outbox, account_key) == 0)
        return 0;
    }
}

static GPid
spawn_child (const char *self_exe,
             const char *uri,
             const char *outbox_path,
             guint       max_new)
{
  g_autofree char *max_new_text = g_strdup_printf ("%u", max_new);
  const char *argv[] = { self_exe, "--crash-child", uri, outbox_path, max_new_text, NULL };

  return test_spawn_child (argv);
}

/* Waits for the child (the sandbox answers it from its own thread meanwhile). */
static int
wait_child (GPid pid)
{
  int status = -1;

  g_child_watch_add (pid, test_on_child_exit_cb, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);

  return status;
}

static void
test_crash_kill_restart (void)
{
  g_autofree char *db_path = g_build_filename (g_get_user_data_dir (), "sandbox.db", NULL);
  g_autofree char *outbox_path = chq_outbox_default_path ();
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(ChqSandbox) sandbox = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) order_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *account_key = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  /* A rate limit high enough not to slow the children's bursts of runs to a crawl; some
   * latency so that runs last long enough to be cut anywhere. */
  ChqSandboxOptions options = {
    .db_path = db_path, .today = TEST_TODAY, .seed = 7, .rate_limit = 100000,
    .latency_ms = 15,
  };
  guint orders_before, killed_while_running = 0, resent = 0;
  int status;

  g_assert_nonnull (self_exe);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  sandbox = chq_sandbox_new (&options);
  chq_sandbox_start (sandbox, &error);
  test_clock_follow (sandbox);
  g_assert_no_error (error);
  uri = chq_sandbox_dup_uri (sandbox);
  account_key = chq_outbox_account_key (uri, TEST_ENTERPRISE);
  orders_before = test_count_server_orders (uri);

  for (guint round = 0; round < N_KILLS; round++)
    {
      GPid pid = spawn_child (self_exe, uri, outbox_path, PER_LIFE);

      if (test_kill_child_after (pid, g_rand_int_range (rand, 40, 350)))
        killed_while_running++;
    }
  g_test_message ("%u of %u children were killed while running", killed_while_running,
                  N_KILLS);
  g_assert_cmpuint (killed_while_running, >, N_KILLS / 2);

  /* A last child, left alone, finishes the work. */
  status = wait_child (spawn_child (self_exe, uri, outbox_path, N_INTENTS));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* One order on the server per intent in the outbox, each answered once. */
  outbox = chq_outbox_open (outbox_path, &error);
  g_assert_no_error (error);
  entries = chq_outbox_list (outbox, account_key, CHQ_OUTBOX_STATES_ALL);
  g_assert_cmpuint (entries->len, ==, N_INTENTS);
  for (guint i = 0; i < entries->len; i++)
    {
      ChqOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(JsonNode) answer = chq_outbox_entry_dup_result (entry);
      const char *id;

      g_assert_cmpint (chq_outbox_entry_get_state (entry), ==, CHQ_OUTBOX_STATE_SENT);
      if (chq_outbox_entry_get_attempts (entry) > 1)
        resent++;
      g_assert_nonnull (answer);
      id = json_object_get_string_member (json_node_get_object (answer), "id");
      g_assert_nonnull (id);
      g_assert_true (g_hash_table_add (order_ids, g_strdup (id)));
    }
  g_test_message ("%u entries were sent again after a kill or a failed attempt", resent);
  g_assert_cmpuint (test_count_server_orders (uri), ==, orders_before + N_INTENTS);

  chq_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--crash-child"))
    return crash_child_main (argv[2], argv[3], (guint) g_ascii_strtoull (argv[4], NULL, 10));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/kill-restart", test_crash_kill_restart);

  return g_test_run ();
}
