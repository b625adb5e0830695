/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-bench.c: "cinegan-cli bench" — how fast the CGAN trains and recommends, in one run.
 *
 * Prints: the GFLOP/s of plain cblas_sgemm calls measured in the same process, before and
 * after training (the shape of the largest product of a training step, and a large square
 * one), each made both as one call on OpenBLAS's threads and split by rows across the
 * threads — the better is the machine's practical ceiling; per-epoch training seconds
 * (median), the analytic FLOPs of an epoch and the GFLOP/s they amount to, also set
 * against a window of the step's shape timed right after each epoch; the training seconds
 * until NDCG@K first reaches the target; the time to recommend top-K for every user with
 * the model's noise draws; peak RSS. Then, unless --no-ablation, the same training in the
 * pure adversarial setting (no likelihood, no entropy: G learns from D alone) beside the
 * popularity baseline.
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
#include "cg-gemm.h"
#include "cg-rng.h"
#include "cg-team.h"
#include "cg-topk.h"
#include "cg-trainer.h"
#include "cg-data-dir.h"
#include "cli-bench.h"
#include "cli-commands.h"
#include "cli-common.h"
#include "cli-train-options.h"

#define EVAL_BATCH 256

typedef struct Ceiling Ceiling;

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
  Ceiling *ceiling;       /* measured again after every epoch, or NULL */
  GArray  *ratios;        /* of double: each epoch's GFLOP/s over a team window right after */
  GArray  *phases[CG_N_PHASES];  /* of double: seconds of each phase per epoch */
  double   measuring;     /* wall seconds spent on those measurements */
  double   setup;         /* seconds to build the trainer (the item–item path's fit) */
} BenchRun;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
cli_bench_median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  if (sorted->len == 0)
    return NAN;
  g_array_sort (sorted, compare_double);
  return sorted->len % 2 == 1 ? g_array_index (sorted, double, sorted->len / 2)
                              : 0.5 * (g_array_index (sorted, double, sorted->len / 2 - 1)
                                       + g_array_index (sorted, double, sorted->len / 2));
}

/* Timed windows per measurement of a ceiling, and their length: long enough that a
 * window holds many products, so one descheduling does not decide the figure. */
#define CEILING_WINDOWS  5
#define CEILING_WINDOW_S 0.04

/* One product C (M, N) = A (M, K) · B (K, N) on `threads` cores, made in one of two ways:
 * one cblas_sgemm call on OpenBLAS's threads, or the way training makes its products
 * (cg-dense.c): the rows of C split across a team (cg-team.h), one cg_gemm call per
 * thread (our AVX-512 kernel, or OpenBLAS on one thread; see cg-gemm.h). */
struct Ceiling
{
  guint        M, N, K, threads;
  CgTeam      *own_team;   /* for windows outside training, which has its own */
  float       *a, *b, *c;
  GArray      *blas;   /* of double: GFLOP/s of each timed window, one threaded call */
  GArray      *team;   /* of double: split across the team */
};

static void
ceiling_init (Ceiling *ceiling,
              guint    M,
              guint    N,
              guint    K,
              guint    threads)
{
  CgRng rng;

  ceiling->M = M;
  ceiling->N = N;
  ceiling->K = K;
  ceiling->threads = threads;
  ceiling->own_team = cg_team_new (threads);
  ceiling->a = g_new (float, (gsize) M * K);
  ceiling->b = g_new (float, (gsize) K * N);
  ceiling->c = g_new0 (float, (gsize) M * N);
  ceiling->blas = g_array_new (FALSE, FALSE, sizeof (double));
  ceiling->team = g_array_new (FALSE, FALSE, sizeof (double));
  cg_rng_seed (&rng, 1);
  cg_rng_fill_uniform (&rng, ceiling->a, (gsize) M * K, 0.5f);
  cg_rng_fill_uniform (&rng, ceiling->b, (gsize) K * N, 0.5f);
}

static void
ceiling_clear (Ceiling *ceiling)
{
  g_free (ceiling->a);
  g_free (ceiling->b);
  g_free (ceiling->c);
  g_array_unref (ceiling->blas);
  g_array_unref (ceiling->team);
  cg_team_free (ceiling->own_team);
}

