/* test-ui-catalog.c: the Catalogue page against the real sandbox: search, filters, the
 * detail's cost split, booking a worker, keyboard actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-catalog"

#include "config.h"

#include <adwaita.h>

#include "chq-backend.h"
#include "chq-catalog-logic.h"
#include "chq-booking-dialog.h"
#include "chq-catalog-filters.h"
#include "chq-catalog-page.h"
#include "chq-course-detail.h"
#include "chq-course-list-row.h"
#include "chq-course-list-model.h"
#include "chq-course-row.h"
#include "chq-money.h"
#include "chq-sandbox.h"
#include "chq-test-ui-utils.h"

#define DEMO_SME "0123456749"

typedef struct {
  TestUi          ui;
  ChqCatalogPage *page;
} Fixture;

/* What a test needs: the window's width (0: 1000 px) and whether to sync first. */
typedef struct {
  int      width;
  gboolean no_sync;
} Setup;

static const Setup wide = { 0, FALSE };
static const Setup narrow = { 360, FALSE };
static const Setup unsynced = { 0, TRUE };

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;

  test_ui_set_up (&f->ui, "chq-ui-catalog-XXXXXX", "catalogue test", DEMO_SME,
                  !setup->no_sync, setup->width);
  f->page = CHQ_CATALOG_PAGE (chq_catalog_page_new ());
  test_ui_show (&f->ui, GTK_WIDGET (f->page));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_ui_tear_down (&f->ui);
}

/* The page has its backend and the query it runs is answered. */
static gboolean
page_settled (ChqCatalogPage *page)
{
  const char *state = chq_catalog_page_get_state (page);

  return g_strcmp0 (state, "list") == 0 || g_strcmp0 (state, "no-results") == 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The ids of the courses the list shows, sorted, as one string "a,b,c". */
static char *
result_ids (ChqCatalogPage *page)
{
  GListModel *model = chq_catalog_page_get_model (page);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ChqCourseRow) row = g_list_model_get_item (model, i);

      g_ptr_array_add (ids, g_strdup (chq_course_row_get_id (row)));
    }
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);

  return g_strjoinv (",", (char **)ids->pdata);
}

static void wait_results (Fixture *f);

/* Sets the text of the search entry as typing does, then waits for the new result. */
static void
type_search (Fixture    *f,
             const char *text)
{
  GtkEditable *entry = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "search_entry");

  gtk_editable_set_text (entry, text);
  wait_until (g_strcmp0 (chq_catalog_page_get_query (f->page)->text,
                         text[0] != '\0' ? text : NULL) == 0, 5000);
  wait_results (f);
}

static ChqCourseListModel *
list_model (Fixture *f)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (chq_catalog_page_get_model (f->page));
  GListModel *shown = gtk_single_selection_get_model (selection);

  return CHQ_COURSE_LIST_MODEL (gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (shown)));
}

static void
wait_results (Fixture *f)
{
  wait_until (!chq_course_list_model_get_loading (list_model (f)), 5000);
  wait_until (page_settled (f->page), 5000);
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ChqBackend) backend = g_object_ref (f->ui.backend);

  g_assert_cmpstr (chq_catalog_page_get_state (f->page), ==, "no-account");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Catalogue");

  g_object_set (f->page, "backend", backend, NULL);
  wait_results (f);
  g_assert_cmpstr (chq_catalog_page_get_state (f->page), ==, "list");
  /* AI only is on by default: the demo holds about twenty AI modules. */
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), >=, 15);
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), <=, 30);

  chq_catalog_page_set_backend (f->page, NULL);
  g_assert_cmpstr (chq_catalog_page_get_state (f->page), ==, "no-account");
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), ==, 0);
}

/* Before the first sync the page says the catalogue is coming; offline it says since when
 * the catalogue dates, and keeps showing it. */
