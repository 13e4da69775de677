/* chq-json-check.c: the strict RFC 8259 check run before json-glib reads a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 reads more than JSON: single-quoted strings, comments, hexadecimal and
 * octal numbers, `\x` escapes, a second document after the first (dropped), and it wraps
 * integers past 64 bits (-18446744073709551606 becomes 10). It also follows nesting
 * recursively without a limit. Every document from a party that is not trusted passes
 * this check first: one scan, no recursion, no allocation but the nesting stack.
 */
#define G_LOG_DOMAIN "chq-json-check"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chq-json-check.h"

/* Where a fault's path shows a key that is long or escaped. */
#define PATH_MAX_KEY 64

typedef struct {
  gboolean in_object;
  guint    index;    /* arrays: the current element */
  gsize    key;      /* objects: offset of the current key's text (inside its quotes) */
  gsize    key_len;
} Frame;

typedef struct {
  const guchar *data;
  gsize         len;
  gsize         i;        /* the scan's position */
  Frame        *frames;   /* owned, max_depth of them */
  guint         depth;
} Scan;

/* Bytes a string holds as they are: printable ASCII but the quote and the backslash.
 * Anything else (control characters, quote, backslash, UTF-8 sequences) is looked at. */
static const guint8 plain_byte[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x00 */
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  /* 0x10 */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x20: '"' */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x30 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x40 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,  /* 0x50: '\\' */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x60 */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,  /* 0x70 */
  /* 0x80 to 0xff: 0 */
};

static inline gboolean
is_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xc0) == 0x80;
}

static gsize
skip_space (const Scan *scan,
            gsize       i)
{
  while (i < scan->len)
    {
      guchar c = scan->data[i];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      i++;
    }
  return i;
}

/* The length of the well-formed UTF-8 sequence at @s (Unicode table 3-7: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0. */
static gsize
utf8_sequence_length (const guchar *s,
                      gsize         avail)
{
  guchar c = s[0];
  guchar low = 0x80, high = 0xbf;

  if (c >= 0xc2 && c <= 0xdf)
    return avail >= 2 && is_continuation (s[1]) ? 2 : 0;

  if (c >= 0xe0 && c <= 0xef)
    {
      if (avail < 3 || !is_continuation (s[2]))
        return 0;
      if (c == 0xe0)
        low = 0xa0;
      else if (c == 0xed)
        high = 0x9f;
      return s[1] >= low && s[1] <= high ? 3 : 0;
    }

  if (c >= 0xf0 && c <= 0xf4)
    {
      if (avail < 4 || !is_continuation (s[2]) || !is_continuation (s[3]))
        return 0;
      if (c == 0xf0)
        low = 0x90;
      else if (c == 0xf4)
        high = 0x8f;
      return s[1] >= low && s[1] <= high ? 4 : 0;
    }

  return 0;
}

/* Four hexadecimal digits at @i into *out_unit. */
static gboolean
read_hex4 (const Scan *scan,
           gsize       i,
           guint      *out_unit)
{
  guint unit = 0;

  if (i > scan->len || scan->len - i < 4)
    return FALSE;
  for (guint k = 0; k < 4; k++)
    {
      guchar c = scan->data[i + k];

      unit <<= 4;
      if (c >= '0' && c <= '9')
        unit |= c - '0';
      else if (c >= 'a' && c <= 'f')
        unit |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        unit |= c - 'A' + 10;
      else
        return FALSE;
    }
  *out_unit = unit;
  return TRUE;
}

/* A string from its opening quote at scan->i; on success scan->i is just past the closing
 * quote. The escapes are RFC 8259's only; \u0000 and surrogates that do not pair are
 * BAD_TEXT (valid JSON, but no valid text). */
