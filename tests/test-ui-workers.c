/* test-ui-workers.c: the Workers page against the real sandbox: the list and eligibility,
 * adding a worker (a bad NISS refused and explained), archiving, cancelling a booking,
 * recording attendance at and above the daily cap, refused requests with their reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-workers"

#include "config.h"

#include <adwaita.h>

#include "chq-attendance-dialog.h"
#include "chq-backend.h"
#include "chq-booking-row.h"
#include "chq-json.h"
#include "chq-sandbox.h"
#include "chq-test-ui-utils.h"
#include "chq-worker-dialog.h"
#include "chq-worker-row.h"
#include "chq-workers-logic.h"
#include "chq-workers-page.h"

#define DEMO_SME "0123456749"
/* The demo's workers (chq-sandbox-demo.c): Sophie Dubois (attended a course), Marc Lejeune
 * (booked on an upcoming session), Thomas Renard (temporary), Élodie Collard (student). */
#define SOPHIE "wrk-0001"
#define MARC   "wrk-0002"
#define THOMAS "wrk-0004"
#define ELODIE "wrk-0006"

typedef struct {
  TestUi          ui;
  ChqWorkersPage *page;
} Fixture;

/* The service answers every request 503: what the page queues stays waiting. */
static void
go_offline (Fixture *f)
{
  chq_sandbox_set_faults (f->ui.sandbox, 1.0, 0.0, 0);
}

static void
go_online (Fixture *f)
{
  ChqSync *sync = chq_backend_get_sync (f->ui.backend);

  chq_sandbox_set_faults (f->ui.sandbox, 0.0, 0.0, 0);
  chq_sync_cancel (sync);
  while (chq_sync_is_running (sync))
    g_main_context_iteration (NULL, TRUE);
}

typedef struct {
  int         width;
  gboolean    no_backend;
  const char *enterprise_number; /* NULL: the SME */
} Setup;

static const Setup wide = { 1000, FALSE, NULL };
static const Setup narrow = { 360, FALSE, NULL };
static const Setup no_account = { 1000, TRUE, NULL };
/* The demo's main-activity self-employed, Julie Lambert. */
static const Setup self_employed = { 1000, FALSE, "0987654394" };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;

  test_ui_set_up (&f->ui, "chq-ui-workers-XXXXXX", "workers test",
                  setup->enterprise_number != NULL ? setup->enterprise_number : DEMO_SME,
                  TRUE, setup->width);
  f->page = CHQ_WORKERS_PAGE (chq_workers_page_new ());
  test_ui_show (&f->ui, GTK_WIDGET (f->page));

  if (!setup->no_backend)
    {
      chq_workers_page_set_backend (f->page, f->ui.backend);
      wait_until (g_strcmp0 (chq_workers_page_get_state (f->page), "list") == 0, 10000);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog = chq_workers_page_get_open_dialog (f->page);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  test_ui_tear_down (&f->ui);
}

