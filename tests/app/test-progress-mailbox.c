/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-progress-mailbox.c: merging training progress between the worker and the main loop.
 *
 * Checks that exactly one drain is asked for until the main side takes the batch, that
 * epoch records queue in order while step progress merges to the newest, that the moving
 * average and the thinning of per-step samples are what the header promises, that a
 * thread hammering the box loses no epoch record, and the time-left arithmetic.
 */

#include "config.h"

#include <math.h>

#include "cg-progress-mailbox.h"
#include "cg-test-util.h"

static CgProgress
step_progress (guint  epoch,
               guint  n_epochs,
               guint  step,
               guint  n_steps,
               double loss_d,
               double loss_g,
               double elapsed)
{
  CgProgress p = { 0 };

  p.kind = CG_PROGRESS_STEP;
  p.epoch = epoch;
  p.n_epochs = n_epochs;
  p.step = step;
  p.n_steps = n_steps;
  p.loss_d = loss_d;
  p.loss_g = loss_g;
  p.elapsed = elapsed;
  return p;
}

static CgProgress
epoch_progress (guint  epoch,
                guint  n_epochs,
                double ndcg)
{
  CgProgress p = { 0 };

  p.kind = CG_PROGRESS_EPOCH;
  p.epoch = epoch;
  p.n_epochs = n_epochs;
  p.record.epoch = epoch;
  p.record.ndcg = ndcg;
  p.record.loss_d = 1.0;
  p.record.loss_g = 0.5;
  return p;
}

START_TEST (test_one_drain_until_taken)
{
  g_autoptr(CgProgressMailbox) box = cg_progress_mailbox_new (0.5);
  CgProgress p = step_progress (1, 2, 1, 4, 1.0, 2.0, 0.1);
  CgProgressBatch batch;
  CgMetrics baseline = { 0.1, 0.26, 0.5, 10, 456 };

  ck_assert (cg_progress_mailbox_post (box, &p));
  p.step = 2;
  ck_assert (!cg_progress_mailbox_post (box, &p));
  ck_assert (!cg_progress_mailbox_post_status (box, "Training"));
  ck_assert (!cg_progress_mailbox_post_baseline (box, &baseline));

  cg_progress_mailbox_take (box, &batch);
  ck_assert (batch.has_progress);
  ck_assert_uint_eq (batch.latest.step, 2);
  ck_assert_uint_eq (batch.steps->len, 2);
  ck_assert_str_eq (batch.status, "Training");
  ck_assert (batch.has_baseline);
  ck_assert_double_eq_tol (batch.baseline.ndcg, 0.26, 1e-12);
  cg_progress_batch_clear (&batch);

  /* Empty again: nothing pending, and the next post asks for a drain. */
  cg_progress_mailbox_take (box, &batch);
  ck_assert (!batch.has_progress);
  ck_assert (!batch.has_baseline);
  ck_assert_ptr_null (batch.status);
  ck_assert_uint_eq (batch.steps->len, 0);
  ck_assert_uint_eq (batch.epochs->len, 0);
  cg_progress_batch_clear (&batch);
  ck_assert (cg_progress_mailbox_post_status (box, "Again"));
}
END_TEST

START_TEST (test_epochs_queue_steps_merge)
{
  g_autoptr(CgProgressMailbox) box = cg_progress_mailbox_new (1.0);
  CgProgressBatch batch;

  for (guint e = 1; e <= 3; e++)
    {
      for (guint s = 1; s <= 5; s++)
        {
          CgProgress p = step_progress (e, 3, s, 5, e + s * 0.1, 1.0, 1.0);

          cg_progress_mailbox_post (box, &p);
        }
      {
        CgProgress p = epoch_progress (e, 3, 0.1 * e);

        cg_progress_mailbox_post (box, &p);
      }
    }
  cg_progress_mailbox_take (box, &batch);
  ck_assert_uint_eq (batch.epochs->len, 3);
  for (guint e = 0; e < 3; e++)
    {
      const CgEpochRecord *r = &g_array_index (batch.epochs, CgEpochRecord, e);

      ck_assert_uint_eq (r->epoch, e + 1);
      ck_assert_double_eq_tol (r->ndcg, 0.1 * (e + 1), 1e-12);
    }
  /* The newest report is the last epoch's. */
  ck_assert_int_eq (batch.latest.kind, CG_PROGRESS_EPOCH);
  ck_assert_uint_eq (batch.latest.epoch, 3);

  /* Smoothing 1.0 means no smoothing: samples are the raw losses at x = e - 1 + s / 5. */
  ck_assert_uint_eq (batch.steps->len, 15);
  for (guint i = 0; i < 15; i++)
    {
      const CgStepSample *sample = &g_array_index (batch.steps, CgStepSample, i);
      guint e = i / 5 + 1, s = i % 5 + 1;

      ck_assert_double_eq_tol (sample->x, (e - 1) + s / 5.0, 1e-12);
      ck_assert_double_eq_tol (sample->loss_d, e + s * 0.1, 1e-12);
    }
  cg_progress_batch_clear (&batch);
}
END_TEST

