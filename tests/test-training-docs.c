/* test-training-docs.c: the training register's documents (PDF) and records (CSV)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each PDF is read back with pdftotext: every field the law asks for is there, long names
 * are whole, the anonymised plan holds no personal data. The CSV is parsed back, and opened
 * by LibreOffice Calc under a Belgian French locale.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "chq-csv.h"
#include "chq-docs.h"
#include "chq-training-year.h"

#define LONG_FIRST "Marie-Christine Anne-Sophie Bénédicte"
#define LONG_LAST "Van den Bossche-Vandenberghe de la Haute-Meuse-Montignies"
#define LONG_TITLE "Prévention des risques psychosociaux, gestion des conflits et " \
                   "communication non violente dans les équipes de production"

static GDate
date (int d,
      int m,
      int y)
{
  GDate out;

  g_date_clear (&out, 1);
  g_date_set_dmy (&out, d, m, y);

  return out;
}

static ChqWorker *
worker_new (const char      *id,
            const char      *first,
            const char      *last,
            ChqWorkerStatus  status,
            const char      *niss)
{
  return g_object_new (CHQ_TYPE_WORKER, "id", id, "first-name", first, "last-name", last,
                       "status", status, "niss", niss, NULL);
}

static ChqEnrolment *
enrolment_new (const char *id,
               const char *worker_id,
               const char *title,
               double      hours)
{
  g_autoptr(GDateTime) starts = g_date_time_new_utc (2026, 4, 14, 9, 0, 0);
  g_autoptr(GDateTime) ends = g_date_time_new_utc (2026, 4, 14, 17, 0, 0);

  return g_object_new (CHQ_TYPE_ENROLMENT, "id", id, "worker-id", worker_id,
                       "status", CHQ_ENROLMENT_STATUS_ATTENDED, "course-title", title,
                       "provider-name", "Meuse Numérique Formation", "hours", (guint) hours,
                       "hours-attended", hours, "vouchers-used", (guint) hours,
                       "starts-at", starts, "ends-at", ends, NULL);
}

static ChqTraining *
training_new (const char *worker,
              const char *title,
              GDate       start,
              double      hours)
{
  ChqTraining *t = chq_training_new (worker, title);

  t->start_date = start;
  t->hours = hours;

  return t;
}

/* A company of 24: Sophie (part time, details, sector rule with a growth path), a worker with
 * a very long name, Marc (no details), a temp and a student. */
/* A company of 24 (see sample_year()); @long_texts adds a training and a plan item with
 * words longer than a narrow column, in French, Dutch and German, which no table may break;
 * @extra_workers more employees fill the plan's annex. */