static ChqWorkerRow *
find_worker_row (Fixture    *f,
                 const char *worker_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (f->page), CHQ_TYPE_WORKER_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      ChqWorker *worker = chq_worker_row_get_worker (g_ptr_array_index (rows, i));

      if (worker != NULL && g_strcmp0 (chq_worker_get_id (worker), worker_id) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static ChqBookingRow *
find_booking_row (Fixture    *f,
                  const char *enrolment_id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (f->page), CHQ_TYPE_BOOKING_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      ChqEnrolment *enrolment = chq_booking_row_get_enrolment (g_ptr_array_index (rows, i));

      if (enrolment != NULL && g_strcmp0 (chq_enrolment_get_id (enrolment), enrolment_id) == 0)
        return g_ptr_array_index (rows, i);
    }

  return NULL;
}

static gboolean
model_has_worker (GListModel *model,
                  const char *worker_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (CHQ_IS_WORKER (item) && g_strcmp0 (chq_worker_get_id (CHQ_WORKER (item)), worker_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
model_has_last_name (GListModel *model,
                     const char *last_name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (CHQ_IS_WORKER (item) &&
          g_strcmp0 (chq_worker_get_last_name (CHQ_WORKER (item)), last_name) == 0)
        return TRUE;
    }

  return FALSE;
}

static guint
count_entries (Fixture       *f,
               ChqOutboxKind  kind)
{
  ChqOutbox *outbox = chq_backend_get_outbox (f->ui.backend);
  const char *account_key = chq_backend_get_account_key (f->ui.backend);
  g_autoptr(GPtrArray) entries = chq_outbox_list (outbox, account_key, CHQ_OUTBOX_STATES_ALL);
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    if (chq_outbox_entry_get_kind (g_ptr_array_index (entries, i)) == kind)
      n++;

  return n;
}

static void
select_worker (Fixture    *f,
               const char *worker_id)
{
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.select-worker", "s", worker_id);
  g_assert_cmpstr (chq_workers_page_get_selected_worker_id (f->page), ==, worker_id);
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  GListModel *model = chq_workers_page_get_worker_model (f->page);
  ChqWorkerRow *elodie;
  ChqWorkerRow *sophie;
  GtkStack *detail_stack;

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Workers");

  /* Six workers, none archived; the student is flagged with the reason. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  wait_until (find_worker_row (f, ELODIE) != NULL, 5000);
  elodie = find_worker_row (f, ELODIE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (elodie), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Élodie Collard, Student. Students may not be trained "
                                       "with training vouchers. 0 h this year.");
  sophie = find_worker_row (f, SOPHIE);
  g_assert_nonnull (sophie);
  g_assert_cmpstr (chq_worker_row_get_state_text (sophie), ==, "");

  /* The detail: eligibility with its reason, hours this year, the bookings. */
  detail_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                           CHQ_TYPE_WORKERS_PAGE,
                                                           "detail_stack"));
  /* Side by side, the first worker is shown at once (by last name: Nadia Benali). */
  wait_until (chq_workers_page_get_selected_worker_id (f->page) != NULL, 5000);
  g_assert_cmpstr (chq_workers_page_get_selected_worker_id (f->page), ==, "wrk-0003");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (detail_stack), ==, "worker");
  select_worker (f, ELODIE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (detail_stack), ==, "worker");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "eligibility_label"))),
                   ==, "Students may not be trained with training vouchers.");

  select_worker (f, SOPHIE);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "eligibility_label"))),
                   ==, "May be trained with training vouchers.");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "niss_label"))),
                   ==, "85.07.30-033.28");
  /* Sophie attended a course this year: one booking, attended. */
  wait_until (g_list_model_get_n_items (chq_workers_page_get_booking_model (f->page)) == 1, 5000);

  /* No account: the honest empty state. */
  chq_workers_page_set_backend (f->page, NULL);
  g_assert_cmpstr (chq_workers_page_get_state (f->page), ==, "no-account");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (chq_workers_page_get_selected_worker_id (f->page));
}

