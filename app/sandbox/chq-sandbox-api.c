/* chq-sandbox-api.c: the endpoints of the regional API, on the sandbox's storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every handler runs on the server thread; a writing handler runs inside the transaction
 * the dispatcher opened, and checks everything before it writes anything.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "chq-ident.h"
#include "chq-rules.h"
#include "chq-types.h"
#include "chq-value.h"
#include "chq-sandbox-demo.h"
#include "chq-sandbox-private.h"

#define FEED_DEFAULT_LIMIT 200
#define FEED_MAX_LIMIT     1000
#define EXPIRY_WARNING_DAYS 60
#define MAX_NAME_CHARS     200
#define BENEFICIARY        "Pluxee Belgium"

/* The issuer's account per voucher type (DOMAIN.md), in the same order as ChqVoucherType. */
static const char * const voucher_ibans[CHQ_N_VOUCHER_TYPES] = {
  "BE51210000098062",
  "BE74001473372507",
  "BE04001550887631",
};

/* JSON helpers. */

static void
member_string (JsonBuilder *builder,
               const char  *name,
               const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
member_int (JsonBuilder *builder,
            const char  *name,
            gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Whole numbers are written as integers (7, not 7.0), others as decimals (6.5). */
static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
member_number (JsonBuilder *builder,
               const char  *name,
               double       value)
{
  json_builder_set_member_name (builder, name);
  add_number (builder, value);
}

static void
member_bool (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
member_words (JsonBuilder *builder,
              const char  *name,
              const char  *joined)
{
  g_auto(GStrv) words = g_strsplit (joined != NULL ? joined : "", ",", -1);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      json_builder_add_string_value (builder, words[i]);
  json_builder_end_array (builder);
}

static void
reply_builder (ChqSandboxRequest *req,
               guint              status,
               JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  _chq_sandbox_reply_json (req, status, root);
}

/* Body members: each getter answers 400 itself and returns FALSE when the member is wrong. */

static JsonNode *
body_member (ChqSandboxRequest *req,
             const char        *name)
{
  return json_object_get_member (json_node_get_object (req->body), name);
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

static gboolean
require_string (ChqSandboxRequest  *req,
                const char         *name,
                const char        **out_value)
{
  JsonNode *node = body_member (req, name);

  if (!is_string (node))
    {
      g_autofree char *detail =
        /* Translators: %s is a field name */
        g_strdup_printf (_("The field “%s” is required and must be text."), name);

      _chq_sandbox_reply_invalid (req, name, detail);
      return FALSE;
    }

  *out_value = json_node_get_string (node);
  return TRUE;
}

/* An optional text member: absent or null gives NULL. */
static gboolean
optional_string (ChqSandboxRequest  *req,
                 const char         *name,
                 const char        **out_value)
{
  JsonNode *node = body_member (req, name);

  *out_value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!is_string (node))
    {
      g_autofree char *detail =
        /* Translators: %s is a field name */
        g_strdup_printf (_("The field “%s” must be text or null."), name);

      _chq_sandbox_reply_invalid (req, name, detail);
      return FALSE;
    }

  *out_value = json_node_get_string (node);
  return TRUE;
}

static const char *
segment (ChqSandboxRequest *req,
         guint              index)
{
  return req->segments[index];
}

static GDate *
date_of_time (const char *iso,
              GDate      *out)
{
  g_autoptr(GDateTime) time = _chq_sandbox_parse_time (iso);

  g_date_clear (out, 1);
  if (time != NULL)
    g_date_set_dmy (out, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                    g_date_time_get_year (time));
  return out;
}

static ChqVoucherType
voucher_type_of (const char *word)
{
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;

  chq_voucher_type_from_string (word, &type);
  return type;
}

/* Account. */

static gint64
ordered_this_year (ChqSandboxDb *db,
                   const char   *company_id,
                   const char   *voucher_type,
                   int           year)
{
  return chq_sandbox_db_query_int (db, 0,
                                   "SELECT coalesce(sum(quantity), 0) FROM orders "
                                   "WHERE company_id = ?1 AND voucher_type = ?2 "
                                   "AND created_year = ?3 "
                                   "AND status IN ('awaiting_payment', 'credited')",
                                   "ssi", company_id, voucher_type, year);
}

typedef struct {
  char           *enterprise_number;
  char           *name;
  ChqAccountKind  kind;
  double          fte;
  char           *authorisation_number;
  char           *registration_valid_until;
} Company;

static void
company_clear (Company *company)
{
  g_free (company->enterprise_number);
  g_free (company->name);
  g_free (company->authorisation_number);
  g_free (company->registration_valid_until);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Company, company_clear)

static gboolean
load_company (ChqSandboxDb *db,
              const char   *company_id,
              Company      *out)
{
  sqlite3_stmt *stmt = chq_sandbox_db_query (db,
                                             "SELECT enterprise_number, name, kind, fte, "
                                             "authorisation_number, registration_valid_until "
                                             "FROM companies WHERE id = ?1",
                                             "s", company_id);
  gboolean found = FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      out->enterprise_number = g_strdup (chq_sandbox_db_text (stmt, 0));
      out->name = g_strdup (chq_sandbox_db_text (stmt, 1));
      out->kind = CHQ_ACCOUNT_KIND_EMPLOYER;
      chq_account_kind_from_string (chq_sandbox_db_text (stmt, 2), &out->kind);
      out->fte = sqlite3_column_double (stmt, 3);
      out->authorisation_number = g_strdup (chq_sandbox_db_text (stmt, 4));
      out->registration_valid_until = g_strdup (chq_sandbox_db_text (stmt, 5));
    }
  sqlite3_reset (stmt);

  return found;
}

/**
 * _chq_sandbox_account_json:
 * @req: the request
 * @company_id: a company
 *
 * Builds the account object of docs/api.md: identity, and per voucher type the year's
 * ceiling (chq_rules_ceiling()) and what was ordered this year (awaiting payment or
 * credited, by creation date).
 *
 * Returns: (transfer full): the account
 */
JsonNode *
_chq_sandbox_account_json (ChqSandboxRequest *req,
                           const char        *company_id)
{
  g_auto(Company) company = { 0 };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int year = g_date_get_year (&req->today);

  if (!load_company (req->db, company_id, &company))
    g_return_val_if_reached (json_node_new (JSON_NODE_NULL));

  json_builder_begin_object (builder);
  member_string (builder, "enterprise_number", company.enterprise_number);
  member_string (builder, "name", company.name);
  member_string (builder, "kind", chq_account_kind_to_string (company.kind));
  member_number (builder, "fte", company.fte);
  member_string (builder, "authorisation_number", company.authorisation_number);
  member_string (builder, "registration_valid_until", company.registration_valid_until);
  member_int (builder, "year", year);
  json_builder_set_member_name (builder, "ceilings");
  json_builder_begin_array (builder);
  for (int t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      const char *word = chq_voucher_type_to_string ((ChqVoucherType) t);

      json_builder_begin_object (builder);
      member_string (builder, "voucher_type", word);
      member_int (builder, "ceiling", chq_rules_ceiling (company.kind, company.fte,
                                                         (ChqVoucherType) t));
      member_int (builder, "ordered_this_year",
                  ordered_this_year (req->db, company_id, word, year));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
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
  g_autoptr(JsonNode) account = _chq_sandbox_account_json (req, req->company_id);

  _chq_sandbox_reply_json (req, SOUP_STATUS_OK, account);
}

/* Courses. */

#define COURSE_COLUMNS \
  "SELECT c.id, c.title, c.summary, c.description, p.id, p.name, p.approval_number, " \
  "c.module_approval, c.voucher_type, c.hours, c.price_cents, c.themes, c.ai, c.format, " \
  "c.languages, c.cities, c.updated_at, c.seq " \
  "FROM courses c JOIN providers p ON p.id = c.provider_id "

static void
build_course (ChqSandboxDb *db,
              sqlite3_stmt *row,
              JsonBuilder  *builder)
{
  const char *id = chq_sandbox_db_text (row, 0);
  g_auto(GStrv) cities = g_strsplit (chq_sandbox_db_text (row, 15), ",", -1);
  sqlite3_stmt *sessions;

  json_builder_begin_object (builder);
  member_string (builder, "id", id);
  member_string (builder, "title", chq_sandbox_db_text (row, 1));
  member_string (builder, "summary", chq_sandbox_db_text (row, 2));
  member_string (builder, "description", chq_sandbox_db_text (row, 3));
  json_builder_set_member_name (builder, "provider");
  json_builder_begin_object (builder);
  member_string (builder, "id", chq_sandbox_db_text (row, 4));
  member_string (builder, "name", chq_sandbox_db_text (row, 5));
  member_string (builder, "approval_number", chq_sandbox_db_text (row, 6));
  json_builder_end_object (builder);
  member_string (builder, "module_approval", chq_sandbox_db_text (row, 7));
  member_string (builder, "voucher_type", chq_sandbox_db_text (row, 8));
  member_int (builder, "hours", sqlite3_column_int64 (row, 9));
  member_int (builder, "price_cents", sqlite3_column_int64 (row, 10));
  member_words (builder, "themes", chq_sandbox_db_text (row, 11));
  member_bool (builder, "ai", sqlite3_column_int (row, 12) != 0);
  member_string (builder, "format", chq_sandbox_db_text (row, 13));
  member_words (builder, "languages", chq_sandbox_db_text (row, 14));

  json_builder_set_member_name (builder, "locations");
  json_builder_begin_array (builder);
  for (guint i = 0; cities[i] != NULL; i++)
    {
      const char *postcode = NULL, *province = NULL;

      if (cities[i][0] == '\0' || !chq_sandbox_demo_city_info (cities[i], &postcode, &province))
        continue;
      json_builder_begin_object (builder);
      member_string (builder, "city", cities[i]);
      member_string (builder, "postcode", postcode);
      member_string (builder, "province", province);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);
  sessions = chq_sandbox_db_query (db,
                                   "SELECT id, starts_at, ends_at, city, seats_left "
                                   "FROM course_sessions WHERE course_id = ?1 "
                                   "ORDER BY starts_at, id",
                                   "s", id);
  while (sqlite3_step (sessions) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      member_string (builder, "id", chq_sandbox_db_text (sessions, 0));
      member_string (builder, "starts_at", chq_sandbox_db_text (sessions, 1));
      member_string (builder, "ends_at", chq_sandbox_db_text (sessions, 2));
      member_string (builder, "city", chq_sandbox_db_text (sessions, 3));
      member_int (builder, "seats_left", sqlite3_column_int64 (sessions, 4));
      json_builder_end_object (builder);
    }
  sqlite3_reset (sessions);
  json_builder_end_array (builder);

  member_string (builder, "updated_at", chq_sandbox_db_text (row, 16));
  json_builder_end_object (builder);
}

static gboolean
parse_cursor (const char *text,
              gint64     *out_seq)
{
  guint64 value = 0;

  *out_seq = 0;
  if (text == NULL)
    return TRUE;
  if (!g_str_has_prefix (text, "c_") || text[2] == '\0' || strlen (text) > 22)
    return FALSE;
  if (!g_ascii_string_to_unsigned (text + 2, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;

  *out_seq = (gint64) value;
  return TRUE;
}

static gboolean
parse_limit (const char *text,
             guint      *out_limit)
{
  guint64 value = FEED_DEFAULT_LIMIT;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, FEED_MAX_LIMIT, &value, NULL))
    return FALSE;

  *out_limit = (guint) value;
  return TRUE;
}

static const char *
query_param (ChqSandboxRequest *req,
             const char        *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

/**
 * _chq_sandbox_courses_version:
 * @req: the request
 *
 * Returns: (transfer full) (nullable): the ETag source of a feed page: the cursor, the
 *   limit and the catalogue's last change; %NULL when the parameters are invalid
 */
char *
_chq_sandbox_courses_version (ChqSandboxRequest *req)
{
  gint64 since;
  guint limit;

  if (!parse_cursor (query_param (req, "since"), &since) ||
      !parse_limit (query_param (req, "limit"), &limit))
    return NULL;

  return g_strdup_printf ("courses|%" G_GINT64_FORMAT "|%u|%" G_GINT64_FORMAT, since, limit,
                          chq_sandbox_db_get_seq (req->db, "course"));
}

/**
 * _chq_sandbox_get_courses:
 * @req: the request
 *
 * GET /v1/courses?since=&limit=: the delta feed. Every change of a course (created,
 * edited, a seat taken or freed) gives it a new sequence number; a deletion leaves a
 * tombstone with its own. A page returns the changes after `since` in sequence order,
 * courses in `items` and tombstones in `deleted`; `next` is the cursor of the last change
 * returned (or `since` when none) and `more` says whether changes remain after it.
 */
void
_chq_sandbox_get_courses (ChqSandboxRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *next = NULL;
  sqlite3_stmt *stmt;
  gint64 since, last;
  guint limit, n = 0;
  gboolean more = FALSE;

  if (!parse_cursor (query_param (req, "since"), &since))
    {
      _chq_sandbox_reply_invalid (req, "since",
                                  _("The cursor is not one this server gave. "
                                    "Start again without “since”."));
      return;
    }
  if (!parse_limit (query_param (req, "limit"), &limit))
    {
      _chq_sandbox_reply_invalid (req, "limit",
                                  _("The limit must be a whole number from 1 to 1000."));
      return;
    }

  last = since;
  stmt = chq_sandbox_db_query (req->db,
                               "SELECT seq, id, 0 FROM courses WHERE seq > ?1 "
                               "UNION ALL "
                               "SELECT seq, id, 1 FROM course_tombstones WHERE seq > ?1 "
                               "ORDER BY 1 LIMIT ?2",
                               "Ii", since, (int) limit + 1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (n == limit)
        {
          more = TRUE;
          break;
        }
      n++;
      last = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (sqlite3_column_int (stmt, 2) ? deleted : changed,
                       g_strdup (chq_sandbox_db_text (stmt, 1)));
    }
  sqlite3_reset (stmt);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changed->len; i++)
    {
      sqlite3_stmt *row = chq_sandbox_db_query (req->db, COURSE_COLUMNS "WHERE c.id = ?1",
                                                "s", g_ptr_array_index (changed, i));

      if (sqlite3_step (row) == SQLITE_ROW)
        build_course (req->db, row, builder);
      sqlite3_reset (row);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "deleted");
  json_builder_begin_array (builder);
  for (guint i = 0; i < deleted->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (deleted, i));
  json_builder_end_array (builder);
  next = g_strdup_printf ("c_%012" G_GINT64_FORMAT, last);
  member_string (builder, "next", next);
  member_bool (builder, "more", more);
  json_builder_end_object (builder);

  reply_builder (req, SOUP_STATUS_OK, builder);
}

/**
 * _chq_sandbox_course_version:
 * @req: the request
 *
 * Returns: (transfer full) (nullable): the ETag source of one course: its last change
 */
char *
_chq_sandbox_course_version (ChqSandboxRequest *req)
{
  gint64 seq = chq_sandbox_db_query_int (req->db, -1, "SELECT seq FROM courses WHERE id = ?1",
                                         "s", segment (req, 3));

  if (seq < 0)
    return NULL;

  return g_strdup_printf ("course|%s|%" G_GINT64_FORMAT, segment (req, 3), seq);
}

/**
 * _chq_sandbox_get_course:
 * @req: the request
 *
 * GET /v1/courses/{id}.
 */
void
_chq_sandbox_get_course (ChqSandboxRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *row = chq_sandbox_db_query (req->db, COURSE_COLUMNS "WHERE c.id = ?1",
                                            "s", segment (req, 3));

  if (sqlite3_step (row) != SQLITE_ROW)
    {
      sqlite3_reset (row);
      _chq_sandbox_reply_not_found (req);
      return;
    }

  build_course (req->db, row, builder);
  sqlite3_reset (row);
  reply_builder (req, SOUP_STATUS_OK, builder);
}

/**
 * _chq_sandbox_touch_course:
 * @db: the database
 * @course_id: a course
 * @now: the server clock
 *
 * Records a change of a course: a new sequence number (the delta feed returns it again)
 * and updated_at.
 *
 * Returns: the new sequence number
 */
gint64
_chq_sandbox_touch_course (ChqSandboxDb *db,
                           const char   *course_id,
                           GDateTime    *now)
{
  gint64 seq = chq_sandbox_db_next_seq (db, "course");
  g_autofree char *updated_at = _chq_sandbox_format_time (now);

  chq_sandbox_db_run (db, "UPDATE courses SET seq = ?1, updated_at = ?2 WHERE id = ?3",
                      "Iss", seq, updated_at, course_id);
  return seq;
}

/* Orders. */

#define ORDER_COLUMNS \
  "SELECT o.id, o.voucher_type, o.quantity, o.status, o.created_at, o.paid_at, " \
  "o.cancelled_at, c.authorisation_number FROM orders o " \
  "JOIN companies c ON c.id = o.company_id "

static void
build_order (sqlite3_stmt *row,
             JsonBuilder  *builder)
{
  ChqVoucherType type = voucher_type_of (chq_sandbox_db_text (row, 1));
  ChqOrderSplit split;
  g_autofree char *communication = NULL;
  g_autofree char *digits = NULL;

  chq_rules_order_split ((guint) sqlite3_column_int (row, 2), &split);
  digits = chq_structured_communication_normalize (chq_sandbox_db_text (row, 7), NULL);
  communication = chq_structured_communication_format (digits != NULL ? digits
                                                       : chq_sandbox_db_text (row, 7));

  json_builder_begin_object (builder);
  member_string (builder, "id", chq_sandbox_db_text (row, 0));
  member_string (builder, "voucher_type", chq_voucher_type_to_string (type));
  member_int (builder, "quantity", split.quantity);
  member_int (builder, "amount_cents", split.company_cents);
  member_string (builder, "status", chq_sandbox_db_text (row, 3));
  member_string (builder, "created_at", chq_sandbox_db_text (row, 4));
  member_string (builder, "paid_at", chq_sandbox_db_text (row, 5));
  member_string (builder, "cancelled_at", chq_sandbox_db_text (row, 6));
  json_builder_set_member_name (builder, "payment");
  json_builder_begin_object (builder);
  member_string (builder, "iban", voucher_ibans[type]);
  member_string (builder, "beneficiary", BENEFICIARY);
  member_string (builder, "communication", communication);
  member_int (builder, "amount_cents", split.company_cents);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
reply_order (ChqSandboxRequest *req,
             guint              status,
             const char        *order_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *row = chq_sandbox_db_query (req->db, ORDER_COLUMNS "WHERE o.id = ?1",
                                            "s", order_id);

  if (sqlite3_step (row) == SQLITE_ROW)
    build_order (row, builder);
  sqlite3_reset (row);
  reply_builder (req, status, builder);
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
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *row = chq_sandbox_db_query (req->db,
                                            ORDER_COLUMNS "WHERE o.company_id = ?1 "
                                            "ORDER BY o.created_at, o.id",
                                            "s", req->company_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while (sqlite3_step (row) == SQLITE_ROW)
    build_order (row, builder);
  sqlite3_reset (row);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_builder (req, SOUP_STATUS_OK, builder);
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
  g_auto(Company) company = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *created_at = NULL;
  const char *type_word = NULL;
  ChqVoucherType type;
  JsonNode *quantity_node;
  gint64 quantity;
  guint ceiling, left;
  int year = g_date_get_year (&req->today);

  if (!require_string (req, "voucher_type", &type_word))
    return;
  if (!chq_voucher_type_from_string (type_word, &type))
    {
      _chq_sandbox_reply_invalid (req, "voucher_type",
                                  _("The voucher type must be “cf”, “cfl” or “eco”."));
      return;
    }

  quantity_node = body_member (req, "quantity");
  if (!is_integer (quantity_node) || json_node_get_int (quantity_node) < 1 ||
      json_node_get_int (quantity_node) > G_MAXINT32)
    {
      _chq_sandbox_reply_invalid (req, "quantity",
                                  _("The quantity must be a whole number of vouchers, "
                                    "at least 1."));
      return;
    }
  quantity = json_node_get_int (quantity_node);

  load_company (req->db, req->company_id, &company);
  if (!chq_rules_account_may_order (company.kind, company.fte, &error))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "not_eligible", NULL,
                                  error->message);
      return;
    }

  ceiling = chq_rules_ceiling (company.kind, company.fte, type);
  left = chq_rules_ceiling_left (ceiling,
                                 (guint) ordered_this_year (req->db, req->company_id,
                                                            type_word, year));
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
      g_autoptr(JsonBuilder) builder =
        _chq_sandbox_problem_builder (SOUP_STATUS_UNPROCESSABLE_ENTITY, "ceiling_exceeded",
                                      "quantity", detail);

      member_int (builder, "left", left);
      _chq_sandbox_reply_problem_builder (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, builder);
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
  const char *order_id = segment (req, 3);
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
 * credited today as a batch whose expiry follows chq_rules_batch_expiry().
 */
void
_chq_sandbox_pay_order (ChqSandboxRequest *req)
{
  const char *order_id = segment (req, 4);  /* /v1/sandbox/orders/{id}/pay */
  g_autofree char *status = order_status (req, order_id);
  g_autofree char *now = NULL;
  g_autofree char *credited_on = NULL;
  g_autofree char *expires_on = NULL;
  g_autofree char *batch_id = NULL;
  g_autofree char *type = NULL;
  GDate expiry;
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
  g_date_clear (&expiry, 1);
  chq_rules_batch_expiry (&req->today, &expiry);
  now = _chq_sandbox_format_time (req->now);
  credited_on = _chq_sandbox_format_date (&req->today);
  expires_on = _chq_sandbox_format_date (&expiry);
  batch_id = g_strconcat ("bat-", order_id + strlen ("ord-"), NULL);

  chq_sandbox_db_run (req->db,
                      "UPDATE orders SET status = 'credited', paid_at = ?1 WHERE id = ?2",
                      "ss", now, order_id);
  chq_sandbox_db_run (req->db,
                      "INSERT INTO batches (id, company_id, order_id, voucher_type, credited_on, "
                      "expires_on, quantity, available, reserved, used) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 0, 0)",
                      "ssssssI", batch_id, req->company_id, order_id, type, credited_on,
                      expires_on, quantity);

  reply_order (req, SOUP_STATUS_OK, order_id);
}

/* Wallet. */

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
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *today = _chq_sandbox_format_date (&req->today);
  g_autofree char *soon = NULL;
  GDate soon_date = req->today;
  sqlite3_stmt *row;

  g_date_add_days (&soon_date, EXPIRY_WARNING_DAYS);
  soon = _chq_sandbox_format_date (&soon_date);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "batches");
  json_builder_begin_array (builder);
  row = chq_sandbox_db_query (req->db,
                              "SELECT id, order_id, voucher_type, credited_on, expires_on, "
                              "quantity, available, reserved, used FROM batches "
                              "WHERE company_id = ?1 ORDER BY expires_on, credited_on, id",
                              "s", req->company_id);
  while (sqlite3_step (row) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      member_string (builder, "id", chq_sandbox_db_text (row, 0));
      member_string (builder, "order_id", chq_sandbox_db_text (row, 1));
      member_string (builder, "voucher_type", chq_sandbox_db_text (row, 2));
      member_string (builder, "credited_on", chq_sandbox_db_text (row, 3));
      member_string (builder, "expires_on", chq_sandbox_db_text (row, 4));
      member_int (builder, "quantity", sqlite3_column_int64 (row, 5));
      member_int (builder, "available", sqlite3_column_int64 (row, 6));
      member_int (builder, "reserved", sqlite3_column_int64 (row, 7));
      member_int (builder, "used", sqlite3_column_int64 (row, 8));
      json_builder_end_object (builder);
    }
  sqlite3_reset (row);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_array (builder);
  for (int t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      const char *word = chq_voucher_type_to_string ((ChqVoucherType) t);

      row = chq_sandbox_db_query (req->db,
                                  "SELECT "
                                  " coalesce(sum(CASE WHEN expires_on >= ?3 THEN available END), 0),"
                                  " coalesce(sum(reserved), 0),"
                                  " coalesce(sum(used), 0),"
                                  " sum(CASE WHEN expires_on >= ?3 AND expires_on <= ?4"
                                  "     THEN available ELSE 0 END),"
                                  " min(CASE WHEN expires_on >= ?3 AND available > 0"
                                  "     THEN expires_on END) "
                                  "FROM batches WHERE company_id = ?1 AND voucher_type = ?2",
                                  "ssss", req->company_id, word, today, soon);
      json_builder_begin_object (builder);
      member_string (builder, "voucher_type", word);
      if (sqlite3_step (row) == SQLITE_ROW)
        {
          gint64 available = sqlite3_column_int64 (row, 0);

          member_int (builder, "available", available);
          member_int (builder, "reserved", sqlite3_column_int64 (row, 1));
          member_int (builder, "used", sqlite3_column_int64 (row, 2));
          json_builder_set_member_name (builder, "expiring_soon");
          if (available > 0)
            json_builder_add_int_value (builder, sqlite3_column_int64 (row, 3));
          else
            json_builder_add_null_value (builder);
          member_string (builder, "next_expiry", chq_sandbox_db_text (row, 4));
        }
      sqlite3_reset (row);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_builder (req, SOUP_STATUS_OK, builder);
}

/* Workers. */

#define WORKER_COLUMNS \
  "SELECT w.id, w.first_name, w.last_name, w.status, w.niss, w.email, w.archived, " \
  "(SELECT coalesce(sum(d.hours), 0) FROM attendance_days d " \
  " JOIN enrolments e ON e.id = d.enrolment_id " \
  " WHERE e.worker_id = w.id AND substr(d.day, 1, 4) = ?1) " \
  "FROM workers w "

static void
build_worker (sqlite3_stmt *row,
              JsonBuilder  *builder)
{
  json_builder_begin_object (builder);
  member_string (builder, "id", chq_sandbox_db_text (row, 0));
  member_string (builder, "first_name", chq_sandbox_db_text (row, 1));
  member_string (builder, "last_name", chq_sandbox_db_text (row, 2));
  member_string (builder, "status", chq_sandbox_db_text (row, 3));
  member_string (builder, "niss", chq_sandbox_db_text (row, 4));
  member_string (builder, "email", chq_sandbox_db_text (row, 5));
  member_bool (builder, "archived", sqlite3_column_int (row, 6) != 0);
  member_number (builder, "hours_this_year", sqlite3_column_double (row, 7));
  json_builder_end_object (builder);
}

static char *
year_text (ChqSandboxRequest *req)
{
  return g_strdup_printf ("%04d", g_date_get_year (&req->today));
}

static void
reply_worker (ChqSandboxRequest *req,
              guint              status,
              const char        *worker_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *year = year_text (req);
  sqlite3_stmt *row = chq_sandbox_db_query (req->db, WORKER_COLUMNS "WHERE w.id = ?2",
                                            "ss", year, worker_id);

  if (sqlite3_step (row) == SQLITE_ROW)
    build_worker (row, builder);
  sqlite3_reset (row);
  reply_builder (req, status, builder);
}

static gboolean
worker_is_theirs (ChqSandboxRequest *req,
                  const char        *worker_id)
{
  return chq_sandbox_db_query_int (req->db, 0,
                                   "SELECT count(*) FROM workers WHERE id = ?1 AND company_id = ?2",
                                   "ss", worker_id, req->company_id) > 0;
}

/**
 * _chq_sandbox_get_workers:
 * @req: the request
 *
 * GET /v1/workers: every worker of the company, archived ones included (archived=true).
 */
void
_chq_sandbox_get_workers (ChqSandboxRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *year = year_text (req);
  sqlite3_stmt *row = chq_sandbox_db_query (req->db,
                                            WORKER_COLUMNS "WHERE w.company_id = ?2 "
                                            "ORDER BY w.id",
                                            "ss", year, req->company_id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while (sqlite3_step (row) == SQLITE_ROW)
    build_worker (row, builder);
  sqlite3_reset (row);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_builder (req, SOUP_STATUS_OK, builder);
}

/**
 * _chq_sandbox_get_worker:
 * @req: the request
 *
 * GET /v1/workers/{id}.
 */
void
_chq_sandbox_get_worker (ChqSandboxRequest *req)
{
  if (!worker_is_theirs (req, segment (req, 3)))
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }

  reply_worker (req, SOUP_STATUS_OK, segment (req, 3));
}

typedef struct {
  char *first_name;
  char *last_name;
  char *status;
  char *niss;   /* nullable, 11 digits */
  char *email;  /* nullable */
} WorkerInput;

static void
worker_input_clear (WorkerInput *input)
{
  g_free (input->first_name);
  g_free (input->last_name);
  g_free (input->status);
  g_free (input->niss);
  g_free (input->email);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WorkerInput, worker_input_clear)

static gboolean
valid_name (ChqSandboxRequest  *req,
            const char         *field,
            char              **out_value)
{
  const char *text = NULL;
  g_autofree char *trimmed = NULL;
  glong length;

  if (!require_string (req, field, &text))
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  length = g_utf8_strlen (trimmed, -1);
  if (length < 1 || length > MAX_NAME_CHARS)
    {
      _chq_sandbox_reply_invalid (req, field,
                                  _("A name must hold 1 to 200 characters."));
      return FALSE;
    }

  *out_value = g_steal_pointer (&trimmed);
  return TRUE;
}

static gboolean
read_worker_input (ChqSandboxRequest *req,
                   WorkerInput       *input)
{
  const char *status = NULL;
  const char *niss = NULL;
  const char *email = NULL;

  if (!valid_name (req, "first_name", &input->first_name) ||
      !valid_name (req, "last_name", &input->last_name) ||
      !require_string (req, "status", &status))
    return FALSE;

  if (!chq_worker_status_from_string (status, NULL))
    {
      _chq_sandbox_reply_invalid (req, "status",
                                  _("The status must be one of: employee, temp, "
                                    "self_employed_main, self_employed_secondary, "
                                    "helping_spouse, student, apprentice, intern, pfi_trainee."));
      return FALSE;
    }
  input->status = g_strdup (status);

  if (!optional_string (req, "niss", &niss) || !optional_string (req, "email", &email))
    return FALSE;

  if (niss != NULL)
    {
      g_autoptr(GError) error = NULL;

      input->niss = chq_niss_normalize (niss, &error);
      if (input->niss == NULL || !chq_niss_validate (input->niss, &error))
        {
          _chq_sandbox_reply_invalid (req, "niss", error->message);
          return FALSE;
        }
    }

  if (email != NULL)
    {
      if (!chq_email_is_valid (email))
        {
          _chq_sandbox_reply_invalid (req, "email",
                                      _("The email address is not valid. "
                                        "Write it like name@example.be, or leave it empty."));
          return FALSE;
        }
      input->email = g_strdup (email);
    }

  return TRUE;
}

static gboolean
is_self_employed (ChqSandboxRequest *req)
{
  g_autofree char *kind = chq_sandbox_db_query_text (req->db,
                                                     "SELECT kind FROM companies WHERE id = ?1",
                                                     "s", req->company_id);

  return kind != NULL && !g_str_equal (kind, "employer");
}

/**
 * _chq_sandbox_post_workers:
 * @req: the request
 *
 * POST /v1/workers {first_name, last_name, status, niss?, email?} -> 201 the worker.
 * A self-employed account has one worker, the holder: 409 `conflict`.
 */
void
_chq_sandbox_post_workers (ChqSandboxRequest *req)
{
  g_auto(WorkerInput) input = { 0 };
  g_autofree char *worker_id = NULL;
  g_autofree char *now = NULL;

  if (!read_worker_input (req, &input))
    return;

  if (is_self_employed (req))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", NULL,
                                  _("A self-employed account has one worker: its holder. "
                                    "Edit that worker instead."));
      return;
    }

  worker_id = g_strdup_printf ("wrk-%04" G_GINT64_FORMAT,
                               chq_sandbox_db_next_seq (req->db, "worker"));
  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "INSERT INTO workers (id, company_id, first_name, last_name, status, niss, "
                      "email, archived, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?8)",
                      "ssssssss", worker_id, req->company_id, input.first_name,
                      input.last_name, input.status, input.niss, input.email, now);

  reply_worker (req, SOUP_STATUS_CREATED, worker_id);
}

