/* chq-report-pdf.c: the annual training report as an A4 PDF (cairo and Pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two steps, because money is formatted by the locale of the main thread (chq-money.c):
 * chq_report_pdf_new() turns the report into texts on the main thread, then
 * chq_report_pdf_write() lays them out on any thread: the title, the company's totals, the
 * chart of hours per month, then the per-worker table over as many pages as it takes, its
 * header repeated on each page and the page number at the foot.
 */
#define G_LOG_DOMAIN "chq-report-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "chq-clock.h"
#include "chq-hours-chart.h"
#include "chq-money.h"
#include "chq-report-pdf.h"
#include "chq-types.h"

#define MARGIN       48.0
#define ROW_HEIGHT   17.0
#define N_COLUMNS    7
#define FONT         "Sans"

struct _ChqReportPdf
{
  char      *title;                 /* owned */
  char      *subtitle;              /* owned: company and date */
  GPtrArray *total_labels;          /* owned, of char* */
  GPtrArray *total_values;          /* owned, of char* */
  char      *chart_title;           /* owned */
  char      *legend_attended;       /* owned */
  char      *legend_booked;         /* owned */
  char      *months[12];            /* owned */
  double     attended[12];
  double     booked[12];
  char      *table_title;           /* owned */
  char      *headers[N_COLUMNS];    /* owned */
  GPtrArray *rows;                  /* owned, of GStrv of N_COLUMNS cells */
  GArray    *behind;                /* of gboolean, one per row */
  char      *behind_note;           /* owned */
  char      *empty_table;           /* owned */
  guint      n_pages;
};

/* Column widths as shares of the text width; the first (the name) takes the rest. */
static const double column_share[N_COLUMNS] = { 0.0, 0.14, 0.10, 0.11, 0.11, 0.08, 0.10 };

static void
add_total (ChqReportPdf *pdf,
           const char   *label,
           char         *value)
{
  g_ptr_array_add (pdf->total_labels, g_strdup (label));
  g_ptr_array_add (pdf->total_values, value);
}

/**
 * chq_report_pdf_new:
 * @report: the year's #ChqHoursReport
 * @company_name: (nullable): the company's name
 * @generated_at: (nullable): when the report is made, for its subtitle (%NULL: now)
 *
 * Formats every text of the PDF report, in the user's language and locale. Call it on the
 * main thread; the result may then be written on any thread.
 *
 * Returns: (transfer full): the report's texts, freed with chq_report_pdf_free()
 */
