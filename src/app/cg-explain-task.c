/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-explain-task.c: "Because you liked A, B" worked out on a worker thread.
 *
 * The public task stays on the main thread with its source object; the worker runs an
 * inner task whose data is only its own copies (cg-worker.h).
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <string.h>

#include "cg-explain-task.h"
#include "cg-worker.h"

typedef struct
{
  CgCgan         *model;    /* owned copy */
  guint32        *liked;    /* (n_liked) */
  guint           n_liked;
  guint32        *targets;  /* (n_targets) */
  guint           rounds;
  CgExplanations *result;   /* filled by the worker, taken by the main thread */
} ExplainData;

static void
explain_data_free (gpointer data)
{
  ExplainData *d = data;

  g_clear_pointer (&d->model, cg_cgan_free);
  g_free (d->liked);
  g_free (d->targets);
  g_clear_pointer (&d->result, cg_explanations_free);
  g_free (d);
}

void
cg_explanations_free (CgExplanations *explanations)
{
  if (explanations == NULL)
    return;
  g_free (explanations->reasons);
  g_free (explanations->n_reasons);
  g_free (explanations);
}

static void
explain_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ExplainData *d = task_data;
  CgExplanations *result = d->result;
  GError *error = NULL;

  if (cg_explain_history (d->model, d->liked, d->n_liked, d->targets, result->n_targets,
                          d->rounds, CG_EXPLAIN_TASK_MAX_REASONS, result->reasons,
                          result->n_reasons, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_explained (GTask *outer,
              GTask *inner)
{
  ExplainData *d = g_task_get_task_data (inner);
  GError *error = NULL;

  if (!g_task_propagate_boolean (inner, &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  g_task_return_pointer (outer, g_steal_pointer (&d->result),
                         (GDestroyNotify) cg_explanations_free);
}

void
cg_explain_async (gpointer             source_object,
                  const CgCgan        *model,
                  const guint32       *liked,
                  guint                n_liked,
                  const guint32       *targets,
                  guint                n_targets,
                  guint                rounds,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  ExplainData *d;

  g_return_if_fail (model != NULL);
  g_return_if_fail (liked != NULL || n_liked == 0);
  g_return_if_fail (targets != NULL || n_targets == 0);

  outer = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cg_explain_async);

  d = g_new0 (ExplainData, 1);
  d->model = cg_cgan_copy (model);
  d->liked = g_memdup2 (liked, n_liked * sizeof (guint32));
  d->n_liked = n_liked;
  d->targets = g_memdup2 (targets, n_targets * sizeof (guint32));
  d->rounds = rounds;
  d->result = g_new0 (CgExplanations, 1);
  d->result->n_targets = n_targets;
  d->result->reasons = g_new0 (CgReason, MAX ((gsize) n_targets * CG_EXPLAIN_TASK_MAX_REASONS,
                                              1));
  d->result->n_reasons = g_new0 (guint, MAX (n_targets, 1));
  cg_worker_run (outer, explain_thread, d, explain_data_free, on_explained);
}

CgExplanations *
cg_explain_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_explain_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
