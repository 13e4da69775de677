/* chq-hours-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHQ_TYPE_HOURS_PAGE (chq_hours_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqHoursPage, chq_hours_page, CHQ, HOURS_PAGE, AdwBin)

GtkWidget *chq_hours_page_new (void);

G_END_DECLS
