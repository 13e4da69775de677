/* chq-application.c: the application object, its actions and accelerators, and the account
 * it shows: the demo data (app/demo), or a real account of the regional service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-application.h"
#include "chq-demo.h"
#include "chq-register-link.h"
#include "chq-preferences-window.h"
#include "chq-sign-in-dialog.h"
#include "chq-toast.h"
#include "chq-window.h"

struct _ChqApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;     /* owned */
  ChqDemo        *demo;         /* owned, running while the demo is shown */
  ChqBackend     *backend;      /* owned, the account shown, or NULL */
  GCancellable   *cancellable;  /* owned, cancelled when the account changes */
  guint           interval;     /* minutes between syncs given to the engine, 0: none */
  gboolean        opened;       /* the account of the settings was opened at start */
};

G_DEFINE_FINAL_TYPE (ChqApplication, chq_application, ADW_TYPE_APPLICATION)

static void
show_toast (ChqApplication *self,
            const char     *text)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    chq_toast_show (GTK_WIDGET (window), text);
  else
    g_message ("%s", text);
}

static void
update_windows (ChqApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CHQ_IS_WINDOW (l->data))
      chq_window_set_backend (CHQ_WINDOW (l->data), self->backend);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The window follows the engine's state (offline, refused, signed out): nothing more to
   * say here than what the banner says. */
  if (!chq_sync_run_finish (CHQ_SYNC (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Sync ended: %s", error->message);
}

/* The account has a token: sync now, then every `sync-interval` minutes. */
static void
start_syncing (ChqApplication *self)
{
  ChqSync *sync;

  if (self->backend == NULL)
    return;

  sync = chq_backend_get_sync (self->backend);
  chq_sync_run_async (sync, self->cancellable, sync_done_cb, NULL);
  self->interval = g_settings_get_uint (self->settings, "sync-interval");
  chq_sync_start_periodic (sync, self->interval);
}

static void
on_sync_interval_changed_cb (GSettings      *settings,
                          const char     *key,
                          ChqApplication *self)
{
  if (self->backend == NULL || !chq_backend_has_token (self->backend))
    return;

  /* Applied at once: the engine re-arms its timer. */
  self->interval = g_settings_get_uint (settings, "sync-interval");
  chq_sync_start_periodic (chq_backend_get_sync (self->backend), self->interval);
}

/**
 * chq_application_get_sync_interval:
 * @self: a #ChqApplication
 *
 * Returns: the minutes between two syncs the open account's engine was given (the
 *   `sync-interval` setting, applied as soon as it changes), 0 when no account syncs
 */
guint
chq_application_get_sync_interval (ChqApplication *self)
{
  g_return_val_if_fail (CHQ_IS_APPLICATION (self), 0);

  return self->backend != NULL ? self->interval : 0;
}

/* Forgets the account shown (its data stays where it is) and stops the demo sandbox. */
static void
close_backend (ChqApplication *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->backend != NULL)
    {
      ChqSync *sync = chq_backend_get_sync (self->backend);

      chq_sync_stop_periodic (sync);
      chq_sync_cancel (sync);
    }
  g_clear_object (&self->backend);
  self->interval = 0;
  update_windows (self);

  if (self->demo != NULL)
    {
      chq_demo_stop (self->demo);
      g_clear_object (&self->demo);
    }
}

static void
demo_sign_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ChqApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!chq_demo_sign_in_finish (CHQ_DEMO (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not sign in to the demo sandbox: %s", error->message);
      show_toast (self, _("The demo data could not be opened. Leave the demo and try again."));
      return;
    }

  if (chq_demo_get_backend (CHQ_DEMO (source)) == self->backend)
    start_syncing (self);
}

/**
 * chq_application_start_demo:
 * @self: a #ChqApplication
 *
 * Shows the demo data: starts the embedded sandbox on loopback (its database under
 * `$XDG_DATA_HOME/chequier/sandbox.db`), shows what the demo's cache holds at once, signs
 * in as the demo company and syncs. Remembered in the `demo-mode` setting, so the next
 * start shows the demo again.
 */
void
chq_application_start_demo (ChqApplication *self)
{
  g_autofree char *dir = NULL;
  g_autoptr(ChqDemo) demo = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CHQ_IS_APPLICATION (self));

  if (self->backend != NULL && chq_backend_is_demo (self->backend))
    return;

  close_backend (self);

  dir = g_build_filename (g_get_user_data_dir (), "chequier", NULL);
  demo = chq_demo_start (dir, &error);
  if (demo == NULL)
    {
      g_warning ("Could not open the demo data: %s", error->message);
      show_toast (self, _("The demo data could not be opened. Check that your disk is not full, then try again."));
      g_settings_set_boolean (self->settings, "demo-mode", FALSE);
      return;
    }

  self->demo = g_object_ref (demo);
  g_settings_set_boolean (self->settings, "demo-mode", TRUE);
  chq_application_use_backend (self, chq_demo_get_backend (demo));

  chq_demo_sign_in_async (demo, self->cancellable, demo_sign_in_cb, g_object_ref (self));
}

