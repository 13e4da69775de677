/* test-ui-shell.c: the application, its window, pages, actions and secondary windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-shell"

#include "config.h"

#include <adwaita.h>

#include "chq-application.h"
#include "chq-catalog-page.h"
#include "chq-hours-page.h"
#include "chq-preferences-window.h"
#include "chq-test-ui-utils.h"
#include "chq-vouchers-page.h"
#include "chq-window.h"
#include "chq-worker-dialog.h"
#include "chq-workers-page.h"

static ChqApplication *app;    /* owned */

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @check (data) holds, failing the test after five seconds. */
static void
run_until (gboolean (*check) (gpointer data),
           gpointer data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (5, on_timeout_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static ChqWindow *
get_main_window (void)
{
  GtkWindow *window = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CHQ_IS_WINDOW (l->data))
      window = l->data;

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (app));
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
    }

  g_assert_true (CHQ_IS_WINDOW (window));
  run_until (widget_is_mapped, window);

  /* The pages show once an account is open: one whose service is a closed loopback port,
   * with no session, so nothing is ever sent. Its cache is in the test's own directories,
   * so it goes at the end of each test (see run_test()). */
  if (chq_application_get_backend (app) == NULL)
    {
      g_autoptr(ChqBackend) backend = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (chq_window_get_view (CHQ_WINDOW (window)), ==, "welcome");
      backend = chq_backend_new ("http://127.0.0.1:9", "shell test", "0123456749", NULL, &error);
      g_assert_no_error (error);
      chq_application_use_backend (app, backend);
    }
  g_assert_cmpstr (chq_window_get_view (CHQ_WINDOW (window)), ==, "pages");

  return CHQ_WINDOW (window);
}

/* Finds the one toplevel of @type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        {
          g_assert_null (found);
          found = window;
        }
    }

  return found;
}

/* Activates the shortcut of @widget's controllers bound to @keyval with @modifiers, as
 * pressing the keys would: the application's accelerators are a shortcut controller of
 * each of its windows. */
static gboolean
activate_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
assert_accels (const char *action,
               const char *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

static void
test_window_pages (void)
{
  static const struct {
    const char *name;
    const char *label;
    const char *accel;
  } pages[] = {
    /* The last page first, so that every switch is a change. */
    { "workers", "Workers", "<Alt>4" },
    { "catalogue", "Catalogue", "<Alt>1" },
    { "vouchers", "Vouchers", "<Alt>2" },
    { "hours", "Training Hours", "<Alt>3" },
  };
  ChqWindow *window = get_main_window ();

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Chéquier");
  g_assert_cmpstr (chq_window_get_visible_page (window), ==, "catalogue");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", pages[i].name);
      GtkWidget *page;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                 pages[i].name));
      flush_main_context ();

      g_assert_cmpstr (chq_window_get_visible_page (window), ==, pages[i].name);
      page = chq_window_get_page (window, pages[i].name);
      g_assert_nonnull (page);
      g_assert_true (gtk_widget_get_mapped (page));
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_ROLE_GROUP);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           pages[i].label);
      assert_accels (detailed, pages[i].accel);
    }

  g_assert_true (CHQ_IS_CATALOG_PAGE (chq_window_get_page (window, "catalogue")));
  g_assert_true (CHQ_IS_VOUCHERS_PAGE (chq_window_get_page (window, "vouchers")));
  g_assert_true (CHQ_IS_HOURS_PAGE (chq_window_get_page (window, "hours")));
  g_assert_true (CHQ_IS_WORKERS_PAGE (chq_window_get_page (window, "workers")));
  g_assert_null (chq_window_get_page (window, "nowhere"));

#ifdef DEVELOPMENT_BUILD
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"));
#else
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"));
#endif
}

static void
test_window_accels (void)
{
  assert_accels ("app.quit", "<Control>q");
  assert_accels ("window.close", "<Control>w");
  assert_accels ("app.preferences", "<Control>comma");
  assert_accels ("win.show-help-overlay", "<Control>question");
  assert_accels ("win.sync", "<Control>r");
}

static void
test_window_shortcuts (void)
{
  static const struct {
    guint keyval;
    const char *page;
  } pages[] = {
    { GDK_KEY_4, "workers" },
    { GDK_KEY_3, "hours" },
    { GDK_KEY_2, "vouchers" },
    { GDK_KEY_1, "catalogue" },
  };
  ChqWindow *window = get_main_window ();
  GtkWindow *preferences;
  GtkWidget *overlay;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_assert_true (activate_shortcut (GTK_WIDGET (window), pages[i].keyval, GDK_ALT_MASK));
      g_assert_cmpstr (chq_window_get_visible_page (window), ==, pages[i].page);
    }

  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_comma, GDK_CONTROL_MASK));
  preferences = find_toplevel (CHQ_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  gtk_window_destroy (preferences);

  /* The shortcuts window is built when first asked for. */
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_question, GDK_CONTROL_MASK));
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (overlay));
  gtk_widget_set_visible (overlay, FALSE);

  g_assert_false (activate_shortcut (GTK_WIDGET (window), GDK_KEY_5, GDK_ALT_MASK));
  flush_main_context ();
}

