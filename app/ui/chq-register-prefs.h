/* chq-register-prefs.h: the training register's group of the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_REGISTER_PREFS (chq_register_prefs_get_type ())
G_DECLARE_FINAL_TYPE (ChqRegisterPrefs, chq_register_prefs, CHQ, REGISTER_PREFS, AdwPreferencesGroup)

GtkWidget *chq_register_prefs_new          (void);
/* The account whose register the group shows; NULL hides the group. */
void       chq_register_prefs_set_backend  (ChqRegisterPrefs *self,
                                            ChqBackend       *backend);
/* What Back Up… and Restore… do once a file is chosen. Restore first says what the backup
 * holds and what it replaces (an AdwMessageDialog, returned) and restores on "restore". */
void       chq_register_prefs_backup_to    (ChqRegisterPrefs *self,
                                            GFile            *file);
void       chq_register_prefs_restore_from (ChqRegisterPrefs *self,
                                            GFile            *file);
/* A read, a save, a backup or a restore under way; the last message said, or NULL. */
gboolean   chq_register_prefs_get_busy     (ChqRegisterPrefs *self);
const char *chq_register_prefs_get_message (ChqRegisterPrefs *self);
/* The confirmation shown by chq_register_prefs_restore_from(), while it is. */
AdwMessageDialog *chq_register_prefs_get_confirmation (ChqRegisterPrefs *self);

G_END_DECLS
