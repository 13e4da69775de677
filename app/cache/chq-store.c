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
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "chq-clock.h"
#include "chq-json.h"
#include "chq-store.h"
#include "chq-store-schema.h"

/* Rank by relevance when the text matches at most this many courses. */
#define RANK_LIMIT 2000
/* Idle read connections kept open. */
#define READER_POOL_MAX 4
#define BUSY_TIMEOUT_MS 5000

G_DEFINE_QUARK (chq-store-error-quark, chq_store_error)

typedef struct _CourseIndex CourseIndex;

struct _ChqStore
{
  GObject        parent_instance;

  char          *path;            /* owned */
  gboolean       rebuilt;
  GMainContext  *main_context;    /* owned: where "changed" is emitted */

  GMutex         write_lock;
  sqlite3       *write_db;        /* owned, used under write_lock */

  GMutex         pool_lock;
  GPtrArray     *readers;         /* owned: idle read connections */

  sqlite3       *main_db;         /* owned, main thread only (row lookups) */
  sqlite3_stmt  *row_stmt;        /* owned */
  sqlite3_stmt  *next_stmt;       /* owned */

  GMutex         index_lock;
  CourseIndex   *index;           /* owned, under index_lock */
  CourseIndex   *unsaved;         /* owned, under index_lock: built, not saved yet */
  GMutex         build_lock;      /* held while an index is built */
};

