/* chq-store.h: the local cache of what the service sent (SQLite, disposable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "chq-course-query.h"
#include "chq-course-row.h"
#include "chq-json.h"
#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_STORE_ERROR (chq_store_error_quark ())

typedef enum {
  CHQ_STORE_ERROR_FAILED,         /* SQLite failed (disk full, I/O, ...) */
  CHQ_STORE_ERROR_NEWER_SCHEMA,   /* made by a newer Chéquier: refused */
  CHQ_STORE_ERROR_INVALID_DATA,   /* an object the store cannot file (no id, bad JSON) */
} ChqStoreError;

GQuark chq_store_error_quark (void);

/* Collection names: the "changed" signal's detail/argument and the ETag keys.
 * Enrolments are kept per year; their ETag key is chq_store_enrolments_collection (year). */
#define CHQ_STORE_ACCOUNT    "account"
#define CHQ_STORE_COURSES    "courses"
#define CHQ_STORE_ORDERS     "orders"
#define CHQ_STORE_WALLET     "wallet"
#define CHQ_STORE_WORKERS    "workers"
#define CHQ_STORE_ENROLMENTS "enrolments"

#define CHQ_TYPE_STORE (chq_store_get_type ())

G_DECLARE_FINAL_TYPE (ChqStore, chq_store, CHQ, STORE, GObject)

/* Signal "changed" (const char *collection), detailed by the collection name, emitted on the
 * main context of the thread that opened the store, after a write committed. */

/* $XDG_CACHE_HOME/chequier/<first 16 hex of SHA-256 (service "\n" enterprise number)>.db */
char        *chq_store_path_for          (const char          *service,
                                          const char          *enterprise_number);
/* Opens (creating dir 0700 and file 0600, migrating) the cache at path. A corrupt file is
 * moved aside to <path>.corrupt-<timestamp> and a fresh one made (see was_rebuilt). */
ChqStore    *chq_store_open              (const char          *path,
                                          GError             **error);
const char  *chq_store_get_path          (ChqStore            *self);
/* TRUE when open found the file corrupt and started afresh: the caller does a full sync. */
gboolean     chq_store_was_rebuilt       (ChqStore            *self);
/* The schema version this code writes. */
int          chq_store_get_schema_version (void);

/* A page of courses made ready for the store (columns, JSON text, sessions) on any thread,
 * so that the writer only hands them to SQLite. */
typedef struct _ChqStagedCourses ChqStagedCourses;

ChqStagedCourses *chq_staged_courses_new           (JsonArray          *items,
                                                    GError            **error);
/* The same, each course's JSON text a span of the page's @text (kept) when found there. */
ChqStagedCourses *chq_staged_courses_new_from_text (JsonArray          *items,
                                                    GBytes             *text,
                                                    GError            **error);
/* From the courses the codec decoded from a page: their columns read from the model
 * objects, their JSON texts taken from @text when found there, else written by the codec. */
ChqStagedCourses *chq_staged_courses_new_from_courses (GPtrArray       *courses,
                                                    GBytes             *text,
                                                    GError            **error);
gboolean          chq_staged_courses_is_from_text  (ChqStagedCourses   *staged);
guint             chq_staged_courses_get_n_courses (ChqStagedCourses   *staged);
void              chq_staged_courses_free          (ChqStagedCourses   *staged);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqStagedCourses, chq_staged_courses_free)

/* Writes: callable from any thread (one writer at a time); each runs in one transaction. */
gboolean     chq_store_apply_courses_page      (ChqStore           *self,
                                                GPtrArray          *courses,
                                                const char * const *deleted_ids,
                                                const char         *next_cursor,
                                                GError            **error);
gboolean     chq_store_apply_staged_courses    (ChqStore           *self,
                                                ChqStagedCourses   *staged,
                                                const char * const *deleted_ids,
                                                const char         *next_cursor,
                                                GError            **error);
/* Same with the API's course objects as JSON (items of the feed page). */
gboolean     chq_store_apply_courses_page_json (ChqStore           *self,
                                                JsonArray          *items,
                                                const char * const *deleted_ids,
                                                const char         *next_cursor,
                                                GError            **error);
gboolean     chq_store_replace_orders          (ChqStore           *self,
                                                GPtrArray          *orders,
                                                GError            **error);
/* The wallet as the service sent it: its batches and its totals. */
gboolean     chq_store_replace_wallet          (ChqStore           *self,
                                                ChqWallet          *wallet,
                                                GError            **error);
gboolean     chq_store_replace_workers         (ChqStore           *self,
                                                GPtrArray          *workers,
                                                GError            **error);
/* Replaces the enrolments of one calendar year (the feed is fetched per year). */
gboolean     chq_store_replace_enrolments      (ChqStore           *self,
                                                int                 year,
                                                GPtrArray          *enrolments,
                                                GError            **error);
gboolean     chq_store_set_account             (ChqStore           *self,
                                                ChqAccount         *account,
                                                GError            **error);
