/* chq-attendance-dialog.c: record the hours a worker attended, day by day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-attendance-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-attendance-dialog.h"
#include "chq-clock.h"
#include "chq-rules.h"
#include "chq-value.h"
#include "chq-workers-logic.h"

/* The spin buttons go this high so that a day over its cap can be typed and explained. */
#define MAX_DAY_HOURS 24.0

typedef struct {
  AdwActionRow  *row;          /* owned by the list */
  GtkSpinButton *spin;         /* owned by the row */
  char          *message;      /* owned, nullable */
  char          *not_yet;      /* owned, nullable: why a day still to come has no hours */
} DayWidgets;

struct _ChqAttendanceDialog
{
  AdwWindow     parent_instance;

  ChqBackend   *backend;    /* owned */
  ChqEnrolment *enrolment;  /* owned */
  GArray       *days;       /* owned, of ChqSessionDay */
  GArray       *widgets;    /* owned, of DayWidgets, one per day */
  char         *message;    /* owned, nullable: the form's message */
  gboolean      can_save;
  gboolean      committing; /* insensitive while the attendance goes to disk */
  gint64        entry_id;

  GtkLabel     *course_label;
  GtkLabel     *session_label;
  GtkListBox   *days_list;
  GtkLabel     *message_label;
  GtkLabel     *error_label;
};

G_DEFINE_FINAL_TYPE (ChqAttendanceDialog, chq_attendance_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_ENROLMENT,
  PROP_CAN_SAVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
day_widgets_clear (gpointer data)
{
  DayWidgets *widgets = data;

  g_clear_pointer (&widgets->message, g_free);
  g_clear_pointer (&widgets->not_yet, g_free);
}

static char *
cap_text (const ChqSessionDay *day)
{
  switch (day->kind)
    {
    case CHQ_DAY_HALF:
      /* Translators: %u is the most hours that count that day */
      return g_strdup_printf (_("Half day: at most %u hours count"), day->cap);
    case CHQ_DAY_EVENING:
      /* Translators: %u is the most hours that count that day */
      return g_strdup_printf (_("After 17:00: at most %u hours count"), day->cap);
    case CHQ_DAY_LANGUAGE_IMMERSION:
      /* Translators: %u is the most hours that count that day */
      return g_strdup_printf (_("Language immersion: at most %u hours count"), day->cap);
    case CHQ_DAY_FULL:
    default:
      /* Translators: %u is the most hours that count that day */
      return g_strdup_printf (_("Full day: at most %u hours count"), day->cap);
    }
}

static double *
collect_hours (ChqAttendanceDialog *self)
{
  double *hours = g_new0 (double, MAX (self->widgets->len, 1));

  for (guint i = 0; i < self->widgets->len; i++)
    {
      const DayWidgets *widgets = &g_array_index (self->widgets, DayWidgets, i);

      /* A day still to come has no attendance, whatever its field says. */
      hours[i] = widgets->not_yet == NULL ? gtk_spin_button_get_value (widgets->spin) : 0;
    }

  return hours;
}

static void
update_check (ChqAttendanceDialog *self)
{
  g_autofree double *hours = collect_hours (self);
  g_autofree char *message = NULL;
  gboolean can_save;
  int bad_day = -1;

  for (guint i = 0; i < self->widgets->len; i++)
    {
      DayWidgets *widgets = &g_array_index (self->widgets, DayWidgets, i);
      const ChqSessionDay *day = &g_array_index (self->days, ChqSessionDay, i);
      GtkWidget *row = GTK_WIDGET (widgets->row);
      ChqDayHours state;

      g_clear_pointer (&widgets->message, g_free);
      state = chq_workers_check_day_hours (day, hours[i], &widgets->message);
      if (widgets->not_yet != NULL)
        {
          g_free (widgets->message);
          widgets->message = g_strdup (widgets->not_yet);
        }

      if (widgets->message != NULL)
        adw_action_row_set_subtitle (widgets->row, widgets->message);
      else
        {
          g_autofree char *cap = cap_text (day);

          adw_action_row_set_subtitle (widgets->row, cap);
        }

      if (state == CHQ_DAY_HOURS_OVER_CAP || state == CHQ_DAY_HOURS_INVALID)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widgets->spin),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   state == CHQ_DAY_HOURS_OVER_CAP || state == CHQ_DAY_HOURS_INVALID
                                   ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->spin),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      adw_action_row_get_subtitle (widgets->row),
                                      -1);
    }

  can_save = self->days->len > 0 &&
             chq_workers_check_attendance ((const ChqSessionDay *) (gpointer) self->days->data,
                                           hours, self->days->len,
                                           chq_enrolment_get_hours (self->enrolment),
                                           &bad_day, &message);

  /* A day's own message is shown on its row; the form's line says what concerns all. */
  g_clear_pointer (&self->message, g_free);
  if (!can_save && bad_day < 0)
    self->message = g_steal_pointer (&message);
  gtk_label_set_label (self->message_label, self->message != NULL ? self->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->message != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.save", can_save);
  if (can_save != self->can_save)
    {
      self->can_save = can_save;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE]);
    }
}

