/* test-client-sandbox.c: every call of the client against the real sandbox on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox runs in its own thread (port 0, fixed date 2026-11-28, in-memory database);
 * the client runs on the test's main context.
 */
#define G_LOG_DOMAIN "test-client-sandbox"

#include "config.h"

#include <string.h>

#include "chq-client.h"
#include "chq-sandbox.h"
#include "chq-test-clock.h"

#define SME_NUMBER        "0123456749"
#define SELF_NUMBER       "0987654394"
#define DEMO_PASSWORD     "demo"

typedef struct {
  ChqSandbox *sandbox;
  char       *uri;
  ChqClient  *client;     /* signed in as the SME */
  GPtrArray  *keys;       /* idempotency keys made by new_key() */
} Fixture;

/* A fresh idempotency key, owned by the fixture. */
static const char *
new_key (Fixture *fixture)
{
  char *key = g_uuid_string_random ();

  g_ptr_array_add (fixture->keys, key);
  return key;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static ChqClient *
signed_in_client (const char *uri,
                  const char *enterprise_number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqAccount) account = NULL;
  ChqClient *client;

  client = chq_client_new (uri, &error);
  g_assert_no_error (error);
  chq_client_set_retry_policy (client, 8, 5, 50);

  chq_client_sign_in_async (client, enterprise_number, DEMO_PASSWORD, NULL, on_result_cb,
                            &result);
  account = chq_client_sign_in_finish (client, wait_result (&result), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chq_account_get_enterprise_number (account), ==, enterprise_number);
  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ChqSandboxOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  fixture->keys = g_ptr_array_new_with_free_func (g_free);
  options.today = "2026-11-28";
  options.seed = 7;
  options.rate_limit = 100000;
  fixture->sandbox = chq_sandbox_new (&options);
  g_assert_true (chq_sandbox_start (fixture->sandbox, &error));
  test_clock_follow (fixture->sandbox);
  g_assert_no_error (error);
  fixture->uri = chq_sandbox_dup_uri (fixture->sandbox);
  g_assert_true (g_str_has_prefix (fixture->uri, "http://127.0.0.1:"));

  fixture->client = signed_in_client (fixture->uri, SME_NUMBER);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  chq_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_clear_pointer (&fixture->uri, g_free);
  g_clear_pointer (&fixture->keys, g_ptr_array_unref);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* --- helpers that run one call ------------------------------------------------------- */

static ChqAccount *
get_account (ChqClient   *client,
             const char  *etag,
             char       **out_etag,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_client_get_account_async (client, etag, NULL, on_result_cb, &result);
  return chq_client_get_account_finish (client, wait_result (&result), out_etag, error);
}

static ChqOrder *
create_order (ChqClient      *client,
              const char     *key,
              ChqVoucherType  type,
              guint           quantity,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_client_create_order_async (client, key, type, quantity, NULL, on_result_cb, &result);
  return chq_client_create_order_finish (client, wait_result (&result), error);
}

static GPtrArray *
list_workers (ChqClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *workers;

  chq_client_list_workers_async (client, NULL, NULL, on_result_cb, &result);
  workers = chq_client_list_workers_finish (client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  return workers;
}

/* Follows the feed from the start; returns every course (id -> ChqCourse) and the last
 * cursor and ETag. */
static GHashTable *
full_feed (ChqClient  *client,
           guint       limit,
           char      **out_next,
           char      **out_etag,
           guint      *out_pages)
{
  GHashTable *courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autofree char *next = NULL;
  g_autofree char *etag = NULL;
  gboolean more = TRUE;
  guint pages = 0;

  while (more)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ChqCoursesPage) page = NULL;

      chq_client_list_courses_async (client, next, limit, NULL, NULL, on_result_cb, &result);
      g_clear_pointer (&etag, g_free);
      page = chq_client_list_courses_finish (client, wait_result (&result), &etag, &error);
      g_assert_no_error (error);
      g_assert_nonnull (etag);
      g_assert_cmpuint (page->items->len, <=, limit);

      for (guint i = 0; i < page->items->len; i++)
        {
          ChqCourse *course = page->items->pdata[i];

          g_hash_table_replace (courses, g_strdup (chq_course_get_id (course)),
                                g_object_ref (course));
        }
      for (guint i = 0; page->deleted[i] != NULL; i++)
        g_hash_table_remove (courses, page->deleted[i]);

      g_free (next);
      next = g_strdup (page->next);
      more = page->more;
      pages++;
    }

  if (out_next != NULL)
    *out_next = g_steal_pointer (&next);
  if (out_etag != NULL)
    *out_etag = g_steal_pointer (&etag);
  if (out_pages != NULL)
    *out_pages = pages;
  return courses;
}

