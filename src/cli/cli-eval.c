/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-eval.c: "cinegan-cli eval" — Recall, NDCG and HitRate@K, with catalogue coverage and
 * mean popularity, under the standard or the new-user protocol.
 *
 * One row per recommender: a baseline (or every baseline), a trained model, or both, all
 * scored from the same input and measured on the same users. EASE's λ is chosen on the
 * protocol's validation counterpart unless given. --folds runs the baselines on u1–u5 and
 * adds the mean; --per-user writes each user's figures for "cinegan-cli compare".
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-baseline.h"
#include "cg-file.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-per-user.h"
#include "cli-protocol.h"
#include "cli-scorer.h"

#define EVAL_BATCH 256
/* The seed train --validation uses by default (the model's default seed). */
#define VALIDATION_SEED 42

static const char *const fold_names[] = { "u1", "u2", "u3", "u4", "u5" };

typedef struct
{
  char     *label;        /* "ease", "popularity", the model file's name */
  double    lambda;       /* EASE's, or 0 */
  gboolean  lambda_auto;  /* chosen on validation */
  CgMetrics sum;          /* over folds */
  guint     n_folds;
} Row;

typedef struct
{
  const char *baseline;   /* NAME, "all" or NULL */
  const char *model;
  const char *ease_lambda;
  const char *per_user;
  guint       k;
  gboolean    json;
  gboolean    folds;
} EvalOptions;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->label);
}

/* Every baseline the protocol compares against; random only when named. */
static const char *const all_baselines[] = { "popularity", "itemknn", "ease" };

static GArray *
rows_new (const EvalOptions *o)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));

  g_array_set_clear_func (rows, row_clear);
  if (o->baseline != NULL && g_str_equal (o->baseline, "all"))
    for (guint b = 0; b < G_N_ELEMENTS (all_baselines); b++)
      g_array_append_val (rows, ((Row) { .label = g_strdup (all_baselines[b]) }));
  else if (o->baseline != NULL)
    g_array_append_val (rows, ((Row) { .label = g_strdup (o->baseline) }));
  if (o->model != NULL)
    g_array_append_val (rows, ((Row) { .label = NULL }));
  return rows;
}

/* Parses --ease-lambda: "auto" (0) or a positive number. */
static gboolean
parse_lambda (const char *text,
              double     *lambda,
              GError    **error)
{
  char *end = NULL;

  *lambda = 0.0;
  if (text == NULL || g_str_equal (text, "auto"))
    return TRUE;
  *lambda = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(*lambda > 0.0) || !isfinite (*lambda))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--ease-lambda must be auto or a positive number (got “%s”)", text);
      return FALSE;
    }
  return TRUE;
}

/* Opens row's scorer on the protocol's data. */
static gboolean
open_row (CliScorer         *scorer,
          Row               *row,
          const EvalOptions *o,
          const CliProtocol *protocol,
          GError           **error)
{
  double lambda;

  if (row->label == NULL || g_strcmp0 (row->label, "ease") != 0)
    {
      if (!cli_scorer_open (scorer, row->label == NULL ? NULL : row->label,
                            row->label == NULL ? o->model : NULL, protocol->dataset, error))
        return FALSE;
      if (row->label == NULL)
        row->label = g_strdup (scorer->name);
    }
  else
    {
      if (!parse_lambda (o->ease_lambda, &lambda, error))
        return FALSE;
      row->lambda_auto = lambda == 0.0;
      if (row->lambda_auto
          && !cli_protocol_choose_ease_lambda (protocol, o->k, &lambda, NULL, error))
        return FALSE;
      row->lambda = lambda;
      if (!cli_scorer_open_ease (scorer, lambda, protocol->dataset, error))
        return FALSE;
    }
  /* Standard protocol: scorers read the dataset's train positives already (a model file
   * trained with the app's "you" reads its own copy with them). */
  return !protocol->new_users || cli_scorer_set_input (scorer, protocol->input, error);
}

static void
print_json (const Row       *row,
            const CgMetrics *m,
            const char      *split,
            const CliProtocol *protocol,
            guint            n_folds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  cli_json_add_metrics (builder, m);
  json_builder_set_member_name (builder, "split");
  json_builder_add_string_value (builder, split);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, row->label);
  if (row->lambda > 0.0)
    {
      cli_json_add_number (builder, "lambda", row->lambda);
      json_builder_set_member_name (builder, "lambda_chosen_on");
      json_builder_add_string_value (builder, row->lambda_auto ? "validation" : "option");
    }
  if (n_folds > 0)
    {
      json_builder_set_member_name (builder, "folds");
      json_builder_add_int_value (builder, n_folds);
    }
  if (protocol != NULL && protocol->new_users)
    {
      const CgNewUsers *s = protocol->split;

      json_builder_set_member_name (builder, "protocol");
      json_builder_add_string_value (builder, "new-users");
      json_builder_set_member_name (builder, "seed");
      json_builder_add_int_value (builder, (gint64) s->seed);
      cli_json_add_number (builder, "users_fraction", s->fraction);
      json_builder_set_member_name (builder, "reveal");
      json_builder_add_int_value (builder, s->reveal);
      json_builder_set_member_name (builder, "held_out_users");
      json_builder_add_int_value (builder, s->n_held_out);
    }
  json_builder_end_object (builder);
  text = cli_json_to_line (builder);
  printf ("%s\n", text);
}

