/* chq-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHQ_TYPE_PREFERENCES_WINDOW (chq_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ChqPreferencesWindow, chq_preferences_window, CHQ, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

ChqPreferencesWindow *chq_preferences_window_new (GtkWindow *parent);

G_END_DECLS