/**
 * _chq_sandbox_put_worker:
 * @req: the request
 *
 * PUT /v1/workers/{id}: replaces the worker's fields (same body as POST).
 */
void
_chq_sandbox_put_worker (ChqSandboxRequest *req)
{
  g_auto(WorkerInput) input = { 0 };
  g_autofree char *now = NULL;
  const char *worker_id = segment (req, 3);

  if (!worker_is_theirs (req, worker_id))
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }
  if (!read_worker_input (req, &input))
    return;

  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "UPDATE workers SET first_name = ?1, last_name = ?2, status = ?3, "
                      "niss = ?4, email = ?5, updated_at = ?6 WHERE id = ?7",
                      "sssssss", input.first_name, input.last_name, input.status, input.niss,
                      input.email, now, worker_id);

  reply_worker (req, SOUP_STATUS_OK, worker_id);
}

/**
 * _chq_sandbox_delete_worker:
 * @req: the request
 *
 * DELETE /v1/workers/{id}: archives the worker (the history stays); answers the archived
 * worker. The holder of a self-employed account cannot be archived (409 `conflict`).
 */
void
_chq_sandbox_delete_worker (ChqSandboxRequest *req)
{
  g_autofree char *now = NULL;
  const char *worker_id = segment (req, 3);

  if (!worker_is_theirs (req, worker_id))
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }
  if (is_self_employed (req))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", NULL,
                                  _("The holder of a self-employed account cannot be "
                                    "archived."));
      return;
    }

  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db, "UPDATE workers SET archived = 1, updated_at = ?1 WHERE id = ?2",
                      "ss", now, worker_id);

  reply_worker (req, SOUP_STATUS_OK, worker_id);
}

