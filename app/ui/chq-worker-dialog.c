/* chq-worker-dialog.c: add or edit a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-worker-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "chq-clock.h"
#include "chq-a11y.h"
#include "chq-ident.h"
#include "chq-register-link.h"
#include "chq-rules.h"
#include "chq-training-right.h"
#include "chq-worker-details-logic.h"
#include "chq-worker-dialog.h"

struct _ChqWorkerDialog
{
  AdwWindow     parent_instance;

  ChqBackend   *backend;   /* owned */
  ChqWorker    *worker;    /* owned, nullable: NULL adds a worker */
  gboolean      tried;     /* Save was pressed once: every fault is shown from now on */
  gboolean      committing; /* insensitive while the worker goes to disk */
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

  /* The training account's details, kept in the local register. */
  ChqRegisterLink  *link;          /* owned */
  ChqWorkerDetails *details;       /* owned, nullable: as stored when the dialog opened */
  GCancellable     *cancellable;   /* owned */
  GDateTime        *today;         /* owned, nullable: a fixed clock (tests) */
  gboolean          details_typed; /* a detail was typed: the stored ones no longer fill in */
  gboolean          filling;
  AdwPreferencesGroup *details_group;
  AdwEntryRow  *birth_date_row;
  AdwEntryRow  *birth_place_row;
  AdwEntryRow  *address_row;
  AdwEntryRow  *fraction_row;
  AdwEntryRow  *jc_number_row;
  AdwEntryRow  *jc_name_row;
  AdwEntryRow  *entry_date_row;
  AdwEntryRow  *leaving_date_row;
  GtkLabel     *details_error;
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

