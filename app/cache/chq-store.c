/* chq-store.c: the local cache of what the service sent (SQLite, disposable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One writer connection (guarded by a mutex: the sync engine writes from a worker thread),
 * a small pool of read connections for worker threads (WAL lets them read while a write
 * runs), and one connection for the main thread's per-row lookups. Every connection is
 * SQLITE_OPEN_NOMUTEX and used by one thread at a time.
 *
 * Catalogue search: FTS5 gives the row ids matching the text (cheap, rowid order); the
 * filters, the sort orders and a cheap relevance come from an in-memory index of the few
 * columns they need (about 130 bytes a course), rebuilt when a write bumped the courses
 * generation, and saved in the cache with that generation so that a start loads it
 * instead. Only small match sets are ranked (not with bm25, whose IDF reads every row
 * holding a common word).
 *
 * The class is split by concern, sharing chq-store-private.h: this file holds the object,
 * its connections, opening and state values; chq-store-courses.c the course feed's pages
 * and single courses; chq-store-collections.c the account's small collections;
 * chq-store-index.c the search index; chq-store-query.c the search; chq-store-async.c the
 * reads off the main thread.
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "chq-clock.h"
#include "chq-db.h"
#include "chq-json.h"
#include "chq-store-private.h"
#include "chq-store-schema.h"

/* Idle read connections kept open. */
#define READER_POOL_MAX 4

G_DEFINE_QUARK (chq-store-error-quark, chq_store_error)

G_DEFINE_FINAL_TYPE (ChqStore, chq_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ errors and connections */

/* app/db reports SQLite's failures as CHQ_DB_ERROR; the store's callers (the sync engine,
 * the pages, the tests) know CHQ_STORE_ERROR. This is the one place where the first
 * becomes the second, called where an operation ends: chq_store_open(),
 * _chq_store_write_begin() and _chq_store_write_end(), _chq_store_reader_take() and
 * _chq_store_reader_give(). */
static void
error_from_db (GError **error)
{
  g_autoptr(GError) db_error = chq_db_error_steal (error);

  if (db_error == NULL)
    return;

  if (db_error->code == CHQ_DB_ERROR_NEWER_SCHEMA)
    g_set_error_literal (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_NEWER_SCHEMA,
                         db_error->message);
  else
    g_set_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_FAILED,
                 /* Translators: %s is SQLite's own description of the failure */
                 _("Could not use the local cache (%s). Check that the disk is not full, or "
                   "use “Clear cache” in Preferences."),
                 chq_db_error_get_reason (db_error));
}

gboolean
_chq_store_set_invalid_error (GError **error)
{
  g_set_error_literal (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_INVALID_DATA,
                       _("The service sent data that the local cache cannot keep. Sync "
                         "again later; if this goes on, contact the service’s support."));
  return FALSE;
}

/* Another connection to the cache file chq_store_open() made: WAL and, since the cache is
 * disposable, synchronous=NORMAL, which may lose the last commits on power loss, never
 * consistency. Errors are app/db's. */
