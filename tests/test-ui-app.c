/* test-ui-app.c: the application around the pages against the real sandbox: first run to
 * the demo and back, signing in (good and bad credentials, an unreachable or insecure
 * address), the offline banner with a queued order sent once, a session that ends,
 * refused changes, preferences (sync interval, warning days, cache) and signing out; and
 * the pure functions of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "chq-app-logic.h"
#include "chq-application.h"
#include "chq-client-error.h"
#include "chq-outbox-effect.h"
#include "chq-outbox-view.h"
#include "chq-preferences-window.h"
#include "chq-register.h"
#include "chq-sandbox.h"
#include "chq-secret.h"
#include "chq-sign-in-dialog.h"
#include "chq-test-sync-utils.h"
#include "chq-test-ui-utils.h"
#include "chq-vouchers-page.h"
#include "chq-welcome-page.h"
#include "chq-window.h"
#include "chq-test-clock.h"

static ChqApplication *app;    /* owned */

/* Finds the one toplevel of @type that is visible, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          g_assert_null (found);
          found = window;
        }
    }

  return found;
}

static ChqWindow *
get_main_window (void)
{
  GtkWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CHQ_IS_WINDOW (l->data))
      window = l->data;

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (app));
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
    }

  g_assert_true (CHQ_IS_WINDOW (window));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);

  return CHQ_WINDOW (window);
}

/* How many of the demo's details and trainings the demo company's register holds now. */
static guint
count_demo_register_rows (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqRegister) reg = NULL;
  g_autoptr(ChqRegisterData) data = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  chq_register_open_async ("0123456749", NULL, NULL, store_result_cb, &result);
  wait_until (result != NULL, 10000);
  reg = chq_register_open_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  chq_register_load_async (reg, NULL, store_result_cb, &result);
  wait_until (result != NULL, 10000);
  data = chq_register_load_finish (reg, result, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < data->details->len; i++)
    n += ((ChqWorkerDetails *) g_ptr_array_index (data->details, i))->demo ? 1 : 0;
  for (guint i = 0; i < data->trainings->len; i++)
    n += ((ChqTraining *) g_ptr_array_index (data->trainings, i))->demo ? 1 : 0;

  return n;
}

/* Back to the welcome page and the default settings, for the next test. */
static void
leave (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWindow *window;

  while ((window = find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG)) != NULL)
    gtk_window_destroy (window);
  while ((window = find_toplevel (CHQ_TYPE_PREFERENCES_WINDOW)) != NULL)
    gtk_window_destroy (window);

  chq_application_leave_account (app);
  flush_main_context ();
  g_settings_reset (settings, "enterprise-number");
  g_settings_reset (settings, "service-address");
  g_settings_reset (settings, "sync-interval");
  g_settings_reset (settings, "expiry-warning-days");
}

/* A sandbox with a fixed clock, its database in @dir (so that it can stop and start again
 * with its data) and on @port (0: any). */
static ChqSandbox *
start_sandbox (const char *dir,
               guint16     port)
{
  g_autofree char *db = g_build_filename (dir, "sandbox.db", NULL);
  ChqSandboxOptions options = { .db_path = db, .port = port, .today = TEST_TODAY };
  ChqSandbox *sandbox = chq_sandbox_new (&options);
  g_autoptr(GError) error = NULL;

  g_assert_true (chq_sandbox_start (sandbox, &error));
  test_clock_follow (sandbox);
  g_assert_no_error (error);

  return sandbox;
}

static guint16
port_of (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (parsed);
  return (guint16) g_uri_get_port (parsed);
}

/* A real (not demo) account of the sandbox, signed in, with quick retries. */
static ChqBackend *
signed_in_backend (const char *uri)
{
  g_autoptr(ChqBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  backend = chq_backend_new (uri, uri, TEST_ENTERPRISE, NULL, &error);
  g_assert_no_error (error);
  chq_client_set_retry_policy (chq_backend_get_client (backend), 2, 50, 100);
  backend_sign_in (backend, TEST_PASSWORD);

  return g_steal_pointer (&backend);
}

static gboolean
synced (ChqBackend *backend)
{
  ChqSync *sync = chq_backend_get_sync (backend);

  return !chq_sync_is_running (sync)
         && chq_sync_get_state (sync) == CHQ_SYNC_STATE_IDLE
         && chq_sync_get_last_success (sync) != NULL;
}

static const char *
banner_button_action (ChqWindow *window)
{
  GtkWidget *button = template_child (window, CHQ_TYPE_WINDOW, "banner_button");

  if (!gtk_widget_get_visible (button))
    return NULL;
  return gtk_actionable_get_action_name (GTK_ACTIONABLE (button));
}

/* Clicks a button as a pointer does (its keyboard activation waits for an animation). */
static gboolean
click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  if (!gtk_widget_is_sensitive (GTK_WIDGET (button)) || !gtk_widget_get_visible (GTK_WIDGET (button)))
    return FALSE;
  g_signal_emit_by_name (button, "clicked");
  return TRUE;
}

static void
type_text (gpointer    editable,
           const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (editable)), -1);

      gtk_editable_set_position (GTK_EDITABLE (editable), position);
      gtk_editable_insert_text (GTK_EDITABLE (editable), p,
                                (int) (g_utf8_next_char (p) - p), &position);
      flush_main_context ();
    }
}

