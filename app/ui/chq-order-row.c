/* chq-order-row.c: one order in the Vouchers page's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-order-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-json.h"
#include "chq-money.h"
#include "chq-order-row.h"
#include "chq-outbox-entry.h"
#include "chq-rules.h"

struct _ChqOrderRow
{
  AdwBin         parent_instance;

  ChqOrderState  state;
  char          *title;        /* owned */
  char          *status_text;  /* owned */

  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkLabel      *status_label;
  GtkWidget     *cancel_button;
  GtkWidget     *discard_button;
  GtkWidget     *chevron;
  char          *spoken;       /* owned: the row as a screen reader says it */
  char          *order_id;     /* owned: the service's id, NULL while waiting to be sent */
  gboolean       opens_payment;
};

G_DEFINE_FINAL_TYPE (ChqOrderRow, chq_order_row, ADW_TYPE_BIN)

static const char *state_classes[] = { "accent", "error", "warning", "warning", "success", "dim-label" };

static void
chq_order_row_finalize (GObject *object)
{
  ChqOrderRow *self = CHQ_ORDER_ROW (object);

  g_free (self->title);
  g_free (self->status_text);
  g_free (self->spoken);
  g_free (self->order_id);

  G_OBJECT_CLASS (chq_order_row_parent_class)->finalize (object);
}

static void
chq_order_row_class_init (ChqOrderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chq_order_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-order-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqOrderRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderRow, discard_button);
  gtk_widget_class_bind_template_child (widget_class, ChqOrderRow, chevron);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_order_row_init (ChqOrderRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
  chq_a11y_wrap_labels (self->cancel_button);
  chq_a11y_wrap_labels (self->discard_button);
  self->title = g_strdup ("");
  self->spoken = g_strdup ("");
  self->status_text = g_strdup ("");
}

/**
 * chq_order_row_new:
 *
 * Returns: (transfer floating): an empty order row, for a list item factory
 */
GtkWidget *
chq_order_row_new (void)
{
  return g_object_new (CHQ_TYPE_ORDER_ROW, NULL);
}

static char *
describe_quantity (ChqVoucherType type,
                   guint          quantity)
{
  /* Translators: "20 × Standard vouchers": a number and the voucher type's name */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u × %s voucher", "%u × %s vouchers",
                                       quantity),
                          quantity, chq_voucher_type_get_label (type));
}

/**
 * chq_order_row_set_item:
 * @self: a #ChqOrderRow
 * @item: (nullable): a #ChqOrder or a #ChqOutboxEntry of kind create_order
 * @cancel_waiting: whether a cancellation of the order waits in the outbox
 *
 * Shows one order of the history: what, when, how much and its status, with a button to
 * cancel it while it awaits payment, or to discard it once refused.
 */
