/* test-vouchers-logic.c: the Vouchers page's pure functions, at their edges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-vouchers-logic"

#include "config.h"

#include <locale.h>

#include "chq-json.h"
#include "chq-vouchers-logic.h"

static ChqVoucherBatch *
make_batch (const char *id,
            const char *type,
            const char *expires_on,
            guint       available,
            guint       reserved,
            guint       used)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  ChqVoucherBatch *batch;

  text = g_strdup_printf ("{\"id\": \"%s\", \"order_id\": \"ord-%s\", \"voucher_type\": \"%s\", "
                          "\"credited_on\": \"2025-12-01\", \"expires_on\": \"%s\", "
                          "\"quantity\": %u, \"available\": %u, \"reserved\": %u, \"used\": %u}",
                          id, id, type, expires_on, available + reserved + used,
                          available, reserved, used);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  batch = chq_voucher_batch_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);

  return batch;
}

static ChqOrder *
make_order (const char *id,
            const char *status)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  ChqOrder *order;
  gboolean credited = g_str_equal (status, "credited");
  gboolean cancelled = g_str_equal (status, "cancelled");

  text = g_strdup_printf ("{\"id\": \"%s\", \"voucher_type\": \"cf\", \"quantity\": 10, "
                          "\"amount_cents\": 15000, \"status\": \"%s\", "
                          "\"created_at\": \"2026-11-02T10:00:00+01:00\", "
                          "\"paid_at\": %s, \"cancelled_at\": %s, "
                          "\"payment\": {\"iban\": \"BE51210000098062\", "
                          "\"beneficiary\": \"Pluxee Belgium\", "
                          "\"communication\": \"+++100/0012/34560+++\", \"amount_cents\": 15000}}",
                          id, status,
                          credited ? "\"2026-11-10T10:00:00+01:00\"" : "null",
                          cancelled ? "\"2026-11-10T10:00:00+01:00\"" : "null");
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  order = chq_order_from_json (node, &error);
  g_assert_no_error (error);

  return order;
}

static void
set_date (GDate      *date,
          const char *iso)
{
  g_assert_true (chq_vouchers_parse_date (iso, date));
}

static void
test_parse_date (void)
{
  GDate date;
  g_autofree char *shown = NULL;
  g_autofree char *garbage = NULL;
  g_autofree char *empty = NULL;

  g_assert_true (chq_vouchers_parse_date ("2026-02-28", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 28);
  g_assert_cmpuint (g_date_get_month (&date), ==, 2);
  g_assert_cmpuint (g_date_get_year (&date), ==, 2026);
  g_assert_true (chq_vouchers_parse_date ("2028-02-29", &date));

  g_assert_false (chq_vouchers_parse_date ("2026-02-29", &date));
  g_assert_false (g_date_valid (&date));
  g_assert_false (chq_vouchers_parse_date ("2026-13-01", &date));
  g_assert_false (chq_vouchers_parse_date ("2026-1-01", &date));
  g_assert_false (chq_vouchers_parse_date ("2026-01-01T", &date));
  g_assert_false (chq_vouchers_parse_date ("2026/01/01", &date));
  g_assert_false (chq_vouchers_parse_date ("+026-01-01", &date));
  g_assert_false (chq_vouchers_parse_date ("", &date));
  g_assert_false (chq_vouchers_parse_date (NULL, &date));

  /* The C locale's %x is MM/DD/YY. */
  shown = chq_vouchers_format_date ("2027-08-31");
  g_assert_cmpstr (shown, ==, "08/31/27");
  garbage = chq_vouchers_format_date ("soon");
  g_assert_cmpstr (garbage, ==, "soon");
  empty = chq_vouchers_format_date (NULL);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_order_max (void)
{
  g_assert_cmpuint (chq_vouchers_order_max (400, 0, 0), ==, 400);
  g_assert_cmpuint (chq_vouchers_order_max (400, 250, 0), ==, 150);
  g_assert_cmpuint (chq_vouchers_order_max (400, 250, 20), ==, 130);
  g_assert_cmpuint (chq_vouchers_order_max (400, 250, 150), ==, 0);
  g_assert_cmpuint (chq_vouchers_order_max (400, 250, 151), ==, 0);
  g_assert_cmpuint (chq_vouchers_order_max (400, 399, 0), ==, 1);
  g_assert_cmpuint (chq_vouchers_order_max (400, 400, 0), ==, 0);
  /* A ceiling lowered after ordering (fewer FTE declared) leaves nothing, not a wrap. */
  g_assert_cmpuint (chq_vouchers_order_max (100, 400, 0), ==, 0);
  g_assert_cmpuint (chq_vouchers_order_max (0, 0, 0), ==, 0);
}

