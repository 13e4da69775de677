/* bench-statements.c: the yearly balance statements of 250 workers with 20 trainings each,
 * as one PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The goal (DESIGN.md) is under 2 s from the year's data to the written file. The reference
 * on the same machine is the bare cost of the text: the same strings shown line by line with
 * one Pango layout each on a cairo PDF surface, without the tables, wrapping or pages' logic;
 * the ratio says what the layout adds.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "chq-bench.h"
#include "chq-docs.h"
#include "chq-training-year.h"

#define N_WORKERS   250
#define N_TRAININGS 20
#define N_RUNS      5

static const char *const titles[] = {
  "Sécurité incendie et premiers secours", "Excel avancé : tableaux croisés dynamiques",
  "Gestion du temps et des priorités", "Accompagnement à la prise de poste (coaching)",
  "Soudure TIG, perfectionnement", "Communication non violente dans les équipes",
  "Intelligence artificielle pour la gestion des ressources humaines",
};
static const char *const providers[] = {
  "Cefora", "UCM Formation", "Meuse Numérique Formation", NULL, "Technifutur",
};

static ChqTrainingYear *
make_year (void)
{
  g_autoptr(GPtrArray) workers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChqRegisterData) data = chq_register_data_new (CHQ_BENCH_ENTERPRISE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  GDate at;

  g_date_clear (&at, 1);
  g_date_set_dmy (&at, 7, 12, 2026);
  data->settings.workforce = N_WORKERS;
  data->settings.carry_over_years = 1;

  for (guint i = 0; i < N_WORKERS; i++)
    {
      g_autofree char *id = g_strdup_printf ("w%03u", i);
      g_autofree char *first = g_strdup_printf ("Prénom%u", i);
      g_autofree char *last = g_strdup_printf ("Nom-de-famille-%u", i);
      ChqWorkerDetails *d = chq_worker_details_new (id);

      g_ptr_array_add (workers, g_object_new (CHQ_TYPE_WORKER, "id", id, "first-name", first,
                                              "last-name", last, "status",
                                              CHQ_WORKER_STATUS_EMPLOYEE, NULL));
      d->work_fraction = i % 5 == 0 ? 0.8 : 1.0;
      d->birth_place = g_strdup ("Liège");
      d->address = g_strdup ("Rue Saint-Gilles 118\n4000 Liège");
      g_ptr_array_add (data->details, d);

      for (guint j = 0; j < N_TRAININGS; j++)
        {
          ChqTraining *t = chq_training_new (id, titles[g_rand_int_range (rand, 0,
                                                                          G_N_ELEMENTS (titles))]);
          const char *provider = providers[g_rand_int_range (rand, 0, G_N_ELEMENTS (providers))];

          g_date_set_dmy (&t->start_date, g_rand_int_range (rand, 1, 29),
                          g_rand_int_range (rand, 1, 13), 2026);
          t->end_date = t->start_date;
          g_date_add_days (&t->end_date, g_rand_int_range (rand, 0, 3));
          t->hours = g_rand_int_range (rand, 1, 15);
          t->internal = provider == NULL;
          t->provider = g_strdup (provider);
          t->formal = g_rand_boolean (rand);
          t->certificate = g_rand_boolean (rand);
          t->funding = g_rand_int_range (rand, 0, CHQ_N_FUNDINGS);
          g_ptr_array_add (data->trainings, t);
        }
    }

  return chq_training_year_new_full (2026, &at, "Atelier Mosan SRL", CHQ_BENCH_ENTERPRISE,
                                     CHQ_ACCOUNT_KIND_EMPLOYER, N_WORKERS, workers, NULL, data);
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* The same text, bare: one layout per string, 60 lines a page. */
static double
reference_seconds (const ChqTrainingYear *year)
{
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard, NULL, 595, 842);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
  guint line = 0;

  pango_layout_set_font_description (layout, font);
  for (guint i = 0; i < year->workers->len; i++)
    {
      const ChqTrainingYearWorker *w = year->workers->pdata[i];

      for (guint j = 0; j < w->trainings->len; j++)
        {
          const ChqTraining *t = w->trainings->pdata[j];
          const char *cells[] = { t->title, t->provider != NULL ? t->provider : "Internal",
                                  "2026-03-12 – 2026-03-13", "Formal", "7", "Yes",
                                  "Own budget" };

          for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
            {
              pango_layout_set_text (layout, cells[c], -1);
              cairo_move_to (cr, 50 + 70 * c, 50 + 12 * (line % 60));
              pango_cairo_show_layout (cr, layout);
            }
          if (++line % 60 == 0)
            cairo_show_page (cr);
        }
    }
  cairo_show_page (cr);

  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChqTrainingYear) year = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (chq_bench_data_dir (), "statements", NULL);
  g_autofree char *path = g_build_filename (dir, "statements.pdf", NULL);
  g_autofree char *median = NULL, *p95 = NULL, *ref = NULL, *ratio = NULL;
  ChqBenchStats stats, ref_stats;
  GStatBuf st;

  g_mkdir_with_parents (dir, 0700);
  year = make_year ();

  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double seconds;

      if (!chq_docs_write (CHQ_DOC_BALANCE_STATEMENTS, year, NULL, path, &error))
        g_error ("Could not write the statements: %s", error->message);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (samples, seconds);

      seconds = reference_seconds (year);
      g_array_append_val (refs, seconds);
    }

  chq_bench_stats_of_array (samples, &stats);
  chq_bench_stats_of_array (refs, &ref_stats);
  median = chq_bench_format_value (stats.median * 1000, "ms");
  p95 = chq_bench_format_value (stats.p95 * 1000, "ms");
  ref = chq_bench_format_value (ref_stats.median * 1000, "ms");
  ratio = g_strdup_printf ("%.2fx", stats.median / ref_stats.median);
  g_stat (path, &st);
  chq_bench_report_row ("Yearly statements, 250 workers x 20 trainings, one PDF", median, p95,
                        ref, ratio, "< 2 s", stats.median < 2.0);
  chq_bench_detail ("- Statements: %u runs; %u workers, %u trainings each; the PDF is "
                    "%.1f MiB; the bare text on a cairo PDF surface (reference) takes %s.\n",
                    N_RUNS, N_WORKERS, N_TRAININGS, st.st_size / 1048576.0, ref);

  g_unlink (path);

  return stats.median < 2.0 ? 0 : 1;
}
