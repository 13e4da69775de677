/* chq-backend.c: one signed-in account's client, store, outbox and sync engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-backend"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chq-backend.h"
#include "chq-client.h"
#include "chq-json.h"
#include "chq-secret.h"

/* The backend ties together what one account needs: the client that talks to its service,
 * the cache of what that service sent (one file per service and account), the outbox of
 * writes (shared by all accounts, entries keyed by account) and the sync engine. Every
 * write the UI makes is an intent: committed to the outbox here, then sent by the sync. */
struct _ChqBackend
{
  GObject    parent_instance;

  char      *service_uri;        /* owned: where requests go */
  char      *data_key;           /* owned: what names this account's data (the address of a
                                  * real service; a stable word for the demo sandbox, whose
                                  * port changes at every start) */
  char      *enterprise_number;  /* owned, 10 digits */
  char      *account_key;        /* owned, the outbox's key of this account */
  ChqClient *client;             /* owned */
  ChqStore  *store;              /* owned */
  ChqOutbox *outbox;             /* owned */
  ChqSync   *sync;               /* owned */
  gboolean   demo;
};

G_DEFINE_FINAL_TYPE (ChqBackend, chq_backend, G_TYPE_OBJECT)

static void
chq_backend_dispose (GObject *object)
{
  ChqBackend *self = CHQ_BACKEND (object);

  if (self->sync != NULL)
    {
      chq_sync_stop_periodic (self->sync);
      chq_sync_cancel (self->sync);
    }
  g_clear_object (&self->sync);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (chq_backend_parent_class)->dispose (object);
}

static void
chq_backend_finalize (GObject *object)
{
  ChqBackend *self = CHQ_BACKEND (object);

  g_free (self->service_uri);
  g_free (self->data_key);
  g_free (self->enterprise_number);
  g_free (self->account_key);

  G_OBJECT_CLASS (chq_backend_parent_class)->finalize (object);
}

static void
chq_backend_class_init (ChqBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chq_backend_dispose;
  object_class->finalize = chq_backend_finalize;
}

static void
chq_backend_init (ChqBackend *self)
{
}

/**
 * chq_backend_new:
 * @service_uri: the address of the voucher service
 * @data_key: what names this account's data: usually @service_uri
 * @enterprise_number: the account's enterprise number, 10 digits
 * @outbox_path: (nullable): the outbox database, %NULL for the default place
 * @error: return location for a #GError
 *
 * Opens the account's cache (creating it at the first use) and the outbox. Nothing is sent
 * before a token is set by chq_backend_sign_in_async() or chq_backend_restore_async(), so
 * the UI can show the cached data at once.
 *
 * Returns: (transfer full) (nullable): the backend, or %NULL with @error set (an address that
 *   is not https, a cache or outbox that cannot be opened).
 */
ChqBackend *
chq_backend_new (const char  *service_uri,
                 const char  *data_key,
                 const char  *enterprise_number,
                 const char  *outbox_path,
                 GError     **error)
{
  g_autoptr(ChqBackend) self = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *default_outbox = NULL;

  g_return_val_if_fail (service_uri != NULL, NULL);
  g_return_val_if_fail (data_key != NULL, NULL);
  g_return_val_if_fail (enterprise_number != NULL, NULL);

  self = g_object_new (CHQ_TYPE_BACKEND, NULL);
  self->service_uri = g_strdup (service_uri);
  self->data_key = g_strdup (data_key);
  self->enterprise_number = g_strdup (enterprise_number);
  self->account_key = chq_outbox_account_key (data_key, enterprise_number);

  self->client = chq_client_new (service_uri, error);
  if (self->client == NULL)
    return NULL;

  store_path = chq_store_path_for (data_key, enterprise_number);
  self->store = chq_store_open (store_path, error);
  if (self->store == NULL)
    return NULL;

  if (outbox_path == NULL)
    outbox_path = default_outbox = chq_outbox_default_path ();
  self->outbox = chq_outbox_open (outbox_path, error);
  if (self->outbox == NULL)
    return NULL;

  self->sync = chq_sync_new (self->client, self->store, self->outbox, self->account_key);

  return g_steal_pointer (&self);
}

