/* chq-doc-layout.c: ChqDocLayout, a document of blocks laid out on A4 pages (cairo, Pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is real text (Pango through cairo's PDF surface embeds the fonts with their
 * Unicode mapping): it can be searched and copied. Every box wraps its text at word
 * boundaries; nothing is ellipsized. A table's columns take their widths from their content:
 * each column is at least as wide as its widest word (header included), the rest of the
 * width goes to the columns whose texts are longer; a table whose words cannot all fit at
 * 9 pt is set smaller (down to 7 pt), and only if they still do not fit may a word break
 * inside (PANGO_WRAP_WORD_CHAR, the last resort).
 *
 * The document is laid out twice: once without drawing, to count the pages ("Page 1 of 3"),
 * then for real; the second pass reuses the first one's cached cell layouts.
 */
#define G_LOG_DOMAIN "chq-doc-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chq-doc-layout.h"
#include "chq-docs.h"

#define MARGIN     50.0
#define FONT       "Sans"
#define CELL_PAD   3.0
#define MAX_COLUMNS 12
#define TABLE_SIZE     9.0 /* a table's font size, in points */
#define TABLE_MIN_SIZE 7.0 /* the smallest it is set at to fit its words */
#define TABLE_COMFORT_SIZE 8.0 /* the smallest it is set at to give a title room */
#define NUMBER_GAP     8.0 /* more room before a column of numbers */

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
  gboolean  *right;   /* owned: a table's right-aligned columns */
  Block     *table;   /* a row's table */
  /* A table's geometry, from its content (compute_tables()) */
  double    *col_w;   /* owned: the columns' widths, padding included */
  double     size;    /* the font size */
  gboolean   break_words; /* the last resort: words may break inside */
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
  g_free (block->right);
  g_free (block->col_w);
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
                      const gboolean     *right)
{
  Block *block;

  g_return_if_fail (n > 0 && n <= MAX_COLUMNS);

  block = add_block (doc, BLOCK_TABLE, NULL);
  block->n = n;
  block->cells = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    block->cells[i] = g_strdup (headers[i]);
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
  double min; /* the widest word, in points */
  double nat; /* the longest line, unwrapped, in points */
} Measure;

typedef struct {
  cairo_t              *cr;
  PangoContext         *context;
  PangoLayout          *layout;            /* for single boxes */
  PangoLayout          *footer_layout;
  PangoLayout          *measure_layout;
  PangoLayout          *cells[MAX_COLUMNS]; /* for fields and uncached cells */
  PangoLayout          *row[MAX_COLUMNS];   /* the row's layouts (cached or cells[]) */
  GHashTable           *cache;              /* owned: text and box -> PangoLayout */
  GHashTable           *measures;           /* owned: font and text -> Measure */
  GHashTable           *table_fonts;        /* owned: size and weight -> font */
  PangoFontDescription *fonts[BLOCK_PAGE_BREAK + 1];
  PangoFontDescription *label_font;
  GPtrArray            *blocks;
  const char           *footer;
  double                label_width;        /* a field's label column */
  gboolean              dry;                /* counting the pages: nothing is drawn */
  double                y;
  guint                 page;
  guint                 n_pages;
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

/* A table's font: its headers' (bold) or its cells'. */
static const PangoFontDescription *
table_font (Pen         *pen,
            const Block *table,
            gboolean     header)
{
  gpointer key = GINT_TO_POINTER ((int) (table->size * 100) * 2 + (header ? 1 : 0));
  PangoFontDescription *font = g_hash_table_lookup (pen->table_fonts, key);

  if (font == NULL)
    {
      font = make_font (table->size, header);
      g_hash_table_insert (pen->table_fonts, key, font);
    }

  return font;
}

/* Sets a layout up for @text in a box @box_width wide; returns its height. */
static double
prepare (PangoLayout                *layout,
         const PangoFontDescription *font,
         const char                 *text,
         double                      box_width,
         gboolean                    right,
         PangoWrapMode               wrap)
{
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (box_width * PANGO_SCALE));
  pango_layout_set_wrap (layout, wrap);
  pango_layout_set_alignment (layout, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);

  return (double) h / PANGO_SCALE;
}

/* Paragraphs and fields wrap at word boundaries; a word wider than its whole box (a long
 * web address) may break inside rather than run off the page. */
#define WRAP_TEXT PANGO_WRAP_WORD_CHAR

