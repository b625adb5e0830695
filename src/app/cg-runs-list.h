/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-runs-list.h: the Training page's list of kept runs, and their comparison.
 *
 * One row per run of a CgRunsStore, newest first: its name, then when it ran, the
 * settings that differ from the defaults, its best NDCG@K and its epochs. A check box on
 * each row picks the runs to compare; with two or more picked, a table under the list
 * shows the settings that differ between them and their final figures side by side. Each
 * row renames its run (a dialog asks for the name), opens its saved model, and deletes
 * it, with Undo in a toast. Ablation buttons start a queue of runs (training.ablation).
 * When the store's file was damaged (and set aside) or could not be read, a line above
 * the runs says so.
 *
 * Signals:
 *   "selection-changed" (CgRunsList *list): the picked runs, or what they hold, changed.
 *   "open-model" (CgRunsList *list, const char *path): a run's saved model is asked for.
 */
#pragma once

#include <adwaita.h>

#include "cg-runs-store.h"

G_BEGIN_DECLS

#define CG_TYPE_RUNS_LIST (cg_runs_list_get_type ())

G_DECLARE_FINAL_TYPE (CgRunsList, cg_runs_list, CG, RUNS_LIST, GtkWidget)

GtkWidget   *cg_runs_list_new           (void);

void         cg_runs_list_set_store     (CgRunsList  *self,
                                         CgRunsStore *store);
CgRunsStore *cg_runs_list_get_store     (CgRunsList  *self);

/* The ids of the picked runs, in the store's order (oldest first); NULL-terminated. */
char       **cg_runs_list_dup_selected  (CgRunsList  *self);
void         cg_runs_list_set_selected  (CgRunsList  *self,
                                         const char  *id,
                                         gboolean     selected);
void         cg_runs_list_unselect_all  (CgRunsList  *self);

/* Asks for a new name for the run (a dialog), as its Rename button does. */
void         cg_runs_list_rename        (CgRunsList  *self,
                                         const char  *id);
/* Deletes the run with an Undo toast, as its Delete button does. */
void         cg_runs_list_delete        (CgRunsList  *self,
                                         const char  *id);

G_END_DECLS
