/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view.h: the Training page — settings, the session's run, and its plots.
 *
 * A form with every setting of the engine (built from cg_cgan_config_fields, plus the
 * dataset's split and positive threshold): a preset, the epochs, the seed, "Include my
 * ratings" and the time and memory a training needs on show, the rest in collapsed
 * Advanced sections; "Reset to Defaults".
 * Start asks the window (win.train, which may first ask about an unsaved model) and the
 * session starts the run; the page shows the session's run as it goes — progress, status,
 * the losses (per epoch, and per step smoothed) and Recall/NDCG/HitRate@K per epoch
 * against the popularity baseline, and the adversarial game — D's accuracy on real and on
 * generated pairs, coverage@K, and G's entropy and its lists' popularity relative to the
 * first epoch — with a collapse named in the status line. With no run but a model (one
 * opened from a file), it shows the model's settings and history instead.
 *
 * Beside the settings, the kept runs (cg-runs-list.h): picking two or more overlays their
 * curves; an ablation queues runs that differ in one setting. Narrower than the settings
 * and the plots need side by side, the sidebar folds over the plots (a toggle and F9).
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-plot.h"
#include "cg-runs-list.h"
#include "cg-runs-store.h"
#include "cg-session-view.h"

G_BEGIN_DECLS

#define CG_TYPE_TRAINING_VIEW (cg_training_view_get_type ())

G_DECLARE_FINAL_TYPE (CgTrainingView, cg_training_view, CG, TRAINING_VIEW, CgSessionView)

GtkWidget      *cg_training_view_new                (void);

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
void            cg_training_view_set_include_me     (CgTrainingView     *self,
                                                     gboolean            include_me);
gboolean        cg_training_view_get_include_me     (CgTrainingView     *self);
/* Every setting back to its default. */
void            cg_training_view_reset              (CgTrainingView     *self);

/* Starts a run of the session with the form's settings (what win.train does once it may):
 * the run, or NULL when none could start (one runs already, or no dataset is loaded). */
CgTrainingRun  *cg_training_view_start              (CgTrainingView     *self);

/* The plots, for tests and exports. */
CgPlot         *cg_training_view_get_loss_plot      (CgTrainingView     *self);
CgPlot         *cg_training_view_get_metrics_plot   (CgTrainingView     *self);
CgPlot         *cg_training_view_get_diagnostics_plot (CgTrainingView   *self);

/* The kept runs: by default the process's store (cg_runs_store_dup_default). */
void            cg_training_view_set_runs_store     (CgTrainingView     *self,
                                                     CgRunsStore        *store);
CgRunsStore    *cg_training_view_get_runs_store     (CgTrainingView     *self);
CgRunsList     *cg_training_view_get_runs_list      (CgTrainingView     *self);
/* Whether an ablation queue is going (training.ablation, until its last run or Cancel). */
gboolean        cg_training_view_get_ablation_running (CgTrainingView   *self);
/* Ends the queue without touching a run going: for a first run that never started (its
 * unsaved-model question answered Cancel). */
void            cg_training_view_stop_ablation      (CgTrainingView     *self);

G_END_DECLS
