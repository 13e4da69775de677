/* chq-test-ui-utils.c: waiting on the main context, a signed-in backend against the
 * sandbox and a window that records toasts, shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <adwaita.h>

#include "chq-test-ui-utils.h"
#include "chq-test-clock.h"
#include "chq-register-link.h"

/**
 * store_result_cb:
 *
 * A #GAsyncReadyCallback that stores a reference to @result in the `GAsyncResult *`
 * that @user_data points to.
 */
void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/**
 * backend_sign_in:
 *
 * Signs @backend in with @password, waiting up to 30 s, and asserts that it succeeded.
 */
void
backend_sign_in (ChqBackend *backend,
                 const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  chq_backend_sign_in_async (backend, password, NULL, store_result_cb, &result);
  wait_until (result != NULL, 30000);
  g_assert_true (chq_backend_sign_in_finish (backend, result, &error));
  g_assert_no_error (error);
}

/**
 * run_sync:
 *
 * Waits for a running sync of @backend to end, then runs one more and asserts that it
 * succeeded within 30 s.
 */
void
run_sync (ChqBackend *backend)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChqSync *sync = chq_backend_get_sync (backend);

  while (chq_sync_is_running (sync))
    g_main_context_iteration (NULL, TRUE);
  chq_sync_run_async (sync, NULL, store_result_cb, &result);
  wait_until (result != NULL, 30000);
  g_assert_true (chq_sync_run_finish (sync, result, &error));
  g_assert_no_error (error);
}

/**
 * template_child:
 *
 * Returns: (transfer none): the template child @name of @widget (built from @type's
 * template), asserting that there is one.
 */
gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/**
 * flush_main_context:
 *
 * Lets pending idles and redraws run, without waiting for anything in particular.
 */
void
flush_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/**
 * collect_widgets:
 *
 * Adds @widget and every descendant of it that is a @type to @out, depth first.
 */
void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, out);
}

/**
 * test_ui_init_gtk:
 *
 * g_test_init() with isolated folders, then GTK, with the test accessibility backend
 * and no portals.
 */
void
test_ui_init_gtk (int    *argc,
                  char ***argv)
{
  /* The test backend records the accessible properties without needing AT-SPI. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  /* Icons are SVG, recognised through the shared MIME database, which the isolated XDG
   * directories of each test would otherwise hide. */
  g_content_type_set_mime_dirs (NULL);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
}

/**
 * test_ui_init:
 *
 * test_ui_init_gtk(), then libadwaita.
 */
void
test_ui_init (int    *argc,
              char ***argv)
{
  test_ui_init_gtk (argc, argv);
  adw_init ();
}

/**
 * test_ui_application_new:
 *
 * Returns: (transfer full): the application, registered and not unique, with the
 * cursor's blinking off.
 */
ChqApplication *
test_ui_application_new (void)
{
  g_autoptr(GError) error = NULL;
  ChqApplication *app;

  /* The cursor's blinking checks that its entry still has the focus, and warns when the
   * focus went with a window that closed (an X server without a window manager, tests
   * side by side): nothing the app does, so no blinking. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  app = chq_application_new ();
  /* Tests run side by side on one session bus: never hand the work to another instance. */
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  return app;
}

static void
on_toast_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TestUi *ui = user_data;

  g_free (ui->last_toast);
  ui->last_toast = g_variant_dup_string (parameter, NULL);
}

/**
 * test_ui_set_up:
 * @tmpdir_template: the template of the temporary folder holding the outbox
 * @name: the backend's name
 * @enterprise_number: the account to sign in to (password "demo")
 * @sync: whether to run one sync once signed in
 * @width: the window's default width (0: 1000 px)
 *
 * Starts a sandbox whose today is 2026-11-28, signs a demo backend in to it and makes the
 * window (not shown yet) that stands in for ChqWindow: it offers win.toast and records
 * the last toast in @ui->last_toast.
 */
void
test_ui_set_up (TestUi     *ui,
                const char *tmpdir_template,
                const char *name,
                const char *enterprise_number,
                gboolean    sync,
                int         width)
{
  ChqSandboxOptions options = { .today = "2026-11-28" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("toast", G_VARIANT_TYPE_STRING);
  g_autofree char *uri = NULL;
  g_autofree char *outbox_path = NULL;

  ui->sandbox = chq_sandbox_new (&options);
  g_assert_true (chq_sandbox_start (ui->sandbox, &error));
  test_clock_follow (ui->sandbox);
  g_assert_no_error (error);
  uri = chq_sandbox_dup_uri (ui->sandbox);
  ui->tmpdir = g_dir_make_tmp (tmpdir_template, &error);
  g_assert_no_error (error);
  outbox_path = g_build_filename (ui->tmpdir, "outbox.db", NULL);

  ui->backend = chq_backend_new (uri, name, enterprise_number, outbox_path, &error);
  g_assert_no_error (error);
  chq_backend_set_demo (ui->backend, TRUE);
  /* The sync fetches the enrolments of the sandbox's year, not the clock's. */
  chq_sync_set_current_year (chq_backend_get_sync (ui->backend), 2026);
  /* The demo's register trainings are placed around the sandbox's today, not the clock's. */
  {
    g_autoptr(GDateTime) today = g_date_time_new_local (2026, 11, 28, 12, 0, 0);

    chq_register_link_set_today (chq_register_link_get (ui->backend), today);
  }
  backend_sign_in (ui->backend, "demo");
  if (sync)
    run_sync (ui->backend);

  ui->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (ui->window, width > 0 ? width : 1000, 700);
  g_signal_connect (toast, "activate", G_CALLBACK (on_toast_cb), ui);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (toast));
  gtk_widget_insert_action_group (GTK_WIDGET (ui->window), "win", G_ACTION_GROUP (group));
}

/**
 * test_ui_show:
 *
 * Puts @page in @ui's window, presents it and waits (up to 5 s) until @page is mapped.
 */
void
test_ui_show (TestUi    *ui,
              GtkWidget *page)
{
  gtk_window_set_child (ui->window, page);
  gtk_window_present (ui->window);
  wait_until (gtk_widget_get_mapped (page), 5000);
}

/**
 * test_ui_tear_down:
 *
 * Destroys @ui's window, dispatches what is pending, stops the sandbox and frees the rest.
 */
void
test_ui_tear_down (TestUi *ui)
{
  gtk_window_destroy (ui->window);
  flush_main_context ();
  g_clear_object (&ui->backend);
  if (ui->sandbox != NULL)
    chq_sandbox_stop (ui->sandbox);
  g_clear_object (&ui->sandbox);
  g_free (ui->tmpdir);
  g_free (ui->last_toast);
}
