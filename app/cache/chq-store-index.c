/* chq-store-index.c: ChqStore's in-memory search index of the courses: built, saved, loaded
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

/* ------------------------------------------------------------------------- search index */

static CourseIndex *
course_index_ref (CourseIndex *index)
{
  g_atomic_ref_count_inc (&index->ref_count);
  return index;
}

void
_chq_course_index_unref (CourseIndex *index)
{
  if (g_atomic_ref_count_dec (&index->ref_count))
    {
      g_array_unref (index->entries);
      g_free (index->by_rid);
      g_array_unref (index->tags);
      g_array_unref (index->starts);
      g_hash_table_unref (index->words);
      g_byte_array_unref (index->text);
      g_clear_pointer (&index->title_order, g_array_unref);
      g_clear_pointer (&index->hours_order, g_array_unref);
      g_clear_pointer (&index->next_order, g_array_unref);
      g_mutex_clear (&index->orders_lock);
      g_free (index);
    }
}

/* The id of a word of one kind ('t', 'l', 'p'); -1 when unknown and !add. */
int
_chq_course_index_word_id (CourseIndex *index,
                           char         kind,
                           const char  *word,
                           gboolean     add)
{
  g_autofree char *key = g_strdup_printf ("%c:%s", kind, word);
  gpointer value = g_hash_table_lookup (index->words, key);

  if (value != NULL)
    return GPOINTER_TO_INT (value) - 1;
  if (!add || g_hash_table_size (index->words) >= G_MAXUINT16)
    return -1;

  g_hash_table_insert (index->words, g_steal_pointer (&key),
                       GINT_TO_POINTER (g_hash_table_size (index->words) + 1));
  return (int)g_hash_table_size (index->words) - 1;
}

/* Files a word list ("fr nl") once; courses with the same list share it (lists repeat a
 * lot, so this keeps the build fast). combos: "<kind><list>" -> offset + 1, count. */
static guint8
add_words (CourseIndex *index,
           GHashTable  *combos,
           char         kind,
           const char  *text,
           guint32     *out_off)
{
  g_autofree char *combo = g_strdup_printf ("%c%s", kind, text ? text : "");
  g_auto(GStrv) split = NULL;
  gpointer known;
  guint8 n = 0;

  if ((known = g_hash_table_lookup (combos, combo)) != NULL)
    {
      guint64 packed = GPOINTER_TO_SIZE (known);

      *out_off = (guint32)(packed >> 8) - 1;
      return (guint8)(packed & 0xff);
    }

  *out_off = index->tags->len;
  split = g_strsplit (text ? text : "", " ", -1);
  for (guint i = 0; split[i] != NULL && n < G_MAXUINT8; i++)
    {
      int id = *split[i] ? _chq_course_index_word_id (index, kind, split[i], TRUE) : -1;
      guint16 value = (guint16)id;

      if (id < 0)
        continue;
      g_array_append_val (index->tags, value);
      n++;
    }

  g_hash_table_insert (combos, g_steal_pointer (&combo),
                       GSIZE_TO_POINTER (((gsize)(*out_off + 1) << 8) | n));
  return n;
}

/* Files a text in the pool; fold: casefold and strip accents first. Texts that repeat
 * (providers, cities) are filed once: shared maps the raw text to its offset + 1. */
static guint32
add_text (CourseIndex *index,
          GHashTable  *shared,
          const char  *text,
          gboolean     fold)
{
  g_autofree char *folded = NULL;
  gpointer known;
  guint32 off;

  if (text == NULL)
    text = "";
  if (shared != NULL && (known = g_hash_table_lookup (shared, text)) != NULL)
    return GPOINTER_TO_UINT (known) - 1;

  if (fold)
    text = folded = _chq_store_fold_for_sort (text);
  off = index->text->len;
  g_byte_array_append (index->text, (const guint8 *)text, strlen (text) + 1);

  if (shared != NULL)
    g_hash_table_insert (shared, g_strdup (text), GUINT_TO_POINTER (off + 1));

  return off;
}

static gint64
read_generation (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 generation = 0;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM sync_state WHERE key = 'courses_generation'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    generation = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return generation;
}

