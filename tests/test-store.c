/* test-store.c: the local cache, its migrations, the catalogue search and the list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "chq-collection-model.h"
#include "chq-course-list-model.h"
#include "chq-json.h"
#include "chq-store.h"
#include "test-store-gen.h"

#define TODAY "2026-11-28T00:00:00+01:00"

/* ---------------------------------------------------------------------------- fixtures */

static const TestCourse course_a = {
  .id = "crs-a", .title = "Énergie et intelligence artificielle",
  .summary = "Comprendre les modèles pour mieux consommer.",
  .provider = "Meuse Numérique Formation", .hours = 14, .price_cents = 42000,
  .themes = "ai_productivity eco_climate", .ai = TRUE, .format = "in_person",
  .languages = "fr", .locations = "Namur:namur",
  .sessions = "2026-12-10T09:00:00+01:00@Namur",
};
static const TestCourse course_b = {
  .id = "crs-b", .title = "Intelligence artificielle pour managers",
  .summary = "Piloter une équipe avec des assistants.",
  .provider = "Technifutur", .hours = 7, .price_cents = 21000,
  .themes = "ai_management", .ai = TRUE, .format = "blended",
  .languages = "fr nl", .locations = "Liège:liege",
  .sessions = "2027-03-01T09:00:00+01:00@Liège|2026-11-01T09:00:00+01:00@Liège",
};
static const TestCourse course_c = {
  .id = "crs-c", .title = "Néerlandais des affaires",
  .summary = "Réunions et courriels en néerlandais.",
  .provider = "Formanam", .voucher_type = "cfl", .hours = 30, .price_cents = 90000,
  .themes = "languages", .ai = FALSE, .format = "in_person",
  .languages = "nl", .locations = "Charleroi:hainaut",
  .sessions = "2026-12-01T09:00:00+01:00@Charleroi",
};
static const TestCourse course_d = {
  .id = "crs-d", .title = "Aspects juridiques de l'IA",
  .summary = "RGPD, droit d'auteur et energie des centres de données.",
  .provider = "Cepegra", .hours = 4, .price_cents = 12000,
  .themes = "ai_legal", .ai = TRUE, .format = "distance",
  .languages = "fr", .locations = "",
  .sessions = "2027-01-20T09:00:00+01:00@",
};
static const TestCourse course_e = {
  .id = "crs-e", .title = "Sécurité sur chantier",
  .summary = "Prévention des accidents.",
  .provider = "Technifutur", .voucher_type = "eco", .hours = 8, .price_cents = 24000,
  .themes = "safety", .ai = FALSE, .format = "in_person",
  .languages = "fr", .locations = "Arlon:luxembourg",
  .sessions = "",
};

static char *
test_path (const char *name)
{
  return g_build_filename (g_get_user_cache_dir (), "chequier", name, NULL);
}

static gboolean
apply_courses (ChqStore            *store,
               const TestCourse    *courses,
               guint                n,
               const char * const  *deleted,
               const char          *cursor,
               GError             **error)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func (g_object_unref);

  /* Through the codec, as the sync engine does: the test courses are valid API objects. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) node = test_course_json (&courses[i]);
      g_autoptr(GError) codec_error = NULL;
      ChqCourse *course = chq_course_from_json (node, &codec_error);

      g_assert_no_error (codec_error);
      g_ptr_array_add (page, course);
    }

  return chq_store_apply_courses_page (store, page, deleted, cursor, error);
}

static ChqStore *
open_sample_store (const char *name)
{
  const TestCourse courses[] = { course_a, course_b, course_c, course_d, course_e };
  g_autofree char *path = test_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = chq_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  apply_courses (store, courses, G_N_ELEMENTS (courses), NULL, "cursor-1", &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static ChqCourseQuery *
query_new (const char *text,
           gboolean    ai_only)
{
  ChqCourseQuery *query = chq_course_query_new ();
  g_autoptr(GDateTime) today = g_date_time_new_from_iso8601 (TODAY, NULL);

  chq_course_query_set_text (query, text);
  chq_course_query_set_today (query, today);
  query->ai_only = ai_only;
  query->sort = CHQ_COURSE_SORT_NEXT_SESSION;

  return query;
}

/* The ids of a result, in order, space separated. */
static char *
result_ids (ChqStore        *store,
            ChqCourseResult *result)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < chq_course_result_get_n_items (result); i++)
    {
      g_autoptr(ChqCourseRow) row =
        chq_store_get_course_row (store, chq_course_result_get_rowid (result, i), NULL);

      g_assert_nonnull (row);
      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, chq_course_row_get_id (row));
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
run_ids (ChqStore       *store,
         ChqCourseQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqCourseResult) result = chq_store_query_courses (store, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result_ids (store, result);
}

static int
user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return version;
}

static void
iterate_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* ------------------------------------------------------------------------ files, schema */

static void
test_path_for (void)
{
  g_autofree char *a = chq_store_path_for ("https://api.example.be", "0123456749");
  g_autofree char *again = chq_store_path_for ("https://api.example.be", "0123456749");
  g_autofree char *other_account = chq_store_path_for ("https://api.example.be", "0987654394");
  g_autofree char *other_service = chq_store_path_for ("http://127.0.0.1:8765", "0123456749");
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "chequier", NULL);
  g_autofree char *base = g_path_get_basename (a);
  g_autofree char *a_dir = g_path_get_dirname (a);

  g_assert_cmpstr (a, ==, again);
  g_assert_cmpstr (a, !=, other_account);
  g_assert_cmpstr (a, !=, other_service);
  g_assert_cmpstr (a_dir, ==, dir);
  g_assert_cmpuint (strlen (base), ==, 16 + 3);
  g_assert_true (g_str_has_suffix (base, ".db"));
  for (guint i = 0; i < 16; i++)
    g_assert_true (g_ascii_isxdigit (base[i]) && !g_ascii_isupper (base[i]));
}

static void
test_open_permissions (void)
{
  g_autofree char *path = chq_store_path_for ("https://api.example.be", "0123456749");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = NULL;
  GStatBuf st;

  store = chq_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (chq_store_was_rebuilt (store));
  g_assert_cmpstr (chq_store_get_path (store), ==, path);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (user_version (path), ==, chq_store_get_schema_version ());

  /* SQLite gives its side files the database's mode. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);

    g_assert_true (chq_store_set_etag (store, CHQ_STORE_COURSES, "\"x\"", &error));
    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
test_open_unwritable (void)
{
  g_autofree char *blocker = test_path ("not-a-folder");
  g_autofree char *dir = g_path_get_dirname (blocker);
  g_autofree char *path = g_build_filename (blocker, "cache.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = NULL;

  /* The cache folder's place is taken by a file: a clear error, nothing moved. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  store = chq_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "cache"));
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));
}

static void
test_migrate_from_zero (void)
{
  g_autofree char *path = test_path ("zero.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (path);

  /* An empty file is a database at version 0. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (user_version (path), ==, 0);

  store = chq_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (chq_store_was_rebuilt (store));
  g_assert_cmpint (user_version (path), ==, chq_store_get_schema_version ());
  g_assert_cmpuint (chq_store_count_courses (store), ==, 0);
  g_assert_null (chq_store_get_cursor (store));
  g_clear_object (&store);

  /* Opening again migrates nothing and keeps the data. */
  store = open_sample_store ("zero.db");
  g_clear_object (&store);
  store = chq_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chq_store_count_courses (store), ==, 5);
}

static void
test_newer_schema (void)
{
  g_autofree char *path = test_path ("newer.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          chq_store_get_schema_version () + 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); INSERT INTO future VALUES (1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = chq_store_open (path, &error);
  g_assert_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_NEWER_SCHEMA);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version"));
  /* Refused, not touched. */
  g_assert_cmpint (user_version (path), ==, chq_store_get_schema_version () + 1);
}

static void
test_corrupt_rebuilt (void)
{
  g_autofree char *path = test_path ("corrupt.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_aside = 0;

  for (guint i = 0; i < 500; i++)
    g_string_append (garbage, "this is not a database, it is a shopping list. ");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));

  g_test_expect_message ("chq-store", G_LOG_LEVEL_WARNING, "*damaged*moved it to*");
  store = chq_store_open (path, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (chq_store_was_rebuilt (store));
  g_assert_cmpint (user_version (path), ==, chq_store_get_schema_version ());
  g_assert_cmpuint (chq_store_count_courses (store), ==, 0);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "corrupt.db.corrupt-"))
      {
        g_autofree char *aside = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (aside, &contents, NULL, NULL));
        g_assert_cmpstr (contents, ==, garbage->str);
        n_aside++;
      }
  g_assert_cmpuint (n_aside, ==, 1);

  /* The rebuilt cache works. */
  g_clear_object (&store);
  store = open_sample_store ("corrupt.db");
  g_assert_cmpuint (chq_store_count_courses (store), ==, 5);
}

/* --------------------------------------------------------------------- pages and queries */

static void
test_apply_pages (void)
{
  g_autoptr(ChqStore) store = open_sample_store ("pages.db");
  g_autoptr(ChqCourseQuery) query = query_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *ids = NULL;
  TestCourse edited = course_a;
  const char * const deleted[] = { "crs-b", "crs-unknown", NULL };

  g_assert_cmpuint (chq_store_count_courses (store), ==, 5);
  cursor = chq_store_get_cursor (store);
  g_assert_cmpstr (cursor, ==, "cursor-1");
  json = chq_store_dup_course_json (store, "crs-c");
  g_assert_nonnull (strstr (json, "Néerlandais des affaires"));
  g_clear_pointer (&json, g_free);
  g_assert_null (chq_store_dup_course_json (store, "crs-none"));

  /* Edit: same id, new title, no sessions; the old words are no longer found. */
  edited.title = "Robotique collaborative";
  edited.sessions = "";
  g_assert_true (apply_courses (store, &edited, 1, NULL, "cursor-2", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chq_store_count_courses (store), ==, 5);
  chq_course_query_set_text (query, "robotique");
  ids = run_ids (store, query);
  g_assert_cmpstr (ids, ==, "crs-a");
  g_clear_pointer (&ids, g_free);
  chq_course_query_set_text (query, "energie");
  ids = run_ids (store, query);
  g_assert_cmpstr (ids, ==, "crs-d");
  g_clear_pointer (&ids, g_free);

  /* Delete (an unknown id is no error). */
  g_assert_true (apply_courses (store, NULL, 0, deleted, "cursor-3", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chq_store_count_courses (store), ==, 4);
  g_assert_null (chq_store_dup_course_json (store, "crs-b"));
  chq_course_query_set_text (query, "technifutur");
  ids = run_ids (store, query);
  g_assert_cmpstr (ids, ==, "crs-e");
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&cursor, g_free);
  cursor = chq_store_get_cursor (store);
  g_assert_cmpstr (cursor, ==, "cursor-3");

  /* Odd members (wrong JSON types) are ignored, not trusted. */
  {
    g_autoptr(JsonArray) items = json_array_new ();
    g_autoptr(JsonNode) odd =
      json_from_string ("{\"id\": \"crs-odd\", \"title\": \"Cours étrange\", "
                        "\"voucher_type\": \"cf\", \"format\": \"distance\", "
                        "\"hours\": \"seven\", \"ai\": 1, \"provider\": [1], "
                        "\"themes\": [3, null, \"it\"], \"locations\": [1, \"x\", null], "
                        "\"sessions\": [{\"starts_at\": \"not a date\"}, 5]}", NULL);
    g_autoptr(ChqCourseQuery) odd_query = query_new ("etrange", FALSE);
    g_autofree char *odd_ids = NULL;

    g_assert_nonnull (odd);
    json_array_add_element (items, json_node_ref (odd));
    g_assert_true (chq_store_apply_courses_page_json (store, items, NULL, NULL, &error));
    g_assert_no_error (error);
    odd_ids = run_ids (store, odd_query);
    g_assert_cmpstr (odd_ids, ==, "crs-odd");
    chq_course_query_set_theme (odd_query, "it");
    g_clear_pointer (&odd_ids, g_free);
    odd_ids = run_ids (store, odd_query);
    g_assert_cmpstr (odd_ids, ==, "crs-odd");
    g_assert_true (apply_courses (store, NULL, 0, (const char * const[]) { "crs-odd", NULL },
                                  NULL, &error));
    g_assert_no_error (error);
  }

  /* A course the store cannot file fails the whole page. */
  {
    g_autoptr(JsonArray) items = json_array_new ();
    g_autoptr(JsonNode) bad = json_from_string ("{\"title\": \"no id\"}", NULL);
    TestCourse fine = course_b;

    json_array_add_element (items, test_course_json (&fine));
    json_array_add_element (items, json_node_ref (bad));
    g_assert_false (chq_store_apply_courses_page_json (store, items, NULL, "cursor-4", &error));
    g_assert_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_INVALID_DATA);
    g_clear_error (&error);
    g_assert_cmpuint (chq_store_count_courses (store), ==, 4);
    cursor = (g_free (cursor), chq_store_get_cursor (store));
    g_assert_cmpstr (cursor, ==, "cursor-3");
  }
}

