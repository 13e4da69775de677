/* chq-store-schema.c: the cache database's schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include "chq-db.h"
#include "chq-store-schema.h"

/* Step N takes a database at user_version N-1 to N. Never edit a released step: add one. */
static const ChqDbMigration migrations[] = {
  /* 1: courses with their search index, sync state, and the account's collections */
  { 1,
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
    NULL },

  /* 2: the catalogue search's in-memory index, saved for the courses generation it was
   * built from (chq-store-index.c), so that a start loads it instead of building it again */
  { 2,
    "CREATE TABLE course_index ("
    "  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
    "  generation INTEGER NOT NULL,"       /* sync_state's courses_generation it reflects */
    "  data BLOB NOT NULL"
    ");",
    NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CHQ_STORE_SCHEMA_VERSION);

/**
 * _chq_store_schema_migrate:
 * @db: an open connection
 * @error: return location for an error (%CHQ_DB_ERROR)
 *
 * Runs every migration step the database lacks, each in its own transaction together with
 * its `PRAGMA user_version` bump, so a crash leaves the database at a whole version. A
 * newer database is refused (%CHQ_DB_ERROR_NEWER_SCHEMA).
 *
 * Returns: whether the database is now at %CHQ_STORE_SCHEMA_VERSION
 */
gboolean
_chq_store_schema_migrate (sqlite3  *db,
                           GError  **error)
{
  return chq_db_migrate (db, migrations, G_N_ELEMENTS (migrations), error);
}