G_DEFINE_FINAL_TYPE (ChqStore, chq_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void course_index_unref (CourseIndex *index);

/* ------------------------------------------------------------------ errors and connections */

static gboolean
set_db_error (GError     **error,
              sqlite3     *db)
{
  g_set_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_FAILED,
               /* Translators: %s is SQLite's own description of the failure */
               _("Could not use the local cache (%s). Check that the disk is not full, or "
                 "use “Clear cache” in Preferences."),
               db ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

static gboolean
set_invalid_error (GError **error)
{
  g_set_error_literal (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_INVALID_DATA,
                       _("The service sent data that the local cache cannot keep. Sync "
                         "again later; if this goes on, contact the service’s support."));
  return FALSE;
}

static gboolean
is_corrupt_code (int rc)
{
  rc &= 0xff;
  return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          int         *out_rc,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (out_rc != NULL)
    *out_rc = rc;
  if (rc != SQLITE_OK)
    return set_db_error (error, db);
  return TRUE;
}

static sqlite3 *
open_connection (const char  *path,
                 gboolean     create,
                 int         *out_rc,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  int rc;

  if (create)
    flags |= SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_extended_result_codes (db, 1);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* journal_mode reads the header: a file that is not a database fails here. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  /* The cache is disposable: NORMAL may lose the last commits on power loss, never
   * consistency. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON",
                       NULL, NULL, NULL);

  *out_rc = rc;
  if (rc != SQLITE_OK)
    {
      set_db_error (error, db);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, db);
      return NULL;
    }

  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static sqlite3 *
reader_take (ChqStore  *self,
             GError   **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_mutex_lock (&self->pool_lock);
  if (self->readers->len > 0)
    db = g_ptr_array_steal_index_fast (self->readers, self->readers->len - 1);
  g_mutex_unlock (&self->pool_lock);

  if (db != NULL)
    return db;

  db = open_connection (self->path, FALSE, &rc, error);
  if (db != NULL && !exec_sql (db, "PRAGMA query_only = ON", NULL, error))
    g_clear_pointer (&db, sqlite3_close);

  return db;
}

static void
reader_give (ChqStore *self,
             sqlite3  *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  g_mutex_lock (&self->pool_lock);
  if (self->readers->len < READER_POOL_MAX)
    {
      g_ptr_array_add (self->readers, db);
      db = NULL;
    }
  g_mutex_unlock (&self->pool_lock);

  if (db != NULL)
    sqlite3_close (db);
}

/* ------------------------------------------------------------------------------ GObject */

static void
close_db (gpointer db)
{
  sqlite3_close (db);
}

static void
chq_store_finalize (GObject *object)
{
  ChqStore *self = (ChqStore *)object;

  g_clear_pointer (&self->row_stmt, sqlite3_finalize);
  g_clear_pointer (&self->next_stmt, sqlite3_finalize);
  g_clear_pointer (&self->main_db, sqlite3_close);
  g_clear_pointer (&self->write_db, sqlite3_close);
  g_clear_pointer (&self->readers, g_ptr_array_unref);
  g_clear_pointer (&self->index, course_index_unref);
  g_clear_pointer (&self->unsaved, course_index_unref);
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
  self->readers = g_ptr_array_new_with_free_func (close_db);
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

static void
queue_changed (ChqStore   *self,
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

static gboolean
prepare_file (const char  *path,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  /* A folder we make is 0700; one that exists is left as its owner set it. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then the system's reason */
                   _("Could not create the cache folder %s: %s. Check its permissions."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Create the file ourselves so it is 0600 from the start (SQLite gives its -wal and
   * -shm files the same mode). */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || g_chmod (path, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a file, then the system's reason */
                   _("Could not create the cache file %s: %s. Check its permissions."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  return TRUE;
}

static sqlite3 *
open_and_migrate (const char  *path,
                  int         *out_rc,
                  GError     **error)
{
  sqlite3 *db;

  if (!prepare_file (path, error))
    {
      *out_rc = SQLITE_CANTOPEN;
      return NULL;
    }

  db = open_connection (path, TRUE, out_rc, error);
  if (db == NULL)
    return NULL;

  if (!_chq_store_schema_migrate (db, out_rc, error))
    {
      sqlite3_close (db);
      return NULL;
    }

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
  int rc = SQLITE_OK;
  gboolean rebuilt = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = open_and_migrate (path, &rc, &local_error);
  if (db == NULL && is_corrupt_code (rc))
    {
      g_debug ("Cache %s unreadable: %s", path, local_error->message);
      g_clear_error (&local_error);
      if (!move_aside (path, error))
        return NULL;
      rebuilt = TRUE;
      db = open_and_migrate (path, &rc, &local_error);
    }

  if (db == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The writer's page staging tables live in memory, and a feed page's writes (the
   * courses, their index) fit in its page cache. */
  if (!exec_sql (db, "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768", NULL, error))
    {
      sqlite3_close (db);
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

/* --------------------------------------------------------------------------- JSON helpers */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64)json_node_get_double (node);

  return 0;
}

static gboolean
member_bool (JsonObject *object,
             const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  return json_node_get_boolean (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A date-time string as unix time; 0 when absent or invalid. */
static gint64
member_unix (JsonObject *object,
             const char *name)
{
  const char *text = member_string (object, name);
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (text, NULL);

  return dt ? g_date_time_to_unix (dt) : 0;
}

/* Words of a JSON array of strings, space separated (words hold no space). */
static char *
join_words (JsonArray *array)
{
  GString *out = g_string_new (NULL);
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_node_get_string (node));
    }

  return g_string_free (out, FALSE);
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
static char *
fold_for_sort (const char *text)
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

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* Stored JSON is read as strictly as the service's answers (chq_json_parse()): a row
 * written by another version or damaged on disk is refused, never half-read. */
static JsonNode *
string_to_node (const char  *text,
                GError     **error)
{
  JsonNode *node = text != NULL ? chq_json_parse (text, strlen (text), 0, NULL) : NULL;

  if (node == NULL)
    set_invalid_error (error);

  return node;
}

/* ------------------------------------------------------------------------------- writes */

static gboolean
write_begin (ChqStore  *self,
             GError   **error)
{
  g_mutex_lock (&self->write_lock);
  if (!exec_sql (self->write_db, "BEGIN IMMEDIATE", NULL, error))
    {
      g_mutex_unlock (&self->write_lock);
      return FALSE;
    }
  return TRUE;
}

/* Commits when ok (else rolls back) and releases the writer; returns whether it committed. */
static gboolean
write_end (ChqStore  *self,
           gboolean   ok,
           GError   **error)
{
  if (ok)
    ok = exec_sql (self->write_db, "COMMIT", NULL, error);
  if (!ok)
    sqlite3_exec (self->write_db, "ROLLBACK", NULL, NULL, NULL);
  g_mutex_unlock (&self->write_lock);

  return ok;
}

static gboolean
step_done (sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_db_error (error, sqlite3_db_handle (stmt));
  return TRUE;
}

static gboolean
set_state_value (sqlite3     *db,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (value == NULL)
    stmt = prepare (db, "DELETE FROM sync_state WHERE key = ?1", error);
  else
    stmt = prepare (db,
                    "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);

  return step_done (stmt, error);
}

static gboolean
bump_courses_generation (sqlite3  *db,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (db,
             "INSERT INTO sync_state (key, value) VALUES ('courses_generation', 1) "
             "ON CONFLICT (key) DO UPDATE SET value = value + 1", error);

  return stmt != NULL && step_done (stmt, error);
}

/* A page of courses is written in a few set-wide statements rather than one upsert per
 * course: each course (and its sessions) is first staged in a temporary table, then one
 * INSERT ... SELECT upserts them all. The search index (courses_fts) is filled by the
 * courses' triggers, and FTS5 (SQLite 3.40) flushes its pending terms at every statement
 * savepoint: with one statement per course it wrote the index a course at a time, with one
 * statement per page it writes it once per page (docs/performance.md, "First full sync"). */
#define STAGE_COLUMNS \
  "id, json, title, title_key, summary, provider_name, cities, hours, price_cents, " \
  "voucher_type, ai, format, first_start, provinces, languages, themes, updated_at"

typedef struct {
  sqlite3_stmt *stage_course;
  sqlite3_stmt *stage_session;
  sqlite3_stmt *delete_course;
} CourseStatements;

static void
course_statements_clear (CourseStatements *stmts)
{
  g_clear_pointer (&stmts->stage_course, sqlite3_finalize);
  g_clear_pointer (&stmts->stage_session, sqlite3_finalize);
  g_clear_pointer (&stmts->delete_course, sqlite3_finalize);
}

/* Makes the (connection-private) staging tables if needed and empties them. */
static gboolean
course_statements_init (CourseStatements  *stmts,
                        sqlite3           *db,
                        GError           **error)
{
  if (!exec_sql (db,
                 "CREATE TEMP TABLE IF NOT EXISTS chq_page_courses ("
                 "  pos INTEGER PRIMARY KEY, id TEXT NOT NULL, json TEXT NOT NULL,"
                 "  title TEXT NOT NULL, title_key TEXT NOT NULL, summary TEXT NOT NULL,"
                 "  provider_name TEXT NOT NULL, cities TEXT NOT NULL, hours INTEGER NOT NULL,"
                 "  price_cents INTEGER NOT NULL, voucher_type INTEGER NOT NULL,"
                 "  ai INTEGER NOT NULL, format INTEGER NOT NULL, first_start INTEGER,"
                 "  provinces TEXT NOT NULL, languages TEXT NOT NULL, themes TEXT NOT NULL,"
                 "  updated_at TEXT);"
                 "CREATE TEMP TABLE IF NOT EXISTS chq_page_sessions ("
                 "  course_id TEXT NOT NULL, starts_at INTEGER NOT NULL, city TEXT);"
                 "DELETE FROM temp.chq_page_courses;"
                 "DELETE FROM temp.chq_page_sessions;", NULL, error))
    return FALSE;

  stmts->stage_course =
    prepare (db,
             "INSERT INTO temp.chq_page_courses (" STAGE_COLUMNS ") "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
             "  ?16, ?17)", error);
  if (stmts->stage_course != NULL)
    stmts->stage_session =
      prepare (db, "INSERT INTO temp.chq_page_sessions (course_id, starts_at, city) "
                   "VALUES (?1, ?2, ?3)", error);
  if (stmts->stage_session != NULL)
    stmts->delete_course = prepare (db, "DELETE FROM courses WHERE id = ?1", error);

  return stmts->delete_course != NULL;
}

/* Writes the staged courses (in page order: a course twice in a page ends as its last copy,
 * as with one upsert each) and replaces their sessions with the staged ones. */
static gboolean
write_staged_courses (sqlite3  *db,
                      GError  **error)
{
  return exec_sql (db,
                   "INSERT INTO courses (" STAGE_COLUMNS ") "
                   "SELECT " STAGE_COLUMNS " FROM temp.chq_page_courses WHERE true "
                   "ORDER BY pos "
                   "ON CONFLICT (id) DO UPDATE SET json = excluded.json, "
                   "  title = excluded.title, title_key = excluded.title_key, "
                   "  summary = excluded.summary, provider_name = excluded.provider_name, "
                   "  cities = excluded.cities, hours = excluded.hours, "
                   "  price_cents = excluded.price_cents, "
                   "  voucher_type = excluded.voucher_type, ai = excluded.ai, "
                   "  format = excluded.format, first_start = excluded.first_start, "
                   "  provinces = excluded.provinces, languages = excluded.languages, "
                   "  themes = excluded.themes, updated_at = excluded.updated_at;"
                   "DELETE FROM course_sessions WHERE course_rid IN ("
                   "  SELECT c.rid FROM courses c WHERE c.id IN "
                   "    (SELECT id FROM temp.chq_page_courses));"
                   "INSERT INTO course_sessions (course_rid, starts_at, city) "
                   "SELECT c.rid, s.starts_at, s.city FROM temp.chq_page_sessions s "
                   "  JOIN courses c ON c.id = s.course_id ORDER BY s.rowid;"
                   "DELETE FROM temp.chq_page_courses;"
                   "DELETE FROM temp.chq_page_sessions;", NULL, error);
}

/* Adds a word to a list of distinct words (borrowed strings). */
static void
add_distinct (GPtrArray  *words,
              const char *word)
{
  if (word == NULL || *word == '\0')
    return;
  for (guint i = 0; i < words->len; i++)
    if (g_str_equal (g_ptr_array_index (words, i), word))
      return;
  g_ptr_array_add (words, (gpointer)word);
}

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* One course as the staging table takes it: what the writer binds, computed before. */
typedef struct {
  char    *id;             /* owned */
  char    *json;           /* owned, nullable: generated when the page's text is not used */
  const char *json_text;   /* the course's JSON text: json, or a span of the page's text */
  gsize    json_len;       /* its length in bytes */
  char    *title;          /* owned */
  char    *title_key;      /* owned */
  char    *summary;        /* owned */
  char    *provider_name;  /* owned */
  char    *cities;         /* owned */
  char    *provinces;      /* owned */
  char    *languages;      /* owned */
  char    *themes;         /* owned */
  char    *updated_at;     /* owned, nullable */
  gint64   hours;
  gint64   price_cents;
  gint64   first_start;    /* G_MAXINT64: none */
  int      voucher_type;
  int      ai;
  int      format;
} StagedCourse;

/* One session of a course's last copy in the page. */
typedef struct {
  guint    course;         /* index in the courses */
  gint64   starts_at;
  char    *city;           /* owned, nullable */
} StagedSession;

struct _ChqStagedCourses
{
  GArray *courses;         /* owned, of StagedCourse, in page order */
  GArray *sessions;        /* owned, of StagedSession */
  GBytes *text;            /* owned, nullable: the page's text, which the courses' JSON
                            * texts are spans of */
};

static void
staged_course_clear (gpointer data)
{
  StagedCourse *course = data;

  g_free (course->id);
  g_free (course->json);
  g_free (course->title);
  g_free (course->title_key);
  g_free (course->summary);
  g_free (course->provider_name);
  g_free (course->cities);
  g_free (course->provinces);
  g_free (course->languages);
  g_free (course->themes);
  g_free (course->updated_at);
}

static void
staged_session_clear (gpointer data)
{
  StagedSession *session = data;

  g_free (session->city);
}

/**
 * chq_staged_courses_free:
 * @staged: (nullable): courses staged with chq_staged_courses_new()
 */
void
chq_staged_courses_free (ChqStagedCourses *staged)
{
  if (staged == NULL)
    return;

  g_array_unref (staged->courses);
  g_array_unref (staged->sessions);
  g_clear_pointer (&staged->text, g_bytes_unref);
  g_free (staged);
}

/* Computes a course's columns (and its sessions', when with_sessions) from its JSON;
 * its JSON text is @span of the staged page text, or generated from @node without one. */
static gboolean
stage_course (ChqStagedCourses   *staged,
              JsonNode           *node,
              const ChqJsonSpan  *span,
              gboolean            with_sessions,
              GError            **error)
{
  JsonObject *course = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *id = member_string (course, "id");
  const char *title = member_string (course, "title");
  const char *summary = member_string (course, "summary");
  const char *provider_name = member_string (member_object (course, "provider"), "name");
  JsonArray *locations = member_array (course, "locations");
  JsonArray *sessions = member_array (course, "sessions");
  g_autoptr(GPtrArray) cities = g_ptr_array_new ();
  g_autoptr(GPtrArray) provinces = g_ptr_array_new ();
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  StagedCourse row = { NULL, };
  ChqVoucherType voucher_type;
  ChqCourseFormat format;
  guint n_sessions = sessions ? json_array_get_length (sessions) : 0;

  if (id == NULL || *id == '\0' || title == NULL ||
      !chq_voucher_type_from_string (member_string (course, "voucher_type"), &voucher_type) ||
      !chq_course_format_from_string (member_string (course, "format"), &format))
    return set_invalid_error (error);

  row.first_start = G_MAXINT64;
  for (guint i = 0; locations && i < json_array_get_length (locations); i++)
    {
      JsonObject *location = element_object (locations, i);

      add_distinct (cities, member_string (location, "city"));
      add_distinct (provinces, member_string (location, "province"));
    }
  g_array_set_size (starts, n_sessions);
  for (guint i = 0; i < n_sessions; i++)
    {
      JsonObject *session = element_object (sessions, i);
      gint64 start = member_unix (session, "starts_at");

      g_array_index (starts, gint64, i) = start;
      add_distinct (cities, member_string (session, "city"));
      if (start != 0)
        row.first_start = MIN (row.first_start, start);
    }
  g_ptr_array_add (cities, NULL);
  g_ptr_array_add (provinces, NULL);

  row.id = g_strdup (id);
  if (span != NULL)
    {
      row.json_text = (const char *) g_bytes_get_data (staged->text, NULL) + span->offset;
      row.json_len = span->length;
    }
  else
    {
      row.json = node_to_string (node);
      row.json_text = row.json;
      row.json_len = strlen (row.json);
    }
  row.title = g_strdup (title);
  row.title_key = fold_for_sort (title);
  row.summary = g_strdup (summary ? summary : "");
  row.provider_name = g_strdup (provider_name ? provider_name : "");
  row.cities = g_strjoinv (" ", (char **)cities->pdata);
  row.provinces = g_strjoinv (" ", (char **)provinces->pdata);
  row.languages = join_words (member_array (course, "languages"));
  row.themes = join_words (member_array (course, "themes"));
  row.updated_at = g_strdup (member_string (course, "updated_at"));
  row.hours = member_int (course, "hours");
  row.price_cents = member_int (course, "price_cents");
  row.voucher_type = voucher_type;
  row.ai = member_bool (course, "ai");
  row.format = format;
  g_array_append_val (staged->courses, row);

  for (guint i = 0; with_sessions && i < n_sessions; i++)
    {
      StagedSession session = { staged->courses->len - 1,
                                g_array_index (starts, gint64, i), NULL };

      if (session.starts_at == 0)
        continue;
      session.city = g_strdup (member_string (element_object (sessions, i), "city"));
      g_array_append_val (staged->sessions, session);
    }

  return TRUE;
}

/* nodes: JsonNode* of course objects; spans (nullable, one per node): where their texts
 * are in @text. */
static ChqStagedCourses *
staged_courses_new (GPtrArray          *nodes,
                    GBytes             *text,
                    const ChqJsonSpan  *spans,
                    GError            **error)
{
  ChqStagedCourses *staged = g_new0 (ChqStagedCourses, 1);
  /* A course twice in a page keeps the sessions of its last copy only. */
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);

  if (spans != NULL)
    staged->text = g_bytes_ref (text);

  staged->courses = g_array_sized_new (FALSE, FALSE, sizeof (StagedCourse), nodes->len);
  g_array_set_clear_func (staged->courses, staged_course_clear);
  staged->sessions = g_array_new (FALSE, FALSE, sizeof (StagedSession));
  g_array_set_clear_func (staged->sessions, staged_session_clear);

  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node)
                       ? member_string (json_node_get_object (node), "id") : NULL;

      if (id != NULL)
        g_hash_table_insert (last, (gpointer) id, GUINT_TO_POINTER (i));
    }
  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node)
                       ? member_string (json_node_get_object (node), "id") : NULL;
      gboolean with_sessions = id != NULL &&
                               GPOINTER_TO_UINT (g_hash_table_lookup (last, id)) == i;

      if (!stage_course (staged, node, spans != NULL ? &spans[i] : NULL, with_sessions,
                         error))
        {
          chq_staged_courses_free (staged);
          return NULL;
        }
    }

  return staged;
}

/**
 * chq_staged_courses_new:
 * @items: (nullable): the course objects of a feed page, as the service sent them
 * @error: return location for an error
 *
 * Computes, from the courses' JSON, everything the store writes for them (the columns,
 * the JSON text, the sessions), so that chq_store_apply_staged_courses() only has to hand
 * them to SQLite. Needs no store: call it on any thread, e.g. before the writer is free.
 *
 * Returns: (transfer full) (nullable): the staged courses, or %NULL with @error set
 *   (%CHQ_STORE_ERROR_INVALID_DATA) when a course cannot be filed (no id, no title, an
 *   unknown voucher type or format)
 */
ChqStagedCourses *
chq_staged_courses_new (JsonArray  *items,
                        GError    **error)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    g_ptr_array_add (nodes, json_array_get_element (items, i));

  return staged_courses_new (nodes, NULL, NULL, error);
}

/**
 * chq_staged_courses_new_from_text:
 * @items: (nullable): the course objects of a feed page, as the service sent them
 * @text: (nullable): the text of that page, which the parser read @items from
 * @error: return location for an error
 *
 * As chq_staged_courses_new(), but each course's JSON text is taken from @text as the
 * service sent it (chq_json_find_feed_items()) rather than generated again from @items;
 * the staged courses keep a reference to @text for that. When the items cannot be found
 * in @text with certainty, their text is generated as with chq_staged_courses_new().
 *
 * Returns: (transfer full) (nullable): the staged courses, or %NULL with @error set
 *   (%CHQ_STORE_ERROR_INVALID_DATA) when a course cannot be filed
 */
ChqStagedCourses *
chq_staged_courses_new_from_text (JsonArray  *items,
                                  GBytes     *text,
                                  GError    **error)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autofree ChqJsonSpan *spans = NULL;
  const char *data;
  gsize len;

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    g_ptr_array_add (nodes, json_array_get_element (items, i));

  if (text == NULL || nodes->len == 0)
    return staged_courses_new (nodes, NULL, NULL, error);

  data = g_bytes_get_data (text, &len);
  spans = g_new (ChqJsonSpan, nodes->len);
  if (!chq_json_find_feed_items (data, len, nodes->len, spans))
    {
      g_debug ("The items of a feed page were not found in its text; generating them");
      g_clear_pointer (&spans, g_free);
    }

  return staged_courses_new (nodes, text, spans, error);
}

/**
 * chq_staged_courses_is_from_text:
 * @staged: staged courses
 *
 * Returns: whether the courses' JSON texts were taken from the page's text
 *   (chq_staged_courses_new_from_text() found them there)
 */
gboolean
chq_staged_courses_is_from_text (ChqStagedCourses *staged)
{
  g_return_val_if_fail (staged != NULL, FALSE);

  return staged->text != NULL;
}

/**
 * chq_staged_courses_get_n_courses:
 * @staged: staged courses
 *
 * Returns: how many courses are staged (a course twice in the page counts twice)
 */
guint
chq_staged_courses_get_n_courses (ChqStagedCourses *staged)
{
  g_return_val_if_fail (staged != NULL, 0);

  return staged->courses->len;
}

static void
bind_static (sqlite3_stmt *stmt,
             int           column,
             const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

/* Inside the write transaction: the staged rows into the staging tables (the strings
 * outlive each step, so SQLite need not copy them). */
static gboolean
insert_staged (CourseStatements  *stmts,
               ChqStagedCourses  *staged,
               GError           **error)
{
  sqlite3_stmt *stmt = stmts->stage_course;

  for (guint i = 0; i < staged->courses->len; i++)
    {
      StagedCourse *row = &g_array_index (staged->courses, StagedCourse, i);

      bind_static (stmt, 1, row->id);
      sqlite3_bind_text64 (stmt, 2, row->json_text, row->json_len, SQLITE_STATIC,
                           SQLITE_UTF8);
      bind_static (stmt, 3, row->title);
      bind_static (stmt, 4, row->title_key);
      bind_static (stmt, 5, row->summary);
      bind_static (stmt, 6, row->provider_name);
      bind_static (stmt, 7, row->cities);
      sqlite3_bind_int64 (stmt, 8, row->hours);
      sqlite3_bind_int64 (stmt, 9, row->price_cents);
      sqlite3_bind_int (stmt, 10, row->voucher_type);
      sqlite3_bind_int (stmt, 11, row->ai);
      sqlite3_bind_int (stmt, 12, row->format);
      if (row->first_start != G_MAXINT64)
        sqlite3_bind_int64 (stmt, 13, row->first_start);
      else
        sqlite3_bind_null (stmt, 13);
      bind_static (stmt, 14, row->provinces);
      bind_static (stmt, 15, row->languages);
      bind_static (stmt, 16, row->themes);
      bind_static (stmt, 17, row->updated_at);
      if (!step_done (stmt, error))
        return FALSE;
    }

  stmt = stmts->stage_session;
  for (guint i = 0; i < staged->sessions->len; i++)
    {
      StagedSession *session = &g_array_index (staged->sessions, StagedSession, i);

      bind_static (stmt, 1, g_array_index (staged->courses, StagedCourse,
                                           session->course).id);
      sqlite3_bind_int64 (stmt, 2, session->starts_at);
      bind_static (stmt, 3, session->city);
      if (!step_done (stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_courses (ChqStore            *self,
               ChqStagedCourses    *staged,
               const char * const  *deleted_ids,
               const char          *next_cursor,
               GError             **error)
{
  CourseStatements stmts = { NULL, };
  gboolean ok;

  if (!write_begin (self, error))
    return FALSE;

  ok = course_statements_init (&stmts, self->write_db, error);
  if (ok)
    ok = insert_staged (&stmts, staged, error);
  if (ok && staged->courses->len > 0)
    ok = write_staged_courses (self->write_db, error);
  for (guint i = 0; ok && deleted_ids != NULL && deleted_ids[i] != NULL; i++)
    {
      bind_text (stmts.delete_course, 1, deleted_ids[i]);
      ok = step_done (stmts.delete_course, error);
    }
  if (ok && next_cursor != NULL)
    ok = set_state_value (self->write_db, "cursor", next_cursor, error);
  if (ok)
    ok = bump_courses_generation (self->write_db, error);
  course_statements_clear (&stmts);

  if (!write_end (self, ok, error))
    return FALSE;

  queue_changed (self, CHQ_STORE_COURSES);
  return TRUE;
}

/**
 * chq_store_apply_staged_courses:
 * @self: a store
 * @staged: the courses of a feed page, from chq_staged_courses_new()
 * @deleted_ids: (nullable) (array zero-terminated=1): ids of courses withdrawn
 * @next_cursor: (nullable): the page's `next` cursor, saved for the next delta sync
 * @error: return location for an error
 *
 * Inserts or updates the courses (by id; a course twice in the page ends as its last
 * copy, with that copy's sessions), removes the deleted ones and saves the cursor, all in
 * one transaction; then "changed" ("courses") follows on the main context.
 *
 * Returns: whether the page was stored
 */
gboolean
chq_store_apply_staged_courses (ChqStore            *self,
                                ChqStagedCourses    *staged,
                                const char * const  *deleted_ids,
                                const char          *next_cursor,
                                GError             **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (staged != NULL, FALSE);

  return apply_courses (self, staged, deleted_ids, next_cursor, error);
}

/**
 * chq_store_apply_courses_page_json:
 * @self: a store
 * @items: the course objects of a feed page, as the service sent them
 * @deleted_ids: (nullable) (array zero-terminated=1): ids of courses withdrawn
 * @next_cursor: (nullable): the page's `next` cursor, saved for the next delta sync
 * @error: return location for an error
 *
 * chq_staged_courses_new() and chq_store_apply_staged_courses() in one call (the staging
 * on the caller's thread).
 *
 * Returns: whether the page was stored
 */
gboolean
chq_store_apply_courses_page_json (ChqStore            *self,
                                   JsonArray           *items,
                                   const char * const  *deleted_ids,
                                   const char          *next_cursor,
                                   GError             **error)
{
  g_autoptr(ChqStagedCourses) staged = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);

  staged = chq_staged_courses_new (items, error);
  if (staged == NULL)
    return FALSE;

  return apply_courses (self, staged, deleted_ids, next_cursor, error);
}

/**
 * chq_store_apply_courses_page:
 * @self: a store
 * @courses: (element-type ChqCourse): the courses of a feed page
 * @deleted_ids: (nullable) (array zero-terminated=1): ids of courses withdrawn
 * @next_cursor: (nullable): the page's `next` cursor
 * @error: return location for an error
 *
 * As chq_store_apply_courses_page_json() with the codec's model objects.
 *
 * Returns: whether the page was stored
 */
gboolean
chq_store_apply_courses_page (ChqStore            *self,
                              GPtrArray           *courses,
                              const char * const  *deleted_ids,
                              const char          *next_cursor,
                              GError             **error)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  g_autoptr(ChqStagedCourses) staged = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);

  for (guint i = 0; courses && i < courses->len; i++)
    g_ptr_array_add (nodes, chq_course_to_json (g_ptr_array_index (courses, i)));

  staged = staged_courses_new (nodes, NULL, NULL, error);
  if (staged == NULL)
    return FALSE;

  return apply_courses (self, staged, deleted_ids, next_cursor, error);
}

/* bind() fills the insert statement's columns after ?1 = id and ?2 = json. */
typedef void (*BindFunc) (sqlite3_stmt *stmt,
                          JsonObject   *object);

/* Inside a write transaction: empties a small collection and files objects in it. */
static gboolean
fill_collection (sqlite3     *db,
                 const char  *delete_sql,
                 int          year,
                 const char  *insert_sql,
                 GPtrArray   *objects,
                 BindFunc     bind,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if ((clear = prepare (db, delete_sql, error)) == NULL ||
      (insert = prepare (db, insert_sql, error)) == NULL)
    return FALSE;
  if (year != 0)
    sqlite3_bind_int (clear, 1, year);
  if (!step_done (clear, error))
    return FALSE;

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      g_autoptr(JsonNode) node = chq_model_to_json (g_ptr_array_index (objects, i));
      JsonObject *object = node && JSON_NODE_HOLDS_OBJECT (node) ?
                           json_node_get_object (node) : NULL;
      const char *id = member_string (object, "id");
      g_autofree char *json = NULL;

      if (id == NULL || *id == '\0')
        return set_invalid_error (error);
      json = node_to_string (node);
      bind_text (insert, 1, id);
      bind_text (insert, 2, json);
      bind (insert, object);
      if (year != 0)
        sqlite3_bind_int (insert, 3, year);
      if (!step_done (insert, error))
        return FALSE;
    }

  return TRUE;
}

/* Replaces a whole small collection in one transaction. */
static gboolean
replace_collection (ChqStore    *self,
                    const char  *collection,
                    const char  *delete_sql,
                    int          year,
                    const char  *insert_sql,
                    GPtrArray   *objects,
                       BindFunc     bind,
                    GError     **error)
{
  gboolean ok;

  if (!write_begin (self, error))
    return FALSE;
  ok = fill_collection (self->write_db, delete_sql, year, insert_sql, objects, bind, error);
  if (!write_end (self, ok, error))
    return FALSE;

  queue_changed (self, collection);
  return TRUE;
}

/* Inside a write transaction: the JSON of a one-row table (account, wallet). */
static gboolean
set_singleton (sqlite3     *db,
               const char  *sql,
               JsonNode    *node,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (db, sql, error);
  g_autofree char *json = node_to_string (node);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, json);
  return step_done (stmt, error);
}

static void
bind_order (sqlite3_stmt *stmt,
            JsonObject   *order)
{
  sqlite3_bind_int64 (stmt, 3, member_unix (order, "created_at"));
}

/**
 * chq_store_replace_orders:
 * @self: a store
 * @orders: (element-type ChqOrder): every order of the account
 * @error: return location for an error
 *
 * Replaces the stored orders with @orders in one transaction.
 *
 * Returns: whether they were stored
 */
gboolean
chq_store_replace_orders (ChqStore   *self,
                          GPtrArray  *orders,
                          GError    **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);

  return replace_collection (self, CHQ_STORE_ORDERS, "DELETE FROM orders", 0,
                             "INSERT INTO orders (id, json, created_at) VALUES (?1, ?2, ?3)",
                             orders, bind_order, error);
}

static void
bind_batch (sqlite3_stmt *stmt,
            JsonObject   *batch)
{
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
  const char *expires_on = member_string (batch, "expires_on");

  chq_voucher_type_from_string (member_string (batch, "voucher_type"), &type);
  sqlite3_bind_int (stmt, 3, type);
  bind_text (stmt, 4, expires_on ? expires_on : "");
  sqlite3_bind_int64 (stmt, 5, member_int (batch, "available"));
  sqlite3_bind_int64 (stmt, 6, member_int (batch, "reserved"));
  sqlite3_bind_int64 (stmt, 7, member_int (batch, "used"));
}

/**
 * chq_store_replace_wallet:
 * @self: a store
 * @wallet: the wallet as the service sent it
 * @error: return location for an error
 *
 * Replaces the stored wallet (its batches and totals) in one transaction; "changed"
 * ("wallet") follows.
 *
 * Returns: whether it was stored
 */
gboolean
chq_store_replace_wallet (ChqStore   *self,
                          ChqWallet  *wallet,
                          GError    **error)
{
  g_autoptr(JsonNode) node = NULL;
  gboolean ok;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (wallet != NULL, FALSE);

  node = chq_wallet_to_json (wallet);
  if (!write_begin (self, error))
    return FALSE;
  ok = fill_collection (self->write_db, "DELETE FROM batches", 0,
                        "INSERT INTO batches (id, json, voucher_type, expires_on, "
                        "  available, reserved, used) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        wallet->batches, bind_batch,
                        error) &&
       set_singleton (self->write_db,
                      "INSERT INTO wallet (singleton, json) VALUES (1, ?1) "
                      "ON CONFLICT (singleton) DO UPDATE SET json = excluded.json",
                      node, error);
  if (!write_end (self, ok, error))
    return FALSE;

  queue_changed (self, CHQ_STORE_WALLET);
  return TRUE;
}

static void
bind_worker (sqlite3_stmt *stmt,
             JsonObject   *worker)
{
  g_autofree char *name = g_strconcat (member_string (worker, "last_name") ?: "", " ",
                                       member_string (worker, "first_name") ?: "", NULL);
  g_autofree char *key = fold_for_sort (name);

  bind_text (stmt, 3, key);
}

/**
 * chq_store_replace_workers:
 * @self: a store
 * @workers: (element-type ChqWorker): every worker of the account
 * @error: return location for an error
 *
 * Replaces the stored workers in one transaction.
 *
 * Returns: whether they were stored
 */
gboolean
chq_store_replace_workers (ChqStore   *self,
                           GPtrArray  *workers,
                           GError    **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);

  return replace_collection (self, CHQ_STORE_WORKERS, "DELETE FROM workers", 0,
                             "INSERT INTO workers (id, json, sort_key) VALUES (?1, ?2, ?3)",
                             workers, bind_worker, error);
}

static void
bind_enrolment (sqlite3_stmt *stmt,
                JsonObject   *enrolment)
{
  sqlite3_bind_int64 (stmt, 4, member_unix (enrolment, "starts_at"));
}

/**
 * chq_store_replace_enrolments:
 * @self: a store
 * @year: the calendar year the list was fetched for
 * @enrolments: (element-type ChqEnrolment): every enrolment of that year
 * @error: return location for an error
 *
 * Replaces the stored enrolments of @year in one transaction.
 *
 * Returns: whether they were stored
 */
gboolean
chq_store_replace_enrolments (ChqStore   *self,
                              int         year,
                              GPtrArray  *enrolments,
                              GError    **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (year > 0, FALSE);

  return replace_collection (self, CHQ_STORE_ENROLMENTS,
                             "DELETE FROM enrolments WHERE year = ?1", year,
                             "INSERT INTO enrolments (id, json, year, starts_at) "
                             "VALUES (?1, ?2, ?3, ?4) "
                             "ON CONFLICT (id) DO UPDATE SET json = excluded.json, "
                             "  year = excluded.year, starts_at = excluded.starts_at",
                             enrolments, bind_enrolment, error);
}

/**
 * chq_store_set_account:
 * @self: a store
 * @account: the signed-in account as the service sent it
 * @error: return location for an error
 *
 * Returns: whether it was stored
 */
gboolean
chq_store_set_account (ChqStore    *self,
                       ChqAccount  *account,
                       GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  gboolean ok;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  node = chq_account_to_json (account);
  if (!write_begin (self, error))
    return FALSE;
  ok = set_singleton (self->write_db,
                      "INSERT INTO account (singleton, json) VALUES (1, ?1) "
                      "ON CONFLICT (singleton) DO UPDATE SET json = excluded.json",
                      node, error);
  if (!write_end (self, ok, error))
    return FALSE;

  queue_changed (self, CHQ_STORE_ACCOUNT);
  return TRUE;
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

  if (!write_begin (self, error))
    return FALSE;
  if (etag != NULL)
    stmt = prepare (self->write_db,
                    "INSERT INTO etags (collection, etag) VALUES (?1, ?2) "
                    "ON CONFLICT (collection) DO UPDATE SET etag = excluded.etag", error);
  else
    stmt = prepare (self->write_db, "DELETE FROM etags WHERE collection = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_text (stmt, 1, collection);
      if (etag != NULL)
        bind_text (stmt, 2, etag);
      ok = step_done (stmt, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  return write_end (self, ok, error);
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
  if (!write_begin (self, error))
    return FALSE;
  ok = set_state_value (self->write_db, "last_sync", text, error);

  return write_end (self, ok, error);
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

  if (!write_begin (self, error))
    return FALSE;
  /* The generation is kept (and bumped) so no stale search index survives. */
  ok = exec_sql (self->write_db,
                 "DELETE FROM courses;"
                 "DELETE FROM course_index;"
                 "DELETE FROM sync_state WHERE key != 'courses_generation';"
                 "DELETE FROM etags;"
                 "DELETE FROM account;"
                 "DELETE FROM orders;"
                 "DELETE FROM wallet;"
                 "DELETE FROM batches;"
                 "DELETE FROM workers;"
                 "DELETE FROM enrolments;", NULL, error) &&
       bump_courses_generation (self->write_db, error);
  if (!write_end (self, ok, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    queue_changed (self, collections[i]);

  return TRUE;
}

/* -------------------------------------------------------------------------------- reads */

/* The first column of the first row as text, or NULL. */
static char *
read_text (ChqStore    *self,
           const char  *sql,
           const char  *arg,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *value = NULL;
  sqlite3 *db;
  int rc;

  if ((db = reader_take (self, error)) == NULL)
    return NULL;

  if ((stmt = prepare (db, sql, error)) != NULL)
    {
      if (arg != NULL)
        bind_text (stmt, 1, arg);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        set_db_error (error, db);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  reader_give (self, db);

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
  return read_text (self, "SELECT etag FROM etags WHERE collection = ?1", collection, NULL);
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
  return read_text (self, "SELECT value FROM sync_state WHERE key = ?1", "cursor", NULL);
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

  text = read_text (self, "SELECT value FROM sync_state WHERE key = ?1", "last_sync", NULL);
  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static GObject *
object_from_text (const char  *text,
                  GType        type,
                  GError     **error)
{
  g_autoptr(JsonNode) node = string_to_node (text, error);

  return node ? chq_model_from_json (type, node, error) : NULL;
}

/* Rows of one JSON column made into model objects. */
static GPtrArray *
read_objects (ChqStore      *self,
              const char    *sql,
              int            arg,
              GType          type,
              GError       **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;
  sqlite3 *db;
  int rc;

  if ((db = reader_take (self, error)) == NULL)
    return NULL;

  if ((stmt = prepare (db, sql, error)) == NULL)
    ok = FALSE;
  else if (arg != 0)
    sqlite3_bind_int (stmt, 1, arg);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GObject *object = object_from_text ((const char *)sqlite3_column_text (stmt, 0),
                                          type, error);

      if (object == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (objects, object);
    }
  if (ok && rc != SQLITE_DONE)
    ok = set_db_error (error, db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  reader_give (self, db);

  return ok ? g_steal_pointer (&objects) : NULL;
}

/**
 * chq_store_get_account:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the stored account; %NULL without error if none
 */
ChqAccount *
chq_store_get_account (ChqStore  *self,
                       GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);

  json = read_text (self, "SELECT json FROM account WHERE singleton = 1", NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return json ? (ChqAccount *)object_from_text (json, CHQ_TYPE_ACCOUNT, error) : NULL;
}

/**
 * chq_store_dup_course_json:
 * @self: a store
 * @id: a course id
 *
 * Returns: (transfer full) (nullable): the course's JSON as stored, or %NULL if unknown
 */
char *
chq_store_dup_course_json (ChqStore   *self,
                           const char *id)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return read_text (self, "SELECT json FROM courses WHERE id = ?1", id, NULL);
}

/**
 * chq_store_get_course:
 * @self: a store
 * @id: a course id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the whole course; %NULL without error if unknown
 */
ChqCourse *
chq_store_get_course (ChqStore    *self,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  json = read_text (self, "SELECT json FROM courses WHERE id = ?1", id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return json ? (ChqCourse *)object_from_text (json, CHQ_TYPE_COURSE, error) : NULL;
}

/**
 * chq_store_count_courses:
 * @self: a store
 *
 * Returns: how many courses the cache holds
 */
guint
chq_store_count_courses (ChqStore *self)
{
  g_autofree char *count = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), 0);

  count = read_text (self, "SELECT count(*) FROM courses", NULL, NULL);
  return count ? (guint)g_ascii_strtoull (count, NULL, 10) : 0;
}

/**
 * chq_store_list_orders:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type ChqOrder): the orders, newest first
 */
GPtrArray *
chq_store_list_orders (ChqStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return read_objects (self, "SELECT json FROM orders ORDER BY created_at DESC, id DESC", 0,
                       CHQ_TYPE_ORDER, error);
}

/**
 * chq_store_list_batches:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type ChqVoucherBatch): the batches, soonest expiry first
 */
GPtrArray *
chq_store_list_batches (ChqStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return read_objects (self, "SELECT json FROM batches ORDER BY expires_on, id", 0,
                       CHQ_TYPE_VOUCHER_BATCH, error);
}

/**
 * chq_store_list_workers:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type ChqWorker): the workers by last then first name
 */
GPtrArray *
chq_store_list_workers (ChqStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return read_objects (self, "SELECT json FROM workers ORDER BY sort_key, id", 0,
                       CHQ_TYPE_WORKER, error);
}

/**
 * chq_store_list_enrolments:
 * @self: a store
 * @year: a calendar year, or 0 for every year stored
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type ChqEnrolment): the enrolments of @year by start
 */
GPtrArray *
chq_store_list_enrolments (ChqStore  *self,
                           int        year,
                           GError   **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  g_return_val_if_fail (year >= 0, NULL);
  if (year == 0)
    return read_objects (self, "SELECT json FROM enrolments ORDER BY starts_at, id", 0,
                         CHQ_TYPE_ENROLMENT, error);
  return read_objects (self,
                       "SELECT json FROM enrolments WHERE year = ?1 ORDER BY starts_at, id",
                       year, CHQ_TYPE_ENROLMENT, error);
}

/**
 * chq_store_list_enrolment_years:
 * @self: a store
 * @error: return location for an error
 *
 * The years the stored enrolments belong to (the feed's years: a booking on a session of
 * next January counts in next year), so that a year selector offers each of them.
 *
 * Returns: (transfer full) (element-type int): the years, latest first; %NULL on error
 */
GArray *
chq_store_list_enrolment_years (ChqStore  *self,
                                GError   **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);

  if ((db = reader_take (self, error)) == NULL)
    return NULL;

  if ((stmt = prepare (db, "SELECT DISTINCT year FROM enrolments ORDER BY year DESC",
                       error)) == NULL)
    ok = FALSE;

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (years, year);
    }
  if (ok && rc != SQLITE_DONE)
    ok = set_db_error (error, db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  reader_give (self, db);

  return ok ? g_steal_pointer (&years) : NULL;
}

/**
 * chq_store_get_wallet:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the wallet as last sent by the service (batches and
 *   totals); %NULL without error before the first sync
 */
ChqWallet *
chq_store_get_wallet (ChqStore  *self,
                      GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);

  json = read_text (self, "SELECT json FROM wallet WHERE singleton = 1", NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (json == NULL)
    return NULL;
  node = string_to_node (json, error);

  return node ? chq_wallet_from_json (node, error) : NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **)a, *(char **)b);
}

/* ------------------------------------------------------------------------- search index */

typedef struct {
  gint64  rid;
  guint32 title_rank;
  guint32 hours;
  guint32 themes_off;     /* into tags; courses with the same list share it */
  guint32 languages_off;
  guint32 provinces_off;
  guint32 starts_off;     /* into starts, ascending */
  guint32 title_off;      /* into text: folded title, provider and cities, for ranking */
  guint32 provider_off;
  guint32 cities_off;
  guint16 n_starts;
  guint8  n_themes;
  guint8  n_languages;
  guint8  n_provinces;
  guint8  voucher_type;
  guint8  format;
  guint8  ai;
} IndexEntry;

struct _CourseIndex
{
  gatomicrefcount  ref_count;
  gint64           generation;
  GArray          *entries;         /* IndexEntry, by rid */
  gint32          *by_rid;          /* owned, nullable: rid -> entry position, -1 */
  gint64           max_rid;
  GArray          *tags;            /* guint16 word ids */
  GArray          *starts;          /* gint64 unix times */
  GHashTable      *words;           /* "t:word", "l:word", "p:word" -> id + 1 */
  GByteArray      *text;            /* NUL-terminated folded texts */

  /* Entry positions in each sort order, made on first use (the next-session order for
   * one day). Under orders_lock; handed out as references. */
  GMutex           orders_lock;
  GArray          *title_order;     /* guint32 */
  GArray          *hours_order;
  GArray          *next_order;
  gint64           next_order_day;
};

static CourseIndex *
course_index_ref (CourseIndex *index)
{
  g_atomic_ref_count_inc (&index->ref_count);
  return index;
}

static void
course_index_unref (CourseIndex *index)
{
  if (g_atomic_ref_count_dec (&index->ref_count))
    {
      g_array_unref (index->entries);
      g_free (index->by_rid);
      g_array_unref (index->tags);
      g_array_unref (index->starts);
      g_hash_table_unref (index->words);
      g_byte_array_unref (index->text);
      g_clear_pointer (&index->title_order, g_array_unref);
      g_clear_pointer (&index->hours_order, g_array_unref);
      g_clear_pointer (&index->next_order, g_array_unref);
      g_mutex_clear (&index->orders_lock);
      g_free (index);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourseIndex, course_index_unref)

/* The id of a word of one kind ('t', 'l', 'p'); -1 when unknown and !add. */
static int
word_id (CourseIndex *index,
         char         kind,
         const char  *word,
         gboolean     add)
{
  g_autofree char *key = g_strdup_printf ("%c:%s", kind, word);
  gpointer value = g_hash_table_lookup (index->words, key);

  if (value != NULL)
    return GPOINTER_TO_INT (value) - 1;
  if (!add || g_hash_table_size (index->words) >= G_MAXUINT16)
    return -1;

  g_hash_table_insert (index->words, g_steal_pointer (&key),
                       GINT_TO_POINTER (g_hash_table_size (index->words) + 1));
  return (int)g_hash_table_size (index->words) - 1;
}

/* Files a word list ("fr nl") once; courses with the same list share it (lists repeat a
 * lot, so this keeps the build fast). combos: "<kind><list>" -> offset + 1, count. */
static guint8
add_words (CourseIndex *index,
           GHashTable  *combos,
           char         kind,
           const char  *text,
           guint32     *out_off)
{
  g_autofree char *combo = g_strdup_printf ("%c%s", kind, text ? text : "");
  g_auto(GStrv) split = NULL;
  gpointer known;
  guint8 n = 0;

  if ((known = g_hash_table_lookup (combos, combo)) != NULL)
    {
      guint64 packed = GPOINTER_TO_SIZE (known);

      *out_off = (guint32)(packed >> 8) - 1;
      return (guint8)(packed & 0xff);
    }

  *out_off = index->tags->len;
  split = g_strsplit (text ? text : "", " ", -1);
  for (guint i = 0; split[i] != NULL && n < G_MAXUINT8; i++)
    {
      int id = *split[i] ? word_id (index, kind, split[i], TRUE) : -1;
      guint16 value = (guint16)id;

      if (id < 0)
        continue;
      g_array_append_val (index->tags, value);
      n++;
    }

  g_hash_table_insert (combos, g_steal_pointer (&combo),
                       GSIZE_TO_POINTER (((gsize)(*out_off + 1) << 8) | n));
  return n;
}

/* Files a text in the pool; fold: casefold and strip accents first. Texts that repeat
 * (providers, cities) are filed once: shared maps the raw text to its offset + 1. */
static guint32
add_text (CourseIndex *index,
          GHashTable  *shared,
          const char  *text,
          gboolean     fold)
{
  g_autofree char *folded = NULL;
  gpointer known;
  guint32 off;

  if (text == NULL)
    text = "";
  if (shared != NULL && (known = g_hash_table_lookup (shared, text)) != NULL)
    return GPOINTER_TO_UINT (known) - 1;

  if (fold)
    text = folded = fold_for_sort (text);
  off = index->text->len;
  g_byte_array_append (index->text, (const guint8 *)text, strlen (text) + 1);

  if (shared != NULL)
    g_hash_table_insert (shared, g_strdup (text), GUINT_TO_POINTER (off + 1));

  return off;
}

static gint64
read_generation (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 generation = 0;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM sync_state WHERE key = 'courses_generation'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    generation = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return generation;
}

static const IndexEntry *
index_lookup (CourseIndex *index,
              gint64       rid,
              guint       *out_position)
{
  guint lo = 0;
  guint hi = index->entries->len;

  if (index->by_rid != NULL)
    {
      gint32 position = rid >= 0 && rid <= index->max_rid ? index->by_rid[rid] : -1;

      if (position < 0)
        return NULL;
      *out_position = (guint)position;
      return &g_array_index (index->entries, IndexEntry, position);
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const IndexEntry *entry = &g_array_index (index->entries, IndexEntry, mid);

      if (entry->rid == rid)
        {
          *out_position = mid;
          return entry;
        }
      if (entry->rid < rid)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

static CourseIndex *
course_index_new (gint64 generation)
{
  CourseIndex *index = g_new0 (CourseIndex, 1);

  g_atomic_ref_count_init (&index->ref_count);
  g_mutex_init (&index->orders_lock);
  index->generation = generation;
  index->entries = g_array_new (FALSE, TRUE, sizeof (IndexEntry));
  index->tags = g_array_new (FALSE, FALSE, sizeof (guint16));
  index->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  index->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->text = g_byte_array_new ();

  return index;
}

/* The rid -> position map, for entries in ascending rid order: a direct map unless the
 * row ids are very sparse (then binary search). */
static void
index_map_rids (CourseIndex *index)
{
  const IndexEntry *first;

  index->max_rid = 0;
  if (index->entries->len == 0)
    return;

  first = &g_array_index (index->entries, IndexEntry, 0);
  index->max_rid = g_array_index (index->entries, IndexEntry, index->entries->len - 1).rid;
  if (first->rid >= 0 && index->max_rid < G_MAXINT32 &&
      index->max_rid <= 8 * (gint64)index->entries->len + 65536)
    {
      index->by_rid = g_new (gint32, index->max_rid + 1);
      memset (index->by_rid, 0xff, sizeof (gint32) * (index->max_rid + 1));
      for (guint i = 0; i < index->entries->len; i++)
        index->by_rid[g_array_index (index->entries, IndexEntry, i).rid] = (gint32)i;
    }
}

/* Called inside a read transaction, so the index matches what the FTS query sees. */
static CourseIndex *
course_index_build (sqlite3  *db,
                    gint64    generation,
                    GError  **error)
{
  g_autoptr(CourseIndex) index = course_index_new (generation);
  g_autoptr(GHashTable) combos = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       g_free, NULL);
  g_autoptr(sqlite3_stmt) courses = NULL;
  g_autoptr(sqlite3_stmt) titles = NULL;
  g_autoptr(sqlite3_stmt) sessions = NULL;
  guint32 rank = 0;
  guint next = 0;
  int rc;

  courses = prepare (db,
                     "SELECT rid, hours, voucher_type, format, ai, themes, languages, "
                     "  provinces, title_key, provider_name, cities "
                     "FROM courses ORDER BY rid", error);
  if (courses == NULL)
    return NULL;

  while ((rc = sqlite3_step (courses)) == SQLITE_ROW)
    {
      IndexEntry entry;

      /* The padding too: the entries are saved as they are (course_index_serialize). */
      memset (&entry, 0, sizeof entry);
      entry.rid = sqlite3_column_int64 (courses, 0);
      entry.hours = (guint32)CLAMP (sqlite3_column_int64 (courses, 1), 0, G_MAXUINT32);
      entry.voucher_type = (guint8)sqlite3_column_int (courses, 2);
      entry.format = (guint8)sqlite3_column_int (courses, 3);
      entry.ai = sqlite3_column_int (courses, 4) != 0;
      entry.n_themes = add_words (index, combos, 't',
                                  (const char *)sqlite3_column_text (courses, 5),
                                  &entry.themes_off);
      entry.n_languages = add_words (index, combos, 'l',
                                     (const char *)sqlite3_column_text (courses, 6),
                                     &entry.languages_off);
      entry.n_provinces = add_words (index, combos, 'p',
                                     (const char *)sqlite3_column_text (courses, 7),
                                     &entry.provinces_off);
      /* title_key is folded already */
      entry.title_off = add_text (index, NULL,
                                  (const char *)sqlite3_column_text (courses, 8), FALSE);
      entry.provider_off = add_text (index, texts,
                                     (const char *)sqlite3_column_text (courses, 9), TRUE);
      entry.cities_off = add_text (index, texts,
                                   (const char *)sqlite3_column_text (courses, 10), TRUE);
      g_array_append_val (index->entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return NULL;
    }

  index_map_rids (index);

  /* The title order comes from the (covering) index on title_key. */
  titles = prepare (db, "SELECT rid FROM courses ORDER BY title_key, rid", error);
  if (titles == NULL)
    return NULL;
  while ((rc = sqlite3_step (titles)) == SQLITE_ROW)
    {
      guint position;

      if (index_lookup (index, sqlite3_column_int64 (titles, 0), &position) != NULL)
        g_array_index (index->entries, IndexEntry, position).title_rank = rank++;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, db);
      return NULL;
    }

  sessions = prepare (db,
                      "SELECT course_rid, starts_at FROM course_sessions "
                      "ORDER BY course_rid, starts_at", error);
  if (sessions == NULL)
    return NULL;

  /* Both lists are in rid order: merge them. */
  while ((rc = sqlite3_step (sessions)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (sessions, 0);
      gint64 start = sqlite3_column_int64 (sessions, 1);
      IndexEntry *entry;

      while (next < index->entries->len &&
             g_array_index (index->entries, IndexEntry, next).rid < rid)
        next++;
      if (next >= index->entries->len)
        break;
      entry = &g_array_index (index->entries, IndexEntry, next);
      if (entry->rid != rid || entry->n_starts == G_MAXUINT16)
        continue;
      if (entry->n_starts == 0)
        entry->starts_off = index->starts->len;
      g_array_append_val (index->starts, start);
      entry->n_starts++;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      set_db_error (error, db);
      return NULL;
    }

  return g_steal_pointer (&index);
}

/* The index is saved in the cache (table course_index, one row) with the courses generation
 * it was built from, so that a start loads it in one piece instead of reading, folding and
 * sorting every row again. Every course write bumps the generation (Clear cache too), so
 * a saved index of another generation is never used; one that does not read back whole
 * (size, checksum, bounds) is ignored and the index built again. The blob: a header, then
 * the entries, the session starts, the sort orders made so far, the tags, the words (their
 * keys, NUL-terminated, in id order) and the texts, each as the arrays hold them: the
 * cache never leaves this machine, and the byte order and entry size are checked. */
#define SAVED_INDEX_MAGIC "CHQINDEX"
#define SAVED_INDEX_FORMAT 1
#define SAVED_INDEX_BYTE_ORDER 0x01020304u

enum {
  SAVED_TITLE_ORDER = 1 << 0,
  SAVED_HOURS_ORDER = 1 << 1,
  SAVED_NEXT_ORDER  = 1 << 2,
};

typedef struct {
  char    magic[8];
  guint32 format;
  guint32 byte_order;
  guint32 entry_size;
  guint32 n_entries;
  guint32 n_starts;
  guint32 n_tags;
  guint32 n_words;
  guint32 words_len;
  guint32 text_len;
  guint32 orders;           /* SAVED_*_ORDER */
  gint64  generation;
  gint64  next_order_day;
  guint64 checksum;         /* of all that follows the header */
} SavedIndexHeader;

G_STATIC_ASSERT (sizeof (SavedIndexHeader) == 72);

/* Catches damage, not tampering: a 64-bit multiply-xor hash, a word at a time. */
static guint64
saved_index_checksum (const guint8 *data,
                      gsize         len)
{
  guint64 hash = 0x9e3779b97f4a7c15u;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, sizeof word);
      hash = (hash ^ word) * 0x100000001b3u;
      hash ^= hash >> 29;
    }
  for (; i < len; i++)
    hash = (hash ^ data[i]) * 0x100000001b3u;

  return hash ^ len;
}

static GBytes *
course_index_serialize (CourseIndex *index)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GArray *orders[3] = { NULL, NULL, NULL };
  SavedIndexHeader header;
  GHashTableIter iter;
  gpointer key, value;

  memset (&header, 0, sizeof header);
  memcpy (header.magic, SAVED_INDEX_MAGIC, sizeof header.magic);
  header.format = SAVED_INDEX_FORMAT;
  header.byte_order = SAVED_INDEX_BYTE_ORDER;
  header.entry_size = sizeof (IndexEntry);
  header.generation = index->generation;
  header.n_entries = index->entries->len;
  header.n_starts = index->starts->len;
  header.n_tags = index->tags->len;
  header.n_words = g_hash_table_size (index->words);
  header.text_len = index->text->len;

  g_mutex_lock (&index->orders_lock);
  if (index->title_order != NULL)
    orders[0] = g_array_ref (index->title_order);
  if (index->hours_order != NULL)
    orders[1] = g_array_ref (index->hours_order);
  if (index->next_order != NULL)
    orders[2] = g_array_ref (index->next_order);
  header.next_order_day = index->next_order_day;
  g_mutex_unlock (&index->orders_lock);

  g_ptr_array_set_size (keys, header.n_words);
  g_hash_table_iter_init (&iter, index->words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_index (keys, GPOINTER_TO_UINT (value) - 1) = key;
      header.words_len += strlen (key) + 1;
    }

  g_byte_array_append (data, (const guint8 *)&header, sizeof header);
  g_byte_array_append (data, (const guint8 *)index->entries->data,
                       index->entries->len * sizeof (IndexEntry));
  g_byte_array_append (data, (const guint8 *)index->starts->data,
                       index->starts->len * sizeof (gint64));
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if (orders[i] != NULL)
      {
        header.orders |= 1 << i;
        g_byte_array_append (data, (const guint8 *)orders[i]->data,
                             orders[i]->len * sizeof (guint32));
        g_array_unref (orders[i]);
      }
  g_byte_array_append (data, (const guint8 *)index->tags->data,
                       index->tags->len * sizeof (guint16));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *word = g_ptr_array_index (keys, i);

      g_byte_array_append (data, (const guint8 *)word, strlen (word) + 1);
    }
  g_byte_array_append (data, index->text->data, index->text->len);

  header.checksum = saved_index_checksum (data->data + sizeof header,
                                          data->len - sizeof header);
  memcpy (data->data, &header, sizeof header);

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Whether the texts at off hold a whole NUL-terminated string. */
static inline gboolean
text_offset_ok (CourseIndex *index,
                guint32      off)
{
  return off < index->text->len;
}

/* The index a blob holds, checked against everything a query relies on (sizes, checksum,
 * offsets and counts within their arrays, rids ascending, orders permutations), or NULL. */
static CourseIndex *
course_index_deserialize (const guint8 *data,
                          gsize         len,
                          gint64        generation)
{
  g_autoptr(CourseIndex) index = NULL;
  g_autofree guint8 *seen = NULL;
  SavedIndexHeader header;
  const guint8 *p;
  const guint8 *end;
  guint64 expected;
  guint n_orders = 0;

  if (data == NULL || len < sizeof header)
    return NULL;
  memcpy (&header, data, sizeof header);
  if (memcmp (header.magic, SAVED_INDEX_MAGIC, sizeof header.magic) != 0 ||
      header.format != SAVED_INDEX_FORMAT ||
      header.byte_order != SAVED_INDEX_BYTE_ORDER ||
      header.entry_size != sizeof (IndexEntry) ||
      header.generation != generation ||
      (header.orders & ~(guint32)(SAVED_TITLE_ORDER | SAVED_HOURS_ORDER | SAVED_NEXT_ORDER)) ||
      header.n_words > G_MAXUINT16 ||
      (header.n_entries > 0) != (header.text_len > 0))
    return NULL;

  for (guint i = 0; i < 3; i++)
    n_orders += (header.orders >> i) & 1;
  expected = (guint64)header.n_entries * sizeof (IndexEntry) +
             (guint64)header.n_starts * sizeof (gint64) +
             (guint64)n_orders * header.n_entries * sizeof (guint32) +
             (guint64)header.n_tags * sizeof (guint16) +
             header.words_len + (guint64)header.text_len;
  if (len - sizeof header != expected ||
      saved_index_checksum (data + sizeof header, len - sizeof header) != header.checksum)
    return NULL;

  index = course_index_new (generation);
  p = data + sizeof header;

  g_array_append_vals (index->entries, p, header.n_entries);
  p += (gsize)header.n_entries * sizeof (IndexEntry);
  g_array_append_vals (index->starts, p, header.n_starts);
  p += (gsize)header.n_starts * sizeof (gint64);

  if (header.n_entries > 0)
    seen = g_new (guint8, header.n_entries);
  for (guint i = 0; i < 3; i++)
    {
      GArray *order;

      if (!(header.orders & (1u << i)))
        continue;
      order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), header.n_entries);
      g_array_append_vals (order, p, header.n_entries);
      p += (gsize)header.n_entries * sizeof (guint32);
      if (i == 0)
        index->title_order = order;
      else if (i == 1)
        index->hours_order = order;
      else
        {
          index->next_order = order;
          index->next_order_day = header.next_order_day;
        }

      if (header.n_entries > 0)
        memset (seen, 0, header.n_entries);
      for (guint k = 0; k < order->len; k++)
        {
          guint32 position = g_array_index (order, guint32, k);

          if (position >= header.n_entries || seen[position])
            return NULL;
          seen[position] = 1;
        }
    }

  g_array_append_vals (index->tags, p, header.n_tags);
  p += (gsize)header.n_tags * sizeof (guint16);
  for (guint i = 0; i < index->tags->len; i++)
    if (g_array_index (index->tags, guint16, i) >= header.n_words)
      return NULL;

  end = p + header.words_len;
  for (guint id = 0; id < header.n_words; id++)
    {
      const guint8 *nul = memchr (p, '\0', end - p);
      char *key;

      if (nul == NULL || nul - p < 2 || p[1] != ':' || strchr ("tlp", p[0]) == NULL)
        return NULL;
      key = g_strndup ((const char *)p, nul - p);
      if (!g_hash_table_insert (index->words, key, GUINT_TO_POINTER (id + 1)))
        return NULL;
      p = nul + 1;
    }
  if (p != end)
    return NULL;

  g_byte_array_append (index->text, p, header.text_len);
  if (header.text_len > 0 && index->text->data[header.text_len - 1] != '\0')
    return NULL;

  for (guint i = 0; i < index->entries->len; i++)
    {
      const IndexEntry *entry = &g_array_index (index->entries, IndexEntry, i);

      if ((i > 0 && entry->rid <= g_array_index (index->entries, IndexEntry, i - 1).rid) ||
          entry->title_rank >= header.n_entries ||
          (guint64)entry->themes_off + entry->n_themes > header.n_tags ||
          (guint64)entry->languages_off + entry->n_languages > header.n_tags ||
          (guint64)entry->provinces_off + entry->n_provinces > header.n_tags ||
          (entry->n_starts > 0 &&
           (guint64)entry->starts_off + entry->n_starts > header.n_starts) ||
          !text_offset_ok (index, entry->title_off) ||
          !text_offset_ok (index, entry->provider_off) ||
          !text_offset_ok (index, entry->cities_off))
        return NULL;
    }

  index_map_rids (index);

  return g_steal_pointer (&index);
}

/* The index saved for generation, if there is a sound one. Inside the read transaction of
 * the query, like a build. */
static CourseIndex *
course_index_load (sqlite3 *db,
                   gint64   generation)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CourseIndex *index;

  stmt = prepare (db, "SELECT data FROM course_index WHERE generation = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, generation);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  index = course_index_deserialize (sqlite3_column_blob (stmt, 0),
                                    (gsize)sqlite3_column_bytes (stmt, 0), generation);
  if (index == NULL)
    g_debug ("The saved search index (generation %" G_GINT64_FORMAT ") is damaged: "
             "building it again", generation);

  return index;
}

/* The current index: loaded from the cache, or built on this connection when a write made
 * the saved one stale (then saved by save_built_index() once the caller has answered). */
static CourseIndex *
get_index (ChqStore  *self,
           sqlite3   *db,
           GError   **error)
{
  gint64 generation = read_generation (db);
  CourseIndex *index = NULL;

  g_mutex_lock (&self->index_lock);
  if (self->index != NULL && self->index->generation == generation)
    index = course_index_ref (self->index);
  g_mutex_unlock (&self->index_lock);

  if (index != NULL)
    return index;

  /* One build at a time: a second reader of the same generation waits and shares it. */
  g_mutex_lock (&self->build_lock);

  g_mutex_lock (&self->index_lock);
  if (self->index != NULL && self->index->generation == generation)
    index = course_index_ref (self->index);
  g_mutex_unlock (&self->index_lock);

  if (index == NULL)
    {
      gint64 start = g_get_monotonic_time ();
      gboolean built = FALSE;

      if ((index = course_index_load (db, generation)) == NULL &&
          (index = course_index_build (db, generation, error)) != NULL)
        built = TRUE;

      if (index != NULL)
        {
          g_debug ("Search index of %u courses %s in %.1f ms", index->entries->len,
                   built ? "built" : "loaded", (g_get_monotonic_time () - start) / 1e3);

          g_mutex_lock (&self->index_lock);
          if (self->index == NULL || self->index->generation < generation)
            {
              g_clear_pointer (&self->index, course_index_unref);
              self->index = course_index_ref (index);
              if (built)
                {
                  g_clear_pointer (&self->unsaved, course_index_unref);
                  self->unsaved = course_index_ref (index);
                }
            }
          g_mutex_unlock (&self->index_lock);
        }
    }

  g_mutex_unlock (&self->build_lock);

  return index;
}

/* What a query asks, resolved against one index. */
typedef struct {
  gboolean ai_only;
  int      theme;        /* word id, -1 any, -2 nothing can match */
  int      language;
  int      province;
  int      format;
  int      voucher_type;
  guint    max_hours;
  gint64   day;          /* unix time of the start of "today": sessions from then count */
  gint64   within_end;   /* 0 = no window */
} Plan;

static int
resolve_word (CourseIndex *index,
              char         kind,
              const char  *word)
{
  int id;

  if (word == NULL || *word == '\0')
    return -1;
  id = word_id (index, kind, word, FALSE);
  return id < 0 ? -2 : id;
}

static gboolean
has_word (CourseIndex *index,
          guint32      off,
          guint8       n,
          int          id)
{
  const guint16 *tags = &g_array_index (index->tags, guint16, off);

  for (guint i = 0; i < n; i++)
    if (tags[i] == id)
      return TRUE;
  return FALSE;
}

/* The first session start at or after day, G_MAXINT64 when none. */
static gint64
next_start (CourseIndex      *index,
            const IndexEntry *entry,
            gint64            day)
{
  const gint64 *starts;

  if (entry->n_starts == 0)
    return G_MAXINT64;
  starts = &g_array_index (index->starts, gint64, entry->starts_off);
  for (guint i = 0; i < entry->n_starts; i++)
    if (starts[i] >= day)
      return starts[i];

  return G_MAXINT64;
}

static gboolean
entry_matches (CourseIndex      *index,
               const IndexEntry *entry,
               const Plan       *plan)
{
  if (plan->ai_only && !entry->ai)
    return FALSE;
  if (plan->format >= 0 && entry->format != plan->format)
    return FALSE;
  if (plan->voucher_type >= 0 && entry->voucher_type != plan->voucher_type)
    return FALSE;
  if (plan->max_hours > 0 && entry->hours > plan->max_hours)
    return FALSE;
  if (plan->theme != -1 &&
      (plan->theme < 0 || !has_word (index, entry->themes_off, entry->n_themes, plan->theme)))
    return FALSE;
  if (plan->language != -1 &&
      (plan->language < 0 ||
       !has_word (index, entry->languages_off, entry->n_languages, plan->language)))
    return FALSE;
  if (plan->province != -1 &&
      (plan->province < 0 ||
       !has_word (index, entry->provinces_off, entry->n_provinces, plan->province)))
    return FALSE;
  if (plan->within_end != 0 && next_start (index, entry, plan->day) >= plan->within_end)
    return FALSE;

  return TRUE;
}

typedef struct {
  gint64  key;
  gint64  next;       /* a second key (next session when ranking), else 0 */
  guint32 rank;       /* the title order breaks ties */
  guint32 position;
} SortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  const SortItem *ia = a;
  const SortItem *ib = b;

  if (ia->key != ib->key)
    return ia->key < ib->key ? -1 : 1;
  if (ia->next != ib->next)
    return ia->next < ib->next ? -1 : 1;
  return ia->rank < ib->rank ? -1 : ia->rank > ib->rank;
}

