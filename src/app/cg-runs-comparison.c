/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-runs-comparison.c: a table of runs side by side.
 *
 * Labels in a grid rather than a column view: a comparison holds a handful of runs and a
 * dozen rows, and every cell should be selectable text a person can copy. Cells keep their
 * whole text; a table wider than its place scrolls sideways there.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "cg-runs-comparison.h"

static GtkWidget *
cell (const char *text,
      const char *name,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_name (label, name);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
add_row (GtkGrid     *grid,
         int          row,
         const char  *title,
         char       **values,
         guint        n_runs)
{
  gtk_grid_attach (grid, cell (title, "comparison-setting", TRUE), 0, row, 1, 1);
  for (guint r = 0; r < n_runs; r++)
    gtk_grid_attach (grid, cell (values[r] != NULL ? values[r] : "—", "comparison-value",
                                 FALSE), (int) r + 1, row, 1, 1);
}

static char *
format_figure (double value)
{
  return isfinite (value) ? g_strdup_printf ("%.4f", value) : NULL;
}

/* Fills values[r] with one figure of each run and adds the row. */
typedef char *(*Figure) (const CgRun *run);

static void
add_figure_row (GtkGrid       *grid,
                int            row,
                const char    *title,
                Figure         figure,
                CgRun *const  *runs,
                guint          n_runs)
{
  g_auto(GStrv) values = g_new0 (char *, n_runs + 1);

  for (guint r = 0; r < n_runs; r++)
    values[r] = figure (runs[r]);
  add_row (grid, row, title, values, n_runs);
}

static char *
figure_epochs (const CgRun *run)
{
  return g_strdup_printf ("%u", run->history->len);
}

static char *
figure_duration (const CgRun *run)
{
  guint seconds = (guint) round (run->seconds);

  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

static char *
figure_best_ndcg (const CgRun *run)
{
  return format_figure (cg_run_get_best (run, "ndcg", NULL));
}

static char *
figure_best_epoch (const CgRun *run)
{
  guint epoch = 0;

  return isfinite (cg_run_get_best (run, "ndcg", &epoch)) ? g_strdup_printf ("%u", epoch)
                                                           : NULL;
}

static char *
figure_ndcg (const CgRun *run)
{
  const CgEpochRecord *last = cg_run_get_final (run);

  return last != NULL ? format_figure (last->ndcg) : NULL;
}

static char *
figure_recall (const CgRun *run)
{
  const CgEpochRecord *last = cg_run_get_final (run);

  return last != NULL ? format_figure (last->recall) : NULL;
}

static char *
figure_hit_rate (const CgRun *run)
{
  const CgEpochRecord *last = cg_run_get_final (run);

  return last != NULL ? format_figure (last->hit_rate) : NULL;
}

GtkWidget *
cg_runs_comparison_new (CgRun *const *runs,
                        guint         n_runs)
{
  GtkGrid *grid;
  g_auto(GStrv) differing = NULL;
  const char *k;
  int row = 0;

  g_return_val_if_fail (runs != NULL && n_runs > 0, NULL);

  grid = GTK_GRID (gtk_grid_new ());
  gtk_widget_set_name (GTK_WIDGET (grid), "runs-comparison");
  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);

  for (guint r = 0; r < n_runs; r++)
    gtk_grid_attach (grid, cell (runs[r]->name, "comparison-run", TRUE), (int) r + 1, row, 1,
                     1);
  row++;

  differing = cg_runs_differing_settings (runs, n_runs);
  for (guint s = 0; differing[s] != NULL; s++, row++)
    {
      g_auto(GStrv) values = g_new0 (char *, n_runs + 1);

      for (guint r = 0; r < n_runs; r++)
        values[r] = g_strdup (cg_run_get_setting (runs[r], differing[s]));
      add_row (grid, row, differing[s], values, n_runs);
    }

  k = cg_run_get_setting (runs[0], "k");
  {
    g_autofree char *best = g_strdup_printf (_("best NDCG@%s"), k != NULL ? k : "K");
    g_autofree char *ndcg = g_strdup_printf (_("final NDCG@%s"), k != NULL ? k : "K");
    g_autofree char *recall = g_strdup_printf (_("final Recall@%s"), k != NULL ? k : "K");
    g_autofree char *hit = g_strdup_printf (_("final HitRate@%s"), k != NULL ? k : "K");

    add_figure_row (grid, row++, _("epochs trained"), figure_epochs, runs, n_runs);
    add_figure_row (grid, row++, _("duration"), figure_duration, runs, n_runs);
    add_figure_row (grid, row++, best, figure_best_ndcg, runs, n_runs);
    add_figure_row (grid, row++, _("best at epoch"), figure_best_epoch, runs, n_runs);
    add_figure_row (grid, row++, ndcg, figure_ndcg, runs, n_runs);
    add_figure_row (grid, row++, recall, figure_recall, runs, n_runs);
    add_figure_row (grid, row++, hit, figure_hit_rate, runs, n_runs);
  }
  return GTK_WIDGET (grid);
}
