/* chq-sync.h: sends the outbox and refreshes the store from the service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-outbox.h"
#include "chq-store.h"

G_BEGIN_DECLS

typedef struct _ChqClient ChqClient;

/* IDLE: the last run succeeded (or none ran yet); SYNCING: a run is going; OFFLINE: the
 * service could not be reached (the app shows the cached data and the time of the last
 * successful sync); ERROR: the service answered with an error (see the error message);
 * UNAUTHORIZED: the session expired, the app asks to sign in again. */
typedef enum {
  CHQ_SYNC_STATE_IDLE,
  CHQ_SYNC_STATE_SYNCING,
  CHQ_SYNC_STATE_OFFLINE,
  CHQ_SYNC_STATE_ERROR,
  CHQ_SYNC_STATE_UNAUTHORIZED,
} ChqSyncState;

/* Pages of the course feed. */
#define CHQ_SYNC_COURSES_PAGE_SIZE 1000

#define CHQ_TYPE_SYNC_STATE (chq_sync_state_get_type ())
#define CHQ_TYPE_SYNC       (chq_sync_get_type ())

GType chq_sync_state_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (ChqSync, chq_sync, CHQ, SYNC, GObject)

ChqSyncState  chq_sync_state_for_error      (const GError        *error);

ChqSync      *chq_sync_new                  (ChqClient           *client,
                                             ChqStore            *store,
                                             ChqOutbox           *outbox,
                                             const char          *account_key);
ChqSyncState  chq_sync_get_state            (ChqSync             *self);
double        chq_sync_get_fraction         (ChqSync             *self);
const char   *chq_sync_get_activity         (ChqSync             *self);
GDateTime    *chq_sync_get_last_success     (ChqSync             *self);
const char   *chq_sync_get_error_message    (ChqSync             *self);
gboolean      chq_sync_is_running           (ChqSync             *self);
/* The enrolments of this year, the one before and the one after are refreshed; 0 = the
 * local date's. */
void          chq_sync_set_current_year     (ChqSync             *self,
                                             int                  year);

void          chq_sync_run_async            (ChqSync             *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      chq_sync_run_finish           (ChqSync             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void          chq_sync_request              (ChqSync             *self);
void          chq_sync_cancel               (ChqSync             *self);
void          chq_sync_start_periodic       (ChqSync             *self,
                                             guint                minutes);
void          chq_sync_stop_periodic        (ChqSync             *self);

G_END_DECLS
