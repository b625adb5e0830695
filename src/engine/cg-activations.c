/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-activations.c: ReLU, LeakyReLU and tanh.
 *
 * ReLU and LeakyReLU run over every hidden activation of every pair and user, so they are
 * written eight floats at a time (cg-simd.h) with a scalar tail; both paths apply the same
 * rule, so the result does not depend on n or alignment.
 */
#include "cg-activations.h"

#include <math.h>

#include "cg-simd.h"

CG_SIMD_CLONES void
cg_relu_forward (float       *out,
                 const float *in,
                 gsize        n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      CgV8 x, zero = { 0 };

      CG_V8_LOAD (x, in + i);
      x = CG_V8_SELECT (x > 0.0f, x, zero);
      CG_V8_STORE (out + i, x);
    }
  for (; i < n; i++)
    out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}

CG_SIMD_CLONES void
cg_relu_backward (float       *d_in,
                  const float *d_out,
                  const float *in,
                  gsize        n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      CgV8 x, g, d, zero = { 0 };

      CG_V8_LOAD (x, in + i);
      CG_V8_LOAD (g, d_out + i);
      CG_V8_LOAD (d, d_in + i);
      d += CG_V8_SELECT (x > 0.0f, g, zero);
      CG_V8_STORE (d_in + i, d);
    }
  for (; i < n; i++)
    d_in[i] += in[i] > 0.0f ? d_out[i] : 0.0f;
}

CG_SIMD_CLONES void
cg_leaky_relu_forward (float       *out,
                       const float *in,
                       float        slope,
                       gsize        n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      CgV8 x;

      CG_V8_LOAD (x, in + i);
      x = CG_V8_SELECT (x > 0.0f, x, x * slope);
      CG_V8_STORE (out + i, x);
    }
  for (; i < n; i++)
    out[i] = in[i] > 0.0f ? in[i] : slope * in[i];
}

CG_SIMD_CLONES void
cg_leaky_relu_backward (float       *d_in,
                        const float *d_out,
                        const float *in,
                        float        slope,
                        gsize        n)
{
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      CgV8 x, g, d;

      CG_V8_LOAD (x, in + i);
      CG_V8_LOAD (g, d_out + i);
      CG_V8_LOAD (d, d_in + i);
      d += CG_V8_SELECT (x > 0.0f, g, g * slope);
      CG_V8_STORE (d_in + i, d);
    }
  for (; i < n; i++)
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
