/* chq-client-calls.c: the calls of ChqClient, one per endpoint, all through the table of
 * chq-endpoint.c and one generic call (the table gives the method, the path, the key and
 * how the answer is decoded, on the parsing thread), then the calls that read; those that
 * write are in chq-client-writes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-client"

#include "config.h"

#include "chq-client.h"
#include "chq-client-private.h"
#include "chq-endpoint.h"
#include "chq-json.h"

/* The answer of POST /v1/sessions, decoded. */
typedef struct {
  char       *token;      /* owned, wiped on free */
  GDateTime  *expires_at; /* owned */
  ChqAccount *account;    /* owned */
} SessionAnswer;

static void
session_answer_free (SessionAnswer *answer)
{
  g_clear_pointer (&answer->token, _chq_client_wipe_string);
  g_clear_pointer (&answer->expires_at, g_date_time_unref);
  g_clear_object (&answer->account);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SessionAnswer, session_answer_free)

/* Decodes an answer as the endpoint's row (@decode_data) says, on the parsing thread. */
static gpointer
decode_answer (JsonNode       *node,
               gconstpointer   decode_data,
               GError        **error)
{
  const ChqEndpoint *endpoint = decode_data;

  switch (endpoint->answer)
    {
    case CHQ_BODY_MODEL:
      return chq_model_from_json (endpoint->model_type (), node, error);

    case CHQ_BODY_LIST:
      return chq_list_from_json (node, endpoint->model_type (), error);

    case CHQ_BODY_COURSES_PAGE:
      return chq_courses_page_from_json (node, error);

    case CHQ_BODY_WALLET:
      return chq_wallet_from_json (node, error);

    case CHQ_BODY_SESSION_RESPONSE:
      {
        g_autoptr(SessionAnswer) answer = g_new0 (SessionAnswer, 1);

        if (!chq_session_response_from_json (node, &answer->token, &answer->expires_at,
                                             &answer->account, error))
          return NULL;
        return g_steal_pointer (&answer);
      }

    case CHQ_BODY_NONE:
    case CHQ_BODY_SESSION_REQUEST:
    case CHQ_BODY_ORDER_REQUEST:
    case CHQ_BODY_WORKER_REQUEST:
    case CHQ_BODY_ENROLMENT_REQUEST:
    case CHQ_BODY_ATTENDANCE_REQUEST:
    default:
      g_return_val_if_reached (NULL);
    }
}

