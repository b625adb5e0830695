/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendation-row.h: one line of a recommendation list.
 *
 * An immutable snapshot of a recommended movie (rank, IDs, catalogue data, score, whether
 * it is a hit in the user's test set) plus your own rating of it, the one property that
 * changes, so the list's stars follow the ratings store without rebuilding the list.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CG_TYPE_RECOMMENDATION_ROW (cg_recommendation_row_get_type ())

G_DECLARE_FINAL_TYPE (CgRecommendationRow, cg_recommendation_row, CG, RECOMMENDATION_ROW,
                      GObject)

CgRecommendationRow *cg_recommendation_row_new             (guint       rank,
                                                            guint32     movie_id,
                                                            const char *title,
                                                            guint       year,
                                                            const char *genres,
                                                            double      score,
                                                            gboolean    hit);

guint                cg_recommendation_row_get_rank        (CgRecommendationRow *self);
guint32              cg_recommendation_row_get_movie_id    (CgRecommendationRow *self);
const char          *cg_recommendation_row_get_title       (CgRecommendationRow *self);
/* 0 when unknown. */
guint                cg_recommendation_row_get_year        (CgRecommendationRow *self);
const char          *cg_recommendation_row_get_genres      (CgRecommendationRow *self);
double               cg_recommendation_row_get_score       (CgRecommendationRow *self);
/* TRUE when the movie is among the user's test positives. */
gboolean             cg_recommendation_row_get_hit         (CgRecommendationRow *self);
/* 0 = not rated by you. */
guint                cg_recommendation_row_get_your_rating (CgRecommendationRow *self);
void                 cg_recommendation_row_set_your_rating (CgRecommendationRow *self,
                                                            guint                rating);

G_END_DECLS
