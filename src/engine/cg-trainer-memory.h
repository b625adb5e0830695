/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-trainer-memory.h: how much memory a training configuration needs, before any of it
 * is allocated.
 *
 * Settings are range-checked one by one, but memory grows with their products: a batch of a
 * million pairs and 16384 hidden units are each allowed, and together ask for several
 * gigabytes of scratch. cg_trainer_new refuses a configuration whose estimate is above the
 * limit, naming the settings that make it large; the CLI and the app's training form show
 * the same estimate beforehand.
 *
 * The estimate counts what cg_trainer_new, the model and an epoch allocate, part by part:
 * tests/engine/test-memory.c compares it with what cg_trainer_new really allocates, so the
 * two cannot drift apart unnoticed.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"
#include "cg-dataset.h"

G_BEGIN_DECLS

#define CG_MEMORY_MAX_PARTS 12

typedef struct
{
  const char *what;      /* "the discriminator's activations for a step's pairs" */
  const char *settings;  /* what makes it grow: "batch-size × hidden-dim" */
  guint64     bytes;
} CgMemoryPart;

typedef struct
{
  guint64      total;                       /* bytes */
  CgMemoryPart parts[CG_MEMORY_MAX_PARTS];  /* largest first */
  guint        n_parts;
} CgMemoryEstimate;

/* What of a dataset the estimate depends on: a few counts, which a caller can keep without
 * keeping the dataset. */
typedef struct
{
  guint   n_users;
  guint   n_items;
  guint64 n_train_pos;      /* training positives */
  guint   users_with_pos;   /* users with at least one */
  guint   max_user_pos;     /* the most one user has */
} CgDatasetShape;

void     cg_dataset_shape_of        (const CgDataset *dataset, CgDatasetShape *shape);
/* Columns of the generator step's buffers: the items, or with the sampled softmax the
 * most candidates a step of B users can have (they hold at most B × max_user_pos liked
 * items between them). */
guint    cg_trainer_step_width      (const CgCganConfig *config, const CgDatasetShape *shape,
                                     guint64 B);
/* The memory training config on dataset needs (its peak, the dataset itself not counted). */
void     cg_trainer_estimate_memory (const CgCganConfig *config, const CgDataset *dataset,
                                     CgMemoryEstimate *estimate);
void     cg_trainer_estimate_memory_for_shape (const CgCganConfig   *config,
                                               const CgDatasetShape *shape,
                                               CgMemoryEstimate     *estimate);
/* The most a training may take: $CINEGAN_MAX_MEMORY when set ("6G", "800M", or bytes),
 * else the lower of 4 GiB and half of the machine's memory. */
guint64  cg_trainer_memory_limit    (void);
/* TRUE when the estimate is within the limit; else CG_ERROR_INVALID with a message giving
 * both and the settings to lower. */
gboolean cg_trainer_check_memory    (const CgCganConfig *config, const CgDataset *dataset,
                                     GError **error);
/* One line for people: "about 180 MB (largest: …)", newly allocated. */
char    *cg_memory_estimate_describe (const CgMemoryEstimate *estimate);

G_END_DECLS
