/* chq-outbox.c: the writes waiting to be sent, kept on disk until the service has them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every write the user asks for (order vouchers, book a worker, ...) becomes a row here,
 * with its Idempotency-Key made and committed before anything goes on the wire. The sync
 * engine sends the rows oldest first, one at a time, with the same key on every attempt and
 * across restarts, so the service applies each write at most once however often the app is
 * killed or the network drops. Unlike the cache, this file is never thrown away: a damaged
 * outbox is reported, not rebuilt.
 */
#define G_LOG_DOMAIN "chq-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "chq-db.h"
#include "chq-outbox-private.h"

G_DEFINE_FINAL_TYPE (ChqOutbox, chq_outbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (chq-outbox-error-quark, chq_outbox_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One step per version; each runs in its own transaction with the new user_version. */
static const ChqDbMigration migrations[] = {
  /* 0 -> 1 */
  { 1,
    "CREATE TABLE entries ("
    "  id              INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  idempotency_key TEXT NOT NULL UNIQUE,"
    "  account_key     TEXT NOT NULL,"
    "  kind            TEXT NOT NULL,"
    "  target_id       TEXT,"
    "  payload         TEXT NOT NULL,"
    "  state           TEXT NOT NULL DEFAULT 'pending'"
    "                  CHECK (state IN ('pending', 'sending', 'sent', 'failed')),"
    "  attempts        INTEGER NOT NULL DEFAULT 0,"
    "  error_message   TEXT,"
    "  error_code      TEXT,"
    "  error_field     TEXT,"
    "  result          TEXT,"
    "  created_at      INTEGER NOT NULL,"
    "  updated_at      INTEGER NOT NULL"
    ");"
    "CREATE INDEX entries_by_account ON entries (account_key, state, id);",
    NULL },
  /* 1 -> 2: when the first and the last attempt went out, so that an entry older than the
   * service's idempotency window is checked before it is sent again. An entry already
   * tried is given its creation as first attempt: the earliest it can have been. */
  { 2,
    "ALTER TABLE entries ADD COLUMN first_attempt_at INTEGER;"
    "ALTER TABLE entries ADD COLUMN last_attempt_at INTEGER;"
    "UPDATE entries SET first_attempt_at = created_at, last_attempt_at = updated_at"
    " WHERE attempts > 0;",
    NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CHQ_OUTBOX_SCHEMA_VERSION);

/* app/db reports SQLite's failures as CHQ_DB_ERROR; the outbox reports them in its own
 * domain, with its own advice (a damaged outbox is kept, never rebuilt). The one place
 * where the first becomes the second, called where each operation releases the lock. */
static void
error_from_db (GError **error)
{
  g_autoptr(GError) db_error = chq_db_error_steal (error);

  if (db_error == NULL)
    return;

  switch (db_error->code)
    {
    case CHQ_DB_ERROR_NEWER_SCHEMA:
      g_set_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_NEWER_SCHEMA,
                   _("Your changes waiting to be sent were saved by a newer version of "
                     "Chéquier. Install that version again to send them."));
      break;
    case CHQ_DB_ERROR_CORRUPT:
    case CHQ_DB_ERROR_NOT_DATABASE:
      g_set_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_CORRUPT,
                   _("The list of changes waiting to be sent is damaged (%s). It was kept as "
                     "it is; quit Chéquier and ask for help before deleting anything."),
                   chq_db_error_get_reason (db_error));
      break;
    case CHQ_DB_ERROR_IO:
    case CHQ_DB_ERROR_READ_ONLY:
      /* app/db's words name the file and what to check */
      g_set_error_literal (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_DATABASE,
                           db_error->message);
      break;
    default:
      g_set_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_DATABASE,
                   _("Your changes could not be saved (%s). Check that the disk is not full, "
                     "then try again."),
                   chq_db_error_get_reason (db_error));
      break;
    }
}

/* Releases the lock taken for a database operation, the outbox's domain on its error. */
void
_chq_outbox_unlock_db (ChqOutbox  *self,
           GError    **error)
{
  g_mutex_unlock (&self->lock);
  error_from_db (error);
}

