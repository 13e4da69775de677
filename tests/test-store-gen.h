/* test-store-gen.h: course JSON for the store tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* One course in the API's JSON form. Strings are copied; lists are space separated
 * ("fr nl"); sessions are "YYYY-MM-DDTHH:MM:SS+01:00@City" separated by '|' (city may be
 * empty for distance). */
typedef struct {
  const char *id;
  const char *title;
  const char *summary;
  const char *provider;
  const char *voucher_type;   /* "cf" when NULL */
  guint       hours;
  gint64      price_cents;
  const char *themes;
  gboolean    ai;
  const char *format;         /* "in_person" when NULL */
  const char *languages;      /* "fr" when NULL */
  const char *locations;      /* "City:province City:province" */
  const char *sessions;
} TestCourse;

JsonNode  *test_course_json        (const TestCourse *course);
/* n generated courses, deterministic for a seed: French titles, Walloon cities, a mix of
 * AI and other themes; about a third mention "intelligence artificielle". */
JsonArray *test_generate_courses   (guint             n,
                                    guint32           seed,
                                    guint             first_number);

G_END_DECLS