ChqReportPdf *
chq_report_pdf_new (ChqHoursReport *report,
                    const char     *company_name,
                    GDateTime      *generated_at)
{
  g_autoptr(GDateTime) now = generated_at != NULL ? g_date_time_ref (generated_at)
                                                  : chq_clock_now_local ();
  g_autofree char *date = g_date_time_format (now, "%x");
  ChqReportPdf *pdf;

  g_return_val_if_fail (report != NULL, NULL);

  pdf = g_new0 (ChqReportPdf, 1);
  /* Translators: the title of the PDF report; %d is a year */
  pdf->title = g_strdup_printf (_("Training Hours %d"), report->year);
  /* Translators: under the report's title: the company's name, then the date it is made */
  pdf->subtitle = g_strdup_printf (_("%s — made on %s"),
                                   company_name != NULL && *company_name != '\0'
                                   ? company_name : _("Your company"),
                                   date);

  pdf->total_labels = g_ptr_array_new_with_free_func (g_free);
  pdf->total_values = g_ptr_array_new_with_free_func (g_free);
  add_total (pdf, _("Hours attended"), chq_hours_format_short (report->hours_attended));
  add_total (pdf, _("Hours booked, still to attend"),
             chq_hours_format_short (report->hours_booked));
  add_total (pdf, _("Vouchers used"), g_strdup_printf ("%u", report->vouchers_used));
  add_total (pdf, _("Vouchers reserved"), g_strdup_printf ("%u", report->vouchers_reserved));
  add_total (pdf, _("Value of the vouchers used"), chq_money_format (report->value_cents));
  add_total (pdf, _("Paid by the company"), chq_money_format (report->company_paid_cents));
  add_total (pdf, _("Added by the Region"), chq_money_format (report->region_added_cents));
  add_total (pdf, _("Workers trained"), g_strdup_printf ("%u", report->workers_trained));
  add_total (pdf, _("Workers behind their training right"),
             g_strdup_printf ("%u", report->workers_behind));

  pdf->chart_title = g_strdup (_("Hours per Month"));
  pdf->legend_attended = g_strdup (_("Attended"));
  pdf->legend_booked = g_strdup (_("Booked"));
  for (guint m = 0; m < 12; m++)
    {
      pdf->months[m] = chq_hours_chart_month_label (m, TRUE);
      pdf->attended[m] = report->month_attended[m];
      pdf->booked[m] = report->month_booked[m];
    }

  pdf->table_title = g_strdup (_("Per Worker"));
  pdf->headers[0] = g_strdup (_("Worker"));
  pdf->headers[1] = g_strdup (_("Status"));
  pdf->headers[2] = g_strdup (_("Booked"));
  pdf->headers[3] = g_strdup (_("Attended"));
  pdf->headers[4] = g_strdup (_("Vouchers"));
  pdf->headers[5] = g_strdup (_("Target"));
  pdf->headers[6] = g_strdup (_("Progress"));

  pdf->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  pdf->behind = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (guint i = 0; i < report->workers->len; i++)
    {
      ChqHoursWorker *w = g_ptr_array_index (report->workers, i);
      char **cells = g_new0 (char *, N_COLUMNS + 1);

      cells[0] = w->behind ? g_strdup_printf ("%s *", w->name) : g_strdup (w->name);
      cells[1] = g_strdup (chq_worker_status_get_label (w->status));
      cells[2] = chq_hours_format_short (w->hours_booked);
      cells[3] = chq_hours_format_short (w->hours_attended);
      cells[4] = g_strdup_printf ("%u", w->vouchers_used);
      cells[5] = w->target_hours > 0.0 ? chq_hours_format_short (w->target_hours) : g_strdup ("—");
      /* Translators: a worker's progress towards the training right, "42 %" */
      cells[6] = w->target_hours > 0.0 ? g_strdup_printf (_("%.0f %%"), w->progress * 100.0)
                                       : g_strdup ("—");
      g_ptr_array_add (pdf->rows, cells);
      g_array_append_val (pdf->behind, w->behind);
    }
  pdf->behind_note = g_strdup (_("* behind the training right for the part of the year gone by"));
  pdf->empty_table = g_strdup (_("No workers."));

  return pdf;
}

/**
 * chq_report_pdf_free:
 * @pdf: (nullable): a #ChqReportPdf
 *
 * Frees @pdf.
 */
void
chq_report_pdf_free (ChqReportPdf *pdf)
{
  if (pdf == NULL)
    return;

  g_free (pdf->title);
  g_free (pdf->subtitle);
  g_ptr_array_unref (pdf->total_labels);
  g_ptr_array_unref (pdf->total_values);
  g_free (pdf->chart_title);
  g_free (pdf->legend_attended);
  g_free (pdf->legend_booked);
  for (guint m = 0; m < 12; m++)
    g_free (pdf->months[m]);
  g_free (pdf->table_title);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (pdf->headers[c]);
  g_ptr_array_unref (pdf->rows);
  g_array_unref (pdf->behind);
  g_free (pdf->behind_note);
  g_free (pdf->empty_table);
  g_free (pdf);
}

/**
 * chq_report_pdf_get_n_pages:
 * @pdf: a #ChqReportPdf
 *
 * Returns: the pages of the last chq_report_pdf_write(), 0 before any
 */
guint
chq_report_pdf_get_n_pages (ChqReportPdf *pdf)
{
  g_return_val_if_fail (pdf != NULL, 0);

  return pdf->n_pages;
}

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
  guint        page;
} Pen;

/* Draws @text at (x, y) in a box @width wide (ellipsized; 0: no limit), aligned; returns
 * its height. */
