/* fuzz-search.c: libFuzzer target for text the user types (search box, amounts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search text becomes an FTS5 MATCH expression (chq_course_query_build_match), which is run
 * against an in-memory FTS5 table made like the cache's: SQLite must accept every
 * expression built, whatever was typed. Amounts go through chq_money_parse(): what parses
 * formats back (plain form) to the same cents.
 */
#define G_LOG_DOMAIN "fuzz-search"

#include "config.h"

#include <sqlite3.h>

#include "chq-course-query.h"
#include "chq-money.h"
#include "fuzz-common.h"

static sqlite3      *db;     /* lives as long as the process */
static sqlite3_stmt *match;

static void
open_index (void)
{
  char *message = NULL;

  if (sqlite3_open (":memory:", &db) != SQLITE_OK ||
      sqlite3_exec (db,
                    "CREATE VIRTUAL TABLE fts USING fts5 (title, summary, provider_name, cities,"
                    " tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');"
                    "INSERT INTO fts VALUES ('L''intelligence artificielle générative',"
                    " 'Prompts, données, NEAR OR AND', 'Meuse Numérique', 'Liège Namur');"
                    "INSERT INTO fts VALUES ('Python pour l''analyse', 'pandas \"quotes\" *',"
                    " 'Hainaut Formation', 'Mons');",
                    NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM fts WHERE fts MATCH ?1", -1, &match,
                          NULL) != SQLITE_OK)
    g_error ("Could not make the search index: %s", message != NULL ? message
                                                                     : sqlite3_errmsg (db));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = NULL;
  g_autofree char *expression = NULL;

  fuzz_init ();
  if (db == NULL)
    open_index ();

  /* What an entry gives: text up to the first NUL, not necessarily valid UTF-8 here (the
   * builder repairs it). */
  text = g_strndup ((const char *) data, size);

  expression = chq_course_query_build_match (text);
  if (expression != NULL)
    {
      int rc;

      sqlite3_bind_text (match, 1, expression, -1, SQLITE_STATIC);
      rc = sqlite3_step (match);
      if (rc != SQLITE_ROW)
        g_error ("FTS5 refuses the expression built from %s: %s (%s)", text, expression,
                 sqlite3_errmsg (db));
      sqlite3_reset (match);
      sqlite3_clear_bindings (match);
    }

  if (g_utf8_validate (text, -1, NULL))
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = 0;

      if (chq_money_parse (text, &cents, &error))
        {
          g_autofree char *plain = chq_money_format_plain (cents);
          g_autofree char *shown = chq_money_format (cents);
          gint64 again = 0;

          if (!chq_money_parse (plain, &again, &error) || again != cents)
            g_error ("%s parses to %" G_GINT64_FORMAT " cents, written %s, read back as %"
                     G_GINT64_FORMAT, text, cents, plain, again);
          if (shown == NULL || !g_utf8_validate (shown, -1, NULL))
            g_error ("No display form for %" G_GINT64_FORMAT " cents", cents);
        }
      else
        fuzz_check_error (error);
    }

  return 0;
}
