/* chq-sandbox-private.h: what the sandbox server's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calls go one way, from the top of this header to its bottom part:
 *
 *   chq-sandbox.c (the object, start/stop, test hooks)
 *     -> chq-sandbox-server.c (the thread, routing, faults, rate limit)
 *       -> the resources: chq-sandbox-account.c, -courses.c, -orders.c, -wallet.c,
 *          -workers.c, -enrolments.c; chq-sandbox-idempotency.c, chq-sandbox-http.c
 *     -> chq-sandbox-demo.c (the demo companies and their history)
 *           -> chq-sandbox-catalog.c (courses), chq-sandbox-ledger.c (vouchers)
 *             -> chq-sandbox-request.c, chq-sandbox-reply.c, chq-sandbox-clock.c,
 *                chq-sandbox-db.c
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "chq-json.h"
#include "chq-sandbox.h"
#include "chq-sandbox-db.h"
#include "chq-types.h"

G_BEGIN_DECLS

/* libsoup 3.2 has no name for 429. */
#define CHQ_HTTP_TOO_MANY_REQUESTS 429

/* Largest request body accepted (413 above). */
#define CHQ_SANDBOX_MAX_BODY (64 * 1024)

/* How long failed sign-ins count, and an Idempotency-Key is kept (docs/api.md). */
#define CHQ_SANDBOX_LOGIN_WINDOW_SECONDS (15 * 60)
#define CHQ_SANDBOX_IDEMPOTENCY_SECONDS  ((gint64) CHQ_API_IDEMPOTENCY_DAYS * 24 * 3600)

/* The clock (chq-sandbox-clock.c). */
typedef struct {
  GMutex lock;
  GDate  fixed_today;     /* invalid when the real date is used; under @lock */
  gint64 fixed_since_us;  /* monotonic time the date was fixed: the clock runs; @lock */
} ChqSandboxClock;

struct _ChqSandbox
{
  GObject          parent_instance;

  /* Options, fixed at construction. */
  char            *db_path;        /* owned, nullable */
  guint16          port;
  guint            n_courses;
  guint64          seed;
  gboolean         no_demo;
  guint            rate_limit;

  ChqSandboxClock  clock;

  GMutex           lock;           /* guards what follows up to the server-thread part */
  GCond            cond;
  double           fail_rate;
  double           drop_rate;
  guint            latency_ms;
  gboolean         running;
  gboolean         listening;      /* the thread reported back (uri or start_error set) */
  char            *uri;            /* owned */
  GError          *start_error;    /* owned */
  guint            request_count;

  GThread         *thread;
  GMainContext    *context;        /* owned, the server thread's */
  GMainLoop       *loop;           /* owned */

  /* Server thread only (or the caller while stopped). */
  ChqSandboxDb    *db;             /* owned */
  GRand           *rand;           /* owned: faults and codes, deterministic by seed */
  GHashTable      *rate_windows;   /* client -> window, owned */
  GPtrArray       *delayed;        /* GSource of messages held back by latency_ms */
  GPtrArray       *refusals;       /* GCancellable of refused connections still draining */
  guint            bound_port;     /* the port listened on */
};

/* What a handler sees of one request; lives for the duration of the handler. */
typedef struct {
  ChqSandboxDb      *db;
  GRand             *rand;        /* the sandbox's seeded generator */
  SoupServerMessage *msg;
  const char        *method;
  char             **segments;    /* the path split on '/', owned */
  GHashTable        *query;       /* (nullable) decoded query, owned */
  char              *company_id;  /* (nullable) the signed-in company, owned */
  JsonNode          *body;        /* (nullable) the parsed JSON body, owned */
  GDateTime         *now;         /* the server clock, Europe/Brussels, owned */
  GDate              today;
} ChqSandboxRequest;

/* The server thread (chq-sandbox-server.c). */
gpointer    _chq_sandbox_server_thread       (gpointer            data);

/* Resources (one file each): a handler answers one route. */
void _chq_sandbox_post_sessions        (ChqSandboxRequest *req);
char *_chq_sandbox_authenticate        (ChqSandboxRequest *req);
void _chq_sandbox_get_account          (ChqSandboxRequest *req);
void _chq_sandbox_get_courses          (ChqSandboxRequest *req);
void _chq_sandbox_get_course           (ChqSandboxRequest *req);
void _chq_sandbox_get_orders           (ChqSandboxRequest *req);
void _chq_sandbox_post_orders          (ChqSandboxRequest *req);
void _chq_sandbox_cancel_order         (ChqSandboxRequest *req);
void _chq_sandbox_pay_order            (ChqSandboxRequest *req);
void _chq_sandbox_get_wallet           (ChqSandboxRequest *req);
void _chq_sandbox_get_workers          (ChqSandboxRequest *req);
void _chq_sandbox_get_worker           (ChqSandboxRequest *req);
void _chq_sandbox_post_workers         (ChqSandboxRequest *req);
void _chq_sandbox_put_worker           (ChqSandboxRequest *req);
void _chq_sandbox_delete_worker        (ChqSandboxRequest *req);
void _chq_sandbox_get_enrolments       (ChqSandboxRequest *req);
void _chq_sandbox_post_enrolments      (ChqSandboxRequest *req);
void _chq_sandbox_cancel_enrolment     (ChqSandboxRequest *req);
void _chq_sandbox_post_attendance      (ChqSandboxRequest *req);

