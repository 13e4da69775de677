/* chq-workers-page-rows.c: the rows of the Workers page's two lists, workers and bookings,
 * and the outbox entries they show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-workers-page"

#include "config.h"

#include "chq-booking-row.h"
#include "chq-clock.h"
#include "chq-worker-row.h"
#include "chq-workers-page-private.h"

/* The newest entry of one of @kinds about @target_id that waits or was refused. */
static ChqOutboxEntry *
find_entry (ChqWorkersPage *self,
            const char     *target_id,
            const int      *kinds,
            guint           n_kinds)
{
  ChqOutboxEntry *found = NULL;
  guint n;

  if (self->entries == NULL || target_id == NULL)
    return NULL;

  n = g_list_model_get_n_items (self->entries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChqOutboxEntry) entry = g_list_model_get_item (self->entries, i);

      if (g_strcmp0 (chq_outbox_entry_get_target_id (entry), target_id) != 0)
        continue;
      for (guint k = 0; k < n_kinds; k++)
        if ((int) chq_outbox_entry_get_kind (entry) == kinds[k])
          found = entry;
    }

  return found;
}

/* The worker's newest change waiting or refused. */
ChqOutboxEntry *
_chq_workers_page_find_worker_entry (ChqWorkersPage *self,
                                     const char     *worker_id)
{
  static const int kinds[] = { CHQ_OUTBOX_KIND_UPDATE_WORKER, CHQ_OUTBOX_KIND_ARCHIVE_WORKER };

  return find_entry (self, worker_id, kinds, G_N_ELEMENTS (kinds));
}

/* The booking's newest cancellation or attendance waiting or refused. */
ChqOutboxEntry *
_chq_workers_page_find_booking_entry (ChqWorkersPage *self,
                                      const char     *enrolment_id)
{
  static const int kinds[] = { CHQ_OUTBOX_KIND_CANCEL_ENROLMENT,
                               CHQ_OUTBOX_KIND_RECORD_ATTENDANCE };

  return find_entry (self, enrolment_id, kinds, G_N_ELEMENTS (kinds));
}

static void
on_course_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ChqWorkersPage) self = user_data;
  g_autoptr(ChqCourse) course = NULL;
  g_autoptr(GError) error = NULL;

  course = chq_store_get_course_finish (CHQ_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (course == NULL)
    return;

  g_hash_table_insert (self->course_titles, g_strdup (chq_course_get_id (course)),
                       g_strdup (chq_course_get_title (course)));
  _chq_workers_page_rebind_rows (self);
}

/* The title of the course a waiting booking is for, read from the store once. */
const char *
_chq_workers_page_course_title_for_entry (ChqWorkersPage *self,
                                          ChqOutboxEntry *entry)
{
  const char *course_id = chq_outbox_entry_get_course_id (entry);
  const char *title;

  if (course_id == NULL)
    return NULL;

  title = g_hash_table_lookup (self->course_titles, course_id);
  if (title == NULL && self->backend != NULL &&
      g_hash_table_add (self->titles_asked, g_strdup (course_id)))
    chq_store_get_course_async (chq_backend_get_store (self->backend), course_id,
                                chq_page_binding_get_cancellable (self->binding),
                                on_course_read_cb, g_object_ref (self));

  return title;
}

static void
bind_worker_row (ChqWorkersPage *self,
                 ChqWorkerRow   *row,
                 gpointer        item)
{
  if (CHQ_IS_WORKER (item))
    chq_worker_row_set_worker (row, item,
                               _chq_workers_page_find_worker_entry (self,
                                                                    chq_worker_get_id (item)));
  else
    chq_worker_row_set_worker (row, NULL, item);
}

static void
bind_booking_row (ChqWorkersPage *self,
                  ChqBookingRow  *row,
                  gpointer        item)
{
  g_autoptr(GDateTime) now = chq_clock_now_utc ();

  if (CHQ_IS_ENROLMENT (item))
    chq_booking_row_set_booking (row, item,
                                 _chq_workers_page_find_booking_entry (self,
                                                                       chq_enrolment_get_id (item)),
                                 NULL, now);
  else
    chq_booking_row_set_booking (row, NULL, item,
                                 _chq_workers_page_course_title_for_entry (self, item), now);
}

static void
bind_row (ChqWorkersPage *self,
          GtkWidget      *row,
          gpointer        item)
{
  if (CHQ_IS_WORKER_ROW (row))
    bind_worker_row (self, CHQ_WORKER_ROW (row), item);
  else
    bind_booking_row (self, CHQ_BOOKING_ROW (row), item);
}

static void
setup_worker_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (item, chq_worker_row_new ());
}

static void
setup_booking_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_list_item_set_child (item, chq_booking_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

/* The rows bound are remembered, to bind them again when the outbox changes. */
static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  ChqWorkersPage *self = user_data;
  GtkWidget *row = gtk_list_item_get_child (item);

  bind_row (self, row, gtk_list_item_get_item (item));
  g_hash_table_insert (self->bound_rows, row, item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  ChqWorkersPage *self = user_data;

  g_hash_table_remove (self->bound_rows, gtk_list_item_get_child (item));
}

/* The rows show the outbox's word on their item: bind them again when it changes. */
void
_chq_workers_page_rebind_rows (ChqWorkersPage *self)
{
  GHashTableIter iter;
  gpointer row, item;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, &item))
    bind_row (self, row, gtk_list_item_get_item (item));
}

/* Gives the two lists their row factories. */
void
_chq_workers_page_init_rows (ChqWorkersPage *self)
{
  g_autoptr(GtkListItemFactory) worker_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) booking_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (worker_factory, "setup", G_CALLBACK (setup_worker_cb), self);
  g_signal_connect (booking_factory, "setup", G_CALLBACK (setup_booking_cb), self);
  for (guint i = 0; i < 2; i++)
    {
      GtkListItemFactory *factory = i == 0 ? worker_factory : booking_factory;

      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
    }
  gtk_list_view_set_factory (self->worker_list, worker_factory);
  gtk_list_view_set_factory (self->booking_list, booking_factory);
}
