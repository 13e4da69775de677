/* test-deadlines-logic.c: the obligations of a year (from the year model) and when they are
 * notified
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-deadlines-logic"

#include "config.h"

#include "chq-deadlines-logic.h"

static void
set_date (GDate *date,
          int    year,
          int    month,
          int    day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
assert_deadline (GArray            *deadlines,
                 guint              i,
                 ChqObligationKind  kind,
                 int                year,
                 int                month,
                 int                day)
{
  const ChqDeadline *d = &g_array_index (deadlines, ChqDeadline, i);

  g_assert_cmpint (d->kind, ==, kind);
  g_assert_cmpint (g_date_get_year (&d->date), ==, year);
  g_assert_cmpint (g_date_get_month (&d->date), ==, month);
  g_assert_cmpint (g_date_get_day (&d->date), ==, day);
}

/* The obligations of @year for a company of @workforce with one employee (or a
 * self-employed account), from the year model the page shows. */
static GArray *
obligations (int            year,
             double         workforce,
             ChqAccountKind kind)
{
  g_autoptr(ChqRegisterData) data = chq_register_data_new ("0123456749");
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChqTrainingYear) model = NULL;
  GDate at;

  data->settings.workforce = workforce;
  g_ptr_array_add (workers, g_object_new (CHQ_TYPE_WORKER, "id", "wrk-1", "first-name", "Ana",
                                          "last-name", "Lopes",
                                          "status", kind == CHQ_ACCOUNT_KIND_EMPLOYER
                                                    ? CHQ_WORKER_STATUS_EMPLOYEE
                                                    : CHQ_WORKER_STATUS_SELF_EMPLOYED_MAIN,
                                          NULL));
  set_date (&at, year, 1, 10);
  model = chq_training_year_new_full (year, &at, "Atelier", "0123456749", kind, workforce,
                                      workers, NULL,
                                      data);
  return chq_training_year_get_obligations (model);
}

static void
test_tiers (void)
{
  g_autoptr(GArray) big = obligations (2027, 20, CHQ_ACCOUNT_KIND_EMPLOYER);
  g_autoptr(GArray) leap = obligations (2028, 250, CHQ_ACCOUNT_KIND_EMPLOYER);
  g_autoptr(GArray) small = obligations (2027, 19, CHQ_ACCOUNT_KIND_EMPLOYER);
  g_autoptr(GArray) alone = obligations (2027, 0, CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN);

  /* From 20 workers: the plan's four dates, then the statements. The draft goes 15 days
   * before 15 March: 28 February, 29 in a leap year. */
  g_assert_cmpuint (big->len, ==, 5);
  assert_deadline (big, 0, CHQ_OBLIGATION_PLAN_DRAFT, 2027, 2, 28);
  assert_deadline (big, 1, CHQ_OBLIGATION_PLAN_OPINION, 2027, 3, 15);
  assert_deadline (big, 2, CHQ_OBLIGATION_PLAN_SETTLED, 2027, 3, 31);
  assert_deadline (big, 3, CHQ_OBLIGATION_PLAN_TO_FPS, 2027, 4, 30);
  assert_deadline (big, 4, CHQ_OBLIGATION_STATEMENTS, 2027, 12, 31);
  assert_deadline (leap, 0, CHQ_OBLIGATION_PLAN_DRAFT, 2028, 2, 29);

  /* Fewer than 20: no plan, the statements still. A self-employed account: nothing. */
  g_assert_cmpuint (small->len, ==, 1);
  assert_deadline (small, 0, CHQ_OBLIGATION_STATEMENTS, 2027, 12, 31);
  g_assert_cmpuint (alone->len, ==, 0);

  for (guint i = 0; i < big->len; i++)
    {
      ChqObligationKind kind = g_array_index (big, ChqDeadline, i).kind;

      g_assert_cmpstr (chq_obligation_kind_get_title (kind), !=, "");
      g_assert_cmpstr (chq_deadline_get_description (kind), !=, "");
    }
}