static ChqDetailsField check_details (ChqWorkerDialog *self);

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

  /* The birth date typed must be the one the number encodes. */
  if (self->birth_date_row != NULL && *row_text (self->birth_date_row) != '\0')
    {
      gboolean filling = self->filling;

      self->filling = TRUE;
      check_details (self);
      self->filling = filling;
    }
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
get_today (ChqWorkerDialog *self,
           GDate           *out)
{
  g_autoptr(GDateTime) now = self->today != NULL ? g_date_time_ref (self->today)
                                                 : chq_clock_now_local ();

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

static void
details_form (ChqWorkerDialog *self,
              ChqDetailsForm  *form)
{
  form->niss = row_text (self->niss_row);
  form->birth_date = row_text (self->birth_date_row);
  form->work_fraction = row_text (self->fraction_row);
  form->joint_committee = row_text (self->jc_number_row);
  form->entry_date = row_text (self->entry_date_row);
  form->leaving_date = row_text (self->leaving_date_row);
}

static GtkWidget *
details_row (ChqWorkerDialog *self,
             ChqDetailsField  field)
{
  switch (field)
    {
    case CHQ_DETAILS_FIELD_BIRTH_DATE:
      return GTK_WIDGET (self->birth_date_row);
    case CHQ_DETAILS_FIELD_WORK_FRACTION:
      return GTK_WIDGET (self->fraction_row);
    case CHQ_DETAILS_FIELD_JOINT_COMMITTEE:
      return GTK_WIDGET (self->jc_number_row);
    case CHQ_DETAILS_FIELD_ENTRY_DATE:
      return GTK_WIDGET (self->entry_date_row);
    case CHQ_DETAILS_FIELD_LEAVING_DATE:
      return GTK_WIDGET (self->leaving_date_row);
    case CHQ_DETAILS_FIELD_NONE:
    default:
      return NULL;
    }
}

/* A date or a committee number is judged once it has its full length (or Save was
 * pressed): "30/07/19" is not wrong yet, only unfinished. */
static gboolean
looks_unfinished (ChqWorkerDialog *self,
                  ChqDetailsField  field,
                  const char      *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (self->tried)
    return FALSE;
  switch (field)
    {
    case CHQ_DETAILS_FIELD_BIRTH_DATE:
    case CHQ_DETAILS_FIELD_ENTRY_DATE:
    case CHQ_DETAILS_FIELD_LEAVING_DATE:
      return strlen (copy) < 8;
    case CHQ_DETAILS_FIELD_JOINT_COMMITTEE:
      return strlen (copy) < 3;
    case CHQ_DETAILS_FIELD_WORK_FRACTION:
    case CHQ_DETAILS_FIELD_NONE:
    default:
      return FALSE;
    }
}

/* Checks the details group; shows its first fault under it and marks its row. Returns the
 * field at fault. */
static ChqDetailsField
check_details (ChqWorkerDialog *self)
{
  ChqDetailsForm form;
  g_autofree char *message = NULL;
  ChqDetailsField field;
  GDate today;
  GtkWidget *rows[] = { GTK_WIDGET (self->birth_date_row), GTK_WIDGET (self->fraction_row),
                        GTK_WIDGET (self->jc_number_row), GTK_WIDGET (self->entry_date_row),
                        GTK_WIDGET (self->leaving_date_row) };
  GtkWidget *bad = NULL;

  if (!self->filling)
    self->details_typed = TRUE;

  details_form (self, &form);
  get_today (self, &today);
  field = chq_details_check_form (&form, &today, &message);
  bad = details_row (self, field);
  if (bad != NULL && looks_unfinished (self, field, gtk_editable_get_text (GTK_EDITABLE (bad))))
    {
      bad = NULL;
      g_clear_pointer (&message, g_free);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != bad)
      show_field_error (rows[i], self->details_error, NULL);
  if (bad != NULL)
    show_field_error (bad, self->details_error, message);

  return bad != NULL ? field : CHQ_DETAILS_FIELD_NONE;
}

static char *
stripped_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (row_text (row)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static gboolean
details_are_empty (ChqWorkerDialog *self)
{
  AdwEntryRow *rows[] = { self->birth_date_row, self->birth_place_row, self->address_row,
                          self->fraction_row, self->jc_number_row, self->jc_name_row,
                          self->entry_date_row, self->leaving_date_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = stripped_or_null (rows[i]);

      if (text != NULL)
        return FALSE;
    }
  return TRUE;
}

/* The details as typed, for @worker_key; the form was checked. */
static ChqWorkerDetails *
details_from_form (ChqWorkerDialog *self,
                   const char      *worker_key)
{
  ChqWorkerDetails *details = chq_worker_details_new (worker_key);
  double fraction = 1.0;

  chq_details_parse_date (row_text (self->birth_date_row), &details->birth_date);
  details->birth_place = stripped_or_null (self->birth_place_row);
  details->address = stripped_or_null (self->address_row);
  if (chq_details_parse_fraction (row_text (self->fraction_row), &fraction))
    details->work_fraction = fraction;
  details->jc_number = stripped_or_null (self->jc_number_row);
  details->jc_name = stripped_or_null (self->jc_name_row);
  chq_details_parse_date (row_text (self->entry_date_row), &details->entry_date);
  chq_details_parse_date (row_text (self->leaving_date_row), &details->leaving_date);
  if (self->details != NULL)
    details->demo = self->details->demo;

  return details;
}

/* After the dialog closed: says @reason in a toast of the application's window. */
static void
details_not_saved (const char *reason)
{
  GApplication *app = g_application_get_default ();
  GtkWindow *window = GTK_IS_APPLICATION (app)
                      ? gtk_application_get_active_window (GTK_APPLICATION (app)) : NULL;
  /* Translators: %s says why the register did not keep them */
  g_autofree char *text = g_strdup_printf (_("The worker is saved, but not the details for "
                                             "the training account: %s. Open the worker again "
                                             "and save them."), reason);

  g_warning ("%s", text);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s", text);
}

static void
on_details_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ChqRegisterLink) link = user_data;
  g_autoptr(GError) error = NULL;

  if (chq_register_save_details_finish (CHQ_REGISTER (source), result, &error))
    {
      chq_register_link_changed (link);
      /* Sent while it waited: the details move to the worker's new id now. */
      chq_register_link_rekey_sent (link);
    }
  else
    details_not_saved (error->message);
}

