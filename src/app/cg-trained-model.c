/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-trained-model.c: a trained CGAN with the dataset it was trained on, shared read-only.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-trained-model.h"

struct _CgTrainedModel
{
  GObject    parent_instance;

  /* owned */
  CgCgan    *model;
  CgDataset *dataset;
  guint32    you_user_id;
};

G_DEFINE_FINAL_TYPE (CgTrainedModel, cg_trained_model, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_YOU_USER_ID,
  PROP_SPLIT,
  PROP_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cg_trained_model_finalize (GObject *object)
{
  CgTrainedModel *self = CG_TRAINED_MODEL (object);

  g_clear_pointer (&self->model, cg_cgan_free);
  g_clear_pointer (&self->dataset, cg_dataset_free);

  G_OBJECT_CLASS (cg_trained_model_parent_class)->finalize (object);
}

static void
cg_trained_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CgTrainedModel *self = CG_TRAINED_MODEL (object);

  switch (prop_id)
    {
    case PROP_YOU_USER_ID:
      g_value_set_uint (value, self->you_user_id);
      break;
    case PROP_SPLIT:
      g_value_set_string (value, cg_trained_model_get_split (self));
      break;
    case PROP_THRESHOLD:
      g_value_set_uint (value, cg_trained_model_get_threshold (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_trained_model_class_init (CgTrainedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_trained_model_finalize;
  object_class->get_property = cg_trained_model_get_property;

  properties[PROP_YOU_USER_ID] =
    g_param_spec_uint ("you-user-id", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPLIT] =
    g_param_spec_string ("split", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_THRESHOLD] =
    g_param_spec_uint ("threshold", NULL, NULL, 1, 5, CG_DEFAULT_THRESHOLD,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_trained_model_init (CgTrainedModel *self)
{
}

CgTrainedModel *
cg_trained_model_new (CgCgan    *model,
                      CgDataset *dataset,
                      guint32    you_user_id)
{
  CgTrainedModel *self;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (cg_cgan_get_n_items (model) == dataset->n_items, NULL);

  self = g_object_new (CG_TYPE_TRAINED_MODEL, NULL);
  self->model = model;
  self->dataset = dataset;
  self->you_user_id = you_user_id;
  return self;
}

CgCgan *
cg_trained_model_get_cgan (CgTrainedModel *self)
{
  g_return_val_if_fail (CG_IS_TRAINED_MODEL (self), NULL);

  return self->model;
}

const CgCganConfig *
cg_trained_model_get_config (CgTrainedModel *self)
{
  g_return_val_if_fail (CG_IS_TRAINED_MODEL (self), NULL);

  return cg_cgan_get_config (self->model);
}

const CgDataset *
cg_trained_model_get_dataset (CgTrainedModel *self)
{
  g_return_val_if_fail (CG_IS_TRAINED_MODEL (self), NULL);

  return self->dataset;
}

guint32
cg_trained_model_get_you_user_id (CgTrainedModel *self)
{
  g_return_val_if_fail (CG_IS_TRAINED_MODEL (self), 0);

  return self->you_user_id;
}

const char *
cg_trained_model_get_split (CgTrainedModel *self)
{
  g_return_val_if_fail (CG_IS_TRAINED_MODEL (self), NULL);

  return self->dataset->split;
}

guint
cg_trained_model_get_threshold (CgTrainedModel *self)
{
  g_return_val_if_fail (CG_IS_TRAINED_MODEL (self), CG_DEFAULT_THRESHOLD);

  return cg_dataset_whole_star_threshold (self->dataset);
}
