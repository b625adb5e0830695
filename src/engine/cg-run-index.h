/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-run-index.h: every training run kept, for comparing them later.
 *
 * A run (CgRun) is what a person needs to compare it with others: its name, when it ran
 * and for how long, how it ended, the dataset and split, every setting as text, the
 * per-epoch history (the epoch field table's figures) and the model file it was saved
 * to, if any. The index (CgRunIndex) keeps runs in the order they were added, in one text
 * file replaced atomically (cg_file_replace) on every save.
 *
 * The file is made to survive damage: each run is a block of "key value" lines closed by
 * the SHA-256 of the block, so a torn write, a flipped bit or an edit by hand spoils only
 * the runs it touches. A damaged file is renamed aside (nothing in it is lost) and the
 * index is rebuilt from the runs that still read back; cg_run_index_get_recovery then says
 * what happened. Keys and history columns this build does not know are skipped, so an
 * index written by a later version still loads.
 *
 * Settings are kept as text, as model files keep them, so a run keeps the meaning it was
 * trained with even after a setting's default moves or the setting is renamed away.
 */
#pragma once

#include <glib.h>

#include "cg-cgan.h"

G_BEGIN_DECLS

typedef enum
{
  CG_RUN_FINISHED,   /* every epoch asked for */
  CG_RUN_CANCELLED,  /* stopped by the person; the epochs that finished are kept */
  CG_RUN_FAILED,     /* stopped by an error (a diverged run, say) */
} CgRunOutcome;

typedef struct
{
  char        *id;          /* unique and fixed: "20261203T113012Z-1a2b3c4d" */
  char        *name;        /* for people; may be renamed */
  gint64       created;     /* Unix time (seconds) the run started */
  double       seconds;     /* wall time from its start to its end */
  CgRunOutcome outcome;
  char        *dataset;     /* the dataset folder, or NULL */
  char        *split;       /* "u1", or NULL */
  gboolean     with_you;    /* trained with the app's own ratings added */
  char       **settings;    /* NULL-terminated "name=value", in the field table's order */
  GArray      *history;     /* of CgEpochRecord, epochs increasing */
  char        *model_path;  /* the file its model was saved to, or NULL */
} CgRun;

/* A new run of config starting now, with a fresh id and an empty history. */
CgRun       *cg_run_new                (const char *name, const CgCganConfig *config);
CgRun       *cg_run_copy               (const CgRun *run);
void         cg_run_free               (CgRun *run);

/* The value of setting name as text, or NULL when the run does not have it. */
const char  *cg_run_get_setting        (const CgRun *run, const char *name);
/* The run's settings as a config: defaults, then every setting the run has that this
 * build knows. FALSE and an error when one of them is not valid any more. */
gboolean     cg_run_get_config         (const CgRun *run, CgCganConfig *config,
                                        GError **error);
void         cg_run_set_history        (CgRun *run, const CgEpochRecord *records,
                                        guint n_records);
/* The last epoch's record, or NULL before the first. */
const CgEpochRecord *cg_run_get_final  (const CgRun *run);
/* The highest value of the history's figure `field` (an epoch field name such as "ndcg")
 * and, in *epoch, the first epoch it was reached; NaN when never measured. */
double       cg_run_get_best           (const CgRun *run, const char *field, guint *epoch);
/* The settings that differ from today's defaults, as "adv-weight 0 · epochs 20" (the
 * thread count left out: it changes speed, not the model); "" when none. Newly
 * allocated. */
char        *cg_run_describe_settings  (const CgRun *run);

/* The names of the settings whose values are not all the same in runs (a setting one run
 * lacks counts as different), in the field table's order, then any others by name.
 * NULL-terminated, newly allocated. */
char       **cg_runs_differing_settings (CgRun *const *runs, guint n_runs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRun, cg_run_free)

typedef struct _CgRunIndex CgRunIndex;

/* An empty index that saves to path (NULL: kept in memory only, save does nothing). */
CgRunIndex  *cg_run_index_new          (const char *path);
/* The index at path; an empty one when there is no file yet. A damaged file is renamed
 * aside and the index rebuilt and saved from the runs that read back (see
 * cg_run_index_get_recovery). NULL and an error when the file cannot be read, is from a
 * later format version, or is damaged and cannot be renamed aside: the file is then left
 * as it is. */
CgRunIndex  *cg_run_index_load         (const char *path, GError **error);
void         cg_run_index_free         (CgRunIndex *index);
/* Replaces the file atomically, creating its folder if needed. */
gboolean     cg_run_index_save         (CgRunIndex *index, GError **error);
/* Where the index saves, or NULL. */
const char  *cg_run_index_get_path     (CgRunIndex *index);
/* After a load that found damage: one sentence saying how many runs were read back and
 * where the damaged file was kept; NULL otherwise. */
const char  *cg_run_index_get_recovery (CgRunIndex *index);

guint        cg_run_index_get_n_runs   (CgRunIndex *index);
/* The i-th run, oldest first; borrowed until the index changes. */
const CgRun *cg_run_index_get_run      (CgRunIndex *index, guint i);
/* The run with that id, or NULL. */
const CgRun *cg_run_index_find         (CgRunIndex *index, const char *id);
/* Takes run (its id must be new to the index). */
void         cg_run_index_add          (CgRunIndex *index, CgRun *run);
/* The same at position (past the end: last), as a removed run goes back where it was. */
void         cg_run_index_insert       (CgRunIndex *index, CgRun *run, guint position);
/* FALSE when there is no run with that id. */
gboolean     cg_run_index_remove       (CgRunIndex *index, const char *id);
/* FALSE too for an empty name: a run always has one. */
gboolean     cg_run_index_rename       (CgRunIndex *index, const char *id, const char *name);
/* model_path NULL: the run has no saved model. */
gboolean     cg_run_index_set_model    (CgRunIndex *index, const char *id,
                                        const char *model_path);

/* The text cg_run_index_save writes, for tests and tools. */
char        *cg_run_index_serialize    (CgRunIndex *index, gsize *len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRunIndex, cg_run_index_free)

G_END_DECLS
