/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-baseline.c: the popularity, random, ItemKNN and EASE baselines (cg-baseline.h).
 *
 * Every learned score is compared with a naive double-precision re-derivation done here
 * from the dataset's rating list (not from its CSR sets): popularity counts, cosine
 * item–item similarity, and EASE with its (XᵀX + λI) inverted by Gauss–Jordan elimination.
 * The random baseline must give a user the same scores whatever batch they are scored in.
 * On the planted-cluster folder the two item–item models must find the clusters, which
 * popularity and random cannot.
 */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cg-baseline.h"
#include "cg-error.h"
#include "cg-test-util.h"

#define EASE_LAMBDA 300.0

#define TINY_GENRE "unknown|0\nAction|1\n"
#define TINY_ITEM                                                         \
  "1|A|||u|0|1\n2|B|||u|0|1\n3|C|||u|0|1\n5|D|||u|0|1\n7|E|||u|0|1\n"     \
  "10|F|||u|1|0\n12|G|||u|1|0\n"

/* Positives (≥ 4): 2:{1,2,7} 5:{1,7,10} 9:{3} 11:{10,1} 13:{} — overlapping, so the item–item
 * matrices are not diagonal. */
static const CgRating tiny_train[] = {
  { 2, 1, 5, 0 }, { 2, 2, 4, 0 }, { 2, 3, 2, 0 }, { 2, 7, 4, 0 }, { 5, 1, 4, 0 },
  { 5, 5, 3, 0 }, { 5, 7, 5, 0 }, { 5, 10, 4, 0 }, { 9, 2, 1, 0 }, { 9, 3, 4, 0 },
  { 11, 10, 5, 0 }, { 11, 1, 4, 0 }, { 13, 2, 2, 0 },
};
static const CgRating tiny_test[] = {
  { 2, 5, 4, 0 }, { 5, 2, 5, 0 }, { 11, 3, 5, 0 }, { 13, 1, 5, 0 },
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
  return ds;
}

static CgDataset *
synthetic_dataset (guint64 seed)
{
  g_autofree char *dir = cg_test_make_temp_dir ();
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;
  CgDataset *ds;

  cg_synthetic_spec_init (&spec);
  spec.seed = seed;
  cg_test_write_synthetic (dir, &spec);
  ds = cg_dataset_load (dir, "u1", 4, &error);
  cg_test_remove_tree (dir);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  return ds;
}

/* Each test runs on the tiny dataset (loop index 0) and a planted-cluster one (1). */
static CgDataset *
dataset_for (int which)
{
  return which == 0 ? tiny_dataset () : synthetic_dataset (23);
}

static CgBaseline *
baseline_ok (CgBaselineKind   kind,
             const CgDataset *ds)
{
  g_autoptr(GError) error = NULL;
  CgBaseline *baseline = cg_baseline_new (kind, ds, &error);

  ck_assert_msg (baseline != NULL, "%s: %s", cg_baseline_kind_name (kind),
                 error ? error->message : "?");
  return baseline;
}

/* Scores of every user, (U, I), in batches of batch_size. */
static float *
score_all (CgBaseline      *baseline,
           const CgDataset *ds,
           guint            batch_size)
{
  float *scores = g_new (float, (gsize) ds->n_users * ds->n_items);
  g_autofree guint32 *users = g_new (guint32, ds->n_users);

  for (guint u = 0; u < ds->n_users; u++)
    users[u] = u;
  for (guint start = 0; start < ds->n_users; start += batch_size)
    cg_baseline_score (scores + (gsize) start * ds->n_items, users + start,
                       MIN (batch_size, ds->n_users - start), baseline);
  return scores;
}

/* Dense binary X (U, I) of train positives, from the rating list. */
static double *
dense_positives (const CgDataset *ds)
{
  double *x = g_new0 (double, (gsize) ds->n_users * ds->n_items);

  for (gsize r = 0; r < ds->n_train; r++)
    if (ds->train[r].rating >= ds->threshold)
      {
        gint32 u = cg_dataset_user_index (ds, ds->train[r].user_id);
        gint32 i = cg_dataset_item_index (ds, ds->train[r].movie_id);

        ck_assert (u >= 0 && i >= 0);
        x[(gsize) u * ds->n_items + (gsize) i] = 1.0;
      }
  return x;
}

