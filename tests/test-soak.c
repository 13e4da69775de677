/* test-soak.c: 200 intents of every kind, a faulty service, a client killed 20 times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parent runs the sandbox (a database file) with 20% of requests answered 503, 10% of
 * connections dropped and 100 ms of latency, and writes a plan of 200 intents: orders,
 * cancelled orders, new workers, worker edits, bookings and cancelled bookings. It starts
 * this same binary as a child (--soak-child) that queues the next intents of the plan in
 * the outbox and syncs; the parent kills it with SIGKILL at random moments, 20 times,
 * restarting it each time, then lets a last child finish. At the end the service holds the
 * effect of each intent exactly once, and the child's store equals a clean sync.
 *
 * G_TEST_SEED (or --seed) replays the same kill moments; SOAK_FIGURES=FILE appends the
 * figures of the run (docs/reliability.md).
 */
#define G_LOG_DOMAIN "test-soak"

#include "config.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "chq-test-sync-utils.h"
#include "chq-test-clock.h"

#define N_KILLS         20
#define PER_LIFE        12
#define N_PRE_ORDERS    40  /* made before, each cancelled by an intent */
#define N_PRE_WORKERS   30  /* made before, booked and edited by intents */
#define N_PRE_BOOKINGS  10  /* made before, each cancelled by an intent */
#define N_NEW_ORDERS    60
#define N_NEW_WORKERS   20
#define N_EDITS         40
#define N_BOOKINGS      30
#define N_INTENTS       (N_NEW_ORDERS + N_PRE_ORDERS + N_NEW_WORKERS + N_EDITS + N_BOOKINGS + \
                         N_PRE_BOOKINGS)

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

/* One call through the client's generic entry point (retrying as it does for the outbox);
 * any error is a test failure. */
static JsonNode *
call (ChqClient  *client,
      const char *method,
      const char *path,
      const char *key,
      const char *body)
{
  g_autoptr(JsonNode) body_node = body != NULL ? json_from_string (body, NULL) : NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Waiter waiter = { NULL };
  JsonNode *answer;

  chq_client_send_async (client, method, path, key, body_node, NULL, NULL, on_done_cb, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = waiter.result;
  answer = chq_client_send_finish (client, result, NULL, &error);
  if (error != NULL)
    g_error ("%s %s: %s", method, path, error->message);
  return answer;
}

static const char *
member (JsonNode   *node,
        const char *name)
{
  return json_object_get_string_member (json_node_get_object (node), name);
}

static JsonArray *
items (JsonNode *node)
{
  return json_object_get_array_member (json_node_get_object (node), "items");
}

/* --- the child ---------------------------------------------------------------------------- */

/* Queues the next intents of the plan (each committed before it counts), at most
 * max_new, then syncs again and again until every intent of the plan is queued and sent. */
static int
soak_child_main (const char *uri,
                 const char *outbox_path,
                 const char *plan_path,
                 guint       max_new)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ChqClient) client = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(ChqStore) store = NULL;
  g_autoptr(ChqSync) sync = NULL;
  g_autofree char *account_key = chq_outbox_account_key (uri, TEST_ENTERPRISE);
  g_autofree char *store_path = chq_store_path_for (uri, TEST_ENTERPRISE);
  JsonArray *plan;
  guint added = 0;

  if (!json_parser_load_from_file (parser, plan_path, &error))
    g_error ("Child could not read the plan: %s", error->message);
  plan = json_node_get_array (json_parser_get_root (parser));

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
      guint queued = all->len;

      while (queued < json_array_get_length (plan) && added < max_new)
        {
          JsonObject *intent = json_array_get_object_element (plan, queued);
          JsonNode *payload = json_object_get_member (intent, "payload");
          const char *target = json_object_get_string_member_with_default (intent, "target",
                                                                           NULL);
          ChqOutboxKind kind = (ChqOutboxKind) json_object_get_int_member (intent, "kind");

          if (JSON_NODE_HOLDS_NULL (payload))
            payload = NULL;
          if (chq_outbox_add (outbox, account_key, kind, target, payload, &error) == 0)
            g_error ("Child could not queue: %s", error->message);
          queued++;
          added++;
        }

      if (!test_sync_run (sync, &error))
        {
          g_printerr ("Child sync stopped: %s\n", error->message);
          g_clear_error (&error);
          continue;
        }

      if (queued >= json_array_get_length (plan) &&
          chq_outbox_count_pending (outbox, account_key) == 0)
        return 0;
    }
}

