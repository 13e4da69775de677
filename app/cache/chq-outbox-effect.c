/* chq-outbox-effect.c: finds what an old outbox entry did on the service, if anything
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service keeps an Idempotency-Key CHQ_API_IDEMPOTENCY_DAYS (docs/api.md). An entry
 * whose first attempt is older than that may have been applied (its answer lost) and the
 * service no longer knows it: sending it again, even with its key, could apply it twice.
 * So the sync engine reads the lists the entry acts on (chq_outbox_fetch_lists_async())
 * and looks for its effect (chq_outbox_find_effect(), a pure function): found once, the
 * entry is done; not found, or found more than once, the user decides.
 */
#define G_LOG_DOMAIN "chq-outbox"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-client.h"
#include "chq-enrolment.h"
#include "chq-json.h"
#include "chq-order.h"
#include "chq-outbox.h"
#include "chq-outbox-effect.h"
#include "chq-worker.h"

/**
 * chq_outbox_effect_lists:
 * @kind: what an entry asks for
 *
 * Returns: the lists of the service where the effect of an entry of @kind shows
 */
ChqOutboxLists
chq_outbox_effect_lists (ChqOutboxKind kind)
{
  switch (kind)
    {
    case CHQ_OUTBOX_KIND_CREATE_ORDER:
    case CHQ_OUTBOX_KIND_CANCEL_ORDER:
      return CHQ_OUTBOX_LIST_ORDERS;
    case CHQ_OUTBOX_KIND_CREATE_WORKER:
    case CHQ_OUTBOX_KIND_UPDATE_WORKER:
    case CHQ_OUTBOX_KIND_ARCHIVE_WORKER:
      return CHQ_OUTBOX_LIST_WORKERS;
    case CHQ_OUTBOX_KIND_CREATE_ENROLMENT:
    case CHQ_OUTBOX_KIND_CANCEL_ENROLMENT:
    case CHQ_OUTBOX_KIND_RECORD_ATTENDANCE:
      return CHQ_OUTBOX_LIST_ENROLMENTS;
    default:
      g_return_val_if_reached (0);
    }
}

/**
 * chq_outbox_entry_needs_check:
 * @entry: an entry about to be sent
 * @now: now, by the outbox's clock
 *
 * Returns: whether the entry's first attempt is more than %CHQ_OUTBOX_RESEND_CHECK_DAYS
 *   old, so that the service may have forgotten its key: it is then not sent again before
 *   its effect is looked for. An entry never tried is sent as usual, however old.
 */
gboolean
chq_outbox_entry_needs_check (ChqOutboxEntry *entry,
                              GDateTime      *now)
{
  GDateTime *first = chq_outbox_entry_get_first_attempt_at (entry);

  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (entry), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return first != NULL &&
         g_date_time_difference (now, first) > CHQ_OUTBOX_RESEND_CHECK_DAYS * G_TIME_SPAN_DAY;
}

/* Whether @when lies between the entry's first and last attempt, a day either side for
 * the difference between our clock and the service's. */
static gboolean
within_attempts (ChqOutboxEntry *entry,
                 GDateTime      *when)
{
  GDateTime *first = chq_outbox_entry_get_first_attempt_at (entry);
  GDateTime *last = chq_outbox_entry_get_last_attempt_at (entry);

  if (when == NULL || first == NULL)
    return FALSE;
  if (last == NULL)
    last = first;

  return g_date_time_difference (when, first) >= -G_TIME_SPAN_DAY &&
         g_date_time_difference (last, when) >= -G_TIME_SPAN_DAY;
}

/* Counts a candidate; keeps the first one. */
static void
add_candidate (GObject  *object,
               guint    *n_found,
               GObject **found)
{
  if ((*n_found)++ == 0)
    *found = object;
}

static gpointer
find_by_id (GPtrArray   *objects,
            const char  *id,
            const char *(*get_id) (gpointer))
{
  if (objects == NULL || id == NULL)
    return NULL;

  for (guint i = 0; i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (get_id (object), id) == 0)
        return object;
    }

  return NULL;
}

