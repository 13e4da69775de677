/* test-workers-logic.c: the Workers page's pure functions, at their edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-workers-logic"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "chq-workers-logic.h"

static GDateTime *
at (const char *iso)
{
  GDateTime *when = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (when);
  return when;
}

static void
test_names (void)
{
  g_autofree char *message = NULL;
  g_autofree char *long_name = g_strnfill (CHQ_WORKERS_MAX_NAME, 'e');
  g_autofree char *too_long = g_strnfill (CHQ_WORKERS_MAX_NAME + 1, 'e');
  /* 200 two-byte characters are 200 characters, not 400. */
  GString *accented = g_string_new (NULL);
  g_autofree char *accented_text = NULL;

  for (guint i = 0; i < CHQ_WORKERS_MAX_NAME; i++)
    g_string_append (accented, "é");
  accented_text = g_string_free (accented, FALSE);

  g_assert_true (chq_workers_check_name ("Élodie", CHQ_WORKER_FIELD_FIRST_NAME, &message));
  g_assert_null (message);
  g_assert_true (chq_workers_check_name ("  A  ", CHQ_WORKER_FIELD_FIRST_NAME, NULL));
  g_assert_true (chq_workers_check_name (long_name, CHQ_WORKER_FIELD_LAST_NAME, NULL));
  g_assert_true (chq_workers_check_name (accented_text, CHQ_WORKER_FIELD_LAST_NAME, NULL));

  g_assert_false (chq_workers_check_name (too_long, CHQ_WORKER_FIELD_LAST_NAME, &message));
  g_assert_nonnull (strstr (message, "200"));
  g_clear_pointer (&message, g_free);

  g_assert_false (chq_workers_check_name ("   ", CHQ_WORKER_FIELD_FIRST_NAME, &message));
  g_assert_nonnull (strstr (message, "first name"));
  g_clear_pointer (&message, g_free);
  g_assert_false (chq_workers_check_name (NULL, CHQ_WORKER_FIELD_LAST_NAME, &message));
  g_assert_nonnull (strstr (message, "last name"));
}

static void
test_niss (void)
{
  g_autofree char *message = NULL;
  g_autofree char *normal = NULL;

  /* Optional. */
  g_assert_true (chq_workers_check_niss (NULL, &message));
  g_assert_null (message);
  g_assert_true (chq_workers_check_niss ("  ", &message));
  g_assert_null (message);
  g_assert_null (chq_workers_normalize_niss (""));

  /* Valid, in any usual writing; born in 2000 or later. */
  g_assert_true (chq_workers_check_niss ("85.07.30-033.28", NULL));
  g_assert_true (chq_workers_check_niss (" 85073003328 ", NULL));
  g_assert_true (chq_workers_check_niss ("04021512339", NULL));
  normal = chq_workers_normalize_niss ("85.07.30-033.28");
  g_assert_cmpstr (normal, ==, "85073003328");

  /* One digit off: the check digits say so, and the field stays optional. */
  g_assert_false (chq_workers_check_niss ("85.07.30-033.29", &message));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "do not match"));
  g_assert_nonnull (strstr (message, "leave it empty"));
  g_clear_pointer (&message, g_free);
  g_assert_null (chq_workers_normalize_niss ("85.07.30-033.29"));

  g_assert_false (chq_workers_check_niss ("8507300332", &message));
  g_assert_nonnull (strstr (message, "11 digits"));
  g_clear_pointer (&message, g_free);
  g_assert_false (chq_workers_check_niss ("85O73003328", &message));
  g_assert_nonnull (strstr (message, "only digits"));
}