static void
test_no_account (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpstr (chq_workers_page_get_state (f->page), ==, "no-account");
  /* Adding needs an account: nothing opens. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.add", NULL);
  g_assert_null (chq_workers_page_get_open_dialog (f->page));
}

static void
test_add_worker (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *model = chq_workers_page_get_worker_model (f->page);
  ChqWorkerDialog *dialog;
  gboolean found_waiting = FALSE;

  go_offline (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.add", NULL);
  dialog = CHQ_WORKER_DIALOG (chq_workers_page_get_open_dialog (f->page));
  g_assert_nonnull (dialog);
  g_assert_null (chq_worker_dialog_get_worker (dialog));

  /* A NISS one digit off: said at once, in place, as it is typed. */
  chq_worker_dialog_set_fields (dialog, "Lucie", "Marchal", CHQ_WORKER_STATUS_EMPLOYEE,
                                "85.07.30-033.29", "");
  g_assert_nonnull (strstr (chq_worker_dialog_get_field_error (dialog, CHQ_WORKER_FIELD_NISS),
                            "do not match"));
  /* An unfinished number is not an error while typing... */
  chq_worker_dialog_set_fields (dialog, NULL, NULL, CHQ_WORKER_STATUS_EMPLOYEE, "85.07", NULL);
  g_assert_null (chq_worker_dialog_get_field_error (dialog, CHQ_WORKER_FIELD_NISS));
  /* ...but Save refuses it and says why, and nothing is queued. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "worker.save", NULL);
  g_assert_true (chq_workers_page_get_open_dialog (f->page) == GTK_WINDOW (dialog));
  g_assert_nonnull (strstr (chq_worker_dialog_get_field_error (dialog, CHQ_WORKER_FIELD_NISS),
                            "11 digits"));
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_CREATE_WORKER), ==, 0);

  chq_worker_dialog_set_fields (dialog, NULL, NULL, CHQ_WORKER_STATUS_EMPLOYEE,
                                "85.07.30-033.29", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "worker.save", NULL);
  g_assert_true (chq_workers_page_get_open_dialog (f->page) == GTK_WINDOW (dialog));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (gtk_widget_get_template_child (GTK_WIDGET (dialog), CHQ_TYPE_WORKER_DIALOG, "niss_row")),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_CREATE_WORKER), ==, 0);

  /* A bad email too, and an empty name, each in place. */
  chq_worker_dialog_set_fields (dialog, "", NULL, CHQ_WORKER_STATUS_EMPLOYEE, "", "lucie@");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "worker.save", NULL);
  g_assert_nonnull (chq_worker_dialog_get_field_error (dialog, CHQ_WORKER_FIELD_FIRST_NAME));
  g_assert_null (chq_worker_dialog_get_field_error (dialog, CHQ_WORKER_FIELD_NISS));
  g_assert_nonnull (strstr (chq_worker_dialog_get_field_error (dialog, CHQ_WORKER_FIELD_EMAIL),
                            "name@example.be"));
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_CREATE_WORKER), ==, 0);

  /* Corrected: queued, the dialog closes, a toast says so, the list shows it waiting. */
  chq_worker_dialog_set_fields (dialog, "Lucie", NULL, CHQ_WORKER_STATUS_APPRENTICE,
                                "85.07.30-033.28", "lucie.marchal@ateliermosan.be");
  g_assert_null (chq_worker_dialog_get_field_error (dialog, CHQ_WORKER_FIELD_FIRST_NAME));
  g_assert_null (chq_worker_dialog_get_field_error (dialog, CHQ_WORKER_FIELD_EMAIL));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "worker.save", NULL);
  wait_until (chq_workers_page_get_open_dialog (f->page) == NULL, 5000);
  g_assert_cmpstr (f->ui.last_toast, ==,
                   "Lucie Marchal added; waiting to be sent to the voucher service");
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_CREATE_WORKER), ==, 1);

  wait_until (g_list_model_get_n_items (model) == 7, 5000);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (CHQ_IS_OUTBOX_ENTRY (item))
        found_waiting = TRUE;
    }
  g_assert_true (found_waiting);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    gboolean shown = FALSE;

    collect_widgets (GTK_WIDGET (f->page), CHQ_TYPE_WORKER_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      if (chq_worker_row_get_worker (g_ptr_array_index (rows, i)) == NULL &&
          g_strcmp0 (chq_worker_row_get_state_text (g_ptr_array_index (rows, i)),
                     "Waiting to be sent") == 0)
        shown = TRUE;
    g_assert_true (shown);
  }

  /* Back online, the service has the worker (an apprentice: flagged, not eligible). */
  go_online (f);
  run_sync (f->ui.backend);
  wait_until (model_has_last_name (model, "Marchal"), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
  g_assert_cmpuint (chq_backend_count_unsent (f->ui.backend), ==, 0);
}

static void
test_edit_worker (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *model = chq_workers_page_get_worker_model (f->page);
  ChqWorkerDialog *dialog;

  go_offline (f);
  select_worker (f, THOMAS);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.edit", NULL);
  dialog = CHQ_WORKER_DIALOG (chq_workers_page_get_open_dialog (f->page));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (chq_worker_get_id (chq_worker_dialog_get_worker (dialog)), ==, THOMAS);

  chq_worker_dialog_set_fields (dialog, NULL, "Renard-Lambot", CHQ_WORKER_STATUS_EMPLOYEE,
                                NULL, "thomas@ateliermosan.be");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "worker.save", NULL);
  wait_until (chq_workers_page_get_open_dialog (f->page) == NULL, 5000);
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_UPDATE_WORKER), ==, 1);
  wait_until (g_strcmp0 (chq_workers_page_get_detail_state (f->page),
                         "Changes waiting to be sent") == 0, 5000);
  /* While the change waits, nothing more may be asked of the worker. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "edit_button"))));

  go_online (f);
  run_sync (f->ui.backend);
  wait_until (model_has_last_name (model, "Renard-Lambot"), 10000);
  wait_until (g_strcmp0 (chq_workers_page_get_detail_state (f->page), "") == 0, 5000);
  g_assert_cmpstr (chq_workers_page_get_selected_worker_id (f->page), ==, THOMAS);
}

static void
test_archive (Fixture       *f,
              gconstpointer  data)
{
  GListModel *model = chq_workers_page_get_worker_model (f->page);
  AdwMessageDialog *dialog;

  go_offline (f);
  select_worker (f, THOMAS);

  /* Keeping the worker does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.archive", NULL);
  dialog = ADW_MESSAGE_DIALOG (chq_workers_page_get_open_dialog (f->page));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Archive Thomas Renard?");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_ARCHIVE_WORKER), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.archive", NULL);
  dialog = ADW_MESSAGE_DIALOG (chq_workers_page_get_open_dialog (f->page));
  adw_message_dialog_response (dialog, "archive");
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_ARCHIVE_WORKER), ==, 1);
  g_assert_cmpstr (f->ui.last_toast, ==,
                   "Thomas Renard archived; waiting to be sent to the voucher service");
  wait_until (g_strcmp0 (chq_workers_page_get_detail_state (f->page),
                         "Archiving waiting to be sent") == 0, 5000);

  /* Once the service has it, the worker leaves the list; the history stays. */
  go_online (f);
  run_sync (f->ui.backend);
  wait_until (!model_has_worker (model, THOMAS), 10000);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);

  chq_workers_page_set_show_archived (f->page, TRUE);
  g_assert_true (model_has_worker (model, THOMAS));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
  select_worker (f, THOMAS);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "archive_button"))));
}

