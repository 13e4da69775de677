/* chq-json.c: the JSON codec of the regional API (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "chq-ident.h"
#include "chq-json.h"
#include "chq-json-check.h"
#include "chq-value.h"

/* Error domain, with the path of the member at fault carried in the error itself. */

typedef struct {
  char *field; /* owned */
} ChqCodecErrorPrivate;

static void
chq_codec_error_private_init (ChqCodecErrorPrivate *priv)
{
  if (priv != NULL)
    priv->field = NULL;
}

static void
chq_codec_error_private_copy (const ChqCodecErrorPrivate *src,
                              ChqCodecErrorPrivate       *dest)
{
  if (src != NULL && dest != NULL)
    dest->field = g_strdup (src->field);
}

static void
chq_codec_error_private_clear (ChqCodecErrorPrivate *priv)
{
  if (priv != NULL)
    g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (ChqCodecError, chq_codec_error)

/**
 * chq_codec_error_get_field:
 * @error: a #GError
 *
 * Returns: (nullable): the path of the JSON member @error is about
 *   (`sessions[1].starts_at`), or %NULL when @error is not a %CHQ_CODEC_ERROR or is about
 *   the whole document.
 */
const char *
chq_codec_error_get_field (const GError *error)
{
  ChqCodecErrorPrivate *priv;

  if (error == NULL || error->domain != CHQ_CODEC_ERROR)
    return NULL;

  priv = chq_codec_error_get_private (error);

  return priv != NULL ? priv->field : NULL;
}

static gboolean
fail (GError        **error,
      ChqCodecError   code,
      GString        *path,
      gint64          limit)
{
  const char *field = (path != NULL && path->len > 0) ? path->str : NULL;
  const char *shown = field != NULL ? field : _("the answer");
  g_autofree char *what = NULL;
  ChqCodecErrorPrivate *priv;
  GError *local = NULL;

  switch (code)
    {
    case CHQ_CODEC_ERROR_MISSING_FIELD:
      /* Translators: %s is the path of a JSON member, like sessions[1].starts_at */
      what = g_strdup_printf (_("The service sent an incomplete answer: “%s” is missing."),
                              shown);
      break;

    case CHQ_CODEC_ERROR_WRONG_TYPE:
      /* Translators: %s is the path of a JSON member, like sessions[1].starts_at */
      what = g_strdup_printf (_("The service sent an invalid answer: “%s” has the wrong type."),
                              shown);
      break;

    case CHQ_CODEC_ERROR_TOO_LONG:
      if (field == NULL)
        /* Translators: %u is a number of bytes */
        what = g_strdup_printf (_("The service sent an answer larger than %u bytes."),
                                (guint) limit);
      else
        /* Translators: %s is the path of a JSON member; %u a number of characters */
        what = g_strdup_printf (_("The service sent an invalid answer: “%s” is longer than %u "
                                  "characters."),
                                shown, (guint) limit);
      break;

    case CHQ_CODEC_ERROR_NOT_JSON:
      what = g_strdup (_("The service sent an answer that is not valid JSON."));
      break;

    case CHQ_CODEC_ERROR_INVALID_VALUE:
    default:
      /* Translators: %s is the path of a JSON member, like sessions[1].starts_at */
      what = g_strdup_printf (_("The service sent an invalid answer: “%s” has a value "
                                "Chéquier does not accept."),
                              shown);
      break;
    }

  local = g_error_new (CHQ_CODEC_ERROR, code, "%s %s", what,
                       _("Try again later; if this keeps happening, Chéquier may need an "
                         "update to talk to this service."));
  priv = chq_codec_error_get_private (local);
  if (priv != NULL)
    priv->field = g_strdup (field);
  g_propagate_error (error, local);

  return FALSE;
}

/* Paths: "provider.approval_number", "sessions[1].starts_at". push returns the mark to
 * pop back to. */

static gsize
path_push (GString    *path,
           const char *name)
{
  gsize mark = path->len;

  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, name);

  return mark;
}

