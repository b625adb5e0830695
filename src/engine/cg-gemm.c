/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-gemm.c: training's matrix products, on an AVX-512 kernel of our own or on OpenBLAS.
 *
 * The kernel: C is cut into panels of NR = 32 columns and, within a panel, blocks of up to
 * MR = 12 rows; a block's 12 × 32 sums live in 24 zmm registers while the inner index k
 * runs, each step loading one row of the panel of op(B) (two vectors) and broadcasting one
 * element of op(A) per row into two fused multiply-adds. op(A) is read in place, whichever
 * way it is stored; op(B) too when it is not transposed (a row of the panel is then 32
 * consecutive floats of B); a transposed op(B) is first packed, KC rows of the panel at a
 * time, into a buffer on the stack, by 16 × 16 register transposes. Every element of C is one chain of multiply-adds over
 * k in order (one per KC rows when B is packed), then added to C: nothing depends on the
 * thread count or on how the caller splits C.
 */
#include "cg-gemm.h"

#include <cblas.h>
/* OpenBLAS pulls in <complex.h>, whose macro I would shadow. */
#undef I
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define CG_GEMM_AVX512 1
#endif

/* ---- the AVX-512 kernel ---- */

#ifdef CG_GEMM_AVX512

#define MR 12
#define NR 32
#define KC 256

#define AVX512 __attribute__ ((target ("avx512f")))

/* One block of up to MR rows × one panel: c (mr, ≤ 32) (+)= Σ_k a(r, k) · b(k, ·).
 * a(r, k) = a[r · a_row + k · a_k]; row k of the panel at b + k · b_k, its columns
 * selected by m0 (first 16) and m1 (next 16). One function per row count, so that the
 * accumulators are registers. */
#define DEFINE_KERNEL(R)                                                               \
  AVX512 static void                                                                   \
  kernel_##R (const float *restrict a, gsize a_row, gsize a_k,                         \
              const float *restrict b, gsize b_k, guint K, __mmask16 m0, __mmask16 m1, \
              float *restrict c, gsize ldc, gboolean add)                              \
  {                                                                                    \
    __m512 c0[R], c1[R];                                                               \
                                                                                       \
    _Pragma ("GCC unroll 12")                                                          \
    for (int r = 0; r < R; r++)                                                        \
      {                                                                                \
        c0[r] = _mm512_setzero_ps ();                                                  \
        c1[r] = _mm512_setzero_ps ();                                                  \
      }                                                                                \
    for (guint k = 0; k < K; k++)                                                      \
      {                                                                                \
        const float *ak = a + k * a_k;                                                 \
        __m512 b0 = _mm512_maskz_loadu_ps (m0, b + k * b_k);                          \
        __m512 b1 = _mm512_maskz_loadu_ps (m1, b + k * b_k + 16);                     \
                                                                                       \
        _Pragma ("GCC unroll 12")                                                      \
        for (int r = 0; r < R; r++)                                                    \
          {                                                                            \
            __m512 x = _mm512_set1_ps (ak[r * a_row]);                                 \
                                                                                       \
            c0[r] = _mm512_fmadd_ps (x, b0, c0[r]);                                    \
            c1[r] = _mm512_fmadd_ps (x, b1, c1[r]);                                    \
          }                                                                            \
      }                                                                                \
    _Pragma ("GCC unroll 12")                                                          \
    for (int r = 0; r < R; r++)                                                        \
      {                                                                                \
        float *cr = c + r * ldc;                                                       \
                                                                                       \
        if (add)                                                                       \
          {                                                                            \
            c0[r] = _mm512_add_ps (_mm512_maskz_loadu_ps (m0, cr), c0[r]);            \
            c1[r] = _mm512_add_ps (_mm512_maskz_loadu_ps (m1, cr + 16), c1[r]);       \
          }                                                                            \
        _mm512_mask_storeu_ps (cr, m0, c0[r]);                                         \
        _mm512_mask_storeu_ps (cr + 16, m1, c1[r]);                                    \
      }                                                                                \
  }