static int
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int count = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return count;
}

static char *
search_ids (ChqStore   *store,
            const char *text)
{
  g_autoptr(ChqCourseQuery) query = query_new (text, FALSE);

  return run_ids (store, query);
}

/* FTS5's own check that its index holds exactly the courses' texts. */
static void
assert_search_index_sound (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO courses_fts (courses_fts) "
                                     "VALUES ('integrity-check')", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
}

/* A page is written in one statement: inserts, updates (the index drops the old words), a
 * course twice in a page (its last copy wins, with its own sessions), deletes in the same
 * page, and the search index stays exactly in step with the courses. */
static void
test_apply_page_mixed (void)
{
  g_autoptr(ChqStore) store = open_sample_store ("mixed.db");
  g_autofree char *path = test_path ("mixed.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *cursor = NULL;
  TestCourse page[4] = { course_c, course_a, course_c, course_e };
  const char * const deleted[] = { "crs-e", NULL };

  assert_search_index_sound (path);

  page[0].title = "Allemand technique";
  page[0].sessions = "2026-12-01T09:00:00+01:00@Mons|2026-12-08T09:00:00+01:00@Mons";
  page[1].title = "Robotique et énergie";
  page[2].title = "Espagnol commercial";
  page[2].sessions = "2027-02-01T09:00:00+01:00@Tournai";
  page[3].id = "crs-f";
  page[3].title = "Soudure à l'arc";
  g_assert_true (apply_courses (store, page, G_N_ELEMENTS (page), deleted, "cursor-m",
                                &error));
  g_assert_no_error (error);

  g_assert_cmpuint (chq_store_count_courses (store), ==, 5);
  cursor = chq_store_get_cursor (store);
  g_assert_cmpstr (cursor, ==, "cursor-m");
  ids = search_ids (store, "espagnol");
  g_assert_cmpstr (ids, ==, "crs-c");
  g_clear_pointer (&ids, g_free);
  ids = search_ids (store, "allemand");
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);
  ids = search_ids (store, "affaires");
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);
  ids = search_ids (store, "robotique");
  g_assert_cmpstr (ids, ==, "crs-a");
  g_clear_pointer (&ids, g_free);
  ids = search_ids (store, "soudure");
  g_assert_cmpstr (ids, ==, "crs-f");
  g_clear_pointer (&ids, g_free);
  ids = search_ids (store, "chantier");
  g_assert_cmpstr (ids, ==, "");
  g_clear_pointer (&ids, g_free);

  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM course_sessions s "
                                     "JOIN courses c ON c.rid = s.course_rid "
                                     "WHERE c.id = 'crs-c' AND s.city = 'Tournai'"), ==, 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM course_sessions s "
                                     "JOIN courses c ON c.rid = s.course_rid "
                                     "WHERE c.id = 'crs-c'"), ==, 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM course_sessions WHERE course_rid "
                                     "NOT IN (SELECT rid FROM courses)"), ==, 0);
  assert_search_index_sound (path);
}

/* Every row a query gives, one line each, columns separated by '|'. */
static char *
dump_rows (const char *path,
           const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s|", text ? text : "<null>");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (out, FALSE);
}

static void
apply_staged (ChqStore            *store,
              const TestCourse    *courses,
              guint                n,
              const char * const  *deleted,
              const char          *cursor)
{
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(ChqStagedCourses) staged = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    json_array_add_element (items, test_course_json (&courses[i]));
  staged = chq_staged_courses_new (items, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chq_staged_courses_get_n_courses (staged), ==, n);
  g_assert_true (chq_store_apply_staged_courses (store, staged, deleted, cursor, &error));
  g_assert_no_error (error);
}

/* Courses staged from their JSON (off the writer, as the sync does) are stored exactly as
 * the codec's objects are: same columns, same sessions, same search index; a course twice
 * in a page ends as its last copy with that copy's sessions; a course the store cannot
 * file refuses the page before anything is written. */
static void
test_staged_courses (void)
{
  const TestCourse courses[] = { course_a, course_b, course_c, course_d, course_e };
  g_autofree char *objects_path = test_path ("staged-objects.db");
  g_autofree char *staged_path = test_path ("staged.db");
  g_autoptr(ChqStore) objects = chq_store_open (objects_path, NULL);
  g_autoptr(ChqStore) staged = chq_store_open (staged_path, NULL);
  g_autoptr(GError) error = NULL;
  TestCourse page[4] = { course_c, course_a, course_c, course_e };
  const char * const deleted[] = { "crs-e", NULL };
  const char *columns_sql =
    "SELECT id, title, title_key, summary, provider_name, cities, hours, price_cents, "
    "voucher_type, ai, format, first_start, provinces, languages, themes, updated_at "
    "FROM courses ORDER BY id";
  const char *sessions_sql =
    "SELECT c.id, s.starts_at, s.city FROM course_sessions s "
    "JOIN courses c ON c.rid = s.course_rid ORDER BY c.id, s.starts_at, s.city";
  const char *match_sql =
    "SELECT c.id FROM courses_fts f JOIN courses c ON c.rid = f.rowid "
    "WHERE courses_fts MATCH '\"r\"*' ORDER BY c.id";

  g_assert_nonnull (objects);
  g_assert_nonnull (staged);
  g_assert_true (apply_courses (objects, courses, G_N_ELEMENTS (courses), NULL, "cursor-1",
                                &error));
  g_assert_no_error (error);
  apply_staged (staged, courses, G_N_ELEMENTS (courses), NULL, "cursor-1");

  page[0].title = "Allemand technique";
  page[0].sessions = "2026-12-01T09:00:00+01:00@Mons|2026-12-08T09:00:00+01:00@Mons";
  page[2].title = "Espagnol commercial";
  page[2].sessions = "2027-02-01T09:00:00+01:00@Tournai";
  page[3].id = "crs-f";
  page[3].title = "Soudure à l'arc";
  g_assert_true (apply_courses (objects, page, G_N_ELEMENTS (page), deleted, "cursor-2",
                                &error));
  g_assert_no_error (error);
  apply_staged (staged, page, G_N_ELEMENTS (page), deleted, "cursor-2");

  {
    g_autofree char *want = dump_rows (objects_path, columns_sql);
    g_autofree char *got = dump_rows (staged_path, columns_sql);

    g_assert_cmpstr (got, ==, want);
    g_assert_nonnull (strstr (got, "crs-c|Espagnol commercial|"));
  }
  {
    g_autofree char *want = dump_rows (objects_path, sessions_sql);
    g_autofree char *got = dump_rows (staged_path, sessions_sql);

    g_assert_cmpstr (got, ==, want);
    g_assert_nonnull (strstr (got, "crs-c|"));
    g_assert_null (strstr (got, "Mons"));
  }
  {
    g_autofree char *want = dump_rows (objects_path, match_sql);
    g_autofree char *got = dump_rows (staged_path, match_sql);

    g_assert_cmpstr (got, ==, want);
    g_assert_cmpstr (got, !=, "");
  }
  {
    g_autofree char *cursor = chq_store_get_cursor (staged);
    g_autoptr(ChqCourse) course = chq_store_get_course (staged, "crs-c", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (cursor, ==, "cursor-2");
    g_assert_cmpstr (chq_course_get_title (course), ==, "Espagnol commercial");
  }
  assert_search_index_sound (staged_path);

  /* Refused before the writer: no id, an unknown voucher type. */
  {
    const char *bad[] = {
      "{\"title\": \"no id\", \"voucher_type\": \"cf\", \"format\": \"distance\"}",
      "{\"id\": \"crs-x\", \"title\": \"x\", \"voucher_type\": \"gold\", "
      "\"format\": \"distance\"}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(JsonArray) items = json_array_new ();
        g_autoptr(ChqStagedCourses) refused = NULL;
        TestCourse fine = course_b;

        json_array_add_element (items, test_course_json (&fine));
        json_array_add_element (items, json_from_string (bad[i], NULL));
        refused = chq_staged_courses_new (items, &error);
        g_assert_null (refused);
        g_assert_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_INVALID_DATA);
        g_clear_error (&error);
      }
  }
}

/* A feed page of @courses as the service could send it: indented, "é" written as an
 * escape; with @escaped_key its `items` key is written with an escape too (the parser
 * reads it as `items`, the scanner does not try). */
static GBytes *
page_text (const TestCourse *courses,
           guint             n,
           gboolean          escaped_key)
{
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  char *joined;

  for (guint i = 0; i < n; i++)
    json_array_add_element (items, test_course_json (&courses[i]));
  json_object_set_array_member (root, "items", g_steal_pointer (&items));
  json_object_set_array_member (root, "deleted", json_array_new ());
  json_object_set_string_member (root, "next", "cursor");
  json_object_set_boolean_member (root, "more", FALSE);
  json_node_set_object (node, root);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);

  parts = g_strsplit (text, "é", -1);
  joined = g_strjoinv ("\\u00e9", parts);
  if (escaped_key)
    {
      char *key = strstr (joined, "\"items\"");

      g_assert_nonnull (key);
      g_clear_pointer (&parts, g_strfreev);
      parts = g_strsplit (joined, "\"items\"", 2);
      g_free (joined);
      joined = g_strjoinv ("\"it\\u0065ms\"", parts);
    }

  return g_bytes_new_take (joined, strlen (joined));
}

/* Stages @courses from a page's text (as the sync does) into @store; returns whether
 * their JSON texts were taken from it. */
static gboolean
apply_staged_text (ChqStore           *store,
                   GBytes             *text,
                   const char * const *deleted,
                   const char         *cursor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(ChqStagedCourses) staged = NULL;
  JsonArray *items;
  gsize len;
  const char *data = g_bytes_get_data (text, &len);
  gboolean from_text;

  node = chq_json_parse (data, len, 0, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (node), "items");
  g_assert_nonnull (items);
  staged = chq_staged_courses_new_from_text (items, text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chq_staged_courses_get_n_courses (staged), ==,
                    json_array_get_length (items));
  from_text = chq_staged_courses_is_from_text (staged);
  g_assert_true (chq_store_apply_staged_courses (store, staged, deleted, cursor, &error));
  g_assert_no_error (error);

  return from_text;
}

/* What the staging tests compare between stores: the rows, the sessions, a search. */
#define STAGED_QUERIES \
  "SELECT id, title, title_key, summary, provider_name, cities, hours, price_cents, " \
  "voucher_type, ai, format, first_start, provinces, languages, themes, updated_at " \
  "FROM courses ORDER BY id", \
  "SELECT c.id, s.starts_at, s.city FROM course_sessions s " \
  "JOIN courses c ON c.rid = s.course_rid ORDER BY c.id, s.starts_at, s.city", \
  "SELECT c.id FROM courses_fts f JOIN courses c ON c.rid = f.rowid " \
  "WHERE courses_fts MATCH '\"r\"*' ORDER BY c.id"

