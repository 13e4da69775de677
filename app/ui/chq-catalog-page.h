/* chq-catalog-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHQ_TYPE_CATALOG_PAGE (chq_catalog_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqCatalogPage, chq_catalog_page, CHQ, CATALOG_PAGE, AdwBin)

GtkWidget *chq_catalog_page_new (void);

G_END_DECLS
