/* chq-hours-page-private.h: what the files of ChqHoursPage share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-deadlines-view.h"
#include "chq-docs.h"
#include "chq-hours-chart.h"
#include "chq-hours-page.h"
#include "chq-page-binding.h"
#include "chq-register-link.h"
#include "chq-trainings-view.h"

G_BEGIN_DECLS

enum {
  TOTAL_HOURS_ATTENDED,
  TOTAL_HOURS_BOOKED,
  TOTAL_VOUCHERS_USED,
  TOTAL_COMPANY_PAID,
  TOTAL_REGION_ADDED,
  TOTAL_WORKERS_BEHIND,
  N_TOTALS
};

typedef enum {
  CELL_TITLE,     /* a title and a subtitle; the row's accessible label */
  CELL_NUMBER,    /* right-aligned figures */
  CELL_PROGRESS,  /* a level bar and its text */
} CellKind;

struct _ChqHoursPage
{
  AdwBin           parent_instance;

  ChqPageBinding  *binding;          /* owned: the backend, its reads and exports, its
                                      * signals */
  ChqBackend      *backend;          /* the binding's, nullable */
  GSettings       *settings;         /* owned */
  GListModel      *outbox_model;     /* the binding's, nullable: the account's unsent writes */

  GDateTime       *today;            /* owned, nullable: a fixed clock (tests); else the real one */
  int              current_year;     /* the account's year (or today's) */
  int              year;             /* the year shown */
  GArray          *data_years;       /* owned, of int: the years with bookings stored */
  char            *company_name;     /* owned, nullable */
  ChqAccount      *account;          /* owned, nullable: the last read */
  GPtrArray       *workers;          /* owned, nullable: the last read */
  GPtrArray       *enrolments;       /* owned, nullable: the last read, of year */
  ChqHoursReport  *report;           /* owned, nullable */
  guint            loads;            /* reads under way */
  gboolean         reload_queued;    /* a change came while reading */
  guint            exports;          /* exports under way */
  GtkFileChooserNative *chooser;     /* owned, nullable: the open file chooser */

  ChqRegisterLink *link;             /* owned, nullable: the account's register */
  gulong           link_register_id;
  gulong           link_changed_id;
  ChqTrainingYear *training_year;    /* owned, nullable: the year with the register's data */
  guint            training_loads;   /* year models being built */
  guint            training_serial;  /* the last build started: older results are dropped */
  GArray          *register_years;   /* owned, nullable: years with trainings in the register */

  GListStore      *workers_model;    /* owned, of ChqHoursRow */
  GListStore      *courses_model;    /* owned, of ChqHoursRow */
  GListStore      *months_model;     /* owned, of ChqHoursRow */
  GtkLabel        *total_values[N_TOTALS];
  GtkLabel        *total_captions[N_TOTALS];
  gboolean         updating_years;

  /* Template children. */
  GtkStack        *stack;
  AdwStatusPage   *empty_status;
  GtkDropDown     *year_dropdown;
  GtkStringList   *years;
  GtkMenuButton   *export_button;
  GtkFlowBox      *totals_box;
  GtkLabel        *summary_label;
  GtkLabel        *pending_label;
  ChqDeadlinesView *deadlines_view;
  ChqTrainingsView *trainings_view;
  GtkToggleButton *trainings_button;
  GtkStack        *views;
  GtkToggleButton *workers_button;
  GtkToggleButton *courses_button;
  GtkToggleButton *months_button;
  GtkColumnView   *workers_view;
  GtkColumnView   *courses_view;
  GtkColumnView   *months_view;
  ChqHoursChart   *chart;
};


/* The files of the page call downwards only: chq-hours-page.c calls the register's side,
 * which calls the tables and the exports, which call the state; no file calls one above. */

/* chq-hours-page-register.c: the register's side of the page. */
void     _chq_hours_page_connect_register    (ChqHoursPage *self);
void     _chq_hours_page_disconnect_register (ChqHoursPage *self);
void     _chq_hours_page_load_training_year  (ChqHoursPage *self);
void     _chq_hours_page_apply_credits       (ChqHoursPage *self);

/* chq-hours-page-tables.c */
void     _chq_hours_page_setup_tables        (ChqHoursPage *self);
void     _chq_hours_page_show_report         (ChqHoursPage *self);

/* chq-hours-page-exports.c: the documents and files the page writes. */
void     _chq_hours_page_class_init_exports  (GtkWidgetClass *widget_class);
void     _chq_hours_page_update_actions      (ChqHoursPage *self);
void     _chq_hours_page_close_chooser       (ChqHoursPage *self);

/* chq-hours-page-state.c: the page's "now" (chq_hours_page_dup_today()), the account's
 * kind and the years offered. */
gboolean _chq_hours_page_is_self_employed    (ChqHoursPage *self);
/* The years offered, latest first (transfer full). */
GArray  *_chq_hours_page_offered_years       (ChqHoursPage *self);
gboolean _chq_hours_page_year_is_offered     (ChqHoursPage *self,
                                              int           year);
void     _chq_hours_page_update_years        (ChqHoursPage *self);

G_END_DECLS