static ChqJsonCheckResult
scan_string (Scan *scan)
{
  const guchar *data = scan->data;
  gsize len = scan->len;
  gsize i = scan->i + 1;

  for (;;)
    {
      guchar c;

      while (i < len && plain_byte[data[i]])
        i++;
      if (i >= len)
        break;

      c = data[i];
      if (c == '"')
        {
          scan->i = i + 1;
          return CHQ_JSON_CHECK_OK;
        }

      if (c == '\\')
        {
          guint unit, low;

          if (i + 1 >= len)
            break;
          switch (data[i + 1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              i += 2;
              continue;
            case 'u':
              if (!read_hex4 (scan, i + 2, &unit))
                break;
              scan->i = i;
              i += 6;
              if (unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
                return CHQ_JSON_CHECK_BAD_TEXT;
              if (unit >= 0xd800 && unit <= 0xdbff)
                {
                  if (i + 1 >= len || data[i] != '\\' || data[i + 1] != 'u')
                    return CHQ_JSON_CHECK_BAD_TEXT;
                  if (!read_hex4 (scan, i + 2, &low))
                    break;
                  if (low < 0xdc00 || low > 0xdfff)
                    return CHQ_JSON_CHECK_BAD_TEXT;
                  i += 6;
                }
              continue;
            default:
              break;
            }
          /* An escape JSON does not have (\x41, \', \0, \U), or a short \u. */
          break;
        }

      if (c < 0x20)
        /* A raw control character (RFC 8259 wants it escaped), NUL included. */
        break;

      {
        gsize n = utf8_sequence_length (data + i, len - i);

        if (n == 0)
          break;
        i += n;
      }
    }

  scan->i = i;
  return CHQ_JSON_CHECK_NOT_JSON;
}

/* Whether the digits of an integer (no sign, no leading zero) fit a gint64. */
static gboolean
fits_int64 (const guchar *digits,
            gsize         n_digits,
            gboolean      negative)
{
  if (n_digits < 19)
    return TRUE;
  if (n_digits > 19)
    return FALSE;
  return memcmp (digits, negative ? "9223372036854775808" : "9223372036854775807", 19) <= 0;
}

/* A number from its first byte at scan->i, by RFC 8259's grammar: no '+', no leading
 * zero, digits on both sides of a '.', an exponent with digits. What follows it is the
 * caller's to judge ("010" is "0" followed by "10": refused there). */
static ChqJsonCheckResult
scan_number (Scan *scan)
{
  const guchar *data = scan->data;
  gsize len = scan->len;
  gsize i = scan->i;
  gboolean negative = FALSE;
  gboolean integral = TRUE;
  gboolean exponent = FALSE;
  gsize digits;

  if (data[i] == '-')
    {
      negative = TRUE;
      i++;
    }
  if (i >= len || !is_digit (data[i]))
    return CHQ_JSON_CHECK_NOT_JSON;

  digits = i;
  if (data[i] == '0')
    i++;
  else
    while (i < len && is_digit (data[i]))
      i++;

  if (i < len && data[i] == '.')
    {
      integral = FALSE;
      i++;
      if (i >= len || !is_digit (data[i]))
        return CHQ_JSON_CHECK_NOT_JSON;
      while (i < len && is_digit (data[i]))
        i++;
    }
  if (i < len && (data[i] == 'e' || data[i] == 'E'))
    {
      integral = FALSE;
      exponent = TRUE;
      i++;
      if (i < len && (data[i] == '+' || data[i] == '-'))
        i++;
      if (i >= len || !is_digit (data[i]))
        return CHQ_JSON_CHECK_NOT_JSON;
      while (i < len && is_digit (data[i]))
        i++;
    }

  if (integral && !fits_int64 (data + digits, i - digits, negative))
    return CHQ_JSON_CHECK_BAD_NUMBER;
  /* 1e400 would be read as infinity: only a number with an exponent or hundreds of
   * digits can be. */
  if (exponent || i - scan->i > 300)
    {
      g_autofree char *text = g_strndup ((const char *) data + scan->i, i - scan->i);

      if (isinf (g_ascii_strtod (text, NULL)))
        return CHQ_JSON_CHECK_BAD_NUMBER;
    }

  scan->i = i;
  return CHQ_JSON_CHECK_OK;
}

static ChqJsonCheckResult
scan_literal (Scan       *scan,
              const char *word)
{
  gsize n = strlen (word);

  if (scan->len - scan->i < n || memcmp (scan->data + scan->i, word, n) != 0)
    return CHQ_JSON_CHECK_NOT_JSON;
  scan->i += n;
  return CHQ_JSON_CHECK_OK;
}

/* An object's key from its opening quote at scan->i, then the colon: on success scan->i
 * is at the member's value. */
static ChqJsonCheckResult
scan_key (Scan *scan)
{
  Frame *frame = &scan->frames[scan->depth - 1];
  ChqJsonCheckResult result;
  gsize start = scan->i;

  if (start >= scan->len || scan->data[start] != '"')
    return CHQ_JSON_CHECK_NOT_JSON;
  /* A key with no valid text is no member name at all. */
  if ((result = scan_string (scan)) != CHQ_JSON_CHECK_OK)
    return CHQ_JSON_CHECK_NOT_JSON;
  frame->key = start + 1;
  frame->key_len = scan->i - 1 - frame->key;

  scan->i = skip_space (scan, scan->i);
  if (scan->i >= scan->len || scan->data[scan->i] != ':')
    return CHQ_JSON_CHECK_NOT_JSON;
  scan->i = skip_space (scan, scan->i + 1);
  return CHQ_JSON_CHECK_OK;
}

/* One value at scan->i (after space): a scalar is read whole; an opening bracket pushes a
 * frame and leaves scan->i at its first value (*out_opened set), or just past it when it
 * is empty. */
static ChqJsonCheckResult
scan_value (Scan     *scan,
            guint     max_depth,
            gboolean *out_opened)
{
  guchar c;

  if (scan->i >= scan->len)
    return CHQ_JSON_CHECK_NOT_JSON;

  c = scan->data[scan->i];
  switch (c)
    {
    case '"':
      return scan_string (scan);
    case 't':
      return scan_literal (scan, "true");
    case 'f':
      return scan_literal (scan, "false");
    case 'n':
      return scan_literal (scan, "null");
    case '{':
    case '[':
      {
        Frame *frame;

        if (scan->depth >= max_depth)
          return CHQ_JSON_CHECK_TOO_DEEP;
        frame = &scan->frames[scan->depth++];
        frame->in_object = c == '{';
        frame->index = 0;
        frame->key = 0;
        frame->key_len = 0;

        scan->i = skip_space (scan, scan->i + 1);
        if (scan->i < scan->len && scan->data[scan->i] == (c == '{' ? '}' : ']'))
          {
            scan->depth--;
            scan->i++;
            return CHQ_JSON_CHECK_OK;
          }
        *out_opened = TRUE;
        return frame->in_object ? scan_key (scan) : CHQ_JSON_CHECK_OK;
      }
    default:
      if (c == '-' || is_digit (c))
        return scan_number (scan);
      return CHQ_JSON_CHECK_NOT_JSON;
    }
}

/* The path of the member at fault, from the frames' keys and indices. */
static char *
fault_path (const Scan *scan)
{
  GString *path = g_string_new (NULL);

  for (guint k = 0; k < scan->depth; k++)
    {
      const Frame *frame = &scan->frames[k];

      if (!frame->in_object)
        {
          g_string_append_printf (path, "[%u]", frame->index);
          continue;
        }
      if (path->len > 0)
        g_string_append_c (path, '.');
      if (frame->key_len > PATH_MAX_KEY ||
          memchr (scan->data + frame->key, '\\', frame->key_len) != NULL)
        g_string_append (path, "…");
      else
        g_string_append_len (path, (const char *) scan->data + frame->key, frame->key_len);
    }

  return g_string_free (path, FALSE);
}

/**
 * chq_json_check:
 * @data: the bytes of a document
 * @len: their length
 * @max_depth: the deepest nesting of arrays and objects allowed (at least 1)
 * @out_fault: (out caller-allocates) (optional): where the check stopped, and the path
 *   of the member at fault; clear it with chq_json_check_fault_clear()
 *
 * Checks that @data is exactly one JSON text by RFC 8259, in UTF-8: no single quotes,
 * comments, unknown escapes, raw control characters, numbers outside the grammar (`010`,
 * `-01`, `0x10`, `2.`, `.2`, `+1`) or second document, no byte-order mark. It also
 * refuses, naming the member, what RFC 8259 allows but no reader here can hold: strings
 * with `\u0000` or a surrogate that does not pair, integers outside the 64-bit signed
 * range (json-glib would wrap them) and numbers past a double's range (infinity).
 * Nesting is followed with a stack of @max_depth frames, never by recursion.
 *
 * Returns: %CHQ_JSON_CHECK_OK, or what is wrong
 */
ChqJsonCheckResult
chq_json_check (const char        *data,
                gsize              len,
                guint              max_depth,
                ChqJsonCheckFault *out_fault)
{
  g_autofree Frame *frames = NULL;
  ChqJsonCheckResult result;
  Scan scan = { (const guchar *) data, len, 0, NULL, 0 };

  g_return_val_if_fail (data != NULL || len == 0, CHQ_JSON_CHECK_NOT_JSON);
  g_return_val_if_fail (max_depth >= 1, CHQ_JSON_CHECK_NOT_JSON);

  if (out_fault != NULL)
    {
      out_fault->offset = 0;
      out_fault->path = NULL;
    }

  frames = g_new (Frame, max_depth);
  scan.frames = frames;
  scan.i = skip_space (&scan, 0);

  for (;;)
    {
      gboolean opened = FALSE;

      if ((result = scan_value (&scan, max_depth, &opened)) != CHQ_JSON_CHECK_OK)
        break;
      if (opened)
        /* At the first value of a new array or object. */
        continue;

      /* After a value: a comma, a closing bracket, or the end of the document. */
      for (;;)
        {
          Frame *top;

          scan.i = skip_space (&scan, scan.i);
          if (scan.depth == 0)
            {
              result = scan.i == scan.len ? CHQ_JSON_CHECK_OK : CHQ_JSON_CHECK_NOT_JSON;
              goto out;
            }
          if (scan.i >= scan.len)
            {
              result = CHQ_JSON_CHECK_NOT_JSON;
              goto out;
            }
          top = &scan.frames[scan.depth - 1];
          if (scan.data[scan.i] == (top->in_object ? '}' : ']'))
            {
              scan.depth--;
              scan.i++;
              continue;
            }
          if (scan.data[scan.i] != ',')
            {
              result = CHQ_JSON_CHECK_NOT_JSON;
              goto out;
            }
          scan.i = skip_space (&scan, scan.i + 1);
          if (top->in_object)
            {
              if ((result = scan_key (&scan)) != CHQ_JSON_CHECK_OK)
                goto out;
            }
          else
            top->index++;
          break;
        }
    }

out:
  if (out_fault != NULL)
    {
      out_fault->offset = scan.i;
      if (result == CHQ_JSON_CHECK_BAD_TEXT || result == CHQ_JSON_CHECK_BAD_NUMBER)
        out_fault->path = fault_path (&scan);
    }

  return result;
}

/**
 * chq_json_check_fault_clear:
 * @fault: a fault filled by chq_json_check()
 *
 * Frees what @fault holds.
 */
void
chq_json_check_fault_clear (ChqJsonCheckFault *fault)
{
  if (fault != NULL)
    g_clear_pointer (&fault->path, g_free);
}
