/* chq-sandbox.h: a complete local implementation of the regional voucher API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The demo company the sandbox seeds (an SME of 12 FTE), and its password. */
#define CHQ_SANDBOX_DEMO_ENTERPRISE_NUMBER "0123456749"
#define CHQ_SANDBOX_DEMO_PASSWORD          "demo"

typedef struct {
  const char *db_path;    /* NULL: in memory */
  guint16     port;       /* 0: any free port on 127.0.0.1 */
  const char *today;      /* "YYYY-MM-DD" fixed clock, NULL: the real date */
  guint       n_courses;  /* extra generated courses */
  guint64     seed;
  double      fail_rate;  /* share of requests answered 503 */
  double      drop_rate;  /* share of requests whose connection is closed with no answer */
  guint       latency_ms;
  gboolean    no_demo;    /* TRUE: no demo companies/catalogue (generated courses only) */
  guint       rate_limit; /* requests per second per client before 429; 0: default 200 */
} ChqSandboxOptions;

#define CHQ_SANDBOX_ERROR (chq_sandbox_error_quark ())

typedef enum {
  CHQ_SANDBOX_ERROR_INVALID_OPTION,
  CHQ_SANDBOX_ERROR_DATABASE,
  CHQ_SANDBOX_ERROR_LISTEN,
} ChqSandboxError;

GQuark chq_sandbox_error_quark (void);

#define CHQ_TYPE_SANDBOX (chq_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (ChqSandbox, chq_sandbox, CHQ, SANDBOX, GObject)

ChqSandbox *chq_sandbox_new               (const ChqSandboxOptions *options);
gboolean    chq_sandbox_start             (ChqSandbox              *self,
                                           GError                 **error);
char       *chq_sandbox_dup_uri           (ChqSandbox              *self);
GDateTime  *chq_sandbox_dup_now           (ChqSandbox              *self);
void        chq_sandbox_stop              (ChqSandbox              *self);

char       *chq_sandbox_add_course        (ChqSandbox              *self,
                                           const char              *title);
gboolean    chq_sandbox_update_course     (ChqSandbox              *self,
                                           const char              *id,
                                           const char              *title);
gboolean    chq_sandbox_delete_course     (ChqSandbox              *self,
                                           const char              *id);
void        chq_sandbox_set_faults        (ChqSandbox              *self,
                                           double                   fail_rate,
                                           double                   drop_rate,
                                           guint                    latency_ms);
guint       chq_sandbox_get_request_count (ChqSandbox              *self);
gboolean    chq_sandbox_set_today         (ChqSandbox              *self,
                                           const char              *today);

G_END_DECLS
