/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-embedding.h: looking rows up in a table, and pooling a bag of rows.
 *
 * E is the row width. The lookup serves the per-user and per-item tables; the bag is the
 * generator's history mode: a user is the normalised sum of the vectors of the items they
 * liked, out_b = Σ_{t∈bag b} table[t] / √|bag b| (zero for an empty bag) — the L2
 * normalisation of a multi-hot input that Mult-DAE uses, written as a sparse product.
 * Backwards scatter-ACCUMULATE into the table's gradient.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* out (B, E) = table[rows[b]] */
void cg_embedding_forward  (float *out, const float *table, const guint32 *rows, guint B,
                            guint E);
/* d_table[rows[b]] += d_out[b] */
void cg_embedding_backward (float *d_table, const float *d_out, const guint32 *rows, guint B,
                            guint E);

/* out (B, E); bag b is items[offsets[b] .. offsets[b+1]). */
void cg_bag_forward        (float *out, const float *table, const guint32 *offsets,
                            const guint32 *items, guint B, guint E);
void cg_bag_backward       (float *d_table, const float *d_out, const guint32 *offsets,
                            const guint32 *items, guint B, guint E);

G_END_DECLS
