/* chq-json-model.c: the field-table engine of the codec: reads and writes a model
 * object as its JSON object, member by member, as the table it is handed says (the
 * tables themselves, and the look-up by type, are in chq-json-fields.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chq-json.h"
#include "chq-json-private.h"

/* A string member's text, checked for type, UTF-8 and length. */
const char *
_chq_json_read_text (JsonNode  *node,
                     gint64     min,
                     gint64     max,
                     GString   *path,
                     GError   **error)
{
  const char *text;
  glong n_chars;

  if (!_chq_json_node_is_string (node))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;

  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;

  n_chars = g_utf8_strlen (text, -1);
  if (max > 0 && n_chars > max)
    return _chq_json_fail (error, CHQ_CODEC_ERROR_TOO_LONG, path, max), NULL;
  if (n_chars < min)
    return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;

  return text;
}

gboolean
_chq_json_read_integer (JsonNode  *node,
                        gint64     min,
                        gint64     max,
                        gint64    *out_value,
                        GString   *path,
                        GError   **error)
{
  gint64 value;

  if (!_chq_json_node_is_integer (node))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);

  value = json_node_get_int (node);
  if (value < min || value > max)
    return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);

  *out_value = value;

  return TRUE;
}

gboolean
_chq_json_read_number (JsonNode    *node,
                       const ChqJsonField *field,
                       double      *out_value,
                       GString     *path,
                       GError     **error)
{
  double value;

  if (!_chq_json_node_is_number (node))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);

  value = json_node_get_double (node);
  if (!isfinite (value) || value < (double) field->min || value > (double) field->max)
    return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
  if ((field->flags & CHQ_JSON_FIELD_HALF_STEPS) && value * 2 != floor (value * 2))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);

  *out_value = value;

  return TRUE;
}

static gboolean read_members (GObject             *object,
                              JsonObject          *json,
                              const ChqJsonField  *fields,
                              GString             *path,
                              GError             **error);

