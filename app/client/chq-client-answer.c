/* chq-client-answer.c: what ChqClient makes of an answer: the errors of the transport and
 * of the service (problem+json) as CHQ_CLIENT_ERROR, and the parsing and decoding of a JSON
 * answer on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "chq-client.h"
#include "chq-client-private.h"
#include "chq-http.h"
#include "chq-json.h"

GError *
_chq_client_make_error (ChqClientError code,
                        guint          status,
                        guint          retry_after,
                        const char    *message)
{
  return chq_client_error_new_for_status (code, status, retry_after, message);
}

static const char *
request_host (Request *request)
{
  if (request->uri == NULL || g_uri_get_host (request->uri) == NULL)
    return _("The service");
  return g_uri_get_host (request->uri);
}

/* Maps a failure to get any answer at all; *retry says whether another attempt may help. */
GError *
_chq_client_error_from_transport (Request      *request,
                                  const GError *error,
                                  gboolean     *retry)
{
  g_autofree char *message = NULL;

  *retry = FALSE;

  if (error->domain == G_TLS_ERROR)
    {
      message = g_strdup_printf (_("The security certificate of %s is not valid, so Chéquier "
                                   "did not connect. Check the service address, or contact "
                                   "the service's support."), request_host (request));
      return _chq_client_make_error (CHQ_CLIENT_ERROR_TLS, 0, 0, message);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      *retry = TRUE;
      message = g_strdup_printf (_("%s did not answer in time. Check your internet "
                                   "connection; Chéquier will try again later."),
                                 request_host (request));
      return _chq_client_make_error (CHQ_CLIENT_ERROR_TIMED_OUT, 0, 0, message);
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      message = g_strdup_printf (_("%s sent an answer Chéquier cannot read. Check the "
                                   "service address."), request_host (request));
      return _chq_client_make_error (CHQ_CLIENT_ERROR_INVALID_RESPONSE, 0, 0, message);
    }

  /* Refused, unreachable, unresolvable, or dropped before the whole answer came. */
  *retry = TRUE;
  message = g_strdup_printf (_("Chéquier cannot reach %s. Check your internet connection; "
                               "your data stays available offline."), request_host (request));
  return _chq_client_make_error (CHQ_CLIENT_ERROR_CANNOT_REACH, 0, 0, message);
}

GError *
_chq_client_invalid_response_from (const char *host,
                                   const char *why)
{
  g_autofree char *message = NULL;

  /* Translators: the first %s is the service's host, the second what was wrong */
  message = g_strdup_printf (_("%s sent an invalid answer: %s Try again later; if it "
                               "keeps happening, check the service address or update "
                               "Chéquier."), host, why);
  return _chq_client_make_error (CHQ_CLIENT_ERROR_INVALID_RESPONSE, 0, 0, message);
}

GError *
_chq_client_invalid_response (Request    *request,
                              const char *why)
{
  return _chq_client_invalid_response_from (request_host (request), why);
}

/* The codec's messages already say what was wrong, where, and what to do. */
static GError *
invalid_from_codec (const GError *codec_error)
{
  return chq_client_error_new_invalid_response (codec_error->message,
                                                chq_codec_error_get_field (codec_error));
}

GError *
_chq_client_error_from_problem (Request    *request,
                                guint       status,
                                const char *content_type,
                                GBytes     *body,
                                guint       retry_after)
{
  g_autoptr(ChqProblem) problem = NULL;
  g_autofree char *message = NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      if (request->kind == REQUEST_SIGN_IN)
        return _chq_client_make_error (CHQ_CLIENT_ERROR_UNAUTHORIZED, status, 0,
                                       _("The enterprise number or the password is wrong. "
                                         "Check them and sign in again."));
      return _chq_client_make_error (CHQ_CLIENT_ERROR_UNAUTHORIZED, status, 0,
                                     _("Your session has expired. Sign in again."));
    }

  if (status == 429 && request->kind == REQUEST_SIGN_IN)
    {
      guint minutes = MAX ((retry_after + 59) / 60, 1);

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Too many attempts to sign in. Wait %u minute, "
                                              "then try again.",
                                              "Too many attempts to sign in. Wait %u minutes, "
                                              "then try again.",
                                              minutes),
                                 minutes);
      return _chq_client_make_error (CHQ_CLIENT_ERROR_RATE_LIMITED, status, retry_after, message);
    }

  if (status == 429)
    {
      if (retry_after > 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The service is receiving too many requests. "
                                                "Try again in %u second.",
                                                "The service is receiving too many requests. "
                                                "Try again in %u seconds.",
                                                retry_after),
                                   retry_after);
      else
        message = g_strdup (_("The service is receiving too many requests. Try again in a "
                              "few minutes."));
      return _chq_client_make_error (CHQ_CLIENT_ERROR_RATE_LIMITED, status, retry_after, message);
    }

  if (status >= 500)
    {
      message = g_strdup_printf (_("The service has a problem (HTTP status %u). Try again "
                                   "in a few minutes."), status);
      return _chq_client_make_error (CHQ_CLIENT_ERROR_SERVER, status, retry_after, message);
    }

  /* Any other 4xx: a refusal, with the server's problem details when it sent them. */
  if (chq_http_content_type_is_json (content_type, TRUE)
      || chq_http_content_type_is_json (content_type, FALSE))
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      g_autoptr(JsonNode) node = NULL;

      if (len > 0 && g_utf8_validate (data, len, NULL))
        node = chq_json_parse (data, len, request->max_response_size, NULL);
      if (node != NULL)
        problem = chq_problem_from_json (node, NULL);
    }

  if (problem != NULL)
    return chq_client_error_new_refused (status,
                                         chq_problem_get_code (problem),
                                         chq_problem_get_field (problem),
                                         chq_problem_get_detail (problem),
                                         chq_problem_get_left (problem));

  return chq_client_error_new_refused (status, NULL, NULL, NULL, -1);
}

