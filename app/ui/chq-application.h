/* chq-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHQ_TYPE_APPLICATION (chq_application_get_type ())
G_DECLARE_FINAL_TYPE (ChqApplication, chq_application, CHQ, APPLICATION, AdwApplication)

ChqApplication *chq_application_new (void);

G_END_DECLS
