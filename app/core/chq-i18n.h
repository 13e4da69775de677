/* chq-i18n.h: where the translations are found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *chq_i18n_get_locale_dir (void);
void        chq_i18n_init           (void);

G_END_DECLS