static const char *
order_id (gpointer object)
{
  return chq_order_get_id (object);
}

static const char *
worker_id (gpointer object)
{
  return chq_worker_get_id (object);
}

static const char *
enrolment_id (gpointer object)
{
  return chq_enrolment_get_id (object);
}

static ChqOutboxEffect
find_created_order (ChqOutboxEntry  *entry,
                    JsonNode        *payload,
                    GPtrArray       *orders,
                    GHashTable      *claimed,
                    GObject        **out_found)
{
  ChqVoucherType type;
  guint quantity;
  guint n_found = 0;

  if (payload == NULL || orders == NULL ||
      !chq_order_request_from_json (payload, &type, &quantity, NULL))
    return CHQ_OUTBOX_EFFECT_ABSENT;

  for (guint i = 0; i < orders->len; i++)
    {
      ChqOrder *order = g_ptr_array_index (orders, i);

      if (claimed != NULL && g_hash_table_contains (claimed, chq_order_get_id (order)))
        continue;
      if (chq_order_get_voucher_type (order) == type &&
          chq_order_get_quantity (order) == quantity &&
          within_attempts (entry, chq_order_get_created_at (order)))
        add_candidate (G_OBJECT (order), &n_found, out_found);
    }

  return n_found == 0 ? CHQ_OUTBOX_EFFECT_ABSENT
         : n_found == 1 ? CHQ_OUTBOX_EFFECT_FOUND : CHQ_OUTBOX_EFFECT_AMBIGUOUS;
}

/* The service trims names; so does the comparison. */
static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *ta = g_strstrip (g_strdup (a != NULL ? a : ""));
  g_autofree char *tb = g_strstrip (g_strdup (b != NULL ? b : ""));

  return g_str_equal (ta, tb);
}

static gboolean
same_worker_fields (ChqWorker *wanted,
                    ChqWorker *worker)
{
  return same_text (chq_worker_get_first_name (wanted), chq_worker_get_first_name (worker)) &&
         same_text (chq_worker_get_last_name (wanted), chq_worker_get_last_name (worker)) &&
         chq_worker_get_status (wanted) == chq_worker_get_status (worker) &&
         g_strcmp0 (chq_worker_get_niss (wanted), chq_worker_get_niss (worker)) == 0 &&
         same_text (chq_worker_get_email (wanted), chq_worker_get_email (worker));
}

static ChqOutboxEffect
find_created_worker (JsonNode        *payload,
                     GPtrArray       *workers,
                     GHashTable      *claimed,
                     GObject        **out_found)
{
  g_autoptr(ChqWorker) wanted = NULL;
  guint n_found = 0;

  if (payload == NULL || workers == NULL ||
      (wanted = chq_worker_request_from_json (payload, NULL)) == NULL)
    return CHQ_OUTBOX_EFFECT_ABSENT;

  for (guint i = 0; i < workers->len; i++)
    {
      ChqWorker *worker = g_ptr_array_index (workers, i);

      if (claimed != NULL && g_hash_table_contains (claimed, chq_worker_get_id (worker)))
        continue;
      if (same_worker_fields (wanted, worker))
        add_candidate (G_OBJECT (worker), &n_found, out_found);
    }

  return n_found == 0 ? CHQ_OUTBOX_EFFECT_ABSENT
         : n_found == 1 ? CHQ_OUTBOX_EFFECT_FOUND : CHQ_OUTBOX_EFFECT_AMBIGUOUS;
}

