/* test-register.c: the durable local training register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "chq-db.h"
#include "chq-test-sync-utils.h"
#include "chq-register.h"
#include "chq-register-private.h"
#include "chq-training-right.h"
#include "chq-worker.h"

#define ENTERPRISE "0123456749"
#define OTHER_ENTERPRISE "0403170701"

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static ChqRegister *
open_register (const char  *enterprise,
               const char  *path,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_register_open_async (enterprise, path, NULL, result_cb, &result);

  return chq_register_open_finish (wait_for (&result), error);
}

static ChqRegisterData *
load (ChqRegister *reg)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChqRegisterData *data;

  chq_register_load_async (reg, NULL, result_cb, &result);
  data = chq_register_load_finish (reg, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);

  return data;
}

static void
save_details (ChqRegister            *reg,
              const ChqWorkerDetails *details)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  chq_register_save_details_async (reg, details, NULL, result_cb, &result);
  g_assert_true (chq_register_save_details_finish (reg, wait_for (&result), &error));
  g_assert_no_error (error);
}

static ChqTraining *
add_training (ChqRegister       *reg,
              const ChqTraining *training)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ChqTraining *stored;

  chq_register_add_training_async (reg, training, NULL, result_cb, &result);
  stored = chq_register_add_training_finish (reg, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);

  return stored;
}

static ChqWorkerDetails *
sample_details (const char *key)
{
  ChqWorkerDetails *details = chq_worker_details_new (key);

  g_date_set_dmy (&details->birth_date, 30, 7, 1985);
  details->birth_place = g_strdup ("Liège");
  details->address = g_strdup ("Rue Saint-Gilles 118\n4000 Liège");
  details->work_fraction = 0.8;
  details->jc_number = g_strdup ("200");
  details->jc_name = g_strdup ("Commission paritaire auxiliaire pour employés");
  g_date_set_dmy (&details->entry_date, 15, 6, 2026);

  return details;
}

static ChqTraining *
sample_training (const char *key,
                 const char *title)
{
  ChqTraining *training = chq_training_new (key, title);

  g_date_set_dmy (&training->start_date, 12, 10, 2026);
  g_date_set_dmy (&training->end_date, 13, 10, 2026);
  training->hours = 14;
  training->provider = g_strdup ("Cefora");
  training->funding = CHQ_FUNDING_SECTOR_FUND;
  training->certificate = TRUE;
  g_date_set_dmy (&training->certificate_valid_until, 13, 10, 2028);
  training->cost_cents = 45000;

  return training;
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("chq-register-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* A new register is a private file in a private folder, under XDG_DATA_HOME. */
static void
test_private_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, NULL, &error);
  g_autofree char *path = chq_register_default_path (ENTERPRISE);
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpstr (chq_register_get_path (reg), ==, path);
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_false (g_str_has_prefix (path, g_get_user_cache_dir ()));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