/* ETag versions: a string that changes whenever the answer would. */
char *_chq_sandbox_courses_version     (ChqSandboxRequest *req);
char *_chq_sandbox_course_version      (ChqSandboxRequest *req);

/* Idempotency keys (chq-sandbox-idempotency.c): the first answer for (company, key) is
 * kept with a hash of the request. */
char     *_chq_sandbox_idempotency_hash   (ChqSandboxRequest *req,
                                           const char        *path,
                                           SoupMessageBody   *body);
gboolean  _chq_sandbox_idempotency_replay (ChqSandboxRequest *req,
                                           const char        *key,
                                           const char        *hash);
void      _chq_sandbox_idempotency_store  (ChqSandboxRequest *req,
                                           const char        *key,
                                           const char        *hash);

/* HTTP guards and the listening socket (chq-sandbox-http.c). */
GSocket   *_chq_sandbox_http_listen         (guint16             port,
                                            GError            **error);
gboolean   _chq_sandbox_http_origin_allowed (const char         *origin,
                                            guint               port);
gboolean   _chq_sandbox_http_host_allowed   (const char         *host);
gboolean   _chq_sandbox_http_is_json_body   (SoupMessageHeaders *headers);
void       _chq_sandbox_http_refuse_now     (SoupServerMessage  *msg,
                                            guint               status,
                                            const char         *code,
                                            const char         *detail,
                                            GPtrArray          *pending);

/* The demo data (chq-sandbox-demo.c): fills a new database. */
gboolean  _chq_sandbox_demo_seed          (ChqSandboxDb  *db,
                                           GDateTime     *now,
                                           gboolean       demo,
                                           guint          n_courses,
                                           guint64        seed,
                                           GError       **error);

/* The catalogue (chq-sandbox-catalog.c). */
typedef struct {
  ChqSandboxDb *db;
  GTimeZone    *tz;          /* owned */
  GDate         today;
  char         *updated_at;  /* owned: now, as the rows' updated_at */
} ChqSandboxSeeder;

void      _chq_sandbox_seeder_init        (ChqSandboxSeeder *seeder,
                                           ChqSandboxDb     *db,
                                           GDateTime        *now);
void      _chq_sandbox_seeder_clear       (ChqSandboxSeeder *seeder);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChqSandboxSeeder, _chq_sandbox_seeder_clear)

void      _chq_sandbox_skip_to_working_day (GDate            *day);
gboolean  _chq_sandbox_city_info          (const char       *city,
                                           const char      **out_postcode,
                                           const char      **out_province);
void      _chq_sandbox_catalog_seed       (ChqSandboxSeeder *seeder,
                                           gboolean          demo,
                                           guint             n_courses,
                                           guint64           seed);
char     *_chq_sandbox_catalog_add        (ChqSandboxDb     *db,
                                           GDateTime        *now,
                                           const char       *title);
gboolean  _chq_sandbox_catalog_rename     (ChqSandboxDb     *db,
                                           GDateTime        *now,
                                           const char       *id,
                                           const char       *title);
gboolean  _chq_sandbox_catalog_withdraw   (ChqSandboxDb     *db,
                                           const char       *id);
gint64    _chq_sandbox_catalog_touch      (ChqSandboxDb     *db,
                                           const char       *course_id,
                                           GDateTime        *now);

/* The voucher ledger (chq-sandbox-ledger.c), shared by the API and the demo data. */
gboolean  _chq_sandbox_ledger_get_company (ChqSandboxDb     *db,
                                           const char       *company_id,
                                           ChqAccountKind   *out_kind,
                                           double           *out_fte);
guint     _chq_sandbox_ledger_ordered     (ChqSandboxDb     *db,
                                           const char       *company_id,
                                           ChqVoucherType    type,
                                           int               year);
void      _chq_sandbox_ledger_credit      (ChqSandboxDb     *db,
                                           const char       *company_id,
                                           const char       *order_id,
                                           const char       *voucher_type,
                                           gint64            quantity,
                                           const GDate      *credited_on);
gint64    _chq_sandbox_ledger_usable      (ChqSandboxDb     *db,
                                           const char       *company_id,
                                           const char       *voucher_type,
                                           const char       *last_day);
void      _chq_sandbox_ledger_reserve     (ChqSandboxDb     *db,
                                           const char       *company_id,
                                           const char       *enrolment_id,
                                           const char       *voucher_type,
                                           const char       *last_day,
                                           gint64            quantity);
