/* chq-ident.c: Belgian identifiers (enterprise number, NISS, structured communication, IBAN)
 *
 * The check rules follow python-stdnum (be.vat, be.nn, be.bis, be.ogm_vcs, be.iban); every
 * normalize function accepts what people type or paste (spaces, dots, dashes, slashes, a
 * country prefix) and returns the bare digits, or NULL and a #CHQ_IDENT_ERROR saying what is
 * wrong and what is expected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-ident"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chq-ident.h"

G_DEFINE_QUARK (chq-ident-error-quark, chq_ident_error)

/* Copies @input without the characters in @separators and without surrounding white space,
 * in upper case. */
static char *
clean (const char *input,
       const char *separators)
{
  GString *out = g_string_new (NULL);

  for (const char *p = input; *p != '\0'; p++)
    {
      if (strchr (separators, *p) != NULL || g_ascii_isspace (*p))
        continue;
      g_string_append_c (out, g_ascii_toupper (*p));
    }

  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *s)
{
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* The value of the decimal digits @s[0..len). At most 18 digits. */
static guint64
digits_value (const char *s,
              gsize       len)
{
  guint64 value = 0;

  g_assert (len <= 18);
  for (gsize i = 0; i < len; i++)
    value = value * 10 + (guint64) (s[i] - '0');
  return value;
}

/* Whether @s starts with two letters (a country code). */
static gboolean
has_country_prefix (const char *s)
{
  return g_ascii_isalpha (s[0]) && g_ascii_isalpha (s[1]);
}

/* ------------------------------------------------------------------------------------------ */
/* Enterprise number (BCE/KBO) */

/**
 * chq_enterprise_number_normalize:
 * @input: (nullable): an enterprise number as typed: `0123.456.749`, `BE 0123 456 749`,
 *   `123456749` (the old 9-digit form)
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Strips spaces, dots, dashes, slashes and a `BE` prefix, gives a 9-digit number its leading
 * 0 and checks the result: 10 digits whose last two equal 97 - (the first eight mod 97).
 *
 * Returns: (transfer full) (nullable): the 10 digits, or %NULL with @error set
 */
char *
chq_enterprise_number_normalize (const char  *input,
                                 GError     **error)
{
  g_autofree char *number = NULL;
  const char *digits;
  g_autofree char *padded = NULL;

  if (input == NULL || (number = clean (input, ".-/"))[0] == '\0')
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_EMPTY,
                           _("Enter an enterprise number, like 0123.456.749."));
      return NULL;
    }

  digits = number;
  if (has_country_prefix (number))
    {
      if (strncmp (number, "BE", 2) != 0)
        {
          g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_COUNTRY,
                               _("Enter a Belgian enterprise number (BE), like 0123.456.749."));
          return NULL;
        }
      digits = number + 2;
    }

  /* "(0)403019261": the old number with its new leading 0 in brackets. */
  if (g_str_has_prefix (digits, "(0)"))
    digits = padded = g_strconcat ("0", digits + 3, NULL);

  if (!all_digits (digits))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_INVALID_CHARACTER,
                           _("An enterprise number has only digits, like 0123.456.749."));
      return NULL;
    }

  if (strlen (digits) == 9)
    {
      char *with_zero = g_strconcat ("0", digits, NULL);

      g_free (padded);
      digits = padded = with_zero;
    }

  if (strlen (digits) != 10)
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_LENGTH,
                           _("An enterprise number has 10 digits, like 0123.456.749."));
      return NULL;
    }

  if (digits_value (digits, 10) == 0 ||
      97 - digits_value (digits, 8) % 97 != digits_value (digits + 8, 2))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_CHECK,
                           _("This enterprise number does not exist: its last two digits do "
                             "not match. Check it for a typing error."));
      return NULL;
    }

  return g_strdup (digits);
}

/**
 * chq_enterprise_number_validate:
 * @input: (nullable): an enterprise number as typed
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Returns: whether @input is a valid enterprise number (see
 *   chq_enterprise_number_normalize())
 */
