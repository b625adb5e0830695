/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-compare.c: "cinegan-cli compare A B" — a paired comparison of two recommenders from
 * their per-user figures (eval --per-user, train --per-user).
 *
 * Both files must hold the same (split, user) pairs: the comparison is paired, each user's
 * difference a − b counted once, so the noise of who happens to be in a test split cancels.
 * Per split, then over all pairs together when there are several splits (folds or seeds).
 * The 95 % interval is Student's t on the mean difference.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cg-error.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-per-user.h"

typedef enum
{
  METRIC_NDCG,
  METRIC_RECALL,
  METRIC_HIT,
} Metric;

static double
metric_of (const CliUserFigures *f,
           Metric                metric)
{
  switch (metric)
    {
    case METRIC_RECALL:
      return f->recall;
    case METRIC_HIT:
      return f->hit ? 1.0 : 0.0;
    case METRIC_NDCG:
    default:
      return f->ndcg;
    }
}

static void
print_summary (const char            *split,
               const CgPairedSummary *s,
               gboolean               json,
               const char            *metric)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "split");
      json_builder_add_string_value (builder, split);
      json_builder_set_member_name (builder, "metric");
      json_builder_add_string_value (builder, metric);
      json_builder_set_member_name (builder, "users");
      json_builder_add_int_value (builder, s->n);
      cli_json_add_number (builder, "mean_a", s->mean_a);
      cli_json_add_number (builder, "mean_b", s->mean_b);
      cli_json_add_number (builder, "mean_diff", s->mean_diff);
      cli_json_add_number (builder, "ci_low", s->ci_low);
      cli_json_add_number (builder, "ci_high", s->ci_high);
      cli_json_add_number (builder, "sd_diff", s->sd_diff);
      json_builder_set_member_name (builder, "better");
      json_builder_add_int_value (builder, s->n_better);
      json_builder_set_member_name (builder, "worse");
      json_builder_add_int_value (builder, s->n_worse);
      json_builder_set_member_name (builder, "equal");
      json_builder_add_int_value (builder, s->n_equal);
      json_builder_end_object (builder);
      text = cli_json_to_line (builder);
      printf ("%s\n", text);
      return;
    }
  printf ("%-8s users %u  A %.4f  B %.4f  A−B %+.4f  95%% [%+.4f, %+.4f]  A better for %u, "
          "worse for %u, equal for %u\n", split, s->n, s->mean_a, s->mean_b, s->mean_diff,
          s->ci_low, s->ci_high, s->n_better, s->n_worse, s->n_equal);
}

int
cli_compare_run (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new ("A.tsv B.tsv", "Paired comparison of two recommenders from their "
                     "per-user figures (eval --per-user, train --per-user): the mean of the "
                     "per-user differences A − B with a 95 % interval, per split and over "
                     "all of them.");
  g_autofree char *metric_name = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric_name, "ndcg (default), recall or hit",
      "NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON object per line", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;
  g_autoptr(GHashTable) b_index = NULL;
  g_autoptr(GPtrArray) splits = NULL;
  g_autofree double *va = NULL;
  g_autofree double *vb = NULL;
  g_autofree double *sa = NULL;
  g_autofree double *sb = NULL;
  Metric metric = METRIC_NDCG;
  CgPairedSummary summary;

  cli_add_main_entries (context, entries);
  if (!cli_parse (context, &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc != 3)
    return cli_fail ("compare", CLI_EXIT_USAGE, "Give two per-user files, A and B");
  if (metric_name == NULL || g_str_equal (metric_name, "ndcg"))
    metric = METRIC_NDCG;
  else if (g_str_equal (metric_name, "recall"))
    metric = METRIC_RECALL;
  else if (g_str_equal (metric_name, "hit"))
    metric = METRIC_HIT;
  else
    return cli_fail ("compare", CLI_EXIT_USAGE, "--metric must be ndcg, recall or hit");

  if ((a = cli_per_user_load (argv[1], &error)) == NULL
      || (b = cli_per_user_load (argv[2], &error)) == NULL)
    return cli_fail_error ("compare", error);
  if (a->len != b->len)
    return cli_fail ("compare", CLI_EXIT_DATA, "%s has %u users and %s %u: a paired "
                     "comparison needs the same users in both", argv[1], a->len, argv[2],
                     b->len);

  b_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < b->len; i++)
    {
      const CliUserFigures *f = &g_array_index (b, CliUserFigures, i);

      g_hash_table_insert (b_index, g_strdup_printf ("%s\t%u", f->split, f->user_id),
                           GUINT_TO_POINTER (i + 1));
    }
  /* Values in A's order, pairs matched by (split, user). */
  va = g_new (double, MAX (a->len, 1));
  vb = g_new (double, MAX (a->len, 1));
  splits = g_ptr_array_new ();
  for (guint i = 0; i < a->len; i++)
    {
      const CliUserFigures *f = &g_array_index (a, CliUserFigures, i);
      g_autofree char *key = g_strdup_printf ("%s\t%u", f->split, f->user_id);
      guint j = GPOINTER_TO_UINT (g_hash_table_lookup (b_index, key));

      if (j == 0)
        return cli_fail ("compare", CLI_EXIT_DATA, "user %u of split %s is in %s but not in "
                         "%s", f->user_id, f->split, argv[1], argv[2]);
      va[i] = metric_of (f, metric);
      vb[i] = metric_of (&g_array_index (b, CliUserFigures, j - 1), metric);
      if (splits->len == 0
          || !g_str_equal (g_ptr_array_index (splits, splits->len - 1), f->split))
        {
          gboolean known = FALSE;

          for (guint s = 0; s < splits->len; s++)
            known = known || g_str_equal (g_ptr_array_index (splits, s), f->split);
          if (!known)
            g_ptr_array_add (splits, f->split);
        }
    }

  sa = g_new (double, MAX (a->len, 1));
  sb = g_new (double, MAX (a->len, 1));
  for (guint s = 0; s < splits->len; s++)
    {
      const char *split = g_ptr_array_index (splits, s);
      gsize n = 0;

      for (guint i = 0; i < a->len; i++)
        if (g_str_equal (g_array_index (a, CliUserFigures, i).split, split))
          {
            sa[n] = va[i];
            sb[n] = vb[i];
            n++;
          }
      cg_paired_summary (&summary, sa, sb, n);
      print_summary (split, &summary, json, metric_name != NULL ? metric_name : "ndcg");
    }
  if (splits->len > 1)
    {
      cg_paired_summary (&summary, va, vb, a->len);
      print_summary ("all", &summary, json, metric_name != NULL ? metric_name : "ndcg");
    }
  return CLI_EXIT_OK;
}
