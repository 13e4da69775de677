/* chq-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-application.h"
#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_WINDOW (chq_window_get_type ())
G_DECLARE_FINAL_TYPE (ChqWindow, chq_window, CHQ, WINDOW, AdwApplicationWindow)

ChqWindow  *chq_window_new                (ChqApplication *application);
void        chq_window_set_visible_page   (ChqWindow      *self,
                                           const char     *name);
const char *chq_window_get_visible_page   (ChqWindow      *self);
GtkWidget  *chq_window_get_page           (ChqWindow      *self,
                                           const char     *name);
void        chq_window_add_toast          (ChqWindow      *self,
                                           AdwToast       *toast);
void        chq_window_set_banner         (ChqWindow      *self,
                                           const char     *message);
const char *chq_window_get_banner         (ChqWindow      *self);
ChqBackend *chq_window_get_backend        (ChqWindow      *self);
void        chq_window_set_backend        (ChqWindow      *self,
                                           ChqBackend     *backend);
const char *chq_window_get_view           (ChqWindow      *self);
void        chq_window_ask_sign_in_again  (ChqWindow      *self);

G_END_DECLS
