/* chq-collection-model.h: a small collection of the store (orders, batches, workers,
 * enrolments) as a GListModel that follows the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-store.h"

G_BEGIN_DECLS

typedef enum {
  CHQ_COLLECTION_ORDERS,      /* ChqOrder, newest first */
  CHQ_COLLECTION_BATCHES,     /* ChqVoucherBatch, as the wallet lists them */
  CHQ_COLLECTION_WORKERS,     /* ChqWorker, by name */
  CHQ_COLLECTION_ENROLMENTS,  /* ChqEnrolment of one year, by start */
} ChqCollection;

#define CHQ_TYPE_COLLECTION_MODEL (chq_collection_model_get_type ())

G_DECLARE_FINAL_TYPE (ChqCollectionModel, chq_collection_model, CHQ, COLLECTION_MODEL, GObject)

/* Reads the collection off the main thread at once and again after each store "changed"
 * for it; a new read replaces the items with one items-changed covering only what
 * differs. Properties: "n-items", "item-type", "loading", "year" (enrolments). */
ChqCollectionModel *chq_collection_model_new         (ChqStore           *store,
                                                      ChqCollection       collection);
ChqCollection       chq_collection_model_get_collection (ChqCollectionModel *self);
/* The calendar year of the enrolments shown (default: the current year). */
void                chq_collection_model_set_year    (ChqCollectionModel *self,
                                                      int                 year);
int                 chq_collection_model_get_year    (ChqCollectionModel *self);
gboolean            chq_collection_model_get_loading (ChqCollectionModel *self);
void                chq_collection_model_reload      (ChqCollectionModel *self);

G_END_DECLS
