/* chq-sandbox.c: a complete local implementation of the regional voucher API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs a SoupServer in a thread of its own with its own GMainContext
 * (chq-sandbox-server.c), so it can live inside the app, a test or its own binary. Only
 * that thread touches the database while it runs; the test hooks are marshalled onto it.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include "chq-sandbox-private.h"

#define DEFAULT_RATE_LIMIT 200

G_DEFINE_FINAL_TYPE (ChqSandbox, chq_sandbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (chq-sandbox-error-quark, chq_sandbox_error)

static void
chq_sandbox_finalize (GObject *object)
{
  ChqSandbox *self = CHQ_SANDBOX (object);

  chq_sandbox_stop (self);

  g_clear_pointer (&self->db, chq_sandbox_db_free);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->rate_windows, g_hash_table_unref);
  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  g_clear_pointer (&self->refusals, g_ptr_array_unref);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->uri, g_free);
  g_clear_error (&self->start_error);
  _chq_sandbox_clock_clear (&self->clock);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (chq_sandbox_parent_class)->finalize (object);
}

static void
chq_sandbox_class_init (ChqSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_sandbox_finalize;
}

static void
chq_sandbox_init (ChqSandbox *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  _chq_sandbox_clock_init (&self->clock);
  self->rate_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->delayed = g_ptr_array_new ();
  self->refusals = g_ptr_array_new ();
}

/**
 * chq_sandbox_new:
 * @options: (nullable): the options, copied; %NULL for the defaults (in memory, any free
 *   port, the real date, the demo data, no faults)
 *
 * Creates a sandbox server; nothing happens before chq_sandbox_start(). A @today that is
 * not a valid date is ignored with a warning (the binary checks it first).
 *
 * Returns: (transfer full): the server
 */
ChqSandbox *
chq_sandbox_new (const ChqSandboxOptions *options)
{
  ChqSandbox *self = g_object_new (CHQ_TYPE_SANDBOX, NULL);

  if (options != NULL)
    {
      self->db_path = g_strdup (options->db_path);
      self->port = options->port;
      self->n_courses = options->n_courses;
      self->seed = options->seed;
      self->no_demo = options->no_demo;
      self->rate_limit = options->rate_limit;
      self->fail_rate = CLAMP (options->fail_rate, 0.0, 1.0);
      self->drop_rate = CLAMP (options->drop_rate, 0.0, 1.0);
      self->latency_ms = options->latency_ms;

      if (options->today != NULL && !chq_sandbox_set_today (self, options->today))
        g_warning ("Ignoring invalid sandbox date “%s”", options->today);
    }

  if (self->rate_limit == 0)
    self->rate_limit = DEFAULT_RATE_LIMIT;

  self->rand = g_rand_new_with_seed ((guint32) (self->seed ^ (self->seed >> 32) ^ 0x5eed));

  return self;
}

/**
 * chq_sandbox_dup_now:
 * @self: a sandbox
 *
 * What the sandbox's clock reads: the real time, or with a fixed date, 10:00 (Brussels) on
 * that date plus the time since it was fixed. Tests give the app's clock the same start
 * (chq_clock_set_start()) so that both agree.
 *
 * Returns: (transfer full): the sandbox's now
 */
GDateTime *
chq_sandbox_dup_now (ChqSandbox *self)
{
  g_return_val_if_fail (CHQ_IS_SANDBOX (self), NULL);

  return _chq_sandbox_clock_dup_now (&self->clock);
}

/**
 * chq_sandbox_set_today:
 * @self: a sandbox, running or not
 * @today: (nullable): "YYYY-MM-DD", the server's date from now on; %NULL for the real date
 *
 * Moves the server's clock, as `--today` sets it at start: tests use it to let days pass
 * (idempotency keys expire after %CHQ_API_IDEMPOTENCY_DAYS, tokens after eight hours).
 * Callable from any thread.
 *
 * Returns: %FALSE (and nothing changes) when @today is not a valid date
 */
gboolean
chq_sandbox_set_today (ChqSandbox *self,
                       const char *today)
{
  GDate date;

  g_return_val_if_fail (CHQ_IS_SANDBOX (self), FALSE);

  g_date_clear (&date, 1);
  if (today != NULL && !_chq_sandbox_parse_date (today, &date))
    return FALSE;

  _chq_sandbox_clock_set_today (&self->clock, &date);

  return TRUE;
}