DEFINE_KERNEL (1)
DEFINE_KERNEL (2)
DEFINE_KERNEL (3)
DEFINE_KERNEL (4)
DEFINE_KERNEL (5)
DEFINE_KERNEL (6)
DEFINE_KERNEL (7)
DEFINE_KERNEL (8)
DEFINE_KERNEL (9)
DEFINE_KERNEL (10)
DEFINE_KERNEL (11)
DEFINE_KERNEL (12)

typedef void (*KernelFunc) (const float *a, gsize a_row, gsize a_k, const float *b, gsize b_k,
                            guint K, __mmask16 m0, __mmask16 m1, float *c, gsize ldc,
                            gboolean add);

static const KernelFunc kernels[MR + 1] = {
  NULL, kernel_1, kernel_2, kernel_3, kernel_4, kernel_5, kernel_6, kernel_7, kernel_8,
  kernel_9, kernel_10, kernel_11, kernel_12,
};

/* Every row block of one panel (columns [j0, j0 + nc)), over the inner rows [k0, k0 + kn)
 * of op(B) whose panel rows are at b + k · b_k. */
AVX512 static void
panel_rows (gboolean     trans_a,
            guint        M,
            const float *a,
            guint        lda,
            const float *b,
            gsize        b_k,
            guint        k0,
            guint        kn,
            guint        j0,
            guint        nc,
            float       *c,
            guint        ldc,
            gboolean     add)
{
  __mmask16 m0 = (__mmask16) (nc >= 16 ? 0xffff : (1u << nc) - 1);
  __mmask16 m1 = (__mmask16) (nc >= 32 ? 0xffff : nc > 16 ? (1u << (nc - 16)) - 1 : 0);
  gsize a_row = trans_a ? 1 : lda, a_k = trans_a ? lda : 1;

  for (guint i0 = 0; i0 < M; i0 += MR)
    {
      guint mr = MIN (MR, M - i0);
      const float *ab = a + (gsize) i0 * a_row + (gsize) k0 * a_k;

      kernels[mr] (ab, a_row, a_k, b, b_k, kn, m0, m1, c + (gsize) i0 * ldc + j0, ldc, add);
    }
}

/* GCC 12's AVX-512 shuffles pass an undefined vector as their masked-off fill, and its
 * -Wmaybe-uninitialized takes that for a bug of ours. */
#if !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

/* r[j][k] → r[k][j] for a 16 × 16 block of floats in 16 registers: pairs of rows
 * interleaved, then pairs of pairs, then 128-bit lanes gathered twice. */
AVX512 static inline void
transpose_16x16 (__m512 r[16])
{
  __m512 t[16], u[16];

  for (int i = 0; i < 8; i++)
    {
      t[2 * i] = _mm512_unpacklo_ps (r[2 * i], r[2 * i + 1]);
      t[2 * i + 1] = _mm512_unpackhi_ps (r[2 * i], r[2 * i + 1]);
    }
  /* u[4i + c], lane L: rows 4i … 4i + 3 of column 4L + c. */
  for (int i = 0; i < 4; i++)
    {
      __m512d a = _mm512_castps_pd (t[4 * i]), b = _mm512_castps_pd (t[4 * i + 2]);
      __m512d c = _mm512_castps_pd (t[4 * i + 1]), d = _mm512_castps_pd (t[4 * i + 3]);

      u[4 * i] = _mm512_castpd_ps (_mm512_unpacklo_pd (a, b));
      u[4 * i + 1] = _mm512_castpd_ps (_mm512_unpackhi_pd (a, b));
      u[4 * i + 2] = _mm512_castpd_ps (_mm512_unpacklo_pd (c, d));
      u[4 * i + 3] = _mm512_castpd_ps (_mm512_unpackhi_pd (c, d));
    }
  for (int c = 0; c < 4; c++)
    {
      __m512 v = _mm512_shuffle_f32x4 (u[c], u[4 + c], 0x88);
      __m512 v1 = _mm512_shuffle_f32x4 (u[c], u[4 + c], 0xdd);
      __m512 w = _mm512_shuffle_f32x4 (u[8 + c], u[12 + c], 0x88);
      __m512 w1 = _mm512_shuffle_f32x4 (u[8 + c], u[12 + c], 0xdd);

      r[c] = _mm512_shuffle_f32x4 (v, w, 0x88);
      r[8 + c] = _mm512_shuffle_f32x4 (v, w, 0xdd);
      r[4 + c] = _mm512_shuffle_f32x4 (v1, w1, 0x88);
      r[12 + c] = _mm512_shuffle_f32x4 (v1, w1, 0xdd);
    }
}

