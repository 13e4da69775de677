/* chq-catalog-page-filters.c: the Catalogue page's filters: the popover's choices, the
 * chips of the filters on, clearing them, applying the query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-catalog-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-catalog-logic.h"
#include "chq-catalog-page-private.h"

/* Frees what read_filter_choices_thread() read. */
void
_chq_catalog_page_filter_choices_free (FilterChoices *choices)
{
  g_strfreev (choices->themes);
  g_strfreev (choices->languages);
  g_strfreev (choices->provinces);
  g_free (choices);
}

static void
read_filter_choices_thread (GTask        *task,
                            gpointer      source_object,
                            gpointer      task_data,
                            GCancellable *cancellable)
{
  ChqStore *store = task_data;
  FilterChoices *choices = g_new0 (FilterChoices, 1);

  choices->themes = chq_store_list_course_themes (store);
  choices->languages = chq_store_list_course_languages (store);
  choices->provinces = chq_store_list_course_provinces (store);
  g_task_return_pointer (task, choices, (GDestroyNotify)_chq_catalog_page_filter_choices_free);
}

static void
on_filter_choices_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ChqCatalogPage *self = CHQ_CATALOG_PAGE (object);
  FilterChoices *choices;

  choices = g_task_propagate_pointer (G_TASK (result), NULL);
  if (choices == NULL)
    return;

  g_clear_pointer (&self->choices, _chq_catalog_page_filter_choices_free);
  self->choices = choices;
  if (self->filters != NULL)
    chq_catalog_filters_set_choices (self->filters,
                                     (const char * const *)choices->themes,
                                     (const char * const *)choices->languages,
                                     (const char * const *)choices->provinces);
}

/* Reads the themes, languages and provinces the filters offer, off the main thread. */
void
_chq_catalog_page_read_filter_choices (ChqCatalogPage *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->backend == NULL)
    return;

  task = g_task_new (self, chq_page_binding_get_cancellable (self->binding),
                     on_filter_choices_cb, NULL);
  g_task_set_source_tag (task, _chq_catalog_page_read_filter_choices);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, g_object_ref (chq_backend_get_store (self->backend)),
                        g_object_unref);
  g_task_run_in_thread (task, read_filter_choices_thread);
}

static GtkWidget *
make_chip (const char *text,
           const char *action_name,
           GVariant   *target,
           const char *accessible)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *icon = gtk_image_new_from_icon_name ("window-close-symbolic");

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  return button;
}

static void
add_chip (ChqCatalogPage *self,
          GtkWidget      *chip)
{
  gtk_flow_box_append (self->chips_box, chip);
  /* The button takes the focus; the flow box child around it need not. */
  gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);
}

/* One chip a filter on (and "Clear all" for more than one); the filter button says how
 * many are on. */
void
_chq_catalog_page_update_chips (ChqCatalogPage *self)
{
  GtkWidget *child;
  guint n_active = chq_catalog_count_active_filters (self->query);
  g_autofree char *button_label = NULL;
  g_autofree char *accessible_label = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);

  for (guint i = 0; i < CHQ_N_CATALOG_FILTERS; i++)
    {
      g_autofree char *text = chq_catalog_filter_describe (self->query, i);
      g_autofree char *accessible = NULL;

      if (text == NULL)
        continue;

      /* TRANSLATORS: a button that removes one filter, %s says which ("Theme: …") */
      accessible = g_strdup_printf (_("Remove the filter %s"), text);
      add_chip (self, make_chip (text, "catalog.clear-filter",
                                 g_variant_new_string (chq_catalog_filter_to_string (i)),
                                 accessible));
    }

  if (n_active > 1)
    add_chip (self, make_chip (_("Clear all"), "catalog.clear-filters", NULL,
                               _("Remove every filter")));

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), n_active > 0);

  if (n_active > 0)
    {
      /* TRANSLATORS: the filter button, with how many filters are on */
      button_label = g_strdup_printf (_("_Filters (%u)"), n_active);
      accessible_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Filters, %u on",
                                                       "Filters, %u on", n_active),
                                          n_active);
    }
  else
    {
      button_label = g_strdup (_("_Filters"));
      accessible_label = g_strdup (_("Filters"));
    }
  gtk_menu_button_set_label (self->filter_button, button_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
}

/* Shows the query: chips, saved filters (when @save), the model's search. */
void
_chq_catalog_page_apply_query (ChqCatalogPage *self,
                               gboolean        save)
{
  _chq_catalog_page_update_chips (self);

  if (save)
    g_settings_set_value (self->settings, "catalogue-filters",
                          chq_catalog_query_to_variant (self->query));

  if (self->model != NULL)
    chq_course_list_model_set_query (self->model, self->query);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "catalog.clear-filters",
                                 chq_catalog_count_active_filters (self->query) > 0);
  g_object_notify (G_OBJECT (self), "query");
}

static void
on_filters_changed_cb (ChqCatalogPage *self)
{
  chq_catalog_filters_apply (self->filters, self->query);
  _chq_catalog_page_apply_query (self, TRUE);
}

/* The filter button builds its popover when first opened. */
void
_chq_catalog_page_create_filters_cb (GtkMenuButton *button,
                                     gpointer       user_data)
{
  chq_catalog_page_get_filters (CHQ_CATALOG_PAGE (user_data));
}

/* catalog.clear-filters */
void
_chq_catalog_page_clear_filters_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  ChqCatalogPage *self = CHQ_CATALOG_PAGE (widget);

  chq_catalog_clear_all_filters (self->query);
  if (self->filters != NULL)
    chq_catalog_filters_set_query (self->filters, self->query);
  _chq_catalog_page_apply_query (self, TRUE);
}

/* catalog.clear-filter: the filter named by the parameter */
void
_chq_catalog_page_clear_filter_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ChqCatalogPage *self = CHQ_CATALOG_PAGE (widget);
  ChqCatalogFilter filter;

  if (!chq_catalog_filter_from_string (g_variant_get_string (parameter, NULL), &filter))
    return;

  chq_catalog_filter_clear (self->query, filter);
  if (self->filters != NULL)
    chq_catalog_filters_set_query (self->filters, self->query);
  _chq_catalog_page_apply_query (self, TRUE);
}

/**
 * chq_catalog_page_get_filters:
 * @self: a #ChqCatalogPage
 *
 * Gets the filter button's popover, building it (with the page's filters and the
 * catalogue's choices) on the first call. Opening the filter button calls this, so that
 * start-up does not build it.
 *
 * Returns: (transfer none): the filters popover
 */
ChqCatalogFilters *
chq_catalog_page_get_filters (ChqCatalogPage *self)
{
  g_return_val_if_fail (CHQ_IS_CATALOG_PAGE (self), NULL);

  if (self->filters == NULL)
    {
      self->filters = CHQ_CATALOG_FILTERS (chq_catalog_filters_new ());
      if (self->choices != NULL)
        chq_catalog_filters_set_choices (self->filters,
                                         (const char * const *)self->choices->themes,
                                         (const char * const *)self->choices->languages,
                                         (const char * const *)self->choices->provinces);
      chq_catalog_filters_set_query (self->filters, self->query);
      g_signal_connect_swapped (self->filters, "changed",
                                G_CALLBACK (on_filters_changed_cb), self);
      /* The button owns it from now on. */
      gtk_menu_button_set_popover (self->filter_button, GTK_WIDGET (self->filters));
    }

  return self->filters;
}
