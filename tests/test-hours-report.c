/* test-hours-report.c: the training hours report (per worker, course, month, company
 * totals), the CSV writer and the records CSV; the demo account's totals against the
 * sandbox's own answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-hours-report"

#include "config.h"

#include <string.h>

#include "chq-client.h"
#include "chq-csv.h"
#include "chq-hours-report.h"
#include "chq-json.h"
#include "chq-sandbox.h"
#include "chq-test-clock.h"

static const ChqHoursSettings default_settings = { 5.0, 7.6 };

static ChqWorker *
make_worker (const char *id,
             const char *first,
             const char *last,
             const char *status,
             const char *niss,
             gboolean    archived)
{
  g_autofree char *text = g_strdup_printf ("{\"id\":\"%s\",\"first_name\":\"%s\","
                                           "\"last_name\":\"%s\",\"status\":\"%s\","
                                           "\"niss\":%s%s%s,\"email\":null,"
                                           "\"archived\":%s,\"hours_this_year\":0}",
                                           id, first, last, status,
                                           niss ? "\"" : "", niss ? niss : "null",
                                           niss ? "\"" : "", archived ? "true" : "false");
  g_autoptr(JsonNode) node = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  ChqWorker *worker;

  g_assert_nonnull (node);
  worker = chq_worker_from_json (node, &error);
  g_assert_no_error (error);

  return worker;
}

/* attendance: a JSON array text, "[]" for none. */
static ChqEnrolment *
make_enrolment (const char *id,
                const char *worker_id,
                const char *course_id,
                const char *title,
                const char *status,
                guint       hours,
                guint       used,
                guint       reserved,
                const char *starts_at,
                const char *ends_at,
                const char *attendance,
                double      hours_attended)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) title_node = json_node_init_string (json_node_alloc (), title);
  g_autofree char *title_json = json_to_string (title_node, FALSE);
  ChqEnrolment *enrolment;

  text = g_strdup_printf ("{\"id\":\"%s\",\"worker_id\":\"%s\",\"course_id\":\"%s\","
                          "\"session_id\":\"ses-1\",\"status\":\"%s\","
                          "\"usage_code\":\"UC-4PD8-M2RW-7C\",\"hours\":%u,"
                          "\"vouchers_reserved\":%u,\"vouchers_used\":%u,"
                          "\"voucher_type\":\"cf\",\"course_title\":%s,"
                          "\"provider_name\":\"Meuse Numérique Formation\","
                          "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"attendance\":%s,"
                          "\"hours_attended\":%g,\"created_at\":\"2026-01-05T10:00:00+01:00\"}",
                          id, worker_id, course_id, status, hours, reserved, used, title_json,
                          starts_at, ends_at, attendance, hours_attended);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  enrolment = chq_enrolment_from_json (node, &error);
  g_assert_no_error (error);

  return enrolment;
}

typedef struct {
  GPtrArray *workers;
  GPtrArray *enrolments;
} Sample;

