/* chq-catalog-filters.c: the filter popover of the Catalogue page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-catalog-filters"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-catalog-filters.h"
#include "chq-catalog-logic.h"
#include "chq-location.h"

/* One drop-down of words (themes, languages, provinces): the first item is "Any". */
typedef struct {
  GtkDropDown   *dropdown;  /* unowned, template child */
  GPtrArray     *words;     /* owned, of char*, [0] = NULL for "any" */
  const char * (*label_func) (const char *word);
} WordChoice;

struct _ChqCatalogFilters
{
  GtkPopover   parent_instance;

  GtkSwitch   *ai_only_switch;
  GtkDropDown *theme_dropdown;
  GtkDropDown *format_dropdown;
  GtkDropDown *language_dropdown;
  GtkDropDown *province_dropdown;
  GtkDropDown *voucher_type_dropdown;
  GtkSpinButton *max_hours_spin;
  GtkSpinButton *within_weeks_spin;

  WordChoice   themes;
  WordChoice   languages;
  WordChoice   provinces;
  guint        updating;    /* > 0 while the widgets are set from code: no "changed" */
};

G_DEFINE_FINAL_TYPE (ChqCatalogFilters, chq_catalog_filters, GTK_TYPE_POPOVER)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
word_choice_rebuild (WordChoice          *choice,
                     const char * const  *words,
                     const char          *keep)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (choice->words, 0);
  g_ptr_array_add (choice->words, NULL);
  gtk_string_list_append (labels, _("Any"));

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      g_ptr_array_add (choice->words, g_strdup (words[i]));
      gtk_string_list_append (labels, choice->label_func (words[i]));
      if (g_strcmp0 (words[i], keep) == 0)
        selected = choice->words->len - 1;
    }

  /* A remembered filter the catalogue no longer holds stays visible, so it can be cleared. */
  if (keep != NULL && selected == 0)
    {
      g_ptr_array_add (choice->words, g_strdup (keep));
      gtk_string_list_append (labels, choice->label_func (keep));
      selected = choice->words->len - 1;
    }

  gtk_drop_down_set_model (choice->dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (choice->dropdown, selected);
}

static const char *
word_choice_get (WordChoice *choice)
{
  guint selected = gtk_drop_down_get_selected (choice->dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= choice->words->len)
    return NULL;

  return g_ptr_array_index (choice->words, selected);
}

static void
word_choice_set (WordChoice *choice,
                 const char *word)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 1; i < choice->words->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (choice->words, i));
  words = g_strv_builder_end (builder);

  word_choice_rebuild (choice, (const char * const *)words, word);
}

static const char *
theme_label (const char *word)
{
  return chq_theme_word_get_label (word);
}

