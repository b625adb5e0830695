/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-bench-vs-torch.c: "cinegan-cli bench --vs-torch" — our training and the PyTorch peer's
 * (torch_peer.py, the same algorithm written as a PyTorch user would), run alternately.
 *
 * Each pair trains both sides for the same few epochs with the same settings, one after the
 * other (the order flips from pair to pair), and divides the peer's median epoch by ours.
 * The machine's speed drifts by tens of percent within minutes when it is shared, so only
 * ratios of runs made side by side mean anything; the median of the pair ratios is the
 * figure to quote. Ours runs with every setting the peer implements set explicitly, never
 * from our defaults, which may move on; both sides' analytic FLOPs per epoch are printed so
 * that a difference in the work shows.
 *
 * This is a benchmark only (it needs python3-torch), never a test.
 */
#include <cblas.h>
/* OpenBLAS pulls in <complex.h>, whose macro I would shadow. */
#undef I
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cg-cgan.h"
#include "cg-gemm.h"
#include "cg-trainer.h"
#include "cli-bench.h"
#include "cli-common.h"

/* The settings torch_peer.py implements (its constants), by field name. Every field of the
 * settings table that is not here, nor epochs, threads or seed, is reported before the
 * runs: it would take our default, which the peer may not share. */
static const struct
{
  const char *name, *value;
} peer_settings[] = {
  { "embed-dim", "64" },
  { "noise-dim", "32" },
  { "hidden-dim", "256" },
  { "user-mode", "history" },
  { "history-act", "tanh" },
  { "input-dropout", "0.5" },
  { "batch-size", "1024" },
  { "learning-rate", "0.001" },
  { "weight-decay", "2" },
  { "d-steps", "4" },
  { "d-learning-rate", "0.01" },
  { "d-weight-decay", "0" },
  { "g-steps", "1" },
  { "neg-mix", "0.5" },
  { "fake-strategy", "multinomial" },
  { "fake-refresh", "10" },
  { "pretrain-epochs", "0" },
  { "mle-weight", "1" },
  { "adv-weight", "0.3" },
  { "entropy-weight", "0" },
  { "k", "10" },
  { "noise-draws", "5" },
  /* The peer has no item–item path, no cut-short bags and only the full softmax; the
   * settings of those parts are inert once they are off. */
  { "item-weight", "0" },
  { "item-lambda", "300" },
  { "item-dropout", "0" },
  { "mle-logits", "all" },
  { "item-learning-rate", "0" },
  { "item-learning-epochs", "0" },
  { "item-updates", "dense" },
  { "item-kept-epoch", "0" },
  { "item-short-lambda", "0" },
  { "item-short-bag", "10" },
  { "short-bags", "0" },
  { "short-bag-max", "20" },
  { "softmax", "full" },
  { "sampled-candidates", "2048" },
};

static gboolean
pinned (const char *name)
{
  if (g_str_equal (name, "epochs") || g_str_equal (name, "threads")
      || g_str_equal (name, "seed"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (peer_settings); i++)
    if (g_str_equal (name, peer_settings[i].name))
      return TRUE;
  return FALSE;
}

static gboolean
peer_config (CgCganConfig            *config,
             const CliVsTorchOptions *options,
             GError                 **error)
{
  guint n_fields;
  const CgConfigField *fields = cg_cgan_config_fields (&n_fields);

  cg_cgan_config_init (config);
  for (guint i = 0; i < G_N_ELEMENTS (peer_settings); i++)
    if (!cg_cgan_config_set (config, peer_settings[i].name, peer_settings[i].value, error))
      {
        g_prefix_error (error, "the peer's setting %s: ", peer_settings[i].name);
        return FALSE;
      }
  config->epochs = options->epochs;
  config->threads = options->threads;
  config->seed = options->seed;
  for (guint i = 0; i < n_fields; i++)
    if (!pinned (fields[i].name))
      {
        g_autofree char *value = cg_cgan_config_get (config, fields[i].name);

        printf ("warning         setting %s = %s is not one the peer implements; ours runs "
                "with it as it is\n", fields[i].name, value);
      }
  return cg_cgan_config_validate (config, error);
}

/* ---- our side ---- */

typedef struct
{
  CgTrainer *trainer;
  GArray    *seconds;
  double     flops;
  double     ndcg;
} OursRun;

static void
on_ours_progress_cb (const CgProgress *p,
                     gpointer          user_data)
{
  OursRun *run = user_data;

  if (p->kind != CG_PROGRESS_EPOCH)
    return;
  g_array_append_val (run->seconds, p->record.seconds);
  run->flops = cg_trainer_get_epoch_flops (run->trainer);
  run->ndcg = p->record.ndcg;
}

/* Our median epoch, or NAN with the error printed. */
static double
run_ours (const CgDataset    *ds,
          const CgCganConfig *config,
          double             *flops,
          double             *ndcg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = cg_trainer_new (ds, config, &error);
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (double));
  OursRun run = { trainer, seconds, 0.0, NAN };

  if (trainer == NULL || !cg_trainer_run (trainer, on_ours_progress_cb, &run, NULL, &error))
    {
      fprintf (stderr, "cinegan-cli bench: %s\n", error->message);
      return NAN;
    }
  *flops = run.flops;
  *ndcg = run.ndcg;
  return cli_bench_median (seconds);
}

