/* chq-json-scan.c: the strict scanner of a course feed page's text (its cursor and
 * where its items lie, read without parsing it) and the compact writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-json"

#include "config.h"

#include <string.h>

#include "chq-json.h"

/* Skips JSON whitespace from @i; returns the index of the next other byte. */
static gsize
skip_space (const char *data,
            gsize       len,
            gsize       i)
{
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  return i;
}

/* From the opening quote at @i: the index just past the closing quote, or 0 when the
 * string does not end; *out_escaped says whether it holds a backslash. */
static gsize
skip_string (const char *data,
             gsize       len,
             gsize       i,
             gboolean   *out_escaped)
{
  *out_escaped = FALSE;
  for (i++; i < len; i++)
    {
      if (data[i] == '\\')
        {
          *out_escaped = TRUE;
          i++;
        }
      else if (data[i] == '"')
        return i + 1;
    }
  return 0;
}

/* From the first byte of a value at @i: the index just past it, or 0 when it does not
 * end (it is not checked further: the parser does that). */
static gsize
skip_value (const char *data,
            gsize       len,
            gsize       i)
{
  guint depth = 0;
  gboolean escaped;

  while (i < len)
    {
      char c = data[i];

      if (c == '"')
        {
          i = skip_string (data, len, i, &escaped);
          if (i == 0)
            return 0;
          if (depth == 0)
            return i;
          continue;
        }
      if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return i;
          if (--depth == 0)
            return i + 1;
        }
      else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'))
        return i;
      i++;
    }

  return depth == 0 ? i : 0;
}

static gsize scan_string (const char *data,
                          gsize       len,
                          gsize       i);

/* Called by walk_top_members() for each member of the top-level object, @value the index
 * of its value: returns the index just past the value, or 0 to give up. */
typedef gsize (*MemberFunc) (const char *data,
                             gsize       len,
                             const char *key,
                             gsize       key_len,
                             gsize       value,
                             gpointer    user_data);

/* Walks the members of the top-level object of @data in order, handing each to @member.
 * Gives up (%FALSE) when the text is not one non-empty object with nothing but space
 * after it, when a key holds an escape, or (@strict) when a key is not a valid JSON
 * string, or when @member gives up. */
static gboolean
walk_top_members (const char *data,
                  gsize       len,
                  gboolean    strict,
                  MemberFunc  member,
                  gpointer    user_data)
{
  gsize i = skip_space (data, len, 0);

  if (i >= len || data[i] != '{')
    return FALSE;
  i = skip_space (data, len, i + 1);
  if (i < len && data[i] == '}')
    return FALSE;

  while (i < len)
    {
      gsize key = i + 1;
      gsize key_len;
      gboolean escaped;

      if (data[i] != '"' || (strict && scan_string (data, len, i) == 0))
        return FALSE;
      i = skip_string (data, len, i, &escaped);
      if (i == 0 || escaped)
        return FALSE;
      key_len = i - 1 - key;
      i = skip_space (data, len, i);
      if (i >= len || data[i] != ':')
        return FALSE;
      i = skip_space (data, len, i + 1);
      if (i >= len)
        return FALSE;
      if ((i = member (data, len, data + key, key_len, i, user_data)) == 0)
        return FALSE;

      i = skip_space (data, len, i);
      if (i >= len)
        return FALSE;
      if (data[i] == '}')
        /* Nothing but space after the object. */
        return skip_space (data, len, i + 1) == len;
      if (data[i] != ',')
        return FALSE;
      i = skip_space (data, len, i + 1);
    }

  return FALSE;
}

typedef struct {
  char *next;
  int   more;   /* -1 until read */
} PeekCursor;

static gsize
peek_cursor_member (const char *data,
                    gsize       len,
                    const char *key,
                    gsize       key_len,
                    gsize       i,
                    gpointer    user_data)
{
  PeekCursor *peek = user_data;

  if (key_len == 4 && memcmp (key, "next", 4) == 0)
    {
      gsize start = i + 1;
      gboolean escaped;

      if (peek->next != NULL || data[i] != '"')
        return 0;
      i = skip_string (data, len, i, &escaped);
      if (i == 0 || escaped || i - 1 - start < 1 ||
          !g_utf8_validate_len (data + start, i - 1 - start, NULL) ||
          g_utf8_strlen (data + start, i - 1 - start) > CHQ_JSON_MAX_CURSOR)
        return 0;
      peek->next = g_strndup (data + start, i - 1 - start);
      return i;
    }
  if (key_len == 4 && memcmp (key, "more", 4) == 0)
    {
      if (peek->more != -1)
        return 0;
      if (len - i >= 4 && memcmp (data + i, "true", 4) == 0)
        return peek->more = TRUE, i + 4;
      if (len - i >= 5 && memcmp (data + i, "false", 5) == 0)
        return peek->more = FALSE, i + 5;
      return 0;
    }

  return skip_value (data, len, i);
}