static ChqOutboxEffect
find_created_enrolment (ChqOutboxEntry  *entry,
                        JsonNode        *payload,
                        GPtrArray       *enrolments,
                        GHashTable      *claimed,
                        GObject        **out_found)
{
  g_autofree char *worker = NULL;
  g_autofree char *course = NULL;
  g_autofree char *session = NULL;
  guint n_found = 0;

  if (payload == NULL || enrolments == NULL ||
      !chq_enrolment_request_from_json (payload, &worker, &course, &session, NULL))
    return CHQ_OUTBOX_EFFECT_ABSENT;

  for (guint i = 0; i < enrolments->len; i++)
    {
      ChqEnrolment *enrolment = g_ptr_array_index (enrolments, i);

      if (claimed != NULL && g_hash_table_contains (claimed, chq_enrolment_get_id (enrolment)))
        continue;
      if (g_strcmp0 (chq_enrolment_get_worker_id (enrolment), worker) == 0 &&
          g_strcmp0 (chq_enrolment_get_course_id (enrolment), course) == 0 &&
          g_strcmp0 (chq_enrolment_get_session_id (enrolment), session) == 0 &&
          within_attempts (entry, chq_enrolment_get_created_at (enrolment)))
        add_candidate (G_OBJECT (enrolment), &n_found, out_found);
    }

  return n_found == 0 ? CHQ_OUTBOX_EFFECT_ABSENT
         : n_found == 1 ? CHQ_OUTBOX_EFFECT_FOUND : CHQ_OUTBOX_EFFECT_AMBIGUOUS;
}

/* Every day the entry records is on the enrolment with the same hours. */
static gboolean
attendance_recorded (JsonNode     *payload,
                     ChqEnrolment *enrolment)
{
  g_autoptr(GArray) wanted = NULL;
  GArray *have = chq_enrolment_get_attendance (enrolment);

  if (payload == NULL || (wanted = chq_attendance_request_from_json (payload, NULL)) == NULL)
    return FALSE;

  for (guint i = 0; i < wanted->len; i++)
    {
      const ChqAttendanceDay *day = &g_array_index (wanted, ChqAttendanceDay, i);
      gboolean seen = FALSE;

      for (guint j = 0; have != NULL && j < have->len && !seen; j++)
        {
          const ChqAttendanceDay *other = &g_array_index (have, ChqAttendanceDay, j);

          seen = g_str_equal (day->date, other->date) &&
                 G_APPROX_VALUE (day->hours, other->hours, 1e-9);
        }
      if (!seen)
        return FALSE;
    }

  return TRUE;
}

static ChqOutboxEffect
found_if (gboolean   applied,
          gpointer   object,
          GObject  **out_found)
{
  if (!applied)
    return CHQ_OUTBOX_EFFECT_ABSENT;

  *out_found = object;
  return CHQ_OUTBOX_EFFECT_FOUND;
}

/**
 * chq_outbox_find_effect:
 * @entry: an entry whose key the service may have forgotten
 * @orders: (nullable) (element-type ChqOrder): the service's orders
 * @workers: (nullable) (element-type ChqWorker): the service's workers, archived too
 * @enrolments: (nullable) (element-type ChqEnrolment): the service's enrolments of the
 *   years the entry may concern
 * @claimed: (nullable): ids (strings) of objects other sent entries created: never
 *   taken for this entry's effect
 * @out_found: (out) (transfer none): the object showing the effect, for FOUND
 *
 * Looks for what @entry did on the service. A creation is matched on what it created: an
 * order by voucher type and quantity, made between the entry's first and last attempt (a
 * day either side); a worker by name, status, national register number and e-mail; a
 * booking by worker, course and session, made between the attempts. A change to an
 * existing object (cancel, edit, archive, attendance) is found when that object shows it.
 *
 * Returns: FOUND (with @out_found set), ABSENT or AMBIGUOUS
 */
