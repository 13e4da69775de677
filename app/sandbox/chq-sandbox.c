/* chq-sandbox.c: a complete local implementation of the regional voucher API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs a SoupServer in a thread of its own with its own GMainContext, so it can
 * live inside the app, a test or its own binary. Only that thread touches the database
 * while it runs; the test hooks are marshalled onto it.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "chq-ident.h"
#include "chq-json.h"
#include "chq-value.h"
#include "chq-sandbox-demo.h"
#include "chq-sandbox-private.h"

#define DEFAULT_RATE_LIMIT     200
#define TOKEN_LIFETIME_SECONDS (8 * 3600)
#define LOGIN_WINDOW_SECONDS   (15 * 60)
#define LOGIN_MAX_FAILURES     5
#define IDEMPOTENCY_SECONDS    ((gint64) CHQ_API_IDEMPOTENCY_DAYS * 24 * 3600)

struct _ChqSandbox
{
  GObject       parent_instance;

  /* Options, fixed at construction. */
  char         *db_path;           /* owned, nullable */
  guint16       port;
  GDate         fixed_today;       /* invalid when the real date is used; under @lock */
  gint64        fixed_since_us;    /* monotonic time the date was fixed: the clock runs; @lock */
  guint         n_courses;
  guint64       seed;
  gboolean      no_demo;
  guint         rate_limit;

  GMutex        lock;              /* guards what follows up to the server-thread part */
  GCond         cond;
  double        fail_rate;
  double        drop_rate;
  guint         latency_ms;
  gboolean      running;
  gboolean      listening;         /* the thread reported back (uri or start_error set) */
  char         *uri;               /* owned */
  GError       *start_error;       /* owned */
  guint         request_count;

  GThread      *thread;
  GMainContext *context;           /* owned, the server thread's */
  GMainLoop    *loop;              /* owned */

  /* Server thread only (or the caller while stopped). */
  ChqSandboxDb *db;                /* owned */
  SoupServer   *server;            /* owned */
  GRand        *rand;              /* owned: faults and codes, deterministic by seed */
  GHashTable   *rate_windows;      /* client -> RateWindow, owned */
  GPtrArray    *delayed;           /* GSource of messages held back by latency_ms */
  GPtrArray    *refusals;          /* GCancellable of refused connections still draining */
  guint         bound_port;        /* the port listened on */
};

G_DEFINE_FINAL_TYPE (ChqSandbox, chq_sandbox, G_TYPE_OBJECT)

G_DEFINE_QUARK (chq-sandbox-error-quark, chq_sandbox_error)

typedef struct {
  gint64 second;
  guint  count;
} RateWindow;

typedef void (*Handler) (ChqSandboxRequest *req);
typedef char *(*VersionFunc) (ChqSandboxRequest *req);

enum {
  ROUTE_AUTH             = 1 << 0, /* needs a bearer token */
  ROUTE_BODY             = 1 << 1, /* takes a JSON object body */
  ROUTE_KEY_REQUIRED     = 1 << 2, /* Idempotency-Key is mandatory */
  ROUTE_ETAG_COMPANY     = 1 << 3, /* ETag from the company's change counter */
};

typedef struct {
  const char  *method;
  const char  *pattern;  /* '*' matches one segment */
  Handler      handler;
  guint        flags;
  VersionFunc  version;
} Route;

static void handle_post_sessions (ChqSandboxRequest *req);

static const Route routes[] = {
  { "POST", "/v1/sessions", handle_post_sessions, ROUTE_BODY, NULL },
  { "GET", "/v1/account", _chq_sandbox_get_account, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "GET", "/v1/courses", _chq_sandbox_get_courses, ROUTE_AUTH, _chq_sandbox_courses_version },
  { "GET", "/v1/courses/*", _chq_sandbox_get_course, ROUTE_AUTH, _chq_sandbox_course_version },
  { "GET", "/v1/orders", _chq_sandbox_get_orders, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "POST", "/v1/orders", _chq_sandbox_post_orders,
    ROUTE_AUTH | ROUTE_BODY | ROUTE_KEY_REQUIRED, NULL },
  { "POST", "/v1/orders/*/cancel", _chq_sandbox_cancel_order, ROUTE_AUTH, NULL },
  { "GET", "/v1/wallet", _chq_sandbox_get_wallet, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "GET", "/v1/workers", _chq_sandbox_get_workers, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "POST", "/v1/workers", _chq_sandbox_post_workers, ROUTE_AUTH | ROUTE_BODY, NULL },
  { "GET", "/v1/workers/*", _chq_sandbox_get_worker, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "PUT", "/v1/workers/*", _chq_sandbox_put_worker, ROUTE_AUTH | ROUTE_BODY, NULL },
  { "DELETE", "/v1/workers/*", _chq_sandbox_delete_worker, ROUTE_AUTH, NULL },
  { "GET", "/v1/enrolments", _chq_sandbox_get_enrolments, ROUTE_AUTH | ROUTE_ETAG_COMPANY, NULL },
  { "POST", "/v1/enrolments", _chq_sandbox_post_enrolments,
    ROUTE_AUTH | ROUTE_BODY | ROUTE_KEY_REQUIRED, NULL },
  { "POST", "/v1/enrolments/*/cancel", _chq_sandbox_cancel_enrolment, ROUTE_AUTH, NULL },
  { "POST", "/v1/enrolments/*/attendance", _chq_sandbox_post_attendance,
    ROUTE_AUTH | ROUTE_BODY, NULL },
  { "POST", "/v1/sandbox/orders/*/pay", _chq_sandbox_pay_order, ROUTE_AUTH, NULL },
};

