/* test-ui-look.c: how the interface reads: every page and dialog fits 360 px wide in each
 * language (with the .mo files of the build tree), and text styles reach WCAG AA contrast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-look"

#include "config.h"

#include <locale.h>
#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "chq-app-logic.h"
#include "chq-attendance-dialog.h"
#include "chq-backend.h"
#include "chq-booking-dialog.h"
#include "chq-order-dialog.h"
#include "chq-payment-dialog.h"
#include "chq-preferences-window.h"
#include "chq-sign-in-dialog.h"
#include "chq-store.h"
#include "chq-test-ui-utils.h"
#include "chq-window.h"
#include "chq-worker-dialog.h"

#define DEMO_SME "0123456749"
#define NARROWEST 360

typedef struct {
  const char *language;
  const char *locale;
} Language;

static const Language languages[] = {
  { "fr", "fr_BE.UTF-8" },
  { "nl", "nl_BE.UTF-8" },
  { "de", "de_BE.UTF-8" },
  { "en", "en_US.UTF-8" },
};

static ChqApplication *app;

/* Reads the translations of the build tree in @language (English: none). */
static gboolean
use_language (const Language *language)
{
  g_autofree char *podir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  if (setlocale (LC_ALL, language->locale) == NULL)
    return FALSE;
  g_setenv ("LANGUAGE", language->language, TRUE);
  /* A new locale makes gettext read its catalogues again. */
  bindtextdomain (GETTEXT_PACKAGE, podir);
  /* GtkBuilder translates the templates in the default domain, as main () sets it. */
  textdomain (GETTEXT_PACKAGE);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  return TRUE;
}

static int
min_width (GtkWidget *widget)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);

  return minimum;
}

/* Says which widgets, from @widget down, need more than the narrowest width: the path to
 * the one that does not fit. */
static void
report_too_wide (GtkWidget *widget,
                 int        depth)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int width = min_width (child);

      if (width <= NARROWEST)
        continue;
      if (GTK_IS_LABEL (child))
        g_printerr ("%*s%s %d px: %s\n", depth * 2, "", G_OBJECT_TYPE_NAME (child), width,
                    gtk_label_get_label (GTK_LABEL (child)));
      else
        g_printerr ("%*s%s %d px\n", depth * 2, "", G_OBJECT_TYPE_NAME (child), width);
      report_too_wide (child, depth + 1);
    }
}

static GtkWidget *
window_content (GtkWindow *window)
{
  if (ADW_IS_APPLICATION_WINDOW (window))
    return adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  if (ADW_IS_WINDOW (window))
    return adw_window_get_content (ADW_WINDOW (window));
  return gtk_window_get_child (window);
}

/* Shows @window, measures its content and closes it. */
static void
assert_window_fits (GtkWindow  *window,
                    const char *what,
                    const char *language)
{
  int width;

  /* A screen reader announces the dialogs as dialogs. */
  if (!ADW_IS_PREFERENCES_WINDOW (window))
    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_window_set_default_size (window, NARROWEST, 720);
  gtk_window_present (window);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);
  flush_main_context ();
  /* What the window draws: its frame (shadow and border of client-side decorations) is
   * not there on a phone, where the window is maximized. */
  width = min_width (window_content (window));
  g_test_message ("%s, %s: %d px", language, what, width);
  if (width > NARROWEST)
    report_too_wide (window_content (window), 0);
  if (width > NARROWEST)
    g_error ("%s in %s needs %d px, more than %d", what, language, width, NARROWEST);
  gtk_window_destroy (window);
  flush_main_context ();
}

