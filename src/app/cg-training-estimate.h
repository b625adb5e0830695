/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-training-estimate.h: how long a training will take, before it starts.
 *
 * An epoch's work is counted the way the trainer counts it (the same analytic FLOPs of
 * the networks' products, from the dataset's shape and the settings), and turned into
 * seconds at a rate: the one the last run on this dataset measured (its FLOPs over its
 * median epoch time), or, before any run, a rough guess. Evaluation after each epoch is not
 * counted apart: a measured rate includes it.
 */
#pragma once

#include "cg-cgan.h"
#include "cg-trainer-memory.h"

G_BEGIN_DECLS

/* A modest rate for a machine nothing was measured on yet (FLOP/s); docs/model.md has
 * what training reaches. */
#define CG_TRAINING_ESTIMATE_GUESS_RATE 4e10

/* The analytic FLOPs of one epoch of config on a dataset of that shape. */
double  cg_training_estimate_epoch_flops (const CgCganConfig   *config,
                                          const CgDatasetShape *shape);
/* The rate (FLOP/s) at which records, trained with config on shape, ran: 0 when none of
 * them has a time. */
double  cg_training_estimate_rate        (const CgCganConfig   *config,
                                          const CgDatasetShape *shape,
                                          const CgEpochRecord  *records,
                                          guint                 n_records);
/* Seconds that all of config's epochs take at rate. */
double  cg_training_estimate_seconds     (const CgCganConfig   *config,
                                          const CgDatasetShape *shape,
                                          double                rate);
/* "About 40 s", "About 3 min", "About 1 h 10 min", "Under a second"; newly allocated. */
char   *cg_training_estimate_format      (double                seconds);

G_END_DECLS