/* The parsing (and decoding) of an answer, on a worker thread: a feed page is 1.1 MiB,
 * whose parse and decoding would hold the main loop for tens of milliseconds. */
typedef struct {
  GBytes           *body;               /* owned */
  gsize             max_response_size;
  char             *host;               /* owned: for the error messages */
  ChqClientDecodeFunc decode;           /* nullable */
  gconstpointer     decode_data;
  GDestroyNotify    decode_free;
  ChqCoursesPrepareFunc prepare;        /* nullable: decode gives a ChqCoursesPage then */
  gpointer          prepare_data;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->host);
  g_free (job);
}

static void
parse_answer_thread (GTask        *parse_task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(GError) codec_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gpointer result;
  gsize len;
  const char *data = g_bytes_get_data (job->body, &len);

  if (!g_utf8_validate (data, len, NULL))
    {
      g_task_return_error (parse_task,
                           _chq_client_invalid_response_from (job->host,
                                                              _("text that is not UTF-8.")));
      return;
    }

  node = chq_json_parse (data, len, job->max_response_size, &codec_error);
  if (node == NULL)
    {
      g_task_return_error (parse_task, invalid_from_codec (codec_error));
      return;
    }
  if (job->decode == NULL)
    {
      g_task_return_pointer (parse_task, g_steal_pointer (&node),
                             (GDestroyNotify) json_node_unref);
      return;
    }

  result = job->decode (node, job->decode_data, &codec_error);
  if (result == NULL)
    {
      g_task_return_error (parse_task, invalid_from_codec (codec_error));
      return;
    }
  /* The parse tree goes on the thread that made it (cheaper for GLib's allocator). */
  g_clear_pointer (&node, json_node_unref);
  if (job->prepare != NULL)
    {
      ChqCoursesPage *page = result;
      GError *error = NULL;
      gboolean prepared;

      /* The text is lent to prepare only (which may keep a reference). */
      page->text = g_bytes_ref (job->body);
      prepared = job->prepare (page, job->prepare_data, &error);
      g_clear_pointer (&page->text, g_bytes_unref);
      if (!prepared)
        {
          job->decode_free (result);
          g_task_return_error (parse_task, error);
          return;
        }
    }
  g_task_return_pointer (parse_task, result, job->decode_free);
}

/* Takes the request task's reference. */
static void
on_answer_parsed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  ParseJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gpointer answer;

  answer = g_task_propagate_pointer (G_TASK (result), &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, answer, job->decode != NULL ? job->decode_free
                                                             : (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

/* Parses (and decodes) a JSON answer on a worker thread, then returns @task (whose
 * reference it takes) on its context. */
void
_chq_client_parse_answer_async (GTask  *task,
                                GBytes *body)
{
  Request *request = g_task_get_task_data (task);
  ParseJob *job = g_new0 (ParseJob, 1);
  g_autoptr(GTask) parse_task = g_task_new (NULL, NULL, on_answer_parsed_cb, task);

  job->body = g_bytes_ref (body);
  job->max_response_size = request->max_response_size;
  job->host = g_strdup (request_host (request));
  job->decode = request->decode;
  job->decode_data = request->decode_data;
  job->decode_free = request->decode_free;
  job->prepare = request->prepare;
  job->prepare_data = request->hook_data;
  g_task_set_source_tag (parse_task, _chq_client_parse_answer_async);
  g_task_set_task_data (parse_task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (parse_task, parse_answer_thread);
}
