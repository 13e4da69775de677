/* chq-report-pdf.h: the annual training report as an A4 PDF (cairo and Pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-hours-report.h"

G_BEGIN_DECLS

/* A4 in points. */
#define CHQ_REPORT_PDF_WIDTH  595.276
#define CHQ_REPORT_PDF_HEIGHT 841.890

typedef struct _ChqReportPdf ChqReportPdf;

/* On the main thread: formats every text of the report (money, hours, dates, labels). */
ChqReportPdf *chq_report_pdf_new          (ChqHoursReport      *report,
                                           const char          *company_name,
                                           GDateTime           *generated_at);
void          chq_report_pdf_free         (ChqReportPdf        *pdf);
/* On any thread: writes the PDF to file (replacing it). */
gboolean      chq_report_pdf_write        (ChqReportPdf        *pdf,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GError             **error);
/* The pages of the last write (0 before). */
guint         chq_report_pdf_get_n_pages  (ChqReportPdf        *pdf);

/* chq_report_pdf_write() on a worker thread; takes ownership of pdf. */
void          chq_report_pdf_write_async  (ChqReportPdf        *pdf,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Returns the number of pages written, 0 with error set on failure. */
guint         chq_report_pdf_write_finish (GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqReportPdf, chq_report_pdf_free)

G_END_DECLS
