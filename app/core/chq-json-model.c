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

/* The GValue type of a field's property. */
static GType
field_value_type (const ChqJsonField *field)
{
  switch (field->kind)
    {
    case CHQ_JSON_FIELD_STRING:
    case CHQ_JSON_FIELD_DATE:
      return G_TYPE_STRING;
    case CHQ_JSON_FIELD_DATE_TIME:
      return G_TYPE_DATE_TIME;
    case CHQ_JSON_FIELD_UINT:
      return G_TYPE_UINT;
    case CHQ_JSON_FIELD_INT:
      return G_TYPE_INT;
    case CHQ_JSON_FIELD_INT64:
      return G_TYPE_INT64;
    case CHQ_JSON_FIELD_DOUBLE:
      return G_TYPE_DOUBLE;
    case CHQ_JSON_FIELD_BOOLEAN:
      return G_TYPE_BOOLEAN;
    case CHQ_JSON_FIELD_ENUM:
      return field->type ();
    case CHQ_JSON_FIELD_WORDS:
      return G_TYPE_STRV;
    case CHQ_JSON_FIELD_LIST:
      return G_TYPE_LIST_MODEL;
    case CHQ_JSON_FIELD_OBJECT:
    case CHQ_JSON_FIELD_CUSTOM:
    default:
      g_assert_not_reached ();
    }
}

static void
write_field (GObject            *object,
             const ChqJsonField *field,
             ChqJsonWriter      *writer)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (field->kind == CHQ_JSON_FIELD_CUSTOM)
    {
      _chq_json_writer_member (writer, field->name);
      field->write (object, writer);
      return;
    }

  if (field->kind == CHQ_JSON_FIELD_OBJECT)
    {
      _chq_json_writer_member (writer, field->name);
      _chq_json_writer_begin_object (writer);
      _chq_json_write_members (object, writer, field->fields);
      _chq_json_writer_end_object (writer);
      return;
    }

  g_value_init (&value, field_value_type (field));
  g_object_get_property (object, field->property, &value);

  switch (field->kind)
    {
    case CHQ_JSON_FIELD_STRING:
    case CHQ_JSON_FIELD_DATE:
      if ((field->flags & CHQ_JSON_FIELD_OPTIONAL) && g_value_get_string (&value) == NULL)
        return;
      _chq_json_writer_member (writer, field->name);
      _chq_json_writer_string (writer, g_value_get_string (&value));
      break;

    case CHQ_JSON_FIELD_DATE_TIME:
      {
        GDateTime *date_time = g_value_get_boxed (&value);
        g_autofree char *text = date_time ? chq_json_format_date_time (date_time) : NULL;

        _chq_json_writer_member (writer, field->name);
        _chq_json_writer_string (writer, text);
      }
      break;

    case CHQ_JSON_FIELD_UINT:
      _chq_json_writer_member (writer, field->name);
      _chq_json_writer_int (writer, g_value_get_uint (&value));
      break;

    case CHQ_JSON_FIELD_INT:
      if (g_value_get_int (&value) < 0)
        {
          if (field->flags & CHQ_JSON_FIELD_OPTIONAL)
            return;
          _chq_json_writer_member (writer, field->name);
          _chq_json_writer_null (writer);
          break;
        }
      _chq_json_writer_member (writer, field->name);
      _chq_json_writer_int (writer, g_value_get_int (&value));
      break;

    case CHQ_JSON_FIELD_INT64:
      _chq_json_writer_member (writer, field->name);
      _chq_json_writer_int (writer, g_value_get_int64 (&value));
      break;

    case CHQ_JSON_FIELD_DOUBLE:
      _chq_json_writer_member (writer, field->name);
      _chq_json_writer_number (writer, g_value_get_double (&value));
      break;

    case CHQ_JSON_FIELD_BOOLEAN:
      _chq_json_writer_member (writer, field->name);
      _chq_json_writer_boolean (writer, g_value_get_boolean (&value));
      break;

    case CHQ_JSON_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->type ());
        GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (&value));

        _chq_json_writer_member (writer, field->name);
        _chq_json_writer_string (writer, enum_value != NULL ? enum_value->value_nick : "");
      }
      break;

    case CHQ_JSON_FIELD_WORDS:
      {
        const char * const *words = g_value_get_boxed (&value);

        _chq_json_writer_member (writer, field->name);
        _chq_json_writer_begin_array (writer);
        for (guint i = 0; words != NULL && words[i] != NULL; i++)
          _chq_json_writer_string (writer, words[i]);
        _chq_json_writer_end_array (writer);
      }
      break;

    case CHQ_JSON_FIELD_LIST:
      {
        GListModel *list = g_value_get_object (&value);
        guint n = list != NULL ? g_list_model_get_n_items (list) : 0;

        _chq_json_writer_member (writer, field->name);
        _chq_json_writer_begin_array (writer);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (list, i);

            _chq_json_write_model (item, field->model, writer);
          }
        _chq_json_writer_end_array (writer);
      }
      break;

    case CHQ_JSON_FIELD_OBJECT:
    case CHQ_JSON_FIELD_CUSTOM:
    default:
      g_assert_not_reached ();
    }
}

void
_chq_json_write_members (GObject            *object,
                         ChqJsonWriter      *writer,
                         const ChqJsonField *fields)
{
  for (const ChqJsonField *field = fields; field->name != NULL; field++)
    write_field (object, field, writer);
}

void
_chq_json_write_model (GObject            *object,
                       const ChqJsonModel *model,
                       ChqJsonWriter      *writer)
{
  _chq_json_writer_begin_object (writer);
  _chq_json_write_members (object, writer, model->fields);
  _chq_json_writer_end_object (writer);
}
