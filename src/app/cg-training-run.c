/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-run.c: one training run — its settings, its progress, its model.
 *
 * The worker (train_thread) sees only its TrainData: copies of the inputs, the mailbox it
 * posts progress into and the context drains run on. The trainer's callback posts after
 * every mini-batch; when the mailbox was empty, the worker attaches one timeout source to
 * the main context, whose drain takes in everything posted since, on the main thread. The
 * completion drains once more, so the last epoch is never lost to the order in which the
 * completion and a drain run.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cg-baseline.h"
#include "cg-error.h"
#include "cg-trainer.h"
#include "cg-training-run.h"
#include "cg-worker.h"

/* Weight of the newest step in the smoothed per-step loss curves. */
#define STEP_SMOOTHING 0.05
/* At most this often the run takes in the progress gathered since: under Xvfb on two
 * cores, redrawing the plots after every step cost the training threads a third of their
 * epochs (29 against 47 in 20 s); every 250 ms, nothing measurable (42–50 against 48). */
#define DRAIN_INTERVAL_MS 250

struct _CgTrainingRun
{
  GObject             parent_instance;

  /* inputs, set at construction */
  char               *data_dir;
  char               *split;
  guint               threshold;
  CgCganConfig        config;
  CgRating           *you;
  gsize               n_you;

  /* what the run reported */
  CgTrainingRunState  state;
  double              fraction;
  char               *progress_text;
  char               *status;
  gboolean            status_is_error;
  GArray             *epochs;        /* CgEpochRecord */
  GArray             *steps;         /* CgStepSample */
  gboolean            has_baseline;
  CgMetrics           baseline;
  CgTrainedModel     *model;

  /* while running */
  GCancellable       *cancellable;
  CgProgressMailbox  *mailbox;
  gboolean            holds_application;
};

