/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-layers.c: every forward/backward pair of the CGAN against an independent reference.
 *
 * Each backward is checked against central finite differences of a double-precision
 * reference forward written here from the maths (not from the engine's code): for a layer
 * y = f(x) the test draws random weights r, takes L = Σ r·y, feeds d_out = r to the
 * engine's float backward and compares with (L(x + h) − L(x − h)) / 2h computed in double
 * (h = 1e-5, where the difference quotient is exact to ~1e-10). The tolerance (relative
 * 2e-3 plus a small absolute floor) is loose enough for float rounding and tight enough
 * that a wrong sign, a missing term or a factor 2 fails. Beside that: BLAS forward and
 * backward against the naive loops, D over all items against D on pairs, the whole
 * generator's expected adversarial loss through D, and one Adam step against hand values.
 */
#include <math.h>
#include <string.h>

#include "cg-activations.h"
#include "cg-adam.h"
#include "cg-dense.h"
#include "cg-discriminator.h"
#include "cg-embedding.h"
#include "cg-generator.h"
#include "cg-loss.h"
#include "cg-rng.h"
#include "cg-sampled.h"
#include "cg-sampled-fakes.h"
#include "cg-team.h"
#include "cg-test-util.h"

#define FD_H    1e-5
#define FD_RTOL 2e-3
#define FD_ATOL 2e-5

/* ---- helpers ---- */

static void
fill (float *x,
      gsize  n,
      float  scale,
      CgRng *rng)
{
  for (gsize i = 0; i < n; i++)
    x[i] = scale * (2.0f * cg_rng_uniform_float (rng) - 1.0f);
}

/* Values of magnitude in [0.1, 1.1] with a random sign: away from the kinks of ReLU. */
static void
fill_away_from_zero (float *x,
                     gsize  n,
                     CgRng *rng)
{
  for (gsize i = 0; i < n; i++)
    {
      float m = 0.1f + cg_rng_uniform_float (rng);

      x[i] = cg_rng_uniform_float (rng) < 0.5f ? -m : m;
    }
}

static double *
to_double (const float *x,
           gsize        n)
{
  double *d = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    d[i] = x[i];
  return d;
}

typedef double (*LossFunc) (gpointer ctx);

/* Central differences of loss with respect to x[0..n) (x is read by loss through ctx). */
static void
numeric_grad (double  *grad,
              double  *x,
              gsize    n,
              LossFunc loss,
              gpointer ctx)
{
  for (gsize i = 0; i < n; i++)
    {
      double save = x[i], plus, minus;

      x[i] = save + FD_H;
      plus = loss (ctx);
      x[i] = save - FD_H;
      minus = loss (ctx);
      x[i] = save;
      grad[i] = (plus - minus) / (2.0 * FD_H);
    }
}

static void
assert_grad (const char  *what,
             const float *analytic,
             double      *x,
             gsize        n,
             LossFunc     loss,
             gpointer     ctx)
{
  g_autofree double *num = g_new (double, n);
  g_autofree double *ana = to_double (analytic, n);

  numeric_grad (num, x, n, loss, ctx);
  ck_assert_msg (cg_test_arrays_close_d (what, ana, num, n, FD_RTOL, FD_ATOL),
                 "%s: backward disagrees with finite differences", what);
}

static double
ref_softplus (double x)
{
  return fmax (x, 0.0) + log1p (exp (-fabs (x)));
}

/* ---- reference layers in double ---- */

static void
ref_dense (double       *out,
           const double *in,
           const double *w,
           const double *b,
           guint         B,
           guint         C,
           guint         O)
{
  for (guint r = 0; r < B; r++)
    for (guint o = 0; o < O; o++)
      {
        double acc = b != NULL ? b[o] : 0.0;

        for (guint c = 0; c < C; c++)
          acc += in[r * C + c] * w[o * C + c];
        out[r * O + o] = acc;
      }
}

static double
dot (const double *a,
     const float  *r,
     gsize         n)
{
  double acc = 0.0;

  for (gsize i = 0; i < n; i++)
    acc += a[i] * r[i];
  return acc;
}

/* ---- dense ---- */

#define DB 5
#define DC 7
#define DO 4

typedef struct
{
  double *in, *w, *b;
  float  *r;
} DenseCtx;

static double
dense_loss (gpointer data)
{
  DenseCtx *c = data;
  double out[DB * DO];

  ref_dense (out, c->in, c->w, c->b, DB, DC, DO);
  return dot (out, c->r, DB * DO);
}

START_TEST (test_dense_forward_blas_vs_naive)
{
  /* Sizes past OpenBLAS's small-matrix paths too. */
  static const guint shapes[][3] = { { 1, 1, 1 }, { 5, 7, 4 }, { 33, 96, 256 }, { 64, 256, 300 } };
  CgRng rng;

  cg_rng_seed (&rng, 11);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      guint B = shapes[s][0], C = shapes[s][1], O = shapes[s][2];
      g_autofree float *in = g_new (float, B * C);
      g_autofree float *w = g_new (float, O * C);
      g_autofree float *b = g_new (float, O);
      g_autofree float *out = g_new (float, B * O);
      g_autofree float *ref = g_new (float, B * O);

      fill (in, B * C, 1.0f, &rng);
      fill (w, O * C, 0.5f, &rng);
      fill (b, O, 0.5f, &rng);
      cg_dense_forward (out, in, w, b, B, C, O);
      cg_dense_forward_naive (ref, in, w, b, B, C, O);
      ck_assert (cg_test_arrays_close ("dense forward", out, ref, B * O, 1e-5, 1e-5));
      /* And without a bias. */
      cg_dense_forward (out, in, w, NULL, B, C, O);
      cg_dense_forward_naive (ref, in, w, NULL, B, C, O);
      ck_assert (cg_test_arrays_close ("dense forward, no bias", out, ref, B * O, 1e-5, 1e-5));
    }
}
END_TEST

START_TEST (test_dense_backward_blas_vs_naive)
{
  guint B = 33, C = 96, O = 70;
  g_autofree float *in = g_new (float, B * C);
  g_autofree float *w = g_new (float, O * C);
  g_autofree float *d_out = g_new (float, B * O);
  g_autofree float *d_in = g_new (float, B * C);
  g_autofree float *d_w = g_new (float, O * C);
  g_autofree float *d_b = g_new (float, O);
  g_autofree float *r_in = g_new (float, B * C);
  g_autofree float *r_w = g_new (float, O * C);
  g_autofree float *r_b = g_new (float, O);
  CgRng rng;

  cg_rng_seed (&rng, 12);
  fill (in, B * C, 1.0f, &rng);
  fill (w, O * C, 0.5f, &rng);
  fill (d_out, B * O, 1.0f, &rng);
  /* Non-zero starting gradients: backward must add to them, not overwrite. */
  fill (d_in, B * C, 1.0f, &rng);
  fill (d_w, O * C, 1.0f, &rng);
  fill (d_b, O, 1.0f, &rng);
  memcpy (r_in, d_in, B * C * sizeof (float));
  memcpy (r_w, d_w, O * C * sizeof (float));
  memcpy (r_b, d_b, O * sizeof (float));

  cg_dense_backward (d_in, d_w, d_b, d_out, in, w, B, C, O);
  cg_dense_backward_naive (r_in, r_w, r_b, d_out, in, w, B, C, O);
  ck_assert (cg_test_arrays_close ("d_in", d_in, r_in, B * C, 1e-5, 1e-5));
  ck_assert (cg_test_arrays_close ("d_w", d_w, r_w, O * C, 1e-5, 1e-5));
  ck_assert (cg_test_arrays_close ("d_b", d_b, r_b, O, 1e-5, 1e-5));
}
END_TEST

START_TEST (test_dense_backward_vs_fd)
{
  float in[DB * DC], w[DO * DC], b[DO], r[DB * DO];
  float d_in[DB * DC] = { 0 }, d_w[DO * DC] = { 0 }, d_b[DO] = { 0 };
  DenseCtx ctx;
  CgRng rng;

  cg_rng_seed (&rng, 13);
  fill (in, DB * DC, 1.0f, &rng);
  fill (w, DO * DC, 1.0f, &rng);
  fill (b, DO, 1.0f, &rng);
  fill (r, DB * DO, 1.0f, &rng);
  cg_dense_backward (d_in, d_w, d_b, r, in, w, DB, DC, DO);

  ctx.in = to_double (in, DB * DC);
  ctx.w = to_double (w, DO * DC);
  ctx.b = to_double (b, DO);
  ctx.r = r;
  assert_grad ("dense d_in", d_in, ctx.in, DB * DC, dense_loss, &ctx);
  assert_grad ("dense d_w", d_w, ctx.w, DO * DC, dense_loss, &ctx);
  assert_grad ("dense d_b", d_b, ctx.b, DO, dense_loss, &ctx);
  g_free (ctx.in);
  g_free (ctx.w);
  g_free (ctx.b);
}
END_TEST

/* ---- activations ---- */

#define AN 37   /* not a multiple of 8: the vector body and the scalar tail both run */

typedef struct
{
  double *x;
  float  *r;
  int     kind;   /* 0 relu, 1 leaky, 2 tanh */
} ActCtx;

