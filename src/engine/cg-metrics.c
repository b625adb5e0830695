/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-metrics.c: ranking metrics over the evaluated users.
 */
#include "cg-metrics.h"

#include <math.h>

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

void
cg_metrics_evaluate (CgMetrics       *out,
                     const CgDataset *dataset,
                     guint            k,
                     CgScoreFunc      score,
                     gpointer         user_data,
                     guint            batch_size)
{
  g_autofree guint32 *users = NULL;
  g_autofree float *scores = NULL;
  g_autofree guint32 *ranked = NULL;
  double sum_recall = 0.0, sum_ndcg = 0.0;
  guint n_users = 0, n_hits = 0;

  g_return_if_fail (out != NULL && dataset != NULL && score != NULL && k > 0);

  users = g_new (guint32, MAX (dataset->n_users, 1));
  ranked = g_new (guint32, k);
  batch_size = MAX (batch_size, 1);
  scores = g_new (float, (gsize) batch_size * dataset->n_items);

  for (guint u = 0; u < dataset->n_users; u++)
    if (cg_dataset_is_eval_user (dataset, u))
      users[n_users++] = u;

  for (guint start = 0; start < n_users; start += batch_size)
    {
      guint b_n = MIN (batch_size, n_users - start);

      score (scores, users + start, b_n, user_data);
      for (guint b = 0; b < b_n; b++)
        {
          guint u = users[start + b];
          double recall, ndcg;
          gboolean hit;
          guint n_ranked = cg_topk_select (ranked, NULL, k,
                                           scores + (gsize) b * dataset->n_items,
                                           dataset->n_items,
                                           cg_user_items_row (dataset->train_rated, u),
                                           cg_user_items_count (dataset->train_rated, u));

          cg_metrics_for_user (&recall, &ndcg, &hit, ranked, n_ranked, k,
                               cg_user_items_row (dataset->test_pos, u),
                               cg_user_items_count (dataset->test_pos, u));
          sum_recall += recall;
          sum_ndcg += ndcg;
          n_hits += hit;
        }
    }

  out->k = k;
  out->n_users = n_users;
  out->recall = n_users > 0 ? sum_recall / n_users : 0.0;
  out->ndcg = n_users > 0 ? sum_ndcg / n_users : 0.0;
  out->hit_rate = n_users > 0 ? (double) n_hits / n_users : 0.0;
}

char *
cg_metrics_format (const CgMetrics *m)
{
  return g_strdup_printf ("Recall@%u %.4f  NDCG@%u %.4f  HitRate@%u %.4f  users %u",
                          m->k, m->recall, m->k, m->ndcg, m->k, m->hit_rate, m->n_users);
}
