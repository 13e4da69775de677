/* chq-preferences-window.c: the settings of the application, bound to GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chq-a11y.h"
#include "chq-ident.h"
#include "chq-preferences-window.h"
#include "chq-register-prefs.h"
#include "chq-toast.h"

struct _ChqPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;        /* owned */
  ChqBackend           *backend;         /* owned, nullable: the account shown */

  /* Template children */
  AdwActionRow         *address_row;
  AdwActionRow         *number_row;
  AdwActionRow         *account_row;
  GtkButton            *account_button;
  AdwActionRow         *cache_row;
  GtkButton            *clear_cache_button;
  GtkSpinButton        *sync_interval_spin;
  GtkSpinButton        *expiry_warning_spin;
  ChqRegisterPrefs     *register_prefs;
  GtkSwitch            *notifications_switch;
};

enum {
  PROP_0,
  PROP_BACKEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChqPreferencesWindow, chq_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The size of the cache database with its side files. */
static guint64
cache_size (ChqBackend *backend)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };
  const char *path = chq_store_get_path (chq_backend_get_store (backend));
  guint64 size = 0;

  for (guint i = 0; path != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0)
        size += (guint64) st.st_size;
    }

  return size;
}

static void
update_cache (ChqPreferencesWindow *self)
{
  g_autofree char *size = NULL;

  if (self->backend == NULL)
    {
      adw_action_row_set_subtitle (self->cache_row, _("No account is open"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-cache", FALSE);
      return;
    }

  size = g_format_size (cache_size (self->backend));
  adw_action_row_set_subtitle (self->cache_row, size);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.clear-cache", TRUE);
}

/* The account button's label, and its accessible name without the mnemonic (GTK 4.8
 * would name it after both). */
static void
set_account_button (ChqPreferencesWindow *self,
                    const char           *label,
                    const char           *name,
                    const char           *action)
{
  gtk_button_set_label (self->account_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->account_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->account_button), action);
}

static void
update_account (ChqPreferencesWindow *self)
{
  if (self->backend == NULL)
    {
      g_autofree char *address = g_settings_get_string (self->settings, "service-address");

      adw_action_row_set_subtitle (self->address_row, address);
      adw_action_row_set_subtitle (self->number_row, "—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), _("Not Signed In"));
      adw_action_row_set_subtitle (self->account_row, NULL);
      set_account_button (self, _("_Sign In…"), _("Sign In"), "prefs.sign-in");
      gtk_widget_remove_css_class (GTK_WIDGET (self->account_button), "destructive-action");
    }
  else if (chq_backend_is_demo (self->backend))
    {
      adw_action_row_set_subtitle (self->address_row, _("The demo service, inside the app"));
      adw_action_row_set_subtitle (self->number_row,
                                   chq_backend_get_enterprise_number (self->backend));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), _("Demo Data"));
      adw_action_row_set_subtitle (self->account_row,
                                   _("Nothing you do here reaches the voucher service"));
      set_account_button (self, _("_Leave Demo"), _("Leave Demo"), "prefs.leave-demo");
      gtk_widget_remove_css_class (GTK_WIDGET (self->account_button), "destructive-action");
    }
  else
    {
      const char *number = chq_backend_get_enterprise_number (self->backend);
      g_autofree char *formatted = chq_enterprise_number_format (number);

      adw_action_row_set_subtitle (self->address_row,
                                   chq_backend_get_service_uri (self->backend));
      adw_action_row_set_subtitle (self->number_row, formatted != NULL ? formatted : number);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row), _("Signed In"));
      adw_action_row_set_subtitle (self->account_row,
                                   _("Signing out removes this account’s data from this computer"));
      set_account_button (self, _("_Sign Out…"), _("Sign Out"), "prefs.sign-out");
      gtk_widget_add_css_class (GTK_WIDGET (self->account_button), "destructive-action");
    }

  update_cache (self);
}

/* Asks the application for @action (it shows the account, and outlives this window):
 * through its actions, so that this window never calls back into it. */
static void
activate_app_action (const char *action,
                     GVariant   *parameter)
{
  GApplication *app = g_application_get_default ();

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), action))
    g_action_group_activate_action (G_ACTION_GROUP (app), action, parameter);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
  activate_app_action ("sign-in", NULL);
}

