/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-gemm.c: training's matrix products, on kernels of our own (AVX-512, or AVX2 with FMA)
 * or on OpenBLAS.
 *
 * The kernels: C is cut into panels of NR = 32 columns and, within a panel, blocks of rows
 * (12 on AVX-512, whose block's 12 × 32 sums live in 24 zmm registers; 6 rows × 16 columns
 * on AVX2, in 12 of its 16 ymm registers) while the inner index k runs, each step loading
 * one row of the panel of op(B) and broadcasting one element of op(A) per row into fused
 * multiply-adds. op(A) is read in place, whichever way it is stored; op(B) too when it is
 * not transposed (a row of the panel is then 32 consecutive floats of B); a transposed
 * op(B) is first packed, KC rows of the panel at a time, into a buffer on the stack. Every
 * element of C is one chain of multiply-adds over k in order (one per KC rows when B is
 * packed or op(A) has 13–24 rows), then added to C: nothing depends on the thread count, on
 * how the caller splits C, or on which of the two kernels runs, since the chains and the
 * way K is cut depend only on the shapes.
 */
#include "cg-gemm.h"

#include "cg-simd.h"

#include <cblas.h>
/* OpenBLAS pulls in <complex.h>, whose macro I would shadow. */
#undef I
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define CG_GEMM_X86 1
#endif

/* The row block that decides how K is cut (AVX-512's: the shapes, not the machine, must
 * decide it), the panel width and the depth of a packed slab. */
#define MR 12
#define NR 32
#define KC 256
/* 13 to 24 rows of op(A) against an op(B) read in place: see gemm_narrow. */
#define NARROW_ROWS (2 * MR)
/* Rows of Cᵀ that gemm_swapped works out per block. */
#define SWAP_ROWS 384

/* What differs between the kernels: the product of a panel, and packing a transposed op(B)
 * into one (packed[k · NR + j] = op(B)(k0 + k, j0 + j), zero beyond nc). */
typedef void (*PanelRowsFunc) (gboolean trans_a, guint M, const float *a, guint lda,
                               const float *b, gsize b_k, guint k0, guint kn, guint j0,
                               guint nc, float *c, guint ldc, gboolean add);
typedef void (*PackFunc)      (float *packed, const float *b, guint ldb, guint j0, guint nc,
                               guint k0, guint kn);

typedef struct
{
  const char    *name;
  PanelRowsFunc  panel_rows;
  PackFunc       pack_transposed;
} GemmKernels;

/* ---- the AVX-512 kernel ---- */

