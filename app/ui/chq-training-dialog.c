/* chq-training-dialog.c: add or edit a training of the register by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every training counts for the training right, not only those vouchers paid for: this form
 * records one the voucher service does not know (title, provider or internal, formal or
 * informal, dates, hours, certificate and its validity, cost and funding). The dates are
 * typed day first; the register checks the whole (chq_training_check()) before it stores it,
 * on its own thread.
 */
#define G_LOG_DOMAIN "chq-training-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-money.h"
#include "chq-training-dialog.h"
#include "chq-training-right.h"
#include "chq-worker-details-logic.h"

struct _ChqTrainingDialog
{
  AdwWindow         parent_instance;

  ChqRegisterLink  *link;         /* owned */
  ChqTrainingYear  *year;         /* owned */
  ChqTraining      *training;     /* owned, nullable: NULL adds one */
  char             *worker_key;   /* owned, nullable: chosen first */
  GCancellable     *cancellable;  /* owned */
  gboolean          saving;
  GPtrArray        *keys;         /* owned: the worker row's keys, in its order */

  AdwWindowTitle   *window_title;
  GtkButton        *save_button;
  AdwComboRow      *worker_row;
  AdwEntryRow      *title_row;
  GtkSwitch        *internal_switch;
  AdwEntryRow      *provider_row;
  AdwComboRow      *formal_row;
  AdwEntryRow      *start_row;
  AdwEntryRow      *end_row;
  GtkSpinButton    *hours_spin;
  GtkSwitch        *certificate_switch;
  AdwEntryRow      *valid_row;
  AdwEntryRow      *cost_row;
  AdwComboRow      *funding_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (ChqTrainingDialog, chq_training_dialog, ADW_TYPE_WINDOW)

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return *copy == '\0';
}

static void
mark (GtkWidget *row,
      gboolean   bad)
{
  if (bad)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               bad ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
show_error (ChqTrainingDialog *self,
            GtkWidget         *row,
            const char        *message)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->title_row), GTK_WIDGET (self->provider_row),
                        GTK_WIDGET (self->start_row), GTK_WIDGET (self->end_row),
                        GTK_WIDGET (self->valid_row), GTK_WIDGET (self->cost_row),
                        GTK_WIDGET (self->hours_spin) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    mark (rows[i], rows[i] == row && message != NULL);

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (row != NULL && message != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_widget_grab_focus (row);
    }
}

static void
on_internal_cb (ChqTrainingDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->provider_row),
                            !gtk_switch_get_active (self->internal_switch));
}

static void
on_certificate_cb (ChqTrainingDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->valid_row),
                            gtk_switch_get_active (self->certificate_switch));
}