/* Problem titles by code: short, in English (docs/api.md: clients show `detail`). */
static const struct {
  const char *code;
  const char *title;
} problem_titles[] = {
  { "unauthorized", "Sign-in required" },
  { "rate_limited", "Too many requests" },
  { "not_found", "Not found" },
  { "method_not_allowed", "Method not allowed" },
  { "invalid_field", "Invalid field" },
  { "payload_too_large", "Request too large" },
  { "unsupported_media_type", "Unsupported media type" },
  { "forbidden", "Forbidden" },
  { "ceiling_exceeded", "Ceiling exceeded" },
  { "insufficient_vouchers", "Not enough vouchers" },
  { "session_full", "Session full" },
  { "not_cancellable", "Cannot be cancelled" },
  { "conflict", "Conflict" },
  { "unavailable", "Service unavailable" },
  { "server_error", "Server error" },
};

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
  g_date_clear (&self->fixed_today, 1);
  self->fixed_since_us = g_get_monotonic_time ();
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

      if (options->today != NULL && !_chq_sandbox_parse_date (options->today, &self->fixed_today))
        g_warning ("Ignoring invalid sandbox date “%s”", options->today);
    }

  if (self->rate_limit == 0)
    self->rate_limit = DEFAULT_RATE_LIMIT;

  self->rand = g_rand_new_with_seed ((guint32) (self->seed ^ (self->seed >> 32) ^ 0x5eed));

  return self;
}

/* The clock. */

/**
 * _chq_sandbox_time_zone:
 *
 * Returns: (transfer full): the time zone of the service (Europe/Brussels)
 */
GTimeZone *
_chq_sandbox_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Brussels");

  /* Without tzdata, CET all year is close enough for a sandbox. */
  if (tz == NULL)
    tz = g_time_zone_new_identifier ("+01:00");

  return tz;
}

/* Now: with a fixed date, 10:00 in Brussels on that date plus the time the sandbox has been
 * running, so that its clock runs but never depends on the real date or time of day. */
static GDateTime *
sandbox_now (ChqSandbox *self)
{
  g_autoptr(GTimeZone) tz = _chq_sandbox_time_zone ();
  g_autoptr(GDateTime) start = NULL;
  GDate today;
  gint64 since;

  g_mutex_lock (&self->lock);
  today = self->fixed_today;
  since = self->fixed_since_us;
  g_mutex_unlock (&self->lock);

  if (!g_date_valid (&today))
    return g_date_time_new_now (tz);

  start = g_date_time_new (tz, g_date_get_year (&today), g_date_get_month (&today),
                           g_date_get_day (&today), 10, 0, 0);
  return g_date_time_add (start, g_get_monotonic_time () - since);
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

  return sandbox_now (self);
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

  g_mutex_lock (&self->lock);
  self->fixed_today = date;
  self->fixed_since_us = g_get_monotonic_time ();
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/**
 * _chq_sandbox_format_time:
 * @time: a time
 *
 * Returns: (transfer full): ISO 8601 with seconds and offset, "2026-11-28T10:15:00+01:00"
 */
char *
_chq_sandbox_format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/**
 * _chq_sandbox_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): "YYYY-MM-DD"
 */
char *
_chq_sandbox_format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * _chq_sandbox_parse_date:
 * @text: (nullable): "YYYY-MM-DD"
 * @out_date: (out): the date
 *
 * Returns: %TRUE when @text is exactly a valid calendar date
 */
gboolean
_chq_sandbox_parse_date (const char *text,
                         GDate      *out_date)
{
  /* The one date rule, shared with the codec and the forms. */
  return chq_date_parse (text, out_date);
}

/**
 * _chq_sandbox_parse_time:
 * @text: (nullable): ISO 8601 with an offset
 *
 * Returns: (transfer full) (nullable): the time, or %NULL
 */
GDateTime *
_chq_sandbox_parse_time (const char *text)
{
  if (text == NULL)
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

/**
 * _chq_sandbox_random_int:
 * @self: a sandbox, on its thread
 * @end: one past the largest value
 *
 * Returns: a value in [0, @end), from the sandbox's seeded generator
 */
guint32
_chq_sandbox_random_int (ChqSandbox *self,
                         guint32     end)
{
  return (guint32) g_rand_int_range (self->rand, 0, (gint32) end);
}

/* Responses. */

static const char *
problem_title (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (problem_titles); i++)
    if (g_str_equal (problem_titles[i].code, code))
      return problem_titles[i].title;

  return code;
}

static void
set_body (SoupServerMessage *msg,
          const char        *content_type,
          JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, data, length);
}

