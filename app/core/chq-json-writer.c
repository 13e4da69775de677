/* chq-json-writer.c: where the codec writes a document: a JsonBuilder, or compact text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field tables are written once, through a ChqJsonWriter. Most documents become nodes
 * (a JsonBuilder); a large one that is only sent, like a page of the course feed, is written
 * straight as text, with no tree of nodes to build, print and free. The text is the one
 * chq_json_to_string() prints for the same node, byte for byte (test-json checks it).
 */
#define G_LOG_DOMAIN "chq-json"

#include "config.h"

#include <math.h>

#include "chq-json-private.h"

/**
 * _chq_json_writer_init_builder:
 * @writer: (out caller-allocates): the writer
 * @builder: where it writes
 */
void
_chq_json_writer_init_builder (ChqJsonWriter *writer,
                               JsonBuilder   *builder)
{
  *writer = (ChqJsonWriter) { .builder = builder, .first = TRUE };
}

/**
 * _chq_json_writer_init_text:
 * @writer: (out caller-allocates): the writer, of compact JSON text; take the text with
 *   _chq_json_writer_end_text()
 */
void
_chq_json_writer_init_text (ChqJsonWriter *writer)
{
  *writer = (ChqJsonWriter) { .text = g_string_sized_new (4096), .first = TRUE };
}

/**
 * _chq_json_writer_end_text:
 * @writer: a writer of text, which is then done
 * @out_len: (out) (optional): the text's length in bytes
 *
 * Returns: (transfer full): what @writer wrote
 */
char *
_chq_json_writer_end_text (ChqJsonWriter *writer,
                           gsize         *out_len)
{
  GString *text = g_steal_pointer (&writer->text);

  if (out_len != NULL)
    *out_len = text->len;

  return g_string_free (text, FALSE);
}

/* Before a value or a member's name: a comma unless it opens its object or array, or it
 * is the value of the name just written. */
static inline void
separate (ChqJsonWriter *writer)
{
  if (writer->after_name)
    writer->after_name = FALSE;
  else if (!writer->first)
    g_string_append_c (writer->text, ',');
  writer->first = FALSE;
}

/* As json-glib 1.6 escapes (json_strescape()): '"' and '\\', the control characters
 * below 0x1f with their short forms or as \u00xx, and 0x7f; 0x1f and every byte of a
 * multi-byte character stay as they are. */
static void
append_escaped (GString    *out,
                const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape = NULL;

      if (c == '"')
        escape = "\\\"";
      else if (c == '\\')
        escape = "\\\\";
      else if (c == '\b')
        escape = "\\b";
      else if (c == '\f')
        escape = "\\f";
      else if (c == '\n')
        escape = "\\n";
      else if (c == '\r')
        escape = "\\r";
      else if (c == '\t')
        escape = "\\t";
      else if (c >= 0x1f && c != 0x7f)
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      if (escape != NULL)
        {
          g_string_append (out, escape);
        }
      else
        {
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
_chq_json_writer_begin_object (ChqJsonWriter *writer)
{
  if (writer->builder != NULL)
    {
      json_builder_begin_object (writer->builder);
      return;
    }
  separate (writer);
  g_string_append_c (writer->text, '{');
  writer->first = TRUE;
}

void
_chq_json_writer_end_object (ChqJsonWriter *writer)
{
  if (writer->builder != NULL)
    {
      json_builder_end_object (writer->builder);
      return;
    }
  g_string_append_c (writer->text, '}');
  writer->first = FALSE;
}

void
_chq_json_writer_begin_array (ChqJsonWriter *writer)
{
  if (writer->builder != NULL)
    {
      json_builder_begin_array (writer->builder);
      return;
    }
  separate (writer);
  g_string_append_c (writer->text, '[');
  writer->first = TRUE;
}

void
_chq_json_writer_end_array (ChqJsonWriter *writer)
{
  if (writer->builder != NULL)
    {
      json_builder_end_array (writer->builder);
      return;
    }
  g_string_append_c (writer->text, ']');
  writer->first = FALSE;
}

/**
 * _chq_json_writer_member:
 * @writer: the writer, in an object
 * @name: the member's name; its value is written next
 */
void
_chq_json_writer_member (ChqJsonWriter *writer,
                         const char    *name)
{
  if (writer->builder != NULL)
    {
      json_builder_set_member_name (writer->builder, name);
      return;
    }
  separate (writer);
  append_escaped (writer->text, name);
  g_string_append_c (writer->text, ':');
  writer->after_name = TRUE;
}

/**
 * _chq_json_writer_string:
 * @writer: the writer
 * @value: (nullable): the text; %NULL writes null
 */
void
_chq_json_writer_string (ChqJsonWriter *writer,
                         const char    *value)
{
  if (value == NULL)
    {
      _chq_json_writer_null (writer);
      return;
    }
  if (writer->builder != NULL)
    {
      json_builder_add_string_value (writer->builder, value);
      return;
    }
  separate (writer);
  append_escaped (writer->text, value);
}

void
_chq_json_writer_int (ChqJsonWriter *writer,
                      gint64         value)
{
  if (writer->builder != NULL)
    {
      json_builder_add_int_value (writer->builder, value);
      return;
    }
  separate (writer);
  g_string_append_printf (writer->text, "%" G_GINT64_FORMAT, value);
}

/* 12 stays 12 and 21.5 stays 21.5, so documents round-trip as they were written. */
void
_chq_json_writer_number (ChqJsonWriter *writer,
                         double         value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    {
      _chq_json_writer_int (writer, (gint64) value);
      return;
    }
  if (writer->builder != NULL)
    {
      json_builder_add_double_value (writer->builder, value);
      return;
    }
  separate (writer);
  g_string_append (writer->text, g_ascii_dtostr (buffer, sizeof buffer, value));
}

void
_chq_json_writer_boolean (ChqJsonWriter *writer,
                          gboolean       value)
{
  if (writer->builder != NULL)
    {
      json_builder_add_boolean_value (writer->builder, value);
      return;
    }
  separate (writer);
  g_string_append (writer->text, value ? "true" : "false");
}

void
_chq_json_writer_null (ChqJsonWriter *writer)
{
  if (writer->builder != NULL)
    {
      json_builder_add_null_value (writer->builder);
      return;
    }
  separate (writer);
  g_string_append (writer->text, "null");
}
