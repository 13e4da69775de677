/* chq-store-stage.c: the courses of a feed page made ready for the store (ChqStagedCourses)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staging computes, off the writer's thread, every column the store files for a course and
 * its sessions, so that the writer only binds them (chq-store-courses.c). The sync stages
 * the model objects the codec decoded from the page (chq_staged_courses_new_from_courses()),
 * keeping each course's text as the service sent it; the JSON entry points read the
 * course objects of a page leniently (ChqCourseFields), for pages that did not go through
 * the codec.
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include <string.h>

#include "chq-course-fields.h"
#include "chq-json.h"
#include "chq-store-private.h"

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
/* What the store files of one course, read from its JSON or from its model object;
 * strings are borrowed from the source unless said otherwise. */
typedef struct {
  const char *id;
  const char *title;
  const char *summary;        /* nullable */
  const char *provider_name;  /* nullable */
  char       *updated_at;     /* owned, nullable */
  char       *languages;      /* owned: space separated */
  char       *themes;         /* owned: space separated */
  char       *json;           /* owned, nullable: the course's text, when generated */
  gint64      hours;
  gint64      price_cents;
  int         voucher_type;
  int         ai;
  int         format;
  GPtrArray  *cities;         /* owned array: distinct, of the places and sessions */
  GPtrArray  *provinces;      /* owned array: distinct */
  GArray     *starts;         /* owned, of gint64: each session's start, 0 when unknown */
  GPtrArray  *session_cities; /* owned array: each session's city, or NULL */
} CourseColumns;

static void
course_columns_init (CourseColumns *columns)
{
  *columns = (CourseColumns) {
    .cities = g_ptr_array_new (),
    .provinces = g_ptr_array_new (),
    .starts = g_array_new (FALSE, FALSE, sizeof (gint64)),
    .session_cities = g_ptr_array_new (),
  };
}

static void
course_columns_clear (CourseColumns *columns)
{
  g_free (columns->updated_at);
  g_free (columns->languages);
  g_free (columns->themes);
  g_free (columns->json);
  g_ptr_array_unref (columns->cities);
  g_ptr_array_unref (columns->provinces);
  g_array_unref (columns->starts);
  g_ptr_array_unref (columns->session_cities);
}

static void
add_session (CourseColumns *columns,
             gint64         starts_at,
             const char    *city)
{
  g_array_append_val (columns->starts, starts_at);
  g_ptr_array_add (columns->session_cities, (gpointer) city);
}

/* From a course's JSON, leniently: FALSE when it cannot be filed (no id, no title, an
 * unknown voucher type or format). */
static gboolean
read_json_columns (JsonNode      *node,
                   gboolean       generate_text,
                   CourseColumns *columns)
{
  ChqCourseFields course;

  if (!chq_course_fields_read (node, &course))
    return FALSE;

  for (guint i = 0; i < course.n_locations; i++)
    {
      const char *city;
      const char *province;

      chq_course_fields_get_location (&course, i, &city, &province);
      add_distinct (columns->cities, city);
      add_distinct (columns->provinces, province);
    }
  for (guint i = 0; i < course.n_sessions; i++)
    {
      const char *city;
      gint64 start = chq_course_fields_get_session (&course, i, &city);

      add_session (columns, start, city);
    }
  columns->id = course.id;
  columns->title = course.title;
  columns->summary = course.summary;
  columns->provider_name = course.provider_name;
  columns->updated_at = g_strdup (course.updated_at);
  columns->languages = chq_course_fields_join_words (course.languages);
  columns->themes = chq_course_fields_join_words (course.themes);
  columns->hours = course.hours;
  columns->price_cents = course.price_cents;
  columns->voucher_type = course.voucher_type;
  columns->ai = course.ai;
  columns->format = course.format;
  if (generate_text)
    columns->json = json_to_string (node, FALSE);

  return TRUE;
}

/* Words (themes, languages), space separated; "" for none. */
static char *
join_words (const char * const *words)
{
  return words != NULL ? g_strjoinv (" ", (char **) words) : g_strdup ("");
}

