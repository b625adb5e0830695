/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-window-model.c: the window's current model — replacing it, saving it, opening one.
 *
 * The window is the one owner of the current model and of the dataset it was trained on;
 * the recommendations view only borrows them and is told before the old ones are freed.
 * Saving writes the file on the main thread (a model is a few megabytes); opening reads the
 * file and loads the split it names in a worker thread, behind the public
 * cg_window_open_model_async/_finish pair that the Open action and the GUI tests call.
 *
 * Split out of cg-window.c by topic, as GNOME Text Editor splits its window; the instance
 * struct is in cg-window-private.h.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-error.h"
#include "cg-model-file.h"
#include "cg-recommendations-view.h"
#include "cg-training-view.h"
#include "cg-window-private.h"

/* ---- the current model ---- */

/* Tells the views about the current model; call before freeing a previous one. */
static void
push_model_to_views (CgWindow *self)
{
  cg_recommendations_view_set_model (CG_RECOMMENDATIONS_VIEW (self->recommendations_view),
                                     self->model, self->model_dataset, self->you_user_id);
}

void
_cg_window_set_model (CgWindow  *self,
                      CgCgan    *model,
                      CgDataset *dataset,
                      guint32    you_user_id,
                      GFile     *file,
                      gboolean   dirty)
{
  CgCgan *old_model = self->model;
  CgDataset *old_dataset = self->model_dataset;

  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail ((model == NULL) == (dataset == NULL));

  self->model = model;
  self->model_dataset = dataset;
  self->you_user_id = you_user_id;
  g_set_object (&self->model_file, file);
  self->model_dirty = model != NULL && dirty;

  /* The views let go of the old model before it is freed. */
  push_model_to_views (self);
  g_clear_pointer (&old_model, cg_cgan_free);
  g_clear_pointer (&old_dataset, cg_dataset_free);

  _cg_window_sync_liked_threshold (self);
  _cg_window_update_title (self);
  _cg_window_update_actions (self);
}

GFile *
_cg_window_dup_model_folder (CgWindow *self)
{
  const char *documents;

  if (self->model_file != NULL)
    {
      GFile *parent = g_file_get_parent (self->model_file);

      if (parent != NULL)
        return parent;
    }
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  return g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());
}

char *
_cg_window_dup_suggested_name (CgWindow *self)
{
  if (self->model_file != NULL)
    return g_file_get_basename (self->model_file);
  if (self->model_dataset != NULL && self->model_dataset->split != NULL)
    return g_strdup_printf ("cinegan-%s%s.cgan", self->model_dataset->split,
                            self->you_user_id != 0 ? "-with-me" : "");
  return g_strdup ("cinegan.cgan");
}

/* ---- saving ---- */

/* The ratings saved with a model: the "you" user's training ratings when they were part of
 * training, else your current ratings (so the file records whom "You" recommendations were
 * for). NULL when there are none. */
static CgRating *
dup_you_ratings (CgWindow *self,
                 gsize    *n_out)
{
  GArray *you;

  if (self->you_user_id == 0)
    {
      CgRating *mine = cg_ratings_store_dup_ratings (self->ratings, self->model_dataset,
                                                     self->model_dataset->max_user_id + 1,
                                                     n_out);
      if (*n_out == 0)
        g_clear_pointer (&mine, g_free);
      return mine;
    }

  you = g_array_new (FALSE, FALSE, sizeof (CgRating));
  for (gsize i = 0; i < self->model_dataset->n_train; i++)
    if (self->model_dataset->train[i].user_id == self->you_user_id)
      g_array_append_val (you, self->model_dataset->train[i]);
  *n_out = you->len;
  return (CgRating *) g_array_free (you, you->len == 0);
}

