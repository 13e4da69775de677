/* chq-sandbox-orders.c: voucher orders (GET, POST /v1/orders, cancel) and the sandbox's
 * payment (POST /v1/sandbox/orders/{id}/pay)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-ident.h"
#include "chq-order.h"
#include "chq-rules.h"
#include "chq-sandbox-private.h"

#define BENEFICIARY "Pluxee Belgium"

/* The issuer's account per voucher type (DOMAIN.md), in the same order as ChqVoucherType. */
static const char * const voucher_ibans[CHQ_N_VOUCHER_TYPES] = {
  "BE51210000098062",
  "BE74001473372507",
  "BE04001550887631",
};

#define ORDER_COLUMNS \
  "SELECT o.id, o.voucher_type, o.quantity, o.status, o.created_at, o.paid_at, " \
  "o.cancelled_at, c.authorisation_number FROM orders o " \
  "JOIN companies c ON c.id = o.company_id "

/* The order on @row (ORDER_COLUMNS), with what to transfer: the company's share, to the
 * issuer's account, with the structured communication of its authorisation number. */
static gpointer
load_order (ChqSandboxDb *db,
            sqlite3_stmt *row)
{
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
  ChqOrderStatus status = CHQ_ORDER_STATUS_AWAITING_PAYMENT;
  const char *authorisation = chq_sandbox_db_text (row, 7);
  g_autofree char *digits = chq_structured_communication_normalize (authorisation, NULL);
  g_autofree char *communication =
    chq_structured_communication_format (digits != NULL ? digits : authorisation);
  g_autoptr(GDateTime) created_at = _chq_sandbox_parse_time (chq_sandbox_db_text (row, 4));
  g_autoptr(GDateTime) paid_at = _chq_sandbox_parse_time (chq_sandbox_db_text (row, 5));
  g_autoptr(GDateTime) cancelled_at = _chq_sandbox_parse_time (chq_sandbox_db_text (row, 6));
  ChqOrderSplit split;

  chq_voucher_type_from_string (chq_sandbox_db_text (row, 1), &type);
  chq_order_status_from_string (chq_sandbox_db_text (row, 3), &status);
  chq_rules_order_split ((guint) sqlite3_column_int (row, 2), &split);

  return g_object_new (CHQ_TYPE_ORDER,
                       "id", chq_sandbox_db_text (row, 0),
                       "voucher-type", type,
                       "quantity", (guint) split.quantity,
                       "amount-cents", (gint64) split.company_cents,
                       "status", status,
                       "created-at", created_at,
                       "paid-at", paid_at,
                       "cancelled-at", cancelled_at,
                       "payment-iban", voucher_ibans[type],
                       "payment-beneficiary", BENEFICIARY,
                       "payment-communication", communication,
                       "payment-amount-cents", (gint64) split.company_cents,
                       NULL);
}

static void
reply_order (ChqSandboxRequest *req,
             guint              status,
             const char        *order_id)
{
  _chq_sandbox_reply_row (req, status,
                          chq_sandbox_db_query (req->db, ORDER_COLUMNS "WHERE o.id = ?1",
                                                "s", order_id),
                          load_order);
}

/**
 * _chq_sandbox_get_orders:
 * @req: the request
 *
 * GET /v1/orders: the company's orders, oldest first.
 */
void
_chq_sandbox_get_orders (ChqSandboxRequest *req)
{
  _chq_sandbox_reply_rows (req,
                           chq_sandbox_db_query (req->db,
                                                 ORDER_COLUMNS "WHERE o.company_id = ?1 "
                                                 "ORDER BY o.created_at, o.id",
                                                 "s", req->company_id),
                           load_order);
}

/**
 * _chq_sandbox_post_orders:
 * @req: the request
 *
 * POST /v1/orders {voucher_type, quantity}: 1 to what the year's ceiling leaves
 * (ordered and not cancelled counts), else 422 `ceiling_exceeded` with `left`.
 */
