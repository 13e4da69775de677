/* bench-minimal-window.c: the start-up benchmark's reference, a minimal libadwaita window
 * (header bar, title, one label) that reports its first frame as the app does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints "chequier-first-frame monotonic_us=N since_main_ms=X rows=0 peak_rss_kib=K" after
 * its first frame is painted, then quits (the same line as app/main.c's hook).
 */
#define G_LOG_DOMAIN "bench-minimal-window"

#include "config.h"

#include <adwaita.h>

#include "chq-bench.h"

static gint64 main_time;

static void
on_after_paint (GdkFrameClock *clock,
                GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, window);
  g_print ("chequier-first-frame monotonic_us=%" G_GINT64_FORMAT " since_main_ms=%.1f "
           "rows=0 peak_rss_kib=%" G_GINT64_FORMAT "\n",
           g_get_monotonic_time (), (g_get_monotonic_time () - main_time) / 1e3,
           chq_bench_peak_rss_kib ());
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
on_realize (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_after_paint), window, 0);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *label = gtk_label_new ("Chéquier");

  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Chéquier");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  main_time = g_get_monotonic_time ();
  app = adw_application_new ("io.github.chequier.BenchMinimalWindow",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
