/* chq-store-private.h: what the parts of ChqStore share (chq-store*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "chq-store.h"

G_BEGIN_DECLS

typedef struct _CourseIndex CourseIndex;

struct _ChqStore
{
  GObject        parent_instance;

  char          *path;            /* owned */
  gboolean       rebuilt;
  GMainContext  *main_context;    /* owned: where "changed" is emitted */

  GMutex         write_lock;
  sqlite3       *write_db;        /* owned, used under write_lock */

  GMutex         pool_lock;
  GPtrArray     *readers;         /* owned: idle read connections */

  sqlite3       *main_db;         /* owned, main thread only (row lookups) */
  sqlite3_stmt  *row_stmt;        /* owned */
  sqlite3_stmt  *next_stmt;       /* owned */

  GMutex         index_lock;
  CourseIndex   *index;           /* owned, under index_lock */
  CourseIndex   *unsaved;         /* owned, under index_lock: built, not saved yet */
  GMutex         build_lock;      /* held while an index is built */
};

/* One course as the staging table takes it: what the writer binds, computed before. */
typedef struct {
  char    *id;             /* owned */
  char    *json;           /* owned, nullable: generated when the page's text is not used */
  const char *json_text;   /* the course's JSON text: json, or a span of the page's text */
  gsize    json_len;       /* its length in bytes */
  char    *title;          /* owned */
  char    *title_key;      /* owned */
  char    *summary;        /* owned */
  char    *provider_name;  /* owned */
  char    *cities;         /* owned */
  char    *provinces;      /* owned */
  char    *languages;      /* owned */
  char    *themes;         /* owned */
  char    *updated_at;     /* owned, nullable */
  gint64   hours;
  gint64   price_cents;
  gint64   first_start;    /* G_MAXINT64: none */
  int      voucher_type;
  int      ai;
  int      format;
} StagedCourse;

/* One session of a course's last copy in the page. */
typedef struct {
  guint    course;         /* index in the courses */
  gint64   starts_at;
  char    *city;           /* owned, nullable */
} StagedSession;

struct _ChqStagedCourses
{
  GArray *courses;         /* owned, of StagedCourse, in page order */
  GArray *sessions;        /* owned, of StagedSession */
  GBytes *text;            /* owned, nullable: the page's text, which the courses' JSON
                            * texts are spans of */
};


/* chq-store.c: connections, errors, state */
gboolean     _chq_store_set_invalid_error        (GError      **error);
sqlite3     *_chq_store_open_connection          (const char   *path,
                                                  GError      **error);
sqlite3     *_chq_store_reader_take              (ChqStore     *self,
                                                  GError      **error);
void         _chq_store_reader_give              (ChqStore     *self,
                                                  sqlite3      *db,
                                                  GError      **error);
gboolean     _chq_store_write_begin              (ChqStore     *self,
                                                  GError      **error);
gboolean     _chq_store_write_end                (ChqStore     *self,
                                                  gboolean      ok,
                                                  GError      **error);
void         _chq_store_queue_changed            (ChqStore     *self,
                                                  const char   *collection);
gboolean     _chq_store_set_state_value          (sqlite3      *db,
                                                  const char   *key,
                                                  const char   *value,
                                                  GError      **error);
gboolean     _chq_store_bump_courses_generation  (sqlite3      *db,
                                                  GError      **error);
char        *_chq_store_read_text                (ChqStore     *self,
                                                  const char   *sql,
                                                  const char   *arg,
                                                  GError      **error);
char        *_chq_store_fold_for_sort            (const char   *text);
JsonNode    *_chq_store_node_from_text           (const char   *text,
                                                  GError      **error);
GObject     *_chq_store_object_from_text         (const char   *text,
                                                  GType         type,
                                                  GError      **error);

/* chq-store-index.c: the in-memory search index */
typedef struct {
  gint64  rid;
  guint32 title_rank;
  guint32 hours;
  guint32 themes_off;     /* into tags; courses with the same list share it */
  guint32 languages_off;
  guint32 provinces_off;
  guint32 starts_off;     /* into starts, ascending */
  guint32 title_off;      /* into text: folded title, provider and cities, for ranking */
  guint32 provider_off;
  guint32 cities_off;
  guint16 n_starts;
  guint8  n_themes;
  guint8  n_languages;
  guint8  n_provinces;
  guint8  voucher_type;
  guint8  format;
  guint8  ai;
} IndexEntry;

struct _CourseIndex
{
  gatomicrefcount  ref_count;
  gint64           generation;
  GArray          *entries;         /* IndexEntry, by rid */
  gint32          *by_rid;          /* owned, nullable: rid -> entry position, -1 */
  gint64           max_rid;
  GArray          *tags;            /* guint16 word ids */
  GArray          *starts;          /* gint64 unix times */
  GHashTable      *words;           /* "t:word", "l:word", "p:word" -> id + 1 */
  GByteArray      *text;            /* NUL-terminated folded texts */

  /* Entry positions in each sort order, made on first use (the next-session order for
   * one day). Under orders_lock; handed out as references. */
  GMutex           orders_lock;
  GArray          *title_order;     /* guint32 */
  GArray          *hours_order;
  GArray          *next_order;
  gint64           next_order_day;
};

void         _chq_course_index_unref             (CourseIndex  *index);
int          _chq_course_index_word_id           (CourseIndex  *index,
                                                  char          kind,
                                                  const char   *word,
                                                  gboolean      add);
const IndexEntry *_chq_course_index_lookup       (CourseIndex  *index,
                                                  gint64        rid,
                                                  guint        *out_position);
gint64       _chq_course_index_next_start        (CourseIndex      *index,
                                                  const IndexEntry *entry,
                                                  gint64            day);
GArray      *_chq_course_index_get_order         (CourseIndex   *index,
                                                  ChqCourseSort  sort,
                                                  gint64         day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CourseIndex, _chq_course_index_unref)
CourseIndex *_chq_store_get_index                (ChqStore     *self,
                                                  sqlite3      *db,
                                                  GError      **error);
void         _chq_store_save_built_index         (ChqStore     *self);
gint64       _chq_store_start_of_day             (GDateTime    *when);

/* chq-store-query.c: chq_store_query_courses() without saving an index it built (the
 * async read saves it once the answer is on its way) */
ChqCourseResult *_chq_store_query_courses        (ChqStore             *self,
                                                  const ChqCourseQuery *query,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

G_END_DECLS