static void
test_check_quantity (void)
{
  char *message = NULL;

  /* Within the bound: no message. */
  g_assert_true (chq_vouchers_check_quantity (400, 250, 0, 1, &message));
  g_assert_null (message);
  g_assert_true (chq_vouchers_check_quantity (400, 250, 0, 149, &message));
  g_assert_null (message);

  /* At the bound: allowed, and says it is all. */
  g_assert_true (chq_vouchers_check_quantity (400, 250, 0, 150, &message));
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "150"));
  g_clear_pointer (&message, g_free);

  /* Past it: refused, says how many at most. */
  g_assert_false (chq_vouchers_check_quantity (400, 250, 0, 151, &message));
  g_assert_nonnull (strstr (message, "150"));
  g_clear_pointer (&message, g_free);

  /* Waiting orders count. */
  g_assert_false (chq_vouchers_check_quantity (400, 250, 100, 51, &message));
  g_assert_nonnull (strstr (message, "50"));
  g_clear_pointer (&message, g_free);

  g_assert_false (chq_vouchers_check_quantity (400, 250, 150, 1, &message));
  g_assert_nonnull (strstr (message, "waiting"));
  g_clear_pointer (&message, g_free);

  g_assert_false (chq_vouchers_check_quantity (400, 400, 0, 1, &message));
  g_assert_nonnull (strstr (message, "January"));
  g_assert_null (strstr (message, "waiting"));
  g_clear_pointer (&message, g_free);

  g_assert_false (chq_vouchers_check_quantity (400, 0, 0, 0, &message));
  g_assert_nonnull (strstr (message, "at least one"));
  g_clear_pointer (&message, g_free);

  g_assert_false (chq_vouchers_check_quantity (0, 0, 0, 1, &message));
  g_assert_nonnull (strstr (message, "another type"));
  g_clear_pointer (&message, g_free);

  /* The message is optional. */
  g_assert_false (chq_vouchers_check_quantity (400, 0, 0, 401, NULL));
  g_assert_true (chq_vouchers_check_quantity (400, 0, 0, 400, NULL));
}

static void
test_ceiling (void)
{
  g_autofree char *text = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *none = NULL;

  g_assert_cmpfloat (chq_vouchers_ceiling_fraction (400, 0), ==, 0.0);
  g_assert_cmpfloat (chq_vouchers_ceiling_fraction (400, 100), ==, 0.25);
  g_assert_cmpfloat (chq_vouchers_ceiling_fraction (400, 400), ==, 1.0);
  g_assert_cmpfloat (chq_vouchers_ceiling_fraction (400, 500), ==, 1.0);
  g_assert_cmpfloat (chq_vouchers_ceiling_fraction (0, 0), ==, 1.0);

  text = chq_vouchers_ceiling_text (400, 150, 0);
  g_assert_cmpstr (text, ==, "150 of 400 ordered this year, 250 left");
  waiting = chq_vouchers_ceiling_text (400, 150, 20);
  g_assert_cmpstr (waiting, ==, "150 of 400 ordered this year, 20 waiting to be sent, 230 left");
  none = chq_vouchers_ceiling_text (0, 0, 0);
  g_assert_cmpstr (none, ==, "Not available to this account");
}

