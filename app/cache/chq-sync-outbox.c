/* chq-sync-outbox.c: the outbox step of a sync run: sending the waiting writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The outbox goes first in a run, one entry at a time, oldest first, each with its
 * idempotency key. An entry first tried longer ago than the service keeps keys is not
 * sent again blindly: its effect is looked for in the service's lists first.
 */
#define G_LOG_DOMAIN "chq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-outbox-effect.h"
#include "chq-sync-private.h"

static void send_next_entry (ChqSyncRun *run);

/* The outbox: one entry at a time, oldest first. Its writes commit with a full fsync
 * (chq_outbox_open()), so they run on a GTask thread too. */

typedef enum {
  OUTBOX_TAKE_NEXT,   /* find the next entry and mark it sending */
  OUTBOX_SENT,
  OUTBOX_FAILED,
  OUTBOX_RETRY,
  OUTBOX_CHECKED,     /* an old entry's effect was looked for: mark it sent or failed */
} OutboxOpKind;

typedef struct {
  OutboxOpKind    kind;
  gint64          id;
  JsonNode       *answer;      /* owned, nullable: for SENT */
  char           *message;     /* owned, nullable */
  char           *code;        /* owned, nullable */
  char           *field;       /* owned, nullable */
  GError         *stop_error;  /* owned, nullable: for RETRY, what ends the run after */
  ChqOutboxEntry *entry;       /* owned, nullable: what TAKE_NEXT found, what CHECKED checks */
  guint           n_waiting;   /* TAKE_NEXT: entries still to go, this one included */
  gboolean        check;       /* TAKE_NEXT: the entry is past the idempotency window, not
                                * marked sending: look for its effect first */
  GPtrArray      *orders;      /* owned, nullable: CHECKED, the service's lists */
  GPtrArray      *workers;     /* owned, nullable */
  GPtrArray      *enrolments;  /* owned, nullable */
} OutboxOp;

static void
outbox_op_free (OutboxOp *op)
{
  g_clear_pointer (&op->answer, json_node_unref);
  g_free (op->message);
  g_free (op->code);
  g_free (op->field);
  g_clear_error (&op->stop_error);
  g_clear_object (&op->entry);
  g_clear_pointer (&op->orders, g_ptr_array_unref);
  g_clear_pointer (&op->workers, g_ptr_array_unref);
  g_clear_pointer (&op->enrolments, g_ptr_array_unref);
  g_free (op);
}

/* The oldest entry still to go, marked sending; entries that cannot be sent at all (no
 * target id) are failed on the way. NULL when none is left. An entry first tried longer
 * ago than the service keeps keys is returned NOT marked sending, with @out_check set:
 * its effect is looked for before anything is sent. */
static ChqOutboxEntry *
take_next_entry (ChqSync   *self,
                 gboolean  *out_check,
                 GError   **error)
{
  *out_check = FALSE;

  for (;;)
    {
      g_autoptr(ChqOutboxEntry) entry = NULL;
      g_autofree char *path = NULL;
      const char *method;
      gboolean has_body;
      gint64 id;

      entry = chq_outbox_next_to_send (self->outbox, self->account_key, error);
      if (entry == NULL)
        return NULL;

      id = chq_outbox_entry_get_id (entry);
      if (chq_outbox_kind_get_request (chq_outbox_entry_get_kind (entry),
                                       chq_outbox_entry_get_target_id (entry),
                                       &method, &path, &has_body))
        {
          g_autoptr(GDateTime) now = chq_outbox_now (self->outbox);

          if (chq_outbox_entry_needs_check (entry, now))
            {
              *out_check = TRUE;
              return g_steal_pointer (&entry);
            }
          if (!chq_outbox_mark_sending (self->outbox, id, error))
            return NULL;
          return g_steal_pointer (&entry);
        }

      if (!chq_outbox_mark_failed (self->outbox, id,
                                   _("This change is incomplete and cannot be sent. "
                                     "Discard it and make it again."),
                                   NULL, NULL, error))
        return NULL;
    }
}

/* The ids of what the account's sent entries created, as far as the outbox still has
 * them: another entry's order is never taken for this one's. */