void
chq_order_row_set_item (ChqOrderRow *self,
                        GObject     *item,
                        gboolean     cancel_waiting)
{
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
  guint quantity = 0;
  gint64 amount = 0;
  g_autofree char *date = NULL;
  g_autofree char *money = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *spoken = NULL;
  const char *reason = NULL;

  g_return_if_fail (CHQ_IS_ORDER_ROW (self));

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), state_classes[i]);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->discard_button, FALSE);
  self->opens_payment = FALSE;
  g_clear_pointer (&self->order_id, g_free);

  if (CHQ_IS_ORDER (item))
    {
      ChqOrder *order = CHQ_ORDER (item);

      self->order_id = g_strdup (chq_order_get_id (order));
      self->opens_payment = chq_order_get_status (order) != CHQ_ORDER_STATUS_CANCELLED;
      type = chq_order_get_voucher_type (order);
      quantity = chq_order_get_quantity (order);
      amount = chq_order_get_amount_cents (order);
      date = chq_vouchers_format_date_time (chq_order_get_created_at (order));
      self->state = chq_vouchers_order_state (chq_order_get_status (order), cancel_waiting);
      if (chq_vouchers_order_state_can_cancel (self->state))
        {
          gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cancel_button), "s",
                                            chq_order_get_id (order));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button),
                                          "vouchers.cancel-order");
          gtk_widget_set_visible (self->cancel_button, TRUE);
        }
    }
  else if (CHQ_IS_OUTBOX_ENTRY (item))
    {
      ChqOutboxEntry *entry = CHQ_OUTBOX_ENTRY (item);
      ChqOrderSplit split;

      type = chq_outbox_entry_get_voucher_type (entry);
      quantity = chq_outbox_entry_get_quantity (entry);
      chq_rules_order_split (quantity, &split);
      amount = split.company_cents;
      date = chq_vouchers_format_date_time (chq_outbox_entry_get_created_at (entry));
      if (chq_outbox_entry_get_state (entry) == CHQ_OUTBOX_STATE_FAILED)
        {
          self->state = CHQ_ORDER_STATE_REFUSED;
          reason = chq_outbox_entry_get_error_message (entry);
          gtk_actionable_set_action_target (GTK_ACTIONABLE (self->discard_button), "x",
                                            chq_outbox_entry_get_id (entry));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->discard_button),
                                          "vouchers.discard-order");
          gtk_widget_set_visible (self->discard_button, TRUE);
        }
      else
        self->state = CHQ_ORDER_STATE_WAITING;
    }
  else
    {
      self->state = CHQ_ORDER_STATE_WAITING;
      g_free (self->title);
      self->title = g_strdup ("");
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->subtitle_label, "");
      gtk_label_set_label (self->status_label, "");
      return;
    }

  g_free (self->title);
  self->title = describe_quantity (type, quantity);
  g_free (self->status_text);
  self->status_text = chq_vouchers_order_state_text (self->state, reason);
  money = chq_money_format (amount);
  if (self->order_id != NULL)
    /* Translators: "28/11/2026 · 300,00 € · order ord-0012": the order's date, amount and
     * the service's reference, to tell which bank transfer pays which order */
    subtitle = g_strdup_printf (_("%s · %s · order %s"), date, money, self->order_id);
  else
    /* Translators: "28/11/2026 · 300,00 €": the order's date and amount */
    subtitle = g_strdup_printf (_("%s · %s"), date, money);
  gtk_widget_set_visible (self->chevron, self->opens_payment);

  gtk_label_set_label (self->title_label, self->title);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->status_label, self->status_text);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), state_classes[self->state]);

  /* Translators: one order as a screen reader says it: what, date and amount, status */
  spoken = g_strdup_printf (_("%s, %s, %s"), self->title, subtitle, self->status_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  g_free (self->spoken);
  self->spoken = g_steal_pointer (&spoken);
  {
    /* Translators: the accessible name of the cancel button of one order */
    g_autofree char *cancel_name = g_strdup_printf (_("Cancel the order of %s"), self->title);
    g_autofree char *discard_name = g_strdup_printf (_("Discard the refused order of %s"), self->title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, cancel_name, -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->discard_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, discard_name, -1);
  }
}

/**
 * chq_order_row_get_state:
 * @self: a #ChqOrderRow
 *
 * Returns: the state of the order shown
 */
ChqOrderState
chq_order_row_get_state (ChqOrderRow *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_ROW (self), CHQ_ORDER_STATE_WAITING);
  return self->state;
}

/**
 * chq_order_row_get_status_text:
 * @self: a #ChqOrderRow
 *
 * Returns: the status as the row says it
 */
const char *
chq_order_row_get_status_text (ChqOrderRow *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_ROW (self), NULL);
  return self->status_text;
}

/**
 * chq_order_row_get_title:
 * @self: a #ChqOrderRow
 *
 * Returns: the row's title, the quantity and type ordered
 */
const char *
chq_order_row_get_title (ChqOrderRow *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_ROW (self), NULL);
  return self->title;
}

/**
 * chq_order_row_get_accessible_label:
 * @self: a #ChqOrderRow
 *
 * Returns: the order as a screen reader says it: what, date, amount and reference, status
 */
const char *
chq_order_row_get_accessible_label (ChqOrderRow *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_ROW (self), NULL);
  return self->spoken;
}

/**
 * chq_order_row_get_opens_payment:
 * @self: a #ChqOrderRow
 *
 * Returns: whether activating the row opens the order's payment instructions
 */
gboolean
chq_order_row_get_opens_payment (ChqOrderRow *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER_ROW (self), FALSE);
  return self->opens_payment;
}
