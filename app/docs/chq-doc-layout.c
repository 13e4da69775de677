/* chq-doc-layout.c: ChqDocLayout, a document of blocks laid out on A4 pages (cairo, Pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is real text (Pango through cairo's PDF surface embeds the fonts with their
 * Unicode mapping): it can be searched and copied. Every box wraps its text at word, or if
 * need be character, boundaries; nothing is ellipsized.
 */
#define G_LOG_DOMAIN "chq-doc-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chq-doc-layout.h"
#include "chq-docs.h"

#define MARGIN     50.0
#define FONT       "Sans"
#define CELL_PAD   3.0
#define MAX_COLUMNS 12

typedef enum {
  BLOCK_TITLE,
  BLOCK_SUBTITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_NOTE,
  BLOCK_FIELD,
  BLOCK_TABLE,
  BLOCK_ROW,
  BLOCK_PAGE_BREAK,
} BlockType;

typedef struct _Block Block;
struct _Block {
  BlockType  type;
  char      *text;    /* owned: the text, a field's value */
  char      *label;   /* owned: a field's label */
  guint      n;       /* a table's or row's columns */
  char     **cells;   /* owned: a table's headers, a row's cells */
  double    *shares;  /* owned: a table's column widths */
  gboolean  *right;   /* owned: a table's right-aligned columns */
  Block     *table;   /* a row's table */
};

struct _ChqDocLayout
{
  char      *footer; /* owned */
  GPtrArray *blocks; /* owned, of Block */
  Block     *table;  /* the table rows go to */
};

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->label);
  g_strfreev (block->cells);
  g_free (block->shares);
  g_free (block->right);
  g_free (block);
}

ChqDocLayout *
chq_doc_layout_new (const char *footer)
{
  ChqDocLayout *doc = g_new0 (ChqDocLayout, 1);

  doc->footer = g_strdup (footer);
  doc->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);

  return doc;
}

void
chq_doc_layout_free (ChqDocLayout *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->footer);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

static Block *
add_block (ChqDocLayout *doc,
           BlockType     type,
           const char   *text)
{
  Block *block = g_new0 (Block, 1);

  block->type = type;
  block->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (doc->blocks, block);

  return block;
}

void
chq_doc_layout_title (ChqDocLayout *doc,
                      const char   *text)
{
  add_block (doc, BLOCK_TITLE, text);
}

void
chq_doc_layout_subtitle (ChqDocLayout *doc,
                         const char   *text)
{
  add_block (doc, BLOCK_SUBTITLE, text);
}

void
chq_doc_layout_heading (ChqDocLayout *doc,
                        const char   *text)
{
  add_block (doc, BLOCK_HEADING, text);
}

void
chq_doc_layout_paragraph (ChqDocLayout *doc,
                          const char   *text)
{
  add_block (doc, BLOCK_PARAGRAPH, text);
}

void
chq_doc_layout_note (ChqDocLayout *doc,
                     const char   *text)
{
  add_block (doc, BLOCK_NOTE, text);
}

void
chq_doc_layout_field (ChqDocLayout *doc,
                      const char   *label,
                      const char   *value)
{
  Block *block = add_block (doc, BLOCK_FIELD, value != NULL && *value != '\0' ? value : "—");

  block->label = g_strdup (label);
}

void
chq_doc_layout_table (ChqDocLayout       *doc,
                      guint               n,
                      const char * const *headers,
                      const double       *shares,
                      const gboolean     *right)
{
  Block *block;

  g_return_if_fail (n > 0 && n <= MAX_COLUMNS);

  block = add_block (doc, BLOCK_TABLE, NULL);
  block->n = n;
  block->cells = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    block->cells[i] = g_strdup (headers[i]);
  block->shares = g_memdup2 (shares, n * sizeof (double));
  block->right = g_memdup2 (right, n * sizeof (gboolean));
  doc->table = block;
}

void
chq_doc_layout_row (ChqDocLayout       *doc,
                    const char * const *cells)
{
  Block *block;

  g_return_if_fail (doc->table != NULL);

  block = add_block (doc, BLOCK_ROW, NULL);
  block->table = doc->table;
  block->n = doc->table->n;
  block->cells = g_new0 (char *, block->n + 1);
  for (guint i = 0; i < block->n; i++)
    block->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
}

void
chq_doc_layout_page_break (ChqDocLayout *doc)
{
  add_block (doc, BLOCK_PAGE_BREAK, NULL);
  doc->table = NULL;
}

/* Laying out */