/**
 * chq_application_leave_account:
 * @self: a #ChqApplication
 *
 * Leaves the demo or the account shown and goes back to the welcome page. The data stays
 * where it is (signing out, which removes it, is chq_application_sign_out()). Leaving an
 * account forgets it in the settings, so the next start opens none; leaving the demo
 * leaves the settings' account alone (the next start opens it).
 */
void
chq_application_leave_account (ChqApplication *self)
{
  gboolean demo;

  g_return_if_fail (CHQ_IS_APPLICATION (self));

  demo = self->backend == NULL || chq_backend_is_demo (self->backend);
  /* The demo's local details and trainings leave the register with it. */
  if (self->backend != NULL && chq_backend_is_demo (self->backend))
    chq_register_link_remove_demo (chq_register_link_get (self->backend));
  close_backend (self);
  g_settings_set_boolean (self->settings, "demo-mode", FALSE);
  if (!demo)
    g_settings_set_string (self->settings, "enterprise-number", "");
}

static void
sign_out_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ChqApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!chq_backend_sign_out_finish (CHQ_BACKEND (source), result, &error))
    {
      g_warning ("Signing out did not finish: %s", error->message);
      show_toast (self, _("Signing out did not finish: the session may still be in the keyring. Sign in and out again to remove it."));
    }
  else
    show_toast (self, _("Signed out"));

  if (CHQ_BACKEND (source) == self->backend)
    chq_application_leave_account (self);
}

/**
 * chq_application_sign_out:
 * @self: a #ChqApplication
 *
 * Signs out of the account shown: its session leaves the keyring and its cache this
 * computer; the outbox keeps what was not sent (the caller asked the user first, see
 * chq_backend_count_unsent()). Then the welcome page shows.
 */
void
chq_application_sign_out (ChqApplication *self)
{
  g_return_if_fail (CHQ_IS_APPLICATION (self));

  if (self->backend == NULL)
    return;

  if (chq_backend_is_demo (self->backend))
    {
      chq_application_leave_account (self);
      return;
    }

  chq_backend_sign_out_async (self->backend, NULL, sign_out_cb, g_object_ref (self));
}

/**
 * chq_application_use_backend:
 * @self: a #ChqApplication
 * @backend: (nullable): the account to show, %NULL for none
 *
 * Shows @backend's data in every window. When @backend has a token (a sign-in just
 * succeeded), it is synced now and then every `sync-interval` minutes.
 */