const IndexEntry *
_chq_course_index_lookup (CourseIndex *index,
                          gint64       rid,
                          guint       *out_position)
{
  guint lo = 0;
  guint hi = index->entries->len;

  if (index->by_rid != NULL)
    {
      gint32 position = rid >= 0 && rid <= index->max_rid ? index->by_rid[rid] : -1;

      if (position < 0)
        return NULL;
      *out_position = (guint)position;
      return &g_array_index (index->entries, IndexEntry, position);
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const IndexEntry *entry = &g_array_index (index->entries, IndexEntry, mid);

      if (entry->rid == rid)
        {
          *out_position = mid;
          return entry;
        }
      if (entry->rid < rid)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

static CourseIndex *
course_index_new (gint64 generation)
{
  CourseIndex *index = g_new0 (CourseIndex, 1);

  g_atomic_ref_count_init (&index->ref_count);
  g_mutex_init (&index->orders_lock);
  index->generation = generation;
  index->entries = g_array_new (FALSE, TRUE, sizeof (IndexEntry));
  index->tags = g_array_new (FALSE, FALSE, sizeof (guint16));
  index->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  index->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->text = g_byte_array_new ();

  return index;
}

/* The rid -> position map, for entries in ascending rid order: a direct map unless the
 * row ids are very sparse (then binary search). */
static void
index_map_rids (CourseIndex *index)
{
  const IndexEntry *first;

  index->max_rid = 0;
  if (index->entries->len == 0)
    return;

  first = &g_array_index (index->entries, IndexEntry, 0);
  index->max_rid = g_array_index (index->entries, IndexEntry, index->entries->len - 1).rid;
  if (first->rid >= 0 && index->max_rid < G_MAXINT32 &&
      index->max_rid <= 8 * (gint64)index->entries->len + 65536)
    {
      index->by_rid = g_new (gint32, index->max_rid + 1);
      memset (index->by_rid, 0xff, sizeof (gint32) * (index->max_rid + 1));
      for (guint i = 0; i < index->entries->len; i++)
        index->by_rid[g_array_index (index->entries, IndexEntry, i).rid] = (gint32)i;
    }
}

/* Called inside a read transaction, so the index matches what the FTS query sees. */
static CourseIndex *
course_index_build (sqlite3  *db,
                    gint64    generation,
                    GError  **error)
{
  g_autoptr(CourseIndex) index = course_index_new (generation);
  g_autoptr(GHashTable) combos = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        g_free, NULL);
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                       g_free, NULL);
  g_autoptr(sqlite3_stmt) courses = NULL;
  g_autoptr(sqlite3_stmt) titles = NULL;
  g_autoptr(sqlite3_stmt) sessions = NULL;
  guint32 rank = 0;
  guint next = 0;
  int rc;

  courses = chq_db_prepare (db,
                            "SELECT rid, hours, voucher_type, format, ai, themes, languages, "
                            "  provinces, title_key, provider_name, cities "
                            "FROM courses ORDER BY rid", error);
  if (courses == NULL)
    return NULL;

  while ((rc = sqlite3_step (courses)) == SQLITE_ROW)
    {
      IndexEntry entry;

      /* The padding too: the entries are saved as they are (course_index_serialize). */
      memset (&entry, 0, sizeof entry);
      entry.rid = sqlite3_column_int64 (courses, 0);
      entry.hours = (guint32)CLAMP (sqlite3_column_int64 (courses, 1), 0, G_MAXUINT32);
      entry.voucher_type = (guint8)sqlite3_column_int (courses, 2);
      entry.format = (guint8)sqlite3_column_int (courses, 3);
      entry.ai = sqlite3_column_int (courses, 4) != 0;
      entry.n_themes = add_words (index, combos, 't',
                                  (const char *)sqlite3_column_text (courses, 5),
                                  &entry.themes_off);
      entry.n_languages = add_words (index, combos, 'l',
                                     (const char *)sqlite3_column_text (courses, 6),
                                     &entry.languages_off);
      entry.n_provinces = add_words (index, combos, 'p',
                                     (const char *)sqlite3_column_text (courses, 7),
                                     &entry.provinces_off);
      /* title_key is folded already */
      entry.title_off = add_text (index, NULL,
                                  (const char *)sqlite3_column_text (courses, 8), FALSE);
      entry.provider_off = add_text (index, texts,
                                     (const char *)sqlite3_column_text (courses, 9), TRUE);
      entry.cities_off = add_text (index, texts,
                                   (const char *)sqlite3_column_text (courses, 10), TRUE);
      g_array_append_val (index->entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      chq_db_set_error (error, db, rc, _("Could not use the database"));
      return NULL;
    }

  index_map_rids (index);

  /* The title order comes from the (covering) index on title_key. */
  titles = chq_db_prepare (db, "SELECT rid FROM courses ORDER BY title_key, rid", error);
  if (titles == NULL)
    return NULL;
  while ((rc = sqlite3_step (titles)) == SQLITE_ROW)
    {
      guint position;

      if (_chq_course_index_lookup (index, sqlite3_column_int64 (titles, 0), &position) != NULL)
        g_array_index (index->entries, IndexEntry, position).title_rank = rank++;
    }
  if (rc != SQLITE_DONE)
    {
      chq_db_set_error (error, db, rc, _("Could not use the database"));
      return NULL;
    }

  sessions = chq_db_prepare (db,
                             "SELECT course_rid, starts_at FROM course_sessions "
                             "ORDER BY course_rid, starts_at", error);
  if (sessions == NULL)
    return NULL;

  /* Both lists are in rid order: merge them. */
  while ((rc = sqlite3_step (sessions)) == SQLITE_ROW)
    {
      gint64 rid = sqlite3_column_int64 (sessions, 0);
      gint64 start = sqlite3_column_int64 (sessions, 1);
      IndexEntry *entry;

      while (next < index->entries->len &&
             g_array_index (index->entries, IndexEntry, next).rid < rid)
        next++;
      if (next >= index->entries->len)
        break;
      entry = &g_array_index (index->entries, IndexEntry, next);
      if (entry->rid != rid || entry->n_starts == G_MAXUINT16)
        continue;
      if (entry->n_starts == 0)
        entry->starts_off = index->starts->len;
      g_array_append_val (index->starts, start);
      entry->n_starts++;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      chq_db_set_error (error, db, rc, _("Could not use the database"));
      return NULL;
    }

  return g_steal_pointer (&index);
}

/* The index is saved in the cache (table course_index, one row) with the courses generation
 * it was built from, so that a start loads it in one piece instead of reading, folding and
 * sorting every row again. Every course write bumps the generation (Clear cache too), so
 * a saved index of another generation is never used; one that does not read back whole
 * (size, checksum, bounds) is ignored and the index built again. The blob: a header, then
 * the entries, the session starts, the sort orders made so far, the tags, the words (their
 * keys, NUL-terminated, in id order) and the texts, each as the arrays hold them: the
 * cache never leaves this machine, and the byte order and entry size are checked. */
#define SAVED_INDEX_MAGIC "CHQINDEX"
#define SAVED_INDEX_FORMAT 1
#define SAVED_INDEX_BYTE_ORDER 0x01020304u

enum {
  SAVED_TITLE_ORDER = 1 << 0,
  SAVED_HOURS_ORDER = 1 << 1,
  SAVED_NEXT_ORDER  = 1 << 2,
};

typedef struct {
  char    magic[8];
  guint32 format;
  guint32 byte_order;
  guint32 entry_size;
  guint32 n_entries;
  guint32 n_starts;
  guint32 n_tags;
  guint32 n_words;
  guint32 words_len;
  guint32 text_len;
  guint32 orders;           /* SAVED_*_ORDER */
  gint64  generation;
  gint64  next_order_day;
  guint64 checksum;         /* of all that follows the header */
} SavedIndexHeader;

G_STATIC_ASSERT (sizeof (SavedIndexHeader) == 72);

/* Catches damage, not tampering: a 64-bit multiply-xor hash, a word at a time. */
static guint64
saved_index_checksum (const guint8 *data,
                      gsize         len)
{
  guint64 hash = 0x9e3779b97f4a7c15u;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, sizeof word);
      hash = (hash ^ word) * 0x100000001b3u;
      hash ^= hash >> 29;
    }
  for (; i < len; i++)
    hash = (hash ^ data[i]) * 0x100000001b3u;

  return hash ^ len;
}

