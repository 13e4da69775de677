/* chq-voucher-notifier.h: the desktop notifications of the Vouchers page: vouchers about to
 * expire, orders credited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_VOUCHER_NOTIFIER (chq_voucher_notifier_get_type ())

G_DECLARE_FINAL_TYPE (ChqVoucherNotifier, chq_voucher_notifier, CHQ, VOUCHER_NOTIFIER, GObject)

ChqVoucherNotifier *chq_voucher_notifier_new            (GSettings          *settings);
void                chq_voucher_notifier_check_batches  (ChqVoucherNotifier *self,
                                                         GPtrArray          *batches,
                                                         const GDate        *today);
void                chq_voucher_notifier_check_orders   (ChqVoucherNotifier *self,
                                                         GPtrArray          *orders);
void                chq_voucher_notifier_forget_orders  (ChqVoucherNotifier *self);

G_END_DECLS
