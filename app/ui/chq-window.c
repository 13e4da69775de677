/* chq-window.c: the main window, a view stack of the four pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-window"

#include "config.h"

#include "chq-catalog-page.h"
#include "chq-hours-page.h"
#include "chq-vouchers-page.h"
#include "chq-window.h"
#include "chq-workers-page.h"

struct _ChqWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;        /* owned */

  /* Template children */
  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
};

G_DEFINE_FINAL_TYPE (ChqWindow, chq_window, ADW_TYPE_APPLICATION_WINDOW)

static void
chq_window_save_state (ChqWindow *self)
{
  int width = 0;
  int height = 0;

  /* The default size follows the size of a window that is neither maximised nor
   * fullscreen, so it is the size to restore even when the window is maximised now. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
chq_window_close_request (GtkWindow *window)
{
  chq_window_save_state (CHQ_WINDOW (window));

  return GTK_WINDOW_CLASS (chq_window_parent_class)->close_request (window);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  chq_window_set_visible_page (CHQ_WINDOW (widget),
                               g_variant_get_string (parameter, NULL));
}

static void
chq_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CHQ_TYPE_WINDOW);

  G_OBJECT_CLASS (chq_window_parent_class)->dispose (object);
}

static void
chq_window_finalize (GObject *object)
{
  ChqWindow *self = CHQ_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chq_window_parent_class)->finalize (object);
}

static void
chq_window_class_init (ChqWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = chq_window_dispose;
  object_class->finalize = chq_window_finalize;
  window_class->close_request = chq_window_close_request;

  g_type_ensure (CHQ_TYPE_CATALOG_PAGE);
  g_type_ensure (CHQ_TYPE_VOUCHERS_PAGE);
  g_type_ensure (CHQ_TYPE_HOURS_PAGE);
  g_type_ensure (CHQ_TYPE_WORKERS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, banner_label);

  /* The accelerators (Alt+1 to Alt+4) are the application's, so that the shortcuts
   * window and the menus show them. */
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
}

static void
chq_window_init (ChqWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/**
 * chq_window_new:
 * @application: the application the window belongs to
 *
 * Creates the main window, sized as it was when it was last closed.
 *
 * Returns: (transfer none): a new #ChqWindow, owned by its application
 */
ChqWindow *
chq_window_new (ChqApplication *application)
{
  g_return_val_if_fail (CHQ_IS_APPLICATION (application), NULL);

  return g_object_new (CHQ_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * chq_window_set_visible_page:
 * @self: a #ChqWindow
 * @name: the page to show: "catalogue", "vouchers", "hours" or "workers"
 *
 * Shows one of the four pages. An unknown name is a programming error.
 */
void
chq_window_set_visible_page (ChqWindow  *self,
                             const char *name)
{
  g_return_if_fail (CHQ_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_critical ("No page named “%s” in the main window", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/**
 * chq_window_get_visible_page:
 * @self: a #ChqWindow
 *
 * Returns: (transfer none) (nullable): the name of the page on screen
 */
const char *
chq_window_get_visible_page (ChqWindow *self)
{
  g_return_val_if_fail (CHQ_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * chq_window_get_page:
 * @self: a #ChqWindow
 * @name: the name of a page
 *
 * Returns: (transfer none) (nullable): the page widget called @name, or %NULL
 */
GtkWidget *
chq_window_get_page (ChqWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (CHQ_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->stack, name);
}

/**
 * chq_window_add_toast:
 * @self: a #ChqWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows a toast over the pages, for the result of something the user did.
 */
void
chq_window_add_toast (ChqWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CHQ_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * chq_window_set_banner:
 * @self: a #ChqWindow
 * @message: (nullable): the text of the banner, or %NULL to hide it
 *
 * Shows a banner under the header bar for a lasting state, such as working offline
 * or showing demo data, or hides it.
 */
void
chq_window_set_banner (ChqWindow  *self,
                       const char *message)
{
  g_return_if_fail (CHQ_IS_WINDOW (self));

  if (message != NULL && message[0] != '\0')
    gtk_label_set_label (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer,
                                 message != NULL && message[0] != '\0');
}

/**
 * chq_window_get_banner:
 * @self: a #ChqWindow
 *
 * Returns: (transfer none) (nullable): the text of the banner on screen, or %NULL when
 *   it is hidden
 */
const char *
chq_window_get_banner (ChqWindow *self)
{
  g_return_val_if_fail (CHQ_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;

  return gtk_label_get_label (self->banner_label);
}