/* --- the parent --------------------------------------------------------------------------- */

static GPid
spawn_child (const char *self_exe,
             const char *uri,
             const char *outbox_path,
             const char *plan_path,
             guint       max_new)
{
  g_autofree char *max_new_text = g_strdup_printf ("%u", max_new);
  const char *argv[] = { self_exe, "--soak-child", uri, outbox_path, plan_path, max_new_text,
                         NULL };

  return test_spawn_child (argv);
}

typedef struct {
  GPtrArray *pre_orders;     /* ids */
  GPtrArray *pre_workers;    /* JSON text of each worker */
  GPtrArray *pre_bookings;   /* ids */
  GPtrArray *slots;          /* "course_id session_id", one per seat used */
  guint      orders_before;
  guint      workers_before;
  guint      enrolments_before;
} World;

static guint
count_enrolments (ChqClient *client)
{
  guint n = 0;

  for (int year = TEST_YEAR - 1; year <= TEST_YEAR + 1; year++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/enrolments?year=%d", year);
      g_autoptr(JsonNode) list = call (client, "GET", path, NULL, NULL);

      n += json_array_get_length (items (list));
    }
  return n;
}

/* The seats the bookings take: short courses (4 hours), as many per session as it has. */
static GPtrArray *
seats (ChqClient *client)
{
  const char *courses[] = { "crs-ai-0006", "crs-ai-0010" };
  GPtrArray *slots = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < G_N_ELEMENTS (courses); c++)
    {
      g_autofree char *path = g_strconcat ("/v1/courses/", courses[c], NULL);
      g_autoptr(JsonNode) course = call (client, "GET", path, NULL, NULL);
      JsonArray *sessions = json_object_get_array_member (json_node_get_object (course),
                                                          "sessions");

      g_assert_cmpint (json_object_get_int_member (json_node_get_object (course), "hours"), ==, 4);
      for (guint s = 0; s < json_array_get_length (sessions); s++)
        {
          JsonObject *session = json_array_get_object_element (sessions, s);
          gint64 seats_left = json_object_get_int_member (session, "seats_left");

          for (gint64 k = 0; k < seats_left; k++)
            g_ptr_array_add (slots, g_strdup_printf ("%s %s", courses[c],
                                                     json_object_get_string_member (session,
                                                                                    "id")));
        }
    }
  g_assert_cmpuint (slots->len, >=, N_PRE_BOOKINGS + N_BOOKINGS);
  return slots;
}

static char *
booking_body (World *world,
              guint  worker,
              guint  slot)
{
  g_autoptr(JsonNode) w = json_from_string (g_ptr_array_index (world->pre_workers, worker), NULL);
  g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (world->slots, slot), " ", 2);

  return g_strdup_printf ("{\"worker_id\":\"%s\",\"course_id\":\"%s\",\"session_id\":\"%s\"}",
                          member (w, "id"), parts[0], parts[1]);
}