/* Entry positions in the order of sort (ties by title), for the day given. Sorting every
 * course once per index (and day) spares each keystroke a sort. */
static GArray *
index_get_order (CourseIndex   *index,
                 ChqCourseSort  sort,
                 gint64         day)
{
  g_autoptr(GArray) items = NULL;
  GArray **slot;
  GArray *order;

  g_mutex_lock (&index->orders_lock);

  switch (sort)
    {
    case CHQ_COURSE_SORT_HOURS:
      slot = &index->hours_order;
      break;
    case CHQ_COURSE_SORT_TITLE:
      slot = &index->title_order;
      break;
    case CHQ_COURSE_SORT_RELEVANCE:
    case CHQ_COURSE_SORT_NEXT_SESSION:
    default:
      slot = &index->next_order;
      if (index->next_order != NULL && index->next_order_day != day)
        g_clear_pointer (&index->next_order, g_array_unref);
      index->next_order_day = day;
      break;
    }

  if (*slot == NULL)
    {
      items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), index->entries->len);
      for (guint i = 0; i < index->entries->len; i++)
        {
          const IndexEntry *entry = &g_array_index (index->entries, IndexEntry, i);
          SortItem item = { 0, 0, entry->title_rank, i };

          if (sort == CHQ_COURSE_SORT_HOURS)
            item.key = entry->hours;
          else if (sort != CHQ_COURSE_SORT_TITLE)
            item.key = next_start (index, entry, day);
          g_array_append_val (items, item);
        }
      g_array_sort (items, compare_sort_items);

      *slot = g_array_sized_new (FALSE, FALSE, sizeof (guint32), items->len);
      for (guint i = 0; i < items->len; i++)
        g_array_append_val (*slot, g_array_index (items, SortItem, i).position);
    }

  order = g_array_ref (*slot);
  g_mutex_unlock (&index->orders_lock);

  return order;
}

