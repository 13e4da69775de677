/* chq-worker-row.c: one worker in the Workers page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-worker-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-json.h"
#include "chq-rules.h"
#include "chq-worker-row.h"
#include "chq-workers-logic.h"

struct _ChqWorkerRow
{
  AdwBin          parent_instance;

  ChqWorker      *worker;     /* owned, nullable */
  ChqOutboxEntry *entry;      /* owned, nullable */
  char           *state_text; /* owned, nullable */

  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *detail_label;
  GtkLabel       *state_label;
  GtkLabel       *hours_label;
  GtkImage       *warning_image;
};

G_DEFINE_FINAL_TYPE (ChqWorkerRow, chq_worker_row, ADW_TYPE_BIN)

static void
chq_worker_row_finalize (GObject *object)
{
  ChqWorkerRow *self = CHQ_WORKER_ROW (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->entry);
  g_clear_pointer (&self->state_text, g_free);

  G_OBJECT_CLASS (chq_worker_row_parent_class)->finalize (object);
}

static void
chq_worker_row_class_init (ChqWorkerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chq_worker_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-worker-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerRow, hours_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkerRow, warning_image);
}

static void
chq_worker_row_init (ChqWorkerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
}

/**
 * chq_worker_row_new:
 *
 * Returns: (transfer floating): a new, empty #ChqWorkerRow
 */
GtkWidget *
chq_worker_row_new (void)
{
  return g_object_new (CHQ_TYPE_WORKER_ROW, NULL);
}

/* The worker a creation entry asks for, to show its name before the service has it. */
static ChqWorker *
worker_from_entry (ChqOutboxEntry *entry)
{
  ChqWorker *worker;

  if (entry == NULL)
    return NULL;

  worker = chq_outbox_entry_get_worker (entry);
  return worker != NULL ? g_object_ref (worker) : NULL;
}

/**
 * chq_worker_row_set_worker:
 * @self: a #ChqWorkerRow
 * @worker: (nullable): the worker as the service has them
 * @entry: (nullable): the outbox entry about the worker
 *
 * Shows the worker: name, status and whether they may be trained with vouchers (with the
 * reason when not), hours trained this year, and the state of any change that waits or was
 * refused. The row's accessible label says all of it.
 */
void
chq_worker_row_set_worker (ChqWorkerRow   *self,
                           ChqWorker      *worker,
                           ChqOutboxEntry *entry)
{
  g_autoptr(ChqWorker) requested = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *hours_text = NULL;
  g_autofree char *accessible = NULL;
  g_autoptr(GString) label = NULL;
  ChqWorker *shown;
  const char *status;
  const char *reason = NULL;
  gboolean eligible;

  g_return_if_fail (CHQ_IS_WORKER_ROW (self));

  g_set_object (&self->worker, worker);
  g_set_object (&self->entry, entry);
  g_clear_pointer (&self->state_text, g_free);

  if (entry != NULL)
    self->state_text = chq_workers_worker_state_text (chq_outbox_entry_get_kind (entry),
                                                      chq_outbox_entry_get_state (entry),
                                                      chq_outbox_entry_get_error_message (entry));

  /* An edit waiting to be sent shows the worker as they will be. */
  if (entry != NULL && chq_outbox_entry_get_kind (entry) != CHQ_OUTBOX_KIND_ARCHIVE_WORKER &&
      (worker == NULL || chq_workers_entry_is_waiting (chq_outbox_entry_get_state (entry))))
    requested = worker_from_entry (entry);
  shown = requested != NULL ? requested : worker;
  if (shown == NULL)
    {
      gtk_label_set_label (self->name_label, "");
      gtk_label_set_label (self->detail_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->state_label), FALSE);
      return;
    }

  name = chq_worker_dup_display_name (shown);
  status = chq_worker_status_get_label (chq_worker_get_status (shown));
  eligible = chq_rules_worker_status_is_eligible (chq_worker_get_status (shown), &reason);
  if (eligible)
    detail = g_strdup (status);
  else
    /* Translators: a worker's status, then why they may not be trained with vouchers */
    detail = g_strdup_printf (_("%s — %s"), status, reason);

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_image), !eligible);

  if (worker != NULL)
    {
      hours = chq_workers_format_hours (chq_worker_get_hours_this_year (worker));
      /* Translators: hours trained this year, "14 h this year" */
      hours_text = g_strdup_printf (_("%s this year"), hours);
    }
  gtk_label_set_label (self->hours_label, hours_text != NULL ? hours_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hours_label), hours_text != NULL);

  gtk_label_set_label (self->state_label, self->state_text != NULL ? self->state_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), self->state_text != NULL);
  if (entry != NULL && chq_outbox_entry_get_state (entry) == CHQ_OUTBOX_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "error");

  label = g_string_new (NULL);
  /* Translators: how a screen reader names a worker in the list: name and status */
  g_string_printf (label, _("%s, %s."), name, status);
  if (!eligible)
    g_string_append_printf (label, " %s", reason);
  if (hours_text != NULL)
    g_string_append_printf (label, " %s.", hours_text);
  if (self->state_text != NULL)
    g_string_append_printf (label, " %s.", self->state_text);
  accessible = g_string_free (g_steal_pointer (&label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  /* GTK 4.8 has no GtkListItem:accessible-label (4.12 has): the row the list view makes
   * around this widget is what a screen reader lands on, so it is named the same. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
}

/**
 * chq_worker_row_get_worker:
 * @self: a #ChqWorkerRow
 *
 * Returns: (transfer none) (nullable): the worker shown
 */
ChqWorker *
chq_worker_row_get_worker (ChqWorkerRow *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER_ROW (self), NULL);
  return self->worker;
}

/**
 * chq_worker_row_get_entry:
 * @self: a #ChqWorkerRow
 *
 * Returns: (transfer none) (nullable): the outbox entry shown
 */
ChqOutboxEntry *
chq_worker_row_get_entry (ChqWorkerRow *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER_ROW (self), NULL);
  return self->entry;
}

/**
 * chq_worker_row_get_state_text:
 * @self: a #ChqWorkerRow
 *
 * Returns: (transfer none): the state line shown, or "" when none
 */
const char *
chq_worker_row_get_state_text (ChqWorkerRow *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER_ROW (self), NULL);
  return self->state_text != NULL ? self->state_text : "";
}
