/* test-money.c: euro amounts as text, in every locale, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-money"

#include "config.h"

#include <locale.h>

#include "chq-money.h"

#define NBSP  "\u00a0"
#define NNBSP "\u202f"
#define EURO  "\u20ac"

static void
test_format_plain (void)
{
  static const struct {
    gint64 cents;
    const char *expected;
  } cases[] = {
    { 0, "0.00" },
    { 5, "0.05" },
    { 50, "0.50" },
    { 123450, "1234.50" },
    { -5, "-0.05" },
    { -123450, "-1234.50" },
    { G_MAXINT64, "92233720368547758.07" },
    { G_MININT64, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = chq_money_format_plain (cases[i].cents);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

typedef struct {
  const char *locale;
  gint64 cents;
  const char *expected;
} FormatCase;

/* What glibc's locale data gives (checked against strfmon(3) with the same locale):
 * de_BE and nl_BE put the symbol first, fr_BE after; fr_FR groups with U+202F. */
static const FormatCase format_cases[] = {
  { "fr_BE.UTF-8", 123450, "1.234,50" NBSP EURO },
  { "fr_BE.UTF-8", -123450, "-1.234,50" NBSP EURO },
  { "fr_BE.UTF-8", 5, "0,05" NBSP EURO },
  { "fr_BE.UTF-8", 123456789, "1.234.567,89" NBSP EURO },
  { "nl_BE.UTF-8", 123450, EURO NBSP "1.234,50" },
  { "nl_BE.UTF-8", -123450, EURO NBSP "-1.234,50" },
  { "de_BE.UTF-8", 123450, EURO NBSP "1.234,50" },
  { "de_BE.UTF-8", -123450, EURO "-" NBSP "1.234,50" },
  { "de_BE.UTF-8", 99999, EURO NBSP "999,99" },
  { "de_BE.UTF-8", 100000, EURO NBSP "1.000,00" },
  { "de_BE.UTF-8", 0, EURO NBSP "0,00" },
  { "en_US.UTF-8", 123450, EURO "1,234.50" },
  { "en_US.UTF-8", -123450, "-" EURO "1,234.50" },
  { "en_US.UTF-8", 100, EURO "1.00" },
  { "en_US.UTF-8", 123456789012, EURO "1,234,567,890.12" },
  { "fr_FR.UTF-8", 123450, "1" NNBSP "234,50" NNBSP EURO },
  { "C", 123450, "EUR 1234.50" },
  { "C", -123450, "-EUR 1234.50" },
  { "C", 0, "EUR 0.00" },
  { "POSIX", 123456789, "EUR 1234567.89" },
};

static void
test_format_locale (gconstpointer data)
{
  const char *locale = data;
  guint n = 0;

  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not installed", locale);

      g_test_skip (message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *text = NULL;
      gint64 back = -1;
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (format_cases[i].locale, locale) != 0)
        continue;

      text = chq_money_format (format_cases[i].cents);
      g_assert_cmpstr (text, ==, format_cases[i].expected);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      n++;

      /* What we show, people may paste back. */
      if (format_cases[i].cents >= 0)
        {
          g_assert_true (chq_money_parse (text, &back, &error));
          g_assert_no_error (error);
          g_assert_cmpint (back, ==, format_cases[i].cents);
        }
    }

  g_assert_cmpuint (n, >, 0);
  setlocale (LC_ALL, "C");
}

typedef struct {
  const char *text;
  gint64 cents;      /* when valid */
  int error_code;    /* -1 when valid */
} ParseCase;

