/* chq-hours-page-exports.c: the documents the Training page writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register's documents of the year shown (chq-docs.h: the individual training accounts,
 * the yearly balance statements as one PDF or one file per worker, the annual training plan
 * and its anonymised copy, a self-employed worker's yearly summary, the training records
 * CSV) and the annual report of the hours. Each action asks where to save with a native file
 * chooser that opens in the user's Documents folder, writes on a worker thread, and says in
 * a toast where the file went, with a button that opens it.
 */
#define G_LOG_DOMAIN "chq-hours-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-hours-page-private.h"
#include "chq-plan-dialog.h"
#include "chq-report-pdf.h"
#include "chq-toast.h"

/* Not a document of chq-docs.h: the hours' annual report. */
#define EXPORT_ANNUAL_REPORT ((ChqDocKind) 100)

static gboolean
is_plan_company (ChqHoursPage *self)
{
  return self->training_year != NULL && !_chq_hours_page_is_self_employed (self) &&
         self->training_year->tier == CHQ_TRAINING_TIER_20_OR_MORE;
}

/**
 * _chq_hours_page_update_actions:
 * @self: a #ChqHoursPage
 *
 * Enables the exports that apply to the account and year shown, none while one is written.
 */
void
_chq_hours_page_update_actions (ChqHoursPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean idle = self->exports == 0;
  gboolean year = idle && self->training_year != NULL;
  gboolean employer = year && !_chq_hours_page_is_self_employed (self);

  gtk_widget_action_set_enabled (widget, "hours.export-pdf", idle && self->report != NULL);
  gtk_widget_action_set_enabled (widget, "hours.export-csv", year);
  gtk_widget_action_set_enabled (widget, "hours.export-account", employer);
  gtk_widget_action_set_enabled (widget, "hours.export-statements", employer);
  gtk_widget_action_set_enabled (widget, "hours.export-statements-folder", employer);
  gtk_widget_action_set_enabled (widget, "hours.edit-plan",
                                 is_plan_company (self) && self->link != NULL &&
                                 chq_register_link_get_register (self->link) != NULL);
  gtk_widget_action_set_enabled (widget, "hours.export-plan", idle && is_plan_company (self));
  gtk_widget_action_set_enabled (widget, "hours.export-plan-anonymised",
                                 idle && is_plan_company (self));
  gtk_widget_action_set_enabled (widget, "hours.export-summary",
                                 year && _chq_hours_page_is_self_employed (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button),
                            idle && (self->report != NULL || self->training_year != NULL));
}

/* ------------------------------------------------------------------------- writing */

static void
on_export_task_done_cb (GTask        *task,
                        GParamSpec   *pspec,
                        ChqHoursPage *self)
{
  self->exports--;
  _chq_hours_page_update_actions (self);
}

/* Counts @task as an export running until it completes; or, when what it needs is not
 * shown yet, returns its error on @task and %FALSE. */
static gboolean
start_export (ChqHoursPage *self,
              GTask        *task,
              gboolean      needs_year)
{
  if (self->report == NULL || (needs_year && self->training_year == NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The training hours are not loaded yet. Wait for the sync, "
                                 "then export again."));
      return FALSE;
    }

  self->exports++;
  _chq_hours_page_update_actions (self);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (on_export_task_done_cb),
                           self, 0);
  return TRUE;
}

static void
on_doc_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!chq_docs_write_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * chq_hours_page_export_doc_async:
 * @self: a #ChqHoursPage
 * @kind: the document
 * @worker_key: (nullable): for %CHQ_DOC_TRAINING_ACCOUNT, the worker; %NULL for every one
 * @file: where to write (replaced), a folder for %CHQ_DOC_BALANCE_FOLDER
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is written
 * @user_data: for @callback
 *
 * Writes one of the register's documents of the year shown, off the main thread. Fails with
 * %G_IO_ERROR_NOT_INITIALIZED while the year is not shown yet.
 */
void
chq_hours_page_export_doc_async (ChqHoursPage        *self,
                                 ChqDocKind           kind,
                                 const char          *worker_key,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_HOURS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_hours_page_export_doc_async);

  if (!start_export (self, task, TRUE))
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("This place cannot be written to directly. Choose a folder "
                                 "on this computer."));
      return;
    }

  chq_docs_write_async (kind, self->training_year, worker_key, path, cancellable,
                        on_doc_written_cb, g_object_ref (task));
}

/**
 * chq_hours_page_export_doc_finish:
 * @self: a #ChqHoursPage
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the document is written; %FALSE with @error set to a sentence for
 *   people
 */
