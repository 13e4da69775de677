/* chq-outbox-view.c: the changes the voucher service refused for good, each with the
 * service's reason, to discard or to make again on its page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-outbox-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-app-logic.h"
#include "chq-outbox-view.h"
#include "chq-toast.h"

struct _ChqOutboxView
{
  AdwBin              parent_instance;

  ChqBackend         *backend;   /* owned, nullable */
  GtkFilterListModel *failed;    /* owned: the failed entries of the backend's outbox */

  /* Template children */
  GtkListView        *list_view;
};

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_N_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChqOutboxView, chq_outbox_view, ADW_TYPE_BIN)

static gboolean
entry_failed (gpointer item,
              gpointer user_data)
{
  return chq_outbox_entry_get_state (CHQ_OUTBOX_ENTRY (item)) == CHQ_OUTBOX_STATE_FAILED;
}

static void
on_items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  ChqOutboxView *self)
{
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *edit = gtk_button_new_with_mnemonic (_("_Edit…"));
  GtkWidget *discard = gtk_button_new_with_mnemonic (_("_Discard"));
  GtkWidget *send_again = gtk_button_new_with_mnemonic (_("_Send Again"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_widget_add_css_class (summary, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (reason, "error");

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  /* The entry's id comes with bind; a target of the right type until then. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (edit), g_variant_new_int64 (0));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (discard), g_variant_new_int64 (0));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (send_again), g_variant_new_int64 (0));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (send_again), "outbox.send-again");
  gtk_widget_set_tooltip_text (send_again, _("Send this change to the service again, once you have checked it is not there yet"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "outbox.edit");
  gtk_widget_set_tooltip_text (edit, _("Open the page where this change is made, to make it again"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), "outbox.discard");
  gtk_widget_add_css_class (discard, "destructive-action");
  gtk_box_append (GTK_BOX (buttons), edit);
  gtk_box_append (GTK_BOX (buttons), discard);
  gtk_box_append (GTK_BOX (buttons), send_again);

  gtk_box_append (GTK_BOX (box), summary);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  ChqOutboxEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *summary = gtk_widget_get_first_child (box);
  GtkWidget *reason = gtk_widget_get_next_sibling (summary);
  GtkWidget *buttons = gtk_widget_get_next_sibling (reason);
  GtkWidget *edit = gtk_widget_get_first_child (buttons);
  GtkWidget *discard = gtk_widget_get_next_sibling (edit);
  GtkWidget *send_again = gtk_widget_get_next_sibling (discard);
  const char *message = chq_outbox_entry_get_error_message (entry);
  g_autofree char *label = NULL;
  g_autofree char *discard_label = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *send_again_label = NULL;
  GVariant *target;

  if (message == NULL || message[0] == '\0')
    message = _("The voucher service refused this change.");

  gtk_label_set_label (GTK_LABEL (summary), chq_outbox_entry_get_summary (entry));
  gtk_label_set_label (GTK_LABEL (reason), message);

  target = g_variant_new_int64 (chq_outbox_entry_get_id (entry));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (discard), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (edit), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (send_again), target);
  /* Only a change that waited past the service's memory of it can go again as it is: the
   * user checked it is not there. A change the service refused must be edited. */
  gtk_widget_set_visible (send_again, g_strcmp0 (chq_outbox_entry_get_error_code (entry),
                                                 CHQ_OUTBOX_CODE_EXPIRED) == 0);

  /* Translators: the accessible name of a refused change: what it was, then why */
  label = g_strdup_printf (_("%s: refused. %s"), chq_outbox_entry_get_summary (entry), message);
  /* Translators: %s says what the change was */
  discard_label = g_strdup_printf (_("Discard “%s”"), chq_outbox_entry_get_summary (entry));
  /* Translators: %s says what the change was */
  edit_label = g_strdup_printf (_("Edit “%s”"), chq_outbox_entry_get_summary (entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (discard),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, discard_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, edit_label, -1);
  /* Translators: %s says what the change was */
  send_again_label = g_strdup_printf (_("Send “%s” again"), chq_outbox_entry_get_summary (entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (send_again),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, send_again_label, -1);
}

static ChqOutboxEntry *
find_failed (ChqOutboxView *self,
             gint64         id)
{
  GListModel *model = G_LIST_MODEL (self->failed);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChqOutboxEntry) entry = g_list_model_get_item (model, i);

      if (chq_outbox_entry_get_id (entry) == id)
        return g_steal_pointer (&entry);
    }

  return NULL;
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  chq_outbox_view_discard (CHQ_OUTBOX_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
send_again_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  chq_outbox_view_send_again (CHQ_OUTBOX_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqOutboxView *self = CHQ_OUTBOX_VIEW (widget);
  g_autoptr(ChqOutboxEntry) entry = find_failed (self, g_variant_get_int64 (parameter));
  GtkWidget *popover;

  if (entry == NULL)
    return;

  /* The entry stays listed until it is discarded: the page is where the change is made
   * again, with what the service said in view. */
  popover = gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_activate_action (widget, "win.show-page", "s",
                              chq_app_page_for_outbox_kind (chq_outbox_entry_get_kind (entry)));
}

static void
chq_outbox_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChqOutboxView *self = CHQ_OUTBOX_VIEW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_N_FAILED:
      g_value_set_uint (value, chq_outbox_view_get_n_failed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_outbox_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChqOutboxView *self = CHQ_OUTBOX_VIEW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_outbox_view_set_backend (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_outbox_view_dispose (GObject *object)
{
  ChqOutboxView *self = CHQ_OUTBOX_VIEW (object);

  if (self->failed != NULL)
    g_signal_handlers_disconnect_by_data (self->failed, self);
  g_clear_object (&self->failed);
  g_clear_object (&self->backend);
  /* The bin lets go of its child first, so that it never holds a disposed widget. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHQ_TYPE_OUTBOX_VIEW);

  G_OBJECT_CLASS (chq_outbox_view_parent_class)->dispose (object);
}

static void
chq_outbox_view_class_init (ChqOutboxViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = chq_outbox_view_get_property;
  object_class->set_property = chq_outbox_view_set_property;
  object_class->dispose = chq_outbox_view_dispose;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FAILED] =
    g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-outbox-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqOutboxView, list_view);

  gtk_widget_class_install_action (widget_class, "outbox.discard", "x", discard_action);
  gtk_widget_class_install_action (widget_class, "outbox.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "outbox.send-again", "x", send_again_action);
}

static void
chq_outbox_view_init (ChqOutboxView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  self->failed = gtk_filter_list_model_new (NULL,
                                            GTK_FILTER (gtk_custom_filter_new (entry_failed, NULL, NULL)));
  g_signal_connect (self->failed, "items-changed", G_CALLBACK (on_items_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->failed)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);
}

/**
 * chq_outbox_view_new:
 *
 * Creates the list of the changes the service refused, empty until it has a backend.
 *
 * Returns: (transfer floating): a new #ChqOutboxView
 */
GtkWidget *
chq_outbox_view_new (void)
{
  return g_object_new (CHQ_TYPE_OUTBOX_VIEW, NULL);
}

/**
 * chq_outbox_view_get_backend:
 * @self: a #ChqOutboxView
 *
 * Returns: (transfer none) (nullable): the account whose refused changes are listed
 */
ChqBackend *
chq_outbox_view_get_backend (ChqOutboxView *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_VIEW (self), NULL);

  return self->backend;
}

/**
 * chq_outbox_view_set_backend:
 * @self: a #ChqOutboxView
 * @backend: (nullable): the account whose refused changes to list, %NULL for none
 *
 * Lists @backend's refused changes, following its outbox.
 */
void
chq_outbox_view_set_backend (ChqOutboxView *self,
                             ChqBackend    *backend)
{
  GListModel *model = NULL;

  g_return_if_fail (CHQ_IS_OUTBOX_VIEW (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (!g_set_object (&self->backend, backend))
    return;

  if (backend != NULL)
    model = chq_outbox_get_model (chq_backend_get_outbox (backend),
                                  chq_backend_get_account_key (backend));
  gtk_filter_list_model_set_model (self->failed, model);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
}

/**
 * chq_outbox_view_get_model:
 * @self: a #ChqOutboxView
 *
 * Returns: (transfer none): the refused changes listed, a #GListModel of #ChqOutboxEntry
 */
GListModel *
chq_outbox_view_get_model (ChqOutboxView *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_VIEW (self), NULL);

  return G_LIST_MODEL (self->failed);
}

/**
 * chq_outbox_view_get_n_failed:
 * @self: a #ChqOutboxView
 *
 * Returns: how many refused changes are listed
 */
guint
chq_outbox_view_get_n_failed (ChqOutboxView *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->failed));
}

/**
 * chq_outbox_view_discard:
 * @self: a #ChqOutboxView
 * @entry_id: a refused change listed
 *
 * Forgets a refused change (the service never applied it), and says so in a toast.
 *
 * Returns: whether it was discarded
 */
gboolean
chq_outbox_view_discard (ChqOutboxView *self,
                         gint64         entry_id)
{
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CHQ_IS_OUTBOX_VIEW (self), FALSE);

  entry = find_failed (self, entry_id);
  if (entry == NULL || self->backend == NULL)
    return FALSE;

  if (!chq_outbox_discard (chq_backend_get_outbox (self->backend), entry_id, &error))
    {
      g_warning ("Could not discard outbox entry %" G_GINT64_FORMAT ": %s",
                 entry_id, error->message);
      chq_toast_show (GTK_WIDGET (self),
                      _("The change could not be discarded. Check that the disk is not full, then try again."));
      return FALSE;
    }

  chq_toast_show (GTK_WIDGET (self), _("Change discarded"));
  return TRUE;
}

typedef struct {
  ChqOutbox *outbox;  /* owned */
  gint64     id;
} SendAgain;

static void
send_again_free (SendAgain *data)
{
  g_clear_object (&data->outbox);
  g_free (data);
}

static void
send_again_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SendAgain *data = task_data;
  GError *error = NULL;

  if (chq_outbox_resend (data->outbox, data->id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_sent_again_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChqOutboxView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Could not queue an outbox entry again: %s", error->message);
      chq_toast_show (GTK_WIDGET (self),
                      _("The change could not be queued again. Check that the disk is not full, then try again."));
      return;
    }

  chq_toast_show (GTK_WIDGET (self), _("The change will be sent again"));
  if (self->backend != NULL && chq_backend_get_sync (self->backend) != NULL)
    chq_sync_request (chq_backend_get_sync (self->backend));
}

/**
 * chq_outbox_view_send_again:
 * @self: a #ChqOutboxView
 * @entry_id: a change listed because it waited longer than the service remembers
 *   changes (%CHQ_OUTBOX_CODE_EXPIRED)
 *
 * Queues the change again under a new request key, off the main thread, then asks for a
 * sync; a toast says when it is queued. The user has checked that the service does not
 * have it.
 *
 * Returns: whether the change was found and is being queued
 */
gboolean
chq_outbox_view_send_again (ChqOutboxView *self,
                            gint64         entry_id)
{
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autoptr(GTask) task = NULL;
  SendAgain *data;

  g_return_val_if_fail (CHQ_IS_OUTBOX_VIEW (self), FALSE);

  entry = find_failed (self, entry_id);
  if (entry == NULL || self->backend == NULL ||
      g_strcmp0 (chq_outbox_entry_get_error_code (entry), CHQ_OUTBOX_CODE_EXPIRED) != 0)
    return FALSE;

  data = g_new0 (SendAgain, 1);
  data->outbox = g_object_ref (chq_backend_get_outbox (self->backend));
  data->id = entry_id;

  task = g_task_new (self, NULL, on_sent_again_cb, g_object_ref (self));
  g_task_set_source_tag (task, chq_outbox_view_send_again);
  g_task_set_task_data (task, data, (GDestroyNotify) send_again_free);
  g_task_run_in_thread (task, send_again_thread);

  return TRUE;
}
