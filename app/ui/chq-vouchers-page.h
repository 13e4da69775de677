/* chq-vouchers-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHQ_TYPE_VOUCHERS_PAGE (chq_vouchers_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqVouchersPage, chq_vouchers_page, CHQ, VOUCHERS_PAGE, AdwBin)

GtkWidget *chq_vouchers_page_new (void);

G_END_DECLS
