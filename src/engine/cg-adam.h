/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-adam.h: the Adam optimiser (Kingma & Ba) with decoupled weight decay (AdamW).
 *
 * One flat loop over a network's whole parameter buffer: the gradient and the two moment
 * buffers have the parameters' layout, so no per-tensor bookkeeping is needed. Updates
 * match PyTorch's torch.optim.AdamW (bias-corrected moments, eps added after the root).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  float learning_rate;
  float beta1;          /* 0.9 */
  float beta2;          /* 0.999 */
  float eps;            /* 1e-8 */
  float weight_decay;   /* decoupled: p -= lr · wd · p before the Adam step */
} CgAdamConfig;

void cg_adam_config_init (CgAdamConfig *config, float learning_rate, float weight_decay);

/* One step; t is the 1-based step count (for bias correction). */
void cg_adam_update      (float *params, float *m, float *v, const float *grads, gsize n,
                          const CgAdamConfig *config, guint t);
/* The same step, then grads set to zero while they are in cache: ready for the next
 * step's accumulation, without a separate pass over the buffer. */
void cg_adam_update_and_clear (float *params, float *m, float *v, float *grads, gsize n,
                               const CgAdamConfig *config, guint t);

/* Lazy Adam: the step (and the clearing) for the listed rows of a (·, width) table that
 * starts offset floats into the buffers, nothing for the others. A row whose gradient is
 * zero then keeps its value and moments instead of coasting on its momentum and decaying:
 * for tables of which a step touches a few rows (embeddings, a sampled output layer), so
 * that a step costs its rows, not the table. The rows must be distinct: the team's threads
 * take shares of them. */
void cg_adam_update_rows (float *params, float *m, float *v, float *grads, gsize offset,
                          gsize width, const guint32 *rows, gsize n_rows,
                          const CgAdamConfig *config, guint t);
G_END_DECLS
