/* chq-catalog-page.h: the Catalogue page: search, filters, list and course detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"
#include "chq-catalog-filters.h"
#include "chq-course-detail.h"
#include "chq-course-query.h"

G_BEGIN_DECLS

#define CHQ_TYPE_CATALOG_PAGE (chq_catalog_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqCatalogPage, chq_catalog_page, CHQ, CATALOG_PAGE, AdwBin)

/* Properties: "backend" (ChqBackend, read-write), "query" (ChqCourseQuery, read-only: the
 * search as it stands), "n-results" (uint, read-only), "state" (string, read-only: the
 * visible state, "no-account", "empty", "no-results" or "list").
 * Actions: catalog.search (focus the search entry; Ctrl+F), catalog.back (Escape,
 * Alt+Left), catalog.clear-filters, catalog.clear-filter(s: filter word),
 * catalog.open-course(s: course id). */
GtkWidget            *chq_catalog_page_new           (void);
ChqBackend           *chq_catalog_page_get_backend   (ChqCatalogPage *self);
void                  chq_catalog_page_set_backend   (ChqCatalogPage *self,
                                                      ChqBackend     *backend);
const ChqCourseQuery *chq_catalog_page_get_query     (ChqCatalogPage *self);
guint                 chq_catalog_page_get_n_results (ChqCatalogPage *self);
const char           *chq_catalog_page_get_state     (ChqCatalogPage *self);
/* The list's model (a GtkSelectionModel of ChqCourseRow), for the list view and tests. */
GListModel           *chq_catalog_page_get_model     (ChqCatalogPage *self);
/* The course detail, built on first call (the page builds it when it opens a course). */
ChqCourseDetail      *chq_catalog_page_get_detail    (ChqCatalogPage *self);
ChqCatalogFilters    *chq_catalog_page_get_filters   (ChqCatalogPage *self);

G_END_DECLS
