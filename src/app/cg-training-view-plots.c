/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-plots.c: what the Training page's plots and status show.
 *
 * Either the session's run — what it recorded so far, then each piece it reports — or, with
 * no run, an opened model's history, with the popularity baseline of its data measured on
 * a worker thread. The same series in the same order every time, so colours and legend
 * order never change. While kept runs are compared (cg-training-view-runs.c) the plots are
 * theirs: a run going meanwhile moves only the progress bar and the status.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <math.h>

#include "cg-baseline.h"
#include "cg-trainer-diagnostics.h"
#include "cg-training-view-private.h"
#include "cg-worker.h"

/* The series' names are what the legend shows. */
#define SERIES_D_EPOCH _("D (epoch mean)")
#define SERIES_G_EPOCH _("G (epoch mean)")
#define SERIES_D_STEP  _("D (steps, smoothed)")
#define SERIES_G_STEP  _("G (steps, smoothed)")
#define SERIES_D_REAL  _("D accuracy, real pairs")
#define SERIES_D_FAKE  _("D accuracy, G's pairs")
#define SERIES_ENTROPY _("G entropy ÷ epoch 1")
#define SERIES_POPULARITY _("popularity ÷ epoch 1")

/* ---- plots ---- */

static void
metric_names (guint   k,
              char  **recall,
              char  **ndcg,
              char  **hit_rate)
{
  *recall = g_strdup_printf ("Recall@%u", k);
  *ndcg = g_strdup_printf ("NDCG@%u", k);
  *hit_rate = g_strdup_printf ("HitRate@%u", k);
}

void
_cg_training_view_reset_plots (CgTrainingView *self,
                               guint           k)
{
  g_autofree char *recall = NULL, *ndcg = NULL, *hit_rate = NULL;
  g_autofree char *title = g_strdup_printf (_("Held-out Metrics (K = %u)"), k);

  cg_plot_clear (self->loss_plot);
  cg_plot_set_title (self->loss_plot, _("Losses"));
  cg_plot_add_series (self->loss_plot, SERIES_D_EPOCH, 0, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->loss_plot, SERIES_G_EPOCH, 1, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->loss_plot, SERIES_D_STEP, 0, CG_PLOT_STYLE_THIN);
  cg_plot_add_series (self->loss_plot, SERIES_G_STEP, 1, CG_PLOT_STYLE_THIN);

  metric_names (k, &recall, &ndcg, &hit_rate);
  cg_plot_clear (self->metrics_plot);
  cg_plot_set_title (self->metrics_plot, title);
  cg_plot_add_series (self->metrics_plot, recall, 0, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->metrics_plot, ndcg, 1, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->metrics_plot, hit_rate, 2, CG_PLOT_STYLE_LINE);

  /* Entropy (nats) and popularity (training positives) have scales of their own: as
   * ratios to the first epoch they share the fractions' axis, and a fall shows as such. */
  cg_plot_clear (self->diagnostics_plot);
  cg_plot_set_title (self->diagnostics_plot, _("The Adversarial Game"));
  cg_plot_set_y_label (self->diagnostics_plot, _("share, or ratio to epoch 1"));
  cg_plot_add_series (self->diagnostics_plot, SERIES_D_REAL, 0, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->diagnostics_plot, SERIES_D_FAKE, 1, CG_PLOT_STYLE_LINE);
  {
    g_autofree char *coverage = g_strdup_printf (_("coverage@%u"), k);

    cg_plot_add_series (self->diagnostics_plot, coverage, 2, CG_PLOT_STYLE_LINE);
  }
  cg_plot_add_series (self->diagnostics_plot, SERIES_ENTROPY, 3, CG_PLOT_STYLE_LINE);
  cg_plot_add_series (self->diagnostics_plot, SERIES_POPULARITY, 4, CG_PLOT_STYLE_LINE);
  self->entropy_1 = NAN;
  self->popularity_1 = NAN;
  g_clear_pointer (&self->collapse, g_free);
  cg_plot_set_note (self->loss_plot, NULL);
  self->plot_k = k;
}

/* A figure not measured (NaN) is no point. */
static void
append_finite (CgPlot     *plot,
               const char *series,
               double      x,
               double      y)
{
  if (isfinite (y))
    cg_plot_append_point (plot, series, x, y);
}

