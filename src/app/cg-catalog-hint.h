/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-hint.h: the first steps, said once above the catalogue.
 *
 * Someone who has rated fewer than CG_CATALOG_HINT_ENOUGH movies reads how to get
 * recommendations: rate ten movies they know, then ask at once or train including their
 * ratings. It hides itself once they have rated that many, and for good when they close it
 * (the "catalogue-hint-dismissed" setting).
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-ratings-store.h"

G_BEGIN_DECLS

/* Ratings after which the hint has done its job. */
#define CG_CATALOG_HINT_ENOUGH 10

#define CG_TYPE_CATALOG_HINT (cg_catalog_hint_get_type ())

G_DECLARE_FINAL_TYPE (CgCatalogHint, cg_catalog_hint, CG, CATALOG_HINT, GtkWidget)

GtkWidget *cg_catalog_hint_new          (void);
/* What it follows: your ratings (for their number) and the settings (for whether it was
 * closed). Either may be NULL; without settings, closing it lasts until it is given some. */
void       cg_catalog_hint_set_ratings  (CgCatalogHint  *self,
                                         CgRatingsStore *ratings);
void       cg_catalog_hint_set_settings (CgCatalogHint  *self,
                                         GSettings      *settings);
/* Whether it shows (or is sliding in). */
gboolean   cg_catalog_hint_get_shown    (CgCatalogHint  *self);
/* Closes it, as its close button does. */
void       cg_catalog_hint_dismiss      (CgCatalogHint  *self);

G_END_DECLS
