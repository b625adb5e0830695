/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-runs-store.h: the training runs kept for comparing, as the app sees them.
 *
 * A thin GObject over the engine's runs index (cg-run-index.h): it records a training run
 * once it has ended (finished or cancelled with at least one epoch; a run that failed or
 * kept nothing is not worth comparing), and renames, removes and restores runs, saving
 * the index after each change and telling its followers with "changed". The default
 * store, shared by every window of the process, keeps its file in the user data folder.
 * A damaged file is set aside and rebuilt by the index; a file that cannot be read at all
 * leaves the store in memory only, so the file is never written over; a save that fails
 * keeps the runs in memory and says why (get_problem), until a save works.
 *
 * Signals: "changed" (CgRunsStore *store): runs were added, removed or renamed.
 */
#pragma once

#include <gio/gio.h>

#include "cg-run-index.h"
#include "cg-training-run.h"

G_BEGIN_DECLS

#define CG_TYPE_RUNS_STORE (cg_runs_store_get_type ())

G_DECLARE_FINAL_TYPE (CgRunsStore, cg_runs_store, CG, RUNS_STORE, GObject)

/* The store at path (NULL: in memory only). */
CgRunsStore *cg_runs_store_new          (const char    *path);
/* The process's store in $XDG_DATA_HOME/cinegan/runs.index (a new reference). */
CgRunsStore *cg_runs_store_dup_default  (void);

CgRunIndex  *cg_runs_store_get_index    (CgRunsStore   *self);
/* Why the last save failed; else what loading had to do about a damaged file, or why the
 * store is in memory only; NULL when all is well. */
const char  *cg_runs_store_get_problem  (CgRunsStore   *self);

/* Keeps run, which ended (started at Unix time started, seconds long), named name: its
 * id, or NULL when the run is not kept (failed, or no epoch finished). */
const char  *cg_runs_store_record       (CgRunsStore   *self,
                                         CgTrainingRun *run,
                                         const char    *name,
                                         gint64         started,
                                         double         seconds);
gboolean     cg_runs_store_rename       (CgRunsStore   *self,
                                         const char    *id,
                                         const char    *name);
/* Removes the run and hands it back (for an Undo), or NULL when there is none. */
CgRun       *cg_runs_store_remove       (CgRunsStore   *self,
                                         const char    *id);
/* Puts a removed run back at position (clamped), taking it. */
void         cg_runs_store_restore      (CgRunsStore   *self,
                                         CgRun         *run,
                                         guint          position);
gboolean     cg_runs_store_set_model    (CgRunsStore   *self,
                                         const char    *id,
                                         const char    *model_path);
/* The position of the run with that id, or -1. */
int          cg_runs_store_find         (CgRunsStore   *self,
                                         const char    *id);

G_END_DECLS