/* Runs MATCH; fills rids in rowid order. */
static gboolean
run_match (sqlite3     *db,
           const char  *match,
           GArray      *rids,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare (db, "SELECT rowid FROM courses_fts WHERE courses_fts MATCH ?1", error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, match);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rids, rid);
    }
  if (rc != SQLITE_DONE)
    return set_db_error (error, db);

  return TRUE;
}

/* The folded words of a MATCH expression (its quoted tokens). */
static GStrv
match_tokens (const char *match)
{
  g_auto(GStrv) pieces = g_strsplit (match, "\"", -1);
  GPtrArray *tokens = g_ptr_array_new ();

  /* "a"* "b"* splits into "", a, * , b, *: the tokens are the odd pieces. */
  for (guint i = 1; pieces[i] != NULL; i += 2)
    if (*pieces[i] != '\0')
      g_ptr_array_add (tokens, fold_for_sort (pieces[i]));
  g_ptr_array_add (tokens, NULL);

  return (GStrv)g_ptr_array_free (tokens, FALSE);
}

/* Whether a word of the folded text starts with the folded token. strstr jumps from one
 * occurrence to the next (overlapping ones too); only those at the start of a word count. */
static gboolean
has_word_prefix (const char *text,
                 const char *token)
{
  /* A token of combining marks only folds to nothing: it prefixes any word. */
  if (*token == '\0')
    return *text != '\0';

  for (const char *p = text; (p = strstr (p, token)) != NULL; p++)
    {
      guchar before = p == text ? ' ' : (guchar)p[-1];

      if (before < 0x80 && !g_ascii_isalnum (before))
        return TRUE;
    }

  return FALSE;
}

