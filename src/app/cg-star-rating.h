/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-star-rating.h: your rating of a movie as five stars, one control.
 *
 * Shows rating (0–5) as filled stars; pointing at star n lights stars 1…n. It never
 * changes its own rating: a click on star n, or a key (1–5, arrows, Home/End; 0, Delete or
 * BackSpace to clear), emits ::rate with what the rating should become — a click on the
 * current star clears it — and whoever keeps the ratings applies it, which comes back as
 * a new rating. One focusable control, so keyboard users pass it with one Tab; it reads as
 * a slider from 0 to 5 to screen readers.
 *
 * Signal "rate" (CgStarRating *self, guint rating, gpointer user_data).
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CG_TYPE_STAR_RATING (cg_star_rating_get_type ())

G_DECLARE_FINAL_TYPE (CgStarRating, cg_star_rating, CG, STAR_RATING, GtkWidget)

#define CG_STAR_RATING_MAX 5

GtkWidget *cg_star_rating_new          (void);
guint      cg_star_rating_get_rating   (CgStarRating *self);
void       cg_star_rating_set_rating   (CgStarRating *self,
                                        guint         rating);
/* What a click on star n (1–5) does: emits ::rate with n, or 0 if n is the rating. */
void       cg_star_rating_activate_star (CgStarRating *self,
                                         guint         n);

G_END_DECLS
