/* test-ui-vouchers.c: the Vouchers page against the sandbox: figures, ordering within the
 * ceiling, payment instructions, cancelling, offline orders, expiring vouchers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-vouchers"

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "chq-backend.h"
#include "chq-batch-row.h"
#include "chq-ident.h"
#include "chq-money.h"
#include "chq-order-row.h"
#include "chq-sandbox.h"
#include "chq-test-sync-utils.h"
#include "chq-vouchers-logic.h"
#include "chq-vouchers-page.h"
#include "chq-test-clock.h"

typedef struct {
  ChqSandbox      *sandbox;   /* owned */
  char            *uri;       /* owned */
  char            *tmp_dir;   /* owned */
  ChqBackend      *backend;   /* owned */
  ChqClient       *checker;   /* owned: asks the sandbox directly, to compare */
  GtkWindow       *window;    /* owned (the toplevel list holds it) */
  ChqVouchersPage *page;      /* unowned: in the window */
} Fixture;

/* Waiting */

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @check (data) holds, failing the test after ten seconds. */
static void
wait_until (gboolean (*check) (gpointer data),
            gpointer data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, on_timeout_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
sync_now (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_sync_run (chq_backend_get_sync (fixture->backend), &error));
  g_assert_no_error (error);
}

/* The sandbox's own answers */

static ChqWallet *
server_wallet (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChqWallet *wallet;

  chq_client_get_wallet_async (fixture->checker, NULL, NULL, on_done_cb, &result);
  wait_until (result_arrived, &result);
  wallet = chq_client_get_wallet_finish (fixture->checker, result, NULL, &error);
  g_assert_no_error (error);

  return wallet;
}

static ChqAccount *
server_account (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChqAccount *account;

  chq_client_get_account_async (fixture->checker, NULL, NULL, on_done_cb, &result);
  wait_until (result_arrived, &result);
  account = chq_client_get_account_finish (fixture->checker, result, NULL, &error);
  g_assert_no_error (error);

  return account;
}

static GPtrArray *
server_enrolments (Fixture *fixture,
                   int      year)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *enrolments;

  chq_client_list_enrolments_async (fixture->checker, year, NULL, NULL, on_done_cb, &result);
  wait_until (result_arrived, &result);
  enrolments = chq_client_list_enrolments_finish (fixture->checker, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (enrolments);

  return enrolments;
}

/* The vouchers of @type the sandbox's attended enrolments of @year used, counted here
 * rather than with the page's own function. */
static guint
server_used_in_year (GPtrArray      *enrolments,
                     ChqVoucherType  type,
                     int             year)
{
  guint used = 0;

  for (guint i = 0; i < enrolments->len; i++)
    {
      ChqEnrolment *enrolment = g_ptr_array_index (enrolments, i);
      GDateTime *starts_at = chq_enrolment_get_starts_at (enrolment);

      if (chq_enrolment_get_status (enrolment) == CHQ_ENROLMENT_STATUS_ATTENDED &&
          chq_enrolment_get_voucher_type (enrolment) == type &&
          starts_at != NULL && g_date_time_get_year (starts_at) == year)
        used += chq_enrolment_get_vouchers_used (enrolment);
    }

  return used;
}

/* Every figure of every card against the sandbox's wallet, account and enrolments (those
 * of the year of the page's day, for the vouchers used this year). */
static void
assert_figures_agree (Fixture *fixture)
{
  g_autoptr(ChqWallet) wallet = server_wallet (fixture);
  g_autoptr(ChqAccount) account = server_account (fixture);
  g_autoptr(GPtrArray) enrolments = NULL;
  GDate today;
  int year;

  g_assert_true (chq_vouchers_parse_date (chq_vouchers_page_get_today (fixture->page), &today));
  year = g_date_get_year (&today);
  enrolments = server_enrolments (fixture, year);

  for (ChqVoucherType type = 0; type < CHQ_N_VOUCHER_TYPES; type++)
    {
      const ChqWalletFigures *figures = chq_vouchers_page_get_figures (fixture->page, type);
      g_autofree char *earliest = NULL;
      guint expiring;

      if (chq_account_get_ceiling (account, type) == 0 &&
          wallet->totals[type].available + wallet->totals[type].reserved +
          wallet->totals[type].used == 0)
        {
          g_assert_null (figures);
          continue;
        }

      g_assert_nonnull (figures);
      g_assert_cmpuint (figures->available, ==, wallet->totals[type].available);
      g_assert_cmpuint (figures->reserved, ==, wallet->totals[type].reserved);
      /* Used this year: the wallet's total counts the years before too. */
      g_assert_cmpuint (figures->used, ==, server_used_in_year (enrolments, type, year));
      g_assert_cmpuint (figures->used, <=, wallet->totals[type].used);
      g_assert_cmpuint (figures->ceiling, ==, chq_account_get_ceiling (account, type));
      g_assert_cmpuint (figures->ordered, ==, chq_account_get_ordered_this_year (account, type));
      expiring = chq_vouchers_count_expiring (wallet->batches, (int) type, &today, 60, &earliest);
      g_assert_cmpuint (figures->expiring, ==, expiring);
      g_assert_cmpstr (figures->earliest_expiry, ==, earliest);
    }

  g_assert_cmpuint (g_list_model_get_n_items (chq_vouchers_page_get_batches (fixture->page)), ==,
                    wallet->batches->len);
}

/* Widgets */

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static GPtrArray *
find_widgets (Fixture *fixture,
              GType    type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (fixture->page), type, found);
  return found;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
