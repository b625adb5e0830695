/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-protocol-cli.c: the measuring tools of cinegan-cli, on synthetic folders.
 *
 * The new-user protocol in eval and train (its figures recomputed here from the engine),
 * EASE's λ chosen on validation, the fold loop, per-user figures and the paired
 * comparison, and recommendations for a ratings file (against the engine's recommender),
 * with their usage and data errors.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "cg-baseline.h"
#include "cg-model-file.h"
#include "cg-new-users.h"
#include "cg-recommender.h"
#include "cg-test-util.h"

static char *syn_dir;

static void
setup (void)
{
  CgSyntheticSpec spec;

  cg_test_tmp_setup ();
  syn_dir = cg_test_tmp_subdir ("synthetic");
  cg_synthetic_spec_init (&spec);
  spec.likes_per_user = 12;
  /* Five folds, so --folds has something to loop over (u.data is rewritten each time; the
   * folds only read their own files). */
  for (guint f = 1; f <= 5; f++)
    {
      g_autofree char *split = g_strdup_printf ("u%u", f);

      spec.seed = 20 + f;
      spec.split = split;
      cg_test_write_synthetic (syn_dir, &spec);
    }
}

static void
teardown (void)
{
  cg_test_tmp_teardown ();
  g_clear_pointer (&syn_dir, g_free);
}

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_argv (Run               *run,
          const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  env = g_environ_unsetenv (env, "CINEGAN_DATA_DIR");
  env = g_environ_setenv (env, "OPENBLAS_NUM_THREADS", "1", TRUE);
  g_ptr_array_add (argv, (gpointer) CG_CLI_PATH);
  for (guint a = 0; args[a] != NULL; a++)
    g_ptr_array_add (argv, (gpointer) args[a]);
  g_ptr_array_add (argv, NULL);
  *run = (Run) { 0 };
  ck_assert_msg (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error),
                 "%s", error ? error->message : "?");
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

#define run_cli(run, ...) run_argv ((run), (const char *const[]) { __VA_ARGS__, NULL })
#define ASSERT_EXIT(run, expected)                                                        \
  ck_assert_msg ((run)->status == (expected), "exit %d, expected %d\nstdout: %s\nstderr: %s", \
                 (run)->status, (expected), (run)->out, (run)->err)
#define ASSERT_CONTAINS(text, part) \
  ck_assert_msg (strstr ((text), (part)) != NULL, "“%s” not in:\n%s", (part), (text))

#define TRAIN_OPTIONS "--epochs", "2", "--threads", "1", "--embed-dim", "8", \
  "--noise-dim", "4", "--hidden-dim", "16", "--batch-size", "64"

static char *
tmp_path (const char *name)
{
  return g_build_filename (cg_test_tmp_root (), name, NULL);
}

static CgNewUsers *
engine_split (guint64 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) pool = cg_dataset_load (syn_dir, "all", 4, &error);
  CgNewUsers *split;

  ck_assert_msg (pool != NULL, "%s", error ? error->message : "?");
  split = cg_new_users_new (pool, 0.2, 10, seed, &error);
  ck_assert_msg (split != NULL, "%s", error ? error->message : "?");
  return split;
}

/* The text of a figure after "label " in a line of text, as a double. */
static double
figure_after (const char *text,
              const char *line_prefix,
              const char *label)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint l = 0; lines[l] != NULL; l++)
    if (g_str_has_prefix (lines[l], line_prefix))
      {
        const char *at = strstr (lines[l], label);

        ck_assert_msg (at != NULL, "no “%s” in “%s”", label, lines[l]);
        return g_ascii_strtod (at + strlen (label), NULL);
      }
  ck_abort_msg ("no line starting “%s” in:\n%s", line_prefix, text);
  return NAN;
}

/* ---- the new-user protocol ---- */

START_TEST (test_eval_new_users_every_baseline)
{
  g_auto(Run) run = { 0 };
  g_autoptr(CgNewUsers) split = engine_split (5);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgBaseline) knn = cg_baseline_new (CG_BASELINE_ITEMKNN, split->dataset, &error);
  g_autofree char *users = g_strdup_printf ("users %u ", split->n_eval_users);
  g_autofree char *header = g_strdup_printf ("%u evaluated", split->n_eval_users);
  CgMetrics m;

  run_cli (&run, "eval", "-d", syn_dir, "--protocol", "new-users", "--seed", "5");
  ASSERT_EXIT (&run, 0);
  ASSERT_CONTAINS (run.out, "new-user protocol: seed 5, 20% of users held out of training "
                            "(12), 10 ratings revealed each");
  ASSERT_CONTAINS (run.out, header);
  ASSERT_CONTAINS (run.out, users);
  ASSERT_CONTAINS (run.out, "(validation)");
  ck_assert (g_str_has_prefix (strstr (run.out, "\n") + 1, "popularity"));

  /* ItemKNN scores the held-out users' revealed liked movies. */
  ck_assert (knn != NULL);
  cg_baseline_set_input (knn, split->revealed_liked);
  cg_metrics_evaluate_sets (&m, NULL, &split->sets, 10, cg_baseline_score, knn, 64);
  ck_assert_uint_gt (m.n_users, 0);
  ck_assert_double_eq_tol (figure_after (run.out, "itemknn", "NDCG@10 "), m.ndcg, 6e-5);
  ck_assert_double_eq_tol (figure_after (run.out, "itemknn", "coverage "), m.coverage, 6e-5);
}
END_TEST

