/* test-ui-register.c: the training register in the interface, against the real sandbox and
 * a real register: a training added by hand changes the credit, deleting it offers an undo,
 * the worker dialog keeps the training account's details, every document comes out of the
 * Training page and reads back with pdftotext, and a self-employed account gets its own page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-register"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "chq-backend.h"
#include "chq-deadlines-view.h"
#include "chq-hours-page.h"
#include "chq-plan-dialog.h"
#include "chq-register-link.h"
#include "chq-register-prefs.h"
#include "chq-test-ui-utils.h"
#include "chq-training-dialog.h"
#include "chq-trainings-view.h"
#include "chq-worker-dialog.h"

#define DEMO_SME           "0123456749"
#define DEMO_SELF_EMPLOYED "0987654394"
#define SOPHIE "wrk-0001"
#define MARC   "wrk-0002"

typedef struct {
  TestUi        ui;
  ChqHoursPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 28, 12, 0, 0);
  const char *number = data != NULL ? data : DEMO_SME;

  test_ui_set_up (&f->ui, "chq-ui-register-XXXXXX", "register test", number, TRUE, 0);
  f->page = CHQ_HOURS_PAGE (chq_hours_page_new ());
  chq_hours_page_set_today (f->page, today);
  test_ui_show (&f->ui, GTK_WIDGET (f->page));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_ui_tear_down (&f->ui);
}

static gpointer
page_child (gpointer    widget,
            const char *name)
{
  return template_child (widget, CHQ_TYPE_HOURS_PAGE, name);
}

static ChqRegisterLink *
show_backend (Fixture *f)
{
  ChqRegisterLink *link = chq_register_link_get (f->ui.backend);

  chq_hours_page_set_backend (f->page, f->ui.backend);
  wait_until (!chq_register_link_get_busy (link), 10000);
  wait_until (chq_hours_page_get_training_year (f->page) != NULL &&
              !chq_hours_page_get_loading (f->page), 10000);
  return link;
}

/* Waits for the page to build a year model other than @before. */
static ChqTrainingYear *
wait_new_year (Fixture         *f,
               ChqTrainingYear *before)
{
  wait_until (chq_hours_page_get_training_year (f->page) != before &&
              !chq_hours_page_get_loading (f->page), 10000);
  return chq_hours_page_get_training_year (f->page);
}

static const ChqTraining *
find_training (const ChqTrainingYearWorker *w,
               const char                  *title)
{
  for (guint i = 0; i < w->trainings->len; i++)
    {
      const ChqTraining *t = g_ptr_array_index (w->trainings, i);

      if (g_strcmp0 (t->title, title) == 0)
        return t;
    }
  return NULL;
}