static ChqTrainingYear *
sample_year_full (guint    extra_workers,
                  gboolean long_texts)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) enrolments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChqRegisterData) data = chq_register_data_new ("0123456749");
  GDate at = date (7, 12, 2026);
  ChqWorkerDetails *d;
  ChqTraining *t;
  ChqJcRule *rule;
  ChqTrainingPlan *plan;
  ChqPlanItem *item;

  data->settings.workforce = 24;
  data->settings.carry_over_years = 1;
  g_ptr_array_add (workers, worker_new ("w1", "Sophie", "Dubois", CHQ_WORKER_STATUS_EMPLOYEE,
                                        "85073003328"));
  g_ptr_array_add (workers, worker_new ("w2", LONG_FIRST, LONG_LAST,
                                        CHQ_WORKER_STATUS_EMPLOYEE, NULL));
  g_ptr_array_add (workers, worker_new ("w3", "Marc", "Lejeune", CHQ_WORKER_STATUS_EMPLOYEE,
                                        "79021412759"));
  g_ptr_array_add (workers, worker_new ("w4", "Thomas", "Renard", CHQ_WORKER_STATUS_TEMP, NULL));
  g_ptr_array_add (workers, worker_new ("w5", "Élodie", "Collard", CHQ_WORKER_STATUS_STUDENT,
                                        "04021512339"));

  d = chq_worker_details_new ("w1");
  d->birth_date = date (30, 7, 1985);
  d->birth_place = g_strdup ("Liège");
  d->address = g_strdup ("Rue Saint-Gilles 118\n4000 Liège");
  d->work_fraction = 0.8;
  d->jc_number = g_strdup ("200");
  d->jc_name = g_strdup ("Commission paritaire auxiliaire pour employés");
  d->entry_date = date (1, 9, 2015);
  g_ptr_array_add (data->details, d);
  d = chq_worker_details_new ("w2");
  d->birth_date = date (2, 1, 1970);
  d->birth_place = g_strdup ("Montignies-sur-Sambre");
  d->address = g_strdup ("Boulevard de l’Impératrice 1\n6000 Charleroi");
  d->entry_date = date (15, 6, 2026);
  g_ptr_array_add (data->details, d);

  rule = chq_jc_rule_new ("200", "Commission paritaire auxiliaire pour employés", 4);
  chq_jc_rule_add_step (rule, 2025, 4.5);
  chq_jc_rule_add_step (rule, 2026, 5);
  g_ptr_array_add (data->jc_rules, rule);

  t = training_new ("w1", "Sécurité incendie et premiers secours", date (12, 3, 2026), 7);
  t->internal = TRUE;
  t->certificate = TRUE;
  t->certificate_valid_until = date (12, 3, 2028);
  g_ptr_array_add (data->trainings, t);
  t = training_new ("w2", LONG_TITLE, date (5, 10, 2026), 14);
  t->end_date = date (6, 10, 2026);
  t->provider = g_strdup ("Cefora");
  t->funding = CHQ_FUNDING_SECTOR_FUND;
  t->formal = FALSE;
  t->cost_cents = 45050;
  g_ptr_array_add (data->trainings, t);
  t = training_new ("w4", "=HYPERLINK(\"http://x\")", date (2, 2, 2026), 2);
  g_ptr_array_add (data->trainings, t);

  g_ptr_array_add (enrolments, enrolment_new ("enr-1", "w3", "IA, \"prompts\" et PME", 7));

  plan = chq_training_plan_new (2026);
  plan->target_groups = g_strdup ("Les ouvriers de l’atelier et l’équipe administrative.");
  plan->attention_groups = g_strdup ("Un parcours adapté pour les travailleurs de plus de 50 "
                                     "ans.");
  plan->contribution = g_strdup ("Chaque travailleur suit au moins deux jours par an.");
  plan->body = CHQ_PLAN_BODY_UNION_DELEGATION;
  plan->meeting_date = date (2, 3, 2026);
  plan->draft_sent_date = date (13, 2, 2026);
  plan->settled_date = date (27, 3, 2026);
  item = chq_plan_item_new ("Soudure TIG, perfectionnement", TRUE);
  item->groups = CHQ_PLAN_GROUP_OVER_50 | CHQ_PLAN_GROUP_SHORTAGE;
  item->hours = 21;
  item->participants = 4;
  g_ptr_array_add (plan->items, item);
  item = chq_plan_item_new ("Tutorat des nouveaux à leur poste", FALSE);
  item->target_groups = g_strdup ("Nouveaux engagés");
  item->groups = CHQ_PLAN_GROUP_RISK;
  g_ptr_array_add (plan->items, item);
  g_ptr_array_add (data->plans, plan);

  if (long_texts)
    {
      t = training_new ("w1", "Brandveiligheidsopleiding en Arbeitsschutzunterweisung",
                        date (1, 9, 2026), 3.5);
      t->end_date = date (30, 9, 2026);
      t->provider = g_strdup ("Opleidingscentrum Interprofessionnalité");
      t->formal = FALSE;
      t->certificate = TRUE;
      t->certificate_valid_until = date (1, 9, 2029);
      t->funding = CHQ_FUNDING_OTHER;
      g_ptr_array_add (data->trainings, t);
      item = chq_plan_item_new ("Multidisciplinarité et Arbeidsongevallenverzekering", FALSE);
      item->target_groups = g_strdup ("Weiterbildungsverantwortliche");
      item->groups = CHQ_PLAN_GROUP_DISABILITY | CHQ_PLAN_GROUP_GENDER;
      item->hours = 7.5;
      item->participants = 12;
      g_ptr_array_add (plan->items, item);
    }

  /* More workers: a plan's annex over several pages. */
  for (guint i = 0; i < extra_workers; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i);
      g_autofree char *last = g_strdup_printf ("Travailleur%u", i);

      g_ptr_array_add (workers, worker_new (id, "Jean", last, CHQ_WORKER_STATUS_EMPLOYEE,
                                            NULL));
    }

  return chq_training_year_new_full (2026, &at, "Atelier Mosan SRL", "0123456749",
                                     CHQ_ACCOUNT_KIND_EMPLOYER, 12, workers, enrolments, data);
}

static ChqTrainingYear *
sample_year (void)
{
  return sample_year_full (0, FALSE);
}

/* A new folder in the test's own (isolated) cache folder, which GLib removes at the end. */
static char *
tmp_dir (void)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), "chq-docs-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));
  return dir;
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* The PDF's text, or NULL (the test skipped) without pdftotext. */
static char *
pdf_text (const char *path,
          guint      *out_pages)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return NULL;
    }

  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                  NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  /* The documents join a date's parts with no-break spaces. */
  {
    g_autoptr(GString) plain = g_string_new (out);

    g_string_replace (plain, "\xc2\xa0", " ", 0);
    g_free (out);
    out = g_string_free (g_steal_pointer (&plain), FALSE);
  }

  if (out_pages != NULL)
    {
      *out_pages = 0;
      for (const char *p = out; *p != '\0'; p++)
        if (*p == '\f')
          (*out_pages)++;
    }

  return g_steal_pointer (&out);
}

/* @text without white space or hyphens, to find a text that wrapped over lines (pdftotext
 * drops the hyphen a line ends with). */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != '\f' && *p != '-')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static void
assert_has (const char *text,
            const char *needle)
{
  g_autofree char *a = squeeze (text);
  g_autofree char *b = squeeze (needle);

  if (strstr (a, b) == NULL)
    g_error ("“%s” is not in the document:\n%s", needle, text);
}

/* Every word of @needle, in order: a text whose lines pdftotext interleaves with the next
 * cell's is still whole. */
static void
assert_has_words (const char *text,
                  const char *needle)
{
  g_autofree char *a = squeeze (text);
  g_auto(GStrv) words = g_strsplit (needle, " ", -1);
  const char *from = a;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *word = squeeze (words[i]);
      const char *at = strstr (from, word);

      if (at == NULL)
        g_error ("“%s” (of “%s”) is not in the document:\n%s", words[i], needle, text);
      from = at + strlen (word);
    }
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  g_autofree char *a = squeeze (text);
  g_autofree char *b = squeeze (needle);

  if (strstr (a, b) != NULL)
    g_error ("“%s” should not be in the document:\n%s", needle, text);
}

