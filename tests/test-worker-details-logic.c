/* test-worker-details-logic.c: the checks of the training account's details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-worker-details-logic"

#include "config.h"

#include "chq-worker-details-logic.h"

static void
test_dates (void)
{
  const char *good[] = { "30/07/1985", "30.07.1985", "30-07-1985", "1985-07-30",
                         " 30/7/1985 ", "29/02/2028", NULL };
  const char *bad[] = { "31/02/1985", "30/07/85", "1985/07/30", "07-30", "30/13/1985",
                        "29/02/2027", "30/07-1985", "abc", "1/1/1800", NULL };
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;
  GDate date;

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_assert_true (chq_details_parse_date (good[i], &date));
      g_assert_true (chq_details_check_date (good[i], NULL));
    }
  chq_details_parse_date ("1985-07-30", &date);
  text = chq_details_format_date (&date);
  g_assert_cmpstr (text, ==, "30/07/1985");

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_assert_false (chq_details_parse_date (bad[i], &date));
      g_assert_false (g_date_valid (&date));
    }
  g_assert_false (chq_details_check_date ("31/02/1985", &message));
  g_assert_cmpstr (message, ==, "Enter a real date as day/month/year, like 30/07/1985.");
  /* Every detail is optional. */
  g_assert_true (chq_details_check_date ("  ", NULL));
}

static void
test_fractions (void)
{
  struct { const char *text; double value; } good[] = {
    { "1", 1.0 }, { "0,8", 0.8 }, { "0.5", 0.5 }, { "4/5", 0.8 }, { "19/38", 0.5 },
    { "80 %", 0.8 }, { "100%", 1.0 }, { ",75", 0.75 },
  };
  const char *bad[] = { "0", "0,0", "1.2", "6/5", "-0.5", "120 %", "1/0", "half", "0.8h", NULL };
  g_autofree char *message = NULL;
  double value;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (chq_details_parse_fraction (good[i].text, &value));
      g_assert_cmpfloat_with_epsilon (value, good[i].value, 1e-9);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    g_assert_false (chq_details_parse_fraction (bad[i], &value));
  g_assert_true (chq_details_check_fraction ("", NULL));
  g_assert_false (chq_details_check_fraction ("1,5", &message));
  g_assert_nonnull (g_strstr_len (message, -1, "at most 1"));
}

static void
test_joint_committee (void)
{
  g_assert_true (chq_details_check_joint_committee ("200", NULL));
  g_assert_true (chq_details_check_joint_committee (" 124.00 ", NULL));
  g_assert_true (chq_details_check_joint_committee ("", NULL));
  g_assert_false (chq_details_check_joint_committee ("20", NULL));
  g_assert_false (chq_details_check_joint_committee ("124.0", NULL));
  g_assert_false (chq_details_check_joint_committee ("CP 200", NULL));
  g_assert_false (chq_details_check_joint_committee ("2000", NULL));
}

static void
test_form (void)
{
  ChqDetailsForm form = {
    .niss = "85.07.30-033.28",
    .birth_date = "30/07/1985",
    .work_fraction = "4/5",
    .joint_committee = "200",
    .entry_date = "01/06/2026",
    .leaving_date = "",
  };
  g_autofree char *message = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, G_DATE_NOVEMBER, 2026);
  g_assert_cmpint (chq_details_check_form (&form, &today, NULL), ==, CHQ_DETAILS_FIELD_NONE);

  /* The NISS encodes 30 July 1985: another birth date is refused, saying which. */
  form.birth_date = "31/07/1985";
  g_assert_cmpint (chq_details_check_form (&form, &today, &message), ==,
                   CHQ_DETAILS_FIELD_BIRTH_DATE);
  g_assert_nonnull (g_strstr_len (message, -1, "30/07/1985"));
  g_clear_pointer (&message, g_free);

  /* Without a NISS, any past date serves; a future one does not. */
  form.niss = "";
  g_assert_cmpint (chq_details_check_form (&form, &today, NULL), ==, CHQ_DETAILS_FIELD_NONE);
  form.birth_date = "01/01/2027";
  g_assert_cmpint (chq_details_check_form (&form, &today, NULL), ==,
                   CHQ_DETAILS_FIELD_BIRTH_DATE);
  form.birth_date = "30/07/1985";

  /* Leaving before entering. */
  form.leaving_date = "31/05/2026";
  g_assert_cmpint (chq_details_check_form (&form, &today, &message), ==,
                   CHQ_DETAILS_FIELD_LEAVING_DATE);
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  form.leaving_date = "31/03/2027";

  /* A fraction out of (0, 1]. */
  form.work_fraction = "0";
  g_assert_cmpint (chq_details_check_form (&form, &today, NULL), ==,
                   CHQ_DETAILS_FIELD_WORK_FRACTION);
  form.work_fraction = "";
  g_assert_cmpint (chq_details_check_form (&form, &today, NULL), ==, CHQ_DETAILS_FIELD_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/worker-details/dates", test_dates);
  g_test_add_func ("/worker-details/fractions", test_fractions);
  g_test_add_func ("/worker-details/joint-committee", test_joint_committee);
  g_test_add_func ("/worker-details/form", test_form);

  return g_test_run ();
}
