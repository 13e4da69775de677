/* chq-sandbox-account.c: signing in (POST /v1/sessions) and the account (GET /v1/account)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A token is 32 random bytes; only its SHA-256 is stored, for eight hours. Failed sign-ins
 * are counted per enterprise number: five within 15 minutes and the number waits.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-ident.h"
#include "chq-json.h"
#include "chq-rules.h"
#include "chq-sandbox-private.h"

#define TOKEN_LIFETIME_SECONDS (8 * 3600)
#define LOGIN_MAX_FAILURES     5

/* The account of docs/api.md: identity, and per voucher type the year's ceiling
 * (chq_rules_ceiling()) and what was ordered this year. */
static ChqAccount *
load_account (ChqSandboxRequest *req,
              const char        *company_id)
{
  g_autoptr(ChqAccount) account = NULL;
  ChqAccountKind kind = CHQ_ACCOUNT_KIND_EMPLOYER;
  int year = g_date_get_year (&req->today);
  sqlite3_stmt *stmt = chq_sandbox_db_query (req->db,
                                             "SELECT enterprise_number, name, kind, fte, "
                                             "authorisation_number, registration_valid_until "
                                             "FROM companies WHERE id = ?1",
                                             "s", company_id);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      chq_account_kind_from_string (chq_sandbox_db_text (stmt, 2), &kind);
      account = g_object_new (CHQ_TYPE_ACCOUNT,
                              "enterprise-number", chq_sandbox_db_text (stmt, 0),
                              "name", chq_sandbox_db_text (stmt, 1),
                              "kind", kind,
                              "fte", sqlite3_column_double (stmt, 3),
                              "authorisation-number", chq_sandbox_db_text (stmt, 4),
                              "registration-valid-until", chq_sandbox_db_text (stmt, 5),
                              "year", (guint) year,
                              NULL);
    }
  sqlite3_reset (stmt);

  if (account == NULL)
    return NULL;

  for (int t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    chq_account_set_ceiling (account, (ChqVoucherType) t,
                             chq_rules_ceiling (kind, chq_account_get_fte (account),
                                                (ChqVoucherType) t),
                             _chq_sandbox_ledger_ordered (req->db, company_id,
                                                          (ChqVoucherType) t, year));

  return g_steal_pointer (&account);
}

/**
 * _chq_sandbox_get_account:
 * @req: the request
 *
 * GET /v1/account.
 */
void
_chq_sandbox_get_account (ChqSandboxRequest *req)
{
  g_autoptr(ChqAccount) account = load_account (req, req->company_id);

  g_return_if_fail (account != NULL);
  _chq_sandbox_reply_model (req, SOUP_STATUS_OK, account);
}

/**
 * _chq_sandbox_post_sessions:
 * @req: the request
 *
 * POST /v1/sessions {enterprise_number, password} -> 201 {token, expires_at, account};
 * 401 when either is wrong, 429 with Retry-After after five failures.
 */
void
_chq_sandbox_post_sessions (ChqSandboxRequest *req)
{
  const char *number_text = NULL;
  const char *password = NULL;
  g_autofree char *number = NULL;
  g_autofree char *company_id = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *stored_hash = NULL;
  gint64 now_unix = g_date_time_to_unix (req->now);
  gint64 failures;

  if (!_chq_sandbox_request_string (req, "enterprise_number", &number_text) ||
      !_chq_sandbox_request_string (req, "password", &password))
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
                      "I", now_unix - CHQ_SANDBOX_LOGIN_WINDOW_SECONDS);
  failures = chq_sandbox_db_query_int (req->db, 0,
                                       "SELECT count(*) FROM login_failures "
                                       "WHERE enterprise_number = ?1 AND at > ?2",
                                       "sI", number, now_unix - CHQ_SANDBOX_LOGIN_WINDOW_SECONDS);
  if (failures >= LOGIN_MAX_FAILURES)
    {
      gint64 oldest = chq_sandbox_db_query_int (req->db, now_unix,
                                                "SELECT min(at) FROM login_failures "
                                                "WHERE enterprise_number = ?1 AND at > ?2",
                                                "sI", number,
                                                now_unix - CHQ_SANDBOX_LOGIN_WINDOW_SECONDS);
      gint64 wait = oldest + CHQ_SANDBOX_LOGIN_WINDOW_SECONDS - now_unix;

      _chq_sandbox_send_retry_later (req->msg, CHQ_HTTP_TOO_MANY_REQUESTS, "rate_limited",
                                     (guint) CLAMP (wait, 1, CHQ_SANDBOX_LOGIN_WINDOW_SECONDS),
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
    g_autofree char *given_hash = _chq_sandbox_hash_password (salt != NULL ? salt : "-",
                                                              password);

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
    g_autofree char *secret = _chq_sandbox_random_hex (32);
    g_autofree char *token = g_strconcat ("sbx_", secret, NULL);
    g_autofree char *token_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
    g_autoptr(GDateTime) expires = g_date_time_add_seconds (req->now, TOKEN_LIFETIME_SECONDS);
    g_autoptr(ChqAccount) account = NULL;
    g_autoptr(JsonNode) root = NULL;

    chq_sandbox_db_run (req->db, "DELETE FROM login_failures WHERE enterprise_number = ?1",
                        "s", number);
    chq_sandbox_db_run (req->db, "DELETE FROM tokens WHERE expires_at <= ?1", "I", now_unix);
    chq_sandbox_db_run (req->db,
                        "INSERT INTO tokens (token_hash, company_id, expires_at) "
                        "VALUES (?1, ?2, ?3)",
                        "ssI", token_hash, company_id, g_date_time_to_unix (expires));

    account = load_account (req, company_id);
    g_return_if_fail (account != NULL);
    root = chq_session_response_to_json (token, expires, account);
    _chq_sandbox_reply_json (req, SOUP_STATUS_CREATED, root);
  }
}

/**
 * _chq_sandbox_authenticate:
 * @req: the request
 *
 * Returns: (transfer full) (nullable): the company whose unexpired bearer token the
 *   request carries, or %NULL
 */
char *
_chq_sandbox_authenticate (ChqSandboxRequest *req)
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
