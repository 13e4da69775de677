/* chq-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_APPLICATION (chq_application_get_type ())
G_DECLARE_FINAL_TYPE (ChqApplication, chq_application, CHQ, APPLICATION, AdwApplication)

ChqApplication *chq_application_new            (void);
ChqBackend     *chq_application_get_backend    (ChqApplication *self);
void            chq_application_use_backend    (ChqApplication *self,
                                                ChqBackend     *backend);
void            chq_application_start_demo     (ChqApplication *self);
void            chq_application_open_from_settings (ChqApplication *self);
void            chq_application_leave_account  (ChqApplication *self);
void            chq_application_sign_out       (ChqApplication *self);
guint           chq_application_get_sync_interval (ChqApplication *self);

G_END_DECLS
