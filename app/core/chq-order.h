/* chq-order.h: ChqOrder, an order of vouchers and its payment instructions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_ORDER (chq_order_get_type ())

G_DECLARE_FINAL_TYPE (ChqOrder, chq_order, CHQ, ORDER, GObject)

ChqOrder       *chq_order_new                       (void);

const char     *chq_order_get_id                    (ChqOrder *self);
ChqVoucherType  chq_order_get_voucher_type          (ChqOrder *self);
guint           chq_order_get_quantity              (ChqOrder *self);
gint64          chq_order_get_amount_cents          (ChqOrder *self);
ChqOrderStatus  chq_order_get_status                (ChqOrder *self);
GDateTime      *chq_order_get_created_at            (ChqOrder *self);
GDateTime      *chq_order_get_paid_at               (ChqOrder *self);
GDateTime      *chq_order_get_cancelled_at          (ChqOrder *self);
const char     *chq_order_get_payment_iban          (ChqOrder *self);
const char     *chq_order_get_payment_beneficiary   (ChqOrder *self);
const char     *chq_order_get_payment_communication (ChqOrder *self);
gint64          chq_order_get_payment_amount_cents  (ChqOrder *self);

G_END_DECLS