#if !defined(__clang__)
#pragma GCC diagnostic pop
#endif

/* packed (kn, NR) = rows [k0, k0 + kn) of the panel [j0, j0 + nc) of op(B) = Bᵀ, that is
 * packed[k · NR + j] = b[(j0 + j) · ldb + k0 + k], zero beyond nc; 16 × 16 blocks at a
 * time. */
AVX512 static void
pack_transposed (float       *packed,
                 const float *b,
                 guint        ldb,
                 guint        j0,
                 guint        nc,
                 guint        k0,
                 guint        kn)
{
  for (guint kk = 0; kk < kn; kk += 16)
    {
      guint nk = MIN (16, kn - kk);
      __mmask16 kmask = (__mmask16) (nk == 16 ? 0xffff : (1u << nk) - 1);

      for (guint g = 0; g < NR; g += 16)
        {
          __m512 r[16];

          for (guint j = 0; j < 16; j++)
            r[j] = g + j < nc
                   ? _mm512_maskz_loadu_ps (kmask, b + (gsize) (j0 + g + j) * ldb + k0 + kk)
                   : _mm512_setzero_ps ();
          transpose_16x16 (r);
          for (guint k = 0; k < nk; k++)
            _mm512_store_ps (packed + (kk + k) * NR + g, r[k]);
        }
    }
}

/* 13 to 24 rows of op(A) against an op(B) read in place (G's backward to its hidden layer,
 * 22 × 256 × 1682): op(B) (G's output layer, 1.7 MB) is what costs, and each of the two
 * row blocks would stream all of it. Taken KC inner rows at a time instead, a panel's
 * slab of op(B) (KC × 32 floats) is still in L1 when the second row block reads it; C
 * takes the sums of each slab in turn. */
#define NARROW_ROWS (2 * MR)

AVX512 static void
gemm_avx512_narrow (gboolean     trans_a,
                    guint        M,
                    guint        N,
                    guint        K,
                    const float *a,
                    guint        lda,
                    const float *b,
                    guint        ldb,
                    gboolean     add,
                    float       *c,
                    guint        ldc)
{
  for (guint k0 = 0; k0 < K; k0 += KC)
    {
      guint kn = MIN (KC, K - k0);

      for (guint j0 = 0; j0 < N; j0 += NR)
        panel_rows (trans_a, M, a, lda, b + (gsize) k0 * ldb + j0, ldb, k0, kn, j0,
                    MIN (NR, N - j0), c, ldc, add || k0 > 0);
    }
}

AVX512 static void
gemm_avx512 (gboolean     trans_a,
             gboolean     trans_b,
             guint        M,
             guint        N,
             guint        K,
             const float *a,
             guint        lda,
             const float *b,
             guint        ldb,
             gboolean     add,
             float       *c,
             guint        ldc)
{
  float packed[KC * NR] __attribute__ ((aligned (64)));

  for (guint j0 = 0; j0 < N; j0 += NR)
    {
      guint nc = MIN (NR, N - j0);

      if (!trans_b)
        {
          panel_rows (trans_a, M, a, lda, b + j0, ldb, 0, K, j0, nc, c, ldc, add);
          continue;
        }
      /* op(B)(k, j) = b[j · ldb + k]: rows [k0, k0 + kn) of the panel, transposed into
       * packed (zero beyond nc), then added to what the earlier rows left in C. */
      for (guint k0 = 0; k0 < K; k0 += KC)
        {
          guint kn = MIN (KC, K - k0);

          pack_transposed (packed, b, ldb, j0, nc, k0, kn);
          panel_rows (trans_a, M, a, lda, packed, NR, k0, kn, j0, nc, c, ldc,
                      add || k0 > 0);
        }
    }
}

/* op(A) · Bᵀ with few rows in op(A) (the generator's products for the ~22 users of a step):
 * packing all of Bᵀ would cost more than the product. Instead Cᵀ = B · op(A)ᵀ, with B
 * read in place and op(A)ᵀ, at most one panel wide, packed; Cᵀ goes through a buffer a
 * block of rows at a time and is added into C transposed. */
