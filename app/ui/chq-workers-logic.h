/* chq-workers-logic.h: what the Workers page computes, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chq-outbox-entry.h"
#include "chq-rules.h"
#include "chq-types.h"
#include "chq-value.h"

G_BEGIN_DECLS

/* The fields of the worker form, in the order they are checked and shown. */
typedef enum {
  CHQ_WORKER_FIELD_NONE,
  CHQ_WORKER_FIELD_FIRST_NAME,
  CHQ_WORKER_FIELD_LAST_NAME,
  CHQ_WORKER_FIELD_NISS,
  CHQ_WORKER_FIELD_EMAIL,
} ChqWorkerField;

/* Longest name the service takes, in characters. */
#define CHQ_WORKERS_MAX_NAME 200
/* Longest email address the service takes, in characters. */
#define CHQ_WORKERS_MAX_EMAIL CHQ_EMAIL_MAX_CHARS

/* Each check: TRUE when the text is acceptable; otherwise FALSE and, when @out_message is
 * not NULL, a translated sentence saying what to do. Leading and trailing spaces are
 * ignored. The NISS and the email address are optional: empty is acceptable. */
gboolean       chq_workers_check_name           (const char        *name,
                                                 ChqWorkerField     field,
                                                 char             **out_message);
gboolean       chq_workers_check_niss           (const char        *niss,
                                                 char             **out_message);
gboolean       chq_workers_check_email          (const char        *email,
                                                 char             **out_message);
/* The whole form: the first field at fault (CHQ_WORKER_FIELD_NONE when all is well) and its
 * message. */
ChqWorkerField chq_workers_check_form           (const char        *first_name,
                                                 const char        *last_name,
                                                 const char        *niss,
                                                 const char        *email,
                                                 char             **out_message);
/* What is sent for an optional field: NULL when empty; the NISS as its 11 digits. */
char          *chq_workers_normalize_niss       (const char        *niss);
char          *chq_workers_normalize_text       (const char        *text);

/* A self-employed account has one worker, its holder, made for it by the service: no
 * other may be added and the holder may not be archived. */
gboolean       chq_workers_account_has_one_worker (ChqAccountKind   kind);

/* "Eligible for training vouchers", or the reason the status is not. */
const char    *chq_workers_eligibility_text     (ChqWorkerStatus    status);
/* Hours in the user's locale, without a useless ".0": "7 h", "6.5 h". */
char          *chq_workers_format_hours         (double             hours);

/* One calendar day of a session: its date (in the session's own time zone), the kind of
 * training day it is and the hours that count at most that day. */
typedef struct {
  char       date[11]; /* "YYYY-MM-DD" */
  ChqDayKind kind;
  guint      cap;
} ChqSessionDay;

/* A session longer than this many days is refused (the service's sessions are short). */
#define CHQ_WORKERS_MAX_SESSION_DAYS 62

/* The days from the start's date to the end's date, each with the start's and end's time of
 * day for its kind (as the service counts them); NULL when the end is before the start or
 * the session spans more than CHQ_WORKERS_MAX_SESSION_DAYS days. */
GArray        *chq_workers_session_days         (GDateTime         *starts_at,
                                                 GDateTime         *ends_at,
                                                 ChqVoucherType     type);

/* A booking may be cancelled while booked and its session has not started. */
gboolean       chq_workers_can_cancel           (ChqEnrolmentStatus status,
                                                 GDateTime         *starts_at,
                                                 GDateTime         *now);
/* Attendance may be recorded once, for a booked session that has ended. */
gboolean       chq_workers_can_record_attendance (ChqEnrolmentStatus status,
                                                 GDateTime         *ends_at,
                                                 GDateTime         *now);

/* How one day's hours stand against its cap. */
typedef enum {
  CHQ_DAY_HOURS_OK,
  CHQ_DAY_HOURS_AT_CAP,
  CHQ_DAY_HOURS_OVER_CAP,
  CHQ_DAY_HOURS_INVALID,    /* negative, or not in half hours */
} ChqDayHours;

/* @out_message (may be NULL): NULL when OK; at the cap a sentence saying this is the most
 * that counts; over it or invalid, what to enter instead. */
ChqDayHours    chq_workers_check_day_hours      (const ChqSessionDay *day,
                                                 double             hours,
                                                 char             **out_message);
/* The whole form: every day within its cap, in half hours, some hours on at least one day
 * and no more in all than the course's hours. Returns FALSE with a message for the first
 * thing wrong (@out_day: the day at fault, or -1 for the form as a whole). */
gboolean       chq_workers_check_attendance     (const ChqSessionDay *days,
                                                 const double      *hours,
                                                 guint              n_days,
                                                 guint              course_hours,
                                                 int               *out_day,
                                                 char             **out_message);

/* A booking as its row shows it: the enrolment the service has (status and hours attended),
 * if any, and the outbox entry about it, if any. */
typedef struct {
  gboolean           has_enrolment;
  ChqEnrolmentStatus status;
  double             hours_attended;
  gboolean           has_entry;
  ChqOutboxKind      entry_kind;
  ChqOutboxState     entry_state;
  const char        *entry_error; /* the service's reason when refused */
} ChqBookingFacts;

/* "Waiting to be sent", "Booked", "Attended: 6.5 h", "Cancelled", "Cancellation waiting to
 * be sent", "Refused: <reason>"... */
char          *chq_workers_booking_state_text   (const ChqBookingFacts *facts);
/* Whether the entry still has to reach the service (pending or sending). */
gboolean       chq_workers_entry_is_waiting     (ChqOutboxState     state);

/* A worker's outbox entry as the list shows it: NULL for a sent one (nothing to say),
 * "Waiting to be sent", "Changes waiting to be sent", "Archiving waiting to be sent",
 * "Not added: <reason>", "Changes refused: <reason>", "Archiving refused: <reason>". */
char          *chq_workers_worker_state_text    (ChqOutboxKind      kind,
                                                 ChqOutboxState     state,
                                                 const char        *error);

/* "12 Jan 2027, 09:00–17:00" or "12–14 Jan 2027" style, in the user's locale. */
char          *chq_workers_format_session       (GDateTime         *starts_at,
                                                 GDateTime         *ends_at);

G_END_DECLS