static void
print_text (const Row       *row,
            const CgMetrics *m,
            const char      *prefix,
            gboolean         labelled)
{
  g_autofree char *metrics = cg_metrics_format (m);
  g_autofree char *lists = cg_metrics_format_lists (m);
  g_autofree char *label = row->lambda > 0.0
                           ? g_strdup_printf ("%s λ=%g%s", row->label, row->lambda,
                                              row->lambda_auto ? " (validation)" : "")
                           : g_strdup (row->label);

  if (labelled)
    printf ("%s%-28s  %s  %s\n", prefix, label, metrics, lists);
  else
    printf ("%s%s  %s\n", prefix, metrics, lists);
}

/* Evaluates every row on one protocol's data; adds to each row's sums. */
static gboolean
eval_protocol (GArray            *rows,
               const EvalOptions *o,
               const CliProtocol *protocol,
               const char        *split,
               gboolean           labelled,
               GString           *per_user,
               GError           **error)
{
  g_autofree CgUserMetrics *users = g_new (CgUserMetrics, MAX (protocol->sets->n_users, 1));

  if (protocol->new_users && !o->json)
    {
      g_autofree char *text = cli_protocol_describe (protocol);

      printf ("%s\n", text);
    }
  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = &g_array_index (rows, Row, r);
      CliScorer scorer = { 0 };
      CgMetrics m;

      if (!open_row (&scorer, row, o, protocol, error))
        {
          cli_scorer_clear (&scorer);
          return FALSE;
        }
      cg_metrics_evaluate_sets (&m, users, protocol->sets, o->k, scorer.score, scorer.data,
                                EVAL_BATCH);
      cli_scorer_clear (&scorer);
      if (per_user != NULL)
        cli_per_user_append (per_user, split, protocol->dataset, users, m.n_users);

      if (o->json)
        print_json (row, &m, split, protocol, 0);
      else
        {
          g_autofree char *prefix = o->folds ? g_strdup_printf ("%-6s", split) : g_strdup ("");

          print_text (row, &m, prefix, labelled);
        }
      row->sum.recall += m.recall;
      row->sum.ndcg += m.ndcg;
      row->sum.hit_rate += m.hit_rate;
      row->sum.coverage += m.coverage;
      row->sum.mean_popularity += m.mean_popularity;
      row->sum.n_covered += m.n_covered;
      row->sum.n_users += m.n_users;
      row->sum.k = m.k;
      row->n_folds++;
      /* Each fold chooses its own λ. */
      if (row->lambda_auto)
        row->lambda = 0.0;
    }
  return TRUE;
}

static void
print_means (GArray            *rows,
             const EvalOptions *o)
{
  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = &g_array_index (rows, Row, r);
      CgMetrics m = row->sum;
      double n = row->n_folds;
      Row shown = { .label = row->label };

      m.recall /= n;
      m.ndcg /= n;
      m.hit_rate /= n;
      m.coverage /= n;
      m.mean_popularity /= n;
      m.n_covered = (guint) (m.n_covered / n + 0.5);
      if (o->json)
        print_json (&shown, &m, "mean", NULL, row->n_folds);
      else
        print_text (&shown, &m, "mean  ", TRUE);
    }
}

