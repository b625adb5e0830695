/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-worker.c: a job on a worker thread whose result is handled on the main thread (see the
 * header for why there are two tasks).
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-worker.h"

typedef struct
{
  GTask            *outer;
  CgWorkerDoneFunc  done;
} Pending;

static void
on_inner_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Pending *pending = user_data;

  pending->done (pending->outer, G_TASK (result));
  g_object_unref (pending->outer);
  g_free (pending);
}

static GTask *
new_inner (GTask            *outer,
           GTaskThreadFunc   func,
           gpointer          data,
           GDestroyNotify    free_data,
           CgWorkerDoneFunc  done)
{
  Pending *pending = g_new0 (Pending, 1);
  GTask *inner;

  pending->outer = g_object_ref (outer);
  pending->done = done;
  inner = g_task_new (NULL, g_task_get_cancellable (outer), on_inner_done_cb, pending);
  g_task_set_source_tag (inner, func);
  g_task_set_task_data (inner, data, free_data);
  /* The done function decides what a cancellation means (a cancelled run still has a
   * model to hand over). */
  g_task_set_check_cancellable (inner, FALSE);
  return inner;
}

void
cg_worker_run (GTask            *outer,
               GTaskThreadFunc   func,
               gpointer          data,
               GDestroyNotify    free_data,
               CgWorkerDoneFunc  done)
{
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (G_IS_TASK (outer));
  g_return_if_fail (func != NULL);
  g_return_if_fail (done != NULL);

  inner = new_inner (outer, func, data, free_data, done);
  g_task_run_in_thread (inner, func);
}

static gpointer
own_thread (gpointer data)
{
  g_autoptr(GTask) inner = data;
  GTaskThreadFunc func = (GTaskThreadFunc) g_task_get_source_tag (inner);

  func (inner, NULL, g_task_get_task_data (inner), g_task_get_cancellable (inner));
  return NULL;
}

void
cg_worker_run_in_new_thread (GTask            *outer,
                             const char       *name,
                             GTaskThreadFunc   func,
                             gpointer          data,
                             GDestroyNotify    free_data,
                             CgWorkerDoneFunc  done)
{
  GTask *inner;

  g_return_if_fail (G_IS_TASK (outer));
  g_return_if_fail (func != NULL);
  g_return_if_fail (done != NULL);

  inner = new_inner (outer, func, data, free_data, done);
  /* The thread holds the inner task and lets go of it when func has returned. */
  g_thread_unref (g_thread_new (name, own_thread, inner));
}
