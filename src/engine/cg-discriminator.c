/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-discriminator.c: D's parameters, its pair forward/backward, and D over all items.
 */
#include "cg-discriminator.h"

#include <math.h>
#include <string.h>

#include "cg-dense.h"
#include "cg-embedding.h"
#include "cg-gemm.h"
#include "cg-simd.h"
#include "cg-team.h"

void
cg_disc_dims_from_config (CgDiscDims         *dims,
                          const CgCganConfig *config,
                          guint               n_users,
                          guint               n_items)
{
  dims->n_users = n_users;
  dims->n_items = n_items;
  dims->embed_dim = config->embed_dim;
  dims->hidden_dim = config->hidden_dim;
}

/* ---- parameters ---- */

gsize
cg_discriminator_n_params (const CgDiscDims *d)
{
  gsize E = d->embed_dim, H = d->hidden_dim;

  return (gsize) d->n_users * E + (gsize) d->n_items * E + 2 * H * E + H + H + 1;
}

void
cg_discriminator_bind (CgDiscParams     *p,
                       float            *buf,
                       const CgDiscDims *d)
{
  gsize E = d->embed_dim, H = d->hidden_dim;
  float *at = buf;

  p->user = at; at += (gsize) d->n_users * E;
  p->item = at; at += (gsize) d->n_items * E;
  p->w1u = at; at += H * E;
  p->w1i = at; at += H * E;
  p->b1 = at; at += H;
  p->w2 = at; at += H;
  p->b2 = at; at += 1;
  g_assert ((gsize) (at - buf) == cg_discriminator_n_params (d));
}

void
cg_discriminator_init (CgDiscParams     *p,
                       const CgDiscDims *d,
                       CgRng            *rng)
{
  gsize E = d->embed_dim, H = d->hidden_dim;
  float bound1 = 1.0f / sqrtf (2.0f * E);
  float bound2 = 1.0f / sqrtf ((float) H);

  cg_rng_fill_normal (rng, p->user, (gsize) d->n_users * E, 1.0f);
  cg_rng_fill_normal (rng, p->item, (gsize) d->n_items * E, 1.0f);
  cg_rng_fill_uniform (rng, p->w1u, H * E, bound1);
  cg_rng_fill_uniform (rng, p->w1i, H * E, bound1);
  cg_rng_fill_uniform (rng, p->b1, H, bound1);
  cg_rng_fill_uniform (rng, p->w2, H, bound2);
  cg_rng_fill_uniform (rng, p->b2, 1, bound2);
}

/* ---- pairs: forward / backward ---- */

void
cg_disc_acts_init (CgDiscActs       *a,
                   const CgDiscDims *d,
                   guint             max_pairs)
{
  gsize N = max_pairs, E = d->embed_dim, H = d->hidden_dim;
  gsize NU = MIN (N, d->n_users), NI = MIN (N, d->n_items);

  memset (a, 0, sizeof *a);
  a->max_pairs = max_pairs;
  a->user_slot = g_new (gint32, d->n_users);
  a->item_slot = g_new (gint32, d->n_items);
  memset (a->user_slot, 0xff, d->n_users * sizeof (gint32));
  memset (a->item_slot, 0xff, d->n_items * sizeof (gint32));
  a->users = g_new0 (guint32, NU);
  a->items = g_new0 (guint32, NI);
  a->pair_user = g_new0 (guint32, N);
  a->pair_item = g_new0 (guint32, N);
  a->pu = g_new0 (float, NU * E);
  a->qi = g_new0 (float, NI * E);
  /* Threads split the rows below by hidden units: rows must start on a cache line, or the
   * two threads would write the line at their boundary for every pair. */
  a->U = cg_lines_alloc (NU * H);
  a->T = cg_lines_alloc (NI * H);
  a->logits = g_new0 (float, N);
  a->d_pu = g_new0 (float, NU * E);
  a->d_qi = g_new0 (float, NI * E);
  a->d_U = cg_lines_alloc (NU * H);
  a->d_T = cg_lines_alloc (NI * H);
  a->d_w2 = cg_lines_alloc (H);
}