/**
 * _chq_sandbox_reply_json:
 * @req: the request
 * @status: the HTTP status
 * @node: (transfer none): the body
 *
 * Answers with @node as `application/json`.
 */
void
_chq_sandbox_reply_json (ChqSandboxRequest *req,
                         guint              status,
                         JsonNode          *node)
{
  soup_server_message_set_status (req->msg, status, NULL);
  set_body (req->msg, "application/json", node);
}

static JsonBuilder *
problem_builder (guint       status,
                 const char *code,
                 const char *field,
                 const char *detail)
{
  JsonBuilder *builder = json_builder_new ();
  g_autofree char *type = g_strconcat ("urn:chequier:problem:", code, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, problem_title (code));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  /* Always written, null when no one member is at fault. */
  json_builder_set_member_name (builder, "field");
  if (field != NULL)
    json_builder_add_string_value (builder, field);
  else
    json_builder_add_null_value (builder);

  return builder;
}

static void
reply_problem_builder (SoupServerMessage *msg,
                       guint              status,
                       JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  soup_server_message_set_status (msg, status, NULL);
  set_body (msg, "application/problem+json", root);
}

/**
 * _chq_sandbox_problem_builder:
 * @status: the HTTP status
 * @code: the stable machine word
 * @field: (nullable): the field at fault
 * @detail: a translated sentence saying what to do
 *
 * Starts a problem object, left open so that a caller can add members (`left`); finish it
 * with _chq_sandbox_reply_problem_builder().
 *
 * Returns: (transfer full): the builder, inside the problem object
 */
JsonBuilder *
_chq_sandbox_problem_builder (guint       status,
                              const char *code,
                              const char *field,
                              const char *detail)
{
  return problem_builder (status, code, field, detail);
}

/**
 * _chq_sandbox_reply_problem_builder:
 * @req: the request
 * @status: the HTTP status
 * @builder: a builder from _chq_sandbox_problem_builder()
 *
 * Closes the problem object and answers with it.
 */
void
_chq_sandbox_reply_problem_builder (ChqSandboxRequest *req,
                                    guint              status,
                                    JsonBuilder       *builder)
{
  reply_problem_builder (req->msg, status, builder);
}

static void
reply_problem (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *field,
               const char        *detail)
{
  g_autoptr(JsonBuilder) builder = problem_builder (status, code, field, detail);

  reply_problem_builder (msg, status, builder);
}

/**
 * _chq_sandbox_reply_problem:
 * @req: the request
 * @status: the HTTP status
 * @code: the stable machine word
 * @field: (nullable): the field at fault
 * @detail: a translated sentence saying what to do
 *
 * Answers with an RFC 9457 problem (`application/problem+json`).
 */
void
_chq_sandbox_reply_problem (ChqSandboxRequest *req,
                            guint              status,
                            const char        *code,
                            const char        *field,
                            const char        *detail)
{
  reply_problem (req->msg, status, code, field, detail);
}

/**
 * _chq_sandbox_reply_invalid:
 * @req: the request
 * @field: the field at fault
 * @detail: a translated sentence saying what to do
 *
 * Answers 400 `invalid_field`.
 */
void
_chq_sandbox_reply_invalid (ChqSandboxRequest *req,
                            const char        *field,
                            const char        *detail)
{
  reply_problem (req->msg, SOUP_STATUS_BAD_REQUEST, "invalid_field", field, detail);
}

/**
 * _chq_sandbox_reply_not_found:
 * @req: the request
 *
 * Answers 404 `not_found`: also what another company's ids get.
 */
void
_chq_sandbox_reply_not_found (ChqSandboxRequest *req)
{
  reply_problem (req->msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                 _("Nothing exists at this address for your account. "
                   "Refresh your data and try again."));
}

static void
reply_retry_later (SoupServerMessage *msg,
                   guint              status,
                   const char        *code,
                   guint              seconds,
                   const char        *detail)
{
  g_autofree char *retry = g_strdup_printf ("%u", MAX (seconds, 1));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", retry);
  reply_problem (msg, status, code, NULL, detail);
}

/* Sessions. */

static char *
hash_password (const char *salt,
               const char *password)
{
  g_autofree char *salted = g_strconcat (salt, ":", password, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);
}

/**
 * _chq_sandbox_hash_password:
 * @salt: the salt
 * @password: the password
 *
 * Returns: (transfer full): the hex SHA-256 of "salt:password", as stored
 */
char *
_chq_sandbox_hash_password (const char *salt,
                            const char *password)
{
  return hash_password (salt, password);
}

