/* chq-sandbox-workers.c: the company's workers (/v1/workers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A worker is never deleted: DELETE archives it, and its history stays.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-ident.h"
#include "chq-value.h"
#include "chq-worker.h"
#include "chq-sandbox-private.h"

#define MAX_NAME_CHARS 200

#define WORKER_COLUMNS \
  "SELECT w.id, w.first_name, w.last_name, w.status, w.niss, w.email, w.archived, " \
  "(SELECT coalesce(sum(d.hours), 0) FROM attendance_days d " \
  " JOIN enrolments e ON e.id = d.enrolment_id " \
  " WHERE e.worker_id = w.id AND substr(d.day, 1, 4) = ?1) " \
  "FROM workers w "

static gpointer
load_worker (ChqSandboxDb *db,
             sqlite3_stmt *row)
{
  ChqWorkerStatus status = CHQ_WORKER_STATUS_EMPLOYEE;

  chq_worker_status_from_string (chq_sandbox_db_text (row, 3), &status);

  return g_object_new (CHQ_TYPE_WORKER,
                       "id", chq_sandbox_db_text (row, 0),
                       "first-name", chq_sandbox_db_text (row, 1),
                       "last-name", chq_sandbox_db_text (row, 2),
                       "status", status,
                       "niss", chq_sandbox_db_text (row, 4),
                       "email", chq_sandbox_db_text (row, 5),
                       "archived", sqlite3_column_int (row, 6) != 0,
                       "hours-this-year", sqlite3_column_double (row, 7),
                       NULL);
}

static char *
year_text (ChqSandboxRequest *req)
{
  return g_strdup_printf ("%04d", g_date_get_year (&req->today));
}

static void
reply_worker (ChqSandboxRequest *req,
              guint              status,
              const char        *worker_id)
{
  g_autofree char *year = year_text (req);

  _chq_sandbox_reply_row (req, status,
                          chq_sandbox_db_query (req->db, WORKER_COLUMNS "WHERE w.id = ?2",
                                                "ss", year, worker_id),
                          load_worker);
}

static gboolean
worker_is_theirs (ChqSandboxRequest *req,
                  const char        *worker_id)
{
  return chq_sandbox_db_query_int (req->db, 0,
                                   "SELECT count(*) FROM workers WHERE id = ?1 AND company_id = ?2",
                                   "ss", worker_id, req->company_id) > 0;
}

/**
 * _chq_sandbox_get_workers:
 * @req: the request
 *
 * GET /v1/workers: every worker of the company, archived ones included (archived=true).
 */
void
_chq_sandbox_get_workers (ChqSandboxRequest *req)
{
  g_autofree char *year = year_text (req);

  _chq_sandbox_reply_rows (req,
                           chq_sandbox_db_query (req->db,
                                                 WORKER_COLUMNS "WHERE w.company_id = ?2 "
                                                 "ORDER BY w.id",
                                                 "ss", year, req->company_id),
                           load_worker);
}

/**
 * _chq_sandbox_get_worker:
 * @req: the request
 *
 * GET /v1/workers/{id}.
 */
void
_chq_sandbox_get_worker (ChqSandboxRequest *req)
{
  if (!worker_is_theirs (req, _chq_sandbox_request_segment (req, 3)))
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }

  reply_worker (req, SOUP_STATUS_OK, _chq_sandbox_request_segment (req, 3));
}

typedef struct {
  char *first_name;
  char *last_name;
  char *status;
  char *niss;   /* nullable, 11 digits */
  char *email;  /* nullable */
} WorkerInput;

static void
worker_input_clear (WorkerInput *input)
{
  g_free (input->first_name);
  g_free (input->last_name);
  g_free (input->status);
  g_free (input->niss);
  g_free (input->email);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WorkerInput, worker_input_clear)

static gboolean
valid_name (ChqSandboxRequest  *req,
            const char         *field,
            char              **out_value)
{
  const char *text = NULL;
  g_autofree char *trimmed = NULL;
  glong length;

  if (!_chq_sandbox_request_string (req, field, &text))
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  length = g_utf8_strlen (trimmed, -1);
  if (length < 1 || length > MAX_NAME_CHARS)
    {
      _chq_sandbox_reply_invalid (req, field,
                                  _("A name must hold 1 to 200 characters."));
      return FALSE;
    }

  *out_value = g_steal_pointer (&trimmed);
  return TRUE;
}