static void
test_add_training (Fixture       *f,
                   gconstpointer  data)
{
  ChqTrainingsView *view;
  ChqTrainingYear *year;
  const ChqTrainingYearWorker *marc;
  const ChqTraining *added;
  GtkWidget *dialog;
  double followed_before;
  guint n_before;

  show_backend (f);
  view = page_child (f->page, "trainings_view");
  year = chq_hours_page_get_training_year (f->page);
  g_assert_true (chq_trainings_view_get_year (view) == year);
  marc = chq_training_year_find_worker (year, MARC);
  g_assert_nonnull (marc);
  g_assert_true (marc->balance.has_right);
  followed_before = marc->balance.followed_days;
  n_before = marc->trainings->len;

  /* The form, for Marc: a title is needed, and a real date. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "trainings.add-for", "s", MARC));
  dialog = NULL;
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (CHQ_IS_TRAINING_DIALOG (l->data))
        dialog = l->data;
  }
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  chq_training_dialog_set_fields (CHQ_TRAINING_DIALOG (dialog), "", "Sirius Formation",
                                  "10/11/2026", "", 7.6, "");
  gtk_widget_activate_action (dialog, "training.save", NULL);
  g_assert_cmpstr (chq_training_dialog_get_error (CHQ_TRAINING_DIALOG (dialog)), ==,
                   "Enter the title of the training.");
  chq_training_dialog_set_fields (CHQ_TRAINING_DIALOG (dialog), "Sécurité incendie", NULL,
                                  "31/11/2026", NULL, -1.0, NULL);
  gtk_widget_activate_action (dialog, "training.save", NULL);
  g_assert_cmpstr (chq_training_dialog_get_error (CHQ_TRAINING_DIALOG (dialog)), ==,
                   "Enter a real date as day/month/year, like 30/07/1985.");
  chq_training_dialog_set_fields (CHQ_TRAINING_DIALOG (dialog), NULL, NULL, "10/11/2026", NULL,
                                  -1.0, "-5");
  gtk_widget_activate_action (dialog, "training.save", NULL);
  g_assert_nonnull (chq_training_dialog_get_error (CHQ_TRAINING_DIALOG (dialog)));
  chq_training_dialog_set_fields (CHQ_TRAINING_DIALOG (dialog), NULL, NULL, NULL, NULL, -1.0,
                                  "250,00");
  gtk_widget_activate_action (dialog, "training.save", NULL);
  g_assert_null (chq_training_dialog_get_error (CHQ_TRAINING_DIALOG (dialog)));

  /* Saved off the main thread, the dialog closes and the credit counts the day. */
  wait_until (dialog == NULL, 10000);
  g_assert_cmpstr (f->ui.last_toast, ==, "“Sécurité incendie” added to the training register");
  year = wait_new_year (f, year);
  marc = chq_training_year_find_worker (year, MARC);
  g_assert_cmpuint (marc->trainings->len, ==, n_before + 1);
  g_assert_cmpfloat_with_epsilon (marc->balance.followed_days, followed_before + 1.0, 0.011);
  added = find_training (marc, "Sécurité incendie");
  if (added == NULL)
    g_error ("The training added is not in the year");
  g_assert_cmpint (added->source, ==, CHQ_TRAINING_SOURCE_REGISTER);
  g_assert_cmpint (added->cost_cents, ==, 25000);
  g_assert_cmpstr (added->provider, ==, "Sirius Formation");
  g_assert_true (chq_trainings_view_get_year (view) == year);

  /* Deleted: the credit goes back; the toast's undo puts it back with its id. */
  {
    gint64 id = added->id;

    chq_trainings_view_delete_training (view, id);
    wait_until (!chq_trainings_view_get_busy (view), 10000);
    g_assert_cmpstr (f->ui.last_toast, ==, "“Sécurité incendie” deleted");
    year = wait_new_year (f, year);
    marc = chq_training_year_find_worker (year, MARC);
    g_assert_null (find_training (marc, "Sécurité incendie"));
    g_assert_cmpfloat_with_epsilon (marc->balance.followed_days, followed_before, 0.011);

    chq_trainings_view_undo_delete (view);
    wait_until (!chq_trainings_view_get_busy (view), 10000);
    year = wait_new_year (f, year);
    marc = chq_training_year_find_worker (year, MARC);
    added = find_training (marc, "Sécurité incendie");
    if (added == NULL)
      g_error ("The training is not back");
    g_assert_cmpint (added->id, ==, id);
  }
}

