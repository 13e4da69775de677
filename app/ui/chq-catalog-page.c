/* chq-catalog-page.c: the Catalogue page: search, filters, list and course detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-catalog-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-catalog-logic.h"
#include "chq-catalog-page-private.h"
#include "chq-course-list-row.h"
#include "chq-course-row.h"

G_DEFINE_FINAL_TYPE (ChqCatalogPage, chq_catalog_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_QUERY,
  PROP_N_RESULTS,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_state (ChqCatalogPage *self);

/* GTK 4.8's list view makes and measures rows for up to about 200 items at once; so that
 * the first results (start-up) cost a screenful of rows in the first frame that shows them,
 * the list gets FIRST_ROWS of them, then MORE_ROWS more a frame until it makes no more rows
 * at once (ALL_ROWS_FROM), then all. The result count and the state follow the whole model. */
#define FIRST_ROWS     16
#define MORE_ROWS      40
#define ALL_ROWS_FROM  240

static void
on_search_changed_cb (ChqCatalogPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  chq_course_query_set_text (self->query, text[0] != '\0' ? text : NULL);
  _chq_catalog_page_apply_query (self, FALSE);
}

static void
on_search_activate_cb (ChqCatalogPage *self)
{
  /* Enter in the search box goes to the results. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Escape in the search leaves it: the search is cleared and the focus goes to the results
 * (met before the window's toast overlay, which would only dismiss a toast). */
static void
on_stop_search_cb (ChqCatalogPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static gboolean
on_search_key_pressed_cb (ChqCatalogPage        *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  /* Down from the search goes to the results, as in GNOME Software. */
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) == 0 &&
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
      return TRUE;
    }

  return FALSE;
}

static void
on_sort_selected_cb (ChqCatalogPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (selected > CHQ_COURSE_SORT_TITLE)
    return;
  if (self->query->sort == (ChqCourseSort)selected)
    return;

  self->query->sort = selected;
  _chq_catalog_page_apply_query (self, TRUE);
}

static void
set_state (ChqCatalogPage *self,
           const char     *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;

  self->state = state;
  if (g_str_equal (state, "list") || g_str_equal (state, "no-results"))
    {
      gtk_stack_set_visible_child_name (self->page_stack, "catalogue");
      gtk_stack_set_visible_child_name (self->list_stack, state);
    }
  else
    gtk_stack_set_visible_child_name (self->page_stack, state);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
on_any_course_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ChqCatalogPage) self = user_data;
  g_autoptr(ChqCourseResult) any = NULL;
  g_autoptr(GError) error = NULL;

  any = chq_store_query_courses_finish (CHQ_STORE (object), result, &error);
  if (any == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the catalogue: %s", error->message);
      return;
    }

  self->catalogue_empty = chq_course_result_get_n_items (any) == 0;
  update_state (self);
}

/* When the search finds nothing: is that the filters, or is there no course at all yet? */
static void
check_catalogue_empty (ChqCatalogPage *self)
{
  g_autoptr(ChqCourseQuery) any = chq_course_query_new ();

  g_cancellable_cancel (self->any_cancellable);
  g_clear_object (&self->any_cancellable);
  self->any_cancellable = g_cancellable_new ();

  any->ai_only = FALSE;
  any->sort = CHQ_COURSE_SORT_TITLE;
  chq_store_query_courses_async (chq_backend_get_store (self->backend), any,
                                 self->any_cancellable, on_any_course_cb,
                                 g_object_ref (self));
}

