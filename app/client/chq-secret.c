/* chq-secret.c: the access token in the keyring (libsecret), never in a file or a setting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-secret"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-secret.h"

/**
 * chq_secret_get_schema:
 *
 * The keyring schema of Chéquier's access tokens: one token per service address and
 * enterprise number, so a test service and the real one never share a token.
 *
 * Returns: (transfer none): the schema
 */
const SecretSchema *
chq_secret_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.chequier.Chequier.Token",
    SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "enterprise-number", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* Keeps the error's domain and code (callers may look for G_IO_ERROR_CANCELLED) but says
 * in the user's language what failed and what to do. */
static void
explain_error (GError     *error,
               const char *what_failed)
{
  char *message;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: the first %s says what failed, the second is the keyring's explanation */
  message = g_strdup_printf (_("%s Check that your keyring is unlocked, then try again. (%s)"),
                             what_failed, error->message);
  g_free (error->message);
  error->message = message;
}

static char *
make_label (const char *service)
{
  /* Translators: %s is the service address; shown in the Passwords and Keys app */
  return g_strdup_printf (_("Chéquier sign-in for %s"), service);
}

/**
 * chq_secret_store_token:
 * @service: the service address the token is for
 * @enterprise_number: the account's enterprise number
 * @token: the bearer token
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Stores @token in the default keyring collection, replacing any token stored for the same
 * service and account. Blocks: call it from a worker thread.
 *
 * Returns: %TRUE when stored
 */
gboolean
chq_secret_store_token (const char    *service,
                        const char    *enterprise_number,
                        const char    *token,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *label = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (service != NULL, FALSE);
  g_return_val_if_fail (enterprise_number != NULL, FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  label = make_label (service);
  if (!secret_password_store_sync (chq_secret_get_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, token, cancellable, &local_error,
                                   "service", service,
                                   "enterprise-number", enterprise_number,
                                   NULL))
    {
      explain_error (local_error, _("Chéquier could not keep your sign-in in the keyring."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * chq_secret_lookup_token:
 * @service: the service address
 * @enterprise_number: the account's enterprise number
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds the token stored for @service and @enterprise_number. Blocks: call it from a
 * worker thread.
 *
 * Returns: (transfer full) (nullable): the token (free it with secret_password_free(), which
 *   wipes it), or %NULL with @error unset when there is none
 */
char *
chq_secret_lookup_token (const char    *service,
                         const char    *enterprise_number,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *token;

  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (enterprise_number != NULL, NULL);

  token = secret_password_lookup_sync (chq_secret_get_schema (), cancellable, &local_error,
                                       "service", service,
                                       "enterprise-number", enterprise_number,
                                       NULL);
  if (local_error != NULL)
    {
      explain_error (local_error, _("Chéquier could not read your sign-in from the keyring."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return token;
}

/**
 * chq_secret_clear_token:
 * @service: the service address
 * @enterprise_number: the account's enterprise number
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes the token of @service and @enterprise_number from the keyring (signing out).
 * Nothing to remove is not an error. Blocks: call it from a worker thread.
 *
 * Returns: %TRUE unless the keyring failed
 */
gboolean
chq_secret_clear_token (const char    *service,
                        const char    *enterprise_number,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (service != NULL, FALSE);
  g_return_val_if_fail (enterprise_number != NULL, FALSE);

  secret_password_clear_sync (chq_secret_get_schema (), cancellable, &local_error,
                              "service", service,
                              "enterprise-number", enterprise_number,
                              NULL);
  if (local_error != NULL)
    {
      explain_error (local_error, _("Chéquier could not remove your sign-in from the keyring."));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
on_store_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      explain_error (error, _("Chéquier could not keep your sign-in in the keyring."));
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * chq_secret_store_token_async:
 * @service: the service address the token is for
 * @enterprise_number: the account's enterprise number
 * @token: the bearer token
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Asynchronous chq_secret_store_token(); finish with chq_secret_store_token_finish().
 */
void
chq_secret_store_token_async (const char          *service,
                              const char          *enterprise_number,
                              const char          *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (service != NULL);
  g_return_if_fail (enterprise_number != NULL);
  g_return_if_fail (token != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_secret_store_token_async);

  label = make_label (service);
  secret_password_store (chq_secret_get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, on_store_done_cb, g_steal_pointer (&task),
                         "service", service,
                         "enterprise-number", enterprise_number,
                         NULL);
}

/**
 * chq_secret_store_token_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when stored
 */
gboolean
chq_secret_store_token_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_lookup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      explain_error (error, _("Chéquier could not read your sign-in from the keyring."));
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

/**
 * chq_secret_lookup_token_async:
 * @service: the service address
 * @enterprise_number: the account's enterprise number
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Asynchronous chq_secret_lookup_token(); finish with chq_secret_lookup_token_finish().
 */
void
chq_secret_lookup_token_async (const char          *service,
                               const char          *enterprise_number,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (service != NULL);
  g_return_if_fail (enterprise_number != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_secret_lookup_token_async);

  secret_password_lookup (chq_secret_get_schema (), cancellable, on_lookup_done_cb, task,
                          "service", service,
                          "enterprise-number", enterprise_number,
                          NULL);
}

/**
 * chq_secret_lookup_token_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the token (free with secret_password_free()), or
 *   %NULL with @error unset when none is stored
 */
char *
chq_secret_lookup_token_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_clear_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      explain_error (error, _("Chéquier could not remove your sign-in from the keyring."));
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * chq_secret_clear_token_async:
 * @service: the service address
 * @enterprise_number: the account's enterprise number
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Asynchronous chq_secret_clear_token(); finish with chq_secret_clear_token_finish().
 */
void
chq_secret_clear_token_async (const char          *service,
                              const char          *enterprise_number,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (service != NULL);
  g_return_if_fail (enterprise_number != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chq_secret_clear_token_async);

  secret_password_clear (chq_secret_get_schema (), cancellable, on_clear_done_cb, task,
                         "service", service,
                         "enterprise-number", enterprise_number,
                         NULL);
}

/**
 * chq_secret_clear_token_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless the keyring failed
 */
gboolean
chq_secret_clear_token_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