void      _chq_sandbox_ledger_settle      (ChqSandboxDb     *db,
                                           const char       *enrolment_id,
                                           gint64            used);
void      _chq_sandbox_ledger_record_use  (ChqSandboxDb     *db,
                                           const char       *enrolment_id,
                                           const char       *batch_id,
                                           gint64            quantity);

/* Reading a request (chq-sandbox-request.c): each getter answers 400 itself and returns
 * FALSE when the member is wrong. */
const char *_chq_sandbox_request_segment  (ChqSandboxRequest  *req,
                                           guint               index);
const char *_chq_sandbox_request_query    (ChqSandboxRequest  *req,
                                           const char         *name);
JsonNode   *_chq_sandbox_request_member   (ChqSandboxRequest  *req,
                                           const char         *name);
gboolean    _chq_sandbox_request_string   (ChqSandboxRequest  *req,
                                           const char         *name,
                                           const char        **out_value);
gboolean    _chq_sandbox_request_optional_string (ChqSandboxRequest  *req,
                                                  const char         *name,
                                                  const char        **out_value);
gboolean    _chq_sandbox_node_is_string   (JsonNode           *node);
gboolean    _chq_sandbox_node_is_integer  (JsonNode           *node);
gboolean    _chq_sandbox_node_is_number   (JsonNode           *node);

/* Answers (chq-sandbox-reply.c). */
void        _chq_sandbox_send_problem  (SoupServerMessage *msg,
                                        guint              status,
                                        const char        *code,
                                        const char        *field,
                                        const char        *detail,
                                        int                left);
void        _chq_sandbox_send_retry_later (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *code,
                                           guint              seconds,
                                           const char        *detail);
JsonNode   *_chq_sandbox_problem_json  (guint              status,
                                        const char        *code,
                                        const char        *field,
                                        const char        *detail);
void        _chq_sandbox_reply_json    (ChqSandboxRequest *req,
                                        guint              status,
                                        JsonNode          *node);
void        _chq_sandbox_reply_text    (ChqSandboxRequest *req,
                                        guint              status,
                                        char              *text,
                                        gsize              length);
void        _chq_sandbox_reply_model   (ChqSandboxRequest *req,
                                        guint              status,
                                        gpointer           model);
void        _chq_sandbox_reply_list    (ChqSandboxRequest *req,
                                        GPtrArray         *items);
/* Makes the model (a new GObject the codec knows) of the row @row is on. */
typedef gpointer (*ChqSandboxRowFunc) (ChqSandboxDb *db,
                                       sqlite3_stmt *row);
void        _chq_sandbox_reply_row     (ChqSandboxRequest *req,
                                        guint              status,
                                        sqlite3_stmt      *row,
                                        ChqSandboxRowFunc  load);
void        _chq_sandbox_reply_rows    (ChqSandboxRequest *req,
                                        sqlite3_stmt      *rows,
                                        ChqSandboxRowFunc  load);
void        _chq_sandbox_reply_problem (ChqSandboxRequest *req,
                                        guint              status,
                                        const char        *code,
                                        const char        *field,
                                        const char        *detail);
void        _chq_sandbox_reply_invalid (ChqSandboxRequest *req,
                                        const char        *field,
                                        const char        *detail);
void        _chq_sandbox_reply_not_found (ChqSandboxRequest *req);
void        _chq_sandbox_reply_not_found_field (ChqSandboxRequest *req,
                                                const char        *field);
char       *_chq_sandbox_etag_from_version (const char    *version);
gboolean    _chq_sandbox_etag_matches  (const char        *if_none_match,
                                        const char        *etag);

/* Clock and texts (chq-sandbox-clock.c). */
void        _chq_sandbox_clock_init      (ChqSandboxClock   *clock);
void        _chq_sandbox_clock_clear     (ChqSandboxClock   *clock);
void        _chq_sandbox_clock_set_today (ChqSandboxClock   *clock,
                                          const GDate       *today);
GDateTime  *_chq_sandbox_clock_dup_now   (ChqSandboxClock   *clock);
GTimeZone  *_chq_sandbox_time_zone       (void);
char       *_chq_sandbox_format_time     (GDateTime         *time);
char       *_chq_sandbox_format_time_on  (GTimeZone         *tz,
                                          const GDate       *day,
                                          int                hour,
                                          int                minute);
char       *_chq_sandbox_format_date     (const GDate       *date);
gboolean    _chq_sandbox_parse_date      (const char        *text,
                                          GDate             *out_date);
GDateTime  *_chq_sandbox_parse_time      (const char        *text);
GDate      *_chq_sandbox_date_of_time    (const char        *iso,
                                          GDate             *out);
char       *_chq_sandbox_hash_password   (const char        *salt,
                                          const char        *password);
char       *_chq_sandbox_random_hex      (gsize              n_bytes);

G_END_DECLS