static void
test_empty_and_offline (Fixture       *f,
                        gconstpointer  data)
{
  GtkRevealer *offline = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "offline_revealer");
  GtkLabel *offline_label = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "offline_label");
  g_autoptr(GAsyncResult) result = NULL;
  ChqSync *sync = chq_backend_get_sync (f->ui.backend);

  chq_catalog_page_set_backend (f->page, f->ui.backend);
  wait_until (g_strcmp0 (chq_catalog_page_get_state (f->page), "empty") == 0, 5000);
  g_assert_false (gtk_revealer_get_reveal_child (offline));

  run_sync (f->ui.backend);
  wait_until (g_strcmp0 (chq_catalog_page_get_state (f->page), "list") == 0, 5000);
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), >, 0);

  chq_sandbox_stop (f->ui.sandbox);
  g_clear_object (&f->ui.sandbox);
  chq_sync_run_async (sync, NULL, store_result_cb, &result);
  wait_until (result != NULL, 60000);
  g_assert_false (chq_sync_run_finish (sync, result, NULL));
  g_assert_cmpint (chq_sync_get_state (sync), ==, CHQ_SYNC_STATE_OFFLINE);

  wait_until (gtk_revealer_get_reveal_child (offline), 5000);
  g_assert_nonnull (strstr (gtk_label_get_label (offline_label), "cannot be reached"));
  g_assert_cmpstr (chq_catalog_page_get_state (f->page), ==, "list");
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), >, 0);
}

/* The rows the list view made for its visible items (the child of each list item). */
static void
collect_row_boxes (GtkWidget *widget,
                   GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkListItemWidget"))
        {
          if (gtk_widget_get_first_child (child) != NULL &&
              gtk_widget_get_visible (child))
            g_ptr_array_add (out, gtk_widget_get_first_child (child));
        }
      else
        collect_row_boxes (child, out);
    }
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ids = NULL;
  GtkLabel *count_label = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "count_label");
  GtkWidget *entry = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "search_entry");

  chq_catalog_page_set_backend (f->page, f->ui.backend);
  wait_results (f);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search the catalogue");

  /* Accents and case do not matter; every word narrows. */
  type_search (f, "ASPECTS juridique");
  ids = result_ids (f->page);
  g_assert_cmpstr (ids, ==, "crs-ai-0008,crs-ai-0012");
  g_assert_cmpstr (gtk_label_get_label (count_label), ==, "2 courses");
  g_clear_pointer (&ids, g_free);

  /* Each visible row says what it is to a screen reader. */
  {
    GtkWidget *list_view = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "list_view");
    g_autoptr(GPtrArray) boxes = g_ptr_array_new ();

    wait_until ((g_ptr_array_set_size (boxes, 0), collect_row_boxes (list_view, boxes),
                 boxes->len == 2), 5000);
    for (guint i = 0; i < boxes->len; i++)
      {
        GtkWidget *box = g_ptr_array_index (boxes, i);

        g_assert_true (CHQ_IS_COURSE_LIST_ROW (box));
        g_assert_true (chq_course_list_row_get_ai (CHQ_COURSE_LIST_ROW (box)));
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (box),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL));
        g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (box),
                                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
      }
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (boxes, 0)),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Aspects juridiques de l'IA pour les PME : AI Act et RGPD, "
                                         "AI course by Juris Wallonie Académie");
    g_assert_cmpstr (chq_course_list_row_get_title (g_ptr_array_index (boxes, 0)), ==,
                     "Aspects juridiques de l'IA pour les PME : AI Act et RGPD");
    g_assert_cmpstr (chq_course_list_row_get_provider (g_ptr_array_index (boxes, 0)), ==,
                     "Juris Wallonie Académie");
  }

  /* A city narrows too. */
  type_search (f, "juridiques namur");
  ids = result_ids (f->page);
  g_assert_cmpstr (ids, ==, "crs-ai-0008");
  g_clear_pointer (&ids, g_free);

  /* Nothing found: the state says so and offers to clear the filters. */
  type_search (f, "zzzzqqq");
  g_assert_cmpstr (chq_catalog_page_get_state (f->page), ==, "no-results");
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), ==, 0);

  type_search (f, "");
  g_assert_cmpstr (chq_catalog_page_get_state (f->page), ==, "list");
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), >=, 15);
}

/* Chooses the item of a drop-down whose label is @label. */
static void
choose (GtkDropDown *dropdown,
        const char  *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }

  g_error ("No item “%s” in the drop-down", label);
}

typedef gboolean (*CourseCheck) (ChqCourse *course);

static gboolean
is_ai_legal (ChqCourse *course)
{
  return chq_course_get_ai (course) && chq_course_has_theme (course, "ai_legal");
}

static gboolean
is_in_namur (ChqCourse *course)
{
  GListModel *locations = chq_course_get_locations (course);

  for (guint i = 0; i < g_list_model_get_n_items (locations); i++)
    {
      g_autoptr(ChqLocation) location = g_list_model_get_item (locations, i);

      if (g_strcmp0 (chq_location_get_province (location), "namur") == 0)
        return is_ai_legal (course);
    }
  return FALSE;
}

static gboolean
is_distance (ChqCourse *course)
{
  return chq_course_get_format (course) == CHQ_COURSE_FORMAT_DISTANCE;
}

