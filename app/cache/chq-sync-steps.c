/* chq-sync-steps.c: the steps of a sync run, and the collections fetched whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run walks _chq_sync_steps in order: the outbox first (chq-sync-outbox.c), then each
 * collection of the service. The account, orders, wallet, workers and enrolments come
 * whole, with their ETag, and replace what the store had; the course feed comes by pages
 * (chq-sync-courses.c).
 */
#define G_LOG_DOMAIN "chq-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-clock.h"
#include "chq-sync-private.h"

static void
on_account_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(ChqAccount) account = NULL;
  ChqSyncWrite *write;

  account = chq_client_get_account_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (_chq_sync_run_handle_fetch_error (run, error))
    return;

  write = _chq_sync_write_new (run, CHQ_STORE_ACCOUNT, g_steal_pointer (&etag));
  write->account = g_steal_pointer (&account);
  _chq_sync_run_save (run, write);
}

static void
start_account (ChqSyncRun *run)
{
  ChqSync *self = run->self;
  g_autofree char *etag = chq_store_get_etag (self->store, CHQ_STORE_ACCOUNT);

  chq_client_get_account_async (self->client, etag, run->cancellable, on_account_cb, run);
}

static gboolean
apply_account (ChqStore      *store,
               ChqSyncWrite  *write,
               GError       **error)
{
  return chq_store_set_account (store, write->account, error);
}

static void
on_orders_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  ChqSyncWrite *write;

  orders = chq_client_list_orders_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (_chq_sync_run_handle_fetch_error (run, error))
    return;

  write = _chq_sync_write_new (run, CHQ_STORE_ORDERS, g_steal_pointer (&etag));
  write->objects = g_steal_pointer (&orders);
  _chq_sync_run_save (run, write);
}

static void
start_orders (ChqSyncRun *run)
{
  ChqSync *self = run->self;
  g_autofree char *etag = chq_store_get_etag (self->store, CHQ_STORE_ORDERS);

  chq_client_list_orders_async (self->client, etag, run->cancellable, on_orders_cb, run);
}

static gboolean
apply_orders (ChqStore      *store,
              ChqSyncWrite  *write,
              GError       **error)
{
  return chq_store_replace_orders (store, write->objects, error);
}

static void
on_wallet_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(ChqWallet) wallet = NULL;
  ChqSyncWrite *write;

  wallet = chq_client_get_wallet_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (_chq_sync_run_handle_fetch_error (run, error))
    return;

  write = _chq_sync_write_new (run, CHQ_STORE_WALLET, g_steal_pointer (&etag));
  write->wallet = g_steal_pointer (&wallet);
  _chq_sync_run_save (run, write);
}

static void
start_wallet (ChqSyncRun *run)
{
  ChqSync *self = run->self;
  g_autofree char *etag = chq_store_get_etag (self->store, CHQ_STORE_WALLET);

  chq_client_get_wallet_async (self->client, etag, run->cancellable, on_wallet_cb, run);
}

static gboolean
apply_wallet (ChqStore      *store,
              ChqSyncWrite  *write,
              GError       **error)
{
  return chq_store_replace_wallet (store, write->wallet, error);
}

static void
on_workers_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GPtrArray) workers = NULL;
  ChqSyncWrite *write;

  workers = chq_client_list_workers_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (_chq_sync_run_handle_fetch_error (run, error))
    return;

  write = _chq_sync_write_new (run, CHQ_STORE_WORKERS, g_steal_pointer (&etag));
  write->objects = g_steal_pointer (&workers);
  _chq_sync_run_save (run, write);
}

static void
start_workers (ChqSyncRun *run)
{
  ChqSync *self = run->self;
  g_autofree char *etag = chq_store_get_etag (self->store, CHQ_STORE_WORKERS);

  chq_client_list_workers_async (self->client, etag, run->cancellable, on_workers_cb, run);
}

static gboolean
apply_workers (ChqStore      *store,
               ChqSyncWrite  *write,
               GError       **error)
{
  return chq_store_replace_workers (store, write->objects, error);
}

static void
on_enrolments_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ChqSyncRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *collection = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  ChqSyncWrite *write;

  enrolments = chq_client_list_enrolments_finish (CHQ_CLIENT (object), result, &etag, &error);
  if (_chq_sync_run_handle_fetch_error (run, error))
    return;

  collection = chq_store_enrolments_collection (run->year);
  write = _chq_sync_write_new (run, collection, g_steal_pointer (&etag));
  write->objects = g_steal_pointer (&enrolments);
  _chq_sync_run_save (run, write);
}

static int
current_year (ChqSync *self)
{
  g_autoptr(GDateTime) now = NULL;

  if (self->current_year > 0)
    return self->current_year;

  now = chq_clock_now_local ();
  return g_date_time_get_year (now);
}

/* Bookings on sessions of next year are made this year: they are fetched too. */
static void
start_enrolments (ChqSyncRun *run)
{
  ChqSync *self = run->self;
  g_autofree char *etag = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *activity = NULL;

  run->year = current_year (self) + _chq_sync_steps[run->step].year_offset;
  /* Translators: %d is a year, "2026" */
  activity = g_strdup_printf (_("Updating the training hours of %d…"), run->year);
  _chq_sync_set_activity (self, activity);
  collection = chq_store_enrolments_collection (run->year);
  etag = chq_store_get_etag (self->store, collection);
  chq_client_list_enrolments_async (self->client, run->year, etag, run->cancellable,
                                    on_enrolments_cb, run);
}

static gboolean
apply_enrolments (ChqStore      *store,
                  ChqSyncWrite  *write,
                  GError       **error)
{
  return chq_store_replace_enrolments (store, write->year, write->objects, error);
}

/* The steps of a run, in order. The outbox step sets its own progress as it sends. */
const ChqSyncStep _chq_sync_steps[CHQ_SYNC_N_STEPS] = {
  [CHQ_SYNC_STEP_OUTBOX] = {
    "outbox", -1.0, NULL, 0, _chq_sync_outbox_start, NULL },
  [CHQ_SYNC_STEP_ACCOUNT] = {
    "account", 0.10, N_("Updating your account…"), 0, start_account, apply_account },
  [CHQ_SYNC_STEP_COURSES] = {
    "courses", 0.15, N_("Downloading courses…"), 0,
    _chq_sync_courses_start, _chq_sync_courses_apply },
  [CHQ_SYNC_STEP_ORDERS] = {
    "orders", 0.80, N_("Updating your orders…"), 0, start_orders, apply_orders },
  [CHQ_SYNC_STEP_WALLET] = {
    "wallet", 0.85, N_("Updating your vouchers…"), 0, start_wallet, apply_wallet },
  [CHQ_SYNC_STEP_WORKERS] = {
    "workers", 0.90, N_("Updating your workers…"), 0, start_workers, apply_workers },
  [CHQ_SYNC_STEP_ENROLMENTS_THIS_YEAR] = {
    "enrolments of this year", 0.93, NULL, 0, start_enrolments, apply_enrolments },
  [CHQ_SYNC_STEP_ENROLMENTS_LAST_YEAR] = {
    "enrolments of last year", 0.95, NULL, -1, start_enrolments, apply_enrolments },
  [CHQ_SYNC_STEP_ENROLMENTS_NEXT_YEAR] = {
    "enrolments of next year", 0.97, NULL, +1, start_enrolments, apply_enrolments },
};