/* Enrolments. */

#define ENROLMENT_COLUMNS \
  "SELECT e.id, e.worker_id, e.course_id, e.session_id, e.status, e.usage_code, e.hours, " \
  "e.vouchers_reserved, e.vouchers_used, e.voucher_type, e.course_title, e.provider_name, " \
  "e.starts_at, e.ends_at, e.hours_attended, e.created_at FROM enrolments e "

static void
build_enrolment (ChqSandboxDb *db,
                 sqlite3_stmt *row,
                 JsonBuilder  *builder)
{
  const char *id = chq_sandbox_db_text (row, 0);
  sqlite3_stmt *days;

  json_builder_begin_object (builder);
  member_string (builder, "id", id);
  member_string (builder, "worker_id", chq_sandbox_db_text (row, 1));
  member_string (builder, "course_id", chq_sandbox_db_text (row, 2));
  member_string (builder, "session_id", chq_sandbox_db_text (row, 3));
  member_string (builder, "status", chq_sandbox_db_text (row, 4));
  member_string (builder, "usage_code", chq_sandbox_db_text (row, 5));
  member_int (builder, "hours", sqlite3_column_int64 (row, 6));
  member_int (builder, "vouchers_reserved", sqlite3_column_int64 (row, 7));
  member_int (builder, "vouchers_used", sqlite3_column_int64 (row, 8));
  member_string (builder, "voucher_type", chq_sandbox_db_text (row, 9));
  member_string (builder, "course_title", chq_sandbox_db_text (row, 10));
  member_string (builder, "provider_name", chq_sandbox_db_text (row, 11));
  member_string (builder, "starts_at", chq_sandbox_db_text (row, 12));
  member_string (builder, "ends_at", chq_sandbox_db_text (row, 13));
  json_builder_set_member_name (builder, "attendance");
  json_builder_begin_array (builder);
  days = chq_sandbox_db_query (db,
                               "SELECT day, hours FROM attendance_days WHERE enrolment_id = ?1 "
                               "ORDER BY day",
                               "s", id);
  while (sqlite3_step (days) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      member_string (builder, "date", chq_sandbox_db_text (days, 0));
      member_number (builder, "hours", sqlite3_column_double (days, 1));
      json_builder_end_object (builder);
    }
  sqlite3_reset (days);
  json_builder_end_array (builder);
  member_number (builder, "hours_attended", sqlite3_column_double (row, 14));
  member_string (builder, "created_at", chq_sandbox_db_text (row, 15));
  json_builder_end_object (builder);
}

