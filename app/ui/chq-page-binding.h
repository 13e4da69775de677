/* chq-page-binding.h: what a page keeps of the account it shows: the backend, a
 * cancellable for its reads, and its handlers on the store, the outbox and the sync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-backend.h"

G_BEGIN_DECLS

#define CHQ_TYPE_PAGE_BINDING (chq_page_binding_get_type ())

G_DECLARE_FINAL_TYPE (ChqPageBinding, chq_page_binding, CHQ, PAGE_BINDING, GObject)

ChqPageBinding *chq_page_binding_new                 (void);
ChqBackend     *chq_page_binding_get_backend         (ChqPageBinding *self);
gboolean        chq_page_binding_set_backend         (ChqPageBinding *self,
                                                      ChqBackend     *backend);
GCancellable   *chq_page_binding_get_cancellable     (ChqPageBinding *self);
GListModel     *chq_page_binding_get_outbox_entries  (ChqPageBinding *self);
GSignalGroup   *chq_page_binding_get_store_signals   (ChqPageBinding *self);
GSignalGroup   *chq_page_binding_get_outbox_signals  (ChqPageBinding *self);
GSignalGroup   *chq_page_binding_get_sync_signals    (ChqPageBinding *self);
GSignalGroup   *chq_page_binding_get_entries_signals (ChqPageBinding *self);

G_END_DECLS