/* The second page of the staging tests (the first has every course): crs-c twice, edited
 * (the last copy with a session in Tournai), crs-a renamed, crs-e replaced by crs-f. */
static void
edit_second_page (TestCourse page[4])
{
  page[0].title = "Allemand technique";
  page[2].title = "Espagnol commercial";
  page[2].sessions = "2027-02-01T09:00:00+01:00@Tournai";
  page[3].id = "crs-f";
  page[3].title = "Soudure à l'arc";
}

/* Stages the courses the codec decodes from a page's text (as the sync does) into @store,
 * their JSON texts taken from @text or, when @with_text is FALSE, written by the codec;
 * returns whether they were taken from the text. */
static gboolean
apply_staged_courses (ChqStore           *store,
                      GBytes             *text,
                      gboolean            with_text,
                      const char * const *deleted,
                      const char         *cursor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(ChqCoursesPage) page = NULL;
  g_autoptr(ChqStagedCourses) staged = NULL;
  gsize len;
  const char *data = g_bytes_get_data (text, &len);
  gboolean from_text;

  node = chq_json_parse (data, len, 0, &error);
  g_assert_no_error (error);
  page = chq_courses_page_from_json (node, &error);
  g_assert_no_error (error);
  staged = chq_staged_courses_new_from_courses (page->items, with_text ? text : NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chq_staged_courses_get_n_courses (staged), ==, page->items->len);
  from_text = chq_staged_courses_is_from_text (staged);
  g_assert_true (chq_store_apply_staged_courses (store, staged, deleted, cursor, &error));
  g_assert_no_error (error);

  return from_text;
}

/* The courses of two stores decode to the same objects. */
static void
assert_same_courses (ChqStore         *want,
                     ChqStore         *got,
                     const TestCourse *courses,
                     guint             n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChqCourse) a = chq_store_get_course (want, courses[i].id, &error);
      g_autoptr(ChqCourse) b = NULL;
      g_autoptr(JsonNode) a_json = NULL;
      g_autoptr(JsonNode) b_json = NULL;
      g_autofree char *a_text = NULL;
      g_autofree char *b_text = NULL;

      g_assert_no_error (error);
      b = chq_store_get_course (got, courses[i].id, &error);
      g_assert_no_error (error);
      if (a == NULL)
        {
          g_assert_null (b);
          continue;
        }
      g_assert_nonnull (b);
      a_json = chq_course_to_json (a);
      b_json = chq_course_to_json (b);
      a_text = chq_json_to_string (a_json, NULL);
      b_text = chq_json_to_string (b_json, NULL);
      g_assert_cmpstr (b_text, ==, a_text);
    }
}

/* The sync stages the model objects the codec decoded: the same rows, sessions and search
 * index as from the courses' JSON, each course's text as the page sent it, or the codec's
 * text when the page's text is not given. */
static void
test_staged_courses_from_objects (void)
{
  const TestCourse courses[] = { course_a, course_b, course_c, course_d, course_e };
  TestCourse page[4] = { course_c, course_a, course_c, course_e };
  const char * const deleted[] = { "crs-e", NULL };
  const char *ids[] = { "json.db", "objects-text.db", "objects.db" };
  ChqStore *stores[3];
  const char *queries[] = {
    STAGED_QUERIES,
    "SELECT id, json FROM courses ORDER BY id",
  };
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;

  edit_second_page (page);
  first = page_text (courses, G_N_ELEMENTS (courses), FALSE);
  second = page_text (page, G_N_ELEMENTS (page), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autofree char *path = test_path (ids[i]);

      stores[i] = chq_store_open (path, &error);
      g_assert_no_error (error);
    }

  g_assert_true (apply_staged_text (stores[0], first, NULL, "cursor-1"));
  g_assert_true (apply_staged_text (stores[0], second, deleted, "cursor-2"));
  g_assert_true (apply_staged_courses (stores[1], first, TRUE, NULL, "cursor-1"));
  g_assert_true (apply_staged_courses (stores[1], second, TRUE, deleted, "cursor-2"));
  g_assert_false (apply_staged_courses (stores[2], first, FALSE, NULL, "cursor-1"));
  g_assert_false (apply_staged_courses (stores[2], second, FALSE, deleted, "cursor-2"));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *path = test_path (ids[0]);
      g_autofree char *want = dump_rows (path, queries[q]);

      g_assert_cmpstr (want, !=, "");
      for (guint i = 1; i < G_N_ELEMENTS (stores); i++)
        {
          g_autofree char *other = test_path (ids[i]);
          g_autofree char *got = dump_rows (other, queries[q]);

          /* The last query, the stored texts: those of the page when it was given, else
           * the codec's (whose courses are the same, see below). */
          if (q == G_N_ELEMENTS (queries) - 1 && i == 2)
            continue;
          g_test_message ("%s, query %u", ids[i], q);
          g_assert_cmpstr (got, ==, want);
        }
    }
  for (guint i = 1; i < G_N_ELEMENTS (stores); i++)
    {
      g_autofree char *path = test_path (ids[i]);

      assert_same_courses (stores[0], stores[i], courses, G_N_ELEMENTS (courses));
      assert_same_courses (stores[0], stores[i], page, G_N_ELEMENTS (page));
      assert_search_index_sound (path);
    }
  g_assert_cmpuint (chq_store_count_courses (stores[2]), ==, 5);

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    g_object_unref (stores[i]);
}

/* Courses staged with their JSON text taken from the page's text as sent are stored as
 * when it is generated: same columns, sessions, searches and decoded courses; the text
 * stored is the item's own (a course twice in a page: its last copy's). When the items
 * cannot be found in the text with certainty, it is generated. */
static void
test_staged_courses_from_text (void)
{
  const TestCourse courses[] = { course_a, course_b, course_c, course_d, course_e };
  TestCourse page[4] = { course_c, course_a, course_c, course_e };
  const char * const deleted[] = { "crs-e", NULL };
  const char *ids[] = { "generated.db", "text.db", "fallback.db" };
  ChqStore *stores[3];
  const char *queries[] = {
    STAGED_QUERIES,
    "SELECT c.id FROM courses_fts f JOIN courses c ON c.rid = f.rowid "
    "WHERE courses_fts MATCH '\"energie\"*' ORDER BY c.id",
  };
  g_autoptr(GError) error = NULL;

  edit_second_page (page);

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autofree char *path = test_path (ids[i]);

      stores[i] = chq_store_open (path, &error);
      g_assert_no_error (error);
    }

  /* Generated, as before. */
  apply_staged (stores[0], courses, G_N_ELEMENTS (courses), NULL, "cursor-1");
  apply_staged (stores[0], page, G_N_ELEMENTS (page), deleted, "cursor-2");

  /* Taken from the text, then generated when not found there. */
  for (guint i = 1; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr(GBytes) first = page_text (courses, G_N_ELEMENTS (courses), i == 2);
      g_autoptr(GBytes) second = page_text (page, G_N_ELEMENTS (page), i == 2);

      g_assert_cmpint (apply_staged_text (stores[i], first, NULL, "cursor-1"), ==, i == 1);
      g_assert_cmpint (apply_staged_text (stores[i], second, deleted, "cursor-2"), ==, i == 1);

      if (i == 1)
        {
          /* Each stored text is the item's own text in the page. */
          g_autofree char *path = test_path (ids[i]);
          g_autofree char *texts = dump_rows (path, "SELECT json FROM courses ORDER BY id");
          g_auto(GStrv) lines = g_strsplit (texts, "|\n", -1);
          const char *data = g_bytes_get_data (second, NULL);
          g_autofree char *second_c = NULL;

          g_assert_cmpuint (g_strv_length (lines), ==, 6);
          for (guint k = 0; lines[k + 1] != NULL; k++)
            {
              g_test_message ("%s", lines[k]);
              g_assert_true (g_str_has_prefix (lines[k], "{"));
              if (strstr (data, lines[k]) == NULL)
                {
                  const char *first_data = g_bytes_get_data (first, NULL);

                  g_assert_nonnull (strstr (first_data, lines[k]));
                }
            }
          g_assert_nonnull (strstr (texts, "\\u00e9"));
          second_c = dump_rows (path, "SELECT json FROM courses WHERE id = 'crs-c'");
          g_assert_nonnull (strstr (second_c, "Espagnol commercial"));
          g_assert_true (g_str_has_suffix (second_c, "|\n"));
          second_c[strlen (second_c) - 2] = '\0';
          g_assert_nonnull (strstr (data, second_c));
        }
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *path = test_path (ids[0]);
      g_autofree char *want = dump_rows (path, queries[q]);

      g_assert_cmpstr (want, !=, "");
      for (guint i = 1; i < G_N_ELEMENTS (stores); i++)
        {
          g_autofree char *other = test_path (ids[i]);
          g_autofree char *got = dump_rows (other, queries[q]);

          g_assert_cmpstr (got, ==, want);
        }
    }
  for (guint i = 1; i < G_N_ELEMENTS (stores); i++)
    {
      g_autofree char *path = test_path (ids[i]);

      assert_same_courses (stores[0], stores[i], courses, G_N_ELEMENTS (courses));
      assert_same_courses (stores[0], stores[i], page, G_N_ELEMENTS (page));
      assert_search_index_sound (path);
    }

  /* The fallback stores the generated text. */
  {
    g_autofree char *generated_path = test_path (ids[0]);
    g_autofree char *fallback_path = test_path (ids[2]);
    g_autofree char *want = dump_rows (generated_path, "SELECT id, json FROM courses");
    g_autofree char *got = dump_rows (fallback_path, "SELECT id, json FROM courses");

    g_assert_cmpstr (got, ==, want);
  }

  /* No text: generated. A course the store cannot file refuses the page as before. */
  {
    g_autoptr(JsonArray) items = json_array_new ();
    g_autoptr(ChqStagedCourses) staged = NULL;
    g_autoptr(GBytes) text = NULL;
    g_autoptr(JsonNode) node = NULL;
    const char *bad = "{\"items\":[{\"id\":\"crs-x\",\"title\":\"x\",\"voucher_type\":\"gold\","
                      "\"format\":\"distance\"}]}";

    json_array_add_element (items, test_course_json (&course_b));
    staged = chq_staged_courses_new_from_text (items, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (chq_staged_courses_is_from_text (staged));

    text = g_bytes_new_static (bad, strlen (bad));
    node = chq_json_parse (bad, strlen (bad), 0, &error);
    g_assert_no_error (error);
    g_assert_null (chq_staged_courses_new_from_text (
      json_object_get_array_member (json_node_get_object (node), "items"), text, &error));
    g_assert_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_INVALID_DATA);
  }

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    g_object_unref (stores[i]);
}

/* The title sort key as first written: the whole title decomposed (NFKD), marks dropped,
 * casefolded. */
static char *
reference_title_key (const char *title)
{
  g_autofree char *decomposed = g_utf8_normalize (title, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_ismark (g_utf8_get_char (p)))
      g_string_append_unichar (kept, g_utf8_get_char (p));

  return g_utf8_casefold (kept->str, -1);
}

/* A course's title sort key (folded ASCII apart from the rest) is the whole title folded
 * at once, whatever mix of ASCII, accents, combining marks, compatibility characters and
 * special case foldings it holds. */