/**
 * chq_json_peek_feed_cursor:
 * @data: the text of a course feed page, as received
 * @len: its length in bytes
 * @out_next: (out): the page's `next` member
 * @out_more: (out): the page's `more` member
 *
 * Reads the top-level `next` and `more` of a feed page from its text without parsing it
 * (a page is about 1 MiB; a client may ask for the next page while this one is parsed).
 * Only a hint: the page is still to be parsed and decoded, and may be refused then. Gives
 * up (returns %FALSE) on anything unusual: not an object, a member named twice, a key or a
 * cursor with an escape, a cursor longer than %CHQ_JSON_MAX_CURSOR.
 *
 * Returns: whether both members were read
 */
gboolean
chq_json_peek_feed_cursor (const char  *data,
                           gsize        len,
                           char       **out_next,
                           gboolean    *out_more)
{
  PeekCursor peek = { NULL, -1 };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_next != NULL && out_more != NULL, FALSE);

  if (!walk_top_members (data, len, FALSE, peek_cursor_member, &peek) ||
      peek.next == NULL || peek.more == -1)
    {
      g_free (peek.next);
      return FALSE;
    }

  *out_next = peek.next;
  *out_more = peek.more;
  return TRUE;
}

/* The strict scanner below (chq_json_find_feed_items) accepts JSON (RFC 8259) only, and
 * no deeper than this: anything else makes it give up. */
#define SCAN_MAX_DEPTH (CHQ_JSON_MAX_DEPTH + 1)

/* From the opening quote at @i: the index just past the closing quote, or 0 when the
 * string does not end or holds an escape JSON does not have (an unknown one, a short
 * \u). Where a string ends depends on its quotes and backslashes only: the bytes between
 * (UTF-8, validated before) are skipped with memchr(). */
static gsize
scan_string (const char *data,
             gsize       len,
             gsize       i)
{
  const char *end = data + len;
  const char *p = data + i + 1;
  const char *quote = NULL;

  while (p < end)
    {
      const char *escape;

      /* The next quote, unless the one found before is still ahead. */
      if (quote == NULL || quote < p)
        {
          quote = memchr (p, '"', end - p);
          if (quote == NULL)
            return 0;
        }
      escape = memchr (p, '\\', quote - p);
      if (escape == NULL)
        return quote + 1 - data;

      p = escape + 1;
      if (p >= end)
        return 0;
      switch (*p)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          p++;
          break;
        case 'u':
          if (end - p <= 4)
            return 0;
          for (guint k = 1; k <= 4; k++)
            if (!g_ascii_isxdigit (p[k]))
              return 0;
          p += 5;
          break;
        default:
          return 0;
        }
    }
  return 0;
}

/* A run of digits from @i: the index past it, or 0 when there is none. */
static gsize
scan_digits (const char *data,
             gsize       len,
             gsize       i)
{
  gsize start = i;

  while (i < len && g_ascii_isdigit (data[i]))
    i++;
  return i > start ? i : 0;
}

/* A JSON number from @i: the index past it, or 0. */
static gsize
scan_number (const char *data,
             gsize       len,
             gsize       i)
{
  if (i < len && data[i] == '-')
    i++;
  if (i < len && data[i] == '0')
    i++;
  else if ((i = scan_digits (data, len, i)) == 0)
    return 0;
  if (i < len && data[i] == '.' && (i = scan_digits (data, len, i + 1)) == 0)
    return 0;
  if (i < len && (data[i] == 'e' || data[i] == 'E'))
    {
      i++;
      if (i < len && (data[i] == '+' || data[i] == '-'))
        i++;
      if ((i = scan_digits (data, len, i)) == 0)
        return 0;
    }
  /* A number runs into no letter or digit ("1x", "01"). */
  if (i < len && (g_ascii_isalnum (data[i]) || data[i] == '.' || data[i] == '_'))
    return 0;
  return i;
}

static gsize
scan_literal (const char *data,
              gsize       len,
              gsize       i,
              const char *word)
{
  gsize n = strlen (word);

  if (len - i < n || memcmp (data + i, word, n) != 0)
    return 0;
  i += n;
  if (i < len && (g_ascii_isalnum (data[i]) || data[i] == '_'))
    return 0;
  return i;
}

