/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-sampled.h: the sampled softmax — G's distribution over a step's candidate items
 * instead of every item, so that a step costs what its positives cost.
 *
 * A step's candidates are P, every item some user of the step likes (taken exactly), and S
 * draws from a proposal q ∝ (count + 1)^0.75 over the training positives' counts. The
 * partition function of a row is estimated without bias by
 *
 *   Ẑ = Σ_{i ∈ P} e^{s_i} + (1/S) Σ_{draws j ∉ P} e^{s_j} / q_j,
 *
 * that is a softmax over the candidate columns of the corrected logits s_j + β_j with β 0 for
 * P and log(count_j / (S q_j)) for a drawn item (count_j its draws; draws that fall in P
 * are dropped, their items already exact). G's likelihood, its expected adversarial cost and
 * its entropy are then taken over the candidates with the loss kernels of cg-loss.h; β is a
 * constant, so their gradients w.r.t. the corrected logits are those w.r.t. G's.
 *
 * Letters: I items, H hidden, B users of a step, C candidates, S draws.
 */
#pragma once

#include <glib.h>

#include "cg-rng.h"

G_BEGIN_DECLS

typedef struct
{
  guint    n_items;      /* I */
  guint    n_draws;      /* S */
  guint    max_cands;    /* C at most */
  /* The proposal, as Walker's alias table: a draw is O(1). */
  float   *q;            /* (I) probabilities */
  double  *log_q;        /* (I) log q, for importance weights */
  float   *alias_prob;   /* (I) */
  guint32 *alias;        /* (I) */
  /* The step's set. */
  guint32 *items;        /* (C) candidate items: P first, then drawn ones */
  float   *correction;   /* (C) β */
  guint32 *counts;       /* (C) draws of each drawn candidate */
  gint32  *slot;         /* (I) item → column, −1 when absent; all −1 between steps */
  guint    n;            /* C */
  guint    n_exact;      /* |P| */
} CgCandidates;

/* counts (I): training positives per item. max_targets: the most liked items a step's
 * users can hold together. */
void   cg_candidates_init  (CgCandidates *c, const guint32 *counts, guint I, guint n_draws,
                            gsize max_targets);
void   cg_candidates_clear (CgCandidates *c);
/* The step's set from its users' liked items (n_targets, repeats allowed), the draws from
 * rng; cols (n_targets) receives each target's column. */
void   cg_candidates_build (CgCandidates *c, const guint32 *targets, gsize n_targets,
                            guint32 *cols, CgRng *rng);
/* One draw from the proposal. */
guint32 cg_candidates_propose (const CgCandidates *c, CgRng *rng);

/* The output layer of G on the candidates: out (B, C) = h (B, H) · W[items]ᵀ + b[items] + β.
 * w_c (C, H) and b_c (C) receive the gathered rows, which the backward reuses. */
void   cg_sampled_logits_forward  (float *out, float *w_c, float *b_c, const float *h,
                                   const float *w, const float *b, const guint32 *items,
                                   const float *correction, guint B, guint H, guint C);
/* d_h (B, H) += d_out · W[items];  d_w[items] += d_outᵀ · h;  d_b[items] += Σ_rows d_out.
 * items must be distinct. d_w_c (C, H) and d_b_c (C) are scratch. */
void   cg_sampled_logits_backward (float *d_h, float *d_w, float *d_b, float *d_w_c,
                                   float *d_b_c, const float *d_out, const float *h,
                                   const float *w_c, const guint32 *items, guint B, guint H,
                                   guint C);

G_END_DECLS
