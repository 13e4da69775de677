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
 */
#define G_LOG_DOMAIN "chq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-clock.h"
#include "chq-outbox-effect.h"
#include "chq-sync.h"

/* The steps of a run after the outbox, in order. */
typedef enum {
  STEP_ACCOUNT,
  STEP_COURSES,
  STEP_ORDERS,
  STEP_WALLET,
  STEP_WORKERS,
  STEP_ENROLMENTS_THIS_YEAR,
  STEP_ENROLMENTS_LAST_YEAR,
  STEP_ENROLMENTS_NEXT_YEAR,
  STEP_DONE,
} Step;

typedef struct _Run Run;
typedef struct _StoreWrite StoreWrite;

struct _ChqSync
{
  GObject          parent_instance;

  ChqClient       *client;          /* owned */
  ChqStore        *store;           /* owned */
  ChqOutbox       *outbox;          /* owned */
  char            *account_key;     /* owned */

  ChqSyncState     state;
  double           fraction;
  char            *activity;        /* owned, translated; "" when idle */
  char            *error_message;   /* owned, nullable */
  GDateTime       *last_success;    /* owned, nullable */
  int              current_year;    /* 0: the local date's */

  Run             *run;             /* the run going, or NULL */
  GPtrArray       *queued;          /* owned: GTasks waiting for the next run */
  gboolean         again;           /* a run was asked for while one was going */

  guint            periodic_id;
  GNetworkMonitor *monitor;         /* owned, nullable: set while periodic */
  gboolean         network_available;
};

G_DEFINE_FINAL_TYPE (ChqSync, chq_sync, G_TYPE_OBJECT)

struct _Run
{
  ChqSync        *self;             /* owned: the run keeps the engine alive */
  GPtrArray      *tasks;            /* owned: the GTasks this run answers */
  GCancellable   *cancellable;      /* owned */
  ChqSyncState    state_before;
  Step            step;
  int             year;
  char           *since;            /* owned, nullable: the cursor of the page asked for */
  guint           n_pages;
  guint           n_courses;
  guint           n_to_send;
  guint           n_sent;
  gboolean        restarted;        /* the store was emptied for a full sync in this run */
  /* The course feed is pipelined: page N+1 is asked for as soon as page N has arrived
   * (with the cursor read from its text), while page N is parsed, decoded and staged (its
   * rows made ready for the store) on the client's worker thread and page N-1 written; at
   * most two requests, one page waiting and one write. Pages are handled and written in
   * feed order, each with its cursor in the same transaction. */
  GQueue          fetches;          /* of PageFetch, oldest first: requests not handled yet */
  gboolean        writing;          /* a page is being written */
  gboolean        fetched_last;     /* the page with more=false has arrived */
  StoreWrite     *waiting;          /* owned, nullable: a page fetched, not yet written */
  GError         *fetch_error;      /* owned, nullable: handled once the writer is idle */
  GError         *write_error;      /* owned, nullable: ends the run once all is idle */
  ChqOutboxEntry *entry;            /* owned, nullable: the entry on its way */
};

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

static void run_step        (Run          *run);
static void send_next_entry (Run          *run);
static void run_finish      (Run          *run,
                             const GError *error);

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

static void
set_fraction (ChqSync *self,
              double   fraction)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (G_APPROX_VALUE (self->fraction, fraction, 1e-6))
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
set_activity (ChqSync    *self,
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

struct _StoreWrite {
  Step            step;
  char           *collection;  /* owned: the ETag key */
  char           *etag;        /* owned, nullable: NULL forgets the old one */
  int             year;
  ChqAccount     *account;     /* owned */
  GPtrArray      *objects;     /* owned: orders, workers or enrolments */
  ChqWallet      *wallet;      /* owned */
  ChqCoursesPage *page;        /* owned */
  ChqStagedCourses *staged;    /* owned, nullable: the page's items made ready for the store */
  char           *cursor;      /* owned, nullable: the cursor to keep after the page */
  GDateTime      *last_sync;   /* owned: set when the run succeeded */
  gboolean        clear;       /* empty the store (the feed no longer knows our cursor) */
};

static void
store_write_free (StoreWrite *write)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreWrite, store_write_free)

