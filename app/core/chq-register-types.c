/* chq-register-types.c: the records of the training register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-register-types"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chq-register-types.h"

static const char *const funding_words[CHQ_N_FUNDINGS] = {
  "own_budget", "sector_fund", "vouchers", "other",
};

const char *
chq_funding_to_string (ChqFunding value)
{
  g_return_val_if_fail ((guint) value < CHQ_N_FUNDINGS, NULL);

  return funding_words[value];
}

gboolean
chq_funding_from_string (const char *text,
                         ChqFunding *out_value)
{
  for (guint i = 0; i < CHQ_N_FUNDINGS; i++)
    if (g_strcmp0 (text, funding_words[i]) == 0)
      {
        *out_value = i;
        return TRUE;
      }

  return FALSE;
}

const char *
chq_funding_get_label (ChqFunding value)
{
  switch (value)
    {
    case CHQ_FUNDING_OWN_BUDGET:
      return _("Own budget");
    case CHQ_FUNDING_SECTOR_FUND:
      return _("Sector fund");
    case CHQ_FUNDING_VOUCHERS:
      return _("Training vouchers");
    case CHQ_FUNDING_OTHER:
      return _("Other funding");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
chq_plan_group_get_label (ChqPlanGroups group)
{
  switch (group)
    {
    case CHQ_PLAN_GROUP_RISK:
      return _("Workers in risk groups");
    case CHQ_PLAN_GROUP_OVER_50:
      return _("Workers aged 50 or more");
    case CHQ_PLAN_GROUP_DISABILITY:
      return _("Workers with a disability");
    case CHQ_PLAN_GROUP_SHORTAGE:
      return _("Shortage occupations");
    case CHQ_PLAN_GROUP_GENDER:
      return _("Gender balance");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
chq_plan_body_get_label (ChqPlanBody body)
{
  switch (body)
    {
    case CHQ_PLAN_BODY_WORKS_COUNCIL:
      return _("Works council");
    case CHQ_PLAN_BODY_UNION_DELEGATION:
      return _("Union delegation");
    case CHQ_PLAN_BODY_WORKERS:
      return _("The workers (no works council or union delegation)");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Worker details */

G_DEFINE_BOXED_TYPE (ChqWorkerDetails, chq_worker_details,
                     chq_worker_details_copy, chq_worker_details_free)

ChqWorkerDetails *
chq_worker_details_new (const char *worker_key)
{
  ChqWorkerDetails *details = g_new0 (ChqWorkerDetails, 1);

  details->worker_key = g_strdup (worker_key);
  details->work_fraction = 1.0;
  g_date_clear (&details->birth_date, 1);
  g_date_clear (&details->entry_date, 1);
  g_date_clear (&details->leaving_date, 1);

  return details;
}

ChqWorkerDetails *
chq_worker_details_copy (const ChqWorkerDetails *details)
{
  ChqWorkerDetails *copy;

  g_return_val_if_fail (details != NULL, NULL);

  copy = g_memdup2 (details, sizeof *details);
  copy->worker_key = g_strdup (details->worker_key);
  copy->birth_place = g_strdup (details->birth_place);
  copy->address = g_strdup (details->address);
  copy->jc_number = g_strdup (details->jc_number);
  copy->jc_name = g_strdup (details->jc_name);

  return copy;
}

void
chq_worker_details_free (ChqWorkerDetails *details)
{
  if (details == NULL)
    return;

  g_free (details->worker_key);
  g_free (details->birth_place);
  g_free (details->address);
  g_free (details->jc_number);
  g_free (details->jc_name);
  g_free (details);
}

/* Trainings */

G_DEFINE_BOXED_TYPE (ChqTraining, chq_training, chq_training_copy, chq_training_free)

ChqTraining *
chq_training_new (const char *worker_key,
                  const char *title)
{
  ChqTraining *training = g_new0 (ChqTraining, 1);

  training->worker_key = g_strdup (worker_key);
  training->title = g_strdup (title);
  training->formal = TRUE;
  training->funding = CHQ_FUNDING_OWN_BUDGET;
  g_date_clear (&training->start_date, 1);
  g_date_clear (&training->end_date, 1);
  g_date_clear (&training->certificate_valid_until, 1);

  return training;
}

