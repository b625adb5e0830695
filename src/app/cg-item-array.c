/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-item-array.c: a GListModel over an array of objects, replaced whole.
 */

#include "config.h"

#include "cg-item-array.h"

struct _CgItemArray
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;      /* owned references */
};

static void cg_item_array_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CgItemArray, cg_item_array, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cg_item_array_list_model_init))

static GType
cg_item_array_get_item_type (GListModel *list)
{
  return CG_ITEM_ARRAY (list)->item_type;
}

static guint
cg_item_array_get_n_items (GListModel *list)
{
  return CG_ITEM_ARRAY (list)->items->len;
}

static gpointer
cg_item_array_get_item (GListModel *list,
                        guint       position)
{
  CgItemArray *self = CG_ITEM_ARRAY (list);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cg_item_array_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cg_item_array_get_item_type;
  iface->get_n_items = cg_item_array_get_n_items;
  iface->get_item = cg_item_array_get_item;
}

static void
cg_item_array_finalize (GObject *object)
{
  CgItemArray *self = CG_ITEM_ARRAY (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (cg_item_array_parent_class)->finalize (object);
}

static void
cg_item_array_class_init (CgItemArrayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_item_array_finalize;
}

static void
cg_item_array_init (CgItemArray *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

CgItemArray *
cg_item_array_new (GType item_type)
{
  CgItemArray *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (CG_TYPE_ITEM_ARRAY, NULL);
  self->item_type = item_type;
  return self;
}

void
cg_item_array_set_all (CgItemArray *self,
                       GPtrArray   *items)
{
  g_autoptr(GPtrArray) old = NULL;
  guint n_new = items != NULL ? items->len : 0;

  g_return_if_fail (CG_IS_ITEM_ARRAY (self));

  /* The old items live until the change is told: a handler may still read them. */
  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_full (n_new, g_object_unref);
  for (guint i = 0; i < n_new; i++)
    {
      gpointer item = g_ptr_array_index (items, i);

      g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));
      g_ptr_array_add (self->items, g_object_ref (item));
    }
  if (old->len > 0 || n_new > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, n_new);
}
