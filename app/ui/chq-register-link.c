/* chq-register-link.c: the training register of the account a backend shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register belongs to the company (its enterprise number), and every page of the
 * window, the worker dialog and the preferences use the same one: the link is kept on the
 * backend as object data, opens the register once, and says "changed" after each write the
 * interface makes so that the views read again.
 *
 * It also keeps the details typed for a worker added offline attached to that worker: they
 * are stored under the outbox entry's client UUID until the service gives the worker its
 * id; on every change of the outbox, the create-worker entries the service accepted move
 * their details to the new id (chq_register_rekey_worker_async()).
 */
#define G_LOG_DOMAIN "chq-register-link"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-clock.h"
#include "chq-outbox.h"
#include "chq-register-link.h"

#define LINK_DATA_KEY "chq-register-link"

struct _ChqRegisterLink
{
  GObject       parent_instance;

  ChqBackend   *backend;        /* unowned: the link lives as the backend's data */
  ChqRegister  *reg;            /* owned, nullable until open */
  char         *error;          /* owned, nullable */
  GCancellable *cancellable;    /* owned */
  GListModel   *outbox_model;   /* owned */
  gulong        outbox_id;
  GHashTable   *rekeyed;        /* owned: idempotency keys already moved */
  GDateTime    *today;          /* owned, nullable: a fixed clock (tests) */
  ChqStore     *store;          /* unowned, weak pointer: the store watched for the demo's workers */
  gulong        store_id;       /* waiting for the demo's workers */
  gboolean      seeded;         /* the demo's trainings are in (or on their way) */
  guint         writes;         /* demo seeds and removals under way */
  gboolean      remove_pending; /* Leave Demo came before the register was open */
};

G_DEFINE_FINAL_TYPE (ChqRegisterLink, chq_register_link, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REGISTER,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_rekeyed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ChqRegisterLink) self = user_data;
  g_autoptr(GError) error = NULL;

  if (chq_register_rekey_worker_finish (CHQ_REGISTER (source), result, &error))
    chq_register_link_changed (self);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not attach the local details to the new worker: %s", error->message);
}

/**
 * chq_register_link_rekey_sent:
 * @self: a #ChqRegisterLink
 *
 * Moves what the register keeps under the client UUID of each worker the service has now
 * created to the worker's id.
 */
void
chq_register_link_rekey_sent (ChqRegisterLink *self)
{
  g_autoptr(GPtrArray) sent = NULL;
  ChqOutbox *outbox;

  g_return_if_fail (CHQ_IS_REGISTER_LINK (self));

  if (self->reg == NULL || self->backend == NULL)
    return;

  outbox = chq_backend_get_outbox (self->backend);
  sent = chq_outbox_list (outbox, chq_backend_get_account_key (self->backend),
                          CHQ_OUTBOX_STATES_SENT);
  for (guint i = 0; sent != NULL && i < sent->len; i++)
    {
      ChqOutboxEntry *entry = g_ptr_array_index (sent, i);
      const char *key = chq_outbox_entry_get_idempotency_key (entry);
      g_autoptr(JsonNode) result = NULL;
      const char *id = NULL;

      if (chq_outbox_entry_get_kind (entry) != CHQ_OUTBOX_KIND_CREATE_WORKER ||
          key == NULL || g_hash_table_contains (self->rekeyed, key))
        continue;

      result = chq_outbox_entry_dup_result (entry);
      if (result != NULL && JSON_NODE_HOLDS_OBJECT (result))
        id = json_object_get_string_member_with_default (json_node_get_object (result),
                                                         "id", NULL);
      if (id == NULL || *id == '\0')
        continue;

      g_hash_table_add (self->rekeyed, g_strdup (key));
      chq_register_rekey_worker_async (self->reg, key, id, self->cancellable,
                                       on_rekeyed_cb, g_object_ref (self));
    }
}

static void
on_seeded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ChqRegisterLink) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writes--;
  if (chq_register_seed_demo_finish (CHQ_REGISTER (source), result, &error))
    chq_register_link_changed (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not add the demo's training register: %s", error->message);
}

static void seed_demo (ChqRegisterLink *self);

/* The backend drops its store in its dispose, before the link (its data) goes: the store is
 * watched through a weak pointer, never looked up again through a backend being finalized. */
static void
unwatch_store (ChqRegisterLink *self)
{
  if (self->store == NULL)
    {
      /* Gone, and its handlers with it. */
      self->store_id = 0;
      return;
    }
  g_clear_signal_handler (&self->store_id, self->store);
  g_object_remove_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
  self->store = NULL;
}

static void
on_demo_workers_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ChqRegisterLink) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) workers = chq_store_list_finish (CHQ_STORE (source), result, &error);
  g_autoptr(GDateTime) now = NULL;
  GDate today;

  self->writes--;
  if (workers == NULL || self->reg == NULL || self->seeded)
    return;

  /* Before the first sync: the seed waits for the workers. */
  if (workers->len == 0)
    return;

  unwatch_store (self);
  self->seeded = TRUE;
  now = self->today != NULL ? g_date_time_ref (self->today) : chq_clock_now_local ();
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  self->writes++;
  chq_register_seed_demo_async (self->reg, workers, &today, self->cancellable, on_seeded_cb,
                                g_object_ref (self));
}

