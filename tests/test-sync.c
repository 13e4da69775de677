/* test-sync.c: the sync engine against the real sandbox server on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include "chq-test-sync-utils.h"
#include "chq-test-clock.h"

/* Requests of a run with an empty outbox and a course feed of one page: account, courses,
 * orders, wallet, workers, enrolments of this year and the last. */
#define REQUESTS_PER_QUIET_RUN 8

typedef struct {
  char       *db_path;
  ChqSandbox *sandbox;
  char       *uri;
  ChqClient  *client;
  char       *store_path;
  ChqStore   *store;
  ChqOutbox  *outbox;
  char       *account_key;
  ChqSync    *sync;
  guint       n_changed;
} Fixture;

static void
on_store_changed_cb (ChqStore   *store,
                     const char *collection,
                     Fixture    *fx)
{
  fx->n_changed++;
}

typedef struct {
  double     last_fraction;
  gboolean   went_back;
  gboolean   saw_courses;
  guint      n_notifies;
} Progress;

static void
on_fraction_notify_cb (ChqSync    *sync,
                       GParamSpec *pspec,
                       Progress   *progress)
{
  double fraction = chq_sync_get_fraction (sync);

  /* A run starts at 0; within it the fraction only grows. */
  if (fraction < progress->last_fraction && fraction != 0.0)
    progress->went_back = TRUE;
  progress->last_fraction = fraction;
  progress->n_notifies++;
}

static void
on_activity_notify_cb (ChqSync    *sync,
                       GParamSpec *pspec,
                       Progress   *progress)
{
  if (g_str_has_prefix (chq_sync_get_activity (sync), "Downloading courses ("))
    progress->saw_courses = TRUE;
}

static ChqSandbox *
start_sandbox (const char *db_path,
               guint16     port,
               guint       n_courses)
{
  ChqSandboxOptions options = {
    .db_path = db_path,
    .port = port,
    .today = TEST_TODAY,
    .n_courses = n_courses,
    .seed = 42,
  };
  g_autoptr(ChqSandbox) sandbox = chq_sandbox_new (&options);
  g_autoptr(GError) error = NULL;

  chq_sandbox_start (sandbox, &error);
  test_clock_follow (sandbox);
  g_assert_no_error (error);

  return g_steal_pointer (&sandbox);
}

static ChqSync *
new_sync (Fixture   *fx,
          ChqClient *client,
          ChqStore  *store)
{
  ChqSync *sync = chq_sync_new (client, store, fx->outbox, fx->account_key);

  chq_sync_set_current_year (sync, TEST_YEAR);
  return sync;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  guint n_courses = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *outbox_path = chq_outbox_default_path ();

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  fx->db_path = g_build_filename (g_get_user_data_dir (), "sandbox.db", NULL);
  fx->sandbox = start_sandbox (fx->db_path, 0, n_courses);
  fx->uri = chq_sandbox_dup_uri (fx->sandbox);
  fx->client = test_client_new_signed_in (fx->uri);

  fx->store_path = chq_store_path_for (fx->uri, TEST_ENTERPRISE);
  fx->store = chq_store_open (fx->store_path, &error);
  g_assert_no_error (error);
  g_signal_connect (fx->store, "changed", G_CALLBACK (on_store_changed_cb), fx);

  fx->outbox = chq_outbox_open (outbox_path, &error);
  g_assert_no_error (error);
  fx->account_key = chq_outbox_account_key (fx->uri, TEST_ENTERPRISE);
  fx->sync = new_sync (fx, fx->client, fx->store);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->sync);
  g_clear_object (&fx->client);
  g_clear_object (&fx->outbox);
  test_iterate_pending ();
  g_clear_object (&fx->store);
  if (fx->sandbox != NULL)
    chq_sandbox_stop (fx->sandbox);
  g_clear_object (&fx->sandbox);
  g_clear_pointer (&fx->uri, g_free);
  g_clear_pointer (&fx->db_path, g_free);
  g_clear_pointer (&fx->store_path, g_free);
  g_clear_pointer (&fx->account_key, g_free);
}

static gint64
add_order (Fixture    *fx,
           const char *type,
           guint       quantity)
{
  g_autofree char *text = g_strdup_printf ("{\"voucher_type\":\"%s\",\"quantity\":%u}",
                                           type, quantity);
  g_autoptr(JsonNode) payload = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = chq_outbox_add (fx->outbox, fx->account_key, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL,
                       payload, &error);
  g_assert_no_error (error);
  return id;
}

static ChqOutboxState
entry_state (Fixture *fx,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutboxEntry) entry = chq_outbox_get_entry (fx->outbox, id, &error);

  g_assert_no_error (error);
  return chq_outbox_entry_get_state (entry);
}

/* Full sync of the demo data and 5,000 generated courses, a delta after the server
 * changed courses, then a sync with nothing new: one request per collection, all 304. */
