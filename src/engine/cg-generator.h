/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-generator.h: the generator network G(u, z) → one score (logit) per item.
 *
 *   e   = user embedding (E): a row of a free table (id mode), or act(Σ_{i liked} q_i / √n)
 *         over the user's liked items (history mode; act = none | tanh | relu)
 *   x   = e ‖ z                       (E + Z), z ~ N(0, 1)
 *   h   = ReLU (W1 x + b1)            (H)
 *   s   = W2 h + b2 + α·Bᵀx           (I)      softmax(s) = p(i | u, z)
 *
 * The last term is the item–item path (history mode, when config.item_weight α > 0 and the
 * catalogue has at most CG_ITEM_PATH_MAX_ITEMS items): x the user's liked bag as a 0/1
 * vector, B (I, I) fitted in closed form from the training positives (EASE, zero diagonal)
 * before training; it then learns for a run's first epochs (item_learns, with its own
 * gradient and moments: cg_generator_item_scores_backward) or stays fixed. It sits at the
 * end of the parameter buffer, after the network's part (cg_generator_n_trainable floats),
 * which the network's Adam updates. With item_short, a second B fitted with another λ
 * follows it and stays fixed; a bag of n movies then scores with
 * α·((1 − m)·Bᵀx + m·B_shortᵀx), m = n₀²/(n₀² + n²), so that people who rated few lean on
 * the more regularised fit.
 *
 * Letters: U users, I items, E embedding, Z noise, H hidden, B users of a batch.
 * All parameters live in one float buffer laid out as CgGenParams lists them; the gradient
 * and Adam's moments use the same layout (bind another buffer to get the same views).
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"
#include "cg-rng.h"

G_BEGIN_DECLS

typedef struct
{
  guint               n_users;   /* U */
  guint               n_items;   /* I */
  guint               embed_dim; /* E */
  guint               noise_dim; /* Z */
  guint               hidden_dim; /* H */
  CgUserEmbeddingMode mode;
  CgHistoryActivation act;
  gboolean            item_path;   /* B exists */
  float               item_weight; /* α */
  gboolean            item_learns; /* B learns in a run's first item_learning_epochs */
  gboolean            item_short;  /* a second, fixed B for short bags */
  float               item_short_bag; /* n₀ of the mix: n₀²/(n₀² + n²) from the second B */
} CgGenDims;

typedef struct
{
  float *user;  /* (U, E) id mode only, else NULL */
  float *item;  /* (I, E) history mode only, else NULL */
  float *w1;    /* (H, E + Z) */
  float *b1;    /* (H) */
  float *w2;    /* (I, H) */
  float *b2;    /* (I) */
  float *item_w; /* (I, I) the item–item path's B; NULL without one (and in grads) */
  float *item_ws; /* (I, I) its second B for short bags; NULL without one (and in grads) */
} CgGenParams;

/* Activations of one forward over up to max_batch users, kept for the backward. */
typedef struct
{
  guint  max_batch;
  float *emb_pre;  /* (B, E) lookup or bag, before act */
  float *x;        /* (B, E + Z) */
  float *h_pre;    /* (B, H) */
  float *h;        /* (B, H) */
  float *logits;   /* (B, I) */
  /* backward scratch */
  float *d_x;      /* (B, E + Z) */
  float *d_emb;    /* (B, E) */
  float *d_h;      /* (B, H) */
  float *d_h_pre;  /* (B, H) */
} CgGenActs;

void   cg_gen_dims_from_config   (CgGenDims *dims, const CgCganConfig *config, guint n_users,
                                  guint n_items);
gsize  cg_generator_n_params     (const CgGenDims *dims);
/* The leading part of the buffer that training updates (everything but B). */
gsize  cg_generator_n_trainable  (const CgGenDims *dims);
/* Points the views of params into buf (cg_generator_n_params floats). */
void   cg_generator_bind         (CgGenParams *params, float *buf, const CgGenDims *dims);
/* The same for a buffer of the trainable part only (gradients, Adam's moments): item_w is
 * NULL. */