static void
on_attendance_kept_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ChqAttendanceDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  self->entry_id = chq_backend_intent_finish (CHQ_BACKEND (source), result, &error);
  self->committing = FALSE;
  if (self->backend == NULL)
    return;

  if (self->entry_id <= 0)
    {
      g_autofree char *text = NULL;

      self->entry_id = 0;
      /* Translators: %s says what went wrong on this computer */
      text = g_strdup_printf (_("The attendance could not be saved on this computer: %s. Check that the disk is not full, then try again."),
                              error != NULL ? error->message : _("unknown error"));
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      /* Nothing is lost: the dialog is as it was, saying why. */
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s",
                                _("Attendance recorded; waiting to be sent to the voucher service"));

  gtk_window_close (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqAttendanceDialog *self = CHQ_ATTENDANCE_DIALOG (widget);
  g_autoptr(GArray) days = chq_attendance_days_new ();
  g_autofree double *hours = NULL;

  update_check (self);
  if (!self->can_save || self->committing)
    return;

  hours = collect_hours (self);
  for (guint i = 0; i < self->days->len; i++)
    {
      ChqAttendanceDay day = { { 0 }, hours[i] };

      /* Days not attended are left out: the service takes the days attended. */
      if (hours[i] <= 0)
        continue;
      g_strlcpy (day.date, g_array_index (self->days, ChqSessionDay, i).date, sizeof day.date);
      g_array_append_val (days, day);
    }

  /* The outbox shows the attendance waiting at once; the dialog waits, insensitive,
   * for the disk. */
  self->committing = TRUE;
  gtk_widget_set_sensitive (widget, FALSE);
  self->entry_id = chq_backend_record_attendance_async (self->backend,
                                                        chq_enrolment_get_id (self->enrolment),
                                                        days, NULL, on_attendance_kept_cb,
                                                        g_object_ref (self));
}

static char *
format_day (const char *iso_date)
{
  g_autofree char *text = g_strdup_printf ("%sT12:00:00", iso_date);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (text, tz);

  if (day == NULL)
    return g_strdup (iso_date);

  /* Translators: a day of a session in strftime() form: weekday and date */
  return g_date_time_format (day, _("%A %x"));
}