static ChqEnrolment *
first_booking (Fixture *f)
{
  GListModel *bookings = chq_workers_page_get_booking_model (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (bookings); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (bookings, i);

      if (CHQ_IS_ENROLMENT (item))
        return CHQ_ENROLMENT (g_steal_pointer (&item));
    }

  return NULL;
}

/* An AI course's session in December 2026 with a seat (this year's enrolments are the ones
 * the sync fetches); returns the course, @out_session_id its session. */
static ChqCourse *
find_december_session (Fixture  *f,
                       char    **out_session_id)
{
  ChqStore *store = chq_backend_get_store (f->ui.backend);

  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("crs-ai-%04u", i);
      g_autoptr(ChqCourse) course = chq_store_get_course (store, id, NULL);
      GListModel *sessions;

      if (course == NULL || chq_course_get_voucher_type (course) != CHQ_VOUCHER_TYPE_CF)
        continue;
      sessions = chq_course_get_sessions (course);
      for (guint j = 0; j < g_list_model_get_n_items (sessions); j++)
        {
          g_autoptr(ChqCourseSession) session = g_list_model_get_item (sessions, j);
          GDateTime *starts = chq_course_session_get_starts_at (session);

          if (g_date_time_get_year (starts) == 2026 && g_date_time_get_month (starts) == 12 &&
              chq_course_session_get_seats_left (session) > 0)
            {
              *out_session_id = g_strdup (chq_course_session_get_id (session));
              return g_steal_pointer (&course);
            }
        }
    }

  g_assert_not_reached ();
  return NULL;
}

/* Books @worker_id through the outbox on a session this year, and syncs. */
static void
book_this_year (Fixture    *f,
                const char *worker_id)
{
  g_autofree char *session_id = NULL;
  g_autoptr(ChqCourse) course = find_december_session (f, &session_id);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (chq_backend_book (f->ui.backend, worker_id, chq_course_get_id (course),
                                     session_id, &error), >, 0);
  g_assert_no_error (error);
  run_sync (f->ui.backend);
}

static ChqBookingRow *
find_waiting_booking_row (Fixture *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (f->page), CHQ_TYPE_BOOKING_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (chq_booking_row_get_enrolment (g_ptr_array_index (rows, i)) == NULL)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static void
test_booking_waiting (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *session_id = NULL;
  g_autoptr(ChqCourse) course = find_december_session (f, &session_id);
  g_autoptr(GError) error = NULL;
  GListModel *bookings = chq_workers_page_get_booking_model (f->page);
  ChqBookingRow *row;
  GtkLabel *title;

  /* Booked from the catalogue while offline: the worker's bookings show it waiting, with
   * the course's title read from the cache. */
  go_offline (f);
  g_assert_cmpint (chq_backend_book (f->ui.backend, "wrk-0003", chq_course_get_id (course),
                                     session_id, &error), >, 0);
  g_assert_no_error (error);
  select_worker (f, "wrk-0003");
  wait_until (g_list_model_get_n_items (bookings) == 1, 5000);
  wait_until ((row = find_waiting_booking_row (f)) != NULL, 5000);
  g_assert_cmpstr (chq_booking_row_get_state_text (row), ==, "Waiting to be sent");
  g_assert_false (chq_booking_row_get_can_cancel (row));
  /* The rows are made again as the outbox changes: look for the row each time. */
  wait_until ((row = find_waiting_booking_row (f)) != NULL &&
              (title = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (row),
                                                                 CHQ_TYPE_BOOKING_ROW,
                                                                 "title_label"))) != NULL &&
              g_strcmp0 (gtk_label_get_label (title), chq_course_get_title (course)) == 0,
              5000);

  /* Sent: the service's booking, with its usage code, replaces it. */
  go_online (f);
  run_sync (f->ui.backend);
  wait_until (find_waiting_booking_row (f) == NULL && g_list_model_get_n_items (bookings) == 1,
              10000);
  {
    g_autoptr(ChqEnrolment) enrolment = first_booking (f);

    g_assert_nonnull (enrolment);
    g_assert_cmpstr (chq_enrolment_get_session_id (enrolment), ==, session_id);
    wait_until (find_booking_row (f, chq_enrolment_get_id (enrolment)) != NULL, 5000);
    g_assert_cmpstr (chq_booking_row_get_state_text (find_booking_row (f, chq_enrolment_get_id (enrolment))),
                     ==, "Booked");
  }
}