/* G = XᵀX (I, I), naive triple loop. */
static double *
naive_gram (const double *x,
            guint         n_users,
            guint         n_items)
{
  double *g = g_new0 (double, (gsize) n_items * n_items);

  for (guint i = 0; i < n_items; i++)
    for (guint j = 0; j < n_items; j++)
      for (guint u = 0; u < n_users; u++)
        g[(gsize) i * n_items + j] += x[(gsize) u * n_items + i] * x[(gsize) u * n_items + j];
  return g;
}

/* scores (U, I) = X (U, I) · W (I, I), naive. */
static double *
naive_scores (const double *x,
              const double *w,
              guint         n_users,
              guint         n_items)
{
  double *s = g_new0 (double, (gsize) n_users * n_items);

  for (guint u = 0; u < n_users; u++)
    for (guint j = 0; j < n_items; j++)
      for (guint i = 0; i < n_items; i++)
        s[(gsize) u * n_items + j] += x[(gsize) u * n_items + i] * w[(gsize) i * n_items + j];
  return s;
}

/* In-place inverse of a (n, n) matrix by Gauss–Jordan with partial pivoting. */
static void
gauss_jordan_inverse (double *a,
                      guint   n)
{
  g_autofree double *inv = g_new0 (double, (gsize) n * n);

  for (guint i = 0; i < n; i++)
    inv[(gsize) i * n + i] = 1.0;
  for (guint col = 0; col < n; col++)
    {
      guint pivot = col;
      double p;

      for (guint r = col + 1; r < n; r++)
        if (fabs (a[(gsize) r * n + col]) > fabs (a[(gsize) pivot * n + col]))
          pivot = r;
      ck_assert_msg (fabs (a[(gsize) pivot * n + col]) > 1e-12, "singular at column %u", col);
      if (pivot != col)
        for (guint c = 0; c < n; c++)
          {
            double t = a[(gsize) col * n + c];

            a[(gsize) col * n + c] = a[(gsize) pivot * n + c];
            a[(gsize) pivot * n + c] = t;
            t = inv[(gsize) col * n + c];
            inv[(gsize) col * n + c] = inv[(gsize) pivot * n + c];
            inv[(gsize) pivot * n + c] = t;
          }
      p = a[(gsize) col * n + col];
      for (guint c = 0; c < n; c++)
        {
          a[(gsize) col * n + c] /= p;
          inv[(gsize) col * n + c] /= p;
        }
      for (guint r = 0; r < n; r++)
        if (r != col)
          {
            double f = a[(gsize) r * n + col];

            for (guint c = 0; c < n; c++)
              {
                a[(gsize) r * n + c] -= f * a[(gsize) col * n + c];
                inv[(gsize) r * n + c] -= f * inv[(gsize) col * n + c];
              }
          }
    }
  memcpy (a, inv, sizeof (double) * n * n);
}

static void
assert_scores_close (const char   *what,
                     const float  *got,
                     const double *expected,
                     gsize         n,
                     double        rtol,
                     double        atol)
{
  g_autofree double *as_double = g_new (double, n);

  for (gsize k = 0; k < n; k++)
    as_double[k] = got[k];
  ck_assert_msg (cg_test_arrays_close_d (what, as_double, expected, n, rtol, atol),
                 "%s: scores differ from the naive reference (see stderr)", what);
}

/* ---- names ---- */

