/* chq-sandbox-enrolments.c: booking workers on sessions (/v1/enrolments), cancelling,
 * and recording attendance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A booking reserves vouchers (chq-sandbox-ledger.c) and takes a seat; cancelling gives
 * both back; attendance settles the reservation: what was used stays used.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "chq-enrolment.h"
#include "chq-rules.h"
#include "chq-sandbox-private.h"

static ChqVoucherType
voucher_type_of (const char *word)
{
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;

  chq_voucher_type_from_string (word, &type);
  return type;
}

#define ENROLMENT_COLUMNS \
  "SELECT e.id, e.worker_id, e.course_id, e.session_id, e.status, e.usage_code, e.hours, " \
  "e.vouchers_reserved, e.vouchers_used, e.voucher_type, e.course_title, e.provider_name, " \
  "e.starts_at, e.ends_at, e.hours_attended, e.created_at FROM enrolments e "

/* The enrolment on @row (ENROLMENT_COLUMNS), with the days attended. */
static gpointer
load_enrolment (ChqSandboxDb *db,
                sqlite3_stmt *row)
{
  const char *id = chq_sandbox_db_text (row, 0);
  ChqEnrolmentStatus status = CHQ_ENROLMENT_STATUS_BOOKED;
  g_autoptr(GArray) attendance = chq_attendance_days_new ();
  g_autoptr(GDateTime) starts_at = _chq_sandbox_parse_time (chq_sandbox_db_text (row, 12));
  g_autoptr(GDateTime) ends_at = _chq_sandbox_parse_time (chq_sandbox_db_text (row, 13));
  g_autoptr(GDateTime) created_at = _chq_sandbox_parse_time (chq_sandbox_db_text (row, 15));
  sqlite3_stmt *days;

  days = chq_sandbox_db_query (db,
                               "SELECT day, hours FROM attendance_days WHERE enrolment_id = ?1 "
                               "ORDER BY day",
                               "s", id);
  while (sqlite3_step (days) == SQLITE_ROW)
    {
      ChqAttendanceDay day = { { 0, }, 0 };

      g_strlcpy (day.date, chq_sandbox_db_text (days, 0), sizeof day.date);
      day.hours = sqlite3_column_double (days, 1);
      g_array_append_val (attendance, day);
    }
  sqlite3_reset (days);

  chq_enrolment_status_from_string (chq_sandbox_db_text (row, 4), &status);

  return g_object_new (CHQ_TYPE_ENROLMENT,
                       "id", id,
                       "worker-id", chq_sandbox_db_text (row, 1),
                       "course-id", chq_sandbox_db_text (row, 2),
                       "session-id", chq_sandbox_db_text (row, 3),
                       "status", status,
                       "usage-code", chq_sandbox_db_text (row, 5),
                       "hours", (guint) sqlite3_column_int64 (row, 6),
                       "vouchers-reserved", (guint) sqlite3_column_int64 (row, 7),
                       "vouchers-used", (guint) sqlite3_column_int64 (row, 8),
                       "voucher-type", voucher_type_of (chq_sandbox_db_text (row, 9)),
                       "course-title", chq_sandbox_db_text (row, 10),
                       "provider-name", chq_sandbox_db_text (row, 11),
                       "starts-at", starts_at,
                       "ends-at", ends_at,
                       "attendance", attendance,
                       "hours-attended", sqlite3_column_double (row, 14),
                       "created-at", created_at,
                       NULL);
}

static void
reply_enrolment (ChqSandboxRequest *req,
                 guint              status,
                 const char        *enrolment_id)
{
  _chq_sandbox_reply_row (req, status,
                          chq_sandbox_db_query (req->db, ENROLMENT_COLUMNS "WHERE e.id = ?1",
                                                "s", enrolment_id),
                          load_enrolment);
}

/**
 * _chq_sandbox_get_enrolments:
 * @req: the request
 *
 * GET /v1/enrolments?year=Y: the company's enrolments whose session starts in year Y (all
 * of them without `year`), in session order.
 */
