/* chq-catalog-page-private.h: the parts of the Catalogue page, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-catalog-filters.h"
#include "chq-catalog-page.h"
#include "chq-course-detail.h"
#include "chq-course-list-model.h"
#include "chq-page-binding.h"

G_BEGIN_DECLS

/* The distinct values of the filter choices, read off the main thread. */
typedef struct {
  GStrv themes;
  GStrv languages;
  GStrv provinces;
} FilterChoices;

struct _ChqCatalogPage
{
  AdwBin              parent_instance;

  ChqPageBinding     *binding;         /* owned: the backend, its reads and its signals */
  ChqBackend         *backend;         /* the binding's, nullable */
  GBindingGroup      *sync_bindings;   /* owned: the sync's properties shown */
  GCancellable       *any_cancellable; /* owned: the "is the catalogue empty" check */
  ChqCourseListModel *model;           /* owned, nullable without backend */
  GtkSliceListModel  *shown;           /* owned: the part of the model the list is given */
  GtkSingleSelection *selection;       /* owned: of shown */
  guint               more_rows_id;    /* tick callback handing the list the rest */
  gboolean            rows_painted;    /* a frame with the first rows was drawn */
  ChqCourseQuery     *query;           /* owned: what the page asks for */
  GSettings          *settings;        /* owned */
  gboolean            catalogue_empty; /* the store holds no course at all */
  const char         *state;

  GtkStack           *page_stack;
  AdwStatusPage      *empty_status;
  GtkProgressBar     *sync_progress;
  GtkLabel           *sync_label;
  GtkRevealer        *offline_revealer;
  GtkLabel           *offline_label;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  AdwBin             *detail_bin;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  ChqCatalogFilters  *filters;         /* nullable: the filter button's popover, built when
                                        * first opened (or asked for) */
  FilterChoices      *choices;         /* owned, nullable: the last choices read */
  GtkDropDown        *sort_dropdown;
  GtkFlowBox         *chips_box;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  ChqCourseDetail    *detail;          /* owned, nullable: built when first asked for, in
                                        * detail_bin once a course is opened */
};

/* chq-catalog-page-filters.c */
void  _chq_catalog_page_apply_query          (ChqCatalogPage *self,
                                              gboolean        save);
void  _chq_catalog_page_filter_choices_free  (FilterChoices  *choices);
void  _chq_catalog_page_read_filter_choices  (ChqCatalogPage *self);
void  _chq_catalog_page_update_chips         (ChqCatalogPage *self);
void  _chq_catalog_page_create_filters_cb    (GtkMenuButton  *button,
                                              gpointer        user_data);
void  _chq_catalog_page_clear_filters_action (GtkWidget      *widget,
                                              const char     *action_name,
                                              GVariant       *parameter);
void  _chq_catalog_page_clear_filter_action  (GtkWidget      *widget,
                                              const char     *action_name,
                                              GVariant       *parameter);

G_END_DECLS
