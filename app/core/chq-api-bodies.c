/* chq-api-bodies.c: the documents of the API around the models: lists, the course
 * feed page, the wallet, the session, and the request bodies (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-json"

#include "config.h"

#include "chq-api-bodies.h"
#include "chq-json.h"
#include "chq-json-private.h"

/* Envelopes */

/* The member @name of the object @node as @path.name, or NULL with @error set. */
static JsonNode *
get_member (JsonNode    *node,
            const char  *name,
            gboolean     nullable,
            GString     *path,
            GError     **error)
{
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;

  member = json_object_get_member (json_node_get_object (node), name);
  if (member == NULL && !nullable)
    {
      _chq_json_fail_at (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, name);
      return NULL;
    }
  if (member != NULL && JSON_NODE_HOLDS_NULL (member) && !nullable)
    {
      _chq_json_fail_at (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, name);
      return NULL;
    }

  return member;
}

static JsonArray *
get_array_member (JsonNode    *node,
                  const char  *name,
                  GString     *path,
                  GError     **error)
{
  JsonNode *member = get_member (node, name, FALSE, path, error);

  if (member == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (member))
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, name), NULL;

  return json_node_get_array (member);
}

/* A string member, checked like a CHQ_JSON_FIELD_STRING. */
static char *
dup_string_member (JsonNode    *node,
                   const char  *name,
                   gint64       min,
                   gint64       max,
                   ChqJsonFieldCheck   check,
                   GString     *path,
                   GError     **error)
{
  JsonNode *member = get_member (node, name, FALSE, path, error);
  const char *text;
  gsize mark;

  if (member == NULL)
    return NULL;

  mark = _chq_json_path_push (path, name);
  text = _chq_json_read_text (member, min, max, path, error);
  if (text != NULL && check != NULL && !check (text))
    text = (_chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL);
  _chq_json_path_pop (path, mark);

  return g_strdup (text);
}

static GPtrArray *
read_object_array (JsonArray  *array,
                   GType       item_type,
                   GString    *path,
                   GError    **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      gsize mark = _chq_json_path_push_index (path, i);
      GObject *item = _chq_json_model_from_json_at (item_type,
                                                    json_array_get_element (array, i), path,
                                                    error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
      _chq_json_path_pop (path, mark);
    }

  return g_steal_pointer (&items);
}

static void
write_object_array (ChqJsonWriter *writer,
                    GPtrArray     *items)
{
  _chq_json_writer_begin_array (writer);
  for (guint i = 0; items != NULL && i < items->len; i++)
    _chq_json_write_any_model (g_ptr_array_index (items, i), writer);
  _chq_json_writer_end_array (writer);
}

/* What writes a node's members as well: the same builder, through a writer. */
static void
write_object_array_to_builder (JsonBuilder *builder,
                               GPtrArray   *items)
{
  ChqJsonWriter writer;

  _chq_json_writer_init_builder (&writer, builder);
  write_object_array (&writer, items);
}

/**
 * chq_list_from_json:
 * @node: a JSON object `{"items": [...]}`
 * @item_type: the model type of the items, like %CHQ_TYPE_ORDER
 * @error: return location for a #GError
 *
 * Reads a collection (GET /v1/orders, /v1/workers, /v1/enrolments). Errors name the
 * member as `items[2].status`.
 *
 * Returns: (transfer full) (element-type GObject): the items, or %NULL with @error set.
 */
GPtrArray *
chq_list_from_json (JsonNode  *node,
                    GType      item_type,
                    GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  JsonArray *array;
  gsize mark;
  GPtrArray *items;

  g_return_val_if_fail (_chq_json_model_for_type (item_type) != NULL, NULL);

  array = get_array_member (node, "items", path, error);
  if (array == NULL)
    return NULL;

  mark = _chq_json_path_push (path, "items");
  items = read_object_array (array, item_type, path, error);
  _chq_json_path_pop (path, mark);

  return items;
}

/**
 * chq_list_to_json:
 * @items: (element-type GObject): model objects
 *
 * Returns: (transfer full): `{"items": [...]}`.
 */
