/* test-rules.c: the rules of the voucher scheme, at their edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-rules"

#include "config.h"

#include <math.h>
#include <string.h>

#include "chq-rules.h"

static void
test_order_split (void)
{
  ChqOrderSplit split;

  chq_rules_order_split (0, &split);
  g_assert_cmpuint (split.quantity, ==, 0);
  g_assert_cmpint (split.value_cents, ==, 0);
  g_assert_cmpint (split.company_cents, ==, 0);
  g_assert_cmpint (split.region_cents, ==, 0);
  g_assert_cmpuint (split.training_hours, ==, 0);

  chq_rules_order_split (7, &split);
  g_assert_cmpuint (split.quantity, ==, 7);
  g_assert_cmpint (split.value_cents, ==, 21000);
  g_assert_cmpint (split.company_cents, ==, 10500);
  g_assert_cmpint (split.region_cents, ==, 10500);
  g_assert_cmpuint (split.training_hours, ==, 7);

  /* No overflow of 32 bits for big numbers. */
  chq_rules_order_split (G_MAXUINT, &split);
  g_assert_cmpint (split.value_cents, ==, (gint64) G_MAXUINT * 3000);
  g_assert_cmpint (split.company_cents + split.region_cents, ==, split.value_cents);
}

static void
test_may_order (void)
{
  static const struct {
    ChqAccountKind kind;
    double fte;
    gboolean may;
    int error_code;
  } cases[] = {
    { CHQ_ACCOUNT_KIND_EMPLOYER, 0.0, TRUE, -1 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 12.0, TRUE, -1 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 250.0, TRUE, -1 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 250.1, FALSE, CHQ_RULES_ERROR_NOT_AN_SME },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 250.5, FALSE, CHQ_RULES_ERROR_NOT_AN_SME },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 5000.0, FALSE, CHQ_RULES_ERROR_NOT_AN_SME },
    { CHQ_ACCOUNT_KIND_EMPLOYER, -1.0, FALSE, CHQ_RULES_ERROR_INVALID_FTE },
    { CHQ_ACCOUNT_KIND_EMPLOYER, NAN, FALSE, CHQ_RULES_ERROR_INVALID_FTE },
    { CHQ_ACCOUNT_KIND_EMPLOYER, INFINITY, FALSE, CHQ_RULES_ERROR_INVALID_FTE },
    { CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN, 0.0, TRUE, -1 },
    { CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN, 300.0, TRUE, -1 },
    { CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY, 0.0, TRUE, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean may = chq_rules_account_may_order (cases[i].kind, cases[i].fte, &error);

      g_assert_cmpint (may, ==, cases[i].may);
      if (cases[i].may)
        g_assert_no_error (error);
      else
        {
          g_assert_error (error, CHQ_RULES_ERROR, cases[i].error_code);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

static void
test_ceiling (void)
{
  static const struct {
    ChqAccountKind kind;
    double fte;
    guint cf, cfl, eco;
  } cases[] = {
    { CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY, 0.0, 80, 20, 200 },
    { CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY, 100.0, 80, 20, 200 },
    { CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN, 0.0, 100, 25, 200 },
    { CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN, 40.0, 100, 25, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 0.0, 100, 25, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 1.0, 100, 25, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 1.9, 100, 25, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 1.99, 100, 25, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 2.0, 400, 100, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 12.0, 400, 100, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 50.0, 400, 100, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 50.5, 600, 150, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 51.0, 600, 150, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 100.0, 600, 150, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 100.5, 700, 175, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 101.0, 700, 175, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 200.0, 700, 175, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 200.1, 800, 200, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 201.0, 800, 200, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 250.0, 800, 200, 200 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 250.1, 0, 0, 0 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, 250.5, 0, 0, 0 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, -0.5, 0, 0, 0 },
    { CHQ_ACCOUNT_KIND_EMPLOYER, NAN, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("kind %d, %.2f FTE", cases[i].kind, cases[i].fte);
      g_assert_cmpuint (chq_rules_ceiling (cases[i].kind, cases[i].fte, CHQ_VOUCHER_TYPE_CF),
                        ==, cases[i].cf);
      g_assert_cmpuint (chq_rules_ceiling (cases[i].kind, cases[i].fte, CHQ_VOUCHER_TYPE_CFL),
                        ==, cases[i].cfl);
      g_assert_cmpuint (chq_rules_ceiling (cases[i].kind, cases[i].fte, CHQ_VOUCHER_TYPE_ECO),
                        ==, cases[i].eco);
    }
}

static void
test_ceiling_left (void)
{
  g_assert_cmpuint (chq_rules_ceiling_left (400, 0), ==, 400);
  g_assert_cmpuint (chq_rules_ceiling_left (400, 399), ==, 1);
  g_assert_cmpuint (chq_rules_ceiling_left (400, 400), ==, 0);
  g_assert_cmpuint (chq_rules_ceiling_left (400, 401), ==, 0);
  g_assert_cmpuint (chq_rules_ceiling_left (0, 0), ==, 0);
  g_assert_cmpuint (chq_rules_ceiling_left (0, G_MAXUINT), ==, 0);
}

static void
assert_expiry (guint       day,
               GDateMonth  month,
               guint       year,
               guint       expected_day,
               GDateMonth  expected_month,
               guint       expected_year)
{
  g_autoptr(GDate) credited = g_date_new_dmy (day, month, year);
  g_autoptr(GDate) expected = g_date_new_dmy (expected_day, expected_month, expected_year);
  GDate expires;

  chq_rules_batch_expiry (credited, &expires);
  g_assert_true (g_date_valid (&expires));
  g_assert_cmpint (g_date_compare (&expires, expected), ==, 0);
}

static void
test_batch_expiry (void)
{
  /* DOMAIN.md: credited in September 2026, valid until the last day of August 2027. */
  assert_expiry (14, G_DATE_SEPTEMBER, 2026, 31, G_DATE_AUGUST, 2027);
  assert_expiry (1, G_DATE_SEPTEMBER, 2026, 31, G_DATE_AUGUST, 2027);
  assert_expiry (30, G_DATE_SEPTEMBER, 2026, 31, G_DATE_AUGUST, 2027);
  /* January: December 31 of the same year. */
  assert_expiry (5, G_DATE_JANUARY, 2026, 31, G_DATE_DECEMBER, 2026);
  assert_expiry (31, G_DATE_JANUARY, 2026, 31, G_DATE_DECEMBER, 2026);
  /* December: November 30 of the next year. */
  assert_expiry (1, G_DATE_DECEMBER, 2026, 30, G_DATE_NOVEMBER, 2027);
  assert_expiry (31, G_DATE_DECEMBER, 2026, 30, G_DATE_NOVEMBER, 2027);
  /* March: the end of February, 29 in a leap year. */
  assert_expiry (15, G_DATE_MARCH, 2027, 29, G_DATE_FEBRUARY, 2028);
  assert_expiry (15, G_DATE_MARCH, 2026, 28, G_DATE_FEBRUARY, 2027);
  assert_expiry (15, G_DATE_MARCH, 2099, 28, G_DATE_FEBRUARY, 2100);   /* 2100 is no leap year */
  assert_expiry (15, G_DATE_MARCH, 1999, 29, G_DATE_FEBRUARY, 2000);   /* 2000 is */
  /* Credited on February 29. */
  assert_expiry (29, G_DATE_FEBRUARY, 2028, 31, G_DATE_JANUARY, 2029);
}

static void
test_batch_usable_on (void)
{
  g_autoptr(GDate) expires = g_date_new_dmy (31, G_DATE_AUGUST, 2027);
  g_autoptr(GDate) before = g_date_new_dmy (30, G_DATE_AUGUST, 2027);
  g_autoptr(GDate) after = g_date_new_dmy (1, G_DATE_SEPTEMBER, 2027);
  g_autoptr(GDate) long_before = g_date_new_dmy (1, G_DATE_JANUARY, 2020);

  g_assert_true (chq_rules_batch_usable_on (expires, before));
  g_assert_true (chq_rules_batch_usable_on (expires, expires));
  g_assert_true (chq_rules_batch_usable_on (expires, long_before));
  g_assert_false (chq_rules_batch_usable_on (expires, after));
}

static void
test_daily_caps (void)
{
  static const struct {
    ChqDayKind kind;
    guint cap;
  } caps[] = {
    { CHQ_DAY_FULL, 7 },
    { CHQ_DAY_HALF, 4 },
    { CHQ_DAY_EVENING, 4 },
    { CHQ_DAY_LANGUAGE_IMMERSION, 10 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (caps); i++)
    {
      guint cap = caps[i].cap;
      g_autoptr(GError) over = NULL;
      g_autoptr(GError) negative = NULL;
      g_autoptr(GError) nan_error = NULL;

      g_assert_cmpuint (chq_rules_daily_hour_cap (caps[i].kind), ==, cap);

      g_assert_true (chq_rules_check_day_hours (caps[i].kind, 0.0, NULL));
      g_assert_true (chq_rules_check_day_hours (caps[i].kind, cap - 0.5, NULL));
      g_assert_true (chq_rules_check_day_hours (caps[i].kind, cap, NULL));

      g_assert_false (chq_rules_check_day_hours (caps[i].kind, cap + 0.25, &over));
      g_assert_error (over, CHQ_RULES_ERROR, CHQ_RULES_ERROR_OVER_DAILY_CAP);
      g_assert_nonnull (strstr (over->message, cap == 10 ? "10" : cap == 7 ? "7" : "4"));

      g_assert_false (chq_rules_check_day_hours (caps[i].kind, -0.5, &negative));
      g_assert_error (negative, CHQ_RULES_ERROR, CHQ_RULES_ERROR_NEGATIVE_HOURS);

      g_assert_false (chq_rules_check_day_hours (caps[i].kind, NAN, &nan_error));
      g_assert_error (nan_error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_NEGATIVE_HOURS);
    }
}

static void
assert_day_kind (int            start_hour,
                 int            start_minute,
                 int            end_hour,
                 int            end_minute,
                 ChqVoucherType type,
                 ChqDayKind     expected)
{
  g_autoptr(GTimeZone) brussels = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) starts = g_date_time_new (brussels, 2026, 10, 6,
                                                 start_hour, start_minute, 0);
  g_autoptr(GDateTime) ends = g_date_time_new (brussels, 2026, 10, 6,
                                               end_hour, end_minute, 0);

  g_assert_cmpint (chq_rules_day_kind (starts, ends, type), ==, expected);
}

static void
test_day_kind (void)
{
  assert_day_kind (9, 0, 17, 0, CHQ_VOUCHER_TYPE_CF, CHQ_DAY_FULL);
  assert_day_kind (9, 0, 13, 0, CHQ_VOUCHER_TYPE_CF, CHQ_DAY_HALF);          /* exactly 4 h */
  assert_day_kind (9, 0, 13, 1, CHQ_VOUCHER_TYPE_CF, CHQ_DAY_FULL);          /* just over */
  assert_day_kind (13, 30, 16, 30, CHQ_VOUCHER_TYPE_ECO, CHQ_DAY_HALF);
  assert_day_kind (17, 0, 21, 0, CHQ_VOUCHER_TYPE_CF, CHQ_DAY_EVENING);      /* at 17:00 */
  assert_day_kind (18, 0, 22, 30, CHQ_VOUCHER_TYPE_CF, CHQ_DAY_EVENING);
  assert_day_kind (16, 59, 20, 0, CHQ_VOUCHER_TYPE_CF, CHQ_DAY_HALF);
  assert_day_kind (8, 0, 19, 0, CHQ_VOUCHER_TYPE_CFL, CHQ_DAY_LANGUAGE_IMMERSION);
  assert_day_kind (9, 0, 12, 0, CHQ_VOUCHER_TYPE_CFL, CHQ_DAY_HALF);
  assert_day_kind (18, 0, 21, 0, CHQ_VOUCHER_TYPE_CFL, CHQ_DAY_EVENING);
}

static void
test_day_kind_time_zone (void)
{
  /* 17:30 in Brussels (UTC+2 in summer) is 15:30 UTC: the session's own time counts. */
  g_autoptr(GTimeZone) summer = g_time_zone_new_offset (7200);
  g_autoptr(GDateTime) starts = g_date_time_new (summer, 2026, 6, 2, 17, 30, 0);
  g_autoptr(GDateTime) ends = g_date_time_new (summer, 2026, 6, 2, 20, 30, 0);

  g_assert_cmpint (chq_rules_day_kind (starts, ends, CHQ_VOUCHER_TYPE_CF), ==, CHQ_DAY_EVENING);
}

static void
test_worker_eligibility (void)
{
  static const struct {
    ChqWorkerStatus status;
    gboolean eligible;
  } cases[] = {
    { CHQ_WORKER_STATUS_EMPLOYEE, TRUE },
    { CHQ_WORKER_STATUS_TEMP, TRUE },
    { CHQ_WORKER_STATUS_SELF_EMPLOYED_MAIN, TRUE },
    { CHQ_WORKER_STATUS_SELF_EMPLOYED_SECONDARY, TRUE },
    { CHQ_WORKER_STATUS_HELPING_SPOUSE, TRUE },
    { CHQ_WORKER_STATUS_STUDENT, FALSE },
    { CHQ_WORKER_STATUS_APPRENTICE, FALSE },
    { CHQ_WORKER_STATUS_INTERN, FALSE },
    { CHQ_WORKER_STATUS_PFI_TRAINEE, FALSE },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) == CHQ_N_WORKER_STATUSES);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *reason = "unset";

      g_assert_cmpint (chq_rules_worker_status_is_eligible (cases[i].status, &reason),
                       ==, cases[i].eligible);
      if (cases[i].eligible)
        g_assert_null (reason);
      else
        {
          g_assert_nonnull (reason);
          g_assert_cmpstr (reason, !=, "");
        }
      /* out_reason is optional. */
      g_assert_cmpint (chq_rules_worker_status_is_eligible (cases[i].status, NULL),
                       ==, cases[i].eligible);
    }
}

static void
test_course_cost (void)
{
  ChqCourseCost cost;

  /* DOMAIN.md: a 7-hour module costs 7 vouchers, EUR 210 of value, EUR 105 for the company. */
  chq_rules_course_cost (7, 21000, &cost);
  g_assert_cmpuint (cost.hours, ==, 7);
  g_assert_cmpuint (cost.vouchers, ==, 7);
  g_assert_cmpint (cost.price_cents, ==, 21000);
  g_assert_cmpint (cost.voucher_value_cents, ==, 21000);
  g_assert_cmpint (cost.company_voucher_cents, ==, 10500);
  g_assert_cmpint (cost.region_cents, ==, 10500);
  g_assert_cmpint (cost.top_up_cents, ==, 0);
  g_assert_cmpint (cost.refund_cents, ==, 0);
  g_assert_cmpint (cost.company_total_cents, ==, 10500);

  /* Above EUR 30 an hour: the company tops up. */
  chq_rules_course_cost (7, 28000, &cost);
  g_assert_cmpint (cost.top_up_cents, ==, 7000);
  g_assert_cmpint (cost.refund_cents, ==, 0);
  g_assert_cmpint (cost.company_total_cents, ==, 17500);

  /* One cent above. */
  chq_rules_course_cost (7, 21001, &cost);
  g_assert_cmpint (cost.top_up_cents, ==, 1);
  g_assert_cmpint (cost.company_total_cents, ==, 10501);

  /* Below: the difference is refunded. */
  chq_rules_course_cost (14, 35000, &cost);
  g_assert_cmpint (cost.voucher_value_cents, ==, 42000);
  g_assert_cmpint (cost.top_up_cents, ==, 0);
  g_assert_cmpint (cost.refund_cents, ==, 7000);
  g_assert_cmpint (cost.company_total_cents, ==, 21000 - 7000);

  /* A free course: everything refunded. */
  chq_rules_course_cost (3, 0, &cost);
  g_assert_cmpint (cost.refund_cents, ==, 9000);
  g_assert_cmpint (cost.company_total_cents, ==, 4500 - 9000);

  chq_rules_course_cost (0, 0, &cost);
  g_assert_cmpuint (cost.vouchers, ==, 0);
  g_assert_cmpint (cost.company_total_cents, ==, 0);
}

static void
test_training_right (void)
{
  g_assert_cmpfloat_with_epsilon (chq_rules_training_right_hours (5.0, 7.6, 1.0), 38.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chq_rules_training_right_hours (5.0, 7.6, 0.5), 19.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chq_rules_training_right_hours (2.0, 8.0, 0.8), 12.8, 1e-9);
  g_assert_cmpfloat (chq_rules_training_right_hours (0.0, 8.0, 1.0), ==, 0.0);
  g_assert_cmpfloat (chq_rules_training_right_hours (5.0, 8.0, 0.0), ==, 0.0);
  g_assert_cmpfloat (chq_rules_training_right_hours (-1.0, 8.0, 1.0), ==, 0.0);
  g_assert_cmpfloat (chq_rules_training_right_hours (5.0, NAN, 1.0), ==, 0.0);
  g_assert_cmpfloat (chq_rules_training_right_hours (5.0, 8.0, -0.5), ==, 0.0);
}

/* Attendance is for days that have come: today and before, not tomorrow. */
static void
test_attendance_day_has_come (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) day = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  g_autoptr(GError) error = NULL;

  g_assert_true (chq_rules_attendance_day_has_come (day, today, &error));
  g_assert_no_error (error);
  g_date_subtract_years (day, 1);
  g_assert_true (chq_rules_attendance_day_has_come (day, today, &error));
  g_assert_no_error (error);

  g_date_set_dmy (day, 29, G_DATE_NOVEMBER, 2026);
  g_assert_false (chq_rules_attendance_day_has_come (day, today, &error));
  g_assert_error (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_FUTURE_DAY);
  g_assert_cmpuint (strlen (error->message), >, 20);
  g_clear_error (&error);

  /* Across a year, and a leap day. */
  g_date_set_dmy (today, 31, G_DATE_DECEMBER, 2027);
  g_date_set_dmy (day, 1, G_DATE_JANUARY, 2028);
  g_assert_false (chq_rules_attendance_day_has_come (day, today, NULL));
  g_date_set_dmy (today, 29, G_DATE_FEBRUARY, 2028);
  g_date_set_dmy (day, 29, G_DATE_FEBRUARY, 2028);
  g_assert_true (chq_rules_attendance_day_has_come (day, today, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rules/order-split", test_order_split);
  g_test_add_func ("/rules/may-order", test_may_order);
  g_test_add_func ("/rules/ceiling", test_ceiling);
  g_test_add_func ("/rules/ceiling-left", test_ceiling_left);
  g_test_add_func ("/rules/batch-expiry", test_batch_expiry);
  g_test_add_func ("/rules/batch-usable-on", test_batch_usable_on);
  g_test_add_func ("/rules/daily-caps", test_daily_caps);
  g_test_add_func ("/rules/day-kind", test_day_kind);
  g_test_add_func ("/rules/day-kind/time-zone", test_day_kind_time_zone);
  g_test_add_func ("/rules/worker-eligibility", test_worker_eligibility);
  g_test_add_func ("/rules/course-cost", test_course_cost);
  g_test_add_func ("/rules/training-right", test_training_right);
  g_test_add_func ("/rules/attendance-day-has-come", test_attendance_day_has_come);

  return g_test_run ();
}
