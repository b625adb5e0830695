/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dense.c: the fully connected layer on cblas_sgemm, and its naive reference.
 */
#include "cg-dense.h"

#include <cblas.h>
#include <string.h>

/* ---- BLAS path ---- */

void
cg_dense_forward (float       *out,
                  const float *in,
                  const float *w,
                  const float *b,
                  guint        B,
                  guint        C,
                  guint        O)
{
  float beta = 0.0f;

  if (B == 0 || O == 0)
    return;
  /* Seeding out with the bias lets sgemm add the product to it in one pass. */
  if (b != NULL)
    {
      for (guint r = 0; r < B; r++)
        memcpy (out + (gsize) r * O, b, O * sizeof (float));
      beta = 1.0f;
    }
  if (C == 0)
    {
      if (b == NULL)
        memset (out, 0, (gsize) B * O * sizeof (float));
      return;
    }
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) B, (int) O, (int) C,
               1.0f, in, (int) C, w, (int) C, beta, out, (int) O);
}

void
cg_dense_backward (float       *d_in,
                   float       *d_w,
                   float       *d_b,
                   const float *d_out,
                   const float *in,
                   const float *w,
                   guint        B,
                   guint        C,
                   guint        O)
{
  if (B == 0 || O == 0)
    return;
  if (C > 0)
    {
      if (d_in != NULL)
        cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) B, (int) C, (int) O,
                     1.0f, d_out, (int) O, w, (int) C, 1.0f, d_in, (int) C);
      cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) O, (int) C, (int) B,
                   1.0f, d_out, (int) O, in, (int) C, 1.0f, d_w, (int) C);
    }
  if (d_b != NULL)
    for (guint r = 0; r < B; r++)
      {
        const float *row = d_out + (gsize) r * O;

        for (guint o = 0; o < O; o++)
          d_b[o] += row[o];
      }
}

/* ---- naive reference ---- */

void
cg_dense_forward_naive (float       *out,
                        const float *in,
                        const float *w,
                        const float *b,
                        guint        B,
                        guint        C,
                        guint        O)
{
  for (guint r = 0; r < B; r++)
    for (guint o = 0; o < O; o++)
      {
        /* Accumulated in double: this is the reference, not the fast path. */
        double acc = b != NULL ? b[o] : 0.0;

        for (guint c = 0; c < C; c++)
          acc += (double) in[(gsize) r * C + c] * w[(gsize) o * C + c];
        out[(gsize) r * O + o] = (float) acc;
      }
}

void
cg_dense_backward_naive (float       *d_in,
                         float       *d_w,
                         float       *d_b,
                         const float *d_out,
                         const float *in,
                         const float *w,
                         guint        B,
                         guint        C,
                         guint        O)
{
  if (d_in != NULL)
    for (guint r = 0; r < B; r++)
      for (guint c = 0; c < C; c++)
        {
          double acc = 0.0;

          for (guint o = 0; o < O; o++)
            acc += (double) d_out[(gsize) r * O + o] * w[(gsize) o * C + c];
          d_in[(gsize) r * C + c] += (float) acc;
        }
  for (guint o = 0; o < O; o++)
    for (guint c = 0; c < C; c++)
      {
        double acc = 0.0;

        for (guint r = 0; r < B; r++)
          acc += (double) d_out[(gsize) r * O + o] * in[(gsize) r * C + c];
        d_w[(gsize) o * C + c] += (float) acc;
      }
  if (d_b != NULL)
    for (guint o = 0; o < O; o++)
      {
        double acc = 0.0;

        for (guint r = 0; r < B; r++)
          acc += d_out[(gsize) r * O + o];
        d_b[o] += (float) acc;
      }
}
