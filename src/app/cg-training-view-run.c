/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-view-run.c: the Training page's runs — a worker thread, its progress, plots.
 *
 * Threads. A run is two GTasks. The outer one (source object: this view) is what
 * _train_async/_finish hand out and is only ever touched on the main thread. The inner
 * one has no source object and runs the worker; its data owns everything the worker reads
 * (a copy of the settings, your ratings, the folder name) and the dataset it loads, so the
 * worker never sees the view. This split matters because the last reference to a GTask
 * run in a thread may be dropped in that thread: were the view its source object, the
 * view could be finalised off the main thread.
 *
 * Progress. The trainer's callback (on the worker) posts into a CgProgressMailbox; when
 * the box was empty it attaches one idle source to the main context (idle priority, so
 * input and redraws come first), whose drain applies everything pending to the widgets
 * on the main thread. The completion drains once more before showing the outcome, so the
 * last epoch is never lost to the order in which the completion and the idle run.
 *
 * A loaded model's history is drawn by the same plotting code, with the popularity
 * baseline measured on its own worker.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-baseline.h"
#include "cg-error.h"
#include "cg-training-view-private.h"

/* Weight of the newest step in the smoothed per-step loss curves. */
#define STEP_SMOOTHING 0.05
/* At most this often the view takes in the progress gathered since (see schedule_drain). */
#define DRAIN_INTERVAL_MS 250

#define SERIES_D_EPOCH "D (epoch mean)"
#define SERIES_G_EPOCH "G (epoch mean)"
#define SERIES_D_STEP  "D (steps, smoothed)"
#define SERIES_G_STEP  "G (steps, smoothed)"

/* ---- worker side: everything here runs off the main thread ---- */

typedef struct
{
  /* inputs, owned */
  char              *data_dir;
  char              *split;
  guint              threshold;
  CgCganConfig       config;
  CgRating          *you;        /* NULL unless "Include my ratings" */
  gsize              n_you;
  CgProgressMailbox *mailbox;
  GMainContext      *context;    /* the outer task's, where drains run */
  /* Borrowed: the inner task's callback holds a reference on it until after the worker
   * has returned, and the worker only ever adds references (dropped on the main thread). */
  GTask             *outer;
  /* The last drain scheduled (a reference), so that the completion can drop it: written by
   * the worker only, read on the main thread after the worker has returned. */
  GSource           *drain_source;
} TrainData;

typedef struct
{
  CgCgan    *model;
  CgDataset *dataset;
  guint32    you_user_id;
  GError    *stop_error;   /* why the run ended early, NULL when complete */
} TrainResult;

static void
train_data_free (gpointer data)
{
  TrainData *td = data;

  g_free (td->data_dir);
  g_free (td->split);
  g_free (td->you);
  g_clear_pointer (&td->mailbox, cg_progress_mailbox_unref);
  g_clear_pointer (&td->context, g_main_context_unref);
  g_clear_pointer (&td->drain_source, g_source_unref);
  g_free (td);
}

static void
train_result_free (gpointer data)
{
  TrainResult *result = data;

  g_clear_pointer (&result->model, cg_cgan_free);
  g_clear_pointer (&result->dataset, cg_dataset_free);
  g_clear_error (&result->stop_error);
  g_free (result);
}

static gboolean drain_cb (gpointer user_data);

/* Always queued as a source on the task's context, never g_main_context_invoke: invoke
 * runs the callback at once in the calling thread whenever that thread can acquire the
 * context, and a pool thread can acquire the default context whenever the main thread is
 * not inside it (a test driving g_main_context_iteration, a main loop between iterations).
 * The drain touches widgets, so it must only ever run where the context is iterated. The
 * source's reference on the outer task is dropped there too.
 *
 * A timeout, not an idle: steps come every few milliseconds, and redrawing the plots after
 * each one took CPU from the training threads on a two-core machine (under Xvfb, 29 epochs
 * in 20 s with the training view shown against 47 with it hidden; draining every 250 ms,
 * 42–50 shown against 48 hidden). The mailbox gathers what comes in between, so a drain
 * every DRAIN_INTERVAL_MS loses nothing. */
static void
schedule_drain (TrainData *td)
{
  GSource *source = g_timeout_source_new (DRAIN_INTERVAL_MS);

  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, drain_cb, g_object_ref (td->outer), g_object_unref);
  g_source_set_static_name (source, "[cinegan] training progress");
  g_source_attach (source, td->context);
  g_clear_pointer (&td->drain_source, g_source_unref);
  td->drain_source = source;
}

