/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-bench.c: "cinegan-cli bench" — how fast the CGAN trains and recommends, in one run.
 *
 * Prints: the GFLOP/s of plain cblas_sgemm calls measured in the same process (the shape
 * of the largest product of a training step, and a large square one: the machine's
 * practical ceiling right now); per-epoch training seconds (median), the analytic FLOPs of
 * an epoch and the GFLOP/s they amount to; the training seconds until NDCG@K first reaches
 * the target; the time to recommend top-K for every user with the model's noise draws;
 * peak RSS. Then, unless --no-ablation, the same training in the pure adversarial setting
 * (no likelihood, no entropy: G learns from D alone) beside the popularity baseline.
 *
 * Timings are wall-clock and depend on what else runs: on a shared machine, say so when
 * quoting them.
 */
#include <cblas.h>
/* OpenBLAS pulls in <complex.h>, whose macro I would shadow our item count I. */
#undef I
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cg-baseline.h"
#include "cg-cgan.h"
#include "cg-rng.h"
#include "cg-topk.h"
#include "cg-trainer.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-train-options.h"

#define EVAL_BATCH 256

typedef struct
{
  GArray *seconds;        /* of double: training seconds per epoch */
  GArray *flops;          /* of double */
  double  target;
  guint   k;
  double  train_total;    /* training seconds so far */
  double  reached_train;  /* training seconds when NDCG first ≥ target, or −1 */
  double  reached_wall;   /* wall seconds (evaluations included) */
  guint   reached_epoch;
  CgTrainer *trainer;
  gboolean verbose;
} BenchRun;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* GFLOP/s of C (M, N) = A (M, K) · B (K, N), best of a few timed batches. */
static double
sgemm_gflops (guint M,
              guint N,
              guint K)
{
  g_autofree float *a = g_new (float, (gsize) M * K);
  g_autofree float *b = g_new (float, (gsize) K * N);
  g_autofree float *c = g_new0 (float, (gsize) M * N);
  double flops = 2.0 * M * N * K, best = 0.0;
  guint reps = MAX (1, (guint) (2e8 / flops));
  CgRng rng;

  cg_rng_seed (&rng, 1);
  for (gsize i = 0; i < (gsize) M * K; i++)
    a[i] = cg_rng_uniform_float (&rng) - 0.5f;
  for (gsize i = 0; i < (gsize) K * N; i++)
    b[i] = cg_rng_uniform_float (&rng) - 0.5f;
  /* Warm-up: page faults, thread start-up. */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) M, (int) N, (int) K, 1.0f, a,
               (int) K, b, (int) N, 0.0f, c, (int) N);
  for (guint round = 0; round < 5; round++)
    {
      double t0 = now (), dt;

      for (guint r = 0; r < reps; r++)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) M, (int) N, (int) K,
                     1.0f, a, (int) K, b, (int) N, 0.0f, c, (int) N);
      dt = now () - t0;
      best = MAX (best, flops * reps / dt / 1e9);
    }
  return best;
}

static void
on_trainer_progress_cb (const CgProgress *p,
             gpointer          user_data)
{
  BenchRun *run = user_data;
  double flops, seconds;

  if (p->kind != CG_PROGRESS_EPOCH)
    return;
  seconds = p->record.seconds;
  flops = cg_trainer_get_epoch_flops (run->trainer);
  g_array_append_val (run->seconds, seconds);
  g_array_append_val (run->flops, flops);
  run->train_total += seconds;
  if (run->reached_train < 0.0 && p->record.ndcg >= run->target)
    {
      run->reached_train = run->train_total;
      run->reached_wall = p->elapsed;
      run->reached_epoch = p->epoch;
    }
  if (run->verbose)
    printf ("  epoch %u/%u  NDCG@%u %.4f  %.3f s  %.2f GFLOP\n", p->epoch, p->n_epochs,
            run->k, p->record.ndcg, seconds, flops / 1e9);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  if (sorted->len == 0)
    return NAN;
  g_array_sort (sorted, compare_double);
  return sorted->len % 2 == 1 ? g_array_index (sorted, double, sorted->len / 2)
                              : 0.5 * (g_array_index (sorted, double, sorted->len / 2 - 1)
                                       + g_array_index (sorted, double, sorted->len / 2));
}

