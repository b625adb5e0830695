/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-metrics.c: Recall@K, NDCG@K and HitRate@K (cg-metrics.h).
 *
 * Per-user values against numbers computed by hand from the protocol's formulas (binary
 * gains, IDCG over min(|truth|, K)); the evaluator on a tiny dataset with a fixed scorer
 * whose ranking is worked out below; and the evaluator against a brute-force
 * re-implementation of the protocol on the planted-cluster folder; catalogue coverage and
 * mean popularity of the lists, per-user figures, and the paired comparison's statistics
 * against values worked out by hand or tabulated.
 *
 * The tiny dataset is the one of test-dataset.c, built in memory:
 *   items (index: movie)  0:1  1:2  2:3  3:5  4:7  5:10
 *   evaluated users       2 (rated 0 1 2; truth {3})
 *                         5 (rated 0 3 4; truth {1 2})
 *                         11 (rated 5;    truth {0 2})
 *   users 9, 13, 15 have no train or no test positive and must not be counted.
 *   fixed scores by item index: 0.1 0.5 0.9 0.2 0.7 0.3
 *   → user 2 ranks 4 5 3, user 5 ranks 2 1 5, user 11 ranks 2 4 1 3 0.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg-metrics.h"
#include "cg-rng.h"
#include "cg-test-util.h"

#define TINY_GENRE "unknown|0\nAction|1\n"
#define TINY_ITEM                                                         \
  "1|A|||u|0|1\n2|B|||u|0|1\n3|C|||u|0|1\n5|D|||u|0|1\n7|E|||u|0|1\n"     \
  "10|F|||u|1|0\n12|G|||u|1|0\n"

static const CgRating tiny_train[] = {
  { 2, 1, 5, 0 }, { 2, 2, 4, 0 }, { 2, 3, 2, 0 }, { 5, 1, 4, 0 }, { 5, 5, 3, 0 },
  { 5, 7, 5, 0 }, { 9, 2, 1, 0 }, { 9, 3, 4, 0 }, { 11, 10, 5, 0 }, { 13, 2, 2, 0 },
};
static const CgRating tiny_test[] = {
  { 2, 5, 4, 0 }, { 2, 7, 3, 0 }, { 5, 2, 5, 0 }, { 5, 3, 4, 0 }, { 9, 1, 2, 0 },
  { 11, 1, 4, 0 }, { 11, 3, 5, 0 }, { 13, 1, 5, 0 }, { 15, 3, 5, 0 },
};

