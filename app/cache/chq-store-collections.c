/* chq-store-collections.c: ChqStore's small collections (orders, wallet, workers, ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-db.h"
#include "chq-json.h"
#include "chq-store-private.h"

/* bind() fills the insert statement's columns after ?1 = id and ?2 = json from the model
 * object it files. */
typedef void (*BindFunc) (sqlite3_stmt *stmt,
                          gpointer      object);

/* Inside a write transaction: empties a small collection and files objects in it. */
static gboolean
fill_collection (sqlite3     *db,
                 const char  *delete_sql,
                 int          year,
                 const char  *insert_sql,
                 GPtrArray   *objects,
                 BindFunc     bind,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;

  if ((clear = chq_db_prepare (db, delete_sql, error)) == NULL ||
      (insert = chq_db_prepare (db, insert_sql, error)) == NULL)
    return FALSE;
  if (year != 0)
    sqlite3_bind_int (clear, 1, year);
  if (!chq_db_step_done (sqlite3_db_handle (clear), clear, error))
    return FALSE;

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);
      g_autoptr(JsonNode) node = chq_model_to_json (object);
      const char *id = node && JSON_NODE_HOLDS_OBJECT (node) ?
                       json_object_get_string_member_with_default (json_node_get_object (node),
                                                                   "id", NULL) : NULL;
      g_autofree char *json = NULL;

      if (id == NULL || *id == '\0')
        return _chq_store_set_invalid_error (error);
      json = json_to_string (node, FALSE);
      chq_db_bind_text (insert, 1, id);
      chq_db_bind_text (insert, 2, json);
      bind (insert, object);
      if (year != 0)
        sqlite3_bind_int (insert, 3, year);
      if (!chq_db_step_done (sqlite3_db_handle (insert), insert, error))
        return FALSE;
    }

  return TRUE;
}

/* Replaces a whole small collection in one transaction. */
static gboolean
replace_collection (ChqStore    *self,
                    const char  *collection,
                    const char  *delete_sql,
                    int          year,
                    const char  *insert_sql,
                    GPtrArray   *objects,
                       BindFunc     bind,
                    GError     **error)
{
  gboolean ok;

  if (!_chq_store_write_begin (self, error))
    return FALSE;
  ok = fill_collection (self->write_db, delete_sql, year, insert_sql, objects, bind, error);
  if (!_chq_store_write_end (self, ok, error))
    return FALSE;

  _chq_store_queue_changed (self, collection);
  return TRUE;
}

/* Inside a write transaction: the JSON of a one-row table (account, wallet). */
static gboolean
set_singleton (sqlite3     *db,
               const char  *sql,
               JsonNode    *node,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, sql, error);
  g_autofree char *json = json_to_string (node, FALSE);

  if (stmt == NULL)
    return FALSE;
  chq_db_bind_text (stmt, 1, json);
  return chq_db_step_done (sqlite3_db_handle (stmt), stmt, error);
}

/* A time as unix time; 0 for none. */
static gint64
unix_or_zero (GDateTime *when)
{
  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static void
bind_order (sqlite3_stmt *stmt,
            gpointer      order)
{
  sqlite3_bind_int64 (stmt, 3, unix_or_zero (chq_order_get_created_at (order)));
}

/**
 * chq_store_replace_orders:
 * @self: a store
 * @orders: (element-type ChqOrder): every order of the account
 * @error: return location for an error
 *
 * Replaces the stored orders with @orders in one transaction.
 *
 * Returns: whether they were stored
 */
gboolean
chq_store_replace_orders (ChqStore   *self,
                          GPtrArray  *orders,
                          GError    **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);

  return replace_collection (self, CHQ_STORE_ORDERS, "DELETE FROM orders", 0,
                             "INSERT INTO orders (id, json, created_at) VALUES (?1, ?2, ?3)",
                             orders, bind_order, error);
}

static void
bind_batch (sqlite3_stmt *stmt,
            gpointer      batch)
{
  const char *expires_on = chq_voucher_batch_get_expires_on (batch);

  sqlite3_bind_int (stmt, 3, chq_voucher_batch_get_voucher_type (batch));
  chq_db_bind_text (stmt, 4, expires_on ? expires_on : "");
  sqlite3_bind_int64 (stmt, 5, chq_voucher_batch_get_available (batch));
  sqlite3_bind_int64 (stmt, 6, chq_voucher_batch_get_reserved (batch));
  sqlite3_bind_int64 (stmt, 7, chq_voucher_batch_get_used (batch));
}