static void
show (Pen         *pen,
      PangoLayout *layout,
      double       x,
      double       y)
{
  if (pen->dry)
    return;

  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

static void
set_grey (Pen    *pen,
          double  grey)
{
  if (!pen->dry)
    cairo_set_source_rgb (pen->cr, grey, grey, grey);
}

/* How wide @text is on one line, and its widest word: the text between two of Pango's line
 * break opportunities, without its trailing spaces. A compound ("Chèques-formation") may
 * break after its hyphen, as typography allows: its parts are its words. */
#define MEASURES_MAX_SIZE 8192

static const Measure *
measure (Pen                        *pen,
         const PangoFontDescription *font,
         const char                 *text)
{
  g_autofree char *key = g_strdup_printf ("%p|%s", (gpointer) font, text);
  PangoLayout *layout = pen->measure_layout;
  const PangoLogAttr *attrs;
  const char *p;
  Measure *m;
  int n_attrs, w, h;
  int start = -1, end = -1; /* the word's first and last non-space characters (bytes) */

  m = g_hash_table_lookup (pen->measures, key);
  if (m != NULL)
    return m;

  m = g_new0 (Measure, 1);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  m->nat = (double) w / PANGO_SCALE;
  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);

  p = text;
  for (int i = 0; i < n_attrs; i++)
    {
      if ((*p == '\0' || attrs[i].is_line_break) && start >= 0 && end >= 0)
        {
          PangoRectangle first, last;

          pango_layout_index_to_pos (layout, start, &first);
          pango_layout_index_to_pos (layout, end, &last);
          m->min = MAX (m->min, (double) (last.x + last.width - first.x) / PANGO_SCALE);
          start = end = -1;
        }
      if (*p == '\0')
        break;
      if (!attrs[i].is_white)
        {
          if (start < 0)
            start = p - text;
          end = p - text;
        }
      p = g_utf8_next_char (p);
    }
  m->min = MAX (m->min, 0) + 0.5; /* rounding: a word that just fits fits */
  m->nat = MAX (m->nat, m->min);

  if (g_hash_table_size (pen->measures) >= MEASURES_MAX_SIZE)
    g_hash_table_remove_all (pen->measures);
  g_hash_table_insert (pen->measures, g_steal_pointer (&key), m);

  return m;
}

/* The widest word and the longest text of each column of the tables @group (block indices,
 * of tables with the same columns) at @size, padding included. */
static void
measure_columns (Pen          *pen,
                 const GArray *group,
                 double        size,
                 double       *min,
                 double       *nat)
{
  const Block *first = pen->blocks->pdata[g_array_index (group, guint, 0)];
  Block sized = { .size = size };
  const PangoFontDescription *header_font = table_font (pen, &sized, TRUE);
  const PangoFontDescription *font = table_font (pen, &sized, FALSE);

  for (guint c = 0; c < first->n; c++)
    {
      const Measure *m = measure (pen, header_font, first->cells[c]);

      min[c] = m->min;
      nat[c] = m->nat;
    }

  for (guint g = 0; g < group->len; g++)
    {
      guint index = g_array_index (group, guint, g);
      const Block *table = pen->blocks->pdata[index];

      for (guint i = index + 1; i < pen->blocks->len; i++)
        {
          const Block *row = pen->blocks->pdata[i];

          if (row->type == BLOCK_TABLE || row->type == BLOCK_PAGE_BREAK)
            break;
          if (row->type != BLOCK_ROW || row->table != table)
            continue;
          for (guint c = 0; c < table->n; c++)
            {
              const Measure *m = measure (pen, font, row->cells[c]);

              min[c] = MAX (min[c], m->min);
              nat[c] = MAX (nat[c], m->nat);
            }
        }
    }

  /* Numbers, aligned right, keep some room from the column before them. */
  for (guint c = 0; c < first->n; c++)
    {
      double pad = 2 * CELL_PAD + (first->right[c] ? NUMBER_GAP : 0);

      min[c] += pad;
      nat[c] += pad;
    }
}

/* Gives the columns of the tables @group (a document's tables with the same columns, such as
 * its statements: they look the same) their widths: each at least its widest word; what is
 * left goes to the columns whose texts would wrap, in proportion to what they lack (as
 * HTML's automatic table layout does). If the words do not fit at 9 pt, the tables are set
 * smaller; at 7 pt, words that still do not fit may break (the last resort). */
