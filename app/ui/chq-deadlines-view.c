/* chq-deadlines-view.c: the training register's obligations of the year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row on the Training page: its subtitle names the next obligation and when
 * it falls, its rows list every obligation of the year with its date and what it asks.
 * When one of the current year comes within CHQ_DEADLINES_NOTIFY_DAYS, a notification says
 * so, once (the ids sent are kept in the "notified-deadlines" setting, as the expiring
 * vouchers' are).
 */
#define G_LOG_DOMAIN "chq-deadlines-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-deadlines-logic.h"
#include "chq-deadlines-view.h"
#include "chq-notification.h"

struct _ChqDeadlinesView
{
  AdwBin          parent_instance;

  GSettings      *settings;     /* owned */
  GPtrArray      *rows;         /* owned: the rows added to the expander */
  char           *summary;      /* owned */

  GtkListBox     *list;
  AdwExpanderRow *expander;
};

G_DEFINE_FINAL_TYPE (ChqDeadlinesView, chq_deadlines_view, ADW_TYPE_BIN)

/* "31 March 2027" in the interface language. */
static char *
format_day (const GDate *date)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (date),
                                                     g_date_get_month (date),
                                                     g_date_get_day (date), 12, 0, 0);

  /* Translators: a deadline's date, as in strftime: "31 March 2027" */
  return g_date_time_format (when, _("%-d %B %Y"));
}

static void
notify_near (ChqDeadlinesView *self,
             GArray           *deadlines,
             const GDate      *today)
{
  int year = g_date_get_year (today);
  g_auto(GStrv) notified = g_settings_get_strv (self->settings, "notified-deadlines");
  g_auto(GStrv) due = NULL;
  g_auto(GStrv) kept = NULL;

  if (g_application_get_default () == NULL ||
      !g_settings_get_boolean (self->settings, "notifications"))
    return;

  due = chq_deadlines_to_notify (deadlines, today, CHQ_DEADLINES_NOTIFY_DAYS,
                                 (const char * const *) notified);
  for (guint i = 0; i < deadlines->len; i++)
    {
      const ChqDeadline *deadline = &g_array_index (deadlines, ChqDeadline, i);
      g_autofree char *id = chq_deadline_dup_id (deadline);
      g_autofree char *notification_id = NULL;
      g_autofree char *day = NULL;
      g_autofree char *body = NULL;

      if (!g_strv_contains ((const char * const *) due, id))
        continue;

      notification_id = g_strconcat ("deadline-", id, NULL);
      day = format_day (&deadline->date);
      /* Translators: a notification's body: what the obligation asks, then its date */
      body = g_strdup_printf (_("%s Deadline: %s."), chq_deadline_get_description (deadline->kind),
                              day);
      chq_notification_send (notification_id, chq_obligation_kind_get_title (deadline->kind),
                             body, "hours");
    }

  kept = chq_deadlines_merge_notified ((const char * const *) notified,
                                       (const char * const *) due, year);
  if (!g_strv_equal ((const char * const *) kept, (const char * const *) notified))
    g_settings_set_strv (self->settings, "notified-deadlines", (const char * const *) kept);
}

