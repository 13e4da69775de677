/* chq-booking-dialog.c: book a worker on a session of a course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-booking-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-clock.h"
#include "chq-booking-dialog.h"
#include "chq-catalog-logic.h"
#include "chq-rules.h"

struct _ChqBookingDialog
{
  AdwWindow           parent_instance;

  ChqBackend         *backend;    /* owned */
  ChqCourse          *course;     /* owned */
  GCancellable       *cancellable; /* owned, cancelled when the dialog goes */
  GPtrArray          *sessions;   /* owned, of ChqCourseSession: the upcoming ones */
  GListStore         *workers;    /* owned, of ChqWorker: the ones not archived */
  ChqWallet          *wallet;     /* owned, nullable until read */
  gboolean            workers_read;
  gboolean            wallet_read;
  gboolean            enough;     /* enough vouchers for the course */
  GArray             *seats;      /* owned, of ChqBookedSeat: the company's bookings */
  GStringChunk       *seat_text;  /* owned: the strings of @seats */
  guint               enrolment_reads; /* reads of enrolments still running */
  gboolean            duplicate;  /* the worker is already booked on the session */
  char               *booked;     /* owned, nullable: the toast of the booking going to disk,
                                   * while the dialog waits for it */
  char               *today;      /* owned, nullable: "YYYY-MM-DD", a fixed clock (tests) */

  GtkLabel           *course_label;
  GtkDropDown        *session_dropdown;
  GtkListBox         *worker_list;
  AdwActionRow       *needed_row;
  AdwActionRow       *available_row;
  AdwActionRow       *after_row;
  GtkLabel           *warning_label;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (ChqBookingDialog, chq_booking_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_COURSE,
  PROP_SESSION_ID,
  PROP_WORKER_ID,
  PROP_CAN_BOOK,
  PROP_READY,
  PROP_TODAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ChqCourseSession *
get_session (ChqBookingDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->session_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->sessions->len)
    return NULL;

  return g_ptr_array_index (self->sessions, selected);
}

static ChqWorker *
get_worker (ChqBookingDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->worker_list);
  g_autoptr(ChqWorker) worker = NULL;

  if (row == NULL)
    return NULL;
  worker = g_list_model_get_item (G_LIST_MODEL (self->workers), gtk_list_box_row_get_index (row));

  /* The store holds a reference. */
  return worker;
}

static gboolean
worker_is_eligible (ChqWorker   *worker,
                    const char **out_reason)
{
  return chq_rules_worker_status_is_eligible (chq_worker_get_status (worker), out_reason);
}

static char *
date_string (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
update_check (ChqBookingDialog *self)
{
  ChqCourseSession *session = get_session (self);
  ChqWorker *worker = get_worker (self);
  g_autoptr(GDateTime) now = chq_clock_now_local ();
  g_autofree char *today = self->today != NULL ? g_strdup (self->today)
                                               : g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *session_day = NULL;
  g_autofree char *needed = NULL;
  g_autofree char *available = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) warning = g_string_new (NULL);
  ChqVoucherType type = chq_course_get_voucher_type (self->course);
  ChqBookingCheck check;
  gboolean can_book;

  /* The list unselects its rows as it goes with the window. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (session != NULL)
    session_day = date_string (chq_course_session_get_starts_at (session));

  chq_booking_check (self->wallet, type, chq_course_get_hours (self->course), today,
                     session_day, &check);

  /* TRANSLATORS: a number of vouchers and their kind, "14 (Standard)" */
  needed = g_strdup_printf (_("%u (%s)"), check.needed, chq_voucher_type_get_label (type));
  available = g_strdup_printf ("%u", check.available);
  after = g_strdup_printf ("%u", check.available_after);
  adw_action_row_set_subtitle (self->needed_row, needed);
  adw_action_row_set_subtitle (self->available_row,
                               self->wallet_read ? available : _("Not known yet"));
  adw_action_row_set_subtitle (self->after_row,
                               self->wallet_read && check.enough ? after : "—");

  self->enough = check.enough;
  self->duplicate = worker != NULL && session != NULL &&
                    chq_catalog_booking_is_duplicate ((ChqBookedSeat *) (gpointer) self->seats->data,
                                                      self->seats->len, chq_worker_get_id (worker),
                                                      chq_course_session_get_id (session));
  if (self->duplicate)
    {
      g_autofree char *name = chq_worker_dup_display_name (worker);

      /* TRANSLATORS: %s is a worker's name */
      g_string_append_printf (warning, _("%s is already booked on this session. Choose another session or another worker."),
                              name);
    }
  else if (self->wallet_read && !check.enough)
    g_string_append_printf (warning,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The company has %u voucher of this kind available, not enough for this course. Order vouchers on the Vouchers page first.",
                                         "The company has %u vouchers of this kind available, not enough for this course. Order vouchers on the Vouchers page first.",
                                         check.available),
                            check.available);
  else if (check.expiring_before > 0)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) expiry = NULL;
      g_autofree char *iso = g_strdup_printf ("%sT00:00:00", check.first_expiry);
      g_autofree char *expiry_text = NULL;

      expiry = g_date_time_new_from_iso8601 (iso, tz);
      expiry_text = expiry != NULL ? g_date_time_format (expiry, _("%x"))
                                   : g_strdup (check.first_expiry);
      g_string_append_printf (warning,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u of the vouchers this booking reserves expires on %s, before the session starts. Use them on an earlier session, or the course will need new vouchers.",
                                           "%u of the vouchers this booking reserves expire on %s, before the session starts. Use them on an earlier session, or the course will need new vouchers.",
                                           check.expiring_before),
                              check.expiring_before, expiry_text);
    }

  gtk_label_set_label (self->warning_label, warning->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), warning->len > 0);
  chq_booking_check_clear (&check);

  can_book = chq_booking_dialog_get_can_book (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", can_book);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_BOOK]);
}

