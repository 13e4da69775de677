/* chq-training-year-loader.c: reads what a ChqTrainingYear is built from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every enrolment stored (those of earlier years count for the carry-over) from the cache,
 * then the register's data on its own thread; the year is built once both are in. A
 * register that cannot be read leaves the year with the voucher bookings only, and says
 * why in the result's error only when the enrolments themselves cannot be read.
 */
#define G_LOG_DOMAIN "chq-training-year-loader"

#include "config.h"

#include "chq-training-year-loader.h"

typedef struct {
  ChqRegister     *reg;         /* owned, nullable */
  int              year;
  GDate            at;
  ChqAccount      *account;     /* owned */
  GPtrArray       *workers;     /* owned */
  GPtrArray       *enrolments;  /* owned, nullable */
  ChqRegisterData *data;        /* owned, nullable */
} LoadData;

static void
load_data_free (LoadData *load)
{
  g_clear_object (&load->reg);
  g_clear_object (&load->account);
  g_clear_pointer (&load->workers, g_ptr_array_unref);
  g_clear_pointer (&load->enrolments, g_ptr_array_unref);
  g_clear_pointer (&load->data, chq_register_data_free);
  g_free (load);
}

/**
 * chq_training_year_clamp_date:
 * @year: the year shown
 * @today: now
 * @out: (out caller-allocates): @today's date when it falls in @year; else 1 January of a
 *   year to come, or 31 December of a past one
 */
void
chq_training_year_clamp_date (int        year,
                              GDateTime *today,
                              GDate     *out)
{
  int this_year = g_date_time_get_year (today);

  g_date_clear (out, 1);
  if (year == this_year)
    g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (today),
                    (GDateMonth) g_date_time_get_month (today), (GDateYear) year);
  else if (year > this_year)
    g_date_set_dmy (out, 1, G_DATE_JANUARY, (GDateYear) year);
  else
    g_date_set_dmy (out, 31, G_DATE_DECEMBER, (GDateYear) year);
}

static void
finish (GTask *task)
{
  LoadData *load = g_task_get_task_data (task);
  ChqTrainingYear *year = chq_training_year_new (load->year, &load->at, load->account,
                                                 load->workers, load->enrolments, load->data);

  g_task_return_pointer (task, year, (GDestroyNotify) chq_training_year_unref);
}

static void
on_register_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *load = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  load->data = chq_register_load_finish (CHQ_REGISTER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (load->data == NULL)
    g_warning ("Could not read the training register: %s", error->message);

  finish (task);
}

static void
on_enrolments_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *load = g_task_get_task_data (task);
  GError *error = NULL;

  load->enrolments = chq_store_list_finish (CHQ_STORE (source), result, &error);
  if (load->enrolments == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (load->reg == NULL)
    {
      finish (task);
      return;
    }

  chq_register_load_async (load->reg, g_task_get_cancellable (task), on_register_loaded_cb,
                           g_object_ref (task));
}

/**
 * chq_training_year_load_async:
 * @store: the account's cache
 * @reg: (nullable): the account's register, %NULL while it is not open
 * @year: the year to build
 * @at: the date its balances are counted at
 * @account: the account
 * @workers: (element-type ChqWorker): its workers
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the year
 * @user_data: for @callback
 *
 * Reads and builds the year model of the Training page and its documents.
 */
void
chq_training_year_load_async (ChqStore            *store,
                              ChqRegister         *reg,
                              int                  year,
                              const GDate         *at,
                              ChqAccount          *account,
                              GPtrArray           *workers,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (CHQ_IS_STORE (store));
  g_return_if_fail (CHQ_IS_ACCOUNT (account));
  g_return_if_fail (workers != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_training_year_load_async);
  load = g_new0 (LoadData, 1);
  load->reg = reg != NULL ? g_object_ref (reg) : NULL;
  load->year = year;
  load->at = *at;
  load->account = g_object_ref (account);
  load->workers = g_ptr_array_ref (workers);
  g_task_set_task_data (task, load, (GDestroyNotify) load_data_free);

  chq_store_list_enrolments_async (store, 0, cancellable, on_enrolments_cb,
                                   g_steal_pointer (&task));
}

/**
 * chq_training_year_load_finish:
 * @result: the result given to the callback
 * @out_data: (out) (optional) (transfer full) (nullable): the register's data
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the year
 */
ChqTrainingYear *
chq_training_year_load_finish (GAsyncResult     *result,
                               ChqRegisterData **out_data,
                               GError          **error)
{
  ChqTrainingYear *year;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  year = g_task_propagate_pointer (G_TASK (result), error);
  if (out_data != NULL)
    {
      LoadData *load = g_task_get_task_data (G_TASK (result));

      *out_data = year != NULL ? g_steal_pointer (&load->data) : NULL;
    }
  return year;
}