static char *
random_hex (gsize n_bytes)
{
  guint8 bytes[64];
  GString *hex = g_string_sized_new (n_bytes * 2);

  g_assert (n_bytes <= sizeof bytes);

  if (getrandom (bytes, n_bytes, 0) != (gssize) n_bytes)
    {
      /* getrandom() does not fail for small sizes once the pool is ready; be safe anyway. */
      for (gsize i = 0; i < n_bytes; i++)
        bytes[i] = (guint8) g_random_int_range (0, 256);
    }

  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);

  return g_string_free (hex, FALSE);
}

static gboolean
body_string_member (ChqSandboxRequest  *req,
                    const char         *name,
                    const char        **out_value)
{
  JsonObject *object = json_node_get_object (req->body);
  JsonNode *member = json_object_get_member (object, name);

  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_autofree char *detail =
        /* Translators: %s is a JSON field name */
        g_strdup_printf (_("The field “%s” is required and must be text."), name);
      _chq_sandbox_reply_invalid (req, name, detail);
      return FALSE;
    }

  *out_value = json_node_get_string (member);
  return TRUE;
}

static void
handle_post_sessions (ChqSandboxRequest *req)
{
  const char *number_text = NULL;
  const char *password = NULL;
  g_autofree char *number = NULL;
  g_autofree char *company_id = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *stored_hash = NULL;
  gint64 now_unix = g_date_time_to_unix (req->now);
  gint64 failures;

  if (!body_string_member (req, "enterprise_number", &number_text) ||
      !body_string_member (req, "password", &password))
    return;
  if (number_text[0] == '\0' || g_utf8_strlen (number_text, -1) > 32)
    {
      _chq_sandbox_reply_invalid (req, "enterprise_number",
                                  _("Write the enterprise number like 0123.456.749."));
      return;
    }
  if (password[0] == '\0' || g_utf8_strlen (password, -1) > 256)
    {
      _chq_sandbox_reply_invalid (req, "password",
                                  _("The password must hold 1 to 256 characters."));
      return;
    }

  /* Failures are counted per number as typed, normalised when it parses. */
  number = chq_enterprise_number_normalize (number_text, NULL);
  if (number == NULL)
    number = g_strdup (number_text);

  chq_sandbox_db_run (req->db, "DELETE FROM login_failures WHERE at <= ?1",
                      "I", now_unix - LOGIN_WINDOW_SECONDS);
  failures = chq_sandbox_db_query_int (req->db, 0,
                                       "SELECT count(*) FROM login_failures "
                                       "WHERE enterprise_number = ?1 AND at > ?2",
                                       "sI", number, now_unix - LOGIN_WINDOW_SECONDS);
  if (failures >= LOGIN_MAX_FAILURES)
    {
      gint64 oldest = chq_sandbox_db_query_int (req->db, now_unix,
                                                "SELECT min(at) FROM login_failures "
                                                "WHERE enterprise_number = ?1 AND at > ?2",
                                                "sI", number,
                                                now_unix - LOGIN_WINDOW_SECONDS);
      gint64 wait = oldest + LOGIN_WINDOW_SECONDS - now_unix;

      reply_retry_later (req->msg, CHQ_HTTP_TOO_MANY_REQUESTS, "rate_limited",
                         (guint) CLAMP (wait, 1, LOGIN_WINDOW_SECONDS),
                         _("Too many failed sign-ins for this enterprise number. "
                           "Wait a few minutes, then try again."));
      return;
    }

  {
    sqlite3_stmt *stmt = chq_sandbox_db_query (req->db,
                                               "SELECT id, password_salt, password_hash "
                                               "FROM companies WHERE enterprise_number = ?1",
                                               "s", number);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      {
        company_id = g_strdup (chq_sandbox_db_text (stmt, 0));
        salt = g_strdup (chq_sandbox_db_text (stmt, 1));
        stored_hash = g_strdup (chq_sandbox_db_text (stmt, 2));
      }
    sqlite3_reset (stmt);
  }

  {
    /* Hash even for an unknown number, so both failures cost the same. */
    g_autofree char *given_hash = hash_password (salt != NULL ? salt : "-", password);

    if (company_id == NULL || !g_str_equal (given_hash, stored_hash))
      {
        chq_sandbox_db_run (req->db,
                            "INSERT INTO login_failures (enterprise_number, at) VALUES (?1, ?2)",
                            "sI", number, now_unix);
        soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                      "WWW-Authenticate", "Bearer");
        _chq_sandbox_reply_problem (req, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                                    _("The enterprise number or the password is wrong. "
                                      "Check both and try again."));
        return;
      }
  }

  {
    g_autofree char *secret = random_hex (32);
    g_autofree char *token = g_strconcat ("sbx_", secret, NULL);
    g_autofree char *token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
    g_autoptr(GDateTime) expires = g_date_time_add_seconds (req->now, TOKEN_LIFETIME_SECONDS);
    g_autofree char *expires_text = _chq_sandbox_format_time (expires);
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    chq_sandbox_db_run (req->db, "DELETE FROM login_failures WHERE enterprise_number = ?1",
                        "s", number);
    chq_sandbox_db_run (req->db, "DELETE FROM tokens WHERE expires_at <= ?1", "I", now_unix);
    chq_sandbox_db_run (req->db,
                        "INSERT INTO tokens (token_hash, company_id, expires_at) "
                        "VALUES (?1, ?2, ?3)",
                        "ssI", token_hash, company_id, g_date_time_to_unix (expires));

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "token");
    json_builder_add_string_value (builder, token);
    json_builder_set_member_name (builder, "expires_at");
    json_builder_add_string_value (builder, expires_text);
    json_builder_set_member_name (builder, "account");
    json_builder_add_value (builder, _chq_sandbox_account_json (req, company_id));
    json_builder_end_object (builder);

    root = json_builder_get_root (builder);
    _chq_sandbox_reply_json (req, SOUP_STATUS_CREATED, root);
  }
}

