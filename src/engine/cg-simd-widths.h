/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-simd-widths.h: compiles the 16-lane kernels of the file CG_SIMD_KERNELS names once per
 * width, as cg-simd.h explains. Included (without a guard, once per kernel file) where the
 * kernels belong; CG_SIMD_PICK then calls the one for the machine.
 *
 * In the kernel file, CG_KERNEL starts each kernel's declaration, CG_SIMD_FN (name) names
 * it, and CG_VEC, CG_VLOAD, CG_FOR_VECS and the rest (cg-simd.h) do its arithmetic.
 */
#include "cg-simd.h"

#ifndef CG_SIMD_KERNELS
#error "define CG_SIMD_KERNELS as the kernel file to compile per width"
#endif

#define CG_SIMD_FN(f) CG_SIMD_PASTE (f##_, CG_SIMD_ISA)

#if CG_SIMD_X86
#define CG_W        16
#define CG_SIMD_ISA avx512
#define CG_KERNEL   __attribute__ ((target ("avx512f"))) static
#include CG_SIMD_KERNELS
#undef CG_W
#undef CG_SIMD_ISA
#undef CG_KERNEL

#define CG_W        8
#define CG_SIMD_ISA avx2
#define CG_KERNEL   __attribute__ ((target ("avx2"))) static
#include CG_SIMD_KERNELS
#undef CG_W
#undef CG_SIMD_ISA
#undef CG_KERNEL
#endif

#define CG_W        16
#define CG_SIMD_ISA portable
#define CG_KERNEL   static
#include CG_SIMD_KERNELS
#undef CG_W
#undef CG_SIMD_ISA
#undef CG_KERNEL

#undef CG_SIMD_FN
#undef CG_SIMD_KERNELS
