/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-rng.c: xoshiro256** (Blackman & Vigna) with splitmix64 seeding.
 */
#include "cg-rng.h"

#include <math.h>

static guint64
splitmix64_next (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

void
cg_rng_seed (CgRng  *rng,
             guint64 seed)
{
  guint64 x = seed;

  g_return_if_fail (rng != NULL);

  /* splitmix64 never yields an all-zero state from any seed in practice, and it spreads
   * neighbouring seeds (0, 1, 2 …) far apart. */
  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64_next (&x);
}

guint64
cg_rng_next_u64 (CgRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

guint32
cg_rng_uniform_int (CgRng  *rng,
                    guint32 n)
{
  /* Lemire's multiply-and-reject: unbiased, and almost never loops. */
  guint64 m;
  guint32 low;

  g_assert (n > 0);

  m = (guint64) (guint32) (cg_rng_next_u64 (rng) >> 32) * n;
  low = (guint32) m;
  if (low < n)
    {
      guint32 threshold = (guint32) (-n) % n;

      while (low < threshold)
        {
          m = (guint64) (guint32) (cg_rng_next_u64 (rng) >> 32) * n;
          low = (guint32) m;
        }
    }
  return (guint32) (m >> 32);
}

float
cg_rng_uniform_float (CgRng *rng)
{
  return (float) (cg_rng_next_u64 (rng) >> 40) * (1.0f / 16777216.0f);
}

double
cg_rng_uniform_double (CgRng *rng)
{
  return (double) (cg_rng_next_u64 (rng) >> 11) * (1.0 / 9007199254740992.0);
}

float
cg_rng_normal (CgRng *rng)
{
  /* 1 - u is in (0, 1], so the log is finite. */
  double u1 = 1.0 - cg_rng_uniform_double (rng);
  double u2 = cg_rng_uniform_double (rng);

  return (float) (sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2));
}

void
cg_rng_fill_uniform (CgRng *rng,
                     float *out,
                     gsize  n,
                     float  bound)
{
  for (gsize i = 0; i < n; i++)
    out[i] = bound * (2.0f * cg_rng_uniform_float (rng) - 1.0f);
}

void
cg_rng_fill_normal (CgRng *rng,
                    float *out,
                    gsize  n,
                    float  stddev)
{
  for (gsize i = 0; i < n; i++)
    out[i] = stddev * cg_rng_normal (rng);
}

void
cg_rng_shuffle_u32 (CgRng   *rng,
                    guint32 *values,
                    gsize    n)
{
  for (gsize i = n; i > 1; i--)
    {
      guint32 j = cg_rng_uniform_int (rng, (guint32) i);
      guint32 tmp = values[i - 1];

      values[i - 1] = values[j];
      values[j] = tmp;
    }
}

/* Selection sampling (Knuth's algorithm S): value j is taken with probability
 * (still needed) / (still left), which keeps every k-subset equally likely and the
 * values' order, with no scratch memory. */
gsize
cg_rng_sample_u32 (CgRng         *rng,
                   const guint32 *values,
                   gsize          n,
                   gsize          k,
                   guint32       *out)
{
  gsize taken = 0;

  g_return_val_if_fail (k <= n, 0);
  for (gsize j = 0; j < n && taken < k; j++)
    if (cg_rng_uniform_int (rng, (guint32) (n - j)) < k - taken)
      out[taken++] = values[j];
  return taken;
}
