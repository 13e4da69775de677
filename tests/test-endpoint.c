/* test-endpoint.c: the table of endpoints, and the outbox entry's typed getters read
 * through it and the codec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-endpoint"

#include "config.h"

#include "chq-endpoint.h"
#include "chq-enrolment.h"
#include "chq-order.h"
#include "chq-outbox-entry.h"
#include "chq-worker.h"

static void
test_endpoint_table (void)
{
  for (guint i = 0; i < CHQ_N_ENDPOINTS; i++)
    {
      const ChqEndpoint *endpoint = chq_endpoint_get (i);
      gboolean read = g_str_equal (endpoint->method, "GET");

      g_assert_cmpint (endpoint->id, ==, i);
      g_assert_true (g_str_has_prefix (endpoint->path, "/v1/"));
      /* Reads carry no key and no body; what answers a model names its type. */
      g_assert_true (!read || endpoint->key == CHQ_ENDPOINT_KEY_NONE);
      g_assert_true (!read || endpoint->request == CHQ_BODY_NONE);
      g_assert_true (read || endpoint->key != CHQ_ENDPOINT_KEY_NONE);
      g_assert_true ((endpoint->answer != CHQ_BODY_MODEL && endpoint->answer != CHQ_BODY_LIST)
                     || endpoint->model_type != NULL);
    }

  /* The two writes the service refuses without a key (docs/api.md, Idempotency). */
  g_assert_cmpint (chq_endpoint_get (CHQ_ENDPOINT_CREATE_ORDER)->key, ==,
                   CHQ_ENDPOINT_KEY_REQUIRED);
  g_assert_cmpint (chq_endpoint_get (CHQ_ENDPOINT_CREATE_ENROLMENT)->key, ==,
                   CHQ_ENDPOINT_KEY_REQUIRED);
  g_assert_cmpint (chq_endpoint_get (CHQ_ENDPOINT_CANCEL_ORDER)->key, ==,
                   CHQ_ENDPOINT_KEY_ACCEPTED);
}

static void
test_endpoint_path (void)
{
  const ChqEndpoint *cancel = chq_endpoint_get (CHQ_ENDPOINT_CANCEL_ORDER);
  const ChqEndpoint *list = chq_endpoint_get (CHQ_ENDPOINT_LIST_ORDERS);
  g_autofree char *escaped = chq_endpoint_build_path (cancel, "ord/1 ?");
  g_autofree char *plain = chq_endpoint_build_path (list, "ignored");
  g_autofree char *pay = NULL;

  g_assert_true (chq_endpoint_takes_id (cancel));
  g_assert_false (chq_endpoint_takes_id (list));
  g_assert_cmpstr (escaped, ==, "/v1/orders/ord%2F1%20%3F/cancel");
  g_assert_cmpstr (plain, ==, "/v1/orders");
  g_assert_null (chq_endpoint_build_path (cancel, NULL));
  g_assert_null (chq_endpoint_build_path (cancel, ""));

  pay = chq_endpoint_build_path (chq_endpoint_get (CHQ_ENDPOINT_SANDBOX_PAY_ORDER), "o-1");
  g_assert_cmpstr (pay, ==, "/v1/sandbox/orders/o-1/pay");
}

static ChqOutboxEntry *
entry_new (ChqOutboxKind  kind,
           const char    *payload,
           const char    *result)
{
  return g_object_new (CHQ_TYPE_OUTBOX_ENTRY,
                       "id", (gint64) 1,
                       "idempotency-key", "key-1",
                       "account-key", "0123456749 http://127.0.0.1:1",
                       "kind", kind,
                       "payload-json", payload,
                       "state", result != NULL ? CHQ_OUTBOX_STATE_SENT
                                               : CHQ_OUTBOX_STATE_PENDING,
                       "result-json", result,
                       NULL);
}

static void
test_entry_getters (void)
{
  g_autoptr(ChqOutboxEntry) order = NULL;
  g_autoptr(ChqOutboxEntry) bad_order = NULL;
  g_autoptr(ChqOutboxEntry) booking = NULL;
  g_autoptr(ChqOutboxEntry) worker = NULL;
  g_autoptr(ChqOutboxEntry) archive = NULL;

  order = entry_new (CHQ_OUTBOX_KIND_CREATE_ORDER,
                     "{\"voucher_type\":\"eco\",\"quantity\":12}", NULL);
  g_assert_cmpint (chq_outbox_entry_get_voucher_type (order), ==, CHQ_VOUCHER_TYPE_ECO);
  g_assert_cmpuint (chq_outbox_entry_get_quantity (order), ==, 12);
  g_assert_null (chq_outbox_entry_get_worker_id (order));
  g_assert_null (chq_outbox_entry_get_worker (order));
  g_assert_null (chq_outbox_entry_dup_answer (order));

  /* A payload the codec refuses has none of it. */
  bad_order = entry_new (CHQ_OUTBOX_KIND_CREATE_ORDER,
                         "{\"voucher_type\":\"eco\",\"quantity\":0}", NULL);
  g_assert_cmpuint (chq_outbox_entry_get_quantity (bad_order), ==, 0);
  g_assert_cmpint (chq_outbox_entry_get_voucher_type (bad_order), ==, CHQ_VOUCHER_TYPE_CF);

  booking = entry_new (CHQ_OUTBOX_KIND_CREATE_ENROLMENT,
                       "{\"worker_id\":\"w-1\",\"course_id\":\"c-2\",\"session_id\":\"s-3\"}",
                       NULL);
  g_assert_cmpstr (chq_outbox_entry_get_worker_id (booking), ==, "w-1");
  g_assert_cmpstr (chq_outbox_entry_get_course_id (booking), ==, "c-2");
  g_assert_cmpstr (chq_outbox_entry_get_session_id (booking), ==, "s-3");
  g_assert_cmpuint (chq_outbox_entry_get_quantity (booking), ==, 0);

  worker = entry_new (CHQ_OUTBOX_KIND_UPDATE_WORKER,
                      "{\"first_name\":\"Marie\",\"last_name\":\"Dupont\","
                      "\"status\":\"employee\",\"niss\":null,\"email\":null}", NULL);
  g_assert_nonnull (chq_outbox_entry_get_worker (worker));
  g_assert_cmpstr (chq_worker_get_first_name (chq_outbox_entry_get_worker (worker)), ==,
                   "Marie");
  g_assert_null (chq_outbox_entry_get_course_id (worker));

  archive = entry_new (CHQ_OUTBOX_KIND_ARCHIVE_WORKER, "{}", "{\"not\":\"a worker\"}");
  g_assert_null (chq_outbox_entry_get_worker (archive));
  g_assert_null (chq_outbox_entry_dup_answer (archive));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/endpoint/table", test_endpoint_table);
  g_test_add_func ("/endpoint/path", test_endpoint_path);
  g_test_add_func ("/endpoint/outbox-entry-getters", test_entry_getters);

  return g_test_run ();
}
