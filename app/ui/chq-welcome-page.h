/* chq-welcome-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHQ_TYPE_WELCOME_PAGE (chq_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqWelcomePage, chq_welcome_page, CHQ, WELCOME_PAGE, AdwBin)

GtkWidget *chq_welcome_page_new (void);

G_END_DECLS
