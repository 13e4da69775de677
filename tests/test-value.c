/* test-value.c: one date rule and one e-mail rule, and every layer agrees with them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-value"

#include "config.h"

#include "chq-json.h"
#include "chq-sandbox-private.h"
#include "chq-value.h"
#include "chq-vouchers-logic.h"
#include "chq-workers-logic.h"

static const struct {
  const char *text;
  gboolean    valid;
} dates[] = {
  { "2026-11-28", TRUE },
  { "2028-02-29", TRUE },
  { "0001-01-01", TRUE },
  { "9999-12-31", TRUE },
  { "2027-02-29", FALSE },
  { "2026-13-01", FALSE },
  { "2026-00-10", FALSE },
  { "2026-11-31", FALSE },
  { "0000-01-01", FALSE },
  { "2026-1-05", FALSE },
  { "2026-01-5", FALSE },
  { "2026-01-05 ", FALSE },
  { " 2026-01-05", FALSE },
  { "2026-01-05T00:00:00", FALSE },
  { "2026/01/05", FALSE },
  { "2026-W01-1", FALSE },
  { "+2026-01-05", FALSE },
  { "2026-01-0x", FALSE },
  { "", FALSE },
};

/* The codec, the sandbox (request bodies and --today) and the Vouchers page read dates
 * with chq_date_parse(): the same verdict and the same day for every input. */
static void
test_dates_agree (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      GDate parsed, vouchers, sandbox;
      gboolean ok = chq_date_parse (dates[i].text, &parsed);

      g_test_message ("date “%s”", dates[i].text);
      g_assert_cmpint (ok, ==, dates[i].valid);
      g_assert_cmpint (chq_date_is_valid (dates[i].text), ==, ok);
      g_assert_cmpint (chq_json_is_valid_date (dates[i].text), ==, ok);
      g_assert_cmpint (chq_vouchers_parse_date (dates[i].text, &vouchers), ==, ok);
      g_assert_cmpint (_chq_sandbox_parse_date (dates[i].text, &sandbox), ==, ok);
      if (ok)
        {
          g_assert_cmpint (g_date_compare (&parsed, &vouchers), ==, 0);
          g_assert_cmpint (g_date_compare (&parsed, &sandbox), ==, 0);
        }
      else
        {
          g_assert_false (g_date_valid (&parsed));
        }
    }

  g_assert_false (chq_date_parse (NULL, NULL));
}

static const struct {
  const char *text;
  gboolean    valid;
} emails[] = {
  { "sophie.dubois@ateliermosan.be", TRUE },
  { "o'brien+test@example.be", TRUE },
  { "élodie@exemple.be", TRUE },
  { "a@b.be", TRUE },
  { "name", FALSE },
  { "@example.be", FALSE },
  { "name@", FALSE },
  { "name@example", FALSE },
  { "name@.be", FALSE },
  { "name@example.", FALSE },
  { "name@example..be", FALSE },
  { "na me@example.be", FALSE },
  { "na\u00a0me@example.be", FALSE },
  { "name@exam\u200bple.be", FALSE },
  { "na\tme@example.be", FALSE },
  { "a@b@example.be", FALSE },
  { "a@", FALSE },
};

/* The worker form (once trimmed), the codec (a worker request) and the sandbox (which
 * calls chq_email_is_valid() on the request's address) agree. */
static void
test_emails_agree (void)
{
  g_autofree char *local = g_strnfill (CHQ_EMAIL_MAX_CHARS - strlen ("@ex.be"), 'a');
  g_autofree char *longest = g_strconcat (local, "@ex.be", NULL);
  g_autofree char *too_long = g_strconcat (local, "a@ex.be", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (emails) + 2; i++)
    {
      const char *text = i < G_N_ELEMENTS (emails) ? emails[i].text
                         : i == G_N_ELEMENTS (emails) ? longest : too_long;
      gboolean expected = i < G_N_ELEMENTS (emails) ? emails[i].valid
                          : i == G_N_ELEMENTS (emails);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) request = NULL;
      g_autoptr(ChqWorker) worker = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("e-mail “%s”", text);
      g_assert_cmpint (chq_email_is_valid (text), ==, expected);
      g_assert_cmpint (chq_workers_check_email (text, NULL), ==, expected);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "first_name");
      json_builder_add_string_value (builder, "Sophie");
      json_builder_set_member_name (builder, "last_name");
      json_builder_add_string_value (builder, "Dubois");
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "employee");
      json_builder_set_member_name (builder, "niss");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
      request = json_builder_get_root (builder);

      worker = chq_worker_request_from_json (request, &error);
      g_assert_cmpint (worker != NULL, ==, expected);
      if (!expected)
        g_assert_cmpstr (chq_codec_error_get_field (error), ==, "email");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/value/dates-agree", test_dates_agree);
  g_test_add_func ("/value/emails-agree", test_emails_agree);

  return g_test_run ();
}