static void
update_count (ChqCatalogPage *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  gboolean loading = self->model != NULL && chq_course_list_model_get_loading (self->model);
  g_autofree char *text = chq_catalog_result_label (n, loading);

  gtk_label_set_label (self->count_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
update_state (ChqCatalogPage *self)
{
  guint n;
  gboolean loading;

  update_count (self);

  if (self->backend == NULL || self->model == NULL)
    {
      set_state (self, "no-account");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  loading = chq_course_list_model_get_loading (self->model);

  if (n > 0)
    {
      self->catalogue_empty = FALSE;
      set_state (self, "list");
    }
  else if (loading && chq_course_list_model_get_result (self->model) == NULL)
    set_state (self, "list");
  else if (self->catalogue_empty)
    set_state (self, "empty");
  else
    set_state (self, "no-results");
}

/* A search ended with nothing: is that the filters, or is there no course at all yet? The
 * model emits no items-changed for an empty result after an empty one, so this runs when
 * loading ends too. */
static void
check_empty_result (ChqCatalogPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
      !chq_course_list_model_get_loading (self->model))
    check_catalogue_empty (self);
}

static gboolean
on_more_rows_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  ChqCatalogPage *self = user_data;
  guint size = gtk_slice_list_model_get_size (self->shown);

  /* The first tick comes before the frame that draws the first rows. */
  if (!self->rows_painted)
    {
      self->rows_painted = TRUE;
      return G_SOURCE_CONTINUE;
    }

  if (size + MORE_ROWS < ALL_ROWS_FROM)
    {
      gtk_slice_list_model_set_size (self->shown, size + MORE_ROWS);
      return G_SOURCE_CONTINUE;
    }

  gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
  self->more_rows_id = 0;
  return G_SOURCE_REMOVE;
}

/* While the list holds back rows, hands it the rest from the frame after the first rows. */
static void
start_more_rows (ChqCatalogPage *self)
{
  if (self->more_rows_id != 0 ||
      gtk_slice_list_model_get_size (self->shown) == G_MAXUINT ||
      g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    return;

  self->rows_painted = FALSE;
  self->more_rows_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                     on_more_rows_tick_cb, self, NULL);
}

static void
stop_more_rows (ChqCatalogPage *self)
{
  if (self->more_rows_id != 0 && self->list_view != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->more_rows_id);
  self->more_rows_id = 0;
}

static void
on_items_changed_cb (ChqCatalogPage *self,
                     guint           position,
                     guint           removed,
                     guint           added)
{
  check_empty_result (self);
  update_state (self);
  start_more_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RESULTS]);
}

static void
on_loading_changed_cb (ChqCatalogPage *self)
{
  check_empty_result (self);
  update_state (self);
}

static void
on_sync_state_changed_cb (ChqCatalogPage *self)
{
  ChqSync *sync = chq_backend_get_sync (self->backend);
  gboolean offline = chq_sync_get_state (sync) == CHQ_SYNC_STATE_OFFLINE;

  if (offline)
    {
      GDateTime *last = chq_sync_get_last_success (sync);
      g_autofree char *text = NULL;

      if (last != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (last);
          /* TRANSLATORS: a date and time as g_date_time_format() writes them */
          g_autofree char *when = g_date_time_format (local, _("%x %H:%M"));

          /* TRANSLATORS: %s is the date and time of the last successful sync */
          text = g_strdup_printf (_("The voucher service cannot be reached. The catalogue is as it was on %s."), when);
        }
      else
        text = g_strdup (_("The voucher service cannot be reached, and the catalogue was never downloaded. Check the connection; Chéquier tries again on its own."));

      gtk_label_set_label (self->offline_label, text);
      gtk_label_set_label (self->sync_label, text);
    }
  else
    gtk_label_set_label (self->sync_label, chq_sync_get_activity (sync));

  gtk_revealer_set_reveal_child (self->offline_revealer, offline);
}

/* The detail pane shows a "No Course Chosen" placeholder until the first course is opened:
 * start-up then neither builds nor styles, measures or draws the detail's cost rows,
 * sessions and lists. */
static ChqCourseDetail *
show_detail (ChqCatalogPage *self)
{
  ChqCourseDetail *detail = chq_catalog_page_get_detail (self);

  if (gtk_widget_get_parent (GTK_WIDGET (detail)) == NULL)
    adw_bin_set_child (self->detail_bin, GTK_WIDGET (detail));

  return detail;
}

