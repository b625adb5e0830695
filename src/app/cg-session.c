/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-session.c: what one window works on — the dataset, the current model, the training run.
 *
 * Loading a dataset and opening a model read files on a worker thread (cg-worker.h) and
 * apply the result here, on the main thread. Saving writes on the main thread: a model is
 * a few megabytes.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-error.h"
#include "cg-format.h"
#include "cg-model-file.h"
#include "cg-session.h"
#include "cg-worker.h"

struct _CgSession
{
  GObject         parent_instance;

  /* owned */
  CgRatingsStore *ratings;
  CgCatalogModel *catalog;
  GCancellable   *cancellable;      /* of loads and opens; cancelled by shutdown */
  char           *data_dir;
  CgDatasetShape  dataset_shape;  /* of the catalogue's split, valid once data_dir is set */
  CgTrainedModel *model;
  GArray         *model_you;        /* (CgRating) the model's "you" training ratings, in
                                     * the dataset's order; empty when you were not in it */
  GFile          *file;
  CgTrainingRun  *run;

  gboolean        unsaved;
  gboolean        training;         /* run is running, until its model has been taken in */
  guint           loading;          /* loads in flight */
  guint           opening;          /* opens in flight */
};

G_DEFINE_FINAL_TYPE (CgSession, cg_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RATINGS,
  PROP_CATALOG,
  PROP_DATA_DIR,
  PROP_LOADING,
  PROP_MODEL,
  PROP_FILE,
  PROP_UNSAVED,
  PROP_YOU_USER_ID,
  PROP_LIKED_THRESHOLD,
  PROP_RUN,
  PROP_TRAINING,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (CgSession *self,
        guint      prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* One more (or one fewer) load or open in flight; prop is notified when the count goes
 * from or to zero. */
static void
count_in_flight (CgSession *self,
                 guint     *counter,
                 gboolean   more,
                 guint      prop)
{
  gboolean was_busy = cg_session_get_busy (self);
  gboolean was_zero = *counter == 0;

  g_assert (more || *counter > 0);
  *counter = more ? *counter + 1 : *counter - 1;
  if (prop != PROP_BUSY && was_zero != (*counter == 0))
    notify (self, prop);
  if (was_busy != cg_session_get_busy (self))
    notify (self, PROP_BUSY);
}

/* ---- the dataset ---- */

static void
load_dataset_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *dir = task_data;
  GError *error = NULL;
  CgDataset *dataset;

  /* The catalogue is every movie whatever the split; the release's own default split
   * (u1 for ML-100K, a seeded random holdout for the others) is one every layout has. */
  dataset = cg_dataset_load (dir, cg_format_default_split (cg_format_detect (dir)),
                             CG_DEFAULT_THRESHOLD, &error);
  if (dataset == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, dataset, (GDestroyNotify) cg_dataset_free);
  else
    cg_dataset_free (dataset);
}

static void
on_dataset_loaded (GTask *outer,
                   GTask *inner)
{
  CgSession *self = g_task_get_source_object (outer);
  g_autoptr(CgDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  count_in_flight (self, &self->loading, FALSE, PROP_LOADING);
  dataset = g_task_propagate_pointer (inner, &error);
  if (dataset == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  cg_catalog_model_set_dataset (self->catalog, dataset);
  cg_dataset_shape_of (dataset, &self->dataset_shape);
  g_free (self->data_dir);
  self->data_dir = g_strdup (g_task_get_task_data (inner));
  notify (self, PROP_DATA_DIR);
  g_task_return_boolean (outer, TRUE);
}

/* ---- opening a model ---- */

typedef struct
{
  char *path;
  char *data_dir;
} OpenInput;

typedef struct
{
  CgModelFile *file;
  CgDataset   *dataset;   /* the file's split, with "you" when they were in training */
} OpenOutput;

static void
open_input_free (OpenInput *input)
{
  g_free (input->path);
  g_free (input->data_dir);
  g_free (input);
}

static void
open_output_free (OpenOutput *output)
{
  g_clear_pointer (&output->file, cg_model_file_free);
  g_clear_pointer (&output->dataset, cg_dataset_free);
  g_free (output);
}

static void
open_model_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  OpenInput *input = task_data;
  g_autoptr(CgModelFile) file = NULL;
  g_autoptr(CgDataset) dataset = NULL;
  CgDataset *with_you = NULL;
  OpenOutput *output;
  GError *error = NULL;

  file = cg_model_file_load (input->path, &error);
  if (file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The model scores items of the split it was trained on: load that one. */
  dataset = cg_dataset_load (input->data_dir, file->split, file->threshold, &error);
  if (dataset == NULL)
    {
      g_prefix_error (&error, _("The model was trained on split %s of the dataset, which could "
                      "not be loaded: "), file->split);
      g_task_return_error (task, error);
      return;
    }
  if (!cg_model_file_match_dataset (file, dataset, &with_you, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  output = g_new0 (OpenOutput, 1);
  output->file = g_steal_pointer (&file);
  output->dataset = with_you != NULL ? with_you : g_steal_pointer (&dataset);
  g_task_return_pointer (task, output, (GDestroyNotify) open_output_free);
}

static void
on_model_opened (GTask *outer,
                 GTask *inner)
{
  CgSession *self = g_task_get_source_object (outer);
  GFile *file = g_task_get_task_data (outer);
  g_autoptr(CgTrainedModel) model = NULL;
  g_autoptr(GError) error = NULL;
  OpenOutput *output;
  guint32 you_user_id;

  count_in_flight (self, &self->opening, FALSE, PROP_BUSY);
  output = g_task_propagate_pointer (inner, &error);
  if (output == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  /* A run started while the file loaded: its model would replace this one when it ends,
   * without a word. */
  if (cg_session_get_training (self))
    {
      open_output_free (output);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("A training started while the model was loading; cancel it "
                               "and open the model again"));
      return;
    }

  you_user_id = output->file->has_you && output->file->you_in_training
                ? output->file->you_user_id : 0;
  model = cg_trained_model_new (cg_model_file_steal_model (output->file),
                                g_steal_pointer (&output->dataset), you_user_id);
  open_output_free (output);

  /* The plots now show the opened model's history, not the last run. */
  if (g_set_object (&self->run, NULL))
    notify (self, PROP_RUN);
  cg_session_set_model (self, model, file, FALSE);
  g_task_return_boolean (outer, TRUE);
}

/* ---- training ---- */

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CgSession) self = user_data;
  CgTrainingRun *run = CG_TRAINING_RUN (object);
  g_autoptr(GError) error = NULL;

  if (!cg_training_run_run_finish (run, result, &error))
    g_debug ("Training ended early: %s", error->message);

  /* Complete or not (a cancelled run keeps its last finished epoch), a trained model is
   * new and unsaved; the user asked for it by starting the run. */
  if (cg_training_run_get_model (run) != NULL)
    cg_session_set_model (self, cg_training_run_get_model (run), NULL, TRUE);
  if (run == self->run)
    {
      self->training = FALSE;
      notify (self, PROP_TRAINING);
    }
}

/* ---- GObject ---- */

static void
cg_session_dispose (GObject *object)
{
  CgSession *self = CG_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->run);
  g_clear_object (&self->model);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (cg_session_parent_class)->dispose (object);
}

static void
cg_session_finalize (GObject *object)
{
  CgSession *self = CG_SESSION (object);

  g_clear_object (&self->catalog);
  g_clear_object (&self->ratings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->model_you, g_array_unref);

  G_OBJECT_CLASS (cg_session_parent_class)->finalize (object);
}

static void
cg_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CgSession *self = CG_SESSION (object);

  switch (prop_id)
    {
    case PROP_RATINGS:
      g_value_set_object (value, self->ratings);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, cg_session_get_loading (self));
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_UNSAVED:
      g_value_set_boolean (value, self->unsaved);
      break;
    case PROP_YOU_USER_ID:
      g_value_set_uint (value, cg_session_get_you_user_id (self));
      break;
    case PROP_LIKED_THRESHOLD:
      g_value_set_uint (value, cg_session_get_liked_threshold (self));
      break;
    case PROP_RUN:
      g_value_set_object (value, self->run);
      break;
    case PROP_TRAINING:
      g_value_set_boolean (value, cg_session_get_training (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, cg_session_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CgSession *self = CG_SESSION (object);

  switch (prop_id)
    {
    case PROP_RATINGS:
      self->ratings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_session_constructed (GObject *object)
{
  CgSession *self = CG_SESSION (object);

  G_OBJECT_CLASS (cg_session_parent_class)->constructed (object);

  g_assert (self->ratings != NULL);
  self->catalog = cg_catalog_model_new (self->ratings);
}

static void
cg_session_class_init (CgSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cg_session_dispose;
  object_class->finalize = cg_session_finalize;
  object_class->get_property = cg_session_get_property;
  object_class->set_property = cg_session_set_property;
  object_class->constructed = cg_session_constructed;

  properties[PROP_RATINGS] =
    g_param_spec_object ("ratings", NULL, NULL, CG_TYPE_RATINGS_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, CG_TYPE_CATALOG_MODEL, flags);
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL, flags);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, CG_TYPE_TRAINED_MODEL, flags);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_UNSAVED] =
    g_param_spec_boolean ("unsaved", NULL, NULL, FALSE, flags);
  properties[PROP_YOU_USER_ID] =
    g_param_spec_uint ("you-user-id", NULL, NULL, 0, G_MAXUINT32, 0, flags);
  properties[PROP_LIKED_THRESHOLD] =
    g_param_spec_uint ("liked-threshold", NULL, NULL, 1, 5, CG_DEFAULT_THRESHOLD, flags);
  properties[PROP_RUN] =
    g_param_spec_object ("run", NULL, NULL, CG_TYPE_TRAINING_RUN, flags);
  properties[PROP_TRAINING] =
    g_param_spec_boolean ("training", NULL, NULL, FALSE, flags);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_session_init (CgSession *self)
{
  self->model_you = g_array_new (FALSE, FALSE, sizeof (CgRating));
  self->cancellable = g_cancellable_new ();
}

/* ---- public API ---- */

CgSession *
cg_session_new (CgRatingsStore *ratings)
{
  g_return_val_if_fail (CG_IS_RATINGS_STORE (ratings), NULL);

  return g_object_new (CG_TYPE_SESSION, "ratings", ratings, NULL);
}

CgRatingsStore *
cg_session_get_ratings (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);

  return self->ratings;
}

CgCatalogModel *
cg_session_get_catalog (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);

  return self->catalog;
}

const char *
cg_session_get_data_dir (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);

  return self->data_dir;
}

