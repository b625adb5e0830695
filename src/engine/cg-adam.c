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
/* The same arithmetic, in the same order, eight at a time. */
__attribute__ ((target ("avx"))) static gsize
adam_avx (float            *params,
          float            *m,
          float            *v,
          float            *grads,
          gsize             n,
          const AdamConsts *k,
          gboolean          clear)
{
  __m256 b1 = _mm256_set1_ps (k->b1), nb1 = _mm256_set1_ps (1.0f - k->b1);
  __m256 b2 = _mm256_set1_ps (k->b2), nb2 = _mm256_set1_ps (1.0f - k->b2);
  __m256 c1 = _mm256_set1_ps (k->c1), c2 = _mm256_set1_ps (k->c2);
  __m256 lr = _mm256_set1_ps (k->lr), decay = _mm256_set1_ps (k->decay);
  __m256 eps = _mm256_set1_ps (k->eps);
  gsize i = 0;

  for (; i + 8 <= n; i += 8)
    {
      __m256 g = _mm256_loadu_ps (grads + i);
      __m256 mi = _mm256_add_ps (_mm256_mul_ps (b1, _mm256_loadu_ps (m + i)),
                                 _mm256_mul_ps (nb1, g));
      __m256 vi = _mm256_add_ps (_mm256_mul_ps (b2, _mm256_loadu_ps (v + i)),
                                 _mm256_mul_ps (_mm256_mul_ps (nb2, g), g));
      __m256 step = _mm256_div_ps (_mm256_mul_ps (lr, _mm256_mul_ps (mi, c1)),
                                   _mm256_add_ps (_mm256_sqrt_ps (_mm256_mul_ps (vi, c2)), eps));

      if (clear)
        _mm256_storeu_ps (grads + i, _mm256_setzero_ps ());
      _mm256_storeu_ps (m + i, mi);
      _mm256_storeu_ps (v + i, vi);
      _mm256_storeu_ps (params + i,
                        _mm256_sub_ps (_mm256_mul_ps (_mm256_loadu_ps (params + i), decay),
                                       step));
    }
  return i;
}

/* And sixteen at a time, where the CPU has AVX-512. */
__attribute__ ((target ("avx512f"))) static gsize
adam_avx512 (float            *params,
             float            *m,
             float            *v,
             float            *grads,
             gsize             n,
             const AdamConsts *k,
             gboolean          clear)
{
  __m512 b1 = _mm512_set1_ps (k->b1), nb1 = _mm512_set1_ps (1.0f - k->b1);
  __m512 b2 = _mm512_set1_ps (k->b2), nb2 = _mm512_set1_ps (1.0f - k->b2);
  __m512 c1 = _mm512_set1_ps (k->c1), c2 = _mm512_set1_ps (k->c2);
  __m512 lr = _mm512_set1_ps (k->lr), decay = _mm512_set1_ps (k->decay);
  __m512 eps = _mm512_set1_ps (k->eps);
  gsize i = 0;

  for (; i + 16 <= n; i += 16)
    {
      __m512 g = _mm512_loadu_ps (grads + i);
      __m512 mi = _mm512_add_ps (_mm512_mul_ps (b1, _mm512_loadu_ps (m + i)),
                                 _mm512_mul_ps (nb1, g));
      __m512 vi = _mm512_add_ps (_mm512_mul_ps (b2, _mm512_loadu_ps (v + i)),
                                 _mm512_mul_ps (_mm512_mul_ps (nb2, g), g));
      /* The zero-masked form: GCC 12 warns that _mm512_sqrt_ps's undefined fill is used. */
      __m512 root = _mm512_maskz_sqrt_ps ((__mmask16) 0xffff, _mm512_mul_ps (vi, c2));
      __m512 step = _mm512_div_ps (_mm512_mul_ps (lr, _mm512_mul_ps (mi, c1)),
                                   _mm512_add_ps (root, eps));

      if (clear)
        _mm512_storeu_ps (grads + i, _mm512_setzero_ps ());
      _mm512_storeu_ps (m + i, mi);
      _mm512_storeu_ps (v + i, vi);
      _mm512_storeu_ps (params + i,
                        _mm512_sub_ps (_mm512_mul_ps (_mm512_loadu_ps (params + i), decay),
                                       step));
    }
  return i;
}
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

  g_assert (t >= 1);
  k.b1 = c->beta1;
  k.b2 = c->beta2;
  /* Bias corrections in double: 1 − β2ᵗ is tiny for small t and loses digits in float. */
  k.c1 = (float) (1.0 / (1.0 - pow (c->beta1, t)));
  k.c2 = (float) (1.0 / (1.0 - pow (c->beta2, t)));
  k.lr = c->learning_rate;
  k.decay = 1.0f - c->learning_rate * c->weight_decay;
  k.eps = c->eps;

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