payment_dialog_shown (gpointer data)
{
  return find_toplevel (CHQ_TYPE_PAYMENT_DIALOG) != NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
close_dialogs (void)
{
  GtkWindow *window;

  while ((window = find_toplevel (CHQ_TYPE_PAYMENT_DIALOG)) != NULL ||
         (window = find_toplevel (CHQ_TYPE_ORDER_DIALOG)) != NULL)
    gtk_window_close (window);
  test_iterate_pending ();
}

/* The history's item for an order id, or the first waiting outbox entry for NULL. */
static GObject *
find_order_item (Fixture    *fixture,
                 const char *order_id)
{
  GListModel *orders = chq_vouchers_page_get_orders (fixture->page);

  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (orders, i);

      if (order_id == NULL && CHQ_IS_OUTBOX_ENTRY (item))
        return item;
      if (order_id != NULL && CHQ_IS_ORDER (item) &&
          g_strcmp0 (chq_order_get_id (CHQ_ORDER (item)), order_id) == 0)
        return item;
    }

  return NULL;
}

/* The row showing the order, as the list view made it. */
static ChqOrderRow *
find_order_row (Fixture    *fixture,
                const char *title,
                const char *status)
{
  g_autoptr(GPtrArray) rows = find_widgets (fixture, CHQ_TYPE_ORDER_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (chq_order_row_get_title (g_ptr_array_index (rows, i)), title) == 0 &&
        (status == NULL ||
         g_strcmp0 (chq_order_row_get_status_text (g_ptr_array_index (rows, i)), status) == 0))
      return g_ptr_array_index (rows, i);

  return NULL;
}

typedef struct {
  Fixture    *fixture;
  const char *title;
  const char *status;
} RowQuery;

static gboolean
order_row_shown (gpointer data)
{
  RowQuery *query = data;

  return find_order_row (query->fixture, query->title, query->status) != NULL;
}

static gboolean
page_is_ready (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (chq_vouchers_page_get_state (fixture->page), "ready") == 0 &&
         chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF) != NULL &&
         chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF)->ceiling > 0 &&
         g_list_model_get_n_items (chq_vouchers_page_get_batches (fixture->page)) > 0 &&
         g_list_model_get_n_items (chq_vouchers_page_get_orders (fixture->page)) > 0;
}

/* The page has read what the last sync stored (account, wallet and orders). */
static void
wait_for_page (Fixture *fixture)
{
  test_iterate_pending ();
  wait_until (page_is_ready, fixture);
  /* The reads started by the last "changed" signals. */
  for (guint i = 0; i < 20; i++)
    {
      test_iterate_pending ();
      g_usleep (5 * 1000);
    }
}

