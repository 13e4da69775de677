/* chq-batch-row.c: one batch of credited vouchers on the Vouchers page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-batch-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-batch-row.h"
#include "chq-vouchers-logic.h"

struct _ChqBatchRow
{
  AdwBin     parent_instance;

  gboolean   expiring;
  gboolean   expired;
  char      *title;  /* owned */

  GtkWidget *warning_image;
  GtkLabel  *title_label;
  GtkLabel  *dates_label;
  GtkLabel  *counts_label;
};

G_DEFINE_FINAL_TYPE (ChqBatchRow, chq_batch_row, ADW_TYPE_BIN)

static void
chq_batch_row_finalize (GObject *object)
{
  ChqBatchRow *self = CHQ_BATCH_ROW (object);

  g_free (self->title);

  G_OBJECT_CLASS (chq_batch_row_parent_class)->finalize (object);
}

static void
chq_batch_row_class_init (ChqBatchRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chq_batch_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-batch-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqBatchRow, warning_image);
  gtk_widget_class_bind_template_child (widget_class, ChqBatchRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChqBatchRow, dates_label);
  gtk_widget_class_bind_template_child (widget_class, ChqBatchRow, counts_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_batch_row_init (ChqBatchRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
  self->title = g_strdup ("");
}

/**
 * chq_batch_row_new:
 *
 * Returns: (transfer floating): an empty batch row, for a list item factory
 */
GtkWidget *
chq_batch_row_new (void)
{
  return g_object_new (CHQ_TYPE_BATCH_ROW, NULL);
}

/**
 * chq_batch_row_set_batch:
 * @self: a #ChqBatchRow
 * @batch: (nullable): the batch, %NULL to empty the row
 * @today: today
 * @warning_days: the warning period
 *
 * Shows a batch: type and quantity, when it was credited and when it expires, and how many
 * of its vouchers are available, reserved and used. A batch expiring within the warning
 * period stands out; an expired one says so.
 */
void
chq_batch_row_set_batch (ChqBatchRow     *self,
                         ChqVoucherBatch *batch,
                         const GDate     *today,
                         guint            warning_days)
{
  g_autofree char *credited = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *spoken = NULL;
  guint quantity;

  g_return_if_fail (CHQ_IS_BATCH_ROW (self));

  g_free (self->title);
  if (batch == NULL)
    {
      self->title = g_strdup ("");
      self->expiring = self->expired = FALSE;
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->dates_label, "");
      gtk_label_set_label (self->counts_label, "");
      gtk_widget_set_visible (self->warning_image, FALSE);
      return;
    }

  quantity = chq_voucher_batch_get_quantity (batch);
  self->expiring = chq_vouchers_batch_is_expiring (batch, today, warning_days);
  self->expired = chq_vouchers_batch_is_expired (batch, today);

  /* Translators: "100 × Standard vouchers": a batch's quantity and type */
  self->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u × %s voucher",
                                              "%u × %s vouchers", quantity),
                                 quantity,
                                 chq_voucher_type_get_label (chq_voucher_batch_get_voucher_type (batch)));
  /* Which order credited it: the reference the order history shows. */
  if (chq_voucher_batch_get_order_id (batch) != NULL)
    {
      char *title = self->title;

      /* Translators: "100 × Standard vouchers, from order ord-0012" */
      self->title = g_strdup_printf (_("%s, from order %s"), title,
                                     chq_voucher_batch_get_order_id (batch));
      g_free (title);
    }
  credited = chq_vouchers_format_date (chq_voucher_batch_get_credited_on (batch));
  expires = chq_vouchers_format_date (chq_voucher_batch_get_expires_on (batch));
  if (self->expired)
    /* Translators: both %s are dates */
    dates = g_strdup_printf (_("Credited on %s, expired on %s"), credited, expires);
  else if (self->expiring)
    dates = g_strdup_printf (_("Credited on %s, expires soon, on %s"), credited, expires);
  else
    dates = g_strdup_printf (_("Credited on %s, expires on %s"), credited, expires);
  /* Translators: how the vouchers of one batch stand */
  counts = g_strdup_printf (_("%u available, %u reserved, %u used"),
                            chq_voucher_batch_get_available (batch),
                            chq_voucher_batch_get_reserved (batch),
                            chq_voucher_batch_get_used (batch));

  gtk_label_set_label (self->title_label, self->title);
  gtk_label_set_label (self->dates_label, dates);
  gtk_label_set_label (self->counts_label, counts);
  gtk_widget_set_visible (self->warning_image, self->expiring);
  if (self->expiring)
    gtk_widget_add_css_class (GTK_WIDGET (self->dates_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->dates_label), "warning");
  if (self->expired)
    gtk_widget_add_css_class (GTK_WIDGET (self->dates_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->dates_label), "dim-label");

  /* Translators: one batch as a screen reader says it */
  spoken = g_strdup_printf (_("%s, %s, %s"), self->title, dates, counts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  chq_a11y_name_list_item (GTK_WIDGET (self), spoken, NULL);
}

/**
 * chq_batch_row_get_expiring:
 * @self: a #ChqBatchRow
 *
 * Returns: whether the batch stands out as expiring within the warning period
 */
gboolean
chq_batch_row_get_expiring (ChqBatchRow *self)
{
  g_return_val_if_fail (CHQ_IS_BATCH_ROW (self), FALSE);
  return self->expiring;
}

/**
 * chq_batch_row_get_expired:
 * @self: a #ChqBatchRow
 *
 * Returns: whether the batch is past its last valid day
 */
gboolean
chq_batch_row_get_expired (ChqBatchRow *self)
{
  g_return_val_if_fail (CHQ_IS_BATCH_ROW (self), FALSE);
  return self->expired;
}

/**
 * chq_batch_row_get_title:
 * @self: a #ChqBatchRow
 *
 * Returns: the row's title, the quantity and type of the batch
 */
const char *
chq_batch_row_get_title (ChqBatchRow *self)
{
  g_return_val_if_fail (CHQ_IS_BATCH_ROW (self), NULL);
  return self->title;
}
