/* chq-workers-logic.c: what the Workers page computes, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-workers-logic"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "chq-ident.h"
#include "chq-value.h"
#include "chq-workers-logic.h"

static char *
strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/**
 * chq_workers_check_name:
 * @name: (nullable): a first or last name as typed
 * @field: %CHQ_WORKER_FIELD_FIRST_NAME or %CHQ_WORKER_FIELD_LAST_NAME, for the message
 * @out_message: (out) (optional) (transfer full): what to do when refused
 *
 * A name holds 1 to %CHQ_WORKERS_MAX_NAME characters once trimmed.
 *
 * Returns: whether the name is acceptable
 */
gboolean
chq_workers_check_name (const char      *name,
                        ChqWorkerField   field,
                        char           **out_message)
{
  g_autofree char *trimmed = strip_copy (name);
  glong length = g_utf8_strlen (trimmed, -1);
  const char *message = NULL;

  if (!g_utf8_validate (trimmed, -1, NULL))
    message = _("The name holds characters that are not text. Type it again.");
  else if (length == 0)
    message = field == CHQ_WORKER_FIELD_LAST_NAME ? _("Enter the worker’s last name.")
                                                  : _("Enter the worker’s first name.");
  else if (length > CHQ_WORKERS_MAX_NAME)
    message = _("A name may hold at most 200 characters. Shorten it.");

  if (out_message != NULL)
    *out_message = g_strdup (message);

  return message == NULL;
}

/**
 * chq_workers_check_niss:
 * @niss: (nullable): a national register number as typed, dots, dashes and spaces allowed
 * @out_message: (out) (optional) (transfer full): what to do when refused
 *
 * Empty is acceptable (the NISS is optional); otherwise the number must pass
 * chq_niss_validate(), whose message is given.
 *
 * Returns: whether the NISS is acceptable
 */
gboolean
chq_workers_check_niss (const char  *niss,
                        char       **out_message)
{
  g_autofree char *trimmed = strip_copy (niss);
  g_autoptr(GError) error = NULL;

  if (out_message != NULL)
    *out_message = NULL;

  if (trimmed[0] == '\0' || chq_niss_validate (trimmed, &error))
    return TRUE;

  if (out_message != NULL)
    /* Translators: %s says what is wrong with the number, from the identifier checks */
    *out_message = g_strdup_printf (_("%s The number is optional: you may leave it empty."),
                                    error->message);
  return FALSE;
}

/**
 * chq_workers_check_email:
 * @email: (nullable): an email address as typed
 * @out_message: (out) (optional) (transfer full): what to do when refused
 *
 * Empty is acceptable. Otherwise, once trimmed, the one rule the codec and the service
 * apply too: chq_email_is_valid().
 *
 * Returns: whether the address is acceptable
 */
gboolean
chq_workers_check_email (const char  *email,
                         char       **out_message)
{
  g_autofree char *trimmed = strip_copy (email);
  gboolean ok;

  if (out_message != NULL)
    *out_message = NULL;

  if (trimmed[0] == '\0')
    return TRUE;

  ok = chq_email_is_valid (trimmed);

  if (!ok && out_message != NULL)
    *out_message = g_strdup (_("The email address is not valid. Write it like name@example.be, or leave it empty."));

  return ok;
}

/**
 * chq_workers_check_form:
 * @first_name: (nullable): as typed
 * @last_name: (nullable): as typed
 * @niss: (nullable): as typed
 * @email: (nullable): as typed
 * @out_message: (out) (optional) (transfer full): the first field's message, or %NULL
 *
 * Checks the worker form field by field, in the order the form shows them.
 *
 * Returns: the first field at fault, or %CHQ_WORKER_FIELD_NONE
 */
ChqWorkerField
chq_workers_check_form (const char  *first_name,
                        const char  *last_name,
                        const char  *niss,
                        const char  *email,
                        char       **out_message)
{
  if (out_message != NULL)
    *out_message = NULL;

  if (!chq_workers_check_name (first_name, CHQ_WORKER_FIELD_FIRST_NAME, out_message))
    return CHQ_WORKER_FIELD_FIRST_NAME;
  if (!chq_workers_check_name (last_name, CHQ_WORKER_FIELD_LAST_NAME, out_message))
    return CHQ_WORKER_FIELD_LAST_NAME;
  if (!chq_workers_check_niss (niss, out_message))
    return CHQ_WORKER_FIELD_NISS;
  if (!chq_workers_check_email (email, out_message))
    return CHQ_WORKER_FIELD_EMAIL;

  return CHQ_WORKER_FIELD_NONE;
}