/* A loopback address where nothing listens: a port just given back by the system. */
static char *
closed_loopback_uri (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

/* Pure functions */

static void
test_logic_banner (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 28, 14, 30, 0);
  g_autoptr(GDateTime) this_morning = g_date_time_new_local (2026, 11, 28, 9, 5, 0);
  g_autoptr(GDateTime) last_week = g_date_time_new_local (2026, 11, 20, 9, 5, 0);
  g_autofree char *offline = NULL;
  g_autofree char *offline_old = NULL;
  g_autofree char *offline_never = NULL;
  g_autofree char *one = NULL;
  g_autofree char *three = NULL;
  g_autofree char *demo = NULL;
  g_autofree char *error = NULL;
  g_autofree char *signed_out = NULL;
  g_autofree char *date = g_date_time_format (last_week, "%x");

  /* Most urgent first; nothing without an account. */
  g_assert_cmpint (chq_app_banner_kind (FALSE, TRUE, TRUE, CHQ_SYNC_STATE_OFFLINE), ==, CHQ_BANNER_NONE);
  g_assert_cmpint (chq_app_banner_kind (TRUE, FALSE, FALSE, CHQ_SYNC_STATE_IDLE), ==, CHQ_BANNER_NONE);
  g_assert_cmpint (chq_app_banner_kind (TRUE, TRUE, FALSE, CHQ_SYNC_STATE_IDLE), ==, CHQ_BANNER_DEMO);
  g_assert_cmpint (chq_app_banner_kind (TRUE, TRUE, FALSE, CHQ_SYNC_STATE_OFFLINE), ==, CHQ_BANNER_OFFLINE);
  g_assert_cmpint (chq_app_banner_kind (TRUE, FALSE, FALSE, CHQ_SYNC_STATE_ERROR), ==, CHQ_BANNER_ERROR);
  g_assert_cmpint (chq_app_banner_kind (TRUE, FALSE, TRUE, CHQ_SYNC_STATE_OFFLINE), ==, CHQ_BANNER_SIGNED_OUT);
  g_assert_cmpint (chq_app_banner_kind (TRUE, FALSE, FALSE, CHQ_SYNC_STATE_UNAUTHORIZED), ==, CHQ_BANNER_SIGNED_OUT);

  g_assert_null (chq_app_banner_text (CHQ_BANNER_NONE, this_morning, now, 3));

  offline = chq_app_banner_text (CHQ_BANNER_OFFLINE, this_morning, now, 0);
  g_assert_cmpstr (offline, ==, "Offline — showing data from 09:05.");
  offline_old = chq_app_banner_text (CHQ_BANNER_OFFLINE, last_week, now, 0);
  g_assert_nonnull (strstr (offline_old, date));
  offline_never = chq_app_banner_text (CHQ_BANNER_OFFLINE, NULL, now, 0);
  g_assert_nonnull (strstr (offline_never, "no data could be loaded yet"));

  one = chq_app_banner_text (CHQ_BANNER_OFFLINE, this_morning, now, 1);
  g_assert_cmpstr (one, ==, "Offline — showing data from 09:05. 1 change waits to be sent.");
  three = chq_app_banner_text (CHQ_BANNER_OFFLINE, this_morning, now, 3);
  g_assert_cmpstr (three, ==, "Offline — showing data from 09:05. 3 changes wait to be sent.");

  demo = chq_app_banner_text (CHQ_BANNER_DEMO, NULL, now, 0);
  g_assert_nonnull (strstr (demo, "demo data"));
  error = chq_app_banner_text (CHQ_BANNER_ERROR, this_morning, now, 0);
  g_assert_nonnull (strstr (error, "09:05"));
  signed_out = chq_app_banner_text (CHQ_BANNER_SIGNED_OUT, this_morning, now, 2);
  g_assert_true (g_str_has_prefix (signed_out, "Your session has ended."));
  g_assert_true (g_str_has_suffix (signed_out, "2 changes wait to be sent."));
}

