/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-explain-task.h: "Because you liked A, B" worked out on a worker thread.
 *
 * cg_explain_history costs one scoring pass of the model per liked movie, too long for the
 * main thread once the bag is large; and its scoring scratch lives in the model, which the
 * main thread keeps scoring with. So the task scores with a copy of the model of its own,
 * made before it starts, and deep copies of the bag and the targets: the worker touches
 * nothing of the caller's.
 */
#pragma once

#include <gio/gio.h>

#include "cg-explain.h"

G_BEGIN_DECLS

/* Up to this many reasons per line, as `cinegan-cli recommend --explain` gives. */
#define CG_EXPLAIN_TASK_MAX_REASONS 3

typedef struct
{
  guint     n_targets;
  CgReason *reasons;     /* (n_targets, CG_EXPLAIN_TASK_MAX_REASONS) */
  guint    *n_reasons;   /* (n_targets) */
} CgExplanations;

void            cg_explanations_free     (CgExplanations *explanations);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgExplanations, cg_explanations_free)

/* The reasons of each of targets (item indices) given the bag liked, as cg_explain_history
 * with rounds; callback runs on the caller's main context, with source_object. */
void            cg_explain_async         (gpointer             source_object,
                                          const CgCgan        *model,
                                          const guint32       *liked,
                                          guint                n_liked,
                                          const guint32       *targets,
                                          guint                n_targets,
                                          guint                rounds,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* NULL with an error (G_IO_ERROR_CANCELLED when cancelled); free with cg_explanations_free. */
CgExplanations *cg_explain_finish        (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