static void
test_expiring (void)
{
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *earliest = NULL;
  g_autofree char *earliest_cfl = NULL;
  g_autofree char *earliest_none = NULL;
  GDate today, day;

  set_date (&today, "2026-11-28");

  /* Within: today itself and the last day of the period; not the day after, not yesterday. */
  set_date (&day, "2026-11-28");
  g_assert_true (chq_vouchers_date_is_within (&day, &today, 60));
  set_date (&day, "2027-01-27");
  g_assert_true (chq_vouchers_date_is_within (&day, &today, 60));
  set_date (&day, "2027-01-28");
  g_assert_false (chq_vouchers_date_is_within (&day, &today, 60));
  set_date (&day, "2026-11-27");
  g_assert_false (chq_vouchers_date_is_within (&day, &today, 60));

  g_ptr_array_add (batches, make_batch ("b1", "cf", "2026-11-30", 58, 0, 142));  /* expiring */
  g_ptr_array_add (batches, make_batch ("b2", "cf", "2027-05-31", 79, 14, 7));   /* later */
  g_ptr_array_add (batches, make_batch ("b3", "cf", "2026-10-31", 10, 0, 0));    /* expired */
  g_ptr_array_add (batches, make_batch ("b4", "cfl", "2027-01-27", 5, 0, 0));    /* last day */
  g_ptr_array_add (batches, make_batch ("b5", "cf", "2026-12-31", 0, 0, 20));    /* used up */
  g_ptr_array_add (batches, make_batch ("b6", "cf", "2026-12-15", 0, 3, 0));     /* reserved */

  g_assert_true (chq_vouchers_batch_is_expiring (g_ptr_array_index (batches, 0), &today, 60));
  g_assert_false (chq_vouchers_batch_is_expiring (g_ptr_array_index (batches, 1), &today, 60));
  g_assert_true (chq_vouchers_batch_is_expiring (g_ptr_array_index (batches, 1), &today, 184));
  g_assert_false (chq_vouchers_batch_is_expiring (g_ptr_array_index (batches, 2), &today, 60));
  g_assert_true (chq_vouchers_batch_is_expired (g_ptr_array_index (batches, 2), &today));
  g_assert_false (chq_vouchers_batch_is_expired (g_ptr_array_index (batches, 0), &today));
  g_assert_true (chq_vouchers_batch_is_expiring (g_ptr_array_index (batches, 3), &today, 60));
  g_assert_false (chq_vouchers_batch_is_expiring (g_ptr_array_index (batches, 3), &today, 59));
  g_assert_false (chq_vouchers_batch_is_expiring (g_ptr_array_index (batches, 4), &today, 60));
  g_assert_true (chq_vouchers_batch_is_expiring (g_ptr_array_index (batches, 5), &today, 60));

  g_assert_cmpuint (chq_vouchers_count_expiring (batches, CHQ_VOUCHER_TYPE_CF, &today, 60,
                                                 &earliest), ==, 58);
  g_assert_cmpstr (earliest, ==, "2026-11-30");
  g_assert_cmpuint (chq_vouchers_count_expiring (batches, CHQ_VOUCHER_TYPE_CFL, &today, 60,
                                                 &earliest_cfl), ==, 5);
  g_assert_cmpstr (earliest_cfl, ==, "2027-01-27");
  g_assert_cmpuint (chq_vouchers_count_expiring (batches, -1, &today, 60, NULL), ==, 63);
  g_assert_cmpuint (chq_vouchers_count_expiring (batches, CHQ_VOUCHER_TYPE_ECO, &today, 60,
                                                 &earliest_none), ==, 0);
  g_assert_null (earliest_none);
  g_assert_cmpuint (chq_vouchers_count_expiring (NULL, -1, &today, 60, NULL), ==, 0);
}