/* Fixture */

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  /* The sandbox's day and the page's: TEST_TODAY unless the test says another. */
  const char *today = data != NULL ? data : TEST_TODAY;
  ChqSandboxOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *outbox_path = NULL;
  GDate date;

  g_assert_true (chq_vouchers_parse_date (today, &date));
  options.today = today;
  options.rate_limit = 10000;
  fixture->sandbox = chq_sandbox_new (&options);
  g_assert_true (chq_sandbox_start (fixture->sandbox, &error));
  test_clock_follow (fixture->sandbox);
  g_assert_no_error (error);
  fixture->uri = chq_sandbox_dup_uri (fixture->sandbox);

  fixture->tmp_dir = g_dir_make_tmp ("test-ui-vouchers-XXXXXX", &error);
  g_assert_no_error (error);
  outbox_path = g_build_filename (fixture->tmp_dir, "outbox.db", NULL);

  fixture->backend = chq_backend_new (fixture->uri, "demo-vouchers", TEST_ENTERPRISE, outbox_path,
                                      &error);
  g_assert_no_error (error);
  chq_backend_set_demo (fixture->backend, TRUE);
  chq_client_set_retry_policy (chq_backend_get_client (fixture->backend), 2, 10, 50);
  chq_backend_sign_in_async (fixture->backend, TEST_PASSWORD, NULL, on_signed_in_cb, &result);
  wait_until (result_arrived, &result);
  g_assert_true (chq_backend_sign_in_finish (fixture->backend, result, &error));
  g_assert_no_error (error);
  chq_sync_set_current_year (chq_backend_get_sync (fixture->backend), g_date_get_year (&date));
  sync_now (fixture);

  fixture->checker = test_client_new_signed_in (fixture->uri);

  fixture->page = CHQ_VOUCHERS_PAGE (chq_vouchers_page_new ());
  chq_vouchers_page_set_today (fixture->page, today);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 1400);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);

  g_assert_cmpstr (chq_vouchers_page_get_state (fixture->page), ==, "no-account");
  chq_vouchers_page_set_backend (fixture->page, fixture->backend);
  wait_for_page (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_dialogs ();
  chq_vouchers_page_set_backend (fixture->page, NULL);
  g_assert_cmpstr (chq_vouchers_page_get_state (fixture->page), ==, "no-account");
  gtk_window_destroy (fixture->window);
  test_iterate_pending ();

  g_clear_object (&fixture->checker);
  g_clear_object (&fixture->backend);
  chq_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_free (fixture->uri);

  {
    g_autoptr(GDir) dir = g_dir_open (fixture->tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (fixture->tmp_dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (fixture->tmp_dir);
  g_free (fixture->tmp_dir);
}

/* Every outbox entry of the account, whatever its state (the sync may have sent it). */
static guint
count_outbox_entries (Fixture *fixture)
{
  g_autoptr(GPtrArray) entries = chq_outbox_list (chq_backend_get_outbox (fixture->backend),
                                                  chq_backend_get_account_key (fixture->backend),
                                                  CHQ_OUTBOX_STATES_ALL);

  return entries->len;
}

/* Order @quantity of @type through the dialog, as a person would: returns the outbox entry
 * count afterwards. */
static ChqOrderDialog *
open_order_dialog (Fixture *fixture)
{
  ChqOrderDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "vouchers.order", NULL));
  test_iterate_pending ();
  dialog = CHQ_ORDER_DIALOG (find_toplevel (CHQ_TYPE_ORDER_DIALOG));
  g_assert_nonnull (dialog);

  return dialog;
}

static void
order_through_dialog (Fixture        *fixture,
                      ChqVoucherType  type,
                      guint           quantity)
{
  ChqOrderDialog *dialog = open_order_dialog (fixture);
  guint before = count_outbox_entries (fixture);

  g_assert_true (chq_order_dialog_set_voucher_type (dialog, type));
  chq_order_dialog_set_quantity (dialog, quantity);
  g_assert_cmpuint (chq_order_dialog_get_quantity (dialog), ==, quantity);
  g_assert_true (chq_order_dialog_get_can_order (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "order.confirm", NULL));
  test_iterate_pending ();
  g_assert_null (find_toplevel (CHQ_TYPE_ORDER_DIALOG));
  g_assert_cmpuint (count_outbox_entries (fixture), ==, before + 1);
}

/* The id of @worker_id's booking on @session_id, as the store has it after a sync. */
static char *
find_booking (Fixture    *fixture,
              const char *session_id,
              const char *worker_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;

  enrolments = chq_store_list_enrolments (chq_backend_get_store (fixture->backend), TEST_YEAR,
                                          &error);
  g_assert_no_error (error);
  for (guint i = 0; i < enrolments->len; i++)
    {
      ChqEnrolment *enrolment = g_ptr_array_index (enrolments, i);

      if (g_strcmp0 (chq_enrolment_get_session_id (enrolment), session_id) == 0 &&
          chq_enrolment_get_status (enrolment) == CHQ_ENROLMENT_STATUS_BOOKED &&
          g_strcmp0 (chq_enrolment_get_worker_id (enrolment), worker_id) == 0)
        return g_strdup (chq_enrolment_get_id (enrolment));
    }

  return NULL;
}

/* Tests */

static void
test_figures_agree (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = NULL;
  ChqPaymentDialog *payment;
  g_autoptr(ChqCourse) course = NULL;
  g_autoptr(ChqCourseSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const ChqWalletFigures *figures;
  guint reserved_before, used_before;
  g_autofree char *enrolment_id = NULL;

  /* The demo SME has standard and languages vouchers to order, and Eco-Climat too. */
  assert_figures_agree (fixture);
  cards = find_widgets (fixture, CHQ_TYPE_WALLET_CARD);
  g_assert_cmpuint (cards->len, ==, 3);

  /* Order */
  order_through_dialog (fixture, CHQ_VOUCHER_TYPE_CF, 20);
  sync_now (fixture);
  wait_until (payment_dialog_shown, NULL);
  wait_for_page (fixture);
  assert_figures_agree (fixture);

  /* Pay (the sandbox's simulated transfer) */
  payment = CHQ_PAYMENT_DIALOG (find_toplevel (CHQ_TYPE_PAYMENT_DIALOG));
  g_assert_true (chq_payment_dialog_can_simulate (payment));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (payment), "payment.simulate", NULL));
  while (chq_order_get_status (chq_payment_dialog_get_order (payment)) != CHQ_ORDER_STATUS_CREDITED)
    g_main_context_iteration (NULL, TRUE);
  sync_now (fixture);
  wait_for_page (fixture);
  assert_figures_agree (fixture);
  close_dialogs ();

  /* Book: reserves the course's hours */
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
  reserved_before = figures->reserved;
  course = chq_store_get_course (chq_backend_get_store (fixture->backend), "crs-ai-0003", &error);
  g_assert_no_error (error);
  g_assert_nonnull (course);
  g_assert_cmpuint (g_list_model_get_n_items (chq_course_get_sessions (course)), >, 0);
  session = g_list_model_get_item (chq_course_get_sessions (course), 0);
  g_assert_cmpint (chq_backend_book (fixture->backend, "wrk-0001", "crs-ai-0003",
                                     chq_course_session_get_id (session), &error), >, 0);
  g_assert_no_error (error);
  sync_now (fixture);
  wait_for_page (fixture);
  assert_figures_agree (fixture);
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (figures->reserved, ==, reserved_before + chq_course_get_hours (course));

  /* Attend half a day: four hours used, the rest released */
  enrolment_id = find_booking (fixture, chq_course_session_get_id (session), "wrk-0001");
  g_assert_nonnull (enrolment_id);
  {
    g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (ChqAttendanceDay));
    g_autofree char *date = g_date_time_format (chq_course_session_get_starts_at (session), "%Y-%m-%d");
    ChqAttendanceDay day = { { 0 }, 4.0 };

    g_strlcpy (day.date, date, sizeof day.date);
    g_array_append_val (days, day);
    g_assert_cmpint (chq_backend_record_attendance (fixture->backend, enrolment_id, days, &error), >, 0);
    g_assert_no_error (error);
  }
  used_before = figures->used;
  /* Attendance is sent once the day has come (the service refuses days to come); the
   * clock then goes back to the page's day. */
  {
    g_autofree char *date = g_date_time_format (chq_course_session_get_starts_at (session),
                                                "%Y-%m-%d");

    g_autoptr(GAsyncResult) result = NULL;

    g_assert_true (chq_sandbox_set_today (fixture->sandbox, date));
    /* A new day: sign in again, as the app would. */
    chq_backend_sign_in_async (fixture->backend, TEST_PASSWORD, NULL, on_signed_in_cb, &result);
    wait_until (result_arrived, &result);
    g_assert_true (chq_backend_sign_in_finish (fixture->backend, result, &error));
    g_assert_no_error (error);
    sync_now (fixture);
    g_assert_true (chq_sandbox_set_today (fixture->sandbox,
                                          chq_vouchers_page_get_today (fixture->page)));
    /* The sign-in of that day dropped the sessions that had expired by then. */
    g_clear_object (&fixture->checker);
    fixture->checker = test_client_new_signed_in (fixture->uri);
    sync_now (fixture);
  }
  wait_for_page (fixture);
  assert_figures_agree (fixture);
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (figures->reserved, ==, reserved_before);
  g_assert_cmpuint (figures->used, ==, used_before + 4);
  g_clear_pointer (&enrolment_id, g_free);

  /* Book another worker, then cancel: the reservation comes and goes */
  g_assert_cmpint (chq_backend_book (fixture->backend, "wrk-0002", "crs-ai-0003",
                                     chq_course_session_get_id (session), &error), >, 0);
  g_assert_no_error (error);
  sync_now (fixture);
  wait_for_page (fixture);
  assert_figures_agree (fixture);
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (figures->reserved, ==, reserved_before + chq_course_get_hours (course));

  enrolment_id = find_booking (fixture, chq_course_session_get_id (session), "wrk-0002");
  g_assert_nonnull (enrolment_id);
  g_assert_cmpint (chq_backend_cancel_booking (fixture->backend, enrolment_id, &error), >, 0);
  g_assert_no_error (error);
  sync_now (fixture);
  wait_for_page (fixture);
  assert_figures_agree (fixture);
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (figures->reserved, ==, reserved_before);
}

