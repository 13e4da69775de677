/* test-bench-stats.c: the benchmarks' statistics, table row and output parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-bench-stats"

#include "config.h"

#include <math.h>

#include "chq-bench.h"

static void
test_stats_edges (void)
{
  ChqBenchStats s;
  double one[] = { 7 };
  double two[] = { 3, 1 };
  double twenty[20];
  double hundred[100];
  double none[1] = { 0 };

  chq_bench_stats_compute (none, 0, &s);
  g_assert_cmpuint (s.n, ==, 0);
  g_assert_cmpfloat (s.median, ==, 0);
  g_assert_cmpfloat (s.p95, ==, 0);

  chq_bench_stats_compute (one, 1, &s);
  g_assert_cmpuint (s.n, ==, 1);
  g_assert_cmpfloat (s.median, ==, 7);
  g_assert_cmpfloat (s.p95, ==, 7);
  g_assert_cmpfloat (s.min, ==, 7);
  g_assert_cmpfloat (s.max, ==, 7);

  /* An even count: the mean of the middle two; sorted in place. */
  chq_bench_stats_compute (two, 2, &s);
  g_assert_cmpfloat (s.median, ==, 2);
  g_assert_cmpfloat (s.p95, ==, 3);
  g_assert_cmpfloat (two[0], ==, 1);

  /* Nearest rank: of 20 samples the 19th smallest, of 100 the 95th. */
  for (guint i = 0; i < 20; i++)
    twenty[i] = 20 - i;  /* 20 .. 1 */
  chq_bench_stats_compute (twenty, 20, &s);
  g_assert_cmpfloat (s.p95, ==, 19);
  g_assert_cmpfloat (s.median, ==, 10.5);
  g_assert_cmpfloat (s.min, ==, 1);
  g_assert_cmpfloat (s.max, ==, 20);

  for (guint i = 0; i < 100; i++)
    hundred[i] = (i * 37) % 100 + 1;  /* 1 .. 100, shuffled */
  chq_bench_stats_compute (hundred, 100, &s);
  g_assert_cmpfloat (s.p95, ==, 95);
  g_assert_cmpfloat (s.median, ==, 50.5);
}

static void
test_stats_array (void)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  ChqBenchStats s;

  for (guint i = 1; i <= 5; i++)
    {
      double v = i * 1.5;

      g_array_append_val (samples, v);
    }
  chq_bench_stats_of_array (samples, &s);
  g_assert_cmpuint (s.n, ==, 5);
  g_assert_cmpfloat (s.median, ==, 4.5);
  g_assert_cmpfloat (s.p95, ==, 7.5);
}

static void
test_format_value (void)
{
  struct {
    double      value;
    const char *unit;
    const char *text;
  } cases[] = {
    { 0.25, "ms", "0.250 ms" },
    { 3.456, "ms", "3.46 ms" },
    { 12.34, "ms", "12.3 ms" },
    { 540.4, "ms", "540 ms" },
    { 9999, "ms", "9999 ms" },
    { 12346, "ms", "12.35 s" },
    { 116.6, "MiB", "117 MiB" },
    { 26.5, "pages/s", "26.5 pages/s" },
    { 2, "", "2" },
    { NAN, "ms", "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = chq_bench_format_value (cases[i].value, cases[i].unit);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_row (void)
{
  g_autofree char *row = chq_bench_format_row ("a|b", "1 ms", "2 ms", NULL, "1.5x",
                                               "≤ 2x\nthe reference", "**met**");

  g_assert_cmpstr (row, ==, "| a\\|b | 1 ms | 2 ms | – | 1.5x | ≤ 2x the reference | **met** |");
}

static void
test_parse_field (void)
{
  const char *line = "chequier-first-frame monotonic_us=123456 since_main_ms=12.5 rows=0 "
                     "peak_rss_kib=119384";

  g_assert_cmpfloat (chq_bench_parse_field (line, "monotonic_us"), ==, 123456);
  g_assert_cmpfloat (chq_bench_parse_field (line, "since_main_ms"), ==, 12.5);
  g_assert_cmpfloat (chq_bench_parse_field (line, "rows"), ==, 0);
  g_assert_cmpfloat (chq_bench_parse_field (line, "peak_rss_kib"), ==, 119384);
  /* A key is a whole word: "main_ms" is not "since_main_ms". */
  g_assert_true (isnan (chq_bench_parse_field (line, "main_ms")));
  g_assert_true (isnan (chq_bench_parse_field (line, "absent")));
  g_assert_true (isnan (chq_bench_parse_field ("rows=none", "rows")));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bench/stats/edges", test_stats_edges);
  g_test_add_func ("/bench/stats/array", test_stats_array);
  g_test_add_func ("/bench/format/value", test_format_value);
  g_test_add_func ("/bench/format/row", test_format_row);
  g_test_add_func ("/bench/parse-field", test_parse_field);

  return g_test_run ();
}