gboolean
chq_hours_page_export_doc_finish (ChqHoursPage  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * chq_hours_page_export_csv_async:
 * @self: a #ChqHoursPage
 * @file: where to write the CSV (replaced)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: for @callback
 *
 * Writes the training records of the year shown (chq_docs_training_records_csv(): every
 * training, voucher-funded or not, in the spreadsheet dialect of the user's locale) on a
 * worker thread. Fails with %G_IO_ERROR_NOT_INITIALIZED when nothing is shown yet.
 */
void
chq_hours_page_export_csv_async (ChqHoursPage        *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  chq_hours_page_export_doc_async (self, CHQ_DOC_TRAINING_RECORDS_CSV, NULL, file, cancellable,
                                   callback, user_data);
}

/**
 * chq_hours_page_export_csv_finish:
 * @self: a #ChqHoursPage
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file is written; %FALSE with @error set to a sentence for people
 */
gboolean
chq_hours_page_export_csv_finish (ChqHoursPage  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return chq_hours_page_export_doc_finish (self, result, error);
}

static void
on_pdf_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (chq_report_pdf_write_finish (result, &error) == 0)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * chq_hours_page_export_pdf_async:
 * @self: a #ChqHoursPage
 * @file: where to write the PDF (replaced)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: for @callback
 *
 * Writes the annual report of the hours of the year shown (company, totals, chart,
 * per-worker table; A4) on a worker thread. Fails with %G_IO_ERROR_NOT_INITIALIZED when no
 * report is shown yet.
 */
void
chq_hours_page_export_pdf_async (ChqHoursPage        *self,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHQ_IS_HOURS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_hours_page_export_pdf_async);

  if (!start_export (self, task, FALSE))
    return;
  chq_report_pdf_write_async (chq_report_pdf_new (self->report, self->company_name, NULL),
                              file, cancellable, on_pdf_written_cb, g_steal_pointer (&task));
}

/**
 * chq_hours_page_export_pdf_finish:
 * @self: a #ChqHoursPage
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file is written; %FALSE with @error set to a sentence for people
 */
gboolean
chq_hours_page_export_pdf_finish (ChqHoursPage  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return chq_hours_page_export_doc_finish (self, result, error);
}

/* ------------------------------------------------------------------ asking where */

static void
open_file (GtkWidget *widget,
           GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("The file could not be opened: %s"),
                                               error->message);

      chq_toast_show (widget, text);
    }
}

static void
on_open_clicked_cb (AdwToast *toast,
                    GFile    *file)
{
  GtkWidget *widget = g_object_get_data (G_OBJECT (toast), "widget");

  if (widget != NULL)
    open_file (widget, file);
}

/* "Saved “x.pdf”", with a button that opens it when the page is in the main window. */
static void
show_saved_toast (ChqHoursPage *self,
                  GFile        *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: a toast; %s is a file or folder name */
  g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);
  AdwToast *toast;

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "widget", g_object_ref (self), g_object_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb),
                         g_object_ref (file), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  chq_toast_add (GTK_WIDGET (self), toast);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ChqHoursPage *self = CHQ_HOURS_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (chq_hours_page_export_doc_finish (self, result, &error))
    show_saved_toast (self, file);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    chq_toast_show (GTK_WIDGET (self), error->message);
}

void
_chq_hours_page_close_chooser (ChqHoursPage *self)
{
  if (self->chooser == NULL)
    return;

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
}

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        ChqHoursPage    *self)
{
  ChqDocKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));
  const char *worker_key = g_object_get_data (G_OBJECT (dialog), "worker-key");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && kind == EXPORT_ANNUAL_REPORT)
    chq_hours_page_export_pdf_async (self, file, chq_page_binding_get_cancellable (self->binding),
                                     on_exported_cb, g_object_ref (file));
  else if (file != NULL)
    chq_hours_page_export_doc_async (self, kind, worker_key, file,
                                     chq_page_binding_get_cancellable (self->binding),
                                     on_exported_cb, g_object_ref (file));

  _chq_hours_page_close_chooser (self);
}

static const char *
chooser_title (ChqDocKind kind)
{
  switch ((int) kind)
    {
    case CHQ_DOC_TRAINING_ACCOUNT:
      return _("Save the Individual Training Account");
    case CHQ_DOC_BALANCE_STATEMENTS:
      return _("Save the Yearly Balance Statements");
    case CHQ_DOC_BALANCE_FOLDER:
      return _("Choose a Folder for the Yearly Balance Statements");
    case CHQ_DOC_TRAINING_PLAN:
      return _("Save the Annual Training Plan");
    case CHQ_DOC_TRAINING_PLAN_ANONYMISED:
      return _("Save the Anonymised Training Plan");
    case CHQ_DOC_SELF_EMPLOYED_SUMMARY:
      return _("Save the Yearly Summary");
    case CHQ_DOC_TRAINING_RECORDS_CSV:
      return _("Save the Training Records");
    case EXPORT_ANNUAL_REPORT:
    default:
      return _("Save the Annual Report");
    }
}

