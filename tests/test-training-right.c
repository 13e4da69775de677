/* test-training-right.c: the individual training right's pure rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chq-training-right.h"
#include "chq-training-year.h"

static GDate
date (int d,
      int m,
      int y)
{
  GDate out;

  g_date_clear (&out, 1);
  g_date_set_dmy (&out, d, m, y);

  return out;
}

static ChqTrainingSettings
settings_for (double workforce,
              guint  carry)
{
  ChqTrainingSettings s = { .workforce = workforce, .carry_over_years = carry,
                            .hours_per_day = 7.6 };

  return s;
}

static ChqTraining *
training_on (const GDate *day,
             double       hours)
{
  ChqTraining *t = chq_training_new ("w1", "Course");

  t->start_date = *day;
  t->hours = hours;

  return t;
}

static GPtrArray *
trainings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) chq_training_free);
}

static void
compute (const ChqTrainingSettings *s,
         const ChqJcRule           *rule,
         ChqWorkerStatus            status,
         const ChqWorkerDetails    *details,
         GPtrArray                 *trainings,
         int                        year,
         GDate                      at,
         ChqTrainingBalance        *b)
{
  chq_training_balance_compute (s, rule, status, details, trainings, year, &at, b);
}

static void
test_tiers (void)
{
  const struct { double workforce; double days; } cases[] = {
    { -1, 0 }, { 0, 0 }, { 9, 0 }, { 9.9, 0 }, { 10, 1 }, { 12, 1 }, { 19.5, 1 },
    { 20, 5 }, { 250, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChqTrainingSettings s = settings_for (cases[i].workforce, 0);
      ChqTrainingBalance b;

      compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, NULL, 2026, date (31, 12, 2026), &b);
      g_assert_true (b.has_right);
      g_assert_cmpfloat_with_epsilon (b.credit_days, cases[i].days, 1e-9);
      g_assert_cmpfloat_with_epsilon (b.left_days, cases[i].days, 1e-9);
      g_assert_cmpuint (b.months, ==, 12);
      g_assert_false (b.sector_rule);
    }

  /* The demo company of 12 FTE: 1 day a head, not 5. */
  g_assert_cmpint (chq_training_tier_for_workforce (12), ==, CHQ_TRAINING_TIER_10_TO_19);
}

static void
test_part_time (void)
{
  ChqTrainingSettings s = settings_for (25, 0);
  g_autoptr(ChqWorkerDetails) d = chq_worker_details_new ("w1");
  ChqTrainingBalance b;

  d->work_fraction = 0.8;
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, d, NULL, 2026, date (31, 12, 2026), &b);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.fraction, 0.8, 1e-9);

  d->work_fraction = 0.5;
  s = settings_for (15, 0);
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, d, NULL, 2026, date (31, 12, 2026), &b);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 0.5, 1e-9);
}

static void
test_joining_and_leaving (void)
{
  ChqTrainingSettings s = settings_for (25, 0);
  g_autoptr(ChqWorkerDetails) d = chq_worker_details_new ("w1");
  ChqTrainingBalance b;

  /* Joining on 15 June: June to December, 7 months. */
  d->entry_date = date (15, 6, 2026);
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, d, NULL, 2026, date (31, 12, 2026), &b);
  g_assert_cmpuint (b.months, ==, 7);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 2.92, 1e-9); /* 5 x 7 / 12 */

  /* Leaving on 10 March: January to March. */
  g_date_clear (&d->entry_date, 1);
  d->entry_date = date (1, 9, 2015);
  d->leaving_date = date (10, 3, 2026);
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, d, NULL, 2026, date (31, 12, 2026), &b);
  g_assert_cmpuint (b.months, ==, 3);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 1.25, 1e-9);

  /* Gone before the year, or not there yet: nothing. */
  g_assert_cmpuint (chq_training_months_of_service (&d->entry_date, &d->leaving_date, 2027),
                    ==, 0);
  g_assert_cmpuint (chq_training_months_of_service (&d->entry_date, &d->leaving_date, 2014),
                    ==, 0);
  g_assert_cmpuint (chq_training_months_of_service (NULL, NULL, 2026), ==, 12);

  /* Joining and leaving in the same month counts that month once. */
  {
    GDate in = date (3, 4, 2026), out = date (20, 4, 2026);
    g_assert_cmpuint (chq_training_months_of_service (&in, &out, 2026), ==, 1);
  }
}

