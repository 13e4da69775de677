/* chq-outbox-private.h: what the parts of ChqOutbox share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ChqOutbox is split by job: chq-outbox.c opens the file, lists, edits and marks the
 * entries; chq-outbox-add.c adds them, at once or on a thread while the entry is already
 * listed. Both use the two lower parts, which call no other: chq-outbox-rows.c (a row as
 * an entry, the times) and chq-outbox-adding.c (the entries listed before they are on
 * disk). Calls go one way: add -> outbox -> rows, adding.
 */
#pragma once

#include <sqlite3.h>

#include "chq-outbox.h"

G_BEGIN_DECLS

struct _ChqOutbox
{
  GObject       parent_instance;

  char         *path;       /* owned */
  sqlite3      *db;         /* owned; used under @lock only */
  GMutex        lock;
  GMainContext *context;    /* owned: where `changed` is emitted */
  GThread      *owner;      /* the thread that opened the outbox (not owned) */
  GHashTable   *models;     /* owned: account key -> GListStore of waiting/failed entries */
  GMutex        adding_lock;  /* guards @adding and @last_id; taken after @lock, never before */
  GPtrArray    *adding;     /* owned: entries of chq_outbox_add_async() not committed yet */
  gint64        last_id;    /* the highest entry id taken or handed out */
  ChqOutboxClockFunc clock; /* nullable: g_get_real_time() */
  gpointer      clock_data;
};

/* chq-outbox.c */
void            _chq_outbox_unlock_db           (ChqOutbox   *self,
                                                 GError     **error);
void            _chq_outbox_emit_changed        (ChqOutbox   *self);

/* chq-outbox-rows.c. The columns _chq_outbox_entry_from_row() reads, in its order. */
#define CHQ_OUTBOX_ENTRY_COLUMNS \
  "id, idempotency_key, account_key, kind, target_id, payload, state, attempts, " \
  "error_message, error_code, error_field, result, created_at, updated_at, " \
  "first_attempt_at, last_attempt_at"

ChqOutboxEntry *_chq_outbox_entry_from_row      (sqlite3_stmt *stmt);
gint64          _chq_outbox_now_usec            (ChqOutbox   *self);
GDateTime      *_chq_outbox_date_time_from_usec (gint64       usec);

/* chq-outbox-adding.c */
gint64          _chq_outbox_reserve_id          (ChqOutbox      *self);
void            _chq_outbox_hold_adding         (ChqOutbox      *self,
                                                 ChqOutboxEntry *entry);
void            _chq_outbox_release_adding      (ChqOutbox      *self,
                                                 ChqOutboxEntry *entry,
                                                 gint64          id);
/* Called with @lock held. */
void            _chq_outbox_append_adding       (ChqOutbox   *self,
                                                 const char  *account_key,
                                                 GPtrArray   *entries);
guint           _chq_outbox_count_adding        (ChqOutbox   *self,
                                                 const char  *account_key);
ChqOutboxEntry *_chq_outbox_find_adding         (ChqOutbox   *self,
                                                 gint64       id);

G_END_DECLS
