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

/* Rows ahead whose lines are fetched early: a bag's rows are scattered over the table, and
 * a bag of hundreds of them otherwise waits on each in turn. */
#define BAG_PREFETCH 6
/* Columns of a bag summed in one pass over its rows, in registers: four cache lines. */
#define BAG_BLOCK 64

#define CG_SIMD_KERNELS "cg-embedding-kernels.h"
#include "cg-simd-widths.h"

void
cg_embedding_backward (float         *d_table,
                       const float   *d_out,
                       const guint32 *rows,
                       guint          B,
                       guint          E)
{
  CG_SIMD_PICK (embedding_backward) (d_table, d_out, rows, B, E);
}

void
cg_bag_forward (float         *out,
                const float   *table,
                const guint32 *offsets,
                const guint32 *items,
                guint          B,
                guint          E)
{
  CG_SIMD_PICK (bag_forward) (out, table, offsets, items, B, E);
}

void
cg_bag_backward (float         *d_table,
                 const float   *d_out,
                 const guint32 *offsets,
                 const guint32 *items,
                 guint          B,
                 guint          E)
{
  CG_SIMD_PICK (bag_backward) (d_table, d_out, offsets, items, B, E);
}
