/* fuzz-common.h: what every libFuzzer target of Chéquier shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Errors, criticals and warnings are printed, then abort() (which libFuzzer catches and
 * saves the input for; GLib's own SIGTRAP it would not). Messages and debug output are
 * dropped so that the fuzzer runs at full speed. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (level, fields, n_fields, user_data);
  abort ();
}

/* Once per process: a g_return_if_fail() reached by input is a finding. */
static inline void
fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

/* A refusal must say something a person can read. */
static inline void
fuzz_check_error (const GError *error)
{
  if (error == NULL || error->message == NULL || error->message[0] == '\0')
    g_error ("Input refused without a message");
  if (!g_utf8_validate (error->message, -1, NULL))
    g_error ("Error message is not UTF-8: %s", error->message);
}

G_END_DECLS