static void
test_training_account (void)
{
  g_autoptr(ChqTrainingYear) year = sample_year ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "account.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint pages;

  g_assert_true (chq_docs_write (CHQ_DOC_TRAINING_ACCOUNT, year, NULL, path, &error));
  g_assert_no_error (error);
  assert_private (path);
  text = pdf_text (path, &pages);
  if (text == NULL)
    return;

  /* One account a page for the three employees; not the temp or the student. */
  g_assert_cmpuint (pages, ==, 3);
  assert_has (text, "Individual Training Account");
  assert_has (text, "Atelier Mosan SRL — enterprise number 0123.456.749");
  /* Identity */
  for (guint i = 0; i < 2; i++)
    {
      const char *labels[] = { "Last name", "First name", "Date of birth", "Place of birth",
                               "Address", "National register number", "Work regime",
                               "Joint committee", "Date of entry", "Date of leaving",
                               "Training credit for the year", "Days followed", "Days left",
                               "Carried over to next year", "Growth path",
                               "Carried over from earlier years", "Trainings in 2026" };
      for (guint j = 0; j < G_N_ELEMENTS (labels); j++)
        assert_has (text, labels[j]);
    }
  assert_has (text, "Dubois");
  assert_has (text, "Sophie");
  assert_has (text, "30 July 1985");
  assert_has (text, "Liège");
  assert_has (text, "Rue Saint-Gilles 118");
  assert_has (text, "4000 Liège");
  assert_has (text, "85.07.30-033.28");
  assert_has (text, "Part time, 80 % of full time");
  assert_has (text, "200 — Commission paritaire auxiliaire pour employés");
  assert_has (text, "2025: 4.5 days, 2026: 5 days");
  /* Sophie: the sector's 5 days x 0.8 = 4 days; 7 h followed = 0.92 day at 7.6 h. */
  assert_has (text, "4 days");
  assert_has (text, "7 h = 0.92 days");
  assert_has (text, "Sécurité incendie et premiers secours");
  assert_has_words (text, "Yes, valid until 12 March 2028");
  assert_has (text, "Internal");
  /* The long names and the long title whole; the booking with vouchers. */
  assert_has (text, LONG_LAST);
  assert_has (text, LONG_FIRST);
  assert_has_words (text, LONG_TITLE);
  assert_has (text, "Cefora");
  assert_has (text, "Informal");
  assert_has (text, "IA, \"prompts\" et PME");
  assert_has (text, "Meuse Numérique Formation");
  assert_has (text, "Training vouchers");
  assert_has (text, "have it corrected");
  g_assert_null (strstr (text, "…"));
  assert_lacks (text, "Renard");
  assert_lacks (text, "Collard");
}

static void
test_training_account_no_right (void)
{
  g_autoptr(ChqTrainingYear) year = sample_year ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "temp.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (chq_docs_write (CHQ_DOC_TRAINING_ACCOUNT, year, "w4", path, &error));
  g_assert_no_error (error);
  text = pdf_text (path, NULL);
  if (text == NULL)
    return;
  assert_has (text, "Renard");
  assert_has (text, "no individual training right");
  assert_lacks (text, "Dubois");

  g_assert_false (chq_docs_write (CHQ_DOC_TRAINING_ACCOUNT, year, "nobody", path, &error));
  g_assert_error (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_NO_WORKER);
}

static void
test_statements (void)
{
  g_autoptr(ChqTrainingYear) year = sample_year ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "statements.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "one file each", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint pages, files = 0;

  g_assert_true (chq_docs_write (CHQ_DOC_BALANCE_STATEMENTS, year, NULL, path, &error));
  g_assert_no_error (error);
  assert_private (path);
  text = pdf_text (path, &pages);
  if (text == NULL)
    return;
  /* One page per worker with a credit. */
  g_assert_cmpuint (pages, ==, 3);
  assert_has (text, "Training Credit Statement 2026");
  assert_has (text, "To Dubois Sophie");
  assert_has (text, "Balance on 7 December 2026");
  assert_has (text, "Training credit for the year");
  assert_has (text, "Days followed");
  assert_has (text, "Days left");
  assert_has (text, "You may consult your individual training account at any time");
  assert_has (text, "have it corrected");
  assert_has (text, LONG_LAST);

  g_assert_true (chq_docs_write (CHQ_DOC_BALANCE_FOLDER, year, NULL, folder, &error));
  g_assert_no_error (error);
  listing = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  for (const char *name = g_dir_read_name (listing); name != NULL;
       name = g_dir_read_name (listing))
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);

      g_assert_true (g_str_has_prefix (name, "training-statements-2026-"));
      g_assert_true (g_str_has_suffix (name, ".pdf"));
      g_assert_null (strchr (name, ' '));
      assert_private (file);
      files++;
    }
  g_assert_cmpuint (files, ==, 3);
}

