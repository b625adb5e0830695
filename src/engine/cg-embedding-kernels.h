/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-embedding-kernels.h: the gradients of a lookup and a bag's sums at one width, compiled
 * per width by cg-embedding.c through cg-simd-widths.h.
 */
#include "cg-simd-axpy.h"

CG_KERNEL void
CG_SIMD_FN (embedding_backward) (float         *d_table,
                                 const float   *d_out,
                                 const guint32 *rows,
                                 guint          B,
                                 guint          E)
{
  /* In batch order, so a row that appears twice gets its two gradients in a fixed order. */
  for (guint b = 0; b < B; b++)
    CG_SIMD_FN (cg_simd_axpy) (d_table + (gsize) rows[b] * E, d_out + (gsize) b * E, 1.0f, E);
}

/* The sums of o[e0, e0 + n) over the bag's rows, n a multiple of 16, as a plain loop over
 * the rows would form them, in vectors held in registers across the whole bag. */
#define BAG_SUMS(o, table, items, t0, t1, E, e0, n)                                    \
  do {                                                                                  \
    CG_VEC a_[(n) / CG_W], zero_ = { 0 };                                               \
                                                                                        \
    CG_FOR_VECS (k_, n)                                                                 \
      a_[k_] = zero_;                                                                   \
    for (guint t_ = (t0); t_ < (t1); t_++)                                              \
      {                                                                                 \
        const float *row_ = (table) + (gsize) (items)[t_] * (E) + (e0);                 \
                                                                                        \
        if ((n) == BAG_BLOCK && t_ + BAG_PREFETCH < (t1))                               \
          for (guint l_ = 0; l_ < BAG_BLOCK; l_ += 16)                                  \
            __builtin_prefetch ((table) + (gsize) (items)[t_ + BAG_PREFETCH] * (E)      \
                                + (e0) + l_);                                           \
        CG_FOR_VECS (k_, n)                                                             \
          {                                                                             \
            CG_VEC r_;                                                                  \
                                                                                        \
            CG_VLOAD (r_, row_ + k_ * CG_W);                                            \
            a_[k_] += r_;                                                               \
          }                                                                             \
      }                                                                                 \
    memcpy ((o) + (e0), a_, sizeof a_);                                                 \
  } while (0)

CG_KERNEL void
CG_SIMD_FN (bag_forward) (float         *out,
                          const float   *table,
                          const guint32 *offsets,
                          const guint32 *items,
                          guint          B,
                          guint          E)
{
  for (guint b = 0; b < B; b++)
    {
      float *o = out + (gsize) b * E;
      guint t0 = offsets[b], t1 = offsets[b + 1], n = t1 - t0, e0 = 0;
      float scale;

      if (n == 0)
        {
          memset (o, 0, E * sizeof (float));
          continue;
        }
      for (; e0 + BAG_BLOCK <= E; e0 += BAG_BLOCK)
        BAG_SUMS (o, table, items, t0, t1, E, e0, BAG_BLOCK);
      for (; e0 + 16 <= E; e0 += 16)
        BAG_SUMS (o, table, items, t0, t1, E, e0, 16);
      for (guint e = e0; e < E; e++)
        {
          float sum = 0.0f;

          for (guint t = t0; t < t1; t++)
            sum += table[(gsize) items[t] * E + e];
          o[e] = sum;
        }
      scale = 1.0f / sqrtf ((float) n);
      for (guint e = 0; e < E; e++)
        o[e] *= scale;
    }
}

CG_KERNEL void
CG_SIMD_FN (bag_backward) (float         *d_table,
                           const float   *d_out,
                           const guint32 *offsets,
                           const guint32 *items,
                           guint          B,
                           guint          E)
{
  for (guint b = 0; b < B; b++)
    {
      const float *g = d_out + (gsize) b * E;
      guint n = offsets[b + 1] - offsets[b];
      float scale;

      if (n == 0)
        continue;
      scale = 1.0f / sqrtf ((float) n);
      for (guint t = offsets[b]; t < offsets[b + 1]; t++)
        CG_SIMD_FN (cg_simd_axpy) (d_table + (gsize) items[t] * E, g, scale, E);
    }
}

#undef BAG_SUMS