static double
act_loss (gpointer data)
{
  ActCtx *c = data;
  double acc = 0.0;

  for (guint i = 0; i < AN; i++)
    {
      double x = c->x[i];
      double y = c->kind == 0 ? fmax (x, 0.0) : c->kind == 1 ? (x > 0 ? x : 0.2 * x) : tanh (x);

      acc += y * c->r[i];
    }
  return acc;
}

START_TEST (test_activations_vs_reference_and_fd)
{
  float x[AN], y[AN], r[AN], d[AN];
  CgRng rng;

  cg_rng_seed (&rng, 14);
  fill_away_from_zero (x, AN, &rng);
  fill (r, AN, 1.0f, &rng);

  for (int kind = 0; kind < 3; kind++)
    {
      ActCtx ctx = { to_double (x, AN), r, kind };
      double yd[AN];
      float yr[AN];

      if (kind == 0)
        cg_relu_forward (y, x, AN);
      else if (kind == 1)
        cg_leaky_relu_forward (y, x, 0.2f, AN);
      else
        cg_tanh_forward (y, x, AN);
      for (guint i = 0; i < AN; i++)
        {
          yd[i] = kind == 0 ? fmax (x[i], 0.0) : kind == 1 ? (x[i] > 0 ? x[i] : 0.2 * x[i])
                                                           : tanh (x[i]);
          yr[i] = (float) yd[i];
        }
      ck_assert (cg_test_arrays_close ("activation forward", y, yr, AN, 1e-6, 1e-7));

      /* Accumulation: start from 1 and subtract it after. */
      for (guint i = 0; i < AN; i++)
        d[i] = 1.0f;
      if (kind == 0)
        cg_relu_backward (d, r, x, AN);
      else if (kind == 1)
        cg_leaky_relu_backward (d, r, x, 0.2f, AN);
      else
        cg_tanh_backward (d, r, y, AN);
      for (guint i = 0; i < AN; i++)
        d[i] -= 1.0f;
      assert_grad (kind == 0 ? "relu" : kind == 1 ? "leaky relu" : "tanh", d, ctx.x, AN,
                   act_loss, &ctx);
      g_free (ctx.x);
    }
}
END_TEST

/* ---- embeddings and bags ---- */

#define TR 6
#define TE 5

typedef struct
{
  double        *table;
  float         *r;
  const guint32 *offsets, *items;
  guint          B;
} BagCtx;

static double
bag_loss (gpointer data)
{
  BagCtx *c = data;
  double acc = 0.0;

  for (guint b = 0; b < c->B; b++)
    {
      guint n = c->offsets[b + 1] - c->offsets[b];

      for (guint e = 0; e < TE; e++)
        {
          double s = 0.0;

          for (guint t = c->offsets[b]; t < c->offsets[b + 1]; t++)
            s += c->table[c->items[t] * TE + e];
          if (n > 0)
            acc += s / sqrt ((double) n) * c->r[b * TE + e];
        }
    }
  return acc;
}

START_TEST (test_bag_and_embedding)
{
  /* Bags with a repeat-free mix, a shared item and an empty bag. */
  static const guint32 offsets[] = { 0, 3, 4, 4, 6 };
  static const guint32 items[] = { 0, 2, 5, 2, 1, 2 };
  static const guint32 rows[] = { 3, 1, 3 };
  guint B = 4;
  float table[TR * TE], out[4 * TE], r[4 * TE], d_table[TR * TE] = { 0 };
  BagCtx ctx = { NULL, r, offsets, items, B };
  CgRng rng;

  cg_rng_seed (&rng, 15);
  fill (table, TR * TE, 1.0f, &rng);
  fill (r, B * TE, 1.0f, &rng);

  cg_bag_forward (out, table, offsets, items, B, TE);
  for (guint e = 0; e < TE; e++)
    {
      ck_assert_float_eq_tol (out[0 * TE + e],
                              (table[0 * TE + e] + table[2 * TE + e] + table[5 * TE + e])
                              / sqrtf (3.0f), 1e-6);
      ck_assert_float_eq (out[2 * TE + e], 0.0f);
    }
  cg_bag_backward (d_table, r, offsets, items, B, TE);
  ctx.table = to_double (table, TR * TE);
  assert_grad ("bag", d_table, ctx.table, TR * TE, bag_loss, &ctx);
  g_free (ctx.table);

  /* Lookup and its scatter: row 3 is used twice, so its gradient is the sum. */
  cg_embedding_forward (out, table, rows, 3, TE);
  ck_assert_mem_eq (out + TE, table + 1 * TE, TE * sizeof (float));
  memset (d_table, 0, sizeof d_table);
  cg_embedding_backward (d_table, r, rows, 3, TE);
  for (guint e = 0; e < TE; e++)
    {
      ck_assert_float_eq_tol (d_table[3 * TE + e], r[e] + r[2 * TE + e], 1e-6);
      ck_assert_float_eq (d_table[1 * TE + e], r[TE + e]);
      ck_assert_float_eq (d_table[0 * TE + e], 0.0f);
    }
}
END_TEST

/* ---- losses ---- */

#define LB 3
#define LI 9

typedef struct
{
  double        *z;       /* (LB, LI) logits */
  double        *c;       /* (LB, LI) costs */
  const float   *labels;
  const guint32 *offsets, *items;
  int            kind;    /* 0 bce, 1 xent, 2 expected cost, 3 neg entropy */
} LossCtx;

static void
ref_softmax_row (double       *p,
                 double       *lse,
                 const double *z,
                 guint         n)
{
  double max = -INFINITY, sum = 0.0;

  for (guint i = 0; i < n; i++)
    max = fmax (max, z[i]);
  for (guint i = 0; i < n; i++)
    sum += exp (z[i] - max);
  *lse = max + log (sum);
  for (guint i = 0; i < n; i++)
    p[i] = exp (z[i] - *lse);
}

/* Mean over rows (or pairs), as the trainer uses them. */
static double
loss_value (gpointer data)
{
  LossCtx *c = data;
  double total = 0.0;

  if (c->kind == 0)
    {
      for (guint n = 0; n < LB * LI; n++)
        total += c->labels[n] * ref_softplus (-c->z[n])
                 + (1.0 - c->labels[n]) * ref_softplus (c->z[n]);
      return total / (LB * LI);
    }
  for (guint b = 0; b < LB; b++)
    {
      double p[LI], lse;
      const double *z = c->z + b * LI;

      ref_softmax_row (p, &lse, z, LI);
      if (c->kind == 1)
        {
          guint n = c->offsets[b + 1] - c->offsets[b];
          double acc = 0.0;

          for (guint t = c->offsets[b]; t < c->offsets[b + 1]; t++)
            acc += lse - z[c->items[t]];
          total += n > 0 ? acc / n : 0.0;
        }
      else if (c->kind == 2)
        for (guint i = 0; i < LI; i++)
          total += p[i] * c->c[b * LI + i];
      else
        for (guint i = 0; i < LI; i++)
          total += p[i] * log (p[i]);
    }
  return total / LB;
}

