/* chq-clock.c: the one clock the app reads "now" and "today" from
 *
 * Everything outside the sandbox asks this clock, never the system's directly, so that a
 * test can give the app the same date as a sandbox started with a fixed "today": token
 * expiry, "today" in the pages, expiry warnings and the year shown then agree with the
 * service, whatever the real date. Once given a start, the clock runs at the real pace from
 * it, so time never goes backwards and a test never crosses midnight unless it lasts hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-clock"

#include "config.h"

#include <stdatomic.h>

#include "chq-clock.h"

/* Microseconds added to the system's time; 0 unless a start was set. The one piece of
 * process state every layer shares on purpose: there is one "now". */
static _Atomic gint64 clock_offset_us;

/**
 * chq_clock_get_real_time:
 *
 * Returns: the clock's now in microseconds since the epoch, like g_get_real_time()
 */
gint64
chq_clock_get_real_time (void)
{
  return g_get_real_time () + atomic_load_explicit (&clock_offset_us, memory_order_relaxed);
}

/**
 * chq_clock_now_utc:
 *
 * Returns: (transfer full): the clock's now, in UTC
 */
GDateTime *
chq_clock_now_utc (void)
{
  gint64 now = chq_clock_get_real_time ();
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (now / G_USEC_PER_SEC);

  return g_date_time_add (seconds, now % G_USEC_PER_SEC);
}

/**
 * chq_clock_now_local:
 *
 * Returns: (transfer full): the clock's now, in the local time zone
 */
GDateTime *
chq_clock_now_local (void)
{
  g_autoptr(GDateTime) utc = chq_clock_now_utc ();

  return g_date_time_to_local (utc);
}

/**
 * chq_clock_get_today:
 * @date: (out caller-allocates): where to write today's date
 *
 * Sets @date to the clock's today, in the local time zone.
 */
void
chq_clock_get_today (GDate *date)
{
  g_autoptr(GDateTime) now = chq_clock_now_local ();

  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

/**
 * chq_clock_set_start:
 * @start: what the clock reads now
 *
 * Sets the clock to @start; from then on it runs at the real pace. For tests, and for a
 * sandbox whose date is fixed.
 */
void
chq_clock_set_start (GDateTime *start)
{
  g_return_if_fail (start != NULL);

  atomic_store (&clock_offset_us, g_date_time_to_unix (start) * G_USEC_PER_SEC +
                                  g_date_time_get_microsecond (start) - g_get_real_time ());
}

/**
 * chq_clock_reset:
 *
 * Gives the clock back the system's time.
 */
void
chq_clock_reset (void)
{
  atomic_store (&clock_offset_us, 0);
}
