/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-private.h: what the Training page's three source files share.
 *
 * CgTrainingView is one class split by topic: cg-training-view.c has the type (properties,
 * the ::model-trained signal, the training.* actions, dispose), cg-training-view-form.c
 * the settings form, cg-training-view-run.c a training run (its worker thread, progress
 * and plots). They share the instance struct and the few functions below; nothing else
 * includes this header.
 */
#pragma once

#include <adwaita.h>

#include "cg-metrics.h"
#include "cg-progress-mailbox.h"
#include "cg-trainer.h"
#include "cg-training-view.h"

G_BEGIN_DECLS

struct _CgTrainingView
{
  GtkWidget          parent_instance;

  /* template widgets */
  GtkWidget         *paned;
  GtkWidget         *form_box;
  AdwPreferencesGroup *data_group;
  AdwPreferencesGroup *settings_group;
  GtkProgressBar    *progress_bar;
  GtkLabel          *status_label;
  CgPlot            *loss_plot;
  CgPlot            *metrics_plot;

  /* built in init, owned by the template's groups */
  AdwComboRow       *split_row;
  GtkSpinButton     *threshold_spin;
  GtkSwitch         *include_me_switch;
  AdwActionRow      *include_me_row;
  GPtrArray         *field_widgets;     /* (n_fields) one control per config field: an
                                         * AdwComboRow for a choice, else a spin button */

  /* owned */
  char              *data_dir;
  CgRatingsStore    *ratings_store;
  GTask             *running;           /* the outer task of the run in progress */
  GCancellable      *cancellable;       /* of the run in progress */
  CgProgressMailbox *mailbox;           /* of the run in progress */
  guint              run_k;             /* K of the metrics series being plotted */
  CgMetrics          run_baseline;
  gboolean           has_run_baseline;
  CgEpochRecord      last_record;
  gboolean           has_last_record;
  CgCgan            *model;             /* latest trained, until stolen */
  CgDataset         *dataset;           /* its dataset, until stolen */
  guint              baseline_serial;   /* drops stale baseline results */
};

typedef enum
{
  PROP_0,
  PROP_DATA_DIR,
  PROP_INCLUDE_ME,
  PROP_TRAINING,
  N_PROPS
} CgTrainingViewProperty;

/* cg-training-view.c */
void _cg_training_view_notify              (CgTrainingView         *self,
                                            CgTrainingViewProperty  prop);
/* Emits ::model-trained with self->model and self->dataset. */
void _cg_training_view_emit_model_trained  (CgTrainingView         *self,
                                            guint32                 you_user_id,
                                            gboolean                complete);
/* Enables the training.* actions and the form to match whether a run is in progress. */
void _cg_training_view_update_actions      (CgTrainingView         *self);

/* cg-training-view-form.c: fills the template's list boxes with one row per setting. */
void _cg_training_view_build_form          (CgTrainingView         *self);

/* cg-training-view-run.c: empties both plots and sets up their series for metrics at k. */
void _cg_training_view_reset_plots         (CgTrainingView         *self,
                                            guint                   k);

G_END_DECLS
