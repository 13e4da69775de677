/* chq-plan-dialog.c: the content of a year's annual training plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A company of 20 workers or more settles a training plan each year (DOMAIN.md): the formal
 * and informal trainings offered, the target groups with the attention given to the groups
 * the law names, how it serves the individual training right, and the consultation of the
 * works council, the union delegation or the workers. This form writes that content to the
 * register; the plan's PDF and its anonymised copy are made from it.
 */
#define G_LOG_DOMAIN "chq-plan-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-plan-dialog.h"
#include "chq-worker-details-logic.h"

#define N_GROUPS 5

typedef struct {
  GtkWidget   *row;               /* the entry row, in items_list */
  GtkDropDown *formal;            /* "Formal" / "Informal" */
  GtkCheckButton *groups[N_GROUPS]; /* the groups the law names, by flag order */
} ItemRow;

struct _ChqPlanDialog
{
  AdwWindow        parent_instance;

  ChqRegisterLink *link;         /* owned */
  ChqTrainingPlan *plan;         /* owned: as stored, or a new one */
  GCancellable    *cancellable;  /* owned */
  GArray          *items;        /* owned, of ItemRow */
  gboolean         saving;

  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkListBox      *items_list;
  GtkTextView     *target_view;
  GtkTextView     *attention_view;
  GtkTextView     *contribution_view;
  AdwComboRow     *body_row;
  AdwEntryRow     *meeting_row;
  AdwEntryRow     *settled_row;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (ChqPlanDialog, chq_plan_dialog, ADW_TYPE_WINDOW)

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
show_error (ChqPlanDialog *self,
            GtkWidget     *row,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
on_remove_item_cb (GtkButton     *button,
                   ChqPlanDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");

  for (guint i = 0; i < self->items->len; i++)
    if (g_array_index (self->items, ItemRow, i).row == row)
      {
        gtk_list_box_remove (self->items_list, row);
        g_array_remove_index (self->items, i);
        return;
      }
}

static void add_item_row (ChqPlanDialog *self,
                          const char    *title,
                          gboolean       formal,
                          guint          groups);

/**
 * chq_plan_dialog_add_item:
 * @self: a #ChqPlanDialog
 * @title: (nullable): the training's title
 * @formal: whether it is a formal training
 *
 * Adds a row for a training the plan offers.
 */
void
chq_plan_dialog_add_item (ChqPlanDialog *self,
                          const char    *title,
                          gboolean       formal)
{
  add_item_row (self, title, formal, 0);
}

static void
add_item_row (ChqPlanDialog *self,
              const char    *title,
              gboolean       formal,
              guint          groups)
{
  const char *kinds[] = { _("Formal"), _("Informal"), NULL };
  ItemRow item;
  GtkWidget *remove;
  g_autofree char *label = NULL;

  g_return_if_fail (CHQ_IS_PLAN_DIALOG (self));

  item.row = adw_entry_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item.row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item.row), _("Training"));
  gtk_editable_set_text (GTK_EDITABLE (item.row), title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (item.row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Title of a training offered"), -1);

  item.formal = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (kinds));
  gtk_drop_down_set_selected (item.formal, formal ? 0 : 1);
  gtk_widget_set_valign (GTK_WIDGET (item.formal), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (item.formal), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Formal or informal training"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (item.row), GTK_WIDGET (item.formal));

  /* The groups the law names for attention, each a check in a popover. */
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *heading = gtk_label_new (_("Gives particular attention to"));
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *button = gtk_menu_button_new ();

    gtk_widget_add_css_class (heading, "heading");
    gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
    gtk_box_append (GTK_BOX (box), heading);
    for (guint g = 0; g < N_GROUPS; g++)
      {
        GtkWidget *check = gtk_check_button_new_with_label (chq_plan_group_get_label (1u << g));

        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), (groups & (1u << g)) != 0);
        gtk_box_append (GTK_BOX (box), check);
        item.groups[g] = GTK_CHECK_BUTTON (check);
      }
    gtk_popover_set_child (GTK_POPOVER (popover), box);
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "system-users-symbolic");
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (button, "flat");
    gtk_widget_set_tooltip_text (button, _("Groups the training gives particular attention to"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Groups the training gives particular attention to"), -1);
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (item.row), button);
  }

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this training from the plan"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this training from the plan"), -1);
  g_object_set_data (G_OBJECT (remove), "row", item.row);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_item_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (item.row), remove);

  gtk_list_box_append (self->items_list, item.row);
  g_array_append_val (self->items, item);
  (void) label;
}