void
cg_disc_acts_clear (CgDiscActs *a)
{
  g_free (a->user_slot);
  g_free (a->item_slot);
  g_free (a->users);
  g_free (a->items);
  g_free (a->pair_user);
  g_free (a->pair_item);
  g_free (a->pu);
  g_free (a->qi);
  g_aligned_free (a->U);
  g_aligned_free (a->T);
  g_free (a->logits);
  g_free (a->d_pu);
  g_free (a->d_qi);
  g_aligned_free (a->d_U);
  g_aligned_free (a->d_T);
  g_aligned_free (a->d_w2);
  memset (a, 0, sizeof *a);
}

/* Distinct values of keys[0..N) in first-seen order into out, each key's slot into
 * slot_of_pair; slots is a −1-filled map, left −1-filled again. Returns how many. */
static guint
dedupe (guint32       *out,
        guint32       *slot_of_pair,
        gint32        *slots,
        const guint32 *keys,
        guint          N)
{
  guint n = 0;

  for (guint k = 0; k < N; k++)
    {
      if (slots[keys[k]] < 0)
        {
          slots[keys[k]] = (gint32) n;
          out[n++] = keys[k];
        }
      slot_of_pair[k] = (guint32) slots[keys[k]];
    }
  for (guint k = 0; k < n; k++)
    slots[out[k]] = -1;
  return n;
}

/* Items per register block of the all-items kernel: four chunks of sixteen floats. */
#define ITEM_BLOCK 64

/* The fused pair kernels and the all-items kernel, per width. */
#define CG_SIMD_KERNELS "cg-discriminator-kernels.h"
#include "cg-simd-widths.h"

/* The pair kernels' arguments, for the team's shares. */
typedef struct
{
  CgDiscActs         *acts;
  const CgDiscParams *params;
  const float        *d_logits;
  guint               N, H;
} PairsJob;

static void
pairs_forward_range (gpointer data,
                     gsize    n0,
                     gsize    n1)
{
  const PairsJob *j = data;
  CgDiscActs *a = j->acts;

  CG_SIMD_PICK (pairs_forward) (a->logits, a->U, a->T, a->pair_user, a->pair_item,
                                j->params->w2, j->params->b2[0], n0, n1, j->H);
}

/* D's first layer and its backward in two sides, the users' (share 0) and the items'
 * (share 1), for the team: each side's rows — P_u, U, d_U and their gradients, or the
 * items' — are then made, used and written by one thread through the whole step, instead
 * of travelling between the cores at each of its loops (split by rows, by hidden units and
 * by rows again, half of every loop's lines were last written by the other core; across
 * cores the pair backward alone took 430–540 µs a D step on ML-100K against 150 µs on one
 * thread). The sides are unequal (the items have more rows), but each runs at one core's
 * speed on its own lines. */
typedef struct
{
  CgDiscParams       *grads;
  CgDiscActs         *acts;
  const CgDiscParams *params;
  const float        *d_logits;
  guint               N, E, H;
} SidesJob;

static void
forward_side (gpointer data,
              guint    side)
{
  const SidesJob *j = data;
  CgDiscActs *a = j->acts;
  const CgDiscParams *p = j->params;

  guint E = j->E, H = j->H;
  /* The items' side has more rows: the users' side also makes the first of them, as many
   * as evens the two out (rows are independent here; the backward reads them where they
   * are). */
  guint lent = a->n_items > a->n_users ? (a->n_items - a->n_users) / 2 : 0;
  guint i0 = side == 0 ? 0 : lent, i1 = side == 0 ? lent : a->n_items;

  if (side == 0)
    {
      cg_embedding_forward (a->pu, p->user, a->users, a->n_users, E);
      cg_dense_forward (a->U, a->pu, p->w1u, p->b1, a->n_users, E, H);
    }
  cg_embedding_forward (a->qi + (gsize) i0 * E, p->item, a->items + i0, i1 - i0, E);
  cg_dense_forward (a->T + (gsize) i0 * H, a->qi + (gsize) i0 * E, p->w1i, NULL, i1 - i0, E, H);
}

