/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dense.c: the fully connected layer on cg_gemm, and its naive reference.
 */
#include "cg-dense.h"

#include <string.h>

#include "cg-gemm.h"
#include "cg-simd.h"
#include "cg-team.h"

/* ---- fast path ----
 *
 * The products are split across the calling thread's team (cg-team.h), the same that runs
 * the element-wise kernels: each thread makes its own block of output rows or columns
 * with one cg_gemm call, so every element is still summed over the whole inner dimension
 * by one call. Without a team, a product is one call. */

/* Products below this many multiply-adds stay on one thread. */
#define SPLIT_MIN_MADDS 65536

gboolean
cg_dense_can_split (void)
{
  return cg_team_size () > 1;
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
  /* Seeding out with the bias lets the product add to it in one pass. */
  if (b != NULL)
    {
      for (gsize r = r0; r < r1; r++)
        memcpy (out + r * O + o0, b + o0, (o1 - o0) * sizeof (float));
      beta = 1.0f;
    }
  cg_gemm (FALSE, TRUE, (guint) (r1 - r0), (guint) (o1 - o0), C, in + r0 * C, C, w + o0 * C,
           C, beta, out + r0 * O + o0, O);
}

typedef struct
{
  float       *out;
  const float *in, *w, *b;
  guint        B, C, O;
} ForwardJob;

/* Threads take rows or columns of out, whichever there are more of. */
static void
forward_range (gpointer data,
               gsize    lo,
               gsize    hi)
{
  const ForwardJob *j = data;

  if (j->B >= j->O)
    forward_block (j->out, j->in, j->w, j->b, j->C, j->O, lo, hi, 0, j->O);
  else
    forward_block (j->out, j->in, j->w, j->b, j->C, j->O, 0, j->B, lo, hi);
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
  ForwardJob job = { out, in, w, b, B, C, O };

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
  cg_team_for (split_products ((gsize) B * C * O), B >= O ? B : O, 8,
               CG_PRODUCT_SHARES_PER_THREAD, forward_range, &job);
}

/* One thread's block of c (M, N) += op(a) (M, K) · b (K, N), all row-major: rows [lo, hi)
 * of c when by_rows, else columns [lo, hi). op(a) is a, or aᵀ with a stored (K, M). */
static void
accumulate_block (gboolean     trans_a,
                  gboolean     by_rows,
                  guint        M,
                  guint        N,
                  guint        K,
                  const float *a,
                  guint        lda,
                  const float *b,
                  guint        ldb,
                  float       *c,
                  gsize        lo,
                  gsize        hi)
{
  if (hi <= lo)
    return;
  if (by_rows)
    /* Rows of op(a): rows of a, or its columns when transposed. */
    cg_gemm (trans_a, FALSE, (guint) (hi - lo), N, K, a + (trans_a ? lo : lo * lda), lda, b,
             ldb, 1.0f, c + lo * ldb, ldb);
  else
    cg_gemm (trans_a, FALSE, M, (guint) (hi - lo), K, a, lda, b + lo, ldb, 1.0f, c + lo, ldb);
}

/* The backward's three independent outputs in one job: the shares of d_in, then those of
 * d_w, then those of d_b. They only read what the caller passed in. */
typedef struct
{
  float       *d_in, *d_w, *d_b;
  const float *d_out, *in, *w;
  guint        B, C, O;
  guint        n_in, n_w, n_b;    /* shares of each */
} BackwardJob;

static void
backward_share (gpointer data,
                guint    share)
{
  const BackwardJob *j = data;
  guint B = j->B, C = j->C, O = j->O;
  gsize lo, hi;

  if (share < j->n_in)
    {
      /* d_in (B, C) += d_out (B, O) · w (O, C) */
      gboolean by_rows = B >= C;

      if (cg_share (by_rows ? B : C, 8, share, j->n_in, &lo, &hi))
        accumulate_block (FALSE, by_rows, B, C, O, j->d_out, O, j->w, C, j->d_in, lo, hi);
    }
  else if ((share -= j->n_in) < j->n_w)
    {
      /* d_w (O, C) += d_out (B, O)ᵀ · in (B, C) */
      gboolean by_rows = O >= C;

      if (cg_share (by_rows ? O : C, 8, share, j->n_w, &lo, &hi))
        accumulate_block (TRUE, by_rows, O, C, B, j->d_out, O, j->in, C, j->d_w, lo, hi);
    }
  else if (cg_share (O, 8, share - j->n_w, j->n_b, &lo, &hi))
    /* Each bias sums its column over the rows in order, whoever owns it. */
    for (guint r = 0; r < B; r++)
      {
        const float *row = j->d_out + (gsize) r * O;

        for (gsize o = lo; o < hi; o++)
          j->d_b[o] += row[o];
      }
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
  gboolean split = split_products ((gsize) B * C * O);
  guint product_shares = split ? cg_team_shares (CG_PRODUCT_SHARES_PER_THREAD) : 1;
  BackwardJob job = { d_in, d_w, d_b, d_out, in, w, B, C, O, 0, 0, 0 };

  if (B == 0 || O == 0)
    return;
  job.n_in = C > 0 && d_in != NULL ? product_shares : 0;
  job.n_w = C > 0 ? product_shares : 0;
  job.n_b = d_b != NULL ? (split ? cg_team_shares (CG_SHARES_PER_THREAD) : 1) : 0;
  cg_team_run (job.n_in + job.n_w + job.n_b, backward_share, &job);
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
