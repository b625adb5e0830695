/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-progress-mailbox.h: training progress handed from the worker thread to the main loop.
 *
 * The trainer reports after every mini-batch, far more often than a screen can show. The
 * worker posts each report here under a mutex; the reports merge (the newest progress
 * wins, epoch records queue up, per-step losses are smoothed and thinned) and the main
 * loop drains everything in one go. Posting tells the worker when the box went from
 * empty to non-empty, so exactly one drain is ever pending. No GTK: the worker side runs
 * off the main thread, and the logic is tested without a display.
 */
#pragma once

#include <glib.h>

#include "cg-metrics.h"
#include "cg-trainer.h"

G_BEGIN_DECLS

/* Per-step losses, smoothed with an exponential moving average. x is in epochs:
 * (epoch - 1) + step / n_steps, so epoch e's record sits at x = e, where its last step is. */
typedef struct
{
  double x;
  double loss_d;
  double loss_g;
} CgStepSample;

typedef struct
{
  gboolean    has_progress;
  CgProgress  latest;        /* newest report of either kind */
  GArray     *steps;         /* CgStepSample, oldest first */
  GArray     *epochs;        /* CgEpochRecord, oldest first */
  gboolean    has_baseline;
  CgMetrics   baseline;
  char       *status;        /* newest status text, or NULL */
} CgProgressBatch;

/* At most this many smoothed samples are kept per epoch, whatever the number of steps. */
#define CG_PROGRESS_MAX_SAMPLES_PER_EPOCH 200

typedef struct _CgProgressMailbox CgProgressMailbox;

/* smoothing: weight of the newest step in the moving average, in (0, 1]. */
CgProgressMailbox *cg_progress_mailbox_new           (double smoothing);
CgProgressMailbox *cg_progress_mailbox_ref           (CgProgressMailbox *box);
void               cg_progress_mailbox_unref         (CgProgressMailbox *box);

/* Worker side. Each returns TRUE when the box was empty before: the caller then schedules
 * one drain on the main context. */
gboolean           cg_progress_mailbox_post          (CgProgressMailbox *box,
                                                      const CgProgress  *progress);
gboolean           cg_progress_mailbox_post_baseline (CgProgressMailbox *box,
                                                      const CgMetrics   *baseline);
gboolean           cg_progress_mailbox_post_status   (CgProgressMailbox *box,
                                                      const char        *status);

/* Main side: moves everything posted since the last take into batch (which it
 * initialises) and empties the box. Release with cg_progress_batch_clear. */
void               cg_progress_mailbox_take          (CgProgressMailbox *box,
                                                      CgProgressBatch   *batch);
void               cg_progress_batch_clear           (CgProgressBatch   *batch);

/* Share of the whole run done, in [0, 1]. */
double             cg_progress_fraction              (const CgProgress  *progress);
/* Estimated seconds left from the pace so far; negative when there is no estimate yet. */
double             cg_progress_seconds_left          (const CgProgress  *progress);
/* "Epoch 3 of 40 · step 12 of 54 · 1:05 left", newly allocated. */
char              *cg_progress_format                (const CgProgress  *progress);
/* "1:05", "1:02:03", newly allocated. */
char              *cg_format_duration                (double             seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgProgressMailbox, cg_progress_mailbox_unref)

G_END_DECLS