static void
plot_diagnostics (CgTrainingView      *self,
                  const CgEpochRecord *record)
{
  g_autofree char *coverage = g_strdup_printf (_("coverage@%u"), self->plot_k);
  double x = record->epoch;

  append_finite (self->diagnostics_plot, SERIES_D_REAL, x, record->d_accuracy_real);
  append_finite (self->diagnostics_plot, SERIES_D_FAKE, x, record->d_accuracy_fake);
  append_finite (self->diagnostics_plot, coverage, x, record->coverage);
  if (isnan (self->entropy_1) && isfinite (record->g_entropy) && record->g_entropy > 0.0)
    self->entropy_1 = record->g_entropy;
  if (isnan (self->popularity_1) && isfinite (record->mean_popularity)
      && record->mean_popularity > 0.0)
    self->popularity_1 = record->mean_popularity;
  if (isfinite (self->entropy_1))
    append_finite (self->diagnostics_plot, SERIES_ENTROPY, x,
                   record->g_entropy / self->entropy_1);
  if (isfinite (self->popularity_1))
    append_finite (self->diagnostics_plot, SERIES_POPULARITY, x,
                   record->mean_popularity / self->popularity_1);
}

static void
plot_epoch (CgTrainingView      *self,
            const CgEpochRecord *record)
{
  g_autofree char *recall = NULL, *ndcg = NULL, *hit_rate = NULL;

  metric_names (self->plot_k, &recall, &ndcg, &hit_rate);
  cg_plot_append_point (self->loss_plot, SERIES_D_EPOCH, record->epoch, record->loss_d);
  cg_plot_append_point (self->loss_plot, SERIES_G_EPOCH, record->epoch, record->loss_g);
  cg_plot_append_point (self->metrics_plot, recall, record->epoch, record->recall);
  cg_plot_append_point (self->metrics_plot, ndcg, record->epoch, record->ndcg);
  cg_plot_append_point (self->metrics_plot, hit_rate, record->epoch, record->hit_rate);
  plot_diagnostics (self, record);
}

static void
plot_steps (CgTrainingView     *self,
            const CgStepSample *samples,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    {
      cg_plot_append_point (self->loss_plot, SERIES_D_STEP, samples[i].x, samples[i].loss_d);
      cg_plot_append_point (self->loss_plot, SERIES_G_STEP, samples[i].x, samples[i].loss_g);
    }
}

static void
show_baseline (CgTrainingView  *self,
               const CgMetrics *baseline)
{
  g_autofree char *label = g_strdup_printf (_("popularity NDCG@%u"), baseline->k);

  cg_plot_set_reference (self->metrics_plot, label, baseline->ndcg);
}

/* A collapse the history shows is named after the status, in the warning colour, for as
 * long as the plots show that history. */
