/* chq-store-query.c: ChqStore's catalogue search over its index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chq-clock.h"
#include "chq-db.h"
#include "chq-store-private.h"

/* Rank by relevance when the text matches at most this many courses. */
#define RANK_LIMIT 2000

/* What a query asks, resolved against one index. */
typedef struct {
  gboolean ai_only;
  int      theme;        /* word id, -1 any, -2 nothing can match */
  int      language;
  int      province;
  int      format;
  int      voucher_type;
  guint    max_hours;
  gint64   day;          /* unix time of the start of "today": sessions from then count */
  gint64   within_end;   /* 0 = no window */
} Plan;

static int
resolve_word (CourseIndex *index,
              char         kind,
              const char  *word)
{
  int id;

  if (word == NULL || *word == '\0')
    return -1;
  id = _chq_course_index_word_id (index, kind, word, FALSE);
  return id < 0 ? -2 : id;
}

static gboolean
has_word (CourseIndex *index,
          guint32      off,
          guint8       n,
          int          id)
{
  const guint16 *tags = &g_array_index (index->tags, guint16, off);

  for (guint i = 0; i < n; i++)
    if (tags[i] == id)
      return TRUE;
  return FALSE;
}


static gboolean
entry_matches (CourseIndex      *index,
               const IndexEntry *entry,
               const Plan       *plan)
{
  if (plan->ai_only && !entry->ai)
    return FALSE;
  if (plan->format >= 0 && entry->format != plan->format)
    return FALSE;
  if (plan->voucher_type >= 0 && entry->voucher_type != plan->voucher_type)
    return FALSE;
  if (plan->max_hours > 0 && entry->hours > plan->max_hours)
    return FALSE;
  if (plan->theme != -1 &&
      (plan->theme < 0 || !has_word (index, entry->themes_off, entry->n_themes, plan->theme)))
    return FALSE;
  if (plan->language != -1 &&
      (plan->language < 0 ||
       !has_word (index, entry->languages_off, entry->n_languages, plan->language)))
    return FALSE;
  if (plan->province != -1 &&
      (plan->province < 0 ||
       !has_word (index, entry->provinces_off, entry->n_provinces, plan->province)))
    return FALSE;
  if (plan->within_end != 0 &&
      _chq_course_index_next_start (index, entry, plan->day) >= plan->within_end)
    return FALSE;

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **)a, *(char **)b);
}

/* Runs MATCH; fills rids in rowid order. */
static gboolean
run_match (sqlite3     *db,
           const char  *match,
           GArray      *rids,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = chq_db_prepare (db, "SELECT rowid FROM courses_fts WHERE courses_fts MATCH ?1", error);
  if (stmt == NULL)
    return FALSE;

  chq_db_bind_text (stmt, 1, match);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rids, rid);
    }
  if (rc != SQLITE_DONE)
    return chq_db_set_error (error, db, rc, _("Could not use the database"));

  return TRUE;
}

/* The folded words of a MATCH expression (its quoted tokens). */
static GStrv
match_tokens (const char *match)
{
  g_auto(GStrv) pieces = g_strsplit (match, "\"", -1);
  GPtrArray *tokens = g_ptr_array_new ();

  /* "a"* "b"* splits into "", a, * , b, *: the tokens are the odd pieces. */
  for (guint i = 1; pieces[i] != NULL; i += 2)
    if (*pieces[i] != '\0')
      g_ptr_array_add (tokens, _chq_store_fold_for_sort (pieces[i]));
  g_ptr_array_add (tokens, NULL);

  return (GStrv)g_ptr_array_free (tokens, FALSE);
}

/* Whether a word of the folded text starts with the folded token. strstr jumps from one
 * occurrence to the next (overlapping ones too); only those at the start of a word count. */
static gboolean
has_word_prefix (const char *text,
                 const char *token)
{
  /* A token of combining marks only folds to nothing: it prefixes any word. */
  if (*token == '\0')
    return *text != '\0';

  for (const char *p = text; (p = strstr (p, token)) != NULL; p++)
    {
      guchar before = p == text ? ' ' : (guchar)p[-1];

      if (before < 0x80 && !g_ascii_isalnum (before))
        return TRUE;
    }

  return FALSE;
}

/* A cheap relevance: where the typed words are found, weighted like a human would (the
 * title says what a course is). bm25 would cost more than the search itself: its IDF
 * reads every row holding each word (all 20,000 "intelligence" courses). */