ChqOutboxEffect
chq_outbox_find_effect (ChqOutboxEntry  *entry,
                        GPtrArray       *orders,
                        GPtrArray       *workers,
                        GPtrArray       *enrolments,
                        GHashTable      *claimed,
                        GObject        **out_found)
{
  g_autoptr(JsonNode) payload = NULL;
  const char *target;
  gpointer object;

  g_return_val_if_fail (CHQ_IS_OUTBOX_ENTRY (entry), CHQ_OUTBOX_EFFECT_ABSENT);
  g_return_val_if_fail (out_found != NULL, CHQ_OUTBOX_EFFECT_ABSENT);

  *out_found = NULL;
  payload = chq_outbox_entry_dup_payload (entry);
  target = chq_outbox_entry_get_target_id (entry);

  switch (chq_outbox_entry_get_kind (entry))
    {
    case CHQ_OUTBOX_KIND_CREATE_ORDER:
      return find_created_order (entry, payload, orders, claimed, out_found);

    case CHQ_OUTBOX_KIND_CANCEL_ORDER:
      object = find_by_id (orders, target, order_id);
      return found_if (object != NULL &&
                       chq_order_get_status (object) == CHQ_ORDER_STATUS_CANCELLED,
                       object, out_found);

    case CHQ_OUTBOX_KIND_CREATE_WORKER:
      return find_created_worker (payload, workers, claimed, out_found);

    case CHQ_OUTBOX_KIND_UPDATE_WORKER:
      {
        g_autoptr(ChqWorker) wanted = NULL;

        object = find_by_id (workers, target, worker_id);
        if (object != NULL && payload != NULL)
          wanted = chq_worker_request_from_json (payload, NULL);
        return found_if (wanted != NULL && same_worker_fields (wanted, object),
                         object, out_found);
      }

    case CHQ_OUTBOX_KIND_ARCHIVE_WORKER:
      object = find_by_id (workers, target, worker_id);
      return found_if (object != NULL && chq_worker_get_archived (object), object, out_found);

    case CHQ_OUTBOX_KIND_CREATE_ENROLMENT:
      return find_created_enrolment (entry, payload, enrolments, claimed, out_found);

    case CHQ_OUTBOX_KIND_CANCEL_ENROLMENT:
      object = find_by_id (enrolments, target, enrolment_id);
      return found_if (object != NULL &&
                       chq_enrolment_get_status (object) == CHQ_ENROLMENT_STATUS_CANCELLED,
                       object, out_found);

    case CHQ_OUTBOX_KIND_RECORD_ATTENDANCE:
      object = find_by_id (enrolments, target, enrolment_id);
      return found_if (object != NULL && attendance_recorded (payload, object),
                       object, out_found);

    default:
      g_return_val_if_reached (CHQ_OUTBOX_EFFECT_ABSENT);
    }
}

/**
 * chq_outbox_effect_message:
 * @kind: what the entry asked for
 * @effect: ABSENT or AMBIGUOUS
 *
 * Returns: (transfer full): why the entry was not sent and what to do, translated
 */
