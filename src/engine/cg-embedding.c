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
      guint n = offsets[b + 1] - offsets[b];
      float scale;

      memset (o, 0, E * sizeof (float));
      if (n == 0)
        continue;
      for (guint t = offsets[b]; t < offsets[b + 1]; t++)
        cg_simd_axpy (o, table + (gsize) items[t] * E, 1.0f, E);
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
