/* chq-toast.c: toasts shown by any widget in the window it is in, without knowing the
 * window's class (so that pages, views and dialogs never call back into the window)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-toast"

#include "config.h"

#include "chq-toast.h"

/**
 * chq_toast_show:
 * @widget: any widget in a window (or the window)
 * @text: what to say
 *
 * Shows @text in a toast of @widget's window: through its `win.toast` action, so that a
 * page outside the main window (in a test, a dialog) finds whoever offers that action, and
 * nothing happens when nobody does.
 */
void
chq_toast_show (GtkWidget  *widget,
                const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  gtk_widget_activate_action (widget, "win.toast", "s", text);
}

/**
 * chq_toast_add:
 * @widget: any widget in a window
 * @toast: (transfer full): the toast, with its button
 *
 * Shows @toast in the toast overlay @widget is in (the main window's, over its pages).
 * Outside one (a dialog, a page alone in a test), only its title is shown, through
 * chq_toast_show(), and its button is left out.
 *
 * Returns: %TRUE when @toast was shown with its button
 */
gboolean
chq_toast_add (GtkWidget *widget,
               AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_autoptr(AdwToast) unused = toast;

      chq_toast_show (widget, adw_toast_get_title (unused));
      return FALSE;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}