/* --- tests ----------------------------------------------------------------------------- */

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqClient) client = chq_client_new (fixture->uri, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GDateTime) now = chq_clock_now_utc ();
  g_autofree char *token = NULL;

  g_assert_no_error (error);

  /* A wrong password: the same answer as an unknown company, and no token kept. */
  chq_client_sign_in_async (client, SME_NUMBER, "wrong", NULL, on_result_cb, &result);
  account = chq_client_sign_in_finish (client, wait_result (&result), &token, &expires_at,
                                       &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_null (account);
  g_assert_false (chq_client_has_token (client));
  g_clear_error (&error);
  g_clear_object (&result);

  /* Without a token, a call is unauthorised. */
  account = get_account (client, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
  g_assert_false (chq_client_error_is_permanent (error));
  g_clear_error (&error);

  chq_client_sign_in_async (client, SME_NUMBER, DEMO_PASSWORD, NULL, on_result_cb, &result);
  account = chq_client_sign_in_finish (client, wait_result (&result), &token, &expires_at,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chq_account_get_name (account), ==, "Atelier Mosan SRL");
  g_assert_cmpint (chq_account_get_kind (account), ==, CHQ_ACCOUNT_KIND_EMPLOYER);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), >=, 32);
  g_assert_cmpint (g_date_time_compare (expires_at, now), >, 0);
  g_clear_object (&account);

  account = get_account (client, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chq_account_get_enterprise_number (account), ==, SME_NUMBER);
  g_clear_object (&account);

  /* A token the server does not know. */
  chq_client_set_token (client, "0000000000000000000000000000000000000000000000000000000000000000");
  account = get_account (client, NULL, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
}

static void
test_sign_in_slowing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqClient) client = chq_client_new (fixture->uri, &error);

  /* After five failures in a row, even the right password waits. */
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ChqAccount) account = NULL;

      g_clear_error (&error);
      chq_client_sign_in_async (client, SME_NUMBER, i < 5 ? "wrong" : DEMO_PASSWORD, NULL,
                                on_result_cb, &result);
      account = chq_client_sign_in_finish (client, wait_result (&result), NULL, NULL, &error);
      g_assert_null (account);
      if (i < 5)
        g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED);
    }

  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_RATE_LIMITED);
  g_assert_cmpuint (chq_client_error_get_retry_after (error), >, 0);
  g_assert_nonnull (strstr (error->message, "sign in"));
  /* Sign-in carries no idempotency key: sent once each time. */
  g_assert_cmpuint (chq_client_get_request_count (client), ==, 6);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GHashTable) courses = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *next = NULL;
  g_autofree char *feed_etag = NULL;
  guint before;

  account = get_account (fixture->client, NULL, &etag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (etag);
  g_clear_object (&account);

  before = chq_client_get_request_count (fixture->client);
  account = get_account (fixture->client, etag, NULL, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_NOT_MODIFIED);
  g_assert_null (account);
  g_assert_cmpuint (chq_client_get_request_count (fixture->client), ==, before + 1);
  g_clear_error (&error);

  /* The course feed: once at its end, asking again with the ETag is a 304. */
  courses = full_feed (fixture->client, 1000, &next, &feed_etag, NULL);
  g_assert_cmpuint (g_hash_table_size (courses), >=, 20);
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqCoursesPage) page = NULL;
    g_autofree char *etag2 = NULL;

    chq_client_list_courses_async (fixture->client, next, 1000, NULL, NULL, on_result_cb,
                                   &result);
    page = chq_client_list_courses_finish (fixture->client, wait_result (&result), &etag2,
                                           &error);
    g_assert_no_error (error);
    g_assert_cmpuint (page->items->len, ==, 0);
    g_assert_false (page->more);
    g_clear_object (&result);
    g_clear_pointer (&page, chq_courses_page_free);

    chq_client_list_courses_async (fixture->client, next, 1000, etag2, NULL, on_result_cb,
                                   &result);
    page = chq_client_list_courses_finish (fixture->client, wait_result (&result), NULL,
                                           &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_NOT_MODIFIED);
    g_assert_null (page);
  }
}