/* Appends "[index]" (without printf: every element of a feed page passes here). */
static gsize
path_push_index (GString *path,
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

static void
path_pop (GString *path,
          gsize    mark)
{
  g_string_truncate (path, mark);
}

/* Value checks */

static gboolean
is_digits (const char *text,
           gsize       len)
{
  if (strlen (text) != len)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Ids go into URL paths: 1 to 64 URL-unreserved characters. */
static gboolean
check_id (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != '~')
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_enterprise_number (const char *text)
{
  return is_digits (text, 10) && chq_enterprise_number_validate (text, NULL);
}

static gboolean
check_niss (const char *text)
{
  return is_digits (text, 11) && chq_niss_validate (text, NULL);
}

/* "ddd/dddd/ddddd", the authorisation number: a structured communication without plusses. */
static gboolean
check_authorisation_number (const char *text)
{
  if (strlen (text) != 14 || text[3] != '/' || text[8] != '/')
    return FALSE;

  for (guint i = 0; i < 14; i++)
    {
      if (i != 3 && i != 8 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return chq_structured_communication_validate (text, NULL);
}

/* "+++ddd/dddd/ddddd+++" */
static gboolean
check_communication (const char *text)
{
  g_autofree char *inner = NULL;

  if (strlen (text) != 20 || !g_str_has_prefix (text, "+++") || !g_str_has_suffix (text, "+++"))
    return FALSE;

  inner = g_strndup (text + 3, 14);

  return check_authorisation_number (inner);
}

/* Electronic form: "BE" and 14 digits, no spaces. */
static gboolean
check_iban (const char *text)
{
  return g_str_has_prefix (text, "BE") && is_digits (text + 2, 14)
         && chq_iban_validate (text, NULL);
}

static gboolean
check_postcode (const char *text)
{
  return is_digits (text, 4) && text[0] != '0';
}

static gboolean
check_province (const char *text)
{
  return chq_province_is_valid (text);
}

/* ISO 639-1: two lowercase letters. */
static gboolean
check_language (const char *text)
{
  return strlen (text) == 2 && g_ascii_islower (text[0]) && g_ascii_islower (text[1]);
}

/* Theme and code words: lowercase letters, digits and underscores. */
static gboolean
check_word (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

/* The one e-mail rule, shared with the forms and the sandbox. */
static gboolean
check_email (const char *text)
{
  return chq_email_is_valid (text);
}

/**
 * chq_json_is_valid_date:
 * @text: (nullable): text to check
 *
 * Returns: whether @text is a real calendar day written exactly "YYYY-MM-DD".
 */
gboolean
chq_json_is_valid_date (const char *text)
{
  return chq_date_is_valid (text);
}

/* "YYYY-MM-DDTHH:MM:SS", optional ".fraction", then "Z" or "+HH:MM"/"-HH:MM". GLib's own
 * ISO 8601 parser accepts many more forms (week dates, no offset); the contract does not. */
static gboolean
date_time_form_ok (const char *text)
{
  const char *p;

  if (strlen (text) < 20)
    return FALSE;
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':')
    return FALSE;
  for (guint i = 11; i < 19; i++)
    {
      if (i != 13 && i != 16 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  p = text + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (p[0] == 'Z')
    return p[1] == '\0';

  return (p[0] == '+' || p[0] == '-') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
         && p[3] == ':' && g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]) && p[6] == '\0';
}

static GDateTime *
parse_date_time (const char *text)
{
  g_autofree char *date = NULL;

  if (text == NULL || !date_time_form_ok (text))
    return NULL;

  date = g_strndup (text, 10);
  if (!chq_json_is_valid_date (date))
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

/**
 * chq_json_is_valid_date_time:
 * @text: (nullable): text to check
 *
 * Returns: whether @text is an RFC 3339 date-time with an offset, like
 *   "2027-01-12T09:00:00+01:00".
 */
gboolean
chq_json_is_valid_date_time (const char *text)
{
  g_autoptr(GDateTime) date_time = parse_date_time (text);

  return date_time != NULL;
}

/**
 * chq_json_format_date_time:
 * @date_time: a #GDateTime
 *
 * Returns: (transfer full): @date_time as the API writes it, to the second with its
 *   offset: "2027-01-12T09:00:00+01:00".
 */
char *
chq_json_format_date_time (GDateTime *date_time)
{
  g_autofree char *rest = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  /* %Y does not pad: year 834 must be written 0834, or the text does not read back. */
  rest = g_date_time_format (date_time, "-%m-%dT%H:%M:%S%:z");
  return g_strdup_printf ("%04d%s", g_date_time_get_year (date_time), rest);
}

/* Parsing */

/**
 * chq_json_parse:
 * @data: the bytes of a JSON document
 * @len: their length
 * @max_bytes: the largest document accepted, or 0 for %CHQ_JSON_MAX_BYTES
 * @error: return location for a #GError
 *
 * Parses a document from a party that is not trusted. Before json-glib sees it, the text
 * is checked for size and by chq_json_check(): exactly one RFC 8259 document in UTF-8,
 * nested at most %CHQ_JSON_MAX_DEPTH deep (json-glib would follow any depth recursively),
 * with no `\u0000` or unpaired surrogate in a string and no integer past 64 bits (json-glib
 * would wrap it); the last two name the member at fault.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set.
 */
JsonNode *
chq_json_parse (const char  *data,
                gsize        len,
                gsize        max_bytes,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  ChqJsonCheckFault fault;
  ChqJsonCheckResult checked;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (max_bytes == 0)
    max_bytes = CHQ_JSON_MAX_BYTES;
  if (len > max_bytes)
    return fail (error, CHQ_CODEC_ERROR_TOO_LONG, NULL, (gint64) max_bytes), NULL;

  checked = chq_json_check (data, len, CHQ_JSON_MAX_DEPTH, &fault);
  if (checked != CHQ_JSON_CHECK_OK)
    {
      g_autoptr(GString) path = g_string_new (fault.path);

      g_debug ("Refused JSON (%d) at byte %" G_GSIZE_FORMAT, checked, fault.offset);
      chq_json_check_fault_clear (&fault);
      if (checked == CHQ_JSON_CHECK_BAD_TEXT || checked == CHQ_JSON_CHECK_BAD_NUMBER)
        return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
      return fail (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, 0), NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_debug ("Refused JSON: %s", local_error->message);
      return fail (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, 0), NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    return fail (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, 0), NULL;

  return json_node_ref (root);
}

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

/* The field tables: one per model, driving both directions. */

typedef enum {
  FIELD_STRING,     /* text, min..max characters, optional form check */
  FIELD_DATE,       /* "YYYY-MM-DD", a char * property */
  FIELD_DATE_TIME,  /* RFC 3339 with offset, a GDateTime property */
  FIELD_UINT,       /* integer min..max, a guint property */
  FIELD_INT,        /* integer min..max, an int property; -1 is null/absent */
  FIELD_INT64,      /* integer min..max, a gint64 property */
  FIELD_DOUBLE,     /* number min..max, a double property */
  FIELD_BOOLEAN,
  FIELD_ENUM,       /* an API word of an enum GType */
  FIELD_WORDS,      /* array of strings (max items: min), a GStrv property */
  FIELD_OBJECT,     /* nested object whose members are properties of the same GObject */
  FIELD_LIST,       /* array of objects, a GListModel property */
  FIELD_CUSTOM,     /* read and write callbacks */
} FieldKind;

typedef enum {
  FIELD_NULLABLE   = 1 << 0, /* null allowed (and written as null) */
  FIELD_OPTIONAL   = 1 << 1, /* may be absent; written only when set */
  FIELD_HALF_STEPS = 1 << 2, /* numbers: a multiple of 0.5 */
} FieldFlags;

typedef struct _Field Field;

typedef gboolean (*FieldCheck) (const char *text);
typedef gboolean (*FieldRead)  (GObject   *object,
                                JsonNode  *node,
                                GString   *path,
                                GError   **error);
typedef void     (*FieldWrite) (GObject     *object,
                                JsonBuilder *builder);

struct _Field {
  const char        *name;      /* JSON member */
  const char        *property;  /* GObject property */
  FieldKind          kind;
  FieldFlags         flags;
  gint64             min;       /* numbers: lowest; strings: shortest; words: most items */
  gint64             max;       /* numbers: highest; strings and words: longest */
  GType            (*type) (void);   /* ENUM: the enum; LIST: the item type */
  const Field       *fields;    /* OBJECT and LIST: the members */
  FieldCheck         check;     /* STRING and WORDS: the form */
  FieldRead          read;      /* CUSTOM */
  FieldWrite         write;     /* CUSTOM */
};

typedef gboolean (*ModelValidate) (GObject  *object,
                                   GString  *path,
                                   GError  **error);

typedef struct {
  GType          (*type) (void);
  const Field     *fields;
  ModelValidate    validate; /* checks across members, after they are read */
} Model;

static gboolean read_members  (GObject      *object,
                               JsonObject   *json,
                               const Field  *fields,
                               GString      *path,
                               GError      **error);
static void     write_members (GObject      *object,
                               JsonBuilder  *builder,
                               const Field  *fields);

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64
             || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* A string member's text, checked for type, UTF-8 and length. */
static const char *
read_text (JsonNode  *node,
           gint64     min,
           gint64     max,
           GString   *path,
           GError   **error)
{
  const char *text;
  glong n_chars;

  if (!node_is_string (node))
    return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;

  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;

  n_chars = g_utf8_strlen (text, -1);
  if (max > 0 && n_chars > max)
    return fail (error, CHQ_CODEC_ERROR_TOO_LONG, path, max), NULL;
  if (n_chars < min)
    return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;

  return text;
}

static gboolean
read_integer (JsonNode  *node,
              gint64     min,
              gint64     max,
              gint64    *out_value,
              GString   *path,
              GError   **error)
{
  gint64 value;

  if (!node_is_integer (node))
    return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);

  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);

  *out_value = value;

  return TRUE;
}

static gboolean
read_number (JsonNode    *node,
             const Field *field,
             double      *out_value,
             GString     *path,
             GError     **error)
{
  double value;

  if (!node_is_number (node))
    return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);

  value = json_node_get_double (node);
  if (!isfinite (value) || value < (double) field->min || value > (double) field->max)
    return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
  if ((field->flags & FIELD_HALF_STEPS) && value * 2 != floor (value * 2))
    return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);

  *out_value = value;

  return TRUE;
}

static gboolean
read_model_node (GObject      *object,
                 JsonNode     *node,
                 const Model  *model,
                 GString      *path,
                 GError      **error);

static const Model *model_for_type (GType type);

/* Reads one member into its property; node is never NULL nor null here. */
static gboolean
read_field (GObject      *object,
            const Field  *field,
            JsonNode     *node,
            GString      *path,
            GError      **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  switch (field->kind)
    {
    case FIELD_STRING:
      {
        const char *text = read_text (node, field->min, field->max, path, error);

        if (text == NULL)
          return FALSE;
        if (field->check != NULL && !field->check (text))
          return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
        g_value_init (&value, G_TYPE_STRING);
        g_value_set_string (&value, text);
      }
      break;

    case FIELD_DATE:
      {
        const char *text = read_text (node, 0, 0, path, error);

        if (text == NULL)
          return FALSE;
        if (!chq_json_is_valid_date (text))
          return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
        g_value_init (&value, G_TYPE_STRING);
        g_value_set_string (&value, text);
      }
      break;

    case FIELD_DATE_TIME:
      {
        GDateTime *date_time;

        if (!node_is_string (node))
          return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
        date_time = parse_date_time (json_node_get_string (node));
        if (date_time == NULL)
          return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
        g_value_init (&value, G_TYPE_DATE_TIME);
        g_value_take_boxed (&value, date_time);
      }
      break;

    case FIELD_UINT:
    case FIELD_INT:
    case FIELD_INT64:
      {
        gint64 number = 0;

        if (!read_integer (node, field->min, field->max, &number, path, error))
          return FALSE;
        if (field->kind == FIELD_UINT)
          {
            g_value_init (&value, G_TYPE_UINT);
            g_value_set_uint (&value, (guint) number);
          }
        else if (field->kind == FIELD_INT)
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

    case FIELD_DOUBLE:
      {
        double number = 0;

        if (!read_number (node, field, &number, path, error))
          return FALSE;
        g_value_init (&value, G_TYPE_DOUBLE);
        g_value_set_double (&value, number);
      }
      break;

    case FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
      g_value_init (&value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&value, json_node_get_boolean (node));
      break;

    case FIELD_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->type ());
        const char *word = read_text (node, 1, CHQ_JSON_MAX_WORD, path, error);
        GEnumValue *enum_value;

        if (word == NULL)
          return FALSE;
        enum_value = g_enum_get_value_by_nick (enum_class, word);
        if (enum_value == NULL)
          return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
        g_value_init (&value, field->type ());
        g_value_set_enum (&value, enum_value->value);
      }
      break;

    case FIELD_WORDS:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        JsonArray *array;
        guint n;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
        array = json_node_get_array (node);
        n = json_array_get_length (array);
        if (n > field->min)
          return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);

        for (guint i = 0; i < n; i++)
          {
            gsize mark = path_push_index (path, i);
            const char *word = read_text (json_array_get_element (array, i), 1, field->max,
                                          path, error);

            if (word == NULL)
              return FALSE;
            if (field->check != NULL && !field->check (word))
              return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
            g_strv_builder_add (builder, word);
            path_pop (path, mark);
          }

        g_value_init (&value, G_TYPE_STRV);
        g_value_take_boxed (&value, g_strv_builder_end (builder));
      }
      break;

    case FIELD_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
      return read_members (object, json_node_get_object (node), field->fields, path, error);

    case FIELD_LIST:
      {
        g_autoptr(GListStore) store = g_list_store_new (field->type ());
        const Model *item_model = model_for_type (field->type ());
        JsonArray *array;
        guint n;

        g_return_val_if_fail (item_model != NULL, FALSE);
        if (!JSON_NODE_HOLDS_ARRAY (node))
          return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
        array = json_node_get_array (node);
        n = json_array_get_length (array);
        if (n > field->max)
          return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(GObject) item = g_object_new (field->type (), NULL);
            gsize mark = path_push_index (path, i);

            if (!read_model_node (item, json_array_get_element (array, i), item_model, path,
                                  error))
              return FALSE;
            g_list_store_append (store, item);
            path_pop (path, mark);
          }

        g_value_init (&value, G_TYPE_LIST_MODEL);
        g_value_set_object (&value, store);
      }
      break;

    case FIELD_CUSTOM:
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
              const Field  *fields,
              GString      *path,
              GError      **error)
{
  for (const Field *field = fields; field->name != NULL; field++)
    {
      gsize mark = path_push (path, field->name);
      JsonNode *node = json_object_get_member (json, field->name);

      if (node == NULL)
        {
          if (!(field->flags & (FIELD_OPTIONAL | FIELD_NULLABLE)))
            return fail (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, 0);
        }
      else if (JSON_NODE_HOLDS_NULL (node))
        {
          if (!(field->flags & (FIELD_OPTIONAL | FIELD_NULLABLE)))
            return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
        }
      else if (!read_field (object, field, node, path, error))
        {
          return FALSE;
        }

      path_pop (path, mark);
    }

  return TRUE;
}

