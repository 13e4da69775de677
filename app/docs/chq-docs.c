/* chq-docs.c: the training register's documents: formats, file names, writing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A document is built in two steps: its texts on the calling thread (gettext and the
 * locale's formats, which are the main thread's business), then its layout and file on a
 * worker thread (chq_docs_write_async()). Every file holds personal data: it is written
 * 0600 and replaced atomically.
 */
#define G_LOG_DOMAIN "chq-docs"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "chq-csv.h"
#include "chq-docs-private.h"
#include "chq-ident.h"

G_DEFINE_QUARK (chq-docs-error-quark, chq_docs_error)

/**
 * chq_docs_suggest_file_name:
 * @kind: the document
 * @year: the year
 * @worker: (nullable): the worker, for one worker's document
 *
 * Returns: (transfer full): a file name (a folder's name for CHQ_DOC_BALANCE_FOLDER)
 */
char *
chq_docs_suggest_file_name (ChqDocKind                   kind,
                            const ChqTrainingYear       *year,
                            const ChqTrainingYearWorker *worker)
{
  g_autofree char *who = NULL;
  const char *stem;
  const char *ext = ".pdf";
  char *name;

  switch (kind)
    {
    case CHQ_DOC_TRAINING_ACCOUNT:
      /* Translators: a file name, without spaces */
      stem = C_("file name", "training-account");
      break;
    case CHQ_DOC_BALANCE_STATEMENTS:
      stem = C_("file name", "training-statements");
      break;
    case CHQ_DOC_BALANCE_FOLDER:
      stem = C_("file name", "training-statements");
      ext = "";
      break;
    case CHQ_DOC_TRAINING_PLAN:
      stem = C_("file name", "training-plan");
      break;
    case CHQ_DOC_TRAINING_PLAN_ANONYMISED:
      stem = C_("file name", "training-plan-anonymised");
      break;
    case CHQ_DOC_SELF_EMPLOYED_SUMMARY:
      stem = C_("file name", "training-summary");
      break;
    case CHQ_DOC_TRAINING_RECORDS_CSV:
      stem = C_("file name", "training-records");
      ext = ".csv";
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (worker != NULL)
    who = g_strdup_printf ("-%s-%s", worker->last_name ? worker->last_name : "",
                           worker->first_name ? worker->first_name : "");

  name = g_strdup_printf ("%s-%d%s%s", stem, year->year, who != NULL ? who : "", ext);

  /* No character a file system or a shell makes trouble with. */
  for (char *p = name; *p != '\0'; p++)
    if (strchr ("/\\:*?\"<>| \t\n\r", *p) != NULL)
      *p = '-';

  return name;
}

/* Writing */

typedef struct {
  ChqDocKind  kind;
  char       *path;    /* owned */
  GPtrArray  *layouts; /* owned, of ChqDocLayout */
  GPtrArray  *paths;   /* owned, of char*: each layout's file */
  GBytes     *bytes;   /* owned: the CSV */
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->layouts, g_ptr_array_unref);
  g_clear_pointer (&job->paths, g_ptr_array_unref);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteJob, write_job_free)