static void
on_session_selected_cb (ChqBookingDialog *self)
{
  update_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
}

static void
on_worker_selected_cb (ChqBookingDialog *self)
{
  ChqWorker *worker;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  worker = get_worker (self);

  /* An ineligible worker is listed, with the reason, but cannot be chosen. */
  if (worker != NULL && !worker_is_eligible (worker, NULL))
    {
      gtk_list_box_unselect_all (self->worker_list);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKER_ID]);
}

/* One row a worker: an ineligible one is shown, greyed, with the reason, and is neither
 * focusable nor selectable (a screen reader hears it as unavailable, and why). */
static GtkWidget *
create_worker_row_cb (gpointer item,
                      gpointer user_data)
{
  ChqWorker *worker = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  g_autofree char *display_name = chq_worker_dup_display_name (worker);
  g_autofree char *accessible = NULL;
  g_autofree char *detail_text = NULL;
  const char *status = chq_worker_status_get_label (chq_worker_get_status (worker));
  const char *reason = NULL;
  gboolean eligible = worker_is_eligible (worker, &reason);

  if (eligible)
    detail_text = g_strdup (status);
  else
    /* TRANSLATORS: a worker's status, then why they cannot be booked */
    detail_text = g_strdup_printf (_("%s — %s"), status, reason);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (detail, "caption");
  gtk_label_set_label (GTK_LABEL (name), display_name);
  gtk_label_set_label (GTK_LABEL (detail), detail_text);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), eligible);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), eligible);
  gtk_widget_set_focusable (row, eligible);
  gtk_widget_set_sensitive (row, eligible);

  /* TRANSLATORS: how a screen reader names a worker in the list: "Marie Dupont, Employee" */
  accessible = g_strdup_printf (_("%s, %s"), display_name, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  eligible ? _("May be booked") : reason,
                                  -1);
  if (!eligible)
    gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_DISABLED, TRUE, -1);

  return row;
}

/* The next row a worker may be chosen in, from @from (excluded) in @step's direction. */
static GtkListBoxRow *
next_eligible_row (ChqBookingDialog *self,
                   int               from,
                   int               step)
{
  for (int i = from + step; i >= 0; i += step)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->worker_list, i);

      if (row == NULL)
        return NULL;
      if (gtk_list_box_row_get_selectable (row))
        return row;
    }

  return NULL;
}

/* Down and Up go from one worker who may be chosen to the next, over the others (GTK 4.8
 * stops at a row that cannot take the focus); Space and Enter choose, never unchoose. */
