/* test-faults.c: a full disk and a read-only folder lose no intent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A full disk is simulated without mounting anything: an SQLite auto-extension sets
 * `PRAGMA max_page_count` on every connection the app opens under the test's folders while
 * the disk is "full", so the files cannot grow, exactly as SQLite sees ENOSPC (SQLITE_FULL).
 * A read-only folder is chmod 0500 (files 0400); as root the check runs in a child that
 * drops CAP_DAC_OVERRIDE first, since root ignores modes otherwise.
 */
#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <linux/capability.h>
#include <sqlite3.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "chq-test-sync-utils.h"
#include "chq-test-clock.h"

static gint disk_full;  /* atomic: the auto-extension caps new connections while set */
static sqlite3 *last_opened;  /* the last connection opened under the test's folders */

static int
cap_pages_ext (sqlite3                       *db,
               char                         **error_message,
               const struct sqlite3_api_routines *api)
{
  const char *file = sqlite3_db_filename (db, "main");

  if (file == NULL || file[0] == '\0')
    return SQLITE_OK;
  if (!g_str_has_prefix (file, g_get_user_data_dir ()) &&
      !g_str_has_prefix (file, g_get_user_cache_dir ()))
    return SQLITE_OK;
  last_opened = db;
  if (!g_atomic_int_get (&disk_full))
    return SQLITE_OK;

  /* Below the current size means "as big as it is now". */
  sqlite3_exec (db, "PRAGMA max_page_count = 1", NULL, NULL, NULL);
  return SQLITE_OK;
}

static JsonNode *
order_payload (guint quantity)
{
  g_autofree char *text = g_strdup_printf ("{\"voucher_type\":\"cf\",\"quantity\":%u}", quantity);

  return json_from_string (text, NULL);
}

typedef struct {
  ChqOutbox *outbox;
  ChqStore  *store;
  ChqClient *client;
  ChqSync   *sync;
} Session;

static void
session_open (Session    *s,
              const char *uri,
              GError    **error)
{
  g_autofree char *store_path = chq_store_path_for (uri, TEST_ENTERPRISE);
  g_autofree char *outbox_path = chq_outbox_default_path ();
  g_autofree char *account_key = chq_outbox_account_key (uri, TEST_ENTERPRISE);

  memset (s, 0, sizeof *s);
  s->outbox = chq_outbox_open (outbox_path, error);
  if (s->outbox == NULL)
    return;
  s->store = chq_store_open (store_path, error);
  if (s->store == NULL)
    return;
  s->client = test_client_new_signed_in (uri);
  s->sync = chq_sync_new (s->client, s->store, s->outbox, account_key);
  chq_sync_set_current_year (s->sync, TEST_YEAR);
}

static void
session_close (Session *s)
{
  g_clear_object (&s->sync);
  g_clear_object (&s->client);
  g_clear_object (&s->store);
  g_clear_object (&s->outbox);
  test_iterate_pending ();
}

/* Ids and payloads of every entry, in order: what must survive any fault. */
static char *
describe_outbox (ChqOutbox  *outbox,
                 const char *account_key)
{
  g_autoptr(GPtrArray) entries = chq_outbox_list (outbox, account_key, CHQ_OUTBOX_STATES_ALL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      ChqOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT " %s %s\n",
                              chq_outbox_entry_get_id (entry),
                              chq_outbox_entry_get_idempotency_key (entry),
                              chq_outbox_entry_get_payload_json (entry));
    }
  return g_string_free (text, FALSE);
}

