/* chq-register-rows.c: the register's rows, to and from SQLite (on its worker thread)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-register"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "chq-register-private.h"

char *
_chq_register_date_to_text (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

void
_chq_register_date_from_text (const char *text,
                              GDate      *date)
{
  guint y, m, d;

  g_date_clear (date, 1);
  if (text != NULL && sscanf (text, "%4u-%2u-%2u", &y, &m, &d) == 3 &&
      g_date_valid_dmy (d, m, y))
    g_date_set_dmy (date, d, m, y);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           const GDate  *date)
{
  g_autofree char *text = _chq_register_date_to_text (date);

  chq_db_bind_text (stmt, index, text);
}

static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *date)
{
  _chq_register_date_from_text ((const char *) sqlite3_column_text (stmt, column), date);
}


/* Rows */

const char _chq_register_details_columns[] =
  "worker_key, birth_date, birth_place, address, work_fraction, jc_number, jc_name, "
  "entry_date, leaving_date, demo";

ChqWorkerDetails *
_chq_register_details_from_row (sqlite3_stmt *stmt)
{
  ChqWorkerDetails *details =
    chq_worker_details_new ((const char *) sqlite3_column_text (stmt, 0));

  column_date (stmt, 1, &details->birth_date);
  details->birth_place = chq_db_column_dup_text (stmt, 2);
  details->address = chq_db_column_dup_text (stmt, 3);
  details->work_fraction = sqlite3_column_double (stmt, 4);
  details->jc_number = chq_db_column_dup_text (stmt, 5);
  details->jc_name = chq_db_column_dup_text (stmt, 6);
  column_date (stmt, 7, &details->entry_date);
  column_date (stmt, 8, &details->leaving_date);
  details->demo = sqlite3_column_int (stmt, 9) != 0;

  return details;
}