START_TEST (test_moving_average)
{
  g_autoptr(CgProgressMailbox) box = cg_progress_mailbox_new (0.25);
  const double losses[] = { 2.0, 1.0, NAN, 3.0 };
  CgProgressBatch batch;
  double expect;

  for (guint s = 0; s < G_N_ELEMENTS (losses); s++)
    {
      CgProgress p = step_progress (1, 1, s + 1, 4, losses[s], -losses[s], 0.0);

      cg_progress_mailbox_post (box, &p);
    }
  cg_progress_mailbox_take (box, &batch);
  ck_assert_uint_eq (batch.steps->len, 4);
  /* Starts at the first value; the NaN step repeats the average instead of poisoning it. */
  expect = 2.0;
  ck_assert_double_eq_tol (g_array_index (batch.steps, CgStepSample, 0).loss_d, expect, 1e-12);
  expect += 0.25 * (1.0 - expect);
  ck_assert_double_eq_tol (g_array_index (batch.steps, CgStepSample, 1).loss_d, expect, 1e-12);
  ck_assert_double_eq_tol (g_array_index (batch.steps, CgStepSample, 2).loss_d, expect, 1e-12);
  expect += 0.25 * (3.0 - expect);
  ck_assert_double_eq_tol (g_array_index (batch.steps, CgStepSample, 3).loss_d, expect, 1e-12);
  ck_assert_double_eq_tol (g_array_index (batch.steps, CgStepSample, 3).loss_g, -expect, 1e-12);
  cg_progress_batch_clear (&batch);
}
END_TEST

START_TEST (test_thinning)
{
  g_autoptr(CgProgressMailbox) box = cg_progress_mailbox_new (0.1);
  const guint n_steps = 1001;
  CgProgressBatch batch;
  const CgStepSample *last;

  for (guint s = 1; s <= n_steps; s++)
    {
      CgProgress p = step_progress (2, 2, s, n_steps, 1.0, 1.0, 0.0);

      cg_progress_mailbox_post (box, &p);
    }
  cg_progress_mailbox_take (box, &batch);
  ck_assert_uint_le (batch.steps->len, CG_PROGRESS_MAX_SAMPLES_PER_EPOCH + 1);
  ck_assert_uint_ge (batch.steps->len, CG_PROGRESS_MAX_SAMPLES_PER_EPOCH / 2);
  /* The epoch's last step is always kept, so the curve reaches the epoch mark. */
  last = &g_array_index (batch.steps, CgStepSample, batch.steps->len - 1);
  ck_assert_double_eq_tol (last->x, 2.0, 1e-12);
  for (guint i = 1; i < batch.steps->len; i++)
    ck_assert (g_array_index (batch.steps, CgStepSample, i).x
               > g_array_index (batch.steps, CgStepSample, i - 1).x);
  cg_progress_batch_clear (&batch);
}
END_TEST

#define N_THREAD_EPOCHS 2000

static gpointer
poster_thread (gpointer data)
{
  CgProgressMailbox *box = data;
  guint drains_requested = 0;

  for (guint e = 1; e <= N_THREAD_EPOCHS; e++)
    {
      CgProgress step = step_progress (e, N_THREAD_EPOCHS, 1, 1, 1.0, 1.0, e);
      CgProgress epoch = epoch_progress (e, N_THREAD_EPOCHS, e);

      drains_requested += cg_progress_mailbox_post (box, &step);
      drains_requested += cg_progress_mailbox_post (box, &epoch);
    }
  return GUINT_TO_POINTER (drains_requested);
}

START_TEST (test_threaded_no_loss)
{
  g_autoptr(CgProgressMailbox) box = cg_progress_mailbox_new (0.1);
  GThread *thread = g_thread_new ("poster", poster_thread, box);
  guint next_epoch = 1;
  guint takes = 0;
  guint drains_requested;

  while (next_epoch <= N_THREAD_EPOCHS)
    {
      CgProgressBatch batch;

      cg_progress_mailbox_take (box, &batch);
      takes += batch.has_progress;
      for (guint i = 0; i < batch.epochs->len; i++)
        {
          ck_assert_uint_eq (g_array_index (batch.epochs, CgEpochRecord, i).epoch, next_epoch);
          next_epoch++;
        }
      cg_progress_batch_clear (&batch);
      g_thread_yield ();
    }
  drains_requested = GPOINTER_TO_UINT (g_thread_join (thread));
  /* Every non-empty take was preceded by exactly one request for a drain. */
  ck_assert_uint_ge (drains_requested, takes);
  ck_assert_uint_le (drains_requested, takes + 1);
}
END_TEST

START_TEST (test_time_left)
{
  CgProgress p = step_progress (2, 4, 50, 100, 0, 0, 30.0);
  g_autofree char *text = NULL;
  g_autofree char *hours = NULL;

  /* 1.5 of 4 epochs in 30 s: 37.5 % done, 50 s left. */
  ck_assert_double_eq_tol (cg_progress_fraction (&p), 0.375, 1e-12);
  ck_assert_double_eq_tol (cg_progress_seconds_left (&p), 50.0, 1e-9);
  text = cg_progress_format (&p);
  ck_assert_str_eq (text, "Epoch 2 of 4 · step 50 of 100 · 0:50 left");

  p = epoch_progress (4, 4, 0.0);
  ck_assert_double_eq_tol (cg_progress_fraction (&p), 1.0, 1e-12);

  /* No estimate before any progress, and no division by zero epochs. */
  p = step_progress (1, 4, 0, 100, 0, 0, 0.0);
  ck_assert_double_lt (cg_progress_seconds_left (&p), 0.0);
  p.n_epochs = 0;
  ck_assert_double_eq (cg_progress_fraction (&p), 0.0);

  hours = cg_format_duration (3723.4);
  ck_assert_str_eq (hours, "1:02:03");
}
END_TEST

static Suite *
mailbox_suite (void)
{
  Suite *suite = suite_create ("progress-mailbox");
  TCase *tc = tcase_create ("mailbox");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_one_drain_until_taken);
  tcase_add_test (tc, test_epochs_queue_steps_merge);
  tcase_add_test (tc, test_moving_average);
  tcase_add_test (tc, test_thinning);
  tcase_add_test (tc, test_threaded_no_loss);
  tcase_add_test (tc, test_time_left);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (mailbox_suite ());
}
