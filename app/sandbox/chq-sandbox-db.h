/* chq-sandbox-db.h: the sandbox server's SQLite storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema version this code writes (PRAGMA user_version). */
#define CHQ_SANDBOX_DB_VERSION 2

typedef struct _ChqSandboxDb ChqSandboxDb;

ChqSandboxDb *chq_sandbox_db_open        (const char    *path,
                                          gboolean      *out_created,
                                          GError       **error);
void          chq_sandbox_db_free        (ChqSandboxDb  *db);
sqlite3      *chq_sandbox_db_get_handle  (ChqSandboxDb  *db);

sqlite3_stmt *chq_sandbox_db_prepare     (ChqSandboxDb  *db,
                                          const char    *sql);
sqlite3_stmt *chq_sandbox_db_query       (ChqSandboxDb  *db,
                                          const char    *sql,
                                          const char    *types,
                                          ...);
gboolean      chq_sandbox_db_run         (ChqSandboxDb  *db,
                                          const char    *sql,
                                          const char    *types,
                                          ...);
gint64        chq_sandbox_db_query_int   (ChqSandboxDb  *db,
                                          gint64         fallback,
                                          const char    *sql,
                                          const char    *types,
                                          ...);
char         *chq_sandbox_db_query_text  (ChqSandboxDb  *db,
                                          const char    *sql,
                                          const char    *types,
                                          ...);
int           chq_sandbox_db_changes     (ChqSandboxDb  *db);

gboolean      chq_sandbox_db_begin       (ChqSandboxDb  *db);
gboolean      chq_sandbox_db_commit      (ChqSandboxDb  *db);
void          chq_sandbox_db_rollback    (ChqSandboxDb  *db);

gint64        chq_sandbox_db_next_seq    (ChqSandboxDb  *db,
                                          const char    *name);
gint64        chq_sandbox_db_get_seq     (ChqSandboxDb  *db,
                                          const char    *name);

/* Column helpers: NULL-safe text. */
const char   *chq_sandbox_db_text        (sqlite3_stmt  *stmt,
                                          int            column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqSandboxDb, chq_sandbox_db_free)

G_END_DECLS
