/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-model.h: the view-model behind the catalogue grid.
 *
 * Owns one CgMovieItem per movie of the loaded dataset's catalogue in a GListStore, chained
 * through a GtkFilterListModel (CgMovieFilter) and a GtkSortListModel (CgMovieSorter); the
 * grid shows get_model. It follows a CgRatingsStore, so "your rating" on every item and the
 * filter by your rating are always current, whoever changed the rating.
 *
 * No widget here: tests drive it without a display.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-dataset.h"
#include "cg-movie-filter.h"
#include "cg-movie-item.h"
#include "cg-movie-sorter.h"
#include "cg-ratings-store.h"

G_BEGIN_DECLS

#define CG_TYPE_CATALOG_MODEL (cg_catalog_model_get_type ())

G_DECLARE_FINAL_TYPE (CgCatalogModel, cg_catalog_model, CG, CATALOG_MODEL, GObject)

CgCatalogModel     *cg_catalog_model_new               (CgRatingsStore *ratings);

/* Rebuilds the items from dataset's catalogue, with averages and counts over its train and
 * test ratings. The dataset is only read here, not kept. NULL empties the model. */
void                cg_catalog_model_set_dataset       (CgCatalogModel  *self,
                                                        const CgDataset *dataset);

/* The filtered and sorted movies (CgMovieItem). */
GListModel         *cg_catalog_model_get_model         (CgCatalogModel *self);
/* Every movie, in catalogue order. */
GListModel         *cg_catalog_model_get_all           (CgCatalogModel *self);
CgMovieFilter      *cg_catalog_model_get_filter        (CgCatalogModel *self);
CgMovieSorter      *cg_catalog_model_get_sorter        (CgCatalogModel *self);
CgRatingsStore     *cg_catalog_model_get_ratings_store (CgCatalogModel *self);
/* NULL-terminated genre names of the catalogue, index = genre number; empty without data. */
const char * const *cg_catalog_model_get_genre_names   (CgCatalogModel *self);
/* NULL when the movie is not in the catalogue. */
CgMovieItem        *cg_catalog_model_lookup            (CgCatalogModel *self,
                                                        guint32         movie_id);

G_END_DECLS
