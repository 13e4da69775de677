/* chq-csv.c: comma-separated values as RFC 4180 writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files Chéquier exports are read by people in LibreOffice Calc (and Excel). RFC 4180
 * says: records end with CRLF, fields are separated by commas, a field holding a comma, a
 * double quote or a line break is enclosed in double quotes and its quotes are doubled. The
 * text is UTF-8. RFC 4180 has no byte order mark; chq_csv_new() can start the file with one
 * because without it Excel, and LibreOffice on a system whose charset is not UTF-8, guess a
 * legacy charset and garble accents; with it both pick UTF-8 and drop the mark.
 *
 * Separator: Excel splits a CSV file at the "list separator" of the system's region, which
 * is ';' wherever the decimal separator is a comma (Belgian French and Dutch, German…), and
 * LibreOffice proposes the same. So files for people use ';' and a decimal comma in those
 * locales (chq_csv_dialect_for_locale()). A "sep=;" first line would force the separator in
 * Excel, but Excel then ignores the byte order mark and garbles the accents, and other
 * readers take the line as data: it is not written.
 *
 * Formula injection: a spreadsheet runs a cell that starts with '=', '+', '-' or '@' (and
 * some read a leading tab or CR the same way) as a formula, so a worker named
 * "=HYPERLINK(…)" could run code on the reader's machine. Such a text field is written with
 * an apostrophe before it (quoted), which the spreadsheet shows as text (OWASP's advice).
 * Numbers written by Chéquier itself go through chq_csv_add_number() and keep their minus.
 */
#define G_LOG_DOMAIN "chq-csv"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "chq-csv.h"

struct _ChqCsv
{
  GString *text;          /* owned */
  guint    n_records;
  char     separator;     /* ',' or ';' */
  gboolean record_open;   /* a field was added since the last end of record */
};

/**
 * chq_csv_new:
 * @with_bom: whether the text starts with the UTF-8 byte order mark
 *
 * Starts an empty CSV text.
 *
 * Returns: (transfer full): a new #ChqCsv, freed with chq_csv_free()
 */
ChqCsv *
chq_csv_new (gboolean with_bom)
{
  return chq_csv_new_full (with_bom, ',');
}

/**
 * chq_csv_new_full:
 * @with_bom: whether the text starts with the UTF-8 byte order mark
 * @separator: the field separator, ',' or ';'
 *
 * Starts an empty CSV text whose fields are separated by @separator.
 *
 * Returns: (transfer full): a new #ChqCsv, freed with chq_csv_free()
 */
ChqCsv *
chq_csv_new_full (gboolean with_bom,
                  char     separator)
{
  ChqCsv *csv = g_new0 (ChqCsv, 1);

  g_return_val_if_fail (separator == ',' || separator == ';', NULL);

  csv->text = g_string_new (with_bom ? CHQ_CSV_BOM : "");
  csv->separator = separator;

  return csv;
}

/**
 * chq_csv_dialect_for_locale:
 * @out_separator: (out): ';' or ','
 * @out_decimal: (out): ',' or '.'
 *
 * The field and decimal separators the spreadsheets of the current numeric locale expect.
 */
void
chq_csv_dialect_for_locale (char *out_separator,
                            char *out_decimal)
{
  const char *point = localeconv ()->decimal_point;
  gboolean comma = point != NULL && point[0] == ',';

  *out_separator = comma ? ';' : ',';
  *out_decimal = comma ? ',' : '.';
}

/**
 * chq_csv_free:
 * @csv: (nullable): a #ChqCsv
 *
 * Frees @csv and its text.
 */
void
chq_csv_free (ChqCsv *csv)
{
  if (csv == NULL)
    return;

  g_string_free (csv->text, TRUE);
  g_free (csv);
}