typedef struct {
  cairo_t              *cr;
  PangoContext         *context;
  PangoLayout          *layout;            /* for single boxes */
  PangoLayout          *footer_layout;
  PangoLayout          *cells[MAX_COLUMNS]; /* for fields and uncached cells */
  PangoLayout          *row[MAX_COLUMNS];   /* the row's layouts (cached or cells[]) */
  GHashTable           *cache;              /* owned: text and box -> PangoLayout */
  PangoFontDescription *fonts[BLOCK_PAGE_BREAK + 1];
  PangoFontDescription *header_font;
  PangoFontDescription *label_font;
  const char           *footer;
  double                y;
  guint                 page;
  gboolean              page_empty;
} Pen;

static const double width = CHQ_DOC_PAGE_WIDTH - 2 * MARGIN;
static const double bottom = CHQ_DOC_PAGE_HEIGHT - MARGIN - 14;

static PangoFontDescription *
make_font (double   size,
           gboolean bold)
{
  PangoFontDescription *font = pango_font_description_from_string (FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);

  return font;
}

/* Sets a layout up for @text in a box @box_width wide; returns its height. */
static double
prepare (PangoLayout                *layout,
         const PangoFontDescription *font,
         const char                 *text,
         double                      box_width,
         gboolean                    right)
{
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (box_width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);

  return (double) h / PANGO_SCALE;
}