static void
chq_attendance_dialog_constructed (GObject *object)
{
  ChqAttendanceDialog *self = CHQ_ATTENDANCE_DIALOG (object);
  g_autofree char *session = NULL;

  G_OBJECT_CLASS (chq_attendance_dialog_parent_class)->constructed (object);

  g_return_if_fail (CHQ_IS_BACKEND (self->backend));
  g_return_if_fail (CHQ_IS_ENROLMENT (self->enrolment));

  gtk_label_set_label (self->course_label, chq_enrolment_get_course_title (self->enrolment));
  session = chq_workers_format_session (chq_enrolment_get_starts_at (self->enrolment),
                                        chq_enrolment_get_ends_at (self->enrolment));
  gtk_label_set_label (self->session_label, session);

  g_clear_pointer (&self->days, g_array_unref);
  self->days = chq_workers_session_days (chq_enrolment_get_starts_at (self->enrolment),
                                         chq_enrolment_get_ends_at (self->enrolment),
                                         chq_enrolment_get_voucher_type (self->enrolment));
  if (self->days == NULL)
    {
      self->days = g_array_new (FALSE, TRUE, sizeof (ChqSessionDay));
      gtk_label_set_label (self->error_label,
                           _("The dates of this session cannot be read. Sync again, then try once more."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }

  /* Each day starts empty: the hours are what someone checked, never a click that certifies
   * what the course planned. The caps are checked as they are typed. */
  for (guint i = 0; i < self->days->len; i++)
    {
      const ChqSessionDay *day = &g_array_index (self->days, ChqSessionDay, i);
      g_autofree char *title = format_day (day->date);
      g_autofree char *label = NULL;
      DayWidgets widgets = { NULL, NULL, NULL };
      widgets.row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widgets.row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widgets.row), title);
      widgets.spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, MAX_DAY_HOURS, 0.5));
      gtk_spin_button_set_digits (widgets.spin, 1);
      gtk_spin_button_set_numeric (widgets.spin, TRUE);
      gtk_spin_button_set_value (widgets.spin, 0);
      gtk_widget_set_valign (GTK_WIDGET (widgets.spin), GTK_ALIGN_CENTER);
      /* Translators: how a screen reader names the hours field of a day, "Hours attended on
       * Tuesday 06/10/26" */
      label = g_strdup_printf (_("Hours attended on %s"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widgets.spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      adw_action_row_add_suffix (widgets.row, GTK_WIDGET (widgets.spin));
      adw_action_row_set_activatable_widget (widgets.row, GTK_WIDGET (widgets.spin));
      g_signal_connect_swapped (widgets.spin, "value-changed", G_CALLBACK (update_check), self);
      gtk_list_box_append (self->days_list, GTK_WIDGET (widgets.row));
      g_array_append_val (self->widgets, widgets);
    }

  /* Days still to come cannot be recorded yet (the service refuses them too). */
  {
    GDate today;

    chq_clock_get_today (&today);
    for (guint i = 0; i < self->widgets->len; i++)
      {
        DayWidgets *widgets = &g_array_index (self->widgets, DayWidgets, i);
        const char *iso = g_array_index (self->days, ChqSessionDay, i).date;
        g_autoptr(GError) error = NULL;
        GDate day;

        if (!chq_date_parse (iso, &day) ||
            chq_rules_attendance_day_has_come (&day, &today, &error))
          continue;
        widgets->not_yet = g_strdup (error->message);
        gtk_spin_button_set_value (widgets->spin, 0);
        gtk_widget_set_sensitive (GTK_WIDGET (widgets->spin), FALSE);
      }
  }

  update_check (self);
}

static void
chq_attendance_dialog_finalize (GObject *object)
{
  ChqAttendanceDialog *self = CHQ_ATTENDANCE_DIALOG (object);

  g_clear_object (&self->backend);
  g_clear_object (&self->enrolment);
  g_clear_pointer (&self->days, g_array_unref);
  g_clear_pointer (&self->widgets, g_array_unref);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (chq_attendance_dialog_parent_class)->finalize (object);
}

static void
chq_attendance_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ChqAttendanceDialog *self = CHQ_ATTENDANCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_ENROLMENT:
      g_value_set_object (value, self->enrolment);
      break;
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_attendance_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ChqAttendanceDialog *self = CHQ_ATTENDANCE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      self->backend = g_value_dup_object (value);
      break;
    case PROP_ENROLMENT:
      self->enrolment = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_attendance_dialog_class_init (ChqAttendanceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = chq_attendance_dialog_constructed;
  object_class->finalize = chq_attendance_dialog_finalize;
  object_class->get_property = chq_attendance_dialog_get_property;
  object_class->set_property = chq_attendance_dialog_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENROLMENT] =
    g_param_spec_object ("enrolment", NULL, NULL, CHQ_TYPE_ENROLMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SAVE] =
    g_param_spec_boolean ("can-save", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-attendance-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqAttendanceDialog, course_label);
  gtk_widget_class_bind_template_child (widget_class, ChqAttendanceDialog, session_label);
  gtk_widget_class_bind_template_child (widget_class, ChqAttendanceDialog, days_list);
  gtk_widget_class_bind_template_child (widget_class, ChqAttendanceDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, ChqAttendanceDialog, error_label);

  gtk_widget_class_install_action (widget_class, "attendance.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "attendance.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chq_attendance_dialog_init (ChqAttendanceDialog *self)
{
  chq_a11y_set_dialog_role (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  self->widgets = g_array_new (FALSE, TRUE, sizeof (DayWidgets));
  g_array_set_clear_func (self->widgets, day_widgets_clear);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.save", FALSE);
}

/**
 * chq_attendance_dialog_new:
 * @backend: the signed-in account
 * @enrolment: a booked enrolment whose session is over
 *
 * The form to record the hours attended each day of the session; saving puts the
 * attendance in the outbox (it works offline), which settles the vouchers once sent.
 *
 * Returns: (transfer full): a new #ChqAttendanceDialog
 */
GtkWidget *
chq_attendance_dialog_new (ChqBackend   *backend,
                           ChqEnrolment *enrolment)
{
  g_return_val_if_fail (CHQ_IS_BACKEND (backend), NULL);
  g_return_val_if_fail (CHQ_IS_ENROLMENT (enrolment), NULL);

  return g_object_new (CHQ_TYPE_ATTENDANCE_DIALOG,
                       "backend", backend, "enrolment", enrolment, NULL);
}

/**
 * chq_attendance_dialog_get_n_days:
 * @self: a #ChqAttendanceDialog
 *
 * Returns: the number of days of the session (one row each)
 */
guint
chq_attendance_dialog_get_n_days (ChqAttendanceDialog *self)
{
  g_return_val_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self), 0);
  return self->days->len;
}

