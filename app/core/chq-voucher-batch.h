/* chq-voucher-batch.h: ChqVoucherBatch, vouchers credited together, with one expiry date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_VOUCHER_BATCH (chq_voucher_batch_get_type ())

G_DECLARE_FINAL_TYPE (ChqVoucherBatch, chq_voucher_batch, CHQ, VOUCHER_BATCH, GObject)

ChqVoucherBatch *chq_voucher_batch_new              (void);

const char      *chq_voucher_batch_get_id           (ChqVoucherBatch *self);
const char      *chq_voucher_batch_get_order_id     (ChqVoucherBatch *self);
ChqVoucherType   chq_voucher_batch_get_voucher_type (ChqVoucherBatch *self);
const char      *chq_voucher_batch_get_credited_on  (ChqVoucherBatch *self);
const char      *chq_voucher_batch_get_expires_on   (ChqVoucherBatch *self);
guint            chq_voucher_batch_get_quantity     (ChqVoucherBatch *self);
guint            chq_voucher_batch_get_available    (ChqVoucherBatch *self);
guint            chq_voucher_batch_get_reserved     (ChqVoucherBatch *self);
guint            chq_voucher_batch_get_used         (ChqVoucherBatch *self);

G_END_DECLS
