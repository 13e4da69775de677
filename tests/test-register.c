/* test-register.c: the durable local training register
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "chq-db.h"
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/register/private-file", test_private_file);
  g_test_add_func ("/register/details-and-trainings", test_details_and_trainings);
  g_test_add_func ("/register/refused-values", test_refused_values);
  g_test_add_func ("/register/rekey", test_rekey);

  return g_test_run ();
}