/* A cheap relevance: where the typed words are found, weighted like a human would (the
 * title says what a course is). bm25 would cost more than the search itself: its IDF
 * reads every row holding each word (all 20,000 "intelligence" courses). */
static gint64
relevance (CourseIndex      *index,
           const IndexEntry *entry,
           const char * const *tokens)
{
  const char *text = (const char *)index->text->data;
  guint in_title = 0;
  gint64 score = 0;
  guint n = 0;

  for (; tokens[n] != NULL; n++)
    {
      if (has_word_prefix (text + entry->title_off, tokens[n]))
        {
          score += 10;
          in_title++;
        }
      if (has_word_prefix (text + entry->provider_off, tokens[n]))
        score += 4;
      if (has_word_prefix (text + entry->cities_off, tokens[n]))
        score += 2;
    }
  if (n > 0 && in_title == n)
    score += 1000;

  return score;
}

typedef struct {
  gint64 score;
  gint64 rid;
} ScoredRow;

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  gint64 sa = ((const ScoredRow *)a)->score;
  gint64 sb = ((const ScoredRow *)b)->score;

  return sa > sb ? -1 : sa < sb;
}

/* The marked courses that pass the plan, best first, ties by next session then title:
 * the next-session order (order) walked, then sorted by score only, stably (a counting
 * sort: scores are small). Appends their rids to rowids. */
