/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window.h: the main window — header bar, the three views, and the current model.
 *
 * The window finds and loads the dataset (or shows what is missing and how to get it),
 * holds the one current model with the dataset it was trained on and its file, and runs the
 * file actions on it. The async calls below are what the dialogs call once a file is
 * chosen; tests use them directly.
 */
#pragma once

#include <adwaita.h>

#include "cg-application.h"
#include "cg-catalog-view.h"
#include "cg-cgan.h"
#include "cg-dataset.h"

G_BEGIN_DECLS

#define CG_TYPE_WINDOW (cg_window_get_type ())

G_DECLARE_FINAL_TYPE (CgWindow, cg_window, CG, WINDOW, AdwApplicationWindow)

/* Starts looking for the dataset at once (see cg-data-dir.h for where). */
CgWindow        *cg_window_new                 (CgApplication       *application);

/* Loads dir as the dataset (split u1, positives ≥ 4) for the catalogue and the views. On
 * failure the "dataset not found" page shows the error and FALSE is returned. */
void             cg_window_load_dataset_async  (CgWindow            *self,
                                                const char          *dir,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean         cg_window_load_dataset_finish (CgWindow            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Saves the current model to file (atomically); on success it becomes the model's file
 * and the model counts as saved. */
gboolean         cg_window_save_model          (CgWindow            *self,
                                                GFile               *file,
                                                GError             **error);
/* Loads a model file and the dataset split it was trained on; on success it replaces the
 * current model, on failure the current model stays. Does not ask about unsaved changes:
 * the Open action does that before choosing the file. Fails with G_IO_ERROR_BUSY while a
 * training runs (its model would replace the opened one when it ends). */
void             cg_window_open_model_async    (CgWindow            *self,
                                                GFile               *file,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean         cg_window_open_model_finish   (CgWindow            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* "loading", "missing" (the dataset was not found or could not be read) or "views". */
const char      *cg_window_get_page            (CgWindow            *self);

/* "catalogue", "training" or "recommendations". */
void             cg_window_show_view           (CgWindow            *self,
                                                const char          *name);

const char      *cg_window_get_data_dir        (CgWindow            *self);
const CgDataset *cg_window_get_dataset         (CgWindow            *self);
CgCgan          *cg_window_get_model           (CgWindow            *self);
GFile           *cg_window_get_model_file      (CgWindow            *self);
gboolean         cg_window_get_model_dirty     (CgWindow            *self);
CgCatalogView   *cg_window_get_catalog_view    (CgWindow            *self);
GtkWidget       *cg_window_get_training_view   (CgWindow            *self);
GtkWidget       *cg_window_get_recommendations_view (CgWindow       *self);

G_END_DECLS
