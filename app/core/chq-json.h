/* chq-json.h: the JSON codec of the regional API (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "chq-account.h"
#include "chq-api-bodies.h"
#include "chq-course.h"
#include "chq-course-session.h"
#include "chq-enrolment.h"
#include "chq-location.h"
#include "chq-order.h"
#include "chq-problem.h"
#include "chq-types.h"
#include "chq-voucher-batch.h"
#include "chq-worker.h"

G_BEGIN_DECLS

/* Parsing is strict: a required member missing, a wrong JSON type, a negative amount, an
 * over-long string, a malformed date or an unknown enum word fails with a CHQ_CODEC_ERROR
 * that names the member by its path (`sessions[1].starts_at`), readable with
 * chq_codec_error_get_field(). Unknown extra members are ignored. */
#define CHQ_CODEC_ERROR (chq_codec_error_quark ())

typedef enum {
  CHQ_CODEC_ERROR_MISSING_FIELD,
  CHQ_CODEC_ERROR_WRONG_TYPE,
  CHQ_CODEC_ERROR_INVALID_VALUE,
  CHQ_CODEC_ERROR_TOO_LONG,
  CHQ_CODEC_ERROR_NOT_JSON,
} ChqCodecError;

GQuark      chq_codec_error_quark     (void);
/* The path of the member at fault ("items[3].sessions[0].city"), or NULL (NOT_JSON, or
 * an error of another domain). */
const char *chq_codec_error_get_field (const GError *error);

/* How long the service keeps an Idempotency-Key and its answer, counted on the service's
 * clock from the first request that carried it (docs/api.md, Idempotency). A request sent
 * again with the same key after that may be applied a second time. */
#define CHQ_API_IDEMPOTENCY_DAYS  30

/* Limits, in characters (Unicode code points), documented in docs/api.md. */
#define CHQ_JSON_MAX_ID           64
#define CHQ_JSON_MAX_TITLE        300
#define CHQ_JSON_MAX_SUMMARY      2000
#define CHQ_JSON_MAX_DESCRIPTION  20000
#define CHQ_JSON_MAX_NAME         200
#define CHQ_JSON_MAX_EMAIL        254
#define CHQ_JSON_MAX_CITY         100
#define CHQ_JSON_MAX_WORD         64   /* enum-like words: themes, codes, approval numbers */
#define CHQ_JSON_MAX_TOKEN        512
#define CHQ_JSON_MAX_CURSOR       256
#define CHQ_JSON_MAX_PASSWORD     256
#define CHQ_JSON_MAX_TEXT         2000 /* problem title and detail, problem type URI */
#define CHQ_JSON_MAX_DEPTH        32   /* nesting of arrays and objects */
#define CHQ_JSON_MAX_BYTES        (64 * 1024 * 1024)

/* Parses a JSON document, checked first by chq_json_check() (strict RFC 8259, UTF-8, at
 * most CHQ_JSON_MAX_DEPTH levels of nesting, exactly one document): CHQ_CODEC_ERROR_NOT_JSON;
 * a string with \u0000 or an unpaired surrogate, or an integer past 64 bits:
 * INVALID_VALUE naming the member; over max_bytes (0 means CHQ_JSON_MAX_BYTES): TOO_LONG. */
JsonNode *chq_json_parse            (const char  *data,
                                     gsize        len,
                                     gsize        max_bytes,
                                     GError     **error);
/* The top-level `next` and `more` of a course feed page, read from its text without
 * parsing it: a hint, the page may still be refused when parsed. FALSE when not found. */
gboolean  chq_json_peek_feed_cursor (const char  *data,
                                     gsize        len,
                                     char       **out_next,
                                     gboolean    *out_more);
/* Where an item lies in a page's text: bytes offset .. offset + length. */
typedef struct {
  gsize offset;
  gsize length;
} ChqJsonSpan;

/* Where each element of the top-level `items` of a course feed page lies in its text
 * (out_spans has room for n_items, the count the parser found). Strict: FALSE on
 * anything unusual (not plain JSON, `items` twice, another count, an item not an
 * object, trailing text), and the caller then generates the items' text instead. */
gboolean  chq_json_find_feed_items  (const char  *data,
                                     gsize        len,
                                     guint        n_items,
                                     ChqJsonSpan *out_spans);
/* Compact UTF-8 text of a node (NUL-terminated; out_len may be NULL). */
char     *chq_json_to_string        (JsonNode    *node,
                                     gsize       *out_len);

/* Models <-> JSON. from_json returns a new object or NULL with @error set; to_json a new
 * node holding every member of the contract (nullable ones as null). */
ChqAccount       *chq_account_from_json        (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_account_to_json          (ChqAccount        *self);
ChqCourse        *chq_course_from_json         (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_course_to_json           (ChqCourse         *self);
ChqCourseSession *chq_course_session_from_json (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_course_session_to_json   (ChqCourseSession  *self);
ChqLocation      *chq_location_from_json       (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_location_to_json         (ChqLocation       *self);
ChqOrder         *chq_order_from_json          (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_order_to_json            (ChqOrder          *self);
ChqVoucherBatch  *chq_voucher_batch_from_json  (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_voucher_batch_to_json    (ChqVoucherBatch   *self);
ChqWorker        *chq_worker_from_json         (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_worker_to_json           (ChqWorker         *self);
ChqEnrolment     *chq_enrolment_from_json      (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_enrolment_to_json        (ChqEnrolment      *self);
ChqProblem       *chq_problem_from_json        (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_problem_to_json          (ChqProblem        *self);

/* Any of the types above by GType (CHQ_TYPE_COURSE, ...). */
GObject          *chq_model_from_json          (GType              type,
                                                JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_model_to_json            (GObject           *model);
/* The text chq_json_to_string() prints for chq_model_to_json(), with no nodes made. */
char             *chq_model_to_text            (GObject           *model,
                                                gsize             *out_len);

/* Checks used by the codec, public for forms and the server. */
gboolean          chq_json_is_valid_date          (const char     *text);
gboolean          chq_json_is_valid_date_time     (const char     *text);
char             *chq_json_format_date_time       (GDateTime      *date_time);

G_END_DECLS