static void
choose_file (ChqHoursPage *self,
             ChqDocKind    kind)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean folder = kind == CHQ_DOC_BALANCE_FOLDER;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) start = NULL;
  g_autofree char *name = NULL;
  const char *worker_key = NULL;
  const char *documents;

  if (self->report == NULL || self->chooser != NULL ||
      (kind != EXPORT_ANNUAL_REPORT && self->training_year == NULL))
    return;

  self->chooser = gtk_file_chooser_native_new (chooser_title (kind),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                      : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               folder ? _("_Choose") : _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "kind", GINT_TO_POINTER (kind));

  /* Never the working directory: the Documents folder, else the home folder. */
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  start = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                               ? documents : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), start, NULL);

  if (kind == CHQ_DOC_TRAINING_ACCOUNT)
    {
      worker_key = chq_hours_page_get_selected_worker (self);
      g_object_set_data_full (G_OBJECT (self->chooser), "worker-key", g_strdup (worker_key),
                              g_free);
    }

  if (kind == EXPORT_ANNUAL_REPORT)
    /* Translators: the proposed file name of the PDF report; %d is the year */
    name = g_strdup_printf (_("training-report-%d.pdf"), self->report->year);
  else if (!folder)
    name = chq_docs_suggest_file_name (kind, self->training_year,
                                       worker_key != NULL
                                       ? chq_training_year_find_worker (self->training_year,
                                                                        worker_key)
                                       : NULL);

  if (kind == CHQ_DOC_TRAINING_RECORDS_CSV)
    {
      gtk_file_filter_set_name (filter, _("CSV spreadsheets"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
    }
  else if (!folder)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  if (!folder)
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const struct {
    const char *action;
    ChqDocKind  kind;
  } kinds[] = {
    { "hours.export-csv", CHQ_DOC_TRAINING_RECORDS_CSV },
    { "hours.export-pdf", EXPORT_ANNUAL_REPORT },
    { "hours.export-account", CHQ_DOC_TRAINING_ACCOUNT },
    { "hours.export-statements", CHQ_DOC_BALANCE_STATEMENTS },
    { "hours.export-statements-folder", CHQ_DOC_BALANCE_FOLDER },
    { "hours.export-plan", CHQ_DOC_TRAINING_PLAN },
    { "hours.export-plan-anonymised", CHQ_DOC_TRAINING_PLAN_ANONYMISED },
    { "hours.export-summary", CHQ_DOC_SELF_EMPLOYED_SUMMARY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (action_name, kinds[i].action))
      choose_file (CHQ_HOURS_PAGE (widget), kinds[i].kind);
}

/**
 * chq_hours_page_get_selected_worker:
 * @self: a #ChqHoursPage
 *
 * Returns: (transfer none) (nullable): the key of the worker selected in the workers'
 *   table, whose individual training account "Export" writes; %NULL: every worker's
 */
const char *
chq_hours_page_get_selected_worker (ChqHoursPage *self)
{
  GtkSelectionModel *model;
  guint selected;

  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);

  model = gtk_column_view_get_model (self->workers_view);
  if (self->report == NULL || !GTK_IS_SINGLE_SELECTION (model))
    return NULL;

  selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (model));
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->report->workers->len)
    return NULL;

  return ((ChqHoursWorker *) g_ptr_array_index (self->report->workers, selected))->worker_id;
}

/**
 * chq_hours_page_edit_plan:
 * @self: a #ChqHoursPage
 *
 * Opens the form of the year's training plan (companies of 20 workers or more).
 *
 * Returns: (transfer none) (nullable): the form, shown; %NULL when the company has no plan
 *   to keep or the register is not open
 */
GtkWidget *
chq_hours_page_edit_plan (ChqHoursPage *self)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);

  if (!is_plan_company (self) || self->link == NULL ||
      chq_register_link_get_register (self->link) == NULL)
    return NULL;

  dialog = chq_plan_dialog_new (self->link, self->training_year->year, self->training_year->plan);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
edit_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  chq_hours_page_edit_plan (CHQ_HOURS_PAGE (widget));
}

void
_chq_hours_page_class_init_exports (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "hours.edit-plan", NULL, edit_plan_action);

  const char *actions[] = { "hours.export-csv", "hours.export-pdf", "hours.export-account",
                            "hours.export-statements", "hours.export-statements-folder",
                            "hours.export-plan", "hours.export-plan-anonymised",
                            "hours.export-summary" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "hours.export-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "hours.export-pdf", NULL);
}
