/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-training-run.c: a training run on its own, without any widget.
 *
 * On a small synthetic dataset: a run completes, records every epoch and the smoothed
 * per-step losses, measures the baseline and ends with a model; it reports only on the
 * main thread, also while the main thread is away from the main context; Cancel keeps the
 * model of the last finished epoch; a run cancelled before it starts has no model; a bad
 * folder or bad settings fail without one; "include me" adds you as one more user; a run
 * runs once.
 */

#include "config.h"

#include <string.h>

#include "cg-gui-test.h"
#include "cg-training-run.h"

typedef struct
{
  GThread *main_thread;
  guint    epochs;       /* ::epoch-finished */
  guint    steps;        /* samples in ::steps-added */
  guint    baselines;    /* ::baseline-measured */
  guint    notifies;
  gint     off_main;     /* anything emitted on another thread */
} Reports;

static void
count_thread (Reports *reports)
{
  if (g_thread_self () != reports->main_thread)
    g_atomic_int_inc (&reports->off_main);
}

static void
on_epoch_cb (CgTrainingRun *run,
             guint          index,
             Reports       *reports)
{
  count_thread (reports);
  ck_assert_uint_eq (index, reports->epochs);
  reports->epochs++;
}

static void
on_steps_cb (CgTrainingRun *run,
             guint          position,
             guint          n_added,
             Reports       *reports)
{
  count_thread (reports);
  ck_assert_uint_eq (position, reports->steps);
  reports->steps += n_added;
}

static void
on_baseline_cb (CgTrainingRun *run,
                Reports       *reports)
{
  count_thread (reports);
  reports->baselines++;
}

static void
on_notify_cb (CgTrainingRun *run,
              GParamSpec    *pspec,
              Reports       *reports)
{
  count_thread (reports);
  reports->notifies++;
}

static void
watch (CgTrainingRun *run,
       Reports       *reports)
{
  reports->main_thread = g_thread_self ();
  g_signal_connect (run, "epoch-finished", G_CALLBACK (on_epoch_cb), reports);
  g_signal_connect (run, "steps-added", G_CALLBACK (on_steps_cb), reports);
  g_signal_connect (run, "baseline-measured", G_CALLBACK (on_baseline_cb), reports);
  g_signal_connect (run, "notify", G_CALLBACK (on_notify_cb), reports);
}

static CgTrainingRun *
new_run (guint epochs)
{
  CgCganConfig config;

  cg_test_tiny_config (&config, epochs);
  return cg_training_run_new (cg_test_home_data_dir (), "u1", 4, &config, NULL, 0);
}

static void
run_and_wait (CgTrainingRun *run,
              GCancellable  *cancellable,
              CgTestOutcome *outcome)
{
  cg_training_run_run_async (run, cancellable, cg_test_outcome_cb, outcome);
  ck_assert_msg (cg_test_spin_until (cg_test_flag_set, &outcome->done, 120000), "timed out");
}

START_TEST (test_run_completes)
{
  g_autoptr(CgTrainingRun) run = new_run (2);
  CgTestOutcome outcome = { 0 };
  Reports reports = { 0 };
  const CgEpochRecord *epochs, *history;
  CgMetrics baseline;
  guint n_epochs, n_steps, n_records;

  watch (run, &reports);
  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_READY);
  cg_training_run_run_async (run, NULL, cg_test_outcome_cb, &outcome);
  ck_assert (cg_training_run_is_running (run));
  ck_assert (cg_test_spin_until (cg_test_flag_set, &outcome.done, 120000));

  ck_assert_msg (outcome.ok, "%s", outcome.error ? outcome.error->message : "");
  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_FINISHED);
  ck_assert (!cg_training_run_is_running (run));
  ck_assert_double_eq (cg_training_run_get_fraction (run), 1.0);
  ck_assert (!cg_training_run_get_status_is_error (run));

  /* What it recorded is what it reported. */
  epochs = cg_training_run_get_epochs (run, &n_epochs);
  cg_training_run_get_steps (run, &n_steps);
  ck_assert_uint_eq (n_epochs, 2);
  ck_assert_uint_eq (reports.epochs, 2);
  ck_assert_uint_gt (n_steps, 2);
  ck_assert_uint_eq (reports.steps, n_steps);
  ck_assert_uint_eq (reports.baselines, 1);
  ck_assert (cg_training_run_get_baseline (run, &baseline));
  ck_assert_uint_eq (baseline.k, 5);

  /* The model is the run's, with the same history. */
  ck_assert_ptr_nonnull (cg_training_run_get_model (run));
  history = cg_cgan_get_history (cg_trained_model_get_cgan (cg_training_run_get_model (run)),
                                 &n_records);
  ck_assert_uint_eq (n_records, 2);
  ck_assert_double_eq (history[1].ndcg, epochs[1].ndcg);
  ck_assert_uint_eq (cg_trained_model_get_you_user_id (cg_training_run_get_model (run)), 0);
  ck_assert_str_eq (cg_trained_model_get_split (cg_training_run_get_model (run)), "u1");
}
END_TEST

