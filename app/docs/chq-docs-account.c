/* chq-docs-account.c: the individual training account and the yearly balance statement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The individual training account holds at least (DOMAIN.md): the worker's identity (last
 * and first name, date and place of birth, address, national register number), the work
 * regime, the joint committee, the year's training credit, the days followed, the days left
 * or carried over, the growth path where one applies, and the trainings. The yearly
 * statement tells each worker their balance and reminds them of their right to consult the
 * account and have it corrected.
 */
#define G_LOG_DOMAIN "chq-docs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-docs-private.h"
#include "chq-ident.h"
#include "chq-types.h"

static char *
work_regime_text (const ChqTrainingYearWorker *w)
{
  double fraction = w->details != NULL ? w->details->work_fraction : 1.0;
  g_autofree char *percent = NULL;

  if (w->details == NULL)
    return g_strdup (_("Not recorded (counted as full time)"));
  if (fraction >= 1.0)
    return g_strdup (_("Full time"));

  percent = _chq_docs_format_number (fraction * 100, 1, 0);
  /* Translators: a part-time work regime; %s is a percentage, "80" */
  return g_strdup_printf (_("Part time, %s %% of full time"), percent);
}

static char *
joint_committee_text (const ChqTrainingYearWorker *w)
{
  if (w->details == NULL || w->details->jc_number == NULL || *w->details->jc_number == '\0')
    return NULL;
  if (w->details->jc_name == NULL || *w->details->jc_name == '\0')
    return g_strdup (w->details->jc_number);

  /* Translators: a joint committee: its number and name, "200 — Commission paritaire…" */
  return g_strdup_printf (_("%s — %s"), w->details->jc_number, w->details->jc_name);
}