static void
fit_tables (Pen          *pen,
            const GArray *group)
{
  const Block *table = pen->blocks->pdata[g_array_index (group, guint, 0)];
  double min[MAX_COLUMNS], nat[MAX_COLUMNS], col_w[MAX_COLUMNS];
  double padding = table->n * 2 * CELL_PAD;
  double sum_min, sum_nat;
  double size = TABLE_SIZE;
  gboolean break_words;

  for (guint c = 0; c < table->n; c++)
    padding += table->right[c] ? NUMBER_GAP : 0;

  /* The column of the longest texts (a training's title) should get a quarter of the width
   * (a long title in a narrow column is a tall row): for that the table may be set down to
   * 8 pt; for its words to fit, down to 7 pt. */
  for (;;)
    {
      double smaller, floor_need;
      guint longest = 0;

      measure_columns (pen, group, size, min, nat);
      sum_min = sum_nat = 0;
      for (guint c = 0; c < table->n; c++)
        {
          sum_min += min[c];
          sum_nat += nat[c];
          if (nat[c] > nat[longest])
            longest = c;
        }
      floor_need = MAX (0, MIN (nat[longest], width * 0.25) - min[longest]);
      if (sum_min + floor_need <= width || size <= TABLE_MIN_SIZE ||
          (sum_min <= width && size <= TABLE_COMFORT_SIZE))
        {
          /* The longest column gets what it should, or what the others leave. */
          floor_need = MIN (floor_need, MAX (0, width - sum_min));
          min[longest] += floor_need;
          sum_min += floor_need;
          break;
        }

      /* The words' widths go with the size, the padding's does not; a quarter point less
       * at least, so that it ends. */
      smaller = floor (size * (width - padding) / (sum_min + floor_need - padding) * 4) / 4;
      size = MAX (sum_min <= width ? TABLE_COMFORT_SIZE : TABLE_MIN_SIZE,
                  MIN (smaller, size - 0.25));
    }

  break_words = sum_min > width;

  for (guint c = 0; c < table->n; c++)
    {
      if (sum_nat <= width)
        col_w[c] = nat[c] + (width - sum_nat) * nat[c] / sum_nat;
      else if (sum_min <= width)
        col_w[c] = min[c] + (width - sum_min) * (nat[c] - min[c]) / (sum_nat - sum_min);
      else
        col_w[c] = min[c] * width / sum_min;
    }

  for (guint g = 0; g < group->len; g++)
    {
      Block *t = pen->blocks->pdata[g_array_index (group, guint, g)];

      g_free (t->col_w);
      t->col_w = g_memdup2 (col_w, t->n * sizeof (double));
      t->size = size;
      t->break_words = break_words;
    }
}

/* Whether two tables have the same columns. */
static gboolean
same_columns (const Block *a,
              const Block *b)
{
  if (a->n != b->n)
    return FALSE;
  for (guint c = 0; c < a->n; c++)
    if (a->right[c] != b->right[c] || g_strcmp0 (a->cells[c], b->cells[c]) != 0)
      return FALSE;

  return TRUE;
}

/* Before any page: the tables' columns, and the fields' label column: wide enough for the
 * labels on one line if that takes at most 42 % of the width, else 36 % or what the widest
 * label word needs (half the width at most). */
static void
fit_document (Pen *pen)
{
  double label_min = 0, label_nat = 0;
  g_autoptr(GHashTable) fitted = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < pen->blocks->len; i++)
    {
      const Block *block = pen->blocks->pdata[i];

      if (block->type == BLOCK_TABLE && !g_hash_table_contains (fitted, block))
        {
          g_autoptr(GArray) group = g_array_new (FALSE, FALSE, sizeof (guint));

          for (guint j = i; j < pen->blocks->len; j++)
            {
              Block *other = pen->blocks->pdata[j];

              if (other->type == BLOCK_TABLE && same_columns (block, other))
                {
                  g_array_append_val (group, j);
                  g_hash_table_add (fitted, other);
                }
            }
          fit_tables (pen, group);
        }
      else if (block->type == BLOCK_FIELD)
        {
          const Measure *m = measure (pen, pen->label_font, block->label);

          label_min = MAX (label_min, m->min);
          label_nat = MAX (label_nat, m->nat);
        }
    }

  pen->label_width = label_nat + 8 <= width * 0.42 ? MAX (label_nat + 8, width * 0.36)
                                                   : CLAMP (label_min + 8, width * 0.36,
                                                            width * 0.5);
}

