/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-eval.c: "cinegan-cli eval" — Recall, NDCG and HitRate@K on a split's test part.
 */
#include <stdio.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "cli-scorer.h"

#define EVAL_BATCH 256

int
cli_eval_run (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new (NULL, "Evaluate a baseline or a trained model with the Cinegan "
                     "protocol: every item the user rated in train is excluded, ties go to "
                     "the lower movie ID.");
  CliDataOptions data = { 0 };
  g_autofree char *baseline = NULL;
  g_autofree char *model = NULL;
  int k = 10;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "baseline", 'b', 0, G_OPTION_ARG_STRING, &baseline,
      "popularity, random, itemknn or ease", "NAME" },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model, "A trained .cgan model", "FILE" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, "Cut-off K (default 10)", "K" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  CliScorer scorer = { 0 };
  CgMetrics metrics;
  int status = CLI_EXIT_OK;

  cli_data_options_add (context, &data);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (context, &argc, &argv))
    status = CLI_EXIT_USAGE;
  else if (k < 1 || k > 1000)
    status = cli_fail ("eval", CLI_EXIT_USAGE, "-k %d is outside 1–1000", k);
  else if ((ds = cli_load_dataset (&data, &error)) == NULL
           || !cli_scorer_open (&scorer, baseline, model, ds, &error))
    status = cli_fail_error ("eval", error);
  else
    {
      cg_metrics_evaluate (&metrics, ds, (guint) k, scorer.score, scorer.data, EVAL_BATCH);
      if (json)
        {
          g_autofree char *text = cli_metrics_to_json (&metrics, ds->split, scorer.name);

          printf ("%s\n", text);
        }
      else
        {
          g_autofree char *text = cg_metrics_format (&metrics);

          printf ("%s\n", text);
        }
    }
  cli_scorer_clear (&scorer);
  cli_data_options_clear (&data);
  return status;
}