static void
reply_enrolment (ChqSandboxRequest *req,
                 guint              status,
                 const char        *enrolment_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *row = chq_sandbox_db_query (req->db, ENROLMENT_COLUMNS "WHERE e.id = ?1",
                                            "s", enrolment_id);

  if (sqlite3_step (row) == SQLITE_ROW)
    build_enrolment (req->db, row, builder);
  sqlite3_reset (row);
  reply_builder (req, status, builder);
}

/**
 * _chq_sandbox_get_enrolments:
 * @req: the request
 *
 * GET /v1/enrolments?year=Y: the company's enrolments whose session starts in year Y (all
 * of them without `year`), in session order.
 */
void
_chq_sandbox_get_enrolments (ChqSandboxRequest *req)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *year_param = query_param (req, "year");
  guint64 year = 0;
  sqlite3_stmt *row;

  if (year_param != NULL &&
      !g_ascii_string_to_unsigned (year_param, 10, 2000, 2100, &year, NULL))
    {
      _chq_sandbox_reply_invalid (req, "year", _("The year must be written like 2026."));
      return;
    }

  row = chq_sandbox_db_query (req->db,
                              ENROLMENT_COLUMNS "WHERE e.company_id = ?1 "
                              "AND (?2 = 0 OR e.year = ?2) ORDER BY e.starts_at, e.id",
                              "si", req->company_id, (int) year);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  while (sqlite3_step (row) == SQLITE_ROW)
    build_enrolment (req->db, row, builder);
  sqlite3_reset (row);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reply_builder (req, SOUP_STATUS_OK, builder);
}

