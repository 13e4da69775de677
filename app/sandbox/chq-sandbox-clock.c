/* chq-sandbox-clock.c: the sandbox server's clock, and the texts of its times and secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clock runs in Europe/Brussels. With a fixed date it starts at 10:00 on that date and
 * runs from the moment the date was fixed, so that tests never depend on the real date or
 * time of day.
 */
#define G_LOG_DOMAIN "chq-sandbox"

#include "config.h"

#include <sys/random.h>

#include "chq-value.h"
#include "chq-sandbox-private.h"

/**
 * _chq_sandbox_clock_init:
 * @clock: a clock to set up
 *
 * Sets up @clock on the real date.
 */
void
_chq_sandbox_clock_init (ChqSandboxClock *clock)
{
  g_mutex_init (&clock->lock);
  g_date_clear (&clock->fixed_today, 1);
  clock->fixed_since_us = g_get_monotonic_time ();
}

/**
 * _chq_sandbox_clock_clear:
 * @clock: a clock
 *
 * Frees what _chq_sandbox_clock_init() set up.
 */
void
_chq_sandbox_clock_clear (ChqSandboxClock *clock)
{
  g_mutex_clear (&clock->lock);
}

/**
 * _chq_sandbox_clock_set_today:
 * @clock: a clock
 * @today: (nullable): the date from now on; %NULL or an invalid date for the real date
 *
 * Fixes (or frees) the clock's date; callable from any thread.
 */
void
_chq_sandbox_clock_set_today (ChqSandboxClock *clock,
                              const GDate     *today)
{
  g_mutex_lock (&clock->lock);
  if (today != NULL)
    clock->fixed_today = *today;
  else
    g_date_clear (&clock->fixed_today, 1);
  clock->fixed_since_us = g_get_monotonic_time ();
  g_mutex_unlock (&clock->lock);
}

/**
 * _chq_sandbox_clock_dup_now:
 * @clock: a clock
 *
 * Now: with a fixed date, 10:00 in Brussels on that date plus the time since it was fixed.
 * Callable from any thread.
 *
 * Returns: (transfer full): the time
 */
GDateTime *
_chq_sandbox_clock_dup_now (ChqSandboxClock *clock)
{
  g_autoptr(GTimeZone) tz = _chq_sandbox_time_zone ();
  g_autoptr(GDateTime) start = NULL;
  GDate today;
  gint64 since;

  g_mutex_lock (&clock->lock);
  today = clock->fixed_today;
  since = clock->fixed_since_us;
  g_mutex_unlock (&clock->lock);

  if (!g_date_valid (&today))
    return g_date_time_new_now (tz);

  start = g_date_time_new (tz, g_date_get_year (&today), g_date_get_month (&today),
                           g_date_get_day (&today), 10, 0, 0);
  return g_date_time_add (start, g_get_monotonic_time () - since);
}

/**
 * _chq_sandbox_time_zone:
 *
 * Returns: (transfer full): the time zone of the service (Europe/Brussels)
 */
GTimeZone *
_chq_sandbox_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Brussels");

  /* Without tzdata, CET all year is close enough for a sandbox. */
  if (tz == NULL)
    tz = g_time_zone_new_identifier ("+01:00");

  return tz;
}

/**
 * _chq_sandbox_format_time:
 * @time: a time
 *
 * Returns: (transfer full): ISO 8601 with seconds and offset, "2026-11-28T10:15:00+01:00"
 */
char *
_chq_sandbox_format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/**
 * _chq_sandbox_format_time_on:
 * @tz: a time zone
 * @day: a valid date
 * @hour: the hour
 * @minute: the minute
 *
 * Returns: (transfer full): that time of @day in @tz, as _chq_sandbox_format_time() writes it
 */
char *
_chq_sandbox_format_time_on (GTimeZone   *tz,
                             const GDate *day,
                             int          hour,
                             int          minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (tz, g_date_get_year (day),
                                               g_date_get_month (day), g_date_get_day (day),
                                               hour, minute, 0);

  return _chq_sandbox_format_time (time);
}

/**
 * _chq_sandbox_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): "YYYY-MM-DD"
 */
char *
_chq_sandbox_format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

/**
 * _chq_sandbox_parse_date:
 * @text: (nullable): "YYYY-MM-DD"
 * @out_date: (out): the date
 *
 * Returns: %TRUE when @text is exactly a valid calendar date
 */
gboolean
_chq_sandbox_parse_date (const char *text,
                         GDate      *out_date)
{
  /* The one date rule, shared with the codec and the forms. */
  return chq_date_parse (text, out_date);
}

/**
 * _chq_sandbox_parse_time:
 * @text: (nullable): ISO 8601 with an offset
 *
 * Returns: (transfer full) (nullable): the time, or %NULL
 */
GDateTime *
_chq_sandbox_parse_time (const char *text)
{
  if (text == NULL)
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

/**
 * _chq_sandbox_date_of_time:
 * @iso: (nullable): ISO 8601 with an offset
 * @out: (out): the date of that time, in its own offset; invalid when @iso is not a time
 *
 * Returns: @out
 */
GDate *
_chq_sandbox_date_of_time (const char *iso,
                           GDate      *out)
{
  g_autoptr(GDateTime) time = _chq_sandbox_parse_time (iso);

  g_date_clear (out, 1);
  if (time != NULL)
    g_date_set_dmy (out, g_date_time_get_day_of_month (time), g_date_time_get_month (time),
                    g_date_time_get_year (time));
  return out;
}

/**
 * _chq_sandbox_hash_password:
 * @salt: the salt
 * @password: the password
 *
 * Returns: (transfer full): the hex SHA-256 of "salt:password", as stored
 */
char *
_chq_sandbox_hash_password (const char *salt,
                            const char *password)
{
  g_autofree char *salted = g_strconcat (salt, ":", password, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, salted, -1);
}

/**
 * _chq_sandbox_random_hex:
 * @n_bytes: how many random bytes, at most 64
 *
 * Returns: (transfer full): @n_bytes from the system's generator, in hex
 */
char *
_chq_sandbox_random_hex (gsize n_bytes)
{
  guint8 bytes[64];
  GString *hex = g_string_sized_new (n_bytes * 2);

  g_assert (n_bytes <= sizeof bytes);

  if (getrandom (bytes, n_bytes, 0) != (gssize) n_bytes)
    {
      /* getrandom() does not fail for small sizes once the pool is ready; be safe anyway. */
      for (gsize i = 0; i < n_bytes; i++)
        bytes[i] = (guint8) g_random_int_range (0, 256);
    }

  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);

  return g_string_free (hex, FALSE);
}