static gboolean
is_languages_voucher (ChqCourse *course)
{
  return chq_course_get_voucher_type (course) == CHQ_VOUCHER_TYPE_CFL;
}

static gboolean
is_short (ChqCourse *course)
{
  return chq_course_get_hours (course) <= 7;
}

static gboolean
is_dutch (ChqCourse *course)
{
  return g_strv_contains (chq_course_get_languages (course), "nl");
}

/* Every course listed passes @check, and there is at least one. */
static guint
assert_results (Fixture     *f,
                CourseCheck  check)
{
  GListModel *model = chq_catalog_page_get_model (f->page);
  ChqStore *store = chq_backend_get_store (f->ui.backend);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChqCourseRow) row = g_list_model_get_item (model, i);
      g_autoptr(ChqCourse) course = chq_store_get_course (store, chq_course_row_get_id (row), NULL);

      g_assert_nonnull (course);
      if (!check (course))
        g_error ("Course %s should not be listed", chq_course_get_id (course));
    }

  return n;
}

static guint
count_chips (Fixture *f)
{
  GtkWidget *chips = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "chips_box");
  guint n = 0;

  if (!gtk_widget_get_visible (chips))
    return 0;
  for (GtkWidget *child = gtk_widget_get_first_child (chips); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GtkMenuButton *filter_button = template_child (f->page, CHQ_TYPE_CATALOG_PAGE,
                                                 "filter_button");
  ChqCatalogFilters *filters;
  GtkSwitch *ai_only;
  GtkDropDown *theme;
  GtkDropDown *province;
  GtkDropDown *format;
  GtkDropDown *language;
  GtkDropDown *voucher_type;
  GtkSpinButton *max_hours;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) saved = NULL;
  guint n_ai, n_legal, n_namur, n_all;
  const char *word = NULL;

  /* The popover is built when the button is first opened, with the page's filters. */
  g_assert_null (gtk_menu_button_get_popover (filter_button));
  gtk_menu_button_popup (filter_button);
  filters = CHQ_CATALOG_FILTERS (gtk_menu_button_get_popover (filter_button));
  g_assert_nonnull (filters);
  g_assert_true (filters == chq_catalog_page_get_filters (f->page));
  gtk_menu_button_popdown (filter_button);
  ai_only = template_child (filters, CHQ_TYPE_CATALOG_FILTERS, "ai_only_switch");
  theme = template_child (filters, CHQ_TYPE_CATALOG_FILTERS, "theme_dropdown");
  province = template_child (filters, CHQ_TYPE_CATALOG_FILTERS, "province_dropdown");
  format = template_child (filters, CHQ_TYPE_CATALOG_FILTERS, "format_dropdown");
  language = template_child (filters, CHQ_TYPE_CATALOG_FILTERS, "language_dropdown");
  voucher_type = template_child (filters, CHQ_TYPE_CATALOG_FILTERS, "voucher_type_dropdown");
  max_hours = template_child (filters, CHQ_TYPE_CATALOG_FILTERS, "max_hours_spin");
  g_assert_true (gtk_switch_get_active (ai_only) == chq_catalog_page_get_query (f->page)->ai_only);

  chq_catalog_page_set_backend (f->page, f->ui.backend);
  wait_results (f);
  n_ai = chq_catalog_page_get_n_results (f->page);
  g_assert_cmpuint (count_chips (f), ==, 1);   /* "AI courses only" */

  /* Theme, then province: each narrows, and shows a chip. */
  choose (theme, chq_theme_word_get_label ("ai_legal"));
  wait_results (f);
  n_legal = assert_results (f, is_ai_legal);
  g_assert_cmpuint (n_legal, <, n_ai);
  g_assert_cmpuint (count_chips (f), ==, 3);   /* AI only, theme, "Clear all" */

  wait_until (g_list_model_get_n_items (gtk_drop_down_get_model (province)) > 1, 5000);
  choose (province, chq_province_get_label ("namur"));
  wait_results (f);
  n_namur = assert_results (f, is_in_namur);
  g_assert_cmpuint (n_namur, <, n_legal);
  g_assert_cmpuint (count_chips (f), ==, 4);

  /* Remembered between runs. */
  saved = g_settings_get_value (settings, "catalogue-filters");
  g_assert_true (g_variant_lookup (saved, "theme", "&s", &word));
  g_assert_cmpstr (word, ==, "ai_legal");
  g_clear_pointer (&saved, g_variant_unref);

  /* One chip clears one filter. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.clear-filter", "s", "province");
  wait_results (f);
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), ==, n_legal);
  g_assert_cmpuint (gtk_drop_down_get_selected (province), ==, 0);

  /* "Clear all" shows the whole catalogue, AI or not. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.clear-filters", NULL);
  wait_results (f);
  n_all = chq_catalog_page_get_n_results (f->page);
  g_assert_cmpuint (n_all, >, n_ai);
  g_assert_cmpuint (n_all, ==, chq_store_count_courses (chq_backend_get_store (f->ui.backend)));
  g_assert_false (gtk_switch_get_active (ai_only));
  g_assert_cmpuint (count_chips (f), ==, 0);
  saved = g_settings_get_value (settings, "catalogue-filters");
  g_assert_false (g_variant_lookup (saved, "theme", "&s", &word));

  /* Each other filter narrows as it says. */
  choose (format, chq_course_format_get_label (CHQ_COURSE_FORMAT_DISTANCE));
  wait_results (f);
  g_assert_cmpuint (assert_results (f, is_distance), <, n_all);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.clear-filters", NULL);

  choose (voucher_type, chq_voucher_type_get_label (CHQ_VOUCHER_TYPE_CFL));
  wait_results (f);
  g_assert_cmpuint (assert_results (f, is_languages_voucher), <, n_all);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.clear-filters", NULL);

  wait_until (g_list_model_get_n_items (gtk_drop_down_get_model (language)) > 1, 5000);
  choose (language, "Dutch");
  wait_results (f);
  g_assert_cmpuint (assert_results (f, is_dutch), <, n_all);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.clear-filters", NULL);

  gtk_spin_button_set_value (max_hours, 7);
  wait_results (f);
  g_assert_cmpuint (assert_results (f, is_short), <, n_all);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.clear-filters", NULL);
  wait_results (f);
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), ==, n_all);

  /* AI only again narrows to the AI modules. */
  gtk_switch_set_active (ai_only, TRUE);
  wait_results (f);
  g_assert_cmpuint (chq_catalog_page_get_n_results (f->page), ==, n_ai);
}

