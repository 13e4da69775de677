/* chq-workers-page.c: the Workers page: the company's workers, their details and bookings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-workers-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-clock.h"
#include "chq-attendance-dialog.h"
#include "chq-json.h"
#include "chq-worker-dialog.h"
#include "chq-workers-logic.h"
#include "chq-workers-page-private.h"

G_DEFINE_FINAL_TYPE (ChqWorkersPage, chq_workers_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_STATE,
  PROP_SHOW_ARCHIVED,
  PROP_SELECTED_WORKER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Outbox entries */

static gboolean
pending_worker_filter_func (gpointer item,
                            gpointer user_data)
{
  return chq_outbox_entry_get_kind (item) == CHQ_OUTBOX_KIND_CREATE_WORKER;
}

static gboolean
pending_booking_filter_func (gpointer item,
                             gpointer user_data)
{
  return chq_outbox_entry_get_kind (item) == CHQ_OUTBOX_KIND_CREATE_ENROLMENT;
}

static gboolean
worker_filter_func (gpointer item,
                    gpointer user_data)
{
  ChqWorkersPage *self = user_data;

  return self->show_archived || !chq_worker_get_archived (item);
}

static gboolean
booking_filter_func (gpointer item,
                     gpointer user_data)
{
  ChqWorkersPage *self = user_data;

  if (self->selected_id == NULL)
    return FALSE;

  if (CHQ_IS_ENROLMENT (item))
    return g_strcmp0 (chq_enrolment_get_worker_id (item), self->selected_id) == 0;

  return g_strcmp0 (chq_outbox_entry_get_worker_id (item), self->selected_id) == 0;
}

static void
on_outbox_changed_cb (ChqWorkersPage *self)
{
  /* The outbox's own model refreshes on the same signal: look once it has. */
  gtk_filter_changed (GTK_FILTER (self->booking_filter), GTK_FILTER_CHANGE_DIFFERENT);
  _chq_workers_page_rebind_rows (self);
  _chq_workers_page_show_detail (self);
}