START_TEST (test_losses_vs_fd)
{
  static const guint32 offsets[] = { 0, 2, 2, 5 };   /* row 1 has no target */
  static const guint32 items[] = { 1, 7, 0, 3, 8 };
  float z[LB * LI], costs[LB * LI], labels[LB * LI], probs[LB * LI], lse[LB];
  float losses[LB * LI], d[LB * LI], d_c[LB * LI];
  LossCtx ctx = { 0 };
  double mean;
  CgRng rng;

  cg_rng_seed (&rng, 16);
  fill (z, LB * LI, 3.0f, &rng);
  for (guint i = 0; i < LB * LI; i++)
    {
      costs[i] = 0.05f + 2.0f * cg_rng_uniform_float (&rng);
      labels[i] = (float) (i % 2);
    }
  ctx.z = to_double (z, LB * LI);
  ctx.c = to_double (costs, LB * LI);
  ctx.labels = labels;
  ctx.offsets = offsets;
  ctx.items = items;

  /* BCE with logits, mean over pairs; also extreme logits stay finite. */
  ctx.kind = 0;
  mean = cg_bce_logits_forward (losses, z, labels, LB * LI);
  ck_assert_double_eq_tol (mean, loss_value (&ctx), 1e-6);
  memset (d, 0, sizeof d);
  cg_bce_logits_backward (d, z, labels, LB * LI, 1.0f / (LB * LI));
  assert_grad ("BCE with logits", d, ctx.z, LB * LI, loss_value, &ctx);
  {
    float big[2] = { 200.0f, -200.0f }, ones[2] = { 1.0f, 1.0f }, l[2], g[2] = { 0 };

    cg_bce_logits_forward (l, big, ones, 2);
    cg_bce_logits_backward (g, big, ones, 2, 1.0f);
    ck_assert (isfinite (l[0]) && isfinite (l[1]) && l[0] < 1e-6 && fabsf (l[1] - 200.0f) < 1e-3);
    ck_assert (isfinite (g[0]) && isfinite (g[1]) && fabsf (g[1] + 1.0f) < 1e-6);
  }

  cg_softmax_forward (probs, lse, z, LB, LI);
  for (guint b = 0; b < LB; b++)
    {
      double p[LI], l;

      ref_softmax_row (p, &l, ctx.z + b * LI, LI);
      ck_assert_double_eq_tol (lse[b], l, 1e-5);
      for (guint i = 0; i < LI; i++)
        ck_assert_double_eq_tol (probs[b * LI + i], p[i], 1e-6);
    }

  /* Softmax cross-entropy on the positives (the likelihood). */
  ctx.kind = 1;
  mean = cg_softmax_xent_forward (losses, z, lse, offsets, items, LB, LI);
  ck_assert_double_eq_tol (mean, loss_value (&ctx), 1e-5);
  ck_assert_float_eq (losses[1], 0.0f);
  memset (d, 0, sizeof d);
  cg_softmax_xent_backward (d, probs, offsets, items, LB, LI, 1.0f / LB);
  assert_grad ("softmax cross-entropy", d, ctx.z, LB * LI, loss_value, &ctx);

  /* The generator's expected adversarial loss Σ p c: w.r.t. logits and costs. */
  ctx.kind = 2;
  mean = cg_expected_cost_forward (losses, probs, costs, LB, LI);
  ck_assert_double_eq_tol (mean, loss_value (&ctx), 1e-5);
  memset (d, 0, sizeof d);
  memset (d_c, 0, sizeof d_c);
  cg_expected_cost_backward (d, d_c, probs, costs, losses, LB, LI, 1.0f / LB);
  assert_grad ("expected cost, d_logits", d, ctx.z, LB * LI, loss_value, &ctx);
  assert_grad ("expected cost, d_costs", d_c, ctx.c, LB * LI, loss_value, &ctx);

  /* Negative entropy Σ p log p. */
  ctx.kind = 3;
  mean = cg_neg_entropy_forward (losses, probs, z, lse, LB, LI);
  ck_assert_double_eq_tol (mean, loss_value (&ctx), 1e-5);
  memset (d, 0, sizeof d);
  cg_neg_entropy_backward (d, probs, z, lse, losses, LB, LI, 1.0f / LB);
  assert_grad ("negative entropy", d, ctx.z, LB * LI, loss_value, &ctx);

  g_free (ctx.z);
  g_free (ctx.c);
}
END_TEST

START_TEST (test_softplus_and_sigmoid_vectors)
{
  /* 1003 values over ±100, through the vector body and the scalar tail. */
  enum { N = 1003 };
  g_autofree float *x = g_new (float, N), *y = g_new (float, N), *l = g_new (float, N);
  g_autofree float *d = g_new0 (float, N);
  CgRng rng;

  cg_rng_seed (&rng, 21);
  fill (x, N, 100.0f, &rng);
  x[5] = 0.0f;
  x[6] = -1e-6f;
  x[7] = 30.0f;
  for (guint sign = 0; sign < 2; sign++)
    {
      cg_softplus_forward (y, x, sign ? -1.0f : 1.0f, N);
      for (guint i = 0; i < N; i++)
        {
          double v = (sign ? -1.0 : 1.0) * x[i];

          ck_assert_msg (fabs (y[i] - ref_softplus (v)) <= 1e-6 * ref_softplus (v) + 1e-30,
                         "softplus(%g) = %g, not %g", v, y[i], ref_softplus (v));
        }
    }
  /* BCE with labels 0 and 1: loss and gradient σ(s) − y against double. */
  for (guint i = 0; i < N; i++)
    l[i] = (float) (i % 2);
  cg_bce_logits_forward (y, x, l, N);
  cg_bce_logits_backward (d, x, l, N, 1.0f);
  for (guint i = 0; i < N; i++)
    {
      double s = x[i], sig = 1.0 / (1.0 + exp (-s));
      double loss = l[i] * ref_softplus (-s) + (1.0 - l[i]) * ref_softplus (s);

      ck_assert_msg (fabs (y[i] - loss) <= 2e-6 * loss + 1e-6, "BCE(%g, %g) = %g, not %g", s,
                     l[i], y[i], loss);
      ck_assert_msg (fabs (d[i] - (sig - l[i])) <= 1e-6, "σ(%g) − %g = %g, not %g", s, l[i],
                     d[i], sig - l[i]);
    }
}
END_TEST

START_TEST (test_softmax_long_rows)
{
  /* Rows of 1003 logits spread over ±40 plus a few 100 below the max: the vector exp, its
   * scalar tail, and the flush to 0 where e^x would be a denormal. */
  enum { B = 3, N = 1003 };
  g_autofree float *z = g_new (float, B * N), *p = g_new (float, B * N);
  g_autofree double *ref = g_new (double, N);
  float lse[B];
  CgRng rng;

  cg_rng_seed (&rng, 20);
  fill (z, B * N, 40.0f, &rng);
  for (guint b = 0; b < B; b++)
    z[b * N + 17 * (b + 1)] = -160.0f;
  cg_softmax_forward (p, lse, z, B, N);
  for (guint b = 0; b < B; b++)
    {
      double max = -INFINITY, sum = 0.0, worst = 0.0;
      guint at = 0;

      for (guint i = 0; i < N; i++)
        max = fmax (max, z[b * N + i]);
      for (guint i = 0; i < N; i++)
        sum += ref[i] = exp ((double) z[b * N + i] - max);
      for (guint i = 0; i < N; i++)
        {
          double err = fabs (p[b * N + i] - ref[i] / sum) / (ref[i] / sum + 1e-30);

          /* Relative 1e-5 wherever the probability is a normal float; 0 or tiny below. */
          if (ref[i] / sum > 1e-30 && err > worst)
            {
              worst = err;
              at = i;
            }
          ck_assert (p[b * N + i] >= 0.0f && isfinite (p[b * N + i]));
          ck_assert (ref[i] / sum > 1e-36 || p[b * N + i] < 1e-36f);
        }
      ck_assert_msg (worst < 1e-5, "row %u: relative error %g at %u", b, worst, at);
      ck_assert_double_eq_tol (lse[b], max + log (sum), 1e-5 * fabs (max + log (sum)) + 1e-6);
      ck_assert_float_eq (p[b * N + 17 * (b + 1)], 0.0f);
    }
}
END_TEST

/* ---- the discriminator ---- */

#define NU 4
#define NI 6
#define NE 3
#define NH 13   /* past one 8-wide vector: the SIMD body and the scalar tail */
#define NN 7

static const guint32 pair_users[NN] = { 0, 1, 3, 0, 2, 3, 3 };
static const guint32 pair_items[NN] = { 5, 0, 2, 5, 1, 4, 0 };

typedef struct
{
  CgDiscDims    dims;
  CgDiscParams  views;   /* float views, for offsets */
  float        *fbuf;
  double       *p;       /* parameters in double, same layout */
  float        *r;       /* (NN) */
} DiscCtx;

#define OFF(ctx, field) ((gsize) ((ctx)->views.field - (ctx)->fbuf))

static double
ref_disc_logit (DiscCtx *c,
                guint32  u,
                guint32  i)
{
  const double *p = c->p;
  double s = p[OFF (c, b2)];

  for (guint h = 0; h < NH; h++)
    {
      double a = p[OFF (c, b1) + h];

      for (guint e = 0; e < NE; e++)
        a += p[OFF (c, w1u) + h * NE + e] * p[OFF (c, user) + u * NE + e]
             + p[OFF (c, w1i) + h * NE + e] * p[OFF (c, item) + i * NE + e];
      s += p[OFF (c, w2) + h] * (a > 0 ? a : 0.2 * a);
    }
  return s;
}

static double
disc_loss (gpointer data)
{
  DiscCtx *c = data;
  double acc = 0.0;

  for (guint n = 0; n < NN; n++)
    acc += c->r[n] * ref_disc_logit (c, pair_users[n], pair_items[n]);
  return acc;
}

START_TEST (test_discriminator_vs_fd)
{
  DiscCtx ctx = { { NU, NI, NE, NH } };
  gsize n = cg_discriminator_n_params (&ctx.dims);
  g_autofree float *grad = g_new0 (float, n);
  g_autofree float *all = g_new (float, NU * NI);
  CgDiscParams grads;
  CgDiscActs acts;
  CgDiscAllItems ws;
  float r[NN];
  guint32 users[NU] = { 2, 0, 3, 1 };
  CgRng rng;

  cg_rng_seed (&rng, 17);
  ctx.fbuf = g_new (float, n);
  cg_discriminator_bind (&ctx.views, ctx.fbuf, &ctx.dims);
  cg_discriminator_init (&ctx.views, &ctx.dims, &rng);
  fill (r, NN, 1.0f, &rng);
  ctx.r = r;
  ctx.p = to_double (ctx.fbuf, n);
  cg_discriminator_bind (&grads, grad, &ctx.dims);

  cg_disc_acts_init (&acts, &ctx.dims, NN);
  cg_discriminator_forward (&acts, &ctx.views, &ctx.dims, pair_users, pair_items, NN);
  for (guint k = 0; k < NN; k++)
    ck_assert_double_eq_tol (acts.logits[k], ref_disc_logit (&ctx, pair_users[k], pair_items[k]),
                             1e-5);
  cg_discriminator_backward (&grads, &acts, &ctx.views, &ctx.dims, r, pair_users, pair_items,
                             NN);
  /* Every parameter, embeddings included (pair 0 and 3 repeat: their gradients add). */
  assert_grad ("discriminator, all parameters", grad, ctx.p, n, disc_loss, &ctx);

  /* D over all items through the split first layer = D on each pair. */
  cg_disc_all_items_init (&ws, &ctx.dims, NU);
  cg_discriminator_prepare_items (&ws, &ctx.views, &ctx.dims);
  cg_discriminator_all_items (all, &ws, &ctx.views, &ctx.dims, users, NU);
  for (guint b = 0; b < NU; b++)
    for (guint i = 0; i < NI; i++)
      ck_assert_double_eq_tol (all[b * NI + i], ref_disc_logit (&ctx, users[b], i), 1e-5);

  cg_disc_all_items_clear (&ws);
  cg_disc_acts_clear (&acts);
  g_free (ctx.fbuf);
  g_free (ctx.p);
}
END_TEST

