/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-bench-synthetic.c: "cinegan-cli bench --synthetic USERSxITEMSxPOSITIVES", how
 * training grows with the data, several sizes in one run.
 *
 * Each size is drawn in memory by cg-synthetic.c (power-law popularity, latent taste
 * clusters, seeded), divided by the split (random by default) and trained with the bench's
 * settings, one size after the other, the previous one freed first. Printed per size: the
 * seconds to draw and divide it, the softmax (full or sampled, as --softmax resolves it),
 * the memory estimate against the limit, the median epoch (training only), NDCG@K at the
 * last epoch and at the best one with the training seconds to it, popularity's NDCG@K on
 * the same held-out users, and the peak RSS of that size alone; then one table of every
 * size.
 *
 * Big sizes are bounded three ways: --epochs, --max-seconds of training per size (the epoch
 * that crosses it is the last; a first epoch longer than that stops at it, and its time is
 * projected from the steps done, printed with their mean milliseconds per phase), and
 * --eval-users, the held-out users every epoch is measured on (an even spread of them;
 * scoring every user over every item would cost more than training). A size whose training needs more memory than the limit says so and is
 * skipped, with its generation figures still printed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cg-baseline.h"
#include "cg-synthetic.h"
#include "cg-trainer.h"
#include "cg-trainer-memory.h"
#include "cli-bench.h"
#include "cli-common.h"

#define EVAL_BATCH 256

typedef struct
{
  char   *shape;          /* as given */
  double  generate_s;
  guint64 n_train_pos;
  double  epoch_s;        /* median, NAN when not trained */
  guint   epochs;         /* finished */
  double  ndcg;           /* last epoch's, NAN when not trained */
  double  best_ndcg;
  guint   best_epoch;
  double  best_train_s;   /* training seconds to the best epoch */
  double  popularity;     /* NDCG@K of popularity on the same users */
  double  peak_mb;
  guint64 estimate;       /* bytes */
  gboolean refused;       /* over the memory limit */
  gboolean sampled;       /* the sampled softmax, else the exact one */
  guint    steps_done;    /* of the first epoch, when the budget ended it: the epoch time
                           * is then projected from them */
  guint    n_steps;
  double   step_ms[CG_N_PHASES]; /* those steps' mean milliseconds in each phase */
} SizeRow;

typedef struct
{
  GArray       *seconds;   /* of double */
  double        train_s;
  double        epoch_start;  /* run's elapsed seconds when the running epoch began */
  double        max_seconds;
  GCancellable *stop;
  SizeRow      *row;
  gboolean      verbose;
  guint         k;
} SizeRun;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* The kernel keeps a peak per process (VmHWM) that writing 5 to clear_refs resets: so each
 * size's peak is its own, not the largest so far. Where that is not possible (not Linux),
 * getrusage's peak of the whole run is all there is. */
static void
peak_rss_reset (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f == NULL)
    return;
  fputs ("5", f);
  fclose (f);
}