static gboolean
read_worker_input (ChqSandboxRequest *req,
                   WorkerInput       *input)
{
  const char *status = NULL;
  const char *niss = NULL;
  const char *email = NULL;

  if (!valid_name (req, "first_name", &input->first_name) ||
      !valid_name (req, "last_name", &input->last_name) ||
      !_chq_sandbox_request_string (req, "status", &status))
    return FALSE;

  if (!chq_worker_status_from_string (status, NULL))
    {
      _chq_sandbox_reply_invalid (req, "status",
                                  _("The status must be one of: employee, temp, "
                                    "self_employed_main, self_employed_secondary, "
                                    "helping_spouse, student, apprentice, intern, pfi_trainee."));
      return FALSE;
    }
  input->status = g_strdup (status);

  if (!_chq_sandbox_request_optional_string (req, "niss", &niss) ||
      !_chq_sandbox_request_optional_string (req, "email", &email))
    return FALSE;

  if (niss != NULL)
    {
      g_autoptr(GError) error = NULL;

      input->niss = chq_niss_normalize (niss, &error);
      if (input->niss == NULL || !chq_niss_validate (input->niss, &error))
        {
          _chq_sandbox_reply_invalid (req, "niss", error->message);
          return FALSE;
        }
    }

  if (email != NULL)
    {
      if (!chq_email_is_valid (email))
        {
          _chq_sandbox_reply_invalid (req, "email",
                                      _("The email address is not valid. "
                                        "Write it like name@example.be, or leave it empty."));
          return FALSE;
        }
      input->email = g_strdup (email);
    }

  return TRUE;
}

static gboolean
is_self_employed (ChqSandboxRequest *req)
{
  g_autofree char *kind = chq_sandbox_db_query_text (req->db,
                                                     "SELECT kind FROM companies WHERE id = ?1",
                                                     "s", req->company_id);

  return kind != NULL && !g_str_equal (kind, "employer");
}

/**
 * _chq_sandbox_post_workers:
 * @req: the request
 *
 * POST /v1/workers {first_name, last_name, status, niss?, email?} -> 201 the worker.
 * A self-employed account has one worker, the holder: 409 `conflict`.
 */
void
_chq_sandbox_post_workers (ChqSandboxRequest *req)
{
  g_auto(WorkerInput) input = { 0 };
  g_autofree char *worker_id = NULL;
  g_autofree char *now = NULL;

  if (!read_worker_input (req, &input))
    return;

  if (is_self_employed (req))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", NULL,
                                  _("A self-employed account has one worker: its holder. "
                                    "Edit that worker instead."));
      return;
    }

  worker_id = g_strdup_printf ("wrk-%04" G_GINT64_FORMAT,
                               chq_sandbox_db_next_seq (req->db, "worker"));
  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "INSERT INTO workers (id, company_id, first_name, last_name, status, niss, "
                      "email, archived, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?8)",
                      "ssssssss", worker_id, req->company_id, input.first_name,
                      input.last_name, input.status, input.niss, input.email, now);

  reply_worker (req, SOUP_STATUS_CREATED, worker_id);
}

/**
 * _chq_sandbox_put_worker:
 * @req: the request
 *
 * PUT /v1/workers/{id}: replaces the worker's fields (same body as POST).
 */
void
_chq_sandbox_put_worker (ChqSandboxRequest *req)
{
  g_auto(WorkerInput) input = { 0 };
  g_autofree char *now = NULL;
  const char *worker_id = _chq_sandbox_request_segment (req, 3);

  if (!worker_is_theirs (req, worker_id))
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }
  if (!read_worker_input (req, &input))
    return;

  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "UPDATE workers SET first_name = ?1, last_name = ?2, status = ?3, "
                      "niss = ?4, email = ?5, updated_at = ?6 WHERE id = ?7",
                      "sssssss", input.first_name, input.last_name, input.status, input.niss,
                      input.email, now, worker_id);

  reply_worker (req, SOUP_STATUS_OK, worker_id);
}

/**
 * _chq_sandbox_delete_worker:
 * @req: the request
 *
 * DELETE /v1/workers/{id}: archives the worker (the history stays); answers the archived
 * worker. The holder of a self-employed account cannot be archived (409 `conflict`).
 */
void
_chq_sandbox_delete_worker (ChqSandboxRequest *req)
{
  g_autofree char *now = NULL;
  const char *worker_id = _chq_sandbox_request_segment (req, 3);

  if (!worker_is_theirs (req, worker_id))
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }
  if (is_self_employed (req))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", NULL,
                                  _("The holder of a self-employed account cannot be "
                                    "archived."));
      return;
    }

  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db, "UPDATE workers SET archived = 1, updated_at = ?1 WHERE id = ?2",
                      "ss", now, worker_id);

  reply_worker (req, SOUP_STATUS_OK, worker_id);
}