/* The worker's progress reaches the main thread only, also while the main thread is
 * outside the main context (a worker can acquire it then: a callback it invoked would run
 * on the worker). */
START_TEST (test_reports_on_main_thread)
{
  g_autoptr(CgTrainingRun) run = new_run (4);
  CgTestOutcome outcome = { 0 };
  Reports reports = { 0 };

  watch (run, &reports);
  cg_training_run_run_async (run, NULL, cg_test_outcome_cb, &outcome);
  g_usleep (300 * 1000);
  ck_assert (cg_test_spin_until (cg_test_flag_set, &outcome.done, 120000));
  ck_assert_msg (outcome.ok, "%s", outcome.error ? outcome.error->message : "");
  ck_assert_int_eq (g_atomic_int_get (&reports.off_main), 0);
  ck_assert_uint_gt (reports.notifies, 0);
  ck_assert_uint_eq (reports.epochs, 4);
}
END_TEST

static gboolean
cancel_after_first_epoch_cb (gpointer user_data)
{
  CgTrainingRun *run = user_data;
  guint n;

  cg_training_run_get_epochs (run, &n);
  if (n == 0)
    return G_SOURCE_CONTINUE;
  cg_training_run_cancel (run);
  return G_SOURCE_REMOVE;
}

START_TEST (test_cancel_keeps_last_epoch)
{
  g_autoptr(CgTrainingRun) run = new_run (100000);
  CgTestOutcome outcome = { 0 };
  const CgEpochRecord *history;
  guint n_records, n_epochs;

  g_timeout_add (5, cancel_after_first_epoch_cb, run);
  run_and_wait (run, NULL, &outcome);

  ck_assert (!outcome.ok);
  ck_assert (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_CANCELLED);
  ck_assert (!cg_training_run_get_status_is_error (run));
  ck_assert_ptr_nonnull (cg_training_run_get_model (run));
  history = cg_cgan_get_history (cg_trained_model_get_cgan (cg_training_run_get_model (run)),
                                 &n_records);
  cg_training_run_get_epochs (run, &n_epochs);
  ck_assert_uint_ge (n_records, 1);
  ck_assert_uint_lt (n_records, 100000);
  /* The kept model is the last finished epoch: the one recorded last. */
  ck_assert_uint_eq (history[n_records - 1].epoch, n_records);
  ck_assert_uint_eq (n_epochs, n_records);
  g_clear_error (&outcome.error);
}
END_TEST

