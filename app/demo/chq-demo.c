/* chq-demo.c: the demo data — starts the embedded sandbox on loopback and opens the
 * backend of its demo company, which the interface shows like any account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-demo"

#include "config.h"

#include "chq-demo.h"
#include "chq-sandbox.h"

/* The sandbox listens on a new port at every start, so the port cannot name the demo's
 * cache: this word does. */
#define DEMO_DATA_KEY "demo-sandbox"

struct _ChqDemo
{
  GObject     parent_instance;

  ChqSandbox *sandbox;  /* owned, running until chq_demo_stop() or the last unref */
  ChqBackend *backend;  /* owned, the demo company's account on it */
};

G_DEFINE_FINAL_TYPE (ChqDemo, chq_demo, G_TYPE_OBJECT)

static void
chq_demo_dispose (GObject *object)
{
  ChqDemo *self = CHQ_DEMO (object);

  chq_demo_stop (self);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (chq_demo_parent_class)->dispose (object);
}

static void
chq_demo_class_init (ChqDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = chq_demo_dispose;
}

static void
chq_demo_init (ChqDemo *self)
{
}

/**
 * chq_demo_start:
 * @data_dir: the folder of the sandbox's database (`sandbox.db`), created 0700 if missing
 * @error: return location for an error
 *
 * Starts the embedded sandbox on loopback with its database in @data_dir, and opens the
 * backend of the sandbox's demo company (marked as demo data): its cache shows at once,
 * before chq_demo_sign_in_async() signs in.
 *
 * Returns: (transfer full) (nullable): the running demo, or %NULL with @error set when the
 *   sandbox or the demo's cache could not be opened
 */
ChqDemo *
chq_demo_start (const char  *data_dir,
                GError     **error)
{
  g_autoptr(ChqDemo) self = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *uri = NULL;
  ChqSandboxOptions options = { 0 };

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The sandbox creates the folder (0700) with its database, or says why it cannot. */
  self = g_object_new (CHQ_TYPE_DEMO, NULL);
  db_path = g_build_filename (data_dir, "sandbox.db", NULL);
  options.db_path = db_path;
  self->sandbox = chq_sandbox_new (&options);
  if (!chq_sandbox_start (self->sandbox, error))
    {
      g_clear_object (&self->sandbox);
      return NULL;
    }

  uri = chq_sandbox_dup_uri (self->sandbox);
  self->backend = chq_backend_new (uri, DEMO_DATA_KEY, CHQ_SANDBOX_DEMO_ENTERPRISE_NUMBER,
                                   NULL, error);
  if (self->backend == NULL)
    return NULL;
  chq_backend_set_demo (self->backend, TRUE);

  return g_steal_pointer (&self);
}

/**
 * chq_demo_get_backend:
 * @self: a #ChqDemo
 *
 * Returns: (transfer none): the demo company's account
 */
ChqBackend *
chq_demo_get_backend (ChqDemo *self)
{
  g_return_val_if_fail (CHQ_IS_DEMO (self), NULL);

  return self->backend;
}

static void
on_signed_in_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!chq_backend_sign_in_finish (CHQ_BACKEND (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * chq_demo_sign_in_async:
 * @self: a #ChqDemo
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when signed in, or not
 * @user_data: data for @callback
 *
 * Signs in to the sandbox as its demo company, with the password the sandbox gives it.
 */
void
chq_demo_sign_in_async (ChqDemo             *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CHQ_IS_DEMO (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_demo_sign_in_async);
  chq_backend_sign_in_async (self->backend, CHQ_SANDBOX_DEMO_PASSWORD, cancellable,
                             on_signed_in_cb, task);
}

/**
 * chq_demo_sign_in_finish:
 * @self: a #ChqDemo
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when signed in
 */
gboolean
chq_demo_sign_in_finish (ChqDemo       *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * chq_demo_stop:
 * @self: a #ChqDemo
 *
 * Stops the sandbox (its database stays for the next demo). The backend stays readable:
 * its cache is local.
 */
void
chq_demo_stop (ChqDemo *self)
{
  g_return_if_fail (CHQ_IS_DEMO (self));

  if (self->sandbox != NULL)
    chq_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);
}