START_TEST (test_eval_new_users_json_and_fixed_lambda)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  run_cli (&run, "eval", "-d", syn_dir, "--protocol", "new-users", "--seed", "2",
           "--reveal", "6", "--users-fraction", "0.3", "-b", "ease", "--ease-lambda", "55",
           "--json");
  ASSERT_EXIT (&run, 0);
  ck_assert_msg (json_parser_load_from_data (parser, run.out, -1, &error), "%s", run.out);
  object = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (object, "protocol"), "new-users");
  ck_assert_int_eq (json_object_get_int_member (object, "seed"), 2);
  ck_assert_int_eq (json_object_get_int_member (object, "reveal"), 6);
  ck_assert_int_eq (json_object_get_int_member (object, "held_out_users"), 18);
  ck_assert_double_eq (json_object_get_double_member (object, "lambda"), 55.0);
  ck_assert_str_eq (json_object_get_string_member (object, "lambda_chosen_on"), "option");
  ck_assert (json_object_has_member (object, "coverage"));
  ck_assert (json_object_has_member (object, "mean_popularity"));
}
END_TEST

START_TEST (test_train_new_users_then_eval)
{
  g_autofree char *model = tmp_path ("nu.cgan");
  g_auto(Run) train = { 0 };
  g_auto(Run) eval = { 0 };
  g_auto(Run) other = { 0 };
  g_auto(Run) val = { 0 };
  g_auto(GStrv) train_lines = NULL;
  g_auto(GStrv) eval_lines = NULL;
  guint n_train, n_eval;

  run_cli (&train, "train", "-d", syn_dir, TRAIN_OPTIONS, "--protocol", "new-users",
           "--split-seed", "3", "--save", model);
  ASSERT_EXIT (&train, 0);
  ASSERT_CONTAINS (train.out, "new-user protocol: seed 3");
  /* eval of the saved model on the same split prints what train printed last. */
  run_cli (&eval, "eval", "-d", syn_dir, "--protocol", "new-users", "--seed", "3", "--model",
           model);
  ASSERT_EXIT (&eval, 0);
  train_lines = g_strsplit (g_strstrip (train.out), "\n", -1);
  eval_lines = g_strsplit (g_strstrip (eval.out), "\n", -1);
  n_train = g_strv_length (train_lines);
  n_eval = g_strv_length (eval_lines);
  ck_assert_str_eq (eval_lines[n_eval - 1], train_lines[n_train - 1]);

  /* Another seed is another split: the model does not match it. */
  run_cli (&other, "eval", "-d", syn_dir, "--protocol", "new-users", "--seed", "4", "--model",
           model);
  ASSERT_EXIT (&other, 1);
  ASSERT_CONTAINS (other.err, "new-users-s3");

  /* Validation: held-out training users, named as such. */
  run_cli (&val, "train", "-d", syn_dir, TRAIN_OPTIONS, "--protocol", "new-users",
           "--validation", "0.25", "--json");
  ASSERT_EXIT (&val, 0);
  ASSERT_CONTAINS (val.out, "-validation\"");
}
END_TEST

/* ---- folds, per-user figures and the paired comparison ---- */

START_TEST (test_folds)
{
  g_auto(Run) run = { 0 };
  double sum = 0.0;

  run_cli (&run, "eval", "-d", syn_dir, "--folds", "-b", "popularity");
  ASSERT_EXIT (&run, 0);
  for (guint f = 1; f <= 5; f++)
    {
      g_autofree char *prefix = g_strdup_printf ("u%u    popularity", f);

      sum += figure_after (run.out, prefix, "NDCG@10 ");
    }
  ck_assert_double_eq_tol (figure_after (run.out, "mean  popularity", "NDCG@10 "), sum / 5.0,
                           6e-5);
}
END_TEST