static void
open_course (Fixture    *f,
             const char *id)
{
  ChqCourseDetail *detail = chq_catalog_page_get_detail (f->page);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.open-course", "s", id);
  wait_until (chq_course_detail_get_course (detail) != NULL &&
              g_strcmp0 (chq_course_get_id (chq_course_detail_get_course (detail)), id) == 0,
              5000);
}

static void
assert_money_row (ChqCourseDetail *detail,
                  const char      *row_name,
                  gint64           cents)
{
  AdwActionRow *row = template_child (detail, CHQ_TYPE_COURSE_DETAIL, row_name);
  g_autofree char *expected = chq_money_format (cents);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       expected);
}

static void
test_detail_cost (Fixture       *f,
                  gconstpointer  data)
{
  ChqCourseDetail *detail = chq_catalog_page_get_detail (f->page);
  GtkWidget *top_up = template_child (detail, CHQ_TYPE_COURSE_DETAIL, "top_up_row");
  GtkWidget *refund = template_child (detail, CHQ_TYPE_COURSE_DETAIL, "refund_row");
  GtkLabel *title = template_child (detail, CHQ_TYPE_COURSE_DETAIL, "title_label");
  GtkListView *list_view = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "list_view");
  g_autoptr(ChqCourseRow) first = NULL;

  chq_catalog_page_set_backend (f->page, f->ui.backend);
  wait_results (f);

  /* Enter on a row opens it. */
  first = g_list_model_get_item (chq_catalog_page_get_model (f->page), 0);
  g_signal_emit_by_name (list_view, "activate", 0);
  wait_until (chq_course_detail_get_course (detail) != NULL, 5000);
  g_assert_cmpstr (chq_course_detail_get_course_id (detail), ==, chq_course_row_get_id (first));
  g_assert_cmpstr (gtk_label_get_label (title), ==, chq_course_row_get_title (first));

  /* 7 hours at EUR 259: EUR 210 of vouchers, EUR 49 above them paid to the provider. */
  open_course (f, "crs-ai-0008");
  assert_money_row (detail, "price_row", 25900);
  assert_money_row (detail, "company_vouchers_row", 10500);
  assert_money_row (detail, "region_row", 10500);
  assert_money_row (detail, "top_up_row", 4900);
  g_assert_false (gtk_widget_get_visible (refund));
  assert_money_row (detail, "total_row", 15400);

  /* 4 hours at EUR 110: EUR 120 of vouchers, EUR 10 refunded. */
  open_course (f, "crs-ai-0006");
  assert_money_row (detail, "price_row", 11000);
  assert_money_row (detail, "company_vouchers_row", 6000);
  assert_money_row (detail, "refund_row", 1000);
  g_assert_false (gtk_widget_get_visible (top_up));
  assert_money_row (detail, "total_row", 5000);
}