static gboolean
store_write_apply (ChqStore    *store,
                   StoreWrite  *write,
                   GError     **error)
{
  gboolean ok;

  if (write->last_sync != NULL)
    return chq_store_set_last_sync (store, write->last_sync, error);
  if (write->clear)
    return chq_store_clear (store, error);

  switch (write->step)
    {
    case STEP_ACCOUNT:
      ok = chq_store_set_account (store, write->account, error);
      break;
    case STEP_COURSES:
      if (write->staged != NULL)
        ok = chq_store_apply_staged_courses (store, write->staged,
                                             (const char * const *) write->page->deleted,
                                             write->cursor, error);
      else
        ok = chq_store_apply_courses_page (store, write->page->items,
                                           (const char * const *) write->page->deleted,
                                           write->cursor, error);
      break;
    case STEP_ORDERS:
      ok = chq_store_replace_orders (store, write->objects, error);
      break;
    case STEP_WALLET:
      ok = chq_store_replace_wallet (store, write->wallet, error);
      break;
    case STEP_WORKERS:
      ok = chq_store_replace_workers (store, write->objects, error);
      break;
    case STEP_ENROLMENTS_THIS_YEAR:
    case STEP_ENROLMENTS_LAST_YEAR:
    case STEP_ENROLMENTS_NEXT_YEAR:
      ok = chq_store_replace_enrolments (store, write->year, write->objects, error);
      break;
    case STEP_DONE:
    default:
      g_return_val_if_reached (FALSE);
    }

  return ok && chq_store_set_etag (store, write->collection, write->etag, error);
}

static void
store_write_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ChqSync *self = source_object;
  GError *error = NULL;

  if (store_write_apply (self->store, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The write is done even if the run is cancelled meanwhile: what was downloaded is kept. */
static void
store_write_async (Run                 *run,
                   StoreWrite          *write,
                   GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (run->self, NULL, callback, run);

  g_task_set_source_tag (task, store_write_async);
  g_task_set_task_data (task, write, (GDestroyNotify) store_write_free);
  g_task_run_in_thread (task, store_write_thread);
}

static StoreWrite *
store_write_new (Run        *run,
                 const char *collection,
                 char       *etag)
{
  StoreWrite *write = g_new0 (StoreWrite, 1);

  write->step = run->step;
  write->year = run->year;
  write->collection = g_strdup (collection);
  write->etag = etag;

  return write;
}

/* Runs. */

/* One request of the course feed. */
typedef struct {
  Run          *run;
  char         *since;     /* owned, nullable: the cursor it asked with */
  char         *peeked;    /* owned, nullable: its page's `next`, read before parsing, when
                            * the page said there was more */
  GAsyncResult *result;    /* owned, nullable: its answer, once come */
} PageFetch;

static void
page_fetch_free (PageFetch *fetch)
{
  g_free (fetch->since);
  g_free (fetch->peeked);
  g_clear_object (&fetch->result);
  g_free (fetch);
}

static void
run_free (Run *run)
{
  g_clear_pointer (&run->tasks, g_ptr_array_unref);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->entry);
  g_queue_clear_full (&run->fetches, (GDestroyNotify) page_fetch_free);
  g_clear_pointer (&run->waiting, store_write_free);
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

/* Ends the run: sets the state, starts the run asked for meanwhile, if any, and only then
 * answers the callers, so that one asking for a run from its callback finds a consistent
 * engine. */
static void
run_finish (Run          *run,
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
      set_fraction (self, 1.0);
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
  set_activity (self, NULL);
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
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  StoreWrite *write;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      run_finish (run, error);
      return;
    }

  write = g_task_get_task_data (G_TASK (result));
  set_last_success (run->self, write->last_sync);
  run_finish (run, NULL);
}

static void
run_succeed (Run *run)
{
  StoreWrite *write = g_new0 (StoreWrite, 1);

  write->last_sync = chq_clock_now_utc ();
  store_write_async (run, write, on_last_sync_written_cb);
}

static void
next_step (Run *run)
{
  run->step++;
  run_step (run);
}

static void
on_store_written_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      run_finish (run, error);
      return;
    }

  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      run_finish (run, error);
      return;
    }

  next_step (run);
}

/* A collection answered: 304 moves on, an error ends the run, data goes to the store. */
static gboolean
handle_fetch_error (Run     *run,
                    GError  *error)
{
  if (error == NULL)
    return FALSE;

  if (g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_NOT_MODIFIED))
    next_step (run);
  else
    run_finish (run, error);

  return TRUE;
}