static void
test_logic_updated (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 28, 14, 30, 0);
  static const struct {
    GTimeSpan ago;
    const char *expected;
  } cases[] = {
    { 0, "Updated just now" },
    { 59 * G_TIME_SPAN_SECOND, "Updated just now" },
    { -3 * G_TIME_SPAN_MINUTE, "Updated just now" },  /* a clock set back */
    { G_TIME_SPAN_MINUTE, "Updated 1 minute ago" },
    { 5 * G_TIME_SPAN_MINUTE + 30 * G_TIME_SPAN_SECOND, "Updated 5 minutes ago" },
    { 59 * G_TIME_SPAN_MINUTE, "Updated 59 minutes ago" },
    { G_TIME_SPAN_HOUR, "Updated 1 hour ago" },
    { 23 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE, "Updated 23 hours ago" },
  };
  g_autofree char *never = chq_app_format_updated (NULL, now);
  g_autoptr(GDateTime) two_days = g_date_time_add_days (now, -2);
  g_autofree char *date = g_date_time_format (two_days, "%x");
  g_autofree char *expected = g_strdup_printf ("Updated on %s", date);
  g_autofree char *old = chq_app_format_updated (two_days, now);

  g_assert_cmpstr (never, ==, "Not updated yet");
  g_assert_cmpstr (old, ==, expected);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add (now, -cases[i].ago);
      g_autofree char *text = chq_app_format_updated (when, now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* The short form beside the sync button. */
static void
test_logic_updated_short (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 28, 14, 30, 0);
  static const struct {
    GTimeSpan ago;
    const char *expected;
  } cases[] = {
    { 0, "Up to date" },
    { 59 * G_TIME_SPAN_SECOND, "Up to date" },
    { -3 * G_TIME_SPAN_MINUTE, "Up to date" },  /* a clock set back */
    { G_TIME_SPAN_MINUTE, "1 min ago" },
    { 59 * G_TIME_SPAN_MINUTE, "59 min ago" },
    { G_TIME_SPAN_HOUR, "1 h ago" },
    { 23 * G_TIME_SPAN_HOUR + 59 * G_TIME_SPAN_MINUTE, "23 h ago" },
    { 40 * G_TIME_SPAN_DAY, "Synced 19/10" },
  };
  g_autofree char *never = chq_app_format_updated_short (NULL, now);

  g_assert_cmpstr (never, ==, "Not synced yet");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add (now, -cases[i].ago);
      g_autofree char *text = chq_app_format_updated_short (when, now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_logic_number (void)
{
  static const struct {
    const char *typed;
    const char *shown;
  } cases[] = {
    { "", "" },
    { "0", "0" },
    { "0123", "0123" },
    { "01234", "0123.4" },
    { "0123.", "0123" },               /* deleting the digit after a dot takes the dot */
    { "0123456", "0123.456" },
    { "01234567", "0123.456.7" },
    { "0123456749", "0123.456.749" },
    { "0123.456.749", "0123.456.749" },
    { "0123 456 749", "0123.456.749" },
    { "01234567490", "0123.456.749" },  /* at most ten digits */
    { "BE0123456749", "BE0123456749" },  /* left as typed for the check to explain */
    { "12a", "12a" },
  };

  g_assert_cmpstr (chq_app_format_partial_number (NULL), ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = chq_app_format_partial_number (cases[i].typed);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* Where the cursor goes when the number is formatted while typed: after the same digit. */
static void
test_logic_number_cursor (void)
{
  static const struct {
    const char *text;
    int cursor;
    const char *shown;
    int shown_cursor;
  } cases[] = {
    { "01234", 5, "0123.4", 6 },          /* a digit typed at the end: after it */
    { "0123.45", 7, "0123.45", 7 },       /* nothing to change: the cursor stays */
    { "0123.4567", 9, "0123.456.7", 10 },
    { "0123.", 5, "0123", 4 },            /* a dot typed too early waits for its digit */
    { "0123..4", 6, "0123.4", 4 },        /* a dot typed where one already is */
    { "01293.456", 4, "0129.345.6", 4 },  /* a digit typed in the middle: right after it */
    { "0123456", 3, "0123.456", 3 },
    { "0123.56", 4, "0123.56", 4 },
    { "012356", 4, "0123.56", 4 },        /* a dot deleted: the cursor stays before the 5 */
    { "", 0, "", 0 },
    { "BE0123", 3, "BE0123", 3 },         /* not a number: left as typed */
    { "01234567490", 11, "0123.456.749", 12 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int cursor = -1;
      g_autofree char *shown = chq_app_format_partial_number_at (cases[i].text, cases[i].cursor, &cursor);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_cmpint (cursor, ==, cases[i].shown_cursor);
    }
}

static void
test_logic_sign_in_errors (void)
{
  static const struct {
    GQuark domain;
    int code;
    ChqSignInField field;
    const char *start;
  } cases[] = {
    { 0, CHQ_CLIENT_ERROR_UNAUTHORIZED, CHQ_SIGN_IN_FIELD_PASSWORD, "The enterprise number or the password is wrong" },
    { 0, CHQ_CLIENT_ERROR_CANNOT_REACH, CHQ_SIGN_IN_FIELD_ADDRESS, "Cannot reach the service" },
    { 0, CHQ_CLIENT_ERROR_TIMED_OUT, CHQ_SIGN_IN_FIELD_ADDRESS, "The service did not answer in time" },
    { 0, CHQ_CLIENT_ERROR_TLS, CHQ_SIGN_IN_FIELD_ADDRESS, "The identity of the service could not be verified" },
    { 0, CHQ_CLIENT_ERROR_INSECURE_ADDRESS, CHQ_SIGN_IN_FIELD_ADDRESS, "The address must start with https://" },
    { 0, CHQ_CLIENT_ERROR_RATE_LIMITED, CHQ_SIGN_IN_FIELD_NONE, "Too many attempts" },
    { 0, CHQ_CLIENT_ERROR_SERVER, CHQ_SIGN_IN_FIELD_NONE, "The voucher service has a problem" },
    { 0, CHQ_CLIENT_ERROR_INVALID_RESPONSE, CHQ_SIGN_IN_FIELD_ADDRESS, "This address does not answer like" },
    { 0, CHQ_CLIENT_ERROR_REFUSED, CHQ_SIGN_IN_FIELD_PASSWORD, "The service refused to sign you in" },
    { 1, 0, CHQ_SIGN_IN_FIELD_NONE, "Chéquier could not open its files" },
  };
  g_autoptr(GError) number = chq_client_error_new_refused (400, "invalid_field", "enterprise_number",
                                                           "RAW DETAIL", -1);
  g_autofree char *number_message = NULL;
  ChqSignInField field = CHQ_SIGN_IN_FIELD_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (cases[i].domain == 0)
        error = g_error_new_literal (CHQ_CLIENT_ERROR, cases[i].code, "RAW LIBRARY TEXT");
      else
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "RAW LIBRARY TEXT");

      field = 99;
      message = chq_app_sign_in_error_message (error, &field);
      g_assert_true (g_str_has_prefix (message, cases[i].start));
      g_assert_null (strstr (message, "RAW"));
      g_assert_cmpint (field, ==, cases[i].field);
    }

  number_message = chq_app_sign_in_error_message (number, &field);
  g_assert_cmpint (field, ==, CHQ_SIGN_IN_FIELD_NUMBER);
  g_assert_null (strstr (number_message, "RAW"));
}

static void
test_logic_pages (void)
{
  g_assert_cmpstr (chq_app_page_for_outbox_kind (CHQ_OUTBOX_KIND_CREATE_ORDER), ==, "vouchers");
  g_assert_cmpstr (chq_app_page_for_outbox_kind (CHQ_OUTBOX_KIND_CANCEL_ORDER), ==, "vouchers");
  g_assert_cmpstr (chq_app_page_for_outbox_kind (CHQ_OUTBOX_KIND_CREATE_ENROLMENT), ==, "catalogue");
  g_assert_cmpstr (chq_app_page_for_outbox_kind (CHQ_OUTBOX_KIND_CREATE_WORKER), ==, "workers");
  g_assert_cmpstr (chq_app_page_for_outbox_kind (CHQ_OUTBOX_KIND_UPDATE_WORKER), ==, "workers");
  g_assert_cmpstr (chq_app_page_for_outbox_kind (CHQ_OUTBOX_KIND_ARCHIVE_WORKER), ==, "workers");
  g_assert_cmpstr (chq_app_page_for_outbox_kind (CHQ_OUTBOX_KIND_CANCEL_ENROLMENT), ==, "workers");
  g_assert_cmpstr (chq_app_page_for_outbox_kind (CHQ_OUTBOX_KIND_RECORD_ATTENDANCE), ==, "workers");
}

/* First run: the welcome page, one click to the demo data, and back */

static void
test_first_run_demo (void)
{
  ChqWindow *window = get_main_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "chequier", "sandbox.db", NULL);
  GtkWidget *welcome = template_child (window, CHQ_TYPE_WINDOW, "welcome_page");
  GtkWidget *sign_in = template_child (welcome, CHQ_TYPE_WELCOME_PAGE, "sign_in_button");
  GtkWidget *demo = template_child (welcome, CHQ_TYPE_WELCOME_PAGE, "demo_button");
  ChqBackend *backend;

  g_assert_cmpstr (chq_window_get_view (window), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (welcome));
  g_assert_null (chq_window_get_banner (window));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (sign_in)), ==, "app.sign-in");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (demo)), ==, "app.start-demo");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (demo)), ==, "_Try with Demo Data");
  /* Named once, by the label child, not also by GTK 4.8's raw "_Try with Demo Data". */
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (demo), GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (sign_in), GTK_ACCESSIBLE_PROPERTY_LABEL));

  /* One click. */
  g_assert_true (click (demo));
  backend = chq_application_get_backend (app);
  g_assert_nonnull (backend);
  g_assert_true (chq_backend_is_demo (backend));
  g_assert_cmpstr (chq_window_get_view (window), ==, "pages");
  g_assert_true (chq_window_get_backend (window) == backend);
  g_assert_true (g_settings_get_boolean (settings, "demo-mode"));
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (chq_window_get_banner (window), "demo data"));
  g_assert_cmpstr (banner_button_action (window), ==, "app.leave-demo");
  g_assert_cmpstr (gtk_button_get_label (template_child (window, CHQ_TYPE_WINDOW, "banner_button")), ==, "_Leave Demo");
  g_assert_false (gtk_test_accessible_has_property (template_child (window, CHQ_TYPE_WINDOW, "banner_button"),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));

  /* While it syncs, the button spins and its tooltip says what the sync does. */
  wait_until (chq_sync_get_state (chq_backend_get_sync (backend)) == CHQ_SYNC_STATE_SYNCING, 30000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (window, CHQ_TYPE_WINDOW, "sync_stack")),
                   ==, "syncing");
  {
    const char *activity = chq_sync_get_activity (chq_backend_get_sync (backend));
    const char *tooltip = gtk_widget_get_tooltip_text (template_child (window, CHQ_TYPE_WINDOW, "sync_button"));

    g_assert_cmpstr (tooltip, ==, activity != NULL && activity[0] != '\0' ? activity : "Syncing…");
  }

  /* The pages have the account, and the demo data arrives. */
  g_assert_true (chq_vouchers_page_get_backend (CHQ_VOUCHERS_PAGE (chq_window_get_page (window, "vouchers"))) == backend);
  wait_until (synced (backend), 60000);
  /* Beside the sync button the short status; the sentence is the tooltip of both. */
  {
    GtkWidget *updated = template_child (window, CHQ_TYPE_WINDOW, "updated_label");
    const char *sentence = gtk_widget_get_tooltip_text (updated);

    g_assert_nonnull (sentence);
    g_assert_true (g_str_has_prefix (sentence, "Updated"));
    g_assert_true (g_str_equal (gtk_label_get_label (GTK_LABEL (updated)), "Up to date") ||
                   g_str_has_suffix (gtk_label_get_label (GTK_LABEL (updated)), " min ago"));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (window, CHQ_TYPE_WINDOW, "sync_stack")),
                     ==, "idle");
    g_assert_cmpstr (gtk_widget_get_tooltip_text (template_child (window, CHQ_TYPE_WINDOW, "sync_button")),
                     ==, sentence);
  }
  g_assert_cmpuint (chq_application_get_sync_interval (app), ==, 30);

  /* app.show-page, as a notification uses it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("workers"));
  g_assert_cmpstr (chq_window_get_visible_page (window), ==, "workers");
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-page", g_variant_new_string ("catalogue"));

  /* The demo's register holds its workers' local details and trainings no voucher paid. */
  wait_until (count_demo_register_rows () > 0, 20000);

  /* "Leave Demo" in the banner (an account of the settings stays for the next start). */
  g_settings_set_string (settings, "enterprise-number", TEST_ENTERPRISE);
  g_assert_true (click (template_child (window, CHQ_TYPE_WINDOW, "banner_button")));
  flush_main_context ();
  /* It takes the demo's rows out of the register with it. */
  wait_until (count_demo_register_rows () == 0, 20000);
  g_assert_null (chq_application_get_backend (app));
  g_assert_cmpstr (chq_window_get_view (window), ==, "welcome");
  g_assert_null (chq_window_get_banner (window));
  g_assert_false (g_settings_get_boolean (settings, "demo-mode"));
  {
    g_autofree char *number = g_settings_get_string (settings, "enterprise-number");

    g_assert_cmpstr (number, ==, TEST_ENTERPRISE);
    g_settings_reset (settings, "enterprise-number");
  }
  g_assert_null (chq_vouchers_page_get_backend (CHQ_VOUCHERS_PAGE (chq_window_get_page (window, "vouchers"))));

  /* And back again: the demo's data is still there, shown at once. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "start-demo", NULL);
  backend = chq_application_get_backend (app);
  g_assert_nonnull (chq_sync_get_last_success (chq_backend_get_sync (backend)));
  wait_until (synced (backend), 60000);

  leave ();
}

/* `chequier --demo` while the app runs: the demo-mode setting, then an activation. */
static void
test_demo_again (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ChqWindow *window = get_main_window ();
  ChqBackend *backend;

  g_assert_null (chq_application_get_backend (app));
  g_application_activate (G_APPLICATION (app));
  g_assert_null (chq_application_get_backend (app));

  g_settings_set_boolean (settings, "demo-mode", TRUE);
  g_application_activate (G_APPLICATION (app));
  backend = chq_application_get_backend (app);
  g_assert_nonnull (backend);
  g_assert_true (chq_backend_is_demo (backend));
  g_assert_cmpstr (chq_window_get_view (window), ==, "pages");

  /* Once more changes nothing. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (chq_application_get_backend (app) == backend);
  wait_until (synced (backend), 60000);

  leave ();
  g_assert_false (g_settings_get_boolean (settings, "demo-mode"));
}

/* Signing in */

/* Activates the application's @action and returns the window of @type it shows. */
static GtkWindow *
open_app_window (const char *action,
                 GType       type)
{
  GtkWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  window = find_toplevel (type);
  g_assert_nonnull (window);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);

  return window;
}

