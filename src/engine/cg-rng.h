/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-rng.h: explicit, seedable random numbers.
 *
 * xoshiro256** seeded through splitmix64. The state is a plain struct the caller owns and
 * passes in, never a hidden global, so that a run is reproducible from its seed and a worker
 * thread can own its own stream. Not for cryptography.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} CgRng;

void    cg_rng_seed          (CgRng *rng, guint64 seed);
guint64 cg_rng_next_u64      (CgRng *rng);
/* Uniform in [0, n), without modulo bias. n must be > 0. */
guint32 cg_rng_uniform_int   (CgRng *rng, guint32 n);
/* Uniform in [0, 1), 24 random bits: exactly representable in a float. */
float   cg_rng_uniform_float (CgRng *rng);
/* Uniform in [0, 1), 53 random bits. */
double  cg_rng_uniform_double (CgRng *rng);
/* Standard normal N(0, 1), Box–Muller on doubles. */
float   cg_rng_normal        (CgRng *rng);
/* Fills out[0..n) with U(−bound, bound): the usual dense-layer initialisation. */
void    cg_rng_fill_uniform  (CgRng *rng, float *out, gsize n, float bound);
/* Fills out[0..n) with N(0, stddev^2). */
void    cg_rng_fill_normal   (CgRng *rng, float *out, gsize n, float stddev);
/* Fisher–Yates shuffle of a guint32 array. */
void    cg_rng_shuffle_u32   (CgRng *rng, guint32 *values, gsize n);
/* Copies k of values[0..n) (k ≤ n), each k-subset equally likely, into out in their order;
 * one draw per value passed over. Returns the number copied. */
gsize   cg_rng_sample_u32    (CgRng *rng, const guint32 *values, gsize n, gsize k,
                              guint32 *out);

G_END_DECLS
