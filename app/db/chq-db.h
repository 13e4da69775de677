/* chq-db.h: the SQLite helpers every database shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CHQ_DB_ERROR (chq_db_error_quark ())

typedef enum {
  CHQ_DB_ERROR_FAILED,        /* any other SQLite error */
  CHQ_DB_ERROR_IO,            /* the file or its folder could not be created, read or written */
  CHQ_DB_ERROR_NOT_DATABASE,  /* the file is not an SQLite database */
  CHQ_DB_ERROR_CORRUPT,       /* the database is damaged */
  CHQ_DB_ERROR_NEWER_SCHEMA,  /* made by a newer version of Chéquier */
  CHQ_DB_ERROR_BUSY,          /* locked by another program */
  CHQ_DB_ERROR_FULL,          /* the disk is full */
  CHQ_DB_ERROR_CONSTRAINT,    /* a row breaks a rule of the schema */
  CHQ_DB_ERROR_READ_ONLY,     /* the file cannot be written */
} ChqDbError;

GQuark        chq_db_error_quark         (void);
/* SQLite's own short words for the kind of a CHQ_DB_ERROR ("database or disk is full"),
 * for a caller that words the error in its own domain; NULL for another domain. */
const char   *chq_db_error_get_reason    (const GError   *error);
/* Takes a CHQ_DB_ERROR out of @error, for a caller that reports it in its own domain;
 * NULL, and @error left as it is, when it holds no error or one of another domain. */
GError       *chq_db_error_steal         (GError        **error);

/* Creates @dir (and its parents) with mode 0700, and makes an existing one 0700. */
gboolean      chq_db_ensure_private_dir  (const char     *dir,
                                          GError        **error);
/* Opens (creating it if @create) the database at @path as a private file: its folder 0700,
 * the file and its journal 0600. Sets foreign_keys=ON, a busy timeout and, when @full_sync,
 * journal_mode=WAL with synchronous=FULL. */
sqlite3      *chq_db_open_private        (const char     *path,
                                          gboolean        create,
                                          gboolean        full_sync,
                                          GError        **error);
typedef enum {
  CHQ_DB_OPEN_CREATE        = 1 << 0,  /* create the file (and its folder) when missing */
  CHQ_DB_OPEN_FULL_SYNC     = 1 << 1,  /* WAL with synchronous=FULL */
  CHQ_DB_OPEN_KEEP_DIR_MODE = 1 << 2,  /* an existing folder keeps its mode */
} ChqDbOpenFlags;

/* chq_db_open_private() with flags. */
sqlite3      *chq_db_open                (const char     *path,
                                          ChqDbOpenFlags  flags,
                                          GError        **error);
/* Closes @db (NULL is fine). */
void          chq_db_close               (sqlite3        *db);

/* Sets @error from SQLite's result code @rc and @db's message; @what says what was being
 * done ("Could not save the training", translated). Always returns FALSE. */
gboolean      chq_db_set_error           (GError        **error,
                                          sqlite3        *db,
                                          int             rc,
                                          const char     *what);
gboolean      chq_db_exec                (sqlite3        *db,
                                          const char     *sql,
                                          GError        **error);
sqlite3_stmt *chq_db_prepare             (sqlite3        *db,
                                          const char     *sql,
                                          GError        **error);
/* Steps a statement that returns no row (INSERT, UPDATE, DELETE). */
gboolean      chq_db_step_done           (sqlite3        *db,
                                          sqlite3_stmt   *stmt,
                                          GError        **error);

gboolean      chq_db_begin               (sqlite3        *db,
                                          GError        **error);
gboolean      chq_db_commit              (sqlite3        *db,
                                          GError        **error);
/* Rolls back if a transaction is open; never fails. */
void          chq_db_rollback            (sqlite3        *db);

/* Binds a UTF-8 text, NULL as SQL NULL. */
void          chq_db_bind_text           (sqlite3_stmt   *stmt,
                                          int             index,
                                          const char     *text);
/* A column's text, copied (NULL for SQL NULL). */
char         *chq_db_column_dup_text     (sqlite3_stmt   *stmt,
                                          int             column);

int           chq_db_get_user_version    (sqlite3        *db,
                                          GError        **error);

/* One migration step: brings the schema from version - 1 to version. Either @sql (run with
 * sqlite3_exec) or @func, or both (sql first). */
typedef gboolean (*ChqDbMigrateFunc) (sqlite3  *db,
                                      GError  **error);
typedef struct {
  int               version;
  const char       *sql;
  ChqDbMigrateFunc  func;
} ChqDbMigration;

/* Brings @db to the last step's version: each step in its own transaction with its
 * user_version. A database newer than the last step is refused (CHQ_DB_ERROR_NEWER_SCHEMA)
 * and left as it is. @steps are in order, versions 1, 2, 3… */
gboolean      chq_db_migrate             (sqlite3              *db,
                                          const ChqDbMigration *steps,
                                          guint                 n_steps,
                                          GError              **error);

/* PRAGMA integrity_check: TRUE when "ok"; otherwise CHQ_DB_ERROR_CORRUPT. */
gboolean      chq_db_check_integrity     (sqlite3        *db,
                                          GError        **error);

/* Copies the whole of @db into a new file @dest_path (0600) with the online backup API. */
gboolean      chq_db_backup_to_file      (sqlite3        *db,
                                          const char     *dest_path,
                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
