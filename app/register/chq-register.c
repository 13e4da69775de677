/* chq-register.c: ChqRegister, the employer's durable local training register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQLite database per account (enterprise number) under $XDG_DATA_HOME/chequier/, never
 * in the cache folder and never sent to the voucher service: the workers' local details
 * (birth, address, work regime, joint committee, service dates), the trainings added by
 * hand, the company's training-right settings, the joint-committee rules and the training
 * plans. The file is private (0600 in a 0700 folder) and every commit reaches the disk
 * (WAL, synchronous=FULL).
 *
 * All I/O runs on one worker thread of the register's own (a GThreadPool of one thread), in
 * the order the calls were made; the main thread only starts jobs and gets their results.
 */
#define G_LOG_DOMAIN "chq-register"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "chq-register-private.h"
#include "chq-training-right.h"

G_DEFINE_QUARK (chq-register-error-quark, chq_register_error)

struct _ChqRegister
{
  GObject      parent_instance;

  char        *enterprise_number; /* owned */
  char        *path;              /* owned */
  GThreadPool *pool;              /* owned: one thread */
  sqlite3     *db;                /* owned; used only on the pool's thread */
  GThread     *worker;            /* the pool's thread, once it ran a job */
};

G_DEFINE_FINAL_TYPE (ChqRegister, chq_register, G_TYPE_OBJECT)

typedef struct {
  ChqRegisterJobFunc func;
  gpointer           input;
  GDestroyNotify     input_free;
  GDestroyNotify     result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->input_free != NULL && job->input != NULL)
    job->input_free (job->input);
  g_free (job);
}

static gpointer
close_db_thread (gpointer data)
{
  chq_db_close (data);
  return NULL;
}

static void
chq_register_finalize (GObject *object)
{
  ChqRegister *self = CHQ_REGISTER (object);
  gboolean on_worker = self->worker == g_thread_self ();

  /* Every job holds a reference: the pool is idle. */
  g_thread_pool_free (self->pool, FALSE, !on_worker);

  /* Closing checkpoints the WAL: not on the main thread. */
  if (self->db != NULL)
    {
      if (on_worker)
        chq_db_close (self->db);
      else
        g_thread_unref (g_thread_new ("chq-register-close", close_db_thread, self->db));
    }

  g_free (self->enterprise_number);
  g_free (self->path);

  G_OBJECT_CLASS (chq_register_parent_class)->finalize (object);
}

static void
chq_register_class_init (ChqRegisterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chq_register_finalize;
}

static void
run_job_cb (gpointer data,
            gpointer user_data)
{
  g_autoptr(GTask) task = data;
  ChqRegister *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  self->worker = g_thread_self ();

  if (g_task_return_error_if_cancelled (task))
    return;

  result = job->func (self, self->db, job->input, &error);
  if (result == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_CLOSED,
                             _("The training register is closed."));
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, job->result_free);
}

static void
chq_register_init (ChqRegister *self)
{
  self->pool = g_thread_pool_new (run_job_cb, NULL, 1, FALSE, NULL);
}

void
_chq_register_run_job (ChqRegister         *self,
                       ChqRegisterJobFunc   func,
                       gpointer             input,
                       GDestroyNotify       input_free,
                       GDestroyNotify       result_free,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->input = input;
  job->input_free = input_free;
  job->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (self->pool, task, NULL);
}

