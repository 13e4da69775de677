/* chq-sync-courses.c: the course feed step of a sync run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feed comes by pages from the cursor kept in the store, pipelined (see
 * ChqSyncRun.fetches): the next page is asked for as soon as the page before has told its
 * cursor, while that page is staged on the client's worker thread and the one before it
 * written. A cursor the service no longer knows starts a full sync into an empty store.
 */
#define G_LOG_DOMAIN "chq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-sync-private.h"

/* One request of the course feed. */
typedef struct {
  ChqSyncRun   *run;
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

/* The service refuses our cursor (its feed was reset, or the cursor is from elsewhere):
 * the only safe way on is a full sync into an empty store, once per run. */
static gboolean
restart_if_cursor_unknown (ChqSyncRun   *run,
                           const GError *error)
{
  ChqSyncWrite *write;

  if (run->since == NULL || run->restarted ||
      !g_error_matches (error, CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_REFUSED) ||
      g_strcmp0 (chq_client_error_get_field (error), "since") != 0)
    return FALSE;

  g_warning ("The service does not know the course feed cursor “%s” any more: "
             "starting a full sync", run->since);
  run->restarted = TRUE;
  g_clear_pointer (&run->since, g_free);
  run->n_pages = 0;
  run->n_courses = 0;
  write = _chq_sync_write_new (run, NULL, NULL);
  write->clear = TRUE;
  write->then = CHQ_SYNC_STEP_ACCOUNT;
  _chq_sync_run_save (run, write);

  return TRUE;
}

static void courses_pump (ChqSyncRun *run);

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
 * parse tree and objects) are freed there, on the thread that made them. The store reads
 * the courses the codec decoded (and checked), and keeps each one's text as sent. */
static gboolean
prepare_page_cb (ChqCoursesPage  *page,
                 gpointer         user_data,
                 GError         **error)
{
  ChqStagedCourses *staged;

  if (page->items_json == NULL)
    return TRUE;
  staged = chq_staged_courses_new_from_courses (page->items, page->text, error);
  if (staged == NULL)
    return FALSE;
  page->prepared = staged;
  page->prepared_free = (GDestroyNotify) chq_staged_courses_free;
  g_clear_pointer (&page->items_json, json_array_unref);
  g_ptr_array_set_size (page->items, 0);

  return TRUE;
}

static void
fetch_page (ChqSyncRun *run,
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
  ChqSyncRun *run = user_data;
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

/* The cursor stays at the start of the last page of the feed (the one with more=false),
 * and that page's ETag is kept: the server's ETag covers (since, limit, newest change), so
 * asking again from the same place with it is answered 304 until something changes. Had
 * the cursor moved to `next`, the first request of every later sync would carry an ETag
 * made for another `since` and fetch an empty page instead of a 304. What this costs: the
 * courses of that last page (fewer than a page) are fetched again when anything changed. */
/* Handles the oldest request's answer: the page becomes the one waiting, or the error
 * waits until the pages before it are written. An answer that can no longer be used is
 * dropped: after an error, after the last page, or asked with a cursor read ahead that the
 * page before did not confirm (then the page is asked for again). */
static void
handle_page (ChqSyncRun *run,
             PageFetch  *fetch)
{
  GError *error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *count = NULL;
  g_autoptr(ChqCoursesPage) page = NULL;
  ChqSyncWrite *write;

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
  _chq_sync_set_activity (run->self, activity);
  /* The feed has no total: move towards the end of this step without reaching it. */
  _chq_sync_set_fraction (run->self, 0.15 + 0.6 * (1.0 - 1.0 / (1.0 + run->n_pages / 4.0)));

  write = _chq_sync_write_new (run, CHQ_STORE_COURSES,
                               page->more ? NULL : g_steal_pointer (&etag));
  write->cursor = g_strdup (page->more ? page->next : run->since);
  if (page->more)
    {
      g_free (run->since);
      run->since = g_strdup (page->next);
    }
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
courses_pump (ChqSyncRun *run)
{
  PageFetch *oldest;
  PageFetch *newest;

  for (;;)
    {
      if (!run->writing && run->waiting != NULL)
        {
          run->writing = TRUE;
          _chq_sync_write_async (run, g_steal_pointer (&run->waiting), on_course_page_written_cb);
        }
      if (run->write_error != NULL)
        g_clear_pointer (&run->waiting, _chq_sync_write_free);

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
      g_clear_pointer (&run->waiting, _chq_sync_write_free);
      g_clear_error (&run->fetch_error);
      _chq_sync_run_finish (run, error);
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
        _chq_sync_run_handle_fetch_error (run, error);
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
    _chq_sync_run_next_step (run);
}

/*
 * _chq_sync_courses_start:
 * @run: the run
 *
 * The course step of the table: asks for the first page, from the store's cursor.
 */
void
_chq_sync_courses_start (ChqSyncRun *run)
{
  ChqSync *self = run->self;
  g_autofree char *etag = NULL;

  if (run->n_pages == 0)
    {
      /* Only the first page may be unchanged: later ones are asked for because the
       * one before said there was more. */
      g_free (run->since);
      run->since = chq_store_get_cursor (self->store);
      etag = chq_store_get_etag (self->store, CHQ_STORE_COURSES);
    }
  run->fetched_last = FALSE;
  fetch_page (run, run->since, etag);
}

/*
 * _chq_sync_courses_apply:
 * @store: the store
 * @write: a page of the feed
 * @error: return location for a #GError
 *
 * On the writer's thread: writes a page, staged or not, with the cursor after it.
 *
 * Returns: whether it was written
 */
gboolean
_chq_sync_courses_apply (ChqStore      *store,
                         ChqSyncWrite  *write,
                         GError       **error)
{
  if (write->staged != NULL)
    return chq_store_apply_staged_courses (store, write->staged,
                                           (const char * const *) write->page->deleted,
                                           write->cursor, error);

  return chq_store_apply_courses_page (store, write->page->items,
                                       (const char * const *) write->page->deleted,
                                       write->cursor, error);
}
