/* chq-training-year.c: one year of the training register, service and local data together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-training-year"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "chq-training-year.h"

typedef struct {
  ChqTrainingYear  pub;
  gatomicrefcount  ref_count;
} TrainingYear;

G_DEFINE_BOXED_TYPE (ChqTrainingYear, chq_training_year,
                     chq_training_year_ref, chq_training_year_unref)

static void
year_worker_free (ChqTrainingYearWorker *worker)
{
  g_free (worker->worker_key);
  g_free (worker->first_name);
  g_free (worker->last_name);
  g_free (worker->niss);
  chq_worker_details_free (worker->details);
  chq_jc_rule_free (worker->rule);
  g_ptr_array_unref (worker->trainings);
  g_free (worker);
}

ChqTrainingYear *
chq_training_year_ref (ChqTrainingYear *self)
{
  g_atomic_ref_count_inc (&((TrainingYear *) self)->ref_count);

  return self;
}

void
chq_training_year_unref (ChqTrainingYear *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&((TrainingYear *) self)->ref_count))
    return;

  g_free (self->company_name);
  g_free (self->enterprise_number);
  g_ptr_array_unref (self->workers);
  chq_training_plan_free (self->plan);
  g_free (self);
}

static int
compare_trainings (gconstpointer a,
                   gconstpointer b)
{
  const ChqTraining *ta = *(const ChqTraining **) a;
  const ChqTraining *tb = *(const ChqTraining **) b;
  int c = 0;

  if (g_date_valid (&ta->start_date) && g_date_valid (&tb->start_date))
    c = g_date_compare (&ta->start_date, &tb->start_date);

  return c != 0 ? c : g_strcmp0 (ta->title, tb->title);
}

static int
compare_workers (gconstpointer a,
                 gconstpointer b)
{
  const ChqTrainingYearWorker *wa = *(const ChqTrainingYearWorker **) a;
  const ChqTrainingYearWorker *wb = *(const ChqTrainingYearWorker **) b;
  g_autofree char *ka = g_utf8_collate_key (wa->last_name ? wa->last_name : "", -1);
  g_autofree char *kb = g_utf8_collate_key (wb->last_name ? wb->last_name : "", -1);
  int c = strcmp (ka, kb);

  if (c == 0)
    c = g_utf8_collate (wa->first_name ? wa->first_name : "",
                        wb->first_name ? wb->first_name : "");

  return c != 0 ? c : g_strcmp0 (wa->worker_key, wb->worker_key);
}

/**
 * chq_training_new_from_enrolment:
 * @enrolment: a booking of the voucher service
 *
 * Returns: (transfer full) (nullable): the booking as a training record: funded by
 *   vouchers, its attended hours, the days of attendance (or the session's) as dates; %NULL
 *   when it is cancelled or no hour was attended
 */
ChqTraining *
chq_training_new_from_enrolment (ChqEnrolment *enrolment)
{
  GArray *days = chq_enrolment_get_attendance (enrolment);
  double hours = chq_enrolment_get_hours_attended (enrolment);
  GDateTime *starts = chq_enrolment_get_starts_at (enrolment);
  GDateTime *ends = chq_enrolment_get_ends_at (enrolment);
  ChqTraining *training;

  if (chq_enrolment_get_status (enrolment) == CHQ_ENROLMENT_STATUS_CANCELLED || hours <= 0)
    return NULL;

  training = chq_training_new (chq_enrolment_get_worker_id (enrolment),
                               chq_enrolment_get_course_title (enrolment));
  training->source = CHQ_TRAINING_SOURCE_ENROLMENT;
  training->provider = g_strdup (chq_enrolment_get_provider_name (enrolment));
  training->formal = TRUE;
  training->hours = hours;
  training->funding = CHQ_FUNDING_VOUCHERS;
  training->enrolment_id = g_strdup (chq_enrolment_get_id (enrolment));
  training->vouchers_used = chq_enrolment_get_vouchers_used (enrolment);
  /* What the company paid for the vouchers used: EUR 15 each. */
  training->cost_cents = (gint64) training->vouchers_used * 1500;

  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      const ChqAttendanceDay *day = &g_array_index (days, ChqAttendanceDay, i);
      GDate date;
      guint y, m, d;

      if (sscanf (day->date, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
        continue;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, m, y);
      if (!g_date_valid (&training->start_date) ||
          g_date_compare (&date, &training->start_date) < 0)
        training->start_date = date;
      if (!g_date_valid (&training->end_date) ||
          g_date_compare (&date, &training->end_date) > 0)
        training->end_date = date;
    }

  if (!g_date_valid (&training->start_date) && starts != NULL)
    g_date_set_dmy (&training->start_date, g_date_time_get_day_of_month (starts),
                    g_date_time_get_month (starts), g_date_time_get_year (starts));
  if (!g_date_valid (&training->end_date) && ends != NULL)
    g_date_set_dmy (&training->end_date, g_date_time_get_day_of_month (ends),
                    g_date_time_get_month (ends), g_date_time_get_year (ends));

  return training;
}

