/* chq-money.c: amounts in integer euro cents, as text for people and for files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-money"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "chq-money.h"

G_DEFINE_QUARK (chq-money-error-quark, chq_money_error)

#define EURO_SIGN "\u20ac"
#define NBSP      "\u00a0"
#define NNBSP     "\u202f"

/* A localeconv() string (in the locale's charset) as UTF-8; NULL when empty. Plain spaces
 * become no-break spaces, so that an amount never breaks over two lines. */
static char *
locale_text_to_utf8 (const char *text)
{
  g_autofree char *utf8 = NULL;
  GString *out;

  if (text == NULL || text[0] == '\0')
    return NULL;

  utf8 = g_locale_to_utf8 (text, -1, NULL, NULL, NULL);
  if (utf8 == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = utf8; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append (out, NBSP);
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Appends the digits of @units grouped by three with @thousands_sep (none when NULL). */
static void
append_grouped (GString    *out,
                guint64     units,
                const char *thousands_sep)
{
  char digits[32];
  gsize n_digits;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, units);
  n_digits = strlen (digits);

  for (gsize i = 0; i < n_digits; i++)
    {
      if (thousands_sep != NULL && i > 0 && (n_digits - i) % 3 == 0)
        g_string_append (out, thousands_sep);
      g_string_append_c (out, digits[i]);
    }
}

/* Puts the number, the symbol and the sign together following POSIX's cs_precedes,
 * sep_by_space and sign_posn (see localeconv(3)). */
static char *
compose (const char *number,
         const char *symbol,
         const char *sign,
         gboolean    cs_precedes,
         int         sep_by_space,
         int         sign_posn,
         const char *space)
{
  /* space between the symbol (with a sign next to it) and the number */
  const char *gap = sep_by_space == 1 ? space : "";
  /* space between the sign and what it is next to */
  const char *inner = sep_by_space == 2 ? space : "";
  GString *out = g_string_new (NULL);

  if (sign[0] == '\0' && sign_posn != 0)
    sign_posn = 1;

  switch (sign_posn)
    {
    case 0:
      if (sign[0] == '\0')
        {
          g_string_append_printf (out, "%s%s%s",
                                  cs_precedes ? symbol : number,
                                  sep_by_space ? space : "",
                                  cs_precedes ? number : symbol);
        }
      else
        {
          g_string_append_printf (out, "(%s%s%s)",
                                  cs_precedes ? symbol : number,
                                  sep_by_space ? space : "",
                                  cs_precedes ? number : symbol);
        }
      break;

    case 2:
      if (cs_precedes)
        g_string_append_printf (out, "%s%s%s%s%s", symbol, gap, number, inner, sign);
      else
        g_string_append_printf (out, "%s%s%s%s%s", number, gap, symbol, inner, sign);
      break;

    case 3:
      if (cs_precedes)
        g_string_append_printf (out, "%s%s%s%s%s", sign, inner, symbol, gap, number);
      else
        g_string_append_printf (out, "%s%s%s%s%s", number, gap, sign, inner, symbol);
      break;

    case 4:
      if (cs_precedes)
        g_string_append_printf (out, "%s%s%s%s%s", symbol, inner, sign, gap, number);
      else
        g_string_append_printf (out, "%s%s%s%s%s", number, gap, symbol, inner, sign);
      break;

    case 1:
    default:
      if (cs_precedes)
        g_string_append_printf (out, "%s%s%s%s%s", sign, inner, symbol, gap, number);
      else
        g_string_append_printf (out, "%s%s%s%s%s", sign, inner, number, gap, symbol);
      break;
    }

  return g_string_free (out, FALSE);
}

/**
 * chq_money_format:
 * @cents: an amount in euro cents, negative allowed
 *
 * Formats @cents as euros for people, in the current LC_MONETARY locale as localeconv()
 * describes it: its decimal and thousands separators (grouped by three), where the symbol
 * goes, the spacing and the sign. The symbol is always the euro sign, whatever currency the
 * locale has; spaces are no-break spaces (U+00A0, or U+202F when the locale's thousands
 * separator is U+202F). For example `1.234,50 €` in fr_BE, `€ 1.234,50` in nl_BE and de_BE,
 * `€1,234.50` in en_US.
 *
 * A locale without monetary data (C, POSIX) gives plain ASCII: `EUR 1234.50` and
 * `-EUR 1234.50`.
 *
 * Like localeconv(), call it from the thread that sets the locale (the main thread): format
 * on the main thread, or keep integer cents in worker threads.
 *
 * Returns: (transfer full): the text
 */
char *
chq_money_format (gint64 cents)
{
  const struct lconv *lc = localeconv ();
  gboolean negative = cents < 0;
  guint64 magnitude = negative ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;
  g_autofree char *decimal_point = NULL;
  g_autofree char *thousands_sep = NULL;
  g_autofree char *sign = NULL;
  g_autoptr(GString) number = g_string_new (NULL);
  const char *space = NBSP;
  char cs_precedes, sep_by_space, sign_posn;

  decimal_point = locale_text_to_utf8 (lc->mon_decimal_point);

  if (decimal_point == NULL)
    {
      /* No monetary data: C or POSIX. */
      char digits[48];

      g_snprintf (digits, sizeof digits,
                  "%" G_GUINT64_FORMAT ".%02u",
                  magnitude / 100, (guint) (magnitude % 100));
      return g_strdup_printf ("%sEUR %s", negative ? "-" : "", digits);
    }

  thousands_sep = locale_text_to_utf8 (lc->mon_thousands_sep);
  if (thousands_sep != NULL && strcmp (thousands_sep, NNBSP) == 0)
    space = NNBSP;

  append_grouped (number, magnitude / 100, thousands_sep);
  g_string_append_printf (number, "%s%02u", decimal_point, (guint) (magnitude % 100));

  if (negative)
    {
      sign = locale_text_to_utf8 (lc->negative_sign);
      if (sign == NULL)
        sign = g_strdup ("-");
      cs_precedes = lc->n_cs_precedes;
      sep_by_space = lc->n_sep_by_space;
      sign_posn = lc->n_sign_posn;
    }
  else
    {
      sign = locale_text_to_utf8 (lc->positive_sign);
      if (sign == NULL)
        sign = g_strdup ("");
      cs_precedes = lc->p_cs_precedes;
      sep_by_space = lc->p_sep_by_space;
      sign_posn = lc->p_sign_posn;
    }

  /* CHAR_MAX means "not given": use the most common European layout. */
  if (cs_precedes == CHAR_MAX)
    cs_precedes = 0;
  if (sep_by_space == CHAR_MAX)
    sep_by_space = 1;
  if (sign_posn == CHAR_MAX)
    sign_posn = 1;

  return compose (number->str, EURO_SIGN, sign,
                  cs_precedes != 0, sep_by_space, sign_posn, space);
}

/**
 * chq_money_format_plain:
 * @cents: an amount in euro cents, negative allowed
 *
 * Formats @cents the same way in every locale, for CSV, JSON and tests:
 * `1234.50`, `-0.05`, `0.00`.
 *
 * Returns: (transfer full): the text
 */
char *
chq_money_format_plain (gint64 cents)
{
  gboolean negative = cents < 0;
  guint64 magnitude = negative ? (guint64) (-(cents + 1)) + 1 : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          negative ? "-" : "",
                          magnitude / 100, (guint) (magnitude % 100));
}