static GBytes *
course_index_serialize (CourseIndex *index)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GArray *orders[3] = { NULL, NULL, NULL };
  SavedIndexHeader header;
  GHashTableIter iter;
  gpointer key, value;

  memset (&header, 0, sizeof header);
  memcpy (header.magic, SAVED_INDEX_MAGIC, sizeof header.magic);
  header.format = SAVED_INDEX_FORMAT;
  header.byte_order = SAVED_INDEX_BYTE_ORDER;
  header.entry_size = sizeof (IndexEntry);
  header.generation = index->generation;
  header.n_entries = index->entries->len;
  header.n_starts = index->starts->len;
  header.n_tags = index->tags->len;
  header.n_words = g_hash_table_size (index->words);
  header.text_len = index->text->len;

  g_mutex_lock (&index->orders_lock);
  if (index->title_order != NULL)
    orders[0] = g_array_ref (index->title_order);
  if (index->hours_order != NULL)
    orders[1] = g_array_ref (index->hours_order);
  if (index->next_order != NULL)
    orders[2] = g_array_ref (index->next_order);
  header.next_order_day = index->next_order_day;
  g_mutex_unlock (&index->orders_lock);

  g_ptr_array_set_size (keys, header.n_words);
  g_hash_table_iter_init (&iter, index->words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_index (keys, GPOINTER_TO_UINT (value) - 1) = key;
      header.words_len += strlen (key) + 1;
    }

  g_byte_array_append (data, (const guint8 *)&header, sizeof header);
  g_byte_array_append (data, (const guint8 *)index->entries->data,
                       index->entries->len * sizeof (IndexEntry));
  g_byte_array_append (data, (const guint8 *)index->starts->data,
                       index->starts->len * sizeof (gint64));
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if (orders[i] != NULL)
      {
        header.orders |= 1 << i;
        g_byte_array_append (data, (const guint8 *)orders[i]->data,
                             orders[i]->len * sizeof (guint32));
        g_array_unref (orders[i]);
      }
  g_byte_array_append (data, (const guint8 *)index->tags->data,
                       index->tags->len * sizeof (guint16));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *word = g_ptr_array_index (keys, i);

      g_byte_array_append (data, (const guint8 *)word, strlen (word) + 1);
    }
  g_byte_array_append (data, index->text->data, index->text->len);

  header.checksum = saved_index_checksum (data->data + sizeof header,
                                          data->len - sizeof header);
  memcpy (data->data, &header, sizeof header);

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Whether the texts at off hold a whole NUL-terminated string. */
static inline gboolean
text_offset_ok (CourseIndex *index,
                guint32      off)
{
  return off < index->text->len;
}

