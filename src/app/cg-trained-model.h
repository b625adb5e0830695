/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-trained-model.h: a trained CGAN with the dataset it was trained on, shared read-only.
 *
 * Whoever shows a model holds a reference to one of these, so the model and its dataset
 * live as long as anything shows them; replacing the current model never pulls data from
 * under a view. The dataset holds "you" as user you-user-id when you were part of
 * training (0 otherwise).
 *
 * Scoring writes into the model's own scratch space: score on one thread only, the main
 * thread (a training run never scores this object: it trains its own copy).
 */
#pragma once

#include <glib-object.h>

#include "cg-cgan.h"
#include "cg-dataset.h"

G_BEGIN_DECLS

#define CG_TYPE_TRAINED_MODEL (cg_trained_model_get_type ())

G_DECLARE_FINAL_TYPE (CgTrainedModel, cg_trained_model, CG, TRAINED_MODEL, GObject)

/* Takes model and dataset (model's items are dataset's). */
CgTrainedModel      *cg_trained_model_new             (CgCgan         *model,
                                                       CgDataset      *dataset,
                                                       guint32         you_user_id);

CgCgan              *cg_trained_model_get_cgan        (CgTrainedModel *self);
const CgCganConfig  *cg_trained_model_get_config      (CgTrainedModel *self);
const CgDataset     *cg_trained_model_get_dataset     (CgTrainedModel *self);
/* 0 when you were not part of training. */
guint32              cg_trained_model_get_you_user_id (CgTrainedModel *self);
/* "u1" … "ub", and the least whole-star rating it counted as liked (what your own
 * ratings are compared with). */
const char          *cg_trained_model_get_split       (CgTrainedModel *self);
guint                cg_trained_model_get_threshold   (CgTrainedModel *self);

G_END_DECLS