static void
test_sync_full_delta_not_modified (Fixture       *fx,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) workers = NULL;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(ChqCourse) edited = NULL;
  g_autoptr(ChqCourse) deleted = NULL;
  g_autoptr(ChqCourse) added = NULL;
  g_autofree char *added_id = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  guint server_count, requests, served;

  g_autoptr(ChqSync) again = NULL;
  Progress progress = { 0, };

  g_assert_null (chq_sync_get_last_success (fx->sync));
  g_assert_null (chq_store_get_cursor (fx->store));

  g_signal_connect (fx->sync, "notify::fraction", G_CALLBACK (on_fraction_notify_cb),
                    &progress);
  g_signal_connect (fx->sync, "notify::activity", G_CALLBACK (on_activity_notify_cb),
                    &progress);
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_false (progress.went_back);
  g_assert_true (progress.saw_courses);
  g_assert_cmpuint (progress.n_notifies, >, 8);
  g_signal_handlers_disconnect_by_data (fx->sync, &progress);
  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_IDLE);
  g_assert_cmpfloat (chq_sync_get_fraction (fx->sync), ==, 1.0);
  g_assert_cmpstr (chq_sync_get_activity (fx->sync), ==, "");
  g_assert_null (chq_sync_get_error_message (fx->sync));
  g_assert_nonnull (chq_sync_get_last_success (fx->sync));

  /* The time of the last success is kept in the store: known at once next time. */
  again = new_sync (fx, fx->client, fx->store);
  g_assert_nonnull (chq_sync_get_last_success (again));
  g_assert_true (g_date_time_equal (chq_sync_get_last_success (again),
                                    chq_sync_get_last_success (fx->sync)));

  server_count = test_count_server_courses (fx->uri);
  g_assert_cmpuint (server_count, >, 5000);
  g_assert_cmpuint (chq_store_count_courses (fx->store), ==, server_count);
  account = chq_store_get_account (fx->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  orders = chq_store_list_orders (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, test_count_server_orders (fx->uri));
  workers = chq_store_list_workers (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workers->len, >, 0);
  {
    g_autofree char *etag = chq_store_get_etag (fx->store, CHQ_STORE_COURSES);
    g_assert_nonnull (etag);
  }

  /* The server adds, edits and deletes; a delta sync brings exactly that. */
  first_id = test_dup_server_course_id (fx->uri, 0);
  second_id = test_dup_server_course_id (fx->uri, 1);
  {
    g_autoptr(ChqCourse) present = chq_store_get_course (fx->store, second_id, NULL);

    g_assert_nonnull (present);
  }
  added_id = chq_sandbox_add_course (fx->sandbox, "Atelier IA générative pour PME");
  g_assert_nonnull (added_id);
  g_assert_true (chq_sandbox_update_course (fx->sandbox, first_id, "Titre modifié par le test"));
  g_assert_true (chq_sandbox_delete_course (fx->sandbox, second_id));

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chq_store_count_courses (fx->store), ==, server_count);
  g_assert_cmpuint (chq_store_count_courses (fx->store), ==,
                    test_count_server_courses (fx->uri));
  added = chq_store_get_course (fx->store, added_id, NULL);
  g_assert_nonnull (added);
  g_assert_cmpstr (chq_course_get_title (added), ==, "Atelier IA générative pour PME");
  edited = chq_store_get_course (fx->store, first_id, NULL);
  g_assert_nonnull (edited);
  g_assert_cmpstr (chq_course_get_title (edited), ==, "Titre modifié par le test");
  deleted = chq_store_get_course (fx->store, second_id, NULL);
  g_assert_null (deleted);

  /* Nothing new: one request per collection, each answered 304, nothing written. */
  requests = chq_client_get_request_count (fx->client);
  served = chq_sandbox_get_request_count (fx->sandbox);
  fx->n_changed = 0;
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chq_client_get_request_count (fx->client) - requests, ==,
                    REQUESTS_PER_QUIET_RUN);
  g_assert_cmpuint (chq_sandbox_get_request_count (fx->sandbox) - served, ==,
                    REQUESTS_PER_QUIET_RUN);
  g_assert_cmpuint (fx->n_changed, ==, 0);
  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_IDLE);
}

/* The server goes away: the state says offline, the store still answers, new intents
 * wait; the server comes back on the same database: everything is sent exactly once. */
static void
test_sync_offline (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *new_uri = NULL;
  guint courses, orders_before;
  gint64 ids[3];

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  courses = chq_store_count_courses (fx->store);
  g_assert_cmpuint (courses, >, 0);
  orders_before = test_count_server_orders (fx->uri);
  parsed = g_uri_parse (fx->uri, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);

  chq_sandbox_stop (fx->sandbox);
  g_clear_object (&fx->sandbox);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = add_order (fx, "cf", i + 1);

  g_assert_false (test_sync_run (fx->sync, &error));
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_CANNOT_REACH);
  g_clear_error (&error);
  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_OFFLINE);
  g_assert_nonnull (chq_sync_get_error_message (fx->sync));
  g_assert_nonnull (chq_sync_get_last_success (fx->sync));

  /* Reads are local. */
  g_assert_cmpuint (chq_store_count_courses (fx->store), ==, courses);
  orders = chq_store_list_orders (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, ==, orders_before);

  /* The intents wait, in order, none lost. */
  g_assert_cmpuint (chq_outbox_count_pending (fx->outbox, fx->account_key), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpint (entry_state (fx, ids[i]), ==, CHQ_OUTBOX_STATE_PENDING);

  /* Back, on the same port and database (the session survives). */
  fx->sandbox = start_sandbox (fx->db_path, (guint16) g_uri_get_port (parsed), 0);
  new_uri = chq_sandbox_dup_uri (fx->sandbox);
  g_assert_cmpstr (new_uri, ==, fx->uri);

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_IDLE);
  g_assert_null (chq_sync_get_error_message (fx->sync));
  g_assert_cmpuint (chq_outbox_count_pending (fx->outbox, fx->account_key), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpint (entry_state (fx, ids[i]), ==, CHQ_OUTBOX_STATE_SENT);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, orders_before + 3);

  /* A second run sends nothing again. */
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, orders_before + 3);
  g_clear_pointer (&orders, g_ptr_array_unref);
  orders = chq_store_list_orders (fx->store, &error);
  g_assert_cmpuint (orders->len, ==, orders_before + 3);

  entries = chq_outbox_list (fx->outbox, fx->account_key, CHQ_OUTBOX_STATES_SENT);
  g_assert_cmpuint (entries->len, ==, 3);
}

