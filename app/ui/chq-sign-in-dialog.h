/* chq-sign-in-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_SIGN_IN_DIALOG (chq_sign_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChqSignInDialog, chq_sign_in_dialog, CHQ, SIGN_IN_DIALOG, AdwWindow)

ChqSignInDialog *chq_sign_in_dialog_new        (GtkWindow       *parent,
                                                ChqBackend      *backend);
ChqBackend      *chq_sign_in_dialog_get_backend (ChqSignInDialog *self);
const char      *chq_sign_in_dialog_get_error  (ChqSignInDialog *self);
gboolean         chq_sign_in_dialog_is_busy    (ChqSignInDialog *self);
gboolean         chq_sign_in_dialog_can_submit (ChqSignInDialog *self);
void             chq_sign_in_dialog_submit     (ChqSignInDialog *self);

G_END_DECLS