void
_chq_sandbox_post_orders (ChqSandboxRequest *req)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *created_at = NULL;
  const char *type_word = NULL;
  ChqAccountKind kind;
  ChqVoucherType type;
  JsonNode *quantity_node;
  double fte;
  gint64 quantity;
  guint ceiling, left;
  int year = g_date_get_year (&req->today);

  if (!_chq_sandbox_request_string (req, "voucher_type", &type_word))
    return;
  if (!chq_voucher_type_from_string (type_word, &type))
    {
      _chq_sandbox_reply_invalid (req, "voucher_type",
                                  _("The voucher type must be “cf”, “cfl” or “eco”."));
      return;
    }

  quantity_node = _chq_sandbox_request_member (req, "quantity");
  if (!_chq_sandbox_node_is_integer (quantity_node) || json_node_get_int (quantity_node) < 1 ||
      json_node_get_int (quantity_node) > G_MAXINT32)
    {
      _chq_sandbox_reply_invalid (req, "quantity",
                                  _("The quantity must be a whole number of vouchers, "
                                    "at least 1."));
      return;
    }
  quantity = json_node_get_int (quantity_node);

  _chq_sandbox_ledger_get_company (req->db, req->company_id, &kind, &fte);
  if (!chq_rules_account_may_order (kind, fte, &error))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "not_eligible", NULL,
                                  error->message);
      return;
    }

  ceiling = chq_rules_ceiling (kind, fte, type);
  left = chq_rules_ceiling_left (ceiling,
                                 _chq_sandbox_ledger_ordered (req->db, req->company_id, type,
                                                              year));
  if (quantity > left)
    {
      /* Mid-sentence: "standard vouchers". */
      g_autofree char *type_label = g_utf8_strdown (chq_voucher_type_get_label (type), -1);
      g_autofree char *detail =
        /* Translators: %s: a voucher type label; %u: a number of vouchers; %d: a year */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "This order would exceed the yearly ceiling for %s "
                                      "vouchers: %u voucher is left for %d. Order at most that.",
                                      "This order would exceed the yearly ceiling for %s "
                                      "vouchers: %u vouchers are left for %d. Order at most that.",
                                      left),
                         type_label, left, year);

      _chq_sandbox_send_problem (req->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "ceiling_exceeded",
                                 "quantity", detail, (int) left);
      return;
    }

  order_id = g_strdup_printf ("ord-%04d-%04" G_GINT64_FORMAT, year,
                              chq_sandbox_db_next_seq (req->db, "order"));
  created_at = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "INSERT INTO orders (id, company_id, voucher_type, quantity, status, "
                      "created_at, created_year) VALUES (?1, ?2, ?3, ?4, 'awaiting_payment', "
                      "?5, ?6)",
                      "sssisi", order_id, req->company_id, type_word, (int) quantity,
                      created_at, year);

  reply_order (req, SOUP_STATUS_CREATED, order_id);
}

/* The status of a company's order, or NULL (404) when it is not theirs. */
static char *
order_status (ChqSandboxRequest *req,
              const char        *order_id)
{
  return chq_sandbox_db_query_text (req->db,
                                    "SELECT status FROM orders WHERE id = ?1 AND company_id = ?2",
                                    "ss", order_id, req->company_id);
}

/**
 * _chq_sandbox_cancel_order:
 * @req: the request
 *
 * POST /v1/orders/{id}/cancel: only while awaiting payment (409 `not_cancellable`).
 */
void
_chq_sandbox_cancel_order (ChqSandboxRequest *req)
{
  const char *order_id = _chq_sandbox_request_segment (req, 3);
  g_autofree char *status = order_status (req, order_id);
  g_autofree char *now = NULL;

  if (status == NULL)
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }
  if (!g_str_equal (status, "awaiting_payment"))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "not_cancellable", NULL,
                                  _("Only an order awaiting payment can be cancelled. "
                                    "This one is already paid or cancelled."));
      return;
    }

  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "UPDATE orders SET status = 'cancelled', cancelled_at = ?1 WHERE id = ?2",
                      "ss", now, order_id);
  reply_order (req, SOUP_STATUS_OK, order_id);
}

/**
 * _chq_sandbox_pay_order:
 * @req: the request
 *
 * POST /v1/sandbox/orders/{id}/pay (sandbox only): the transfer arrives; the vouchers are
 * credited today as a batch (_chq_sandbox_ledger_credit()).
 */
void
_chq_sandbox_pay_order (ChqSandboxRequest *req)
{
  const char *order_id = _chq_sandbox_request_segment (req, 4);  /* /v1/sandbox/orders/{id}/pay */
  g_autofree char *status = order_status (req, order_id);
  g_autofree char *now = NULL;
  g_autofree char *type = NULL;
  gint64 quantity;

  if (status == NULL)
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }
  if (!g_str_equal (status, "awaiting_payment"))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", NULL,
                                  _("Only an order awaiting payment can be paid. "
                                    "This one is already paid or cancelled."));
      return;
    }

  type = chq_sandbox_db_query_text (req->db, "SELECT voucher_type FROM orders WHERE id = ?1",
                                    "s", order_id);
  quantity = chq_sandbox_db_query_int (req->db, 0,
                                       "SELECT quantity FROM orders WHERE id = ?1",
                                       "s", order_id);
  now = _chq_sandbox_format_time (req->now);

  chq_sandbox_db_run (req->db,
                      "UPDATE orders SET status = 'credited', paid_at = ?1 WHERE id = ?2",
                      "ss", now, order_id);
  _chq_sandbox_ledger_credit (req->db, req->company_id, order_id, type, quantity, &req->today);

  reply_order (req, SOUP_STATUS_OK, order_id);
}