START_TEST (test_cancel_before_start)
{
  g_autoptr(CgTrainingRun) run = new_run (2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CgTestOutcome outcome = { 0 };

  g_cancellable_cancel (cancellable);
  run_and_wait (run, cancellable, &outcome);
  ck_assert (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_CANCELLED);
  ck_assert_ptr_null (cg_training_run_get_model (run));
  g_clear_error (&outcome.error);
}
END_TEST

START_TEST (test_bad_folder_and_settings)
{
  g_autofree char *missing = cg_test_home_path ("nothing-here");
  g_autoptr(CgTrainingRun) run = NULL;
  g_autoptr(CgTrainingRun) bad = NULL;
  CgTestOutcome outcome = { 0 };
  CgCganConfig config;

  cg_test_tiny_config (&config, 1);
  run = cg_training_run_new (missing, "u1", 4, &config, NULL, 0);
  run_and_wait (run, NULL, &outcome);
  ck_assert (!outcome.ok);
  ck_assert (!g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_FAILED);
  ck_assert (cg_training_run_get_status_is_error (run));
  ck_assert_ptr_null (cg_training_run_get_model (run));
  g_clear_error (&outcome.error);

  /* Settings out of range fail at once, naming the setting. */
  config.batch_size = 0;
  bad = cg_training_run_new (cg_test_home_data_dir (), "u1", 4, &config, NULL, 0);
  outcome = (CgTestOutcome) { 0 };
  run_and_wait (bad, NULL, &outcome);
  ck_assert (!outcome.ok);
  ck_assert_int_eq (cg_training_run_get_state (bad), CG_TRAINING_RUN_FAILED);
  ck_assert_ptr_nonnull (strstr (cg_training_run_get_status (bad), "batch"));
  g_clear_error (&outcome.error);
}
END_TEST

START_TEST (test_include_me)
{
  const CgRating you[] = {
    { 0, 1, 5, 0 }, { 0, 2, 4, 0 }, { 0, 3, 1, 0 },
  };
  g_autoptr(CgTrainingRun) run = NULL;
  CgTestOutcome outcome = { 0 };
  CgTrainedModel *model;
  const CgDataset *dataset;
  CgCganConfig config;
  gint32 user;

  cg_test_tiny_config (&config, 1);
  run = cg_training_run_new (cg_test_home_data_dir (), "u1", 4, &config, you,
                             G_N_ELEMENTS (you));
  ck_assert (cg_training_run_get_includes_you (run));
  run_and_wait (run, NULL, &outcome);
  ck_assert_msg (outcome.ok, "%s", outcome.error ? outcome.error->message : "");

  model = cg_training_run_get_model (run);
  dataset = cg_trained_model_get_dataset (model);
  ck_assert_uint_ne (cg_trained_model_get_you_user_id (model), 0);
  user = cg_dataset_user_index (dataset, cg_trained_model_get_you_user_id (model));
  ck_assert_int_ge (user, 0);
  ck_assert_uint_eq (cg_user_items_count (dataset->train_rated, user), 3);
  ck_assert_uint_eq (cg_user_items_count (dataset->train_pos, user), 2);
  ck_assert_uint_eq (cg_cgan_get_n_users (cg_trained_model_get_cgan (model)), dataset->n_users);
}
END_TEST

START_TEST (test_runs_once)
{
  g_autoptr(CgTrainingRun) run = new_run (1);
  CgTestOutcome first = { 0 }, second = { 0 };

  cg_training_run_run_async (run, NULL, cg_test_outcome_cb, &first);
  cg_training_run_run_async (run, NULL, cg_test_outcome_cb, &second);
  ck_assert (cg_test_spin_until (cg_test_flag_set, &second.done, 10000));
  ck_assert (g_error_matches (second.error, G_IO_ERROR, G_IO_ERROR_PENDING));
  ck_assert (cg_test_spin_until (cg_test_flag_set, &first.done, 120000));
  ck_assert (first.ok);
  g_clear_error (&second.error);
}
END_TEST

static Suite *
training_run_suite (void)
{
  Suite *suite = suite_create ("training-run");
  TCase *tc = tcase_create ("run");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_run_completes);
  tcase_add_test (tc, test_reports_on_main_thread);
  tcase_add_test (tc, test_cancel_keeps_last_epoch);
  tcase_add_test (tc, test_cancel_before_start);
  tcase_add_test (tc, test_bad_folder_and_settings);
  tcase_add_test (tc, test_include_me);
  tcase_add_test (tc, test_runs_once);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (training_run_suite ());
}