/* ---- the peer ---- */

static char *
find_peer (const char *explicit)
{
  const char *env = g_getenv ("CINEGAN_TORCH_PEER");
  const char *candidates[] = {
    "../shared/bench/torch_peer.py", "../../shared/bench/torch_peer.py",
  };

  if (explicit != NULL)
    return g_strdup (explicit);
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
      return g_canonicalize_filename (candidates[i], NULL);
  return NULL;
}

/* The torch version, or NULL when the interpreter cannot import torch. */
static char *
torch_version (const char *python)
{
  const char *argv[] = { python, "-c", "import torch; print(torch.__version__)", NULL };
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strstrip (g_steal_pointer (&out));
}

/* The number after `key` in text, or NAN. */
static double
number_after (const char *text,
              const char *key)
{
  const char *at = strstr (text, key);

  return at != NULL ? g_ascii_strtod (at + strlen (key), NULL) : NAN;
}

/* The peer's median epoch, or NAN with its output printed. */
static double
run_peer (const CliVsTorchOptions *options,
          const char              *peer,
          double                  *flops,
          double                  *ndcg)
{
  g_autofree char *epochs = g_strdup_printf ("%u", options->epochs);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, options->seed);
  g_autofree char *threads = g_strdup_printf ("%u", options->threads);
  const char *argv[] = {
    options->python, peer, options->data_dir, "--split", options->split, "--epochs", epochs,
    "--seed", seed, "--threads", threads, "--no-eval", NULL
  };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  double median;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "cinegan-cli bench: the peer failed: %s\n%s%s", error->message,
               out != NULL ? out : "", err != NULL ? err : "");
      return NAN;
    }
  median = number_after (out, "median_epoch_s ");
  *flops = number_after (out, "flops per epoch ") * 1e9;
  *ndcg = number_after (out, "final NDCG@10 ");
  if (isnan (median))
    fprintf (stderr, "cinegan-cli bench: no median_epoch_s in the peer's output:\n%s", out);
  return median;
}

/* ---- conditions ---- */

static char *
cpu_model (void)
{
  g_autofree char *text = NULL;
  const char *at;

  if (!g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL)
      || (at = strstr (text, "model name")) == NULL || (at = strchr (at, ':')) == NULL)
    return g_strdup ("unknown CPU");
  return g_strstrip (g_strndup (at + 1, strcspn (at + 1, "\n")));
}

/* The 1-minute load average, or NAN. */
static double
load_now (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return NAN;
  return g_ascii_strtod (text, NULL);
}

/* The 1, 5 and 15 minute load averages. */
static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL)
      || g_strv_length (fields = g_strsplit (text, " ", 4)) < 4)
    return g_strdup ("unknown");
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

