/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-new-users.c: the new-user protocol's split (cg-new-users.h).
 *
 * On the planted-cluster folder's u.data: the held-out users are a seeded share of the
 * users and have no training rating at all; each reveals exactly min(N, their count)
 * ratings; revealed and hidden ratings partition theirs; the input is the revealed ones
 * rated ≥ 4, the truth the hidden ones rated ≥ 4, the evaluated users exactly those with
 * both; the same seed gives the same split whatever the order of the ratings; the
 * validation split holds out training users only. Every check is recomputed here from
 * the rating lists, not from the split's own sets.
 */
#include <math.h>
#include <string.h>

#include "cg-error.h"
#include "cg-new-users.h"
#include "cg-test-util.h"

static CgDataset *
pool_dataset (guint64 seed)
{
  g_autofree char *dir = cg_test_make_temp_dir ();
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;
  CgDataset *ds;

  cg_synthetic_spec_init (&spec);
  spec.seed = seed;
  spec.likes_per_user = 12;
  cg_test_write_synthetic (dir, &spec);
  ds = cg_dataset_load (dir, "all", 4, &error);
  cg_test_remove_tree (dir);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  return ds;
}

static CgNewUsers *
split_ok (const CgDataset *pool,
          double           fraction,
          guint            reveal,
          guint64          seed)
{
  g_autoptr(GError) error = NULL;
  CgNewUsers *split = cg_new_users_new (pool, fraction, reveal, seed, &error);

  ck_assert_msg (split != NULL, "%s", error ? error->message : "?");
  return split;
}

/* Number of the pool's ratings by raw user ID user. */
static guint
ratings_of (const CgDataset *pool,
            guint32          user,
            guint            min_rating)
{
  guint n = 0;

  for (gsize r = 0; r < pool->n_train; r++)
    n += pool->train[r].user_id == user && pool->train[r].rating >= min_rating;
  return n;
}

START_TEST (test_structure)
{
  g_autoptr(CgDataset) pool = pool_dataset (3);
  g_autoptr(CgNewUsers) split = split_ok (pool, 0.2, 10, 1);
  const CgDataset *ds = split->dataset;
  guint n_held = 0, n_eval = 0;

  /* The item and user spaces are the pool's. */
  ck_assert_uint_eq (ds->n_items, pool->n_items);
  ck_assert_uint_eq (ds->n_users, pool->n_users);
  ck_assert_uint_eq (ds->n_train + ds->n_test, pool->n_train);
  ck_assert_uint_eq (split->n_held_out, 12);   /* round (0.2 · 60) */
  ck_assert (strstr (ds->split, "new-users-s1-f0.2-r10") != NULL);

  for (guint u = 0; u < ds->n_users; u++)
    {
      guint32 raw = ds->user_ids[u];
      gboolean held = cg_user_items_count (ds->train_rated, u) == 0;
      guint n_all = ratings_of (pool, raw, 1), n_liked = ratings_of (pool, raw, 4);
      guint n_rev = cg_user_items_count (split->revealed, u);
      guint n_rev_liked = cg_user_items_count (split->revealed_liked, u);
      guint n_truth = cg_user_items_count (split->truth, u);

      if (!held)
        {
          /* A training user: every rating in train, nothing revealed or held. */
          ck_assert_uint_eq (cg_user_items_count (ds->train_rated, u), n_all);
          ck_assert_uint_eq (n_rev + n_truth, 0);
          continue;
        }
      n_held++;
      ck_assert_uint_eq (n_rev, MIN (10, n_all));
      /* Revealed liked ⊂ revealed, and liked = revealed liked + truth. */
      ck_assert_uint_eq (n_rev_liked + n_truth, n_liked);
      for (guint j = 0; j < n_rev_liked; j++)
        ck_assert (cg_user_items_contains (split->revealed,
                                           u, cg_user_items_row (split->revealed_liked, u)[j]));
      for (guint j = 0; j < n_truth; j++)
        ck_assert (!cg_user_items_contains (split->revealed, u,
                                            cg_user_items_row (split->truth, u)[j]));
      if (n_rev_liked > 0 && n_truth > 0)
        {
          ck_assert_uint_lt (n_eval, split->n_eval_users);
          ck_assert_uint_eq (split->eval_users[n_eval], u);
          n_eval++;
        }
    }
  ck_assert_uint_eq (n_held, 12);
  ck_assert_uint_eq (n_eval, split->n_eval_users);
  ck_assert_uint_gt (n_eval, 0);
  ck_assert (split->sets.users == split->eval_users);
  ck_assert (split->sets.exclude == split->revealed);
  ck_assert (split->sets.truth == split->truth);
}
END_TEST

START_TEST (test_reveal_more_than_rated)
{
  /* Revealing more than a user has reveals everything: no truth, never evaluated. */
  g_autoptr(CgDataset) pool = pool_dataset (4);
  g_autoptr(CgNewUsers) split = split_ok (pool, 0.5, 1000, 2);

  ck_assert_uint_eq (split->n_eval_users, 0);
  ck_assert_uint_eq (cg_user_items_total (split->truth), 0);
  ck_assert_uint_eq (split->dataset->n_test, cg_user_items_total (split->revealed));
}
END_TEST

