/* chq-test-sync-utils.h: a signed-in client, a store and an outbox against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-client.h"
#include "chq-outbox.h"
#include "chq-sandbox.h"
#include "chq-store.h"
#include "chq-sync.h"

G_BEGIN_DECLS

#define TEST_ENTERPRISE "0123456749"
#define TEST_PASSWORD   "demo"
#define TEST_TODAY      "2026-11-28"
#define TEST_YEAR       2026

ChqClient  *test_client_new_signed_in   (const char  *uri);
gboolean    test_sync_run               (ChqSync     *sync,
                                         GError     **error);
guint       test_count_server_courses   (const char  *uri);
char       *test_dup_server_course_id   (const char  *uri,
                                         guint        index);
guint       test_count_server_orders    (const char  *uri);
char       *test_dump_store             (const char  *path);
void        test_iterate_pending        (void);
GPid        test_spawn_child            (const char * const *argv);
void        test_on_child_exit_cb       (GPid         pid,
                                         int          status,
                                         gpointer     user_data);
gboolean    test_kill_child_after       (GPid         pid,
                                         guint        ms);

G_END_DECLS