JsonNode *
chq_list_to_json (GPtrArray *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  write_object_array_to_builder (builder, items);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_courses_page_free:
 * @page: (nullable): a #ChqCoursesPage
 *
 * Frees @page and what it holds.
 */
void
chq_courses_page_free (ChqCoursesPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->items_json, json_array_unref);
  if (page->prepared_free != NULL)
    g_clear_pointer (&page->prepared, page->prepared_free);
  g_clear_pointer (&page->text, g_bytes_unref);
  g_clear_pointer (&page->deleted, g_strfreev);
  g_clear_pointer (&page->next, g_free);
  g_free (page);
}

/**
 * chq_courses_page_from_json:
 * @node: a page of the course feed `{items, deleted, next, more}`
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the page, or %NULL with @error set.
 */
ChqCoursesPage *
chq_courses_page_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(ChqCoursesPage) page = g_new0 (ChqCoursesPage, 1);
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GStrvBuilder) deleted = g_strv_builder_new ();
  JsonArray *array;
  JsonNode *more;
  gsize mark;

  array = get_array_member (node, "items", path, error);
  if (array == NULL)
    return NULL;
  mark = _chq_json_path_push (path, "items");
  page->items = read_object_array (array, CHQ_TYPE_COURSE, path, error);
  _chq_json_path_pop (path, mark);
  if (page->items == NULL)
    return NULL;
  page->items_json = json_array_ref (array);

  array = get_array_member (node, "deleted", path, error);
  if (array == NULL)
    return NULL;
  mark = _chq_json_path_push (path, "deleted");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize item_mark = _chq_json_path_push_index (path, i);
      const char *id = _chq_json_read_text (json_array_get_element (array, i), 1,
                                            CHQ_JSON_MAX_ID, path, error);

      if (id == NULL)
        return NULL;
      if (!_chq_json_check_id (id))
        return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
      g_strv_builder_add (deleted, id);
      _chq_json_path_pop (path, item_mark);
    }
  _chq_json_path_pop (path, mark);
  page->deleted = g_strv_builder_end (deleted);

  page->next = dup_string_member (node, "next", 1, CHQ_JSON_MAX_CURSOR, NULL, path, error);
  if (page->next == NULL)
    return NULL;

  more = get_member (node, "more", FALSE, path, error);
  if (more == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (more) || json_node_get_value_type (more) != G_TYPE_BOOLEAN)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, "more"), NULL;
  page->more = json_node_get_boolean (more);

  return g_steal_pointer (&page);
}

static void
write_courses_page (ChqCoursesPage *page,
                    ChqJsonWriter  *writer)
{
  _chq_json_writer_begin_object (writer);
  _chq_json_writer_member (writer, "items");
  write_object_array (writer, page->items);
  _chq_json_writer_member (writer, "deleted");
  _chq_json_writer_begin_array (writer);
  for (guint i = 0; page->deleted != NULL && page->deleted[i] != NULL; i++)
    _chq_json_writer_string (writer, page->deleted[i]);
  _chq_json_writer_end_array (writer);
  _chq_json_writer_member (writer, "next");
  _chq_json_writer_string (writer, page->next != NULL ? page->next : "");
  _chq_json_writer_member (writer, "more");
  _chq_json_writer_boolean (writer, page->more);
  _chq_json_writer_end_object (writer);
}

/**
 * chq_courses_page_to_json:
 * @page: a #ChqCoursesPage
 *
 * Returns: (transfer full): the page as the feed sends it.
 */
JsonNode *
chq_courses_page_to_json (ChqCoursesPage *page)
{
  g_autoptr(JsonBuilder) builder = NULL;
  ChqJsonWriter writer;

  g_return_val_if_fail (page != NULL, NULL);

  builder = json_builder_new ();
  _chq_json_writer_init_builder (&writer, builder);
  write_courses_page (page, &writer);

  return json_builder_get_root (builder);
}

/**
 * chq_courses_page_to_text:
 * @page: a #ChqCoursesPage
 * @out_len: (out) (optional): the text's length in bytes
 *
 * The feed's hot path: what chq_json_to_string() prints for chq_courses_page_to_json(),
 * written straight as text.
 *
 * Returns: (transfer full): the page as the feed sends it
 */