static GPtrArray *
list_locked (ChqOutbox       *self,
             const char      *account_key,
             ChqOutboxStates  states)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  stmt = chq_db_prepare (self->db,
                  "SELECT " CHQ_OUTBOX_ENTRY_COLUMNS " FROM entries"
                  " WHERE account_key = ?1"
                  "   AND ((?2 & 1 AND state = 'pending') OR (?2 & 2 AND state = 'sending')"
                  "     OR (?2 & 4 AND state = 'sent') OR (?2 & 8 AND state = 'failed'))"
                  " ORDER BY id",
                  NULL);
  if (stmt == NULL)
    return entries;

  sqlite3_bind_text (stmt, 1, account_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, (int) states);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ChqOutboxEntry *entry = _chq_outbox_entry_from_row (stmt);

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }

  if (states & CHQ_OUTBOX_STATES_PENDING)
    _chq_outbox_append_adding (self, account_key, entries);

  return entries;
}

static void
refresh_model (ChqOutbox  *self,
               const char *account_key,
               GListStore *store)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_mutex_lock (&self->lock);
  entries = list_locked (self, account_key,
                         CHQ_OUTBOX_STATES_WAITING | CHQ_OUTBOX_STATES_FAILED);
  g_mutex_unlock (&self->lock);

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       entries->pdata, entries->len);
}

static gboolean
emit_changed_cb (gpointer data)
{
  ChqOutbox *self = CHQ_OUTBOX (data);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->models);
  while (g_hash_table_iter_next (&iter, &key, &value))
    refresh_model (self, key, value);

  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

/* `changed` is always emitted on the context that opened the outbox, whichever thread
 * wrote, so list models and widgets only ever see it on the main thread. */
void
_chq_outbox_emit_changed (ChqOutbox *self)
{
  if (g_thread_self () == self->owner)
    emit_changed_cb (self);
  else
    {
      /* Not g_main_context_invoke(): it may run the callback right here, in this thread,
       * when the main context happens to be idle. */
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_changed_cb, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[chq] outbox changed");
      g_source_attach (source, self->context);
    }
}

static void
chq_outbox_finalize (GObject *object)
{
  ChqOutbox *self = CHQ_OUTBOX (object);

  g_clear_pointer (&self->models, g_hash_table_unref);
  g_clear_pointer (&self->adding, g_ptr_array_unref);
  g_clear_pointer (&self->db, chq_db_close);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->adding_lock);

  G_OBJECT_CLASS (chq_outbox_parent_class)->finalize (object);
}

static void
chq_outbox_class_init (ChqOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_outbox_finalize;

  /**
   * ChqOutbox::changed:
   *
   * An entry was added, changed state, was edited or discarded. Emitted on the main
   * context the outbox was opened on.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
chq_outbox_init (ChqOutbox *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->adding_lock);
  self->adding = g_ptr_array_new_with_free_func (g_object_unref);
  self->context = g_main_context_ref_thread_default ();
  self->owner = g_thread_self ();
  self->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * chq_outbox_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/chequier/outbox.db`: user data, not cache,
 *   since it holds writes the service does not have yet
 */
char *
chq_outbox_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "chequier", "outbox.db", NULL);
}

/**
 * chq_outbox_account_key:
 * @service: the service address
 * @enterprise_number: the signed-in company's enterprise number
 *
 * One outbox may hold entries of several accounts (signing out leaves unsent writes in
 * place); this key says which account an entry belongs to.
 *
 * Returns: (transfer full): the account key
 */
char *
chq_outbox_account_key (const char *service,
                        const char *enterprise_number)
{
  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (enterprise_number != NULL, NULL);

  return g_strdup_printf ("%s %s", enterprise_number, service);
}

/* The highest id the table has given (AUTOINCREMENT never gives an id twice). */
static gint64
read_last_id (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = chq_db_prepare (db, "SELECT seq FROM sqlite_sequence WHERE name = 'entries'", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  return 0;
}

/**
 * chq_outbox_open:
 * @path: the database file, usually chq_outbox_default_path()
 * @error: return location for a #GError
 *
 * Opens (or creates) the outbox and brings its schema up to date, one step per version.
 * A file written by a newer version is refused (%CHQ_OUTBOX_ERROR_NEWER_SCHEMA); a file
 * failing its integrity check is refused and left untouched (%CHQ_OUTBOX_ERROR_CORRUPT).
 *
 * The journal is WAL with `synchronous=FULL`: every commit waits until the log is on disk.
 * With NORMAL, WAL commits since the last checkpoint may vanish on power loss, and an intent
 * the user was told is "waiting to be sent" must not vanish.
 *
 * Returns: (transfer full): the outbox, or %NULL with @error set
 */
ChqOutbox *
chq_outbox_open (const char  *path,
                 GError     **error)
{
  g_autoptr(ChqOutbox) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CHQ_TYPE_OUTBOX, NULL);
  self->path = g_strdup (path);

  self->db = chq_db_open (path,
                          CHQ_DB_OPEN_CREATE | CHQ_DB_OPEN_FULL_SYNC | CHQ_DB_OPEN_KEEP_DIR_MODE,
                          error);
  if (self->db == NULL ||
      !chq_db_check_integrity (self->db, error) ||
      !chq_db_migrate (self->db, migrations, G_N_ELEMENTS (migrations), error))
    {
      error_from_db (error);
      return NULL;
    }

  self->last_id = read_last_id (self->db);

  return g_steal_pointer (&self);
}