/* Every training of every worker: the register's and the attended bookings. */
static GHashTable *
trainings_by_worker (GPtrArray             *enrolments,
                     const ChqRegisterData *data)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; enrolments != NULL && i < enrolments->len; i++)
    {
      ChqTraining *training = chq_training_new_from_enrolment (enrolments->pdata[i]);
      GPtrArray *list;

      if (training == NULL || training->worker_key == NULL)
        {
          chq_training_free (training);
          continue;
        }
      list = g_hash_table_lookup (table, training->worker_key);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_training_free);
          g_hash_table_insert (table, g_strdup (training->worker_key), list);
        }
      g_ptr_array_add (list, training);
    }

  for (guint i = 0; data != NULL && i < data->trainings->len; i++)
    {
      const ChqTraining *training = data->trainings->pdata[i];
      GPtrArray *list = g_hash_table_lookup (table, training->worker_key);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_training_free);
          g_hash_table_insert (table, g_strdup (training->worker_key), list);
        }
      g_ptr_array_add (list, chq_training_copy (training));
    }

  return table;
}

ChqTrainingYear *
chq_training_year_new_full (int                    year,
                            const GDate           *at,
                            const char            *company_name,
                            const char            *enterprise_number,
                            ChqAccountKind         kind,
                            double                 default_workforce,
                            GPtrArray             *workers,
                            GPtrArray             *enrolments,
                            const ChqRegisterData *data)
{
  TrainingYear *ty = g_new0 (TrainingYear, 1);
  ChqTrainingYear *self = &ty->pub;
  g_autoptr(GHashTable) trainings = trainings_by_worker (enrolments, data);
  const ChqTrainingPlan *plan = data != NULL ? chq_register_data_find_plan (data, year) : NULL;

  g_return_val_if_fail (at != NULL && g_date_valid (at), NULL);

  g_atomic_ref_count_init (&ty->ref_count);
  self->year = year;
  self->at = *at;
  self->company_name = g_strdup (company_name);
  self->enterprise_number = g_strdup (enterprise_number);
  self->kind = kind;
  if (data != NULL)
    self->settings = data->settings;
  else
    chq_training_settings_init_default (&self->settings);
  if (self->settings.workforce < 0)
    self->settings.workforce = default_workforce;
  self->tier = chq_training_tier_for_workforce (self->settings.workforce);
  self->workers = g_ptr_array_new_with_free_func ((GDestroyNotify) year_worker_free);
  self->plan = plan != NULL ? chq_training_plan_copy (plan) : NULL;

  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      ChqWorker *worker = workers->pdata[i];
      const char *key = chq_worker_get_id (worker);
      GPtrArray *all = g_hash_table_lookup (trainings, key);
      ChqTrainingYearWorker *w;
      const ChqWorkerDetails *details = chq_register_data_find_details (data, key);
      const ChqJcRule *rule = details != NULL
                              ? chq_register_data_find_jc_rule (data, details->jc_number)
                              : NULL;

      w = g_new0 (ChqTrainingYearWorker, 1);
      w->worker_key = g_strdup (key);
      w->first_name = g_strdup (chq_worker_get_first_name (worker));
      w->last_name = g_strdup (chq_worker_get_last_name (worker));
      w->status = chq_worker_get_status (worker);
      w->niss = g_strdup (chq_worker_get_niss (worker));
      w->archived = chq_worker_get_archived (worker);
      w->details = details != NULL ? chq_worker_details_copy (details) : NULL;
      w->rule = rule != NULL ? chq_jc_rule_copy (rule) : NULL;
      w->trainings = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_training_free);
      for (guint j = 0; all != NULL && j < all->len; j++)
        {
          const ChqTraining *training = all->pdata[j];

          if (chq_training_get_year (training) != year)
            continue;
          g_ptr_array_add (w->trainings, chq_training_copy (training));
          w->vouchers_used += training->vouchers_used;
        }
      g_ptr_array_sort (w->trainings, compare_trainings);

      if (w->archived && w->trainings->len == 0)
        {
          year_worker_free (w);
          continue;
        }

      chq_training_balance_compute (&self->settings, w->rule, w->status, w->details, all,
                                    year, at, &w->balance);
      self->vouchers_used += w->vouchers_used;
      self->hours_followed += w->balance.followed_hours;
      g_ptr_array_add (self->workers, w);
    }

  g_ptr_array_sort (self->workers, compare_workers);

  return self;
}

