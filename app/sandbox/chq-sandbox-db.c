/* chq-sandbox-db.c: the sandbox server's SQLite storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file, the schema's versions and the errors are app/db's (chq-db.h); what is the
 * sandbox's own is its schema, a cache of prepared statements (each SQL text is compiled
 * once) and short calls that bind their parameters from a list of letters.
 */
#define G_LOG_DOMAIN "chq-sandbox-db"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-db.h"
#include "chq-sandbox.h"
#include "chq-sandbox-db.h"

struct _ChqSandboxDb
{
  sqlite3    *handle;      /* owned */
  GHashTable *statements;  /* SQL text (static) -> sqlite3_stmt, owned */
};

/* One step per schema version. */
static const ChqDbMigration migrations[] = {
  { 1,
    "CREATE TABLE sequences ("
    "  name TEXT PRIMARY KEY,"
    "  value INTEGER NOT NULL);"
    "CREATE TABLE companies ("
    "  id TEXT PRIMARY KEY,"
    "  enterprise_number TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  fte REAL NOT NULL,"
    "  authorisation_number TEXT NOT NULL,"
    "  registration_valid_until TEXT NOT NULL,"
    "  password_salt TEXT NOT NULL,"
    "  password_hash TEXT NOT NULL,"
    "  change_seq INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE tokens ("
    "  token_hash TEXT PRIMARY KEY,"
    "  company_id TEXT NOT NULL REFERENCES companies (id),"
    "  expires_at INTEGER NOT NULL);"
    "CREATE TABLE login_failures ("
    "  enterprise_number TEXT NOT NULL,"
    "  at INTEGER NOT NULL);"
    "CREATE INDEX login_failures_number ON login_failures (enterprise_number, at);"
    "CREATE TABLE providers ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  approval_number TEXT NOT NULL);"
    "CREATE TABLE courses ("
    "  id TEXT PRIMARY KEY,"
    "  seq INTEGER NOT NULL UNIQUE,"
    "  title TEXT NOT NULL,"
    "  summary TEXT NOT NULL,"
    "  description TEXT NOT NULL,"
    "  provider_id TEXT NOT NULL REFERENCES providers (id),"
    "  module_approval TEXT NOT NULL,"
    "  voucher_type TEXT NOT NULL,"
    "  hours INTEGER NOT NULL,"
    "  price_cents INTEGER NOT NULL,"
    "  themes TEXT NOT NULL,"       /* words joined by ',' */
    "  ai INTEGER NOT NULL,"
    "  format TEXT NOT NULL,"
    "  languages TEXT NOT NULL,"    /* words joined by ',' */
    "  cities TEXT NOT NULL,"       /* city names joined by ',' (the locations) */
    "  updated_at TEXT NOT NULL);"
    "CREATE TABLE course_sessions ("
    "  id TEXT PRIMARY KEY,"
    "  course_id TEXT NOT NULL REFERENCES courses (id) ON DELETE CASCADE,"
    "  starts_at TEXT NOT NULL,"
    "  ends_at TEXT NOT NULL,"
    "  city TEXT,"
    "  seats_left INTEGER NOT NULL);"
    "CREATE INDEX course_sessions_course ON course_sessions (course_id, starts_at);"
    "CREATE TABLE course_tombstones ("
    "  id TEXT PRIMARY KEY,"
    "  seq INTEGER NOT NULL UNIQUE);"
    "CREATE TABLE orders ("
    "  id TEXT PRIMARY KEY,"
    "  company_id TEXT NOT NULL REFERENCES companies (id),"
    "  voucher_type TEXT NOT NULL,"
    "  quantity INTEGER NOT NULL,"
    "  status TEXT NOT NULL,"
    "  created_at TEXT NOT NULL,"
    "  created_year INTEGER NOT NULL,"
    "  paid_at TEXT,"
    "  cancelled_at TEXT);"
    "CREATE INDEX orders_company ON orders (company_id, created_at);"
    "CREATE TABLE batches ("
    "  id TEXT PRIMARY KEY,"
    "  company_id TEXT NOT NULL REFERENCES companies (id),"
    "  order_id TEXT NOT NULL REFERENCES orders (id),"
    "  voucher_type TEXT NOT NULL,"
    "  credited_on TEXT NOT NULL,"
    "  expires_on TEXT NOT NULL,"
    "  quantity INTEGER NOT NULL,"
    "  available INTEGER NOT NULL,"
    "  reserved INTEGER NOT NULL,"
    "  used INTEGER NOT NULL);"
    "CREATE INDEX batches_company ON batches (company_id, expires_on);"
    "CREATE TABLE workers ("
    "  id TEXT PRIMARY KEY,"
    "  company_id TEXT NOT NULL REFERENCES companies (id),"
    "  first_name TEXT NOT NULL,"
    "  last_name TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  niss TEXT,"
    "  email TEXT,"
    "  archived INTEGER NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX workers_company ON workers (company_id);"
    "CREATE TABLE enrolments ("
    "  id TEXT PRIMARY KEY,"
    "  company_id TEXT NOT NULL REFERENCES companies (id),"
    "  worker_id TEXT NOT NULL REFERENCES workers (id),"
    "  course_id TEXT NOT NULL,"
    "  session_id TEXT NOT NULL,"
    "  course_title TEXT NOT NULL,"
    "  provider_name TEXT NOT NULL,"
    "  voucher_type TEXT NOT NULL,"
    "  starts_at TEXT NOT NULL,"
    "  ends_at TEXT NOT NULL,"
    "  year INTEGER NOT NULL,"
    "  hours INTEGER NOT NULL,"
    "  usage_code TEXT NOT NULL UNIQUE,"
    "  status TEXT NOT NULL,"
    "  vouchers_reserved INTEGER NOT NULL,"
    "  vouchers_used INTEGER NOT NULL DEFAULT 0,"
    "  hours_attended REAL NOT NULL DEFAULT 0,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL);"
    "CREATE INDEX enrolments_company ON enrolments (company_id, year);"
    "CREATE TABLE reservations ("
    "  enrolment_id TEXT NOT NULL REFERENCES enrolments (id),"
    "  batch_id TEXT NOT NULL REFERENCES batches (id),"
    "  quantity INTEGER NOT NULL,"
    "  PRIMARY KEY (enrolment_id, batch_id));"
    "CREATE TABLE attendance_days ("
    "  enrolment_id TEXT NOT NULL REFERENCES enrolments (id),"
    "  day TEXT NOT NULL,"
    "  hours REAL NOT NULL,"
    "  PRIMARY KEY (enrolment_id, day));"
    "CREATE TABLE idempotency ("
    "  company_id TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  request_hash TEXT NOT NULL,"
    "  status INTEGER NOT NULL,"
    "  content_type TEXT NOT NULL,"
    "  body BLOB NOT NULL,"
    "  PRIMARY KEY (company_id, key));", NULL },
  /* Idempotency keys are kept 30 days (docs/api.md), so they need a date. */
  { 2,
    "ALTER TABLE idempotency ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX idempotency_created ON idempotency (created_at);", NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CHQ_SANDBOX_DB_VERSION);

/* An app/db error as the sandbox's: the binary and the app say what to do with --db. */
static gboolean
set_db_error (GError    **error,
              GError     *db_error,
              int         version)
{
  if (g_error_matches (db_error, CHQ_DB_ERROR, CHQ_DB_ERROR_NEWER_SCHEMA))
    g_set_error (error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_DATABASE,
                 _("The demo database was written by a newer version of Chéquier "
                   "(schema %d). Use a newer version or another --db file."),
                 version);
  else
    g_set_error (error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_DATABASE,
                 _("The demo database could not be used (%s). "
                   "Check that the file is writable, or start without --db."),
                 db_error->message);
  return FALSE;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/**
 * chq_sandbox_db_open:
 * @path: (nullable): a database file, or %NULL for an in-memory database
 * @out_created: (out): set to %TRUE when the schema was created just now (seed it)
 * @error: return location for a #GError
 *
 * Opens the database, a private file (0600: it holds people's names) in a folder the user
 * chose and whose mode is left as it is, and brings its schema to %CHQ_SANDBOX_DB_VERSION
 * with chq_db_migrate(). A file database uses WAL. A schema newer than this code is refused.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with @error set
 */
ChqSandboxDb *
chq_sandbox_db_open (const char  *path,
                     gboolean    *out_created,
                     GError     **error)
{
  g_autoptr(ChqSandboxDb) db = g_new0 (ChqSandboxDb, 1);
  g_autoptr(GError) db_error = NULL;
  int version = 0;

  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);

  if (path != NULL)
    db->handle = chq_db_open (path, CHQ_DB_OPEN_CREATE | CHQ_DB_OPEN_KEEP_DIR_MODE, &db_error);
  else
    db->handle = chq_db_open (":memory:", 0, &db_error);
  if (db->handle == NULL ||
      (path != NULL &&
       !chq_db_exec (db->handle, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
                     &db_error)) ||
      (version = chq_db_get_user_version (db->handle, &db_error)) < 0 ||
      !chq_db_migrate (db->handle, migrations, G_N_ELEMENTS (migrations), &db_error))
    return set_db_error (error, db_error, version), NULL;

  if (out_created != NULL)
    *out_created = (version == 0);

  return g_steal_pointer (&db);
}

/**
 * chq_sandbox_db_free:
 * @db: (transfer full) (nullable): a database
 *
 * Finalizes every cached statement and closes the database.
 */
void
chq_sandbox_db_free (ChqSandboxDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->statements, g_hash_table_unref);
  chq_db_close (db->handle);
  g_free (db);
}

