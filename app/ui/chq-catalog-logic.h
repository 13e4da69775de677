/* chq-catalog-logic.h: what the Catalogue page computes, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chq-course-query.h"
#include "chq-json.h"
#include "chq-outbox-entry.h"
#include "chq-types.h"

G_BEGIN_DECLS

/* The filters of a catalogue query, each shown as a chip that can be cleared. */
typedef enum {
  CHQ_CATALOG_FILTER_AI_ONLY,
  CHQ_CATALOG_FILTER_THEME,
  CHQ_CATALOG_FILTER_FORMAT,
  CHQ_CATALOG_FILTER_LANGUAGE,
  CHQ_CATALOG_FILTER_PROVINCE,
  CHQ_CATALOG_FILTER_VOUCHER_TYPE,
  CHQ_CATALOG_FILTER_MAX_HOURS,
  CHQ_CATALOG_FILTER_WITHIN_WEEKS,
} ChqCatalogFilter;
#define CHQ_N_CATALOG_FILTERS 8

/* The filters and sort as the GSettings key "catalogue-filters" (a{sv}) holds them. */
GVariant   *chq_catalog_query_to_variant     (const ChqCourseQuery *query);
void        chq_catalog_query_apply_variant  (ChqCourseQuery       *query,
                                              GVariant             *dict);

gboolean    chq_catalog_filter_is_active     (const ChqCourseQuery *query,
                                              ChqCatalogFilter      filter);
void        chq_catalog_filter_clear         (ChqCourseQuery       *query,
                                              ChqCatalogFilter      filter);
char       *chq_catalog_filter_describe      (const ChqCourseQuery *query,
                                              ChqCatalogFilter      filter);
const char *chq_catalog_filter_to_string     (ChqCatalogFilter      filter);
gboolean    chq_catalog_filter_from_string   (const char           *word,
                                              ChqCatalogFilter     *out_filter);
guint       chq_catalog_count_active_filters (const ChqCourseQuery *query);
void        chq_catalog_clear_all_filters    (ChqCourseQuery       *query);

const char *chq_catalog_sort_to_string       (ChqCourseSort         sort);
gboolean    chq_catalog_sort_from_string     (const char           *word,
                                              ChqCourseSort        *out_sort);
const char *chq_catalog_language_get_label   (const char           *code);

char       *chq_catalog_result_label         (guint                 n_results,
                                              gboolean              loading);
char       *chq_catalog_format_hours         (guint                 hours,
                                              ChqVoucherType        voucher_type);
char       *chq_catalog_format_next_session  (GDateTime            *starts_at,
                                              const char           *city);
char       *chq_catalog_format_session       (GDateTime            *starts_at,
                                              GDateTime            *ends_at,
                                              const char           *city,
                                              guint                 seats_left);

/* What booking one worker on one session does to the wallet. */
typedef struct {
  guint    needed;            /* vouchers the course needs: one per hour */
  guint    available;         /* usable today, of the course's type */
  guint    available_after;   /* what stays available once these are reserved */
  gboolean enough;
  guint    expiring_before;   /* of the vouchers reserved, how many expire before the session */
  char    *first_expiry;      /* owned, nullable: "YYYY-MM-DD", the soonest such expiry */
} ChqBookingCheck;

void        chq_booking_check                (ChqWallet            *wallet,
                                              ChqVoucherType        voucher_type,
                                              guint                 hours,
                                              const char           *today,
                                              const char           *session_day,
                                              ChqBookingCheck      *out);
void        chq_booking_check_clear          (ChqBookingCheck      *check);

/* What a booking's outbox entry says to a person: "Waiting to be sent", "Booked, usage
 * code …", "Refused: …". */
char       *chq_catalog_booking_state_text   (ChqOutboxState        state,
                                              const char           *usage_code,
                                              const char           *error_message);

/* A booking the company has, made or on its way: who, on which session, and whether it was
 * cancelled (or refused by the service). */
typedef struct {
  const char *worker_id;
  const char *session_id;
  const char *enrolment_id;  /* the service's id once known, or NULL */
  gboolean    cancelled;
} ChqBookedSeat;

gboolean    chq_catalog_booking_is_duplicate (const ChqBookedSeat  *seats,
                                              guint                 n_seats,
                                              const char           *worker_id,
                                              const char           *session_id);

G_END_DECLS