START_TEST (test_kind_names)
{
  static const char *const names[] = { "popularity", "random", "itemknn", "ease" };
  static const CgBaselineKind kinds[] = {
    CG_BASELINE_POPULARITY, CG_BASELINE_RANDOM, CG_BASELINE_ITEMKNN, CG_BASELINE_EASE,
  };
  static const char *const bad[] = { "Popularity", "pop", "", "ease " };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      CgBaselineKind kind = 99;
      g_autoptr(GError) error = NULL;

      ck_assert (cg_baseline_kind_from_name (names[k], &kind, &error));
      ck_assert_ptr_null (error);
      ck_assert_int_eq (kind, kinds[k]);
      ck_assert_str_eq (cg_baseline_kind_name (kinds[k]), names[k]);
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      CgBaselineKind kind;
      g_autoptr(GError) error = NULL;

      ck_assert (!cg_baseline_kind_from_name (bad[k], &kind, &error));
      ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
      ck_assert_msg (strstr (error->message, "popularity") != NULL, "“%s” lists no choices",
                     error->message);
    }
  {
    CgBaselineKind kind;
    g_autoptr(GError) error = NULL;

    ck_assert (!cg_baseline_kind_from_name (NULL, &kind, &error));
    ck_assert_ptr_nonnull (error);
  }
}
END_TEST

/* ---- popularity ---- */

START_TEST (test_popularity_counts)
{
  g_autoptr(CgDataset) ds = dataset_for (_i);
  g_autoptr(CgBaseline) baseline = baseline_ok (CG_BASELINE_POPULARITY, ds);
  g_autofree float *scores = score_all (baseline, ds, 5);
  g_autofree double *counts = g_new0 (double, ds->n_items);

  for (gsize r = 0; r < ds->n_train; r++)
    if (ds->train[r].rating >= 4)
      counts[cg_dataset_item_index (ds, ds->train[r].movie_id)] += 1.0;
  if (_i == 0)
    {
      /* Items 1 2 3 5 7 10: 3 1 1 0 2 2 train positives. */
      static const double expected[] = { 3, 1, 1, 0, 2, 2 };

      ck_assert_uint_eq (ds->n_items, 6);
      ck_assert_mem_eq (counts, expected, sizeof expected);
    }
  for (guint u = 0; u < ds->n_users; u++)
    for (guint i = 0; i < ds->n_items; i++)
      ck_assert_msg (scores[(gsize) u * ds->n_items + i] == (float) counts[i],
                     "user %u item %u: %g, expected %g", u, i,
                     scores[(gsize) u * ds->n_items + i], counts[i]);
}
END_TEST

/* ---- random ---- */

START_TEST (test_random_per_user_deterministic)
{
  g_autoptr(CgDataset) ds = dataset_for (_i);
  g_autoptr(CgBaseline) baseline = baseline_ok (CG_BASELINE_RANDOM, ds);
  g_autoptr(CgBaseline) second = baseline_ok (CG_BASELINE_RANDOM, ds);
  gsize n = (gsize) ds->n_users * ds->n_items;
  g_autofree float *whole = score_all (baseline, ds, ds->n_users);
  g_autofree float *singles = score_all (baseline, ds, 1);
  g_autofree float *threes = score_all (second, ds, 3);
  g_autofree float *reversed = g_new (float, n);
  g_autofree guint32 *users = g_new (guint32, ds->n_users);

  for (guint u = 0; u < ds->n_users; u++)
    users[u] = ds->n_users - 1 - u;
  cg_baseline_score (reversed, users, ds->n_users, baseline);

  ck_assert_mem_eq (whole, singles, sizeof (float) * n);
  ck_assert_mem_eq (whole, threes, sizeof (float) * n);
  for (guint b = 0; b < ds->n_users; b++)
    ck_assert_mem_eq (reversed + (gsize) b * ds->n_items,
                      whole + (gsize) users[b] * ds->n_items, sizeof (float) * ds->n_items);

  for (gsize k = 0; k < n; k++)
    ck_assert_msg (whole[k] >= 0.0f && whole[k] < 1.0f, "score %g", whole[k]);
  /* Different users, different scores. */
  for (guint u = 1; u < ds->n_users; u++)
    ck_assert_msg (memcmp (whole, whole + (gsize) u * ds->n_items,
                           sizeof (float) * ds->n_items) != 0, "users 0 and %u agree", u);
}
END_TEST