sqlite3 *
_chq_store_open_connection (const char  *path,
                            GError     **error)
{
  sqlite3 *db = chq_db_open (path, 0, error);

  if (db != NULL &&
      !chq_db_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
    g_clear_pointer (&db, chq_db_close);

  return db;
}

/* A read connection from the pool, or a new one (query_only); give it back with
 * _chq_store_reader_give(). */
sqlite3 *
_chq_store_reader_take (ChqStore  *self,
                        GError   **error)
{
  sqlite3 *db = NULL;

  g_mutex_lock (&self->pool_lock);
  if (self->readers->len > 0)
    db = g_ptr_array_steal_index_fast (self->readers, self->readers->len - 1);
  g_mutex_unlock (&self->pool_lock);

  if (db != NULL)
    return db;

  db = _chq_store_open_connection (self->path, error);
  if (db != NULL && !chq_db_exec (db, "PRAGMA query_only = ON", error))
    g_clear_pointer (&db, chq_db_close);
  error_from_db (error);

  return db;
}

/* Ends the read transaction if one is open and puts @db back in the pool. An SQLite
 * failure of the read, in @error (nullable), is reported in the store's domain. */
void
_chq_store_reader_give (ChqStore  *self,
                        sqlite3   *db,
                        GError   **error)
{
  chq_db_rollback (db);
  error_from_db (error);

  g_mutex_lock (&self->pool_lock);
  if (self->readers->len < READER_POOL_MAX)
    {
      g_ptr_array_add (self->readers, db);
      db = NULL;
    }
  g_mutex_unlock (&self->pool_lock);

  chq_db_close (db);
}

/* ------------------------------------------------------------------------------ GObject */

static void
chq_store_finalize (GObject *object)
{
  ChqStore *self = (ChqStore *)object;

  g_clear_pointer (&self->row_stmt, sqlite3_finalize);
  g_clear_pointer (&self->next_stmt, sqlite3_finalize);
  g_clear_pointer (&self->main_db, chq_db_close);
  g_clear_pointer (&self->write_db, chq_db_close);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->index, _chq_course_index_unref);
  g_clear_pointer (&self->unsaved, _chq_course_index_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->write_lock);
  g_mutex_clear (&self->pool_lock);
  g_mutex_clear (&self->index_lock);
  g_mutex_clear (&self->build_lock);

  G_OBJECT_CLASS (chq_store_parent_class)->finalize (object);
}

static void
chq_store_class_init (ChqStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_store_finalize;

  /**
   * ChqStore::changed:
   * @self: the store
   * @collection: what changed: "account", "courses", "orders", "wallet", "workers" or
   *   "enrolments" (also the signal detail)
   *
   * Emitted on the main context of the thread that opened the store, after a write
   * committed, so models refresh.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
chq_store_init (ChqStore *self)
{
  g_mutex_init (&self->write_lock);
  g_mutex_init (&self->pool_lock);
  g_mutex_init (&self->index_lock);
  g_mutex_init (&self->build_lock);
  self->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_db_close);
  self->main_context = g_main_context_ref_thread_default ();
}

typedef struct {
  ChqStore *store;       /* owned */
  char     *collection;  /* owned */
} ChangedData;

static void
changed_data_free (gpointer data)
{
  ChangedData *changed = data;

  g_object_unref (changed->store);
  g_free (changed->collection);
  g_free (changed);
}

static gboolean
emit_changed_cb (gpointer data)
{
  ChangedData *changed = data;

  g_signal_emit (changed->store, signals[CHANGED],
                 g_quark_from_string (changed->collection), changed->collection);

  return G_SOURCE_REMOVE;
}

void
_chq_store_queue_changed (ChqStore   *self,
                          const char *collection)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  ChangedData *changed = g_new0 (ChangedData, 1);

  changed->store = g_object_ref (self);
  changed->collection = g_strdup (collection);
  g_source_set_callback (source, emit_changed_cb, changed, changed_data_free);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[chq-store] changed");
  g_source_attach (source, self->main_context);
}

/* ---------------------------------------------------------------------------------- open */

/**
 * chq_store_path_for:
 * @service: the service address
 * @enterprise_number: the signed-in enterprise number
 *
 * One cache per service and account, never mixed: the file is named by a hash of both.
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/chequier/<16 hex>.db`
 */
char *
chq_store_path_for (const char *service,
                    const char *enterprise_number)
{
  g_autofree char *key_text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (enterprise_number != NULL, NULL);

  key_text = g_strconcat (service, "\n", enterprise_number, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key_text, -1);
  hash[16] = '\0';
  name = g_strconcat (hash, ".db", NULL);

  return g_build_filename (g_get_user_cache_dir (), "chequier", name, NULL);
}

/* Opens (creating the folder 0700 and the file 0600) and migrates the cache file. Errors
 * are app/db's, so that the caller can tell a damaged file. */
