/* chq-store-schema.c: the cache database's schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-store.h"
#include "chq-store-schema.h"

/* Step N takes a database at user_version N-1 to N. Never edit a released step: add one. */
static const char * const migrations[] = {
  /* 1: courses with their search index, sync state, and the account's collections */
  "CREATE TABLE courses ("
  "  rid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  json TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  title_key TEXT NOT NULL,"           /* casefolded, accents stripped: the title sort */
  "  summary TEXT NOT NULL,"
  "  provider_name TEXT NOT NULL,"
  "  cities TEXT NOT NULL,"              /* every city, for the search index */
  "  hours INTEGER NOT NULL,"
  "  price_cents INTEGER NOT NULL,"
  "  voucher_type INTEGER NOT NULL,"     /* ChqVoucherType */
  "  ai INTEGER NOT NULL,"
  "  format INTEGER NOT NULL,"           /* ChqCourseFormat */
  "  first_start INTEGER,"               /* unix time of the first session, NULL if none */
  "  provinces TEXT NOT NULL,"           /* words, space separated */
  "  languages TEXT NOT NULL,"
  "  themes TEXT NOT NULL,"
  "  updated_at TEXT"
  ");"
  "CREATE INDEX courses_by_title ON courses (title_key, rid);"
  "CREATE TABLE course_sessions ("
  "  course_rid INTEGER NOT NULL REFERENCES courses (rid) ON DELETE CASCADE,"
  "  starts_at INTEGER NOT NULL,"        /* unix time */
  "  city TEXT"
  ");"
  "CREATE INDEX course_sessions_by_course ON course_sessions (course_rid, starts_at);"
  "CREATE VIRTUAL TABLE courses_fts USING fts5 ("
  "  title, summary, provider_name, cities,"
  "  content='courses', content_rowid='rid',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'"
  ");"
  "CREATE TRIGGER courses_fts_insert AFTER INSERT ON courses BEGIN"
  "  INSERT INTO courses_fts (rowid, title, summary, provider_name, cities)"
  "  VALUES (new.rid, new.title, new.summary, new.provider_name, new.cities);"
  "END;"
  "CREATE TRIGGER courses_fts_delete AFTER DELETE ON courses BEGIN"
  "  INSERT INTO courses_fts (courses_fts, rowid, title, summary, provider_name, cities)"
  "  VALUES ('delete', old.rid, old.title, old.summary, old.provider_name, old.cities);"
  "END;"
  "CREATE TRIGGER courses_fts_update AFTER UPDATE ON courses BEGIN"
  "  INSERT INTO courses_fts (courses_fts, rowid, title, summary, provider_name, cities)"
  "  VALUES ('delete', old.rid, old.title, old.summary, old.provider_name, old.cities);"
  "  INSERT INTO courses_fts (rowid, title, summary, provider_name, cities)"
  "  VALUES (new.rid, new.title, new.summary, new.provider_name, new.cities);"
  "END;"
  "CREATE TABLE sync_state (key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
  "CREATE TABLE etags (collection TEXT PRIMARY KEY, etag TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE account ("
  "  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
  "  json TEXT NOT NULL"
  ");"
  "CREATE TABLE orders ("
  "  id TEXT PRIMARY KEY,"
  "  created_at INTEGER,"                /* unix time */
  "  json TEXT NOT NULL"
  ");"
  "CREATE TABLE wallet ("
  "  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
  "  json TEXT NOT NULL"
  ");"
  "CREATE TABLE batches ("
  "  id TEXT PRIMARY KEY,"
  "  voucher_type INTEGER NOT NULL,"
  "  expires_on TEXT NOT NULL,"
  "  available INTEGER NOT NULL,"
  "  reserved INTEGER NOT NULL,"
  "  used INTEGER NOT NULL,"
  "  json TEXT NOT NULL"
  ");"
  "CREATE TABLE workers ("
  "  id TEXT PRIMARY KEY,"
  "  sort_key TEXT NOT NULL,"
  "  json TEXT NOT NULL"
  ");"
  "CREATE TABLE enrolments ("
  "  id TEXT PRIMARY KEY,"
  "  year INTEGER NOT NULL,"
  "  starts_at INTEGER,"                 /* unix time */
  "  json TEXT NOT NULL"
  ");"
  "CREATE INDEX enrolments_by_year ON enrolments (year, starts_at);",

  /* 2: the catalogue search's in-memory index, saved for the courses generation it was
   * built from (chq-store.c), so that a start loads it instead of building it again */
  "CREATE TABLE course_index ("
  "  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
  "  generation INTEGER NOT NULL,"       /* sync_state's courses_generation it reflects */
  "  data BLOB NOT NULL"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CHQ_STORE_SCHEMA_VERSION);

static gboolean
fail (sqlite3  *db,
      int       rc,
      int      *out_sqlite_code,
      GError  **error)
{
  *out_sqlite_code = rc;
  g_set_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_FAILED,
               /* Translators: %s is SQLite's own description of the failure */
               _("Could not prepare the local cache (%s). Check that the disk is not full, "
                 "or use “Clear cache” in Preferences."),
               sqlite3_errmsg (db));
  return FALSE;
}

static int
read_user_version (sqlite3 *db,
                   int     *out_version)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_version = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

/**
 * _chq_store_schema_migrate:
 * @db: an open connection
 * @out_sqlite_code: (out): the SQLite result code of a failure, else SQLITE_OK
 * @error: return location for an error
 *
 * Runs every migration step the database lacks, each in its own transaction together with
 * its `PRAGMA user_version` bump, so a crash leaves the database at a whole version.
 *
 * Returns: whether the database is now at %CHQ_STORE_SCHEMA_VERSION
 */
gboolean
_chq_store_schema_migrate (sqlite3  *db,
                           int      *out_sqlite_code,
                           GError  **error)
{
  int version = 0;
  int rc;

  *out_sqlite_code = SQLITE_OK;

  rc = read_user_version (db, &version);
  if (rc != SQLITE_OK)
    return fail (db, rc, out_sqlite_code, error);

  if (version > CHQ_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_NEWER_SCHEMA,
                   _("The local cache was made by a newer version of Chéquier (format %d, "
                     "this version knows up to %d). Update Chéquier, or use “Clear cache” "
                     "in Preferences to start it afresh."),
                   version, CHQ_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int step = version + 1; step <= CHQ_STORE_SCHEMA_VERSION; step++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", step);

      rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, migrations[step - 1], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, bump, NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          gboolean ret = fail (db, rc, out_sqlite_code, error);

          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return ret;
        }

      g_debug ("Cache migrated to version %d", step);
    }

  return TRUE;
}
