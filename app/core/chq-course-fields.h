/* chq-course-fields.h: the fields of a course the cache files, read from its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "chq-types.h"

G_BEGIN_DECLS

/* What the local cache files and searches of a course (docs/api.md, Course), read from the
 * course's JSON as the service sent it without building a ChqCourse. Lenient where the
 * codec is strict: a member of the wrong type reads as absent, so that one odd member does
 * not keep a course out of the catalogue. Strings and arrays are borrowed from the node. */
typedef struct {
  const char      *id;             /* never NULL nor empty once read */
  const char      *title;          /* never NULL once read */
  const char      *summary;        /* nullable */
  const char      *provider_name;  /* nullable */
  const char      *updated_at;     /* nullable */
  ChqVoucherType   voucher_type;
  ChqCourseFormat  format;
  gint64           hours;          /* 0 when absent or not a number */
  gint64           price_cents;
  gboolean         ai;             /* FALSE unless a JSON true */
  JsonArray       *languages;      /* nullable: words, see chq_course_fields_join_words() */
  JsonArray       *themes;         /* nullable: words */
  guint            n_locations;    /* see chq_course_fields_get_location() */
  guint            n_sessions;     /* see chq_course_fields_get_session() */

  /*< private >*/
  JsonArray       *locations;
  JsonArray       *sessions;
} ChqCourseFields;

/* FALSE when @node is not a course the cache can file: not an object, no id, no title, or
 * an unknown voucher type or format. */
gboolean    chq_course_fields_read         (JsonNode              *node,
                                            ChqCourseFields       *out);
/* The id of a course's JSON, or NULL. */
const char *chq_course_fields_peek_id      (JsonNode              *node);
/* Location i: its city and province, each NULL when absent. */
void        chq_course_fields_get_location (const ChqCourseFields *fields,
                                            guint                  i,
                                            const char           **out_city,
                                            const char           **out_province);
/* Session i: its start as unix time (0 when absent or not a date-time) and its city. */
gint64      chq_course_fields_get_session  (const ChqCourseFields *fields,
                                            guint                  i,
                                            const char           **out_city);
/* The strings of an array of words, space separated (words hold no space); "" for none. */
char       *chq_course_fields_join_words   (JsonArray             *words);

G_END_DECLS
