/* chq-window.c: the main window: the welcome page when no account is open, else the four
 * pages under a header bar with the sync button, the time of the last sync, the refused
 * changes and a banner for the lasting states (demo data, offline, signed out)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-clock.h"
#include "chq-app-logic.h"
#include "chq-catalog-page.h"
#include "chq-hours-page.h"
#include "chq-outbox-view.h"
#include "chq-sign-in-dialog.h"
#include "chq-vouchers-page.h"
#include "chq-welcome-page.h"
#include "chq-window.h"
#include "chq-workers-page.h"

/* How often "Updated 5 minutes ago" and the banner's times are brought up to date. */
#define REFRESH_SECONDS 30

/* The pages other than the catalogue: each is built in its slot (an AdwBin, the child of
 * its AdwViewStackPage, which has the title and icon of the view switcher) when it is
 * first shown or asked for, else in idles after the first frame, so that start-up pays
 * for the catalogue alone. */
typedef enum {
  LAZY_VOUCHERS,
  LAZY_HOURS,
  LAZY_WORKERS,
  N_LAZY_PAGES
} LazyPage;

static const char * const lazy_page_names[N_LAZY_PAGES] = { "vouchers", "hours", "workers" };

struct _ChqWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;        /* owned */
  ChqBackend           *backend;         /* owned, nullable */
  ChqSync              *sync;            /* owned while connected: the backend's engine */
  ChqOutbox            *outbox;          /* owned while connected: the backend's outbox */
  ChqSyncState          shown_state;     /* how the last run ended (never SYNCING) */
  gboolean              needs_sign_in;   /* no valid session: the banner asks for one */
  char                 *custom_banner;   /* owned, from chq_window_set_banner() */
  guint                 refresh_id;
  GtkWindow            *sign_in_dialog;  /* weak */
  GtkWidget            *lazy_pages[N_LAZY_PAGES]; /* NULL until built; owned by their slot */
  guint                 first_frame_id;  /* tick callback */
  guint                 build_pages_id;  /* idle */
  guint                 status_id;       /* idle: shows or hides the short sync status */
  gboolean              status_wide;     /* wide enough for the short sync status */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkWidget            *welcome_page;
  AdwViewStack         *stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkButton            *sync_button;
  GtkStack             *sync_stack;
  GtkSpinner           *sync_spinner;
  GtkLabel             *updated_label;
  GtkMenuButton        *failed_button;
  ChqOutboxView        *outbox_view;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkButton            *banner_button;
  GtkProgressBar       *sync_progress;
  GtkWidget            *catalog_page;
  AdwBin               *vouchers_slot;
  AdwBin               *hours_slot;
  AdwBin               *workers_slot;
};

enum {
  PROP_0,
  PROP_BACKEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChqWindow, chq_window, ADW_TYPE_APPLICATION_WINDOW)

static void
chq_window_save_state (ChqWindow *self)
{
  int width = 0;
  int height = 0;

  /* The default size follows the size of a window that is neither maximised nor
   * fullscreen, so it is the size to restore even when the window is maximised now. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
chq_window_close_request (GtkWindow *window)
{
  chq_window_save_state (CHQ_WINDOW (window));

  return GTK_WINDOW_CLASS (chq_window_parent_class)->close_request (window);
}

/* The banner: the window's own message, or what the account's state calls for. */
static void
update_banner (ChqWindow *self)
{
  g_autoptr(GDateTime) now = chq_clock_now_local ();
  g_autofree char *text = NULL;
  const char *button_label = NULL;
  const char *button_action = NULL;
  ChqBannerKind kind;

  if (self->custom_banner != NULL)
    text = g_strdup (self->custom_banner);
  else
    {
      GDateTime *last_success = NULL;
      guint n_waiting = 0;

      if (self->backend != NULL)
        {
          last_success = chq_sync_get_last_success (self->sync);
          n_waiting = chq_backend_count_unsent (self->backend);
        }

      kind = chq_app_banner_kind (self->backend != NULL,
                                  self->backend != NULL && chq_backend_is_demo (self->backend),
                                  self->needs_sign_in, self->shown_state);
      text = chq_app_banner_text (kind, last_success, now, n_waiting);

      switch (kind)
        {
        case CHQ_BANNER_SIGNED_OUT:
          button_label = _("_Sign In…");
          button_action = "win.sign-in-again";
          break;
        case CHQ_BANNER_OFFLINE:
        case CHQ_BANNER_ERROR:
          button_label = _("_Retry");
          button_action = "win.sync";
          break;
        case CHQ_BANNER_DEMO:
          button_label = _("_Leave Demo");
          button_action = "app.leave-demo";
          break;
        case CHQ_BANNER_NONE:
        default:
          break;
        }
    }

  if (text != NULL)
    gtk_label_set_label (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, text != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), button_label != NULL);
  if (button_label != NULL)
    {
      /* Named by its label child only: chq_a11y_tidy() drops GTK 4.8's raw copy. */
      gtk_button_set_label (self->banner_button, button_label);
      chq_a11y_wrap_labels (GTK_WIDGET (self->banner_button));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->banner_button), button_action);
    }
}