static void
test_title_keys (void)
{
  const char *titles[] = {
    "Prompt engineering : bien dialoguer avec les assistants d'IA",
    "Automatiser ses tâches de bureau avec Copilot",
    "ÉNERGIE ÉOLIENNE",
    "E\xcc\x81nergie a\xcc\x80 l'e\xcc\x81" "cole",    /* combining acute and grave */
    "\xcc\x81" "Accent first",                       /* a lone combining mark first */
    "e\xcc\xa3\xcc\x81 marks in two orders e\xcc\x81\xcc\xa3",
    "\xef\xac\x81nance et \xef\xac\x82ux",            /* ligatures fi, fl */
    "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 pleine chasse",
    "Stra\xc3\x9f" "e GROSS \xe1\xba\x9e",           /* ß, capital sharp s */
    "\xce\xa3\xce\x9f\xce\xa6\xce\x99\xce\x91 \xcf\x82",
    "\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 Korean",
    "Ⅻ travaux \xc2\xbd jour, 2\xc2\xb2 m",
    "\xc4\xb0stanbul \xc3\x85ngstr\xc3\xb6m",
    "plain ascii 123 !?",
    "",
  };
  g_autofree char *path = test_path ("title-keys.db");
  g_autoptr(ChqStore) store = chq_store_open (path, NULL);
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) want = g_string_new (NULL);
  g_autofree char *got = NULL;
  TestCourse page[G_N_ELEMENTS (titles)];

  g_assert_nonnull (store);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *key = reference_title_key (titles[i]);
      char *id = g_strdup_printf ("crs-%02u", i);

      g_ptr_array_add (courses, id);
      page[i] = course_a;
      page[i].id = id;
      page[i].title = titles[i];
      g_string_append_printf (want, "%s|\n", key);
    }
  apply_staged (store, page, G_N_ELEMENTS (page), NULL, "cursor-1");

  got = dump_rows (path, "SELECT title_key FROM courses ORDER BY id");
  g_assert_cmpstr (got, ==, want->str);
  g_assert_nonnull (strstr (got, "energie a l'ecole|"));
}

typedef struct {
  const char *name;
  gboolean    ai_only;
  const char *theme;
  int         format;
  const char *language;
  const char *province;
  int         voucher_type;
  guint       max_hours;
  guint       within_weeks;
  ChqCourseSort sort;
  const char *expected;
} FilterCase;

