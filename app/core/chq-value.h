/* chq-value.h: the one check of each plain value the API carries (dates, e-mail addresses)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest e-mail address, in characters (docs/api.md, Limits). */
#define CHQ_EMAIL_MAX_CHARS 254

gboolean chq_date_parse      (const char *text,
                              GDate      *out_date);
gboolean chq_date_is_valid   (const char *text);
gboolean chq_email_is_valid  (const char *text);

G_END_DECLS