static void
update_updated (ChqWindow *self)
{
  g_autoptr(GDateTime) now = chq_clock_now_local ();
  g_autofree char *updated = NULL;
  g_autofree char *short_updated = NULL;

  if (self->backend == NULL)
    {
      gtk_label_set_label (self->updated_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->updated_label), NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->sync_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  updated = chq_app_format_updated (chq_sync_get_last_success (self->sync), now);
  /* Beside the sync button, the short form, read whole at the default width; the sentence
   * is its tooltip, the button's description and, when narrow, the title's subtitle. */
  short_updated = chq_app_format_updated_short (chq_sync_get_last_success (self->sync), now);
  gtk_label_set_label (self->updated_label, short_updated);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->updated_label), updated);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, updated, -1);
  adw_view_switcher_title_set_subtitle (self->switcher_title, updated);

  if (!chq_sync_is_running (self->sync)
      || chq_sync_get_state (self->sync) != CHQ_SYNC_STATE_SYNCING)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button), updated);
}

static void
update_sync (ChqWindow *self)
{
  gboolean syncing = self->sync != NULL
                     && chq_sync_get_state (self->sync) == CHQ_SYNC_STATE_SYNCING;
  double fraction = syncing ? chq_sync_get_fraction (self->sync) : 0.0;

  gtk_stack_set_visible_child_name (self->sync_stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_progress), syncing && fraction > 0.0);
  gtk_progress_bar_set_fraction (self->sync_progress, fraction);

  if (syncing)
    {
      const char *activity = chq_sync_get_activity (self->sync);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_button),
                                   activity != NULL && activity[0] != '\0'
                                   ? activity : _("Syncing…"));
    }
  else
    update_updated (self);
}

static void
on_sync_state_changed_cb (ChqWindow *self)
{
  ChqSyncState state = chq_sync_get_state (self->sync);

  if (state != CHQ_SYNC_STATE_SYNCING)
    {
      self->shown_state = state;
      if (state == CHQ_SYNC_STATE_IDLE)
        self->needs_sign_in = FALSE;
      else if (state == CHQ_SYNC_STATE_UNAUTHORIZED && !self->needs_sign_in)
        chq_window_ask_sign_in_again (self);
    }

  update_sync (self);
  update_banner (self);
}

static void
on_sync_progress_changed_cb (ChqWindow *self)
{
  update_sync (self);
}

static void
on_last_success_changed_cb (ChqWindow *self)
{
  update_updated (self);
  update_banner (self);
}

static void
on_outbox_changed_cb (ChqWindow *self)
{
  update_banner (self);
}

static void
on_n_failed_changed_cb (ChqWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->failed_button),
                          chq_outbox_view_get_n_failed (self->outbox_view) > 0);
}

static gboolean
refresh_cb (gpointer data)
{
  ChqWindow *self = CHQ_WINDOW (data);

  update_updated (self);
  update_banner (self);

  return G_SOURCE_CONTINUE;
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  chq_window_set_visible_page (CHQ_WINDOW (widget),
                               g_variant_get_string (parameter, NULL));
}

