/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-item-array.h: a GListModel over an array of objects, replaced whole.
 *
 * GListStore keeps its items in a GSequence, so each g_list_model_get_item is a tree walk;
 * a sort model reads its model in sorted order, not in the store's, and a filter over it
 * then reads every position for each letter of a search: on ML-25M's 62,000 movies those
 * walks were a tenth of each keystroke. Here a read is an index.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CG_TYPE_ITEM_ARRAY (cg_item_array_get_type ())

G_DECLARE_FINAL_TYPE (CgItemArray, cg_item_array, CG, ITEM_ARRAY, GObject)

/* An empty array of item_type objects. */
CgItemArray *cg_item_array_new      (GType        item_type);
/* Replaces every item by items (objects of the array's item type; a reference of each is
 * taken), in one items-changed. items may be NULL: the array empties. */
void         cg_item_array_set_all  (CgItemArray *self,
                                     GPtrArray   *items);

G_END_DECLS
