/* chq-register-backup.c: ChqRegister's back up, restore and backup summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Back up copies the live register with SQLite's online backup API into a temporary file
 * next to the destination, stamps it with the time, and renames it over the destination: a
 * backup file is either complete or absent. Restore validates the file first (read-only,
 * "immutable": it is never changed), copies it next to the register, brings an older
 * schema up to date on the copy, closes the register and renames the copy over it; any
 * error before the rename leaves the register as it was, open.
 */
#define G_LOG_DOMAIN "chq-register"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "chq-register-private.h"

static gboolean
count_rows (sqlite3     *db,
            const char  *sql,
            guint       *out,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return chq_db_set_error (error, db, sqlite3_errcode (db), _("Could not read the backup"));
  *out = sqlite3_column_int (stmt, 0);

  return TRUE;
}

static char *
read_meta_value (sqlite3    *db,
                 const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, "SELECT value FROM meta WHERE key = ?",
                                                 NULL);

  if (stmt == NULL)
    return NULL;
  chq_db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return chq_db_column_dup_text (stmt, 0);
}

static gboolean
set_damaged (GError     **error,
             const char  *path,
             GError      *cause)
{
  g_autofree char *name = g_filename_display_basename (path);

  g_set_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_DAMAGED,
               _("“%s” is not a Chéquier training register backup, or it is damaged (%s). "
                 "Choose another backup file; your register was not changed."),
               name, cause != NULL ? cause->message : _("no register found in it"));
  return FALSE;
}

/* Reads and checks the backup at @path without changing it. @expected: the enterprise number
 * it must belong to, or NULL for any. */
static ChqRegisterSummary *
validate_backup (const char  *path,
                 const char  *expected,
                 GError     **error)
{
  g_autoptr(ChqRegisterSummary) summary = g_new0 (ChqRegisterSummary, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *uri_ro = NULL;
  g_autofree char *saved_at = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_DAMAGED,
                   _("“%s” is not a file that can be read. Choose another backup file; your "
                     "register was not changed."), name);
      return NULL;
    }

  uri = g_filename_to_uri (path, NULL, error);
  if (uri == NULL)
    return NULL;
  uri_ro = g_strconcat (uri, "?immutable=1", NULL);
  rc = sqlite3_open_v2 (uri_ro, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      chq_db_set_error (&local_error, db, rc, _("Could not open the backup"));
      sqlite3_close (db);
      set_damaged (error, path, local_error);
      return NULL;
    }

  if (!chq_db_check_integrity (db, &local_error))
    {
      sqlite3_close (db);
      set_damaged (error, path, local_error);
      return NULL;
    }

  summary->schema_version = chq_db_get_user_version (db, &local_error);
  if (summary->schema_version < 0)
    {
      sqlite3_close (db);
      set_damaged (error, path, local_error);
      return NULL;
    }
  if (summary->schema_version > CHQ_REGISTER_SCHEMA_VERSION)
    {
      sqlite3_close (db);
      g_set_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_NEWER,
                   _("“%s” was made by a newer version of Chéquier. Update Chéquier to "
                     "restore it; your register was not changed."), name);
      return NULL;
    }

  summary->enterprise_number = read_meta_value (db, "enterprise_number");
  if (summary->schema_version < 1 || summary->enterprise_number == NULL)
    {
      sqlite3_close (db);
      set_damaged (error, path, NULL);
      return NULL;
    }

  if (expected != NULL && g_strcmp0 (summary->enterprise_number, expected) != 0)
    {
      g_set_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_WRONG_COMPANY,
                   _("“%s” is the training register of another company (enterprise number "
                     "%s). Choose a backup of this company; your register was not changed."),
                   name, summary->enterprise_number);
      sqlite3_close (db);
      return NULL;
    }

  if (!count_rows (db, "SELECT count(*) FROM worker_details", &summary->n_workers,
                   &local_error) ||
      !count_rows (db, "SELECT count(*) FROM trainings", &summary->n_trainings,
                   &local_error) ||
      !count_rows (db, "SELECT count(*) FROM jc_rules", &summary->n_jc_rules, &local_error) ||
      (summary->schema_version >= 2 &&
       !count_rows (db, "SELECT count(*) FROM plans", &summary->n_plans, &local_error)))
    {
      sqlite3_close (db);
      set_damaged (error, path, local_error);
      return NULL;
    }

  saved_at = read_meta_value (db, "saved_at");
  if (saved_at != NULL)
    summary->saved_at = g_date_time_new_from_iso8601 (saved_at, NULL);
  sqlite3_close (db);

  return g_steal_pointer (&summary);
}

/* Back up */

static gpointer
backup_job (ChqRegister  *self,
            sqlite3      *db,
            gpointer      input,
            GError      **error)
{
  const char *dest_path = input;
  g_autofree char *tmp_path = g_strconcat (dest_path, ".part", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *copy;

  if (db == NULL)
    return NULL;

  if (!chq_db_backup_to_file (db, tmp_path, error))
    return NULL;

  copy = chq_db_open_private (tmp_path, FALSE, FALSE, error);
  if (copy == NULL)
    {
      g_unlink (tmp_path);
      return NULL;
    }
  stmt = chq_db_prepare (copy, "INSERT OR REPLACE INTO meta (key, value) "
                         "VALUES ('saved_at', ?)", error);
  if (stmt != NULL)
    chq_db_bind_text (stmt, 1, stamp);
  if (stmt == NULL || !chq_db_step_done (copy, stmt, error))
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      chq_db_close (copy);
      g_unlink (tmp_path);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  chq_db_close (copy);

  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (dest_path);

      g_unlink (tmp_path);
      g_set_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_INVALID,
                   _("Could not write the backup “%s”: %s. Choose another place."),
                   name, g_strerror (saved));
      return NULL;
    }

  return GINT_TO_POINTER (TRUE);
}