/* etag NULL forgets it. */
gboolean     chq_store_set_etag                (ChqStore           *self,
                                                const char         *collection,
                                                const char         *etag,
                                                GError            **error);
char        *chq_store_get_etag                (ChqStore           *self,
                                                const char         *collection);
char        *chq_store_enrolments_collection   (int                 year);
/* The course feed cursor; NULL before the first page (then a full sync). */
char        *chq_store_get_cursor              (ChqStore           *self);
gboolean     chq_store_set_last_sync           (ChqStore           *self,
                                                GDateTime          *when,
                                                GError            **error);
GDateTime   *chq_store_get_last_sync           (ChqStore           *self);
/* Empties every table (for "Clear cache"); the next sync is a full one. */
gboolean     chq_store_clear                   (ChqStore           *self,
                                                GError            **error);

/* Reads, synchronous: for worker threads (the sync engine) and for tests. Each takes a read
 * connection of its own, so they may run while another thread writes. */
ChqAccount  *chq_store_get_account             (ChqStore           *self,
                                                GError            **error);
ChqCourse   *chq_store_get_course              (ChqStore           *self,
                                                const char         *id,
                                                GError            **error);
/* The stored JSON text of a course (as the service sent it); NULL if unknown. */
char        *chq_store_dup_course_json         (ChqStore           *self,
                                                const char         *id);
guint        chq_store_count_courses           (ChqStore           *self);
/* Newest first. */
GPtrArray   *chq_store_list_orders             (ChqStore           *self,
                                                GError            **error);
/* Batches by expiry, soonest first. */
GPtrArray   *chq_store_list_batches            (ChqStore           *self,
                                                GError            **error);
/* The stored wallet (batches and totals as sent); NULL without error if none yet. */
ChqWallet   *chq_store_get_wallet              (ChqStore           *self,
                                                GError            **error);
/* By last name, first name. */
GPtrArray   *chq_store_list_workers            (ChqStore           *self,
                                                GError            **error);
/* By start; @year 0: every year stored. */
GPtrArray   *chq_store_list_enrolments         (ChqStore           *self,
                                                int                 year,
                                                GError            **error);
/* The years that have enrolments stored, latest first (GArray of int, never NULL). */
GArray      *chq_store_list_enrolment_years    (ChqStore           *self,
                                                GError            **error);
/* Distinct values for the filter choices, sorted (GStrv, never NULL). */
GStrv        chq_store_list_course_languages   (ChqStore           *self);
GStrv        chq_store_list_course_provinces   (ChqStore           *self);
GStrv        chq_store_list_course_themes      (ChqStore           *self);

/* The same reads off the main thread (GTask worker with its own read connection). */
void         chq_store_query_courses_async     (ChqStore             *self,
                                                const ChqCourseQuery *query,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
ChqCourseResult *chq_store_query_courses_finish (ChqStore            *self,
                                                GAsyncResult         *result,
                                                GError              **error);
/* Synchronous form, for worker threads, benchmarks and tests. */
ChqCourseResult *chq_store_query_courses       (ChqStore             *self,
                                                const ChqCourseQuery *query,
                                                GCancellable         *cancellable,
                                                GError              **error);
void         chq_store_get_course_async        (ChqStore           *self,
                                                const char         *id,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
ChqCourse   *chq_store_get_course_finish       (ChqStore           *self,
                                                GAsyncResult       *result,
                                                GError            **error);
void         chq_store_get_account_async       (ChqStore           *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
ChqAccount  *chq_store_get_account_finish      (ChqStore           *self,
                                                GAsyncResult       *result,
                                                GError            **error);
void         chq_store_get_wallet_async        (ChqStore           *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
ChqWallet   *chq_store_get_wallet_finish       (ChqStore           *self,
                                                GAsyncResult       *result,
                                                GError            **error);
/* The list reads: each _finish returns a GPtrArray of model objects (owned, free func set). */
void         chq_store_list_orders_async       (ChqStore           *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
void         chq_store_list_batches_async      (ChqStore           *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
void         chq_store_list_workers_async      (ChqStore           *self,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
void         chq_store_list_enrolments_async   (ChqStore           *self,
                                                int                 year,
                                                GCancellable       *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer            user_data);
GPtrArray   *chq_store_list_finish             (ChqStore           *self,
                                                GAsyncResult       *result,
                                                GError            **error);
void         chq_store_list_enrolment_years_async (ChqStore           *self,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data);
GArray      *chq_store_list_enrolment_years_finish (ChqStore          *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);

/* Main thread only: the fields of one list row by store row id (a primary-key lookup,
 * well under a millisecond). The next session is the first starting on the day of today
 * (NULL = now) or later, as in the search. NULL if the row is gone. */
ChqCourseRow *chq_store_get_course_row         (ChqStore           *self,
                                                gint64              rowid,
                                                GDateTime          *today);

G_END_DECLS