/* Details and trainings go in and come back; delete gives the row back to undo. */
static void
test_details_and_trainings (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, path, &error);
  g_autoptr(ChqWorkerDetails) details = sample_details ("wrk-1");
  g_autoptr(ChqTraining) training = sample_training ("wrk-1", "Excel avancé");
  g_autoptr(ChqTraining) stored = NULL;
  g_autoptr(ChqTraining) deleted = NULL;
  g_autoptr(ChqTraining) undone = NULL;
  g_autoptr(ChqRegisterData) data = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const ChqWorkerDetails *back;
  const ChqTraining *t;

  g_assert_no_error (error);
  save_details (reg, details);
  stored = add_training (reg, training);
  g_assert_cmpint (stored->id, >, 0);
  /* The writes ran on the register's own thread, not this (the main) one. */
  g_assert_nonnull (_chq_register_get_worker_thread (reg));
  g_assert_true (_chq_register_get_worker_thread (reg) != g_thread_self ());

  data = load (reg);
  g_assert_cmpstr (data->enterprise_number, ==, ENTERPRISE);
  back = chq_register_data_find_details (data, "wrk-1");
  g_assert_nonnull (back);
  g_assert_cmpstr (back->birth_place, ==, "Liège");
  g_assert_cmpstr (back->address, ==, "Rue Saint-Gilles 118\n4000 Liège");
  g_assert_cmpfloat (back->work_fraction, ==, 0.8);
  g_assert_cmpstr (back->jc_number, ==, "200");
  g_assert_cmpint (g_date_get_year (&back->birth_date), ==, 1985);
  g_assert_cmpint (g_date_get_day (&back->entry_date), ==, 15);
  g_assert_false (g_date_valid (&back->leaving_date));
  g_assert_cmpuint (data->trainings->len, ==, 1);
  t = data->trainings->pdata[0];
  g_assert_cmpstr (t->title, ==, "Excel avancé");
  g_assert_cmpstr (t->provider, ==, "Cefora");
  g_assert_cmpint (t->funding, ==, CHQ_FUNDING_SECTOR_FUND);
  g_assert_cmpint (t->cost_cents, ==, 45000);
  g_assert_true (t->certificate);
  g_assert_cmpint (g_date_get_year (&t->certificate_valid_until), ==, 2028);
  g_clear_pointer (&data, chq_register_data_free);

  chq_register_delete_training_async (reg, stored->id, NULL, result_cb, &result);
  deleted = chq_register_delete_training_finish (reg, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (deleted->id, ==, stored->id);
  g_clear_object (&result);
  data = load (reg);
  g_assert_cmpuint (data->trainings->len, ==, 0);
  g_clear_pointer (&data, chq_register_data_free);

  /* Undo: the same row, with the same id. */
  undone = add_training (reg, deleted);
  g_assert_cmpint (undone->id, ==, stored->id);
  data = load (reg);
  g_assert_cmpuint (data->trainings->len, ==, 1);
  g_assert_cmpint (((ChqTraining *) data->trainings->pdata[0])->id, ==, stored->id);
}

/* A bad value is refused with a message, and nothing is stored. */
static void
test_refused_values (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, path, &error);
  g_autoptr(ChqWorkerDetails) details = sample_details ("wrk-1");
  g_autoptr(ChqTraining) training = sample_training ("wrk-1", "  ");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqRegisterData) data = NULL;

  details->work_fraction = 1.5;
  chq_register_save_details_async (reg, details, NULL, result_cb, &result);
  g_assert_false (chq_register_save_details_finish (reg, wait_for (&result), &error));
  g_assert_error (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_FRACTION);
  g_clear_error (&error);
  g_clear_object (&result);

  chq_register_add_training_async (reg, training, NULL, result_cb, &result);
  g_assert_null (chq_register_add_training_finish (reg, wait_for (&result), &error));
  g_assert_error (error, CHQ_TRAINING_CHECK_ERROR, CHQ_TRAINING_CHECK_ERROR_TITLE);

  data = load (reg);
  g_assert_cmpuint (data->details->len, ==, 0);
  g_assert_cmpuint (data->trainings->len, ==, 0);
}