/* The course is read off the main thread: the focus goes to the detail's first element once
 * it is there (before, the first element that can take it is further down the page). */
static void
on_detail_loaded_cb (ChqCourseDetail *detail,
                     GParamSpec      *pspec,
                     ChqCatalogPage  *self)
{
  if (chq_course_detail_get_course (detail) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (detail, on_detail_loaded_cb, self);
  gtk_widget_child_focus (GTK_WIDGET (detail), GTK_DIR_TAB_FORWARD);
}

static void
open_course (ChqCatalogPage *self,
             const char     *course_id,
             gboolean        focus_detail)
{
  ChqCourseDetail *detail = show_detail (self);

  chq_course_detail_set_course_id (detail, course_id);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  g_signal_handlers_disconnect_by_func (detail, on_detail_loaded_cb, self);
  if (!focus_detail)
    return;
  if (chq_course_detail_get_course (detail) != NULL &&
      g_strcmp0 (chq_course_get_id (chq_course_detail_get_course (detail)), course_id) == 0)
    gtk_widget_child_focus (GTK_WIDGET (detail), GTK_DIR_TAB_FORWARD);
  else
    g_signal_connect (detail, "notify::course", G_CALLBACK (on_detail_loaded_cb), self);
}

static void
on_list_activate_cb (ChqCatalogPage *self,
                     guint           position)
{
  g_autoptr(ChqCourseRow) row = NULL;

  row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (row == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  open_course (self, chq_course_row_get_id (row), TRUE);
}

static void
on_selected_changed_cb (ChqCatalogPage *self)
{
  ChqCourseRow *row = gtk_single_selection_get_selected_item (self->selection);

  /* Side by side, the detail follows the selection; folded, it waits for activation. */
  if (row != NULL && !adw_leaflet_get_folded (self->leaflet))
    chq_course_detail_set_course_id (show_detail (self), chq_course_row_get_id (row));
}

static void
on_folded_changed_cb (ChqCatalogPage *self)
{
  /* Folded, one click (or tap) opens the course; side by side it only selects it. */
  gtk_list_view_set_single_click_activate (self->list_view,
                                           adw_leaflet_get_folded (self->leaflet));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, chq_course_list_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  chq_course_list_row_set_course (CHQ_COURSE_LIST_ROW (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ChqCatalogPage *self = CHQ_CATALOG_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqCatalogPage *self = CHQ_CATALOG_PAGE (widget);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
open_course_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_course (CHQ_CATALOG_PAGE (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
disconnect_backend (ChqCatalogPage *self)
{
  g_binding_group_set_source (self->sync_bindings, NULL);
  g_cancellable_cancel (self->any_cancellable);
  g_clear_object (&self->any_cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  stop_more_rows (self);
  g_clear_object (&self->model);
  self->backend = NULL;
}

static void
chq_catalog_page_dispose (GObject *object)
{
  ChqCatalogPage *self = (ChqCatalogPage *)object;

  if (self->binding != NULL)
    chq_page_binding_set_backend (self->binding, NULL);
  disconnect_backend (self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* Ours (the tree, if it is in it, holds its own reference). */
  g_clear_object (&self->detail);

  G_OBJECT_CLASS (chq_catalog_page_parent_class)->dispose (object);
}

static void
chq_catalog_page_finalize (GObject *object)
{
  ChqCatalogPage *self = (ChqCatalogPage *)object;

  g_clear_object (&self->binding);
  g_clear_object (&self->sync_bindings);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->query, chq_course_query_free);
  g_clear_pointer (&self->choices, _chq_catalog_page_filter_choices_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (chq_catalog_page_parent_class)->finalize (object);
}

static void
chq_catalog_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChqCatalogPage *self = CHQ_CATALOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_QUERY:
      g_value_set_boxed (value, self->query);
      break;
    case PROP_N_RESULTS:
      g_value_set_uint (value, chq_catalog_page_get_n_results (self));
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_catalog_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChqCatalogPage *self = CHQ_CATALOG_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_catalog_page_set_backend (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_catalog_page_class_init (ChqCatalogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_catalog_page_dispose;
  object_class->finalize = chq_catalog_page_finalize;
  object_class->get_property = chq_catalog_page_get_property;
  object_class->set_property = chq_catalog_page_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] =
    g_param_spec_boxed ("query", NULL, NULL, CHQ_TYPE_COURSE_QUERY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RESULTS] =
    g_param_spec_uint ("n-results", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHQ_TYPE_CATALOG_FILTERS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-catalog-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, sync_label);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, detail_bin);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, chips_box);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogPage, list_view);

  gtk_widget_class_install_action (widget_class, "catalog.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "catalog.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "catalog.clear-filters", NULL,
                                   _chq_catalog_page_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "catalog.clear-filter", "s",
                                   _chq_catalog_page_clear_filter_action);
  gtk_widget_class_install_action (widget_class, "catalog.open-course", "s",
                                   open_course_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "catalog.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "catalog.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "catalog.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK,
                                       "catalog.back", NULL);
}

static void
chq_catalog_page_init (ChqCatalogPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GVariant) saved = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->binding = chq_page_binding_new ();
  g_signal_group_connect_object (chq_page_binding_get_store_signals (self->binding),
                                 "changed::" CHQ_STORE_COURSES,
                                 G_CALLBACK (_chq_catalog_page_read_filter_choices), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (chq_page_binding_get_sync_signals (self->binding), "notify",
                                 G_CALLBACK (on_sync_state_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  self->sync_bindings = g_binding_group_new ();
  g_binding_group_bind (self->sync_bindings, "fraction", self->sync_progress, "fraction",
                        G_BINDING_SYNC_CREATE);
  self->query = chq_course_query_new ();
  saved = g_settings_get_value (self->settings, "catalogue-filters");
  chq_catalog_query_apply_variant (self->query, saved);
  gtk_menu_button_set_create_popup_func (self->filter_button,
                                         _chq_catalog_page_create_filters_cb, self, NULL);
  gtk_drop_down_set_selected (self->sort_dropdown, self->query->sort);

  self->shown = gtk_slice_list_model_new (NULL, 0, G_MAXUINT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selected_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (on_list_activate_cb), self);

  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (on_search_activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search",
                            G_CALLBACK (on_stop_search_cb), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  /* Typing anywhere in the list side searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->list_pane);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected",
                            G_CALLBACK (on_sort_selected_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded",
                            G_CALLBACK (on_folded_changed_cb), self);
  on_folded_changed_cb (self);

  _chq_catalog_page_update_chips (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalog.clear-filters",
                                 chq_catalog_count_active_filters (self->query) > 0);
  update_state (self);
}

/**
 * chq_catalog_page_new:
 *
 * Creates the Catalogue page of the main window, showing its "no account" state until
 * chq_catalog_page_set_backend() gives it an account.
 *
 * Returns: (transfer floating): a new #ChqCatalogPage
 */
GtkWidget *
chq_catalog_page_new (void)
{
  return g_object_new (CHQ_TYPE_CATALOG_PAGE, NULL);
}

/**
 * chq_catalog_page_get_backend:
 * @self: a #ChqCatalogPage
 *
 * Returns: (transfer none) (nullable): the account shown
 */
ChqBackend *
chq_catalog_page_get_backend (ChqCatalogPage *self)
{
  g_return_val_if_fail (CHQ_IS_CATALOG_PAGE (self), NULL);
  return self->backend;
}

/**
 * chq_catalog_page_set_backend:
 * @self: a #ChqCatalogPage
 * @backend: (nullable): the signed-in account, or %NULL when none is open
 *
 * Shows the catalogue of @backend's store, searching it with the remembered filters, and
 * follows the store and the sync; %NULL shows the "no account" state.
 */
void
chq_catalog_page_set_backend (ChqCatalogPage *self,
                              ChqBackend     *backend)
{
  g_return_if_fail (CHQ_IS_CATALOG_PAGE (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (!chq_page_binding_set_backend (self->binding, backend))
    return;

  disconnect_backend (self);
  self->catalogue_empty = FALSE;

  if (backend != NULL)
    {
      ChqStore *store = chq_backend_get_store (backend);
      ChqSync *sync = chq_backend_get_sync (backend);

      self->backend = backend;
      self->model = chq_course_list_model_new (store);
      g_signal_connect_swapped (self->model, "items-changed",
                                G_CALLBACK (on_items_changed_cb), self);
      g_signal_connect_swapped (self->model, "notify::loading",
                                G_CALLBACK (on_loading_changed_cb), self);
      g_binding_group_set_source (self->sync_bindings, sync);
      on_sync_state_changed_cb (self);
      _chq_catalog_page_read_filter_choices (self);
    }

  /* A new model starts with the first screenful (see FIRST_ROWS). */
  gtk_slice_list_model_set_size (self->shown, self->model != NULL ? FIRST_ROWS : G_MAXUINT);
  gtk_slice_list_model_set_model (self->shown,
                                  self->model != NULL ? G_LIST_MODEL (self->model) : NULL);
  if (self->detail != NULL)
    {
      chq_course_detail_set_backend (self->detail, backend);
      chq_course_detail_set_course_id (self->detail, NULL);
    }
  _chq_catalog_page_apply_query (self, FALSE);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RESULTS]);
}

/**
 * chq_catalog_page_get_query:
 * @self: a #ChqCatalogPage
 *
 * Returns: (transfer none): the search, filters and sort as they stand
 */
const ChqCourseQuery *
chq_catalog_page_get_query (ChqCatalogPage *self)
{
  g_return_val_if_fail (CHQ_IS_CATALOG_PAGE (self), NULL);
  return self->query;
}

/**
 * chq_catalog_page_get_n_results:
 * @self: a #ChqCatalogPage
 *
 * Returns: how many courses the list shows
 */
guint
chq_catalog_page_get_n_results (ChqCatalogPage *self)
{
  g_return_val_if_fail (CHQ_IS_CATALOG_PAGE (self), 0);
  return self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
}

/**
 * chq_catalog_page_get_state:
 * @self: a #ChqCatalogPage
 *
 * Returns: what the page shows: "no-account", "empty", "no-results" or "list"
 */
const char *
chq_catalog_page_get_state (ChqCatalogPage *self)
{
  g_return_val_if_fail (CHQ_IS_CATALOG_PAGE (self), NULL);
  return self->state;
}

/**
 * chq_catalog_page_get_model:
 * @self: a #ChqCatalogPage
 *
 * The list's selection model, of #ChqCourseRow: the courses the list shows. For the first
 * results of a backend, that is their first screenful until the frame that draws them,
 * then a few dozen more each frame, until all (a few frames later).
 *
 * Returns: (transfer none): the list's selection model
 */
GListModel *
chq_catalog_page_get_model (ChqCatalogPage *self)
{
  g_return_val_if_fail (CHQ_IS_CATALOG_PAGE (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/**
 * chq_catalog_page_get_detail:
 * @self: a #ChqCatalogPage
 *
 * Gets the course detail of the page, building it (for the page's account, with no course)
 * on the first call. The page calls this when it first opens a course, so that start-up
 * does not build it; until then it is not in the widget tree.
 *
 * Returns: (transfer none): the course detail
 */
ChqCourseDetail *
chq_catalog_page_get_detail (ChqCatalogPage *self)
{
  g_return_val_if_fail (CHQ_IS_CATALOG_PAGE (self), NULL);

  if (self->detail == NULL)
    {
      /* Ours (the tree, once it is in it, holds its own reference). */
      self->detail = g_object_ref_sink (CHQ_COURSE_DETAIL (chq_course_detail_new ()));
      gtk_widget_set_vexpand (GTK_WIDGET (self->detail), TRUE);
      chq_course_detail_set_backend (self->detail, self->backend);
    }

  return self->detail;
}
