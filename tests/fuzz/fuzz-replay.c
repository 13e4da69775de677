/* fuzz-replay.c: runs a fuzz target over fixed inputs, as a plain test without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one fuzz-*.c, this replays every file of the folders (or files) given as
 * arguments through its LLVMFuzzerTestOneInput(): the seed corpus, and the inputs that once
 * made the target fail (tests/fuzz/regressions/<target>/). So every build, with any
 * compiler, checks the targets' findings stay fixed.
 */
#define G_LOG_DOMAIN "fuzz-replay"

#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"

static guint
replay_path (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        {
          const char *child = g_ptr_array_index (names, i);

          if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
            n += replay_path (child);
        }
      return n;
    }

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
  LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  for (int i = 1; i < argc; i++)
    if (g_file_test (argv[i], G_FILE_TEST_EXISTS))
      n += replay_path (argv[i]);

  if (n == 0)
    g_error ("No input to replay");
  g_print ("%u inputs replayed\n", n);
  return 0;
}
