/* chq-db.c: the SQLite helpers every database shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private files: the folder is 0700 and the database 0600 before the first byte is written
 * (the file is created empty with open(2) and O_EXCL-free mode 0600, then SQLite opens it);
 * SQLite gives its -wal and -shm files the mode of the database. Migrations: PRAGMA
 * user_version holds the schema's version; every step runs in its own transaction that also
 * sets the new version, so a crash leaves the previous version whole.
 */
#define G_LOG_DOMAIN "chq-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chq-db.h"

G_DEFINE_QUARK (chq-db-error-quark, chq_db_error)

/**
 * chq_db_error_get_reason:
 * @error: an error
 *
 * What SQLite calls the kind of failure @error is, for callers that report SQLite's failures
 * in a domain of their own with their own advice (the cache, the outbox).
 *
 * Returns: (nullable): SQLite's description of @error's kind, or %NULL when @error is not a
 *   %CHQ_DB_ERROR
 */
const char *
chq_db_error_get_reason (const GError *error)
{
  static const int sqlite_codes[] = {
    [CHQ_DB_ERROR_FAILED] = SQLITE_ERROR,
    [CHQ_DB_ERROR_IO] = SQLITE_IOERR,
    [CHQ_DB_ERROR_NOT_DATABASE] = SQLITE_NOTADB,
    [CHQ_DB_ERROR_CORRUPT] = SQLITE_CORRUPT,
    [CHQ_DB_ERROR_NEWER_SCHEMA] = SQLITE_ERROR,
    [CHQ_DB_ERROR_BUSY] = SQLITE_BUSY,
    [CHQ_DB_ERROR_FULL] = SQLITE_FULL,
    [CHQ_DB_ERROR_CONSTRAINT] = SQLITE_CONSTRAINT,
    [CHQ_DB_ERROR_READ_ONLY] = SQLITE_READONLY,
  };

  if (error == NULL || error->domain != CHQ_DB_ERROR)
    return NULL;
  if (error->code < 0 || error->code >= (int) G_N_ELEMENTS (sqlite_codes))
    return sqlite3_errstr (SQLITE_ERROR);

  return sqlite3_errstr (sqlite_codes[error->code]);
}

/**
 * chq_db_error_steal:
 * @error: (inout) (nullable): a return location holding an error, or not
 *
 * Takes a %CHQ_DB_ERROR out of @error, leaving it empty, so that the caller can set an
 * error of its own domain in its place (with chq_db_error_get_reason()).
 *
 * Returns: (transfer full) (nullable): the error taken, or %NULL when @error holds no
 *   %CHQ_DB_ERROR (it is then left as it is)
 */
GError *
chq_db_error_steal (GError **error)
{
  if (error == NULL || *error == NULL || (*error)->domain != CHQ_DB_ERROR)
    return NULL;

  return g_steal_pointer (error);
}

/* A folder or file that could not be made: EACCES and the like say to check the
 * permissions; anything else is an I/O failure. */
static gboolean
set_create_error (GError     **error,
                  int          saved_errno,
                  const char  *path,
                  gboolean     is_folder)
{
  if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
    g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_READ_ONLY,
                 is_folder ? _("Could not create the folder %s (%s). Check its permissions.")
                           : _("Could not open %s (%s). Check its permissions."),
                 path, g_strerror (saved_errno));
  else
    g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_IO,
                 is_folder ? _("Could not create the folder “%s”: %s. Check that you may write "
                               "in it.")
                           : _("Could not create the file “%s”: %s. Check that you may write in "
                               "its folder."),
                 path, g_strerror (saved_errno));
  return FALSE;
}

/* Creates @dir and its parents (0700); @make_private: an existing @dir is made 0700 too. */
static gboolean
make_dir (const char  *dir,
          gboolean     make_private,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0 || (make_private && g_chmod (dir, 0700) != 0))
    return set_create_error (error, errno, dir, TRUE);

  return TRUE;
}

/**
 * chq_db_ensure_private_dir:
 * @dir: a folder
 * @error: return location for a #GError
 *
 * Creates @dir and its parents; @dir itself gets mode 0700, also when it existed.
 *
 * Returns: whether @dir exists and is private
 */
gboolean
chq_db_ensure_private_dir (const char  *dir,
                           GError     **error)
{
  g_return_val_if_fail (dir != NULL, FALSE);

  return make_dir (dir, TRUE, error);
}

static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      return set_create_error (error, saved, path, FALSE);
    }
  close (fd);

  return TRUE;
}

