/* chq-order-dialog.h: "Order Vouchers": type, quantity within the ceiling, live cost split
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-account.h"
#include "chq-backend.h"
#include "chq-rules.h"

G_BEGIN_DECLS

#define CHQ_TYPE_ORDER_DIALOG (chq_order_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChqOrderDialog, chq_order_dialog, CHQ, ORDER_DIALOG, AdwWindow)

/* @waiting: per voucher type, the vouchers in orders waiting in the outbox. The dialog offers
 * the types the account may order. Action "order.confirm" hides the dialog and queues the
 * order with chq_backend_order_vouchers_async(); once it is on disk, emits "ordered" (gint64
 * outbox entry id) and closes (or comes back saying why it could not be kept).
 * Escape closes without ordering. */
ChqOrderDialog *chq_order_dialog_new              (ChqBackend     *backend,
                                                   ChqAccount     *account,
                                                   const guint    *waiting);
gboolean        chq_order_dialog_set_voucher_type (ChqOrderDialog *self,
                                                   ChqVoucherType  type);
ChqVoucherType  chq_order_dialog_get_voucher_type (ChqOrderDialog *self);
/* Goes through the spin button: a quantity past the bound is clamped to it. */
void            chq_order_dialog_set_quantity     (ChqOrderDialog *self,
                                                   guint           quantity);
guint           chq_order_dialog_get_quantity     (ChqOrderDialog *self);
guint           chq_order_dialog_get_max          (ChqOrderDialog *self);
void            chq_order_dialog_get_split        (ChqOrderDialog *self,
                                                   ChqOrderSplit  *out);
/* The texts of the breakdown: value, company pays, Region adds, training hours. */
const char     *chq_order_dialog_get_breakdown_text (ChqOrderDialog *self,
                                                   guint           line);
/* The sentence under the quantity ("" when none). */
const char     *chq_order_dialog_get_message      (ChqOrderDialog *self);
gboolean        chq_order_dialog_get_can_order    (ChqOrderDialog *self);

G_END_DECLS
