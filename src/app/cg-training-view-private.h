/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-private.h: what the Training page's three source files share.
 *
 * CgTrainingView is one class split by topic: cg-training-view.c has the type (the
 * session it follows, the training.* actions, dispose), cg-training-view-form.c the
 * settings form, cg-training-view-fields.c where each setting sits in it and what it is
 * called, cg-training-view-plots.c what the plots and the status show (a run as it goes,
 * or an opened model's history), cg-training-view-export.c saving the plots and history,
 * cg-training-view-runs.c the kept runs (recording them, overlaying the picked ones, the
 * ablation queues). They share the instance struct and the few functions below; nothing
 * else includes this header.
 */
#pragma once

#include <adwaita.h>

#include "cg-runs-list.h"
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
  AdwFlap             *flap;
  GtkWidget           *sidebar_toggle;    /* shown while the flap is folded */
  GtkStack            *sidebar_stack;
  CgRunsList          *runs_list;
  GtkWidget           *form_box;
  AdwPreferencesGroup *basic_group;
  AdwPreferencesGroup *advanced_group;
  GtkProgressBar      *progress_bar;
  GtkLabel            *status_label;
  CgPlot              *loss_plot;
  CgPlot              *metrics_plot;
  CgPlot              *diagnostics_plot;

  /* built in init, owned by the template's groups */
  AdwComboRow         *preset_row;
  AdwComboRow         *split_row;         /* one of splits, the dataset's layout's */
  GtkSpinButton       *threshold_spin;
  GtkSwitch           *include_me_switch;
  AdwActionRow        *include_me_row;
  AdwActionRow        *memory_row;        /* what training with the form's settings needs */
  AdwActionRow        *duration_row;      /* and about how long it takes */
  GPtrArray           *field_widgets;     /* (n_fields) one control per config field: an
                                           * AdwComboRow for a choice, else a spin button */

  gboolean             syncing_preset;    /* the form is being set: no preset to follow */
  guint                folded_idle;       /* the idle that shows or hides sidebar_toggle */

  const char *const   *splits;            /* the splits the dataset's layout offers (static) */

  /* owned */
  char                *wanted_split;      /* asked for before its layout's dataset was
                                           * there (a remembered one), or NULL */
  GtkNativeDialog     *chooser;           /* the export's file chooser, while it is open */
  CgTrainingRun       *run;               /* the run shown, if any */
  CgTrainedModel      *history_model;     /* the model whose history is shown, if any */
  guint                plot_k;            /* K of the metrics series being plotted */
  guint                baseline_serial;   /* drops stale baseline results */
  char                *collapse;          /* the collapse the history shows, or NULL */
  double               entropy_1;         /* G's entropy and popularity at the first epoch */
  double               popularity_1;      /* plotted (the ratios' denominators), or NaN */

  /* the kept runs (cg-training-view-runs.c) */
  CgRunsStore         *runs_store;
  gboolean             comparing;         /* the plots overlay the picked runs */
  gint64               run_started;       /* Unix time and monotonic µs the run shown */
  gint64               run_started_us;    /* started, for its record */
  char                *recorded_id;       /* the last run recorded, and its model: saving */
  CgTrainedModel      *recorded_model;    /* that model gives the run its model file */
  char                *ablation;          /* the ablation queue going, or NULL */
  CgCganConfig         ablation_config;   /* what its runs share, from the form */
  guint                ablation_next;     /* the index of its next value */
  gboolean             ablation_continue; /* its last run finished: start the next */
  guint                ablation_idle;
};

/* cg-training-view-fields.c: the form's sections, in their order. */
typedef enum
{
  CG_FORM_BASIC,          /* always shown */
  CG_FORM_DATA,           /* the rest, each an expander row under "Advanced", collapsed */
  CG_FORM_NETWORKS,
  CG_FORM_GENERATOR,
  CG_FORM_DISCRIMINATOR,
  CG_FORM_RUN,
  CG_FORM_N_SECTIONS
} CgFormSection;

typedef struct
{
  const char    *name;      /* the engine's field name */
  CgFormSection  section;
  const char    *title;     /* untranslated (N_), may hold a mnemonic */
  const char    *subtitle;  /* untranslated, in plain words */
} CgFormField;

/* Where the field of that name goes, or NULL (then: CG_FORM_RUN, the engine's words). */
const CgFormField *_cg_training_view_form_field       (const char     *name);
/* Translated; NULL for CG_FORM_BASIC, which has no row of its own. */
const char        *_cg_training_view_section_title    (CgFormSection   section);
const char        *_cg_training_view_section_subtitle (CgFormSection   section);
/* The widget name of the section's expander row. */
const char        *_cg_training_view_section_name     (CgFormSection   section);

/* cg-training-view-form.c: fills the template's groups with one row per setting. */
void _cg_training_view_build_form          (CgTrainingView         *self);
/* The split row offers what the dataset in data_dir can be split by (NULL: ML-100K's). */
void _cg_training_view_offer_splits        (CgTrainingView         *self,
                                            const char             *data_dir);
/* Shows the memory and the time the form's settings need on the loaded dataset. */
void _cg_training_view_update_estimates    (CgTrainingView         *self);
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
/* cg-training-view-export.c */
void _cg_training_view_class_init_export   (GtkWidgetClass         *widget_class);
void _cg_training_view_dispose_export      (CgTrainingView         *self);
/* The history the plots show: the run's, or the opened model's (NULL, 0 for none). */
const CgEpochRecord *_cg_training_view_get_history (CgTrainingView *self,
                                                    guint          *n_records);
/* Enables the exports when there is a history to export. */
void _cg_training_view_update_export       (CgTrainingView         *self);

/* Plots the run or the model shown from scratch (after a comparison). */
void _cg_training_view_replot              (CgTrainingView         *self);

/* cg-training-view-runs.c */
void _cg_training_view_class_init_runs     (GtkWidgetClass         *widget_class);
void _cg_training_view_init_runs           (CgTrainingView         *self);
void _cg_training_view_dispose_runs        (CgTrainingView         *self);
/* Follows run (the one the page shows, may be NULL) to keep it once it ends. */
void _cg_training_view_watch_run           (CgTrainingView         *self,
                                            CgTrainingRun          *run);
/* The session's training state or file changed. */
void _cg_training_view_runs_session_notify (CgTrainingView         *self);
/* Ends the ablation queue (the runs started stay). */
void _cg_training_view_stop_ablation       (CgTrainingView         *self);
/* A run or a model of the session's own replaces a comparison, unless a queue is going. */
void _cg_training_view_end_comparison      (CgTrainingView         *self);
/* The settings to start with: the form's, or the ablation queue's next run's; and the name
 * that run is kept under. */
void _cg_training_view_next_config         (CgTrainingView         *self,
                                            CgCganConfig           *config);

/* Enables the training.* actions and the form to match the session. */
void _cg_training_view_update_actions      (CgTrainingView         *self);

G_END_DECLS
