/* chq-workers-page-detail.c: the Workers page's state, the worker shown, and the detail pane
 * following the selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-workers-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-ident.h"
#include "chq-json.h"
#include "chq-rules.h"
#include "chq-workers-logic.h"
#include "chq-workers-page-private.h"

static void
set_state (ChqWorkersPage *self,
           const char     *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;

  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

/* "no-account", "empty" or "list", from the backend and the list's items. */
void
_chq_workers_page_update_state (ChqWorkersPage *self)
{
  guint n;

  if (self->backend == NULL)
    {
      gtk_stack_set_visible_child_name (self->page_stack, "no-account");
      set_state (self, "no-account");
      return;
    }

  gtk_stack_set_visible_child_name (self->page_stack, "workers");
  n = g_list_model_get_n_items (G_LIST_MODEL (self->worker_items));
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  set_state (self, n > 0 ? "list" : "empty");
}

/* The worker shown: the bookings list follows it. */
void
_chq_workers_page_set_selected_id (ChqWorkersPage *self,
                                   const char     *id)
{
  if (g_strcmp0 (self->selected_id, id) == 0)
    return;

  g_free (self->selected_id);
  self->selected_id = g_strdup (id);
  gtk_filter_changed (GTK_FILTER (self->booking_filter), GTK_FILTER_CHANGE_DIFFERENT);
  g_object_notify (G_OBJECT (self), "selected-worker-id");
}

static gpointer
get_selected (ChqWorkersPage *self)
{
  return gtk_single_selection_get_selected_item (self->worker_selection);
}

/* The selected worker, %NULL when none or one waiting to be added is selected. */
ChqWorker *
_chq_workers_page_get_selected_worker (ChqWorkersPage *self)
{
  gpointer item = get_selected (self);

  return CHQ_IS_WORKER (item) ? item : NULL;
}

/* Shows the selected worker (or the one waiting to be added) in the detail pane. */
void
_chq_workers_page_show_detail (ChqWorkersPage *self)
{
  gpointer item = get_selected (self);
  ChqWorker *worker = CHQ_IS_WORKER (item) ? item : NULL;
  ChqOutboxEntry *entry = CHQ_IS_OUTBOX_ENTRY (item) ? item : NULL;
  g_autoptr(ChqWorker) requested = NULL;
  g_autofree char *name = NULL;
  g_autofree char *niss = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *hours_text = NULL;
  ChqWorker *shown;
  const char *email;
  gboolean eligible;
  gboolean waiting;

  if (worker != NULL)
    entry = _chq_workers_page_find_worker_entry (self, chq_worker_get_id (worker));

  g_clear_pointer (&self->detail_state, g_free);
  if (entry != NULL)
    self->detail_state = chq_workers_worker_state_text (chq_outbox_entry_get_kind (entry),
                                                        chq_outbox_entry_get_state (entry),
                                                        chq_outbox_entry_get_error_message (entry));

  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  if (CHQ_IS_OUTBOX_ENTRY (item))
    {
      ChqWorker *asked = chq_outbox_entry_get_worker (item);

      if (asked != NULL)
        requested = g_object_ref (asked);
    }
  shown = requested != NULL ? requested : worker;
  if (shown == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "worker");
  name = chq_worker_dup_display_name (shown);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->status_label,
                       chq_worker_status_get_label (chq_worker_get_status (shown)));

  eligible = chq_rules_worker_status_is_eligible (chq_worker_get_status (shown), NULL);
  gtk_label_set_label (self->eligibility_label,
                       chq_workers_eligibility_text (chq_worker_get_status (shown)));
  if (eligible)
    gtk_widget_remove_css_class (GTK_WIDGET (self->eligibility_label), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->eligibility_label), "warning");

  niss = chq_niss_format (chq_worker_get_niss (shown));
  gtk_label_set_label (self->niss_label, niss != NULL ? niss : _("Not given"));
  email = chq_worker_get_email (shown);
  gtk_label_set_label (self->email_label, email != NULL ? email : _("Not given"));

  if (worker != NULL)
    {
      hours = chq_workers_format_hours (chq_worker_get_hours_this_year (worker));
      /* Translators: hours trained this year, "14 h trained this year" */
      hours_text = g_strdup_printf (_("%s trained this year"), hours);
    }
  gtk_label_set_label (self->hours_label, hours_text != NULL ? hours_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hours_label), hours_text != NULL);

  gtk_label_set_label (self->detail_state_label,
                       self->detail_state != NULL ? self->detail_state : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_state_label), self->detail_state != NULL);
  if (entry != NULL && chq_outbox_entry_get_state (entry) == CHQ_OUTBOX_STATE_FAILED)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->detail_state_label), "error");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->dismiss_button), "x",
                                        chq_outbox_entry_get_id (entry));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->dismiss_button),
                                      "workers.discard-entry");
      gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->detail_state_label), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), FALSE);
    }

  /* A worker the service does not have yet cannot be edited, archived or booked; one with
   * a change on its way waits for it. */
  waiting = entry != NULL && chq_workers_entry_is_waiting (chq_outbox_entry_get_state (entry));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workers.edit",
                                 worker != NULL && !waiting && !chq_worker_get_archived (worker));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workers.archive",
                                 worker != NULL && !waiting && !chq_worker_get_archived (worker) &&
                                 !self->one_worker);

  gtk_stack_set_visible_child_name (self->bookings_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->bookings)) > 0
                                    ? "list" : "empty");
}

