/* chq-vouchers-logic.h: what the Vouchers page computes, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chq-enrolment.h"
#include "chq-json.h"
#include "chq-order.h"
#include "chq-types.h"
#include "chq-voucher-batch.h"

G_BEGIN_DECLS

/* An order as the history shows it: an outbox entry not sent yet (waiting), one the service
 * refused, or an order the service has, possibly with a cancellation waiting to be sent. */
typedef enum {
  CHQ_ORDER_STATE_WAITING,
  CHQ_ORDER_STATE_REFUSED,
  CHQ_ORDER_STATE_AWAITING_PAYMENT,
  CHQ_ORDER_STATE_CANCELLING,
  CHQ_ORDER_STATE_CREDITED,
  CHQ_ORDER_STATE_CANCELLED,
} ChqOrderState;

/* "YYYY-MM-DD" -> GDate; FALSE for anything else (out is then cleared). */
gboolean       chq_vouchers_parse_date            (const char          *iso_date,
                                                   GDate               *out);
/* The date in the user's locale ("%x"); an unparsable text is returned as it is. */
char          *chq_vouchers_format_date           (const char          *iso_date);
char          *chq_vouchers_format_date_time      (GDateTime           *when);

/* The most one more order of a type may hold: what the ceiling leaves this year minus what
 * waits in the outbox (which the service does not count yet). */
guint          chq_vouchers_order_max             (guint                ceiling,
                                                   guint                ordered_this_year,
                                                   guint                waiting);
/* Whether @quantity may be ordered; if not, @out_message (may be NULL) says why. At the
 * bound itself the order is allowed and @out_message says that this is all that is left. */
gboolean       chq_vouchers_check_quantity        (guint                ceiling,
                                                   guint                ordered_this_year,
                                                   guint                waiting,
                                                   guint                quantity,
                                                   char               **out_message);

/* What the year's ceiling of a type still leaves, always shown by the order dialog. */
char          *chq_vouchers_ceiling_left_text     (guint                ceiling,
                                                   guint                ordered_this_year,
                                                   guint                waiting);

/* The level bar: ordered (paid or awaiting payment) against the ceiling, 0 to 1. */
double         chq_vouchers_ceiling_fraction      (guint                ceiling,
                                                   guint                ordered_this_year);
/* "120 of 400 ordered this year, 280 left" (and the waiting ones, if any). */
char          *chq_vouchers_ceiling_text          (guint                ceiling,
                                                   guint                ordered_this_year,
                                                   guint                waiting);

/* Whether a day lies within @days of @today (today and the last day included). */
gboolean       chq_vouchers_date_is_within        (const GDate         *date,
                                                   const GDate         *today,
                                                   guint                days);
/* A batch with vouchers left (available or reserved) that expires within the warning
 * period and has not expired. */
gboolean       chq_vouchers_batch_is_expiring     (ChqVoucherBatch     *batch,
                                                   const GDate         *today,
                                                   guint                warning_days);
gboolean       chq_vouchers_batch_is_expired      (ChqVoucherBatch     *batch,
                                                   const GDate         *today);
/* Available vouchers of @type (every type if @type < 0) expiring within the warning period,
 * and the earliest of their expiry dates ("YYYY-MM-DD", NULL when none). */
guint          chq_vouchers_count_expiring        (GPtrArray           *batches,
                                                   int                  type,
                                                   const GDate         *today,
                                                   guint                warning_days,
                                                   char               **out_earliest);
/* The expiring batches not yet in @notified (ids), oldest expiry first. */
GStrv          chq_vouchers_batches_to_notify     (GPtrArray           *batches,
                                                   const GDate         *today,
                                                   guint                warning_days,
                                                   const char * const  *notified);
/* @notified without the ids of batches that are gone, plus @added. */
GStrv          chq_vouchers_merge_notified        (GPtrArray           *batches,
                                                   const char * const  *notified,
                                                   const char * const  *added);

/* The orders of @orders now credited that @previous (order id -> GINT_TO_POINTER of the
 * ChqOrderStatus they had at the last look) knew as awaiting payment. */
GPtrArray     *chq_vouchers_newly_credited        (GHashTable          *previous,
                                                   GPtrArray           *orders);

/* Whether the page shows a type: the account may order it or holds some. */
gboolean       chq_vouchers_type_is_shown         (guint                ceiling,
                                                   const ChqWalletTotal *total);

/* The vouchers of @type used this calendar @year: the vouchers_used of the attended
 * enrolments (ChqEnrolment) whose session started in @year. */
guint          chq_vouchers_used_in_year          (GPtrArray           *enrolments,
                                                   ChqVoucherType       type,
                                                   int                  year);

ChqOrderState  chq_vouchers_order_state           (ChqOrderStatus       status,
                                                   gboolean             cancel_waiting);
/* The status as the history says it; @reason is the service's, for a refused order. */
char          *chq_vouchers_order_state_text      (ChqOrderState        state,
                                                   const char          *reason);
gboolean       chq_vouchers_order_state_can_cancel (ChqOrderState       state);

/* Batches with vouchers left first, soonest expiry first; then the spent ones, newest
 * first (a GCompareDataFunc of ChqVoucherBatch). */
int            chq_vouchers_compare_batches       (gconstpointer        a,
                                                   gconstpointer        b,
                                                   gpointer             user_data);

G_END_DECLS
