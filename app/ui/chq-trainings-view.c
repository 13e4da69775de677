/* chq-trainings-view.c: every training of the year, per worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per worker: the training credit and what is left of it, then each
 * training of the year — the bookings attended (funded by vouchers, from the voucher
 * service) and the trainings added by hand to the register, which can be edited and
 * deleted (a toast offers to undo). The list is bound to a model of worker keys: a new year
 * replaces the model's items, the rows are made from the year's data.
 */
#define G_LOG_DOMAIN "chq-trainings-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-hours-report.h"
#include "chq-training-dialog.h"
#include "chq-trainings-view.h"
#include "chq-toast.h"
#include "chq-worker-details-logic.h"

struct _ChqTrainingsView
{
  AdwBin           parent_instance;

  ChqRegisterLink *link;          /* owned, nullable */
  ChqTrainingYear *year;          /* owned, nullable */
  GtkStringList   *keys;          /* owned: the workers shown, by key */
  GCancellable    *cancellable;   /* owned */
  ChqTraining     *deleted;       /* owned, nullable: the last training deleted */
  guint            busy;

  GtkLabel        *intro_label;
  GtkButton       *add_button;
  GtkLabel        *error_label;
  GtkListBox      *list;
};

G_DEFINE_FINAL_TYPE (ChqTrainingsView, chq_trainings_view, ADW_TYPE_BIN)

static char *
days_text (double days)
{
  g_autofree char *number = chq_hours_format (days, FALSE);

  /* Translators: a number of training days, "1.5 d" */
  return g_strdup_printf (_("%s d"), number);
}

static char *
date_text (const GDate *date)
{
  return g_date_valid (date) ? chq_details_format_date (date) : g_strdup ("—");
}

/* The credit line of a worker: "Credit 5 d · followed 1 d · 4 d left", and what is late. */
static char *
balance_text (const ChqTrainingYearWorker *w)
{
  const ChqTrainingBalance *b = &w->balance;
  g_autofree char *credit = NULL;
  g_autofree char *followed = NULL;
  g_autofree char *left = NULL;
  GString *text;

  if (!b->has_right)
    /* Translators: a worker's status, then that they have no training credit */
    return g_strdup_printf (_("%s, no training credit"), chq_worker_status_get_label (w->status));

  credit = days_text (b->credit_days + b->carried_in_days);
  followed = days_text (b->followed_days);
  left = days_text (b->left_days);
  text = g_string_new (NULL);
  /* Translators: a worker's training credit of the year, the days followed and left */
  g_string_append_printf (text, _("Credit %s · followed %s · %s left"), credit, followed, left);
  if (b->carried_over_days > 0.0)
    {
      g_autofree char *carried = days_text (b->carried_over_days);

      /* Translators: appended to the credit line: days carried over to next year */
      g_string_append_printf (text, _(" · %s carried over"), carried);
    }
  if (b->late)
    g_string_append (text, _(" · behind"));

  return g_string_free (text, FALSE);
}

static char *
training_subtitle (const ChqTraining *t)
{
  g_autofree char *start = date_text (&t->start_date);
  g_autofree char *hours = chq_hours_format (t->hours, FALSE);
  GString *text = g_string_new (start);

  if (g_date_valid (&t->end_date) && g_date_compare (&t->end_date, &t->start_date) != 0)
    {
      g_autofree char *end = date_text (&t->end_date);

      g_string_append_printf (text, " – %s", end);
    }
  /* Translators: hours of a training, "7.5 h" */
  g_string_append_printf (text, _(" · %s h"), hours);
  g_string_append (text, " · ");
  if (t->internal)
    g_string_append (text, _("internal"));
  else if (t->provider != NULL)
    g_string_append (text, t->provider);
  g_string_append (text, " · ");
  g_string_append (text, t->formal ? _("formal") : _("informal"));
  g_string_append (text, " · ");
  if (t->source == CHQ_TRAINING_SOURCE_ENROLMENT)
    /* Translators: how a booking of the voucher service was paid */
    g_string_append_printf (text, ngettext ("%u voucher", "%u vouchers", t->vouchers_used),
                            t->vouchers_used);
  else
    g_string_append (text, chq_funding_get_label (t->funding));
  if (t->certificate)
    {
      g_string_append (text, " · ");
      if (g_date_valid (&t->certificate_valid_until))
        {
          g_autofree char *valid = date_text (&t->certificate_valid_until);

          /* Translators: a certificate and the last day it is valid */
          g_string_append_printf (text, _("certificate valid until %s"), valid);
        }
      else
        g_string_append (text, _("certificate"));
    }

  return g_string_free (text, FALSE);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);

  return button;
}