/* The index a blob holds, checked against everything a query relies on (sizes, checksum,
 * offsets and counts within their arrays, rids ascending, orders permutations), or NULL. */
static CourseIndex *
course_index_deserialize (const guint8 *data,
                          gsize         len,
                          gint64        generation)
{
  g_autoptr(CourseIndex) index = NULL;
  g_autofree guint8 *seen = NULL;
  SavedIndexHeader header;
  const guint8 *p;
  const guint8 *end;
  guint64 expected;
  guint n_orders = 0;

  if (data == NULL || len < sizeof header)
    return NULL;
  memcpy (&header, data, sizeof header);
  if (memcmp (header.magic, SAVED_INDEX_MAGIC, sizeof header.magic) != 0 ||
      header.format != SAVED_INDEX_FORMAT ||
      header.byte_order != SAVED_INDEX_BYTE_ORDER ||
      header.entry_size != sizeof (IndexEntry) ||
      header.generation != generation ||
      (header.orders & ~(guint32)(SAVED_TITLE_ORDER | SAVED_HOURS_ORDER | SAVED_NEXT_ORDER)) ||
      header.n_words > G_MAXUINT16 ||
      (header.n_entries > 0) != (header.text_len > 0))
    return NULL;

  for (guint i = 0; i < 3; i++)
    n_orders += (header.orders >> i) & 1;
  expected = (guint64)header.n_entries * sizeof (IndexEntry) +
             (guint64)header.n_starts * sizeof (gint64) +
             (guint64)n_orders * header.n_entries * sizeof (guint32) +
             (guint64)header.n_tags * sizeof (guint16) +
             header.words_len + (guint64)header.text_len;
  if (len - sizeof header != expected ||
      saved_index_checksum (data + sizeof header, len - sizeof header) != header.checksum)
    return NULL;

  index = course_index_new (generation);
  p = data + sizeof header;

  g_array_append_vals (index->entries, p, header.n_entries);
  p += (gsize)header.n_entries * sizeof (IndexEntry);
  g_array_append_vals (index->starts, p, header.n_starts);
  p += (gsize)header.n_starts * sizeof (gint64);

  if (header.n_entries > 0)
    seen = g_new (guint8, header.n_entries);
  for (guint i = 0; i < 3; i++)
    {
      GArray *order;

      if (!(header.orders & (1u << i)))
        continue;
      order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), header.n_entries);
      g_array_append_vals (order, p, header.n_entries);
      p += (gsize)header.n_entries * sizeof (guint32);
      if (i == 0)
        index->title_order = order;
      else if (i == 1)
        index->hours_order = order;
      else
        {
          index->next_order = order;
          index->next_order_day = header.next_order_day;
        }

      if (header.n_entries > 0)
        memset (seen, 0, header.n_entries);
      for (guint k = 0; k < order->len; k++)
        {
          guint32 position = g_array_index (order, guint32, k);

          if (position >= header.n_entries || seen[position])
            return NULL;
          seen[position] = 1;
        }
    }

  g_array_append_vals (index->tags, p, header.n_tags);
  p += (gsize)header.n_tags * sizeof (guint16);
  for (guint i = 0; i < index->tags->len; i++)
    if (g_array_index (index->tags, guint16, i) >= header.n_words)
      return NULL;

  end = p + header.words_len;
  for (guint id = 0; id < header.n_words; id++)
    {
      const guint8 *nul = memchr (p, '\0', end - p);
      char *key;

      if (nul == NULL || nul - p < 2 || p[1] != ':' || strchr ("tlp", p[0]) == NULL)
        return NULL;
      key = g_strndup ((const char *)p, nul - p);
      if (!g_hash_table_insert (index->words, key, GUINT_TO_POINTER (id + 1)))
        return NULL;
      p = nul + 1;
    }
  if (p != end)
    return NULL;

  g_byte_array_append (index->text, p, header.text_len);
  if (header.text_len > 0 && index->text->data[header.text_len - 1] != '\0')
    return NULL;

  for (guint i = 0; i < index->entries->len; i++)
    {
      const IndexEntry *entry = &g_array_index (index->entries, IndexEntry, i);

      if ((i > 0 && entry->rid <= g_array_index (index->entries, IndexEntry, i - 1).rid) ||
          entry->title_rank >= header.n_entries ||
          (guint64)entry->themes_off + entry->n_themes > header.n_tags ||
          (guint64)entry->languages_off + entry->n_languages > header.n_tags ||
          (guint64)entry->provinces_off + entry->n_provinces > header.n_tags ||
          (entry->n_starts > 0 &&
           (guint64)entry->starts_off + entry->n_starts > header.n_starts) ||
          !text_offset_ok (index, entry->title_off) ||
          !text_offset_ok (index, entry->provider_off) ||
          !text_offset_ok (index, entry->cities_off))
        return NULL;
    }

  index_map_rids (index);

  return g_steal_pointer (&index);
}

