/* chq-sandbox-reply.c: the sandbox server's answers: JSON, problems, ETags
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every body is written by the core codec (chq-json.h), so that an answer has the shape
 * the client reads, defined once.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-json.h"
#include "chq-sandbox-private.h"

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
          guint              status,
          const char        *content_type,
          JsonNode          *node)
{
  gsize length = 0;
  char *data = chq_json_to_string (node, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, data, length);
}

static JsonNode *
problem_json (guint       status,
              const char *code,
              const char *field,
              const char *detail,
              int         left)
{
  g_autofree char *type = g_strconcat ("urn:chequier:problem:", code, NULL);
  /* `field` is always written, null when no one member is at fault; `left` only when
   * given. */
  g_autoptr(ChqProblem) problem = g_object_new (CHQ_TYPE_PROBLEM,
                                                "problem-type", type,
                                                "title", problem_title (code),
                                                "status", status,
                                                "detail", detail,
                                                "code", code,
                                                "field", field,
                                                "left", left,
                                                NULL);

  return chq_problem_to_json (problem);
}

/**
 * _chq_sandbox_problem_json:
 * @status: the HTTP status
 * @code: the stable machine word
 * @field: (nullable): the field at fault
 * @detail: a translated sentence saying what to do
 *
 * Returns: (transfer full): an RFC 9457 problem object
 */
JsonNode *
_chq_sandbox_problem_json (guint       status,
                           const char *code,
                           const char *field,
                           const char *detail)
{
  return problem_json (status, code, field, detail, -1);
}

/**
 * _chq_sandbox_send_problem:
 * @msg: a request
 * @status: the HTTP status
 * @code: the stable machine word
 * @field: (nullable): the field at fault
 * @detail: a translated sentence saying what to do
 * @left: what is left (`ceiling_exceeded`), or -1 for no `left` member
 *
 * Answers with an RFC 9457 problem (`application/problem+json`).
 */
void
_chq_sandbox_send_problem (SoupServerMessage *msg,
                           guint              status,
                           const char        *code,
                           const char        *field,
                           const char        *detail,
                           int                left)
{
  g_autoptr(JsonNode) root = problem_json (status, code, field, detail, left);

  set_body (msg, status, "application/problem+json", root);
}

/**
 * _chq_sandbox_send_retry_later:
 * @msg: a request
 * @status: 429 or 503
 * @code: the problem's code
 * @seconds: the wait, at least one second
 * @detail: a translated sentence saying what to do
 *
 * Answers with a problem and a `Retry-After` header.
 */
void
_chq_sandbox_send_retry_later (SoupServerMessage *msg,
                               guint              status,
                               const char        *code,
                               guint              seconds,
                               const char        *detail)
{
  g_autofree char *retry = g_strdup_printf ("%u", MAX (seconds, 1));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", retry);
  _chq_sandbox_send_problem (msg, status, code, NULL, detail, -1);
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
  set_body (req->msg, status, "application/json", node);
}

/**
 * _chq_sandbox_reply_text:
 * @req: the request
 * @status: the HTTP status
 * @text: (transfer full): the body, JSON text the codec wrote
 * @length: its length in bytes
 *
 * Answers with @text as `application/json`.
 */
void
_chq_sandbox_reply_text (ChqSandboxRequest *req,
                         guint              status,
                         char              *text,
                         gsize              length)
{
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE,
                                    text, length);
}

/**
 * _chq_sandbox_reply_model:
 * @req: the request
 * @status: the HTTP status
 * @model: (type GObject): a model object the codec knows (#ChqOrder, #ChqWorker, ...)
 *
 * Answers with the model's JSON object (chq_model_to_json()).
 */
void
_chq_sandbox_reply_model (ChqSandboxRequest *req,
                          guint              status,
                          gpointer           model)
{
  g_autoptr(JsonNode) root = chq_model_to_json (G_OBJECT (model));

  _chq_sandbox_reply_json (req, status, root);
}

/**
 * _chq_sandbox_reply_list:
 * @req: the request
 * @items: (element-type GObject): model objects
 *
 * Answers 200 with a collection `{items: [...]}` (chq_list_to_json()).
 */
void
_chq_sandbox_reply_list (ChqSandboxRequest *req,
                         GPtrArray         *items)
{
  g_autoptr(JsonNode) root = chq_list_to_json (items);

  _chq_sandbox_reply_json (req, SOUP_STATUS_OK, root);
}

/**
 * _chq_sandbox_reply_row:
 * @req: the request
 * @status: the HTTP status
 * @row: a query of one row, bound
 * @load: makes the model of the row
 *
 * Answers with the model of @row's row (there must be one).
 */
void
_chq_sandbox_reply_row (ChqSandboxRequest *req,
                        guint              status,
                        sqlite3_stmt      *row,
                        ChqSandboxRowFunc  load)
{
  g_autoptr(GObject) model = NULL;

  if (sqlite3_step (row) == SQLITE_ROW)
    model = load (req->db, row);
  sqlite3_reset (row);

  g_return_if_fail (model != NULL);
  _chq_sandbox_reply_model (req, status, model);
}

/**
 * _chq_sandbox_reply_rows:
 * @req: the request
 * @rows: a query, bound
 * @load: makes the model of a row
 *
 * Answers 200 with a collection `{items: [...]}`, a model per row.
 */
void
_chq_sandbox_reply_rows (ChqSandboxRequest *req,
                         sqlite3_stmt      *rows,
                         ChqSandboxRowFunc  load)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  while (sqlite3_step (rows) == SQLITE_ROW)
    g_ptr_array_add (items, load (req->db, rows));
  sqlite3_reset (rows);

  _chq_sandbox_reply_list (req, items);
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
  _chq_sandbox_send_problem (req->msg, status, code, field, detail, -1);
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
  _chq_sandbox_reply_problem (req, SOUP_STATUS_BAD_REQUEST, "invalid_field", field, detail);
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
  _chq_sandbox_reply_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                              _("Nothing exists at this address for your account. "
                                "Refresh your data and try again."));
}

/**
 * _chq_sandbox_reply_not_found_field:
 * @req: the request
 * @field: the body member naming something that does not exist
 *
 * Answers 404 `not_found` naming @field.
 */
void
_chq_sandbox_reply_not_found_field (ChqSandboxRequest *req,
                                    const char        *field)
{
  g_autofree char *detail =
    /* Translators: %s is a field name */
    g_strdup_printf (_("The “%s” given does not exist for your account. "
                       "Refresh your data and try again."), field);

  _chq_sandbox_reply_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", field, detail);
}

/**
 * _chq_sandbox_etag_from_version:
 * @version: what the answer depends on
 *
 * Returns: (transfer full): a strong ETag, quoted, that changes with @version
 */
char *
_chq_sandbox_etag_from_version (const char *version)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, version, -1);

  return g_strdup_printf ("\"%.20s\"", digest);
}

/**
 * _chq_sandbox_etag_matches:
 * @if_none_match: (nullable): the request's `If-None-Match`
 * @etag: the answer's ETag
 *
 * Returns: whether @if_none_match names @etag (weakly) or is `*`
 */
gboolean
_chq_sandbox_etag_matches (const char *if_none_match,
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