static GtkWidget *
training_row (const ChqTraining *t,
              const char        *worker_name)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = training_subtitle (t);
  g_autofree char *label = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  if (t->source == CHQ_TRAINING_SOURCE_REGISTER)
    {
      /* Translators: a button's accessible name; %s is a training's title */
      g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), t->title);
      /* Translators: a button's accessible name; %s is a training's title */
      g_autofree char *remove = g_strdup_printf (_("Delete “%s”"), t->title);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("document-edit-symbolic", edit, "trainings.edit",
                                              g_variant_new_int64 (t->id)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 icon_button ("user-trash-symbolic", remove, "trainings.delete",
                                              g_variant_new_int64 (t->id)));
    }

  /* Translators: a training for screen readers: worker, title, then its details */
  label = g_strdup_printf (_("%s: %s, %s"), worker_name, t->title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return row;
}

static GtkWidget *
create_worker_row (gpointer item,
                   gpointer user_data)
{
  ChqTrainingsView *self = user_data;
  const char *key = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  const ChqTrainingYearWorker *w = chq_training_year_find_worker (self->year, key);
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  g_autofree char *add_label = NULL;
  g_autofree char *list_label = NULL;
  GtkWidget *add;

  if (w == NULL)
    return row;

  name = g_strdup_printf ("%s %s", w->first_name, w->last_name);
  subtitle = balance_text (w);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (w->balance.late)
    gtk_widget_add_css_class (row, "warning");

  /* Translators: a button's accessible name; %s is a worker's name */
  add_label = g_strdup_printf (_("Add a training for %s"), name);
  add = icon_button ("list-add-symbolic", add_label, "trainings.add-for",
                     g_variant_new_string (w->worker_key));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), add);

  for (guint i = 0; i < w->trainings->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              training_row (g_ptr_array_index (w->trainings, i), name));

  if (w->trainings->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none),
                                     _("No training this year yet"));
      gtk_widget_add_css_class (none, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), none);
    }

  /* Translators: a worker for screen readers: name, credit line, number of trainings */
  label = g_strdup_printf (ngettext ("%s: %s, %u training", "%s: %s, %u trainings",
                                     w->trainings->len),
                           name, subtitle, w->trainings->len);
  /* Translators: the name of the list of a worker's trainings; %s is the worker's name */
  list_label = g_strdup_printf (_("Trainings of %s"), name);
  chq_a11y_name_expander_row (ADW_EXPANDER_ROW (row), label, list_label);

  return row;
}

static void
update_actions (ChqTrainingsView *self)
{
  gboolean ready = self->year != NULL && self->link != NULL &&
                   chq_register_link_get_register (self->link) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trainings.add",
                                 ready && self->year->workers->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trainings.add-for", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trainings.edit", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trainings.delete", ready && self->busy == 0);
}

/**
 * chq_trainings_view_set_year:
 * @self: a #ChqTrainingsView
 * @link: (nullable): the account's register
 * @year: (nullable): the year to show
 *
 * Shows the trainings of @year per worker.
 */
void
chq_trainings_view_set_year (ChqTrainingsView *self,
                             ChqRegisterLink  *link,
                             ChqTrainingYear  *year)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;

  g_return_if_fail (CHQ_IS_TRAININGS_VIEW (self));

  g_set_object (&self->link, link);
  if (year != NULL)
    chq_training_year_ref (year);
  g_clear_pointer (&self->year, chq_training_year_unref);
  self->year = year;

  for (guint i = 0; year != NULL && i < year->workers->len; i++)
    g_strv_builder_add (builder,
                        ((ChqTrainingYearWorker *) g_ptr_array_index (year->workers, i))->worker_key);
  keys = g_strv_builder_end (builder);
  gtk_string_list_splice (self->keys, 0, g_list_model_get_n_items (G_LIST_MODEL (self->keys)),
                          (const char * const *) keys);

  if (link != NULL && chq_register_link_get_error (link) != NULL)
    {
      /* Translators: %s says why the register could not be opened */
      g_autofree char *text = g_strdup_printf (_("The training register could not be opened: "
                                                 "%s. Trainings added by hand cannot be shown "
                                                 "or added until it opens."),
                                               chq_register_link_get_error (link));

      gtk_label_set_text (self->error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label),
                          link != NULL && chq_register_link_get_error (link) != NULL);
  update_actions (self);
}

