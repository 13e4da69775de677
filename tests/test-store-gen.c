/* test-store-gen.c: course JSON for the store tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store-gen"

#include "config.h"

#include <string.h>

#include "test-store-gen.h"

static void
add_words (JsonBuilder *builder,
           const char  *name,
           const char  *words)
{
  g_auto(GStrv) split = g_strsplit (words ? words : "", " ", -1);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      json_builder_add_string_value (builder, split[i]);
  json_builder_end_array (builder);
}

/**
 * test_course_json:
 * @course: the fields
 *
 * Returns: (transfer full): the course as the API sends it
 */
JsonNode *
test_course_json (const TestCourse *course)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) locations = g_strsplit (course->locations ? course->locations : "", " ", -1);
  g_auto(GStrv) sessions = g_strsplit (course->sessions ? course->sessions : "", "|", -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, course->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, course->title);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, course->summary ? course->summary : "");
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, "Programme détaillé de la formation.");
  json_builder_set_member_name (builder, "provider");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "prv-01");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, course->provider ? course->provider : "Formateur");
  json_builder_set_member_name (builder, "approval_number");
  json_builder_add_string_value (builder, "AGR-2019-0001");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "module_approval");
  json_builder_add_string_value (builder, "MOD-0001-0001");
  json_builder_set_member_name (builder, "voucher_type");
  json_builder_add_string_value (builder, course->voucher_type ? course->voucher_type : "cf");
  json_builder_set_member_name (builder, "hours");
  json_builder_add_int_value (builder, course->hours ? course->hours : 7);
  json_builder_set_member_name (builder, "price_cents");
  json_builder_add_int_value (builder, course->price_cents);
  add_words (builder, "themes", course->themes);
  json_builder_set_member_name (builder, "ai");
  json_builder_add_boolean_value (builder, course->ai);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, course->format ? course->format : "in_person");
  add_words (builder, "languages", course->languages ? course->languages : "fr");

  json_builder_set_member_name (builder, "locations");
  json_builder_begin_array (builder);
  for (guint i = 0; locations[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (locations[i], ":", 2);

      if (parts[0] == NULL || parts[1] == NULL)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "city");
      json_builder_add_string_value (builder, parts[0]);
      json_builder_set_member_name (builder, "postcode");
      json_builder_add_string_value (builder, "5000");
      json_builder_set_member_name (builder, "province");
      json_builder_add_string_value (builder, parts[1]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "sessions");
  json_builder_begin_array (builder);
  for (guint i = 0; sessions[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (sessions[i], "@", 2);
      g_autofree char *session_id = g_strdup_printf ("%s-s%u", course->id, i);

      if (parts[0] == NULL || *parts[0] == '\0')
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, session_id);
      json_builder_set_member_name (builder, "starts_at");
      json_builder_add_string_value (builder, parts[0]);
      json_builder_set_member_name (builder, "ends_at");
      json_builder_add_string_value (builder, parts[0]);
      json_builder_set_member_name (builder, "city");
      if (parts[1] != NULL && *parts[1] != '\0')
        json_builder_add_string_value (builder, parts[1]);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "seats_left");
      json_builder_add_int_value (builder, 10);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, "2026-11-20T14:32:10+01:00");
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static const char * const subjects[] = {
  "Intelligence artificielle", "L'IA générative", "Gestion de projet", "Comptabilité",
  "Marketing digital", "Cybersécurité", "Néerlandais", "Anglais des affaires",
  "Énergie et climat", "Sécurité au travail", "Tableurs avancés", "Management d'équipe",
  "Intégration de l'IA", "Analyse de données", "Droit du travail", "Rédaction web",
};
static const char * const aspects[] = {
  "pour les PME", "au quotidien", "niveau débutant", "niveau avancé", "en pratique",
  "pour managers", "et RGPD", "intensif", "pour indépendants", "et automatisation",
};
static const char * const cities[] = {
  "Namur:namur", "Liège:liege", "Charleroi:hainaut", "Mons:hainaut", "Arlon:luxembourg",
  "Wavre:brabant_wallon", "Verviers:liege", "Tournai:hainaut", "Dinant:namur",
  "Nivelles:brabant_wallon", "Marche-en-Famenne:luxembourg", "Huy:liege",
};
static const char * const providers[] = {
  "Meuse Numérique Formation", "Cepegra", "Technifutur", "Forem Formation",
  "IFAPME Liège", "Digital Wallonia Academy", "EPFC", "Formanam",
};
static const char * const ai_themes[] = {
  "ai_productivity", "ai_management", "ai_legal", "ai_marketing_finance", "ai_it_hr",
};
static const char * const other_themes[] = {
  "languages", "eco_climate", "management", "it", "safety",
};
static const char * const formats[] = { "in_person", "distance", "blended" };
static const char * const voucher_types[] = { "cf", "cfl", "eco" };
static const char * const languages[] = { "fr", "fr", "fr nl", "en", "de" };

