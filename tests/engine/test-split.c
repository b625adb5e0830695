/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-split.c: split names and the per-user random and temporal holdouts (cg-split.h).
 *
 * Names must come back canonical (every parameter spelled, so a recorded name means the
 * same thing forever) and bad ones must be refused with the grammar. The temporal split is
 * checked on a hand-made table; both splits are checked for being partitions with the
 * documented per-user counts, for not depending on the input's order, and (random) for
 * depending on the seed.
 *
 *   user  movie  time          temporal:1 holds out    temporal:0.5 holds out
 *   10    1      300           10: movie 4 (t 900)      10: 4 and 2 (t 900, 500)
 *   10    2      500           20: movie 9 (t 50;       20: 9 (2 ratings → 1)
 *   10    3      100               the tie at t 50      30: nothing (1 rating)
 *   10    4      900               goes to the lower
 *   20    7      50                movie first, so 9
 *   20    9      50                is the latest)
 *   30    5      70            30: nothing
 */
#include <string.h>

#include "cg-error.h"
#include "cg-rng.h"
#include "cg-split.h"
#include "cg-test-util.h"

static const CgRating table[] = {
  { 10, 1, 4, 300 }, { 20, 9, 5, 50 }, { 10, 2, 3, 500 }, { 30, 5, 2, 70 },
  { 10, 3, 5, 100 }, { 20, 7, 1, 50 }, { 10, 4, 4, 900 },
};

typedef struct
{
  CgRating *train, *test;
  gsize     n_train, n_test;
} Parts;

static void
parts_clear (Parts *parts)
{
  g_free (parts->train);
  g_free (parts->test);
}

static Parts
apply (const char     *name,
       const CgRating *ratings,
       gsize           n)
{
  g_auto(CgSplit) split = { 0 };
  g_autoptr(GError) error = NULL;
  Parts parts;

  ck_assert_msg (cg_split_parse (name, &split, &error), "%s: %s", name,
                 error ? error->message : "?");
  cg_split_apply (&split, g_memdup2 (ratings, n * sizeof (CgRating)), n, &parts.train,
                  &parts.n_train, &parts.test, &parts.n_test);
  return parts;
}

static char *
describe (const CgRating *ratings,
          gsize           n)
{
  GString *out = g_string_new (NULL);

  for (gsize r = 0; r < n; r++)
    g_string_append_printf (out, "%s%u:%u", r ? " " : "", ratings[r].user_id,
                            ratings[r].movie_id);
  return g_string_free (out, FALSE);
}

#define ASSERT_PART(ratings, n, expected)                                        \
  G_STMT_START {                                                                 \
    g_autofree char *got_ = describe ((ratings), (n));                           \
    ck_assert_msg (g_str_equal (got_, (expected)), "got “%s”, expected “%s”", got_, \
                   (expected));                                                  \
  } G_STMT_END

/* ---- names ---- */

typedef struct
{
  const char *text;
  const char *canonical;
  CgSplitKind kind;
} GoodName;

static const GoodName good_names[] = {
  { "u1", "u1", CG_SPLIT_FILES },
  { "ub", "ub", CG_SPLIT_FILES },
  { "all", "all", CG_SPLIT_ALL },
  { "random", "random:0.2:1", CG_SPLIT_RANDOM },
  { "random:0.25", "random:0.25:1", CG_SPLIT_RANDOM },
  { "random:.1:42", "random:0.1:42", CG_SPLIT_RANDOM },
  { "random:0.2:18446744073709551615", "random:0.2:18446744073709551615", CG_SPLIT_RANDOM },
  { "random:0.123456789:3", "random:0.123457:3", CG_SPLIT_RANDOM },
  { "temporal", "temporal:0.2", CG_SPLIT_TEMPORAL },
  { "temporal:0.5", "temporal:0.5", CG_SPLIT_TEMPORAL },
  { "temporal:10", "temporal:10", CG_SPLIT_TEMPORAL },
};

START_TEST (test_good_names)
{
  const GoodName *good = &good_names[_i];
  g_auto(CgSplit) split = { 0 };
  g_auto(CgSplit) again = { 0 };
  g_autoptr(GError) error = NULL;

  ck_assert_msg (cg_split_parse (good->text, &split, &error), "%s: %s", good->text,
                 error ? error->message : "?");
  ck_assert_str_eq (split.name, good->canonical);
  ck_assert_int_eq (split.kind, good->kind);
  /* The canonical name is a fixed point. */
  ck_assert (cg_split_parse (split.name, &again, NULL));
  ck_assert_str_eq (again.name, split.name);
  ck_assert (again.fraction == split.fraction);
  ck_assert_uint_eq (again.seed, split.seed);
  ck_assert_uint_eq (again.last_n, split.last_n);
}
END_TEST