static gboolean
on_worker_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          ChqBookingDialog      *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkListBoxRow *current = NULL;
  GtkListBoxRow *target = NULL;
  int index;

  if ((state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  while (focus != NULL && !GTK_IS_LIST_BOX_ROW (focus))
    focus = gtk_widget_get_parent (focus);
  if (focus != NULL && gtk_widget_get_parent (focus) == GTK_WIDGET (self->worker_list))
    current = GTK_LIST_BOX_ROW (focus);
  index = current != NULL ? gtk_list_box_row_get_index (current) : -1;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = next_eligible_row (self, index, 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      target = index > 0 ? next_eligible_row (self, index, -1) : NULL;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = next_eligible_row (self, -1, 1);
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = next_eligible_row (self, (int) g_list_model_get_n_items (G_LIST_MODEL (self->workers)), -1);
      break;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (current == NULL || !gtk_list_box_row_get_selectable (current))
        return FALSE;
      gtk_list_box_select_row (self->worker_list, current);
      return TRUE;
    default:
      return FALSE;
    }

  if (target == NULL)
    return keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down ||
           keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? current != NULL : FALSE;

  gtk_list_box_select_row (self->worker_list, target);
  gtk_widget_grab_focus (GTK_WIDGET (target));

  return TRUE;
}

static void
notify_ready (ChqBookingDialog *self)
{
  update_check (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
on_workers_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ChqBookingDialog) self = user_data;
  g_autoptr(GPtrArray) workers = NULL;
  g_autoptr(GError) error = NULL;

  workers = chq_store_list_finish (CHQ_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      g_warning ("Could not read the workers: %s", error->message);
      gtk_label_set_label (self->error_label,
                           _("The workers could not be read from the local cache. Close this window and try again after the next sync."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }

  for (guint i = 0; workers != NULL && i < workers->len; i++)
    {
      ChqWorker *worker = g_ptr_array_index (workers, i);

      if (!chq_worker_get_archived (worker))
        g_list_store_append (self->workers, worker);
    }

  self->workers_read = TRUE;
  notify_ready (self);
}

static void
add_seat (ChqBookingDialog *self,
          const char       *worker_id,
          const char       *session_id,
          const char       *enrolment_id,
          gboolean          cancelled)
{
  ChqBookedSeat seat = {
    .worker_id = worker_id != NULL ? g_string_chunk_insert_const (self->seat_text, worker_id) : NULL,
    .session_id = session_id != NULL ? g_string_chunk_insert_const (self->seat_text, session_id) : NULL,
    .enrolment_id = enrolment_id != NULL ? g_string_chunk_insert_const (self->seat_text, enrolment_id) : NULL,
    .cancelled = cancelled,
  };

  g_array_append_val (self->seats, seat);
}

/* The bookings on their way, or refused, from the outbox. */
static void
add_outbox_seats (ChqBookingDialog *self)
{
  g_autoptr(GPtrArray) entries = chq_outbox_list (chq_backend_get_outbox (self->backend),
                                                  chq_backend_get_account_key (self->backend),
                                                  CHQ_OUTBOX_STATES_ALL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ChqOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(ChqEnrolment) sent = NULL;
      const char *worker_id = chq_outbox_entry_get_worker_id (entry);
      const char *session_id = chq_outbox_entry_get_session_id (entry);

      if (chq_outbox_entry_get_kind (entry) != CHQ_OUTBOX_KIND_CREATE_ENROLMENT ||
          worker_id == NULL)
        continue;
      if (chq_outbox_entry_get_state (entry) == CHQ_OUTBOX_STATE_SENT)
        sent = (ChqEnrolment *) chq_outbox_entry_dup_answer (entry);
      add_seat (self, worker_id, session_id, sent != NULL ? chq_enrolment_get_id (sent) : NULL,
                chq_outbox_entry_get_state (entry) == CHQ_OUTBOX_STATE_FAILED);
    }
}

static void
on_enrolments_loaded_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(ChqBookingDialog) self = user_data;
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(GError) error = NULL;

  enrolments = chq_store_list_finish (CHQ_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read the bookings: %s", error->message);

  for (guint i = 0; enrolments != NULL && i < enrolments->len; i++)
    {
      ChqEnrolment *enrolment = g_ptr_array_index (enrolments, i);

      add_seat (self, chq_enrolment_get_worker_id (enrolment),
                chq_enrolment_get_session_id (enrolment), chq_enrolment_get_id (enrolment),
                chq_enrolment_get_status (enrolment) == CHQ_ENROLMENT_STATUS_CANCELLED);
    }

  self->enrolment_reads--;
  notify_ready (self);
}

static void
on_wallet_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ChqBookingDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->wallet, chq_wallet_free);
  self->wallet = chq_store_get_wallet_finish (CHQ_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read the wallet: %s", error->message);

  self->wallet_read = TRUE;
  notify_ready (self);
}

static void
on_booking_kept_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ChqBookingDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = g_steal_pointer (&self->booked);
  GtkWindow *parent;
  gint64 entry_id;

  entry_id = chq_backend_intent_finish (CHQ_BACKEND (source), result, &error);
  if (self->backend == NULL)
    return;

  if (entry_id <= 0)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s says what went wrong on this computer */
      message = g_strdup_printf (_("The booking could not be saved on this computer: %s. Check that the disk is not full, then try again."),
                                 error != NULL ? error->message : _("unknown error"));
      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      /* Nothing is lost: the dialog is as it was, saying why. */
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", toast);

  gtk_window_close (GTK_WINDOW (self));
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqBookingDialog *self = CHQ_BOOKING_DIALOG (widget);
  ChqCourseSession *session = get_session (self);
  ChqWorker *worker = get_worker (self);
  g_autofree char *name = NULL;

  if (!chq_booking_dialog_get_can_book (self) || self->booked != NULL)
    return;

  name = chq_worker_dup_display_name (worker);
  /* TRANSLATORS: %s is a worker's name */
  self->booked = g_strdup_printf (_("Booking of %s saved; waiting to be sent to the voucher service"), name);
  /* The outbox shows the booking waiting at once; the dialog waits, insensitive, for the disk. */
  gtk_widget_set_sensitive (widget, FALSE);
  chq_backend_book_async (self->backend, chq_worker_get_id (worker),
                          chq_course_get_id (self->course), chq_course_session_get_id (session),
                          NULL, on_booking_kept_cb, g_object_ref (self));
}

static void
chq_booking_dialog_constructed (GObject *object)
{
  ChqBookingDialog *self = (ChqBookingDialog *)object;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  GListModel *sessions;
  ChqStore *store;

  G_OBJECT_CLASS (chq_booking_dialog_parent_class)->constructed (object);

  g_return_if_fail (CHQ_IS_BACKEND (self->backend));
  g_return_if_fail (CHQ_IS_COURSE (self->course));

  if (self->today != NULL)
    {
      g_autofree char *midnight = g_strdup_printf ("%sT00:00:00Z", self->today);

      now = g_date_time_new_from_iso8601 (midnight, NULL);
    }
  if (now == NULL)
    now = chq_clock_now_utc ();

  gtk_label_set_label (self->course_label, chq_course_get_title (self->course));

  sessions = chq_course_get_sessions (self->course);
  for (guint i = 0; sessions != NULL && i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(ChqCourseSession) session = g_list_model_get_item (sessions, i);
      g_autofree char *label = NULL;

      if (g_date_time_compare (chq_course_session_get_starts_at (session), now) < 0)
        continue;

      label = chq_catalog_format_session (chq_course_session_get_starts_at (session),
                                          chq_course_session_get_ends_at (session),
                                          chq_course_session_get_city (session),
                                          chq_course_session_get_seats_left (session));
      g_ptr_array_add (self->sessions, g_object_ref (session));
      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->session_dropdown, G_LIST_MODEL (labels));
  /* The first session with a seat left. */
  for (guint i = 0; i < self->sessions->len; i++)
    {
      if (chq_course_session_get_seats_left (g_ptr_array_index (self->sessions, i)) > 0)
        {
          gtk_drop_down_set_selected (self->session_dropdown, i);
          break;
        }
    }
  g_signal_connect_swapped (self->session_dropdown, "notify::selected",
                            G_CALLBACK (on_session_selected_cb), self);

  store = chq_backend_get_store (self->backend);
  chq_store_list_workers_async (store, self->cancellable, on_workers_loaded_cb,
                                g_object_ref (self));
  chq_store_get_wallet_async (store, self->cancellable, on_wallet_loaded_cb,
                              g_object_ref (self));
  /* The sessions of the catalogue run over the next months: this year's and next year's. */
  add_outbox_seats (self);
  for (int i = 0; i < 2; i++)
    {
      self->enrolment_reads++;
      chq_store_list_enrolments_async (store, g_date_time_get_year (now) + i, self->cancellable,
                                       on_enrolments_loaded_cb, g_object_ref (self));
    }
  update_check (self);
}

static void
chq_booking_dialog_dispose (GObject *object)
{
  ChqBookingDialog *self = (ChqBookingDialog *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (chq_booking_dialog_parent_class)->dispose (object);
}

static void
chq_booking_dialog_finalize (GObject *object)
{
  ChqBookingDialog *self = (ChqBookingDialog *)object;

  g_clear_object (&self->backend);
  g_clear_object (&self->course);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_object (&self->workers);
  g_clear_pointer (&self->wallet, chq_wallet_free);
  g_clear_pointer (&self->seats, g_array_unref);
  g_clear_pointer (&self->seat_text, g_string_chunk_free);
  g_free (self->today);
  g_free (self->booked);

  G_OBJECT_CLASS (chq_booking_dialog_parent_class)->finalize (object);
}

static void
chq_booking_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChqBookingDialog *self = CHQ_BOOKING_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_COURSE:
      g_value_set_object (value, self->course);
      break;
    case PROP_SESSION_ID:
      g_value_set_string (value, chq_booking_dialog_get_session_id (self));
      break;
    case PROP_WORKER_ID:
      g_value_set_string (value, chq_booking_dialog_get_worker_id (self));
      break;
    case PROP_CAN_BOOK:
      g_value_set_boolean (value, chq_booking_dialog_get_can_book (self));
      break;
    case PROP_READY:
      g_value_set_boolean (value, chq_booking_dialog_get_ready (self));
      break;
    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_booking_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChqBookingDialog *self = CHQ_BOOKING_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      self->backend = g_value_dup_object (value);
      break;
    case PROP_COURSE:
      self->course = g_value_dup_object (value);
      break;
    case PROP_SESSION_ID:
      chq_booking_dialog_set_session_id (self, g_value_get_string (value));
      break;
    case PROP_WORKER_ID:
      chq_booking_dialog_set_worker_id (self, g_value_get_string (value));
      break;
    case PROP_TODAY:
      self->today = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_booking_dialog_class_init (ChqBookingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = chq_booking_dialog_constructed;
  object_class->dispose = chq_booking_dialog_dispose;
  object_class->finalize = chq_booking_dialog_finalize;
  object_class->get_property = chq_booking_dialog_get_property;
  object_class->set_property = chq_booking_dialog_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COURSE] =
    g_param_spec_object ("course", NULL, NULL, CHQ_TYPE_COURSE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WORKER_ID] =
    g_param_spec_string ("worker-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_BOOK] =
    g_param_spec_boolean ("can-book", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A fixed day ("YYYY-MM-DD") instead of the clock's, for tests; NULL: today. */
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-booking-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqBookingDialog, course_label);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingDialog, session_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingDialog, worker_list);
  gtk_widget_class_bind_template_callback (widget_class, on_worker_selected_cb);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingDialog, needed_row);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingDialog, available_row);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingDialog, after_row);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingDialog, error_label);

  gtk_widget_class_install_action (widget_class, "booking.book", NULL, book_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "booking.book", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "booking.book", NULL);
}

