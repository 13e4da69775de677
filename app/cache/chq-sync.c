/* chq-sync.c: sends the outbox and refreshes the store from the service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run: send the outbox's waiting writes, oldest first, then refresh the account, the
 * course feed (by cursor), orders, wallet, workers and the enrolments of last year, this
 * year and next year (sessions of next year are booked now), each with its ETag so that
 * an unchanged collection costs one 304. Requests go out from the main context (ChqClient
 * is bound to it); what they bring back is written to the store on a GTask thread, one
 * write at a time, and the UI hears of it through the store's `changed` signal and this
 * object's properties. Runs never overlap: asking for a
 * run while one goes makes exactly one more run after it.
 *
 * This file is the engine: the object, its runs walking the table of steps
 * (chq-sync-steps.c) and the store writes. The steps live in chq-sync-steps.c,
 * chq-sync-courses.c and chq-sync-outbox.c.
 */
#define G_LOG_DOMAIN "chq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-clock.h"
#include "chq-sync-private.h"

G_DEFINE_FINAL_TYPE (ChqSync, chq_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_FRACTION,
  PROP_ACTIVITY,
  PROP_LAST_SUCCESS,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GEnumValue state_values[] = {
  { CHQ_SYNC_STATE_IDLE, "CHQ_SYNC_STATE_IDLE", "idle" },
  { CHQ_SYNC_STATE_SYNCING, "CHQ_SYNC_STATE_SYNCING", "syncing" },
  { CHQ_SYNC_STATE_OFFLINE, "CHQ_SYNC_STATE_OFFLINE", "offline" },
  { CHQ_SYNC_STATE_ERROR, "CHQ_SYNC_STATE_ERROR", "error" },
  { CHQ_SYNC_STATE_UNAUTHORIZED, "CHQ_SYNC_STATE_UNAUTHORIZED", "unauthorized" },
  { 0, NULL, NULL },
};

GType
chq_sync_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("ChqSyncState", state_values));

  return type_id;
}

/**
 * chq_sync_state_for_error:
 * @error: (nullable): how a run ended
 *
 * The state a run that ended with @error leaves the engine in. Pure. The service being
 * unreachable or too slow is OFFLINE (the app keeps showing the cache and says since
 * when); a 401 is UNAUTHORIZED; anything else (the service failing or refusing, a local
 * disk error) is ERROR.
 *
 * Returns: the state
 */
ChqSyncState
chq_sync_state_for_error (const GError *error)
{
  if (error == NULL)
    return CHQ_SYNC_STATE_IDLE;

  if (g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_CANNOT_REACH) ||
      g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_TIMED_OUT))
    return CHQ_SYNC_STATE_OFFLINE;

  if (g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_UNAUTHORIZED))
    return CHQ_SYNC_STATE_UNAUTHORIZED;

  return CHQ_SYNC_STATE_ERROR;
}


/* Property setters that notify only on change. */

