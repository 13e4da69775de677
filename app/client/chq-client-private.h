/* chq-client-private.h: what the parts of ChqClient share (chq-client.c, the transport;
 * chq-client-answer.c, the errors and the parsing thread; chq-client-calls.c, the
 * endpoints' calls); not for other files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "chq-client.h"

G_BEGIN_DECLS

/* Turns an answer the codec parsed into the call's result, on the parsing thread; NULL
 * with a CHQ_CODEC_ERROR set when the codec refuses it. */
typedef gpointer (*ChqClientDecodeFunc) (JsonNode       *node,
                                         gconstpointer   decode_data,
                                         GError        **error);

/* How a 401 reads: signing in with a wrong password is not an expired session. */
typedef enum {
  REQUEST_AUTHENTICATED,
  REQUEST_SIGN_IN,
} RequestKind;

/* One call, over all its attempts. */
typedef struct {
  RequestKind   kind;
  char         *method;           /* owned */
  char         *path;             /* owned; for the debug log (no query secrets here) */
  GUri         *uri;              /* owned */
  GBytes       *body;             /* owned, nullable */
  char         *idempotency_key;  /* owned, nullable */
  char         *etag;             /* owned, nullable: sent as If-None-Match */
  char         *token;            /* owned, nullable: wiped on free */
  gboolean      retryable;        /* GET, or a write with an idempotency key */
  guint         attempt;          /* attempts sent so far */
  guint         max_attempts;
  guint         base_ms;
  guint         cap_ms;
  gsize         max_response_size;

  SoupMessage  *message;          /* owned: the current attempt's */
  GInputStream *stream;           /* owned: its body */
  GByteArray   *buffer;           /* owned: the body read so far */
  GSource      *wait_source;      /* owned: the backoff timer */
  GSource      *cancel_source;    /* owned: stops the backoff at once on cancel */
  GCancellable *attempt_cancellable; /* owned: the current attempt's, cancelled with the
                                      * call's or at the attempt's deadline */
  gulong        cancelled_id;     /* on the call's cancellable, forwarding to the attempt's */
  GSource      *deadline_source;  /* owned: ends an attempt that takes too long in all */
  gboolean      deadline_hit;     /* the current attempt was ended by its deadline */
  guint         deadline_s;
  GCancellable *call_cancellable; /* owned, nullable: the caller's */

  char         *response_etag;    /* owned: ETag of the final answer */
  ChqClientDecodeFunc decode;     /* nullable: the result is the answer decoded by this */
  gconstpointer  decode_data;     /* for decode; static */
  GDestroyNotify decode_free;     /* frees what decode returns */
  ChqCoursesPeekFunc peek;        /* nullable: told a feed page's cursor before parsing */
  ChqCoursesPrepareFunc prepare;  /* nullable: run on the decoded page (course feed only) */
  gpointer       hook_data;       /* for peek and prepare */
} Request;

/* chq-client.c: one call's task, made, set up, started and finished. */
GTask        *_chq_client_request_new             (ChqClient             *self,
                                                   gboolean               sign_in,
                                                   const char            *method,
                                                   const char            *path,
                                                   const char            *idempotency_key,
                                                   JsonNode              *body,
                                                   const char            *etag,
                                                   gpointer               source_tag,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
void          _chq_client_request_set_decode      (GTask                 *task,
                                                   ChqClientDecodeFunc    decode,
                                                   gconstpointer          decode_data,
                                                   GDestroyNotify         decode_free);
void          _chq_client_request_set_feed_hooks  (GTask                 *task,
                                                   ChqCoursesPeekFunc     peek,
                                                   ChqCoursesPrepareFunc  prepare,
                                                   gpointer               hook_data);
gconstpointer _chq_client_request_get_decode_data (GAsyncResult          *result);
void          _chq_client_request_start           (GTask                 *task);
gpointer      _chq_client_propagate_answer        (ChqClient             *self,
                                                   GAsyncResult          *result,
                                                   gpointer               source_tag,
                                                   char                 **out_etag,
                                                   GError               **error);
GError       *_chq_client_new_empty_answer_error  (ChqClient             *self);

/* chq-client-calls.c: chq_client_call_finish() for a call of endpoint @id only. */
gpointer      _chq_client_call_finish_for         (ChqClient             *self,
                                                   GAsyncResult          *result,
                                                   ChqEndpointId          id,
                                                   char                 **out_etag,
                                                   GError               **error);
void          _chq_client_wipe_string             (char                  *secret);

/* chq-client-answer.c: errors, and the parsing thread. */
GError       *_chq_client_make_error              (ChqClientError         code,
                                                   guint                  status,
                                                   guint                  retry_after,
                                                   const char            *message);
/* Maps a failure to get any answer at all; *retry says whether another attempt may help. */
GError       *_chq_client_error_from_transport    (Request               *request,
                                                   const GError          *error,
                                                   gboolean              *retry);
GError       *_chq_client_invalid_response_from   (const char            *host,
                                                   const char            *why);
GError       *_chq_client_invalid_response        (Request               *request,
                                                   const char            *why);
GError       *_chq_client_error_from_problem      (Request               *request,
                                                   guint                  status,
                                                   const char            *content_type,
                                                   GBytes                *body,
                                                   guint                  retry_after);
/* Parses (and decodes) a JSON answer on a worker thread, then returns @task (whose
 * reference it takes) on its context. */
void          _chq_client_parse_answer_async      (GTask                 *task,
                                                   GBytes                *body);

G_END_DECLS
