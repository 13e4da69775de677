/* chq-sandbox-demo.h: the sandbox's demo data and course generator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chq-sandbox-db.h"

G_BEGIN_DECLS

gboolean  chq_sandbox_demo_seed           (ChqSandboxDb  *db,
                                           GDateTime     *now,
                                           gboolean       demo,
                                           guint          n_courses,
                                           guint64        seed,
                                           GError       **error);
gboolean  chq_sandbox_demo_city_info      (const char    *city,
                                           const char   **out_postcode,
                                           const char   **out_province);

char     *chq_sandbox_demo_add_course     (ChqSandboxDb  *db,
                                           GDateTime     *now,
                                           const char    *title);
gboolean  chq_sandbox_demo_update_course  (ChqSandboxDb  *db,
                                           GDateTime     *now,
                                           const char    *id,
                                           const char    *title);
gboolean  chq_sandbox_demo_delete_course  (ChqSandboxDb  *db,
                                           const char    *id);

G_END_DECLS