static const char *const bad_names[] = {
  "", "../u1", "u 1", "u1/x", ":", "random:0", "random:1", "random:1.5", "random:-0.1",
  "random:nan", "random:inf", "random:0.2:x", "random:0.2:-1", "random:0.2:1:3",
  "random:0.2:18446744073709551616", "random:", "temporal:0", "temporal:-1", "temporal:1.0",
  "temporal:abc", "temporal:3:4", "temporal:", "temporal:4294967296",
};

START_TEST (test_bad_names)
{
  g_auto(CgSplit) split = { 0 };
  g_autoptr(GError) error = NULL;

  ck_assert_msg (!cg_split_parse (bad_names[_i], &split, &error), "“%s” accepted as %s",
                 bad_names[_i], split.name);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  ck_assert_msg (strstr (error->message, "is not a split") != NULL
                 && strstr (error->message, "temporal") != NULL, "“%s”", error->message);
}
END_TEST

/* ---- temporal ---- */

START_TEST (test_temporal_by_hand)
{
  Parts last = apply ("temporal:1", table, G_N_ELEMENTS (table));
  Parts half = apply ("temporal:0.5", table, G_N_ELEMENTS (table));

  /* Users in ID order, each oldest first. */
  ASSERT_PART (last.train, last.n_train, "10:3 10:1 10:2 20:7 30:5");
  ASSERT_PART (last.test, last.n_test, "10:4 20:9");
  ASSERT_PART (half.train, half.n_train, "10:3 10:1 20:7 30:5");
  ASSERT_PART (half.test, half.n_test, "10:2 10:4 20:9");
  parts_clear (&last);
  parts_clear (&half);
}
END_TEST

START_TEST (test_temporal_keeps_one_in_train)
{
  /* Asking for more than a user has leaves their oldest rating in train. */
  Parts parts = apply ("temporal:50", table, G_N_ELEMENTS (table));

  ASSERT_PART (parts.train, parts.n_train, "10:3 20:7 30:5");
  ck_assert_uint_eq (parts.n_test, 4);
  parts_clear (&parts);
}
END_TEST

/* ---- properties on random data ---- */

static CgRating *
random_ratings (guint64  seed,
                gsize   *n_out)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CgRating));
  CgRng rng;

  cg_rng_seed (&rng, seed);
  for (guint32 user = 1; user <= 40; user++)
    {
      guint32 n = cg_rng_uniform_int (&rng, 30);

      /* Distinct movies per user: every third, from a random start. */
      for (guint32 k = 0; k < n; k++)
        {
          CgRating r = { user * 7, 3 * k + 1 + cg_rng_uniform_int (&rng, 3),
                         (float) (1 + cg_rng_uniform_int (&rng, 5)),
                         cg_rng_uniform_int (&rng, 1000) };

          g_array_append_val (out, r);
        }
    }
  *n_out = out->len;
  return (CgRating *) g_array_free (out, FALSE);
}

static char *
key_of (const CgRating *r)
{
  return g_strdup_printf ("%u %u %g %u", r->user_id, r->movie_id, r->rating, r->timestamp);
}

/* train ∪ test is the input, without repeats; each user holds out the documented count. */
static void
assert_partition (const char     *name,
                  const CgRating *all,
                  gsize           n_all,
                  const Parts    *parts,
                  double          fraction,
                  guint           last_n)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) per_user = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) held = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer user, count;

  ck_assert_uint_eq (parts->n_train + parts->n_test, n_all);
  for (gsize r = 0; r < n_all; r++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_user,
                                                       GUINT_TO_POINTER (all[r].user_id)));

      g_hash_table_insert (per_user, GUINT_TO_POINTER (all[r].user_id),
                           GUINT_TO_POINTER (n + 1));
      ck_assert (g_hash_table_add (seen, key_of (&all[r])));
    }
  for (guint part = 0; part < 2; part++)
    {
      const CgRating *list = part == 0 ? parts->train : parts->test;
      gsize n = part == 0 ? parts->n_train : parts->n_test;

      for (gsize r = 0; r < n; r++)
        {
          g_autofree char *k = key_of (&list[r]);

          ck_assert_msg (g_hash_table_remove (seen, k), "%s: %s twice or invented", name, k);
          if (part == 1)
            {
              guint h = GPOINTER_TO_UINT (g_hash_table_lookup (held,
                                                               GUINT_TO_POINTER (list[r].user_id)));

              g_hash_table_insert (held, GUINT_TO_POINTER (list[r].user_id),
                                   GUINT_TO_POINTER (h + 1));
            }
        }
    }
  g_hash_table_iter_init (&iter, per_user);
  while (g_hash_table_iter_next (&iter, &user, &count))
    {
      guint n = GPOINTER_TO_UINT (count);
      guint expected = last_n > 0 ? last_n : (guint) (fraction * n + 0.5);
      guint h = GPOINTER_TO_UINT (g_hash_table_lookup (held, user));

      expected = MIN (expected, n - 1);
      ck_assert_msg (h == expected, "%s: user %u holds out %u of %u, expected %u", name,
                     GPOINTER_TO_UINT (user), h, n, expected);
    }
}

