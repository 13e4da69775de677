/* chq-catalog-page.c: the Catalogue page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-catalog-page"

#include "config.h"

#include "chq-catalog-page.h"

struct _ChqCatalogPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ChqCatalogPage, chq_catalog_page, ADW_TYPE_BIN)

static void
chq_catalog_page_class_init (ChqCatalogPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-catalog-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_catalog_page_init (ChqCatalogPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * chq_catalog_page_new:
 *
 * Creates the Catalogue page of the main window.
 *
 * Returns: (transfer floating): a new #ChqCatalogPage
 */
GtkWidget *
chq_catalog_page_new (void)
{
  return g_object_new (CHQ_TYPE_CATALOG_PAGE, NULL);
}