/* One JSON value from its first byte at @i: the index just past it, or 0 when it is not
 * plain JSON or nests deeper than SCAN_MAX_DEPTH. */
static gsize
scan_value (const char *data,
            gsize       len,
            gsize       i,
            guint       depth)
{
  char close;

  if (i >= len)
    return 0;
  switch (data[i])
    {
    case '"':
      return scan_string (data, len, i);
    case 't':
      return scan_literal (data, len, i, "true");
    case 'f':
      return scan_literal (data, len, i, "false");
    case 'n':
      return scan_literal (data, len, i, "null");
    case '{':
      close = '}';
      break;
    case '[':
      close = ']';
      break;
    default:
      return data[i] == '-' || g_ascii_isdigit (data[i]) ? scan_number (data, len, i) : 0;
    }

  if (++depth > SCAN_MAX_DEPTH)
    return 0;
  i = skip_space (data, len, i + 1);
  if (i < len && data[i] == close)
    return i + 1;
  while (i < len)
    {
      if (close == '}')
        {
          if (data[i] != '"' || (i = scan_string (data, len, i)) == 0)
            return 0;
          i = skip_space (data, len, i);
          if (i >= len || data[i] != ':')
            return 0;
          i = skip_space (data, len, i + 1);
        }
      if ((i = scan_value (data, len, i, depth)) == 0)
        return 0;
      i = skip_space (data, len, i);
      if (i >= len)
        return 0;
      if (data[i] == close)
        return i + 1;
      if (data[i] != ',')
        return 0;
      i = skip_space (data, len, i + 1);
    }
  return 0;
}

typedef struct {
  guint        n_items;
  ChqJsonSpan *spans;
  gboolean     seen_items;
} FindItems;

static gsize
find_items_member (const char *data,
                   gsize       len,
                   const char *key,
                   gsize       key_len,
                   gsize       i,
                   gpointer    user_data)
{
  FindItems *find = user_data;
  guint n = 0;

  if (key_len != 5 || memcmp (key, "items", 5) != 0)
    return scan_value (data, len, i, 1);

  if (find->seen_items || data[i] != '[')
    return 0;
  find->seen_items = TRUE;
  i = skip_space (data, len, i + 1);
  if (i < len && data[i] == ']')
    return find->n_items == 0 ? i + 1 : 0;

  while (TRUE)
    {
      gsize start = i;

      if (i >= len || data[i] != '{' || n >= find->n_items)
        return 0;
      if ((i = scan_value (data, len, i, 2)) == 0)
        return 0;
      find->spans[n].offset = start;
      find->spans[n].length = i - start;
      n++;
      i = skip_space (data, len, i);
      if (i >= len)
        return 0;
      if (data[i] == ']')
        return n == find->n_items ? i + 1 : 0;
      if (data[i] != ',')
        return 0;
      i = skip_space (data, len, i + 1);
    }
}

/**
 * chq_json_find_feed_items:
 * @data: the text of a course feed page, as received
 * @len: its length in bytes
 * @n_items: how many items the parser found in the page's `items`
 * @out_spans: (out caller-allocates) (array length=n_items): where each item's text is
 *
 * Finds where each element of the top-level `items` array of a feed page lies in its
 * text, so that an item can be kept as the service sent it instead of being generated
 * again from the parse tree. @data must be the text the parser read (and found @n_items
 * items in): each span is then the exact text of one item, a JSON object. The scan is
 * strict and gives up (returns %FALSE, @out_spans undefined) on anything it is not sure
 * of: text that is not plain JSON, a top-level key with an escape, `items` missing or
 * twice, an item that is not an object, a count other than @n_items, anything after the
 * page.
 *
 * Returns: whether every item was found
 */
gboolean
chq_json_find_feed_items (const char  *data,
                          gsize        len,
                          guint        n_items,
                          ChqJsonSpan *out_spans)
{
  FindItems find = { n_items, out_spans, FALSE };

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out_spans != NULL || n_items == 0, FALSE);

  return walk_top_members (data, len, TRUE, find_items_member, &find) && find.seen_items;
}

/**
 * chq_json_to_string:
 * @node: a #JsonNode
 * @out_len: (out) (optional): the length of the text
 *
 * Returns: (transfer full): the compact JSON text of @node.
 */
char *
chq_json_to_string (JsonNode *node,
                    gsize    *out_len)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, out_len);
}