/* ---- ItemKNN ---- */

START_TEST (test_itemknn_against_naive)
{
  g_autoptr(CgDataset) ds = dataset_for (_i);
  g_autoptr(CgBaseline) baseline = baseline_ok (CG_BASELINE_ITEMKNN, ds);
  guint n_i = ds->n_items;
  g_autofree double *x = dense_positives (ds);
  g_autofree double *g = naive_gram (x, ds->n_users, n_i);
  g_autofree double *w = g_new0 (double, (gsize) n_i * n_i);
  g_autofree double *expected = NULL;
  g_autofree float *scores = score_all (baseline, ds, 4);

  for (guint i = 0; i < n_i; i++)
    for (guint j = 0; j < n_i; j++)
      {
        double norm = sqrt (g[(gsize) i * n_i + i] * g[(gsize) j * n_i + j]);

        if (i != j && norm > 0.0)
          w[(gsize) i * n_i + j] = g[(gsize) i * n_i + j] / norm;
      }
  if (_i == 0)
    {
      /* By hand: items 1 (idx 0) and 7 (idx 4) are liked together by users 2 and 5, each
       * by 3 and 2 users: cosine 2 / sqrt(3·2). */
      ck_assert_double_eq_tol (w[0 * n_i + 4], 2.0 / sqrt (6.0), 1e-12);
      /* User 2 (idx 0) likes 1, 2, 7; the score of 10 (idx 5) is cos(1,10) + cos(7,10) =
       * 2/sqrt(3·2) + 1/sqrt(2·2). */
      expected = naive_scores (x, w, ds->n_users, n_i);
      ck_assert_double_eq_tol (expected[0 * n_i + 5], 2.0 / sqrt (6.0) + 0.5, 1e-12);
    }
  else
    expected = naive_scores (x, w, ds->n_users, n_i);

  assert_scores_close ("itemknn", scores, expected, (gsize) ds->n_users * n_i, 1e-5, 1e-6);
}
END_TEST

/* ---- EASE ---- */

START_TEST (test_ease_against_gauss_jordan)
{
  g_autoptr(CgDataset) ds = dataset_for (_i);
  g_autoptr(CgBaseline) baseline = baseline_ok (CG_BASELINE_EASE, ds);
  guint n_i = ds->n_items;
  g_autofree double *x = dense_positives (ds);
  g_autofree double *p = naive_gram (x, ds->n_users, n_i);
  g_autofree double *check = NULL;
  g_autofree double *w = g_new0 (double, (gsize) n_i * n_i);
  g_autofree double *expected = NULL;
  g_autofree float *scores = score_all (baseline, ds, 3);
  g_autofree float *one_batch = score_all (baseline, ds, ds->n_users);
  double max_abs = 0.0;

  for (guint i = 0; i < n_i; i++)
    p[(gsize) i * n_i + i] += EASE_LAMBDA;
  check = g_memdup2 (p, sizeof (double) * n_i * n_i);
  gauss_jordan_inverse (p, n_i);

  /* The inverse really is one: (G + λI) · P = I. */
  for (guint i = 0; i < n_i; i++)
    for (guint j = 0; j < n_i; j++)
      {
        double sum = 0.0;

        for (guint k = 0; k < n_i; k++)
          sum += check[(gsize) i * n_i + k] * p[(gsize) k * n_i + j];
        ck_assert_double_eq_tol (sum, i == j ? 1.0 : 0.0, 1e-10);
      }

  for (guint i = 0; i < n_i; i++)
    for (guint j = 0; j < n_i; j++)
      if (i != j)
        w[(gsize) i * n_i + j] = -p[(gsize) i * n_i + j] / p[(gsize) j * n_i + j];
  expected = naive_scores (x, w, ds->n_users, n_i);
  for (gsize k = 0; k < (gsize) ds->n_users * n_i; k++)
    max_abs = MAX (max_abs, fabs (expected[k]));
  ck_assert_msg (max_abs > 1e-4, "reference scores are all ~0 (%g): the test would be empty",
                 max_abs);

  assert_scores_close ("ease", scores, expected, (gsize) ds->n_users * n_i, 1e-4,
                       1e-6 * max_abs);
  /* Batching changes the GEMM blocking and so the last bits, nothing more. */
  {
    g_autofree double *one_batch_d = g_new (double, (gsize) ds->n_users * n_i);

    for (gsize k = 0; k < (gsize) ds->n_users * n_i; k++)
      one_batch_d[k] = one_batch[k];
    assert_scores_close ("ease, one batch", scores, one_batch_d, (gsize) ds->n_users * n_i,
                         1e-5, 1e-7 * max_abs);
  }
}
END_TEST


