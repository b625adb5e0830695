/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-trainer.c: training the CGAN on a synthetic dataset with planted taste clusters.
 *
 * The dataset (cg_test_write_synthetic) has groups of users who each like their own block
 * of movies, so a recommender that learns puts a user's own block first, far above random
 * and above popularity (every block is about as popular as the others). Checked: the
 * generator learns that with the default objective AND with the adversarial loss alone
 * (proof that G gets a gradient from D), its parameters change, two runs with one seed give
 * the same losses and parameters bit for bit, progress reports are complete and ordered,
 * cancellation stops within a mini-batch and keeps the last finished epoch, a NaN stops
 * with DIVERGED and the last finished epoch's parameters, and a second run continues the
 * epoch count.
 */
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "cg-baseline.h"
#include "cg-cgan.h"
#include "cg-error.h"
#include "cg-generator.h"
#include "cg-metrics.h"
#include "cg-test-util.h"
#include "cg-trainer.h"

static char *tmp_dir;
static CgDataset *dataset;

static void
setup (void)
{
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;

  cg_synthetic_spec_init (&spec);
  spec.n_users = 120;
  spec.n_items = 60;
  spec.n_clusters = 4;
  spec.likes_per_user = 10;
  spec.seed = 3;
  tmp_dir = cg_test_make_temp_dir ();
  cg_test_write_synthetic (tmp_dir, &spec);
  dataset = cg_dataset_load (tmp_dir, "u1", 4, &error);
  ck_assert_msg (dataset != NULL, "%s", error ? error->message : "");
}