/* The index saved for generation, if there is a sound one. Inside the read transaction of
 * the query, like a build. */
static CourseIndex *
course_index_load (sqlite3 *db,
                   gint64   generation)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  CourseIndex *index;

  stmt = chq_db_prepare (db, "SELECT data FROM course_index WHERE generation = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, generation);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  index = course_index_deserialize (sqlite3_column_blob (stmt, 0),
                                    (gsize)sqlite3_column_bytes (stmt, 0), generation);
  if (index == NULL)
    g_debug ("The saved search index (generation %" G_GINT64_FORMAT ") is damaged: "
             "building it again", generation);

  return index;
}

/* The current index: loaded from the cache, or built on this connection when a write made
 * the saved one stale (then saved by _chq_store_save_built_index() once the caller has
 * answered). */
CourseIndex *
_chq_store_get_index (ChqStore  *self,
                      sqlite3   *db,
                      GError   **error)
{
  gint64 generation = read_generation (db);
  CourseIndex *index = NULL;

  g_mutex_lock (&self->index_lock);
  if (self->index != NULL && self->index->generation == generation)
    index = course_index_ref (self->index);
  g_mutex_unlock (&self->index_lock);

  if (index != NULL)
    return index;

  /* One build at a time: a second reader of the same generation waits and shares it. */
  g_mutex_lock (&self->build_lock);

  g_mutex_lock (&self->index_lock);
  if (self->index != NULL && self->index->generation == generation)
    index = course_index_ref (self->index);
  g_mutex_unlock (&self->index_lock);

  if (index == NULL)
    {
      gint64 start = g_get_monotonic_time ();
      gboolean built = FALSE;

      if ((index = course_index_load (db, generation)) == NULL &&
          (index = course_index_build (db, generation, error)) != NULL)
        built = TRUE;

      if (index != NULL)
        {
          g_debug ("Search index of %u courses %s in %.1f ms", index->entries->len,
                   built ? "built" : "loaded", (g_get_monotonic_time () - start) / 1e3);

          g_mutex_lock (&self->index_lock);
          if (self->index == NULL || self->index->generation < generation)
            {
              g_clear_pointer (&self->index, _chq_course_index_unref);
              self->index = course_index_ref (index);
              if (built)
                {
                  g_clear_pointer (&self->unsaved, _chq_course_index_unref);
                  self->unsaved = course_index_ref (index);
                }
            }
          g_mutex_unlock (&self->index_lock);
        }
    }

  g_mutex_unlock (&self->build_lock);

  return index;
}

