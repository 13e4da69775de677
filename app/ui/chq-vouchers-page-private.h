/* chq-vouchers-page-private.h: the parts of the Vouchers page, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-collection-model.h"
#include "chq-page-binding.h"
#include "chq-voucher-notifier.h"
#include "chq-vouchers-page.h"

G_BEGIN_DECLS

/* The page shows what the store holds (account, wallet, orders, this year's enrolments
 * for the vouchers used this year) and what waits in the
 * outbox, and reads again after every "changed" of either. Writes are intents of the
 * backend; the sync sends them. */
struct _ChqVouchersPage
{
  AdwBin           parent_instance;

  ChqPageBinding  *binding;           /* owned: the backend, its reads and its signals */
  ChqBackend      *backend;           /* the binding's, nullable */
  GListModel      *outbox_model;      /* the binding's: the backend's waiting and refused
                                       * entries, nullable */
  GSettings       *settings;          /* owned */
  ChqVoucherNotifier *notifier;       /* owned */
  char            *today;             /* owned, nullable: "YYYY-MM-DD" fixed clock */
  const char      *state;

  ChqAccount      *account;           /* owned, nullable until read */
  ChqWallet       *wallet;            /* owned, nullable until read */
  ChqCollectionModel *order_model;    /* owned, nullable: the store's orders */
  ChqCollectionModel *enrolment_model; /* owned, nullable: the enrolments of the year of
                                        * today */
  GPtrArray       *orders;            /* owned, of ChqOrder: order_model's, nullable */
  GPtrArray       *enrolments;        /* owned, of ChqEnrolment: enrolment_model's, nullable */
  GHashTable      *cancel_waiting;    /* owned: ids of orders with a cancellation queued */
  GHashTable      *watched_entries;   /* owned: outbox ids of orders placed here, whose
                                       * payment instructions open once the service has them */
  guint            waiting[CHQ_N_VOUCHER_TYPES];

  GListStore      *order_items;       /* owned: ChqOutboxEntry and ChqOrder */
  GListStore      *batch_items;       /* owned: ChqVoucherBatch */
  GtkWidget       *cards[CHQ_N_VOUCHER_TYPES];

  GtkStack        *stack;
  AdwStatusPage   *empty_status;
  GtkWidget       *order_button;
  GtkFlowBox      *cards_box;
  GtkWidget       *orders_empty_label;
  GtkWidget       *orders_scroller;
  GtkListBox      *orders_view;
  GtkWidget       *batches_empty_label;
  GtkWidget       *batches_scroller;
  GtkListView     *batches_view;
};

/* GTK 4.8's list view asks for the height of the rows it has made so far, which is one at
 * first: the lists get room for a few rows and scroll beyond. */
#define ROW_HEIGHT_ESTIMATE 70
#define ROWS_SHOWN          5

/* chq-vouchers-page-view.c */
void  _chq_vouchers_page_get_today          (ChqVouchersPage *self,
                                             GDate           *out);
guint _chq_vouchers_page_get_warning_days   (ChqVouchersPage *self);
void  _chq_vouchers_page_init_lists         (ChqVouchersPage *self);
void  _chq_vouchers_page_update_cards       (ChqVouchersPage *self);
void  _chq_vouchers_page_update_batches     (ChqVouchersPage *self);

G_END_DECLS
