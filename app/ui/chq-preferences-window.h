/* chq-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_PREFERENCES_WINDOW (chq_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ChqPreferencesWindow, chq_preferences_window, CHQ, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

ChqPreferencesWindow *chq_preferences_window_new         (GtkWindow            *parent);
ChqBackend           *chq_preferences_window_get_backend (ChqPreferencesWindow *self);
void                  chq_preferences_window_set_backend (ChqPreferencesWindow *self,
                                                          ChqBackend           *backend);

G_END_DECLS