/**
 * chq_workers_normalize_niss:
 * @niss: (nullable): a NISS as typed
 *
 * Returns: (transfer full) (nullable): its 11 digits, or %NULL when empty or not a NISS
 */
char *
chq_workers_normalize_niss (const char *niss)
{
  g_autofree char *trimmed = strip_copy (niss);

  if (trimmed[0] == '\0' || !chq_niss_validate (trimmed, NULL))
    return NULL;

  return chq_niss_normalize (trimmed, NULL);
}

/**
 * chq_workers_normalize_text:
 * @text: (nullable): a field as typed
 *
 * Returns: (transfer full) (nullable): the text trimmed, or %NULL when that is empty
 */
char *
chq_workers_normalize_text (const char *text)
{
  g_autofree char *trimmed = strip_copy (text);

  if (trimmed[0] == '\0')
    return NULL;

  return g_steal_pointer (&trimmed);
}

/**
 * chq_workers_account_has_one_worker:
 * @kind: the account's kind
 *
 * Returns: whether the account is a self-employed one, whose only worker is its holder
 */
gboolean
chq_workers_account_has_one_worker (ChqAccountKind kind)
{
  return kind == CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN ||
         kind == CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY;
}

/**
 * chq_workers_eligibility_text:
 * @status: a worker's status
 *
 * Returns: (transfer none): a translated sentence: eligible, or why not
 */
const char *
chq_workers_eligibility_text (ChqWorkerStatus status)
{
  const char *reason = NULL;

  if (chq_rules_worker_status_is_eligible (status, &reason))
    return _("May be trained with training vouchers.");

  return reason;
}

/**
 * chq_workers_format_hours:
 * @hours: a number of hours, in half hours
 *
 * Returns: (transfer full): "7 h", "6.5 h" (the decimal sign of the locale)
 */
char *
chq_workers_format_hours (double hours)
{
  if (!isfinite (hours))
    hours = 0;

  if (hours == floor (hours))
    /* Translators: a whole number of hours, "7 h" */
    return g_strdup_printf (_("%.0f h"), hours);

  /* Translators: a number of hours with one decimal, "6.5 h" */
  return g_strdup_printf (_("%.1f h"), hours);
}

/**
 * chq_workers_session_days:
 * @starts_at: when the session starts
 * @ends_at: when it ends
 * @type: the course's voucher type
 *
 * The calendar days of a session, counted in the time zone of @starts_at as the service
 * does: each day runs from the start's time of day to the end's, which gives its kind
 * (chq_rules_day_kind()) and its cap.
 *
 * Returns: (transfer full) (nullable) (element-type ChqSessionDay): the days, or %NULL
 *   when @ends_at is before @starts_at or the session is longer than
 *   %CHQ_WORKERS_MAX_SESSION_DAYS days
 */