static gboolean
read_model_node (GObject      *object,
                 JsonNode     *node,
                 const Model  *model,
                 GString      *path,
                 GError      **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);

  if (!read_members (object, json_node_get_object (node), model->fields, path, error))
    return FALSE;

  return model->validate == NULL || model->validate (object, path, error);
}

/* Writing */

static void
write_integral_or_double (JsonBuilder *builder,
                          double       value)
{
  /* 12 stays 12 and 21.5 stays 21.5, so documents round-trip as they were written. */
  if (value == floor (value) && fabs (value) < 9007199254740992.0)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
write_field (GObject     *object,
             const Field *field,
             JsonBuilder *builder)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;

  if (field->kind == FIELD_CUSTOM)
    {
      json_builder_set_member_name (builder, field->name);
      field->write (object, builder);
      return;
    }

  if (field->kind == FIELD_OBJECT)
    {
      json_builder_set_member_name (builder, field->name);
      json_builder_begin_object (builder);
      write_members (object, builder, field->fields);
      json_builder_end_object (builder);
      return;
    }

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), field->property);
  g_return_if_fail (pspec != NULL);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, field->property, &value);

  switch (field->kind)
    {
    case FIELD_STRING:
    case FIELD_DATE:
      if ((field->flags & FIELD_OPTIONAL) && g_value_get_string (&value) == NULL)
        return;
      json_builder_set_member_name (builder, field->name);
      if (g_value_get_string (&value) == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, g_value_get_string (&value));
      break;

    case FIELD_DATE_TIME:
      {
        GDateTime *date_time = g_value_get_boxed (&value);

        json_builder_set_member_name (builder, field->name);
        if (date_time == NULL)
          {
            json_builder_add_null_value (builder);
          }
        else
          {
            g_autofree char *text = chq_json_format_date_time (date_time);
            json_builder_add_string_value (builder, text);
          }
      }
      break;

    case FIELD_UINT:
      json_builder_set_member_name (builder, field->name);
      json_builder_add_int_value (builder, g_value_get_uint (&value));
      break;

    case FIELD_INT:
      if (g_value_get_int (&value) < 0)
        {
          if (field->flags & FIELD_OPTIONAL)
            return;
          json_builder_set_member_name (builder, field->name);
          json_builder_add_null_value (builder);
          break;
        }
      json_builder_set_member_name (builder, field->name);
      json_builder_add_int_value (builder, g_value_get_int (&value));
      break;

    case FIELD_INT64:
      json_builder_set_member_name (builder, field->name);
      json_builder_add_int_value (builder, g_value_get_int64 (&value));
      break;

    case FIELD_DOUBLE:
      json_builder_set_member_name (builder, field->name);
      write_integral_or_double (builder, g_value_get_double (&value));
      break;

    case FIELD_BOOLEAN:
      json_builder_set_member_name (builder, field->name);
      json_builder_add_boolean_value (builder, g_value_get_boolean (&value));
      break;

    case FIELD_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->type ());
        GEnumValue *enum_value = g_enum_get_value (enum_class, g_value_get_enum (&value));

        json_builder_set_member_name (builder, field->name);
        json_builder_add_string_value (builder, enum_value != NULL ? enum_value->value_nick : "");
      }
      break;

    case FIELD_WORDS:
      {
        const char * const *words = g_value_get_boxed (&value);

        json_builder_set_member_name (builder, field->name);
        json_builder_begin_array (builder);
        for (guint i = 0; words != NULL && words[i] != NULL; i++)
          json_builder_add_string_value (builder, words[i]);
        json_builder_end_array (builder);
      }
      break;

    case FIELD_LIST:
      {
        GListModel *list = g_value_get_object (&value);
        const Model *item_model = model_for_type (field->type ());
        guint n = list != NULL ? g_list_model_get_n_items (list) : 0;

        g_return_if_fail (item_model != NULL);

        json_builder_set_member_name (builder, field->name);
        json_builder_begin_array (builder);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (list, i);

            json_builder_begin_object (builder);
            write_members (item, builder, item_model->fields);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
      }
      break;

    case FIELD_OBJECT:
    case FIELD_CUSTOM:
    default:
      g_assert_not_reached ();
    }
}

static void
write_members (GObject     *object,
               JsonBuilder *builder,
               const Field *fields)
{
  for (const Field *field = fields; field->name != NULL; field++)
    write_field (object, field, builder);
}

