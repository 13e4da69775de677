/* chq-workers-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHQ_TYPE_WORKERS_PAGE (chq_workers_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqWorkersPage, chq_workers_page, CHQ, WORKERS_PAGE, AdwBin)

GtkWidget *chq_workers_page_new (void);

G_END_DECLS