static void
test_plan (void)
{
  g_autoptr(ChqTrainingYear) year = sample_year ();
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.pdf", NULL);
  g_autofree char *anon_path = g_build_filename (dir, "plan-anon.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *anon = NULL;
  g_autoptr(GError) error = NULL;
  const char *personal[] = {
    "Dubois", "Sophie", "Lejeune", "Renard", "Collard", "Élodie", LONG_LAST, "Bénédicte",
    "85.07.30-033.28", "85073003328", "79021412759", "04021512339", "Saint-Gilles",
    "Impératrice", "30 July 1985", "2 January 1970", "Montignies-sur-Sambre",
  };
  const char *common[] = {
    "Annual Training Plan 2026", "Atelier Mosan SRL", "1 January 2026 to 31 December 2026",
    "Union delegation", "13 February 2026 (due by 15 February 2026, 15 days before the meeting)",
    "due by 15 March 2026", "27 March 2026 (due by 31 March 2026)", "due by 27 April 2026",
    "Soudure TIG, perfectionnement", "Tutorat des nouveaux à leur poste", "Formal",
    "Informal", "Nouveaux engagés", "Workers in risk groups", "Workers aged 50 or more",
    "Workers with a disability", "Shortage occupations", "Gender balance",
    "Les ouvriers de l’atelier", "Un parcours adapté",
    "Contribution to the Individual Training Right", "Chaque travailleur suit",
  };

  g_assert_true (chq_docs_write (CHQ_DOC_TRAINING_PLAN, year, NULL, path, &error));
  g_assert_no_error (error);
  g_assert_true (chq_docs_write (CHQ_DOC_TRAINING_PLAN_ANONYMISED, year, NULL, anon_path,
                                 &error));
  g_assert_no_error (error);
  assert_private (anon_path);
  text = pdf_text (path, NULL);
  anon = pdf_text (anon_path, NULL);
  if (text == NULL || anon == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    {
      assert_has_words (text, common[i]);
      assert_has_words (anon, common[i]);
    }
  /* The company's plan has the annex of credits; the copy has no personal data at all. */
  assert_has (text, "Annex");
  assert_has (text, "Dubois Sophie");
  assert_has (anon, "Anonymised copy");
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    assert_lacks (anon, personal[i]);
}

static void
test_plan_missing (void)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  GDate at = date (7, 12, 2026);
  g_autoptr(ChqTrainingYear) year =
    chq_training_year_new_full (2027, &at, "Atelier Mosan SRL", "0123456749",
                                CHQ_ACCOUNT_KIND_EMPLOYER, 25, workers, NULL, NULL);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (chq_docs_write (CHQ_DOC_TRAINING_PLAN, year, NULL, path, &error));
  g_assert_error (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_NOT_APPLICABLE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (chq_docs_write (CHQ_DOC_BALANCE_STATEMENTS, year, NULL, path, &error));
  g_assert_error (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_NO_WORKER);
}

static void
test_summary (void)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) enrolments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChqRegisterData) data = chq_register_data_new ("0723456781");
  g_autoptr(ChqTrainingYear) year = NULL;
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GDate at = date (7, 12, 2026);
  guint pages;

  g_ptr_array_add (workers, worker_new ("w1", "Julie", "Lambert",
                                        CHQ_WORKER_STATUS_SELF_EMPLOYED_MAIN, NULL));
  g_ptr_array_add (enrolments, enrolment_new ("enr-1", "w1", "Marketing et IA", 14));
  g_ptr_array_add (data->trainings, training_new ("w1", "Comptabilité pour indépendants",
                                                  date (3, 5, 2026), 6));
  year = chq_training_year_new_full (2026, &at, "Julie Lambert", "0723456781",
                                     CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN, 1, workers,
                                     enrolments, data);

  g_assert_true (chq_docs_write (CHQ_DOC_SELF_EMPLOYED_SUMMARY, year, NULL, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path, &pages);
  if (text == NULL)
    return;
  g_assert_cmpuint (pages, ==, 1);
  assert_has (text, "Training Summary 2026");
  assert_has (text, "Marketing et IA");
  assert_has (text, "Comptabilité pour indépendants");
  assert_has (text, "20 h");    /* hours of training */
  assert_has (text, "Training vouchers used");
  assert_has (text, "14");
}

/* In the interface language: the French catalogue compiled from po/fr.po, the statements in
 * French with French dates (four-digit years) and decimal commas. */
