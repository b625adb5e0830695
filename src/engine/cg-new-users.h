/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-new-users.h: the new-user protocol — people the model never saw, scored from a few
 * ratings without retraining, as the app scores "you".
 *
 * From a pool of ratings (u.data for MovieLens 100K):
 *   - a seeded share `fraction` of the users (at least one, never all) is held out of
 *     training entirely: the training set is every rating of the other users;
 *   - each held-out user reveals `reveal` of their ratings, a seeded random sample of any
 *     value (all of them when they have fewer), as a person rates movies they know;
 *   - they are scored from their revealed liked movies (rating ≥ threshold) only; every
 *     revealed movie is excluded from their list;
 *   - their ground truth is their other ratings ≥ threshold;
 *   - evaluated users are the held-out users with ≥ 1 revealed liked movie and ≥ 1
 *     ground-truth positive.
 * The item space is every movie of the pool (indices over train ∪ held-out ratings, in
 * ascending movie ID, as in the standard protocol), so a ground-truth movie nobody in
 * training rated still counts, and no method can find it from co-occurrence.
 *
 * Validation for this protocol never touches the held-out users: cg_new_users_validation
 * applies the same procedure to the training users alone.
 */
#pragma once

#include <glib.h>

#include "cg-dataset.h"
#include "cg-metrics.h"

G_BEGIN_DECLS

#define CG_NEW_USERS_FRACTION 0.2
#define CG_NEW_USERS_REVEAL   10

typedef struct
{
  /* Train: the training users' ratings. Test: every rating of the held-out users (revealed
   * and hidden), so that they and their movies have indices; never evaluate on it
   * directly, use the sets below. */
  CgDataset   *dataset;
  CgUserItems *revealed;        /* per held-out user: every revealed movie (excluded) */
  CgUserItems *revealed_liked;  /* the revealed movies rated ≥ threshold: the input */
  CgUserItems *truth;           /* the other movies rated ≥ threshold */
  guint32     *eval_users;      /* (n_eval_users) ascending */
  guint        n_eval_users;
  guint        n_held_out;
  double       fraction;
  guint        reveal;
  guint64      seed;
  guint32     *popularity;      /* (n_items) training positives per item */
  CgEvalSets   sets;            /* views of the above, for cg_metrics_evaluate_sets */
} CgNewUsers;

/* The protocol on every rating of source (its train and test parts together); the
 * catalogue is shared with source. Errors (CG_ERROR_INVALID) for a fraction outside
 * (0, 1), reveal 0, or fewer than two users. */
CgNewUsers *cg_new_users_new        (const CgDataset *source, double fraction, guint reveal,
                                     guint64 seed, GError **error);
/* The same procedure (split's reveal, a seed derived from split's, the given share of
 * users) on split's training users only: for choosing settings without looking at the
 * held-out users. */
CgNewUsers *cg_new_users_validation (const CgNewUsers *split, double fraction,
                                     GError **error);
void        cg_new_users_free       (CgNewUsers *split);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgNewUsers, cg_new_users_free)

G_END_DECLS