static guint
count_details (Fixture *f)
{
  g_autoptr(GPtrArray) details = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (f->page), CHQ_TYPE_COURSE_DETAIL, details);
  return details->len;
}

/* The detail joins the page only when a course is first opened, for the page's account. */
static void
test_detail_on_demand (Fixture       *f,
                       gconstpointer  data)
{
  AdwBin *detail_bin = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "detail_bin");
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (chq_catalog_page_get_model (f->page));
  g_autoptr(ChqCourseRow) second = NULL;
  ChqCourseDetail *detail;

  chq_catalog_page_set_backend (f->page, f->ui.backend);
  wait_results (f);
  flush_main_context ();
  g_assert_cmpuint (count_details (f), ==, 0);
  g_assert_true (ADW_IS_STATUS_PAGE (adw_bin_get_child (detail_bin)));

  /* Side by side, selecting a row shows it in the detail the getter gives. */
  second = g_list_model_get_item (G_LIST_MODEL (selection), 1);
  gtk_selection_model_select_item (selection, 1, TRUE);
  g_assert_cmpuint (count_details (f), ==, 1);
  detail = chq_catalog_page_get_detail (f->page);
  g_assert_true (adw_bin_get_child (detail_bin) == GTK_WIDGET (detail));
  g_assert_true (chq_course_detail_get_backend (detail) == f->ui.backend);
  g_assert_cmpstr (chq_course_detail_get_course_id (detail), ==, chq_course_row_get_id (second));
  wait_until (chq_course_detail_get_course (detail) != NULL, 5000);

  /* The same detail follows the account: none, then this one again, with no course. */
  chq_catalog_page_set_backend (f->page, NULL);
  g_assert_null (chq_course_detail_get_backend (detail));
  g_assert_null (chq_course_detail_get_course_id (detail));
  chq_catalog_page_set_backend (f->page, f->ui.backend);
  g_assert_true (chq_catalog_page_get_detail (f->page) == detail);
  g_assert_true (chq_course_detail_get_backend (detail) == f->ui.backend);
  g_assert_null (chq_course_detail_get_course_id (detail));
  open_course (f, "crs-ai-0008");
  g_assert_cmpuint (count_details (f), ==, 1);
}

static ChqBookingDialog *
find_booking_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CHQ_IS_BOOKING_DIALOG (window))
        return CHQ_BOOKING_DIALOG (window);
    }
  return NULL;
}

