/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendation-item.h: one line of a recommendation list.
 *
 * The recommended movie is the catalogue's own CgMovieItem, so your rating shown in the
 * list is the catalogue's and follows the ratings store with nothing to copy; the line adds
 * what only the list knows: the rank, the score and whether the movie is a hit (among the
 * user's test positives).
 *
 * "rated" (read-only) says whether your rating of the movie changed since the line was
 * made: the list keeps such a line in place, marked, until it is computed again, so rows
 * never move under the pointer; setting the rating back clears it.
 *
 * "because" (read-only) is why the movie is recommended ("Because you liked A, B"), NULL
 * until the list has worked it out (in the background, after the line is made) or when the
 * model cannot say; the liked movies it names are the line's reasons, strongest first.
 */
#pragma once

#include <glib-object.h>

#include "cg-movie-item.h"

G_BEGIN_DECLS

#define CG_TYPE_RECOMMENDATION_ITEM (cg_recommendation_item_get_type ())

G_DECLARE_FINAL_TYPE (CgRecommendationItem, cg_recommendation_item, CG, RECOMMENDATION_ITEM,
                      GObject)

CgRecommendationItem *cg_recommendation_item_new       (CgMovieItem          *movie,
                                                        guint                 rank,
                                                        double                score,
                                                        gboolean              hit);

CgMovieItem          *cg_recommendation_item_get_movie (CgRecommendationItem *self);
/* 1-based. */
guint                 cg_recommendation_item_get_rank  (CgRecommendationItem *self);
double                cg_recommendation_item_get_score (CgRecommendationItem *self);
gboolean              cg_recommendation_item_get_hit   (CgRecommendationItem *self);
gboolean              cg_recommendation_item_get_rated (CgRecommendationItem *self);
const char           *cg_recommendation_item_get_because (CgRecommendationItem *self);
/* The movie IDs the because text names, strongest reason first; n_reasons set. */
const guint32        *cg_recommendation_item_get_reasons (CgRecommendationItem *self,
                                                         guint                *n_reasons);
/* For the list that made the line: the text and the movies it names. */
void                  cg_recommendation_item_set_because (CgRecommendationItem *self,
                                                         const char           *because,
                                                         const guint32        *reasons,
                                                         guint                 n_reasons);

G_END_DECLS