/* From a course the codec decoded (and so checked). */
static gboolean
read_course_columns (ChqCourse     *course,
                     gboolean       generate_text,
                     CourseColumns *columns)
{
  GListModel *locations = chq_course_get_locations (course);
  GListModel *sessions = chq_course_get_sessions (course);
  guint n_locations = locations ? g_list_model_get_n_items (locations) : 0;
  guint n_sessions = sessions ? g_list_model_get_n_items (sessions) : 0;
  GDateTime *updated_at = chq_course_get_updated_at (course);

  if (chq_course_get_id (course) == NULL || *chq_course_get_id (course) == '\0' ||
      chq_course_get_title (course) == NULL)
    return FALSE;

  for (guint i = 0; i < n_locations; i++)
    {
      g_autoptr(ChqLocation) location = g_list_model_get_item (locations, i);

      /* Borrowed: the course holds its places, and the caller holds the course. */
      add_distinct (columns->cities, chq_location_get_city (location));
      add_distinct (columns->provinces, chq_location_get_province (location));
    }
  for (guint i = 0; i < n_sessions; i++)
    {
      g_autoptr(ChqCourseSession) session = g_list_model_get_item (sessions, i);
      GDateTime *starts_at = chq_course_session_get_starts_at (session);

      add_session (columns, starts_at ? g_date_time_to_unix (starts_at) : 0,
                   chq_course_session_get_city (session));
    }
  columns->id = chq_course_get_id (course);
  columns->title = chq_course_get_title (course);
  columns->summary = chq_course_get_summary (course);
  columns->provider_name = chq_course_get_provider_name (course);
  columns->updated_at = updated_at ? chq_json_format_date_time (updated_at) : NULL;
  columns->languages = join_words (chq_course_get_languages (course));
  columns->themes = join_words (chq_course_get_themes (course));
  columns->hours = chq_course_get_hours (course);
  columns->price_cents = chq_course_get_price_cents (course);
  columns->voucher_type = chq_course_get_voucher_type (course);
  columns->ai = chq_course_get_ai (course);
  columns->format = chq_course_get_format (course);
  if (generate_text)
    columns->json = chq_model_to_text (G_OBJECT (course), NULL);

  return TRUE;
}

/* Stages a course's row (and its sessions', when with_sessions) from its columns; its JSON
 * text is @span of the staged page text, or the columns' generated text. */
static void
stage_columns (ChqStagedCourses  *staged,
               CourseColumns     *columns,
               const ChqJsonSpan *span,
               gboolean           with_sessions)
{
  StagedCourse row = { NULL, };

  row.first_start = G_MAXINT64;
  for (guint i = 0; i < columns->starts->len; i++)
    {
      gint64 start = g_array_index (columns->starts, gint64, i);

      add_distinct (columns->cities, g_ptr_array_index (columns->session_cities, i));
      if (start != 0)
        row.first_start = MIN (row.first_start, start);
    }
  g_ptr_array_add (columns->cities, NULL);
  g_ptr_array_add (columns->provinces, NULL);

  row.id = g_strdup (columns->id);
  if (span != NULL)
    {
      row.json_text = (const char *) g_bytes_get_data (staged->text, NULL) + span->offset;
      row.json_len = span->length;
    }
  else
    {
      row.json = g_steal_pointer (&columns->json);
      row.json_text = row.json;
      row.json_len = strlen (row.json);
    }
  row.title = g_strdup (columns->title);
  row.title_key = _chq_store_fold_for_sort (columns->title);
  row.summary = g_strdup (columns->summary ? columns->summary : "");
  row.provider_name = g_strdup (columns->provider_name ? columns->provider_name : "");
  row.cities = g_strjoinv (" ", (char **) columns->cities->pdata);
  row.provinces = g_strjoinv (" ", (char **) columns->provinces->pdata);
  row.languages = g_steal_pointer (&columns->languages);
  row.themes = g_steal_pointer (&columns->themes);
  row.updated_at = g_steal_pointer (&columns->updated_at);
  row.hours = columns->hours;
  row.price_cents = columns->price_cents;
  row.voucher_type = columns->voucher_type;
  row.ai = columns->ai;
  row.format = columns->format;
  g_array_append_val (staged->courses, row);

  for (guint i = 0; with_sessions && i < columns->starts->len; i++)
    {
      StagedSession session = { staged->courses->len - 1,
                                g_array_index (columns->starts, gint64, i), NULL };

      if (session.starts_at == 0)
        continue;
      session.city = g_strdup (g_ptr_array_index (columns->session_cities, i));
      g_array_append_val (staged->sessions, session);
    }
}

static const char *
item_id (gpointer item,
         gboolean is_course)
{
  return is_course ? chq_course_get_id (item) : chq_course_fields_peek_id (item);
}

/* items: JsonNode* of course objects, or ChqCourse* when is_course; spans (nullable, one
 * per item): where their texts are in @text. */
