/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-metrics.c: ranking metrics over the evaluated users, and paired comparisons.
 */
#include "cg-metrics.h"

#include <math.h>
#include <string.h>

#include "cg-topk.h"

void
cg_metrics_for_user (double        *recall,
                     double        *ndcg,
                     gboolean      *hit,
                     const guint32 *ranked,
                     guint          n_ranked,
                     guint          k,
                     const guint32 *truth,
                     guint          n_truth)
{
  double dcg = 0.0, idcg = 0.0;
  guint hits = 0;
  guint n = MIN (n_ranked, k);

  g_return_if_fail (n_truth > 0);

  for (guint r = 0; r < n; r++)
    {
      /* truth is sorted: binary search. */
      guint lo = 0, hi = n_truth;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (truth[mid] < ranked[r])
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < n_truth && truth[lo] == ranked[r])
        {
          hits++;
          dcg += 1.0 / log2 ((double) r + 2.0);
        }
    }
  for (guint r = 0; r < MIN (n_truth, k); r++)
    idcg += 1.0 / log2 ((double) r + 2.0);

  *recall = (double) hits / (double) n_truth;
  *ndcg = dcg / idcg;
  *hit = hits > 0;
}

/* ---- evaluation sets ---- */

/* The allocation behind a CgEvalSets built here: the public struct first, so the one
 * pointer serves both. */
typedef struct
{
  CgEvalSets  sets;
  guint32    *users;
  guint32    *popularity;
} OwnedSets;

CgEvalSets *
cg_eval_sets_new_from_dataset (const CgDataset *dataset)
{
  OwnedSets *owned;

  g_return_val_if_fail (dataset != NULL, NULL);

  owned = g_new0 (OwnedSets, 1);
  owned->users = g_new (guint32, MAX (dataset->n_users, 1));
  owned->popularity = cg_dataset_item_popularity (dataset);
  for (guint u = 0; u < dataset->n_users; u++)
    if (cg_dataset_is_eval_user (dataset, u))
      owned->users[owned->sets.n_users++] = u;
  owned->sets.n_items = dataset->n_items;
  owned->sets.users = owned->users;
  owned->sets.exclude = dataset->train_rated;
  owned->sets.truth = dataset->test_pos;
  owned->sets.popularity = owned->popularity;
  return &owned->sets;
}

void
cg_eval_sets_free (CgEvalSets *sets)
{
  OwnedSets *owned = (OwnedSets *) sets;

  if (owned == NULL)
    return;
  g_free (owned->users);
  g_free (owned->popularity);
  g_free (owned);
}

/* ---- evaluating ---- */

void
cg_metrics_evaluate_sets (CgMetrics        *out,
                          CgUserMetrics    *per_user,
                          const CgEvalSets *sets,
                          guint             k,
                          CgScoreFunc       score,
                          gpointer          user_data,
                          guint             batch_size)
{
  g_autofree float *scores = NULL;
  g_autofree guint32 *ranked = NULL;
  g_autofree guint8 *covered = NULL;
  double sum_recall = 0.0, sum_ndcg = 0.0, sum_popularity = 0.0;
  guint n_users, n_hits = 0, n_covered = 0;
  gsize n_slots = 0;

  g_return_if_fail (out != NULL && sets != NULL && score != NULL && k > 0);

  n_users = sets->n_users;
  ranked = g_new (guint32, k);
  covered = g_new0 (guint8, MAX (sets->n_items, 1));
  batch_size = MAX (batch_size, 1);
  scores = g_new (float, (gsize) MIN (batch_size, MAX (n_users, 1)) * sets->n_items);

  for (guint start = 0; start < n_users; start += batch_size)
    {
      guint b_n = MIN (batch_size, n_users - start);

      score (scores, sets->users + start, b_n, user_data);
      for (guint b = 0; b < b_n; b++)
        {
          guint u = sets->users[start + b];
          double recall, ndcg;
          gboolean hit;
          guint n_ranked = cg_topk_select (ranked, NULL, k,
                                           scores + (gsize) b * sets->n_items,
                                           sets->n_items,
                                           cg_user_items_row (sets->exclude, u),
                                           cg_user_items_count (sets->exclude, u));

          cg_metrics_for_user (&recall, &ndcg, &hit, ranked, n_ranked, k,
                               cg_user_items_row (sets->truth, u),
                               cg_user_items_count (sets->truth, u));
          sum_recall += recall;
          sum_ndcg += ndcg;
          n_hits += hit;
          for (guint r = 0; r < n_ranked; r++)
            {
              n_covered += !covered[ranked[r]];
              covered[ranked[r]] = 1;
              if (sets->popularity != NULL)
                sum_popularity += sets->popularity[ranked[r]];
            }
          n_slots += n_ranked;
          if (per_user != NULL)
            per_user[start + b] = (CgUserMetrics) { u, recall, ndcg, hit };
        }
    }

  out->k = k;
  out->n_users = n_users;
  out->recall = n_users > 0 ? sum_recall / n_users : 0.0;
  out->ndcg = n_users > 0 ? sum_ndcg / n_users : 0.0;
  out->hit_rate = n_users > 0 ? (double) n_hits / n_users : 0.0;
  out->n_covered = n_covered;
  out->coverage = sets->n_items > 0 ? (double) n_covered / sets->n_items : 0.0;
  out->mean_popularity = n_slots > 0 && sets->popularity != NULL
                         ? sum_popularity / (double) n_slots : NAN;
}