static void
test_carry_over (void)
{
  ChqTrainingSettings s = settings_for (25, 1);
  g_autoptr(GPtrArray) trainings = trainings_new ();
  ChqTrainingBalance b;
  GDate d2025 = date (10, 5, 2025), d2026 = date (10, 5, 2026), d2024 = date (10, 5, 2024);

  /* 2025: 2 days of 5 followed, 3 carried into 2026. */
  g_ptr_array_add (trainings, training_on (&d2025, 15.2));
  /* 2026: 4 days, the 3 old ones first, then 1 of 2026's. */
  g_ptr_array_add (trainings, training_on (&d2026, 30.4));

  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (31, 12, 2026), &b);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.carried_in_days, 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.followed_days, 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.left_days, 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.carried_over_days, 4, 1e-9);

  /* Without carry-over the past does not count and nothing goes on. */
  s = settings_for (25, 0);
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (31, 12, 2026), &b);
  g_assert_cmpfloat_with_epsilon (b.carried_in_days, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.left_days, 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.carried_over_days, 0, 1e-9);

  /* For one year only: 2024's days do not reach 2026. */
  s = settings_for (25, 1);
  g_ptr_array_set_size (trainings, 0);
  g_ptr_array_add (trainings, training_on (&d2024, 7.6));
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (31, 12, 2026), &b);
  g_assert_cmpfloat_with_epsilon (b.carried_in_days, 5, 1e-9); /* 2025's only */
  g_assert_cmpfloat_with_epsilon (b.left_days, 10, 1e-9);
  /* Two years: 2024's 4 unused days and 2025's 5 are both still there. */
  s = settings_for (25, 2);
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (31, 12, 2026), &b);
  g_assert_cmpfloat_with_epsilon (b.carried_in_days, 9, 1e-9);
  /* Next year 2024's expire: 2025's 5 and 2026's 5 go on. */
  g_assert_cmpfloat_with_epsilon (b.carried_over_days, 10, 1e-9);
}

static void
test_sector_rule (void)
{
  ChqTrainingSettings s = settings_for (6, 0);
  g_autoptr(ChqJcRule) rule = chq_jc_rule_new ("200", "CP auxiliaire pour employés", 2);
  g_autofree char *path = NULL;
  ChqTrainingBalance b;

  /* A company of 6 has no right by law; the sector gives 2 days. */
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, NULL, 2026, date (31, 12, 2026), &b);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 0, 1e-9);
  compute (&s, rule, CHQ_WORKER_STATUS_EMPLOYEE, NULL, NULL, 2026, date (31, 12, 2026), &b);
  g_assert_true (b.sector_rule);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 2, 1e-9);

  /* A growth path: 3 days from 2024, 4 from 2026 (steps added out of order). */
  g_assert_null (chq_jc_rule_format_growth_path (rule));
  chq_jc_rule_add_step (rule, 2026, 4);
  chq_jc_rule_add_step (rule, 2024, 3);
  g_assert_cmpfloat (chq_jc_rule_days_for_year (rule, 2023), ==, 2);
  g_assert_cmpfloat (chq_jc_rule_days_for_year (rule, 2025), ==, 3);
  g_assert_cmpfloat (chq_jc_rule_days_for_year (rule, 2026), ==, 4);
  g_assert_cmpfloat (chq_jc_rule_days_for_year (rule, 2030), ==, 4);
  path = chq_jc_rule_format_growth_path (rule);
  g_assert_cmpstr (path, ==, "2024: 3 days, 2026: 4 days");

  /* The sector's days replace the tier's, also upwards of a big company's. */
  s = settings_for (30, 0);
  compute (&s, rule, CHQ_WORKER_STATUS_EMPLOYEE, NULL, NULL, 2025, date (31, 12, 2025), &b);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 3, 1e-9);
}

static void
test_leap_year (void)
{
  ChqTrainingSettings s = settings_for (25, 0);
  g_autoptr(ChqWorkerDetails) d = chq_worker_details_new ("w1");
  GDate feb29 = date (29, 2, 2028);
  ChqTrainingBalance b;

  /* 29 February 2028 is the 60th day of 366. */
  g_assert_cmpfloat_with_epsilon (chq_training_share_elapsed (NULL, NULL, 2028, &feb29),
                                  60.0 / 366.0, 1e-12);
  /* Joining on 29 February: February to December. */
  d->entry_date = feb29;
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, d, NULL, 2028, date (31, 12, 2028), &b);
  g_assert_cmpuint (b.months, ==, 11);
  /* From 29 February to 31 December 2028: 307 days; by 30 July, 153 of them. */
  {
    GDate july30 = date (30, 7, 2028);

    g_assert_cmpfloat_with_epsilon (chq_training_share_elapsed (&d->entry_date, NULL, 2028,
                                                                &july30), 153.0 / 307.0, 1e-12);
  }
  /* 2028 and 2026 give a full year the same credit. */
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, NULL, 2028, feb29, &b);
  g_assert_cmpfloat_with_epsilon (b.credit_days, 5, 1e-9);
  g_assert_cmpfloat (b.expected_days, ==, 0); /* 5 x 60/366 = 0.82 */
}