static ChqSignInDialog *
open_sign_in (void)
{
  return CHQ_SIGN_IN_DIALOG (open_app_window ("sign-in", CHQ_TYPE_SIGN_IN_DIALOG));
}

static void
test_sign_in (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-ui-app-XXXXXX", NULL);
  g_autoptr(ChqSandbox) sandbox = start_sandbox (dir, 0);
  g_autofree char *uri = chq_sandbox_dup_uri (sandbox);
  g_autofree char *closed = closed_loopback_uri ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *token = NULL;
  ChqWindow *window = get_main_window ();
  ChqSignInDialog *dialog;
  GtkWidget *address, *number, *password;
  ChqBackend *backend;

  g_settings_set_string (settings, "service-address", uri);
  dialog = open_sign_in ();
  address = template_child (dialog, CHQ_TYPE_SIGN_IN_DIALOG, "address_row");
  number = template_child (dialog, CHQ_TYPE_SIGN_IN_DIALOG, "number_row");
  password = template_child (dialog, CHQ_TYPE_SIGN_IN_DIALOG, "password_row");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (password));

  /* The address comes from the settings; the number is formatted as it is typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, uri);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "");
  g_assert_false (chq_sign_in_dialog_can_submit (dialog));
  type_text (number, "012345");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "0123.45");
  g_assert_null (chq_sign_in_dialog_get_error (dialog));
  type_text (number, "6748");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "0123.456.748");
  g_assert_nonnull (chq_sign_in_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (number, "error"));

  gtk_editable_set_text (GTK_EDITABLE (number), "");
  type_text (number, "0123456749");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "0123.456.749");
  g_assert_null (chq_sign_in_dialog_get_error (dialog));
  g_assert_false (gtk_widget_has_css_class (number, "error"));
  g_assert_false (chq_sign_in_dialog_can_submit (dialog));

  /* A wrong password: said in place, under the form. */
  gtk_editable_set_text (GTK_EDITABLE (password), "wrong");
  g_assert_true (chq_sign_in_dialog_can_submit (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign-in.submit", NULL));
  g_assert_true (chq_sign_in_dialog_is_busy (dialog));
  wait_until (!chq_sign_in_dialog_is_busy (dialog), 30000);
  g_assert_cmpstr (chq_sign_in_dialog_get_error (dialog), ==,
                   "The enterprise number or the password is wrong. Check them and try again.");
  g_assert_true (gtk_widget_has_css_class (password, "error"));
  g_assert_true (gtk_widget_get_visible (template_child (dialog, CHQ_TYPE_SIGN_IN_DIALOG, "error_label")));
  g_assert_null (chq_application_get_backend (app));

  /* Nothing listens at the address. */
  gtk_editable_set_text (GTK_EDITABLE (address), closed);
  gtk_editable_set_text (GTK_EDITABLE (password), TEST_PASSWORD);
  chq_sign_in_dialog_submit (dialog);
  wait_until (!chq_sign_in_dialog_is_busy (dialog), 60000);
  g_assert_true (g_str_has_prefix (chq_sign_in_dialog_get_error (dialog), "Cannot reach the service"));
  g_assert_true (gtk_widget_has_css_class (address, "error"));
  g_assert_false (gtk_widget_has_css_class (password, "error"));

  /* Plain http to anything but loopback is refused before anything is sent. */
  gtk_editable_set_text (GTK_EDITABLE (address), "http://vouchers.example.com");
  chq_sign_in_dialog_submit (dialog);
  g_assert_false (chq_sign_in_dialog_is_busy (dialog));
  g_assert_true (g_str_has_prefix (chq_sign_in_dialog_get_error (dialog), "The address must start with https://"));

  /* The right address and password. */
  gtk_editable_set_text (GTK_EDITABLE (address), uri);
  chq_sign_in_dialog_submit (dialog);
  wait_until (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG) == NULL, 30000);

  backend = chq_application_get_backend (app);
  g_assert_nonnull (backend);
  g_assert_false (chq_backend_is_demo (backend));
  g_assert_cmpstr (chq_backend_get_enterprise_number (backend), ==, TEST_ENTERPRISE);
  g_assert_cmpstr (chq_window_get_view (window), ==, "pages");
  g_assert_null (chq_window_get_banner (window));
  g_free (token);
  token = g_settings_get_string (settings, "enterprise-number");
  g_assert_cmpstr (token, ==, TEST_ENTERPRISE);
  g_clear_pointer (&token, g_free);
  g_assert_false (g_settings_get_boolean (settings, "demo-mode"));
  wait_until (synced (backend), 60000);

  /* The session is in the keyring, for the next start. */
  token = chq_secret_lookup_token (uri, TEST_ENTERPRISE, NULL, NULL);
  g_assert_nonnull (token);

  leave ();
  chq_sandbox_stop (sandbox);
}