/**
 * chq_store_replace_wallet:
 * @self: a store
 * @wallet: the wallet as the service sent it
 * @error: return location for an error
 *
 * Replaces the stored wallet (its batches and totals) in one transaction; "changed"
 * ("wallet") follows.
 *
 * Returns: whether it was stored
 */
gboolean
chq_store_replace_wallet (ChqStore   *self,
                          ChqWallet  *wallet,
                          GError    **error)
{
  g_autoptr(JsonNode) node = NULL;
  gboolean ok;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (wallet != NULL, FALSE);

  node = chq_wallet_to_json (wallet);
  if (!_chq_store_write_begin (self, error))
    return FALSE;
  ok = fill_collection (self->write_db, "DELETE FROM batches", 0,
                        "INSERT INTO batches (id, json, voucher_type, expires_on, "
                        "  available, reserved, used) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        wallet->batches, bind_batch,
                        error) &&
       set_singleton (self->write_db,
                      "INSERT INTO wallet (singleton, json) VALUES (1, ?1) "
                      "ON CONFLICT (singleton) DO UPDATE SET json = excluded.json",
                      node, error);
  if (!_chq_store_write_end (self, ok, error))
    return FALSE;

  _chq_store_queue_changed (self, CHQ_STORE_WALLET);
  return TRUE;
}

static void
bind_worker (sqlite3_stmt *stmt,
             gpointer      worker)
{
  g_autofree char *name = g_strconcat (chq_worker_get_last_name (worker) ?: "", " ",
                                       chq_worker_get_first_name (worker) ?: "", NULL);
  g_autofree char *key = _chq_store_fold_for_sort (name);

  chq_db_bind_text (stmt, 3, key);
}

/**
 * chq_store_replace_workers:
 * @self: a store
 * @workers: (element-type ChqWorker): every worker of the account
 * @error: return location for an error
 *
 * Replaces the stored workers in one transaction.
 *
 * Returns: whether they were stored
 */
gboolean
chq_store_replace_workers (ChqStore   *self,
                           GPtrArray  *workers,
                           GError    **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);

  return replace_collection (self, CHQ_STORE_WORKERS, "DELETE FROM workers", 0,
                             "INSERT INTO workers (id, json, sort_key) VALUES (?1, ?2, ?3)",
                             workers, bind_worker, error);
}

static void
bind_enrolment (sqlite3_stmt *stmt,
                gpointer      enrolment)
{
  sqlite3_bind_int64 (stmt, 4, unix_or_zero (chq_enrolment_get_starts_at (enrolment)));
}

/**
 * chq_store_replace_enrolments:
 * @self: a store
 * @year: the calendar year the list was fetched for
 * @enrolments: (element-type ChqEnrolment): every enrolment of that year
 * @error: return location for an error
 *
 * Replaces the stored enrolments of @year in one transaction.
 *
 * Returns: whether they were stored
 */
gboolean
chq_store_replace_enrolments (ChqStore   *self,
                              int         year,
                              GPtrArray  *enrolments,
                              GError    **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (year > 0, FALSE);

  return replace_collection (self, CHQ_STORE_ENROLMENTS,
                             "DELETE FROM enrolments WHERE year = ?1", year,
                             "INSERT INTO enrolments (id, json, year, starts_at) "
                             "VALUES (?1, ?2, ?3, ?4) "
                             "ON CONFLICT (id) DO UPDATE SET json = excluded.json, "
                             "  year = excluded.year, starts_at = excluded.starts_at",
                             enrolments, bind_enrolment, error);
}

/**
 * chq_store_set_account:
 * @self: a store
 * @account: the signed-in account as the service sent it
 * @error: return location for an error
 *
 * Returns: whether it was stored
 */