static gint64
relevance (CourseIndex      *index,
           const IndexEntry *entry,
           const char * const *tokens)
{
  const char *text = (const char *)index->text->data;
  guint in_title = 0;
  gint64 score = 0;
  guint n = 0;

  for (; tokens[n] != NULL; n++)
    {
      if (has_word_prefix (text + entry->title_off, tokens[n]))
        {
          score += 10;
          in_title++;
        }
      if (has_word_prefix (text + entry->provider_off, tokens[n]))
        score += 4;
      if (has_word_prefix (text + entry->cities_off, tokens[n]))
        score += 2;
    }
  if (n > 0 && in_title == n)
    score += 1000;

  return score;
}

typedef struct {
  gint64 score;
  gint64 rid;
} ScoredRow;

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  gint64 sa = ((const ScoredRow *)a)->score;
  gint64 sb = ((const ScoredRow *)b)->score;

  return sa > sb ? -1 : sa < sb;
}

/* The marked courses that pass the plan, best first, ties by next session then title:
 * the next-session order (order) walked, then sorted by score only, stably (a counting
 * sort: scores are small). Appends their rids to rowids. */
static void
rank_matches (CourseIndex         *index,
              GArray              *order,
              const guint8        *marks,
              const Plan          *plan,
              const char * const  *tokens,
              GArray              *rowids)
{
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (ScoredRow));
  g_autofree guint *starts = NULL;
  gint64 max_score = 0;
  guint base;

  for (guint i = 0; i < order->len; i++)
    {
      guint32 position = g_array_index (order, guint32, i);
      const IndexEntry *entry;
      ScoredRow row;

      if (!marks[position])
        continue;
      entry = &g_array_index (index->entries, IndexEntry, position);
      if (!entry_matches (index, entry, plan))
        continue;
      row.score = relevance (index, entry, tokens);
      row.rid = entry->rid;
      max_score = MAX (max_score, row.score);
      g_array_append_val (scored, row);
    }

  if (max_score > 65536)
    {
      /* Only with thousands of typed words; g_array_sort() is stable too. */
      g_array_sort (scored, compare_scores);
      for (guint i = 0; i < scored->len; i++)
        g_array_append_val (rowids, g_array_index (scored, ScoredRow, i).rid);
      return;
    }

  /* starts[max_score - score]: where the rows of that score go, best first. */
  starts = g_new0 (guint, max_score + 2);
  for (guint i = 0; i < scored->len; i++)
    starts[max_score - g_array_index (scored, ScoredRow, i).score + 1]++;
  for (gint64 k = 1; k <= max_score + 1; k++)
    starts[k] += starts[k - 1];

  base = rowids->len;
  g_array_set_size (rowids, base + scored->len);
  for (guint i = 0; i < scored->len; i++)
    {
      const ScoredRow *row = &g_array_index (scored, ScoredRow, i);

      g_array_index (rowids, gint64, base + starts[max_score - row->score]++) = row->rid;
    }
}

static ChqCourseResult *
run_query (ChqStore             *self,
           sqlite3              *db,
           const ChqCourseQuery *query,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autoptr(CourseIndex) index = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) now = NULL;
  g_autofree guint8 *marks = NULL;
  g_autofree char *match = chq_course_query_build_match (query->text);
  gboolean ranked = FALSE;
  guint n_text_matches = 0;
  Plan plan;

  if ((index = _chq_store_get_index (self, db, error)) == NULL)
    return NULL;

  now = query->today ? g_date_time_ref (query->today) : chq_clock_now_local ();
  plan.ai_only = query->ai_only;
  plan.theme = resolve_word (index, 't', query->theme);
  plan.language = resolve_word (index, 'l', query->language);
  plan.province = resolve_word (index, 'p', query->province);
  plan.format = query->format;
  plan.voucher_type = query->voucher_type;
  plan.max_hours = query->max_hours;
  plan.day = _chq_store_start_of_day (now);
  plan.within_end = query->within_weeks > 0 ?
                    plan.day + (gint64)query->within_weeks * 7 * 24 * 3600 : 0;

  if (match != NULL)
    {
      matches = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (!run_match (db, match, matches, error))
        return NULL;
      n_text_matches = matches->len;

      marks = g_new0 (guint8, MAX (index->entries->len, 1));
      for (guint i = 0; i < matches->len; i++)
        {
          guint position;

          if (_chq_course_index_lookup (index, g_array_index (matches, gint64, i),
                                        &position) != NULL)
            marks[position] = 1;
        }

      /* Ranking every match of a short prefix says little and costs: rank small sets
       * only; else the cheap order. */
      if (query->sort == CHQ_COURSE_SORT_RELEVANCE && matches->len <= RANK_LIMIT)
        {
          g_auto(GStrv) tokens = match_tokens (match);

          order = _chq_course_index_get_order (index, CHQ_COURSE_SORT_NEXT_SESSION, plan.day);
          rank_matches (index, order, marks, &plan, (const char * const *)tokens, rowids);

          return chq_course_result_new (rowids, n_text_matches, TRUE);
        }
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Walk every course in the sort order, keeping the marked ones that pass the filters:
   * linear, no sort per keystroke. */
  order = _chq_course_index_get_order (index, query->sort, plan.day);
  for (guint i = 0; i < order->len; i++)
    {
      guint32 position = g_array_index (order, guint32, i);
      const IndexEntry *entry;

      if (marks != NULL && !marks[position])
        continue;
      entry = &g_array_index (index->entries, IndexEntry, position);
      if (entry_matches (index, entry, &plan))
        g_array_append_val (rowids, entry->rid);
    }

  return chq_course_result_new (rowids, n_text_matches, ranked);
}

