/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-bench.h: what "cinegan-cli bench" and its side-by-side run against the PyTorch peer
 * share.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"
#include "cg-dataset.h"

G_BEGIN_DECLS

/* The median of an array of double (NAN when empty). */
double cli_bench_median (GArray *values);

typedef struct
{
  guint        pairs;     /* alternating pairs of runs */
  guint        epochs;    /* per run, each side */
  guint        threads;   /* each side's */
  guint64      seed;
  const char  *python;    /* the interpreter that has torch */
  const char  *peer;      /* torch_peer.py, or NULL to look in the usual places */
  const char  *data_dir;  /* resolved MovieLens folder, passed to the peer */
  const char  *split;
} CliVsTorchOptions;

/* Trains ours and the peer alternately, prints every pair and the medians. Returns the exit
 * status. */
int    cli_bench_vs_torch (const CliVsTorchOptions *options, const CgDataset *dataset);

typedef struct
{
  const char *split;        /* NULL: random */
  double      threshold;    /* stars */
  double      max_seconds;  /* of training a size; the epoch that crosses it is the last */
  guint       eval_users;   /* held-out users each epoch is measured on (0: all) */
  gboolean    verbose;      /* a line per epoch */
} CliBenchSynthetic;

/* Draws each shape ("6040x3706x575000") in memory, trains on it with config and prints its
 * figures, then a table of every size. Returns the exit status. */
int    cli_bench_synthetic (const char *const *shapes, const CgCganConfig *config,
                            const CliBenchSynthetic *options);

G_END_DECLS