static sqlite3 *
open_and_migrate (const char  *path,
                  GError     **error)
{
  sqlite3 *db = chq_db_open (path, CHQ_DB_OPEN_CREATE | CHQ_DB_OPEN_KEEP_DIR_MODE, error);

  if (db != NULL &&
      (!chq_db_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error) ||
       !_chq_store_schema_migrate (db, error)))
    g_clear_pointer (&db, chq_db_close);

  return db;
}

static gboolean
move_aside (const char  *path,
            GError     **error)
{
  g_autoptr(GDateTime) now = chq_clock_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The local cache %s is damaged and could not be moved aside: %s. "
                     "Remove it, then start Chéquier again."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *side = g_strconcat (path, i == 0 ? "-wal" : "-shm", NULL);
      g_autofree char *side_aside = g_strconcat (aside, i == 0 ? "-wal" : "-shm", NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_rename (side, side_aside);
    }

  g_warning ("The cache database %s was damaged; moved it to %s and started afresh",
             path, aside);

  return TRUE;
}

/**
 * chq_store_open:
 * @path: the database file (see chq_store_path_for())
 * @error: return location for an error
 *
 * Opens the cache, creating its folder (0700) and file (0600), and migrates it to the
 * current schema. A newer schema is refused (%CHQ_STORE_ERROR_NEWER_SCHEMA). A file that
 * is not a database or is damaged is moved aside to `<path>.corrupt-<timestamp>` and a
 * fresh one is made; chq_store_was_rebuilt() then says so. "changed" is emitted on the
 * calling thread's default main context.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
ChqStore *
chq_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ChqStore) self = NULL;
  sqlite3 *db;
  gboolean rebuilt = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = open_and_migrate (path, &local_error);
  if (db == NULL &&
      (g_error_matches (local_error, CHQ_DB_ERROR, CHQ_DB_ERROR_NOT_DATABASE) ||
       g_error_matches (local_error, CHQ_DB_ERROR, CHQ_DB_ERROR_CORRUPT)))
    {
      g_debug ("Cache %s unreadable: %s", path, local_error->message);
      g_clear_error (&local_error);
      if (!move_aside (path, error))
        return NULL;
      rebuilt = TRUE;
      db = open_and_migrate (path, &local_error);
    }

  if (db == NULL)
    {
      error_from_db (&local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The writer's page staging tables live in memory, and a feed page's writes (the
   * courses, their index) fit in its page cache. */
  if (!chq_db_exec (db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768", error))
    {
      chq_db_close (db);
      error_from_db (error);
      return NULL;
    }

  self = g_object_new (CHQ_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->write_db = db;
  self->rebuilt = rebuilt;

  return g_steal_pointer (&self);
}

/**
 * chq_store_get_path:
 * @self: a store
 *
 * Returns: the database file
 */
const char *
chq_store_get_path (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return self->path;
}

/**
 * chq_store_was_rebuilt:
 * @self: a store
 *
 * Returns: whether opening found the file damaged and started afresh (then do a full sync)
 */
gboolean
chq_store_was_rebuilt (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  return self->rebuilt;
}

/**
 * chq_store_get_schema_version:
 *
 * Returns: the schema version (PRAGMA user_version) this code writes
 */
int
chq_store_get_schema_version (void)
{
  return CHQ_STORE_SCHEMA_VERSION;
}

/* Appends a run of non-ASCII characters, decomposed (NFKD), without marks, casefolded. */
static void
fold_run (GString    *out,
          const char *run,
          gssize      len)
{
  g_autofree char *decomposed = g_utf8_normalize (run, len, G_NORMALIZE_ALL);
  g_autofree char *folded = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (kept, c);
    }
  folded = g_utf8_casefold (kept->str, kept->len);
  g_string_append (out, folded);
}

/* A sort key: casefolded with accents stripped, so "Énergie" sorts with "energie" (NFKD,
 * marks dropped, casefolded; "" for text that is not UTF-8). ASCII characters are folded
 * directly and split the rest into runs folded apart: an ASCII character decomposes to
 * itself and is a starter, which canonical ordering never moves a mark across, so this is
 * the same as folding the whole text at once, for less work. */
char *
_chq_store_fold_for_sort (const char *text)
{
  GString *out;
  const char *p = text;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  while (*p != '\0')
    {
      const char *run = p;

      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          p++;
          continue;
        }
      while (*p != '\0' && (guchar) *p >= 0x80)
        p++;
      fold_run (out, run, p - run);
    }

  return g_string_free (out, FALSE);
}

