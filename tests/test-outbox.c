/* test-outbox.c: the outbox of pending writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-outbox"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "chq-json.h"
#include "chq-order.h"
#include "chq-outbox.h"
#include "chq-outbox-effect.h"

#define ACCOUNT "0123456749 http://127.0.0.1:1"
#define OTHER_ACCOUNT "0987654394 http://127.0.0.1:1"

static char *
test_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "chequier", name, NULL);
}

static JsonNode *
order_payload (const char *type,
               guint       quantity)
{
  g_autofree char *text = g_strdup_printf ("{\"voucher_type\":\"%s\",\"quantity\":%u}",
                                           type, quantity);

  return json_from_string (text, NULL);
}

static gint64
add_order (ChqOutbox   *outbox,
           const char  *account,
           const char  *type,
           guint        quantity,
           GError     **error)
{
  g_autoptr(JsonNode) payload = order_payload (type, quantity);

  return chq_outbox_add (outbox, account, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL, payload, error);
}

static void
on_changed_cb (ChqOutbox *outbox,
               guint     *count)
{
  (*count)++;
}

static void
test_outbox_files_private (void)
{
  g_autofree char *path = chq_outbox_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/chequier/outbox.db"));

  outbox = chq_outbox_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outbox);
  g_assert_cmpint (add_order (outbox, ACCOUNT, "cf", 1, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_outbox_add_list (void)
{
  g_autofree char *path = test_path ("add.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = chq_outbox_open (path, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonNode) payload = NULL;
  ChqOutboxEntry *first, *second;
  guint changed = 0;
  gint64 id1, id2, id3;

  g_assert_no_error (error);
  g_signal_connect (outbox, "changed", G_CALLBACK (on_changed_cb), &changed);

  id1 = add_order (outbox, ACCOUNT, "cf", 10, &error);
  g_assert_no_error (error);
  id2 = chq_outbox_add (outbox, ACCOUNT, CHQ_OUTBOX_KIND_CANCEL_ORDER, "ord-1", NULL, &error);
  g_assert_no_error (error);
  id3 = add_order (outbox, OTHER_ACCOUNT, "eco", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id1, <, id2);
  g_assert_cmpint (id2, <, id3);
  g_assert_cmpuint (changed, ==, 3);

  entries = chq_outbox_list (outbox, ACCOUNT, CHQ_OUTBOX_STATES_ALL);
  g_assert_cmpuint (entries->len, ==, 2);
  first = g_ptr_array_index (entries, 0);
  second = g_ptr_array_index (entries, 1);
  g_assert_cmpint (chq_outbox_entry_get_id (first), ==, id1);
  g_assert_cmpint (chq_outbox_entry_get_kind (first), ==, CHQ_OUTBOX_KIND_CREATE_ORDER);
  g_assert_cmpint (chq_outbox_entry_get_state (first), ==, CHQ_OUTBOX_STATE_PENDING);
  g_assert_cmpstr (chq_outbox_entry_get_account_key (first), ==, ACCOUNT);
  g_assert_null (chq_outbox_entry_get_target_id (first));
  g_assert_true (g_uuid_string_is_valid (chq_outbox_entry_get_idempotency_key (first)));
  g_assert_cmpstr (chq_outbox_entry_get_idempotency_key (first), !=,
                   chq_outbox_entry_get_idempotency_key (second));
  g_assert_cmpstr (chq_outbox_entry_get_summary (first), ==, "Order 10 vouchers (Standard)");
  payload = chq_outbox_entry_dup_payload (first);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (payload), "quantity"),
                   ==, 10);
  g_assert_cmpstr (chq_outbox_entry_get_target_id (second), ==, "ord-1");
  g_assert_cmpstr (chq_outbox_entry_get_payload_json (second), ==, "{}");
  g_assert_nonnull (chq_outbox_entry_get_created_at (second));

  g_assert_cmpuint (chq_outbox_count_pending (outbox, ACCOUNT), ==, 2);
  g_assert_cmpuint (chq_outbox_count_pending (outbox, OTHER_ACCOUNT), ==, 1);
  g_assert_cmpuint (chq_outbox_count_pending (outbox, "nobody"), ==, 0);

  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = chq_outbox_list (outbox, ACCOUNT, CHQ_OUTBOX_STATES_SENT);
  g_assert_cmpuint (entries->len, ==, 0);
}

/* The whole life of entries as the sync engine drives it, and what survives reopening. */
static void
test_outbox_send_cycle (void)
{
  g_autofree char *path = test_path ("cycle.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = chq_outbox_open (path, &error);
  g_autoptr(ChqOutboxEntry) next = NULL;
  g_autoptr(ChqOutboxEntry) again = NULL;
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autoptr(JsonNode) result = json_from_string ("{\"id\":\"ord-9\",\"status\":"
                                                 "\"awaiting_payment\"}", NULL);
  g_autoptr(JsonNode) stored = NULL;
  g_autofree char *key = NULL;
  gint64 id1, id2, id3;

  g_assert_no_error (error);
  id1 = add_order (outbox, ACCOUNT, "cf", 5, &error);
  id2 = add_order (outbox, ACCOUNT, "cfl", 500, &error);
  id3 = add_order (outbox, ACCOUNT, "eco", 2, &error);
  g_assert_no_error (error);

  /* Oldest first; a transient failure keeps it first, with the same key. */
  next = chq_outbox_next_to_send (outbox, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_outbox_entry_get_id (next), ==, id1);
  key = g_strdup (chq_outbox_entry_get_idempotency_key (next));
  g_assert_true (chq_outbox_mark_sending (outbox, id1, &error));
  g_assert_true (chq_outbox_mark_retry (outbox, id1, "Could not reach the service", &error));
  g_assert_no_error (error);
  g_clear_object (&next);
  next = chq_outbox_next_to_send (outbox, ACCOUNT, &error);
  g_assert_cmpint (chq_outbox_entry_get_id (next), ==, id1);
  g_assert_cmpint (chq_outbox_entry_get_state (next), ==, CHQ_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (chq_outbox_entry_get_attempts (next), ==, 1);
  g_assert_cmpstr (chq_outbox_entry_get_idempotency_key (next), ==, key);
  g_assert_cmpstr (chq_outbox_entry_get_error_message (next), ==,
                   "Could not reach the service");

  /* A crash while sending: the entry is found again in `sending`, same key. */
  g_assert_true (chq_outbox_mark_sending (outbox, id1, &error));
  g_clear_object (&outbox);
  outbox = chq_outbox_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&next);
  next = chq_outbox_next_to_send (outbox, ACCOUNT, &error);
  g_assert_cmpint (chq_outbox_entry_get_id (next), ==, id1);
  g_assert_cmpint (chq_outbox_entry_get_state (next), ==, CHQ_OUTBOX_STATE_SENDING);
  g_assert_cmpuint (chq_outbox_entry_get_attempts (next), ==, 2);
  g_assert_cmpstr (chq_outbox_entry_get_idempotency_key (next), ==, key);

  /* Sent: the answer is kept; the next one comes up. */
  g_assert_true (chq_outbox_mark_sending (outbox, id1, &error));
  g_assert_true (chq_outbox_mark_sent (outbox, id1, result, &error));
  g_assert_no_error (error);
  entry = chq_outbox_get_entry (outbox, id1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_outbox_entry_get_state (entry), ==, CHQ_OUTBOX_STATE_SENT);
  g_assert_null (chq_outbox_entry_get_error_message (entry));
  stored = chq_outbox_entry_dup_result (entry);
  g_assert_true (json_node_equal (stored, result));

  /* A sent entry cannot be sent, failed or edited again. */
  g_assert_false (chq_outbox_mark_sending (outbox, id1, &error));
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_assert_false (chq_outbox_mark_failed (outbox, id1, "no", NULL, NULL, &error));
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_WRONG_STATE);
  g_clear_error (&error);

  /* Refused for good: failed with the server's words; sending goes on with the next. */
  g_clear_object (&next);
  next = chq_outbox_next_to_send (outbox, ACCOUNT, &error);
  g_assert_cmpint (chq_outbox_entry_get_id (next), ==, id2);
  g_assert_true (chq_outbox_mark_sending (outbox, id2, &error));
  g_assert_true (chq_outbox_mark_failed (outbox, id2,
                                         "This order would exceed the yearly ceiling",
                                         "ceiling_exceeded", "quantity", &error));
  g_assert_no_error (error);
  g_clear_object (&next);
  next = chq_outbox_next_to_send (outbox, ACCOUNT, &error);
  g_assert_cmpint (chq_outbox_entry_get_id (next), ==, id3);
  g_clear_object (&entry);
  entry = chq_outbox_get_entry (outbox, id2, &error);
  g_assert_cmpint (chq_outbox_entry_get_state (entry), ==, CHQ_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (chq_outbox_entry_get_error_code (entry), ==, "ceiling_exceeded");
  g_assert_cmpstr (chq_outbox_entry_get_error_field (entry), ==, "quantity");
  g_assert_cmpstr (chq_outbox_entry_get_error_message (entry), ==,
                   "This order would exceed the yearly ceiling");

  /* Done with the last one: nothing left, and that is not an error. */
  g_assert_true (chq_outbox_mark_sending (outbox, id3, &error));
  g_assert_true (chq_outbox_mark_sent (outbox, id3, NULL, &error));
  g_clear_object (&next);
  next = chq_outbox_next_to_send (outbox, ACCOUNT, &error);
  g_assert_no_error (error);
  g_assert_null (next);
  g_assert_cmpuint (chq_outbox_count_pending (outbox, ACCOUNT), ==, 0);

  /* Purge keeps recent sent entries and drops old ones. */
  g_assert_cmpuint (chq_outbox_purge_sent (outbox, G_TIME_SPAN_DAY, &error), ==, 0);
  g_usleep (2000);
  g_assert_cmpuint (chq_outbox_purge_sent (outbox, 1000, &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&entry);
  entry = chq_outbox_get_entry (outbox, id1, &error);
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_NOT_FOUND);
  g_assert_null (entry);
}

static void
test_outbox_edit_discard (void)
{
  g_autofree char *path = test_path ("edit.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = chq_outbox_open (path, &error);
  g_autoptr(ChqOutboxEntry) before = NULL;
  g_autoptr(ChqOutboxEntry) after = NULL;
  g_autoptr(JsonNode) fixed = order_payload ("cfl", 4);
  gint64 failed, tried, fresh;

  g_assert_no_error (error);
  failed = add_order (outbox, ACCOUNT, "cfl", 400, &error);
  tried = add_order (outbox, ACCOUNT, "cf", 1, &error);
  fresh = add_order (outbox, ACCOUNT, "cf", 2, &error);
  g_assert_no_error (error);

  g_assert_true (chq_outbox_mark_sending (outbox, failed, &error));
  g_assert_true (chq_outbox_mark_failed (outbox, failed, "Too many", "ceiling_exceeded",
                                         "quantity", &error));
  before = chq_outbox_get_entry (outbox, failed, &error);

  /* Editing a refused entry: new body, NEW key, pending again, errors cleared. */
  g_assert_true (chq_outbox_update_payload (outbox, failed, fixed, &error));
  g_assert_no_error (error);
  after = chq_outbox_get_entry (outbox, failed, &error);
  g_assert_cmpint (chq_outbox_entry_get_state (after), ==, CHQ_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (chq_outbox_entry_get_attempts (after), ==, 0);
  g_assert_null (chq_outbox_entry_get_error_message (after));
  g_assert_null (chq_outbox_entry_get_error_code (after));
  g_assert_cmpstr (chq_outbox_entry_get_idempotency_key (after), !=,
                   chq_outbox_entry_get_idempotency_key (before));
  g_assert_cmpstr (chq_outbox_entry_get_payload_json (after), ==,
                   "{\"voucher_type\":\"cfl\",\"quantity\":4}");
  g_assert_cmpstr (chq_outbox_entry_get_summary (after), ==, "Order 4 vouchers (Languages)");

  /* An entry that may have reached the service keeps its body and key. */
  g_assert_true (chq_outbox_mark_sending (outbox, tried, &error));
  g_assert_false (chq_outbox_update_payload (outbox, tried, fixed, &error));
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_assert_false (chq_outbox_discard (outbox, tried, &error));
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_WRONG_STATE);
  g_clear_error (&error);
  g_assert_true (chq_outbox_mark_retry (outbox, tried, NULL, &error));
  g_assert_false (chq_outbox_update_payload (outbox, tried, fixed, &error));
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_WRONG_STATE);
  g_clear_error (&error);

  /* A never-tried entry may be edited; any non-sending entry may be discarded. */
  g_assert_true (chq_outbox_update_payload (outbox, fresh, fixed, &error));
  g_assert_true (chq_outbox_discard (outbox, fresh, &error));
  g_assert_true (chq_outbox_discard (outbox, tried, &error));
  g_assert_no_error (error);
  g_assert_false (chq_outbox_discard (outbox, tried, &error));
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (chq_outbox_update_payload (outbox, 4242, fixed, &error));
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (chq_outbox_count_pending (outbox, ACCOUNT), ==, 1);
}

static void
test_outbox_model (void)
{
  g_autofree char *path = test_path ("model.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = chq_outbox_open (path, &error);
  g_autoptr(ChqOutboxEntry) item = NULL;
  GListModel *model;
  gint64 a, b;

  g_assert_no_error (error);
  a = add_order (outbox, ACCOUNT, "cf", 1, &error);
  model = chq_outbox_get_model (outbox, ACCOUNT);
  g_assert_true (chq_outbox_get_model (outbox, ACCOUNT) == model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (g_list_model_get_item_type (model) == CHQ_TYPE_OUTBOX_ENTRY);

  b = chq_outbox_add (outbox, ACCOUNT, CHQ_OUTBOX_KIND_ARCHIVE_WORKER, "w-1", NULL, &error);
  add_order (outbox, OTHER_ACCOUNT, "cf", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Sent entries leave the list; refused ones stay, with their message. */
  chq_outbox_mark_sending (outbox, a, &error);
  chq_outbox_mark_sent (outbox, a, NULL, &error);
  chq_outbox_mark_sending (outbox, b, &error);
  chq_outbox_mark_failed (outbox, b, "This worker does not exist.", "not_found", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  g_assert_cmpint (chq_outbox_entry_get_id (item), ==, b);
  g_assert_cmpint (chq_outbox_entry_get_state (item), ==, CHQ_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (chq_outbox_entry_get_summary (item), ==, "Archive a worker");
}

/* Writes from another thread reach `changed` (and the models) on the opening context. */
static gpointer
add_in_thread (gpointer data)
{
  ChqOutbox *outbox = data;

  return GINT_TO_POINTER (add_order (outbox, ACCOUNT, "cf", 3, NULL) > 0);
}

static void
test_outbox_thread (void)
{
  g_autofree char *path = test_path ("thread.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = chq_outbox_open (path, &error);
  GListModel *model = chq_outbox_get_model (outbox, ACCOUNT);
  guint changed = 0;
  GThread *thread;

  g_assert_no_error (error);
  g_signal_connect (outbox, "changed", G_CALLBACK (on_changed_cb), &changed);
  thread = g_thread_new ("add", add_in_thread, outbox);
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  g_assert_cmpuint (changed, ==, 0);
  while (changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = chq_outbox_add_finish (CHQ_OUTBOX (object), result, &error);
  g_assert_no_error (error);
}

static void
test_outbox_add_async (void)
{
  g_autofree char *path = test_path ("async.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = chq_outbox_open (path, &error);
  g_autoptr(JsonNode) payload = order_payload ("cfl", 7);
  g_autoptr(ChqOutboxEntry) entry = NULL;
  guint changed = 0;
  gint64 id = 0;

  g_assert_no_error (error);
  g_signal_connect (outbox, "changed", G_CALLBACK (on_changed_cb), &changed);
  chq_outbox_add_async (outbox, ACCOUNT, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL, payload, NULL,
                        on_added_cb, &id);
  while (id == 0 || changed == 0)
    g_main_context_iteration (NULL, TRUE);

  entry = chq_outbox_get_entry (outbox, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chq_outbox_entry_get_summary (entry), ==, "Order 7 vouchers (Languages)");
  g_assert_cmpuint (changed, ==, 1);
}

static void
test_outbox_describe (void)
{
  g_autoptr(JsonNode) one = order_payload ("eco", 1);
  g_autoptr(JsonNode) worker = json_from_string ("{\"first_name\":\"Marie\","
                                                 "\"last_name\":\"Dupont\"}", NULL);
  g_autoptr(JsonNode) days = json_from_string ("{\"days\":[{\"date\":\"2026-11-02\","
                                               "\"hours\":7},{\"date\":\"2026-11-03\","
                                               "\"hours\":4}]}", NULL);
  g_autoptr(JsonNode) half = json_from_string ("{\"days\":[{\"date\":\"2027-01-13\","
                                               "\"hours\":6.5}]}", NULL);
  g_autoptr(JsonNode) junk = json_from_string ("[1,2]", NULL);
  g_autoptr(JsonNode) bad_type = order_payload ("gold", 3);
  ChqOutboxKind kind;
  ChqOutboxState state;
  char *text;

  text = chq_outbox_describe (CHQ_OUTBOX_KIND_CREATE_ORDER, one);
  g_assert_cmpstr (text, ==, "Order 1 voucher (Eco-Climat)");
  g_free (text);
  text = chq_outbox_describe (CHQ_OUTBOX_KIND_CREATE_ORDER, bad_type);
  g_assert_cmpstr (text, ==, "Order vouchers");
  g_free (text);
  text = chq_outbox_describe (CHQ_OUTBOX_KIND_CREATE_ORDER, junk);
  g_assert_cmpstr (text, ==, "Order vouchers");
  g_free (text);
  text = chq_outbox_describe (CHQ_OUTBOX_KIND_CREATE_WORKER, worker);
  g_assert_cmpstr (text, ==, "Add worker Marie Dupont");
  g_free (text);
  text = chq_outbox_describe (CHQ_OUTBOX_KIND_UPDATE_WORKER, NULL);
  g_assert_cmpstr (text, ==, "Edit a worker");
  g_free (text);
  text = chq_outbox_describe (CHQ_OUTBOX_KIND_RECORD_ATTENDANCE, days);
  g_assert_cmpstr (text, ==, "Record 11 hours of attendance");
  g_free (text);
  text = chq_outbox_describe (CHQ_OUTBOX_KIND_RECORD_ATTENDANCE, half);
  g_assert_cmpstr (text, ==, "Record 6.5 hours of attendance");
  g_free (text);

  for (guint i = 0; i < CHQ_N_OUTBOX_KINDS; i++)
    {
      text = chq_outbox_describe (i, NULL);
      g_assert_nonnull (text);
      g_free (text);
      g_assert_true (chq_outbox_kind_from_string (chq_outbox_kind_to_string (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_false (chq_outbox_kind_from_string ("drop_table", &kind));
  g_assert_false (chq_outbox_kind_from_string (NULL, &kind));
  g_assert_true (chq_outbox_state_from_string ("failed", &state));
  g_assert_cmpint (state, ==, CHQ_OUTBOX_STATE_FAILED);
  g_assert_false (chq_outbox_state_from_string ("lost", &state));
}

static void
test_outbox_request (void)
{
  const char *method = NULL;
  char *path = NULL;
  gboolean has_body = FALSE;

  g_assert_true (chq_outbox_kind_get_request (CHQ_OUTBOX_KIND_CREATE_ORDER, NULL,
                                              &method, &path, &has_body));
  g_assert_cmpstr (method, ==, "POST");
  g_assert_cmpstr (path, ==, "/v1/orders");
  g_assert_true (has_body);
  g_free (path);

  g_assert_true (chq_outbox_kind_get_request (CHQ_OUTBOX_KIND_CANCEL_ORDER, "ord/1 ?",
                                              &method, &path, &has_body));
  g_assert_cmpstr (method, ==, "POST");
  g_assert_cmpstr (path, ==, "/v1/orders/ord%2F1%20%3F/cancel");
  g_assert_false (has_body);
  g_free (path);

  g_assert_true (chq_outbox_kind_get_request (CHQ_OUTBOX_KIND_UPDATE_WORKER, "w-1",
                                              &method, &path, &has_body));
  g_assert_cmpstr (method, ==, "PUT");
  g_assert_cmpstr (path, ==, "/v1/workers/w-1");
  g_assert_true (has_body);
  g_free (path);

  g_assert_true (chq_outbox_kind_get_request (CHQ_OUTBOX_KIND_ARCHIVE_WORKER, "w-1",
                                              &method, &path, &has_body));
  g_assert_cmpstr (method, ==, "DELETE");
  g_assert_cmpstr (path, ==, "/v1/workers/w-1");
  g_assert_false (has_body);
  g_free (path);

  g_assert_true (chq_outbox_kind_get_request (CHQ_OUTBOX_KIND_RECORD_ATTENDANCE, "e-7",
                                              &method, &path, &has_body));
  g_assert_cmpstr (path, ==, "/v1/enrolments/e-7/attendance");
  g_assert_true (has_body);
  g_free (path);

  g_assert_true (chq_outbox_kind_get_request (CHQ_OUTBOX_KIND_CREATE_ENROLMENT, "ignored",
                                              &method, &path, &has_body));
  g_assert_cmpstr (path, ==, "/v1/enrolments");
  g_free (path);

  /* A kind that acts on something needs its id. */
  path = NULL;
  g_assert_false (chq_outbox_kind_get_request (CHQ_OUTBOX_KIND_CANCEL_ENROLMENT, NULL,
                                               &method, &path, &has_body));
  g_assert_false (chq_outbox_kind_get_request (CHQ_OUTBOX_KIND_CANCEL_ENROLMENT, "",
                                               &method, &path, &has_body));
  g_assert_null (path);
}

static void
test_outbox_newer_schema (void)
{
  g_autofree char *path = test_path ("newer.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = chq_outbox_open (path, &error);
  g_autoptr(ChqOutbox) again = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  add_order (outbox, ACCOUNT, "cf", 1, &error);
  g_clear_object (&outbox);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  again = chq_outbox_open (path, &error);
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_NEWER_SCHEMA);
  g_assert_null (again);
}

/* Version 1 had no attempt times: an entry already tried gets its creation as first
 * attempt (the earliest it can have gone), one never tried none. */
static void
test_outbox_migrate_attempts (void)
{
  g_autofree char *path = test_path ("v1.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autoptr(ChqOutboxEntry) tried = NULL;
  g_autoptr(ChqOutboxEntry) fresh = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE entries ("
                                 "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                 "  idempotency_key TEXT NOT NULL UNIQUE,"
                                 "  account_key TEXT NOT NULL, kind TEXT NOT NULL,"
                                 "  target_id TEXT, payload TEXT NOT NULL,"
                                 "  state TEXT NOT NULL DEFAULT 'pending'"
                                 "  CHECK (state IN ('pending', 'sending', 'sent', 'failed')),"
                                 "  attempts INTEGER NOT NULL DEFAULT 0, error_message TEXT,"
                                 "  error_code TEXT, error_field TEXT, result TEXT,"
                                 "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
                                 "CREATE INDEX entries_by_account ON entries"
                                 "  (account_key, state, id);"
                                 "INSERT INTO entries (idempotency_key, account_key, kind,"
                                 "  payload, state, attempts, created_at, updated_at) VALUES"
                                 "  ('k1', 'acc', 'create_order',"
                                 "   '{\"voucher_type\":\"cf\",\"quantity\":1}', 'pending', 2,"
                                 "   1000000000000000, 1000000500000000),"
                                 "  ('k2', 'acc', 'create_order',"
                                 "   '{\"voucher_type\":\"cf\",\"quantity\":2}', 'pending', 0,"
                                 "   1000000000000000, 1000000000000000);"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  outbox = chq_outbox_open (path, &error);
  g_assert_no_error (error);
  tried = chq_outbox_get_entry (outbox, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chq_outbox_entry_get_first_attempt_at (tried));
  g_assert_cmpint (g_date_time_to_unix (chq_outbox_entry_get_first_attempt_at (tried)), ==,
                   1000000000);
  g_assert_cmpint (g_date_time_to_unix (chq_outbox_entry_get_last_attempt_at (tried)), ==,
                   1000000500);
  fresh = chq_outbox_get_entry (outbox, 2, &error);
  g_assert_null (chq_outbox_entry_get_first_attempt_at (fresh));
}

static gint64 effect_clock_usec;

static gint64
effect_clock (gpointer user_data)
{
  return effect_clock_usec;
}

static ChqOrder *
order_at (const char *id,
          const char *type,
          guint       quantity,
          const char *created_at)
{
  g_autofree char *text =
    g_strdup_printf ("{\"id\":\"%s\",\"voucher_type\":\"%s\",\"quantity\":%u,"
                     "\"amount_cents\":%u,\"status\":\"awaiting_payment\","
                     "\"created_at\":\"%s\",\"paid_at\":null,\"cancelled_at\":null,"
                     "\"payment\":{\"iban\":\"BE51210000098062\","
                     "\"beneficiary\":\"Pluxee\","
                     "\"communication\":\"+++100/0012/34560+++\","
                     "\"amount_cents\":%u}}",
                     id, type, quantity, quantity * 1500, created_at, quantity * 1500);
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  ChqOrder *order = chq_order_from_json (node, &error);

  g_assert_no_error (error);
  return order;
}

/* An old entry's effect: found once, absent, or ambiguous; another entry's order and an
 * order made long after the attempts are never taken for it. */
static void
test_outbox_find_effect (void)
{
  g_autofree char *path = test_path ("effect.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = chq_outbox_open (path, &error);
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) claimed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = NULL;
  GObject *found = NULL;
  gint64 id;

  g_assert_no_error (error);
  /* 2026-11-28T11:00:00Z */
  effect_clock_usec = G_GINT64_CONSTANT (1795863600) * G_USEC_PER_SEC;
  chq_outbox_set_clock (outbox, effect_clock, NULL);
  id = add_order (outbox, ACCOUNT, "cf", 10, &error);
  g_assert_true (chq_outbox_mark_sending (outbox, id, &error));
  entry = chq_outbox_get_entry (outbox, id, &error);
  g_assert_no_error (error);

  /* Needs a check only once the first attempt is more than 29 days old. */
  now = chq_outbox_now (outbox);
  g_assert_false (chq_outbox_entry_needs_check (entry, now));
  g_clear_pointer (&now, g_date_time_unref);
  effect_clock_usec += 29 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR;
  now = chq_outbox_now (outbox);
  g_assert_true (chq_outbox_entry_needs_check (entry, now));

  g_assert_cmpint (chq_outbox_find_effect (entry, orders, NULL, NULL, NULL, &found), ==,
                   CHQ_OUTBOX_EFFECT_ABSENT);
  g_assert_null (found);

  /* Other type, other quantity, a month later: not it. */
  g_ptr_array_add (orders, order_at ("o1", "cfl", 10, "2026-11-28T12:00:05+01:00"));
  g_ptr_array_add (orders, order_at ("o2", "cf", 11, "2026-11-28T12:00:05+01:00"));
  g_ptr_array_add (orders, order_at ("o3", "cf", 10, "2026-12-28T12:00:05+01:00"));
  g_assert_cmpint (chq_outbox_find_effect (entry, orders, NULL, NULL, NULL, &found), ==,
                   CHQ_OUTBOX_EFFECT_ABSENT);

  g_ptr_array_add (orders, order_at ("o4", "cf", 10, "2026-11-28T12:00:05+01:00"));
  g_assert_cmpint (chq_outbox_find_effect (entry, orders, NULL, NULL, NULL, &found), ==,
                   CHQ_OUTBOX_EFFECT_FOUND);
  g_assert_cmpstr (chq_order_get_id (CHQ_ORDER (found)), ==, "o4");

  g_ptr_array_add (orders, order_at ("o5", "cf", 10, "2026-11-28T18:30:00+01:00"));
  g_assert_cmpint (chq_outbox_find_effect (entry, orders, NULL, NULL, NULL, &found), ==,
                   CHQ_OUTBOX_EFFECT_AMBIGUOUS);

  /* o5 is the answer of another entry: o4 is ours. */
  g_hash_table_add (claimed, (gpointer) "o5");
  g_assert_cmpint (chq_outbox_find_effect (entry, orders, NULL, NULL, claimed, &found), ==,
                   CHQ_OUTBOX_EFFECT_FOUND);
  g_assert_cmpstr (chq_order_get_id (CHQ_ORDER (found)), ==, "o4");
}

/* A damaged outbox is refused and left exactly as it was: it may hold unsent writes. */
static void
test_outbox_corrupt_kept (void)
{
  g_autofree char *path = test_path ("corrupt.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOutbox) outbox = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *after = NULL;
  gsize length, after_length;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  contents = g_strnfill (8192, 'x');
  g_assert_true (g_file_set_contents (path, contents, -1, &error));

  outbox = chq_outbox_open (path, &error);
  g_assert_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_CORRUPT);
  g_assert_null (outbox);

  length = strlen (contents);
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpuint (after_length, ==, length);
  g_assert_cmpmem (after, after_length, contents, length);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/outbox/files-private", test_outbox_files_private);
  g_test_add_func ("/outbox/add-list", test_outbox_add_list);
  g_test_add_func ("/outbox/send-cycle", test_outbox_send_cycle);
  g_test_add_func ("/outbox/edit-discard", test_outbox_edit_discard);
  g_test_add_func ("/outbox/model", test_outbox_model);
  g_test_add_func ("/outbox/thread", test_outbox_thread);
  g_test_add_func ("/outbox/add-async", test_outbox_add_async);
  g_test_add_func ("/outbox/describe", test_outbox_describe);
  g_test_add_func ("/outbox/request", test_outbox_request);
  g_test_add_func ("/outbox/newer-schema", test_outbox_newer_schema);
  g_test_add_func ("/outbox/corrupt-kept", test_outbox_corrupt_kept);
  g_test_add_func ("/outbox/migrate-attempts", test_outbox_migrate_attempts);
  g_test_add_func ("/outbox/find-effect", test_outbox_find_effect);

  return g_test_run ();
}
