/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-activations.c: ReLU, LeakyReLU and tanh.
 *
 * Written as plain loops without branches the compiler cannot turn into selects, so they
 * vectorise at -O2 without -ffast-math (which we never use: it breaks the NaN checks).
 */
#include "cg-activations.h"

#include <math.h>

void
cg_relu_forward (float       *out,
                 const float *in,
                 gsize        n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}

void
cg_relu_backward (float       *d_in,
                  const float *d_out,
                  const float *in,
                  gsize        n)
{
  for (gsize i = 0; i < n; i++)
    d_in[i] += in[i] > 0.0f ? d_out[i] : 0.0f;
}

void
cg_leaky_relu_forward (float       *out,
                       const float *in,
                       float        slope,
                       gsize        n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = in[i] > 0.0f ? in[i] : slope * in[i];
}

void
cg_leaky_relu_backward (float       *d_in,
                        const float *d_out,
                        const float *in,
                        float        slope,
                        gsize        n)
{
  for (gsize i = 0; i < n; i++)
    d_in[i] += in[i] > 0.0f ? d_out[i] : slope * d_out[i];
}

void
cg_tanh_forward (float       *out,
                 const float *in,
                 gsize        n)
{
  for (gsize i = 0; i < n; i++)
    out[i] = tanhf (in[i]);
}

void
cg_tanh_backward (float       *d_in,
                  const float *d_out,
                  const float *out,
                  gsize        n)
{
  for (gsize i = 0; i < n; i++)
    d_in[i] += d_out[i] * (1.0f - out[i] * out[i]);
}