static char *
authenticate (ChqSandboxRequest *req)
{
  const char *header =
    soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                  "Authorization");
  g_autofree char *token_hash = NULL;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return NULL;

  token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, header + 7, -1);
  return chq_sandbox_db_query_text (req->db,
                                    "SELECT company_id FROM tokens "
                                    "WHERE token_hash = ?1 AND expires_at > ?2",
                                    "sI", token_hash, g_date_time_to_unix (req->now));
}

/* Idempotency: the first response for (company, key) is kept with a hash of the request. */

static char *
request_hash (ChqSandboxRequest *req,
              const char        *path,
              SoupMessageBody   *body)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) req->method, -1);
  g_checksum_update (checksum, (const guchar *) " ", 1);
  g_checksum_update (checksum, (const guchar *) path, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (body->length > 0)
    g_checksum_update (checksum, (const guchar *) body->data, body->length);

  return g_strdup (g_checksum_get_string (checksum));
}

/* Returns TRUE when the request was answered from the store (a replay or a conflict). */
static gboolean
idempotency_lookup (ChqSandboxRequest *req,
                    const char        *key,
                    const char        *hash)
{
  /* A key older than the window is forgotten, even before the purge at start-up: the
   * request is a new one, as docs/api.md says. */
  sqlite3_stmt *stmt = chq_sandbox_db_query (req->db,
                                             "SELECT request_hash, status, content_type, body "
                                             "FROM idempotency "
                                             "WHERE company_id = ?1 AND key = ?2 "
                                             "AND created_at >= ?3",
                                             "ssI", req->company_id, key,
                                             g_date_time_to_unix (req->now) -
                                             IDEMPOTENCY_SECONDS);
  gboolean answered = FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      answered = TRUE;

      if (g_str_equal (chq_sandbox_db_text (stmt, 0), hash))
        {
          const char *content_type = chq_sandbox_db_text (stmt, 2);
          const void *data = sqlite3_column_blob (stmt, 3);
          int length = sqlite3_column_bytes (stmt, 3);

          soup_server_message_set_status (req->msg, sqlite3_column_int (stmt, 1), NULL);
          soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY,
                                            data, length);
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Idempotent-Replayed", "true");
        }
      else
        {
          sqlite3_reset (stmt);
          _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", "Idempotency-Key",
                                      _("This request key was already used for a different "
                                        "request. Use a new key for a new request."));
          return TRUE;
        }
    }
  sqlite3_reset (stmt);

  return answered;
}

static void
idempotency_store (ChqSandboxRequest *req,
                   const char        *key,
                   const char        *hash)
{
  guint status = soup_server_message_get_status (req->msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (req->msg);
  g_autoptr(GBytes) bytes = NULL;
  const char *content_type;
  sqlite3_stmt *stmt;

  /* Transient answers are not kept: the retry must be able to succeed. */
  if (status >= 500 || status == CHQ_HTTP_TOO_MANY_REQUESTS ||
      status == SOUP_STATUS_UNAUTHORIZED)
    return;

  content_type = soup_message_headers_get_content_type (headers, NULL);
  bytes = soup_message_body_flatten (body);

  stmt = chq_sandbox_db_query (req->db,
                               "INSERT OR REPLACE INTO idempotency "
                               "(company_id, key, request_hash, status, content_type, body, "
                               "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               "sssisII", req->company_id, key, hash, (int) status,
                               content_type != NULL ? content_type : "application/json",
                               (gint64) 0, g_date_time_to_unix (req->now));
  sqlite3_bind_blob (stmt, 6, g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                     SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("Could not store an idempotent response: %s",
               sqlite3_errmsg (chq_sandbox_db_get_handle (req->db)));
  sqlite3_reset (stmt);
}

/* ETags. */

static char *
company_version (ChqSandboxRequest *req,
                 const char        *path)
{
  gint64 change = chq_sandbox_db_query_int (req->db, 0,
                                            "SELECT change_seq FROM companies WHERE id = ?1",
                                            "s", req->company_id);
  GUri *uri = soup_server_message_get_uri (req->msg);
  g_autofree char *today = _chq_sandbox_format_date (&req->today);

  return g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s?%s|%s", req->company_id, change, path,
                          g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "", today);
}

static gboolean
etag_matches (const char *if_none_match,
              const char *etag)
{
  g_auto(GStrv) candidates = NULL;

  if (if_none_match == NULL)
    return FALSE;

  candidates = g_strsplit (if_none_match, ",", -1);
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      const char *candidate = g_strstrip (candidates[i]);

      if (g_str_equal (candidate, "*"))
        return TRUE;
      if (g_str_has_prefix (candidate, "W/"))
        candidate += 2;
      if (g_str_equal (candidate, etag))
        return TRUE;
    }

  return FALSE;
}

