/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dense.c: the fully connected layer on cblas_sgemm, and its naive reference.
 */
#include "cg-dense.h"

#include <cblas.h>
/* OpenBLAS pulls in <complex.h>, whose macro I would shadow. */
#undef I
#include <string.h>

#include "cg-simd.h"

/* ---- BLAS path ----
 *
 * On a few cores, OpenBLAS's own threads and a second team for the element-wise kernels
 * fight for the same cores (each spins while it waits), which costs more than it gains. So
 * while training, OpenBLAS runs on one thread and the products are split here, across the
 * same OpenMP team as the element-wise kernels: each thread calls sgemm on its own block of
 * output rows or columns, whose every element is still summed over the whole inner
 * dimension by one call. Otherwise (OpenBLAS threaded, or inside a team already) a
 * product is one call as before. */

/* Products below this many multiply-adds stay on one thread. */
#define SPLIT_MIN_MADDS 65536

gboolean
cg_dense_can_split (void)
{
#ifdef _OPENMP
  return omp_get_max_threads () > 1 && !omp_in_parallel () && openblas_get_num_threads () == 1;
#else
  return FALSE;
#endif
}

static gboolean
split_products (gsize madds)
{
  return madds >= SPLIT_MIN_MADDS && cg_dense_can_split ();
}

/* One thread's block of out (B, O) = in (B, C) · w (O, C)ᵀ (+ b): rows [r0, r1), columns
 * [o0, o1). */
static void
forward_block (float       *out,
               const float *in,
               const float *w,
               const float *b,
               guint        C,
               guint        O,
               gsize        r0,
               gsize        r1,
               gsize        o0,
               gsize        o1)
{
  float beta = 0.0f;

  if (r1 <= r0 || o1 <= o0)
    return;
  /* Seeding out with the bias lets sgemm add the product to it in one pass. */
  if (b != NULL)
    {
      for (gsize r = r0; r < r1; r++)
        memcpy (out + r * O + o0, b + o0, (o1 - o0) * sizeof (float));
      beta = 1.0f;
    }
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) (r1 - r0), (int) (o1 - o0),
               (int) C, 1.0f, in + r0 * C, (int) C, w + o0 * C, (int) C, beta,
               out + r0 * O + o0, (int) O);
}

void
cg_dense_forward (float       *out,
                  const float *in,
                  const float *w,
                  const float *b,
                  guint        B,
                  guint        C,
                  guint        O)
{
  if (B == 0 || O == 0)
    return;
  if (C == 0)
    {
      if (b == NULL)
        memset (out, 0, (gsize) B * O * sizeof (float));
      else
        for (guint r = 0; r < B; r++)
          memcpy (out + (gsize) r * O, b, O * sizeof (float));
      return;
    }
  /* Threads take rows or columns of out, whichever there are more of. */
  CG_PARALLEL_IF (split_products ((gsize) B * C * O))
  {
    gsize lo, hi;

    if (B >= O)
      {
        CG_FOR_EACH_PRODUCT_SHARE (B, 8, lo, hi)
        forward_block (out, in, w, b, C, O, lo, hi, 0, O);
      }
    else
      {
        CG_FOR_EACH_PRODUCT_SHARE (O, 8, lo, hi)
        forward_block (out, in, w, b, C, O, 0, B, lo, hi);
      }
  }
}

/* One thread's block of c (M, N) += op(a) (M, K) · b (K, N), all row-major: rows [lo, hi)
 * of c when by_rows, else columns [lo, hi). op(a) is a, or aᵀ with a stored (K, M). */
static void
accumulate_block (CBLAS_TRANSPOSE ta,
                  gboolean        by_rows,
                  guint           M,
                  guint           N,
                  guint           K,
                  const float    *a,
                  guint           lda,
                  const float    *b,
                  guint           ldb,
                  float          *c,
                  gsize           lo,
                  gsize           hi)
{
  if (hi <= lo)
    return;
  if (by_rows)
    /* Rows of op(a): rows of a, or its columns when transposed. */
    cblas_sgemm (CblasRowMajor, ta, CblasNoTrans, (int) (hi - lo), (int) N, (int) K, 1.0f,
                 a + (ta == CblasNoTrans ? lo * lda : lo), (int) lda, b, (int) ldb, 1.0f,
                 c + lo * ldb, (int) ldb);
  else
    cblas_sgemm (CblasRowMajor, ta, CblasNoTrans, (int) M, (int) (hi - lo), (int) K, 1.0f, a,
                 (int) lda, b + lo, (int) ldb, 1.0f, c + lo, (int) ldb);
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
  /* Three independent outputs; each thread takes its rows or columns of every one. No
   * barrier is needed: they only read what the caller passed in. */
  CG_PARALLEL_IF (split_products ((gsize) B * C * O))
  {
    gsize lo, hi;

    if (C > 0 && d_in != NULL)
      {
        /* d_in (B, C) += d_out (B, O) · w (O, C) */
        gboolean by_rows = B >= C;

        CG_FOR_EACH_PRODUCT_SHARE (by_rows ? B : C, 8, lo, hi)
        accumulate_block (CblasNoTrans, by_rows, B, C, O, d_out, O, w, C, d_in, lo, hi);
      }
    if (C > 0)
      {
        /* d_w (O, C) += d_out (B, O)ᵀ · in (B, C) */
        gboolean by_rows = O >= C;

        CG_FOR_EACH_PRODUCT_SHARE (by_rows ? O : C, 8, lo, hi)
        accumulate_block (CblasTrans, by_rows, O, C, B, d_out, O, in, C, d_w, lo, hi);
      }
    if (d_b != NULL)
      {
        /* Each bias sums its column over the rows in order, whoever owns it. */
        CG_FOR_EACH_SHARE (O, 8, lo, hi)
        for (guint r = 0; r < B; r++)
          {
            const float *row = d_out + (gsize) r * O;

            for (gsize o = lo; o < hi; o++)
              d_b[o] += row[o];
          }
      }
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