/**
 * chq_trainings_view_get_year:
 * @self: a #ChqTrainingsView
 *
 * Returns: (transfer none) (nullable): the year shown
 */
ChqTrainingYear *
chq_trainings_view_get_year (ChqTrainingsView *self)
{
  g_return_val_if_fail (CHQ_IS_TRAININGS_VIEW (self), NULL);
  return self->year;
}

static const ChqTraining *
find_training (ChqTrainingsView *self,
               gint64            id)
{
  for (guint i = 0; self->year != NULL && i < self->year->workers->len; i++)
    {
      ChqTrainingYearWorker *w = g_ptr_array_index (self->year->workers, i);

      for (guint j = 0; j < w->trainings->len; j++)
        {
          const ChqTraining *t = g_ptr_array_index (w->trainings, j);

          if (t->source == CHQ_TRAINING_SOURCE_REGISTER && t->id == id)
            return t;
        }
    }
  return NULL;
}

static GtkWidget *
present_dialog (ChqTrainingsView  *self,
                const ChqTraining *training,
                const char        *worker_key)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->year == NULL || self->link == NULL)
    return NULL;

  dialog = chq_training_dialog_new (self->link, self->year, training, worker_key);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * chq_trainings_view_add_training:
 * @self: a #ChqTrainingsView
 * @worker_key: (nullable): the worker chosen first
 *
 * Returns: (transfer none) (nullable): the form, shown
 */
GtkWidget *
chq_trainings_view_add_training (ChqTrainingsView *self,
                                 const char       *worker_key)
{
  g_return_val_if_fail (CHQ_IS_TRAININGS_VIEW (self), NULL);
  return present_dialog (self, NULL, worker_key);
}

/**
 * chq_trainings_view_edit_training:
 * @self: a #ChqTrainingsView
 * @id: a training added by hand
 *
 * Returns: (transfer none) (nullable): the form, shown; %NULL when @id is not shown
 */
GtkWidget *
chq_trainings_view_edit_training (ChqTrainingsView *self,
                                  gint64            id)
{
  const ChqTraining *training;

  g_return_val_if_fail (CHQ_IS_TRAININGS_VIEW (self), NULL);

  training = find_training (self, id);
  return training != NULL ? present_dialog (self, training, NULL) : NULL;
}

static void
show_toast (ChqTrainingsView *self,
            const char       *text,
            gboolean          with_undo)
{
  if (with_undo)
    {
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (chq_trainings_view_undo_delete), self,
                               G_CONNECT_SWAPPED);
      chq_toast_add (GTK_WIDGET (self), toast);
    }
  else
    chq_toast_show (GTK_WIDGET (self), text);
}

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ChqTrainingsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqTraining) deleted = chq_register_delete_training_finish (CHQ_REGISTER (source),
                                                                        result, &error);
  g_autofree char *text = NULL;

  self->busy--;
  update_actions (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (deleted == NULL)
    {
      /* Translators: %s says why */
      text = g_strdup_printf (_("The training could not be deleted: %s"), error->message);
      show_toast (self, text, FALSE);
      return;
    }

  /* Translators: a toast; %s is a training's title */
  text = g_strdup_printf (_("“%s” deleted"), deleted->title);
  g_clear_pointer (&self->deleted, chq_training_free);
  self->deleted = g_steal_pointer (&deleted);
  chq_register_link_changed (self->link);
  show_toast (self, text, TRUE);
}

/**
 * chq_trainings_view_delete_training:
 * @self: a #ChqTrainingsView
 * @id: a training added by hand
 *
 * Deletes it from the register; the toast that says so offers to undo.
 */
