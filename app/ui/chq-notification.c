/* chq-notification.c: a desktop notification that opens one page of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-notification"

#include "config.h"

#include "chq-notification.h"

/**
 * chq_notification_send:
 * @id: the notification's id (a later one with the same id replaces it)
 * @title: its title
 * @body: its text
 * @page: the page of the window it opens ("vouchers", "hours", ...)
 *
 * Sends a notification through the default application; without one (tests) nothing.
 */
void
chq_notification_send (const char *id,
                       const char *title,
                       const char *body,
                       const char *page)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GNotification) notification = NULL;

  if (app == NULL)
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", page);
  g_application_send_notification (app, id, notification);
}
