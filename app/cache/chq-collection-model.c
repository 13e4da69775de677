/* chq-collection-model.c: a small collection of the store as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-collection-model"

#include "config.h"

#include <string.h>

#include "chq-clock.h"
#include "chq-collection-model.h"
#include "chq-json.h"

struct _ChqCollectionModel
{
  GObject        parent_instance;

  ChqStore      *store;         /* owned */
  ChqCollection  collection;
  int            year;
  GPtrArray     *items;         /* owned, model objects */
  GCancellable  *cancellable;   /* owned, of the read in flight */
  gboolean       loading;
  gulong         changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChqCollectionModel, chq_collection_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_COLLECTION,
  PROP_YEAR,
  PROP_N_ITEMS,
  PROP_ITEM_TYPE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
collection_item_type (ChqCollection collection)
{
  switch (collection)
    {
    case CHQ_COLLECTION_ORDERS:
      return CHQ_TYPE_ORDER;
    case CHQ_COLLECTION_BATCHES:
      return CHQ_TYPE_VOUCHER_BATCH;
    case CHQ_COLLECTION_WORKERS:
      return CHQ_TYPE_WORKER;
    case CHQ_COLLECTION_ENROLMENTS:
      return CHQ_TYPE_ENROLMENT;
    default:
      g_return_val_if_reached (G_TYPE_OBJECT);
    }
}

static const char *
collection_signal (ChqCollection collection)
{
  switch (collection)
    {
    case CHQ_COLLECTION_ORDERS:
      return "changed::" CHQ_STORE_ORDERS;
    case CHQ_COLLECTION_BATCHES:
      return "changed::" CHQ_STORE_WALLET;
    case CHQ_COLLECTION_WORKERS:
      return "changed::" CHQ_STORE_WORKERS;
    case CHQ_COLLECTION_ENROLMENTS:
      return "changed::" CHQ_STORE_ENROLMENTS;
    default:
      g_return_val_if_reached ("changed");
    }
}

static GType
chq_collection_model_get_item_type (GListModel *model)
{
  return collection_item_type (CHQ_COLLECTION_MODEL (model)->collection);
}

static guint
chq_collection_model_get_n_items (GListModel *model)
{
  return CHQ_COLLECTION_MODEL (model)->items->len;
}

static gpointer
chq_collection_model_get_item (GListModel *model,
                               guint       position)
{
  ChqCollectionModel *self = CHQ_COLLECTION_MODEL (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = chq_collection_model_get_item_type;
  iface->get_n_items = chq_collection_model_get_n_items;
  iface->get_item = chq_collection_model_get_item;
}

static void
set_loading (ChqCollectionModel *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
same_object (GObject *a,
             GObject *b)
{
  g_autoptr(JsonNode) ja = chq_model_to_json (a);
  g_autoptr(JsonNode) jb = chq_model_to_json (b);

  return json_node_equal (ja, jb);
}

/* Replaces the items, announcing only the span that differs (unchanged rows at both ends
 * keep their widgets and their selection). */
static void
swap_items (ChqCollectionModel *self,
            GPtrArray          *items)
{
  g_autoptr(GPtrArray) old = self->items;
  guint n_old = old->len;
  guint n_new = items->len;
  guint prefix = 0;
  guint suffix = 0;

  while (prefix < n_old && prefix < n_new &&
         same_object (g_ptr_array_index (old, prefix), g_ptr_array_index (items, prefix)))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         same_object (g_ptr_array_index (old, n_old - 1 - suffix),
                      g_ptr_array_index (items, n_new - 1 - suffix)))
    suffix++;

  self->items = g_ptr_array_ref (items);

  if (prefix + suffix < MAX (n_old, n_new))
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                n_old - prefix - suffix, n_new - prefix - suffix);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* A read's answer. The model is not held by its reads: a model let go of is disposed at
 * once, which cancels its read, and a cancelled read answers CANCELLED (its task checks the
 * cancellable) before the model, maybe gone, is touched. So a page that closes an account
 * leaves no read of that account's cache running for nobody. */
static void
read_done (ChqCollectionModel *self,
           GPtrArray          *items,
           GError             *error)
{
  if (items == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not read the cached %s: %s",
                 collection_signal (self->collection) + strlen ("changed::"), error->message);
      set_loading (self, FALSE);
      return;
    }

  g_clear_object (&self->cancellable);
  swap_items (self, items);
  set_loading (self, FALSE);
}

static void
on_wallet_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqWallet) wallet = chq_store_get_wallet_finish (CHQ_STORE (object), result,
                                                             &error);
  g_autoptr(GPtrArray) items = NULL;

  if (wallet != NULL)
    items = g_ptr_array_ref (wallet->batches);
  else if (error == NULL)
    items = g_ptr_array_new_with_free_func (g_object_unref);
  read_done (user_data, items, error);
}

static void
on_list_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = chq_store_list_finish (CHQ_STORE (object), result, &error);

  read_done (user_data, items, error);
}

/**
 * chq_collection_model_reload:
 * @self: a model
 *
 * Reads the collection again (off the main thread); a read in flight is cancelled.
 */