static void
test_cancel_booking (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ChqEnrolment) enrolment = NULL;
  g_autofree char *enrolment_id = NULL;
  g_autofree char *session = NULL;
  g_autofree char *expected = NULL;
  ChqBookingRow *row;
  AdwMessageDialog *dialog;

  /* Marc, booked on an upcoming session: it may be cancelled, not attended yet. */
  book_this_year (f, MARC);
  select_worker (f, MARC);
  wait_until ((enrolment = first_booking (f)) != NULL, 5000);
  enrolment_id = g_strdup (chq_enrolment_get_id (enrolment));
  g_assert_cmpint (chq_enrolment_get_status (enrolment), ==, CHQ_ENROLMENT_STATUS_BOOKED);
  wait_until ((row = find_booking_row (f, enrolment_id)) != NULL, 5000);
  g_assert_cmpstr (chq_booking_row_get_state_text (row), ==, "Booked");
  g_assert_true (chq_booking_row_get_can_cancel (row));
  g_assert_false (chq_booking_row_get_can_record_attendance (row));

  go_offline (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.cancel-booking", "s", enrolment_id);
  dialog = ADW_MESSAGE_DIALOG (chq_workers_page_get_open_dialog (f->page));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cancel This Booking?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "go back to the wallet"));
  adw_message_dialog_response (dialog, "cancel-booking");
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_CANCEL_ENROLMENT), ==, 1);
  g_assert_cmpstr (f->ui.last_toast, ==,
                   "Booking cancelled; waiting to be sent to the voucher service");
  wait_until (g_strcmp0 (chq_booking_row_get_state_text (find_booking_row (f, enrolment_id)),
                         "Cancellation waiting to be sent") == 0, 5000);
  g_assert_false (chq_booking_row_get_can_cancel (find_booking_row (f, enrolment_id)));

  go_online (f);
  run_sync (f->ui.backend);
  wait_until (find_booking_row (f, enrolment_id) != NULL &&
              g_strcmp0 (chq_booking_row_get_state_text (find_booking_row (f, enrolment_id)),
                         "Cancelled") == 0, 10000);
  row = find_booking_row (f, enrolment_id);
  session = chq_workers_format_session (chq_enrolment_get_starts_at (enrolment),
                                        chq_enrolment_get_ends_at (enrolment));
  expected = g_strdup_printf ("%s, %s, Cancelled", chq_enrolment_get_course_title (enrolment),
                              session);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       expected);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ChqEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *enrolment_id = NULL;
  ChqBookingRow *row;

  /* Sophie's booking is attended: the service refuses to cancel it, and says why. */
  select_worker (f, SOPHIE);
  wait_until ((enrolment = first_booking (f)) != NULL, 5000);
  enrolment_id = g_strdup (chq_enrolment_get_id (enrolment));
  g_assert_cmpint (chq_enrolment_get_status (enrolment), ==, CHQ_ENROLMENT_STATUS_ATTENDED);
  wait_until ((row = find_booking_row (f, enrolment_id)) != NULL, 5000);
  g_assert_true (g_str_has_prefix (chq_booking_row_get_state_text (row), "Attended: "));
  g_assert_false (chq_booking_row_get_can_cancel (row));

  g_assert_cmpint (chq_backend_cancel_booking (f->ui.backend, enrolment_id, &error), >, 0);
  g_assert_no_error (error);
  run_sync (f->ui.backend);
  wait_until (g_str_has_prefix (chq_booking_row_get_state_text (find_booking_row (f, enrolment_id)),
                                "Cancellation refused: "), 10000);
  g_assert_nonnull (strstr (chq_booking_row_get_state_text (find_booking_row (f, enrolment_id)),
                            "can no longer be cancelled"));

  /* Dismissed, the refused request goes; the booking is as the service has it. */
  {
    ChqOutbox *outbox = chq_backend_get_outbox (f->ui.backend);
    g_autoptr(GPtrArray) failed = chq_outbox_list (outbox,
                                                   chq_backend_get_account_key (f->ui.backend),
                                                   CHQ_OUTBOX_STATES_FAILED);

    g_assert_cmpuint (failed->len, ==, 1);
    gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.discard-entry", "x",
                                chq_outbox_entry_get_id (g_ptr_array_index (failed, 0)));
  }
  wait_until (g_str_has_prefix (chq_booking_row_get_state_text (find_booking_row (f, enrolment_id)),
                                "Attended: "), 5000);
}