static gboolean
ensure_db (ChqSandbox  *self,
           GError     **error)
{
  gboolean created = FALSE;
  g_autoptr(GDateTime) now = NULL;

  if (self->db != NULL)
    return TRUE;

  self->db = chq_sandbox_db_open (self->db_path, &created, error);
  if (self->db == NULL)
    return FALSE;

  now = _chq_sandbox_clock_dup_now (&self->clock);

  /* Keys are kept CHQ_API_IDEMPOTENCY_DAYS, sign-in failures 15 minutes, tokens until
   * they expire. */
  chq_sandbox_db_run (self->db, "DELETE FROM idempotency WHERE created_at < ?1",
                      "I", g_date_time_to_unix (now) - CHQ_SANDBOX_IDEMPOTENCY_SECONDS);
  chq_sandbox_db_run (self->db, "DELETE FROM login_failures WHERE at <= ?1",
                      "I", g_date_time_to_unix (now) - CHQ_SANDBOX_LOGIN_WINDOW_SECONDS);
  chq_sandbox_db_run (self->db, "DELETE FROM tokens WHERE expires_at <= ?1",
                      "I", g_date_time_to_unix (now));

  if (created)
    {
      if (!_chq_sandbox_demo_seed (self->db, now, !self->no_demo, self->n_courses, self->seed,
                                   error))
        {
          g_clear_pointer (&self->db, chq_sandbox_db_free);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * chq_sandbox_start:
 * @self: a sandbox
 * @error: return location for a #GError
 *
 * Opens (and on first use seeds) the database, then starts the server on 127.0.0.1 in a
 * thread of its own with its own #GMainContext. Returns once the server listens.
 * Starting a running sandbox does nothing.
 *
 * Returns: %TRUE when the server listens, %FALSE with @error set otherwise
 */
gboolean
chq_sandbox_start (ChqSandbox  *self,
                   GError     **error)
{
  g_return_val_if_fail (CHQ_IS_SANDBOX (self), FALSE);

  if (self->thread != NULL)
    return TRUE;

  if (!ensure_db (self, error))
    return FALSE;

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  g_mutex_lock (&self->lock);
  self->listening = FALSE;
  g_clear_error (&self->start_error);
  g_mutex_unlock (&self->lock);

  self->thread = g_thread_new ("chq-sandbox", _chq_sandbox_server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->listening)
    g_cond_wait (&self->cond, &self->lock);
  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      g_mutex_unlock (&self->lock);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }
  self->running = TRUE;
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/**
 * chq_sandbox_dup_uri:
 * @self: a sandbox
 *
 * Returns: (transfer full) (nullable): "http://127.0.0.1:PORT" with no trailing slash, or
 *   %NULL before the first start
 */
char *
chq_sandbox_dup_uri (ChqSandbox *self)
{
  char *uri;

  g_return_val_if_fail (CHQ_IS_SANDBOX (self), NULL);

  g_mutex_lock (&self->lock);
  uri = g_strdup (self->uri);
  g_mutex_unlock (&self->lock);

  return uri;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/**
 * chq_sandbox_stop:
 * @self: a sandbox
 *
 * Stops listening, closes the connections and joins the server thread. The data stays:
 * chq_sandbox_start() serves it again (on a new port when the port was 0).
 */
void
chq_sandbox_stop (ChqSandbox *self)
{
  g_autoptr(GSource) source = NULL;

  g_return_if_fail (CHQ_IS_SANDBOX (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->running = FALSE;
  g_mutex_unlock (&self->lock);

  source = g_idle_source_new ();
  g_source_set_callback (source, quit_loop_cb, self->loop, NULL);
  g_source_attach (source, self->context);

  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

/* Test hooks. */

typedef enum {
  HOOK_ADD_COURSE,
  HOOK_UPDATE_COURSE,
  HOOK_DELETE_COURSE,
} HookKind;

typedef struct {
  ChqSandbox *self;
  HookKind    kind;
  const char *id;
  const char *title;
  char       *new_id;  /* owned */
  gboolean    ok;
  gboolean    done;
} HookCall;

static void
run_hook (HookCall *call)
{
  ChqSandboxDb *db = call->self->db;
  g_autoptr(GDateTime) now = _chq_sandbox_clock_dup_now (&call->self->clock);

  switch (call->kind)
    {
    case HOOK_ADD_COURSE:
      call->new_id = _chq_sandbox_catalog_add (db, now, call->title);
      call->ok = call->new_id != NULL;
      break;

    case HOOK_UPDATE_COURSE:
      call->ok = _chq_sandbox_catalog_rename (db, now, call->id, call->title);
      break;

    case HOOK_DELETE_COURSE:
      call->ok = _chq_sandbox_catalog_withdraw (db, call->id);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
run_hook_cb (gpointer data)
{
  HookCall *call = data;

  run_hook (call);

  g_mutex_lock (&call->self->lock);
  call->done = TRUE;
  g_cond_broadcast (&call->self->cond);
  g_mutex_unlock (&call->self->lock);

  return G_SOURCE_REMOVE;
}

static void
call_hook (HookCall *call)
{
  ChqSandbox *self = call->self;

  g_mutex_lock (&self->lock);
  if (self->running)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_callback (source, run_hook_cb, call, NULL);
      g_source_attach (source, self->context);
      while (!call->done)
        g_cond_wait (&self->cond, &self->lock);
      g_mutex_unlock (&self->lock);
      return;
    }
  g_mutex_unlock (&self->lock);

  /* Stopped: this thread is the only user of the database. */
  if (!ensure_db (self, NULL))
    return;
  run_hook (call);
}

/**
 * chq_sandbox_add_course:
 * @self: a sandbox
 * @title: the new course's title
 *
 * Adds a course (with one session a month from today) to the catalogue; the delta feed
 * shows it after every earlier change. Thread-safe; waits for the server thread.
 *
 * Returns: (transfer full) (nullable): the new course's id
 */
char *
chq_sandbox_add_course (ChqSandbox *self,
                        const char *title)
{
  HookCall call = { self, HOOK_ADD_COURSE, NULL, title, NULL, FALSE, FALSE };

  g_return_val_if_fail (CHQ_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  call_hook (&call);
  return call.new_id;
}

/**
 * chq_sandbox_update_course:
 * @self: a sandbox
 * @id: a course id
 * @title: its new title
 *
 * Renames a course, which moves it to the end of the delta feed. Thread-safe.
 *
 * Returns: %TRUE if the course exists
 */
gboolean
chq_sandbox_update_course (ChqSandbox *self,
                           const char *id,
                           const char *title)
{
  HookCall call = { self, HOOK_UPDATE_COURSE, id, title, NULL, FALSE, FALSE };

  g_return_val_if_fail (CHQ_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (id != NULL && title != NULL, FALSE);

  call_hook (&call);
  return call.ok;
}

/**
 * chq_sandbox_delete_course:
 * @self: a sandbox
 * @id: a course id
 *
 * Withdraws a course: the delta feed lists its id in `deleted`. Thread-safe.
 *
 * Returns: %TRUE if the course existed
 */
gboolean
chq_sandbox_delete_course (ChqSandbox *self,
                           const char *id)
{
  HookCall call = { self, HOOK_DELETE_COURSE, id, NULL, NULL, FALSE, FALSE };

  g_return_val_if_fail (CHQ_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  call_hook (&call);
  return call.ok;
}

/**
 * chq_sandbox_set_faults:
 * @self: a sandbox
 * @fail_rate: share of requests answered 503 (0 to 1)
 * @drop_rate: share of requests whose connection is closed with no answer (0 to 1)
 * @latency_ms: delay before each answer
 *
 * Changes fault injection at once, for the requests that follow. Thread-safe.
 */
void
chq_sandbox_set_faults (ChqSandbox *self,
                        double      fail_rate,
                        double      drop_rate,
                        guint       latency_ms)
{
  g_return_if_fail (CHQ_IS_SANDBOX (self));

  g_mutex_lock (&self->lock);
  self->fail_rate = CLAMP (fail_rate, 0.0, 1.0);
  self->drop_rate = CLAMP (drop_rate, 0.0, 1.0);
  self->latency_ms = latency_ms;
  g_mutex_unlock (&self->lock);
}

/**
 * chq_sandbox_get_request_count:
 * @self: a sandbox
 *
 * Returns: the number of requests received since creation, faults included
 */
guint
chq_sandbox_get_request_count (ChqSandbox *self)
{
  guint count;

  g_return_val_if_fail (CHQ_IS_SANDBOX (self), 0);

  g_mutex_lock (&self->lock);
  count = self->request_count;
  g_mutex_unlock (&self->lock);

  return count;
}
