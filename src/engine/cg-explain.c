/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-explain.c: leave-one-out reasons for recommendations.
 *
 * Memory: two score rows of the catalogue and the (targets × liked) drops; the passes
 * themselves allocate nothing.
 */
#include "cg-explain.h"

#include <stdlib.h>
#include <string.h>

#include "cg-error.h"
#include "cg-recommender.h"

static int
compare_reasons (const void *a,
                 const void *b)
{
  const CgReason *x = a, *y = b;

  if (x->drop != y->drop)
    return x->drop > y->drop ? -1 : 1;
  return (x->item > y->item) - (x->item < y->item);
}

gboolean
cg_explain_history (CgCgan        *model,
                    const guint32 *liked,
                    guint          n_liked,
                    const guint32 *targets,
                    guint          n_targets,
                    guint          rounds,
                    guint          max_reasons,
                    CgReason      *reasons,
                    guint         *n_reasons,
                    GCancellable  *cancellable,
                    GError       **error)
{
  guint I;
  g_autofree float *base = NULL, *scores = NULL, *round_scores = NULL, *drops = NULL;
  g_autofree guint32 *bag = NULL;
  g_autofree CgReason *candidates = NULL;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (liked != NULL || n_liked == 0, FALSE);
  g_return_val_if_fail (targets != NULL || n_targets == 0, FALSE);
  g_return_val_if_fail (reasons != NULL || n_targets == 0 || max_reasons == 0, FALSE);
  g_return_val_if_fail (n_reasons != NULL || n_targets == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  I = cg_cgan_get_n_items (model);
  for (guint t = 0; t < n_targets; t++)
    {
      g_return_val_if_fail (targets[t] < I, FALSE);
      n_reasons[t] = 0;
    }

  base = g_new (float, I);
  scores = g_new (float, I);
  round_scores = g_new (float, I);
  if (!cg_recommend_history_scores (model, liked, n_liked, rounds, base, round_scores,
                                    error))
    return FALSE;

  /* drops (n_targets, n_liked): what leaving out liked[j] costs target t. */
  drops = g_new (float, (gsize) MAX (n_targets, 1) * MAX (n_liked, 1));
  bag = g_new (guint32, MAX (n_liked, 1));
  for (guint j = 0; j < n_liked; j++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* The bag in its own order without liked[j]: the other items are summed as before. */
      memcpy (bag, liked, j * sizeof (guint32));
      memcpy (bag + j, liked + j + 1, (n_liked - j - 1) * sizeof (guint32));
      if (!cg_recommend_history_scores (model, bag, n_liked - 1, rounds, scores,
                                        round_scores, error))
        return FALSE;
      for (guint t = 0; t < n_targets; t++)
        drops[(gsize) t * n_liked + j] = base[targets[t]] - scores[targets[t]];
    }

  candidates = g_new (CgReason, MAX (n_liked, 1));
  for (guint t = 0; t < n_targets; t++)
    {
      guint n = 0;

      for (guint j = 0; j < n_liked; j++)
        {
          float drop = drops[(gsize) t * n_liked + j];

          if (drop > 0.0f)
            candidates[n++] = (CgReason) { liked[j], drop };
        }
      qsort (candidates, n, sizeof *candidates, compare_reasons);
      n_reasons[t] = MIN (n, max_reasons);
      memcpy (reasons + (gsize) t * max_reasons, candidates, n_reasons[t] * sizeof *candidates);
    }
  return TRUE;
}
