/* chq-course-query.h: a catalogue search (text, filters, sort) and its result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chq-types.h"

G_BEGIN_DECLS

typedef enum {
  CHQ_COURSE_SORT_RELEVANCE,     /* relevance when it pays, else next session */
  CHQ_COURSE_SORT_NEXT_SESSION,  /* soonest upcoming session first; none last */
  CHQ_COURSE_SORT_HOURS,         /* fewest hours first */
  CHQ_COURSE_SORT_TITLE,         /* alphabetical, accents and case ignored */
} ChqCourseSort;

/* "Any" for the enum filters. */
#define CHQ_COURSE_QUERY_ANY (-1)

#define CHQ_TYPE_COURSE_QUERY (chq_course_query_get_type ())

typedef struct _ChqCourseQuery ChqCourseQuery;

/* A plain struct: set the fields directly, or with the setters. */
struct _ChqCourseQuery
{
  char          *text;           /* owned, nullable: the words typed, any text at all */
  gboolean       ai_only;        /* TRUE by default */
  char          *theme;          /* owned, nullable: an API theme word, NULL = any */
  int            format;         /* ChqCourseFormat or CHQ_COURSE_QUERY_ANY */
  char          *language;       /* owned, nullable: ISO 639-1, NULL = any */
  char          *province;       /* owned, nullable: province word, NULL = any */
  int            voucher_type;   /* ChqVoucherType or CHQ_COURSE_QUERY_ANY */
  guint          max_hours;      /* 0 = any */
  guint          within_weeks;   /* 0 = any: a session starts within N weeks of today */
  ChqCourseSort  sort;
  GDateTime     *today;          /* owned, nullable: NULL = now (settable for tests) */
};

GType           chq_course_query_get_type     (void) G_GNUC_CONST;
ChqCourseQuery *chq_course_query_new          (void);
ChqCourseQuery *chq_course_query_copy         (const ChqCourseQuery *self);
void            chq_course_query_free         (ChqCourseQuery       *self);
gboolean        chq_course_query_equal        (const ChqCourseQuery *a,
                                               const ChqCourseQuery *b);
void            chq_course_query_set_text     (ChqCourseQuery       *self,
                                               const char           *text);
void            chq_course_query_set_theme    (ChqCourseQuery       *self,
                                               const char           *theme);
void            chq_course_query_set_language (ChqCourseQuery       *self,
                                               const char           *language);
void            chq_course_query_set_province (ChqCourseQuery       *self,
                                               const char           *province);
void            chq_course_query_set_today    (ChqCourseQuery       *self,
                                               GDateTime            *today);

/* The FTS5 MATCH expression for typed text: each word a quoted prefix token, ANDed;
 * NULL when the text holds no indexable word (then the query does not filter by text).
 * Pure; exposed for tests. */
char           *chq_course_query_build_match  (const char           *text);

/* The result of a query: the matching courses, in order, as store row ids. */
#define CHQ_TYPE_COURSE_RESULT (chq_course_result_get_type ())

typedef struct _ChqCourseResult ChqCourseResult;

GType            chq_course_result_get_type    (void) G_GNUC_CONST;
ChqCourseResult *chq_course_result_new         (GArray          *rowids,
                                                guint            n_text_matches,
                                                gboolean         ranked);
ChqCourseResult *chq_course_result_ref         (ChqCourseResult *self);
void             chq_course_result_unref       (ChqCourseResult *self);
guint            chq_course_result_get_n_items (ChqCourseResult *self);
gint64           chq_course_result_get_rowid   (ChqCourseResult *self,
                                                guint            position);
/* How many courses matched the text before the filters (0 without text). */
guint            chq_course_result_get_n_text_matches (ChqCourseResult *self);
/* Whether the order is relevance (else the cheap fallback order: next session). */
gboolean         chq_course_result_get_ranked  (ChqCourseResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqCourseQuery, chq_course_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqCourseResult, chq_course_result_unref)

G_END_DECLS