gboolean
cg_session_get_loading (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), FALSE);

  return self->loading > 0;
}

gboolean
cg_session_get_dataset_shape (CgSession      *self,
                              CgDatasetShape *shape)
{
  g_return_val_if_fail (CG_IS_SESSION (self), FALSE);
  g_return_val_if_fail (shape != NULL, FALSE);

  if (self->data_dir == NULL)
    return FALSE;
  *shape = self->dataset_shape;
  return TRUE;
}

void
cg_session_load_dataset_async (CgSession           *self,
                               const char          *dir,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;

  g_return_if_fail (CG_IS_SESSION (self));
  g_return_if_fail (dir != NULL);

  outer = g_task_new (self, cancellable != NULL ? cancellable : self->cancellable, callback,
                      user_data);
  g_task_set_source_tag (outer, cg_session_load_dataset_async);
  count_in_flight (self, &self->loading, TRUE, PROP_LOADING);
  cg_worker_run (outer, load_dataset_thread, g_strdup (dir), g_free, on_dataset_loaded);
}

gboolean
cg_session_load_dataset_finish (CgSession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

CgTrainedModel *
cg_session_get_model (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);

  return self->model;
}

GFile *
cg_session_get_file (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);

  return self->file;
}

gboolean
cg_session_get_unsaved (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), FALSE);

  return self->unsaved;
}