static void
test_window_unknown_page (void)
{
  if (g_test_subprocess ())
    {
      /* Not shown: a subprocess inherits the isolated XDG directories, where the MIME
       * database that recognises the welcome page's SVG icon is missing. */
      ChqWindow *window = chq_window_new (app);

      chq_window_set_visible_page (window, "nowhere");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*No page named*nowhere*");
}

static void
test_window_accessible_controls (void)
{
  ChqWindow *window = get_main_window ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  /* Every menu button in the window has a tooltip, and an accessible name unless its label
   * names it. */
  collect_widgets (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, buttons);
  g_assert_cmpuint (buttons->len, >=, 1);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
      if (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)) == NULL)
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
}

static void
test_window_banner (void)
{
  ChqWindow *window = get_main_window ();

  g_assert_null (chq_window_get_banner (window));

  chq_window_set_banner (window, "Offline since 10:00");
  g_assert_cmpstr (chq_window_get_banner (window), ==, "Offline since 10:00");

  chq_window_set_banner (window, "");
  g_assert_null (chq_window_get_banner (window));
  chq_window_set_banner (window, "Demo data");
  chq_window_set_banner (window, NULL);
  g_assert_null (chq_window_get_banner (window));

  /* A toast is taken by the overlay (and freed with it). */
  chq_window_add_toast (window, adw_toast_new ("Saved"));
  flush_main_context ();
}

static void
test_about_window (void)
{
  ChqWindow *window = get_main_window ();
  GtkWindow *about;
  g_autofree char *name = NULL;
  g_autofree char *version = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *website = NULL;
  g_autofree char *issue_url = NULL;
  GtkLicense license;

  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  run_until (widget_is_mapped, about);

  g_object_get (about,
                "application-name", &name,
                "version", &version,
                "application-icon", &icon,
                "website", &website,
                "issue-url", &issue_url,
                "license-type", &license,
                NULL);
  g_assert_cmpstr (name, ==, "Chéquier");
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_cmpstr (website, ==, "https://github.com/chequier/chequier");
  g_assert_cmpstr (issue_url, ==, "https://github.com/chequier/chequier/issues");
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));

  gtk_window_destroy (about);
  flush_main_context ();
  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
}

/* The pages' shortcuts work from anywhere in the window, say with the focus on the sync
 * button right after Alt+4: each shows its page and runs its action there. */
static void
test_page_shortcuts_anywhere (void)
{
  ChqWindow *window = get_main_window ();
  GtkWidget *catalogue;

  chq_window_set_visible_page (window, "workers");
  gtk_widget_grab_focus (template_child (window, CHQ_TYPE_WINDOW, "sync_button"));

  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_f, GDK_CONTROL_MASK));
  flush_main_context ();
  g_assert_cmpstr (chq_window_get_visible_page (window), ==, "catalogue");
  catalogue = chq_window_get_page (window, "catalogue");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), catalogue));

  gtk_widget_grab_focus (template_child (window, CHQ_TYPE_WINDOW, "sync_button"));
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_e, GDK_CONTROL_MASK));
  flush_main_context ();
  g_assert_cmpstr (chq_window_get_visible_page (window), ==, "hours");
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_p, GDK_CONTROL_MASK));
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK));
  flush_main_context ();
  g_assert_cmpstr (chq_window_get_visible_page (window), ==, "vouchers");

  /* On the Workers page, Ctrl+N adds a worker rather than ordering. */
  chq_window_set_visible_page (window, "workers");
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_n, GDK_CONTROL_MASK));
  flush_main_context ();
  g_assert_cmpstr (chq_window_get_visible_page (window), ==, "workers");
  for (GtkWindow *dialog = find_toplevel (CHQ_TYPE_WORKER_DIALOG); dialog != NULL; dialog = NULL)
    gtk_window_destroy (dialog);
  flush_main_context ();
}

static void
test_shortcuts_window (void)
{
  ChqWindow *window = get_main_window ();
  static const char *expected[] = {
    "<Control>comma", "<Control>question", "<Control>r", "<Control>w", "<Control>q",
    "<Alt>1", "<Alt>2", "<Alt>3", "<Alt>4",
    "<Control>f", "<Control>n", "<Control>e", "<Control>p",
    "<Alt>Left", "<Control>Return", "Escape",
  };
  GtkShortcutsWindow *overlay;
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_autoptr(GHashTable) accelerators = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  run_until (widget_is_mapped, overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* The shortcuts window lists every accelerator of the application (its search page
   * holds a second copy of each shortcut). */
  collect_widgets (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accelerator = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accelerator, NULL);
      g_hash_table_add (accelerators, g_steal_pointer (&accelerator));
    }
  g_assert_cmpuint (g_hash_table_size (accelerators), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_hash_table_contains (accelerators, expected[i]));

  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
  flush_main_context ();
}

