/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-explain.c: "Because you liked A, B" names the liked movies a recommendation rests
 * on, and nothing else.
 *
 * On a model trained briefly on planted clusters, for several users and for a made-up
 * "you": every named movie is in the bag; scoring the bag without it (through the public
 * scoring path, independently of the explainer) lowers the target's score by exactly the
 * drop reported; the named ones are the largest drops, largest first, and no liked movie
 * left unnamed lowers the score more; two calls, and a second model trained from the same
 * seed, give the same reasons in the same order. An id-mode model is refused with a
 * message saying explanations need history mode, and `cinegan-cli recommend --explain`
 * prints the same reasons (JSON) or that message.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cg-error.h"
#include "cg-explain.h"
#include "cg-model-file.h"
#include "cg-recommender.h"
#include "cg-test-util.h"

#define K 5
#define MAX_REASONS 3
#define ROUNDS 2

static char *tmp_dir;
static CgDataset *dataset;

static void
setup (void)
{
  CgSyntheticSpec spec;

  cg_synthetic_spec_init (&spec);
  spec.n_users = 100;
  spec.n_items = 50;
  spec.likes_per_user = 10;
  spec.seed = 4;
  dataset = cg_test_load_synthetic (&spec, &tmp_dir);
}

static void
teardown (void)
{
  g_clear_pointer (&dataset, cg_dataset_free);
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

static CgCgan *
train (CgUserEmbeddingMode mode)
{
  CgCganConfig config;

  cg_test_small_config (&config);
  config.epochs = 8;
  config.seed = 21;
  config.noise_draws = 3;
  config.user_mode = mode;
  return cg_test_train (dataset, &config);
}

typedef struct
{
  CgRecommendation recs[K];
  guint            n;
  CgReason         reasons[K * MAX_REASONS];
  guint            n_reasons[K];
} Explained;

static void
explain (CgCgan        *model,
         const guint32 *bag,
         guint          n_bag,
         const guint32 *exclude,
         guint          n_exclude,
         Explained     *out)
{
  g_autoptr(GError) error = NULL;
  guint32 targets[K];

  ck_assert_msg (cg_recommend_for_history (model, dataset, bag, n_bag, exclude, n_exclude, K,
                                           ROUNDS, out->recs, &out->n, &error),
                 "%s", error ? error->message : "");
  for (guint r = 0; r < out->n; r++)
    targets[r] = out->recs[r].item;
  ck_assert_msg (cg_explain_history (model, bag, n_bag, targets, out->n, ROUNDS, MAX_REASONS,
                                     out->reasons, out->n_reasons, NULL, &error),
                 "%s", error ? error->message : "");
}

/* The checks of the file's header, for one bag. Returns how many reasons were named. */
static guint
assert_consistent (CgCgan        *model,
                   const guint32 *bag,
                   guint          n_bag,
                   const Explained *e)
{
  guint I = dataset->n_items, named = 0;
  g_autofree float *base = g_new (float, I);
  g_autofree float *without = g_new (float, (gsize) MAX (n_bag, 1) * I);
  g_autofree float *scratch = g_new (float, I);
  g_autofree guint32 *smaller = g_new (guint32, MAX (n_bag, 1));
  g_autoptr(GError) error = NULL;

  ck_assert (cg_recommend_history_scores (model, bag, n_bag, ROUNDS, base, scratch, &error));
  for (guint j = 0; j < n_bag; j++)
    {
      guint m = 0;

      for (guint k = 0; k < n_bag; k++)
        if (k != j)
          smaller[m++] = bag[k];
      ck_assert (cg_recommend_history_scores (model, smaller, m, ROUNDS,
                                              without + (gsize) j * I, scratch, &error));
    }

  for (guint r = 0; r < e->n; r++)
    {
      guint32 target = e->recs[r].item;
      const CgReason *reasons = e->reasons + (gsize) r * MAX_REASONS;
      float weakest = INFINITY;

      /* The list shows the scores the explainer starts from. */
      ck_assert (base[target] == e->recs[r].score);
      ck_assert_uint_le (e->n_reasons[r], MAX_REASONS);
      for (guint k = 0; k < e->n_reasons[r]; k++)
        {
          gint pos = -1;
          float drop;

          for (guint j = 0; j < n_bag; j++)
            if (bag[j] == reasons[k].item)
              pos = (gint) j;
          ck_assert_msg (pos >= 0, "reason %u of target %u is not in the bag",
                         reasons[k].item, target);
          drop = base[target] - without[(gsize) pos * I + target];
          ck_assert_msg (drop > 0.0f && drop == reasons[k].drop,
                         "target %u, without %u: score falls by %g, reported %g", target,
                         reasons[k].item, drop, reasons[k].drop);
          if (k > 0)
            ck_assert (reasons[k - 1].drop > reasons[k].drop
                       || (reasons[k - 1].drop == reasons[k].drop
                           && reasons[k - 1].item < reasons[k].item));
          weakest = MIN (weakest, drop);
          named++;
        }
      /* No liked movie left out of the reasons matters more than one named. */
      for (guint j = 0; j < n_bag; j++)
        {
          gboolean is_reason = FALSE;
          float drop = base[target] - without[(gsize) j * I + target];

          for (guint k = 0; k < e->n_reasons[r]; k++)
            is_reason |= reasons[k].item == bag[j];
          if (is_reason)
            continue;
          if (e->n_reasons[r] < MAX_REASONS)
            ck_assert_msg (drop <= 0.0f, "target %u: %u lowers it by %g but is not named",
                           target, bag[j], drop);
          else
            ck_assert_msg (drop <= weakest, "target %u: %u (%g) beats a named reason (%g)",
                           target, bag[j], drop, weakest);
        }
    }
  return named;
}

START_TEST (test_reasons_consistent)
{
  g_autoptr(CgCgan) model = train (CG_USER_EMBEDDING_HISTORY);
  guint named = 0, users = 0;

  for (guint u = 0; u < dataset->n_users && users < 8; u += 7)
    {
      const guint32 *bag = cg_user_items_row (dataset->train_pos, u);
      guint n_bag = cg_user_items_count (dataset->train_pos, u);
      Explained e;

      if (n_bag == 0)
        continue;
      explain (model, bag, n_bag, cg_user_items_row (dataset->train_rated, u),
               cg_user_items_count (dataset->train_rated, u), &e);
      named += assert_consistent (model, bag, n_bag, &e);
      users++;
    }
  ck_assert_uint_eq (users, 8);
  /* A trained model's recommendations do rest on the bag. */
  ck_assert_uint_gt (named, users * K);
}
END_TEST

START_TEST (test_you_and_small_bags)
{
  g_autoptr(CgCgan) model = train (CG_USER_EMBEDDING_HISTORY);
  const guint32 you[] = { 17, 3, 29 };   /* any order */
  Explained e;
  guint32 target = 0;
  CgReason reason;
  guint n_reason = 7;
  g_autoptr(GError) error = NULL;

  explain (model, you, G_N_ELEMENTS (you), NULL, 0, &e);
  assert_consistent (model, you, G_N_ELEMENTS (you), &e);

  /* One liked movie: leaving it out leaves the empty bag. */
  explain (model, you, 1, you, 1, &e);
  assert_consistent (model, you, 1, &e);

  /* No liked movie, no reasons. */
  ck_assert (cg_explain_history (model, NULL, 0, &target, 1, ROUNDS, 1, &reason, &n_reason,
                                 NULL, &error));
  ck_assert_uint_eq (n_reason, 0);
}
END_TEST

START_TEST (test_stable_for_a_seed)
{
  g_autoptr(CgCgan) model = train (CG_USER_EMBEDDING_HISTORY);
  g_autoptr(CgCgan) twin = train (CG_USER_EMBEDDING_HISTORY);
  const guint32 *bag = cg_user_items_row (dataset->train_pos, 3);
  guint n_bag = cg_user_items_count (dataset->train_pos, 3);
  Explained a, b, c;

  explain (model, bag, n_bag, NULL, 0, &a);
  explain (model, bag, n_bag, NULL, 0, &b);
  explain (twin, bag, n_bag, NULL, 0, &c);
  ck_assert (memcmp (a.recs, b.recs, sizeof a.recs) == 0);
  ck_assert (memcmp (a.n_reasons, b.n_reasons, sizeof a.n_reasons) == 0);
  ck_assert (memcmp (a.n_reasons, c.n_reasons, sizeof a.n_reasons) == 0);
  for (guint r = 0; r < a.n; r++)
    for (guint k = 0; k < a.n_reasons[r]; k++)
      {
        ck_assert_uint_eq (a.reasons[r * MAX_REASONS + k].item, b.reasons[r * MAX_REASONS + k].item);
        ck_assert_uint_eq (a.reasons[r * MAX_REASONS + k].item, c.reasons[r * MAX_REASONS + k].item);
        ck_assert (a.reasons[r * MAX_REASONS + k].drop == c.reasons[r * MAX_REASONS + k].drop);
      }
}
END_TEST

START_TEST (test_id_mode_and_cancel)
{
  g_autoptr(CgCgan) id_model = train (CG_USER_EMBEDDING_ID);
  g_autoptr(CgCgan) model = train (CG_USER_EMBEDDING_HISTORY);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const guint32 bag[] = { 1, 2, 3 };
  guint32 target = 4;
  CgReason reason;
  guint n_reason;

  ck_assert (!cg_explain_history (id_model, bag, 3, &target, 1, 1, 1, &reason, &n_reason,
                                  NULL, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  ck_assert_msg (strstr (error->message, "by ID") != NULL, "%s", error->message);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  ck_assert (!cg_explain_history (model, bag, 3, &target, 1, 1, 1, &reason, &n_reason,
                                  cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}
END_TEST

/* ---- cinegan-cli recommend --explain ---- */

static CgCgan *
cli_trained (const char *path,
             const char *mode)
{
  const char *argv[] = { CG_CLI_PATH, "train", "-d", tmp_dir, "--epochs", "4",
                         "--embed-dim", "8", "--hidden-dim", "16", "--noise-dim", "2",
                         "--noise-draws", "3", "--threads", "1", "--user-mode", mode,
                         "--save", path, NULL };
  g_autofree char *out G_GNUC_UNUSED = cg_test_run_command (argv, 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgModelFile) file = cg_model_file_load (path, &error);

  ck_assert_msg (file != NULL, "%s", error ? error->message : "");
  return cg_model_file_steal_model (file);
}

START_TEST (test_cli_explain)
{
  g_autofree char *path = g_build_filename (tmp_dir, "h.cgan", NULL);
  g_autofree char *id_path = g_build_filename (tmp_dir, "id.cgan", NULL);
  g_autoptr(CgCgan) model = cli_trained (path, "history");
  g_autoptr(CgCgan) id_model G_GNUC_UNUSED = cli_trained (id_path, "id");
  guint32 user = dataset->user_ids[5];
  g_autofree char *user_arg = g_strdup_printf ("%u", user);
  const char *argv[] = { CG_CLI_PATH, "recommend", "-d", tmp_dir, "--model", path, "--user",
                         user_arg, "-k", "4", "--explain", "--format", "json", NULL };
  const char *text_argv[] = { CG_CLI_PATH, "recommend", "-d", tmp_dir, "--model", path,
                              "--user", user_arg, "-k", "4", "--explain", NULL };
  const char *id_argv[] = { CG_CLI_PATH, "recommend", "-d", tmp_dir, "--model", id_path,
                            "--user", user_arg, "--explain", NULL };
  const char *baseline_argv[] = { CG_CLI_PATH, "recommend", "-d", tmp_dir, "-b", "popularity",
                                  "--user", user_arg, "--explain", NULL };
  g_autofree char *out = cg_test_run_command (argv, 0, NULL);
  g_autofree char *text = cg_test_run_command (text_argv, 0, NULL);
  g_autofree char *id_err = NULL, *baseline_err = NULL;
  g_autofree char *id_out G_GNUC_UNUSED = cg_test_run_command (id_argv, 1, &id_err);
  g_autofree char *baseline_out G_GNUC_UNUSED = cg_test_run_command (baseline_argv, 2,
                                                                   &baseline_err);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *recs;
  guint32 targets[4];
  CgReason reasons[4 * MAX_REASONS];
  guint n_reasons[4];
  const guint32 *bag = cg_user_items_row (dataset->train_pos, 5);
  guint n_bag = cg_user_items_count (dataset->train_pos, 5);

  ck_assert_msg (json_parser_load_from_data (parser, out, -1, &error), "%s", out);
  ck_assert_uint_eq (json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "user"), user);
  recs = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "recommendations");
  ck_assert_uint_eq (json_array_get_length (recs), 4);
  for (guint r = 0; r < 4; r++)
    {
      JsonObject *rec = json_array_get_object_element (recs, r);

      targets[r] = (guint32) cg_dataset_item_index (dataset,
                                                    (guint32) json_object_get_int_member (rec, "movie_id"));
    }
  /* The reasons the engine gives for the same list, with the app's rounds of draws. */
  ck_assert (cg_explain_history (model, bag, n_bag, targets, 4,
                                 cg_recommend_rounds (model, CG_RECOMMEND_DEFAULT_DRAWS),
                                 MAX_REASONS, reasons, n_reasons, NULL, &error));
  for (guint r = 0; r < 4; r++)
    {
      JsonArray *because = json_object_get_array_member (json_array_get_object_element (recs, r),
                                                         "because");

      ck_assert_uint_eq (json_array_get_length (because), n_reasons[r]);
      for (guint k = 0; k < n_reasons[r]; k++)
        {
          JsonObject *reason = json_array_get_object_element (because, k);
          const CgMovie *movie = cg_dataset_movie (dataset, reasons[r * MAX_REASONS + k].item);

          ck_assert_uint_eq (json_object_get_int_member (reason, "movie_id"), movie->movie_id);
          ck_assert_str_eq (json_object_get_string_member (reason, "title"), movie->title);
          ck_assert ((float) json_object_get_double_member (reason, "drop")
                     == reasons[r * MAX_REASONS + k].drop);
        }
    }
  ck_assert_msg (strstr (text, "because user ") != NULL, "%s", text);
  ck_assert_msg (strstr (id_err, "explanations need a history-mode model") != NULL, "%s",
                 id_err);
  ck_assert_msg (strstr (baseline_err, "--explain needs a trained model") != NULL, "%s",
                 baseline_err);
}
END_TEST

static Suite *
explain_suite (void)
{
  Suite *suite = suite_create ("explain");
  TCase *tc = tcase_create ("explain");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_reasons_consistent);
  tcase_add_test (tc, test_you_and_small_bags);
  tcase_add_test (tc, test_stable_for_a_seed);
  tcase_add_test (tc, test_id_mode_and_cancel);
  tcase_add_test (tc, test_cli_explain);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (explain_suite ());
}
