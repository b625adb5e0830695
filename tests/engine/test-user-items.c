/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-user-items.c: CSR user → items sets (cg-user-items.h).
 *
 * Built from unordered pairs with repeats, each row must come out sorted and without
 * repeats, with offsets that add up; membership must agree with a brute-force scan of the
 * pairs; a copy must be equal and independent. Random pair lists (many seeds) are checked
 * against a dense boolean matrix.
 */
#include <string.h>

#include "cg-rng.h"
#include "cg-test-util.h"
#include "cg-user-items.h"

START_TEST (test_rows_sorted_and_merged)
{
  /* User 1 lists 5, 2, 5, 0 → {0, 2, 5}; user 0 is empty; user 3 lists 4 twice → {4}. */
  static const guint32 users[] = { 1, 3, 1, 1, 3, 1, 2 };
  static const guint32 items[] = { 5, 4, 2, 5, 4, 0, 1 };
  g_autoptr(CgUserItems) set =
    cg_user_items_new_from_pairs (4, 6, users, items, G_N_ELEMENTS (users));
  static const guint32 row1[] = { 0, 2, 5 };

  ck_assert_uint_eq (set->n_users, 4);
  ck_assert_uint_eq (set->n_items, 6);
  ck_assert_uint_eq (cg_user_items_count (set, 0), 0);
  ck_assert_uint_eq (cg_user_items_count (set, 1), 3);
  ck_assert_uint_eq (cg_user_items_count (set, 2), 1);
  ck_assert_uint_eq (cg_user_items_count (set, 3), 1);
  ck_assert_mem_eq (cg_user_items_row (set, 1), row1, sizeof row1);
  ck_assert_uint_eq (cg_user_items_row (set, 2)[0], 1);
  ck_assert_uint_eq (cg_user_items_row (set, 3)[0], 4);
  ck_assert_uint_eq (cg_user_items_total (set), 5);
  ck_assert_uint_eq (set->offsets[0], 0);
  ck_assert_uint_eq (set->offsets[4], 5);

  ck_assert (cg_user_items_contains (set, 1, 0));
  ck_assert (cg_user_items_contains (set, 1, 2));
  ck_assert (cg_user_items_contains (set, 1, 5));
  ck_assert (!cg_user_items_contains (set, 1, 1));
  ck_assert (!cg_user_items_contains (set, 1, 3));
  ck_assert (!cg_user_items_contains (set, 0, 0));
  ck_assert (!cg_user_items_contains (set, 2, 0));
  ck_assert (!cg_user_items_contains (set, 2, 5));
}
END_TEST

START_TEST (test_empty)
{
  g_autoptr(CgUserItems) set = cg_user_items_new_from_pairs (3, 4, NULL, NULL, 0);
  g_autoptr(CgUserItems) copy = cg_user_items_copy (set);

  ck_assert_uint_eq (cg_user_items_total (set), 0);
  for (guint u = 0; u < 3; u++)
    {
      ck_assert_uint_eq (cg_user_items_count (set, u), 0);
      ck_assert (!cg_user_items_contains (set, u, 0));
    }
  ck_assert_uint_eq (cg_user_items_total (copy), 0);
  ck_assert_uint_eq (copy->n_users, 3);
}
END_TEST

START_TEST (test_copy_is_independent)
{
  static const guint32 users[] = { 0, 0, 2 };
  static const guint32 items[] = { 3, 1, 2 };
  g_autoptr(CgUserItems) set = cg_user_items_new_from_pairs (3, 4, users, items, 3);
  g_autoptr(CgUserItems) copy = cg_user_items_copy (set);

  ck_assert_uint_eq (copy->n_users, set->n_users);
  ck_assert_uint_eq (copy->n_items, set->n_items);
  ck_assert_mem_eq (copy->offsets, set->offsets, sizeof (guint32) * 4);
  ck_assert_mem_eq (copy->items, set->items, sizeof (guint32) * 3);
  ck_assert_ptr_ne (copy->items, set->items);
  ck_assert_ptr_ne (copy->offsets, set->offsets);
  set->items[0] = 0;
  ck_assert_uint_eq (copy->items[0], 1);
}
END_TEST

START_TEST (test_random_against_dense)
{
  for (guint64 seed = 1; seed <= 40; seed++)
    {
      CgRng rng;
      guint n_users, n_items;
      gsize n_pairs;
      g_autofree guint32 *users = NULL;
      g_autofree guint32 *items = NULL;
      g_autofree gboolean *dense = NULL;
      g_autoptr(CgUserItems) set = NULL;
      gsize total = 0;

      cg_rng_seed (&rng, seed);
      n_users = 1 + cg_rng_uniform_int (&rng, 30);
      n_items = 1 + cg_rng_uniform_int (&rng, 50);
      n_pairs = cg_rng_uniform_int (&rng, 400);
      users = g_new (guint32, MAX (n_pairs, 1));
      items = g_new (guint32, MAX (n_pairs, 1));
      dense = g_new0 (gboolean, (gsize) n_users * n_items);
      for (gsize p = 0; p < n_pairs; p++)
        {
          users[p] = cg_rng_uniform_int (&rng, n_users);
          items[p] = cg_rng_uniform_int (&rng, n_items);
          dense[(gsize) users[p] * n_items + items[p]] = TRUE;
        }
      set = cg_user_items_new_from_pairs (n_users, n_items, users, items, n_pairs);

      for (guint u = 0; u < n_users; u++)
        {
          const guint32 *row = cg_user_items_row (set, u);
          guint count = 0;

          for (guint i = 0; i < n_items; i++)
            {
              count += dense[(gsize) u * n_items + i];
              ck_assert_msg (cg_user_items_contains (set, u, i) == dense[(gsize) u * n_items + i],
                             "seed %" G_GUINT64_FORMAT ": user %u item %u", seed, u, i);
            }
          ck_assert_uint_eq (cg_user_items_count (set, u), count);
          for (guint k = 1; k < count; k++)
            ck_assert_msg (row[k - 1] < row[k], "seed %" G_GUINT64_FORMAT ": row %u unsorted",
                           seed, u);
          total += count;
        }
      ck_assert_uint_eq (cg_user_items_total (set), total);
    }
}
END_TEST

static Suite *
user_items_suite (void)
{
  Suite *suite = suite_create ("user-items");
  TCase *tc = tcase_create ("core");

  tcase_add_test (tc, test_rows_sorted_and_merged);
  tcase_add_test (tc, test_empty);
  tcase_add_test (tc, test_copy_is_independent);
  tcase_add_test (tc, test_random_against_dense);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (user_items_suite ());
}