static WriteJob *
prepare_job (ChqDocKind        kind,
             ChqTrainingYear  *year,
             const char       *worker_key,
             const char       *path,
             GError          **error)
{
  g_autoptr(WriteJob) job = g_new0 (WriteJob, 1);
  ChqDocLayout *layout = NULL;

  job->kind = kind;
  job->path = g_strdup (path);
  job->layouts = g_ptr_array_new_with_free_func ((GDestroyNotify) chq_doc_layout_free);
  job->paths = g_ptr_array_new_with_free_func (g_free);

  switch (kind)
    {
    case CHQ_DOC_TRAINING_ACCOUNT:
      layout = _chq_docs_build_training_account (year, worker_key, error);
      break;
    case CHQ_DOC_BALANCE_STATEMENTS:
      layout = _chq_docs_build_statements (year, NULL, error);
      break;
    case CHQ_DOC_TRAINING_PLAN:
    case CHQ_DOC_TRAINING_PLAN_ANONYMISED:
      layout = _chq_docs_build_plan (year, kind == CHQ_DOC_TRAINING_PLAN_ANONYMISED, error);
      break;
    case CHQ_DOC_SELF_EMPLOYED_SUMMARY:
      layout = _chq_docs_build_summary (year, error);
      break;
    case CHQ_DOC_TRAINING_RECORDS_CSV:
      {
        char separator, decimal;

        chq_csv_dialect_for_locale (&separator, &decimal);
        job->bytes = chq_docs_training_records_csv (year, separator, decimal);
        return g_steal_pointer (&job);
      }
    case CHQ_DOC_BALANCE_FOLDER:
      for (guint i = 0; i < year->workers->len; i++)
        {
          const ChqTrainingYearWorker *w = year->workers->pdata[i];
          g_autofree char *name = NULL;

          if (!w->balance.has_right)
            continue;
          layout = _chq_docs_build_statements (year, w->worker_key, error);
          if (layout == NULL)
            return NULL;
          name = chq_docs_suggest_file_name (CHQ_DOC_BALANCE_STATEMENTS, year, w);
          g_ptr_array_add (job->layouts, layout);
          g_ptr_array_add (job->paths, g_build_filename (path, name, NULL));
        }
      if (job->layouts->len == 0)
        {
          g_set_error (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_NO_WORKER,
                       _("No worker has a training credit in %d: there is no statement to "
                         "make."), year->year);
          return NULL;
        }
      return g_steal_pointer (&job);
    default:
      g_return_val_if_reached (NULL);
    }

  if (layout == NULL)
    return NULL;

  g_ptr_array_add (job->layouts, layout);
  g_ptr_array_add (job->paths, g_strdup (path));

  return g_steal_pointer (&job);
}

static gboolean
run_job (WriteJob  *job,
         GError   **error)
{
  if (job->bytes != NULL)
    return chq_doc_write_private_file (job->path, job->bytes, error);

  if (job->kind == CHQ_DOC_BALANCE_FOLDER)
    {
      g_autoptr(GError) local_error = NULL;

      if (g_mkdir_with_parents (job->path, 0700) != 0)
        {
          g_autofree char *name = g_filename_display_name (job->path);
          int saved = errno;

          g_set_error (error, CHQ_DOCS_ERROR, CHQ_DOCS_ERROR_WRITE,
                       _("Could not create the folder “%s”: %s. Choose another folder."),
                       name, g_strerror (saved));
          return FALSE;
        }
    }

  for (guint i = 0; i < job->layouts->len; i++)
    if (!chq_doc_layout_write_pdf (job->layouts->pdata[i], job->paths->pdata[i], NULL, error))
      return FALSE;

  return TRUE;
}

/**
 * chq_docs_write:
 * @kind: the document
 * @year: the year's data
 * @worker_key: (nullable): for CHQ_DOC_TRAINING_ACCOUNT, one worker; %NULL for every worker
 *   with a training credit
 * @path: the file to write, or the folder for CHQ_DOC_BALANCE_FOLDER
 * @error: return location for a #GError
 *
 * Makes and writes a document, blocking: call it from a worker thread or a test; the UI
 * calls chq_docs_write_async().
 *
 * Returns: whether it was written
 */
gboolean
chq_docs_write (ChqDocKind        kind,
                ChqTrainingYear  *year,
                const char       *worker_key,
                const char       *path,
                GError          **error)
{
  g_autoptr(WriteJob) job = prepare_job (kind, year, worker_key, path, error);

  return job != NULL && run_job (job, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_job (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * chq_docs_write_async:
 * @kind: the document
 * @year: the year's data
 * @worker_key: (nullable): see chq_docs_write()
 * @path: the file, or the folder for CHQ_DOC_BALANCE_FOLDER
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Makes the document's texts now (in the interface language), then lays it out and writes
 * it on a worker thread.
 */
void
chq_docs_write_async (ChqDocKind           kind,
                      ChqTrainingYear     *year,
                      const char          *worker_key,
                      const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  GError *error = NULL;
  WriteJob *job;

  g_task_set_source_tag (task, chq_docs_write_async);

  job = prepare_job (kind, year, worker_key, path, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
chq_docs_write_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
