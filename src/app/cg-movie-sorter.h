/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-sorter.h: the orders the catalogue can be shown in.
 *
 * A GtkSorter over CgMovieItems. Every order is total — ties fall back to the title and
 * then to the movie ID — so the grid never reshuffles equal movies between runs.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  CG_MOVIE_SORT_TITLE,       /* A → Z, case and accents ignored */
  CG_MOVIE_SORT_YEAR,        /* newest first, unknown years last */
  CG_MOVIE_SORT_POPULARITY,  /* most ratings in the dataset first */
  CG_MOVIE_SORT_AVERAGE,     /* highest damped average first (see the .c), unrated last */
} CgMovieSortOrder;

#define CG_TYPE_MOVIE_SORT_ORDER (cg_movie_sort_order_get_type ())
GType cg_movie_sort_order_get_type (void) G_GNUC_CONST;

#define CG_TYPE_MOVIE_SORTER (cg_movie_sorter_get_type ())

G_DECLARE_FINAL_TYPE (CgMovieSorter, cg_movie_sorter, CG, MOVIE_SORTER, GtkSorter)

CgMovieSorter    *cg_movie_sorter_new       (CgMovieSortOrder order);
void              cg_movie_sorter_set_order (CgMovieSorter   *self,
                                             CgMovieSortOrder order);
CgMovieSortOrder  cg_movie_sorter_get_order (CgMovieSorter   *self);

G_END_DECLS