static gboolean
read_date (ChqTrainingDialog *self,
           AdwEntryRow       *row,
           gboolean           required,
           GDate             *out)
{
  g_autofree char *message = NULL;

  g_date_clear (out, 1);
  if (!required && is_blank (row_text (row)))
    return TRUE;
  if (chq_details_parse_date (row_text (row), out))
    return TRUE;

  if (is_blank (row_text (row)))
    show_error (self, GTK_WIDGET (row), _("Enter the date the training started, as "
                                          "day/month/year."));
  else
    {
      chq_details_check_date (row_text (row), &message);
      show_error (self, GTK_WIDGET (row), message);
    }
  return FALSE;
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ChqTrainingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqTraining) stored = NULL;
  g_autofree char *toast = NULL;
  GtkWindow *parent;

  if (self->training != NULL)
    stored = chq_register_update_training_finish (CHQ_REGISTER (source), result, &error);
  else
    stored = chq_register_add_training_finish (CHQ_REGISTER (source), result, &error);

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (stored == NULL)
    {
      show_error (self, NULL, error->message);
      return;
    }

  chq_register_link_changed (self->link);

  /* Translators: a toast; %s is the training's title */
  toast = g_strdup_printf (self->training != NULL ? _("“%s” saved in the training register")
                                                  : _("“%s” added to the training register"),
                           stored->title);
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
  ChqTrainingDialog *self = CHQ_TRAINING_DIALOG (widget);
  g_autoptr(ChqTraining) training = NULL;
  g_autoptr(GError) error = NULL;
  ChqRegister *reg = chq_register_link_get_register (self->link);
  guint worker = adw_combo_row_get_selected (self->worker_row);
  guint funding = adw_combo_row_get_selected (self->funding_row);
  g_autofree char *title = g_strstrip (g_strdup (row_text (self->title_row)));
  g_autofree char *provider = g_strstrip (g_strdup (row_text (self->provider_row)));
  GDate start, end, valid;
  gint64 cost = 0;

  if (self->saving)
    return;

  if (reg == NULL)
    {
      show_error (self, NULL, _("The training register is not open. Close this window and "
                                "try again in a moment."));
      return;
    }

  if (worker >= self->keys->len)
    {
      show_error (self, GTK_WIDGET (self->worker_row), _("Choose the worker who followed the "
                                                         "training."));
      return;
    }

  if (*title == '\0')
    {
      show_error (self, GTK_WIDGET (self->title_row), _("Enter the title of the training."));
      return;
    }

  if (!read_date (self, self->start_row, TRUE, &start) ||
      !read_date (self, self->end_row, FALSE, &end) ||
      !read_date (self, self->valid_row, FALSE, &valid))
    return;

  if (!is_blank (row_text (self->cost_row)) &&
      (!chq_money_parse (row_text (self->cost_row), &cost, NULL) || cost < 0))
    {
      show_error (self, GTK_WIDGET (self->cost_row),
                  _("Enter the cost in euros, like 450 or 1 250,50, or leave it empty."));
      return;
    }

  training = chq_training_new (g_ptr_array_index (self->keys, worker), title);
  if (self->training != NULL)
    {
      training->id = self->training->id;
      training->demo = self->training->demo;
    }
  training->source = CHQ_TRAINING_SOURCE_REGISTER;
  training->internal = gtk_switch_get_active (self->internal_switch);
  training->provider = !training->internal && *provider != '\0' ? g_strdup (provider) : NULL;
  training->formal = adw_combo_row_get_selected (self->formal_row) == 0;
  training->start_date = start;
  training->end_date = end;
  training->hours = gtk_spin_button_get_value (self->hours_spin);
  training->certificate = gtk_switch_get_active (self->certificate_switch);
  if (training->certificate)
    training->certificate_valid_until = valid;
  training->cost_cents = cost;
  training->funding = funding < CHQ_N_FUNDINGS ? (ChqFunding) funding : CHQ_FUNDING_OWN_BUDGET;

  if (!chq_training_check (training, &error))
    {
      GtkWidget *row = NULL;

      switch (error->code)
        {
        case CHQ_TRAINING_CHECK_ERROR_TITLE:
          row = GTK_WIDGET (self->title_row);
          break;
        case CHQ_TRAINING_CHECK_ERROR_HOURS:
          row = GTK_WIDGET (self->hours_spin);
          break;
        case CHQ_TRAINING_CHECK_ERROR_COST:
          row = GTK_WIDGET (self->cost_row);
          break;
        case CHQ_TRAINING_CHECK_ERROR_DATES:
          row = GTK_WIDGET (self->end_row);
          break;
        default:
          break;
        }
      show_error (self, row, error->message);
      return;
    }

  show_error (self, NULL, NULL);
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  if (self->training != NULL)
    chq_register_update_training_async (reg, training, self->cancellable, on_saved_cb,
                                        g_object_ref (self));
  else
    chq_register_add_training_async (reg, training, self->cancellable, on_saved_cb,
                                     g_object_ref (self));
}

static void
set_date_row (AdwEntryRow *row,
              const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? chq_details_format_date (date) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
fill (ChqTrainingDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) fundings = gtk_string_list_new (NULL);
  const char *chosen = self->training != NULL ? self->training->worker_key : self->worker_key;
  guint selected = 0;

  for (guint i = 0; i < self->year->workers->len; i++)
    {
      ChqTrainingYearWorker *w = g_ptr_array_index (self->year->workers, i);
      g_autofree char *name = g_strdup_printf ("%s %s", w->first_name, w->last_name);

      if (g_strcmp0 (w->worker_key, chosen) == 0)
        selected = i;
      gtk_string_list_append (names, name);
      g_ptr_array_add (self->keys, g_strdup (w->worker_key));
    }
  adw_combo_row_set_model (self->worker_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->worker_row, selected);

  for (guint i = 0; i < CHQ_N_FUNDINGS; i++)
    gtk_string_list_append (fundings, chq_funding_get_label ((ChqFunding) i));
  adw_combo_row_set_model (self->funding_row, G_LIST_MODEL (fundings));

  if (self->training == NULL)
    {
      GDate start = self->year->at;

      /* A past year's balance is at its end: a new training there starts on a blank date. */
      if (g_date_valid (&start) && (int) g_date_get_year (&start) == self->year->year)
        set_date_row (self->start_row, &start);
      on_internal_cb (self);
      on_certificate_cb (self);
      return;
    }

  adw_window_title_set_title (self->window_title, _("Edit Training"));
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Training"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->training->title);
  gtk_switch_set_active (self->internal_switch, self->training->internal);
  gtk_editable_set_text (GTK_EDITABLE (self->provider_row),
                         self->training->provider != NULL ? self->training->provider : "");
  adw_combo_row_set_selected (self->formal_row, self->training->formal ? 0 : 1);
  set_date_row (self->start_row, &self->training->start_date);
  set_date_row (self->end_row, &self->training->end_date);
  gtk_spin_button_set_value (self->hours_spin, self->training->hours);
  gtk_switch_set_active (self->certificate_switch, self->training->certificate);
  set_date_row (self->valid_row, &self->training->certificate_valid_until);
  if (self->training->cost_cents > 0)
    {
      g_autofree char *cost = chq_money_format_plain (self->training->cost_cents);

      gtk_editable_set_text (GTK_EDITABLE (self->cost_row), cost);
    }
  adw_combo_row_set_selected (self->funding_row, self->training->funding);
  on_internal_cb (self);
  on_certificate_cb (self);
}