ChqTraining *
chq_training_copy (const ChqTraining *training)
{
  ChqTraining *copy;

  g_return_val_if_fail (training != NULL, NULL);

  copy = g_memdup2 (training, sizeof *training);
  copy->worker_key = g_strdup (training->worker_key);
  copy->title = g_strdup (training->title);
  copy->provider = g_strdup (training->provider);
  copy->enrolment_id = g_strdup (training->enrolment_id);

  return copy;
}

void
chq_training_free (ChqTraining *training)
{
  if (training == NULL)
    return;

  g_free (training->worker_key);
  g_free (training->title);
  g_free (training->provider);
  g_free (training->enrolment_id);
  g_free (training);
}

int
chq_training_get_year (const ChqTraining *training)
{
  g_return_val_if_fail (training != NULL, 0);

  if (g_date_valid (&training->end_date))
    return g_date_get_year (&training->end_date);
  if (g_date_valid (&training->start_date))
    return g_date_get_year (&training->start_date);

  return 0;
}

void
chq_training_settings_init_default (ChqTrainingSettings *settings)
{
  settings->workforce = -1;
  settings->carry_over_years = 0;
  settings->hours_per_day = 7.6;
}

/* Joint-committee rules */

G_DEFINE_BOXED_TYPE (ChqJcRule, chq_jc_rule, chq_jc_rule_copy, chq_jc_rule_free)

ChqJcRule *
chq_jc_rule_new (const char *number,
                 const char *name,
                 double      days_per_year)
{
  ChqJcRule *rule = g_new0 (ChqJcRule, 1);

  rule->number = g_strdup (number);
  rule->name = g_strdup (name);
  rule->days_per_year = days_per_year;
  rule->growth_path = g_array_new (FALSE, FALSE, sizeof (ChqJcStep));

  return rule;
}

ChqJcRule *
chq_jc_rule_copy (const ChqJcRule *rule)
{
  ChqJcRule *copy;

  g_return_val_if_fail (rule != NULL, NULL);

  copy = chq_jc_rule_new (rule->number, rule->name, rule->days_per_year);
  if (rule->growth_path != NULL)
    g_array_append_vals (copy->growth_path, rule->growth_path->data, rule->growth_path->len);

  return copy;
}

void
chq_jc_rule_free (ChqJcRule *rule)
{
  if (rule == NULL)
    return;

  g_free (rule->number);
  g_free (rule->name);
  g_clear_pointer (&rule->growth_path, g_array_unref);
  g_free (rule);
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const ChqJcStep *sa = a, *sb = b;

  return (sa->year > sb->year) - (sa->year < sb->year);
}

/**
 * chq_jc_rule_add_step:
 * @rule: a rule
 * @year: the first year of the step
 * @days: the days per FTE from @year on
 *
 * Adds (or replaces) a step of the growth path, kept in year order.
 */
void
chq_jc_rule_add_step (ChqJcRule *rule,
                      int        year,
                      double     days)
{
  ChqJcStep step = { year, days };

  for (guint i = 0; i < rule->growth_path->len; i++)
    if (g_array_index (rule->growth_path, ChqJcStep, i).year == year)
      {
        g_array_index (rule->growth_path, ChqJcStep, i).days = days;
        return;
      }

  g_array_append_val (rule->growth_path, step);
  g_array_sort (rule->growth_path, compare_steps);
}

double
chq_jc_rule_days_for_year (const ChqJcRule *rule,
                           int              year)
{
  double days = rule->days_per_year;

  for (guint i = 0; rule->growth_path != NULL && i < rule->growth_path->len; i++)
    {
      const ChqJcStep *step = &g_array_index (rule->growth_path, ChqJcStep, i);

      if (step->year <= year)
        days = step->days;
    }

  return days;
}

/**
 * chq_jc_rule_format_growth_path:
 * @rule: a rule
 *
 * Returns: (transfer full) (nullable): the steps as "2024: 3 days, 2025: 4 days", in the
 *   interface language; %NULL without a growth path
 */
char *
chq_jc_rule_format_growth_path (const ChqJcRule *rule)
{
  GString *text;

  if (rule->growth_path == NULL || rule->growth_path->len == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < rule->growth_path->len; i++)
    {
      const ChqJcStep *step = &g_array_index (rule->growth_path, ChqJcStep, i);
      g_autofree char *days = g_strdup_printf ("%.4g", step->days);

      if (i > 0)
        g_string_append (text, ", ");
      /* Translators: a step of a sector's growth path: "2025: 4 days" */
      g_string_append_printf (text, _("%d: %s days"), step->year, days);
    }

  return g_string_free (text, FALSE);
}