static const ParseCase parse_cases[] = {
  { "12,50", 1250, -1 },
  { "12.50", 1250, -1 },
  { "1 234,5", 123450, -1 },
  { "€ 7", 700, -1 },
  { "7 €", 700, -1 },
  { "7€", 700, -1 },
  { "EUR 12", 1200, -1 },
  { "12 eur", 1200, -1 },
  { "1.234,50 €", 123450, -1 },
  { "€1,234.50", 123450, -1 },
  { "€" NBSP "1.234,50", 123450, -1 },
  { "1" NBSP "234,50", 123450, -1 },
  { "1" NNBSP "234,50", 123450, -1 },
  { "1'234.50", 123450, -1 },
  { "1.234", 123400, -1 },
  { "1,234", 123400, -1 },
  { "999.999", 99999900, -1 },
  { "1.234.567", 123456700, -1 },
  { "1 234 567,89", 123456789, -1 },
  { "12.345,6", 1234560, -1 },
  { "1,234,567.8", 123456780, -1 },
  { "0,5", 50, -1 },
  { ",5", 50, -1 },
  { "12,", 1200, -1 },
  { "0", 0, -1 },
  { "0,00", 0, -1 },
  { "  42  ", 4200, -1 },
  { "+5", 500, -1 },
  { "007", 700, -1 },
  { "92233720368547757", G_GINT64_CONSTANT (9223372036854775700), -1 },
  { "92233720368547757,99", G_GINT64_CONSTANT (9223372036854775799), -1 },
  { "", 0, CHQ_MONEY_ERROR_EMPTY },
  { "   ", 0, CHQ_MONEY_ERROR_EMPTY },
  { "€", 0, CHQ_MONEY_ERROR_EMPTY },
  { " EUR ", 0, CHQ_MONEY_ERROR_EMPTY },
  { "abc", 0, CHQ_MONEY_ERROR_INVALID },
  { "12a", 0, CHQ_MONEY_ERROR_INVALID },
  { "1..2", 0, CHQ_MONEY_ERROR_INVALID },
  { "1 ,5", 0, CHQ_MONEY_ERROR_INVALID },
  { "1 2", 0, CHQ_MONEY_ERROR_INVALID },
  { "12 34", 0, CHQ_MONEY_ERROR_INVALID },
  { "1.23.456", 0, CHQ_MONEY_ERROR_INVALID },
  { "1.234.56", 0, CHQ_MONEY_ERROR_INVALID },
  { "1 234.567.890", 0, CHQ_MONEY_ERROR_INVALID },
  { "1234 567", 0, CHQ_MONEY_ERROR_INVALID },
  { ".", 0, CHQ_MONEY_ERROR_INVALID },
  { "--5", 0, CHQ_MONEY_ERROR_INVALID },
  { "-", 0, CHQ_MONEY_ERROR_INVALID },
  { "1e3", 0, CHQ_MONEY_ERROR_INVALID },
  { "\xff\xfe", 0, CHQ_MONEY_ERROR_INVALID },
  { "0.125", 0, CHQ_MONEY_ERROR_TOO_MANY_DECIMALS },
  { "12.3456", 0, CHQ_MONEY_ERROR_TOO_MANY_DECIMALS },
  { "1234.567", 0, CHQ_MONEY_ERROR_TOO_MANY_DECIMALS },
  { "1 234,567", 0, CHQ_MONEY_ERROR_TOO_MANY_DECIMALS },
  { "12,505", 1250500, -1 },
  { "-5", 0, CHQ_MONEY_ERROR_NEGATIVE },
  { "5-", 0, CHQ_MONEY_ERROR_NEGATIVE },
  { "- 12,50 €", 0, CHQ_MONEY_ERROR_NEGATIVE },
  { "€ -12,50", 0, CHQ_MONEY_ERROR_NEGATIVE },
  { "-€12.50", 0, CHQ_MONEY_ERROR_NEGATIVE },
  { "92233720368547758", 0, CHQ_MONEY_ERROR_OVERFLOW },
  { "99999999999999999999", 0, CHQ_MONEY_ERROR_OVERFLOW },
  { "99.999.999.999.999.999.999,00", 0, CHQ_MONEY_ERROR_OVERFLOW },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;
      gboolean ok;
      /* some cases are not UTF-8 */
      g_autofree char *shown = c->text != NULL ? g_strescape (c->text, NULL) : NULL;

      g_test_message ("parsing “%s”", shown);
      ok = chq_money_parse (c->text, &cents, &error);

      if (c->error_code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (cents, ==, c->cents);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, CHQ_MONEY_ERROR, c->error_code);
          g_assert_nonnull (error->message);
          g_assert_cmpstr (error->message, !=, "");
          g_assert_cmpint (cents, ==, -1);
        }
    }
}

static void
test_parse_null (void)
{
  g_autoptr(GError) error = NULL;
  gint64 cents = 0;

  g_assert_false (chq_money_parse (NULL, &cents, &error));
  g_assert_error (error, CHQ_MONEY_ERROR, CHQ_MONEY_ERROR_EMPTY);

  /* out_cents may be NULL: just a check. */
  g_assert_true (chq_money_parse ("1,00", NULL, NULL));
  g_assert_false (chq_money_parse ("x", NULL, NULL));
}

static void
test_plain_round_trip (void)
{
  static const gint64 values[] = { 0, 1, 99, 100, 101, 123456789, G_MAXINT64 - 7 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = chq_money_format_plain (values[i]);
      gint64 back = -1;

      if (values[i] / 100 > (G_MAXINT64 - 99) / 100)
        continue;
      g_assert_true (chq_money_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, values[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char *const locales[] = {
    "fr_BE.UTF-8", "nl_BE.UTF-8", "de_BE.UTF-8", "en_US.UTF-8", "fr_FR.UTF-8", "C", "POSIX",
  };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/money/format-plain", test_format_plain);
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *path = g_strdup_printf ("/money/format/%s", locales[i]);

      g_test_add_data_func (path, locales[i], test_format_locale);
    }
  g_test_add_func ("/money/parse", test_parse);
  g_test_add_func ("/money/parse-null", test_parse_null);
  g_test_add_func ("/money/plain-round-trip", test_plain_round_trip);

  return g_test_run ();
}