/**
 * chq_attendance_dialog_get_day_date:
 * @self: a #ChqAttendanceDialog
 * @day: a day's index
 *
 * Returns: (transfer none): the day as "YYYY-MM-DD"
 */
const char *
chq_attendance_dialog_get_day_date (ChqAttendanceDialog *self,
                                    guint                day)
{
  g_return_val_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self), NULL);
  g_return_val_if_fail (day < self->days->len, NULL);
  return g_array_index (self->days, ChqSessionDay, day).date;
}

/**
 * chq_attendance_dialog_get_day_cap:
 * @self: a #ChqAttendanceDialog
 * @day: a day's index
 *
 * Returns: the most hours that count that day
 */
guint
chq_attendance_dialog_get_day_cap (ChqAttendanceDialog *self,
                                   guint                day)
{
  g_return_val_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self), 0);
  g_return_val_if_fail (day < self->days->len, 0);
  return g_array_index (self->days, ChqSessionDay, day).cap;
}

/**
 * chq_attendance_dialog_set_hours:
 * @self: a #ChqAttendanceDialog
 * @day: a day's index
 * @hours: the hours attended, as typed in the day's field
 *
 * Sets a day's field; the checks run as they do when typing.
 */
void
chq_attendance_dialog_set_hours (ChqAttendanceDialog *self,
                                 guint                day,
                                 double               hours)
{
  g_return_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self));
  g_return_if_fail (day < self->widgets->len);

  gtk_spin_button_set_value (g_array_index (self->widgets, DayWidgets, day).spin, hours);
}

/**
 * chq_attendance_dialog_get_hours:
 * @self: a #ChqAttendanceDialog
 * @day: a day's index
 *
 * Returns: the hours in the day's field
 */
double
chq_attendance_dialog_get_hours (ChqAttendanceDialog *self,
                                 guint                day)
{
  g_return_val_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self), 0);
  g_return_val_if_fail (day < self->widgets->len, 0);

  return gtk_spin_button_get_value (g_array_index (self->widgets, DayWidgets, day).spin);
}

/**
 * chq_attendance_dialog_get_day_message:
 * @self: a #ChqAttendanceDialog
 * @day: a day's index
 *
 * Returns: (transfer none) (nullable): the message on the day's row: at its cap, above it,
 *   or not in half hours; %NULL otherwise
 */
const char *
chq_attendance_dialog_get_day_message (ChqAttendanceDialog *self,
                                       guint                day)
{
  g_return_val_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self), NULL);
  g_return_val_if_fail (day < self->widgets->len, NULL);

  return g_array_index (self->widgets, DayWidgets, day).message;
}

/**
 * chq_attendance_dialog_get_message:
 * @self: a #ChqAttendanceDialog
 *
 * Returns: (transfer none) (nullable): the form's message (no hours at all, more than the
 *   course), or %NULL
 */
const char *
chq_attendance_dialog_get_message (ChqAttendanceDialog *self)
{
  g_return_val_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self), NULL);
  return self->message;
}

/**
 * chq_attendance_dialog_get_can_save:
 * @self: a #ChqAttendanceDialog
 *
 * Returns: whether the hours as entered may be recorded
 */
gboolean
chq_attendance_dialog_get_can_save (ChqAttendanceDialog *self)
{
  g_return_val_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self), FALSE);
  return self->can_save;
}

/**
 * chq_attendance_dialog_get_entry_id:
 * @self: a #ChqAttendanceDialog
 *
 * Returns: the outbox entry the save made, or 0
 */
gint64
chq_attendance_dialog_get_entry_id (ChqAttendanceDialog *self)
{
  g_return_val_if_fail (CHQ_IS_ATTENDANCE_DIALOG (self), 0);
  return self->entry_id;
}
