/* chq-store-courses.c: ChqStore's courses: feed pages applied, one course read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include "chq-clock.h"
#include "chq-db.h"
#include "chq-json.h"
#include "chq-store-private.h"

/* ---------------------------------------------------------------------- course feed pages */

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
  if (!chq_db_exec (db,
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
                    "DELETE FROM temp.chq_page_sessions;", error))
    return FALSE;

  stmts->stage_course =
    chq_db_prepare (db,
                    "INSERT INTO temp.chq_page_courses (" STAGE_COLUMNS ") "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                    "  ?16, ?17)", error);
  if (stmts->stage_course != NULL)
    stmts->stage_session =
      chq_db_prepare (db, "INSERT INTO temp.chq_page_sessions (course_id, starts_at, city) "
                          "VALUES (?1, ?2, ?3)", error);
  if (stmts->stage_session != NULL)
    stmts->delete_course = chq_db_prepare (db, "DELETE FROM courses WHERE id = ?1", error);

  return stmts->delete_course != NULL;
}

/* Writes the staged courses (in page order: a course twice in a page ends as its last copy,
 * as with one upsert each) and replaces their sessions with the staged ones. */
static gboolean
write_staged_courses (sqlite3  *db,
                      GError  **error)
{
  return chq_db_exec (db,
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
                      "DELETE FROM temp.chq_page_sessions;", error);
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
      if (!chq_db_step_done (sqlite3_db_handle (stmt), stmt, error))
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
      if (!chq_db_step_done (sqlite3_db_handle (stmt), stmt, error))
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

  if (!_chq_store_write_begin (self, error))
    return FALSE;

  ok = course_statements_init (&stmts, self->write_db, error);
  if (ok)
    ok = insert_staged (&stmts, staged, error);
  if (ok && staged->courses->len > 0)
    ok = write_staged_courses (self->write_db, error);
  for (guint i = 0; ok && deleted_ids != NULL && deleted_ids[i] != NULL; i++)
    {
      chq_db_bind_text (stmts.delete_course, 1, deleted_ids[i]);
      ok = chq_db_step_done (sqlite3_db_handle (stmts.delete_course), stmts.delete_course, error);
    }
  if (ok && next_cursor != NULL)
    ok = _chq_store_set_state_value (self->write_db, "cursor", next_cursor, error);
  if (ok)
    ok = _chq_store_bump_courses_generation (self->write_db, error);
  course_statements_clear (&stmts);

  if (!_chq_store_write_end (self, ok, error))
    return FALSE;

  _chq_store_queue_changed (self, CHQ_STORE_COURSES);
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
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(ChqStagedCourses) staged = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);

  if (courses == NULL)
    courses = none = g_ptr_array_new ();
  staged = chq_staged_courses_new_from_courses (courses, NULL, error);
  if (staged == NULL)
    return FALSE;

  return apply_courses (self, staged, deleted_ids, next_cursor, error);
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

  return _chq_store_read_text (self, "SELECT json FROM courses WHERE id = ?1", id, NULL);
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

  json = _chq_store_read_text (self, "SELECT json FROM courses WHERE id = ?1", id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return json ? (ChqCourse *)_chq_store_object_from_text (json, CHQ_TYPE_COURSE, error) : NULL;
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

  count = _chq_store_read_text (self, "SELECT count(*) FROM courses", NULL, NULL);
  return count ? (guint)g_ascii_strtoull (count, NULL, 10) : 0;
}

/* ---------------------------------------------------------------------- main-thread rows */

static gboolean
ensure_main_db (ChqStore *self)
{
  g_autoptr(GError) error = NULL;

  if (self->main_db != NULL)
    return TRUE;

  self->main_db = _chq_store_open_connection (self->path, &error);
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
      g_clear_pointer (&self->main_db, chq_db_close);
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
    now = _chq_store_start_of_day (today);
  else
    {
      g_autoptr(GDateTime) local_now = chq_clock_now_local ();

      now = _chq_store_start_of_day (local_now);
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
