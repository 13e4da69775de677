/* chq-hours-page.c: the Training Hours page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-hours-page"

#include "config.h"

#include "chq-hours-page.h"

struct _ChqHoursPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ChqHoursPage, chq_hours_page, ADW_TYPE_BIN)

static void
chq_hours_page_class_init (ChqHoursPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-hours-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_hours_page_init (ChqHoursPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * chq_hours_page_new:
 *
 * Creates the Training Hours page of the main window.
 *
 * Returns: (transfer floating): a new #ChqHoursPage
 */
GtkWidget *
chq_hours_page_new (void)
{
  return g_object_new (CHQ_TYPE_HOURS_PAGE, NULL);
}
