/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-generator.c: G's parameters, forward and backward.
 */
#include "cg-generator.h"

#include <math.h>
#include <string.h>

#include "cg-activations.h"
#include "cg-dense.h"
#include "cg-embedding.h"
#include "cg-simd.h"
#include "cg-team.h"

void
cg_gen_dims_from_config (CgGenDims          *dims,
                         const CgCganConfig *config,
                         guint               n_users,
                         guint               n_items)
{
  dims->n_users = n_users;
  dims->n_items = n_items;
  dims->embed_dim = config->embed_dim;
  dims->noise_dim = config->noise_dim;
  dims->hidden_dim = config->hidden_dim;
  dims->mode = config->user_mode;
  dims->act = config->history_act;
  /* The path adds a dense (B, I) term to every logit, which the sampled softmax's
   * candidate set cannot stand in for. */
  dims->item_path = config->item_weight > 0.0 && config->user_mode == CG_USER_EMBEDDING_HISTORY
                    && n_items <= CG_ITEM_PATH_MAX_ITEMS
                    && !cg_cgan_config_sampled (config, n_items);
  dims->item_weight = dims->item_path ? (float) config->item_weight : 0.0f;
  dims->item_learns = dims->item_path && config->item_learning_rate > 0.0
                      && config->item_learning_epochs > 0
                      && n_items <= CG_ITEM_LEARNING_MAX_ITEMS;
  dims->item_short = dims->item_path && config->item_short_lambda > 0.0;
  dims->item_short_bag = (float) config->item_short_bag;
}

/* ---- parameters ---- */

gsize
cg_generator_n_trainable (const CgGenDims *d)
{
  gsize E = d->embed_dim, Z = d->noise_dim, H = d->hidden_dim, I = d->n_items;
  gsize table = d->mode == CG_USER_EMBEDDING_ID ? (gsize) d->n_users * E : I * E;

  return table + H * (E + Z) + H + I * H + I;
}

gsize
cg_generator_n_params (const CgGenDims *d)
{
  gsize I = d->n_items;

  return cg_generator_n_trainable (d) + (d->item_path ? I * I : 0)
         + (d->item_short ? I * I : 0);
}

static void
bind_views (CgGenParams     *p,
            float           *buf,
            const CgGenDims *d,
            gboolean         with_item_path)
{
  gsize E = d->embed_dim, Z = d->noise_dim, H = d->hidden_dim, I = d->n_items;
  float *at = buf;

  if (d->mode == CG_USER_EMBEDDING_ID)
    {
      p->user = at; at += (gsize) d->n_users * E;
      p->item = NULL;
    }
  else
    {
      p->user = NULL;
      p->item = at; at += I * E;
    }
  p->w1 = at; at += H * (E + Z);
  p->b1 = at; at += H;
  p->w2 = at; at += I * H;
  p->b2 = at; at += I;
  p->item_w = NULL;
  p->item_ws = NULL;
  if (with_item_path && d->item_path)
    {
      p->item_w = at;
      at += I * I;
    }
  if (with_item_path && d->item_short)
    {
      p->item_ws = at;
      at += I * I;
    }
  g_assert ((gsize) (at - buf) == (with_item_path ? cg_generator_n_params (d)
                                                  : cg_generator_n_trainable (d)));
}

void
cg_generator_bind (CgGenParams     *p,
                   float           *buf,
                   const CgGenDims *d)
{
  bind_views (p, buf, d, TRUE);
}

void
cg_generator_bind_trainable (CgGenParams     *p,
                             float           *buf,
                             const CgGenDims *d)
{
  bind_views (p, buf, d, FALSE);
}

void
cg_generator_init (CgGenParams     *p,
                   const CgGenDims *d,
                   CgRng           *rng)
{
  gsize E = d->embed_dim, Z = d->noise_dim, H = d->hidden_dim, I = d->n_items;
  float bound1 = 1.0f / sqrtf ((float) (E + Z));
  float bound2 = 1.0f / sqrtf ((float) H);

  if (p->user != NULL)
    cg_rng_fill_normal (rng, p->user, (gsize) d->n_users * E, 1.0f);
  if (p->item != NULL)
    cg_rng_fill_normal (rng, p->item, I * E, 1.0f);
  cg_rng_fill_uniform (rng, p->w1, H * (E + Z), bound1);
  cg_rng_fill_uniform (rng, p->b1, H, bound1);
  cg_rng_fill_uniform (rng, p->w2, I * H, bound2);
  cg_rng_fill_uniform (rng, p->b2, I, bound2);
}