/* The selection moved: the detail follows, unless the list is being replaced. */
void
_chq_workers_page_on_selection_changed (ChqWorkersPage *self)
{
  gpointer item = get_selected (self);

  /* The worker shown is chosen again once the new list is in. */
  if (self->items_changing)
    return;

  if (CHQ_IS_WORKER (item))
    _chq_workers_page_set_selected_id (self, chq_worker_get_id (item));
  else
    _chq_workers_page_set_selected_id (self, NULL);

  _chq_workers_page_show_detail (self);
}

/* Side by side, the detail is never left empty while there are workers. */
void
_chq_workers_page_select_first_if_unfolded (ChqWorkersPage *self)
{
  if (!adw_leaflet_get_folded (self->leaflet) && self->selected_id == NULL &&
      get_selected (self) == NULL &&
      g_list_model_get_n_items (G_LIST_MODEL (self->worker_items)) > 0)
    gtk_single_selection_set_selected (self->worker_selection, 0);
}

/* Before the selection hears of a change of the list. */
void
_chq_workers_page_on_items_changing (ChqWorkersPage *self)
{
  self->items_changing = TRUE;
}

/* The list's objects are replaced when the store is read again: keep the same worker. */
void
_chq_workers_page_on_items_changed (ChqWorkersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->worker_items));
  ChqWorker *worker = _chq_workers_page_get_selected_worker (self);

  self->items_changing = FALSE;

  if (self->selected_id != NULL &&
      (worker == NULL || g_strcmp0 (chq_worker_get_id (worker), self->selected_id) != 0))
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->worker_items), i);

          if (CHQ_IS_WORKER (item) &&
              g_strcmp0 (chq_worker_get_id (CHQ_WORKER (item)), self->selected_id) == 0)
            {
              gtk_single_selection_set_selected (self->worker_selection, i);
              break;
            }
        }
    }

  /* Gone from the list (archived, or another account's): nothing is shown. */
  worker = _chq_workers_page_get_selected_worker (self);
  if (worker == NULL || g_strcmp0 (chq_worker_get_id (worker), self->selected_id) != 0)
    _chq_workers_page_on_selection_changed (self);
  _chq_workers_page_select_first_if_unfolded (self);

  _chq_workers_page_update_state (self);
  _chq_workers_page_show_detail (self);
}

/* The bookings list or its placeholder. */
void
_chq_workers_page_on_bookings_changed (ChqWorkersPage *self)
{
  if (get_selected (self) != NULL)
    gtk_stack_set_visible_child_name (self->bookings_stack,
                                      g_list_model_get_n_items (G_LIST_MODEL (self->bookings)) > 0
                                      ? "list" : "empty");
}
