/* test-catalog-logic.c: the Catalogue page's pure functions (filters, labels, booking check)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-catalog-logic"

#include "config.h"

#include <locale.h>

#include "chq-catalog-logic.h"
#include "chq-voucher-batch.h"

static void
test_variant_round_trip (void)
{
  g_autoptr(ChqCourseQuery) query = chq_course_query_new ();
  g_autoptr(ChqCourseQuery) back = chq_course_query_new ();
  g_autoptr(GVariant) dict = NULL;

  query->ai_only = FALSE;
  chq_course_query_set_theme (query, "ai_legal");
  query->format = CHQ_COURSE_FORMAT_BLENDED;
  chq_course_query_set_language (query, "nl");
  chq_course_query_set_province (query, "namur");
  query->voucher_type = CHQ_VOUCHER_TYPE_CFL;
  query->max_hours = 21;
  query->within_weeks = 6;
  query->sort = CHQ_COURSE_SORT_HOURS;

  dict = g_variant_ref_sink (chq_catalog_query_to_variant (query));
  g_assert_true (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT));

  chq_catalog_query_apply_variant (back, dict);
  g_assert_true (chq_course_query_equal (query, back));
}

static void
test_variant_defaults (void)
{
  g_autoptr(ChqCourseQuery) query = chq_course_query_new ();
  g_autoptr(GVariant) dict = NULL;
  gboolean ai_only = FALSE;

  /* The default query stores only AI only and the sort. */
  dict = g_variant_ref_sink (chq_catalog_query_to_variant (query));
  g_assert_cmpuint (g_variant_n_children (dict), ==, 2);
  g_assert_true (g_variant_lookup (dict, "ai-only", "b", &ai_only));
  g_assert_true (ai_only);
  g_assert_cmpuint (chq_catalog_count_active_filters (query), ==, 1);
}

static void
test_variant_garbage (void)
{
  g_autoptr(ChqCourseQuery) query = chq_course_query_new ();
  g_autoptr(GVariant) dict = NULL;
  GVariantBuilder builder;

  chq_course_query_set_theme (query, "ai_legal");
  query->max_hours = 7;

  /* Wrong types and unknown words count as missing; big numbers are clamped. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "ai-only", g_variant_new_string ("yes"));
  g_variant_builder_add (&builder, "{sv}", "theme", g_variant_new_uint32 (3));
  g_variant_builder_add (&builder, "{sv}", "format", g_variant_new_string ("telepathy"));
  g_variant_builder_add (&builder, "{sv}", "voucher-type", g_variant_new_string (""));
  g_variant_builder_add (&builder, "{sv}", "max-hours", g_variant_new_uint32 (G_MAXUINT32));
  g_variant_builder_add (&builder, "{sv}", "within-weeks", g_variant_new_int32 (4));
  g_variant_builder_add (&builder, "{sv}", "sort", g_variant_new_string ("random"));
  g_variant_builder_add (&builder, "{sv}", "unknown-key", g_variant_new_boolean (TRUE));
  dict = g_variant_ref_sink (g_variant_builder_end (&builder));

  chq_catalog_query_apply_variant (query, dict);
  g_assert_true (query->ai_only);
  g_assert_null (query->theme);
  g_assert_cmpint (query->format, ==, CHQ_COURSE_QUERY_ANY);
  g_assert_cmpint (query->voucher_type, ==, CHQ_COURSE_QUERY_ANY);
  g_assert_cmpuint (query->max_hours, ==, 1000);
  g_assert_cmpuint (query->within_weeks, ==, 0);
  g_assert_cmpint (query->sort, ==, CHQ_COURSE_SORT_RELEVANCE);

  /* NULL and a non-dictionary change nothing. */
  chq_catalog_query_apply_variant (query, NULL);
  g_assert_cmpuint (query->max_hours, ==, 1000);
}