gboolean
chq_store_set_account (ChqStore    *self,
                       ChqAccount  *account,
                       GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  gboolean ok;

  g_return_val_if_fail (CHQ_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  node = chq_account_to_json (account);
  if (!_chq_store_write_begin (self, error))
    return FALSE;
  ok = set_singleton (self->write_db,
                      "INSERT INTO account (singleton, json) VALUES (1, ?1) "
                      "ON CONFLICT (singleton) DO UPDATE SET json = excluded.json",
                      node, error);
  if (!_chq_store_write_end (self, ok, error))
    return FALSE;

  _chq_store_queue_changed (self, CHQ_STORE_ACCOUNT);
  return TRUE;
}


/* Rows of one JSON column made into model objects. */
static GPtrArray *
read_objects (ChqStore      *self,
              const char    *sql,
              int            arg,
              GType          type,
              GError       **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;
  sqlite3 *db;
  int rc;

  if ((db = _chq_store_reader_take (self, error)) == NULL)
    return NULL;

  if ((stmt = chq_db_prepare (db, sql, error)) == NULL)
    ok = FALSE;
  else if (arg != 0)
    sqlite3_bind_int (stmt, 1, arg);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GObject *object = _chq_store_object_from_text ((const char *)sqlite3_column_text (stmt, 0),
                                                     type, error);

      if (object == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (objects, object);
    }
  if (ok && rc != SQLITE_DONE)
    ok = chq_db_set_error (error, db, rc, _("Could not use the database"));

  g_clear_pointer (&stmt, sqlite3_finalize);
  _chq_store_reader_give (self, db, error);

  return ok ? g_steal_pointer (&objects) : NULL;
}

/**
 * chq_store_get_account:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the stored account; %NULL without error if none
 */
ChqAccount *
chq_store_get_account (ChqStore  *self,
                       GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);

  json = _chq_store_read_text (self, "SELECT json FROM account WHERE singleton = 1", NULL,
                               &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return json ? (ChqAccount *)_chq_store_object_from_text (json, CHQ_TYPE_ACCOUNT, error) : NULL;
}

/**
 * chq_store_list_orders:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type ChqOrder): the orders, newest first
 */
GPtrArray *
chq_store_list_orders (ChqStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return read_objects (self, "SELECT json FROM orders ORDER BY created_at DESC, id DESC", 0,
                       CHQ_TYPE_ORDER, error);
}

/**
 * chq_store_list_batches:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type ChqVoucherBatch): the batches, soonest expiry first
 */
GPtrArray *
chq_store_list_batches (ChqStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return read_objects (self, "SELECT json FROM batches ORDER BY expires_on, id", 0,
                       CHQ_TYPE_VOUCHER_BATCH, error);
}

/**
 * chq_store_list_workers:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type ChqWorker): the workers by last then first name
 */
GPtrArray *
chq_store_list_workers (ChqStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  return read_objects (self, "SELECT json FROM workers ORDER BY sort_key, id", 0,
                       CHQ_TYPE_WORKER, error);
}

/**
 * chq_store_list_enrolments:
 * @self: a store
 * @year: a calendar year, or 0 for every year stored
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type ChqEnrolment): the enrolments of @year by start
 */
GPtrArray *
chq_store_list_enrolments (ChqStore  *self,
                           int        year,
                           GError   **error)
{
  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);
  g_return_val_if_fail (year >= 0, NULL);
  if (year == 0)
    return read_objects (self, "SELECT json FROM enrolments ORDER BY starts_at, id", 0,
                         CHQ_TYPE_ENROLMENT, error);
  return read_objects (self,
                       "SELECT json FROM enrolments WHERE year = ?1 ORDER BY starts_at, id",
                       year, CHQ_TYPE_ENROLMENT, error);
}

/**
 * chq_store_list_enrolment_years:
 * @self: a store
 * @error: return location for an error
 *
 * The years the stored enrolments belong to (the feed's years: a booking on a session of
 * next January counts in next year), so that a year selector offers each of them.
 *
 * Returns: (transfer full) (element-type int): the years, latest first; %NULL on error
 */
GArray *
chq_store_list_enrolment_years (ChqStore  *self,
                                GError   **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = TRUE;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);

  if ((db = _chq_store_reader_take (self, error)) == NULL)
    return NULL;

  if ((stmt = chq_db_prepare (db, "SELECT DISTINCT year FROM enrolments ORDER BY year DESC",
                              error)) == NULL)
    ok = FALSE;

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (years, year);
    }
  if (ok && rc != SQLITE_DONE)
    ok = chq_db_set_error (error, db, rc, _("Could not use the database"));

  g_clear_pointer (&stmt, sqlite3_finalize);
  _chq_store_reader_give (self, db, error);

  return ok ? g_steal_pointer (&years) : NULL;
}

/**
 * chq_store_get_wallet:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the wallet as last sent by the service (batches and
 *   totals); %NULL without error before the first sync
 */
ChqWallet *
chq_store_get_wallet (ChqStore  *self,
                      GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (CHQ_IS_STORE (self), NULL);

  json = _chq_store_read_text (self, "SELECT json FROM wallet WHERE singleton = 1", NULL,
                               &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (json == NULL)
    return NULL;
  node = _chq_store_node_from_text (json, error);

  return node ? chq_wallet_from_json (node, error) : NULL;
}