/* With 30 % of answers 503, 10 % of connections dropped and 50 ms latency, the store ends
 * exactly as a clean sync of the same server leaves it. */
static void
test_sync_faults (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqClient) client = test_client_new_signed_in (fx->uri);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "faulty.db", NULL);
  g_autoptr(ChqStore) store = chq_store_open (path, &error);
  g_autoptr(ChqSync) sync = NULL;

  g_assert_no_error (error);

  /* Few retries per request, so that whole runs fail too and the next run has to pick up
   * where the last one stopped (mid-feed). */
  chq_client_set_retry_policy (client, 3, 20, 200);
  sync = new_sync (fx, client, store);

  /* A full sync, then deltas after the server changed courses. */
  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *clean = NULL;
      g_autofree char *faulty = NULL;
      g_autofree char *added = NULL;
      g_autofree char *title = g_strdup_printf ("Nouveau module IA %u", round);
      guint runs = 0;

      if (round > 0)
        {
          g_autofree char *victim = test_dup_server_course_id (fx->uri, round);
          g_autofree char *edited = test_dup_server_course_id (fx->uri, 10 + round);

          added = chq_sandbox_add_course (fx->sandbox, title);
          g_assert_true (chq_sandbox_update_course (fx->sandbox, edited, title));
          g_assert_true (chq_sandbox_delete_course (fx->sandbox, victim));
        }

      g_assert_true (test_sync_run (fx->sync, &error));
      g_assert_no_error (error);
      clean = test_dump_store (fx->store_path);

      chq_sandbox_set_faults (fx->sandbox, 0.3, 0.1, 50);
      while (!test_sync_run (sync, &error))
        {
          g_test_message ("Faulty run %u stopped: %s", runs, error->message);
          g_assert_cmpint (chq_sync_get_state (sync), !=, CHQ_SYNC_STATE_UNAUTHORIZED);
          g_clear_error (&error);
          g_assert_cmpuint (++runs, <, 40);
        }
      chq_sandbox_set_faults (fx->sandbox, 0, 0, 0);
      g_test_message ("Round %u: %u faulty runs before one went through", round, runs);
      g_assert_cmpint (chq_sync_get_state (sync), ==, CHQ_SYNC_STATE_IDLE);

      faulty = test_dump_store (path);
      g_assert_cmpuint (strlen (faulty), >, 100000);
      g_assert_cmpstr (faulty, ==, clean);
    }
}

static void
on_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

/* The `next` cursor of the feed page after since (NULL: the first page). */
static char *
dup_page_next (ChqClient  *client,
               const char *since)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqCoursesPage) page = NULL;
  g_autoptr(GError) error = NULL;

  chq_client_list_courses_async (client, since, CHQ_SYNC_COURSES_PAGE_SIZE, NULL, NULL,
                                 on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = chq_client_list_courses_finish (client, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_true (page->more);

  return g_strdup (page->next);
}

typedef struct {
  ChqSync *sync;
  guint    n_pages_seen;
  guint    cancel_at;
} CancelAt;

static void
on_cancel_activity_cb (ChqSync    *sync,
                       GParamSpec *pspec,
                       CancelAt   *at)
{
  const char *activity = chq_sync_get_activity (sync);

  if (activity != NULL && g_str_has_prefix (activity, "Downloading courses (") &&
      ++at->n_pages_seen == at->cancel_at)
    chq_sync_cancel (sync);
}

/* The course pages are fetched while the one before is written: cancelled in the middle
 * of the feed (a write and a request on their way), the run ends cancelled once both are
 * done, the store holds whole pages with the cursor of the last one written, and the next
 * run goes on from there to the same store as a clean sync. */
static void
test_sync_cancel_mid_feed (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqClient) client = test_client_new_signed_in (fx->uri);
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "cancelled.db", NULL);
  g_autoptr(ChqStore) store = chq_store_open (path, &error);
  g_autoptr(ChqSync) sync = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *resumed = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *expected = NULL;
  CancelAt at = { NULL, 0, 3 };
  guint n_stored, n_pages;
  gulong handler;

  g_assert_no_error (error);
  g_assert_cmpuint (test_count_server_courses (fx->uri), >, 4 * CHQ_SYNC_COURSES_PAGE_SIZE);

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  clean = test_dump_store (fx->store_path);

  sync = new_sync (fx, client, store);
  at.sync = sync;
  handler = g_signal_connect (sync, "notify::activity", G_CALLBACK (on_cancel_activity_cb),
                              &at);
  g_assert_false (test_sync_run (sync, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_signal_handler_disconnect (sync, handler);
  g_assert_false (chq_sync_is_running (sync));

  /* Whole pages, at most those that had arrived, and the cursor after the last of them. */
  n_stored = chq_store_count_courses (store);
  g_assert_cmpuint (n_stored % CHQ_SYNC_COURSES_PAGE_SIZE, ==, 0);
  n_pages = n_stored / CHQ_SYNC_COURSES_PAGE_SIZE;
  g_test_message ("Cancelled with %u pages stored", n_pages);
  g_assert_cmpuint (n_pages, <=, at.cancel_at);
  cursor = chq_store_get_cursor (store);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *next = dup_page_next (client, expected);

      g_free (expected);
      expected = g_steal_pointer (&next);
    }
  g_assert_cmpstr (cursor, ==, expected);

  g_assert_true (test_sync_run (sync, &error));
  g_assert_no_error (error);
  resumed = test_dump_store (path);
  g_assert_cmpstr (resumed, ==, clean);
}