void
_chq_sandbox_get_enrolments (ChqSandboxRequest *req)
{
  const char *year_param = _chq_sandbox_request_query (req, "year");
  guint64 year = 0;

  if (year_param != NULL &&
      !g_ascii_string_to_unsigned (year_param, 10, 2000, 2100, &year, NULL))
    {
      _chq_sandbox_reply_invalid (req, "year", _("The year must be written like 2026."));
      return;
    }

  _chq_sandbox_reply_rows (req,
                           chq_sandbox_db_query (req->db,
                                                 ENROLMENT_COLUMNS "WHERE e.company_id = ?1 "
                                                 "AND (?2 = 0 OR e.year = ?2) "
                                                 "ORDER BY e.starts_at, e.id",
                                                 "si", req->company_id, (int) year),
                           load_enrolment);
}

static char *
new_usage_code (ChqSandboxRequest *req)
{
  /* No 0/O, 1/I/L: codes are read aloud and typed by people. */
  static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const guint groups[] = { 4, 4, 2 };

  for (;;)
    {
      GString *code = g_string_new ("UC");

      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          g_string_append_c (code, '-');
          for (guint i = 0; i < groups[g]; i++)
            g_string_append_c (code, alphabet[g_rand_int_range (req->rand, 0,
                                                                 sizeof alphabet - 1)]);
        }

      if (chq_sandbox_db_query_int (req->db, 0,
                                    "SELECT count(*) FROM enrolments WHERE usage_code = ?1",
                                    "s", code->str) == 0)
        return g_string_free (code, FALSE);

      g_string_free (code, TRUE);
    }
}

typedef struct {
  char   *course_id;
  char   *title;
  char   *provider_name;
  char   *voucher_type;
  gint64  hours;
  char   *session_id;
  char   *starts_at;
  char   *ends_at;
  gint64  seats_left;
} SessionInfo;