/* Before the faults: what the cancels, edits and bookings act on. */
static void
make_world (const char *uri,
            World      *world)
{
  g_autoptr(ChqClient) client = test_client_new_signed_in (uri);

  world->pre_orders = g_ptr_array_new_with_free_func (g_free);
  world->pre_workers = g_ptr_array_new_with_free_func (g_free);
  world->pre_bookings = g_ptr_array_new_with_free_func (g_free);
  world->slots = seats (client);

  /* Vouchers that last past the sessions the bookings take (credited today). */
  {
    g_autoptr(JsonNode) order = call (client, "POST", "/v1/orders", "pre-vouchers",
                                      "{\"voucher_type\":\"cf\",\"quantity\":200}");
    g_autofree char *path = g_strdup_printf ("/v1/sandbox/orders/%s/pay", member (order, "id"));
    g_autoptr(JsonNode) paid = call (client, "POST", path, "pre-vouchers-paid", NULL);

    g_assert_cmpstr (member (paid, "status"), ==, "credited");
  }

  for (guint i = 0; i < N_PRE_ORDERS; i++)
    {
      g_autofree char *key = g_strdup_printf ("pre-order-%u", i);
      g_autoptr(JsonNode) order = call (client, "POST", "/v1/orders", key,
                                        "{\"voucher_type\":\"eco\",\"quantity\":1}");

      g_ptr_array_add (world->pre_orders, g_strdup (member (order, "id")));
    }
  for (guint i = 0; i < N_PRE_WORKERS; i++)
    {
      g_autofree char *key = g_strdup_printf ("pre-worker-%u", i);
      g_autofree char *body = g_strdup_printf ("{\"first_name\":\"Pre\",\"last_name\":\"W%02u\","
                                               "\"status\":\"employee\"}", i);
      g_autoptr(JsonNode) worker = call (client, "POST", "/v1/workers", key, body);

      g_ptr_array_add (world->pre_workers, chq_json_to_string (worker, NULL));
    }
  for (guint i = 0; i < N_PRE_BOOKINGS; i++)
    {
      g_autofree char *key = g_strdup_printf ("pre-booking-%u", i);
      g_autofree char *body = booking_body (world, i, i);
      g_autoptr(JsonNode) enrolment = call (client, "POST", "/v1/enrolments", key, body);

      g_ptr_array_add (world->pre_bookings, g_strdup (member (enrolment, "id")));
    }

  {
    g_autoptr(JsonNode) orders = call (client, "GET", "/v1/orders", NULL, NULL);
    g_autoptr(JsonNode) workers = call (client, "GET", "/v1/workers", NULL, NULL);

    world->orders_before = json_array_get_length (items (orders));
    world->workers_before = json_array_get_length (items (workers));
  }
  world->enrolments_before = count_enrolments (client);
}

static void
world_clear (World *world)
{
  g_ptr_array_unref (world->pre_orders);
  g_ptr_array_unref (world->pre_workers);
  g_ptr_array_unref (world->pre_bookings);
  g_ptr_array_unref (world->slots);
}

static void
add_intent (JsonArray     *plan,
            ChqOutboxKind  kind,
            const char    *target,
            const char    *payload)
{
  JsonObject *intent = json_object_new ();

  json_object_set_int_member (intent, "kind", kind);
  if (target != NULL)
    json_object_set_string_member (intent, "target", target);
  if (payload != NULL)
    json_object_set_member (intent, "payload", json_from_string (payload, NULL));
  else
    json_object_set_null_member (intent, "payload");
  json_array_add_object_element (plan, intent);
}

/* The edit an intent makes: a last name that says which intent it was. */
static char *
edit_body (guint  worker,
           guint  edit)
{
  return g_strdup_printf ("{\"first_name\":\"Pre\",\"last_name\":\"Edit%02u\","
                          "\"status\":\"employee\",\"email\":\"w%u@example.be\"}",
                          edit, worker);
}

