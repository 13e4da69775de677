/* chq-hours-page.h: the Training Hours page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "chq-backend.h"
#include "chq-docs.h"
#include "chq-hours-report.h"
#include "chq-training-year.h"

G_BEGIN_DECLS

#define CHQ_TYPE_HOURS_PAGE (chq_hours_page_get_type ())
G_DECLARE_FINAL_TYPE (ChqHoursPage, chq_hours_page, CHQ, HOURS_PAGE, AdwBin)

GtkWidget      *chq_hours_page_new               (void);
ChqBackend     *chq_hours_page_get_backend       (ChqHoursPage        *self);
void            chq_hours_page_set_backend       (ChqHoursPage        *self,
                                                  ChqBackend          *backend);
int             chq_hours_page_get_year          (ChqHoursPage        *self);
/* One of the years the selector offers (next year, this year, the year before, and every
 * other year with bookings). */
void            chq_hours_page_set_year          (ChqHoursPage        *self,
                                                  int                  year);
GDateTime      *chq_hours_page_dup_today         (ChqHoursPage        *self);
/* A fixed "now" for tests; NULL for the clock. */
void            chq_hours_page_set_today         (ChqHoursPage        *self,
                                                  GDateTime           *today);
/* The workforce the training right counts (the setting, or the account's FTE). */
guint           chq_hours_page_get_workforce     (ChqHoursPage        *self);
/* The year model shown (credits, every training); NULL while it is built. */
ChqTrainingYear *chq_hours_page_get_training_year (ChqHoursPage       *self);
/* The report shown, NULL while none is (no backend, or the first read not done). */
ChqHoursReport *chq_hours_page_get_report        (ChqHoursPage        *self);
gboolean        chq_hours_page_get_loading       (ChqHoursPage        *self);

/* What "Export" does once a file is chosen: write the shown year off the main thread. The
 * CSV is the training records of chq-docs.h (every training, for the social secretariat);
 * the PDF the annual report of the hours. */
void            chq_hours_page_export_csv_async  (ChqHoursPage        *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        chq_hours_page_export_csv_finish (ChqHoursPage        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* One of the register's documents (chq-docs.h) of the year shown: @worker_key for the
 * individual training account (NULL: every worker); @file a folder for
 * CHQ_DOC_BALANCE_FOLDER. Written off the main thread. */
void            chq_hours_page_export_doc_async  (ChqHoursPage        *self,
                                                  ChqDocKind           kind,
                                                  const char          *worker_key,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        chq_hours_page_export_doc_finish (ChqHoursPage        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* The form of the year's training plan (20 workers or more), shown; NULL when none applies. */
GtkWidget      *chq_hours_page_edit_plan         (ChqHoursPage        *self);
/* The worker selected in the workers' table, or NULL. */
const char     *chq_hours_page_get_selected_worker (ChqHoursPage      *self);
void            chq_hours_page_export_pdf_async  (ChqHoursPage        *self,
                                                  GFile               *file,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean        chq_hours_page_export_pdf_finish (ChqHoursPage        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
