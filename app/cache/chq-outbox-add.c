/* chq-outbox-add.c: adding an entry to the outbox, at once or while it is already listed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry gets its id from the outbox before its row is written (AUTOINCREMENT's last
 * value, read at open, then counted here), so that chq_outbox_add_async() can list it at
 * once, waiting to be sent, with the id it keeps on disk, while the commit (a full fsync)
 * runs on a thread. It is never sent before it is on disk.
 */
#define G_LOG_DOMAIN "chq-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-db.h"
#include "chq-outbox-private.h"

/* What an entry is made of when it is added. */
typedef struct {
  gint64          id;           /* reserved with _chq_outbox_reserve_id() */
  char           *key;          /* owned: the idempotency key */
  char           *account_key;  /* owned */
  ChqOutboxKind   kind;
  char           *target_id;    /* owned, nullable */
  char           *payload_json; /* owned */
  gint64          created_at;
  ChqOutboxEntry *entry;        /* owned, nullable: as listed while it waits for the disk */
} AddData;

static void
add_data_free (AddData *data)
{
  g_free (data->key);
  g_free (data->account_key);
  g_free (data->target_id);
  g_free (data->payload_json);
  g_clear_object (&data->entry);
  g_free (data);
}

static AddData *
add_data_new (ChqOutbox     *self,
              const char    *account_key,
              ChqOutboxKind  kind,
              const char    *target_id,
              JsonNode      *payload)
{
  AddData *data = g_new0 (AddData, 1);

  data->id = _chq_outbox_reserve_id (self);
  data->key = g_uuid_string_random ();
  data->account_key = g_strdup (account_key);
  data->kind = kind;
  data->target_id = g_strdup (target_id);
  data->payload_json = payload != NULL ? json_to_string (payload, FALSE) : g_strdup ("{}");
  data->created_at = _chq_outbox_now_usec (self);

  return data;
}

/* Commits the row of @data, and only then stops listing its entry as being added. Should
 * another process have taken the reserved id, the row gets the next free one. */
static gint64
insert_entry (ChqOutbox  *self,
              AddData    *data,
              GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;
  int rc;

  g_mutex_lock (&self->lock);
  stmt = chq_db_prepare (self->db,
                         "INSERT INTO entries (id, idempotency_key, account_key, kind, "
                         "target_id, payload, state, created_at, updated_at) "
                         "VALUES (?7, ?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6)",
                         error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, data->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, data->account_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, chq_outbox_kind_to_string (data->kind), -1, SQLITE_STATIC);
      chq_db_bind_text (stmt, 4, data->target_id);
      sqlite3_bind_text (stmt, 5, data->payload_json, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, data->created_at);
      sqlite3_bind_int64 (stmt, 7, data->id);

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE &&
          sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_null (stmt, 7);
          rc = sqlite3_step (stmt);
        }
      if (rc == SQLITE_DONE)
        id = sqlite3_last_insert_rowid (self->db);
      else
        chq_db_set_error (error, self->db, rc, _("Could not save the change"));
    }

  _chq_outbox_release_adding (self, data->entry, id);
  _chq_outbox_unlock_db (self, error);

  return id;
}

/**
 * chq_outbox_add:
 * @self: a #ChqOutbox
 * @account_key: whose write it is (chq_outbox_account_key())
 * @kind: what to ask the service
 * @target_id: (nullable): the order, worker or enrolment acted on
 * @payload: (nullable): the request body (a JSON object; %NULL for an empty one)
 * @error: return location for a #GError
 *
 * Adds a write to the end of the queue with a fresh idempotency key (a random UUID). The
 * row, key included, is committed to disk before this returns, so from here on the write
 * survives a crash and is sent at most once.
 *
 * Returns: the entry's id, or 0 with @error set
 */
gint64
chq_outbox_add (ChqOutbox      *self,
                const char     *account_key,
                ChqOutboxKind   kind,
                const char     *target_id,
                JsonNode       *payload,
                GError        **error)
{
  AddData *data;
  gint64 id;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), 0);
  g_return_val_if_fail (account_key != NULL, 0);
  g_return_val_if_fail ((guint) kind < CHQ_N_OUTBOX_KINDS, 0);

  data = add_data_new (self, account_key, kind, target_id, payload);
  id = insert_entry (self, data, error);
  add_data_free (data);

  if (id != 0)
    _chq_outbox_emit_changed (self);

  return id;
}

/* The entry as listed while its row waits for the disk: as it will be read back. */
static ChqOutboxEntry *
entry_new_adding (AddData *data)
{
  g_autoptr(GDateTime) created_at = _chq_outbox_date_time_from_usec (data->created_at);

  return g_object_new (CHQ_TYPE_OUTBOX_ENTRY,
                       "id", data->id,
                       "idempotency-key", data->key,
                       "account-key", data->account_key,
                       "kind", data->kind,
                       "target-id", data->target_id,
                       "payload-json", data->payload_json,
                       "state", CHQ_OUTBOX_STATE_PENDING,
                       "created-at", created_at,
                       "updated-at", created_at,
                       NULL);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ChqOutbox *self = source_object;
  AddData *data = task_data;
  GError *error = NULL;
  gint64 *id = g_new (gint64, 1);

  /* Listed since chq_outbox_add_async(): `changed` again only if it went, or its id
   * changed. */
  *id = insert_entry (self, data, &error);
  if (*id != data->id)
    _chq_outbox_emit_changed (self);
  if (*id != 0)
    g_task_return_pointer (task, id, g_free);
  else
    {
      g_free (id);
      g_task_return_error (task, error);
    }
}

/**
 * chq_outbox_add_async:
 * @self: a #ChqOutbox
 * @account_key: whose write it is
 * @kind: what to ask the service
 * @target_id: (nullable): the order, worker or enrolment acted on
 * @payload: (nullable): the request body
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once the entry is on disk
 * @user_data: data for @callback
 *
 * chq_outbox_add() on a worker thread: the commit waits for the disk, which the main
 * loop should not. The entry is listed at once, waiting to be sent, with the id it keeps
 * (chq_outbox_list(), chq_outbox_count_pending(), the models and `changed`), but it is
 * not sent before it is on disk; it leaves the lists if the commit fails. Cancelling does
 * not undo an entry already committed.
 *
 * Returns: the id the entry is listed with, which it keeps on disk (unless another process
 *   took it meanwhile: chq_outbox_add_finish() tells), or 0 on a programming error
 */
gint64
chq_outbox_add_async (ChqOutbox           *self,
                      const char          *account_key,
                      ChqOutboxKind        kind,
                      const char          *target_id,
                      JsonNode            *payload,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;
  gint64 id;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), 0);
  g_return_val_if_fail (account_key != NULL, 0);
  g_return_val_if_fail ((guint) kind < CHQ_N_OUTBOX_KINDS, 0);

  data = add_data_new (self, account_key, kind, target_id, payload);
  id = data->id;
  data->entry = entry_new_adding (data);
  _chq_outbox_hold_adding (self, data->entry);
  _chq_outbox_emit_changed (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_outbox_add_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_thread);

  return id;
}

/**
 * chq_outbox_add_finish:
 * @self: a #ChqOutbox
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: the new entry's id, or 0 with @error set
 */
gint64
chq_outbox_add_finish (ChqOutbox     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}
