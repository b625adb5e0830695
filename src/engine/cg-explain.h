/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-explain.h: "Because you liked A, B" — which of a person's liked movies a
 * recommendation rests on.
 *
 * Leave-one-out over the bag a history-mode model embeds the person from: for each liked
 * movie j, the bag without j is scored again, and a recommended movie's reasons are the
 * liked movies whose removal lowers its score most. Scoring goes through the model's own
 * scoring call (cg_cgan_score_history), so whatever paths the model scores with are the
 * ones explained, and with the same rounds of noise draws as cg_recommend_for_history, so
 * the full bag's scores are the ones the list shows for "you".
 *
 * It costs one scoring pass per liked movie (a few milliseconds each on MovieLens 100K), so
 * callers with a large bag run it off the main thread, with a model of their own: the
 * scoring scratch lives in the CgCgan.
 */
#pragma once

#include <gio/gio.h>

#include "cg-cgan.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 item;   /* a liked item (index) */
  float   drop;   /* the target's score with the whole bag minus its score without item */
} CgReason;

/* For each of targets (item indices), up to max_reasons liked items whose removal lowers
 * its score, largest drop first (equal drops: the lower item index first), written to
 * reasons[t · max_reasons …], their number to n_reasons[t]. A liked item whose removal
 * does not lower the score is no reason. liked: item indices, distinct, any order; rounds
 * as in cg_recommend_for_history. FALSE with an error for an id-mode model, and with
 * G_IO_ERROR_CANCELLED when cancellable is cancelled (checked between passes). */
gboolean cg_explain_history (CgCgan        *model,
                             const guint32 *liked,
                             guint          n_liked,
                             const guint32 *targets,
                             guint          n_targets,
                             guint          rounds,
                             guint          max_reasons,
                             CgReason      *reasons,
                             guint         *n_reasons,
                             GCancellable  *cancellable,
                             GError       **error);

/* Bags at least this large are worth a worker thread in an interactive program. */
#define CG_EXPLAIN_LARGE_BAG 64

G_END_DECLS