static void
test_notify (void)
{
  g_autoptr(GPtrArray) batches = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  g_auto(GStrv) kept = NULL;
  g_auto(GStrv) later = NULL;
  const char * const stale[] = { "gone", "b4", NULL };
  GDate today;

  set_date (&today, "2026-11-28");
  g_ptr_array_add (batches, make_batch ("b4", "cfl", "2027-01-27", 5, 0, 0));
  g_ptr_array_add (batches, make_batch ("b1", "cf", "2026-11-30", 58, 0, 142));
  g_ptr_array_add (batches, make_batch ("b2", "cf", "2027-05-31", 79, 14, 7));
  g_ptr_array_add (batches, make_batch ("b6", "cf", "2026-12-15", 0, 3, 0));

  /* Oldest expiry first; the one with nothing available left is not told about. */
  first = chq_vouchers_batches_to_notify (batches, &today, 60, NULL);
  g_assert_cmpuint (g_strv_length (first), ==, 2);
  g_assert_cmpstr (first[0], ==, "b1");
  g_assert_cmpstr (first[1], ==, "b4");

  /* Once per batch. */
  kept = chq_vouchers_merge_notified (batches, stale, (const char * const *) first);
  g_assert_cmpuint (g_strv_length (kept), ==, 2);
  g_assert_cmpstr (kept[0], ==, "b4");
  g_assert_cmpstr (kept[1], ==, "b1");
  second = chq_vouchers_batches_to_notify (batches, &today, 60, (const char * const *) kept);
  g_assert_cmpuint (g_strv_length (second), ==, 0);

  /* A wider warning period brings the later batch in, and only it. */
  later = chq_vouchers_batches_to_notify (batches, &today, 200, (const char * const *) kept);
  g_assert_cmpuint (g_strv_length (later), ==, 1);
  g_assert_cmpstr (later[0], ==, "b2");
}

static void
test_newly_credited (void)
{
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) credited = NULL;

  g_ptr_array_add (orders, make_order ("o1", "credited"));   /* was awaiting: news */
  g_ptr_array_add (orders, make_order ("o2", "credited"));   /* was credited already */
  g_ptr_array_add (orders, make_order ("o3", "credited"));   /* never seen */
  g_ptr_array_add (orders, make_order ("o4", "cancelled"));  /* was awaiting */
  g_ptr_array_add (orders, make_order ("o5", "awaiting_payment"));

  /* The first look notifies nothing. */
  none = chq_vouchers_newly_credited (NULL, orders);
  g_assert_cmpuint (none->len, ==, 0);

  g_hash_table_insert (previous, g_strdup ("o1"), GINT_TO_POINTER (CHQ_ORDER_STATUS_AWAITING_PAYMENT));
  g_hash_table_insert (previous, g_strdup ("o2"), GINT_TO_POINTER (CHQ_ORDER_STATUS_CREDITED));
  g_hash_table_insert (previous, g_strdup ("o4"), GINT_TO_POINTER (CHQ_ORDER_STATUS_AWAITING_PAYMENT));
  g_hash_table_insert (previous, g_strdup ("o5"), GINT_TO_POINTER (CHQ_ORDER_STATUS_AWAITING_PAYMENT));
  credited = chq_vouchers_newly_credited (previous, orders);
  g_assert_cmpuint (credited->len, ==, 1);
  g_assert_cmpstr (chq_order_get_id (g_ptr_array_index (credited, 0)), ==, "o1");
}

static void
test_type_shown (void)
{
  ChqWalletTotal empty = { 0, 0, 0, -1, NULL };
  ChqWalletTotal used = { 0, 0, 3, -1, NULL };

  g_assert_true (chq_vouchers_type_is_shown (200, NULL));
  g_assert_true (chq_vouchers_type_is_shown (200, &empty));
  g_assert_false (chq_vouchers_type_is_shown (0, &empty));
  g_assert_false (chq_vouchers_type_is_shown (0, NULL));
  g_assert_true (chq_vouchers_type_is_shown (0, &used));
}

