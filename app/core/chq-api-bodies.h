/* chq-api-bodies.h: the documents of the API around the models (docs/api.md): lists, the
 * course feed page, the wallet, the session, and the request bodies; included by
 * chq-json.h, whose error domain (CHQ_CODEC_ERROR) their readers use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "chq-account.h"
#include "chq-enrolment.h"
#include "chq-types.h"
#include "chq-voucher-batch.h"
#include "chq-worker.h"

G_BEGIN_DECLS

/* `{items: [...]}` (GET /v1/orders, /v1/workers, /v1/enrolments): a GPtrArray of new
 * objects of item_type (it frees them). */
GPtrArray        *chq_list_from_json           (JsonNode          *node,
                                                GType              item_type,
                                                GError           **error);
JsonNode         *chq_list_to_json             (GPtrArray         *items);

/* One page of the course delta feed (GET /v1/courses). */
typedef struct {
  GPtrArray *items;    /* owned, of ChqCourse, added or changed */
  JsonArray *items_json; /* owned, nullable: the same items as sent, each one accepted by
                          * the codec (set by chq_courses_page_from_json) */
  gpointer   prepared;   /* owned by prepared_free, nullable: what a client's prepare
                          * function made of the items (chq_client_list_courses_peek_async) */
  GDestroyNotify prepared_free;
  GBytes    *text;     /* owned, nullable: the page's text as received, set by a client for
                        * its prepare function only (chq_client_list_courses_peek_async) */
  GStrv      deleted;  /* owned, ids of courses removed; never NULL */
  char      *next;     /* owned, the cursor to send as `since` next time */
  gboolean   more;     /* whether more changes wait after this page */
} ChqCoursesPage;

ChqCoursesPage   *chq_courses_page_from_json   (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_courses_page_to_json     (ChqCoursesPage    *page);
/* The text chq_json_to_string() prints for chq_courses_page_to_json(), with no nodes. */
char             *chq_courses_page_to_text     (ChqCoursesPage    *page,
                                                gsize             *out_len);
void              chq_courses_page_free        (ChqCoursesPage    *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqCoursesPage, chq_courses_page_free)

/* The wallet (GET /v1/wallet): every batch, and one total per voucher type. */
typedef struct {
  guint  available;      /* unexpired vouchers neither reserved nor used */
  guint  reserved;
  guint  used;
  int    expiring_soon;  /* available vouchers expiring on next_expiry, -1 for null */
  char  *next_expiry;    /* owned, "YYYY-MM-DD" or NULL: earliest expiry with vouchers left */
} ChqWalletTotal;

typedef struct {
  GPtrArray      *batches;                     /* owned, of ChqVoucherBatch */
  ChqWalletTotal  totals[CHQ_N_VOUCHER_TYPES]; /* indexed by ChqVoucherType */
} ChqWallet;

ChqWallet        *chq_wallet_new               (void);
ChqWallet        *chq_wallet_from_json         (JsonNode          *node,
                                                GError           **error);
JsonNode         *chq_wallet_to_json           (ChqWallet         *wallet);
void              chq_wallet_free              (ChqWallet         *wallet);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqWallet, chq_wallet_free)

/* POST /v1/sessions response `{token, expires_at, account}`. */
gboolean          chq_session_response_from_json (JsonNode       *node,
                                                   char          **out_token,
                                                   GDateTime     **out_expires_at,
                                                   ChqAccount    **out_account,
                                                   GError        **error);
JsonNode         *chq_session_response_to_json    (const char     *token,
                                                   GDateTime      *expires_at,
                                                   ChqAccount     *account);

/* Request bodies, built by the client and checked by the server. */
JsonNode         *chq_session_request_to_json     (const char     *enterprise_number,
                                                   const char     *password);
gboolean          chq_session_request_from_json   (JsonNode       *node,
                                                   char          **out_enterprise_number,
                                                   char          **out_password,
                                                   GError        **error);
JsonNode         *chq_order_request_to_json       (ChqVoucherType  voucher_type,
                                                   guint           quantity);
gboolean          chq_order_request_from_json     (JsonNode       *node,
                                                   ChqVoucherType *out_voucher_type,
                                                   guint          *out_quantity,
                                                   GError        **error);
/* The editable fields of a worker: first_name, last_name, status, niss, email. */
JsonNode         *chq_worker_request_to_json      (ChqWorker      *worker);
ChqWorker        *chq_worker_request_from_json    (JsonNode       *node,
                                                   GError        **error);
JsonNode         *chq_enrolment_request_to_json   (const char     *worker_id,
                                                   const char     *course_id,
                                                   const char     *session_id);
gboolean          chq_enrolment_request_from_json (JsonNode       *node,
                                                   char          **out_worker_id,
                                                   char          **out_course_id,
                                                   char          **out_session_id,
                                                   GError        **error);
/* days: a GArray of ChqAttendanceDay. */
JsonNode         *chq_attendance_request_to_json  (GArray         *days);
GArray           *chq_attendance_request_from_json (JsonNode      *node,
                                                    GError       **error);

G_END_DECLS
