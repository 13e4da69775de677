/* chq-outbox-rows.c: an outbox entry's row: reading it into a ChqOutboxEntry, and the
 * times the rows store (microseconds since 1970 UTC, from the outbox's clock)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A low part of ChqOutbox: it calls no other part.
 */
#define G_LOG_DOMAIN "chq-outbox"

#include "config.h"

#include <sqlite3.h>

#include "chq-clock.h"
#include "chq-outbox-private.h"

/* The time of @usec microseconds since 1970 UTC, as the rows store times. */
GDateTime *
_chq_outbox_date_time_from_usec (gint64 usec)
{
  GDateTime *dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  GDateTime *precise;

  if (dt == NULL)
    return NULL;

  precise = g_date_time_add (dt, usec % G_USEC_PER_SEC);
  g_date_time_unref (dt);
  return precise;
}

/* Now, from the clock of chq_outbox_set_clock() if any, in microseconds since 1970 UTC. */
gint64
_chq_outbox_now_usec (ChqOutbox *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : chq_clock_get_real_time ();
}

static GDateTime *
date_time_or_null (sqlite3_stmt *stmt,
                   int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return _chq_outbox_date_time_from_usec (sqlite3_column_int64 (stmt, column));
}

/* The entry of the row @stmt is on (CHQ_OUTBOX_ENTRY_COLUMNS), or NULL for a kind this
 * version does not know. */
ChqOutboxEntry *
_chq_outbox_entry_from_row (sqlite3_stmt *stmt)
{
  ChqOutboxKind kind = CHQ_OUTBOX_KIND_CREATE_ORDER;
  ChqOutboxState state = CHQ_OUTBOX_STATE_PENDING;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  g_autoptr(GDateTime) first_attempt_at = date_time_or_null (stmt, 14);
  g_autoptr(GDateTime) last_attempt_at = date_time_or_null (stmt, 15);
  const char *kind_word = (const char *) sqlite3_column_text (stmt, 3);
  const char *state_word = (const char *) sqlite3_column_text (stmt, 6);

  if (!chq_outbox_kind_from_string (kind_word, &kind))
    {
      g_warning ("Skipping outbox entry %" G_GINT64_FORMAT " of unknown kind “%s”",
                 (gint64) sqlite3_column_int64 (stmt, 0), kind_word);
      return NULL;
    }
  chq_outbox_state_from_string (state_word, &state);

  created_at = _chq_outbox_date_time_from_usec (sqlite3_column_int64 (stmt, 12));
  updated_at = _chq_outbox_date_time_from_usec (sqlite3_column_int64 (stmt, 13));

  return g_object_new (CHQ_TYPE_OUTBOX_ENTRY,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       "idempotency-key", (const char *) sqlite3_column_text (stmt, 1),
                       "account-key", (const char *) sqlite3_column_text (stmt, 2),
                       "kind", kind,
                       "target-id", (const char *) sqlite3_column_text (stmt, 4),
                       "payload-json", (const char *) sqlite3_column_text (stmt, 5),
                       "state", state,
                       "attempts", (guint) sqlite3_column_int (stmt, 7),
                       "error-message", (const char *) sqlite3_column_text (stmt, 8),
                       "error-code", (const char *) sqlite3_column_text (stmt, 9),
                       "error-field", (const char *) sqlite3_column_text (stmt, 10),
                       "result-json", (const char *) sqlite3_column_text (stmt, 11),
                       "created-at", created_at,
                       "updated-at", updated_at,
                       "first-attempt-at", first_attempt_at,
                       "last-attempt-at", last_attempt_at,
                       NULL);
}