static void
session_info_clear (SessionInfo *info)
{
  g_free (info->course_id);
  g_free (info->title);
  g_free (info->provider_name);
  g_free (info->voucher_type);
  g_free (info->session_id);
  g_free (info->starts_at);
  g_free (info->ends_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionInfo, session_info_clear)

static gboolean
load_session (ChqSandboxDb *db,
              const char   *course_id,
              const char   *session_id,
              SessionInfo  *out)
{
  sqlite3_stmt *row = chq_sandbox_db_query (db,
                                            "SELECT c.id, c.title, p.name, c.voucher_type, "
                                            "c.hours, s.id, s.starts_at, s.ends_at, s.seats_left "
                                            "FROM course_sessions s "
                                            "JOIN courses c ON c.id = s.course_id "
                                            "JOIN providers p ON p.id = c.provider_id "
                                            "WHERE s.id = ?1 AND c.id = ?2",
                                            "ss", session_id, course_id);
  gboolean found = FALSE;

  if (sqlite3_step (row) == SQLITE_ROW)
    {
      found = TRUE;
      out->course_id = g_strdup (chq_sandbox_db_text (row, 0));
      out->title = g_strdup (chq_sandbox_db_text (row, 1));
      out->provider_name = g_strdup (chq_sandbox_db_text (row, 2));
      out->voucher_type = g_strdup (chq_sandbox_db_text (row, 3));
      out->hours = sqlite3_column_int64 (row, 4);
      out->session_id = g_strdup (chq_sandbox_db_text (row, 5));
      out->starts_at = g_strdup (chq_sandbox_db_text (row, 6));
      out->ends_at = g_strdup (chq_sandbox_db_text (row, 7));
      out->seats_left = sqlite3_column_int64 (row, 8);
    }
  sqlite3_reset (row);

  return found;
}

/**
 * _chq_sandbox_post_enrolments:
 * @req: the request
 *
 * POST /v1/enrolments {worker_id, course_id, session_id}: books an eligible, active worker
 * on a session with seats left, reserving the course's hours in vouchers of its type that
 * are still valid on the session's last day, oldest expiry first across batches. Answers
 * 201 with the enrolment and its usage code.
 */
void
_chq_sandbox_post_enrolments (ChqSandboxRequest *req)
{
  g_auto(SessionInfo) session = { 0 };
  g_autofree char *worker_status = NULL;
  g_autofree char *last_day_text = NULL;
  g_autofree char *enrolment_id = NULL;
  g_autofree char *usage_code = NULL;
  g_autofree char *now = NULL;
  const char *worker_id = NULL;
  const char *course_id = NULL;
  const char *session_id = NULL;
  const char *reason = NULL;
  ChqWorkerStatus status;
  GDate first_day, last_day;
  gint64 usable, archived;

  if (!_chq_sandbox_request_string (req, "worker_id", &worker_id) ||
      !_chq_sandbox_request_string (req, "course_id", &course_id) ||
      !_chq_sandbox_request_string (req, "session_id", &session_id))
    return;

  worker_status = chq_sandbox_db_query_text (req->db,
                                             "SELECT status FROM workers "
                                             "WHERE id = ?1 AND company_id = ?2",
                                             "ss", worker_id, req->company_id);
  if (worker_status == NULL)
    {
      _chq_sandbox_reply_not_found_field (req, "worker_id");
      return;
    }
  archived = chq_sandbox_db_query_int (req->db, 0,
                                       "SELECT archived FROM workers WHERE id = ?1",
                                       "s", worker_id);
  if (archived)
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                  "worker_id",
                                  _("This worker is archived. Restore the worker or choose "
                                    "another one."));
      return;
    }
  if (!chq_worker_status_from_string (worker_status, &status) ||
      !chq_rules_worker_status_is_eligible (status, &reason))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                  "worker_id",
                                  reason != NULL ? reason
                                  : _("This worker may not be trained with vouchers."));
      return;
    }

  if (chq_sandbox_db_query_int (req->db, 0, "SELECT count(*) FROM courses WHERE id = ?1",
                                "s", course_id) == 0)
    {
      _chq_sandbox_reply_not_found_field (req, "course_id");
      return;
    }
  if (!load_session (req->db, course_id, session_id, &session))
    {
      _chq_sandbox_reply_not_found_field (req, "session_id");
      return;
    }

  _chq_sandbox_date_of_time (session.starts_at, &first_day);
  _chq_sandbox_date_of_time (session.ends_at, &last_day);
  if (!g_date_valid (&first_day) || !g_date_valid (&last_day) ||
      g_date_compare (&first_day, &req->today) < 0)
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                  "session_id",
                                  _("This session has already started. Choose a later one."));
      return;
    }

  if (chq_sandbox_db_query_int (req->db, 0,
                                "SELECT count(*) FROM enrolments WHERE worker_id = ?1 "
                                "AND session_id = ?2 AND status = 'booked'",
                                "ss", worker_id, session_id) > 0)
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", "worker_id",
                                  _("This worker is already booked on this session."));
      return;
    }

  if (session.seats_left <= 0)
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "session_full", "session_id",
                                  _("This session has no seats left. Choose another session."));
      return;
    }

  last_day_text = _chq_sandbox_format_date (&last_day);
  usable = _chq_sandbox_ledger_usable (req->db, req->company_id, session.voucher_type,
                                       last_day_text);

  if (usable < session.hours)
    {
      g_autofree char *detail =
        /* Translators: first %s: a voucher type; the numbers are vouchers; last %s a date */
        g_strdup_printf (_("This course needs %d %s vouchers still valid on "
                           "%s, and %d are available. Order vouchers first."),
                         (int) session.hours,
                         chq_voucher_type_get_label (voucher_type_of (session.voucher_type)),
                         last_day_text, (int) usable);

      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "insufficient_vouchers", NULL,
                                  detail);
      return;
    }

  enrolment_id = g_strdup_printf ("enr-%04" G_GINT64_FORMAT,
                                  chq_sandbox_db_next_seq (req->db, "enrolment"));
  usage_code = new_usage_code (req);
  now = _chq_sandbox_format_time (req->now);

  chq_sandbox_db_run (req->db,
                      "INSERT INTO enrolments (id, company_id, worker_id, course_id, session_id, "
                      "course_title, provider_name, voucher_type, starts_at, ends_at, year, "
                      "hours, usage_code, status, vouchers_reserved, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                      "'booked', ?12, ?14, ?14)",
                      "ssssssssssiIss", enrolment_id, req->company_id, worker_id, course_id,
                      session_id, session.title, session.provider_name, session.voucher_type,
                      session.starts_at, session.ends_at, g_date_get_year (&first_day),
                      session.hours, usage_code, now);

  _chq_sandbox_ledger_reserve (req->db, req->company_id, enrolment_id, session.voucher_type,
                               last_day_text, session.hours);

  chq_sandbox_db_run (req->db,
                      "UPDATE course_sessions SET seats_left = seats_left - 1 WHERE id = ?1",
                      "s", session_id);
  _chq_sandbox_catalog_touch (req->db, course_id, req->now);

  reply_enrolment (req, SOUP_STATUS_CREATED, enrolment_id);
}

