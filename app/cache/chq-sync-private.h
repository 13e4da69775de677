/* chq-sync-private.h: what the parts of ChqSync share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ChqSync is split by job: chq-sync.c is the engine (the object, its runs, the store
 * writes), chq-sync-steps.c the table of the steps of a run and the collections fetched
 * whole, chq-sync-courses.c the course feed and chq-sync-outbox.c the sending of the
 * outbox. The steps call down into the engine; the engine reaches them only through the
 * table.
 */
#pragma once

#include "chq-client.h"
#include "chq-sync.h"

G_BEGIN_DECLS

/* The steps of a run, in order: the index of each in _chq_sync_steps. */
typedef enum {
  CHQ_SYNC_STEP_OUTBOX,
  CHQ_SYNC_STEP_ACCOUNT,
  CHQ_SYNC_STEP_COURSES,
  CHQ_SYNC_STEP_ORDERS,
  CHQ_SYNC_STEP_WALLET,
  CHQ_SYNC_STEP_WORKERS,
  CHQ_SYNC_STEP_ENROLMENTS_THIS_YEAR,
  CHQ_SYNC_STEP_ENROLMENTS_LAST_YEAR,
  CHQ_SYNC_STEP_ENROLMENTS_NEXT_YEAR,
  CHQ_SYNC_N_STEPS,
} ChqSyncStepId;

typedef struct _ChqSyncRun   ChqSyncRun;
typedef struct _ChqSyncWrite ChqSyncWrite;

/* One step of a run. The engine sets the fraction and the activity, then calls start(),
 * which asks the service and ends with _chq_sync_run_save() (its answer goes to the
 * store, then the next step, or the write's `then`), _chq_sync_run_next_step() or _chq_sync_run_finish(). */
typedef struct {
  const char  *name;          /* for debug messages */
  double       fraction;      /* where the run stands when the step starts; < 0: unchanged */
  const char  *activity;      /* nullable, untranslated (N_()): what the step shows */
  int          year_offset;   /* enrolments: the year fetched, from the current one */
  void       (*start) (ChqSyncRun *run);
  /* On the writer's thread: writes a ChqSyncWrite of this step to the store (its ETag is
   * kept afterwards by the engine). NULL for a step that writes nothing this way. */
  gboolean   (*apply) (ChqStore      *store,
                       ChqSyncWrite  *write,
                       GError       **error);
} ChqSyncStep;

extern const ChqSyncStep _chq_sync_steps[CHQ_SYNC_N_STEPS];

struct _ChqSync
{
  GObject          parent_instance;

  ChqClient       *client;          /* owned */
  ChqStore        *store;           /* owned */
  ChqOutbox       *outbox;          /* owned */
  char            *account_key;     /* owned */

  ChqSyncState     state;
  double           fraction;
  char            *activity;        /* owned, translated; "" when idle */
  char            *error_message;   /* owned, nullable */
  GDateTime       *last_success;    /* owned, nullable */
  int              current_year;    /* 0: the local date's */

  ChqSyncRun      *run;             /* the run going, or NULL */
  GPtrArray       *queued;          /* owned: GTasks waiting for the next run */
  gboolean         again;           /* a run was asked for while one was going */

  guint            periodic_id;
  GNetworkMonitor *monitor;         /* owned, nullable: set while periodic */
  gboolean         network_available;
};

struct _ChqSyncRun
{
  ChqSync        *self;             /* owned: the run keeps the engine alive */
  GPtrArray      *tasks;            /* owned: the GTasks this run answers */
  GCancellable   *cancellable;      /* owned */
  ChqSyncState    state_before;
  ChqSyncStepId   step;
  int             year;
  char           *since;            /* owned, nullable: the cursor of the page asked for */
  guint           n_pages;
  guint           n_courses;
  guint           n_to_send;
  guint           n_sent;
  gboolean        restarted;        /* the store was emptied for a full sync in this run */
  /* The course feed is pipelined: page N+1 is asked for as soon as page N has arrived
   * (with the cursor read from its text), while page N is parsed, decoded and staged (its
   * rows made ready for the store) on the client's worker thread and page N-1 written; at
   * most two requests, one page waiting and one write. Pages are handled and written in
   * feed order, each with its cursor in the same transaction (chq-sync-courses.c). */
  GQueue          fetches;          /* of page requests, oldest first: not handled yet; empty
                                     * whenever the course step is left */
  gboolean        writing;          /* a page is being written */
  gboolean        fetched_last;     /* the page with more=false has arrived */
  ChqSyncWrite   *waiting;          /* owned, nullable: a page fetched, not yet written */
  GError         *fetch_error;      /* owned, nullable: handled once the writer is idle */
  GError         *write_error;      /* owned, nullable: ends the run once all is idle */
  ChqOutboxEntry *entry;            /* owned, nullable: the entry on its way */
};

/* What a step brings back, written to the store on a GTask thread, one write at a time. */
struct _ChqSyncWrite
{
  ChqSyncStepId     step;
  ChqSyncStepId     then;        /* _chq_sync_run_save(): the step to go on with */
  char             *collection;  /* owned: the ETag key */
  char             *etag;        /* owned, nullable: NULL forgets the old one */
  int               year;
  ChqAccount       *account;     /* owned */
  GPtrArray        *objects;     /* owned: orders, workers or enrolments */
  ChqWallet        *wallet;      /* owned */
  ChqCoursesPage   *page;        /* owned */
  ChqStagedCourses *staged;      /* owned, nullable: the page's items made ready for the store */
  char             *cursor;      /* owned, nullable: the cursor to keep after the page */
  GDateTime        *last_sync;   /* owned: set when the run succeeded */
  gboolean          clear;       /* empty the store (the feed no longer knows our cursor) */
};

void          _chq_sync_set_fraction           (ChqSync              *self,
                                                double                fraction);
void          _chq_sync_set_activity           (ChqSync              *self,
                                                const char           *activity);

ChqSyncWrite *_chq_sync_write_new              (ChqSyncRun           *run,
                                                const char           *collection,
                                                char                 *etag);
void          _chq_sync_write_free             (ChqSyncWrite         *write);
void          _chq_sync_write_async            (ChqSyncRun           *run,
                                                ChqSyncWrite         *write,
                                                GAsyncReadyCallback   callback);

void          _chq_sync_run_goto               (ChqSyncRun           *run,
                                                ChqSyncStepId         step);
void          _chq_sync_run_next_step          (ChqSyncRun           *run);
void          _chq_sync_run_save               (ChqSyncRun           *run,
                                                ChqSyncWrite         *write);
gboolean      _chq_sync_run_handle_fetch_error (ChqSyncRun           *run,
                                                GError               *error);
void          _chq_sync_run_finish             (ChqSyncRun           *run,
                                                const GError         *error);

/* The steps that have a file of their own. */
void          _chq_sync_courses_start          (ChqSyncRun           *run);
gboolean      _chq_sync_courses_apply          (ChqStore             *store,
                                                ChqSyncWrite         *write,
                                                GError              **error);
void          _chq_sync_outbox_start           (ChqSyncRun           *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqSyncWrite, _chq_sync_write_free)

G_END_DECLS