/**
 * test_generate_courses:
 * @n: how many
 * @seed: the random seed
 * @first_number: the number in the first id ("gen-%06u")
 *
 * Returns: (transfer full): @n generated courses
 */
JsonArray *
test_generate_courses (guint   n,
                       guint32 seed,
                       guint   first_number)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      guint subject = g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects));
      gboolean ai = subject == 0 || subject == 1 || subject == 12 ||
                    g_rand_int_range (rand, 0, 4) == 0;
      const char *format = formats[g_rand_int_range (rand, 0, G_N_ELEMENTS (formats))];
      const char *city = cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))];
      const char *city2 = cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))];
      g_autofree char *id = g_strdup_printf ("gen-%06u", first_number + i);
      g_autofree char *title =
        g_strdup_printf ("%s %s (%u)", subjects[subject],
                         aspects[g_rand_int_range (rand, 0, G_N_ELEMENTS (aspects))], i);
      g_autofree char *summary =
        g_strdup_printf ("Formation %s : %s, exercices et cas pratiques à %.*s.",
                         ai ? "sur l'intelligence artificielle" : "professionnelle",
                         subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))],
                         (int)(strchr (city, ':') - city), city);
      g_autofree char *themes =
        g_strdup_printf ("%s %s",
                         ai ? ai_themes[g_rand_int_range (rand, 0, 5)]
                            : other_themes[g_rand_int_range (rand, 0, 5)],
                         other_themes[g_rand_int_range (rand, 0, 5)]);
      g_autofree char *locations = NULL;
      g_autofree char *sessions = NULL;
      g_autofree char *city_name = g_strndup (city, strchr (city, ':') - city);
      TestCourse course = { 0, };
      guint day = g_rand_int_range (rand, 0, 360);
      g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 9, 1, 8, 0, 0);
      g_autoptr(GDateTime) first = g_date_time_add_days (base, day);
      g_autoptr(GDateTime) second = g_date_time_add_days (first, 35);
      g_autofree char *first_text = g_date_time_format_iso8601 (first);
      g_autofree char *second_text = g_date_time_format_iso8601 (second);
      gboolean distance = g_str_equal (format, "distance");

      locations = distance ? g_strdup ("") : g_strdup_printf ("%s %s", city, city2);
      sessions = g_strdup_printf ("%s@%s|%s@%s", first_text, distance ? "" : city_name,
                                  second_text, distance ? "" : city_name);

      course.id = id;
      course.title = title;
      course.summary = summary;
      course.provider = providers[g_rand_int_range (rand, 0, G_N_ELEMENTS (providers))];
      course.voucher_type = voucher_types[g_rand_int_range (rand, 0, 10) < 8 ? 0 :
                                          g_rand_int_range (rand, 1, 3)];
      course.hours = g_rand_int_range (rand, 1, 41);
      course.price_cents = (gint64)course.hours * g_rand_int_range (rand, 2500, 4000);
      course.themes = themes;
      course.ai = ai;
      course.format = format;
      course.languages = languages[g_rand_int_range (rand, 0, G_N_ELEMENTS (languages))];
      course.locations = locations;
      course.sessions = sessions;

      json_array_add_element (array, test_course_json (&course));
    }

  return array;
}
