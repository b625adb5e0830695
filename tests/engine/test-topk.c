/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-topk.c: top-K selection with exclusion and deterministic ties (cg-topk.h).
 *
 * Small cases worked out by hand (exclusion, ties to the lower index, NaN last, k beyond the
 * candidates, k = 0), then random arrays over many seeds against a brute-force reference:
 * filter the excluded items, sort everything with the documented order, take the first k.
 * Random scores are drawn from a handful of values, with NaN and ±Inf mixed in, so ties
 * and special values are common rather than rare.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg-rng.h"
#include "cg-test-util.h"
#include "cg-topk.h"

START_TEST (test_simple_order)
{
  static const float scores[] = { 0.1f, 0.9f, 0.5f, 0.7f, 0.3f };
  static const guint32 expected[] = { 1, 3, 2 };
  guint32 out[3];
  float out_scores[3];
  guint n = cg_topk_select (out, out_scores, 3, scores, 5, NULL, 0);

  ck_assert_uint_eq (n, 3);
  ck_assert_mem_eq (out, expected, sizeof expected);
  ck_assert_float_eq (out_scores[0], 0.9f);
  ck_assert_float_eq (out_scores[1], 0.7f);
  ck_assert_float_eq (out_scores[2], 0.5f);
}
END_TEST

START_TEST (test_exclusion)
{
  /* The two best (1 and 3) and the first item are excluded. */
  static const float scores[] = { 0.1f, 0.9f, 0.5f, 0.7f, 0.3f, 0.6f };
  static const guint32 exclude[] = { 0, 1, 3 };
  static const guint32 expected[] = { 5, 2, 4 };
  guint32 out[4] = { 99, 99, 99, 99 };
  guint n = cg_topk_select (out, NULL, 4, scores, 6, exclude, 3);

  ck_assert_uint_eq (n, 3);
  ck_assert_mem_eq (out, expected, sizeof expected);
  ck_assert_uint_eq (out[3], 99);
}
END_TEST

START_TEST (test_exclusion_past_the_end)
{
  /* Excluded indices beyond n_items are harmless. */
  static const float scores[] = { 1.0f, 2.0f, 3.0f };
  static const guint32 exclude[] = { 2, 7, 9 };
  guint32 out[3];
  guint n = cg_topk_select (out, NULL, 3, scores, 3, exclude, 3);

  ck_assert_uint_eq (n, 2);
  ck_assert_uint_eq (out[0], 1);
  ck_assert_uint_eq (out[1], 0);
}
END_TEST

START_TEST (test_ties_to_lower_index)
{
  /* All equal: the k lowest indices, in ascending order. */
  static const float flat[8] = { 0 };
  static const float some[] = { 2.0f, 5.0f, 2.0f, 5.0f, 1.0f, 5.0f, 2.0f };
  static const guint32 exclude[] = { 3 };
  guint32 out[8];
  guint n;

  n = cg_topk_select (out, NULL, 3, flat, 8, NULL, 0);
  ck_assert_uint_eq (n, 3);
  ck_assert_uint_eq (out[0], 0);
  ck_assert_uint_eq (out[1], 1);
  ck_assert_uint_eq (out[2], 2);

  /* 5.0 at 1, 3 (excluded), 5; then 2.0 at 0, 2, 6. */
  n = cg_topk_select (out, NULL, 4, some, 7, exclude, 1);
  ck_assert_uint_eq (n, 4);
  ck_assert_uint_eq (out[0], 1);
  ck_assert_uint_eq (out[1], 5);
  ck_assert_uint_eq (out[2], 0);
  ck_assert_uint_eq (out[3], 2);

  /* -0.0 and 0.0 compare equal: a tie, so the lower index first. */
  {
    const float zeros[] = { 0.0f, -0.0f, -1.0f };

    n = cg_topk_select (out, NULL, 2, zeros, 3, NULL, 0);
    ck_assert_uint_eq (out[0], 0);
    ck_assert_uint_eq (out[1], 1);
    n = cg_topk_select (out, NULL, 2, (const float[]) { -0.0f, 0.0f }, 2, NULL, 0);
    ck_assert_uint_eq (out[0], 0);
    ck_assert_uint_eq (out[1], 1);
  }
}
END_TEST

START_TEST (test_nan_last)
{
  float scores[] = { NAN, -INFINITY, NAN, -1e30f, INFINITY, NAN };
  static const guint32 expected[] = { 4, 3, 1, 0, 2, 5 };
  guint32 out[6];
  float out_scores[6];
  guint n = cg_topk_select (out, out_scores, 6, scores, 6, NULL, 0);

  ck_assert_uint_eq (n, 6);
  ck_assert_mem_eq (out, expected, sizeof expected);
  ck_assert (isnan (out_scores[3]) && isnan (out_scores[4]) && isnan (out_scores[5]));
  ck_assert (isinf (out_scores[0]) && out_scores[0] > 0);

  /* A NaN never displaces a number, even from the last kept place. */
  n = cg_topk_select (out, NULL, 2, scores, 6, NULL, 0);
  ck_assert_uint_eq (n, 2);
  ck_assert_uint_eq (out[0], 4);
  ck_assert_uint_eq (out[1], 3);

  /* Only NaN left: still returned, lowest index first. */
  {
    static const guint32 exclude[] = { 1, 3, 4 };

    n = cg_topk_select (out, NULL, 6, scores, 6, exclude, 3);
    ck_assert_uint_eq (n, 3);
    ck_assert_uint_eq (out[0], 0);
    ck_assert_uint_eq (out[1], 2);
    ck_assert_uint_eq (out[2], 5);
  }
}
END_TEST