/* A refused write is failed with the server's words, the next is still sent, and the
 * refused one can be discarded. */
static void
test_sync_refused (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutboxEntry) refused = NULL;
  g_autoptr(ChqOutboxEntry) sent = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *order;
  guint before = test_count_server_orders (fx->uri);
  gint64 too_many, fine;

  too_many = add_order (fx, "cf", 100000);
  fine = add_order (fx, "eco", 2);

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_IDLE);

  refused = chq_outbox_get_entry (fx->outbox, too_many, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_outbox_entry_get_state (refused), ==, CHQ_OUTBOX_STATE_FAILED);
  g_assert_nonnull (chq_outbox_entry_get_error_message (refused));
  g_assert_cmpstr (chq_outbox_entry_get_error_message (refused), !=, "");
  g_assert_nonnull (chq_outbox_entry_get_error_code (refused));
  g_test_message ("Refused: %s (%s, field %s)",
                  chq_outbox_entry_get_error_message (refused),
                  chq_outbox_entry_get_error_code (refused),
                  chq_outbox_entry_get_error_field (refused));

  sent = chq_outbox_get_entry (fx->outbox, fine, &error);
  g_assert_cmpint (chq_outbox_entry_get_state (sent), ==, CHQ_OUTBOX_STATE_SENT);
  answer = chq_outbox_entry_dup_result (sent);
  g_assert_nonnull (answer);
  order = json_node_get_object (answer);
  g_assert_cmpstr (json_object_get_string_member (order, "status"), ==, "awaiting_payment");
  g_assert_cmpint (json_object_get_int_member (order, "quantity"), ==, 2);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before + 1);

  /* Never retried: another run leaves it failed and sends nothing. */
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_cmpint (entry_state (fx, too_many), ==, CHQ_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before + 1);

  g_assert_true (chq_outbox_discard (fx->outbox, too_many, &error));
  g_assert_no_error (error);
  g_clear_object (&refused);
  refused = chq_outbox_get_entry (fx->outbox, too_many, &error);
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_NOT_FOUND);
  g_assert_null (refused);
}

/* An expired session: UNAUTHORIZED, and nothing is lost. */
static void
test_sync_unauthorized (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id;

  g_assert_true (test_sync_run (fx->sync, &error));
  before = test_dump_store (fx->store_path);

  id = add_order (fx, "cf", 1);
  chq_client_set_token (fx->client, "not-a-valid-token");
  g_assert_false (test_sync_run (fx->sync, &error));
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_UNAUTHORIZED);
  g_assert_nonnull (chq_sync_get_error_message (fx->sync));

  entry = chq_outbox_get_entry (fx->outbox, id, &error);
  g_assert_cmpint (chq_outbox_entry_get_state (entry), ==, CHQ_OUTBOX_STATE_PENDING);
  after = test_dump_store (fx->store_path);
  g_assert_cmpstr (after, ==, before);

  /* Signed in again, the same entry goes with the same key. */
  {
    g_autoptr(ChqClient) client = test_client_new_signed_in (fx->uri);
    g_autoptr(ChqSync) sync = new_sync (fx, client, fx->store);

    g_assert_true (test_sync_run (sync, &error));
    g_assert_no_error (error);
    g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_SENT);
  }
}

typedef struct {
  guint n_done;
  guint n_ok;
} Counter;

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Counter *counter = user_data;

  counter->n_done++;
  if (chq_sync_run_finish (CHQ_SYNC (object), result, NULL))
    counter->n_ok++;
}

static void
on_state_notify_cb (ChqSync    *sync,
                    GParamSpec *pspec,
                    guint      *n_syncing)
{
  if (chq_sync_get_state (sync) == CHQ_SYNC_STATE_SYNCING)
    (*n_syncing)++;
}

/* Asking while a run goes makes one more run, never an overlapping one. */
static void
test_sync_coalesce (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Counter counter = { 0, 0 };
  guint n_syncing = 0;
  guint requests;

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);

  requests = chq_client_get_request_count (fx->client);
  g_signal_connect (fx->sync, "notify::state", G_CALLBACK (on_state_notify_cb), &n_syncing);
  chq_sync_run_async (fx->sync, NULL, on_run_done_cb, &counter);
  g_assert_true (chq_sync_is_running (fx->sync));
  chq_sync_run_async (fx->sync, NULL, on_run_done_cb, &counter);
  chq_sync_request (fx->sync);
  chq_sync_run_async (fx->sync, NULL, on_run_done_cb, &counter);

  while (counter.n_done < 3)
    g_main_context_iteration (NULL, TRUE);
  test_iterate_pending ();

  g_assert_cmpuint (counter.n_ok, ==, 3);
  g_assert_false (chq_sync_is_running (fx->sync));
  g_assert_cmpuint (chq_client_get_request_count (fx->client) - requests, ==,
                    2 * REQUESTS_PER_QUIET_RUN);
  g_assert_cmpuint (n_syncing, ==, 2);
}

