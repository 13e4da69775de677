/* chq-docs-private.h: what the documents share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-doc-layout.h"
#include "chq-docs.h"

G_BEGIN_DECLS

/* Texts in the interface language: dates in words, "15 March 2026", four-digit years. */
char *_chq_docs_format_date    (const GDate                 *date);
/* "2,5" in French: at most @decimals decimals, no trailing zeros; in the locale (or with
 * @decimal_point when it is not 0). */
char *_chq_docs_format_number  (double                       value,
                                guint                        decimals,
                                char                         decimal_point);
char *_chq_docs_format_days    (double                       days);
char *_chq_docs_format_hours   (double                       hours);
char *_chq_docs_worker_name    (const ChqTrainingYearWorker *worker);
/* "12 October 2026" or "12 October 2026 – 13 October 2026" */
char *_chq_docs_format_period  (const ChqTraining           *training);
const char *_chq_docs_training_kind (const ChqTraining      *training);
/* The provider, or "Internal". */
const char *_chq_docs_provider (const ChqTraining           *training);
char *_chq_docs_company_line   (const ChqTrainingYear       *year);
char *_chq_docs_today_text     (const ChqTrainingYear       *year);

/* The documents, built as blocks on the calling thread. */
ChqDocLayout *_chq_docs_build_training_account  (ChqTrainingYear  *year,
                                                 const char       *worker_key,
                                                 GError          **error);
ChqDocLayout *_chq_docs_build_statements        (ChqTrainingYear  *year,
                                                 const char       *worker_key,
                                                 GError          **error);
ChqDocLayout *_chq_docs_build_plan              (ChqTrainingYear  *year,
                                                 gboolean          anonymised,
                                                 GError          **error);
ChqDocLayout *_chq_docs_build_summary           (ChqTrainingYear  *year,
                                                 GError          **error);

G_END_DECLS