/**
 * chq_outbox_get_path:
 * @self: a #ChqOutbox
 *
 * Returns: the database file
 */
const char *
chq_outbox_get_path (ChqOutbox *self)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX (self), NULL);
  return self->path;
}

static ChqOutboxEntry *
get_entry_locked (ChqOutbox  *self,
                  gint64      id,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = chq_db_prepare (self->db,
                         "SELECT " CHQ_OUTBOX_ENTRY_COLUMNS " FROM entries WHERE id = ?1",
                         error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ChqOutboxEntry *entry = _chq_outbox_entry_from_row (stmt);

      if (entry != NULL)
        return entry;
    }
  else if (rc != SQLITE_DONE)
    {
      chq_db_set_error (error, self->db, rc, _("Could not save the change"));
      return NULL;
    }
  else
    {
      ChqOutboxEntry *adding = _chq_outbox_find_adding (self, id);

      if (adding != NULL)
        return adding;
    }

  g_set_error (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_NOT_FOUND,
               _("This change is no longer in the list of changes to send."));
  return NULL;
}

/**
 * chq_outbox_get_entry:
 * @self: a #ChqOutbox
 * @id: an entry id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a snapshot of the entry, or %NULL with @error set
 *   (%CHQ_OUTBOX_ERROR_NOT_FOUND when there is no such entry)
 */
ChqOutboxEntry *
chq_outbox_get_entry (ChqOutbox  *self,
                      gint64      id,
                      GError    **error)
{
  ChqOutboxEntry *entry;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), NULL);

  g_mutex_lock (&self->lock);
  entry = get_entry_locked (self, id, error);
  _chq_outbox_unlock_db (self, error);

  return entry;
}

/**
 * chq_outbox_list:
 * @self: a #ChqOutbox
 * @account_key: whose entries
 * @states: which states to include
 *
 * Returns: (transfer container) (element-type ChqOutboxEntry): the entries, oldest first
 */
GPtrArray *
chq_outbox_list (ChqOutbox       *self,
                 const char      *account_key,
                 ChqOutboxStates  states)
{
  GPtrArray *entries;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (account_key != NULL, NULL);

  g_mutex_lock (&self->lock);
  entries = list_locked (self, account_key, states);
  g_mutex_unlock (&self->lock);

  return entries;
}

/**
 * chq_outbox_count_pending:
 * @self: a #ChqOutbox
 * @account_key: whose entries
 *
 * Returns: how many of the account's writes still wait to be sent (pending or sending)
 */
guint
chq_outbox_count_pending (ChqOutbox  *self,
                          const char *account_key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint count = 0;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), 0);
  g_return_val_if_fail (account_key != NULL, 0);

  g_mutex_lock (&self->lock);
  stmt = chq_db_prepare (self->db,
                  "SELECT count(*) FROM entries WHERE account_key = ?1"
                  " AND state IN ('pending', 'sending')",
                  NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, account_key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        count = (guint) sqlite3_column_int (stmt, 0);
    }
  count += _chq_outbox_count_adding (self, account_key);
  g_mutex_unlock (&self->lock);

  return count;
}

/**
 * chq_outbox_get_model:
 * @self: a #ChqOutbox
 * @account_key: whose entries
 *
 * The entries the UI lists as "waiting to be sent" or "refused": pending, sending and
 * failed, oldest first, refreshed on every change.
 *
 * Returns: (transfer none): a #GListModel of #ChqOutboxEntry, owned by @self
 */
GListModel *
chq_outbox_get_model (ChqOutbox  *self,
                      const char *account_key)
{
  GListStore *store;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (account_key != NULL, NULL);

  store = g_hash_table_lookup (self->models, account_key);
  if (store == NULL)
    {
      store = g_list_store_new (CHQ_TYPE_OUTBOX_ENTRY);
      g_hash_table_insert (self->models, g_strdup (account_key), store);
      refresh_model (self, account_key, store);
    }

  return G_LIST_MODEL (store);
}