static gboolean
same_split (const CgNewUsers *a,
            const CgNewUsers *b)
{
  const CgUserItems *sa[] = { a->revealed, a->revealed_liked, a->truth,
                              a->dataset->train_rated };
  const CgUserItems *sb[] = { b->revealed, b->revealed_liked, b->truth,
                              b->dataset->train_rated };

  for (guint s = 0; s < G_N_ELEMENTS (sa); s++)
    {
      gsize n = cg_user_items_total (sa[s]);

      if (n != cg_user_items_total (sb[s])
          || memcmp (sa[s]->offsets, sb[s]->offsets, sizeof (guint32) * (sa[s]->n_users + 1))
          || memcmp (sa[s]->items, sb[s]->items, sizeof (guint32) * n))
        return FALSE;
    }
  return TRUE;
}

START_TEST (test_seeded_order_free)
{
  g_autoptr(CgDataset) pool = pool_dataset (5);
  g_autoptr(CgNewUsers) a = split_ok (pool, 0.2, 10, 7);
  g_autoptr(CgNewUsers) again = split_ok (pool, 0.2, 10, 7);
  g_autoptr(CgNewUsers) other = split_ok (pool, 0.2, 10, 8);
  g_autofree CgRating *reversed = g_new (CgRating, pool->n_train);
  g_autoptr(CgDataset) pool_reversed = NULL;
  g_autoptr(CgNewUsers) b = NULL;
  g_autoptr(GError) error = NULL;

  ck_assert (same_split (a, again));
  ck_assert (!same_split (a, other));
  /* The same ratings in another order: the same split. */
  for (gsize r = 0; r < pool->n_train; r++)
    reversed[r] = pool->train[pool->n_train - 1 - r];
  pool_reversed = cg_dataset_new (cg_catalog_ref (pool->catalog), "all", 4, reversed,
                                  pool->n_train, NULL, 0, &error);
  ck_assert_msg (pool_reversed != NULL, "%s", error ? error->message : "?");
  b = split_ok (pool_reversed, 0.2, 10, 7);
  ck_assert (same_split (a, b));
}
END_TEST

START_TEST (test_validation_uses_training_users_only)
{
  g_autoptr(CgDataset) pool = pool_dataset (6);
  g_autoptr(CgNewUsers) split = split_ok (pool, 0.2, 10, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgNewUsers) val = cg_new_users_validation (split, 0.25, &error);
  guint n_train_users = 0;

  ck_assert_msg (val != NULL, "%s", error ? error->message : "?");
  for (guint u = 0; u < split->dataset->n_users; u++)
    n_train_users += cg_user_items_count (split->dataset->train_rated, u) > 0;
  /* Its users are exactly the training users; the test split's held-out ones are absent. */
  ck_assert_uint_eq (val->dataset->n_users, n_train_users);
  ck_assert_uint_eq (val->n_held_out, (guint) (0.25 * n_train_users + 0.5));
  ck_assert_uint_eq (val->dataset->n_train + val->dataset->n_test, split->dataset->n_train);
  for (guint u = 0; u < val->dataset->n_users; u++)
    {
      gint32 parent = cg_dataset_user_index (split->dataset, val->dataset->user_ids[u]);

      ck_assert (parent >= 0);
      ck_assert_uint_gt (cg_user_items_count (split->dataset->train_rated, (guint) parent), 0);
    }
  ck_assert (g_str_has_suffix (val->dataset->split, "-validation"));
}
END_TEST

START_TEST (test_refusals)
{
  g_autoptr(CgDataset) pool = pool_dataset (7);
  static const double fractions[] = { 0.0, 1.0, -0.5, NAN };

  for (guint f = 0; f < G_N_ELEMENTS (fractions); f++)
    {
      g_autoptr(GError) error = NULL;

      ck_assert (cg_new_users_new (pool, fractions[f], 10, 1, &error) == NULL);
      ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
    }
  {
    g_autoptr(GError) error = NULL;

    ck_assert (cg_new_users_new (pool, 0.2, 0, 1, &error) == NULL);
    ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  }
  {
    /* One user cannot be split into training and held-out users. */
    static const CgRating one[] = { { 4, 1, 5, 0 }, { 4, 2, 3, 0 } };
    g_autoptr(GError) error = NULL;
    g_autoptr(CgDataset) tiny = cg_dataset_new (cg_catalog_ref (pool->catalog), "all", 4, one,
                                                2, NULL, 0, &error);

    ck_assert (tiny != NULL);
    ck_assert (cg_new_users_new (tiny, 0.5, 1, 1, &error) == NULL);
    ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  }
}
END_TEST

static Suite *
new_users_suite (void)
{
  Suite *suite = suite_create ("new-users");
  TCase *tc = tcase_create ("split");

  tcase_set_timeout (tc, 30);
  tcase_add_test (tc, test_structure);
  tcase_add_test (tc, test_reveal_more_than_rated);
  tcase_add_test (tc, test_seeded_order_free);
  tcase_add_test (tc, test_validation_uses_training_users_only);
  tcase_add_test (tc, test_refusals);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (new_users_suite ());
}
