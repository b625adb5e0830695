/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-simd-axpy.h: out[0..n) += w · row[0..n) at one width, for the kernel files that
 * include it and, through cg-simd-widths.h, for the code that calls it per machine.
 */

/* Sixteen floats at a time: at -O2 GCC leaves loops whose length it does not know scalar.
 * Element-wise, so every width and the scalar tail round alike (with w = 1 it is a plain
 * add: x · 1 is x). Inline, so that a kernel's loop over rows keeps it in registers. */
CG_KERNEL inline void
CG_SIMD_FN (cg_simd_axpy) (float       *restrict out,
                           const float *restrict row,
                           float                 w,
                           gsize                 n)
{
  gsize i = 0;

  for (; i + 16 <= n; i += 16)
    CG_FOR_VECS (k, 16)
      {
        CG_VEC o, r;

        CG_VLOAD (o, out + i + k * CG_W);
        CG_VLOAD (r, row + i + k * CG_W);
        o += w * r;
        CG_VSTORE (out + i + k * CG_W, o);
      }
  for (; i < n; i++)
    out[i] += w * row[i];
}
