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
 */
#define G_LOG_DOMAIN "chq-csv"

#include "config.h"

#include <string.h>

#include "chq-csv.h"

struct _ChqCsv
{
  GString *text;          /* owned */
  guint    n_records;
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
  ChqCsv *csv = g_new0 (ChqCsv, 1);

  csv->text = g_string_new (with_bom ? CHQ_CSV_BOM : "");

  return csv;
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
needs_quotes (const char *text)
{
  gsize len = strlen (text);

  if (len == 0)
    return FALSE;

  /* Spaces at either end are kept by RFC 4180 but trimmed by some readers: quote them. */
  if (text[0] == ' ' || text[len - 1] == ' ')
    return TRUE;

  return strpbrk (text, ",\"\r\n") != NULL;
}

static void
append_quoted (GString    *out,
               const char *text)
{
  if (text == NULL || !needs_quotes (text))
    {
      if (text != NULL)
        g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
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
 * starts or ends with a space); unchanged otherwise. %NULL is the empty field.
 *
 * Returns: (transfer full): the field as it goes in the file
 */
char *
chq_csv_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  append_quoted (out, text);

  return g_string_free (out, FALSE);
}

/**
 * chq_csv_add_field:
 * @csv: a #ChqCsv
 * @text: (nullable): the field's text, UTF-8; %NULL for an empty field
 *
 * Appends a field to the current record, quoted when it must be.
 */
void
chq_csv_add_field (ChqCsv     *csv,
                   const char *text)
{
  g_return_if_fail (csv != NULL);
  g_return_if_fail (text == NULL || g_utf8_validate (text, -1, NULL));

  if (csv->record_open)
    g_string_append_c (csv->text, ',');
  append_quoted (csv->text, text);
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
