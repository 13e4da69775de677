/* chq-course-list-model.c: the catalogue as a GListModel of ChqCourseRow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model holds only the ordered row ids of the current result. A row asks for an item
 * and gets a ChqCourseRow read by primary key; the most recent CACHE_SIZE rows are kept, so
 * memory follows what is on screen, not the size of the catalogue. A row still held
 * elsewhere (a bound list item) is found again through a weak reference, so a position
 * keeps its object for as long as anyone uses it.
 */
#define G_LOG_DOMAIN "chq-course-list-model"

#include "config.h"

#include "chq-course-list-model.h"

#define CACHE_SIZE 256
/* A sync writes page after page: their "changed" signals within this delay make one
 * refresh, not one search each. */
#define REFRESH_DELAY_MS 50

typedef struct {
  gint64        rowid;
  ChqCourseRow *row;   /* owned */
} CacheEntry;

struct _ChqCourseListModel
{
  GObject          parent_instance;

  ChqStore        *store;         /* owned */
  ChqCourseQuery  *query;         /* owned */
  ChqCourseResult *result;        /* owned, nullable before the first answer */
  GCancellable    *cancellable;   /* owned, of the query in flight */
  gboolean         loading;
  gboolean         has_query;     /* set_query was called: until then the model is empty */
  gulong           changed_id;
  guint            refresh_id;    /* the coalescing timeout after "changed" */

  GHashTable      *cache;         /* rowid (gint64 *) -> GList link of lru */
  GQueue           lru;           /* CacheEntry, most recent first */
  GHashTable      *alive;         /* rowid (gint64 *, owned) -> GWeakRef * (owned) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChqCourseListModel, chq_course_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_QUERY,
  PROP_N_ITEMS,
  PROP_ITEM_TYPE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->row);
  g_free (entry);
}

static void
cache_clear (ChqCourseListModel *self)
{
  g_hash_table_remove_all (self->cache);
  g_queue_clear_full (&self->lru, cache_entry_free);
  g_hash_table_remove_all (self->alive);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
weak_ref_is_dead (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  g_autoptr(GObject) object = g_weak_ref_get (value);

  return object == NULL;
}

/* A row made earlier and still held by someone (a list item on screen). */
static ChqCourseRow *
alive_lookup (ChqCourseListModel *self,
              gint64              rowid)
{
  GWeakRef *ref = g_hash_table_lookup (self->alive, &rowid);

  return ref ? g_weak_ref_get (ref) : NULL;
}

static void
alive_insert (ChqCourseListModel *self,
              gint64              rowid,
              ChqCourseRow       *row)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, row);
  g_hash_table_replace (self->alive, g_memdup2 (&rowid, sizeof rowid), ref);

  /* Forget the rows nobody holds any more, now and then. */
  if (g_hash_table_size (self->alive) > 4 * CACHE_SIZE)
    g_hash_table_foreach_remove (self->alive, weak_ref_is_dead, NULL);
}

static ChqCourseRow *
cache_lookup (ChqCourseListModel *self,
              gint64              rowid)
{
  GList *link = g_hash_table_lookup (self->cache, &rowid);
  CacheEntry *entry;

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  entry = link->data;

  return entry->row;
}

static void
cache_insert (ChqCourseListModel *self,
              gint64              rowid,
              ChqCourseRow       *row)
{
  CacheEntry *entry = g_new0 (CacheEntry, 1);

  entry->rowid = rowid;
  entry->row = g_object_ref (row);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->cache, &entry->rowid, self->lru.head);

  while (self->lru.length > CACHE_SIZE)
    {
      CacheEntry *oldest = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->cache, &oldest->rowid);
      cache_entry_free (oldest);
    }
}

static GType
chq_course_list_model_get_item_type (GListModel *model)
{
  return CHQ_TYPE_COURSE_ROW;
}

static guint
chq_course_list_model_get_n_items (GListModel *model)
{
  ChqCourseListModel *self = CHQ_COURSE_LIST_MODEL (model);

  return self->result ? chq_course_result_get_n_items (self->result) : 0;
}

static gpointer
chq_course_list_model_get_item (GListModel *model,
                                guint       position)
{
  ChqCourseListModel *self = CHQ_COURSE_LIST_MODEL (model);
  ChqCourseRow *row;
  gint64 rowid;

  if (self->result == NULL || position >= chq_course_result_get_n_items (self->result))
    return NULL;

  rowid = chq_course_result_get_rowid (self->result, position);
  if ((row = cache_lookup (self, rowid)) != NULL)
    return g_object_ref (row);
  if ((row = alive_lookup (self, rowid)) != NULL)
    {
      cache_insert (self, rowid, row);
      return row;
    }

  row = chq_store_get_course_row (self->store, rowid, self->query->today);
  /* Deleted since the result was made: the store's "changed" brings a new result at
   * once; meanwhile the list keeps its length with an empty row. */
  if (row == NULL)
    row = chq_course_row_new (rowid, "", "", "", 0, CHQ_VOUCHER_TYPE_CF, 0,
                              CHQ_COURSE_FORMAT_IN_PERSON, FALSE, NULL, NULL);

  cache_insert (self, rowid, row);
  alive_insert (self, rowid, row);

  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = chq_course_list_model_get_item_type;
  iface->get_n_items = chq_course_list_model_get_n_items;
  iface->get_item = chq_course_list_model_get_item;
}

