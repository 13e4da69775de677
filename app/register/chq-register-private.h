/* chq-register-private.h: what the files of ChqRegister share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-db.h"
#include "chq-register.h"

G_BEGIN_DECLS

/* A job runs on the register's worker thread with its connection; it returns the task's
 * result (non-NULL on success: GINT_TO_POINTER (TRUE) for a plain success). */
typedef gpointer (*ChqRegisterJobFunc) (ChqRegister  *self,
                                        sqlite3      *db,
                                        gpointer      input,
                                        GError      **error);

void      _chq_register_run_job        (ChqRegister         *self,
                                        ChqRegisterJobFunc   func,
                                        gpointer             input,
                                        GDestroyNotify       input_free,
                                        GDestroyNotify       result_free,
                                        gpointer             source_tag,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gpointer  _chq_register_finish_job     (ChqRegister         *self,
                                        GAsyncResult        *result,
                                        gpointer             source_tag,
                                        GError             **error);

/* The thread the jobs run on (NULL before the first), for tests. */
GThread  *_chq_register_get_worker_thread (ChqRegister     *self);

/* The worker thread's connection is replaced by restore. */
sqlite3  *_chq_register_steal_db      (ChqRegister         *self);
void      _chq_register_set_db        (ChqRegister         *self,
                                       sqlite3             *db);

/* The schema's steps (version 1, 2…), for the register and its tests. */
extern const ChqDbMigration _chq_register_migrations[];
extern const guint          _chq_register_n_migrations;

/* Opens @path, migrates it and checks it belongs to @enterprise_number (a new file is given
 * it). */
sqlite3  *_chq_register_open_db       (const char          *path,
                                       const char          *enterprise_number,
                                       GError             **error);

/* Dates as stored: "YYYY-MM-DD", NULL when @date is cleared. */
char     *_chq_register_date_to_text  (const GDate         *date);
void      _chq_register_date_from_text (const char         *text,
                                        GDate              *date);

/* Row I/O shared by load, rekey and demo (on the worker thread). */
gboolean  _chq_register_insert_details (sqlite3               *db,
                                        const ChqWorkerDetails *details,
                                        GError               **error);
gint64    _chq_register_insert_training (sqlite3           *db,
                                         const ChqTraining *training,
                                         GError           **error);
gboolean  _chq_register_insert_jc_rule (sqlite3              *db,
                                        const ChqJcRule      *rule,
                                        gboolean              demo,
                                        GError              **error);
gboolean  _chq_register_insert_plan    (sqlite3               *db,
                                        const ChqTrainingPlan *plan,
                                        gboolean               demo,
                                        GError               **error);
gboolean  _chq_register_write_settings (sqlite3                   *db,
                                        const ChqTrainingSettings *settings,
                                        GError                   **error);
extern const char _chq_register_details_columns[];
extern const char _chq_register_training_columns[];
ChqWorkerDetails *_chq_register_details_from_row (sqlite3_stmt *stmt);
ChqTraining      *_chq_register_training_from_row (sqlite3_stmt *stmt);
/* @worker_key NULL: every worker; @year 0: every year. */
gboolean  _chq_register_read_trainings (sqlite3     *db,
                                        const char  *worker_key,
                                        int          year,
                                        GPtrArray   *out,
                                        GError     **error);
ChqRegisterData *_chq_register_read_all (sqlite3          *db,
                                         const char       *enterprise_number,
                                         GError          **error);

G_END_DECLS
