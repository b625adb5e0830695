/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-sampled.c: a step's candidate items and G's output layer on them.
 *
 * Nothing here allocates after init; the set's slot table is reset item by item at the
 * next build, so a step costs O(C), never O(I). The output layer gathers the candidates'
 * rows of W and b into one block, so the products are the plain dense ones of cg-dense.c.
 */
#include "cg-sampled.h"

#include <math.h>
#include <string.h>

#include "cg-dense.h"

/* The proposal's exponent: popular items drawn more, the tail still drawn (word2vec's). */
#define PROPOSAL_EXPONENT 0.75

/* ---- the candidates ---- */

/* Vose's alias method over q (sums to 1). */
static void
build_alias (float       *prob,
             guint32     *alias,
             const float *q,
             guint        I)
{
  g_autofree double *scaled = g_new (double, I);
  g_autofree guint32 *small = g_new (guint32, I);
  g_autofree guint32 *large = g_new (guint32, I);
  guint n_small = 0, n_large = 0;

  for (guint i = 0; i < I; i++)
    {
      scaled[i] = (double) q[i] * I;
      if (scaled[i] < 1.0)
        small[n_small++] = i;
      else
        large[n_large++] = i;
    }
  while (n_small > 0 && n_large > 0)
    {
      guint32 s = small[--n_small], l = large[--n_large];

      prob[s] = (float) scaled[s];
      alias[s] = l;
      scaled[l] -= 1.0 - scaled[s];
      if (scaled[l] < 1.0)
        small[n_small++] = l;
      else
        large[n_large++] = l;
    }
  /* What is left is 1 up to rounding. */
  while (n_large > 0)
    {
      guint32 l = large[--n_large];

      prob[l] = 1.0f;
      alias[l] = l;
    }
  while (n_small > 0)
    {
      guint32 s = small[--n_small];

      prob[s] = 1.0f;
      alias[s] = s;
    }
}

void
cg_candidates_init (CgCandidates  *c,
                    const guint32 *counts,
                    guint          I,
                    guint          n_draws,
                    gsize          max_targets)
{
  double total = 0.0;

  g_return_if_fail (c != NULL && counts != NULL && I > 0 && n_draws > 0);

  memset (c, 0, sizeof *c);
  c->n_items = I;
  c->n_draws = n_draws;
  c->max_cands = (guint) MIN ((gsize) I, max_targets + n_draws);
  c->q = g_new (float, I);
  c->log_q = g_new (double, I);
  c->alias_prob = g_new (float, I);
  c->alias = g_new (guint32, I);
  c->items = g_new (guint32, c->max_cands);
  c->correction = g_new (float, c->max_cands);
  c->counts = g_new (guint32, c->max_cands);
  c->slot = g_new (gint32, I);
  for (guint i = 0; i < I; i++)
    total += pow (counts[i] + 1.0, PROPOSAL_EXPONENT);
  for (guint i = 0; i < I; i++)
    {
      c->q[i] = (float) (pow (counts[i] + 1.0, PROPOSAL_EXPONENT) / total);
      c->log_q[i] = log (c->q[i]);
      c->slot[i] = -1;
    }
  build_alias (c->alias_prob, c->alias, c->q, I);
}

void
cg_candidates_clear (CgCandidates *c)
{
  g_clear_pointer (&c->q, g_free);
  g_clear_pointer (&c->log_q, g_free);
  g_clear_pointer (&c->alias_prob, g_free);
  g_clear_pointer (&c->alias, g_free);
  g_clear_pointer (&c->items, g_free);
  g_clear_pointer (&c->correction, g_free);
  g_clear_pointer (&c->counts, g_free);
  g_clear_pointer (&c->slot, g_free);
}

guint32
cg_candidates_propose (const CgCandidates *c,
                       CgRng              *rng)
{
  guint32 i = cg_rng_uniform_int (rng, c->n_items);

  return cg_rng_uniform_float (rng) < c->alias_prob[i] ? i : c->alias[i];
}

void
cg_candidates_build (CgCandidates  *c,
                     const guint32 *targets,
                     gsize          n_targets,
                     guint32       *cols,
                     CgRng         *rng)
{
  g_return_if_fail (c != NULL && c->slot != NULL);

  for (guint j = 0; j < c->n; j++)
    c->slot[c->items[j]] = -1;
  c->n = 0;
  for (gsize t = 0; t < n_targets; t++)
    {
      guint32 i = targets[t];

      if (c->slot[i] < 0)
        {
          g_assert (c->n < c->max_cands);
          c->slot[i] = (gint32) c->n;
          c->items[c->n] = i;
          c->correction[c->n] = 0.0f;
          c->counts[c->n] = 0;
          c->n++;
        }
      cols[t] = (guint32) c->slot[i];
    }
  c->n_exact = c->n;
  for (guint s = 0; s < c->n_draws; s++)
    {
      guint32 i = cg_candidates_propose (c, rng);
      gint32 slot = c->slot[i];

      if (slot >= 0 && (guint) slot < c->n_exact)
        continue;
      if (slot < 0)
        {
          g_assert (c->n < c->max_cands);
          slot = c->slot[i] = (gint32) c->n;
          c->items[c->n] = i;
          c->counts[c->n] = 0;
          c->n++;
        }
      c->counts[slot]++;
    }
  for (guint j = c->n_exact; j < c->n; j++)
    c->correction[j] = (float) log ((double) c->counts[j]
                                    / ((double) c->n_draws * c->q[c->items[j]]));
}

/* ---- G's output layer on the candidates ---- */

void
cg_sampled_logits_forward (float         *out,
                           float         *w_c,
                           float         *b_c,
                           const float   *h,
                           const float   *w,
                           const float   *b,
                           const guint32 *items,
                           const float   *correction,
                           guint          B,
                           guint          H,
                           guint          C)
{
  for (guint j = 0; j < C; j++)
    {
      memcpy (w_c + (gsize) j * H, w + (gsize) items[j] * H, H * sizeof (float));
      b_c[j] = b[items[j]] + correction[j];
    }
  cg_dense_forward (out, h, w_c, b_c, B, H, C);
}

void
cg_sampled_logits_backward (float         *d_h,
                            float         *d_w,
                            float         *d_b,
                            float         *d_w_c,
                            float         *d_b_c,
                            const float   *d_out,
                            const float   *h,
                            const float   *w_c,
                            const guint32 *items,
                            guint          B,
                            guint          H,
                            guint          C)
{
  memset (d_w_c, 0, (gsize) C * H * sizeof (float));
  memset (d_b_c, 0, C * sizeof (float));
  cg_dense_backward (d_h, d_w_c, d_b_c, d_out, h, w_c, B, H, C);
  for (guint j = 0; j < C; j++)
    {
      float *row = d_w + (gsize) items[j] * H;
      const float *src = d_w_c + (gsize) j * H;

      for (guint k = 0; k < H; k++)
        row[k] += src[k];
      d_b[items[j]] += d_b_c[j];
    }
}
