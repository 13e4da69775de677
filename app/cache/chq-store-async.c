/* chq-store-async.c: ChqStore's reads off the main thread (GTask)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include "chq-store-private.h"

/* -------------------------------------------------------------------------------- async */

typedef enum {
  READ_QUERY,
  READ_COURSE,
  READ_ACCOUNT,
  READ_WALLET,
  READ_ORDERS,
  READ_BATCHES,
  READ_WORKERS,
  READ_ENROLMENTS,
  READ_ENROLMENT_YEARS,
} ReadKind;

typedef struct {
  ReadKind        kind;
  ChqCourseQuery *query;  /* owned */
  char           *id;     /* owned */
  int             year;
} ReadData;

static void
read_data_free (gpointer data)
{
  ReadData *read = data;

  g_clear_pointer (&read->query, chq_course_query_free);
  g_free (read->id);
  g_free (read);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ChqStore *self = source_object;
  ReadData *read = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify free_func = g_object_unref;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (read->kind)
    {
    case READ_QUERY:
      /* The index this may build is saved after the answer is on its way. */
      result = _chq_store_query_courses (self, read->query, cancellable, &error);
      free_func = (GDestroyNotify)chq_course_result_unref;
      break;
    case READ_COURSE:
      result = chq_store_get_course (self, read->id, &error);
      break;
    case READ_ACCOUNT:
      result = chq_store_get_account (self, &error);
      break;
    case READ_WALLET:
      result = chq_store_get_wallet (self, &error);
      free_func = (GDestroyNotify)chq_wallet_free;
      break;
    case READ_ORDERS:
      result = chq_store_list_orders (self, &error);
      free_func = (GDestroyNotify)g_ptr_array_unref;
      break;
    case READ_BATCHES:
      result = chq_store_list_batches (self, &error);
      free_func = (GDestroyNotify)g_ptr_array_unref;
      break;
    case READ_WORKERS:
      result = chq_store_list_workers (self, &error);
      free_func = (GDestroyNotify)g_ptr_array_unref;
      break;
    case READ_ENROLMENTS:
      result = chq_store_list_enrolments (self, read->year, &error);
      free_func = (GDestroyNotify)g_ptr_array_unref;
      break;
    case READ_ENROLMENT_YEARS:
      result = chq_store_list_enrolment_years (self, &error);
      free_func = (GDestroyNotify)g_array_unref;
      break;
    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, free_func);

  if (read->kind == READ_QUERY)
    _chq_store_save_built_index (self);
}

static void
read_async (ChqStore            *self,
            ReadData            *read,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, read, read_data_free);
  g_task_run_in_thread (task, read_thread);
}

static ReadData *
read_data_new (ReadKind kind)
{
  ReadData *read = g_new0 (ReadData, 1);

  read->kind = kind;
  return read;
}

/**
 * chq_store_query_courses_async:
 * @self: a store
 * @query: what to look for (copied)
 * @cancellable: (nullable): a cancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Runs chq_store_query_courses() in a worker thread.
 */
void
chq_store_query_courses_async (ChqStore             *self,
                               const ChqCourseQuery *query,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  ReadData *read;

  g_return_if_fail (CHQ_IS_STORE (self));
  g_return_if_fail (query != NULL);

  read = read_data_new (READ_QUERY);
  read->query = chq_course_query_copy (query);
  read_async (self, read, chq_store_query_courses_async, cancellable, callback, user_data);
}

/**
 * chq_store_query_courses_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the matching courses in order
 */
ChqCourseResult *
chq_store_query_courses_finish (ChqStore      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_get_course_async:
 * @self: a store
 * @id: a course id
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads one whole course (for the detail view) in a worker thread.
 */
void
chq_store_get_course_async (ChqStore            *self,
                            const char          *id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ReadData *read;

  g_return_if_fail (CHQ_IS_STORE (self));
  g_return_if_fail (id != NULL);

  read = read_data_new (READ_COURSE);
  read->id = g_strdup (id);
  read_async (self, read, chq_store_get_course_async, cancellable, callback, user_data);
}

/**
 * chq_store_get_course_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the course; %NULL without error if unknown
 */
ChqCourse *
chq_store_get_course_finish (ChqStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_get_account_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the stored account in a worker thread.
 */
void
chq_store_get_account_async (ChqStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_ACCOUNT), chq_store_get_account_async,
              cancellable, callback, user_data);
}

/**
 * chq_store_get_account_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the account; %NULL without error if none
 */
ChqAccount *
chq_store_get_account_finish (ChqStore      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_get_wallet_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads the stored wallet in a worker thread.
 */
void
chq_store_get_wallet_async (ChqStore            *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_WALLET), chq_store_get_wallet_async,
              cancellable, callback, user_data);
}

/**
 * chq_store_get_wallet_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the wallet; %NULL without error if none yet
 */
ChqWallet *
chq_store_get_wallet_finish (ChqStore      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_list_orders_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done; get the list with chq_store_list_finish()
 * @user_data: data for @callback
 */
void
chq_store_list_orders_async (ChqStore            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_ORDERS), chq_store_list_finish,
              cancellable, callback, user_data);
}

/**
 * chq_store_list_batches_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done; get the list with chq_store_list_finish()
 * @user_data: data for @callback
 */
void
chq_store_list_batches_async (ChqStore            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_BATCHES), chq_store_list_finish,
              cancellable, callback, user_data);
}

/**
 * chq_store_list_workers_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called when done; get the list with chq_store_list_finish()
 * @user_data: data for @callback
 */
void
chq_store_list_workers_async (ChqStore            *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));
  read_async (self, read_data_new (READ_WORKERS), chq_store_list_finish,
              cancellable, callback, user_data);
}

/**
 * chq_store_list_enrolments_async:
 * @self: a store
 * @year: a calendar year
 * @cancellable: (nullable): a cancellable
 * @callback: called when done; get the list with chq_store_list_finish()
 * @user_data: data for @callback
 */
void
chq_store_list_enrolments_async (ChqStore            *self,
                                 int                  year,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ReadData *read;

  g_return_if_fail (CHQ_IS_STORE (self));

  read = read_data_new (READ_ENROLMENTS);
  read->year = year;
  read_async (self, read, chq_store_list_finish, cancellable, callback, user_data);
}

/**
 * chq_store_list_finish:
 * @self: a store
 * @result: the result given to a chq_store_list_*_async() callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type GObject): the model objects
 */
GPtrArray *
chq_store_list_finish (ChqStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == chq_store_list_finish,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chq_store_list_enrolment_years_async:
 * @self: a store
 * @cancellable: (nullable): a cancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Runs chq_store_list_enrolment_years() in a worker thread.
 */
void
chq_store_list_enrolment_years_async (ChqStore            *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_STORE (self));

  read_async (self, read_data_new (READ_ENROLMENT_YEARS), chq_store_list_enrolment_years_finish,
              cancellable, callback, user_data);
}

/**
 * chq_store_list_enrolment_years_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type int): the years, latest first
 */
GArray *
chq_store_list_enrolment_years_finish (ChqStore      *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        chq_store_list_enrolment_years_finish, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

