/* chq-rules.h: the rules of the voucher scheme (DOMAIN.md) as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_VOUCHER_VALUE_CENTS   3000
#define CHQ_VOUCHER_COMPANY_CENTS 1500
#define CHQ_VOUCHER_REGION_CENTS  1500
#define CHQ_MAX_FTE               250.0

#define CHQ_RULES_ERROR (chq_rules_error_quark ())

typedef enum {
  CHQ_RULES_ERROR_NOT_AN_SME,
  CHQ_RULES_ERROR_INVALID_FTE,
  CHQ_RULES_ERROR_NEGATIVE_HOURS,
  CHQ_RULES_ERROR_OVER_DAILY_CAP,
  CHQ_RULES_ERROR_FUTURE_DAY,
} ChqRulesError;

GQuark     chq_rules_error_quark              (void);

typedef struct {
  guint  quantity;
  gint64 value_cents;    /* quantity x EUR 30 */
  gint64 company_cents;  /* quantity x EUR 15, what the company transfers */
  gint64 region_cents;   /* quantity x EUR 15, what the Region adds */
  guint  training_hours; /* one hour per voucher */
} ChqOrderSplit;

void       chq_rules_order_split              (guint                quantity,
                                               ChqOrderSplit       *out);

/* Whether an account may order at all (SME up to 250 FTE; self-employed always). */
gboolean   chq_rules_account_may_order        (ChqAccountKind       kind,
                                               double               fte,
                                               GError             **error);
/* The yearly ceiling for that kind/FTE/type (DOMAIN.md); 0 if the account may not order. */
guint      chq_rules_ceiling                  (ChqAccountKind       kind,
                                               double               fte,
                                               ChqVoucherType       type);
guint      chq_rules_ceiling_left             (guint                ceiling,
                                               guint                ordered_this_year);

/* Credited in month M of year Y -> valid through the last day of month M-1 of year Y+1
 * (January -> December 31 of year Y). */
void       chq_rules_batch_expiry             (const GDate         *credited_on,
                                               GDate               *out_expires_on);
gboolean   chq_rules_batch_usable_on          (const GDate         *expires_on,
                                               const GDate         *day);

/* Daily hour caps: full day 7, language immersion 10, half day 4, after 17:00 4. */
typedef enum {
  CHQ_DAY_FULL,
  CHQ_DAY_HALF,
  CHQ_DAY_EVENING,
  CHQ_DAY_LANGUAGE_IMMERSION,
} ChqDayKind;

guint      chq_rules_daily_hour_cap           (ChqDayKind           kind);
ChqDayKind chq_rules_day_kind                 (GDateTime           *starts_at,
                                               GDateTime           *ends_at,
                                               ChqVoucherType       type);
gboolean   chq_rules_check_day_hours          (ChqDayKind           kind,
                                               double               hours,
                                               GError             **error);

/* Attendance is recorded for days that have come: today or before. */
gboolean   chq_rules_attendance_day_has_come  (const GDate         *day,
                                               const GDate         *today,
                                               GError             **error);
/* out_reason (may be NULL): a translated sentence when not eligible, NULL otherwise. */
gboolean   chq_rules_worker_status_is_eligible (ChqWorkerStatus     status,
                                               const char         **out_reason);

typedef struct {
  guint  hours;
  guint  vouchers;             /* one per hour */
  gint64 price_cents;          /* the course's price in all */
  gint64 voucher_value_cents;  /* vouchers x EUR 30 */
  gint64 company_voucher_cents; /* vouchers x EUR 15 */
  gint64 region_cents;         /* vouchers x EUR 15 */
  gint64 top_up_cents;         /* price above the vouchers' value, paid to the provider */
  gint64 refund_cents;         /* vouchers' value above the price, refunded */
  gint64 company_total_cents;  /* company_voucher + top_up - refund */
} ChqCourseCost;

void       chq_rules_course_cost              (guint                hours,
                                               gint64               price_cents,
                                               ChqCourseCost       *out);

/* Individual training right: the target training hours for a year. */
double     chq_rules_training_right_hours     (double               days_per_fte,
                                               double               hours_per_day,
                                               double               fte);

G_END_DECLS