static void
on_account_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(ChqAccount) account = NULL;
  StoreWrite *write;

  account = chq_client_get_account_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (handle_fetch_error (run, error))
    return;

  write = store_write_new (run, CHQ_STORE_ACCOUNT, g_steal_pointer (&etag));
  write->account = g_steal_pointer (&account);
  store_write_async (run, write, on_store_written_cb);
}

/* The cursor stays at the start of the last page of the feed (the one with more=false),
 * and that page's ETag is kept: the server's ETag covers (since, limit, newest change), so
 * asking again from the same place with it is answered 304 until something changes. Had
 * the cursor moved to `next`, the first request of every later sync would carry an ETag
 * made for another `since` and fetch an empty page instead of a 304. What this costs: the
 * courses of that last page (fewer than a page) are fetched again when anything changed. */
static void
on_store_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      run_finish (run, error);
      return;
    }

  run->step = STEP_ACCOUNT;
  run->n_pages = 0;
  run->n_courses = 0;
  run_step (run);
}

/* The service refuses our cursor (its feed was reset, or the cursor is from elsewhere):
 * the only safe way on is a full sync into an empty store, once per run. */
static gboolean
restart_if_cursor_unknown (Run          *run,
                           const GError *error)
{
  StoreWrite *write;

  if (run->since == NULL || run->restarted ||
      !g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED) ||
      g_strcmp0 (chq_client_error_get_field (error), "since") != 0)
    return FALSE;

  g_warning ("The service does not know the course feed cursor “%s” any more: "
             "starting a full sync", run->since);
  run->restarted = TRUE;
  g_clear_pointer (&run->since, g_free);
  write = g_new0 (StoreWrite, 1);
  write->clear = TRUE;
  store_write_async (run, write, on_store_cleared_cb);

  return TRUE;
}

static void courses_pump  (Run          *run);

static void
on_courses_peek_cb (const char *next,
                    gboolean    more,
                    gpointer    user_data)
{
  PageFetch *fetch = user_data;

  if (more)
    {
      g_free (fetch->peeked);
      fetch->peeked = g_strdup (next);
      courses_pump (fetch->run);
    }
}

/* Its answer is handled in turn, by courses_pump(). */
static void
on_courses_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PageFetch *fetch = user_data;

  fetch->result = g_object_ref (result);
  courses_pump (fetch->run);
}

/* On the client's parsing thread: the page's items as the store writes them, computed
 * off both the main thread and the writer (which the feed waits for); the items (their
 * parse tree and objects) are freed there, on the thread that made them. The codec has
 * accepted each item already. */
static gboolean
prepare_page_cb (ChqCoursesPage  *page,
                 gpointer         user_data,
                 GError         **error)
{
  ChqStagedCourses *staged;

  if (page->items_json == NULL)
    return TRUE;
  staged = chq_staged_courses_new_from_text (page->items_json, page->text, error);
  if (staged == NULL)
    return FALSE;
  page->prepared = staged;
  page->prepared_free = (GDestroyNotify) chq_staged_courses_free;
  g_clear_pointer (&page->items_json, json_array_unref);
  g_ptr_array_set_size (page->items, 0);

  return TRUE;
}

static void
fetch_page (Run        *run,
            const char *since,
            const char *etag)
{
  PageFetch *fetch = g_new0 (PageFetch, 1);

  fetch->run = run;
  fetch->since = g_strdup (since);
  g_queue_push_tail (&run->fetches, fetch);
  chq_client_list_courses_peek_async (run->self->client, since, CHQ_SYNC_COURSES_PAGE_SIZE,
                                      etag, on_courses_peek_cb, prepare_page_cb, fetch,
                                      run->cancellable, on_courses_cb, fetch);
}

static void
on_course_page_written_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  Run *run = user_data;
  GError *error = NULL;

  run->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      if (run->write_error == NULL)
        run->write_error = error;
      else
        g_error_free (error);
    }

  courses_pump (run);
}

/* Handles the oldest request's answer: the page becomes the one waiting, or the error
 * waits until the pages before it are written. An answer that can no longer be used is
 * dropped: after an error, after the last page, or asked with a cursor read ahead that the
 * page before did not confirm (then the page is asked for again). */
