/* chq-register-prefs.c: the training register's group of the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The company's training-right settings (workforce, carry-over, hours per day) and its
 * sector rules live in the register, not in GSettings: they are the company's and go with
 * its backup. This group reads them when the register is open, saves each change off the
 * main thread, and offers Back Up… and Restore…; Restore says what the backup holds and
 * what it replaces before doing it, and a backup of another company, of a newer Chéquier
 * or a damaged file is refused with the register left as it was.
 */
#define G_LOG_DOMAIN "chq-register-prefs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-hours-report.h"
#include "chq-ident.h"
#include "chq-register-link.h"
#include "chq-register-prefs.h"
#include "chq-training-right.h"

struct _ChqRegisterPrefs
{
  AdwPreferencesGroup  parent_instance;

  ChqBackend          *backend;       /* owned, nullable */
  ChqRegisterLink     *link;          /* owned, nullable */
  gulong               link_id;
  GCancellable        *cancellable;   /* owned */
  ChqRegisterData     *data;          /* owned, nullable: the last read */
  GPtrArray           *rule_rows;     /* owned: the rows of the rules shown */
  guint                busy;
  gboolean             updating;
  char                *message;       /* owned, nullable */
  GtkFileChooserNative *chooser;      /* owned, nullable */
  AdwMessageDialog    *confirmation;  /* unowned, nullable */

  GtkSpinButton       *workforce_spin;
  GtkSpinButton       *carry_spin;
  GtkSpinButton       *hours_spin;
  AdwExpanderRow      *rules_row;
  AdwEntryRow         *rule_number_row;
  GtkSpinButton       *rule_days_spin;
};

G_DEFINE_FINAL_TYPE (ChqRegisterPrefs, chq_register_prefs, ADW_TYPE_PREFERENCES_GROUP)

static void reload (ChqRegisterPrefs *self);

static void
say (ChqRegisterPrefs *self,
     const char       *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_free (self->message);
  self->message = g_strdup (text);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
refuse (ChqRegisterPrefs *self,
        const char       *heading,
        const char       *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_free (self->message);
  self->message = g_strdup (text);
  if (!GTK_IS_WINDOW (root))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
busy_done (ChqRegisterPrefs *self)
{
  self->busy--;
}

/* ------------------------------------------------------------------------- settings */

static void
saved (ChqRegisterPrefs *self,
       gboolean          ok,
       GError           *error)
{
  busy_done (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!ok)
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("The setting was not saved: %s"), error->message);

      say (self, text);
    }
  if (self->link != NULL)
    chq_register_link_changed (self->link);
}

static void
on_settings_saved_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ChqRegisterPrefs) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = chq_register_save_settings_finish (CHQ_REGISTER (source), result, &error);

  saved (self, ok, error);
}

static void
on_rule_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChqRegisterPrefs) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = chq_register_save_jc_rule_finish (CHQ_REGISTER (source), result, &error);

  saved (self, ok, error);
  reload (self);
}

static void
on_setting_changed_cb (ChqRegisterPrefs *self)
{
  ChqRegister *reg = self->link != NULL ? chq_register_link_get_register (self->link) : NULL;
  ChqTrainingSettings settings;
  g_autoptr(GError) error = NULL;

  if (self->updating || reg == NULL || self->data == NULL)
    return;

  settings = self->data->settings;
  settings.workforce = gtk_spin_button_get_value (self->workforce_spin);
  if (settings.workforce <= 0.0)
    settings.workforce = -1.0;
  settings.carry_over_years = (guint) gtk_spin_button_get_value_as_int (self->carry_spin);
  settings.hours_per_day = gtk_spin_button_get_value (self->hours_spin);
  if (!chq_training_settings_check (&settings, &error))
    {
      say (self, error->message);
      return;
    }
  self->data->settings = settings;

  self->busy++;
  chq_register_save_settings_async (reg, &settings, self->cancellable, on_settings_saved_cb,
                                    g_object_ref (self));
}

/* ---------------------------------------------------------------------- sector rules */

static void
on_rule_deleted_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ChqRegisterPrefs) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqJcRule) rule = chq_register_delete_jc_rule_finish (CHQ_REGISTER (source),
                                                                   result, &error);

  busy_done (self);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    say (self, error->message);
  if (self->link != NULL)
    chq_register_link_changed (self->link);
  reload (self);
}

