/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-progress-mailbox.c: training progress handed from the worker thread to the main loop.
 *
 * Everything the worker posts lands in one pending batch under the mutex; the "was empty"
 * answer of a post is what keeps a single drain scheduled however fast the worker goes, so
 * a slow main loop sees fewer, larger batches instead of a queue of stale updates.
 *
 * The moving average runs over every step on the worker side, so thinning the samples
 * (at most CG_PROGRESS_MAX_SAMPLES_PER_EPOCH per epoch) loses no information from the
 * smoothed curve, only resolution.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <math.h>
#include <string.h>

#include "cg-progress-mailbox.h"

struct _CgProgressMailbox
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  double           smoothing;

  /* under mutex */
  gboolean         pending;       /* something was posted since the last take */
  CgProgressBatch  batch;
  gboolean         have_average;
  double           average_d;
  double           average_g;
};

static void
batch_init (CgProgressBatch *batch)
{
  memset (batch, 0, sizeof *batch);
  batch->steps = g_array_new (FALSE, FALSE, sizeof (CgStepSample));
  batch->epochs = g_array_new (FALSE, FALSE, sizeof (CgEpochRecord));
}

void
cg_progress_batch_clear (CgProgressBatch *batch)
{
  g_return_if_fail (batch != NULL);

  g_clear_pointer (&batch->steps, g_array_unref);
  g_clear_pointer (&batch->epochs, g_array_unref);
  g_clear_pointer (&batch->status, g_free);
  batch->has_progress = FALSE;
  batch->has_baseline = FALSE;
}

CgProgressMailbox *
cg_progress_mailbox_new (double smoothing)
{
  CgProgressMailbox *box;

  g_return_val_if_fail (smoothing > 0.0 && smoothing <= 1.0, NULL);

  box = g_new0 (CgProgressMailbox, 1);
  g_atomic_ref_count_init (&box->ref_count);
  g_mutex_init (&box->mutex);
  box->smoothing = smoothing;
  batch_init (&box->batch);
  return box;
}

CgProgressMailbox *
cg_progress_mailbox_ref (CgProgressMailbox *box)
{
  g_return_val_if_fail (box != NULL, NULL);

  g_atomic_ref_count_inc (&box->ref_count);
  return box;
}

void
cg_progress_mailbox_unref (CgProgressMailbox *box)
{
  g_return_if_fail (box != NULL);

  if (!g_atomic_ref_count_dec (&box->ref_count))
    return;
  cg_progress_batch_clear (&box->batch);
  g_mutex_clear (&box->mutex);
  g_free (box);
}

/* Marks the box non-empty; TRUE when it was empty. Call with the mutex held. */
static gboolean
mark_pending (CgProgressMailbox *box)
{
  gboolean was_empty = !box->pending;

  box->pending = TRUE;
  return was_empty;
}

static gboolean
keep_sample (const CgProgress *progress)
{
  guint stride;

  if (progress->n_steps <= CG_PROGRESS_MAX_SAMPLES_PER_EPOCH)
    return TRUE;
  stride = (progress->n_steps + CG_PROGRESS_MAX_SAMPLES_PER_EPOCH - 1)
           / CG_PROGRESS_MAX_SAMPLES_PER_EPOCH;
  return progress->step % stride == 0 || progress->step == progress->n_steps;
}

