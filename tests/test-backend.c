/* test-backend.c: one account's backend against the real sandbox: sign in, intents through
 * the outbox, restore from the keyring, sign out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-backend"

#include "config.h"

#include <glib/gstdio.h>

#include "chq-backend.h"
#include "chq-client.h"
#include "chq-sandbox.h"
#include "chq-order.h"
#include "chq-test-clock.h"

#define DEMO_SME "0123456749"

typedef struct {
  ChqSandbox *sandbox;
  char       *uri;
  char       *tmpdir;
  char       *outbox_path;
  char       *data_key;      /* a fresh one per test: keyring entries are shared */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ChqSandboxOptions options = { .today = "2026-11-28" };
  g_autoptr(GError) error = NULL;
  static guint n;

  f->sandbox = chq_sandbox_new (&options);
  g_assert_true (chq_sandbox_start (f->sandbox, &error));
  test_clock_follow (f->sandbox);
  g_assert_no_error (error);
  f->uri = chq_sandbox_dup_uri (f->sandbox);
  f->tmpdir = g_dir_make_tmp ("chq-backend-XXXXXX", &error);
  g_assert_no_error (error);
  f->outbox_path = g_build_filename (f->tmpdir, "outbox.db", NULL);
  f->data_key = g_strdup_printf ("%s#%u", f->uri, n++);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  chq_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  g_free (f->uri);
  g_free (f->outbox_path);
  g_free (f->data_key);
  g_free (f->tmpdir);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

static ChqBackend *
make_backend (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ChqBackend *backend;

  backend = chq_backend_new (f->uri, f->data_key, DEMO_SME, f->outbox_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backend);
  return backend;
}

static gboolean
sign_in (ChqBackend  *backend,
         const char  *password,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_backend_sign_in_async (backend, password, NULL, store_result_cb, &result);
  return chq_backend_sign_in_finish (backend, wait_for_result (&result), error);
}

static void
run_sync (ChqBackend *backend)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChqSync *sync = chq_backend_get_sync (backend);

  /* A run may be going already (an intent asks for one): wait for it, then run once. */
  while (chq_sync_is_running (sync))
    g_main_context_iteration (NULL, TRUE);
  chq_sync_run_async (sync, NULL, store_result_cb, &result);
  g_assert_true (chq_sync_run_finish (sync, wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_sign_in_and_order (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ChqBackend) backend = make_backend (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  ChqStore *store = chq_backend_get_store (backend);
  gint64 entry;

  g_assert_true (sign_in (backend, "demo", &error));
  g_assert_no_error (error);

  /* The account the service described is cached at once. */
  account = chq_store_get_account (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (chq_account_get_enterprise_number (account), ==, DEMO_SME);

  run_sync (backend);
  g_assert_cmpuint (chq_store_count_courses (store), >, 50);
  before = chq_store_list_orders (store, &error);
  g_assert_no_error (error);

  /* An intent is committed before anything is sent, then sent by the sync. */
  entry = chq_backend_order_vouchers (backend, CHQ_VOUCHER_TYPE_CF, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entry, >, 0);
  g_assert_cmpuint (chq_backend_count_unsent (backend), ==, 1);

  run_sync (backend);
  g_assert_cmpuint (chq_backend_count_unsent (backend), ==, 0);

  after = chq_store_list_orders (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  /* Newest first */
  g_assert_cmpuint (chq_order_get_quantity (g_ptr_array_index (after, 0)), ==, 7);
  g_assert_cmpint (chq_order_get_status (g_ptr_array_index (after, 0)), ==,
                   CHQ_ORDER_STATUS_AWAITING_PAYMENT);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ChqBackend) backend = make_backend (f);
  g_autoptr(GError) error = NULL;

  g_assert_false (sign_in (backend, "not the password", &error));
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_false (chq_client_has_token (chq_backend_get_client (backend)));
}

static gboolean
restore (ChqBackend *backend)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found;

  chq_backend_restore_async (backend, NULL, store_result_cb, &result);
  found = chq_backend_restore_finish (backend, wait_for_result (&result), &error);
  g_assert_no_error (error);
  return found;
}

static void
test_restore_and_sign_out (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqBackend) first = make_backend (f);
  g_autoptr(ChqBackend) second = NULL;
  g_autoptr(ChqBackend) third = NULL;
  g_autoptr(ChqAccount) account = NULL;

  /* Nothing in the keyring before signing in. */
  g_assert_false (restore (first));

  g_assert_true (sign_in (first, "demo", &error));
  run_sync (first);
  g_clear_object (&first);

  /* A later start finds the token, and the cached data is there before any request. */
  second = make_backend (f);
  g_assert_cmpuint (chq_store_count_courses (chq_backend_get_store (second)), >, 50);
  g_assert_true (restore (second));
  g_assert_true (chq_client_has_token (chq_backend_get_client (second)));
  run_sync (second);

  /* An intent waiting when the user signs out stays in the outbox. */
  chq_sync_stop_periodic (chq_backend_get_sync (second));
  g_assert_cmpint (chq_backend_archive_worker (second, "no-such-worker", &error), >, 0);
  g_assert_no_error (error);
  chq_sync_cancel (chq_backend_get_sync (second));
  while (chq_sync_is_running (chq_backend_get_sync (second)))
    g_main_context_iteration (NULL, TRUE);

  chq_backend_sign_out_async (second, NULL, store_result_cb, &result);
  g_assert_true (chq_backend_sign_out_finish (second, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_false (chq_client_has_token (chq_backend_get_client (second)));
  g_assert_cmpuint (chq_store_count_courses (chq_backend_get_store (second)), ==, 0);
  account = chq_store_get_account (chq_backend_get_store (second), &error);
  g_assert_null (account);

  third = make_backend (f);
  g_assert_false (restore (third));
  g_assert_cmpuint (chq_backend_count_unsent (third), >=, 1);
}

static void
test_insecure_address (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqBackend) backend = NULL;

  backend = chq_backend_new ("http://example.org", "http://example.org", DEMO_SME, NULL,
                             &error);
  g_assert_null (backend);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INSECURE_ADDRESS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/backend/sign-in-and-order", Fixture, NULL,
              fixture_set_up, test_sign_in_and_order, fixture_tear_down);
  g_test_add ("/backend/wrong-password", Fixture, NULL,
              fixture_set_up, test_wrong_password, fixture_tear_down);
  g_test_add ("/backend/restore-and-sign-out", Fixture, NULL,
              fixture_set_up, test_restore_and_sign_out, fixture_tear_down);
  g_test_add_func ("/backend/insecure-address", test_insecure_address);

  return g_test_run ();
}