/* A booking of Sophie's on a two-day session that is over, put in the local cache as the
 * sync would (the demo has no such booking). */
static ChqEnrolment *
make_past_booking (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  ChqEnrolment *enrolment;

  node = json_from_string ("{\"id\": \"enr-9001\", \"worker_id\": \"" SOPHIE "\", "
                           "\"course_id\": \"crs-ai-0001\", \"session_id\": \"ses-ai-0001-09\", "
                           "\"status\": \"booked\", \"usage_code\": \"UC-TEST-0000-01\", "
                           "\"hours\": 14, \"vouchers_reserved\": 14, \"vouchers_used\": 0, "
                           "\"voucher_type\": \"cf\", \"course_title\": \"L’IA au bureau\", "
                           "\"provider_name\": \"Formaform\", "
                           "\"starts_at\": \"2026-10-06T09:00:00+02:00\", "
                           "\"ends_at\": \"2026-10-07T17:00:00+02:00\", "
                           "\"attendance\": [], \"hours_attended\": 0, "
                           "\"created_at\": \"2026-09-01T10:00:00+02:00\"}", &error);
  g_assert_no_error (error);
  enrolment = chq_enrolment_from_json (node, &error);
  g_assert_no_error (error);

  return enrolment;
}

/* Days still to come cannot be given hours: the dialog disables them and says why (the
 * service refuses them too). The session is in 2099, whatever the clock of the test. */