/* Routing. */

static gboolean
pattern_matches (const char  *pattern,
                 char       **segments)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);
  guint i;

  for (i = 0; parts[i] != NULL; i++)
    {
      if (segments[i] == NULL)
        return FALSE;
      if (g_str_equal (parts[i], "*"))
        {
          if (segments[i][0] == '\0')
            return FALSE;
        }
      else if (!g_str_equal (parts[i], segments[i]))
        return FALSE;
    }

  return segments[i] == NULL;
}

static void
request_clear (ChqSandboxRequest *req)
{
  g_clear_pointer (&req->segments, g_strfreev);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->company_id, g_free);
  g_clear_pointer (&req->body, json_node_unref);
  g_clear_pointer (&req->now, g_date_time_unref);
}

static gboolean
parse_body (ChqSandboxRequest *req,
            SoupMessageBody   *body)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *field;

  /* The codec's parser reads strict JSON only (chq_json_check()), before json-glib. */
  root = chq_json_parse (body->data, body->length, CHQ_SANDBOX_MAX_BODY, &error);
  field = chq_codec_error_get_field (error);
  if (root == NULL && field != NULL)
    {
      /* A string with \u0000 or a lone surrogate, an integer past 64 bits. */
      _chq_sandbox_reply_invalid (req, field,
                                  _("This value cannot be read: text must be valid Unicode "
                                    "without NUL characters, and whole numbers must be within "
                                    "the field’s range. Correct it and send the request again."));
      return FALSE;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _chq_sandbox_reply_invalid (req, "body",
                                  _("The request body must be one JSON object in UTF-8. "
                                    "Check the request and send it again."));
      return FALSE;
    }

  req->body = g_steal_pointer (&root);
  return TRUE;
}

static void
bump_company (ChqSandboxRequest *req)
{
  chq_sandbox_db_run (req->db, "UPDATE companies SET change_seq = change_seq + 1 WHERE id = ?1",
                      "s", req->company_id);
}

static void
dispatch (ChqSandbox        *self,
          SoupServerMessage *msg)
{
  ChqSandboxRequest req = { 0 };
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const Route *route = NULL;
  g_autoptr(GString) allow = g_string_new (NULL);
  g_autofree char *key_hash = NULL;
  const char *key = NULL;

  req.sandbox = self;
  req.db = self->db;
  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.segments = g_strsplit (path, "/", -1);
  req.now = sandbox_now (self);
  g_date_clear (&req.today, 1);
  g_date_set_dmy (&req.today, g_date_time_get_day_of_month (req.now),
                  g_date_time_get_month (req.now), g_date_time_get_year (req.now));
  if (g_uri_get_query (uri) != NULL)
    req.query = soup_form_decode (g_uri_get_query (uri));

  soup_message_headers_replace (response_headers, "Cache-Control", "no-store");

  if (request_body->length > CHQ_SANDBOX_MAX_BODY)
    {
      reply_problem (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload_too_large", NULL,
                     _("The request is larger than 64 KiB. Send less data at once."));
      goto out;
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (!pattern_matches (routes[i].pattern, req.segments))
        continue;
      /* HEAD is a GET whose body libsoup does not send (curl -I for an ETag). */
      if (g_str_equal (routes[i].method, req.method) ||
          (g_str_equal (req.method, "HEAD") && g_str_equal (routes[i].method, "GET")))
        route = &routes[i];
      if (strstr (allow->str, routes[i].method) == NULL)
        g_string_append_printf (allow, "%s%s", allow->len > 0 ? ", " : "", routes[i].method);
    }

  if (route == NULL && allow->len == 0)
    {
      reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                     _("This address is not part of the API. Check the service address."));
      goto out;
    }
  if (route == NULL)
    {
      g_autofree char *detail =
        /* Translators: %s is a list of HTTP methods, like "GET, POST" */
        g_strdup_printf (_("This address only accepts %s."), allow->str);

      soup_message_headers_replace (response_headers, "Allow", allow->str);
      reply_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", NULL, detail);
      goto out;
    }

  if (route->flags & ROUTE_AUTH)
    {
      req.company_id = authenticate (&req);
      if (req.company_id == NULL)
        {
          soup_message_headers_replace (response_headers, "WWW-Authenticate", "Bearer");
          reply_problem (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                         _("Your session has expired or is not valid. Sign in again."));
          goto out;
        }
    }

  if (g_str_equal (route->method, "GET"))
    {
      g_autofree char *version = NULL;
      g_autofree char *etag = NULL;

      if (route->version != NULL)
        version = route->version (&req);
      else if (route->flags & ROUTE_ETAG_COMPANY)
        version = company_version (&req, path);

      if (version != NULL)
        {
          g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, version, -1);

          etag = g_strdup_printf ("\"%.20s\"", digest);
          soup_message_headers_replace (response_headers, "ETag", etag);

          if (etag_matches (soup_message_headers_get_one (request_headers, "If-None-Match"),
                            etag))
            {
              soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
              goto out;
            }
        }

      route->handler (&req);
      goto out;
    }

  if ((route->flags & ROUTE_BODY) && !_chq_sandbox_http_is_json_body (request_headers))
    {
      reply_problem (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", NULL,
                     _("The request body must be JSON, sent with the header "
                       "“Content-Type: application/json”."));
      goto out;
    }
  if ((route->flags & ROUTE_BODY) && !parse_body (&req, request_body))
    goto out;

  key = soup_message_headers_get_one (request_headers, "Idempotency-Key");
  if (key != NULL && (key[0] == '\0' || strlen (key) > 200))
    {
      _chq_sandbox_reply_invalid (&req, "Idempotency-Key",
                                  _("The Idempotency-Key header must hold 1 to 200 characters."));
      goto out;
    }
  if (key == NULL && (route->flags & ROUTE_KEY_REQUIRED))
    {
      _chq_sandbox_reply_invalid (&req, "Idempotency-Key",
                                  _("This request needs an Idempotency-Key header, a new "
                                    "unique value for each new request."));
      goto out;
    }

  /* Everything a write does, and the stored response, commit together. */
  chq_sandbox_db_begin (self->db);

  if (key != NULL && req.company_id != NULL)
    {
      key_hash = request_hash (&req, path, request_body);
      if (idempotency_lookup (&req, key, key_hash))
        {
          chq_sandbox_db_commit (self->db);
          goto out;
        }
    }

  route->handler (&req);

  if (req.company_id != NULL && soup_server_message_get_status (msg) < 300)
    bump_company (&req);
  if (key_hash != NULL)
    idempotency_store (&req, key, key_hash);

  if (!chq_sandbox_db_commit (self->db))
    {
      chq_sandbox_db_rollback (self->db);
      reply_problem (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "server_error", NULL,
                     _("The demo server could not save this change. Try again."));
    }

