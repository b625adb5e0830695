/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-view.h: the Catalogue page — search, filters, sort and the grid of movie cards.
 *
 * Shows the session's CgCatalogModel. A rating given on a card (mouse: stars and clear
 * button; keyboard: 1–5 rate the focused card, 0 or Delete clear it) activates
 * win.rate-movie with (movie ID, rating): the window applies it, and the change comes back
 * through the ratings store. The counter's "liked" follows the session's liked threshold
 * (what the current model was trained to count as liked).
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-session-view.h"

G_BEGIN_DECLS

#define CG_TYPE_CATALOG_VIEW (cg_catalog_view_get_type ())

G_DECLARE_FINAL_TYPE (CgCatalogView, cg_catalog_view, CG, CATALOG_VIEW, CgSessionView)

GtkWidget      *cg_catalog_view_new          (void);
/* Moves the keyboard focus to the search entry and selects its text (Ctrl+F). */
void            cg_catalog_view_focus_search (CgCatalogView  *self);

G_END_DECLS