static char *
basis_text (const ChqTrainingYear       *year,
            const ChqTrainingYearWorker *w)
{
  g_autofree char *days = _chq_docs_format_days (w->balance.days_per_fte);

  if (w->balance.sector_rule)
    /* Translators: where the days per FTE come from; %s is "5 days" */
    return g_strdup_printf (_("%s per full-time equivalent, set by the joint committee’s "
                              "agreement"), days);

  switch (year->tier)
    {
    case CHQ_TRAINING_TIER_UNDER_10:
      return g_strdup (_("None: the company has fewer than 10 workers and no sector "
                         "agreement sets a right"));
    case CHQ_TRAINING_TIER_10_TO_19:
      return g_strdup_printf (_("%s per full-time equivalent (company of 10 to 19 workers)"),
                              days);
    case CHQ_TRAINING_TIER_20_OR_MORE:
      return g_strdup_printf (_("%s per full-time equivalent (company of 20 workers or "
                                "more)"), days);
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_identity (ChqDocLayout                *doc,
              const ChqTrainingYearWorker *w)
{
  g_autofree char *birth = w->details != NULL ? _chq_docs_format_date (&w->details->birth_date)
                                              : NULL;
  g_autofree char *niss = w->niss != NULL ? chq_niss_format (w->niss) : NULL;

  chq_doc_layout_heading (doc, _("Worker"));
  chq_doc_layout_field (doc, _("Last name"), w->last_name);
  chq_doc_layout_field (doc, _("First name"), w->first_name);
  chq_doc_layout_field (doc, _("Date of birth"), birth);
  chq_doc_layout_field (doc, _("Place of birth"), w->details ? w->details->birth_place : NULL);
  chq_doc_layout_field (doc, _("Address"), w->details ? w->details->address : NULL);
  chq_doc_layout_field (doc, _("National register number"),
                        niss != NULL ? niss : w->niss);
  chq_doc_layout_field (doc, _("Status"), chq_worker_status_get_label (w->status));
}

static void
add_employment (ChqDocLayout                *doc,
                const ChqTrainingYearWorker *w)
{
  g_autofree char *regime = work_regime_text (w);
  g_autofree char *jc = joint_committee_text (w);
  g_autofree char *entry = w->details != NULL ? _chq_docs_format_date (&w->details->entry_date)
                                              : NULL;
  g_autofree char *leaving = NULL;

  if (w->details != NULL && g_date_valid (&w->details->leaving_date))
    leaving = _chq_docs_format_date (&w->details->leaving_date);

  chq_doc_layout_heading (doc, _("Employment"));
  chq_doc_layout_field (doc, _("Work regime"), regime);
  chq_doc_layout_field (doc, _("Joint committee"), jc);
  chq_doc_layout_field (doc, _("Date of entry"), entry);
  chq_doc_layout_field (doc, _("Date of leaving"), leaving != NULL ? leaving
                                                                   : _("Still in service"));
}

static void
add_balance (ChqDocLayout                *doc,
             const ChqTrainingYear       *year,
             const ChqTrainingYearWorker *w,
             gboolean                     with_basis)
{
  const ChqTrainingBalance *b = &w->balance;
  g_autofree char *heading = g_strdup_printf (_("Training Credit %d"), year->year);
  g_autofree char *credit = _chq_docs_format_days (b->credit_days);
  g_autofree char *carried_in = _chq_docs_format_days (b->carried_in_days);
  g_autofree char *followed_days = _chq_docs_format_days (b->followed_days);
  g_autofree char *followed_hours = _chq_docs_format_hours (b->followed_hours);
  g_autofree char *per_day = _chq_docs_format_hours (year->settings.hours_per_day);
  g_autofree char *followed = NULL;
  g_autofree char *left = _chq_docs_format_days (b->left_days);
  g_autofree char *carried_over = _chq_docs_format_days (b->carried_over_days);
  g_autofree char *basis = NULL;
  g_autofree char *months = NULL;
  g_autofree char *growth = w->rule != NULL ? chq_jc_rule_format_growth_path (w->rule) : NULL;

  chq_doc_layout_heading (doc, heading);

  if (!b->has_right)
    {
      chq_doc_layout_paragraph (doc, _("This worker has no individual training right against "
                                       "the company: only its own employees have one (not "
                                       "self-employed managers, agency workers, students, "
                                       "apprentices, interns or PFI trainees)."));
      /* Translators: %s is "14 h (1.84 days)" */
      followed = g_strdup_printf (_("%s (%s)"), followed_hours, followed_days);
      chq_doc_layout_field (doc, _("Trainings followed"), followed);
      return;
    }

  if (with_basis)
    {
      basis = basis_text (year, w);
      /* Translators: months of service in the year, "7 of 12" */
      months = g_strdup_printf (_("%u of 12"), b->months);
      chq_doc_layout_field (doc, _("Right per full-time equivalent"), basis);
      chq_doc_layout_field (doc, _("Months of service in the year"), months);
    }
  chq_doc_layout_field (doc, _("Training credit for the year"), credit);
  chq_doc_layout_field (doc, _("Carried over from earlier years"), carried_in);
  /* Translators: "14 h = 1.84 days at 7.6 h a day" */
  followed = g_strdup_printf (_("%s = %s at %s a day"), followed_hours, followed_days, per_day);
  chq_doc_layout_field (doc, _("Days followed"), followed);
  chq_doc_layout_field (doc, _("Days left"), left);
  chq_doc_layout_field (doc, _("Carried over to next year"),
                        year->settings.carry_over_years > 0 ? carried_over
                                                            : _("None (no carry-over)"));
  if (with_basis || growth != NULL)
    chq_doc_layout_field (doc, _("Growth path"), growth != NULL ? growth : _("None applies"));
}

static void
add_trainings (ChqDocLayout                *doc,
               const ChqTrainingYear       *year,
               const ChqTrainingYearWorker *w)
{
  g_autofree char *heading = g_strdup_printf (_("Trainings in %d"), year->year);
  const char *headers[] = {
    _("Dates"), _("Training"), _("Provider"), _("Type"), _("Hours"), _("Certificate"),
    _("Funding"),
  };
  const gboolean right[] = { FALSE, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE };

  chq_doc_layout_heading (doc, heading);
  if (w->trainings->len == 0)
    {
      chq_doc_layout_paragraph (doc, _("No training recorded this year."));
      return;
    }

  chq_doc_layout_table (doc, G_N_ELEMENTS (headers), headers, right);
  for (guint i = 0; i < w->trainings->len; i++)
    {
      const ChqTraining *t = w->trainings->pdata[i];
      g_autofree char *period = _chq_docs_format_period (t);
      g_autofree char *hours = _chq_docs_format_number (t->hours, 2, 0);
      g_autofree char *valid = NULL;
      g_autofree char *certificate = NULL;
      const char *cells[7];

      if (t->certificate && g_date_valid (&t->certificate_valid_until))
        {
          valid = _chq_docs_format_date (&t->certificate_valid_until);
          /* Translators: a certificate's validity, "valid until 13/10/2028" */
          certificate = g_strdup_printf (_("Yes, valid until %s"), valid);
        }
      else
        certificate = g_strdup (t->certificate ? _("Yes") : _("No"));

      cells[0] = period;
      cells[1] = t->title;
      cells[2] = _chq_docs_provider (t);
      cells[3] = _chq_docs_training_kind (t);
      cells[4] = hours;
      cells[5] = certificate;
      cells[6] = chq_funding_get_label (t->funding);
      chq_doc_layout_row (doc, cells);
    }
}

static void
add_account (ChqDocLayout                *doc,
             const ChqTrainingYear       *year,
             const ChqTrainingYearWorker *w)
{
  g_autofree char *company = _chq_docs_company_line (year);

  chq_doc_layout_title (doc, _("Individual Training Account"));
  chq_doc_layout_subtitle (doc, company);
  add_identity (doc, w);
  add_employment (doc, w);
  add_balance (doc, year, w, TRUE);
  add_trainings (doc, year, w);
  chq_doc_layout_note (doc, _("This account is kept in the worker’s personnel file and "
                              "updated after each training. The worker may consult it at "
                              "any time and have it corrected with the employer’s "
                              "agreement."));
}

static gboolean
no_worker (GError **error)
{
  g_set_error_literal (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_NO_WORKER,
                       _("This worker is not in the year’s list. Choose another worker or "
                         "year."));
  return FALSE;
}

/* The workers a document covers: @worker_key, or every worker with the right. */
static GPtrArray *
covered_workers (ChqTrainingYear  *year,
                 const char       *worker_key,
                 GError          **error)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new ();

  for (guint i = 0; i < year->workers->len; i++)
    {
      ChqTrainingYearWorker *w = year->workers->pdata[i];

      if (worker_key != NULL ? g_strcmp0 (w->worker_key, worker_key) == 0
                             : w->balance.has_right)
        g_ptr_array_add (workers, w);
    }

  if (workers->len == 0)
    {
      if (worker_key != NULL)
        no_worker (error);
      else
        g_set_error (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_NO_WORKER,
                     _("No worker has a training credit in %d: only the company’s own "
                       "employees have one. Check the workers’ statuses."), year->year);
      return NULL;
    }

  return g_steal_pointer (&workers);
}

ChqDocLayout *
_chq_docs_build_training_account (ChqTrainingYear  *year,
                                  const char       *worker_key,
                                  GError          **error)
{
  g_autoptr(GPtrArray) workers = covered_workers (year, worker_key, error);
  g_autofree char *footer = NULL;
  ChqDocLayout *doc;

  if (workers == NULL)
    return NULL;

  footer = _chq_docs_today_text (year);
  doc = chq_doc_layout_new (footer);
  for (guint i = 0; i < workers->len; i++)
    {
      if (i > 0)
        chq_doc_layout_page_break (doc);
      add_account (doc, year, workers->pdata[i]);
    }

  return doc;
}

ChqDocLayout *
_chq_docs_build_statements (ChqTrainingYear  *year,
                            const char       *worker_key,
                            GError          **error)
{
  g_autoptr(GPtrArray) workers = covered_workers (year, worker_key, error);
  g_autofree char *footer = NULL;
  g_autofree char *title = NULL;
  g_autofree char *company = NULL;
  g_autofree char *date = NULL;
  ChqDocLayout *doc;

  if (workers == NULL)
    return NULL;

  footer = _chq_docs_today_text (year);
  /* Translators: the title of the yearly statement; %d is a year */
  title = g_strdup_printf (_("Training Credit Statement %d"), year->year);
  company = _chq_docs_company_line (year);
  date = _chq_docs_format_date (&year->at);
  doc = chq_doc_layout_new (footer);

  for (guint i = 0; i < workers->len; i++)
    {
      const ChqTrainingYearWorker *w = workers->pdata[i];
      g_autofree char *name = _chq_docs_worker_name (w);
      g_autofree char *to = g_strdup_printf (_("To %s"), name);
      g_autofree char *as_of = g_strdup_printf (_("Balance on %s"), date);

      if (i > 0)
        chq_doc_layout_page_break (doc);
      chq_doc_layout_title (doc, title);
      chq_doc_layout_subtitle (doc, company);
      chq_doc_layout_heading (doc, to);
      chq_doc_layout_paragraph (doc, as_of);
      add_balance (doc, year, w, FALSE);
      add_trainings (doc, year, w);
      chq_doc_layout_heading (doc, _("Your Rights"));
      chq_doc_layout_paragraph (doc, _("You may consult your individual training account at "
                                       "any time. If something in it is wrong or missing, "
                                       "you may have it corrected with your employer’s "
                                       "agreement: ask the person in charge of personnel."));
    }

  return doc;
}