/**
 * chq_db_open_private:
 * @path: the database file
 * @create: whether to create it when missing
 * @full_sync: whether every commit reaches the disk (WAL, synchronous=FULL)
 * @error: return location for a #GError
 *
 * Opens a database as a private file (folder 0700, file 0600) with foreign keys on and a busy
 * timeout.
 *
 * Returns: (transfer full): the connection, closed with chq_db_close()
 */
sqlite3 *
chq_db_open_private (const char  *path,
                     gboolean     create,
                     gboolean     full_sync,
                     GError     **error)
{
  return chq_db_open (path,
                      (create ? CHQ_DB_OPEN_CREATE : 0) | (full_sync ? CHQ_DB_OPEN_FULL_SYNC : 0),
                      error);
}

/**
 * chq_db_open:
 * @path: the database file
 * @flags: how to open it
 * @error: return location for a #GError
 *
 * chq_db_open_private() with its choices as flags, and one more: with
 * %CHQ_DB_OPEN_KEEP_DIR_MODE an existing folder keeps the mode its owner gave it (a new
 * one is still 0700).
 *
 * Returns: (transfer full): the connection, closed with chq_db_close()
 */
sqlite3 *
chq_db_open (const char      *path,
             ChqDbOpenFlags   flags,
             GError         **error)
{
  gboolean create = (flags & CHQ_DB_OPEN_CREATE) != 0;
  gboolean full_sync = (flags & CHQ_DB_OPEN_FULL_SYNC) != 0;
  g_autofree char *dir = NULL;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (create)
    {
      dir = g_path_get_dirname (path);
      if (!make_dir (dir, (flags & CHQ_DB_OPEN_KEEP_DIR_MODE) == 0, error) ||
          !create_private_file (path, error))
        return NULL;
    }
  else
    g_chmod (path, 0600);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      if (db == NULL)
        g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_IO,
                     _("Could not open “%s”: not enough memory."), path);
      else
        chq_db_set_error (error, db, rc, _("Could not open the database"));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 5000);
  sqlite3_extended_result_codes (db, 1);

  /* The first read tells a file that is not a database from one that is. */
  if (!chq_db_exec (db, "PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_schema;", error) ||
      (full_sync && !chq_db_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
                                  error)))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

/**
 * chq_db_close:
 * @db: (nullable): a connection
 *
 * Closes @db, finalizing what statements are left.
 */
void
chq_db_close (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

/**
 * chq_db_set_error:
 * @error: return location for a #GError
 * @db: (nullable): the connection the error happened on
 * @rc: SQLite's result code
 * @what: what was being done, translated
 *
 * Maps an SQLite result code to a #ChqDbError with a message that says what to do.
 *
 * Returns: %FALSE
 */
gboolean
chq_db_set_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_NOT_DATABASE,
                   _("%s: the file is not a Chéquier database."), what);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_CORRUPT,
                   _("%s: the database is damaged. Restore it from a backup."), what);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_BUSY,
                   _("%s: the database is in use by another program. Close it and try again."),
                   what);
      break;
    case SQLITE_FULL:
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_FULL,
                   _("%s: the disk is full. Free some space and try again."), what);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_READ_ONLY,
                   _("%s: the file cannot be opened for writing. Check its permissions."), what);
      break;
    case SQLITE_IOERR:
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_IO,
                   _("%s: the disk could not be read or written. Check the disk and try again."),
                   what);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_CONSTRAINT,
                   _("%s: the data breaks a rule of the database (%s)."), what, detail);
      break;
    default:
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_FAILED,
                   _("%s: unexpected database error (%s)."), what, detail);
      break;
    }

  return FALSE;
}

/**
 * chq_db_exec:
 * @db: a connection
 * @sql: one or more statements
 * @error: return location for a #GError
 *
 * Returns: whether every statement ran
 */
gboolean
chq_db_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return chq_db_set_error (error, db, rc, _("Could not use the database"));

  return TRUE;
}

/**
 * chq_db_prepare:
 * @db: a connection
 * @sql: one statement
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the statement, finalized by the caller
 */
sqlite3_stmt *
chq_db_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      chq_db_set_error (error, db, rc, _("Could not use the database"));
      return NULL;
    }

  return stmt;
}

/**
 * chq_db_step_done:
 * @db: the statement's connection
 * @stmt: a statement that returns no row
 * @error: return location for a #GError
 *
 * Runs @stmt to its end and resets it, so it can be bound and run again.
 *
 * Returns: whether it ran
 */