gboolean
chq_enterprise_number_validate (const char  *input,
                                GError     **error)
{
  g_autofree char *number = chq_enterprise_number_normalize (input, error);

  return number != NULL;
}

/**
 * chq_enterprise_number_format:
 * @input: (nullable): an enterprise number as typed
 *
 * Returns: (transfer full) (nullable): `0123.456.749`, or %NULL if @input is not valid
 */
char *
chq_enterprise_number_format (const char *input)
{
  g_autofree char *n = chq_enterprise_number_normalize (input, NULL);

  if (n == NULL)
    return NULL;
  return g_strdup_printf ("%.4s.%.3s.%.3s", n, n + 4, n + 7);
}

/* ------------------------------------------------------------------------------------------ */
/* National register number (NISS/INSZ), including BIS numbers */

/* Which century the check digits of @n (11 digits) point at: 1900, 2000, or 0 for none.
 * Born in 2000 or later: the check is computed over "2" followed by the first nine digits;
 * like python-stdnum, that century is only tried when it does not lie in the future. */
static int
niss_century (const char *n)
{
  guint64 first9 = digits_value (n, 9);
  guint64 check = digits_value (n + 9, 2);
  int year2 = (int) digits_value (n, 2);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (97 - first9 % 97 == check)
    return 1900;
  if (2000 + year2 <= g_date_time_get_year (now) &&
      97 - (2000000000ull + first9) % 97 == check)
    return 2000;
  return 0;
}

/**
 * chq_niss_normalize:
 * @input: (nullable): a national register number as typed: `85.07.30-033.28`,
 *   `85073003328`
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Strips spaces, dots and dashes and checks the number: 11 digits, YYMMDD, a 3-digit
 * counter and 2 check digits equal to 97 - (the first nine mod 97), computed with a `2` in
 * front for people born in 2000 or later. BIS numbers (month + 20 or + 40) are accepted.
 * The birth date must be a real date; as in python-stdnum, a month 0 (unknown, or counter
 * exhausted) or a day 0 (unknown) is allowed, and so is `000001` (date unknown).
 *
 * Returns: (transfer full) (nullable): the 11 digits, or %NULL with @error set
 */
char *
chq_niss_normalize (const char  *input,
                    GError     **error)
{
  g_autofree char *n = NULL;
  int century, month, day;

  if (input == NULL || (n = clean (input, ".-/"))[0] == '\0')
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_EMPTY,
                           _("Enter a national register number, like 85.07.30-033.28."));
      return NULL;
    }

  if (!all_digits (n))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_INVALID_CHARACTER,
                           _("A national register number has only digits, "
                             "like 85.07.30-033.28."));
      return NULL;
    }

  if (strlen (n) != 11)
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_LENGTH,
                           _("A national register number has 11 digits, "
                             "like 85.07.30-033.28."));
      return NULL;
    }

  century = niss_century (n);
  if (century == 0 || digits_value (n, 11) == 0)
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_CHECK,
                           _("This national register number does not exist: its last two "
                             "digits do not match. Check it for a typing error."));
      return NULL;
    }

  /* 000001: the fictitious date of someone whose birth date was not known. */
  if (strncmp (n, "000001", 6) == 0)
    return g_steal_pointer (&n);

  month = (int) digits_value (n + 2, 2);
  day = (int) digits_value (n + 4, 2);

  /* BIS numbers: 20 added to the month when the gender was unknown, 40 when known. */
  if (month >= 40)
    month -= 40;
  else if (month >= 20)
    month -= 20;

  if (month > 12 ||
      (month != 0 && day != 0 &&
       day > g_date_get_days_in_month ((GDateMonth) month,
                                       (GDateYear) (century + digits_value (n, 2)))))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_INVALID_DATE,
                           _("A national register number starts with the birth date as "
                             "YY.MM.DD, and this date does not exist. Check it for a typing "
                             "error."));
      return NULL;
    }

  return g_steal_pointer (&n);
}

