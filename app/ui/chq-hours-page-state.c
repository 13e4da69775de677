/* chq-hours-page-state.c: what every file of the Training page reads of its state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lowest part of ChqHoursPage: the page's "now", the account's kind, and the years the
 * year selector offers. The other files of the page call these; this file calls none of
 * them.
 */
#define G_LOG_DOMAIN "chq-hours-page"

#include "config.h"

#include "chq-clock.h"
#include "chq-hours-page-private.h"

/**
 * chq_hours_page_dup_today:
 * @self: a #ChqHoursPage
 *
 * Returns: (transfer full): the page's "now": the fixed clock given to
 *   chq_hours_page_set_today(), or the local time
 */
GDateTime *
chq_hours_page_dup_today (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);

  return self->today != NULL ? g_date_time_ref (self->today) : chq_clock_now_local ();
}

gboolean
_chq_hours_page_is_self_employed (ChqHoursPage *self)
{
  ChqAccountKind kind;

  if (self->account == NULL)
    return FALSE;
  kind = chq_account_get_kind (self->account);
  return kind == CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN ||
         kind == CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY;
}

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

/* The years offered, latest first: next year (sessions of next January are booked now),
 * this year, last year, and every other year with bookings stored. */
GArray *
_chq_hours_page_offered_years (ChqHoursPage *self)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  int fixed[] = { self->current_year + 1, self->current_year, self->current_year - 1 };

  g_array_append_vals (years, fixed, G_N_ELEMENTS (fixed));
  for (guint i = 0; i < (self->data_years != NULL ? self->data_years->len : 0) +
                        (self->register_years != NULL ? self->register_years->len : 0); i++)
    {
      guint n_data = self->data_years != NULL ? self->data_years->len : 0;
      int year = i < n_data ? g_array_index (self->data_years, int, i)
                            : g_array_index (self->register_years, int, i - n_data);
      gboolean known = FALSE;

      for (guint j = 0; j < years->len && !known; j++)
        known = g_array_index (years, int, j) == year;
      if (!known && year > 0)
        g_array_append_val (years, year);
    }
  g_array_sort (years, (GCompareFunc) compare_years_desc);

  return years;
}

gboolean
_chq_hours_page_year_is_offered (ChqHoursPage *self,
                                 int           year)
{
  g_autoptr(GArray) years = _chq_hours_page_offered_years (self);

  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return TRUE;
  return FALSE;
}

/* Fills the year selector with the years offered, the year shown selected. */
void
_chq_hours_page_update_years (ChqHoursPage *self)
{
  g_autoptr(GArray) years = _chq_hours_page_offered_years (self);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) texts = NULL;
  guint selected = 0;

  for (guint i = 0; i < years->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", g_array_index (years, int, i));

      g_strv_builder_add (builder, text);
      if (g_array_index (years, int, i) == self->year)
        selected = i;
    }
  texts = g_strv_builder_end (builder);

  self->updating_years = TRUE;
  gtk_string_list_splice (self->years, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->years)),
                          (const char * const *) texts);
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->updating_years = FALSE;
}
