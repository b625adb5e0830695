/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dataset-chooser.h: the MovieLens releases found on this computer, to open one.
 *
 * A modal window over a CgWindow listing every release cg_data_dir_discover finds — its
 * name, its folder and why that folder was looked at — with its movies and ratings, counted
 * in a worker thread while the list is already on screen. The folder the window has open is
 * marked. Activating a row opens that folder in the window (as Choose Dataset Folder… does,
 * so a failure keeps the dataset there and is shown by the window); Choose Folder… runs
 * that action. With nothing found it says where it looked and how to download a release.
 */
#pragma once

#include <adwaita.h>

#include "cg-data-dir.h"
#include "cg-window.h"

G_BEGIN_DECLS

#define CG_TYPE_DATASET_CHOOSER (cg_dataset_chooser_get_type ())

G_DECLARE_FINAL_TYPE (CgDatasetChooser, cg_dataset_chooser, CG, DATASET_CHOOSER, AdwWindow)

/* Looks for releases at once (a few stat calls a folder) and starts counting them; the
 * caller presents it. */
GtkWidget *cg_dataset_chooser_new          (CgWindow         *window);
/* The releases listed, in list order (CgDataSource, owned by the chooser; counted ones
 * have their counts). */
GPtrArray *cg_dataset_chooser_get_sources  (CgDatasetChooser *self);
/* TRUE while releases are still being counted. */
gboolean   cg_dataset_chooser_get_counting (CgDatasetChooser *self);

G_END_DECLS
