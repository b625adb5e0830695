/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendations-view.h: the Recommendations page — a top-K list for you or any user.
 *
 * Shows the CgRecommendationList of the session's current model: rank, movie ID, title,
 * year, genres, score and your own rating as stars you can click; for a dataset user also
 * what they liked in training, and which recommendations are hits in their test set.
 *
 * The view never writes a rating: the stars (or 1–5, 0/Delete on the selected row)
 * activate win.rate-movie with (movie ID, rating), and the change comes back through the
 * ratings store. "Train Including Me" activates win.train-including-me, and its tooltip
 * says what that does and about how long it takes with the settings it is given.
 *
 * With a history-mode model each row says why the movie is there ("Because you liked A,
 * B"), under its title and in its tooltip, once the list has worked it out; an id-mode
 * model's list says explanations need history mode.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-recommendation-list.h"
#include "cg-session-view.h"

G_BEGIN_DECLS

#define CG_TYPE_RECOMMENDATIONS_VIEW (cg_recommendations_view_get_type ())

G_DECLARE_FINAL_TYPE (CgRecommendationsView, cg_recommendations_view, CG,
                      RECOMMENDATIONS_VIEW, CgSessionView)

GtkWidget            *cg_recommendations_view_new          (void);

/* Recommend for you (0), or for the dataset user with this raw ID. */
void                  cg_recommendations_view_show_user    (CgRecommendationsView *self,
                                                            guint32                user);
/* The settings Train Including Me would train with (the Training page's). */
void                  cg_recommendations_view_set_training_config
                                                           (CgRecommendationsView *self,
                                                            const CgCganConfig    *config);
/* What the page shows. */
CgRecommendationList *cg_recommendations_view_get_list     (CgRecommendationsView *self);

G_END_DECLS
