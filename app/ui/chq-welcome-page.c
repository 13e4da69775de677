/* chq-welcome-page.c: what the window shows when no account is open: what the app is,
 * "Sign In" and "Try with Demo Data"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-welcome-page"

#include "config.h"

#include "chq-a11y.h"
#include "chq-welcome-page.h"

/* The buttons activate app.sign-in and app.start-demo: the application owns the account. */
struct _ChqWelcomePage
{
  AdwBin          parent_instance;

  /* Template children */
  AdwStatusPage  *status_page;
  GtkButton      *sign_in_button;
  GtkButton      *demo_button;
};

G_DEFINE_FINAL_TYPE (ChqWelcomePage, chq_welcome_page, ADW_TYPE_BIN)

static void
chq_welcome_page_dispose (GObject *object)
{
  /* The bin lets go of its child first, so that it never holds a disposed widget. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHQ_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (chq_welcome_page_parent_class)->dispose (object);
}

static void
chq_welcome_page_class_init (ChqWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqWelcomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, ChqWelcomePage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, ChqWelcomePage, demo_button);
}

static void
chq_welcome_page_init (ChqWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
  chq_a11y_wrap_labels (GTK_WIDGET (self->sign_in_button));
  chq_a11y_wrap_labels (GTK_WIDGET (self->demo_button));
  adw_status_page_set_icon_name (self->status_page, APP_ID);
}

/**
 * chq_welcome_page_new:
 *
 * Creates the page the window shows when no account is open.
 *
 * Returns: (transfer floating): a new #ChqWelcomePage
 */
GtkWidget *
chq_welcome_page_new (void)
{
  return g_object_new (CHQ_TYPE_WELCOME_PAGE, NULL);
}
