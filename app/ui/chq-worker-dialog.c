/* chq-worker-dialog.c: add or edit a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-worker-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-ident.h"
#include "chq-rules.h"
#include "chq-worker-dialog.h"

struct _ChqWorkerDialog
{
  AdwWindow     parent_instance;

  ChqBackend   *backend;   /* owned */
  ChqWorker    *worker;    /* owned, nullable: NULL adds a worker */
  gboolean      tried;     /* Save was pressed once: every fault is shown from now on */
  gint64        entry_id;

  AdwWindowTitle *window_title;
  AdwEntryRow  *first_row;
  GtkLabel     *first_error;
  AdwEntryRow  *last_row;
  GtkLabel     *last_error;
  AdwComboRow  *status_row;
  GtkLabel     *eligibility_label;
  AdwEntryRow  *niss_row;
  GtkLabel     *niss_error;
  AdwEntryRow  *email_row;
  GtkLabel     *email_error;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (ChqWorkerDialog, chq_worker_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_WORKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_field_error (GtkWidget  *row,
                  GtkLabel   *label,
                  const char *message)
{
  gboolean bad = message != NULL;

  gtk_label_set_label (label, bad ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), bad);
  if (bad)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (bad)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* While typing, a NISS too short to be finished is not an error yet. */
static gboolean
niss_is_unfinished (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" .-/", *p) == NULL)
        return FALSE;
    }

  return digits < 11;
}

static void
check_names (ChqWorkerDialog *self)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (!self->tried)
    return;

  chq_workers_check_name (row_text (self->first_row), CHQ_WORKER_FIELD_FIRST_NAME, &first);
  chq_workers_check_name (row_text (self->last_row), CHQ_WORKER_FIELD_LAST_NAME, &last);
  show_field_error (GTK_WIDGET (self->first_row), self->first_error, first);
  show_field_error (GTK_WIDGET (self->last_row), self->last_error, last);
}

static void
check_niss (ChqWorkerDialog *self)
{
  g_autofree char *message = NULL;
  const char *text = row_text (self->niss_row);

  if (!chq_workers_check_niss (text, &message) && !self->tried && niss_is_unfinished (text))
    g_clear_pointer (&message, g_free);

  show_field_error (GTK_WIDGET (self->niss_row), self->niss_error, message);
}

static void
check_email (ChqWorkerDialog *self)
{
  g_autofree char *message = NULL;

  /* An address is only judged once it has its "@" or Save was pressed. */
  if (!chq_workers_check_email (row_text (self->email_row), &message) && !self->tried &&
      strchr (row_text (self->email_row), '@') == NULL)
    g_clear_pointer (&message, g_free);

  show_field_error (GTK_WIDGET (self->email_row), self->email_error, message);
}

