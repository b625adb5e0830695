/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-simd.h: explicit 8- and 16-wide float arithmetic for the engine's hot element-wise
 * loops, cache-line aligned buffers, and the split of such loops across the team.
 *
 * The project builds at -O2, where GCC only vectorises a loop if no scalar remainder is
 * needed, and never with -ffast-math (it breaks NaN checks and changes results). So the hot
 * loops are written with GCC's vector extensions, eight floats at a time, and a scalar tail.
 * CG_SIMD_CLONES compiles such a function twice, for AVX2 and for baseline x86-64 (where
 * each 8-wide operation becomes two SSE ones), and the loader picks one per machine.
 *
 * The hottest loops work on sixteen lanes. A 16-float vector is one instruction under
 * AVX-512, but GCC lowers it badly for AVX2 (broadcasts through the stack, compares one
 * lane at a time), so those kernels are written once over a vector of CG_W floats and
 * compiled per width (cg-simd-widths.h): eight under AVX2, where each 16-lane chunk is two
 * vectors holding the same lanes, and sixteen under AVX-512 and in the portable path,
 * which any machine can run, so that an AVX2 machine too can compare both widths
 * (tests/cgan/test-simd.c). CG_SIMD_PICK calls the one for the machine.
 *
 * The engine builds with -ffp-contract=off, so no clone or width fuses a multiply and an
 * add the others do apart, and every lane sees the same operations in the same order:
 * every path rounds exactly alike, and results do not depend on the machine.
 *
 * Vectors never cross a function boundary (that would change the baseline ABI): helpers
 * are macros, or inline functions compiled for their caller's width.
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
#else
#define CG_SIMD_CLONES
#endif

#define CG_V8_LOAD(v, p)  memcpy (&(v), (p), sizeof (CgV8))
#define CG_V8_STORE(p, v) memcpy ((p), &(v), sizeof (CgV8))
/* Bitwise select: a where mask is all ones, b elsewhere. */
#define CG_V8_SELECT(mask, a, b) \
  ((CgV8) (((mask) & (CgV8i) (a)) | (~(mask) & (CgV8i) (b))))

/* ---- 16-lane kernels, per width (cg-simd-widths.h) ---- */

/* Explicit target attributes and a run-time check rather than target_clones: they work
 * under clang and under ASan alike. */
#if defined(__x86_64__) && defined(__GNUC__)
#define CG_SIMD_X86 1
#else
#define CG_SIMD_X86 0
#endif

typedef enum
{
  CG_SIMD_PORTABLE,
  CG_SIMD_AVX2,
  CG_SIMD_AVX512,
} CgSimdLevel;

/* The widest path this machine runs, looked up once; CINEGAN_SIMD=avx2 or portable caps
 * it, so that the paths' results can be compared on one machine. */
CgSimdLevel cg_simd_level (void);
/* The kernels run at level from now on, or at the machine's widest if that is lower: for
 * tests that compare the paths. */
void        cg_simd_set_level (CgSimdLevel level);

/* The kernel f##_avx512, f##_avx2 or f##_portable for this machine. */
#if CG_SIMD_X86
#define CG_SIMD_PICK(f)                                  \
  (cg_simd_level () == CG_SIMD_AVX512 ? f##_avx512      \
   : cg_simd_level () == CG_SIMD_AVX2 ? f##_avx2 : f##_portable)
#else
#define CG_SIMD_PICK(f) f##_portable
#endif

/* Inside a kernel file: CG_W floats per vector, and its vocabulary. The 16-lane chunks of
 * a kernel are CG_PARTS vectors; CG_FOR_VECS runs over the vectors of n floats, unrolled,
 * so that an array of them lives in registers. */
#define CG_SIMD_PASTE_(a, b) a##b
#define CG_SIMD_PASTE(a, b)  CG_SIMD_PASTE_ (a, b)
#define CG_VEC               CG_SIMD_PASTE (CgV, CG_W)
#define CG_VECI              CG_SIMD_PASTE (CG_VEC, i)
#define CG_PARTS             (16 / CG_W)
#define CG_VLOAD(v, p)       memcpy (&(v), (p), sizeof (CG_VEC))
#define CG_VSTORE(p, v)      memcpy ((p), &(v), sizeof (CG_VEC))
#define CG_VSELECT(mask, a, b) \
  ((CG_VEC) (((mask) & (CG_VECI) (a)) | (~(mask) & (CG_VECI) (b))))
#define CG_FOR_VECS(k, n) \
  _Pragma ("GCC unroll 16") for (guint k = 0; k < (n) / CG_W; k++)

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