static void
test_preferences_window (void)
{
  ChqWindow *window = get_main_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  GtkWindow *preferences;
  GtkSpinButton *sync_interval;
  GtkSpinButton *expiry_warning;
  GtkSwitch *notifications;

  g_assert_null (find_toplevel (CHQ_TYPE_PREFERENCES_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel (CHQ_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  run_until (widget_is_mapped, preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (preferences));

  /* In the order of the template: sync, expiry, then the training register's workforce,
   * carry-over, hours per day and a sector rule's days (that group is the company's, kept
   * in its register: tested in test-ui-register). */
  collect_widgets (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, spins);
  collect_widgets (GTK_WIDGET (preferences), GTK_TYPE_SWITCH, switches);
  g_assert_cmpuint (spins->len, ==, 6);
  /* The sector rules' expander row has a switch of its own (hidden), before notifications. */
  g_assert_cmpuint (switches->len, ==, 2);
  sync_interval = g_ptr_array_index (spins, 0);
  expiry_warning = g_ptr_array_index (spins, 1);
  notifications = g_ptr_array_index (switches, 1);

  for (guint i = 0; i < spins->len; i++)
    g_assert_true (gtk_test_accessible_has_property (g_ptr_array_index (spins, i),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (notifications),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));

  /* The controls show the settings... */
  g_assert_cmpfloat (gtk_spin_button_get_value (sync_interval), ==, 30);
  g_assert_cmpfloat (gtk_spin_button_get_value (expiry_warning), ==, 60);
  g_assert_true (gtk_switch_get_active (notifications));

  g_settings_set_uint (settings, "sync-interval", 90);
  g_settings_set_uint (settings, "expiry-warning-days", 30);
  g_settings_set_boolean (settings, "notifications", FALSE);
  g_assert_cmpfloat (gtk_spin_button_get_value (sync_interval), ==, 90);
  g_assert_cmpfloat (gtk_spin_button_get_value (expiry_warning), ==, 30);
  g_assert_false (gtk_switch_get_active (notifications));

  /* ...and change them, within the ranges of the schema. */
  gtk_spin_button_set_value (sync_interval, 15);
  gtk_spin_button_set_value (expiry_warning, 90);
  gtk_switch_set_active (notifications, TRUE);
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 15);
  g_assert_cmpuint (g_settings_get_uint (settings, "expiry-warning-days"), ==, 90);
  g_assert_true (g_settings_get_boolean (settings, "notifications"));

  gtk_spin_button_set_value (sync_interval, 100000);
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 1440);

  gtk_window_close (preferences);
  flush_main_context ();
  g_assert_null (find_toplevel (CHQ_TYPE_PREFERENCES_WINDOW));

  g_settings_reset (settings, "sync-interval");
  g_settings_reset (settings, "expiry-warning-days");
}

static gboolean
window_has_size (gpointer data)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (data), &width, &height);
  return width == 720 && height == 540;
}

static void
test_window_size_saved (void)
{
  ChqWindow *window = get_main_window ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  int width = 0;
  int height = 0;

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 540);
  run_until (window_has_size, window);

  gtk_window_close (GTK_WINDOW (window));
  flush_main_context ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 720);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 540);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* A new window opens at the saved size. (Whether it opens maximised is up to the
   * window manager, and the test's X server has none.) */
  window = get_main_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 540);
}

static void
test_quit (void)
{
  get_main_window ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_nonnull (find_toplevel (CHQ_TYPE_PREFERENCES_WINDOW));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  flush_main_context ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_null (find_toplevel (CHQ_TYPE_PREFERENCES_WINDOW));
}

typedef struct {
  const char *path;
  void (*func) (void);
} ShellTest;

static const ShellTest tests[] = {
  { "/ui/shell/pages", test_window_pages },
  { "/ui/shell/accels", test_window_accels },
  { "/ui/shell/shortcuts-activate", test_window_shortcuts },
  { "/ui/shell/unknown-page", test_window_unknown_page },
  { "/ui/shell/accessible-controls", test_window_accessible_controls },
  { "/ui/shell/banner", test_window_banner },
  { "/ui/shell/about", test_about_window },
  { "/ui/shell/shortcuts", test_shortcuts_window },
  { "/ui/shell/page-shortcuts-anywhere", test_page_shortcuts_anywhere },
  { "/ui/shell/preferences", test_preferences_window },
  { "/ui/shell/window-size-saved", test_window_size_saved },
  { "/ui/shell/quit", test_quit },
};

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Runs a test, then closes the account it showed: its cache is in the test's directories,
 * which go when the test ends. Reads of the cache still under way (a page's models keep
 * theirs going until they answer) would then find it gone and warn, in a later test: the
 * test ends once the account and its cache are let go. */
static void
run_test (gconstpointer data)
{
  const ShellTest *test = data;
  ChqBackend *backend;
  ChqStore *store = NULL;

  test->func ();
  backend = chq_application_get_backend (app);
  if (backend != NULL)
    {
      store = chq_backend_get_store (backend);
      g_object_add_weak_pointer (G_OBJECT (backend), (gpointer *) &backend);
      g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
    }
  chq_application_use_backend (app, NULL);
  flush_main_context ();
  run_until (pointer_is_null, &backend);
  run_until (pointer_is_null, &store);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  test_ui_init_gtk (&argc, &argv);
  app = test_ui_application_new ();

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add_data_func (tests[i].path, &tests[i], run_test);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