char *
chq_courses_page_to_text (ChqCoursesPage *page,
                          gsize          *out_len)
{
  ChqJsonWriter writer;

  g_return_val_if_fail (page != NULL, NULL);

  _chq_json_writer_init_text (&writer);
  write_courses_page (page, &writer);

  return _chq_json_writer_end_text (&writer, out_len);
}

/**
 * chq_wallet_new:
 *
 * Returns: (transfer full): an empty wallet: no batches, zero totals.
 */
ChqWallet *
chq_wallet_new (void)
{
  ChqWallet *wallet = g_new0 (ChqWallet, 1);

  wallet->batches = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    wallet->totals[t].expiring_soon = -1;

  return wallet;
}

/**
 * chq_wallet_free:
 * @wallet: (nullable): a #ChqWallet
 *
 * Frees @wallet and what it holds.
 */
void
chq_wallet_free (ChqWallet *wallet)
{
  if (wallet == NULL)
    return;

  g_clear_pointer (&wallet->batches, g_ptr_array_unref);
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    g_clear_pointer (&wallet->totals[t].next_expiry, g_free);
  g_free (wallet);
}

static gboolean
read_wallet_total (ChqWallet  *wallet,
                   gboolean   *seen,
                   JsonNode   *node,
                   GString    *path,
                   GError    **error)
{
  static const char * const counts[] = { "available", "reserved", "used", "expiring_soon" };
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
  ChqWalletTotal total = { 0, 0, 0, -1, NULL };
  g_autofree char *word = NULL;
  JsonNode *member;
  gsize mark;

  word = dup_string_member (node, "voucher_type", 1, CHQ_JSON_MAX_WORD, NULL, path, error);
  if (word == NULL)
    return FALSE;
  if (!chq_voucher_type_from_string (word, &type) || seen[type])
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "voucher_type");

  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    {
      gboolean nullable = (k == 3);
      gint64 value = 0;

      member = get_member (node, counts[k], nullable, path, error);
      if (member == NULL && !nullable)
        return FALSE;
      if (member == NULL || JSON_NODE_HOLDS_NULL (member))
        continue;

      mark = _chq_json_path_push (path, counts[k]);
      if (!_chq_json_read_integer (member, 0, CHQ_JSON_MAX_COUNT, &value, path, error))
        return FALSE;
      _chq_json_path_pop (path, mark);

      switch (k)
        {
        case 0: total.available = (guint) value; break;
        case 1: total.reserved = (guint) value; break;
        case 2: total.used = (guint) value; break;
        case 3: total.expiring_soon = (int) value; break;
        default: g_assert_not_reached ();
        }
    }

  member = get_member (node, "next_expiry", TRUE, path, error);
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      const char *date;

      mark = _chq_json_path_push (path, "next_expiry");
      date = _chq_json_read_text (member, 0, 0, path, error);
      if (date == NULL)
        return FALSE;
      if (!chq_json_is_valid_date (date))
        return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
      _chq_json_path_pop (path, mark);
      total.next_expiry = g_strdup (date);
    }

  seen[type] = TRUE;
  wallet->totals[type] = total;

  return TRUE;
}

/**
 * chq_wallet_from_json:
 * @node: the wallet `{batches, totals}`
 * @error: return location for a #GError
 *
 * Reads the wallet. `totals` must hold exactly one entry per voucher type.
 *
 * Returns: (transfer full): the wallet, or %NULL with @error set.
 */
ChqWallet *
chq_wallet_from_json (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(ChqWallet) wallet = chq_wallet_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  gboolean seen[CHQ_N_VOUCHER_TYPES] = { FALSE, };
  JsonArray *array;
  gsize mark;

  array = get_array_member (node, "batches", path, error);
  if (array == NULL)
    return NULL;
  mark = _chq_json_path_push (path, "batches");
  g_clear_pointer (&wallet->batches, g_ptr_array_unref);
  wallet->batches = read_object_array (array, CHQ_TYPE_VOUCHER_BATCH, path, error);
  _chq_json_path_pop (path, mark);
  if (wallet->batches == NULL)
    return NULL;

  array = get_array_member (node, "totals", path, error);
  if (array == NULL)
    return NULL;
  mark = _chq_json_path_push (path, "totals");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize item_mark = _chq_json_path_push_index (path, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;
      if (!read_wallet_total (wallet, seen, element, path, error))
        return NULL;
      _chq_json_path_pop (path, item_mark);
    }
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      if (!seen[t])
        return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
    }
  _chq_json_path_pop (path, mark);

  return g_steal_pointer (&wallet);
}