static void
on_rerun_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Counter *counter = user_data;

  counter->n_done++;
  if (chq_sync_run_finish (CHQ_SYNC (object), result, NULL))
    counter->n_ok++;

  /* The first caller asks again from its callback, while the run it queued is going. */
  if (counter->n_done == 1)
    {
      g_assert_true (chq_sync_is_running (CHQ_SYNC (object)));
      chq_sync_run_async (CHQ_SYNC (object), NULL, on_rerun_done_cb, counter);
    }
}

static void
test_sync_rerun_from_callback (Fixture       *fx,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Counter counter = { 0, 0 };
  guint requests;

  g_assert_true (test_sync_run (fx->sync, &error));
  requests = chq_client_get_request_count (fx->client);

  chq_sync_run_async (fx->sync, NULL, on_rerun_done_cb, &counter);
  chq_sync_run_async (fx->sync, NULL, on_rerun_done_cb, &counter);
  while (counter.n_done < 3)
    g_main_context_iteration (NULL, TRUE);
  test_iterate_pending ();

  g_assert_cmpuint (counter.n_ok, ==, 3);
  g_assert_false (chq_sync_is_running (fx->sync));
  g_assert_cmpuint (chq_client_get_request_count (fx->client) - requests, ==,
                    3 * REQUESTS_PER_QUIET_RUN);
}

/* Cancelling stops the run, keeps what was downloaded and the entry with its key. */
static void
test_sync_cancel (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Counter counter = { 0, 0 };
  gint64 id = add_order (fx, "cf", 1);

  chq_sandbox_set_faults (fx->sandbox, 0, 0, 200);
  chq_sync_run_async (fx->sync, NULL, on_run_done_cb, &counter);
  chq_sync_run_async (fx->sync, NULL, on_run_done_cb, &counter);
  chq_sync_cancel (fx->sync);
  while (counter.n_done < 2)
    g_main_context_iteration (NULL, TRUE);
  chq_sandbox_set_faults (fx->sandbox, 0, 0, 0);

  g_assert_cmpuint (counter.n_ok, ==, 0);
  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_IDLE);
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_PENDING);

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_SENT);
}

static void
on_state_changed_cb (ChqSync    *sync,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  g_main_context_wakeup (NULL);
}

/* Offline, then the network monitor says the network is back: a run starts by itself
 * and sends what waited. Without the periodic mode, the hint is ignored. */
static void
test_sync_network_hint (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) parsed = g_uri_parse (fx->uri, G_URI_FLAGS_NONE, NULL);
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  gint64 id;

  g_assert_true (test_sync_run (fx->sync, &error));
  chq_sandbox_stop (fx->sandbox);
  g_clear_object (&fx->sandbox);
  id = add_order (fx, "cf", 1);
  g_assert_false (test_sync_run (fx->sync, &error));
  g_clear_error (&error);
  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_OFFLINE);

  fx->sandbox = start_sandbox (fx->db_path, (guint16) g_uri_get_port (parsed), 0);

  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  g_assert_false (chq_sync_is_running (fx->sync));

  chq_sync_start_periodic (fx->sync, 60);
  g_assert_false (chq_sync_is_running (fx->sync));
  g_signal_connect (fx->sync, "notify::state", G_CALLBACK (on_state_changed_cb), NULL);
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  g_assert_true (chq_sync_is_running (fx->sync));
  while (chq_sync_is_running (fx->sync))
    g_main_context_iteration (NULL, TRUE);
  test_iterate_pending ();

  g_assert_cmpint (chq_sync_get_state (fx->sync), ==, CHQ_SYNC_STATE_IDLE);
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_SENT);

  /* Online and idle, a hint that changes nothing starts nothing. */
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  g_assert_false (chq_sync_is_running (fx->sync));

  chq_sync_stop_periodic (fx->sync);
  g_signal_handlers_disconnect_by_func (fx->sync, on_state_changed_cb, NULL);
}

/* A cursor the service does not know: the store is emptied and filled again by a full
 * sync, in the same run. */
static void
test_sync_unknown_cursor (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  const char * const no_ids[] = { NULL };
  g_autofree char *cursor = NULL;
  guint count;

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  count = chq_store_count_courses (fx->store);

  g_assert_true (chq_store_apply_courses_page (fx->store, none, no_ids, "not-a-cursor", &error));
  g_assert_no_error (error);
  g_assert_true (chq_store_set_etag (fx->store, CHQ_STORE_COURSES, NULL, &error));

  g_test_expect_message ("chq-sync", G_LOG_LEVEL_WARNING, "*not-a-cursor*");
  g_assert_true (test_sync_run (fx->sync, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (chq_store_count_courses (fx->store), ==, count);
  g_assert_cmpuint (count, ==, test_count_server_courses (fx->uri));
  cursor = chq_store_get_cursor (fx->store);
  g_assert_cmpstr (cursor, !=, "not-a-cursor");
}

/* Only the signed-in account's entries are sent. */
static void
test_sync_other_account (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) payload = json_from_string ("{\"voucher_type\":\"cf\",\"quantity\":1}",
                                                  NULL);
  g_autofree char *other = chq_outbox_account_key (fx->uri, "0987654394");
  guint before = test_count_server_orders (fx->uri);
  gint64 id;

  id = chq_outbox_add (fx->outbox, other, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL, payload, &error);
  g_assert_no_error (error);
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before);
}

