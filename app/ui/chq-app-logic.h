/* chq-app-logic.h: pure functions of the window around the pages (banner, last sync,
 * sign-in form)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chq-outbox-entry.h"
#include "chq-sync.h"

G_BEGIN_DECLS

/* What the banner under the header bar says, most urgent first. */
typedef enum {
  CHQ_BANNER_NONE,
  CHQ_BANNER_SIGNED_OUT,  /* the session expired or is missing: "Sign In…" */
  CHQ_BANNER_OFFLINE,     /* the service cannot be reached: "Retry" */
  CHQ_BANNER_ERROR,       /* the service answered with an error: "Retry" */
  CHQ_BANNER_DEMO,        /* demo data: "Leave Demo" */
} ChqBannerKind;

/* Which field of the sign-in form an error is about. */
typedef enum {
  CHQ_SIGN_IN_FIELD_NONE,
  CHQ_SIGN_IN_FIELD_ADDRESS,
  CHQ_SIGN_IN_FIELD_NUMBER,
  CHQ_SIGN_IN_FIELD_PASSWORD,
} ChqSignInField;

ChqBannerKind  chq_app_banner_kind              (gboolean       has_account,
                                                 gboolean       demo,
                                                 gboolean       needs_sign_in,
                                                 ChqSyncState   state);
char          *chq_app_banner_text              (ChqBannerKind  kind,
                                                 GDateTime     *last_success,
                                                 GDateTime     *now,
                                                 guint          n_waiting);
char          *chq_app_format_updated           (GDateTime     *last_success,
                                                 GDateTime     *now);
char          *chq_app_format_updated_short     (GDateTime     *last_success,
                                                 GDateTime     *now);
char          *chq_app_format_partial_number    (const char    *input);
char          *chq_app_format_partial_number_at (const char    *input,
                                                 int            cursor,
                                                 int           *out_cursor);
char          *chq_app_sign_in_error_message    (const GError  *error,
                                                 ChqSignInField *out_field);
const char    *chq_app_page_for_outbox_kind     (ChqOutboxKind  kind);

G_END_DECLS