int
cli_eval_run (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new (NULL, "Evaluate baselines and a trained model with the Cinegan "
                     "protocol: every item the user rated in train (or, for new users, "
                     "revealed) is excluded, ties go to the lower movie ID. Prints "
                     "Recall/NDCG/HitRate@K, catalogue coverage (distinct movies in all "
                     "top-K lists) and mean popularity (training positives of a recommended "
                     "movie).");
  CliDataOptions data = { 0 };
  CliProtocolOptions proto = { 0 };
  g_autofree char *baseline = NULL;
  g_autofree char *model = NULL;
  g_autofree char *ease_lambda = NULL;
  g_autofree char *per_user_path = NULL;
  int k = 10;
  double validation = 0.0;
  gint64 validation_seed = VALIDATION_SEED;
  gboolean json = FALSE, folds = FALSE;
  const GOptionEntry entries[] = {
    { "baseline", 'b', 0, G_OPTION_ARG_STRING, &baseline,
      "popularity, random, itemknn, ease, or all (popularity, itemknn and ease)", "NAME" },
    { "model", 'm', 0, G_OPTION_ARG_FILENAME, &model, "A trained .cgan model", "FILE" },
    { "ease-lambda", 0, 0, G_OPTION_ARG_STRING, &ease_lambda,
      "EASE's λ, or auto (default): the best of a grid on the protocol's validation split",
      "auto|L" },
    { "folds", 0, 0, G_OPTION_ARG_NONE, &folds,
      "Standard protocol: every fold u1–u5, then the mean (baselines only)", NULL },
    { "per-user", 0, 0, G_OPTION_ARG_FILENAME, &per_user_path,
      "Write each evaluated user's figures (split, user_id, recall, ndcg, hit) to FILE, "
      "for “cinegan-cli compare” (one recommender only)", "FILE" },
    { "validation", 0, 0, G_OPTION_ARG_DOUBLE, &validation,
      "Evaluate on the protocol's validation split instead (as train --validation F makes it "
      "with the default seed): F of each user's train positives, or, for new users, F of the "
      "training users", "F" },
    { "validation-seed", 0, 0, G_OPTION_ARG_INT64, &validation_seed,
      "Standard protocol: the carve-out's seed (default 42, train's default seed)", "S" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, "Cut-off K (default 10)", "K" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "One JSON object per line and recommender", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GString) per_user = NULL;
  EvalOptions o = { 0 };
  int status = CLI_EXIT_OK;
  double lambda;

  cli_data_options_add (context, &data);
  cli_protocol_options_add (context, &proto, "seed", 1);
  cli_add_main_entries (context, entries);
  if (!cli_parse (context, &argc, &argv))
    {
      status = CLI_EXIT_USAGE;
      goto out;
    }
  o.baseline = baseline;
  o.model = model;
  o.ease_lambda = ease_lambda;
  o.per_user = per_user_path;
  o.k = (guint) k;
  o.json = json;
  o.folds = folds;
  if (baseline == NULL && model == NULL && cli_protocol_options_new_users (&proto))
    o.baseline = "all";

  if (k < 1 || k > 1000)
    status = cli_fail ("eval", CLI_EXIT_USAGE, "-k %d is outside 1–1000", k);
  else if (!(validation >= 0.0 && validation < 1.0))
    status = cli_fail ("eval", CLI_EXIT_USAGE, "--validation %g is outside [0, 1)", validation);
  else if (validation > 0.0 && model != NULL)
    status = cli_fail ("eval", CLI_EXIT_USAGE, "--validation evaluates baselines; a model "
                       "trained with train --validation reports its validation figures itself");
  else if (!cli_protocol_options_check (&proto, &error)
           || !parse_lambda (ease_lambda, &lambda, &error))
    status = cli_fail_error ("eval", error);
  else if (o.baseline == NULL && model == NULL)
    status = cli_fail ("eval", CLI_EXIT_USAGE, "Give --baseline NAME (or all), --model FILE, "
                       "or both");
  else if (folds && (model != NULL || cli_protocol_options_new_users (&proto)
                     || data.split != NULL))
    status = cli_fail ("eval", CLI_EXIT_USAGE, "--folds runs the baselines of the standard "
                       "protocol on u1–u5: it takes neither --model, --split nor "
                       "--protocol new-users");
  if (status != CLI_EXIT_OK)
    goto out;

  rows = rows_new (&o);
  if (per_user_path != NULL && rows->len != 1)
    {
      status = cli_fail ("eval", CLI_EXIT_USAGE, "--per-user needs exactly one recommender "
                         "(one --baseline or --model)");
      goto out;
    }
  if (per_user_path != NULL)
    per_user = cli_per_user_new ();

  for (guint f = 0; f < (folds ? G_N_ELEMENTS (fold_names) : 1); f++)
    {
      CliProtocol loaded, carved = { 0 };
      const CliProtocol *protocol = &loaded;
      CliDataOptions fold = data;
      const char *split;
      gboolean ok;

      if (folds)
        fold.split = (char *) fold_names[f];
      if (!cli_protocol_load (&loaded, &fold, &proto, &error))
        {
          status = cli_fail_error ("eval", error);
          goto out;
        }
      if (validation > 0.0)
        {
          if (!cli_protocol_validation (&carved, &loaded, validation, (guint64) validation_seed,
                                        &error))
            {
              cli_protocol_clear (&loaded);
              status = cli_fail_error ("eval", error);
              goto out;
            }
          protocol = &carved;
        }
      split = protocol->dataset->split;
      ok = eval_protocol (rows, &o, protocol, split, rows->len > 1 || folds, per_user,
                          &error);
      cli_protocol_clear (&carved);
      cli_protocol_clear (&loaded);
      if (!ok)
        {
          status = cli_fail_error ("eval", error);
          goto out;
        }
    }
  if (folds)
    print_means (rows, &o);
  if (per_user != NULL
      && !cg_file_replace (per_user_path, per_user->str, per_user->len, 0644,
                           CG_FILE_REPLACE_DEFAULT, &error))
    status = cli_fail ("eval", CLI_EXIT_DATA, "Writing per-user figures: %s", error->message);

out:
  cli_protocol_options_clear (&proto);
  cli_data_options_clear (&data);
  return status;
}