static JsonNode *
write_model (GObject     *object,
             const Model *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  write_members (object, builder, model->fields);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Table shorthands */

#define STRING(n, p, lo, hi, chk) \
  { .name = n, .property = p, .kind = FIELD_STRING, .min = lo, .max = hi, .check = chk }
#define STRING_NULL(n, p, lo, hi, chk) \
  { .name = n, .property = p, .kind = FIELD_STRING, .flags = FIELD_NULLABLE, .min = lo, \
    .max = hi, .check = chk }
#define ID(n, p) STRING (n, p, 1, CHQ_JSON_MAX_ID, check_id)
#define DATE(n, p) { .name = n, .property = p, .kind = FIELD_DATE }
#define DATE_NULL(n, p) { .name = n, .property = p, .kind = FIELD_DATE, .flags = FIELD_NULLABLE }
#define DATE_TIME(n, p) { .name = n, .property = p, .kind = FIELD_DATE_TIME }
#define DATE_TIME_NULL(n, p) \
  { .name = n, .property = p, .kind = FIELD_DATE_TIME, .flags = FIELD_NULLABLE }
#define UINT(n, p, lo, hi) { .name = n, .property = p, .kind = FIELD_UINT, .min = lo, .max = hi }
#define AMOUNT(n, p) \
  { .name = n, .property = p, .kind = FIELD_INT64, .min = 0, .max = G_GINT64_CONSTANT (1) << 50 }
#define NUMBER(n, p, lo, hi, fl) \
  { .name = n, .property = p, .kind = FIELD_DOUBLE, .flags = fl, .min = lo, .max = hi }
#define BOOLEAN(n, p) { .name = n, .property = p, .kind = FIELD_BOOLEAN }
#define ENUM(n, p, t) { .name = n, .property = p, .kind = FIELD_ENUM, .type = t }
#define WORDS(n, p, items, len, chk) \
  { .name = n, .property = p, .kind = FIELD_WORDS, .min = items, .max = len, .check = chk }
#define OBJECT(n, f) { .name = n, .kind = FIELD_OBJECT, .fields = f }
#define LIST(n, p, t, items) \
  { .name = n, .property = p, .kind = FIELD_LIST, .type = t, .max = items }
#define CUSTOM(n, r, w) { .name = n, .kind = FIELD_CUSTOM, .read = r, .write = w }
#define END { NULL }

#define MAX_COUNT 1000000 /* sanity bound of counts of vouchers, seats, hours */

/* Account: ceilings[] becomes per-type values of the object. */

static gboolean
read_ceilings (GObject   *object,
               JsonNode  *node,
               GString   *path,
               GError   **error)
{
  gboolean seen[CHQ_N_VOUCHER_TYPES] = { FALSE, };
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      static const char * const names[] = { "voucher_type", "ceiling", "ordered_this_year" };
      JsonNode *element = json_array_get_element (array, i);
      gsize mark = path_push_index (path, i);
      ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
      gint64 numbers[2] = { 0, 0 };
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
      entry = json_node_get_object (element);

      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          gsize member_mark = path_push (path, names[k]);
          JsonNode *member = json_object_get_member (entry, names[k]);

          if (member == NULL)
            return fail (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, 0);

          if (k == 0)
            {
              const char *word = read_text (member, 1, CHQ_JSON_MAX_WORD, path, error);

              if (word == NULL)
                return FALSE;
              if (!chq_voucher_type_from_string (word, &type) || seen[type])
                return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
              seen[type] = TRUE;
            }
          else if (!read_integer (member, 0, MAX_COUNT, &numbers[k - 1], path, error))
            {
              return FALSE;
            }

          path_pop (path, member_mark);
        }

      chq_account_set_ceiling (CHQ_ACCOUNT (object), type, (guint) numbers[0],
                               (guint) numbers[1]);
      path_pop (path, mark);
    }

  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      if (!seen[t])
        return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
    }

  return TRUE;
}

static void
write_ceilings (GObject     *object,
                JsonBuilder *builder)
{
  ChqAccount *account = CHQ_ACCOUNT (object);

  json_builder_begin_array (builder);
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "voucher_type");
      json_builder_add_string_value (builder, chq_voucher_type_to_string (t));
      json_builder_set_member_name (builder, "ceiling");
      json_builder_add_int_value (builder, chq_account_get_ceiling (account, t));
      json_builder_set_member_name (builder, "ordered_this_year");
      json_builder_add_int_value (builder, chq_account_get_ordered_this_year (account, t));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static const Field account_fields[] = {
  STRING ("enterprise_number", "enterprise-number", 10, 10, check_enterprise_number),
  STRING ("name", "name", 1, CHQ_JSON_MAX_NAME, NULL),
  ENUM ("kind", "kind", chq_account_kind_get_type),
  NUMBER ("fte", "fte", 0, 100000, 0),
  STRING ("authorisation_number", "authorisation-number", 14, 14, check_authorisation_number),
  DATE ("registration_valid_until", "registration-valid-until"),
  UINT ("year", "year", 2000, 9999),
  CUSTOM ("ceilings", read_ceilings, write_ceilings),
  END
};

/* Course */

static const Field location_fields[] = {
  STRING ("city", "city", 1, CHQ_JSON_MAX_CITY, NULL),
  STRING ("postcode", "postcode", 4, 4, check_postcode),
  STRING ("province", "province", 1, CHQ_JSON_MAX_WORD, check_province),
  END
};

static const Field course_session_fields[] = {
  ID ("id", "id"),
  DATE_TIME ("starts_at", "starts-at"),
  DATE_TIME ("ends_at", "ends-at"),
  STRING_NULL ("city", "city", 1, CHQ_JSON_MAX_CITY, NULL),
  UINT ("seats_left", "seats-left", 0, MAX_COUNT),
  END
};

static const Field provider_fields[] = {
  ID ("id", "provider-id"),
  STRING ("name", "provider-name", 1, CHQ_JSON_MAX_NAME, NULL),
  STRING ("approval_number", "provider-approval-number", 1, CHQ_JSON_MAX_WORD, NULL),
  END
};

static const Field course_fields[] = {
  ID ("id", "id"),
  STRING ("title", "title", 1, CHQ_JSON_MAX_TITLE, NULL),
  STRING ("summary", "summary", 0, CHQ_JSON_MAX_SUMMARY, NULL),
  STRING ("description", "description", 0, CHQ_JSON_MAX_DESCRIPTION, NULL),
  OBJECT ("provider", provider_fields),
  STRING ("module_approval", "module-approval", 1, CHQ_JSON_MAX_WORD, NULL),
  ENUM ("voucher_type", "voucher-type", chq_voucher_type_get_type),
  UINT ("hours", "hours", 1, 10000),
  AMOUNT ("price_cents", "price-cents"),
  WORDS ("themes", "themes", 32, CHQ_JSON_MAX_WORD, check_word),
  BOOLEAN ("ai", "ai"),
  ENUM ("format", "format", chq_course_format_get_type),
  WORDS ("languages", "languages", 16, CHQ_JSON_MAX_WORD, check_language),
  LIST ("locations", "locations", chq_location_get_type, 200),
  LIST ("sessions", "sessions", chq_course_session_get_type, 1000),
  DATE_TIME ("updated_at", "updated-at"),
  END
};

static gboolean
fail_at (GError        **error,
         ChqCodecError   code,
         GString        *path,
         const char     *member)
{
  gsize mark = path_push (path, member);
  gboolean ret = fail (error, code, path, 0);

  path_pop (path, mark);

  return ret;
}

static gboolean
validate_course_session (GObject  *object,
                         GString  *path,
                         GError  **error)
{
  ChqCourseSession *session = CHQ_COURSE_SESSION (object);

  if (g_date_time_compare (chq_course_session_get_ends_at (session),
                           chq_course_session_get_starts_at (session)) < 0)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "ends_at");

  return TRUE;
}

static gboolean
validate_course (GObject  *object,
                 GString  *path,
                 GError  **error)
{
  ChqCourse *course = CHQ_COURSE (object);

  /* A distance course is given nowhere in particular. */
  if (chq_course_get_format (course) == CHQ_COURSE_FORMAT_DISTANCE
      && g_list_model_get_n_items (chq_course_get_locations (course)) > 0)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "locations");

  return TRUE;
}

/* Order */

static const Field payment_fields[] = {
  STRING ("iban", "payment-iban", 16, 16, check_iban),
  STRING ("beneficiary", "payment-beneficiary", 1, CHQ_JSON_MAX_NAME, NULL),
  STRING ("communication", "payment-communication", 20, 20, check_communication),
  AMOUNT ("amount_cents", "payment-amount-cents"),
  END
};

static const Field order_fields[] = {
  ID ("id", "id"),
  ENUM ("voucher_type", "voucher-type", chq_voucher_type_get_type),
  UINT ("quantity", "quantity", 1, MAX_COUNT),
  AMOUNT ("amount_cents", "amount-cents"),
  ENUM ("status", "status", chq_order_status_get_type),
  DATE_TIME ("created_at", "created-at"),
  DATE_TIME_NULL ("paid_at", "paid-at"),
  DATE_TIME_NULL ("cancelled_at", "cancelled-at"),
  OBJECT ("payment", payment_fields),
  END
};

static gboolean
validate_order (GObject  *object,
                GString  *path,
                GError  **error)
{
  ChqOrder *order = CHQ_ORDER (object);
  gint64 amount = chq_order_get_amount_cents (order);

  /* The company's share of a voucher is EUR 15 (DOMAIN.md). */
  if (amount != (gint64) chq_order_get_quantity (order) * 1500)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "amount_cents");
  if (chq_order_get_payment_amount_cents (order) != amount)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "payment.amount_cents");
  if (chq_order_get_status (order) == CHQ_ORDER_STATUS_CREDITED
      && chq_order_get_paid_at (order) == NULL)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "paid_at");
  if (chq_order_get_status (order) == CHQ_ORDER_STATUS_CANCELLED
      && chq_order_get_cancelled_at (order) == NULL)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "cancelled_at");

  return TRUE;
}

