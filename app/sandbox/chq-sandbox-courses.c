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

/* The feed is the sandbox's hot path (50,000 courses in pages of 1,000): a course is
 * written straight from its rows, in the codec's shape (chq_course_to_json(): the same
 * members in the same order), without making a ChqCourse and reading it back, which costs
 * the feed 60 % more time. tests/test-sandbox-shape.c checks that each page and course
 * reads and writes back through the codec byte for byte. */

static void
member_string (JsonBuilder *builder,
               const char  *name,
               const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
member_int (JsonBuilder *builder,
            const char  *name,
            gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Words joined by ',' (themes, languages), the empty ones left out. */
static void
member_words (JsonBuilder *builder,
              const char  *name,
              const char  *joined)
{
  g_auto(GStrv) words = g_strsplit (joined != NULL ? joined : "", ",", -1);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      json_builder_add_string_value (builder, words[i]);
  json_builder_end_array (builder);
}

/* The places of a course, from its city names joined by ','; those the sandbox does not
 * know are left out. */
static void
member_locations (JsonBuilder *builder,
                  const char  *joined)
{
  g_auto(GStrv) cities = g_strsplit (joined != NULL ? joined : "", ",", -1);

  json_builder_set_member_name (builder, "locations");
  json_builder_begin_array (builder);
  for (guint i = 0; cities[i] != NULL; i++)
    {
      const char *postcode = NULL, *province = NULL;

      if (cities[i][0] == '\0' || !_chq_sandbox_city_info (cities[i], &postcode, &province))
        continue;
      json_builder_begin_object (builder);
      member_string (builder, "city", cities[i]);
      member_string (builder, "postcode", postcode);
      member_string (builder, "province", province);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
member_sessions (JsonBuilder  *builder,
                 ChqSandboxDb *db,
                 const char   *course_id)
{
  sqlite3_stmt *row = chq_sandbox_db_query (db,
                                            "SELECT id, starts_at, ends_at, city, seats_left "
                                            "FROM course_sessions WHERE course_id = ?1 "
                                            "ORDER BY starts_at, id",
                                            "s", course_id);

  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);
  while (sqlite3_step (row) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      member_string (builder, "id", chq_sandbox_db_text (row, 0));
      member_string (builder, "starts_at", chq_sandbox_db_text (row, 1));
      member_string (builder, "ends_at", chq_sandbox_db_text (row, 2));
      member_string (builder, "city", chq_sandbox_db_text (row, 3));
      member_int (builder, "seats_left", sqlite3_column_int64 (row, 4));
      json_builder_end_object (builder);
    }
  sqlite3_reset (row);
  json_builder_end_array (builder);
}

/* Writes the course on @row (COURSE_COLUMNS), with its places and sessions. */
static void
build_course (ChqSandboxDb *db,
              sqlite3_stmt *row,
              JsonBuilder  *builder)
{
  const char *id = chq_sandbox_db_text (row, 0);

  json_builder_begin_object (builder);
  member_string (builder, "id", id);
  member_string (builder, "title", chq_sandbox_db_text (row, 1));
  member_string (builder, "summary", chq_sandbox_db_text (row, 2));
  member_string (builder, "description", chq_sandbox_db_text (row, 3));
  json_builder_set_member_name (builder, "provider");
  json_builder_begin_object (builder);
  member_string (builder, "id", chq_sandbox_db_text (row, 4));
  member_string (builder, "name", chq_sandbox_db_text (row, 5));
  member_string (builder, "approval_number", chq_sandbox_db_text (row, 6));
  json_builder_end_object (builder);
  member_string (builder, "module_approval", chq_sandbox_db_text (row, 7));
  member_string (builder, "voucher_type", chq_sandbox_db_text (row, 8));
  member_int (builder, "hours", sqlite3_column_int64 (row, 9));
  member_int (builder, "price_cents", sqlite3_column_int64 (row, 10));
  member_words (builder, "themes", chq_sandbox_db_text (row, 11));
  json_builder_set_member_name (builder, "ai");
  json_builder_add_boolean_value (builder, sqlite3_column_int (row, 12) != 0);
  member_string (builder, "format", chq_sandbox_db_text (row, 13));
  member_words (builder, "languages", chq_sandbox_db_text (row, 14));
  member_locations (builder, chq_sandbox_db_text (row, 15));
  member_sessions (builder, db, id);
  member_string (builder, "updated_at", chq_sandbox_db_text (row, 16));
  json_builder_end_object (builder);
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
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *next = NULL;
  sqlite3_stmt *stmt;
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

  /* The envelope of chq_courses_page_to_json(). */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changed->len; i++)
    {
      sqlite3_stmt *row = chq_sandbox_db_query (req->db, COURSE_COLUMNS "WHERE c.id = ?1",
                                                "s", g_ptr_array_index (changed, i));

      if (sqlite3_step (row) == SQLITE_ROW)
        build_course (req->db, row, builder);
      sqlite3_reset (row);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "deleted");
  json_builder_begin_array (builder);
  for (guint i = 0; i < deleted->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (deleted, i));
  json_builder_end_array (builder);
  next = g_strdup_printf ("c_%012" G_GINT64_FORMAT, last);
  member_string (builder, "next", next);
  json_builder_set_member_name (builder, "more");
  json_builder_add_boolean_value (builder, more);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  _chq_sandbox_reply_json (req, SOUP_STATUS_OK, root);
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
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  sqlite3_stmt *row = chq_sandbox_db_query (req->db, COURSE_COLUMNS "WHERE c.id = ?1",
                                            "s", _chq_sandbox_request_segment (req, 3));

  if (sqlite3_step (row) != SQLITE_ROW)
    {
      sqlite3_reset (row);
      _chq_sandbox_reply_not_found (req);
      return;
    }

  build_course (req->db, row, builder);
  sqlite3_reset (row);
  root = json_builder_get_root (builder);
  _chq_sandbox_reply_json (req, SOUP_STATUS_OK, root);
}