static void
test_min_width (gconstpointer data)
{
  const Language *language = data;
  static const char * const pages[] = { "catalogue", "vouchers", "hours", "workers" };
  TestUi ui = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(ChqCourse) course = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  const guint waiting[CHQ_N_VOUCHER_TYPES] = { 0, };
  ChqStore *store;
  ChqWindow *window;

  if (!use_language (language))
    {
      g_test_skip_printf ("No %s locale on this machine", language->locale);
      return;
    }

  test_ui_set_up (&ui, "chq-ui-look-XXXXXX", "look test", DEMO_SME, TRUE, NARROWEST);
  /* No notification daemon here. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "notifications", FALSE);
  }
  store = chq_backend_get_store (ui.backend);

  /* The window, with no account (the welcome page), then with each page. */
  window = chq_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), NARROWEST, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);
  flush_main_context ();
  g_assert_cmpint (min_width (window_content (GTK_WINDOW (window))), <=, NARROWEST);
  chq_application_use_backend (app, ui.backend);
  g_assert_cmpstr (chq_window_get_view (window), ==, "pages");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      int width;

      chq_window_set_visible_page (window, pages[i]);
      for (guint j = 0; j < 20; j++)
        {
          flush_main_context ();
          g_usleep (5000);
        }
      width = min_width (window_content (GTK_WINDOW (window)));
      g_test_message ("%s, page %s: %d px", language->language, pages[i], width);
      if (width > NARROWEST)
        report_too_wide (window_content (GTK_WINDOW (window)), 0);
      if (width > NARROWEST)
        g_error ("The %s page in %s needs %d px, more than %d", pages[i], language->language,
                 width, NARROWEST);
    }
  chq_application_use_backend (app, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  flush_main_context ();

  /* Every dialog. */
  assert_window_fits (GTK_WINDOW (chq_sign_in_dialog_new (NULL, NULL)), "sign in", language->language);
  assert_window_fits (GTK_WINDOW (chq_preferences_window_new (NULL)), "preferences", language->language);
  assert_window_fits (GTK_WINDOW (chq_worker_dialog_new (ui.backend, NULL)), "worker", language->language);
  account = chq_store_get_account (store, &error);
  g_assert_no_error (error);
  assert_window_fits (GTK_WINDOW (chq_order_dialog_new (ui.backend, account, waiting)), "order",
                      language->language);
  course = chq_store_get_course (store, "crs-ai-0008", &error);
  g_assert_no_error (error);
  assert_window_fits (GTK_WINDOW (chq_booking_dialog_new (ui.backend, course)), "booking",
                      language->language);
  orders = chq_store_list_orders (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, >, 0);
  assert_window_fits (GTK_WINDOW (chq_payment_dialog_new (ui.backend, g_ptr_array_index (orders, 0))),
                      "payment", language->language);
  enrolments = chq_store_list_enrolments (store, 2026, &error);
  g_assert_no_error (error);
  if (enrolments->len > 0)
    assert_window_fits (GTK_WINDOW (chq_attendance_dialog_new (ui.backend, g_ptr_array_index (enrolments, 0))),
                        "attendance", language->language);

  test_ui_tear_down (&ui);
}

