/* chq-order-dialog.c: "Order Vouchers": type, quantity within the ceiling, live cost split
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-order-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-hours-report.h"
#include "chq-money.h"
#include "chq-order-dialog.h"
#include "chq-vouchers-logic.h"

#define N_BREAKDOWN_LINES 4

struct _ChqOrderDialog
{
  AdwWindow       parent_instance;

  ChqBackend     *backend;                         /* owned */
  ChqAccount     *account;                         /* owned */
  guint           waiting[CHQ_N_VOUCHER_TYPES];
  ChqVoucherType  offered[CHQ_N_VOUCHER_TYPES];    /* combo position -> type */
  guint           n_offered;
  guint           max;
  gboolean        can_order;
  gboolean        committing;                      /* hidden while the order goes to disk */
  char           *message;                         /* owned */
  char           *breakdown[N_BREAKDOWN_LINES];    /* owned */

  AdwComboRow    *type_row;
  AdwActionRow   *quantity_row;
  GtkSpinButton  *quantity_spin;
  GtkAdjustment  *quantity_adjustment;
  GtkLabel       *message_label;
  GtkLabel       *value_label;
  GtkLabel       *company_label;
  GtkLabel       *region_label;
  GtkLabel       *hours_label;
  GtkWidget      *order_button;
};

G_DEFINE_FINAL_TYPE (ChqOrderDialog, chq_order_dialog, ADW_TYPE_WINDOW)

enum {
  ORDERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_breakdown (ChqOrderDialog *self)
{
  ChqVoucherType type = chq_order_dialog_get_voucher_type (self);
  guint quantity = chq_order_dialog_get_quantity (self);
  guint ceiling = chq_account_get_ceiling (self->account, type);
  guint ordered = chq_account_get_ordered_this_year (self->account, type);
  ChqOrderSplit split;
  g_autofree char *message = NULL;
  GtkLabel *labels[N_BREAKDOWN_LINES] = {
    self->value_label, self->company_label, self->region_label, self->hours_label
  };

  self->can_order = self->n_offered > 0 &&
                    chq_vouchers_check_quantity (ceiling, ordered, self->waiting[type], quantity,
                                                 &message);
  if (self->n_offered == 0)
    message = g_strdup (_("This account cannot order vouchers this year."));

  chq_rules_order_split (self->can_order ? quantity : 0, &split);
  for (guint i = 0; i < N_BREAKDOWN_LINES; i++)
    g_free (self->breakdown[i]);
  self->breakdown[0] = chq_money_format (split.value_cents);
  self->breakdown[1] = chq_money_format (split.company_cents);
  self->breakdown[2] = chq_money_format (split.region_cents);
  self->breakdown[3] = chq_hours_format_count (split.training_hours);
  for (guint i = 0; i < N_BREAKDOWN_LINES; i++)
    gtk_label_set_label (labels[i], self->breakdown[i]);

  g_free (self->message);
  self->message = g_strdup (message != NULL ? message : "");
  gtk_label_set_label (self->message_label, self->message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (self->can_order)
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "order.confirm", self->can_order);

  /* What the ceiling leaves, always, not only once it is exceeded. */
  {
    g_autofree char *left = chq_vouchers_ceiling_left_text (ceiling, ordered, self->waiting[type]);

    adw_action_row_set_subtitle (self->quantity_row, left);
  }
}

/* A new type: a new bound for the spin button, keeping the quantity where it still fits. */
static void
update_bound (ChqOrderDialog *self)
{
  ChqVoucherType type = chq_order_dialog_get_voucher_type (self);

  self->max = self->n_offered > 0
              ? chq_vouchers_order_max (chq_account_get_ceiling (self->account, type),
                                        chq_account_get_ordered_this_year (self->account, type),
                                        self->waiting[type])
              : 0;

  gtk_adjustment_configure (self->quantity_adjustment,
                            MIN (MAX (gtk_adjustment_get_value (self->quantity_adjustment), 1),
                                 MAX (self->max, 1)),
                            self->max > 0 ? 1 : 0, self->max, 1, 10, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->quantity_spin), self->max > 0);
  update_breakdown (self);
}

static void
on_type_selected_cb (ChqOrderDialog *self)
{
  update_bound (self);
}

static void
on_quantity_changed_cb (ChqOrderDialog *self)
{
  update_breakdown (self);
}

static void
on_quantity_activate_cb (ChqOrderDialog *self)
{
  gtk_spin_button_update (self->quantity_spin);
  if (self->can_order)
    gtk_widget_activate_action (GTK_WIDGET (self), "order.confirm", NULL);
}