/**
 * chq_plan_dialog_set_texts:
 * @self: a #ChqPlanDialog
 * @target_groups: (nullable): the target groups, or %NULL to leave them
 * @attention: (nullable): the attention to the groups the law names, or %NULL
 * @contribution: (nullable): how the plan serves the training right, or %NULL
 *
 * Fills the texts as typing would.
 */
void
chq_plan_dialog_set_texts (ChqPlanDialog *self,
                           const char    *target_groups,
                           const char    *attention,
                           const char    *contribution)
{
  g_return_if_fail (CHQ_IS_PLAN_DIALOG (self));

  if (target_groups != NULL)
    set_view_text (self->target_view, target_groups);
  if (attention != NULL)
    set_view_text (self->attention_view, attention);
  if (contribution != NULL)
    set_view_text (self->contribution_view, contribution);
}

/**
 * chq_plan_dialog_get_error:
 * @self: a #ChqPlanDialog
 *
 * Returns: (transfer none) (nullable): the message shown, or %NULL
 */
const char *
chq_plan_dialog_get_error (ChqPlanDialog *self)
{
  g_return_val_if_fail (CHQ_IS_PLAN_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_label (self->error_label) : NULL;
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ChqPlanDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);

  if (!chq_register_save_plan_finish (CHQ_REGISTER (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, NULL, error->message);
      return;
    }

  chq_register_link_changed (self->link);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      /* Translators: a toast; %d is the year */
      g_autofree char *toast = g_strdup_printf (_("Training plan of %d saved"), self->plan->year);

      gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", toast);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
read_date_row (ChqPlanDialog *self,
               AdwEntryRow   *row,
               GDate         *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *message = NULL;
  g_autofree char *copy = g_strstrip (g_strdup (text));

  g_date_clear (out, 1);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (*copy == '\0' || chq_details_parse_date (text, out))
    return TRUE;

  chq_details_check_date (text, &message);
  show_error (self, GTK_WIDGET (row), message);
  return FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqPlanDialog *self = CHQ_PLAN_DIALOG (widget);
  ChqRegister *reg = chq_register_link_get_register (self->link);
  g_autoptr(ChqTrainingPlan) plan = NULL;
  GDate meeting, settled;
  guint body;

  if (self->saving)
    return;
  if (reg == NULL)
    {
      show_error (self, NULL, _("The training register is not open. Close this window and "
                                "try again in a moment."));
      return;
    }
  if (!read_date_row (self, self->meeting_row, &meeting) ||
      !read_date_row (self, self->settled_row, &settled))
    return;

  plan = chq_training_plan_copy (self->plan);
  g_ptr_array_set_size (plan->items, 0);
  for (guint i = 0; i < self->items->len; i++)
    {
      ItemRow *item = &g_array_index (self->items, ItemRow, i);
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (item->row))));

      gtk_widget_remove_css_class (item->row, "error");
      if (*title == '\0')
        {
          show_error (self, item->row, _("Enter the title of each training offered, or remove "
                                         "its row."));
          return;
        }
      {
        ChqPlanItem *plan_item = chq_plan_item_new (title,
                                                    gtk_drop_down_get_selected (item->formal) == 0);

        for (guint g = 0; g < N_GROUPS; g++)
          if (gtk_check_button_get_active (item->groups[g]))
            plan_item->groups |= 1u << g;
        g_ptr_array_add (plan->items, plan_item);
      }
    }
  if (plan->items->len == 0)
    {
      show_error (self, NULL, _("Add at least one training the plan offers."));
      return;
    }

  g_free (plan->target_groups);
  plan->target_groups = view_text (self->target_view);
  g_free (plan->attention_groups);
  plan->attention_groups = view_text (self->attention_view);
  g_free (plan->contribution);
  plan->contribution = view_text (self->contribution_view);
  body = adw_combo_row_get_selected (self->body_row);
  plan->body = body <= CHQ_PLAN_BODY_WORKERS ? (ChqPlanBody) body : CHQ_PLAN_BODY_WORKS_COUNCIL;
  plan->meeting_date = meeting;
  plan->settled_date = settled;

  show_error (self, NULL, NULL);
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  chq_register_save_plan_async (reg, plan, self->cancellable, on_saved_cb, g_object_ref (self));
}