#ifdef CG_GEMM_X86

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
panel_rows_avx512 (gboolean     trans_a,
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
pack_transposed_avx512 (float       *packed,
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

static const GemmKernels avx512_kernels = {
  "avx512", panel_rows_avx512, pack_transposed_avx512
};

/* ---- the AVX2 kernel ---- */

/* Plain C: the AVX2 kernel's packing, a small share of its product's time. */
static void
pack_transposed_plain (float       *packed,
                       const float *b,
                       guint        ldb,
                       guint        j0,
                       guint        nc,
                       guint        k0,
                       guint        kn)
{
  for (guint k = 0; k < kn; k++)
    for (guint j = 0; j < NR; j++)
      packed[k * NR + j] = j < nc ? b[(gsize) (j0 + j) * ldb + k0 + k] : 0.0f;
}

#define AVX2 __attribute__ ((target ("avx2,fma")))

/* Rows of a block: 6 × 16 sums in 12 ymm registers, beside the two vectors of a row of
 * op(B) and the broadcast element of op(A). */
#define MR_AVX2 6

/* One block of up to MR_AVX2 rows × 16 columns of one panel, the AVX-512 kernel's chains:
 * c (mr, ≤ 16) (+)= Σ_k a(r, k) · b(k, ·), the columns selected by m0 (first 8) and m1
 * (next 8). */
#define DEFINE_KERNEL_AVX2(R)                                                          \
  AVX2 static void                                                                     \
  kernel_avx2_##R (const float *restrict a, gsize a_row, gsize a_k,                    \
                   const float *restrict b, gsize b_k, guint K, __m256i m0,            \
                   __m256i m1, float *restrict c, gsize ldc, gboolean add)             \
  {                                                                                    \
    __m256 c0[R], c1[R];                                                               \
    gboolean full = _mm256_movemask_ps (_mm256_castsi256_ps (m1)) == 0xff;             \
                                                                                       \
    _Pragma ("GCC unroll 6")                                                           \
    for (int r = 0; r < R; r++)                                                        \
      {                                                                                \
        c0[r] = _mm256_setzero_ps ();                                                  \
        c1[r] = _mm256_setzero_ps ();                                                  \
      }                                                                                \
    for (guint k = 0; k < K; k++)                                                      \
      {                                                                                \
        const float *ak = a + k * a_k;                                                 \
        __m256 b0 = full ? _mm256_loadu_ps (b + k * b_k)                               \
                         : _mm256_maskload_ps (b + k * b_k, m0);                       \
        __m256 b1 = full ? _mm256_loadu_ps (b + k * b_k + 8)                           \
                         : _mm256_maskload_ps (b + k * b_k + 8, m1);                   \
                                                                                       \
        _Pragma ("GCC unroll 6")                                                       \
        for (int r = 0; r < R; r++)                                                    \
          {                                                                            \
            __m256 x = _mm256_broadcast_ss (ak + r * a_row);                           \
                                                                                       \
            c0[r] = _mm256_fmadd_ps (x, b0, c0[r]);                                    \
            c1[r] = _mm256_fmadd_ps (x, b1, c1[r]);                                    \
          }                                                                            \
      }                                                                                \
    _Pragma ("GCC unroll 6")                                                           \
    for (int r = 0; r < R; r++)                                                        \
      {                                                                                \
        float *cr = c + r * ldc;                                                       \
                                                                                       \
        if (add)                                                                       \
          {                                                                            \
            c0[r] = _mm256_add_ps (_mm256_maskload_ps (cr, m0), c0[r]);                \
            c1[r] = _mm256_add_ps (_mm256_maskload_ps (cr + 8, m1), c1[r]);            \
          }                                                                            \
        _mm256_maskstore_ps (cr, m0, c0[r]);                                           \
        _mm256_maskstore_ps (cr + 8, m1, c1[r]);                                       \
      }                                                                                \
  }

DEFINE_KERNEL_AVX2 (1)
DEFINE_KERNEL_AVX2 (2)
DEFINE_KERNEL_AVX2 (3)
DEFINE_KERNEL_AVX2 (4)
DEFINE_KERNEL_AVX2 (5)
DEFINE_KERNEL_AVX2 (6)

typedef void (*KernelAvx2Func) (const float *a, gsize a_row, gsize a_k, const float *b,
                                gsize b_k, guint K, __m256i m0, __m256i m1, float *c,
                                gsize ldc, gboolean add);

static const KernelAvx2Func kernels_avx2[MR_AVX2 + 1] = {
  NULL, kernel_avx2_1, kernel_avx2_2, kernel_avx2_3, kernel_avx2_4, kernel_avx2_5,
  kernel_avx2_6,
};

/* The first n of 8 lanes, as maskload and maskstore take them (the sign bit of each). */
AVX2 static __m256i
lanes_avx2 (guint n)
{
  __m256i index = _mm256_setr_epi32 (0, 1, 2, 3, 4, 5, 6, 7);

  return _mm256_cmpgt_epi32 (_mm256_set1_epi32 ((int) MIN (n, 8)), index);
}

/* panel_rows_avx512's work, one 16-column half of the panel at a time. */
AVX2 static void
panel_rows_avx2 (gboolean     trans_a,
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
  gsize a_row = trans_a ? 1 : lda, a_k = trans_a ? lda : 1;

  for (guint half = 0; half < nc; half += 16)
    {
      guint n = MIN (16, nc - half);
      __m256i m0 = lanes_avx2 (n), m1 = lanes_avx2 (n > 8 ? n - 8 : 0);

      for (guint i0 = 0; i0 < M; i0 += MR_AVX2)
        {
          guint mr = MIN (MR_AVX2, M - i0);
          const float *ab = a + (gsize) i0 * a_row + (gsize) k0 * a_k;

          kernels_avx2[mr] (ab, a_row, a_k, b + half, b_k, kn, m0, m1,
                            c + (gsize) i0 * ldc + j0 + half, ldc, add);
        }
    }
}

static const GemmKernels avx2_kernels = {
  "avx2", panel_rows_avx2, pack_transposed_plain
};

#endif /* CG_GEMM_X86 */

/* ---- the paths, on either kernel ---- */

/* 13 to 24 rows of op(A) against an op(B) read in place (G's backward to its hidden layer,
 * 22 × 256 × 1682): op(B) (G's output layer, 1.7 MB) is what costs, and each of two row
 * blocks would stream all of it. Taken KC inner rows at a time instead, a panel's slab of
 * op(B) (KC × 32 floats) is still in L1 when the next row block reads it; C takes the sums
 * of each slab in turn. */
static void
gemm_narrow (const GemmKernels *kern,
             gboolean           trans_a,
             guint              M,
             guint              N,
             guint              K,
             const float       *a,
             guint              lda,
             const float       *b,
             guint              ldb,
             gboolean           add,
             float             *c,
             guint              ldc)
{
  for (guint k0 = 0; k0 < K; k0 += KC)
    {
      guint kn = MIN (KC, K - k0);

      for (guint j0 = 0; j0 < N; j0 += NR)
        kern->panel_rows (trans_a, M, a, lda, b + (gsize) k0 * ldb + j0, ldb, k0, kn, j0,
                          MIN (NR, N - j0), c, ldc, add || k0 > 0);
    }
}

static void
gemm_panels (const GemmKernels *kern,
             gboolean           trans_a,
             gboolean           trans_b,
             guint              M,
             guint              N,
             guint              K,
             const float       *a,
             guint              lda,
             const float       *b,
             guint              ldb,
             gboolean           add,
             float             *c,
             guint              ldc)
{
  float packed[KC * NR] __attribute__ ((aligned (64)));

  for (guint j0 = 0; j0 < N; j0 += NR)
    {
      guint nc = MIN (NR, N - j0);

      if (!trans_b)
        {
          kern->panel_rows (trans_a, M, a, lda, b + j0, ldb, 0, K, j0, nc, c, ldc, add);
          continue;
        }
      /* op(B)(k, j) = b[j · ldb + k]: rows [k0, k0 + kn) of the panel, transposed into
       * packed (zero beyond nc), then added to what the earlier rows left in C. */
      for (guint k0 = 0; k0 < K; k0 += KC)
        {
          guint kn = MIN (KC, K - k0);

          kern->pack_transposed (packed, b, ldb, j0, nc, k0, kn);
          kern->panel_rows (trans_a, M, a, lda, packed, NR, k0, kn, j0, nc, c, ldc,
                            add || k0 > 0);
        }
    }
}

/* op(A) · Bᵀ with few rows in op(A) (the generator's products for the ~22 users of a step):
 * packing all of Bᵀ would cost more than the product. Instead Cᵀ = B · op(A)ᵀ, with B
 * read in place and op(A)ᵀ, at most one panel wide, packed; Cᵀ goes through a buffer a
 * block of rows at a time and is added into C transposed. */
static void
gemm_swapped (const GemmKernels *kern,
              gboolean           trans_a,
              guint              M,
              guint              N,
              guint              K,
              const float       *a,
              guint              lda,
              const float       *b,
              guint              ldb,
              gboolean           add,
              float             *c,
              guint              ldc)
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
          kern->panel_rows (FALSE, nj, b + (gsize) j0 * ldb, ldb, packed, NR, k0, kn, 0, M,
                            ct, NR, k0 > 0);
        }
      for (guint i = 0; i < M; i++)
        {
          float *row = c + (gsize) i * ldc + j0;

          for (guint j = 0; j < nj; j++)
            row[j] = add ? row[j] + ct[j * NR + i] : ct[j * NR + i];
        }
    }
}

