/* chq-sandbox-wallet.c: the company's vouchers (GET /v1/wallet)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include "chq-json.h"
#include "chq-sandbox-private.h"

#define EXPIRY_WARNING_DAYS 60

static gpointer
load_batch (ChqSandboxDb *db,
            sqlite3_stmt *row)
{
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;

  chq_voucher_type_from_string (chq_sandbox_db_text (row, 2), &type);

  return g_object_new (CHQ_TYPE_VOUCHER_BATCH,
                       "id", chq_sandbox_db_text (row, 0),
                       "order-id", chq_sandbox_db_text (row, 1),
                       "voucher-type", type,
                       "credited-on", chq_sandbox_db_text (row, 3),
                       "expires-on", chq_sandbox_db_text (row, 4),
                       "quantity", (guint) sqlite3_column_int64 (row, 5),
                       "available", (guint) sqlite3_column_int64 (row, 6),
                       "reserved", (guint) sqlite3_column_int64 (row, 7),
                       "used", (guint) sqlite3_column_int64 (row, 8),
                       NULL);
}

/**
 * _chq_sandbox_get_wallet:
 * @req: the request
 *
 * GET /v1/wallet: every batch, and per type the totals. Totals count unexpired batches:
 * `expiring_soon` is what is available in batches expiring within 60 days and
 * `next_expiry` the first expiry of a batch with vouchers available (both null when
 * nothing is available).
 */
void
_chq_sandbox_get_wallet (ChqSandboxRequest *req)
{
  g_autoptr(ChqWallet) wallet = chq_wallet_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *today = _chq_sandbox_format_date (&req->today);
  g_autofree char *soon = NULL;
  GDate soon_date = req->today;
  sqlite3_stmt *row;

  g_date_add_days (&soon_date, EXPIRY_WARNING_DAYS);
  soon = _chq_sandbox_format_date (&soon_date);

  row = chq_sandbox_db_query (req->db,
                              "SELECT id, order_id, voucher_type, credited_on, expires_on, "
                              "quantity, available, reserved, used FROM batches "
                              "WHERE company_id = ?1 ORDER BY expires_on, credited_on, id",
                              "s", req->company_id);
  while (sqlite3_step (row) == SQLITE_ROW)
    g_ptr_array_add (wallet->batches, load_batch (req->db, row));
  sqlite3_reset (row);

  for (int t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      ChqWalletTotal *total = &wallet->totals[t];

      row = chq_sandbox_db_query (req->db,
                                  "SELECT "
                                  " coalesce(sum(CASE WHEN expires_on >= ?3"
                                  "     THEN available END), 0),"
                                  " coalesce(sum(reserved), 0),"
                                  " coalesce(sum(used), 0),"
                                  " sum(CASE WHEN expires_on >= ?3 AND expires_on <= ?4"
                                  "     THEN available ELSE 0 END),"
                                  " min(CASE WHEN expires_on >= ?3 AND available > 0"
                                  "     THEN expires_on END) "
                                  "FROM batches WHERE company_id = ?1 AND voucher_type = ?2",
                                  "ssss", req->company_id,
                                  chq_voucher_type_to_string ((ChqVoucherType) t), today, soon);
      if (sqlite3_step (row) == SQLITE_ROW)
        {
          total->available = (guint) sqlite3_column_int64 (row, 0);
          total->reserved = (guint) sqlite3_column_int64 (row, 1);
          total->used = (guint) sqlite3_column_int64 (row, 2);
          total->expiring_soon = total->available > 0 ? (int) sqlite3_column_int64 (row, 3) : -1;
          total->next_expiry = g_strdup (chq_sandbox_db_text (row, 4));
        }
      sqlite3_reset (row);
    }

  root = chq_wallet_to_json (wallet);
  _chq_sandbox_reply_json (req, SOUP_STATUS_OK, root);
}
