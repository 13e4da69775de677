/* chq-test-ui-utils.h: waiting on the main context, a signed-in backend against the
 * sandbox and a window that records toasts, shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "chq-application.h"
#include "chq-backend.h"
#include "chq-sandbox.h"

G_BEGIN_DECLS

/* Iterates the main context until @cond holds, failing after @timeout_ms. */
#define wait_until(cond, timeout_ms) \
  G_STMT_START { \
    gint64 deadline_ = g_get_monotonic_time () + (timeout_ms) * G_TIME_SPAN_MILLISECOND; \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > deadline_) \
          g_error ("Timed out waiting for %s", #cond); \
        g_main_context_iteration (NULL, FALSE); \
        g_usleep (1000); \
      } \
  } G_STMT_END

/* A sandbox (today 2026-11-28), a demo backend signed in to it, and a window offering
 * win.toast that records the last toast. */
typedef struct {
  ChqSandbox *sandbox;
  ChqBackend *backend;
  char       *tmpdir;
  GtkWindow  *window;
  char       *last_toast;
} TestUi;

void            store_result_cb         (GObject      *source,
                                         GAsyncResult *result,
                                         gpointer      user_data);
void            backend_sign_in         (ChqBackend   *backend,
                                         const char   *password);
void            run_sync                (ChqBackend   *backend);
gpointer        template_child          (gpointer      widget,
                                         GType         type,
                                         const char   *name);
void            flush_main_context      (void);
void            collect_widgets         (GtkWidget    *widget,
                                         GType         type,
                                         GPtrArray    *out);
void            test_ui_init_gtk        (int          *argc,
                                         char       ***argv);
void            test_ui_init            (int          *argc,
                                         char       ***argv);
ChqApplication *test_ui_application_new (void);
void            test_ui_set_up          (TestUi       *ui,
                                         const char   *tmpdir_template,
                                         const char   *name,
                                         const char   *enterprise_number,
                                         gboolean      sync,
                                         int           width);
void            test_ui_show            (TestUi       *ui,
                                         GtkWidget    *page);
void            test_ui_tear_down       (TestUi       *ui);

G_END_DECLS