static GDestroyNotify
answer_free_func (ChqBodyKind kind)
{
  switch (kind)
    {
    case CHQ_BODY_MODEL:
      return g_object_unref;
    case CHQ_BODY_LIST:
      return (GDestroyNotify) g_ptr_array_unref;
    case CHQ_BODY_COURSES_PAGE:
      return (GDestroyNotify) chq_courses_page_free;
    case CHQ_BODY_WALLET:
      return (GDestroyNotify) chq_wallet_free;
    case CHQ_BODY_SESSION_RESPONSE:
      return (GDestroyNotify) session_answer_free;
    case CHQ_BODY_NONE:
    case CHQ_BODY_SESSION_REQUEST:
    case CHQ_BODY_ORDER_REQUEST:
    case CHQ_BODY_WORKER_REQUEST:
    case CHQ_BODY_ENROLMENT_REQUEST:
    case CHQ_BODY_ATTENDANCE_REQUEST:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The task of a call of @id, decoding its answer as the table says; not started. */
static GTask *
endpoint_task_new (ChqClient           *self,
                   ChqEndpointId        id,
                   const char          *target_id,
                   const char          *query,
                   const char          *idempotency_key,
                   JsonNode            *body,
                   const char          *etag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  const ChqEndpoint *endpoint = chq_endpoint_get (id);
  g_autofree char *path = NULL;
  GTask *task;

  path = chq_endpoint_build_path (endpoint, target_id);
  if (query != NULL)
    {
      char *with_query = g_strconcat (path, query, NULL);

      g_free (path);
      path = with_query;
    }

  task = _chq_client_request_new (self, id == CHQ_ENDPOINT_SIGN_IN, endpoint->method, path,
                                  idempotency_key, body, etag, chq_client_call_async,
                                  cancellable, callback, user_data);
  _chq_client_request_set_decode (task, decode_answer, endpoint,
                                  answer_free_func (endpoint->answer));
  return task;
}

/**
 * chq_client_call_async:
 * @self: a #ChqClient
 * @id: the endpoint, a row of the table of chq-endpoint.c
 * @target_id: (nullable): what the call acts on, for a path with `{id}` (escaped into it)
 * @query: (nullable): appended to the path as it is, with its `?` (`?year=2026`)
 * @idempotency_key: (nullable): sent as `Idempotency-Key` (required when the table says
 *   so); a write is retried only with one
 * @body: (nullable): the request body, of the table's request kind (made by the codec)
 * @etag: (nullable): sent as `If-None-Match`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * The one call path of the typed calls: sends the request the table describes and
 * decodes its answer, as the table says, on a worker thread. Finish with
 * chq_client_call_finish().
 */
void
chq_client_call_async (ChqClient           *self,
                       ChqEndpointId        id,
                       const char          *target_id,
                       const char          *query,
                       const char          *idempotency_key,
                       JsonNode            *body,
                       const char          *etag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  const ChqEndpoint *endpoint;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  endpoint = chq_endpoint_get (id);
  g_return_if_fail (endpoint != NULL);
  g_return_if_fail (endpoint->key != CHQ_ENDPOINT_KEY_REQUIRED || idempotency_key != NULL);
  g_return_if_fail (endpoint->key != CHQ_ENDPOINT_KEY_NONE || idempotency_key == NULL);
  g_return_if_fail ((body != NULL) == (endpoint->request != CHQ_BODY_NONE));
  g_return_if_fail (!chq_endpoint_takes_id (endpoint) || (target_id != NULL && *target_id));

  _chq_client_request_start (endpoint_task_new (self, id, target_id, query, idempotency_key,
                                                body, etag, cancellable, callback,
                                                user_data));
}

/**
 * chq_client_call_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the answer's `ETag`
 * @error: return location for a #GError (%CHQ_CLIENT_ERROR, or %G_IO_ERROR_CANCELLED)
 *
 * Returns: (transfer full) (nullable): the answer decoded as the endpoint's answer kind
 *   says: a model object (MODEL), a #GPtrArray of them (LIST), a #ChqCoursesPage or a
 *   #ChqWallet; %NULL with @error set on failure, also for an empty answer
 */
gpointer
chq_client_call_finish (ChqClient     *self,
                        GAsyncResult  *result,
                        char         **out_etag,
                        GError       **error)
{
  g_autofree char *etag = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer answer;

  /* The answer was decoded on the parsing thread. */
  answer = _chq_client_propagate_answer (self, result, chq_client_call_async, &etag,
                                         &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (answer == NULL)
    {
      g_propagate_error (error, _chq_client_new_empty_answer_error (self));
      return NULL;
    }

  if (out_etag != NULL)
    *out_etag = g_steal_pointer (&etag);
  return answer;
}

/* chq_client_call_finish() for a call of @id only. */
gpointer
_chq_client_call_finish_for (ChqClient     *self,
                             GAsyncResult  *result,
                             ChqEndpointId  id,
                             char         **out_etag,
                             GError       **error)
{
  const ChqEndpoint *endpoint;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == chq_client_call_async, NULL);
  endpoint = _chq_client_request_get_decode_data (result);
  g_return_val_if_fail (endpoint != NULL && endpoint->id == id, NULL);

  return chq_client_call_finish (self, result, out_etag, error);
}

/* --- sessions and account ----------------------------------------------------------- */

/**
 * chq_client_sign_in_async:
 * @self: a #ChqClient
 * @enterprise_number: the company's enterprise number (10 digits)
 * @password: the password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `POST /v1/sessions`. Not retried (it carries no idempotency key). Finish with
 * chq_client_sign_in_finish().
 */
void
chq_client_sign_in_async (ChqClient           *self,
                          const char          *enterprise_number,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (enterprise_number != NULL);
  g_return_if_fail (password != NULL);

  body = chq_session_request_to_json (enterprise_number, password);
  chq_client_call_async (self, CHQ_ENDPOINT_SIGN_IN, NULL, NULL, NULL, body, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_sign_in_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_token: (out) (optional): the bearer token (the client keeps a copy for its calls)
 * @out_expires_at: (out) (optional): when the token expires
 * @error: return location for a #GError; a wrong number or password is
 *   %CHQ_CLIENT_ERROR_UNAUTHORIZED
 *
 * Returns: (transfer full) (nullable): the signed-in account
 */
ChqAccount *
chq_client_sign_in_finish (ChqClient     *self,
                           GAsyncResult  *result,
                           char         **out_token,
                           GDateTime    **out_expires_at,
                           GError       **error)
{
  g_autoptr(SessionAnswer) answer = NULL;

  answer = _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_SIGN_IN, NULL, error);
  if (answer == NULL)
    return NULL;

  chq_client_set_token (self, answer->token);
  if (out_token != NULL)
    *out_token = g_steal_pointer (&answer->token);
  if (out_expires_at != NULL)
    *out_expires_at = g_steal_pointer (&answer->expires_at);

  return g_steal_pointer (&answer->account);
}

/**
 * chq_client_get_account_async:
 * @self: a #ChqClient
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/account`. Finish with chq_client_get_account_finish().
 */
void
chq_client_get_account_async (ChqClient           *self,
                              const char          *etag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  chq_client_call_async (self, CHQ_ENDPOINT_GET_ACCOUNT, NULL, NULL, NULL, NULL, etag,
                         cancellable, callback, user_data);
}

/**
 * chq_client_get_account_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError (%CHQ_CLIENT_ERROR_NOT_MODIFIED when the copy
 *   with the given ETag is still current)
 *
 * Returns: (transfer full) (nullable): the account
 */
ChqAccount *
chq_client_get_account_finish (ChqClient     *self,
                               GAsyncResult  *result,
                               char         **out_etag,
                               GError       **error)
{
  return (ChqAccount *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_GET_ACCOUNT,
                                                     out_etag, error);
}

/* --- courses ------------------------------------------------------------------------ */

/**
 * chq_client_list_courses_async:
 * @self: a #ChqClient
 * @since: (nullable): the cursor of the last page applied (`next`), %NULL for the start
 * @limit: the most courses in the page (1..1000), 0 for the server's default
 * @etag: (nullable): the ETag of the last answer to the same query
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/courses?since=&limit=`, one page of the course delta feed. The answer is parsed
 * and decoded on a worker thread. Finish with chq_client_list_courses_finish().
 */
void
chq_client_list_courses_async (ChqClient           *self,
                               const char          *since,
                               guint                limit,
                               const char          *etag,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  chq_client_list_courses_peek_async (self, since, limit, etag, NULL, NULL, NULL,
                                      cancellable, callback, user_data);
}

/**
 * chq_client_list_courses_peek_async:
 * @self: a #ChqClient
 * @since: (nullable): the cursor of the last page applied (`next`), %NULL for the start
 * @limit: the most courses in the page (1..1000), 0 for the server's default
 * @etag: (nullable): the ETag of the last answer to the same query
 * @peek: (nullable): told the page's `next` and `more` as soon as the page has arrived,
 *   before it is parsed and decoded
 * @prepare: (nullable): run on the parsing thread with the decoded page
 * @hook_data: for @peek and @prepare (kept alive by the caller until @callback)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * As chq_client_list_courses_async(), and tells @peek the page's cursor read from its
 * text (chq_json_peek_feed_cursor()), on the caller's context before @callback, so that a
 * caller may ask for the next page while this one is parsed. Only a hint: @peek is not
 * called when the text does not show the cursor plainly, nor for an error answer, and the
 * page may still be refused when it is decoded. Then @prepare, on the parsing thread, may
 * turn the page into what the caller needs (page->prepared) and free the rest there, with
 * the page's text as received in page->text during the call; its
 * error (returned as is) refuses the page. Finish with chq_client_list_courses_finish().
 */
void
chq_client_list_courses_peek_async (ChqClient           *self,
                                    const char          *since,
                                    guint                limit,
                                    const char          *etag,
                                    ChqCoursesPeekFunc   peek,
                                    ChqCoursesPrepareFunc prepare,
                                    gpointer             hook_data,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  char separator = '?';
  GTask *task;

  g_return_if_fail (CHQ_IS_CLIENT (self));

  if (since != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (since, NULL, FALSE);

      g_string_append_printf (query, "%csince=%s", separator, escaped);
      separator = '&';
    }
  if (limit > 0)
    g_string_append_printf (query, "%climit=%u", separator, limit);

  task = endpoint_task_new (self, CHQ_ENDPOINT_LIST_COURSES, NULL, query->str, NULL, NULL, etag,
                            cancellable, callback, user_data);
  _chq_client_request_set_feed_hooks (task, peek, prepare, hook_data);
  _chq_client_request_start (task);
}

/**
 * chq_client_list_courses_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError (%CHQ_CLIENT_ERROR_NOT_MODIFIED when nothing
 *   changed)
 *
 * Returns: (transfer full) (nullable): the page (free with chq_courses_page_free())
 */
ChqCoursesPage *
chq_client_list_courses_finish (ChqClient     *self,
                                GAsyncResult  *result,
                                char         **out_etag,
                                GError       **error)
{
  return (ChqCoursesPage *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_LIST_COURSES,
                                                         out_etag, error);
}

/**
 * chq_client_get_course_async:
 * @self: a #ChqClient
 * @id: the course's id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/courses/{id}`. Finish with chq_client_get_course_finish().
 */
void
chq_client_get_course_async (ChqClient           *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));
  g_return_if_fail (id != NULL);

  chq_client_call_async (self, CHQ_ENDPOINT_GET_COURSE, id, NULL, NULL, NULL, NULL,
                         cancellable, callback, user_data);
}

/**
 * chq_client_get_course_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the course
 */
ChqCourse *
chq_client_get_course_finish (ChqClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return (ChqCourse *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_GET_COURSE,
                                                    NULL, error);
}

/* --- orders and wallet -------------------------------------------------------------- */

/**
 * chq_client_list_orders_async:
 * @self: a #ChqClient
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/orders`. Finish with chq_client_list_orders_finish().
 */
void
chq_client_list_orders_async (ChqClient           *self,
                              const char          *etag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  chq_client_call_async (self, CHQ_ENDPOINT_LIST_ORDERS, NULL, NULL, NULL, NULL, etag,
                         cancellable, callback, user_data);
}

/**
 * chq_client_list_orders_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ChqOrder) (nullable): the orders
 */
GPtrArray *
chq_client_list_orders_finish (ChqClient     *self,
                               GAsyncResult  *result,
                               char         **out_etag,
                               GError       **error)
{
  return (GPtrArray *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_LIST_ORDERS,
                                                    out_etag, error);
}

/**
 * chq_client_get_wallet_async:
 * @self: a #ChqClient
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/wallet`. Finish with chq_client_get_wallet_finish().
 */
void
chq_client_get_wallet_async (ChqClient           *self,
                             const char          *etag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  chq_client_call_async (self, CHQ_ENDPOINT_GET_WALLET, NULL, NULL, NULL, NULL, etag,
                         cancellable, callback, user_data);
}

/**
 * chq_client_get_wallet_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the wallet (free with chq_wallet_free())
 */
ChqWallet *
chq_client_get_wallet_finish (ChqClient     *self,
                              GAsyncResult  *result,
                              char         **out_etag,
                              GError       **error)
{
  return (ChqWallet *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_GET_WALLET,
                                                    out_etag, error);
}

/* --- workers ------------------------------------------------------------------------ */

/**
 * chq_client_list_workers_async:
 * @self: a #ChqClient
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/workers`. Finish with chq_client_list_workers_finish().
 */
void
chq_client_list_workers_async (ChqClient           *self,
                               const char          *etag,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_CLIENT (self));

  chq_client_call_async (self, CHQ_ENDPOINT_LIST_WORKERS, NULL, NULL, NULL, NULL, etag,
                         cancellable, callback, user_data);
}