static void
sample_init (Sample *s)
{
  s->workers = g_ptr_array_new_with_free_func (g_object_unref);
  s->enrolments = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (s->workers, make_worker ("wrk-1", "Sophie", "Dethier", "employee",
                                            "85073003328", FALSE));
  g_ptr_array_add (s->workers, make_worker ("wrk-2", "Élise", "Aubry", "temp", NULL, FALSE));
  g_ptr_array_add (s->workers, make_worker ("wrk-3", "Tom", "Colin", "student", NULL, FALSE));
  g_ptr_array_add (s->workers, make_worker ("wrk-4", "Old", "Gone", "employee", NULL, TRUE));
  g_ptr_array_add (s->workers, make_worker ("wrk-5", "Left", "Trained", "employee", NULL, TRUE));

  /* Sophie: attended 7 h over two March days, then 14 h booked in December. */
  g_ptr_array_add (s->enrolments,
                   make_enrolment ("enr-1", "wrk-1", "crs-a", "IA, \"prompts\" et PME",
                                   "attended", 7, 7, 0,
                                   "2026-03-02T09:00:00+01:00", "2026-03-03T13:00:00+01:00",
                                   "[{\"date\":\"2026-03-02\",\"hours\":4},"
                                   "{\"date\":\"2026-03-03\",\"hours\":3}]", 7));
  g_ptr_array_add (s->enrolments,
                   make_enrolment ("enr-2", "wrk-1", "crs-b", "Copilot au bureau",
                                   "booked", 14, 0, 14,
                                   "2026-12-01T09:00:00+01:00", "2026-12-02T17:00:00+01:00",
                                   "[]", 0));
  /* Élise: same course as Sophie, attended 5.5 of 7 h in June. */
  g_ptr_array_add (s->enrolments,
                   make_enrolment ("enr-3", "wrk-2", "crs-a", "IA, \"prompts\" et PME",
                                   "attended", 7, 6, 0,
                                   "2026-06-10T09:00:00+02:00", "2026-06-10T17:00:00+02:00",
                                   "[{\"date\":\"2026-06-10\",\"hours\":5.5}]", 5.5));
  /* A cancelled booking counts for nobody. */
  g_ptr_array_add (s->enrolments,
                   make_enrolment ("enr-4", "wrk-2", "crs-c", "Cancelled course",
                                   "cancelled", 21, 0, 0,
                                   "2026-09-01T09:00:00+02:00", "2026-09-03T17:00:00+02:00",
                                   "[]", 0));
  /* An archived worker who trained this year stays in the report. */
  g_ptr_array_add (s->enrolments,
                   make_enrolment ("enr-5", "wrk-5", "crs-b", "Copilot au bureau",
                                   "attended", 14, 14, 0,
                                   "2026-01-20T09:00:00+01:00", "2026-01-21T17:00:00+01:00",
                                   "[{\"date\":\"2026-01-20\",\"hours\":7},"
                                   "{\"date\":\"2026-01-21\",\"hours\":7}]", 14));
}

static void
sample_clear (Sample *s)
{
  g_clear_pointer (&s->workers, g_ptr_array_unref);
  g_clear_pointer (&s->enrolments, g_ptr_array_unref);
}

static ChqHoursWorker *
find_worker (ChqHoursReport *report,
             const char     *id)
{
  for (guint i = 0; i < report->workers->len; i++)
    {
      ChqHoursWorker *w = g_ptr_array_index (report->workers, i);

      if (g_str_equal (w->worker_id, id))
        return w;
    }

  return NULL;
}

static ChqHoursWorker *
get_worker (ChqHoursReport *report,
            const char     *id)
{
  ChqHoursWorker *w = find_worker (report, id);

  if (w == NULL)
    g_error ("No row for worker %s", id);

  return w;
}