void
chq_trainings_view_delete_training (ChqTrainingsView *self,
                                    gint64            id)
{
  ChqRegister *reg;

  g_return_if_fail (CHQ_IS_TRAININGS_VIEW (self));

  if (self->link == NULL || (reg = chq_register_link_get_register (self->link)) == NULL ||
      find_training (self, id) == NULL)
    return;

  self->busy++;
  update_actions (self);
  chq_register_delete_training_async (reg, id, self->cancellable, on_deleted_cb,
                                      g_object_ref (self));
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ChqTrainingsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqTraining) restored = chq_register_add_training_finish (CHQ_REGISTER (source),
                                                                      result, &error);

  self->busy--;
  update_actions (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (restored == NULL)
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("The training could not be put back: %s"),
                                               error->message);

      show_toast (self, text, FALSE);
      return;
    }

  chq_register_link_changed (self->link);
}

/**
 * chq_trainings_view_undo_delete:
 * @self: a #ChqTrainingsView
 *
 * Puts the last training deleted back, with its id.
 */
void
chq_trainings_view_undo_delete (ChqTrainingsView *self)
{
  g_autoptr(ChqTraining) training = NULL;
  ChqRegister *reg;

  g_return_if_fail (CHQ_IS_TRAININGS_VIEW (self));

  if (self->deleted == NULL || self->link == NULL ||
      (reg = chq_register_link_get_register (self->link)) == NULL)
    return;

  training = g_steal_pointer (&self->deleted);
  self->busy++;
  update_actions (self);
  chq_register_add_training_async (reg, training, self->cancellable, on_restored_cb,
                                   g_object_ref (self));
}

/**
 * chq_trainings_view_get_busy:
 * @self: a #ChqTrainingsView
 *
 * Returns: whether a delete or an undo is under way
 */
gboolean
chq_trainings_view_get_busy (ChqTrainingsView *self)
{
  g_return_val_if_fail (CHQ_IS_TRAININGS_VIEW (self), FALSE);
  return self->busy > 0;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  chq_trainings_view_add_training (CHQ_TRAININGS_VIEW (widget), NULL);
}

static void
add_for_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  chq_trainings_view_add_training (CHQ_TRAININGS_VIEW (widget),
                                   g_variant_get_string (parameter, NULL));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  chq_trainings_view_edit_training (CHQ_TRAININGS_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  chq_trainings_view_delete_training (CHQ_TRAININGS_VIEW (widget),
                                      g_variant_get_int64 (parameter));
}

static void
chq_trainings_view_dispose (GObject *object)
{
  ChqTrainingsView *self = CHQ_TRAININGS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->link);
  g_clear_pointer (&self->year, chq_training_year_unref);
  g_clear_pointer (&self->deleted, chq_training_free);

  G_OBJECT_CLASS (chq_trainings_view_parent_class)->dispose (object);
}

static void
chq_trainings_view_finalize (GObject *object)
{
  ChqTrainingsView *self = CHQ_TRAININGS_VIEW (object);

  g_clear_object (&self->keys);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (chq_trainings_view_parent_class)->finalize (object);
}

static void
chq_trainings_view_class_init (ChqTrainingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_trainings_view_dispose;
  object_class->finalize = chq_trainings_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-trainings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingsView, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingsView, add_button);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingsView, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChqTrainingsView, list);

  gtk_widget_class_install_action (widget_class, "trainings.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "trainings.add-for", "s", add_for_action);
  gtk_widget_class_install_action (widget_class, "trainings.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "trainings.delete", "x", delete_action);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_trainings_view_init (ChqTrainingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* "Weiterbildung hinzufügen…" beside the introduction must still fit 360 px. */
  chq_a11y_wrap_labels (GTK_WIDGET (self->add_button));

  self->keys = gtk_string_list_new (NULL);
  self->cancellable = g_cancellable_new ();
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->keys), create_worker_row, self, NULL);
  update_actions (self);
}

/**
 * chq_trainings_view_new:
 *
 * Returns: (transfer floating): a new #ChqTrainingsView, empty until given a year
 */
GtkWidget *
chq_trainings_view_new (void)
{
  return g_object_new (CHQ_TYPE_TRAININGS_VIEW, NULL);
}