static void
test_sync_state_for_error (void)
{
  struct {
    GQuark domain;
    int    code;
    ChqSyncState state;
  } cases[] = {
    { CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_CANNOT_REACH, CHQ_SYNC_STATE_OFFLINE },
    { CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_TIMED_OUT, CHQ_SYNC_STATE_OFFLINE },
    { CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED, CHQ_SYNC_STATE_UNAUTHORIZED },
    { CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_SERVER, CHQ_SYNC_STATE_ERROR },
    { CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_RATE_LIMITED, CHQ_SYNC_STATE_ERROR },
    { CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_TLS, CHQ_SYNC_STATE_ERROR },
    { CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE, CHQ_SYNC_STATE_ERROR },
    { CHQ_STORE_ERROR, CHQ_STORE_ERROR_FAILED, CHQ_SYNC_STATE_ERROR },
    { CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_DATABASE, CHQ_SYNC_STATE_ERROR },
  };

  g_assert_cmpint (chq_sync_state_for_error (NULL), ==, CHQ_SYNC_STATE_IDLE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");

      g_assert_cmpint (chq_sync_state_for_error (error), ==, cases[i].state);
    }
}

/* The idempotency window. The outbox's clock and the sandbox's move together: day 0 is
 * TEST_TODAY at noon in Brussels, whatever the real date. */

static gint64 window_clock_usec;

static gint64
window_clock (gpointer user_data)
{
  return window_clock_usec;
}

static void
set_day (Fixture *fx,
         guint    day)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Brussels");
  g_autoptr(GDateTime) day0 = g_date_time_new (tz, 2026, 11, 28, 12, 0, 0);
  g_autoptr(GDateTime) when = g_date_time_add_days (day0, (int) day);
  g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");

  window_clock_usec = g_date_time_to_unix (when) * G_USEC_PER_SEC;
  chq_outbox_set_clock (fx->outbox, window_clock, NULL);
  g_assert_true (chq_sandbox_set_today (fx->sandbox, date));

  /* Sessions last eight hours on the sandbox's clock: sign in again, as the app would. */
  g_clear_object (&fx->sync);
  g_clear_object (&fx->client);
  fx->client = test_client_new_signed_in (fx->uri);
  fx->sync = new_sync (fx, fx->client, fx->store);
}

/* What a lost answer leaves: the entry marked sending (on the outbox's clock), its request
 * applied by the service under the entry's key, and the answer never recorded. Returns
 * the service's answer, or NULL when @reach is FALSE (the request never arrived). */
static JsonNode *
attempt_and_lose_answer (Fixture  *fx,
                         gint64    id,
                         gboolean  reach)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *path = NULL;
  const char *method;
  gboolean has_body;

  g_assert_true (chq_outbox_mark_sending (fx->outbox, id, &error));
  g_assert_no_error (error);
  if (!reach)
    return NULL;

  entry = chq_outbox_get_entry (fx->outbox, id, &error);
  g_assert_no_error (error);
  g_assert_true (chq_outbox_kind_get_request (chq_outbox_entry_get_kind (entry),
                                              chq_outbox_entry_get_target_id (entry),
                                              &method, &path, &has_body));
  payload = chq_outbox_entry_dup_payload (entry);
  chq_client_send_async (fx->client, method, path,
                         chq_outbox_entry_get_idempotency_key (entry), payload, NULL, NULL,
                         on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return chq_client_send_finish (fx->client, result, NULL, &error);
}

static const char *
result_id (Fixture *fx,
           gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutboxEntry) entry = chq_outbox_get_entry (fx->outbox, id, &error);
  g_autoptr(JsonNode) result = NULL;
  static char text[128];

  g_assert_no_error (error);
  result = chq_outbox_entry_dup_result (entry);
  g_assert_nonnull (result);
  g_strlcpy (text, json_object_get_string_member (json_node_get_object (result), "id"),
             sizeof text);
  return text;
}

/* (a) Sent on day 0, answer lost, sent again on day 32 when the service has forgotten the
 * key: the order is found among the service's orders and the entry is done; no second
 * order is made. */
static void
test_sync_window_found (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *order_id = NULL;
  guint before;
  gint64 id;

  set_day (fx, 0);
  before = test_count_server_orders (fx->uri);
  id = add_order (fx, "cf", 11);
  answer = attempt_and_lose_answer (fx, id, TRUE);
  g_assert_nonnull (answer);
  order_id = g_strdup (json_object_get_string_member (json_node_get_object (answer), "id"));
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before + 1);

  set_day (fx, 32);
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);

  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_SENT);
  g_assert_cmpstr (result_id (fx, id), ==, order_id);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before + 1);
}

/* (b) First tried on day 0 but the request never arrived; on day 32 the order is not on
 * the service: nothing is sent, the user is asked. Sending it again (a new key) then
 * makes the order, once. */
