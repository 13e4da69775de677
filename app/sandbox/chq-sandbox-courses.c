/* chq-sandbox-courses.c: the course feed (GET /v1/courses) and one course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change of a course (created, edited, a seat taken or freed) gives it a new
 * sequence number; a deletion leaves a tombstone with its own. The feed pages through
 * those numbers; its cursor is "c_" and the number.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chq-sandbox-private.h"

#define FEED_DEFAULT_LIMIT 200
#define FEED_MAX_LIMIT     1000

#define COURSE_COLUMNS \
  "SELECT c.id, c.title, c.summary, c.description, p.id, p.name, p.approval_number, " \
  "c.module_approval, c.voucher_type, c.hours, c.price_cents, c.themes, c.ai, c.format, " \
  "c.languages, c.cities, c.updated_at, c.seq " \
  "FROM courses c JOIN providers p ON p.id = c.provider_id "

/* Courses are answered through the codec: each row becomes a ChqCourse, which the codec
 * writes (a feed page straight as text, chq_courses_page_to_text(): the feed is the
 * sandbox's hot path, 50,000 courses in pages of 1,000), so the sandbox sends exactly the
 * members, order and nulls the client reads. */

/* Words joined by ',' (themes, languages), the empty ones left out. */
static GStrv
split_words (const char *joined)
{
  g_auto(GStrv) parts = g_strsplit (joined != NULL ? joined : "", ",", -1);
  GStrvBuilder *words = g_strv_builder_new ();
  GStrv result;

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_strv_builder_add (words, parts[i]);
  result = g_strv_builder_end (words);
  g_strv_builder_unref (words);

  return result;
}

/* The places of a course, from its city names joined by ','; those the sandbox does not
 * know are left out. */
static GListModel *
locations_from_cities (const char *joined)
{
  g_auto(GStrv) cities = g_strsplit (joined != NULL ? joined : "", ",", -1);
  GListStore *locations = g_list_store_new (CHQ_TYPE_LOCATION);

  for (guint i = 0; cities[i] != NULL; i++)
    {
      g_autoptr(ChqLocation) location = NULL;
      const char *postcode = NULL, *province = NULL;

      if (cities[i][0] == '\0' || !_chq_sandbox_city_info (cities[i], &postcode, &province))
        continue;
      location = g_object_new (CHQ_TYPE_LOCATION,
                               "city", cities[i],
                               "postcode", postcode,
                               "province", province,
                               NULL);
      g_list_store_append (locations, location);
    }

  return G_LIST_MODEL (locations);
}

/* A date-time column (ISO 8601, as the codec writes it), or NULL. */
static GDateTime *
column_date_time (sqlite3_stmt *row,
                  int           column)
{
  const char *text = chq_sandbox_db_text (row, column);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static GListModel *
sessions_of_course (ChqSandboxDb *db,
                    const char   *course_id)
{
  GListStore *sessions = g_list_store_new (CHQ_TYPE_COURSE_SESSION);
  sqlite3_stmt *row = chq_sandbox_db_query (db,
                                            "SELECT id, starts_at, ends_at, city, seats_left "
                                            "FROM course_sessions WHERE course_id = ?1 "
                                            "ORDER BY starts_at, id",
                                            "s", course_id);

  while (sqlite3_step (row) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) starts_at = column_date_time (row, 1);
      g_autoptr(GDateTime) ends_at = column_date_time (row, 2);
      g_autoptr(ChqCourseSession) session = NULL;

      session = g_object_new (CHQ_TYPE_COURSE_SESSION,
                              "id", chq_sandbox_db_text (row, 0),
                              "starts-at", starts_at,
                              "ends-at", ends_at,
                              "city", chq_sandbox_db_text (row, 3),
                              "seats-left", (guint) sqlite3_column_int64 (row, 4),
                              NULL);
      g_list_store_append (sessions, session);
    }
  sqlite3_reset (row);

  return G_LIST_MODEL (sessions);
}

/* The course on @row (COURSE_COLUMNS), with its places and sessions. */
static ChqCourse *
course_from_row (ChqSandboxDb *db,
                 sqlite3_stmt *row)
{
  const char *id = chq_sandbox_db_text (row, 0);
  g_auto(GStrv) themes = split_words (chq_sandbox_db_text (row, 11));
  g_auto(GStrv) languages = split_words (chq_sandbox_db_text (row, 14));
  g_autoptr(GListModel) locations = locations_from_cities (chq_sandbox_db_text (row, 15));
  g_autoptr(GListModel) sessions = sessions_of_course (db, id);
  g_autoptr(GDateTime) updated_at = column_date_time (row, 16);
  ChqVoucherType voucher_type = CHQ_VOUCHER_TYPE_CF;
  ChqCourseFormat format = CHQ_COURSE_FORMAT_IN_PERSON;

  /* The sandbox writes both columns from the same words: they always read. */
  chq_voucher_type_from_string (chq_sandbox_db_text (row, 8), &voucher_type);
  chq_course_format_from_string (chq_sandbox_db_text (row, 13), &format);

  return g_object_new (CHQ_TYPE_COURSE,
                       "id", id,
                       "title", chq_sandbox_db_text (row, 1),
                       "summary", chq_sandbox_db_text (row, 2),
                       "description", chq_sandbox_db_text (row, 3),
                       "provider-id", chq_sandbox_db_text (row, 4),
                       "provider-name", chq_sandbox_db_text (row, 5),
                       "provider-approval-number", chq_sandbox_db_text (row, 6),
                       "module-approval", chq_sandbox_db_text (row, 7),
                       "voucher-type", voucher_type,
                       "hours", (guint) sqlite3_column_int64 (row, 9),
                       "price-cents", sqlite3_column_int64 (row, 10),
                       "themes", themes,
                       "ai", sqlite3_column_int (row, 12) != 0,
                       "format", format,
                       "languages", languages,
                       "locations", locations,
                       "sessions", sessions,
                       "updated-at", updated_at,
                       NULL);
}