static void
seed_demo (ChqRegisterLink *self)
{
  if (self->seeded || self->reg == NULL || self->backend == NULL ||
      !chq_backend_is_demo (self->backend))
    return;

  self->writes++;
  chq_store_list_workers_async (chq_backend_get_store (self->backend), self->cancellable,
                                on_demo_workers_cb, g_object_ref (self));
}

static void
on_store_changed_cb (ChqStore        *store,
                     const char      *collection,
                     ChqRegisterLink *self)
{
  if (g_strcmp0 (collection, CHQ_STORE_WORKERS) == 0)
    seed_demo (self);
}

static void
on_demo_removed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ChqRegisterLink) self = user_data;
  g_autoptr(GError) error = NULL;

  self->writes--;
  if (!chq_register_remove_demo_finish (CHQ_REGISTER (source), result, &error))
    g_warning ("Could not remove the demo's training register: %s", error->message);
  else
    chq_register_link_changed (self);
}

static void
on_opened_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ChqRegisterLink) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = chq_register_open_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (reg == NULL && self->backend == NULL && !self->remove_pending)
    {
      /* The account was closed meanwhile (and its folder may be gone): nobody waits. */
      g_debug ("The training register of a closed account did not open: %s", error->message);
      return;
    }

  if (reg == NULL)
    {
      g_warning ("Could not open the training register: %s", error->message);
      g_free (self->error);
      self->error = g_strdup (error->message);
      if (self->remove_pending)
        {
          self->remove_pending = FALSE;
          self->writes--;
        }
      return;
    }

  g_set_object (&self->reg, reg);
  if (self->remove_pending)
    {
      self->remove_pending = FALSE;
      chq_register_remove_demo_async (self->reg, NULL, on_demo_removed_cb, g_object_ref (self));
    }
  if (self->backend == NULL)
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTER]);
  chq_register_link_rekey_sent (self);

  /* The demo company's workers get their local details and a few trainings no voucher paid
   * for, once their list is in the cache. */
  if (self->backend != NULL && chq_backend_is_demo (self->backend) && !self->seeded)
    {
      if (self->store == NULL)
        {
          self->store = chq_backend_get_store (self->backend);
          g_object_add_weak_pointer (G_OBJECT (self->store), (gpointer *) &self->store);
          self->store_id = g_signal_connect (self->store, "changed",
                                             G_CALLBACK (on_store_changed_cb), self);
        }
      seed_demo (self);
    }
}

static void
open_register (ChqRegisterLink *self)
{
  g_clear_pointer (&self->error, g_free);
  /* Not cancelled with the backend: Leave Demo may still need the register once it is
   * open, and opening twice at once would race on the file's creation. */
  chq_register_open_async (chq_backend_get_enterprise_number (self->backend), NULL,
                           NULL, on_opened_cb, g_object_ref (self));
}

/**
 * chq_register_link_reopen:
 * @self: a #ChqRegisterLink
 *
 * Drops the open register and opens the file again (after a restore replaced it).
 */
void
chq_register_link_reopen (ChqRegisterLink *self)
{
  g_return_if_fail (CHQ_IS_REGISTER_LINK (self));

  g_clear_object (&self->reg);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REGISTER]);
  open_register (self);
}

static void
on_backend_gone (gpointer data)
{
  ChqRegisterLink *self = data;

  g_cancellable_cancel (self->cancellable);
  if (self->outbox_model != NULL)
    g_clear_signal_handler (&self->outbox_id, self->outbox_model);
  unwatch_store (self);
  self->backend = NULL;
  g_object_unref (self);
}

/**
 * chq_register_link_get:
 * @backend: the account shown
 *
 * Returns: (transfer none): the link to @backend's company register
 */
ChqRegisterLink *
chq_register_link_get (ChqBackend *backend)
{
  ChqRegisterLink *self;

  g_return_val_if_fail (CHQ_IS_BACKEND (backend), NULL);

  self = g_object_get_data (G_OBJECT (backend), LINK_DATA_KEY);
  if (self != NULL)
    return self;

  self = g_object_new (CHQ_TYPE_REGISTER_LINK, NULL);
  self->backend = backend;
  g_object_set_data_full (G_OBJECT (backend), LINK_DATA_KEY, self, on_backend_gone);

  self->outbox_model = g_object_ref (chq_outbox_get_model (chq_backend_get_outbox (backend),
                                                           chq_backend_get_account_key (backend)));
  self->outbox_id = g_signal_connect_swapped (self->outbox_model, "items-changed",
                                              G_CALLBACK (chq_register_link_rekey_sent), self);
  open_register (self);

  return self;
}

