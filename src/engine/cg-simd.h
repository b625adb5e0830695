/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-simd.h: explicit 8- and 16-wide float arithmetic for the engine's hot element-wise
 * loops, cache-line aligned buffers, and the split of such loops across the team.
 *
 * The project builds at -O2, where GCC only vectorises a loop if no scalar remainder is
 * needed, and never with -ffast-math (it breaks NaN checks and changes results). So the hot
 * loops are written with GCC's vector extensions, eight floats at a time, and a scalar tail.
 * CG_SIMD_CLONES compiles such a function twice, for AVX2 and for baseline x86-64 (where
 * each 8-wide operation becomes two SSE ones), and the loader picks one per machine; the
 * hottest loops are 16 wide and CG_SIMD_CLONES_512 adds an AVX-512 clone, where each
 * operation is one instruction. The engine builds with -ffp-contract=off, so no clone fuses
 * a multiply and an add the others do apart: every clone rounds exactly alike, and results
 * do not depend on the clone.
 *
 * Vectors never cross a function boundary (that would change the baseline ABI): helpers
 * are macros.
 */
#pragma once

#include <glib.h>
#include <string.h>

typedef float  CgV8   __attribute__ ((vector_size (32)));
typedef gint32 CgV8i  __attribute__ ((vector_size (32)));
typedef float  CgV16  __attribute__ ((vector_size (64)));
typedef gint32 CgV16i __attribute__ ((vector_size (64)));

/* Not under clang: clang 14 keeps a target_clones dispatcher local to its file, so calls
 * from other files fail to link. Not under ASan either: the clones' ifunc resolvers run
 * during relocation, which can come before the sanitizer runtime has started. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) \
    && !defined(__SANITIZE_ADDRESS__)
#define CG_SIMD_CLONES __attribute__ ((target_clones ("avx2", "default")))
#define CG_SIMD_CLONES_512 __attribute__ ((target_clones ("avx512f", "avx2", "default")))
#else
#define CG_SIMD_CLONES
#define CG_SIMD_CLONES_512
#endif

#define CG_V8_LOAD(v, p)  memcpy (&(v), (p), sizeof (CgV8))
#define CG_V8_STORE(p, v) memcpy ((p), &(v), sizeof (CgV8))
/* Bitwise select: a where mask is all ones, b elsewhere. */
#define CG_V8_SELECT(mask, a, b) \
  ((CgV8) (((mask) & (CgV8i) (a)) | (~(mask) & (CgV8i) (b))))

#define CG_V16_LOAD(v, p)  memcpy (&(v), (p), sizeof (CgV16))
#define CG_V16_STORE(p, v) memcpy ((p), &(v), sizeof (CgV16))
#define CG_V16_SELECT(mask, a, b) \
  ((CgV16) (((mask) & (CgV16i) (a)) | (~(mask) & (CgV16i) (b))))

/* out[0..n) += w · row[0..n), sixteen floats at a time: at -O2 GCC leaves loops whose
 * length it does not know scalar. Element-wise, so every clone and the scalar tail round
 * alike (with w = 1 it is a plain add: x · 1 is x). Inline, for the caller's clones. */
static inline void
cg_simd_axpy (float       *restrict out,
              const float *restrict row,
              float                 w,
              gsize                 n)
{
  gsize i = 0;

  for (; i + 16 <= n; i += 16)
    {
      CgV16 o, r;

      CG_V16_LOAD (o, out + i);
      CG_V16_LOAD (r, row + i);
      o += w * r;
      CG_V16_STORE (out + i, o);
    }
  for (; i < n; i++)
    out[i] += w * row[i];
}

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

/* ---- splitting work across threads (cg-team.h) ----
 *
 * The element-wise kernels run between the products, so on one thread they would leave the
 * other cores idle for ~40% of a step: they are split across the calling thread's team.
 * Only independent rows, items, columns or elements are ever split: every sum is still
 * formed by one thread, in the serial order, so the element-wise results do not depend on
 * the thread count. */

/* Work below this many floats runs on one thread: handing out shares costs a few µs. */
#define CG_PARALLEL_MIN 16384

/* Shares per thread of element-wise work: two, handed out as threads come free, so that a
 * thread that arrives late (the cores are shared) leaves part of its work to the other.
 * Products take one share per thread: each share repacks the product's shared operand, and
 * bigger calls run closer to the kernel's best. */
#define CG_SHARES_PER_THREAD 2
#define CG_PRODUCT_SHARES_PER_THREAD 1