static char *
new_usage_code (ChqSandboxRequest *req)
{
  /* No 0/O, 1/I/L: codes are read aloud and typed by people. */
  static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const guint groups[] = { 4, 4, 2 };

  for (;;)
    {
      GString *code = g_string_new ("UC");

      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          g_string_append_c (code, '-');
          for (guint i = 0; i < groups[g]; i++)
            g_string_append_c (code, alphabet[_chq_sandbox_random_int (req->sandbox,
                                                                       sizeof alphabet - 1)]);
        }

      if (chq_sandbox_db_query_int (req->db, 0,
                                    "SELECT count(*) FROM enrolments WHERE usage_code = ?1",
                                    "s", code->str) == 0)
        return g_string_free (code, FALSE);

      g_string_free (code, TRUE);
    }
}

typedef struct {
  char   *course_id;
  char   *title;
  char   *provider_name;
  char   *voucher_type;
  gint64  hours;
  char   *session_id;
  char   *starts_at;
  char   *ends_at;
  gint64  seats_left;
} SessionInfo;

static void
session_info_clear (SessionInfo *info)
{
  g_free (info->course_id);
  g_free (info->title);
  g_free (info->provider_name);
  g_free (info->voucher_type);
  g_free (info->session_id);
  g_free (info->starts_at);
  g_free (info->ends_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionInfo, session_info_clear)

static gboolean
load_session (ChqSandboxDb *db,
              const char   *course_id,
              const char   *session_id,
              SessionInfo  *out)
{
  sqlite3_stmt *row = chq_sandbox_db_query (db,
                                            "SELECT c.id, c.title, p.name, c.voucher_type, "
                                            "c.hours, s.id, s.starts_at, s.ends_at, s.seats_left "
                                            "FROM course_sessions s "
                                            "JOIN courses c ON c.id = s.course_id "
                                            "JOIN providers p ON p.id = c.provider_id "
                                            "WHERE s.id = ?1 AND c.id = ?2",
                                            "ss", session_id, course_id);
  gboolean found = FALSE;

  if (sqlite3_step (row) == SQLITE_ROW)
    {
      found = TRUE;
      out->course_id = g_strdup (chq_sandbox_db_text (row, 0));
      out->title = g_strdup (chq_sandbox_db_text (row, 1));
      out->provider_name = g_strdup (chq_sandbox_db_text (row, 2));
      out->voucher_type = g_strdup (chq_sandbox_db_text (row, 3));
      out->hours = sqlite3_column_int64 (row, 4);
      out->session_id = g_strdup (chq_sandbox_db_text (row, 5));
      out->starts_at = g_strdup (chq_sandbox_db_text (row, 6));
      out->ends_at = g_strdup (chq_sandbox_db_text (row, 7));
      out->seats_left = sqlite3_column_int64 (row, 8);
    }
  sqlite3_reset (row);

  return found;
}

static void
reply_not_found_field (ChqSandboxRequest *req,
                       const char        *field)
{
  g_autofree char *detail =
    /* Translators: %s is a field name */
    g_strdup_printf (_("The “%s” given does not exist for your account. "
                       "Refresh your data and try again."), field);

  _chq_sandbox_reply_problem (req, SOUP_STATUS_NOT_FOUND, "not_found", field, detail);
}

/* Vouchers of @type usable on @last_day, oldest expiry first. */
#define USABLE_BATCHES \
  "SELECT id, available FROM batches WHERE company_id = ?1 AND voucher_type = ?2 " \
  "AND expires_on >= ?3 AND available > 0 ORDER BY expires_on, credited_on, id"

/**
 * _chq_sandbox_post_enrolments:
 * @req: the request
 *
 * POST /v1/enrolments {worker_id, course_id, session_id}: books an eligible, active worker
 * on a session with seats left, reserving the course's hours in vouchers of its type that
 * are still valid on the session's last day, oldest expiry first across batches. Answers
 * 201 with the enrolment and its usage code.
 */
void
_chq_sandbox_post_enrolments (ChqSandboxRequest *req)
{
  g_auto(SessionInfo) session = { 0 };
  g_autofree char *worker_status = NULL;
  g_autofree char *last_day_text = NULL;
  g_autofree char *enrolment_id = NULL;
  g_autofree char *usage_code = NULL;
  g_autofree char *now = NULL;
  const char *worker_id = NULL;
  const char *course_id = NULL;
  const char *session_id = NULL;
  const char *reason = NULL;
  ChqWorkerStatus status;
  GDate first_day, last_day;
  gint64 usable, remaining, archived;
  sqlite3_stmt *row;

  if (!require_string (req, "worker_id", &worker_id) ||
      !require_string (req, "course_id", &course_id) ||
      !require_string (req, "session_id", &session_id))
    return;

  worker_status = chq_sandbox_db_query_text (req->db,
                                             "SELECT status FROM workers "
                                             "WHERE id = ?1 AND company_id = ?2",
                                             "ss", worker_id, req->company_id);
  if (worker_status == NULL)
    {
      reply_not_found_field (req, "worker_id");
      return;
    }
  archived = chq_sandbox_db_query_int (req->db, 0,
                                       "SELECT archived FROM workers WHERE id = ?1",
                                       "s", worker_id);
  if (archived)
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                  "worker_id",
                                  _("This worker is archived. Restore the worker or choose "
                                    "another one."));
      return;
    }
  if (!chq_worker_status_from_string (worker_status, &status) ||
      !chq_rules_worker_status_is_eligible (status, &reason))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                  "worker_id",
                                  reason != NULL ? reason
                                  : _("This worker may not be trained with vouchers."));
      return;
    }

  if (chq_sandbox_db_query_int (req->db, 0, "SELECT count(*) FROM courses WHERE id = ?1",
                                "s", course_id) == 0)
    {
      reply_not_found_field (req, "course_id");
      return;
    }
  if (!load_session (req->db, course_id, session_id, &session))
    {
      reply_not_found_field (req, "session_id");
      return;
    }

  date_of_time (session.starts_at, &first_day);
  date_of_time (session.ends_at, &last_day);
  if (!g_date_valid (&first_day) || !g_date_valid (&last_day) ||
      g_date_compare (&first_day, &req->today) < 0)
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                  "session_id",
                                  _("This session has already started. Choose a later one."));
      return;
    }

  if (chq_sandbox_db_query_int (req->db, 0,
                                "SELECT count(*) FROM enrolments WHERE worker_id = ?1 "
                                "AND session_id = ?2 AND status = 'booked'",
                                "ss", worker_id, session_id) > 0)
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", "worker_id",
                                  _("This worker is already booked on this session."));
      return;
    }

  if (session.seats_left <= 0)
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "session_full", "session_id",
                                  _("This session has no seats left. Choose another session."));
      return;
    }

  /* Vouchers must still be valid on the session's last day (chq_rules_batch_usable_on()
   * is "expires_on >= day", which the query applies to every batch). */
  last_day_text = _chq_sandbox_format_date (&last_day);
  usable = 0;
  row = chq_sandbox_db_query (req->db, USABLE_BATCHES, "sss", req->company_id,
                              session.voucher_type, last_day_text);
  while (sqlite3_step (row) == SQLITE_ROW)
    usable += sqlite3_column_int64 (row, 1);
  sqlite3_reset (row);

  if (usable < session.hours)
    {
      g_autofree char *detail =
        /* Translators: first %s: a voucher type; the numbers are vouchers; last %s a date */
        g_strdup_printf (_("This course needs %d %s vouchers still valid on "
                           "%s, and %d are available. Order vouchers first."),
                         (int) session.hours,
                         chq_voucher_type_get_label (voucher_type_of (session.voucher_type)),
                         last_day_text, (int) usable);

      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "insufficient_vouchers", NULL,
                                  detail);
      return;
    }

  enrolment_id = g_strdup_printf ("enr-%04" G_GINT64_FORMAT,
                                  chq_sandbox_db_next_seq (req->db, "enrolment"));
  usage_code = new_usage_code (req);
  now = _chq_sandbox_format_time (req->now);

  chq_sandbox_db_run (req->db,
                      "INSERT INTO enrolments (id, company_id, worker_id, course_id, session_id, "
                      "course_title, provider_name, voucher_type, starts_at, ends_at, year, "
                      "hours, usage_code, status, vouchers_reserved, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                      "'booked', ?12, ?14, ?14)",
                      "ssssssssssiIss", enrolment_id, req->company_id, worker_id, course_id,
                      session_id, session.title, session.provider_name, session.voucher_type,
                      session.starts_at, session.ends_at, g_date_get_year (&first_day),
                      session.hours, usage_code, now);

  /* Reserve, oldest expiry first. Collect first: the same statement cannot be stepped and
   * reused for the updates. */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GArray) available = g_array_new (FALSE, FALSE, sizeof (gint64));

    row = chq_sandbox_db_query (req->db, USABLE_BATCHES, "sss", req->company_id,
                                session.voucher_type, last_day_text);
    while (sqlite3_step (row) == SQLITE_ROW)
      {
        gint64 n = sqlite3_column_int64 (row, 1);

        g_ptr_array_add (ids, g_strdup (chq_sandbox_db_text (row, 0)));
        g_array_append_val (available, n);
      }
    sqlite3_reset (row);

    remaining = session.hours;
    for (guint i = 0; i < ids->len && remaining > 0; i++)
      {
        gint64 take = MIN (remaining, g_array_index (available, gint64, i));

        chq_sandbox_db_run (req->db,
                            "UPDATE batches SET available = available - ?1, "
                            "reserved = reserved + ?1 WHERE id = ?2",
                            "Is", take, g_ptr_array_index (ids, i));
        chq_sandbox_db_run (req->db,
                            "INSERT INTO reservations (enrolment_id, batch_id, quantity) "
                            "VALUES (?1, ?2, ?3)",
                            "ssI", enrolment_id, g_ptr_array_index (ids, i), take);
        remaining -= take;
      }
  }

  chq_sandbox_db_run (req->db,
                      "UPDATE course_sessions SET seats_left = seats_left - 1 WHERE id = ?1",
                      "s", session_id);
  _chq_sandbox_touch_course (req->db, course_id, req->now);

  reply_enrolment (req, SOUP_STATUS_CREATED, enrolment_id);
}