/* The shortcuts of the pages, from anywhere in the window (the header bar, the view
 * switcher, right after Alt+1…4): each shows its page and runs the page's action. A page's
 * own binding answers first when the focus is inside it. */
static const struct {
  const char *action;
  const char *page;
  const char *page_action;
} page_shortcuts[] = {
  { "win.search", "catalogue", "catalog.search" },
  { "win.new", "vouchers", "vouchers.order" },
  { "win.export", "hours", "hours.export-csv" },
  { "win.print-report", "hours", "hours.export-pdf" },
};

static void
page_shortcut_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChqWindow *self = CHQ_WINDOW (widget);

  /* Nothing to search or order before an account is open. */
  if (self->backend == NULL || g_strcmp0 (chq_window_get_view (self), "pages") != 0)
    return;

  /* Ctrl+N on the Workers page adds a worker, as the button there says. */
  if (g_str_equal (action_name, "win.new") &&
      g_strcmp0 (chq_window_get_visible_page (self), "workers") == 0)
    {
      gtk_widget_activate_action (chq_window_get_page (self, "workers"), "workers.add", NULL);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (page_shortcuts); i++)
    if (g_str_equal (action_name, page_shortcuts[i].action))
      {
        chq_window_set_visible_page (self, page_shortcuts[i].page);
        gtk_widget_activate_action (chq_window_get_page (self, page_shortcuts[i].page),
                                    page_shortcuts[i].page_action, NULL);
        return;
      }
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  chq_window_add_toast (CHQ_WINDOW (widget),
                        adw_toast_new (g_variant_get_string (parameter, NULL)));
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqWindow *self = CHQ_WINDOW (widget);

  if (self->backend == NULL)
    return;

  if (self->needs_sign_in)
    chq_window_ask_sign_in_again (self);
  else
    chq_sync_request (self->sync);
}

static void
sign_in_again_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  chq_window_ask_sign_in_again (CHQ_WINDOW (widget));
}

static void
on_signed_in_cb (ChqSignInDialog *dialog,
              ChqBackend      *backend,
              ChqWindow       *self)
{
  self->needs_sign_in = FALSE;
  update_banner (self);
  /* The application, when there is one, takes the new session (and syncs). */
  if (g_signal_has_handler_pending (self, signals[SIGNED_IN], 0, FALSE))
    g_signal_emit (self, signals[SIGNED_IN], 0, backend);
  else if (backend == self->backend)
    chq_sync_request (self->sync);
}

static void
set_page_backend (GtkWidget  *page,
                  ChqBackend *backend)
{
  /* Each page has a "backend" property (chq_<page>_set_backend()); looked up rather than
   * called by name, so that a page still without one shows its empty state. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "backend") != NULL)
    g_object_set (page, "backend", backend, NULL);
  else
    g_debug ("The page %s has no backend property", G_OBJECT_TYPE_NAME (page));
}

static AdwBin *
lazy_page_slot (ChqWindow *self,
                LazyPage   page)
{
  switch (page)
    {
    case LAZY_VOUCHERS:
      return self->vouchers_slot;
    case LAZY_HOURS:
      return self->hours_slot;
    case LAZY_WORKERS:
      return self->workers_slot;
    case N_LAZY_PAGES:
    default:
      g_return_val_if_reached (NULL);
    }
}

static GType
lazy_page_type (LazyPage page)
{
  switch (page)
    {
    case LAZY_VOUCHERS:
      return CHQ_TYPE_VOUCHERS_PAGE;
    case LAZY_HOURS:
      return CHQ_TYPE_HOURS_PAGE;
    case LAZY_WORKERS:
      return CHQ_TYPE_WORKERS_PAGE;
    case N_LAZY_PAGES:
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

/* The page, built in its slot with the window's backend if it was not yet; NULL once the
 * window is disposed. */
static GtkWidget *
ensure_lazy_page (ChqWindow *self,
                  LazyPage   page)
{
  AdwBin *slot = lazy_page_slot (self, page);

  if (slot == NULL)
    return NULL;

  if (self->lazy_pages[page] == NULL)
    {
      GtkWidget *widget = g_object_new (lazy_page_type (page), NULL);

      self->lazy_pages[page] = widget;
      adw_bin_set_child (slot, widget);
      if (self->backend != NULL)
        set_page_backend (widget, self->backend);
    }

  return self->lazy_pages[page];
}

static void
on_visible_page_changed_cb (ChqWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < N_LAZY_PAGES; i++)
    if (g_strcmp0 (name, lazy_page_names[i]) == 0)
      ensure_lazy_page (self, i);
}

