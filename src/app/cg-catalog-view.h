/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-view.h: the Catalogue page — search, filters, sort and the grid of movie cards.
 *
 * Shows a CgCatalogModel. Ratings given on the cards (mouse: stars and clear button;
 * keyboard: 1–5 rate the focused card, 0 or Delete clear it) go straight to the model's
 * CgRatingsStore; a failed save is reported in a dialog and the rating stays as it was.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-catalog-model.h"

G_BEGIN_DECLS

#define CG_TYPE_CATALOG_VIEW (cg_catalog_view_get_type ())

G_DECLARE_FINAL_TYPE (CgCatalogView, cg_catalog_view, CG, CATALOG_VIEW, GtkWidget)

GtkWidget      *cg_catalog_view_new          (void);
void            cg_catalog_view_set_model    (CgCatalogView  *self,
                                              CgCatalogModel *model);
CgCatalogModel *cg_catalog_view_get_model    (CgCatalogView  *self);
/* The counter's "liked": your ratings ≥ threshold (1–5). The window sets the threshold of
 * the dataset the current model was trained on, so the counter and training agree. */
void            cg_catalog_view_set_liked_threshold (CgCatalogView *self,
                                                     guint          threshold);
guint           cg_catalog_view_get_liked_threshold (CgCatalogView *self);
/* Moves the keyboard focus to the search entry and selects its text (Ctrl+F). */
void            cg_catalog_view_focus_search (CgCatalogView  *self);
/* Rates a movie as a click on its card would, reporting errors in a dialog. */
void            cg_catalog_view_rate         (CgCatalogView  *self,
                                              guint32         movie_id,
                                              guint           rating);

G_END_DECLS
