/* chq-order-row.h: one order in the Vouchers page's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-vouchers-logic.h"

G_BEGIN_DECLS

#define CHQ_TYPE_ORDER_ROW (chq_order_row_get_type ())
G_DECLARE_FINAL_TYPE (ChqOrderRow, chq_order_row, CHQ, ORDER_ROW, AdwBin)

GtkWidget     *chq_order_row_new             (void);
/* @item: a ChqOrder (the service has it) or a ChqOutboxEntry of kind create_order (not sent
 * yet, or refused); NULL empties the row. @cancel_waiting: a cancellation of the order waits
 * in the outbox. The row's buttons activate "vouchers.cancel-order" (s: order id) and
 * "vouchers.discard-order" (x: outbox entry id). */
void           chq_order_row_set_item        (ChqOrderRow *self,
                                              GObject     *item,
                                              gboolean     cancel_waiting);
ChqOrderState  chq_order_row_get_state       (ChqOrderRow *self);
const char    *chq_order_row_get_status_text (ChqOrderRow *self);
const char    *chq_order_row_get_title       (ChqOrderRow *self);

const char    *chq_order_row_get_accessible_label (ChqOrderRow *self);
gboolean       chq_order_row_get_opens_payment    (ChqOrderRow *self);

G_END_DECLS