/* One page a turn of the main loop, after anything more urgent. */
static gboolean
build_pages_cb (gpointer data)
{
  ChqWindow *self = CHQ_WINDOW (data);

  for (guint i = 0; i < N_LAZY_PAGES; i++)
    if (self->lazy_pages[i] == NULL)
      {
        ensure_lazy_page (self, i);
        return G_SOURCE_CONTINUE;
      }

  self->build_pages_id = 0;
  return G_SOURCE_REMOVE;
}

/* Called in the first frame's update phase: the idle, of a lower priority than painting,
 * runs once that frame is on screen. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       data)
{
  ChqWindow *self = CHQ_WINDOW (widget);

  self->first_frame_id = 0;
  if (self->build_pages_id == 0)
    self->build_pages_id = g_idle_add_full (G_PRIORITY_LOW, build_pages_cb, self, NULL);

  return G_SOURCE_REMOVE;
}

static void
disconnect_backend (ChqWindow *self)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  g_clear_object (&self->sync);
  g_clear_object (&self->outbox);
}

static void
chq_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ChqWindow *self = CHQ_WINDOW (object);

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
chq_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ChqWindow *self = CHQ_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_window_set_backend (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_window_dispose (GObject *object)
{
  ChqWindow *self = CHQ_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->build_pages_id, g_source_remove);
  g_clear_handle_id (&self->status_id, g_source_remove);
  if (self->first_frame_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->first_frame_id);
      self->first_frame_id = 0;
    }
  disconnect_backend (self);
  if (self->sign_in_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->sign_in_dialog),
                                    (gpointer *) &self->sign_in_dialog);
      self->sign_in_dialog = NULL;
    }
  /* No page is built while the stack goes. */
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_func (self->stack, on_visible_page_changed_cb, self);
  for (guint i = 0; i < N_LAZY_PAGES; i++)
    self->lazy_pages[i] = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), CHQ_TYPE_WINDOW);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (chq_window_parent_class)->dispose (object);
}

static void
chq_window_finalize (GObject *object)
{
  ChqWindow *self = CHQ_WINDOW (object);

  g_clear_object (&self->settings);
  g_free (self->custom_banner);

  G_OBJECT_CLASS (chq_window_parent_class)->finalize (object);
}

/* The shortcuts window is built when first asked for, not with every window as
 * GtkApplication does with a gtk/help-overlay.ui resource: a start does not pay for it. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/chequier/Chequier/ui/chq-help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

/* The short sync status beside the sync button shows from this window width; narrower, the
 * view switcher needs the room and the status is the sync button's tooltip (and the title's
 * subtitle once the switcher gives way). The window's width alone decides: whether the
 * switcher fits depends on the status itself, and following it made the header bar flap
 * between the two. */
#define STATUS_MIN_WIDTH 900

static gboolean
show_status_cb (gpointer user_data)
{
  ChqWindow *self = user_data;

  self->status_id = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->updated_label), self->status_wide);

  return G_SOURCE_REMOVE;
}

static void
chq_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  ChqWindow *self = CHQ_WINDOW (widget);
  gboolean wide = width >= STATUS_MIN_WIDTH;

  GTK_WIDGET_CLASS (chq_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* Not while the window is being laid out. */
  if (wide != self->status_wide)
    {
      self->status_wide = wide;
      if (self->status_id == 0)
        self->status_id = g_idle_add (show_status_cb, self);
    }
}