static void
on_delete_rule_cb (GtkButton        *button,
                   ChqRegisterPrefs *self)
{
  ChqRegister *reg = self->link != NULL ? chq_register_link_get_register (self->link) : NULL;
  const char *number = g_object_get_data (G_OBJECT (button), "number");

  if (reg == NULL || number == NULL)
    return;

  self->busy++;
  chq_register_delete_jc_rule_async (reg, number, self->cancellable, on_rule_deleted_cb,
                                     g_object_ref (self));
}

static void
show_rules (ChqRegisterPrefs *self)
{
  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_expander_row_remove (self->rules_row, g_ptr_array_index (self->rule_rows, i));
  g_ptr_array_set_size (self->rule_rows, 0);

  for (guint i = 0; self->data != NULL && i < self->data->jc_rules->len; i++)
    {
      const ChqJcRule *rule = g_ptr_array_index (self->data->jc_rules, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *days = chq_hours_format (rule->days_per_year, FALSE);
      /* Translators: a sector rule: the days a year per full-time equivalent */
      g_autofree char *subtitle = g_strdup_printf (_("%s days a year per full-time equivalent"),
                                                   days);
      /* Translators: a joint committee: its number and name */
      g_autofree char *title = rule->name != NULL
                               ? g_strdup_printf (_("%s — %s"), rule->number, rule->name)
                               : g_strdup (rule->number);
      /* Translators: a button's accessible name; %s is a joint committee's number */
      g_autofree char *remove_label = g_strdup_printf (_("Remove the rule of joint committee %s"),
                                                       rule->number);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
      g_object_set_data_full (G_OBJECT (remove), "number", g_strdup (rule->number), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_delete_rule_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_expander_row_add_row (self->rules_row, row);
      g_ptr_array_add (self->rule_rows, row);
    }
}

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChqRegisterPrefs *self = CHQ_REGISTER_PREFS (widget);
  ChqRegister *reg = self->link != NULL ? chq_register_link_get_register (self->link) : NULL;
  g_autofree char *number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rule_number_row))));
  g_autoptr(ChqJcRule) rule = NULL;
  g_autoptr(GError) error = NULL;

  if (reg == NULL)
    return;
  if (!chq_joint_committee_number_validate (number, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->rule_number_row), "error");
      say (self, error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->rule_number_row), "error");

  rule = chq_jc_rule_new (number, NULL, gtk_spin_button_get_value (self->rule_days_spin));
  gtk_editable_set_text (GTK_EDITABLE (self->rule_number_row), "");
  self->busy++;
  chq_register_save_jc_rule_async (reg, rule, self->cancellable, on_rule_saved_cb,
                                   g_object_ref (self));
}

/* --------------------------------------------------------------------------- reading */

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ChqRegisterPrefs) self = user_data;
  g_autoptr(GError) error = NULL;
  ChqRegisterData *data = chq_register_load_finish (CHQ_REGISTER (source), result, &error);

  busy_done (self);
  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the training register: %s", error->message);
      return;
    }

  g_clear_pointer (&self->data, chq_register_data_free);
  self->data = data;

  self->updating = TRUE;
  gtk_spin_button_set_value (self->workforce_spin, MAX (data->settings.workforce, 0.0));
  gtk_spin_button_set_value (self->carry_spin, data->settings.carry_over_years);
  gtk_spin_button_set_value (self->hours_spin, data->settings.hours_per_day);
  self->updating = FALSE;
  show_rules (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
}

static void
reload (ChqRegisterPrefs *self)
{
  ChqRegister *reg = self->link != NULL ? chq_register_link_get_register (self->link) : NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self), reg != NULL);
  if (reg == NULL)
    return;

  self->busy++;
  chq_register_load_async (reg, self->cancellable, on_loaded_cb, g_object_ref (self));
}

/**
 * chq_register_prefs_set_backend:
 * @self: a #ChqRegisterPrefs
 * @backend: (nullable): the account shown
 *
 * Shows @backend's register settings; %NULL hides the group.
 */
void
chq_register_prefs_set_backend (ChqRegisterPrefs *self,
                                ChqBackend       *backend)
{
  g_return_if_fail (CHQ_IS_REGISTER_PREFS (self));

  if (!g_set_object (&self->backend, backend))
    return;

  if (self->link != NULL)
    g_clear_signal_handler (&self->link_id, self->link);
  g_clear_object (&self->link);
  g_clear_pointer (&self->data, chq_register_data_free);
  gtk_widget_set_visible (GTK_WIDGET (self), backend != NULL);

  if (backend != NULL)
    {
      self->link = g_object_ref (chq_register_link_get (backend));
      self->link_id = g_signal_connect_swapped (self->link, "notify::register",
                                                G_CALLBACK (reload), self);
      reload (self);
    }
}

/* ------------------------------------------------------------------ backup, restore */

