/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-train-me-text.c: what "Train Including Me" does, and about how long it takes.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-train-me-text.h"
#include "cg-training-estimate.h"

/* The FLOP rate the session's model was trained at, from its own history: 0 for none. */
static double
model_rate (CgSession *session)
{
  CgTrainedModel *model = cg_session_get_model (session);
  const CgEpochRecord *records;
  CgDatasetShape shape;
  guint n;

  if (model == NULL)
    return 0.0;
  records = cg_cgan_get_history (cg_trained_model_get_cgan (model), &n);
  cg_dataset_shape_of (cg_trained_model_get_dataset (model), &shape);
  return cg_training_estimate_rate (cg_trained_model_get_config (model), &shape, records, n);
}

char *
cg_train_me_text (CgSession          *session,
                  const CgCganConfig *config)
{
  const char *what = _("Trains a new model from scratch, with your ratings as one more user "
                       "and the Training page’s settings, so that the model knows you.");
  g_autofree char *time = NULL;
  CgDatasetShape shape;
  double rate;

  g_return_val_if_fail (CG_IS_SESSION (session), NULL);
  g_return_val_if_fail (config != NULL, NULL);

  if (!cg_session_get_dataset_shape (session, &shape))
    return g_strdup (what);
  /* You are one more user: the shape the training will have. */
  shape.n_users++;
  rate = model_rate (session);
  time = cg_training_estimate_format (
    cg_training_estimate_seconds (config, &shape,
                                  rate > 0.0 ? rate : CG_TRAINING_ESTIMATE_GUESS_RATE));
  if (rate > 0.0)
    /* Translators: the first %s says what the button does, the second is a duration, as
     * in "About 40 s". */
    return g_strdup_printf (_("%s %s at the speed this model was trained at."), what, time);
  return g_strdup_printf (_("%s %s (a rough guess: nothing was trained here yet)."), what, time);
}