START_TEST (test_ease_lambda)
{
  /* Another λ gives the naive reference for that λ; λ ≤ 0 or NaN is refused. */
  g_autoptr(CgDataset) ds = dataset_for (_i);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgBaseline) baseline = cg_baseline_new_ease (ds, 7.5, &error);
  guint n_i = ds->n_items;
  g_autofree double *x = dense_positives (ds);
  g_autofree double *p = naive_gram (x, ds->n_users, n_i);
  g_autofree double *w = g_new0 (double, (gsize) n_i * n_i);
  g_autofree double *expected = NULL;
  g_autofree float *scores = NULL;

  ck_assert_msg (baseline != NULL, "%s", error ? error->message : "?");
  ck_assert_double_eq (cg_baseline_get_lambda (baseline), 7.5);
  for (guint i = 0; i < n_i; i++)
    p[(gsize) i * n_i + i] += 7.5;
  gauss_jordan_inverse (p, n_i);
  for (guint i = 0; i < n_i; i++)
    for (guint j = 0; j < n_i; j++)
      if (i != j)
        w[(gsize) i * n_i + j] = -p[(gsize) i * n_i + j] / p[(gsize) j * n_i + j];
  expected = naive_scores (x, w, ds->n_users, n_i);
  scores = score_all (baseline, ds, 4);
  assert_scores_close ("ease λ 7.5", scores, expected, (gsize) ds->n_users * n_i, 1e-4, 1e-6);

  for (guint b = 0; b < 3; b++)
    {
      static const double bad[] = { 0.0, -1.0, NAN };
      g_autoptr(GError) bad_error = NULL;

      ck_assert (cg_baseline_new_ease (ds, bad[b], &bad_error) == NULL);
      ck_assert (g_error_matches (bad_error, CG_ERROR, CG_ERROR_INVALID));
    }
}
END_TEST

START_TEST (test_input_set)
{
  /* Scored from another input set, an item–item model is linear in it: a user whose input
   * is {a} gets row a of the weights, {a, b} the sum of rows a and b. Popularity ignores
   * the input. */
  static const CgBaselineKind kinds[] = { CG_BASELINE_ITEMKNN, CG_BASELINE_EASE,
                                          CG_BASELINE_POPULARITY };
  g_autoptr(CgDataset) ds = synthetic_dataset (5);
  guint n_i = ds->n_items;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(CgBaseline) baseline = baseline_ok (kinds[k], ds);
      /* Users 0, 1, 2: {3}, {5}, {3, 5}. */
      static const guint32 users[] = { 0, 1, 2, 2 };
      static const guint32 items[] = { 3, 5, 3, 5 };
      g_autoptr(CgUserItems) input = cg_user_items_new_from_pairs (3, n_i, users, items, 4);
      g_autofree float *scores = g_new (float, 3 * (gsize) n_i);
      g_autofree float *plain = g_new (float, (gsize) n_i);
      g_autofree float *again = g_new (float, (gsize) n_i);
      guint32 who[] = { 0, 1, 2 };
      guint32 first = 0;

      cg_baseline_score (plain, &first, 1, baseline);
      cg_baseline_set_input (baseline, input);
      cg_baseline_score (scores, who, 3, baseline);
      for (guint i = 0; i < n_i; i++)
        ck_assert_msg (kinds[k] == CG_BASELINE_POPULARITY
                       ? scores[2 * n_i + i] == plain[i] && scores[i] == plain[i]
                       : fabsf (scores[2 * n_i + i] - scores[i] - scores[n_i + i]) <= 1e-5f,
                       "%s: item %u: %g ≠ %g + %g", cg_baseline_kind_name (kinds[k]), i,
                       scores[2 * n_i + i], scores[i], scores[n_i + i]);
      if (kinds[k] != CG_BASELINE_POPULARITY)
        ck_assert_msg (scores[3] == 0.0f && scores[n_i + 5] == 0.0f,
                       "the diagonal is zero: an item never recommends itself");
      /* NULL goes back to the train positives. */
      cg_baseline_set_input (baseline, NULL);
      cg_baseline_score (again, &first, 1, baseline);
      ck_assert_mem_eq (plain, again, sizeof (float) * n_i);
    }
}
END_TEST