/* The demo's attended training was 53 days before the sandbox's day: early in January,
 * that is last year. The card counts the vouchers used this year, not the wallet's total. */
static void
test_used_this_year (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ChqWallet) wallet = server_wallet (fixture);
  const ChqWalletFigures *figures;
  guint used_ever = wallet->totals[CHQ_VOUCHER_TYPE_CF].used;

  assert_figures_agree (fixture);
  g_assert_cmpuint (used_ever, >, 0);
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
  g_assert_nonnull (figures);
  g_assert_cmpuint (figures->used, ==, 0);

  /* Back to last year (the sync keeps the year before too): that use is the year's. */
  chq_vouchers_page_set_today (fixture->page, TEST_TODAY);
  wait_for_page (fixture);
  assert_figures_agree (fixture);
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (figures->used, ==, used_ever);
}

static void
test_ceiling (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ChqAccount) account = server_account (fixture);
  ChqOrderDialog *dialog;
  guint left = chq_account_get_ceiling_left (account, CHQ_VOUCHER_TYPE_CFL);
  guint unsent;
  ChqOrderSplit split;

  g_assert_cmpuint (left, >, 1);

  /* The spin button stops at what the ceiling leaves, and says so. */
  dialog = open_order_dialog (fixture);
  g_assert_true (chq_order_dialog_set_voucher_type (dialog, CHQ_VOUCHER_TYPE_CFL));
  g_assert_cmpuint (chq_order_dialog_get_max (dialog), ==, left);
  chq_order_dialog_set_quantity (dialog, left + 500);
  g_assert_cmpuint (chq_order_dialog_get_quantity (dialog), ==, left);
  g_assert_true (chq_order_dialog_get_can_order (dialog));
  g_assert_nonnull (strstr (chq_order_dialog_get_message (dialog), "all this year’s ceiling leaves"));
  chq_order_dialog_get_split (dialog, &split);
  g_assert_cmpuint (split.quantity, ==, left);
  gtk_window_close (GTK_WINDOW (dialog));

  /* Ordering all of it offline: the waiting order counts at once. */
  chq_sandbox_set_faults (fixture->sandbox, 0.0, 1.0, 0);
  order_through_dialog (fixture, CHQ_VOUCHER_TYPE_CFL, left);
  dialog = open_order_dialog (fixture);
  g_assert_true (chq_order_dialog_set_voucher_type (dialog, CHQ_VOUCHER_TYPE_CFL));
  g_assert_cmpuint (chq_order_dialog_get_max (dialog), ==, 0);
  g_assert_false (chq_order_dialog_get_can_order (dialog));
  g_assert_nonnull (strstr (chq_order_dialog_get_message (dialog), "waiting to be sent"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (dialog)) &&
                  chq_order_dialog_get_can_order (dialog));
  unsent = count_outbox_entries (fixture);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "order.confirm", NULL);
  test_iterate_pending ();
  g_assert_cmpuint (count_outbox_entries (fixture), ==, unsent);
  gtk_window_close (GTK_WINDOW (dialog));

  /* Once sent, the service's count says the same. */
  chq_sandbox_set_faults (fixture->sandbox, 0.0, 0.0, 0);
  sync_now (fixture);
  wait_until (payment_dialog_shown, NULL);
  close_dialogs ();
  wait_for_page (fixture);
  assert_figures_agree (fixture);
  dialog = open_order_dialog (fixture);
  g_assert_true (chq_order_dialog_set_voucher_type (dialog, CHQ_VOUCHER_TYPE_CFL));
  g_assert_cmpuint (chq_order_dialog_get_max (dialog), ==, 0);
  g_assert_false (chq_order_dialog_get_can_order (dialog));
  g_assert_nonnull (strstr (chq_order_dialog_get_message (dialog), "January"));
  g_assert_cmpstr (chq_wallet_card_get_ceiling_text (chq_vouchers_page_get_card (fixture->page, CHQ_VOUCHER_TYPE_CFL)),
                   !=, "");
}

static void
assert_breakdown (ChqOrderDialog *dialog,
                  guint           quantity)
{
  ChqOrderSplit split;
  g_autofree char *value = chq_money_format ((gint64) quantity * 3000);
  g_autofree char *company = chq_money_format ((gint64) quantity * 1500);
  g_autofree char *hours = g_strdup_printf (quantity == 1 ? "%u hour" : "%u hours", quantity);

  chq_order_dialog_set_quantity (dialog, quantity);
  chq_order_dialog_get_split (dialog, &split);
  g_assert_cmpuint (split.quantity, ==, quantity);
  g_assert_cmpint (split.value_cents, ==, (gint64) quantity * 3000);
  g_assert_cmpint (split.company_cents, ==, (gint64) quantity * 1500);
  g_assert_cmpint (split.region_cents, ==, (gint64) quantity * 1500);
  g_assert_cmpuint (split.training_hours, ==, quantity);
  g_assert_cmpstr (chq_order_dialog_get_breakdown_text (dialog, 0), ==, value);
  g_assert_cmpstr (chq_order_dialog_get_breakdown_text (dialog, 1), ==, company);
  g_assert_cmpstr (chq_order_dialog_get_breakdown_text (dialog, 2), ==, company);
  g_assert_cmpstr (chq_order_dialog_get_breakdown_text (dialog, 3), ==, hours);
}