/* Offline: the banner, the queued order, sent once when the service is back */

static void
test_offline (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-ui-app-XXXXXX", NULL);
  g_autoptr(ChqSandbox) sandbox = start_sandbox (dir, 0);
  g_autofree char *uri = chq_sandbox_dup_uri (sandbox);
  g_autoptr(ChqBackend) backend = signed_in_backend (uri);
  ChqWindow *window = get_main_window ();
  ChqSync *sync = chq_backend_get_sync (backend);
  g_autoptr(GError) error = NULL;
  const char *banner;
  guint orders_before;

  chq_application_use_backend (app, backend);
  wait_until (synced (backend), 60000);
  g_assert_null (chq_window_get_banner (window));
  orders_before = test_count_server_orders (uri);

  /* The service goes away: the next sync says so, the pages keep their data. */
  chq_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (chq_sync_get_state (sync) == CHQ_SYNC_STATE_OFFLINE, 60000);
  banner = chq_window_get_banner (window);
  g_assert_nonnull (banner);
  g_assert_true (g_str_has_prefix (banner, "Offline — showing data from "));
  g_assert_cmpstr (banner_button_action (window), ==, "win.sync");
  g_assert_cmpstr (gtk_button_get_label (template_child (window, CHQ_TYPE_WINDOW, "banner_button")), ==, "_Retry");
  g_assert_false (gtk_test_accessible_has_property (template_child (window, CHQ_TYPE_WINDOW, "banner_button"),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_cmpstr (chq_vouchers_page_get_state (CHQ_VOUCHERS_PAGE (chq_window_get_page (window, "vouchers"))),
                   ==, "ready");

  /* An order waits in the outbox, and the banner says so. */
  g_assert_cmpint (chq_backend_order_vouchers (backend, CHQ_VOUCHER_TYPE_CF, 3, &error), >, 0);
  g_assert_no_error (error);
  wait_until (chq_sync_get_state (sync) == CHQ_SYNC_STATE_OFFLINE && !chq_sync_is_running (sync)
              && (banner = chq_window_get_banner (window)) != NULL
              && g_str_has_suffix (banner, "1 change waits to be sent."), 60000);

  /* Back, on the same port and with the same data: "Retry" sends it, once. */
  sandbox = start_sandbox (dir, port_of (uri));
  g_assert_true (click (template_child (window, CHQ_TYPE_WINDOW, "banner_button")));
  wait_until (synced (backend) && chq_backend_count_unsent (backend) == 0, 60000);
  wait_until (chq_window_get_banner (window) == NULL, 5000);
  g_assert_cmpuint (test_count_server_orders (uri), ==, orders_before + 1);

  /* Another sync sends nothing again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (!chq_sync_is_running (sync), 1000);
  wait_until (synced (backend), 60000);
  g_assert_cmpuint (test_count_server_orders (uri), ==, orders_before + 1);

  leave ();
  chq_sandbox_stop (sandbox);
}

/* A session that ends: signing in again keeps everything */

static void
test_session_expired (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-ui-app-XXXXXX", NULL);
  g_autoptr(ChqSandbox) sandbox = start_sandbox (dir, 0);
  g_autofree char *uri = chq_sandbox_dup_uri (sandbox);
  g_autoptr(ChqBackend) backend = signed_in_backend (uri);
  ChqWindow *window = get_main_window ();
  ChqSync *sync = chq_backend_get_sync (backend);
  ChqSignInDialog *dialog;
  GtkWidget *address, *number, *password;

  chq_application_use_backend (app, backend);
  wait_until (synced (backend), 60000);

  chq_client_set_token (chq_backend_get_client (backend), "expired-token");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (chq_sync_get_state (sync) == CHQ_SYNC_STATE_UNAUTHORIZED, 60000);

  /* The dialog asks only for the password; the pages stay. */
  wait_until (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG) != NULL, 5000);
  dialog = CHQ_SIGN_IN_DIALOG (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG));
  g_assert_true (chq_sign_in_dialog_get_backend (dialog) == backend);
  address = template_child (dialog, CHQ_TYPE_SIGN_IN_DIALOG, "address_row");
  number = template_child (dialog, CHQ_TYPE_SIGN_IN_DIALOG, "number_row");
  password = template_child (dialog, CHQ_TYPE_SIGN_IN_DIALOG, "password_row");
  g_assert_false (gtk_widget_get_sensitive (address));
  g_assert_false (gtk_widget_get_sensitive (number));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "0123.456.749");
  g_assert_cmpstr (chq_window_get_view (window), ==, "pages");
  g_assert_true (g_str_has_prefix (chq_window_get_banner (window), "Your session has ended."));
  g_assert_cmpstr (banner_button_action (window), ==, "win.sign-in-again");

  /* Closing it leaves the banner's button to come back to it. */
  gtk_window_close (GTK_WINDOW (dialog));
  flush_main_context ();
  g_assert_null (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG));
  g_assert_true (click (template_child (window, CHQ_TYPE_WINDOW, "banner_button")));
  dialog = CHQ_SIGN_IN_DIALOG (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG));
  g_assert_nonnull (dialog);
  password = template_child (dialog, CHQ_TYPE_SIGN_IN_DIALOG, "password_row");

  gtk_editable_set_text (GTK_EDITABLE (password), TEST_PASSWORD);
  chq_sign_in_dialog_submit (dialog);
  wait_until (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG) == NULL, 30000);
  g_assert_true (chq_application_get_backend (app) == backend);
  wait_until (synced (backend), 60000);
  wait_until (chq_window_get_banner (window) == NULL, 5000);

  leave ();
  chq_sandbox_stop (sandbox);
}

