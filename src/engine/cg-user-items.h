/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-user-items.h: a compressed sparse row set of items per user.
 *
 * The one shape every user–item relation takes in the engine (train positives, every item
 * a user rated, test positives, …): row u holds items[offsets[u] .. offsets[u+1]), sorted
 * ascending, no repeats. Indices are the dataset's contiguous user and item indices.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint    n_users;
  guint    n_items;
  guint32 *offsets;   /* (n_users + 1) */
  guint32 *items;     /* (offsets[n_users]) */
} CgUserItems;

/* Builds from parallel arrays of (user, item) pairs in any order; duplicates are merged. */
CgUserItems *cg_user_items_new_from_pairs (guint n_users, guint n_items,
                                           const guint32 *users, const guint32 *items,
                                           gsize n_pairs);
CgUserItems *cg_user_items_copy           (const CgUserItems *set);
void         cg_user_items_free           (CgUserItems *set);

static inline guint
cg_user_items_count (const CgUserItems *set, guint user)
{
  return set->offsets[user + 1] - set->offsets[user];
}

static inline const guint32 *
cg_user_items_row (const CgUserItems *set, guint user)
{
  return set->items + set->offsets[user];
}

/* Binary search in the user's sorted row. */
gboolean     cg_user_items_contains       (const CgUserItems *set, guint user, guint32 item);
gsize        cg_user_items_total          (const CgUserItems *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgUserItems, cg_user_items_free)

G_END_DECLS