static void
test_breakdown (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ChqAccount) account = server_account (fixture);
  ChqOrderDialog *dialog = open_order_dialog (fixture);
  guint max;

  g_assert_true (chq_order_dialog_set_voucher_type (dialog, CHQ_VOUCHER_TYPE_CF));
  max = chq_order_dialog_get_max (dialog);
  g_assert_cmpuint (max, ==, chq_account_get_ceiling_left (account, CHQ_VOUCHER_TYPE_CF));

  assert_breakdown (dialog, 1);
  g_assert_cmpstr (chq_order_dialog_get_message (dialog), ==, "");
  assert_breakdown (dialog, 7);
  assert_breakdown (dialog, max);
  g_assert_cmpstr (chq_order_dialog_get_message (dialog), !=, "");

  /* Another type, another bound. */
  g_assert_true (chq_order_dialog_set_voucher_type (dialog, CHQ_VOUCHER_TYPE_ECO));
  g_assert_cmpuint (chq_order_dialog_get_max (dialog), ==,
                    chq_account_get_ceiling_left (account, CHQ_VOUCHER_TYPE_ECO));
}

typedef struct {
  GdkClipboard *clipboard;
  char         *text;
  gboolean      done;
} ClipboardRead;

static void
on_clipboard_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
copy_field (ChqPaymentDialog *dialog,
            const char       *word)
{
  ClipboardRead read = { gtk_widget_get_clipboard (GTK_WIDGET (dialog)), NULL, FALSE };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.copy", "s", word));
  gdk_clipboard_read_text_async (read.clipboard, NULL, on_clipboard_read_cb, &read);
  wait_until (clipboard_read_done, &read);

  return read.text;
}

static gboolean
has_batch_expiring_on (gpointer data)
{
  void **args = data;
  Fixture *fixture = args[0];
  const char *expires_on = args[1];
  GListModel *batches = chq_vouchers_page_get_batches (fixture->page);

  for (guint i = 0; i < g_list_model_get_n_items (batches); i++)
    {
      g_autoptr(ChqVoucherBatch) batch = g_list_model_get_item (batches, i);

      if (g_strcmp0 (chq_voucher_batch_get_expires_on (batch), expires_on) == 0 &&
          chq_voucher_batch_get_quantity (batch) == 20)
        return TRUE;
    }

  return FALSE;
}

