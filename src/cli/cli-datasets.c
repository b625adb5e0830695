/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-datasets.c: "cinegan-cli datasets" — every MovieLens release found, and where.
 *
 * The same search as the app's dataset chooser (cg_data_dir_discover): the folder given,
 * $CINEGAN_DATA_DIR, $XDG_DATA_HOME/cinegan and (uninstalled) the source tree's data/, with
 * the folders directly inside them. --count reads each release's files to count movies
 * and ratings; without it only file names are looked at.
 */
#include <stdio.h>

#include "cg-data-dir.h"
#include "cli-commands.h"
#include "cli-common.h"

int
cli_datasets_run (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new ("[FOLDER]", "List the MovieLens releases Cinegan finds: folder, layout, "
                     "release and where it was looked for. FOLDER is searched first, with "
                     "the folders inside it.");
  gboolean count = FALSE;
  const GOptionEntry entries[] = {
    { "count", 'c', 0, G_OPTION_ARG_NONE, &count,
      "Count each release's movies and ratings (reads the files)", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GPtrArray) found = NULL;
  int status = CLI_EXIT_OK;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (context, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc > 2)
    return cli_fail ("datasets", CLI_EXIT_USAGE, "one folder at most");

  found = cg_data_dir_discover (argc == 2 ? argv[1] : NULL);
  if (found->len == 0)
    return cli_fail ("datasets", CLI_EXIT_DATA, "no MovieLens release found; get one with "
                     "data/fetch-movielens.sh (ml-100k, ml-1m, ml-latest-small, ml-25m, ml-32m)");
  for (guint i = 0; i < found->len; i++)
    {
      CgDataSource *source = g_ptr_array_index (found, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *described = NULL;

      if (count && !cg_data_source_count (source, NULL, &error))
        {
          status = cli_fail ("datasets", CLI_EXIT_DATA, "%s", error->message);
          continue;
        }
      described = cg_data_source_describe (source);
      printf ("%s\n    %s  (%s)\n", source->path, described, source->origin);
    }
  return status;
}
