/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-info.c: "cinegan-cli info" — which release a folder holds, and the shape of a split.
 */
#include <stdio.h>

#include "cg-data-dir.h"
#include "cli-commands.h"
#include "cli-common.h"

int
cli_info_run (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new (NULL, "Describe a dataset and split: the release and its layout, users, "
                     "items, ratings, positives and the users the evaluation protocol "
                     "counts, and how long loading took.");
  CliDataOptions data = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *release = NULL;
  int status = CLI_EXIT_OK;
  gint64 start;
  double seconds = 0;

  cli_data_options_add (context, &data);
  if (!cli_parse (context, &argc, &argv))
    status = CLI_EXIT_USAGE;
  else
    {
      start = g_get_monotonic_time ();
      ds = cli_load_dataset (&data, &error);
      seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
      /* The folder the loader used: the same search, which found it a moment ago. */
      if (ds != NULL)
        dir = cg_data_dir_find (data.data_dir, NULL);
      if (ds == NULL)
        status = cli_fail_error ("info", error);
    }
  if (ds != NULL)
    {
      const CgCatalog *catalog = ds->catalog;

      release = dir != NULL ? cg_format_guess_release (dir, catalog->format) : NULL;
      printf ("folder           %s\n", dir != NULL ? dir : "?");
      printf ("format           %s (%s, %s)\n", cg_format_name (catalog->format),
              cg_format_ratings_file (catalog->format), cg_format_movies_file (catalog->format));
      printf ("release          %s\n", release != NULL ? release : "unknown");
      printf ("split            %s\n", ds->split);
      printf ("movies          %5u  (in %s)\n", catalog->n_movies,
              cg_format_movies_file (catalog->format));
      printf ("genres          %5u\n", catalog->n_genres);
      printf ("users           %5u\n", ds->n_users);
      printf ("items           %5u  (rated in train or test)\n", ds->n_items);
      printf ("ratings train  %6zu  test %6zu\n", ds->n_train, ds->n_test);
      printf ("positives train %5zu  test %5zu  (rating >= %g)\n",
              cg_user_items_total (ds->train_pos), cg_user_items_total (ds->test_pos),
              ds->threshold);
      printf ("evaluated users %5u  (>= 1 train and >= 1 test positive)\n", ds->n_eval_users);
      printf ("loaded in       %.2f s\n", seconds);
    }
  cli_data_options_clear (&data);
  return status;
}
