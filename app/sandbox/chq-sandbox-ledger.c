/* chq-sandbox-ledger.c: the sandbox's voucher accounting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the API and the demo data both do to vouchers: the year's orders against the
 * ceiling, a paid order credited as a batch, vouchers reserved for an enrolment oldest
 * expiry first across batches, a reservation settled (used, the rest given back) or
 * released. A batch always holds quantity = available + reserved + used.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <string.h>

#include "chq-rules.h"
#include "chq-sandbox-private.h"

/* A company's batches of @type still valid on @last_day with vouchers available, oldest
 * expiry first. */
#define USABLE_BATCHES \
  "SELECT id, available FROM batches WHERE company_id = ?1 AND voucher_type = ?2 " \
  "AND expires_on >= ?3 AND available > 0 ORDER BY expires_on, credited_on, id"

/**
 * _chq_sandbox_ledger_get_company:
 * @db: the database
 * @company_id: a company
 * @out_kind: (out): its kind of account
 * @out_fte: (out): its full-time equivalents
 *
 * Returns: %TRUE when the company exists
 */
gboolean
_chq_sandbox_ledger_get_company (ChqSandboxDb   *db,
                                 const char     *company_id,
                                 ChqAccountKind *out_kind,
                                 double         *out_fte)
{
  sqlite3_stmt *stmt = chq_sandbox_db_query (db,
                                             "SELECT kind, fte FROM companies WHERE id = ?1",
                                             "s", company_id);
  gboolean found = FALSE;

  *out_kind = CHQ_ACCOUNT_KIND_EMPLOYER;
  *out_fte = 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      chq_account_kind_from_string (chq_sandbox_db_text (stmt, 0), out_kind);
      *out_fte = sqlite3_column_double (stmt, 1);
    }
  sqlite3_reset (stmt);

  return found;
}

/**
 * _chq_sandbox_ledger_ordered:
 * @db: the database
 * @company_id: a company
 * @type: a voucher type
 * @year: a year
 *
 * Returns: the vouchers of @type ordered in @year and not cancelled (awaiting payment or
 *   credited, by creation date): what counts against the ceiling
 */
guint
_chq_sandbox_ledger_ordered (ChqSandboxDb   *db,
                             const char     *company_id,
                             ChqVoucherType  type,
                             int             year)
{
  return (guint) chq_sandbox_db_query_int (db, 0,
                                           "SELECT coalesce(sum(quantity), 0) FROM orders "
                                           "WHERE company_id = ?1 AND voucher_type = ?2 "
                                           "AND created_year = ?3 "
                                           "AND status IN ('awaiting_payment', 'credited')",
                                           "ssi", company_id, chq_voucher_type_to_string (type),
                                           year);
}

/**
 * _chq_sandbox_ledger_credit:
 * @db: the database
 * @company_id: the order's company
 * @order_id: a paid order, "ord-…"
 * @voucher_type: its voucher type word
 * @quantity: its vouchers
 * @credited_on: the day the transfer arrived
 *
 * Credits the order's vouchers as a batch "bat-…", all available, expiring as
 * chq_rules_batch_expiry() says.
 */
void
_chq_sandbox_ledger_credit (ChqSandboxDb *db,
                            const char   *company_id,
                            const char   *order_id,
                            const char   *voucher_type,
                            gint64        quantity,
                            const GDate  *credited_on)
{
  g_autofree char *batch_id = g_strconcat ("bat-", order_id + strlen ("ord-"), NULL);
  g_autofree char *credited = _chq_sandbox_format_date (credited_on);
  g_autofree char *expires = NULL;
  GDate expiry;

  g_date_clear (&expiry, 1);
  chq_rules_batch_expiry (credited_on, &expiry);
  expires = _chq_sandbox_format_date (&expiry);

  chq_sandbox_db_run (db,
                      "INSERT INTO batches (id, company_id, order_id, voucher_type, credited_on, "
                      "expires_on, quantity, available, reserved, used) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 0, 0)",
                      "ssssssI", batch_id, company_id, order_id, voucher_type, credited,
                      expires, quantity);
}

/**
 * _chq_sandbox_ledger_usable:
 * @db: the database
 * @company_id: a company
 * @voucher_type: a voucher type word
 * @last_day: "YYYY-MM-DD", the last day of the training
 *
 * Vouchers must still be valid on the session's last day: chq_rules_batch_usable_on() is
 * "expires_on >= day", which the query applies to every batch.
 *
 * Returns: the vouchers available that are valid on @last_day
 */
gint64
_chq_sandbox_ledger_usable (ChqSandboxDb *db,
                            const char   *company_id,
                            const char   *voucher_type,
                            const char   *last_day)
{
  sqlite3_stmt *row = chq_sandbox_db_query (db, USABLE_BATCHES, "sss", company_id,
                                            voucher_type, last_day);
  gint64 usable = 0;

  while (sqlite3_step (row) == SQLITE_ROW)
    usable += sqlite3_column_int64 (row, 1);
  sqlite3_reset (row);

  return usable;
}

