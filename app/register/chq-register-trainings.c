/* chq-register-trainings.c: ChqRegister's trainings added by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-register"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-register-private.h"
#include "chq-training-right.h"

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
  if (!_chq_register_read_trainings (db, in->worker_key, in->year, trainings, error))
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
                                          _chq_register_training_columns);
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
  training = _chq_register_training_from_row (select);

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
