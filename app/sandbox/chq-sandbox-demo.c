/* chq-sandbox-demo.c: the sandbox's demo companies, their workers and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo data is fixed but dated from the server's today, so that one batch always
 * expires soon and the history always looks recent. The courses are the catalogue's
 * (chq-sandbox-catalog.c); the vouchers move as the ledger moves them for the API
 * (chq-sandbox-ledger.c).
 */
#define G_LOG_DOMAIN "chq-sandbox-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chq-sandbox-private.h"

/* Companies and their history. */

static void
insert_company (ChqSandboxSeeder *seeder,
                const char       *id,
                const char       *number,
                const char       *name,
                const char       *kind,
                double            fte,
                const char       *authorisation)
{
  g_autofree char *salt = g_uuid_string_random ();
  g_autofree char *hash = _chq_sandbox_hash_password (salt, CHQ_SANDBOX_DEMO_PASSWORD);
  g_autofree char *valid_until = g_strdup_printf ("%04d-12-31", g_date_get_year (&seeder->today));

  chq_sandbox_db_run (seeder->db,
                      "INSERT INTO companies (id, enterprise_number, name, kind, fte, "
                      "authorisation_number, registration_valid_until, password_salt, "
                      "password_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                      "ssssdssss", id, number, name, kind, fte, authorisation, valid_until, salt,
                      hash);
}

static void
insert_worker (ChqSandboxSeeder *seeder,
               const char       *company_id,
               const char       *first_name,
               const char       *last_name,
               const char       *status,
               const char       *niss,
               const char       *email)
{
  g_autofree char *id = g_strdup_printf ("wrk-%04" G_GINT64_FORMAT,
                                         chq_sandbox_db_next_seq (seeder->db, "worker"));

  chq_sandbox_db_run (seeder->db,
                      "INSERT INTO workers (id, company_id, first_name, last_name, status, niss, "
                      "email, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                      "ssssssss", id, company_id, first_name, last_name, status, niss, email,
                      seeder->updated_at);
}

static GDate
months_before (const GDate *today,
               guint        months,
               guint        day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, g_date_get_month (today), g_date_get_year (today));
  g_date_subtract_months (&date, months);
  g_date_set_day (&date, day);
  _chq_sandbox_skip_to_working_day (&date);
  return date;
}

static char *
time_text (ChqSandboxSeeder *seeder,
           const GDate      *day,
           int               hour,
           int               minute)
{
  return _chq_sandbox_format_time_on (seeder->tz, day, hour, minute);
}

/* An order; credited (with its batch) when @credited_on is given, cancelled when
 * @cancelled_on is. Returns the order id. */
static char *
insert_order (ChqSandboxSeeder *seeder,
              const char       *company_id,
              const char       *type,
              int               quantity,
              const GDate      *created_on,
              const GDate      *credited_on,
              const GDate      *cancelled_on)
{
  int year = g_date_get_year (created_on);
  char *id = g_strdup_printf ("ord-%04d-%04" G_GINT64_FORMAT, year,
                              chq_sandbox_db_next_seq (seeder->db, "order"));
  g_autofree char *created_at = time_text (seeder, created_on, 10, 15);
  g_autofree char *paid_at = credited_on != NULL ? time_text (seeder, credited_on, 9, 0) : NULL;
  g_autofree char *cancelled_at = cancelled_on != NULL ? time_text (seeder, cancelled_on, 8, 10)
                                                       : NULL;
  const char *status = credited_on != NULL ? "credited"
                       : cancelled_on != NULL ? "cancelled" : "awaiting_payment";

  chq_sandbox_db_run (seeder->db,
                      "INSERT INTO orders (id, company_id, voucher_type, quantity, status, "
                      "created_at, created_year, paid_at, cancelled_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                      "sssississ", id, company_id, type, quantity, status, created_at, year,
                      paid_at, cancelled_at);

  if (credited_on != NULL)
    _chq_sandbox_ledger_credit (seeder->db, company_id, id, type, quantity, credited_on);

  return id;
}