START_TEST (test_per_user_and_compare)
{
  g_autofree char *a = tmp_path ("a.tsv");
  g_autofree char *b = tmp_path ("b.tsv");
  g_autofree char *two = tmp_path ("two.tsv");
  g_autofree char *bad = tmp_path ("bad.tsv");
  g_autofree char *text_a = NULL, *text_b = NULL, *both = NULL;
  g_auto(Run) ra = { 0 };
  g_auto(Run) rb = { 0 };
  g_auto(Run) cmp = { 0 };
  g_auto(Run) self = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) mismatch = { 0 };
  g_auto(Run) broken = { 0 };
  double ndcg_a, ndcg_b;

  run_cli (&ra, "eval", "-d", syn_dir, "-b", "itemknn", "--per-user", a);
  ASSERT_EXIT (&ra, 0);
  run_cli (&rb, "eval", "-d", syn_dir, "-b", "popularity", "--per-user", b);
  ASSERT_EXIT (&rb, 0);
  ndcg_a = figure_after (ra.out, "Recall", "NDCG@10 ");
  ndcg_b = figure_after (rb.out, "Recall", "NDCG@10 ");

  run_cli (&cmp, "compare", a, b);
  ASSERT_EXIT (&cmp, 0);
  ck_assert_double_eq_tol (figure_after (cmp.out, "u1", "A "), ndcg_a, 6e-5);
  ck_assert_double_eq_tol (figure_after (cmp.out, "u1", "B "), ndcg_b, 6e-5);
  ck_assert_double_eq_tol (figure_after (cmp.out, "u1", "A−B "), ndcg_a - ndcg_b, 1.1e-4);
  ck_assert (strstr (cmp.out, "all") == NULL);

  /* Against itself: a difference of exactly zero, every user equal. */
  run_cli (&self, "compare", "--json", a, a);
  ASSERT_EXIT (&self, 0);
  ASSERT_CONTAINS (self.out, "\"mean_diff\":0");
  ASSERT_CONTAINS (self.out, "\"better\":0,\"worse\":0");

  /* Two splits: per split, then pooled. */
  ck_assert (g_file_get_contents (a, &text_a, NULL, NULL));
  ck_assert (g_file_get_contents (b, &text_b, NULL, NULL));
  {
    g_autofree char *renamed = NULL;
    g_auto(GStrv) parts = g_strsplit (text_a, "\nu1\t", -1);

    renamed = g_strjoinv ("\nu9\t", parts);
    both = g_strconcat (text_a, renamed, NULL);
  }
  ck_assert (g_file_set_contents (two, both, -1, NULL));
  run_cli (&json, "compare", two, two);
  ASSERT_EXIT (&json, 0);
  ASSERT_CONTAINS (json.out, "\nu9 ");
  ASSERT_CONTAINS (json.out, "\nall ");

  /* Different users: refused. */
  run_cli (&mismatch, "compare", a, two);
  ASSERT_EXIT (&mismatch, 1);

  ck_assert (g_file_set_contents (bad, "# split\tuser_id\trecall\tndcg\thit\nu1\t3\t0.5\t1.5\t1\n",
                                  -1, NULL));
  run_cli (&broken, "compare", bad, a);
  ASSERT_EXIT (&broken, 1);
  ASSERT_CONTAINS (broken.err, "bad.tsv:2:");
}
END_TEST

/* ---- recommendations for a ratings file ---- */

