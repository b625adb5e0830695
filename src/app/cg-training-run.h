/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-run.h: one training run — its settings, its progress, its model.
 *
 * A run copies everything it trains from when it is made (the folder, split, threshold,
 * settings and your ratings), loads the split on a worker thread, adds you as one more
 * user when asked, measures the popularity baseline the metrics are compared with, and
 * trains. It keeps what it reported — every epoch's record and the smoothed per-step
 * losses — so a view can draw a run that started before it was shown, and tells about
 * each new piece on the main thread, a few times a second at most (a steady stream of
 * redraws would take CPU from the training threads).
 *
 * Cancel stops within one mini-batch. Whatever the outcome, the model of the last finished
 * epoch (if any) is the run's model. While a run goes, it holds the default application,
 * so the process outlives a window closed mid-run until the worker has returned.
 *
 * Signals (on the main thread):
 *   "steps-added" (CgTrainingRun *run, guint position, guint n_added): new per-step samples
 *     at position in get_steps.
 *   "epoch-finished" (CgTrainingRun *run, guint index): get_epochs ()[index] is new.
 *   "baseline-measured" (CgTrainingRun *run): get_baseline has the popularity figures.
 * Properties: state, fraction, progress-text, status, status-is-error, model.
 */
#pragma once

#include <gio/gio.h>

#include "cg-cgan.h"
#include "cg-progress-mailbox.h"
#include "cg-trained-model.h"

G_BEGIN_DECLS

typedef enum
{
  CG_TRAINING_RUN_READY,      /* made, not started */
  CG_TRAINING_RUN_RUNNING,
  CG_TRAINING_RUN_FINISHED,   /* every epoch */
  CG_TRAINING_RUN_CANCELLED,  /* by cancel; the model, if any, is the last finished epoch's */
  CG_TRAINING_RUN_FAILED,     /* an error (the dataset, divergence, …); status says which */
} CgTrainingRunState;

#define CG_TYPE_TRAINING_RUN_STATE (cg_training_run_state_get_type ())
GType cg_training_run_state_get_type (void) G_GNUC_CONST;

#define CG_TYPE_TRAINING_RUN (cg_training_run_get_type ())

G_DECLARE_FINAL_TYPE (CgTrainingRun, cg_training_run, CG, TRAINING_RUN, GObject)

/* you (n_you ratings, raw movie IDs; copied) is NULL unless you are part of training. */
CgTrainingRun       *cg_training_run_new              (const char          *data_dir,
                                                       const char          *split,
                                                       guint                threshold,
                                                       const CgCganConfig  *config,
                                                       const CgRating      *you,
                                                       gsize                n_you);

/* Runs it (once). TRUE when every epoch finished; else an error — G_IO_ERROR_CANCELLED,
 * CG_ERROR_DIVERGED, a dataset error, … — while get_model still gives the model of the
 * last finished epoch, if any. */
void                 cg_training_run_run_async        (CgTrainingRun       *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean             cg_training_run_run_finish       (CgTrainingRun       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Asks the worker to stop after its current mini-batch. */
void                 cg_training_run_cancel           (CgTrainingRun       *self);

const char          *cg_training_run_get_data_dir     (CgTrainingRun       *self);
const char          *cg_training_run_get_split        (CgTrainingRun       *self);
guint                cg_training_run_get_threshold    (CgTrainingRun       *self);
const CgCganConfig  *cg_training_run_get_config       (CgTrainingRun       *self);
/* Whether your ratings went in (FALSE when asked for but you had rated nothing). */
gboolean             cg_training_run_get_includes_you (CgTrainingRun       *self);

CgTrainingRunState   cg_training_run_get_state        (CgTrainingRun       *self);
gboolean             cg_training_run_is_running       (CgTrainingRun       *self);
/* Share of the run done, in [0, 1]. */
double               cg_training_run_get_fraction     (CgTrainingRun       *self);
/* "Epoch 3 of 40 · step 12 of 54 · 1:05 left", "Done", "Cancelled", … */
const char          *cg_training_run_get_progress_text (CgTrainingRun      *self);
/* What the run is doing, or how it ended, in a sentence. */
const char          *cg_training_run_get_status       (CgTrainingRun       *self);
gboolean             cg_training_run_get_status_is_error (CgTrainingRun    *self);
/* The model (NULL until the run has ended with at least one finished epoch). */
CgTrainedModel      *cg_training_run_get_model        (CgTrainingRun       *self);

/* What was reported so far, oldest first. */
const CgEpochRecord *cg_training_run_get_epochs       (CgTrainingRun       *self,
                                                       guint               *n_epochs);
const CgStepSample  *cg_training_run_get_steps        (CgTrainingRun       *self,
                                                       guint               *n_steps);
/* The popularity baseline on the run's data at the run's K; FALSE until measured. */
gboolean             cg_training_run_get_baseline     (CgTrainingRun       *self,
                                                       CgMetrics           *baseline);

G_END_DECLS