static void
test_every_call (Fixture       *fixture,
                 gconstpointer  data)
{
  ChqClient *client = fixture->client;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) courses = NULL;
  g_autoptr(GPtrArray) workers = NULL;
  g_autoptr(ChqOrder) order = NULL;
  g_autoptr(ChqCourse) chosen = NULL;
  g_autoptr(ChqCourseSession) session = NULL;
  ChqWorker *eligible = NULL;
  GHashTableIter iter;
  gpointer value;
  guint pages;

  /* The feed, in small pages, holds every course once. */
  courses = full_feed (client, 7, NULL, NULL, &pages);
  g_assert_cmpuint (pages, >, 2);
  g_assert_cmpuint (g_hash_table_size (courses), >=, 60);

  /* A standard-voucher course with a session that has seats. */
  g_hash_table_iter_init (&iter, courses);
  while (chosen == NULL && g_hash_table_iter_next (&iter, NULL, &value))
    {
      GListModel *sessions = chq_course_get_sessions (value);

      if (chq_course_get_voucher_type (value) != CHQ_VOUCHER_TYPE_CF)
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (sessions); i++)
        {
          g_autoptr(ChqCourseSession) candidate = g_list_model_get_item (sessions, i);

          if (chq_course_session_get_seats_left (candidate) > 0)
            {
              chosen = g_object_ref (value);
              session = g_steal_pointer (&candidate);
              break;
            }
        }
    }
  g_assert_nonnull (chosen);

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqCourse) course = NULL;

    chq_client_get_course_async (client, chq_course_get_id (chosen), NULL, on_result_cb,
                                 &result);
    course = chq_client_get_course_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (chq_course_get_title (course), ==, chq_course_get_title (chosen));
  }

  /* Order, pay (sandbox), and see the vouchers in the wallet. */
  order = create_order (client, new_key (fixture), CHQ_VOUCHER_TYPE_CF, 40, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_order_get_status (order), ==, CHQ_ORDER_STATUS_AWAITING_PAYMENT);
  g_assert_cmpint (chq_order_get_amount_cents (order), ==, 40 * 1500);
  g_assert_cmpstr (chq_order_get_payment_iban (order), ==, "BE51210000098062");
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqOrder) paid = NULL;

    chq_client_sandbox_pay_order_async (client, chq_order_get_id (order), NULL, on_result_cb,
                                        &result);
    paid = chq_client_sandbox_pay_order_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (chq_order_get_status (paid), ==, CHQ_ORDER_STATUS_CREDITED);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqWallet) wallet = NULL;

    chq_client_get_wallet_async (client, NULL, NULL, on_result_cb, &result);
    wallet = chq_client_get_wallet_finish (client, wait_result (&result), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (wallet->batches->len, >=, 1);
    g_assert_cmpuint (wallet->totals[CHQ_VOUCHER_TYPE_CF].available, >=, 40);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) orders = NULL;
    gboolean found = FALSE;

    chq_client_list_orders_async (client, NULL, NULL, on_result_cb, &result);
    orders = chq_client_list_orders_finish (client, wait_result (&result), NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < orders->len; i++)
      found |= g_str_equal (chq_order_get_id (orders->pdata[i]), chq_order_get_id (order));
    g_assert_true (found);
  }

  /* A second order, cancelled; cancelling it again is refused. */
  {
    g_autoptr(ChqOrder) second = create_order (client, new_key (fixture),
                                               CHQ_VOUCHER_TYPE_ECO, 3, &error);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqOrder) cancelled = NULL;
    g_autofree char *key = g_uuid_string_random ();

    g_assert_no_error (error);
    chq_client_cancel_order_async (client, chq_order_get_id (second), key, NULL, on_result_cb,
                                   &result);
    cancelled = chq_client_cancel_order_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (chq_order_get_status (cancelled), ==, CHQ_ORDER_STATUS_CANCELLED);
    g_clear_object (&result);
    g_clear_object (&cancelled);

    chq_client_cancel_order_async (client, chq_order_get_id (order), NULL, NULL, on_result_cb,
                                   &result);
    cancelled = chq_client_cancel_order_finish (client, wait_result (&result), &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
    g_assert_cmpstr (chq_client_error_get_code (error), ==, "not_cancellable");
    g_assert_cmpuint (chq_client_error_get_status (error), ==, 409);
    g_clear_error (&error);
  }

  /* Workers: add, edit, archive. */
  {
    g_autoptr(ChqWorker) worker = chq_worker_new ();
    g_autoptr(ChqWorker) created = NULL;
    g_autoptr(ChqWorker) updated = NULL;
    g_autoptr(ChqWorker) archived = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    chq_worker_set_first_name (worker, "Élise");
    chq_worker_set_last_name (worker, "Thiry");
    chq_worker_set_status (worker, CHQ_WORKER_STATUS_EMPLOYEE);
    chq_worker_set_email (worker, "elise.thiry@ateliermosan.be");
    chq_client_create_worker_async (client, new_key (fixture), worker, NULL,
                                    on_result_cb, &result);
    created = chq_client_create_worker_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (chq_worker_get_first_name (created), ==, "Élise");
    g_clear_object (&result);

    chq_worker_set_last_name (worker, "Thiry-Lambot");
    chq_client_update_worker_async (client, NULL, chq_worker_get_id (created), worker, NULL,
                                    on_result_cb, &result);
    updated = chq_client_update_worker_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (chq_worker_get_last_name (updated), ==, "Thiry-Lambot");
    g_clear_object (&result);

    chq_client_archive_worker_async (client, NULL, chq_worker_get_id (created), NULL,
                                     on_result_cb, &result);
    archived = chq_client_archive_worker_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_true (chq_worker_get_archived (archived));
  }

  workers = list_workers (client);
  for (guint i = 0; i < workers->len && eligible == NULL; i++)
    if (chq_worker_get_status (workers->pdata[i]) == CHQ_WORKER_STATUS_EMPLOYEE
        && !chq_worker_get_archived (workers->pdata[i]))
      eligible = workers->pdata[i];
  g_assert_nonnull (eligible);

  /* Book, list, record attendance; book again and cancel. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqEnrolment) enrolment = NULL;
    g_autoptr(ChqEnrolment) attended = NULL;
    g_autoptr(GPtrArray) enrolments = NULL;
    g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (ChqAttendanceDay));
    g_autofree char *day = g_date_time_format (chq_course_session_get_starts_at (session),
                                               "%Y-%m-%d");
    ChqAttendanceDay attendance = { { 0 }, 4.0 };
    int year = g_date_time_get_year (chq_course_session_get_starts_at (session));
    gboolean found = FALSE;

    chq_client_create_enrolment_async (client, new_key (fixture),
                                       chq_worker_get_id (eligible),
                                       chq_course_get_id (chosen),
                                       chq_course_session_get_id (session),
                                       NULL, on_result_cb, &result);
    enrolment = chq_client_create_enrolment_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (chq_enrolment_get_status (enrolment), ==, CHQ_ENROLMENT_STATUS_BOOKED);
    g_assert_nonnull (chq_enrolment_get_usage_code (enrolment));
    g_assert_cmpuint (chq_enrolment_get_vouchers_reserved (enrolment), ==,
                      chq_course_get_hours (chosen));
    g_clear_object (&result);

    chq_client_list_enrolments_async (client, year, NULL, NULL, on_result_cb, &result);
    enrolments = chq_client_list_enrolments_finish (client, wait_result (&result), NULL,
                                                    &error);
    g_assert_no_error (error);
    for (guint i = 0; i < enrolments->len; i++)
      found |= g_str_equal (chq_enrolment_get_id (enrolments->pdata[i]),
                            chq_enrolment_get_id (enrolment));
    g_assert_true (found);
    g_clear_object (&result);

    /* Attendance is recorded once the day has come (a new day: sign in again). */
    g_assert_true (chq_sandbox_set_today (fixture->sandbox, day));
    {
      g_autoptr(ChqAccount) account = NULL;

      chq_client_sign_in_async (client, SME_NUMBER, DEMO_PASSWORD, NULL, on_result_cb,
                                &result);
      account = chq_client_sign_in_finish (client, wait_result (&result), NULL, NULL, &error);
      g_assert_no_error (error);
      g_clear_object (&result);
    }
    g_strlcpy (attendance.date, day, sizeof attendance.date);
    g_array_append_val (days, attendance);
    chq_client_record_attendance_async (client, new_key (fixture),
                                        chq_enrolment_get_id (enrolment), days, NULL,
                                        on_result_cb, &result);
    attended = chq_client_record_attendance_finish (client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (chq_enrolment_get_status (attended), ==, CHQ_ENROLMENT_STATUS_ATTENDED);
    g_assert_cmpfloat (chq_enrolment_get_hours_attended (attended), ==, 4.0);
    g_clear_object (&result);
    g_clear_object (&enrolment);

    chq_client_create_enrolment_async (client, new_key (fixture),
                                       chq_worker_get_id (eligible),
                                       chq_course_get_id (chosen),
                                       chq_course_session_get_id (session),
                                       NULL, on_result_cb, &result);
    enrolment = chq_client_create_enrolment_finish (client, wait_result (&result), &error);
    if (enrolment == NULL)
      {
        /* Already booked on that session, even though attended: a clear refusal. */
        g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
        g_assert_nonnull (chq_client_error_get_code (error));
        g_clear_error (&error);
      }
    else
      {
        g_autoptr(ChqEnrolment) cancelled = NULL;

        g_clear_object (&result);
        chq_client_cancel_enrolment_async (client, NULL, chq_enrolment_get_id (enrolment),
                                           NULL, on_result_cb, &result);
        cancelled = chq_client_cancel_enrolment_finish (client, wait_result (&result), &error);
        g_assert_no_error (error);
        g_assert_cmpint (chq_enrolment_get_status (cancelled), ==,
                         CHQ_ENROLMENT_STATUS_CANCELLED);
      }
  }

  /* An enrolment of a worker who may not be trained is refused naming the field. */
  for (guint i = 0; i < workers->len; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(ChqEnrolment) enrolment = NULL;

      if (chq_worker_get_status (workers->pdata[i]) != CHQ_WORKER_STATUS_STUDENT)
        continue;

      chq_client_create_enrolment_async (client, new_key (fixture),
                                         chq_worker_get_id (workers->pdata[i]),
                                         chq_course_get_id (chosen),
                                         chq_course_session_get_id (session),
                                         NULL, on_result_cb, &result);
      enrolment = chq_client_create_enrolment_finish (client, wait_result (&result), &error);
      g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
      g_assert_cmpstr (chq_client_error_get_field (error), ==, "worker_id");
      g_assert_true (chq_client_error_is_permanent (error));
      g_clear_error (&error);
    }
}