START_TEST (test_select_lambda)
{
  /* The chosen λ is the grid's best on the validation sets, each figure the one a plain
   * EASE of that λ gets. */
  g_autoptr(CgDataset) ds = synthetic_dataset (13);
  g_autoptr(CgDataset) val = cg_dataset_carve_validation (ds, 0.25, 3);
  g_autoptr(CgEvalSets) sets = cg_eval_sets_new_from_dataset (val);
  g_autoptr(GError) error = NULL;
  guint n_grid;
  const double *grid = cg_ease_lambda_grid (&n_grid);
  g_autofree double *ndcg = g_new (double, n_grid);
  double best = -1.0, best_lambda = 0.0;
  double chosen = cg_ease_select_lambda (val, sets, NULL, 10, ndcg, &error);

  ck_assert_msg (chosen > 0.0, "%s", error ? error->message : "?");
  ck_assert_uint_ge (n_grid, 5);
  for (guint g = 0; g < n_grid; g++)
    {
      g_autoptr(CgBaseline) ease = cg_baseline_new_ease (val, grid[g], &error);
      CgMetrics m;

      ck_assert (ease != NULL);
      ck_assert (g == 0 || grid[g] > grid[g - 1]);
      cg_metrics_evaluate (&m, val, 10, cg_baseline_score, ease, 7);
      ck_assert_double_eq_tol (ndcg[g], m.ndcg, 1e-12);
      if (m.ndcg > best)
        {
          best = m.ndcg;
          best_lambda = grid[g];
        }
    }
  ck_assert_double_eq (chosen, best_lambda);
}
END_TEST


START_TEST (test_edlae_fit)
{
  /* With dropout p the fit is EDLAE's: Λ_j = λ + p/(1 − p)·G_jj, W_ij = −P_ij·Λ_j off the
   * diagonal for P = (G + diag Λ)⁻¹; p = 0 is EASE's fit, as the baseline makes it. */
  g_autoptr(CgDataset) ds = dataset_for (_i);
  guint n_i = ds->n_items;
  g_autofree double *x = dense_positives (ds);
  g_autofree double *g = naive_gram (x, ds->n_users, n_i);
  g_autofree double *p = g_memdup2 (g, sizeof (double) * n_i * n_i);
  g_autofree double *expected = g_new0 (double, (gsize) n_i * n_i);
  g_autofree float *w = g_new (float, (gsize) n_i * n_i);
  g_autofree float *ease = g_new (float, (gsize) n_i * n_i);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgBaseline) baseline = cg_baseline_new_ease (ds, 4.0, &error);
  const double lambda = 4.0, dropout = 0.6;

  for (guint i = 0; i < n_i; i++)
    p[(gsize) i * n_i + i] += lambda + dropout / (1.0 - dropout) * g[(gsize) i * n_i + i];
  gauss_jordan_inverse (p, n_i);
  for (guint i = 0; i < n_i; i++)
    for (guint j = 0; j < n_i; j++)
      if (i != j)
        expected[(gsize) i * n_i + j] = -p[(gsize) i * n_i + j]
                                        * (lambda + dropout / (1.0 - dropout)
                                                    * g[(gsize) j * n_i + j]);
  ck_assert (cg_ease_fit (w, ds->train_pos, lambda, dropout, &error));
  assert_scores_close ("edlae weights", w, expected, (gsize) n_i * n_i, 1e-4, 1e-7);

  /* p = 0: EASE, the weights the baseline scores with (a user with one liked item j gets
   * row j). */
  ck_assert (cg_ease_fit (ease, ds->train_pos, lambda, 0.0, &error));
  ck_assert (baseline != NULL);
  for (guint j = 0; j < MIN (n_i, 3u); j++)
    {
      guint32 users[1] = { 0 }, items[1] = { j }, who = 0;
      g_autoptr(CgUserItems) input = cg_user_items_new_from_pairs (1, n_i, users, items, 1);
      g_autofree float *row = g_new (float, n_i);

      cg_baseline_set_input (baseline, input);
      cg_baseline_score (row, &who, 1, baseline);
      ck_assert (cg_test_arrays_close ("ease fit vs baseline", row, ease + (gsize) j * n_i, n_i,
                                       1e-5, 1e-7));
    }
}
END_TEST