/* ---- the generator, alone and through D ---- */

#define GZ 2
#define GB 3

typedef struct
{
  CgGenDims      dims;
  CgGenParams    views;
  float         *fbuf;
  double        *p;
  const guint32 *users, *offsets, *items;
  const float   *noise;   /* (GB, GZ) */
  float         *r;       /* (GB, NI) for the plain check */
  DiscCtx       *disc;    /* non-NULL: the loss is the expected adversarial loss */
} GenCtx;

#define GOFF(ctx, field) ((gsize) ((ctx)->views.field - (ctx)->fbuf))

static void
ref_gen_logits (GenCtx *c,
                guint   b,
                double *logits /* (NI) */)
{
  const double *p = c->p;
  double x[NE + GZ], h[NH];

  for (guint e = 0; e < NE; e++)
    {
      if (c->dims.mode == CG_USER_EMBEDDING_ID)
        x[e] = p[GOFF (c, user) + c->users[b] * NE + e];
      else
        {
          guint n = c->offsets[b + 1] - c->offsets[b];
          double s = 0.0;

          for (guint t = c->offsets[b]; t < c->offsets[b + 1]; t++)
            s += p[GOFF (c, item) + c->items[t] * NE + e];
          s = n > 0 ? s / sqrt ((double) n) : 0.0;
          x[e] = c->dims.act == CG_HISTORY_ACT_TANH ? tanh (s) : s;
        }
    }
  for (guint z = 0; z < GZ; z++)
    x[NE + z] = c->noise[b * GZ + z];
  for (guint j = 0; j < NH; j++)
    {
      double a = p[GOFF (c, b1) + j];

      for (guint k = 0; k < NE + GZ; k++)
        a += p[GOFF (c, w1) + j * (NE + GZ) + k] * x[k];
      h[j] = fmax (a, 0.0);
    }
  for (guint i = 0; i < NI; i++)
    {
      double s = p[GOFF (c, b2) + i];

      for (guint j = 0; j < NH; j++)
        s += p[GOFF (c, w2) + i * NH + j] * h[j];
      logits[i] = s;
    }
}

static double
gen_loss (gpointer data)
{
  GenCtx *c = data;
  double acc = 0.0;

  for (guint b = 0; b < GB; b++)
    {
      double z[NI], p[NI], lse;

      ref_gen_logits (c, b, z);
      if (c->disc == NULL)
        {
          for (guint i = 0; i < NI; i++)
            acc += c->r[b * NI + i] * z[i];
          continue;
        }
      /* Σ_i p(i | u, z) · (−log D(u, i)), averaged over the batch. */
      ref_softmax_row (p, &lse, z, NI);
      for (guint i = 0; i < NI; i++)
        acc += p[i] * ref_softplus (-ref_disc_logit (c->disc, c->users[b], i)) / GB;
    }
  return acc;
}

static void
check_generator (CgUserEmbeddingMode mode,
                 gboolean            through_d)
{
  static const guint32 users[GB] = { 2, 0, 2 };
  static const guint32 offsets[GB + 1] = { 0, 2, 3, 6 };
  static const guint32 items[] = { 1, 4, 0, 2, 3, 5 };
  GenCtx ctx = { { NU, NI, NE, GZ, NH, mode, CG_HISTORY_ACT_TANH } };
  DiscCtx disc = { { NU, NI, NE, NH } };
  gsize n = cg_generator_n_params (&ctx.dims);
  g_autofree float *grad = g_new0 (float, n);
  float noise[GB * GZ], r[GB * NI], d_logits[GB * NI], probs[GB * NI], lse[GB];
  float costs[GB * NI], losses[GB];
  CgGenParams grads;
  CgGenActs acts;
  CgRng rng;

  cg_rng_seed (&rng, 18 + mode);
  ctx.fbuf = g_new (float, n);
  cg_generator_bind (&ctx.views, ctx.fbuf, &ctx.dims);
  cg_generator_init (&ctx.views, &ctx.dims, &rng);
  /* A larger output layer than the default init, so the softmax is far from uniform. */
  for (guint i = 0; i < NI * NH; i++)
    ctx.views.w2[i] *= 3.0f;
  cg_rng_fill_normal (&rng, noise, GB * GZ, 1.0f);
  fill (r, GB * NI, 1.0f, &rng);
  ctx.p = to_double (ctx.fbuf, n);
  ctx.users = users;
  ctx.offsets = offsets;
  ctx.items = items;
  ctx.noise = noise;
  ctx.r = r;
  cg_generator_bind (&grads, grad, &ctx.dims);

  cg_gen_acts_init (&acts, &ctx.dims, GB, TRUE);
  cg_generator_forward (&acts, &ctx.views, &ctx.dims, users, offsets, items, noise, GB);
  for (guint b = 0; b < GB; b++)
    {
      double z[NI];

      ref_gen_logits (&ctx, b, z);
      for (guint i = 0; i < NI; i++)
        ck_assert_double_eq_tol (acts.logits[b * NI + i], z[i], 1e-5);
    }

  if (!through_d)
    memcpy (d_logits, r, sizeof d_logits);
  else
    {
      /* The trainer's G step: costs −log D from D over all items, then the exact
       * gradient of the expected cost. */
      gsize dn = cg_discriminator_n_params (&disc.dims);
      CgDiscAllItems ws;

      disc.fbuf = g_new (float, dn);
      cg_discriminator_bind (&disc.views, disc.fbuf, &disc.dims);
      cg_discriminator_init (&disc.views, &disc.dims, &rng);
      disc.p = to_double (disc.fbuf, dn);
      ctx.disc = &disc;

      cg_disc_all_items_init (&ws, &disc.dims, GB);
      cg_discriminator_prepare_items (&ws, &disc.views, &disc.dims);
      cg_discriminator_all_items (costs, &ws, &disc.views, &disc.dims, users, GB);
      for (guint k = 0; k < GB * NI; k++)
        costs[k] = cg_softplus (-costs[k]);
      cg_softmax_forward (probs, lse, acts.logits, GB, NI);
      cg_expected_cost_forward (losses, probs, costs, GB, NI);
      memset (d_logits, 0, sizeof d_logits);
      cg_expected_cost_backward (d_logits, NULL, probs, costs, losses, GB, NI, 1.0f / GB);
      cg_disc_all_items_clear (&ws);
    }
  cg_generator_backward (&grads, &acts, &ctx.views, &ctx.dims, d_logits, users, offsets,
                         items, GB);
  assert_grad (through_d ? "generator through D (expected adversarial loss)" : "generator",
               grad, ctx.p, n, gen_loss, &ctx);
  if (through_d)
    {
      /* G really gets a gradient from D: not all zero. */
      double norm = 0.0;

      for (gsize i = 0; i < n; i++)
        norm += (double) grad[i] * grad[i];
      ck_assert_msg (norm > 1e-8, "the generator's gradient from D is zero");
      g_free (disc.fbuf);
      g_free (disc.p);
    }

  cg_gen_acts_clear (&acts);
  g_free (ctx.fbuf);
  g_free (ctx.p);
}

START_TEST (test_generator_history_vs_fd)
{
  check_generator (CG_USER_EMBEDDING_HISTORY, FALSE);
}
END_TEST

START_TEST (test_generator_id_vs_fd)
{
  check_generator (CG_USER_EMBEDDING_ID, FALSE);
}
END_TEST

START_TEST (test_generator_adversarial_loss_vs_fd)
{
  check_generator (CG_USER_EMBEDDING_HISTORY, TRUE);
  check_generator (CG_USER_EMBEDDING_ID, TRUE);
}
END_TEST


/* ---- the generator's item–item path ---- */

#define ITEM_WEIGHT 1.7f
#define ITEM_SCALE  2.0f
#define ITEM_SHORT_BAG 2.0

/* The generator's step with the item–item path, as the trainer takes it: logits of the
 * network path plus α·scale·Σ_{j ∈ bag} B[j]; the expected adversarial loss on their
 * softmax and the likelihood on the network path's alone (mle-logits mlp), or on all of
 * them. B is fixed: only the trainable parameters have a gradient. */
typedef struct
{
  GenCtx   gen;
  gboolean mle_on_mlp;
} ItemCtx;