static void
test_sync_window_absent (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autofree char *old_key = NULL;
  guint before;
  gint64 id;

  set_day (fx, 0);
  before = test_count_server_orders (fx->uri);
  id = add_order (fx, "eco", 4);
  g_assert_null (attempt_and_lose_answer (fx, id, FALSE));

  set_day (fx, 32);
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);

  entry = chq_outbox_get_entry (fx->outbox, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_outbox_entry_get_state (entry), ==, CHQ_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (chq_outbox_entry_get_error_code (entry), ==, CHQ_OUTBOX_CODE_EXPIRED);
  g_assert_nonnull (strstr (chq_outbox_entry_get_error_message (entry), "30 days"));
  g_assert_cmpuint (chq_outbox_entry_get_attempts (entry), ==, 1);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before);
  old_key = g_strdup (chq_outbox_entry_get_idempotency_key (entry));

  /* Another run does not send it either. */
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before);

  /* The user checked their orders and sends it again: a new key, one order. */
  g_assert_true (chq_outbox_resend (fx->outbox, id, &error));
  g_assert_no_error (error);
  g_clear_object (&entry);
  entry = chq_outbox_get_entry (fx->outbox, id, &error);
  g_assert_cmpstr (chq_outbox_entry_get_idempotency_key (entry), !=, old_key);
  g_assert_null (chq_outbox_entry_get_first_attempt_at (entry));
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_SENT);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before + 1);

  /* Only a refused entry can be sent again. */
  g_assert_false (chq_outbox_resend (fx->outbox, id, &error));
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_WRONG_STATE);
}

/* When the lists cannot be read, nothing is sent and nothing decided: the entry waits,
 * untouched, and the next run looks again. */
static void
test_sync_window_unreachable (Fixture       *fx,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutboxEntry) entry = NULL;
  guint before;
  gint64 id;

  set_day (fx, 0);
  before = test_count_server_orders (fx->uri);
  id = add_order (fx, "cf", 5);
  g_assert_null (attempt_and_lose_answer (fx, id, FALSE));

  set_day (fx, 35);
  chq_client_set_retry_policy (fx->client, 2, 10, 20);
  chq_sandbox_set_faults (fx->sandbox, 1.0, 0, 0);
  g_assert_false (test_sync_run (fx->sync, &error));
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_SERVER);
  g_clear_error (&error);
  chq_sandbox_set_faults (fx->sandbox, 0, 0, 0);

  entry = chq_outbox_get_entry (fx->outbox, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_outbox_entry_get_state (entry), ==, CHQ_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (chq_outbox_entry_get_attempts (entry), ==, 1);
  g_assert_null (chq_outbox_entry_get_error_code (entry));
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before);

  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_FAILED);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before);
}

/* (c) Within the window the entry is sent again with its key, as always: the service
 * replays its first answer. */
static void
test_sync_window_within (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autofree char *order_id = NULL;
  guint before;
  gint64 id;

  set_day (fx, 0);
  before = test_count_server_orders (fx->uri);
  id = add_order (fx, "cf", 12);
  answer = attempt_and_lose_answer (fx, id, TRUE);
  order_id = g_strdup (json_object_get_string_member (json_node_get_object (answer), "id"));

  set_day (fx, 28);
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);

  entry = chq_outbox_get_entry (fx->outbox, id, &error);
  g_assert_cmpint (chq_outbox_entry_get_state (entry), ==, CHQ_OUTBOX_STATE_SENT);
  g_assert_cmpuint (chq_outbox_entry_get_attempts (entry), ==, 2);
  g_assert_cmpstr (result_id (fx, id), ==, order_id);
  g_assert_cmpuint (test_count_server_orders (fx->uri), ==, before + 1);
}

/* A worker added on day 0 whose answer was lost is found by name on day 40; a second
 * worker entry never sent is sent as usual however old (its key never left). */
static void
test_sync_window_worker (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) payload = json_from_string ("{\"first_name\":\"Inès\","
                                                  "\"last_name\":\"Vandenberghe\","
                                                  "\"status\":\"employee\"}", NULL);
  g_autoptr(JsonNode) other = json_from_string ("{\"first_name\":\"Luc\","
                                                "\"last_name\":\"Peeters\","
                                                "\"status\":\"temp\"}", NULL);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *worker_id = NULL;
  gint64 id, never_tried;

  set_day (fx, 0);
  id = chq_outbox_add (fx->outbox, fx->account_key, CHQ_OUTBOX_KIND_CREATE_WORKER, NULL,
                       payload, &error);
  g_assert_no_error (error);
  never_tried = chq_outbox_add (fx->outbox, fx->account_key, CHQ_OUTBOX_KIND_CREATE_WORKER,
                                NULL, other, &error);
  answer = attempt_and_lose_answer (fx, id, TRUE);
  g_assert_nonnull (answer);
  worker_id = g_strdup (json_object_get_string_member (json_node_get_object (answer), "id"));

  set_day (fx, 40);
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_SENT);
  g_assert_cmpstr (result_id (fx, id), ==, worker_id);
  g_assert_cmpint (entry_state (fx, never_tried), ==, CHQ_OUTBOX_STATE_SENT);
  g_assert_cmpstr (result_id (fx, never_tried), !=, worker_id);
}

static JsonNode *
call_json (Fixture    *fx,
           const char *method,
           const char *path,
           const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) payload = body != NULL ? json_from_string (body, NULL) : NULL;
  g_autofree char *key = g_uuid_string_random ();
  JsonNode *answer;

  chq_client_send_async (fx->client, method, path, g_str_equal (method, "GET") ? NULL : key,
                         payload, NULL, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  answer = chq_client_send_finish (fx->client, result, NULL, &error);
  g_assert_no_error (error);
  return answer;
}