static void
test_ceiling (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(ChqOrder) order = NULL;
  g_autofree char *left_text = NULL;
  guint left;

  account = get_account (fixture->client, NULL, NULL, &error);
  g_assert_no_error (error);
  left = chq_account_get_ceiling (account, CHQ_VOUCHER_TYPE_CFL)
         - chq_account_get_ordered_this_year (account, CHQ_VOUCHER_TYPE_CFL);
  g_assert_cmpuint (left, >, 1);

  /* One past what is left: refused, with the number left in the error and its message. */
  order = create_order (fixture->client, new_key (fixture), CHQ_VOUCHER_TYPE_CFL,
                        left + 1, &error);
  g_assert_null (order);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
  g_assert_cmpstr (chq_client_error_get_code (error), ==, "ceiling_exceeded");
  g_assert_cmpstr (chq_client_error_get_field (error), ==, "quantity");
  g_assert_cmpint (chq_client_error_get_left (error), ==, left);
  g_assert_cmpuint (chq_client_error_get_status (error), ==, 422);
  left_text = g_strdup_printf ("%u", left);
  g_assert_nonnull (strstr (error->message, left_text));
  g_assert_true (chq_client_error_is_permanent (error));
  g_clear_error (&error);

  /* Exactly what is left is accepted. */
  order = create_order (fixture->client, new_key (fixture), CHQ_VOUCHER_TYPE_CFL, left,
                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chq_order_get_quantity (order), ==, left);
}