static void
chq_booking_dialog_init (ChqBookingDialog *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  chq_a11y_set_dialog_role (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  self->workers = g_list_store_new (CHQ_TYPE_WORKER);
  self->seats = g_array_new (FALSE, FALSE, sizeof (ChqBookedSeat));
  self->seat_text = g_string_chunk_new (256);
  gtk_list_box_bind_model (self->worker_list, G_LIST_MODEL (self->workers),
                           create_worker_row_cb, self, NULL);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_worker_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->worker_list), keys);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "booking.book", FALSE);
}

/**
 * chq_booking_dialog_new:
 * @backend: the signed-in account
 * @course: the course to book on
 *
 * A window to choose one of the upcoming sessions of @course and one of the company's
 * workers; booking puts the request in the outbox (it works offline) and shows a toast.
 *
 * Returns: (transfer full): a new #ChqBookingDialog
 */
GtkWidget *
chq_booking_dialog_new (ChqBackend *backend,
                        ChqCourse  *course)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (CHQ_IS_COURSE (course), NULL);

  return g_object_new (CHQ_TYPE_BOOKING_DIALOG, "backend", backend, "course", course, NULL);
}

/**
 * chq_booking_dialog_get_session_id:
 * @self: a #ChqBookingDialog
 *
 * Returns: (nullable): the id of the session chosen
 */