static void
test_worker_details (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 28, 12, 0, 0);
  g_autoptr(GPtrArray) workers = NULL;
  g_autoptr(GError) error = NULL;
  ChqRegisterLink *link;
  ChqTrainingYear *year;
  const ChqTrainingYearWorker *sophie;
  ChqWorker *worker = NULL;
  GtkWidget *dialog;

  link = show_backend (f);
  year = chq_hours_page_get_training_year (f->page);
  workers = chq_store_list_workers (chq_backend_get_store (f->ui.backend), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < workers->len; i++)
    if (g_str_equal (chq_worker_get_id (workers->pdata[i]), SOPHIE))
      worker = workers->pdata[i];
  g_assert_nonnull (worker);

  dialog = chq_worker_dialog_new (f->ui.backend, worker);
  chq_worker_dialog_set_today (CHQ_WORKER_DIALOG (dialog), today);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), f->ui.window);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The demo's details fill in from the register. */
  wait_until (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (template_child (dialog, CHQ_TYPE_WORKER_DIALOG, "birth_date_row"))), "") != 0, 5000);

  /* Her national register number says 30 July 1985: another birth date is refused as it is
   * typed, saying which. A fraction above 1 too. */
  chq_worker_dialog_set_details (CHQ_WORKER_DIALOG (dialog), "31/07/1985", NULL, NULL, NULL,
                                 NULL);
  g_assert_nonnull (chq_worker_dialog_get_details_error (CHQ_WORKER_DIALOG (dialog)));
  g_assert_nonnull (strstr (chq_worker_dialog_get_details_error (CHQ_WORKER_DIALOG (dialog)),
                            "30/07/1985"));
  gtk_widget_activate_action (dialog, "worker.save", NULL);
  g_assert_nonnull (dialog);
  chq_worker_dialog_set_details (CHQ_WORKER_DIALOG (dialog), "30/07/1985", "1,5", NULL, NULL,
                                 NULL);
  g_assert_nonnull (strstr (chq_worker_dialog_get_details_error (CHQ_WORKER_DIALOG (dialog)),
                            "at most 1"));
  chq_worker_dialog_set_details (CHQ_WORKER_DIALOG (dialog), NULL, "4/5", "200", "01/06/2026",
                                 "");
  g_assert_null (chq_worker_dialog_get_details_error (CHQ_WORKER_DIALOG (dialog)));
  gtk_widget_activate_action (dialog, "worker.save", NULL);
  wait_until (dialog == NULL, 5000);

  /* In the register: four fifths, in service since June: her credit follows. */
  year = wait_new_year (f, year);
  sophie = chq_training_year_find_worker (year, SOPHIE);
  g_assert_nonnull (sophie->details);
  g_assert_cmpfloat_with_epsilon (sophie->details->work_fraction, 0.8, 1e-9);
  g_assert_cmpstr (sophie->details->jc_number, ==, "200");
  g_assert_cmpint (g_date_get_month (&sophie->details->entry_date), ==, 6);
  g_assert_false (g_date_valid (&sophie->details->leaving_date));
  g_assert_cmpuint (sophie->balance.months, ==, 7);
  g_assert_cmpfloat_with_epsilon (sophie->balance.fraction, 0.8, 1e-9);
  (void) link;
}

static void
on_details_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChqWorkerDetails **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = chq_register_get_details_finish (CHQ_REGISTER (source), result, &error);
  g_assert_no_error (error);
  if (*out == NULL)
    *out = chq_worker_details_new ("none");
}

/* A worker added before the service knows them: the details typed stay attached once the
 * service gives the worker an id. */
static void
test_new_worker_details (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 28, 12, 0, 0);
  g_autoptr(GPtrArray) workers = NULL;
  g_autoptr(ChqWorkerDetails) details = NULL;
  g_autofree char *pending_key = NULL;
  ChqRegisterLink *link = show_backend (f);
  const char *id = NULL;
  GtkWidget *dialog;
  gint64 entry_id;

  dialog = chq_worker_dialog_new (f->ui.backend, NULL);
  chq_worker_dialog_set_today (CHQ_WORKER_DIALOG (dialog), today);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), f->ui.window);
  gtk_window_present (GTK_WINDOW (dialog));
  chq_worker_dialog_set_fields (CHQ_WORKER_DIALOG (dialog), "Inès", "Kabongo",
                                CHQ_WORKER_STATUS_EMPLOYEE, NULL, NULL);
  chq_worker_dialog_set_details (CHQ_WORKER_DIALOG (dialog), "12/03/1990", "0,5", "124.00",
                                 "01/09/2026", NULL);
  g_object_ref (dialog);
  gtk_widget_activate_action (dialog, "worker.save", NULL);
  entry_id = chq_worker_dialog_get_entry_id (CHQ_WORKER_DIALOG (dialog));
  g_assert_cmpint (entry_id, >, 0);
  g_object_unref (dialog);
  wait_until (dialog == NULL, 5000);

  /* Kept under the waiting entry's key... */
  pending_key = chq_register_link_dup_pending_key (link, entry_id);
  g_assert_nonnull (pending_key);
  wait_until (!chq_register_link_get_busy (link), 5000);
  chq_register_get_details_async (chq_register_link_get_register (link), pending_key, NULL,
                                  on_details_cb, &details);
  wait_until (details != NULL, 5000);
  g_assert_cmpstr (details->worker_key, ==, pending_key);
  g_clear_pointer (&details, chq_worker_details_free);

  /* ...then, once sent, under the id the service gave. */
  run_sync (f->ui.backend);
  workers = chq_store_list_workers (chq_backend_get_store (f->ui.backend), NULL);
  for (guint i = 0; i < workers->len; i++)
    if (g_str_equal (chq_worker_get_last_name (workers->pdata[i]), "Kabongo"))
      id = chq_worker_get_id (workers->pdata[i]);
  g_assert_nonnull (id);
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      chq_register_get_details_async (chq_register_link_get_register (link), id, NULL,
                                      on_details_cb, &details);
      wait_until (details != NULL, 5000);
      if (g_strcmp0 (details->worker_key, id) == 0)
        break;
      g_clear_pointer (&details, chq_worker_details_free);
      g_usleep (50000);
      flush_main_context ();
    }
  g_assert_nonnull (details);
  g_assert_cmpstr (details->worker_key, ==, id);
  g_assert_cmpfloat_with_epsilon (details->work_fraction, 0.5, 1e-9);
  g_assert_cmpstr (details->jc_number, ==, "124.00");
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Writes @kind through the page, as its menu does once a file is chosen, and returns the
 * text pdftotext reads back. */