static void
test_when (void)
{
  g_autoptr(GArray) deadlines = obligations (2027, 25, CHQ_ACCOUNT_KIND_EMPLOYER);
  const ChqDeadline *opinion = &g_array_index (deadlines, ChqDeadline, 1);
  g_autofree char *id = chq_deadline_dup_id (opinion);
  g_autofree char *in_days = NULL;
  g_autofree char *tomorrow = NULL;
  g_autofree char *on_day = NULL;
  g_autofree char *passed = NULL;
  GDate today;

  g_assert_cmpstr (id, ==, "2027-plan-opinion");

  set_date (&today, 2027, 3, 3);
  g_assert_cmpint (chq_deadline_days_left (opinion, &today), ==, 12);
  in_days = chq_deadline_dup_when_text (opinion, &today);
  g_assert_cmpstr (in_days, ==, "In 12 days");
  set_date (&today, 2027, 3, 14);
  tomorrow = chq_deadline_dup_when_text (opinion, &today);
  g_assert_cmpstr (tomorrow, ==, "Tomorrow");
  set_date (&today, 2027, 3, 15);
  on_day = chq_deadline_dup_when_text (opinion, &today);
  g_assert_cmpstr (on_day, ==, "Today");
  set_date (&today, 2027, 3, 16);
  g_assert_cmpint (chq_deadline_days_left (opinion, &today), ==, -1);
  passed = chq_deadline_dup_when_text (opinion, &today);
  g_assert_cmpstr (passed, ==, "Passed");

  /* One the plan records as done is neither near nor passed. */
  {
    ChqDeadline done = *opinion;
    g_autofree char *text = NULL;
    g_auto(GStrv) due = NULL;
    g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (ChqDeadline));

    done.done = TRUE;
    g_array_append_val (one, done);
    text = chq_deadline_dup_when_text (&done, &today);
    g_assert_cmpstr (text, ==, "Done");
    set_date (&today, 2027, 3, 10);
    due = chq_deadlines_to_notify (one, &today, 14, NULL);
    g_assert_cmpuint (g_strv_length (due), ==, 0);
  }
}

static void
test_notify_once (void)
{
  g_autoptr(GArray) deadlines = obligations (2027, 25, CHQ_ACCOUNT_KIND_EMPLOYER);
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) again = NULL;
  g_auto(GStrv) later = NULL;
  g_auto(GStrv) setting = NULL;
  g_auto(GStrv) merged = NULL;
  const char *old[] = { "2024-statements", "2026-statements", "2027-plan-draft", NULL };
  GDate today;

  /* 20 February: the draft (28 February) is near, the opinion (15 March) not yet. */
  set_date (&today, 2027, 2, 20);
  first = chq_deadlines_to_notify (deadlines, &today, 14, NULL);
  g_assert_cmpuint (g_strv_length (first), ==, 1);
  g_assert_cmpstr (first[0], ==, "2027-plan-draft");

  /* Once notified, never again; a week later the opinion's turn comes. */
  again = chq_deadlines_to_notify (deadlines, &today, 14, (const char * const *) first);
  g_assert_cmpuint (g_strv_length (again), ==, 0);
  set_date (&today, 2027, 3, 1);
  later = chq_deadlines_to_notify (deadlines, &today, 14, (const char * const *) first);
  g_assert_cmpuint (g_strv_length (later), ==, 1);
  g_assert_cmpstr (later[0], ==, "2027-plan-opinion");

  /* Passed deadlines are not notified. */
  set_date (&today, 2027, 6, 1);
  setting = chq_deadlines_to_notify (deadlines, &today, 14, NULL);
  g_assert_cmpuint (g_strv_length (setting), ==, 0);

  /* The setting keeps last year and this year, each id once. */
  merged = chq_deadlines_merge_notified (old, (const char * const *) later, 2027);
  g_assert_cmpuint (g_strv_length (merged), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) merged, "2026-statements"));
  g_assert_true (g_strv_contains ((const char * const *) merged, "2027-plan-draft"));
  g_assert_true (g_strv_contains ((const char * const *) merged, "2027-plan-opinion"));
  g_assert_false (g_strv_contains ((const char * const *) merged, "2024-statements"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/deadlines/tiers", test_tiers);
  g_test_add_func ("/deadlines/when", test_when);
  g_test_add_func ("/deadlines/notify-once", test_notify_once);

  return g_test_run ();
}