static void
emit_changed (ChqCatalogFilters *self)
{
  if (self->updating == 0)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_control_changed_cb (ChqCatalogFilters *self)
{
  emit_changed (self);
}

static void
chq_catalog_filters_finalize (GObject *object)
{
  ChqCatalogFilters *self = (ChqCatalogFilters *)object;

  g_clear_pointer (&self->themes.words, g_ptr_array_unref);
  g_clear_pointer (&self->languages.words, g_ptr_array_unref);
  g_clear_pointer (&self->provinces.words, g_ptr_array_unref);

  G_OBJECT_CLASS (chq_catalog_filters_parent_class)->finalize (object);
}

static void
chq_catalog_filters_class_init (ChqCatalogFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chq_catalog_filters_finalize;

  /**
   * ChqCatalogFilters::changed:
   *
   * The person changed a filter.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-catalog-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogFilters, ai_only_switch);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogFilters, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogFilters, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogFilters, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogFilters, province_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogFilters, voucher_type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogFilters, max_hours_spin);
  gtk_widget_class_bind_template_child (widget_class, ChqCatalogFilters, within_weeks_spin);
}

static void
chq_catalog_filters_init (ChqCatalogFilters *self)
{
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) voucher_types = gtk_string_list_new (NULL);
  const char *ai_themes[CHQ_N_AI_THEMES + 1] = { NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  self->updating++;

  gtk_string_list_append (formats, _("Any"));
  for (ChqCourseFormat f = CHQ_COURSE_FORMAT_IN_PERSON; f <= CHQ_COURSE_FORMAT_BLENDED; f++)
    gtk_string_list_append (formats, chq_course_format_get_label (f));
  gtk_drop_down_set_model (self->format_dropdown, G_LIST_MODEL (formats));

  gtk_string_list_append (voucher_types, _("Any"));
  for (ChqVoucherType t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    gtk_string_list_append (voucher_types, chq_voucher_type_get_label (t));
  gtk_drop_down_set_model (self->voucher_type_dropdown, G_LIST_MODEL (voucher_types));

  self->themes = (WordChoice) { self->theme_dropdown, g_ptr_array_new_with_free_func (g_free),
                                theme_label };
  self->languages = (WordChoice) { self->language_dropdown,
                                   g_ptr_array_new_with_free_func (g_free),
                                   chq_catalog_language_get_label };
  self->provinces = (WordChoice) { self->province_dropdown,
                                   g_ptr_array_new_with_free_func (g_free),
                                   chq_province_get_label };

  /* The five AI themes are always offered, the catalogue's other themes once known. */
  for (guint i = 0; i < CHQ_N_AI_THEMES; i++)
    ai_themes[i] = chq_theme_to_string (i);
  word_choice_rebuild (&self->themes, ai_themes, NULL);
  word_choice_rebuild (&self->languages, NULL, NULL);
  word_choice_rebuild (&self->provinces, NULL, NULL);

  self->updating--;

  g_signal_connect_swapped (self->ai_only_switch, "notify::active",
                            G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->theme_dropdown, "notify::selected",
                            G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->format_dropdown, "notify::selected",
                            G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->language_dropdown, "notify::selected",
                            G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->province_dropdown, "notify::selected",
                            G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->voucher_type_dropdown, "notify::selected",
                            G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->max_hours_spin, "value-changed",
                            G_CALLBACK (on_control_changed_cb), self);
  g_signal_connect_swapped (self->within_weeks_spin, "value-changed",
                            G_CALLBACK (on_control_changed_cb), self);
}

/**
 * chq_catalog_filters_new:
 *
 * Returns: (transfer floating): a new #ChqCatalogFilters
 */
GtkWidget *
chq_catalog_filters_new (void)
{
  return g_object_new (CHQ_TYPE_CATALOG_FILTERS, NULL);
}

/**
 * chq_catalog_filters_set_choices:
 * @self: the filters
 * @themes: (nullable) (array zero-terminated=1): the themes of the catalogue
 * @languages: (nullable) (array zero-terminated=1): its languages (ISO 639-1)
 * @provinces: (nullable) (array zero-terminated=1): its provinces
 *
 * Sets what the drop-downs offer (besides "Any"); the five AI themes come first whatever
 * @themes holds. Keeps the current choices, and does not emit "changed".
 */
void
chq_catalog_filters_set_choices (ChqCatalogFilters  *self,
                                 const char * const *themes,
                                 const char * const *languages,
                                 const char * const *provinces)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) all_themes = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *language = NULL;
  g_autofree char *province = NULL;

  g_return_if_fail (CHQ_IS_CATALOG_FILTERS (self));

  for (guint i = 0; i < CHQ_N_AI_THEMES; i++)
    g_strv_builder_add (builder, chq_theme_to_string (i));
  for (guint i = 0; themes != NULL && themes[i] != NULL; i++)
    {
      ChqTheme value;

      if (chq_theme_from_string (themes[i], &value) && chq_theme_is_ai (value))
        continue;
      g_strv_builder_add (builder, themes[i]);
    }
  all_themes = g_strv_builder_end (builder);

  theme = g_strdup (word_choice_get (&self->themes));
  language = g_strdup (word_choice_get (&self->languages));
  province = g_strdup (word_choice_get (&self->provinces));

  self->updating++;
  word_choice_rebuild (&self->themes, (const char * const *)all_themes, theme);
  word_choice_rebuild (&self->languages, languages, language);
  word_choice_rebuild (&self->provinces, provinces, province);
  self->updating--;
}

/**
 * chq_catalog_filters_set_query:
 * @self: the filters
 * @query: the query whose filters to show
 *
 * Shows the filters of @query, without emitting "changed".
 */
void
chq_catalog_filters_set_query (ChqCatalogFilters    *self,
                               const ChqCourseQuery *query)
{
  g_return_if_fail (CHQ_IS_CATALOG_FILTERS (self));
  g_return_if_fail (query != NULL);

  self->updating++;
  gtk_switch_set_active (self->ai_only_switch, query->ai_only);
  word_choice_set (&self->themes, query->theme);
  word_choice_set (&self->languages, query->language);
  word_choice_set (&self->provinces, query->province);
  gtk_drop_down_set_selected (self->format_dropdown,
                              query->format == CHQ_COURSE_QUERY_ANY ? 0 : query->format + 1);
  gtk_drop_down_set_selected (self->voucher_type_dropdown,
                              query->voucher_type == CHQ_COURSE_QUERY_ANY
                                ? 0 : query->voucher_type + 1);
  gtk_spin_button_set_value (self->max_hours_spin, query->max_hours);
  gtk_spin_button_set_value (self->within_weeks_spin, query->within_weeks);
  self->updating--;
}

/**
 * chq_catalog_filters_apply:
 * @self: the filters
 * @query: the query to change
 *
 * Writes the filters shown into @query (its text and sort stay).
 */
void
chq_catalog_filters_apply (ChqCatalogFilters *self,
                           ChqCourseQuery    *query)
{
  guint selected;

  g_return_if_fail (CHQ_IS_CATALOG_FILTERS (self));
  g_return_if_fail (query != NULL);

  query->ai_only = gtk_switch_get_active (self->ai_only_switch);
  chq_course_query_set_theme (query, word_choice_get (&self->themes));
  chq_course_query_set_language (query, word_choice_get (&self->languages));
  chq_course_query_set_province (query, word_choice_get (&self->provinces));

  selected = gtk_drop_down_get_selected (self->format_dropdown);
  query->format = (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
                    ? CHQ_COURSE_QUERY_ANY : (int)selected - 1;
  selected = gtk_drop_down_get_selected (self->voucher_type_dropdown);
  query->voucher_type = (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
                          ? CHQ_COURSE_QUERY_ANY : (int)selected - 1;

  query->max_hours = (guint)gtk_spin_button_get_value_as_int (self->max_hours_spin);
  query->within_weeks = (guint)gtk_spin_button_get_value_as_int (self->within_weeks_spin);
}