void
chq_collection_model_reload (ChqCollectionModel *self)
{
  g_return_if_fail (CHQ_IS_COLLECTION_MODEL (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  switch (self->collection)
    {
    case CHQ_COLLECTION_ORDERS:
      chq_store_list_orders_async (self->store, self->cancellable, on_list_read_cb,
                                   self);
      break;
    case CHQ_COLLECTION_BATCHES:
      /* The wallet keeps the batches in the order the service sent them. */
      chq_store_get_wallet_async (self->store, self->cancellable, on_wallet_read_cb,
                                  self);
      break;
    case CHQ_COLLECTION_WORKERS:
      chq_store_list_workers_async (self->store, self->cancellable, on_list_read_cb,
                                    self);
      break;
    case CHQ_COLLECTION_ENROLMENTS:
      chq_store_list_enrolments_async (self->store, self->year, self->cancellable,
                                       on_list_read_cb, self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_store_changed_cb (ChqStore           *store,
                     const char         *collection,
                     ChqCollectionModel *self)
{
  chq_collection_model_reload (self);
}

static void
chq_collection_model_constructed (GObject *object)
{
  ChqCollectionModel *self = (ChqCollectionModel *)object;

  G_OBJECT_CLASS (chq_collection_model_parent_class)->constructed (object);

  g_return_if_fail (CHQ_IS_STORE (self->store));

  if (self->year <= 0)
    {
      g_autoptr(GDateTime) now = chq_clock_now_local ();

      self->year = g_date_time_get_year (now);
    }

  self->changed_id = g_signal_connect (self->store, collection_signal (self->collection),
                                       G_CALLBACK (on_store_changed_cb), self);
  chq_collection_model_reload (self);
}

static void
chq_collection_model_dispose (GObject *object)
{
  ChqCollectionModel *self = (ChqCollectionModel *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->store);

  G_OBJECT_CLASS (chq_collection_model_parent_class)->dispose (object);
}

static void
chq_collection_model_finalize (GObject *object)
{
  ChqCollectionModel *self = (ChqCollectionModel *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (chq_collection_model_parent_class)->finalize (object);
}

static void
chq_collection_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChqCollectionModel *self = CHQ_COLLECTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_COLLECTION:
      g_value_set_int (value, self->collection);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, collection_item_type (self->collection));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_collection_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChqCollectionModel *self = CHQ_COLLECTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_COLLECTION:
      self->collection = g_value_get_int (value);
      break;
    case PROP_YEAR:
      if (self->store == NULL || self->changed_id == 0)
        self->year = g_value_get_int (value);
      else
        chq_collection_model_set_year (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_collection_model_class_init (ChqCollectionModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = chq_collection_model_constructed;
  object_class->dispose = chq_collection_model_dispose;
  object_class->finalize = chq_collection_model_finalize;
  object_class->get_property = chq_collection_model_get_property;
  object_class->set_property = chq_collection_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CHQ_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_COLLECTION] =
    g_param_spec_int ("collection", NULL, NULL,
                      CHQ_COLLECTION_ORDERS, CHQ_COLLECTION_ENROLMENTS, CHQ_COLLECTION_ORDERS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_collection_model_init (ChqCollectionModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * chq_collection_model_new:
 * @store: the store
 * @collection: which collection to show
 *
 * Returns: (transfer full): a new model, filling itself from @store
 */
ChqCollectionModel *
chq_collection_model_new (ChqStore      *store,
                          ChqCollection  collection)
{
  g_return_val_if_fail (CHQ_IS_STORE (store), NULL);

  return g_object_new (CHQ_TYPE_COLLECTION_MODEL,
                       "store", store,
                       "collection", collection,
                       NULL);
}

/**
 * chq_collection_model_get_collection:
 * @self: a model
 *
 * Returns: the collection shown
 */
ChqCollection
chq_collection_model_get_collection (ChqCollectionModel *self)
{
  g_return_val_if_fail (CHQ_IS_COLLECTION_MODEL (self), CHQ_COLLECTION_ORDERS);
  return self->collection;
}

/**
 * chq_collection_model_set_year:
 * @self: a model of enrolments
 * @year: a calendar year
 *
 * Shows the enrolments of @year (read again off the main thread).
 */
void
chq_collection_model_set_year (ChqCollectionModel *self,
                               int                 year)
{
  g_return_if_fail (CHQ_IS_COLLECTION_MODEL (self));
  g_return_if_fail (year > 0);

  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  if (self->collection == CHQ_COLLECTION_ENROLMENTS)
    chq_collection_model_reload (self);
}

/**
 * chq_collection_model_get_year:
 * @self: a model
 *
 * Returns: the calendar year of the enrolments shown
 */
int
chq_collection_model_get_year (ChqCollectionModel *self)
{
  g_return_val_if_fail (CHQ_IS_COLLECTION_MODEL (self), 0);
  return self->year;
}

/**
 * chq_collection_model_get_loading:
 * @self: a model
 *
 * Returns: whether a read is running
 */
gboolean
chq_collection_model_get_loading (ChqCollectionModel *self)
{
  g_return_val_if_fail (CHQ_IS_COLLECTION_MODEL (self), FALSE);
  return self->loading;
}