int
cli_bench_vs_torch (const CliVsTorchOptions *options,
                    const CgDataset         *ds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *peer = find_peer (options->peer);
  g_autofree char *torch = NULL, *cpu = cpu_model (), *load = load_average ();
  g_autoptr(GArray) ours_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) peer_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  double ours_flops = 0.0, peer_flops = 0.0, ours_ndcg = NAN, peer_ndcg = NAN;
  double load_start = load_now ();
  guint cores = g_get_num_processors ();
  CgCganConfig config;

  if (peer == NULL)
    return cli_fail ("bench", CLI_EXIT_USAGE,
                     "torch_peer.py not found (looked for $CINEGAN_TORCH_PEER and "
                     "../shared/bench/torch_peer.py): give it with --peer FILE");
  if (!g_file_test (peer, G_FILE_TEST_IS_REGULAR))
    return cli_fail ("bench", CLI_EXIT_USAGE, "the peer %s does not exist", peer);
  torch = torch_version (options->python);
  if (torch == NULL)
    {
      printf ("torch is not installed for %s, so there is nothing to compare with: the "
              "side-by-side bench needs PyTorch (Debian: apt-get install python3-torch). "
              "It is a benchmark only, never part of the tests.\n", options->python);
      return CLI_EXIT_DATA;
    }
  if (!peer_config (&config, options, &error))
    return cli_fail_error ("bench", error);

  printf ("cinegan bench --vs-torch: split %s, %u threads each side, seed %" G_GUINT64_FORMAT
          ", %u epochs per run, %u pairs\n", options->split, options->threads, options->seed,
          options->epochs, options->pairs);
  printf ("conditions      %s, %u cores; load average %s at the start; our products on the "
          "%s kernel; %s, core %s\n", cpu, g_get_num_processors (), load, cg_gemm_kernel (),
          openblas_get_config (), openblas_get_corename ());
  printf ("peer            %s (torch %s, %s)\n", peer, torch, options->python);
  fflush (stdout);

  for (guint p = 1; p <= options->pairs; p++)
    {
      double ours = NAN, theirs = NAN, ratio;

      /* The side that goes first alternates, so a drift in the machine's speed during a
       * pair does not always favour the same side. */
      for (guint side = 0; side < 2; side++)
        {
          if ((side == 0) == (p % 2 == 1))
            ours = run_ours (ds, &config, &ours_flops, &ours_ndcg);
          else
            theirs = run_peer (options, peer, &peer_flops, &peer_ndcg);
        }
      if (isnan (ours) || isnan (theirs))
        return CLI_EXIT_DATA;
      ratio = theirs / ours;
      g_array_append_val (ours_s, ours);
      g_array_append_val (peer_s, theirs);
      g_array_append_val (ratios, ratio);
      printf ("pair %u/%u        %s first: ours %.3f s, torch %.3f s per epoch (medians of %u), "
              "ratio %.2f\n", p, options->pairs, p % 2 == 1 ? "ours" : "torch", ours, theirs,
              options->epochs, ratio);
      fflush (stdout);
    }

  {
    g_autofree char *load_end = load_average ();
    double lo = INFINITY, hi = -INFINITY;

    for (guint i = 0; i < ratios->len; i++)
      {
        lo = MIN (lo, g_array_index (ratios, double, i));
        hi = MAX (hi, g_array_index (ratios, double, i));
      }
    printf ("work            ours %.2f GFLOP/epoch, torch %.2f (analytic, one counting); "
            "NDCG@10 after %u epochs: ours %.4f, torch %.4f\n", ours_flops / 1e9,
            peer_flops / 1e9, options->epochs, ours_ndcg, peer_ndcg);
    printf ("median epoch    ours %.3f s, torch %.3f s\n", cli_bench_median (ours_s),
            cli_bench_median (peer_s));
    printf ("ratio           %.2f  (median of %u pair ratios, torch epoch / ours; range "
            "%.2f–%.2f; load average %s at the end)\n", cli_bench_median (ratios), ratios->len,
            lo, hi, load_end);
    /* Under load the peer's team falls apart far worse than ours, which inflates the ratio:
     * say so rather than let a busy stretch pass for the quiet comparison. The runs
     * themselves keep about one load unit per thread busy, hence the margin at the end. */
    if (load_start > 0.5 * cores || load_now () > cores + 1.0)
      printf ("note            the machine was busy (load average %.1f at the start, above half "
              "its %u cores, or over %u at the end): this is a busy stretch's ratio, not the "
              "quiet comparison\n", load_start, cores, cores + 1);
  }
  return CLI_EXIT_OK;
}
