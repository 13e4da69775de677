/* chq-payment-dialog.c: the payment instructions of an order, each with a copy button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-payment-dialog"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-ident.h"
#include "chq-money.h"
#include "chq-payment-dialog.h"
#include "chq-vouchers-logic.h"

struct _ChqPaymentDialog
{
  AdwWindow        parent_instance;

  ChqBackend      *backend;                          /* owned */
  ChqOrder        *order;                            /* owned */
  GCancellable    *cancellable;                      /* owned: the simulated payment */
  char            *text[CHQ_N_PAYMENT_FIELDS];       /* owned: as shown */
  char            *copy_text[CHQ_N_PAYMENT_FIELDS];  /* owned: as copied */
  char            *status;                           /* owned */
  gboolean         paying;

  AdwToastOverlay *toast_overlay;
  GtkLabel        *intro_label;
  AdwActionRow    *amount_row;
  AdwActionRow    *iban_row;
  AdwActionRow    *beneficiary_row;
  AdwActionRow    *communication_row;
  AdwActionRow    *status_row;
  GtkWidget       *simulate_button;
};

G_DEFINE_FINAL_TYPE (ChqPaymentDialog, chq_payment_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *field_words[] = { "amount", "iban", "beneficiary", "communication" };

static void
show_toast (ChqPaymentDialog *self,
            const char       *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The amount as a bank's form takes it: digits and the locale's decimal mark, no symbol. */
static char *
amount_for_clipboard (gint64 cents)
{
  g_autofree char *plain = chq_money_format_plain (cents);
  const char *mark = localeconv ()->decimal_point;

  if (mark != NULL && g_str_equal (mark, ","))
    g_strdelimit (plain, ".", ',');

  return g_steal_pointer (&plain);
}

static void
update_status (ChqPaymentDialog *self)
{
  ChqOrderState state = chq_vouchers_order_state (chq_order_get_status (self->order), FALSE);
  gboolean awaiting = chq_order_get_status (self->order) == CHQ_ORDER_STATUS_AWAITING_PAYMENT;

  g_free (self->status);
  self->status = chq_vouchers_order_state_text (state, NULL);
  adw_action_row_set_subtitle (self->status_row, self->status);

  gtk_widget_set_visible (self->simulate_button,
                          awaiting && chq_backend_is_demo (self->backend));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.simulate",
                                 chq_payment_dialog_can_simulate (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqPaymentDialog *self = CHQ_PAYMENT_DIALOG (widget);
  const char *word = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < CHQ_N_PAYMENT_FIELDS; i++)
    if (g_str_equal (word, field_words[i]))
      {
        gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->copy_text[i]);
        show_toast (self, _("Copied"));
        return;
      }

  g_warning ("No payment field called “%s”", word);
}

static void
on_paid_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ChqPaymentDialog) self = user_data;
  g_autoptr(ChqOrder) order = NULL;
  g_autoptr(GError) error = NULL;

  order = chq_backend_simulate_payment_finish (CHQ_BACKEND (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->paying = FALSE;
  if (order == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The payment could not be simulated: %s"),
                                               error->message);
      show_toast (self, text);
      update_status (self);
      return;
    }

  g_set_object (&self->order, order);
  update_status (self);
  show_toast (self, _("Payment received: the vouchers are credited"));
  chq_sync_request (chq_backend_get_sync (self->backend));
}

static void
simulate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChqPaymentDialog *self = CHQ_PAYMENT_DIALOG (widget);

  if (!chq_payment_dialog_can_simulate (self))
    return;

  self->paying = TRUE;
  gtk_widget_action_set_enabled (widget, "payment.simulate", FALSE);
  chq_backend_simulate_payment_async (self->backend, chq_order_get_id (self->order),
                                      self->cancellable, on_paid_cb, g_object_ref (self));
}

static void
chq_payment_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChqPaymentDialog *self = CHQ_PAYMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_payment_dialog_dispose (GObject *object)
{
  ChqPaymentDialog *self = CHQ_PAYMENT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->backend);
  g_clear_object (&self->order);

  G_OBJECT_CLASS (chq_payment_dialog_parent_class)->dispose (object);
}