guint32
cg_session_get_you_user_id (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), 0);

  return self->model != NULL ? cg_trained_model_get_you_user_id (self->model) : 0;
}

guint
cg_session_get_liked_threshold (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), CG_DEFAULT_THRESHOLD);

  return self->model != NULL ? cg_trained_model_get_threshold (self->model)
                             : CG_DEFAULT_THRESHOLD;
}

gboolean
cg_session_get_busy (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), FALSE);

  return self->loading > 0 || self->opening > 0;
}

/* A model's "you" ratings never change, and finding them scans every training rating:
 * once per model, not at every question about them. */
static void
collect_model_you (CgSession *self)
{
  const CgDataset *dataset;
  guint32 you_user_id;

  g_array_set_size (self->model_you, 0);
  if (self->model == NULL || (you_user_id = cg_trained_model_get_you_user_id (self->model)) == 0)
    return;
  dataset = cg_trained_model_get_dataset (self->model);
  for (gsize i = 0; i < dataset->n_train; i++)
    if (dataset->train[i].user_id == you_user_id)
      g_array_append_val (self->model_you, dataset->train[i]);
}

void
cg_session_set_model (CgSession      *self,
                      CgTrainedModel *model,
                      GFile          *file,
                      gboolean        unsaved)
{
  guint old_threshold, old_you;

  g_return_if_fail (CG_IS_SESSION (self));
  g_return_if_fail (model == NULL || CG_IS_TRAINED_MODEL (model));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  old_threshold = cg_session_get_liked_threshold (self);
  old_you = cg_session_get_you_user_id (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->model, model))
    {
      collect_model_you (self);
      notify (self, PROP_MODEL);
    }
  if (g_set_object (&self->file, file))
    notify (self, PROP_FILE);
  if (self->unsaved != (model != NULL && unsaved))
    {
      self->unsaved = model != NULL && unsaved;
      notify (self, PROP_UNSAVED);
    }
  if (old_threshold != cg_session_get_liked_threshold (self))
    notify (self, PROP_LIKED_THRESHOLD);
  if (old_you != cg_session_get_you_user_id (self))
    notify (self, PROP_YOU_USER_ID);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The ratings saved with a model: the "you" user's training ratings when they were part of
 * training, else your current ratings (so the file records whom "You" recommendations were
 * for). NULL when there are none. */