static void
test_french (void)
{
  g_autoptr(ChqTrainingYear) year = NULL;
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autofree char *dir = tmp_dir ();
  g_autofree char *mo_dir = g_build_filename (dir, "fr", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (mo_dir, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *po = g_build_filename (TEST_SRCDIR, "..", "po", "fr.po", NULL);
  g_autofree char *path = g_build_filename (dir, "releves.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (msgfmt == NULL)
    {
      g_test_skip ("msgfmt (gettext) is not installed");
      return;
    }
  if (setlocale (LC_ALL, "fr_BE.UTF-8") == NULL)
    {
      g_test_skip ("The fr_BE.UTF-8 locale is not installed");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (mo_dir, 0700), ==, 0);
  {
    const char *argv[] = { msgfmt, "-o", mo, po, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                  &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_setenv ("LANGUAGE", "fr", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  year = sample_year ();
  g_assert_true (chq_docs_write (CHQ_DOC_BALANCE_STATEMENTS, year, NULL, path, &error));
  g_assert_no_error (error);
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, saved);

  text = pdf_text (path, NULL);
  if (text == NULL)
    return;
  assert_has (text, "Relevé du crédit de formation 2026");
  assert_has (text, "numéro d’entreprise 0123.456.749");
  assert_has (text, "Solde au 7 décembre 2026");
  assert_has (text, "Crédit de formation de l’année");
  assert_has (text, "7 h = 0,92 jour à raison de 7,6 h par jour");
  assert_has (text, "Vos droits");
  assert_has (text, "Formelle");
  assert_has_words (text, "Oui, valable jusqu’au 12 mars 2028");
  assert_lacks (text, "Training");
}

/* Documents in another language: the catalogue compiled from po/LANG.po, LANGUAGE set to
 * it (and a Belgian locale, without which gettext ignores LANGUAGE). Returns FALSE (the test
 * skipped) without msgfmt or the locale. use_language (NULL) goes back to English. */
static gboolean
use_language (const char *lang)
{
  static char *dir = NULL;
  g_autofree char *msgfmt = NULL;
  g_autofree char *mo_dir = NULL;
  g_autofree char *mo = NULL;
  g_autofree char *po = NULL;
  g_autofree char *locale = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (lang == NULL)
    {
      g_unsetenv ("LANGUAGE");
      setlocale (LC_ALL, "C.UTF-8");
      return TRUE;
    }

  msgfmt = g_find_program_in_path ("msgfmt");
  if (msgfmt == NULL)
    {
      g_test_skip ("msgfmt (gettext) is not installed");
      return FALSE;
    }
  locale = g_strdup_printf ("%s_BE.UTF-8", g_str_equal (lang, "en") ? "fr" : lang);
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_test_skip ("The Belgian locales (fr_BE, nl_BE, de_BE) are not installed");
      return FALSE;
    }
  if (dir == NULL)
    dir = tmp_dir ();

  if (!g_str_equal (lang, "en"))
    {
      mo_dir = g_build_filename (dir, lang, "LC_MESSAGES", NULL);
      mo = g_build_filename (mo_dir, GETTEXT_PACKAGE ".mo", NULL);
      po = g_strdup_printf ("%s/../po/%s.po", TEST_SRCDIR, lang);
      g_assert_cmpint (g_mkdir_with_parents (mo_dir, 0700), ==, 0);
      if (!g_file_test (mo, G_FILE_TEST_EXISTS))
        {
          const char *argv[] = { msgfmt, "-o", mo, po, NULL };

          g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                        &status, &error);
          g_assert_no_error (error);
          g_assert_true (g_spawn_check_wait_status (status, NULL));
        }
    }
  g_setenv ("LANGUAGE", lang, TRUE);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  return TRUE;
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static gboolean
is_word_char (const char *p)
{
  return g_unichar_isalnum (g_utf8_get_char (p));
}

/* @word is in @text, and nowhere broken over two lines (or two pieces of a cell): no piece
 * of it ends a line (with or without a hyphen) where the rest of it begins another. */
static void
assert_whole (const char *text,
              const char *word)
{
  glong length = g_utf8_strlen (word, -1);

  if (strstr (text, word) == NULL)
    g_error ("“%s” is not whole in the document:\n%s", word, text);

  for (glong k = 2; k <= length - 2; k++)
    {
      const char *cut = g_utf8_offset_to_pointer (word, k);
      g_autofree char *head = g_strndup (word, cut - word);

      for (const char *p = strstr (text, head); p != NULL; p = strstr (p + 1, head))
        {
          const char *after = p + strlen (head);

          if (p > text && is_word_char (g_utf8_prev_char (p)))
            continue;
          if (*after == '-')
            after++;
          if (*after != '\n' && *after != ' ' && *after != '\f')
            continue;
          /* A piece of it ends here: does the rest begin a line or a piece? */
          for (const char *q = strstr (text, cut); q != NULL; q = strstr (q + 1, cut))
            if (q > text && (q[-1] == '\n' || q[-1] == ' ' || q[-1] == '\f') &&
                !is_word_char (q + strlen (cut)))
              g_error ("“%s” is broken as “%s” + “%s” in the document:\n%s", word, head,
                       cut, text);
        }
    }
}

/* Each word of @label whole (a header may wrap between its words). */
static void
assert_words_whole (const char *text,
                    const char *label)
{
  g_auto(GStrv) words = g_strsplit_set (label, " \u00a0", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) >= 4)
      assert_whole (text, words[i]);
}

/* Writes @kind in the current language and returns its text (NULL: skipped). */
static char *
write_and_read (ChqDocKind       kind,
                ChqTrainingYear *year,
                const char      *dir,
                const char      *name,
                guint           *pages)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (chq_docs_write (kind, year, NULL, path, &error));
  g_assert_no_error (error);

  return pdf_text (path, pages);
}

static ChqTrainingYear *
self_employed_year (void)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) enrolments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChqRegisterData) data = chq_register_data_new ("0723456781");
  GDate at = date (7, 12, 2026);
  ChqTraining *t;

  g_ptr_array_add (workers, worker_new ("w1", "Julie", "Lambert",
                                        CHQ_WORKER_STATUS_SELF_EMPLOYED_MAIN, NULL));
  g_ptr_array_add (enrolments, enrolment_new ("enr-1", "w1", "Marketing et IA", 14));
  t = training_new ("w1", "Multidisciplinarité et Arbeidsongevallenverzekering",
                    date (3, 5, 2026), 6);
  t->provider = g_strdup ("Opleidingscentrum Interprofessionnalité");
  t->funding = CHQ_FUNDING_SECTOR_FUND;
  g_ptr_array_add (data->trainings, t);

  return chq_training_year_new_full (2026, &at, "Julie Lambert", "0723456781",
                                     CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN, 1, workers,
                                     enrolments, data);
}

/* Every document in every language: no table header, value or long word is broken inside
 * (the words of a header may wrap between them, not inside). */