static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_state (ChqSync      *self,
           ChqSyncState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_chq_sync_set_fraction (ChqSync *self,
                        double   fraction)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (G_APPROX_VALUE (self->fraction, fraction, 1e-6))
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

void
_chq_sync_set_activity (ChqSync    *self,
                        const char *activity)
{
  if (replace_str (&self->activity, activity != NULL ? activity : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVITY]);
}

static void
set_error_message (ChqSync    *self,
                   const char *message)
{
  if (replace_str (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_last_success (ChqSync   *self,
                  GDateTime *when)
{
  if (self->last_success == when)
    return;
  g_clear_pointer (&self->last_success, g_date_time_unref);
  if (when != NULL)
    self->last_success = g_date_time_ref (when);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
}


/* Store writes, one at a time, on a GTask thread. */

void
_chq_sync_write_free (ChqSyncWrite *write)
{
  g_free (write->collection);
  g_free (write->etag);
  g_clear_object (&write->account);
  g_clear_pointer (&write->objects, g_ptr_array_unref);
  g_clear_pointer (&write->wallet, chq_wallet_free);
  g_clear_pointer (&write->page, chq_courses_page_free);
  g_clear_pointer (&write->staged, chq_staged_courses_free);
  g_free (write->cursor);
  g_clear_pointer (&write->last_sync, g_date_time_unref);
  g_free (write);
}

static gboolean
write_apply (ChqStore      *store,
             ChqSyncWrite  *write,
             GError       **error)
{
  const ChqSyncStep *step;

  if (write->last_sync != NULL)
    return chq_store_set_last_sync (store, write->last_sync, error);
  if (write->clear)
    return chq_store_clear (store, error);

  g_return_val_if_fail (write->step < CHQ_SYNC_N_STEPS, FALSE);
  step = &_chq_sync_steps[write->step];
  g_return_val_if_fail (step->apply != NULL, FALSE);

  return step->apply (store, write, error) &&
         chq_store_set_etag (store, write->collection, write->etag, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ChqSync *self = source_object;
  GError *error = NULL;

  if (write_apply (self->store, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/*
 * _chq_sync_write_async:
 * @run: the run
 * @write: (transfer full): what to write
 * @callback: called on the main context with the GTask (its data is @write)
 *
 * Writes @write to the store on a GTask thread. The write is done even if the run is
 * cancelled meanwhile: what was downloaded is kept.
 */
void
_chq_sync_write_async (ChqSyncRun          *run,
                       ChqSyncWrite        *write,
                       GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (run->self, NULL, callback, run);

  g_task_set_source_tag (task, _chq_sync_write_async);
  g_task_set_task_data (task, write, (GDestroyNotify) _chq_sync_write_free);
  g_task_run_in_thread (task, write_thread);
}

/*
 * _chq_sync_write_new:
 * @run: the run
 * @collection: the ETag key of what the step fetched
 * @etag: (transfer full) (nullable): its ETag, %NULL to forget the old one
 *
 * Returns: (transfer full): a write of the run's current step, to fill
 */
ChqSyncWrite *
_chq_sync_write_new (ChqSyncRun *run,
                     const char *collection,
                     char       *etag)
{
  ChqSyncWrite *write = g_new0 (ChqSyncWrite, 1);

  write->step = run->step;
  write->then = run->step + 1;
  write->year = run->year;
  write->collection = g_strdup (collection);
  write->etag = etag;

  return write;
}

/* Runs. */

static void
run_free (ChqSyncRun *run)
{
  g_clear_pointer (&run->tasks, g_ptr_array_unref);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->entry);
  /* The course step is only left once no page request is on its way. */
  g_warn_if_fail (g_queue_is_empty (&run->fetches));
  g_clear_pointer (&run->waiting, _chq_sync_write_free);
  g_clear_error (&run->fetch_error);
  g_clear_error (&run->write_error);
  g_free (run->since);
  g_clear_object (&run->self);
  g_free (run);
}

static void start_run (ChqSync   *self,
                       GPtrArray *tasks);

static void
return_all (GPtrArray    *tasks,
            const GError *error)
{
  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/*
 * _chq_sync_run_finish:
 * @run: (transfer full): the run
 * @error: (nullable): what stopped it, %NULL when it went through
 *
 * Ends the run: sets the state, starts the run asked for meanwhile, if any, and only then
 * answers the callers, so that one asking for a run from its callback finds a consistent
 * engine.
 */
void
_chq_sync_run_finish (ChqSyncRun   *run,
                      const GError *error)
{
  ChqSync *self = run->self;
  g_autoptr(ChqSync) keep = g_object_ref (self);
  g_autoptr(GPtrArray) done = g_steal_pointer (&run->tasks);
  g_autoptr(GPtrArray) dropped = NULL;
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert (self->run == run);
  self->run = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (error == NULL)
    {
      set_error_message (self, NULL);
      _chq_sync_set_fraction (self, 1.0);
      set_state (self, CHQ_SYNC_STATE_IDLE);
    }
  else if (cancelled)
    {
      set_state (self, run->state_before);
    }
  else
    {
      g_debug ("Sync stopped: %s", error->message);
      set_error_message (self, error->message);
      set_state (self, chq_sync_state_for_error (error));
    }
  _chq_sync_set_activity (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));

  run_free (run);

  if (cancelled)
    {
      /* chq_sync_cancel() also drops the run asked for after this one. */
      dropped = g_steal_pointer (&self->queued);
      self->queued = g_ptr_array_new_with_free_func (g_object_unref);
      self->again = FALSE;
    }
  else if (self->again)
    {
      g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->queued);

      self->queued = g_ptr_array_new_with_free_func (g_object_unref);
      self->again = FALSE;
      start_run (self, tasks);
    }

  return_all (done, error);
  if (dropped != NULL)
    return_all (dropped, error);
}

static void
on_last_sync_written_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  g_autoptr(GError) error = NULL;
  ChqSyncWrite *write;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _chq_sync_run_finish (run, error);
      return;
    }

  write = g_task_get_task_data (G_TASK (result));
  set_last_success (run->self, write->last_sync);
  _chq_sync_run_finish (run, NULL);
}

static void
run_succeed (ChqSyncRun *run)
{
  ChqSyncWrite *write = g_new0 (ChqSyncWrite, 1);

  write->last_sync = chq_clock_now_utc ();
  _chq_sync_write_async (run, write, on_last_sync_written_cb);
}

/* Starts the run's current step as the table says, or ends the run after the last one. */
static void
run_step (ChqSyncRun *run)
{
  const ChqSyncStep *step;

  if (run->step >= CHQ_SYNC_N_STEPS)
    {
      run_succeed (run);
      return;
    }

  step = &_chq_sync_steps[run->step];
  g_debug ("Sync step: %s", step->name);
  if (step->fraction >= 0.0)
    _chq_sync_set_fraction (run->self, step->fraction);
  if (step->activity != NULL)
    _chq_sync_set_activity (run->self, _(step->activity));
  step->start (run);
}

/*
 * _chq_sync_run_goto:
 * @run: the run
 * @step: the step to go on with
 *
 * Starts @step (the course feed restarting from an empty store goes back to the account).
 */
void
_chq_sync_run_goto (ChqSyncRun    *run,
                    ChqSyncStepId  step)
{
  run->step = step;
  run_step (run);
}

/*
 * _chq_sync_run_next_step:
 * @run: the run
 *
 * The current step is over: starts the next one, or ends the run after the last.
 */
void
_chq_sync_run_next_step (ChqSyncRun *run)
{
  _chq_sync_run_goto (run, run->step + 1);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  ChqSyncWrite *write = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      _chq_sync_run_finish (run, error);
      return;
    }

  _chq_sync_run_goto (run, write->then);
}

/*
 * _chq_sync_run_save:
 * @run: the run
 * @write: (transfer full): what the current step fetched
 *
 * Writes @write to the store, then goes on with the step after the current one, or the
 * write's `then` (or ends the run on an error or once cancelled).
 */
void
_chq_sync_run_save (ChqSyncRun   *run,
                    ChqSyncWrite *write)
{
  _chq_sync_write_async (run, write, on_saved_cb);
}

/*
 * _chq_sync_run_handle_fetch_error:
 * @run: the run
 * @error: (nullable): how the request of the current step ended
 *
 * A collection answered: 304 moves on, an error ends the run, data goes to the store (the
 * caller's job, when this returns %FALSE).
 *
 * Returns: whether @error was handled (the step is over)
 */
gboolean
_chq_sync_run_handle_fetch_error (ChqSyncRun *run,
                                  GError     *error)
{
  if (error == NULL)
    return FALSE;

  if (g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_NOT_MODIFIED))
    _chq_sync_run_next_step (run);
  else
    _chq_sync_run_finish (run, error);

  return TRUE;
}

static void
start_run (ChqSync   *self,
           GPtrArray *tasks)
{
  ChqSyncRun *run = g_new0 (ChqSyncRun, 1);

  g_assert (self->run == NULL);

  run->self = g_object_ref (self);
  run->tasks = g_ptr_array_ref (tasks);
  run->cancellable = g_cancellable_new ();
  run->state_before = self->state;
  self->run = run;

  g_object_freeze_notify (G_OBJECT (self));
  set_state (self, CHQ_SYNC_STATE_SYNCING);
  _chq_sync_set_fraction (self, 0.0);
  _chq_sync_set_activity (self, _("Syncing…"));
  g_object_thaw_notify (G_OBJECT (self));

  _chq_sync_run_goto (run, CHQ_SYNC_STEP_OUTBOX);
}

/* GObject. */

static void
chq_sync_dispose (GObject *object)
{
  ChqSync *self = CHQ_SYNC (object);

  chq_sync_stop_periodic (self);

  G_OBJECT_CLASS (chq_sync_parent_class)->dispose (object);
}

static void
chq_sync_finalize (GObject *object)
{
  ChqSync *self = CHQ_SYNC (object);

  g_assert (self->run == NULL);

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->outbox);
  g_clear_pointer (&self->account_key, g_free);
  g_clear_pointer (&self->activity, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->last_success, g_date_time_unref);
  g_clear_pointer (&self->queued, g_ptr_array_unref);

  G_OBJECT_CLASS (chq_sync_parent_class)->finalize (object);
}

static void
chq_sync_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  ChqSync *self = CHQ_SYNC (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_ACTIVITY:
      g_value_set_string (value, self->activity);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_boxed (value, self->last_success);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_sync_class_init (ChqSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chq_sync_dispose;
  object_class->finalize = chq_sync_finalize;
  object_class->get_property = chq_sync_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CHQ_TYPE_SYNC_STATE, CHQ_SYNC_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVITY] =
    g_param_spec_string ("activity", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_boxed ("last-success", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_sync_init (ChqSync *self)
{
  self->activity = g_strdup ("");
  self->queued = g_ptr_array_new_with_free_func (g_object_unref);
  self->network_available = TRUE;
}

/**
 * chq_sync_new:
 * @client: the client, signed in to the account
 * @store: the account's cache
 * @outbox: the outbox
 * @account_key: the account's key in the outbox (chq_outbox_account_key()): only its
 *   entries are sent
 *
 * Makes the sync engine of one account. Nothing happens until chq_sync_run_async(),
 * chq_sync_request() or chq_sync_start_periodic(). Use it from the main thread.
 *
 * Returns: (transfer full): the engine
 */
ChqSync *
chq_sync_new (ChqClient  *client,
              ChqStore   *store,
              ChqOutbox  *outbox,
              const char *account_key)
{
  ChqSync *self;

  g_return_val_if_fail (CHQ_IS_CLIENT (client), NULL);
  g_return_val_if_fail (CHQ_IS_STORE (store), NULL);
  g_return_val_if_fail (CHQ_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (account_key != NULL, NULL);

  self = g_object_new (CHQ_TYPE_SYNC, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  self->outbox = g_object_ref (outbox);
  self->account_key = g_strdup (account_key);
  self->last_success = chq_store_get_last_sync (store);

  return self;
}

/**
 * chq_sync_get_state:
 * @self: a #ChqSync
 *
 * Returns: where syncing stands
 */
ChqSyncState
chq_sync_get_state (ChqSync *self)
{
  g_return_val_if_fail (CHQ_IS_SYNC (self), CHQ_SYNC_STATE_IDLE);
  return self->state;
}

/**
 * chq_sync_get_fraction:
 * @self: a #ChqSync
 *
 * Returns: how far the run has gone, 0 to 1
 */
double
chq_sync_get_fraction (ChqSync *self)
{
  g_return_val_if_fail (CHQ_IS_SYNC (self), 0.0);
  return self->fraction;
}

/**
 * chq_sync_get_activity:
 * @self: a #ChqSync
 *
 * Returns: what the run is doing, translated ("Downloading courses (12,000 so far)…"),
 *   or "" between runs
 */
const char *
chq_sync_get_activity (ChqSync *self)
{
  g_return_val_if_fail (CHQ_IS_SYNC (self), NULL);
  return self->activity;
}

/**
 * chq_sync_get_last_success:
 * @self: a #ChqSync
 *
 * Returns: (transfer none) (nullable): when a run last succeeded (kept in the store, so
 *   known from the start)
 */
GDateTime *
chq_sync_get_last_success (ChqSync *self)
{
  g_return_val_if_fail (CHQ_IS_SYNC (self), NULL);
  return self->last_success;
}

/**
 * chq_sync_get_error_message:
 * @self: a #ChqSync
 *
 * Returns: (nullable): why the last run stopped, translated, saying what to do
 */
const char *
chq_sync_get_error_message (ChqSync *self)
{
  g_return_val_if_fail (CHQ_IS_SYNC (self), NULL);
  return self->error_message;
}

/**
 * chq_sync_is_running:
 * @self: a #ChqSync
 *
 * Returns: whether a run is going
 */
gboolean
chq_sync_is_running (ChqSync *self)
{
  g_return_val_if_fail (CHQ_IS_SYNC (self), FALSE);
  return self->run != NULL;
}

/**
 * chq_sync_set_current_year:
 * @self: a #ChqSync
 * @year: the year whose enrolments (and the years before and after's) are refreshed; 0 for the
 *   year of the local date
 *
 * For tests against a server with a fixed date.
 */
void
chq_sync_set_current_year (ChqSync *self,
                           int      year)
{
  g_return_if_fail (CHQ_IS_SYNC (self));
  self->current_year = MAX (year, 0);
}

/**
 * chq_sync_run_async:
 * @self: a #ChqSync
 * @cancellable: (nullable): a #GCancellable; cancelling it only stops waiting (use
 *   chq_sync_cancel() to stop the run itself)
 * @callback: called when the run is over
 * @user_data: data for @callback
 *
 * Runs one sync: sends the outbox, then refreshes every collection. If a run is going
 * already, this asks for one more run after it, and finishes when that one does; several
 * such requests make one run.
 */
void
chq_sync_run_async (ChqSync             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHQ_IS_SYNC (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_sync_run_async);

  if (self->run == NULL)
    {
      g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (tasks, g_steal_pointer (&task));
      start_run (self, tasks);
    }
  else
    {
      g_ptr_array_add (self->queued, g_steal_pointer (&task));
      self->again = TRUE;
    }
}

/**
 * chq_sync_run_finish:
 * @self: a #ChqSync
 * @result: the #GAsyncResult
 * @error: return location for a #GError: the #ChqClientError (or store/outbox error)
 *   that stopped the run
 *
 * Returns: %TRUE when the run went through
 */
gboolean
chq_sync_run_finish (ChqSync       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (CHQ_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * chq_sync_request:
 * @self: a #ChqSync
 *
 * Asks for a run without waiting for it (after adding to the outbox, on a timer, when
 * the network comes back). Coalesces like chq_sync_run_async().
 */
void
chq_sync_request (ChqSync *self)
{
  g_return_if_fail (CHQ_IS_SYNC (self));

  if (self->run == NULL)
    {
      g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

      start_run (self, tasks);
    }
  else
    {
      self->again = TRUE;
    }
}

/**
 * chq_sync_cancel:
 * @self: a #ChqSync
 *
 * Stops the run going, if any, and drops the run asked for after it. The entry being sent
 * stays in the outbox with its key; what was already downloaded stays in the store.
 */
void
chq_sync_cancel (ChqSync *self)
{
  g_return_if_fail (CHQ_IS_SYNC (self));

  if (self->run != NULL)
    g_cancellable_cancel (self->run->cancellable);
}

static gboolean
on_periodic_cb (gpointer user_data)
{
  ChqSync *self = CHQ_SYNC (user_data);

  chq_sync_request (self);

  return G_SOURCE_CONTINUE;
}

/* Only a hint: the next request's answer decides whether we are online. */
static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       ChqSync         *self)
{
  gboolean was_available = self->network_available;

  self->network_available = available;
  if (available && (!was_available || self->state == CHQ_SYNC_STATE_OFFLINE))
    {
      g_debug ("The network is back: syncing");
      chq_sync_request (self);
    }
}

/**
 * chq_sync_start_periodic:
 * @self: a #ChqSync
 * @minutes: the interval (the app reads it from GSettings `sync-interval`); 0 stops
 *
 * Syncs every @minutes, and whenever #GNetworkMonitor says the network came back. Calling
 * it again re-arms the timer with the new interval.
 */
void
chq_sync_start_periodic (ChqSync *self,
                         guint    minutes)
{
  g_return_if_fail (CHQ_IS_SYNC (self));

  chq_sync_stop_periodic (self);
  if (minutes == 0)
    return;

  self->periodic_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, minutes * 60,
                                                  on_periodic_cb, self, NULL);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, 0);
}

/**
 * chq_sync_stop_periodic:
 * @self: a #ChqSync
 *
 * Stops the timer and the network hint of chq_sync_start_periodic().
 */
void
chq_sync_stop_periodic (ChqSync *self)
{
  g_return_if_fail (CHQ_IS_SYNC (self));

  g_clear_handle_id (&self->periodic_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, on_network_changed_cb, self);
      g_clear_object (&self->monitor);
    }
}