gpointer
_chq_register_finish_job (ChqRegister   *self,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

sqlite3 *
_chq_register_steal_db (ChqRegister *self)
{
  return g_steal_pointer (&self->db);
}

void
_chq_register_set_db (ChqRegister *self,
                      sqlite3     *db)
{
  g_assert (self->db == NULL);
  self->db = db;
}

char *
_chq_register_date_to_text (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

void
_chq_register_date_from_text (const char *text,
                              GDate      *date)
{
  guint y, m, d;

  g_date_clear (date, 1);
  if (text != NULL && sscanf (text, "%4u-%2u-%2u", &y, &m, &d) == 3 &&
      g_date_valid_dmy (d, m, y))
    g_date_set_dmy (date, d, m, y);
}

static void
bind_date (sqlite3_stmt *stmt,
           int           index,
           const GDate  *date)
{
  g_autofree char *text = _chq_register_date_to_text (date);

  chq_db_bind_text (stmt, index, text);
}

static void
column_date (sqlite3_stmt *stmt,
             int           column,
             GDate        *date)
{
  _chq_register_date_from_text ((const char *) sqlite3_column_text (stmt, column), date);
}

/* The schema */

static const char schema_v1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE worker_details ("
  "  worker_key TEXT PRIMARY KEY,"
  "  birth_date TEXT, birth_place TEXT, address TEXT,"
  "  work_fraction REAL NOT NULL DEFAULT 1 CHECK (work_fraction > 0 AND work_fraction <= 1),"
  "  jc_number TEXT, jc_name TEXT, entry_date TEXT, leaving_date TEXT,"
  "  demo INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE trainings ("
  "  id INTEGER PRIMARY KEY,"
  "  worker_key TEXT NOT NULL, title TEXT NOT NULL,"
  "  internal INTEGER NOT NULL DEFAULT 0, provider TEXT,"
  "  formal INTEGER NOT NULL DEFAULT 1,"
  "  start_date TEXT NOT NULL, end_date TEXT,"
  "  hours REAL NOT NULL CHECK (hours > 0),"
  "  certificate INTEGER NOT NULL DEFAULT 0, certificate_valid_until TEXT,"
  "  cost_cents INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),"
  "  funding TEXT NOT NULL,"
  "  demo INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX trainings_by_worker ON trainings (worker_key, start_date);"
  "CREATE TABLE company_settings ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  workforce REAL, carry_over_years INTEGER NOT NULL DEFAULT 0,"
  "  hours_per_day REAL NOT NULL DEFAULT 7.6);"
  "CREATE TABLE jc_rules ("
  "  number TEXT PRIMARY KEY, name TEXT, days_per_year REAL NOT NULL,"
  "  demo INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE jc_steps ("
  "  number TEXT NOT NULL REFERENCES jc_rules (number) ON DELETE CASCADE"
  "    ON UPDATE CASCADE,"
  "  year INTEGER NOT NULL, days REAL NOT NULL, PRIMARY KEY (number, year));";

/* Version 2: the annual training plans. */
static const char schema_v2[] =
  "CREATE TABLE plans ("
  "  year INTEGER PRIMARY KEY,"
  "  target_groups TEXT, attention_groups TEXT, contribution TEXT, notes TEXT,"
  "  body INTEGER NOT NULL DEFAULT 0,"
  "  meeting_date TEXT, draft_sent_date TEXT, opinion_date TEXT, settled_date TEXT,"
  "  sent_to_fps_date TEXT,"
  "  demo INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE plan_items ("
  "  year INTEGER NOT NULL REFERENCES plans (year) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL, formal INTEGER NOT NULL DEFAULT 1, target_groups TEXT,"
  "  groups INTEGER NOT NULL DEFAULT 0, hours REAL NOT NULL DEFAULT 0,"
  "  participants INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (year, position));";

const ChqDbMigration _chq_register_migrations[] = {
  { 1, schema_v1, NULL },
  { 2, schema_v2, NULL },
};
const guint _chq_register_n_migrations = G_N_ELEMENTS (_chq_register_migrations);

G_STATIC_ASSERT (G_N_ELEMENTS (_chq_register_migrations) == CHQ_REGISTER_SCHEMA_VERSION);

static char *
read_meta (sqlite3     *db,
           const char  *key,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, "SELECT value FROM meta WHERE key = ?",
                                                 error);

  if (stmt == NULL)
    return NULL;
  chq_db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return chq_db_column_dup_text (stmt, 0);
}

static gboolean
write_meta (sqlite3     *db,
            const char  *key,
            const char  *value,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    chq_db_prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  chq_db_bind_text (stmt, 1, key);
  chq_db_bind_text (stmt, 2, value);

  return chq_db_step_done (db, stmt, error);
}

sqlite3 *
_chq_register_open_db (const char  *path,
                       const char  *enterprise_number,
                       GError     **error)
{
  sqlite3 *db = chq_db_open_private (path, TRUE, TRUE, error);
  g_autofree char *stored = NULL;

  if (db == NULL)
    return NULL;

  if (!chq_db_migrate (db, _chq_register_migrations, _chq_register_n_migrations, error))
    {
      chq_db_close (db);
      return NULL;
    }

  stored = read_meta (db, "enterprise_number", NULL);
  if (stored == NULL)
    {
      if (!write_meta (db, "enterprise_number", enterprise_number, error))
        {
          chq_db_close (db);
          return NULL;
        }
    }
  else if (g_strcmp0 (stored, enterprise_number) != 0)
    {
      g_set_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_WRONG_COMPANY,
                   _("The training register “%s” belongs to another company (%s). Move it "
                     "away or sign in to that company."), path, stored);
      chq_db_close (db);
      return NULL;
    }

  return db;
}

/* Open */

/**
 * chq_register_default_path:
 * @enterprise_number: the account's enterprise number (10 digits)
 *
 * Returns: (transfer full): $XDG_DATA_HOME/chequier/register-@enterprise_number.db
 */
char *
chq_register_default_path (const char *enterprise_number)
{
  g_autofree char *name = g_strdup_printf ("register-%s.db", enterprise_number);

  return g_build_filename (g_get_user_data_dir (), "chequier", name, NULL);
}

static gpointer
open_job (ChqRegister  *self,
          sqlite3      *db,
          gpointer      input,
          GError      **error)
{
  self->db = _chq_register_open_db (self->path, self->enterprise_number, error);

  return self->db != NULL ? g_object_ref (self) : NULL;
}

/**
 * chq_register_open_async:
 * @enterprise_number: the account's enterprise number, 10 digits
 * @path: (nullable): the database file; %NULL for chq_register_default_path()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the register is open
 * @user_data: data for @callback
 *
 * Opens the register of an account, creating it (a private file) and bringing an older
 * schema up to date. A register of another company or of a newer Chéquier is refused.
 */
void
chq_register_open_async (const char          *enterprise_number,
                         const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(ChqRegister) self = g_object_new (CHQ_TYPE_REGISTER, NULL);

  g_return_if_fail (enterprise_number != NULL);

  self->enterprise_number = g_strdup (enterprise_number);
  self->path = path != NULL ? g_strdup (path) : chq_register_default_path (enterprise_number);

  _chq_register_run_job (self, open_job, NULL, NULL, g_object_unref,
                         chq_register_open_async, cancellable, callback, user_data);
}

/**
 * chq_register_open_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the open register
 */
ChqRegister *
chq_register_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  GObject *source = g_async_result_get_source_object (result);
  g_autoptr(ChqRegister) self = CHQ_REGISTER (source);

  return _chq_register_finish_job (self, result, chq_register_open_async, error);
}

