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
void        chq_csv_free           (ChqCsv      *csv);
/* Appends one field to the current record (NULL is an empty field). */
void        chq_csv_add_field      (ChqCsv      *csv,
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
 * CR or LF, or starts or ends with a space; as it is otherwise. */
char       *chq_csv_quote          (const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqCsv, chq_csv_free)

G_END_DECLS