static void
test_late (void)
{
  ChqTrainingSettings s = settings_for (25, 0);
  g_autoptr(GPtrArray) trainings = trainings_new ();
  GDate day = date (5, 2, 2026);
  ChqTrainingBalance b;

  /* 13 January: a 5-day credit expects nothing yet. */
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (13, 1, 2026), &b);
  g_assert_cmpfloat (b.expected_days, ==, 0);
  g_assert_false (b.late);

  /* 1 July: 182 of 365 days gone, 2.49 days due, 2 whole ones: one day followed is late. */
  g_ptr_array_add (trainings, training_on (&day, 7.6));
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (1, 7, 2026), &b);
  g_assert_cmpfloat (b.expected_days, ==, 2);
  g_assert_true (b.late);
  g_ptr_array_add (trainings, training_on (&day, 7.6));
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (1, 7, 2026), &b);
  g_assert_false (b.late);

  /* The year's end: all 5 due. */
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (31, 12, 2026),
           &b);
  g_assert_cmpfloat (b.expected_days, ==, 5);
  g_assert_true (b.late);
  /* Looking at a past year from later on: the same. */
  compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, NULL, trainings, 2026, date (7, 12, 2032),
           &b);
  g_assert_true (b.late);

  /* A worker who joined on 1 July is judged on their own period. */
  {
    g_autoptr(ChqWorkerDetails) d = chq_worker_details_new ("w1");

    d->entry_date = date (1, 7, 2026);
    compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, d, NULL, 2026, date (30, 9, 2026), &b);
    g_assert_cmpfloat_with_epsilon (b.credit_days, 2.5, 1e-9);
    g_assert_cmpfloat (b.expected_days, ==, 1);  /* 92/184 of 2.5 */
    g_assert_true (b.late);
    compute (&s, NULL, CHQ_WORKER_STATUS_EMPLOYEE, d, NULL, 2026, date (30, 6, 2026), &b);
    g_assert_cmpfloat (b.expected_days, ==, 0);
    g_assert_false (b.late);
  }
}

static void
test_no_right (void)
{
  const ChqWorkerStatus statuses[] = {
    CHQ_WORKER_STATUS_TEMP, CHQ_WORKER_STATUS_SELF_EMPLOYED_MAIN,
    CHQ_WORKER_STATUS_SELF_EMPLOYED_SECONDARY, CHQ_WORKER_STATUS_HELPING_SPOUSE,
    CHQ_WORKER_STATUS_STUDENT, CHQ_WORKER_STATUS_APPRENTICE, CHQ_WORKER_STATUS_INTERN,
    CHQ_WORKER_STATUS_PFI_TRAINEE,
  };
  ChqTrainingSettings s = settings_for (25, 0);

  g_assert_true (chq_worker_status_has_training_right (CHQ_WORKER_STATUS_EMPLOYEE));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      ChqTrainingBalance b;

      g_assert_false (chq_worker_status_has_training_right (statuses[i]));
      compute (&s, NULL, statuses[i], NULL, NULL, 2026, date (31, 12, 2026), &b);
      g_assert_false (b.has_right);
      g_assert_false (b.late);
      g_assert_cmpfloat (b.credit_days, ==, 0);
      g_assert_cmpfloat (b.left_days, ==, 0);
    }
}

