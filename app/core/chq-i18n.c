/* chq-i18n.c: where the translations are found
 *
 * Installed, the catalogues are under the prefix's locale folder. Run from the build tree
 * (`build/app/chequier`, the README's demo command, `meson devenv`), they are the ones meson
 * compiled in the build tree, so the interface follows the user's language without
 * installing anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "chq-i18n.h"

/* Whether the running program is one of the build tree's, not an installed copy. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *build_dir = NULL;

  if (exe == NULL)
    return FALSE;
  dir = g_path_get_dirname (exe);
  build_dir = g_canonicalize_filename (BUILD_APPDIR, NULL);
  return g_strcmp0 (dir, build_dir) == 0;
}

/**
 * chq_i18n_get_locale_dir:
 *
 * The folder the translations are read from: $CHQ_LOCALEDIR when set (`meson devenv` sets
 * it), the build tree's when the program runs from the build tree, else the installed one.
 *
 * Returns: (transfer none): a folder holding LANG/LC_MESSAGES/chequier.mo
 */
const char *
chq_i18n_get_locale_dir (void)
{
  const char *dir = g_getenv ("CHQ_LOCALEDIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  if (running_from_build_tree () && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

/**
 * chq_i18n_init:
 *
 * Sets the locale from the environment and binds the text domain to
 * chq_i18n_get_locale_dir(), in UTF-8. Called first thing by each program's main().
 */
void
chq_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, chq_i18n_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