/* Runs an UPDATE or DELETE binding ?1 to @id; when it touches no row, says whether the
 * entry is missing or in a state that does not allow it. */
static gboolean
change_entry (ChqOutbox     *self,
              gint64         id,
              sqlite3_stmt  *stmt,
              const char    *wrong_state_message,
              GError       **error)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return chq_db_set_error (error, self->db, rc, _("Could not save the change"));

  if (sqlite3_changes (self->db) == 0)
    {
      g_autoptr(ChqOutboxEntry) entry = get_entry_locked (self, id, error);

      if (entry != NULL)
        g_set_error_literal (error, CHQ_OUTBOX_ERROR, CHQ_OUTBOX_ERROR_WRONG_STATE,
                             wrong_state_message);
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_outbox_discard:
 * @self: a #ChqOutbox
 * @id: an entry id
 * @error: return location for a #GError
 *
 * Removes an entry the user no longer wants sent (typically a refused one). An entry
 * being sent at this moment cannot be discarded (%CHQ_OUTBOX_ERROR_WRONG_STATE).
 *
 * Returns: %TRUE once the entry is gone
 */
gboolean
chq_outbox_discard (ChqOutbox  *self,
                    gint64      id,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), FALSE);

  g_mutex_lock (&self->lock);
  stmt = chq_db_prepare (self->db, "DELETE FROM entries WHERE id = ?1 AND state != 'sending'",
                         error);
  if (stmt != NULL)
    ok = change_entry (self, id, stmt,
                       _("This change is being sent right now. Try again in a moment."),
                       error);
  _chq_outbox_unlock_db (self, error);

  if (ok)
    _chq_outbox_emit_changed (self);

  return ok;
}

/**
 * chq_outbox_update_payload:
 * @self: a #ChqOutbox
 * @id: an entry id
 * @payload: the corrected request body
 * @error: return location for a #GError
 *
 * Replaces the body of a refused entry (or of one never tried) and queues it again.
 *
 * The entry gets a NEW idempotency key: the service remembers a key with the body first
 * sent under it and answers a different body with 409 `conflict`, so the corrected write
 * needs a key of its own. This is safe only because the old body was never applied: a
 * refused write changed nothing, and a write never attempted never left the machine. An
 * entry that may have reached the service (sending, or pending after a failed attempt) is
 * refused with %CHQ_OUTBOX_ERROR_WRONG_STATE, since a new key could apply it twice.
 *
 * Returns: %TRUE when the entry was updated
 */
gboolean
chq_outbox_update_payload (ChqOutbox  *self,
                           gint64      id,
                           JsonNode   *payload,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *payload_json = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);

  payload_json = json_to_string (payload, FALSE);

  g_mutex_lock (&self->lock);
  stmt = chq_db_prepare (self->db,
                  "UPDATE entries SET payload = ?2, idempotency_key = ?3, state = 'pending',"
                  " attempts = 0, error_message = NULL, error_code = NULL,"
                  " error_field = NULL, result = NULL, updated_at = ?4,"
                  " first_attempt_at = NULL, last_attempt_at = NULL"
                  " WHERE id = ?1"
                  "   AND (state = 'failed' OR (state = 'pending' AND attempts = 0))",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 2, payload_json, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, _chq_outbox_now_usec (self));
      ok = change_entry (self, id, stmt,
                         _("This change may already have reached the service, so it can no "
                           "longer be edited. Wait until it is sent, then make a new change."),
                         error);
    }
  _chq_outbox_unlock_db (self, error);

  if (ok)
    _chq_outbox_emit_changed (self);

  return ok;
}

/**
 * chq_outbox_resend:
 * @self: a #ChqOutbox
 * @id: an entry id
 * @error: return location for a #GError
 *
 * Queues a refused entry again, as it is, under a NEW idempotency key: for an entry the
 * sync engine could not match after the service's idempotency window
 * (%CHQ_OUTBOX_CODE_EXPIRED), once the user has checked that the service does not have it.
 * Only failed entries can be sent again (%CHQ_OUTBOX_ERROR_WRONG_STATE otherwise).
 *
 * Returns: %TRUE when the entry waits to be sent again
 */