static void
test_checks (void)
{
  const char *good_jc[] = { "200", "124.00", "330.01", "118.03" };
  const char *bad_jc[] = { "", "12", "2000", "124.0", "124,00", "abc", "124.000" };
  g_autoptr(ChqWorkerDetails) d = chq_worker_details_new ("w1");
  GDate today = date (7, 12, 2026);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good_jc); i++)
    g_assert_true (chq_joint_committee_number_validate (good_jc[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad_jc); i++)
    {
      g_assert_false (chq_joint_committee_number_validate (bad_jc[i], &error));
      g_assert_error (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_JOINT_COMMITTEE);
      g_clear_error (&error);
    }

  g_assert_false (chq_work_fraction_validate (0, NULL));
  g_assert_false (chq_work_fraction_validate (-0.5, NULL));
  g_assert_false (chq_work_fraction_validate (1.01, NULL));
  g_assert_true (chq_work_fraction_validate (1, NULL));
  g_assert_true (chq_work_fraction_validate (0.2, NULL));

  /* The NISS encodes the birth date (1900s and 2000s, told by the check digits). */
  d->birth_date = date (30, 7, 1985);
  g_assert_true (chq_worker_details_check (d, "85.07.30-033.28", &today, &error));
  g_assert_no_error (error);
  d->birth_date = date (31, 7, 1985);
  g_assert_false (chq_worker_details_check (d, "85073003328", &today, &error));
  g_assert_error (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_NISS);
  g_clear_error (&error);
  {
    GDate b2004 = date (15, 2, 2004), b1904 = date (15, 2, 1904);

    g_assert_true (chq_niss_matches_birth_date ("04021512339", &b2004, NULL));
    g_assert_false (chq_niss_matches_birth_date ("04021512339", &b1904, NULL));
  }

  /* A birth in the future; leaving before entry; entry before birth. */
  d->birth_date = date (1, 1, 2027);
  g_assert_false (chq_worker_details_check (d, NULL, &today, &error));
  g_assert_error (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_BIRTH_DATE);
  g_clear_error (&error);
  d->birth_date = date (30, 7, 1985);
  d->entry_date = date (1, 9, 2020);
  d->leaving_date = date (31, 8, 2020);
  g_assert_false (chq_worker_details_check (d, NULL, &today, &error));
  g_assert_error (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_DATES);
  g_clear_error (&error);
  g_date_clear (&d->leaving_date, 1);
  d->entry_date = date (1, 9, 1980);
  g_assert_false (chq_worker_details_check (d, NULL, &today, NULL));
  d->entry_date = date (1, 9, 2020);
  d->work_fraction = 0;
  g_assert_false (chq_worker_details_check (d, NULL, &today, NULL));
  d->work_fraction = 1;
  g_assert_true (chq_worker_details_check (d, NULL, &today, NULL));

  /* Trainings */
  {
    g_autoptr(ChqTraining) t = chq_training_new ("w1", "Sécurité");

    g_assert_false (chq_training_check (t, NULL)); /* no date */
    t->start_date = date (12, 10, 2026);
    g_assert_false (chq_training_check (t, NULL)); /* no hours */
    t->hours = 7;
    g_assert_true (chq_training_check (t, NULL));
    t->hours = 25;
    g_assert_false (chq_training_check (t, NULL)); /* more than a day holds */
    t->end_date = date (13, 10, 2026);
    g_assert_true (chq_training_check (t, NULL));
    t->end_date = date (11, 10, 2026);
    g_assert_false (chq_training_check (t, &error));
    g_assert_error (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_DATES);
    g_clear_error (&error);
    g_date_clear (&t->end_date, 1);
    t->hours = 7;
    t->cost_cents = -1;
    g_assert_false (chq_training_check (t, NULL));
  }
}

static ChqWorker *
worker_new (const char      *id,
            const char      *first,
            const char      *last,
            ChqWorkerStatus  status)
{
  return g_object_new (CHQ_TYPE_WORKER, "id", id, "first-name", first, "last-name", last,
                       "status", status, NULL);
}

