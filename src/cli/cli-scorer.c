/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-scorer.c: opening the scorer named on the command line.
 */
#include "cli-scorer.h"

#include "cg-error.h"
#include "cg-model-file.h"

static gboolean
open_baseline (CliScorer       *scorer,
               const char      *name,
               const CgDataset *dataset,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  CgBaselineKind kind;
  CgBaseline *baseline;

  /* An unknown name is a usage error (exit 2), not a data error. */
  if (!cg_baseline_kind_from_name (name, &kind, &local_error))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           local_error->message);
      return FALSE;
    }
  baseline = cg_baseline_new (kind, dataset, error);
  if (baseline == NULL)
    return FALSE;
  scorer->name = g_strdup (name);
  scorer->score = cg_baseline_score;
  scorer->data = baseline;
  scorer->free_data = (GDestroyNotify) cg_baseline_free;
  scorer->baseline = baseline;
  return TRUE;
}

gboolean
cli_scorer_open_ease (CliScorer       *scorer,
                      double           lambda,
                      const CgDataset *dataset,
                      GError         **error)
{
  CgBaseline *baseline;

  *scorer = (CliScorer) { 0 };
  baseline = cg_baseline_new_ease (dataset, lambda, error);
  if (baseline == NULL)
    return FALSE;
  scorer->name = g_strdup ("ease");
  scorer->score = cg_baseline_score;
  scorer->data = baseline;
  scorer->free_data = (GDestroyNotify) cg_baseline_free;
  scorer->baseline = baseline;
  return TRUE;
}

/* ---- model files ---- */

/* The scorer plus, for a model trained with the app's "you" user, the dataset with them
 * added, whose train positives history-mode scoring reads. The CgCganScorer comes first,
 * so the same pointer serves cg_cgan_scorer_score. */
typedef struct
{
  CgCganScorer base;
  CgDataset   *with_you;
} ModelScorer;

static void
model_scorer_free (gpointer data)
{
  ModelScorer *scorer = data;

  cg_cgan_free (scorer->base.model);
  cg_dataset_free (scorer->with_you);
  g_free (scorer);
}

/* The model's own scores, with the noise seed its training evaluated with, so eval and
 * recommend reproduce what train printed, to the bit. The dataset must be the one the
 * model was trained on, give or take the app's "you" user: they are appended after every
 * dataset user, so the dataset's user and item indices stay valid for the model. */
static gboolean
open_model (CliScorer       *scorer,
            const char      *path,
            const CgDataset *dataset,
            GError         **error)
{
  g_autoptr(CgModelFile) file = cg_model_file_load (path, error);
  CgDataset *with_you = NULL;
  ModelScorer *model;

  if (file == NULL || !cg_model_file_match_dataset (file, dataset, &with_you, error))
    return FALSE;
  model = g_new0 (ModelScorer, 1);
  model->with_you = with_you;
  model->base.model = cg_model_file_steal_model (file);
  model->base.history = (with_you != NULL ? with_you : dataset)->train_pos;
  model->base.noise_seed = cg_cgan_eval_noise_seed (model->base.model);
  scorer->name = g_strdup (file->name);
  scorer->score = cg_cgan_scorer_score;
  scorer->data = model;
  scorer->free_data = model_scorer_free;
  scorer->model = &model->base;
  return TRUE;
}

/* ---- choosing ---- */

gboolean
cli_scorer_open (CliScorer       *scorer,
                 const char      *baseline,
                 const char      *model_path,
                 const CgDataset *dataset,
                 GError         **error)
{
  *scorer = (CliScorer) { 0 };

  if ((baseline == NULL) == (model_path == NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   "Give exactly one of --baseline NAME and --model FILE");
      return FALSE;
    }
  if (baseline != NULL)
    return open_baseline (scorer, baseline, dataset, error);
  return open_model (scorer, model_path, dataset, error);
}

gboolean
cli_scorer_set_input (CliScorer         *scorer,
                      const CgUserItems *input,
                      GError           **error)
{
  if (scorer->baseline != NULL)
    cg_baseline_set_input (scorer->baseline, input);
  if (scorer->model != NULL)
    {
      if (cg_cgan_get_config (scorer->model->model)->user_mode != CG_USER_EMBEDDING_HISTORY)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       "%s embeds users by ID: it cannot score users from their ratings "
                       "(train it with --user-mode history)", scorer->name);
          return FALSE;
        }
      scorer->model->history = input;
    }
  return TRUE;
}

void
cli_scorer_clear (CliScorer *scorer)
{
  if (scorer->free_data != NULL && scorer->data != NULL)
    scorer->free_data (scorer->data);
  g_clear_pointer (&scorer->name, g_free);
  *scorer = (CliScorer) { 0 };
}