/**
 * chq_training_year_new:
 * @year: the calendar year
 * @at: the date the balances are computed at
 * @account: the account
 * @workers: (element-type ChqWorker): the company's workers
 * @enrolments: (element-type ChqEnrolment) (nullable): the bookings
 * @data: (nullable): the register's content
 *
 * Returns: (transfer full): the year, freed with chq_training_year_unref()
 */
ChqTrainingYear *
chq_training_year_new (int                    year,
                       const GDate           *at,
                       ChqAccount            *account,
                       GPtrArray             *workers,
                       GPtrArray             *enrolments,
                       const ChqRegisterData *data)
{
  return chq_training_year_new_full (year, at, chq_account_get_name (account),
                                     chq_account_get_enterprise_number (account),
                                     chq_account_get_kind (account),
                                     chq_account_get_fte (account), workers, enrolments,
                                     data);
}

const ChqTrainingYearWorker *
chq_training_year_find_worker (const ChqTrainingYear *self,
                               const char            *worker_key)
{
  for (guint i = 0; i < self->workers->len; i++)
    {
      const ChqTrainingYearWorker *w = self->workers->pdata[i];

      if (g_strcmp0 (w->worker_key, worker_key) == 0)
        return w;
    }

  return NULL;
}

void
chq_training_year_count (const ChqTrainingYear *self,
                         guint                 *out_with_right,
                         guint                 *out_trained)
{
  guint with_right = 0, trained = 0;

  for (guint i = 0; i < self->workers->len; i++)
    {
      const ChqTrainingYearWorker *w = self->workers->pdata[i];

      if (!w->balance.has_right)
        continue;
      with_right++;
      if (w->trainings->len > 0)
        trained++;
    }

  if (out_with_right != NULL)
    *out_with_right = with_right;
  if (out_trained != NULL)
    *out_trained = trained;
}

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  int ya = *(const int *) a, yb = *(const int *) b;

  return (yb > ya) - (yb < ya);
}

static void
add_year (GArray *years,
          int     year)
{
  if (year <= 0)
    return;
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return;
  g_array_append_val (years, year);
}

/**
 * chq_training_years_available:
 * @enrolments: (element-type ChqEnrolment) (nullable): the bookings
 * @data: (nullable): the register's content
 * @today: today
 *
 * Returns: (transfer full) (element-type int): the years, newest first
 */
