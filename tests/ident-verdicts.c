/* ident-verdicts.c: chq-ident's verdicts on values read from stdin, for compare-stdnum.py
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input line is "KIND HEX": KIND one of vat, nn, ogm, iban; HEX the value's UTF-8
 * bytes in hexadecimal (so tabs and line breaks inside a value survive). Each output line
 * is "ok NORMALIZED" or "error CODE", CODE the #ChqIdentError number.
 */
#define G_LOG_DOMAIN "ident-verdicts"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "chq-ident.h"

static char *
unhex (const char *hex)
{
  gsize len = strlen (hex);
  GString *out = g_string_sized_new (len / 2);

  for (gsize i = 0; i + 1 < len; i += 2)
    {
      int hi = g_ascii_xdigit_value (hex[i]);
      int lo = g_ascii_xdigit_value (hex[i + 1]);

      if (hi < 0 || lo < 0)
        break;
      g_string_append_c (out, (char) (hi * 16 + lo));
    }

  return g_string_free (out, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  char line[4096];

  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_autofree char *value = NULL;
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;
      char *space;

      g_strchomp (line);
      space = strchr (line, ' ');
      if (space == NULL)
        {
          g_printerr ("Bad input line: %s\n", line);
          return 2;
        }
      *space = '\0';
      value = unhex (space + 1);

      if (g_str_equal (line, "vat"))
        normalized = chq_enterprise_number_normalize (value, &error);
      else if (g_str_equal (line, "nn"))
        normalized = chq_niss_normalize (value, &error);
      else if (g_str_equal (line, "ogm"))
        normalized = chq_structured_communication_normalize (value, &error);
      else if (g_str_equal (line, "iban"))
        normalized = chq_iban_normalize (value, &error);
      else
        {
          g_printerr ("Unknown kind: %s\n", line);
          return 2;
        }

      if (normalized != NULL)
        printf ("ok %s\n", normalized);
      else
        printf ("error %d\n", error->code);
    }

  return 0;
}