G_DEFINE_FINAL_TYPE (CgTrainingRun, cg_training_run, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (CgTrainingRunState, cg_training_run_state,
                    G_DEFINE_ENUM_VALUE (CG_TRAINING_RUN_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (CG_TRAINING_RUN_RUNNING, "running"),
                    G_DEFINE_ENUM_VALUE (CG_TRAINING_RUN_FINISHED, "finished"),
                    G_DEFINE_ENUM_VALUE (CG_TRAINING_RUN_CANCELLED, "cancelled"),
                    G_DEFINE_ENUM_VALUE (CG_TRAINING_RUN_FAILED, "failed"))

enum
{
  PROP_0,
  PROP_STATE,
  PROP_FRACTION,
  PROP_PROGRESS_TEXT,
  PROP_STATUS,
  PROP_STATUS_IS_ERROR,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  STEPS_ADDED,
  EPOCH_FINISHED,
  BASELINE_MEASURED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How much nicer than the rest of the process training runs. */
#define TRAINING_NICENESS 10

/* ---- worker side: everything here runs off the main thread ---- */

typedef struct
{
  /* inputs, owned copies */
  char              *data_dir;
  char              *split;
  guint              threshold;
  CgCganConfig       config;
  CgRating          *you;
  gsize              n_you;
  CgProgressMailbox *mailbox;
  GMainContext      *context;   /* where drains run */
  /* Borrowed, only ever referenced here (and unreferenced on the main thread): the run is
   * alive while the worker runs, its async call holds it. */
  CgTrainingRun     *run;
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

/* A source queued on the main context, never g_main_context_invoke: invoke runs the
 * callback at once in the calling thread whenever that thread can acquire the context,
 * which a worker can whenever the main thread is not inside it. */
static void
schedule_drain (TrainData *td)
{
  GSource *source = g_timeout_source_new (DRAIN_INTERVAL_MS);

  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, drain_cb, g_object_ref (td->run), g_object_unref);
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

/* Training takes every core it is given; below the window's priority it never starves it,
 * however busy the machine: the window repaints and scores your list while a run goes.
 * Linux keeps a nice value per thread, and the threads the trainer starts inherit this
 * one's; the run has a thread of its own (cg_worker_run_in_new_thread), so nothing else
 * runs at this priority after it. */
static void
lower_priority (void)
{
  pid_t thread = (pid_t) syscall (SYS_gettid);
  int now;

  errno = 0;
  now = getpriority (PRIO_PROCESS, (id_t) thread);
  if (errno == 0
      && setpriority (PRIO_PROCESS, (id_t) thread, MIN (now + TRAINING_NICENESS, 19)) != 0)
    g_debug ("Training at the window's priority: %s", g_strerror (errno));
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

  lower_priority ();
  post_status (td, _("Loading the dataset…"));
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
          g_prefix_error (&error, _("Could not add your ratings: "));
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
  post_status (td, _("Measuring the popularity baseline…"));
  baseline = cg_baseline_new (CG_BASELINE_POPULARITY, dataset, &error);
  if (baseline == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cg_metrics_evaluate (&metrics, dataset, td->config.k, cg_baseline_score, baseline, 256);
  if (cg_progress_mailbox_post_baseline (td->mailbox, &metrics))
    schedule_drain (td);

  post_status (td, you_user_id != 0 ? _("Training, with you as one more user…") : _("Training…"));
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
        g_set_error_literal (&error, CG_ERROR, CG_ERROR_INVALID, _("Training produced no model"));
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

/* ---- main thread ---- */

static void
set_status (CgTrainingRun *self,
            const char    *status,
            gboolean       is_error)
{
  if (g_strcmp0 (self->status, status) != 0)
    {
      g_free (self->status);
      self->status = g_strdup (status);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (self->status_is_error != is_error)
    {
      self->status_is_error = is_error;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_IS_ERROR]);
    }
}

static void
set_progress (CgTrainingRun *self,
              double         fraction,
              const char    *text)
{
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (g_strcmp0 (self->progress_text, text) != 0)
    {
      g_free (self->progress_text);
      self->progress_text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS_TEXT]);
    }
}

static void
set_state (CgTrainingRun      *self,
           CgTrainingRunState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
apply_batch (CgTrainingRun   *self,
             CgProgressBatch *batch)
{
  if (batch->status != NULL)
    set_status (self, batch->status, FALSE);
  if (batch->has_baseline)
    {
      self->baseline = batch->baseline;
      self->has_baseline = TRUE;
      g_signal_emit (self, signals[BASELINE_MEASURED], 0);
    }
  if (batch->steps->len > 0)
    {
      guint position = self->steps->len;

      g_array_append_vals (self->steps, batch->steps->data, batch->steps->len);
      g_signal_emit (self, signals[STEPS_ADDED], 0, position, batch->steps->len);
    }
  for (guint i = 0; i < batch->epochs->len; i++)
    {
      g_array_append_val (self->epochs, g_array_index (batch->epochs, CgEpochRecord, i));
      g_signal_emit (self, signals[EPOCH_FINISHED], 0, self->epochs->len - 1);
    }
  if (batch->has_progress)
    {
      g_autofree char *text = cg_progress_format (&batch->latest);

      set_progress (self, cg_progress_fraction (&batch->latest), text);
    }
}

static void
drain (CgTrainingRun *self)
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
  /* A drain that fires after the run ended finds no mailbox: the completion drained. */
  drain (CG_TRAINING_RUN (user_data));
  return G_SOURCE_REMOVE;
}

static char *
describe_last_epoch (CgTrainingRun *self)
{
  const CgEpochRecord *last;
  guint k = self->config.k;

  if (self->epochs->len == 0)
    return g_strdup ("");
  last = &g_array_index (self->epochs, CgEpochRecord, self->epochs->len - 1);
  if (self->has_baseline)
    return g_strdup_printf (_("NDCG@%u %.4f (popularity %.4f), Recall@%u %.4f, HitRate@%u %.4f."),
                            k, last->ndcg, self->baseline.ndcg, k, last->recall, k,
                            last->hit_rate);
  return g_strdup_printf (_("NDCG@%u %.4f, Recall@%u %.4f, HitRate@%u %.4f."),
                          k, last->ndcg, k, last->recall, k, last->hit_rate);
}

/* The state, status and progress text of a run that has ended: stop is why it ended
 * early (NULL when complete), has_model whether an epoch finished. */
static void
show_outcome (CgTrainingRun *self,
              const GError  *stop,
              gboolean       has_model)
{
  guint epochs = self->epochs->len;
  g_autofree char *metrics = describe_last_epoch (self);
  g_autofree char *text = NULL;

  if (stop == NULL)
    {
      text = g_strdup_printf (_("Trained %u epochs. %s"), epochs, metrics);
      set_progress (self, 1.0, _("Done"));
      set_status (self, text, FALSE);
      set_state (self, CG_TRAINING_RUN_FINISHED);
      return;
    }

  if (g_error_matches (stop, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Not an error: the user asked for it. */
      if (has_model)
        text = g_strdup_printf (_("Cancelled. Kept the model of epoch %u. %s"), epochs, metrics);
      else
        text = g_strdup (_("Cancelled before the first epoch finished: no model."));
      set_progress (self, self->fraction, _("Cancelled"));
      set_status (self, text, FALSE);
      set_state (self, CG_TRAINING_RUN_CANCELLED);
      return;
    }

  if (has_model)
    text = g_strdup_printf (_("%s. Kept the model of epoch %u."), stop->message, epochs);
  else
    text = g_strdup (stop->message);
  set_progress (self, self->fraction, _("Stopped"));
  set_status (self, text, TRUE);
  set_state (self, CG_TRAINING_RUN_FAILED);
}

static void
release_application (CgTrainingRun *self)
{
  GApplication *app = g_application_get_default ();

  if (self->holds_application && app != NULL)
    g_application_release (app);
  self->holds_application = FALSE;
}

static void
on_train_thread_done (GTask *outer,
                      GTask *inner)
{
  CgTrainingRun *self = g_task_get_source_object (outer);
  TrainData *td = g_task_get_task_data (inner);
  g_autoptr(GError) error = NULL;
  TrainResult *result;

  result = g_task_propagate_pointer (inner, &error);

  /* The drain below takes in everything, so a drain still waiting for its timeout has
   * nothing left to do. */
  if (td->drain_source != NULL && !g_source_is_destroyed (td->drain_source))
    g_source_destroy (td->drain_source);
  drain (self);
  g_clear_pointer (&self->mailbox, cg_progress_mailbox_unref);
  g_clear_object (&self->cancellable);

  if (result != NULL)
    {
      self->model = cg_trained_model_new (g_steal_pointer (&result->model),
                                          g_steal_pointer (&result->dataset),
                                          result->you_user_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
      if (result->stop_error != NULL)
        error = g_steal_pointer (&result->stop_error);
      train_result_free (result);
    }
  show_outcome (self, error, self->model != NULL);
  release_application (self);

  if (error == NULL)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, g_steal_pointer (&error));
}

/* ---- GObject ---- */

static void
cg_training_run_finalize (GObject *object)
{
  CgTrainingRun *self = CG_TRAINING_RUN (object);

  /* A running run is held by its async call: it cannot be finalised mid-run. */
  g_assert (!self->holds_application);

  g_free (self->data_dir);
  g_free (self->split);
  g_free (self->you);
  g_free (self->progress_text);
  g_free (self->status);
  g_clear_pointer (&self->epochs, g_array_unref);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_object (&self->model);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mailbox, cg_progress_mailbox_unref);

  G_OBJECT_CLASS (cg_training_run_parent_class)->finalize (object);
}

static void
cg_training_run_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CgTrainingRun *self = CG_TRAINING_RUN (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_STATUS_IS_ERROR:
      g_value_set_boolean (value, self->status_is_error);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_training_run_class_init (CgTrainingRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cg_training_run_finalize;
  object_class->get_property = cg_training_run_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CG_TYPE_TRAINING_RUN_STATE,
                       CG_TRAINING_RUN_READY, flags);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_PROGRESS_TEXT] =
    g_param_spec_string ("progress-text", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_IS_ERROR] =
    g_param_spec_boolean ("status-is-error", NULL, NULL, FALSE, flags);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, CG_TYPE_TRAINED_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STEPS_ADDED] =
    g_signal_new ("steps-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[EPOCH_FINISHED] =
    g_signal_new ("epoch-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[BASELINE_MEASURED] =
    g_signal_new ("baseline-measured", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_training_run_init (CgTrainingRun *self)
{
  self->epochs = g_array_new (FALSE, FALSE, sizeof (CgEpochRecord));
  self->steps = g_array_new (FALSE, FALSE, sizeof (CgStepSample));
  self->progress_text = g_strdup (_("Not started"));
}

/* ---- public API ---- */

CgTrainingRun *
cg_training_run_new (const char         *data_dir,
                     const char         *split,
                     guint               threshold,
                     const CgCganConfig *config,
                     const CgRating     *you,
                     gsize               n_you)
{
  CgTrainingRun *self;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (split != NULL, NULL);
  g_return_val_if_fail (threshold >= 1 && threshold <= 5, NULL);
  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (you != NULL || n_you == 0, NULL);

  self = g_object_new (CG_TYPE_TRAINING_RUN, NULL);
  self->data_dir = g_strdup (data_dir);
  self->split = g_strdup (split);
  self->threshold = threshold;
  self->config = *config;
  self->you = n_you > 0 ? g_memdup2 (you, n_you * sizeof *you) : NULL;
  self->n_you = n_you;
  return self;
}

void
cg_training_run_run_async (CgTrainingRun       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) run_cancellable = NULL;
  GApplication *app = g_application_get_default ();
  TrainData *td;

  g_return_if_fail (CG_IS_TRAINING_RUN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* The worker stops on the caller's cancellable, or on ours when there is none: either
   * way cg_training_run_cancel reaches it. */
  run_cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  outer = g_task_new (self, run_cancellable, callback, user_data);
  g_task_set_source_tag (outer, cg_training_run_run_async);
  /* The outcome is ours to report: a cancelled run still has its model. */
  g_task_set_check_cancellable (outer, FALSE);

  if (self->state != CG_TRAINING_RUN_READY)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A training run runs only once"));
      return;
    }
  if (!cg_cgan_config_validate (&self->config, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Invalid settings: %s"), error->message);

      set_status (self, text, TRUE);
      set_state (self, CG_TRAINING_RUN_FAILED);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  self->cancellable = g_steal_pointer (&run_cancellable);
  self->mailbox = cg_progress_mailbox_new (STEP_SMOOTHING);
  if (app != NULL)
    {
      g_application_hold (app);
      self->holds_application = TRUE;
    }

  td = g_new0 (TrainData, 1);
  td->data_dir = g_strdup (self->data_dir);
  td->split = g_strdup (self->split);
  td->threshold = self->threshold;
  td->config = self->config;
  td->you = self->n_you > 0 ? g_memdup2 (self->you, self->n_you * sizeof *self->you) : NULL;
  td->n_you = self->n_you;
  td->mailbox = cg_progress_mailbox_ref (self->mailbox);
  td->context = g_main_context_ref (g_task_get_context (outer));
  td->run = self;

  set_progress (self, 0.0, _("Starting"));
  set_status (self, _("Starting…"), FALSE);
  set_state (self, CG_TRAINING_RUN_RUNNING);

  cg_worker_run_in_new_thread (outer, "cinegan-training", train_thread, td, train_data_free,
                               on_train_thread_done);
}

gboolean
cg_training_run_run_finish (CgTrainingRun  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_training_run_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cg_training_run_cancel (CgTrainingRun *self)
{
  g_return_if_fail (CG_IS_TRAINING_RUN (self));

  if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_cancellable_cancel (self->cancellable);
  set_status (self, _("Cancelling after the current mini-batch…"), FALSE);
}

const char *
cg_training_run_get_data_dir (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), NULL);

  return self->data_dir;
}

const char *
cg_training_run_get_split (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), NULL);

  return self->split;
}

guint
cg_training_run_get_threshold (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), CG_DEFAULT_THRESHOLD);

  return self->threshold;
}

const CgCganConfig *
cg_training_run_get_config (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), NULL);

  return &self->config;
}

