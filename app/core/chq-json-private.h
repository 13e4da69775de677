/* chq-json-private.h: what the parts of the codec share (chq-json.c, chq-json-scan.c,
 * chq-json-model.c, chq-json-fields.c, chq-json-writer.c, chq-api-bodies.c); not for other
 * files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-json.h"

G_BEGIN_DECLS

#define CHQ_JSON_MAX_COUNT 1000000 /* sanity bound of counts of vouchers, seats, hours */

/* The field tables: one per model, driving both directions. */

typedef enum {
  CHQ_JSON_FIELD_STRING,     /* text, min..max characters, optional form check */
  CHQ_JSON_FIELD_DATE,       /* "YYYY-MM-DD", a char * property */
  CHQ_JSON_FIELD_DATE_TIME,  /* RFC 3339 with offset, a GDateTime property */
  CHQ_JSON_FIELD_UINT,       /* integer min..max, a guint property */
  CHQ_JSON_FIELD_INT,        /* integer min..max, an int property; -1 is null/absent */
  CHQ_JSON_FIELD_INT64,      /* integer min..max, a gint64 property */
  CHQ_JSON_FIELD_DOUBLE,     /* number min..max, a double property */
  CHQ_JSON_FIELD_BOOLEAN,
  CHQ_JSON_FIELD_ENUM,       /* an API word of an enum GType */
  CHQ_JSON_FIELD_WORDS,      /* array of strings (max items: min), a GStrv property */
  CHQ_JSON_FIELD_OBJECT,     /* nested object whose members are properties of the same
                              * GObject */
  CHQ_JSON_FIELD_LIST,       /* array of objects, a GListModel property */
  CHQ_JSON_FIELD_CUSTOM,     /* read and write callbacks */
} ChqJsonFieldKind;

typedef enum {
  CHQ_JSON_FIELD_NULLABLE   = 1 << 0, /* null allowed (and written as null) */
  CHQ_JSON_FIELD_OPTIONAL   = 1 << 1, /* may be absent; written only when set */
  CHQ_JSON_FIELD_HALF_STEPS = 1 << 2, /* numbers: a multiple of 0.5 */
} ChqJsonFieldFlags;

typedef struct _ChqJsonField ChqJsonField;
typedef struct _ChqJsonModel ChqJsonModel;

/* Where a document is written (chq-json-writer.c): nodes through a JsonBuilder, or compact
 * text appended to a GString, the same text chq_json_to_string() prints for those nodes. */
typedef struct {
  JsonBuilder *builder;    /* unowned; NULL when writing text */
  GString     *text;       /* owned; NULL when writing nodes */
  gboolean     first;      /* text: nothing written yet in the open object or array */
  gboolean     after_name; /* text: a member's name was just written */
} ChqJsonWriter;

G_GNUC_INTERNAL void _chq_json_writer_init_builder (ChqJsonWriter *writer,
                                                    JsonBuilder   *builder);
G_GNUC_INTERNAL void _chq_json_writer_init_text    (ChqJsonWriter *writer);
G_GNUC_INTERNAL char *_chq_json_writer_end_text    (ChqJsonWriter *writer,
                                                    gsize         *out_len);
G_GNUC_INTERNAL void _chq_json_writer_begin_object (ChqJsonWriter *writer);
G_GNUC_INTERNAL void _chq_json_writer_end_object   (ChqJsonWriter *writer);
G_GNUC_INTERNAL void _chq_json_writer_begin_array  (ChqJsonWriter *writer);
G_GNUC_INTERNAL void _chq_json_writer_end_array    (ChqJsonWriter *writer);
G_GNUC_INTERNAL void _chq_json_writer_member       (ChqJsonWriter *writer,
                                                    const char    *name);
/* NULL writes null. */
G_GNUC_INTERNAL void _chq_json_writer_string       (ChqJsonWriter *writer,
                                                    const char    *value);
G_GNUC_INTERNAL void _chq_json_writer_int          (ChqJsonWriter *writer,
                                                    gint64         value);
/* A whole number as an integer, any other as a double. */
G_GNUC_INTERNAL void _chq_json_writer_number       (ChqJsonWriter *writer,
                                                    double         value);
G_GNUC_INTERNAL void _chq_json_writer_boolean      (ChqJsonWriter *writer,
                                                    gboolean       value);
G_GNUC_INTERNAL void _chq_json_writer_null         (ChqJsonWriter *writer);

typedef gboolean (*ChqJsonFieldCheck) (const char *text);
typedef gboolean (*ChqJsonFieldRead)  (GObject   *object,
                                       JsonNode  *node,
                                       GString   *path,
                                       GError   **error);
typedef void     (*ChqJsonFieldWrite) (GObject       *object,
                                       ChqJsonWriter *writer);

struct _ChqJsonField {
  const char         *name;      /* JSON member */
  const char         *property;  /* GObject property */
  ChqJsonFieldKind    kind;
  ChqJsonFieldFlags   flags;
  gint64              min;       /* numbers: lowest; strings: shortest; words: most items */
  gint64              max;       /* numbers: highest; strings and words: longest */
  GType             (*type) (void); /* ENUM: the enum */
  const ChqJsonField *fields;    /* OBJECT: the members */
  const ChqJsonModel *model;     /* LIST: the model of the items (type, members, checks) */
  ChqJsonFieldCheck   check;     /* STRING and WORDS: the form */
  ChqJsonFieldRead    read;      /* CUSTOM */
  ChqJsonFieldWrite   write;     /* CUSTOM */
};

