/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-rng.c: the explicit random number generator (cg-rng.h).
 *
 * Known answers for the seeding (splitmix64 from 0 has published outputs) and for the
 * first xoshiro256** outputs, recomputed here from the published recurrence; then the
 * properties the rest of the engine leans on: a seed fixes the stream, different seeds
 * give different streams, bounded integers stay in range and are not visibly biased,
 * floats are in [0, 1), normals have mean 0 and variance 1, shuffles are permutations,
 * samples are ordered subsets that take each value equally often.
 */
#include <math.h>
#include <string.h>

#include "cg-rng.h"
#include "cg-test-util.h"

/* ---- an independent reference of xoshiro256** ---- */

static guint64
ref_rotl (guint64 x,
          int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
ref_next (guint64 s[4])
{
  guint64 result = ref_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = ref_rotl (s[3], 45);
  return result;
}

/* ---- tests ---- */

START_TEST (test_seed_known_answer)
{
  /* splitmix64 started from 0: the first four outputs are published test vectors. */
  static const guint64 expected[4] = {
    G_GUINT64_CONSTANT (0xe220a8397b1dcdaf), G_GUINT64_CONSTANT (0x6e789e6aa1b965f4),
    G_GUINT64_CONSTANT (0x06c45d188009454f), G_GUINT64_CONSTANT (0xf88bb8a8724c81ec),
  };
  CgRng rng;

  cg_rng_seed (&rng, 0);
  for (guint i = 0; i < 4; i++)
    ck_assert_msg (rng.s[i] == expected[i], "state word %u is %016" G_GINT64_MODIFIER "x", i,
                   rng.s[i]);
}
END_TEST

START_TEST (test_next_matches_reference)
{
  CgRng rng;
  guint64 ref[4];

  cg_rng_seed (&rng, 12345);
  memcpy (ref, rng.s, sizeof ref);
  for (guint i = 0; i < 1000; i++)
    ck_assert_msg (cg_rng_next_u64 (&rng) == ref_next (ref), "output %u differs", i);
}
END_TEST

START_TEST (test_same_seed_same_stream)
{
  CgRng a, b;

  cg_rng_seed (&a, 7);
  cg_rng_seed (&b, 7);
  for (guint i = 0; i < 100; i++)
    ck_assert_uint_eq (cg_rng_next_u64 (&a), cg_rng_next_u64 (&b));
}
END_TEST

START_TEST (test_different_seeds_differ)
{
  /* Neighbouring seeds must not give overlapping or equal streams. */
  for (guint64 seed = 0; seed < 50; seed++)
    {
      CgRng a, b;
      guint same = 0;

      cg_rng_seed (&a, seed);
      cg_rng_seed (&b, seed + 1);
      for (guint i = 0; i < 64; i++)
        same += cg_rng_next_u64 (&a) == cg_rng_next_u64 (&b);
      ck_assert_msg (same == 0, "seeds %" G_GUINT64_FORMAT " and +1 agree %u times", seed, same);
    }
}
END_TEST

START_TEST (test_uniform_int_range_and_balance)
{
  /* n = 7 is not a power of two, so a modulo bias would show; n = 3·2^30 makes the naive
   * multiply-shift visibly biased, and the rejection step must keep it in range. */
  static const guint32 bounds[] = { 1, 2, 7, 1000, 3u << 30, G_MAXUINT32 };
  CgRng rng;
  guint counts[7] = { 0 };
  const guint n_draws = 70000;

  cg_rng_seed (&rng, 3);
  for (guint b = 0; b < G_N_ELEMENTS (bounds); b++)
    for (guint i = 0; i < 10000; i++)
      ck_assert_uint_lt (cg_rng_uniform_int (&rng, bounds[b]), bounds[b]);

  for (guint i = 0; i < n_draws; i++)
    counts[cg_rng_uniform_int (&rng, 7)]++;
  {
    /* Chi-square with 6 degrees of freedom: P(χ² > 22.46) = 0.001. */
    double expected = n_draws / 7.0, chi2 = 0.0;

    for (guint v = 0; v < 7; v++)
      chi2 += (counts[v] - expected) * (counts[v] - expected) / expected;
    ck_assert_msg (chi2 < 22.46, "chi-square %.2f over 7 bins", chi2);
  }

  /* The top half of [0, 3·2^30) must be reached as often as the bottom half. */
  {
    guint high = 0;

    for (guint i = 0; i < 20000; i++)
      high += cg_rng_uniform_int (&rng, 3u << 30) >= (3u << 29);
    ck_assert_msg (high > 9500 && high < 10500, "upper half drawn %u of 20000 times", high);
  }
}
END_TEST

START_TEST (test_uniform_float_and_double)
{
  CgRng rng;
  double sum_f = 0.0, sum_d = 0.0;
  const guint n = 100000;

  cg_rng_seed (&rng, 11);
  for (guint i = 0; i < n; i++)
    {
      float f = cg_rng_uniform_float (&rng);
      double d = cg_rng_uniform_double (&rng);

      ck_assert_msg (f >= 0.0f && f < 1.0f, "float %.9g outside [0, 1)", f);
      ck_assert_msg (d >= 0.0 && d < 1.0, "double %.17g outside [0, 1)", d);
      /* 24 bits: every value is a multiple of 2^-24, exactly representable. */
      ck_assert_msg (f * 16777216.0f == floorf (f * 16777216.0f), "float %.9g not on the grid", f);
      sum_f += f;
      sum_d += d;
    }
  /* Standard error of the mean of U(0,1) over 1e5 draws is 0.0009. */
  ck_assert_double_eq_tol (sum_f / n, 0.5, 0.005);
  ck_assert_double_eq_tol (sum_d / n, 0.5, 0.005);
}
END_TEST

START_TEST (test_normal_moments)
{
  CgRng rng;
  const guint n = 200000;
  double sum = 0.0, sum_sq = 0.0;
  g_autofree float *values = g_new (float, n);
  guint beyond_3 = 0;

  cg_rng_seed (&rng, 5);
  cg_rng_fill_normal (&rng, values, n, 1.0f);
  for (guint i = 0; i < n; i++)
    {
      ck_assert_msg (isfinite (values[i]), "normal draw %u is %g", i, values[i]);
      sum += values[i];
      sum_sq += (double) values[i] * values[i];
      beyond_3 += fabsf (values[i]) > 3.0f;
    }
  ck_assert_double_eq_tol (sum / n, 0.0, 0.01);
  ck_assert_double_eq_tol (sum_sq / n - (sum / n) * (sum / n), 1.0, 0.02);
  /* P(|z| > 3) = 0.0027: about 540 of 200,000. */
  ck_assert_msg (beyond_3 > 400 && beyond_3 < 700, "%u draws beyond 3 sigma", beyond_3);

  /* stddev scales the draws: same stream, twice the spread. */
  {
    CgRng a, b;
    float x[16], y[16];

    cg_rng_seed (&a, 9);
    cg_rng_seed (&b, 9);
    cg_rng_fill_normal (&a, x, 16, 1.0f);
    cg_rng_fill_normal (&b, y, 16, 2.0f);
    for (guint i = 0; i < 16; i++)
      ck_assert_float_eq_tol (y[i], 2.0f * x[i], 1e-6f);
  }
}
END_TEST

START_TEST (test_shuffle_is_permutation)
{
  CgRng rng;
  guint32 values[50];
  guint moved = 0;
  guint first_counts[5] = { 0 };

  cg_rng_seed (&rng, 21);
  for (guint32 i = 0; i < 50; i++)
    values[i] = i;
  cg_rng_shuffle_u32 (&rng, values, 50);
  {
    gboolean seen[50] = { FALSE };

    for (guint i = 0; i < 50; i++)
      {
        ck_assert_uint_lt (values[i], 50);
        ck_assert_msg (!seen[values[i]], "value %u appears twice", values[i]);
        seen[values[i]] = TRUE;
        moved += values[i] != i;
      }
  }
  ck_assert_msg (moved > 30, "only %u of 50 values moved", moved);

  /* Every position is equally likely for an element: shuffle 5 often, count what lands
   * first (10,000 draws, 2,000 expected each). */
  for (guint t = 0; t < 10000; t++)
    {
      guint32 v[5] = { 0, 1, 2, 3, 4 };

      cg_rng_shuffle_u32 (&rng, v, 5);
      first_counts[v[0]]++;
    }
  for (guint i = 0; i < 5; i++)
    ck_assert_msg (first_counts[i] > 1800 && first_counts[i] < 2200,
                   "value %u came first %u times of 10000", i, first_counts[i]);

  /* n = 0 and n = 1 are no-ops. */
  values[0] = 99;
  cg_rng_shuffle_u32 (&rng, values, 1);
  ck_assert_uint_eq (values[0], 99);
  cg_rng_shuffle_u32 (&rng, NULL, 0);
}
END_TEST

START_TEST (test_sample_is_ordered_uniform_subset)
{
  CgRng rng;
  const guint32 values[6] = { 3, 8, 9, 20, 21, 40 };
  guint32 out[6];
  guint counts[6] = { 0 };

  cg_rng_seed (&rng, 5);
  /* Each value is taken k/n of the time: 12,000 draws of 2 of 6, 4,000 expected each. */
  for (guint t = 0; t < 12000; t++)
    {
      ck_assert_uint_eq (cg_rng_sample_u32 (&rng, values, 6, 2, out), 2);
      ck_assert_msg (out[0] < out[1], "sample out of order: %u, %u", out[0], out[1]);
      for (guint i = 0; i < 6; i++)
        counts[i] += values[i] == out[0] || values[i] == out[1];
    }
  for (guint i = 0; i < 6; i++)
    ck_assert_msg (counts[i] > 3700 && counts[i] < 4300, "value %u taken %u times of 12000",
                   values[i], counts[i]);

  /* k = n takes everything, k = 0 nothing. */
  ck_assert_uint_eq (cg_rng_sample_u32 (&rng, values, 6, 6, out), 6);
  for (guint i = 0; i < 6; i++)
    ck_assert_uint_eq (out[i], values[i]);
  ck_assert_uint_eq (cg_rng_sample_u32 (&rng, values, 6, 0, out), 0);
}
END_TEST

static Suite *
rng_suite (void)
{
  Suite *suite = suite_create ("rng");
  TCase *tc = tcase_create ("core");

  /* The statistical checks draw a few 100,000 numbers: well under a second, but slow under
   * valgrind or a sanitizer. */
  tcase_set_timeout (tc, 20);
  tcase_add_test (tc, test_seed_known_answer);
  tcase_add_test (tc, test_next_matches_reference);
  tcase_add_test (tc, test_same_seed_same_stream);
  tcase_add_test (tc, test_different_seeds_differ);
  tcase_add_test (tc, test_uniform_int_range_and_balance);
  tcase_add_test (tc, test_uniform_float_and_double);
  tcase_add_test (tc, test_normal_moments);
  tcase_add_test (tc, test_shuffle_is_permutation);
  tcase_add_test (tc, test_sample_is_ordered_uniform_subset);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (rng_suite ());
}
