/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-topk.h: the K best-scoring items, skipping excluded ones.
 *
 * Order: higher score first; equal scores go to the lower item index (= lower movie ID).
 * NaN scores rank below every number. O(I·log K).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes up to k item indices to out (best first) and returns how many were written (fewer
 * than k when fewer candidates remain). exclude is sorted ascending (a CgUserItems row);
 * out_scores, when not NULL, receives the scores of the chosen items. */
guint cg_topk_select (guint32 *out, float *out_scores, guint k,
                      const float *scores, guint n_items,
                      const guint32 *exclude, guint n_exclude);

G_END_DECLS
