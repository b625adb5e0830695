/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-id-map.h: raw MovieLens IDs ↔ contiguous indices, in memory proportional to the IDs.
 *
 * The IDs are kept in ascending order, so index order is ID order (ranking ties go to the
 * lower movie ID). A lookup is one load from a direct table when the IDs are dense enough
 * that the table costs at most about eight entries per ID — every MovieLens release is:
 * ML-32M's 87,585 movies have IDs up to 292,757 — and a binary search over the sorted IDs
 * otherwise. No table is ever sized by the largest ID alone, so a file with one huge ID
 * costs what its number of IDs costs.
 *
 * Collecting the IDs of millions of ratings goes through CgIdSet: a presence bitmap over
 * IDs below CG_ID_SET_BITMAP_IDS (2 MiB at most), a plain list for any ID above.
 *
 * A map is immutable and shared by reference (the datasets derived from one load use the
 * same indices).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Raw IDs are 1 … CG_ID_MAX: positive, and the largest plus one still fits a guint32 and a
 * gint32 index (the app gives its own user the largest user ID plus one). */
#define CG_ID_MAX ((guint32) G_MAXINT32)

typedef struct
{
  guint            n;          /* number of IDs */
  guint32         *ids;        /* (n) index → ID, strictly ascending */
  gint32          *table;      /* (table_len) ID → index or -1; NULL: binary search */
  guint32          table_len;  /* ids[n - 1] + 1 when table is set */
  gatomicrefcount  ref_count;
} CgIdMap;

/* From any list of IDs, in any order, with repeats. */
CgIdMap *cg_id_map_new   (const guint32 *ids, gsize n);
CgIdMap *cg_id_map_ref   (CgIdMap *map);
void     cg_id_map_unref (CgIdMap *map);
/* The largest ID, 0 when empty. */
guint32  cg_id_map_max   (const CgIdMap *map);
/* Binary search; cg_id_map_lookup picks it when there is no table. */
gint32   cg_id_map_search (const CgIdMap *map, guint32 id);

/* The index of id, or -1 when it is not in the map. */
static inline gint32
cg_id_map_lookup (const CgIdMap *map, guint32 id)
{
  if (map->table != NULL)
    return id < map->table_len ? map->table[id] : -1;
  return cg_id_map_search (map, id);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgIdMap, cg_id_map_unref)

/* ---- collecting IDs ---- */

#define CG_ID_SET_BITMAP_IDS (1u << 24)

typedef struct
{
  guint64 *bits;        /* presence of IDs below bitmap_ids */
  guint32  bitmap_ids;  /* grows by doubling up to CG_ID_SET_BITMAP_IDS */
  GArray  *large;       /* of guint32: IDs at or above CG_ID_SET_BITMAP_IDS, with repeats */
} CgIdSet;

void     cg_id_set_init   (CgIdSet *set);
void     cg_id_set_grow   (CgIdSet *set, guint32 id);
/* The map of every ID added; clears the set. */
CgIdMap *cg_id_set_finish (CgIdSet *set);
void     cg_id_set_clear  (CgIdSet *set);

static inline void
cg_id_set_add (CgIdSet *set, guint32 id)
{
  if (G_UNLIKELY (id >= set->bitmap_ids))
    cg_id_set_grow (set, id);
  if (G_LIKELY (id < set->bitmap_ids))
    set->bits[id >> 6] |= G_GUINT64_CONSTANT (1) << (id & 63);
}

G_END_DECLS
