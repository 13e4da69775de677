/* chq-register.h: ChqRegister, the employer's durable local training register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-register-types.h"

G_BEGIN_DECLS

#define CHQ_REGISTER_ERROR (chq_register_error_quark ())

typedef enum {
  CHQ_REGISTER_ERROR_INVALID,          /* a value is not acceptable (field-specific message) */
  CHQ_REGISTER_ERROR_NOT_FOUND,        /* no such training or worker */
  CHQ_REGISTER_ERROR_WRONG_COMPANY,    /* a backup of another enterprise number */
  CHQ_REGISTER_ERROR_NEWER,            /* a backup made by a newer Chéquier */
  CHQ_REGISTER_ERROR_DAMAGED,          /* not a register, or damaged */
  CHQ_REGISTER_ERROR_CLOSED,           /* the register was closed */
} ChqRegisterError;

GQuark chq_register_error_quark (void);

/* The schema version this code writes. */
#define CHQ_REGISTER_SCHEMA_VERSION 2

#define CHQ_TYPE_REGISTER (chq_register_get_type ())
G_DECLARE_FINAL_TYPE (ChqRegister, chq_register, CHQ, REGISTER, GObject)

/* $XDG_DATA_HOME/chequier/register-<enterprise number>.db */
char            *chq_register_default_path        (const char           *enterprise_number);

/* Opens (creating it) the register of @enterprise_number at @path (NULL: the default path).
 * Every call below runs on the register's own worker thread, in order. */
void             chq_register_open_async          (const char           *enterprise_number,
                                                   const char           *path,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
ChqRegister     *chq_register_open_finish         (GAsyncResult         *result,
                                                   GError              **error);

const char      *chq_register_get_enterprise_number (ChqRegister        *self);
const char      *chq_register_get_path            (ChqRegister          *self);

/* Everything at once (settings, details, trainings, rules, plans). */
void             chq_register_load_async          (ChqRegister          *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
ChqRegisterData *chq_register_load_finish         (ChqRegister          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Worker details. get: NULL without error when the worker has none. */
void              chq_register_get_details_async   (ChqRegister          *self,
                                                    const char           *worker_key,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
ChqWorkerDetails *chq_register_get_details_finish  (ChqRegister          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
/* Checks them (chq_worker_details_check()) and stores them (insert or replace). */
void              chq_register_save_details_async  (ChqRegister            *self,
                                                    const ChqWorkerDetails *details,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
gboolean          chq_register_save_details_finish (ChqRegister          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
/* Deletes a worker's details and trainings; returns the details deleted (NULL when there
 * were none) — the trainings can be listed first to undo. */
void              chq_register_delete_details_async  (ChqRegister          *self,
                                                      const char           *worker_key,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
ChqWorkerDetails *chq_register_delete_details_finish (ChqRegister          *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
/* A worker created offline got its id from the service: its details and trainings,
 * stored under @old_key (the outbox entry's client UUID), move to @new_key. Nothing under
 * @old_key is fine. If @new_key already has details, those are kept and @old_key's are
 * dropped (trainings always move). Returns whether anything moved. */
void              chq_register_rekey_worker_async  (ChqRegister          *self,
                                                    const char           *old_key,
                                                    const char           *new_key,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean          chq_register_rekey_worker_finish (ChqRegister          *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* Trainings added by hand. @worker_key NULL: every worker; @year 0: every year. */
void         chq_register_list_trainings_async   (ChqRegister          *self,
                                                  const char           *worker_key,
                                                  int                   year,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray   *chq_register_list_trainings_finish  (ChqRegister          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Adds (id 0: a new id; id > 0: that id, to undo a delete) or, for update, replaces the
 * training with the same id. Checked with chq_training_check(). Returns the stored
 * training (with its id). */
void         chq_register_add_training_async     (ChqRegister          *self,
                                                  const ChqTraining    *training,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ChqTraining *chq_register_add_training_finish    (ChqRegister          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void         chq_register_update_training_async  (ChqRegister          *self,
                                                  const ChqTraining    *training,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ChqTraining *chq_register_update_training_finish (ChqRegister          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* Returns the training deleted: give it back to add_training to undo. */
void         chq_register_delete_training_async  (ChqRegister          *self,
                                                  gint64                id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ChqTraining *chq_register_delete_training_finish (ChqRegister          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Company settings. */
void     chq_register_save_settings_async  (ChqRegister               *self,
                                            const ChqTrainingSettings *settings,
                                            GCancellable              *cancellable,
                                            GAsyncReadyCallback        callback,
                                            gpointer                   user_data);
gboolean chq_register_save_settings_finish (ChqRegister               *self,
                                            GAsyncResult              *result,
                                            GError                   **error);

/* Joint-committee rules: save replaces the rule with the same number (and its growth
 * path); delete returns the rule deleted (NULL when none). */
void       chq_register_save_jc_rule_async    (ChqRegister          *self,
                                               const ChqJcRule      *rule,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean   chq_register_save_jc_rule_finish   (ChqRegister          *self,
                                               GAsyncResult         *result,
                                               GError              **error);
void       chq_register_delete_jc_rule_async  (ChqRegister          *self,
                                               const char           *number,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
ChqJcRule *chq_register_delete_jc_rule_finish (ChqRegister          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* The training plan of a year: save replaces that year's plan. */
void     chq_register_save_plan_async  (ChqRegister           *self,
                                        const ChqTrainingPlan *plan,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data);
gboolean chq_register_save_plan_finish (ChqRegister           *self,
                                        GAsyncResult          *result,
                                        GError               **error);

/* Back up: the whole register into @dest_path (0600) with SQLite's online backup. */
void     chq_register_backup_async   (ChqRegister          *self,
                                      const char           *dest_path,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean chq_register_backup_finish  (ChqRegister          *self,
                                      GAsyncResult         *result,
                                      GError              **error);
/* Restore: checks @src_path (an SQLite file, integrity_check, the same enterprise number,
 * a schema not newer than this code), then replaces the register with it atomically. On
 * any error the current register is left as it was. */
void     chq_register_restore_async  (ChqRegister          *self,
                                      const char           *src_path,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean chq_register_restore_finish (ChqRegister          *self,
                                      GAsyncResult         *result,
                                      GError              **error);
/* What a backup file holds (it is validated as restore does, except for the company). */
void                chq_register_read_summary_async  (const char           *path,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
ChqRegisterSummary *chq_register_read_summary_finish (GAsyncResult         *result,
                                                      GError              **error);

/* Demo: fills the register with the demo company's local details and a few trainings no
 * voucher paid for, dated from @today (the sandbox's today). @workers: the ChqWorker
 * objects of the demo company (matched by name). Replaces what an earlier seed left. */
void     chq_register_seed_demo_async    (ChqRegister          *self,
                                          GPtrArray            *workers,
                                          const GDate          *today,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean chq_register_seed_demo_finish   (ChqRegister          *self,
                                          GAsyncResult         *result,
                                          GError              **error);
/* Leave Demo: removes every row the demo added. */
void     chq_register_remove_demo_async  (ChqRegister          *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean chq_register_remove_demo_finish (ChqRegister          *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
