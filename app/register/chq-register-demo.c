/* chq-register-demo.c: the demo company's local register content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Try with demo data" shows every page and document with real content: the demo
 * company's workers (app/sandbox/chq-sandbox-demo.c) get realistic local details and a few
 * trainings that no voucher paid for. Everything is dated from the sandbox's today, not the
 * wall clock, and marked as demo rows, which Leave Demo removes.
 */
#define G_LOG_DOMAIN "chq-register"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-register-private.h"
#include "chq-worker.h"

typedef struct {
  const char *first_name;
  const char *last_name;
  int         birth_year, birth_month, birth_day;
  const char *birth_place;
  const char *address;
  double      work_fraction;
  const char *jc_number;
  const char *jc_name;
  int         entry_months_ago;  /* < 0: a fixed year, -entry_months_ago */
  int         leaving_months_ahead; /* 0: in service */
} DemoPerson;

static const DemoPerson demo_people[] = {
  { "Sophie", "Dubois", 1985, 7, 30, "Liège",
    "Rue Saint-Gilles 118\n4000 Liège", 1.0,
    "200", "Commission paritaire auxiliaire pour employés", -2015, 0 },
  { "Marc", "Lejeune", 1979, 2, 14, "Verviers",
    "Avenue de Spa 27\n4800 Verviers", 0.8,
    "200", "Commission paritaire auxiliaire pour employés", -2009, 0 },
  { "Nadia", "Benali", 1991, 5, 3, "Seraing",
    "Rue du Molinay 9 boîte 2\n4100 Seraing", 1.0,
    "200", "Commission paritaire auxiliaire pour employés", 6, 0 },
  { "Thomas", "Renard", 1998, 11, 21, "Namur",
    "Chaussée de Louvain 301\n5004 Bouge", 1.0,
    "322", "Commission paritaire pour le travail intérimaire", 2, 1 },
  { "Philippe", "Mathieu", 1972, 6, 11, "Huy",
    "Quai de Namur 4\n4500 Huy", 1.0, NULL, NULL, -2004, 0 },
  { "Élodie", "Collard", 2004, 2, 15, "Liège",
    "Rue de Campine 56\n4000 Liège", 0.5,
    "200", "Commission paritaire auxiliaire pour employés", 3, 1 },
};

typedef struct {
  const char *last_name;
  const char *title;
  gboolean    internal;
  const char *provider;
  gboolean    formal;
  int         months_ago;     /* start, from today; 12 and more: last year's */
  int         days;           /* how many days it lasts */
  double      hours;
  int         certificate_years; /* 0: no certificate; -1: no end of validity */
  gint64      cost_cents;
  ChqFunding  funding;
} DemoTraining;

static const DemoTraining demo_trainings[] = {
  { "Dubois", "Sécurité incendie et premiers secours", TRUE, NULL, TRUE,
    3, 1, 7, 2, 0, CHQ_FUNDING_OWN_BUDGET },
  { "Dubois", "Webinaire RGPD pour les ressources humaines", FALSE, "UCM Formation", TRUE,
    2, 1, 3, -1, 9500, CHQ_FUNDING_OWN_BUDGET },
  { "Lejeune", "Excel avancé : tableaux croisés dynamiques", FALSE, "Cefora", TRUE,
    5, 2, 14, -1, 0, CHQ_FUNDING_SECTOR_FUND },
  { "Lejeune", "Gestion du temps et des priorités", FALSE, "Cefora", TRUE,
    14, 1, 7, 0, 0, CHQ_FUNDING_SECTOR_FUND },
  { "Benali", "Accompagnement à la prise de poste (coaching)", TRUE, NULL, FALSE,
    1, 3, 6, 0, 0, CHQ_FUNDING_OWN_BUDGET },
  { "Benali", "Sécurité incendie et premiers secours", TRUE, NULL, TRUE,
    3, 1, 7, 2, 0, CHQ_FUNDING_OWN_BUDGET },
  { "Renard", "Accueil sécurité à l’atelier", TRUE, NULL, FALSE,
    2, 1, 2, 0, 0, CHQ_FUNDING_OWN_BUDGET },
};

typedef struct {
  GPtrArray *keys;   /* of char*, the worker id of each demo_people entry, or NULL */
  GDate      today;
} SeedInput;

static void
seed_input_free (SeedInput *input)
{
  g_ptr_array_unref (input->keys);
  g_free (input);
}

/* The first of the month @months before @today's month (a weekday kept simple: the 1st). */
static GDate
months_before (const GDate *today,
               int          months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, g_date_get_month (today), g_date_get_year (today));
  if (months > 0)
    g_date_subtract_months (&date, months);
  else if (months < 0)
    g_date_add_months (&date, -months);

  return date;
}

/* A weekday: Saturdays and Sundays move to the Monday after. */
static void
to_weekday (GDate *date)
{
  while (g_date_get_weekday (date) == G_DATE_SATURDAY ||
         g_date_get_weekday (date) == G_DATE_SUNDAY)
    g_date_add_days (date, 1);
}

static const char *
key_for (SeedInput  *input,
         const char *last_name)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    if (g_strcmp0 (demo_people[i].last_name, last_name) == 0)
      return input->keys->pdata[i];

  return NULL;
}

static gboolean
remove_demo_rows (sqlite3  *db,
                  GError  **error)
{
  return chq_db_exec (db,
                      "DELETE FROM trainings WHERE demo = 1;"
                      "DELETE FROM worker_details WHERE demo = 1;"
                      "DELETE FROM jc_rules WHERE demo = 1;"
                      "DELETE FROM plans WHERE demo = 1;"
                      "DELETE FROM company_settings "
                      "  WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'demo_settings');"
                      "DELETE FROM meta WHERE key = 'demo_settings';", error);
}

