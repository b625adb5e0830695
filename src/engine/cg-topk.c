/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-topk.c: top-K selection with exclusion and deterministic ties.
 *
 * A size-K min-heap whose root is the worst item kept: each candidate costs one comparison
 * against the root, and only a better one pays for a sift. The exclusion list is sorted,
 * so it is walked in step with the items rather than searched.
 */
#include "cg-topk.h"

#include <math.h>

/* TRUE when (sa, a) ranks before (sb, b): higher score, then lower index; NaN last. */
static inline gboolean
ranks_before (float   sa,
              guint32 a,
              float   sb,
              guint32 b)
{
  gboolean nan_a = isnan (sa), nan_b = isnan (sb);

  if (nan_a != nan_b)
    return nan_b;
  if (!nan_a && sa != sb)
    return sa > sb;
  return a < b;
}

static void
sift_down (guint32     *heap,
           guint        n,
           const float *scores)
{
  guint i = 0;

  for (;;)
    {
      guint left = 2 * i + 1, right = left + 1, worst = i;

      if (left < n && ranks_before (scores[heap[worst]], heap[worst],
                                    scores[heap[left]], heap[left]))
        worst = left;
      if (right < n && ranks_before (scores[heap[worst]], heap[worst],
                                     scores[heap[right]], heap[right]))
        worst = right;
      if (worst == i)
        return;
      {
        guint32 tmp = heap[i];

        heap[i] = heap[worst];
        heap[worst] = tmp;
      }
      i = worst;
    }
}

static void
sift_up (guint32     *heap,
         guint        i,
         const float *scores)
{
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      guint32 tmp;

      if (!ranks_before (scores[heap[parent]], heap[parent], scores[heap[i]], heap[i]))
        return;
      tmp = heap[i];
      heap[i] = heap[parent];
      heap[parent] = tmp;
      i = parent;
    }
}

guint
cg_topk_select (guint32       *out,
                float         *out_scores,
                guint          k,
                const float   *scores,
                guint          n_items,
                const guint32 *exclude,
                guint          n_exclude)
{
  guint n = 0, e = 0;

  g_return_val_if_fail (out != NULL || k == 0, 0);

  if (k == 0)
    return 0;

  for (guint32 item = 0; item < n_items; item++)
    {
      while (e < n_exclude && exclude[e] < item)
        e++;
      if (e < n_exclude && exclude[e] == item)
        continue;

      if (n < k)
        {
          out[n] = item;
          sift_up (out, n, scores);
          n++;
        }
      else if (ranks_before (scores[item], item, scores[out[0]], out[0]))
        {
          out[0] = item;
          sift_down (out, n, scores);
        }
    }

  /* Heap sort in place: repeatedly move the worst kept item to the end. */
  for (guint end = n; end > 1; end--)
    {
      guint32 tmp = out[0];

      out[0] = out[end - 1];
      out[end - 1] = tmp;
      sift_down (out, end - 1, scores);
    }

  if (out_scores != NULL)
    for (guint r = 0; r < n; r++)
      out_scores[r] = scores[out[r]];
  return n;
}