static void
teardown (void)
{
  g_clear_pointer (&dataset, cg_dataset_free);
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* Small and fast, with the default objective. */
static CgCganConfig
test_config (void)
{
  CgCganConfig config;

  cg_cgan_config_init (&config);
  config.embed_dim = 16;
  config.noise_dim = 4;
  config.hidden_dim = 32;
  config.batch_size = 64;
  config.learning_rate = 0.01;
  config.epochs = 30;
  config.threads = 1;
  config.seed = 5;
  return config;
}

typedef struct
{
  GArray *steps;     /* of CgProgress */
  GArray *epochs;    /* of CgProgress */
  GCancellable *cancel_at_epoch2;
} Recorder;

static void
on_progress (const CgProgress *p,
             gpointer          user_data)
{
  Recorder *r = user_data;

  g_array_append_vals (p->kind == CG_PROGRESS_STEP ? r->steps : r->epochs, p, 1);
  if (r->cancel_at_epoch2 != NULL && p->kind == CG_PROGRESS_STEP && p->epoch == 2
      && p->step == 1)
    g_cancellable_cancel (r->cancel_at_epoch2);
}

static void
recorder_init (Recorder *r)
{
  r->steps = g_array_new (FALSE, TRUE, sizeof (CgProgress));
  r->epochs = g_array_new (FALSE, TRUE, sizeof (CgProgress));
  r->cancel_at_epoch2 = NULL;
}

static void
recorder_clear (Recorder *r)
{
  g_array_unref (r->steps);
  g_array_unref (r->epochs);
}

static CgCgan *
train (const CgCganConfig *config,
       Recorder           *recorder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = cg_trainer_new (dataset, config, &error);
  gboolean ok;

  ck_assert_msg (trainer != NULL, "%s", error ? error->message : "");
  ok = cg_trainer_run (trainer, recorder ? on_progress : NULL, recorder, NULL, &error);
  ck_assert_msg (ok, "%s", error ? error->message : "");
  return cg_trainer_steal_model (trainer);
}

static double
ndcg_of (CgScoreFunc score,
         gpointer    data)
{
  CgMetrics m;

  cg_metrics_evaluate (&m, dataset, 10, score, data, 64);
  return m.ndcg;
}

static double
model_ndcg (CgCgan *model)
{
  CgCganScorer scorer = { model, dataset->train_pos, cg_cgan_eval_noise_seed (model) };

  return ndcg_of (cg_cgan_scorer_score, &scorer);
}

static double
baseline_ndcg (CgBaselineKind kind)
{
  g_autoptr(CgBaseline) b = cg_baseline_new (kind, dataset, NULL);

  return ndcg_of (cg_baseline_score, b);
}

static void
assert_learns (const CgCganConfig *config,
               const char         *what,
               double              times_random)
{
  g_autoptr(CgCgan) model = train (config, NULL);
  double ndcg = model_ndcg (model);
  double pop = baseline_ndcg (CG_BASELINE_POPULARITY);
  double rnd = baseline_ndcg (CG_BASELINE_RANDOM);
  const CgEpochRecord *history;
  guint n;

  history = cg_cgan_get_history (model, &n);
  ck_assert_uint_eq (n, config->epochs);
  g_print ("%s: NDCG@10 %.4f (first epoch %.4f), popularity %.4f, random %.4f\n", what, ndcg,
           history[0].ndcg, pop, rnd);
  /* The last record was measured with the same noise seed on the same split. */
  ck_assert_double_eq_tol (history[n - 1].ndcg, ndcg, 1e-9);
  ck_assert_msg (ndcg > times_random * rnd, "%s: NDCG %.4f not %.1f× random %.4f", what, ndcg,
                 times_random, rnd);
  ck_assert_msg (ndcg > pop + 0.1, "%s: NDCG %.4f not above popularity %.4f", what, ndcg, pop);
}

START_TEST (test_learns_planted_clusters)
{
  CgCganConfig config = test_config ();

  assert_learns (&config, "default objective, history mode", 4.0);
  config.user_mode = CG_USER_EMBEDDING_ID;
  assert_learns (&config, "default objective, id mode", 4.0);
}
END_TEST

START_TEST (test_pure_adversarial_learns)
{
  /* No likelihood anywhere: the generator's only signal is D, through the exact expected
   * loss. If G got no gradient from D (the original project's bug), this fails. */
  CgCganConfig config = test_config ();

  config.pretrain_epochs = 0;
  config.mle_weight = 0.0;
  config.entropy_weight = 0.0;
  config.adv_weight = 1.0;
  assert_learns (&config, "pure adversarial", 4.0);
}
END_TEST

START_TEST (test_parameters_change)
{
  CgCganConfig config = test_config ();
  g_autoptr(CgCgan) fresh = cg_cgan_new (&config, dataset->n_users, dataset->n_items, NULL);
  g_autoptr(CgCgan) trained = NULL;

  config.epochs = 1;
  trained = train (&config, NULL);
  for (guint t = 0; t < cg_cgan_n_tensors (fresh); t++)
    {
      const char *name;
      guint rows, cols;
      float *a = cg_cgan_tensor (fresh, t, &name, &rows, &cols);
      float *b = cg_cgan_tensor (trained, t, NULL, NULL, NULL);
      double change = 0.0;

      for (guint i = 0; i < rows * cols; i++)
        change = fmax (change, fabs ((double) a[i] - b[i]));
      ck_assert_msg (change > 1e-4, "tensor %s did not change in training (max %g)", name,
                     change);
    }
}
END_TEST

/* Bit-identical: exact equality of every step's losses (doubles) and every tensor. */
static void
assert_identical_runs (const Recorder *r1,
                       CgCgan         *m1,
                       const Recorder *r2,
                       CgCgan         *m2)
{
  ck_assert_uint_eq (r1->steps->len, r2->steps->len);
  for (guint s = 0; s < r1->steps->len; s++)
    {
      CgProgress *a = &g_array_index (r1->steps, CgProgress, s);
      CgProgress *b = &g_array_index (r2->steps, CgProgress, s);

      ck_assert_msg (a->loss_d == b->loss_d && a->loss_g == b->loss_g
                     && a->loss_mle == b->loss_mle, "step %u differs", s);
    }
  for (guint t = 0; t < cg_cgan_n_tensors (m1); t++)
    {
      guint rows, cols;
      float *a = cg_cgan_tensor (m1, t, NULL, &rows, &cols);
      float *b = cg_cgan_tensor (m2, t, NULL, NULL, NULL);

      ck_assert_mem_eq (a, b, (gsize) rows * cols * sizeof (float));
    }
}

START_TEST (test_deterministic)
{
  CgCganConfig config = test_config ();
  Recorder r1, r2;
  g_autoptr(CgCgan) m1 = NULL, m2 = NULL;

  config.epochs = 4;
  recorder_init (&r1);
  recorder_init (&r2);
  m1 = train (&config, &r1);
  m2 = train (&config, &r2);
  assert_identical_runs (&r1, m1, &r2, m2);
  /* Another seed, another curve. */
  config.seed++;
  {
    Recorder r3;
    g_autoptr(CgCgan) m3 = NULL;

    recorder_init (&r3);
    m3 = train (&config, &r3);
    ck_assert (g_array_index (r3.steps, CgProgress, 0).loss_d
               != g_array_index (r1.steps, CgProgress, 0).loss_d);
    recorder_clear (&r3);
  }
  recorder_clear (&r1);
  recorder_clear (&r2);
}
END_TEST

/* Wide enough that every kernel splits its work across a team of two (products by hand,
 * element-wise work by rows, items or hidden units): still bit-identical run to run, and
 * the same function as on one thread (the first step's losses agree; later ones drift
 * apart only through rounding in the products). */
START_TEST (test_deterministic_two_threads)
{
  CgCganConfig config = test_config ();
  Recorder r1, r2, serial;
  g_autoptr(CgCgan) m1 = NULL, m2 = NULL, m_serial = NULL;
  CgProgress *first, *first_serial;

  config.epochs = 2;
  config.hidden_dim = 128;
  config.batch_size = 256;
  config.threads = 2;
  recorder_init (&r1);
  recorder_init (&r2);
  recorder_init (&serial);
  m1 = train (&config, &r1);
  m2 = train (&config, &r2);
  assert_identical_runs (&r1, m1, &r2, m2);

  config.threads = 1;
  m_serial = train (&config, &serial);
  first = &g_array_index (r1.steps, CgProgress, 0);
  first_serial = &g_array_index (serial.steps, CgProgress, 0);
  ck_assert_double_eq_tol (first->loss_d, first_serial->loss_d, 1e-5);
  ck_assert_double_eq_tol (first->loss_g, first_serial->loss_g, 1e-5);
  ck_assert_double_eq_tol (first->loss_mle, first_serial->loss_mle, 1e-5);
  recorder_clear (&r1);
  recorder_clear (&r2);
  recorder_clear (&serial);
}
END_TEST

START_TEST (test_progress_reports)
{
  CgCganConfig config = test_config ();
  Recorder r;
  g_autoptr(CgCgan) model = NULL;
  guint n_steps;

  config.epochs = 3;
  recorder_init (&r);
  model = train (&config, &r);
  ck_assert_uint_eq (r.epochs->len, 3);
  n_steps = g_array_index (r.steps, CgProgress, 0).n_steps;
  ck_assert_uint_gt (n_steps, 1);
  ck_assert_uint_eq (r.steps->len, 3 * n_steps);
  for (guint s = 0; s < r.steps->len; s++)
    {
      CgProgress *p = &g_array_index (r.steps, CgProgress, s);

      ck_assert_uint_eq (p->epoch, s / n_steps + 1);
      ck_assert_uint_eq (p->step, s % n_steps + 1);
      ck_assert_uint_eq (p->n_epochs, 3);
      ck_assert (isfinite (p->loss_d) && p->loss_d > 0.0);
      ck_assert (isfinite (p->loss_g) && p->loss_g > 0.0);
      ck_assert (isfinite (p->loss_mle) && p->loss_mle > 0.0);
    }
  for (guint e = 0; e < 3; e++)
    {
      CgProgress *p = &g_array_index (r.epochs, CgProgress, e);

      ck_assert_int_eq (p->kind, CG_PROGRESS_EPOCH);
      ck_assert_uint_eq (p->record.epoch, e + 1);
      ck_assert (p->record.ndcg > 0.0 && p->record.ndcg <= 1.0);
      ck_assert (p->record.seconds >= 0.0);
      ck_assert_double_eq (p->loss_d, p->record.loss_d);
    }
  recorder_clear (&r);
}
END_TEST

START_TEST (test_cancel_keeps_last_epoch)
{
  CgCganConfig config = test_config ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = cg_trainer_new (dataset, &config, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CgCgan) model = NULL;
  Recorder r;
  guint n;

  recorder_init (&r);
  r.cancel_at_epoch2 = cancellable;
  ck_assert (!cg_trainer_run (trainer, on_progress, &r, cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  /* Honoured at the next mini-batch: exactly one step of epoch 2 ran. */
  ck_assert_uint_eq (r.epochs->len, 1);
  ck_assert_uint_eq (g_array_index (r.steps, CgProgress, r.steps->len - 1).epoch, 2);
  ck_assert_uint_eq (g_array_index (r.steps, CgProgress, r.steps->len - 1).step, 1);
  model = cg_trainer_steal_model (trainer);
  ck_assert_ptr_nonnull (model);
  cg_cgan_get_history (model, &n);
  ck_assert_uint_eq (n, 1);
  ck_assert_ptr_null (cg_trainer_steal_model (trainer));
  recorder_clear (&r);
}
END_TEST

START_TEST (test_second_run_continues)
{
  CgCganConfig config = test_config ();
  g_autoptr(CgTrainer) trainer = NULL;
  g_autoptr(CgCgan) model = NULL;
  const CgEpochRecord *h;
  guint n;

  config.epochs = 2;
  trainer = cg_trainer_new (dataset, &config, NULL);
  ck_assert (cg_trainer_run (trainer, NULL, NULL, NULL, NULL));
  ck_assert (cg_trainer_run (trainer, NULL, NULL, NULL, NULL));
  model = cg_trainer_steal_model (trainer);
  h = cg_cgan_get_history (model, &n);
  ck_assert_uint_eq (n, 4);
  ck_assert_uint_eq (h[3].epoch, 4);
  ck_assert_double_gt (cg_trainer_get_epoch_flops (trainer), 0.0);
}
END_TEST

START_TEST (test_divergence_keeps_last_good_epoch)
{
  CgCganConfig config = test_config ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = NULL;
  g_autoptr(CgCgan) model = NULL;
  CgCgan *working;
  guint n;

  config.epochs = 1;
  trainer = cg_trainer_new (dataset, &config, NULL);
  ck_assert (cg_trainer_run (trainer, NULL, NULL, NULL, NULL));
  /* A NaN in G's output bias makes every softmax NaN at the next step. */
  working = cg_trainer_get_model (trainer);
  for (guint t = 0; t < cg_cgan_n_tensors (working); t++)
    {
      const char *name;
      float *x = cg_cgan_tensor (working, t, &name, NULL, NULL);

      if (g_str_equal (name, "g.b2"))
        x[0] = NAN;
    }
  ck_assert (!cg_trainer_run (trainer, NULL, NULL, NULL, &error));
  ck_assert_msg (g_error_matches (error, CG_ERROR, CG_ERROR_DIVERGED), "%s",
                 error ? error->message : "no error");
  ck_assert_ptr_nonnull (strstr (error->message, "epoch 2"));

  /* The last finished epoch's model: one record, every parameter finite. */
  model = cg_trainer_steal_model (trainer);
  ck_assert_ptr_nonnull (model);
  cg_cgan_get_history (model, &n);
  ck_assert_uint_eq (n, 1);
  for (guint t = 0; t < cg_cgan_n_tensors (model); t++)
    {
      guint rows, cols;
      float *x = cg_cgan_tensor (model, t, NULL, &rows, &cols);

      for (guint i = 0; i < rows * cols; i++)
        ck_assert (isfinite (x[i]));
    }
  /* And the trainer's own copy is back to it too. */
  working = cg_trainer_get_model (trainer);
  for (guint t = 0; t < cg_cgan_n_tensors (working); t++)
    {
      guint rows, cols;
      float *x = cg_cgan_tensor (working, t, NULL, &rows, &cols);

      for (guint i = 0; i < rows * cols; i++)
        ck_assert (isfinite (x[i]));
    }
  /* So training can go on from there. */
  g_clear_error (&error);
  ck_assert_msg (cg_trainer_run (trainer, NULL, NULL, NULL, &error), "%s",
                 error ? error->message : "");
}
END_TEST

/* The sampled softmax (a step's positives and 16 drawn items of the 60) still learns the
 * clusters, with both fake strategies, reproducibly; it is a path of its own (another
 * curve than the full softmax's); auto keeps small catalogues on the full softmax; and it
 * refuses the item–item path. */
START_TEST (test_sampled_softmax)
{
  CgCganConfig config = test_config ();
  Recorder r1, r2, full;
  g_autoptr(CgCgan) m1 = NULL, m2 = NULL, m3 = NULL;
  g_autoptr(GError) error = NULL;

  config.softmax = CG_SOFTMAX_SAMPLED;
  config.sampled_candidates = 16;
  ck_assert (cg_cgan_config_sampled (&config, dataset->n_items));
  assert_learns (&config, "sampled softmax, multinomial fakes", 4.0);
  config.fake_strategy = CG_FAKE_ARGMAX;
  assert_learns (&config, "sampled softmax, argmax fakes", 4.0);
  config.fake_strategy = CG_FAKE_MULTINOMIAL;

  config.epochs = 3;
  recorder_init (&r1);
  recorder_init (&r2);
  recorder_init (&full);
  m1 = train (&config, &r1);
  m2 = train (&config, &r2);
  assert_identical_runs (&r1, m1, &r2, m2);
  config.softmax = CG_SOFTMAX_FULL;
  m3 = train (&config, &full);
  ck_assert (g_array_index (full.steps, CgProgress, 0).loss_g
             != g_array_index (r1.steps, CgProgress, 0).loss_g);
  recorder_clear (&r1);
  recorder_clear (&r2);
  recorder_clear (&full);

  config.softmax = CG_SOFTMAX_AUTO;
  ck_assert (!cg_cgan_config_sampled (&config, dataset->n_items));
  ck_assert (!cg_cgan_config_sampled (&config, CG_SOFTMAX_AUTO_MAX_ITEMS));
  ck_assert (cg_cgan_config_sampled (&config, CG_SOFTMAX_AUTO_MAX_ITEMS + 1));
  /* The item–item path gives way to the sampled softmax, which cannot carry its dense
   * term, whether auto or asked for chooses it. */
  config.item_weight = 1.0;
  ck_assert (cg_cgan_config_sampled (&config, CG_SOFTMAX_AUTO_MAX_ITEMS + 1));
  config.softmax = CG_SOFTMAX_SAMPLED;
  ck_assert (cg_cgan_config_validate (&config, &error));
  {
    CgGenDims dims;

    cg_gen_dims_from_config (&dims, &config, dataset->n_users, dataset->n_items);
    ck_assert (!dims.item_path);
    config.softmax = CG_SOFTMAX_FULL;
    cg_gen_dims_from_config (&dims, &config, dataset->n_users, dataset->n_items);
    ck_assert (dims.item_path);
  }
}
END_TEST

START_TEST (test_bad_settings_refused)
{
  CgCganConfig config = test_config ();
  g_autoptr(GError) error = NULL;

  config.neg_mix = 2.0;
  ck_assert_ptr_null (cg_trainer_new (dataset, &config, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
}
END_TEST


/* The generator's B, which a model with an item–item path must have. */
static float *
item_path_b (CgCgan *model)
{
  for (guint t = 0; t < cg_cgan_n_tensors (model); t++)
    {
      const char *name;
      float *data = cg_cgan_tensor (model, t, &name, NULL, NULL);

      if (g_str_equal (name, "g.item_w"))
        return data;
    }
  ck_abort_msg ("the model has no g.item_w");
  return NULL;
}

START_TEST (test_item_path_fitted_and_fixed)
{
  /* The item–item path's B is EASE's closed form on the training positives before the
   * first step and stays exactly that; the generator learns with its likelihood on either
   * set of logits. */
  CgCganConfig config = test_config ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = NULL;
  g_autoptr(CgCgan) model = NULL;
  guint I = dataset->n_items;
  g_autofree float *expected = g_new (float, (gsize) I * I);
  float *b = NULL;

  config.item_weight = 3.0;
  config.item_lambda = 20.0;
  config.mle_logits = CG_LIKELIHOOD_MLP;
  config.item_learning_rate = 0.0;
  config.epochs = 3;
  ck_assert (cg_ease_fit (expected, dataset->train_pos, 20.0, 0.0, &error));
  trainer = cg_trainer_new (dataset, &config, &error);
  ck_assert_msg (trainer != NULL, "%s", error ? error->message : "");
  b = item_path_b (cg_trainer_get_model (trainer));
  ck_assert_mem_eq (b, expected, sizeof (float) * I * I);
  ck_assert (cg_trainer_run (trainer, NULL, NULL, NULL, &error));
  model = cg_trainer_steal_model (trainer);
  ck_assert_mem_eq (item_path_b (model), expected, sizeof (float) * I * I);

  config.epochs = 30;
  assert_learns (&config, "item-item path, likelihood on the network path", 4.0);
  config.mle_logits = CG_LIKELIHOOD_ALL;
  assert_learns (&config, "item-item path, likelihood on all logits", 4.0);
}
END_TEST

START_TEST (test_item_path_learns)
{
  /* With a learning rate B starts as EASE's fit, moves, keeps its zero diagonal and stays
   * finite, and the generator still learns. */
  CgCganConfig config = test_config ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = NULL;
  g_autoptr(CgCgan) model = NULL;
  guint I = dataset->n_items;
  g_autofree float *fitted = g_new (float, (gsize) I * I);
  const float *b = NULL;
  guint moved = 0;

  config.item_weight = 3.0;
  config.item_lambda = 20.0;
  config.mle_logits = CG_LIKELIHOOD_MLP;
  config.item_learning_rate = 1e-3;
  config.epochs = 3;
  ck_assert (cg_ease_fit (fitted, dataset->train_pos, 20.0, 0.0, &error));
  trainer = cg_trainer_new (dataset, &config, &error);
  ck_assert_msg (trainer != NULL, "%s", error ? error->message : "");
  ck_assert (cg_trainer_run (trainer, NULL, NULL, NULL, &error));
  model = cg_trainer_steal_model (trainer);
  b = item_path_b (model);
  for (gsize k = 0; k < (gsize) I * I; k++)
    {
      ck_assert (isfinite (b[k]));
      moved += fabsf (b[k] - fitted[k]) > 1e-5f;
    }
  for (guint i = 0; i < I; i++)
    ck_assert_float_eq (b[(gsize) i * I + i], 0.0f);
  ck_assert_msg (moved > I * I / 2, "only %u of %u entries of B moved", moved, I * I);

  /* Above CG_ITEM_LEARNING_MAX_ITEMS the path stays as fitted. */
  {
    CgGenDims dims;

    cg_gen_dims_from_config (&dims, &config, 10, CG_ITEM_LEARNING_MAX_ITEMS);
    ck_assert (dims.item_path && dims.item_learns);
    cg_gen_dims_from_config (&dims, &config, 10, CG_ITEM_LEARNING_MAX_ITEMS + 1);
    ck_assert (dims.item_path && !dims.item_learns);
  }

  config.epochs = 30;
  assert_learns (&config, "item-item path that learns", 4.0);
}
END_TEST

/* After every step, which rows of B moved since the step before, and how often a row that
 * had moved in an earlier step stood still. */
typedef struct
{
  CgTrainer *trainer;
  float     *prev;      /* (I, I) B after the previous step */
  gboolean  *moved;     /* (I) the row has moved in some step */
  guint      coasted;   /* steps × rows in which a row that had moved stood still */
  guint      steps;
} RowWatch;

static void
on_step_watch_rows (const CgProgress *p,
                    gpointer          user_data)
{
  RowWatch *w = user_data;
  const float *b = item_path_b (cg_trainer_get_model (w->trainer));
  guint I = dataset->n_items;

  if (p->kind != CG_PROGRESS_STEP)
    return;
  w->steps++;
  for (guint i = 0; i < I; i++)
    {
      gboolean now = memcmp (b + (gsize) i * I, w->prev + (gsize) i * I,
                             I * sizeof (float)) != 0;

      if (w->moved[i] && !now)
        w->coasted++;
      w->moved[i] = w->moved[i] || now;
    }
  memcpy (w->prev, b, sizeof (float) * I * I);
}

static guint
rows_standing_still (const CgCganConfig *config)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = cg_trainer_new (dataset, config, &error);
  guint I = dataset->n_items;
  g_autofree float *prev = g_new (float, (gsize) I * I);
  g_autofree gboolean *moved = g_new0 (gboolean, I);
  RowWatch w = { trainer, prev, moved, 0, 0 };

  ck_assert_msg (trainer != NULL, "%s", error ? error->message : "");
  memcpy (prev, item_path_b (cg_trainer_get_model (trainer)), sizeof (float) * I * I);
  ck_assert (cg_trainer_run (trainer, on_step_watch_rows, &w, NULL, &error));
  ck_assert_uint_gt (w.steps, 10);
  return w.coasted;
}

START_TEST (test_item_path_lazy_rows)
{
  /* Dense updates move every row that ever had a gradient at every later step (Adam's
   * momentum); lazy ones move only the rows of the movies in the step's bags, so with bags
   * thinned by dropout and cut short some rows that moved before stand still. */
  CgCganConfig config = test_config ();
  guint dense, lazy;

  config.item_weight = 3.0;
  config.item_lambda = 20.0;
  config.mle_logits = CG_LIKELIHOOD_MLP;
  config.item_learning_rate = 1e-3;
  config.item_learning_epochs = 2;
  config.epochs = 2;
  dense = rows_standing_still (&config);
  config.item_updates = CG_ITEM_UPDATES_LAZY;
  lazy = rows_standing_still (&config);
  ck_assert_msg (dense == 0, "dense: rows stood still %u times", dense);
  ck_assert_msg (lazy > 0, "lazy: no row that had moved ever stood still");

  config.epochs = 30;
  config.item_learning_epochs = 30;
  assert_learns (&config, "item-item path learning with lazy rows", 4.0);
}
END_TEST

typedef struct
{
  CgTrainer *trainer;
  float     *after[3];  /* (I, I) B after epochs 1, 2, 3 */
} EpochWatch;

static void
on_epoch_keep_b (const CgProgress *p,
                 gpointer          user_data)
{
  EpochWatch *w = user_data;
  guint I = dataset->n_items;

  if (p->kind == CG_PROGRESS_EPOCH && p->epoch >= 1 && p->epoch <= 3)
    memcpy (w->after[p->epoch - 1], item_path_b (cg_trainer_get_model (w->trainer)),
            sizeof (float) * I * I);
}

START_TEST (test_item_path_kept_epoch)
{
  /* B learns through all three epochs, beside the network; the model ends with B as it was
   * after the kept epoch (and, with none kept, as it ends), and so do the epochs' figures. */
  CgCganConfig config = test_config ();
  guint I = dataset->n_items;
  gsize size = sizeof (float) * I * I;

  config.item_weight = 3.0;
  config.item_lambda = 20.0;
  config.mle_logits = CG_LIKELIHOOD_MLP;
  config.item_learning_rate = 1e-3;
  config.item_learning_epochs = 3;
  config.epochs = 3;
  for (guint kept = 0; kept <= 2; kept++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgTrainer) trainer = NULL;
      g_autoptr(CgCgan) model = NULL;
      g_autofree float *b1 = g_new (float, (gsize) I * I);
      g_autofree float *b2 = g_new (float, (gsize) I * I);
      g_autofree float *b3 = g_new (float, (gsize) I * I);
      EpochWatch w = { NULL, { b1, b2, b3 } };
      const float *expected = kept == 0 ? b3 : w.after[kept - 1];

      config.item_kept_epoch = kept;
      trainer = cg_trainer_new (dataset, &config, &error);
      ck_assert_msg (trainer != NULL, "%s", error ? error->message : "");
      w.trainer = trainer;
      ck_assert (cg_trainer_run (trainer, on_epoch_keep_b, &w, NULL, &error));
      model = cg_trainer_steal_model (trainer);
      ck_assert_msg (memcmp (b1, b3, size) != 0, "B did not learn after epoch 1");
      ck_assert_msg (memcmp (item_path_b (model), expected, size) == 0,
                     "kept epoch %u: the model's B is not B after that epoch", kept);
      /* Every epoch was measured as the model it would have ended with: the last is the
       * model handed out. */
      {
        guint n;
        const CgEpochRecord *history = cg_cgan_get_history (model, &n);

        ck_assert_uint_eq (n, 3);
        ck_assert_double_eq_tol (history[n - 1].ndcg, model_ndcg (model), 1e-9);
      }
    }
}
END_TEST

START_TEST (test_item_path_short_bags_b)
{
  /* The second B, for short bags, is EASE's closed form at its own λ before the first step
   * and stays exactly that while the first one learns; the generator still learns. */
  CgCganConfig config = test_config ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCgan) model = NULL;
  guint I = dataset->n_items;
  g_autofree float *expected = g_new (float, (gsize) I * I);
  const float *b_short = NULL;

  config.item_weight = 3.0;
  config.item_lambda = 20.0;
  config.item_short_lambda = 200.0;
  config.item_short_bag = 5.0;
  config.mle_logits = CG_LIKELIHOOD_MLP;
  config.item_learning_rate = 1e-3;
  config.item_learning_epochs = 3;
  config.epochs = 3;
  ck_assert (cg_ease_fit (expected, dataset->train_pos, 200.0, 0.0, &error));
  model = train (&config, NULL);
  for (guint t = 0; t < cg_cgan_n_tensors (model); t++)
    {
      const char *name;
      float *data = cg_cgan_tensor (model, t, &name, NULL, NULL);

      if (g_str_equal (name, "g.item_w_short"))
        b_short = data;
    }
  ck_assert_ptr_nonnull (b_short);
  ck_assert_mem_eq (b_short, expected, sizeof (float) * I * I);
  ck_assert (memcmp (item_path_b (model), expected, sizeof (float) * I * I) != 0);

  config.epochs = 30;
  assert_learns (&config, "item-item path with a second B for short bags", 4.0);
}
END_TEST

static Suite *
trainer_suite (void)
{
  Suite *suite = suite_create ("trainer");
  TCase *tc = tcase_create ("core");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_learns_planted_clusters);
  tcase_add_test (tc, test_pure_adversarial_learns);
  tcase_add_test (tc, test_parameters_change);
  tcase_add_test (tc, test_deterministic);
  tcase_add_test (tc, test_deterministic_two_threads);
  tcase_add_test (tc, test_progress_reports);
  tcase_add_test (tc, test_cancel_keeps_last_epoch);
  tcase_add_test (tc, test_second_run_continues);
  tcase_add_test (tc, test_divergence_keeps_last_good_epoch);
  tcase_add_test (tc, test_bad_settings_refused);
  tcase_add_test (tc, test_sampled_softmax);
  tcase_add_test (tc, test_item_path_learns);
  tcase_add_test (tc, test_item_path_fitted_and_fixed);
  tcase_add_test (tc, test_item_path_lazy_rows);
  tcase_add_test (tc, test_item_path_kept_epoch);
  tcase_add_test (tc, test_item_path_short_bags_b);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (trainer_suite ());
}