static void
chq_training_dialog_dispose (GObject *object)
{
  ChqTrainingDialog *self = CHQ_TRAINING_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (chq_training_dialog_parent_class)->dispose (object);
}

static void
chq_training_dialog_finalize (GObject *object)
{
  ChqTrainingDialog *self = CHQ_TRAINING_DIALOG (object);

  g_clear_object (&self->link);
  g_clear_pointer (&self->year, chq_training_year_unref);
  g_clear_pointer (&self->training, chq_training_free);
  g_clear_pointer (&self->worker_key, g_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->keys, g_ptr_array_unref);

  G_OBJECT_CLASS (chq_training_dialog_parent_class)->finalize (object);
}

static void
chq_training_dialog_class_init (ChqTrainingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_training_dialog_dispose;
  object_class->finalize = chq_training_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-training-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, worker_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, internal_switch);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, provider_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, formal_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, hours_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, certificate_switch);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, valid_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, cost_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, funding_row);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingDialog, error_label);

  gtk_widget_class_install_action (widget_class, "training.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "training.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chq_training_dialog_init (ChqTrainingDialog *self)
{
  chq_a11y_set_dialog_role (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->keys = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (self->internal_switch, "notify::active",
                            G_CALLBACK (on_internal_cb), self);
  g_signal_connect_swapped (self->certificate_switch, "notify::active",
                            G_CALLBACK (on_certificate_cb), self);
}

/**
 * chq_training_dialog_new:
 * @link: the account's register
 * @year: the year shown (its workers are the choices)
 * @training: (nullable): a training added by hand, to edit; %NULL to add one
 * @worker_key: (nullable): the worker chosen first when adding
 *
 * Returns: (transfer full): a new #ChqTrainingDialog
 */
GtkWidget *
chq_training_dialog_new (ChqRegisterLink   *link,
                         ChqTrainingYear   *year,
                         const ChqTraining *training,
                         const char        *worker_key)
{
  ChqTrainingDialog *self;

  g_return_val_if_fail (CHQ_IS_REGISTER_LINK (link), NULL);
  g_return_val_if_fail (year != NULL, NULL);

  self = g_object_new (CHQ_TYPE_TRAINING_DIALOG, NULL);
  self->link = g_object_ref (link);
  self->year = chq_training_year_ref (year);
  self->training = training != NULL ? chq_training_copy (training) : NULL;
  self->worker_key = g_strdup (worker_key);
  fill (self);

  return GTK_WIDGET (self);
}

/**
 * chq_training_dialog_set_fields:
 * @self: a #ChqTrainingDialog
 * @title: (nullable): the title
 * @provider: (nullable): the provider
 * @start_date: (nullable): the start date as typed
 * @end_date: (nullable): the end date as typed
 * @hours: the hours, or < 0 to leave them
 * @cost: (nullable): the cost as typed
 *
 * Fills the form as typing would.
 */
void
chq_training_dialog_set_fields (ChqTrainingDialog *self,
                                const char        *title,
                                const char        *provider,
                                const char        *start_date,
                                const char        *end_date,
                                double             hours,
                                const char        *cost)
{
  g_return_if_fail (CHQ_IS_TRAINING_DIALOG (self));

  if (title != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  if (provider != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->provider_row), provider);
  if (start_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), start_date);
  if (end_date != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->end_row), end_date);
  if (hours >= 0.0)
    gtk_spin_button_set_value (self->hours_spin, hours);
  if (cost != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->cost_row), cost);
}

/**
 * chq_training_dialog_get_error:
 * @self: a #ChqTrainingDialog
 *
 * Returns: (transfer none) (nullable): the message the form shows
 */
const char *
chq_training_dialog_get_error (ChqTrainingDialog *self)
{
  g_return_val_if_fail (CHQ_IS_TRAINING_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_label (self->error_label) : NULL;
}

/**
 * chq_training_dialog_get_saving:
 * @self: a #ChqTrainingDialog
 *
 * Returns: whether the register is storing the training
 */
gboolean
chq_training_dialog_get_saving (ChqTrainingDialog *self)
{
  g_return_val_if_fail (CHQ_IS_TRAINING_DIALOG (self), FALSE);
  return self->saving;
}
