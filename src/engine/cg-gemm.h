/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-gemm.h: the matrix products of training, C = β·C + op(A) · op(B), row-major.
 *
 * Training's products are thin (an inner size of 64 for most of them) and many (about 4000
 * an epoch), and OpenBLAS's kernels depend on its build, its version and what the
 * environment tells it (OPENBLAS_CORETYPE). So on a CPU with AVX-512, or with AVX2 and FMA,
 * the products run on a kernel of our own: blocks of C held in registers, one multiply-add
 * per element of op(A) · op(B) in the order of the inner index, op(B) read in place or,
 * when transposed, packed 32 columns at a time. The two kernels give the same floats, bit
 * for bit, whichever the CPU has; the kernel is the one of the width the rest of the engine
 * runs at (CINEGAN_SIMD=avx2 takes the AVX2 kernel on a CPU that has both). Elsewhere, or
 * with CINEGAN_KERNELS=blas in the environment, every product is one cblas_sgemm call.
 *
 * OpenBLAS rounds differently (it blocks and orders its sums its own way), so a training's
 * floats depend on whether it runs: both are exact to float rounding, and each is the same
 * from run to run.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* C (M, N) = beta · C + op(A) (M, K) · op(B) (K, N); beta is 0 or 1. op(A) is A (M, K) or,
 * with trans_a, Aᵀ of A stored (K, M); likewise op(B). lda, ldb, ldc: row strides. */
void        cg_gemm           (gboolean trans_a, gboolean trans_b, guint M, guint N,
                               guint K, const float *a, guint lda, const float *b,
                               guint ldb, float beta, float *c, guint ldc);

/* Which path cg_gemm takes now: "avx512", "avx2" or "blas". */
const char *cg_gemm_kernel    (void);
/* Every product from now on on the kernel named ("avx512", "avx2" or "blas"), or with NULL
 * on the machine's best; FALSE, and nothing changed, when this CPU lacks it. For the tests
 * and benchmarks, which compare the paths; not to be called while products run. */
gboolean    cg_gemm_use       (const char *kernel);

G_END_DECLS
