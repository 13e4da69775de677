/* chq-hours-page-register.c: the training register's side of the Training page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Once the page has read the year's workers and bookings, it builds the year model
 * (ChqTrainingYear: each worker's credit and every training, voucher-funded or added by
 * hand) from every stored booking and the register, and shows it: the credit columns of the
 * workers' table, the trainings view, the totals and the obligations. The register's
 * "changed" (a training added, edited, deleted, a detail saved) builds it again.
 */
#define G_LOG_DOMAIN "chq-hours-page"

#include "config.h"

#include "chq-hours-page-private.h"
#include "chq-training-year-loader.h"

typedef struct {
  ChqHoursPage *self;    /* owned */
  guint         serial;
} Build;

static void
build_free (Build *build)
{
  g_object_unref (build->self);
  g_free (build);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Build, build_free)

static void
on_training_year_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Build) build = user_data;
  ChqHoursPage *self = build->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegisterData) data = NULL;
  g_autoptr(ChqTrainingYear) year = chq_training_year_load_finish (result, &data, &error);
  guint serial = build->serial;

  self->training_loads--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (serial == self->training_serial)
    {
      if (year == NULL)
        g_warning ("Could not build the training year: %s", error->message);
      else if (year->year == self->year)
        {
          g_clear_pointer (&self->training_year, chq_training_year_unref);
          self->training_year = g_steal_pointer (&year);

          if (data != NULL)
            {
              g_clear_pointer (&self->register_years, g_array_unref);
              self->register_years = g_array_new (FALSE, FALSE, sizeof (int));
              for (guint i = 0; i < data->trainings->len; i++)
                {
                  int y = chq_training_get_year (g_ptr_array_index (data->trainings, i));

                  if (y > 0)
                    g_array_append_val (self->register_years, y);
                }
              _chq_hours_page_update_years (self);
            }

          chq_trainings_view_set_year (self->trainings_view, self->link, self->training_year);
          _chq_hours_page_apply_credits (self);
          _chq_hours_page_show_report (self);
          _chq_hours_page_update_actions (self);
        }
    }

  if (self->training_loads == 0)
    g_object_notify (G_OBJECT (self), "loading");
}

/* Builds the year model again (a newer build makes the results of older ones dropped). */
void
_chq_hours_page_load_training_year (ChqHoursPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  Build *build;
  GDate at;

  if (self->backend == NULL || self->account == NULL || self->workers == NULL)
    return;

  now = chq_hours_page_dup_today (self);
  chq_training_year_clamp_date (self->year, now, &at);
  self->training_serial++;
  self->training_loads++;
  build = g_new0 (Build, 1);
  build->self = g_object_ref (self);
  build->serial = self->training_serial;

  chq_training_year_load_async (chq_backend_get_store (self->backend),
                                self->link != NULL ? chq_register_link_get_register (self->link)
                                                   : NULL,
                                self->year, &at, self->account, self->workers,
                                chq_page_binding_get_cancellable (self->binding),
                                on_training_year_cb, build);
}

/**
 * _chq_hours_page_apply_credits:
 * @self: a #ChqHoursPage
 *
 * Puts the year model's training credits into the report (its target, progress and
 * "behind" per worker, and the count of workers behind), so that the annual report of the
 * hours says what the page says: only employees have a credit, at the company's tier or
 * sector rule, and "behind" counts from the share of the year gone by.
 */
void
_chq_hours_page_apply_credits (ChqHoursPage *self)
{
  ChqTrainingYear *year = self->training_year;
  guint behind = 0;

  if (self->report == NULL || year == NULL || year->year != self->report->year)
    return;

  for (guint i = 0; i < self->report->workers->len; i++)
    {
      ChqHoursWorker *w = g_ptr_array_index (self->report->workers, i);
      const ChqTrainingYearWorker *yw = chq_training_year_find_worker (year, w->worker_id);
      double days = yw != NULL && yw->balance.has_right
                    ? yw->balance.credit_days + yw->balance.carried_in_days : 0.0;

      w->target_hours = days * year->settings.hours_per_day;
      w->progress = w->target_hours > 0.0 ? yw->balance.followed_hours / w->target_hours : 0.0;
      w->behind = yw != NULL && yw->balance.has_right && yw->balance.late;
      if (w->behind)
        behind++;
    }
  self->report->workers_behind = behind;
}

static void
on_register_changed_cb (ChqHoursPage *self)
{
  _chq_hours_page_load_training_year (self);
}

void
_chq_hours_page_connect_register (ChqHoursPage *self)
{
  g_return_if_fail (self->backend != NULL);

  self->link = g_object_ref (chq_register_link_get (self->backend));
  self->link_register_id = g_signal_connect_swapped (self->link, "notify::register",
                                                     G_CALLBACK (on_register_changed_cb), self);
  self->link_changed_id = g_signal_connect_swapped (self->link, "changed",
                                                    G_CALLBACK (on_register_changed_cb), self);
}

void
_chq_hours_page_disconnect_register (ChqHoursPage *self)
{
  if (self->link != NULL)
    {
      g_clear_signal_handler (&self->link_register_id, self->link);
      g_clear_signal_handler (&self->link_changed_id, self->link);
    }
  g_clear_object (&self->link);
  g_clear_pointer (&self->training_year, chq_training_year_unref);
  g_clear_pointer (&self->register_years, g_array_unref);
  self->training_serial++;
  chq_trainings_view_set_year (self->trainings_view, NULL, NULL);
  _chq_hours_page_update_actions (self);
}

/**
 * chq_hours_page_get_training_year:
 * @self: a #ChqHoursPage
 *
 * Returns: (transfer none) (nullable): the year model shown: credits and every training
 */
ChqTrainingYear *
chq_hours_page_get_training_year (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);
  return self->training_year;
}