static void
test_payment (Fixture       *fixture,
              gconstpointer  data)
{
  ChqPaymentDialog *dialog;
  g_autofree char *iban = NULL;
  g_autofree char *communication = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *beneficiary = NULL;
  g_autofree char *expected_amount = chq_money_format (30000);
  g_autoptr(GError) error = NULL;
  GDate today, expiry;
  char expiry_text[16];
  void *args[2];
  g_autoptr(GObject) newest = NULL;

  order_through_dialog (fixture, CHQ_VOUCHER_TYPE_CF, 20);
  sync_now (fixture);
  wait_until (payment_dialog_shown, NULL);
  dialog = CHQ_PAYMENT_DIALOG (find_toplevel (CHQ_TYPE_PAYMENT_DIALOG));

  g_assert_cmpuint (chq_order_get_quantity (chq_payment_dialog_get_order (dialog)), ==, 20);
  g_assert_cmpstr (chq_payment_dialog_get_status (dialog), ==, "Awaiting payment");

  /* The standard vouchers' account, grouped by four, valid. */
  g_assert_cmpstr (chq_payment_dialog_get_text (dialog, CHQ_PAYMENT_FIELD_IBAN), ==,
                   "BE51 2100 0009 8062");
  iban = copy_field (dialog, "iban");
  g_assert_cmpstr (iban, ==, "BE51210000098062");
  g_assert_true (chq_iban_validate (iban, &error));
  g_assert_no_error (error);

  communication = copy_field (dialog, "communication");
  g_assert_true (g_str_has_prefix (communication, "+++"));
  g_assert_true (chq_structured_communication_validate (communication, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (communication, ==,
                   chq_payment_dialog_get_text (dialog, CHQ_PAYMENT_FIELD_COMMUNICATION));

  g_assert_cmpstr (chq_payment_dialog_get_text (dialog, CHQ_PAYMENT_FIELD_AMOUNT), ==,
                   expected_amount);
  amount = copy_field (dialog, "amount");
  g_assert_cmpstr (amount, ==, "300.00");
  beneficiary = copy_field (dialog, "beneficiary");
  g_assert_cmpstr (beneficiary, !=, "");

  /* Simulate the payment: credited, and the new batch shows with its expiry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.simulate", NULL));
  while (chq_order_get_status (chq_payment_dialog_get_order (dialog)) != CHQ_ORDER_STATUS_CREDITED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (chq_payment_dialog_get_status (dialog), ==, "Credited");
  g_assert_false (chq_payment_dialog_can_simulate (dialog));

  g_assert_true (chq_vouchers_parse_date (TEST_TODAY, &today));
  chq_rules_batch_expiry (&today, &expiry);
  g_date_strftime (expiry_text, sizeof expiry_text, "%Y-%m-%d", &expiry);
  sync_now (fixture);
  args[0] = fixture;
  args[1] = expiry_text;
  wait_until (has_batch_expiring_on, args);

  /* The history opens the instructions again. */
  close_dialogs ();
  newest = g_list_model_get_item (chq_vouchers_page_get_orders (fixture->page), 0);
  g_assert_true (CHQ_IS_ORDER (newest));
  g_assert_cmpint (chq_order_get_status (CHQ_ORDER (newest)), ==, CHQ_ORDER_STATUS_CREDITED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "vouchers.show-payment",
                                             "s", chq_order_get_id (CHQ_ORDER (newest))));
  wait_until (payment_dialog_shown, NULL);
  dialog = CHQ_PAYMENT_DIALOG (find_toplevel (CHQ_TYPE_PAYMENT_DIALOG));
  g_assert_cmpstr (chq_payment_dialog_get_status (dialog), ==, "Credited");
  close_dialogs ();

  /* So does activating its row (a click, or Enter). */
  {
    g_autoptr(GPtrArray) lists = find_widgets (fixture, GTK_TYPE_LIST_BOX);
    GtkListBoxRow *row;

    g_assert_cmpuint (lists->len, ==, 1);
    row = gtk_list_box_get_row_at_index (g_ptr_array_index (lists, 0), 0);
    g_assert_nonnull (row);
    /* The row says what it is and that it opens the payment instructions. */
    g_assert_true (gtk_list_box_row_get_activatable (row));
    g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         "Opens its payment instructions");
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL));
    g_signal_emit_by_name (g_ptr_array_index (lists, 0), "row-activated", row);
    wait_until (payment_dialog_shown, NULL);
    dialog = CHQ_PAYMENT_DIALOG (find_toplevel (CHQ_TYPE_PAYMENT_DIALOG));
    g_assert_cmpstr (chq_order_get_id (chq_payment_dialog_get_order (dialog)), ==,
                     chq_order_get_id (CHQ_ORDER (newest)));
  }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *orders = chq_vouchers_page_get_orders (fixture->page);
  g_autofree char *order_id = NULL;
  g_autofree char *title = NULL;
  AdwMessageDialog *confirm;
  RowQuery query = { fixture, NULL, NULL };

  /* The demo order awaiting payment. */
  for (guint i = 0; i < g_list_model_get_n_items (orders) && order_id == NULL; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (orders, i);

      if (CHQ_IS_ORDER (item) &&
          chq_order_get_status (CHQ_ORDER (item)) == CHQ_ORDER_STATUS_AWAITING_PAYMENT)
        {
          order_id = g_strdup (chq_order_get_id (CHQ_ORDER (item)));
          title = g_strdup_printf ("%u × %s vouchers", chq_order_get_quantity (CHQ_ORDER (item)),
                                   chq_voucher_type_get_label (chq_order_get_voucher_type (CHQ_ORDER (item))));
        }
    }
  g_assert_nonnull (order_id);
  query.title = title;
  query.status = "Awaiting payment";
  wait_until (order_row_shown, &query);

  /* Keeping it changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "vouchers.cancel-order",
                                             "s", order_id));
  wait_until (message_dialog_shown, NULL);
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (confirm, "keep");
  test_iterate_pending ();
  g_assert_cmpuint (chq_backend_count_unsent (fixture->backend), ==, 0);

  /* Cancelling: waits to be sent, then cancelled. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "vouchers.cancel-order",
                                             "s", order_id));
  wait_until (message_dialog_shown, NULL);
  confirm = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  chq_sandbox_set_faults (fixture->sandbox, 0.0, 1.0, 0);
  adw_message_dialog_response (confirm, "cancel-order");
  test_iterate_pending ();
  g_assert_cmpuint (chq_backend_count_unsent (fixture->backend), ==, 1);
  query.status = "Cancellation waiting to be sent";
  wait_until (order_row_shown, &query);
  g_assert_cmpint (chq_order_row_get_state (find_order_row (fixture, title, query.status)), ==,
                   CHQ_ORDER_STATE_CANCELLING);

  chq_sandbox_set_faults (fixture->sandbox, 0.0, 0.0, 0);
  sync_now (fixture);
  query.status = "Cancelled";
  wait_until (order_row_shown, &query);
  wait_for_page (fixture);
  assert_figures_agree (fixture);
}

static gboolean
waiting_entry_shown (gpointer data)
{
  Fixture *fixture = data;
  RowQuery query = { fixture, "7 × Eco-Climat vouchers", "Waiting to be sent" };

  return find_order_item (fixture, NULL) != NULL && order_row_shown (&query);
}

static gboolean
offline_order_accepted (gpointer data)
{
  Fixture *fixture = data;
  RowQuery query = { fixture, "7 × Eco-Climat vouchers", "Awaiting payment" };

  return find_order_item (fixture, NULL) == NULL && order_row_shown (&query);
}

static void
test_offline (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const ChqWalletFigures *figures;

  /* No answer from the service: the order waits, and counts against the ceiling. */
  chq_sandbox_set_faults (fixture->sandbox, 0.0, 1.0, 0);
  order_through_dialog (fixture, CHQ_VOUCHER_TYPE_ECO, 7);
  g_assert_false (test_sync_run (chq_backend_get_sync (fixture->backend), &error));
  g_clear_error (&error);
  wait_until (waiting_entry_shown, fixture);
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_ECO);
  g_assert_cmpuint (figures->waiting, ==, 7);

  /* Back online: the service has it, awaiting payment. */
  chq_sandbox_set_faults (fixture->sandbox, 0.0, 0.0, 0);
  sync_now (fixture);
  wait_until (offline_order_accepted, fixture);
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_ECO);
  g_assert_cmpuint (figures->waiting, ==, 0);
  wait_for_page (fixture);
  assert_figures_agree (fixture);
}

static gboolean
refused_row_shown (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GPtrArray) rows = find_widgets (fixture, CHQ_TYPE_ORDER_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (chq_order_row_get_state (g_ptr_array_index (rows, i)) == CHQ_ORDER_STATE_REFUSED &&
        g_str_has_prefix (chq_order_row_get_status_text (g_ptr_array_index (rows, i)), "Refused: "))
      return TRUE;

  return FALSE;
}

