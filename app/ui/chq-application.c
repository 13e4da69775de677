/* chq-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-application"

#include "config.h"

#include <glib/gi18n.h>

#include "chq-application.h"

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
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("Chéquier"));
    }

  gtk_window_present (window);
}

static void
chq_application_class_init (ChqApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = chq_application_activate;
}

static void
chq_application_init (ChqApplication *self)
{
}

ChqApplication *
chq_application_new (void)
{
  return g_object_new (CHQ_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/chequier/Chequier",
                       NULL);
}