static void
on_status_selected_cb (ChqWorkerDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);
  const char *reason = NULL;

  if (selected >= CHQ_N_WORKER_STATUSES ||
      chq_rules_worker_status_is_eligible ((ChqWorkerStatus) selected, &reason))
    reason = NULL;

  gtk_label_set_label (self->eligibility_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->eligibility_label), reason != NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqWorkerDialog *self = CHQ_WORKER_DIALOG (widget);
  g_autoptr(ChqWorker) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *niss = NULL;
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;
  GtkWindow *parent;
  ChqWorkerField field;
  guint status;

  self->tried = TRUE;
  check_names (self);
  check_niss (self);
  check_email (self);

  field = chq_workers_check_form (row_text (self->first_row), row_text (self->last_row),
                                  row_text (self->niss_row), row_text (self->email_row),
                                  &message);
  switch (field)
    {
    case CHQ_WORKER_FIELD_FIRST_NAME:
      gtk_widget_grab_focus (GTK_WIDGET (self->first_row));
      return;
    case CHQ_WORKER_FIELD_LAST_NAME:
      gtk_widget_grab_focus (GTK_WIDGET (self->last_row));
      return;
    case CHQ_WORKER_FIELD_NISS:
      gtk_widget_grab_focus (GTK_WIDGET (self->niss_row));
      return;
    case CHQ_WORKER_FIELD_EMAIL:
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    case CHQ_WORKER_FIELD_NONE:
    default:
      break;
    }

  first = chq_workers_normalize_text (row_text (self->first_row));
  last = chq_workers_normalize_text (row_text (self->last_row));
  niss = chq_workers_normalize_niss (row_text (self->niss_row));
  email = chq_workers_normalize_text (row_text (self->email_row));
  status = adw_combo_row_get_selected (self->status_row);
  if (status >= CHQ_N_WORKER_STATUSES)
    status = CHQ_WORKER_STATUS_EMPLOYEE;

  worker = g_object_new (CHQ_TYPE_WORKER,
                         "id", self->worker != NULL ? chq_worker_get_id (self->worker) : NULL,
                         "first-name", first,
                         "last-name", last,
                         "status", (ChqWorkerStatus) status,
                         "niss", niss,
                         "email", email,
                         NULL);

  if (self->worker != NULL)
    self->entry_id = chq_backend_update_worker (self->backend, worker, &error);
  else
    self->entry_id = chq_backend_add_worker (self->backend, worker, &error);

  if (self->entry_id <= 0)
    {
      g_autofree char *text = NULL;

      self->entry_id = 0;
      /* Translators: %s says what went wrong on this computer */
      text = g_strdup_printf (_("The change could not be saved on this computer: %s. Check that the disk is not full, then try again."),
                              error != NULL ? error->message : _("unknown error"));
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  name = chq_worker_dup_display_name (worker);
  if (self->worker != NULL)
    /* Translators: %s is a worker's name */
    toast = g_strdup_printf (_("Changes to %s saved; waiting to be sent to the voucher service"), name);
  else
    /* Translators: %s is a worker's name */
    toast = g_strdup_printf (_("%s added; waiting to be sent to the voucher service"), name);

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", toast);

  gtk_window_close (GTK_WINDOW (self));
}

static void
chq_worker_dialog_constructed (GObject *object)
{
  ChqWorkerDialog *self = CHQ_WORKER_DIALOG (object);

  G_OBJECT_CLASS (chq_worker_dialog_parent_class)->constructed (object);

  if (self->worker != NULL)
    {
      g_autofree char *niss = chq_niss_format (chq_worker_get_niss (self->worker));
      const char *email = chq_worker_get_email (self->worker);

      adw_window_title_set_title (self->window_title, _("Edit Worker"));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Worker"));
      gtk_editable_set_text (GTK_EDITABLE (self->first_row),
                             chq_worker_get_first_name (self->worker));
      gtk_editable_set_text (GTK_EDITABLE (self->last_row),
                             chq_worker_get_last_name (self->worker));
      adw_combo_row_set_selected (self->status_row, chq_worker_get_status (self->worker));
      gtk_editable_set_text (GTK_EDITABLE (self->niss_row), niss != NULL ? niss : "");
      gtk_editable_set_text (GTK_EDITABLE (self->email_row), email != NULL ? email : "");
    }

  on_status_selected_cb (self);
}

static void
chq_worker_dialog_finalize (GObject *object)
{
  ChqWorkerDialog *self = CHQ_WORKER_DIALOG (object);

  g_clear_object (&self->backend);
  g_clear_object (&self->worker);

  G_OBJECT_CLASS (chq_worker_dialog_parent_class)->finalize (object);
}

static void
chq_worker_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChqWorkerDialog *self = CHQ_WORKER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_worker_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ChqWorkerDialog *self = CHQ_WORKER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      self->backend = g_value_dup_object (value);
      break;
    case PROP_WORKER:
      self->worker = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_worker_dialog_class_init (ChqWorkerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = chq_worker_dialog_constructed;
  object_class->finalize = chq_worker_dialog_finalize;
  object_class->get_property = chq_worker_dialog_get_property;
  object_class->set_property = chq_worker_dialog_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL, CHQ_TYPE_WORKER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-worker-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, first_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, first_error);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, last_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, last_error);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, eligibility_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, niss_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, niss_error);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, email_error);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, check_names);
  gtk_widget_class_bind_template_callback (widget_class, check_niss);
  gtk_widget_class_bind_template_callback (widget_class, check_email);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected_cb);

  gtk_widget_class_install_action (widget_class, "worker.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "worker.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chq_worker_dialog_init (ChqWorkerDialog *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  for (guint i = 0; i < CHQ_N_WORKER_STATUSES; i++)
    gtk_string_list_append (statuses, chq_worker_status_get_label ((ChqWorkerStatus) i));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->status_row, CHQ_WORKER_STATUS_EMPLOYEE);
}