const char *
chq_backend_get_service_uri (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), NULL);
  return self->service_uri;
}

const char *
chq_backend_get_data_key (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), NULL);
  return self->data_key;
}

const char *
chq_backend_get_enterprise_number (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), NULL);
  return self->enterprise_number;
}

const char *
chq_backend_get_account_key (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), NULL);
  return self->account_key;
}

ChqClient *
chq_backend_get_client (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), NULL);
  return self->client;
}

/**
 * chq_backend_has_token:
 * @self: a #ChqBackend
 *
 * Returns: %TRUE when the account has a session (signed in, or one kept in the keyring
 *   was found), so that it can sync
 */
gboolean
chq_backend_has_token (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), FALSE);

  return chq_client_has_token (self->client);
}

static void
on_paid_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  ChqOrder *order;

  order = chq_client_sandbox_pay_order_finish (CHQ_CLIENT (source), result, &error);
  if (order == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, order, g_object_unref);
}

/**
 * chq_backend_simulate_payment_async:
 * @self: a #ChqBackend (of a sandbox: the real service has no such call)
 * @order_id: the order awaiting payment
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the order as it is once paid
 * @user_data: data for @callback
 *
 * Asks the sandbox to act as if the bank transfer of @order_id had arrived: the order is
 * paid and its vouchers are credited. Sent at once, not through the outbox: it is not the
 * user's intent but a stand-in for the bank.
 */
void
chq_backend_simulate_payment_async (ChqBackend          *self,
                                    const char          *order_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CHQ_IS_BACKEND (self));
  g_return_if_fail (order_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_backend_simulate_payment_async);
  chq_client_sandbox_pay_order_async (self->client, order_id, cancellable, on_paid_cb, task);
}

/**
 * chq_backend_simulate_payment_finish:
 * @self: a #ChqBackend
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the order once paid, or %NULL with @error set
 */
ChqOrder *
chq_backend_simulate_payment_finish (ChqBackend    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ChqStore *
chq_backend_get_store (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), NULL);
  return self->store;
}

ChqOutbox *
chq_backend_get_outbox (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), NULL);
  return self->outbox;
}

ChqSync *
chq_backend_get_sync (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), NULL);
  return self->sync;
}

/**
 * chq_backend_is_demo:
 * @self: a #ChqBackend
 *
 * Returns: whether this backend talks to the embedded demo sandbox (the UI says so, and
 *   offers "Simulate payment").
 */
gboolean
chq_backend_is_demo (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), FALSE);
  return self->demo;
}

void
chq_backend_set_demo (ChqBackend *self,
                      gboolean    demo)
{
  g_return_if_fail (CHQ_IS_BACKEND (self));
  self->demo = !!demo;
}

/* Signing in */

static void
store_token_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The session works without the keyring; only the next start will ask again. */
  if (!chq_secret_store_token_finish (result, &error))
    g_warning ("Could not keep the session in the keyring: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChqBackend *self = g_task_get_source_object (task);
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  account = chq_client_sign_in_finish (CHQ_CLIENT (source), result, &token, &expires_at, &error);
  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  chq_client_set_token (self->client, token);
  if (!chq_store_set_account (self->store, account, &error))
    g_warning ("Could not cache the account: %s", error->message);

  if (self->demo)
    {
      /* The demo sandbox signs in again at every start: nothing to keep. */
      g_task_return_boolean (task, TRUE);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  chq_secret_store_token_async (self->data_key, self->enterprise_number, token, cancellable,
                                store_token_cb, g_steal_pointer (&task));
}

/**
 * chq_backend_sign_in_async:
 * @self: a #ChqBackend
 * @password: the account's password
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Opens a session with the service. The token goes to the client and to the keyring (never
 * to a file, a setting or a log); the account as the service describes it goes to the cache.
 */
void
chq_backend_sign_in_async (ChqBackend          *self,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHQ_IS_BACKEND (self));
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_backend_sign_in_async);

  chq_client_sign_in_async (self->client, self->enterprise_number, password, cancellable,
                            sign_in_cb, g_steal_pointer (&task));
}