static void
test_attendance_future_days (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(ChqEnrolment) future = NULL;
  ChqAttendanceDialog *dialog;

  node = json_from_string ("{\"id\": \"enr-9002\", \"worker_id\": \"" SOPHIE "\", "
                           "\"course_id\": \"crs-ai-0001\", \"session_id\": \"ses-ai-0001-09\", "
                           "\"status\": \"booked\", \"usage_code\": \"UC-TEST-0000-02\", "
                           "\"hours\": 14, \"vouchers_reserved\": 14, \"vouchers_used\": 0, "
                           "\"voucher_type\": \"cf\", \"course_title\": \"L’IA au bureau\", "
                           "\"provider_name\": \"Formaform\", "
                           "\"starts_at\": \"2099-10-06T09:00:00+02:00\", "
                           "\"ends_at\": \"2099-10-07T17:00:00+02:00\", "
                           "\"attendance\": [], \"hours_attended\": 0, "
                           "\"created_at\": \"2026-09-01T10:00:00+02:00\"}", &error);
  g_assert_no_error (error);
  future = chq_enrolment_from_json (node, &error);
  g_assert_no_error (error);

  dialog = CHQ_ATTENDANCE_DIALOG (chq_attendance_dialog_new (f->ui.backend, future));
  g_assert_cmpuint (chq_attendance_dialog_get_n_days (dialog), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpfloat (chq_attendance_dialog_get_hours (dialog, i), ==, 0);
      g_assert_nonnull (strstr (chq_attendance_dialog_get_day_message (dialog, i),
                                "today and days before"));
    }
  /* Even set by hand, a day to come is no attendance. */
  chq_attendance_dialog_set_hours (dialog, 0, 7);
  g_assert_false (chq_attendance_dialog_get_can_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_attendance (Fixture       *f,
                 gconstpointer  data)
{
  ChqStore *store = chq_backend_get_store (f->ui.backend);
  g_autoptr(ChqEnrolment) past = make_past_booking ();
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(GError) error = NULL;
  ChqAttendanceDialog *dialog;
  ChqBookingRow *row;
  GtkWidget *save_button = NULL;

  go_offline (f);
  enrolments = chq_store_list_enrolments (store, 2026, &error);
  g_assert_no_error (error);
  g_ptr_array_add (enrolments, g_object_ref (past));
  g_assert_true (chq_store_replace_enrolments (store, 2026, enrolments, &error));
  g_assert_no_error (error);

  select_worker (f, SOPHIE);
  wait_until ((row = find_booking_row (f, "enr-9001")) != NULL, 5000);
  g_assert_cmpstr (chq_booking_row_get_state_text (row), ==, "Booked");
  g_assert_false (chq_booking_row_get_can_cancel (row));
  g_assert_true (chq_booking_row_get_can_record_attendance (row));

  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.record-attendance", "s", "enr-9001");
  dialog = CHQ_ATTENDANCE_DIALOG (chq_workers_page_get_open_dialog (f->page));
  g_assert_nonnull (dialog);

  /* One row per day, each a full day capped at 7 hours, planned as the course's 14. */
  g_assert_cmpuint (chq_attendance_dialog_get_n_days (dialog), ==, 2);
  g_assert_cmpstr (chq_attendance_dialog_get_day_date (dialog, 0), ==, "2026-10-06");
  g_assert_cmpstr (chq_attendance_dialog_get_day_date (dialog, 1), ==, "2026-10-07");
  g_assert_cmpuint (chq_attendance_dialog_get_day_cap (dialog, 0), ==, 7);
  /* Nothing is filled in for the user: the hours attended are entered, not certified by one
   * click on what the course planned. */
  g_assert_cmpfloat (chq_attendance_dialog_get_hours (dialog, 0), ==, 0);
  g_assert_cmpfloat (chq_attendance_dialog_get_hours (dialog, 1), ==, 0);
  g_assert_false (chq_attendance_dialog_get_can_save (dialog));

  /* At the cap: allowed, with a clear message. */
  chq_attendance_dialog_set_hours (dialog, 0, 7);
  chq_attendance_dialog_set_hours (dialog, 1, 6.5);
  g_assert_cmpstr (chq_attendance_dialog_get_day_message (dialog, 0), ==,
                   "7 hours is the most that counts for a day of training.");
  g_assert_null (chq_attendance_dialog_get_day_message (dialog, 1));
  g_assert_true (chq_attendance_dialog_get_can_save (dialog));

  /* Above it: refused, the message says what to enter; Record does nothing. */
  chq_attendance_dialog_set_hours (dialog, 0, 7.5);
  g_assert_cmpstr (chq_attendance_dialog_get_day_message (dialog, 0), ==,
                   "At most 7 hours count for a day of training. Enter 7 hours or fewer.");
  g_assert_false (chq_attendance_dialog_get_can_save (dialog));
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                     "attendance.save") == 0)
        save_button = g_ptr_array_index (buttons, i);
  }
  g_assert_nonnull (save_button);
  g_assert_false (gtk_widget_is_sensitive (save_button));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "attendance.save", NULL);
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_RECORD_ATTENDANCE), ==, 0);

  /* Nothing at all is not an attendance either. */
  chq_attendance_dialog_set_hours (dialog, 0, 0);
  chq_attendance_dialog_set_hours (dialog, 1, 0);
  g_assert_false (chq_attendance_dialog_get_can_save (dialog));
  g_assert_nonnull (strstr (chq_attendance_dialog_get_message (dialog), "at least one day"));

  /* Back at the cap and below: recorded through the outbox. */
  chq_attendance_dialog_set_hours (dialog, 0, 7);
  chq_attendance_dialog_set_hours (dialog, 1, 6.5);
  g_assert_true (gtk_widget_is_sensitive (save_button));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "attendance.save", NULL);
  wait_until (chq_workers_page_get_open_dialog (f->page) == NULL, 5000);
  g_assert_cmpuint (count_entries (f, CHQ_OUTBOX_KIND_RECORD_ATTENDANCE), ==, 1);
  g_assert_cmpstr (f->ui.last_toast, ==, "Attendance recorded; waiting to be sent to the voucher service");
  {
    ChqOutbox *outbox = chq_backend_get_outbox (f->ui.backend);
    g_autoptr(GPtrArray) entries = chq_outbox_list (outbox,
                                                    chq_backend_get_account_key (f->ui.backend),
                                                    CHQ_OUTBOX_STATES_WAITING);
    const char *payload;

    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpstr (chq_outbox_entry_get_target_id (g_ptr_array_index (entries, 0)), ==,
                     "enr-9001");
    payload = chq_outbox_entry_get_payload_json (g_ptr_array_index (entries, 0));
    g_assert_nonnull (strstr (payload, "\"2026-10-06\""));
    g_assert_nonnull (strstr (payload, "6.5"));
  }
  wait_until (g_strcmp0 (chq_booking_row_get_state_text (find_booking_row (f, "enr-9001")),
                         "Attendance waiting to be sent") == 0, 5000);
  g_assert_false (chq_booking_row_get_can_record_attendance (find_booking_row (f, "enr-9001")));
}