static void
on_backup_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ChqRegisterPrefs) self = user_data;
  g_autoptr(GError) error = NULL;

  busy_done (self);
  if (chq_register_backup_finish (CHQ_REGISTER (source), result, &error))
    say (self, _("Training register backed up"));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    refuse (self, _("The Register Was Not Backed Up"), error->message);
}

/**
 * chq_register_prefs_backup_to:
 * @self: a #ChqRegisterPrefs
 * @file: where to write the backup (replaced)
 *
 * Writes the whole register to @file, on the register's thread.
 */
void
chq_register_prefs_backup_to (ChqRegisterPrefs *self,
                              GFile            *file)
{
  ChqRegister *reg;
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_REGISTER_PREFS (self));

  reg = self->link != NULL ? chq_register_link_get_register (self->link) : NULL;
  path = g_file_get_path (file);
  if (reg == NULL || path == NULL)
    {
      refuse (self, _("The Register Was Not Backed Up"),
              _("The training register is not open, or this place cannot be written to. "
                "Choose a folder on this computer and try again."));
      return;
    }

  self->busy++;
  chq_register_backup_async (reg, path, self->cancellable, on_backup_cb, g_object_ref (self));
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ChqRegisterPrefs) self = user_data;
  g_autoptr(GError) error = NULL;

  busy_done (self);
  if (!chq_register_restore_finish (CHQ_REGISTER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, _("The Backup Was Not Restored"), error->message);
      return;
    }

  say (self, _("Training register restored"));
  if (self->link != NULL)
    {
      chq_register_link_reopen (self->link);
      chq_register_link_changed (self->link);
    }
}

static void
on_confirm_cb (AdwMessageDialog *dialog,
               const char       *response,
               ChqRegisterPrefs *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  ChqRegister *reg = self->link != NULL ? chq_register_link_get_register (self->link) : NULL;

  self->confirmation = NULL;
  if (g_strcmp0 (response, "restore") != 0 || reg == NULL)
    {
      busy_done (self);
      return;
    }

  chq_register_restore_async (reg, path, self->cancellable, on_restored_cb,
                              g_object_ref (self));
}

static void
on_summary_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ChqRegisterPrefs) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegisterSummary) summary = chq_register_read_summary_finish (result, &error);
  const char *path = g_object_get_data (G_OBJECT (self), "restore-path");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *company = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (summary == NULL)
    {
      busy_done (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refuse (self, _("The Backup Was Not Restored"), error->message);
      return;
    }

  if (self->backend == NULL ||
      g_strcmp0 (summary->enterprise_number, chq_backend_get_enterprise_number (self->backend)) != 0)
    {
      g_autofree char *theirs = chq_enterprise_number_format (summary->enterprise_number);

      busy_done (self);
      /* Translators: %s is an enterprise number */
      body = g_strdup_printf (_("This backup is the training register of another company "
                                "(enterprise number %s). Sign in to that company to restore "
                                "it; this register was not changed."),
                              theirs != NULL ? theirs : summary->enterprise_number);
      refuse (self, _("The Backup Was Not Restored"), body);
      return;
    }

  company = chq_enterprise_number_format (summary->enterprise_number);
  when = summary->saved_at != NULL ? g_date_time_format (summary->saved_at, "%x %H:%M")
                                   : g_strdup (_("an unknown date"));
  /* Translators: the restore's confirmation: the company, the date of the backup, then what
   * it holds */
  body = g_strdup_printf (_("The backup of %s made on %s holds the details of %u workers, "
                            "%u trainings, %u training plans and %u sector rules. It replaces "
                            "the whole training register on this computer: what was added "
                            "since the backup is lost."),
                          company != NULL ? company : summary->enterprise_number, when,
                          summary->n_workers, summary->n_trainings, summary->n_plans,
                          summary->n_jc_rules);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Restore the Training Register?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_cb), self, 0);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * chq_register_prefs_restore_from:
 * @self: a #ChqRegisterPrefs
 * @file: a backup
 *
 * Reads what @file holds, asks to confirm what it replaces, and restores it.
 */
void
chq_register_prefs_restore_from (ChqRegisterPrefs *self,
                                 GFile            *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CHQ_IS_REGISTER_PREFS (self));

  path = g_file_get_path (file);
  if (path == NULL || self->link == NULL || chq_register_link_get_register (self->link) == NULL)
    {
      refuse (self, _("The Backup Was Not Restored"),
              _("The training register is not open, or this file is not on this computer. "
                "Copy the backup to a folder on this computer and try again."));
      return;
    }

  self->busy++;
  g_object_set_data_full (G_OBJECT (self), "restore-path", g_strdup (path), g_free);
  chq_register_read_summary_async (path, self->cancellable, on_summary_cb, g_object_ref (self));
}