static void
ref_item_logits (ItemCtx *c,
                 guint    b,
                 double  *all,
                 double  *mlp)
{
  const double *p = c->gen.p;

  ref_gen_logits (&c->gen, b, mlp);
  for (guint i = 0; i < NI; i++)
    {
      double s = 0.0, s_short = 0.0, n = c->gen.offsets[b + 1] - c->gen.offsets[b];
      double m = c->gen.dims.item_short ? ITEM_SHORT_BAG * ITEM_SHORT_BAG
                                          / (ITEM_SHORT_BAG * ITEM_SHORT_BAG + n * n)
                                        : 0.0;

      for (guint t = c->gen.offsets[b]; t < c->gen.offsets[b + 1]; t++)
        {
          s += p[GOFF (&c->gen, item_w) + c->gen.items[t] * NI + i];
          if (c->gen.dims.item_short)
            s_short += p[GOFF (&c->gen, item_ws) + c->gen.items[t] * NI + i];
        }
      all[i] = mlp[i] + (double) ITEM_WEIGHT * ITEM_SCALE * ((1.0 - m) * s + m * s_short);
    }
}

static double
item_loss (gpointer data)
{
  ItemCtx *c = data;
  double acc = 0.0;

  for (guint b = 0; b < GB; b++)
    {
      double all[NI], mlp[NI], p[NI], lse, q[NI], lse_q;
      const double *target;

      ref_item_logits (c, b, all, mlp);
      ref_softmax_row (p, &lse, all, NI);
      for (guint i = 0; i < NI; i++)
        acc += p[i] * ref_softplus (-ref_disc_logit (c->gen.disc, c->gen.users[b], i)) / GB;
      /* Likelihood of the bag's items. */
      target = c->mle_on_mlp ? mlp : all;
      ref_softmax_row (q, &lse_q, target, NI);
      for (guint t = c->gen.offsets[b]; t < c->gen.offsets[b + 1]; t++)
        acc += (lse_q - target[c->gen.items[t]])
               / (c->gen.offsets[b + 1] - c->gen.offsets[b]) / GB;
    }
  return acc;
}

static void
check_item_path (gboolean mle_on_mlp,
                 gboolean two_bs)
{
  static const guint32 users[GB] = { 2, 0, 2 };
  static const guint32 offsets[GB + 1] = { 0, 2, 3, 6 };
  static const guint32 items[] = { 1, 4, 0, 2, 3, 5 };
  ItemCtx ctx = { { { NU, NI, NE, GZ, NH, CG_USER_EMBEDDING_HISTORY, CG_HISTORY_ACT_TANH,
                      TRUE, ITEM_WEIGHT } }, mle_on_mlp };
  DiscCtx disc = { { NU, NI, NE, NH } };
  gsize n = cg_generator_n_params (&ctx.gen.dims);
  gsize n_train = cg_generator_n_trainable (&ctx.gen.dims);
  gsize dn = cg_discriminator_n_params (&disc.dims);
  g_autofree float *grad = g_new0 (float, n_train);
  float noise[GB * GZ], item[GB * NI], all[GB * NI], d_logits[GB * NI];
  float probs[GB * NI], lse[GB], mprobs[GB * NI], mlse[GB], costs[GB * NI], losses[GB];
  CgGenParams grads;
  CgGenActs acts;
  CgDiscAllItems ws;
  CgRng rng;

  if (two_bs)
    {
      /* A second B for short bags: bags of 2, 1 and 3 movies take 1/2, 4/5 and 4/13 of
       * their item–item scores from it. */
      ctx.gen.dims.item_short = TRUE;
      ctx.gen.dims.item_short_bag = (float) ITEM_SHORT_BAG;
      n = cg_generator_n_params (&ctx.gen.dims);
      ck_assert_float_eq_tol (cg_generator_item_short_share (&ctx.gen.dims, 3), 4.0f / 13.0f,
                              1e-7f);
    }
  ck_assert_uint_eq (n - n_train, (two_bs ? 2 : 1) * NI * NI);
  cg_rng_seed (&rng, 44 + mle_on_mlp + 2 * two_bs);
  ctx.gen.fbuf = g_new0 (float, n);
  cg_generator_bind (&ctx.gen.views, ctx.gen.fbuf, &ctx.gen.dims);
  cg_generator_init (&ctx.gen.views, &ctx.gen.dims, &rng);
  ck_assert (ctx.gen.views.item_w == ctx.gen.fbuf + n_train);
  fill (ctx.gen.views.item_w, NI * NI, 0.8f, &rng);
  if (two_bs)
    {
      ck_assert (ctx.gen.views.item_ws == ctx.gen.views.item_w + NI * NI);
      fill (ctx.gen.views.item_ws, NI * NI, 0.8f, &rng);
    }
  else
    ck_assert (ctx.gen.views.item_ws == NULL);
  cg_rng_fill_normal (&rng, noise, GB * GZ, 1.0f);
  ctx.gen.p = to_double (ctx.gen.fbuf, n);
  ctx.gen.users = users;
  ctx.gen.offsets = offsets;
  ctx.gen.items = items;
  ctx.gen.noise = noise;
  cg_generator_bind_trainable (&grads, grad, &ctx.gen.dims);
  ck_assert (grads.item_w == NULL);

  disc.fbuf = g_new (float, dn);
  cg_discriminator_bind (&disc.views, disc.fbuf, &disc.dims);
  cg_discriminator_init (&disc.views, &disc.dims, &rng);
  disc.p = to_double (disc.fbuf, dn);
  ctx.gen.disc = &disc;

  cg_gen_acts_init (&acts, &ctx.gen.dims, GB, TRUE);
  cg_generator_forward (&acts, &ctx.gen.views, &ctx.gen.dims, users, offsets, items, noise,
                        GB);
  cg_generator_item_scores (item, &ctx.gen.views, &ctx.gen.dims, offsets, items, GB,
                            ITEM_SCALE, FALSE);
  for (guint k = 0; k < GB * NI; k++)
    all[k] = acts.logits[k] + item[k];
  for (guint b = 0; b < GB; b++)
    {
      double ref_all[NI], ref_mlp[NI];

      ref_item_logits (&ctx, b, ref_all, ref_mlp);
      for (guint i = 0; i < NI; i++)
        ck_assert_double_eq_tol (all[b * NI + i], ref_all[i], 1e-5);
    }
  /* Accumulating adds to what is there. */
  cg_generator_item_scores (all, &ctx.gen.views, &ctx.gen.dims, offsets, items, GB,
                            ITEM_SCALE, TRUE);
  for (guint k = 0; k < GB * NI; k++)
    ck_assert_float_eq_tol (all[k], acts.logits[k] + 2.0f * item[k], 1e-5f);
  for (guint k = 0; k < GB * NI; k++)
    all[k] = acts.logits[k] + item[k];

  cg_disc_all_items_init (&ws, &disc.dims, GB);
  cg_discriminator_prepare_items (&ws, &disc.views, &disc.dims);
  cg_discriminator_all_items (costs, &ws, &disc.views, &disc.dims, users, GB);
  for (guint k = 0; k < GB * NI; k++)
    costs[k] = cg_softplus (-costs[k]);
  cg_softmax_forward (probs, lse, all, GB, NI);
  cg_expected_cost_forward (losses, probs, costs, GB, NI);
  memset (d_logits, 0, sizeof d_logits);
  cg_expected_cost_backward (d_logits, NULL, probs, costs, losses, GB, NI, 1.0f / GB);
  if (mle_on_mlp)
    {
      cg_softmax_forward (mprobs, mlse, acts.logits, GB, NI);
      cg_softmax_xent_backward (d_logits, mprobs, offsets, items, GB, NI, 1.0f / GB);
    }
  else
    cg_softmax_xent_backward (d_logits, probs, offsets, items, GB, NI, 1.0f / GB);
  cg_generator_backward (&grads, &acts, &ctx.gen.views, &ctx.gen.dims, d_logits, users,
                         offsets, items, GB);
  /* Finite differences over the network's parameters. */
  assert_grad (mle_on_mlp ? "generator with item path, likelihood on the network path"
                          : "generator with item path, likelihood on all logits",
               grad, ctx.gen.p, n_train, item_loss, &ctx);
  /* And over B, when the loss is one function of G's logits (with the likelihood on the
   * network path B follows the same d_logits by design, which is no single loss's
   * gradient). The diagonal gets none: it stays 0. */
  if (!mle_on_mlp)
    {
      g_autofree float *grad_b = g_new0 (float, NI * NI);
      g_autofree double *num = g_new (double, NI * NI);
      g_autofree double *ana = NULL;

      cg_generator_item_scores_backward (grad_b, &ctx.gen.dims, offsets, items, GB, d_logits,
                                         ITEM_SCALE);
      ana = to_double (grad_b, NI * NI);
      numeric_grad (num, ctx.gen.p + n_train, NI * NI, item_loss, &ctx);
      for (guint i = 0; i < NI; i++)
        {
          ck_assert_double_eq (ana[i * NI + i], 0.0);
          num[i * NI + i] = 0.0;
        }
      ck_assert_msg (cg_test_arrays_close_d ("item-item path's B", ana, num, NI * NI, FD_RTOL,
                                             FD_ATOL),
                     "B's backward disagrees with finite differences");
    }

  cg_disc_all_items_clear (&ws);
  cg_gen_acts_clear (&acts);
  g_free (disc.fbuf);
  g_free (disc.p);
  g_free (ctx.gen.fbuf);
  g_free (ctx.gen.p);
}

