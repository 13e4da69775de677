/* chq-outbox-effect.h: finds what an old outbox entry did on the service, if anything
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-outbox-entry.h"

G_BEGIN_DECLS

/* Only named here: what the client can do is for the cache's own files (chq-client.h). */
typedef struct _ChqClient ChqClient;

/* The lists of the service an entry's effect is looked for in. */
typedef enum {
  CHQ_OUTBOX_LIST_ORDERS     = 1 << 0,
  CHQ_OUTBOX_LIST_WORKERS    = 1 << 1,
  CHQ_OUTBOX_LIST_ENROLMENTS = 1 << 2,
} ChqOutboxLists;

/* FOUND: exactly one object shows the entry's effect; ABSENT: none does; AMBIGUOUS: more
 * than one could be it. */
typedef enum {
  CHQ_OUTBOX_EFFECT_FOUND,
  CHQ_OUTBOX_EFFECT_ABSENT,
  CHQ_OUTBOX_EFFECT_AMBIGUOUS,
} ChqOutboxEffect;

ChqOutboxLists  chq_outbox_effect_lists       (ChqOutboxKind    kind);
gboolean        chq_outbox_entry_needs_check  (ChqOutboxEntry  *entry,
                                               GDateTime       *now);
ChqOutboxEffect chq_outbox_find_effect        (ChqOutboxEntry  *entry,
                                               GPtrArray       *orders,
                                               GPtrArray       *workers,
                                               GPtrArray       *enrolments,
                                               GHashTable      *claimed,
                                               GObject        **out_found);
char           *chq_outbox_effect_message     (ChqOutboxKind    kind,
                                               ChqOutboxEffect  effect);

void            chq_outbox_fetch_lists_async  (ChqClient           *client,
                                               ChqOutboxEntry      *entry,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        chq_outbox_fetch_lists_finish (ChqClient           *client,
                                               GAsyncResult        *result,
                                               GPtrArray          **out_orders,
                                               GPtrArray          **out_workers,
                                               GPtrArray          **out_enrolments,
                                               GError             **error);

G_END_DECLS