/* Stored JSON is read as strictly as the service's answers (chq_json_parse()): a row
 * written by another version or damaged on disk is refused, never half-read. */
JsonNode *
_chq_store_node_from_text (const char  *text,
                           GError     **error)
{
  JsonNode *node = text != NULL ? chq_json_parse (text, strlen (text), 0, NULL) : NULL;

  if (node == NULL)
    _chq_store_set_invalid_error (error);

  return node;
}

/* ------------------------------------------------------------------------------- writes */

/* Takes the writer and opens its transaction; end with _chq_store_write_end(). */
gboolean
_chq_store_write_begin (ChqStore  *self,
                        GError   **error)
{
  g_mutex_lock (&self->write_lock);
  if (!chq_db_begin (self->write_db, error))
    {
      g_mutex_unlock (&self->write_lock);
      error_from_db (error);
      return FALSE;
    }
  return TRUE;
}

/* Commits when ok (else rolls back) and releases the writer; returns whether it committed.
 * An SQLite failure, in @error, is reported in the store's domain. */
gboolean
_chq_store_write_end (ChqStore  *self,
                      gboolean   ok,
                      GError   **error)
{
  if (ok)
    ok = chq_db_commit (self->write_db, error);
  if (!ok)
    chq_db_rollback (self->write_db);
  g_mutex_unlock (&self->write_lock);
  error_from_db (error);

  return ok;
}

gboolean
_chq_store_set_state_value (sqlite3     *db,
                            const char  *key,
                            const char  *value,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value == NULL)
    stmt = chq_db_prepare (db, "DELETE FROM sync_state WHERE key = ?1", error);
  else
    stmt = chq_db_prepare (db,
                           "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;

  chq_db_bind_text (stmt, 1, key);
  if (value != NULL)
    chq_db_bind_text (stmt, 2, value);

  return chq_db_step_done (sqlite3_db_handle (stmt), stmt, error);
}

gboolean
_chq_store_bump_courses_generation (sqlite3  *db,
                                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    chq_db_prepare (db,
                    "INSERT INTO sync_state (key, value) VALUES ('courses_generation', 1) "
                    "ON CONFLICT (key) DO UPDATE SET value = value + 1", error);

  return stmt != NULL && chq_db_step_done (sqlite3_db_handle (stmt), stmt, error);
}

/**
 * chq_store_set_etag:
 * @self: a store
 * @collection: a collection name (CHQ_STORE_COURSES, ...)
 * @etag: (nullable): the ETag the service sent, %NULL to forget it
 * @error: return location for an error
 *
 * Returns: whether it was stored
 */