/**
 * chq_wallet_to_json:
 * @wallet: a #ChqWallet
 *
 * Returns: (transfer full): the wallet as GET /v1/wallet sends it.
 */
JsonNode *
chq_wallet_to_json (ChqWallet *wallet)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (wallet != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "batches");
  write_object_array_to_builder (builder, wallet->batches);
  json_builder_set_member_name (builder, "totals");
  json_builder_begin_array (builder);
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      const ChqWalletTotal *total = &wallet->totals[t];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "voucher_type");
      json_builder_add_string_value (builder, chq_voucher_type_to_string (t));
      json_builder_set_member_name (builder, "available");
      json_builder_add_int_value (builder, total->available);
      json_builder_set_member_name (builder, "reserved");
      json_builder_add_int_value (builder, total->reserved);
      json_builder_set_member_name (builder, "used");
      json_builder_add_int_value (builder, total->used);
      json_builder_set_member_name (builder, "expiring_soon");
      if (total->expiring_soon < 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, total->expiring_soon);
      json_builder_set_member_name (builder, "next_expiry");
      if (total->next_expiry == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, total->next_expiry);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_session_response_from_json:
 * @node: the answer to POST /v1/sessions `{token, expires_at, account}`
 * @out_token: (out) (optional): the bearer token
 * @out_expires_at: (out) (optional): when the token expires
 * @out_account: (out) (optional): the account signed in to
 * @error: return location for a #GError
 *
 * Returns: whether the answer is valid; the out values are set only then.
 */
gboolean
chq_session_response_from_json (JsonNode    *node,
                                char       **out_token,
                                GDateTime  **out_expires_at,
                                ChqAccount **out_account,
                                GError     **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *token = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autoptr(GObject) account = NULL;
  JsonNode *member;
  gsize mark;

  token = dup_string_member (node, "token", 1, CHQ_JSON_MAX_TOKEN, NULL, path, error);
  if (token == NULL)
    return FALSE;

  member = get_member (node, "expires_at", FALSE, path, error);
  if (member == NULL)
    return FALSE;
  if (!_chq_json_node_is_string (member))
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, "expires_at");
  expires_at = _chq_json_parse_date_time (json_node_get_string (member));
  if (expires_at == NULL)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "expires_at");

  member = get_member (node, "account", FALSE, path, error);
  if (member == NULL)
    return FALSE;
  mark = _chq_json_path_push (path, "account");
  account = _chq_json_model_from_json_at (CHQ_TYPE_ACCOUNT, member, path, error);
  _chq_json_path_pop (path, mark);
  if (account == NULL)
    return FALSE;

  if (out_token != NULL)
    *out_token = g_steal_pointer (&token);
  if (out_expires_at != NULL)
    *out_expires_at = g_steal_pointer (&expires_at);
  if (out_account != NULL)
    *out_account = CHQ_ACCOUNT (g_steal_pointer (&account));

  return TRUE;
}

/**
 * chq_session_response_to_json:
 * @token: the bearer token
 * @expires_at: when it expires
 * @account: the account
 *
 * Returns: (transfer full): `{token, expires_at, account}`.
 */