/* Voucher batch */

static const Field voucher_batch_fields[] = {
  ID ("id", "id"),
  ID ("order_id", "order-id"),
  ENUM ("voucher_type", "voucher-type", chq_voucher_type_get_type),
  DATE ("credited_on", "credited-on"),
  DATE ("expires_on", "expires-on"),
  UINT ("quantity", "quantity", 1, MAX_COUNT),
  UINT ("available", "available", 0, MAX_COUNT),
  UINT ("reserved", "reserved", 0, MAX_COUNT),
  UINT ("used", "used", 0, MAX_COUNT),
  END
};

static gboolean
validate_voucher_batch (GObject  *object,
                        GString  *path,
                        GError  **error)
{
  ChqVoucherBatch *batch = CHQ_VOUCHER_BATCH (object);

  if (chq_voucher_batch_get_available (batch) + chq_voucher_batch_get_reserved (batch)
      + chq_voucher_batch_get_used (batch) != chq_voucher_batch_get_quantity (batch))
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "quantity");
  if (strcmp (chq_voucher_batch_get_expires_on (batch),
              chq_voucher_batch_get_credited_on (batch)) < 0)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "expires_on");

  return TRUE;
}

/* Worker */

static const Field worker_request_fields[] = {
  STRING ("first_name", "first-name", 1, CHQ_JSON_MAX_NAME, NULL),
  STRING ("last_name", "last-name", 1, CHQ_JSON_MAX_NAME, NULL),
  ENUM ("status", "status", chq_worker_status_get_type),
  STRING_NULL ("niss", "niss", 11, 11, check_niss),
  STRING_NULL ("email", "email", 3, CHQ_JSON_MAX_EMAIL, check_email),
  END
};

static const Field worker_fields[] = {
  ID ("id", "id"),
  STRING ("first_name", "first-name", 1, CHQ_JSON_MAX_NAME, NULL),
  STRING ("last_name", "last-name", 1, CHQ_JSON_MAX_NAME, NULL),
  ENUM ("status", "status", chq_worker_status_get_type),
  STRING_NULL ("niss", "niss", 11, 11, check_niss),
  STRING_NULL ("email", "email", 3, CHQ_JSON_MAX_EMAIL, check_email),
  BOOLEAN ("archived", "archived"),
  NUMBER ("hours_this_year", "hours-this-year", 0, MAX_COUNT, 0),
  END
};

/* Enrolment: attendance[] is a GArray of ChqAttendanceDay. */

static GArray *
read_attendance_days (JsonNode  *node,
                      guint      min_days,
                      GString   *path,
                      GError   **error)
{
  static const Field hours_field =
    NUMBER ("hours", NULL, 0, 24, FIELD_HALF_STEPS);
  g_autoptr(GArray) days = chq_attendance_days_new ();
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < min_days || n > 366)
    return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize mark = path_push_index (path, i);
      ChqAttendanceDay day = { { 0, }, 0 };
      JsonObject *entry;
      JsonNode *member;
      const char *date;
      gsize member_mark;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;
      entry = json_node_get_object (element);

      member_mark = path_push (path, "date");
      member = json_object_get_member (entry, "date");
      if (member == NULL)
        return fail (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, 0), NULL;
      date = read_text (member, 0, 0, path, error);
      if (date == NULL)
        return NULL;
      if (!chq_json_is_valid_date (date))
        return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
      for (guint k = 0; k < days->len; k++)
        {
          if (strcmp (g_array_index (days, ChqAttendanceDay, k).date, date) == 0)
            return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
        }
      memcpy (day.date, date, 11);
      path_pop (path, member_mark);

      member_mark = path_push (path, "hours");
      member = json_object_get_member (entry, "hours");
      if (member == NULL)
        return fail (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, 0), NULL;
      if (!read_number (member, &hours_field, &day.hours, path, error))
        return NULL;
      path_pop (path, member_mark);

      g_array_append_val (days, day);
      path_pop (path, mark);
    }

  return g_steal_pointer (&days);
}

static void
write_attendance_days (GArray      *days,
                       JsonBuilder *builder)
{
  json_builder_begin_array (builder);
  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      const ChqAttendanceDay *day = &g_array_index (days, ChqAttendanceDay, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, day->date);
      json_builder_set_member_name (builder, "hours");
      write_integral_or_double (builder, day->hours);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
read_attendance (GObject   *object,
                 JsonNode  *node,
                 GString   *path,
                 GError   **error)
{
  g_autoptr(GArray) days = read_attendance_days (node, 0, path, error);

  if (days == NULL)
    return FALSE;

  g_object_set (object, "attendance", days, NULL);

  return TRUE;
}

static void
write_attendance (GObject     *object,
                  JsonBuilder *builder)
{
  write_attendance_days (chq_enrolment_get_attendance (CHQ_ENROLMENT (object)), builder);
}

static const Field enrolment_fields[] = {
  ID ("id", "id"),
  ID ("worker_id", "worker-id"),
  ID ("course_id", "course-id"),
  ID ("session_id", "session-id"),
  ENUM ("status", "status", chq_enrolment_status_get_type),
  STRING ("usage_code", "usage-code", 1, CHQ_JSON_MAX_ID, NULL),
  UINT ("hours", "hours", 1, 10000),
  UINT ("vouchers_reserved", "vouchers-reserved", 0, MAX_COUNT),
  UINT ("vouchers_used", "vouchers-used", 0, MAX_COUNT),
  ENUM ("voucher_type", "voucher-type", chq_voucher_type_get_type),
  STRING ("course_title", "course-title", 1, CHQ_JSON_MAX_TITLE, NULL),
  STRING ("provider_name", "provider-name", 1, CHQ_JSON_MAX_NAME, NULL),
  DATE_TIME ("starts_at", "starts-at"),
  DATE_TIME ("ends_at", "ends-at"),
  CUSTOM ("attendance", read_attendance, write_attendance),
  NUMBER ("hours_attended", "hours-attended", 0, MAX_COUNT, FIELD_HALF_STEPS),
  DATE_TIME ("created_at", "created-at"),
  END
};

static gboolean
validate_enrolment (GObject  *object,
                    GString  *path,
                    GError  **error)
{
  ChqEnrolment *enrolment = CHQ_ENROLMENT (object);

  if (g_date_time_compare (chq_enrolment_get_ends_at (enrolment),
                           chq_enrolment_get_starts_at (enrolment)) < 0)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "ends_at");

  return TRUE;
}

/* Problem */

static const Field problem_fields[] = {
  STRING ("type", "problem-type", 1, CHQ_JSON_MAX_TEXT, NULL),
  STRING ("title", "title", 1, CHQ_JSON_MAX_TEXT, NULL),
  UINT ("status", "status", 100, 599),
  STRING ("detail", "detail", 0, CHQ_JSON_MAX_TEXT, NULL),
  STRING ("code", "code", 1, CHQ_JSON_MAX_WORD, check_word),
  STRING_NULL ("field", "field", 1, CHQ_JSON_MAX_WORD * 4, NULL),
  { .name = "left", .property = "left", .kind = FIELD_INT, .flags = FIELD_OPTIONAL,
    .min = 0, .max = MAX_COUNT },
  END
};

static const Model models[] = {
  { chq_account_get_type, account_fields, NULL },
  { chq_course_get_type, course_fields, validate_course },
  { chq_course_session_get_type, course_session_fields, validate_course_session },
  { chq_location_get_type, location_fields, NULL },
  { chq_order_get_type, order_fields, validate_order },
  { chq_voucher_batch_get_type, voucher_batch_fields, validate_voucher_batch },
  { chq_worker_get_type, worker_fields, NULL },
  { chq_enrolment_get_type, enrolment_fields, validate_enrolment },
  { chq_problem_get_type, problem_fields, NULL },
};

static const Model *
model_for_type (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      if (models[i].type () == type)
        return &models[i];
    }

  return NULL;
}

