/* chq-course-query.c: a catalogue search (text, filters, sort) and its result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-course-query"

#include "config.h"

#include <string.h>

#include "chq-course-query.h"

/* Enough for any real search; bounds the work a pasted novel can cause. */
#define MAX_WORDS 16
#define MAX_TEXT_BYTES 1024

G_DEFINE_BOXED_TYPE (ChqCourseQuery, chq_course_query,
                     chq_course_query_copy, chq_course_query_free)

/**
 * chq_course_query_new:
 *
 * Makes a query for the whole AI catalogue: no text, AI only, no other filter, sorted by
 * relevance.
 *
 * Returns: (transfer full): a new query
 */
ChqCourseQuery *
chq_course_query_new (void)
{
  ChqCourseQuery *self = g_new0 (ChqCourseQuery, 1);

  self->ai_only = TRUE;
  self->format = CHQ_COURSE_QUERY_ANY;
  self->voucher_type = CHQ_COURSE_QUERY_ANY;
  self->sort = CHQ_COURSE_SORT_RELEVANCE;

  return self;
}

/**
 * chq_course_query_copy:
 * @self: a query
 *
 * Returns: (transfer full): a deep copy of @self
 */
ChqCourseQuery *
chq_course_query_copy (const ChqCourseQuery *self)
{
  ChqCourseQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  copy->theme = g_strdup (self->theme);
  copy->language = g_strdup (self->language);
  copy->province = g_strdup (self->province);
  copy->today = self->today ? g_date_time_ref (self->today) : NULL;

  return copy;
}

/**
 * chq_course_query_free:
 * @self: (nullable): a query
 *
 * Frees @self and the strings it owns.
 */
void
chq_course_query_free (ChqCourseQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->theme);
  g_free (self->language);
  g_free (self->province);
  g_clear_pointer (&self->today, g_date_time_unref);
  g_free (self);
}

/**
 * chq_course_query_equal:
 * @a: a query
 * @b: a query
 *
 * Returns: whether @a and @b ask for the same thing
 */
gboolean
chq_course_query_equal (const ChqCourseQuery *a,
                        const ChqCourseQuery *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->text, b->text) == 0 &&
         !a->ai_only == !b->ai_only &&
         g_strcmp0 (a->theme, b->theme) == 0 &&
         a->format == b->format &&
         g_strcmp0 (a->language, b->language) == 0 &&
         g_strcmp0 (a->province, b->province) == 0 &&
         a->voucher_type == b->voucher_type &&
         a->max_hours == b->max_hours &&
         a->within_weeks == b->within_weeks &&
         a->sort == b->sort &&
         ((a->today == NULL && b->today == NULL) ||
          (a->today != NULL && b->today != NULL && g_date_time_equal (a->today, b->today)));
}

static void
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/**
 * chq_course_query_set_text:
 * @self: a query
 * @text: (nullable): the words typed
 *
 * Sets the search text (an empty string means no text).
 */
void
chq_course_query_set_text (ChqCourseQuery *self,
                           const char     *text)
{
  g_return_if_fail (self != NULL);
  set_string (&self->text, text);
}

/**
 * chq_course_query_set_theme:
 * @self: a query
 * @theme: (nullable): an API theme word, or %NULL for any
 */
void
chq_course_query_set_theme (ChqCourseQuery *self,
                            const char     *theme)
{
  g_return_if_fail (self != NULL);
  set_string (&self->theme, theme);
}

/**
 * chq_course_query_set_language:
 * @self: a query
 * @language: (nullable): an ISO 639-1 code, or %NULL for any
 */
void
chq_course_query_set_language (ChqCourseQuery *self,
                               const char     *language)
{
  g_return_if_fail (self != NULL);
  set_string (&self->language, language);
}

/**
 * chq_course_query_set_province:
 * @self: a query
 * @province: (nullable): a province word, or %NULL for any
 */
void
chq_course_query_set_province (ChqCourseQuery *self,
                               const char     *province)
{
  g_return_if_fail (self != NULL);
  set_string (&self->province, province);
}

/**
 * chq_course_query_set_today:
 * @self: a query
 * @today: (nullable): the moment "upcoming" is measured from, %NULL for now
 */
void
chq_course_query_set_today (ChqCourseQuery *self,
                            GDateTime      *today)
{
  g_return_if_fail (self != NULL);
  if (today != NULL)
    g_date_time_ref (today);
  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = today;
}

/* A character the unicode61 tokenizer keeps inside a token (letters, digits, marks);
 * everything else separates tokens and cannot be searched for. */