static void
test_whole_words (void)
{
  const char *const langs[] = { "en", "fr", "nl", "de" };
  const struct {
    ChqDocKind  kind;
    const char *name;
    const char *labels[16]; /* msgids, translated */
    ChqFunding  funding;    /* a funding the document shows */
    const char *words[5];   /* long words */
  } docs[] = {
    { CHQ_DOC_TRAINING_ACCOUNT, "account.pdf",
      { N_("Dates"), N_("Training"), N_("Provider"), N_("Type"), N_("Hours"),
        N_("Certificate"), N_("Funding"), N_("Formal"), N_("Informal"), N_("Internal"),
        N_("Work regime"), N_("Joint committee"), N_("National register number") },
      CHQ_FUNDING_SECTOR_FUND,
      { "Brandveiligheidsopleiding", "Arbeitsschutzunterweisung", "Opleidingscentrum",
        "Interprofessionnalité" } },
    { CHQ_DOC_BALANCE_STATEMENTS, "statements.pdf",
      { N_("Dates"), N_("Training"), N_("Provider"), N_("Type"), N_("Hours"),
        N_("Certificate"), N_("Funding"), N_("Formal"), N_("Informal"), N_("Internal") },
      CHQ_FUNDING_OTHER,
      { "Brandveiligheidsopleiding", "Arbeitsschutzunterweisung", "Opleidingscentrum",
        "Interprofessionnalité" } },
    { CHQ_DOC_TRAINING_PLAN, "plan.pdf",
      { N_("Training"), N_("Type"), N_("Target group"), N_("Particular attention"),
        N_("Hours"), N_("Participants"), N_("Formal"), N_("Informal"), N_("All workers"),
        N_("Worker"), N_("Credit"), N_("Carried over"), N_("Followed"), N_("Left") },
      CHQ_N_FUNDINGS,
      { "Multidisciplinarité", "Arbeidsongevallenverzekering",
        "Weiterbildungsverantwortliche" } },
    { CHQ_DOC_TRAINING_PLAN_ANONYMISED, "plan-anonymised.pdf",
      { N_("Training"), N_("Type"), N_("Target group"), N_("Particular attention"),
        N_("Hours"), N_("Participants"), N_("Formal"), N_("Informal"), N_("All workers") },
      CHQ_N_FUNDINGS,
      { "Multidisciplinarité", "Arbeidsongevallenverzekering",
        "Weiterbildungsverantwortliche" } },
    { CHQ_DOC_SELF_EMPLOYED_SUMMARY, "summary.pdf",
      { N_("Dates"), N_("Training"), N_("Provider"), N_("Hours"), N_("Vouchers"),
        N_("Funding") },
      CHQ_FUNDING_SECTOR_FUND,
      { "Multidisciplinarité", "Arbeidsongevallenverzekering", "Opleidingscentrum",
        "Interprofessionnalité" } },
  };
  g_autofree char *dir = tmp_dir ();

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      if (!use_language (langs[l]))
        return;

      for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
        {
          g_autoptr(ChqTrainingYear) year = docs[d].kind == CHQ_DOC_SELF_EMPLOYED_SUMMARY
                                            ? self_employed_year ()
                                            : sample_year_full (0, TRUE);
          g_autofree char *name = g_strdup_printf ("%s-%s", langs[l], docs[d].name);
          g_autofree char *text = write_and_read (docs[d].kind, year, dir, name, NULL);

          if (text == NULL)
            break;
          g_test_message ("%s: %s", langs[l], docs[d].name);
          for (guint i = 0; docs[d].labels[i] != NULL; i++)
            assert_words_whole (text, g_dgettext (GETTEXT_PACKAGE, docs[d].labels[i]));
          if (docs[d].funding != CHQ_N_FUNDINGS)
            assert_words_whole (text, chq_funding_get_label (docs[d].funding));
          for (guint i = 0; docs[d].words[i] != NULL; i++)
            assert_whole (text, docs[d].words[i]);
        }
    }
  use_language (NULL);
}

/* "Page 1 of 3" once on each page, and no other page number, in English and French; for
 * a plan whose annex fills several pages. */
static void
test_page_numbers (void)
{
  const char *const langs[] = { "en", "fr" };
  g_autofree char *dir = tmp_dir ();

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint extra = 0; extra <= 90; extra += 30)
      {
        g_autoptr(ChqTrainingYear) year = NULL;
        g_autofree char *text = NULL;
        g_auto(GStrv) page_texts = NULL;
        guint pages = 0;

        if (!use_language (langs[l]))
          return;
        year = sample_year_full (extra, FALSE);
        text = write_and_read (CHQ_DOC_TRAINING_PLAN, year, dir, "plan.pdf", &pages);
        if (text == NULL)
          return;
        g_assert_cmpuint (pages, >=, extra > 0 ? 2 : 1);
        page_texts = g_strsplit (text, "\f", -1);
        for (guint p = 0; p < pages; p++)
          {
            g_autofree char *label = g_strdup_printf (_("Page %u of %u"), p + 1, pages);
            g_autofree char *word = g_strndup (label, strchr (label, ' ') - label);

            g_assert_cmpuint (count (page_texts[p], label), ==, 1);
            /* "Page" (or "Pagina") once: no other page number on the page. */
            g_assert_cmpuint (count (page_texts[p], word), ==, 1);
          }
      }
  use_language (NULL);
}

/* Dates in words in the document's language, four-digit years, in French; the CSV keeps
 * ISO dates. */
static void
test_french_dates (void)
{
  g_autoptr(ChqTrainingYear) year = NULL;
  g_autofree char *dir = tmp_dir ();
  g_autofree char *account = NULL, *plan = NULL, *statements = NULL;
  g_autoptr(GBytes) csv = NULL;

  if (!use_language ("fr"))
    return;
  year = sample_year_full (0, TRUE);
  account = write_and_read (CHQ_DOC_TRAINING_ACCOUNT, year, dir, "a.pdf", NULL);
  plan = write_and_read (CHQ_DOC_TRAINING_PLAN, year, dir, "p.pdf", NULL);
  statements = write_and_read (CHQ_DOC_BALANCE_STATEMENTS, year, dir, "s.pdf", NULL);
  csv = chq_docs_training_records_csv (year, ';', ',');
  use_language (NULL);
  if (account == NULL || plan == NULL || statements == NULL)
    return;

  assert_has (account, "30 juillet 1985");
  assert_has (account, "1er septembre 2015");
  assert_has_words (account, "Oui, valable jusqu’au 12 mars 2028");
  assert_has_words (account, "1er septembre 2026 – 30 septembre 2026");
  assert_has (account, "Établi avec Chéquier le 7 décembre 2026");
  assert_has (statements, "Solde au 7 décembre 2026");
  assert_has (plan, "1er janvier 2026 au 31 décembre 2026");
  assert_has (plan, "13 février 2026");
  assert_has (plan, "27 mars 2026");
  g_assert_null (strstr (account, "2026-"));
  g_assert_null (strstr (plan, "/2026"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                  "2026-03-12"));
}