static GObject *
model_from_json_at (GType      type,
                    JsonNode  *node,
                    GString   *path,
                    GError   **error)
{
  const Model *model = model_for_type (type);
  g_autoptr(GObject) object = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  object = g_object_new (type, NULL);
  if (!read_model_node (object, node, model, path, error))
    return NULL;

  return g_steal_pointer (&object);
}

/**
 * chq_model_from_json:
 * @type: the GType of a model: %CHQ_TYPE_ACCOUNT, %CHQ_TYPE_COURSE,
 *   %CHQ_TYPE_COURSE_SESSION, %CHQ_TYPE_LOCATION, %CHQ_TYPE_ORDER,
 *   %CHQ_TYPE_VOUCHER_BATCH, %CHQ_TYPE_WORKER, %CHQ_TYPE_ENROLMENT or %CHQ_TYPE_PROBLEM
 * @node: a JSON object
 * @error: return location for a #GError
 *
 * Reads a model from its JSON object, strictly (see docs/api.md for every member's rules).
 *
 * Returns: (transfer full): a new object of @type, or %NULL with @error set.
 */
GObject *
chq_model_from_json (GType      type,
                     JsonNode  *node,
                     GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);

  return model_from_json_at (type, node, path, error);
}

/**
 * chq_model_to_json:
 * @model: an object of one of the model types
 *
 * Returns: (transfer full): the JSON object of @model, with every member of the contract
 *   (nullable ones written as null).
 */
JsonNode *
chq_model_to_json (GObject *model)
{
  const Model *descriptor;

  g_return_val_if_fail (G_IS_OBJECT (model), NULL);

  descriptor = model_for_type (G_OBJECT_TYPE (model));
  g_return_val_if_fail (descriptor != NULL, NULL);

  return write_model (model, descriptor);
}

/* The typed wrappers. */
#define CHQ_DEFINE_MODEL_CODEC(TypeName, type_name, TYPE)                                \
  TypeName *                                                                              \
  type_name##_from_json (JsonNode  *node,                                                 \
                         GError   **error)                                                \
  {                                                                                       \
    return (TypeName *) chq_model_from_json (TYPE, node, error);                          \
  }                                                                                       \
                                                                                          \
  JsonNode *                                                                              \
  type_name##_to_json (TypeName *self)                                                    \
  {                                                                                       \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, TYPE), NULL);                 \
    return chq_model_to_json (G_OBJECT (self));                                           \
  }

/**
 * chq_account_from_json: (skip)
 * chq_account_to_json: (skip)
 * chq_course_from_json: (skip)
 * chq_course_to_json: (skip)
 * chq_course_session_from_json: (skip)
 * chq_course_session_to_json: (skip)
 * chq_location_from_json: (skip)
 * chq_location_to_json: (skip)
 * chq_order_from_json: (skip)
 * chq_order_to_json: (skip)
 * chq_voucher_batch_from_json: (skip)
 * chq_voucher_batch_to_json: (skip)
 * chq_worker_from_json: (skip)
 * chq_worker_to_json: (skip)
 * chq_enrolment_from_json: (skip)
 * chq_enrolment_to_json: (skip)
 * chq_problem_from_json: (skip)
 * chq_problem_to_json: (skip)
 *
 * chq_model_from_json() and chq_model_to_json() for one type each.
 */
CHQ_DEFINE_MODEL_CODEC (ChqAccount, chq_account, CHQ_TYPE_ACCOUNT)
CHQ_DEFINE_MODEL_CODEC (ChqCourse, chq_course, CHQ_TYPE_COURSE)
CHQ_DEFINE_MODEL_CODEC (ChqCourseSession, chq_course_session, CHQ_TYPE_COURSE_SESSION)
CHQ_DEFINE_MODEL_CODEC (ChqLocation, chq_location, CHQ_TYPE_LOCATION)
CHQ_DEFINE_MODEL_CODEC (ChqOrder, chq_order, CHQ_TYPE_ORDER)
CHQ_DEFINE_MODEL_CODEC (ChqVoucherBatch, chq_voucher_batch, CHQ_TYPE_VOUCHER_BATCH)
CHQ_DEFINE_MODEL_CODEC (ChqWorker, chq_worker, CHQ_TYPE_WORKER)
CHQ_DEFINE_MODEL_CODEC (ChqEnrolment, chq_enrolment, CHQ_TYPE_ENROLMENT)
CHQ_DEFINE_MODEL_CODEC (ChqProblem, chq_problem, CHQ_TYPE_PROBLEM)

/* Envelopes */

/* The member @name of the object @node as @path.name, or NULL with @error set. */
static JsonNode *
get_member (JsonNode    *node,
            const char  *name,
            gboolean     nullable,
            GString     *path,
            GError     **error)
{
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;

  member = json_object_get_member (json_node_get_object (node), name);
  if (member == NULL && !nullable)
    {
      fail_at (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, name);
      return NULL;
    }
  if (member != NULL && JSON_NODE_HOLDS_NULL (member) && !nullable)
    {
      fail_at (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, name);
      return NULL;
    }

  return member;
}

static JsonArray *
get_array_member (JsonNode    *node,
                  const char  *name,
                  GString     *path,
                  GError     **error)
{
  JsonNode *member = get_member (node, name, FALSE, path, error);

  if (member == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (member))
    return fail_at (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, name), NULL;

  return json_node_get_array (member);
}

/* A string member, checked like a FIELD_STRING. */
static char *
dup_string_member (JsonNode    *node,
                   const char  *name,
                   gint64       min,
                   gint64       max,
                   FieldCheck   check,
                   GString     *path,
                   GError     **error)
{
  JsonNode *member = get_member (node, name, FALSE, path, error);
  const char *text;
  gsize mark;

  if (member == NULL)
    return NULL;

  mark = path_push (path, name);
  text = read_text (member, min, max, path, error);
  if (text != NULL && check != NULL && !check (text))
    text = (fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL);
  path_pop (path, mark);

  return g_strdup (text);
}

static GPtrArray *
read_object_array (JsonArray  *array,
                   GType       item_type,
                   GString    *path,
                   GError    **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      gsize mark = path_push_index (path, i);
      GObject *item = model_from_json_at (item_type, json_array_get_element (array, i), path,
                                          error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
      path_pop (path, mark);
    }

  return g_steal_pointer (&items);
}

static void
write_object_array (JsonBuilder *builder,
                    GPtrArray   *items)
{
  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && i < items->len; i++)
    json_builder_add_value (builder, chq_model_to_json (g_ptr_array_index (items, i)));
  json_builder_end_array (builder);
}

/**
 * chq_list_from_json:
 * @node: a JSON object `{"items": [...]}`
 * @item_type: the model type of the items, like %CHQ_TYPE_ORDER
 * @error: return location for a #GError
 *
 * Reads a collection (GET /v1/orders, /v1/workers, /v1/enrolments). Errors name the
 * member as `items[2].status`.
 *
 * Returns: (transfer full) (element-type GObject): the items, or %NULL with @error set.
 */
GPtrArray *
chq_list_from_json (JsonNode  *node,
                    GType      item_type,
                    GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  JsonArray *array;
  gsize mark;
  GPtrArray *items;

  g_return_val_if_fail (model_for_type (item_type) != NULL, NULL);

  array = get_array_member (node, "items", path, error);
  if (array == NULL)
    return NULL;

  mark = path_push (path, "items");
  items = read_object_array (array, item_type, path, error);
  path_pop (path, mark);

  return items;
}

/**
 * chq_list_to_json:
 * @items: (element-type GObject): model objects
 *
 * Returns: (transfer full): `{"items": [...]}`.
 */
JsonNode *
chq_list_to_json (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  write_object_array (builder, items);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_courses_page_free:
 * @page: (nullable): a #ChqCoursesPage
 *
 * Frees @page and what it holds.
 */
void
chq_courses_page_free (ChqCoursesPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->items_json, json_array_unref);
  if (page->prepared_free != NULL)
    g_clear_pointer (&page->prepared, page->prepared_free);
  g_clear_pointer (&page->text, g_bytes_unref);
  g_clear_pointer (&page->deleted, g_strfreev);
  g_clear_pointer (&page->next, g_free);
  g_free (page);
}

/**
 * chq_courses_page_from_json:
 * @node: a page of the course feed `{items, deleted, next, more}`
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the page, or %NULL with @error set.
 */