gboolean
chq_backend_sign_in_finish (ChqBackend    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_token_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChqBackend *self = g_task_get_source_object (task);
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  token = chq_secret_lookup_token_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (token != NULL)
    chq_client_set_token (self->client, token);

  g_task_return_boolean (task, token != NULL);
}

/**
 * chq_backend_restore_async:
 * @self: a #ChqBackend
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Looks the account's token up in the keyring, for a start without signing in again.
 * Finishes with %TRUE when a token was found (it may still have expired: the sync then
 * reports %CHQ_SYNC_STATE_UNAUTHORIZED), %FALSE without error when there is none.
 */
void
chq_backend_restore_async (ChqBackend          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHQ_IS_BACKEND (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_backend_restore_async);

  chq_secret_lookup_token_async (self->data_key, self->enterprise_number, cancellable,
                                 lookup_token_cb, g_steal_pointer (&task));
}

gboolean
chq_backend_restore_finish (ChqBackend    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_token_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChqBackend *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!chq_secret_clear_token_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  chq_client_set_token (self->client, NULL);

  /* The cache of this account goes; the outbox stays (the caller asked the user first
   * when it holds unsent entries). */
  if (!chq_store_clear (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * chq_backend_sign_out_async:
 * @self: a #ChqBackend
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Stops syncing, removes the token from the keyring and empties this account's cache. The
 * outbox keeps its entries: ask the user before when chq_backend_count_unsent() is not 0.
 */
void
chq_backend_sign_out_async (ChqBackend          *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHQ_IS_BACKEND (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_backend_sign_out_async);

  chq_sync_stop_periodic (self->sync);
  chq_sync_cancel (self->sync);

  chq_secret_clear_token_async (self->data_key, self->enterprise_number, cancellable,
                                clear_token_cb, g_steal_pointer (&task));
}

gboolean
chq_backend_sign_out_finish (ChqBackend    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * chq_backend_count_unsent:
 * @self: a #ChqBackend
 *
 * Returns: the entries of this account still waiting in the outbox (pending or sending).
 */
guint
chq_backend_count_unsent (ChqBackend *self)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  return chq_outbox_count_pending (self->outbox, self->account_key);
}

/* Intents: each is committed to the outbox before anything is sent, then the sync engine is
 * asked to run (it sends in order, with the entry's idempotency key). The UI uses the
 * _async calls: the commit waits for the disk on a thread while the outbox already lists
 * the entry as waiting to be sent. Each synchronous call does the same in one go. */

/* @payload: (transfer full) (nullable) */
static gint64
add_intent (ChqBackend     *self,
            ChqOutboxKind   kind,
            const char     *target_id,
            JsonNode       *payload,
            GError        **error)
{
  g_autoptr(JsonNode) owned = payload;
  gint64 id;

  id = chq_outbox_add (self->outbox, self->account_key, kind, target_id, payload, error);
  if (id > 0)
    chq_sync_request (self->sync);

  return id;
}

static void
on_intent_added_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ChqBackend *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = chq_outbox_add_finish (CHQ_OUTBOX (source), result, &error);
  if (id <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->sync != NULL)
    chq_sync_request (self->sync);
  g_task_return_pointer (task, g_memdup2 (&id, sizeof id), g_free);
}

/* @payload: (transfer full) (nullable). Returns: the id the entry is listed with at once. */
static gint64
add_intent_async (ChqBackend          *self,
                  ChqOutboxKind        kind,
                  const char          *target_id,
                  JsonNode            *payload,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(JsonNode) owned = payload;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, add_intent_async);
  /* Not @cancellable: once asked for, the entry is committed and the engine told. */
  return chq_outbox_add_async (self->outbox, self->account_key, kind, target_id, payload, NULL,
                               on_intent_added_cb, g_steal_pointer (&task));
}

/**
 * chq_backend_intent_finish:
 * @self: a #ChqBackend
 * @result: the #GAsyncResult of one of the _async intents (chq_backend_order_vouchers_async(),
 *   ...)
 * @error: return location for a #GError
 *
 * Returns: the outbox entry's id, or 0 with @error set (the entry could not be kept on
 *   disk, and left the outbox's lists)
 */
gint64
chq_backend_intent_finish (ChqBackend    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autofree gint64 *id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == add_intent_async, 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id != NULL ? *id : 0;
}

/**
 * chq_backend_order_vouchers:
 * @self: a #ChqBackend
 * @voucher_type: the type of voucher
 * @quantity: how many, at least 1
 * @error: return location for a #GError
 *
 * Queues an order. The server checks the ceiling again when the order arrives.
 *
 * Returns: the outbox entry's id, or 0 with @error set.
 */
gint64
chq_backend_order_vouchers (ChqBackend      *self,
                            ChqVoucherType   voucher_type,
                            guint            quantity,
                            GError         **error)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (quantity > 0, 0);

  return add_intent (self, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL,
                     chq_order_request_to_json (voucher_type, quantity), error);
}