static void
fill_details (ChqWorkerDialog        *self,
              const ChqWorkerDetails *details)
{
  g_autofree char *birth = g_date_valid (&details->birth_date)
                           ? chq_details_format_date (&details->birth_date) : NULL;
  g_autofree char *entry = g_date_valid (&details->entry_date)
                           ? chq_details_format_date (&details->entry_date) : NULL;
  g_autofree char *leaving = g_date_valid (&details->leaving_date)
                             ? chq_details_format_date (&details->leaving_date) : NULL;
  g_autofree char *fraction = NULL;

  if (details->work_fraction > 0.0 && details->work_fraction < 1.0)
    {
      fraction = g_strdup_printf ("%g", details->work_fraction);
      g_strdelimit (fraction, ",", '.');
    }

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), birth != NULL ? birth : "");
  gtk_editable_set_text (GTK_EDITABLE (self->birth_place_row),
                         details->birth_place != NULL ? details->birth_place : "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row),
                         details->address != NULL ? details->address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->fraction_row), fraction != NULL ? fraction : "");
  gtk_editable_set_text (GTK_EDITABLE (self->jc_number_row),
                         details->jc_number != NULL ? details->jc_number : "");
  gtk_editable_set_text (GTK_EDITABLE (self->jc_name_row),
                         details->jc_name != NULL ? details->jc_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->entry_date_row), entry != NULL ? entry : "");
  gtk_editable_set_text (GTK_EDITABLE (self->leaving_date_row), leaving != NULL ? leaving : "");
  self->filling = FALSE;
}

static void
on_details_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ChqWorkerDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  ChqWorkerDetails *details = chq_register_get_details_finish (CHQ_REGISTER (source), result,
                                                               &error);

  if (details == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the worker's details: %s", error->message);
      return;
    }

  g_clear_pointer (&self->details, chq_worker_details_free);
  self->details = details;
  if (!self->details_typed)
    fill_details (self, details);
}

static void
read_details (ChqWorkerDialog *self)
{
  ChqRegister *reg = chq_register_link_get_register (self->link);

  if (reg == NULL || self->worker == NULL || self->details != NULL)
    return;

  chq_register_get_details_async (reg, chq_worker_get_id (self->worker), self->cancellable,
                                  on_details_read_cb, g_object_ref (self));
}

/* What a save commits, for on_worker_kept_cb(). */
typedef struct {
  ChqWorkerDialog *self;    /* owned */
  ChqWorker       *worker;  /* owned: as queued */
  char            *niss;    /* owned, nullable: as typed, normalized */
} Saving;

static void
saving_free (Saving *saving)
{
  g_object_unref (saving->self);
  g_object_unref (saving->worker);
  g_free (saving->niss);
  g_free (saving);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Saving, saving_free)

static void
on_worker_kept_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Saving) saving = user_data;
  ChqWorkerDialog *self = saving->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;
  GtkWindow *parent;

  self->entry_id = chq_backend_intent_finish (CHQ_BACKEND (source), result, &error);
  self->committing = FALSE;
  if (self->backend == NULL)
    return;

  if (self->entry_id <= 0)
    {
      g_autofree char *text = NULL;

      self->entry_id = 0;
      /* Translators: %s says what went wrong on this computer */
      text = g_strdup_printf (_("The change could not be saved on this computer: %s. Check that the disk is not full, then try again."),
                              error != NULL ? error->message : _("unknown error"));
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      /* Nothing is lost: the dialog is as it was, saying why. */
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      return;
    }

  /* The details go to the register, under the worker's id, or for a worker the service has
   * not created yet under the outbox entry's client UUID (re-keyed once it is sent). */
  if (!details_are_empty (self) || self->details != NULL)
    {
      ChqRegister *reg = chq_register_link_get_register (self->link);
      g_autofree char *key = self->worker != NULL
                             ? g_strdup (chq_worker_get_id (self->worker))
                             : chq_register_link_dup_pending_key (self->link, self->entry_id);
      g_autoptr(ChqWorkerDetails) details = key != NULL ? details_from_form (self, key) : NULL;
      g_autoptr(GError) details_error = NULL;
      GDate today;

      get_today (self, &today);
      if (reg == NULL || details == NULL)
        details_not_saved (_("the training register is not open"));
      else if (!chq_worker_details_check (details, saving->niss, &today, &details_error))
        details_not_saved (details_error->message);
      else
        chq_register_save_details_async (reg, details, NULL, on_details_saved_cb,
                                         g_object_ref (self->link));
    }

  name = chq_worker_dup_display_name (saving->worker);
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
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqWorkerDialog *self = CHQ_WORKER_DIALOG (widget);
  g_autoptr(ChqWorker) worker = NULL;
  g_autofree char *message = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *niss = NULL;
  g_autofree char *email = NULL;
  Saving *saving;
  ChqWorkerField field;
  guint status;

  if (self->committing)
    return;

  self->tried = TRUE;
  check_names (self);
  check_niss (self);
  check_email (self);

  field = chq_workers_check_form (row_text (self->first_row), row_text (self->last_row),
                                  row_text (self->niss_row), row_text (self->email_row),
                                  &message);
  if (field == CHQ_WORKER_FIELD_NONE)
    {
      ChqDetailsField details_field = check_details (self);

      if (details_field != CHQ_DETAILS_FIELD_NONE)
        {
          gtk_widget_grab_focus (details_row (self, details_field));
          return;
        }
    }
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

  /* The outbox shows the worker waiting at once; the dialog waits, insensitive, for the disk. */
  saving = g_new0 (Saving, 1);
  saving->self = g_object_ref (self);
  saving->worker = g_object_ref (worker);
  saving->niss = g_steal_pointer (&niss);
  self->committing = TRUE;
  gtk_widget_set_sensitive (widget, FALSE);
  if (self->worker != NULL)
    self->entry_id = chq_backend_update_worker_async (self->backend, worker, NULL,
                                                      on_worker_kept_cb, saving);
  else
    self->entry_id = chq_backend_add_worker_async (self->backend, worker, NULL,
                                                   on_worker_kept_cb, saving);
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

  self->link = g_object_ref (chq_register_link_get (self->backend));
  g_signal_connect_object (self->link, "notify::register", G_CALLBACK (read_details), self,
                           G_CONNECT_SWAPPED);
  read_details (self);
}

