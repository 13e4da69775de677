/* chq-outbox-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_OUTBOX_VIEW (chq_outbox_view_get_type ())
G_DECLARE_FINAL_TYPE (ChqOutboxView, chq_outbox_view, CHQ, OUTBOX_VIEW, AdwBin)

GtkWidget  *chq_outbox_view_new          (void);
ChqBackend *chq_outbox_view_get_backend  (ChqOutboxView *self);
void        chq_outbox_view_set_backend  (ChqOutboxView *self,
                                          ChqBackend    *backend);
GListModel *chq_outbox_view_get_model    (ChqOutboxView *self);
guint       chq_outbox_view_get_n_failed (ChqOutboxView *self);
gboolean    chq_outbox_view_discard      (ChqOutboxView *self,
                                          gint64         entry_id);
gboolean    chq_outbox_view_send_again   (ChqOutboxView *self,
                                          gint64         entry_id);

G_END_DECLS