static void
on_order_kept_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChqOrderDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 entry_id;

  entry_id = chq_backend_intent_finish (CHQ_BACKEND (source), result, &error);
  self->committing = FALSE;
  if (self->backend == NULL)
    return;

  if (entry_id <= 0)
    {
      g_autofree char *text = g_strdup_printf (_("The order could not be kept on this computer: %s"),
                                               error->message);

      /* Nothing is lost: the dialog comes back as it was, saying why. */
      gtk_label_set_label (self->message_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  g_signal_emit (self, signals[ORDERED], 0, entry_id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChqOrderDialog *self = CHQ_ORDER_DIALOG (widget);

  gtk_spin_button_update (self->quantity_spin);
  update_breakdown (self);
  if (!self->can_order || self->committing)
    return;

  /* The outbox shows the order waiting at once; the dialog goes while the disk works. */
  self->committing = TRUE;
  /* As in close_request: GTK 4.8 trips over a hidden window's focused text later. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_visible (widget, FALSE);
  chq_backend_order_vouchers_async (self->backend, chq_order_dialog_get_voucher_type (self),
                                    chq_order_dialog_get_quantity (self), NULL,
                                    on_order_kept_cb, g_object_ref (self));
}

static gboolean
chq_order_dialog_close_request (GtkWindow *window)
{
  /* GTK 4.8 warns when a window goes with its spin button's text still focused. */
  gtk_window_set_focus (window, NULL);

  if (GTK_WINDOW_CLASS (chq_order_dialog_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (chq_order_dialog_parent_class)->close_request (window);

  return FALSE;
}

static void
chq_order_dialog_dispose (GObject *object)
{
  ChqOrderDialog *self = CHQ_ORDER_DIALOG (object);

  g_clear_object (&self->backend);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (chq_order_dialog_parent_class)->dispose (object);
}

static void
chq_order_dialog_finalize (GObject *object)
{
  ChqOrderDialog *self = CHQ_ORDER_DIALOG (object);

  g_free (self->message);
  for (guint i = 0; i < N_BREAKDOWN_LINES; i++)
    g_free (self->breakdown[i]);

  G_OBJECT_CLASS (chq_order_dialog_parent_class)->finalize (object);
}

static void
chq_order_dialog_class_init (ChqOrderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = chq_order_dialog_dispose;
  window_class->close_request = chq_order_dialog_close_request;
  object_class->finalize = chq_order_dialog_finalize;

  /**
   * ChqOrderDialog::ordered:
   * @entry_id: the outbox entry of the order
   *
   * The order is queued (committed to the outbox: the dialog hid when it was asked
   * for, and closes next).
   */
  signals[ORDERED] = g_signal_new ("ordered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-order-dialog.ui");
  /* Ctrl+Enter orders from any field, as in other GNOME dialogs. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "order.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "order.confirm", NULL);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, quantity_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, value_label);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, company_label);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, region_label);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, hours_label);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderDialog, order_button);

  gtk_widget_class_install_action (widget_class, "order.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chq_order_dialog_init (ChqOrderDialog *self)
{
  chq_a11y_set_dialog_role (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
}

/**
 * chq_order_dialog_new:
 * @backend: the account's backend, where the order is queued
 * @account: the account as last synced (its ceilings and what it ordered this year)
 * @waiting: (array fixed-size=3): per voucher type, vouchers in orders not sent yet
 *
 * Returns: (transfer full): a new dialog, to be made transient for the main window and
 *   presented
 */
ChqOrderDialog *
chq_order_dialog_new (ChqBackend  *backend,
                      ChqAccount  *account,
                      const guint *waiting)
{
  ChqOrderDialog *self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_return_val_if_fail (CHQ_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (CHQ_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (waiting != NULL, NULL);

  self = g_object_new (CHQ_TYPE_ORDER_DIALOG, NULL);
  self->backend = g_object_ref (backend);
  self->account = g_object_ref (account);
  memcpy (self->waiting, waiting, sizeof self->waiting);

  for (ChqVoucherType type = 0; type < CHQ_N_VOUCHER_TYPES; type++)
    if (chq_account_get_ceiling (account, type) > 0)
      {
        self->offered[self->n_offered++] = type;
        gtk_string_list_append (labels, chq_voucher_type_get_label (type));
      }

  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (labels));
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_row), self->n_offered > 1);

  g_signal_connect_swapped (self->type_row, "notify::selected",
                            G_CALLBACK (on_type_selected_cb), self);
  g_signal_connect_swapped (self->quantity_spin, "value-changed",
                            G_CALLBACK (on_quantity_changed_cb), self);
  /* GTK 4.8's spin button has no "activate" of its own: Enter reaches its text. */
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (self->quantity_spin)),
                            "activate", G_CALLBACK (on_quantity_activate_cb), self);

  update_bound (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->quantity_spin));

  return self;
}

/**
 * chq_order_dialog_set_voucher_type:
 * @self: a #ChqOrderDialog
 * @type: a voucher type
 *
 * Returns: %FALSE if the account may not order @type (the choice is left as it is)
 */
gboolean
chq_order_dialog_set_voucher_type (ChqOrderDialog *self,
                                   ChqVoucherType  type)
{
  g_return_val_if_fail (CHQ_IS_ORDER_DIALOG (self), FALSE);

  for (guint i = 0; i < self->n_offered; i++)
    if (self->offered[i] == type)
      {
        adw_combo_row_set_selected (self->type_row, i);
        return TRUE;
      }

  return FALSE;
}

/**
 * chq_order_dialog_get_voucher_type:
 * @self: a #ChqOrderDialog
 *
 * Returns: the voucher type chosen
 */
ChqVoucherType
chq_order_dialog_get_voucher_type (ChqOrderDialog *self)
{
  guint selected;

  g_return_val_if_fail (CHQ_IS_ORDER_DIALOG (self), CHQ_VOUCHER_TYPE_CF);

  selected = adw_combo_row_get_selected (self->type_row);
  if (selected >= self->n_offered)
    return self->n_offered > 0 ? self->offered[0] : CHQ_VOUCHER_TYPE_CF;

  return self->offered[selected];
}

/**
 * chq_order_dialog_set_quantity:
 * @self: a #ChqOrderDialog
 * @quantity: how many vouchers
 *
 * Sets the quantity as if typed: the spin button keeps it within 1 and the bound.
 */
void
chq_order_dialog_set_quantity (ChqOrderDialog *self,
                               guint           quantity)
{
  g_return_if_fail (CHQ_IS_ORDER_DIALOG (self));

  gtk_spin_button_set_value (self->quantity_spin, quantity);
}

/**
 * chq_order_dialog_get_quantity:
 * @self: a #ChqOrderDialog
 *
 * Returns: the quantity in the spin button
 */
guint
chq_order_dialog_get_quantity (ChqOrderDialog *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_DIALOG (self), 0);

  return (guint) gtk_spin_button_get_value_as_int (self->quantity_spin);
}

