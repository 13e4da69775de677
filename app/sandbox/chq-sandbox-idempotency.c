/* chq-sandbox-idempotency.c: Idempotency-Key: a write sent twice is applied once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first answer for (company, key) is kept with a hash of the request, in the write's
 * own transaction, for CHQ_API_IDEMPOTENCY_DAYS.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-db.h"
#include "chq-sandbox-private.h"

/**
 * _chq_sandbox_idempotency_hash:
 * @req: a request
 * @path: its path
 * @body: its body
 *
 * Returns: (transfer full): what identifies the request: a hash of its method, path and body
 */
char *
_chq_sandbox_idempotency_hash (ChqSandboxRequest *req,
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

/**
 * _chq_sandbox_idempotency_replay:
 * @req: a request of a signed-in company
 * @key: its Idempotency-Key
 * @hash: its _chq_sandbox_idempotency_hash()
 *
 * Answers a request whose key was seen within %CHQ_API_IDEMPOTENCY_DAYS: with the answer
 * kept (`Idempotent-Replayed: true`) when it is the same request, 409 `conflict` when not.
 *
 * Returns: %TRUE when the request was answered (a replay or a conflict)
 */
gboolean
_chq_sandbox_idempotency_replay (ChqSandboxRequest *req,
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
                                             CHQ_SANDBOX_IDEMPOTENCY_SECONDS);
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

/**
 * _chq_sandbox_idempotency_store:
 * @req: an answered request of a signed-in company
 * @key: its Idempotency-Key
 * @hash: its _chq_sandbox_idempotency_hash()
 *
 * Keeps the answer for @key, unless it is transient (5xx, 429, 401): the retry must be
 * able to succeed.
 */
void
_chq_sandbox_idempotency_store (ChqSandboxRequest *req,
                                const char        *key,
                                const char        *hash)
{
  guint status = soup_server_message_get_status (req->msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_response_body (req->msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
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
  if (!chq_db_step_done (chq_sandbox_db_get_handle (req->db), stmt, &error))
    g_warning ("Could not store an idempotent response: %s", error->message);
}
