/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dense.h: the fully connected layer, out = in · Wᵀ + b.
 *
 * Dimension letters: B rows of a batch, C input features, O output features. Weights are
 * stored (O, C) row-major, as PyTorch's Linear does, so a model's numbers line up with the
 * original project's. Forward writes its output; backward ACCUMULATES (+=) into every
 * gradient it is given, so several uses of one layer in a step just add up and the trainer
 * zeroes gradients once per step.
 *
 * The cg_gemm path (cg-gemm.h) is what training uses, split across the calling thread's
 * team (cg-team.h); the _naive pair is a plain triple loop kept as the reference the tests
 * compare it with.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* out (B, O) = in (B, C) · W (O, C)ᵀ + b (O); b may be NULL. */
void cg_dense_forward        (float *out, const float *in, const float *w, const float *b,
                              guint B, guint C, guint O);
/* d_in (B, C) += d_out · W;  d_w (O, C) += d_outᵀ · in;  d_b (O) += Σ_rows d_out.
 * d_in and d_b may be NULL (an input that needs no gradient, a layer without bias). */
void cg_dense_backward       (float *d_in, float *d_w, float *d_b, const float *d_out,
                              const float *in, const float *w, guint B, guint C, guint O);

/* Whether a product may be split across threads now: the calling thread has a team of more
 * than one and is not running a share of it already. */
gboolean cg_dense_can_split   (void);

void cg_dense_forward_naive  (float *out, const float *in, const float *w, const float *b,
                              guint B, guint C, guint O);
void cg_dense_backward_naive (float *d_in, float *d_w, float *d_b, const float *d_out,
                              const float *in, const float *w, guint B, guint C, guint O);

/* FLOPs of one forward (2·B·C·O) — backward is twice that (or once without d_in). */
static inline double
cg_dense_flops (guint B, guint C, guint O)
{
  return 2.0 * B * C * O;
}

G_END_DECLS