static void
test_self_employed (Fixture       *f,
                    gconstpointer  data)
{
  GListModel *model = chq_workers_page_get_worker_model (f->page);
  GtkWidget *holder = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                                 CHQ_TYPE_WORKERS_PAGE,
                                                                 "holder_label"));
  g_autoptr(GObject) item = NULL;

  /* One worker, the holder: no other may be added, the holder not archived, but edited. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  wait_until (gtk_widget_get_visible (holder), 5000);
  item = g_list_model_get_item (model, 0);
  select_worker (f, chq_worker_get_id (CHQ_WORKER (item)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "archive_button"))));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "edit_button"))));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.add", NULL);
  g_assert_null (chq_workers_page_get_open_dialog (f->page));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.archive", NULL);
  g_assert_null (chq_workers_page_get_open_dialog (f->page));

  /* A worker queued anyway (by an older version, say) is refused: the list says why, and
   * the refused request can be dismissed. */
  {
    g_autoptr(ChqWorker) extra = g_object_new (CHQ_TYPE_WORKER, "first-name", "Paul",
                                               "last-name", "Lambert", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(GObject) last = NULL;
    GtkButton *dismiss = GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                                    CHQ_TYPE_WORKERS_PAGE,
                                                                    "dismiss_button"));

    g_assert_cmpint (chq_backend_add_worker (f->ui.backend, extra, &error), >, 0);
    g_assert_no_error (error);
    run_sync (f->ui.backend);
    wait_until (g_list_model_get_n_items (model) == 2, 5000);
    last = g_list_model_get_item (model, 1);
    g_assert_true (CHQ_IS_OUTBOX_ENTRY (last));
    g_assert_cmpint (chq_outbox_entry_get_state (CHQ_OUTBOX_ENTRY (last)), ==,
                     CHQ_OUTBOX_STATE_FAILED);
    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "worker_list")))), 1);
    g_assert_true (g_str_has_prefix (chq_workers_page_get_detail_state (f->page),
                                     "Not added: "));
    g_assert_nonnull (strstr (chq_workers_page_get_detail_state (f->page), "conflicts"));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dismiss)));
    g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page), CHQ_TYPE_WORKERS_PAGE, "edit_button"))));
    gtk_widget_activate (GTK_WIDGET (dismiss));
    wait_until (g_list_model_get_n_items (model) == 1, 5000);
  }
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                                    CHQ_TYPE_WORKERS_PAGE,
                                                                    "leaflet"));
  GtkWidget *list_pane = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                                    CHQ_TYPE_WORKERS_PAGE,
                                                                    "list_pane"));

  /* At 360 px the list and the detail are one after the other; Escape goes back. */
  wait_until (adw_leaflet_get_folded (leaflet), 5000);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
  select_worker (f, MARC);
  g_assert_false (adw_leaflet_get_visible_child (leaflet) == list_pane);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "workers.back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "Europe/Brussels", TRUE);
  test_ui_init (&argc, &argv);

  g_test_add ("/workers/states", Fixture, &wide, fixture_set_up, test_states, fixture_tear_down);
  g_test_add ("/workers/no-account", Fixture, &no_account, fixture_set_up, test_no_account,
              fixture_tear_down);
  g_test_add ("/workers/add", Fixture, &wide, fixture_set_up, test_add_worker,
              fixture_tear_down);
  g_test_add ("/workers/edit", Fixture, &wide, fixture_set_up, test_edit_worker,
              fixture_tear_down);
  g_test_add ("/workers/archive", Fixture, &wide, fixture_set_up, test_archive,
              fixture_tear_down);
  g_test_add ("/workers/cancel-booking", Fixture, &wide, fixture_set_up, test_cancel_booking,
              fixture_tear_down);
  g_test_add ("/workers/booking-waiting", Fixture, &wide, fixture_set_up, test_booking_waiting,
              fixture_tear_down);
  g_test_add ("/workers/refused", Fixture, &wide, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/workers/attendance", Fixture, &wide, fixture_set_up, test_attendance,
              fixture_tear_down);
  g_test_add ("/workers/attendance-future-days", Fixture, &wide, fixture_set_up,
              test_attendance_future_days, fixture_tear_down);
  g_test_add ("/workers/self-employed", Fixture, &self_employed, fixture_set_up,
              test_self_employed, fixture_tear_down);
  g_test_add ("/workers/narrow", Fixture, &narrow, fixture_set_up, test_narrow,
              fixture_tear_down);

  return g_test_run ();
}
