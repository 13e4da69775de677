/* chq-preferences-window.c: the settings of the application, bound to GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-preferences-window"

#include "config.h"

#include "chq-preferences-window.h"

struct _ChqPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;        /* owned */

  /* Template children */
  GtkSpinButton        *sync_interval_spin;
  GtkSpinButton        *expiry_warning_spin;
  GtkSpinButton        *training_right_spin;
  GtkSpinButton        *hours_per_day_spin;
  GtkSwitch            *notifications_switch;
};

G_DEFINE_FINAL_TYPE (ChqPreferencesWindow, chq_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
chq_preferences_window_dispose (GObject *object)
{
  ChqPreferencesWindow *self = CHQ_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHQ_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (chq_preferences_window_parent_class)->dispose (object);
}

static void
chq_preferences_window_class_init (ChqPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, expiry_warning_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, training_right_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, hours_per_day_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, notifications_switch);
}

static void
chq_preferences_window_init (ChqPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The ranges of the spin buttons are those of the schema, so a value the settings
   * refuse cannot be entered. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "sync-interval",
                   self->sync_interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "expiry-warning-days",
                   self->expiry_warning_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "training-right-days",
                   self->training_right_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "hours-per-day",
                   self->hours_per_day_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notifications",
                   self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

/**
 * chq_preferences_window_new:
 * @parent: (nullable): the window the preferences are shown over
 *
 * Creates the preferences window, showing and changing the settings of the
 * application as they are stored in GSettings.
 *
 * Returns: (transfer none): a new #ChqPreferencesWindow
 */
ChqPreferencesWindow *
chq_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (CHQ_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