static CgDataset *
tiny_dataset (void)
{
  g_autoptr(GError) error = NULL;
  CgCatalog *catalog = cg_catalog_parse (TINY_GENRE, strlen (TINY_GENRE), "u.genre",
                                         TINY_ITEM, strlen (TINY_ITEM), "u.item", &error);
  CgDataset *ds;

  ck_assert_msg (catalog != NULL, "%s", error ? error->message : "?");
  ds = cg_dataset_new (catalog, "tiny", 4, tiny_train, G_N_ELEMENTS (tiny_train), tiny_test,
                       G_N_ELEMENTS (tiny_test), &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (ds->n_items, 6);
  ck_assert_uint_eq (ds->n_eval_users, 3);
  return ds;
}

static double
inv_log2 (double rank_1_based)
{
  return 1.0 / log2 (rank_1_based + 1.0);
}

/* ---- one user ---- */

START_TEST (test_user_hits_at_1_and_3)
{
  /* truth {10, 20}; ranked 10, 99, 20. */
  static const guint32 ranked[] = { 10, 99, 20 };
  static const guint32 truth[] = { 10, 20 };
  double recall, ndcg;
  gboolean hit;

  cg_metrics_for_user (&recall, &ndcg, &hit, ranked, 3, 3, truth, 2);
  ck_assert_double_eq_tol (recall, 1.0, 1e-12);
  ck_assert_double_eq_tol (ndcg, (1.0 + 1.0 / log2 (4.0)) / (1.0 + 1.0 / log2 (3.0)), 1e-12);
  ck_assert (hit);

  /* At K = 2 only the first counts. */
  cg_metrics_for_user (&recall, &ndcg, &hit, ranked, 3, 2, truth, 2);
  ck_assert_double_eq_tol (recall, 0.5, 1e-12);
  ck_assert_double_eq_tol (ndcg, 1.0 / (1.0 + 1.0 / log2 (3.0)), 1e-12);
  ck_assert (hit);
}
END_TEST

START_TEST (test_user_idcg_over_min_truth_k)
{
  /* 5 truths, K = 2, both slots hit: a perfect list at K = 2, so NDCG = 1 (an IDCG over all
   * 5 truths would give 0.69). */
  static const guint32 ranked[] = { 4, 2, 7, 8 };
  static const guint32 truth[] = { 1, 2, 3, 4, 5 };
  double recall, ndcg;
  gboolean hit;

  cg_metrics_for_user (&recall, &ndcg, &hit, ranked, 4, 2, truth, 5);
  ck_assert_double_eq_tol (ndcg, 1.0, 1e-12);
  ck_assert_double_eq_tol (recall, 2.0 / 5.0, 1e-12);
  ck_assert (hit);

  /* K = 4 with hits at 1, 2: IDCG over min(5, 4) = 4 ranks. */
  cg_metrics_for_user (&recall, &ndcg, &hit, ranked, 4, 4, truth, 5);
  ck_assert_double_eq_tol (ndcg, (inv_log2 (1) + inv_log2 (2))
                           / (inv_log2 (1) + inv_log2 (2) + inv_log2 (3) + inv_log2 (4)),
                           1e-12);
}
END_TEST

START_TEST (test_user_single_truth_and_miss)
{
  static const guint32 ranked[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  static const guint32 at_10[] = { 9 };
  static const guint32 absent[] = { 11, 12 };
  double recall, ndcg;
  gboolean hit;

  cg_metrics_for_user (&recall, &ndcg, &hit, ranked, 10, 10, at_10, 1);
  ck_assert_double_eq_tol (recall, 1.0, 1e-12);
  ck_assert_double_eq_tol (ndcg, 1.0 / log2 (11.0), 1e-12);
  ck_assert (hit);

  /* Past K: not a hit even though it is in the list. */
  cg_metrics_for_user (&recall, &ndcg, &hit, ranked, 10, 9, at_10, 1);
  ck_assert_double_eq_tol (recall, 0.0, 1e-12);
  ck_assert_double_eq_tol (ndcg, 0.0, 1e-12);
  ck_assert (!hit);

  cg_metrics_for_user (&recall, &ndcg, &hit, ranked, 10, 10, absent, 2);
  ck_assert_double_eq_tol (recall, 0.0, 1e-12);
  ck_assert_double_eq_tol (ndcg, 0.0, 1e-12);
  ck_assert (!hit);
}
END_TEST

START_TEST (test_user_fewer_ranked_than_k)
{
  /* Only 2 candidates left for K = 10 and 3 truths: IDCG still over min(3, 10) = 3. */
  static const guint32 ranked[] = { 30, 10 };
  static const guint32 truth[] = { 10, 20, 30 };
  double recall, ndcg;
  gboolean hit;

  cg_metrics_for_user (&recall, &ndcg, &hit, ranked, 2, 10, truth, 3);
  ck_assert_double_eq_tol (recall, 2.0 / 3.0, 1e-12);
  ck_assert_double_eq_tol (ndcg, (1.0 + 1.0 / log2 (3.0)) / (1.0 + 1.0 / log2 (3.0) + 0.5),
                           1e-12);
  ck_assert (hit);
}
END_TEST

/* ---- the evaluator on the tiny dataset ---- */

typedef struct
{
  const float *by_item;   /* (I) the same scores for every user */
  guint        n_items;
  guint        batch_size;
  GArray      *seen;      /* users asked for, in order */
} FixedScorer;

static void
fixed_score (float         *scores,
             const guint32 *users,
             guint          n_users,
             gpointer       user_data)
{
  FixedScorer *self = user_data;

  ck_assert_uint_ge (n_users, 1);
  ck_assert_uint_le (n_users, self->batch_size);
  for (guint b = 0; b < n_users; b++)
    {
      memcpy (scores + (gsize) b * self->n_items, self->by_item, sizeof (float) * self->n_items);
      g_array_append_val (self->seen, users[b]);
    }
}

static const float tiny_scores[] = { 0.1f, 0.5f, 0.9f, 0.2f, 0.7f, 0.3f };

static void
evaluate_fixed (CgMetrics       *m,
                const CgDataset *ds,
                const float     *by_item,
                guint            k,
                guint            batch_size)
{
  FixedScorer scorer = { by_item, ds->n_items, batch_size,
                         g_array_new (FALSE, FALSE, sizeof (guint32)) };
  static const guint32 expected_users[] = { 0, 1, 3 };

  cg_metrics_evaluate (m, ds, k, fixed_score, &scorer, batch_size);
  /* Only the evaluated users (2, 5, 11 → indices 0, 1, 3) are scored, each once. */
  ck_assert_uint_eq (scorer.seen->len, 3);
  ck_assert_mem_eq (scorer.seen->data, expected_users, sizeof expected_users);
  g_array_unref (scorer.seen);
}

START_TEST (test_evaluate_fixed_k2)
{
  g_autoptr(CgDataset) ds = tiny_dataset ();
  static const guint batches[] = { 1, 2, 3, 256 };

  /* K = 2: user 2 gets 7, 10 (miss); user 5 gets 3, 2 (both truths); user 11 gets 3, 7
   * (one of two truths, at rank 1). */
  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    {
      CgMetrics m;

      evaluate_fixed (&m, ds, tiny_scores, 2, batches[b]);
      ck_assert_uint_eq (m.k, 2);
      ck_assert_uint_eq (m.n_users, 3);
      ck_assert_double_eq_tol (m.recall, (0.0 + 1.0 + 0.5) / 3.0, 1e-12);
      ck_assert_double_eq_tol (m.ndcg, (0.0 + 1.0 + 1.0 / (1.0 + 1.0 / log2 (3.0))) / 3.0, 1e-12);
      ck_assert_double_eq_tol (m.hit_rate, 2.0 / 3.0, 1e-12);
    }
}
END_TEST

START_TEST (test_evaluate_fixed_k5)
{
  g_autoptr(CgDataset) ds = tiny_dataset ();
  CgMetrics m;
  /* User 2: truth at rank 3 → NDCG 1/log2 4 = 0.5. User 5: ranks 1, 2 → 1. User 11: ranks
   * 1 and 5 of two truths → (1 + 1/log2 6) / (1 + 1/log2 3). */
  double ndcg_11 = (1.0 + 1.0 / log2 (6.0)) / (1.0 + 1.0 / log2 (3.0));

  evaluate_fixed (&m, ds, tiny_scores, 5, 2);
  ck_assert_uint_eq (m.n_users, 3);
  ck_assert_double_eq_tol (m.recall, 1.0, 1e-12);
  ck_assert_double_eq_tol (m.ndcg, (0.5 + 1.0 + ndcg_11) / 3.0, 1e-12);
  ck_assert_double_eq_tol (m.hit_rate, 1.0, 1e-12);

  /* K beyond every user's candidates changes nothing here. */
  evaluate_fixed (&m, ds, tiny_scores, 50, 2);
  ck_assert_double_eq_tol (m.ndcg, (0.5 + 1.0 + ndcg_11) / 3.0, 1e-12);
}
END_TEST

START_TEST (test_evaluate_ties_to_lower_movie)
{
  /* All scores equal: each user's first candidate is the lowest movie ID they did not rate:
   * user 2 → movie 5 (truth), user 5 → movie 2 (truth), user 11 → movie 1 (truth). */
  g_autoptr(CgDataset) ds = tiny_dataset ();
  static const float flat[6] = { 0 };
  CgMetrics m;

  evaluate_fixed (&m, ds, flat, 1, 3);
  ck_assert_double_eq_tol (m.hit_rate, 1.0, 1e-12);
  ck_assert_double_eq_tol (m.ndcg, 1.0, 1e-12);
  ck_assert_double_eq_tol (m.recall, (1.0 + 0.5 + 0.5) / 3.0, 1e-12);
}
END_TEST

START_TEST (test_evaluate_no_users)
{
  /* No test positives at all: nobody is evaluated, and nothing is NaN. */
  g_autoptr(GError) error = NULL;
  CgCatalog *catalog = cg_catalog_parse (TINY_GENRE, strlen (TINY_GENRE), "u.genre",
                                         TINY_ITEM, strlen (TINY_ITEM), "u.item", &error);
  static const CgRating low_test[] = { { 2, 5, 1, 0 } };
  g_autoptr(CgDataset) ds = cg_dataset_new (catalog, "none", 4, tiny_train,
                                            G_N_ELEMENTS (tiny_train), low_test, 1, &error);
  FixedScorer scorer = { tiny_scores, 0, 8, g_array_new (FALSE, FALSE, sizeof (guint32)) };
  CgMetrics m;

  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  scorer.n_items = ds->n_items;
  cg_metrics_evaluate (&m, ds, 10, fixed_score, &scorer, 8);
  ck_assert_uint_eq (m.n_users, 0);
  ck_assert_uint_eq (scorer.seen->len, 0);
  ck_assert_double_eq (m.recall, 0.0);
  ck_assert_double_eq (m.ndcg, 0.0);
  ck_assert_double_eq (m.hit_rate, 0.0);
  g_array_unref (scorer.seen);
}
END_TEST

START_TEST (test_format)
{
  CgMetrics m = { 0.11476, 0.26061, 0.791666, 10, 456 };
  g_autofree char *text = cg_metrics_format (&m);

  ck_assert_str_eq (text, "Recall@10 0.1148  NDCG@10 0.2606  HitRate@10 0.7917  users 456");
}
END_TEST

/* ---- against a brute-force protocol ---- */

typedef struct
{
  guint n_items;
} HashScorer;

/* A deterministic pseudo-random score per (user, item), coarse so that ties happen. */
static float
hash_score (guint32 user,
            guint32 item)
{
  guint32 h = (user * 2654435761u) ^ (item * 40503u + 17u);

  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return (float) (h % 16u);
}

static void
hash_score_batch (float         *scores,
                  const guint32 *users,
                  guint          n_users,
                  gpointer       user_data)
{
  HashScorer *self = user_data;

  for (guint b = 0; b < n_users; b++)
    for (guint i = 0; i < self->n_items; i++)
      scores[(gsize) b * self->n_items + i] = hash_score (users[b], i);
}

static guint32 sort_user;

static int
by_hash_score (const void *a,
               const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  float sx = hash_score (sort_user, x), sy = hash_score (sort_user, y);

  if (sx != sy)
    return sx > sy ? -1 : 1;
  return (x > y) - (x < y);
}

START_TEST (test_evaluate_against_brute_force)
{
  g_autofree char *dir = cg_test_make_temp_dir ();
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  HashScorer scorer;
  const guint ks[] = { 1, 3, 10, 25 };

  cg_synthetic_spec_init (&spec);
  spec.seed = 4;
  cg_test_write_synthetic (dir, &spec);
  ds = cg_dataset_load (dir, "u1", 4, &error);
  cg_test_remove_tree (dir);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  scorer.n_items = ds->n_items;

  for (guint t = 0; t < G_N_ELEMENTS (ks); t++)
    {
      guint k = ks[t];
      double sum_recall = 0.0, sum_ndcg = 0.0, sum_hit = 0.0;
      guint n_users = 0;
      CgMetrics m;

      for (guint u = 0; u < ds->n_users; u++)
        {
          g_autofree guint32 *candidates = g_new (guint32, ds->n_items);
          guint n_candidates = 0, hits = 0, n_truth = 0;
          double dcg = 0.0, idcg = 0.0;

          /* Truth and exclusions straight from the rating lists, not the CSR sets. */
          for (gsize r = 0; r < ds->n_test; r++)
            n_truth += ds->test[r].user_id == ds->user_ids[u] && ds->test[r].rating >= 4;
          {
            gboolean has_train_pos = FALSE;

            for (gsize r = 0; r < ds->n_train; r++)
              has_train_pos |= ds->train[r].user_id == ds->user_ids[u]
                               && ds->train[r].rating >= 4;
            if (!has_train_pos || n_truth == 0)
              continue;
          }
          for (guint i = 0; i < ds->n_items; i++)
            {
              gboolean rated = FALSE;

              for (gsize r = 0; r < ds->n_train; r++)
                rated |= ds->train[r].user_id == ds->user_ids[u]
                         && ds->train[r].movie_id == ds->movie_ids[i];
              if (!rated)
                candidates[n_candidates++] = i;
            }
          sort_user = u;
          qsort (candidates, n_candidates, sizeof (guint32), by_hash_score);
          for (guint r = 0; r < MIN (k, n_candidates); r++)
            for (gsize q = 0; q < ds->n_test; q++)
              if (ds->test[q].user_id == ds->user_ids[u] && ds->test[q].rating >= 4
                  && ds->test[q].movie_id == ds->movie_ids[candidates[r]])
                {
                  hits++;
                  dcg += 1.0 / log2 (r + 2.0);
                }
          for (guint r = 0; r < MIN (n_truth, k); r++)
            idcg += 1.0 / log2 (r + 2.0);
          sum_recall += (double) hits / n_truth;
          sum_ndcg += dcg / idcg;
          sum_hit += hits > 0;
          n_users++;
        }

      cg_metrics_evaluate (&m, ds, k, hash_score_batch, &scorer, 7);
      ck_assert_uint_eq (m.n_users, n_users);
      ck_assert_uint_eq (m.n_users, ds->n_eval_users);
      ck_assert_double_eq_tol (m.recall, sum_recall / n_users, 1e-12);
      ck_assert_double_eq_tol (m.ndcg, sum_ndcg / n_users, 1e-12);
      ck_assert_double_eq_tol (m.hit_rate, sum_hit / n_users, 1e-12);
    }
}
END_TEST


START_TEST (test_lists_coverage_popularity)
{
  /* Train positives per item: 2 1 1 0 1 1. K = 2 lists {4 5} {2 1} {2 4}: four distinct
   * items of six, each with one positive. K = 5: {4 5 3} {2 1 5} {2 4 1 3 0}, every item,
   * positives 2 + 3 + 5 over 11 slots. */
  g_autoptr(CgDataset) ds = tiny_dataset ();
  CgMetrics m;

  evaluate_fixed (&m, ds, tiny_scores, 2, 3);
  ck_assert_uint_eq (m.n_covered, 4);
  ck_assert_double_eq_tol (m.coverage, 4.0 / 6.0, 1e-12);
  ck_assert_double_eq_tol (m.mean_popularity, 1.0, 1e-12);

  evaluate_fixed (&m, ds, tiny_scores, 5, 1);
  ck_assert_uint_eq (m.n_covered, 6);
  ck_assert_double_eq_tol (m.coverage, 1.0, 1e-12);
  ck_assert_double_eq_tol (m.mean_popularity, 10.0 / 11.0, 1e-12);
}
END_TEST

START_TEST (test_per_user_and_sets)
{
  /* The sets of a dataset and cg_metrics_evaluate agree; per-user figures average to the
   * summary, in the order of the sets' users. */
  g_autoptr(CgDataset) ds = tiny_dataset ();
  g_autoptr(CgEvalSets) sets = cg_eval_sets_new_from_dataset (ds);
  FixedScorer scorer = { tiny_scores, ds->n_items, 2, g_array_new (FALSE, FALSE,
                                                                   sizeof (guint32)) };
  CgUserMetrics users[3];
  CgMetrics m, whole;

  ck_assert_uint_eq (sets->n_users, 3);
  ck_assert_uint_eq (sets->users[0], 0);
  ck_assert_uint_eq (sets->users[1], 1);
  ck_assert_uint_eq (sets->users[2], 3);
  cg_metrics_evaluate_sets (&m, users, sets, 2, fixed_score, &scorer, 2);
  evaluate_fixed (&whole, ds, tiny_scores, 2, 2);
  ck_assert_double_eq (m.ndcg, whole.ndcg);
  ck_assert_uint_eq (users[0].user, 0);
  ck_assert_uint_eq (users[2].user, 3);
  ck_assert_double_eq_tol (users[0].ndcg, 0.0, 1e-12);
  ck_assert_double_eq_tol (users[1].ndcg, 1.0, 1e-12);
  ck_assert_double_eq_tol (users[2].ndcg, 1.0 / (1.0 + 1.0 / log2 (3.0)), 1e-12);
  ck_assert (!users[0].hit && users[1].hit && users[2].hit);
  ck_assert_double_eq_tol ((users[0].recall + users[1].recall + users[2].recall) / 3.0,
                           m.recall, 1e-12);
  g_array_unref (scorer.seen);
}
END_TEST

START_TEST (test_format_lists)
{
  CgMetrics m = { 0 };
  g_autofree char *text = NULL;

  m.coverage = 0.03151;
  m.n_covered = 53;
  m.mean_popularity = 264.34;
  text = cg_metrics_format_lists (&m);
  ck_assert_str_eq (text, "coverage 0.0315 (53 movies)  popularity 264.3");
}
END_TEST

/* ---- paired comparisons ---- */

START_TEST (test_t_quantiles)
{
  /* Two-sided 95 % points of Student's t, as tabulated. */
  static const double dof[] = { 1, 2, 5, 10, 30, 100, 1000 };
  static const double t[] = { 12.7062047, 4.3026527, 2.5705818, 2.2281389, 2.0422725,
                              1.9839715, 1.9623391 };

  for (guint i = 0; i < G_N_ELEMENTS (dof); i++)
    ck_assert_msg (fabs (cg_t_quantile_975 (dof[i]) - t[i]) < 2e-6, "dof %g: %.7f, not %.7f",
                   dof[i], cg_t_quantile_975 (dof[i]), t[i]);
  ck_assert_double_eq_tol (cg_t_quantile_975 (1e7), 1.959964, 1e-5);
}
END_TEST

START_TEST (test_paired_summary)
{
  /* Differences 0.1, 0.2, 0.3, −0.2, 0: mean 0.08, sample sd √0.037, t(4) 2.7764451. */
  static const double a[] = { 0.5, 0.6, 0.9, 0.1, 0.4 };
  static const double b[] = { 0.4, 0.4, 0.6, 0.3, 0.4 };
  CgPairedSummary s;
  double sd = sqrt (0.037), half = 2.7764451 * sd / sqrt (5.0);

  cg_paired_summary (&s, a, b, 5);
  ck_assert_uint_eq (s.n, 5);
  ck_assert_double_eq_tol (s.mean_a, 0.5, 1e-12);
  ck_assert_double_eq_tol (s.mean_b, 0.42, 1e-12);
  ck_assert_double_eq_tol (s.mean_diff, 0.08, 1e-12);
  ck_assert_double_eq_tol (s.sd_diff, sd, 1e-12);
  ck_assert_double_eq_tol (s.ci_low, 0.08 - half, 1e-6);
  ck_assert_double_eq_tol (s.ci_high, 0.08 + half, 1e-6);
  ck_assert_uint_eq (s.n_better, 3);
  ck_assert_uint_eq (s.n_worse, 1);
  ck_assert_uint_eq (s.n_equal, 1);

  /* One pair: no interval. */
  cg_paired_summary (&s, a, b, 1);
  ck_assert (isnan (s.ci_low) && isnan (s.ci_high));
  ck_assert_double_eq_tol (s.mean_diff, 0.1, 1e-12);
}
END_TEST

static Suite *
metrics_suite (void)
{
  Suite *suite = suite_create ("metrics");
  TCase *user_tc = tcase_create ("per-user");
  TCase *eval_tc = tcase_create ("evaluate");

  tcase_add_test (user_tc, test_user_hits_at_1_and_3);
  tcase_add_test (user_tc, test_user_idcg_over_min_truth_k);
  tcase_add_test (user_tc, test_user_single_truth_and_miss);
  tcase_add_test (user_tc, test_user_fewer_ranked_than_k);
  tcase_add_test (user_tc, test_format);
  suite_add_tcase (suite, user_tc);

  tcase_add_test (eval_tc, test_evaluate_fixed_k2);
  tcase_add_test (eval_tc, test_evaluate_fixed_k5);
  tcase_add_test (eval_tc, test_evaluate_ties_to_lower_movie);
  tcase_add_test (eval_tc, test_evaluate_no_users);
  tcase_add_test (eval_tc, test_evaluate_against_brute_force);
  tcase_add_test (eval_tc, test_lists_coverage_popularity);
  tcase_add_test (eval_tc, test_per_user_and_sets);
  tcase_add_test (eval_tc, test_format_lists);
  tcase_add_test (eval_tc, test_t_quantiles);
  tcase_add_test (eval_tc, test_paired_summary);
  suite_add_tcase (suite, eval_tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (metrics_suite ());
}