static void
draw_footer (Pen *pen)
{
  g_autofree char *page = NULL;
  double y = CHQ_DOC_PAGE_HEIGHT - MARGIN;
  double page_w;
  int w, h;

  if (pen->dry)
    return;

  /* Translators: at the foot of each page of a document: "Page 1 of 3" */
  page = g_strdup_printf (_("Page %u of %u"), pen->page, pen->n_pages);
  set_grey (pen, 0.4);
  /* Its own layout: a page may end while a block's layout waits to be shown. The page
   * number at the right, the footer's text in what is left. */
  prepare (pen->footer_layout, pen->fonts[BLOCK_NOTE], page, -1, FALSE, WRAP_TEXT);
  pango_layout_get_size (pen->footer_layout, &w, &h);
  page_w = (double) w / PANGO_SCALE;
  show (pen, pen->footer_layout, MARGIN + width - page_w, y);
  if (pen->footer != NULL)
    {
      prepare (pen->footer_layout, pen->fonts[BLOCK_NOTE], pen->footer, width - page_w - 12,
               FALSE, WRAP_TEXT);
      show (pen, pen->footer_layout, MARGIN, y);
    }
  set_grey (pen, 0);
}

static void
next_page (Pen *pen)
{
  draw_footer (pen);
  if (!pen->dry)
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
      col_w[i] = table->col_w[i];
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
             PangoWrapMode               wrap,
             double                     *out_height)
{
  g_autofree char *key = NULL;
  PangoLayout *layout;
  int w, h;

  if (strlen (text) > CACHE_MAX_TEXT)
    {
      *out_height = prepare (pen->cells[column], font, text, box_width, right, wrap);
      return pen->cells[column];
    }

  key = g_strdup_printf ("%p|%d|%d|%d|%s", (gpointer) font, (int) (box_width * 100), right,
                         wrap, text);
  layout = g_hash_table_lookup (pen->cache, key);
  if (layout == NULL)
    {
      if (g_hash_table_size (pen->cache) >= CACHE_MAX_SIZE)
        g_hash_table_remove_all (pen->cache);
      layout = pango_layout_new (pen->context);
      prepare (layout, font, text, box_width, right, wrap);
      g_hash_table_insert (pen->cache, g_steal_pointer (&key), layout);
    }

  pango_layout_get_size (layout, &w, &h);
  *out_height = (double) h / PANGO_SCALE;

  return layout;
}