START_TEST (test_k_beyond_candidates_and_zero)
{
  static const float scores[] = { 3.0f, 1.0f, 2.0f };
  static const guint32 all[] = { 0, 1, 2 };
  guint32 out[10];
  guint n;

  n = cg_topk_select (out, NULL, 10, scores, 3, NULL, 0);
  ck_assert_uint_eq (n, 3);
  ck_assert_uint_eq (out[0], 0);
  ck_assert_uint_eq (out[1], 2);
  ck_assert_uint_eq (out[2], 1);

  ck_assert_uint_eq (cg_topk_select (out, NULL, 0, scores, 3, NULL, 0), 0);
  ck_assert_uint_eq (cg_topk_select (NULL, NULL, 0, scores, 3, NULL, 0), 0);
  ck_assert_uint_eq (cg_topk_select (out, NULL, 5, scores, 3, all, 3), 0);
  ck_assert_uint_eq (cg_topk_select (out, NULL, 5, scores, 0, NULL, 0), 0);
  n = cg_topk_select (out, NULL, 1, scores, 3, NULL, 0);
  ck_assert_uint_eq (n, 1);
  ck_assert_uint_eq (out[0], 0);
}
END_TEST

/* ---- brute force ---- */

static const float *ref_scores;

static int
ref_compare (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  float sx = ref_scores[x], sy = ref_scores[y];

  if (isnan (sx) != isnan (sy))
    return isnan (sx) ? 1 : -1;
  if (!isnan (sx) && sx != sy)
    return sx > sy ? -1 : 1;
  return (x > y) - (x < y);
}

START_TEST (test_random_against_sort)
{
  static const float palette[] = { 0.0f, 1.0f, -1.0f, 0.5f, 2.5f, 1e-8f, -3.0f,
                                   INFINITY, -INFINITY, NAN };

  for (guint64 seed = 1; seed <= 500; seed++)
    {
      CgRng rng;
      guint n_items, k, n_exclude = 0, n_candidates = 0, n;
      g_autofree float *scores = NULL;
      g_autofree guint32 *exclude = NULL;
      g_autofree guint32 *candidates = NULL;
      g_autofree guint32 *out = NULL;
      g_autofree float *out_scores = NULL;
      gboolean ties_only;

      cg_rng_seed (&rng, seed);
      n_items = cg_rng_uniform_int (&rng, 200);
      k = cg_rng_uniform_int (&rng, 30);
      ties_only = cg_rng_uniform_int (&rng, 4) == 0;
      scores = g_new (float, MAX (n_items, 1));
      exclude = g_new (guint32, MAX (n_items, 1));
      candidates = g_new (guint32, MAX (n_items, 1));
      out = g_new (guint32, MAX (k, 1));
      out_scores = g_new (float, MAX (k, 1));

      for (guint i = 0; i < n_items; i++)
        {
          /* Half the seeds draw continuous scores, a quarter only from the palette (heavy
           * ties, NaN, Inf), a quarter a mix. */
          if (ties_only || (seed % 2 == 0 && cg_rng_uniform_int (&rng, 2) == 0))
            scores[i] = palette[cg_rng_uniform_int (&rng, G_N_ELEMENTS (palette))];
          else
            scores[i] = cg_rng_normal (&rng);
          if (cg_rng_uniform_int (&rng, 3) == 0)
            exclude[n_exclude++] = i;
          else
            candidates[n_candidates++] = i;
        }

      ref_scores = scores;
      qsort (candidates, n_candidates, sizeof (guint32), ref_compare);
      n = cg_topk_select (out, out_scores, k, scores, n_items, exclude, n_exclude);

      ck_assert_msg (n == MIN (k, n_candidates), "seed %" G_GUINT64_FORMAT ": %u of k=%u, %u "
                     "candidates", seed, n, k, n_candidates);
      for (guint r = 0; r < n; r++)
        {
          ck_assert_msg (out[r] == candidates[r],
                         "seed %" G_GUINT64_FORMAT " rank %u: item %u (%g), expected %u (%g)",
                         seed, r, out[r], scores[out[r]], candidates[r], scores[candidates[r]]);
          ck_assert_msg (memcmp (&out_scores[r], &scores[out[r]], sizeof (float)) == 0,
                         "seed %" G_GUINT64_FORMAT " rank %u: score not copied", seed, r);
        }
    }
}
END_TEST

static Suite *
topk_suite (void)
{
  Suite *suite = suite_create ("topk");
  TCase *tc = tcase_create ("core");

  tcase_add_test (tc, test_simple_order);
  tcase_add_test (tc, test_exclusion);
  tcase_add_test (tc, test_exclusion_past_the_end);
  tcase_add_test (tc, test_ties_to_lower_index);
  tcase_add_test (tc, test_nan_last);
  tcase_add_test (tc, test_k_beyond_candidates_and_zero);
  tcase_add_test (tc, test_random_against_sort);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (topk_suite ());
}