static gboolean
is_token_char (gunichar c)
{
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return TRUE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_PRIVATE_USE:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * chq_course_query_build_match:
 * @text: (nullable): what the user typed, any text at all
 *
 * Turns typed text into an FTS5 MATCH expression that cannot be misread: the text is cut
 * into words at every character FTS5 does not index (quotes, `*`, `-`, parentheses,
 * punctuation, spaces), each word becomes a quoted string (a `"` doubled, though none can
 * remain) made a prefix, and the words are ANDed: `l'intelli` gives `"l"* "intelli"*`.
 * Operators typed as words (`OR`, `NEAR`) are thus plain words. Invalid UTF-8 is repaired
 * first; at most 16 words from the first KiB are used.
 *
 * Returns: (transfer full) (nullable): the expression, or %NULL when nothing is searchable
 */
char *
chq_course_query_build_match (const char *text)
{
  g_autoptr(GString) match = NULL;
  g_autoptr(GString) word = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *composed = NULL;
  guint n_words = 0;
  gsize len;

  if (text == NULL)
    return NULL;

  len = strnlen (text, MAX_TEXT_BYTES);
  valid = g_utf8_make_valid (text, len);
  composed = g_utf8_normalize (valid, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (composed == NULL)
    return NULL;

  match = g_string_new (NULL);
  word = g_string_new (NULL);

  for (const char *p = composed; n_words < MAX_WORDS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && is_token_char (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          if (match->len > 0)
            g_string_append_c (match, ' ');
          g_string_append_c (match, '"');
          for (const char *w = word->str; *w; w++)
            {
              if (*w == '"')
                g_string_append_c (match, '"');
              g_string_append_c (match, *w);
            }
          g_string_append (match, "\"*");
          g_string_truncate (word, 0);
          n_words++;
        }

      if (c == 0)
        break;
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

struct _ChqCourseResult
{
  gatomicrefcount  ref_count;
  GArray          *rowids;          /* owned, gint64 */
  guint            n_text_matches;
  gboolean         ranked;
};

G_DEFINE_BOXED_TYPE (ChqCourseResult, chq_course_result,
                     chq_course_result_ref, chq_course_result_unref)

/**
 * chq_course_result_new:
 * @rowids: (transfer none): the matching store row ids (gint64), in order
 * @n_text_matches: how many courses matched the text before the filters
 * @ranked: whether the order is relevance
 *
 * Returns: (transfer full): a new result holding a reference on @rowids
 */
ChqCourseResult *
chq_course_result_new (GArray   *rowids,
                       guint     n_text_matches,
                       gboolean  ranked)
{
  ChqCourseResult *self;

  g_return_val_if_fail (rowids != NULL, NULL);
  g_return_val_if_fail (g_array_get_element_size (rowids) == sizeof (gint64), NULL);

  self = g_new0 (ChqCourseResult, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->rowids = g_array_ref (rowids);
  self->n_text_matches = n_text_matches;
  self->ranked = !!ranked;

  return self;
}

/**
 * chq_course_result_ref:
 * @self: a result
 *
 * Returns: (transfer full): @self
 */
ChqCourseResult *
chq_course_result_ref (ChqCourseResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * chq_course_result_unref:
 * @self: (transfer full): a result
 */
void
chq_course_result_unref (ChqCourseResult *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->rowids);
      g_free (self);
    }
}

/**
 * chq_course_result_get_n_items:
 * @self: a result
 *
 * Returns: how many courses the result holds
 */
guint
chq_course_result_get_n_items (ChqCourseResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rowids->len;
}

/**
 * chq_course_result_get_rowid:
 * @self: a result
 * @position: an index below chq_course_result_get_n_items()
 *
 * Returns: the store row id at @position, or 0 when out of range
 */
gint64
chq_course_result_get_rowid (ChqCourseResult *self,
                             guint            position)
{
  g_return_val_if_fail (self != NULL, 0);
  if (position >= self->rowids->len)
    return 0;
  return g_array_index (self->rowids, gint64, position);
}

/**
 * chq_course_result_get_n_text_matches:
 * @self: a result
 *
 * Returns: how many courses matched the text before the filters (0 without text)
 */
guint
chq_course_result_get_n_text_matches (ChqCourseResult *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_text_matches;
}

/**
 * chq_course_result_get_ranked:
 * @self: a result
 *
 * Returns: whether the order is relevance rather than the cheap fallback
 */
gboolean
chq_course_result_get_ranked (ChqCourseResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->ranked;
}
