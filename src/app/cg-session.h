/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-session.h: what one window works on — the dataset, the current model, the training run.
 *
 * The session is the one owner of the current model: a CgTrainedModel (the model and the
 * dataset it was trained on, with "you" in it when you were part of training), the file it
 * was opened from or saved to, and whether it changed since. Views hold the session and
 * follow its properties; whoever shows the model holds a reference to it, so replacing it
 * never frees data under anyone.
 *
 * It also loads the dataset the catalogue shows (split u1, the default threshold) into its
 * CgCatalogModel, and starts training runs: the latest run stays the session's "run"
 * after it ends (its plots are still on screen), and a run that ends with a model makes it
 * the current, unsaved one.
 *
 * Properties (read-only, notify): ratings, catalog, data-dir, loading, model, file,
 * unsaved, you-user-id, liked-threshold, run, training, busy.
 */
#pragma once

#include <gio/gio.h>

#include "cg-catalog-model.h"
#include "cg-file.h"
#include "cg-ratings-store.h"
#include "cg-trained-model.h"
#include "cg-trainer-memory.h"
#include "cg-training-run.h"

G_BEGIN_DECLS

#define CG_TYPE_SESSION (cg_session_get_type ())

G_DECLARE_FINAL_TYPE (CgSession, cg_session, CG, SESSION, GObject)

CgSession      *cg_session_new                  (CgRatingsStore       *ratings);

CgRatingsStore *cg_session_get_ratings          (CgSession            *self);
CgCatalogModel *cg_session_get_catalog          (CgSession            *self);

/* ---- the dataset ---- */

/* The folder of the loaded dataset, NULL until one is loaded. */
const char     *cg_session_get_data_dir         (CgSession            *self);
gboolean        cg_session_get_loading          (CgSession            *self);
/* The loaded dataset's counts, for estimates such as a training's memory; FALSE (and shape
 * untouched) before one is loaded. They are the catalogue split's (u1 on ML-100K), within a
 * few percent of any other split's. */
gboolean        cg_session_get_dataset_shape    (CgSession            *self,
                                                 CgDatasetShape       *shape);
/* Loads dir's split u1 (default threshold) on a worker thread for the catalogue; on
 * failure the dataset loaded before, if any, stays. */
void            cg_session_load_dataset_async   (CgSession            *self,
                                                 const char           *dir,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        cg_session_load_dataset_finish  (CgSession            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* ---- the current model ---- */

CgTrainedModel *cg_session_get_model            (CgSession            *self);
/* The file the model was opened from or last saved to, NULL for a model never saved. */
GFile          *cg_session_get_file             (CgSession            *self);
/* Whether the model changed since it was opened or saved (a trained model is unsaved). */
gboolean        cg_session_get_unsaved          (CgSession            *self);
/* You as a user of the model's dataset, 0 when you were not part of its training. */
guint32         cg_session_get_you_user_id      (CgSession            *self);
/* What counts as liked: the current model's threshold, else the default. */
guint           cg_session_get_liked_threshold  (CgSession            *self);
/* Whether the current model was trained with you in it, on exactly your current ratings:
 * then training again including you would learn nothing new. */
gboolean        cg_session_get_model_has_your_ratings (CgSession      *self);
/* Opening or loading: file and dataset actions wait. */
gboolean        cg_session_get_busy             (CgSession            *self);

/* Makes model (which may be NULL) the current model. */
void            cg_session_set_model            (CgSession            *self,
                                                 CgTrainedModel       *model,
                                                 GFile                *file,
                                                 gboolean              unsaved);
/* Saves the current model to file (atomically) with your ratings; on success it becomes
 * the model's file and the model counts as saved. */
gboolean        cg_session_save_model           (CgSession            *self,
                                                 GFile                *file,
                                                 GError              **error);
/* The same, with flags: a read-only file is refused (CG_ERROR_READ_ONLY) unless flags
 * say the person agreed to replace it (CG_FILE_REPLACE_READ_ONLY). */
gboolean        cg_session_save_model_full      (CgSession            *self,
                                                 GFile                *file,
                                                 CgFileReplaceFlags    flags,
                                                 GError              **error);
/* Loads a model file and the dataset split it was trained on (from the loaded dataset's
 * folder) on a worker thread; on success it replaces the current model, on failure the
 * current model stays. Fails with G_IO_ERROR_BUSY while a training runs (its model would
 * replace the opened one when it ends). */
void            cg_session_open_model_async     (CgSession            *self,
                                                 GFile                *file,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        cg_session_open_model_finish    (CgSession            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

/* ---- training ---- */

/* The latest run (running or ended), NULL before the first or after a model was opened. */
CgTrainingRun  *cg_session_get_run              (CgSession            *self);
gboolean        cg_session_get_training         (CgSession            *self);
/* Starts a run on the loaded dataset's folder with these settings, with your ratings as
 * one more user when include_me; it becomes the session's run. NULL (and nothing starts)
 * while a run goes or before a dataset is loaded. */
CgTrainingRun  *cg_session_train                (CgSession            *self,
                                                 const char           *split,
                                                 guint                 threshold,
                                                 const CgCganConfig   *config,
                                                 gboolean              include_me);
void            cg_session_cancel_training      (CgSession            *self);

/* Cancels everything in flight (the window is closing): loads and opens end as
 * cancelled, a run stops after its mini-batch and still hands over its model. */
void            cg_session_shutdown             (CgSession            *self);

G_END_DECLS
