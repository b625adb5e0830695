/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-card.h: one movie in the catalogue grid, with your rating as five stars.
 *
 * The card shows a CgMovieItem and follows its your-rating with a CgStarRating. It never
 * writes the rating itself: the stars or the clear button emit ::rate with what the rating
 * should become, and whoever owns the ratings store applies it — the store's change then
 * flows back to the item and the stars.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-movie-item.h"
#include "cg-star-rating.h"

G_BEGIN_DECLS

#define CG_TYPE_MOVIE_CARD (cg_movie_card_get_type ())

G_DECLARE_FINAL_TYPE (CgMovieCard, cg_movie_card, CG, MOVIE_CARD, GtkWidget)

GtkWidget   *cg_movie_card_new          (void);
CgMovieItem *cg_movie_card_get_item     (CgMovieCard *self);
void         cg_movie_card_set_item     (CgMovieCard *self,
                                         CgMovieItem *item);
/* The stars, whose ::rate the card passes on as its own. */
CgStarRating *cg_movie_card_get_stars   (CgMovieCard *self);
/* What the tooltip over the card's text says: the movie whole (NULL without a movie). */
const char  *cg_movie_card_get_tooltip_text (CgMovieCard *self);

G_END_DECLS