static void
rank_matches (CourseIndex         *index,
              GArray              *order,
              const guint8        *marks,
              const Plan          *plan,
              const char * const  *tokens,
              GArray              *rowids)
{
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (ScoredRow));
  g_autofree guint *starts = NULL;
  gint64 max_score = 0;
  guint base;

  for (guint i = 0; i < order->len; i++)
    {
      guint32 position = g_array_index (order, guint32, i);
      const IndexEntry *entry;
      ScoredRow row;

      if (!marks[position])
        continue;
      entry = &g_array_index (index->entries, IndexEntry, position);
      if (!entry_matches (index, entry, plan))
        continue;
      row.score = relevance (index, entry, tokens);
      row.rid = entry->rid;
      max_score = MAX (max_score, row.score);
      g_array_append_val (scored, row);
    }

  if (max_score > 65536)
    {
      /* Only with thousands of typed words; g_array_sort() is stable too. */
      g_array_sort (scored, compare_scores);
      for (guint i = 0; i < scored->len; i++)
        g_array_append_val (rowids, g_array_index (scored, ScoredRow, i).rid);
      return;
    }

  /* starts[max_score - score]: where the rows of that score go, best first. */
  starts = g_new0 (guint, max_score + 2);
  for (guint i = 0; i < scored->len; i++)
    starts[max_score - g_array_index (scored, ScoredRow, i).score + 1]++;
  for (gint64 k = 1; k <= max_score + 1; k++)
    starts[k] += starts[k - 1];

  base = rowids->len;
  g_array_set_size (rowids, base + scored->len);
  for (guint i = 0; i < scored->len; i++)
    {
      const ScoredRow *row = &g_array_index (scored, ScoredRow, i);

      g_array_index (rowids, gint64, base + starts[max_score - row->score]++) = row->rid;
    }
}

