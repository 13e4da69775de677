/* chq-deadlines-logic.c: the training register's obligations of a year
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The obligations and their dates are the year model's (chq_training_year_get_obligations(),
 * which follows DOMAIN.md ("the training register every employer must keep"): the
 * annual training plan of a company of 20 workers or more is settled by 31 March, after the
 * works council (or the union delegation, or else the workers) gave its opinion by 15 March
 * on a draft it received at least 15 days before; an anonymised copy goes to the federal
 * employment service within a month of the plan taking effect; and every employer tells
 * each worker, at least once a year, the balance of their training credit). These functions
 * say what each asks and how far it is, and pick the ones to notify, once each.
 */
#define G_LOG_DOMAIN "chq-deadlines"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-deadlines-logic.h"

/**
 * chq_deadline_get_description:
 * @kind: an obligation
 *
 * Returns: (transfer none): what it asks, in one sentence, translated
 */
const char *
chq_deadline_get_description (ChqObligationKind kind)
{
  switch (kind)
    {
    case CHQ_OBLIGATION_PLAN_DRAFT:
      return _("Give the draft of the annual training plan to the works council, or else the "
               "union delegation, at least 15 days before the meeting that discusses it.");
    case CHQ_OBLIGATION_PLAN_OPINION:
      return _("The works council or union delegation gives its opinion; without either, the "
               "plan is submitted to the workers.");
    case CHQ_OBLIGATION_PLAN_SETTLED:
      return _("The annual training plan is settled for the year and kept open to the workers "
               "and their representatives.");
    case CHQ_OBLIGATION_PLAN_TO_FPS:
      return _("Send the anonymised copy of the plan to the FPS Employment (application "
               "“transfert”) within one month of the plan taking effect.");
    case CHQ_OBLIGATION_STATEMENTS:
      return _("Tell each worker the balance of their training credit and remind them that "
               "they may consult and correct their training account.");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * chq_deadline_dup_id:
 * @deadline: an obligation of a year
 *
 * Returns: (transfer full): "2027-plan-opinion"
 */
char *
chq_deadline_dup_id (const ChqDeadline *deadline)
{
  g_return_val_if_fail (deadline != NULL && g_date_valid (&deadline->date), NULL);

  return g_strdup_printf ("%04u-%s", g_date_get_year (&deadline->date),
                          chq_obligation_kind_to_string (deadline->kind));
}

/**
 * chq_deadline_days_left:
 * @deadline: an obligation
 * @today: today
 *
 * Returns: the days from @today to its last day: 0 on the day, negative once passed
 */
int
chq_deadline_days_left (const ChqDeadline *deadline,
                        const GDate       *today)
{
  g_return_val_if_fail (deadline != NULL && today != NULL && g_date_valid (today), 0);

  return g_date_days_between (today, &deadline->date);
}

/**
 * chq_deadline_dup_when_text:
 * @deadline: an obligation
 * @today: today
 *
 * Returns: (transfer full): how far it is, "In 12 days", "Today", "Passed"; "Done" when
 *   the plan records it done
 */
char *
chq_deadline_dup_when_text (const ChqDeadline *deadline,
                            const GDate       *today)
{
  int days = chq_deadline_days_left (deadline, today);

  if (deadline->done)
    return g_strdup (_("Done"));
  if (days < 0)
    return g_strdup (_("Passed"));
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));
  /* Translators: how far a deadline is */
  return g_strdup_printf (ngettext ("In %d day", "In %d days", days), days);
}

/**
 * chq_deadlines_to_notify:
 * @deadlines: (element-type ChqDeadline): from chq_training_year_get_obligations()
 * @today: today
 * @days: how many days ahead a deadline counts as near
 * @notified: (nullable) (array zero-terminated=1): ids already notified
 *
 * Returns: (transfer full): the ids of the deadlines not done, from @today to @days ahead,
 *   not yet notified (never %NULL)
 */
GStrv
chq_deadlines_to_notify (GArray             *deadlines,
                         const GDate        *today,
                         guint               days,
                         const char * const *notified)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (deadlines != NULL && today != NULL, g_new0 (char *, 1));

  for (guint i = 0; i < deadlines->len; i++)
    {
      const ChqDeadline *deadline = &g_array_index (deadlines, ChqDeadline, i);
      int left = chq_deadline_days_left (deadline, today);
      g_autofree char *id = NULL;

      if (deadline->done || left < 0 || left > (int) days)
        continue;
      id = chq_deadline_dup_id (deadline);
      if (notified == NULL || !g_strv_contains (notified, id))
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

/**
 * chq_deadlines_merge_notified:
 * @notified: (nullable) (array zero-terminated=1): the setting's ids
 * @added: (nullable) (array zero-terminated=1): ids notified now
 * @year: the current year
 *
 * Returns: (transfer full): the setting's new value, each id once, the years before
 *   @year - 1 forgotten
 */
GStrv
chq_deadlines_merge_notified (const char * const *notified,
                              const char * const *added,
                              int                 year)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint pass = 0; pass < 2; pass++)
    {
      const char * const *list = pass == 0 ? notified : added;

      for (guint i = 0; list != NULL && list[i] != NULL; i++)
        {
          gboolean seen = FALSE;

          if (g_ascii_strtoll (list[i], NULL, 10) < year - 1)
            continue;
          for (guint j = 0; j < kept->len && !seen; j++)
            seen = g_str_equal (kept->pdata[j], list[i]);
          if (!seen)
            g_ptr_array_add (kept, (gpointer) list[i]);
        }
    }

  for (guint i = 0; i < kept->len; i++)
    g_strv_builder_add (builder, kept->pdata[i]);

  return g_strv_builder_end (builder);
}
