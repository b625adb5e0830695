/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-sort.c: integer sorts; repeated keys, detected by sorting and reported by line.
 */
#include "cg-sort.h"

#include <stdlib.h>
#include <string.h>

#define DIGIT_BITS 16
#define N_DIGITS   (64 / DIGIT_BITS)
#define N_BUCKETS  (1u << DIGIT_BITS)

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static int
compare_u64 (const void *a,
             const void *b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* Least-significant-digit radix sort. Digits on which every key agrees (the high bits of
 * IDs that fit in 18 bits) are skipped, so MovieLens keys take two or three passes. */
static void
radix_sort_u64 (guint64 *keys,
                gsize    n)
{
  g_autofree gsize *counts = g_new0 (gsize, (gsize) N_DIGITS * N_BUCKETS);
  g_autofree guint64 *scratch = g_new (guint64, n);
  guint64 *from = keys, *to = scratch;

  for (gsize k = 0; k < n; k++)
    for (guint d = 0; d < N_DIGITS; d++)
      counts[d * N_BUCKETS + ((keys[k] >> (d * DIGIT_BITS)) & (N_BUCKETS - 1))]++;

  for (guint d = 0; d < N_DIGITS; d++)
    {
      gsize *count = counts + (gsize) d * N_BUCKETS;
      gsize sum = 0;

      if (count[(from[0] >> (d * DIGIT_BITS)) & (N_BUCKETS - 1)] == n)
        continue;
      for (guint b = 0; b < N_BUCKETS; b++)
        {
          gsize c = count[b];

          count[b] = sum;
          sum += c;
        }
      for (gsize k = 0; k < n; k++)
        to[count[(from[k] >> (d * DIGIT_BITS)) & (N_BUCKETS - 1)]++] = from[k];
      {
        guint64 *swap = from;

        from = to;
        to = swap;
      }
    }
  if (from != keys)
    memcpy (keys, from, n * sizeof (guint64));
}

void
cg_sort_u32 (guint32 *values,
             gsize    n)
{
  qsort (values, n, sizeof (guint32), compare_u32);
}

void
cg_sort_u64 (guint64 *values,
             gsize    n)
{
  if (n < 4096)
    qsort (values, n, sizeof (guint64), compare_u64);
  else
    radix_sort_u64 (values, n);
}

gboolean
cg_keys_have_repeat (guint64 *keys,
                     gsize    n)
{
  gsize k;

  for (k = 1; k < n && keys[k - 1] < keys[k]; k++)
    ;
  if (k >= n)
    return FALSE;

  cg_sort_u64 (keys, n);
  for (k = 1; k < n; k++)
    if (keys[k - 1] == keys[k])
      return TRUE;
  return FALSE;
}

typedef struct
{
  guint64 key;
  guint32 line;
} KeyAt;

static int
compare_key_at (const void *a,
                const void *b)
{
  const KeyAt *x = a, *y = b;

  if (x->key != y->key)
    return (x->key > y->key) - (x->key < y->key);
  return (x->line > y->line) - (x->line < y->line);
}

gboolean
cg_keys_first_repeat (const guint64 *keys,
                      const guint32 *lines,
                      gsize          n,
                      guint64       *key,
                      guint32       *line,
                      guint32       *first_line)
{
  g_autofree KeyAt *at = g_new (KeyAt, MAX (n, 1));
  gboolean found = FALSE;

  for (gsize k = 0; k < n; k++)
    at[k] = (KeyAt) { keys[k], lines[k] };
  qsort (at, n, sizeof (KeyAt), compare_key_at);

  /* Within a run of one key, sorted by line, the second entry is its first repeat. */
  for (gsize k = 1; k < n; k++)
    if (at[k].key == at[k - 1].key && (k < 2 || at[k - 2].key != at[k].key)
        && (!found || at[k].line < *line))
      {
        *key = at[k].key;
        *line = at[k].line;
        *first_line = at[k - 1].line;
        found = TRUE;
      }
  return found;
}
