/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-discriminator.h: the discriminator D(u, i) → P(the pair is real).
 *
 *   a   = W1u p_u + W1i q_i + b1      (H)   — Linear(2E → H) on p_u ‖ q_i, split in halves
 *   h   = LeakyReLU_0.2 (a)
 *   s   = w2 · h + b2                        D(u, i) = σ(s)
 *
 * Splitting the first layer is what makes the generator's exact expected loss affordable:
 * the item half W1i q_i is one (H, I) product per step, shared by every user, so D over all
 * items for one user costs I·H adds and multiply-adds instead of I·H·2E.
 *
 * Letters: U users, I items, E embedding, H hidden, N pairs, B users. Parameters in one
 * buffer laid out as CgDiscParams lists them.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"
#include "cg-rng.h"

G_BEGIN_DECLS

#define CG_DISC_LEAKY_SLOPE 0.2f

typedef struct
{
  guint n_users;    /* U */
  guint n_items;    /* I */
  guint embed_dim;  /* E */
  guint hidden_dim; /* H */
} CgDiscDims;

typedef struct
{
  float *user;  /* (U, E) */
  float *item;  /* (I, E) */
  float *w1u;   /* (H, E) user half of the first layer */
  float *w1i;   /* (H, E) item half */
  float *b1;    /* (H) */
  float *w2;    /* (1, H) */
  float *b2;    /* (1) */
} CgDiscParams;

/* Activations of a forward over up to max_pairs pairs. The first layer runs once per
 * distinct user and once per distinct item of the pairs (a batch has ~20 users and a few
 * hundred items for ~2000 pairs), then each pair adds its user's and its item's rows:
 * a_n = U[user slot] + T[item slot]. */
typedef struct
{
  guint    max_pairs;
  gint32  *user_slot;  /* (U) user → row of pu/U, −1 when absent; all −1 between calls */
  gint32  *item_slot;  /* (I) */
  guint32 *users;      /* (n_users) distinct users of the pairs, first-seen order */
  guint32 *items;      /* (n_items) distinct items */
  guint    n_users, n_items;
  guint32 *pair_user;  /* (N) slot of each pair's user */
  guint32 *pair_item;  /* (N) slot of each pair's item */
  float   *pu;         /* (n_users, E) */
  float   *qi;         /* (n_items, E) */
  float   *U;          /* (n_users, H) W1u p_u + b1 */
  float   *T;          /* (n_items, H) W1i q_i; a pair's pre-activation is U + T, formed
                        * again by the backward rather than kept */
  float   *logits;     /* (N) */
  float   *d_pu;       /* (n_users, E) */
  float   *d_qi;       /* (n_items, E) */
  float   *d_U;        /* (n_users, H) */
  float   *d_T;        /* (n_items, H) */
  float   *d_w2;       /* (H) ∂L/∂w2, summed apart from the gradient buffer */
} CgDiscActs;

/* Scratch of D over all items for a batch of users. */
typedef struct
{
  guint  max_batch;
  guint  stride;     /* I rounded up to the kernel's block of items */
  float *item_part;  /* (H, stride) W1i · itemᵀ, transposed so the inner loop runs over items */
  float *pu;         /* (B, E) */
  float *user_part;  /* (B, H) W1u p_u + b1 */
} CgDiscAllItems;

void   cg_disc_dims_from_config   (CgDiscDims *dims, const CgCganConfig *config,
                                   guint n_users, guint n_items);
gsize  cg_discriminator_n_params  (const CgDiscDims *dims);
void   cg_discriminator_bind      (CgDiscParams *params, float *buf, const CgDiscDims *dims);
/* PyTorch's defaults: embeddings N(0, 1), Linear U(±1/√fan_in) with fan_in 2E then H. */
void   cg_discriminator_init      (CgDiscParams *params, const CgDiscDims *dims, CgRng *rng);

void   cg_disc_acts_init          (CgDiscActs *acts, const CgDiscDims *dims, guint max_pairs);
void   cg_disc_acts_clear         (CgDiscActs *acts);

/* acts->logits (N) for the pairs (users[n], items[n]). */
void   cg_discriminator_forward   (CgDiscActs *acts, const CgDiscParams *params,
                                   const CgDiscDims *dims, const guint32 *users,
                                   const guint32 *items, guint N);
void   cg_discriminator_backward  (CgDiscParams *grads, CgDiscActs *acts,
                                   const CgDiscParams *params, const CgDiscDims *dims,
                                   const float *d_logits, const guint32 *users,
                                   const guint32 *items, guint N);

void   cg_disc_all_items_init     (CgDiscAllItems *ws, const CgDiscDims *dims, guint max_batch);
void   cg_disc_all_items_clear    (CgDiscAllItems *ws);
/* The item half for the current parameters; call again after every D update. */
void   cg_discriminator_prepare_items (CgDiscAllItems *ws, const CgDiscParams *params,
                                       const CgDiscDims *dims);
/* logits (B, I): D's logit for every (users[b], item). Needs prepare_items. */
void   cg_discriminator_all_items (float *logits, CgDiscAllItems *ws,
                                   const CgDiscParams *params, const CgDiscDims *dims,
                                   const guint32 *users, guint B);

/* Of a forward over N pairs with n_users distinct users and n_items distinct items. */
double cg_discriminator_pair_flops      (const CgDiscDims *dims, guint N, guint n_users,
                                         guint n_items);
double cg_discriminator_prepare_flops   (const CgDiscDims *dims);
double cg_discriminator_all_items_flops (const CgDiscDims *dims, guint B);

G_END_DECLS
