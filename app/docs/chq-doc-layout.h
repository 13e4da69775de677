/* chq-doc-layout.h: ChqDocLayout, a document of blocks laid out on A4 pages (cairo, Pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents are built as blocks of finished text on the calling thread (gettext and
 * the locale's number formats), then laid out and written on any thread. Nothing is cut:
 * every text wraps in its box at word boundaries, a table's columns are as wide as their
 * widest word, a table row that does not fit goes to the next page with the
 * table's header repeated.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CHQ_DOC_PAGE_WIDTH  595.276 /* A4 in points */
#define CHQ_DOC_PAGE_HEIGHT 841.890

typedef struct _ChqDocLayout ChqDocLayout;

ChqDocLayout *chq_doc_layout_new          (const char    *footer);
void          chq_doc_layout_free         (ChqDocLayout  *doc);

void          chq_doc_layout_title        (ChqDocLayout  *doc,
                                           const char    *text);
void          chq_doc_layout_subtitle     (ChqDocLayout  *doc,
                                           const char    *text);
void          chq_doc_layout_heading      (ChqDocLayout  *doc,
                                           const char    *text);
void          chq_doc_layout_paragraph    (ChqDocLayout  *doc,
                                           const char    *text);
/* Small grey text. */
void          chq_doc_layout_note         (ChqDocLayout  *doc,
                                           const char    *text);
/* A label and its value on one line of a two-column list (the value wraps). */
void          chq_doc_layout_field        (ChqDocLayout  *doc,
                                           const char    *label,
                                           const char    *value);
/* Starts a table: @n columns, @headers, @right: which columns align right (numbers); both
 * arrays of @n. Then add rows of @n cells. The columns' widths come from their content: no
 * word is cut, long texts wrap at word boundaries. */
void          chq_doc_layout_table        (ChqDocLayout        *doc,
                                           guint                n,
                                           const char * const  *headers,
                                           const gboolean      *right);
void          chq_doc_layout_row          (ChqDocLayout        *doc,
                                           const char * const  *cells);
void          chq_doc_layout_page_break   (ChqDocLayout  *doc);

/* Lays the document out and writes it as a PDF to @path: a private file (0600), replaced
 * atomically. Any thread. Returns the number of pages through @out_pages. */
gboolean      chq_doc_layout_write_pdf    (ChqDocLayout  *doc,
                                           const char    *path,
                                           guint         *out_pages,
                                           GError       **error);

/* Writes @bytes to @path as a private file (0600), replaced atomically. */
gboolean      chq_doc_write_private_file  (const char    *path,
                                           GBytes        *bytes,
                                           GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqDocLayout, chq_doc_layout_free)

G_END_DECLS
