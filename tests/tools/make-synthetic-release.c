/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * make-synthetic-release.c: writes a synthetic dataset as an ML-1M or CSV release, for
 * measuring the loaders on files of the real releases' size without the real data:
 *
 *   make-synthetic-release csv 162541x59047x12500000 /tmp/ml-25m-shaped --half-stars \
 *     --id-spread 3.5 --ratings-per-positive 2
 *
 * Not installed; never commit what it writes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cg-synthetic.h"

int
main (int    argc,
      char **argv)
{
  gboolean half = FALSE, shuffled = FALSE;
  double spread = 1.0, per_positive = 0;
  gint64 seed = 1;
  const GOptionEntry entries[] = {
    { "half-stars", 0, 0, G_OPTION_ARG_NONE, &half, "Ratings in half stars (CSV only)", NULL },
    { "shuffled", 0, 0, G_OPTION_ARG_NONE, &shuffled, "Ratings in random line order", NULL },
    { "id-spread", 0, 0, G_OPTION_ARG_DOUBLE, &spread, "Movie IDs up to SPREAD × items",
      "SPREAD" },
    { "ratings-per-positive", 0, 0, G_OPTION_ARG_DOUBLE, &per_positive,
      "All ratings ÷ positives (default 1.75)", "R" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed (default 1)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ml-1m|csv SHAPE DIR");
  g_autoptr(GError) error = NULL;
  CgSyntheticShape shape;
  CgFormat format;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 4)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "usage: ml-1m|csv SHAPE DIR");
      return 2;
    }
  format = g_str_equal (argv[1], "ml-1m") ? CG_FORMAT_ML_1M : CG_FORMAT_CSV;
  if (!cg_synthetic_shape_parse (argv[2], &shape, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  shape.half_stars = half;
  shape.id_spread = spread;
  shape.seed = (guint64) seed;
  if (per_positive > 0)
    shape.ratings_per_positive = per_positive;
  start = g_get_monotonic_time ();
  if (!cg_synthetic_write (&shape, format, shuffled ? CG_SYNTHETIC_WRITE_SHUFFLED : 0, argv[3],
                           &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("wrote %s in %.1f s\n", argv[3], (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