static void
handle_page (Run       *run,
             PageFetch *fetch)
{
  GError *error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *count = NULL;
  g_autoptr(ChqCoursesPage) page = NULL;
  StoreWrite *write;

  page = chq_client_list_courses_finish (run->self->client, fetch->result, &etag, &error);
  if (run->write_error != NULL || run->fetch_error != NULL || run->fetched_last ||
      g_strcmp0 (fetch->since, run->since) != 0)
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    {
      run->fetch_error = error;
      return;
    }

  run->n_pages++;
  run->n_courses += page->prepared != NULL
                    ? chq_staged_courses_get_n_courses (page->prepared) : page->items->len;
  count = g_strdup_printf ("%'u", run->n_courses);
  /* Translators: %s is a number of courses, "12,000" */
  activity = g_strdup_printf (ngettext ("Downloading courses (%s so far)…",
                                        "Downloading courses (%s so far)…",
                                        run->n_courses),
                              count);
  set_activity (run->self, activity);
  /* The feed has no total: move towards the end of this step without reaching it. */
  set_fraction (run->self, 0.15 + 0.6 * (1.0 - 1.0 / (1.0 + run->n_pages / 4.0)));

  write = store_write_new (run, CHQ_STORE_COURSES, page->more ? NULL : g_steal_pointer (&etag));
  write->cursor = g_strdup (page->more ? page->next : run->since);
  if (page->more)
    replace_str (&run->since, page->next);
  else
    run->fetched_last = TRUE;
  write->staged = g_steal_pointer (&page->prepared);
  page->prepared_free = NULL;
  write->page = g_steal_pointer (&page);
  g_assert (run->waiting == NULL);
  run->waiting = write;
}

/* Moves the course step on after each event (a page's cursor read, a page arrived or
 * written): starts the write of the waiting page, handles the answers in order, asks for
 * the next page as soon as its cursor is known, and leaves the step (next step, or the
 * run's end on an error) only when nothing is on its way, so that no callback outlives the
 * run and the cursor saved is that of the last page written. */
static void
courses_pump (Run *run)
{
  PageFetch *oldest;
  PageFetch *newest;

  for (;;)
    {
      if (!run->writing && run->waiting != NULL)
        {
          run->writing = TRUE;
          store_write_async (run, g_steal_pointer (&run->waiting), on_course_page_written_cb);
        }
      if (run->write_error != NULL)
        g_clear_pointer (&run->waiting, store_write_free);

      oldest = g_queue_peek_head (&run->fetches);
      if (run->waiting != NULL || oldest == NULL || oldest->result == NULL)
        break;
      g_queue_pop_head (&run->fetches);
      handle_page (run, oldest);
      page_fetch_free (oldest);
    }

  if (run->write_error != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!g_queue_is_empty (&run->fetches) || run->writing)
        return;
      error = g_steal_pointer (&run->write_error);
      g_clear_pointer (&run->waiting, store_write_free);
      g_clear_error (&run->fetch_error);
      run_finish (run, error);
      return;
    }

  if (run->fetch_error != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* As if the pages before had been written one by one before this request (and the
       * request read ahead had not been made). */
      if (run->writing || run->waiting != NULL || !g_queue_is_empty (&run->fetches))
        return;
      error = g_steal_pointer (&run->fetch_error);
      if (!restart_if_cursor_unknown (run, error))
        handle_fetch_error (run, error);
      return;
    }

  if (!run->fetched_last)
    {
      newest = g_queue_peek_tail (&run->fetches);
      if (newest == NULL)
        fetch_page (run, run->since, NULL);
      else if (g_queue_get_length (&run->fetches) == 1 && newest->result == NULL &&
               newest->peeked != NULL)
        fetch_page (run, newest->peeked, NULL);
      return;
    }

  if (!run->writing && run->waiting == NULL && g_queue_is_empty (&run->fetches))
    next_step (run);
}

static void
on_orders_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  StoreWrite *write;

  orders = chq_client_list_orders_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (handle_fetch_error (run, error))
    return;

  write = store_write_new (run, CHQ_STORE_ORDERS, g_steal_pointer (&etag));
  write->objects = g_steal_pointer (&orders);
  store_write_async (run, write, on_store_written_cb);
}