/* 200 intents, kinds interleaved in a fixed order (edits of one worker stay in order). */
static JsonArray *
make_plan (World *world)
{
  JsonArray *plan = json_array_new ();
  guint next[6] = { 0 };
  const guint total[6] = { N_NEW_ORDERS, N_PRE_ORDERS, N_NEW_WORKERS, N_EDITS, N_BOOKINGS,
                           N_PRE_BOOKINGS };
  guint kind = 0;

  while (json_array_get_length (plan) < N_INTENTS)
    {
      guint k = kind++ % 6;
      guint i;

      if (next[k] >= total[k])
        continue;
      i = next[k]++;

      switch (k)
        {
        case 0:
          {
            g_autofree char *body = g_strdup_printf ("{\"voucher_type\":\"%s\",\"quantity\":1}",
                                                     i % 2 == 0 ? "cf" : "eco");

            add_intent (plan, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL, body);
          }
          break;
        case 1:
          add_intent (plan, CHQ_OUTBOX_KIND_CANCEL_ORDER,
                      g_ptr_array_index (world->pre_orders, i), NULL);
          break;
        case 2:
          {
            g_autofree char *body = g_strdup_printf ("{\"first_name\":\"Soak\",\"last_name\":"
                                                     "\"New%02u\",\"status\":\"temp\"}", i);

            add_intent (plan, CHQ_OUTBOX_KIND_CREATE_WORKER, NULL, body);
          }
          break;
        case 3:
          {
            g_autoptr(JsonNode) w = json_from_string (g_ptr_array_index (world->pre_workers,
                                                                         i % 20), NULL);
            g_autofree char *body = edit_body (i % 20, i);

            add_intent (plan, CHQ_OUTBOX_KIND_UPDATE_WORKER, member (w, "id"), body);
          }
          break;
        case 4:
          {
            g_autofree char *body = booking_body (world, i, N_PRE_BOOKINGS + i);

            add_intent (plan, CHQ_OUTBOX_KIND_CREATE_ENROLMENT, NULL, body);
          }
          break;
        case 5:
          add_intent (plan, CHQ_OUTBOX_KIND_CANCEL_ENROLMENT,
                      g_ptr_array_index (world->pre_bookings, i), NULL);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return plan;
}

/* Each intent's effect, once: counts, ids, states and the last edit of each worker. */
static void
check_effects (const char *uri,
               World      *world,
               GPtrArray  *entries)
{
  g_autoptr(ChqClient) client = test_client_new_signed_in (uri);
  g_autoptr(JsonNode) orders = call (client, "GET", "/v1/orders", NULL, NULL);
  g_autoptr(JsonNode) workers = call (client, "GET", "/v1/workers", NULL, NULL);
  g_autoptr(GHashTable) results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) order_status = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) worker_last = g_hash_table_new (g_str_hash, g_str_equal);
  guint new_workers = 0;

  /* Every created thing has an id of its own: no answer was given to two intents. */
  for (guint i = 0; i < entries->len; i++)
    {
      ChqOutboxEntry *entry = g_ptr_array_index (entries, i);
      ChqOutboxKind kind = chq_outbox_entry_get_kind (entry);
      g_autoptr(JsonNode) result = chq_outbox_entry_dup_result (entry);

      g_assert_nonnull (result);
      if (kind == CHQ_OUTBOX_KIND_CREATE_ORDER || kind == CHQ_OUTBOX_KIND_CREATE_WORKER ||
          kind == CHQ_OUTBOX_KIND_CREATE_ENROLMENT)
        g_assert_true (g_hash_table_add (results, g_strdup (member (result, "id"))));
    }

  for (guint i = 0; i < json_array_get_length (items (orders)); i++)
    {
      JsonObject *o = json_array_get_object_element (items (orders), i);

      g_hash_table_insert (order_status, (gpointer) json_object_get_string_member (o, "id"),
                           (gpointer) json_object_get_string_member (o, "status"));
    }
  for (guint i = 0; i < json_array_get_length (items (workers)); i++)
    {
      JsonObject *w = json_array_get_object_element (items (workers), i);

      g_hash_table_insert (worker_last, (gpointer) json_object_get_string_member (w, "id"),
                           (gpointer) json_object_get_string_member (w, "last_name"));
      if (g_str_equal (json_object_get_string_member (w, "first_name"), "Soak"))
        new_workers++;
    }

  /* Orders: one per create, each pre-made one cancelled (a resent cancel was replayed, not
   * refused as "already cancelled"). */
  g_assert_cmpuint (json_array_get_length (items (orders)), ==,
                    world->orders_before + N_NEW_ORDERS);
  for (guint i = 0; i < world->pre_orders->len; i++)
    g_assert_cmpstr (g_hash_table_lookup (order_status, g_ptr_array_index (world->pre_orders, i)),
                     ==, "cancelled");

  /* Workers: one per create; each edited worker carries its last edit. */
  g_assert_cmpuint (json_array_get_length (items (workers)), ==,
                    world->workers_before + N_NEW_WORKERS);
  g_assert_cmpuint (new_workers, ==, N_NEW_WORKERS);
  for (guint w = 0; w < 20; w++)
    {
      g_autoptr(JsonNode) pre = json_from_string (g_ptr_array_index (world->pre_workers, w), NULL);
      guint last_edit = 0;
      g_autofree char *expected = NULL;

      for (guint e = 0; e < N_EDITS; e++)
        if (e % 20 == w)
          last_edit = e;
      expected = g_strdup_printf ("Edit%02u", last_edit);
      g_assert_cmpstr (g_hash_table_lookup (worker_last, member (pre, "id")), ==, expected);
    }

  /* Bookings: one per intent; the pre-made ones cancelled. */
  g_assert_cmpuint (count_enrolments (client), ==, world->enrolments_before + N_BOOKINGS);
  for (int year = TEST_YEAR - 1; year <= TEST_YEAR + 1; year++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/enrolments?year=%d", year);
      g_autoptr(JsonNode) list = call (client, "GET", path, NULL, NULL);

      for (guint i = 0; i < json_array_get_length (items (list)); i++)
        {
          JsonObject *e = json_array_get_object_element (items (list), i);

          for (guint p = 0; p < world->pre_bookings->len; p++)
            if (g_str_equal (json_object_get_string_member (e, "id"),
                             g_ptr_array_index (world->pre_bookings, p)))
              g_assert_cmpstr (json_object_get_string_member (e, "status"), ==, "cancelled");
        }
    }
}

