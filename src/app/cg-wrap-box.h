/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-wrap-box.h: a row of controls that wraps onto more rows when it is too narrow.
 *
 * A toolbar of a page must not set the window's minimum width: laid out in one row while
 * the children fit at their natural widths, it moves the children that do not onto the
 * next row, in order (so focus order and reading order stay the same). Its minimum width
 * is its widest child's. A child that expands horizontally takes what its row has left.
 *
 * Children are added as with any widget in a .ui (<child>), or with cg_wrap_box_append.
 * Properties: spacing (between children of a row), row-spacing.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CG_TYPE_WRAP_BOX (cg_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (CgWrapBox, cg_wrap_box, CG, WRAP_BOX, GtkWidget)

GtkWidget *cg_wrap_box_new             (void);
void       cg_wrap_box_append          (CgWrapBox *self,
                                        GtkWidget *child);
/* How many rows the last allocation used (0 before the first). */
guint      cg_wrap_box_get_n_rows      (CgWrapBox *self);

G_END_DECLS
