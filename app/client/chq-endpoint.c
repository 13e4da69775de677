/* chq-endpoint.c: the table of the endpoints of the regional API (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-client"

#include "config.h"

#include <string.h>

#include "chq-account.h"
#include "chq-course.h"
#include "chq-endpoint.h"
#include "chq-enrolment.h"
#include "chq-order.h"
#include "chq-worker.h"

#define ID_SLOT "{id}"

/* One row per endpoint, in the order of ChqEndpointId. The method, the path, the key and
 * the documents of each call are written here and nowhere else. */
static const ChqEndpoint endpoints[CHQ_N_ENDPOINTS] = {
  { CHQ_ENDPOINT_SIGN_IN, "POST", "/v1/sessions", CHQ_ENDPOINT_KEY_ACCEPTED,
    CHQ_BODY_SESSION_REQUEST, CHQ_BODY_SESSION_RESPONSE, NULL },
  { CHQ_ENDPOINT_GET_ACCOUNT, "GET", "/v1/account", CHQ_ENDPOINT_KEY_NONE,
    CHQ_BODY_NONE, CHQ_BODY_MODEL, chq_account_get_type },
  { CHQ_ENDPOINT_LIST_COURSES, "GET", "/v1/courses", CHQ_ENDPOINT_KEY_NONE,
    CHQ_BODY_NONE, CHQ_BODY_COURSES_PAGE, chq_course_get_type },
  { CHQ_ENDPOINT_GET_COURSE, "GET", "/v1/courses/" ID_SLOT, CHQ_ENDPOINT_KEY_NONE,
    CHQ_BODY_NONE, CHQ_BODY_MODEL, chq_course_get_type },
  { CHQ_ENDPOINT_LIST_ORDERS, "GET", "/v1/orders", CHQ_ENDPOINT_KEY_NONE,
    CHQ_BODY_NONE, CHQ_BODY_LIST, chq_order_get_type },
  { CHQ_ENDPOINT_CREATE_ORDER, "POST", "/v1/orders", CHQ_ENDPOINT_KEY_REQUIRED,
    CHQ_BODY_ORDER_REQUEST, CHQ_BODY_MODEL, chq_order_get_type },
  { CHQ_ENDPOINT_CANCEL_ORDER, "POST", "/v1/orders/" ID_SLOT "/cancel",
    CHQ_ENDPOINT_KEY_ACCEPTED, CHQ_BODY_NONE, CHQ_BODY_MODEL, chq_order_get_type },
  { CHQ_ENDPOINT_SANDBOX_PAY_ORDER, "POST", "/v1/sandbox/orders/" ID_SLOT "/pay",
    CHQ_ENDPOINT_KEY_ACCEPTED, CHQ_BODY_NONE, CHQ_BODY_MODEL, chq_order_get_type },
  { CHQ_ENDPOINT_GET_WALLET, "GET", "/v1/wallet", CHQ_ENDPOINT_KEY_NONE,
    CHQ_BODY_NONE, CHQ_BODY_WALLET, NULL },
  { CHQ_ENDPOINT_LIST_WORKERS, "GET", "/v1/workers", CHQ_ENDPOINT_KEY_NONE,
    CHQ_BODY_NONE, CHQ_BODY_LIST, chq_worker_get_type },
  { CHQ_ENDPOINT_CREATE_WORKER, "POST", "/v1/workers", CHQ_ENDPOINT_KEY_ACCEPTED,
    CHQ_BODY_WORKER_REQUEST, CHQ_BODY_MODEL, chq_worker_get_type },
  { CHQ_ENDPOINT_UPDATE_WORKER, "PUT", "/v1/workers/" ID_SLOT, CHQ_ENDPOINT_KEY_ACCEPTED,
    CHQ_BODY_WORKER_REQUEST, CHQ_BODY_MODEL, chq_worker_get_type },
  { CHQ_ENDPOINT_ARCHIVE_WORKER, "DELETE", "/v1/workers/" ID_SLOT, CHQ_ENDPOINT_KEY_ACCEPTED,
    CHQ_BODY_NONE, CHQ_BODY_MODEL, chq_worker_get_type },
  { CHQ_ENDPOINT_LIST_ENROLMENTS, "GET", "/v1/enrolments", CHQ_ENDPOINT_KEY_NONE,
    CHQ_BODY_NONE, CHQ_BODY_LIST, chq_enrolment_get_type },
  { CHQ_ENDPOINT_CREATE_ENROLMENT, "POST", "/v1/enrolments", CHQ_ENDPOINT_KEY_REQUIRED,
    CHQ_BODY_ENROLMENT_REQUEST, CHQ_BODY_MODEL, chq_enrolment_get_type },
  { CHQ_ENDPOINT_CANCEL_ENROLMENT, "POST", "/v1/enrolments/" ID_SLOT "/cancel",
    CHQ_ENDPOINT_KEY_ACCEPTED, CHQ_BODY_NONE, CHQ_BODY_MODEL, chq_enrolment_get_type },
  { CHQ_ENDPOINT_RECORD_ATTENDANCE, "POST", "/v1/enrolments/" ID_SLOT "/attendance",
    CHQ_ENDPOINT_KEY_ACCEPTED, CHQ_BODY_ATTENDANCE_REQUEST, CHQ_BODY_MODEL,
    chq_enrolment_get_type },
};

/**
 * chq_endpoint_get:
 * @id: an endpoint
 *
 * Returns: (transfer none): the row of the table for @id
 */
const ChqEndpoint *
chq_endpoint_get (ChqEndpointId id)
{
  g_return_val_if_fail ((guint) id < CHQ_N_ENDPOINTS, NULL);
  g_assert (endpoints[id].id == id);

  return &endpoints[id];
}

/**
 * chq_endpoint_takes_id:
 * @endpoint: a row of the table
 *
 * Returns: whether the path of @endpoint names the order, worker, course or enrolment
 *   it acts on (`{id}` in its template)
 */
gboolean
chq_endpoint_takes_id (const ChqEndpoint *endpoint)
{
  g_return_val_if_fail (endpoint != NULL, FALSE);

  return strstr (endpoint->path, ID_SLOT) != NULL;
}

/**
 * chq_endpoint_build_path:
 * @endpoint: a row of the table
 * @id: (nullable): what the call acts on, for a template with `{id}` (ignored otherwise)
 *
 * Fills the path template of @endpoint with @id, escaped as one path segment.
 *
 * Returns: (transfer full) (nullable): the path, or %NULL when the template needs an id
 *   and @id is %NULL or empty
 */
char *
chq_endpoint_build_path (const ChqEndpoint *endpoint,
                         const char        *id)
{
  g_autofree char *escaped = NULL;
  const char *slot;

  g_return_val_if_fail (endpoint != NULL, NULL);

  slot = strstr (endpoint->path, ID_SLOT);
  if (slot == NULL)
    return g_strdup (endpoint->path);
  if (id == NULL || id[0] == '\0')
    return NULL;

  escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strdup_printf ("%.*s%s%s", (int) (slot - endpoint->path), endpoint->path, escaped,
                          slot + strlen (ID_SLOT));
}