/* A booking whose answer was lost on day 0 is found on day 33 by worker, course and
 * session: no second booking, no second reservation. */
static void
test_sync_window_booking (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) order = NULL;
  g_autoptr(JsonNode) paid = NULL;
  g_autoptr(JsonNode) course = NULL;
  g_autoptr(JsonNode) workers = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *pay_path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *enrolment_id = NULL;
  const char *worker_id = NULL;
  JsonArray *sessions, *list;
  guint n_same = 0;
  gint64 id;

  set_day (fx, 0);
  /* Fresh vouchers, so that the booking does not depend on the demo's older batches. */
  order = call_json (fx, "POST", "/v1/orders", "{\"voucher_type\":\"cf\",\"quantity\":20}");
  pay_path = g_strdup_printf ("/v1/sandbox/orders/%s/pay",
                              json_object_get_string_member (json_node_get_object (order), "id"));
  paid = call_json (fx, "POST", pay_path, NULL);

  course = call_json (fx, "GET", "/v1/courses/crs-ai-0006", NULL);
  sessions = json_object_get_array_member (json_node_get_object (course), "sessions");
  g_assert_cmpuint (json_array_get_length (sessions), >, 0);
  workers = call_json (fx, "GET", "/v1/workers", NULL);
  list = json_object_get_array_member (json_node_get_object (workers), "items");
  for (guint i = 0; i < json_array_get_length (list) && worker_id == NULL; i++)
    {
      JsonObject *w = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (w, "status"), "employee") &&
          !json_object_get_boolean_member (w, "archived"))
        worker_id = json_object_get_string_member (w, "id");
    }
  g_assert_nonnull (worker_id);

  body = g_strdup_printf ("{\"worker_id\":\"%s\",\"course_id\":\"crs-ai-0006\","
                          "\"session_id\":\"%s\"}", worker_id,
                          json_object_get_string_member (json_array_get_object_element (sessions, 0),
                                                         "id"));
  payload = json_from_string (body, NULL);
  id = chq_outbox_add (fx->outbox, fx->account_key, CHQ_OUTBOX_KIND_CREATE_ENROLMENT, NULL,
                       payload, &error);
  g_assert_no_error (error);
  answer = attempt_and_lose_answer (fx, id, TRUE);
  g_assert_nonnull (answer);
  enrolment_id = g_strdup (json_object_get_string_member (json_node_get_object (answer), "id"));

  set_day (fx, 33);
  g_assert_true (test_sync_run (fx->sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry_state (fx, id), ==, CHQ_OUTBOX_STATE_SENT);
  g_assert_cmpstr (result_id (fx, id), ==, enrolment_id);

  /* One booking of that worker on that session, whichever year it falls in. */
  for (int year = TEST_YEAR; year <= TEST_YEAR + 1; year++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/enrolments?year=%d", year);
      g_autoptr(JsonNode) enrolments = call_json (fx, "GET", path, NULL);
      JsonArray *items = json_object_get_array_member (json_node_get_object (enrolments),
                                                       "items");

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *e = json_array_get_object_element (items, i);

          if (g_str_equal (json_object_get_string_member (e, "worker_id"), worker_id) &&
              g_str_equal (json_object_get_string_member (e, "course_id"), "crs-ai-0006"))
            n_same++;
        }
    }
  g_assert_cmpuint (n_same, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/state-for-error", test_sync_state_for_error);
  g_test_add ("/sync/full-delta-not-modified", Fixture, GUINT_TO_POINTER (5000),
              fixture_set_up, test_sync_full_delta_not_modified, fixture_tear_down);
  g_test_add ("/sync/offline", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_offline, fixture_tear_down);
  g_test_add ("/sync/faults", Fixture, GUINT_TO_POINTER (5000),
              fixture_set_up, test_sync_faults, fixture_tear_down);
  g_test_add ("/sync/cancel-mid-feed", Fixture, GUINT_TO_POINTER (5000),
              fixture_set_up, test_sync_cancel_mid_feed, fixture_tear_down);
  g_test_add ("/sync/refused", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_refused, fixture_tear_down);
  g_test_add ("/sync/unauthorized", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_unauthorized, fixture_tear_down);
  g_test_add ("/sync/coalesce", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_coalesce, fixture_tear_down);
  g_test_add ("/sync/rerun-from-callback", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_rerun_from_callback, fixture_tear_down);
  g_test_add ("/sync/cancel", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_cancel, fixture_tear_down);
  g_test_add ("/sync/network-hint", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_network_hint, fixture_tear_down);
  g_test_add ("/sync/unknown-cursor", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_unknown_cursor, fixture_tear_down);
  g_test_add ("/sync/other-account", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_other_account, fixture_tear_down);

  g_test_add ("/sync/window-found", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_window_found, fixture_tear_down);
  g_test_add ("/sync/window-absent", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_window_absent, fixture_tear_down);
  g_test_add ("/sync/window-unreachable", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_window_unreachable, fixture_tear_down);
  g_test_add ("/sync/window-within", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_window_within, fixture_tear_down);
  g_test_add ("/sync/window-booking", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_window_booking, fixture_tear_down);
  g_test_add ("/sync/window-worker", Fixture, GUINT_TO_POINTER (0),
              fixture_set_up, test_sync_window_worker, fixture_tear_down);

  return g_test_run ();
}
