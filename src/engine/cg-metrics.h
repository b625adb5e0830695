/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-metrics.h: Recall@K, NDCG@K and HitRate@K under the Cinegan protocol.
 *
 * For every evaluated user (≥ 1 train positive, ≥ 1 test positive): rank all items the user
 * did not rate in train, take the top K (ties to the lower movie ID), then
 *   Recall@K  = hits / |test positives|
 *   NDCG@K    = Σ_{hit at rank r} 1/log2(r + 2) / Σ_{r < min(|test positives|, K)} 1/log2(r + 2)
 *   HitRate@K = 1 if hits > 0
 * each averaged over the evaluated users.
 */
#pragma once

#include <glib.h>

#include "cg-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  double recall;
  double ndcg;
  double hit_rate;
  guint  k;
  guint  n_users;
} CgMetrics;

/* A recommender as the evaluator sees it: fill scores (n_users, n_items), row b for
 * users[b]. Called from one thread at a time. */
typedef void (*CgScoreFunc) (float         *scores,
                             const guint32 *users,
                             guint          n_users,
                             gpointer       user_data);

/* Per-user metrics given a ranked list (best first) and the sorted truth row. */
void cg_metrics_for_user (double *recall, double *ndcg, gboolean *hit,
                          const guint32 *ranked, guint n_ranked, guint k,
                          const guint32 *truth, guint n_truth);

/* Evaluates on dataset's test split, scoring users in batches of up to batch_size. */
void cg_metrics_evaluate (CgMetrics *out, const CgDataset *dataset, guint k,
                          CgScoreFunc score, gpointer user_data, guint batch_size);

/* "Recall@10 0.1148  NDCG@10 0.2606  HitRate@10 0.7917  users 456", newly allocated. */
char *cg_metrics_format  (const CgMetrics *metrics);

G_END_DECLS
