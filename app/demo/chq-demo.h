/* chq-demo.h: the demo data — the embedded sandbox, and the backend signed in to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_DEMO (chq_demo_get_type ())
G_DECLARE_FINAL_TYPE (ChqDemo, chq_demo, CHQ, DEMO, GObject)

ChqDemo    *chq_demo_start          (const char           *data_dir,
                                     GError              **error);
ChqBackend *chq_demo_get_backend    (ChqDemo              *self);
void        chq_demo_sign_in_async  (ChqDemo              *self,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean    chq_demo_sign_in_finish (ChqDemo              *self,
                                     GAsyncResult         *result,
                                     GError              **error);
void        chq_demo_stop           (ChqDemo              *self);

G_END_DECLS