void
chq_application_use_backend (ChqApplication *self,
                             ChqBackend     *backend)
{
  g_return_if_fail (CHQ_IS_APPLICATION (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (backend == self->backend)
    {
      start_syncing (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->backend != NULL)
    {
      chq_sync_stop_periodic (chq_backend_get_sync (self->backend));
      chq_sync_cancel (chq_backend_get_sync (self->backend));
    }
  g_clear_object (&self->backend);
  self->interval = 0;

  /* A real account, or none: the demo sandbox has nothing more to serve. */
  if ((backend == NULL || !chq_backend_is_demo (backend)) && self->demo != NULL)
    {
      chq_demo_stop (self->demo);
      g_clear_object (&self->demo);
    }

  self->backend = backend != NULL ? g_object_ref (backend) : NULL;
  update_windows (self);

  if (backend != NULL && chq_backend_has_token (backend))
    start_syncing (self);
}

/**
 * chq_application_get_backend:
 * @self: a #ChqApplication
 *
 * Returns: (transfer none) (nullable): the account shown, or %NULL on the welcome page
 */
ChqBackend *
chq_application_get_backend (ChqApplication *self)
{
  g_return_val_if_fail (CHQ_IS_APPLICATION (self), NULL);

  return self->backend;
}

static void
restore_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ChqApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  ChqBackend *backend = CHQ_BACKEND (source);
  gboolean found;

  found = chq_backend_restore_finish (backend, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || backend != self->backend)
    return;

  if (error != NULL)
    g_warning ("Could not read the keyring: %s", error->message);

  if (found)
    start_syncing (self);
  else
    {
      /* No session kept: the cached data stays on screen, and the window asks for the
       * password (as when a session expires). */
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (CHQ_IS_WINDOW (l->data))
          chq_window_ask_sign_in_again (CHQ_WINDOW (l->data));
    }
}

/* A keyring lookup waiting for the first frame of the window. */
typedef struct {
  ChqApplication *self;        /* owned */
  ChqBackend     *backend;     /* owned */
  GCancellable   *cancellable; /* owned: the account's, cancelled if it is left meanwhile */
} PendingRestore;

static void
pending_restore_free (gpointer data)
{
  PendingRestore *pending = data;

  g_clear_object (&pending->self);
  g_clear_object (&pending->backend);
  g_clear_object (&pending->cancellable);
  g_free (pending);
}

static gboolean
restore_idle_cb (gpointer data)
{
  PendingRestore *pending = data;

  if (!g_cancellable_is_cancelled (pending->cancellable)
      && pending->backend == pending->self->backend)
    chq_backend_restore_async (pending->backend, pending->cancellable, restore_cb,
                               g_object_ref (pending->self));

  return G_SOURCE_REMOVE;
}

static gboolean
restore_first_frame_cb (GtkWidget     *widget,
                        GdkFrameClock *frame_clock,
                        gpointer       data)
{
  /* Once is enough: removing the callback schedules the lookup (below). */
  return G_SOURCE_REMOVE;
}

/* Called when the tick callback is removed: in the first frame's update phase, or when the
 * window goes before it is ever drawn. The idle, of a lower priority than painting, runs
 * once that frame is on screen. */
static void
schedule_restore (gpointer data)
{
  g_idle_add_full (G_PRIORITY_LOW, restore_idle_cb, data, pending_restore_free);
}

/* The account of the settings, as it was when the app last ran: its cache shows at once,
 * its session comes from the keyring. */
static void
open_saved_account (ChqApplication *self)
{
  g_autofree char *address = g_settings_get_string (self->settings, "service-address");
  g_autofree char *number = g_settings_get_string (self->settings, "enterprise-number");
  g_autoptr(ChqBackend) backend = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  backend = chq_backend_new (address, address, number, NULL, &error);
  if (backend == NULL)
    {
      g_warning ("Could not open the account %s at %s: %s", number, address, error->message);
      show_toast (self, _("Your account could not be opened. Sign in again."));
      return;
    }

  chq_application_use_backend (self, backend);

  /* At start the window is not drawn yet: the keyring (D-Bus calls, then the sign-in
   * dialog if no session is kept) waits for its first frame, which shows the cached data. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL && !gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      PendingRestore *pending = g_new0 (PendingRestore, 1);

      pending->self = g_object_ref (self);
      pending->backend = g_object_ref (backend);
      pending->cancellable = g_object_ref (self->cancellable);
      gtk_widget_add_tick_callback (GTK_WIDGET (window), restore_first_frame_cb, pending,
                                    schedule_restore);
    }
  else
    chq_backend_restore_async (backend, self->cancellable, restore_cb, g_object_ref (self));
}

static void
on_window_signed_in_cb (ChqWindow      *window,
                        ChqBackend     *backend,
                        ChqApplication *self)
{
  chq_application_use_backend (self, backend);
}

static void
chq_application_activate (GApplication *app)
{
  ChqApplication *self = CHQ_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (chq_window_new (self));
      g_signal_connect_object (window, "signed-in", G_CALLBACK (on_window_signed_in_cb), self,
                               0);
      chq_window_set_backend (CHQ_WINDOW (window), self->backend);
    }

  if (!self->opened)
    {
      /* Before the window is shown, so that it is laid out once, with the account's pages
       * (not first with the welcome page); it is already the active window for toasts. */
      self->opened = TRUE;
      chq_application_open_from_settings (self);
    }
  else if (g_settings_get_boolean (self->settings, "demo-mode")
           && (self->backend == NULL || !chq_backend_is_demo (self->backend)))
    {
      /* `chequier --demo` while the app runs: the running instance shows the demo. */
      chq_application_start_demo (self);
    }

  /* Shown at once, with the cached data; the session and the sync follow. */
  gtk_window_present (window);
}

/**
 * chq_application_open_from_settings:
 * @self: a #ChqApplication
 *
 * Opens what the settings say was open when the app last ran (as the first window does):
 * the demo (`demo-mode`), or the account of `enterprise-number` at `service-address`,
 * whose cache shows at once while its session is looked up in the keyring (missing: the
 * window asks for the password), or nothing.
 */
void
chq_application_open_from_settings (ChqApplication *self)
{
  g_autofree char *number = NULL;

  g_return_if_fail (CHQ_IS_APPLICATION (self));

  number = g_settings_get_string (self->settings, "enterprise-number");
  if (g_settings_get_boolean (self->settings, "demo-mode"))
    chq_application_start_demo (self);
  else if (number[0] != '\0')
    open_saved_account (self);
  else
    chq_application_use_backend (self, NULL);
}

static int
chq_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "demo"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_boolean (settings, "demo-mode", TRUE);
      g_settings_sync ();
    }

  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autoptr(GList) windows = NULL;

  /* Close rather than quit outright, so that each window saves its state; the
   * application ends with its last window. */
  windows = g_list_copy (gtk_application_get_windows (app));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  ChqPreferencesWindow *preferences = chq_preferences_window_new (parent);

  chq_preferences_window_set_backend (preferences, CHQ_APPLICATION (app)->backend);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = {
    "The Chéquier contributors https://github.com/chequier/chequier/graphs/contributors",
    NULL
  };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);

  adw_show_about_window (parent,
                         "application-name", _("Chéquier"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Order training vouchers, book workers on approved courses and track their training hours"),
                         "developer-name", _("The Chéquier contributors"),
                         "developers", developers,
                         "copyright", "© 2026 The Chéquier contributors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "website", "https://github.com/chequier/chequier",
                         "issue-url", "https://github.com/chequier/chequier/issues",
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GtkWindow *window;

  /* From a notification: the window may be closed (the app then starts with it). */
  g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (CHQ_IS_WINDOW (window))
    chq_window_set_visible_page (CHQ_WINDOW (window), g_variant_get_string (parameter, NULL));
}

static void
start_demo_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  chq_application_start_demo (CHQ_APPLICATION (user_data));
}