/**
 * chq_sandbox_db_get_handle:
 * @db: a database
 *
 * Returns: (transfer none): the SQLite handle
 */
sqlite3 *
chq_sandbox_db_get_handle (ChqSandboxDb *db)
{
  return db->handle;
}

/**
 * chq_sandbox_db_prepare:
 * @db: a database
 * @sql: a static SQL string (the cache keys on its text)
 *
 * Returns a prepared statement for @sql, reset and with no bindings, from a cache so each
 * statement is compiled once. Only one user of the same SQL at a time.
 *
 * Returns: (transfer none): the statement
 */
sqlite3_stmt *
chq_sandbox_db_prepare (ChqSandboxDb *db,
                        const char   *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);
  g_autoptr(GError) error = NULL;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = chq_db_prepare (db->handle, sql, &error);
  if (stmt == NULL)
    g_error ("Sandbox SQL does not compile: %s\n%s", error->message, sql);

  g_hash_table_insert (db->statements, (gpointer) sql, stmt);
  return stmt;
}

static sqlite3_stmt *
bind_valist (ChqSandboxDb *db,
             const char   *sql,
             const char   *types,
             va_list       args)
{
  sqlite3_stmt *stmt = chq_sandbox_db_prepare (db, sql);

  for (int i = 0; types != NULL && types[i] != '\0'; i++)
    {
      switch (types[i])
        {
        case 's':
          chq_db_bind_text (stmt, i + 1, va_arg (args, const char *));
          break;

        case 'i':
          sqlite3_bind_int (stmt, i + 1, va_arg (args, int));
          break;

        case 'I':
          sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;

        case 'd':
          sqlite3_bind_double (stmt, i + 1, va_arg (args, double));
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return stmt;
}

/**
 * chq_sandbox_db_query:
 * @db: a database
 * @sql: a static SQL string
 * @types: one letter per parameter: `s` text (NULL binds NULL), `i` int, `I` gint64,
 *   `d` double
 * @...: the parameters
 *
 * Returns: (transfer none): the bound statement, ready for sqlite3_step()
 */
sqlite3_stmt *
chq_sandbox_db_query (ChqSandboxDb *db,
                      const char   *sql,
                      const char   *types,
                      ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = bind_valist (db, sql, types, args);
  va_end (args);

  return stmt;
}

/**
 * chq_sandbox_db_run:
 * @db: a database
 * @sql: a static SQL string
 * @types: parameter letters as for chq_sandbox_db_query()
 * @...: the parameters
 *
 * Runs a statement that returns no rows (chq_db_step_done()).
 *
 * Returns: %TRUE on success (a failure is logged)
 */
gboolean
chq_sandbox_db_run (ChqSandboxDb *db,
                    const char   *sql,
                    const char   *types,
                    ...)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = bind_valist (db, sql, types, args);
  va_end (args);

  if (!chq_db_step_done (db->handle, stmt, &error))
    {
      g_warning ("Sandbox SQL failed: %s\n%s", error->message, sql);
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_sandbox_db_query_int:
 * @db: a database
 * @fallback: the value when there is no row or the value is NULL
 * @sql: a static SQL string
 * @types: parameter letters as for chq_sandbox_db_query()
 * @...: the parameters
 *
 * Returns: the first column of the first row
 */
gint64
chq_sandbox_db_query_int (ChqSandboxDb *db,
                          gint64        fallback,
                          const char   *sql,
                          const char   *types,
                          ...)
{
  sqlite3_stmt *stmt;
  gint64 value = fallback;
  va_list args;

  va_start (args, types);
  stmt = bind_valist (db, sql, types, args);
  va_end (args);

  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

/**
 * chq_sandbox_db_query_text:
 * @db: a database
 * @sql: a static SQL string
 * @types: parameter letters as for chq_sandbox_db_query()
 * @...: the parameters
 *
 * Returns: (transfer full) (nullable): the first column of the first row, or %NULL
 */
char *
chq_sandbox_db_query_text (ChqSandboxDb *db,
                           const char   *sql,
                           const char   *types,
                           ...)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  va_list args;

  va_start (args, types);
  stmt = bind_valist (db, sql, types, args);
  va_end (args);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = chq_db_column_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

/**
 * chq_sandbox_db_changes:
 * @db: a database
 *
 * Returns: the rows changed by the last statement
 */
int
chq_sandbox_db_changes (ChqSandboxDb *db)
{
  return sqlite3_changes (db->handle);
}

/**
 * chq_sandbox_db_begin:
 * @db: a database
 *
 * Starts a write transaction (chq_db_begin()).
 *
 * Returns: %TRUE on success (a failure is logged)
 */
gboolean
chq_sandbox_db_begin (ChqSandboxDb *db)
{
  g_autoptr(GError) error = NULL;

  if (!chq_db_begin (db->handle, &error))
    {
      g_warning ("Sandbox transaction not started: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_sandbox_db_commit:
 * @db: a database
 *
 * Returns: %TRUE on success (a failure is logged)
 */
gboolean
chq_sandbox_db_commit (ChqSandboxDb *db)
{
  g_autoptr(GError) error = NULL;

  if (!chq_db_commit (db->handle, &error))
    {
      g_warning ("Sandbox transaction not committed: %s", error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_sandbox_db_rollback:
 * @db: a database
 *
 * Rolls the current transaction back, if any.
 */
void
chq_sandbox_db_rollback (ChqSandboxDb *db)
{
  chq_db_rollback (db->handle);
}

/**
 * chq_sandbox_db_next_seq:
 * @db: a database
 * @name: the sequence
 *
 * Returns: the next value of the named sequence (1 first)
 */
gint64
chq_sandbox_db_next_seq (ChqSandboxDb *db,
                         const char   *name)
{
  chq_sandbox_db_run (db,
                      "INSERT INTO sequences (name, value) VALUES (?1, 1) "
                      "ON CONFLICT (name) DO UPDATE SET value = value + 1",
                      "s", name);
  return chq_sandbox_db_get_seq (db, name);
}

/**
 * chq_sandbox_db_get_seq:
 * @db: a database
 * @name: the sequence
 *
 * Returns: the current value of the named sequence (0 before the first)
 */
gint64
chq_sandbox_db_get_seq (ChqSandboxDb *db,
                        const char   *name)
{
  return chq_sandbox_db_query_int (db, 0, "SELECT value FROM sequences WHERE name = ?1",
                                   "s", name);
}

/**
 * chq_sandbox_db_text:
 * @stmt: a statement on a row
 * @column: the column
 *
 * Returns: (transfer none) (nullable): the column as UTF-8 text
 */
const char *
chq_sandbox_db_text (sqlite3_stmt *stmt,
                     int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}