/* ---- on planted clusters ---- */

static double
ndcg_of (CgBaselineKind   kind,
         const CgDataset *ds)
{
  g_autoptr(CgBaseline) baseline = baseline_ok (kind, ds);
  CgMetrics m;

  cg_metrics_evaluate (&m, ds, 10, cg_baseline_score, baseline, 16);
  ck_assert_uint_eq (m.n_users, ds->n_eval_users);
  printf ("  %-10s NDCG@10 %.4f  Recall@10 %.4f  HitRate@10 %.4f\n",
          cg_baseline_kind_name (kind), m.ndcg, m.recall, m.hit_rate);
  return m.ndcg;
}

START_TEST (test_item_models_find_clusters)
{
  g_autoptr(CgDataset) ds = synthetic_dataset (31);
  double pop = ndcg_of (CG_BASELINE_POPULARITY, ds);
  double rnd = ndcg_of (CG_BASELINE_RANDOM, ds);
  double knn = ndcg_of (CG_BASELINE_ITEMKNN, ds);
  double ease = ndcg_of (CG_BASELINE_EASE, ds);

  /* Each user's held-out likes sit in their own cluster's block of 10 movies; the item
   * models see that block through co-occurrence, popularity and random do not. */
  ck_assert_msg (knn > pop + 0.2 && knn > rnd + 0.2, "itemknn %.3f vs pop %.3f, random %.3f",
                 knn, pop, rnd);
  ck_assert_msg (ease > pop + 0.2 && ease > rnd + 0.2, "ease %.3f vs pop %.3f, random %.3f",
                 ease, pop, rnd);
}
END_TEST

static Suite *
baseline_suite (void)
{
  Suite *suite = suite_create ("baseline");
  TCase *tc = tcase_create ("core");

  tcase_add_test (tc, test_kind_names);
  tcase_add_loop_test (tc, test_popularity_counts, 0, 2);
  tcase_add_loop_test (tc, test_random_per_user_deterministic, 0, 2);
  tcase_add_loop_test (tc, test_itemknn_against_naive, 0, 2);
  tcase_add_loop_test (tc, test_ease_against_gauss_jordan, 0, 2);
  tcase_add_loop_test (tc, test_ease_lambda, 0, 2);
  tcase_add_test (tc, test_input_set);
  tcase_add_loop_test (tc, test_edlae_fit, 0, 2);
  tcase_add_test (tc, test_select_lambda);
  tcase_add_test (tc, test_item_models_find_clusters);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  /* OpenBLAS would start a thread per core for these tiny products; the machine is shared. */
  openblas_set_num_threads (1);
  return cg_test_run_suite (baseline_suite ());
}
