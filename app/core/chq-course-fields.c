/* chq-course-fields.c: the fields of a course the cache files, read from its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first full sync files 50,000 courses: this reads the few members the cache needs
 * straight from the parsed JSON, with no model object, no copy and no check beyond the
 * JSON types (the codec, chq_course_from_json(), checked the page already when the sync
 * engine fetched it).
 */
#define G_LOG_DOMAIN "chq-course-fields"

#include "config.h"

#include "chq-course-fields.h"

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

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * chq_course_fields_read:
 * @node: a course object as the service sent it
 * @out: (out caller-allocates): the fields, borrowed from @node
 *
 * Reads the members the cache files. Members of the wrong JSON type read as absent.
 *
 * Returns: whether @node is a course the cache can file: an object with an id, a title and
 *   a known voucher type and format
 */
gboolean
chq_course_fields_read (JsonNode        *node,
                        ChqCourseFields *out)
{
  JsonObject *course = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  *out = (ChqCourseFields) { NULL, };
  out->id = member_string (course, "id");
  out->title = member_string (course, "title");
  if (out->id == NULL || *out->id == '\0' || out->title == NULL ||
      !chq_voucher_type_from_string (member_string (course, "voucher_type"),
                                     &out->voucher_type) ||
      !chq_course_format_from_string (member_string (course, "format"), &out->format))
    return FALSE;

  out->summary = member_string (course, "summary");
  out->provider_name = member_string (member_object (course, "provider"), "name");
  out->updated_at = member_string (course, "updated_at");
  out->hours = member_int (course, "hours");
  out->price_cents = member_int (course, "price_cents");
  out->ai = member_bool (course, "ai");
  out->languages = member_array (course, "languages");
  out->themes = member_array (course, "themes");
  out->locations = member_array (course, "locations");
  out->sessions = member_array (course, "sessions");
  out->n_locations = out->locations ? json_array_get_length (out->locations) : 0;
  out->n_sessions = out->sessions ? json_array_get_length (out->sessions) : 0;

  return TRUE;
}

/**
 * chq_course_fields_peek_id:
 * @node: a course object as the service sent it
 *
 * Returns: (nullable): the course's id, borrowed from @node
 */
const char *
chq_course_fields_peek_id (JsonNode *node)
{
  return JSON_NODE_HOLDS_OBJECT (node) ? member_string (json_node_get_object (node), "id")
                                       : NULL;
}

/**
 * chq_course_fields_get_location:
 * @fields: fields read by chq_course_fields_read()
 * @i: a location, below @fields->n_locations
 * @out_city: (out) (nullable): its city, or %NULL
 * @out_province: (out) (nullable): its province, or %NULL
 */
void
chq_course_fields_get_location (const ChqCourseFields  *fields,
                                guint                   i,
                                const char            **out_city,
                                const char            **out_province)
{
  JsonObject *location;

  g_return_if_fail (i < fields->n_locations);

  location = element_object (fields->locations, i);
  *out_city = member_string (location, "city");
  *out_province = member_string (location, "province");
}

/**
 * chq_course_fields_get_session:
 * @fields: fields read by chq_course_fields_read()
 * @i: a session, below @fields->n_sessions
 * @out_city: (out) (nullable): its city, or %NULL
 *
 * Returns: when the session starts, as unix time; 0 when absent or not a date-time
 */
gint64
chq_course_fields_get_session (const ChqCourseFields  *fields,
                               guint                   i,
                               const char            **out_city)
{
  g_autoptr(GDateTime) starts_at = NULL;
  JsonObject *session;
  const char *text;

  g_return_val_if_fail (i < fields->n_sessions, 0);

  session = element_object (fields->sessions, i);
  *out_city = member_string (session, "city");
  text = member_string (session, "starts_at");
  if (text == NULL)
    return 0;
  starts_at = g_date_time_new_from_iso8601 (text, NULL);

  return starts_at ? g_date_time_to_unix (starts_at) : 0;
}

/**
 * chq_course_fields_join_words:
 * @words: (nullable): a JSON array of words (themes, languages)
 *
 * Returns: (transfer full): its strings, space separated (others are skipped)
 */
char *
chq_course_fields_join_words (JsonArray *words)
{
  GString *out = g_string_new (NULL);
  guint n = words ? json_array_get_length (words) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (words, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, json_node_get_string (node));
    }

  return g_string_free (out, FALSE);
}
