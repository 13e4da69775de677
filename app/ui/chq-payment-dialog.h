/* chq-payment-dialog.h: the payment instructions of an order, each with a copy button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"
#include "chq-order.h"

G_BEGIN_DECLS

typedef enum {
  CHQ_PAYMENT_FIELD_AMOUNT,
  CHQ_PAYMENT_FIELD_IBAN,
  CHQ_PAYMENT_FIELD_BENEFICIARY,
  CHQ_PAYMENT_FIELD_COMMUNICATION,
} ChqPaymentField;
#define CHQ_N_PAYMENT_FIELDS 4

#define CHQ_TYPE_PAYMENT_DIALOG (chq_payment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChqPaymentDialog, chq_payment_dialog, CHQ, PAYMENT_DIALOG, AdwWindow)

/* Actions: "payment.copy" (s: "amount", "iban", "beneficiary" or "communication") puts the
 * field on the clipboard and says "Copied"; "payment.simulate" (demo backends only, while
 * the order awaits payment) asks the sandbox to simulate the bank transfer, then a sync.
 * Property "status" (string): the order's status as shown. Escape closes. */
ChqPaymentDialog *chq_payment_dialog_new           (ChqBackend       *backend,
                                                    ChqOrder         *order);
ChqOrder         *chq_payment_dialog_get_order     (ChqPaymentDialog *self);
/* The text shown for a field, and the text the copy button puts on the clipboard. */
const char       *chq_payment_dialog_get_text      (ChqPaymentDialog *self,
                                                    ChqPaymentField   field);
const char       *chq_payment_dialog_get_copy_text (ChqPaymentDialog *self,
                                                    ChqPaymentField   field);
const char       *chq_payment_dialog_get_status    (ChqPaymentDialog *self);
gboolean          chq_payment_dialog_can_simulate  (ChqPaymentDialog *self);

G_END_DECLS
