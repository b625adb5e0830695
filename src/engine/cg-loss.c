/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-loss.c: BCE with logits, softmax, softmax cross-entropy, expected cost, entropy.
 *
 * Row sums are accumulated in double: a row has ~1700 items and the sums feed logs and
 * gradients whose small differences matter (p_i (c_i − c̄)). The exponentials and logs run
 * over every item of every user of a step, so they have vector versions (cg-simd.h).
 */
#include "cg-loss.h"

#include <math.h>
#include <string.h>

#include "cg-simd.h"
#include "cg-team.h"

/* ---- e^x, softplus and the sigmoid, vectorised ---- */

/* e^x for x ≤ 0, to within ~2 ulp (Cephes' expf: x = k·ln2 + r, |r| ≤ ln2/2, a degree-6
 * polynomial for e^r, then 2^k through the exponent bits), and exactly 0 below −87.3 where
 * expf would return denormals: those cost a hundred cycles each on x86 and carry no weight
 * in a distribution. The same operations in the same order in the vector body and the
 * scalar tail, no fused multiply-add: every element gets the same bits wherever it sits. */
#define EXP_LOG2E  1.44269504088896341f
#define EXP_C1     0.693359375f
#define EXP_C2    -2.12194440e-4f
#define EXP_MIN   -87.3f
#define EXP_ROUND  12582912.0f   /* 1.5·2²³: adding and subtracting it rounds to an integer */
#define EXP_POLY(r, q)                                                        \
  do {                                                                        \
    q = (r) * 0.0f + 1.9875691500e-4f;  /* (r)·0: a vector when r is one */ \
    q = q * (r) + 1.3981999507e-3f;                                           \
    q = q * (r) + 8.3334519073e-3f;                                           \
    q = q * (r) + 4.1665795894e-2f;                                           \
    q = q * (r) + 1.6666665459e-1f;                                           \
    q = q * (r) + 5.0000001201e-1f;                                           \
    q = q * ((r) * (r)) + (r) + 1.0f;                                         \
  } while (0)

static inline float
exp_nonpositive (float x)
{
  float k, r, q, scale;
  guint32 bits;

  /* The flush comes first: from EXP_MIN up, k ≥ −126, so the biased exponent k + 127 is
   * positive (a negative one shifted left is undefined behaviour, and so is converting
   * ±inf or NaN to an integer). NaN goes through as NaN. */
  if (!(x >= EXP_MIN))
    return isnan (x) ? x : 0.0f;
  k = (x * EXP_LOG2E + EXP_ROUND) - EXP_ROUND;
  r = (x - k * EXP_C1) - k * EXP_C2;
  bits = (guint32) ((gint32) k + 127) << 23;
  EXP_POLY (r, q);
  memcpy (&scale, &bits, sizeof scale);
  return q * scale;
}

/* e^x (x ≤ 0) of a vector, same operations as exp_nonpositive. Lanes below EXP_MIN are
 * computed from EXP_MIN (then replaced by 0), so no lane's exponent goes negative. */
#define EXP_VN(V, Vi, SELECT, x, out)                                         \
  do {                                                                        \
    V k_, r_, q_, scale_, xc_, zero_ = { 0 }, min_ = zero_ + EXP_MIN;         \
    Vi bits_;                                                                 \
    xc_ = SELECT ((x) < EXP_MIN, min_, (x));                                  \
    k_ = (xc_ * EXP_LOG2E + EXP_ROUND) - EXP_ROUND;                           \
    r_ = (xc_ - k_ * EXP_C1) - k_ * EXP_C2;                                   \
    EXP_POLY (r_, q_);                                                        \
    bits_ = (__builtin_convertvector (k_, Vi) + 127) << 23;                   \
    memcpy (&scale_, &bits_, sizeof scale_);                                  \
    out = SELECT ((x) < EXP_MIN, zero_, q_ * scale_);                         \
  } while (0)
#define EXP_V8(x, out)  EXP_VN (CgV8, CgV8i, CG_V8_SELECT, x, out)

/* log(1 + e) for e in [0, 1]: 2·atanh(s) with s = e / (2 + e) ≤ 1/3, six terms of its series
 * (the first left out is below 2e-7 relative). Exact in relative terms for small e, where
 * log1p matters. */