gboolean
_chq_register_insert_details (sqlite3                 *db,
                              const ChqWorkerDetails  *details,
                              GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    chq_db_prepare (db, "INSERT OR REPLACE INTO worker_details (worker_key, birth_date, "
                    "birth_place, address, work_fraction, jc_number, jc_name, entry_date, "
                    "leaving_date, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  chq_db_bind_text (stmt, 1, details->worker_key);
  bind_date (stmt, 2, &details->birth_date);
  chq_db_bind_text (stmt, 3, details->birth_place);
  chq_db_bind_text (stmt, 4, details->address);
  sqlite3_bind_double (stmt, 5, details->work_fraction);
  chq_db_bind_text (stmt, 6, details->jc_number);
  chq_db_bind_text (stmt, 7, details->jc_name);
  bind_date (stmt, 8, &details->entry_date);
  bind_date (stmt, 9, &details->leaving_date);
  sqlite3_bind_int (stmt, 10, details->demo);

  return chq_db_step_done (db, stmt, error);
}

const char _chq_register_training_columns[] =
  "id, worker_key, title, internal, provider, formal, start_date, end_date, hours, "
  "certificate, certificate_valid_until, cost_cents, funding, demo";

ChqTraining *
_chq_register_training_from_row (sqlite3_stmt *stmt)
{
  ChqTraining *training = chq_training_new ((const char *) sqlite3_column_text (stmt, 1),
                                            (const char *) sqlite3_column_text (stmt, 2));

  training->id = sqlite3_column_int64 (stmt, 0);
  training->source = CHQ_TRAINING_SOURCE_REGISTER;
  training->internal = sqlite3_column_int (stmt, 3) != 0;
  training->provider = chq_db_column_dup_text (stmt, 4);
  training->formal = sqlite3_column_int (stmt, 5) != 0;
  column_date (stmt, 6, &training->start_date);
  column_date (stmt, 7, &training->end_date);
  training->hours = sqlite3_column_double (stmt, 8);
  training->certificate = sqlite3_column_int (stmt, 9) != 0;
  column_date (stmt, 10, &training->certificate_valid_until);
  training->cost_cents = sqlite3_column_int64 (stmt, 11);
  if (!chq_funding_from_string ((const char *) sqlite3_column_text (stmt, 12),
                                &training->funding))
    training->funding = CHQ_FUNDING_OTHER;
  training->demo = sqlite3_column_int (stmt, 13) != 0;

  return training;
}

gint64
_chq_register_insert_training (sqlite3            *db,
                               const ChqTraining  *training,
                               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    chq_db_prepare (db, "INSERT OR REPLACE INTO trainings (id, worker_key, title, internal, "
                    "provider, formal, start_date, end_date, hours, certificate, "
                    "certificate_valid_until, cost_cents, funding, demo) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;

  if (training->id > 0)
    sqlite3_bind_int64 (stmt, 1, training->id);
  else
    sqlite3_bind_null (stmt, 1);
  chq_db_bind_text (stmt, 2, training->worker_key);
  chq_db_bind_text (stmt, 3, training->title);
  sqlite3_bind_int (stmt, 4, training->internal);
  chq_db_bind_text (stmt, 5, training->internal ? NULL : training->provider);
  sqlite3_bind_int (stmt, 6, training->formal);
  bind_date (stmt, 7, &training->start_date);
  bind_date (stmt, 8, &training->end_date);
  sqlite3_bind_double (stmt, 9, training->hours);
  sqlite3_bind_int (stmt, 10, training->certificate);
  bind_date (stmt, 11, training->certificate ? &training->certificate_valid_until : NULL);
  sqlite3_bind_int64 (stmt, 12, training->cost_cents);
  chq_db_bind_text (stmt, 13, chq_funding_to_string (training->funding));
  sqlite3_bind_int (stmt, 14, training->demo);

  if (!chq_db_step_done (db, stmt, error))
    return 0;

  return training->id > 0 ? training->id : sqlite3_last_insert_rowid (db);
}

gboolean
_chq_register_insert_jc_rule (sqlite3          *db,
                              const ChqJcRule  *rule,
                              gboolean          demo,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) del = chq_db_prepare (db, "DELETE FROM jc_rules WHERE number = ?",
                                                error);
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(sqlite3_stmt) step = NULL;

  if (del == NULL)
    return FALSE;
  chq_db_bind_text (del, 1, rule->number);
  if (!chq_db_step_done (db, del, error))
    return FALSE;

  ins = chq_db_prepare (db, "INSERT INTO jc_rules (number, name, days_per_year, demo) "
                        "VALUES (?, ?, ?, ?)", error);
  step = chq_db_prepare (db, "INSERT INTO jc_steps (number, year, days) VALUES (?, ?, ?)",
                         error);
  if (ins == NULL || step == NULL)
    return FALSE;

  chq_db_bind_text (ins, 1, rule->number);
  chq_db_bind_text (ins, 2, rule->name);
  sqlite3_bind_double (ins, 3, rule->days_per_year);
  sqlite3_bind_int (ins, 4, demo);
  if (!chq_db_step_done (db, ins, error))
    return FALSE;

  for (guint i = 0; rule->growth_path != NULL && i < rule->growth_path->len; i++)
    {
      const ChqJcStep *s = &g_array_index (rule->growth_path, ChqJcStep, i);

      chq_db_bind_text (step, 1, rule->number);
      sqlite3_bind_int (step, 2, s->year);
      sqlite3_bind_double (step, 3, s->days);
      if (!chq_db_step_done (db, step, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_chq_register_insert_plan (sqlite3                *db,
                           const ChqTrainingPlan  *plan,
                           gboolean                demo,
                           GError                **error)
{
  g_autoptr(sqlite3_stmt) del = chq_db_prepare (db, "DELETE FROM plans WHERE year = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(sqlite3_stmt) item = NULL;

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int (del, 1, plan->year);
  if (!chq_db_step_done (db, del, error))
    return FALSE;

  ins = chq_db_prepare (db, "INSERT INTO plans (year, target_groups, attention_groups, "
                        "contribution, notes, body, meeting_date, draft_sent_date, "
                        "opinion_date, settled_date, sent_to_fps_date, demo) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  item = chq_db_prepare (db, "INSERT INTO plan_items (year, position, title, formal, "
                         "target_groups, groups, hours, participants) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (ins == NULL || item == NULL)
    return FALSE;

  sqlite3_bind_int (ins, 1, plan->year);
  chq_db_bind_text (ins, 2, plan->target_groups);
  chq_db_bind_text (ins, 3, plan->attention_groups);
  chq_db_bind_text (ins, 4, plan->contribution);
  chq_db_bind_text (ins, 5, plan->notes);
  sqlite3_bind_int (ins, 6, plan->body);
  bind_date (ins, 7, &plan->meeting_date);
  bind_date (ins, 8, &plan->draft_sent_date);
  bind_date (ins, 9, &plan->opinion_date);
  bind_date (ins, 10, &plan->settled_date);
  bind_date (ins, 11, &plan->sent_to_fps_date);
  sqlite3_bind_int (ins, 12, demo);
  if (!chq_db_step_done (db, ins, error))
    return FALSE;

  for (guint i = 0; i < plan->items->len; i++)
    {
      const ChqPlanItem *it = plan->items->pdata[i];

      sqlite3_bind_int (item, 1, plan->year);
      sqlite3_bind_int (item, 2, i);
      chq_db_bind_text (item, 3, it->title);
      sqlite3_bind_int (item, 4, it->formal);
      chq_db_bind_text (item, 5, it->target_groups);
      sqlite3_bind_int (item, 6, it->groups & CHQ_PLAN_GROUP_ALL);
      sqlite3_bind_double (item, 7, it->hours);
      sqlite3_bind_int (item, 8, it->participants);
      if (!chq_db_step_done (db, item, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_chq_register_write_settings (sqlite3                    *db,
                              const ChqTrainingSettings  *settings,
                              GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    chq_db_prepare (db, "INSERT OR REPLACE INTO company_settings (id, workforce, "
                    "carry_over_years, hours_per_day) VALUES (1, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  if (settings->workforce < 0)
    sqlite3_bind_null (stmt, 1);
  else
    sqlite3_bind_double (stmt, 1, settings->workforce);
  sqlite3_bind_int (stmt, 2, settings->carry_over_years);
  sqlite3_bind_double (stmt, 3, settings->hours_per_day);

  return chq_db_step_done (db, stmt, error);
}

gboolean
_chq_register_read_trainings (sqlite3     *db,
                const char  *worker_key,
                int          year,
                GPtrArray   *out,
                GError     **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT %s FROM trainings WHERE (?1 IS NULL OR worker_key = ?1) "
                     "AND (?2 = 0 OR substr (coalesce (end_date, start_date), 1, 4) = "
                     "printf ('%%04d', ?2)) ORDER BY start_date, id",
                     _chq_register_training_columns);
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  chq_db_bind_text (stmt, 1, worker_key);
  sqlite3_bind_int (stmt, 2, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, _chq_register_training_from_row (stmt));

  if (rc != SQLITE_DONE)
    return chq_db_set_error (error, db, rc, _("Could not read the trainings"));

  return TRUE;
}

static gboolean
read_rules (sqlite3    *db,
            GPtrArray  *out,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) rules =
    chq_db_prepare (db, "SELECT number, name, days_per_year FROM jc_rules ORDER BY number",
                    error);
  g_autoptr(sqlite3_stmt) steps =
    chq_db_prepare (db, "SELECT year, days FROM jc_steps WHERE number = ? ORDER BY year",
                    error);

  if (rules == NULL || steps == NULL)
    return FALSE;

  while (sqlite3_step (rules) == SQLITE_ROW)
    {
      ChqJcRule *rule = chq_jc_rule_new ((const char *) sqlite3_column_text (rules, 0),
                                         (const char *) sqlite3_column_text (rules, 1),
                                         sqlite3_column_double (rules, 2));

      chq_db_bind_text (steps, 1, rule->number);
      while (sqlite3_step (steps) == SQLITE_ROW)
        chq_jc_rule_add_step (rule, sqlite3_column_int (steps, 0),
                              sqlite3_column_double (steps, 1));
      sqlite3_reset (steps);
      g_ptr_array_add (out, rule);
    }

  return TRUE;
}

static gboolean
read_plans (sqlite3    *db,
            GPtrArray  *out,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) plans =
    chq_db_prepare (db, "SELECT year, target_groups, attention_groups, contribution, notes, "
                    "body, meeting_date, draft_sent_date, opinion_date, settled_date, "
                    "sent_to_fps_date FROM plans ORDER BY year", error);
  g_autoptr(sqlite3_stmt) items =
    chq_db_prepare (db, "SELECT title, formal, target_groups, groups, hours, participants "
                    "FROM plan_items WHERE year = ? ORDER BY position", error);

  if (plans == NULL || items == NULL)
    return FALSE;

  while (sqlite3_step (plans) == SQLITE_ROW)
    {
      ChqTrainingPlan *plan = chq_training_plan_new (sqlite3_column_int (plans, 0));

      plan->target_groups = chq_db_column_dup_text (plans, 1);
      plan->attention_groups = chq_db_column_dup_text (plans, 2);
      plan->contribution = chq_db_column_dup_text (plans, 3);
      plan->notes = chq_db_column_dup_text (plans, 4);
      plan->body = CLAMP (sqlite3_column_int (plans, 5), 0, CHQ_PLAN_BODY_WORKERS);
      column_date (plans, 6, &plan->meeting_date);
      column_date (plans, 7, &plan->draft_sent_date);
      column_date (plans, 8, &plan->opinion_date);
      column_date (plans, 9, &plan->settled_date);
      column_date (plans, 10, &plan->sent_to_fps_date);

      sqlite3_bind_int (items, 1, plan->year);
      while (sqlite3_step (items) == SQLITE_ROW)
        {
          ChqPlanItem *item = chq_plan_item_new ((const char *) sqlite3_column_text (items, 0),
                                                 sqlite3_column_int (items, 1) != 0);

          item->target_groups = chq_db_column_dup_text (items, 2);
          item->groups = sqlite3_column_int (items, 3) & CHQ_PLAN_GROUP_ALL;
          item->hours = sqlite3_column_double (items, 4);
          item->participants = sqlite3_column_int (items, 5);
          g_ptr_array_add (plan->items, item);
        }
      sqlite3_reset (items);
      g_ptr_array_add (out, plan);
    }

  return TRUE;
}

ChqRegisterData *
_chq_register_read_all (sqlite3     *db,
                        const char  *enterprise_number,
                        GError     **error)
{
  g_autoptr(ChqRegisterData) data = chq_register_data_new (enterprise_number);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM worker_details ORDER BY worker_key",
                                          _chq_register_details_columns);
  g_autoptr(sqlite3_stmt) details = NULL;
  g_autoptr(sqlite3_stmt) settings = NULL;

  /* One read transaction: a consistent snapshot. */
  if (!chq_db_exec (db, "BEGIN", error))
    return NULL;

  details = chq_db_prepare (db, sql, error);
  settings = chq_db_prepare (db, "SELECT workforce, carry_over_years, hours_per_day "
                             "FROM company_settings WHERE id = 1", error);
  if (details == NULL || settings == NULL)
    goto fail;

  while (sqlite3_step (details) == SQLITE_ROW)
    g_ptr_array_add (data->details, _chq_register_details_from_row (details));

  if (sqlite3_step (settings) == SQLITE_ROW)
    {
      data->settings.workforce = sqlite3_column_type (settings, 0) == SQLITE_NULL
                                 ? -1 : sqlite3_column_double (settings, 0);
      data->settings.carry_over_years = sqlite3_column_int (settings, 1);
      data->settings.hours_per_day = sqlite3_column_double (settings, 2);
    }

  if (!_chq_register_read_trainings (db, NULL, 0, data->trainings, error) ||
      !read_rules (db, data->jc_rules, error) ||
      !read_plans (db, data->plans, error))
    goto fail;

  g_clear_pointer (&details, sqlite3_finalize);
  g_clear_pointer (&settings, sqlite3_finalize);
  chq_db_exec (db, "COMMIT", NULL);

  return g_steal_pointer (&data);

fail:
  g_clear_pointer (&details, sqlite3_finalize);
  g_clear_pointer (&settings, sqlite3_finalize);
  chq_db_rollback (db);
  return NULL;
}

