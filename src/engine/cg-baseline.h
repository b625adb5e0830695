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
  CG_BASELINE_EASE,        /* Steck 2019, closed form, λ = 300 */
} CgBaselineKind;

/* NULL and an error for an unknown name. */
gboolean    cg_baseline_kind_from_name (const char *name, CgBaselineKind *kind, GError **error);
const char *cg_baseline_kind_name      (CgBaselineKind kind);

CgBaseline *cg_baseline_new   (CgBaselineKind kind, const CgDataset *dataset, GError **error);
void        cg_baseline_free  (CgBaseline *baseline);
/* CgScoreFunc: user_data is the CgBaseline. */
void        cg_baseline_score (float *scores, const guint32 *users, guint n_users,
                               gpointer baseline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgBaseline, cg_baseline_free)

G_END_DECLS