static double
draw_text (Pen            *pen,
           const char     *text,
           double          x,
           double          y,
           double          width,
           double          size,
           gboolean        bold,
           PangoAlignment  align)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);
  int w, h;

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pen->layout, font);
  pango_layout_set_text (pen->layout, text, -1);
  pango_layout_set_alignment (pen->layout, align);
  pango_layout_set_ellipsize (pen->layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (pen->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_get_size (pen->layout, &w, &h);

  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, pen->layout);

  return (double) h / PANGO_SCALE;
}

static void
draw_footer (Pen *pen)
{
  /* Translators: at the foot of each page of the PDF report */
  g_autofree char *text = g_strdup_printf (_("Page %u"), pen->page);

  cairo_set_source_rgb (pen->cr, 0.4, 0.4, 0.4);
  draw_text (pen, text, MARGIN, CHQ_REPORT_PDF_HEIGHT - MARGIN + 12,
             CHQ_REPORT_PDF_WIDTH - 2 * MARGIN, 8, FALSE, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
}

static void
next_page (Pen *pen)
{
  draw_footer (pen);
  cairo_show_page (pen->cr);
  pen->page++;
  pen->y = MARGIN;
}

static void
draw_chart (ChqReportPdf *pdf,
            Pen          *pen,
            double        x,
            double        width,
            double        height)
{
  double max = 0.0;
  double top;
  guint steps;
  double label_w = 34.0;
  double plot_x = x + label_w;
  double plot_w = width - label_w;
  double plot_h = height - 18.0;
  double y0 = pen->y;
  double slot = plot_w / 12.0;
  double bar = slot * 0.34;

  for (guint m = 0; m < 12; m++)
    max = MAX (max, MAX (pdf->attended[m], pdf->booked[m]));
  top = chq_hours_chart_axis_top (max, &steps);

  /* Grid lines and their values. */
  cairo_set_line_width (pen->cr, 0.5);
  for (guint s = 0; s <= steps; s++)
    {
      double value = top * s / steps;
      double gy = y0 + plot_h - plot_h * s / steps;
      g_autofree char *text = chq_hours_format (value, FALSE);

      cairo_set_source_rgb (pen->cr, 0.85, 0.85, 0.85);
      cairo_move_to (pen->cr, plot_x, gy);
      cairo_line_to (pen->cr, plot_x + plot_w, gy);
      cairo_stroke (pen->cr);
      cairo_set_source_rgb (pen->cr, 0.35, 0.35, 0.35);
      draw_text (pen, text, x, gy - 5, label_w - 6, 8, FALSE, PANGO_ALIGN_RIGHT);
    }

  for (guint m = 0; m < 12; m++)
    {
      double bx = plot_x + slot * m + slot * 0.14;
      double ha = plot_h * pdf->attended[m] / top;
      double hb = plot_h * pdf->booked[m] / top;

      /* Attended: solid blue; booked: light blue, side by side. */
      cairo_set_source_rgb (pen->cr, 0.11, 0.44, 0.85);
      cairo_rectangle (pen->cr, bx, y0 + plot_h - ha, bar, ha);
      cairo_fill (pen->cr);
      cairo_set_source_rgb (pen->cr, 0.60, 0.76, 0.95);
      cairo_rectangle (pen->cr, bx + bar, y0 + plot_h - hb, bar, hb);
      cairo_fill (pen->cr);

      cairo_set_source_rgb (pen->cr, 0.2, 0.2, 0.2);
      draw_text (pen, pdf->months[m], plot_x + slot * m, y0 + plot_h + 3, slot, 8, FALSE,
                 PANGO_ALIGN_CENTER);
    }

  /* Legend. */
  {
    double ly = y0 + height + 4;

    cairo_set_source_rgb (pen->cr, 0.11, 0.44, 0.85);
    cairo_rectangle (pen->cr, plot_x, ly + 2, 8, 8);
    cairo_fill (pen->cr);
    cairo_set_source_rgb (pen->cr, 0, 0, 0);
    draw_text (pen, pdf->legend_attended, plot_x + 12, ly, 120, 9, FALSE, PANGO_ALIGN_LEFT);
    cairo_set_source_rgb (pen->cr, 0.60, 0.76, 0.95);
    cairo_rectangle (pen->cr, plot_x + 140, ly + 2, 8, 8);
    cairo_fill (pen->cr);
    cairo_set_source_rgb (pen->cr, 0, 0, 0);
    draw_text (pen, pdf->legend_booked, plot_x + 152, ly, 120, 9, FALSE, PANGO_ALIGN_LEFT);
  }

  pen->y = y0 + height + 24;
}

static void
column_geometry (double  x,
                 double  width,
                 double *out_x,
                 double *out_w)
{
  double rest = width;

  for (guint c = 1; c < N_COLUMNS; c++)
    {
      out_w[c] = width * column_share[c];
      rest -= out_w[c];
    }
  out_w[0] = rest;
  out_x[0] = x;
  for (guint c = 1; c < N_COLUMNS; c++)
    out_x[c] = out_x[c - 1] + out_w[c - 1];
}

static void
draw_table_header (ChqReportPdf *pdf,
                   Pen          *pen,
                   const double *col_x,
                   const double *col_w)
{
  double width = CHQ_REPORT_PDF_WIDTH - 2 * MARGIN;

  cairo_set_source_rgb (pen->cr, 0.92, 0.92, 0.92);
  cairo_rectangle (pen->cr, MARGIN, pen->y, width, ROW_HEIGHT);
  cairo_fill (pen->cr);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
  for (guint c = 0; c < N_COLUMNS; c++)
    draw_text (pen, pdf->headers[c], col_x[c] + 3, pen->y + 3.5, col_w[c] - 6, 8, TRUE,
               c < 2 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
  pen->y += ROW_HEIGHT;
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

/**
 * chq_report_pdf_write:
 * @pdf: a #ChqReportPdf
 * @file: where to write (replaced, atomically where the file system allows)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lays the report out on A4 pages and writes it to @file. Callable from any thread.
 *
 * Returns: %TRUE on success; %FALSE with @error set to a sentence for people
 */
gboolean
chq_report_pdf_write (ChqReportPdf  *pdf,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Pen pen = { NULL, NULL, MARGIN, 1 };
  double width = CHQ_REPORT_PDF_WIDTH - 2 * MARGIN;
  double bottom = CHQ_REPORT_PDF_HEIGHT - MARGIN;
  double col_x[N_COLUMNS], col_w[N_COLUMNS];

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* The workers' names and hours: readable by the user only. */
  stream = g_file_replace (file, NULL, FALSE,
                           G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &local_error);
  if (stream == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: %s is a file name, then the system's reason */
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write “%s”: %s. Choose another folder or free some space."),
                   name, local_error->message);
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream,
                                                 CHQ_REPORT_PDF_WIDTH, CHQ_REPORT_PDF_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pdf->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Chéquier");
  pen.cr = cairo_create (surface);
  pen.layout = pango_cairo_create_layout (pen.cr);
  /* The surface's unit is the point: lay text out at 72 dpi so font sizes are in points. */
  pango_cairo_context_set_resolution (pango_layout_get_context (pen.layout), 72.0);
  pango_layout_context_changed (pen.layout);

  /* Title and subtitle. */
  pen.y += draw_text (&pen, pdf->title, MARGIN, pen.y, width, 20, TRUE, PANGO_ALIGN_LEFT) + 4;
  cairo_set_source_rgb (pen.cr, 0.3, 0.3, 0.3);
  pen.y += draw_text (&pen, pdf->subtitle, MARGIN, pen.y, width, 11, FALSE, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (pen.cr, 0, 0, 0);
  pen.y += 18;

  /* Totals, two columns of label and value. */
  for (guint i = 0; i < pdf->total_labels->len; i++)
    {
      draw_text (&pen, g_ptr_array_index (pdf->total_labels, i), MARGIN, pen.y, width * 0.6, 11,
                 FALSE, PANGO_ALIGN_LEFT);
      draw_text (&pen, g_ptr_array_index (pdf->total_values, i), MARGIN + width * 0.6, pen.y,
                 width * 0.4, 11, TRUE, PANGO_ALIGN_RIGHT);
      pen.y += 16;
    }
  pen.y += 16;

  /* The chart. */
  pen.y += draw_text (&pen, pdf->chart_title, MARGIN, pen.y, width, 13, TRUE,
                      PANGO_ALIGN_LEFT) + 8;
  draw_chart (pdf, &pen, MARGIN, width, 180);

  /* The per-worker table, over as many pages as it takes. */
  column_geometry (MARGIN, width, col_x, col_w);
  if (pen.y + 3 * ROW_HEIGHT + 20 > bottom)
    next_page (&pen);
  pen.y += draw_text (&pen, pdf->table_title, MARGIN, pen.y, width, 13, TRUE,
                      PANGO_ALIGN_LEFT) + 6;
  draw_table_header (pdf, &pen, col_x, col_w);

  if (pdf->rows->len == 0)
    {
      draw_text (&pen, pdf->empty_table, MARGIN + 3, pen.y + 3, width, 9, FALSE,
                 PANGO_ALIGN_LEFT);
      pen.y += ROW_HEIGHT;
    }

  for (guint i = 0; i < pdf->rows->len; i++)
    {
      char **cells = g_ptr_array_index (pdf->rows, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;

      if (pen.y + ROW_HEIGHT > bottom)
        {
          next_page (&pen);
          draw_table_header (pdf, &pen, col_x, col_w);
        }

      if (i % 2 == 1)
        {
          cairo_set_source_rgb (pen.cr, 0.97, 0.97, 0.97);
          cairo_rectangle (pen.cr, MARGIN, pen.y, width, ROW_HEIGHT);
          cairo_fill (pen.cr);
        }
      /* A worker behind: the name in red, marked with an asterisk for black and white. */
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c == 0 && g_array_index (pdf->behind, gboolean, i))
            cairo_set_source_rgb (pen.cr, 0.75, 0.11, 0.16);
          else
            cairo_set_source_rgb (pen.cr, 0, 0, 0);
          draw_text (&pen, cells[c], col_x[c] + 3, pen.y + 3, col_w[c] - 6, 9, FALSE,
                     c < 2 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
        }
      pen.y += ROW_HEIGHT;
    }

  if (local_error == NULL)
    {
      cairo_set_source_rgb (pen.cr, 0.3, 0.3, 0.3);
      if (pen.y + 20 > bottom)
        next_page (&pen);
      draw_text (&pen, pdf->behind_note, MARGIN, pen.y + 6, width, 8, FALSE, PANGO_ALIGN_LEFT);
      draw_footer (&pen);
    }

  g_object_unref (pen.layout);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (local_error != NULL)
    {
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is cairo's reason */
                   _("Could not make the PDF report: %s. Try again, or choose another folder."),
                   cairo_status_to_string (status));
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not write “%s”: %s. Choose another folder or free some space."),
                   name, local_error->message);
      return FALSE;
    }

  pdf->n_pages = pen.page;

  return TRUE;
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ChqReportPdf *pdf = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;

  if (chq_report_pdf_write (pdf, file, cancellable, &error))
    g_task_return_int (task, pdf->n_pages);
  else
    g_task_return_error (task, error);
}

/**
 * chq_report_pdf_write_async:
 * @pdf: (transfer full): a #ChqReportPdf
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Writes the PDF on a worker thread, so that the main loop never waits on the disk.
 */
void
chq_report_pdf_write_async (ChqReportPdf        *pdf,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (pdf != NULL);
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_report_pdf_write_async);
  g_task_set_task_data (task, pdf, (GDestroyNotify) chq_report_pdf_free);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, write_thread);
}

/**
 * chq_report_pdf_write_finish:
 * @result: the #GAsyncResult of chq_report_pdf_write_async()
 * @error: return location for a #GError
 *
 * Returns: the pages written; 0 with @error set on failure
 */
guint
chq_report_pdf_write_finish (GAsyncResult  *result,
                             GError       **error)
{
  gssize pages;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);

  pages = g_task_propagate_int (G_TASK (result), error);

  return pages > 0 ? (guint) pages : 0;
}