START_TEST (test_random_and_temporal_partitions)
{
  static const struct { const char *name; double fraction; guint last_n; } cases[] = {
    { "random:0.2:1", 0.2, 0 }, { "random:0.5:9", 0.5, 0 }, { "temporal:0.3", 0.3, 0 },
    { "temporal:3", 0, 3 },
  };
  gsize n = 0;
  g_autofree CgRating *all = random_ratings ((guint64) _i, &n);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      Parts parts = apply (cases[c].name, all, n);
      g_autofree CgRating *reversed = g_new (CgRating, MAX (n, 1));
      Parts again;

      assert_partition (cases[c].name, all, n, &parts, cases[c].fraction, cases[c].last_n);
      /* The input's order does not matter. */
      for (gsize r = 0; r < n; r++)
        reversed[r] = all[n - 1 - r];
      again = apply (cases[c].name, reversed, n);
      ck_assert_uint_eq (again.n_test, parts.n_test);
      ck_assert_mem_eq (again.test, parts.test, parts.n_test * sizeof (CgRating));
      ck_assert_mem_eq (again.train, parts.train, parts.n_train * sizeof (CgRating));
      parts_clear (&again);

      /* Temporal: everything held out of a user is no older than what stays. */
      if (g_str_has_prefix (cases[c].name, "temporal"))
        for (gsize t = 0; t < parts.n_test; t++)
          for (gsize r = 0; r < parts.n_train; r++)
            if (parts.train[r].user_id == parts.test[t].user_id)
              ck_assert_uint_le (parts.train[r].timestamp, parts.test[t].timestamp);
      parts_clear (&parts);
    }
}
END_TEST

START_TEST (test_random_depends_on_seed)
{
  gsize n = 0;
  g_autofree CgRating *all = random_ratings (77, &n);
  Parts a = apply ("random:0.3:5", all, n);
  Parts b = apply ("random:0.3:5", all, n);
  Parts c = apply ("random:0.3:6", all, n);

  ck_assert_uint_eq (a.n_test, b.n_test);
  ck_assert_mem_eq (a.test, b.test, a.n_test * sizeof (CgRating));
  ck_assert_uint_eq (a.n_test, c.n_test);
  ck_assert (memcmp (a.test, c.test, a.n_test * sizeof (CgRating)) != 0);
  parts_clear (&a);
  parts_clear (&b);
  parts_clear (&c);
}
END_TEST

START_TEST (test_all_keeps_file_order)
{
  Parts parts = apply ("all", table, G_N_ELEMENTS (table));

  ck_assert_uint_eq (parts.n_test, 0);
  ck_assert_uint_eq (parts.n_train, G_N_ELEMENTS (table));
  ck_assert_mem_eq (parts.train, table, sizeof table);
  parts_clear (&parts);
}
END_TEST

static Suite *
split_suite (void)
{
  Suite *suite = suite_create ("split");
  TCase *names = tcase_create ("names");
  TCase *apply_tc = tcase_create ("apply");

  tcase_add_loop_test (names, test_good_names, 0, G_N_ELEMENTS (good_names));
  tcase_add_loop_test (names, test_bad_names, 0, G_N_ELEMENTS (bad_names));
  suite_add_tcase (suite, names);

  tcase_add_test (apply_tc, test_temporal_by_hand);
  tcase_add_test (apply_tc, test_temporal_keeps_one_in_train);
  tcase_add_loop_test (apply_tc, test_random_and_temporal_partitions, 0, 5);
  tcase_add_test (apply_tc, test_random_depends_on_seed);
  tcase_add_test (apply_tc, test_all_keeps_file_order);
  suite_add_tcase (suite, apply_tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (split_suite ());
}