GArray *
chq_workers_session_days (GDateTime      *starts_at,
                          GDateTime      *ends_at,
                          ChqVoucherType  type)
{
  g_autoptr(GDateTime) end_here = NULL;
  g_autoptr(GArray) days = NULL;
  GTimeZone *tz;
  GDate first;
  GDate last;
  GDate day;

  g_return_val_if_fail (starts_at != NULL, NULL);
  g_return_val_if_fail (ends_at != NULL, NULL);

  if (g_date_time_compare (ends_at, starts_at) < 0)
    return NULL;

  tz = g_date_time_get_timezone (starts_at);
  end_here = g_date_time_to_timezone (ends_at, tz);

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, g_date_time_get_day_of_month (starts_at),
                  g_date_time_get_month (starts_at), g_date_time_get_year (starts_at));
  g_date_set_dmy (&last, g_date_time_get_day_of_month (end_here),
                  g_date_time_get_month (end_here), g_date_time_get_year (end_here));

  if (g_date_days_between (&first, &last) >= CHQ_WORKERS_MAX_SESSION_DAYS)
    return NULL;

  days = g_array_new (FALSE, TRUE, sizeof (ChqSessionDay));
  for (day = first; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    {
      g_autoptr(GDateTime) day_starts = NULL;
      g_autoptr(GDateTime) day_ends = NULL;
      ChqSessionDay item = { { 0 }, CHQ_DAY_FULL, 0 };
      int end_hour = g_date_time_get_hour (end_here);
      int end_minute = g_date_time_get_minute (end_here);

      day_starts = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                                    g_date_get_day (&day), g_date_time_get_hour (starts_at),
                                    g_date_time_get_minute (starts_at), 0);
      day_ends = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                                  g_date_get_day (&day), end_hour, end_minute, 0);
      /* A session ending at an earlier time of day than it starts (or at midnight) is
       * counted as running to the day's end. */
      if (g_date_time_compare (day_ends, day_starts) < 0)
        {
          g_clear_pointer (&day_ends, g_date_time_unref);
          day_ends = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                                      g_date_get_day (&day), 23, 59, 0);
        }

      g_snprintf (item.date, sizeof item.date, "%04d-%02d-%02d", g_date_get_year (&day),
                  g_date_get_month (&day), g_date_get_day (&day));
      item.kind = chq_rules_day_kind (day_starts, day_ends, type);
      item.cap = chq_rules_daily_hour_cap (item.kind);
      g_array_append_val (days, item);
    }

  return g_steal_pointer (&days);
}

/**
 * chq_workers_can_cancel:
 * @status: the booking's status
 * @starts_at: when its session starts
 * @now: the current time
 *
 * Returns: whether the booking is booked and its session has not started yet
 */
gboolean
chq_workers_can_cancel (ChqEnrolmentStatus  status,
                        GDateTime          *starts_at,
                        GDateTime          *now)
{
  g_return_val_if_fail (starts_at != NULL && now != NULL, FALSE);

  return status == CHQ_ENROLMENT_STATUS_BOOKED && g_date_time_compare (now, starts_at) < 0;
}

/**
 * chq_workers_can_record_attendance:
 * @status: the booking's status
 * @ends_at: when its session ends
 * @now: the current time
 *
 * Returns: whether the booking is booked (attendance not recorded yet) and its session is
 *   over
 */
gboolean
chq_workers_can_record_attendance (ChqEnrolmentStatus  status,
                                   GDateTime          *ends_at,
                                   GDateTime          *now)
{
  g_return_val_if_fail (ends_at != NULL && now != NULL, FALSE);

  return status == CHQ_ENROLMENT_STATUS_BOOKED && g_date_time_compare (now, ends_at) >= 0;
}

static const char *
day_kind_phrase (ChqDayKind kind)
{
  switch (kind)
    {
    case CHQ_DAY_HALF:
      return _("a half day of training");
    case CHQ_DAY_EVENING:
      return _("training after 17:00");
    case CHQ_DAY_LANGUAGE_IMMERSION:
      return _("a day of language immersion");
    case CHQ_DAY_FULL:
    default:
      return _("a day of training");
    }
}

/**
 * chq_workers_check_day_hours:
 * @day: the day
 * @hours: the hours entered for it
 * @out_message: (out) (optional) (transfer full): a sentence at or over the cap, or when
 *   the hours are not valid; %NULL otherwise
 *
 * Checks one day's hours with chq_rules_check_day_hours() and the half-hour step.
 *
 * Returns: how the hours stand
 */
ChqDayHours
chq_workers_check_day_hours (const ChqSessionDay  *day,
                             double                hours,
                             char                **out_message)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (day != NULL, CHQ_DAY_HOURS_INVALID);

  if (out_message != NULL)
    *out_message = NULL;

  if (!chq_rules_check_day_hours (day->kind, hours, &error))
    {
      if (out_message != NULL)
        *out_message = g_strdup (error->message);
      return g_error_matches (error, CHQ_RULES_ERROR, CHQ_RULES_ERROR_OVER_DAILY_CAP)
             ? CHQ_DAY_HOURS_OVER_CAP : CHQ_DAY_HOURS_INVALID;
    }

  if (hours * 2 != floor (hours * 2))
    {
      if (out_message != NULL)
        *out_message = g_strdup (_("Enter the hours in half hours, like 7 or 3.5."));
      return CHQ_DAY_HOURS_INVALID;
    }

  if (hours == (double) day->cap)
    {
      if (out_message != NULL)
        /* Translators: %u is a number of hours, %s the kind of day, "a day of training" */
        *out_message = g_strdup_printf (ngettext ("%u hour is the most that counts for %s.",
                                                  "%u hours is the most that counts for %s.",
                                                  day->cap),
                                        day->cap, day_kind_phrase (day->kind));
      return CHQ_DAY_HOURS_AT_CAP;
    }

  return CHQ_DAY_HOURS_OK;
}