/* Reads one member into its property; node is never NULL nor null here. */
static gboolean
read_field (GObject      *object,
            const ChqJsonField  *field,
            JsonNode     *node,
            GString      *path,
            GError      **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  switch (field->kind)
    {
    case CHQ_JSON_FIELD_STRING:
      {
        const char *text = _chq_json_read_text (node, field->min, field->max, path, error);

        if (text == NULL)
          return FALSE;
        if (field->check != NULL && !field->check (text))
          return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
        g_value_init (&value, G_TYPE_STRING);
        g_value_set_string (&value, text);
      }
      break;

    case CHQ_JSON_FIELD_DATE:
      {
        const char *text = _chq_json_read_text (node, 0, 0, path, error);

        if (text == NULL)
          return FALSE;
        if (!chq_json_is_valid_date (text))
          return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
        g_value_init (&value, G_TYPE_STRING);
        g_value_set_string (&value, text);
      }
      break;

    case CHQ_JSON_FIELD_DATE_TIME:
      {
        GDateTime *date_time;

        if (!_chq_json_node_is_string (node))
          return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
        date_time = _chq_json_parse_date_time (json_node_get_string (node));
        if (date_time == NULL)
          return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
        g_value_init (&value, G_TYPE_DATE_TIME);
        g_value_take_boxed (&value, date_time);
      }
      break;

    case CHQ_JSON_FIELD_UINT:
    case CHQ_JSON_FIELD_INT:
    case CHQ_JSON_FIELD_INT64:
      {
        gint64 number = 0;

        if (!_chq_json_read_integer (node, field->min, field->max, &number, path, error))
          return FALSE;
        if (field->kind == CHQ_JSON_FIELD_UINT)
          {
            g_value_init (&value, G_TYPE_UINT);
            g_value_set_uint (&value, (guint) number);
          }
        else if (field->kind == CHQ_JSON_FIELD_INT)
          {
            g_value_init (&value, G_TYPE_INT);
            g_value_set_int (&value, (int) number);
          }
        else
          {
            g_value_init (&value, G_TYPE_INT64);
            g_value_set_int64 (&value, number);
          }
      }
      break;

    case CHQ_JSON_FIELD_DOUBLE:
      {
        double number = 0;

        if (!_chq_json_read_number (node, field, &number, path, error))
          return FALSE;
        g_value_init (&value, G_TYPE_DOUBLE);
        g_value_set_double (&value, number);
      }
      break;

    case CHQ_JSON_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
      g_value_init (&value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&value, json_node_get_boolean (node));
      break;

    case CHQ_JSON_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->type ());
        const char *word = _chq_json_read_text (node, 1, CHQ_JSON_MAX_WORD, path, error);
        GEnumValue *enum_value;

        if (word == NULL)
          return FALSE;
        enum_value = g_enum_get_value_by_nick (enum_class, word);
        if (enum_value == NULL)
          return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
        g_value_init (&value, field->type ());
        g_value_set_enum (&value, enum_value->value);
      }
      break;

    case CHQ_JSON_FIELD_WORDS:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        JsonArray *array;
        guint n;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
        array = json_node_get_array (node);
        n = json_array_get_length (array);
        if (n > field->min)
          return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);

        for (guint i = 0; i < n; i++)
          {
            gsize mark = _chq_json_path_push_index (path, i);
            const char *word = _chq_json_read_text (json_array_get_element (array, i), 1,
                                                    field->max, path, error);

            if (word == NULL)
              return FALSE;
            if (field->check != NULL && !field->check (word))
              return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
            g_strv_builder_add (builder, word);
            _chq_json_path_pop (path, mark);
          }

        g_value_init (&value, G_TYPE_STRV);
        g_value_take_boxed (&value, g_strv_builder_end (builder));
      }
      break;

    case CHQ_JSON_FIELD_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
      return read_members (object, json_node_get_object (node), field->fields, path, error);

    case CHQ_JSON_FIELD_LIST:
      {
        const ChqJsonModel *item_model = field->model;
        g_autoptr(GListStore) store = g_list_store_new (item_model->type ());
        JsonArray *array;
        guint n;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
        array = json_node_get_array (node);
        n = json_array_get_length (array);
        if (n > field->max)
          return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(GObject) item = g_object_new (item_model->type (), NULL);
            gsize mark = _chq_json_path_push_index (path, i);

            if (!_chq_json_read_model_node (item, json_array_get_element (array, i), item_model,
                                            path, error))
              return FALSE;
            g_list_store_append (store, item);
            _chq_json_path_pop (path, mark);
          }

        g_value_init (&value, G_TYPE_LIST_MODEL);
        g_value_set_object (&value, store);
      }
      break;

    case CHQ_JSON_FIELD_CUSTOM:
      return field->read (object, node, path, error);

    default:
      g_assert_not_reached ();
    }

  g_object_set_property (object, field->property, &value);

  return TRUE;
}

static gboolean
read_members (GObject      *object,
              JsonObject   *json,
              const ChqJsonField  *fields,
              GString      *path,
              GError      **error)
{
  for (const ChqJsonField *field = fields; field->name != NULL; field++)
    {
      gsize mark = _chq_json_path_push (path, field->name);
      JsonNode *node = json_object_get_member (json, field->name);

      if (node == NULL)
        {
          if (!(field->flags & (CHQ_JSON_FIELD_OPTIONAL | CHQ_JSON_FIELD_NULLABLE)))
            return _chq_json_fail (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, 0);
        }
      else if (JSON_NODE_HOLDS_NULL (node))
        {
          if (!(field->flags & (CHQ_JSON_FIELD_OPTIONAL | CHQ_JSON_FIELD_NULLABLE)))
            return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
        }
      else if (!read_field (object, field, node, path, error))
        {
          return FALSE;
        }

      _chq_json_path_pop (path, mark);
    }

  return TRUE;
}

gboolean
_chq_json_read_model_node (GObject      *object,
                           JsonNode     *node,
                           const ChqJsonModel  *model,
                           GString      *path,
                           GError      **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);

  if (!read_members (object, json_node_get_object (node), model->fields, path, error))
    return FALSE;

  return model->validate == NULL || model->validate (object, path, error);
}

/* Writing */