char *
chq_outbox_effect_message (ChqOutboxKind   kind,
                           ChqOutboxEffect effect)
{
  gboolean several = effect == CHQ_OUTBOX_EFFECT_AMBIGUOUS;
  guint days = CHQ_API_IDEMPOTENCY_DAYS;

  switch (chq_outbox_effect_lists (kind))
    {
    case CHQ_OUTBOX_LIST_ORDERS:
      if (several)
        return g_strdup_printf (ngettext ("This change waited more than %u day to be sent, and "
                                          "the service no longer recognises it: several of your "
                                          "orders look like it. Check your orders, then send "
                                          "it again or discard it.",
                                          "This change waited more than %u days to be sent, and "
                                          "the service no longer recognises it: several of your "
                                          "orders look like it. Check your orders, then send "
                                          "it again or discard it.", days), days);
      return g_strdup_printf (ngettext ("This change waited more than %u day to be sent, and "
                                        "the service no longer recognises it: it is not among "
                                        "your orders. Check your orders, then send it again or "
                                        "discard it.",
                                        "This change waited more than %u days to be sent, and "
                                        "the service no longer recognises it: it is not among "
                                        "your orders. Check your orders, then send it again or "
                                        "discard it.", days), days);

    case CHQ_OUTBOX_LIST_WORKERS:
      if (several)
        return g_strdup_printf (ngettext ("This change waited more than %u day to be sent, and "
                                          "the service no longer recognises it: several of your "
                                          "workers look like it. Check your workers, then send "
                                          "it again or discard it.",
                                          "This change waited more than %u days to be sent, and "
                                          "the service no longer recognises it: several of your "
                                          "workers look like it. Check your workers, then send "
                                          "it again or discard it.", days), days);
      return g_strdup_printf (ngettext ("This change waited more than %u day to be sent, and "
                                        "the service no longer recognises it: your workers do "
                                        "not show it. Check your workers, then send it again "
                                        "or discard it.",
                                        "This change waited more than %u days to be sent, and "
                                        "the service no longer recognises it: your workers do "
                                        "not show it. Check your workers, then send it again "
                                        "or discard it.", days), days);

    case CHQ_OUTBOX_LIST_ENROLMENTS:
    default:
      if (several)
        return g_strdup_printf (ngettext ("This change waited more than %u day to be sent, and "
                                          "the service no longer recognises it: several of your "
                                          "bookings look like it. Check your bookings, then "
                                          "send it again or discard it.",
                                          "This change waited more than %u days to be sent, and "
                                          "the service no longer recognises it: several of your "
                                          "bookings look like it. Check your bookings, then "
                                          "send it again or discard it.", days), days);
      return g_strdup_printf (ngettext ("This change waited more than %u day to be sent, and "
                                        "the service no longer recognises it: your bookings do "
                                        "not show it. Check your bookings, then send it again "
                                        "or discard it.",
                                        "This change waited more than %u days to be sent, and "
                                        "the service no longer recognises it: your bookings do "
                                        "not show it. Check your bookings, then send it again "
                                        "or discard it.", days), days);
    }
}

/* Reading the lists an entry's effect may show in: asked for together. */

typedef struct {
  GPtrArray *orders;      /* owned, nullable */
  GPtrArray *workers;     /* owned, nullable */
  GPtrArray *enrolments;  /* owned, nullable: every year asked for, together */
  guint      n_waiting;   /* requests not answered yet, plus one while asking */
  GError    *error;       /* owned, nullable: the first failure */
} FetchLists;

static void
fetch_lists_free (FetchLists *fetch)
{
  g_clear_pointer (&fetch->orders, g_ptr_array_unref);
  g_clear_pointer (&fetch->workers, g_ptr_array_unref);
  g_clear_pointer (&fetch->enrolments, g_ptr_array_unref);
  g_clear_error (&fetch->error);
  g_free (fetch);
}

/* Takes @task's reference when the last answer is in. */
static void
fetch_lists_answered (GTask *task)
{
  FetchLists *fetch = g_task_get_task_data (task);

  if (--fetch->n_waiting > 0)
    return;

  if (fetch->error != NULL)
    g_task_return_error (task, g_steal_pointer (&fetch->error));
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
fetch_lists_failed (FetchLists *fetch,
                    GError     *error,
                    const char *what)
{
  if (error == NULL)
    error = g_error_new_literal (CHQ_CLIENT_ERROR, CHQ_CLIENT_ERROR_INVALID_RESPONSE, what);
  if (fetch->error == NULL)
    fetch->error = error;
  else
    g_error_free (error);
}

static void
on_orders_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  FetchLists *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->orders = chq_client_list_orders_finish (CHQ_CLIENT (object), result, NULL, &error);
  if (fetch->orders == NULL)
    fetch_lists_failed (fetch, error, _("The service did not send the list of orders."));
  fetch_lists_answered (task);
}

static void
on_workers_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  FetchLists *fetch = g_task_get_task_data (task);
  GError *error = NULL;

  fetch->workers = chq_client_list_workers_finish (CHQ_CLIENT (object), result, NULL, &error);
  if (fetch->workers == NULL)
    fetch_lists_failed (fetch, error, _("The service did not send the list of workers."));
  fetch_lists_answered (task);
}