static void
show (Pen         *pen,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

static void
draw_footer (Pen *pen)
{
  /* Translators: at the foot of each page of a document */
  g_autofree char *page = g_strdup_printf (_("Page %u"), pen->page);
  double y = CHQ_DOC_PAGE_HEIGHT - MARGIN;

  cairo_set_source_rgb (pen->cr, 0.4, 0.4, 0.4);
  /* Its own layout: a page may end while a block's layout waits to be shown. */
  if (pen->footer != NULL)
    {
      prepare (pen->footer_layout, pen->fonts[BLOCK_NOTE], pen->footer, width * 0.8, FALSE);
      show (pen, pen->footer_layout, MARGIN, y);
    }
  prepare (pen->footer_layout, pen->fonts[BLOCK_NOTE], page, width, TRUE);
  show (pen, pen->footer_layout, MARGIN, y);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
}

static void
next_page (Pen *pen)
{
  draw_footer (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN;
  pen->page_empty = TRUE;
}

/* Makes room for @height, on a new page if need be; returns whether a page began. */
static gboolean
room_for (Pen    *pen,
          double  height)
{
  if (pen->y + height <= bottom || pen->page_empty)
    return FALSE;

  next_page (pen);
  return TRUE;
}

static void
column_geometry (const Block *table,
                 double      *col_x,
                 double      *col_w)
{
  double x = MARGIN;

  for (guint i = 0; i < table->n; i++)
    {
      col_x[i] = x;
      col_w[i] = width * table->shares[i];
      x += col_w[i];
    }
}

/* Tables repeat their short texts (a provider, "Formal", a funding, a course's title):
 * their layouts are kept and shown again, which spares Pango most of the work. */
#define CACHE_MAX_TEXT 120
#define CACHE_MAX_SIZE 4096

static PangoLayout *
cell_layout (Pen                        *pen,
             guint                       column,
             const PangoFontDescription *font,
             const char                 *text,
             double                      box_width,
             gboolean                    right,
             double                     *out_height)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;
  int w, h;

  if (strlen (text) > CACHE_MAX_TEXT)
    {
      *out_height = prepare (pen->cells[column], font, text, box_width, right);
      return pen->cells[column];
    }

  key = g_strdup_printf ("%p|%d|%d|%s", (gpointer) font, (int) (box_width * 100), right, text);
  layout = g_hash_table_lookup (pen->cache, key);
  if (layout == NULL)
    {
      if (g_hash_table_size (pen->cache) >= CACHE_MAX_SIZE)
        g_hash_table_remove_all (pen->cache);
      layout = pango_layout_new (pen->context);
      prepare (layout, font, text, box_width, right);
      g_hash_table_insert (pen->cache, g_steal_pointer (&key), layout);
    }

  pango_layout_get_size (layout, &w, &h);
  *out_height = (double) h / PANGO_SCALE;

  return layout;
}

static double
layout_cells (Pen                        *pen,
              const Block                *table,
              char * const               *cells,
              const PangoFontDescription *font,
              const double               *col_w)
{
  double height = 0;

  for (guint i = 0; i < table->n; i++)
    {
      double h;

      pen->row[i] = cell_layout (pen, i, font, cells[i], col_w[i] - 2 * CELL_PAD,
                                 table->right[i], &h);
      height = MAX (height, h);
    }

  return height + 2 * CELL_PAD;
}

static void
draw_cells (Pen          *pen,
            const Block  *table,
            const double *col_x,
            double        height,
            gboolean      header)
{
  if (header)
    {
      cairo_set_source_rgb (pen->cr, 0.90, 0.92, 0.95);
      cairo_rectangle (pen->cr, MARGIN, pen->y, width, height);
      cairo_fill (pen->cr);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
    }

  for (guint i = 0; i < table->n; i++)
    show (pen, pen->row[i], col_x[i] + CELL_PAD, pen->y + CELL_PAD);

  cairo_set_source_rgb (pen->cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (pen->cr, 0.5);
  cairo_move_to (pen->cr, MARGIN, pen->y + height);
  cairo_line_to (pen->cr, MARGIN + width, pen->y + height);
  cairo_stroke (pen->cr);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);

  pen->y += height;
  pen->page_empty = FALSE;
}

static void
draw_table_header (Pen         *pen,
                   const Block *table)
{
  double col_x[MAX_COLUMNS], col_w[MAX_COLUMNS];
  double height;

  column_geometry (table, col_x, col_w);
  height = layout_cells (pen, table, table->cells, pen->header_font, col_w);
  draw_cells (pen, table, col_x, height, TRUE);
}

static void
draw_block (Pen         *pen,
            const Block *block)
{
  double h, label_h;
  double col_x[MAX_COLUMNS], col_w[MAX_COLUMNS];

  switch (block->type)
    {
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING:
    case BLOCK_PARAGRAPH:
    case BLOCK_NOTE:
      {
        double before = block->type == BLOCK_HEADING ? 12 : block->type == BLOCK_TITLE ? 0 : 3;

        h = prepare (pen->layout, pen->fonts[block->type], block->text, width, FALSE);
        /* A heading keeps at least a line of what follows with it. */
        room_for (pen, before + h + (block->type == BLOCK_HEADING ? 30 : 0));
        if (!pen->page_empty)
          pen->y += before;
        if (block->type == BLOCK_SUBTITLE || block->type == BLOCK_NOTE)
          cairo_set_source_rgb (pen->cr, 0.35, 0.35, 0.35);
        show (pen, pen->layout, MARGIN, pen->y);
        cairo_set_source_rgb (pen->cr, 0, 0, 0);
        pen->y += h + (block->type == BLOCK_TITLE ? 4 : 2);
        pen->page_empty = FALSE;
      }
      break;

    case BLOCK_FIELD:
      label_h = prepare (pen->cells[0], pen->label_font, block->label, width * 0.36 - 6, FALSE);
      h = prepare (pen->cells[1], pen->fonts[BLOCK_FIELD], block->text, width * 0.64, FALSE);
      h = MAX (h, label_h) + 4;
      room_for (pen, h);
      cairo_set_source_rgb (pen->cr, 0.3, 0.3, 0.3);
      show (pen, pen->cells[0], MARGIN, pen->y + 2);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
      show (pen, pen->cells[1], MARGIN + width * 0.36, pen->y + 2);
      pen->y += h;
      pen->page_empty = FALSE;
      break;

    case BLOCK_TABLE:
      h = layout_cells (pen, block, block->cells, pen->header_font,
                        (column_geometry (block, col_x, col_w), col_w));
      room_for (pen, 6 + h * 2);
      pen->y += pen->page_empty ? 0 : 6;
      draw_table_header (pen, block);
      break;

    case BLOCK_ROW:
      column_geometry (block->table, col_x, col_w);
      h = layout_cells (pen, block->table, block->cells, pen->fonts[BLOCK_ROW], col_w);
      if (room_for (pen, h))
        {
          draw_table_header (pen, block->table);
          /* The header's layouts replaced the row's. */
          h = layout_cells (pen, block->table, block->cells, pen->fonts[BLOCK_ROW], col_w);
        }
      draw_cells (pen, block->table, col_x, h, FALSE);
      break;

    case BLOCK_PAGE_BREAK:
      if (!pen->page_empty)
        next_page (pen);
      break;

    default:
      g_assert_not_reached ();
    }
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  if (!g_output_stream_write_all (stream, data, length, NULL, NULL, NULL))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_WRITE,
               _("Could not write “%s”: %s. Choose another folder or free some space."),
               name, reason);
  return FALSE;
}

