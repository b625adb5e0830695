/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-private.h: what the Training page's three source files share.
 *
 * CgTrainingView is one class split by topic: cg-training-view.c has the type (the
 * session it follows, the training.* actions, dispose), cg-training-view-form.c the
 * settings form, cg-training-view-plots.c what the plots and the status show (a run as it
 * goes, or an opened model's history). They share the instance struct and the few
 * functions below; nothing else includes this header.
 */
#pragma once

#include <adwaita.h>

#include "cg-training-view.h"

G_BEGIN_DECLS

static inline CgSession *
_cg_training_view_session (CgTrainingView *self)
{
  return cg_session_view_get_session (CG_SESSION_VIEW (self));
}

struct _CgTrainingView
{
  CgSessionView        parent_instance;

  /* template widgets */
  GtkWidget           *paned;
  GtkWidget           *form_box;
  AdwPreferencesGroup *data_group;
  AdwPreferencesGroup *settings_group;
  GtkProgressBar      *progress_bar;
  GtkLabel            *status_label;
  CgPlot              *loss_plot;
  CgPlot              *metrics_plot;
  CgPlot              *diagnostics_plot;

  /* built in init, owned by the template's groups */
  AdwComboRow         *split_row;
  GtkSpinButton       *threshold_spin;
  GtkSwitch           *include_me_switch;
  AdwActionRow        *include_me_row;
  AdwActionRow        *memory_row;        /* what training with the form's settings needs */
  GPtrArray           *field_widgets;     /* (n_fields) one control per config field: an
                                           * AdwComboRow for a choice, else a spin button */

  /* owned */
  CgTrainingRun       *run;               /* the run shown, if any */
  CgTrainedModel      *history_model;     /* the model whose history is shown, if any */
  guint                plot_k;            /* K of the metrics series being plotted */
  guint                baseline_serial;   /* drops stale baseline results */
  char                *collapse;          /* the collapse the history shows, or NULL */
  double               entropy_1;         /* G's entropy and popularity at the first epoch */
  double               popularity_1;      /* plotted (the ratios' denominators), or NaN */
};

/* cg-training-view-form.c: fills the template's groups with one row per setting. */
void _cg_training_view_build_form          (CgTrainingView         *self);
/* Shows the memory the form's settings need on the loaded dataset. */
void _cg_training_view_update_memory       (CgTrainingView         *self);
/* Follows the session's ratings store for "Include my ratings"'s subtitle. */
void _cg_training_view_follow_ratings      (CgTrainingView         *self,
                                            CgRatingsStore         *old_store,
                                            CgRatingsStore         *new_store);

/* cg-training-view-plots.c */
/* Empties the plots and sets up their series for metrics at k. */
void _cg_training_view_reset_plots         (CgTrainingView         *self,
                                            guint                   k);
/* Shows run (its history so far, then what it reports), or nothing new when NULL. */
void _cg_training_view_show_run            (CgTrainingView         *self,
                                            CgTrainingRun          *run);
/* Shows an opened model: its settings in the form and its history in the plots. */
void _cg_training_view_show_model          (CgTrainingView         *self,
                                            CgTrainedModel         *model);
/* Enables the training.* actions and the form to match the session. */
void _cg_training_view_update_actions      (CgTrainingView         *self);

G_END_DECLS