/* Trains with config and returns the model (NULL and the error printed on failure). */
static CgCgan *
bench_train (const CgDataset    *ds,
             const CgCganConfig *config,
             BenchRun           *run,
             gboolean            verbose)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = cg_trainer_new (ds, config, &error);
  CgCgan *model;
  gboolean ok;

  if (trainer == NULL)
    {
      fprintf (stderr, "cinegan-cli bench: %s\n", error->message);
      return NULL;
    }
  /* A run may be reused for a second training (the pure-adversarial one): every counter
   * starts afresh, only target and k carry over. */
  run->seconds = g_array_new (FALSE, FALSE, sizeof (double));
  run->flops = g_array_new (FALSE, FALSE, sizeof (double));
  run->train_total = 0.0;
  run->reached_epoch = 0;
  run->reached_train = -1.0;
  run->reached_wall = -1.0;
  run->trainer = trainer;
  run->verbose = verbose;
  ok = cg_trainer_run (trainer, on_trainer_progress_cb, run, NULL, &error);
  model = cg_trainer_steal_model (trainer);
  if (!ok)
    fprintf (stderr, "cinegan-cli bench: %s\n", error->message);
  return model;
}

static void
bench_run_clear (BenchRun *run)
{
  g_clear_pointer (&run->seconds, g_array_unref);
  g_clear_pointer (&run->flops, g_array_unref);
}

static CgMetrics
evaluate (CgCgan          *model,
          const CgDataset *ds,
          guint            k)
{
  CgCganScorer scorer = { model, ds->train_pos, cg_cgan_eval_noise_seed (model) };
  CgMetrics metrics;

  cg_metrics_evaluate (&metrics, ds, k, cg_cgan_scorer_score, &scorer, EVAL_BATCH);
  return metrics;
}

/* Seconds to score every user (S noise draws each) and pick their top k unrated items. */
static double
time_recommend_all (CgCgan          *model,
                    const CgDataset *ds,
                    guint            k)
{
  guint U = ds->n_users, I = ds->n_items;
  g_autofree float *scores = g_new (float, (gsize) U * I);
  g_autofree guint32 *users = g_new (guint32, U);
  g_autofree guint32 *top = g_new (guint32, (gsize) U * k);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint u = 0; u < U; u++)
    users[u] = u;
  for (guint round = 0; round < 7; round++)
    {
      double t0 = now (), dt;

      cg_cgan_score_users (model, ds->train_pos, scores, users, U,
                           cg_cgan_eval_noise_seed (model));
      for (guint u = 0; u < U; u++)
        cg_topk_select (top + (gsize) u * k, NULL, k, scores + (gsize) u * I, I,
                        cg_user_items_row (ds->train_rated, u),
                        cg_user_items_count (ds->train_rated, u));
      dt = now () - t0;
      /* The first round allocates the model's scoring scratch: not counted. */
      if (round > 0)
        g_array_append_val (times, dt);
    }
  return median (times);
}