/* Releases what is still reserved for an enrolment, after @use vouchers were used
 * (taken from the reservations in expiry order). */
static void
settle_reservations (ChqSandboxDb *db,
                     const char   *enrolment_id,
                     gint64        use)
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
      gint64 used = MIN (use, reserved);

      use -= used;
      chq_sandbox_db_run (db,
                          "UPDATE batches SET reserved = reserved - ?1, used = used + ?2, "
                          "available = available + ?3 WHERE id = ?4",
                          "IIIs", reserved, used, reserved - used,
                          g_ptr_array_index (ids, i));
      chq_sandbox_db_run (db,
                          "UPDATE reservations SET quantity = ?1 "
                          "WHERE enrolment_id = ?2 AND batch_id = ?3",
                          "Iss", used, enrolment_id, g_ptr_array_index (ids, i));
    }
}

static char *
enrolment_status (ChqSandboxRequest *req,
                  const char        *enrolment_id)
{
  return chq_sandbox_db_query_text (req->db,
                                    "SELECT status FROM enrolments "
                                    "WHERE id = ?1 AND company_id = ?2",
                                    "ss", enrolment_id, req->company_id);
}

/**
 * _chq_sandbox_cancel_enrolment:
 * @req: the request
 *
 * POST /v1/enrolments/{id}/cancel: only while booked (409 `not_cancellable`); releases the
 * reservation and the seat.
 */
