/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-embedding.c: table lookups and normalised bags of rows.
 */
#include "cg-embedding.h"

#include <math.h>
#include <string.h>

#include "cg-simd.h"

void
cg_embedding_forward (float         *out,
                      const float   *table,
                      const guint32 *rows,
                      guint          B,
                      guint          E)
{
  for (guint b = 0; b < B; b++)
    memcpy (out + (gsize) b * E, table + (gsize) rows[b] * E, E * sizeof (float));
}

CG_SIMD_CLONES_512 void
cg_embedding_backward (float         *d_table,
                       const float   *d_out,
                       const guint32 *rows,
                       guint          B,
                       guint          E)
{
  /* In batch order, so a row that appears twice gets its two gradients in a fixed order. */
  for (guint b = 0; b < B; b++)
    {
      cg_simd_axpy (d_table + (gsize) rows[b] * E, d_out + (gsize) b * E, 1.0f, E);
    }
}

/* Rows ahead whose lines are fetched early: a bag's rows are scattered over the table, and
 * a bag of hundreds of them otherwise waits on each in turn. */
#define BAG_PREFETCH 6

CG_SIMD_CLONES_512 void
cg_bag_forward (float         *out,
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
      /* Each column's sum runs over the rows in bag order, as a plain loop's would, in
       * vectors held in registers across the whole bag. */
      for (; e0 + 64 <= E; e0 += 64)
        {
          CgV16 a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };

          for (guint t = t0; t < t1; t++)
            {
              const float *row = table + (gsize) items[t] * E + e0;
              CgV16 r0, r1, r2, r3;

              if (t + BAG_PREFETCH < t1)
                {
                  const float *next = table + (gsize) items[t + BAG_PREFETCH] * E + e0;

                  __builtin_prefetch (next);
                  __builtin_prefetch (next + 16);
                  __builtin_prefetch (next + 32);
                  __builtin_prefetch (next + 48);
                }
              CG_V16_LOAD (r0, row);
              CG_V16_LOAD (r1, row + 16);
              CG_V16_LOAD (r2, row + 32);
              CG_V16_LOAD (r3, row + 48);
              a0 += r0;
              a1 += r1;
              a2 += r2;
              a3 += r3;
            }
          CG_V16_STORE (o + e0, a0);
          CG_V16_STORE (o + e0 + 16, a1);
          CG_V16_STORE (o + e0 + 32, a2);
          CG_V16_STORE (o + e0 + 48, a3);
        }
      for (; e0 + 16 <= E; e0 += 16)
        {
          CgV16 a = { 0 };

          for (guint t = t0; t < t1; t++)
            {
              CgV16 r;

              CG_V16_LOAD (r, table + (gsize) items[t] * E + e0);
              a += r;
            }
          CG_V16_STORE (o + e0, a);
        }
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

CG_SIMD_CLONES_512 void
cg_bag_backward (float         *d_table,
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
        cg_simd_axpy (d_table + (gsize) items[t] * E, g, scale, E);
    }
}