static gboolean
no_outbox_entry_listed (gpointer data)
{
  return find_order_item (data, NULL) == NULL;
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ChqAccount) account = server_account (fixture);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqOrder) elsewhere = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  guint left = chq_account_get_ceiling_left (account, CHQ_VOUCHER_TYPE_CFL);
  GObject *item;

  /* Someone else (the issuer's portal) orders what is left; the page, not synced since,
   * still offers it. */
  chq_client_create_order_async (fixture->checker, key, CHQ_VOUCHER_TYPE_CFL, left, NULL,
                                 on_done_cb, &result);
  wait_until (result_arrived, &result);
  elsewhere = chq_client_create_order_finish (fixture->checker, result, &error);
  g_assert_no_error (error);
  order_through_dialog (fixture, CHQ_VOUCHER_TYPE_CFL, left);

  /* The service refuses ours: the history says so, with its reason. */
  sync_now (fixture);
  wait_until (refused_row_shown, fixture);
  item = find_order_item (fixture, NULL);
  g_assert_true (CHQ_IS_OUTBOX_ENTRY (item));
  g_assert_cmpint (chq_outbox_entry_get_state (CHQ_OUTBOX_ENTRY (item)), ==, CHQ_OUTBOX_STATE_FAILED);

  /* Discarded, it goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "vouchers.discard-order",
                                             "x", chq_outbox_entry_get_id (CHQ_OUTBOX_ENTRY (item))));
  wait_until (no_outbox_entry_listed, fixture);
  wait_for_page (fixture);
  assert_figures_agree (fixture);
}

/* A stand-in for the desktop's notification server (org.freedesktop.Notifications), which
 * records what the page sends. */
typedef struct {
  GPtrArray *summaries;  /* owned, of char* */
  GPtrArray *actions;    /* owned, of GStrv: each notification's actions */
  guint      owner_id;
  guint      object_id;
  gboolean   owned;
} FakeNotifications;

static const char fake_notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "</interface></node>";

static void
on_fake_call_cb (GDBusConnection       *connection,
                 const char            *sender,
                 const char            *object_path,
                 const char            *interface_name,
                 const char            *method_name,
                 GVariant              *parameters,
                 GDBusMethodInvocation *invocation,
                 gpointer               user_data)
{
  FakeNotifications *fake = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary;
      g_autofree const char **actions = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 5, "^a&s", &actions);
      g_ptr_array_add (fake->summaries, g_strdup (summary));
      g_ptr_array_add (fake->actions, g_strdupv ((char **) actions));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", fake->summaries->len));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_fake_name_acquired_cb (GDBusConnection *connection,
                          const char      *name,
                          gpointer         user_data)
{
  ((FakeNotifications *) user_data)->owned = TRUE;
}

static gboolean
fake_is_owned (gpointer data)
{
  return ((FakeNotifications *) data)->owned;
}

static gboolean
fake_has_notifications (gpointer data)
{
  return ((FakeNotifications *) data)->summaries->len > 0;
}

static void
test_expiring (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) rows = NULL;
  const ChqWalletFigures *figures;
  ChqWalletCard *card;
  guint flagged = 0;
  GDate today;

  g_assert_true (chq_vouchers_parse_date (TEST_TODAY, &today));

  /* The demo always has a batch expiring soon: the card and its row say so. */
  figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (figures->expiring, >, 0);
  g_assert_nonnull (figures->earliest_expiry);
  card = chq_vouchers_page_get_card (fixture->page, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpstr (chq_wallet_card_get_expiry_text (card), !=, "");

  rows = find_widgets (fixture, CHQ_TYPE_BATCH_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    if (chq_batch_row_get_expiring (g_ptr_array_index (rows, i)))
      flagged++;
  g_assert_cmpuint (flagged, >, 0);

  /* A shorter warning period than the earliest expiry: nothing stands out any more. */
  {
    GDate earliest;
    int days;

    g_assert_true (chq_vouchers_parse_date (figures->earliest_expiry, &earliest));
    days = g_date_days_between (&today, &earliest);
    g_assert_cmpint (days, >, 1);
    g_settings_set_uint (settings, "expiry-warning-days", (guint) days - 1);
    test_iterate_pending ();
    figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
    g_assert_cmpuint (figures->expiring, ==, 0);
    g_assert_cmpstr (chq_wallet_card_get_expiry_text (card), ==, "");
    g_settings_reset (settings, "expiry-warning-days");
    test_iterate_pending ();
    figures = chq_vouchers_page_get_figures (fixture->page, CHQ_VOUCHER_TYPE_CF);
    g_assert_cmpuint (figures->expiring, >, 0);
  }

  /* With an application to send them: one notification per expiring batch, remembered,
   * whose default action opens this page. */
  {
    static const GDBusInterfaceVTable vtable = { on_fake_call_cb, NULL, NULL, { 0 } };
    g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (fake_notifications_xml, NULL);
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
    g_autoptr(GtkApplication) app = NULL;
    g_autoptr(ChqWallet) wallet = server_wallet (fixture);
    FakeNotifications fake = { g_ptr_array_new_with_free_func (g_free),
                               g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev),
                               0, 0, FALSE };
    g_auto(GStrv) due = NULL;
    g_auto(GStrv) notified = NULL;
    g_auto(GStrv) before = NULL;

    if (bus == NULL)
      {
        g_test_message ("No session bus: the notifications are not tried");
        g_ptr_array_unref (fake.summaries);
        g_ptr_array_unref (fake.actions);
        return;
      }

    fake.object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                                        info->interfaces[0], &vtable, &fake,
                                                        NULL, NULL);
    fake.owner_id = g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                                  G_BUS_NAME_OWNER_FLAGS_NONE,
                                                  on_fake_name_acquired_cb, NULL, &fake, NULL);
    wait_until (fake_is_owned, &fake);

    app = gtk_application_new ("io.github.chequier.TestVouchers", G_APPLICATION_NON_UNIQUE);
    g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
    g_assert_true (g_application_get_default () == G_APPLICATION (app));

    due = chq_vouchers_batches_to_notify (wallet->batches, &today, 60, NULL);
    g_assert_cmpuint (g_strv_length (due), >, 0);
    before = g_settings_get_strv (settings, "notified-batches");
    g_assert_cmpuint (g_strv_length (before), ==, 0);

    /* A change of the warning period looks again. */
    g_settings_set_uint (settings, "expiry-warning-days", 59);
    g_settings_reset (settings, "expiry-warning-days");
    test_iterate_pending ();
    notified = g_settings_get_strv (settings, "notified-batches");
    g_assert_true (g_strv_equal ((const char * const *) notified, (const char * const *) due));

    wait_until (fake_has_notifications, &fake);
    g_assert_cmpuint (fake.summaries->len, ==, g_strv_length (due));
    g_assert_cmpstr (g_ptr_array_index (fake.summaries, 0), ==, "Vouchers Expire Soon");
    g_assert_true (g_strv_contains (g_ptr_array_index (fake.actions, 0), "default"));

    /* Not twice. */
    g_settings_set_uint (settings, "expiry-warning-days", 61);
    g_settings_reset (settings, "expiry-warning-days");
    for (guint i = 0; i < 20; i++)
      {
        test_iterate_pending ();
        g_usleep (5 * 1000);
      }
    g_assert_cmpuint (fake.summaries->len, ==, g_strv_length (due));

    /* The registered application outlives this test (its D-Bus side holds it): the pages
     * of the next tests must not find it. */
    g_application_set_default (NULL);
    g_settings_reset (settings, "notified-batches");
    g_bus_unown_name (fake.owner_id);
    g_dbus_connection_unregister_object (bus, fake.object_id);
    g_ptr_array_unref (fake.summaries);
    g_ptr_array_unref (fake.actions);
  }
}