static char *
export_text (Fixture    *f,
             ChqDocKind  kind,
             const char *worker_key,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->ui.tmpdir, name, NULL);
  g_autofree char *txt = g_strconcat (path, ".txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, txt, NULL };
  int status = 0;

  chq_hours_page_export_doc_async (f->page, kind, worker_key, file, NULL, export_done_cb,
                                   &result);
  wait_until (result != NULL, 20000);
  chq_hours_page_export_doc_finish (f->page, result, &error);
  g_assert_no_error (error);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (txt, &text, NULL, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&text);
}

static void
assert_contains (const char *text,
                 const char *what)
{
  if (strstr (text, what) == NULL)
    g_error ("“%s” is not in the document:\n%s", what, text);
}

static void
on_settings_saved_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (chq_register_save_settings_finish (CHQ_REGISTER (source), result, NULL));
  *done = TRUE;
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  ChqRegisterLink *link = show_backend (f);
  ChqTrainingYear *year = chq_hours_page_get_training_year (f->page);
  ChqTrainingSettings settings;
  g_autofree char *account = NULL;
  g_autofree char *statements = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *anonymised = NULL;
  gboolean done = FALSE;

  /* Sophie's individual training account: every field the law lists. */
  account = export_text (f, CHQ_DOC_TRAINING_ACCOUNT, SOPHIE, "account.pdf");
  assert_contains (account, "Dubois");
  assert_contains (account, "Sophie");
  assert_contains (account, "Date of birth");
  assert_contains (account, "Place of birth");
  assert_contains (account, "Address");
  assert_contains (account, "National register");
  assert_contains (account, "85.07.30-033.28");
  assert_contains (account, "Work regime");
  assert_contains (account, "Joint committee");
  assert_contains (account, "Training credit for the");
  assert_contains (account, "Days followed");
  assert_contains (account, "Days left");

  /* The yearly statements: one page per worker with a credit. */
  statements = export_text (f, CHQ_DOC_BALANCE_STATEMENTS, NULL, "statements.pdf");
  assert_contains (statements, "Dubois");
  assert_contains (statements, "Lejeune");
  assert_contains (statements, "Benali");
  g_assert_null (strstr (statements, "Renard"));

  /* From 20 workers, the plan and its anonymised copy. */
  settings = year->settings;
  settings.workforce = 25;
  chq_register_save_settings_async (chq_register_link_get_register (link), &settings, NULL,
                                    on_settings_saved_cb, &done);
  wait_until (done, 5000);
  chq_register_link_changed (link);
  year = wait_new_year (f, year);
  g_assert_cmpint (year->tier, ==, CHQ_TRAINING_TIER_20_OR_MORE);

  /* The plan's content, written in its form. */
  {
    GtkWidget *dialog = chq_hours_page_edit_plan (f->page);

    g_assert_nonnull (dialog);
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    gtk_widget_activate_action (dialog, "plan.save", NULL);
    g_assert_cmpstr (chq_plan_dialog_get_error (CHQ_PLAN_DIALOG (dialog)), ==,
                     "Add at least one training the plan offers.");
    chq_plan_dialog_add_item (CHQ_PLAN_DIALOG (dialog), "Prévention des risques électriques",
                              TRUE);
    chq_plan_dialog_add_item (CHQ_PLAN_DIALOG (dialog), "Tutorat des nouveaux", FALSE);
    chq_plan_dialog_set_item_groups (CHQ_PLAN_DIALOG (dialog), 1,
                                     CHQ_PLAN_GROUP_OVER_50 | CHQ_PLAN_GROUP_GENDER);
    chq_plan_dialog_set_texts (CHQ_PLAN_DIALOG (dialog), "Techniciens de maintenance",
                               "Priorité aux travailleurs de 50 ans et plus",
                               "Chaque technicien suit au moins un jour par an");
    gtk_widget_activate_action (dialog, "plan.save", NULL);
    wait_until (dialog == NULL, 10000);
    year = wait_new_year (f, year);
    g_assert_nonnull (year->plan);
    g_assert_cmpuint (year->plan->items->len, ==, 2);
    g_assert_cmpuint (((ChqPlanItem *) year->plan->items->pdata[1])->groups, ==,
                      CHQ_PLAN_GROUP_OVER_50 | CHQ_PLAN_GROUP_GENDER);
  }

  plan = export_text (f, CHQ_DOC_TRAINING_PLAN, NULL, "plan.pdf");
  /* The title may wrap in its column, between its words. */
  assert_contains (plan, "Prévention");
  assert_contains (plan, "risques électriques");
  assert_contains (plan, "Techniciens de maintenance");
  assert_contains (plan, "15 March 2026");
  assert_contains (plan, "31 March 2026");
  anonymised = export_text (f, CHQ_DOC_TRAINING_PLAN_ANONYMISED, NULL, "plan-anonymised.pdf");
  for (guint i = 0; i < year->workers->len; i++)
    {
      const ChqTrainingYearWorker *w = g_ptr_array_index (year->workers, i);

      g_assert_null (strstr (anonymised, w->last_name));
      if (w->niss != NULL)
        {
          g_autofree char *dotted = g_strdup_printf ("%.2s.%.2s.%.2s", w->niss, w->niss + 2,
                                                     w->niss + 4);

          g_assert_null (strstr (anonymised, w->niss));
          g_assert_null (strstr (anonymised, dotted));
        }
      if (w->details != NULL && w->details->address != NULL)
        g_assert_null (strstr (anonymised, w->details->address));
      if (w->details != NULL && w->details->birth_place != NULL)
        g_assert_null (strstr (anonymised, w->details->birth_place));
    }
}

