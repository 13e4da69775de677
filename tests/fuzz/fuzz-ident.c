/* fuzz-ident.c: libFuzzer target for the Belgian identifier parsers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input, as a string, goes through every parser. What normalizes must validate, its
 * display form must normalize back to the same digits, and validate() must agree with
 * normalize().
 */
#define G_LOG_DOMAIN "fuzz-ident"

#include "config.h"

#include "chq-ident.h"
#include "fuzz-common.h"

typedef char    *(*NormalizeFunc) (const char *input, GError **error);
typedef gboolean (*ValidateFunc)  (const char *input, GError **error);
typedef char    *(*FormatFunc)    (const char *input);

static void
check_parser (const char    *name,
              const char    *input,
              NormalizeFunc  normalize,
              ValidateFunc   validate,
              FormatFunc     format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = normalize (input, &error);
  gboolean valid = validate (input, NULL);

  if (normal == NULL)
    {
      fuzz_check_error (error);
      if (error->domain != CHQ_IDENT_ERROR)
        g_error ("%s: an error of another domain (%s)", name, g_quark_to_string (error->domain));
      if (valid)
        g_error ("%s: validate() accepts what normalize() refuses: %s", name, input);
      return;
    }

  if (!valid)
    g_error ("%s: validate() refuses what normalize() accepts: %s", name, input);

  {
    g_autofree char *shown = format (normal);
    g_autofree char *again = NULL;

    if (shown == NULL)
      g_error ("%s: no display form for %s", name, normal);
    again = normalize (shown, &error);
    if (g_strcmp0 (again, normal) != 0)
      g_error ("%s: %s is shown as %s, which reads back as %s", name, normal, shown,
               again != NULL ? again : error->message);
    if (!g_str_is_ascii (normal))
      g_error ("%s: normalized form is not ASCII: %s", name, normal);
  }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *input = NULL;

  fuzz_init ();

  /* The parsers take NUL-terminated UTF-8 from entries and JSON strings. */
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate ((const char *) data, size, NULL))
    return 0;
  input = g_strndup ((const char *) data, size);

  check_parser ("enterprise number", input, chq_enterprise_number_normalize,
                chq_enterprise_number_validate, chq_enterprise_number_format);
  check_parser ("NISS", input, chq_niss_normalize, chq_niss_validate, chq_niss_format);
  check_parser ("structured communication", input, chq_structured_communication_normalize,
                chq_structured_communication_validate, chq_structured_communication_format);
  check_parser ("IBAN", input, chq_iban_normalize, chq_iban_validate, chq_iban_format);

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *twelve = chq_structured_communication_from_digits (input, &error);

    if (twelve != NULL && !chq_structured_communication_validate (twelve, NULL))
      g_error ("from_digits (%s) gave %s, which does not validate", input, twelve);
    if (twelve == NULL)
      fuzz_check_error (error);
  }

  /* The formatters take any text (the UI may show what the server sent): no crash. */
  g_free (chq_enterprise_number_format (input));
  g_free (chq_niss_format (input));
  g_free (chq_structured_communication_format (input));
  g_free (chq_iban_format (input));

  return 0;
}