gboolean
chq_store_set_etag (ChqStore    *self,
                    const char  *collection,
                    const char  *etag,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (collection != NULL, FALSE);

  if (!_chq_store_write_begin (self, error))
    return FALSE;
  if (etag != NULL)
    stmt = chq_db_prepare (self->write_db,
                           "INSERT INTO etags (collection, etag) VALUES (?1, ?2) "
                           "ON CONFLICT (collection) DO UPDATE SET etag = excluded.etag", error);
  else
    stmt = chq_db_prepare (self->write_db, "DELETE FROM etags WHERE collection = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      chq_db_bind_text (stmt, 1, collection);
      if (etag != NULL)
        chq_db_bind_text (stmt, 2, etag);
      ok = chq_db_step_done (sqlite3_db_handle (stmt), stmt, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  return _chq_store_write_end (self, ok, error);
}

/**
 * chq_store_enrolments_collection:
 * @year: a calendar year
 *
 * Returns: (transfer full): the ETag key of the enrolments of @year ("enrolments/2026")
 */
char *
chq_store_enrolments_collection (int year)
{
  return g_strdup_printf ("%s/%d", CHQ_STORE_ENROLMENTS, year);
}

/**
 * chq_store_set_last_sync:
 * @self: a store
 * @when: the end of the last successful sync
 * @error: return location for an error
 *
 * Returns: whether it was stored
 */
gboolean
chq_store_set_last_sync (ChqStore    *self,
                         GDateTime   *when,
                         GError     **error)
{
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  text = g_date_time_format_iso8601 (when);
  if (!_chq_store_write_begin (self, error))
    return FALSE;
  ok = _chq_store_set_state_value (self->write_db, "last_sync", text, error);

  return _chq_store_write_end (self, ok, error);
}

/**
 * chq_store_clear:
 * @self: a store
 * @error: return location for an error
 *
 * Empties every table (for "Clear cache"): the cursor and ETags go too, so the next sync
 * is a full one. "changed" follows for every collection.
 *
 * Returns: whether the cache was emptied
 */
gboolean
chq_store_clear (ChqStore  *self,
                 GError   **error)
{
  static const char * const collections[] = {
    CHQ_STORE_ACCOUNT, CHQ_STORE_COURSES, CHQ_STORE_ORDERS, CHQ_STORE_WALLET,
    CHQ_STORE_WORKERS, CHQ_STORE_ENROLMENTS,
  };
  gboolean ok;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);

  if (!_chq_store_write_begin (self, error))
    return FALSE;
  /* The generation is kept (and bumped) so no stale search index survives. */
  ok = chq_db_exec (self->write_db,
                    "DELETE FROM courses;"
                    "DELETE FROM course_index;"
                    "DELETE FROM sync_state WHERE key != 'courses_generation';"
                    "DELETE FROM etags;"
                    "DELETE FROM account;"
                    "DELETE FROM orders;"
                    "DELETE FROM wallet;"
                    "DELETE FROM batches;"
                    "DELETE FROM workers;"
                    "DELETE FROM enrolments;", error) &&
       _chq_store_bump_courses_generation (self->write_db, error);
  if (!_chq_store_write_end (self, ok, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    _chq_store_queue_changed (self, collections[i]);

  return TRUE;
}

/* -------------------------------------------------------------------------------- reads */

/* The first column of the first row as text, or NULL. */
char *
_chq_store_read_text (ChqStore    *self,
                      const char  *sql,
                      const char  *arg,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *value = NULL;
  sqlite3 *db;
  int rc;

  if ((db = _chq_store_reader_take (self, error)) == NULL)
    return NULL;

  if ((stmt = chq_db_prepare (db, sql, error)) != NULL)
    {
      if (arg != NULL)
        chq_db_bind_text (stmt, 1, arg);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        chq_db_set_error (error, db, rc, _("Could not use the database"));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  _chq_store_reader_give (self, db, error);

  return value;
}

/**
 * chq_store_get_etag:
 * @self: a store
 * @collection: a collection name
 *
 * Returns: (transfer full) (nullable): the stored ETag of @collection
 */
char *
chq_store_get_etag (ChqStore   *self,
                    const char *collection)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return _chq_store_read_text (self, "SELECT etag FROM etags WHERE collection = ?1", collection,
                               NULL);
}

/**
 * chq_store_get_cursor:
 * @self: a store
 *
 * Returns: (transfer full) (nullable): the course feed cursor; %NULL means full sync
 */
char *
chq_store_get_cursor (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return _chq_store_read_text (self, "SELECT value FROM sync_state WHERE key = ?1", "cursor", NULL);
}

/**
 * chq_store_get_last_sync:
 * @self: a store
 *
 * Returns: (transfer full) (nullable): the end of the last successful sync
 */
GDateTime *
chq_store_get_last_sync (ChqStore *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);

  text = _chq_store_read_text (self, "SELECT value FROM sync_state WHERE key = ?1", "last_sync",
                               NULL);
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}
GObject *
_chq_store_object_from_text (const char  *text,
                             GType        type,
                             GError     **error)
{
  g_autoptr(JsonNode) node = _chq_store_node_from_text (text, error);

  return node ? chq_model_from_json (type, node, error) : NULL;
}