static void
on_worker_activated_cb (ChqWorkersPage *self,
                        guint           position)
{
  gtk_single_selection_set_selected (self->worker_selection, position);
  /* Side by side, the focus stays in the list for the next arrow key. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_folded_cb (ChqWorkersPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), adw_leaflet_get_folded (self->leaflet));
  _chq_workers_page_select_first_if_unfolded (self);
}

static void
update_account_actions (ChqWorkersPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workers.add",
                                 self->backend != NULL && !self->one_worker);
  gtk_widget_set_visible (GTK_WIDGET (self->holder_label), self->one_worker);
}

static void
on_account_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ChqWorkersPage) self = user_data;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = chq_store_get_account_finish (CHQ_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read the account: %s", error->message);

  self->one_worker = account != NULL &&
                     chq_workers_account_has_one_worker (chq_account_get_kind (account));
  update_account_actions (self);
  _chq_workers_page_show_detail (self);
}

static void
on_account_changed_cb (ChqWorkersPage *self)
{
  if (self->backend != NULL)
    chq_store_get_account_async (chq_backend_get_store (self->backend),
                                 chq_page_binding_get_cancellable (self->binding),
                                 on_account_read_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Actions */

static GtkWindow *
get_parent_window (ChqWorkersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (ChqWorkersPage *self,
            const char     *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
present_dialog (ChqWorkersPage *self,
                GtkWindow      *dialog)
{
  GtkWindow *parent = get_parent_window (self);

  if (parent != NULL)
    gtk_window_set_transient_for (dialog, parent);
  gtk_window_set_modal (dialog, TRUE);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (dialog);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (widget);

  if (self->backend == NULL || self->one_worker)
    return;

  present_dialog (self, GTK_WINDOW (chq_worker_dialog_new (self->backend, NULL)));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (widget);
  ChqWorker *worker = _chq_workers_page_get_selected_worker (self);

  if (self->backend == NULL || worker == NULL)
    return;

  present_dialog (self, GTK_WINDOW (chq_worker_dialog_new (self->backend, worker)));
}

/* An archive or a cancellation, shown waiting at once: a toast says so if the disk
 * refused it. */
typedef struct {
  ChqWorkersPage *self;     /* owned */
  gboolean        archive;  /* else a booking's cancellation */
} Kept;

static void
on_kept_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Kept *kept = user_data;
  g_autoptr(ChqWorkersPage) self = kept->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *why;
  gboolean archive = kept->archive;

  g_free (kept);
  if (chq_backend_intent_finish (CHQ_BACKEND (source), result, &error) > 0)
    return;

  why = error != NULL ? error->message : _("unknown error");
  if (archive)
    /* Translators: %s says what went wrong on this computer */
    text = g_strdup_printf (_("The worker could not be archived on this computer: %s. Check that the disk is not full, then try again."),
                            why);
  else
    /* Translators: %s says what went wrong on this computer */
    text = g_strdup_printf (_("The cancellation could not be saved on this computer: %s. Check that the disk is not full, then try again."),
                            why);
  show_toast (self, text);
}

static Kept *
kept_new (ChqWorkersPage *self,
          gboolean        archive)
{
  Kept *kept = g_new0 (Kept, 1);

  kept->self = g_object_ref (self);
  kept->archive = archive;

  return kept;
}

static void
on_archive_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(ChqWorkersPage) self = user_data;
  const char *worker_id = g_object_get_data (G_OBJECT (dialog), "worker-id");
  const char *name = g_object_get_data (G_OBJECT (dialog), "worker-name");
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "archive") != 0 || self->backend == NULL)
    return;

  /* Shown waiting at once; a toast says so if the disk refuses it. */
  chq_backend_submit_async (self->backend, CHQ_OUTBOX_KIND_ARCHIVE_WORKER, worker_id, NULL,
                            on_kept_cb, kept_new (self, TRUE));
  /* Translators: %s is a worker's name */
  text = g_strdup_printf (_("%s archived; waiting to be sent to the voucher service"), name);
  show_toast (self, text);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (widget);
  ChqWorker *worker = _chq_workers_page_get_selected_worker (self);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->backend == NULL || worker == NULL || self->one_worker)
    return;

  name = chq_worker_dup_display_name (worker);
  /* Translators: %s is a worker's name */
  heading = g_strdup_printf (_("Archive %s?"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_parent_window (self), heading,
                                                       _("Archived workers leave the list and can no longer be booked. Their training history stays.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep"),
                                    "archive", _("_Archive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "archive", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "worker-id",
                          g_strdup (chq_worker_get_id (worker)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "worker-name", g_steal_pointer (&name), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_archive_response_cb), g_object_ref (self));
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
select_worker_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->worker_items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->worker_items), i);

      if (CHQ_IS_WORKER (item) && g_strcmp0 (chq_worker_get_id (CHQ_WORKER (item)), id) == 0)
        {
          gtk_single_selection_set_selected (self->worker_selection, i);
          if (adw_leaflet_get_folded (self->leaflet))
            adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
          return;
        }
    }
}

static ChqEnrolment *
find_enrolment (ChqWorkersPage *self,
                const char     *enrolment_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->booking_items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->booking_items), i);

      if (CHQ_IS_ENROLMENT (item) &&
          g_strcmp0 (chq_enrolment_get_id (CHQ_ENROLMENT (item)), enrolment_id) == 0)
        return CHQ_ENROLMENT (g_steal_pointer (&item));
    }

  return NULL;
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  g_autoptr(ChqWorkersPage) self = user_data;
  const char *enrolment_id = g_object_get_data (G_OBJECT (dialog), "enrolment-id");

  if (g_strcmp0 (response, "cancel-booking") != 0 || self->backend == NULL)
    return;

  /* Shown waiting at once; a toast says so if the disk refuses it. */
  chq_backend_submit_async (self->backend, CHQ_OUTBOX_KIND_CANCEL_ENROLMENT, enrolment_id, NULL,
                            on_kept_cb, kept_new (self, FALSE));
  show_toast (self, _("Booking cancelled; waiting to be sent to the voucher service"));
}