/* side 0, 1 or 2 for both at once (one pass over the pairs instead of two). */
static void
backward_side (gpointer data,
               guint    side)
{
  const SidesJob *j = data;
  CgDiscActs *a = j->acts;
  const CgDiscParams *p = j->params;
  CgDiscParams *g = j->grads;
  guint E = j->E, H = j->H;

  CG_SIMD_PICK (pairs_backward) (a->d_U, a->d_T, a->d_w2, a->U, a->T, j->d_logits,
                                 a->pair_user, a->pair_item, p->w2, j->N, H, side != 1,
                                 side != 0);
  if (side != 1)
    {
      cg_dense_backward (a->d_pu, g->w1u, g->b1, a->d_U, a->pu, p->w1u, a->n_users, E, H);
      cg_embedding_backward (g->user, a->d_pu, a->users, a->n_users, E);
    }
  if (side != 0)
    {
      cg_dense_backward (a->d_qi, g->w1i, NULL, a->d_T, a->qi, p->w1i, a->n_items, E, H);
      cg_embedding_backward (g->item, a->d_qi, a->items, a->n_items, E);
    }
}

void
cg_discriminator_forward (CgDiscActs         *a,
                          const CgDiscParams *p,
                          const CgDiscDims   *d,
                          const guint32      *users,
                          const guint32      *items,
                          guint               N)
{
  guint E = d->embed_dim, H = d->hidden_dim;
  PairsJob job = { a, p, NULL, N, H };
  SidesJob sides = { NULL, a, p, NULL, N, E, H };

  g_assert (N <= a->max_pairs);
  a->n_users = dedupe (a->users, a->pair_user, a->user_slot, users, N);
  a->n_items = dedupe (a->items, a->pair_item, a->item_slot, items, N);

  /* The two halves of Linear(2E → H), once per distinct user and item. */
  cg_team_run (2, forward_side, &sides);
  cg_team_for ((gsize) N * H >= CG_PARALLEL_MIN, N, 1, CG_SHARES_PER_THREAD,
               pairs_forward_range, &job);
}

void
cg_discriminator_backward (CgDiscParams       *g,
                           CgDiscActs         *a,
                           const CgDiscParams *p,
                           const CgDiscDims   *d,
                           const float        *d_logits,
                           const guint32      *users,
                           const guint32      *items,
                           guint               N)
{
  guint E = d->embed_dim, H = d->hidden_dim;
  guint NU = a->n_users, NI = a->n_items;
  SidesJob sides = { g, a, p, d_logits, N, E, H };

  g_assert (N <= a->max_pairs);
  memset (a->d_pu, 0, (gsize) NU * E * sizeof (float));
  memset (a->d_qi, 0, (gsize) NI * E * sizeof (float));
  memset (a->d_w2, 0, H * sizeof (float));

  /* ∂L/∂w2 is summed in the aligned scratch, not in the gradient buffer, whose w2 does not
   * start on a line. */
  if (cg_team_size () > 1)
    cg_team_run (2, backward_side, &sides);
  else
    backward_side (&sides, 2);
  for (guint j = 0; j < H; j++)
    g->w2[j] += a->d_w2[j];
  {
    double sum_g = 0.0;

    for (guint n = 0; n < N; n++)
      sum_g += d_logits[n];
    g->b2[0] += (float) sum_g;
  }
}

/* ---- all items for a batch of users ---- */

/* Shares per thread of the items, in both the item half and the kernel. */
#define ITEM_SHARES_PER_THREAD 1

static guint
padded_items (guint n_items)
{
  return (n_items + ITEM_BLOCK - 1) / ITEM_BLOCK * ITEM_BLOCK;
}

void
cg_disc_all_items_init (CgDiscAllItems   *ws,
                        const CgDiscDims *d,
                        guint             max_batch)
{
  memset (ws, 0, sizeof *ws);
  ws->max_batch = max_batch;
  ws->stride = padded_items (d->n_items);
  /* Zeroed once: the padding columns stay 0, sgemm only writes the first I. */
  ws->item_part = g_new0 (float, (gsize) d->hidden_dim * ws->stride);
  ws->pu = g_new0 (float, (gsize) max_batch * d->embed_dim);
  ws->user_part = g_new0 (float, (gsize) max_batch * d->hidden_dim);
}

