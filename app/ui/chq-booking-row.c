/* chq-booking-row.c: one booking of a worker, in the worker's detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-booking-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-booking-row.h"
#include "chq-workers-logic.h"

struct _ChqBookingRow
{
  AdwBin        parent_instance;

  ChqEnrolment *enrolment;  /* owned, nullable */
  char         *state_text; /* owned */
  gboolean      can_cancel;
  gboolean      can_attend;

  GtkLabel     *title_label;
  GtkLabel     *session_label;
  GtkLabel     *detail_label;
  GtkLabel     *state_label;
  GtkButton    *cancel_button;
  GtkButton    *attendance_button;
  GtkButton    *discard_button;
};

G_DEFINE_FINAL_TYPE (ChqBookingRow, chq_booking_row, ADW_TYPE_BIN)

static void
chq_booking_row_finalize (GObject *object)
{
  ChqBookingRow *self = CHQ_BOOKING_ROW (object);

  g_clear_object (&self->enrolment);
  g_clear_pointer (&self->state_text, g_free);

  G_OBJECT_CLASS (chq_booking_row_parent_class)->finalize (object);
}

static void
chq_booking_row_class_init (ChqBookingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chq_booking_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-booking-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqBookingRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingRow, session_label);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingRow, attendance_button);
  gtk_widget_class_bind_template_child (widget_class, ChqBookingRow, discard_button);
}

static void
chq_booking_row_init (ChqBookingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
}

/**
 * chq_booking_row_new:
 *
 * Returns: (transfer floating): a new, empty #ChqBookingRow
 */
GtkWidget *
chq_booking_row_new (void)
{
  return g_object_new (CHQ_TYPE_BOOKING_ROW, NULL);
}

/**
 * chq_booking_row_set_booking:
 * @self: a #ChqBookingRow
 * @enrolment: (nullable): the booking as the service has it
 * @entry: (nullable): the outbox entry about it (a booking, cancellation or attendance
 *   waiting to be sent or refused)
 * @course_title: (nullable): the course's title when there is no @enrolment
 * @now: the current time
 *
 * Shows the booking: course, session dates, hours, usage code and state; offers to cancel
 * it before its session, to record attendance after it, and to dismiss a refused entry.
 */
void
chq_booking_row_set_booking (ChqBookingRow  *self,
                             ChqEnrolment   *enrolment,
                             ChqOutboxEntry *entry,
                             const char     *course_title,
                             GDateTime      *now)
{
  ChqBookingFacts facts = { 0 };
  g_autofree char *session = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *accessible = NULL;
  const char *title;
  gboolean entry_waiting = FALSE;
  gboolean entry_failed = FALSE;

  g_return_if_fail (CHQ_IS_BOOKING_ROW (self));
  g_return_if_fail (now != NULL);

  g_set_object (&self->enrolment, enrolment);

  if (entry != NULL)
    {
      facts.has_entry = TRUE;
      facts.entry_kind = chq_outbox_entry_get_kind (entry);
      facts.entry_state = chq_outbox_entry_get_state (entry);
      facts.entry_error = chq_outbox_entry_get_error_message (entry);
      entry_waiting = chq_workers_entry_is_waiting (facts.entry_state);
      entry_failed = facts.entry_state == CHQ_OUTBOX_STATE_FAILED;
    }

  if (enrolment != NULL)
    {
      g_autofree char *hours = chq_workers_format_hours (chq_enrolment_get_hours (enrolment));

      facts.has_enrolment = TRUE;
      facts.status = chq_enrolment_get_status (enrolment);
      facts.hours_attended = chq_enrolment_get_hours_attended (enrolment);
      title = chq_enrolment_get_course_title (enrolment);
      session = chq_workers_format_session (chq_enrolment_get_starts_at (enrolment),
                                            chq_enrolment_get_ends_at (enrolment));
      /* Translators: a booking's provider, length and usage code:
       * "Formaform SRL · 7 h · code UC-7K3M-9QXA-2F" */
      detail = g_strdup_printf (_("%s · %s · code %s"),
                                chq_enrolment_get_provider_name (enrolment), hours,
                                chq_enrolment_get_usage_code (enrolment));
      /* Nothing more may be asked while a request about the booking waits. */
      self->can_cancel = !entry_waiting &&
                         chq_workers_can_cancel (facts.status,
                                                 chq_enrolment_get_starts_at (enrolment), now);
      self->can_attend = !entry_waiting &&
                         chq_workers_can_record_attendance (facts.status,
                                                            chq_enrolment_get_ends_at (enrolment),
                                                            now);
    }
  else
    {
      title = course_title != NULL ? course_title : _("Booking on a course");
      session = g_strdup (_("The session and usage code come when the voucher service has the booking."));
      self->can_cancel = FALSE;
      self->can_attend = FALSE;
    }

  g_clear_pointer (&self->state_text, g_free);
  self->state_text = chq_workers_booking_state_text (&facts);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->session_label, session);
  gtk_label_set_label (self->detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  gtk_label_set_label (self->state_label, self->state_text);
  if (entry_failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "error");

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), self->can_cancel);
  gtk_widget_set_visible (GTK_WIDGET (self->attendance_button), self->can_attend);
  gtk_widget_set_visible (GTK_WIDGET (self->discard_button), entry_failed);
  if (enrolment != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cancel_button), "s",
                                        chq_enrolment_get_id (enrolment));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button),
                                      "workers.cancel-booking");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->attendance_button), "s",
                                        chq_enrolment_get_id (enrolment));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->attendance_button),
                                      "workers.record-attendance");
    }
  if (entry_failed)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->discard_button), "x",
                                        chq_outbox_entry_get_id (entry));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->discard_button),
                                      "workers.discard-entry");
    }

  /* Translators: how a screen reader names a booking: course, session, state */
  accessible = g_strdup_printf (_("%s, %s, %s"), title, session, self->state_text);
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
 * chq_booking_row_get_enrolment:
 * @self: a #ChqBookingRow
 *
 * Returns: (transfer none) (nullable): the booking shown
 */
ChqEnrolment *
chq_booking_row_get_enrolment (ChqBookingRow *self)
{
  g_return_val_if_fail (CHQ_IS_BOOKING_ROW (self), NULL);
  return self->enrolment;
}

/**
 * chq_booking_row_get_state_text:
 * @self: a #ChqBookingRow
 *
 * Returns: (transfer none) (nullable): the state shown ("Booked", "Waiting to be sent"...)
 */
const char *
chq_booking_row_get_state_text (ChqBookingRow *self)
{
  g_return_val_if_fail (CHQ_IS_BOOKING_ROW (self), NULL);
  return self->state_text;
}

/**
 * chq_booking_row_get_can_cancel:
 * @self: a #ChqBookingRow
 *
 * Returns: whether the row offers to cancel the booking
 */
gboolean
chq_booking_row_get_can_cancel (ChqBookingRow *self)
{
  g_return_val_if_fail (CHQ_IS_BOOKING_ROW (self), FALSE);
  return self->can_cancel;
}

/**
 * chq_booking_row_get_can_record_attendance:
 * @self: a #ChqBookingRow
 *
 * Returns: whether the row offers to record the attendance
 */
gboolean
chq_booking_row_get_can_record_attendance (ChqBookingRow *self)
{
  g_return_val_if_fail (CHQ_IS_BOOKING_ROW (self), FALSE);
  return self->can_attend;
}