out:
  request_clear (&req);
}

/* Faults, rate limit, latency. */

static gboolean
over_rate_limit (ChqSandbox        *self,
                 SoupServerMessage *msg)
{
  const char *client = soup_server_message_get_remote_host (msg);
  gint64 second = g_get_monotonic_time () / G_USEC_PER_SEC;
  RateWindow *window;

  if (client == NULL)
    client = "?";

  window = g_hash_table_lookup (self->rate_windows, client);
  if (window == NULL)
    {
      window = g_new0 (RateWindow, 1);
      g_hash_table_insert (self->rate_windows, g_strdup (client), window);
    }

  if (window->second != second)
    {
      window->second = second;
      window->count = 0;
    }

  return ++window->count > self->rate_limit;
}

typedef struct {
  ChqSandbox        *self;   /* unowned: the sandbox outlives its thread */
  SoupServerMessage *msg;    /* owned */
  GSource           *source; /* unowned */
} Delayed;

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_ptr_array_remove (delayed->self->delayed, delayed->source);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

static gboolean
on_delay_elapsed_cb (gpointer data)
{
  Delayed *delayed = data;

  dispatch (delayed->self, delayed->msg);
  soup_server_message_unpause (delayed->msg);

  return G_SOURCE_REMOVE;
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  ChqSandbox *self = user_data;
  double fail_rate, drop_rate;
  guint latency_ms;
  double draw_drop, draw_fail;

  g_mutex_lock (&self->lock);
  self->request_count++;
  fail_rate = self->fail_rate;
  drop_rate = self->drop_rate;
  latency_ms = self->latency_ms;
  g_mutex_unlock (&self->lock);

  /* Two draws per request whatever the rates, so a seed gives the same sequence. */
  draw_drop = g_rand_double (self->rand);
  draw_fail = g_rand_double (self->rand);

  if (draw_drop < drop_rate)
    {
      drop_connection (msg);
      return;
    }

  if (draw_fail < fail_rate)
    {
      reply_retry_later (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable", 1,
                         _("The voucher service is unavailable for a moment. "
                           "Try again in a few seconds."));
      return;
    }

  if (over_rate_limit (self, msg))
    {
      reply_retry_later (msg, CHQ_HTTP_TOO_MANY_REQUESTS, "rate_limited", 1,
                         _("Too many requests in a short time. Wait a second and try again."));
      return;
    }

  if (latency_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->self = self;
      delayed->msg = g_object_ref (msg);
      delayed->source = g_timeout_source_new (latency_ms);
      g_source_set_callback (delayed->source, on_delay_elapsed_cb, delayed, delayed_free);
      g_ptr_array_add (self->delayed, delayed->source);
      soup_server_message_pause (msg);
      g_source_attach (delayed->source, self->context);
      g_source_unref (delayed->source);
      return;
    }

  dispatch (self, msg);
}