/* Rows [r0, r1) of C, in one cg_gemm call. */
static void
ceiling_rows (gpointer data,
              gsize    r0,
              gsize    r1)
{
  Ceiling *ceiling = data;
  guint N = ceiling->N, K = ceiling->K;

  cg_gemm (FALSE, FALSE, (guint) (r1 - r0), N, K, ceiling->a + r0 * K, K, ceiling->b, N, 0.0f,
           ceiling->c + r0 * N, N);
}

static void
ceiling_product (Ceiling *ceiling,
                 gboolean team)
{
  guint M = ceiling->M, N = ceiling->N, K = ceiling->K;

  if (!team)
    cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) M, (int) N, (int) K, 1.0f,
                 ceiling->a, (int) K, ceiling->b, (int) N, 0.0f, ceiling->c, (int) N);
  else
    cg_team_for (TRUE, M, 8, 1, ceiling_rows, ceiling);
}

/* One timed window of one way; its GFLOP/s is added to the way's samples and returned.
 * Leaves OpenBLAS's thread count as it found it: training may be paused around this. */
static double
ceiling_window (Ceiling *ceiling,
                gboolean team)
{
  double flops = 2.0 * ceiling->M * ceiling->N * ceiling->K, t0, dt, rate;
  int threads_before = openblas_get_num_threads ();
  guint reps = 0;

  /* Between epochs the calling thread has training's team: the windows use it. */
  gboolean entered = team && cg_team_get_current () == NULL;

  openblas_set_num_threads (team ? 1 : (int) ceiling->threads);
  if (entered)
    cg_team_enter (ceiling->own_team);
  /* Warm-up: page faults, thread start-up, OpenBLAS's per-thread buffers. */
  ceiling_product (ceiling, team);
  t0 = now ();
  do
    {
      ceiling_product (ceiling, team);
      reps++;
    }
  while ((dt = now () - t0) < CEILING_WINDOW_S);
  rate = flops * reps / dt / 1e9;
  g_array_append_val (team ? ceiling->team : ceiling->blas, rate);
  if (entered)
    cg_team_leave ();
  openblas_set_num_threads (threads_before);
  return rate;
}

/* CEILING_WINDOWS windows of each way. Called before and after training, so the figure
 * comes from the same stretch of time as the training's. OpenBLAS's threads first: they
 * spin for a while after their last call, so the team's windows (and training, next) would
 * otherwise share the cores with them. */
static void
ceiling_measure (Ceiling *ceiling)
{
  for (guint w = 0; w < CEILING_WINDOWS; w++)
    ceiling_window (ceiling, FALSE);
  for (guint w = 0; w < CEILING_WINDOWS; w++)
    ceiling_window (ceiling, TRUE);
}

/* The practical ceiling: the better way's median window. */
static double
ceiling_gflops (const Ceiling *ceiling)
{
  return MAX (cli_bench_median (ceiling->blas), cli_bench_median (ceiling->team));
}

static void
ceiling_print (const Ceiling *ceiling)
{
  printf ("sgemm           %u×%u×%u: %.1f GFLOP/s as one call on OpenBLAS's threads, %.1f "
          "split across %u threads (medians of %u and %u windows)\n", ceiling->M, ceiling->N,
          ceiling->K, cli_bench_median (ceiling->blas), cli_bench_median (ceiling->team),
          ceiling->threads, ceiling->blas->len, ceiling->team->len);
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
  {
    double phases[CG_N_PHASES];

    cg_trainer_get_phase_seconds (run->trainer, phases);
    for (guint ph = 0; ph < CG_N_PHASES; ph++)
      g_array_append_val (run->phases[ph], phases[ph]);
  }
  run->train_total += seconds;
  if (run->reached_train < 0.0 && p->record.ndcg >= run->target)
    {
      run->reached_train = run->train_total;
      run->reached_wall = p->elapsed - run->measuring;
      run->reached_epoch = p->epoch;
    }
  if (run->ceiling != NULL && seconds > 0.0)
    {
      /* Against the ceiling of this very moment (the machine's speed drifts), made the
       * team's way only: a threaded OpenBLAS call here would leave OpenBLAS's threads
       * spinning into the next epoch. */
      double t0 = now ();
      double ratio = flops / seconds / 1e9 / ceiling_window (run->ceiling, TRUE);

      g_array_append_val (run->ratios, ratio);
      run->measuring += now () - t0;
    }
  if (run->verbose)
    printf ("  epoch %u/%u  NDCG@%u %.4f  %.3f s  %.2f GFLOP\n", p->epoch, p->n_epochs,
            run->k, p->record.ndcg, seconds, flops / 1e9);
}