/**
 * chq_client_list_workers_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ChqWorker) (nullable): the workers, archived
 *   ones included
 */
GPtrArray *
chq_client_list_workers_finish (ChqClient     *self,
                                GAsyncResult  *result,
                                char         **out_etag,
                                GError       **error)
{
  return (GPtrArray *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_LIST_WORKERS,
                                                    out_etag, error);
}

/* --- enrolments --------------------------------------------------------------------- */

/**
 * chq_client_list_enrolments_async:
 * @self: a #ChqClient
 * @year: the calendar year of the sessions
 * @etag: (nullable): the ETag of the copy the caller has
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * `GET /v1/enrolments?year=Y`. Finish with chq_client_list_enrolments_finish().
 */
void
chq_client_list_enrolments_async (ChqClient           *self,
                                  int                  year,
                                  const char          *etag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *query = NULL;

  g_return_if_fail (CHQ_IS_CLIENT (self));

  query = g_strdup_printf ("?year=%d", year);
  chq_client_call_async (self, CHQ_ENDPOINT_LIST_ENROLMENTS, NULL, query, NULL, NULL, etag,
                         cancellable, callback, user_data);
}

/**
 * chq_client_list_enrolments_finish:
 * @self: a #ChqClient
 * @result: the #GAsyncResult
 * @out_etag: (out) (optional) (nullable): the new ETag
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type ChqEnrolment) (nullable): the enrolments
 */
GPtrArray *
chq_client_list_enrolments_finish (ChqClient     *self,
                                   GAsyncResult  *result,
                                   char         **out_etag,
                                   GError       **error)
{
  return (GPtrArray *) _chq_client_call_finish_for (self, result, CHQ_ENDPOINT_LIST_ENROLMENTS,
                                                    out_etag, error);
}