ChqCoursesPage *
chq_courses_page_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(ChqCoursesPage) page = g_new0 (ChqCoursesPage, 1);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GStrvBuilder) deleted = g_strv_builder_new ();
  JsonArray *array;
  JsonNode *more;
  gsize mark;

  array = get_array_member (node, "items", path, error);
  if (array == NULL)
    return NULL;
  mark = path_push (path, "items");
  page->items = read_object_array (array, CHQ_TYPE_COURSE, path, error);
  path_pop (path, mark);
  if (page->items == NULL)
    return NULL;
  page->items_json = json_array_ref (array);

  array = get_array_member (node, "deleted", path, error);
  if (array == NULL)
    return NULL;
  mark = path_push (path, "deleted");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize item_mark = path_push_index (path, i);
      const char *id = read_text (json_array_get_element (array, i), 1, CHQ_JSON_MAX_ID, path,
                                  error);

      if (id == NULL)
        return NULL;
      if (!check_id (id))
        return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
      g_strv_builder_add (deleted, id);
      path_pop (path, item_mark);
    }
  path_pop (path, mark);
  page->deleted = g_strv_builder_end (deleted);

  page->next = dup_string_member (node, "next", 1, CHQ_JSON_MAX_CURSOR, NULL, path, error);
  if (page->next == NULL)
    return NULL;

  more = get_member (node, "more", FALSE, path, error);
  if (more == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (more) || json_node_get_value_type (more) != G_TYPE_BOOLEAN)
    return fail_at (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, "more"), NULL;
  page->more = json_node_get_boolean (more);

  return g_steal_pointer (&page);
}

/**
 * chq_courses_page_to_json:
 * @page: a #ChqCoursesPage
 *
 * Returns: (transfer full): the page as the feed sends it.
 */
JsonNode *
chq_courses_page_to_json (ChqCoursesPage *page)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (page != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  write_object_array (builder, page->items);
  json_builder_set_member_name (builder, "deleted");
  json_builder_begin_array (builder);
  for (guint i = 0; page->deleted != NULL && page->deleted[i] != NULL; i++)
    json_builder_add_string_value (builder, page->deleted[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next");
  json_builder_add_string_value (builder, page->next != NULL ? page->next : "");
  json_builder_set_member_name (builder, "more");
  json_builder_add_boolean_value (builder, page->more);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_wallet_new:
 *
 * Returns: (transfer full): an empty wallet: no batches, zero totals.
 */
ChqWallet *
chq_wallet_new (void)
{
  ChqWallet *wallet = g_new0 (ChqWallet, 1);

  wallet->batches = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    wallet->totals[t].expiring_soon = -1;

  return wallet;
}

/**
 * chq_wallet_free:
 * @wallet: (nullable): a #ChqWallet
 *
 * Frees @wallet and what it holds.
 */
void
chq_wallet_free (ChqWallet *wallet)
{
  if (wallet == NULL)
    return;

  g_clear_pointer (&wallet->batches, g_ptr_array_unref);
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    g_clear_pointer (&wallet->totals[t].next_expiry, g_free);
  g_free (wallet);
}

static gboolean
read_wallet_total (ChqWallet  *wallet,
                   gboolean   *seen,
                   JsonNode   *node,
                   GString    *path,
                   GError    **error)
{
  static const char * const counts[] = { "available", "reserved", "used", "expiring_soon" };
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
  ChqWalletTotal total = { 0, 0, 0, -1, NULL };
  g_autofree char *word = NULL;
  JsonNode *member;
  gsize mark;

  word = dup_string_member (node, "voucher_type", 1, CHQ_JSON_MAX_WORD, NULL, path, error);
  if (word == NULL)
    return FALSE;
  if (!chq_voucher_type_from_string (word, &type) || seen[type])
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "voucher_type");

  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    {
      gboolean nullable = (k == 3);
      gint64 value = 0;

      member = get_member (node, counts[k], nullable, path, error);
      if (member == NULL && !nullable)
        return FALSE;
      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;

      mark = path_push (path, counts[k]);
      if (!read_integer (member, 0, MAX_COUNT, &value, path, error))
        return FALSE;
      path_pop (path, mark);

      switch (k)
        {
        case 0: total.available = (guint) value; break;
        case 1: total.reserved = (guint) value; break;
        case 2: total.used = (guint) value; break;
        case 3: total.expiring_soon = (int) value; break;
        default: g_assert_not_reached ();
        }
    }

  member = get_member (node, "next_expiry", TRUE, path, error);
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      const char *date;

      mark = path_push (path, "next_expiry");
      date = read_text (member, 0, 0, path, error);
      if (date == NULL)
        return FALSE;
      if (!chq_json_is_valid_date (date))
        return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
      path_pop (path, mark);
      total.next_expiry = g_strdup (date);
    }

  seen[type] = TRUE;
  wallet->totals[type] = total;

  return TRUE;
}

/**
 * chq_wallet_from_json:
 * @node: the wallet `{batches, totals}`
 * @error: return location for a #GError
 *
 * Reads the wallet. `totals` must hold exactly one entry per voucher type.
 *
 * Returns: (transfer full): the wallet, or %NULL with @error set.
 */
ChqWallet *
chq_wallet_from_json (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(ChqWallet) wallet = chq_wallet_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  gboolean seen[CHQ_N_VOUCHER_TYPES] = { FALSE, };
  JsonArray *array;
  gsize mark;

  array = get_array_member (node, "batches", path, error);
  if (array == NULL)
    return NULL;
  mark = path_push (path, "batches");
  g_clear_pointer (&wallet->batches, g_ptr_array_unref);
  wallet->batches = read_object_array (array, CHQ_TYPE_VOUCHER_BATCH, path, error);
  path_pop (path, mark);
  if (wallet->batches == NULL)
    return NULL;

  array = get_array_member (node, "totals", path, error);
  if (array == NULL)
    return NULL;
  mark = path_push (path, "totals");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize item_mark = path_push_index (path, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;
      if (!read_wallet_total (wallet, seen, element, path, error))
        return NULL;
      path_pop (path, item_mark);
    }
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      if (!seen[t])
        return fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
    }
  path_pop (path, mark);

  return g_steal_pointer (&wallet);
}

/**
 * chq_wallet_to_json:
 * @wallet: a #ChqWallet
 *
 * Returns: (transfer full): the wallet as GET /v1/wallet sends it.
 */
JsonNode *
chq_wallet_to_json (ChqWallet *wallet)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (wallet != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "batches");
  write_object_array (builder, wallet->batches);
  json_builder_set_member_name (builder, "totals");
  json_builder_begin_array (builder);
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      const ChqWalletTotal *total = &wallet->totals[t];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "voucher_type");
      json_builder_add_string_value (builder, chq_voucher_type_to_string (t));
      json_builder_set_member_name (builder, "available");
      json_builder_add_int_value (builder, total->available);
      json_builder_set_member_name (builder, "reserved");
      json_builder_add_int_value (builder, total->reserved);
      json_builder_set_member_name (builder, "used");
      json_builder_add_int_value (builder, total->used);
      json_builder_set_member_name (builder, "expiring_soon");
      if (total->expiring_soon < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, total->expiring_soon);
      json_builder_set_member_name (builder, "next_expiry");
      if (total->next_expiry == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, total->next_expiry);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_session_response_from_json:
 * @node: the answer to POST /v1/sessions `{token, expires_at, account}`
 * @out_token: (out) (optional): the bearer token
 * @out_expires_at: (out) (optional): when the token expires
 * @out_account: (out) (optional): the account signed in to
 * @error: return location for a #GError
 *
 * Returns: whether the answer is valid; the out values are set only then.
 */
gboolean
chq_session_response_from_json (JsonNode    *node,
                                char       **out_token,
                                GDateTime  **out_expires_at,
                                ChqAccount **out_account,
                                GError     **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *token = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GObject) account = NULL;
  JsonNode *member;
  gsize mark;

  token = dup_string_member (node, "token", 1, CHQ_JSON_MAX_TOKEN, NULL, path, error);
  if (token == NULL)
    return FALSE;

  member = get_member (node, "expires_at", FALSE, path, error);
  if (member == NULL)
    return FALSE;
  if (!node_is_string (member))
    return fail_at (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, "expires_at");
  expires_at = parse_date_time (json_node_get_string (member));
  if (expires_at == NULL)
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "expires_at");

  member = get_member (node, "account", FALSE, path, error);
  if (member == NULL)
    return FALSE;
  mark = path_push (path, "account");
  account = model_from_json_at (CHQ_TYPE_ACCOUNT, member, path, error);
  path_pop (path, mark);
  if (account == NULL)
    return FALSE;

  if (out_token != NULL)
    *out_token = g_steal_pointer (&token);
  if (out_expires_at != NULL)
    *out_expires_at = g_steal_pointer (&expires_at);
  if (out_account != NULL)
    *out_account = CHQ_ACCOUNT (g_steal_pointer (&account));

  return TRUE;
}

