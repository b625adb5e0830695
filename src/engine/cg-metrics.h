/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-metrics.h: Recall@K, NDCG@K and HitRate@K under the Cinegan protocol.
 *
 * For every evaluated user: rank all items outside the user's excluded set, take the top K
 * (ties to the lower movie ID), then
 *   Recall@K  = hits / |truth|
 *   NDCG@K    = Σ_{hit at rank r} 1/log2(r + 2) / Σ_{r < min(|truth|, K)} 1/log2(r + 2)
 *   HitRate@K = 1 if hits > 0
 * each averaged over the evaluated users. Beside them, two properties of the lists
 * themselves: catalogue coverage (distinct items in all the top-K lists) and the mean
 * popularity of the recommended items (their number of training positives, over every
 * slot of every list).
 *
 * The standard protocol takes its sets from a dataset (cg_eval_sets_new_from_dataset):
 * evaluated users have ≥ 1 train positive and ≥ 1 test positive, the excluded set is every
 * item they rated in train, the truth their test positives. The new-user protocol
 * (cg-new-users.h) builds its own.
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
  guint  n_covered;        /* distinct items in the evaluated users' top-K lists */
  double coverage;         /* n_covered / n_items */
  double mean_popularity;  /* mean training positives of a recommended item, NaN if none */
} CgMetrics;

/* One evaluated user's figures, for paired comparisons. */
typedef struct
{
  guint32  user;     /* user index */
  double   recall;
  double   ndcg;
  gboolean hit;
} CgUserMetrics;

/* What an evaluation ranks and checks. Every pointer is borrowed. */
typedef struct
{
  guint              n_items;
  const guint32     *users;       /* (n_users) evaluated user indices, ascending */
  guint              n_users;
  const CgUserItems *exclude;     /* a user's candidates are the items outside their row */
  const CgUserItems *truth;       /* the ground truth; every evaluated user has ≥ 1 */
  const guint32     *popularity;  /* (n_items) training positives per item */
} CgEvalSets;

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

/* The standard protocol's sets of dataset; the result owns its user list and popularity
 * and borrows the dataset's sets (the dataset must outlive it). Free with
 * cg_eval_sets_free. */
CgEvalSets *cg_eval_sets_new_from_dataset (const CgDataset *dataset);
void        cg_eval_sets_free             (CgEvalSets *sets);

/* Evaluates sets, scoring users in batches of up to batch_size. per_user, when not NULL,
 * receives sets->n_users entries in the order of sets->users. */
void cg_metrics_evaluate_sets (CgMetrics *out, CgUserMetrics *per_user,
                               const CgEvalSets *sets, guint k, CgScoreFunc score,
                               gpointer user_data, guint batch_size);

/* Evaluates on dataset's test split (the standard protocol). */
void cg_metrics_evaluate (CgMetrics *out, const CgDataset *dataset, guint k,
                          CgScoreFunc score, gpointer user_data, guint batch_size);

/* "Recall@10 0.1148  NDCG@10 0.2606  HitRate@10 0.7917  users 456", newly allocated. */
char *cg_metrics_format       (const CgMetrics *metrics);
/* "coverage 0.0250 (42 movies)  popularity 328.4", newly allocated. */
char *cg_metrics_format_lists (const CgMetrics *metrics);

/* ---- paired comparisons ----
 *
 * Two recommenders evaluated on the same users: the per-user differences d = a − b, their
 * mean and a 95 % interval for it (Student's t with n − 1 degrees of freedom), and how
 * many users each one wins. */
typedef struct
{
  guint  n;
  double mean_a, mean_b;
  double mean_diff;      /* mean of a − b */
  double sd_diff;        /* sample standard deviation of a − b */
  double ci_low, ci_high; /* 95 % interval of mean_diff; NaN when n < 2 */
  guint  n_better, n_worse, n_equal;  /* users where a > b, a < b, a = b */
} CgPairedSummary;

void   cg_paired_summary   (CgPairedSummary *out, const double *a, const double *b, gsize n);
/* The two-sided 95 % quantile of Student's t with dof degrees of freedom (≥ 1). */
double cg_t_quantile_975   (double dof);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgEvalSets, cg_eval_sets_free)

G_END_DECLS