START_TEST (test_generator_item_path_vs_fd)
{
  check_item_path (TRUE, FALSE);
  check_item_path (FALSE, FALSE);
  check_item_path (TRUE, TRUE);
  check_item_path (FALSE, TRUE);
}
END_TEST

/* ---- Adam ---- */

START_TEST (test_adam_hand_values)
{
  float p[2] = { 1.0f, -2.0f }, m[2] = { 0 }, v[2] = { 0 };
  const float g[2] = { 0.5f, -0.1f };
  float q[1] = { 1.0f }, mq[1] = { 0 }, vq[1] = { 0 };
  const float gq[1] = { 0.5f };
  CgAdamConfig config;

  /* Step 1: m̂ = g, v̂ = g², so each weight moves by lr · sign(g) (eps aside). */
  cg_adam_config_init (&config, 0.1f, 0.0f);
  cg_adam_update (p, m, v, g, 2, &config, 1);
  ck_assert_float_eq_tol (m[0], 0.05f, 1e-7);
  ck_assert_float_eq_tol (v[0], 0.00025f, 1e-8);
  ck_assert_float_eq_tol (p[0], 0.9f, 1e-6);
  ck_assert_float_eq_tol (p[1], -1.9f, 1e-6);
  /* Step 2, same gradient: m = 0.095, m̂ = 0.095 / 0.19 = 0.5;
   * v = 0.00049975, v̂ = 0.00049975 / 0.001999 = 0.25; again lr · 1. */
  cg_adam_update (p, m, v, g, 2, &config, 2);
  ck_assert_float_eq_tol (m[0], 0.095f, 1e-7);
  ck_assert_float_eq_tol (v[0], 0.00049975f, 1e-8);
  ck_assert_float_eq_tol (p[0], 0.8f, 1e-5);
  ck_assert_float_eq_tol (p[1], -1.8f, 1e-5);

  /* Decoupled weight decay 0.5: 1 · (1 − 0.1 · 0.5) − 0.1 = 0.85. */
  cg_adam_config_init (&config, 0.1f, 0.5f);
  cg_adam_update (q, mq, vq, gq, 1, &config, 1);
  ck_assert_float_eq_tol (q[0], 0.85f, 1e-6);
}
END_TEST

START_TEST (test_adam_long_vector)
{
  /* 1003 values: the vector path and its scalar tail against the formula written out. */
  enum { N = 1003 };
  g_autofree float *p = g_new (float, N), *m = g_new (float, N), *v = g_new (float, N);
  g_autofree float *g = g_new (float, N), *ref = g_new (float, N);
  CgAdamConfig config;
  CgRng rng;

  cg_rng_seed (&rng, 19);
  fill (p, N, 1.0f, &rng);
  fill (g, N, 0.1f, &rng);
  for (guint i = 0; i < N; i++)
    {
      m[i] = 0.01f * (float) i / N;
      v[i] = 0.001f * (float) (N - i) / N;
    }
  for (guint i = 0; i < N; i++)
    {
      double mi = 0.9 * m[i] + 0.1 * g[i];
      double vi = 0.999 * v[i] + 0.001 * (double) g[i] * g[i];
      double c1 = 1.0 / (1.0 - pow (0.9, 7)), c2 = 1.0 / (1.0 - pow (0.999, 7));

      ref[i] = (float) (p[i] * (1.0 - 0.01 * 0.1) - 0.01 * mi * c1 / (sqrt (vi * c2) + 1e-8));
    }
  cg_adam_config_init (&config, 0.01f, 0.1f);
  cg_adam_update (p, m, v, g, N, &config, 7);
  ck_assert (cg_test_arrays_close ("Adam, 1003 values", p, ref, N, 1e-5, 1e-6));
}
END_TEST

START_TEST (test_adam_update_and_clear)
{
  /* The same step as cg_adam_update, then a zeroed gradient, in the vector path and its
   * scalar tail (1003 values). */
  enum { N = 1003 };
  g_autofree float *p = g_new (float, N), *m = g_new0 (float, N), *v = g_new0 (float, N);
  g_autofree float *g = g_new (float, N);
  g_autofree float *p2 = NULL, *m2 = NULL, *v2 = NULL, *g2 = NULL;
  CgAdamConfig config;
  CgRng rng;

  cg_rng_seed (&rng, 23);
  fill (p, N, 1.0f, &rng);
  fill (g, N, 0.1f, &rng);
  p2 = g_memdup2 (p, N * sizeof (float));
  m2 = g_memdup2 (m, N * sizeof (float));
  v2 = g_memdup2 (v, N * sizeof (float));
  g2 = g_memdup2 (g, N * sizeof (float));
  cg_adam_config_init (&config, 0.01f, 0.1f);
  cg_adam_update (p, m, v, g, N, &config, 3);
  cg_adam_update_and_clear (p2, m2, v2, g2, N, &config, 3);
  ck_assert_mem_eq (p, p2, N * sizeof (float));
  ck_assert_mem_eq (m, m2, N * sizeof (float));
  ck_assert_mem_eq (v, v2, N * sizeof (float));
  for (guint i = 0; i < N; i++)
    ck_assert_msg (g2[i] == 0.0f && g[i] != 0.0f, "gradient %u: %g (was %g)", i, g2[i], g[i]);
}
END_TEST

/* Parameters, moments (v > 0) and gradients for an Adam step. */
static void
fill_adam_state (float *p,
                 float *m,
                 float *v,
                 float *g,
                 gsize  n,
                 CgRng *rng)
{
  fill (p, n, 1.0f, rng);
  fill (m, n, 0.1f, rng);
  fill (g, n, 1.0f, rng);
  for (gsize i = 0; i < n; i++)
    v[i] = 0.01f + cg_rng_uniform_float (rng);
}

/* Lazy Adam: the listed rows get exactly the dense step (and their gradients cleared), the
 * others keep their values, moments and gradients. */
START_TEST (test_adam_update_rows)
{
  enum { ROWS = 6, W = 11, OFF = 3, N = OFF + ROWS * W };
  static const guint32 rows[] = { 4, 1 };
  float p[N], m[N], v[N], g[N], p2[N], m2[N], v2[N], g2[N];
  CgAdamConfig config;
  CgRng rng;

  cg_rng_seed (&rng, 35);
  fill_adam_state (p, m, v, g, N, &rng);
  memcpy (p2, p, sizeof p);
  memcpy (m2, m, sizeof m);
  memcpy (v2, v, sizeof v);
  memcpy (g2, g, sizeof g);
  cg_adam_config_init (&config, 0.01f, 0.1f);
  cg_adam_update (p2, m2, v2, g2, N, &config, 4);
  cg_adam_update_rows (p, m, v, g, OFF, W, rows, G_N_ELEMENTS (rows), &config, 4);
  for (guint i = 0; i < N; i++)
    {
      gboolean listed = i >= OFF && ((i - OFF) / W == 4 || (i - OFF) / W == 1);

      if (listed)
        ck_assert_msg (p[i] == p2[i] && m[i] == m2[i] && v[i] == v2[i] && g[i] == 0.0f,
                       "listed %u: %g against %g", i, p[i], p2[i]);
      else
        ck_assert_msg (p[i] != p2[i] && g[i] == g2[i], "unlisted %u was stepped", i);
    }
}
END_TEST

/* Many rows, some one float wide, shared out over a team of threads: still exactly the
 * dense step for each listed row, whatever the team. */
START_TEST (test_adam_update_rows_team)
{
  enum { ROWS = 5000, OFF = 7 };
  static const gsize widths[] = { 1, 33 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint threads = 1; threads <= 3; threads += 2)
      {
        gsize W = widths[w], N = OFF + ROWS * W, n_rows = 0;
        g_autofree float *p = g_new (float, N), *m = g_new (float, N), *v = g_new (float, N);
        g_autofree float *g = g_new (float, N), *p2 = g_new (float, N);
        g_autofree float *m2 = g_new (float, N), *v2 = g_new (float, N);
        g_autofree float *g2 = g_new (float, N);
        g_autofree guint32 *rows = g_new (guint32, ROWS);
        CgTeam *team = cg_team_new (threads);
        CgAdamConfig config;
        CgRng rng;

        cg_rng_seed (&rng, 36);
        fill_adam_state (p, m, v, g, N, &rng);
        /* Every third row, in a scrambled order. */
        for (guint r = 0; r < ROWS; r++)
          if (((r * 7919u) % ROWS) % 3 == 0)
            rows[n_rows++] = (r * 7919u) % ROWS;
        memcpy (p2, p, N * sizeof (float));
        memcpy (m2, m, N * sizeof (float));
        memcpy (v2, v, N * sizeof (float));
        memcpy (g2, g, N * sizeof (float));
        cg_adam_config_init (&config, 0.01f, 0.1f);
        cg_adam_update (p2, m2, v2, g2, N, &config, 9);
        cg_team_enter (team);
        cg_adam_update_rows (p, m, v, g, OFF, W, rows, n_rows, &config, 9);
        cg_team_leave ();
        cg_team_free (team);
        for (gsize i = 0; i < N; i++)
          {
            gboolean listed = i >= OFF && ((i - OFF) / W) % 3 == 0;

            if (listed)
              ck_assert_msg (p[i] == p2[i] && m[i] == m2[i] && v[i] == v2[i] && g[i] == 0.0f,
                             "width %zu, %u threads, listed %zu: %g against %g", W, threads,
                             i, p[i], p2[i]);
            else
              ck_assert_msg (g[i] == g2[i], "width %zu: unlisted %zu was stepped", W, i);
          }
      }
}
END_TEST