/* A change the service refuses: listed with its reason, discarded */

static void
test_refused_change (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-ui-app-XXXXXX", NULL);
  g_autoptr(ChqSandbox) sandbox = start_sandbox (dir, 0);
  g_autofree char *uri = chq_sandbox_dup_uri (sandbox);
  g_autoptr(ChqBackend) backend = signed_in_backend (uri);
  ChqWindow *window = get_main_window ();
  ChqOutboxView *view = template_child (window, CHQ_TYPE_WINDOW, "outbox_view");
  GtkWidget *failed_button = template_child (window, CHQ_TYPE_WINDOW, "failed_button");
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  chq_application_use_backend (app, backend);
  wait_until (synced (backend), 60000);
  g_assert_false (gtk_widget_get_visible (failed_button));

  /* Far above the year's ceiling. */
  id = chq_backend_order_vouchers (backend, CHQ_VOUCHER_TYPE_CF, 100000, &error);
  g_assert_no_error (error);
  wait_until (chq_outbox_view_get_n_failed (view) == 1, 60000);
  g_assert_true (gtk_widget_get_visible (failed_button));
  entry = g_list_model_get_item (chq_outbox_view_get_model (view), 0);
  g_assert_cmpint (chq_outbox_entry_get_id (entry), ==, id);
  g_assert_nonnull (chq_outbox_entry_get_error_message (entry));

  /* "Edit…" opens the page where orders are made; "Discard" forgets the change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "outbox.edit", "x", id));
  g_assert_cmpstr (chq_window_get_visible_page (window), ==, "vouchers");
  g_assert_cmpuint (chq_outbox_view_get_n_failed (view), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "outbox.discard", "x", id));
  wait_until (chq_outbox_view_get_n_failed (view) == 0, 5000);
  g_assert_false (gtk_widget_get_visible (failed_button));
  g_assert_false (chq_outbox_view_discard (view, id));

  leave ();
  chq_sandbox_stop (sandbox);
}

/* A change that waited past the service's idempotency window and was not found there:
 * listed with the reason and "Send Again", which queues it under a new key and sends it */

static void
test_expired_change (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-ui-app-XXXXXX", NULL);
  g_autoptr(ChqSandbox) sandbox = start_sandbox (dir, 0);
  g_autofree char *uri = chq_sandbox_dup_uri (sandbox);
  g_autoptr(ChqBackend) backend = signed_in_backend (uri);
  ChqWindow *window = get_main_window ();
  ChqOutboxView *view = template_child (window, CHQ_TYPE_WINDOW, "outbox_view");
  ChqOutbox *outbox = chq_backend_get_outbox (backend);
  g_autoptr(JsonNode) payload = json_from_string ("{\"voucher_type\":\"eco\",\"quantity\":3}",
                                                  NULL);
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autoptr(ChqOutboxEntry) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 id, other;

  chq_application_use_backend (app, backend);
  wait_until (synced (backend), 60000);

  /* What the sync engine leaves when an old order is not among the service's: made here
   * directly, between two turns of the main loop, so no run sends it first. */
  message = chq_outbox_effect_message (CHQ_OUTBOX_KIND_CREATE_ORDER, CHQ_OUTBOX_EFFECT_ABSENT);
  id = chq_outbox_add (outbox, chq_backend_get_account_key (backend),
                       CHQ_OUTBOX_KIND_CREATE_ORDER, NULL, payload, &error);
  g_assert_no_error (error);
  g_assert_true (chq_outbox_mark_failed (outbox, id, message, CHQ_OUTBOX_CODE_EXPIRED, NULL,
                                         &error));
  g_assert_no_error (error);
  /* A change the service refused cannot be sent again as it is. */
  other = chq_outbox_add (outbox, chq_backend_get_account_key (backend),
                          CHQ_OUTBOX_KIND_CREATE_ORDER, NULL, payload, &error);
  g_assert_true (chq_outbox_mark_failed (outbox, other, "Refused.", "ceiling_exceeded", NULL,
                                         &error));
  wait_until (chq_outbox_view_get_n_failed (view) == 2, 5000);
  entry = g_list_model_get_item (chq_outbox_view_get_model (view), 0);
  g_assert_cmpstr (chq_outbox_entry_get_error_message (entry), ==, message);
  g_assert_false (chq_outbox_view_send_again (view, other));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "outbox.send-again", "x", id));
  wait_until (chq_outbox_view_get_n_failed (view) == 1, 5000);
  wait_until (chq_outbox_count_pending (outbox, chq_backend_get_account_key (backend)) == 0,
              60000);
  wait_until (!chq_sync_is_running (chq_backend_get_sync (backend)), 60000);
  refused = chq_outbox_get_entry (outbox, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chq_outbox_entry_get_state (refused), ==, CHQ_OUTBOX_STATE_SENT);

  g_assert_true (chq_outbox_discard (outbox, other, &error));
  leave ();
  chq_sandbox_stop (sandbox);
}