static void
chq_window_class_init (ChqWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = chq_window_get_property;
  object_class->set_property = chq_window_set_property;
  object_class->dispose = chq_window_dispose;
  object_class->finalize = chq_window_finalize;
  window_class->close_request = chq_window_close_request;
  widget_class->size_allocate = chq_window_size_allocate;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChqWindow::signed-in:
   * @self: the window
   * @backend: the account signed in to again
   *
   * The user signed in again from the window's banner: the owner of the account shown
   * (the application) takes the new session.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, CHQ_TYPE_BACKEND);

  g_type_ensure (CHQ_TYPE_CATALOG_PAGE);
  g_type_ensure (CHQ_TYPE_WELCOME_PAGE);
  g_type_ensure (CHQ_TYPE_OUTBOX_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, updated_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, failed_button);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, outbox_view);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, catalog_page);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, vouchers_slot);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, hours_slot);
  gtk_widget_class_bind_template_child (widget_class, ChqWindow, workers_slot);

  /* The accelerators (Alt+1 to Alt+4, Ctrl+R) are the application's, so that the
   * shortcuts window and the menus show them. */
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in-again", NULL, sign_in_again_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  for (guint i = 0; i < G_N_ELEMENTS (page_shortcuts); i++)
    gtk_widget_class_install_action (widget_class, page_shortcuts[i].action, NULL,
                                     page_shortcut_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-report", NULL);
}

