/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendation-list.h: the top-K list the Recommendations page shows, without widgets.
 *
 * For the model set, recommends K movies to "you" (user 0) or to the dataset user with that
 * raw ID, never a movie the user rated, with scores averaged over the noise draws set. For
 * a dataset user it marks the hits (test positives) and lists what they liked in training;
 * for you, what you liked. "You" with a history-mode model follows your ratings, without
 * retraining, each time the list is computed; with an id-mode model you get a list only
 * when the model was trained including you.
 *
 * Every change of a property recomputes the list at the next idle, once per burst of
 * changes; _refresh does it at once. Your ratings do not: a line you rate stays where it
 * is, marked (CgRecommendationItem:rated), so the rows never move under the pointer, and
 * the list is stale (it would drop that movie) until it is computed again. The lines are
 * CgRecommendationItems whose movies are the catalogue's CgMovieItems.
 *
 * With a history-mode model each line then says why it is there (its "because": the liked
 * movies whose removal from the bag the user is embedded from lowers its score most,
 * cg-explain.h). That takes one scoring pass per liked movie, so it runs on a worker
 * thread with a copy of the model, after the list is shown, and is cancelled when the list
 * is computed again; an id-mode model cannot say, and explain-note says so.
 *
 * Properties: model, catalog, ratings, user, k, noise-draws (read-write); and, read-only,
 * summary (what the list is, for whom, how long it took), empty-message (why there is no
 * list, NULL when there is one), liked-title (the heading of the liked list), yours, stale
 * (your ratings changed since a list of yours was computed), explaining (the lines'
 * reasons are being worked out), explain-note (why the lines have none, NULL when they
 * will).
 */
#pragma once

#include <gio/gio.h>

#include "cg-catalog-model.h"
#include "cg-ratings-store.h"
#include "cg-trained-model.h"

G_BEGIN_DECLS

#define CG_TYPE_RECOMMENDATION_LIST (cg_recommendation_list_get_type ())

G_DECLARE_FINAL_TYPE (CgRecommendationList, cg_recommendation_list, CG, RECOMMENDATION_LIST,
                      GObject)

CgRecommendationList *cg_recommendation_list_new          (void);

void            cg_recommendation_list_set_model          (CgRecommendationList *self,
                                                           CgTrainedModel       *model);
CgTrainedModel *cg_recommendation_list_get_model          (CgRecommendationList *self);
/* Where the lines' movies come from (so they share your ratings with the catalogue). */
void            cg_recommendation_list_set_catalog        (CgRecommendationList *self,
                                                           CgCatalogModel       *catalog);
void            cg_recommendation_list_set_ratings        (CgRecommendationList *self,
                                                           CgRatingsStore       *ratings);
/* 0 for you, else a dataset user's raw ID. */
void            cg_recommendation_list_set_user           (CgRecommendationList *self,
                                                           guint32               user);
guint32         cg_recommendation_list_get_user           (CgRecommendationList *self);
void            cg_recommendation_list_set_k              (CgRecommendationList *self,
                                                           guint                 k);
guint           cg_recommendation_list_get_k              (CgRecommendationList *self);
/* Rounded up to a multiple of the model's own noise_draws (each call of the model averages
 * that many). */
void            cg_recommendation_list_set_noise_draws    (CgRecommendationList *self,
                                                           guint                 draws);
guint           cg_recommendation_list_get_noise_draws    (CgRecommendationList *self);

/* The lines (CgRecommendationItem), best first. */
GListModel     *cg_recommendation_list_get_items          (CgRecommendationList *self);
/* What the user liked (CgMovieItem): in training for a dataset user, your liked movies
 * (or, for an id-mode model, what you liked when it was trained) for you. */
GListModel     *cg_recommendation_list_get_liked          (CgRecommendationList *self);
const char     *cg_recommendation_list_get_summary        (CgRecommendationList *self);
const char     *cg_recommendation_list_get_empty_message  (CgRecommendationList *self);
const char     *cg_recommendation_list_get_liked_title    (CgRecommendationList *self);
/* Whether the list depends on your ratings (it is yours). */
gboolean        cg_recommendation_list_get_yours          (CgRecommendationList *self);
gboolean        cg_recommendation_list_get_stale          (CgRecommendationList *self);
gboolean        cg_recommendation_list_get_explaining     (CgRecommendationList *self);
const char     *cg_recommendation_list_get_explain_note   (CgRecommendationList *self);

/* Recomputes now instead of at the next idle. */
void            cg_recommendation_list_refresh            (CgRecommendationList *self);

G_END_DECLS