static void
test_disk_full (void)
{
  ChqSandboxOptions options = { .today = TEST_TODAY, .seed = 3, .rate_limit = 100000 };
  g_autoptr(ChqSandbox) sandbox = chq_sandbox_new (&options);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *account_key = NULL;
  g_autofree char *before = NULL;
  Session s;
  guint orders_before, queued = 3, added_while_full = 0;
  gboolean refused = FALSE;

  chq_sandbox_start (sandbox, &error);
  test_clock_follow (sandbox);
  g_assert_no_error (error);
  uri = chq_sandbox_dup_uri (sandbox);
  account_key = chq_outbox_account_key (uri, TEST_ENTERPRISE);
  orders_before = test_count_server_orders (uri);

  /* A synced store and three intents waiting, on a disk with room. */
  session_open (&s, uri, &error);
  g_assert_no_error (error);
  g_assert_true (test_sync_run (s.sync, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < queued; i++)
    {
      g_autoptr(JsonNode) payload = order_payload (1 + i);

      g_assert_cmpint (chq_outbox_add (s.outbox, account_key, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL,
                                       payload, &error), >, 0);
      g_assert_no_error (error);
    }
  session_close (&s);

  /* The disk fills up. Queuing goes on until SQLite says the disk is full; the refusal is
   * a message for the user, and nothing committed before it is lost. */
  g_atomic_int_set (&disk_full, TRUE);
  session_open (&s, uri, &error);
  g_assert_no_error (error);
  before = describe_outbox (s.outbox, account_key);
  for (guint i = 0; i < 5000 && !refused; i++)
    {
      g_autoptr(JsonNode) payload = order_payload (1);
      gint64 id = chq_outbox_add (s.outbox, account_key, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL,
                                  payload, &error);

      if (id > 0)
        {
          added_while_full++;
          continue;
        }
      refused = TRUE;
      g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_DATABASE);
      g_assert_nonnull (strstr (error->message, "disk"));
      g_test_message ("Refused after %u more: %s", added_while_full, error->message);
      g_clear_error (&error);
    }
  g_assert_true (refused);
  {
    g_autofree char *after = describe_outbox (s.outbox, account_key);

    g_assert_true (g_str_has_prefix (after, before));
  }

  /* A sync on the full disk: the service may apply an order whose "sent" mark cannot be
   * written; the entry stays waiting and its key makes the resend harmless. */
  if (!test_sync_run (s.sync, &error))
    {
      g_test_message ("Sync on a full disk: %s", error->message);
      g_assert_cmpuint (strlen (error->message), >, 0);
      g_clear_error (&error);
    }
  session_close (&s);

  /* Room again: everything is there, everything goes out, each exactly once. */
  g_atomic_int_set (&disk_full, FALSE);
  session_open (&s, uri, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) all = chq_outbox_list (s.outbox, account_key, CHQ_OUTBOX_STATES_ALL);

    g_assert_cmpuint (all->len, ==, queued + added_while_full);
  }
  for (guint i = 0; i < 20 && chq_outbox_count_pending (s.outbox, account_key) > 0; i++)
    if (!test_sync_run (s.sync, &error))
      g_clear_error (&error);
  g_assert_true (test_sync_run (s.sync, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chq_outbox_count_pending (s.outbox, account_key), ==, 0);
  g_assert_cmpuint (test_count_server_orders (uri), ==, orders_before + queued + added_while_full);

  /* And the store is what a clean sync makes. */
  {
    g_autofree char *clean_path = g_build_filename (g_get_user_cache_dir (), "clean.db", NULL);
    g_autofree char *clean_outbox_path = g_build_filename (g_get_user_data_dir (), "clean-outbox.db",
                                                           NULL);
    g_autoptr(ChqStore) clean = chq_store_open (clean_path, &error);
    g_autoptr(ChqOutbox) clean_outbox = chq_outbox_open (clean_outbox_path, &error);
    g_autoptr(ChqSync) clean_sync = chq_sync_new (s.client, clean, clean_outbox, account_key);
    g_autofree char *ours = NULL;
    g_autofree char *theirs = NULL;

    g_assert_no_error (error);
    chq_sync_set_current_year (clean_sync, TEST_YEAR);
    g_assert_true (test_sync_run (clean_sync, &error));
    g_assert_no_error (error);
    ours = test_dump_store (chq_store_get_path (s.store));
    theirs = test_dump_store (clean_path);
    g_assert_cmpstr (ours, ==, theirs);
  }

  session_close (&s);
  chq_sandbox_stop (sandbox);
}

/* Root ignores file modes; drop the capabilities that let it, in this process only. */
static void
drop_root_overrides (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[2] = { { 0 } };

  if (geteuid () != 0)
    return;
  g_assert_cmpint (syscall (SYS_capget, &header, data), ==, 0);
  data[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH) |
                         (1u << CAP_FOWNER));
  g_assert_cmpint (syscall (SYS_capset, &header, data), ==, 0);
}

static void
set_tree_mode (const char *dir,
               int         dir_mode,
               int         file_mode)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_chmod (path, file_mode), ==, 0);
    }
  g_assert_cmpint (g_chmod (dir, dir_mode), ==, 0);
}

#define RO_URI "https://api.example.be"

static void
test_read_only (void)
{
  g_autofree char *outbox_path = chq_outbox_default_path ();
  g_autofree char *outbox_dir = g_path_get_dirname (outbox_path);
  g_autofree char *store_path = chq_store_path_for (RO_URI, TEST_ENTERPRISE);
  g_autofree char *store_dir = g_path_get_dirname (store_path);
  g_autofree char *account_key = chq_outbox_account_key (RO_URI, TEST_ENTERPRISE);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(ChqOutbox) outbox = NULL;
      g_autoptr(ChqStore) store = NULL;
      g_autoptr(ChqOutbox) elsewhere = NULL;
      g_autofree char *probe = g_build_filename (outbox_dir, "probe", NULL);

      drop_root_overrides ();
      /* The modes hold for this process now (else the test would prove nothing). */
      g_assert_false (g_file_set_contents (probe, "x", 1, NULL));

      /* Each layer says what is wrong and what to do, and touches nothing. */
      outbox = chq_outbox_open (outbox_path, &error);
      g_assert_null (outbox);
      g_assert_nonnull (error);
      g_test_message ("Outbox: %s", error->message);
      g_assert_nonnull (strstr (error->message, "permission"));
      g_clear_error (&error);

      store = chq_store_open (store_path, &error);
      g_assert_null (store);
      g_assert_nonnull (error);
      g_test_message ("Store: %s", error->message);
      g_assert_cmpuint (strlen (error->message), >, 20);
      return;
    }

  /* An outbox with three waiting intents and a cache, closed cleanly. */
  {
    g_autoptr(ChqOutbox) outbox = chq_outbox_open (outbox_path, &error);
    g_autoptr(ChqStore) store = chq_store_open (store_path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(JsonNode) payload = order_payload (1 + i);

        g_assert_cmpint (chq_outbox_add (outbox, account_key, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL,
                                         payload, &error), >, 0);
      }
    before = describe_outbox (outbox, account_key);
  }

  set_tree_mode (outbox_dir, 0500, 0400);
  set_tree_mode (store_dir, 0500, 0400);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  set_tree_mode (outbox_dir, 0700, 0600);
  set_tree_mode (store_dir, 0700, 0600);
  g_test_trap_assert_passed ();

  /* Writable again: the same entries, nothing lost or changed. */
  {
    g_autoptr(ChqOutbox) outbox = chq_outbox_open (outbox_path, &error);
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    after = describe_outbox (outbox, account_key);
    g_assert_cmpstr (after, ==, before);
  }
}

