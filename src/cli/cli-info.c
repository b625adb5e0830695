/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-info.c: "cinegan-cli info" — the shape of a split.
 */
#include <stdio.h>

#include "cli-commands.h"
#include "cli-common.h"

int
cli_info_run (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new (NULL, "Describe a split: users, items, ratings, positives and "
                     "the users the evaluation protocol counts.");
  CliDataOptions data = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  int status = CLI_EXIT_OK;

  cli_data_options_add (context, &data);
  if (!cli_parse (context, &argc, &argv))
    status = CLI_EXIT_USAGE;
  else if ((ds = cli_load_dataset (&data, &error)) == NULL)
    status = cli_fail_error ("info", error);
  else
    {
      printf ("split            %s\n", ds->split);
      printf ("movies          %5u  (in u.item)\n", ds->catalog->n_movies);
      printf ("genres          %5u\n", ds->catalog->n_genres);
      printf ("users           %5u\n", ds->n_users);
      printf ("items           %5u  (rated in train or test)\n", ds->n_items);
      printf ("ratings train  %6zu  test %6zu\n", ds->n_train, ds->n_test);
      printf ("positives train %5zu  test %5zu  (rating >= %g)\n",
              cg_user_items_total (ds->train_pos), cg_user_items_total (ds->test_pos),
              ds->threshold);
      printf ("evaluated users %5u  (>= 1 train and >= 1 test positive)\n", ds->n_eval_users);
    }
  cli_data_options_clear (&data);
  return status;
}
