/* chq-secret.h: the access token in the keyring (libsecret), never in a file or a setting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* Schema "io.github.chequier.Chequier.Token", attributes "service" (the service address)
 * and "enterprise-number". */
const SecretSchema *chq_secret_get_schema        (void) G_GNUC_CONST;

/* Blocking: call these from a worker thread (or use the _async variants). */
gboolean            chq_secret_store_token       (const char           *service,
                                                  const char           *enterprise_number,
                                                  const char           *token,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
char               *chq_secret_lookup_token      (const char           *service,
                                                  const char           *enterprise_number,
                                                  GCancellable         *cancellable,
                                                  GError              **error);
gboolean            chq_secret_clear_token       (const char           *service,
                                                  const char           *enterprise_number,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

void                chq_secret_store_token_async (const char           *service,
                                                  const char           *enterprise_number,
                                                  const char           *token,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            chq_secret_store_token_finish (GAsyncResult        *result,
                                                  GError              **error);
void                chq_secret_lookup_token_async (const char          *service,
                                                  const char           *enterprise_number,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char               *chq_secret_lookup_token_finish (GAsyncResult       *result,
                                                  GError              **error);
void                chq_secret_clear_token_async (const char           *service,
                                                  const char           *enterprise_number,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            chq_secret_clear_token_finish (GAsyncResult        *result,
                                                  GError              **error);

G_END_DECLS
