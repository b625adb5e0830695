/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-simd.c: which width the 16-lane kernels run at on this machine (cg-simd.h).
 */
#include "cg-simd.h"

static CgSimdLevel
detect_level (void)
{
  CgSimdLevel level = CG_SIMD_PORTABLE;
  const char *cap = g_getenv ("CINEGAN_SIMD");

#if CG_SIMD_X86
  if (__builtin_cpu_supports ("avx512f"))
    level = CG_SIMD_AVX512;
  else if (__builtin_cpu_supports ("avx2"))
    level = CG_SIMD_AVX2;
#endif
  if (g_strcmp0 (cap, "portable") == 0)
    level = CG_SIMD_PORTABLE;
  else if (g_strcmp0 (cap, "avx2") == 0)
    level = MIN (level, CG_SIMD_AVX2);
  return level;
}

CgSimdLevel
cg_simd_level (void)
{
  /* Stored as level + 1: g_once_init_enter waits on 0. */
  static gsize once = 0;

  if (g_once_init_enter (&once))
    g_once_init_leave (&once, (gsize) detect_level () + 1);
  return (CgSimdLevel) (once - 1);
}
