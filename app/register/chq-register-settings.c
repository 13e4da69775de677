/* chq-register-settings.c: ChqRegister's company settings, joint-committee rules and plans
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The training-right settings are the company's, not the user's: they live in the register
 * (and go with its backup), not in GSettings.
 */
#define G_LOG_DOMAIN "chq-register"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-register-private.h"
#include "chq-training-right.h"

static gpointer
save_settings_job (ChqRegister  *self,
                   sqlite3      *db,
                   gpointer      input,
                   GError      **error)
{
  if (db == NULL || !_chq_register_write_settings (db, input, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/**
 * chq_register_save_settings_async:
 * @self: a #ChqRegister
 * @settings: the company's training-right settings
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when they are stored
 * @user_data: data for @callback
 *
 * Checks (chq_training_settings_check()) and stores the settings.
 */
void
chq_register_save_settings_async (ChqRegister               *self,
                                  const ChqTrainingSettings *settings,
                                  GCancellable              *cancellable,
                                  GAsyncReadyCallback        callback,
                                  gpointer                   user_data)
{
  GError *error = NULL;

  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (settings != NULL);

  if (!chq_training_settings_check (settings, &error))
    {
      g_task_report_error (self, callback, user_data, chq_register_save_settings_async, error);
      return;
    }

  _chq_register_run_job (self, save_settings_job, g_memdup2 (settings, sizeof *settings),
                         g_free, NULL, chq_register_save_settings_async, cancellable,
                         callback, user_data);
}

gboolean
chq_register_save_settings_finish (ChqRegister   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_save_settings_async,
                                   error) != NULL;
}

static gpointer
save_jc_rule_job (ChqRegister  *self,
                  sqlite3      *db,
                  gpointer      input,
                  GError      **error)
{
  if (db == NULL || !chq_db_begin (db, error))
    return NULL;

  if (!_chq_register_insert_jc_rule (db, input, FALSE, error) || !chq_db_commit (db, error))
    {
      chq_db_rollback (db);
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

static gboolean
jc_rule_check (const ChqJcRule  *rule,
               GError          **error)
{
  if (!chq_joint_committee_number_validate (rule->number, error))
    return FALSE;

  if (!(rule->days_per_year >= 0 && rule->days_per_year <= 50))
    {
      g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR,
                           CHQ_TRAINING_CHECK_ERROR_SETTINGS,
                           _("The days per year of a joint committee’s rule must be between "
                             "0 and 50."));
      return FALSE;
    }

  for (guint i = 0; rule->growth_path != NULL && i < rule->growth_path->len; i++)
    {
      const ChqJcStep *step = &g_array_index (rule->growth_path, ChqJcStep, i);

      if (step->year < 2000 || step->year > 2100 || !(step->days >= 0 && step->days <= 50))
        {
          g_set_error_literal (error, CHQ_TRAINING_CHECK_ERROR,
                               CHQ_TRAINING_CHECK_ERROR_SETTINGS,
                               _("Each step of a growth path needs a year (2000 to 2100) and "
                                 "between 0 and 50 days."));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * chq_register_save_jc_rule_async:
 * @self: a #ChqRegister
 * @rule: the rule of a joint committee
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is stored
 * @user_data: data for @callback
 *
 * Stores a joint committee's rule, replacing the rule with the same number.
 */
void
chq_register_save_jc_rule_async (ChqRegister         *self,
                                 const ChqJcRule     *rule,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (rule != NULL);

  if (!jc_rule_check (rule, &error))
    {
      g_task_report_error (self, callback, user_data, chq_register_save_jc_rule_async, error);
      return;
    }

  _chq_register_run_job (self, save_jc_rule_job, chq_jc_rule_copy (rule),
                         (GDestroyNotify) chq_jc_rule_free, NULL,
                         chq_register_save_jc_rule_async, cancellable, callback, user_data);
}

gboolean
chq_register_save_jc_rule_finish (ChqRegister   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_save_jc_rule_async,
                                   error) != NULL;
}

typedef struct {
  ChqJcRule *rule;
} RuleBox;

static void
rule_box_free (RuleBox *box)
{
  chq_jc_rule_free (box->rule);
  g_free (box);
}

static gpointer
delete_jc_rule_job (ChqRegister  *self,
                    sqlite3      *db,
                    gpointer      input,
                    GError      **error)
{
  g_autoptr(ChqRegisterData) all = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  RuleBox *box;
  const ChqJcRule *rule;

  if (db == NULL)
    return NULL;

  all = _chq_register_read_all (db, chq_register_get_enterprise_number (self), error);
  if (all == NULL)
    return NULL;

  box = g_new0 (RuleBox, 1);
  for (guint i = 0; i < all->jc_rules->len; i++)
    if (g_strcmp0 (((ChqJcRule *) all->jc_rules->pdata[i])->number, input) == 0)
      {
        rule = all->jc_rules->pdata[i];
        box->rule = chq_jc_rule_copy (rule);
      }

  del = chq_db_prepare (db, "DELETE FROM jc_rules WHERE number = ?", error);
  if (del == NULL)
    {
      rule_box_free (box);
      return NULL;
    }
  chq_db_bind_text (del, 1, input);
  if (!chq_db_step_done (db, del, error))
    {
      rule_box_free (box);
      return NULL;
    }

  return box;
}

void
chq_register_delete_jc_rule_async (ChqRegister         *self,
                                   const char          *number,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (number != NULL);

  _chq_register_run_job (self, delete_jc_rule_job, g_strdup (number), g_free,
                         (GDestroyNotify) rule_box_free, chq_register_delete_jc_rule_async,
                         cancellable, callback, user_data);
}

/**
 * chq_register_delete_jc_rule_finish:
 * @self: a #ChqRegister
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the rule deleted (to undo); %NULL with @error unset
 *   when there was none
 */
ChqJcRule *
chq_register_delete_jc_rule_finish (ChqRegister   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  RuleBox *box = _chq_register_finish_job (self, result, chq_register_delete_jc_rule_async,
                                           error);
  ChqJcRule *rule;

  if (box == NULL)
    return NULL;

  rule = g_steal_pointer (&box->rule);
  rule_box_free (box);

  return rule;
}

static gpointer
save_plan_job (ChqRegister  *self,
               sqlite3      *db,
               gpointer      input,
               GError      **error)
{
  if (db == NULL || !chq_db_begin (db, error))
    return NULL;

  if (!_chq_register_insert_plan (db, input, FALSE, error) || !chq_db_commit (db, error))
    {
      chq_db_rollback (db);
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

/**
 * chq_register_save_plan_async:
 * @self: a #ChqRegister
 * @plan: the training plan of a year
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is stored
 * @user_data: data for @callback
 *
 * Stores the plan of @plan->year, replacing that year's plan.
 */
void
chq_register_save_plan_async (ChqRegister           *self,
                              const ChqTrainingPlan *plan,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (plan != NULL);

  for (guint i = 0; i < plan->items->len; i++)
    {
      const ChqPlanItem *item = plan->items->pdata[i];

      g_autofree char *title = g_strstrip (g_strdup (item->title != NULL ? item->title : ""));

      if (*title == '\0' || !(item->hours >= 0))
        {
          g_task_report_new_error (self, callback, user_data, chq_register_save_plan_async,
                                   CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_TITLE,
                                   _("Each training of the plan needs a title and hours that "
                                     "are not negative."));
          return;
        }
    }

  _chq_register_run_job (self, save_plan_job, chq_training_plan_copy (plan),
                         (GDestroyNotify) chq_training_plan_free, NULL,
                         chq_register_save_plan_async, cancellable, callback, user_data);
}

gboolean
chq_register_save_plan_finish (ChqRegister   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_save_plan_async, error) != NULL;
}
