/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cinegan-cli.c: entry point — dispatches "cinegan-cli COMMAND [OPTIONS]" to a subcommand.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "cli-commands.h"
#include "cli-common.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} CliCommand;

static const CliCommand commands[] = {
  { "datasets", cli_datasets_run, "List the MovieLens releases found, and where" },
  { "info", cli_info_run, "Describe a dataset and split: release, users, items, ratings" },
  { "eval", cli_eval_run, "Evaluate a baseline or a model: Recall, NDCG, HitRate@K" },
  { "recommend", cli_recommend_run, "Top-K recommendations for a user or for all users" },
  { "train", cli_train_run, "Train the Collaborative GAN, one line per epoch" },
  { "bench", cli_bench_run, "Benchmark CGAN training and recommendation speed" },
  { "model-info", cli_model_info_run, "Describe a saved .cgan model, without the dataset" },
  { "compare", cli_compare_run, "Paired comparison of two recommenders' per-user figures" },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "Usage: cinegan-cli COMMAND [OPTION…]\n\n"
                "Train and evaluate the Cinegan movie recommender on MovieLens.\n\n"
                "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nRun “cinegan-cli COMMAND --help” for a command's options.\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* Numbers in our output must parse the same everywhere: keep "." as decimal point. */
  setlocale (LC_NUMERIC, "C");

  if (argc < 2)
    {
      print_usage (stderr);
      return CLI_EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0
      || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return CLI_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("cinegan-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("cinegan-cli %s", commands[i].name);
        int status;

        g_set_prgname (prgname);
        argv[1] = prgname;
        status = commands[i].run (argc - 1, argv + 1);
        return status;
      }

  fprintf (stderr, "cinegan-cli: unknown command “%s”\n\n", argv[1]);
  print_usage (stderr);
  return CLI_EXIT_USAGE;
}
