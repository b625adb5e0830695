/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-adam.c: Adam with decoupled weight decay, one flat loop.
 */
#include "cg-adam.h"

#include <math.h>

void
cg_adam_config_init (CgAdamConfig *config,
                     float         learning_rate,
                     float         weight_decay)
{
  config->learning_rate = learning_rate;
  config->beta1 = 0.9f;
  config->beta2 = 0.999f;
  config->eps = 1e-8f;
  config->weight_decay = weight_decay;
}

void
cg_adam_update (float              *params,
                float              *m,
                float              *v,
                const float        *grads,
                gsize               n,
                const CgAdamConfig *c,
                guint               t)
{
  /* Bias corrections in double: 1 − β2ᵗ is tiny for small t and loses digits in float. */
  float c1 = (float) (1.0 / (1.0 - pow (c->beta1, t)));
  float c2 = (float) (1.0 / (1.0 - pow (c->beta2, t)));
  float lr = c->learning_rate;
  float decay = 1.0f - lr * c->weight_decay;

  g_assert (t >= 1);
  for (gsize i = 0; i < n; i++)
    {
      float g = grads[i];
      float mi = c->beta1 * m[i] + (1.0f - c->beta1) * g;
      float vi = c->beta2 * v[i] + (1.0f - c->beta2) * g * g;

      m[i] = mi;
      v[i] = vi;
      params[i] = params[i] * decay - lr * (mi * c1) / (sqrtf (vi * c2) + c->eps);
    }
}
