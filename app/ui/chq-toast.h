/* chq-toast.h: toasts shown by any widget in the window it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void      chq_toast_show (GtkWidget  *widget,
                          const char *text);
gboolean  chq_toast_add  (GtkWidget  *widget,
                          AdwToast   *toast);

G_END_DECLS