/* German dates, and a Dutch interface with a French LC_TIME: the document speaks Dutch. */
static void
test_dates_other_languages (void)
{
  g_autoptr(ChqTrainingYear) year = NULL;
  g_autofree char *dir = tmp_dir ();
  g_autofree char *de = NULL, *nl = NULL;

  if (!use_language ("de"))
    return;
  year = sample_year ();
  de = write_and_read (CHQ_DOC_BALANCE_STATEMENTS, year, dir, "de.pdf", NULL);
  if (!use_language ("nl"))
    return;
  setlocale (LC_TIME, "fr_BE.UTF-8");
  nl = write_and_read (CHQ_DOC_BALANCE_STATEMENTS, year, dir, "nl.pdf", NULL);
  use_language (NULL);
  if (de == NULL || nl == NULL)
    return;

  assert_has (de, "7. Dezember 2026");
  assert_has (de, "12. März 2026");
  assert_has (nl, "7 december 2026");
  assert_has (nl, "12 maart 2026");
  assert_lacks (nl, "décembre");
}

/* CSV */

static GPtrArray *
parse_csv (const char *text,
           char        separator)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == separator)
        g_ptr_array_add (record, g_string_free (g_steal_pointer (&field), FALSE)),
        field = g_string_new (NULL);
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (record, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (records, g_steal_pointer (&record));
          record = g_ptr_array_new_with_free_func (g_free);
          p++;
        }
      else
        g_string_append_c (field, *p);
    }

  g_string_free (field, TRUE);
  g_ptr_array_unref (record);

  return records;
}

static void
test_csv_formula_safe (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "=1+1", "\"'=1+1\"" },
    { "+32 4 123 45 67", "\"'+32 4 123 45 67\"" },
    { "-x", "\"'-x\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "\tTab", "\"'\tTab\"" },
    { "\rCR", "\"'\rCR\"" },
    { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "a=b", "a=b" },
    { "Liège", "Liège" },
  };
  g_autoptr(ChqCsv) csv = chq_csv_new_full (TRUE, ';');
  g_autoptr(GPtrArray) records = NULL;
  const char *text;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = chq_csv_quote (cases[i].in);

      g_assert_cmpstr (quoted, ==, cases[i].out);
    }

  /* With ';' as separator a ';' is quoted and a ',' is not; numbers keep their minus. */
  chq_csv_add_field (csv, "a;b");
  chq_csv_add_field (csv, "1,5 jours, environ");
  chq_csv_add_number (csv, "-3,5");
  chq_csv_add_number (csv, "12");
  chq_csv_add_number (csv, "=1+1");   /* not a number: a text field, made safe */
  chq_csv_add_number (csv, "1;2");
  chq_csv_add_field (csv, "Élodie «Ménard»");
  chq_csv_end_record (csv);
  text = chq_csv_peek_text (csv, NULL);
  g_assert_cmpstr (text, ==, CHQ_CSV_BOM "\"a;b\";1,5 jours, environ;-3,5;12;\"'=1+1\";"
                   "\"1;2\";Élodie «Ménard»\r\n");
  records = parse_csv (text + strlen (CHQ_CSV_BOM), ';');
  g_assert_cmpuint (((GPtrArray *) records->pdata[0])->len, ==, 7);
}

static void
test_csv_dialect (void)
{
  char separator, decimal;
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  setlocale (LC_NUMERIC, "C");
  chq_csv_dialect_for_locale (&separator, &decimal);
  g_assert_cmpint (separator, ==, ',');
  g_assert_cmpint (decimal, ==, '.');

  if (setlocale (LC_NUMERIC, "fr_BE.UTF-8") == NULL)
    {
      setlocale (LC_NUMERIC, saved);
      g_test_skip ("The fr_BE.UTF-8 locale is not installed");
      return;
    }
  chq_csv_dialect_for_locale (&separator, &decimal);
  g_assert_cmpint (separator, ==, ';');
  g_assert_cmpint (decimal, ==, ',');
  if (setlocale (LC_NUMERIC, "nl_BE.UTF-8") != NULL)
    {
      chq_csv_dialect_for_locale (&separator, &decimal);
      g_assert_cmpint (separator, ==, ';');
    }
  setlocale (LC_NUMERIC, saved);
}

