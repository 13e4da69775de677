/* chq-outbox-adding.c: the entries of chq_outbox_add_async() listed before their rows are
 * on disk, and the ids handed out ahead of the rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lowest part of ChqOutbox: it calls no other part. chq-outbox-add.c holds and
 * releases the entries; chq-outbox.c lists and finds them beside the rows.
 */
#define G_LOG_DOMAIN "chq-outbox"

#include "config.h"

#include "chq-outbox-private.h"

/* The id the next entry will have, known before it is written: the entry waiting for the
 * disk is shown with the id it keeps. */
gint64
_chq_outbox_reserve_id (ChqOutbox *self)
{
  gint64 id;

  g_mutex_lock (&self->adding_lock);
  id = ++self->last_id;
  g_mutex_unlock (&self->adding_lock);

  return id;
}

/* Lists @entry (not yet on disk) until _chq_outbox_release_adding(). */
void
_chq_outbox_hold_adding (ChqOutbox      *self,
                         ChqOutboxEntry *entry)
{
  g_mutex_lock (&self->adding_lock);
  g_ptr_array_add (self->adding, g_object_ref (entry));
  g_mutex_unlock (&self->adding_lock);
}

/* Once a row is committed with @id (0 if it was not): the ids handed out go on after it,
 * and @entry (nullable), the row as listed while it waited, is no longer listed. */
void
_chq_outbox_release_adding (ChqOutbox      *self,
                            ChqOutboxEntry *entry,
                            gint64          id)
{
  g_mutex_lock (&self->adding_lock);
  self->last_id = MAX (self->last_id, id);
  if (entry != NULL)
    g_ptr_array_remove (self->adding, entry);
  g_mutex_unlock (&self->adding_lock);
}

/* The entries being added of @account_key, appended to @entries (the lists read them after
 * the rows on disk: they are the newest). */
void
_chq_outbox_append_adding (ChqOutbox  *self,
                           const char *account_key,
                           GPtrArray  *entries)
{
  g_mutex_lock (&self->adding_lock);
  for (guint i = 0; i < self->adding->len; i++)
    {
      ChqOutboxEntry *entry = g_ptr_array_index (self->adding, i);

      if (g_str_equal (chq_outbox_entry_get_account_key (entry), account_key))
        g_ptr_array_add (entries, g_object_ref (entry));
    }
  g_mutex_unlock (&self->adding_lock);
}

guint
_chq_outbox_count_adding (ChqOutbox  *self,
                          const char *account_key)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  _chq_outbox_append_adding (self, account_key, entries);
  return entries->len;
}

/* Returns: (transfer full) (nullable): the entry being added with @id */
ChqOutboxEntry *
_chq_outbox_find_adding (ChqOutbox *self,
                         gint64     id)
{
  ChqOutboxEntry *found = NULL;

  g_mutex_lock (&self->adding_lock);
  for (guint i = 0; found == NULL && i < self->adding->len; i++)
    if (chq_outbox_entry_get_id (g_ptr_array_index (self->adding, i)) == id)
      found = g_object_ref (g_ptr_array_index (self->adding, i));
  g_mutex_unlock (&self->adding_lock);

  return found;
}