/* Closes @stream; on failure (or when @abandon) the file is left as it was. */
static gboolean
close_stream (GFileOutputStream  *stream,
              const char         *path,
              gboolean            abandon,
              GError            **error)
{
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) local_error = NULL;

  if (abandon)
    {
      g_cancellable_cancel (cancel);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error))
    return set_write_error (error, path, local_error->message);

  g_chmod (path, 0600);
  return TRUE;
}

static GFileOutputStream *
open_private (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  GFileOutputStream *stream;

  stream = g_file_replace (file, NULL, FALSE,
                           G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           NULL, &local_error);
  if (stream == NULL)
    set_write_error (error, path, local_error->message);

  return stream;
}

/**
 * chq_doc_write_private_file:
 * @path: the file
 * @bytes: its content
 * @error: return location for a #GError
 *
 * Writes a file that holds personal data: mode 0600, replaced atomically (a failure
 * leaves the old file as it was).
 *
 * Returns: whether it was written
 */
gboolean
chq_doc_write_private_file (const char  *path,
                            GBytes      *bytes,
                            GError     **error)
{
  g_autoptr(GFileOutputStream) stream = open_private (path, error);
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const void *data;

  if (stream == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &size);
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, size, NULL, NULL,
                                  &local_error))
    {
      close_stream (stream, path, TRUE, NULL);
      return set_write_error (error, path, local_error->message);
    }

  return close_stream (stream, path, FALSE, error);
}

/**
 * chq_doc_layout_write_pdf:
 * @doc: a document
 * @path: the PDF file to write
 * @out_pages: (out) (optional): the number of pages
 * @error: return location for a #GError
 *
 * Lays @doc out on A4 pages and writes it as a private file (0600), replaced atomically.
 * Callable from any thread.
 *
 * Returns: whether the file was written
 */
gboolean
chq_doc_layout_write_pdf (ChqDocLayout  *doc,
                          const char    *path,
                          guint         *out_pages,
                          GError       **error)
{
  g_autoptr(GFileOutputStream) stream = open_private (path, error);
  cairo_surface_t *surface;
  cairo_status_t status;
  Pen pen = { 0 };

  if (stream == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream,
                                                 CHQ_DOC_PAGE_WIDTH, CHQ_DOC_PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  pen.cr = cairo_create (surface);
  pen.context = pango_cairo_create_context (pen.cr);
  /* Font sizes in points, as the page is. */
  pango_cairo_context_set_resolution (pen.context, 72);
  pen.layout = pango_layout_new (pen.context);
  pen.footer_layout = pango_layout_new (pen.context);
  pen.cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    pen.cells[i] = pango_layout_new (pen.context);
  pen.fonts[BLOCK_TITLE] = make_font (18, TRUE);
  pen.fonts[BLOCK_SUBTITLE] = make_font (11, FALSE);
  pen.fonts[BLOCK_HEADING] = make_font (13, TRUE);
  pen.fonts[BLOCK_PARAGRAPH] = make_font (10.5, FALSE);
  pen.fonts[BLOCK_NOTE] = make_font (9, FALSE);
  pen.fonts[BLOCK_FIELD] = make_font (10.5, FALSE);
  pen.fonts[BLOCK_TABLE] = make_font (9, TRUE);
  pen.fonts[BLOCK_ROW] = make_font (9, FALSE);
  pen.fonts[BLOCK_PAGE_BREAK] = make_font (9, FALSE);
  pen.header_font = pen.fonts[BLOCK_TABLE];
  pen.label_font = make_font (10.5, TRUE);
  pen.footer = doc->footer;
  pen.y = MARGIN;
  pen.page = 1;
  pen.page_empty = TRUE;

  for (guint i = 0; i < doc->blocks->len; i++)
    draw_block (&pen, doc->blocks->pdata[i]);
  draw_footer (&pen);
  cairo_show_page (pen.cr);

  for (guint i = 0; i <= BLOCK_PAGE_BREAK; i++)
    pango_font_description_free (pen.fonts[i]);
  pango_font_description_free (pen.label_font);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_object_unref (pen.cells[i]);
  g_object_unref (pen.layout);
  g_object_unref (pen.footer_layout);
  g_hash_table_unref (pen.cache);
  g_object_unref (pen.context);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      close_stream (stream, path, TRUE, NULL);
      return set_write_error (error, path, cairo_status_to_string (status));
    }

  if (out_pages != NULL)
    *out_pages = pen.page;

  return close_stream (stream, path, FALSE, error);
}
