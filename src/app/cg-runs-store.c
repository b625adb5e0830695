/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-runs-store.c: the training runs kept for comparing, as the app sees them.
 *
 * Every change is saved at once: a run is small (a few kilobytes of history) and a crash
 * later must not lose it. A save that fails becomes the store's problem, which the runs
 * list shows: the runs stay in memory for this session, and the next change tries again
 * (a save that works clears it).
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-runs-store.h"

struct _CgRunsStore
{
  GObject     parent_instance;

  CgRunIndex *index;
  char       *problem;       /* from loading */
  char       *save_problem;  /* from the last save */
};

G_DEFINE_FINAL_TYPE (CgRunsStore, cg_runs_store, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CgRunsStore *default_store;

static void
save_and_tell (CgRunsStore *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->save_problem, g_free);
  if (!cg_run_index_save (self->index, &error))
    {
      self->save_problem = g_strdup_printf (_("The training runs could not be saved (%s): "
                                              "they are kept until the app closes."),
                                            error->message);
      g_debug ("%s", self->save_problem);
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cg_runs_store_finalize (GObject *object)
{
  CgRunsStore *self = CG_RUNS_STORE (object);

  g_clear_pointer (&self->index, cg_run_index_free);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->save_problem, g_free);

  G_OBJECT_CLASS (cg_runs_store_parent_class)->finalize (object);
}

static void
cg_runs_store_class_init (CgRunsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_runs_store_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cg_runs_store_init (CgRunsStore *self)
{
}

CgRunsStore *
cg_runs_store_new (const char *path)
{
  CgRunsStore *self = g_object_new (CG_TYPE_RUNS_STORE, NULL);
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    self->index = cg_run_index_load (path, &error);
  if (self->index == NULL && error != NULL)
    {
      self->problem = g_strdup_printf (_("The training runs could not be read (%s): new runs "
                                         "are kept until the app closes."), error->message);
      g_debug ("%s", self->problem);
    }
  else if (self->index != NULL && cg_run_index_get_recovery (self->index) != NULL)
    self->problem = g_strdup (cg_run_index_get_recovery (self->index));
  if (self->index == NULL)
    self->index = cg_run_index_new (NULL);
  return self;
}

CgRunsStore *
cg_runs_store_dup_default (void)
{
  if (default_store == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "cinegan",
                                                "runs.index", NULL);

      default_store = cg_runs_store_new (path);
      g_object_add_weak_pointer (G_OBJECT (default_store), (gpointer *) &default_store);
      return default_store;
    }
  return g_object_ref (default_store);
}

CgRunIndex *
cg_runs_store_get_index (CgRunsStore *self)
{
  g_return_val_if_fail (CG_IS_RUNS_STORE (self), NULL);

  return self->index;
}

const char *
cg_runs_store_get_problem (CgRunsStore *self)
{
  g_return_val_if_fail (CG_IS_RUNS_STORE (self), NULL);

  return self->save_problem != NULL ? self->save_problem : self->problem;
}

const char *
cg_runs_store_record (CgRunsStore   *self,
                      CgTrainingRun *run,
                      const char    *name,
                      gint64         started,
                      double         seconds)
{
  CgTrainingRunState state;
  const CgEpochRecord *epochs;
  CgRun *kept;
  guint n_epochs;

  g_return_val_if_fail (CG_IS_RUNS_STORE (self), NULL);
  g_return_val_if_fail (CG_IS_TRAINING_RUN (run), NULL);
  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  state = cg_training_run_get_state (run);
  epochs = cg_training_run_get_epochs (run, &n_epochs);
  if ((state != CG_TRAINING_RUN_FINISHED && state != CG_TRAINING_RUN_CANCELLED)
      || n_epochs == 0)
    return NULL;

  kept = cg_run_new (name, cg_training_run_get_config (run));
  kept->created = started;
  kept->seconds = seconds;
  kept->outcome = state == CG_TRAINING_RUN_FINISHED ? CG_RUN_FINISHED : CG_RUN_CANCELLED;
  kept->dataset = g_strdup (cg_training_run_get_data_dir (run));
  kept->split = g_strdup (cg_training_run_get_split (run));
  kept->with_you = cg_training_run_get_includes_you (run);
  cg_run_set_history (kept, epochs, n_epochs);
  cg_run_index_add (self->index, kept);
  save_and_tell (self);
  return kept->id;
}

gboolean
cg_runs_store_rename (CgRunsStore *self,
                      const char  *id,
                      const char  *name)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CG_IS_RUNS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && name != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name));
  if (!cg_run_index_rename (self->index, id, trimmed))
    return FALSE;
  save_and_tell (self);
  return TRUE;
}

CgRun *
cg_runs_store_remove (CgRunsStore *self,
                      const char  *id)
{
  const CgRun *run;
  CgRun *removed;

  g_return_val_if_fail (CG_IS_RUNS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  run = cg_run_index_find (self->index, id);
  if (run == NULL)
    return NULL;
  removed = cg_run_copy (run);
  cg_run_index_remove (self->index, id);
  save_and_tell (self);
  return removed;
}

void
cg_runs_store_restore (CgRunsStore *self,
                       CgRun       *run,
                       guint        position)
{
  g_return_if_fail (CG_IS_RUNS_STORE (self));
  g_return_if_fail (run != NULL);

  if (cg_run_index_find (self->index, run->id) != NULL)
    {
      cg_run_free (run);
      return;
    }
  cg_run_index_insert (self->index, run, position);
  save_and_tell (self);
}

gboolean
cg_runs_store_set_model (CgRunsStore *self,
                         const char  *id,
                         const char  *model_path)
{
  g_return_val_if_fail (CG_IS_RUNS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!cg_run_index_set_model (self->index, id, model_path))
    return FALSE;
  save_and_tell (self);
  return TRUE;
}

int
cg_runs_store_find (CgRunsStore *self,
                    const char  *id)
{
  g_return_val_if_fail (CG_IS_RUNS_STORE (self), -1);

  for (guint i = 0; i < cg_run_index_get_n_runs (self->index); i++)
    if (g_strcmp0 (cg_run_index_get_run (self->index, i)->id, id) == 0)
      return (int) i;
  return -1;
}
