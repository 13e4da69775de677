/* chq-docs-plan.c: the annual training plan, its anonymised copy, the self-employed summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan (companies of 20 or more, DOMAIN.md) lists the formal and informal trainings
 * offered and the target groups, with the groups the law names for attention, says how it
 * serves the individual training right, and carries its dates. The company keeps the full
 * plan, whose annex lists each worker's credit; the copy for the FPS Employment is
 * anonymised: it has no annex, and nothing about a person (name, national register number,
 * address, birth) — only the company and totals.
 */
#define G_LOG_DOMAIN "chq-docs"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-docs-private.h"
#include "chq-money.h"

static const ChqPlanGroups all_groups[] = {
  CHQ_PLAN_GROUP_RISK, CHQ_PLAN_GROUP_OVER_50, CHQ_PLAN_GROUP_DISABILITY,
  CHQ_PLAN_GROUP_SHORTAGE, CHQ_PLAN_GROUP_GENDER,
};

static char *
groups_text (guint groups)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_groups); i++)
    if (groups & all_groups[i])
      {
        if (text->len > 0)
          g_string_append (text, ", ");
        g_string_append (text, chq_plan_group_get_label (all_groups[i]));
      }

  return g_string_free (text, FALSE);
}

static void
add_dates (ChqDocLayout          *doc,
           const ChqTrainingPlan *plan)
{
  GDate draft_by, opinion_by, settled_by, fps_by;
  g_autofree char *draft_by_text = NULL, *opinion_by_text = NULL;
  g_autofree char *settled_by_text = NULL, *fps_by_text = NULL;
  g_autofree char *meeting = NULL, *draft = NULL, *opinion = NULL, *settled = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *draft_line = NULL, *opinion_line = NULL, *settled_line = NULL;
  g_autofree char *fps_line = NULL;

  chq_training_plan_get_deadlines (plan, &draft_by, &opinion_by, &settled_by, &fps_by);
  draft_by_text = _chq_docs_format_date (&draft_by);
  opinion_by_text = _chq_docs_format_date (&opinion_by);
  settled_by_text = _chq_docs_format_date (&settled_by);
  fps_by_text = _chq_docs_format_date (&fps_by);
  meeting = _chq_docs_format_date (&plan->meeting_date);
  draft = _chq_docs_format_date (&plan->draft_sent_date);
  opinion = _chq_docs_format_date (&plan->opinion_date);
  settled = _chq_docs_format_date (&plan->settled_date);
  sent = _chq_docs_format_date (&plan->sent_to_fps_date);

  /* Translators: a date done and the legal date it had to meet: "02/03/2027 (due by
   * 28/02/2027)" */
  draft_line = g_strdup_printf (_("%s (due by %s, 15 days before the meeting)"), draft,
                                draft_by_text);
  opinion_line = g_strdup_printf (_("%s (due by %s)"), opinion, opinion_by_text);
  settled_line = g_strdup_printf (_("%s (due by %s)"), settled, settled_by_text);
  fps_line = g_strdup_printf (_("%s (due by %s, within one month, application “transfert”)"),
                              sent, fps_by_text);

  chq_doc_layout_heading (doc, _("Consultation and Dates"));
  chq_doc_layout_field (doc, _("Consulted body"), chq_plan_body_get_label (plan->body));
  chq_doc_layout_field (doc, _("Meeting that discusses the draft"), meeting);
  chq_doc_layout_field (doc, _("Draft sent to the body"), draft_line);
  chq_doc_layout_field (doc, _("Opinion of the body"), opinion_line);
  chq_doc_layout_field (doc, _("Plan settled"), settled_line);
  chq_doc_layout_field (doc, _("Anonymised copy sent to the FPS Employment"), fps_line);
}

static void
add_items (ChqDocLayout          *doc,
           const ChqTrainingPlan *plan,
           double                 hours_per_day,
           double                *out_days)
{
  const char *headers[] = {
    _("Training"), _("Type"), _("Target group"), _("Particular attention"), _("Hours"),
    _("Participants"),
  };
  const gboolean right[] = { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE };
  double hours = 0;

  chq_doc_layout_heading (doc, _("Trainings Offered"));
  if (plan->items->len == 0)
    chq_doc_layout_paragraph (doc, _("No training entered in the plan yet."));
  else
    chq_doc_layout_table (doc, G_N_ELEMENTS (headers), headers, right);

  for (guint i = 0; i < plan->items->len; i++)
    {
      const ChqPlanItem *item = plan->items->pdata[i];
      g_autofree char *groups = groups_text (item->groups);
      g_autofree char *item_hours = item->hours > 0 ? _chq_docs_format_number (item->hours, 2, 0)
                                                    : g_strdup ("—");
      g_autofree char *participants = item->participants > 0
                                      ? g_strdup_printf ("%u", item->participants)
                                      : g_strdup ("—");
      const char *cells[6] = {
        item->title, item->formal ? _("Formal") : _("Informal"),
        item->target_groups != NULL && *item->target_groups != '\0' ? item->target_groups
                                                                    : _("All workers"),
        *groups != '\0' ? groups : "—", item_hours, participants,
      };

      chq_doc_layout_row (doc, cells);
      hours += item->hours * MAX (item->participants, 1);
    }

  *out_days = hours_per_day > 0 ? hours / hours_per_day : 0;
}