/**
 * chq_register_backup_async:
 * @self: a #ChqRegister
 * @dest_path: the backup file to write (replaced if it exists)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the backup is complete
 * @user_data: data for @callback
 *
 * Writes the whole register, as it is once the calls made before this one are done, into
 * one private file (0600), with the time it was made.
 */
void
chq_register_backup_async (ChqRegister         *self,
                           const char          *dest_path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (dest_path != NULL);

  _chq_register_run_job (self, backup_job, g_strdup (dest_path), g_free, NULL,
                         chq_register_backup_async, cancellable, callback, user_data);
}

gboolean
chq_register_backup_finish (ChqRegister   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_backup_async, error) != NULL;
}

/* Restore */

static gboolean
copy_file (const char  *src,
           const char  *dest,
           GError     **error)
{
  g_autoptr(GFile) src_file = g_file_new_for_path (src);
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFileInputStream) in = NULL;

  in = g_file_read (src_file, NULL, error);
  if (in == NULL)
    return FALSE;
  out = g_file_replace (dest_file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (out == NULL)
    return FALSE;
  if (g_output_stream_splice (G_OUTPUT_STREAM (out), G_INPUT_STREAM (in),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
    return FALSE;

  g_chmod (dest, 0600);

  return TRUE;
}

static gpointer
restore_job (ChqRegister  *self,
             sqlite3      *db,
             gpointer      input,
             GError      **error)
{
  const char *src_path = input;
  const char *path = chq_register_get_path (self);
  const char *enterprise_number = chq_register_get_enterprise_number (self);
  g_autofree char *tmp_path = g_strconcat (path, ".restore", NULL);
  g_autofree char *wal = NULL;
  g_autoptr(ChqRegisterSummary) summary = NULL;
  sqlite3 *copy;
  sqlite3 *reopened;

  if (db == NULL)
    return NULL;

  summary = validate_backup (src_path, enterprise_number, error);
  if (summary == NULL)
    return NULL;

  /* The copy is brought up to date (an older backup) before the register is touched. */
  g_unlink (tmp_path);
  if (!copy_file (src_path, tmp_path, error))
    {
      g_unlink (tmp_path);
      return NULL;
    }
  copy = _chq_register_open_db (tmp_path, enterprise_number, error);
  if (copy == NULL ||
      !chq_db_exec (copy, "DELETE FROM meta WHERE key = 'saved_at'; "
                    "PRAGMA journal_mode = DELETE;", error))
    {
      chq_db_close (copy);
      g_unlink (tmp_path);
      return NULL;
    }
  if (sqlite3_close (copy) != SQLITE_OK)
    {
      g_unlink (tmp_path);
      chq_db_set_error (error, NULL, SQLITE_IOERR, _("Could not restore the backup"));
      return NULL;
    }

  /* Closing the register checkpoints and removes its WAL; then the rename replaces it. */
  db = _chq_register_steal_db (self);
  if (sqlite3_close (db) != SQLITE_OK)
    {
      g_unlink (tmp_path);
      _chq_register_set_db (self, db);
      g_set_error_literal (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_INVALID,
                           _("The training register is busy. Try again in a moment."));
      return NULL;
    }

  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      _chq_register_set_db (self, _chq_register_open_db (path, enterprise_number, NULL));
      g_set_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_INVALID,
                   _("Could not restore the backup: %s. Your register was not changed."),
                   g_strerror (saved));
      return NULL;
    }
  wal = g_strconcat (path, "-wal", NULL);
  g_unlink (wal);

  reopened = _chq_register_open_db (path, enterprise_number, error);
  if (reopened == NULL)
    return NULL;
  _chq_register_set_db (self, reopened);

  return GINT_TO_POINTER (TRUE);
}

/**
 * chq_register_restore_async:
 * @self: a #ChqRegister
 * @src_path: a backup made by chq_register_backup_async()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the register is replaced
 * @user_data: data for @callback
 *
 * Replaces the register with a backup, once the backup is checked: an SQLite file whose
 * integrity check passes, a register of this company, of a schema this code knows. A
 * refused file leaves the register as it was (errors CHQ_REGISTER_ERROR_DAMAGED,
 * _WRONG_COMPANY, _NEWER, with a message that says so).
 */
void
chq_register_restore_async (ChqRegister         *self,
                            const char          *src_path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CHQ_IS_REGISTER (self));
  g_return_if_fail (src_path != NULL);

  _chq_register_run_job (self, restore_job, g_strdup (src_path), g_free, NULL,
                         chq_register_restore_async, cancellable, callback, user_data);
}

gboolean
chq_register_restore_finish (ChqRegister   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _chq_register_finish_job (self, result, chq_register_restore_async, error) != NULL;
}

/* Summary */

static void
read_summary_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  ChqRegisterSummary *summary = validate_backup (task_data, NULL, &error);

  if (summary == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summary, (GDestroyNotify) chq_register_summary_free);
}

/**
 * chq_register_read_summary_async:
 * @path: a backup file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with what it holds
 * @user_data: data for @callback
 *
 * Says what a backup holds (company, counts, when it was made), checked as restore checks
 * it except for the company, so the UI can say what a restore would replace.
 */
void
chq_register_read_summary_async (const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (path != NULL);

  g_task_set_source_tag (task, chq_register_read_summary_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, read_summary_thread);
}

/**
 * chq_register_read_summary_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what the backup holds
 */
ChqRegisterSummary *
chq_register_read_summary_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