int
cli_bench_run (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context =
    cli_context_new (NULL, "Measure training speed (median epoch seconds, FLOPs, "
                     "GFLOP/s against plain sgemm), seconds to reach the NDCG target, "
                     "recommendation time for all users and peak memory; then the pure "
                     "adversarial setting.");
  CliDataOptions data = { 0 };
  CliTrainOptions train = { 0 };
  double target = 0.40;
  gboolean no_ablation = FALSE, verbose = FALSE;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_DOUBLE, &target,
      "NDCG@K to time the training to (default 0.40)", "X" },
    { "no-ablation", 0, 0, G_OPTION_ARG_NONE, &no_ablation,
      "Skip the pure adversarial run", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "One line per epoch", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  g_autoptr(CgCgan) model = NULL;
  const CgCganConfig *c;
  BenchRun run = { 0 };
  CgMetrics metrics;
  guint threads, E, H, I;
  double ceiling_shape, ceiling_large, epoch_s, epoch_flops, recommend_s;
  struct rusage usage;
  int status = CLI_EXIT_OK;

  cli_train_options_init (&train, context);
  cli_data_options_add (context, &data);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!cli_parse (context, &argc, &argv))
    {
      status = CLI_EXIT_USAGE;
      goto out;
    }
  if (!cg_cgan_config_validate (&train.config, &error))
    {
      status = cli_fail ("bench", CLI_EXIT_USAGE, "%s", error->message);
      goto out;
    }
  if ((ds = cli_load_dataset (&data, &error)) == NULL)
    {
      status = cli_fail_error ("bench", error);
      goto out;
    }
  c = &train.config;
  threads = c->threads > 0 ? c->threads : g_get_num_processors ();
  openblas_set_num_threads ((int) threads);
  E = c->embed_dim;
  H = c->hidden_dim;
  I = ds->n_items;

  printf ("cinegan bench: split %s, %u users × %u items, %u OpenBLAS thread%s, seed %"
          G_GUINT64_FORMAT "\n", ds->split, ds->n_users, I, threads, threads == 1 ? "" : "s",
          c->seed);
  fflush (stdout);

  /* The item half of D's first layer, (I × E) · (E × H), is the largest product of a
   * step; the large square one shows what the BLAS reaches at its best. */
  ceiling_shape = sgemm_gflops (I, H, E);
  ceiling_large = sgemm_gflops (1024, 1024, 1024);
  printf ("sgemm           %u×%u×%u: %.1f GFLOP/s   1024×1024×1024: %.1f GFLOP/s\n", I, H, E,
          ceiling_shape, ceiling_large);
  fflush (stdout);

  run.target = target;
  run.k = c->k;
  model = bench_train (ds, c, &run, verbose);
  if (model == NULL)
    {
      bench_run_clear (&run);
      status = CLI_EXIT_DATA;
      goto out;
    }
  epoch_s = median (run.seconds);
  epoch_flops = median (run.flops);
  printf ("training        %u epochs, median epoch %.3f s, %.2f GFLOP/epoch, %.1f GFLOP/s "
          "(%.0f%% of the %u×%u×%u sgemm, %.0f%% of the large one)\n",
          run.seconds->len, epoch_s, epoch_flops / 1e9, epoch_flops / epoch_s / 1e9,
          100.0 * epoch_flops / epoch_s / 1e9 / ceiling_shape, I, H, E,
          100.0 * epoch_flops / epoch_s / 1e9 / ceiling_large);
  if (run.reached_train >= 0.0)
    printf ("to NDCG@%u %.2f  epoch %u: %.2f s of training (%.2f s with per-epoch "
            "evaluation)\n", c->k, target, run.reached_epoch, run.reached_train,
            run.reached_wall);
  else
    printf ("to NDCG@%u %.2f  not reached in %u epochs\n", c->k, target, run.seconds->len);
  metrics = evaluate (model, ds, c->k);
  {
    g_autofree char *text = cg_metrics_format (&metrics);

    printf ("final           %s  (%.1f s of training)\n", text, run.train_total);
  }
  bench_run_clear (&run);

  recommend_s = time_recommend_all (model, ds, c->k);
  printf ("recommend       %u users, top %u, %u noise draws: %.1f ms (median of 6)\n",
          ds->n_users, c->k, c->noise_draws, recommend_s * 1e3);
  fflush (stdout);

  if (!no_ablation)
    {
      CgCganConfig pure = *c;
      g_autoptr(CgCgan) adversarial = NULL;
      g_autoptr(CgBaseline) popularity = cg_baseline_new (CG_BASELINE_POPULARITY, ds, NULL);
      CgMetrics pop;

      pure.pretrain_epochs = 0;
      pure.mle_weight = 0.0;
      pure.entropy_weight = 0.0;
      pure.adv_weight = 1.0;
      adversarial = bench_train (ds, &pure, &run, verbose);
      if (adversarial != NULL)
        {
          g_autofree char *text = NULL;

          metrics = evaluate (adversarial, ds, c->k);
          text = cg_metrics_format (&metrics);
          printf ("pure adversarial %s  (%.1f s of training)\n", text, run.train_total);
        }
      else
        status = CLI_EXIT_DATA;
      bench_run_clear (&run);
      cg_metrics_evaluate (&pop, ds, c->k, cg_baseline_score, popularity, EVAL_BATCH);
      {
        g_autofree char *text = cg_metrics_format (&pop);

        printf ("popularity      %s\n", text);
      }
    }

  getrusage (RUSAGE_SELF, &usage);
  printf ("peak RSS        %.1f MB\n", usage.ru_maxrss / 1024.0);

out:
  cli_train_options_clear (&train);
  cli_data_options_clear (&data);
  return status;
}
