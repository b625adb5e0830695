/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendations-view.h: the Recommendations page — a top-K list for you or any user.
 *
 * Shows the current model's top K for "You" or a dataset user picked by raw ID: rank,
 * movie ID, title, year, genres, score and your own rating as stars you can click. For a
 * dataset user it also lists what they liked in training and marks the recommendations
 * that are hits in their test set. Rated items are never recommended. Scores are averaged
 * over the noise draws set in the view.
 *
 * "You" with a history-mode model follows your ratings live, without retraining; with an
 * id-mode model you get a list only if that model was trained including you.
 *
 * The view never writes a rating: a click on a star emits ::rate-movie and the window
 * routes it to the ratings store, whose change flows back here.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-cgan.h"
#include "cg-dataset.h"
#include "cg-ratings-store.h"

G_BEGIN_DECLS

#define CG_TYPE_RECOMMENDATIONS_VIEW (cg_recommendations_view_get_type ())

G_DECLARE_FINAL_TYPE (CgRecommendationsView, cg_recommendations_view, CG,
                      RECOMMENDATIONS_VIEW, GtkWidget)

/* Signals
 * "rate-movie" (CgRecommendationsView *self, guint movie_id, guint rating, gpointer data):
 *   a star was clicked; rating is 1–5, or 0 to clear (the current star clicked again).
 * "train-including-me" (CgRecommendationsView *self, gpointer data):
 *   emitted by "Train Including Me" just before it activates win.train; the handler turns
 *   the training view's include-me on. */

GtkWidget   *cg_recommendations_view_new                (void);

/* The model and the dataset it was trained on ("you" is its user you_user_id, 0 when you
 * were not part of training). Borrowed: call again (or with NULLs) before freeing them. */
void         cg_recommendations_view_set_model          (CgRecommendationsView *self,
                                                         CgCgan                *model,
                                                         const CgDataset       *dataset,
                                                         guint32                you_user_id);
void         cg_recommendations_view_set_ratings_store  (CgRecommendationsView *self,
                                                         CgRatingsStore        *store);

/* Recommend for you, or for the dataset user with this raw ID (FALSE when there is none). */
void         cg_recommendations_view_show_you           (CgRecommendationsView *self);
gboolean     cg_recommendations_view_show_user          (CgRecommendationsView *self,
                                                         guint32                user_id);
/* 0 while showing "You". */
guint32      cg_recommendations_view_get_user           (CgRecommendationsView *self);

void         cg_recommendations_view_set_k              (CgRecommendationsView *self,
                                                         guint                  k);
guint        cg_recommendations_view_get_k              (CgRecommendationsView *self);
/* Rounded up to a multiple of the model's own noise_draws. */
void         cg_recommendations_view_set_noise_draws    (CgRecommendationsView *self,
                                                         guint                  draws);
guint        cg_recommendations_view_get_noise_draws    (CgRecommendationsView *self);

/* The list shown (CgRecommendationRow), empty when there is none; for tests. */
GListModel  *cg_recommendations_view_get_rows           (CgRecommendationsView *self);
/* The side list's lines ("Title · year", GtkStringObject), what the user liked in
 * training; for tests. */
GListModel  *cg_recommendations_view_get_side_items     (CgRecommendationsView *self);
/* The line above the list, which says for whom, from what, and how long it took. */
const char  *cg_recommendations_view_get_summary        (CgRecommendationsView *self);
/* Recomputes now instead of at the next idle (tests). */
void         cg_recommendations_view_refresh            (CgRecommendationsView *self);

G_END_DECLS
