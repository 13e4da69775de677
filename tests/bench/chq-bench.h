/* chq-bench.h: what the benchmarks share: statistics, the table row, the 50,000-course
 * fixtures (sandbox database, synced store) and the app's environment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-client.h"
#include "chq-sandbox.h"

G_BEGIN_DECLS

/* The catalogue of the issue: chequier-sandbox --courses 50000 --seed 1. */
#define CHQ_BENCH_COURSES    50000
#define CHQ_BENCH_SEED       1
/* The demo SME of the sandbox. */
#define CHQ_BENCH_ENTERPRISE "0123456749"
#define CHQ_BENCH_PASSWORD   "demo"
/* Where the app of the start-up and memory benchmarks believes its service is: a loopback
 * port nobody listens on (the app shows its cache and asks for the password). */
#define CHQ_BENCH_APP_SERVICE "http://127.0.0.1:9"

typedef struct {
  guint  n;
  double median;
  double p95;    /* nearest rank: the ceil(0.95 n)-th smallest */
  double min;
  double max;
} ChqBenchStats;

/* Pure: the statistics of n samples (sorted in place). n == 0 gives all zero. */
void        chq_bench_stats_compute    (double              *samples,
                                        guint                n,
                                        ChqBenchStats       *out);
/* Same for a GArray of double. */
void        chq_bench_stats_of_array   (GArray              *samples,
                                        ChqBenchStats       *out);
/* Pure: "12.3 ms", "1.23 s", "45.6 MiB", as fits the unit ("ms", "MiB", "pages/s", ""). */
char       *chq_bench_format_value     (double               value,
                                        const char          *unit);
/* Pure: one Markdown table row: figure | median | p95 | reference | ratio | goal | met. */
char       *chq_bench_format_row       (const char          *figure,
                                        const char          *median,
                                        const char          *p95,
                                        const char          *reference,
                                        const char          *ratio,
                                        const char          *goal,
                                        const char          *met);
/* Prints the row and appends it to $CHQ_BENCH_TABLE when set. met: 1 met, 0 not, -1 no
 * goal (context only). */
void        chq_bench_report_row       (const char          *figure,
                                        const char          *median,
                                        const char          *p95,
                                        const char          *reference,
                                        const char          *ratio,
                                        const char          *goal,
                                        int                  met);
/* printf-style line to stdout and to $CHQ_BENCH_DETAILS when set (the details section). */
void        chq_bench_detail           (const char          *format,
                                        ...) G_GNUC_PRINTF (1, 2);

/* $CHQ_BENCH_DATA (the benchmarks' build folder), made if needed. */
const char *chq_bench_data_dir         (void);
/* The sandbox database with the 50,000 generated courses (made once, then reused). */
char       *chq_bench_ensure_sandbox_db (GError            **error);
/* A sandbox serving the benchmark database, no rate limit to speak of. */
ChqSandbox *chq_bench_sandbox_start    (GError             **error);
/* A client of uri signed in as the demo SME; the token in out_token. */
ChqClient  *chq_bench_client_new       (const char          *uri,
                                        char               **out_token,
                                        GError             **error);
/* Runs the iteration of the default main context until *done. */
void        chq_bench_wait             (const gboolean      *done);
/* A store filled by a full sync from the benchmark sandbox (made once, then reused);
 * closed, so the caller may copy it. */
char       *chq_bench_ensure_synced_store (GError          **error);

/* The environment of the app under the start-up and memory benchmarks: settings in a key
 * file under root (the account CHQ_BENCH_APP_SERVICE / CHQ_BENCH_ENTERPRISE), caches and
 * data under root; with store_path, that store copied in as the account's cache, else an
 * empty cache. */
GSubprocessLauncher *chq_bench_app_launcher (const char     *root,
                                             const char     *store_path,
                                             GError        **error);
/* Peak resident memory of this process (VmHWM), KiB; 0 if unknown. */
gint64      chq_bench_peak_rss_kib     (void);
/* Parses "key=value" words of a line the app printed; NAN if absent. */
double      chq_bench_parse_field      (const char          *line,
                                        const char          *key);

G_END_DECLS