gboolean
cg_window_save_model (CgWindow  *self,
                      GFile     *file,
                      GError   **error)
{
  g_autofree char *path = NULL;
  g_autofree CgRating *you = NULL;
  gsize n_you = 0;

  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->model == NULL)
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_INVALID, "There is no model to save");
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, CG_ERROR, CG_ERROR_IO,
                           "Models can only be saved to local files");
      return FALSE;
    }

  you = dup_you_ratings (self, &n_you);
  if (!cg_model_file_save (path, self->model, self->model_dataset, you, n_you, error))
    return FALSE;

  g_set_object (&self->model_file, file);
  self->model_dirty = FALSE;
  _cg_window_update_title (self);
  _cg_window_update_actions (self);
  return TRUE;
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
open_model_worker (GTask        *task,
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
      g_prefix_error (&error, "The model was trained on split %s of the dataset, which could "
                      "not be loaded: ", file->split);
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
on_model_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CgWindow *self = g_task_get_source_object (outer);
  g_autoptr(GError) error = NULL;
  OpenOutput *output;
  GFile *file = g_task_get_task_data (outer);

  self->opening = FALSE;
  output = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The window is closing. */
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  if (output == NULL)
    {
      _cg_window_update_actions (self);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  /* A run started while the file loaded (from the training view's own Start): its model
   * would replace this one when it ends, without a word. */
  if (_cg_window_is_training (self))
    {
      open_output_free (output);
      _cg_window_update_actions (self);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "A training started while the model was loading; cancel it "
                               "and open the model again");
      return;
    }

  /* The form takes the file's split and threshold first, so the plots' popularity
   * baseline is that of the split the model was trained on. */
  cg_training_view_set_split (CG_TRAINING_VIEW (self->training_view), output->file->split);
  cg_training_view_set_threshold (CG_TRAINING_VIEW (self->training_view),
                                  output->file->threshold);
  cg_training_view_set_include_me (CG_TRAINING_VIEW (self->training_view),
                                   output->file->has_you && output->file->you_in_training);
  _cg_window_set_model (self, cg_model_file_steal_model (output->file),
                        g_steal_pointer (&output->dataset),
                        output->file->has_you && output->file->you_in_training
                        ? output->file->you_user_id : 0,
                        file, FALSE);
  cg_training_view_set_model (CG_TRAINING_VIEW (self->training_view), self->model);
  open_output_free (output);
  g_task_return_boolean (outer, TRUE);
}

void
cg_window_open_model_async (CgWindow            *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *outer;
  GTask *inner;
  OpenInput *input;

  g_return_if_fail (CG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cg_window_open_model_async);
  g_task_set_task_data (outer, g_object_ref (file), g_object_unref);

  if (self->data_dir == NULL)
    {
      g_task_return_new_error (outer, CG_ERROR, CG_ERROR_NOT_FOUND,
                               "A model can only be opened once the dataset is loaded");
      g_object_unref (outer);
      return;
    }
  if (_cg_window_is_training (self))
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_BUSY,
                               "A model cannot be opened while a training runs: its model "
                               "would replace the one opened. Cancel the training first");
      g_object_unref (outer);
      return;
    }

  input = g_new0 (OpenInput, 1);
  input->path = g_file_get_path (file);
  input->data_dir = g_strdup (self->data_dir);
  if (input->path == NULL)
    {
      open_input_free (input);
      g_task_return_new_error (outer, CG_ERROR, CG_ERROR_IO,
                               "Models can only be opened from local files");
      g_object_unref (outer);
      return;
    }

  self->opening = TRUE;
  _cg_window_update_actions (self);

  /* No source object, as for the dataset: the worker thread may drop the inner task's
   * last reference; only the outer task, on the main thread, holds the window. */
  inner = g_task_new (NULL, self->cancellable, on_model_opened_cb, outer);
  g_task_set_source_tag (inner, open_model_worker);
  g_task_set_task_data (inner, input, (GDestroyNotify) open_input_free);
  g_task_set_check_cancellable (inner, TRUE);
  g_task_run_in_thread (inner, open_model_worker);
  g_object_unref (inner);
}

gboolean
cg_window_open_model_finish (CgWindow      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