void
cg_disc_all_items_clear (CgDiscAllItems *ws)
{
  g_free (ws->item_part);
  g_free (ws->pu);
  g_free (ws->user_part);
  memset (ws, 0, sizeof *ws);
}

typedef struct
{
  CgDiscAllItems     *ws;
  const CgDiscParams *params;
  const CgDiscDims   *dims;
  float              *logits;
  guint               B;
} AllItemsJob;

static void
prepare_range (gpointer data,
               gsize    i0,
               gsize    i1)
{
  const AllItemsJob *j = data;
  guint E = j->dims->embed_dim;

  cg_gemm (FALSE, TRUE, j->dims->hidden_dim, (guint) (i1 - i0), E, j->params->w1i, E,
           j->params->item + i0 * E, E, 0.0f, j->ws->item_part + i0, j->ws->stride);
}

void
cg_discriminator_prepare_items (CgDiscAllItems     *ws,
                                const CgDiscParams *p,
                                const CgDiscDims   *d)
{
  AllItemsJob job = { ws, p, d, NULL, 0 };

  /* item_part (H, I) = W1i (H, E) · item (I, E)ᵀ, rows padded to ws->stride (which
   * cg_dense_forward has no room for). Threads take blocks of items, the same blocks as
   * cg_discriminator_all_items, so that each thread mostly reads back the columns it made
   * itself rather than fetching them from the other core. */
  cg_team_for (cg_dense_can_split (), d->n_items, ITEM_BLOCK, ITEM_SHARES_PER_THREAD,
               prepare_range, &job);
}

static void
all_items_range (gpointer data,
                 gsize    i0,
                 gsize    i1)
{
  const AllItemsJob *j = data;

  CG_SIMD_PICK (all_items_kernel) (j->logits, j->ws->item_part, j->ws->stride,
                                   j->ws->user_part, j->params->w2, j->params->b2[0], j->B,
                                   j->dims->hidden_dim, j->dims->n_items, (guint) i0,
                                   (guint) i1);
}

void
cg_discriminator_all_items (float              *logits,
                            CgDiscAllItems     *ws,
                            const CgDiscParams *p,
                            const CgDiscDims   *d,
                            const guint32      *users,
                            guint               B)
{
  guint E = d->embed_dim, H = d->hidden_dim;
  AllItemsJob job = { ws, p, d, logits, B };

  g_assert (B <= ws->max_batch);
  cg_embedding_forward (ws->pu, p->user, users, B, E);
  cg_dense_forward (ws->user_part, ws->pu, p->w1u, p->b1, B, E, H);
  /* Threads take whole blocks of items, those of cg_discriminator_prepare_items. */
  cg_team_for (cg_dense_can_split (), d->n_items, ITEM_BLOCK, ITEM_SHARES_PER_THREAD,
               all_items_range, &job);
}

/* ---- FLOP counts (multiply-adds count 2) ---- */

double
cg_discriminator_pair_flops (const CgDiscDims *d,
                             guint             N,
                             guint             n_users,
                             guint             n_items)
{
  /* Both first-layer halves on the distinct rows, the per-pair add and leaky slope, the
   * output layer. */
  return cg_dense_flops (n_users, d->embed_dim, d->hidden_dim)
         + cg_dense_flops (n_items, d->embed_dim, d->hidden_dim)
         + 2.0 * N * (double) d->hidden_dim
         + cg_dense_flops (N, d->hidden_dim, 1);
}

double
cg_discriminator_prepare_flops (const CgDiscDims *d)
{
  return cg_dense_flops (d->n_items, d->embed_dim, d->hidden_dim);
}

double
cg_discriminator_all_items_flops (const CgDiscDims *d,
                                  guint             B)
{
  /* Per (user, item, hidden): the add, the slope multiply and the multiply-add. */
  return cg_dense_flops (B, d->embed_dim, d->hidden_dim)
         + 4.0 * B * (double) d->n_items * d->hidden_dim;
}