JsonNode *
chq_session_response_to_json (const char *token,
                              GDateTime  *expires_at,
                              ChqAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *expires_text = NULL;

  g_return_val_if_fail (token != NULL, NULL);
  g_return_val_if_fail (expires_at != NULL, NULL);
  g_return_val_if_fail (CHQ_IS_ACCOUNT (account), NULL);

  expires_text = chq_json_format_date_time (expires_at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires_text);
  json_builder_set_member_name (builder, "account");
  json_builder_add_value (builder, chq_account_to_json (account));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Requests */

/**
 * chq_session_request_to_json:
 * @enterprise_number: the enterprise number, as the user typed it or normalised
 * @password: the password
 *
 * Returns: (transfer full): `{enterprise_number, password}`.
 */
JsonNode *
chq_session_request_to_json (const char *enterprise_number,
                             const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (enterprise_number != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enterprise_number");
  json_builder_add_string_value (builder, enterprise_number);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_session_request_from_json:
 * @node: a sign-in request
 * @out_enterprise_number: (out) (optional): the enterprise number as sent (up to 32
 *   characters; the server normalises and checks it)
 * @out_password: (out) (optional): the password
 * @error: return location for a #GError
 *
 * Returns: whether the request is well-formed.
 */
gboolean
chq_session_request_from_json (JsonNode  *node,
                               char     **out_enterprise_number,
                               char     **out_password,
                               GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *number = NULL;
  g_autofree char *password = NULL;

  number = dup_string_member (node, "enterprise_number", 1, 32, NULL, path, error);
  if (number == NULL)
    return FALSE;
  password = dup_string_member (node, "password", 1, CHQ_JSON_MAX_PASSWORD, NULL, path, error);
  if (password == NULL)
    return FALSE;

  if (out_enterprise_number != NULL)
    *out_enterprise_number = g_steal_pointer (&number);
  if (out_password != NULL)
    *out_password = g_steal_pointer (&password);

  return TRUE;
}

/**
 * chq_order_request_to_json:
 * @voucher_type: the voucher type to order
 * @quantity: how many vouchers
 *
 * Returns: (transfer full): `{voucher_type, quantity}`.
 */
JsonNode *
chq_order_request_to_json (ChqVoucherType voucher_type,
                           guint          quantity)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "voucher_type");
  json_builder_add_string_value (builder, chq_voucher_type_to_string (voucher_type));
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, quantity);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_order_request_from_json:
 * @node: an order request
 * @out_voucher_type: (out) (optional): the voucher type
 * @out_quantity: (out) (optional): the quantity, at least 1 (the ceiling is the
 *   server's business)
 * @error: return location for a #GError
 *
 * Returns: whether the request is well-formed.
 */
gboolean
chq_order_request_from_json (JsonNode        *node,
                             ChqVoucherType  *out_voucher_type,
                             guint           *out_quantity,
                             GError         **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *word = NULL;
  ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
  JsonNode *member;
  gint64 quantity = 0;
  gsize mark;

  word = dup_string_member (node, "voucher_type", 1, CHQ_JSON_MAX_WORD, NULL, path, error);
  if (word == NULL)
    return FALSE;
  if (!chq_voucher_type_from_string (word, &type))
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "voucher_type");

  member = get_member (node, "quantity", FALSE, path, error);
  if (member == NULL)
    return FALSE;
  mark = _chq_json_path_push (path, "quantity");
  if (!_chq_json_read_integer (member, 1, CHQ_JSON_MAX_COUNT, &quantity, path, error))
    return FALSE;
  _chq_json_path_pop (path, mark);

  if (out_voucher_type != NULL)
    *out_voucher_type = type;
  if (out_quantity != NULL)
    *out_quantity = (guint) quantity;

  return TRUE;
}

/**
 * chq_worker_request_to_json:
 * @worker: a worker as a form edited it
 *
 * Returns: (transfer full): `{first_name, last_name, status, niss, email}` (niss and email
 *   null when unset).
 */
JsonNode *
chq_worker_request_to_json (ChqWorker *worker)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  ChqJsonWriter writer;

  g_return_val_if_fail (CHQ_IS_WORKER (worker), NULL);

  _chq_json_writer_init_builder (&writer, builder);
  _chq_json_writer_begin_object (&writer);
  _chq_json_write_members (G_OBJECT (worker), &writer, _chq_json_worker_request_fields);
  _chq_json_writer_end_object (&writer);

  return json_builder_get_root (builder);
}