void
_chq_sandbox_cancel_enrolment (ChqSandboxRequest *req)
{
  const char *enrolment_id = segment (req, 3);
  g_autofree char *status = enrolment_status (req, enrolment_id);
  g_autofree char *course_id = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *now = NULL;

  if (status == NULL)
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }
  if (!g_str_equal (status, "booked"))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "not_cancellable", NULL,
                                  _("Only a booked enrolment can be cancelled. "
                                    "This one is already attended or cancelled."));
      return;
    }

  settle_reservations (req->db, enrolment_id, 0);
  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "UPDATE enrolments SET status = 'cancelled', vouchers_reserved = 0, "
                      "updated_at = ?1 WHERE id = ?2",
                      "ss", now, enrolment_id);

  course_id = chq_sandbox_db_query_text (req->db,
                                         "SELECT course_id FROM enrolments WHERE id = ?1",
                                         "s", enrolment_id);
  session_id = chq_sandbox_db_query_text (req->db,
                                          "SELECT session_id FROM enrolments WHERE id = ?1",
                                          "s", enrolment_id);
  chq_sandbox_db_run (req->db,
                      "UPDATE course_sessions SET seats_left = seats_left + 1 WHERE id = ?1",
                      "s", session_id);
  if (chq_sandbox_db_changes (req->db) > 0)
    _chq_sandbox_touch_course (req->db, course_id, req->now);

  reply_enrolment (req, SOUP_STATUS_OK, enrolment_id);
}