/* The first session start at or after day, G_MAXINT64 when none. */
gint64
_chq_course_index_next_start (CourseIndex      *index,
                              const IndexEntry *entry,
                              gint64            day)
{
  const gint64 *starts;

  if (entry->n_starts == 0)
    return G_MAXINT64;
  starts = &g_array_index (index->starts, gint64, entry->starts_off);
  for (guint i = 0; i < entry->n_starts; i++)
    if (starts[i] >= day)
      return starts[i];

  return G_MAXINT64;
}
typedef struct {
  gint64  key;
  gint64  next;       /* a second key (next session when ranking), else 0 */
  guint32 rank;       /* the title order breaks ties */
  guint32 position;
} SortItem;

static int
compare_sort_items (gconstpointer a,
                    gconstpointer b)
{
  const SortItem *ia = a;
  const SortItem *ib = b;

  if (ia->key != ib->key)
    return ia->key < ib->key ? -1 : 1;
  if (ia->next != ib->next)
    return ia->next < ib->next ? -1 : 1;
  return ia->rank < ib->rank ? -1 : ia->rank > ib->rank;
}

/* Entry positions in the order of sort (ties by title), for the day given. Sorting every
 * course once per index (and day) spares each keystroke a sort. */
GArray *
_chq_course_index_get_order (CourseIndex   *index,
                             ChqCourseSort  sort,
                             gint64         day)
{
  g_autoptr(GArray) items = NULL;
  GArray **slot;
  GArray *order;

  g_mutex_lock (&index->orders_lock);

  switch (sort)
    {
    case CHQ_COURSE_SORT_HOURS:
      slot = &index->hours_order;
      break;
    case CHQ_COURSE_SORT_TITLE:
      slot = &index->title_order;
      break;
    case CHQ_COURSE_SORT_RELEVANCE:
    case CHQ_COURSE_SORT_NEXT_SESSION:
    default:
      slot = &index->next_order;
      if (index->next_order != NULL && index->next_order_day != day)
        g_clear_pointer (&index->next_order, g_array_unref);
      index->next_order_day = day;
      break;
    }

  if (*slot == NULL)
    {
      items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), index->entries->len);
      for (guint i = 0; i < index->entries->len; i++)
        {
          const IndexEntry *entry = &g_array_index (index->entries, IndexEntry, i);
          SortItem item = { 0, 0, entry->title_rank, i };

          if (sort == CHQ_COURSE_SORT_HOURS)
            item.key = entry->hours;
          else if (sort != CHQ_COURSE_SORT_TITLE)
            item.key = _chq_course_index_next_start (index, entry, day);
          g_array_append_val (items, item);
        }
      g_array_sort (items, compare_sort_items);

      *slot = g_array_sized_new (FALSE, FALSE, sizeof (guint32), items->len);
      for (guint i = 0; i < items->len; i++)
        g_array_append_val (*slot, g_array_index (items, SortItem, i).position);
    }

  order = g_array_ref (*slot);
  g_mutex_unlock (&index->orders_lock);

  return order;
}