/**
 * chq_backend_order_vouchers_async:
 * @self: a #ChqBackend
 * @voucher_type: the type of voucher
 * @quantity: how many, at least 1
 * @cancellable: (nullable): stops waiting only: the entry is kept all the same
 * @callback: called once the entry is on disk; finish with chq_backend_intent_finish()
 * @user_data: data for @callback
 *
 * chq_backend_order_vouchers() without waiting for the disk: the outbox lists the order
 * as waiting to be sent at once. The other _async intents do the same for their
 * synchronous twins.
 *
 * Returns: the id of the outbox entry, listed at once (chq_backend_intent_finish() gives
 *   the id it has on disk: the same, unless another process took it meanwhile)
 */
gint64
chq_backend_order_vouchers_async (ChqBackend          *self,
                                  ChqVoucherType       voucher_type,
                                  guint                quantity,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (quantity > 0, 0);

  return add_intent_async (self, CHQ_OUTBOX_KIND_CREATE_ORDER, NULL,
                           chq_order_request_to_json (voucher_type, quantity),
                           cancellable, callback, user_data);
}

/**
 * chq_backend_submit_async:
 * @self: a #ChqBackend
 * @kind: an intent that needs no body: %CHQ_OUTBOX_KIND_CANCEL_ORDER,
 *   %CHQ_OUTBOX_KIND_ARCHIVE_WORKER or %CHQ_OUTBOX_KIND_CANCEL_ENROLMENT
 * @target_id: the order, worker or booking acted on
 * @cancellable: (nullable): stops waiting only: the entry is kept all the same
 * @callback: called once the entry is on disk; finish with chq_backend_intent_finish()
 * @user_data: data for @callback
 *
 * chq_backend_cancel_order(), chq_backend_archive_worker() or chq_backend_cancel_booking()
 * without waiting for the disk, as chq_backend_order_vouchers_async().
 *
 * Returns: the id of the outbox entry, listed at once
 */
gint64
chq_backend_submit_async (ChqBackend          *self,
                          ChqOutboxKind        kind,
                          const char          *target_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (kind == CHQ_OUTBOX_KIND_CANCEL_ORDER ||
                        kind == CHQ_OUTBOX_KIND_ARCHIVE_WORKER ||
                        kind == CHQ_OUTBOX_KIND_CANCEL_ENROLMENT, 0);
  g_return_val_if_fail (target_id != NULL, 0);

  return add_intent_async (self, kind, target_id, NULL, cancellable, callback, user_data);
}

gint64
chq_backend_cancel_order (ChqBackend  *self,
                          const char  *order_id,
                          GError     **error)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (order_id != NULL, 0);

  return add_intent (self, CHQ_OUTBOX_KIND_CANCEL_ORDER, order_id, NULL, error);
}

gint64
chq_backend_add_worker (ChqBackend  *self,
                        ChqWorker   *worker,
                        GError     **error)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (CHQ_IS_WORKER (worker), 0);

  return add_intent (self, CHQ_OUTBOX_KIND_CREATE_WORKER, NULL,
                     chq_worker_request_to_json (worker), error);
}