START_TEST (test_recommend_ratings)
{
  g_autofree char *model = tmp_path ("u1.cgan");
  g_autofree char *ratings = tmp_path ("ratings.tsv");
  g_autofree char *bad = tmp_path ("bad-ratings.tsv");
  g_auto(Run) train = { 0 };
  g_auto(Run) rec = { 0 };
  g_auto(Run) broken = { 0 };
  g_auto(Run) base = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = cg_dataset_load (syn_dir, "u1", 4, &error);
  g_autoptr(CgCgan) loaded = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  CgRecommendation recs[5];
  /* Movies 1 and 3 liked, 2 disliked; 99999 is in no split; 3 is rated twice (the later
   * line wins). */
  const char *text = "# Cinegan ratings v1: movie_id\trating\tunix_time\n"
                     "1\t5\t1732650000\n2\t1\n3\t2\n99999\t5\n3\t4\n";
  guint32 liked[2], rated[3];
  guint n = 0;

  ck_assert (ds != NULL);
  ck_assert (g_file_set_contents (ratings, text, -1, NULL));
  run_cli (&train, "train", "-d", syn_dir, TRAIN_OPTIONS, "--save", model);
  ASSERT_EXIT (&train, 0);
  run_cli (&rec, "recommend", "-d", syn_dir, "--model", model, "--ratings", ratings, "-k",
           "5", "--format", "tsv");
  ASSERT_EXIT (&rec, 0);
  ASSERT_CONTAINS (rec.err, "1 rated movie");

  /* What the app's recommender gives for the same liked and rated movies. */
  {
    g_autoptr(CgModelFile) file = cg_model_file_load (model, &error);

    ck_assert_msg (file != NULL, "%s", error ? error->message : "?");
    loaded = cg_model_file_steal_model (file);
  }
  liked[0] = (guint32) cg_dataset_item_index (ds, 1);
  liked[1] = (guint32) cg_dataset_item_index (ds, 3);
  rated[0] = liked[0];
  rated[1] = (guint32) cg_dataset_item_index (ds, 2);
  rated[2] = liked[1];
  ck_assert (cg_recommend_for_history (loaded, ds, liked, 2, rated, 3, 5,
                                       cg_recommend_rounds (loaded, CG_RECOMMEND_DEFAULT_DRAWS),
                                       recs, &n, &error));
  ck_assert_uint_eq (n, 5);
  for (guint r = 0; r < n; r++)
    g_string_append_printf (expected, "%u\t%u\t%.9g\n", r + 1, ds->movie_ids[recs[r].item],
                            recs[r].score);
  ck_assert_str_eq (rec.out, expected->str);

  /* A baseline scores the same vector. */
  run_cli (&base, "recommend", "-d", syn_dir, "-b", "itemknn", "--ratings", ratings);
  ASSERT_EXIT (&base, 0);
  ck_assert (strstr (base.out, "\n") != NULL);

  ck_assert (g_file_set_contents (bad, "1\t5\n\n2\t6\n", -1, NULL));
  run_cli (&broken, "recommend", "-d", syn_dir, "--model", model, "--ratings", bad);
  ASSERT_EXIT (&broken, 1);
  ASSERT_CONTAINS (broken.err, "bad-ratings.tsv:3:");
}
END_TEST

/* ---- usage errors ---- */

typedef struct
{
  const char *args[10];
  const char *says;
} UsageCase;

#define D "--data-dir", "@SYN@"
static const UsageCase usage_cases[] = {
  { { "eval", D, "--protocol", "sideways", NULL }, "--protocol" },
  { { "eval", D, "--protocol", "new-users", "--users-fraction", "1", NULL }, "--users-fraction" },
  { { "eval", D, "--protocol", "new-users", "--users-fraction", "nan", NULL }, "--users-fraction" },
  { { "eval", D, "--protocol", "new-users", "--reveal", "0", NULL }, "--reveal" },
  { { "eval", D, "-b", "ease", "--ease-lambda", "-3", NULL }, "--ease-lambda" },
  { { "eval", D, "-b", "all", "--per-user", "x.tsv", NULL }, "--per-user" },
  { { "eval", D, "-b", "popularity", "--folds", "--split", "u2", NULL }, "--folds" },
  { { "eval", D, "--protocol", "new-users", "--split", "u2", NULL }, "--split" },
  { { "compare", "only-one.tsv", NULL }, "two" },
  { { "compare", "a", "b", "--metric", "auc", NULL }, "--metric" },
  { { "recommend", D, "-b", "popularity", "--ratings", "r.tsv", "--user", "1", NULL },
    "exactly one" },
  { { "train", D, "--protocol", "new-users", "--recommend-all", "x.tsv", NULL },
    "--recommend-all" },
};

START_TEST (test_usage_errors)
{
  const UsageCase *c = &usage_cases[_i];
  const char *args[11];
  g_auto(Run) run = { 0 };
  guint n = 0;

  for (; c->args[n] != NULL; n++)
    args[n] = g_str_equal (c->args[n], "@SYN@") ? syn_dir : c->args[n];
  args[n] = NULL;
  run_argv (&run, args);
  ck_assert_msg (run.status == 2, "case %d (%s): exit %d, expected 2\n%s", _i, args[0],
                 run.status, run.err);
  ck_assert_msg (strstr (run.err, c->says) != NULL, "case %d: no “%s” in:\n%s", _i, c->says,
                 run.err);
}
END_TEST

static Suite *
protocol_cli_suite (void)
{
  Suite *suite = suite_create ("protocol-cli");
  TCase *tc = tcase_create ("cli");

  tcase_add_unchecked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_eval_new_users_every_baseline);
  tcase_add_test (tc, test_eval_new_users_json_and_fixed_lambda);
  tcase_add_test (tc, test_train_new_users_then_eval);
  tcase_add_test (tc, test_folds);
  tcase_add_test (tc, test_per_user_and_compare);
  tcase_add_test (tc, test_recommend_ratings);
  tcase_add_loop_test (tc, test_usage_errors, 0, G_N_ELEMENTS (usage_cases));
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (protocol_cli_suite ());
}