gboolean
cg_progress_mailbox_post (CgProgressMailbox *box,
                          const CgProgress  *progress)
{
  gboolean was_empty;

  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  g_mutex_lock (&box->mutex);

  box->batch.latest = *progress;
  box->batch.has_progress = TRUE;

  if (progress->kind == CG_PROGRESS_STEP)
    {
      /* Non-finite losses are plotted as gaps, and must not poison the average. */
      if (isfinite (progress->loss_d) && isfinite (progress->loss_g))
        {
          if (!box->have_average)
            {
              box->average_d = progress->loss_d;
              box->average_g = progress->loss_g;
              box->have_average = TRUE;
            }
          else
            {
              box->average_d += box->smoothing * (progress->loss_d - box->average_d);
              box->average_g += box->smoothing * (progress->loss_g - box->average_g);
            }
        }
      if (box->have_average && keep_sample (progress) && progress->n_steps > 0)
        {
          CgStepSample sample = {
            (progress->epoch - 1) + (double) progress->step / progress->n_steps,
            box->average_d,
            box->average_g,
          };

          g_array_append_val (box->batch.steps, sample);
        }
    }
  else
    {
      g_array_append_val (box->batch.epochs, progress->record);
    }

  was_empty = mark_pending (box);
  g_mutex_unlock (&box->mutex);
  return was_empty;
}

gboolean
cg_progress_mailbox_post_baseline (CgProgressMailbox *box,
                                   const CgMetrics   *baseline)
{
  gboolean was_empty;

  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (baseline != NULL, FALSE);

  g_mutex_lock (&box->mutex);
  box->batch.baseline = *baseline;
  box->batch.has_baseline = TRUE;
  was_empty = mark_pending (box);
  g_mutex_unlock (&box->mutex);
  return was_empty;
}

gboolean
cg_progress_mailbox_post_status (CgProgressMailbox *box,
                                 const char        *status)
{
  gboolean was_empty;

  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  g_mutex_lock (&box->mutex);
  g_free (box->batch.status);
  box->batch.status = g_strdup (status);
  was_empty = mark_pending (box);
  g_mutex_unlock (&box->mutex);
  return was_empty;
}

void
cg_progress_mailbox_take (CgProgressMailbox *box,
                          CgProgressBatch   *batch)
{
  g_return_if_fail (box != NULL);
  g_return_if_fail (batch != NULL);

  g_mutex_lock (&box->mutex);
  *batch = box->batch;
  batch_init (&box->batch);
  box->pending = FALSE;
  g_mutex_unlock (&box->mutex);
}

double
cg_progress_fraction (const CgProgress *progress)
{
  double done;

  g_return_val_if_fail (progress != NULL, 0.0);

  if (progress->n_epochs == 0)
    return 0.0;
  if (progress->kind == CG_PROGRESS_EPOCH)
    done = progress->epoch;
  else if (progress->n_steps > 0)
    done = (progress->epoch - 1) + (double) progress->step / progress->n_steps;
  else
    done = progress->epoch - 1;
  return CLAMP (done / progress->n_epochs, 0.0, 1.0);
}

double
cg_progress_seconds_left (const CgProgress *progress)
{
  double fraction;

  g_return_val_if_fail (progress != NULL, -1.0);

  fraction = cg_progress_fraction (progress);
  /* Too early, the pace is mostly start-up cost. */
  if (fraction < 0.01 || progress->elapsed <= 0.0)
    return -1.0;
  return progress->elapsed / fraction * (1.0 - fraction);
}

char *
cg_format_duration (double seconds)
{
  guint64 total = seconds > 0.0 ? (guint64) (seconds + 0.5) : 0;

  if (total >= 3600)
    return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", total / 3600,
                            (guint) (total / 60 % 60), (guint) (total % 60));
  return g_strdup_printf ("%u:%02u", (guint) (total / 60), (guint) (total % 60));
}

char *
cg_progress_format (const CgProgress *progress)
{
  GString *text;
  double left;

  g_return_val_if_fail (progress != NULL, NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "Epoch %u of %u", progress->epoch, progress->n_epochs);
  if (progress->kind == CG_PROGRESS_STEP && progress->n_steps > 0)
    g_string_append_printf (text, " · step %u of %u", progress->step, progress->n_steps);
  left = cg_progress_seconds_left (progress);
  if (left >= 0.0)
    {
      g_autofree char *duration = cg_format_duration (left);

      g_string_append_printf (text, " · %s left", duration);
    }
  return g_string_free (text, FALSE);
}