static void
on_chooser_cb (GtkNativeDialog  *dialog,
               int               response,
               ChqRegisterPrefs *self)
{
  gboolean restore = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "restore"));
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL && restore)
    chq_register_prefs_restore_from (self, file);
  else if (file != NULL)
    chq_register_prefs_backup_to (self, file);

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
choose (ChqRegisterPrefs *self,
        gboolean          restore)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr(GFile) start = NULL;

  if (self->chooser != NULL || self->backend == NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (restore ? _("Restore the Training Register")
                                                       : _("Back Up the Training Register"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               restore ? GTK_FILE_CHOOSER_ACTION_OPEN
                                                       : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               restore ? _("_Restore") : _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "restore", GINT_TO_POINTER (restore));
  start = g_file_new_for_path (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR)
                               ? documents : g_get_home_dir ());
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), start, NULL);
  if (!restore)
    {
      /* Translators: the proposed name of a backup of the register; %s is the enterprise
       * number */
      g_autofree char *name = g_strdup_printf (_("training-register-%s.chequier-backup"),
                                               chq_backend_get_enterprise_number (self->backend));

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose (CHQ_REGISTER_PREFS (widget), FALSE);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  choose (CHQ_REGISTER_PREFS (widget), TRUE);
}

/**
 * chq_register_prefs_get_busy:
 * @self: a #ChqRegisterPrefs
 *
 * Returns: whether a read, a save, a backup or a restore is under way
 */
gboolean
chq_register_prefs_get_busy (ChqRegisterPrefs *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER_PREFS (self), FALSE);
  return self->busy > 0 || (self->link != NULL && chq_register_link_get_busy (self->link));
}

/**
 * chq_register_prefs_get_message:
 * @self: a #ChqRegisterPrefs
 *
 * Returns: (transfer none) (nullable): the last result or refusal said to the user
 */
const char *
chq_register_prefs_get_message (ChqRegisterPrefs *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER_PREFS (self), NULL);
  return self->message;
}

/**
 * chq_register_prefs_get_confirmation:
 * @self: a #ChqRegisterPrefs
 *
 * Returns: (transfer none) (nullable): the restore's confirmation, while it is shown
 */
AdwMessageDialog *
chq_register_prefs_get_confirmation (ChqRegisterPrefs *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER_PREFS (self), NULL);
  return self->confirmation;
}

static void
chq_register_prefs_dispose (GObject *object)
{
  ChqRegisterPrefs *self = CHQ_REGISTER_PREFS (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->link != NULL)
    g_clear_signal_handler (&self->link_id, self->link);
  g_clear_object (&self->link);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (chq_register_prefs_parent_class)->dispose (object);
}

static void
chq_register_prefs_finalize (GObject *object)
{
  ChqRegisterPrefs *self = CHQ_REGISTER_PREFS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, chq_register_data_free);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_free (self->message);

  G_OBJECT_CLASS (chq_register_prefs_parent_class)->finalize (object);
}

static void
chq_register_prefs_class_init (ChqRegisterPrefsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_register_prefs_dispose;
  object_class->finalize = chq_register_prefs_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-register-prefs.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqRegisterPrefs, workforce_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqRegisterPrefs, carry_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqRegisterPrefs, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqRegisterPrefs, rules_row);
  gtk_widget_class_bind_template_child (widget_class, ChqRegisterPrefs, rule_number_row);
  gtk_widget_class_bind_template_child (widget_class, ChqRegisterPrefs, rule_days_spin);

  gtk_widget_class_install_action (widget_class, "register-prefs.add-rule", NULL,
                                   add_rule_action);
  gtk_widget_class_install_action (widget_class, "register-prefs.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "register-prefs.restore", NULL,
                                   restore_action);
}

static void
chq_register_prefs_init (ChqRegisterPrefs *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rule_rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->workforce_spin, "value-changed",
                            G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect_swapped (self->carry_spin, "value-changed",
                            G_CALLBACK (on_setting_changed_cb), self);
  g_signal_connect_swapped (self->hours_spin, "value-changed",
                            G_CALLBACK (on_setting_changed_cb), self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * chq_register_prefs_new:
 *
 * Returns: (transfer floating): a new #ChqRegisterPrefs, hidden until given an account
 */
GtkWidget *
chq_register_prefs_new (void)
{
  return g_object_new (CHQ_TYPE_REGISTER_PREFS, NULL);
}