/**
 * _chq_sandbox_ledger_reserve:
 * @db: the database, in a transaction
 * @company_id: a company
 * @enrolment_id: the enrolment the vouchers are for
 * @voucher_type: a voucher type word
 * @last_day: "YYYY-MM-DD", the last day of the training
 * @quantity: vouchers to reserve; check _chq_sandbox_ledger_usable() first
 *
 * Reserves @quantity vouchers valid on @last_day, oldest expiry first across batches, each
 * batch's share recorded as a reservation of @enrolment_id.
 */
void
_chq_sandbox_ledger_reserve (ChqSandboxDb *db,
                             const char   *company_id,
                             const char   *enrolment_id,
                             const char   *voucher_type,
                             const char   *last_day,
                             gint64        quantity)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) available = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *row;
  gint64 remaining = quantity;

  /* Collect first: the same statement cannot be stepped and reused for the updates. */
  row = chq_sandbox_db_query (db, USABLE_BATCHES, "sss", company_id, voucher_type, last_day);
  while (sqlite3_step (row) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (row, 1);

      g_ptr_array_add (ids, g_strdup (chq_sandbox_db_text (row, 0)));
      g_array_append_val (available, n);
    }
  sqlite3_reset (row);

  for (guint i = 0; i < ids->len && remaining > 0; i++)
    {
      gint64 take = MIN (remaining, g_array_index (available, gint64, i));

      chq_sandbox_db_run (db,
                          "UPDATE batches SET available = available - ?1, "
                          "reserved = reserved + ?1 WHERE id = ?2",
                          "Is", take, g_ptr_array_index (ids, i));
      chq_sandbox_db_run (db,
                          "INSERT INTO reservations (enrolment_id, batch_id, quantity) "
                          "VALUES (?1, ?2, ?3)",
                          "ssI", enrolment_id, g_ptr_array_index (ids, i), take);
      remaining -= take;
    }
}

/**
 * _chq_sandbox_ledger_settle:
 * @db: the database, in a transaction
 * @enrolment_id: an enrolment with reservations
 * @used: the vouchers used (0 releases the whole reservation)
 *
 * Settles an enrolment's reservation: @used vouchers are used, taken from the reservations
 * in expiry order, and the rest goes back to the batches' available vouchers. Each
 * reservation is left holding what was used of it.
 */
void
_chq_sandbox_ledger_settle (ChqSandboxDb *db,
                            const char   *enrolment_id,
                            gint64        used)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) quantities = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *row = chq_sandbox_db_query (db,
                                            "SELECT r.batch_id, r.quantity FROM reservations r "
                                            "JOIN batches b ON b.id = r.batch_id "
                                            "WHERE r.enrolment_id = ?1 "
                                            "ORDER BY b.expires_on, b.credited_on, b.id",
                                            "s", enrolment_id);

  while (sqlite3_step (row) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (row, 1);

      g_ptr_array_add (ids, g_strdup (chq_sandbox_db_text (row, 0)));
      g_array_append_val (quantities, n);
    }
  sqlite3_reset (row);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 reserved = g_array_index (quantities, gint64, i);
      gint64 use = MIN (used, reserved);

      used -= use;
      chq_sandbox_db_run (db,
                          "UPDATE batches SET reserved = reserved - ?1, used = used + ?2, "
                          "available = available + ?3 WHERE id = ?4",
                          "IIIs", reserved, use, reserved - use,
                          g_ptr_array_index (ids, i));
      chq_sandbox_db_run (db,
                          "UPDATE reservations SET quantity = ?1 "
                          "WHERE enrolment_id = ?2 AND batch_id = ?3",
                          "Iss", use, enrolment_id, g_ptr_array_index (ids, i));
    }
}

/**
 * _chq_sandbox_ledger_record_use:
 * @db: the database, in a transaction
 * @enrolment_id: a past, attended enrolment
 * @batch_id: the batch its vouchers came from
 * @quantity: the vouchers used
 *
 * Records vouchers used at once, as a settled reservation: for history made up by the
 * demo data.
 */
void
_chq_sandbox_ledger_record_use (ChqSandboxDb *db,
                                const char   *enrolment_id,
                                const char   *batch_id,
                                gint64        quantity)
{
  chq_sandbox_db_run (db,
                      "INSERT INTO reservations (enrolment_id, batch_id, quantity) "
                      "VALUES (?1, ?2, ?3)",
                      "ssI", enrolment_id, batch_id, quantity);
  chq_sandbox_db_run (db,
                      "UPDATE batches SET used = used + ?1, available = available - ?1 "
                      "WHERE id = ?2",
                      "Is", quantity, batch_id);
}