void
_chq_json_write_integral_or_double (JsonBuilder *builder,
                                    double       value)
{
  /* 12 stays 12 and 21.5 stays 21.5, so documents round-trip as they were written. */
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
write_field (GObject     *object,
             const ChqJsonField *field,
             JsonBuilder *builder)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;

  if (field->kind == CHQ_JSON_FIELD_CUSTOM)
    {
      json_builder_set_member_name (builder, field->name);
      field->write (object, builder);
      return;
    }

  if (field->kind == CHQ_JSON_FIELD_OBJECT)
    {
      json_builder_set_member_name (builder, field->name);
      json_builder_begin_object (builder);
      _chq_json_write_members (object, builder, field->fields);
      json_builder_end_object (builder);
      return;
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), field->property);
  g_return_if_fail (pspec != NULL);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, field->property, &value);

  switch (field->kind)
    {
    case CHQ_JSON_FIELD_STRING:
    case CHQ_JSON_FIELD_DATE:
      if ((field->flags & CHQ_JSON_FIELD_OPTIONAL) && g_value_get_string (&value) == NULL)
        return;
      json_builder_set_member_name (builder, field->name);
      if (g_value_get_string (&value) == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, g_value_get_string (&value));
      break;

    case CHQ_JSON_FIELD_DATE_TIME:
      {
        GDateTime *date_time = g_value_get_boxed (&value);

        json_builder_set_member_name (builder, field->name);
        if (date_time == NULL)
          {
            json_builder_add_null_value (builder);
          }
        else
          {
            g_autofree char *text = chq_json_format_date_time (date_time);
            json_builder_add_string_value (builder, text);
          }
      }
      break;

    case CHQ_JSON_FIELD_UINT:
      json_builder_set_member_name (builder, field->name);
      json_builder_add_int_value (builder, g_value_get_uint (&value));
      break;

    case CHQ_JSON_FIELD_INT:
      if (g_value_get_int (&value) < 0)
        {
          if (field->flags & CHQ_JSON_FIELD_OPTIONAL)
            return;
          json_builder_set_member_name (builder, field->name);
          json_builder_add_null_value (builder);
          break;
        }
      json_builder_set_member_name (builder, field->name);
      json_builder_add_int_value (builder, g_value_get_int (&value));
      break;

    case CHQ_JSON_FIELD_INT64:
      json_builder_set_member_name (builder, field->name);
      json_builder_add_int_value (builder, g_value_get_int64 (&value));
      break;

    case CHQ_JSON_FIELD_DOUBLE:
      json_builder_set_member_name (builder, field->name);
      _chq_json_write_integral_or_double (builder, g_value_get_double (&value));
      break;

    case CHQ_JSON_FIELD_BOOLEAN:
      json_builder_set_member_name (builder, field->name);
      json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
      break;

    case CHQ_JSON_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->type ());
        GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (&value));

        json_builder_set_member_name (builder, field->name);
        json_builder_add_string_value (builder, enum_value != NULL ? enum_value->value_nick : "");
      }
      break;

    case CHQ_JSON_FIELD_WORDS:
      {
        const char * const *words = g_value_get_boxed (&value);

        json_builder_set_member_name (builder, field->name);
        json_builder_begin_array (builder);
        for (guint i = 0; words != NULL && words[i] != NULL; i++)
          json_builder_add_string_value (builder, words[i]);
        json_builder_end_array (builder);
      }
      break;

    case CHQ_JSON_FIELD_LIST:
      {
        GListModel *list = g_value_get_object (&value);
        const ChqJsonModel *item_model = field->model;
        guint n = list != NULL ? g_list_model_get_n_items (list) : 0;

        json_builder_set_member_name (builder, field->name);
        json_builder_begin_array (builder);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (list, i);

            json_builder_begin_object (builder);
            _chq_json_write_members (item, builder, item_model->fields);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
      }
      break;

    case CHQ_JSON_FIELD_OBJECT:
    case CHQ_JSON_FIELD_CUSTOM:
    default:
      g_assert_not_reached ();
    }
}

void
_chq_json_write_members (GObject     *object,
                         JsonBuilder *builder,
                         const ChqJsonField *fields)
{
  for (const ChqJsonField *field = fields; field->name != NULL; field++)
    write_field (object, field, builder);
}

/* The JSON object of @object, as @model says. */
JsonNode *
_chq_json_write_model_node (GObject            *object,
                            const ChqJsonModel *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  _chq_json_write_members (object, builder, model->fields);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
