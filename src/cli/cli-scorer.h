/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-scorer.h: "what ranks the items" for eval and recommend — a baseline by name, or a
 * trained model from a file — behind one CgScoreFunc.
 */
#pragma once

#include <glib.h>

#include "cg-baseline.h"
#include "cg-cgan.h"
#include "cg-dataset.h"
#include "cg-metrics.h"

G_BEGIN_DECLS

typedef struct
{
  char          *name;       /* "popularity", or the model file's name */
  CgScoreFunc    score;
  gpointer       data;
  GDestroyNotify free_data;
  CgBaseline    *baseline;   /* data, when it is a baseline */
  CgCganScorer  *model;      /* data, when it is a model */
} CliScorer;

/* Exactly one of baseline and model_path is non-NULL (else a G_OPTION_ERROR). The dataset
 * must outlive the scorer. */
gboolean cli_scorer_open  (CliScorer *scorer, const char *baseline, const char *model_path,
                           const CgDataset *dataset, GError **error);
/* EASE with the given λ. */
gboolean cli_scorer_open_ease (CliScorer *scorer, double lambda, const CgDataset *dataset,
                               GError **error);
/* What users are scored from (borrowed; see cg_baseline_set_input): a history-mode model
 * embeds them from it too. FALSE and an error for a model that embeds users by ID, which
 * cannot score users from their ratings. */
gboolean cli_scorer_set_input (CliScorer *scorer, const CgUserItems *input, GError **error);
void     cli_scorer_clear (CliScorer *scorer);

G_END_DECLS
