/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-scorer.c: opening the scorer named on the command line.
 */
#include "cli-scorer.h"

#include "cg-baseline.h"

static gboolean
open_baseline (CliScorer       *scorer,
               const char      *name,
               const CgDataset *dataset,
               GError         **error)
{
  CgBaselineKind kind;
  CgBaseline *baseline;

  if (!cg_baseline_kind_from_name (name, &kind, error))
    return FALSE;
  baseline = cg_baseline_new (kind, dataset, error);
  if (baseline == NULL)
    return FALSE;
  scorer->name = g_strdup (name);
  scorer->score = cg_baseline_score;
  scorer->data = baseline;
  scorer->free_data = (GDestroyNotify) cg_baseline_free;
  return TRUE;
}

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

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
               "--model needs model files, which this build does not read yet");
  return FALSE;
}

void
cli_scorer_clear (CliScorer *scorer)
{
  if (scorer->free_data != NULL && scorer->data != NULL)
    scorer->free_data (scorer->data);
  g_clear_pointer (&scorer->name, g_free);
  *scorer = (CliScorer) { 0 };
}