static gboolean
bookings_show (ChqCourseDetail *detail,
               const char      *text)
{
  GtkWidget *list = template_child (detail, CHQ_TYPE_COURSE_DETAIL, "bookings_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (ADW_IS_ACTION_ROW (row) &&
          strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_booking (Fixture       *f,
              gconstpointer  data)
{
  ChqCourseDetail *detail = chq_catalog_page_get_detail (f->page);
  ChqOutbox *outbox = chq_backend_get_outbox (f->ui.backend);
  const char *account_key = chq_backend_get_account_key (f->ui.backend);
  ChqBookingDialog *dialog;
  GtkListBox *worker_list;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *needed = NULL;
  guint n_before;

  chq_catalog_page_set_backend (f->page, f->ui.backend);
  wait_results (f);
  open_course (f, "crs-ai-0008");
  n_before = chq_course_detail_get_n_bookings (detail);

  g_assert_null (find_booking_dialog ());
  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.book", NULL);
  dialog = find_booking_dialog ();
  g_assert_nonnull (dialog);
  wait_until (chq_booking_dialog_get_ready (dialog), 5000);
  g_assert_nonnull (chq_booking_dialog_get_session_id (dialog));
  g_assert_false (chq_booking_dialog_get_can_book (dialog));

  /* The student is listed but cannot be chosen, by the API or by clicking the row. */
  chq_booking_dialog_set_worker_id (dialog, "wrk-0006");
  g_assert_null (chq_booking_dialog_get_worker_id (dialog));
  g_assert_false (chq_booking_dialog_get_can_book (dialog));
  worker_list = template_child (dialog, CHQ_TYPE_BOOKING_DIALOG, "worker_list");
  for (guint i = 0; i < 6; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (worker_list, (int) i);

      g_assert_nonnull (row);
      /* Clicking a row selects it; the student's row cannot be selected. */
      gtk_list_box_unselect_all (worker_list);
      gtk_list_box_select_row (worker_list, row);
      if (!gtk_list_box_row_get_selectable (row))
        {
          g_assert_null (chq_booking_dialog_get_worker_id (dialog));
          g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
        }
      else
        g_assert_nonnull (chq_booking_dialog_get_worker_id (dialog));
    }
  g_assert_null (gtk_list_box_get_row_at_index (worker_list, 6));

  /* An employee can: 7 standard vouchers of the 150 or so available. */
  chq_booking_dialog_set_worker_id (dialog, "wrk-0003");
  g_assert_cmpstr (chq_booking_dialog_get_worker_id (dialog), ==, "wrk-0003");
  g_assert_true (chq_booking_dialog_get_can_book (dialog));
  needed = g_strdup_printf ("7 (%s)", chq_voucher_type_get_label (CHQ_VOUCHER_TYPE_CF));
  g_assert_cmpstr (adw_action_row_get_subtitle (template_child (dialog, CHQ_TYPE_BOOKING_DIALOG,
                                                                "needed_row")),
                   ==, needed);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "booking.book", NULL);
  wait_until (find_booking_dialog () == NULL, 5000);
  g_assert_nonnull (f->ui.last_toast);
  g_assert_true (strstr (f->ui.last_toast, "Nadia Benali") != NULL);

  /* One entry in the outbox, shown as waiting (or, if the sync was quick, booked). */
  entries = chq_outbox_list (outbox, account_key, CHQ_OUTBOX_STATES_ALL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (chq_outbox_entry_get_kind (g_ptr_array_index (entries, 0)), ==,
                   CHQ_OUTBOX_KIND_CREATE_ENROLMENT);
  wait_until (chq_course_detail_get_n_bookings (detail) == n_before + 1, 5000);
  g_assert_true (bookings_show (detail, "Waiting to be sent") ||
                 bookings_show (detail, "usage code"));

  /* Once sent, the usage code shows. */
  run_sync (f->ui.backend);
  wait_until (bookings_show (detail, "usage code"), 10000);
  g_assert_false (bookings_show (detail, "Waiting to be sent"));

  /* A session in January: the oldest vouchers, reserved first, expire on December 31. */
  open_course (f, "crs-ai-0012");
  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.book", NULL);
  dialog = find_booking_dialog ();
  g_assert_nonnull (dialog);
  wait_until (chq_booking_dialog_get_ready (dialog), 5000);
  chq_booking_dialog_set_worker_id (dialog, "wrk-0004");
  {
    GtkLabel *warning = template_child (dialog, CHQ_TYPE_BOOKING_DIALOG, "warning_label");

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (warning)));
    g_assert_nonnull (strstr (gtk_label_get_label (warning), "before the session starts"));
  }
  /* Booking anyway is allowed: the session may be moved, or new vouchers ordered. */
  g_assert_true (chq_booking_dialog_get_can_book (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (find_booking_dialog () == NULL, 5000);
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  AdwLeaflet *leaflet = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "leaflet");
  GtkWidget *list_pane = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "list_pane");
  GtkWidget *detail_pane = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "detail_pane");
  GtkWidget *entry = template_child (f->page, CHQ_TYPE_CATALOG_PAGE, "search_entry");
  GtkWidget *focus;

  chq_catalog_page_set_backend (f->page, f->ui.backend);
  wait_results (f);

  /* 360 px wide: list or detail, with a way back. */
  wait_until (adw_leaflet_get_folded (leaflet), 5000);
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("page minimum width: %d", minimum);
    g_assert_cmpint (minimum, <=, 320);
    open_course (f, "crs-ai-0012");
    gtk_widget_measure (GTK_WIDGET (f->page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_test_message ("page minimum width with a course: %d", minimum);
    g_assert_cmpint (minimum, <=, 320);
    gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.back", NULL);
  }
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);

  open_course (f, "crs-ai-0012");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == detail_pane);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);

  /* Ctrl+F: the search entry has the focus, from the detail too. */
  open_course (f, "crs-ai-0012");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "catalog.search", NULL);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == list_pane);
  focus = gtk_root_get_focus (GTK_ROOT (f->ui.window));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

typedef struct {
  guint  first_rows;   /* items the list got with the first results */
  char  *count;        /* owned: the result count label then */
} FirstRows;