static void
test_filters_and_sorts (void)
{
  static const FilterCase cases[] = {
    { "ai by next session", TRUE, NULL, -1, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-a crs-d crs-b" },
    { "all by next session, none last", FALSE, NULL, -1, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-c crs-a crs-d crs-b crs-e" },
    { "relevance without text", FALSE, NULL, -1, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_RELEVANCE, "crs-c crs-a crs-d crs-b crs-e" },
    { "theme", TRUE, "ai_legal", -1, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-d" },
    { "second theme", FALSE, "eco_climate", -1, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-a" },
    { "unknown theme", FALSE, "basket_weaving", -1, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "" },
    { "distance", TRUE, NULL, CHQ_COURSE_FORMAT_DISTANCE, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-d" },
    { "blended", TRUE, NULL, CHQ_COURSE_FORMAT_BLENDED, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-b" },
    { "language", FALSE, NULL, -1, "nl", NULL, -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-c crs-b" },
    { "province", FALSE, NULL, -1, NULL, "hainaut", -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-c" },
    { "province of a location only", FALSE, NULL, -1, NULL, "luxembourg", -1, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-e" },
    { "voucher type", FALSE, NULL, -1, NULL, NULL, CHQ_VOUCHER_TYPE_CFL, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-c" },
    { "voucher type, ai only", TRUE, NULL, -1, NULL, NULL, CHQ_VOUCHER_TYPE_ECO, 0, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "" },
    { "max hours, edge included", TRUE, NULL, -1, NULL, NULL, -1, 7, 0,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-d crs-b" },
    { "within 4 weeks", TRUE, NULL, -1, NULL, NULL, -1, 0, 4,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-a" },
    { "within 4 weeks, all", FALSE, NULL, -1, NULL, NULL, -1, 0, 4,
      CHQ_COURSE_SORT_NEXT_SESSION, "crs-c crs-a" },
    { "within 8 weeks (a past session does not count)", TRUE, NULL, -1, NULL, NULL, -1,
      0, 8, CHQ_COURSE_SORT_NEXT_SESSION, "crs-a crs-d" },
    { "hours", FALSE, NULL, -1, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_HOURS, "crs-d crs-b crs-e crs-a crs-c" },
    { "title, accents ignored", FALSE, NULL, -1, NULL, NULL, -1, 0, 0,
      CHQ_COURSE_SORT_TITLE, "crs-d crs-a crs-b crs-c crs-e" },
    { "combined", FALSE, "languages", CHQ_COURSE_FORMAT_IN_PERSON, "nl", "hainaut",
      CHQ_VOUCHER_TYPE_CFL, 30, 1, CHQ_COURSE_SORT_TITLE, "crs-c" },
    { "combined, one too strict", FALSE, "languages", CHQ_COURSE_FORMAT_IN_PERSON, "nl",
      "hainaut", CHQ_VOUCHER_TYPE_CFL, 29, 1, CHQ_COURSE_SORT_TITLE, "" },
  };
  g_autoptr(ChqStore) store = open_sample_store ("filters.db");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChqCourseQuery) query = query_new (NULL, cases[i].ai_only);
      g_autofree char *ids = NULL;

      chq_course_query_set_theme (query, cases[i].theme);
      query->format = cases[i].format;
      chq_course_query_set_language (query, cases[i].language);
      chq_course_query_set_province (query, cases[i].province);
      query->voucher_type = cases[i].voucher_type;
      query->max_hours = cases[i].max_hours;
      query->within_weeks = cases[i].within_weeks;
      query->sort = cases[i].sort;

      ids = run_ids (store, query);
      g_test_message ("%s: %s", cases[i].name, ids);
      g_assert_cmpstr (ids, ==, cases[i].expected);
    }

  {
    g_auto(GStrv) languages = chq_store_list_course_languages (store);
    g_auto(GStrv) provinces = chq_store_list_course_provinces (store);
    g_auto(GStrv) themes = chq_store_list_course_themes (store);
    g_autofree char *l = g_strjoinv (" ", languages);
    g_autofree char *p = g_strjoinv (" ", provinces);
    g_autofree char *t = g_strjoinv (" ", themes);

    g_assert_cmpstr (l, ==, "fr nl");
    g_assert_cmpstr (p, ==, "hainaut liege luxembourg namur");
    g_assert_cmpstr (t, ==, "ai_legal ai_management ai_productivity eco_climate languages "
                            "safety");
  }
}

static void
test_search (void)
{
  static const struct {
    const char *text;
    gboolean    ai_only;
    const char *expected;   /* in order when ranked, else by next session */
  } cases[] = {
    { "energie", TRUE, "crs-a crs-d" },          /* title outranks summary */
    { "Énergie", TRUE, "crs-a crs-d" },
    { "ÉNERGIE", TRUE, "crs-a crs-d" },
    { "énergié", TRUE, "crs-a crs-d" },
    { "intel", TRUE, NULL },                     /* A and B, either order */
    { "intelligence artificielle", TRUE, NULL },
    { "intelligence namur", TRUE, "crs-a" },
    { "artificielle managers", TRUE, "crs-b" },
    { "liege", TRUE, "crs-b" },
    { "Liège", TRUE, "crs-b" },
    { "techni", FALSE, NULL },                   /* provider of B and E */
    { "neerl", FALSE, "crs-c" },
    { "n", FALSE, NULL },
    { "zzz", FALSE, "" },
    { "intel zzz", TRUE, "" },
    { "l'IA", TRUE, "crs-d" },
  };
  g_autoptr(ChqStore) store = open_sample_store ("search.db");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChqCourseQuery) query = query_new (cases[i].text, cases[i].ai_only);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChqCourseResult) result = NULL;
      g_autofree char *ids = NULL;

      query->sort = CHQ_COURSE_SORT_RELEVANCE;
      result = chq_store_query_courses (store, query, NULL, &error);
      g_assert_no_error (error);
      ids = result_ids (store, result);
      g_test_message ("%s: %s", cases[i].text, ids);
      if (cases[i].expected != NULL)
        g_assert_cmpstr (ids, ==, cases[i].expected);
      /* Small match sets are ranked by relevance. */
      g_assert_true (chq_course_result_get_ranked (result));
    }

  {
    g_autoptr(ChqCourseQuery) query = query_new ("intel", TRUE);
    g_autofree char *ids = run_ids (store, query);

    g_assert_true (g_str_equal (ids, "crs-a crs-b") || g_str_equal (ids, "crs-b crs-a"));
  }
  {
    g_autoptr(ChqCourseQuery) query = query_new ("techni", FALSE);
    g_autofree char *ids = run_ids (store, query);

    /* sorted by next session, as asked */
    g_assert_cmpstr (ids, ==, "crs-b crs-e");
  }
  {
    g_autoptr(ChqCourseQuery) query = query_new ("n", FALSE);
    g_autoptr(ChqCourseResult) result = chq_store_query_courses (store, query, NULL, NULL);

    /* every course has a word starting with n ("Néerlandais", "Namur", "des"...)? at
     * least the ones naming it in the title */
    g_assert_cmpuint (chq_course_result_get_n_items (result), >=, 2);
    g_assert_cmpuint (chq_course_result_get_n_text_matches (result), >=,
                      chq_course_result_get_n_items (result));
  }
}

/* Equal relevance ties by next session, then by title; the walk of the next-session order
 * and the stable sort by score keep exactly that. */
static void
test_search_ranked_ties (void)
{
  static const TestCourse courses[] = {
    { .id = "r1", .title = "Cyber hygiène", .summary = "Les gestes.", .provider = "Alpha",
      .hours = 7, .price_cents = 100, .themes = "ai_security", .ai = TRUE,
      .format = "in_person", .languages = "fr", .locations = "Namur:namur",
      .sessions = "2027-02-01T09:00:00+01:00@Namur" },
    { .id = "r2", .title = "Cybersécurité pour PME", .summary = "Protéger.",
      .provider = "Beta", .hours = 7, .price_cents = 100, .themes = "ai_security",
      .ai = TRUE, .format = "in_person", .languages = "fr", .locations = "Namur:namur",
      .sessions = "2026-12-15T09:00:00+01:00@Namur" },
    { .id = "r3", .title = "Bases de la cyberdéfense", .summary = "Défendre.",
      .provider = "Gamma", .hours = 7, .price_cents = 100, .themes = "ai_security",
      .ai = TRUE, .format = "in_person", .languages = "fr", .locations = "Namur:namur",
      .sessions = "2026-12-15T09:00:00+01:00@Namur" },
    { .id = "r4", .title = "Réseaux sûrs", .summary = "Pare-feu.",
      .provider = "Cyber Academy", .hours = 7, .price_cents = 100, .themes = "ai_security",
      .ai = TRUE, .format = "in_person", .languages = "fr", .locations = "Namur:namur",
      .sessions = "2026-12-01T09:00:00+01:00@Namur" },
    { .id = "r5", .title = "Cyber et IA", .summary = "Attaques.", .provider = "CyberLab",
      .hours = 7, .price_cents = 100, .themes = "ai_security", .ai = TRUE,
      .format = "in_person", .languages = "fr", .locations = "Namur:namur",
      .sessions = "2027-03-01T09:00:00+01:00@Namur" },
    { .id = "r6", .title = "Sécurité", .summary = "Le cyber au quotidien.",
      .provider = "Delta", .hours = 7, .price_cents = 100, .themes = "ai_security",
      .ai = TRUE, .format = "in_person", .languages = "fr", .locations = "",
      .sessions = "" },
    { .id = "r7", .title = "Cyber sans IA", .summary = "Hors filtre.", .provider = "Alpha",
      .hours = 7, .price_cents = 100, .themes = "security", .ai = FALSE,
      .format = "in_person", .languages = "fr", .locations = "Namur:namur",
      .sessions = "2026-12-02T09:00:00+01:00@Namur" },
  };
  g_autofree char *path = test_path ("ranked-ties.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = chq_store_open (path, &error);
  g_autoptr(ChqCourseQuery) query = query_new ("cyber", TRUE);
  g_autoptr(ChqCourseResult) result = NULL;
  g_autofree char *ids = NULL;

  g_assert_no_error (error);
  g_assert_true (apply_courses (store, courses, G_N_ELEMENTS (courses), NULL, "c", &error));
  g_assert_no_error (error);

  query->sort = CHQ_COURSE_SORT_RELEVANCE;
  result = chq_store_query_courses (store, query, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (chq_course_result_get_ranked (result));
  g_assert_cmpuint (chq_course_result_get_n_text_matches (result), ==, 7);
  ids = result_ids (store, result);
  /* Title and provider, then title (r3 and r2 on the same day: by title), then provider
   * only, then the summary only (no session: last); r7 is not an AI course. */
  g_assert_cmpstr (ids, ==, "r5 r3 r2 r1 r4 r6");

  /* The same courses, loaded from the saved index, rank alike. */
  g_clear_pointer (&result, chq_course_result_unref);
  g_clear_object (&store);
  store = chq_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  result = chq_store_query_courses (store, query, NULL, &error);
  g_assert_no_error (error);
  ids = result_ids (store, result);
  g_assert_cmpstr (ids, ==, "r5 r3 r2 r1 r4 r6");
}

static void
test_search_hostile (void)
{
  static const struct {
    const char *text;
    int         expected_n;    /* -1: any, just no error */
  } cases[] = {
    { "\"", 3 },
    { "*", 3 },
    { "OR", -1 },
    { "AND", -1 },
    { "NOT", -1 },
    { "NEAR(", 0 },
    { "NEAR(intel artificielle, 2)", 0 },
    { "'; DROP TABLE courses; --", 0 },
    { "\"; DELETE FROM courses_fts; --", 0 },
    { "-", 3 },
    { "-intel", 2 },
    { "intel*", 2 },
    { "\"intel", 2 },
    { "intel\"", 2 },
    { "(intel)", 2 },
    { "((((", 3 },
    { "title:intel", 0 },
    { "{title summary}: intel", 0 },
    { "^intel", 2 },
    { "intel OR zzz", 0 },
    { "intel + artificielle", 2 },
    { "", 3 },
    { "   ", 3 },
    { "\t\n", 3 },
    { "\xff\xfe intel", 2 },
    { "%_\\", 3 },
    { "intel\xc3", 2 },
  };
  g_autoptr(ChqStore) store = open_sample_store ("hostile.db");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChqCourseQuery) query = query_new (cases[i].text, TRUE);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChqCourseResult) result = NULL;

      {
        g_autofree char *shown = g_strescape (cases[i].text, NULL);

        g_test_message ("input: %s", shown);
      }
      result = chq_store_query_courses (store, query, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (result);
      if (cases[i].expected_n >= 0)
        g_assert_cmpuint (chq_course_result_get_n_items (result), ==, cases[i].expected_n);
    }

  g_assert_cmpuint (chq_store_count_courses (store), ==, 5);
}

static void
test_build_match (void)
{
  static const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    { NULL, NULL },
    { "", NULL },
    { "   ", NULL },
    { "\"*()-:^{}+", NULL },
    { "intel", "\"intel\"*" },
    { "intelligence artificielle", "\"intelligence\"* \"artificielle\"*" },
    { "  Énergie  ", "\"Énergie\"*" },
    { "l'IA", "\"l\"* \"IA\"*" },
    { "OR", "\"OR\"*" },
    { "a OR b", "\"a\"* \"OR\"* \"b\"*" },
    { "NEAR(a b)", "\"NEAR\"* \"a\"* \"b\"*" },
    { "\"quoted\"", "\"quoted\"*" },
    { "x\"y", "\"x\"* \"y\"*" },
    { "col:val", "\"col\"* \"val\"*" },
    { "\xff" "abc", "\"abc\"*" },
    { "e\xcc\x81nergie", "\"\xc3\xa9nergie\"*" },   /* decomposed é composed */
    { "2026", "\"2026\"*" },
    { "a b c d e f g h i j k l m n o p q r s", 
      "\"a\"* \"b\"* \"c\"* \"d\"* \"e\"* \"f\"* \"g\"* \"h\"* \"i\"* \"j\"* \"k\"* \"l\"* "
      "\"m\"* \"n\"* \"o\"* \"p\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *match = chq_course_query_build_match (cases[i].text);

      g_assert_cmpstr (match, ==, cases[i].expected);
    }
}

static void
test_query_boxed (void)
{
  g_autoptr(ChqCourseQuery) a = query_new ("intel", TRUE);
  g_autoptr(ChqCourseQuery) b = chq_course_query_copy (a);
  g_autoptr(ChqCourseQuery) fresh = chq_course_query_new ();

  g_assert_true (fresh->ai_only);
  g_assert_cmpint (fresh->format, ==, CHQ_COURSE_QUERY_ANY);
  g_assert_cmpint (fresh->voucher_type, ==, CHQ_COURSE_QUERY_ANY);
  g_assert_cmpint (fresh->sort, ==, CHQ_COURSE_SORT_RELEVANCE);
  g_assert_null (fresh->text);

  g_assert_true (chq_course_query_equal (a, b));
  chq_course_query_set_text (b, "intelligence");
  g_assert_false (chq_course_query_equal (a, b));
  chq_course_query_set_text (b, "intel");
  chq_course_query_set_today (b, NULL);
  g_assert_false (chq_course_query_equal (a, b));
  chq_course_query_set_text (fresh, "");
  g_assert_null (fresh->text);
}

/* -------------------------------------------------------------------- other collections */

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_SRCDIR, "fixtures", "api", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_true (g_file_get_contents (path, &contents, &len, &error));
  node = chq_json_parse (contents, len, 0, &error);
  g_assert_no_error (error);

  return node;
}

static void
assert_same_json (JsonNode *a,
                  JsonNode *b)
{
  g_autofree char *ta = json_to_string (a, TRUE);
  g_autofree char *tb = json_to_string (b, TRUE);

  if (!json_node_equal (a, b))
    g_assert_cmpstr (ta, ==, tb);
}

static void
test_collections (void)
{
  g_autoptr(ChqStore) store = open_sample_store ("collections.db");
  g_autoptr(JsonNode) orders_node = load_fixture ("orders.json");
  g_autoptr(JsonNode) workers_node = load_fixture ("workers.json");
  g_autoptr(JsonNode) enrolments_node = load_fixture ("enrolments.json");
  g_autoptr(JsonNode) wallet_node = load_fixture ("wallet.json");
  g_autoptr(JsonNode) account_node = load_fixture ("account.json");
  g_autoptr(JsonNode) course_node = load_fixture ("course.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = chq_list_from_json (orders_node, CHQ_TYPE_ORDER, &error);
  g_autoptr(GPtrArray) workers = chq_list_from_json (workers_node, CHQ_TYPE_WORKER, &error);
  g_autoptr(GPtrArray) enrolments =
    chq_list_from_json (enrolments_node, CHQ_TYPE_ENROLMENT, &error);
  g_autoptr(ChqWallet) wallet = chq_wallet_from_json (wallet_node, &error);
  g_autoptr(ChqAccount) account = chq_account_from_json (account_node, &error);
  g_autoptr(ChqCourse) course = chq_course_from_json (course_node, &error);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(ChqWallet) wallet_back = NULL;
  g_autoptr(ChqAccount) account_back = NULL;
  g_autoptr(ChqCourse) course_back = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (TODAY, NULL);
  g_autoptr(GDateTime) when_back = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *collection = chq_store_enrolments_collection (2026);

  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, >, 0);
  g_assert_cmpuint (workers->len, >, 0);
  g_assert_cmpuint (enrolments->len, >, 0);

  /* Nothing yet: NULL without error. */
  g_assert_null (chq_store_get_account (store, &error));
  g_assert_no_error (error);
  g_assert_null (chq_store_get_wallet (store, &error));
  g_assert_no_error (error);
  g_assert_null (chq_store_get_last_sync (store));

  /* Orders: stored and rebuilt exactly, newest first. */
  g_assert_true (chq_store_replace_orders (store, orders, &error));
  g_assert_no_error (error);
  back = chq_store_list_orders (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, orders->len);
  for (guint i = 0; i < back->len; i++)
    {
      g_autoptr(JsonNode) node = chq_order_to_json (g_ptr_array_index (back, i));
      gboolean found = FALSE;

      for (guint j = 0; j < orders->len && !found; j++)
        {
          g_autoptr(JsonNode) original = chq_order_to_json (g_ptr_array_index (orders, j));

          found = json_node_equal (node, original);
        }
      g_assert_true (found);
      if (i > 0)
        {
          GDateTime *newer = chq_order_get_created_at (g_ptr_array_index (back, i - 1));
          GDateTime *older = chq_order_get_created_at (g_ptr_array_index (back, i));

          g_assert_cmpint (g_date_time_compare (newer, older), >=, 0);
        }
    }
  g_clear_pointer (&back, g_ptr_array_unref);

  /* Replacing with fewer drops the rest. */
  g_ptr_array_set_size (orders, 1);
  g_assert_true (chq_store_replace_orders (store, orders, &error));
  back = chq_store_list_orders (store, &error);
  g_assert_cmpuint (back->len, ==, 1);
  g_clear_pointer (&back, g_ptr_array_unref);

  /* Workers. */
  g_assert_true (chq_store_replace_workers (store, workers, &error));
  g_assert_no_error (error);
  back = chq_store_list_workers (store, &error);
  g_assert_cmpuint (back->len, ==, workers->len);
  for (guint i = 1; i < back->len; i++)
    g_assert_cmpint (g_utf8_collate (chq_worker_get_last_name (g_ptr_array_index (back, i - 1)),
                                     chq_worker_get_last_name (g_ptr_array_index (back, i))),
                     <=, 0);
  g_clear_pointer (&back, g_ptr_array_unref);

  /* Enrolments are per year: replacing 2027 keeps 2026. */
  g_assert_true (chq_store_replace_enrolments (store, 2026, enrolments, &error));
  g_assert_no_error (error);
  g_assert_true (chq_store_replace_enrolments (store, 2027, NULL, &error));
  back = chq_store_list_enrolments (store, 2026, &error);
  g_assert_cmpuint (back->len, ==, enrolments->len);
  g_clear_pointer (&back, g_ptr_array_unref);
  back = chq_store_list_enrolments (store, 2027, &error);
  g_assert_cmpuint (back->len, ==, 0);
  g_clear_pointer (&back, g_ptr_array_unref);

  /* Wallet, account and a whole course round-trip exactly. */
  g_assert_true (chq_store_replace_wallet (store, wallet, &error));
  g_assert_no_error (error);
  wallet_back = chq_store_get_wallet (store, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) a = chq_wallet_to_json (wallet);
    g_autoptr(JsonNode) b = chq_wallet_to_json (wallet_back);

    assert_same_json (a, b);
  }
  back = chq_store_list_batches (store, &error);
  g_assert_cmpuint (back->len, ==, wallet->batches->len);
  g_clear_pointer (&back, g_ptr_array_unref);

  g_assert_true (chq_store_set_account (store, account, &error));
  account_back = chq_store_get_account (store, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) b = chq_account_to_json (account_back);

    assert_same_json (account_node, b);
  }

  g_ptr_array_add (page, course);
  g_assert_true (chq_store_apply_courses_page (store, page, NULL, NULL, &error));
  g_assert_no_error (error);
  course_back = chq_store_get_course (store, "crs-ai-0007", &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) b = chq_course_to_json (course_back);

    assert_same_json (course_node, b);
  }
  g_assert_null (chq_store_get_course (store, "crs-none", &error));
  g_assert_no_error (error);

  /* Sync state. */
  g_assert_null (chq_store_get_etag (store, CHQ_STORE_ORDERS));
  g_assert_true (chq_store_set_etag (store, CHQ_STORE_ORDERS, "\"v1\"", &error));
  g_assert_true (chq_store_set_etag (store, collection, "\"e26\"", &error));
  g_assert_true (chq_store_set_etag (store, CHQ_STORE_ORDERS, "\"v2\"", &error));
  g_assert_no_error (error);
  etag = chq_store_get_etag (store, CHQ_STORE_ORDERS);
  g_assert_cmpstr (etag, ==, "\"v2\"");
  g_clear_pointer (&etag, g_free);
  etag = chq_store_get_etag (store, "enrolments/2026");
  g_assert_cmpstr (etag, ==, "\"e26\"");
  g_clear_pointer (&etag, g_free);
  g_assert_true (chq_store_set_etag (store, CHQ_STORE_ORDERS, NULL, &error));
  g_assert_null (chq_store_get_etag (store, CHQ_STORE_ORDERS));
  g_assert_true (chq_store_set_last_sync (store, when, &error));
  when_back = chq_store_get_last_sync (store);
  g_assert_true (g_date_time_equal (when, when_back));

  /* Clear cache: everything goes, the next sync is full. */
  g_assert_true (chq_store_clear (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chq_store_count_courses (store), ==, 0);
  g_assert_null (chq_store_get_cursor (store));
  g_assert_null (chq_store_get_etag (store, "enrolments/2026"));
  g_assert_null (chq_store_get_account (store, &error));
  g_assert_null (chq_store_get_wallet (store, &error));
  g_assert_null (chq_store_get_last_sync (store));
  back = chq_store_list_workers (store, &error);
  g_assert_cmpuint (back->len, ==, 0);
  g_clear_pointer (&back, g_ptr_array_unref);
  {
    g_autoptr(ChqCourseQuery) query = query_new (NULL, FALSE);
    g_autofree char *ids = run_ids (store, query);

    g_assert_cmpstr (ids, ==, "");
  }
  iterate_pending ();
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *list;
  ChqWallet *wallet;
  ChqCourse *course;
  ChqCourseResult *result;
  GError    *error;
} AsyncData;

static void
on_list_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  AsyncData *data = user_data;

  data->list = chq_store_list_finish (CHQ_STORE (object), res, &data->error);
  g_main_loop_quit (data->loop);
}

static void
on_wallet_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  AsyncData *data = user_data;

  data->wallet = chq_store_get_wallet_finish (CHQ_STORE (object), res, &data->error);
  g_main_loop_quit (data->loop);
}

static void
on_course_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  AsyncData *data = user_data;

  data->course = chq_store_get_course_finish (CHQ_STORE (object), res, &data->error);
  g_main_loop_quit (data->loop);
}

static void
on_query_cb (GObject      *object,
             GAsyncResult *res,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = chq_store_query_courses_finish (CHQ_STORE (object), res, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async_reads (void)
{
  g_autoptr(ChqStore) store = open_sample_store ("async.db");
  g_autoptr(JsonNode) workers_node = load_fixture ("workers.json");
  g_autoptr(JsonNode) wallet_node = load_fixture ("wallet.json");
  g_autoptr(GPtrArray) workers = chq_list_from_json (workers_node, CHQ_TYPE_WORKER, NULL);
  g_autoptr(ChqWallet) wallet = chq_wallet_from_json (wallet_node, NULL);
  g_autoptr(ChqCourseQuery) query = query_new ("intel", TRUE);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  AsyncData data = { 0, };

  data.loop = g_main_loop_new (NULL, FALSE);
  g_assert_true (chq_store_replace_workers (store, workers, NULL));
  g_assert_true (chq_store_replace_wallet (store, wallet, NULL));

  chq_store_list_workers_async (store, NULL, on_list_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (data.list->len, ==, workers->len);
  g_assert_true (CHQ_IS_WORKER (g_ptr_array_index (data.list, 0)));
  g_clear_pointer (&data.list, g_ptr_array_unref);

  chq_store_list_orders_async (store, NULL, on_list_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (data.list->len, ==, 0);
  g_clear_pointer (&data.list, g_ptr_array_unref);

  chq_store_list_enrolments_async (store, 2026, NULL, on_list_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_clear_pointer (&data.list, g_ptr_array_unref);

  chq_store_list_batches_async (store, NULL, on_list_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (data.list->len, ==, wallet->batches->len);
  g_assert_true (CHQ_IS_VOUCHER_BATCH (g_ptr_array_index (data.list, 0)));
  g_clear_pointer (&data.list, g_ptr_array_unref);

  chq_store_get_wallet_async (store, NULL, on_wallet_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.wallet);
  g_clear_pointer (&data.wallet, chq_wallet_free);

  chq_store_get_course_async (store, "crs-b", NULL, on_course_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_cmpstr (chq_course_get_title (data.course), ==, course_b.title);
  g_clear_object (&data.course);

  chq_store_query_courses_async (store, query, NULL, on_query_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_cmpuint (chq_course_result_get_n_items (data.result), ==, 2);
  g_clear_pointer (&data.result, chq_course_result_unref);

  g_cancellable_cancel (cancelled);
  chq_store_query_courses_async (store, query, cancelled, on_query_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (data.result);
  g_clear_error (&data.error);

  g_main_loop_unref (data.loop);
}

/* ---------------------------------------------------------------------------- list model */

typedef struct {
  guint n_changes;
  guint position;
  guint removed;
  guint added;
} ChangeLog;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     ChangeLog  *log)
{
  log->n_changes++;
  log->position = position;
  log->removed = removed;
  log->added = added;
}

static void
wait_for_model (ChqCourseListModel *model)
{
  iterate_pending ();
  while (chq_course_list_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

static void
on_changed_count_cb (ChqStore   *store,
                     const char *collection,
                     guint      *count)
{
  (*count)++;
}

static void
test_list_model (void)
{
  g_autoptr(ChqStore) store = open_sample_store ("model.db");
  g_autoptr(ChqCourseListModel) model = chq_course_list_model_new (store);
  g_autoptr(ChqCourseQuery) query = query_new (NULL, TRUE);
  g_autoptr(ChqCourseRow) first = NULL;
  g_autoptr(ChqCourseRow) again = NULL;
  g_autoptr(GDateTime) expected_start = NULL;
  ChangeLog log = { 0, };
  guint created;
  guint n_courses_changed = 0;

  /* Let the store's own "changed" from filling it pass first. */
  iterate_pending ();
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &log);
  g_signal_connect (store, "changed::courses", G_CALLBACK (on_changed_count_cb),
                    &n_courses_changed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CHQ_TYPE_COURSE_ROW);

  created = chq_course_row_get_n_created ();
  chq_course_list_model_set_query (model, query);
  g_assert_true (chq_course_list_model_get_loading (model));
  /* The old (empty) content stays until the answer comes. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  wait_for_model (model);
  g_assert_cmpuint (log.n_changes, ==, 1);
  g_assert_cmpuint (log.position, ==, 0);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  /* No item made before a row asks. */
  g_assert_cmpuint (chq_course_row_get_n_created (), ==, created);

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (first == again);
  g_assert_cmpuint (chq_course_row_get_n_created (), ==, created + 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));
  g_assert_cmpstr (chq_course_row_get_id (first), ==, "crs-a");
  g_assert_cmpstr (chq_course_row_get_title (first), ==, course_a.title);
  g_assert_cmpstr (chq_course_row_get_provider_name (first), ==, course_a.provider);
  g_assert_cmpuint (chq_course_row_get_hours (first), ==, 14);
  g_assert_cmpuint (chq_course_row_get_vouchers (first), ==, 14);
  g_assert_cmpint (chq_course_row_get_format (first), ==, CHQ_COURSE_FORMAT_IN_PERSON);
  g_assert_cmpint (chq_course_row_get_voucher_type (first), ==, CHQ_VOUCHER_TYPE_CF);
  g_assert_true (chq_course_row_get_ai (first));
  g_assert_cmpstr (chq_course_row_get_next_city (first), ==, "Namur");
  expected_start = g_date_time_new_from_iso8601 ("2026-12-10T09:00:00+01:00", NULL);
  g_assert_true (g_date_time_equal (chq_course_row_get_next_session_start (first),
                                    expected_start));
  g_clear_object (&first);
  g_clear_object (&again);

  /* The next session of B is the upcoming one, not the past one. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 2);
  g_assert_cmpstr (chq_course_row_get_id (first), ==, "crs-b");
  g_clear_pointer (&expected_start, g_date_time_unref);
  expected_start = g_date_time_new_from_iso8601 ("2027-03-01T09:00:00+01:00", NULL);
  g_assert_true (g_date_time_equal (chq_course_row_get_next_session_start (first),
                                    expected_start));
  g_clear_object (&first);

  /* Two queries in a row: the first is superseded, one items-changed for the second. */
  log.n_changes = 0;
  chq_course_query_set_text (query, "zzz");
  chq_course_list_model_set_query (model, query);
  chq_course_query_set_text (query, "intel");
  chq_course_list_model_set_query (model, query);
  wait_for_model (model);
  g_assert_cmpuint (log.n_changes, ==, 1);
  g_assert_cmpuint (log.removed, ==, 3);
  g_assert_cmpuint (log.added, ==, 2);
  g_assert_cmpstr (chq_course_list_model_get_query (model)->text, ==, "intel");

  /* A sync adds a matching course: the model follows with one items-changed. */
  {
    TestCourse added = course_b;

    added.id = "crs-f";
    added.title = "Intelligence artificielle et RH";
    log.n_changes = 0;
    g_assert_true (apply_courses (store, &added, 1, NULL, NULL, NULL));
    wait_for_model (model);
    g_assert_cmpuint (n_courses_changed, ==, 1);
    g_assert_cmpuint (log.n_changes, ==, 1);
    g_assert_cmpuint (log.removed, ==, 2);
    g_assert_cmpuint (log.added, ==, 3);
  }

  /* A burst of pages (a sync) makes one refresh, not one per page. */
  log.n_changes = 0;
  n_courses_changed = 0;
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonArray) items = test_generate_courses (20, i, 1000 + i * 20);

      g_assert_true (chq_store_apply_courses_page_json (store, items, NULL, NULL, NULL));
    }
  wait_for_model (model);
  g_assert_cmpuint (n_courses_changed, ==, 5);
  g_assert_cmpuint (log.n_changes, ==, 1);
  g_assert_cmpuint (log.removed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 3);

  /* Other collections do not disturb it. */
  log.n_changes = 0;
  g_assert_true (chq_store_replace_workers (store, NULL, NULL));
  iterate_pending ();
  g_assert_false (chq_course_list_model_get_loading (model));
  g_assert_cmpuint (log.n_changes, ==, 0);
}

static void
test_list_model_lazy (void)
{
  g_autoptr(ChqStore) store = open_sample_store ("lazy.db");
  g_autoptr(JsonArray) generated = test_generate_courses (3000, 7, 0);
  g_autoptr(ChqCourseListModel) model = NULL;
  g_autoptr(ChqCourseQuery) query = query_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  guint created;
  guint n;

  g_assert_true (chq_store_apply_courses_page_json (store, generated, NULL, "c", &error));
  g_assert_no_error (error);
  iterate_pending ();

  model = chq_course_list_model_new (store);
  created = chq_course_row_get_n_created ();
  chq_course_list_model_set_query (model, query);
  wait_for_model (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, 3005);
  g_assert_cmpuint (chq_course_row_get_n_created (), ==, created);

  /* A screenful, scrolled: only what is asked is made, and at most 256 are kept. */
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i * 10);

      g_assert_nonnull (item);
    }
  g_assert_cmpuint (chq_course_row_get_n_created (), ==, created + 300);
  {
    g_autoptr(GObject) recent = g_list_model_get_item (G_LIST_MODEL (model), 2990);
    g_autoptr(GObject) evicted = NULL;

    g_assert_cmpuint (chq_course_row_get_n_created (), ==, created + 300);
    evicted = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpuint (chq_course_row_get_n_created (), ==, created + 301);
  }

  /* A row still held (bound on screen) keeps its object, even out of the cache. */
  {
    g_autoptr(GObject) held = g_list_model_get_item (G_LIST_MODEL (model), 5);
    g_autoptr(GObject) again = NULL;

    for (guint i = 0; i < 300; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), 100 + i);
      }
    created = chq_course_row_get_n_created ();
    again = g_list_model_get_item (G_LIST_MODEL (model), 5);
    g_assert_true (again == held);
    g_assert_cmpuint (chq_course_row_get_n_created (), ==, created);
  }
}

static void
wait_for_collection (ChqCollectionModel *model)
{
  iterate_pending ();
  while (chq_collection_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

/* A model let go of while it reads goes at once: its read is cancelled and answers
 * without touching it, so a page that closes an account leaves no read of that account's
 * cache running for nobody (test-ui-shell's subtests delete their cache as they end). */
static void
test_collection_model_let_go (void)
{
  const ChqCollection collections[] = {
    CHQ_COLLECTION_ORDERS, CHQ_COLLECTION_BATCHES, CHQ_COLLECTION_WORKERS,
    CHQ_COLLECTION_ENROLMENTS,
  };
  g_autoptr(ChqStore) store = open_sample_store ("collection-let-go.db");

  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    {
      guint refs = G_OBJECT (store)->ref_count;
      ChqCollectionModel *model = chq_collection_model_new (store, collections[i]);
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

      g_assert_true (chq_collection_model_get_loading (model));
      g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
      g_object_unref (model);
      g_assert_null (model);

      /* The read's task holds the store until its answer was handed over. */
      while (G_OBJECT (store)->ref_count > refs)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
}

static void
test_collection_models (void)
{
  g_autoptr(ChqStore) store = open_sample_store ("collection-models.db");
  g_autoptr(JsonNode) orders_node = load_fixture ("orders.json");
  g_autoptr(JsonNode) workers_node = load_fixture ("workers.json");
  g_autoptr(JsonNode) enrolments_node = load_fixture ("enrolments.json");
  g_autoptr(JsonNode) wallet_node = load_fixture ("wallet.json");
  g_autoptr(GPtrArray) orders = chq_list_from_json (orders_node, CHQ_TYPE_ORDER, NULL);
  g_autoptr(GPtrArray) workers = chq_list_from_json (workers_node, CHQ_TYPE_WORKER, NULL);
  g_autoptr(GPtrArray) enrolments =
    chq_list_from_json (enrolments_node, CHQ_TYPE_ENROLMENT, NULL);
  g_autoptr(ChqWallet) wallet = chq_wallet_from_json (wallet_node, NULL);
  g_autoptr(ChqCollectionModel) orders_model = NULL;
  g_autoptr(ChqCollectionModel) workers_model = NULL;
  g_autoptr(ChqCollectionModel) enrolments_model = NULL;
  g_autoptr(ChqCollectionModel) batches_model = NULL;
  g_autoptr(GObject) item = NULL;
  ChangeLog log = { 0, };
  guint n_orders;

  g_assert_true (chq_store_replace_orders (store, orders, NULL));
  g_assert_true (chq_store_replace_workers (store, workers, NULL));
  g_assert_true (chq_store_replace_enrolments (store, 2026, enrolments, NULL));
  g_assert_true (chq_store_replace_wallet (store, wallet, NULL));
  iterate_pending ();

  orders_model = chq_collection_model_new (store, CHQ_COLLECTION_ORDERS);
  workers_model = chq_collection_model_new (store, CHQ_COLLECTION_WORKERS);
  enrolments_model = chq_collection_model_new (store, CHQ_COLLECTION_ENROLMENTS);
  batches_model = chq_collection_model_new (store, CHQ_COLLECTION_BATCHES);
  chq_collection_model_set_year (enrolments_model, 2026);
  wait_for_collection (orders_model);
  wait_for_collection (workers_model);
  wait_for_collection (enrolments_model);
  wait_for_collection (batches_model);

  n_orders = g_list_model_get_n_items (G_LIST_MODEL (orders_model));
  g_assert_cmpuint (n_orders, ==, orders->len);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (orders_model)) == CHQ_TYPE_ORDER);
  item = g_list_model_get_item (G_LIST_MODEL (orders_model), 0);
  g_assert_true (CHQ_IS_ORDER (item));
  g_clear_object (&item);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (workers_model)), ==, workers->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (enrolments_model)), ==,
                    enrolments->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (batches_model)), ==,
                    wallet->batches->len);
  item = g_list_model_get_item (G_LIST_MODEL (batches_model), 0);
  g_assert_true (CHQ_IS_VOUCHER_BATCH (item));
  g_clear_object (&item);

  /* A sync that drops the oldest order: one items-changed, at the end of the list. */
  g_signal_connect (orders_model, "items-changed", G_CALLBACK (on_items_changed_cb), &log);
  {
    g_autoptr(GPtrArray) fewer = chq_store_list_orders (store, NULL);

    g_ptr_array_remove_index (fewer, fewer->len - 1);
    g_assert_true (chq_store_replace_orders (store, fewer, NULL));
  }
  wait_for_collection (orders_model);
  g_assert_cmpuint (log.n_changes, ==, 1);
  g_assert_cmpuint (log.position, ==, n_orders - 1);
  g_assert_cmpuint (log.removed, ==, 1);
  g_assert_cmpuint (log.added, ==, 0);

  /* The same content again: nothing to announce. */
  {
    g_autoptr(GPtrArray) same = chq_store_list_orders (store, NULL);

    g_assert_true (chq_store_replace_orders (store, same, NULL));
  }
  wait_for_collection (orders_model);
  g_assert_cmpuint (log.n_changes, ==, 1);

  /* Another year. */
  chq_collection_model_set_year (enrolments_model, 2027);
  g_assert_cmpint (chq_collection_model_get_year (enrolments_model), ==, 2027);
  wait_for_collection (enrolments_model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (enrolments_model)), ==, 0);

  /* Clear cache empties them all. */
  g_assert_true (chq_store_clear (store, NULL));
  wait_for_collection (orders_model);
  wait_for_collection (workers_model);
  wait_for_collection (batches_model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (orders_model)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (workers_model)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (batches_model)), ==, 0);
}