const char *
chq_booking_dialog_get_session_id (ChqBookingDialog *self)
{
  ChqCourseSession *session;

  g_return_val_if_fail (CHQ_IS_BOOKING_DIALOG (self), NULL);

  session = get_session (self);
  return session != NULL ? chq_course_session_get_id (session) : NULL;
}

/**
 * chq_booking_dialog_set_session_id:
 * @self: a #ChqBookingDialog
 * @session_id: (nullable): an upcoming session of the course
 *
 * Chooses that session (nothing when it is not an upcoming session of the course).
 */
void
chq_booking_dialog_set_session_id (ChqBookingDialog *self,
                                   const char       *session_id)
{
  g_return_if_fail (CHQ_IS_BOOKING_DIALOG (self));

  for (guint i = 0; i < self->sessions->len; i++)
    {
      if (g_strcmp0 (chq_course_session_get_id (g_ptr_array_index (self->sessions, i)),
                     session_id) == 0)
        {
          gtk_drop_down_set_selected (self->session_dropdown, i);
          return;
        }
    }
}

/**
 * chq_booking_dialog_get_worker_id:
 * @self: a #ChqBookingDialog
 *
 * Returns: (nullable): the id of the worker chosen
 */
const char *
chq_booking_dialog_get_worker_id (ChqBookingDialog *self)
{
  ChqWorker *worker;

  g_return_val_if_fail (CHQ_IS_BOOKING_DIALOG (self), NULL);

  worker = get_worker (self);
  return worker != NULL ? chq_worker_get_id (worker) : NULL;
}