static void
test_csv_records (void)
{
  g_autoptr(ChqTrainingYear) year = sample_year ();
  g_autoptr(GBytes) bytes = chq_docs_training_records_csv (year, ';', ',');
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  GPtrArray *header, *row;
  guint found = 0;

  g_assert_true (g_str_has_prefix (text, CHQ_CSV_BOM));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  records = parse_csv (text + strlen (CHQ_CSV_BOM), ';');
  /* The header and one record per worker and training: 3 in the register, 1 booking. */
  g_assert_cmpuint (records->len, ==, 5);
  header = records->pdata[0];
  g_assert_cmpuint (header->len, ==, 19);
  g_assert_cmpstr (header->pdata[0], ==, "Year");
  g_assert_cmpstr (header->pdata[10], ==, "Hours");

  for (guint i = 1; i < records->len; i++)
    {
      row = records->pdata[i];
      g_assert_cmpuint (row->len, ==, 19);
      g_assert_cmpstr (row->pdata[0], ==, "2026");
      if (g_strcmp0 (row->pdata[5], LONG_TITLE) == 0)
        {
          found++;
          g_assert_cmpstr (row->pdata[1], ==, LONG_LAST);
          g_assert_cmpstr (row->pdata[6], ==, "Cefora");
          g_assert_cmpstr (row->pdata[7], ==, "Informal");
          g_assert_cmpstr (row->pdata[8], ==, "2026-10-05");
          g_assert_cmpstr (row->pdata[9], ==, "2026-10-06");
          g_assert_cmpstr (row->pdata[10], ==, "14");
          g_assert_cmpstr (row->pdata[11], ==, "1,84");
          g_assert_cmpstr (row->pdata[12], ==, "Sector fund");
          g_assert_cmpstr (row->pdata[14], ==, "450,5");
        }
      else if (g_strcmp0 (row->pdata[1], "Lejeune") == 0)
        {
          found++;
          g_assert_cmpstr (row->pdata[3], ==, "79.02.14-127.59");
          g_assert_cmpstr (row->pdata[5], ==, "IA, \"prompts\" et PME");
          g_assert_cmpstr (row->pdata[13], ==, "7");
          g_assert_cmpstr (row->pdata[17], ==, "Booking with vouchers");
          g_assert_cmpstr (row->pdata[18], ==, "enr-1");
        }
      else if (g_strcmp0 (row->pdata[1], "Renard") == 0)
        {
          found++;
          /* A title that is a formula stays text. */
          g_assert_cmpstr (row->pdata[5], ==, "'=HYPERLINK(\"http://x\")");
        }
    }
  g_assert_cmpuint (found, ==, 3);
}

/* LibreOffice Calc, in Belgian French, opens the file in columns with numbers as numbers:
 * converted to HTML, each field is its own cell and the hours carry a numeric value. */
static void
test_csv_libreoffice_fr_be (void)
{
  g_autoptr(ChqTrainingYear) year = sample_year ();
  g_autoptr(GBytes) bytes = chq_docs_training_records_csv (year, ';', ',');
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *html_path = NULL;
  g_autofree char *html = NULL;
  g_autofree char *profile_arg = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  int status = 0;

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }

  dir = tmp_dir ();
  csv_path = g_build_filename (dir, "records.csv", NULL);
  html_path = g_build_filename (dir, "records.html", NULL);
  profile_arg = g_strconcat ("-env:UserInstallation=file://", dir, "/profile", NULL);
  g_file_set_contents (csv_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);

  env = g_get_environ ();
  env = g_environ_setenv (env, "LANG", "fr_BE.UTF-8", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "fr_BE.UTF-8", TRUE);
  {
    /* What the import dialog proposes in fr-BE: ';' (59), '"' (34), UTF-8 (76), line 1,
     * standard columns, language fr-BE (2060). */
    const char *argv[] = {
      soffice, profile_arg, "--headless",
      "--infilter=Text - txt - csv (StarCalc):59,34,76,1,,2060",
      "--convert-to", "html", "--outdir", dir, csv_path, NULL
    };

    g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL |
                  G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  g_file_get_contents (html_path, &html, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", html);
  /* Columns: the name and the title are cells of their own. */
  g_assert_nonnull (strstr (html, ">Lejeune<"));
  g_assert_nonnull (strstr (html, "IA, &quot;prompts&quot; et PME"));
  g_assert_nonnull (strstr (html, "Bénédicte"));
  g_assert_null (strstr (html, "Ã"));
  /* Numbers: 1,84 days and 450,5 euros are numeric cells (a value, aligned right), the
   * dates are dates; the national register number stays text. */
  g_assert_nonnull (strstr (html, "sdval=\"1,84\""));
  g_assert_nonnull (strstr (html, "sdval=\"450,5\""));
  g_assert_nonnull (strstr (html, "AAAA-MM-JJ"));
  g_assert_null (strstr (html, "sdval=\"79"));
  g_assert_nonnull (strstr (html, ">79.02.14-127.59<"));
  /* The formula was not run. */
  g_assert_nonnull (strstr (html, "=HYPERLINK"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/docs/training-account", test_training_account);
  g_test_add_func ("/docs/training-account-no-right", test_training_account_no_right);
  g_test_add_func ("/docs/statements", test_statements);
  g_test_add_func ("/docs/plan", test_plan);
  g_test_add_func ("/docs/plan-missing", test_plan_missing);
  g_test_add_func ("/docs/self-employed-summary", test_summary);
  g_test_add_func ("/docs/french", test_french);
  g_test_add_func ("/docs/whole-words", test_whole_words);
  g_test_add_func ("/docs/page-numbers", test_page_numbers);
  g_test_add_func ("/docs/french-dates", test_french_dates);
  g_test_add_func ("/docs/dates-other-languages", test_dates_other_languages);
  g_test_add_func ("/csv/formula-safe", test_csv_formula_safe);
  g_test_add_func ("/csv/dialect", test_csv_dialect);
  g_test_add_func ("/csv/records", test_csv_records);
  g_test_add_func ("/csv/libreoffice-fr-be", test_csv_libreoffice_fr_be);

  return g_test_run ();
}
