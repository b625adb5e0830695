/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-simd.c: which width the 16-lane kernels run at on this machine (cg-simd.h).
 */
#include "cg-simd.h"

/* The level + 1, 0 until first asked for. */
static gint current_level;

static CgSimdLevel
machine_level (void)
{
#if CG_SIMD_X86
  if (__builtin_cpu_supports ("avx512f"))
    return CG_SIMD_AVX512;
  if (__builtin_cpu_supports ("avx2"))
    return CG_SIMD_AVX2;
#endif
  return CG_SIMD_PORTABLE;
}

static CgSimdLevel
capped_level (void)
{
  const char *cap = g_getenv ("CINEGAN_SIMD");

  if (g_strcmp0 (cap, "portable") == 0)
    return CG_SIMD_PORTABLE;
  if (g_strcmp0 (cap, "avx2") == 0)
    return MIN (machine_level (), CG_SIMD_AVX2);
  return machine_level ();
}

CgSimdLevel
cg_simd_level (void)
{
  gint level = g_atomic_int_get (&current_level);

  /* Threads that ask at once all find the same answer. */
  if (G_UNLIKELY (level == 0))
    {
      level = (gint) capped_level () + 1;
      g_atomic_int_set (&current_level, level);
    }
  return (CgSimdLevel) (level - 1);
}

void
cg_simd_set_level (CgSimdLevel level)
{
  g_atomic_int_set (&current_level, (gint) MIN (level, machine_level ()) + 1);
}