void
cg_metrics_evaluate (CgMetrics       *out,
                     const CgDataset *dataset,
                     guint            k,
                     CgScoreFunc      score,
                     gpointer         user_data,
                     guint            batch_size)
{
  g_autoptr(CgEvalSets) sets = NULL;

  g_return_if_fail (out != NULL && dataset != NULL && score != NULL && k > 0);

  sets = cg_eval_sets_new_from_dataset (dataset);
  cg_metrics_evaluate_sets (out, NULL, sets, k, score, user_data, batch_size);
}

char *
cg_metrics_format (const CgMetrics *m)
{
  return g_strdup_printf ("Recall@%u %.4f  NDCG@%u %.4f  HitRate@%u %.4f  users %u",
                          m->k, m->recall, m->k, m->ndcg, m->k, m->hit_rate, m->n_users);
}

char *
cg_metrics_format_lists (const CgMetrics *m)
{
  return g_strdup_printf ("coverage %.4f (%u movies)  popularity %.1f", m->coverage,
                          m->n_covered, m->mean_popularity);
}

/* ---- paired comparisons ---- */

/* The regularised incomplete beta function I_x(a, b), by its continued fraction (modified
 * Lentz), used where it converges fast (x below the mean a / (a + b)) and through the
 * symmetry I_x(a, b) = 1 − I_{1−x}(b, a) elsewhere. */
static double
incomplete_beta_cf (double a,
                    double b,
                    double x)
{
  const double tiny = 1e-300;
  double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0), f;

  d = 1.0 / (fabs (d) < tiny ? tiny : d);
  f = d;
  for (int m = 1; m <= 300; m++)
    {
      double num, delta;

      /* Even step. */
      num = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
      d = 1.0 + num * d;
      d = 1.0 / (fabs (d) < tiny ? tiny : d);
      c = 1.0 + num / c;
      c = fabs (c) < tiny ? tiny : c;
      f *= d * c;
      /* Odd step. */
      num = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
      d = 1.0 + num * d;
      d = 1.0 / (fabs (d) < tiny ? tiny : d);
      c = 1.0 + num / c;
      c = fabs (c) < tiny ? tiny : c;
      delta = d * c;
      f *= delta;
      if (fabs (delta - 1.0) < 1e-15)
        break;
    }
  return f;
}

static double
incomplete_beta (double a,
                 double b,
                 double x)
{
  double front;

  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;
  front = exp (lgamma (a + b) - lgamma (a) - lgamma (b) + a * log (x) + b * log1p (-x));
  if (x < (a + 1.0) / (a + b + 2.0))
    return front * incomplete_beta_cf (a, b, x) / a;
  return 1.0 - front * incomplete_beta_cf (b, a, 1.0 - x) / b;
}

/* P(T ≤ t) for t ≥ 0 under Student's t with dof degrees of freedom. */
static double
t_cdf_upper_half (double t,
                  double dof)
{
  return 1.0 - 0.5 * incomplete_beta (0.5 * dof, 0.5, dof / (dof + t * t));
}

double
cg_t_quantile_975 (double dof)
{
  double lo = 0.0, hi = 1.0;

  g_return_val_if_fail (dof >= 1.0, NAN);

  while (t_cdf_upper_half (hi, dof) < 0.975)
    hi *= 2.0;
  /* Bisection to double precision: the CDF is monotone and this runs once per summary. */
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (t_cdf_upper_half (mid, dof) < 0.975)
        lo = mid;
      else
        hi = mid;
    }
  return 0.5 * (lo + hi);
}

void
cg_paired_summary (CgPairedSummary *out,
                   const double    *a,
                   const double    *b,
                   gsize            n)
{
  double sum_a = 0.0, sum_b = 0.0, sum_d = 0.0, ss = 0.0;

  g_return_if_fail (out != NULL && (n == 0 || (a != NULL && b != NULL)));

  memset (out, 0, sizeof *out);
  out->n = (guint) n;
  for (gsize i = 0; i < n; i++)
    {
      sum_a += a[i];
      sum_b += b[i];
      sum_d += a[i] - b[i];
      out->n_better += a[i] > b[i];
      out->n_worse += a[i] < b[i];
      out->n_equal += a[i] == b[i];
    }
  out->mean_a = n > 0 ? sum_a / n : NAN;
  out->mean_b = n > 0 ? sum_b / n : NAN;
  out->mean_diff = n > 0 ? sum_d / n : NAN;
  /* Two passes: the differences are small against the values, so the one-pass formula
   * would lose digits. */
  for (gsize i = 0; i < n; i++)
    {
      double e = (a[i] - b[i]) - out->mean_diff;

      ss += e * e;
    }
  if (n >= 2)
    {
      double half;

      out->sd_diff = sqrt (ss / (double) (n - 1));
      half = cg_t_quantile_975 ((double) (n - 1)) * out->sd_diff / sqrt ((double) n);
      out->ci_low = out->mean_diff - half;
      out->ci_high = out->mean_diff + half;
    }
  else
    {
      out->sd_diff = NAN;
      out->ci_low = NAN;
      out->ci_high = NAN;
    }
}
