/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-trainer.h: training a CgCgan on a dataset, with progress and cancellation.
 *
 * Runs on the calling thread (the app calls it from a GTask worker). The progress callback
 * is called on that same thread; it must not touch widgets — copy the CgProgress and post
 * it to the main context. Cancellation is checked once per mini-batch.
 *
 * A second run continues training from where the first stopped (epochs count on).
 *
 * After run returns, whatever the outcome, cg_trainer_steal_model gives the model as of
 * the last finished epoch (NULL if none finished), so a cancelled or diverged run keeps
 * its last good state.
 */
#pragma once

#include <gio/gio.h>

#include "cg-cgan.h"
#include "cg-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  CG_PROGRESS_STEP,   /* after a mini-batch: losses of that step */
  CG_PROGRESS_EPOCH,  /* after an epoch: record filled */
} CgProgressKind;

typedef struct
{
  CgProgressKind kind;
  guint          epoch;        /* 1-based, the one running or just finished */
  guint          n_epochs;
  guint          step;         /* 1-based within the epoch */
  guint          n_steps;
  double         loss_d;       /* this step's, or the epoch mean */
  double         loss_g;
  double         elapsed;      /* seconds since run started */
  CgEpochRecord  record;       /* CG_PROGRESS_EPOCH only */
  double         loss_mle;     /* G's likelihood loss (softmax cross-entropy), step or mean */
} CgProgress;

typedef void (*CgProgressFunc) (const CgProgress *progress, gpointer user_data);

/* Where an epoch's training time goes, for the benchmark: wall seconds per phase. */
typedef enum
{
  CG_PHASE_PAIRS,       /* drawing the D steps' pairs and fakes */
  CG_PHASE_D_FORWARD,   /* D on the pairs, BCE */
  CG_PHASE_D_BACKWARD,
  CG_PHASE_D_ADAM,
  CG_PHASE_SNAPSHOT,    /* G over all users, for drawing fakes */
  CG_PHASE_G_FORWARD,   /* bags, G forward, softmax */
  CG_PHASE_G_COSTS,     /* D over all items of the step's users: −log D */
  CG_PHASE_G_LOSSES,    /* G's losses and their gradient w.r.t. the logits */
  CG_PHASE_G_BACKWARD,
  CG_PHASE_G_ADAM,
  CG_N_PHASES
} CgTrainerPhase;

typedef struct _CgTrainer CgTrainer;

/* Copies config; dataset is borrowed and must outlive the trainer. */
CgTrainer *cg_trainer_new         (const CgDataset *dataset, const CgCganConfig *config,
                                   GError **error);
void       cg_trainer_free        (CgTrainer *trainer);
/* FALSE with G_IO_ERROR_CANCELLED, CG_ERROR_DIVERGED, … */
gboolean   cg_trainer_run         (CgTrainer *trainer, CgProgressFunc progress,
                                   gpointer user_data, GCancellable *cancellable,
                                   GError **error);
CgCgan    *cg_trainer_steal_model (CgTrainer *trainer);
/* What the per-epoch metrics are measured on: by default the dataset's test split (the
 * standard protocol); the new-user protocol gives its own sets and the input its users
 * are scored from. Both borrowed: they must outlive the trainer. */
void       cg_trainer_set_evaluation (CgTrainer *trainer, const CgEvalSets *sets,
                                      const CgUserItems *history);
/* The model being trained, borrowed: valid until the trainer is freed, changed by every
 * run. For inspection (and tests); a caller that writes to it gets what it asked for. */
CgCgan    *cg_trainer_get_model   (CgTrainer *trainer);
/* Analytic floating-point operations of the last finished epoch (matrix products count a
 * multiply-add as 2; see docs/model.md), for the benchmark. */
double     cg_trainer_get_epoch_flops (CgTrainer *trainer);
/* Wall seconds of each phase in the last finished epoch (or in the steps of the one a
 * cancellation stopped); the rest of an epoch's time is bookkeeping between them (shuffles,
 * progress, cancellation checks). */
void       cg_trainer_get_phase_seconds (CgTrainer *trainer, double seconds[CG_N_PHASES]);
const char *cg_trainer_phase_name  (CgTrainerPhase phase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTrainer, cg_trainer_free)

G_END_DECLS
