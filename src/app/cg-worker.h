/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-worker.h: a job on a worker thread whose result is handled on the main thread.
 *
 * The last reference to a GTask run with g_task_run_in_thread may be dropped on the
 * worker thread (when the completion has already run on the main thread by the time the
 * worker lets go). Had that task a window or a view as its source object, the object could
 * be finalised off the main thread. So the public task of an async call (its source object
 * the caller's object) stays on the main thread, and the worker runs a second task with no
 * source object, whose data is only what the worker reads; when it is done, done runs on
 * the main thread with the public task, which holds the object until then.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Called on the main thread once func has returned: reads inner's result (with
 * g_task_propagate_*) and returns outer's. */
typedef void (*CgWorkerDoneFunc) (GTask *outer,
                                  GTask *inner);

/* Runs func on a worker thread with data (freed with free_data when the inner task goes,
 * possibly on the worker: it must hold nothing of the main thread's), cancellable by
 * outer's cancellable; then done (outer, inner) on outer's context. */
void cg_worker_run (GTask            *outer,
                    GTaskThreadFunc   func,
                    gpointer          data,
                    GDestroyNotify    free_data,
                    CgWorkerDoneFunc  done);

/* The same on a thread of its own, named name, that ends with func: for a long job that
 * changes its thread (its priority, say), which a pool thread would keep for the next. */
void cg_worker_run_in_new_thread (GTask            *outer,
                                  const char       *name,
                                  GTaskThreadFunc   func,
                                  gpointer          data,
                                  GDestroyNotify    free_data,
                                  CgWorkerDoneFunc  done);

G_END_DECLS