/**
 * chq_niss_validate:
 * @input: (nullable): a national register number as typed
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Returns: whether @input is a valid national register or BIS number (see
 *   chq_niss_normalize())
 */
gboolean
chq_niss_validate (const char  *input,
                   GError     **error)
{
  g_autofree char *n = chq_niss_normalize (input, error);

  return n != NULL;
}

/**
 * chq_niss_format:
 * @input: (nullable): a national register number as typed
 *
 * Returns: (transfer full) (nullable): `85.07.30-033.28`, or %NULL if @input is not valid
 */
char *
chq_niss_format (const char *input)
{
  g_autofree char *n = chq_niss_normalize (input, NULL);

  if (n == NULL)
    return NULL;
  return g_strdup_printf ("%.2s.%.2s.%.2s-%.3s.%.2s", n, n + 2, n + 4, n + 6, n + 9);
}

/* ------------------------------------------------------------------------------------------ */
/* Structured communication (OGM/VCS) */

/* The check of ten digits: their value mod 97, with 0 written 97. */
static guint
mod97_check (const char *ten_digits)
{
  guint check = (guint) (digits_value (ten_digits, 10) % 97);

  return check == 0 ? 97 : check;
}

/**
 * chq_structured_communication_normalize:
 * @input: (nullable): a structured communication as typed: `+++100/0012/34560+++`,
 *   `***100/0012/34560***`, `100001234560`
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Strips `+`, `*`, `/`, dots, dashes and spaces and checks the result: 12 digits whose last
 * two equal the first ten mod 97, with 0 written 97.
 *
 * Returns: (transfer full) (nullable): the 12 digits, or %NULL with @error set
 */
char *
chq_structured_communication_normalize (const char  *input,
                                        GError     **error)
{
  g_autofree char *n = NULL;

  if (input == NULL || (n = clean (input, "+*/.-"))[0] == '\0')
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_EMPTY,
                           _("Enter a structured communication, like +++100/0012/34560+++."));
      return NULL;
    }

  if (!all_digits (n))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_INVALID_CHARACTER,
                           _("A structured communication has only digits, "
                             "like +++100/0012/34560+++."));
      return NULL;
    }

  if (strlen (n) != 12)
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_LENGTH,
                           _("A structured communication has 12 digits, "
                             "like +++100/0012/34560+++."));
      return NULL;
    }

  if (mod97_check (n) != digits_value (n + 10, 2))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_CHECK,
                           _("This structured communication is not valid: its last two "
                             "digits do not match. Check it for a typing error."));
      return NULL;
    }

  return g_steal_pointer (&n);
}

/**
 * chq_structured_communication_validate:
 * @input: (nullable): a structured communication as typed
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Returns: whether @input is a valid structured communication (see
 *   chq_structured_communication_normalize())
 */
gboolean
chq_structured_communication_validate (const char  *input,
                                       GError     **error)
{
  g_autofree char *n = chq_structured_communication_normalize (input, error);

  return n != NULL;
}

/**
 * chq_structured_communication_format:
 * @input: (nullable): a structured communication as typed
 *
 * Returns: (transfer full) (nullable): `+++100/0012/34560+++`, or %NULL if @input is not
 *   valid
 */
char *
chq_structured_communication_format (const char *input)
{
  g_autofree char *n = chq_structured_communication_normalize (input, NULL);

  if (n == NULL)
    return NULL;
  return g_strdup_printf ("+++%.3s/%.4s/%.5s+++", n, n + 3, n + 7);
}

/**
 * chq_structured_communication_from_digits:
 * @ten_digits: (nullable): ten digits, separators allowed (`100/0012/345`)
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Appends the two check digits (the ten digits mod 97, with 0 written 97).
 *
 * Returns: (transfer full) (nullable): the 12 digits, or %NULL with @error set
 */