static void
leave_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
  activate_app_action ("leave-demo", NULL);
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_sign_out_response_cb (AdwMessageDialog     *dialog,
                      const char           *response,
                      ChqPreferencesWindow *self)
{
  if (g_strcmp0 (response, "sign-out") != 0 || self->backend == NULL)
    return;

  /* The application signs out only if it still shows this account. */
  activate_app_action ("sign-out",
                       g_variant_new_string (chq_backend_get_account_key (self->backend)));

  /* Closed once the message dialog, whose parent this window is, has gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChqPreferencesWindow *self = CHQ_PREFERENCES_WINDOW (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n_unsent;

  if (self->backend == NULL)
    return;

  n_unsent = chq_backend_count_unsent (self->backend);
  if (n_unsent == 0)
    body = g_strdup (_("This account’s data will be removed from this computer. You can sign in again at any time."));
  else
    body = g_strdup_printf (ngettext ("%u change has not been sent to the voucher service yet. It stays on this computer and is sent when you sign in to this account again; until then the service does not know about it.",
                                      "%u changes have not been sent to the voucher service yet. They stay on this computer and are sent when you sign in to this account again; until then the service does not know about them.",
                                      n_unsent),
                            n_unsent);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign Out?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_cache_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChqPreferencesWindow *self = CHQ_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  if (self->backend == NULL)
    return;

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (!chq_store_clear (chq_backend_get_store (self->backend), &error))
    {
      g_warning ("Could not clear the cache: %s", error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The cache could not be cleared. Close the app and try again.")));
      return;
    }

  /* Rebuilt by the next sync, which starts now. */
  chq_sync_request (chq_backend_get_sync (self->backend));
  update_cache (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Cache cleared: the data is loaded again from the voucher service")));
  if (parent != NULL)
    chq_toast_show (GTK_WIDGET (parent), _("Cache cleared: the data is loaded again from the voucher service"));
}

static void
chq_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ChqPreferencesWindow *self = CHQ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ChqPreferencesWindow *self = CHQ_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_preferences_window_set_backend (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_preferences_window_dispose (GObject *object)
{
  ChqPreferencesWindow *self = CHQ_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->backend);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHQ_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (chq_preferences_window_parent_class)->dispose (object);
}

static void
chq_preferences_window_class_init (ChqPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = chq_preferences_window_get_property;
  object_class->set_property = chq_preferences_window_set_property;
  object_class->dispose = chq_preferences_window_dispose;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHQ_TYPE_REGISTER_PREFS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, sync_interval_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, expiry_warning_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, register_prefs);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, number_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, account_button);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, cache_row);
  gtk_widget_class_bind_template_child (widget_class, ChqPreferencesWindow, clear_cache_button);

  gtk_widget_class_install_action (widget_class, "prefs.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "prefs.leave-demo", NULL, leave_demo_action);
  gtk_widget_class_install_action (widget_class, "prefs.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "prefs.clear-cache", NULL, clear_cache_action);
}

static void
chq_preferences_window_init (ChqPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  /* The ranges of the spin buttons are those of the schema, so a value the settings
   * refuse cannot be entered. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "sync-interval",
                   self->sync_interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "expiry-warning-days",
                   self->expiry_warning_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notifications",
                   self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);

  update_account (self);
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

/**
 * chq_preferences_window_get_backend:
 * @self: a #ChqPreferencesWindow
 *
 * Returns: (transfer none) (nullable): the account the Account and Cache groups are about
 */
ChqBackend *
chq_preferences_window_get_backend (ChqPreferencesWindow *self)
{
  g_return_val_if_fail (CHQ_IS_PREFERENCES_WINDOW (self), NULL);

  return self->backend;
}

/**
 * chq_preferences_window_set_backend:
 * @self: a #ChqPreferencesWindow
 * @backend: (nullable): the account open in the app, %NULL for none
 *
 * Shows @backend's address and enterprise number with "Sign Out…" (or "Leave Demo"), and
 * the size of its cache with "Clear Cache"; with %NULL, "Sign In…".
 */
void
chq_preferences_window_set_backend (ChqPreferencesWindow *self,
                                    ChqBackend           *backend)
{
  g_return_if_fail (CHQ_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (!g_set_object (&self->backend, backend))
    return;

  update_account (self);
  chq_register_prefs_set_backend (self->register_prefs, backend);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}