static GHashTable *
claimed_ids (ChqSync *self)
{
  g_autoptr(GPtrArray) sent = chq_outbox_list (self->outbox, self->account_key,
                                               CHQ_OUTBOX_STATES_SENT);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < sent->len; i++)
    {
      g_autoptr(JsonNode) result = chq_outbox_entry_dup_result (g_ptr_array_index (sent, i));
      JsonNode *id;

      if (result == NULL || !JSON_NODE_HOLDS_OBJECT (result))
        continue;
      id = json_object_get_member (json_node_get_object (result), "id");
      if (id != NULL && json_node_get_value_type (id) == G_TYPE_STRING)
        g_hash_table_add (ids, g_strdup (json_node_get_string (id)));
    }

  return ids;
}

static JsonNode *
object_to_json (GObject *object)
{
  if (CHQ_IS_ORDER (object))
    return chq_order_to_json (CHQ_ORDER (object));
  if (CHQ_IS_WORKER (object))
    return chq_worker_to_json (CHQ_WORKER (object));
  if (CHQ_IS_ENROLMENT (object))
    return chq_enrolment_to_json (CHQ_ENROLMENT (object));
  g_return_val_if_reached (NULL);
}

/* An old entry whose effect was looked for: found once, it is sent, with the object found
 * as the service's answer; otherwise it waits for the user, with the reason. */
static gboolean
mark_checked (ChqSync   *self,
              OutboxOp  *op,
              GError   **error)
{
  g_autoptr(GHashTable) claimed = claimed_ids (self);
  ChqOutboxKind kind = chq_outbox_entry_get_kind (op->entry);
  GObject *found = NULL;
  ChqOutboxEffect effect;

  effect = chq_outbox_find_effect (op->entry, op->orders, op->workers, op->enrolments,
                                   claimed, &found);
  if (effect == CHQ_OUTBOX_EFFECT_FOUND)
    {
      g_autoptr(JsonNode) result = object_to_json (found);

      g_debug ("Outbox entry %" G_GINT64_FORMAT " is past the idempotency window; "
               "its effect was found", op->id);
      return chq_outbox_mark_sent (self->outbox, op->id, result, error);
    }
  else
    {
      g_autofree char *message = chq_outbox_effect_message (kind, effect);

      g_debug ("Outbox entry %" G_GINT64_FORMAT " is past the idempotency window; "
               "its effect was %s", op->id,
               effect == CHQ_OUTBOX_EFFECT_ABSENT ? "not found" : "ambiguous");
      return chq_outbox_mark_failed (self->outbox, op->id, message, CHQ_OUTBOX_CODE_EXPIRED,
                                     NULL, error);
    }
}

static void
outbox_op_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ChqSync *self = source_object;
  OutboxOp *op = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (op->kind)
    {
    case OUTBOX_TAKE_NEXT:
      op->entry = take_next_entry (self, &op->check, &error);
      op->n_waiting = chq_outbox_count_pending (self->outbox, self->account_key);
      ok = error == NULL;
      if (ok && op->entry == NULL)
        chq_outbox_purge_sent (self->outbox, CHQ_OUTBOX_KEEP_SENT_DAYS * G_TIME_SPAN_DAY,
                               NULL);
      break;
    case OUTBOX_SENT:
      ok = chq_outbox_mark_sent (self->outbox, op->id, op->answer, &error);
      break;
    case OUTBOX_FAILED:
      ok = chq_outbox_mark_failed (self->outbox, op->id, op->message, op->code, op->field,
                                   &error);
      break;
    case OUTBOX_RETRY:
      ok = chq_outbox_mark_retry (self->outbox, op->id, op->message, &error);
      break;
    case OUTBOX_CHECKED:
      ok = mark_checked (self, op, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
outbox_op_async (ChqSyncRun          *run,
                 OutboxOp            *op,
                 GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (run->self, NULL, callback, run);

  g_task_set_source_tag (task, outbox_op_async);
  g_task_set_task_data (task, op, (GDestroyNotify) outbox_op_free);
  g_task_run_in_thread (task, outbox_op_thread);
}

static void
on_entry_marked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  OutboxOp *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (op->stop_error == NULL)
        {
          _chq_sync_run_finish (run, error);
          return;
        }
      g_warning ("Could not record a failed attempt: %s", error->message);
    }

  if (op->stop_error != NULL)
    _chq_sync_run_finish (run, op->stop_error);
  else
    send_next_entry (run);
}

