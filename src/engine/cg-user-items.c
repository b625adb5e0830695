/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-user-items.c: building and querying CSR user → items sets.
 *
 * Built by a radix sort of the pairs (by item, then by user): a few linear passes however
 * the pairs come, 25 million of them in well under a second.
 */
#include "cg-user-items.h"

#include <string.h>

CgUserItems *
cg_user_items_new_from_pairs (guint          n_users,
                              guint          n_items,
                              const guint32 *users,
                              const guint32 *items,
                              gsize          n_pairs)
{
  CgUserItems *set = g_new0 (CgUserItems, 1);
  g_autofree guint32 *fill = g_new0 (guint32, n_users + 1);
  g_autofree guint32 *item_start = g_new0 (guint32, (gsize) n_items + 1);
  g_autofree guint32 *by_item = g_new (guint32, MAX (n_pairs, 1));
  guint32 write = 0;

  g_return_val_if_fail (n_pairs <= G_MAXUINT32, NULL);

  set->n_users = n_users;
  set->n_items = n_items;
  set->offsets = g_new0 (guint32, n_users + 1);
  set->items = g_new (guint32, MAX (n_pairs, 1));

  /* A radix sort in two passes: pairs by item, then stably by user, so every row comes out
   * in item order and only repeats are left to squeeze out. */
  for (gsize p = 0; p < n_pairs; p++)
    {
      g_assert (users[p] < n_users && items[p] < n_items);
      item_start[items[p] + 1]++;
      set->offsets[users[p] + 1]++;
    }
  for (guint i = 0; i < n_items; i++)
    item_start[i + 1] += item_start[i];
  for (gsize p = 0; p < n_pairs; p++)
    by_item[item_start[items[p]]++] = (guint32) p;
  for (guint u = 0; u < n_users; u++)
    set->offsets[u + 1] += set->offsets[u];
  memcpy (fill, set->offsets, sizeof (guint32) * (n_users + 1));
  for (gsize k = 0; k < n_pairs; k++)
    {
      guint32 p = by_item[k];

      set->items[fill[users[p]]++] = items[p];
    }

  for (guint u = 0; u < n_users; u++)
    {
      guint32 start = set->offsets[u];
      guint32 end = set->offsets[u + 1];

      set->offsets[u] = write;
      for (guint32 k = start; k < end; k++)
        if (k == start || set->items[k] != set->items[k - 1])
          set->items[write++] = set->items[k];
    }
  set->offsets[n_users] = write;
  return set;
}

CgUserItems *
cg_user_items_copy (const CgUserItems *set)
{
  CgUserItems *copy = g_new0 (CgUserItems, 1);
  gsize total = cg_user_items_total (set);

  copy->n_users = set->n_users;
  copy->n_items = set->n_items;
  copy->offsets = g_memdup2 (set->offsets, sizeof (guint32) * (set->n_users + 1));
  copy->items = g_memdup2 (set->items, sizeof (guint32) * MAX (total, 1));
  return copy;
}

void
cg_user_items_free (CgUserItems *set)
{
  if (set == NULL)
    return;
  g_free (set->offsets);
  g_free (set->items);
  g_free (set);
}

gboolean
cg_user_items_contains (const CgUserItems *set,
                        guint              user,
                        guint32            item)
{
  const guint32 *row = cg_user_items_row (set, user);
  guint lo = 0, hi = cg_user_items_count (set, user);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (row[mid] < item)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < cg_user_items_count (set, user) && row[lo] == item;
}

gsize
cg_user_items_total (const CgUserItems *set)
{
  return set->offsets[set->n_users];
}