static void
test_email (void)
{
  g_autofree char *message = NULL;
  g_autofree char *local = g_strnfill (CHQ_WORKERS_MAX_EMAIL - strlen ("@ex.be"), 'a');
  g_autofree char *longest = g_strconcat (local, "@ex.be", NULL);
  g_autofree char *too_long = g_strconcat (local, "a@ex.be", NULL);
  const char *bad[] = {
    "name", "@example.be", "name@", "name@example", "name@.be", "name@example.",
    "na me@example.be", "a@b@example.be", "name@example.be\t",
  };

  g_assert_true (chq_workers_check_email (NULL, &message));
  g_assert_null (message);
  g_assert_true (chq_workers_check_email ("", NULL));
  g_assert_true (chq_workers_check_email ("sophie.dubois@ateliermosan.be", NULL));
  g_assert_true (chq_workers_check_email ("  x@y.be  ", NULL));
  g_assert_true (chq_workers_check_email (longest, NULL));
  g_assert_false (chq_workers_check_email (too_long, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *why = NULL;

      /* A trailing tab is trimmed like a space: only inner ones are refused. */
      if (g_str_has_suffix (bad[i], "\t"))
        {
          g_assert_true (chq_workers_check_email (bad[i], NULL));
          continue;
        }
      g_assert_false (chq_workers_check_email (bad[i], &why));
      g_assert_nonnull (strstr (why, "name@example.be"));
    }
}

static void
test_form (void)
{
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (chq_workers_check_form ("Sophie", "Dubois", "", "", &message), ==,
                   CHQ_WORKER_FIELD_NONE);
  g_assert_null (message);

  /* The first fault in the form's order wins. */
  g_assert_cmpint (chq_workers_check_form ("", "", "1", "x", &message), ==,
                   CHQ_WORKER_FIELD_FIRST_NAME);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (chq_workers_check_form ("Sophie", "", "1", "x", &message), ==,
                   CHQ_WORKER_FIELD_LAST_NAME);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (chq_workers_check_form ("Sophie", "Dubois", "85073003329", "x", &message),
                   ==, CHQ_WORKER_FIELD_NISS);
  g_assert_nonnull (strstr (message, "do not match"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (chq_workers_check_form ("Sophie", "Dubois", "85073003328", "x", &message),
                   ==, CHQ_WORKER_FIELD_EMAIL);
  g_assert_nonnull (message);

  g_assert_null (chq_workers_normalize_text ("  "));
  g_assert_null (chq_workers_normalize_text (NULL));
  text = chq_workers_normalize_text ("  Sophie ");
  g_assert_cmpstr (text, ==, "Sophie");
}

static void
test_eligibility (void)
{
  for (guint i = 0; i < CHQ_N_WORKER_STATUSES; i++)
    {
      const char *reason = NULL;
      gboolean eligible = chq_rules_worker_status_is_eligible (i, &reason);
      const char *text = chq_workers_eligibility_text (i);

      g_assert_nonnull (text);
      if (eligible)
        g_assert_nonnull (strstr (text, "May be trained"));
      else
        g_assert_cmpstr (text, ==, reason);
    }
  g_assert_nonnull (strstr (chq_workers_eligibility_text (CHQ_WORKER_STATUS_STUDENT),
                            "Students"));

  g_assert_false (chq_workers_account_has_one_worker (CHQ_ACCOUNT_KIND_EMPLOYER));
  g_assert_true (chq_workers_account_has_one_worker (CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN));
  g_assert_true (chq_workers_account_has_one_worker (CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY));
}

static void
test_hours (void)
{
  g_autofree char *seven = chq_workers_format_hours (7);
  g_autofree char *half = chq_workers_format_hours (6.5);
  g_autofree char *zero = chq_workers_format_hours (0);
  g_autofree char *nan_hours = chq_workers_format_hours (NAN);

  g_assert_cmpstr (seven, ==, "7 h");
  g_assert_cmpstr (half, ==, "6.5 h");
  g_assert_cmpstr (zero, ==, "0 h");
  g_assert_cmpstr (nan_hours, ==, "0 h");
}

static void
test_session_days (void)
{
  g_autoptr(GDateTime) start = at ("2026-10-06T09:00:00+02:00");
  g_autoptr(GDateTime) end_same = at ("2026-10-06T17:00:00+02:00");
  g_autoptr(GDateTime) end_three = at ("2026-10-08T17:00:00+02:00");
  g_autoptr(GDateTime) end_half = at ("2026-10-06T12:30:00+02:00");
  g_autoptr(GDateTime) evening = at ("2026-10-06T18:00:00+02:00");
  g_autoptr(GDateTime) evening_end = at ("2026-10-06T21:00:00+02:00");
  g_autoptr(GDateTime) before = at ("2026-10-05T09:00:00+02:00");
  g_autoptr(GDateTime) far = at ("2026-12-31T17:00:00+01:00");
  g_autoptr(GDateTime) utc_end = at ("2026-10-07T15:00:00Z");
  g_autoptr(GArray) one = NULL;
  g_autoptr(GArray) three = NULL;
  g_autoptr(GArray) half = NULL;
  g_autoptr(GArray) lang = NULL;
  g_autoptr(GArray) eve = NULL;
  g_autoptr(GArray) zoned = NULL;

  one = chq_workers_session_days (start, end_same, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpstr (g_array_index (one, ChqSessionDay, 0).date, ==, "2026-10-06");
  g_assert_cmpint (g_array_index (one, ChqSessionDay, 0).kind, ==, CHQ_DAY_FULL);
  g_assert_cmpuint (g_array_index (one, ChqSessionDay, 0).cap, ==, 7);

  three = chq_workers_session_days (start, end_three, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (three->len, ==, 3);
  g_assert_cmpstr (g_array_index (three, ChqSessionDay, 1).date, ==, "2026-10-07");
  g_assert_cmpstr (g_array_index (three, ChqSessionDay, 2).date, ==, "2026-10-08");

  half = chq_workers_session_days (start, end_half, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpint (g_array_index (half, ChqSessionDay, 0).kind, ==, CHQ_DAY_HALF);
  g_assert_cmpuint (g_array_index (half, ChqSessionDay, 0).cap, ==, 4);

  lang = chq_workers_session_days (start, end_three, CHQ_VOUCHER_TYPE_CFL);
  g_assert_cmpint (g_array_index (lang, ChqSessionDay, 0).kind, ==,
                   CHQ_DAY_LANGUAGE_IMMERSION);
  g_assert_cmpuint (g_array_index (lang, ChqSessionDay, 0).cap, ==, 10);

  eve = chq_workers_session_days (evening, evening_end, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpint (g_array_index (eve, ChqSessionDay, 0).kind, ==, CHQ_DAY_EVENING);

  /* The end in another zone is read in the start's zone: 15:00Z is 17:00 in Brussels. */
  zoned = chq_workers_session_days (start, utc_end, CHQ_VOUCHER_TYPE_CF);
  g_assert_cmpuint (zoned->len, ==, 2);
  g_assert_cmpint (g_array_index (zoned, ChqSessionDay, 1).kind, ==, CHQ_DAY_FULL);

  g_assert_null (chq_workers_session_days (start, before, CHQ_VOUCHER_TYPE_CF));
  g_assert_null (chq_workers_session_days (start, far, CHQ_VOUCHER_TYPE_CF));
}

static void
test_can_cancel_and_attend (void)
{
  g_autoptr(GDateTime) starts = at ("2026-12-01T09:00:00+01:00");
  g_autoptr(GDateTime) ends = at ("2026-12-01T17:00:00+01:00");
  g_autoptr(GDateTime) before = at ("2026-12-01T08:59:59+01:00");
  g_autoptr(GDateTime) during = at ("2026-12-01T12:00:00+01:00");
  g_autoptr(GDateTime) after = at ("2026-12-01T17:00:00+01:00");

  g_assert_true (chq_workers_can_cancel (CHQ_ENROLMENT_STATUS_BOOKED, starts, before));
  g_assert_false (chq_workers_can_cancel (CHQ_ENROLMENT_STATUS_BOOKED, starts, starts));
  g_assert_false (chq_workers_can_cancel (CHQ_ENROLMENT_STATUS_BOOKED, starts, during));
  g_assert_false (chq_workers_can_cancel (CHQ_ENROLMENT_STATUS_ATTENDED, starts, before));
  g_assert_false (chq_workers_can_cancel (CHQ_ENROLMENT_STATUS_CANCELLED, starts, before));

  g_assert_false (chq_workers_can_record_attendance (CHQ_ENROLMENT_STATUS_BOOKED, ends, before));
  g_assert_false (chq_workers_can_record_attendance (CHQ_ENROLMENT_STATUS_BOOKED, ends, during));
  g_assert_true (chq_workers_can_record_attendance (CHQ_ENROLMENT_STATUS_BOOKED, ends, after));
  g_assert_false (chq_workers_can_record_attendance (CHQ_ENROLMENT_STATUS_ATTENDED, ends, after));
  g_assert_false (chq_workers_can_record_attendance (CHQ_ENROLMENT_STATUS_CANCELLED, ends, after));
}

static void
test_day_hours (void)
{
  ChqSessionDay full = { "2026-10-06", CHQ_DAY_FULL, 7 };
  ChqSessionDay half = { "2026-10-06", CHQ_DAY_HALF, 4 };
  g_autofree char *message = NULL;

  g_assert_cmpint (chq_workers_check_day_hours (&full, 0, &message), ==, CHQ_DAY_HOURS_OK);
  g_assert_null (message);
  g_assert_cmpint (chq_workers_check_day_hours (&full, 6.5, &message), ==, CHQ_DAY_HOURS_OK);
  g_assert_null (message);

  g_assert_cmpint (chq_workers_check_day_hours (&full, 7, &message), ==, CHQ_DAY_HOURS_AT_CAP);
  g_assert_nonnull (strstr (message, "7 hours is the most"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (chq_workers_check_day_hours (&full, 7.5, &message), ==,
                   CHQ_DAY_HOURS_OVER_CAP);
  g_assert_nonnull (strstr (message, "At most 7 hours"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (chq_workers_check_day_hours (&half, 4, &message), ==, CHQ_DAY_HOURS_AT_CAP);
  g_assert_nonnull (strstr (message, "half day"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (chq_workers_check_day_hours (&half, 4.5, &message), ==,
                   CHQ_DAY_HOURS_OVER_CAP);
  g_assert_nonnull (strstr (message, "half day"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (chq_workers_check_day_hours (&full, -0.5, &message), ==,
                   CHQ_DAY_HOURS_INVALID);
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (chq_workers_check_day_hours (&full, 3.25, &message), ==,
                   CHQ_DAY_HOURS_INVALID);
  g_assert_nonnull (strstr (message, "half hours"));
}

static void
test_attendance (void)
{
  ChqSessionDay days[] = {
    { "2026-10-06", CHQ_DAY_FULL, 7 },
    { "2026-10-07", CHQ_DAY_FULL, 7 },
  };
  double ok[] = { 7, 6.5 };
  double over[] = { 7, 7.5 };
  double none[] = { 0, 0 };
  double one_day[] = { 0, 3 };
  g_autofree char *message = NULL;
  int day = 99;

  g_assert_true (chq_workers_check_attendance (days, ok, 2, 14, &day, &message));
  g_assert_cmpint (day, ==, -1);
  g_assert_null (message);
  g_assert_true (chq_workers_check_attendance (days, one_day, 2, 14, NULL, NULL));

  g_assert_false (chq_workers_check_attendance (days, over, 2, 14, &day, &message));
  g_assert_cmpint (day, ==, 1);
  g_assert_nonnull (strstr (message, "At most 7"));
  g_clear_pointer (&message, g_free);

  g_assert_false (chq_workers_check_attendance (days, none, 2, 14, &day, &message));
  g_assert_cmpint (day, ==, -1);
  g_assert_nonnull (strstr (message, "at least one day"));
  g_clear_pointer (&message, g_free);

  /* 13.5 hours on a 12-hour course. */
  g_assert_false (chq_workers_check_attendance (days, ok, 2, 12, &day, &message));
  g_assert_cmpint (day, ==, -1);
  g_assert_nonnull (strstr (message, "12 hours"));
}

static void
test_booking_state (void)
{
  ChqBookingFacts facts = { 0 };
  g_autofree char *text = NULL;

  facts.has_entry = TRUE;
  facts.entry_kind = CHQ_OUTBOX_KIND_CREATE_ENROLMENT;
  facts.entry_state = CHQ_OUTBOX_STATE_PENDING;
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Waiting to be sent");
  g_clear_pointer (&text, g_free);

  facts.entry_state = CHQ_OUTBOX_STATE_SENDING;
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Waiting to be sent");
  g_clear_pointer (&text, g_free);

  facts.entry_state = CHQ_OUTBOX_STATE_FAILED;
  facts.entry_error = "No seat left on this session.";
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Booking refused: No seat left on this session.");
  g_clear_pointer (&text, g_free);

  facts.entry_error = NULL;
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Booking refused: no reason given");
  g_clear_pointer (&text, g_free);

  /* Sent, the sync has not brought the enrolment yet. */
  facts.entry_state = CHQ_OUTBOX_STATE_SENT;
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Sent, waiting for the next sync");
  g_clear_pointer (&text, g_free);

  facts = (ChqBookingFacts) { .has_enrolment = TRUE, .status = CHQ_ENROLMENT_STATUS_BOOKED };
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Booked");
  g_clear_pointer (&text, g_free);

  facts.has_entry = TRUE;
  facts.entry_kind = CHQ_OUTBOX_KIND_CANCEL_ENROLMENT;
  facts.entry_state = CHQ_OUTBOX_STATE_PENDING;
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Cancellation waiting to be sent");
  g_clear_pointer (&text, g_free);

  facts.entry_kind = CHQ_OUTBOX_KIND_RECORD_ATTENDANCE;
  facts.entry_state = CHQ_OUTBOX_STATE_FAILED;
  facts.entry_error = "This day is outside the session's dates.";
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Attendance refused: This day is outside the session's dates.");
  g_clear_pointer (&text, g_free);

  /* A sent entry is reflected in the status. */
  facts.entry_state = CHQ_OUTBOX_STATE_SENT;
  facts.status = CHQ_ENROLMENT_STATUS_ATTENDED;
  facts.hours_attended = 6.5;
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Attended: 6.5 h");
  g_clear_pointer (&text, g_free);

  facts.status = CHQ_ENROLMENT_STATUS_CANCELLED;
  text = chq_workers_booking_state_text (&facts);
  g_assert_cmpstr (text, ==, "Cancelled");

  g_assert_true (chq_workers_entry_is_waiting (CHQ_OUTBOX_STATE_PENDING));
  g_assert_true (chq_workers_entry_is_waiting (CHQ_OUTBOX_STATE_SENDING));
  g_assert_false (chq_workers_entry_is_waiting (CHQ_OUTBOX_STATE_SENT));
  g_assert_false (chq_workers_entry_is_waiting (CHQ_OUTBOX_STATE_FAILED));
}

static void
test_worker_state (void)
{
  struct {
    ChqOutboxKind  kind;
    ChqOutboxState state;
    const char    *error;
    const char    *expected;
  } cases[] = {
    { CHQ_OUTBOX_KIND_CREATE_WORKER, CHQ_OUTBOX_STATE_PENDING, NULL, "Waiting to be sent" },
    { CHQ_OUTBOX_KIND_CREATE_WORKER, CHQ_OUTBOX_STATE_SENDING, NULL, "Waiting to be sent" },
    { CHQ_OUTBOX_KIND_CREATE_WORKER, CHQ_OUTBOX_STATE_SENT, NULL, NULL },
    { CHQ_OUTBOX_KIND_CREATE_WORKER, CHQ_OUTBOX_STATE_FAILED, "The email address is not valid.",
      "Not added: The email address is not valid." },
    { CHQ_OUTBOX_KIND_UPDATE_WORKER, CHQ_OUTBOX_STATE_PENDING, NULL, "Changes waiting to be sent" },
    { CHQ_OUTBOX_KIND_UPDATE_WORKER, CHQ_OUTBOX_STATE_FAILED, "", "Changes refused: no reason given" },
    { CHQ_OUTBOX_KIND_ARCHIVE_WORKER, CHQ_OUTBOX_STATE_PENDING, NULL, "Archiving waiting to be sent" },
    { CHQ_OUTBOX_KIND_ARCHIVE_WORKER, CHQ_OUTBOX_STATE_FAILED, "Not found.",
      "Archiving refused: Not found." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = chq_workers_worker_state_text (cases[i].kind, cases[i].state,
                                                             cases[i].error);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_session (void)
{
  g_autoptr(GDateTime) starts = at ("2026-10-06T09:00:00+02:00");
  g_autoptr(GDateTime) ends = at ("2026-10-06T17:00:00+02:00");
  g_autoptr(GDateTime) ends_later = at ("2026-10-08T17:00:00+02:00");
  g_autofree char *one = NULL;
  g_autofree char *several = NULL;

  one = chq_workers_format_session (starts, ends);
  g_assert_nonnull (strstr (one, "09:00–17:00"));
  g_clear_pointer (&one, g_free);
  /* At the place's time, whatever the computer's zone. */
  g_setenv ("TZ", "UTC", TRUE);
  g_date_time_unref (g_date_time_new_now_local ());
  one = chq_workers_format_session (starts, ends);
  g_assert_nonnull (strstr (one, "09:00–17:00"));
  g_setenv ("TZ", "Europe/Brussels", TRUE);
  several = chq_workers_format_session (starts, ends_later);
  g_assert_nonnull (strstr (several, " to "));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  /* Europe/Brussels: the sessions' dates and times are shown in local time. */
  g_setenv ("TZ", "Europe/Brussels", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/workers-logic/names", test_names);
  g_test_add_func ("/workers-logic/niss", test_niss);
  g_test_add_func ("/workers-logic/email", test_email);
  g_test_add_func ("/workers-logic/form", test_form);
  g_test_add_func ("/workers-logic/eligibility", test_eligibility);
  g_test_add_func ("/workers-logic/hours", test_hours);
  g_test_add_func ("/workers-logic/session-days", test_session_days);
  g_test_add_func ("/workers-logic/can-cancel-and-attend", test_can_cancel_and_attend);
  g_test_add_func ("/workers-logic/day-hours", test_day_hours);
  g_test_add_func ("/workers-logic/attendance", test_attendance);
  g_test_add_func ("/workers-logic/booking-state", test_booking_state);
  g_test_add_func ("/workers-logic/worker-state", test_worker_state);
  g_test_add_func ("/workers-logic/format-session", test_format_session);

  return g_test_run ();
}
