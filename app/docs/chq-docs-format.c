/* chq-docs-format.c: the texts the documents share, in the interface's language: dates
 * in words, numbers, days and hours, periods, names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-docs"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "chq-docs-private.h"
#include "chq-ident.h"

/* Dates in documents are written the way the document's language writes them, in words:
 * "15 mars 2026", "15 maart 2026", "15. März 2026", "15 March 2026", four-digit years
 * always. The language is the interface's, which comes from the gettext catalogue
 * (LANGUAGE, LC_MESSAGES); LC_TIME may name another one (a Dutch-speaking user with a French
 * regional format), so the month names are not strftime's (%B follows LC_TIME) but this
 * catalogue's: the whole document speaks one language. The parts of a date are joined with
 * no-break spaces so that a date never wraps over two lines. The CSV keeps ISO 8601 dates
 * (machine-readable) and does not use this. */
static const char *
month_name (GDateMonth month)
{
  switch (month)
    {
    case G_DATE_JANUARY:   return C_("month in a date", "January");
    case G_DATE_FEBRUARY:  return C_("month in a date", "February");
    case G_DATE_MARCH:     return C_("month in a date", "March");
    case G_DATE_APRIL:     return C_("month in a date", "April");
    case G_DATE_MAY:       return C_("month in a date", "May");
    case G_DATE_JUNE:      return C_("month in a date", "June");
    case G_DATE_JULY:      return C_("month in a date", "July");
    case G_DATE_AUGUST:    return C_("month in a date", "August");
    case G_DATE_SEPTEMBER: return C_("month in a date", "September");
    case G_DATE_OCTOBER:   return C_("month in a date", "October");
    case G_DATE_NOVEMBER:  return C_("month in a date", "November");
    case G_DATE_DECEMBER:  return C_("month in a date", "December");
    case G_DATE_BAD_MONTH:
    default:
      g_return_val_if_reached ("");
    }
}

/* The day of a date, "15"; the first of a month as the language writes it. */
static char *
day_text (const GDate *date)
{
  if (g_date_get_day (date) == 1)
    /* Translators: the first day of a month in a date, "1" in "1 March 2026"; "1er" in
     * French */
    return g_strdup (C_("first day in a date", "1"));

  return g_strdup_printf ("%u", g_date_get_day (date));
}

char *
_chq_docs_format_date (const GDate *date)
{
  g_autofree char *day = NULL;
  g_autofree char *year = NULL;
  g_autofree char *text = NULL;
  GString *out;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("—");

  day = day_text (date);
  year = g_strdup_printf ("%04u", g_date_get_year (date));

  /* Translators: a date in documents: %1$s the day, %2$s the month's name, %3$s the year
   * (four digits): "15 March 2026"; "%1$s. %2$s %3$s" in German */
  text = g_strdup_printf (C_("document date", "%1$s %2$s %3$s"), day,
                          month_name (g_date_get_month (date)), year);

  /* No-break spaces: a date stays on one line. */
  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ')
        g_string_append (out, "\xc2\xa0"); /* U+00A0 */
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

char *
_chq_docs_format_number (double value,
                         guint  decimals,
                         char   decimal_point)
{
  static const char *const formats[] = { "%.0f", "%.1f", "%.2f" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *text;
  char *dot;

  decimals = MIN (decimals, G_N_ELEMENTS (formats) - 1);
  if (fabs (value) < 0.5 * pow (10, -(int) decimals))
    value = 0; /* no "-0" */

  if (decimal_point != 0)
    text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, formats[decimals], value));
  else if (decimals == 0)
    text = g_strdup_printf ("%.0f", value);
  else if (decimals == 1)
    text = g_strdup_printf ("%.1f", value);
  else
    text = g_strdup_printf ("%.2f", value);

  /* No trailing zeros: "2.50" is "2.5", "3.00" is "3". */
  dot = strpbrk (text, ".,");
  if (dot != NULL)
    {
      char *end = text + strlen (text) - 1;

      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *end = '\0';
      else if (decimal_point != 0)
        *dot = decimal_point;
    }

  return text;
}

char *
_chq_docs_format_days (double days)
{
  g_autofree char *number = _chq_docs_format_number (days, 2, 0);
  gulong n = fabs (days - 1) < 1e-9 ? 1 : days < 1 ? 0 : 2;

  /* Translators: a number of training days, "2.5 days"; the number may have decimals */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", n),
                          number);
}

char *
_chq_docs_format_hours (double hours)
{
  g_autofree char *number = _chq_docs_format_number (hours, 2, 0);

  /* Translators: a number of hours, "7.5 h" */
  return g_strdup_printf (_("%s h"), number);
}

char *
_chq_docs_worker_name (const ChqTrainingYearWorker *worker)
{
  /* Translators: a worker's name in documents: last name, then first name */
  return g_strdup_printf (C_("worker name", "%s %s"),
                          worker->last_name != NULL ? worker->last_name : "",
                          worker->first_name != NULL ? worker->first_name : "");
}

char *
_chq_docs_format_period (const ChqTraining *training)
{
  g_autofree char *start = _chq_docs_format_date (&training->start_date);
  g_autofree char *end = NULL;
  g_autofree char *text = NULL;
  GString *out;

  if (!g_date_valid (&training->end_date) ||
      g_date_compare (&training->end_date, &training->start_date) == 0)
    return g_steal_pointer (&start);

  if (g_date_get_year (&training->end_date) == g_date_get_year (&training->start_date) &&
      g_date_get_month (&training->end_date) == g_date_get_month (&training->start_date) &&
      g_date_compare (&training->end_date, &training->start_date) > 0)
    {
      g_autofree char *first_day = day_text (&training->start_date);

      end = _chq_docs_format_date (&training->end_date);
      /* Translators: a training's days within one month: %1$s the first day, %2$s the last
       * date: "5–6 October 2026"; "%1$s.–%2$s" in German ("5.–6. Oktober 2026") */
      text = g_strdup_printf (C_("period within a month", "%1$s–%2$s"), first_day, end);
      /* A word joiner (U+2060): no line break after the dash. */
      out = g_string_new (text);
      g_string_replace (out, "–", "–\xe2\x81\xa0", 1);

      return g_string_free (out, FALSE);
    }

  end = _chq_docs_format_date (&training->end_date);
  /* Translators: a training's dates, from – to */
  text = g_strdup_printf (_("%s – %s"), start, end);
  /* The dash stays with the first date when the period wraps. */
  out = g_string_new (text);
  g_string_replace (out, " –", "\xc2\xa0–", 1);

  return g_string_free (out, FALSE);
}

const char *
_chq_docs_training_kind (const ChqTraining *training)
{
  return training->formal ? _("Formal") : _("Informal");
}

const char *
_chq_docs_provider (const ChqTraining *training)
{
  if (training->internal || training->provider == NULL || *training->provider == '\0')
    return _("Internal");

  return training->provider;
}

char *
_chq_docs_company_line (const ChqTrainingYear *year)
{
  g_autofree char *number = chq_enterprise_number_format (year->enterprise_number);

  /* Translators: under a document's title: the company's name and enterprise number */
  return g_strdup_printf (_("%s — enterprise number %s"),
                          year->company_name != NULL ? year->company_name : "",
                          number != NULL ? number : year->enterprise_number);
}

char *
_chq_docs_today_text (const ChqTrainingYear *year)
{
  g_autofree char *date = _chq_docs_format_date (&year->at);

  /* Translators: at the foot of a document's pages: the date it is made */
  return g_strdup_printf (_("Made with Chéquier on %s"), date);
}