static void
cancel_booking_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (widget);
  g_autoptr(ChqEnrolment) enrolment = NULL;
  g_autoptr(GDateTime) now = chq_clock_now_utc ();
  g_autofree char *session = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->backend == NULL)
    return;

  enrolment = find_enrolment (self, g_variant_get_string (parameter, NULL));
  if (enrolment == NULL ||
      !chq_workers_can_cancel (chq_enrolment_get_status (enrolment),
                               chq_enrolment_get_starts_at (enrolment), now))
    return;

  session = chq_workers_format_session (chq_enrolment_get_starts_at (enrolment),
                                        chq_enrolment_get_ends_at (enrolment));
  /* Translators: the course's title, its session, then the number of vouchers released */
  body = g_strdup_printf (ngettext ("“%s”, %s. The %u voucher reserved for it goes back to the wallet.",
                                    "“%s”, %s. The %u vouchers reserved for it go back to the wallet.",
                                    chq_enrolment_get_vouchers_reserved (enrolment)),
                          chq_enrolment_get_course_title (enrolment), session,
                          chq_enrolment_get_vouchers_reserved (enrolment));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_parent_window (self),
                                                       _("Cancel This Booking?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Booking"),
                                    "cancel-booking", _("_Cancel Booking"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel-booking",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "enrolment-id",
                          g_strdup (chq_enrolment_get_id (enrolment)), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_cancel_response_cb), g_object_ref (self));
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
record_attendance_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (widget);
  g_autoptr(ChqEnrolment) enrolment = NULL;

  if (self->backend == NULL)
    return;

  enrolment = find_enrolment (self, g_variant_get_string (parameter, NULL));
  if (enrolment == NULL || chq_enrolment_get_status (enrolment) != CHQ_ENROLMENT_STATUS_BOOKED)
    return;

  present_dialog (self, GTK_WINDOW (chq_attendance_dialog_new (self->backend, enrolment)));
}

static void
discard_entry_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (widget);
  g_autoptr(ChqOutboxEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (self->backend == NULL)
    return;

  /* Only a refused entry may be dismissed: a waiting one may be on its way. */
  entry = chq_outbox_get_entry (chq_backend_get_outbox (self->backend), id, NULL);
  if (entry == NULL || chq_outbox_entry_get_state (entry) != CHQ_OUTBOX_STATE_FAILED)
    return;

  if (!chq_outbox_discard (chq_backend_get_outbox (self->backend), id, &error))
    {
      g_autofree char *text = NULL;

      /* Translators: %s says what went wrong on this computer */
      text = g_strdup_printf (_("The refused change could not be removed: %s. Try again."),
                              error->message);
      show_toast (self, text);
    }
}

static void
on_archived_toggled_cb (ChqWorkersPage *self)
{
  chq_workers_page_set_show_archived (self, gtk_check_button_get_active (self->archived_check));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject */

static void
chq_workers_page_dispose (GObject *object)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (object);

  chq_workers_page_set_backend (self, NULL);
  g_clear_weak_pointer (&self->dialog);

  G_OBJECT_CLASS (chq_workers_page_parent_class)->dispose (object);
}

static void
chq_workers_page_finalize (GObject *object)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (object);

  g_clear_object (&self->binding);
  g_clear_object (&self->worker_filter);
  g_clear_object (&self->worker_list_model);
  g_clear_object (&self->pending_worker_filter);
  g_clear_object (&self->pending_workers);
  g_clear_object (&self->worker_parts);
  g_clear_object (&self->worker_items);
  g_clear_object (&self->worker_selection);
  g_clear_object (&self->pending_booking_filter);
  g_clear_object (&self->pending_bookings);
  g_clear_object (&self->booking_parts);
  g_clear_object (&self->booking_items);
  g_clear_object (&self->booking_filter);
  g_clear_object (&self->bookings);
  g_clear_object (&self->booking_selection);
  g_clear_pointer (&self->course_titles, g_hash_table_unref);
  g_clear_pointer (&self->titles_asked, g_hash_table_unref);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);
  g_clear_pointer (&self->selected_id, g_free);
  g_clear_pointer (&self->detail_state, g_free);

  G_OBJECT_CLASS (chq_workers_page_parent_class)->finalize (object);
}

