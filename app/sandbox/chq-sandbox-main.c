/* chq-sandbox-main.c: chequier-sandbox, the regional API on loopback with demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chequier-sandbox"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "chq-i18n.h"
#include "chq-sandbox.h"
#include "chq-value.h"

static gboolean
on_signal_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
parse_rate (const char  *text,
            const char  *option,
            double      *out_rate,
            GError     **error)
{
  char *end = NULL;
  double value;

  if (text == NULL)
    {
      *out_rate = 0;
      return TRUE;
    }

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(value >= 0.0 && value <= 1.0))
    {
      g_set_error (error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_INVALID_OPTION,
                   /* Translators: %s is an option like --fail-rate */
                   _("%s takes a share between 0 and 1, like 0.1."), option);
      return FALSE;
    }

  *out_rate = value;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *today = NULL;
  g_autofree char *fail_rate_text = NULL;
  g_autofree char *drop_rate_text = NULL;
  g_autofree char *uri = NULL;
  gint port = 8765;
  gint n_courses = 0;
  gint64 seed = 1;
  gint latency_ms = 0;
  gint rate_limit = 0;
  gboolean no_demo = FALSE;
  ChqSandboxOptions options = { 0 };
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Port on 127.0.0.1 (0: any free port; default 8765)"), N_("PORT") },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Database file (default: in memory)"), N_("FILE") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("Fixed date for the server's clock"), N_("YYYY-MM-DD") },
    { "courses", 0, 0, G_OPTION_ARG_INT, &n_courses,
      N_("Add N generated courses"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed of the course generator and of fault injection (default 1)"), N_("S") },
    { "fail-rate", 0, 0, G_OPTION_ARG_STRING, &fail_rate_text,
      N_("Share of requests answered 503 (0 to 1)"), N_("F") },
    { "drop-rate", 0, 0, G_OPTION_ARG_STRING, &drop_rate_text,
      N_("Share of requests whose connection is closed without an answer (0 to 1)"), N_("F") },
    { "latency-ms", 0, 0, G_OPTION_ARG_INT, &latency_ms,
      N_("Delay before each answer, in milliseconds"), N_("MS") },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &rate_limit,
      N_("Requests per second per client before 429 (default 200)"), N_("N") },
    { "no-demo", 0, 0, G_OPTION_ARG_NONE, &no_demo,
      N_("No demo accounts or catalogue, only generated courses"), NULL },
    { NULL }
  };

  chq_i18n_init ();

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Serves the regional voucher API with demo data on "
                                  "127.0.0.1, for trying Chéquier and for tests."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;

  if (argc > 1)
    {
      g_set_error (&error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_INVALID_OPTION,
                   _("Unexpected argument “%s”. See --help."), argv[1]);
      goto fail;
    }
  if (port < 0 || port > 65535)
    {
      g_set_error (&error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_INVALID_OPTION,
                   _("--port takes a number from 0 to 65535."));
      goto fail;
    }
  if (n_courses < 0 || n_courses > 1000000)
    {
      g_set_error (&error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_INVALID_OPTION,
                   _("--courses takes a number from 0 to 1000000."));
      goto fail;
    }
  if (latency_ms < 0 || latency_ms > 600000)
    {
      g_set_error (&error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_INVALID_OPTION,
                   _("--latency-ms takes a number from 0 to 600000."));
      goto fail;
    }
  if (rate_limit < 0)
    {
      g_set_error (&error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_INVALID_OPTION,
                   _("--rate-limit takes a positive number."));
      goto fail;
    }
  if (today != NULL && !chq_date_is_valid (today))
    {
      g_set_error (&error, CHQ_SANDBOX_ERROR, CHQ_SANDBOX_ERROR_INVALID_OPTION,
                   _("--today takes a date written like 2026-11-28."));
      goto fail;
    }
  if (!parse_rate (fail_rate_text, "--fail-rate", &options.fail_rate, &error) ||
      !parse_rate (drop_rate_text, "--drop-rate", &options.drop_rate, &error))
    goto fail;

  options.db_path = db_path;
  options.port = (guint16) port;
  options.today = today;
  options.n_courses = (guint) n_courses;
  options.seed = (guint64) seed;
  options.latency_ms = (guint) latency_ms;
  options.no_demo = no_demo;
  options.rate_limit = (guint) rate_limit;

  /* Handlers first: whoever reads the URI may signal at once. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);

  sandbox = chq_sandbox_new (&options);
  if (!chq_sandbox_start (sandbox, &error))
    goto fail;

  uri = chq_sandbox_dup_uri (sandbox);
  g_print ("%s\n", uri);
  fflush (stdout);

  g_main_loop_run (loop);

  chq_sandbox_stop (sandbox);
  return 0;

fail:
  g_printerr ("chequier-sandbox: %s\n", error->message);
  return 1;
}