/* With CHQ_TEST_LOOK_DIR set: pictures of the page wide and narrow, and of its dialogs, to
 * look at (the look tool cannot scroll). */
static void
save_picture (GtkWidget  *widget,
              const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("CHQ_TEST_LOOK_DIR"), name, NULL);
  int width, height;

  for (guint i = 0; i < 30 || gtk_widget_get_width (widget) == 0; i++)
    {
      test_iterate_pending ();
      g_usleep (10 * 1000);
    }
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_look (Fixture       *fixture,
           gconstpointer  data)
{
  ChqOrderDialog *order;
  ChqPaymentDialog *payment;

  if (g_getenv ("CHQ_TEST_LOOK_DIR") == NULL)
    {
      g_test_skip ("Set CHQ_TEST_LOOK_DIR to save pictures of the page");
      return;
    }

  gtk_window_set_default_size (fixture->window, 1000, 1500);
  save_picture (GTK_WIDGET (fixture->window), "page-wide.png");
  gtk_window_set_default_size (fixture->window, 360, 2000);
  save_picture (GTK_WIDGET (fixture->window), "page-narrow.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_picture (GTK_WIDGET (fixture->window), "page-narrow-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  order = open_order_dialog (fixture);
  chq_order_dialog_set_quantity (order, 20);
  save_picture (GTK_WIDGET (order), "order.png");
  chq_order_dialog_set_quantity (order, 5000);
  save_picture (GTK_WIDGET (order), "order-bound.png");
  gtk_window_close (GTK_WINDOW (order));

  for (guint i = 0; i < g_list_model_get_n_items (chq_vouchers_page_get_orders (fixture->page)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (chq_vouchers_page_get_orders (fixture->page), i);

      if (CHQ_IS_ORDER (item) &&
          chq_order_get_status (CHQ_ORDER (item)) == CHQ_ORDER_STATUS_AWAITING_PAYMENT)
        {
          payment = chq_vouchers_page_show_payment (fixture->page, CHQ_ORDER (item));
          save_picture (GTK_WIDGET (payment), "payment.png");
          break;
        }
    }
}

static void
test_no_account (void)
{
  GtkWidget *page = g_object_ref_sink (chq_vouchers_page_new ());

  g_assert_cmpstr (chq_vouchers_page_get_state (CHQ_VOUCHERS_PAGE (page)), ==, "no-account");
  g_assert_null (chq_vouchers_page_get_backend (CHQ_VOUCHERS_PAGE (page)));
  g_assert_null (chq_vouchers_page_open_order_dialog (CHQ_VOUCHERS_PAGE (page)));
  g_assert_false (gtk_widget_activate_action (page, "vouchers.order", NULL) &&
                  find_toplevel (CHQ_TYPE_ORDER_DIALOG) != NULL);
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();
  /* No cursor blink: its timeout, firing while another of the test's windows holds the X
   * focus, makes GTK warn that the spin button's text missed a focus-out. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/ui-vouchers/no-account", test_no_account);
  g_test_add ("/ui-vouchers/figures-agree", Fixture, NULL,
              fixture_set_up, test_figures_agree, fixture_tear_down);
  g_test_add ("/ui-vouchers/used-this-year", Fixture, "2027-01-20",
              fixture_set_up, test_used_this_year, fixture_tear_down);
  g_test_add ("/ui-vouchers/ceiling", Fixture, NULL,
              fixture_set_up, test_ceiling, fixture_tear_down);
  g_test_add ("/ui-vouchers/breakdown", Fixture, NULL,
              fixture_set_up, test_breakdown, fixture_tear_down);
  g_test_add ("/ui-vouchers/payment", Fixture, NULL,
              fixture_set_up, test_payment, fixture_tear_down);
  g_test_add ("/ui-vouchers/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/ui-vouchers/offline", Fixture, NULL,
              fixture_set_up, test_offline, fixture_tear_down);
  g_test_add ("/ui-vouchers/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/ui-vouchers/expiring", Fixture, NULL,
              fixture_set_up, test_expiring, fixture_tear_down);
  g_test_add ("/ui-vouchers/look", Fixture, NULL,
              fixture_set_up, test_look, fixture_tear_down);

  return g_test_run ();
}
