/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view.h: the Training page — settings, a live run, and its two plots.
 *
 * A form with every setting of the engine (built from cg_cgan_config_fields, plus the
 * dataset's split and positive threshold), "Reset to Defaults" and "Include my ratings".
 * Start trains in a GTask worker thread on its own copy of the data; progress comes back
 * through a CgProgressMailbox, so the window stays responsive. Cancel stops within one
 * mini-batch and keeps the model of the last finished epoch. Two CgPlots show the losses
 * (per epoch, and per step smoothed) and Recall/NDCG/HitRate@K per epoch against the
 * popularity baseline; a loaded model's history redraws them.
 *
 * The view does not keep models for the application: ::model-trained hands each new one
 * over (cg_training_view_steal_model/_dataset), and the window decides what to do with it.
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-cgan.h"
#include "cg-dataset.h"
#include "cg-plot.h"
#include "cg-ratings-store.h"

G_BEGIN_DECLS

#define CG_TYPE_TRAINING_VIEW (cg_training_view_get_type ())

G_DECLARE_FINAL_TYPE (CgTrainingView, cg_training_view, CG, TRAINING_VIEW, GtkWidget)

/* Signal "model-trained" (CgTrainingView *self, gpointer model, gpointer dataset,
 *                         guint you_user_id, gboolean complete, gpointer user_data):
 * a run produced a model — complete, or as of the last finished epoch of a cancelled or
 * diverged run. model (CgCgan) and dataset (the CgDataset it was trained on, which holds
 * "you" as user you_user_id when that is not 0) stay owned by the view until stolen with
 * cg_training_view_steal_model/_dataset, the next run starts, or the view is disposed. */

GtkWidget      *cg_training_view_new                (void);

/* The MovieLens folder runs load their split from. Start is disabled while it is NULL. */
void            cg_training_view_set_data_dir       (CgTrainingView     *self,
                                                     const char         *data_dir);
const char     *cg_training_view_get_data_dir       (CgTrainingView     *self);
/* Where "Include my ratings" takes your ratings from; the view follows its changes. */
void            cg_training_view_set_ratings_store  (CgTrainingView     *self,
                                                     CgRatingsStore     *store);
void            cg_training_view_set_include_me     (CgTrainingView     *self,
                                                     gboolean            include_me);
gboolean        cg_training_view_get_include_me     (CgTrainingView     *self);

/* The form's settings. */
void            cg_training_view_get_config         (CgTrainingView     *self,
                                                     CgCganConfig       *config);
void            cg_training_view_set_config         (CgTrainingView     *self,
                                                     const CgCganConfig *config);
/* "u1" … "u5", "ua", "ub". */
const char     *cg_training_view_get_split          (CgTrainingView     *self);
void            cg_training_view_set_split          (CgTrainingView     *self,
                                                     const char         *split);
guint           cg_training_view_get_threshold      (CgTrainingView     *self);
void            cg_training_view_set_threshold      (CgTrainingView     *self,
                                                     guint               threshold);
/* Every setting back to its default. */
void            cg_training_view_reset              (CgTrainingView     *self);

/* Shows a loaded model: its settings in the form and its history in the plots (with the
 * popularity baseline of the form's split). Not needed after ::model-trained: the plots
 * already show that run, with its per-step losses, which a history does not keep. */
void            cg_training_view_set_model          (CgTrainingView     *self,
                                                     const CgCgan       *model);

gboolean        cg_training_view_get_training       (CgTrainingView     *self);
/* Starts a run with the form's settings, as the Start button does (no-op while one runs). */
void            cg_training_view_start              (CgTrainingView     *self);
/* Asks the running training to stop after its current mini-batch. */
void            cg_training_view_cancel             (CgTrainingView     *self);

/* The same run, for callers that want its outcome: TRUE when every epoch finished; else
 * an error — G_IO_ERROR_CANCELLED, CG_ERROR_DIVERGED, a dataset error, … — while the
 * model of the last finished epoch (if any) has still gone out through ::model-trained.
 * The view shows the outcome itself either way. */
void            cg_training_view_train_async        (CgTrainingView     *self,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean        cg_training_view_train_finish       (CgTrainingView     *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* Ownership of the latest model and its dataset (NULL once stolen or before any run). */
CgCgan         *cg_training_view_steal_model        (CgTrainingView     *self);
CgDataset      *cg_training_view_steal_dataset      (CgTrainingView     *self);

/* The plots, for tests and exports. */
CgPlot         *cg_training_view_get_loss_plot      (CgTrainingView     *self);
CgPlot         *cg_training_view_get_metrics_plot   (CgTrainingView     *self);

G_END_DECLS