/**
 * chq_store_query_courses:
 * @self: a store
 * @query: what to look for
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Runs a catalogue search on a read connection of its own (any thread but, at 50,000
 * courses, not the main one: use chq_store_query_courses_async() there). Any typed text
 * is safe (see chq_course_query_build_match()). The first search after a course write
 * builds the search index and then saves it in the cache, so the next start loads it.
 *
 * Returns: (transfer full) (nullable): the matching courses in order
 */
ChqCourseResult *
_chq_store_query_courses (ChqStore             *self,
                          const ChqCourseQuery *query,
                          GCancellable         *cancellable,
                          GError              **error)
{
  ChqCourseResult *result = NULL;
  sqlite3 *db;

  if ((db = _chq_store_reader_take (self, error)) == NULL)
    return NULL;

  /* One read transaction: the index and the FTS answer see the same data. */
  if (chq_db_exec (db, "BEGIN", error))
    result = run_query (self, db, query, cancellable, error);
  _chq_store_reader_give (self, db, error);

  return result;
}

ChqCourseResult *
chq_store_query_courses (ChqStore             *self,
                         const ChqCourseQuery *query,
                         GCancellable         *cancellable,
                         GError              **error)
{
  ChqCourseResult *result;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  result = _chq_store_query_courses (self, query, cancellable, error);
  _chq_store_save_built_index (self);

  return result;
}

/* The distinct words of one kind ('t' themes, 'l' languages, 'p' provinces) of the
 * current courses, from the search index (built if stale), so the choices are exactly
 * what the filters can match. */
static GStrv
list_words (ChqStore *self,
            char      kind)
{
  g_autoptr(CourseIndex) index = NULL;
  GPtrArray *words = g_ptr_array_new ();
  sqlite3 *db;

  if ((db = _chq_store_reader_take (self, NULL)) != NULL)
    {
      if (chq_db_exec (db, "BEGIN", NULL))
        index = _chq_store_get_index (self, db, NULL);
      _chq_store_reader_give (self, db, NULL);
    }
  _chq_store_save_built_index (self);

  if (index != NULL)
    {
      GHashTableIter iter;
      const char *key;

      g_hash_table_iter_init (&iter, index->words);
      while (g_hash_table_iter_next (&iter, (gpointer *)&key, NULL))
        if (key[0] == kind && key[1] == ':')
          g_ptr_array_add (words, g_strdup (key + 2));
    }
  g_ptr_array_sort (words, compare_strings);
  g_ptr_array_add (words, NULL);

  return (GStrv)g_ptr_array_free (words, FALSE);
}

/**
 * chq_store_list_course_languages:
 * @self: a store
 *
 * Returns: (transfer full): the languages courses are given in, sorted
 */
GStrv
chq_store_list_course_languages (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return list_words (self, 'l');
}

/**
 * chq_store_list_course_provinces:
 * @self: a store
 *
 * Returns: (transfer full): the provinces courses are given in, sorted
 */
GStrv
chq_store_list_course_provinces (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return list_words (self, 'p');
}

/**
 * chq_store_list_course_themes:
 * @self: a store
 *
 * Returns: (transfer full): the theme words of the courses, sorted
 */
GStrv
chq_store_list_course_themes (ChqStore *self)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return list_words (self, 't');
}