/* Trains with config and returns the model (NULL and the error printed on failure). */
static CgCgan *
bench_train (const CgDataset    *ds,
             const CgCganConfig *config,
             BenchRun           *run,
             gboolean            verbose)
{
  g_autoptr(GError) error = NULL;
  double t0 = now ();
  g_autoptr(CgTrainer) trainer = cg_trainer_new (ds, config, &error);
  double setup = now () - t0;
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
  run->ratios = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint ph = 0; ph < CG_N_PHASES; ph++)
    run->phases[ph] = g_array_new (FALSE, FALSE, sizeof (double));
  run->measuring = 0.0;
  /* Fitting the item–item path is part of training: counted before the first epoch. */
  run->setup = setup;
  run->train_total = setup;
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
  g_clear_pointer (&run->ratios, g_array_unref);
  for (guint ph = 0; ph < CG_N_PHASES; ph++)
    g_clear_pointer (&run->phases[ph], g_array_unref);
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
  return cli_bench_median (times);
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
  gboolean no_ablation = FALSE, verbose = FALSE, vs_torch = FALSE;
  int pairs = 5, eval_users = 2000;
  double max_seconds = 120.0;
  g_autofree char *peer = NULL, *python = NULL;
  g_auto(GStrv) synthetic = NULL;
  const GOptionEntry entries[] = {
    { "target", 0, 0, G_OPTION_ARG_DOUBLE, &target,
      "NDCG@K to time the training to (default 0.40)", "X" },
    { "no-ablation", 0, 0, G_OPTION_ARG_NONE, &no_ablation,
      "Skip the runs without the item–item path and pure adversarial", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "One line per epoch", NULL },
    { "vs-torch", 0, 0, G_OPTION_ARG_NONE, &vs_torch,
      "Instead: train ours and the PyTorch peer alternately, 3 epochs each with the peer's "
      "settings (only --threads, --seed and the data options apply), and print the median "
      "ratio of their epochs", NULL },
    { "pairs", 0, 0, G_OPTION_ARG_INT, &pairs, "--vs-torch: pairs of runs (default 5)", "N" },
    { "peer", 0, 0, G_OPTION_ARG_FILENAME, &peer,
      "--vs-torch: torch_peer.py (default $CINEGAN_TORCH_PEER, then "
      "../shared/bench/torch_peer.py)", "FILE" },
    { "python", 0, 0, G_OPTION_ARG_FILENAME, &python,
      "--vs-torch: the Python that has torch (default /usr/bin/python3)", "FILE" },
    { "synthetic", 0, 0, G_OPTION_ARG_STRING_ARRAY, &synthetic,
      "Instead: draw a seeded MovieLens-shaped dataset of this shape in memory and train on "
      "it (repeat for several sizes; --split, --threshold and every setting apply)",
      "USERSxITEMSxPOSITIVES" },
    { "max-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &max_seconds,
      "--synthetic: training seconds per size; the epoch that crosses them is the last "
      "(default 120, 0 = --epochs alone)", "S" },
    { "eval-users", 0, 0, G_OPTION_ARG_INT, &eval_users,
      "--synthetic: held-out users each epoch is measured on, evenly spread (default 2000, "
      "0 = all)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  g_autoptr(CgCgan) model = NULL;
  const CgCganConfig *c;
  BenchRun run = { 0 };
  CgMetrics metrics;
  guint threads, E, H, I;
  Ceiling shape = { 0 }, large = { 0 };
  double ceiling_shape, ceiling_large, epoch_s, epoch_flops, rate, recommend_s;
  struct rusage usage;
  int status = CLI_EXIT_OK;

  cli_train_options_init (&train, context);
  cli_data_options_add (context, &data);
  cli_add_main_entries (context, entries);
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
  if (synthetic != NULL)
    {
      CliBenchSynthetic options = { data.split, data.threshold, max_seconds, 0, verbose };

      if (!(max_seconds >= 0.0) || eval_users < 0)
        {
          status = cli_fail ("bench", CLI_EXIT_USAGE,
                             "--max-seconds and --eval-users must not be negative");
          goto out;
        }
      options.eval_users = (guint) eval_users;
      status = cli_bench_synthetic ((const char *const *) synthetic, &train.config, &options);
      goto out;
    }
  if ((ds = cli_load_dataset (&data, &error)) == NULL)
    {
      status = cli_fail_error ("bench", error);
      goto out;
    }
  c = &train.config;
  threads = c->threads > 0 ? c->threads : g_get_num_processors ();
  if (vs_torch)
    {
      g_autofree char *dir = cg_data_dir_find (data.data_dir, &error);
      CliVsTorchOptions vs = { 0 };

      if (pairs < 1)
        {
          status = cli_fail ("bench", CLI_EXIT_USAGE, "--pairs must be at least 1");
          goto out;
        }
      vs.pairs = (guint) pairs;
      vs.epochs = 3;
      vs.threads = threads;
      vs.seed = c->seed;
      vs.python = python != NULL ? python : "/usr/bin/python3";
      vs.peer = peer;
      vs.data_dir = dir;
      vs.split = ds->split;
      status = cli_bench_vs_torch (&vs, ds);
      goto out;
    }
  openblas_set_num_threads ((int) threads);
  E = c->embed_dim;
  H = c->hidden_dim;
  I = ds->n_items;

  printf ("cinegan bench: split %s, %u users × %u items, %u thread%s, seed %"
          G_GUINT64_FORMAT ", products on the %s kernel (OpenBLAS core %s)\n", ds->split,
          ds->n_users, I, threads, threads == 1 ? "" : "s", c->seed, cg_gemm_kernel (),
          openblas_get_corename ());
  fflush (stdout);

  /* The item half of D's first layer, (I × E) · (E × H), is the largest product of a
   * step; the large square one shows what the BLAS reaches at its best. */
  ceiling_init (&shape, I, H, E, threads);
  ceiling_init (&large, 1024, 1024, 1024, threads);
  ceiling_measure (&shape);
  ceiling_measure (&large);

  run.target = target;
  run.k = c->k;
  run.ceiling = &shape;
  model = bench_train (ds, c, &run, verbose);
  if (model == NULL)
    {
      bench_run_clear (&run);
      status = CLI_EXIT_DATA;
      goto out;
    }
  ceiling_measure (&shape);
  ceiling_measure (&large);
  ceiling_print (&shape);
  ceiling_print (&large);
  ceiling_shape = ceiling_gflops (&shape);
  ceiling_large = ceiling_gflops (&large);
  epoch_s = cli_bench_median (run.seconds);
  epoch_flops = cli_bench_median (run.flops);
  rate = epoch_flops / epoch_s / 1e9;
  printf ("training        %u epochs, median epoch %.3f s, %.2f GFLOP/epoch, %.1f GFLOP/s\n",
          run.seconds->len, epoch_s, epoch_flops / 1e9, rate);
  printf ("setup           %.3f s before the first epoch (the item–item path's closed-form "
          "fit: %s)\n", run.setup, c->item_weight > 0.0 ? "yes" : "none");
  /* The ceiling is one plain call of the step's shape; the better of its two ways
   * is the stricter figure, and the large square product the BLAS at its best. */
  printf ("                %.0f%% of one plain sgemm call of the %u×%u×%u shape, %.0f%% of the "
          "better of its two ways, %.0f%% of the better large one\n",
          100.0 * rate / cli_bench_median (shape.blas), I, H, E, 100.0 * rate / ceiling_shape,
          100.0 * rate / ceiling_large);
  if (run.ratios->len > 0)
    {
      g_autoptr(GArray) sorted = g_array_copy (run.ratios);

      g_array_sort (sorted, compare_double);
      printf ("                each epoch against a %u×%u×%u window split across the threads "
              "right after it: median %.0f%% (%.0f–%.0f%%)\n", I, H, E,
              100.0 * cli_bench_median (run.ratios), 100.0 * g_array_index (sorted, double, 0),
              100.0 * g_array_index (sorted, double, sorted->len - 1));
    }
  {
    double sum = 0.0;

    printf ("phases          median seconds per epoch:");
    for (guint ph = 0; ph < CG_N_PHASES; ph++)
      {
        double s = cli_bench_median (run.phases[ph]);

        sum += s;
        printf ("%s %s %.4f", ph == 0 ? "" : ",", cg_trainer_phase_name (ph), s);
      }
    printf ("; their sum %.4f\n", sum);
  }
  if (run.reached_train >= 0.0)
    printf ("to NDCG@%u %.2f  epoch %u: %.2f s of training (%.2f s with per-epoch "
            "evaluation)\n", c->k, target, run.reached_epoch, run.reached_train,
            run.reached_wall);
  else
    printf ("to NDCG@%u %.2f  not reached in %u epochs\n", c->k, target, run.seconds->len);
  metrics = evaluate (model, ds, c->k);
  {
    g_autofree char *text = cg_metrics_format (&metrics);
    g_autofree char *lists = cg_metrics_format_lists (&metrics);

    printf ("final           %s  (%.1f s of training)\n", text, run.train_total);
    printf ("                %s\n", lists);
  }
  bench_run_clear (&run);

  recommend_s = time_recommend_all (model, ds, c->k);
  printf ("recommend       %u users, top %u, %u noise draws: %.1f ms (median of 6)\n",
          ds->n_users, c->k, c->noise_draws, recommend_s * 1e3);
  fflush (stdout);

  if (!no_ablation && c->item_weight > 0.0)
    {
      /* The same training without the item–item path: the old path, side by side. */
      CgCganConfig plain = *c;
      g_autoptr(CgCgan) network = NULL;

      plain.item_weight = 0.0;
      run.ceiling = NULL;
      network = bench_train (ds, &plain, &run, verbose);
      if (network != NULL)
        {
          g_autofree char *text = NULL;
          g_autofree char *lists = NULL;

          metrics = evaluate (network, ds, c->k);
          text = cg_metrics_format (&metrics);
          lists = cg_metrics_format_lists (&metrics);
          printf ("no item path    median epoch %.3f s, setup %.3f s; %s\n",
                  cli_bench_median (run.seconds), run.setup, text);
          printf ("                %s; recommend %.1f ms\n", lists,
                  1e3 * time_recommend_all (network, ds, c->k));
        }
      else
        status = CLI_EXIT_DATA;
      bench_run_clear (&run);
    }

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
      run.ceiling = NULL;
      adversarial = bench_train (ds, &pure, &run, verbose);
      if (adversarial != NULL)
        {
          g_autofree char *text = NULL;
          g_autofree char *lists = NULL;

          metrics = evaluate (adversarial, ds, c->k);
          text = cg_metrics_format (&metrics);
          lists = cg_metrics_format_lists (&metrics);
          printf ("pure adversarial %s  (%.1f s of training)\n", text, run.train_total);
          printf ("                %s\n", lists);
        }
      else
        status = CLI_EXIT_DATA;
      bench_run_clear (&run);
      cg_metrics_evaluate (&pop, ds, c->k, cg_baseline_score, popularity, EVAL_BATCH);
      {
        g_autofree char *text = cg_metrics_format (&pop);
        g_autofree char *lists = cg_metrics_format_lists (&pop);

        printf ("popularity      %s\n", text);
        printf ("                %s\n", lists);
      }
    }

  getrusage (RUSAGE_SELF, &usage);
  printf ("peak RSS        %.1f MB\n", usage.ru_maxrss / 1024.0);

out:
  if (shape.blas != NULL)
    ceiling_clear (&shape);
  if (large.blas != NULL)
    ceiling_clear (&large);
  cli_train_options_clear (&train);
  cli_data_options_clear (&data);
  return status;
}