static double
peak_rss_mb (void)
{
  FILE *f = fopen ("/proc/self/status", "r");
  char line[256];
  struct rusage usage;

  if (f != NULL)
    {
      while (fgets (line, sizeof line, f) != NULL)
        {
          unsigned long kb;

          if (sscanf (line, "VmHWM: %lu kB", &kb) == 1)
            {
              fclose (f);
              return kb / 1024.0;
            }
        }
      fclose (f);
    }
  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
on_size_progress_cb (const CgProgress *p,
                     gpointer          user_data)
{
  SizeRun *run = user_data;
  SizeRow *row = run->row;

  if (p->kind == CG_PROGRESS_STEP)
    {
      /* A first epoch longer than the budget ends with it: its time is projected from
       * the steps done, and the model measured as it stands. */
      double in_epoch = p->elapsed - run->epoch_start;

      if (row->epochs == 0 && run->max_seconds > 0.0 && in_epoch >= run->max_seconds
          && p->step < p->n_steps)
        {
          row->steps_done = p->step;
          row->n_steps = p->n_steps;
          row->epoch_s = in_epoch / p->step * p->n_steps;
          row->best_train_s = in_epoch;
          g_cancellable_cancel (run->stop);
        }
      return;
    }
  run->epoch_start = p->elapsed;
  g_array_append_val (run->seconds, p->record.seconds);
  run->train_s += p->record.seconds;
  row->epochs = p->epoch;
  row->ndcg = p->record.ndcg;
  if (isnan (row->best_ndcg) || p->record.ndcg > row->best_ndcg)
    {
      row->best_ndcg = p->record.ndcg;
      row->best_epoch = p->epoch;
      row->best_train_s = run->train_s;
    }
  if (run->verbose)
    printf ("  epoch %u/%u  NDCG@%u %.4f  %.3f s\n", p->epoch, p->n_epochs, run->k,
            p->record.ndcg, p->record.seconds);
  fflush (stdout);
  if (run->max_seconds > 0.0 && run->train_s >= run->max_seconds)
    g_cancellable_cancel (run->stop);
}

static const char *
path_name (const SizeRow *row)
{
  return row->sampled ? "sampled" : "full";
}

/* At most max users of the held-out ones, evenly spread over them (all when max is 0). */
static CgEvalSets
spread_users (const CgEvalSets *all,
              guint             max,
              GArray           *storage)
{
  CgEvalSets sets = *all;

  if (max == 0 || all->n_users <= max)
    return sets;
  g_array_set_size (storage, max);
  for (guint j = 0; j < max; j++)
    g_array_index (storage, guint32, j) = all->users[(guint64) j * all->n_users / max];
  sets.users = (const guint32 *) storage->data;
  sets.n_users = max;
  return sets;
}

/* Trains on ds; fills the row's training figures. FALSE when training failed. */
static gboolean
train_size (const CgDataset          *ds,
            const CgCganConfig       *config,
            const CgEvalSets         *sets,
            const CliBenchSynthetic  *options,
            SizeRow                  *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainer) trainer = cg_trainer_new (ds, config, &error);
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autoptr(CgCgan) model = NULL;
  SizeRun run = { 0 };
  gboolean ok;

  if (trainer == NULL)
    {
      fprintf (stderr, "cinegan-cli bench: %s: %s\n", row->shape, error->message);
      return FALSE;
    }
  run.seconds = g_array_new (FALSE, FALSE, sizeof (double));
  run.max_seconds = options->max_seconds;
  run.stop = stop;
  run.row = row;
  run.verbose = options->verbose;
  run.k = config->k;
  cg_trainer_set_evaluation (trainer, sets, ds->train_pos);
  ok = cg_trainer_run (trainer, on_size_progress_cb, &run, stop, &error);
  /* Stopping at the time budget is the plan, not a failure. */
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ok = TRUE;
  if (!ok)
    fprintf (stderr, "cinegan-cli bench: %s: %s\n", row->shape, error->message);
  if (row->steps_done > 0)
    {
      CgCgan *partial = cg_trainer_get_model (trainer);
      CgCganScorer scorer = { partial, ds->train_pos, cg_cgan_eval_noise_seed (partial) };
      CgMetrics metrics;
      double phases[CG_N_PHASES];

      cg_trainer_get_phase_seconds (trainer, phases);
      for (guint ph = 0; ph < CG_N_PHASES; ph++)
        row->step_ms[ph] = 1e3 * phases[ph] / row->steps_done;
      cg_metrics_evaluate_sets (&metrics, NULL, sets, config->k, cg_cgan_scorer_score,
                                &scorer, EVAL_BATCH);
      row->ndcg = row->best_ndcg = metrics.ndcg;
      g_array_unref (run.seconds);
      return ok;
    }
  model = cg_trainer_steal_model (trainer);
  row->epoch_s = cli_bench_median (run.seconds);
  g_array_unref (run.seconds);
  return ok && model != NULL;
}

