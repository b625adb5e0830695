/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-filter.h: which movies of the catalogue are shown.
 *
 * A GtkFilter over CgMovieItems combining three conditions: the title contains the search
 * text (case- and accent-insensitive: "amelie" finds "Amélie", "STAR" finds "Star Wars"),
 * the movie has the chosen genre, and you rated it (or have not yet), when asked. Each change
 * tells the filter list model whether the result got stricter or looser, so GTK re-checks
 * only the items that can change.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Which movies to show by your rating of them. The nicks are the "catalogue-rated"
 * setting's choices. */
typedef enum
{
  CG_MOVIE_RATED_ANY,      /* every movie */
  CG_MOVIE_RATED_BY_ME,    /* the ones you rated */
  CG_MOVIE_RATED_NOT_YET,  /* the ones you have not rated yet */
} CgMovieRated;

#define CG_TYPE_MOVIE_RATED (cg_movie_rated_get_type ())
GType cg_movie_rated_get_type (void) G_GNUC_CONST;

#define CG_TYPE_MOVIE_FILTER (cg_movie_filter_get_type ())

G_DECLARE_FINAL_TYPE (CgMovieFilter, cg_movie_filter, CG, MOVIE_FILTER, GtkFilter)

/* Case-folded, compatibility-decomposed text with the combining marks removed: the form
 * both titles and queries are compared in. Newly allocated; "" for invalid UTF-8. */
char          *cg_movie_filter_fold           (const char *text);

CgMovieFilter *cg_movie_filter_new            (void);

/* NULL or "" shows every title. */
void           cg_movie_filter_set_search     (CgMovieFilter *self,
                                               const char    *search);
const char    *cg_movie_filter_get_search     (CgMovieFilter *self);
/* A genre index of the catalogue, or -1 for every genre. */
void           cg_movie_filter_set_genre      (CgMovieFilter *self,
                                               int            genre);
int            cg_movie_filter_get_genre      (CgMovieFilter *self);
void           cg_movie_filter_set_rated      (CgMovieFilter *self,
                                               CgMovieRated   rated);
CgMovieRated   cg_movie_filter_get_rated      (CgMovieFilter *self);

/* Your ratings changed: re-runs the filter if what it shows depends on them. */
void           cg_movie_filter_ratings_changed (CgMovieFilter *self);

G_END_DECLS