/* WCAG's relative luminance of a colour over an opaque background. */
static double
luminance (const GdkRGBA *color,
           const GdkRGBA *background)
{
  double channels[3] = {
    color->red * color->alpha + background->red * (1 - color->alpha),
    color->green * color->alpha + background->green * (1 - color->alpha),
    color->blue * color->alpha + background->blue * (1 - color->alpha),
  };

  for (guint i = 0; i < 3; i++)
    channels[i] = channels[i] <= 0.03928 ? channels[i] / 12.92
                                         : pow ((channels[i] + 0.055) / 1.055, 2.4);

  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

static double
contrast (const GdkRGBA *color,
          double         opacity,
          const GdkRGBA *background)
{
  GdkRGBA seen = *color;
  double a, b;

  seen.alpha *= opacity;
  a = luminance (&seen, background);
  b = luminance (background, background);

  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

/* The colour of a label with @classes in @window, and its opacity (of .dim-label). */
static void
label_color (GtkWidget   *box,
             const char  *classes,
             GdkRGBA     *out_color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkWidget *label = gtk_label_new ("Late");
  g_auto(GStrv) names = g_strsplit (classes, " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    gtk_widget_add_css_class (label, names[i]);
  gtk_box_append (GTK_BOX (box), label);
  gtk_style_context_get_color (gtk_widget_get_style_context (label), out_color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The late rows' warning text and the column headers reach 4.5:1 in light, dark and high
 * contrast (the opacity of .dim-label as style.css sets it: 0.7, 0.9 in high contrast). */
static void
test_contrast (void)
{
  static const struct {
    AdwColorScheme scheme;
    gboolean high_contrast;
    const char *background;
  } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, FALSE, "#fafafa" },
    { ADW_COLOR_SCHEME_FORCE_DARK, FALSE, "#242424" },
  };
  AdwStyleManager *manager = adw_style_manager_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GdkRGBA background, text, warning, caption;
      double ratio;

      adw_style_manager_set_color_scheme (manager, schemes[i].scheme);
      g_assert_true (gdk_rgba_parse (&background, schemes[i].background));
      gtk_window_set_child (GTK_WINDOW (window), box);
      gtk_window_present (GTK_WINDOW (window));
      flush_main_context ();

      label_color (box, "caption", &text);
      label_color (box, "caption warning", &warning);
      label_color (box, "caption dim-label", &caption);

      ratio = contrast (&warning, 1.0, &background);
      g_test_message ("scheme %u: warning %.2f:1", i, ratio);
      g_assert_cmpfloat (ratio, >=, 4.5);
      ratio = contrast (&caption, 0.7, &background);
      g_test_message ("scheme %u: dimmed %.2f:1", i, ratio);
      g_assert_cmpfloat (ratio, >=, 4.5);
      /* Column headers: the text colour at 75 %. */
      ratio = contrast (&text, 0.75, &background);
      g_test_message ("scheme %u: column header %.2f:1", i, ratio);
      g_assert_cmpfloat (ratio, >=, 4.5);

      gtk_window_destroy (GTK_WINDOW (window));
      flush_main_context ();
    }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

/* At the default 1000 px, the header bar's sync status is read whole in every language,
 * whatever it says: never "Mis à jour il y a…". */
static void
test_status_readable (gconstpointer data)
{
  const Language *language = data;
  TestUi ui = { NULL, };
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 28, 10, 0, 0);
  GDateTime *last[] = {
    NULL,
    g_date_time_add_seconds (now, -20),
    g_date_time_add_minutes (now, -58),
    g_date_time_add_hours (now, -23),
    g_date_time_add_days (now, -40),
  };
  ChqWindow *window;
  GtkLabel *label;

  if (!use_language (language))
    {
      g_test_skip_printf ("No %s locale on this machine", language->locale);
      return;
    }

  test_ui_set_up (&ui, "chq-ui-look-XXXXXX", "look test", DEMO_SME, TRUE, NARROWEST);
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "notifications", FALSE);
  }
  window = chq_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  chq_application_use_backend (app, ui.backend);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 5000);
  label = template_child (window, CHQ_TYPE_WINDOW, "updated_label");
  /* No sync ends and sets the status while it is measured. */
  run_sync (ui.backend);
  flush_main_context ();

  for (guint i = 0; i < G_N_ELEMENTS (last); i++)
    {
      g_autofree char *text = chq_app_format_updated_short (last[i], now);

      int natural = 0;
      gint64 deadline;

      gtk_label_set_label (label, text);
      gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                          NULL, NULL);
      /* The header bar lays out again on a coming frame. */
      deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
      while (gtk_widget_get_width (GTK_WIDGET (label)) < natural &&
             g_get_monotonic_time () < deadline)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      g_test_message ("%s: \"%s\" needs %d px, has %d px", language->language, text, natural,
                      gtk_widget_get_width (GTK_WIDGET (label)));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
      g_assert_cmpstr (gtk_label_get_label (label), ==, text);
      if (gtk_widget_get_width (GTK_WIDGET (label)) < natural ||
          pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("At 1000 px in %s, the sync status \"%s\" is cut", language->language, text);
    }

  /* Narrower, the view switcher has the room, and back at 1000 px the status again. */
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 700);
  wait_until (!gtk_widget_get_mapped (GTK_WIDGET (label)), 5000);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (label)), 5000);

  for (guint i = 0; i < G_N_ELEMENTS (last); i++)
    g_clear_pointer (&last[i], g_date_time_unref);
  chq_application_use_backend (app, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  flush_main_context ();
  test_ui_tear_down (&ui);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  test_ui_init_gtk (&argc, &argv);
  /* libadwaita 1.2 warns ("Trying to snapshot AdwGizmo without a current allocation") when
   * its header bar squeezes a child away at the narrowest widths: harmless, and out of our
   * hands, so warnings are not fatal here (criticals are). */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  app = test_ui_application_new ();

  g_test_add_func ("/ui/look/contrast", test_contrast);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/look/min-width/%s", languages[i].language);

      g_test_add_data_func (path, &languages[i], test_min_width);
    }
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/ui/look/status-at-1000/%s", languages[i].language);

      g_test_add_data_func (path, &languages[i], test_status_readable);
    }

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}