/* ---- the sampled softmax ---- */

#define SB 3
#define SH 5
#define SI 9
#define SC 4

typedef struct
{
  double        *h, *w, *b;   /* (SB, SH), (SI, SH), (SI) */
  const guint32 *items;       /* (SC) */
  const float   *corr;        /* (SC) */
  float         *r;           /* (SB, SC) */
} SampledCtx;

static double
sampled_loss (gpointer data)
{
  SampledCtx *c = data;
  double loss = 0.0;

  for (guint b = 0; b < SB; b++)
    for (guint j = 0; j < SC; j++)
      {
        double s = c->b[c->items[j]] + c->corr[j];

        for (guint k = 0; k < SH; k++)
          s += c->h[b * SH + k] * c->w[c->items[j] * SH + k];
        loss += c->r[b * SC + j] * s;
      }
  return loss;
}

/* G's output layer on a subset of the items: forward against the reference, backward
 * against finite differences, rows outside the subset untouched, gradients accumulated. */
START_TEST (test_sampled_logits_vs_fd)
{
  static const guint32 items[SC] = { 7, 2, 5, 0 };
  static const float corr[SC] = { 0.0f, 0.0f, -1.5f, 0.7f };
  float h[SB * SH], w[SI * SH], b[SI], r[SB * SC], out[SB * SC];
  float w_c[SC * SH], b_c[SC], d_w_c[SC * SH], d_b_c[SC];
  float d_h[SB * SH] = { 0 }, d_w[SI * SH] = { 0 }, d_b[SI] = { 0 };
  float d_h2[SB * SH], d_w2[SI * SH], d_b2[SI];
  SampledCtx ctx = { NULL, NULL, NULL, items, corr, r };
  CgRng rng;

  cg_rng_seed (&rng, 31);
  fill (h, SB * SH, 1.0f, &rng);
  fill (w, SI * SH, 1.0f, &rng);
  fill (b, SI, 1.0f, &rng);
  fill (r, SB * SC, 1.0f, &rng);
  ctx.h = to_double (h, SB * SH);
  ctx.w = to_double (w, SI * SH);
  ctx.b = to_double (b, SI);

  cg_sampled_logits_forward (out, w_c, b_c, h, w, b, items, corr, SB, SH, SC);
  for (guint i = 0; i < SB * SC; i++)
    {
      /* The reference's loss with r the i-th unit vector is the i-th logit. */
      memset (r, 0, sizeof r);
      r[i] = 1.0f;
      ck_assert_double_eq_tol (out[i], sampled_loss (&ctx), 1e-5);
    }
  fill (r, SB * SC, 1.0f, &rng);

  cg_sampled_logits_backward (d_h, d_w, d_b, d_w_c, d_b_c, r, h, w_c, items, SB, SH, SC);
  assert_grad ("sampled logits d_h", d_h, ctx.h, SB * SH, sampled_loss, &ctx);
  assert_grad ("sampled logits d_w", d_w, ctx.w, SI * SH, sampled_loss, &ctx);
  assert_grad ("sampled logits d_b", d_b, ctx.b, SI, sampled_loss, &ctx);
  for (guint i = 0; i < SI; i++)
    if (i != 7 && i != 2 && i != 5 && i != 0)
      ck_assert_msg (d_b[i] == 0.0f && d_w[i * SH] == 0.0f, "item %u outside got a gradient",
                     i);

  /* A second call adds to the gradients. */
  memcpy (d_h2, d_h, sizeof d_h);
  memcpy (d_w2, d_w, sizeof d_w);
  memcpy (d_b2, d_b, sizeof d_b);
  cg_sampled_logits_backward (d_h2, d_w2, d_b2, d_w_c, d_b_c, r, h, w_c, items, SB, SH, SC);
  for (guint i = 0; i < SB * SH; i++)
    ck_assert_float_eq_tol (d_h2[i], 2.0f * d_h[i], 1e-5f);
  for (guint i = 0; i < SI * SH; i++)
    ck_assert_float_eq_tol (d_w2[i], 2.0f * d_w[i], 1e-5f);
  for (guint i = 0; i < SI; i++)
    ck_assert_float_eq_tol (d_b2[i], 2.0f * d_b[i], 1e-5f);
  g_free (ctx.h);
  g_free (ctx.w);
  g_free (ctx.b);
}
END_TEST

/* With every item a candidate in order and no correction, the sampled output layer and the
 * rest of the backward (cg_generator_backward_from_hidden) are the generator's own full
 * forward and backward, to rounding. */
START_TEST (test_sampled_all_items_is_the_generator)
{
  static const guint32 users[GB] = { 2, 0, 2 };
  static const guint32 offsets[GB + 1] = { 0, 2, 3, 6 };
  static const guint32 bag[] = { 1, 4, 0, 2, 3, 5 };
  CgGenDims dims = { NU, NI, NE, GZ, NH, CG_USER_EMBEDDING_HISTORY, CG_HISTORY_ACT_TANH };
  gsize n = cg_generator_n_params (&dims);
  g_autofree float *buf = g_new (float, n);
  g_autofree float *grad = g_new0 (float, n);
  g_autofree float *grad2 = g_new0 (float, n);
  float noise[GB * GZ], r[GB * NI], logits[GB * NI], corr[NI] = { 0 };
  float w_c[NI * NH], b_c[NI], d_w_c[NI * NH], d_b_c[NI];
  guint32 all[NI];
  CgGenParams p, g, g2;
  CgGenActs acts;
  CgRng rng;

  cg_rng_seed (&rng, 33);
  cg_generator_bind (&p, buf, &dims);
  cg_generator_init (&p, &dims, &rng);
  cg_generator_bind (&g, grad, &dims);
  cg_generator_bind (&g2, grad2, &dims);
  cg_rng_fill_normal (&rng, noise, GB * GZ, 1.0f);
  fill (r, GB * NI, 1.0f, &rng);
  for (guint i = 0; i < NI; i++)
    all[i] = i;

  cg_gen_acts_init (&acts, &dims, GB, TRUE);
  cg_generator_forward (&acts, &p, &dims, users, offsets, bag, noise, GB);
  cg_generator_backward (&g, &acts, &p, &dims, r, users, offsets, bag, GB);
  cg_sampled_logits_forward (logits, w_c, b_c, acts.h, p.w2, p.b2, all, corr, GB, NH, NI);
  ck_assert (cg_test_arrays_close ("sampled logits", logits, acts.logits, GB * NI, 1e-5,
                                   1e-6));
  memset (acts.d_h, 0, GB * NH * sizeof (float));
  cg_sampled_logits_backward (acts.d_h, g2.w2, g2.b2, d_w_c, d_b_c, r, acts.h, w_c, all, GB,
                              NH, NI);
  cg_generator_backward_from_hidden (&g2, &acts, &p, &dims, users, offsets, bag, GB);
  ck_assert (cg_test_arrays_close ("sampled gradient", grad2, grad, n, 1e-5, 1e-6));
  cg_gen_acts_clear (&acts);
}
END_TEST

/* The candidates: the targets first, exact (β 0), each target's column right; drawn items
 * apart from them, distinct, β = log(count / (S q)); the proposal's frequencies follow q;
 * and the estimate of the partition function is unbiased: its mean over many sets is the
 * exact Σ e^s. */