const char *
chq_register_get_enterprise_number (ChqRegister *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER (self), NULL);

  return self->enterprise_number;
}

const char *
chq_register_get_path (ChqRegister *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER (self), NULL);

  return self->path;
}

/* Rows */

static const char details_columns[] =
  "worker_key, birth_date, birth_place, address, work_fraction, jc_number, jc_name, "
  "entry_date, leaving_date, demo";

static ChqWorkerDetails *
details_from_row (sqlite3_stmt *stmt)
{
  ChqWorkerDetails *details =
    chq_worker_details_new ((const char *) sqlite3_column_text (stmt, 0));

  column_date (stmt, 1, &details->birth_date);
  details->birth_place = chq_db_column_dup_text (stmt, 2);
  details->address = chq_db_column_dup_text (stmt, 3);
  details->work_fraction = sqlite3_column_double (stmt, 4);
  details->jc_number = chq_db_column_dup_text (stmt, 5);
  details->jc_name = chq_db_column_dup_text (stmt, 6);
  column_date (stmt, 7, &details->entry_date);
  column_date (stmt, 8, &details->leaving_date);
  details->demo = sqlite3_column_int (stmt, 9) != 0;

  return details;
}

gboolean
_chq_register_insert_details (sqlite3                 *db,
                              const ChqWorkerDetails  *details,
                              GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    chq_db_prepare (db, "INSERT OR REPLACE INTO worker_details (worker_key, birth_date, "
                    "birth_place, address, work_fraction, jc_number, jc_name, entry_date, "
                    "leaving_date, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  chq_db_bind_text (stmt, 1, details->worker_key);
  bind_date (stmt, 2, &details->birth_date);
  chq_db_bind_text (stmt, 3, details->birth_place);
  chq_db_bind_text (stmt, 4, details->address);
  sqlite3_bind_double (stmt, 5, details->work_fraction);
  chq_db_bind_text (stmt, 6, details->jc_number);
  chq_db_bind_text (stmt, 7, details->jc_name);
  bind_date (stmt, 8, &details->entry_date);
  bind_date (stmt, 9, &details->leaving_date);
  sqlite3_bind_int (stmt, 10, details->demo);

  return chq_db_step_done (db, stmt, error);
}

static const char training_columns[] =
  "id, worker_key, title, internal, provider, formal, start_date, end_date, hours, "
  "certificate, certificate_valid_until, cost_cents, funding, demo";

static ChqTraining *
training_from_row (sqlite3_stmt *stmt)
{
  ChqTraining *training = chq_training_new ((const char *) sqlite3_column_text (stmt, 1),
                                            (const char *) sqlite3_column_text (stmt, 2));

  training->id = sqlite3_column_int64 (stmt, 0);
  training->source = CHQ_TRAINING_SOURCE_REGISTER;
  training->internal = sqlite3_column_int (stmt, 3) != 0;
  training->provider = chq_db_column_dup_text (stmt, 4);
  training->formal = sqlite3_column_int (stmt, 5) != 0;
  column_date (stmt, 6, &training->start_date);
  column_date (stmt, 7, &training->end_date);
  training->hours = sqlite3_column_double (stmt, 8);
  training->certificate = sqlite3_column_int (stmt, 9) != 0;
  column_date (stmt, 10, &training->certificate_valid_until);
  training->cost_cents = sqlite3_column_int64 (stmt, 11);
  if (!chq_funding_from_string ((const char *) sqlite3_column_text (stmt, 12),
                                &training->funding))
    training->funding = CHQ_FUNDING_OTHER;
  training->demo = sqlite3_column_int (stmt, 13) != 0;

  return training;
}

gint64
_chq_register_insert_training (sqlite3            *db,
                               const ChqTraining  *training,
                               GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    chq_db_prepare (db, "INSERT OR REPLACE INTO trainings (id, worker_key, title, internal, "
                    "provider, formal, start_date, end_date, hours, certificate, "
                    "certificate_valid_until, cost_cents, funding, demo) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return 0;

  if (training->id > 0)
    sqlite3_bind_int64 (stmt, 1, training->id);
  else
    sqlite3_bind_null (stmt, 1);
  chq_db_bind_text (stmt, 2, training->worker_key);
  chq_db_bind_text (stmt, 3, training->title);
  sqlite3_bind_int (stmt, 4, training->internal);
  chq_db_bind_text (stmt, 5, training->internal ? NULL : training->provider);
  sqlite3_bind_int (stmt, 6, training->formal);
  bind_date (stmt, 7, &training->start_date);
  bind_date (stmt, 8, &training->end_date);
  sqlite3_bind_double (stmt, 9, training->hours);
  sqlite3_bind_int (stmt, 10, training->certificate);
  bind_date (stmt, 11, training->certificate ? &training->certificate_valid_until : NULL);
  sqlite3_bind_int64 (stmt, 12, training->cost_cents);
  chq_db_bind_text (stmt, 13, chq_funding_to_string (training->funding));
  sqlite3_bind_int (stmt, 14, training->demo);

  if (!chq_db_step_done (db, stmt, error))
    return 0;

  return training->id > 0 ? training->id : sqlite3_last_insert_rowid (db);
}

gboolean
_chq_register_insert_jc_rule (sqlite3          *db,
                              const ChqJcRule  *rule,
                              gboolean          demo,
                              GError          **error)
{
  g_autoptr(sqlite3_stmt) del = chq_db_prepare (db, "DELETE FROM jc_rules WHERE number = ?",
                                                error);
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(sqlite3_stmt) step = NULL;

  if (del == NULL)
    return FALSE;
  chq_db_bind_text (del, 1, rule->number);
  if (!chq_db_step_done (db, del, error))
    return FALSE;

  ins = chq_db_prepare (db, "INSERT INTO jc_rules (number, name, days_per_year, demo) "
                        "VALUES (?, ?, ?, ?)", error);
  step = chq_db_prepare (db, "INSERT INTO jc_steps (number, year, days) VALUES (?, ?, ?)",
                         error);
  if (ins == NULL || step == NULL)
    return FALSE;

  chq_db_bind_text (ins, 1, rule->number);
  chq_db_bind_text (ins, 2, rule->name);
  sqlite3_bind_double (ins, 3, rule->days_per_year);
  sqlite3_bind_int (ins, 4, demo);
  if (!chq_db_step_done (db, ins, error))
    return FALSE;

  for (guint i = 0; rule->growth_path != NULL && i < rule->growth_path->len; i++)
    {
      const ChqJcStep *s = &g_array_index (rule->growth_path, ChqJcStep, i);

      chq_db_bind_text (step, 1, rule->number);
      sqlite3_bind_int (step, 2, s->year);
      sqlite3_bind_double (step, 3, s->days);
      if (!chq_db_step_done (db, step, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_chq_register_insert_plan (sqlite3                *db,
                           const ChqTrainingPlan  *plan,
                           gboolean                demo,
                           GError                **error)
{
  g_autoptr(sqlite3_stmt) del = chq_db_prepare (db, "DELETE FROM plans WHERE year = ?", error);
  g_autoptr(sqlite3_stmt) ins = NULL;
  g_autoptr(sqlite3_stmt) item = NULL;

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int (del, 1, plan->year);
  if (!chq_db_step_done (db, del, error))
    return FALSE;

  ins = chq_db_prepare (db, "INSERT INTO plans (year, target_groups, attention_groups, "
                        "contribution, notes, body, meeting_date, draft_sent_date, "
                        "opinion_date, settled_date, sent_to_fps_date, demo) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  item = chq_db_prepare (db, "INSERT INTO plan_items (year, position, title, formal, "
                         "target_groups, groups, hours, participants) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (ins == NULL || item == NULL)
    return FALSE;

  sqlite3_bind_int (ins, 1, plan->year);
  chq_db_bind_text (ins, 2, plan->target_groups);
  chq_db_bind_text (ins, 3, plan->attention_groups);
  chq_db_bind_text (ins, 4, plan->contribution);
  chq_db_bind_text (ins, 5, plan->notes);
  sqlite3_bind_int (ins, 6, plan->body);
  bind_date (ins, 7, &plan->meeting_date);
  bind_date (ins, 8, &plan->draft_sent_date);
  bind_date (ins, 9, &plan->opinion_date);
  bind_date (ins, 10, &plan->settled_date);
  bind_date (ins, 11, &plan->sent_to_fps_date);
  sqlite3_bind_int (ins, 12, demo);
  if (!chq_db_step_done (db, ins, error))
    return FALSE;

  for (guint i = 0; i < plan->items->len; i++)
    {
      const ChqPlanItem *it = plan->items->pdata[i];

      sqlite3_bind_int (item, 1, plan->year);
      sqlite3_bind_int (item, 2, i);
      chq_db_bind_text (item, 3, it->title);
      sqlite3_bind_int (item, 4, it->formal);
      chq_db_bind_text (item, 5, it->target_groups);
      sqlite3_bind_int (item, 6, it->groups & CHQ_PLAN_GROUP_ALL);
      sqlite3_bind_double (item, 7, it->hours);
      sqlite3_bind_int (item, 8, it->participants);
      if (!chq_db_step_done (db, item, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_chq_register_write_settings (sqlite3                    *db,
                              const ChqTrainingSettings  *settings,
                              GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    chq_db_prepare (db, "INSERT OR REPLACE INTO company_settings (id, workforce, "
                    "carry_over_years, hours_per_day) VALUES (1, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  if (settings->workforce < 0)
    sqlite3_bind_null (stmt, 1);
  else
    sqlite3_bind_double (stmt, 1, settings->workforce);
  sqlite3_bind_int (stmt, 2, settings->carry_over_years);
  sqlite3_bind_double (stmt, 3, settings->hours_per_day);

  return chq_db_step_done (db, stmt, error);
}

static gboolean
read_trainings (sqlite3     *db,
                const char  *worker_key,
                int          year,
                GPtrArray   *out,
                GError     **error)
{
  g_autofree char *sql =
    g_strdup_printf ("SELECT %s FROM trainings WHERE (?1 IS NULL OR worker_key = ?1) "
                     "AND (?2 = 0 OR substr (coalesce (end_date, start_date), 1, 4) = "
                     "printf ('%%04d', ?2)) ORDER BY start_date, id", training_columns);
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  chq_db_bind_text (stmt, 1, worker_key);
  sqlite3_bind_int (stmt, 2, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, training_from_row (stmt));

  if (rc != SQLITE_DONE)
    return chq_db_set_error (error, db, rc, _("Could not read the trainings"));

  return TRUE;
}

static gboolean
read_rules (sqlite3    *db,
            GPtrArray  *out,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) rules =
    chq_db_prepare (db, "SELECT number, name, days_per_year FROM jc_rules ORDER BY number",
                    error);
  g_autoptr(sqlite3_stmt) steps =
    chq_db_prepare (db, "SELECT year, days FROM jc_steps WHERE number = ? ORDER BY year",
                    error);

  if (rules == NULL || steps == NULL)
    return FALSE;

  while (sqlite3_step (rules) == SQLITE_ROW)
    {
      ChqJcRule *rule = chq_jc_rule_new ((const char *) sqlite3_column_text (rules, 0),
                                         (const char *) sqlite3_column_text (rules, 1),
                                         sqlite3_column_double (rules, 2));

      chq_db_bind_text (steps, 1, rule->number);
      while (sqlite3_step (steps) == SQLITE_ROW)
        chq_jc_rule_add_step (rule, sqlite3_column_int (steps, 0),
                              sqlite3_column_double (steps, 1));
      sqlite3_reset (steps);
      g_ptr_array_add (out, rule);
    }

  return TRUE;
}

static gboolean
read_plans (sqlite3    *db,
            GPtrArray  *out,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) plans =
    chq_db_prepare (db, "SELECT year, target_groups, attention_groups, contribution, notes, "
                    "body, meeting_date, draft_sent_date, opinion_date, settled_date, "
                    "sent_to_fps_date FROM plans ORDER BY year", error);
  g_autoptr(sqlite3_stmt) items =
    chq_db_prepare (db, "SELECT title, formal, target_groups, groups, hours, participants "
                    "FROM plan_items WHERE year = ? ORDER BY position", error);

  if (plans == NULL || items == NULL)
    return FALSE;

  while (sqlite3_step (plans) == SQLITE_ROW)
    {
      ChqTrainingPlan *plan = chq_training_plan_new (sqlite3_column_int (plans, 0));

      plan->target_groups = chq_db_column_dup_text (plans, 1);
      plan->attention_groups = chq_db_column_dup_text (plans, 2);
      plan->contribution = chq_db_column_dup_text (plans, 3);
      plan->notes = chq_db_column_dup_text (plans, 4);
      plan->body = CLAMP (sqlite3_column_int (plans, 5), 0, CHQ_PLAN_BODY_WORKERS);
      column_date (plans, 6, &plan->meeting_date);
      column_date (plans, 7, &plan->draft_sent_date);
      column_date (plans, 8, &plan->opinion_date);
      column_date (plans, 9, &plan->settled_date);
      column_date (plans, 10, &plan->sent_to_fps_date);

      sqlite3_bind_int (items, 1, plan->year);
      while (sqlite3_step (items) == SQLITE_ROW)
        {
          ChqPlanItem *item = chq_plan_item_new ((const char *) sqlite3_column_text (items, 0),
                                                 sqlite3_column_int (items, 1) != 0);

          item->target_groups = chq_db_column_dup_text (items, 2);
          item->groups = sqlite3_column_int (items, 3) & CHQ_PLAN_GROUP_ALL;
          item->hours = sqlite3_column_double (items, 4);
          item->participants = sqlite3_column_int (items, 5);
          g_ptr_array_add (plan->items, item);
        }
      sqlite3_reset (items);
      g_ptr_array_add (out, plan);
    }

  return TRUE;
}

ChqRegisterData *
_chq_register_read_all (sqlite3     *db,
                        const char  *enterprise_number,
                        GError     **error)
{
  g_autoptr(ChqRegisterData) data = chq_register_data_new (enterprise_number);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM worker_details ORDER BY worker_key",
                                          details_columns);
  g_autoptr(sqlite3_stmt) details = NULL;
  g_autoptr(sqlite3_stmt) settings = NULL;

  /* One read transaction: a consistent snapshot. */
  if (!chq_db_exec (db, "BEGIN", error))
    return NULL;

  details = chq_db_prepare (db, sql, error);
  settings = chq_db_prepare (db, "SELECT workforce, carry_over_years, hours_per_day "
                             "FROM company_settings WHERE id = 1", error);
  if (details == NULL || settings == NULL)
    goto fail;

  while (sqlite3_step (details) == SQLITE_ROW)
    g_ptr_array_add (data->details, details_from_row (details));

  if (sqlite3_step (settings) == SQLITE_ROW)
    {
      data->settings.workforce = sqlite3_column_type (settings, 0) == SQLITE_NULL
                                 ? -1 : sqlite3_column_double (settings, 0);
      data->settings.carry_over_years = sqlite3_column_int (settings, 1);
      data->settings.hours_per_day = sqlite3_column_double (settings, 2);
    }

  if (!read_trainings (db, NULL, 0, data->trainings, error) ||
      !read_rules (db, data->jc_rules, error) ||
      !read_plans (db, data->plans, error))
    goto fail;

  g_clear_pointer (&details, sqlite3_finalize);
  g_clear_pointer (&settings, sqlite3_finalize);
  chq_db_exec (db, "COMMIT", NULL);

  return g_steal_pointer (&data);

fail:
  g_clear_pointer (&details, sqlite3_finalize);
  g_clear_pointer (&settings, sqlite3_finalize);
  chq_db_rollback (db);
  return NULL;
}

/* Jobs */

static gpointer
load_job (ChqRegister  *self,
          sqlite3      *db,
          gpointer      input,
          GError      **error)
{
  if (db == NULL)
    return NULL;

  return _chq_register_read_all (db, self->enterprise_number, error);
}

/**
 * chq_register_load_async:
 * @self: a #ChqRegister
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with everything the register holds
 * @user_data: data for @callback
 *
 * Reads the whole register in one consistent snapshot.
 */
void
chq_register_load_async (ChqRegister         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));

  _chq_register_run_job (self, load_job, NULL, NULL,
                         (GDestroyNotify) chq_register_data_free,
                         chq_register_load_async, cancellable, callback, user_data);
}

/**
 * chq_register_load_finish:
 * @self: a #ChqRegister
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the register's content
 */
ChqRegisterData *
chq_register_load_finish (ChqRegister   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_load_async, error);
}

/* A job's result that is "no value" but not an error (get/delete of a missing row). */
typedef struct {
  gpointer value;
  GDestroyNotify free_func;
} Maybe;

static void
maybe_free (Maybe *maybe)
{
  if (maybe->value != NULL)
    maybe->free_func (maybe->value);
  g_free (maybe);
}

static Maybe *
maybe_new (gpointer       value,
           GDestroyNotify free_func)
{
  Maybe *maybe = g_new0 (Maybe, 1);

  maybe->value = value;
  maybe->free_func = free_func;

  return maybe;
}

static gpointer
maybe_steal (Maybe *maybe)
{
  gpointer value;

  if (maybe == NULL)
    return NULL;

  value = g_steal_pointer (&maybe->value);
  maybe_free (maybe);

  return value;
}

static ChqWorkerDetails *
select_details (sqlite3     *db,
                const char  *worker_key,
                GError     **error,
                gboolean    *ok)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM worker_details WHERE worker_key = ?",
                                          details_columns);
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, sql, error);
  int rc;

  *ok = stmt != NULL;
  if (stmt == NULL)
    return NULL;

  chq_db_bind_text (stmt, 1, worker_key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return details_from_row (stmt);
  if (rc != SQLITE_DONE)
    *ok = chq_db_set_error (error, db, rc, _("Could not read the worker’s details"));

  return NULL;
}

static gpointer
get_details_job (ChqRegister  *self,
                 sqlite3      *db,
                 gpointer      input,
                 GError      **error)
{
  gboolean ok;
  ChqWorkerDetails *details;

  if (db == NULL)
    return NULL;

  details = select_details (db, input, error, &ok);

  return ok ? maybe_new (details, (GDestroyNotify) chq_worker_details_free) : NULL;
}

void
chq_register_get_details_async (ChqRegister         *self,
                                const char          *worker_key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (worker_key != NULL);

  _chq_register_run_job (self, get_details_job, g_strdup (worker_key), g_free,
                         (GDestroyNotify) maybe_free, chq_register_get_details_async,
                         cancellable, callback, user_data);
}

/**
 * chq_register_get_details_finish:
 * @self: a #ChqRegister
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the details; %NULL with @error unset when the worker
 *   has none
 */
ChqWorkerDetails *
chq_register_get_details_finish (ChqRegister   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return maybe_steal (_chq_register_finish_job (self, result, chq_register_get_details_async,
                                                error));
}

static gpointer
save_details_job (ChqRegister  *self,
                  sqlite3      *db,
                  gpointer      input,
                  GError      **error)
{
  if (db == NULL)
    return NULL;

  if (!_chq_register_insert_details (db, input, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

/**
 * chq_register_save_details_async:
 * @self: a #ChqRegister
 * @details: the worker's details
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when they are stored
 * @user_data: data for @callback
 *
 * Stores a worker's details, replacing what was there. The fraction and the dates are
 * checked (without the NISS: check it with chq_worker_details_check() as the user types).
 */
void
chq_register_save_details_async (ChqRegister            *self,
                                 const ChqWorkerDetails *details,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  GError *error = NULL;

  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (details != NULL && details->worker_key != NULL);

  if (!chq_worker_details_check (details, NULL, NULL, &error))
    {
      g_task_report_error (self, callback, user_data, chq_register_save_details_async, error);
      return;
    }

  _chq_register_run_job (self, save_details_job, chq_worker_details_copy (details),
                         (GDestroyNotify) chq_worker_details_free, NULL,
                         chq_register_save_details_async, cancellable, callback, user_data);
}

gboolean
chq_register_save_details_finish (ChqRegister   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_save_details_async,
                                   error) != NULL;
}

static gpointer
delete_details_job (ChqRegister  *self,
                    sqlite3      *db,
                    gpointer      input,
                    GError      **error)
{
  g_autoptr(ChqWorkerDetails) details = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) del_trainings = NULL;
  gboolean ok;

  if (db == NULL || !chq_db_begin (db, error))
    return NULL;

  details = select_details (db, input, error, &ok);
  del = chq_db_prepare (db, "DELETE FROM worker_details WHERE worker_key = ?", error);
  del_trainings = chq_db_prepare (db, "DELETE FROM trainings WHERE worker_key = ?", error);
  if (!ok || del == NULL || del_trainings == NULL)
    goto fail;
  chq_db_bind_text (del, 1, input);
  chq_db_bind_text (del_trainings, 1, input);
  if (!chq_db_step_done (db, del, error) || !chq_db_step_done (db, del_trainings, error))
    goto fail;
  g_clear_pointer (&del, sqlite3_finalize);
  g_clear_pointer (&del_trainings, sqlite3_finalize);
  if (!chq_db_commit (db, error))
    goto fail;

  return maybe_new (g_steal_pointer (&details), (GDestroyNotify) chq_worker_details_free);

fail:
  g_clear_pointer (&del, sqlite3_finalize);
  g_clear_pointer (&del_trainings, sqlite3_finalize);
  chq_db_rollback (db);
  return NULL;
}

/**
 * chq_register_delete_details_async:
 * @self: a #ChqRegister
 * @worker_key: the worker
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when they are deleted
 * @user_data: data for @callback
 *
 * Deletes a worker's details and trainings (when the worker is deleted). To undo, list the
 * worker's trainings first and save both back.
 */
void
chq_register_delete_details_async (ChqRegister         *self,
                                   const char          *worker_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (worker_key != NULL);

  _chq_register_run_job (self, delete_details_job, g_strdup (worker_key), g_free,
                         (GDestroyNotify) maybe_free, chq_register_delete_details_async,
                         cancellable, callback, user_data);
}

/**
 * chq_register_delete_details_finish:
 * @self: a #ChqRegister
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the details deleted; %NULL with @error unset when
 *   there were none
 */
ChqWorkerDetails *
chq_register_delete_details_finish (ChqRegister   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return maybe_steal (_chq_register_finish_job (self, result,
                                                chq_register_delete_details_async, error));
}

static gpointer
rekey_job (ChqRegister  *self,
           sqlite3      *db,
           gpointer      input,
           GError      **error)
{
  char **keys = input;
  g_autoptr(sqlite3_stmt) move_details = NULL;
  g_autoptr(sqlite3_stmt) drop_details = NULL;
  g_autoptr(sqlite3_stmt) move_trainings = NULL;
  int changes = 0;

  if (db == NULL || !chq_db_begin (db, error))
    return NULL;

  /* The details move unless the new key has its own (which are newer: typed since). */
  move_details = chq_db_prepare (db, "UPDATE OR IGNORE worker_details SET worker_key = ?2 "
                                 "WHERE worker_key = ?1", error);
  drop_details = chq_db_prepare (db, "DELETE FROM worker_details WHERE worker_key = ?1",
                                 error);
  move_trainings = chq_db_prepare (db, "UPDATE trainings SET worker_key = ?2 "
                                   "WHERE worker_key = ?1", error);
  if (move_details == NULL || drop_details == NULL || move_trainings == NULL)
    goto fail;

  chq_db_bind_text (move_details, 1, keys[0]);
  chq_db_bind_text (move_details, 2, keys[1]);
  if (!chq_db_step_done (db, move_details, error))
    goto fail;
  changes += sqlite3_changes (db);
  chq_db_bind_text (drop_details, 1, keys[0]);
  if (!chq_db_step_done (db, drop_details, error))
    goto fail;
  chq_db_bind_text (move_trainings, 1, keys[0]);
  chq_db_bind_text (move_trainings, 2, keys[1]);
  if (!chq_db_step_done (db, move_trainings, error))
    goto fail;
  changes += sqlite3_changes (db);

  g_clear_pointer (&move_details, sqlite3_finalize);
  g_clear_pointer (&drop_details, sqlite3_finalize);
  g_clear_pointer (&move_trainings, sqlite3_finalize);
  if (!chq_db_commit (db, error))
    goto fail;

  return maybe_new (GINT_TO_POINTER (changes > 0), NULL);

fail:
  g_clear_pointer (&move_details, sqlite3_finalize);
  g_clear_pointer (&drop_details, sqlite3_finalize);
  g_clear_pointer (&move_trainings, sqlite3_finalize);
  chq_db_rollback (db);
  return NULL;
}

/**
 * chq_register_rekey_worker_async:
 * @self: a #ChqRegister
 * @old_key: the key the details were stored under (the outbox entry's client UUID)
 * @new_key: the worker's id, given by the service
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Moves a worker's details and trainings to the id the service gave: call it when the
 * outbox entry that creates the worker is answered.
 */
void
chq_register_rekey_worker_async (ChqRegister         *self,
                                 const char          *old_key,
                                 const char          *new_key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  char **keys;

  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (old_key != NULL && new_key != NULL);

  keys = g_new0 (char *, 3);
  keys[0] = g_strdup (old_key);
  keys[1] = g_strdup (new_key);
  _chq_register_run_job (self, rekey_job, keys, (GDestroyNotify) g_strfreev,
                         (GDestroyNotify) maybe_free, chq_register_rekey_worker_async,
                         cancellable, callback, user_data);
}

/**
 * chq_register_rekey_worker_finish:
 * @self: a #ChqRegister
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: whether anything moved (%FALSE with @error unset when nothing was stored under
 *   the old key)
 */
gboolean
chq_register_rekey_worker_finish (ChqRegister   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return GPOINTER_TO_INT (maybe_steal (_chq_register_finish_job (
    self, result, chq_register_rekey_worker_async, error)));
}

/* Trainings */

typedef struct {
  char *worker_key;
  int   year;
} ListInput;

static void
list_input_free (ListInput *input)
{
  g_free (input->worker_key);
  g_free (input);
}

static gpointer
list_trainings_job (ChqRegister  *self,
                    sqlite3      *db,
                    gpointer      input,
                    GError      **error)
{
  ListInput *in = input;
  g_autoptr(GPtrArray) trainings = NULL;

  if (db == NULL)
    return NULL;

  trainings = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_training_free);
  if (!read_trainings (db, in->worker_key, in->year, trainings, error))
    return NULL;

  return g_steal_pointer (&trainings);
}

void
chq_register_list_trainings_async (ChqRegister         *self,
                                   const char          *worker_key,
                                   int                  year,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  ListInput *input = g_new0 (ListInput, 1);

  g_return_if_fail (CHQ_IS_REGISTER (self));

  input->worker_key = g_strdup (worker_key);
  input->year = year;
  _chq_register_run_job (self, list_trainings_job, input, (GDestroyNotify) list_input_free,
                         (GDestroyNotify) g_ptr_array_unref,
                         chq_register_list_trainings_async, cancellable, callback, user_data);
}

/**
 * chq_register_list_trainings_finish:
 * @self: a #ChqRegister
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type ChqTraining): the trainings, by start date
 */
GPtrArray *
chq_register_list_trainings_finish (ChqRegister   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_list_trainings_async, error);
}

static gboolean
training_exists (sqlite3 *db,
                 gint64   id)
{
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, "SELECT 1 FROM trainings WHERE id = ?",
                                                 NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gpointer
store_training (sqlite3      *db,
                ChqTraining  *training,
                gboolean      must_exist,
                GError      **error)
{
  ChqTraining *stored;
  gint64 id;

  if (db == NULL)
    return NULL;

  if (must_exist && !training_exists (db, training->id))
    {
      g_set_error_literal (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_NOT_FOUND,
                           _("This training is no longer in the register: it was deleted. "
                             "Add it again."));
      return NULL;
    }

  id = _chq_register_insert_training (db, training, error);
  if (id == 0)
    return NULL;

  stored = chq_training_copy (training);
  stored->id = id;
  stored->source = CHQ_TRAINING_SOURCE_REGISTER;
  if (stored->internal)
    g_clear_pointer (&stored->provider, g_free);
  if (!stored->certificate)
    g_date_clear (&stored->certificate_valid_until, 1);

  return stored;
}

static gpointer
add_training_job (ChqRegister  *self,
                  sqlite3      *db,
                  gpointer      input,
                  GError      **error)
{
  return store_training (db, input, FALSE, error);
}

static gpointer
update_training_job (ChqRegister  *self,
                     sqlite3      *db,
                     gpointer      input,
                     GError      **error)
{
  return store_training (db, input, TRUE, error);
}

static gboolean
report_invalid_training (ChqRegister         *self,
                         const ChqTraining   *training,
                         gpointer             source_tag,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GError *error = NULL;

  if (chq_training_check (training, &error))
    return FALSE;

  g_task_report_error (self, callback, user_data, source_tag, error);
  return TRUE;
}

/**
 * chq_register_add_training_async:
 * @self: a #ChqRegister
 * @training: the training; id 0 for a new one, or the id it had to undo its deletion
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the stored training
 * @user_data: data for @callback
 *
 * Checks a training (chq_training_check()) and adds it to the register.
 */
void
chq_register_add_training_async (ChqRegister         *self,
                                 const ChqTraining   *training,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (training != NULL);

  if (report_invalid_training (self, training, chq_register_add_training_async, callback,
                               user_data))
    return;

  _chq_register_run_job (self, add_training_job, chq_training_copy (training),
                         (GDestroyNotify) chq_training_free,
                         (GDestroyNotify) chq_training_free,
                         chq_register_add_training_async, cancellable, callback, user_data);
}

/**
 * chq_register_add_training_finish:
 * @self: a #ChqRegister
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the training as stored, with its id
 */
ChqTraining *
chq_register_add_training_finish (ChqRegister   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_add_training_async, error);
}

/**
 * chq_register_update_training_async:
 * @self: a #ChqRegister
 * @training: the training with its id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the stored training
 * @user_data: data for @callback
 *
 * Replaces a training of the register (CHQ_REGISTER_ERROR_NOT_FOUND if it was deleted).
 */
void
chq_register_update_training_async (ChqRegister         *self,
                                    const ChqTraining   *training,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (training != NULL && training->id > 0);

  if (report_invalid_training (self, training, chq_register_update_training_async, callback,
                               user_data))
    return;

  _chq_register_run_job (self, update_training_job, chq_training_copy (training),
                         (GDestroyNotify) chq_training_free,
                         (GDestroyNotify) chq_training_free,
                         chq_register_update_training_async, cancellable, callback,
                         user_data);
}

ChqTraining *
chq_register_update_training_finish (ChqRegister   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_update_training_async, error);
}

static gpointer
delete_training_job (ChqRegister  *self,
                     sqlite3      *db,
                     gpointer      input,
                     GError      **error)
{
  gint64 id = *(gint64 *) input;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM trainings WHERE id = ?",
                                          training_columns);
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(ChqTraining) training = NULL;

  if (db == NULL)
    return NULL;

  select = chq_db_prepare (db, sql, error);
  del = chq_db_prepare (db, "DELETE FROM trainings WHERE id = ?", error);
  if (select == NULL || del == NULL)
    return NULL;

  sqlite3_bind_int64 (select, 1, id);
  if (sqlite3_step (select) != SQLITE_ROW)
    {
      g_set_error_literal (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_NOT_FOUND,
                           _("This training is no longer in the register."));
      return NULL;
    }
  training = training_from_row (select);

  sqlite3_bind_int64 (del, 1, id);
  if (!chq_db_step_done (db, del, error))
    return NULL;

  return g_steal_pointer (&training);
}

/**
 * chq_register_delete_training_async:
 * @self: a #ChqRegister
 * @id: the training's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the training deleted
 * @user_data: data for @callback
 *
 * Deletes a training; its finish returns it, to add it back (undo).
 */
void
chq_register_delete_training_async (ChqRegister         *self,
                                    gint64               id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));

  _chq_register_run_job (self, delete_training_job, g_memdup2 (&id, sizeof id), g_free,
                         (GDestroyNotify) chq_training_free,
                         chq_register_delete_training_async, cancellable, callback,
                         user_data);
}

/**
 * chq_register_delete_training_finish:
 * @self: a #ChqRegister
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the training deleted, with its id
 */
ChqTraining *
chq_register_delete_training_finish (ChqRegister   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_delete_training_async, error);
}