/* The past, attended enrolment: its session is over and no longer in the catalogue. */
static void
insert_attended (ChqSandboxSeeder *seeder,
                 const char       *company_id,
                 const char       *worker_id,
                 const char       *course_id,
                 const char       *batch_id,
                 const GDate      *day)
{
  g_autofree char *id = g_strdup_printf ("enr-%04" G_GINT64_FORMAT,
                                         chq_sandbox_db_next_seq (seeder->db, "enrolment"));
  g_autofree char *starts = time_text (seeder, day, 9, 0);
  g_autofree char *ends = time_text (seeder, day, 17, 0);
  g_autofree char *day_text = _chq_sandbox_format_date (day);
  g_autofree char *session_id = g_strdup_printf ("ses-%s-00", course_id + strlen ("crs-ai-"));
  GDate booked_on = *day;

  g_date_subtract_days (&booked_on, 21);
  {
    g_autofree char *created = time_text (seeder, &booked_on, 14, 2);

    chq_sandbox_db_run (seeder->db,
                        "INSERT INTO enrolments (id, company_id, worker_id, course_id, "
                        "session_id, course_title, provider_name, voucher_type, starts_at, "
                        "ends_at, year, hours, usage_code, status, vouchers_reserved, "
                        "vouchers_used, hours_attended, created_at, updated_at) "
                        "SELECT ?1, ?2, ?3, c.id, ?4, c.title, p.name, c.voucher_type, ?5, ?6, "
                        "?7, c.hours, 'UC-4PD8-M2RW-7C', 'attended', 0, c.hours, c.hours, ?8, ?8 "
                        "FROM courses c JOIN providers p ON p.id = c.provider_id "
                        "WHERE c.id = ?9",
                        "ssssssiss", id, company_id, worker_id, session_id, starts, ends,
                        g_date_get_year (day), created, course_id);
  }
  chq_sandbox_db_run (seeder->db,
                      "INSERT INTO attendance_days (enrolment_id, day, hours) "
                      "SELECT ?1, ?2, hours FROM courses WHERE id = ?3",
                      "sss", id, day_text, course_id);
  _chq_sandbox_ledger_record_use (seeder->db, id, batch_id,
                                  chq_sandbox_db_query_int (seeder->db, 0,
                                                            "SELECT hours FROM courses "
                                                            "WHERE id = ?1",
                                                            "s", course_id));
}

/* The future, booked enrolment, on the first session of @course_id: reserves like the API
 * (vouchers valid on the last day, oldest expiry first). */
static void
insert_booked (ChqSandboxSeeder *seeder,
               const char       *company_id,
               const char       *worker_id,
               const char       *course_id)
{
  g_autofree char *id = g_strdup_printf ("enr-%04" G_GINT64_FORMAT,
                                         chq_sandbox_db_next_seq (seeder->db, "enrolment"));
  g_autofree char *session_id = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *type = NULL;

  session_id = chq_sandbox_db_query_text (seeder->db,
                                          "SELECT id FROM course_sessions WHERE course_id = ?1 "
                                          "ORDER BY starts_at LIMIT 1",
                                          "s", course_id);
  ends = chq_sandbox_db_query_text (seeder->db,
                                    "SELECT ends_at FROM course_sessions WHERE id = ?1",
                                    "s", session_id);
  last_day = g_strndup (ends, 10);

  chq_sandbox_db_run (seeder->db,
                      "INSERT INTO enrolments (id, company_id, worker_id, course_id, session_id, "
                      "course_title, provider_name, voucher_type, starts_at, ends_at, year, hours, "
                      "usage_code, status, vouchers_reserved, created_at, updated_at) "
                      "SELECT ?1, ?2, ?3, c.id, s.id, c.title, p.name, c.voucher_type, "
                      "s.starts_at, s.ends_at, CAST(substr(s.starts_at, 1, 4) AS INTEGER), "
                      "c.hours, 'UC-7K3M-9QXA-2F', 'booked', c.hours, ?4, ?4 "
                      "FROM course_sessions s JOIN courses c ON c.id = s.course_id "
                      "JOIN providers p ON p.id = c.provider_id WHERE s.id = ?5",
                      "sssss", id, company_id, worker_id, seeder->updated_at, session_id);

  type = chq_sandbox_db_query_text (seeder->db, "SELECT voucher_type FROM courses WHERE id = ?1",
                                    "s", course_id);
  _chq_sandbox_ledger_reserve (seeder->db, company_id, id, type, last_day,
                               chq_sandbox_db_query_int (seeder->db, 0,
                                                         "SELECT hours FROM courses "
                                                         "WHERE id = ?1",
                                                         "s", course_id));

  chq_sandbox_db_run (seeder->db,
                      "UPDATE course_sessions SET seats_left = seats_left - 1 WHERE id = ?1",
                      "s", session_id);
}

