/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cli-bench.h: what "cinegan-cli bench" and its side-by-side run against the PyTorch peer
 * share.
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