static void
chq_workers_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    case PROP_SELECTED_WORKER_ID:
      g_value_set_string (value, self->selected_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_workers_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChqWorkersPage *self = CHQ_WORKERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_workers_page_set_backend (self, g_value_get_object (value));
      break;
    case PROP_SHOW_ARCHIVED:
      chq_workers_page_set_show_archived (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_workers_page_class_init (ChqWorkersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_workers_page_dispose;
  object_class->finalize = chq_workers_page_finalize;
  object_class->get_property = chq_workers_page_get_property;
  object_class->set_property = chq_workers_page_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_WORKER_ID] =
    g_param_spec_string ("selected-worker-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-workers-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, worker_list);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, holder_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, archived_check);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, eligibility_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, niss_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, email_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, hours_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, detail_state_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, bookings_stack);
  gtk_widget_class_bind_template_child (widget_class, ChqWorkersPage, booking_list);
  gtk_widget_class_bind_template_callback (widget_class, on_worker_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_archived_toggled_cb);

  gtk_widget_class_install_action (widget_class, "workers.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "workers.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "workers.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "workers.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "workers.select-worker", "s",
                                   select_worker_action);
  gtk_widget_class_install_action (widget_class, "workers.cancel-booking", "s",
                                   cancel_booking_action);
  gtk_widget_class_install_action (widget_class, "workers.record-attendance", "s",
                                   record_attendance_action);
  gtk_widget_class_install_action (widget_class, "workers.discard-entry", "x",
                                   discard_entry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "workers.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "workers.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "workers.add", NULL);
}

static void
chq_workers_page_init (ChqWorkersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
  /* "Add Worker…" and "Show archived" side by side must fit 360 px in every language. */
  chq_a11y_wrap_labels (gtk_widget_get_parent (GTK_WIDGET (self->archived_check)));

  self->binding = chq_page_binding_new ();
  g_signal_group_connect_object (chq_page_binding_get_outbox_signals (self->binding), "changed",
                                 G_CALLBACK (on_outbox_changed_cb), self,
                                 G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_group_connect_object (chq_page_binding_get_store_signals (self->binding),
                                 "changed::" CHQ_STORE_ACCOUNT,
                                 G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  self->course_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->titles_asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound_rows = g_hash_table_new (NULL, NULL);

  /* Workers: the service's (archived ones on demand), then those waiting to be added. */
  self->worker_filter = gtk_custom_filter_new (worker_filter_func, self, NULL);
  self->worker_list_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->worker_filter)));
  self->pending_worker_filter = gtk_custom_filter_new (pending_worker_filter_func, NULL, NULL);
  self->pending_workers = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->pending_worker_filter)));
  self->worker_parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->worker_parts, self->worker_list_model);
  g_list_store_append (self->worker_parts, self->pending_workers);
  self->worker_items = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->worker_parts)));
  /* Before the selection hears of a change, and after it has. */
  g_signal_connect_swapped (self->worker_items, "items-changed",
                            G_CALLBACK (_chq_workers_page_on_items_changing), self);
  self->worker_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->worker_items)));
  gtk_single_selection_set_autoselect (self->worker_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->worker_selection, TRUE);
  gtk_single_selection_set_selected (self->worker_selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->worker_selection, "notify::selected-item",
                            G_CALLBACK (_chq_workers_page_on_selection_changed), self);
  g_signal_connect_data (self->worker_items, "items-changed",
                         G_CALLBACK (_chq_workers_page_on_items_changed), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  gtk_list_view_set_model (self->worker_list, GTK_SELECTION_MODEL (self->worker_selection));

  /* Bookings: the years' enrolments and those waiting to be sent, of the selected worker. */
  self->pending_booking_filter = gtk_custom_filter_new (pending_booking_filter_func, NULL, NULL);
  self->pending_bookings = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->pending_booking_filter)));
  self->booking_parts = g_list_store_new (G_TYPE_LIST_MODEL);
  self->booking_items = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->booking_parts)));
  self->booking_filter = gtk_custom_filter_new (booking_filter_func, self, NULL);
  self->bookings = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->booking_items)),
                                              g_object_ref (GTK_FILTER (self->booking_filter)));
  self->booking_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->bookings)));
  g_signal_connect_swapped (self->bookings, "items-changed",
                            G_CALLBACK (_chq_workers_page_on_bookings_changed), self);

  gtk_list_view_set_model (self->booking_list, GTK_SELECTION_MODEL (self->booking_selection));

  _chq_workers_page_init_rows (self);

  self->state = "no-account";
  update_account_actions (self);
  on_folded_cb (self);
  _chq_workers_page_update_state (self);
  _chq_workers_page_show_detail (self);
}