/* One size: drawn, measured and freed. FALSE on a failure (not on a refusal). */
static gboolean
bench_size (const char              *text,
            const CgCganConfig      *config,
            const CliBenchSynthetic *options,
            SizeRow                 *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  g_autoptr(CgEvalSets) all_sets = NULL;
  g_autoptr(CgBaseline) popularity = NULL;
  g_autoptr(GArray) storage = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *described = NULL;
  CgSyntheticShape shape;
  CgMemoryEstimate estimate;
  CgEvalSets sets;
  CgMetrics pop;
  double t0;
  gboolean ok = TRUE;

  *row = (SizeRow) { g_strdup (text), NAN, 0, NAN, 0, NAN, NAN, 0, NAN, NAN, NAN, 0, FALSE,
                     FALSE, 0, 0 };
  peak_rss_reset ();
  /* Checked by the caller already. */
  if (!cg_synthetic_shape_parse (text, &shape, NULL))
    g_assert_not_reached ();
  shape.seed = config->seed;
  t0 = now ();
  ds = cg_synthetic_dataset (&shape, options->split, options->threshold, &error);
  row->generate_s = now () - t0;
  if (ds == NULL)
    {
      fprintf (stderr, "cinegan-cli bench: %s: %s\n", text, error->message);
      return FALSE;
    }
  row->n_train_pos = cg_user_items_total (ds->train_pos);
  printf ("synthetic %s: %u users × %u items, %" G_GUINT64_FORMAT " training positives, "
          "split %s\n", text, ds->n_users, ds->n_items, row->n_train_pos, ds->split);
  printf ("  generate      %.2f s (drawn and divided in memory)\n", row->generate_s);

  all_sets = cg_eval_sets_new_from_dataset (ds);
  sets = spread_users (all_sets, options->eval_users, storage);
  popularity = cg_baseline_new (CG_BASELINE_POPULARITY, ds, NULL);
  cg_metrics_evaluate_sets (&pop, NULL, &sets, config->k, cg_baseline_score, popularity,
                            EVAL_BATCH);
  row->popularity = pop.ndcg;

  cg_trainer_estimate_memory (config, ds, &estimate);
  row->estimate = estimate.total;
  row->sampled = cg_cgan_config_sampled (config, ds->n_items);
  described = cg_memory_estimate_describe (&estimate);
  printf ("  memory        training with the %s softmax needs %s; the limit is %.0f MiB\n",
          path_name (row), described, cg_trainer_memory_limit () / 1048576.0);
  if (!cg_trainer_check_memory (config, ds, &error))
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
      g_autofree char *indented = g_strjoinv ("\n                ", lines);

      row->refused = TRUE;
      printf ("  training      not run: the %s softmax cannot train this size within the "
              "memory limit.\n                %s\n", path_name (row), indented);
    }
  else if ((ok = train_size (ds, config, &sets, options, row)) && row->steps_done > 0)
    {
      printf ("  training      the first epoch stopped at the time budget after %u of %u steps "
              "(%.1f s): projected epoch %.1f s\n", row->steps_done, row->n_steps,
              row->best_train_s, row->epoch_s);
      printf ("  a step        ms in each phase:");
      for (guint ph = 0; ph < CG_N_PHASES; ph++)
        printf ("%s %s %.2f", ph == 0 ? "" : ",", cg_trainer_phase_name (ph), row->step_ms[ph]);
      printf ("\n");
      printf ("  NDCG@%-2u       %.4f after those steps\n", config->k, row->ndcg);
    }
  else
    {
      printf ("  training      %u epoch%s, median epoch %.3f s (training only)\n", row->epochs,
              row->epochs == 1 ? "" : "s", row->epoch_s);
      printf ("  NDCG@%-2u       %.4f at the last epoch, best %.4f at epoch %u after %.1f s of "
              "training\n", config->k, row->ndcg, row->best_ndcg, row->best_epoch,
              row->best_train_s);
    }
  printf ("  popularity    NDCG@%u %.4f, on the same %u held-out users\n", config->k,
          row->popularity, sets.n_users);
  row->peak_mb = peak_rss_mb ();
  printf ("  peak RSS      %.1f MiB\n", row->peak_mb);
  fflush (stdout);
  return ok;
}

int
cli_bench_synthetic (const char *const       *shapes,
                     const CgCganConfig      *config,
                     const CliBenchSynthetic *options)
{
  guint n = g_strv_length ((char **) shapes);
  guint threads = config->threads > 0 ? config->threads : g_get_num_processors ();
  g_autofree SizeRow *rows = g_new0 (SizeRow, n);
  int status = CLI_EXIT_OK;

  /* Every shape before any is drawn: a typo in the last one should not wait for the first
   * one's training. */
  for (guint s = 0; s < n; s++)
    {
      g_autoptr(GError) error = NULL;
      CgSyntheticShape shape;

      if (!cg_synthetic_shape_parse (shapes[s], &shape, &error))
        return cli_fail ("bench", CLI_EXIT_USAGE, "--synthetic: %s", error->message);
    }

  printf ("cinegan bench: %u synthetic size%s, seed %" G_GUINT64_FORMAT ", %u thread%s, at most "
          "%u epochs and %.0f s of training a size, NDCG@%u on up to %u held-out users\n", n,
          n == 1 ? "" : "s", config->seed, threads, threads == 1 ? "" : "s", config->epochs, options->max_seconds, config->k,
          options->eval_users);
  fflush (stdout);
  for (guint s = 0; s < n; s++)
    if (!bench_size (shapes[s], config, options, &rows[s]))
      status = CLI_EXIT_DATA;

  /* One line a size, so growth reads down a column. */
  printf ("\n%-26s %8s %10s %12s %10s %7s %8s %8s %10s %10s\n", "shape", "softmax",
          "generate", "positives", "epoch", "epochs", "NDCG", "popular", "peak RSS",
          "estimate");
  for (guint s = 0; s < n; s++)
    {
      SizeRow *row = &rows[s];

      printf ("%-26s %8s %8.2f s %12" G_GUINT64_FORMAT " ", row->shape, path_name (row),
              row->generate_s, row->n_train_pos);
      if (row->refused)
        printf ("%10s %7s %8s", "refused", "-", "-");
      else if (row->steps_done > 0)
        /* "~": projected from the steps done; no epoch finished. */
        printf ("~%7.3f s %7u %8.4f", row->epoch_s, 0u, row->ndcg);
      else
        printf ("%8.3f s %7u %8.4f", row->epoch_s, row->epochs, row->ndcg);
      printf (" %8.4f %6.1f MiB %6.0f MiB\n", row->popularity, row->peak_mb,
              row->estimate / 1048576.0);
      g_free (row->shape);
    }
  return status;
}