static void
chq_payment_dialog_finalize (GObject *object)
{
  ChqPaymentDialog *self = CHQ_PAYMENT_DIALOG (object);

  for (guint i = 0; i < CHQ_N_PAYMENT_FIELDS; i++)
    {
      g_free (self->text[i]);
      g_free (self->copy_text[i]);
    }
  g_free (self->status);

  G_OBJECT_CLASS (chq_payment_dialog_parent_class)->finalize (object);
}

static void
chq_payment_dialog_class_init (ChqPaymentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = chq_payment_dialog_get_property;
  object_class->dispose = chq_payment_dialog_dispose;
  object_class->finalize = chq_payment_dialog_finalize;

  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-payment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqPaymentDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChqPaymentDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ChqPaymentDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPaymentDialog, iban_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPaymentDialog, beneficiary_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPaymentDialog, communication_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPaymentDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPaymentDialog, simulate_button);

  gtk_widget_class_install_action (widget_class, "payment.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "payment.simulate", NULL, simulate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chq_payment_dialog_init (ChqPaymentDialog *self)
{
  chq_a11y_set_dialog_role (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
  /* "Copied" must not hold the dialog open for one Escape. */
  chq_a11y_escape_past_toasts (self->toast_overlay, "window.close");
  self->cancellable = g_cancellable_new ();
}

/**
 * chq_payment_dialog_new:
 * @backend: the account's backend (its client simulates payments in demo mode)
 * @order: an order the service accepted
 *
 * Shows how to pay @order: the amount, the account of the voucher type grouped by four, the
 * beneficiary and the structured communication, each with a copy button; and, with the
 * demo data, a button that simulates the payment.
 *
 * Returns: (transfer full): a new dialog, to be made transient for the main window and
 *   presented
 */
ChqPaymentDialog *
chq_payment_dialog_new (ChqBackend *backend,
                        ChqOrder   *order)
{
  ChqPaymentDialog *self;
  gint64 amount;
  const char *iban;
  const char *communication;
  const char *beneficiary;
  g_autofree char *intro = NULL;
  g_autofree char *date = NULL;
  AdwActionRow *rows[CHQ_N_PAYMENT_FIELDS];

  g_return_val_if_fail (CHQ_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (CHQ_IS_ORDER (order), NULL);

  self = g_object_new (CHQ_TYPE_PAYMENT_DIALOG, NULL);
  self->backend = g_object_ref (backend);
  self->order = g_object_ref (order);

  amount = chq_order_get_payment_amount_cents (order);
  if (amount <= 0)
    amount = chq_order_get_amount_cents (order);
  iban = chq_order_get_payment_iban (order);
  communication = chq_order_get_payment_communication (order);
  beneficiary = chq_order_get_payment_beneficiary (order);

  self->text[CHQ_PAYMENT_FIELD_AMOUNT] = chq_money_format (amount);
  self->copy_text[CHQ_PAYMENT_FIELD_AMOUNT] = amount_for_clipboard (amount);

  /* What the service sent is shown as it is if it does not check out, never hidden. */
  self->text[CHQ_PAYMENT_FIELD_IBAN] = chq_iban_format (iban);
  if (self->text[CHQ_PAYMENT_FIELD_IBAN] == NULL)
    self->text[CHQ_PAYMENT_FIELD_IBAN] = g_strdup (iban != NULL ? iban : "");
  self->copy_text[CHQ_PAYMENT_FIELD_IBAN] = chq_iban_normalize (iban, NULL);
  if (self->copy_text[CHQ_PAYMENT_FIELD_IBAN] == NULL)
    self->copy_text[CHQ_PAYMENT_FIELD_IBAN] = g_strdup (self->text[CHQ_PAYMENT_FIELD_IBAN]);

  self->text[CHQ_PAYMENT_FIELD_BENEFICIARY] = g_strdup (beneficiary != NULL ? beneficiary : "");
  self->copy_text[CHQ_PAYMENT_FIELD_BENEFICIARY] = g_strdup (self->text[CHQ_PAYMENT_FIELD_BENEFICIARY]);

  self->text[CHQ_PAYMENT_FIELD_COMMUNICATION] = chq_structured_communication_format (communication);
  if (self->text[CHQ_PAYMENT_FIELD_COMMUNICATION] == NULL)
    self->text[CHQ_PAYMENT_FIELD_COMMUNICATION] = g_strdup (communication != NULL ? communication : "");
  self->copy_text[CHQ_PAYMENT_FIELD_COMMUNICATION] = g_strdup (self->text[CHQ_PAYMENT_FIELD_COMMUNICATION]);

  rows[CHQ_PAYMENT_FIELD_AMOUNT] = self->amount_row;
  rows[CHQ_PAYMENT_FIELD_IBAN] = self->iban_row;
  rows[CHQ_PAYMENT_FIELD_BENEFICIARY] = self->beneficiary_row;
  rows[CHQ_PAYMENT_FIELD_COMMUNICATION] = self->communication_row;
  for (guint i = 0; i < CHQ_N_PAYMENT_FIELDS; i++)
    adw_action_row_set_subtitle (rows[i], self->text[i]);

  date = chq_vouchers_format_date_time (chq_order_get_created_at (order));
  /* Translators: "Order of 20 × Standard vouchers on 28/11/2026. Transfer ..." */
  intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Order of %u %s voucher on %s. Transfer the amount below from your company’s account, with the structured communication.",
                                        "Order of %u %s vouchers on %s. Transfer the amount below from your company’s account, with the structured communication.",
                                        chq_order_get_quantity (order)),
                           chq_order_get_quantity (order),
                           chq_voucher_type_get_label (chq_order_get_voucher_type (order)),
                           date);
  gtk_label_set_label (self->intro_label, intro);

  update_status (self);

  return self;
}

/**
 * chq_payment_dialog_get_order:
 * @self: a #ChqPaymentDialog
 *
 * Returns: (transfer none): the order, as last answered by the service
 */
ChqOrder *
chq_payment_dialog_get_order (ChqPaymentDialog *self)
{
  g_return_val_if_fail (CHQ_IS_PAYMENT_DIALOG (self), NULL);
  return self->order;
}

/**
 * chq_payment_dialog_get_text:
 * @self: a #ChqPaymentDialog
 * @field: a field of the instructions
 *
 * Returns: the field as shown (the IBAN grouped by four, the communication with its +++)
 */
const char *
chq_payment_dialog_get_text (ChqPaymentDialog *self,
                             ChqPaymentField   field)
{
  g_return_val_if_fail (CHQ_IS_PAYMENT_DIALOG (self), NULL);
  g_return_val_if_fail (field < CHQ_N_PAYMENT_FIELDS, NULL);
  return self->text[field];
}

/**
 * chq_payment_dialog_get_copy_text:
 * @self: a #ChqPaymentDialog
 * @field: a field of the instructions
 *
 * Returns: what the field's copy button puts on the clipboard (the IBAN without spaces,
 *   the amount without the euro sign)
 */
const char *
chq_payment_dialog_get_copy_text (ChqPaymentDialog *self,
                                  ChqPaymentField   field)
{
  g_return_val_if_fail (CHQ_IS_PAYMENT_DIALOG (self), NULL);
  g_return_val_if_fail (field < CHQ_N_PAYMENT_FIELDS, NULL);
  return self->copy_text[field];
}

/**
 * chq_payment_dialog_get_status:
 * @self: a #ChqPaymentDialog
 *
 * Returns: the order's status as shown
 */
const char *
chq_payment_dialog_get_status (ChqPaymentDialog *self)
{
  g_return_val_if_fail (CHQ_IS_PAYMENT_DIALOG (self), NULL);
  return self->status;
}

/**
 * chq_payment_dialog_can_simulate:
 * @self: a #ChqPaymentDialog
 *
 * Returns: whether "Simulate Payment" is offered: demo data, an order awaiting payment and
 *   no simulated payment on its way
 */
gboolean
chq_payment_dialog_can_simulate (ChqPaymentDialog *self)
{
  g_return_val_if_fail (CHQ_IS_PAYMENT_DIALOG (self), FALSE);

  return chq_backend_is_demo (self->backend) && !self->paying &&
         chq_order_get_status (self->order) == CHQ_ORDER_STATUS_AWAITING_PAYMENT;
}