gboolean
cg_training_run_get_includes_you (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), FALSE);

  return self->n_you > 0;
}

CgTrainingRunState
cg_training_run_get_state (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), CG_TRAINING_RUN_READY);

  return self->state;
}

gboolean
cg_training_run_is_running (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), FALSE);

  return self->state == CG_TRAINING_RUN_RUNNING;
}

double
cg_training_run_get_fraction (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), 0.0);

  return self->fraction;
}

const char *
cg_training_run_get_progress_text (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), NULL);

  return self->progress_text;
}

const char *
cg_training_run_get_status (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), NULL);

  return self->status;
}

gboolean
cg_training_run_get_status_is_error (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), FALSE);

  return self->status_is_error;
}

CgTrainedModel *
cg_training_run_get_model (CgTrainingRun *self)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), NULL);

  return self->model;
}

const CgEpochRecord *
cg_training_run_get_epochs (CgTrainingRun *self,
                            guint         *n_epochs)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), NULL);
  g_return_val_if_fail (n_epochs != NULL, NULL);

  *n_epochs = self->epochs->len;
  return (const CgEpochRecord *) (gpointer) self->epochs->data;
}

const CgStepSample *
cg_training_run_get_steps (CgTrainingRun *self,
                           guint         *n_steps)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), NULL);
  g_return_val_if_fail (n_steps != NULL, NULL);

  *n_steps = self->steps->len;
  return (const CgStepSample *) (gpointer) self->steps->data;
}

gboolean
cg_training_run_get_baseline (CgTrainingRun *self,
                              CgMetrics     *baseline)
{
  g_return_val_if_fail (CG_IS_TRAINING_RUN (self), FALSE);
  g_return_val_if_fail (baseline != NULL, FALSE);

  if (self->has_baseline)
    *baseline = self->baseline;
  return self->has_baseline;
}