static GDateTime *
time_on_day (GDateTime   *pattern,
             const GDate *day)
{
  return g_date_time_new (g_date_time_get_timezone (pattern),
                          g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                          g_date_time_get_hour (pattern), g_date_time_get_minute (pattern), 0);
}

/**
 * _chq_sandbox_post_attendance:
 * @req: the request
 *
 * POST /v1/enrolments/{id}/attendance {days: [{date, hours}]}: each date within the
 * session, once; each day's hours a multiple of 0.5 within the day's cap
 * (chq_rules_day_kind(), chq_rules_check_day_hours()); the total within the course's
 * hours. Settles: a voucher pays a whole hour, so ceil(total) vouchers are used from the
 * reservation (oldest expiry first) and the rest goes back to the wallet.
 */
void
_chq_sandbox_post_attendance (ChqSandboxRequest *req)
{
  const char *enrolment_id = segment (req, 3);
  g_autofree char *status = enrolment_status (req, enrolment_id);
  g_autofree char *starts_text = NULL;
  g_autofree char *ends_text = NULL;
  g_autofree char *type_word = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *days_node;
  JsonArray *days;
  GDate first_day, last_day;
  double total = 0;
  gint64 hours, used;

  if (status == NULL)
    {
      _chq_sandbox_reply_not_found (req);
      return;
    }

  days_node = body_member (req, "days");
  if (days_node == NULL || !JSON_NODE_HOLDS_ARRAY (days_node) ||
      json_array_get_length (json_node_get_array (days_node)) == 0)
    {
      _chq_sandbox_reply_invalid (req, "days",
                                  _("“days” must be a list of the days attended, each with "
                                    "its date and hours."));
      return;
    }
  days = json_node_get_array (days_node);
  if (json_array_get_length (days) > 366)
    {
      _chq_sandbox_reply_invalid (req, "days", _("A session has at most 366 days."));
      return;
    }

  starts_text = chq_sandbox_db_query_text (req->db,
                                           "SELECT starts_at FROM enrolments WHERE id = ?1",
                                           "s", enrolment_id);
  ends_text = chq_sandbox_db_query_text (req->db,
                                         "SELECT ends_at FROM enrolments WHERE id = ?1",
                                         "s", enrolment_id);
  type_word = chq_sandbox_db_query_text (req->db,
                                         "SELECT voucher_type FROM enrolments WHERE id = ?1",
                                         "s", enrolment_id);
  hours = chq_sandbox_db_query_int (req->db, 0, "SELECT hours FROM enrolments WHERE id = ?1",
                                    "s", enrolment_id);
  starts = _chq_sandbox_parse_time (starts_text);
  ends = _chq_sandbox_parse_time (ends_text);
  date_of_time (starts_text, &first_day);
  date_of_time (ends_text, &last_day);

  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonNode *item = json_array_get_element (days, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode *date_node = object != NULL ? json_object_get_member (object, "date") : NULL;
      JsonNode *hours_node = object != NULL ? json_object_get_member (object, "hours") : NULL;
      g_autofree char *date_field = g_strdup_printf ("days[%u].date", i);
      g_autofree char *hours_field = g_strdup_printf ("days[%u].hours", i);
      g_autoptr(GDateTime) day_starts = NULL;
      g_autoptr(GDateTime) day_ends = NULL;
      g_autoptr(GError) error = NULL;
      GDate day;
      double day_hours;

      if (!is_string (date_node) ||
          !_chq_sandbox_parse_date (json_node_get_string (date_node), &day))
        {
          _chq_sandbox_reply_invalid (req, date_field,
                                      _("Each day needs a date written like 2027-01-12."));
          return;
        }
      if (!chq_rules_attendance_day_has_come (&day, &req->today, &error))
        {
          _chq_sandbox_reply_invalid (req, date_field, error->message);
          return;
        }
      if (!is_number (hours_node) ||
          (day_hours = json_node_get_double (hours_node)) < 0 || day_hours > 24 ||
          day_hours * 2 != floor (day_hours * 2))
        {
          _chq_sandbox_reply_invalid (req, hours_field,
                                      _("Each day needs its hours, from 0 to 24 in half "
                                        "hours (like 7 or 3.5)."));
          return;
        }
      if (g_date_compare (&day, &first_day) < 0 || g_date_compare (&day, &last_day) > 0)
        {
          _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                      date_field,
                                      _("This day is outside the session's dates."));
          return;
        }
      if (!g_hash_table_add (seen, g_strdup (json_node_get_string (date_node))))
        {
          _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                      date_field, _("This day is listed twice."));
          return;
        }

      day_starts = time_on_day (starts, &day);
      day_ends = time_on_day (ends, &day);
      if (!chq_rules_check_day_hours (chq_rules_day_kind (day_starts, day_ends,
                                                          voucher_type_of (type_word)),
                                      day_hours, &error))
        {
          _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                      hours_field, error->message);
          return;
        }

      total += day_hours;
    }

  if (total > (double) hours)
    {
      g_autofree char *detail =
        /* Translators: %d is a number of hours */
        g_strdup_printf (_("The hours attended add up to more than the course's %d hours."),
                         (int) hours);

      _chq_sandbox_reply_problem (req, SOUP_STATUS_UNPROCESSABLE_ENTITY, "invalid_field",
                                  "days", detail);
      return;
    }

  if (!g_str_equal (status, "booked"))
    {
      _chq_sandbox_reply_problem (req, SOUP_STATUS_CONFLICT, "conflict", NULL,
                                  _("Attendance can only be recorded once, for a booked "
                                    "enrolment."));
      return;
    }

  used = (gint64) ceil (total);
  settle_reservations (req->db, enrolment_id, used);

  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonObject *object = json_array_get_object_element (days, i);

      chq_sandbox_db_run (req->db,
                          "INSERT INTO attendance_days (enrolment_id, day, hours) "
                          "VALUES (?1, ?2, ?3)",
                          "ssd", enrolment_id, json_object_get_string_member (object, "date"),
                          json_object_get_double_member (object, "hours"));
    }

  now = _chq_sandbox_format_time (req->now);
  chq_sandbox_db_run (req->db,
                      "UPDATE enrolments SET status = 'attended', vouchers_reserved = 0, "
                      "vouchers_used = ?1, hours_attended = ?2, updated_at = ?3 WHERE id = ?4",
                      "Idss", used, total, now, enrolment_id);

  reply_enrolment (req, SOUP_STATUS_OK, enrolment_id);
}