/**
 * chq_worker_dialog_new:
 * @backend: the signed-in account
 * @worker: (nullable): the worker to edit, or %NULL to add one
 *
 * The form to add or edit a worker: names, status (with whether it may be trained with
 * vouchers), the national register number (optional, checked as typed) and an email
 * address (optional, checked).
 *
 * Returns: (transfer full): a new #ChqWorkerDialog
 */
GtkWidget *
chq_worker_dialog_new (ChqBackend *backend,
                       ChqWorker  *worker)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (worker == NULL || CHQ_IS_WORKER (worker), NULL);

  return g_object_new (CHQ_TYPE_WORKER_DIALOG, "backend", backend, "worker", worker, NULL);
}

/**
 * chq_worker_dialog_get_worker:
 * @self: a #ChqWorkerDialog
 *
 * Returns: (transfer none) (nullable): the worker edited, or %NULL when adding one
 */
ChqWorker *
chq_worker_dialog_get_worker (ChqWorkerDialog *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER_DIALOG (self), NULL);
  return self->worker;
}

/**
 * chq_worker_dialog_set_fields:
 * @self: a #ChqWorkerDialog
 * @first_name: (nullable): text for the field, or %NULL to leave it
 * @last_name: (nullable): text for the field, or %NULL to leave it
 * @status: the status to choose
 * @niss: (nullable): text for the field, or %NULL to leave it
 * @email: (nullable): text for the field, or %NULL to leave it
 *
 * Fills the form as typing would (the as-you-type checks run).
 */
void
chq_worker_dialog_set_fields (ChqWorkerDialog *self,
                              const char      *first_name,
                              const char      *last_name,
                              ChqWorkerStatus  status,
                              const char      *niss,
                              const char      *email)
{
  g_return_if_fail (CHQ_IS_WORKER_DIALOG (self));

  if (first_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->first_row), first_name);
  if (last_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->last_row), last_name);
  adw_combo_row_set_selected (self->status_row, status);
  if (niss != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->niss_row), niss);
  if (email != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
}

/**
 * chq_worker_dialog_get_field_error:
 * @self: a #ChqWorkerDialog
 * @field: a field of the form
 *
 * Returns: (transfer none) (nullable): the message shown under @field, or %NULL
 */
const char *
chq_worker_dialog_get_field_error (ChqWorkerDialog *self,
                                   ChqWorkerField   field)
{
  GtkLabel *label = NULL;

  g_return_val_if_fail (CHQ_IS_WORKER_DIALOG (self), NULL);

  switch (field)
    {
    case CHQ_WORKER_FIELD_FIRST_NAME:
      label = self->first_error;
      break;
    case CHQ_WORKER_FIELD_LAST_NAME:
      label = self->last_error;
      break;
    case CHQ_WORKER_FIELD_NISS:
      label = self->niss_error;
      break;
    case CHQ_WORKER_FIELD_EMAIL:
      label = self->email_error;
      break;
    case CHQ_WORKER_FIELD_NONE:
    default:
      return NULL;
    }

  if (!gtk_widget_get_visible (GTK_WIDGET (label)))
    return NULL;

  return gtk_label_get_label (label);
}

/**
 * chq_worker_dialog_get_entry_id:
 * @self: a #ChqWorkerDialog
 *
 * Returns: the outbox entry the last successful save made, or 0
 */
gint64
chq_worker_dialog_get_entry_id (ChqWorkerDialog *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER_DIALOG (self), 0);
  return self->entry_id;
}
