/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-recommender.c: a model's top-K list for one user.
 *
 * On a small synthetic dataset and an untrained model (the checks are about the list, not
 * its quality): rated items never appear, lists are sorted and of the right length, hits
 * are exactly the test positives, averaging over rounds is the mean of the rounds, and the
 * history path for "you" agrees with the dataset path for the same liked items.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cg-recommender.h"
#include "cg-test-util.h"
#include "cg-topk.h"

static char *data_dir;
static CgDataset *dataset;

static void
setup (void)
{
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;

  cg_synthetic_spec_init (&spec);
  spec.seed = 7;
  data_dir = cg_test_make_temp_dir ();
  cg_test_write_synthetic (data_dir, &spec);
  dataset = cg_dataset_load (data_dir, "u1", 4, &error);
  ck_assert_msg (dataset != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_pointer (&dataset, cg_dataset_free);
  cg_test_remove_tree (data_dir);
  g_clear_pointer (&data_dir, g_free);
}

static CgCgan *
new_model (CgUserEmbeddingMode mode,
           guint               noise_dim)
{
  CgCganConfig config;
  g_autoptr(GError) error = NULL;
  CgCgan *model;

  cg_cgan_config_init (&config);
  config.embed_dim = 8;
  config.noise_dim = noise_dim;
  config.hidden_dim = 16;
  config.user_mode = mode;
  config.noise_draws = 3;
  config.threads = 1;
  model = cg_cgan_new (&config, dataset->n_users, dataset->n_items, &error);
  ck_assert_msg (model != NULL, "%s", error ? error->message : "");
  return model;
}

static void
check_list (const CgRecommendation *out,
            guint                   n,
            guint                   user,
            guint                   k)
{
  guint n_candidates = dataset->n_items - cg_user_items_count (dataset->train_rated, user);

  ck_assert_uint_eq (n, MIN (k, n_candidates));
  for (guint r = 0; r < n; r++)
    {
      ck_assert_msg (!cg_user_items_contains (dataset->train_rated, user, out[r].item),
                     "user %u: rated item %u recommended at rank %u", user, out[r].item, r);
      ck_assert (out[r].hit == cg_user_items_contains (dataset->test_pos, user, out[r].item));
      if (r > 0)
        ck_assert (out[r - 1].score >= out[r].score);
    }
}

START_TEST (test_excludes_rated_and_marks_hits)
{
  g_autoptr(CgCgan) model = new_model (_i == 0 ? CG_USER_EMBEDDING_ID
                                                : CG_USER_EMBEDDING_HISTORY, 4);
  const guint k = 10;
  CgRecommendation out[10];
  guint any_hits = 0;

  for (guint u = 0; u < dataset->n_users; u++)
    {
      guint n = cg_recommend_for_user (model, dataset, u, k, 2, out);

      check_list (out, n, u, k);
      for (guint r = 0; r < n; r++)
        any_hits += out[r].hit;
    }
  /* An untrained model still lands some test positives among 10 of 40 items. */
  ck_assert_uint_gt (any_hits, 0);

  /* K larger than the candidates: all of them, still no rated item. */
  {
    g_autofree CgRecommendation *all = g_new (CgRecommendation, dataset->n_items);
    guint n = cg_recommend_for_user (model, dataset, 0, dataset->n_items, 1, all);

    check_list (all, n, 0, dataset->n_items);
  }
}
END_TEST

START_TEST (test_rounds_average)
{
  g_autoptr(CgCgan) model = new_model (CG_USER_EMBEDDING_HISTORY, 4);
  guint n_items = dataset->n_items;
  g_autofree float *a = g_new (float, n_items);
  g_autofree float *b = g_new (float, n_items);
  g_autofree float *mean = g_new (float, n_items);
  guint32 expect_items[5];
  float expect_scores[5];
  CgRecommendation out[5];
  guint32 user = 3;
  guint n_expect, n;

  cg_cgan_score_users (model, dataset->train_pos, a, &user, 1, cg_recommend_round_seed (model, 0));
  cg_cgan_score_users (model, dataset->train_pos, b, &user, 1, cg_recommend_round_seed (model, 1));
  /* Different rounds draw different noise. */
  ck_assert (memcmp (a, b, n_items * sizeof (float)) != 0);
  for (guint i = 0; i < n_items; i++)
    mean[i] = 0.5f * (a[i] + b[i]);
  n_expect = cg_topk_select (expect_items, expect_scores, 5, mean, n_items,
                             cg_user_items_row (dataset->train_rated, user),
                             cg_user_items_count (dataset->train_rated, user));

  n = cg_recommend_for_user (model, dataset, user, 5, 2, out);
  ck_assert_uint_eq (n, n_expect);
  for (guint r = 0; r < n; r++)
    {
      ck_assert_uint_eq (out[r].item, expect_items[r]);
      ck_assert_float_eq_tol (out[r].score, expect_scores[r], 1e-5);
    }
}
END_TEST

START_TEST (test_history_matches_user_path)
{
  /* Without noise both paths are deterministic and embed from the same liked items. */
  g_autoptr(CgCgan) model = new_model (CG_USER_EMBEDDING_HISTORY, 0);
  g_autoptr(GError) error = NULL;
  CgRecommendation by_user[10], by_history[10];
  guint user = 5;
  guint n_user, n_history = 0;

  n_user = cg_recommend_for_user (model, dataset, user, 10, 1, by_user);
  ck_assert (cg_recommend_for_history (model, dataset,
                                       cg_user_items_row (dataset->train_pos, user),
                                       cg_user_items_count (dataset->train_pos, user),
                                       cg_user_items_row (dataset->train_rated, user),
                                       cg_user_items_count (dataset->train_rated, user),
                                       10, 1, by_history, &n_history, &error));
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (n_history, n_user);
  for (guint r = 0; r < n_user; r++)
    {
      ck_assert_uint_eq (by_history[r].item, by_user[r].item);
      ck_assert_float_eq_tol (by_history[r].score, by_user[r].score, 1e-4);
      /* "You" have no test set. */
      ck_assert (!by_history[r].hit);
    }
}
END_TEST

START_TEST (test_history_exclusion_and_id_mode)
{
  g_autoptr(CgCgan) history_model = new_model (CG_USER_EMBEDDING_HISTORY, 4);
  g_autoptr(CgCgan) id_model = new_model (CG_USER_EMBEDDING_ID, 4);
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *exclude = g_new (guint32, dataset->n_items);
  const guint32 liked[] = { 2, 0, 1 };
  CgRecommendation out[10];
  guint n_exclude = 0, n = 99;

  /* Exclude every item but 3, 17 and the last. */
  for (guint i = 0; i < dataset->n_items; i++)
    if (i != 3 && i != 17 && i != dataset->n_items - 1)
      exclude[n_exclude++] = i;
  ck_assert (cg_recommend_for_history (history_model, dataset, liked, G_N_ELEMENTS (liked),
                                       exclude, n_exclude, 10, 3, out, &n, &error));
  ck_assert_uint_eq (n, 3);
  for (guint r = 0; r < n; r++)
    ck_assert (out[r].item == 3 || out[r].item == 17 || out[r].item == dataset->n_items - 1);

  /* Nobody liked yet: still a list (the model's prior), nothing excluded. */
  ck_assert (cg_recommend_for_history (history_model, dataset, NULL, 0, NULL, 0, 10, 1, out,
                                       &n, &error));
  ck_assert_uint_eq (n, 10);

  /* An id-mode model cannot score a stranger. */
  ck_assert (!cg_recommend_for_history (id_model, dataset, liked, G_N_ELEMENTS (liked), NULL,
                                        0, 10, 1, out, &n, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_uint_eq (n, 0);
}
END_TEST

static Suite *
recommender_suite (void)
{
  Suite *suite = suite_create ("recommender");
  TCase *tc = tcase_create ("lists");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, test_excludes_rated_and_marks_hits, 0, 2);
  tcase_add_test (tc, test_rounds_average);
  tcase_add_test (tc, test_history_matches_user_path);
  tcase_add_test (tc, test_history_exclusion_and_id_mode);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (recommender_suite ());
}