/* Before the body is read. */

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  ChqSandbox *self = user_data;

  /* A chunked body has no length up front: it is refused once it passes the limit,
   * before more of it is kept. */
  if (soup_server_message_get_request_body (msg)->length > CHQ_SANDBOX_MAX_BODY)
    {
      g_signal_handlers_disconnect_by_func (msg, on_got_chunk_cb, user_data);
      _chq_sandbox_http_refuse_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                    "payload_too_large",
                                    _("The request is larger than 64 KiB. Send less data at "
                                      "once."),
                                    self->refusals);
    }
}

static void
on_early_request_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  ChqSandbox *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > CHQ_SANDBOX_MAX_BODY)
    {
      _chq_sandbox_http_refuse_now (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                    "payload_too_large",
                                    _("The request is larger than 64 KiB. Send less data at "
                                      "once."),
                                    self->refusals);
      return;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), self);

  /* A web page may not use this service: the browser says where a request comes from in
   * Origin, and a page that had its own name point to 127.0.0.1 shows in Host. A status
   * set here is the answer; the (bounded) body is read, the API never sees it. */
  if (!_chq_sandbox_http_origin_allowed (soup_message_headers_get_one (headers, "Origin"),
                                         self->bound_port) ||
      !_chq_sandbox_http_host_allowed (soup_message_headers_get_one (headers, "Host")))
    reply_problem (msg, SOUP_STATUS_FORBIDDEN, "forbidden", NULL,
                   _("This service answers programs on this computer only, not web pages. "
                     "Use Chéquier or a command-line tool."));
}

/* The server thread. */

static gpointer
server_thread (gpointer data)
{
  ChqSandbox *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) local = NULL;

  g_main_context_push_thread_default (self->context);

  server = soup_server_new ("server-header", "chequier-sandbox/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (server, NULL, on_early_request_cb, self, NULL);
  soup_server_add_handler (server, NULL, on_request_cb, self, NULL);

  socket = _chq_sandbox_http_listen (self->port, &error);
  if (socket == NULL || !soup_server_listen_socket (server, socket, 0, &error))
    {
      g_mutex_lock (&self->lock);
      g_set_error (&self->start_error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_LISTEN,
                   /* Translators: %u is a port number, %s the system's message */
                   _("The demo server could not listen on port %u (%s). "
                     "Choose another port."),
                   self->port, error->message);
      self->listening = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  /* The port from the socket itself: libsoup 3.2's listener made from a socket never
   * frees the address soup_server_get_uris() makes it look up. */
  local = g_socket_get_local_address (socket, NULL);
  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->uri, g_free);
  if (G_IS_INET_SOCKET_ADDRESS (local))
    {
      self->bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
      self->uri = g_strdup_printf ("http://127.0.0.1:%u", self->bound_port);
    }
  self->listening = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  self->server = server;
  g_main_loop_run (self->loop);
  self->server = NULL;

  /* Messages held back by latency are answered no more. */
  while (self->delayed->len > 0)
    g_source_destroy (g_ptr_array_index (self->delayed, 0));

  soup_server_disconnect (server);
  g_clear_object (&server);

  /* Refused connections still draining are closed now. */
  for (guint i = 0; i < self->refusals->len; i++)
    g_cancellable_cancel (g_ptr_array_index (self->refusals, i));
  while (self->refusals->len > 0)
    g_main_context_iteration (self->context, TRUE);

  /* Let the disconnections run to completion. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
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

  now = sandbox_now (self);

  /* Keys are kept CHQ_API_IDEMPOTENCY_DAYS, sign-in failures 15 minutes, tokens until
   * they expire. */
  chq_sandbox_db_run (self->db, "DELETE FROM idempotency WHERE created_at < ?1",
                      "I", g_date_time_to_unix (now) - IDEMPOTENCY_SECONDS);
  chq_sandbox_db_run (self->db, "DELETE FROM login_failures WHERE at <= ?1",
                      "I", g_date_time_to_unix (now) - LOGIN_WINDOW_SECONDS);
  chq_sandbox_db_run (self->db, "DELETE FROM tokens WHERE expires_at <= ?1",
                      "I", g_date_time_to_unix (now));

  if (created)
    {
      if (!chq_sandbox_demo_seed (self->db, now, !self->no_demo, self->n_courses, self->seed,
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

  self->thread = g_thread_new ("chq-sandbox", server_thread, self);

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
  g_autoptr(GDateTime) now = sandbox_now (call->self);

  switch (call->kind)
    {
    case HOOK_ADD_COURSE:
      call->new_id = chq_sandbox_demo_add_course (db, now, call->title);
      call->ok = call->new_id != NULL;
      break;

    case HOOK_UPDATE_COURSE:
      call->ok = chq_sandbox_demo_update_course (db, now, call->id, call->title);
      break;

    case HOOK_DELETE_COURSE:
      call->ok = chq_sandbox_demo_delete_course (db, call->id);
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
