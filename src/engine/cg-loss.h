/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-loss.h: the losses of the CGAN, forward/backward pairs.
 *
 * Letters: N pairs, B users of a batch, I items. Each forward writes one loss per row (the
 * caller averages); each backward ACCUMULATES scale · ∂loss/∂input into the gradient it is
 * given — scale is where the caller puts 1/B and the term's weight, so several terms add
 * into one d_logits buffer.
 *
 *  - BCE with logits (D): loss = softplus(−s) for label 1, softplus(s) for label 0, written
 *    without overflow for any s.
 *  - Row softmax over items (G's distribution p(i | u, z)) with its log-sum-exp.
 *  - Softmax cross-entropy on a user's positives (G's likelihood / MLE):
 *    loss_b = −(1/|T_b|) Σ_{i∈T_b} log p_bi, gradient p_bi − [i∈T_b]/|T_b|.
 *  - The generator's expected adversarial loss: loss_b = Σ_i p_bi c_bi with c = −log D; the
 *    exact gradient w.r.t. logit i is p_i (c_i − Σ_j p_j c_j), and w.r.t. c_i it is p_i.
 *  - Negative entropy: loss_b = Σ_i p_bi log p_bi = −H_b, gradient p_i (log p_i + H_b).
 */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* softplus(x) = log(1 + eˣ), stable for any x. */
static inline float
cg_softplus (float x)
{
  return (x > 0.0f ? x : 0.0f) + log1pf (expf (-fabsf (x)));
}

/* out = softplus(sign · in), n values, vectorised; out may be in. Agrees with cg_softplus
 * to a few ulp. */
void   cg_softplus_forward     (float *out, const float *in, float sign, gsize n);

/* losses (N); labels are 0 or 1 (any value in [0, 1] works). Returns the mean. */
double cg_bce_logits_forward   (float *losses, const float *logits, const float *labels,
                                guint N);
void   cg_bce_logits_backward  (float *d_logits, const float *logits, const float *labels,
                                guint N, float scale);

/* probs (B, I) and lse (B) (may be NULL) from logits (B, I). */
void   cg_softmax_forward      (float *probs, float *lse, const float *logits, guint B,
                                guint I);

/* targets: row b holds items[offsets[b] .. offsets[b+1]). A row with no target gets loss 0
 * and no gradient. Returns the mean over rows. */
double cg_softmax_xent_forward  (float *losses, const float *logits, const float *lse,
                                 const guint32 *offsets, const guint32 *items, guint B,
                                 guint I);
void   cg_softmax_xent_backward (float *d_logits, const float *probs, const guint32 *offsets,
                                 const guint32 *items, guint B, guint I, float scale);

/* losses (B) = Σ_i p c. d_costs may be NULL. Returns the mean over rows. */
double cg_expected_cost_forward  (float *losses, const float *probs, const float *costs,
                                  guint B, guint I);
void   cg_expected_cost_backward (float *d_logits, float *d_costs, const float *probs,
                                  const float *costs, const float *losses, guint B, guint I,
                                  float scale);

/* losses (B) = Σ p log p (that is −H). Returns the mean over rows. */
double cg_neg_entropy_forward  (float *losses, const float *probs, const float *logits,
                                const float *lse, guint B, guint I);
void   cg_neg_entropy_backward (float *d_logits, const float *probs, const float *logits,
                                const float *lse, const float *losses, guint B, guint I,
                                float scale);

G_END_DECLS