static void
chq_worker_dialog_finalize (GObject *object)
{
  ChqWorkerDialog *self = CHQ_WORKER_DIALOG (object);

  g_clear_object (&self->backend);
  g_clear_object (&self->worker);
  g_clear_object (&self->link);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->details, chq_worker_details_free);
  g_clear_pointer (&self->today, g_date_time_unref);

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
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, birth_place_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, fraction_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, jc_number_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, jc_name_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, entry_date_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, leaving_date_row);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerDialog, details_error);
  gtk_widget_class_bind_template_callback (widget_class, check_details);
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

  chq_a11y_set_dialog_role (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
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

/**
 * chq_worker_dialog_set_details:
 * @self: a #ChqWorkerDialog
 * @birth_date: (nullable): as typed, or %NULL to leave it
 * @work_fraction: (nullable): as typed, or %NULL to leave it
 * @jc_number: (nullable): as typed, or %NULL to leave it
 * @entry_date: (nullable): as typed, or %NULL to leave it
 * @leaving_date: (nullable): as typed, or %NULL to leave it
 *
 * Fills the training account's details as typing would (the checks run).
 */
void
chq_worker_dialog_set_details (ChqWorkerDialog *self,
                               const char      *birth_date,
                               const char      *work_fraction,
                               const char      *jc_number,
                               const char      *entry_date,
                               const char      *leaving_date)
{
  g_return_if_fail (CHQ_IS_WORKER_DIALOG (self));

  if (birth_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), birth_date);
  if (work_fraction != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->fraction_row), work_fraction);
  if (jc_number != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->jc_number_row), jc_number);
  if (entry_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entry_date_row), entry_date);
  if (leaving_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->leaving_date_row), leaving_date);
}

/**
 * chq_worker_dialog_get_details_error:
 * @self: a #ChqWorkerDialog
 *
 * Returns: (transfer none) (nullable): the message shown under the details, or %NULL
 */
const char *
chq_worker_dialog_get_details_error (ChqWorkerDialog *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->details_error))
         ? gtk_label_get_label (self->details_error) : NULL;
}

/**
 * chq_worker_dialog_set_today:
 * @self: a #ChqWorkerDialog
 * @today: (nullable): a fixed "now" (tests), %NULL for the clock
 *
 * The date a birth date must come before.
 */
void
chq_worker_dialog_set_today (ChqWorkerDialog *self,
                             GDateTime       *today)
{
  g_return_if_fail (CHQ_IS_WORKER_DIALOG (self));

  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = today != NULL ? g_date_time_ref (today) : NULL;
}