static void
post_status (TrainData  *td,
             const char *status)
{
  if (cg_progress_mailbox_post_status (td->mailbox, status))
    schedule_drain (td);
}

static void
on_trainer_progress_cb (const CgProgress *progress,
                        gpointer          user_data)
{
  TrainData *td = user_data;

  if (cg_progress_mailbox_post (td->mailbox, progress))
    schedule_drain (td);
}

/* Adds your ratings as one more user, whose raw ID is one past the dataset's largest.
 * Movies outside the dataset's item space are dropped (the engine refuses them). */
static CgDataset *
add_you (CgDataset  *dataset,
         TrainData  *td,
         guint32    *you_user_id,
         GError    **error)
{
  g_autofree CgRating *kept = g_new (CgRating, MAX (td->n_you, 1));
  guint32 user_id = dataset->max_user_id + 1;
  gsize n_kept = 0;

  for (gsize i = 0; i < td->n_you; i++)
    if (cg_dataset_item_index (dataset, td->you[i].movie_id) >= 0)
      {
        kept[n_kept] = td->you[i];
        kept[n_kept].user_id = user_id;
        n_kept++;
      }
  if (n_kept == 0)
    {
      *you_user_id = 0;
      return NULL;
    }
  *you_user_id = user_id;
  return cg_dataset_with_extra_user (dataset, kept, n_kept, error);
}