static CgRating *
dup_you_ratings (CgSession *self,
                 gsize     *n_out)
{
  const CgDataset *dataset = cg_trained_model_get_dataset (self->model);
  guint32 you_user_id = cg_trained_model_get_you_user_id (self->model);

  if (you_user_id == 0)
    {
      CgRating *mine = cg_ratings_store_dup_ratings (self->ratings, dataset,
                                                     dataset->max_user_id + 1, n_out);
      if (*n_out == 0)
        g_clear_pointer (&mine, g_free);
      return mine;
    }

  *n_out = self->model_you->len;
  return *n_out > 0 ? g_memdup2 (self->model_you->data, *n_out * sizeof (CgRating)) : NULL;
}

static int
compare_by_movie (gconstpointer a,
                  gconstpointer b)
{
  const CgRating *x = a, *y = b;

  return (x->movie_id > y->movie_id) - (x->movie_id < y->movie_id);
}

gboolean
cg_session_get_model_has_your_ratings (CgSession *self)
{
  const CgDataset *dataset;
  guint32 you_user_id;
  g_autofree CgRating *trained = NULL, *current = NULL;
  gsize n_trained = 0, n_current = 0;

  g_return_val_if_fail (CG_IS_SESSION (self), FALSE);

  if (self->model == NULL || (you_user_id = cg_trained_model_get_you_user_id (self->model)) == 0)
    return FALSE;
  dataset = cg_trained_model_get_dataset (self->model);
  trained = dup_you_ratings (self, &n_trained);
  current = cg_ratings_store_dup_ratings (self->ratings, dataset, you_user_id, &n_current);
  if (n_trained != n_current)
    return FALSE;
  if (n_trained == 0)
    return TRUE;
  qsort (trained, n_trained, sizeof *trained, compare_by_movie);
  qsort (current, n_current, sizeof *current, compare_by_movie);
  for (gsize i = 0; i < n_trained; i++)
    if (trained[i].movie_id != current[i].movie_id || trained[i].rating != current[i].rating)
      return FALSE;
  return TRUE;
}