/* The year's model: only employees count as "trained of"; years include next year. */
static void
test_year (void)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChqRegisterData) data = chq_register_data_new ("0123456749");
  g_autoptr(ChqTrainingYear) year = NULL;
  g_autoptr(GArray) years = NULL;
  GDate today = date (7, 12, 2026);
  GDate when = date (10, 3, 2026);
  ChqTraining *t;
  guint with_right, trained;

  g_ptr_array_add (workers, worker_new ("w1", "Sophie", "Dubois", CHQ_WORKER_STATUS_EMPLOYEE));
  g_ptr_array_add (workers, worker_new ("w2", "Marc", "Lejeune", CHQ_WORKER_STATUS_EMPLOYEE));
  g_ptr_array_add (workers, worker_new ("w3", "Élodie", "Collard", CHQ_WORKER_STATUS_STUDENT));
  g_ptr_array_add (workers, worker_new ("w4", "Thomas", "Renard", CHQ_WORKER_STATUS_TEMP));
  t = training_on (&when, 7);
  g_free (t->worker_key);
  t->worker_key = g_strdup ("w3");
  g_ptr_array_add (data->trainings, t);
  t = training_on (&when, 7);
  g_ptr_array_add (data->trainings, t);

  /* The register's workforce is unknown: the account's 12 FTE stand in. */
  year = chq_training_year_new_full (2026, &today, "Atelier Mosan SRL", "0123456749",
                                     CHQ_ACCOUNT_KIND_EMPLOYER, 12, workers, NULL, data);
  g_assert_cmpint (year->tier, ==, CHQ_TRAINING_TIER_10_TO_19);
  g_assert_cmpuint (year->workers->len, ==, 4);
  /* By last name: Collard, Dubois, Lejeune, Renard. */
  g_assert_cmpstr (((ChqTrainingYearWorker *) year->workers->pdata[0])->last_name, ==,
                   "Collard");
  chq_training_year_count (year, &with_right, &trained);
  g_assert_cmpuint (with_right, ==, 2);
  g_assert_cmpuint (trained, ==, 1);
  g_assert_cmpfloat_with_epsilon (chq_training_year_find_worker (year, "w1")->balance.credit_days,
                                  1, 1e-9);
  g_assert_false (chq_training_year_find_worker (year, "w4")->balance.late);

  /* 12 workers, no plan: only the statements are due, on 31 December. */
  {
    g_autoptr(GArray) obligations = chq_training_year_get_obligations (year);

    g_assert_cmpuint (obligations->len, ==, 1);
    g_assert_cmpint (g_array_index (obligations, ChqObligation, 0).kind, ==,
                     CHQ_OBLIGATION_STATEMENTS);
    g_assert_cmpint (g_date_get_day (&g_array_index (obligations, ChqObligation, 0).date), ==,
                     31);
  }

  years = chq_training_years_available (NULL, data, &today);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2027);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2026);
}

/* A company of 20 or more: the plan's dates, the draft 15 days before the meeting. */
static void
test_obligations (void)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChqRegisterData) data = chq_register_data_new ("0123456749");
  g_autoptr(ChqTrainingYear) year = NULL;
  g_autoptr(GArray) list = NULL;
  ChqTrainingPlan *plan = chq_training_plan_new (2027);
  GDate today = date (7, 12, 2026);
  const ChqObligationKind order[] = {
    CHQ_OBLIGATION_PLAN_DRAFT, CHQ_OBLIGATION_PLAN_OPINION, CHQ_OBLIGATION_PLAN_SETTLED,
    CHQ_OBLIGATION_PLAN_TO_FPS, CHQ_OBLIGATION_STATEMENTS,
  };
  const int days[][2] = { { 23, 2 }, { 15, 3 }, { 31, 3 }, { 30, 4 }, { 31, 12 } };

  data->settings.workforce = 22;
  plan->meeting_date = date (10, 3, 2027);
  plan->draft_sent_date = date (20, 2, 2027);
  g_ptr_array_add (data->plans, plan);
  g_ptr_array_add (workers, worker_new ("w1", "Sophie", "Dubois", CHQ_WORKER_STATUS_EMPLOYEE));
  year = chq_training_year_new_full (2027, &today, "Atelier Mosan SRL", "0123456749",
                                     CHQ_ACCOUNT_KIND_EMPLOYER, 12, workers, NULL, data);
  list = chq_training_year_get_obligations (year);

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < list->len; i++)
    {
      const ChqObligation *o = &g_array_index (list, ChqObligation, i);

      g_assert_cmpint (o->kind, ==, order[i]);
      g_assert_cmpint (g_date_get_day (&o->date), ==, days[i][0]);
      g_assert_cmpint (g_date_get_month (&o->date), ==, days[i][1]);
      g_assert_cmpint (g_date_get_year (&o->date), ==, 2027);
      g_assert_true (o->done == (i == 0));
      g_assert_nonnull (chq_obligation_kind_get_title (o->kind));
    }
  g_assert_cmpstr (chq_obligation_kind_to_string (CHQ_OBLIGATION_PLAN_TO_FPS), ==,
                   "plan-to-fps");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/training-right/tiers", test_tiers);
  g_test_add_func ("/training-right/part-time", test_part_time);
  g_test_add_func ("/training-right/joining-and-leaving", test_joining_and_leaving);
  g_test_add_func ("/training-right/carry-over", test_carry_over);
  g_test_add_func ("/training-right/sector-rule", test_sector_rule);
  g_test_add_func ("/training-right/leap-year", test_leap_year);
  g_test_add_func ("/training-right/late", test_late);
  g_test_add_func ("/training-right/no-right", test_no_right);
  g_test_add_func ("/training-right/checks", test_checks);
  g_test_add_func ("/training-right/year", test_year);
  g_test_add_func ("/training-right/obligations", test_obligations);

  return g_test_run ();
}