static void
train_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrainData *td = task_data;
  g_autoptr(CgDataset) dataset = NULL;
  g_autoptr(CgBaseline) baseline = NULL;
  g_autoptr(CgTrainer) trainer = NULL;
  g_autoptr(GError) error = NULL;
  CgMetrics metrics;
  TrainResult *result;
  guint32 you_user_id = 0;
  gboolean complete;
  CgCgan *model;

  post_status (td, "Loading the dataset…");
  dataset = cg_dataset_load (td->data_dir, td->split, td->threshold, &error);
  if (dataset == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (td->you != NULL)
    {
      CgDataset *with_you = add_you (dataset, td, &you_user_id, &error);

      if (with_you == NULL && error != NULL)
        {
          g_prefix_error (&error, "Could not add your ratings: ");
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (with_you != NULL)
        {
          cg_dataset_free (dataset);
          dataset = with_you;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The reference line of the metrics plot, on exactly the data the model sees. */
  post_status (td, "Measuring the popularity baseline…");
  baseline = cg_baseline_new (CG_BASELINE_POPULARITY, dataset, &error);
  if (baseline == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cg_metrics_evaluate (&metrics, dataset, td->config.k, cg_baseline_score, baseline, 256);
  if (cg_progress_mailbox_post_baseline (td->mailbox, &metrics))
    schedule_drain (td);

  post_status (td, you_user_id != 0 ? "Training, with you as one more user…" : "Training…");
  trainer = cg_trainer_new (dataset, &td->config, &error);
  if (trainer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  complete = cg_trainer_run (trainer, on_trainer_progress_cb, td, cancellable, &error);
  model = cg_trainer_steal_model (trainer);
  /* The trainer borrows the dataset: free it first. */
  g_clear_pointer (&trainer, cg_trainer_free);

  if (model == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, CG_ERROR, CG_ERROR_INVALID, "Training produced no model");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (TrainResult, 1);
  result->model = model;
  result->dataset = g_steal_pointer (&dataset);
  result->you_user_id = you_user_id;
  result->stop_error = complete ? NULL : g_steal_pointer (&error);
  g_task_return_pointer (task, result, train_result_free);
}

typedef struct
{
  char  *data_dir;
  char  *split;
  guint  threshold;
  guint  k;
  guint  serial;   /* read on the main thread only */
} BaselineData;

static void
baseline_data_free (gpointer data)
{
  BaselineData *bd = data;

  g_free (bd->data_dir);
  g_free (bd->split);
  g_free (bd);
}

static void
baseline_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  BaselineData *bd = task_data;
  g_autoptr(CgDataset) dataset = NULL;
  g_autoptr(CgBaseline) baseline = NULL;
  g_autoptr(GError) error = NULL;
  CgMetrics *metrics;

  dataset = cg_dataset_load (bd->data_dir, bd->split, bd->threshold, &error);
  if (dataset != NULL)
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

/* ---- main thread: plots ---- */

static void
set_status (CgTrainingView *self,
            const char     *text,
            gboolean        is_error)
{
  gtk_label_set_text (self->status_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

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

/* The same series in the same order for every run and every loaded history, so colours
 * and legend order never change. */
void
_cg_training_view_reset_plots (CgTrainingView *self,
                               guint           k)
{
  g_autofree char *recall = NULL, *ndcg = NULL, *hit_rate = NULL;
  g_autofree char *title = g_strdup_printf ("Held-out Metrics (K = %u)", k);

  cg_plot_clear (self->loss_plot);
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
  self->run_k = k;
}

static void
plot_epoch (CgTrainingView      *self,
            const CgEpochRecord *record)
{
  g_autofree char *recall = NULL, *ndcg = NULL, *hit_rate = NULL;

  metric_names (self->run_k, &recall, &ndcg, &hit_rate);
  cg_plot_append_point (self->loss_plot, SERIES_D_EPOCH, record->epoch, record->loss_d);
  cg_plot_append_point (self->loss_plot, SERIES_G_EPOCH, record->epoch, record->loss_g);
  cg_plot_append_point (self->metrics_plot, recall, record->epoch, record->recall);
  cg_plot_append_point (self->metrics_plot, ndcg, record->epoch, record->ndcg);
  cg_plot_append_point (self->metrics_plot, hit_rate, record->epoch, record->hit_rate);
}

static void
show_baseline (CgTrainingView  *self,
               const CgMetrics *baseline)
{
  g_autofree char *label = g_strdup_printf ("popularity NDCG@%u", baseline->k);

  cg_plot_set_reference (self->metrics_plot, label, baseline->ndcg);
}

/* ---- main thread: a run ---- */

static void
apply_batch (CgTrainingView  *self,
             CgProgressBatch *batch)
{
  if (batch->status != NULL)
    set_status (self, batch->status, FALSE);
  if (batch->has_baseline)
    {
      self->run_baseline = batch->baseline;
      self->has_run_baseline = TRUE;
      show_baseline (self, &batch->baseline);
    }
  for (guint i = 0; i < batch->steps->len; i++)
    {
      const CgStepSample *sample = &g_array_index (batch->steps, CgStepSample, i);

      cg_plot_append_point (self->loss_plot, SERIES_D_STEP, sample->x, sample->loss_d);
      cg_plot_append_point (self->loss_plot, SERIES_G_STEP, sample->x, sample->loss_g);
    }
  for (guint i = 0; i < batch->epochs->len; i++)
    {
      const CgEpochRecord *record = &g_array_index (batch->epochs, CgEpochRecord, i);

      plot_epoch (self, record);
      self->last_record = *record;
      self->has_last_record = TRUE;
    }
  if (batch->has_progress)
    {
      g_autofree char *text = cg_progress_format (&batch->latest);

      gtk_progress_bar_set_fraction (self->progress_bar, cg_progress_fraction (&batch->latest));
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
}

static void
drain (CgTrainingView *self)
{
  CgProgressBatch batch;

  if (self->mailbox == NULL)
    return;
  cg_progress_mailbox_take (self->mailbox, &batch);
  apply_batch (self, &batch);
  cg_progress_batch_clear (&batch);
}

static gboolean
drain_cb (gpointer user_data)
{
  GTask *outer = user_data;
  CgTrainingView *self = g_task_get_source_object (outer);

  /* A drain that arrives after its run ended has nothing to do: the completion drained. */
  if (self->running == outer)
    drain (self);
  return G_SOURCE_REMOVE;
}

static char *
describe_last_epoch (CgTrainingView *self)
{
  if (!self->has_last_record)
    return g_strdup ("");
  if (self->has_run_baseline)
    return g_strdup_printf ("NDCG@%u %.4f (popularity %.4f), Recall@%u %.4f, HitRate@%u %.4f.",
                            self->run_k, self->last_record.ndcg, self->run_baseline.ndcg,
                            self->run_k, self->last_record.recall,
                            self->run_k, self->last_record.hit_rate);
  return g_strdup_printf ("NDCG@%u %.4f, Recall@%u %.4f, HitRate@%u %.4f.",
                          self->run_k, self->last_record.ndcg, self->run_k,
                          self->last_record.recall, self->run_k, self->last_record.hit_rate);
}

static void
show_outcome (CgTrainingView *self,
              TrainResult    *result,
              const GError   *error)
{
  const GError *stop = result != NULL ? result->stop_error : error;
  guint epochs = self->has_last_record ? self->last_record.epoch : 0;
  g_autofree char *metrics = describe_last_epoch (self);
  g_autofree char *text = NULL;

  if (stop == NULL)
    {
      guint n_epochs = cg_cgan_get_config (result->model)->epochs;

      text = g_strdup_printf ("Trained %u epochs. %s", n_epochs, metrics);
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      gtk_progress_bar_set_text (self->progress_bar, "Done");
      set_status (self, text, FALSE);
      return;
    }

  if (g_error_matches (stop, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Not an error: the user asked for it. */
      if (result != NULL)
        text = g_strdup_printf ("Cancelled. Kept the model of epoch %u. %s", epochs, metrics);
      else
        text = g_strdup ("Cancelled before the first epoch finished: no model.");
      gtk_progress_bar_set_text (self->progress_bar, "Cancelled");
      set_status (self, text, FALSE);
      return;
    }

  if (result != NULL)
    text = g_strdup_printf ("%s. Kept the model of epoch %u.", stop->message, epochs);
  else
    text = g_strdup (stop->message);
  gtk_progress_bar_set_text (self->progress_bar, "Stopped");
  set_status (self, text, TRUE);
}

static void
on_train_thread_done_cb (GObject      *source_object,
                         GAsyncResult *res,
                         gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CgTrainingView *self = g_task_get_source_object (outer);
  TrainData *td = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  TrainResult *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* The view is not disposed here: outer (whose source object it is) keeps it alive, so
   * its widgets are all still there even when its window has gone. The drain below takes
   * in everything, so a drain still waiting for its timeout has nothing left to do; it is
   * dropped with its reference on outer, or it would keep the view alive until it fires. */
  if (td->drain_source != NULL && !g_source_is_destroyed (td->drain_source))
    g_source_destroy (td->drain_source);
  drain (self);
  self->running = NULL;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mailbox, cg_progress_mailbox_unref);

  show_outcome (self, result, error);
  _cg_training_view_update_actions (self);
  _cg_training_view_notify (self, PROP_TRAINING);

  if (result != NULL)
    {
      gboolean complete = result->stop_error == NULL;

      g_clear_pointer (&self->model, cg_cgan_free);
      g_clear_pointer (&self->dataset, cg_dataset_free);
      self->model = g_steal_pointer (&result->model);
      self->dataset = g_steal_pointer (&result->dataset);
      _cg_training_view_emit_model_trained (self, result->you_user_id, complete);
      if (complete)
        g_task_return_boolean (outer, TRUE);
      else
        g_task_return_error (outer, g_steal_pointer (&result->stop_error));
      train_result_free (result);
    }
  else
    g_task_return_error (outer, g_steal_pointer (&error));
}

static void
on_baseline_done_cb (GObject      *source_object,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(CgTrainingView) self = user_data;
  BaselineData *bd = g_task_get_task_data (G_TASK (res));
  g_autofree CgMetrics *metrics = NULL;
  g_autoptr(GError) error = NULL;

  metrics = g_task_propagate_pointer (G_TASK (res), &error);
  /* The task holds a reference on the view until here: it cannot have been disposed. */
  if (bd->serial != self->baseline_serial || self->running != NULL)
    return;
  if (metrics == NULL)
    {
      g_debug ("No popularity baseline: %s", error->message);
      return;
    }
  show_baseline (self, metrics);
}

static void
on_start_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The view has shown the outcome already; nothing else to report. */
  if (!cg_training_view_train_finish (CG_TRAINING_VIEW (source_object), result, &error))
    g_debug ("Training ended early: %s", error->message);
}

/* ---- public API ---- */

void
cg_training_view_set_model (CgTrainingView *self,
                            const CgCgan   *model)
{
  const CgCganConfig *config;
  const CgEpochRecord *history;
  g_autoptr(GTask) task = NULL;
  BaselineData *bd;
  guint n_records;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (model != NULL);

  if (self->running != NULL)
    return;  /* the live run owns the plots */

  config = cg_cgan_get_config (model);
  cg_training_view_set_config (self, config);
  _cg_training_view_reset_plots (self, config->k);
  history = cg_cgan_get_history (model, &n_records);
  for (guint i = 0; i < n_records; i++)
    plot_epoch (self, &history[i]);
  self->has_last_record = n_records > 0;
  if (n_records > 0)
    self->last_record = history[n_records - 1];
  self->has_run_baseline = FALSE;
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "Loaded model");
  if (n_records > 0)
    {
      g_autofree char *metrics = describe_last_epoch (self);
      g_autofree char *text = g_strdup_printf ("Loaded a model trained for %u epochs. %s",
                                               n_records, metrics);

      set_status (self, text, FALSE);
    }
  else
    set_status (self, "The loaded model has no training history to plot.", FALSE);

  /* The baseline of the form's split, at the model's K. */
  if (self->data_dir == NULL || n_records == 0)
    return;
  bd = g_new0 (BaselineData, 1);
  bd->data_dir = g_strdup (self->data_dir);
  bd->split = g_strdup (cg_training_view_get_split (self));
  bd->threshold = cg_training_view_get_threshold (self);
  bd->k = config->k;
  bd->serial = ++self->baseline_serial;
  /* No source object, for the reason given at the top of this file: the callback holds
   * the view instead, and runs on the main thread. */
  task = g_task_new (NULL, NULL, on_baseline_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, cg_training_view_set_model);
  g_task_set_task_data (task, bd, baseline_data_free);
  g_task_run_in_thread (task, baseline_thread);
}

void
cg_training_view_start (CgTrainingView *self)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

  if (self->running != NULL)
    return;
  cg_training_view_train_async (self, NULL, on_start_done_cb, NULL);
}

void
cg_training_view_cancel (CgTrainingView *self)
{
  g_return_if_fail (CG_IS_TRAINING_VIEW (self));

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  set_status (self, "Cancelling after the current mini-batch…", FALSE);
  _cg_training_view_update_actions (self);
}

void
cg_training_view_train_async (CgTrainingView      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  TrainData *td;

  g_return_if_fail (CG_IS_TRAINING_VIEW (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cg_training_view_train_async);
  /* The outcome is ours to report: a cancelled run still returns its model. */
  g_task_set_check_cancellable (outer, FALSE);

  if (self->running != NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A training is already running");
      return;
    }
  if (self->data_dir == NULL)
    {
      set_status (self, "Choose the MovieLens folder first.", TRUE);
      g_task_return_new_error (outer, CG_ERROR, CG_ERROR_NOT_FOUND,
                               "No MovieLens folder chosen");
      return;
    }

  td = g_new0 (TrainData, 1);
  cg_training_view_get_config (self, &td->config);
  td->data_dir = g_strdup (self->data_dir);
  td->split = g_strdup (cg_training_view_get_split (self));
  td->threshold = cg_training_view_get_threshold (self);
  if (!cg_cgan_config_validate (&td->config, &error))
    {
      g_autofree char *text = g_strdup_printf ("Invalid settings: %s", error->message);

      set_status (self, text, TRUE);
      train_data_free (td);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  if (cg_training_view_get_include_me (self) && self->ratings_store != NULL)
    {
      td->you = cg_ratings_store_dup_ratings (self->ratings_store, NULL, 0, &td->n_you);
      if (td->n_you == 0)
        g_clear_pointer (&td->you, g_free);
    }
  td->mailbox = cg_progress_mailbox_new (STEP_SMOOTHING);
  td->context = g_main_context_ref (g_task_get_context (outer));
  td->outer = outer;

  self->running = outer;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->mailbox = cg_progress_mailbox_ref (td->mailbox);
  self->has_run_baseline = FALSE;
  self->has_last_record = FALSE;
  g_clear_pointer (&self->model, cg_cgan_free);
  g_clear_pointer (&self->dataset, cg_dataset_free);
  _cg_training_view_reset_plots (self, td->config.k);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, "Starting");
  set_status (self,
              cg_training_view_get_include_me (self) && td->you == NULL
                ? "Starting without you: you have not rated any movie yet."
                : "Starting…",
              FALSE);
  _cg_training_view_update_actions (self);
  _cg_training_view_notify (self, PROP_TRAINING);

  inner = g_task_new (NULL, self->cancellable, on_train_thread_done_cb, g_object_ref (outer));
  g_task_set_source_tag (inner, train_thread);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, td, train_data_free);
  g_task_run_in_thread (inner, train_thread);
}

gboolean
cg_training_view_train_finish (CgTrainingView  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (CG_IS_TRAINING_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_training_view_train_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