/* ---- activations ---- */

void
cg_gen_acts_init (CgGenActs       *a,
                  const CgGenDims *d,
                  guint            max_batch,
                  gboolean         training)
{
  gsize B = max_batch, E = d->embed_dim, Z = d->noise_dim, H = d->hidden_dim;

  memset (a, 0, sizeof *a);
  a->max_batch = max_batch;
  a->emb_pre = g_new0 (float, B * E);
  a->x = g_new0 (float, B * (E + Z));
  a->h_pre = g_new0 (float, B * H);
  a->h = g_new0 (float, B * H);
  if (!training)
    return;
  a->logits = g_new0 (float, B * d->n_items);
  a->d_x = g_new0 (float, B * (E + Z));
  a->d_emb = g_new0 (float, B * E);
  a->d_h = g_new0 (float, B * H);
  a->d_h_pre = g_new0 (float, B * H);
}

void
cg_gen_acts_clear (CgGenActs *a)
{
  g_free (a->emb_pre);
  g_free (a->x);
  g_free (a->h_pre);
  g_free (a->h);
  g_free (a->logits);
  g_free (a->d_x);
  g_free (a->d_emb);
  g_free (a->d_h);
  g_free (a->d_h_pre);
  memset (a, 0, sizeof *a);
}

/* ---- forward / backward ---- */

static void
apply_history_act (float           *out,
                   const float     *in,
                   const CgGenDims *d,
                   guint            E)
{
  if (d->mode == CG_USER_EMBEDDING_ID || d->act == CG_HISTORY_ACT_NONE)
    {
      if (out != in)
        memcpy (out, in, E * sizeof (float));
    }
  else if (d->act == CG_HISTORY_ACT_TANH)
    cg_tanh_forward (out, in, E);
  else
    cg_relu_forward (out, in, E);
}

typedef struct
{
  CgGenActs         *acts;
  const CgGenParams *params;
  const CgGenDims   *dims;
  const guint32     *users, *offsets, *items;
} EmbedJob;

static void
embed_range (gpointer data,
             gsize    b0,
             gsize    b1)
{
  const EmbedJob *j = data;
  const CgGenDims *d = j->dims;
  guint E = d->embed_dim, X = d->embed_dim + d->noise_dim;
  float *pre = j->acts->emb_pre + b0 * E;

  if (d->mode == CG_USER_EMBEDDING_ID)
    cg_embedding_forward (pre, j->params->user, j->users + b0, (guint) (b1 - b0), E);
  else
    cg_bag_forward (pre, j->params->item, j->offsets + b0, j->items, (guint) (b1 - b0), E);
  for (gsize b = b0; b < b1; b++)
    apply_history_act (j->acts->x + b * X, j->acts->emb_pre + b * E, d, E);
}

void
cg_generator_embed (CgGenActs         *a,
                    const CgGenParams *p,
                    const CgGenDims   *d,
                    const guint32     *users,
                    const guint32     *offsets,
                    const guint32     *items,
                    guint              B)
{
  EmbedJob job = { a, p, d, users, offsets, items };

  g_assert (B <= a->max_batch);
  /* Users are independent: threads take shares of them (a bag of a few dozen rows and a
   * tanh per user add up to a millisecond for all users on one thread). */
  cg_team_for ((gsize) B * d->embed_dim >= CG_PARALLEL_MIN / 8, B, 1, CG_SHARES_PER_THREAD,
               embed_range, &job);
}

void
cg_generator_embed_one (float             *out,
                        const CgGenParams *p,
                        const CgGenDims   *d,
                        guint32            user,
                        const guint32     *items,
                        guint              n_items)
{
  guint E = d->embed_dim;

  if (d->mode == CG_USER_EMBEDDING_ID)
    {
      g_assert (user < d->n_users);
      memcpy (out, p->user + (gsize) user * E, E * sizeof (float));
    }
  else
    {
      guint32 offsets[2] = { 0, n_items };

      cg_bag_forward (out, p->item, offsets, items, 1, E);
      apply_history_act (out, out, d, E);
    }
}

