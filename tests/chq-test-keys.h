/* chq-test-keys.h: real key presses for the UI tests, through the X server (XTest)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean test_keys_available (void);
void     test_keys_focus     (GtkWindow       *window);
void     test_keys_press     (GtkWindow       *window,
                              guint            keyval,
                              GdkModifierType  modifiers);
void     test_keys_type      (GtkWindow       *window,
                              const char      *text);

G_END_DECLS