static void
test_idempotent_replay (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOrder) first = NULL;
  g_autoptr(ChqOrder) again = NULL;
  g_autoptr(ChqOrder) other = NULL;
  g_autofree char *key = g_uuid_string_random ();

  first = create_order (fixture->client, key, CHQ_VOUCHER_TYPE_CF, 5, &error);
  g_assert_no_error (error);
  again = create_order (fixture->client, key, CHQ_VOUCHER_TYPE_CF, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chq_order_get_id (first), ==, chq_order_get_id (again));

  /* The same key with another body is a conflict, and final. */
  other = create_order (fixture->client, key, CHQ_VOUCHER_TYPE_CF, 6, &error);
  g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
  g_assert_cmpstr (chq_client_error_get_code (error), ==, "conflict");
  g_assert_true (chq_client_error_is_permanent (error));
}

static void
test_isolation (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqClient) other = signed_in_client (fixture->uri, SELF_NUMBER);
  g_autoptr(ChqOrder) order = NULL;
  g_autoptr(GPtrArray) workers = list_workers (fixture->client);
  g_autoptr(GPtrArray) own_workers = list_workers (other);
  ChqWorker *worker = workers->pdata[0];

  order = create_order (fixture->client, new_key (fixture), CHQ_VOUCHER_TYPE_CF, 2,
                        &error);
  g_assert_no_error (error);

  /* The self-employed account sees only its holder. */
  g_assert_cmpuint (own_workers->len, ==, 1);
  g_assert_cmpstr (chq_worker_get_id (own_workers->pdata[0]), !=, chq_worker_get_id (worker));

  /* Another company's ids are unknown to it: 404 not_found, nothing changed. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqOrder) cancelled = NULL;

    chq_client_cancel_order_async (other, chq_order_get_id (order), NULL, NULL, on_result_cb,
                                   &result);
    cancelled = chq_client_cancel_order_finish (other, wait_result (&result), &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
    g_assert_cmpstr (chq_client_error_get_code (error), ==, "not_found");
    g_assert_cmpuint (chq_client_error_get_status (error), ==, 404);
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqWorker) updated = NULL;

    chq_client_update_worker_async (other, NULL, chq_worker_get_id (worker), worker, NULL,
                                    on_result_cb, &result);
    updated = chq_client_update_worker_finish (other, wait_result (&result), &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
    g_assert_cmpstr (chq_client_error_get_code (error), ==, "not_found");
    g_clear_error (&error);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqWorker) archived = NULL;

    chq_client_archive_worker_async (other, NULL, chq_worker_get_id (worker), NULL,
                                     on_result_cb, &result);
    archived = chq_client_archive_worker_finish (other, wait_result (&result), &error);
    g_assert_error (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED);
    g_assert_cmpstr (chq_client_error_get_code (error), ==, "not_found");
    g_clear_error (&error);
  }

  /* The order is still awaiting payment for its owner. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ChqOrder) cancelled = NULL;

    chq_client_cancel_order_async (fixture->client, chq_order_get_id (order), NULL, NULL,
                                   on_result_cb, &result);
    cancelled = chq_client_cancel_order_finish (fixture->client, wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (chq_order_get_status (cancelled), ==, CHQ_ORDER_STATUS_CANCELLED);
  }
}

static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GHashTable) clean = NULL;
  g_autoptr(GHashTable) faulty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqOrder) first = NULL;
  g_autoptr(ChqOrder) second = NULL;
  g_autofree char *key = g_uuid_string_random ();
  guint sent_before;

  clean = full_feed (fixture->client, 10, NULL, NULL, NULL);

  /* A third of the answers are 503s and a tenth of the connections drop: the retries
   * carry every call through, to the same result. */
  chq_sandbox_set_faults (fixture->sandbox, 0.3, 0.1, 0);
  chq_client_set_retry_policy (fixture->client, 20, 2, 20);
  sent_before = chq_client_get_request_count (fixture->client);
  faulty = full_feed (fixture->client, 10, NULL, NULL, NULL);
  g_assert_cmpuint (g_hash_table_size (faulty), ==, g_hash_table_size (clean));
  g_assert_cmpuint (chq_client_get_request_count (fixture->client) - sent_before, >,
                    g_hash_table_size (clean) / 10);

  /* A write with a key, retried through the faults, is applied once. */
  first = create_order (fixture->client, key, CHQ_VOUCHER_TYPE_ECO, 2, &error);
  g_assert_no_error (error);
  chq_sandbox_set_faults (fixture->sandbox, 0, 0, 0);
  second = create_order (fixture->client, key, CHQ_VOUCHER_TYPE_ECO, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chq_order_get_id (first), ==, chq_order_get_id (second));
}

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  GString **text = user_data;

  /* The sandbox logs from its own thread. */
  G_LOCK_DEFINE_STATIC (capture);

  G_LOCK (capture);
  if (*text == NULL)
    {
      G_UNLOCK (capture);
      return g_log_writer_default (log_level, fields, n_fields, NULL);
    }
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append (*text, fields[i].value);
      else
        g_string_append_len (*text, fields[i].value, fields[i].length);
      g_string_append_c (*text, '\n');
    }
  G_UNLOCK (capture);
  return G_LOG_WRITER_HANDLED;
}