static void
add_item_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChqPlanDialog *self = CHQ_PLAN_DIALOG (widget);

  chq_plan_dialog_add_item (self, NULL, TRUE);
  gtk_widget_grab_focus (g_array_index (self->items, ItemRow, self->items->len - 1).row);
}

static void
set_date_row (AdwEntryRow *row,
              const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? chq_details_format_date (date) : NULL;

  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
fill (ChqPlanDialog *self)
{
  g_autoptr(GtkStringList) bodies = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;

  for (ChqPlanBody body = CHQ_PLAN_BODY_WORKS_COUNCIL; body <= CHQ_PLAN_BODY_WORKERS; body++)
    gtk_string_list_append (bodies, chq_plan_body_get_label (body));
  adw_combo_row_set_model (self->body_row, G_LIST_MODEL (bodies));
  adw_combo_row_set_selected (self->body_row, self->plan->body);

  /* Translators: the plan dialog's title; %d is the year */
  title = g_strdup_printf (_("Training Plan %d"), self->plan->year);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  for (guint i = 0; i < self->plan->items->len; i++)
    {
      ChqPlanItem *item = g_ptr_array_index (self->plan->items, i);

      add_item_row (self, item->title, item->formal, item->groups);
    }
  set_view_text (self->target_view, self->plan->target_groups);
  set_view_text (self->attention_view, self->plan->attention_groups);
  set_view_text (self->contribution_view, self->plan->contribution);
  set_date_row (self->meeting_row, &self->plan->meeting_date);
  set_date_row (self->settled_row, &self->plan->settled_date);
}

static void
chq_plan_dialog_dispose (GObject *object)
{
  ChqPlanDialog *self = CHQ_PLAN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (chq_plan_dialog_parent_class)->dispose (object);
}

static void
chq_plan_dialog_finalize (GObject *object)
{
  ChqPlanDialog *self = CHQ_PLAN_DIALOG (object);

  g_clear_object (&self->link);
  g_clear_pointer (&self->plan, chq_training_plan_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (chq_plan_dialog_parent_class)->finalize (object);
}

static void
chq_plan_dialog_class_init (ChqPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_plan_dialog_dispose;
  object_class->finalize = chq_plan_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-plan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, items_list);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, target_view);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, attention_view);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, contribution_view);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, body_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, meeting_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, settled_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPlanDialog, error_label);

  gtk_widget_class_install_action (widget_class, "plan.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "plan.add-item", NULL, add_item_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "plan.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chq_plan_dialog_init (ChqPlanDialog *self)
{
  chq_a11y_set_dialog_role (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->items = g_array_new (FALSE, FALSE, sizeof (ItemRow));
}

/**
 * chq_plan_dialog_new:
 * @link: the account's register
 * @year: the plan's year
 * @plan: (nullable): the plan stored for @year, or %NULL
 *
 * Returns: (transfer full): a new #ChqPlanDialog
 */
GtkWidget *
chq_plan_dialog_new (ChqRegisterLink       *link,
                     int                    year,
                     const ChqTrainingPlan *plan)
{
  ChqPlanDialog *self;

  g_return_val_if_fail (CHQ_IS_REGISTER_LINK (link), NULL);

  self = g_object_new (CHQ_TYPE_PLAN_DIALOG, NULL);
  self->link = g_object_ref (link);
  self->plan = plan != NULL ? chq_training_plan_copy (plan) : chq_training_plan_new (year);
  fill (self);

  return GTK_WIDGET (self);
}

/**
 * chq_plan_dialog_set_item_groups:
 * @self: a #ChqPlanDialog
 * @index: a training offered, in the order shown
 * @groups: the #ChqPlanGroups it gives attention to
 *
 * Checks the groups as a person would.
 */
void
chq_plan_dialog_set_item_groups (ChqPlanDialog *self,
                                 guint          index,
                                 guint          groups)
{
  g_return_if_fail (CHQ_IS_PLAN_DIALOG (self));
  g_return_if_fail (index < self->items->len);

  for (guint g = 0; g < N_GROUPS; g++)
    gtk_check_button_set_active (g_array_index (self->items, ItemRow, index).groups[g],
                                 (groups & (1u << g)) != 0);
}