static void
clear_rows (ChqDeadlinesView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_expander_row_remove (self->expander, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

/**
 * chq_deadlines_view_update:
 * @self: a #ChqDeadlinesView
 * @year: (nullable): the year shown, %NULL while it is being built
 * @today: now
 *
 * Lists @year's obligations (chq_training_year_get_obligations()), and when @year is
 * @today's, sends the notifications of those that are near and were not sent before. A
 * year without obligations (a self-employed account, no worker with a credit) hides it.
 */
void
chq_deadlines_view_update (ChqDeadlinesView *self,
                           ChqTrainingYear  *year,
                           GDateTime        *today)
{
  g_autoptr(GArray) deadlines = NULL;
  const ChqDeadline *next = NULL;
  g_autofree char *title = NULL;
  GDate day;

  g_return_if_fail (CHQ_IS_DEADLINES_VIEW (self));
  g_return_if_fail (today != NULL);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (today),
                  (GDateMonth) g_date_time_get_month (today),
                  (GDateYear) g_date_time_get_year (today));

  clear_rows (self);
  deadlines = year != NULL ? chq_training_year_get_obligations (year)
                           : g_array_new (FALSE, FALSE, sizeof (ChqDeadline));
  gtk_widget_set_visible (GTK_WIDGET (self), deadlines->len > 0);

  for (guint i = 0; i < deadlines->len; i++)
    {
      const ChqDeadline *deadline = &g_array_index (deadlines, ChqDeadline, i);
      g_autofree char *date = format_day (&deadline->date);
      g_autofree char *when = chq_deadline_dup_when_text (deadline, &day);
      g_autofree char *subtitle = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();
      gboolean passed = chq_deadline_days_left (deadline, &day) < 0;

      if (next == NULL && !passed && !deadline->done)
        next = deadline;

      /* Translators: a deadline's date, then how far it is: "31 March 2027 · In 12 days" */
      subtitle = g_strdup_printf (_("%s · %s"), date, when);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     chq_obligation_kind_get_title (deadline->kind));
      {
        g_autofree char *text = g_strdup_printf ("%s\n%s", subtitle,
                                                 chq_deadline_get_description (deadline->kind));

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      }
      if (passed)
        gtk_widget_add_css_class (row, "dim-label");

      /* Translators: a deadline for screen readers: title, date and distance, what it asks */
      label = g_strdup_printf (_("%s, %s: %s"), chq_obligation_kind_get_title (deadline->kind),
                               subtitle, chq_deadline_get_description (deadline->kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);

      adw_expander_row_add_row (self->expander, row);
      g_ptr_array_add (self->rows, row);
    }

  g_free (self->summary);
  if (next != NULL)
    {
      g_autofree char *date = format_day (&next->date);
      g_autofree char *when = chq_deadline_dup_when_text (next, &day);

      /* Translators: the next obligation of the year: its title, date and distance */
      self->summary = g_strdup_printf (_("Next: %s, %s (%s)"),
                                       chq_obligation_kind_get_title (next->kind), date, when);
    }
  else
    self->summary = g_strdup (_("Every obligation of the year has passed."));

  if (year == NULL)
    return;

  /* Translators: the title of the list of the year's obligations; %d is the year */
  title = g_strdup_printf (_("Obligations of %d"), year->year);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->expander), title);
  adw_expander_row_set_subtitle (self->expander, self->summary);
  {
    g_autofree char *label = g_strdup_printf ("%s. %s", title, self->summary);

    chq_a11y_name_expander_row (self->expander, label, title);
  }

  if (year->year == (int) g_date_get_year (&day))
    notify_near (self, deadlines, &day);
}

/**
 * chq_deadlines_view_get_n_shown:
 * @self: a #ChqDeadlinesView
 *
 * Returns: how many obligations are listed
 */
guint
chq_deadlines_view_get_n_shown (ChqDeadlinesView *self)
{
  g_return_val_if_fail (CHQ_IS_DEADLINES_VIEW (self), 0);
  return self->rows->len;
}

/**
 * chq_deadlines_view_get_summary:
 * @self: a #ChqDeadlinesView
 *
 * Returns: (transfer none) (nullable): the sentence naming the next obligation
 */
const char *
chq_deadlines_view_get_summary (ChqDeadlinesView *self)
{
  g_return_val_if_fail (CHQ_IS_DEADLINES_VIEW (self), NULL);
  return self->summary;
}

static void
chq_deadlines_view_dispose (GObject *object)
{
  ChqDeadlinesView *self = CHQ_DEADLINES_VIEW (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (chq_deadlines_view_parent_class)->dispose (object);
}

static void
chq_deadlines_view_class_init (ChqDeadlinesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_deadlines_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-deadlines-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqDeadlinesView, list);
  gtk_widget_class_bind_template_child (widget_class, ChqDeadlinesView, expander);
}

static void
chq_deadlines_view_init (ChqDeadlinesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_name_expander_row (self->expander, _("Obligations of the year"),
                              _("Obligations of the year"));

  self->settings = g_settings_new (APP_ID);
  self->rows = g_ptr_array_new ();
}

/**
 * chq_deadlines_view_new:
 *
 * Returns: (transfer floating): a new #ChqDeadlinesView, empty until updated
 */
GtkWidget *
chq_deadlines_view_new (void)
{
  return g_object_new (CHQ_TYPE_DEADLINES_VIEW, NULL);
}