static void
on_entry_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  g_autoptr(ChqOutboxEntry) entry = g_steal_pointer (&run->entry);
  g_autoptr(GError) error = NULL;
  OutboxOp *op = g_new0 (OutboxOp, 1);

  op->id = chq_outbox_entry_get_id (entry);
  op->answer = chq_client_send_finish (CHQ_CLIENT (object), result, NULL, &error);

  if (error == NULL)
    {
      run->n_sent++;
      op->kind = OUTBOX_SENT;
    }
  else if (chq_client_error_is_permanent (error))
    {
      /* Refused for good: the user sees why, and the other writes still go. */
      op->kind = OUTBOX_FAILED;
      op->message = g_strdup (error->message);
      op->code = g_strdup (chq_client_error_get_code (error));
      op->field = g_strdup (chq_client_error_get_field (error));
    }
  else
    {
      /* Not through (offline, timed out, busy, expired session, cancelled): it stays
       * first in line with its key, and later writes wait behind it, in order. */
      op->kind = OUTBOX_RETRY;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        op->message = g_strdup (error->message);
      op->stop_error = g_steal_pointer (&error);
    }

  outbox_op_async (run, op, on_entry_marked_cb);
}

static void
on_effect_lists_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  g_autoptr(ChqOutboxEntry) entry = g_steal_pointer (&run->entry);
  OutboxOp *op = g_new0 (OutboxOp, 1);
  GError *error = NULL;

  op->id = chq_outbox_entry_get_id (entry);
  if (chq_outbox_fetch_lists_finish (CHQ_CLIENT (object), result, &op->orders, &op->workers,
                                     &op->enrolments, &error))
    {
      op->kind = OUTBOX_CHECKED;
      op->entry = g_steal_pointer (&entry);
    }
  else
    {
      /* The lists could not be read (offline...): nothing was sent; the entry stays first
       * in line, untouched, for the next run. */
      op->kind = OUTBOX_RETRY;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        op->message = g_strdup (error->message);
      op->stop_error = error;
    }

  outbox_op_async (run, op, on_entry_marked_cb);
}

/* The entry in run->entry was first tried longer ago than the service keeps keys: read
 * the lists it acts on, then look for its effect on a thread (mark_checked()). */
static void
check_entry_effect (ChqSyncRun *run)
{
  _chq_sync_set_activity (run->self, _("Checking a change that waited long…"));
  chq_outbox_fetch_lists_async (run->self->client, run->entry, run->cancellable,
                                on_effect_lists_cb, run);
}

static void
on_next_entry_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  ChqSync *self = run->self;
  OutboxOp *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *path = NULL;
  g_autofree char *activity = NULL;
  const char *method = NULL;
  gboolean has_body = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _chq_sync_run_finish (run, error);
      return;
    }

  if (op->entry == NULL)
    {
      _chq_sync_run_next_step (run);
      return;
    }

  run->entry = g_steal_pointer (&op->entry);
  if (op->check)
    {
      check_entry_effect (run);
      return;
    }
  chq_outbox_kind_get_request (chq_outbox_entry_get_kind (run->entry),
                               chq_outbox_entry_get_target_id (run->entry),
                               &method, &path, &has_body);

  run->n_to_send = MAX (run->n_to_send, run->n_sent + MAX (op->n_waiting, 1));
  /* Translators: "Sending your changes (2 of 5)…" */
  activity = g_strdup_printf (_("Sending your changes (%u of %u)…"),
                              run->n_sent + 1, run->n_to_send);
  _chq_sync_set_activity (self, activity);
  _chq_sync_set_fraction (self, 0.10 * run->n_sent / run->n_to_send);

  if (has_body)
    payload = chq_outbox_entry_dup_payload (run->entry);

  chq_client_send_async (self->client, method, path,
                         chq_outbox_entry_get_idempotency_key (run->entry),
                         payload, NULL, run->cancellable, on_entry_sent_cb, run);
}

static void
send_next_entry (ChqSyncRun *run)
{
  g_autoptr(GError) error = NULL;
  OutboxOp *op;

  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      _chq_sync_run_finish (run, error);
      return;
    }

  op = g_new0 (OutboxOp, 1);
  op->kind = OUTBOX_TAKE_NEXT;
  outbox_op_async (run, op, on_next_entry_cb);
}


/*
 * _chq_sync_outbox_start:
 * @run: the run
 *
 * The outbox step of the table: sends the waiting entries, then goes on with the next
 * step.
 */
void
_chq_sync_outbox_start (ChqSyncRun *run)
{
  send_next_entry (run);
}