START_TEST (test_candidates)
{
  enum { I = 50, S = 20, ROUNDS = 20000 };
  static const guint32 targets[] = { 3, 9, 3, 41, 0 };
  guint32 counts[I], cols[G_N_ELEMENTS (targets)];
  double s[I], exact = 0.0, mean = 0.0, freq[I] = { 0 };
  CgCandidates c;
  CgRng rng;

  cg_rng_seed (&rng, 34);
  for (guint i = 0; i < I; i++)
    {
      counts[i] = (i * 7) % 13 + (i < 5 ? 40 : 0);
      s[i] = 2.0 * cg_rng_uniform_float (&rng) - 1.0;
      exact += exp (s[i]);
    }
  cg_candidates_init (&c, counts, I, S, G_N_ELEMENTS (targets));
  ck_assert_uint_eq (c.max_cands, G_N_ELEMENTS (targets) + S);

  for (guint round = 0; round < ROUNDS; round++)
    {
      double z = 0.0;

      cg_candidates_build (&c, targets, G_N_ELEMENTS (targets), cols, &rng);
      ck_assert_uint_eq (c.n_exact, 4);
      for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
        ck_assert_uint_eq (c.items[cols[t]], targets[t]);
      for (guint j = 0; j < c.n; j++)
        {
          ck_assert_int_eq (c.slot[c.items[j]], (gint32) j);
          if (j < c.n_exact)
            ck_assert_float_eq (c.correction[j], 0.0f);
          else
            {
              ck_assert (c.items[j] != 3 && c.items[j] != 9 && c.items[j] != 41
                         && c.items[j] != 0);
              ck_assert_double_eq_tol (c.correction[j],
                                       log (c.counts[j] / ((double) S * c.q[c.items[j]])),
                                       1e-5);
            }
          z += exp (s[c.items[j]] + c.correction[j]);
        }
      mean += z / ROUNDS;
    }
  ck_assert_msg (fabs (mean - exact) < 0.01 * exact, "mean estimate %g, exact %g", mean,
                 exact);

  for (guint k = 0; k < 200000; k++)
    freq[cg_candidates_propose (&c, &rng)] += 1.0 / 200000;
  for (guint i = 0; i < I; i++)
    ck_assert_msg (fabs (freq[i] - c.q[i]) < 0.1 * c.q[i] + 1e-3, "item %u: %g against q %g",
                   i, freq[i], c.q[i]);
  cg_candidates_clear (&c);
}
END_TEST

/* ---- the sampled softmax's snapshot for fakes ---- */

#define FU 7   /* users */
#define FI 9   /* items */
#define FE 4
#define FZ 3
#define FH 11  /* past one 8-wide vector */

/* Naively, h = ReLU (W1 (e ‖ z) + b1) for user u of pos under params p, noise z (FZ). */
static void
fake_hidden_reference (float             *h,
                       const CgGenParams *p,
                       const CgGenDims   *dims,
                       const CgUserItems *pos,
                       guint32            u,
                       const float       *z)
{
  float x[FE + FZ];

  cg_generator_embed_one (x, p, dims, u, cg_user_items_row (pos, u),
                          cg_user_items_count (pos, u));
  memcpy (x + FE, z, FZ * sizeof (float));
  for (guint k = 0; k < FH; k++)
    {
      double acc = p->b1[k];

      for (guint e = 0; e < FE + FZ; e++)
        acc += (double) p->w1[(gsize) k * (FE + FZ) + e] * x[e];
      h[k] = acc > 0.0 ? (float) acc : 0.0f;
    }
}

/* A kept row is what the snapshot holds for its user: the hidden layer from G's parameters
 * as of the refresh (not as they moved since) and the noise drawn when the user was first
 * met, in first-appearance order; a user met again costs nothing and keeps its row until
 * the next refresh, which forgets every row and copies G anew. */
START_TEST (test_fake_snapshot)
{
  static const guint32 pu[] = { 0, 0, 1, 1, 1, 3, 3, 5, 5, 5, 5, 6, 6, 2 };
  static const guint32 pi[] = { 1, 4, 0, 2, 8, 3, 7, 1, 2, 5, 6, 0, 8, 4 };
  CgGenDims dims = { FU, FI, FE, FZ, FH, CG_USER_EMBEDDING_HISTORY, CG_HISTORY_ACT_TANH };
  gsize n = cg_generator_n_trainable (&dims);
  g_autofree float *live = g_new (float, n);
  g_autofree float *old = g_new (float, n);
  CgUserItems *pos = cg_user_items_new_from_pairs (FU, FI, pu, pi, G_N_ELEMENTS (pu));
  CgGenParams p, po;
  CgFakeSnapshot s;
  CgRng rng, ref;
  float z[3 * FZ], h[FH], kept[2][FH];

  cg_rng_seed (&rng, 35);
  cg_generator_bind_trainable (&p, live, &dims);
  cg_generator_bind_trainable (&po, old, &dims);
  cg_generator_init (&p, &dims, &rng);
  cg_fake_snapshot_init (&s, &dims, 5, 4, G_N_ELEMENTS (pu));

  /* Users 3, 1, 5 are new, in that order; 3 again is not. */
  cg_fake_snapshot_refresh (&s, live);
  ck_assert (memcmp (s.buf, live, n * sizeof (float)) == 0);
  ref = rng;
  {
    static const guint32 step[] = { 3, 1, 3, 5 };
    static const guint32 fresh[] = { 3, 1, 5 };

    ck_assert_uint_eq (cg_fake_snapshot_cover (&s, step, 4, pos, &rng), 3);
    cg_rng_fill_normal (&ref, z, 3 * FZ, 1.0f);
    ck_assert (memcmp (&ref, &rng, sizeof rng) == 0);
    for (guint k = 0; k < 3; k++)
      {
        fake_hidden_reference (h, &p, &dims, pos, fresh[k], z + k * FZ);
        ck_assert (cg_test_arrays_close ("kept row", cg_fake_snapshot_hidden (&s, fresh[k]), h,
                                         FH, 1e-5, 1e-6));
      }
  }
  memcpy (kept[0], cg_fake_snapshot_hidden (&s, 1), sizeof kept[0]);
  memcpy (kept[1], cg_fake_snapshot_hidden (&s, 3), sizeof kept[1]);

  /* G moves (its steps between refreshes): kept rows stay, a new one comes from the copy. */
  memcpy (old, live, n * sizeof (float));
  for (gsize k = 0; k < n; k++)
    live[k] += 0.5f * (cg_rng_uniform_float (&rng) - 0.5f);
  ref = rng;
  {
    static const guint32 step[] = { 1, 6, 3, 6 };

    ck_assert_uint_eq (cg_fake_snapshot_cover (&s, step, 4, pos, &rng), 1);
    cg_rng_fill_normal (&ref, z, FZ, 1.0f);
    ck_assert (memcmp (&ref, &rng, sizeof rng) == 0);
    ck_assert (memcmp (cg_fake_snapshot_hidden (&s, 1), kept[0], sizeof kept[0]) == 0);
    ck_assert (memcmp (cg_fake_snapshot_hidden (&s, 3), kept[1], sizeof kept[1]) == 0);
    ck_assert (memcmp (s.buf, old, n * sizeof (float)) == 0);
    fake_hidden_reference (h, &po, &dims, pos, 6, z);
    ck_assert (cg_test_arrays_close ("row from the copy", cg_fake_snapshot_hidden (&s, 6), h,
                                     FH, 1e-5, 1e-6));
    fake_hidden_reference (h, &p, &dims, pos, 6, z);
    {
      float moved = 0.0f;

      for (guint k = 0; k < FH; k++)
        moved = MAX (moved, fabsf (cg_fake_snapshot_hidden (&s, 6)[k] - h[k]));
      ck_assert_msg (moved > 1e-3f, "the row follows the moved G (%g)", moved);
    }
  }
  ck_assert_uint_eq (s.n_rows, 4);

  /* The refresh forgets every row and takes G as it now is. */
  cg_fake_snapshot_refresh (&s, live);
  for (guint32 u = 0; u < FU; u++)
    ck_assert_int_eq (s.slot[u], -1);
  ck_assert (memcmp (s.buf, live, n * sizeof (float)) == 0);
  ref = rng;
  {
    static const guint32 step[] = { 3 };

    ck_assert_uint_eq (cg_fake_snapshot_cover (&s, step, 1, pos, &rng), 1);
    cg_rng_fill_normal (&ref, z, FZ, 1.0f);
    fake_hidden_reference (h, &p, &dims, pos, 3, z);
    ck_assert (cg_test_arrays_close ("row after the refresh", cg_fake_snapshot_hidden (&s, 3),
                                     h, FH, 1e-5, 1e-6));
  }
  cg_fake_snapshot_clear (&s);
  cg_user_items_free (pos);
}
END_TEST

static Suite *
layers_suite (void)
{
  Suite *suite = suite_create ("layers");
  TCase *tc = tcase_create ("core");

  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_dense_forward_blas_vs_naive);
  tcase_add_test (tc, test_dense_backward_blas_vs_naive);
  tcase_add_test (tc, test_dense_backward_vs_fd);
  tcase_add_test (tc, test_activations_vs_reference_and_fd);
  tcase_add_test (tc, test_bag_and_embedding);
  tcase_add_test (tc, test_losses_vs_fd);
  tcase_add_test (tc, test_softmax_long_rows);
  tcase_add_test (tc, test_softplus_and_sigmoid_vectors);
  tcase_add_test (tc, test_discriminator_vs_fd);
  tcase_add_test (tc, test_generator_history_vs_fd);
  tcase_add_test (tc, test_generator_id_vs_fd);
  tcase_add_test (tc, test_generator_adversarial_loss_vs_fd);
  tcase_add_test (tc, test_generator_item_path_vs_fd);
  tcase_add_test (tc, test_adam_hand_values);
  tcase_add_test (tc, test_adam_long_vector);
  tcase_add_test (tc, test_adam_update_and_clear);
  tcase_add_test (tc, test_adam_update_rows);
  tcase_add_test (tc, test_adam_update_rows_team);
  tcase_add_test (tc, test_sampled_logits_vs_fd);
  tcase_add_test (tc, test_sampled_all_items_is_the_generator);
  tcase_add_test (tc, test_candidates);
  tcase_add_test (tc, test_fake_snapshot);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (layers_suite ());
}