static void
test_soak (void)
{
  g_autofree char *db_path = g_build_filename (g_get_user_data_dir (), "sandbox.db", NULL);
  g_autofree char *plan_path = g_build_filename (g_get_user_data_dir (), "plan.json", NULL);
  g_autofree char *outbox_path = chq_outbox_default_path ();
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(ChqSandbox) sandbox = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autofree char *uri = NULL;
  g_autofree char *account_key = NULL;
  ChqSandboxOptions options = {
    .db_path = db_path, .today = TEST_TODAY, .seed = 11, .rate_limit = 100000,
  };
  World world = { 0 };
  guint killed = 0, resent = 0, requests_before;
  gint64 started = g_get_monotonic_time ();
  int status;

  g_assert_nonnull (self_exe);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  sandbox = chq_sandbox_new (&options);
  chq_sandbox_start (sandbox, &error);
  test_clock_follow (sandbox);
  g_assert_no_error (error);
  uri = chq_sandbox_dup_uri (sandbox);
  account_key = chq_outbox_account_key (uri, TEST_ENTERPRISE);

  make_world (uri, &world);
  {
    g_autoptr(JsonArray) plan = make_plan (&world);
    g_autoptr(JsonNode) root = json_node_init_array (json_node_alloc (), plan);
    g_autofree char *text = chq_json_to_string (root, NULL);

    g_assert_cmpuint (json_array_get_length (plan), ==, N_INTENTS);
    g_assert_true (g_file_set_contents (plan_path, text, -1, NULL));
  }

  /* The faults of issue 10, from now on. */
  chq_sandbox_set_faults (sandbox, 0.2, 0.1, 100);
  requests_before = chq_sandbox_get_request_count (sandbox);

  for (guint round = 0; round < N_KILLS; round++)
    {
      GPid pid = spawn_child (self_exe, uri, outbox_path, plan_path, PER_LIFE);

      if (test_kill_child_after (pid, g_rand_int_range (rand, 300, 2500)))
        killed++;
    }
  g_test_message ("%u of %u children were killed while running", killed, N_KILLS);
  g_assert_cmpuint (killed, >=, N_KILLS - 2);

  /* A last child, left alone, queues the rest and sends everything. */
  {
    GPid pid = spawn_child (self_exe, uri, outbox_path, plan_path, N_INTENTS);

    status = -1;
    g_child_watch_add (pid, test_on_child_exit_cb, &status);
    while (status == -1)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  chq_sandbox_set_faults (sandbox, 0, 0, 0);

  /* Every intent queued once, in plan order, and sent (none refused). */
  outbox = chq_outbox_open (outbox_path, &error);
  g_assert_no_error (error);
  entries = chq_outbox_list (outbox, account_key, CHQ_OUTBOX_STATES_ALL);
  g_assert_cmpuint (entries->len, ==, N_INTENTS);
  for (guint i = 0; i < entries->len; i++)
    {
      ChqOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (chq_outbox_entry_get_state (entry) != CHQ_OUTBOX_STATE_SENT)
        g_error ("Intent %u (%s) ended %s: %s", i,
                 chq_outbox_kind_to_string (chq_outbox_entry_get_kind (entry)),
                 chq_outbox_state_to_string (chq_outbox_entry_get_state (entry)),
                 chq_outbox_entry_get_error_message (entry));
      if (chq_outbox_entry_get_attempts (entry) > 1)
        resent++;
    }

  check_effects (uri, &world, entries);

  /* The store the children kept equals a clean sync of the same service. */
  {
    g_autofree char *store_path = chq_store_path_for (uri, TEST_ENTERPRISE);
    g_autofree char *clean_path = g_build_filename (g_get_user_cache_dir (), "clean.db", NULL);
    g_autofree char *clean_outbox_path = g_build_filename (g_get_user_data_dir (),
                                                           "clean-outbox.db", NULL);
    g_autoptr(ChqClient) client = test_client_new_signed_in (uri);
    g_autoptr(ChqStore) clean = chq_store_open (clean_path, &error);
    g_autoptr(ChqOutbox) clean_outbox = chq_outbox_open (clean_outbox_path, &error);
    g_autoptr(ChqSync) clean_sync = chq_sync_new (client, clean, clean_outbox, account_key);
    g_autofree char *ours = NULL;
    g_autofree char *theirs = NULL;

    g_assert_no_error (error);
    chq_sync_set_current_year (clean_sync, TEST_YEAR);
    g_assert_true (test_sync_run (clean_sync, &error));
    g_assert_no_error (error);
    ours = test_dump_store (store_path);
    theirs = test_dump_store (clean_path);
    g_assert_cmpstr (ours, ==, theirs);
  }

  {
    guint requests = chq_sandbox_get_request_count (sandbox) - requests_before;
    double seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
    g_autofree char *figures =
      g_strdup_printf ("intents %u, kills %u of %u lives, requests under faults %u, "
                       "intents sent more than once %u, lost 0, doubled 0, %.0f s\n",
                       N_INTENTS, killed, N_KILLS, requests, resent, seconds);

    g_test_message ("%s", figures);
    if (g_getenv ("SOAK_FIGURES") != NULL)
      {
        g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("SOAK_FIGURES"));
        g_autoptr(GFileOutputStream) out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL,
                                                             &error);

        g_assert_no_error (error);
        g_output_stream_write_all (G_OUTPUT_STREAM (out), figures, strlen (figures), NULL, NULL,
                                   &error);
        g_assert_no_error (error);
      }
  }

  world_clear (&world);
  chq_sandbox_stop (sandbox);
}

