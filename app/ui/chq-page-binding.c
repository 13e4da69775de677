/* chq-page-binding.c: what a page keeps of the account it shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-page-binding"

#include "config.h"

#include "chq-page-binding.h"

/* A page connects its handlers to the signal groups once; they follow the backend from
 * then on. Each backend gets a new cancellable, cancelled when the backend changes and on
 * dispose, so that no read of a previous account comes back to the page. */
struct _ChqPageBinding
{
  GObject       parent_instance;

  ChqBackend   *backend;         /* owned, nullable */
  GCancellable *cancellable;     /* owned: the reads for this backend */
  GListModel   *outbox_entries;  /* owned, nullable: the account's waiting and refused entries */
  GSignalGroup *store_signals;   /* owned, of the backend's ChqStore */
  GSignalGroup *outbox_signals;  /* owned, of the backend's ChqOutbox */
  GSignalGroup *sync_signals;    /* owned, of the backend's ChqSync */
  GSignalGroup *entries_signals; /* owned, of outbox_entries */
};

G_DEFINE_FINAL_TYPE (ChqPageBinding, chq_page_binding, G_TYPE_OBJECT)

static void
chq_page_binding_dispose (GObject *object)
{
  ChqPageBinding *self = CHQ_PAGE_BINDING (object);

  chq_page_binding_set_backend (self, NULL);
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (chq_page_binding_parent_class)->dispose (object);
}

static void
chq_page_binding_finalize (GObject *object)
{
  ChqPageBinding *self = CHQ_PAGE_BINDING (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->outbox_signals);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->entries_signals);

  G_OBJECT_CLASS (chq_page_binding_parent_class)->finalize (object);
}

static void
chq_page_binding_class_init (ChqPageBindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chq_page_binding_dispose;
  object_class->finalize = chq_page_binding_finalize;
}

static void
chq_page_binding_init (ChqPageBinding *self)
{
  self->cancellable = g_cancellable_new ();
  self->store_signals = g_signal_group_new (CHQ_TYPE_STORE);
  self->outbox_signals = g_signal_group_new (CHQ_TYPE_OUTBOX);
  self->sync_signals = g_signal_group_new (CHQ_TYPE_SYNC);
  self->entries_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
}

/**
 * chq_page_binding_new:
 *
 * Creates the binding of a page to no account yet; the page connects its handlers to the
 * signal groups, then gives it the backend with chq_page_binding_set_backend().
 *
 * Returns: (transfer full): a new #ChqPageBinding
 */
ChqPageBinding *
chq_page_binding_new (void)
{
  return g_object_new (CHQ_TYPE_PAGE_BINDING, NULL);
}

/**
 * chq_page_binding_get_backend:
 * @self: a #ChqPageBinding
 *
 * Returns: (transfer none) (nullable): the backend shown, %NULL without an account
 */
ChqBackend *
chq_page_binding_get_backend (ChqPageBinding *self)
{
  g_return_val_if_fail (CHQ_IS_PAGE_BINDING (self), NULL);
  return self->backend;
}

/**
 * chq_page_binding_set_backend:
 * @self: a #ChqPageBinding
 * @backend: (nullable): the signed-in account's backend, %NULL when none
 *
 * Cancels the reads made for the previous backend, gives a new cancellable, and moves the
 * handlers of the signal groups to @backend's store, outbox and sync (none for %NULL).
 *
 * Returns: whether the backend changed
 */
gboolean
chq_page_binding_set_backend (ChqPageBinding *self,
                              ChqBackend     *backend)
{
  g_return_val_if_fail (CHQ_IS_PAGE_BINDING (self), FALSE);
  g_return_val_if_fail (backend == NULL || CHQ_IS_BACKEND (backend), FALSE);

  if (self->backend == backend)
    return FALSE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_signal_group_set_target (self->store_signals, NULL);
  g_signal_group_set_target (self->outbox_signals, NULL);
  g_signal_group_set_target (self->sync_signals, NULL);
  g_signal_group_set_target (self->entries_signals, NULL);
  g_clear_object (&self->outbox_entries);

  g_set_object (&self->backend, backend);

  if (backend != NULL)
    {
      ChqOutbox *outbox = chq_backend_get_outbox (backend);

      const char *account_key = chq_backend_get_account_key (backend);

      self->outbox_entries = g_object_ref (chq_outbox_get_model (outbox, account_key));
      g_signal_group_set_target (self->store_signals, chq_backend_get_store (backend));
      g_signal_group_set_target (self->outbox_signals, outbox);
      g_signal_group_set_target (self->sync_signals, chq_backend_get_sync (backend));
      g_signal_group_set_target (self->entries_signals, self->outbox_entries);
    }

  return TRUE;
}

/**
 * chq_page_binding_get_cancellable:
 * @self: a #ChqPageBinding
 *
 * Returns: (transfer none): the cancellable of the reads for the current backend, cancelled
 *   when the backend changes and on dispose
 */
GCancellable *
chq_page_binding_get_cancellable (ChqPageBinding *self)
{
  g_return_val_if_fail (CHQ_IS_PAGE_BINDING (self), NULL);
  return self->cancellable;
}

/**
 * chq_page_binding_get_outbox_entries:
 * @self: a #ChqPageBinding
 *
 * Returns: (transfer none) (nullable): the account's entries waiting to be sent or refused
 *   (#ChqOutboxEntry, oldest first), %NULL without a backend
 */
GListModel *
chq_page_binding_get_outbox_entries (ChqPageBinding *self)
{
  g_return_val_if_fail (CHQ_IS_PAGE_BINDING (self), NULL);
  return self->outbox_entries;
}

/**
 * chq_page_binding_get_store_signals:
 * @self: a #ChqPageBinding
 *
 * Returns: (transfer none): the handlers on the backend's #ChqStore
 */
GSignalGroup *
chq_page_binding_get_store_signals (ChqPageBinding *self)
{
  g_return_val_if_fail (CHQ_IS_PAGE_BINDING (self), NULL);
  return self->store_signals;
}

/**
 * chq_page_binding_get_outbox_signals:
 * @self: a #ChqPageBinding
 *
 * Returns: (transfer none): the handlers on the backend's #ChqOutbox
 */
GSignalGroup *
chq_page_binding_get_outbox_signals (ChqPageBinding *self)
{
  g_return_val_if_fail (CHQ_IS_PAGE_BINDING (self), NULL);
  return self->outbox_signals;
}

/**
 * chq_page_binding_get_sync_signals:
 * @self: a #ChqPageBinding
 *
 * Returns: (transfer none): the handlers on the backend's #ChqSync
 */
GSignalGroup *
chq_page_binding_get_sync_signals (ChqPageBinding *self)
{
  g_return_val_if_fail (CHQ_IS_PAGE_BINDING (self), NULL);
  return self->sync_signals;
}

/**
 * chq_page_binding_get_entries_signals:
 * @self: a #ChqPageBinding
 *
 * Returns: (transfer none): the handlers on the account's outbox entries (the #GListModel
 *   of chq_page_binding_get_outbox_entries())
 */
GSignalGroup *
chq_page_binding_get_entries_signals (ChqPageBinding *self)
{
  g_return_val_if_fail (CHQ_IS_PAGE_BINDING (self), NULL);
  return self->entries_signals;
}
