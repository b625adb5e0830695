/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-embedding.c: table lookups and normalised bags of rows.
 */
#include "cg-embedding.h"

#include <math.h>
#include <string.h>

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

void
cg_embedding_backward (float         *d_table,
                       const float   *d_out,
                       const guint32 *rows,
                       guint          B,
                       guint          E)
{
  /* In batch order, so a row that appears twice gets its two gradients in a fixed order. */
  for (guint b = 0; b < B; b++)
    {
      float *d = d_table + (gsize) rows[b] * E;
      const float *g = d_out + (gsize) b * E;

      for (guint e = 0; e < E; e++)
        d[e] += g[e];
    }
}

void
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
        {
          const float *row = table + (gsize) items[t] * E;

          for (guint e = 0; e < E; e++)
            o[e] += row[e];
        }
      scale = 1.0f / sqrtf ((float) n);
      for (guint e = 0; e < E; e++)
        o[e] *= scale;
    }
}

void
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
        {
          float *d = d_table + (gsize) items[t] * E;

          for (guint e = 0; e < E; e++)
            d[e] += scale * g[e];
        }
    }
}