static void
on_shown_items_changed_cb (GListModel *shown,
                           guint       position,
                           guint       removed,
                           guint       added,
                           gpointer    user_data)
{
  FirstRows *first = user_data;
  GtkWidget *page = g_object_get_data (G_OBJECT (shown), "test-page");
  GtkLabel *count_label = template_child (page, CHQ_TYPE_CATALOG_PAGE, "count_label");

  if (first->count == NULL && g_list_model_get_n_items (shown) > 0)
    {
      first->first_rows = g_list_model_get_n_items (shown);
      first->count = g_strdup (gtk_label_get_label (count_label));
    }
}

/* The first results: the list gets their first screenful for the frame that shows them, then
 * the rest within a few frames, in the same order; the count says how many from the start. */
static void
test_first_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(ChqCourseQuery) all = chq_course_query_new ();
  FirstRows first = { 0, NULL };
  g_autofree char *expected = NULL;
  GListModel *shown;
  GListModel *model;
  guint n;

  /* All courses (more than a screenful), as a page made with that filter saved. */
  all->ai_only = FALSE;
  g_settings_set_value (settings, "catalogue-filters", chq_catalog_query_to_variant (all));
  f->page = CHQ_CATALOG_PAGE (chq_catalog_page_new ());
  test_ui_show (&f->ui, GTK_WIDGET (f->page));
  g_assert_false (chq_catalog_page_get_query (f->page)->ai_only);

  shown = chq_catalog_page_get_model (f->page);
  g_object_set_data (G_OBJECT (shown), "test-page", f->page);
  g_signal_connect (shown, "items-changed", G_CALLBACK (on_shown_items_changed_cb), &first);
  chq_catalog_page_set_backend (f->page, f->ui.backend);
  wait_results (f);

  n = chq_catalog_page_get_n_results (f->page);
  g_assert_cmpuint (n, >, 16);
  g_assert_cmpuint (first.first_rows, ==, 16);
  expected = chq_catalog_result_label (n, FALSE);
  g_assert_cmpstr (first.count, ==, expected);

  model = G_LIST_MODEL (list_model (f));
  wait_until (g_list_model_get_n_items (shown) == n, 5000);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChqCourseRow) a = g_list_model_get_item (shown, i);
      g_autoptr(ChqCourseRow) b = g_list_model_get_item (model, i);

      g_assert_true (a == b);
    }

  /* Later results go to the list whole. */
  type_search (f, "ia");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, chq_catalog_page_get_n_results (f->page));

  g_signal_handlers_disconnect_by_func (shown, on_shown_items_changed_cb, &first);
  g_free (first.count);
  g_settings_reset (settings, "catalogue-filters");
}

/* The height a row asks for at @width. */
static int
row_height (GtkWidget *row,
            int        width)
{
  int height;

  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
  return height;
}

static int
row_natural_width (GtkWidget *row)
{
  int width;

  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  return width;
}

/* One row of the list as a widget: its texts, what a screen reader hears, the badge only on
 * AI courses, the title wrapping on two lines at most, and sizes that follow the fonts. */