void
cg_generator_forward_from_embedding (CgGenActs         *a,
                                     const CgGenParams *p,
                                     const CgGenDims   *d,
                                     const float       *noise,
                                     guint              B,
                                     gboolean           logits)
{
  guint E = d->embed_dim, Z = d->noise_dim, H = d->hidden_dim, X = E + Z;

  g_assert (B <= a->max_batch);
  for (guint b = 0; b < B && Z > 0; b++)
    memcpy (a->x + (gsize) b * X + E, noise + (gsize) b * Z, Z * sizeof (float));
  cg_dense_forward (a->h_pre, a->x, p->w1, p->b1, B, X, H);
  cg_relu_forward (a->h, a->h_pre, (gsize) B * H);
  if (logits)
    cg_dense_forward (a->logits, a->h, p->w2, p->b2, B, H, d->n_items);
}

void
cg_generator_forward (CgGenActs         *a,
                      const CgGenParams *p,
                      const CgGenDims   *d,
                      const guint32     *users,
                      const guint32     *offsets,
                      const guint32     *items,
                      const float       *noise,
                      guint              B)
{
  cg_generator_embed (a, p, d, users, offsets, items, B);
  cg_generator_forward_from_embedding (a, p, d, noise, B, TRUE);
}

void
cg_generator_backward (CgGenParams       *g,
                       CgGenActs         *a,
                       const CgGenParams *p,
                       const CgGenDims   *d,
                       const float       *d_logits,
                       const guint32     *users,
                       const guint32     *offsets,
                       const guint32     *items,
                       guint              B)
{
  guint H = d->hidden_dim;

  g_assert (B <= a->max_batch);
  /* The scratch gradients are per call; only the parameter gradients accumulate. */
  memset (a->d_h, 0, (gsize) B * H * sizeof (float));
  cg_dense_backward (a->d_h, g->w2, g->b2, d_logits, a->h, p->w2, B, H, d->n_items);
  cg_generator_backward_from_hidden (g, a, p, d, users, offsets, items, B);
}

void
cg_generator_backward_from_hidden (CgGenParams       *g,
                                   CgGenActs         *a,
                                   const CgGenParams *p,
                                   const CgGenDims   *d,
                                   const guint32     *users,
                                   const guint32     *offsets,
                                   const guint32     *items,
                                   guint              B)
{
  guint E = d->embed_dim, Z = d->noise_dim, H = d->hidden_dim, X = E + Z;

  g_assert (B <= a->max_batch);
  memset (a->d_h_pre, 0, (gsize) B * H * sizeof (float));
  memset (a->d_x, 0, (gsize) B * X * sizeof (float));
  memset (a->d_emb, 0, (gsize) B * E * sizeof (float));

  cg_relu_backward (a->d_h_pre, a->d_h, a->h_pre, (gsize) B * H);
  cg_dense_backward (a->d_x, g->w1, g->b1, a->d_h_pre, a->x, p->w1, B, X, H);

  /* The noise needs no gradient: keep the embedding columns of d_x. */
  for (guint b = 0; b < B; b++)
    {
      const float *dx = a->d_x + (gsize) b * X;
      float *de = a->d_emb + (gsize) b * E;

      if (d->mode == CG_USER_EMBEDDING_ID || d->act == CG_HISTORY_ACT_NONE)
        memcpy (de, dx, E * sizeof (float));
      else if (d->act == CG_HISTORY_ACT_TANH)
        cg_tanh_backward (de, dx, a->x + (gsize) b * X, E);
      else
        cg_relu_backward (de, dx, a->emb_pre + (gsize) b * E, E);
    }

  if (d->mode == CG_USER_EMBEDDING_ID)
    cg_embedding_backward (g->user, a->d_emb, users, B, E);
  else
    cg_bag_backward (g->item, a->d_emb, offsets, items, B, E);
}

/* ---- the item–item path ---- */

#define CG_SIMD_KERNELS "cg-simd-axpy.h"
#include "cg-simd-widths.h"

/* out (n) += w · row (n), at the machine's width. */
static void
axpy (float       *out,
      const float *row,
      float        w,
      gsize        n)
{
  CG_SIMD_PICK (cg_simd_axpy) (out, row, w, n);
}

/* Columns of B's gradient per share of the work. */
#define ITEM_GRAD_COLS 64

