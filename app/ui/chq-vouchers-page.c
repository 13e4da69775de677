/* chq-vouchers-page.c: the Vouchers page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-vouchers-page"

#include "config.h"

#include "chq-vouchers-page.h"

struct _ChqVouchersPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ChqVouchersPage, chq_vouchers_page, ADW_TYPE_BIN)

static void
chq_vouchers_page_class_init (ChqVouchersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-vouchers-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_vouchers_page_init (ChqVouchersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * chq_vouchers_page_new:
 *
 * Creates the Vouchers page of the main window.
 *
 * Returns: (transfer floating): a new #ChqVouchersPage
 */
GtkWidget *
chq_vouchers_page_new (void)
{
  return g_object_new (CHQ_TYPE_VOUCHERS_PAGE, NULL);
}
