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

G_END_DECLS