#define LOG1P_UNIT(e, out)                                                    \
  do {                                                                        \
    __typeof__ (e) s_ = (e) / ((e) + 2.0f), s2_ = s_ * s_;                    \
    out = s2_ * (1.0f / 11.0f) + (1.0f / 9.0f);                               \
    out = out * s2_ + (1.0f / 7.0f);                                          \
    out = out * s2_ + (1.0f / 5.0f);                                          \
    out = out * s2_ + (1.0f / 3.0f);                                          \
    out = out * s2_ + 1.0f;                                                   \
    out = 2.0f * s_ * out;                                                    \
  } while (0)

static inline float
softplus_scalar (float x)
{
  float e = exp_nonpositive (-fabsf (x)), l;

  LOG1P_UNIT (e, l);
  return (x > 0.0f ? x : 0.0f) + l;
}

/* softplus_range, exp_shifted and row_max, per width. */
#define CG_SIMD_KERNELS "cg-loss-kernels.h"
#include "cg-simd-widths.h"

typedef struct
{
  float       *out;
  const float *in;
  float        sign;
} SoftplusJob;

static void
softplus_share (gpointer data,
                gsize    i0,
                gsize    i1)
{
  const SoftplusJob *j = data;

  CG_SIMD_PICK (softplus_range) (j->out, j->in, j->sign, i0, i1);
}

void
cg_softplus_forward (float       *out,
                     const float *in,
                     float        sign,
                     gsize        n)
{
  SoftplusJob job = { out, in, sign };

  cg_team_for (n >= CG_PARALLEL_MIN / 4, n, 16, CG_SHARES_PER_THREAD, softplus_share, &job);
}

/* ---- binary cross-entropy on logits ---- */

double
cg_bce_logits_forward (float       *losses,
                       const float *logits,
                       const float *labels,
                       guint        N)
{
  double sum = 0.0;

  /* y·softplus(−s) + (1−y)·softplus(s) = softplus(s) − y·s */
  cg_softplus_forward (losses, logits, 1.0f, N);
  for (guint n = 0; n < N; n++)
    {
      losses[n] -= labels[n] * logits[n];
      sum += losses[n];
    }
  return N > 0 ? sum / N : 0.0;
}

CG_SIMD_CLONES void
cg_bce_logits_backward (float       *d_logits,
                        const float *logits,
                        const float *labels,
                        guint        N,
                        float        scale)
{
  guint n = 0;

  /* σ(s) = 1 / (1 + e) for s ≥ 0, e / (1 + e) below, e = e^{−|s|}: no overflow. */
  for (; n + 8 <= N; n += 8)
    {
      CgV8 s, y, d, a, e, one = { 0 };
      CgV8i magnitude = { 0 };

      magnitude += 0x7fffffff;
      one += 1.0f;
      CG_V8_LOAD (s, logits + n);
      CG_V8_LOAD (y, labels + n);
      CG_V8_LOAD (d, d_logits + n);
      a = (CgV8) ((CgV8i) s & magnitude);
      a = -a;
      EXP_V8 (a, e);
      a = CG_V8_SELECT (s >= 0.0f, one, e) / (one + e);
      d += scale * (a - y);
      CG_V8_STORE (d_logits + n, d);
    }
  for (; n < N; n++)
    {
      float s = logits[n];
      float e = exp_nonpositive (-fabsf (s));
      float sig = (s >= 0.0f ? 1.0f : e) / (1.0f + e);

      d_logits[n] += scale * (sig - labels[n]);
    }
}

/* ---- softmax over items ---- */

/* What a pass over the rows of (B, I) buffers needs; each pass uses some of it. */
typedef struct
{
  float         *out;         /* probs, d_logits or row sums */
  float         *lse;
  float         *d_costs;
  const float   *probs, *costs, *logits, *c_lse, *losses;
  const guint32 *offsets, *items;
  guint          I;
  float          scale;
} RowsJob;

/* Rows are independent: the threads of a team take a share of them each. Below this many
 * floats a (B, I) pass stays on one thread. */
static void
for_rows (guint        B,
          guint        I,
          CgRangeFunc  rows,
          RowsJob     *job)
{
  job->I = I;
  cg_team_for ((gsize) B * I >= CG_PARALLEL_MIN / 4, B, 1, CG_SHARES_PER_THREAD, rows, job);
}

