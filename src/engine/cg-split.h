/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-split.h: how a dataset's ratings are divided into train and test.
 *
 * A split is named by one string, which is also what a model file records, so the name
 * alone rebuilds the same division from the same folder:
 *
 *   u1 … u5, ua, ub          ML-100K's own split files (<name>.base, <name>.test)
 *   all                      every rating in train, an empty test
 *   random[:F[:SEED]]        each user's ratings shuffled (seeded), a fraction F held out
 *                            (default 0.2, seed 1)
 *   temporal[:F]             each user's latest fraction F of ratings by timestamp held out
 *   temporal:N               each user's latest N ratings held out (N a whole number)
 *
 * Random and temporal splits keep at least one rating of every user in train. The canonical
 * name spells every parameter ("random" is "random:0.2:1"), so a later change of a default
 * cannot change what a recorded name means.
 */
#pragma once

#include <glib.h>

#include "cg-ratings.h"

G_BEGIN_DECLS

#define CG_SPLIT_DEFAULT_FRACTION 0.2
#define CG_SPLIT_DEFAULT_SEED     1

typedef enum
{
  CG_SPLIT_FILES,
  CG_SPLIT_ALL,
  CG_SPLIT_RANDOM,
  CG_SPLIT_TEMPORAL,
} CgSplitKind;

typedef struct
{
  CgSplitKind kind;
  char       *name;      /* canonical */
  double      fraction;  /* held out per user: random, and temporal when last_n is 0 */
  guint       last_n;    /* temporal: each user's latest last_n ratings */
  guint64     seed;      /* random */
} CgSplit;

/* CG_ERROR_INVALID with the grammar above when text is not a split. */
gboolean cg_split_parse (const char *text, CgSplit *split, GError **error);
void     cg_split_clear (CgSplit *split);
/* "random", "temporal", "files", "all": the kind alone, for model files and the UI. */
const char *cg_split_kind_name (CgSplitKind kind);

/* Divides ratings user by user (a random or temporal split; all keeps everything in
 * train). Takes all. Within a user, train and test keep the split's order: shuffled for
 * random, oldest first for temporal; users come in ascending ID order. */
void     cg_split_apply (const CgSplit *split, CgRating *all, gsize n_all,
                         CgRating **train, gsize *n_train, CgRating **test, gsize *n_test);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgSplit, cg_split_clear)

G_END_DECLS