/* The start of the calendar day of when, in its own time zone. */
static gint64
start_of_day (GDateTime *when)
{
  g_autoptr(GDateTime) day = g_date_time_new (g_date_time_get_timezone (when),
                                              g_date_time_get_year (when),
                                              g_date_time_get_month (when),
                                              g_date_time_get_day_of_month (when),
                                              0, 0, 0);

  return g_date_time_to_unix (day);
}

/* Saves the index this store built last, if not saved yet, with the writer connection:
 * only if no course write bumped the generation meanwhile, without bumping it, and
 * without "changed" (the catalogue did not change). Called once the query or listing that
 * built it has answered, off the main thread. It never waits for the writer: while a sync
 * writes, the index is left for a later query to save (it is most likely stale by then
 * anyway). A failure only costs the next start a build. */
static void
save_built_index (ChqStore *self)
{
  g_autoptr(CourseIndex) index = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_mutex_lock (&self->index_lock);
  index = g_steal_pointer (&self->unsaved);
  g_mutex_unlock (&self->index_lock);
  if (index == NULL)
    return;

  /* The page's default order for today, so the next start need not sort either. */
  now = chq_clock_now_local ();
  g_array_unref (index_get_order (index, CHQ_COURSE_SORT_NEXT_SESSION, start_of_day (now)));

  if (!g_mutex_trylock (&self->write_lock))
    {
      g_mutex_lock (&self->index_lock);
      if (self->unsaved == NULL && self->index == index)
        self->unsaved = g_steal_pointer (&index);
      g_mutex_unlock (&self->index_lock);
      return;
    }
  if (!exec_sql (self->write_db, "BEGIN IMMEDIATE", NULL, &error))
    {
      g_mutex_unlock (&self->write_lock);
      g_debug ("Could not save the search index: %s", error->message);
      return;
    }

  ok = read_generation (self->write_db) == index->generation;
  if (ok)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      bytes = course_index_serialize (index);
      stmt =
        prepare (self->write_db,
                 "INSERT INTO course_index (singleton, generation, data) VALUES (1, ?1, ?2) "
                 "ON CONFLICT (singleton) DO UPDATE "
                 "SET generation = excluded.generation, data = excluded.data", &error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, index->generation);
          sqlite3_bind_blob64 (stmt, 2, g_bytes_get_data (bytes, NULL),
                               g_bytes_get_size (bytes), SQLITE_STATIC);
          ok = step_done (stmt, &error);
        }
    }

  if (!write_end (self, ok, &error))
    {
      if (error != NULL)
        g_debug ("Could not save the search index: %s", error->message);
      return;
    }
  g_debug ("Search index of %u courses saved (%" G_GSIZE_FORMAT " bytes) in %.1f ms",
           index->entries->len, g_bytes_get_size (bytes),
           (g_get_monotonic_time () - start) / 1e3);
}