typedef struct {
  ChqStore *store;
  guint     n_pages;
  GThread  *thread;   /* the writer, to check where "changed" is emitted */
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;

  for (guint i = 0; i < data->n_pages; i++)
    {
      g_autoptr(JsonArray) items = test_generate_courses (200, i, i * 200);
      g_autoptr(GError) error = NULL;
      g_autofree char *cursor = g_strdup_printf ("page-%u", i);

      chq_store_apply_courses_page_json (data->store, items, NULL, cursor, &error);
      g_assert_no_error (error);
    }

  return NULL;
}

static void
on_changed_thread_cb (ChqStore   *store,
                      const char *collection,
                      gpointer    user_data)
{
  guint *count = user_data;

  /* Always on the thread that opened the store, never the writer's. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*count)++;
}

static void
test_concurrent_reads_and_writes (void)
{
  g_autoptr(ChqStore) store = open_sample_store ("concurrent.db");
  g_autoptr(ChqCourseListModel) model = chq_course_list_model_new (store);
  g_autoptr(ChqCourseQuery) query = query_new ("intel", FALSE);
  WriterData data = { store, 20, NULL };
  guint n_changed = 0;
  guint n_queries = 0;
  g_autofree char *cursor = NULL;

  iterate_pending ();
  g_signal_connect (store, "changed::courses", G_CALLBACK (on_changed_thread_cb), &n_changed);

  /* The sync engine writes from a worker thread while the UI searches. */
  data.thread = g_thread_new ("writer", writer_thread, &data);
  while (n_queries < 20 || n_changed < data.n_pages)
    {
      g_autoptr(ChqCourseResult) result = NULL;
      g_autoptr(GError) error = NULL;

      chq_course_list_model_set_query (model, query);
      wait_for_model (model);
      result = chq_store_query_courses (store, query, NULL, &error);
      g_assert_no_error (error);
      /* Every id of a result is readable, whatever was written meanwhile. */
      for (guint i = 0; i < MIN (chq_course_result_get_n_items (result), 50); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);

          g_assert_true (item == NULL || CHQ_IS_COURSE_ROW (item));
        }
      n_queries++;
      if (n_queries > 10000)
        g_assert_not_reached ();
    }
  g_thread_join (data.thread);
  iterate_pending ();
  wait_for_model (model);

  g_assert_cmpuint (n_changed, ==, data.n_pages);
  g_assert_cmpuint (chq_store_count_courses (store), ==, 5 + 20 * 200);
  cursor = chq_store_get_cursor (store);
  g_assert_cmpstr (cursor, ==, "page-19");

  /* The model ends showing the final state. */
  {
    g_autoptr(ChqCourseResult) result = chq_store_query_courses (store, query, NULL, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                      chq_course_result_get_n_items (result));
  }
}