/* Preferences: the sync interval applies at once; the warning days change the page */

static ChqPreferencesWindow *
open_preferences (void)
{
  return CHQ_PREFERENCES_WINDOW (open_app_window ("preferences", CHQ_TYPE_PREFERENCES_WINDOW));
}

static void
test_preferences (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-ui-app-XXXXXX", NULL);
  g_autoptr(ChqSandbox) sandbox = start_sandbox (dir, 0);
  g_autofree char *uri = chq_sandbox_dup_uri (sandbox);
  g_autoptr(ChqBackend) backend = signed_in_backend (uri);
  ChqWindow *window = get_main_window ();
  ChqVouchersPage *vouchers = CHQ_VOUCHERS_PAGE (chq_window_get_page (window, "vouchers"));
  ChqPreferencesWindow *preferences;
  GtkSpinButton *interval, *warning;
  AdwActionRow *row;
  guint expiring_short, expiring_long;

  chq_application_use_backend (app, backend);
  wait_until (synced (backend), 60000);
  chq_vouchers_page_set_today (vouchers, TEST_TODAY);
  wait_until (g_strcmp0 (chq_vouchers_page_get_state (vouchers), "ready") == 0, 10000);

  preferences = open_preferences ();
  g_assert_true (chq_preferences_window_get_backend (preferences) == backend);
  row = template_child (preferences, CHQ_TYPE_PREFERENCES_WINDOW, "address_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, uri);
  row = template_child (preferences, CHQ_TYPE_PREFERENCES_WINDOW, "number_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "0123.456.749");
  g_assert_cmpstr (gtk_actionable_get_action_name (template_child (preferences, CHQ_TYPE_PREFERENCES_WINDOW, "account_button")),
                   ==, "prefs.sign-out");
  row = template_child (preferences, CHQ_TYPE_PREFERENCES_WINDOW, "cache_row");
  g_assert_nonnull (adw_action_row_get_subtitle (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), !=, "0 bytes");

  /* The interval goes to the sync engine as soon as it changes. */
  interval = template_child (preferences, CHQ_TYPE_PREFERENCES_WINDOW, "sync_interval_spin");
  g_assert_cmpuint (chq_application_get_sync_interval (app), ==, 30);
  gtk_spin_button_set_value (interval, 15);
  g_assert_cmpuint (chq_application_get_sync_interval (app), ==, 15);
  gtk_spin_button_set_value (interval, 120);
  g_assert_cmpuint (chq_application_get_sync_interval (app), ==, 120);

  /* The warning days change what the Vouchers page counts as expiring soon. */
  warning = template_child (preferences, CHQ_TYPE_PREFERENCES_WINDOW, "expiry_warning_spin");
  gtk_spin_button_set_value (warning, 1);
  flush_main_context ();
  expiring_short = chq_vouchers_page_get_figures (vouchers, CHQ_VOUCHER_TYPE_CF)->expiring;
  gtk_spin_button_set_value (warning, 365);
  flush_main_context ();
  expiring_long = chq_vouchers_page_get_figures (vouchers, CHQ_VOUCHER_TYPE_CF)->expiring;
  g_assert_cmpuint (expiring_short, <, expiring_long);

  /* "Clear Cache" empties it; the sync that follows fills it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.clear-cache", NULL));
  wait_until (chq_sync_is_running (chq_backend_get_sync (backend)), 5000);
  wait_until (synced (backend), 60000);
  wait_until (chq_vouchers_page_get_figures (vouchers, CHQ_VOUCHER_TYPE_CF) != NULL
              && chq_vouchers_page_get_figures (vouchers, CHQ_VOUCHER_TYPE_CF)->expiring == expiring_long,
              10000);

  gtk_window_close (GTK_WINDOW (preferences));
  leave ();
  chq_sandbox_stop (sandbox);
}

/* Signing out, with and without changes waiting */

static AdwMessageDialog *
ask_sign_out (ChqPreferencesWindow *preferences)
{
  AdwMessageDialog *dialog;

  g_assert_true (click (template_child (preferences, CHQ_TYPE_PREFERENCES_WINDOW,
                                                      "account_button")));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Sign Out?");

  return dialog;
}

/* Answers as a click on the dialog's button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  flush_main_context ();
}

static void
test_sign_out (void)
{
  g_autofree char *dir = g_dir_make_tmp ("chq-ui-app-XXXXXX", NULL);
  g_autoptr(ChqSandbox) sandbox = start_sandbox (dir, 0);
  g_autofree char *uri = chq_sandbox_dup_uri (sandbox);
  g_autoptr(ChqBackend) backend = signed_in_backend (uri);
  g_autoptr(ChqBackend) second = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  ChqWindow *window = get_main_window ();
  ChqPreferencesWindow *preferences;
  AdwMessageDialog *dialog;
  g_autoptr(GDateTime) last = NULL;

  /* Without changes waiting. */
  g_settings_set_string (settings, "enterprise-number", TEST_ENTERPRISE);
  chq_application_use_backend (app, backend);
  wait_until (synced (backend), 60000);
  token = chq_secret_lookup_token (uri, TEST_ENTERPRISE, NULL, NULL);
  g_assert_nonnull (token);

  preferences = open_preferences ();
  dialog = ask_sign_out (preferences);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "not been sent"));
  respond (dialog, "sign-out");
  wait_until (chq_application_get_backend (app) == NULL, 30000);
  flush_main_context ();
  g_assert_null (find_toplevel (CHQ_TYPE_PREFERENCES_WINDOW));
  g_assert_cmpstr (chq_window_get_view (window), ==, "welcome");
  g_clear_pointer (&token, g_free);
  token = g_settings_get_string (settings, "enterprise-number");
  g_assert_cmpstr (token, ==, "");
  g_clear_pointer (&token, g_free);
  token = chq_secret_lookup_token (uri, TEST_ENTERPRISE, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (token);
  /* This account's cache went with it. */
  last = chq_store_get_last_sync (chq_backend_get_store (backend));
  g_assert_null (last);

  /* With an order waiting (the service is away): the user is told, and can step back. */
  second = signed_in_backend (uri);
  g_settings_set_string (settings, "enterprise-number", TEST_ENTERPRISE);
  chq_application_use_backend (app, second);
  wait_until (synced (second), 60000);
  chq_sandbox_stop (sandbox);
  g_assert_cmpint (chq_backend_order_vouchers (second, CHQ_VOUCHER_TYPE_CF, 2, &error), >, 0);
  g_assert_no_error (error);
  wait_until (chq_sync_get_state (chq_backend_get_sync (second)) == CHQ_SYNC_STATE_OFFLINE
              && !chq_sync_is_running (chq_backend_get_sync (second)), 60000);

  preferences = open_preferences ();
  dialog = ask_sign_out (preferences);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "1 change has not been sent to the voucher service yet."));
  respond (dialog, "cancel");
  g_assert_true (chq_application_get_backend (app) == second);

  dialog = ask_sign_out (preferences);
  respond (dialog, "sign-out");
  wait_until (chq_application_get_backend (app) == NULL, 30000);
  g_assert_cmpstr (chq_window_get_view (window), ==, "welcome");
  /* The order is kept, for when this account signs in again. */
  g_assert_cmpuint (chq_backend_count_unsent (second), ==, 1);

  leave ();
}