/**
 * chq_workers_page_new:
 *
 * Creates the Workers page of the main window; it shows nothing until
 * chq_workers_page_set_backend() gives it an account.
 *
 * Returns: (transfer floating): a new #ChqWorkersPage
 */
GtkWidget *
chq_workers_page_new (void)
{
  return g_object_new (CHQ_TYPE_WORKERS_PAGE, NULL);
}

/**
 * chq_workers_page_get_backend:
 * @self: a #ChqWorkersPage
 *
 * Returns: (transfer none) (nullable): the account shown
 */
ChqBackend *
chq_workers_page_get_backend (ChqWorkersPage *self)
{
  g_return_val_if_fail (CHQ_IS_WORKERS_PAGE (self), NULL);
  return self->backend;
}

/**
 * chq_workers_page_set_backend:
 * @self: a #ChqWorkersPage
 * @backend: (nullable): the signed-in account, or %NULL when none is open
 *
 * Shows the workers of @backend's account as the local store holds them, following the
 * store and the outbox; %NULL shows the empty state. Reads in progress for the previous
 * account are cancelled.
 */
void
chq_workers_page_set_backend (ChqWorkersPage *self,
                              ChqBackend     *backend)
{
  g_autoptr(GDateTime) now = chq_clock_now_local ();
  ChqStore *store;

  g_return_if_fail (CHQ_IS_WORKERS_PAGE (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (!chq_page_binding_set_backend (self->binding, backend))
    return;

  self->one_worker = FALSE;
  self->entries = NULL;
  gtk_filter_list_model_set_model (self->worker_list_model, NULL);
  gtk_filter_list_model_set_model (self->pending_workers, NULL);
  gtk_filter_list_model_set_model (self->pending_bookings, NULL);
  g_list_store_remove_all (self->booking_parts);
  g_clear_object (&self->workers);
  for (guint i = 0; i < N_BOOKING_YEARS; i++)
    g_clear_object (&self->enrolments[i]);
  g_hash_table_remove_all (self->course_titles);
  g_hash_table_remove_all (self->titles_asked);
  gtk_single_selection_set_selected (self->worker_selection, GTK_INVALID_LIST_POSITION);
  _chq_workers_page_set_selected_id (self, NULL);

  self->backend = backend;

  if (backend != NULL)
    {
      store = chq_backend_get_store (backend);
      self->entries = chq_page_binding_get_outbox_entries (self->binding);
      on_account_changed_cb (self);

      self->workers = chq_collection_model_new (store, CHQ_COLLECTION_WORKERS);
      gtk_filter_list_model_set_model (self->worker_list_model, G_LIST_MODEL (self->workers));
      gtk_filter_list_model_set_model (self->pending_workers, self->entries);

      for (guint i = 0; i < N_BOOKING_YEARS; i++)
        {
          self->enrolments[i] = chq_collection_model_new (store, CHQ_COLLECTION_ENROLMENTS);
          chq_collection_model_set_year (self->enrolments[i],
                                         g_date_time_get_year (now) - 1 + (int) i);
          g_list_store_append (self->booking_parts, self->enrolments[i]);
        }
      gtk_filter_list_model_set_model (self->pending_bookings, self->entries);
      g_list_store_append (self->booking_parts, self->pending_bookings);
    }

  update_account_actions (self);
  _chq_workers_page_update_state (self);
  _chq_workers_page_show_detail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/**
 * chq_workers_page_get_state:
 * @self: a #ChqWorkersPage
 *
 * Returns: (transfer none): "no-account", "empty" or "list"
 */
const char *
chq_workers_page_get_state (ChqWorkersPage *self)
{
  g_return_val_if_fail (CHQ_IS_WORKERS_PAGE (self), NULL);
  return self->state;
}

/**
 * chq_workers_page_get_show_archived:
 * @self: a #ChqWorkersPage
 *
 * Returns: whether archived workers are listed
 */
gboolean
chq_workers_page_get_show_archived (ChqWorkersPage *self)
{
  g_return_val_if_fail (CHQ_IS_WORKERS_PAGE (self), FALSE);
  return self->show_archived;
}

/**
 * chq_workers_page_set_show_archived:
 * @self: a #ChqWorkersPage
 * @show_archived: whether to list archived workers too
 *
 * Archived workers are hidden by default; their history stays.
 */
void
chq_workers_page_set_show_archived (ChqWorkersPage *self,
                                    gboolean        show_archived)
{
  g_return_if_fail (CHQ_IS_WORKERS_PAGE (self));

  show_archived = !!show_archived;
  if (self->show_archived == show_archived)
    return;

  self->show_archived = show_archived;
  gtk_check_button_set_active (self->archived_check, show_archived);
  gtk_filter_changed (GTK_FILTER (self->worker_filter),
                      show_archived ? GTK_FILTER_CHANGE_LESS_STRICT
                                    : GTK_FILTER_CHANGE_MORE_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCHIVED]);
}

/**
 * chq_workers_page_get_selected_worker_id:
 * @self: a #ChqWorkersPage
 *
 * Returns: (transfer none) (nullable): the id of the worker shown in the detail
 */
const char *
chq_workers_page_get_selected_worker_id (ChqWorkersPage *self)
{
  g_return_val_if_fail (CHQ_IS_WORKERS_PAGE (self), NULL);
  return self->selected_id;
}

/**
 * chq_workers_page_get_worker_model:
 * @self: a #ChqWorkersPage
 *
 * Returns: (transfer none): the list's items: #ChqWorker, then #ChqOutboxEntry for the
 *   workers waiting to be added or refused
 */
GListModel *
chq_workers_page_get_worker_model (ChqWorkersPage *self)
{
  g_return_val_if_fail (CHQ_IS_WORKERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->worker_items);
}

/**
 * chq_workers_page_get_booking_model:
 * @self: a #ChqWorkersPage
 *
 * Returns: (transfer none): the selected worker's bookings: #ChqEnrolment, then
 *   #ChqOutboxEntry for the bookings waiting to be sent or refused
 */
GListModel *
chq_workers_page_get_booking_model (ChqWorkersPage *self)
{
  g_return_val_if_fail (CHQ_IS_WORKERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->bookings);
}

/**
 * chq_workers_page_get_detail_state:
 * @self: a #ChqWorkersPage
 *
 * Returns: (transfer none): the state line of the worker shown ("Changes waiting to be
 *   sent", "Not added: ..."), or ""
 */
const char *
chq_workers_page_get_detail_state (ChqWorkersPage *self)
{
  g_return_val_if_fail (CHQ_IS_WORKERS_PAGE (self), NULL);
  return self->detail_state != NULL ? self->detail_state : "";
}

/**
 * chq_workers_page_get_open_dialog:
 * @self: a #ChqWorkersPage
 *
 * Returns: (transfer none) (nullable): the dialog the page opened last, while it is open
 */
GtkWindow *
chq_workers_page_get_open_dialog (ChqWorkersPage *self)
{
  g_return_val_if_fail (CHQ_IS_WORKERS_PAGE (self), NULL);
  return self->dialog;
}
