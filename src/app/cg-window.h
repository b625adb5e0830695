/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window.h: the main window — header bar, the three views, and the file actions.
 *
 * The window holds a CgSession (the dataset, the current model and its file, the training
 * run) that its views follow. It finds and loads the dataset (or shows what is missing and
 * how to get it) and runs the actions on the session: open, save, train, rate.
 */
#pragma once

#include <adwaita.h>

#include "cg-application.h"
#include "cg-session.h"

G_BEGIN_DECLS

#define CG_TYPE_WINDOW (cg_window_get_type ())

G_DECLARE_FINAL_TYPE (CgWindow, cg_window, CG, WINDOW, AdwApplicationWindow)

/* Starts looking for the dataset at once (see cg-data-dir.h for where). */
CgWindow        *cg_window_new                 (CgApplication       *application);
CgSession       *cg_window_get_session         (CgWindow            *self);

/* Loads dir as the catalogue's dataset, as Choose Dataset Folder… does: on success it is
 * the folder looked in first at the next start. On failure the "dataset not found" page
 * shows the error (or, when a dataset was loaded before, a dialog says so and it stays)
 * and FALSE is returned. */
void             cg_window_load_dataset_async  (CgWindow            *self,
                                                const char          *dir,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean         cg_window_load_dataset_finish (CgWindow            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Opens a model file, as Open… does once the file is chosen: asks first about an unsaved
 * model; an error is shown in a dialog. Before the dataset is loaded, the file waits
 * until it is. */
void             cg_window_open_file           (CgWindow            *self,
                                                GFile               *file);

/* "loading", "missing" (the dataset was not found or could not be read) or "views". */
const char      *cg_window_get_page            (CgWindow            *self);
/* "catalogue", "training" or "recommendations". */
void             cg_window_show_view           (CgWindow            *self,
                                                const char          *name);
const char      *cg_window_get_view            (CgWindow            *self);

/* The command that downloads the releases where the window looks for them:
 * "sh /usr/share/cinegan/fetch-movielens.sh ~/.local/share/cinegan", newly allocated. */
char            *cg_window_dup_fetch_command   (void);

GtkWidget       *cg_window_get_catalog_view    (CgWindow            *self);
GtkWidget       *cg_window_get_training_view   (CgWindow            *self);
GtkWidget       *cg_window_get_recommendations_view (CgWindow       *self);

G_END_DECLS