static void
set_loading (ChqCourseListModel *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
on_query_done_cb (GObject      *object,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(ChqCourseListModel) self = user_data;
  g_autoptr(ChqCourseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint old_n, new_n;

  result = chq_store_query_courses_finish (CHQ_STORE (object), res, &error);
  if (result == NULL)
    {
      /* A newer query superseded this one and is still running. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Catalogue search failed: %s", error->message);
      set_loading (self, self->refresh_id != 0);
      return;
    }

  old_n = chq_course_list_model_get_n_items (G_LIST_MODEL (self));
  new_n = chq_course_result_get_n_items (result);

  g_clear_pointer (&self->result, chq_course_result_unref);
  self->result = g_steal_pointer (&result);
  cache_clear (self);
  g_clear_object (&self->cancellable);

  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  set_loading (self, self->refresh_id != 0);
}

static void
run_query (ChqCourseListModel *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_loading (self, TRUE);
  chq_store_query_courses_async (self->store, self->query, self->cancellable,
                                 on_query_done_cb, g_object_ref (self));
}

static gboolean
refresh_cb (gpointer user_data)
{
  ChqCourseListModel *self = user_data;

  self->refresh_id = 0;
  run_query (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (ChqStore           *store,
                     const char         *collection,
                     ChqCourseListModel *self)
{
  if (!self->has_query || self->refresh_id != 0)
    return;

  /* The items stay; "loading" says fresher ones are coming. */
  set_loading (self, TRUE);
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
chq_course_list_model_constructed (GObject *object)
{
  ChqCourseListModel *self = (ChqCourseListModel *)object;

  G_OBJECT_CLASS (chq_course_list_model_parent_class)->constructed (object);

  g_return_if_fail (CHQ_IS_STORE (self->store));

  self->changed_id = g_signal_connect (self->store, "changed::" CHQ_STORE_COURSES,
                                       G_CALLBACK (on_store_changed_cb), self);
}

static void
chq_course_list_model_dispose (GObject *object)
{
  ChqCourseListModel *self = (ChqCourseListModel *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cache_clear (self);

  G_OBJECT_CLASS (chq_course_list_model_parent_class)->dispose (object);
}

static void
chq_course_list_model_finalize (GObject *object)
{
  ChqCourseListModel *self = (ChqCourseListModel *)object;

  g_clear_pointer (&self->result, chq_course_result_unref);
  g_clear_pointer (&self->query, chq_course_query_free);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->alive, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (chq_course_list_model_parent_class)->finalize (object);
}

static void
chq_course_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ChqCourseListModel *self = CHQ_COURSE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, chq_course_list_model_get_n_items (G_LIST_MODEL (self)));
      break;
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, CHQ_TYPE_COURSE_ROW);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_list_model_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ChqCourseListModel *self = CHQ_COURSE_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      if (g_value_get_boxed (value) != NULL)
        chq_course_list_model_set_query (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_list_model_class_init (ChqCourseListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = chq_course_list_model_constructed;
  object_class->dispose = chq_course_list_model_dispose;
  object_class->finalize = chq_course_list_model_finalize;
  object_class->get_property = chq_course_list_model_get_property;
  object_class->set_property = chq_course_list_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CHQ_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, CHQ_TYPE_COURSE_QUERY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS);
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
chq_course_list_model_init (ChqCourseListModel *self)
{
  self->query = chq_course_query_new ();
  self->cache = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->alive = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, weak_ref_free);
  g_queue_init (&self->lru);
}

/**
 * chq_course_list_model_new:
 * @store: the store to search
 *
 * Makes an empty model; chq_course_list_model_set_query() fills it.
 *
 * Returns: (transfer full): a new model
 */
ChqCourseListModel *
chq_course_list_model_new (ChqStore *store)
{
  g_return_val_if_fail (CHQ_IS_STORE (store), NULL);

  return g_object_new (CHQ_TYPE_COURSE_LIST_MODEL, "store", store, NULL);
}

/**
 * chq_course_list_model_set_query:
 * @self: a model
 * @query: what to show (copied)
 *
 * Runs @query off the main thread. The current items stay until the answer comes, then
 * are swapped for it with one items-changed. A query still running is cancelled.
 */
void
chq_course_list_model_set_query (ChqCourseListModel   *self,
                                 const ChqCourseQuery *query)
{
  g_return_if_fail (CHQ_IS_COURSE_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  if (self->query != query)
    {
      g_clear_pointer (&self->query, chq_course_query_free);
      self->query = chq_course_query_copy (query);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);

  self->has_query = TRUE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  run_query (self);
}

/**
 * chq_course_list_model_get_query:
 * @self: a model
 *
 * Returns: (transfer none): the query last set
 */
const ChqCourseQuery *
chq_course_list_model_get_query (ChqCourseListModel *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_MODEL (self), NULL);
  return self->query;
}

/**
 * chq_course_list_model_get_loading:
 * @self: a model
 *
 * Returns: whether a query is running
 */
gboolean
chq_course_list_model_get_loading (ChqCourseListModel *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_MODEL (self), FALSE);
  return self->loading;
}

/**
 * chq_course_list_model_get_store:
 * @self: a model
 *
 * Returns: (transfer none): the store
 */
ChqStore *
chq_course_list_model_get_store (ChqCourseListModel *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_MODEL (self), NULL);
  return self->store;
}

/**
 * chq_course_list_model_get_result:
 * @self: a model
 *
 * Returns: (transfer none) (nullable): the result shown, %NULL before the first answer
 */
ChqCourseResult *
chq_course_list_model_get_result (ChqCourseListModel *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_LIST_MODEL (self), NULL);
  return self->result;
}