static gboolean
seed (sqlite3    *db,
      SeedInput  *input,
      GError    **error)
{
  ChqTrainingSettings settings = { .workforce = 12, .carry_over_years = 1,
                                   .hours_per_day = 7.6 };

  if (!remove_demo_rows (db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    {
      const DemoPerson *p = &demo_people[i];
      g_autoptr(ChqWorkerDetails) details = NULL;

      if (input->keys->pdata[i] == NULL)
        continue;

      details = chq_worker_details_new (input->keys->pdata[i]);
      g_date_set_dmy (&details->birth_date, p->birth_day, p->birth_month, p->birth_year);
      details->birth_place = g_strdup (p->birth_place);
      details->address = g_strdup (p->address);
      details->work_fraction = p->work_fraction;
      details->jc_number = g_strdup (p->jc_number);
      details->jc_name = g_strdup (p->jc_name);
      if (p->entry_months_ago < 0)
        g_date_set_dmy (&details->entry_date, 1, G_DATE_SEPTEMBER, -p->entry_months_ago);
      else
        details->entry_date = months_before (&input->today, p->entry_months_ago);
      if (p->leaving_months_ahead > 0)
        {
          details->leaving_date = months_before (&input->today, -p->leaving_months_ahead);
          g_date_subtract_days (&details->leaving_date, 1);
        }
      details->demo = TRUE;

      if (!_chq_register_insert_details (db, details, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_trainings); i++)
    {
      const DemoTraining *t = &demo_trainings[i];
      const char *key = key_for (input, t->last_name);
      g_autoptr(ChqTraining) training = NULL;

      if (key == NULL)
        continue;

      training = chq_training_new (key, t->title);
      training->internal = t->internal;
      training->provider = g_strdup (t->provider);
      training->formal = t->formal;
      training->start_date = months_before (&input->today, t->months_ago);
      g_date_add_days (&training->start_date, 9);
      to_weekday (&training->start_date);
      training->end_date = training->start_date;
      g_date_add_days (&training->end_date, t->days - 1);
      training->hours = t->hours;
      training->certificate = t->certificate_years != 0;
      if (t->certificate_years > 0)
        {
          training->certificate_valid_until = training->end_date;
          g_date_add_years (&training->certificate_valid_until, t->certificate_years);
        }
      training->cost_cents = t->cost_cents;
      training->funding = t->funding;
      training->demo = TRUE;

      if (_chq_register_insert_training (db, training, error) == 0)
        return FALSE;
    }

  return chq_db_exec (db, "INSERT OR REPLACE INTO meta (key, value) "
                      "VALUES ('demo_settings', '1')", error) &&
         _chq_register_write_settings (db, &settings, error);
}

static gpointer
seed_job (ChqRegister  *self,
          sqlite3      *db,
          gpointer      input,
          GError      **error)
{
  if (db == NULL || !chq_db_begin (db, error))
    return NULL;

  if (!seed (db, input, error) || !chq_db_commit (db, error))
    {
      chq_db_rollback (db);
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

/**
 * chq_register_seed_demo_async:
 * @self: a #ChqRegister
 * @workers: (element-type ChqWorker): the demo company's workers
 * @today: the sandbox's today
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the register is filled
 * @user_data: data for @callback
 *
 * Gives the demo company's workers (matched by first and last name) their local details
 * and a few trainings no voucher paid for, and sets the company's workforce (12), a
 * one-year carry-over and 7.6 hours a day. Replaces what an earlier seed added; leaves the
 * user's own rows alone.
 */
void
chq_register_seed_demo_async (ChqRegister         *self,
                              GPtrArray           *workers,
                              const GDate         *today,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  SeedInput *input;

  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (workers != NULL);
  g_return_if_fail (today != NULL && g_date_valid (today));

  input = g_new0 (SeedInput, 1);
  input->keys = g_ptr_array_new_with_free_func (g_free);
  input->today = *today;
  for (guint i = 0; i < G_N_ELEMENTS (demo_people); i++)
    {
      char *key = NULL;

      for (guint j = 0; j < workers->len && key == NULL; j++)
        {
          ChqWorker *worker = workers->pdata[j];

          if (g_strcmp0 (chq_worker_get_first_name (worker), demo_people[i].first_name) == 0 &&
              g_strcmp0 (chq_worker_get_last_name (worker), demo_people[i].last_name) == 0)
            key = g_strdup (chq_worker_get_id (worker));
        }
      g_ptr_array_add (input->keys, key);
    }

  _chq_register_run_job (self, seed_job, input, (GDestroyNotify) seed_input_free, NULL,
                         chq_register_seed_demo_async, cancellable, callback, user_data);
}

gboolean
chq_register_seed_demo_finish (ChqRegister   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_seed_demo_async,
                                   error) != NULL;
}

static gpointer
remove_demo_job (ChqRegister  *self,
                 sqlite3      *db,
                 gpointer      input,
                 GError      **error)
{
  if (db == NULL || !chq_db_begin (db, error))
    return NULL;

  if (!remove_demo_rows (db, error) || !chq_db_commit (db, error))
    {
      chq_db_rollback (db);
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

/**
 * chq_register_remove_demo_async:
 * @self: a #ChqRegister
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the demo rows are gone
 * @user_data: data for @callback
 *
 * Leave Demo: removes every row chq_register_seed_demo_async() added, and its settings.
 */
void
chq_register_remove_demo_async (ChqRegister         *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));

  _chq_register_run_job (self, remove_demo_job, NULL, NULL, NULL,
                         chq_register_remove_demo_async, cancellable, callback, user_data);
}

gboolean
chq_register_remove_demo_finish (ChqRegister   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_remove_demo_async,
                                   error) != NULL;
}
