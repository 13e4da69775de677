/* chq-store-schema.h: the cache database's schema and its migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The user_version this code writes. */
#define CHQ_STORE_SCHEMA_VERSION 2

/* Brings db from its user_version up to CHQ_STORE_SCHEMA_VERSION, one transaction per
 * step (chq_db_migrate()). Refuses a newer version with CHQ_DB_ERROR_NEWER_SCHEMA. */
gboolean _chq_store_schema_migrate (sqlite3  *db,
                                    GError  **error);

G_END_DECLS