gboolean
cg_session_save_model (CgSession  *self,
                       GFile      *file,
                       GError    **error)
{
  return cg_session_save_model_full (self, file, CG_FILE_REPLACE_DEFAULT, error);
}

gboolean
cg_session_save_model_full (CgSession          *self,
                            GFile              *file,
                            CgFileReplaceFlags  flags,
                            GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree CgRating *you = NULL;
  gsize n_you = 0;

  g_return_val_if_fail (CG_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->model == NULL)
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_INVALID, _("There is no model to save"));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_IO,
                           _("Models can only be saved to local files"));
      return FALSE;
    }

  you = dup_you_ratings (self, &n_you);
  if (!cg_model_file_save_full (path, cg_trained_model_get_cgan (self->model),
                                cg_trained_model_get_dataset (self->model), you, n_you, flags,
                                error))
    return FALSE;

  cg_session_set_model (self, self->model, file, FALSE);
  return TRUE;
}

void
cg_session_open_model_async (CgSession           *self,
                             GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  OpenInput *input;

  g_return_if_fail (CG_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable != NULL ? cancellable : self->cancellable, callback,
                      user_data);
  g_task_set_source_tag (outer, cg_session_open_model_async);
  g_task_set_task_data (outer, g_object_ref (file), g_object_unref);

  if (self->data_dir == NULL)
    {
      g_task_return_new_error (outer, CG_ERROR, CG_ERROR_NOT_FOUND,
                               _("A model can only be opened once the dataset is loaded"));
      return;
    }
  if (cg_session_get_training (self))
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("A model cannot be opened while a training runs: its model "
                               "would replace the one opened. Cancel the training first"));
      return;
    }

  input = g_new0 (OpenInput, 1);
  input->path = g_file_get_path (file);
  input->data_dir = g_strdup (self->data_dir);
  if (input->path == NULL)
    {
      open_input_free (input);
      g_task_return_new_error (outer, CG_ERROR, CG_ERROR_IO,
                               _("Models can only be opened from local files"));
      return;
    }

  count_in_flight (self, &self->opening, TRUE, PROP_BUSY);
  cg_worker_run (outer, open_model_thread, input, (GDestroyNotify) open_input_free,
                 on_model_opened);
}

gboolean
cg_session_open_model_finish (CgSession     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

CgTrainingRun *
cg_session_get_run (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), NULL);

  return self->run;
}

gboolean
cg_session_get_training (CgSession *self)
{
  g_return_val_if_fail (CG_IS_SESSION (self), FALSE);

  return self->training;
}

CgTrainingRun *
cg_session_train (CgSession          *self,
                  const char         *split,
                  guint               threshold,
                  const CgCganConfig *config,
                  gboolean            include_me)
{
  g_autofree CgRating *you = NULL;
  gsize n_you = 0;

  g_return_val_if_fail (CG_IS_SESSION (self), NULL);
  g_return_val_if_fail (split != NULL, NULL);
  g_return_val_if_fail (config != NULL, NULL);

  if (self->data_dir == NULL || cg_session_get_training (self))
    return NULL;

  if (include_me)
    you = cg_ratings_store_dup_ratings (self->ratings, NULL, 0, &n_you);

  g_clear_object (&self->run);
  self->run = cg_training_run_new (self->data_dir, split, threshold, config, you, n_you);
  self->training = TRUE;
  cg_training_run_run_async (self->run, NULL, on_run_done_cb, g_object_ref (self));
  notify (self, PROP_RUN);
  notify (self, PROP_TRAINING);
  return self->run;
}

void
cg_session_cancel_training (CgSession *self)
{
  g_return_if_fail (CG_IS_SESSION (self));

  if (self->training)
    cg_training_run_cancel (self->run);
}

void
cg_session_shutdown (CgSession *self)
{
  g_return_if_fail (CG_IS_SESSION (self));

  g_cancellable_cancel (self->cancellable);
  cg_session_cancel_training (self);
}
