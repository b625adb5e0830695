/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-simd.h: explicit 8-wide float arithmetic for the engine's hot element-wise loops,
 * cache-line aligned buffers, and the split of such loops across an OpenMP team.
 *
 * The project builds at -O2, where GCC only vectorises a loop if no scalar remainder is
 * needed, and never with -ffast-math (it breaks NaN checks and changes results). So the hot
 * loops are written with GCC's vector extensions, eight floats at a time, and a scalar tail.
 * CG_SIMD_CLONES compiles such a function twice, for AVX2 and for baseline x86-64 (where
 * each 8-wide operation becomes two SSE ones), and the loader picks one per machine. AVX2
 * without FMA: both clones round exactly alike, so results do not depend on the clone.
 *
 * Vectors never cross a function boundary (that would change the baseline ABI): helpers
 * are macros.
 */
#pragma once

#include <glib.h>
#include <string.h>

typedef float  CgV8  __attribute__ ((vector_size (32)));
typedef gint32 CgV8i __attribute__ ((vector_size (32)));

/* Not under clang: clang 14 keeps a target_clones dispatcher local to its file, so calls
 * from other files fail to link. Not under ASan either: the clones' ifunc resolvers run
 * during relocation, which can come before the sanitizer runtime has started. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) \
    && !defined(__SANITIZE_ADDRESS__)
#define CG_SIMD_CLONES __attribute__ ((target_clones ("avx2", "default")))
#else
#define CG_SIMD_CLONES
#endif

#define CG_V8_LOAD(v, p)  memcpy (&(v), (p), sizeof (CgV8))
#define CG_V8_STORE(p, v) memcpy ((p), &(v), sizeof (CgV8))
/* Bitwise select: a where mask is all ones, b elsewhere. */
#define CG_V8_SELECT(mask, a, b) \
  ((CgV8) (((mask) & (CgV8i) (a)) | (~(mask) & (CgV8i) (b))))

/* ---- cache lines ----
 *
 * Buffers that two threads write side by side start on a cache line, and their shares
 * end on one, so no line is ever written by both. */
#define CG_LINE_BYTES  64
#define CG_LINE_FLOATS (CG_LINE_BYTES / (int) sizeof (float))

/* n zeroed floats on a cache line boundary; free with g_aligned_free. */
static inline float *
cg_lines_alloc (gsize n)
{
  return g_aligned_alloc0 (MAX (n, 1), sizeof (float), CG_LINE_BYTES);
}

/* ---- splitting work across threads ----
 *
 * The element-wise kernels run between the products, so on one thread they would leave the
 * other cores idle for ~40% of a step. CG_PARALLEL_IF (cond) opens an OpenMP team when built
 * with OpenMP (otherwise it only evaluates cond, and the block runs once, on the whole
 * range), and CG_FOR_EACH_SHARE hands out fixed shares of [0, n) to its threads.
 * Only independent rows, items, columns or elements are ever split: every sum is still
 * formed by one thread, in the serial order, so the element-wise results do not depend on
 * the thread count. The team size is set with omp_set_num_threads by the trainer, from
 * config.threads. */
#ifdef _OPENMP
#include <omp.h>
#define CG_PRAGMA(x) _Pragma (#x)
#define CG_PARALLEL_IF(cond) CG_PRAGMA (omp parallel if (cond))
#else
#define CG_PARALLEL_IF(cond) (void) (cond);
#endif

/* Work below this many floats runs on one thread: waking the team costs a few µs. */
#define CG_PARALLEL_MIN 16384

/* Shares per thread of element-wise work: two, handed out as threads come free, so that a
 * thread that arrives late (the cores are shared) leaves part of its work to the other.
 * Products take one share per thread: each share repacks the product's shared operand, and
 * bigger calls run closer to the BLAS's best. Share bounds depend only on n and the team's
 * size, never on which thread takes which, so results do not change from run to run. */
#define CG_SHARES_PER_THREAD 2
#define CG_PRODUCT_SHARES_PER_THREAD 1

static inline gsize
cg_n_shares (gsize per_thread)
{
#ifdef _OPENMP
  gsize n_threads = (gsize) omp_get_num_threads ();

  return n_threads > 1 ? n_threads * per_thread : 1;
#else
  (void) per_thread;
  return 1;
#endif
}

/* Share s of n_shares of [0, n), in whole units of `unit` (so the shares of vector loops end
 * on vector boundaries and only the last share has a scalar tail, exactly as in the serial
 * loop). FALSE when it is empty. */
static inline gboolean
cg_share (gsize  n,
          gsize  unit,
          gsize  s,
          gsize  n_shares,
          gsize *begin,
          gsize *end)
{
  gsize units = (n + unit - 1) / unit;

  *begin = MIN (n, units * s / n_shares * unit);
  *end = MIN (n, units * (s + 1) / n_shares * unit);
  return *end > *begin;
}

/* Inside a CG_PARALLEL_IF block: runs the next statement once per non-empty share [lo, hi)
 * of [0, n), per_thread shares per thread, going to whichever thread is free. No barrier
 * after: the shares of one loop and the next never touch the same outputs (the team's end
 * waits for all). */
#ifdef _OPENMP
#define CG_FOR_EACH_SHARE_OF(n, unit, per_thread, lo, hi)                     \
  CG_PRAGMA (omp for schedule (dynamic, 1) nowait)                           \
  for (gsize share_ = 0; share_ < cg_n_shares (per_thread); share_++)         \
    if (cg_share ((n), (unit), share_, cg_n_shares (per_thread), &(lo), &(hi)))
#else
#define CG_FOR_EACH_SHARE_OF(n, unit, per_thread, lo, hi)                     \
  for (gsize share_ = 0; share_ < 1; share_++)                                \
    if (cg_share ((n), (unit), share_, 1, &(lo), &(hi)))
#endif

#define CG_FOR_EACH_SHARE(n, unit, lo, hi) \
  CG_FOR_EACH_SHARE_OF (n, unit, CG_SHARES_PER_THREAD, lo, hi)
#define CG_FOR_EACH_PRODUCT_SHARE(n, unit, lo, hi) \
  CG_FOR_EACH_SHARE_OF (n, unit, CG_PRODUCT_SHARES_PER_THREAD, lo, hi)