static void
on_wallet_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(ChqWallet) wallet = NULL;
  StoreWrite *write;

  wallet = chq_client_get_wallet_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (handle_fetch_error (run, error))
    return;

  write = store_write_new (run, CHQ_STORE_WALLET, g_steal_pointer (&etag));
  write->wallet = g_steal_pointer (&wallet);
  store_write_async (run, write, on_store_written_cb);
}

static void
on_workers_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GPtrArray) workers = NULL;
  StoreWrite *write;

  workers = chq_client_list_workers_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (handle_fetch_error (run, error))
    return;

  write = store_write_new (run, CHQ_STORE_WORKERS, g_steal_pointer (&etag));
  write->objects = g_steal_pointer (&workers);
  store_write_async (run, write, on_store_written_cb);
}

static void
on_enrolments_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *collection = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  StoreWrite *write;

  enrolments = chq_client_list_enrolments_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (handle_fetch_error (run, error))
    return;

  collection = chq_store_enrolments_collection (run->year);
  write = store_write_new (run, collection, g_steal_pointer (&etag));
  write->objects = g_steal_pointer (&enrolments);
  store_write_async (run, write, on_store_written_cb);
}

static int
run_year (Run *run)
{
  g_autoptr(GDateTime) now = NULL;

  if (run->self->current_year > 0)
    return run->self->current_year;

  now = chq_clock_now_local ();
  return g_date_time_get_year (now);
}