/**
 * chq_workers_check_attendance:
 * @days: (array length=n_days): the session's days
 * @hours: (array length=n_days): the hours entered for each
 * @n_days: how many days
 * @course_hours: the course's length in hours
 * @out_day: (out) (optional): the day at fault, or -1
 * @out_message: (out) (optional) (transfer full): what to do, or %NULL when all is well
 *
 * Returns: whether the attendance may be recorded as it stands
 */
gboolean
chq_workers_check_attendance (const ChqSessionDay  *days,
                              const double         *hours,
                              guint                 n_days,
                              guint                 course_hours,
                              int                  *out_day,
                              char                **out_message)
{
  double total = 0;

  if (out_day != NULL)
    *out_day = -1;
  if (out_message != NULL)
    *out_message = NULL;

  for (guint i = 0; i < n_days; i++)
    {
      g_autofree char *message = NULL;
      ChqDayHours state = chq_workers_check_day_hours (&days[i], hours[i], &message);

      if (state == CHQ_DAY_HOURS_OVER_CAP || state == CHQ_DAY_HOURS_INVALID)
        {
          if (out_day != NULL)
            *out_day = (int) i;
          if (out_message != NULL)
            *out_message = g_steal_pointer (&message);
          return FALSE;
        }
      total += hours[i];
    }

  if (total <= 0)
    {
      if (out_message != NULL)
        *out_message = g_strdup (_("Enter the hours attended on at least one day."));
      return FALSE;
    }

  if (total > (double) course_hours)
    {
      if (out_message != NULL)
        /* Translators: %u is the course's number of hours */
        *out_message = g_strdup_printf (ngettext ("The hours add up to more than the course’s %u hour. Lower them.",
                                                  "The hours add up to more than the course’s %u hours. Lower them.",
                                                  course_hours),
                                        course_hours);
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_workers_entry_is_waiting:
 * @state: an outbox entry's state
 *
 * Returns: whether the entry has not reached the service yet
 */
gboolean
chq_workers_entry_is_waiting (ChqOutboxState state)
{
  return state == CHQ_OUTBOX_STATE_PENDING || state == CHQ_OUTBOX_STATE_SENDING;
}

/**
 * chq_workers_booking_state_text:
 * @facts: what is known of the booking
 *
 * An outbox entry that waits or was refused tells more than the service's status: its
 * state is shown; a sent entry is already reflected in the status.
 *
 * Returns: (transfer full): the state as a translated phrase
 */
char *
chq_workers_booking_state_text (const ChqBookingFacts *facts)
{
  g_return_val_if_fail (facts != NULL, NULL);

  if (facts->has_entry && facts->entry_state == CHQ_OUTBOX_STATE_FAILED)
    {
      const char *reason = facts->entry_error != NULL && facts->entry_error[0] != '\0'
                           ? facts->entry_error : _("no reason given");

      switch (facts->entry_kind)
        {
        case CHQ_OUTBOX_KIND_CANCEL_ENROLMENT:
          /* Translators: %s is the voucher service's reason */
          return g_strdup_printf (_("Cancellation refused: %s"), reason);
        case CHQ_OUTBOX_KIND_RECORD_ATTENDANCE:
          /* Translators: %s is the voucher service's reason */
          return g_strdup_printf (_("Attendance refused: %s"), reason);
        case CHQ_OUTBOX_KIND_CREATE_ENROLMENT:
        default:
          /* Translators: %s is the voucher service's reason */
          return g_strdup_printf (_("Booking refused: %s"), reason);
        }
    }

  if (facts->has_entry && chq_workers_entry_is_waiting (facts->entry_state))
    {
      switch (facts->entry_kind)
        {
        case CHQ_OUTBOX_KIND_CANCEL_ENROLMENT:
          return g_strdup (_("Cancellation waiting to be sent"));
        case CHQ_OUTBOX_KIND_RECORD_ATTENDANCE:
          return g_strdup (_("Attendance waiting to be sent"));
        case CHQ_OUTBOX_KIND_CREATE_ENROLMENT:
        default:
          return g_strdup (_("Waiting to be sent"));
        }
    }

  if (!facts->has_enrolment)
    return g_strdup (_("Sent, waiting for the next sync"));

  switch (facts->status)
    {
    case CHQ_ENROLMENT_STATUS_ATTENDED:
      {
        g_autofree char *hours = chq_workers_format_hours (facts->hours_attended);

        /* Translators: %s is a number of hours, "6.5 h" */
        return g_strdup_printf (_("Attended: %s"), hours);
      }
    case CHQ_ENROLMENT_STATUS_CANCELLED:
      return g_strdup (_("Cancelled"));
    case CHQ_ENROLMENT_STATUS_BOOKED:
    default:
      return g_strdup (_("Booked"));
    }
}

/**
 * chq_workers_worker_state_text:
 * @kind: what the outbox entry about the worker asks
 * @state: its state
 * @error: (nullable): the service's reason when refused
 *
 * Returns: (transfer full) (nullable): the state line of a worker's row, or %NULL when the
 *   entry was sent (the worker as the service has them is shown)
 */
char *
chq_workers_worker_state_text (ChqOutboxKind   kind,
                               ChqOutboxState  state,
                               const char     *error)
{
  const char *reason = error != NULL && error[0] != '\0' ? error : _("no reason given");

  if (state == CHQ_OUTBOX_STATE_FAILED)
    {
      switch (kind)
        {
        case CHQ_OUTBOX_KIND_UPDATE_WORKER:
          /* Translators: %s is the voucher service's reason */
          return g_strdup_printf (_("Changes refused: %s"), reason);
        case CHQ_OUTBOX_KIND_ARCHIVE_WORKER:
          /* Translators: %s is the voucher service's reason */
          return g_strdup_printf (_("Archiving refused: %s"), reason);
        case CHQ_OUTBOX_KIND_CREATE_WORKER:
        default:
          /* Translators: %s is the voucher service's reason */
          return g_strdup_printf (_("Not added: %s"), reason);
        }
    }

  if (!chq_workers_entry_is_waiting (state))
    return NULL;

  switch (kind)
    {
    case CHQ_OUTBOX_KIND_UPDATE_WORKER:
      return g_strdup (_("Changes waiting to be sent"));
    case CHQ_OUTBOX_KIND_ARCHIVE_WORKER:
      return g_strdup (_("Archiving waiting to be sent"));
    case CHQ_OUTBOX_KIND_CREATE_WORKER:
    default:
      return g_strdup (_("Waiting to be sent"));
    }
}

/**
 * chq_workers_format_session:
 * @starts_at: when the session starts
 * @ends_at: when it ends
 *
 * Returns: (transfer full): the session's dates and times in the user's locale, at the
 *   place's own time (the time zone the service gives, Belgian time for a Walloon course,
 *   whatever the computer's zone): one day with its hours, or the first and last days
 */
char *
chq_workers_format_session (GDateTime *starts_at,
                            GDateTime *ends_at)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (starts_at != NULL && ends_at != NULL, NULL);

  starts = g_date_time_ref (starts_at);
  ends = g_date_time_to_timezone (ends_at, g_date_time_get_timezone (starts_at));

  if (g_date_time_get_year (starts) == g_date_time_get_year (ends) &&
      g_date_time_get_day_of_year (starts) == g_date_time_get_day_of_year (ends))
    {
      day = g_date_time_format (starts, "%x");
      /* Translators: a time of day in strftime() form, "09:00" */
      from = g_date_time_format (starts, _("%H:%M"));
      to = g_date_time_format (ends, _("%H:%M"));
      /* Translators: a session on one day: the date, then the start and end times */
      return g_strdup_printf (_("%s, %s–%s"), day, from, to);
    }

  from = g_date_time_format (starts, "%x");
  to = g_date_time_format (ends, "%x");
  /* Translators: a session over several days: the first and last dates */
  return g_strdup_printf (_("%s to %s"), from, to);
}