/* Whether @p starts with a space of any kind people type or paste; sets its length. */
static gboolean
is_space_at (const char *p,
             gsize      *out_len)
{
  static const char *const spaces[] = { " ", "\t", NBSP, NNBSP, "\u2009", "'", "\u2019" };

  for (guint i = 0; i < G_N_ELEMENTS (spaces); i++)
    {
      gsize len = strlen (spaces[i]);

      if (strncmp (p, spaces[i], len) == 0)
        {
          *out_len = len;
          return TRUE;
        }
    }

  return FALSE;
}

/* Removes the currency ("€", "EUR", any case) and spaces from both ends of @text. */
static char *
strip_currency (const char *text)
{
  g_autofree char *s = g_strdup (text);
  gboolean changed = TRUE;
  char *start = s;
  gsize len;

  while (changed)
    {
      gsize n;

      changed = FALSE;
      len = strlen (start);

      if (is_space_at (start, &n) && start[0] != '\'')
        {
          start += n;
          changed = TRUE;
        }
      else if (g_str_has_prefix (start, EURO_SIGN))
        {
          start += strlen (EURO_SIGN);
          changed = TRUE;
        }
      else if (g_ascii_strncasecmp (start, "EUR", 3) == 0)
        {
          start += 3;
          changed = TRUE;
        }
      else if (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
        {
          start[len - 1] = '\0';
          changed = TRUE;
        }
      else if (g_str_has_suffix (start, NBSP))
        {
          start[len - strlen (NBSP)] = '\0';
          changed = TRUE;
        }
      else if (g_str_has_suffix (start, NNBSP))
        {
          start[len - strlen (NNBSP)] = '\0';
          changed = TRUE;
        }
      else if (g_str_has_suffix (start, EURO_SIGN))
        {
          start[len - strlen (EURO_SIGN)] = '\0';
          changed = TRUE;
        }
      else if (len >= 3 && g_ascii_strcasecmp (start + len - 3, "EUR") == 0)
        {
          start[len - 3] = '\0';
          changed = TRUE;
        }
    }

  return g_strdup (start);
}

typedef struct {
  char separator;  /* the separator before this group: 0 for the first, ' ', '.' or ',' */
  GString *digits; /* owned */
} DigitGroup;

static void
digit_group_clear (gpointer data)
{
  DigitGroup *group = data;

  g_string_free (group->digits, TRUE);
}

static gboolean
set_invalid (const char  *text,
             GError     **error)
{
  g_set_error (error, CHQ_MONEY_ERROR, CHQ_MONEY_ERROR_INVALID,
               _("“%s” is not an amount. Enter a number of euros, like 12,50."), text);
  return FALSE;
}

/**
 * chq_money_parse:
 * @text: what a person typed, like `12,50`, `12.50`, `1 234,5`, `€ 7` or `1.234,50 €`
 * @out_cents: (out): the amount in cents
 * @error: return location for a #CHQ_MONEY_ERROR
 *
 * Reads an amount of euros typed in any of the ways people in Belgium write one: a comma or a
 * dot as the decimal separator, spaces, dots, commas or apostrophes between groups of three
 * digits, the euro sign or `EUR` before or after.
 *
 * When both a dot and a comma appear, the last one is the decimal separator. A separator that
 * appears more than once groups thousands. A lone dot or comma followed by exactly three digits,
 * after one to three digits not starting with 0 (`1.234`, `12,500`), groups thousands too, as
 * people write it in Belgium; any other lone dot or comma is the decimal separator, so
 * `0.125` and `12.3456` are refused as having more than two decimals.
 *
 * Returns: %TRUE and sets @out_cents when @text is a valid amount of zero or more
 */
gboolean
chq_money_parse (const char  *text,
                 gint64      *out_cents,
                 GError     **error)
{
  g_autofree char *s = NULL;
  g_autoptr(GArray) groups = NULL;
  DigitGroup current = { 0, NULL };
  gboolean negative = FALSE;
  int decimal_group = -1;
  guint64 units = 0;
  guint64 cents = 0;
  guint n_dots = 0, n_commas = 0, n_spaces = 0;

  if (text == NULL || (s = strip_currency (text))[0] == '\0')
    {
      g_set_error_literal (error, CHQ_MONEY_ERROR, CHQ_MONEY_ERROR_EMPTY,
                           _("Enter an amount, like 12,50."));
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CHQ_MONEY_ERROR, CHQ_MONEY_ERROR_INVALID,
                           _("This is not an amount. Enter a number of euros, like 12,50."));
      return FALSE;
    }

  /* A sign in front or behind: "-12", "12-", "+12". */
  {
    g_autofree char *unsigned_text = NULL;
    gsize len = strlen (s);

    if (s[0] == '-' || s[len - 1] == '-')
      {
        negative = TRUE;
        unsigned_text = s[0] == '-' ? g_strdup (s + 1) : g_strndup (s, len - 1);
      }
    else if (s[0] == '+')
      {
        unsigned_text = g_strdup (s + 1);
      }

    if (unsigned_text != NULL)
      {
        g_free (s);
        s = strip_currency (unsigned_text);
        if (s[0] == '\0')
          return set_invalid (text, error);
      }
  }

  groups = g_array_new (FALSE, FALSE, sizeof (DigitGroup));
  g_array_set_clear_func (groups, digit_group_clear);
  current.digits = g_string_new (NULL);

  for (const char *p = s; *p != '\0';)
    {
      gsize n;
      char separator;

      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (current.digits, *p);
          p++;
          continue;
        }

      if (*p == '.' || *p == ',')
        {
          separator = *p;
          n = 1;
        }
      else if (is_space_at (p, &n))
        {
          separator = ' ';
        }
      else
        {
          g_string_free (current.digits, TRUE);
          return set_invalid (text, error);
        }

      /* Two separators in a row, or one in front: "1..2", ",5" is fine, "1 ,5" is not. */
      if (current.digits->len == 0 && (groups->len > 0 || separator == ' '))
        {
          g_string_free (current.digits, TRUE);
          return set_invalid (text, error);
        }

      g_array_append_val (groups, current);
      current.separator = separator;
      current.digits = g_string_new (NULL);
      n_dots += separator == '.';
      n_commas += separator == ',';
      n_spaces += separator == ' ';
      p += n;
    }
  g_array_append_val (groups, current);

  /* Which group, if any, holds the decimals. */
  {
    DigitGroup *last = &g_array_index (groups, DigitGroup, groups->len - 1);
    char sep = last->separator;

    if (groups->len > 1 && sep != ' ')
      {
        guint n_same = sep == '.' ? n_dots : n_commas;
        guint n_other = sep == '.' ? n_commas : n_dots;

        if (n_same > 1)
          decimal_group = -1;
        else if (n_other > 0 || n_spaces > 0)
          decimal_group = groups->len - 1;
        else
          {
            /* A lone dot or comma. */
            DigitGroup *first = &g_array_index (groups, DigitGroup, 0);

            if (groups->len == 2 &&
                last->digits->len == 3 &&
                first->digits->len >= 1 && first->digits->len <= 3 &&
                first->digits->str[0] != '0')
              decimal_group = -1;
            else
              decimal_group = groups->len - 1;
          }
      }
  }

  /* Thousands groups: 1 to 3 digits first, then exactly 3, one kind of separator. */
  {
    guint n_integer_groups = decimal_group >= 0 ? (guint) decimal_group : groups->len;
    char grouping_separator = 0;

    for (guint i = 0; i < n_integer_groups; i++)
      {
        DigitGroup *group = &g_array_index (groups, DigitGroup, i);

        if (i == 0 && n_integer_groups > 1 &&
            (group->digits->len == 0 || group->digits->len > 3))
          return set_invalid (text, error);
        if (i > 0)
          {
            if (group->digits->len != 3)
              return set_invalid (text, error);
            if (grouping_separator != 0 && group->separator != grouping_separator)
              return set_invalid (text, error);
            grouping_separator = group->separator;
          }

        for (const char *d = group->digits->str; *d != '\0'; d++)
          {
            guint digit = (guint) (*d - '0');

            if (units > ((guint64) (G_MAXINT64 - 99) / 100 - digit) / 10)
              {
                g_set_error_literal (error, CHQ_MONEY_ERROR, CHQ_MONEY_ERROR_OVERFLOW,
                                     _("This amount is too large. Enter a smaller amount."));
                return FALSE;
              }
            units = units * 10 + digit;
          }
      }
  }

  if (decimal_group >= 0)
    {
      DigitGroup *group = &g_array_index (groups, DigitGroup, decimal_group);
      DigitGroup *first = &g_array_index (groups, DigitGroup, 0);

      if (group->digits->len > 2)
        {
          g_set_error_literal (error, CHQ_MONEY_ERROR, CHQ_MONEY_ERROR_TOO_MANY_DECIMALS,
                               _("An amount has at most two digits after the decimal "
                                 "separator, like 12,50."));
          return FALSE;
        }
      if (group->digits->len == 0 && first->digits->len == 0)
        return set_invalid (text, error);

      if (group->digits->len >= 1)
        cents = (guint64) (group->digits->str[0] - '0') * 10;
      if (group->digits->len == 2)
        cents += (guint64) (group->digits->str[1] - '0');
    }
  else if (g_array_index (groups, DigitGroup, 0).digits->len == 0)
    {
      return set_invalid (text, error);
    }

  if (negative && (units > 0 || cents > 0))
    {
      g_set_error_literal (error, CHQ_MONEY_ERROR, CHQ_MONEY_ERROR_NEGATIVE,
                           _("An amount cannot be negative. Enter zero or more."));
      return FALSE;
    }

  if (out_cents != NULL)
    *out_cents = (gint64) (units * 100 + cents);

  return TRUE;
}
