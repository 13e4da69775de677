/* chq-csv.h: comma-separated values as RFC 4180 writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The byte order mark a file starts with when chq_csv_new() is asked for one. */
#define CHQ_CSV_BOM "\xEF\xBB\xBF"

typedef struct _ChqCsv ChqCsv;

ChqCsv     *chq_csv_new            (gboolean     with_bom);
/* The same with another field separator: ',' (RFC 4180) or ';' (what spreadsheets expect
 * where the decimal separator is a comma). */
ChqCsv     *chq_csv_new_full       (gboolean     with_bom,
                                    char         separator);
void        chq_csv_free           (ChqCsv      *csv);
/* Appends one field to the current record (NULL is an empty field). */
void        chq_csv_add_field      (ChqCsv      *csv,
                                    const char  *text);
/* Appends a number written by the caller ("-3.5", "1234,50"): unlike a text field, a
 * leading minus is kept as it is. @text must be digits with an optional leading '-' and at
 * most one '.' or ','; anything else is written as a text field. */
void        chq_csv_add_number     (ChqCsv      *csv,
                                    const char  *text);
/* Ends the current record with CRLF. */
void        chq_csv_end_record     (ChqCsv      *csv);
/* Appends a whole record: NULL-terminated fields. */
void        chq_csv_add_record     (ChqCsv      *csv,
                                    const char  *first,
                                    ...) G_GNUC_NULL_TERMINATED;
guint       chq_csv_get_n_records  (ChqCsv      *csv);
/* The text so far (including the BOM, if any); the ChqCsv may go on. */
const char *chq_csv_peek_text      (ChqCsv      *csv,
                                    gsize       *out_length);
/* Frees the ChqCsv and returns its text as bytes. */
GBytes     *chq_csv_free_to_bytes  (ChqCsv      *csv);

/* One field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, a quote,
 * CR or LF, or starts or ends with a space; as it is otherwise. Formula-safe: a field that
 * starts with '=', '+', '-', '@', a tab or CR is written after an apostrophe, quoted, so a
 * spreadsheet shows it as text instead of running it. */
char       *chq_csv_quote          (const char  *text);

/* The separators spreadsheets of the current locale (LC_NUMERIC) expect: ';' and ',' where
 * the decimal separator is a comma (fr_BE, nl_BE, de_BE…), ',' and '.' elsewhere. */
void        chq_csv_dialect_for_locale (char    *out_separator,
                                        char    *out_decimal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqCsv, chq_csv_free)

G_END_DECLS