static void
test_report_aggregation (void)
{
  Sample s;
  g_autoptr(ChqHoursReport) report = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  ChqHoursWorker *w;
  ChqHoursCourse *c;
  double sum = 0.0;

  sample_init (&s);
  report = chq_hours_report_compute (2026, s.workers, s.enrolments, &default_settings, today);

  /* Four workers: the archived one without training is left out; in the order given. */
  g_assert_cmpuint (report->workers->len, ==, 4);
  g_assert_cmpstr (((ChqHoursWorker *) report->workers->pdata[0])->name, ==, "Sophie Dethier");
  g_assert_cmpstr (((ChqHoursWorker *) report->workers->pdata[3])->name, ==, "Left Trained");
  g_assert_null (find_worker (report, "wrk-4"));

  w = get_worker (report, "wrk-1");
  g_assert_cmpuint (w->trainings, ==, 2);
  g_assert_cmpfloat_with_epsilon (w->hours_attended, 7.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (w->hours_booked, 14.0, 1e-9);
  g_assert_cmpuint (w->vouchers_used, ==, 7);
  g_assert_cmpuint (w->vouchers_reserved, ==, 14);
  g_assert_cmpfloat_with_epsilon (w->target_hours, 38.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (w->progress, 7.0 / 38.0, 1e-9);
  /* 21 h attended and booked against 38 x 332/365 = 34.6 h due by November 28. */
  g_assert_true (w->behind);

  w = get_worker (report, "wrk-2");
  g_assert_cmpuint (w->trainings, ==, 1);
  g_assert_cmpfloat_with_epsilon (w->hours_attended, 5.5, 1e-9);
  g_assert_cmpuint (w->vouchers_used, ==, 6);

  /* The student may not be trained with vouchers: no target, never behind. */
  w = get_worker (report, "wrk-3");
  g_assert_false (w->eligible);
  g_assert_cmpfloat (w->target_hours, ==, 0.0);
  g_assert_false (w->behind);
  g_assert_cmpuint (w->trainings, ==, 0);

  w = get_worker (report, "wrk-5");
  g_assert_true (w->archived);
  g_assert_cmpfloat (w->target_hours, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (w->hours_attended, 14.0, 1e-9);

  /* Per course: crs-a has two workers, the cancelled course is not there. */
  g_assert_cmpuint (report->courses->len, ==, 2);
  c = g_ptr_array_index (report->courses, 0);
  g_assert_cmpstr (c->title, ==, "Copilot au bureau");
  g_assert_cmpuint (c->workers, ==, 2);
  g_assert_cmpfloat_with_epsilon (c->hours_attended, 14.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->hours_booked, 14.0, 1e-9);
  c = g_ptr_array_index (report->courses, 1);
  g_assert_cmpstr (c->course_id, ==, "crs-a");
  g_assert_cmpuint (c->workers, ==, 2);
  g_assert_cmpuint (c->trainings, ==, 2);
  g_assert_cmpfloat_with_epsilon (c->hours_attended, 12.5, 1e-9);
  g_assert_cmpuint (c->vouchers_used, ==, 13);

  /* Company totals. */
  g_assert_cmpfloat_with_epsilon (report->hours_attended, 26.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->hours_booked, 14.0, 1e-9);
  g_assert_cmpuint (report->vouchers_used, ==, 27);
  g_assert_cmpuint (report->vouchers_reserved, ==, 14);
  g_assert_cmpint (report->value_cents, ==, 27 * 3000);
  g_assert_cmpint (report->company_paid_cents, ==, 27 * 1500);
  g_assert_cmpint (report->region_added_cents, ==, 27 * 1500);
  g_assert_cmpuint (report->workers_trained, ==, 3);
  g_assert_cmpuint (report->workers_behind, ==, 2);

  /* Months: attended on the days, booked on the start month; they add up. */
  g_assert_cmpfloat_with_epsilon (report->month_attended[0], 14.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->month_attended[2], 7.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->month_attended[5], 5.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->month_booked[11], 14.0, 1e-9);
  g_assert_cmpfloat (report->month_booked[8], ==, 0.0);
  for (guint m = 0; m < 12; m++)
    sum += report->month_attended[m];
  g_assert_cmpfloat_with_epsilon (sum, report->hours_attended, 1e-9);

  /* Records: one per worker per training, by start date. */
  g_assert_cmpuint (report->records->len, ==, 4);
  g_assert_cmpstr (((ChqHoursRecord *) report->records->pdata[0])->start_date, ==, "2026-01-20");
  g_assert_cmpstr (((ChqHoursRecord *) report->records->pdata[0])->enrolment_id, ==, "enr-5");
  g_assert_cmpstr (((ChqHoursRecord *) report->records->pdata[3])->end_date, ==, "2026-12-02");

  sample_clear (&s);
}

static void
test_report_empty (void)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) enrolments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDate) today = g_date_new_dmy (1, G_DATE_JANUARY, 2026);
  g_autoptr(ChqHoursReport) report = NULL;
  g_autoptr(GBytes) csv = NULL;
  const ChqHoursSettings none = { 0.0, 7.6 };

  report = chq_hours_report_compute (2026, workers, enrolments, &default_settings, today);
  g_assert_cmpuint (report->workers->len, ==, 0);
  g_assert_cmpuint (report->vouchers_used, ==, 0);
  g_assert_cmpint (report->company_paid_cents, ==, 0);
  csv = chq_hours_report_to_csv (report, FALSE);
  /* The header row alone. */
  g_assert_nonnull (memchr (g_bytes_get_data (csv, NULL), '\n', g_bytes_get_size (csv)));
  g_assert_cmpint (((const char *) g_bytes_get_data (csv, NULL))[g_bytes_get_size (csv) - 1],
                   ==, '\n');
  g_clear_pointer (&report, chq_hours_report_free);

  /* A training right of 0 days: nobody has a target, nobody is behind. */
  g_ptr_array_add (workers, make_worker ("wrk-1", "A", "B", "employee", NULL, FALSE));
  report = chq_hours_report_compute (2025, workers, enrolments, &none, today);
  g_assert_cmpuint (report->workers->len, ==, 1);
  g_assert_cmpfloat (((ChqHoursWorker *) report->workers->pdata[0])->target_hours, ==, 0.0);
  g_assert_false (((ChqHoursWorker *) report->workers->pdata[0])->behind);
}