gboolean
chq_db_step_done (sqlite3       *db,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return chq_db_set_error (error, db, rc, _("Could not save the change"));

  return TRUE;
}

gboolean
chq_db_begin (sqlite3  *db,
              GError  **error)
{
  return chq_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
chq_db_commit (sqlite3  *db,
               GError  **error)
{
  return chq_db_exec (db, "COMMIT", error);
}

void
chq_db_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

void
chq_db_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
chq_db_column_dup_text (sqlite3_stmt *stmt,
                        int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/**
 * chq_db_get_user_version:
 * @db: a connection
 * @error: return location for a #GError
 *
 * Returns: the schema version (PRAGMA user_version), or -1 on error
 */
int
chq_db_get_user_version (sqlite3  *db,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      chq_db_set_error (error, db, rc, _("Could not read the database’s version"));
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

/**
 * chq_db_migrate:
 * @db: a connection
 * @steps: (array length=n_steps): the steps, versions 1, 2, 3… in order
 * @n_steps: how many
 * @error: return location for a #GError
 *
 * Runs every step above the database's version, each in a transaction that also sets
 * user_version. A database whose version is above the last step is refused and not touched.
 *
 * Returns: whether the schema is now the last step's
 */
gboolean
chq_db_migrate (sqlite3               *db,
                const ChqDbMigration  *steps,
                guint                  n_steps,
                GError               **error)
{
  int target = n_steps > 0 ? steps[n_steps - 1].version : 0;
  int version = chq_db_get_user_version (db, error);

  if (version < 0)
    return FALSE;

  if (version > target)
    {
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_NEWER_SCHEMA,
                   _("This database was written by a newer version of Chéquier (format %d; "
                     "this version knows up to %d). Update Chéquier to open it."),
                   version, target);
      return FALSE;
    }

  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *set_version = NULL;

      if (steps[i].version <= version)
        continue;

      g_assert (steps[i].version == (i == 0 ? 1 : steps[i - 1].version + 1));

      if (!chq_db_begin (db, error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %d", steps[i].version);
      if ((steps[i].sql != NULL && !chq_db_exec (db, steps[i].sql, error)) ||
          (steps[i].func != NULL && !steps[i].func (db, error)) ||
          !chq_db_exec (db, set_version, error) ||
          !chq_db_commit (db, error))
        {
          chq_db_rollback (db);
          return FALSE;
        }
      g_debug ("Database migrated to version %d", steps[i].version);
    }

  return TRUE;
}

/**
 * chq_db_check_integrity:
 * @db: a connection
 * @error: return location for a #GError
 *
 * Returns: whether PRAGMA integrity_check says "ok"
 */
gboolean
chq_db_check_integrity (sqlite3  *db,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = chq_db_prepare (db, "PRAGMA integrity_check", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return chq_db_set_error (error, db, rc, _("Could not check the database"));

  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_CORRUPT,
                   _("The database is damaged (%s)."), sqlite3_column_text (stmt, 0));
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_db_backup_to_file:
 * @db: a connection
 * @dest_path: the file to write; replaced if it exists
 * @error: return location for a #GError
 *
 * Copies the whole database with SQLite's online backup API into @dest_path, a private file
 * (0600). The copy is a plain database (journal mode DELETE), complete in one file.
 *
 * Returns: whether the copy is complete
 */
gboolean
chq_db_backup_to_file (sqlite3     *db,
                       const char  *dest_path,
                       GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (dest_path);
  if (!create_private_file (dest_path, error))
    return FALSE;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      chq_db_set_error (error, dest, rc, _("Could not write the backup"));
      sqlite3_close (dest);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", db, "main");
  if (backup == NULL)
    {
      chq_db_set_error (error, dest, sqlite3_errcode (dest), _("Could not write the backup"));
      sqlite3_close (dest);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      chq_db_set_error (error, dest, rc, _("Could not write the backup"));
      sqlite3_close (dest);
      g_unlink (dest_path);
      return FALSE;
    }

  /* The copy inherits the WAL mode of the source: make it one self-contained file. */
  if (!chq_db_exec (dest, "PRAGMA journal_mode = DELETE", error))
    {
      sqlite3_close (dest);
      g_unlink (dest_path);
      return FALSE;
    }

  rc = sqlite3_close (dest);
  if (rc != SQLITE_OK)
    return chq_db_set_error (error, NULL, rc, _("Could not write the backup"));

  return TRUE;
}