static void
test_row_widget (void)
{
  g_autoptr(GDateTime) starts = g_date_time_new_local (2027, 3, 15, 9, 0, 0);
  g_autoptr(ChqCourseRow) ai = chq_course_row_new (1, "crs-1", "Prompt engineering pour les "
                                                   "équipes commerciales des PME wallonnes",
                                                   "Forem Formation", 14,
                                                   CHQ_VOUCHER_TYPE_CF, 25900,
                                                   CHQ_COURSE_FORMAT_IN_PERSON, TRUE, starts,
                                                   "Namur");
  g_autoptr(ChqCourseRow) plain = chq_course_row_new (2, "crs-2", "Comptabilité", "IFAPME", 7,
                                                      CHQ_VOUCHER_TYPE_CFL, 11000,
                                                      CHQ_COURSE_FORMAT_DISTANCE, FALSE, NULL,
                                                      NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = chq_course_list_row_new ();
  ChqCourseListRow *row = CHQ_COURSE_LIST_ROW (widget);
  g_autofree char *hours = NULL;
  g_autofree char *next = NULL;
  g_autofree char *description = NULL;
  GtkSettings *settings = gtk_settings_get_default ();
  GdkRectangle badge;
  int dpi;
  int wide_height;
  int narrow_height;
  int narrower_height;
  int natural;

  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));

  chq_course_list_row_set_course (row, ai);
  g_assert_cmpstr (chq_course_list_row_get_title (row), ==,
                   "Prompt engineering pour les équipes commerciales des PME wallonnes");
  g_assert_cmpstr (chq_course_list_row_get_provider (row), ==, "Forem Formation");
  hours = chq_catalog_format_hours (14, CHQ_VOUCHER_TYPE_CF);
  g_assert_nonnull (strstr (chq_course_list_row_get_hours_line (row), hours));
  g_assert_nonnull (strstr (chq_course_list_row_get_hours_line (row),
                            chq_course_format_get_label (CHQ_COURSE_FORMAT_IN_PERSON)));
  next = chq_catalog_format_next_session (starts, "Namur");
  g_assert_cmpstr (chq_course_list_row_get_next_line (row), ==, next);
  g_assert_true (chq_course_list_row_get_ai (row));
  g_assert_true (gtk_widget_get_has_tooltip (widget));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Prompt engineering pour les équipes commerciales des "
                                       "PME wallonnes, AI course by Forem Formation");
  description = g_strdup_printf ("%s. %s.", chq_course_list_row_get_hours_line (row), next);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  /* The title wraps when the row narrows, on two lines at most; the badge stays at the end. */
  wide_height = row_height (widget, 2000);
  narrow_height = row_height (widget, 250);
  narrower_height = row_height (widget, 120);
  g_assert_cmpint (narrow_height, >, wide_height);
  g_assert_cmpint (narrower_height, ==, narrow_height);
  gtk_widget_set_size_request (window, 600, -1);
  wait_until (gtk_widget_get_width (widget) >= 600, 5000);
  g_assert_true (chq_course_list_row_get_badge_area (row, &badge));
  g_assert_cmpint (badge.width, >, 0);
  g_assert_cmpint (badge.x + badge.width, ==, gtk_widget_get_width (widget));
  /* Right to left, the badge comes first. */
  gtk_widget_set_direction (widget, GTK_TEXT_DIR_RTL);
  g_assert_true (chq_course_list_row_get_badge_area (row, &badge));
  g_assert_cmpint (badge.x, ==, 0);
  g_assert_cmpint (row_height (widget, 250), ==, narrow_height);
  gtk_widget_set_direction (widget, GTK_TEXT_DIR_LTR);

  /* Larger text (a higher resolution): the row measures its texts again. */
  natural = row_natural_width (widget);
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", (dpi > 0 ? dpi : 96 * 1024) * 2, NULL);
  g_assert_cmpint (row_natural_width (widget), >, natural + natural / 2);
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  g_assert_cmpint (row_natural_width (widget), ==, natural);

  /* No badge, no tooltip, on other courses; the row is shorter without the wrapped title. */
  chq_course_list_row_set_course (row, plain);
  g_assert_false (chq_course_list_row_get_ai (row));
  g_assert_false (chq_course_list_row_get_badge_area (row, NULL));
  g_assert_false (gtk_widget_get_has_tooltip (widget));
  g_assert_cmpstr (chq_course_list_row_get_title (row), ==, "Comptabilité");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Comptabilité, by IFAPME");
  g_assert_cmpint (row_height (widget, 250), <, narrow_height);

  /* Unbound: nothing to show or say. */
  chq_course_list_row_set_course (row, NULL);
  g_assert_null (chq_course_list_row_get_title (row));
  g_assert_false (chq_course_list_row_get_ai (row));
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  test_ui_init (&argc, &argv);

  g_test_add ("/catalog/states", Fixture, &wide, fixture_set_up, test_states,
              fixture_tear_down);
  g_test_add ("/catalog/empty-and-offline", Fixture, &unsynced, fixture_set_up,
              test_empty_and_offline, fixture_tear_down);
  g_test_add ("/catalog/search", Fixture, &wide, fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/catalog/filters", Fixture, &wide, fixture_set_up, test_filters,
              fixture_tear_down);
  g_test_add ("/catalog/detail-cost", Fixture, &wide, fixture_set_up, test_detail_cost,
              fixture_tear_down);
  g_test_add ("/catalog/detail-on-demand", Fixture, &wide, fixture_set_up,
              test_detail_on_demand, fixture_tear_down);
  g_test_add ("/catalog/booking", Fixture, &wide, fixture_set_up, test_booking,
              fixture_tear_down);
  g_test_add_func ("/catalog/row-widget", test_row_widget);
  g_test_add ("/catalog/first-rows", Fixture, &wide, fixture_set_up, test_first_rows,
              fixture_tear_down);
  g_test_add ("/catalog/keyboard", Fixture, &narrow, fixture_set_up, test_keyboard,
              fixture_tear_down);

  return g_test_run ();
}