static void
test_report_behind (void)
{
  g_autoptr(GDate) jan1 = g_date_new_dmy (1, G_DATE_JANUARY, 2028);
  g_autoptr(GDate) dec31 = g_date_new_dmy (31, G_DATE_DECEMBER, 2028);
  g_autoptr(GDate) mid = g_date_new_dmy (1, G_DATE_JULY, 2027);

  g_assert_cmpfloat_with_epsilon (chq_hours_year_elapsed (2028, jan1), 1.0 / 366.0, 1e-12);
  g_assert_cmpfloat (chq_hours_year_elapsed (2028, dec31), ==, 1.0);
  g_assert_cmpfloat (chq_hours_year_elapsed (2027, jan1), ==, 1.0);
  g_assert_cmpfloat (chq_hours_year_elapsed (2029, dec31), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (chq_hours_year_elapsed (2027, mid), 182.0 / 365.0, 1e-12);

  /* A past year asks for the whole target; exactly on it is not behind. */
  g_assert_false (chq_hours_report_is_behind (38.0, 0.0, 38.0, 2027, jan1));
  g_assert_true (chq_hours_report_is_behind (37.5, 0.0, 38.0, 2027, jan1));
  g_assert_false (chq_hours_report_is_behind (30.0, 8.0, 38.0, 2027, jan1));
  /* A year to come asks for nothing yet. */
  g_assert_false (chq_hours_report_is_behind (0.0, 0.0, 38.0, 2029, jan1));
  /* Half way through 2027: 38 x 182/365 = 18.95 h due. */
  g_assert_true (chq_hours_report_is_behind (18.5, 0.0, 38.0, 2027, mid));
  g_assert_false (chq_hours_report_is_behind (19.0, 0.0, 38.0, 2027, mid));
  /* No target, never behind. */
  g_assert_false (chq_hours_report_is_behind (0.0, 0.0, 0.0, 2027, dec31));
}

static void
test_format_hours (void)
{
  const struct { double hours; const char *text; } cases[] = {
    { 0.0, "0" }, { 7.0, "7" }, { 7.5, "7.5" }, { 12.25, "12.3" }, { -0.01, "0" },
    { 0.04, "0" }, { 1234.0, "1234" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = chq_hours_format (cases[i].hours, TRUE);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A reader of RFC 4180 text, strict enough to catch a wrongly quoted field: records of
 * fields (GPtrArray of GStrv-like GPtrArray). Fails the test on malformed text. */
static GPtrArray *
parse_csv (const char *text,
           gsize       len)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gsize i = 0;

  while (i < len)
    {
      if (text[i] == '"')
        {
          i++;
          for (;;)
            {
              g_assert_cmpuint (i, <, len);
              if (text[i] == '"')
                {
                  if (i + 1 < len && text[i + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      i += 2;
                      continue;
                    }
                  i++;
                  break;
                }
              g_string_append_c (field, text[i++]);
            }
        }
      else
        {
          while (i < len && text[i] != ',' && text[i] != '\r')
            {
              /* Bare quotes and line feeds only appear inside quoted fields. */
              g_assert_cmpint (text[i], !=, '"');
              g_assert_cmpint (text[i], !=, '\n');
              g_string_append_c (field, text[i++]);
            }
        }

      g_ptr_array_add (record, g_strdup (field->str));
      g_string_truncate (field, 0);

      g_assert_cmpuint (i, <, len);
      if (text[i] == ',')
        {
          i++;
          continue;
        }
      g_assert_cmpint (text[i], ==, '\r');
      g_assert_cmpuint (i + 1, <, len);
      g_assert_cmpint (text[i + 1], ==, '\n');
      i += 2;
      g_ptr_array_add (records, record);
      record = g_ptr_array_new_with_free_func (g_free);
    }

  g_assert_cmpuint (record->len, ==, 0);
  g_ptr_array_unref (record);
  g_string_free (field, TRUE);

  return records;
}

static void
test_csv_quoting (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { "Liège, Namur", "\"Liège, Namur\"" },
    { "Élodie Ménard", "Élodie Ménard" },
    { " padded", "\" padded\"" },
    { "semi;colon", "semi;colon" },
  };
  g_autoptr(ChqCsv) csv = chq_csv_new (TRUE);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *null_field = chq_csv_quote (NULL);
  const char *text;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = chq_csv_quote (cases[i].in);

      g_assert_cmpstr (quoted, ==, cases[i].out);
    }
  g_assert_cmpstr (null_field, ==, "");

  /* Every case in one record, a NULL field, then an empty record: read back as written. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    chq_csv_add_field (csv, cases[i].in);
  chq_csv_add_field (csv, NULL);
  chq_csv_end_record (csv);
  chq_csv_add_record (csv, "x", "ä,ö", "", NULL);
  g_assert_cmpuint (chq_csv_get_n_records (csv), ==, 2);

  text = chq_csv_peek_text (csv, &len);
  g_assert_true (g_str_has_prefix (text, CHQ_CSV_BOM));
  g_assert_true (g_utf8_validate (text, len, NULL));
  records = parse_csv (text + strlen (CHQ_CSV_BOM), len - strlen (CHQ_CSV_BOM));
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpuint (((GPtrArray *) records->pdata[0])->len, ==, G_N_ELEMENTS (cases) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (((GPtrArray *) records->pdata[0])->pdata[i], ==, cases[i].in);
  g_assert_cmpstr (((GPtrArray *) records->pdata[0])->pdata[G_N_ELEMENTS (cases)], ==, "");
  g_assert_cmpuint (((GPtrArray *) records->pdata[1])->len, ==, 3);
  g_assert_cmpstr (((GPtrArray *) records->pdata[1])->pdata[1], ==, "ä,ö");

  /* Without a BOM the text starts with the first field. */
  {
    g_autoptr(ChqCsv) bare = chq_csv_new (FALSE);

    chq_csv_add_record (bare, "a", NULL);
    g_assert_cmpstr (chq_csv_peek_text (bare, NULL), ==, "a\r\n");
  }
}

static void
test_report_csv (void)
{
  Sample s;
  g_autoptr(ChqHoursReport) report = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *text;
  gsize len;
  GPtrArray *row;

  sample_init (&s);
  report = chq_hours_report_compute (2026, s.workers, s.enrolments, &default_settings, today);
  bytes = chq_hours_report_to_csv (report, TRUE);
  text = g_bytes_get_data (bytes, &len);
  g_assert_true (g_str_has_prefix (text, CHQ_CSV_BOM));
  g_assert_true (g_utf8_validate (text, len, NULL));

  records = parse_csv (text + 3, len - 3);
  /* The header and one row per worker per training (the cancelled one left out). */
  g_assert_cmpuint (records->len, ==, 5);
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpuint (((GPtrArray *) records->pdata[i])->len, ==, 12);
  row = records->pdata[0];
  g_assert_cmpstr (row->pdata[0], ==, "Worker");
  g_assert_cmpstr (row->pdata[1], ==, "NISS");

  /* By start date: Left Trained (January), Sophie (March), Élise (June), Sophie (December). */
  row = records->pdata[2];
  g_assert_cmpstr (row->pdata[0], ==, "Sophie Dethier");
  g_assert_cmpstr (row->pdata[1], ==, "85.07.30-033.28");
  g_assert_cmpstr (row->pdata[2], ==, "IA, \"prompts\" et PME");
  g_assert_cmpstr (row->pdata[3], ==, "Meuse Numérique Formation");
  g_assert_cmpstr (row->pdata[4], ==, "2026-03-02");
  g_assert_cmpstr (row->pdata[5], ==, "2026-03-03");
  g_assert_cmpstr (row->pdata[6], ==, "7");
  g_assert_cmpstr (row->pdata[7], ==, "Yes");
  g_assert_cmpstr (row->pdata[8], ==, "Yes");
  g_assert_cmpstr (row->pdata[9], ==, "7");
  g_assert_cmpstr (row->pdata[10], ==, "UC-4PD8-M2RW-7C");
  row = records->pdata[3];
  g_assert_cmpstr (row->pdata[0], ==, "Élise Aubry");
  g_assert_cmpstr (row->pdata[1], ==, "");
  g_assert_cmpstr (row->pdata[6], ==, "5.5");
  row = records->pdata[4];
  g_assert_cmpstr (row->pdata[6], ==, "14");
  g_assert_cmpstr (row->pdata[9], ==, "14");

  sample_clear (&s);
}

/* The file as LibreOffice Calc reads it: its import dialog proposes UTF-8 for a file that
 * starts with the UTF-8 byte order mark; the same import filter, run headless, turns the
 * sheet into HTML whose cells we compare. Skipped where LibreOffice is not installed. */
static void
test_report_csv_libreoffice (void)
{
  Sample s;
  g_autoptr(ChqHoursReport) report = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *html = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *profile_arg = NULL;
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }

  sample_init (&s);
  report = chq_hours_report_compute (2026, s.workers, s.enrolments, &default_settings, today);
  bytes = chq_hours_report_to_csv (report, TRUE);

  dir = g_dir_make_tmp ("chq-csv-XXXXXX", &error);
  g_assert_no_error (error);
  csv_path = g_build_filename (dir, "records.csv", NULL);
  html_path = g_build_filename (dir, "records.html", NULL);
  profile = g_build_filename (dir, "profile", NULL);
  profile_arg = g_strconcat ("-env:UserInstallation=file://", profile, NULL);
  g_file_set_contents (csv_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);

  {
    const char *argv[] = {
      soffice, profile_arg, "--headless",
      /* comma separated, double quotes, UTF-8 (76), from line 1 */
      "--infilter=Text - txt - csv (StarCalc):44,34,76,1",
      "--convert-to", "html", "--outdir", dir, csv_path, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                  G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  g_file_get_contents (html_path, &html, NULL, &error);
  g_assert_no_error (error);
  /* Accents, quotes and the comma inside a title survive; the NISS stays text. */
  g_assert_nonnull (strstr (html, "Élise Aubry"));
  g_assert_nonnull (strstr (html, "Meuse Numérique Formation"));
  g_assert_nonnull (strstr (html, "IA, &quot;prompts&quot; et PME"));
  g_assert_nonnull (strstr (html, "85.07.30-033.28"));
  g_assert_null (strstr (html, "Ã"));

  sample_clear (&s);
}

/* The demo account against the sandbox. */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static GPtrArray *
fetch_enrolments (ChqClient *client,
                  int        year)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  chq_client_list_enrolments_async (client, year, NULL, NULL, result_cb, &result);
  items = chq_client_list_enrolments_finish (client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);

  return items;
}

static void
test_report_demo_sandbox (void)
{
  ChqSandboxOptions options = { .today = "2026-11-28" };
  g_autoptr(ChqSandbox) sandbox = chq_sandbox_new (&options);
  g_autoptr(ChqClient) client = NULL;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GPtrArray) workers = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(GPtrArray) last_year = NULL;
  g_autoptr(ChqWallet) wallet = NULL;
  g_autoptr(ChqHoursReport) report = NULL;
  g_autoptr(ChqHoursReport) report_last = NULL;
  g_autoptr(ChqHoursReport) report_next = NULL;
  g_autoptr(GPtrArray) next_year = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  g_autofree char *uri = NULL;
  guint wallet_used = 0;
  guint wallet_reserved = 0;
  guint booked = 0;

  g_assert_true (chq_sandbox_start (sandbox, &error));
  test_clock_follow (sandbox);
  g_assert_no_error (error);
  uri = chq_sandbox_dup_uri (sandbox);
  client = chq_client_new (uri, &error);
  g_assert_no_error (error);

  chq_client_sign_in_async (client, "0123456749", "demo", NULL, result_cb, &result);
  account = chq_client_sign_in_finish (client, wait_result (&result), NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  chq_client_list_workers_async (client, NULL, NULL, result_cb, &result);
  workers = chq_client_list_workers_finish (client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  chq_client_get_wallet_async (client, NULL, NULL, result_cb, &result);
  wallet = chq_client_get_wallet_finish (client, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  enrolments = fetch_enrolments (client, 2026);
  last_year = fetch_enrolments (client, 2025);
  next_year = fetch_enrolments (client, 2027);
  g_assert_cmpuint (enrolments->len, >, 0);

  report = chq_hours_report_compute (2026, workers, enrolments, &default_settings, today);
  report_last = chq_hours_report_compute (2025, workers, last_year, &default_settings, today);
  report_next = chq_hours_report_compute (2027, workers, next_year, &default_settings, today);

  /* Each worker's attended hours are what the server says the worker trained this year. */
  for (guint i = 0; i < workers->len; i++)
    {
      ChqWorker *worker = g_ptr_array_index (workers, i);
      ChqHoursWorker *w = find_worker (report, chq_worker_get_id (worker));

      if (w == NULL)
        {
          g_assert_true (chq_worker_get_archived (worker));
          g_assert_cmpfloat (chq_worker_get_hours_this_year (worker), ==, 0.0);
          continue;
        }
      g_assert_cmpfloat_with_epsilon (w->hours_attended,
                                      chq_worker_get_hours_this_year (worker), 1e-9);
      {
        g_autofree char *name = chq_worker_dup_display_name (worker);

        g_assert_cmpstr (w->name, ==, name);
      }
    }

  /* The vouchers used and reserved are the wallet's, over the years its batches span (a
   * booking made now may be for a session next year). */
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      wallet_used += wallet->totals[t].used;
      wallet_reserved += wallet->totals[t].reserved;
    }
  g_assert_cmpuint (report->vouchers_used + report_last->vouchers_used +
                    report_next->vouchers_used, ==, wallet_used);
  g_assert_cmpuint (report->vouchers_reserved + report_last->vouchers_reserved +
                    report_next->vouchers_reserved, ==, wallet_reserved);
  g_assert_cmpuint (wallet_reserved, >, 0);
  g_assert_cmpuint (report->vouchers_used, >, 0);
  g_assert_cmpint (report->company_paid_cents, ==, (gint64) report->vouchers_used * 1500);
  g_assert_cmpint (report->region_added_cents, ==, (gint64) report->vouchers_used * 1500);

  /* Booked hours: the hours of the booked enrolments the server lists. */
  for (guint i = 0; i < enrolments->len; i++)
    if (chq_enrolment_get_status (g_ptr_array_index (enrolments, i)) == CHQ_ENROLMENT_STATUS_BOOKED)
      booked += chq_enrolment_get_hours (g_ptr_array_index (enrolments, i));
  g_assert_cmpfloat_with_epsilon (report->hours_booked, booked, 1e-9);

  /* The demo company's student is flagged, not given a target. */
  for (guint i = 0; i < report->workers->len; i++)
    {
      ChqHoursWorker *w = g_ptr_array_index (report->workers, i);

      if (w->status == CHQ_WORKER_STATUS_STUDENT)
        {
          g_assert_false (w->eligible);
          g_assert_cmpfloat (w->target_hours, ==, 0.0);
        }
    }

  chq_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hours-report/aggregation", test_report_aggregation);
  g_test_add_func ("/hours-report/empty", test_report_empty);
  g_test_add_func ("/hours-report/behind", test_report_behind);
  g_test_add_func ("/hours-report/format-hours", test_format_hours);
  g_test_add_func ("/hours-report/csv-quoting", test_csv_quoting);
  g_test_add_func ("/hours-report/csv-records", test_report_csv);
  g_test_add_func ("/hours-report/csv-libreoffice", test_report_csv_libreoffice);
  g_test_add_func ("/hours-report/demo-sandbox", test_report_demo_sandbox);

  return g_test_run ();
}
