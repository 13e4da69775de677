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

static gboolean
unref_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* The worker's reference to @task is dropped in the task's context: the last reference to
 * the register is then never the worker's, and the register is not finalized on its own
 * thread. */
static void
release_task (GTask *task)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, unref_task_cb, task, NULL);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static void
run_job (GTask *task)
{
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
run_job_cb (gpointer data,
            gpointer user_data)
{
  GTask *task = data;

  run_job (task);
  release_task (task);
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

GThread *
_chq_register_get_worker_thread (ChqRegister *self)
{
  return self->worker;
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
                                          _chq_register_details_columns);
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, sql, error);
  int rc;

  *ok = stmt != NULL;
  if (stmt == NULL)
    return NULL;

  chq_db_bind_text (stmt, 1, worker_key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _chq_register_details_from_row (stmt);
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
