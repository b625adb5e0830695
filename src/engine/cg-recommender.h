/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommender.h: the top-K lists the app's Recommendations page shows (and the CLI's
 * "recommend --ratings"), without any widget.
 *
 * A dataset user is scored by index (cg_cgan_score_users, embedding from the dataset's
 * train positives in history mode); "you" either by your liked items (history mode, no
 * retraining) or, when the model was trained with you, as that dataset user. Items the
 * user rated are excluded; scores are averaged over `rounds` calls of the model, each
 * itself averaging the model's own noise_draws, so rounds × noise_draws draws in all (the
 * generator's last layer is linear, so the mean of the calls is the mean over all draws).
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"
#include "cg-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  guint32  item;    /* item index of the dataset */
  float    score;
  gboolean hit;     /* among the user's test positives */
} CgRecommendation;

/* Fills out (k entries) for dataset user index user, excluding everything the user rated
 * in train; returns how many were written. */
guint    cg_recommend_for_user    (CgCgan           *model,
                                   const CgDataset  *dataset,
                                   guint             user,
                                   guint             k,
                                   guint             rounds,
                                   CgRecommendation *out);

/* For someone described only by liked (item indices, any order) in a history-mode model,
 * excluding exclude (sorted ascending). FALSE and an error for an id-mode model. */
gboolean cg_recommend_for_history (CgCgan           *model,
                                   const CgDataset  *dataset,
                                   const guint32    *liked,
                                   guint             n_liked,
                                   const guint32    *exclude,
                                   guint             n_exclude,
                                   guint             k,
                                   guint             rounds,
                                   CgRecommendation *out,
                                   guint            *n_out,
                                   GError          **error);

/* The scores behind cg_recommend_for_history, at every item: scores (n_items) = the mean
 * over rounds of the model's scores for liked; round_scores (n_items) is scratch. */
gboolean cg_recommend_history_scores (CgCgan        *model,
                                      const guint32 *liked,
                                      guint          n_liked,
                                      guint          rounds,
                                      float         *scores,
                                      float         *round_scores,
                                      GError       **error);

/* Same as cg_recommend_for_user but with its own exclusion list (sorted ascending): for
 * "you" as a user of an id-mode model, where your current ratings are what to exclude. */
guint    cg_recommend_for_user_excluding (CgCgan           *model,
                                          const CgDataset  *dataset,
                                          guint             user,
                                          const guint32    *exclude,
                                          guint             n_exclude,
                                          guint             k,
                                          guint             rounds,
                                          CgRecommendation *out);

/* The app's Noise draws field starts here: rounds of the model's own noise_draws. */
#define CG_RECOMMEND_DEFAULT_DRAWS 5

/* How many rounds make at least draws noise draws in all (at least one round). */
guint    cg_recommend_rounds      (const CgCgan *model,
                                   guint         draws);

/* The noise seed of round r: round 0 is the model's evaluation seed, as the CLI uses. */
guint64  cg_recommend_round_seed  (const CgCgan *model,
                                   guint         round);

G_END_DECLS