/* Lays a row (or the header) of @table out in pen->row; returns its height. */
static double
layout_cells (Pen          *pen,
              const Block  *table,
              char * const *cells,
              gboolean      header)
{
  const PangoFontDescription *font = table_font (pen, table, header);
  PangoWrapMode wrap = table->break_words ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD;
  double height = 0;

  for (guint i = 0; i < table->n; i++)
    {
      double h;

      pen->row[i] = cell_layout (pen, i, font, cells[i], table->col_w[i] - 2 * CELL_PAD,
                                 table->right[i], wrap, &h);
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
  if (header && !pen->dry)
    {
      cairo_set_source_rgb (pen->cr, 0.90, 0.92, 0.95);
      cairo_rectangle (pen->cr, MARGIN, pen->y, width, height);
      cairo_fill (pen->cr);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
    }

  for (guint i = 0; i < table->n; i++)
    show (pen, pen->row[i], col_x[i] + CELL_PAD, pen->y + CELL_PAD);

  if (!pen->dry)
    {
      cairo_set_source_rgb (pen->cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (pen->cr, 0.5);
      cairo_move_to (pen->cr, MARGIN, pen->y + height);
      cairo_line_to (pen->cr, MARGIN + width, pen->y + height);
      cairo_stroke (pen->cr);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
    }

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
  height = layout_cells (pen, table, table->cells, TRUE);
  draw_cells (pen, table, col_x, height, TRUE);
}

/* How tall the start of the block @index is: what a heading before it keeps with it (a
 * table's header and first row, a field, a paragraph's first lines). */
static double
start_height (Pen   *pen,
              guint  index)
{
  const Block *block;
  double h;

  if (index >= pen->blocks->len)
    return 0;

  block = pen->blocks->pdata[index];
  switch (block->type)
    {
    case BLOCK_TABLE:
      h = 6 + layout_cells (pen, block, block->cells, TRUE);
      if (index + 1 < pen->blocks->len)
        {
          const Block *row = pen->blocks->pdata[index + 1];

          if (row->type == BLOCK_ROW && row->table == block)
            h += layout_cells (pen, block, row->cells, FALSE);
        }
      return h;
    case BLOCK_FIELD:
      return 20;
    case BLOCK_PARAGRAPH:
    case BLOCK_NOTE:
      return 30;
    case BLOCK_TITLE:
    case BLOCK_SUBTITLE:
    case BLOCK_HEADING:
    case BLOCK_ROW:
    case BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

static void
draw_block (Pen   *pen,
            guint  index)
{
  const Block *block = pen->blocks->pdata[index];
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
        /* A heading keeps the start of what follows with it. */
        double keep = block->type == BLOCK_HEADING ? start_height (pen, index + 1) : 0;

        /* Text after a table keeps away from its last line. */
        if (index > 0 && ((Block *) pen->blocks->pdata[index - 1])->type == BLOCK_ROW)
          before = MAX (before, 8);
        h = prepare (pen->layout, pen->fonts[block->type], block->text, width, FALSE,
                     WRAP_TEXT);
        room_for (pen, before + h + keep);
        if (!pen->page_empty)
          pen->y += before;
        if (block->type == BLOCK_SUBTITLE || block->type == BLOCK_NOTE)
          set_grey (pen, 0.35);
        show (pen, pen->layout, MARGIN, pen->y);
        set_grey (pen, 0);
        pen->y += h + (block->type == BLOCK_TITLE ? 4 : 2);
        pen->page_empty = FALSE;
      }
      break;

    case BLOCK_FIELD:
      label_h = prepare (pen->cells[0], pen->label_font, block->label, pen->label_width - 6,
                         FALSE, WRAP_TEXT);
      h = prepare (pen->cells[1], pen->fonts[BLOCK_FIELD], block->text,
                   width - pen->label_width, FALSE, WRAP_TEXT);
      h = MAX (h, label_h) + 4;
      room_for (pen, h);
      set_grey (pen, 0.3);
      show (pen, pen->cells[0], MARGIN, pen->y + 2);
      set_grey (pen, 0);
      show (pen, pen->cells[1], MARGIN + pen->label_width, pen->y + 2);
      pen->y += h;
      pen->page_empty = FALSE;
      break;

    case BLOCK_TABLE:
      /* The header keeps the first row with it. */
      room_for (pen, start_height (pen, index));
      pen->y += pen->page_empty ? 0 : 6;
      draw_table_header (pen, block);
      break;

    case BLOCK_ROW:
      column_geometry (block->table, col_x, col_w);
      h = layout_cells (pen, block->table, block->cells, FALSE);
      if (room_for (pen, h))
        {
          draw_table_header (pen, block->table);
          /* The header's layouts replaced the row's. */
          h = layout_cells (pen, block->table, block->cells, FALSE);
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

/* One pass over the document: @dry counts the pages, the other draws them. */
static void
lay_out (Pen      *pen,
         gboolean  dry)
{
  pen->dry = dry;
  pen->y = MARGIN;
  pen->page = 1;
  pen->page_empty = TRUE;

  for (guint i = 0; i < pen->blocks->len; i++)
    draw_block (pen, i);
  draw_footer (pen);
  if (!dry)
    cairo_show_page (pen->cr);
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
  pen.measure_layout = pango_layout_new (pen.context);
  pen.cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  pen.measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pen.table_fonts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                           (GDestroyNotify) pango_font_description_free);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    pen.cells[i] = pango_layout_new (pen.context);
  pen.fonts[BLOCK_TITLE] = make_font (18, TRUE);
  pen.fonts[BLOCK_SUBTITLE] = make_font (11, FALSE);
  pen.fonts[BLOCK_HEADING] = make_font (13, TRUE);
  pen.fonts[BLOCK_PARAGRAPH] = make_font (10.5, FALSE);
  pen.fonts[BLOCK_NOTE] = make_font (9, FALSE);
  pen.fonts[BLOCK_FIELD] = make_font (10.5, FALSE);
  /* Tables have their own fonts, of their size (table_font()). */
  pen.label_font = make_font (10.5, TRUE);
  pen.footer = doc->footer;
  pen.blocks = doc->blocks;

  fit_document (&pen);
  lay_out (&pen, TRUE);
  pen.n_pages = pen.page;
  lay_out (&pen, FALSE);
  g_warn_if_fail (pen.page == pen.n_pages);

  for (guint i = 0; i <= BLOCK_PAGE_BREAK; i++)
    pango_font_description_free (pen.fonts[i]);
  pango_font_description_free (pen.label_font);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_object_unref (pen.cells[i]);
  g_object_unref (pen.layout);
  g_object_unref (pen.footer_layout);
  g_object_unref (pen.measure_layout);
  g_hash_table_unref (pen.cache);
  g_hash_table_unref (pen.measures);
  g_hash_table_unref (pen.table_fonts);
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