/* Details typed for a worker created offline follow it once the service gives its id. */
static void
test_rekey (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, path, &error);
  g_autoptr(ChqWorkerDetails) details = sample_details ("3b0c6f5e-1d2a-4c1e-9a57-5d9a0f1e2b3c");
  g_autoptr(ChqTraining) training = sample_training (details->worker_key, "Sécurité");
  g_autoptr(ChqTraining) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ChqRegisterData) data = NULL;

  save_details (reg, details);
  stored = add_training (reg, training);

  chq_register_rekey_worker_async (reg, details->worker_key, "wrk-9", NULL, result_cb,
                                   &result);
  g_assert_true (chq_register_rekey_worker_finish (reg, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  data = load (reg);
  g_assert_null (chq_register_data_find_details (data, details->worker_key));
  g_assert_nonnull (chq_register_data_find_details (data, "wrk-9"));
  g_assert_cmpstr (((ChqTraining *) data->trainings->pdata[0])->worker_key, ==, "wrk-9");

  /* Nothing under the old key any more: nothing moves, no error. */
  chq_register_rekey_worker_async (reg, details->worker_key, "wrk-9", NULL, result_cb,
                                   &result);
  g_assert_false (chq_register_rekey_worker_finish (reg, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* A register of schema version 1 (before the plans) is brought up to date, its rows kept. */
static void
test_migration (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = NULL;
  g_autoptr(ChqRegisterData) data = NULL;
  g_autoptr(ChqTrainingPlan) plan = chq_training_plan_new (2027);
  g_autoptr(GAsyncResult) result = NULL;
  sqlite3 *db;

  db = chq_db_open_private (path, TRUE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (chq_db_migrate (db, _chq_register_migrations, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chq_db_get_user_version (db, NULL), ==, 1);
  g_assert_true (chq_db_exec (db,
    "INSERT INTO meta VALUES ('enterprise_number', '" ENTERPRISE "');"
    "INSERT INTO worker_details (worker_key, birth_place, work_fraction, jc_number) "
    "  VALUES ('wrk-1', 'Namur', 0.5, '124.00');"
    "INSERT INTO trainings (worker_key, title, start_date, hours, funding) "
    "  VALUES ('wrk-1', 'Sécurité', '2025-03-02', 4, 'own_budget');", &error));
  g_assert_no_error (error);
  chq_db_close (db);

  reg = open_register (ENTERPRISE, path, &error);
  g_assert_no_error (error);
  data = load (reg);
  g_assert_cmpstr (chq_register_data_find_details (data, "wrk-1")->birth_place, ==, "Namur");
  g_assert_cmpuint (data->trainings->len, ==, 1);
  g_assert_cmpuint (data->plans->len, ==, 0);

  /* Version 2's table is there. */
  g_ptr_array_add (plan->items, chq_plan_item_new ("Tutorat", FALSE));
  chq_register_save_plan_async (reg, plan, NULL, result_cb, &result);
  g_assert_true (chq_register_save_plan_finish (reg, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_pointer (&data, chq_register_data_free);
  data = load (reg);
  g_assert_cmpuint (data->plans->len, ==, 1);
  g_assert_cmpstr (((ChqPlanItem *) chq_register_data_find_plan (data, 2027)->items->pdata[0])->title,
                   ==, "Tutorat");
  g_clear_object (&reg);

  db = chq_db_open_private (path, FALSE, FALSE, &error);
  g_assert_cmpint (chq_db_get_user_version (db, NULL), ==, CHQ_REGISTER_SCHEMA_VERSION);
  chq_db_close (db);
}

/* A register written by a newer Chéquier is refused and left as it is. */
static void
test_newer_schema (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = NULL;
  sqlite3 *db;

  db = chq_db_open_private (path, TRUE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (chq_db_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;", NULL));
  chq_db_close (db);

  reg = open_register (ENTERPRISE, path, &error);
  g_assert_null (reg);
  g_assert_error (error, CHQ_DB_ERROR, CHQ_DB_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version"));

  db = chq_db_open_private (path, FALSE, FALSE, NULL);
  g_assert_cmpint (chq_db_get_user_version (db, NULL), ==, 99);
  chq_db_close (db);
}

/* A register of another company at the path is refused. */
static void
test_foreign_register (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, path, &error);
  g_autoptr(ChqRegister) other = NULL;

  g_assert_no_error (error);
  g_clear_object (&reg);
  other = open_register (OTHER_ENTERPRISE, path, &error);
  g_assert_null (other);
  g_assert_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_WRONG_COMPANY);
}

static void
fill_sample (ChqRegister *reg)
{
  g_autoptr(ChqWorkerDetails) details = sample_details ("wrk-1");
  g_autoptr(ChqTraining) t1 = sample_training ("wrk-1", "Excel avancé");
  g_autoptr(ChqTraining) t2 = sample_training ("wrk-2", "Sécurité incendie");
  g_autoptr(ChqTraining) s1 = NULL, s2 = NULL;
  g_autoptr(ChqJcRule) rule = chq_jc_rule_new ("200", "CPAE", 2);
  ChqTrainingSettings settings = { .workforce = 24, .carry_over_years = 2,
                                   .hours_per_day = 8 };
  g_autoptr(GAsyncResult) r1 = NULL, r2 = NULL;
  g_autoptr(GError) error = NULL;

  save_details (reg, details);
  s1 = add_training (reg, t1);
  t2->internal = TRUE;
  t2->formal = FALSE;
  s2 = add_training (reg, t2);
  chq_jc_rule_add_step (rule, 2026, 3);
  chq_register_save_jc_rule_async (reg, rule, NULL, result_cb, &r1);
  chq_register_save_settings_async (reg, &settings, NULL, result_cb, &r2);
  g_assert_true (chq_register_save_jc_rule_finish (reg, wait_for (&r1), &error));
  g_assert_true (chq_register_save_settings_finish (reg, wait_for (&r2), &error));
  g_assert_no_error (error);
}

/* Everything the register holds as one text, to compare two registers. */
static char *
dump (ChqRegisterData *data)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s %g %u %g\n", data->enterprise_number,
                          data->settings.workforce, data->settings.carry_over_years,
                          data->settings.hours_per_day);
  for (guint i = 0; i < data->details->len; i++)
    {
      ChqWorkerDetails *d = data->details->pdata[i];
      g_autofree char *birth = _chq_register_date_to_text (&d->birth_date);

      g_string_append_printf (out, "D %s %s %s %s %g %s\n", d->worker_key, birth,
                              d->birth_place, d->address, d->work_fraction, d->jc_number);
    }
  for (guint i = 0; i < data->trainings->len; i++)
    {
      ChqTraining *t = data->trainings->pdata[i];
      g_autofree char *start = _chq_register_date_to_text (&t->start_date);

      g_string_append_printf (out, "T %" G_GINT64_FORMAT " %s %s %s %d %d %s %g %"
                              G_GINT64_FORMAT " %d\n", t->id, t->worker_key, t->title,
                              t->provider, t->internal, t->formal, start, t->hours,
                              t->cost_cents, t->funding);
    }
  for (guint i = 0; i < data->jc_rules->len; i++)
    {
      ChqJcRule *r = data->jc_rules->pdata[i];
      g_autofree char *path = chq_jc_rule_format_growth_path (r);

      g_string_append_printf (out, "R %s %s %g %s\n", r->number, r->name, r->days_per_year,
                              path);
    }

  return g_string_free (out, FALSE);
}

static gboolean
backup (ChqRegister  *reg,
        const char   *path,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_register_backup_async (reg, path, NULL, result_cb, &result);
  return chq_register_backup_finish (reg, wait_for (&result), error);
}

static gboolean
restore (ChqRegister  *reg,
         const char   *path,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_register_restore_async (reg, path, NULL, result_cb, &result);
  return chq_register_restore_finish (reg, wait_for (&result), error);
}

static ChqRegisterSummary *
read_summary (const char  *path,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_register_read_summary_async (path, NULL, result_cb, &result);
  return chq_register_read_summary_finish (wait_for (&result), error);
}

/* Back up, then restore on a fresh profile: the same register. */
static void
test_backup_restore (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autofree char *fresh_path = g_build_filename (dir, "fresh", "register.db", NULL);
  g_autofree char *backup_path = g_build_filename (dir, "backup.chequier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, path, &error);
  g_autoptr(ChqRegister) fresh = NULL;
  g_autoptr(ChqRegisterData) before = NULL;
  g_autoptr(ChqRegisterData) after = NULL;
  g_autoptr(ChqRegisterSummary) summary = NULL;
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  fill_sample (reg);
  before = load (reg);
  dump_before = dump (before);

  g_assert_true (backup (reg, backup_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  summary = read_summary (backup_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->enterprise_number, ==, ENTERPRISE);
  g_assert_cmpuint (summary->n_workers, ==, 1);
  g_assert_cmpuint (summary->n_trainings, ==, 2);
  g_assert_cmpuint (summary->n_jc_rules, ==, 1);
  g_assert_cmpint (summary->schema_version, ==, CHQ_REGISTER_SCHEMA_VERSION);
  g_assert_nonnull (summary->saved_at);

  /* A new computer: an empty register, the backup restored into it. */
  fresh = open_register (ENTERPRISE, fresh_path, &error);
  g_assert_no_error (error);
  g_assert_true (restore (fresh, backup_path, &error));
  g_assert_no_error (error);
  after = load (fresh);
  dump_after = dump (after);
  g_assert_cmpstr (dump_after, ==, dump_before);
  g_assert_cmpint (g_stat (fresh_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The restored register goes on working. */
  {
    g_autoptr(ChqTraining) t = sample_training ("wrk-1", "Après restauration");
    g_autoptr(ChqTraining) stored = add_training (fresh, t);

    g_assert_cmpint (stored->id, >, 0);
  }
}

/* Foreign, newer and damaged files are refused; the register is left as it was. */
static void
test_restore_refused (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autofree char *other_path = g_build_filename (dir, "other.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.chequier", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.chequier", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.chequier", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.chequier", NULL);
  g_autofree char *not_register = g_build_filename (dir, "other-app.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.chequier", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, path, &error);
  g_autoptr(ChqRegister) other = NULL;
  g_autoptr(ChqRegisterData) before = NULL;
  g_autofree char *dump_before = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db;
  const struct { const char *path; int code; } cases[] = {
    { foreign, CHQ_REGISTER_ERROR_WRONG_COMPANY },
    { newer, CHQ_REGISTER_ERROR_NEWER },
    { garbage, CHQ_REGISTER_ERROR_DAMAGED },
    { damaged, CHQ_REGISTER_ERROR_DAMAGED },
    { not_register, CHQ_REGISTER_ERROR_DAMAGED },
    { missing, CHQ_REGISTER_ERROR_DAMAGED },
  };

  g_assert_no_error (error);
  fill_sample (reg);
  before = load (reg);
  dump_before = dump (before);

  /* Another company's backup. */
  other = open_register (OTHER_ENTERPRISE, other_path, &error);
  g_assert_no_error (error);
  fill_sample (other);
  g_assert_true (backup (other, foreign, &error));
  g_assert_no_error (error);

  /* A newer one: this company's backup, its version raised. */
  g_assert_true (backup (reg, newer, &error));
  db = chq_db_open_private (newer, FALSE, FALSE, &error);
  g_assert_true (chq_db_exec (db, "PRAGMA user_version = 7", &error));
  chq_db_close (db);

  /* Not a database; a database whose pages are damaged; another program's database. */
  g_assert_true (g_file_set_contents (garbage, "This is not a database at all, sorry.\n", -1,
                                      &error));
  g_assert_true (backup (reg, damaged, &error));
  g_assert_true (g_file_get_contents (damaged, &contents, &length, &error));
  g_assert_cmpuint (length, >=, 8192);
  for (gsize i = 4096 + 100; i < length; i += 7)
    contents[i] = (char) (contents[i] ^ 0x5a);
  g_assert_true (g_file_set_contents (damaged, contents, length, &error));
  db = chq_db_open_private (not_register, TRUE, FALSE, &error);
  g_assert_true (chq_db_exec (db, "CREATE TABLE songs (title); PRAGMA user_version = 1;",
                              &error));
  chq_db_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChqRegisterData) after = NULL;
      g_autofree char *dump_after = NULL;

      g_assert_false (restore (reg, cases[i].path, &error));
      g_assert_error (error, CHQ_REGISTER_ERROR, cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "not changed"));
      g_clear_error (&error);

      after = load (reg);
      dump_after = dump (after);
      g_assert_cmpstr (dump_after, ==, dump_before);
    }

  /* The summary of the foreign file says whose it is. */
  {
    g_autoptr(ChqRegisterSummary) summary = read_summary (foreign, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (summary->enterprise_number, ==, OTHER_ENTERPRISE);
    g_assert_null (read_summary (garbage, &error));
    g_assert_error (error, CHQ_REGISTER_ERROR, CHQ_REGISTER_ERROR_DAMAGED);
  }
}

static ChqWorker *
worker_new (const char *id,
            const char *first,
            const char *last)
{
  return g_object_new (CHQ_TYPE_WORKER, "id", id, "first-name", first, "last-name", last,
                       NULL);
}

static GPtrArray *
demo_workers (void)
{
  GPtrArray *workers = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (workers, worker_new ("wrk-1", "Sophie", "Dubois"));
  g_ptr_array_add (workers, worker_new ("wrk-2", "Marc", "Lejeune"));
  g_ptr_array_add (workers, worker_new ("wrk-3", "Nadia", "Benali"));
  g_ptr_array_add (workers, worker_new ("wrk-4", "Thomas", "Renard"));
  g_ptr_array_add (workers, worker_new ("wrk-5", "Philippe", "Mathieu"));
  g_ptr_array_add (workers, worker_new ("wrk-6", "Élodie", "Collard"));

  return workers;
}

static gboolean
seed_demo (ChqRegister  *reg,
           GPtrArray    *workers,
           const GDate  *today,
           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_register_seed_demo_async (reg, workers, today, NULL, result_cb, &result);
  return chq_register_seed_demo_finish (reg, wait_for (&result), error);
}

static gboolean
remove_demo (ChqRegister  *reg,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chq_register_remove_demo_async (reg, NULL, result_cb, &result);
  return chq_register_remove_demo_finish (reg, wait_for (&result), error);
}

/* The demo fills the register from the sandbox's today; Leave Demo removes it and only it. */
static void
test_demo (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, path, &error);
  g_autoptr(GPtrArray) workers = demo_workers ();
  g_autoptr(ChqRegisterData) data = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);
  g_autoptr(ChqTraining) mine = sample_training ("wrk-1", "Ma formation");
  g_autoptr(ChqTraining) stored = NULL;
  const ChqWorkerDetails *sophie, *nadia;
  guint this_year = 0;

  g_assert_no_error (error);
  stored = add_training (reg, mine);
  g_assert_true (seed_demo (reg, workers, today, &error));
  g_assert_no_error (error);
  /* Twice: the same, not doubled. */
  g_assert_true (seed_demo (reg, workers, today, &error));
  data = load (reg);

  g_assert_cmpuint (data->details->len, ==, 6);
  g_assert_cmpfloat (data->settings.workforce, ==, 12);
  sophie = chq_register_data_find_details (data, "wrk-1");
  g_assert_true (chq_worker_details_check (sophie, "85073003328", today, &error));
  g_assert_no_error (error);
  g_assert_true (chq_worker_details_check (chq_register_data_find_details (data, "wrk-2"),
                                           "79021412759", today, &error));
  g_assert_true (chq_worker_details_check (chq_register_data_find_details (data, "wrk-3"),
                                           "91050324559", today, &error));
  g_assert_true (chq_worker_details_check (chq_register_data_find_details (data, "wrk-5"),
                                           "72061101941", today, &error));
  g_assert_true (chq_worker_details_check (chq_register_data_find_details (data, "wrk-6"),
                                           "04021512339", today, &error));
  g_assert_no_error (error);
  /* Nadia joined six months before the sandbox's today. */
  nadia = chq_register_data_find_details (data, "wrk-3");
  g_assert_cmpint (g_date_get_year (&nadia->entry_date), ==, 2026);
  g_assert_cmpint (g_date_get_month (&nadia->entry_date), ==, G_DATE_MAY);
  for (guint i = 0; i < data->trainings->len; i++)
    {
      ChqTraining *t = data->trainings->pdata[i];

      g_assert_true (chq_training_check (t, NULL));
      g_assert_cmpint (t->funding, !=, CHQ_FUNDING_VOUCHERS);
      g_assert_true (g_date_compare (&t->start_date, today) <= 0);
      if (chq_training_get_year (t) == 2026 && t->demo)
        this_year++;
    }
  g_assert_cmpuint (data->trainings->len, ==, 8);
  g_assert_cmpuint (this_year, >=, 5);
  g_clear_pointer (&data, chq_register_data_free);

  g_assert_true (remove_demo (reg, &error));
  g_assert_no_error (error);
  data = load (reg);
  g_assert_cmpuint (data->details->len, ==, 0);
  g_assert_cmpuint (data->trainings->len, ==, 1);
  g_assert_cmpstr (((ChqTraining *) data->trainings->pdata[0])->title, ==, "Ma formation");
  g_assert_cmpfloat (data->settings.workforce, <, 0);
}

/* The child: seeds and removes the demo in a loop, each a transaction of many rows, and
 * adds a training between them, until it is killed. */
static int
crash_child_main (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqRegister) reg = open_register (ENTERPRISE, path, &error);
  g_autoptr(GPtrArray) workers = demo_workers ();
  g_autoptr(GDate) today = g_date_new_dmy (28, G_DATE_NOVEMBER, 2026);

  if (reg == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; ; i++)
    {
      g_autoptr(ChqTraining) t = sample_training ("wrk-1", "Boucle");
      g_autoptr(ChqTraining) stored = add_training (reg, t);

      if (!seed_demo (reg, workers, today, &error) || !remove_demo (reg, &error))
        g_error ("%s", error->message);
    }

  return 0;
}

/* Killed in the middle of its writes, the register is whole: no half-seeded demo. */
static void
test_crash (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "register.db", NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint killed = 0;

  for (guint round = 0; round < 6; round++)
    {
      const char *argv[] = { self_exe, "--crash-child", path, NULL };
      GPid pid = test_spawn_child (argv);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChqRegister) reg = NULL;
      g_autoptr(ChqRegisterData) data = NULL;
      guint demo_trainings = 0, demo_details = 0;
      sqlite3 *db;

      if (test_kill_child_after (pid, g_rand_int_range (rand, 150, 500)))
        killed++;

      db = chq_db_open_private (path, FALSE, FALSE, &error);
      g_assert_no_error (error);
      g_assert_true (chq_db_check_integrity (db, &error));
      g_assert_no_error (error);
      chq_db_close (db);

      reg = open_register (ENTERPRISE, path, &error);
      g_assert_no_error (error);
      data = load (reg);
      for (guint i = 0; i < data->trainings->len; i++)
        demo_trainings += ((ChqTraining *) data->trainings->pdata[i])->demo;
      for (guint i = 0; i < data->details->len; i++)
        demo_details += ((ChqWorkerDetails *) data->details->pdata[i])->demo;
      g_test_message ("round %u: %u trainings, %u of the demo; %u demo details", round,
                      data->trainings->len, demo_trainings, demo_details);
      g_assert_true (demo_trainings == 0 || demo_trainings == 7);
      g_assert_true (demo_details == 0 || demo_details == 6);
      g_assert_true ((demo_trainings == 0) == (demo_details == 0));
    }
  g_assert_cmpuint (killed, >, 3);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child_main (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/register/private-file", test_private_file);
  g_test_add_func ("/register/details-and-trainings", test_details_and_trainings);
  g_test_add_func ("/register/refused-values", test_refused_values);
  g_test_add_func ("/register/rekey", test_rekey);
  g_test_add_func ("/register/migration", test_migration);
  g_test_add_func ("/register/newer-schema", test_newer_schema);
  g_test_add_func ("/register/foreign-register", test_foreign_register);
  g_test_add_func ("/register/backup-restore", test_backup_restore);
  g_test_add_func ("/register/restore-refused", test_restore_refused);
  g_test_add_func ("/register/demo", test_demo);
  g_test_add_func ("/register/crash", test_crash);

  return g_test_run ();
}