static void
set_status (CgTrainingView *self,
            const char     *text,
            gboolean        is_error)
{
  g_autofree char *full = NULL;

  if (self->collapse != NULL)
    full = g_strdup_printf ("%s\n%s.", text != NULL ? text : "", self->collapse);
  gtk_label_set_text (self->status_label, full != NULL ? full : text != NULL ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  if (self->collapse != NULL && !is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
}

static void
find_collapse (CgTrainingView      *self,
               const CgEpochRecord *records,
               guint                n_records)
{
  g_free (self->collapse);
  self->collapse = cg_history_find_collapse (records, n_records);
}

/* ---- a run ---- */

static void
on_run_steps_added_cb (CgTrainingRun  *run,
                       guint           position,
                       guint           n_added,
                       CgTrainingView *self)
{
  guint n;
  const CgStepSample *steps = cg_training_run_get_steps (run, &n);

  if (self->comparing)
    return;
  plot_steps (self, steps + position, MIN (n_added, n - position));
}

static void
on_run_epoch_finished_cb (CgTrainingRun  *run,
                          guint           index,
                          CgTrainingView *self)
{
  guint n;
  const CgEpochRecord *epochs = cg_training_run_get_epochs (run, &n);

  if (index < n && !self->comparing)
    plot_epoch (self, &epochs[index]);
  find_collapse (self, epochs, MIN (index + 1, n));
  set_status (self, cg_training_run_get_status (run), cg_training_run_get_status_is_error (run));
  /* Each epoch measures this computer's speed again, and is more history to export. */
  _cg_training_view_update_estimates (self);
  _cg_training_view_update_export (self);
}

static void
on_run_baseline_cb (CgTrainingRun  *run,
                    CgTrainingView *self)
{
  CgMetrics baseline;

  if (!self->comparing && cg_training_run_get_baseline (run, &baseline))
    show_baseline (self, &baseline);
}

static void
on_run_progress_cb (CgTrainingView *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, cg_training_run_get_fraction (self->run));
  gtk_progress_bar_set_text (self->progress_bar, cg_training_run_get_progress_text (self->run));
}

static void
on_run_status_cb (CgTrainingView *self)
{
  set_status (self, cg_training_run_get_status (self->run),
              cg_training_run_get_status_is_error (self->run));
}

static void
plot_run (CgTrainingView *self,
          CgTrainingRun  *run)
{
  const CgEpochRecord *epochs;
  const CgStepSample *steps;
  CgMetrics baseline;
  guint n_epochs, n_steps;

  _cg_training_view_reset_plots (self, cg_training_run_get_config (run)->k);
  epochs = cg_training_run_get_epochs (run, &n_epochs);
  for (guint i = 0; i < n_epochs; i++)
    plot_epoch (self, &epochs[i]);
  find_collapse (self, epochs, n_epochs);
  steps = cg_training_run_get_steps (run, &n_steps);
  plot_steps (self, steps, n_steps);
  if (cg_training_run_get_baseline (run, &baseline))
    show_baseline (self, &baseline);
}

void
_cg_training_view_show_run (CgTrainingView *self,
                            CgTrainingRun  *run)
{
  if (self->run == run)
    return;
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  g_set_object (&self->run, run);
  _cg_training_view_watch_run (self, run);
  if (run == NULL)
    return;
  g_clear_object (&self->history_model);
  self->baseline_serial++;

  if (!self->comparing)
    plot_run (self, run);
  g_signal_connect_object (run, "steps-added", G_CALLBACK (on_run_steps_added_cb), self, 0);
  g_signal_connect_object (run, "epoch-finished", G_CALLBACK (on_run_epoch_finished_cb), self,
                           0);
  g_signal_connect_object (run, "baseline-measured", G_CALLBACK (on_run_baseline_cb), self, 0);
  g_signal_connect_object (run, "notify::fraction", G_CALLBACK (on_run_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (run, "notify::progress-text", G_CALLBACK (on_run_progress_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (run, "notify::status", G_CALLBACK (on_run_status_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (run, "notify::status-is-error", G_CALLBACK (on_run_status_cb), self,
                           G_CONNECT_SWAPPED);
  on_run_progress_cb (self);
  on_run_status_cb (self);
}

/* ---- an opened model ---- */

typedef struct
{
  CgTrainedModel *model;   /* its dataset is only read, on the worker */
  guint           k;
  guint           serial;  /* read on the main thread only */
} BaselineData;

static void
baseline_data_free (gpointer data)
{
  BaselineData *bd = data;

  g_clear_object (&bd->model);
  g_free (bd);
}

static void
baseline_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  BaselineData *bd = task_data;
  const CgDataset *dataset = cg_trained_model_get_dataset (bd->model);
  g_autoptr(CgBaseline) baseline = NULL;
  g_autoptr(GError) error = NULL;
  CgMetrics *metrics;

  baseline = cg_baseline_new (CG_BASELINE_POPULARITY, dataset, &error);
  if (baseline == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  metrics = g_new0 (CgMetrics, 1);
  cg_metrics_evaluate (metrics, dataset, bd->k, cg_baseline_score, baseline, 256);
  g_task_return_pointer (task, metrics, g_free);
}

/* As a run's own status says it at its end, with the popularity figure once measured. */
static void
show_model_status (CgTrainingView  *self,
                   CgTrainedModel  *model,
                   const CgMetrics *baseline)
{
  guint k = cg_trained_model_get_config (model)->k;
  const CgEpochRecord *history, *last;
  g_autofree char *text = NULL;
  guint n_records;

  history = cg_cgan_get_history (cg_trained_model_get_cgan (model), &n_records);
  if (n_records == 0)
    {
      set_status (self, _("The loaded model has no training history to plot."), FALSE);
      return;
    }
  last = &history[n_records - 1];
  if (baseline != NULL)
    text = g_strdup_printf (ngettext ("Loaded a model trained for %u epoch. NDCG@%u %.4f "
                                      "(popularity %.4f), Recall@%u %.4f, HitRate@%u %.4f.",
                                      "Loaded a model trained for %u epochs. NDCG@%u %.4f "
                                      "(popularity %.4f), Recall@%u %.4f, HitRate@%u %.4f.",
                                      n_records),
                            n_records, k, last->ndcg, baseline->ndcg, k, last->recall, k,
                            last->hit_rate);
  else
    text = g_strdup_printf (ngettext ("Loaded a model trained for %u epoch. NDCG@%u %.4f, "
                                      "Recall@%u %.4f, HitRate@%u %.4f.",
                                      "Loaded a model trained for %u epochs. NDCG@%u %.4f, "
                                      "Recall@%u %.4f, HitRate@%u %.4f.", n_records),
                            n_records, k, last->ndcg, k, last->recall, k, last->hit_rate);
  set_status (self, text, FALSE);
}

static void
on_baseline_measured (GTask *outer,
                      GTask *inner)
{
  CgTrainingView *self = g_task_get_source_object (outer);
  BaselineData *bd = g_task_get_task_data (inner);
  g_autofree CgMetrics *metrics = NULL;
  g_autoptr(GError) error = NULL;

  metrics = g_task_propagate_pointer (inner, &error);
  /* A run, or another model, took the plots meanwhile. */
  if (bd->serial == self->baseline_serial && metrics != NULL)
    {
      show_baseline (self, metrics);
      show_model_status (self, bd->model, metrics);
    }
  else if (metrics == NULL)
    g_debug ("No popularity baseline: %s", error->message);
  g_task_return_boolean (outer, TRUE);
}

static void
plot_model (CgTrainingView *self,
            CgTrainedModel *model)
{
  const CgCganConfig *config = cg_trained_model_get_config (model);
  const CgEpochRecord *history;
  g_autoptr(GTask) outer = NULL;
  BaselineData *bd;
  guint n_records;

  self->baseline_serial++;
  history = cg_cgan_get_history (cg_trained_model_get_cgan (model), &n_records);
  if (!self->comparing)
    {
      _cg_training_view_reset_plots (self, config->k);
      for (guint i = 0; i < n_records; i++)
        plot_epoch (self, &history[i]);
    }
  find_collapse (self, history, n_records);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Loaded model"));
  show_model_status (self, model, NULL);
  if (n_records == 0 || self->comparing)
    return;
  /* A model file keeps the per-epoch means only: say why the per-step lines a run draws
   * are missing, rather than let their absence pass for smooth training. */
  cg_plot_set_note (self->loss_plot, _("Per-step losses are not stored in model files: "
                                       "epoch means only"));

  bd = g_new0 (BaselineData, 1);
  bd->model = g_object_ref (model);
  bd->k = config->k;
  bd->serial = self->baseline_serial;
  outer = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (outer, _cg_training_view_show_model);
  cg_worker_run (outer, baseline_thread, bd, baseline_data_free, on_baseline_measured);
}

void
_cg_training_view_show_model (CgTrainingView *self,
                              CgTrainedModel *model)
{
  const CgCganConfig *config = cg_trained_model_get_config (model);

  _cg_training_view_show_run (self, NULL);
  g_set_object (&self->history_model, model);

  /* The form shows what the model was trained with. */
  cg_training_view_set_config (self, config);
  cg_training_view_set_split (self, cg_trained_model_get_split (model));
  cg_training_view_set_threshold (self, cg_trained_model_get_threshold (model));
  cg_training_view_set_include_me (self, cg_trained_model_get_you_user_id (model) != 0);

  plot_model (self, model);
}

void
_cg_training_view_replot (CgTrainingView *self)
{
  CgCganConfig defaults;

  if (self->run != NULL)
    plot_run (self, self->run);
  else if (self->history_model != NULL)
    plot_model (self, self->history_model);
  else
    {
      cg_cgan_config_init (&defaults);
      _cg_training_view_reset_plots (self, defaults.k);
    }
}
