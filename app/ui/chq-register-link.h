/* chq-register-link.h: the training register of the account a backend shows, shared by
 * every page and dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-backend.h"
#include "chq-register.h"

G_BEGIN_DECLS

#define CHQ_TYPE_REGISTER_LINK (chq_register_link_get_type ())
G_DECLARE_FINAL_TYPE (ChqRegisterLink, chq_register_link, CHQ, REGISTER_LINK, GObject)

/* The link of @backend, made (and the register opening) on the first call; kept on the
 * backend. Property "register" (nullable until open); signal "changed" after every write
 * made through the interface, so that every view reads again. */
ChqRegisterLink *chq_register_link_get             (ChqBackend      *backend);
ChqRegister     *chq_register_link_get_register    (ChqRegisterLink *self);
/* Why the register could not be opened, or NULL. */
const char      *chq_register_link_get_error       (ChqRegisterLink *self);
ChqBackend      *chq_register_link_get_backend     (ChqRegisterLink *self);
void             chq_register_link_changed         (ChqRegisterLink *self);
/* The register key of a worker added offline whose outbox entry is @entry_id: the entry's
 * client UUID (NULL when there is no such entry). */
char            *chq_register_link_dup_pending_key (ChqRegisterLink *self,
                                                    gint64           entry_id);
/* Moves the details of workers the service has just created (sent outbox entries) to their
 * new ids; runs by itself on every outbox change, callable by tests. */
void             chq_register_link_rekey_sent      (ChqRegisterLink *self);
/* Closes the register (after Leave Demo, or before a restore replaces it the caller
 * reopens it with chq_register_link_reopen()). */
void             chq_register_link_reopen          (ChqRegisterLink *self);

/* Leave Demo: removes what the demo added (the demo's trainings are added by themselves
 * once the register is open and the demo's workers are in the cache). */
void             chq_register_link_remove_demo     (ChqRegisterLink *self);
/* The date the demo's trainings are placed around (tests); NULL for the clock. */
void             chq_register_link_set_today       (ChqRegisterLink *self,
                                                    GDateTime       *today);
/* Opening, or a demo seed or removal under way. */
gboolean         chq_register_link_get_busy        (ChqRegisterLink *self);

G_END_DECLS
