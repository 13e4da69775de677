/* chq-account.h: ChqAccount, the signed-in company or self-employed worker (GET /v1/account)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_ACCOUNT (chq_account_get_type ())

G_DECLARE_FINAL_TYPE (ChqAccount, chq_account, CHQ, ACCOUNT, GObject)

ChqAccount     *chq_account_new                          (void);

const char     *chq_account_get_enterprise_number        (ChqAccount *self);
const char     *chq_account_get_name                     (ChqAccount *self);
ChqAccountKind  chq_account_get_kind                     (ChqAccount *self);
double          chq_account_get_fte                      (ChqAccount *self);
const char     *chq_account_get_authorisation_number     (ChqAccount *self);
const char     *chq_account_get_registration_valid_until (ChqAccount *self);
guint           chq_account_get_year                     (ChqAccount *self);

guint           chq_account_get_ceiling                  (ChqAccount     *self,
                                                          ChqVoucherType  type);
guint           chq_account_get_ordered_this_year        (ChqAccount     *self,
                                                          ChqVoucherType  type);
guint           chq_account_get_ceiling_left             (ChqAccount     *self,
                                                          ChqVoucherType  type);
void            chq_account_set_ceiling                  (ChqAccount     *self,
                                                          ChqVoucherType  type,
                                                          guint           ceiling,
                                                          guint           ordered_this_year);

G_END_DECLS
