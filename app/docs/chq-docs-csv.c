/* chq-docs-csv.c: the training records for the social secretariat (CSV)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One record per worker and training of the year: the bookings attended (funded by
 * vouchers) and the trainings of the register. The columns, in this order (their headers
 * in the interface language):
 *   year; last name; first name; national register number (85.07.30-033.28); status;
 *   training; provider ("Internal" for an internal training); type (formal or informal);
 *   start date; end date (YYYY-MM-DD); hours; days (at the company's hours per day);
 *   funding; vouchers used; cost in euros (what the company paid); certificate (yes or no);
 *   certificate valid until (YYYY-MM-DD); source (register or booking); booking id.
 * UTF-8 with a byte order mark, RFC 4180 quoting, formula-safe (chq-csv.c); the separator
 * and the decimal separator are the locale's spreadsheets' (';' and ',' in Belgian French,
 * Dutch or German), so the file opens in columns with numbers as numbers.
 */
#define G_LOG_DOMAIN "chq-docs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-csv.h"
#include "chq-docs-private.h"
#include "chq-ident.h"

static char *
iso_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * chq_docs_training_records_csv:
 * @year: the year's data
 * @separator: ',' or ';'
 * @decimal: '.' or ','
 *
 * Returns: (transfer full): the CSV file's bytes
 */
GBytes *
chq_docs_training_records_csv (const ChqTrainingYear *year,
                               char                   separator,
                               char                   decimal)
{
  g_autoptr(ChqCsv) csv = chq_csv_new_full (TRUE, separator);
  g_autofree char *year_text = g_strdup_printf ("%d", year->year);
  double hours_per_day = year->settings.hours_per_day > 0 ? year->settings.hours_per_day : 7.6;

  g_return_val_if_fail (separator != decimal, NULL);

  chq_csv_add_record (csv, _("Year"), _("Last name"), _("First name"),
                      _("National register number"), _("Status"), _("Training"),
                      _("Provider"), _("Type"), _("Start date"), _("End date"), _("Hours"),
                      _("Days"), _("Funding"), _("Vouchers used"), _("Cost (EUR)"),
                      _("Certificate"), _("Certificate valid until"), _("Source"),
                      _("Booking"), NULL);

  for (guint i = 0; i < year->workers->len; i++)
    {
      const ChqTrainingYearWorker *w = year->workers->pdata[i];
      g_autofree char *niss = w->niss != NULL ? chq_niss_format (w->niss) : NULL;

      for (guint j = 0; j < w->trainings->len; j++)
        {
          const ChqTraining *t = w->trainings->pdata[j];
          g_autofree char *start = iso_date (&t->start_date);
          g_autofree char *end = iso_date (g_date_valid (&t->end_date) ? &t->end_date
                                                                       : &t->start_date);
          g_autofree char *hours = _chq_docs_format_number (t->hours, 2, decimal);
          g_autofree char *days = _chq_docs_format_number (t->hours / hours_per_day, 2,
                                                           decimal);
          g_autofree char *vouchers = g_strdup_printf ("%u", t->vouchers_used);
          g_autofree char *cost = _chq_docs_format_number (t->cost_cents / 100.0, 2, decimal);
          g_autofree char *valid = t->certificate ? iso_date (&t->certificate_valid_until)
                                                  : NULL;

          chq_csv_add_number (csv, year_text);
          chq_csv_add_field (csv, w->last_name);
          chq_csv_add_field (csv, w->first_name);
          chq_csv_add_field (csv, niss != NULL ? niss : w->niss);
          chq_csv_add_field (csv, chq_worker_status_get_label (w->status));
          chq_csv_add_field (csv, t->title);
          chq_csv_add_field (csv, _chq_docs_provider (t));
          chq_csv_add_field (csv, _chq_docs_training_kind (t));
          chq_csv_add_field (csv, start);
          chq_csv_add_field (csv, end);
          chq_csv_add_number (csv, hours);
          chq_csv_add_number (csv, days);
          chq_csv_add_field (csv, chq_funding_get_label (t->funding));
          chq_csv_add_number (csv, vouchers);
          chq_csv_add_number (csv, cost);
          chq_csv_add_field (csv, t->certificate ? _("Yes") : _("No"));
          chq_csv_add_field (csv, valid);
          chq_csv_add_field (csv, t->source == CHQ_TRAINING_SOURCE_ENROLMENT
                                  ? _("Booking with vouchers") : _("Register"));
          chq_csv_add_field (csv, t->enrolment_id);
          chq_csv_end_record (csv);
        }
    }

  return chq_csv_free_to_bytes (g_steal_pointer (&csv));
}