/**
 * chq_order_dialog_get_max:
 * @self: a #ChqOrderDialog
 *
 * Returns: the spin button's bound for the type chosen: what this year's ceiling leaves
 *   after the orders made and those waiting to be sent
 */
guint
chq_order_dialog_get_max (ChqOrderDialog *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_DIALOG (self), 0);
  return self->max;
}

/**
 * chq_order_dialog_get_split:
 * @self: a #ChqOrderDialog
 * @out: (out caller-allocates): the breakdown shown (all 0 while the order cannot be placed)
 */
void
chq_order_dialog_get_split (ChqOrderDialog *self,
                            ChqOrderSplit  *out)
{
  g_return_if_fail (CHQ_IS_ORDER_DIALOG (self));

  chq_rules_order_split (self->can_order ? chq_order_dialog_get_quantity (self) : 0, out);
}

/**
 * chq_order_dialog_get_breakdown_text:
 * @self: a #ChqOrderDialog
 * @line: 0 value of the vouchers, 1 what the company pays, 2 what the Region adds,
 *   3 the training hours
 *
 * Returns: the text shown on that line
 */
const char *
chq_order_dialog_get_breakdown_text (ChqOrderDialog *self,
                                     guint           line)
{
  g_return_val_if_fail (CHQ_IS_ORDER_DIALOG (self), NULL);
  g_return_val_if_fail (line < N_BREAKDOWN_LINES, NULL);

  return self->breakdown[line];
}

/**
 * chq_order_dialog_get_message:
 * @self: a #ChqOrderDialog
 *
 * Returns: the sentence under the quantity: why the order cannot be placed, or that it
 *   takes all the ceiling leaves; empty otherwise
 */
const char *
chq_order_dialog_get_message (ChqOrderDialog *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_DIALOG (self), NULL);
  return self->message;
}

/**
 * chq_order_dialog_get_can_order:
 * @self: a #ChqOrderDialog
 *
 * Returns: whether "Order" is enabled
 */
gboolean
chq_order_dialog_get_can_order (ChqOrderDialog *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_DIALOG (self), FALSE);
  return self->can_order;
}