static void
add_attention (ChqDocLayout          *doc,
               const ChqTrainingPlan *plan)
{
  guint covered = 0;

  for (guint i = 0; i < plan->items->len; i++)
    covered |= ((ChqPlanItem *) plan->items->pdata[i])->groups;

  chq_doc_layout_heading (doc, _("Groups Given Particular Attention"));
  for (guint i = 0; i < G_N_ELEMENTS (all_groups); i++)
    chq_doc_layout_field (doc, chq_plan_group_get_label (all_groups[i]),
                          (covered & all_groups[i]) ? _("Addressed by trainings of the plan")
                                                    : _("No training of the plan aims at "
                                                        "this group"));
  if (plan->attention_groups != NULL && *plan->attention_groups != '\0')
    chq_doc_layout_paragraph (doc, plan->attention_groups);
}

static void
add_contribution (ChqDocLayout          *doc,
                  const ChqTrainingYear *year,
                  const ChqTrainingPlan *plan,
                  double                 planned_days)
{
  double credits = 0;
  guint with_right = 0;
  g_autofree char *credits_text = NULL;
  g_autofree char *planned_text = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < year->workers->len; i++)
    {
      const ChqTrainingYearWorker *w = year->workers->pdata[i];

      if (!w->balance.has_right)
        continue;
      with_right++;
      credits += w->balance.credit_days + w->balance.carried_in_days;
    }

  credits_text = _chq_docs_format_days (credits);
  planned_text = _chq_docs_format_days (planned_days);
  /* Translators: %u workers, then "18 days", then "21.5 days" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The training credits of the %u worker with a "
                                          "right total %s for the year; the trainings of "
                                          "the plan offer about %s of training.",
                                          "The training credits of the %u workers with a "
                                          "right total %s for the year; the trainings of "
                                          "the plan offer about %s of training.",
                                          with_right),
                             with_right, credits_text, planned_text);

  chq_doc_layout_heading (doc, _("Contribution to the Individual Training Right"));
  chq_doc_layout_paragraph (doc, summary);
  if (plan->contribution != NULL && *plan->contribution != '\0')
    chq_doc_layout_paragraph (doc, plan->contribution);
}

static void
add_annex (ChqDocLayout          *doc,
           const ChqTrainingYear *year)
{
  const char *headers[] = {
    _("Worker"), _("Credit"), _("Carried over"), _("Followed"), _("Left"),
  };
  const gboolean right[] = { FALSE, TRUE, TRUE, TRUE, TRUE };

  chq_doc_layout_heading (doc, _("Annex: the Workers’ Training Credits (days)"));
  chq_doc_layout_note (doc, _("For the company only: this annex is not in the anonymised "
                              "copy."));
  chq_doc_layout_table (doc, G_N_ELEMENTS (headers), headers, right);
  for (guint i = 0; i < year->workers->len; i++)
    {
      const ChqTrainingYearWorker *w = year->workers->pdata[i];
      g_autofree char *name = NULL, *credit = NULL, *carried = NULL, *followed = NULL;
      g_autofree char *left = NULL;
      const char *cells[5];

      if (!w->balance.has_right)
        continue;
      name = _chq_docs_worker_name (w);
      credit = _chq_docs_format_number (w->balance.credit_days, 2, 0);
      carried = _chq_docs_format_number (w->balance.carried_in_days, 2, 0);
      followed = _chq_docs_format_number (w->balance.followed_days, 2, 0);
      left = _chq_docs_format_number (w->balance.left_days, 2, 0);
      cells[0] = name;
      cells[1] = credit;
      cells[2] = carried;
      cells[3] = followed;
      cells[4] = left;
      chq_doc_layout_row (doc, cells);
    }
}

ChqDocLayout *
_chq_docs_build_plan (ChqTrainingYear  *year,
                      gboolean          anonymised,
                      GError          **error)
{
  const ChqTrainingPlan *plan = year->plan;
  g_autofree char *title = NULL;
  g_autofree char *company = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *period = NULL;
  g_autofree char *workforce = NULL;
  g_autoptr(GDate) first = NULL;
  g_autoptr(GDate) last = NULL;
  g_autofree char *first_text = NULL, *last_text = NULL;
  ChqDocLayout *doc;
  double planned_days = 0;

  if (plan == NULL)
    {
      g_set_error (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_NOT_APPLICABLE,
                   _("There is no training plan for %d yet. Write the plan first."),
                   year->year);
      return NULL;
    }

  footer = _chq_docs_today_text (year);
  doc = chq_doc_layout_new (footer);
  /* Translators: the title of the plan; %d is a year */
  title = g_strdup_printf (_("Annual Training Plan %d"), year->year);
  company = _chq_docs_company_line (year);
  first = g_date_new_dmy (1, G_DATE_JANUARY, year->year);
  last = g_date_new_dmy (31, G_DATE_DECEMBER, year->year);
  first_text = _chq_docs_format_date (first);
  last_text = _chq_docs_format_date (last);
  /* Translators: the plan's period, from – to */
  period = g_strdup_printf (_("%s to %s"), first_text, last_text);
  workforce = year->settings.workforce >= 0
              ? _chq_docs_format_number (year->settings.workforce, 1, 0) : NULL;

  chq_doc_layout_title (doc, title);
  chq_doc_layout_subtitle (doc, company);
  if (anonymised)
    chq_doc_layout_paragraph (doc, _("Anonymised copy for the FPS Employment, Labour and "
                                     "Social Dialogue. It holds no worker’s name, national "
                                     "register number, address or birth data."));
  chq_doc_layout_field (doc, _("Period"), period);
  chq_doc_layout_field (doc, _("Workforce"), workforce);
  add_dates (doc, plan);
  add_items (doc, plan, year->settings.hours_per_day, &planned_days);
  chq_doc_layout_heading (doc, _("Target Groups"));
  chq_doc_layout_paragraph (doc, plan->target_groups != NULL && *plan->target_groups != '\0'
                                 ? plan->target_groups : _("All workers."));
  add_attention (doc, plan);
  add_contribution (doc, year, plan, planned_days);
  if (plan->notes != NULL && *plan->notes != '\0')
    {
      chq_doc_layout_heading (doc, _("Notes"));
      chq_doc_layout_paragraph (doc, plan->notes);
    }
  chq_doc_layout_note (doc, _("The plan is kept in the company, open to the workers and "
                              "their representatives."));
  if (!anonymised)
    add_annex (doc, year);

  return doc;
}

