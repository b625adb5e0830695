/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-baseline.h: non-learned and classic recommenders to measure the CGAN against.
 *
 * Each is a small object holding what it precomputed from the training split, with a
 * CgScoreFunc-compatible scorer. All are deterministic.
 */
#pragma once

#include <glib.h>

#include "cg-dataset.h"
#include "cg-metrics.h"

G_BEGIN_DECLS

typedef struct _CgBaseline CgBaseline;

typedef enum
{
  CG_BASELINE_POPULARITY,  /* number of train positives of the item */
  CG_BASELINE_RANDOM,      /* seeded uniform scores */
  CG_BASELINE_ITEMKNN,     /* cosine item–item similarity over train positives */
  CG_BASELINE_EASE,        /* Steck 2019, closed form, λ = 300 unless told */
} CgBaselineKind;

/* EASE's λ when none is given: the one of the reference figures (docs/model.md). */
#define CG_EASE_DEFAULT_LAMBDA 300.0

/* NULL and an error for an unknown name. */
gboolean    cg_baseline_kind_from_name (const char *name, CgBaselineKind *kind, GError **error);
const char *cg_baseline_kind_name      (CgBaselineKind kind);

CgBaseline *cg_baseline_new      (CgBaselineKind kind, const CgDataset *dataset,
                                  GError **error);
/* EASE with the given λ (> 0). */
CgBaseline *cg_baseline_new_ease (const CgDataset *dataset, double lambda, GError **error);
void        cg_baseline_free     (CgBaseline *baseline);
/* The λ of an EASE baseline (0 for the others). */
double      cg_baseline_get_lambda (const CgBaseline *baseline);
/* What the item–item models score a user from: by default the dataset's train positives;
 * the new-user protocol gives its revealed liked movies instead. input (borrowed) must
 * have the dataset's item count and a row for every user scored. */
void        cg_baseline_set_input (CgBaseline *baseline, const CgUserItems *input);
/* CgScoreFunc: user_data is the CgBaseline. */
void        cg_baseline_score    (float *scores, const guint32 *users, guint n_users,
                                  gpointer baseline);

/* EASE's item–item weights (I, I) for positives (I = positives->n_items) and λ > 0, zero
 * diagonal: weights[i, j] is how much liking i raises j. With dropout p in (0, 1), EDLAE's
 * (Steck 2020), trained as if each liked item were hidden with probability p: more
 * shrinkage for popular items, which suits users who have rated only a few movies.
 * CG_ERROR_DIVERGED when the Gram matrix cannot be inverted. Time O(I³), memory 2·I²
 * doubles while it runs. */
gboolean    cg_ease_fit           (float *weights, const CgUserItems *positives,
                                   double lambda, double dropout, GError **error);

/* The λ values cg_ease_select_lambda tries, ascending; *n receives their count. */
const double *cg_ease_lambda_grid (guint *n);
/* Chooses EASE's λ on validation: for every λ of the grid, fits EASE on validation's
 * train positives, scores the users of sets from input (NULL: validation's train
 * positives) and measures NDCG@k; returns the best λ (the smaller one on a tie) and,
 * when ndcg is not NULL, fills it with one figure per grid value. 0 and an error when a
 * fit fails. */
double      cg_ease_select_lambda (const CgDataset *validation, const CgEvalSets *sets,
                                   const CgUserItems *input, guint k, double *ndcg,
                                   GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgBaseline, cg_baseline_free)

G_END_DECLS
