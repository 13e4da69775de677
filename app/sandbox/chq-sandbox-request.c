/* chq-sandbox-request.c: reading a request: path segments, query, body members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A body getter that finds its member wrong answers 400 `invalid_field` itself, so a handler
 * only returns when it gets FALSE.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-sandbox-private.h"

/**
 * _chq_sandbox_request_segment:
 * @req: the request
 * @index: a segment of the path, 1 being "v1"
 *
 * Returns: (transfer none): the segment (the route guarantees it exists)
 */
const char *
_chq_sandbox_request_segment (ChqSandboxRequest *req,
                              guint              index)
{
  return req->segments[index];
}

/**
 * _chq_sandbox_request_query:
 * @req: the request
 * @name: a query parameter
 *
 * Returns: (transfer none) (nullable): its decoded value
 */
const char *
_chq_sandbox_request_query (ChqSandboxRequest *req,
                            const char        *name)
{
  return req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
}

/**
 * _chq_sandbox_request_member:
 * @req: a request with a JSON object body
 * @name: a member
 *
 * Returns: (transfer none) (nullable): the member
 */
JsonNode *
_chq_sandbox_request_member (ChqSandboxRequest *req,
                             const char        *name)
{
  return json_object_get_member (json_node_get_object (req->body), name);
}

gboolean
_chq_sandbox_node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
_chq_sandbox_node_is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

gboolean
_chq_sandbox_node_is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/**
 * _chq_sandbox_request_string:
 * @req: a request with a JSON object body
 * @name: a required text member
 * @out_value: (out) (transfer none): its text
 *
 * Returns: %FALSE (answered 400) when the member is missing or not text
 */
gboolean
_chq_sandbox_request_string (ChqSandboxRequest  *req,
                             const char         *name,
                             const char        **out_value)
{
  JsonNode *node = _chq_sandbox_request_member (req, name);

  if (!_chq_sandbox_node_is_string (node))
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

/**
 * _chq_sandbox_request_optional_string:
 * @req: a request with a JSON object body
 * @name: an optional text member
 * @out_value: (out) (transfer none) (nullable): its text; %NULL when absent or null
 *
 * Returns: %FALSE (answered 400) when the member is neither text nor null
 */
gboolean
_chq_sandbox_request_optional_string (ChqSandboxRequest  *req,
                                      const char         *name,
                                      const char        **out_value)
{
  JsonNode *node = _chq_sandbox_request_member (req, name);

  *out_value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!_chq_sandbox_node_is_string (node))
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