/* Rows whose double sums are formed in parallel, then added to the total in row order. */
#define ROW_BLOCK 64

/* A row's sum over its I items, in double. */
typedef double (*RowSumFunc) (guint b, guint I, gconstpointer data);

typedef struct
{
  double        *accs;
  guint          b0, I;
  RowSumFunc     row_sum;
  gconstpointer  data;
} RowSumsJob;

static void
row_sums_share (gpointer data,
                gsize    r0,
                gsize    r1)
{
  const RowSumsJob *j = data;

  for (gsize r = r0; r < r1; r++)
    j->accs[r] = j->row_sum (j->b0 + (guint) r, j->I, j->data);
}

/* losses[b] = row_sum (b) for every row, formed by the team a block of rows at a time, and
 * their mean, added in row order whatever the thread count. */
static double
mean_of_row_sums (float         *losses,
                  guint          B,
                  guint          I,
                  RowSumFunc     row_sum,
                  gconstpointer  data)
{
  double total = 0.0;

  for (guint b0 = 0; b0 < B; b0 += ROW_BLOCK)
    {
      guint nb = MIN (ROW_BLOCK, B - b0);
      double accs[ROW_BLOCK];
      RowSumsJob job = { accs, b0, I, row_sum, data };

      cg_team_for ((gsize) nb * I >= CG_PARALLEL_MIN / 4, nb, 1, CG_SHARES_PER_THREAD,
                   row_sums_share, &job);
      for (guint r = 0; r < nb; r++)
        {
          losses[b0 + r] = (float) accs[r];
          total += accs[r];
        }
    }
  return B > 0 ? total / B : 0.0;
}

static void
softmax_rows (gpointer data,
              gsize    b0,
              gsize    b1)
{
  const RowsJob *j = data;
  guint I = j->I;

  for (gsize b = b0; b < b1; b++)
    {
      const float *z = j->logits + b * I;
      float *p = j->out + b * I;
      float max = CG_SIMD_PICK (row_max) (z, I);
      double sum;
      float inv;

      sum = CG_SIMD_PICK (exp_shifted) (p, z, max, I);
      inv = (float) (1.0 / sum);
      for (guint i = 0; i < I; i++)
        p[i] *= inv;
      if (j->lse != NULL)
        j->lse[b] = max + (float) log (sum);
    }
}

void
cg_softmax_forward (float       *probs,
                    float       *lse,
                    const float *logits,
                    guint        B,
                    guint        I)
{
  RowsJob job = { .out = probs, .lse = lse, .logits = logits };

  for_rows (B, I, softmax_rows, &job);
}

/* ---- softmax cross-entropy on the user's positives (likelihood) ---- */

double
cg_softmax_xent_forward (float         *losses,
                         const float   *logits,
                         const float   *lse,
                         const guint32 *offsets,
                         const guint32 *items,
                         guint          B,
                         guint          I)
{
  double total = 0.0;

  for (guint b = 0; b < B; b++)
    {
      guint n = offsets[b + 1] - offsets[b];
      double acc = 0.0;

      for (guint t = offsets[b]; t < offsets[b + 1]; t++)
        acc += (double) lse[b] - logits[(gsize) b * I + items[t]];
      losses[b] = n > 0 ? (float) (acc / n) : 0.0f;
      total += losses[b];
    }
  return B > 0 ? total / B : 0.0;
}

static void
softmax_xent_backward_rows (gpointer data,
                            gsize    b0,
                            gsize    b1)
{
  const RowsJob *j = data;
  const guint32 *offsets = j->offsets;
  guint I = j->I;
  float scale = j->scale;

  for (gsize b = b0; b < b1; b++)
    {
      guint n = offsets[b + 1] - offsets[b];
      float *d = j->out + b * I;
      const float *p = j->probs + b * I;
      float target;

      if (n == 0)
        continue;
      for (guint i = 0; i < I; i++)
        d[i] += scale * p[i];
      target = scale / n;
      for (guint t = offsets[b]; t < offsets[b + 1]; t++)
        d[j->items[t]] -= target;
    }
}

void
cg_softmax_xent_backward (float         *d_logits,
                          const float   *probs,
                          const guint32 *offsets,
                          const guint32 *items,
                          guint          B,
                          guint          I,
                          float          scale)
{
  RowsJob job = { .out = d_logits, .probs = probs, .offsets = offsets, .items = items,
                  .scale = scale };

  for_rows (B, I, softmax_xent_backward_rows, &job);
}