/* ---- dispatch ---- */

/* The kernel cg_gemm uses, or NULL for OpenBLAS; set once, then by cg_gemm_use. */
static const GemmKernels *current;
static gsize current_set;

/* The kernel a name means on this CPU, or NULL when it has none of that name ("blas" has
 * none). __builtin_cpu_supports also checks that the OS saves the vector registers. */
static gboolean
kernels_named (const char         *name,
               const GemmKernels **kern)
{
  *kern = NULL;
  if (g_str_equal (name, "blas"))
    return TRUE;
#ifdef CG_GEMM_X86
  __builtin_cpu_init ();
  if (g_str_equal (name, "avx512") && __builtin_cpu_supports ("avx512f"))
    *kern = &avx512_kernels;
  else if (g_str_equal (name, "avx2") && __builtin_cpu_supports ("avx2")
           && __builtin_cpu_supports ("fma"))
    *kern = &avx2_kernels;
#endif
  return *kern != NULL;
}

/* The kernel of the width the element-wise kernels run at (cg_simd_level, which
 * CINEGAN_SIMD caps), so that one setting says how wide the whole engine goes. */
static const GemmKernels *
best_kernels (void)
{
  const GemmKernels *kern = NULL;

  switch (cg_simd_level ())
    {
    case CG_SIMD_AVX512:
      if (kernels_named ("avx512", &kern))
        break;
      G_GNUC_FALLTHROUGH;
    case CG_SIMD_AVX2:
      kernels_named ("avx2", &kern);
      break;
    case CG_SIMD_PORTABLE:
    default:
      break;
    }
  return kern;
}