static ChqStagedCourses *
staged_courses_new (GPtrArray          *items,
                    gboolean            is_course,
                    GBytes             *text,
                    const ChqJsonSpan  *spans,
                    GError            **error)
{
  ChqStagedCourses *staged = g_new0 (ChqStagedCourses, 1);
  /* A course twice in a page keeps the sessions of its last copy only. */
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);

  if (spans != NULL)
    staged->text = g_bytes_ref (text);

  staged->courses = g_array_sized_new (FALSE, FALSE, sizeof (StagedCourse), items->len);
  g_array_set_clear_func (staged->courses, staged_course_clear);
  staged->sessions = g_array_new (FALSE, FALSE, sizeof (StagedSession));
  g_array_set_clear_func (staged->sessions, staged_session_clear);

  for (guint i = 0; i < items->len; i++)
    {
      const char *id = item_id (g_ptr_array_index (items, i), is_course);

      if (id != NULL)
        g_hash_table_insert (last, (gpointer) id, GUINT_TO_POINTER (i));
    }
  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      const char *id = item_id (item, is_course);
      gboolean with_sessions = id != NULL &&
                               GPOINTER_TO_UINT (g_hash_table_lookup (last, id)) == i;
      CourseColumns columns;
      gboolean read;

      course_columns_init (&columns);
      read = is_course ? read_course_columns (item, spans == NULL, &columns)
                       : read_json_columns (item, spans == NULL, &columns);
      if (read)
        stage_columns (staged, &columns, spans != NULL ? &spans[i] : NULL, with_sessions);
      course_columns_clear (&columns);
      if (!read)
        {
          chq_staged_courses_free (staged);
          _chq_store_set_invalid_error (error);
          return NULL;
        }
    }

  return staged;
}

/* Where each of the @n_items items of a page lies in its @text, or NULL when they cannot
 * be found there with certainty (their texts are then generated). */
static ChqJsonSpan *
find_spans (GBytes *text,
            guint   n_items)
{
  g_autofree ChqJsonSpan *spans = NULL;
  const char *data;
  gsize len;

  if (text == NULL || n_items == 0)
    return NULL;

  data = g_bytes_get_data (text, &len);
  spans = g_new (ChqJsonSpan, n_items);
  if (!chq_json_find_feed_items (data, len, n_items, spans))
    {
      g_debug ("The items of a feed page were not found in its text; generating them");
      return NULL;
    }

  return g_steal_pointer (&spans);
}

/**
 * chq_staged_courses_new:
 * @items: (nullable): the course objects of a feed page, as the service sent them
 * @error: return location for an error
 *
 * Computes, from the courses' JSON, everything the store writes for them (the columns,
 * the JSON text, the sessions), so that chq_store_apply_staged_courses() only has to hand
 * them to SQLite. Needs no store: call it on any thread, e.g. before the writer is free.
 * A member of the wrong JSON type reads as absent.
 *
 * Returns: (transfer full) (nullable): the staged courses, or %NULL with @error set
 *   (%CHQ_STORE_ERROR_INVALID_DATA) when a course cannot be filed (no id, no title, an
 *   unknown voucher type or format)
 */
ChqStagedCourses *
chq_staged_courses_new (JsonArray  *items,
                        GError    **error)
{
  return chq_staged_courses_new_from_text (items, NULL, error);
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

  for (guint i = 0; items && i < json_array_get_length (items); i++)
    g_ptr_array_add (nodes, json_array_get_element (items, i));
  spans = find_spans (text, nodes->len);

  return staged_courses_new (nodes, FALSE, text, spans, error);
}

/**
 * chq_staged_courses_new_from_courses:
 * @courses: (element-type ChqCourse): the courses of a feed page, as the codec read them
 * @text: (nullable): the text of that page, which the codec read @courses from
 * @error: return location for an error
 *
 * Stages the courses the codec decoded (and checked): the columns come from the model
 * objects, each course's JSON text from @text as the service sent it when it is found
 * there (as chq_staged_courses_new_from_text() does), or is written by the codec.
 *
 * Returns: (transfer full) (nullable): the staged courses, or %NULL with @error set
 *   (%CHQ_STORE_ERROR_INVALID_DATA) when a course has no id or title
 */
ChqStagedCourses *
chq_staged_courses_new_from_courses (GPtrArray  *courses,
                                     GBytes     *text,
                                     GError    **error)
{
  g_autofree ChqJsonSpan *spans = NULL;

  g_return_val_if_fail (courses != NULL, NULL);

  spans = find_spans (text, courses->len);

  return staged_courses_new (courses, TRUE, text, spans, error);
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