static void
test_order_state (void)
{
  struct {
    ChqOrderStatus status;
    gboolean       cancel_waiting;
    ChqOrderState  state;
    const char    *text;
    gboolean       can_cancel;
  } cases[] = {
    { CHQ_ORDER_STATUS_AWAITING_PAYMENT, FALSE, CHQ_ORDER_STATE_AWAITING_PAYMENT, "Awaiting payment", TRUE },
    { CHQ_ORDER_STATUS_AWAITING_PAYMENT, TRUE, CHQ_ORDER_STATE_CANCELLING, "Cancellation waiting to be sent", FALSE },
    { CHQ_ORDER_STATUS_CREDITED, FALSE, CHQ_ORDER_STATE_CREDITED, "Credited", FALSE },
    { CHQ_ORDER_STATUS_CREDITED, TRUE, CHQ_ORDER_STATE_CREDITED, "Credited", FALSE },
    { CHQ_ORDER_STATUS_CANCELLED, FALSE, CHQ_ORDER_STATE_CANCELLED, "Cancelled", FALSE },
  };
  g_autofree char *waiting = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *refused_plain = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChqOrderState state = chq_vouchers_order_state (cases[i].status, cases[i].cancel_waiting);
      g_autofree char *text = chq_vouchers_order_state_text (state, NULL);

      g_assert_cmpint (state, ==, cases[i].state);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (chq_vouchers_order_state_can_cancel (state), ==, cases[i].can_cancel);
    }

  waiting = chq_vouchers_order_state_text (CHQ_ORDER_STATE_WAITING, NULL);
  g_assert_cmpstr (waiting, ==, "Waiting to be sent");
  g_assert_false (chq_vouchers_order_state_can_cancel (CHQ_ORDER_STATE_WAITING));
  refused = chq_vouchers_order_state_text (CHQ_ORDER_STATE_REFUSED, "The ceiling is reached.");
  g_assert_cmpstr (refused, ==, "Refused: The ceiling is reached.");
  refused_plain = chq_vouchers_order_state_text (CHQ_ORDER_STATE_REFUSED, "");
  g_assert_cmpstr (refused_plain, ==, "Refused by the voucher service");
  g_assert_false (chq_vouchers_order_state_can_cancel (CHQ_ORDER_STATE_REFUSED));
}

static ChqEnrolment *
make_enrolment (const char *id,
                const char *status,
                const char *type,
                const char *starts_at,
                guint       reserved,
                guint       used)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  ChqEnrolment *enrolment;

  text = g_strdup_printf ("{\"id\": \"%s\", \"worker_id\": \"wrk-0001\", "
                          "\"course_id\": \"crs-1\", \"session_id\": \"ses-1\", "
                          "\"status\": \"%s\", \"usage_code\": \"UC-4PD8-M2RW-7C\", "
                          "\"hours\": 8, \"vouchers_reserved\": %u, \"vouchers_used\": %u, "
                          "\"voucher_type\": \"%s\", \"course_title\": \"A course\", "
                          "\"provider_name\": \"A provider\", \"starts_at\": \"%s\", "
                          "\"ends_at\": \"%s\", \"attendance\": [], \"hours_attended\": 0, "
                          "\"created_at\": \"2025-01-05T10:00:00+01:00\"}",
                          id, status, reserved, used, type, starts_at, starts_at);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  enrolment = chq_enrolment_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (enrolment);

  return enrolment;
}

