/* chq-catalog-filters.h: the filter popover of the Catalogue page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chq-course-query.h"

G_BEGIN_DECLS

#define CHQ_TYPE_CATALOG_FILTERS (chq_catalog_filters_get_type ())
G_DECLARE_FINAL_TYPE (ChqCatalogFilters, chq_catalog_filters, CHQ, CATALOG_FILTERS, GtkPopover)

/* Signal "changed": the person changed a filter; read it with chq_catalog_filters_apply(). */
GtkWidget *chq_catalog_filters_new         (void);
void       chq_catalog_filters_set_choices (ChqCatalogFilters    *self,
                                            const char * const   *themes,
                                            const char * const   *languages,
                                            const char * const   *provinces);
void       chq_catalog_filters_set_query   (ChqCatalogFilters    *self,
                                            const ChqCourseQuery *query);
void       chq_catalog_filters_apply       (ChqCatalogFilters    *self,
                                            ChqCourseQuery       *query);

G_END_DECLS