static void
on_signed_in_cb (ChqSignInDialog *dialog,
              ChqBackend      *backend,
              ChqApplication  *self)
{
  chq_application_use_backend (self, backend);
}

static void
sign_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ChqApplication *self = CHQ_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  ChqSignInDialog *dialog = chq_sign_in_dialog_new (parent, NULL);

  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_signed_in_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* From Preferences: @parameter is the account key of the account it showed, signed out
 * only if it is still the one shown. */
static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ChqApplication *self = CHQ_APPLICATION (user_data);

  if (self->backend != NULL
      && g_strcmp0 (chq_backend_get_account_key (self->backend),
                    g_variant_get_string (parameter, NULL)) == 0)
    chq_application_sign_out (self);
}

static void
leave_demo_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ChqApplication *self = CHQ_APPLICATION (user_data);

  if (self->backend != NULL && chq_backend_is_demo (self->backend))
    chq_application_leave_account (self);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "show-page", show_page_action, "s" },
  { "sign-in", sign_in_action },
  { "start-demo", start_demo_action },
  { "leave-demo", leave_demo_action },
  { "sign-out", sign_out_action, "s" },
};

static void
chq_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.show-page::catalogue", { "<Alt>1", NULL } },
    { "win.show-page::vouchers", { "<Alt>2", NULL } },
    { "win.show-page::hours", { "<Alt>3", NULL } },
    { "win.show-page::workers", { "<Alt>4", NULL } },
    { "win.sync", { "<Control>r", NULL } },
  };
  ChqApplication *self = CHQ_APPLICATION (app);

  G_APPLICATION_CLASS (chq_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed::sync-interval",
                    G_CALLBACK (on_sync_interval_changed_cb), self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);
}

static void
chq_application_shutdown (GApplication *app)
{
  ChqApplication *self = CHQ_APPLICATION (app);

  /* The settings keep the account (or the demo) for the next start. */
  close_backend (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_APPLICATION_CLASS (chq_application_parent_class)->shutdown (app);
}

static void
chq_application_dispose (GObject *object)
{
  ChqApplication *self = CHQ_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->backend);
  if (self->demo != NULL)
    chq_demo_stop (self->demo);
  g_clear_object (&self->demo);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chq_application_parent_class)->dispose (object);
}

static void
chq_application_finalize (GObject *object)
{
  ChqApplication *self = CHQ_APPLICATION (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (chq_application_parent_class)->finalize (object);
}

static void
chq_application_class_init (ChqApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = chq_application_dispose;
  object_class->finalize = chq_application_finalize;
  app_class->activate = chq_application_activate;
  app_class->startup = chq_application_startup;
  app_class->shutdown = chq_application_shutdown;
  app_class->handle_local_options = chq_application_handle_local_options;
}

static void
chq_application_init (ChqApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the demo data (an embedded test service) instead of an account"), NULL },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/**
 * chq_application_new:
 *
 * Creates the application object of Chéquier, with its app ID and its resources.
 *
 * Returns: (transfer full): a new #ChqApplication
 */
ChqApplication *
chq_application_new (void)
{
  return g_object_new (CHQ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/chequier/Chequier",
                       NULL);
}