/* A PUT whose kept-alive connection was dropped reaches the service with its body (libsoup
 * resends idempotent requests by itself, and used to send this one empty: the worker edits
 * of the soak failed as "body: not one JSON object"). */
static void
test_put_after_dropped_connection (void)
{
  ChqSandboxOptions options = { .today = TEST_TODAY, .seed = 5, .rate_limit = 100000 };
  g_autoptr(ChqSandbox) sandbox = chq_sandbox_new (&options);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqClient) client = NULL;
  g_autofree char *uri = NULL;

  chq_sandbox_start (sandbox, &error);
  test_clock_follow (sandbox);
  g_assert_no_error (error);
  uri = chq_sandbox_dup_uri (sandbox);
  client = test_client_new_signed_in (uri);
  chq_sandbox_set_faults (sandbox, 0, 0.5, 0);

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *key = g_strdup_printf ("put-%u", i);
      g_autofree char *body = g_strdup_printf ("{\"first_name\":\"Put\",\"last_name\":\"N%u\","
                                               "\"status\":\"employee\"}", i);
      g_autoptr(JsonNode) worker = call (client, "PUT", "/v1/workers/wrk-0002", key, body);
      g_autofree char *expected = g_strdup_printf ("N%u", i);

      g_assert_cmpstr (member (worker, "last_name"), ==, expected);
    }

  chq_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (argc == 6 && g_str_equal (argv[1], "--soak-child"))
    return soak_child_main (argv[2], argv[3], argv[4], (guint) g_ascii_strtoull (argv[5], NULL, 10));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/soak/put-after-dropped-connection", test_put_after_dropped_connection);
  g_test_add_func ("/soak/kill-restart-faults", test_soak);

  return g_test_run ();
}