static const GemmKernels *
kernels_now (void)
{
  if (g_once_init_enter (&current_set))
    {
      /* CINEGAN_KERNELS=blas: every product on OpenBLAS, whatever the CPU has. */
      g_atomic_pointer_set (&current, g_strcmp0 (g_getenv ("CINEGAN_KERNELS"), "blas") == 0
                                        ? NULL : best_kernels ());
      g_once_init_leave (&current_set, 1);
    }
  return g_atomic_pointer_get (&current);
}

gboolean
cg_gemm_use (const char *kernel)
{
  const GemmKernels *kern;

  kernels_now ();
  if (kernel == NULL)
    kern = best_kernels ();
  else if (!kernels_named (kernel, &kern))
    return FALSE;
  g_atomic_pointer_set (&current, kern);
  return TRUE;
}

const char *
cg_gemm_kernel (void)
{
  const GemmKernels *kern = kernels_now ();

  return kern != NULL ? kern->name : "blas";
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
  const GemmKernels *kern;

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
  kern = kernels_now ();
  if (kern != NULL)
    {
      if (trans_b && M <= NR && N > 2 * M)
        gemm_swapped (kern, trans_a, M, N, K, a, lda, b, ldb, beta != 0.0f, c, ldc);
      else if (!trans_b && M > MR && M <= NARROW_ROWS)
        gemm_narrow (kern, trans_a, M, N, K, a, lda, b, ldb, beta != 0.0f, c, ldc);
      else
        gemm_panels (kern, trans_a, trans_b, M, N, K, a, lda, b, ldb, beta != 0.0f, c, ldc);
      return;
    }
  cblas_sgemm (CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
               trans_b ? CblasTrans : CblasNoTrans, (int) M, (int) N, (int) K, 1.0f, a,
               (int) lda, b, (int) ldb, beta, c, (int) ldc);
}
