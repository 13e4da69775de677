/* main.c: the entry point of Chéquier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chequier"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "chq-application.h"
#include "chq-i18n.h"

/* The start-up benchmark's hook (tests/bench/bench-startup.c). With
 * CHQ_EXIT_AFTER_FIRST_FRAME=1 the app quits after the first frame of its first window is
 * painted; with CHQ_EXIT_AFTER_FIRST_FRAME=rows, after the first frame that shows a list
 * with rows (the catalogue with its courses), or after 30 s without one. Before quitting it
 * prints one line on standard output:
 *   chequier-first-frame monotonic_us=N since_main_ms=X rows=R total=T peak_rss_kib=K
 * (N the CLOCK_MONOTONIC time in µs, which the parent compares with its own, X the time
 * since main() began, R the items of the list shown, T the items of the model behind it,
 * K the peak resident memory, VmHWM). */

static gint64 main_time;

/* The model a list's items come from, through its selection and a slice of it. */
static GListModel *
model_behind (GListModel *model)
{
  if (GTK_IS_SINGLE_SELECTION (model))
    model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
  if (GTK_IS_SLICE_LIST_MODEL (model))
    model = gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (model));

  return model;
}

/* The items of the first list shown with some (the rows it can make), and in total the
 * items of the model behind it (the catalogue hands its list a first screenful first). */
static guint
count_shown_rows (GtkWidget *widget,
                  guint     *total)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_mapped (widget))
    {
      GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (widget)));

      if (model != NULL && g_list_model_get_n_items (model) > 0)
        {
          *total = g_list_model_get_n_items (model_behind (model));
          return g_list_model_get_n_items (model);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint n = count_shown_rows (child, total);

      if (n > 0)
        return n;
    }

  return 0;
}

static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmHWM:")) == NULL)
    return 0;

  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

static void
report_and_quit (GtkWidget *window,
                 gint64     painted,
                 guint      rows,
                 guint      total)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  g_print ("chequier-first-frame monotonic_us=%" G_GINT64_FORMAT " since_main_ms=%.1f "
           "rows=%u total=%u peak_rss_kib=%" G_GINT64_FORMAT "\n",
           painted, (painted - main_time) / 1e3, rows, total, peak_rss_kib ());
  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  /* The time the frame was painted, before the hook's own walk of the widget tree. */
  gint64 painted = g_get_monotonic_time ();
  gboolean want_rows = g_strcmp0 (g_getenv ("CHQ_EXIT_AFTER_FIRST_FRAME"), "rows") == 0;
  guint total = 0;
  guint rows = count_shown_rows (window, &total);

  if (want_rows && rows == 0 && painted - main_time < 30 * G_USEC_PER_SEC)
    return;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  report_and_quit (window, painted, rows, total);
}

static void
on_window_realize (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint), window, 0);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, on_window_added, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChqApplication) app = NULL;

  main_time = g_get_monotonic_time ();

  chq_i18n_init ();

  app = chq_application_new ();

  if (g_getenv ("CHQ_EXIT_AFTER_FIRST_FRAME") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