/**
 * chq_register_link_get_register:
 * @self: a #ChqRegisterLink
 *
 * Returns: (transfer none) (nullable): the open register, %NULL while it opens or when it
 *   could not be opened
 */
ChqRegister *
chq_register_link_get_register (ChqRegisterLink *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER_LINK (self), NULL);
  return self->reg;
}

/**
 * chq_register_link_get_error:
 * @self: a #ChqRegisterLink
 *
 * Returns: (transfer none) (nullable): why the register could not be opened
 */
const char *
chq_register_link_get_error (ChqRegisterLink *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER_LINK (self), NULL);
  return self->error;
}

/**
 * chq_register_link_get_backend:
 * @self: a #ChqRegisterLink
 *
 * Returns: (transfer none) (nullable): the backend, %NULL once it is gone
 */
ChqBackend *
chq_register_link_get_backend (ChqRegisterLink *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER_LINK (self), NULL);
  return self->backend;
}

/**
 * chq_register_link_changed:
 * @self: a #ChqRegisterLink
 *
 * Says that the register was written to: every view of it reads again.
 */
void
chq_register_link_changed (ChqRegisterLink *self)
{
  g_return_if_fail (CHQ_IS_REGISTER_LINK (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * chq_register_link_dup_pending_key:
 * @self: a #ChqRegisterLink
 * @entry_id: the outbox entry that adds a worker
 *
 * Returns: (transfer full) (nullable): the key the register keeps that worker's details
 *   under until the service gives it an id
 */
char *
chq_register_link_dup_pending_key (ChqRegisterLink *self,
                                   gint64           entry_id)
{
  g_autoptr(ChqOutboxEntry) entry = NULL;

  g_return_val_if_fail (CHQ_IS_REGISTER_LINK (self), NULL);

  if (self->backend == NULL)
    return NULL;
  entry = chq_outbox_get_entry (chq_backend_get_outbox (self->backend), entry_id, NULL);

  return entry != NULL ? g_strdup (chq_outbox_entry_get_idempotency_key (entry)) : NULL;
}

static void
chq_register_link_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChqRegisterLink *self = CHQ_REGISTER_LINK (object);

  switch (prop_id)
    {
    case PROP_REGISTER:
      g_value_set_object (value, self->reg);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_register_link_finalize (GObject *object)
{
  ChqRegisterLink *self = CHQ_REGISTER_LINK (object);

  unwatch_store (self);
  g_clear_object (&self->reg);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->outbox_model);
  g_clear_pointer (&self->rekeyed, g_hash_table_unref);
  g_clear_pointer (&self->today, g_date_time_unref);
  g_free (self->error);

  G_OBJECT_CLASS (chq_register_link_parent_class)->finalize (object);
}

static void
chq_register_link_class_init (ChqRegisterLinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = chq_register_link_get_property;
  object_class->finalize = chq_register_link_finalize;

  properties[PROP_REGISTER] =
    g_param_spec_object ("register", NULL, NULL, CHQ_TYPE_REGISTER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
chq_register_link_init (ChqRegisterLink *self)
{
  self->cancellable = g_cancellable_new ();
  self->rekeyed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * chq_register_link_remove_demo:
 * @self: a #ChqRegisterLink
 *
 * Leave Demo: removes every row the demo added to the register (the removal goes on after
 * the backend is dropped; the register is kept alive until it is done).
 */
void
chq_register_link_remove_demo (ChqRegisterLink *self)
{
  g_return_if_fail (CHQ_IS_REGISTER_LINK (self));

  self->seeded = TRUE;
  self->writes++;
  if (self->reg == NULL)
    {
      /* Still opening: the removal follows once it is open (see on_opened_cb()). */
      if (self->error == NULL)
        self->remove_pending = TRUE;
      else
        self->writes--;
      return;
    }

  /* Not the link's cancellable: leaving the demo drops the backend, and the removal must
   * still happen. */
  chq_register_remove_demo_async (self->reg, NULL, on_demo_removed_cb, g_object_ref (self));
}

/**
 * chq_register_link_set_today:
 * @self: a #ChqRegisterLink
 * @today: (nullable): a fixed "now" (tests), %NULL for the clock
 *
 * The date the demo's trainings are placed around.
 */
void
chq_register_link_set_today (ChqRegisterLink *self,
                             GDateTime       *today)
{
  g_return_if_fail (CHQ_IS_REGISTER_LINK (self));

  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = today != NULL ? g_date_time_ref (today) : NULL;
}

/**
 * chq_register_link_get_busy:
 * @self: a #ChqRegisterLink
 *
 * Returns: whether the register is opening, or the demo's rows are being added or removed
 */
gboolean
chq_register_link_get_busy (ChqRegisterLink *self)
{
  g_return_val_if_fail (CHQ_IS_REGISTER_LINK (self), FALSE);
  return (self->reg == NULL && self->error == NULL) || self->writes > 0;
}