static gboolean
parse_cursor (const char *text,
              gint64     *out_seq)
{
  guint64 value = 0;

  *out_seq = 0;
  if (text == NULL)
    return TRUE;
  if (!g_str_has_prefix (text, "c_") || text[2] == '\0' || strlen (text) > 22)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text + 2, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;

  *out_seq = (gint64) value;
  return TRUE;
}

static gboolean
parse_limit (const char *text,
             guint      *out_limit)
{
  guint64 value = FEED_DEFAULT_LIMIT;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, FEED_MAX_LIMIT, &value, NULL))
    return FALSE;

  *out_limit = (guint) value;
  return TRUE;
}

/**
 * _chq_sandbox_courses_version:
 * @req: the request
 *
 * Returns: (transfer full) (nullable): the ETag source of a feed page: the cursor, the
 *   limit and the catalogue's last change; %NULL when the parameters are invalid
 */
char *
_chq_sandbox_courses_version (ChqSandboxRequest *req)
{
  gint64 since;
  guint limit;

  if (!parse_cursor (_chq_sandbox_request_query (req, "since"), &since) ||
      !parse_limit (_chq_sandbox_request_query (req, "limit"), &limit))
    return NULL;

  return g_strdup_printf ("courses|%" G_GINT64_FORMAT "|%u|%" G_GINT64_FORMAT, since, limit,
                          chq_sandbox_db_get_seq (req->db, "course"));
}

/**
 * _chq_sandbox_get_courses:
 * @req: the request
 *
 * GET /v1/courses?since=&limit=: the delta feed. A page returns the changes after `since`
 * in sequence order, courses in `items` and tombstones in `deleted`; `next` is the cursor
 * of the last change returned (or `since` when none) and `more` says whether changes
 * remain after it.
 */
void
_chq_sandbox_get_courses (ChqSandboxRequest *req)
{
  g_autoptr(ChqCoursesPage) page = g_new0 (ChqCoursesPage, 1);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  char *text;
  gsize length;
  gint64 since, last;
  guint limit, n = 0;
  gboolean more = FALSE;

  if (!parse_cursor (_chq_sandbox_request_query (req, "since"), &since))
    {
      _chq_sandbox_reply_invalid (req, "since",
                                  _("The cursor is not one this server gave. "
                                    "Start again without “since”."));
      return;
    }
  if (!parse_limit (_chq_sandbox_request_query (req, "limit"), &limit))
    {
      _chq_sandbox_reply_invalid (req, "limit",
                                  _("The limit must be a whole number from 1 to 1000."));
      return;
    }

  last = since;
  stmt = chq_sandbox_db_query (req->db,
                               "SELECT seq, id, 0 FROM courses WHERE seq > ?1 "
                               "UNION ALL "
                               "SELECT seq, id, 1 FROM course_tombstones WHERE seq > ?1 "
                               "ORDER BY 1 LIMIT ?2",
                               "Ii", since, (int) limit + 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n == limit)
        {
          more = TRUE;
          break;
        }
      n++;
      last = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (sqlite3_column_int (stmt, 2) ? deleted : changed,
                       g_strdup (chq_sandbox_db_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < changed->len; i++)
    {
      sqlite3_stmt *row = chq_sandbox_db_query (req->db, COURSE_COLUMNS "WHERE c.id = ?1",
                                                "s", g_ptr_array_index (changed, i));

      if (sqlite3_step (row) == SQLITE_ROW)
        g_ptr_array_add (page->items, course_from_row (req->db, row));
      sqlite3_reset (row);
    }
  g_ptr_array_add (deleted, NULL);
  page->deleted = (GStrv) g_ptr_array_free (g_steal_pointer (&deleted), FALSE);
  page->next = g_strdup_printf ("c_%012" G_GINT64_FORMAT, last);
  page->more = more;

  text = chq_courses_page_to_text (page, &length);
  _chq_sandbox_reply_text (req, SOUP_STATUS_OK, text, length);
}

/**
 * _chq_sandbox_course_version:
 * @req: the request
 *
 * Returns: (transfer full) (nullable): the ETag source of one course: its last change
 */
char *
_chq_sandbox_course_version (ChqSandboxRequest *req)
{
  const char *id = _chq_sandbox_request_segment (req, 3);
  gint64 seq = chq_sandbox_db_query_int (req->db, -1, "SELECT seq FROM courses WHERE id = ?1",
                                         "s", id);

  if (seq < 0)
    return NULL;

  return g_strdup_printf ("course|%s|%" G_GINT64_FORMAT, id, seq);
}

/**
 * _chq_sandbox_get_course:
 * @req: the request
 *
 * GET /v1/courses/{id}.
 */
void
_chq_sandbox_get_course (ChqSandboxRequest *req)
{
  g_autoptr(ChqCourse) course = NULL;
  sqlite3_stmt *row = chq_sandbox_db_query (req->db, COURSE_COLUMNS "WHERE c.id = ?1",
                                            "s", _chq_sandbox_request_segment (req, 3));
  char *text;
  gsize length;

  if (sqlite3_step (row) != SQLITE_ROW)
    {
      sqlite3_reset (row);
      _chq_sandbox_reply_not_found (req);
      return;
    }

  course = course_from_row (req->db, row);
  sqlite3_reset (row);
  text = chq_model_to_text (G_OBJECT (course), &length);
  _chq_sandbox_reply_text (req, SOUP_STATUS_OK, text, length);
}