gint64
chq_backend_add_worker_async (ChqBackend          *self,
                              ChqWorker           *worker,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (CHQ_IS_WORKER (worker), 0);

  return add_intent_async (self, CHQ_OUTBOX_KIND_CREATE_WORKER, NULL,
                           chq_worker_request_to_json (worker), cancellable, callback, user_data);
}

gint64
chq_backend_update_worker (ChqBackend  *self,
                           ChqWorker   *worker,
                           GError     **error)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (CHQ_IS_WORKER (worker), 0);
  g_return_val_if_fail (chq_worker_get_id (worker) != NULL, 0);

  return add_intent (self, CHQ_OUTBOX_KIND_UPDATE_WORKER, chq_worker_get_id (worker),
                     chq_worker_request_to_json (worker), error);
}

gint64
chq_backend_update_worker_async (ChqBackend          *self,
                                 ChqWorker           *worker,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (CHQ_IS_WORKER (worker), 0);
  g_return_val_if_fail (chq_worker_get_id (worker) != NULL, 0);

  return add_intent_async (self, CHQ_OUTBOX_KIND_UPDATE_WORKER, chq_worker_get_id (worker),
                           chq_worker_request_to_json (worker), cancellable, callback, user_data);
}

gint64
chq_backend_archive_worker (ChqBackend  *self,
                            const char  *worker_id,
                            GError     **error)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (worker_id != NULL, 0);

  return add_intent (self, CHQ_OUTBOX_KIND_ARCHIVE_WORKER, worker_id, NULL, error);
}

gint64
chq_backend_book (ChqBackend  *self,
                  const char  *worker_id,
                  const char  *course_id,
                  const char  *session_id,
                  GError     **error)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (worker_id != NULL && course_id != NULL && session_id != NULL, 0);

  return add_intent (self, CHQ_OUTBOX_KIND_CREATE_ENROLMENT, NULL,
                     chq_enrolment_request_to_json (worker_id, course_id, session_id), error);
}

gint64
chq_backend_book_async (ChqBackend          *self,
                        const char          *worker_id,
                        const char          *course_id,
                        const char          *session_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (worker_id != NULL && course_id != NULL && session_id != NULL, 0);

  return add_intent_async (self, CHQ_OUTBOX_KIND_CREATE_ENROLMENT, NULL,
                           chq_enrolment_request_to_json (worker_id, course_id, session_id),
                           cancellable, callback, user_data);
}

gint64
chq_backend_cancel_booking (ChqBackend  *self,
                            const char  *enrolment_id,
                            GError     **error)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (enrolment_id != NULL, 0);

  return add_intent (self, CHQ_OUTBOX_KIND_CANCEL_ENROLMENT, enrolment_id, NULL, error);
}

/**
 * chq_backend_record_attendance:
 * @self: a #ChqBackend
 * @enrolment_id: the booking
 * @days: (element-type ChqAttendanceDay): the hours attended per day
 * @error: return location for a #GError
 *
 * Queues the attendance of a past session; the caller checked the daily caps with
 * chq_rules_check_day_hours() (the server checks them again).
 *
 * Returns: the outbox entry's id, or 0 with @error set.
 */
gint64
chq_backend_record_attendance (ChqBackend  *self,
                               const char  *enrolment_id,
                               GArray      *days,
                               GError     **error)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (enrolment_id != NULL, 0);
  g_return_val_if_fail (days != NULL, 0);

  return add_intent (self, CHQ_OUTBOX_KIND_RECORD_ATTENDANCE, enrolment_id,
                     chq_attendance_request_to_json (days), error);
}

gint64
chq_backend_record_attendance_async (ChqBackend          *self,
                                     const char          *enrolment_id,
                                     GArray              *days,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (self), 0);
  g_return_val_if_fail (enrolment_id != NULL, 0);
  g_return_val_if_fail (days != NULL, 0);

  return add_intent_async (self, CHQ_OUTBOX_KIND_RECORD_ATTENDANCE, enrolment_id,
                           chq_attendance_request_to_json (days), cancellable, callback, user_data);
}