static void
test_filters_clear (void)
{
  g_autoptr(ChqCourseQuery) query = chq_course_query_new ();

  chq_course_query_set_text (query, "juridique");
  chq_course_query_set_theme (query, "ai_legal");
  chq_course_query_set_province (query, "liege");
  query->max_hours = 14;
  query->sort = CHQ_COURSE_SORT_TITLE;
  g_assert_cmpuint (chq_catalog_count_active_filters (query), ==, 4);

  for (guint i = 0; i < CHQ_N_CATALOG_FILTERS; i++)
    {
      g_autofree char *text = chq_catalog_filter_describe (query, i);
      ChqCatalogFilter back;

      g_assert_true ((text != NULL) == chq_catalog_filter_is_active (query, i));
      g_assert_true (chq_catalog_filter_from_string (chq_catalog_filter_to_string (i), &back));
      g_assert_cmpint (back, ==, i);
    }

  chq_catalog_filter_clear (query, CHQ_CATALOG_FILTER_PROVINCE);
  g_assert_null (query->province);
  g_assert_cmpuint (chq_catalog_count_active_filters (query), ==, 3);

  chq_catalog_clear_all_filters (query);
  g_assert_cmpuint (chq_catalog_count_active_filters (query), ==, 0);
  g_assert_false (query->ai_only);
  /* Clear all keeps what was typed and the sort. */
  g_assert_cmpstr (query->text, ==, "juridique");
  g_assert_cmpint (query->sort, ==, CHQ_COURSE_SORT_TITLE);
}

static void
test_describe (void)
{
  g_autoptr(ChqCourseQuery) query = chq_course_query_new ();
  g_autofree char *hours = NULL;
  g_autofree char *weeks = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *language = NULL;

  query->max_hours = 1;
  query->within_weeks = 3;
  chq_course_query_set_theme (query, "ai_legal");
  chq_course_query_set_language (query, "de");

  hours = chq_catalog_filter_describe (query, CHQ_CATALOG_FILTER_MAX_HOURS);
  weeks = chq_catalog_filter_describe (query, CHQ_CATALOG_FILTER_WITHIN_WEEKS);
  theme = chq_catalog_filter_describe (query, CHQ_CATALOG_FILTER_THEME);
  language = chq_catalog_filter_describe (query, CHQ_CATALOG_FILTER_LANGUAGE);
  g_assert_cmpstr (hours, ==, "At most 1 hour");
  g_assert_cmpstr (weeks, ==, "Session within 3 weeks");
  g_assert_true (g_str_has_prefix (theme, "Theme: "));
  g_assert_cmpstr (theme + strlen ("Theme: "), ==, chq_theme_word_get_label ("ai_legal"));
  g_assert_cmpstr (language, ==, "Language: German");

  /* A language this version does not name is shown as its code. */
  g_assert_cmpstr (chq_catalog_language_get_label ("lb"), ==, "lb");
  g_assert_null (chq_catalog_language_get_label (NULL));
}