/**
 * chq_booking_dialog_set_worker_id:
 * @self: a #ChqBookingDialog
 * @worker_id: (nullable): a worker of the company
 *
 * Chooses that worker, as clicking the row does: an ineligible worker is not chosen.
 */
void
chq_booking_dialog_set_worker_id (ChqBookingDialog *self,
                                  const char       *worker_id)
{
  guint n;

  g_return_if_fail (CHQ_IS_BOOKING_DIALOG (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->workers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChqWorker) worker = g_list_model_get_item (G_LIST_MODEL (self->workers), i);

      if (g_strcmp0 (chq_worker_get_id (worker), worker_id) == 0)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->worker_list, (int) i);

          if (row != NULL && gtk_list_box_row_get_selectable (row))
            gtk_list_box_select_row (self->worker_list, row);
          else
            gtk_list_box_unselect_all (self->worker_list);
          return;
        }
    }

  gtk_list_box_unselect_all (self->worker_list);
}

/**
 * chq_booking_dialog_get_can_book:
 * @self: a #ChqBookingDialog
 *
 * Returns: whether "Book" may be pressed: a session with seats, an eligible worker and
 *   enough vouchers of the course's kind
 */
gboolean
chq_booking_dialog_get_can_book (ChqBookingDialog *self)
{
  g_return_val_if_fail (CHQ_IS_BOOKING_DIALOG (self), FALSE);
  return get_session (self) != NULL && get_worker (self) != NULL &&
         chq_course_session_get_seats_left (get_session (self)) > 0 &&
         worker_is_eligible (get_worker (self), NULL) &&
         self->wallet_read && self->enough && self->enrolment_reads == 0 && !self->duplicate;
}

/**
 * chq_booking_dialog_get_ready:
 * @self: a #ChqBookingDialog
 *
 * Returns: whether the workers and the wallet have been read
 */
gboolean
chq_booking_dialog_get_ready (ChqBookingDialog *self)
{
  g_return_val_if_fail (CHQ_IS_BOOKING_DIALOG (self), FALSE);
  return self->workers_read && self->wallet_read && self->enrolment_reads == 0;
}