#define SWAP_ROWS 384

AVX512 static void
gemm_avx512_swapped (gboolean     trans_a,
                     guint        M,
                     guint        N,
                     guint        K,
                     const float *a,
                     guint        lda,
                     const float *b,
                     guint        ldb,
                     gboolean     add,
                     float       *c,
                     guint        ldc)
{
  float packed[KC * NR] __attribute__ ((aligned (64)));
  float ct[SWAP_ROWS * NR] __attribute__ ((aligned (64)));

  g_assert (M <= NR);
  for (guint j0 = 0; j0 < N; j0 += SWAP_ROWS)
    {
      guint nj = MIN (SWAP_ROWS, N - j0);

      for (guint k0 = 0; k0 < K; k0 += KC)
        {
          guint kn = MIN (KC, K - k0);

          /* packed (kn, NR): op(A)ᵀ (k, i) = op(A) (i, k), zero beyond M. */
          for (guint k = 0; k < kn; k++)
            for (guint i = 0; i < NR; i++)
              packed[k * NR + i] = i >= M ? 0.0f
                                   : trans_a ? a[(gsize) (k0 + k) * lda + i]
                                             : a[(gsize) i * lda + k0 + k];
          panel_rows (FALSE, nj, b + (gsize) j0 * ldb, ldb, packed, NR, k0, kn, 0, M, ct, NR,
                      k0 > 0);
        }
      for (guint i = 0; i < M; i++)
        {
          float *row = c + (gsize) i * ldc + j0;

          for (guint j = 0; j < nj; j++)
            row[j] = add ? row[j] + ct[j * NR + i] : ct[j * NR + i];
        }
    }
}

#endif /* CG_GEMM_AVX512 */

/* ---- dispatch ---- */

static gboolean forced_blas;

static gboolean
avx512_available (void)
{
  static gsize once = 0;
  static gboolean yes = FALSE;

  if (g_once_init_enter (&once))
    {
      const char *env = g_getenv ("CINEGAN_KERNELS");

#ifdef CG_GEMM_AVX512
      /* __builtin_cpu_supports also checks that the OS saves the zmm registers. */
      __builtin_cpu_init ();
      yes = __builtin_cpu_supports ("avx512f") && !(env != NULL && g_str_equal (env, "blas"));
#else
      (void) env;
#endif
      g_once_init_leave (&once, 1);
    }
  return yes;
}

static gboolean
use_avx512 (void)
{
  return !g_atomic_int_get (&forced_blas) && avx512_available ();
}

void
cg_gemm_use_blas (gboolean use_blas)
{
  g_atomic_int_set (&forced_blas, use_blas);
}

const char *
cg_gemm_kernel (void)
{
  return use_avx512 () ? "avx512" : "blas";
}

void
cg_gemm (gboolean     trans_a,
         gboolean     trans_b,
         guint        M,
         guint        N,
         guint        K,
         const float *a,
         guint        lda,
         const float *b,
         guint        ldb,
         float        beta,
         float       *c,
         guint        ldc)
{
  g_assert (beta == 0.0f || beta == 1.0f);
  if (M == 0 || N == 0)
    return;
  if (K == 0)
    {
      if (beta == 0.0f)
        for (guint i = 0; i < M; i++)
          memset (c + (gsize) i * ldc, 0, N * sizeof (float));
      return;
    }
#ifdef CG_GEMM_AVX512
  if (use_avx512 ())
    {
      if (trans_b && M <= NR && N > 2 * M)
        gemm_avx512_swapped (trans_a, M, N, K, a, lda, b, ldb, beta != 0.0f, c, ldc);
      else if (!trans_b && M > MR && M <= NARROW_ROWS)
        gemm_avx512_narrow (trans_a, M, N, K, a, lda, b, ldb, beta != 0.0f, c, ldc);
      else
        gemm_avx512 (trans_a, trans_b, M, N, K, a, lda, b, ldb, beta != 0.0f, c, ldc);
      return;
    }
#endif
  cblas_sgemm (CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
               trans_b ? CblasTrans : CblasNoTrans, (int) M, (int) N, (int) K, 1.0f, a,
               (int) lda, b, (int) ldb, beta, c, (int) ldc);
}
