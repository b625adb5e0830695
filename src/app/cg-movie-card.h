/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-card.h: one movie in the catalogue grid, with your rating as five stars.
 *
 * The card shows a CgMovieItem and follows its your-rating. It never writes the rating
 * itself: a click emits ::rate with what the rating should become (the clicked star, or 0
 * when the current star is clicked again or the clear button is used), and whoever owns the
 * ratings store applies it — the store's change then flows back to the item and the stars.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-movie-item.h"

G_BEGIN_DECLS

#define CG_TYPE_MOVIE_CARD (cg_movie_card_get_type ())

G_DECLARE_FINAL_TYPE (CgMovieCard, cg_movie_card, CG, MOVIE_CARD, GtkWidget)

GtkWidget   *cg_movie_card_new          (void);
CgMovieItem *cg_movie_card_get_item     (CgMovieCard *self);
void         cg_movie_card_set_item     (CgMovieCard *self,
                                         CgMovieItem *item);
/* Emits ::rate as a click on star n (1–5) would: n, or 0 if n is the current rating. */
void         cg_movie_card_activate_star (CgMovieCard *self,
                                          guint        n);

G_END_DECLS