static char *
pragma_text (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Power loss: what the connections the app opens are set to (read on those connections:
 * synchronous is per connection). The outbox waits for the disk at every commit, so an
 * intent the user was told is saved survives; the cache, which a sync rebuilds, may lose
 * its last commits but never its consistency. */
static void
test_power_loss_settings (void)
{
  g_autofree char *outbox_path = chq_outbox_default_path ();
  g_autofree char *store_path = chq_store_path_for (RO_URI, TEST_ENTERPRISE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(ChqStore) store = NULL;
  sqlite3 *db;

  last_opened = NULL;
  outbox = chq_outbox_open (outbox_path, &error);
  g_assert_no_error (error);
  db = last_opened;
  g_assert_nonnull (db);
  g_assert_cmpstr (sqlite3_db_filename (db, "main"), ==, outbox_path);
  {
    g_autofree char *journal = pragma_text (db, "PRAGMA journal_mode");
    g_autofree char *synchronous = pragma_text (db, "PRAGMA synchronous");

    g_assert_cmpstr (journal, ==, "wal");
    g_assert_cmpstr (synchronous, ==, "2");  /* FULL */
  }

  last_opened = NULL;
  store = chq_store_open (store_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (last_opened);
  {
    g_autofree char *journal = pragma_text (last_opened, "PRAGMA journal_mode");
    g_autofree char *synchronous = pragma_text (last_opened, "PRAGMA synchronous");

    g_assert_cmpstr (journal, ==, "wal");
    g_assert_cmpstr (synchronous, ==, "1");  /* NORMAL */
  }
}

/* A server that answers one byte at a time, forever: each read succeeds before the
 * client's read timeout, so only a deadline for the whole answer ends it. */
static gboolean
on_trickle_run_cb (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source_object,
                   gpointer                user_data)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Length: 1000000\r\n\r\n[";
  char request[4096];

  /* Read the request head, then trickle. */
  if (g_input_stream_read (in, request, sizeof request, NULL, NULL) <= 0 ||
      !g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL))
    return TRUE;
  for (guint i = 0; i < 1000; i++)
    {
      g_usleep (300 * 1000);
      if (!g_output_stream_write_all (out, "0,", 2, NULL, NULL, NULL) ||
          !g_output_stream_flush (out, NULL, NULL))
        break;
    }
  return TRUE;
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

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

static void
test_trickling_server (void)
{
  g_autoptr(GSocketService) service = g_threaded_socket_service_new (4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ChqClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  Waiter waiter = { NULL };
  guint16 port;
  gint64 started;
  double seconds;
  guint deadline;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "run", G_CALLBACK (on_trickle_run_cb), NULL);
  g_socket_service_start (service);
  uri = g_strdup_printf ("http://127.0.0.1:%u", port);

  client = chq_client_new (uri, &error);
  g_assert_no_error (error);
  chq_client_set_token (client, "t");
  chq_client_set_timeout (client, 1);
  chq_client_set_retry_policy (client, 1, 10, 10);

  /* Allowed: well past the 1 s read timeout; the answer alone would take 2.5 days. */
  started = g_get_monotonic_time ();
  deadline = g_timeout_add_seconds (8, on_deadline_cb, cancellable);
  chq_client_send_async (client, "GET", "/v1/orders", NULL, NULL, NULL, cancellable, on_done_cb,
                         &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = waiter.result;
  node = chq_client_send_finish (client, result, NULL, &error);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_assert_null (node);
  g_assert_nonnull (error);
  g_test_message ("After %.1f s: %s", seconds, error->message);

  /* The whole answer has a deadline (four times the read timeout), not only each read. */
  g_source_remove (deadline);
  g_assert_true (g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_TIMED_OUT));
  g_assert_cmpfloat (seconds, >=, 3);
  g_assert_cmpfloat (seconds, <, 8);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sqlite3_auto_extension ((void (*) (void)) cap_pages_ext);

  g_test_add_func ("/faults/disk-full", test_disk_full);
  g_test_add_func ("/faults/read-only", test_read_only);
  g_test_add_func ("/faults/trickling-server", test_trickling_server);
  g_test_add_func ("/faults/power-loss-settings", test_power_loss_settings);

  return g_test_run ();
}
