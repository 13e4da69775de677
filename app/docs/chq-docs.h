/* chq-docs.h: the training register's documents (PDF) and the training-records CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every document is made from a ChqTrainingYear, in the interface language, and written as
 * a private file (0600), replaced atomically. The _async functions run on a worker thread.
 */
#pragma once

#include <gio/gio.h>

#include "chq-training-year.h"

G_BEGIN_DECLS

#define CHQ_DOCS_ERROR (chq_docs_error_quark ())
typedef enum {
  CHQ_DOCS_ERROR_WRITE,      /* the file could not be written */
  CHQ_DOCS_ERROR_NO_WORKER,  /* no such worker, or no worker at all */
  CHQ_DOCS_ERROR_NOT_APPLICABLE, /* e.g. the plan of a company under 20 workers */
} ChqDocsError;
GQuark chq_docs_error_quark (void);

typedef enum {
  CHQ_DOC_TRAINING_ACCOUNT,   /* individual training account(s): @worker_key or every worker */
  CHQ_DOC_BALANCE_STATEMENTS, /* yearly balance statement, one page per worker, one file */
  CHQ_DOC_BALANCE_FOLDER,     /* the same, one file per worker in the folder @path */
  CHQ_DOC_TRAINING_PLAN,      /* the annual training plan */
  CHQ_DOC_TRAINING_PLAN_ANONYMISED, /* its anonymised copy for the FPS */
  CHQ_DOC_SELF_EMPLOYED_SUMMARY,    /* one-page yearly summary of a self-employed account */
  CHQ_DOC_TRAINING_RECORDS_CSV,     /* the training records for the social secretariat */
} ChqDocKind;

/* Writes the document @kind of @year to @path (a folder for CHQ_DOC_BALANCE_FOLDER).
 * @worker_key: only for CHQ_DOC_TRAINING_ACCOUNT, NULL for every worker. */
gboolean chq_docs_write        (ChqDocKind            kind,
                                ChqTrainingYear      *year,
                                const char           *worker_key,
                                const char           *path,
                                GError              **error);
void     chq_docs_write_async  (ChqDocKind            kind,
                                ChqTrainingYear      *year,
                                const char           *worker_key,
                                const char           *path,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
gboolean chq_docs_write_finish (GAsyncResult         *result,
                                GError              **error);

/* A file name for the document, e.g. "training-account-2026-Dubois-Sophie.pdf", in the
 * interface language, without characters a file system refuses. */
char    *chq_docs_suggest_file_name (ChqDocKind                   kind,
                                     const ChqTrainingYear       *year,
                                     const ChqTrainingYearWorker *worker);

/* The training-records CSV in memory (see chq-docs-csv.c for the columns). @separator ','
 * or ';', @decimal '.' or ','; chq_csv_dialect_for_locale() gives the locale's. */
GBytes  *chq_docs_training_records_csv (const ChqTrainingYear *year,
                                        char                   separator,
                                        char                   decimal);

G_END_DECLS
