/* chq-hours-row.c: one row of a table of the Training Hours page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-hours-row"

#include "config.h"

#include "chq-hours-row.h"

struct _ChqHoursRow
{
  GObject   parent_instance;

  char    **cells;            /* owned */
  char     *subtitle;         /* owned, nullable */
  char     *accessible_label; /* owned */
  double    progress;
  gboolean  flagged;
};

G_DEFINE_FINAL_TYPE (ChqHoursRow, chq_hours_row, G_TYPE_OBJECT)

static void
chq_hours_row_finalize (GObject *object)
{
  ChqHoursRow *self = CHQ_HOURS_ROW (object);

  g_strfreev (self->cells);
  g_free (self->subtitle);
  g_free (self->accessible_label);

  G_OBJECT_CLASS (chq_hours_row_parent_class)->finalize (object);
}

static void
chq_hours_row_class_init (ChqHoursRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chq_hours_row_finalize;
}

static void
chq_hours_row_init (ChqHoursRow *self)
{
  self->progress = -1.0;
}

/**
 * chq_hours_row_new:
 * @cells: (array zero-terminated=1): the texts of the cells, first column first
 * @subtitle: (nullable): a second line under the first cell
 * @accessible_label: (nullable): the row as one sentence for screen readers (%NULL: the
 *   cells joined)
 *
 * Returns: (transfer full): a new #ChqHoursRow
 */
ChqHoursRow *
chq_hours_row_new (const char * const *cells,
                   const char         *subtitle,
                   const char         *accessible_label)
{
  ChqHoursRow *self;

  g_return_val_if_fail (cells != NULL, NULL);

  self = g_object_new (CHQ_TYPE_HOURS_ROW, NULL);
  self->cells = g_strdupv ((char **) cells);
  self->subtitle = g_strdup (subtitle);
  self->accessible_label = accessible_label != NULL ? g_strdup (accessible_label)
                                                    : g_strjoinv (", ", self->cells);

  return self;
}

/**
 * chq_hours_row_get_cell:
 * @self: a #ChqHoursRow
 * @column: a column, from 0
 *
 * Returns: (nullable): the text of that cell; %NULL past the last
 */
const char *
chq_hours_row_get_cell (ChqHoursRow *self,
                        guint        column)
{
  g_return_val_if_fail (CHQ_IS_HOURS_ROW (self), NULL);

  return column < g_strv_length (self->cells) ? self->cells[column] : NULL;
}

/**
 * chq_hours_row_get_n_cells:
 * @self: a #ChqHoursRow
 *
 * Returns: the number of cells
 */
guint
chq_hours_row_get_n_cells (ChqHoursRow *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_ROW (self), 0);

  return g_strv_length (self->cells);
}

/**
 * chq_hours_row_get_subtitle:
 * @self: a #ChqHoursRow
 *
 * Returns: (nullable): the second line of the first cell
 */
const char *
chq_hours_row_get_subtitle (ChqHoursRow *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_ROW (self), NULL);

  return self->subtitle;
}

/**
 * chq_hours_row_get_accessible_label:
 * @self: a #ChqHoursRow
 *
 * Returns: the row as one sentence for screen readers
 */
const char *
chq_hours_row_get_accessible_label (ChqHoursRow *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_ROW (self), NULL);

  return self->accessible_label;
}

/**
 * chq_hours_row_get_progress:
 * @self: a #ChqHoursRow
 *
 * Returns: the progress towards a target (1 = reached), negative when there is none
 */
double
chq_hours_row_get_progress (ChqHoursRow *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_ROW (self), -1.0);

  return self->progress;
}

/**
 * chq_hours_row_set_progress:
 * @self: a #ChqHoursRow
 * @progress: the progress towards a target, negative for none
 *
 * Sets the progress the row shows.
 */
void
chq_hours_row_set_progress (ChqHoursRow *self,
                            double       progress)
{
  g_return_if_fail (CHQ_IS_HOURS_ROW (self));

  self->progress = progress;
}

/**
 * chq_hours_row_get_flagged:
 * @self: a #ChqHoursRow
 *
 * Returns: whether the row is shown as a warning
 */
gboolean
chq_hours_row_get_flagged (ChqHoursRow *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_ROW (self), FALSE);

  return self->flagged;
}

/**
 * chq_hours_row_set_flagged:
 * @self: a #ChqHoursRow
 * @flagged: whether to show the row as a warning
 *
 * Flags the row (a worker behind the training right).
 */
void
chq_hours_row_set_flagged (ChqHoursRow *self,
                           gboolean     flagged)
{
  g_return_if_fail (CHQ_IS_HOURS_ROW (self));

  self->flagged = flagged;
}
