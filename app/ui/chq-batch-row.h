/* chq-batch-row.h: one batch of credited vouchers on the Vouchers page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-voucher-batch.h"

G_BEGIN_DECLS

#define CHQ_TYPE_BATCH_ROW (chq_batch_row_get_type ())
G_DECLARE_FINAL_TYPE (ChqBatchRow, chq_batch_row, CHQ, BATCH_ROW, AdwBin)

GtkWidget  *chq_batch_row_new          (void);
/* @today and @warning_days decide whether the batch stands out as expiring (or expired). */
void        chq_batch_row_set_batch    (ChqBatchRow     *self,
                                        ChqVoucherBatch *batch,
                                        const GDate     *today,
                                        guint            warning_days);
gboolean    chq_batch_row_get_expiring (ChqBatchRow     *self);
gboolean    chq_batch_row_get_expired  (ChqBatchRow     *self);
const char *chq_batch_row_get_title    (ChqBatchRow     *self);

G_END_DECLS
