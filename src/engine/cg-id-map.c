/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-id-map.c: sorted ID lists with a direct table when it is cheap.
 */
#include "cg-id-map.h"

#include <string.h>

#include "cg-sort.h"

/* A direct table may cost this many entries per ID, plus a fixed allowance that keeps
 * small maps (a test's handful of IDs up to 12) on the fast path. */
#define TABLE_ENTRIES_PER_ID 8
#define TABLE_ALLOWANCE      65536

/* Takes ids (strictly ascending). */
static CgIdMap *
map_from_sorted (guint32 *ids,
                 guint    n)
{
  CgIdMap *map = g_new0 (CgIdMap, 1);
  guint64 span = n > 0 ? (guint64) ids[n - 1] + 1 : 0;

  g_atomic_ref_count_init (&map->ref_count);
  map->n = n;
  map->ids = ids;
  if (span < G_MAXUINT32 && span <= (guint64) TABLE_ENTRIES_PER_ID * n + TABLE_ALLOWANCE)
    {
      map->table_len = (guint32) span;
      map->table = g_new (gint32, MAX (span, 1));
      memset (map->table, 0xff, sizeof (gint32) * span);
      for (guint i = 0; i < n; i++)
        map->table[ids[i]] = (gint32) i;
    }
  return map;
}

CgIdMap *
cg_id_map_new (const guint32 *ids,
               gsize          n)
{
  CgIdSet set;

  g_return_val_if_fail (ids != NULL || n == 0, NULL);

  cg_id_set_init (&set);
  for (gsize k = 0; k < n; k++)
    cg_id_set_add (&set, ids[k]);
  return cg_id_set_finish (&set);
}

CgIdMap *
cg_id_map_ref (CgIdMap *map)
{
  g_return_val_if_fail (map != NULL, NULL);

  g_atomic_ref_count_inc (&map->ref_count);
  return map;
}

void
cg_id_map_unref (CgIdMap *map)
{
  if (map == NULL || !g_atomic_ref_count_dec (&map->ref_count))
    return;
  g_free (map->ids);
  g_free (map->table);
  g_free (map);
}

guint32
cg_id_map_max (const CgIdMap *map)
{
  return map->n > 0 ? map->ids[map->n - 1] : 0;
}

gint32
cg_id_map_search (const CgIdMap *map,
                  guint32        id)
{
  guint lo = 0, hi = map->n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (map->ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < map->n && map->ids[lo] == id ? (gint32) lo : -1;
}

/* ---- collecting ---- */

void
cg_id_set_init (CgIdSet *set)
{
  set->bits = NULL;
  set->bitmap_ids = 0;
  set->large = NULL;
}

void
cg_id_set_grow (CgIdSet *set,
                guint32  id)
{
  guint32 old_words = set->bitmap_ids / 64;
  guint32 ids;

  if (id >= CG_ID_SET_BITMAP_IDS)
    {
      if (set->large == NULL)
        set->large = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (set->large, id);
      return;
    }
  for (ids = MAX (set->bitmap_ids, 4096); ids <= id; ids *= 2)
    ;
  set->bits = g_renew (guint64, set->bits, ids / 64);
  memset (set->bits + old_words, 0, sizeof (guint64) * (ids / 64 - old_words));
  set->bitmap_ids = ids;
}

CgIdMap *
cg_id_set_finish (CgIdSet *set)
{
  guint32 words = set->bitmap_ids / 64;
  guint n_large = set->large != NULL ? set->large->len : 0;
  gsize n = 0;
  guint32 *ids;

  for (guint32 w = 0; w < words; w++)
    n += (gsize) __builtin_popcountll (set->bits[w]);
  ids = g_new (guint32, MAX (n + n_large, 1));
  n = 0;
  for (guint32 w = 0; w < words; w++)
    for (guint64 bits = set->bits[w]; bits != 0; bits &= bits - 1)
      ids[n++] = w * 64 + (guint32) __builtin_ctzll (bits);

  /* Every large ID is above every bitmap ID, so sorting them alone keeps the order. */
  if (n_large > 0)
    {
      guint32 *large = (guint32 *) set->large->data;

      cg_sort_u32 (large, n_large);
      for (guint k = 0; k < n_large; k++)
        if (k == 0 || large[k] != large[k - 1])
          ids[n++] = large[k];
    }
  cg_id_set_clear (set);
  g_return_val_if_fail (n <= G_MAXINT32, NULL);
  return map_from_sorted (ids, (guint) n);
}

void
cg_id_set_clear (CgIdSet *set)
{
  g_clear_pointer (&set->bits, g_free);
  set->bitmap_ids = 0;
  if (set->large != NULL)
    g_array_unref (g_steal_pointer (&set->large));
}