GArray *
chq_training_years_available (GPtrArray             *enrolments,
                              const ChqRegisterData *data,
                              const GDate           *today)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

  add_year (years, g_date_get_year (today) + 1);
  add_year (years, g_date_get_year (today));

  for (guint i = 0; enrolments != NULL && i < enrolments->len; i++)
    {
      ChqEnrolment *enrolment = enrolments->pdata[i];
      GDateTime *starts = chq_enrolment_get_starts_at (enrolment);

      if (chq_enrolment_get_status (enrolment) != CHQ_ENROLMENT_STATUS_CANCELLED &&
          starts != NULL)
        add_year (years, g_date_time_get_year (starts));
    }
  for (guint i = 0; data != NULL && i < data->trainings->len; i++)
    add_year (years, chq_training_get_year (data->trainings->pdata[i]));
  for (guint i = 0; data != NULL && i < data->plans->len; i++)
    add_year (years, ((ChqTrainingPlan *) data->plans->pdata[i])->year);

  g_array_sort (years, compare_years_desc);

  return years;
}

const char *
chq_obligation_kind_get_title (ChqObligationKind kind)
{
  switch (kind)
    {
    case CHQ_OBLIGATION_PLAN_DRAFT:
      return _("Draft training plan to the works council or union delegation");
    case CHQ_OBLIGATION_PLAN_OPINION:
      return _("Opinion on the training plan");
    case CHQ_OBLIGATION_PLAN_SETTLED:
      return _("Training plan settled");
    case CHQ_OBLIGATION_PLAN_TO_FPS:
      return _("Anonymised training plan to the FPS Employment");
    case CHQ_OBLIGATION_STATEMENTS:
      return _("Each worker told the balance of their training credit");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
chq_obligation_kind_to_string (ChqObligationKind kind)
{
  static const char *const words[] = {
    "plan-draft", "plan-opinion", "plan-settled", "plan-to-fps", "statements",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (words), NULL);

  return words[kind];
}

static int
compare_obligations (gconstpointer a,
                     gconstpointer b)
{
  const ChqObligation *oa = a, *ob = b;

  return g_date_compare (&oa->date, &ob->date);
}

static void
add_obligation (GArray            *list,
                ChqObligationKind  kind,
                const GDate       *date,
                const GDate       *done_on)
{
  ChqObligation obligation = { kind, *date, done_on != NULL && g_date_valid (done_on) };

  g_array_append_val (list, obligation);
}

/**
 * chq_training_year_get_obligations:
 * @self: a year
 *
 * Returns: (transfer full) (element-type ChqObligation): the year's obligations, by date
 */
GArray *
chq_training_year_get_obligations (const ChqTrainingYear *self)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (ChqObligation));
  guint with_right = 0;

  if (self->tier == CHQ_TRAINING_TIER_20_OR_MORE || self->plan != NULL)
    {
      g_autoptr(ChqTrainingPlan) empty = chq_training_plan_new (self->year);
      const ChqTrainingPlan *plan = self->plan != NULL ? self->plan : empty;
      GDate draft, opinion, settled, fps;

      chq_training_plan_get_deadlines (plan, &draft, &opinion, &settled, &fps);
      add_obligation (list, CHQ_OBLIGATION_PLAN_DRAFT, &draft, &plan->draft_sent_date);
      add_obligation (list, CHQ_OBLIGATION_PLAN_OPINION, &opinion, &plan->opinion_date);
      add_obligation (list, CHQ_OBLIGATION_PLAN_SETTLED, &settled, &plan->settled_date);
      add_obligation (list, CHQ_OBLIGATION_PLAN_TO_FPS, &fps, &plan->sent_to_fps_date);
    }

  chq_training_year_count (self, &with_right, NULL);
  if (with_right > 0)
    {
      GDate dec31;

      g_date_clear (&dec31, 1);
      g_date_set_dmy (&dec31, 31, G_DATE_DECEMBER, self->year);
      add_obligation (list, CHQ_OBLIGATION_STATEMENTS, &dec31, NULL);
    }

  g_array_sort (list, compare_obligations);

  return list;
}
