/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-runs-comparison.h: a table of runs side by side.
 *
 * One column per run, headed by its name; one row per setting whose value is not the
 * same in every run, then the epochs each trained, its duration and its figures at K
 * (the best NDCG and the epoch that reached it, then the last epoch's NDCG, Recall and
 * HitRate). Setting labels are named "comparison-setting", values "comparison-value",
 * run names "comparison-run".
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-run-index.h"

G_BEGIN_DECLS

/* A GtkGrid of runs (n_runs ≥ 1, borrowed while it is built). */
GtkWidget *cg_runs_comparison_new (CgRun *const *runs,
                                   guint         n_runs);

G_END_DECLS
