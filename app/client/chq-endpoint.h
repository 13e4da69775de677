/* chq-endpoint.h: the table of the endpoints of the regional API (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every call the client makes, one row of the table each. */
typedef enum {
  CHQ_ENDPOINT_SIGN_IN,
  CHQ_ENDPOINT_GET_ACCOUNT,
  CHQ_ENDPOINT_LIST_COURSES,
  CHQ_ENDPOINT_GET_COURSE,
  CHQ_ENDPOINT_LIST_ORDERS,
  CHQ_ENDPOINT_CREATE_ORDER,
  CHQ_ENDPOINT_CANCEL_ORDER,
  CHQ_ENDPOINT_SANDBOX_PAY_ORDER,
  CHQ_ENDPOINT_GET_WALLET,
  CHQ_ENDPOINT_LIST_WORKERS,
  CHQ_ENDPOINT_CREATE_WORKER,
  CHQ_ENDPOINT_UPDATE_WORKER,
  CHQ_ENDPOINT_ARCHIVE_WORKER,
  CHQ_ENDPOINT_LIST_ENROLMENTS,
  CHQ_ENDPOINT_CREATE_ENROLMENT,
  CHQ_ENDPOINT_CANCEL_ENROLMENT,
  CHQ_ENDPOINT_RECORD_ATTENDANCE,
} ChqEndpointId;
#define CHQ_N_ENDPOINTS 17

/* Whether a call carries an Idempotency-Key (docs/api.md, Idempotency). A write is retried
 * only with one. */
typedef enum {
  CHQ_ENDPOINT_KEY_NONE,      /* reads */
  CHQ_ENDPOINT_KEY_ACCEPTED,  /* writes: sent when the caller has one */
  CHQ_ENDPOINT_KEY_REQUIRED,  /* the service refuses the call without one */
} ChqEndpointKey;

/* The documents of the codec (chq-json.h, chq-api-bodies.h) a call sends or answers. */
typedef enum {
  CHQ_BODY_NONE,
  CHQ_BODY_MODEL,              /* one object of the endpoint's model type */
  CHQ_BODY_LIST,               /* `{items: [...]}` of the model type: a GPtrArray */
  CHQ_BODY_COURSES_PAGE,       /* a ChqCoursesPage */
  CHQ_BODY_WALLET,             /* a ChqWallet */
  CHQ_BODY_SESSION_REQUEST,    /* chq_session_request_to_json() */
  CHQ_BODY_SESSION_RESPONSE,   /* chq_session_response_from_json() */
  CHQ_BODY_ORDER_REQUEST,      /* chq_order_request_to_json() */
  CHQ_BODY_WORKER_REQUEST,     /* chq_worker_request_to_json() */
  CHQ_BODY_ENROLMENT_REQUEST,  /* chq_enrolment_request_to_json() */
  CHQ_BODY_ATTENDANCE_REQUEST, /* chq_attendance_request_to_json() */
} ChqBodyKind;

typedef struct {
  ChqEndpointId   id;
  const char     *method;       /* "GET", "POST", "PUT" or "DELETE" */
  const char     *path;         /* template: "/v1/orders/{id}/cancel" */
  ChqEndpointKey  key;
  ChqBodyKind     request;      /* what the call sends */
  ChqBodyKind     answer;       /* what it answers */
  GType         (*model_type) (void); /* MODEL and LIST answers: the model */
} ChqEndpoint;

const ChqEndpoint *chq_endpoint_get        (ChqEndpointId      id);
gboolean           chq_endpoint_takes_id   (const ChqEndpoint *endpoint);
char              *chq_endpoint_build_path (const ChqEndpoint *endpoint,
                                            const char        *id);

G_END_DECLS