static void
seed_companies (ChqSandboxSeeder *seeder)
{
  const GDate *today = &seeder->today;
  g_autofree char *order_a = NULL;
  g_autofree char *batch_a = NULL;
  GDate created_a = months_before (today, 10, 1);
  GDate credited_a = months_before (today, 10, 8);
  GDate created_b = months_before (today, 6, 2);
  GDate credited_b = months_before (today, 6, 10);
  GDate created_c = months_before (today, 6, 12);
  GDate cancelled_c = months_before (today, 6, 13);
  GDate created_d = *today;
  GDate attended_on = *today;

  g_date_subtract_days (&created_a, 10);   /* ordered late in the month before */
  g_date_subtract_days (&created_d, 2);
  g_date_subtract_days (&attended_on, 53);
  _chq_sandbox_skip_to_working_day (&attended_on);

  insert_company (seeder, "cmp-0001", CHQ_SANDBOX_DEMO_ENTERPRISE_NUMBER, "Atelier Mosan SRL",
                  "employer", 12.0, "100/0012/34560");
  insert_worker (seeder, "cmp-0001", "Sophie", "Dubois", "employee", "85073003328",
                 "sophie.dubois@ateliermosan.be");
  insert_worker (seeder, "cmp-0001", "Marc", "Lejeune", "employee", "79021412759",
                 "marc.lejeune@ateliermosan.be");
  insert_worker (seeder, "cmp-0001", "Nadia", "Benali", "employee", "91050324559", NULL);
  insert_worker (seeder, "cmp-0001", "Thomas", "Renard", "temp", NULL, NULL);
  insert_worker (seeder, "cmp-0001", "Philippe", "Mathieu", "self_employed_main", "72061101941",
                 "philippe.mathieu@ateliermosan.be");
  insert_worker (seeder, "cmp-0001", "Élodie", "Collard", "student", "04021512339",
                 "elodie.collard@example.be");

  order_a = insert_order (seeder, "cmp-0001", "cf", 100, &created_a, &credited_a, NULL);
  batch_a = g_strconcat ("bat-", order_a + strlen ("ord-"), NULL);
  g_free (insert_order (seeder, "cmp-0001", "cf", 100, &created_b, &credited_b, NULL));
  g_free (insert_order (seeder, "cmp-0001", "cfl", 20, &created_c, NULL, &cancelled_c));
  g_free (insert_order (seeder, "cmp-0001", "cf", 50, &created_d, NULL, NULL));

  insert_attended (seeder, "cmp-0001", "wrk-0001", "crs-ai-0003", batch_a, &attended_on);
  insert_booked (seeder, "cmp-0001", "wrk-0002", "crs-ai-0007");

  /* The self-employed holder: one worker, herself; one batch that expires at the end of
   * its validity soon (ordered ten months ago). */
  {
    GDate created_j = months_before (today, 10, 3);
    GDate credited_j = months_before (today, 10, 9);

    insert_company (seeder, "cmp-0002", "0987654394", "Julie Lambert", "self_employed_main", 0.0,
                    "100/0098/76553");
    insert_worker (seeder, "cmp-0002", "Julie", "Lambert", "self_employed_main", "83042208853",
                   "julie.lambert@example.be");
    g_free (insert_order (seeder, "cmp-0002", "cf", 20, &created_j, &credited_j, NULL));
  }
}

/**
 * _chq_sandbox_demo_seed:
 * @db: a database whose schema was just created
 * @now: the server clock
 * @demo: whether to add the demo companies and catalogue
 * @n_courses: generated courses to add
 * @seed: the generator's seed
 * @error: return location for a #GError
 *
 * Fills a new database in one transaction: the catalogue (_chq_sandbox_catalog_seed()),
 * then with @demo the two demo accounts with their workers and history.
 *
 * Returns: %TRUE on success
 */
gboolean
_chq_sandbox_demo_seed (ChqSandboxDb  *db,
                        GDateTime     *now,
                        gboolean       demo,
                        guint          n_courses,
                        guint64        seed,
                        GError       **error)
{
  g_auto(ChqSandboxSeeder) seeder = { 0 };

  _chq_sandbox_seeder_init (&seeder, db, now);

  if (!chq_sandbox_db_begin (db))
    {
      g_set_error (error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_DATABASE,
                   _("The demo database is busy. Close other programs using it and try again."));
      return FALSE;
    }

  _chq_sandbox_catalog_seed (&seeder, demo, n_courses, seed);
  if (demo)
    seed_companies (&seeder);

  if (!chq_sandbox_db_commit (db))
    {
      chq_sandbox_db_rollback (db);
      g_set_error (error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_DATABASE,
                   _("The demo data could not be written. Check the free disk space."));
      return FALSE;
    }

  return TRUE;
}

