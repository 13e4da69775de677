/* chq-vouchers-page.h: the Vouchers page: wallet, ceilings, ordering, history, batches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"
#include "chq-order-dialog.h"
#include "chq-payment-dialog.h"
#include "chq-wallet-card.h"

G_BEGIN_DECLS

#define CHQ_TYPE_VOUCHERS_PAGE (chq_vouchers_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqVouchersPage, chq_vouchers_page, CHQ, VOUCHERS_PAGE, AdwBin)

/* Properties: "backend" (ChqBackend, read-write), "today" (string "YYYY-MM-DD", read-write:
 * NULL = the local date; the demo sandbox's fixed clock), "state" (string, read-only:
 * "no-account", "empty" or "ready").
 * Actions: vouchers.order (Ctrl+N: the order dialog), vouchers.cancel-order (s: order id,
 * asks first), vouchers.discard-order (x: outbox entry of a refused order),
 * vouchers.show-payment (s: order id: its payment instructions). */
GtkWidget              *chq_vouchers_page_new             (void);
ChqBackend             *chq_vouchers_page_get_backend     (ChqVouchersPage *self);
void                    chq_vouchers_page_set_backend     (ChqVouchersPage *self,
                                                           ChqBackend      *backend);
const char             *chq_vouchers_page_get_today       (ChqVouchersPage *self);
void                    chq_vouchers_page_set_today       (ChqVouchersPage *self,
                                                           const char      *today);
const char             *chq_vouchers_page_get_state       (ChqVouchersPage *self);
/* What the page shows for a type; NULL when the type is not shown. */
const ChqWalletFigures *chq_vouchers_page_get_figures     (ChqVouchersPage *self,
                                                           ChqVoucherType   type);
ChqWalletCard          *chq_vouchers_page_get_card        (ChqVouchersPage *self,
                                                           ChqVoucherType   type);
/* The history (ChqOutboxEntry for orders not sent or refused, then ChqOrder, newest first)
 * and the batches (ChqVoucherBatch), as the list views show them. */
GListModel             *chq_vouchers_page_get_orders      (ChqVouchersPage *self);
GListModel             *chq_vouchers_page_get_batches     (ChqVouchersPage *self);
/* Opens the order dialog (what vouchers.order does); NULL if the account cannot order. */
ChqOrderDialog         *chq_vouchers_page_open_order_dialog (ChqVouchersPage *self);
/* Opens the payment instructions of an order. */
ChqPaymentDialog       *chq_vouchers_page_show_payment    (ChqVouchersPage *self,
                                                           ChqOrder        *order);

G_END_DECLS