/* A start with an account in the settings but no session kept: its cache shows, and the
 * password is asked for. */
static void
test_start_without_session (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ChqWindow *window = get_main_window ();
  ChqSignInDialog *dialog;
  ChqBackend *backend;

  g_settings_set_string (settings, "service-address", "http://127.0.0.1:9");
  g_settings_set_string (settings, "enterprise-number", TEST_ENTERPRISE);
  chq_application_open_from_settings (app);

  backend = chq_application_get_backend (app);
  g_assert_nonnull (backend);
  g_assert_false (chq_backend_is_demo (backend));
  g_assert_cmpstr (chq_backend_get_service_uri (backend), ==, "http://127.0.0.1:9");
  g_assert_cmpstr (chq_window_get_view (window), ==, "pages");

  wait_until (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG) != NULL, 10000);
  dialog = CHQ_SIGN_IN_DIALOG (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG));
  g_assert_true (chq_sign_in_dialog_get_backend (dialog) == backend);
  g_assert_true (g_str_has_prefix (chq_window_get_banner (window), "Your session has ended."));

  leave ();
  g_assert_cmpstr (chq_window_get_view (window), ==, "welcome");

  /* With nothing in the settings, nothing opens. */
  chq_application_open_from_settings (app);
  g_assert_null (chq_application_get_backend (app));
}

/* A start before the window is drawn (as at launch): the keyring is read once the window
 * shows its first frame, and a missing session then asks for the password as above. */
static void
test_start_keyring_after_first_frame (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  ChqWindow *window = get_main_window ();
  ChqSignInDialog *dialog;
  ChqBackend *backend;
  const char *banner;
  g_autoptr(GAsyncResult) result = NULL;

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_settings_set_string (settings, "service-address", "http://127.0.0.1:9");
  g_settings_set_string (settings, "enterprise-number", TEST_ENTERPRISE);
  chq_application_open_from_settings (app);
  backend = chq_application_get_backend (app);
  g_assert_nonnull (backend);
  g_assert_cmpstr (chq_window_get_view (window), ==, "pages");

  /* Not before the window is on screen: a lookup of our own, started after the app's
   * would have been, is answered first. */
  chq_backend_restore_async (backend, NULL, store_result_cb, &result);
  wait_until (result != NULL, 10000);
  g_assert_false (chq_backend_restore_finish (backend, result, NULL));
  flush_main_context ();
  g_assert_null (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG));
  banner = chq_window_get_banner (window);
  g_assert_false (banner != NULL && g_str_has_prefix (banner, "Your session has ended."));

  gtk_window_present (GTK_WINDOW (window));
  wait_until (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG) != NULL, 10000);
  dialog = CHQ_SIGN_IN_DIALOG (find_toplevel (CHQ_TYPE_SIGN_IN_DIALOG));
  g_assert_true (chq_sign_in_dialog_get_backend (dialog) == backend);
  g_assert_true (g_str_has_prefix (chq_window_get_banner (window), "Your session has ended."));

  leave ();
  g_assert_cmpstr (chq_window_get_view (window), ==, "welcome");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  test_ui_init_gtk (&argc, &argv);

  /* No notification server on the test's session bus. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "notifications", FALSE);
  }

  app = test_ui_application_new ();

  g_test_add_func ("/ui/app/logic/banner", test_logic_banner);
  g_test_add_func ("/ui/app/logic/updated", test_logic_updated);
  g_test_add_func ("/ui/app/logic/updated-short", test_logic_updated_short);
  g_test_add_func ("/ui/app/logic/number", test_logic_number);
  g_test_add_func ("/ui/app/logic/number-cursor", test_logic_number_cursor);
  g_test_add_func ("/ui/app/logic/sign-in-errors", test_logic_sign_in_errors);
  g_test_add_func ("/ui/app/logic/pages", test_logic_pages);
  g_test_add_func ("/ui/app/first-run-demo", test_first_run_demo);
  g_test_add_func ("/ui/app/demo-again", test_demo_again);
  g_test_add_func ("/ui/app/sign-in", test_sign_in);
  g_test_add_func ("/ui/app/offline", test_offline);
  g_test_add_func ("/ui/app/session-expired", test_session_expired);
  g_test_add_func ("/ui/app/refused-change", test_refused_change);
  g_test_add_func ("/ui/app/expired-change", test_expired_change);
  g_test_add_func ("/ui/app/preferences", test_preferences);
  g_test_add_func ("/ui/app/sign-out", test_sign_out);
  g_test_add_func ("/ui/app/start-without-session", test_start_without_session);
  g_test_add_func ("/ui/app/start-keyring-after-first-frame",
                   test_start_keyring_after_first_frame);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