static ChqCourseResult *
run_query (ChqStore             *self,
           sqlite3              *db,
           const ChqCourseQuery *query,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autoptr(CourseIndex) index = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now = NULL;
  g_autofree guint8 *marks = NULL;
  g_autofree char *match = chq_course_query_build_match (query->text);
  gboolean ranked = FALSE;
  guint n_text_matches = 0;
  Plan plan;

  if ((index = get_index (self, db, error)) == NULL)
    return NULL;

  now = query->today ? g_date_time_ref (query->today) : chq_clock_now_local ();
  plan.ai_only = query->ai_only;
  plan.theme = resolve_word (index, 't', query->theme);
  plan.language = resolve_word (index, 'l', query->language);
  plan.province = resolve_word (index, 'p', query->province);
  plan.format = query->format;
  plan.voucher_type = query->voucher_type;
  plan.max_hours = query->max_hours;
  plan.day = start_of_day (now);
  plan.within_end = query->within_weeks > 0 ?
                    plan.day + (gint64)query->within_weeks * 7 * 24 * 3600 : 0;

  if (match != NULL)
    {
      matches = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!run_match (db, match, matches, error))
        return NULL;
      n_text_matches = matches->len;

      marks = g_new0 (guint8, MAX (index->entries->len, 1));
      for (guint i = 0; i < matches->len; i++)
        {
          guint position;

          if (index_lookup (index, g_array_index (matches, gint64, i), &position) != NULL)
            marks[position] = 1;
        }

      /* Ranking every match of a short prefix says little and costs: rank small sets
       * only; else the cheap order. */
      if (query->sort == CHQ_COURSE_SORT_RELEVANCE && matches->len <= RANK_LIMIT)
        {
          g_auto(GStrv) tokens = match_tokens (match);

          order = index_get_order (index, CHQ_COURSE_SORT_NEXT_SESSION, plan.day);
          rank_matches (index, order, marks, &plan, (const char * const *)tokens, rowids);

          return chq_course_result_new (rowids, n_text_matches, TRUE);
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Walk every course in the sort order, keeping the marked ones that pass the filters:
   * linear, no sort per keystroke. */
  order = index_get_order (index, query->sort, plan.day);
  for (guint i = 0; i < order->len; i++)
    {
      guint32 position = g_array_index (order, guint32, i);
      const IndexEntry *entry;

      if (marks != NULL && !marks[position])
        continue;
      entry = &g_array_index (index->entries, IndexEntry, position);
      if (entry_matches (index, entry, &plan))
        g_array_append_val (rowids, entry->rid);
    }

  return chq_course_result_new (rowids, n_text_matches, ranked);
}

/**
 * chq_store_query_courses:
 * @self: a store
 * @query: what to look for
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Runs a catalogue search on a read connection of its own (any thread but, at 50,000
 * courses, not the main one: use chq_store_query_courses_async() there). Any typed text
 * is safe (see chq_course_query_build_match()). The first search after a course write
 * builds the search index and then saves it in the cache, so the next start loads it.
 *
 * Returns: (transfer full) (nullable): the matching courses in order
 */
static ChqCourseResult *
query_courses (ChqStore             *self,
               const ChqCourseQuery *query,
               GCancellable         *cancellable,
               GError              **error)
{
  ChqCourseResult *result = NULL;
  sqlite3 *db;

  if ((db = reader_take (self, error)) == NULL)
    return NULL;

  /* One read transaction: the index and the FTS answer see the same data. */
  if (exec_sql (db, "BEGIN", NULL, error))
    result = run_query (self, db, query, cancellable, error);
  reader_give (self, db);

  return result;
}

ChqCourseResult *
chq_store_query_courses (ChqStore             *self,
                         const ChqCourseQuery *query,
                         GCancellable         *cancellable,
                         GError              **error)
{
  ChqCourseResult *result;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  result = query_courses (self, query, cancellable, error);
  save_built_index (self);

  return result;
}

/* The distinct words of one kind ('t' themes, 'l' languages, 'p' provinces) of the
 * current courses, from the search index (built if stale), so the choices are exactly
 * what the filters can match. */
static GStrv
list_words (ChqStore *self,
            char      kind)
{
  g_autoptr(CourseIndex) index = NULL;
  GPtrArray *words = g_ptr_array_new ();
  sqlite3 *db;

  if ((db = reader_take (self, NULL)) != NULL)
    {
      if (exec_sql (db, "BEGIN", NULL, NULL))
        index = get_index (self, db, NULL);
      reader_give (self, db);
    }
  save_built_index (self);

  if (index != NULL)
    {
      GHashTableIter iter;
      const char *key;

      g_hash_table_iter_init (&iter, index->words);
      while (g_hash_table_iter_next (&iter, (gpointer *)&key, NULL))
        if (key[0] == kind && key[1] == ':')
          g_ptr_array_add (words, g_strdup (key + 2));
    }
  g_ptr_array_sort (words, compare_strings);
  g_ptr_array_add (words, NULL);

  return (GStrv)g_ptr_array_free (words, FALSE);
}

/**
 * chq_store_list_course_languages:
 * @self: a store
 *
 * Returns: (transfer full): the languages courses are given in, sorted
 */
GStrv
chq_store_list_course_languages (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return list_words (self, 'l');
}

/**
 * chq_store_list_course_provinces:
 * @self: a store
 *
 * Returns: (transfer full): the provinces courses are given in, sorted
 */
GStrv
chq_store_list_course_provinces (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return list_words (self, 'p');
}

/**
 * chq_store_list_course_themes:
 * @self: a store
 *
 * Returns: (transfer full): the theme words of the courses, sorted
 */
GStrv
chq_store_list_course_themes (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return list_words (self, 't');
}

/* -------------------------------------------------------------------------------- async */

typedef enum {
  READ_QUERY,
  READ_COURSE,
  READ_ACCOUNT,
  READ_WALLET,
  READ_ORDERS,
  READ_BATCHES,
  READ_WORKERS,
  READ_ENROLMENTS,
  READ_ENROLMENT_YEARS,
} ReadKind;

typedef struct {
  ReadKind        kind;
  ChqCourseQuery *query;  /* owned */
  char           *id;     /* owned */
  int             year;
} ReadData;

static void
read_data_free (gpointer data)
{
  ReadData *read = data;

  g_clear_pointer (&read->query, chq_course_query_free);
  g_free (read->id);
  g_free (read);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ChqStore *self = source_object;
  ReadData *read = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify free_func = g_object_unref;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (read->kind)
    {
    case READ_QUERY:
      /* The index this may build is saved after the answer is on its way. */
      result = query_courses (self, read->query, cancellable, &error);
      free_func = (GDestroyNotify)chq_course_result_unref;
      break;
    case READ_COURSE:
      result = chq_store_get_course (self, read->id, &error);
      break;
    case READ_ACCOUNT:
      result = chq_store_get_account (self, &error);
      break;
    case READ_WALLET:
      result = chq_store_get_wallet (self, &error);
      free_func = (GDestroyNotify)chq_wallet_free;
      break;
    case READ_ORDERS:
      result = chq_store_list_orders (self, &error);
      free_func = (GDestroyNotify)g_ptr_array_unref;
      break;
    case READ_BATCHES:
      result = chq_store_list_batches (self, &error);
      free_func = (GDestroyNotify)g_ptr_array_unref;
      break;
    case READ_WORKERS:
      result = chq_store_list_workers (self, &error);
      free_func = (GDestroyNotify)g_ptr_array_unref;
      break;
    case READ_ENROLMENTS:
      result = chq_store_list_enrolments (self, read->year, &error);
      free_func = (GDestroyNotify)g_ptr_array_unref;
      break;
    case READ_ENROLMENT_YEARS:
      result = chq_store_list_enrolment_years (self, &error);
      free_func = (GDestroyNotify)g_array_unref;
      break;
    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, free_func);

  if (read->kind == READ_QUERY)
    save_built_index (self);
}

static void
read_async (ChqStore            *self,
            ReadData            *read,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, read, read_data_free);
  g_task_run_in_thread (task, read_thread);
}

static ReadData *
read_data_new (ReadKind kind)
{
  ReadData *read = g_new0 (ReadData, 1);

  read->kind = kind;
  return read;
}

/**
 * chq_store_query_courses_async:
 * @self: a store
 * @query: what to look for (copied)
 * @cancellable: (nullable): a cancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Runs chq_store_query_courses() in a worker thread.
 */
void
chq_store_query_courses_async (ChqStore             *self,
                               const ChqCourseQuery *query,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  ReadData *read;

  g_return_if_fail (CHQ_IS_STORE (self));
  g_return_if_fail (query != NULL);

  read = read_data_new (READ_QUERY);
  read->query = chq_course_query_copy (query);
  read_async (self, read, chq_store_query_courses_async, cancellable, callback, user_data);
}

/**
 * chq_store_query_courses_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the matching courses in order
 */
ChqCourseResult *
chq_store_query_courses_finish (ChqStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_get_course_async:
 * @self: a store
 * @id: a course id
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads one whole course (for the detail view) in a worker thread.
 */
void
chq_store_get_course_async (ChqStore            *self,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ReadData *read;

  g_return_if_fail (CHQ_IS_STORE (self));
  g_return_if_fail (id != NULL);

  read = read_data_new (READ_COURSE);
  read->id = g_strdup (id);
  read_async (self, read, chq_store_get_course_async, cancellable, callback, user_data);
}

/**
 * chq_store_get_course_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the course; %NULL without error if unknown
 */
ChqCourse *
chq_store_get_course_finish (ChqStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_get_account_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the stored account in a worker thread.
 */
void
chq_store_get_account_async (ChqStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_ACCOUNT), chq_store_get_account_async,
              cancellable, callback, user_data);
}

/**
 * chq_store_get_account_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the account; %NULL without error if none
 */
ChqAccount *
chq_store_get_account_finish (ChqStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_get_wallet_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the stored wallet in a worker thread.
 */
void
chq_store_get_wallet_async (ChqStore            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_WALLET), chq_store_get_wallet_async,
              cancellable, callback, user_data);
}

/**
 * chq_store_get_wallet_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the wallet; %NULL without error if none yet
 */
ChqWallet *
chq_store_get_wallet_finish (ChqStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_list_orders_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done; get the list with chq_store_list_finish()
 * @user_data: data for @callback
 */
void
chq_store_list_orders_async (ChqStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_ORDERS), chq_store_list_finish,
              cancellable, callback, user_data);
}

/**
 * chq_store_list_batches_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done; get the list with chq_store_list_finish()
 * @user_data: data for @callback
 */
void
chq_store_list_batches_async (ChqStore            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_BATCHES), chq_store_list_finish,
              cancellable, callback, user_data);
}

/**
 * chq_store_list_workers_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done; get the list with chq_store_list_finish()
 * @user_data: data for @callback
 */
void
chq_store_list_workers_async (ChqStore            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_WORKERS), chq_store_list_finish,
              cancellable, callback, user_data);
}

/**
 * chq_store_list_enrolments_async:
 * @self: a store
 * @year: a calendar year
 * @cancellable: (nullable): a cancellable
 * @callback: called when done; get the list with chq_store_list_finish()
 * @user_data: data for @callback
 */
void
chq_store_list_enrolments_async (ChqStore            *self,
                                 int                  year,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ReadData *read;

  g_return_if_fail (CHQ_IS_STORE (self));

  read = read_data_new (READ_ENROLMENTS);
  read->year = year;
  read_async (self, read, chq_store_list_finish, cancellable, callback, user_data);
}

/**
 * chq_store_list_finish:
 * @self: a store
 * @result: the result given to a chq_store_list_*_async() callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type GObject): the model objects
 */
GPtrArray *
chq_store_list_finish (ChqStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == chq_store_list_finish,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_list_enrolment_years_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Runs chq_store_list_enrolment_years() in a worker thread.
 */
void
chq_store_list_enrolment_years_async (ChqStore            *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));

  read_async (self, read_data_new (READ_ENROLMENT_YEARS), chq_store_list_enrolment_years_finish,
              cancellable, callback, user_data);
}

/**
 * chq_store_list_enrolment_years_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type int): the years, latest first
 */
GArray *
chq_store_list_enrolment_years_finish (ChqStore      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        chq_store_list_enrolment_years_finish, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- main-thread rows */

static gboolean
ensure_main_db (ChqStore *self)
{
  g_autoptr(GError) error = NULL;
  int rc;

  if (self->main_db != NULL)
    return TRUE;

  self->main_db = open_connection (self->path, FALSE, &rc, &error);
  if (self->main_db == NULL)
    {
      g_warning ("Could not open the cache for rows: %s", error->message);
      return FALSE;
    }
  if (sqlite3_prepare_v3 (self->main_db,
                          "SELECT id, title, provider_name, hours, voucher_type, "
                          "  price_cents, format, ai FROM courses WHERE rid = ?1",
                          -1, SQLITE_PREPARE_PERSISTENT, &self->row_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v3 (self->main_db,
                          "SELECT starts_at, city FROM course_sessions "
                          "WHERE course_rid = ?1 AND starts_at >= ?2 "
                          "ORDER BY starts_at LIMIT 1",
                          -1, SQLITE_PREPARE_PERSISTENT, &self->next_stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Could not prepare the row lookup: %s", sqlite3_errmsg (self->main_db));
      g_clear_pointer (&self->row_stmt, sqlite3_finalize);
      g_clear_pointer (&self->next_stmt, sqlite3_finalize);
      g_clear_pointer (&self->main_db, sqlite3_close);
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_store_get_course_row:
 * @self: a store
 * @rowid: a row id from a #ChqCourseResult
 * @today: (nullable): the moment the next session is counted from, %NULL for now
 *
 * Reads what a list row shows by primary key. Main thread only (it has its own
 * connection and statements), and fast enough for it. The next session is the first
 * starting on the day of @today or later, as in the search.
 *
 * Returns: (transfer full) (nullable): the row, or %NULL if the course is gone
 */
ChqCourseRow *
chq_store_get_course_row (ChqStore  *self,
                          gint64     rowid,
                          GDateTime *today)
{
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *next_city = NULL;
  ChqCourseRow *row = NULL;
  gint64 now;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);

  if (!ensure_main_db (self))
    return NULL;

  if (today != NULL)
    now = start_of_day (today);
  else
    {
      g_autoptr(GDateTime) local_now = chq_clock_now_local ();

      now = start_of_day (local_now);
    }

  sqlite3_bind_int64 (self->next_stmt, 1, rowid);
  sqlite3_bind_int64 (self->next_stmt, 2, now);
  if (sqlite3_step (self->next_stmt) == SQLITE_ROW)
    {
      next = g_date_time_new_from_unix_local (sqlite3_column_int64 (self->next_stmt, 0));
      next_city = g_strdup ((const char *)sqlite3_column_text (self->next_stmt, 1));
    }
  sqlite3_reset (self->next_stmt);

  sqlite3_bind_int64 (self->row_stmt, 1, rowid);
  if (sqlite3_step (self->row_stmt) == SQLITE_ROW)
    {
      sqlite3_stmt *s = self->row_stmt;

      row = chq_course_row_new (rowid,
                                (const char *)sqlite3_column_text (s, 0),
                                (const char *)sqlite3_column_text (s, 1),
                                (const char *)sqlite3_column_text (s, 2),
                                (guint)sqlite3_column_int64 (s, 3),
                                (ChqVoucherType)sqlite3_column_int (s, 4),
                                sqlite3_column_int64 (s, 5),
                                (ChqCourseFormat)sqlite3_column_int (s, 6),
                                sqlite3_column_int (s, 7) != 0,
                                next, next_city);
    }
  sqlite3_reset (self->row_stmt);

  return row;
}