static gboolean
is_formula_start (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

static gboolean
needs_quotes (const char *text,
              char        separator)
{
  gsize len = strlen (text);
  const char specials[] = { separator, '"', '\r', '\n', '\0' };

  if (len == 0)
    return FALSE;

  /* Spaces at either end are kept by RFC 4180 but trimmed by some readers: quote them. */
  if (text[0] == ' ' || text[len - 1] == ' ' || is_formula_start (text))
    return TRUE;

  return strpbrk (text, specials) != NULL;
}

static void
append_quoted (GString    *out,
               const char *text,
               char        separator)
{
  if (text == NULL || !needs_quotes (text, separator))
    {
      if (text != NULL)
        g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  if (is_formula_start (text))
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * chq_csv_quote:
 * @text: (nullable): a field's text, UTF-8
 *
 * Writes one field as RFC 4180 wants it: enclosed in double quotes, with its own quotes
 * doubled, when it holds a comma, a double quote, a carriage return or a line feed (or
 * starts or ends with a space); unchanged otherwise. %NULL is the empty field. A field that
 * a spreadsheet would run as a formula (it starts with '=', '+', '-', '@', a tab or CR) is
 * written quoted after an apostrophe, so that it shows as text.
 *
 * Returns: (transfer full): the field as it goes in the file
 */
char *
chq_csv_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  append_quoted (out, text, ',');

  return g_string_free (out, FALSE);
}

/**
 * chq_csv_add_field:
 * @csv: a #ChqCsv
 * @text: (nullable): the field's text, UTF-8; %NULL for an empty field
 *
 * Appends a field to the current record, quoted when it must be and formula-safe (see
 * chq_csv_quote()).
 */
void
chq_csv_add_field (ChqCsv     *csv,
                   const char *text)
{
  g_return_if_fail (csv != NULL);
  g_return_if_fail (text == NULL || g_utf8_validate (text, -1, NULL));

  if (csv->record_open)
    g_string_append_c (csv->text, csv->separator);
  append_quoted (csv->text, text, csv->separator);
  csv->record_open = TRUE;
}

static gboolean
is_number (const char *text,
           char        separator)
{
  const char *p = text;
  gboolean digits = FALSE, point = FALSE;

  if (*p == '-')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if ((*p == '.' || *p == ',') && !point && *p != separator)
        point = TRUE;
      else
        return FALSE;
    }

  return digits;
}

/**
 * chq_csv_add_number:
 * @csv: a #ChqCsv
 * @text: a number as text: an optional '-', digits, at most one '.' or ','
 *
 * Appends a number, its minus kept (a text field starting with '-' would be made
 * formula-safe). Anything that is not such a number is added as a text field.
 */
void
chq_csv_add_number (ChqCsv     *csv,
                    const char *text)
{
  g_return_if_fail (csv != NULL);

  if (text == NULL || !is_number (text, csv->separator))
    {
      chq_csv_add_field (csv, text);
      return;
    }

  if (csv->record_open)
    g_string_append_c (csv->text, csv->separator);
  g_string_append (csv->text, text);
  csv->record_open = TRUE;
}

/**
 * chq_csv_end_record:
 * @csv: a #ChqCsv
 *
 * Ends the current record with CRLF. A record with no field is written as an empty line.
 */
void
chq_csv_end_record (ChqCsv *csv)
{
  g_return_if_fail (csv != NULL);

  g_string_append (csv->text, "\r\n");
  csv->record_open = FALSE;
  csv->n_records++;
}

/**
 * chq_csv_add_record:
 * @csv: a #ChqCsv
 * @first: (nullable): the first field
 * @...: more fields, then %NULL
 *
 * Appends a whole record. As the list ends at the first %NULL, write empty fields as "".
 */
void
chq_csv_add_record (ChqCsv     *csv,
                    const char *first,
                    ...)
{
  va_list args;

  g_return_if_fail (csv != NULL);

  va_start (args, first);
  for (const char *field = first; field != NULL; field = va_arg (args, const char *))
    chq_csv_add_field (csv, field);
  va_end (args);

  chq_csv_end_record (csv);
}

/**
 * chq_csv_get_n_records:
 * @csv: a #ChqCsv
 *
 * Returns: the records ended so far (the header row counts)
 */
guint
chq_csv_get_n_records (ChqCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->n_records;
}

/**
 * chq_csv_peek_text:
 * @csv: a #ChqCsv
 * @out_length: (out) (optional): the length in bytes
 *
 * Returns: (transfer none): the text written so far, valid until @csv changes
 */
const char *
chq_csv_peek_text (ChqCsv *csv,
                   gsize  *out_length)
{
  g_return_val_if_fail (csv != NULL, NULL);

  if (out_length != NULL)
    *out_length = csv->text->len;

  return csv->text->str;
}

/**
 * chq_csv_free_to_bytes:
 * @csv: (transfer full): a #ChqCsv
 *
 * Frees @csv and hands its text over.
 *
 * Returns: (transfer full): the CSV text, as it goes in the file
 */
GBytes *
chq_csv_free_to_bytes (ChqCsv *csv)
{
  GString *text;

  g_return_val_if_fail (csv != NULL, NULL);

  text = g_steal_pointer (&csv->text);
  g_free (csv);

  return g_string_free_to_bytes (text);
}
