/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-adam.c: Adam with decoupled weight decay, one flat loop.
 *
 * The update runs over every parameter of a network at every step (~0.8 M floats), so it
 * has AVX and AVX-512 paths: square root and division are correctly rounded in all paths
 * and no multiply-add is fused, so the vector and the scalar loops give the same bits.
 */
#include "cg-adam.h"

#include <math.h>

#include "cg-simd.h"
#include "cg-team.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define CG_ADAM_AVX 1
#endif

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

typedef struct
{
  float b1, b2, c1, c2, lr, decay, eps;
} AdamConsts;

static inline void
adam_one (float            *params,
          float            *m,
          float            *v,
          float            *grads,
          gsize             i,
          const AdamConsts *k,
          gboolean          clear)
{
  float g = grads[i];
  float mi = k->b1 * m[i] + (1.0f - k->b1) * g;
  float vi = k->b2 * v[i] + (1.0f - k->b2) * g * g;

  if (clear)
    grads[i] = 0.0f;

  m[i] = mi;
  v[i] = vi;
  params[i] = params[i] * k->decay - k->lr * (mi * k->c1) / (sqrtf (vi * k->c2) + k->eps);
}

#ifdef CG_ADAM_AVX
/* The same arithmetic, in the same order, W floats at a time: T is the vector type, P the
 * intrinsics' prefix, SQRT its square root. */
#define DEFINE_ADAM_SIMD(NAME, TARGET, W, T, P, SQRT)                                      \
  __attribute__ ((target (TARGET))) static gsize                                          \
  NAME (float *params, float *m, float *v, float *grads, gsize n, const AdamConsts *k,   \
        gboolean clear)                                                                  \
  {                                                                                      \
    T b1 = P##_set1_ps (k->b1), nb1 = P##_set1_ps (1.0f - k->b1);                         \
    T b2 = P##_set1_ps (k->b2), nb2 = P##_set1_ps (1.0f - k->b2);                         \
    T c1 = P##_set1_ps (k->c1), c2 = P##_set1_ps (k->c2);                                 \
    T lr = P##_set1_ps (k->lr), decay = P##_set1_ps (k->decay);                           \
    T eps = P##_set1_ps (k->eps);                                                         \
    gsize i = 0;                                                                         \
                                                                                         \
    for (; i + W <= n; i += W)                                                           \
      {                                                                                  \
        T g = P##_loadu_ps (grads + i);                                                  \
        T mi = P##_add_ps (P##_mul_ps (b1, P##_loadu_ps (m + i)), P##_mul_ps (nb1, g));   \
        T vi = P##_add_ps (P##_mul_ps (b2, P##_loadu_ps (v + i)),                         \
                           P##_mul_ps (P##_mul_ps (nb2, g), g));                          \
        T step = P##_div_ps (P##_mul_ps (lr, P##_mul_ps (mi, c1)),                        \
                             P##_add_ps (SQRT (P##_mul_ps (vi, c2)), eps));               \
                                                                                         \
        if (clear)                                                                       \
          P##_storeu_ps (grads + i, P##_setzero_ps ());                                  \
        P##_storeu_ps (m + i, mi);                                                       \
        P##_storeu_ps (v + i, vi);                                                       \
        P##_storeu_ps (params + i,                                                       \
                       P##_sub_ps (P##_mul_ps (P##_loadu_ps (params + i), decay), step)); \
      }                                                                                  \
    return i;                                                                            \
  }

/* The zero-masked form: GCC 12 warns that _mm512_sqrt_ps's undefined fill is used. */
#define SQRT_512(x) _mm512_maskz_sqrt_ps ((__mmask16) 0xffff, (x))

DEFINE_ADAM_SIMD (adam_avx, "avx", 8, __m256, _mm256, _mm256_sqrt_ps)
DEFINE_ADAM_SIMD (adam_avx512, "avx512f", 16, __m512, _mm512, SQRT_512)
#endif

typedef struct
{
  float            *params, *m, *v, *grads;
  const AdamConsts *k;
  gboolean          clear;
} AdamJob;

static void
adam_range (gpointer data,
            gsize    i0,
            gsize    i1)
{
  const AdamJob *j = data;
  gsize i = i0;

#ifdef CG_ADAM_AVX
  if (__builtin_cpu_supports ("avx512f"))
    i += adam_avx512 (j->params + i, j->m + i, j->v + i, j->grads + i, i1 - i, j->k,
                      j->clear);
  if (__builtin_cpu_supports ("avx"))
    i += adam_avx (j->params + i, j->m + i, j->v + i, j->grads + i, i1 - i, j->k, j->clear);
#endif
  for (; i < i1; i++)
    adam_one (j->params, j->m, j->v, j->grads, i, j->k, j->clear);
}

static void
adam_consts (AdamConsts         *k,
             const CgAdamConfig *c,
             guint               t)
{
  g_assert (t >= 1);
  k->b1 = c->beta1;
  k->b2 = c->beta2;
  /* Bias corrections in double: 1 − β2ᵗ is tiny for small t and loses digits in float. */
  k->c1 = (float) (1.0 / (1.0 - pow (c->beta1, t)));
  k->c2 = (float) (1.0 / (1.0 - pow (c->beta2, t)));
  k->lr = c->learning_rate;
  k->decay = 1.0f - c->learning_rate * c->weight_decay;
  k->eps = c->eps;
}

static void
adam_update (float              *params,
             float              *m,
             float              *v,
             float              *grads,
             gsize               n,
             const CgAdamConfig *c,
             guint               t,
             gboolean            clear)
{
  AdamConsts k;
  AdamJob job = { params, m, v, grads, &k, clear };

  adam_consts (&k, c, t);

  /* Every element is independent: threads take shares in whole cache lines. */
  cg_team_for (n >= CG_PARALLEL_MIN, n, CG_LINE_FLOATS, CG_SHARES_PER_THREAD, adam_range,
               &job);
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
  /* With clear FALSE, grads is only read. */
  adam_update (params, m, v, (float *) grads, n, c, t, FALSE);
}

void
cg_adam_update_and_clear (float              *params,
                          float              *m,
                          float              *v,
                          float              *grads,
                          gsize               n,
                          const CgAdamConfig *c,
                          guint               t)
{
  adam_update (params, m, v, grads, n, c, t, TRUE);
}

typedef struct
{
  float            *params, *m, *v, *grads;
  const AdamConsts *k;
  gsize             offset, width;
  const guint32    *rows;
} AdamRowsJob;

static void
adam_rows_range (gpointer data,
                 gsize    r0,
                 gsize    r1)
{
  const AdamRowsJob *j = data;

  for (gsize r = r0; r < r1; r++)
    {
      gsize o = j->offset + (gsize) j->rows[r] * j->width;
      AdamJob row = { j->params + o, j->m + o, j->v + o, j->grads + o, j->k, TRUE };

      adam_range (&row, 0, j->width);
    }
}

void
cg_adam_update_rows (float              *params,
                     float              *m,
                     float              *v,
                     float              *grads,
                     gsize               offset,
                     gsize               width,
                     const guint32      *rows,
                     gsize               n_rows,
                     const CgAdamConfig *c,
                     guint               t)
{
  AdamConsts k;
  AdamRowsJob job = { params, m, v, grads, &k, offset, width, rows };

  /* The constants once for all rows (a step lists thousands of rows, some one float wide);
   * the rows are distinct, so threads take shares of them. */
  adam_consts (&k, c, t);
  cg_team_for (n_rows * width >= CG_PARALLEL_MIN, n_rows, 1, CG_SHARES_PER_THREAD,
               adam_rows_range, &job);
}