/* The start of the calendar day of when, in its own time zone. */
gint64
_chq_store_start_of_day (GDateTime *when)
{
  g_autoptr(GDateTime) day = g_date_time_new (g_date_time_get_timezone (when),
                                              g_date_time_get_year (when),
                                              g_date_time_get_month (when),
                                              g_date_time_get_day_of_month (when),
                                              0, 0, 0);

  return g_date_time_to_unix (day);
}

/* Saves the index this store built last, if not saved yet, with the writer connection:
 * only if no course write bumped the generation meanwhile, without bumping it, and
 * without "changed" (the catalogue did not change). Called once the query or listing that
 * built it has answered, off the main thread. It never waits for the writer: while a sync
 * writes, the index is left for a later query to save (it is most likely stale by then
 * anyway). A failure only costs the next start a build. */
void
_chq_store_save_built_index (ChqStore *self)
{
  g_autoptr(CourseIndex) index = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_mutex_lock (&self->index_lock);
  index = g_steal_pointer (&self->unsaved);
  g_mutex_unlock (&self->index_lock);
  if (index == NULL)
    return;

  /* The page's default order for today, so the next start need not sort either. */
  now = chq_clock_now_local ();
  g_array_unref (_chq_course_index_get_order (index, CHQ_COURSE_SORT_NEXT_SESSION,
                                              _chq_store_start_of_day (now)));

  if (!g_mutex_trylock (&self->write_lock))
    {
      g_mutex_lock (&self->index_lock);
      if (self->unsaved == NULL && self->index == index)
        self->unsaved = g_steal_pointer (&index);
      g_mutex_unlock (&self->index_lock);
      return;
    }
  if (!chq_db_begin (self->write_db, &error))
    {
      g_mutex_unlock (&self->write_lock);
      g_debug ("Could not save the search index: %s", error->message);
      return;
    }

  ok = read_generation (self->write_db) == index->generation;
  if (ok)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      bytes = course_index_serialize (index);
      stmt =
        chq_db_prepare (self->write_db,
                        "INSERT INTO course_index (singleton, generation, data) VALUES (1, ?1, ?2) "
                        "ON CONFLICT (singleton) DO UPDATE "
                        "SET generation = excluded.generation, data = excluded.data", &error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, index->generation);
          sqlite3_bind_blob64 (stmt, 2, g_bytes_get_data (bytes, NULL),
                               g_bytes_get_size (bytes), SQLITE_STATIC);
          ok = chq_db_step_done (sqlite3_db_handle (stmt), stmt, &error);
        }
    }

  if (!_chq_store_write_end (self, ok, &error))
    {
      if (error != NULL)
        g_debug ("Could not save the search index: %s", error->message);
      return;
    }
  g_debug ("Search index of %u courses saved (%" G_GSIZE_FORMAT " bytes) in %.1f ms",
           index->entries->len, g_bytes_get_size (bytes),
           (g_get_monotonic_time () - start) / 1e3);
}

