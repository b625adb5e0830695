/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-scorer.h: "what ranks the items" for eval and recommend — a baseline by name, or a
 * trained model from a file — behind one CgScoreFunc.
 */
#pragma once

#include <glib.h>

#include "cg-dataset.h"
#include "cg-metrics.h"

G_BEGIN_DECLS

typedef struct
{
  char          *name;       /* "popularity", or the model file's name */
  CgScoreFunc    score;
  gpointer       data;
  GDestroyNotify free_data;
} CliScorer;

/* Exactly one of baseline and model_path is non-NULL (else a G_OPTION_ERROR). The dataset
 * must outlive the scorer. */
gboolean cli_scorer_open  (CliScorer *scorer, const char *baseline, const char *model_path,
                           const CgDataset *dataset, GError **error);
void     cli_scorer_clear (CliScorer *scorer);

G_END_DECLS