/**
 * chq_session_response_to_json:
 * @token: the bearer token
 * @expires_at: when it expires
 * @account: the account
 *
 * Returns: (transfer full): `{token, expires_at, account}`.
 */
JsonNode *
chq_session_response_to_json (const char *token,
                              GDateTime  *expires_at,
                              ChqAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *expires_text = NULL;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (expires_at != NULL, NULL);
  g_return_val_if_fail (CHQ_IS_ACCOUNT (account), NULL);

  expires_text = chq_json_format_date_time (expires_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_set_member_name (builder, "account");
  json_builder_add_value (builder, chq_account_to_json (account));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Requests */

/**
 * chq_session_request_to_json:
 * @enterprise_number: the enterprise number, as the user typed it or normalised
 * @password: the password
 *
 * Returns: (transfer full): `{enterprise_number, password}`.
 */
JsonNode *
chq_session_request_to_json (const char *enterprise_number,
                             const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (enterprise_number != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enterprise_number");
  json_builder_add_string_value (builder, enterprise_number);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_session_request_from_json:
 * @node: a sign-in request
 * @out_enterprise_number: (out) (optional): the enterprise number as sent (up to 32
 *   characters; the server normalises and checks it)
 * @out_password: (out) (optional): the password
 * @error: return location for a #GError
 *
 * Returns: whether the request is well-formed.
 */
gboolean
chq_session_request_from_json (JsonNode  *node,
                               char     **out_enterprise_number,
                               char     **out_password,
                               GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *number = NULL;
  g_autofree char *password = NULL;

  number = dup_string_member (node, "enterprise_number", 1, 32, NULL, path, error);
  if (number == NULL)
    return FALSE;
  password = dup_string_member (node, "password", 1, CHQ_JSON_MAX_PASSWORD, NULL, path, error);
  if (password == NULL)
    return FALSE;

  if (out_enterprise_number != NULL)
    *out_enterprise_number = g_steal_pointer (&number);
  if (out_password != NULL)
    *out_password = g_steal_pointer (&password);

  return TRUE;
}

/**
 * chq_order_request_to_json:
 * @voucher_type: the voucher type to order
 * @quantity: how many vouchers
 *
 * Returns: (transfer full): `{voucher_type, quantity}`.
 */
JsonNode *
chq_order_request_to_json (ChqVoucherType voucher_type,
                           guint          quantity)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "voucher_type");
  json_builder_add_string_value (builder, chq_voucher_type_to_string (voucher_type));
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, quantity);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_order_request_from_json:
 * @node: an order request
 * @out_voucher_type: (out) (optional): the voucher type
 * @out_quantity: (out) (optional): the quantity, at least 1 (the ceiling is the
 *   server's business)
 * @error: return location for a #GError
 *
 * Returns: whether the request is well-formed.
 */
gboolean
chq_order_request_from_json (JsonNode        *node,
                             ChqVoucherType  *out_voucher_type,
                             guint           *out_quantity,
                             GError         **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *word = NULL;
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
  JsonNode *member;
  gint64 quantity = 0;
  gsize mark;

  word = dup_string_member (node, "voucher_type", 1, CHQ_JSON_MAX_WORD, NULL, path, error);
  if (word == NULL)
    return FALSE;
  if (!chq_voucher_type_from_string (word, &type))
    return fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "voucher_type");

  member = get_member (node, "quantity", FALSE, path, error);
  if (member == NULL)
    return FALSE;
  mark = path_push (path, "quantity");
  if (!read_integer (member, 1, MAX_COUNT, &quantity, path, error))
    return FALSE;
  path_pop (path, mark);

  if (out_voucher_type != NULL)
    *out_voucher_type = type;
  if (out_quantity != NULL)
    *out_quantity = (guint) quantity;

  return TRUE;
}

/**
 * chq_worker_request_to_json:
 * @worker: a worker as a form edited it
 *
 * Returns: (transfer full): `{first_name, last_name, status, niss, email}` (niss and email
 *   null when unset).
 */
JsonNode *
chq_worker_request_to_json (ChqWorker *worker)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CHQ_IS_WORKER (worker), NULL);

  json_builder_begin_object (builder);
  write_members (G_OBJECT (worker), builder, worker_request_fields);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_worker_request_from_json:
 * @node: a worker request (POST /v1/workers, PUT /v1/workers/{id})
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a worker with the editable fields set (no id), or %NULL with
 *   @error set.
 */
ChqWorker *
chq_worker_request_from_json (JsonNode  *node,
                              GError   **error)
{
  static const Model request_model = { chq_worker_get_type, worker_request_fields, NULL };
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(ChqWorker) worker = chq_worker_new ();

  if (!read_model_node (G_OBJECT (worker), node, &request_model, path, error))
    return NULL;

  return g_steal_pointer (&worker);
}

/**
 * chq_enrolment_request_to_json:
 * @worker_id: the worker to book
 * @course_id: the course
 * @session_id: the session of that course
 *
 * Returns: (transfer full): `{worker_id, course_id, session_id}`.
 */
JsonNode *
chq_enrolment_request_to_json (const char *worker_id,
                               const char *course_id,
                               const char *session_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (worker_id != NULL && course_id != NULL && session_id != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "worker_id");
  json_builder_add_string_value (builder, worker_id);
  json_builder_set_member_name (builder, "course_id");
  json_builder_add_string_value (builder, course_id);
  json_builder_set_member_name (builder, "session_id");
  json_builder_add_string_value (builder, session_id);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_enrolment_request_from_json:
 * @node: a booking request
 * @out_worker_id: (out) (optional): the worker id
 * @out_course_id: (out) (optional): the course id
 * @out_session_id: (out) (optional): the session id
 * @error: return location for a #GError
 *
 * Returns: whether the request is well-formed (whether the ids exist is the server's
 *   business).
 */
gboolean
chq_enrolment_request_from_json (JsonNode  *node,
                                 char     **out_worker_id,
                                 char     **out_course_id,
                                 char     **out_session_id,
                                 GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *worker_id = NULL;
  g_autofree char *course_id = NULL;
  g_autofree char *session_id = NULL;

  worker_id = dup_string_member (node, "worker_id", 1, CHQ_JSON_MAX_ID, check_id, path, error);
  if (worker_id == NULL)
    return FALSE;
  course_id = dup_string_member (node, "course_id", 1, CHQ_JSON_MAX_ID, check_id, path, error);
  if (course_id == NULL)
    return FALSE;
  session_id = dup_string_member (node, "session_id", 1, CHQ_JSON_MAX_ID, check_id, path,
                                  error);
  if (session_id == NULL)
    return FALSE;

  if (out_worker_id != NULL)
    *out_worker_id = g_steal_pointer (&worker_id);
  if (out_course_id != NULL)
    *out_course_id = g_steal_pointer (&course_id);
  if (out_session_id != NULL)
    *out_session_id = g_steal_pointer (&session_id);

  return TRUE;
}

/**
 * chq_attendance_request_to_json:
 * @days: (element-type ChqAttendanceDay): the days attended
 *
 * Returns: (transfer full): `{days: [{date, hours}]}`.
 */
JsonNode *
chq_attendance_request_to_json (GArray *days)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (days != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "days");
  write_attendance_days (days, builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_attendance_request_from_json:
 * @node: an attendance request
 * @error: return location for a #GError
 *
 * Reads 1 to 366 days, each a distinct real date with hours from 0 to 24 in steps of 0.5
 * (the daily caps of the scheme are the server's business).
 *
 * Returns: (transfer full) (element-type ChqAttendanceDay): the days, or %NULL with @error
 *   set.
 */
GArray *
chq_attendance_request_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  JsonNode *member;
  GArray *days;
  gsize mark;

  member = get_member (node, "days", FALSE, path, error);
  if (member == NULL)
    return NULL;

  mark = path_push (path, "days");
  days = read_attendance_days (member, 1, path, error);
  path_pop (path, mark);

  return days;
}