/* ------------------------------------------------------------------ saved search index */

static void
db_exec (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
db_int (const char *path,
        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* Whether the cache holds a saved index of its current courses generation. */
static gboolean
saved_index_is_current (const char *path)
{
  return db_int (path, "SELECT generation FROM course_index") ==
         db_int (path, "SELECT value FROM sync_state WHERE key = 'courses_generation'");
}

/* An edit the store itself never makes: a course's hours changed without bumping the
 * courses generation, so only an index made before it still says the old hours. */
static void
set_hours_behind_the_store (const char *path,
                            const char *id,
                            guint       hours)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE courses SET hours = %u WHERE id = '%s'",
                                          hours, id);

  db_exec (path, sql);
}

/* The courses of at most 10 hours, all of them, by title. */
static char *
short_course_ids (ChqStore *store)
{
  g_autoptr(ChqCourseQuery) query = query_new (NULL, FALSE);

  query->max_hours = 10;
  query->sort = CHQ_COURSE_SORT_TITLE;

  return run_ids (store, query);
}

static void
test_saved_index_used (void)
{
  g_autofree char *path = test_path ("saved-index.db");
  g_autoptr(ChqStore) store = open_sample_store ("saved-index.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;

  /* The first query builds the index and saves it for this generation. */
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM course_index"), ==, 0);
  ids = short_course_ids (store);
  g_assert_cmpstr (ids, ==, "crs-d crs-b crs-e");
  g_assert_true (saved_index_is_current (path));
  g_clear_object (&store);

  /* A start loads it rather than reading the rows: crs-d still has its 4 hours there. */
  set_hours_behind_the_store (path, "crs-d", 99);
  store = chq_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  ids = short_course_ids (store);
  g_assert_cmpstr (ids, ==, "crs-d crs-b crs-e");

  /* A course write moves the generation on: the saved index is stale, not used, and the
   * one built from the rows is saved in its place. */
  g_assert_true (apply_courses (store, &course_e, 1, NULL, "cursor-2", &error));
  g_assert_no_error (error);
  g_assert_false (saved_index_is_current (path));
  g_clear_pointer (&ids, g_free);
  ids = short_course_ids (store);
  g_assert_cmpstr (ids, ==, "crs-b crs-e");
  g_assert_true (saved_index_is_current (path));
  g_clear_object (&store);

  store = chq_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  ids = short_course_ids (store);
  g_assert_cmpstr (ids, ==, "crs-b crs-e");
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM course_index"), ==, 1);
}

typedef enum {
  DAMAGE_MAGIC,
  DAMAGE_HEADER_COUNT,
  DAMAGE_MIDDLE,
  DAMAGE_LAST_BYTE,
  DAMAGE_TRUNCATED,
  DAMAGE_LONGER,
  DAMAGE_HEADER_ONLY,
  DAMAGE_EMPTY,
  DAMAGE_NOT_A_BLOB,
  N_DAMAGES
} Damage;

static void
damage_saved_index (const char *path,
                    Damage      damage)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data FROM course_index", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_byte_array_append (data, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (data->len, >, 200);

  switch (damage)
    {
    case DAMAGE_MAGIC:
      data->data[0] ^= 0x20;
      break;
    case DAMAGE_HEADER_COUNT:
      data->data[20] ^= 0x01;    /* in the counts after the magic, format and byte order */
      break;
    case DAMAGE_MIDDLE:
      data->data[data->len / 2] ^= 0x40;
      break;
    case DAMAGE_LAST_BYTE:
      data->data[data->len - 1] ^= 0xff;
      break;
    case DAMAGE_TRUNCATED:
      g_byte_array_set_size (data, data->len / 2);
      break;
    case DAMAGE_LONGER:
      g_byte_array_append (data, (const guint8 *)"\0\0\0\0", 4);
      break;
    case DAMAGE_HEADER_ONLY:
      g_byte_array_set_size (data, 72);
      break;
    case DAMAGE_EMPTY:
      g_byte_array_set_size (data, 0);
      break;
    case DAMAGE_NOT_A_BLOB:
    case N_DAMAGES:
    default:
      break;
    }

  if (damage == DAMAGE_NOT_A_BLOB)
    g_assert_cmpint (sqlite3_exec (db, "UPDATE course_index SET data = 'not an index'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  else
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE course_index SET data = ?1", -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_blob (stmt, 1, data->len > 0 ? data->data : (const guint8 *)"", data->len,
                         SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
}

static void
test_saved_index_damaged (void)
{
  for (Damage damage = 0; damage < N_DAMAGES; damage++)
    {
      g_autofree char *name = g_strdup_printf ("damaged-%d.db", damage);
      g_autofree char *path = test_path (name);
      g_autoptr(ChqStore) store = open_sample_store (name);
      g_autoptr(GError) error = NULL;
      g_autofree char *ids = NULL;

      g_test_message ("damage %d", damage);
      ids = short_course_ids (store);
      g_assert_cmpstr (ids, ==, "crs-d crs-b crs-e");
      g_clear_object (&store);

      /* Damaged, it is ignored: the index is built from the rows (crs-d at 99 hours). */
      set_hours_behind_the_store (path, "crs-d", 99);
      damage_saved_index (path, damage);
      store = chq_store_open (path, &error);
      g_assert_no_error (error);
      g_clear_pointer (&ids, g_free);
      ids = short_course_ids (store);
      g_assert_cmpstr (ids, ==, "crs-b crs-e");
      g_clear_object (&store);

      /* ... and saved whole again: the next start loads it (crs-d still at 99 there). */
      set_hours_behind_the_store (path, "crs-d", 4);
      store = chq_store_open (path, &error);
      g_assert_no_error (error);
      g_clear_pointer (&ids, g_free);
      ids = short_course_ids (store);
      g_assert_cmpstr (ids, ==, "crs-b crs-e");
    }
}

static void
test_saved_index_clear (void)
{
  g_autofree char *path = test_path ("saved-index-clear.db");
  g_autoptr(ChqStore) store = open_sample_store ("saved-index-clear.db");
  g_autoptr(ChqCourseQuery) all = query_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = run_ids (store, all);

  g_assert_cmpstr (ids, ==, "crs-c crs-a crs-d crs-b crs-e");
  g_assert_true (saved_index_is_current (path));

  /* Clear cache keeps no course, whatever index was saved before, and frees its space. */
  g_assert_true (chq_store_clear (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM course_index"), ==, 0);
  g_clear_pointer (&ids, g_free);
  ids = run_ids (store, all);
  g_assert_cmpstr (ids, ==, "");
  g_clear_object (&store);

  store = chq_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  ids = run_ids (store, all);
  g_assert_cmpstr (ids, ==, "");
  g_assert_true (saved_index_is_current (path));
  {
    g_auto(GStrv) themes = chq_store_list_course_themes (store);

    g_assert_cmpuint (g_strv_length (themes), ==, 0);
  }
}

/* The list model's queries run on a worker thread, which saves the index it built after
 * handing the answer over. */
static void
test_saved_index_async (void)
{
  g_autofree char *path = test_path ("saved-index-async.db");
  g_autoptr(ChqStore) store = open_sample_store ("saved-index-async.db");
  g_autoptr(ChqCourseListModel) model = chq_course_list_model_new (store);
  g_autoptr(ChqCourseQuery) query = query_new (NULL, FALSE);
  GWeakRef weak;
  guint waited = 0;

  iterate_pending ();
  chq_course_list_model_set_query (model, query);
  wait_for_model (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);

  /* The worker holds the store until it is done saving. */
  g_weak_ref_init (&weak, store);
  g_clear_object (&model);
  g_clear_object (&store);
  for (;;)
    {
      g_autoptr(GObject) alive = g_weak_ref_get (&weak);

      if (alive == NULL)
        break;
      g_assert_cmpuint (++waited, <, 100000);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (100);
    }
  g_weak_ref_clear (&weak);

  g_assert_true (saved_index_is_current (path));
}

/* Every answer of a loaded index is the answer of the index built from the rows. */
static void
test_saved_index_same_answers (void)
{
  static const char * const texts[] = {
    NULL, "i", "in", "intel", "intelligence artificielle", "ia gén", "data", "namur",
    "management liège", "zzz",
  };
  g_autofree char *path = test_path ("saved-index-answers.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = chq_store_open (path, &error);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (
    (GDestroyNotify)chq_course_query_free);
  g_autoptr(GPtrArray) built = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) themes = NULL;
  g_auto(GStrv) languages = NULL;
  g_auto(GStrv) provinces = NULL;
  guint n_nonempty = 0;

  g_assert_no_error (error);
  for (guint done = 0; done < 900; done += 300)
    {
      g_autoptr(JsonArray) items = test_generate_courses (300, 7 + done, done);

      g_assert_true (chq_store_apply_courses_page_json (store, items, NULL, "c", &error));
      g_assert_no_error (error);
    }

  themes = chq_store_list_course_themes (store);
  languages = chq_store_list_course_languages (store);
  provinces = chq_store_list_course_provinces (store);
  g_assert_cmpuint (g_strv_length (themes), >, 1);
  g_assert_cmpuint (g_strv_length (languages), >, 1);
  g_assert_cmpuint (g_strv_length (provinces), >, 1);

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (ChqCourseSort sort = CHQ_COURSE_SORT_RELEVANCE; sort <= CHQ_COURSE_SORT_TITLE; sort++)
      for (guint filter = 0; filter < 6; filter++)
        {
          ChqCourseQuery *query = query_new (texts[t], filter == 1);

          query->sort = sort;
          if (filter == 2)
            chq_course_query_set_theme (query, themes[1]);
          else if (filter == 3)
            {
              chq_course_query_set_language (query, languages[1]);
              chq_course_query_set_province (query, provinces[0]);
            }
          else if (filter == 4)
            query->max_hours = 14;
          else if (filter == 5)
            query->within_weeks = 8;
          g_ptr_array_add (queries, query);
        }

  for (guint i = 0; i < queries->len; i++)
    {
      char *ids = run_ids (store, g_ptr_array_index (queries, i));

      n_nonempty += *ids != '\0';
      g_ptr_array_add (built, ids);
    }
  g_assert_cmpuint (n_nonempty, >, queries->len / 2);
  g_assert_true (saved_index_is_current (path));
  g_clear_object (&store);

  store = chq_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < queries->len; i++)
    {
      g_autofree char *ids = run_ids (store, g_ptr_array_index (queries, i));

      g_assert_cmpstr (ids, ==, g_ptr_array_index (built, i));
    }
  {
    g_auto(GStrv) loaded_themes = chq_store_list_course_themes (store);

    g_assert_true (g_strv_equal ((const char * const *)loaded_themes,
                                 (const char * const *)themes));
  }
}

/* Stored JSON is read as strictly as answers: a row changed behind the store's back (another
 * program, a damaged disk) is refused, not half-read. */
static void
test_stored_json_strict (void)
{
  g_autofree char *path = test_path ("strict.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqStore) store = chq_store_open (path, &error);
  g_autoptr(ChqWallet) wallet = chq_wallet_new ();
  g_autoptr(ChqWallet) back = NULL;
  g_autoptr(GString) hidden = g_string_new ("UPDATE wallet SET json = '[''\"'',");
  const char *changes[] = {
    "UPDATE wallet SET json = json || '{\"batches\":[]}'",           /* a second document */
    "UPDATE wallet SET json = replace (json, '\"batches\"', '/* */\"batches\"')",
    NULL,
  };

  g_assert_no_error (error);
  g_assert_true (chq_store_replace_wallet (store, wallet, &error));
  g_assert_no_error (error);
  back = chq_store_get_wallet (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_clear_pointer (&back, chq_wallet_free);

  for (guint i = 0; changes[i] != NULL; i++)
    {
      g_assert_true (chq_store_replace_wallet (store, wallet, &error));
      db_exec (path, changes[i]);
      back = chq_store_get_wallet (store, &error);
      g_assert_null (back);
      g_assert_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }

  /* Nesting hidden behind a single-quoted string: refused, not followed. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (hidden, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (hidden, ']');
  g_string_append (hidden, ",''\"'']'");
  db_exec (path, hidden->str);
  g_assert_null (chq_store_get_wallet (store, &error));
  g_assert_error (error, CHQ_STORE_ERROR, CHQ_STORE_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/path-for", test_path_for);
  g_test_add_func ("/store/open-permissions", test_open_permissions);
  g_test_add_func ("/store/open-unwritable", test_open_unwritable);
  g_test_add_func ("/store/migrate-from-zero", test_migrate_from_zero);
  g_test_add_func ("/store/newer-schema", test_newer_schema);
  g_test_add_func ("/store/corrupt-rebuilt", test_corrupt_rebuilt);
  g_test_add_func ("/store/apply-pages", test_apply_pages);
  g_test_add_func ("/store/apply-page-mixed", test_apply_page_mixed);
  g_test_add_func ("/store/staged-courses", test_staged_courses);
  g_test_add_func ("/store/staged-courses-from-text", test_staged_courses_from_text);
  g_test_add_func ("/store/staged-courses-from-objects", test_staged_courses_from_objects);
  g_test_add_func ("/store/title-keys", test_title_keys);
  g_test_add_func ("/store/filters-and-sorts", test_filters_and_sorts);
  g_test_add_func ("/store/search", test_search);
  g_test_add_func ("/store/search-ranked-ties", test_search_ranked_ties);
  g_test_add_func ("/store/search-hostile", test_search_hostile);
  g_test_add_func ("/store/build-match", test_build_match);
  g_test_add_func ("/store/query-boxed", test_query_boxed);
  g_test_add_func ("/store/collections", test_collections);
  g_test_add_func ("/store/async-reads", test_async_reads);
  g_test_add_func ("/store/list-model", test_list_model);
  g_test_add_func ("/store/list-model-lazy", test_list_model_lazy);
  g_test_add_func ("/store/collection-models", test_collection_models);
  g_test_add_func ("/store/collection-models/let-go", test_collection_model_let_go);
  g_test_add_func ("/store/concurrent", test_concurrent_reads_and_writes);
  g_test_add_func ("/store/saved-index/used", test_saved_index_used);
  g_test_add_func ("/store/saved-index/damaged", test_saved_index_damaged);
  g_test_add_func ("/store/saved-index/clear", test_saved_index_clear);
  g_test_add_func ("/store/saved-index/async", test_saved_index_async);
  g_test_add_func ("/store/saved-index/same-answers", test_saved_index_same_answers);
  g_test_add_func ("/store/stored-json-strict", test_stored_json_strict);

  return g_test_run ();
}