static void
chq_window_init (ChqWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_swapped (self->outbox_view, "notify::n-failed",
                            G_CALLBACK (on_n_failed_changed_cb), self);
  g_signal_connect_swapped (self->stack, "notify::visible-child-name",
                            G_CALLBACK (on_visible_page_changed_cb), self);
  on_visible_page_changed_cb (self);
  self->first_frame_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_cb,
                                                       NULL, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in-again", FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

/**
 * chq_window_new:
 * @application: the application the window belongs to
 *
 * Creates the main window, sized as it was when it was last closed.
 *
 * Returns: (transfer none): a new #ChqWindow, owned by its application
 */
ChqWindow *
chq_window_new (ChqApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CHQ_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * chq_window_set_visible_page:
 * @self: a #ChqWindow
 * @name: the page to show: "catalogue", "vouchers", "hours" or "workers"
 *
 * Shows one of the four pages. An unknown name is a programming error.
 */
void
chq_window_set_visible_page (ChqWindow  *self,
                             const char *name)
{
  g_return_if_fail (CHQ_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_critical ("No page named “%s” in the main window", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/**
 * chq_window_get_visible_page:
 * @self: a #ChqWindow
 *
 * Returns: (transfer none) (nullable): the name of the page on screen
 */
const char *
chq_window_get_visible_page (ChqWindow *self)
{
  g_return_val_if_fail (CHQ_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * chq_window_get_page:
 * @self: a #ChqWindow
 * @name: the name of a page
 *
 * The pages other than the catalogue are built when first shown: asking for one builds
 * it if it was not yet.
 *
 * Returns: (transfer none) (nullable): the page widget called @name, or %NULL
 */
GtkWidget *
chq_window_get_page (ChqWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (CHQ_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < N_LAZY_PAGES; i++)
    if (g_str_equal (name, lazy_page_names[i]))
      return ensure_lazy_page (self, i);

  return adw_view_stack_get_child_by_name (self->stack, name);
}

/**
 * chq_window_add_toast:
 * @self: a #ChqWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows a toast over the pages, for the result of something the user did.
 */
void
chq_window_add_toast (ChqWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CHQ_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * chq_window_set_banner:
 * @self: a #ChqWindow
 * @message: (nullable): the text of the banner, or %NULL to go back to what the state of
 *   the account calls for
 *
 * Shows a banner of the window's own under the header bar (no button), instead of the one
 * the account's state calls for (demo data, offline, signed out).
 */
void
chq_window_set_banner (ChqWindow  *self,
                       const char *message)
{
  g_return_if_fail (CHQ_IS_WINDOW (self));

  g_free (self->custom_banner);
  self->custom_banner = (message != NULL && message[0] != '\0') ? g_strdup (message) : NULL;
  update_banner (self);
}

/**
 * chq_window_get_banner:
 * @self: a #ChqWindow
 *
 * Returns: (transfer none) (nullable): the text of the banner on screen, or %NULL when
 *   it is hidden
 */
const char *
chq_window_get_banner (ChqWindow *self)
{
  g_return_val_if_fail (CHQ_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;

  return gtk_label_get_label (self->banner_label);
}

/**
 * chq_window_get_backend:
 * @self: a #ChqWindow
 *
 * Returns: (transfer none) (nullable): the account the window shows
 */
ChqBackend *
chq_window_get_backend (ChqWindow *self)
{
  g_return_val_if_fail (CHQ_IS_WINDOW (self), NULL);

  return self->backend;
}

/**
 * chq_window_set_backend:
 * @self: a #ChqWindow
 * @backend: (nullable): the account to show, %NULL for the welcome page
 *
 * Shows @backend's data on the four pages (each gets it through its "backend" property,
 * a page not built yet when it is built) and follows its sync engine and outbox in the header bar and the banner.
 */
void
chq_window_set_backend (ChqWindow  *self,
                        ChqBackend *backend)
{
  g_return_if_fail (CHQ_IS_WINDOW (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (backend == self->backend)
    return;

  disconnect_backend (self);
  g_set_object (&self->backend, backend);
  self->needs_sign_in = FALSE;
  self->shown_state = CHQ_SYNC_STATE_IDLE;

  if (self->sign_in_dialog != NULL)
    gtk_window_destroy (self->sign_in_dialog);

  if (backend != NULL)
    {
      self->sync = g_object_ref (chq_backend_get_sync (backend));
      self->outbox = g_object_ref (chq_backend_get_outbox (backend));
      if (chq_sync_get_state (self->sync) != CHQ_SYNC_STATE_SYNCING)
        self->shown_state = chq_sync_get_state (self->sync);

      g_signal_connect_swapped (self->sync, "notify::state",
                                G_CALLBACK (on_sync_state_changed_cb), self);
      g_signal_connect_swapped (self->sync, "notify::fraction",
                                G_CALLBACK (on_sync_progress_changed_cb), self);
      g_signal_connect_swapped (self->sync, "notify::activity",
                                G_CALLBACK (on_sync_progress_changed_cb), self);
      g_signal_connect_swapped (self->sync, "notify::last-success",
                                G_CALLBACK (on_last_success_changed_cb), self);
      g_signal_connect_swapped (self->outbox, "changed",
                                G_CALLBACK (on_outbox_changed_cb), self);
    }

  set_page_backend (self->catalog_page, backend);
  for (guint i = 0; i < N_LAZY_PAGES; i++)
    if (self->lazy_pages[i] != NULL)
      set_page_backend (self->lazy_pages[i], backend);
  chq_outbox_view_set_backend (self->outbox_view, backend);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", backend != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in-again",
                                 backend != NULL && !chq_backend_is_demo (backend));
  gtk_stack_set_visible_child_name (self->main_stack, backend != NULL ? "pages" : "welcome");

  update_sync (self);
  update_banner (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/**
 * chq_window_get_view:
 * @self: a #ChqWindow
 *
 * Returns: "welcome" when no account is open, else "pages"
 */
const char *
chq_window_get_view (ChqWindow *self)
{
  g_return_val_if_fail (CHQ_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/**
 * chq_window_ask_sign_in_again:
 * @self: a #ChqWindow
 *
 * The account's session is missing or has ended: the banner says so and the sign-in
 * dialog asks for the password, leaving the pages and the waiting changes as they are.
 */
void
chq_window_ask_sign_in_again (ChqWindow *self)
{
  ChqSignInDialog *dialog;

  g_return_if_fail (CHQ_IS_WINDOW (self));

  if (self->backend == NULL)
    return;

  self->needs_sign_in = TRUE;
  update_banner (self);

  if (self->sign_in_dialog != NULL)
    {
      gtk_window_present (self->sign_in_dialog);
      return;
    }

  dialog = chq_sign_in_dialog_new (GTK_WINDOW (self), self->backend);
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_signed_in_cb), self, 0);
  self->sign_in_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->sign_in_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