static char *
enrolment_status (ChqSandboxRequest *req,
                  const char        *enrolment_id)
{
  return chq_sandbox_db_query_text (req->db,
                                    "SELECT status FROM enrolments "
                                    "WHERE id = ?1 AND company_id = ?2",
                                    "ss", enrolment_id, req->company_id);
}

/**
 * _chq_sandbox_cancel_enrolment:
 * @req: the request
 *
 * POST /v1/enrolments/{id}/cancel: only while booked (409 `not_cancellable`); releases the
 * reservation and the seat.
 */
void
_chq_sandbox_cancel_enrolment (ChqSandboxRequest *req)
{
  const char *enrolment_id = _chq_sandbox_request_segment (req, 3);
  g_autofree char *status = enrolment_status (req, enrolment_id);
  g_autofree char *course_id = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *now = NULL;

  if (status == NULL)
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }
  if (!g_str_equal (status, "booked"))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "not_cancellable", NULL,
                                  _("Only a booked enrolment can be cancelled. "
                                    "This one is already attended or cancelled."));
      return;
    }

  _chq_sandbox_ledger_settle (req->db, enrolment_id, 0);
  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "UPDATE enrolments SET status = 'cancelled', vouchers_reserved = 0, "
                      "updated_at = ?1 WHERE id = ?2",
                      "ss", now, enrolment_id);

  course_id = chq_sandbox_db_query_text (req->db,
                                         "SELECT course_id FROM enrolments WHERE id = ?1",
                                         "s", enrolment_id);
  session_id = chq_sandbox_db_query_text (req->db,
                                          "SELECT session_id FROM enrolments WHERE id = ?1",
                                          "s", enrolment_id);
  chq_sandbox_db_run (req->db,
                      "UPDATE course_sessions SET seats_left = seats_left + 1 WHERE id = ?1",
                      "s", session_id);
  if (chq_sandbox_db_changes (req->db) > 0)
    _chq_sandbox_catalog_touch (req->db, course_id, req->now);

  reply_enrolment (req, SOUP_STATUS_OK, enrolment_id);
}

static GDateTime *
time_on_day (GDateTime   *pattern,
             const GDate *day)
{
  return g_date_time_new (g_date_time_get_timezone (pattern),
                          g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                          g_date_time_get_hour (pattern), g_date_time_get_minute (pattern), 0);
}

/**
 * _chq_sandbox_post_attendance:
 * @req: the request
 *
 * POST /v1/enrolments/{id}/attendance {days: [{date, hours}]}: each date within the
 * session, once; each day's hours a multiple of 0.5 within the day's cap
 * (chq_rules_day_kind(), chq_rules_check_day_hours()); the total within the course's
 * hours. Settles: a voucher pays a whole hour, so ceil(total) vouchers are used from the
 * reservation (oldest expiry first) and the rest goes back to the wallet.
 */