static void
test_self_employed (Fixture       *f,
                    gconstpointer  data)
{
  GtkLabel *summary = page_child (f->page, "summary_label");
  ChqTrainingYear *year;
  g_autofree char *text = NULL;

  show_backend (f);
  year = chq_hours_page_get_training_year (f->page);
  g_assert_cmpint (year->kind, ==, CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN);
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "Your trainings this year"));
  /* No obligations of an employer, no workers' documents or plan: the yearly summary. */
  g_assert_false (gtk_widget_get_visible (page_child (f->page, "deadlines_view")));
  {
    g_autofree char *path = g_build_filename (f->ui.tmpdir, "plan.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    chq_hours_page_export_doc_async (f->page, CHQ_DOC_TRAINING_PLAN, NULL, file, NULL,
                                     export_done_cb, &result);
    wait_until (result != NULL, 10000);
    g_assert_false (chq_hours_page_export_doc_finish (f->page, result, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  text = export_text (f, CHQ_DOC_SELF_EMPLOYED_SUMMARY, NULL, "summary.pdf");
  assert_contains (text, "Lambert");
}

static GtkSpinButton *
prefs_spin (ChqRegisterPrefs *prefs,
            const char       *name)
{
  return template_child (prefs, CHQ_TYPE_REGISTER_PREFS, name);
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (f->ui.tmpdir, "register.chequier-backup", NULL);
  g_autofree char *damaged = g_build_filename (f->ui.tmpdir, "damaged.chequier-backup", NULL);
  g_autoptr(GFile) backup_file = g_file_new_for_path (backup);
  g_autoptr(GFile) damaged_file = g_file_new_for_path (damaged);
  ChqRegisterPrefs *prefs = CHQ_REGISTER_PREFS (chq_register_prefs_new ());
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ChqTrainingYear *year;
  AdwMessageDialog *confirmation;

  show_backend (f);
  year = chq_hours_page_get_training_year (f->page);
  gtk_window_set_child (window, GTK_WIDGET (prefs));
  gtk_window_present (window);
  chq_register_prefs_set_backend (prefs, f->ui.backend);
  wait_until (!chq_register_prefs_get_busy (prefs), 5000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  /* The demo company's settings, read from its register. */
  g_assert_cmpfloat (gtk_spin_button_get_value (prefs_spin (prefs, "workforce_spin")), ==, 12);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (prefs_spin (prefs, "hours_spin")),
                                  7.6, 1e-9);

  chq_register_prefs_backup_to (prefs, backup_file);
  wait_until (!chq_register_prefs_get_busy (prefs), 5000);
  g_assert_cmpstr (chq_register_prefs_get_message (prefs), ==, "Training register backed up");
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* A change after the backup: 30 workers, saved at once; the page follows. */
  gtk_spin_button_set_value (prefs_spin (prefs, "workforce_spin"), 30);
  wait_until (!chq_register_prefs_get_busy (prefs), 5000);
  year = wait_new_year (f, year);
  g_assert_cmpint (year->tier, ==, CHQ_TRAINING_TIER_20_OR_MORE);

  /* A damaged file is refused, the register left as it is. */
  g_assert_true (g_file_set_contents (damaged, "not a register at all", -1, NULL));
  chq_register_prefs_restore_from (prefs, damaged_file);
  wait_until (!chq_register_prefs_get_busy (prefs), 5000);
  g_assert_null (chq_register_prefs_get_confirmation (prefs));
  g_assert_nonnull (chq_register_prefs_get_message (prefs));
  g_assert_cmpstr (chq_register_prefs_get_message (prefs), !=, "Training register restored");

  /* Restoring says what it replaces first; once confirmed, the register is the backup's. */
  chq_register_prefs_restore_from (prefs, backup_file);
  wait_until (chq_register_prefs_get_confirmation (prefs) != NULL, 5000);
  confirmation = chq_register_prefs_get_confirmation (prefs);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation), "0123.456.749"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirmation), "replaces"));
  adw_message_dialog_response (confirmation, "restore");
  wait_until (!chq_register_prefs_get_busy (prefs), 10000);
  g_assert_cmpstr (chq_register_prefs_get_message (prefs), ==, "Training register restored");
  wait_until (gtk_spin_button_get_value (prefs_spin (prefs, "workforce_spin")) == 12, 5000);
  year = wait_new_year (f, year);
  g_assert_cmpint (year->tier, ==, CHQ_TRAINING_TIER_10_TO_19);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  test_ui_init (&argc, &argv);

  g_test_add ("/ui/register/add-training", Fixture, NULL, fixture_set_up, test_add_training,
              fixture_tear_down);
  g_test_add ("/ui/register/worker-details", Fixture, NULL, fixture_set_up,
              test_worker_details, fixture_tear_down);
  g_test_add ("/ui/register/new-worker-details", Fixture, NULL, fixture_set_up,
              test_new_worker_details, fixture_tear_down);
  g_test_add ("/ui/register/documents", Fixture, NULL, fixture_set_up, test_documents,
              fixture_tear_down);
  g_test_add ("/ui/register/backup-restore", Fixture, NULL, fixture_set_up,
              test_backup_restore, fixture_tear_down);
  g_test_add ("/ui/register/self-employed", Fixture, DEMO_SELF_EMPLOYED, fixture_set_up,
              test_self_employed, fixture_tear_down);

  return g_test_run ();
}