void   cg_generator_bind_trainable (CgGenParams *params, float *buf, const CgGenDims *dims);
/* PyTorch's defaults: embeddings N(0, 1), Linear U(±1/√fan_in). */
void   cg_generator_init         (CgGenParams *params, const CgGenDims *dims, CgRng *rng);

/* training FALSE: only what a forward without logits needs (scoring writes its own). */
void   cg_gen_acts_init          (CgGenActs *acts, const CgGenDims *dims, guint max_batch,
                                  gboolean training);
void   cg_gen_acts_clear         (CgGenActs *acts);

/* The user embedding into acts->x's first E columns (and emb_pre). users (B) are used in
 * id mode; the bags (offsets (B + 1), items) in history mode. */
void   cg_generator_embed        (CgGenActs *acts, const CgGenParams *params,
                                  const CgGenDims *dims, const guint32 *users,
                                  const guint32 *offsets, const guint32 *items, guint B);
/* One user's embedding into out (E): the table row of user (id mode) or the bag of the
 * n_items items (history mode). */
void   cg_generator_embed_one    (float *out, const CgGenParams *params, const CgGenDims *dims,
                                  guint32 user, const guint32 *items, guint n_items);
/* Given acts->x's embedding columns, copies noise (B, Z) in and computes h_pre, h and
 * (when logits is TRUE) the logits. */
void   cg_generator_forward_from_embedding (CgGenActs *acts, const CgGenParams *params,
                                            const CgGenDims *dims, const float *noise,
                                            guint B, gboolean logits);
/* embed + forward_from_embedding. */
void   cg_generator_forward      (CgGenActs *acts, const CgGenParams *params,
                                  const CgGenDims *dims, const guint32 *users,
                                  const guint32 *offsets, const guint32 *items,
                                  const float *noise, guint B);
/* Accumulates ∂loss/∂params into grads given d_logits (B, I). Same inputs as the forward. */
void   cg_generator_backward     (CgGenParams *grads, CgGenActs *acts,
                                  const CgGenParams *params, const CgGenDims *dims,
                                  const float *d_logits, const guint32 *users,
                                  const guint32 *offsets, const guint32 *items, guint B);

/* The rest of the backward, from ∂loss/∂h already in acts->d_h (B, H): for an output
 * layer taken elsewhere (the sampled softmax, cg-sampled.h). */
void   cg_generator_backward_from_hidden (CgGenParams *grads, CgGenActs *acts,
                                          const CgGenParams *params, const CgGenDims *dims,
                                          const guint32 *users, const guint32 *offsets,
                                          const guint32 *items, guint B);
/* The item–item path: out (B, I) = (accumulate ? out : 0) + α · scale · Σ_{j ∈ bag b} B[j]
 * (mixed with B_short by the bag's length, with item_short) for the bags (offsets (B + 1), items) — scale 1 when scoring, 1/(1 − dropout) for a
 * bag thinned by input dropout, so that its expected sum is the whole bag's. Nothing
 * without an item–item path (out is zeroed unless accumulating). */
void   cg_generator_item_scores  (float *out, const CgGenParams *params, const CgGenDims *dims,
                                  const guint32 *offsets, const guint32 *items, guint B,
                                  float scale, gboolean accumulate);
/* Its backward: grad_b (I, I) += ∂loss/∂B (the first B; the second is fixed), given d_logits (B, I) = ∂loss/∂(G's logits) of the
 * same bags and scale, with B's diagonal (always 0) getting no gradient. */
void   cg_generator_item_scores_backward (float *grad_b, const CgGenDims *dims,
                                          const guint32 *offsets, const guint32 *items,
                                          guint B, const float *d_logits, float scale);

/* The share m of a bag of n movies that the second B scores (0 without one). */
float  cg_generator_item_short_share (const CgGenDims *dims, guint n);

/* FLOPs of a forward over B users (dense layers only). */
double cg_generator_flops        (const CgGenDims *dims, guint B);

G_END_DECLS