static void
run_step (Run *run)
{
  ChqSync *self = run->self;
  g_autofree char *etag = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *activity = NULL;

  switch (run->step)
    {
    case STEP_ACCOUNT:
      set_fraction (self, 0.10);
      set_activity (self, _("Updating your account…"));
      etag = chq_store_get_etag (self->store, CHQ_STORE_ACCOUNT);
      chq_client_get_account_async (self->client, etag, run->cancellable, on_account_cb, run);
      break;

    case STEP_COURSES:
      if (run->n_pages == 0)
        {
          /* Only the first page may be unchanged: later ones are asked for because the
           * one before said there was more. */
          set_fraction (self, 0.15);
          set_activity (self, _("Downloading courses…"));
          g_free (run->since);
          run->since = chq_store_get_cursor (self->store);
          etag = chq_store_get_etag (self->store, CHQ_STORE_COURSES);
        }
      run->fetched_last = FALSE;
      fetch_page (run, run->since, etag);
      break;

    case STEP_ORDERS:
      set_fraction (self, 0.80);
      set_activity (self, _("Updating your orders…"));
      etag = chq_store_get_etag (self->store, CHQ_STORE_ORDERS);
      chq_client_list_orders_async (self->client, etag, run->cancellable, on_orders_cb, run);
      break;

    case STEP_WALLET:
      set_fraction (self, 0.85);
      set_activity (self, _("Updating your vouchers…"));
      etag = chq_store_get_etag (self->store, CHQ_STORE_WALLET);
      chq_client_get_wallet_async (self->client, etag, run->cancellable, on_wallet_cb, run);
      break;

    case STEP_WORKERS:
      set_fraction (self, 0.90);
      set_activity (self, _("Updating your workers…"));
      etag = chq_store_get_etag (self->store, CHQ_STORE_WORKERS);
      chq_client_list_workers_async (self->client, etag, run->cancellable, on_workers_cb, run);
      break;

    case STEP_ENROLMENTS_THIS_YEAR:
    case STEP_ENROLMENTS_LAST_YEAR:
    case STEP_ENROLMENTS_NEXT_YEAR:
      /* Bookings on sessions of next year are made this year: fetch them too. */
      run->year = run_year (run);
      if (run->step == STEP_ENROLMENTS_LAST_YEAR)
        run->year -= 1;
      else if (run->step == STEP_ENROLMENTS_NEXT_YEAR)
        run->year += 1;
      set_fraction (self, run->step == STEP_ENROLMENTS_THIS_YEAR ? 0.93 :
                          run->step == STEP_ENROLMENTS_LAST_YEAR ? 0.95 : 0.97);
      /* Translators: %d is a year, "2026" */
      activity = g_strdup_printf (_("Updating the training hours of %d…"), run->year);
      set_activity (self, activity);
      collection = chq_store_enrolments_collection (run->year);
      etag = chq_store_get_etag (self->store, collection);
      chq_client_list_enrolments_async (self->client, run->year, etag, run->cancellable,
                                        on_enrolments_cb, run);
      break;

    case STEP_DONE:
      run_succeed (run);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The outbox: one entry at a time, oldest first. Its writes commit with a full fsync
 * (chq_outbox_open()), so they run on a GTask thread too. */

typedef enum {
  OUTBOX_TAKE_NEXT,   /* find the next entry and mark it sending */
  OUTBOX_SENT,
  OUTBOX_FAILED,
  OUTBOX_RETRY,
  OUTBOX_CHECKED,     /* an old entry's effect was looked for: mark it sent or failed */
} OutboxOpKind;

typedef struct {
  OutboxOpKind    kind;
  gint64          id;
  JsonNode       *answer;      /* owned, nullable: for SENT */
  char           *message;     /* owned, nullable */
  char           *code;        /* owned, nullable */
  char           *field;       /* owned, nullable */
  GError         *stop_error;  /* owned, nullable: for RETRY, what ends the run after */
  ChqOutboxEntry *entry;       /* owned, nullable: what TAKE_NEXT found, what CHECKED checks */
  guint           n_waiting;   /* TAKE_NEXT: entries still to go, this one included */
  gboolean        check;       /* TAKE_NEXT: the entry is past the idempotency window, not
                                * marked sending: look for its effect first */
  GPtrArray      *orders;      /* owned, nullable: CHECKED, the service's lists */
  GPtrArray      *workers;     /* owned, nullable */
  GPtrArray      *enrolments;  /* owned, nullable */
} OutboxOp;

static void
outbox_op_free (OutboxOp *op)
{
  g_clear_pointer (&op->answer, json_node_unref);
  g_free (op->message);
  g_free (op->code);
  g_free (op->field);
  g_clear_error (&op->stop_error);
  g_clear_object (&op->entry);
  g_clear_pointer (&op->orders, g_ptr_array_unref);
  g_clear_pointer (&op->workers, g_ptr_array_unref);
  g_clear_pointer (&op->enrolments, g_ptr_array_unref);
  g_free (op);
}

/* The oldest entry still to go, marked sending; entries that cannot be sent at all (no
 * target id) are failed on the way. NULL when none is left. An entry first tried longer
 * ago than the service keeps keys is returned NOT marked sending, with @out_check set:
 * its effect is looked for before anything is sent. */
static ChqOutboxEntry *
take_next_entry (ChqSync   *self,
                 gboolean  *out_check,
                 GError   **error)
{
  *out_check = FALSE;

  for (;;)
    {
      g_autoptr(ChqOutboxEntry) entry = NULL;
      g_autofree char *path = NULL;
      const char *method;
      gboolean has_body;
      gint64 id;

      entry = chq_outbox_next_to_send (self->outbox, self->account_key, error);
      if (entry == NULL)
        return NULL;

      id = chq_outbox_entry_get_id (entry);
      if (chq_outbox_kind_get_request (chq_outbox_entry_get_kind (entry),
                                       chq_outbox_entry_get_target_id (entry),
                                       &method, &path, &has_body))
        {
          g_autoptr(GDateTime) now = chq_outbox_now (self->outbox);

          if (chq_outbox_entry_needs_check (entry, now))
            {
              *out_check = TRUE;
              return g_steal_pointer (&entry);
            }
          if (!chq_outbox_mark_sending (self->outbox, id, error))
            return NULL;
          return g_steal_pointer (&entry);
        }

      if (!chq_outbox_mark_failed (self->outbox, id,
                                   _("This change is incomplete and cannot be sent. "
                                     "Discard it and make it again."),
                                   NULL, NULL, error))
        return NULL;
    }
}

/* The ids of what the account's sent entries created, as far as the outbox still has
 * them: another entry's order is never taken for this one's. */
static GHashTable *
claimed_ids (ChqSync *self)
{
  g_autoptr(GPtrArray) sent = chq_outbox_list (self->outbox, self->account_key,
                                               CHQ_OUTBOX_STATES_SENT);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < sent->len; i++)
    {
      g_autoptr(JsonNode) result = chq_outbox_entry_dup_result (g_ptr_array_index (sent, i));
      JsonNode *id;

      if (result == NULL || !JSON_NODE_HOLDS_OBJECT (result))
        continue;
      id = json_object_get_member (json_node_get_object (result), "id");
      if (id != NULL && json_node_get_value_type (id) == G_TYPE_STRING)
        g_hash_table_add (ids, g_strdup (json_node_get_string (id)));
    }

  return ids;
}

static JsonNode *
object_to_json (GObject *object)
{
  if (CHQ_IS_ORDER (object))
    return chq_order_to_json (CHQ_ORDER (object));
  if (CHQ_IS_WORKER (object))
    return chq_worker_to_json (CHQ_WORKER (object));
  if (CHQ_IS_ENROLMENT (object))
    return chq_enrolment_to_json (CHQ_ENROLMENT (object));
  g_return_val_if_reached (NULL);
}

/* An old entry whose effect was looked for: found once, it is sent, with the object found
 * as the service's answer; otherwise it waits for the user, with the reason. */
static gboolean
mark_checked (ChqSync   *self,
              OutboxOp  *op,
              GError   **error)
{
  g_autoptr(GHashTable) claimed = claimed_ids (self);
  ChqOutboxKind kind = chq_outbox_entry_get_kind (op->entry);
  GObject *found = NULL;
  ChqOutboxEffect effect;

  effect = chq_outbox_find_effect (op->entry, op->orders, op->workers, op->enrolments,
                                   claimed, &found);
  if (effect == CHQ_OUTBOX_EFFECT_FOUND)
    {
      g_autoptr(JsonNode) result = object_to_json (found);

      g_debug ("Outbox entry %" G_GINT64_FORMAT " is past the idempotency window; "
               "its effect was found", op->id);
      return chq_outbox_mark_sent (self->outbox, op->id, result, error);
    }
  else
    {
      g_autofree char *message = chq_outbox_effect_message (kind, effect);

      g_debug ("Outbox entry %" G_GINT64_FORMAT " is past the idempotency window; "
               "its effect was %s", op->id,
               effect == CHQ_OUTBOX_EFFECT_ABSENT ? "not found" : "ambiguous");
      return chq_outbox_mark_failed (self->outbox, op->id, message, CHQ_OUTBOX_CODE_EXPIRED,
                                     NULL, error);
    }
}

static void
outbox_op_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ChqSync *self = source_object;
  OutboxOp *op = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (op->kind)
    {
    case OUTBOX_TAKE_NEXT:
      op->entry = take_next_entry (self, &op->check, &error);
      op->n_waiting = chq_outbox_count_pending (self->outbox, self->account_key);
      ok = error == NULL;
      if (ok && op->entry == NULL)
        chq_outbox_purge_sent (self->outbox, CHQ_OUTBOX_KEEP_SENT_DAYS * G_TIME_SPAN_DAY,
                               NULL);
      break;
    case OUTBOX_SENT:
      ok = chq_outbox_mark_sent (self->outbox, op->id, op->answer, &error);
      break;
    case OUTBOX_FAILED:
      ok = chq_outbox_mark_failed (self->outbox, op->id, op->message, op->code, op->field,
                                   &error);
      break;
    case OUTBOX_RETRY:
      ok = chq_outbox_mark_retry (self->outbox, op->id, op->message, &error);
      break;
    case OUTBOX_CHECKED:
      ok = mark_checked (self, op, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
outbox_op_async (Run                 *run,
                 OutboxOp            *op,
                 GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (run->self, NULL, callback, run);

  g_task_set_source_tag (task, outbox_op_async);
  g_task_set_task_data (task, op, (GDestroyNotify) outbox_op_free);
  g_task_run_in_thread (task, outbox_op_thread);
}

static void
on_entry_marked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;
  OutboxOp *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (op->stop_error == NULL)
        {
          run_finish (run, error);
          return;
        }
      g_warning ("Could not record a failed attempt: %s", error->message);
    }

  if (op->stop_error != NULL)
    run_finish (run, op->stop_error);
  else
    send_next_entry (run);
}

static void
on_entry_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(ChqOutboxEntry) entry = g_steal_pointer (&run->entry);
  g_autoptr(GError) error = NULL;
  OutboxOp *op = g_new0 (OutboxOp, 1);

  op->id = chq_outbox_entry_get_id (entry);
  op->answer = chq_client_send_finish (CHQ_CLIENT (object), result, NULL, &error);

  if (error == NULL)
    {
      run->n_sent++;
      op->kind = OUTBOX_SENT;
    }
  else if (chq_client_error_is_permanent (error))
    {
      /* Refused for good: the user sees why, and the other writes still go. */
      op->kind = OUTBOX_FAILED;
      op->message = g_strdup (error->message);
      op->code = g_strdup (chq_client_error_get_code (error));
      op->field = g_strdup (chq_client_error_get_field (error));
    }
  else
    {
      /* Not through (offline, timed out, busy, expired session, cancelled): it stays
       * first in line with its key, and later writes wait behind it, in order. */
      op->kind = OUTBOX_RETRY;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        op->message = g_strdup (error->message);
      op->stop_error = g_steal_pointer (&error);
    }

  outbox_op_async (run, op, on_entry_marked_cb);
}

