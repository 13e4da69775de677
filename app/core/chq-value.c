/* chq-value.c: the one check of each plain value the API carries (dates, e-mail addresses)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The codec, the forms and the sandbox all call these, so that a value one layer accepts
 * is never refused by another (the Belgian identifiers have theirs in chq-ident.c).
 */
#define G_LOG_DOMAIN "chq-value"

#include "config.h"

#include <string.h>

#include "chq-value.h"

/**
 * chq_date_parse:
 * @text: (nullable): text to read
 * @out_date: (out) (optional): the date read; cleared when @text is not one
 *
 * Reads a calendar date written exactly `YYYY-MM-DD` (ISO 8601, the API's form): ten
 * characters, ASCII digits, a real day of a year from 1 to 9999. Nothing else: no
 * surrounding space, no time, no week or ordinal dates, no locale's forms.
 *
 * Returns: whether @text is such a date
 */
gboolean
chq_date_parse (const char *text,
                GDate      *out_date)
{
  guint year, month, day;

  if (out_date != NULL)
    g_date_clear (out_date, 1);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);

  if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  if (out_date != NULL)
    g_date_set_dmy (out_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return TRUE;
}

/**
 * chq_date_is_valid:
 * @text: (nullable): text to check
 *
 * Returns: whether @text is a date chq_date_parse() reads
 */
gboolean
chq_date_is_valid (const char *text)
{
  return chq_date_parse (text, NULL);
}

/**
 * chq_email_is_valid:
 * @text: (nullable): an address, already trimmed by the caller if it trims
 *
 * The service's rule (docs/api.md, Limits), deliberately simple: valid UTF-8, 3 to
 * %CHQ_EMAIL_MAX_CHARS characters, no space or control character of any script, exactly
 * one `@` with text before it, and after it a domain of at least two labels: it holds a
 * dot, neither starts nor ends with one and has no two in a row.
 *
 * Returns: whether @text is an acceptable address
 */
gboolean
chq_email_is_valid (const char *text)
{
  const char *at;
  const char *domain;
  glong length;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  length = g_utf8_strlen (text, -1);
  if (length < 3 || length > CHQ_EMAIL_MAX_CHARS)
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_FORMAT)
        return FALSE;
    }

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  domain = at + 1;
  return strchr (domain, '.') != NULL && domain[0] != '.' &&
         !g_str_has_suffix (domain, ".") && strstr (domain, "..") == NULL;
}
