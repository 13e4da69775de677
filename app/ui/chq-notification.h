/* chq-notification.h: a desktop notification that opens one page of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void chq_notification_send (const char *id,
                            const char *title,
                            const char *body,
                            const char *page);

G_END_DECLS