/* Plan */

G_DEFINE_BOXED_TYPE (ChqPlanItem, chq_plan_item, chq_plan_item_copy, chq_plan_item_free)

ChqPlanItem *
chq_plan_item_new (const char *title,
                   gboolean    formal)
{
  ChqPlanItem *item = g_new0 (ChqPlanItem, 1);

  item->title = g_strdup (title);
  item->formal = formal;

  return item;
}

ChqPlanItem *
chq_plan_item_copy (const ChqPlanItem *item)
{
  ChqPlanItem *copy = g_memdup2 (item, sizeof *item);

  copy->title = g_strdup (item->title);
  copy->target_groups = g_strdup (item->target_groups);

  return copy;
}

void
chq_plan_item_free (ChqPlanItem *item)
{
  if (item == NULL)
    return;

  g_free (item->title);
  g_free (item->target_groups);
  g_free (item);
}

G_DEFINE_BOXED_TYPE (ChqTrainingPlan, chq_training_plan,
                     chq_training_plan_copy, chq_training_plan_free)

ChqTrainingPlan *
chq_training_plan_new (int year)
{
  ChqTrainingPlan *plan = g_new0 (ChqTrainingPlan, 1);

  plan->year = year;
  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_plan_item_free);
  plan->body = CHQ_PLAN_BODY_WORKS_COUNCIL;
  g_date_clear (&plan->meeting_date, 1);
  g_date_clear (&plan->draft_sent_date, 1);
  g_date_clear (&plan->opinion_date, 1);
  g_date_clear (&plan->settled_date, 1);
  g_date_clear (&plan->sent_to_fps_date, 1);

  return plan;
}

ChqTrainingPlan *
chq_training_plan_copy (const ChqTrainingPlan *plan)
{
  ChqTrainingPlan *copy = g_memdup2 (plan, sizeof *plan);

  copy->items = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_plan_item_free);
  for (guint i = 0; i < plan->items->len; i++)
    g_ptr_array_add (copy->items, chq_plan_item_copy (plan->items->pdata[i]));
  copy->target_groups = g_strdup (plan->target_groups);
  copy->attention_groups = g_strdup (plan->attention_groups);
  copy->contribution = g_strdup (plan->contribution);
  copy->notes = g_strdup (plan->notes);

  return copy;
}

void
chq_training_plan_free (ChqTrainingPlan *plan)
{
  if (plan == NULL)
    return;

  g_ptr_array_unref (plan->items);
  g_free (plan->target_groups);
  g_free (plan->attention_groups);
  g_free (plan->contribution);
  g_free (plan->notes);
  g_free (plan);
}

/**
 * chq_training_plan_get_deadlines:
 * @plan: a plan
 * @out_draft_by: (out) (optional): the draft goes to the body by then: 15 days before the
 *   meeting (or before 15 March when no meeting is set)
 * @out_opinion_by: (out) (optional): 15 March
 * @out_settled_by: (out) (optional): 31 March
 * @out_fps_by: (out) (optional): one month after the plan was settled (or after 31 March)
 *
 * The legal dates of the plan of @plan->year (DOMAIN.md, royal decree of 2 September 2024).
 */
void
chq_training_plan_get_deadlines (const ChqTrainingPlan *plan,
                                 GDate                 *out_draft_by,
                                 GDate                 *out_opinion_by,
                                 GDate                 *out_settled_by,
                                 GDate                 *out_fps_by)
{
  GDate opinion, settled;

  g_date_clear (&opinion, 1);
  g_date_set_dmy (&opinion, 15, G_DATE_MARCH, plan->year);
  g_date_clear (&settled, 1);
  g_date_set_dmy (&settled, 31, G_DATE_MARCH, plan->year);

  if (out_draft_by != NULL)
    {
      *out_draft_by = g_date_valid (&plan->meeting_date) ? plan->meeting_date : opinion;
      g_date_subtract_days (out_draft_by, 15);
    }
  if (out_opinion_by != NULL)
    *out_opinion_by = opinion;
  if (out_settled_by != NULL)
    *out_settled_by = settled;
  if (out_fps_by != NULL)
    {
      *out_fps_by = g_date_valid (&plan->settled_date) ? plan->settled_date : settled;
      g_date_add_months (out_fps_by, 1);
    }
}

