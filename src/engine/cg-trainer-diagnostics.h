/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-trainer-diagnostics.h: how the adversarial game stands after an epoch, for the people
 * watching it — D's accuracy on real and on generated pairs, and the entropy of G's
 * distribution — and the collapse those figures warn of.
 *
 * Measured once per epoch on a fixed sample of users (the same users, noise and draws every
 * epoch, so the curves move only because the networks do), with randomness of its own:
 * the training stream is never touched, so a run's losses and parameters are the same with
 * or without them. Catalogue coverage@K and the mean popularity of the top-K lists come from
 * the evaluation (CgMetrics); cg_history_find_collapse reads all of them together.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"
#include "cg-discriminator.h"
#include "cg-user-items.h"

G_BEGIN_DECLS

/* Borrowed buffers the measurement may overwrite: the trainer lends scratch that is idle
 * between epochs. */
typedef struct
{
  float      *scores;      /* (max_users, I) */
  guint       max_users;   /* how many users are sampled */
  CgDiscActs *acts;        /* D over up to acts->max_pairs pairs */
  guint32    *pair_users;  /* (acts->max_pairs) */
  guint32    *pair_items;  /* (acts->max_pairs) */
} CgDiagnosticsScratch;

/* Fills record's d_accuracy_real, d_accuracy_fake and g_entropy for model as it stands:
 *  - g_entropy: mean over the sampled users of H(softmax(s_u)) in nats, s_u the scores G
 *    recommends from (its logits averaged over the noise draws, cg_cgan_score_users);
 *  - d_accuracy_real: share of real pairs (a user and one of their training positives)
 *    D calls real (D(u, i) > 1/2);
 *  - d_accuracy_fake: share of generated pairs (a user and an item drawn from the same
 *    softmax) D calls fake. The uniform negatives D also trains on are left out: D tells
 *    those apart almost always, which says nothing about the game. */
void  cg_trainer_diagnose       (CgEpochRecord *record, CgCgan *model,
                                 const CgUserItems *train_pos,
                                 const CgDiagnosticsScratch *scratch);

/* Mean entropy (nats) of softmax over each of the n rows of scores (n, n_items). */
double cg_mean_softmax_entropy  (const float *scores, guint n, guint n_items);

/* A collapse of the generator onto a few movies, read in a history: its entropy fell fast
 * (by a fifth or more within the last few epochs) while catalogue coverage dropped (to
 * three quarters of its best or less). NULL when the history shows none, else one
 * sentence naming both figures, newly allocated. */
char  *cg_history_find_collapse (const CgEpochRecord *records, guint n_records);

G_END_DECLS