static void
test_used_in_year (void)
{
  g_autoptr(GPtrArray) enrolments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();

  /* Attended this year: counted, per type */
  g_ptr_array_add (enrolments, make_enrolment ("enr-1", "attended", "cf",
                                               "2026-03-10T09:00:00+01:00", 0, 8));
  g_ptr_array_add (enrolments, make_enrolment ("enr-2", "attended", "cf",
                                               "2026-11-20T09:00:00+01:00", 0, 4));
  g_ptr_array_add (enrolments, make_enrolment ("enr-3", "attended", "cfl",
                                               "2026-06-01T09:00:00+02:00", 0, 6));
  /* The first hour of the year, and the last one of the year before */
  g_ptr_array_add (enrolments, make_enrolment ("enr-4", "attended", "eco",
                                               "2026-01-01T00:00:00+01:00", 0, 3));
  g_ptr_array_add (enrolments, make_enrolment ("enr-5", "attended", "eco",
                                               "2025-12-31T23:30:00+01:00", 0, 5));
  /* Last year's, booked and cancelled ones: not counted */
  g_ptr_array_add (enrolments, make_enrolment ("enr-6", "attended", "cf",
                                               "2025-10-02T09:00:00+02:00", 0, 16));
  g_ptr_array_add (enrolments, make_enrolment ("enr-7", "booked", "cf",
                                               "2026-12-03T09:00:00+01:00", 8, 0));
  g_ptr_array_add (enrolments, make_enrolment ("enr-8", "cancelled", "cf",
                                               "2026-04-03T09:00:00+02:00", 0, 0));
  g_ptr_array_add (enrolments, make_enrolment ("enr-9", "cancelled", "cfl",
                                               "2026-04-03T09:00:00+02:00", 0, 2));

  g_assert_cmpuint (chq_vouchers_used_in_year (enrolments, CHQ_VOUCHER_TYPE_CF, 2026), ==, 12);
  g_assert_cmpuint (chq_vouchers_used_in_year (enrolments, CHQ_VOUCHER_TYPE_CFL, 2026), ==, 6);
  g_assert_cmpuint (chq_vouchers_used_in_year (enrolments, CHQ_VOUCHER_TYPE_ECO, 2026), ==, 3);
  g_assert_cmpuint (chq_vouchers_used_in_year (enrolments, CHQ_VOUCHER_TYPE_CF, 2025), ==, 16);
  g_assert_cmpuint (chq_vouchers_used_in_year (enrolments, CHQ_VOUCHER_TYPE_ECO, 2025), ==, 5);
  g_assert_cmpuint (chq_vouchers_used_in_year (enrolments, CHQ_VOUCHER_TYPE_CFL, 2025), ==, 0);
  g_assert_cmpuint (chq_vouchers_used_in_year (enrolments, CHQ_VOUCHER_TYPE_CF, 2027), ==, 0);

  /* Nothing read yet, or nothing there */
  g_assert_cmpuint (chq_vouchers_used_in_year (NULL, CHQ_VOUCHER_TYPE_CF, 2026), ==, 0);
  g_assert_cmpuint (chq_vouchers_used_in_year (empty, CHQ_VOUCHER_TYPE_CF, 2026), ==, 0);
}

/* What the ceiling leaves is said before any quantity is typed. */
static void
test_ceiling_left (void)
{
  g_autofree char *plain = chq_vouchers_ceiling_left_text (400, 50, 0);
  g_autofree char *waiting = chq_vouchers_ceiling_left_text (400, 50, 20);
  g_autofree char *one = chq_vouchers_ceiling_left_text (100, 0, 1);
  g_autofree char *reached = chq_vouchers_ceiling_left_text (100, 100, 0);
  g_autofree char *none = chq_vouchers_ceiling_left_text (0, 0, 0);

  g_assert_cmpstr (plain, ==, "Left this year: 350 of 400");
  g_assert_cmpstr (waiting, ==, "Left this year: 330 of 400, counting 20 vouchers waiting to be sent");
  g_assert_cmpstr (one, ==, "Left this year: 99 of 100, counting 1 voucher waiting to be sent");
  g_assert_cmpstr (reached, ==, "Left this year: 0 of 100");
  g_assert_cmpstr (none, ==, "No ceiling for this type: your account cannot order it.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/vouchers-logic/parse-date", test_parse_date);
  g_test_add_func ("/vouchers-logic/order-max", test_order_max);
  g_test_add_func ("/vouchers-logic/check-quantity", test_check_quantity);
  g_test_add_func ("/vouchers-logic/ceiling-left", test_ceiling_left);
  g_test_add_func ("/vouchers-logic/ceiling", test_ceiling);
  g_test_add_func ("/vouchers-logic/expiring", test_expiring);
  g_test_add_func ("/vouchers-logic/notify", test_notify);
  g_test_add_func ("/vouchers-logic/newly-credited", test_newly_credited);
  g_test_add_func ("/vouchers-logic/type-shown", test_type_shown);
  g_test_add_func ("/vouchers-logic/order-state", test_order_state);
  g_test_add_func ("/vouchers-logic/used-in-year", test_used_in_year);

  return g_test_run ();
}
