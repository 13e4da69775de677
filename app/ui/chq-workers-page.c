/* chq-workers-page.c: the Workers page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-workers-page"

#include "config.h"

#include "chq-workers-page.h"

struct _ChqWorkersPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ChqWorkersPage, chq_workers_page, ADW_TYPE_BIN)

static void
chq_workers_page_class_init (ChqWorkersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-workers-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_workers_page_init (ChqWorkersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * chq_workers_page_new:
 *
 * Creates the Workers page of the main window.
 *
 * Returns: (transfer floating): a new #ChqWorkersPage
 */
GtkWidget *
chq_workers_page_new (void)
{
  return g_object_new (CHQ_TYPE_WORKERS_PAGE, NULL);
}