typedef gboolean (*ChqJsonModelValidate) (GObject  *object,
                                          GString  *path,
                                          GError  **error);

struct _ChqJsonModel {
  GType              (*type) (void);
  const ChqJsonField  *fields;
  ChqJsonModelValidate validate; /* checks across members, after they are read */
};

/* Errors (chq-json.c): set @error for the member at @path (or @path.@member) and return
 * FALSE; @limit is the bound a TOO_LONG error names. */
G_GNUC_INTERNAL
gboolean    _chq_json_fail                  (GError        **error,
                                             ChqCodecError   code,
                                             GString        *path,
                                             gint64          limit);
G_GNUC_INTERNAL
gboolean    _chq_json_fail_at               (GError        **error,
                                             ChqCodecError   code,
                                             GString        *path,
                                             const char     *member);

/* Paths: "provider.approval_number", "sessions[1].starts_at". push returns the mark to
 * pop back to. */

static inline gsize
_chq_json_path_push (GString    *path,
                     const char *name)
{
  gsize mark = path->len;

  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, name);

  return mark;
}

/* Appends "[index]" (without printf: every element of a feed page passes here). */
static inline gsize
_chq_json_path_push_index (GString *path,
                           guint    index)
{
  gsize mark = path->len;
  char digits[16];
  gsize n = 0;

  do
    {
      digits[n++] = (char) ('0' + index % 10);
      index /= 10;
    }
  while (index > 0);

  g_string_append_c (path, '[');
  while (n > 0)
    g_string_append_c (path, digits[--n]);
  g_string_append_c (path, ']');

  return mark;
}

static inline void
_chq_json_path_pop (GString *path,
                    gsize    mark)
{
  g_string_truncate (path, mark);
}

static inline gboolean
_chq_json_node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static inline gboolean
_chq_json_node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64
             || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static inline gboolean
_chq_json_node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}


/* The forms of the API's words (chq-json.c), as ChqJsonFieldCheck. */
G_GNUC_INTERNAL gboolean _chq_json_check_id                   (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_enterprise_number    (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_niss                 (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_authorisation_number (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_communication        (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_iban                 (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_postcode             (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_province             (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_language             (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_word                 (const char *text);
G_GNUC_INTERNAL gboolean _chq_json_check_email                (const char *text);
/* An RFC 3339 date and time with its offset, or NULL. */
G_GNUC_INTERNAL
GDateTime  *_chq_json_parse_date_time       (const char     *text);

/* Reading and writing members (chq-json-model.c): the engine is handed the table it
 * follows, and reaches the table of a list's items through the field; it never looks a
 * type up. */
G_GNUC_INTERNAL
const char *_chq_json_read_text             (JsonNode           *node,
                                             gint64              min,
                                             gint64              max,
                                             GString            *path,
                                             GError            **error);
G_GNUC_INTERNAL
gboolean    _chq_json_read_integer          (JsonNode           *node,
                                             gint64              min,
                                             gint64              max,
                                             gint64             *out_value,
                                             GString            *path,
                                             GError            **error);
G_GNUC_INTERNAL
gboolean    _chq_json_read_number           (JsonNode           *node,
                                             const ChqJsonField *field,
                                             double             *out_value,
                                             GString            *path,
                                             GError            **error);
G_GNUC_INTERNAL
gboolean    _chq_json_read_model_node       (GObject            *object,
                                             JsonNode           *node,
                                             const ChqJsonModel *model,
                                             GString            *path,
                                             GError            **error);
G_GNUC_INTERNAL
void        _chq_json_write_members         (GObject            *object,
                                             ChqJsonWriter      *writer,
                                             const ChqJsonField *fields);
/* The object of @object, as @model says. */
G_GNUC_INTERNAL
void        _chq_json_write_model           (GObject            *object,
                                             const ChqJsonModel *model,
                                             ChqJsonWriter      *writer);

/* The tables (chq-json-fields.c), and reading and writing a model by its type. */
G_GNUC_INTERNAL
const ChqJsonModel *_chq_json_model_for_type (GType type);
G_GNUC_INTERNAL
void        _chq_json_write_any_model       (GObject            *model,
                                             ChqJsonWriter      *writer);
G_GNUC_INTERNAL
GObject    *_chq_json_model_from_json_at    (GType               type,
                                             JsonNode           *node,
                                             GString            *path,
                                             GError            **error);
/* The editable members of a worker: the body of POST and PUT /v1/workers. */
G_GNUC_INTERNAL
extern const ChqJsonField _chq_json_worker_request_fields[];
/* attendance[] / days[]: a GArray of ChqAttendanceDay, at least @min_days. */
G_GNUC_INTERNAL
GArray     *_chq_json_read_attendance_days  (JsonNode           *node,
                                             guint               min_days,
                                             GString            *path,
                                             GError            **error);
G_GNUC_INTERNAL
void        _chq_json_write_attendance_days (GArray             *days,
                                             ChqJsonWriter      *writer);

G_END_DECLS