/**
 * chq_worker_request_from_json:
 * @node: a worker request (POST /v1/workers, PUT /v1/workers/{id})
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a worker with the editable fields set (no id), or %NULL with
 *   @error set.
 */
ChqWorker *
chq_worker_request_from_json (JsonNode  *node,
                              GError   **error)
{
  static const ChqJsonModel request_model = {
    chq_worker_get_type, _chq_json_worker_request_fields, NULL
  };
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(ChqWorker) worker = chq_worker_new ();

  if (!_chq_json_read_model_node (G_OBJECT (worker), node, &request_model, path, error))
    return NULL;

  return g_steal_pointer (&worker);
}

/**
 * chq_enrolment_request_to_json:
 * @worker_id: the worker to book
 * @course_id: the course
 * @session_id: the session of that course
 *
 * Returns: (transfer full): `{worker_id, course_id, session_id}`.
 */
JsonNode *
chq_enrolment_request_to_json (const char *worker_id,
                               const char *course_id,
                               const char *session_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (worker_id != NULL && course_id != NULL && session_id != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "worker_id");
  json_builder_add_string_value (builder, worker_id);
  json_builder_set_member_name (builder, "course_id");
  json_builder_add_string_value (builder, course_id);
  json_builder_set_member_name (builder, "session_id");
  json_builder_add_string_value (builder, session_id);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_enrolment_request_from_json:
 * @node: a booking request
 * @out_worker_id: (out) (optional): the worker id
 * @out_course_id: (out) (optional): the course id
 * @out_session_id: (out) (optional): the session id
 * @error: return location for a #GError
 *
 * Returns: whether the request is well-formed (whether the ids exist is the server's
 *   business).
 */
gboolean
chq_enrolment_request_from_json (JsonNode  *node,
                                 char     **out_worker_id,
                                 char     **out_course_id,
                                 char     **out_session_id,
                                 GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  g_autofree char *worker_id = NULL;
  g_autofree char *course_id = NULL;
  g_autofree char *session_id = NULL;

  worker_id = dup_string_member (node, "worker_id", 1, CHQ_JSON_MAX_ID, _chq_json_check_id,
                                 path, error);
  if (worker_id == NULL)
    return FALSE;
  course_id = dup_string_member (node, "course_id", 1, CHQ_JSON_MAX_ID, _chq_json_check_id,
                                 path, error);
  if (course_id == NULL)
    return FALSE;
  session_id = dup_string_member (node, "session_id", 1, CHQ_JSON_MAX_ID, _chq_json_check_id,
                                  path, error);
  if (session_id == NULL)
    return FALSE;

  if (out_worker_id != NULL)
    *out_worker_id = g_steal_pointer (&worker_id);
  if (out_course_id != NULL)
    *out_course_id = g_steal_pointer (&course_id);
  if (out_session_id != NULL)
    *out_session_id = g_steal_pointer (&session_id);

  return TRUE;
}

/**
 * chq_attendance_request_to_json:
 * @days: (element-type ChqAttendanceDay): the days attended
 *
 * Returns: (transfer full): `{days: [{date, hours}]}`.
 */
JsonNode *
chq_attendance_request_to_json (GArray *days)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  ChqJsonWriter writer;

  g_return_val_if_fail (days != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "days");
  _chq_json_writer_init_builder (&writer, builder);
  _chq_json_write_attendance_days (days, &writer);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * chq_attendance_request_from_json:
 * @node: an attendance request
 * @error: return location for a #GError
 *
 * Reads 1 to 366 days, each a distinct real date with hours from 0 to 24 in steps of 0.5
 * (the daily caps of the scheme are the server's business).
 *
 * Returns: (transfer full) (element-type ChqAttendanceDay): the days, or %NULL with @error
 *   set.
 */
GArray *
chq_attendance_request_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);
  JsonNode *member;
  GArray *days;
  gsize mark;

  member = get_member (node, "days", FALSE, path, error);
  if (member == NULL)
    return NULL;

  mark = _chq_json_path_push (path, "days");
  days = _chq_json_read_attendance_days (member, 1, path, error);
  _chq_json_path_pop (path, mark);

  return days;
}
