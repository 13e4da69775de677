/* chq-wallet-card.h: one voucher type's wallet and ceiling on the Vouchers page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-types.h"

G_BEGIN_DECLS

/* What a card shows, as numbers (the page's figures, which tests compare with the service). */
typedef struct {
  guint  available;
  guint  reserved;
  guint  used;             /* used this calendar year, by the attended enrolments */
  guint  expiring;         /* available vouchers expiring within the warning period */
  char  *earliest_expiry;  /* owned, "YYYY-MM-DD" of those, or NULL */
  guint  ceiling;
  guint  ordered;          /* ordered this year, paid or awaiting payment */
  guint  waiting;          /* in orders waiting to be sent */
} ChqWalletFigures;

void chq_wallet_figures_clear (ChqWalletFigures *figures);

#define CHQ_TYPE_WALLET_CARD (chq_wallet_card_get_type ())
G_DECLARE_FINAL_TYPE (ChqWalletCard, chq_wallet_card, CHQ, WALLET_CARD, AdwBin)

GtkWidget              *chq_wallet_card_new         (ChqVoucherType          type);
ChqVoucherType          chq_wallet_card_get_voucher_type (ChqWalletCard    *self);
void                    chq_wallet_card_set_figures (ChqWalletCard          *self,
                                                     const ChqWalletFigures *figures);
const ChqWalletFigures *chq_wallet_card_get_figures (ChqWalletCard          *self);
/* The ceiling in words, as the card shows it under the level bar. */
const char             *chq_wallet_card_get_ceiling_text (ChqWalletCard     *self);
/* The expiry line ("58 expire by 30/11/2026"), empty when none expire soon. */
const char             *chq_wallet_card_get_expiry_text  (ChqWalletCard     *self);

G_END_DECLS
