/* chq-vouchers-page-view.c: what the Vouchers page shows: the wallet's cards, the batches
 * and the rows of the order history, and the day and warning days expiry is counted with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-vouchers-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-batch-row.h"
#include "chq-clock.h"
#include "chq-order-row.h"
#include "chq-vouchers-logic.h"
#include "chq-vouchers-page-private.h"

/* The day expiry is counted from: the fixed clock's, or the local date. */
void
_chq_vouchers_page_get_today (ChqVouchersPage *self,
                              GDate           *out)
{
  if (self->today != NULL && chq_vouchers_parse_date (self->today, out))
    return;

  chq_clock_get_today (out);
}

/* How many days before expiry the page warns. */
guint
_chq_vouchers_page_get_warning_days (ChqVouchersPage *self)
{
  return g_settings_get_uint (self->settings, "expiry-warning-days");
}

/* The cards: one a voucher type, shown when the account may order it or holds some. */
void
_chq_vouchers_page_update_cards (ChqVouchersPage *self)
{
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  GPtrArray *batches = self->wallet != NULL ? self->wallet->batches : empty;
  guint warning_days = _chq_vouchers_page_get_warning_days (self);
  GDate today;
  int year;

  _chq_vouchers_page_get_today (self, &today);
  year = g_date_get_year (&today);

  for (ChqVoucherType type = 0; type < CHQ_N_VOUCHER_TYPES; type++)
    {
      const ChqWalletTotal *total = self->wallet != NULL ? &self->wallet->totals[type] : NULL;
      ChqWalletFigures figures = { 0 };
      gboolean shown;

      if (self->account != NULL)
        {
          figures.ceiling = chq_account_get_ceiling (self->account, type);
          figures.ordered = chq_account_get_ordered_this_year (self->account, type);
        }
      if (total != NULL)
        {
          figures.available = total->available;
          figures.reserved = total->reserved;
        }
      /* The wallet's totals count the vouchers used ever: the card says this year's. */
      figures.used = chq_vouchers_used_in_year (self->enrolments, type, year);
      figures.waiting = self->waiting[type];
      figures.expiring = chq_vouchers_count_expiring (batches, (int) type, &today, warning_days,
                                                      &figures.earliest_expiry);

      chq_wallet_card_set_figures (CHQ_WALLET_CARD (self->cards[type]), &figures);
      g_free (figures.earliest_expiry);

      shown = chq_vouchers_type_is_shown (figures.ceiling, total);
      gtk_widget_set_visible (gtk_widget_get_parent (self->cards[type]), shown);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vouchers.order",
                                 self->backend != NULL && self->account != NULL &&
                                 (chq_account_get_ceiling (self->account, CHQ_VOUCHER_TYPE_CF) > 0 ||
                                  chq_account_get_ceiling (self->account, CHQ_VOUCHER_TYPE_CFL) > 0 ||
                                  chq_account_get_ceiling (self->account, CHQ_VOUCHER_TYPE_ECO) > 0));
}

/* The batches, sorted as chq_vouchers_compare_batches() says. */
void
_chq_vouchers_page_update_batches (ChqVouchersPage *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; self->wallet != NULL && i < self->wallet->batches->len; i++)
    g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (self->wallet->batches, i)));

  g_list_store_splice (self->batch_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->batch_items)),
                       sorted->pdata, sorted->len);
  g_list_store_sort (self->batch_items, chq_vouchers_compare_batches, NULL);

  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->batches_scroller),
                                              MIN (sorted->len, ROWS_SHOWN) * ROW_HEIGHT_ESTIMATE);
  gtk_widget_set_visible (self->batches_empty_label, sorted->len == 0);
  gtk_widget_set_visible (self->batches_scroller, sorted->len > 0);
}

/* One row an order, named for screen readers (a GTK 4.8 list item cannot be): the orders
 * the service has open their payment instructions, and say so. */
static GtkWidget *
create_order_row_cb (gpointer item,
                     gpointer user_data)
{
  ChqVouchersPage *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *order_row = chq_order_row_new ();
  gboolean cancel_waiting = CHQ_IS_ORDER (item) &&
                            g_hash_table_contains (self->cancel_waiting,
                                                   chq_order_get_id (CHQ_ORDER (item)));
  gboolean opens;

  chq_order_row_set_item (CHQ_ORDER_ROW (order_row), item, cancel_waiting);
  opens = chq_order_row_get_opens_payment (CHQ_ORDER_ROW (order_row));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), order_row);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), opens);
  /* A row that does nothing is no Tab stop; its buttons still are. */
  gtk_widget_set_focusable (row, opens);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  chq_order_row_get_accessible_label (CHQ_ORDER_ROW (order_row)),
                                  -1);
  if (opens)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Opens its payment instructions"), -1);

  return row;
}

static void
setup_batch_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    ChqVouchersPage          *self)
{
  gtk_list_item_set_child (item, chq_batch_row_new ());
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_batch_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   ChqVouchersPage          *self)
{
  GDate today;

  _chq_vouchers_page_get_today (self, &today);
  chq_batch_row_set_batch (CHQ_BATCH_ROW (gtk_list_item_get_child (item)),
                           CHQ_VOUCHER_BATCH (gtk_list_item_get_item (item)),
                           &today, _chq_vouchers_page_get_warning_days (self));
}

/* Gives the two lists their rows: the order history's (a list box, so that each row can be
 * named) and the batches'. */
void
_chq_vouchers_page_init_lists (ChqVouchersPage *self)
{
  GtkListItemFactory *factory;

  gtk_list_box_bind_model (self->orders_view, G_LIST_MODEL (self->order_items),
                           create_order_row_cb, self, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_batch_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_batch_row_cb), self);
  gtk_list_view_set_factory (self->batches_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->batches_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->batch_items)))));
}