static void
test_labels (void)
{
  g_autoptr(GDateTime) start = g_date_time_new_local (2026, 12, 3, 9, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new_local (2026, 12, 4, 17, 0, 0);
  g_autoptr(GDateTime) same_day_end = g_date_time_new_local (2026, 12, 3, 17, 0, 0);
  g_autofree char *date = g_date_time_format (start, "%x");
  g_autofree char *end_date = g_date_time_format (end, "%x");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  text = chq_catalog_result_label (0, TRUE);
  g_assert_cmpstr (text, ==, "Searching…");
  g_clear_pointer (&text, g_free);
  text = chq_catalog_result_label (0, FALSE);
  g_assert_cmpstr (text, ==, "No courses");
  g_clear_pointer (&text, g_free);
  /* While a new search runs the old result stays, and so does its count. */
  text = chq_catalog_result_label (1, TRUE);
  g_assert_cmpstr (text, ==, "1 course");
  g_clear_pointer (&text, g_free);
  text = chq_catalog_result_label (20, FALSE);
  g_assert_cmpstr (text, ==, "20 courses");
  g_clear_pointer (&text, g_free);

  text = chq_catalog_format_hours (14, CHQ_VOUCHER_TYPE_CF);
  expected = g_strdup_printf ("14 hours · 14 vouchers (%s)",
                              chq_voucher_type_get_label (CHQ_VOUCHER_TYPE_CF));
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = chq_catalog_format_hours (1, CHQ_VOUCHER_TYPE_ECO);
  g_assert_true (g_str_has_prefix (text, "1 hour · 1 voucher ("));
  g_clear_pointer (&text, g_free);

  text = chq_catalog_format_next_session (NULL, "Namur");
  g_assert_cmpstr (text, ==, "No session planned");
  g_clear_pointer (&text, g_free);
  text = chq_catalog_format_next_session (start, "Namur");
  expected = g_strdup_printf ("Next session %s, Namur", date);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  text = chq_catalog_format_session (start, end, "Liège", 4);
  expected = g_strdup_printf ("%s – %s, Liège, 4 seats left", date, end_date);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = chq_catalog_format_session (start, same_day_end, NULL, 0);
  expected = g_strdup_printf ("%s, Distance learning, full", date);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = chq_catalog_format_session (start, NULL, "Mons", 1);
  expected = g_strdup_printf ("%s, Mons, 1 seat left", date);
  g_assert_cmpstr (text, ==, expected);
}

static ChqVoucherBatch *
make_batch (ChqVoucherType  type,
            const char     *expires_on,
            guint           available)
{
  return g_object_new (CHQ_TYPE_VOUCHER_BATCH,
                       "id", expires_on,
                       "voucher-type", type,
                       "expires-on", expires_on,
                       "quantity", available + 10,
                       "available", available,
                       NULL);
}

static void
test_booking_check (void)
{
  g_autoptr(ChqWallet) wallet = chq_wallet_new ();
  ChqBookingCheck check;

  if (wallet->batches == NULL)
    wallet->batches = g_ptr_array_new_with_free_func (g_object_unref);
  /* Expired: not usable. Another type: not counted. */
  g_ptr_array_add (wallet->batches, make_batch (CHQ_VOUCHER_TYPE_CF, "2026-10-31", 50));
  g_ptr_array_add (wallet->batches, make_batch (CHQ_VOUCHER_TYPE_CFL, "2027-10-31", 50));
  /* Out of order on purpose: reservations take the oldest expiry first. */
  g_ptr_array_add (wallet->batches, make_batch (CHQ_VOUCHER_TYPE_CF, "2027-05-31", 20));
  g_ptr_array_add (wallet->batches, make_batch (CHQ_VOUCHER_TYPE_CF, "2026-12-31", 5));

  /* 7 hours, session in January: 5 expiring Dec 31 are reserved first and expire before. */
  chq_booking_check (wallet, CHQ_VOUCHER_TYPE_CF, 7, "2026-11-28", "2027-01-12", &check);
  g_assert_cmpuint (check.needed, ==, 7);
  g_assert_cmpuint (check.available, ==, 25);
  g_assert_cmpuint (check.available_after, ==, 18);
  g_assert_true (check.enough);
  g_assert_cmpuint (check.expiring_before, ==, 5);
  g_assert_cmpstr (check.first_expiry, ==, "2026-12-31");
  chq_booking_check_clear (&check);
  g_assert_null (check.first_expiry);

  /* The same course in December: nothing expires before it. Expiry on the session day
   * itself still pays for it. */
  chq_booking_check (wallet, CHQ_VOUCHER_TYPE_CF, 7, "2026-11-28", "2026-12-31", &check);
  g_assert_cmpuint (check.expiring_before, ==, 0);
  g_assert_null (check.first_expiry);
  chq_booking_check_clear (&check);

  /* Exactly what is left, then one more than that. */
  chq_booking_check (wallet, CHQ_VOUCHER_TYPE_CF, 25, "2026-11-28", NULL, &check);
  g_assert_true (check.enough);
  g_assert_cmpuint (check.available_after, ==, 0);
  chq_booking_check_clear (&check);
  chq_booking_check (wallet, CHQ_VOUCHER_TYPE_CF, 26, "2026-11-28", NULL, &check);
  g_assert_false (check.enough);
  g_assert_cmpuint (check.available_after, ==, 25);
  chq_booking_check_clear (&check);

  /* A batch expiring today is still usable today. */
  chq_booking_check (wallet, CHQ_VOUCHER_TYPE_CF, 1, "2026-10-31", NULL, &check);
  g_assert_cmpuint (check.available, ==, 75);
  chq_booking_check_clear (&check);

  /* No wallet yet: nothing available. */
  chq_booking_check (NULL, CHQ_VOUCHER_TYPE_ECO, 3, "2026-11-28", "2026-12-01", &check);
  g_assert_cmpuint (check.available, ==, 0);
  g_assert_false (check.enough);
  chq_booking_check_clear (&check);
}

static void
test_booking_state (void)
{
  g_autofree char *waiting = chq_catalog_booking_state_text (CHQ_OUTBOX_STATE_PENDING, NULL, NULL);
  g_autofree char *sending = chq_catalog_booking_state_text (CHQ_OUTBOX_STATE_SENDING, NULL, NULL);
  g_autofree char *booked = chq_catalog_booking_state_text (CHQ_OUTBOX_STATE_SENT, "UC-123", NULL);
  g_autofree char *booked_no_code = chq_catalog_booking_state_text (CHQ_OUTBOX_STATE_SENT, "", NULL);
  g_autofree char *refused = chq_catalog_booking_state_text (CHQ_OUTBOX_STATE_FAILED, NULL,
                                                             "Not enough vouchers.");
  g_autofree char *refused_no_reason = chq_catalog_booking_state_text (CHQ_OUTBOX_STATE_FAILED,
                                                                       NULL, NULL);

  g_assert_cmpstr (waiting, ==, "Waiting to be sent");
  g_assert_cmpstr (sending, ==, "Waiting to be sent");
  g_assert_cmpstr (booked, ==, "Booked, usage code UC-123");
  g_assert_cmpstr (booked_no_code, ==, "Booked");
  g_assert_cmpstr (refused, ==, "Refused: Not enough vouchers.");
  g_assert_cmpstr (refused_no_reason, ==, "Refused by the voucher service");
}

/* The same worker on the same session again is a duplicate, unless the first booking ended. */
static void
test_booking_duplicate (void)
{
  const ChqBookedSeat seats[] = {
    { "wrk-1", "ses-a", "enr-1", FALSE },   /* booked with the service */
    { "wrk-2", "ses-a", "enr-2", TRUE },    /* cancelled */
    { "wrk-3", "ses-a", NULL, FALSE },      /* waiting in the outbox */
    { "wrk-4", "ses-a", NULL, TRUE },       /* refused by the service */
    { "wrk-5", "ses-a", "enr-5", FALSE },   /* sent from the outbox... */
    { "wrk-5", "ses-a", "enr-5", TRUE },    /* ...and cancelled since */
  };

  g_assert_false (chq_catalog_booking_is_duplicate (NULL, 0, "wrk-1", "ses-a"));
  g_assert_true (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), "wrk-1", "ses-a"));
  g_assert_false (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), "wrk-1", "ses-b"));
  g_assert_false (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), "wrk-9", "ses-a"));
  g_assert_false (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), "wrk-2", "ses-a"));
  g_assert_true (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), "wrk-3", "ses-a"));
  g_assert_false (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), "wrk-4", "ses-a"));
  g_assert_false (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), "wrk-5", "ses-a"));
  g_assert_false (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), NULL, "ses-a"));
  g_assert_false (chq_catalog_booking_is_duplicate (seats, G_N_ELEMENTS (seats), "wrk-1", NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/catalog-logic/variant/round-trip", test_variant_round_trip);
  g_test_add_func ("/catalog-logic/variant/defaults", test_variant_defaults);
  g_test_add_func ("/catalog-logic/variant/garbage", test_variant_garbage);
  g_test_add_func ("/catalog-logic/filters/clear", test_filters_clear);
  g_test_add_func ("/catalog-logic/filters/describe", test_describe);
  g_test_add_func ("/catalog-logic/labels", test_labels);
  g_test_add_func ("/catalog-logic/booking/check", test_booking_check);
  g_test_add_func ("/catalog-logic/booking/state", test_booking_state);
  g_test_add_func ("/catalog-logic/booking/duplicate", test_booking_duplicate);

  return g_test_run ();
}