ChqDocLayout *
_chq_docs_build_summary (ChqTrainingYear  *year,
                         GError          **error)
{
  const char *headers[] = {
    _("Dates"), _("Training"), _("Provider"), _("Hours"), _("Vouchers"), _("Funding"),
  };
  const gboolean right[] = { FALSE, FALSE, FALSE, TRUE, TRUE, FALSE };
  g_autofree char *footer = _chq_docs_today_text (year);
  g_autofree char *title = g_strdup_printf (_("Training Summary %d"), year->year);
  g_autofree char *company = _chq_docs_company_line (year);
  g_autofree char *hours = _chq_docs_format_hours (year->hours_followed);
  g_autofree char *vouchers = g_strdup_printf ("%u", year->vouchers_used);
  g_autofree char *value = chq_money_format ((gint64) year->vouchers_used * 3000);
  g_autofree char *paid = chq_money_format ((gint64) year->vouchers_used * 1500);
  g_autofree char *count = NULL;
  ChqDocLayout *doc = chq_doc_layout_new (footer);
  guint n = 0;

  for (guint i = 0; i < year->workers->len; i++)
    n += ((ChqTrainingYearWorker *) year->workers->pdata[i])->trainings->len;
  count = g_strdup_printf ("%u", n);

  chq_doc_layout_title (doc, title);
  chq_doc_layout_subtitle (doc, company);
  chq_doc_layout_field (doc, _("Trainings followed"), count);
  chq_doc_layout_field (doc, _("Hours of training"), hours);
  chq_doc_layout_field (doc, _("Training vouchers used"), vouchers);
  chq_doc_layout_field (doc, _("Value of the vouchers used"), value);
  chq_doc_layout_field (doc, _("Paid for them"), paid);

  chq_doc_layout_heading (doc, _("Trainings"));
  if (n == 0)
    chq_doc_layout_paragraph (doc, _("No training recorded this year."));
  else
    chq_doc_layout_table (doc, G_N_ELEMENTS (headers), headers, right);

  for (guint i = 0; i < year->workers->len; i++)
    {
      const ChqTrainingYearWorker *w = year->workers->pdata[i];

      for (guint j = 0; j < w->trainings->len; j++)
        {
          const ChqTraining *t = w->trainings->pdata[j];
          g_autofree char *period = _chq_docs_format_period (t);
          g_autofree char *t_hours = _chq_docs_format_number (t->hours, 2, 0);
          g_autofree char *t_vouchers = t->vouchers_used > 0
                                        ? g_strdup_printf ("%u", t->vouchers_used)
                                        : g_strdup ("—");
          const char *cells[6] = {
            period, t->title, _chq_docs_provider (t), t_hours, t_vouchers,
            chq_funding_get_label (t->funding),
          };

          chq_doc_layout_row (doc, cells);
        }
    }

  return doc;
}