/* Register data */

G_DEFINE_BOXED_TYPE (ChqRegisterData, chq_register_data,
                     chq_register_data_copy, chq_register_data_free)

ChqRegisterData *
chq_register_data_new (const char *enterprise_number)
{
  ChqRegisterData *data = g_new0 (ChqRegisterData, 1);

  data->enterprise_number = g_strdup (enterprise_number);
  chq_training_settings_init_default (&data->settings);
  data->details = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_worker_details_free);
  data->trainings = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_training_free);
  data->jc_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_jc_rule_free);
  data->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_training_plan_free);

  return data;
}

ChqRegisterData *
chq_register_data_copy (const ChqRegisterData *data)
{
  ChqRegisterData *copy = chq_register_data_new (data->enterprise_number);

  copy->settings = data->settings;
  for (guint i = 0; i < data->details->len; i++)
    g_ptr_array_add (copy->details, chq_worker_details_copy (data->details->pdata[i]));
  for (guint i = 0; i < data->trainings->len; i++)
    g_ptr_array_add (copy->trainings, chq_training_copy (data->trainings->pdata[i]));
  for (guint i = 0; i < data->jc_rules->len; i++)
    g_ptr_array_add (copy->jc_rules, chq_jc_rule_copy (data->jc_rules->pdata[i]));
  for (guint i = 0; i < data->plans->len; i++)
    g_ptr_array_add (copy->plans, chq_training_plan_copy (data->plans->pdata[i]));

  return copy;
}

void
chq_register_data_free (ChqRegisterData *data)
{
  if (data == NULL)
    return;

  g_free (data->enterprise_number);
  g_ptr_array_unref (data->details);
  g_ptr_array_unref (data->trainings);
  g_ptr_array_unref (data->jc_rules);
  g_ptr_array_unref (data->plans);
  g_free (data);
}

const ChqWorkerDetails *
chq_register_data_find_details (const ChqRegisterData *data,
                                const char            *worker_key)
{
  for (guint i = 0; data != NULL && i < data->details->len; i++)
    {
      const ChqWorkerDetails *details = data->details->pdata[i];

      if (g_strcmp0 (details->worker_key, worker_key) == 0)
        return details;
    }

  return NULL;
}

const ChqJcRule *
chq_register_data_find_jc_rule (const ChqRegisterData *data,
                                const char            *jc_number)
{
  if (jc_number == NULL)
    return NULL;

  for (guint i = 0; data != NULL && i < data->jc_rules->len; i++)
    {
      const ChqJcRule *rule = data->jc_rules->pdata[i];

      /* "124" and "124.00" are the same committee. */
      if (g_strcmp0 (rule->number, jc_number) == 0 ||
          (g_str_has_prefix (rule->number, jc_number) &&
           g_strcmp0 (rule->number + strlen (jc_number), ".00") == 0) ||
          (g_str_has_prefix (jc_number, rule->number) &&
           g_strcmp0 (jc_number + strlen (rule->number), ".00") == 0))
        return rule;
    }

  return NULL;
}

const ChqTrainingPlan *
chq_register_data_find_plan (const ChqRegisterData *data,
                             int                    year)
{
  for (guint i = 0; data != NULL && i < data->plans->len; i++)
    {
      const ChqTrainingPlan *plan = data->plans->pdata[i];

      if (plan->year == year)
        return plan;
    }

  return NULL;
}

/* Summary */

G_DEFINE_BOXED_TYPE (ChqRegisterSummary, chq_register_summary,
                     chq_register_summary_copy, chq_register_summary_free)

ChqRegisterSummary *
chq_register_summary_copy (const ChqRegisterSummary *summary)
{
  ChqRegisterSummary *copy = g_memdup2 (summary, sizeof *summary);

  copy->enterprise_number = g_strdup (summary->enterprise_number);
  copy->saved_at = summary->saved_at != NULL ? g_date_time_ref (summary->saved_at) : NULL;

  return copy;
}

void
chq_register_summary_free (ChqRegisterSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->enterprise_number);
  g_clear_pointer (&summary->saved_at, g_date_time_unref);
  g_free (summary);
}
