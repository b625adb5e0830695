/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-recommend.c: "cinegan-cli recommend" — top-K lists, for one user or, as TSV, for
 * every evaluated user (for checking the protocol independently).
 */
#include <stdio.h>

#include "cg-topk.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-scorer.h"

static void
print_user (const CgDataset *ds,
            guint            user,
            const guint32   *items,
            const float     *scores,
            guint            n)
{
  for (guint r = 0; r < n; r++)
    {
      const CgMovie *movie = cg_dataset_movie (ds, items[r]);
      g_autofree char *label = cli_movie_label (movie);

      printf ("%4u  %-60s  %.6g\n", movie->movie_id, label, scores[r]);
    }
}

static void
print_tsv_row (const CgDataset *ds,
               guint            user,
               const guint32   *items,
               const float     *scores,
               guint            n)
{
  for (guint r = 0; r < n; r++)
    printf ("%u\t%u\t%u\t%.9g\n", ds->user_ids[user], r + 1, ds->movie_ids[items[r]],
            scores[r]);
}

int
cli_recommend_run (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new (NULL, "Top-K movies a user has not rated in train, best "
                     "first, from a baseline or a trained model.");
  CliDataOptions data = { 0 };
  g_autofree char *baseline = NULL;
  g_autofree char *model = NULL;
  g_autofree char *format = NULL;
  int k = 10, user_id = 0;
  gboolean all_users = FALSE;
  const GOptionEntry entries[] = {
    { "baseline", 'b', 0, G_OPTION_ARG_STRING, &baseline,
      "popularity, random, itemknn or ease", "NAME" },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model, "A trained .cgan model", "FILE" },
    { "user", 'u', 0, G_OPTION_ARG_INT, &user_id, "MovieLens user ID", "ID" },
    { "all-users", 0, 0, G_OPTION_ARG_NONE, &all_users, "Every evaluated user", NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      "text (default) or tsv: user_id, rank, movie_id, score", "FORMAT" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, "How many (default 10)", "K" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  CliScorer scorer = { 0 };
  gboolean tsv;
  int status = CLI_EXIT_OK;

  cli_data_options_add (context, &data);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (context, &argc, &argv))
    {
      cli_data_options_clear (&data);
      return CLI_EXIT_USAGE;
    }
  tsv = g_strcmp0 (format, "tsv") == 0;
  if (format != NULL && !tsv && g_strcmp0 (format, "text") != 0)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "--format must be text or tsv");
  else if (user_id < 0)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "--user %d is not a MovieLens user ID",
                       user_id);
  else if (all_users == (user_id != 0))
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "Give exactly one of --user ID and "
                       "--all-users");
  else if (k < 1 || k > 1000)
    status = cli_fail ("recommend", CLI_EXIT_USAGE, "-k %d is outside 1–1000", k);
  else if ((ds = cli_load_dataset (&data, &error)) == NULL
           || !cli_scorer_open (&scorer, baseline, model, ds, &error))
    status = cli_fail_error ("recommend", error);
  else
    {
      g_autofree float *scores = g_new (float, ds->n_items);
      g_autofree guint32 *top = g_new (guint32, k);
      g_autofree float *top_scores = g_new (float, k);
      gint32 only = user_id > 0 ? cg_dataset_user_index (ds, (guint32) user_id) : -1;

      if (!all_users && only < 0)
        status = cli_fail ("recommend", CLI_EXIT_DATA, "User %d is not in split %s",
                           user_id, ds->split);
      for (guint u = 0; status == CLI_EXIT_OK && u < ds->n_users; u++)
        {
          guint32 user = u;
          guint n;

          if (all_users ? !cg_dataset_is_eval_user (ds, u) : (gint32) u != only)
            continue;
          if (all_users && !tsv)
            printf ("%suser %u\n", u > 0 ? "\n" : "", ds->user_ids[u]);
          scorer.score (scores, &user, 1, scorer.data);
          n = cg_topk_select (top, top_scores, (guint) k, scores, ds->n_items,
                              cg_user_items_row (ds->train_rated, u),
                              cg_user_items_count (ds->train_rated, u));
          (tsv ? print_tsv_row : print_user) (ds, u, top, top_scores, n);
        }
    }
  cli_scorer_clear (&scorer);
  cli_data_options_clear (&data);
  return status;
}
