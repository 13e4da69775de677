/* chq-workers-page-private.h: the parts of the Workers page, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-collection-model.h"
#include "chq-page-binding.h"
#include "chq-workers-page.h"

G_BEGIN_DECLS

/* Bookings are kept per calendar year: last year's, this year's and next year's are shown
 * (a booking made in December is often for a session in January). */
#define N_BOOKING_YEARS 3

struct _ChqWorkersPage
{
  AdwBin              parent_instance;

  ChqPageBinding     *binding;        /* owned: the backend, its reads and its signals */
  ChqBackend         *backend;        /* the binding's, nullable */
  GListModel         *entries;        /* the binding's, nullable: the outbox's entries for
                                       * the UI */

  ChqCollectionModel *workers;        /* owned, nullable */
  GtkCustomFilter    *worker_filter;  /* owned: archived or not */
  GtkFilterListModel *worker_list_model; /* owned */
  GtkCustomFilter    *pending_worker_filter; /* owned: creations in the outbox */
  GtkFilterListModel *pending_workers; /* owned */
  GListStore         *worker_parts;   /* owned, of GListModel */
  GtkFlattenListModel *worker_items;  /* owned */
  GtkSingleSelection *worker_selection; /* owned */

  ChqCollectionModel *enrolments[N_BOOKING_YEARS]; /* owned, nullable */
  GtkCustomFilter    *pending_booking_filter; /* owned */
  GtkFilterListModel *pending_bookings; /* owned */
  GListStore         *booking_parts;  /* owned, of GListModel */
  GtkFlattenListModel *booking_items; /* owned */
  GtkCustomFilter    *booking_filter; /* owned: the selected worker's */
  GtkFilterListModel *bookings;       /* owned */
  GtkNoSelection     *booking_selection; /* owned */
  GHashTable         *course_titles;  /* owned: course id -> title, for waiting bookings */
  GHashTable         *titles_asked;   /* owned: course ids read or being read */

  GHashTable         *bound_rows;     /* owned: ChqWorkerRow or ChqBookingRow ->
                                       * GtkListItem, unowned */

  char               *selected_id;    /* owned, nullable: the worker shown in the detail */
  char               *detail_state;   /* owned, nullable */
  gboolean            show_archived;
  gboolean            one_worker;     /* a self-employed account: its holder only */
  gboolean            items_changing; /* the list is being replaced: keep selected_id */
  const char         *state;
  GtkWindow          *dialog;         /* weak: the dialog opened last */

  GtkStack           *page_stack;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkStack           *list_stack;
  GtkListView        *worker_list;
  GtkLabel           *holder_label;
  GtkCheckButton     *archived_check;
  GtkStack           *detail_stack;
  GtkButton          *back_button;
  GtkLabel           *name_label;
  GtkLabel           *status_label;
  GtkLabel           *eligibility_label;
  GtkLabel           *niss_label;
  GtkLabel           *email_label;
  GtkLabel           *hours_label;
  GtkLabel           *detail_state_label;
  GtkButton          *edit_button;
  GtkButton          *archive_button;
  GtkButton          *dismiss_button;
  GtkStack           *bookings_stack;
  GtkListView        *booking_list;
};

/* The files of the page call downwards only: chq-workers-page.c calls the detail and the
 * rows, the detail calls the rows; no file calls one above it. */

/* chq-workers-page-detail.c: the page's state, the worker shown and the detail pane. */
void            _chq_workers_page_update_state             (ChqWorkersPage *self);
void            _chq_workers_page_set_selected_id          (ChqWorkersPage *self,
                                                            const char     *id);
ChqWorker      *_chq_workers_page_get_selected_worker      (ChqWorkersPage *self);
void            _chq_workers_page_show_detail              (ChqWorkersPage *self);
void            _chq_workers_page_select_first_if_unfolded (ChqWorkersPage *self);
void            _chq_workers_page_on_selection_changed     (ChqWorkersPage *self);
void            _chq_workers_page_on_items_changing        (ChqWorkersPage *self);
void            _chq_workers_page_on_items_changed         (ChqWorkersPage *self);
void            _chq_workers_page_on_bookings_changed      (ChqWorkersPage *self);

/* chq-workers-page-rows.c: the rows of the two lists and the outbox entries they show. */
ChqOutboxEntry *_chq_workers_page_find_worker_entry        (ChqWorkersPage *self,
                                                            const char     *worker_id);
ChqOutboxEntry *_chq_workers_page_find_booking_entry       (ChqWorkersPage *self,
                                                            const char     *enrolment_id);
const char     *_chq_workers_page_course_title_for_entry   (ChqWorkersPage *self,
                                                            ChqOutboxEntry *entry);
void            _chq_workers_page_init_rows                (ChqWorkersPage *self);
void            _chq_workers_page_rebind_rows              (ChqWorkersPage *self);

G_END_DECLS