void
_chq_sandbox_post_attendance (ChqSandboxRequest *req)
{
  const char *enrolment_id = _chq_sandbox_request_segment (req, 3);
  g_autofree char *status = enrolment_status (req, enrolment_id);
  g_autofree char *starts_text = NULL;
  g_autofree char *ends_text = NULL;
  g_autofree char *type_word = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *days_node;
  JsonArray *days;
  GDate first_day, last_day;
  double total = 0;
  gint64 hours, used;

  if (status == NULL)
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }

  days_node = _chq_sandbox_request_member (req, "days");
  if (days_node == NULL || !JSON_NODE_HOLDS_ARRAY (days_node) ||
      json_array_get_length (json_node_get_array (days_node)) == 0)
    {
      _chq_sandbox_reply_invalid (req, "days",
                                  _("“days” must be a list of the days attended, each with "
                                    "its date and hours."));
      return;
    }
  days = json_node_get_array (days_node);
  if (json_array_get_length (days) > 366)
    {
      _chq_sandbox_reply_invalid (req, "days", _("A session has at most 366 days."));
      return;
    }

  starts_text = chq_sandbox_db_query_text (req->db,
                                           "SELECT starts_at FROM enrolments WHERE id = ?1",
                                           "s", enrolment_id);
  ends_text = chq_sandbox_db_query_text (req->db,
                                         "SELECT ends_at FROM enrolments WHERE id = ?1",
                                         "s", enrolment_id);
  type_word = chq_sandbox_db_query_text (req->db,
                                         "SELECT voucher_type FROM enrolments WHERE id = ?1",
                                         "s", enrolment_id);
  hours = chq_sandbox_db_query_int (req->db, 0, "SELECT hours FROM enrolments WHERE id = ?1",
                                    "s", enrolment_id);
  starts = _chq_sandbox_parse_time (starts_text);
  ends = _chq_sandbox_parse_time (ends_text);
  _chq_sandbox_date_of_time (starts_text, &first_day);
  _chq_sandbox_date_of_time (ends_text, &last_day);

  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonNode *item = json_array_get_element (days, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode *date_node = object != NULL ? json_object_get_member (object, "date") : NULL;
      JsonNode *hours_node = object != NULL ? json_object_get_member (object, "hours") : NULL;
      g_autofree char *date_field = g_strdup_printf ("days[%u].date", i);
      g_autofree char *hours_field = g_strdup_printf ("days[%u].hours", i);
      g_autoptr(GDateTime) day_starts = NULL;
      g_autoptr(GDateTime) day_ends = NULL;
      g_autoptr(GError) error = NULL;
      GDate day;
      double day_hours;

      if (!_chq_sandbox_node_is_string (date_node) ||
          !_chq_sandbox_parse_date (json_node_get_string (date_node), &day))
        {
          _chq_sandbox_reply_invalid (req, date_field,
                                      _("Each day needs a date written like 2027-01-12."));
          return;
        }
      if (!chq_rules_attendance_day_has_come (&day, &req->today, &error))
        {
          _chq_sandbox_reply_invalid (req, date_field, error->message);
          return;
        }
      if (!_chq_sandbox_node_is_number (hours_node) ||
          (day_hours = json_node_get_double (hours_node)) < 0 || day_hours > 24 ||
          day_hours * 2 != floor (day_hours * 2))
        {
          _chq_sandbox_reply_invalid (req, hours_field,
                                      _("Each day needs its hours, from 0 to 24 in half "
                                        "hours (like 7 or 3.5)."));
          return;
        }
      if (g_date_compare (&day, &first_day) < 0 || g_date_compare (&day, &last_day) > 0)
        {
          _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                      date_field,
                                      _("This day is outside the session's dates."));
          return;
        }
      if (!g_hash_table_add (seen, g_strdup (json_node_get_string (date_node))))
        {
          _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                      date_field, _("This day is listed twice."));
          return;
        }

      day_starts = time_on_day (starts, &day);
      day_ends = time_on_day (ends, &day);
      if (!chq_rules_check_day_hours (chq_rules_day_kind (day_starts, day_ends,
                                                          voucher_type_of (type_word)),
                                      day_hours, &error))
        {
          _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                      hours_field, error->message);
          return;
        }

      total += day_hours;
    }

  if (total > (double) hours)
    {
      g_autofree char *detail =
        /* Translators: %d is a number of hours */
        g_strdup_printf (_("The hours attended add up to more than the course's %d hours."),
                         (int) hours);

      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                  "days", detail);
      return;
    }

  if (!g_str_equal (status, "booked"))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", NULL,
                                  _("Attendance can only be recorded once, for a booked "
                                    "enrolment."));
      return;
    }

  used = (gint64) ceil (total);
  _chq_sandbox_ledger_settle (req->db, enrolment_id, used);

  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonObject *object = json_array_get_object_element (days, i);

      chq_sandbox_db_run (req->db,
                          "INSERT INTO attendance_days (enrolment_id, day, hours) "
                          "VALUES (?1, ?2, ?3)",
                          "ssd", enrolment_id, json_object_get_string_member (object, "date"),
                          json_object_get_double_member (object, "hours"));
    }

  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "UPDATE enrolments SET status = 'attended', vouchers_reserved = 0, "
                      "vouchers_used = ?1, hours_attended = ?2, updated_at = ?3 WHERE id = ?4",
                      "Idss", used, total, now, enrolment_id);

  reply_enrolment (req, SOUP_STATUS_OK, enrolment_id);
}
