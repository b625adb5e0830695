/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-application.h: the Cinegan AdwApplication.
 *
 * Parses --data-dir (the MovieLens folder; $CINEGAN_DATA_DIR and the other places of
 * cg-data-dir.h are tried when it is absent), owns the one CgRatingsStore every window
 * shares, the settings, and the app-wide actions: app.quit, app.about, app.help (F1: the
 * guide on the project's site) and app.color-scheme
 * (the "color-scheme" setting: follow the system, light or dark, through AdwStyleManager). The shortcuts window is
 * gtk/help-overlay.ui, which GtkApplication gives every window as win.show-help-overlay.
 */
#pragma once

#include <adwaita.h>

#include "cg-ratings-store.h"

G_BEGIN_DECLS

#define CG_TYPE_APPLICATION (cg_application_get_type ())

G_DECLARE_FINAL_TYPE (CgApplication, cg_application, CG, APPLICATION, AdwApplication)

CgApplication  *cg_application_new               (void);
/* The --data-dir given on the command line, or NULL. */
const char     *cg_application_get_data_dir      (CgApplication *self);
CgRatingsStore *cg_application_get_ratings_store (CgApplication *self);
/* The app's settings (its schema, APPLICATION_ID), once it has started. */
GSettings      *cg_application_get_settings      (CgApplication *self);

G_END_DECLS