gboolean
chq_outbox_resend (ChqOutbox  *self,
                   gint64      id,
                   GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = g_uuid_string_random ();
  gboolean ok = FALSE;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), FALSE);

  g_mutex_lock (&self->lock);
  stmt = chq_db_prepare (self->db,
                  "UPDATE entries SET idempotency_key = ?2, state = 'pending', attempts = 0,"
                  " error_message = NULL, error_code = NULL, error_field = NULL,"
                  " result = NULL, updated_at = ?3, first_attempt_at = NULL,"
                  " last_attempt_at = NULL"
                  " WHERE id = ?1 AND state = 'failed'",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, _chq_outbox_now_usec (self));
      ok = change_entry (self, id, stmt,
                         _("Only a change the service refused can be sent again."),
                         error);
    }
  _chq_outbox_unlock_db (self, error);

  if (ok)
    _chq_outbox_emit_changed (self);

  return ok;
}

/**
 * chq_outbox_set_clock:
 * @self: a #ChqOutbox
 * @clock: (nullable): returns the time in microseconds since 1970 (like
 *   g_get_real_time()); %NULL for the real clock
 * @user_data: data for @clock
 *
 * The clock that stamps entries (added, attempted, changed) and that the sync engine reads
 * to tell how old an attempt is. Tests set it to let days pass. @clock may be called from
 * any thread.
 */
void
chq_outbox_set_clock (ChqOutbox          *self,
                      ChqOutboxClockFunc  clock,
                      gpointer            user_data)
{
  g_return_if_fail (CHQ_IS_OUTBOX (self));

  g_mutex_lock (&self->lock);
  self->clock = clock;
  self->clock_data = user_data;
  g_mutex_unlock (&self->lock);
}

/**
 * chq_outbox_now:
 * @self: a #ChqOutbox
 *
 * Returns: (transfer full): now, by the outbox's clock (chq_outbox_set_clock())
 */
GDateTime *
chq_outbox_now (ChqOutbox *self)
{
  gint64 usec;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), NULL);

  g_mutex_lock (&self->lock);
  usec = _chq_outbox_now_usec (self);
  g_mutex_unlock (&self->lock);

  return _chq_outbox_date_time_from_usec (usec);
}

/**
 * chq_outbox_next_to_send:
 * @self: a #ChqOutbox
 * @account_key: the signed-in account
 * @error: return location for a #GError
 *
 * The oldest entry of the account that still has to go: pending, or left in `sending` by
 * a crash (it is sent again with the same key; the service answers it once).
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL when nothing is left (with
 *   @error unset) or on error
 */
ChqOutboxEntry *
chq_outbox_next_to_send (ChqOutbox   *self,
                         const char  *account_key,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ChqOutboxEntry *entry = NULL;
  int rc;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (account_key != NULL, NULL);

  g_mutex_lock (&self->lock);
  stmt = chq_db_prepare (self->db,
                  "SELECT " CHQ_OUTBOX_ENTRY_COLUMNS " FROM entries WHERE account_key = ?1"
                  " AND state IN ('pending', 'sending') ORDER BY id LIMIT 1",
                  error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, account_key, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        entry = _chq_outbox_entry_from_row (stmt);
      else if (rc != SQLITE_DONE)
        chq_db_set_error (error, self->db, rc, _("Could not save the change"));
    }
  _chq_outbox_unlock_db (self, error);

  return entry;
}

static gboolean
mark (ChqOutbox   *self,
      gint64       id,
      const char  *sql,
      const char  *text2,
      const char  *text3,
      const char  *text4,
      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_mutex_lock (&self->lock);
  stmt = chq_db_prepare (self->db, sql, error);
  if (stmt != NULL)
    {
      chq_db_bind_text (stmt, 2, text2);
      chq_db_bind_text (stmt, 3, text3);
      chq_db_bind_text (stmt, 4, text4);
      sqlite3_bind_int64 (stmt, 5, _chq_outbox_now_usec (self));
      ok = change_entry (self, id, stmt,
                         _("This change was already sent or refused."), error);
    }
  _chq_outbox_unlock_db (self, error);

  if (ok)
    _chq_outbox_emit_changed (self);

  return ok;
}

/**
 * chq_outbox_mark_sending:
 * @self: a #ChqOutbox
 * @id: an entry id
 * @error: return location for a #GError
 *
 * Records that a request for the entry is about to go out (and counts the attempt); the
 * first such time is kept, since the service's idempotency window counts from the first
 * request that reached it.
 *
 * Returns: %TRUE on success
 */
