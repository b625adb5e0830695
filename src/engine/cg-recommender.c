/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommender.c: the top-K lists the app's Recommendations page shows, and
 * "cinegan-cli recommend --ratings" prints, without any widget.
 *
 * Everything here is a few generator passes for one user plus a top-K selection, a few
 * milliseconds on MovieLens 100K, so the page calls it on the main thread as you rate.
 */
#include <string.h>

#include "cg-error.h"
#include "cg-recommender.h"
#include "cg-topk.h"

guint64
cg_recommend_round_seed (const CgCgan *model,
                         guint         round)
{
  return cg_cgan_eval_noise_seed (model)
         ^ ((guint64) round * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
}

guint
cg_recommend_rounds (const CgCgan *model,
                     guint         draws)
{
  guint per_call;

  g_return_val_if_fail (model != NULL, 1);

  per_call = MAX (cg_cgan_get_config (model)->noise_draws, 1);
  return MAX ((draws + per_call - 1) / per_call, 1);
}

/* scores += (1 / rounds) · this round's scores: a running mean that keeps float error
 * bounded whatever the number of rounds. */
static void
accumulate (float       *scores,
            const float *round_scores,
            guint        n_items,
            guint        round)
{
  float w = 1.0f / (float) (round + 1);

  for (guint i = 0; i < n_items; i++)
    scores[i] += w * (round_scores[i] - scores[i]);
}

static guint
select_top (const CgDataset  *dataset,
            gint64            test_user,
            const float      *scores,
            guint             n_items,
            const guint32    *exclude,
            guint             n_exclude,
            guint             k,
            CgRecommendation *out)
{
  g_autofree guint32 *top = g_new (guint32, MAX (k, 1));
  g_autofree float *top_scores = g_new (float, MAX (k, 1));
  guint n = cg_topk_select (top, top_scores, k, scores, n_items, exclude, n_exclude);

  for (guint r = 0; r < n; r++)
    {
      out[r].item = top[r];
      out[r].score = top_scores[r];
      out[r].hit = test_user >= 0
                   && cg_user_items_contains (dataset->test_pos, (guint) test_user, top[r]);
    }
  return n;
}

guint
cg_recommend_for_user_excluding (CgCgan           *model,
                                 const CgDataset  *dataset,
                                 guint             user,
                                 const guint32    *exclude,
                                 guint             n_exclude,
                                 guint             k,
                                 guint             rounds,
                                 CgRecommendation *out)
{
  guint n_items;
  g_autofree float *scores = NULL;
  g_autofree float *round_scores = NULL;
  guint32 u = user;

  g_return_val_if_fail (model != NULL, 0);
  g_return_val_if_fail (dataset != NULL, 0);
  g_return_val_if_fail (user < dataset->n_users, 0);
  g_return_val_if_fail (cg_cgan_get_n_items (model) == dataset->n_items, 0);
  g_return_val_if_fail (user < cg_cgan_get_n_users (model), 0);
  g_return_val_if_fail (out != NULL || k == 0, 0);

  n_items = dataset->n_items;
  scores = g_new0 (float, n_items);
  round_scores = g_new (float, n_items);
  for (guint r = 0; r < MAX (rounds, 1); r++)
    {
      cg_cgan_score_users (model, dataset->train_pos, round_scores, &u, 1,
                           cg_recommend_round_seed (model, r));
      accumulate (scores, round_scores, n_items, r);
    }
  return select_top (dataset, user, scores, n_items, exclude, n_exclude, k, out);
}

guint
cg_recommend_for_user (CgCgan           *model,
                       const CgDataset  *dataset,
                       guint             user,
                       guint             k,
                       guint             rounds,
                       CgRecommendation *out)
{
  g_return_val_if_fail (dataset != NULL, 0);
  g_return_val_if_fail (user < dataset->n_users, 0);

  return cg_recommend_for_user_excluding (model, dataset, user,
                                          cg_user_items_row (dataset->train_rated, user),
                                          cg_user_items_count (dataset->train_rated, user),
                                          k, rounds, out);
}

gboolean
cg_recommend_history_scores (CgCgan        *model,
                             const guint32 *liked,
                             guint          n_liked,
                             guint          rounds,
                             float         *scores,
                             float         *round_scores,
                             GError       **error)
{
  guint n_items;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (scores != NULL && round_scores != NULL, FALSE);

  n_items = cg_cgan_get_n_items (model);
  memset (scores, 0, n_items * sizeof (float));
  for (guint r = 0; r < MAX (rounds, 1); r++)
    {
      if (!cg_cgan_score_history (model, liked, n_liked, round_scores,
                                  cg_recommend_round_seed (model, r), error))
        return FALSE;
      accumulate (scores, round_scores, n_items, r);
    }
  return TRUE;
}

gboolean
cg_recommend_for_history (CgCgan           *model,
                          const CgDataset  *dataset,
                          const guint32    *liked,
                          guint             n_liked,
                          const guint32    *exclude,
                          guint             n_exclude,
                          guint             k,
                          guint             rounds,
                          CgRecommendation *out,
                          guint            *n_out,
                          GError          **error)
{
  guint n_items;
  g_autofree float *scores = NULL;
  g_autofree float *round_scores = NULL;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (cg_cgan_get_n_items (model) == dataset->n_items, FALSE);
  g_return_val_if_fail (liked != NULL || n_liked == 0, FALSE);
  g_return_val_if_fail (exclude != NULL || n_exclude == 0, FALSE);
  g_return_val_if_fail (out != NULL || k == 0, FALSE);
  g_return_val_if_fail (n_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *n_out = 0;
  n_items = dataset->n_items;
  scores = g_new0 (float, n_items);
  round_scores = g_new (float, n_items);
  if (!cg_recommend_history_scores (model, liked, n_liked, rounds, scores, round_scores,
                                    error))
    return FALSE;
  *n_out = select_top (dataset, -1, scores, n_items, exclude, n_exclude, k, out);
  return TRUE;
}
