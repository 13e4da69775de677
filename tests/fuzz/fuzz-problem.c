/* fuzz-problem.c: libFuzzer target for problem+json answers and the headers around them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: a first line with the Content-Type, a second with the Retry-After value, then the
 * body. The target goes the way the client goes with a refused request: content type,
 * JSON, problem details, a GError whose message is shown to the user, its copy and free.
 */
#define G_LOG_DOMAIN "fuzz-problem"

#include "config.h"

#include "chq-client-error.h"
#include "chq-http.h"
#include "chq-json.h"
#include "fuzz-common.h"

/* Splits off one line (without its \n); advances *data and *size past it. */
static char *
take_line (const guint8 **data,
           size_t        *size)
{
  const guint8 *end = memchr (*data, '\n', *size);
  size_t len = end != NULL ? (size_t) (end - *data) : *size;
  char *line = g_strndup ((const char *) *data, len);

  *data += end != NULL ? len + 1 : len;
  *size -= end != NULL ? len + 1 : len;
  return line;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *content_type = NULL;
  g_autofree char *retry_after = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (1795000000);
  g_autoptr(ChqProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  gint64 wait_ms;
  guint status;

  fuzz_init ();

  content_type = take_line (&data, &size);
  retry_after = take_line (&data, &size);

  wait_ms = chq_http_parse_retry_after_ms (retry_after, now);
  if (wait_ms < -1)
    g_error ("Retry-After %s gave a negative wait", retry_after);

  if (chq_http_content_type_is_json (content_type, TRUE) ||
      chq_http_content_type_is_json (content_type, FALSE))
    {
      g_autoptr(JsonNode) node = NULL;

      if (size > 0 && g_utf8_validate ((const char *) data, size, NULL))
        node = chq_json_parse ((const char *) data, size, 0, &error);
      if (node != NULL)
        problem = chq_problem_from_json (node, &error);
      if (problem == NULL && error != NULL)
        fuzz_check_error (error);
      g_clear_error (&error);
    }

  /* The status the body claims is not trusted: the client uses the response's. */
  status = 400 + (size > 0 ? data[0] % 100 : 0);
  if (problem != NULL)
    {
      g_autoptr(JsonNode) encoded = chq_problem_to_json (problem);
      g_autoptr(ChqProblem) again = chq_problem_from_json (encoded, &error);

      if (again == NULL)
        g_error ("A problem does not survive a round trip: %s", error->message);
      error = chq_client_error_new_refused (status,
                                            chq_problem_get_code (problem),
                                            chq_problem_get_field (problem),
                                            chq_problem_get_detail (problem),
                                            chq_problem_get_left (problem));
    }
  else
    error = chq_client_error_new_refused (status, NULL, NULL, NULL, -1);

  fuzz_check_error (error);
  if (chq_client_error_get_status (error) != status)
    g_error ("The status was lost");
  if (chq_client_error_is_transient (error))
    g_error ("A refusal counted as transient");
  (void) chq_client_error_get_code (error);
  (void) chq_client_error_get_field (error);
  (void) chq_client_error_get_detail (error);
  (void) chq_client_error_get_left (error);

  /* Errors are copied when they cross threads and tasks: the details go along. */
  copy = g_error_copy (error);
  if (g_strcmp0 (chq_client_error_get_code (copy), chq_client_error_get_code (error)) != 0 ||
      g_strcmp0 (chq_client_error_get_detail (copy), chq_client_error_get_detail (error)) != 0)
    g_error ("A copied error lost its problem details");

  return 0;
}