static void
on_effect_lists_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(ChqOutboxEntry) entry = g_steal_pointer (&run->entry);
  OutboxOp *op = g_new0 (OutboxOp, 1);
  GError *error = NULL;

  op->id = chq_outbox_entry_get_id (entry);
  if (chq_outbox_fetch_lists_finish (CHQ_CLIENT (object), result, &op->orders, &op->workers,
                                     &op->enrolments, &error))
    {
      op->kind = OUTBOX_CHECKED;
      op->entry = g_steal_pointer (&entry);
    }
  else
    {
      /* The lists could not be read (offline...): nothing was sent; the entry stays first
       * in line, untouched, for the next run. */
      op->kind = OUTBOX_RETRY;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        op->message = g_strdup (error->message);
      op->stop_error = error;
    }

  outbox_op_async (run, op, on_entry_marked_cb);
}

/* The entry in run->entry was first tried longer ago than the service keeps keys: read
 * the lists it acts on, then look for its effect on a thread (mark_checked()). */
static void
check_entry_effect (Run *run)
{
  set_activity (run->self, _("Checking a change that waited long…"));
  chq_outbox_fetch_lists_async (run->self->client, run->entry, run->cancellable,
                                on_effect_lists_cb, run);
}

static void
on_next_entry_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Run *run = user_data;
  ChqSync *self = run->self;
  OutboxOp *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *path = NULL;
  g_autofree char *activity = NULL;
  const char *method = NULL;
  gboolean has_body = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      run_finish (run, error);
      return;
    }

  if (op->entry == NULL)
    {
      run->step = STEP_ACCOUNT;
      run_step (run);
      return;
    }

  run->entry = g_steal_pointer (&op->entry);
  if (op->check)
    {
      check_entry_effect (run);
      return;
    }
  chq_outbox_kind_get_request (chq_outbox_entry_get_kind (run->entry),
                               chq_outbox_entry_get_target_id (run->entry),
                               &method, &path, &has_body);

  run->n_to_send = MAX (run->n_to_send, run->n_sent + MAX (op->n_waiting, 1));
  /* Translators: "Sending your changes (2 of 5)…" */
  activity = g_strdup_printf (_("Sending your changes (%u of %u)…"),
                              run->n_sent + 1, run->n_to_send);
  set_activity (self, activity);
  set_fraction (self, 0.10 * run->n_sent / run->n_to_send);

  if (has_body)
    payload = chq_outbox_entry_dup_payload (run->entry);

  chq_client_send_async (self->client, method, path,
                         chq_outbox_entry_get_idempotency_key (run->entry),
                         payload, NULL, run->cancellable, on_entry_sent_cb, run);
}

static void
send_next_entry (Run *run)
{
  g_autoptr(GError) error = NULL;
  OutboxOp *op;

  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      run_finish (run, error);
      return;
    }

  op = g_new0 (OutboxOp, 1);
  op->kind = OUTBOX_TAKE_NEXT;
  outbox_op_async (run, op, on_next_entry_cb);
}

static void
start_run (ChqSync   *self,
           GPtrArray *tasks)
{
  Run *run = g_new0 (Run, 1);

  g_assert (self->run == NULL);

  run->self = g_object_ref (self);
  run->tasks = g_ptr_array_ref (tasks);
  run->cancellable = g_cancellable_new ();
  run->state_before = self->state;
  self->run = run;

  g_object_freeze_notify (G_OBJECT (self));
  set_state (self, CHQ_SYNC_STATE_SYNCING);
  set_fraction (self, 0.0);
  set_activity (self, _("Syncing…"));
  g_object_thaw_notify (G_OBJECT (self));

  send_next_entry (run);
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