gboolean
chq_outbox_mark_sending (ChqOutbox  *self,
                         gint64      id,
                         GError    **error)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX (self), FALSE);

  return mark (self, id,
               "UPDATE entries SET state = 'sending', attempts = attempts + 1,"
               " first_attempt_at = coalesce (first_attempt_at, ?5), last_attempt_at = ?5,"
               " updated_at = ?5 WHERE id = ?1 AND state IN ('pending', 'sending')",
               NULL, NULL, NULL, error);
}

/**
 * chq_outbox_mark_retry:
 * @self: a #ChqOutbox
 * @id: an entry id
 * @message: (nullable): why the attempt did not get through (translated)
 * @error: return location for a #GError
 *
 * A transient failure (cannot reach, timed out, 5xx, 408, 429): the entry stays pending,
 * with the same key, for the next run.
 *
 * Returns: %TRUE on success
 */
gboolean
chq_outbox_mark_retry (ChqOutbox   *self,
                       gint64       id,
                       const char  *message,
                       GError     **error)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX (self), FALSE);

  return mark (self, id,
               "UPDATE entries SET state = 'pending', error_message = ?2, error_code = ?3,"
               " error_field = ?4, updated_at = ?5"
               " WHERE id = ?1 AND state IN ('pending', 'sending')",
               message, NULL, NULL, error);
}

/**
 * chq_outbox_mark_sent:
 * @self: a #ChqOutbox
 * @id: an entry id
 * @result: (nullable): the service's answer
 * @error: return location for a #GError
 *
 * The service accepted the entry; its answer is kept (CHQ_OUTBOX_KEEP_SENT_DAYS) so the UI
 * can show e.g. the payment instructions of an order placed offline.
 *
 * Returns: %TRUE on success
 */
gboolean
chq_outbox_mark_sent (ChqOutbox  *self,
                      gint64      id,
                      JsonNode   *result,
                      GError    **error)
{
  g_autofree char *result_json = NULL;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), FALSE);

  if (result != NULL)
    result_json = json_to_string (result, FALSE);

  return mark (self, id,
               "UPDATE entries SET state = 'sent', result = ?2, error_message = NULL,"
               " error_code = NULL, error_field = NULL, updated_at = ?5"
               " WHERE id = ?1 AND state IN ('pending', 'sending')",
               result_json, NULL, NULL, error);
}

/**
 * chq_outbox_mark_failed:
 * @self: a #ChqOutbox
 * @id: an entry id
 * @message: the translated message to show
 * @code: (nullable): the service's machine word (`ceiling_exceeded`, ...)
 * @field: (nullable): the field at fault
 * @error: return location for a #GError
 *
 * The service refused the entry for good; it is not retried, and stays for the user to
 * edit (chq_outbox_update_payload()) or discard.
 *
 * Returns: %TRUE on success
 */
gboolean
chq_outbox_mark_failed (ChqOutbox   *self,
                        gint64       id,
                        const char  *message,
                        const char  *code,
                        const char  *field,
                        GError     **error)
{
  g_return_val_if_fail (CHQ_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  return mark (self, id,
               "UPDATE entries SET state = 'failed', error_message = ?2, error_code = ?3,"
               " error_field = ?4, updated_at = ?5"
               " WHERE id = ?1 AND state IN ('pending', 'sending')",
               message, code, field, error);
}

/**
 * chq_outbox_purge_sent:
 * @self: a #ChqOutbox
 * @older_than: how old a sent entry must be to go
 * @error: return location for a #GError
 *
 * Removes sent entries the UI no longer needs (the synced store has their results).
 *
 * Returns: how many entries were removed
 */
guint
chq_outbox_purge_sent (ChqOutbox  *self,
                       GTimeSpan   older_than,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint removed = 0;
  int rc;

  g_return_val_if_fail (CHQ_IS_OUTBOX (self), 0);

  g_mutex_lock (&self->lock);
  stmt = chq_db_prepare (self->db,
                  "DELETE FROM entries WHERE state = 'sent' AND updated_at < ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, _chq_outbox_now_usec (self) - older_than);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        removed = (guint) sqlite3_changes (self->db);
      else
        chq_db_set_error (error, self->db, rc, _("Could not save the change"));
    }
  _chq_outbox_unlock_db (self, error);

  if (removed > 0)
    _chq_outbox_emit_changed (self);

  return removed;
}