/* ---- expected cost under the softmax (the generator's adversarial loss) ---- */

typedef struct
{
  const float *probs, *costs, *logits, *lse;
} RowSumArgs;

static double
expected_cost_row (guint         b,
                   guint         I,
                   gconstpointer data)
{
  const RowSumArgs *args = data;
  const float *p = args->probs + (gsize) b * I;
  const float *c = args->costs + (gsize) b * I;
  double acc = 0.0;

  for (guint i = 0; i < I; i++)
    acc += (double) p[i] * c[i];
  return acc;
}

double
cg_expected_cost_forward (float       *losses,
                          const float *probs,
                          const float *costs,
                          guint        B,
                          guint        I)
{
  RowSumArgs args = { probs, costs, NULL, NULL };

  return mean_of_row_sums (losses, B, I, expected_cost_row, &args);
}

static void
expected_cost_backward_rows (gpointer data,
                             gsize    b0,
                             gsize    b1)
{
  const RowsJob *j = data;
  guint I = j->I;
  float scale = j->scale;

  for (gsize b = b0; b < b1; b++)
    {
      const float *p = j->probs + b * I;
      const float *c = j->costs + b * I;
      float mean = j->losses[b];   /* Σ_j p_j c_j */
      float *d = j->out + b * I;

      /* ∂/∂z_i Σ_j p_j c_j = p_i (c_i − Σ_j p_j c_j) */
      for (guint i = 0; i < I; i++)
        d[i] += scale * p[i] * (c[i] - mean);
      if (j->d_costs != NULL)
        {
          float *dc = j->d_costs + b * I;

          for (guint i = 0; i < I; i++)
            dc[i] += scale * p[i];
        }
    }
}

void
cg_expected_cost_backward (float       *d_logits,
                           float       *d_costs,
                           const float *probs,
                           const float *costs,
                           const float *losses,
                           guint        B,
                           guint        I,
                           float        scale)
{
  RowsJob job = { .out = d_logits, .d_costs = d_costs, .probs = probs, .costs = costs,
                  .losses = losses, .scale = scale };

  for_rows (B, I, expected_cost_backward_rows, &job);
}

/* ---- negative entropy of the softmax ---- */

static double
neg_entropy_row (guint         b,
                 guint         I,
                 gconstpointer data)
{
  const RowSumArgs *args = data;
  const float *p = args->probs + (gsize) b * I;
  const float *z = args->logits + (gsize) b * I;
  double acc = 0.0;

  /* log p_i = z_i − lse, finite even where p_i underflows to 0. */
  for (guint i = 0; i < I; i++)
    acc += (double) p[i] * (z[i] - args->lse[b]);
  return acc;
}

double
cg_neg_entropy_forward (float       *losses,
                        const float *probs,
                        const float *logits,
                        const float *lse,
                        guint        B,
                        guint        I)
{
  RowSumArgs args = { probs, NULL, logits, lse };

  return mean_of_row_sums (losses, B, I, neg_entropy_row, &args);
}

static void
neg_entropy_backward_rows (gpointer data,
                           gsize    b0,
                           gsize    b1)
{
  const RowsJob *j = data;
  guint I = j->I;
  float scale = j->scale;

  for (gsize b = b0; b < b1; b++)
    {
      const float *p = j->probs + b * I;
      const float *z = j->logits + b * I;
      float neg_h = j->losses[b];
      float *d = j->out + b * I;

      /* Same form as the expected cost with c_i = log p_i: p_i (log p_i − Σ p log p). */
      for (guint i = 0; i < I; i++)
        d[i] += scale * p[i] * ((z[i] - j->c_lse[b]) - neg_h);
    }
}

void
cg_neg_entropy_backward (float       *d_logits,
                         const float *probs,
                         const float *logits,
                         const float *lse,
                         const float *losses,
                         guint        B,
                         guint        I,
                         float        scale)
{
  RowsJob job = { .out = d_logits, .probs = probs, .logits = logits, .c_lse = lse,
                  .losses = losses, .scale = scale };

  for_rows (B, I, neg_entropy_backward_rows, &job);
}
