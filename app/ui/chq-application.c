/* chq-application.c: the application object, its actions and accelerators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-application"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-application.h"
#include "chq-preferences-window.h"
#include "chq-window.h"

struct _ChqApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ChqApplication, chq_application, ADW_TYPE_APPLICATION)

static void
chq_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (chq_window_new (CHQ_APPLICATION (app)));

  gtk_window_present (window);
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

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
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
  };

  G_APPLICATION_CLASS (chq_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action, accels[i].accels);
}

static void
chq_application_class_init (ChqApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = chq_application_activate;
  app_class->startup = chq_application_startup;
}

static void
chq_application_init (ChqApplication *self)
{
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