static void
on_enrolments_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  FetchLists *fetch = g_task_get_task_data (task);
  g_autoptr(GPtrArray) year = NULL;
  GError *error = NULL;

  year = chq_client_list_enrolments_finish (CHQ_CLIENT (object), result, NULL, &error);
  if (year == NULL)
    fetch_lists_failed (fetch, error, _("The service did not send the list of bookings."));
  else
    g_ptr_array_extend_and_steal (fetch->enrolments, g_steal_pointer (&year));
  fetch_lists_answered (task);
}

/**
 * chq_outbox_fetch_lists_async:
 * @client: the signed-in client
 * @entry: an entry whose first attempt is past the service's idempotency window
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once every list has come, or one failed
 * @user_data: data for @callback
 *
 * Reads the lists of the service where @entry's effect may show
 * (chq_outbox_effect_lists()), whole (no ETag): orders, workers, or the bookings of the
 * year of the first attempt and the years on either side (a booking is for a session of
 * the coming months; attendance and cancelling for one of the past months). Use it from
 * the client's main context.
 */
void
chq_outbox_fetch_lists_async (ChqClient           *client,
                              ChqOutboxEntry      *entry,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  FetchLists *fetch;
  ChqOutboxLists lists;
  GDateTime *first;
  int year;

  g_return_if_fail (CHQ_IS_CLIENT (client));
  g_return_if_fail (CHQ_IS_OUTBOX_ENTRY (entry));

  lists = chq_outbox_effect_lists (chq_outbox_entry_get_kind (entry));
  first = chq_outbox_entry_get_first_attempt_at (entry);
  if (first == NULL)
    first = chq_outbox_entry_get_created_at (entry);
  year = g_date_time_get_year (first);

  fetch = g_new0 (FetchLists, 1);
  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_outbox_fetch_lists_async);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_lists_free);

  /* One count for the asking itself, dropped below: no early answer ends it. */
  fetch->n_waiting = 1;
  if (lists & CHQ_OUTBOX_LIST_ORDERS)
    {
      fetch->n_waiting++;
      chq_client_list_orders_async (client, NULL, cancellable, on_orders_cb, task);
    }
  if (lists & CHQ_OUTBOX_LIST_WORKERS)
    {
      fetch->n_waiting++;
      chq_client_list_workers_async (client, NULL, cancellable, on_workers_cb, task);
    }
  if (lists & CHQ_OUTBOX_LIST_ENROLMENTS)
    {
      fetch->enrolments = g_ptr_array_new_with_free_func (g_object_unref);
      for (int y = year - 1; y <= year + 1; y++)
        {
          fetch->n_waiting++;
          chq_client_list_enrolments_async (client, y, NULL, cancellable, on_enrolments_cb,
                                            task);
        }
    }

  fetch_lists_answered (task);
}

/**
 * chq_outbox_fetch_lists_finish:
 * @client: the client
 * @result: the #GAsyncResult
 * @out_orders: (out) (transfer full) (nullable): the orders, if asked for
 * @out_workers: (out) (transfer full) (nullable): the workers, if asked for
 * @out_enrolments: (out) (transfer full) (nullable): the bookings, if asked for
 * @error: return location for a #GError: the first request's failure
 *
 * Returns: %TRUE when every list asked for came
 */
gboolean
chq_outbox_fetch_lists_finish (ChqClient     *client,
                               GAsyncResult  *result,
                               GPtrArray    **out_orders,
                               GPtrArray    **out_workers,
                               GPtrArray    **out_enrolments,
                               GError       **error)
{
  FetchLists *fetch;

  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  *out_orders = NULL;
  *out_workers = NULL;
  *out_enrolments = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  fetch = g_task_get_task_data (G_TASK (result));
  *out_orders = g_steal_pointer (&fetch->orders);
  *out_workers = g_steal_pointer (&fetch->workers);
  *out_enrolments = g_steal_pointer (&fetch->enrolments);
  return TRUE;
}