typedef struct
{
  float             *out;
  const CgGenParams *params;
  const CgGenDims   *dims;
  const guint32     *offsets, *items;
  float              w;
  gboolean           accumulate;
} ItemJob;

static void
item_scores_range (gpointer data,
                   gsize    b0,
                   gsize    b1)
{
  const ItemJob *j = data;
  gsize I = j->dims->n_items;

  for (gsize b = b0; b < b1; b++)
    {
      float *out = j->out + b * I;

      float m = cg_generator_item_short_share (j->dims, j->offsets[b + 1] - j->offsets[b]);

      if (!j->accumulate)
        memset (out, 0, I * sizeof (float));
      for (guint32 t = j->offsets[b]; t < j->offsets[b + 1]; t++)
        {
          axpy (out, j->params->item_w + (gsize) j->items[t] * I, j->w * (1.0f - m), I);
          if (m > 0.0f)
            axpy (out, j->params->item_ws + (gsize) j->items[t] * I, j->w * m, I);
        }
    }
}

float
cg_generator_item_short_share (const CgGenDims *d,
                               guint            n)
{
  float n0 = d->item_short_bag;

  if (!d->item_short)
    return 0.0f;
  return n0 * n0 / (n0 * n0 + (float) n * (float) n);
}

void
cg_generator_item_scores (float             *out,
                          const CgGenParams *p,
                          const CgGenDims   *d,
                          const guint32     *offsets,
                          const guint32     *items,
                          guint              B,
                          float              scale,
                          gboolean           accumulate)
{
  ItemJob job = { out, p, d, offsets, items, d->item_weight * scale, accumulate };

  if (!d->item_path)
    {
      if (!accumulate)
        memset (out, 0, (gsize) B * d->n_items * sizeof (float));
      return;
    }
  g_assert (p->item_w != NULL && (p->item_ws != NULL || !d->item_short));
  /* Users are independent; a share's rows of B are read, never written. */
  cg_team_for ((gsize) (offsets[B] - offsets[0]) * d->n_items >= CG_PARALLEL_MIN, B, 1,
               CG_SHARES_PER_THREAD, item_scores_range, &job);
}

typedef struct
{
  float           *grad;
  const CgGenDims *dims;
  const guint32   *offsets, *items;
  const float     *d_logits;
  guint            B;
  float            w;
} ItemGradJob;

/* Shares are column ranges of grad: two users with a movie in common write the same row of
 * it, never the same column range from two threads. */
static void
item_grad_range (gpointer data,
                 gsize    c0,
                 gsize    c1)
{
  const ItemGradJob *j = data;
  gsize I = j->dims->n_items, lo = c0 * ITEM_GRAD_COLS, hi = MIN (c1 * ITEM_GRAD_COLS, I);

  for (guint b = 0; b < j->B; b++)
    {
      float m = cg_generator_item_short_share (j->dims, j->offsets[b + 1] - j->offsets[b]);

      for (guint32 t = j->offsets[b]; t < j->offsets[b + 1]; t++)
        axpy (j->grad + (gsize) j->items[t] * I + lo, j->d_logits + (gsize) b * I + lo,
              j->w * (1.0f - m), hi - lo);
    }
  for (gsize i = lo; i < hi; i++)
    j->grad[i * I + i] = 0.0f;
}

void
cg_generator_item_scores_backward (float           *grad_b,
                                   const CgGenDims *d,
                                   const guint32   *offsets,
                                   const guint32   *items,
                                   guint            B,
                                   const float     *d_logits,
                                   float            scale)
{
  ItemGradJob job = { grad_b, d, offsets, items, d_logits, B, d->item_weight * scale };
  gsize n_ranges = (d->n_items + ITEM_GRAD_COLS - 1) / ITEM_GRAD_COLS;

  g_return_if_fail (d->item_path);
  cg_team_for ((gsize) (offsets[B] - offsets[0]) * d->n_items >= CG_PARALLEL_MIN, n_ranges,
               1, CG_SHARES_PER_THREAD, item_grad_range, &job);
}

double
cg_generator_flops (const CgGenDims *d,
                    guint            B)
{
  return cg_dense_flops (B, d->embed_dim + d->noise_dim, d->hidden_dim)
         + cg_dense_flops (B, d->hidden_dim, d->n_items);
}
