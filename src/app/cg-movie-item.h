/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-item.h: one movie of the catalogue, as the list widgets see it.
 *
 * A small immutable snapshot of the engine's CgMovie plus the dataset's statistics for it
 * (average rating and number of ratings over train ∪ test) and your own rating, which is
 * the only property that changes; the catalogue model keeps it in step with the
 * CgRatingsStore. Items also carry the keys the filter and the sorter compare, computed
 * once here instead of on every keystroke.
 */
#pragma once

#include <glib-object.h>

#include "cg-catalog.h"

G_BEGIN_DECLS

#define CG_TYPE_MOVIE_ITEM (cg_movie_item_get_type ())

G_DECLARE_FINAL_TYPE (CgMovieItem, cg_movie_item, CG, MOVIE_ITEM, GObject)

/* title is the full u.item title ("Toy Story (1995)"); genres the text of the genre list;
 * average_rating is meaningful only when n_ratings > 0. */
CgMovieItem *cg_movie_item_new                (guint32     movie_id,
                                               const char *title,
                                               guint       year,
                                               guint32     genre_mask,
                                               const char *genres,
                                               double      average_rating,
                                               guint       n_ratings);
/* The same for a movie of catalog, which also says whether another movie shares its
 * title. */
CgMovieItem *cg_movie_item_new_for_movie      (const CgCatalog *catalog,
                                               const CgMovie   *movie,
                                               double           average_rating,
                                               guint            n_ratings);

guint32      cg_movie_item_get_movie_id       (CgMovieItem *self);
/* The title as in u.item, and without its " (year)" for display (cg-movie-title.h). */
const char  *cg_movie_item_get_title          (CgMovieItem *self);
const char  *cg_movie_item_get_display_title  (CgMovieItem *self);
guint        cg_movie_item_get_year           (CgMovieItem *self);
guint32      cg_movie_item_get_genre_mask     (CgMovieItem *self);
const char  *cg_movie_item_get_genres         (CgMovieItem *self);
double       cg_movie_item_get_average_rating (CgMovieItem *self);
guint        cg_movie_item_get_n_ratings      (CgMovieItem *self);
/* 0 = not rated. */
guint        cg_movie_item_get_your_rating    (CgMovieItem *self);
void         cg_movie_item_set_your_rating    (CgMovieItem *self,
                                               guint        rating);

/* Whether another movie of the catalogue has the same title and year. */
gboolean     cg_movie_item_get_shares_title   (CgMovieItem *self);

/* The full title folded for search, and the display title folded for sorting (see
 * cg_movie_filter_fold). */
const char  *cg_movie_item_get_search_key     (CgMovieItem *self);
const char  *cg_movie_item_get_sort_key       (CgMovieItem *self);

G_END_DECLS