char *
chq_structured_communication_from_digits (const char  *ten_digits,
                                          GError     **error)
{
  g_autofree char *n = NULL;

  if (ten_digits == NULL || (n = clean (ten_digits, "+*/.-"))[0] == '\0')
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_EMPTY,
                           _("Enter the first ten digits of a structured communication."));
      return NULL;
    }

  if (!all_digits (n))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_INVALID_CHARACTER,
                           _("A structured communication has only digits, "
                             "like +++100/0012/34560+++."));
      return NULL;
    }

  if (strlen (n) != 10)
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_LENGTH,
                           _("Enter the first ten digits of a structured communication; the "
                             "last two are computed from them."));
      return NULL;
    }

  return g_strdup_printf ("%s%02u", n, mod97_check (n));
}

/* ------------------------------------------------------------------------------------------ */
/* Belgian IBAN */

/* ISO 7064 mod 97-10 over the IBAN @s (country, check digits, account): 1 when valid. */
static guint
iban_mod97 (const char *s)
{
  g_autoptr(GString) moved = g_string_new (s + 4);
  guint remainder = 0;

  g_string_append_len (moved, s, 4);
  for (const char *p = moved->str; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        remainder = (remainder * 10 + (guint) (*p - '0')) % 97;
      else
        remainder = (remainder * 100 + (guint) (*p - 'A' + 10)) % 97;
    }

  return remainder;
}

/**
 * chq_iban_normalize:
 * @input: (nullable): a Belgian IBAN as typed: `BE51 2100 0009 8062`, `be51-2100-0009-8062`
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Strips spaces, dots and dashes, upper-cases, and checks the result: `BE`, two ISO 7064
 * mod 97-10 check digits, and 12 digits whose last two equal the first ten mod 97 (0 written
 * 97). Only Belgian accounts are accepted.
 *
 * Returns: (transfer full) (nullable): `BE51210000098062`, or %NULL with @error set
 */
char *
chq_iban_normalize (const char  *input,
                    GError     **error)
{
  g_autofree char *n = NULL;

  if (input == NULL || (n = clean (input, ".-"))[0] == '\0')
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_EMPTY,
                           _("Enter an account number, like BE51 2100 0009 8062."));
      return NULL;
    }

  if (g_ascii_isdigit (n[0]) || (has_country_prefix (n) && strncmp (n, "BE", 2) != 0))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_COUNTRY,
                           _("Only Belgian accounts are accepted: the account number starts "
                             "with BE, like BE51 2100 0009 8062."));
      return NULL;
    }

  if (!has_country_prefix (n) || !all_digits (n + 2))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_INVALID_CHARACTER,
                           _("An account number is BE followed by 14 digits, "
                             "like BE51 2100 0009 8062."));
      return NULL;
    }

  if (strlen (n) != 16)
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_LENGTH,
                           _("An account number is BE followed by 14 digits, "
                             "like BE51 2100 0009 8062."));
      return NULL;
    }

  if (iban_mod97 (n) != 1 || mod97_check (n + 4) != digits_value (n + 14, 2))
    {
      g_set_error_literal (error, CHQ_IDENT_ERROR, CHQ_IDENT_ERROR_WRONG_CHECK,
                           _("This account number is not valid: its check digits do not "
                             "match. Check it for a typing error."));
      return NULL;
    }

  return g_steal_pointer (&n);
}

/**
 * chq_iban_validate:
 * @input: (nullable): a Belgian IBAN as typed
 * @error: return location for a #CHQ_IDENT_ERROR
 *
 * Returns: whether @input is a valid Belgian IBAN (see chq_iban_normalize())
 */
gboolean
chq_iban_validate (const char  *input,
                   GError     **error)
{
  g_autofree char *n = chq_iban_normalize (input, error);

  return n != NULL;
}

/**
 * chq_iban_format:
 * @input: (nullable): a Belgian IBAN as typed
 *
 * Returns: (transfer full) (nullable): `BE51 2100 0009 8062`, or %NULL if @input is not valid
 */
char *
chq_iban_format (const char *input)
{
  g_autofree char *n = chq_iban_normalize (input, NULL);

  if (n == NULL)
    return NULL;
  return g_strdup_printf ("%.4s %.4s %.4s %.4s", n, n + 4, n + 8, n + 12);
}
