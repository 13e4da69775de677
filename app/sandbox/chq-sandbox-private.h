/* chq-sandbox-private.h: what the sandbox server's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "chq-sandbox.h"
#include "chq-sandbox-db.h"

G_BEGIN_DECLS

/* libsoup 3.2 has no name for 429. */
#define CHQ_HTTP_TOO_MANY_REQUESTS 429

/* Largest request body accepted (413 above). */
#define CHQ_SANDBOX_MAX_BODY (64 * 1024)

/* What a handler sees of one request; lives for the duration of the handler. */
typedef struct {
  ChqSandbox        *sandbox;
  ChqSandboxDb      *db;
  SoupServerMessage *msg;
  const char        *method;
  char             **segments;    /* the path split on '/', owned */
  GHashTable        *query;       /* (nullable) decoded query, owned */
  char              *company_id;  /* (nullable) the signed-in company, owned */
  JsonNode          *body;        /* (nullable) the parsed JSON body, owned */
  GDateTime         *now;         /* the server clock, Europe/Brussels, owned */
  GDate              today;
} ChqSandboxRequest;

/* Responses. */
void        _chq_sandbox_reply_json    (ChqSandboxRequest *req,
                                        guint              status,
                                        JsonNode          *node);
void        _chq_sandbox_reply_problem (ChqSandboxRequest *req,
                                        guint              status,
                                        const char        *code,
                                        const char        *field,
                                        const char        *detail);
JsonBuilder *_chq_sandbox_problem_builder (guint            status,
                                          const char      *code,
                                          const char      *field,
                                          const char      *detail);
void        _chq_sandbox_reply_problem_builder (ChqSandboxRequest *req,
                                                guint              status,
                                                JsonBuilder       *builder);
void        _chq_sandbox_reply_invalid (ChqSandboxRequest *req,
                                        const char        *field,
                                        const char        *detail);
void        _chq_sandbox_reply_not_found (ChqSandboxRequest *req);

/* Clock and randomness (server thread). */
char       *_chq_sandbox_format_time   (GDateTime         *time);
char       *_chq_sandbox_format_date   (const GDate       *date);
gboolean    _chq_sandbox_parse_date    (const char        *text,
                                        GDate             *out_date);
GDateTime  *_chq_sandbox_parse_time    (const char        *text);
guint32     _chq_sandbox_random_int    (ChqSandbox        *self,
                                        guint32            end);
GTimeZone  *_chq_sandbox_time_zone     (void);

char       *_chq_sandbox_hash_password (const char        *salt,
                                        const char        *password);

/* The account object, shared by POST /v1/sessions and GET /v1/account. */
JsonNode   *_chq_sandbox_account_json  (ChqSandboxRequest *req,
                                        const char        *company_id);

/* Endpoint handlers (chq-sandbox-api.c). */
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

/* ETag versions: a string that changes whenever the answer would. */
char *_chq_sandbox_courses_version     (ChqSandboxRequest *req);
char *_chq_sandbox_course_version      (ChqSandboxRequest *req);

/* Catalogue changes shared by the API and the test hooks (server thread, in a transaction
 * or not). */
gint64 _chq_sandbox_touch_course       (ChqSandboxDb      *db,
                                        const char        *course_id,
                                        GDateTime         *now);

G_END_DECLS