static void
test_token_not_logged (void)
{
  ChqSandboxOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqSandbox) sandbox = NULL;
  g_autoptr(ChqClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(ChqAccount) again = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  g_autofree char *log = NULL;
  static GString *text;

  if (!g_test_subprocess ())
    {
      /* A log writer can be set once per process: in a child. The variable is set there,
       * not here: changing the environment once threads run logs a warning to stdout,
       * which the TAP reader does not understand. */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  text = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, &text, NULL);

  options.today = "2026-11-28";
  sandbox = chq_sandbox_new (&options);
  g_assert_true (chq_sandbox_start (sandbox, &error));
  test_clock_follow (sandbox);
  uri = chq_sandbox_dup_uri (sandbox);
  client = chq_client_new (uri, &error);
  g_assert_no_error (error);

  chq_client_sign_in_async (client, SME_NUMBER, DEMO_PASSWORD, NULL, on_result_cb, &result);
  account = chq_client_sign_in_finish (client, wait_result (&result), &token, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  again = get_account (client, NULL, NULL, &error);
  g_assert_no_error (error);

  chq_sandbox_stop (sandbox);

  /* Client and server both logged (so the check means something), never the token nor
   * the password's request body. */
  /* Stopped: the server thread is gone, and from here on messages print as usual. */
  log = g_string_free (g_steal_pointer (&text), FALSE);
  g_assert_nonnull (strstr (log, "/v1/sessions"));
  g_assert_null (strstr (log, token));
  g_assert_null (strstr (log, "Bearer"));
  g_assert_null (strstr (log, "\"password\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/client/sandbox/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("sign-in", test_sign_in);
  ADD ("sign-in-slowing", test_sign_in_slowing);
  ADD ("not-modified", test_not_modified);
  ADD ("every-call", test_every_call);
  ADD ("ceiling", test_ceiling);
  ADD ("idempotent-replay", test_idempotent_replay);
  ADD ("isolation", test_isolation);
  ADD ("faults", test_faults);
#undef ADD
  g_test_add_func ("/client/sandbox/token-not-logged", test_token_not_logged);

  return g_test_run ();
}
