/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-id-map.c: raw ID maps (cg-id-map.h) and repeated keys (cg-sort.h).
 *
 * Maps are checked against a brute-force scan of their input on both lookup paths: dense
 * IDs get a direct table, sparse ones (a single huge ID among small ones) a binary search
 * whose memory does not depend on the huge ID. Repeat detection is checked against a
 * quadratic scan on random keys, on the small (qsort) and large (radix) paths, sorted and
 * shuffled.
 */
#include <string.h>

#include "cg-id-map.h"
#include "cg-sort.h"
#include "cg-rng.h"
#include "cg-test-util.h"

static void
assert_map_matches (const CgIdMap *map,
                    const guint32 *ids,
                    gsize          n,
                    guint32        probe_max)
{
  for (guint i = 1; i < map->n; i++)
    ck_assert_uint_lt (map->ids[i - 1], map->ids[i]);
  for (gsize k = 0; k < n; k++)
    {
      gint32 index = cg_id_map_lookup (map, ids[k]);

      ck_assert_int_ge (index, 0);
      ck_assert_uint_eq (map->ids[index], ids[k]);
    }
  /* Every ID of the map came from the input. */
  for (guint i = 0; i < map->n; i++)
    {
      gboolean found = FALSE;

      for (gsize k = 0; k < n && !found; k++)
        found = ids[k] == map->ids[i];
      ck_assert_msg (found, "ID %u was never added", map->ids[i]);
    }
  for (guint32 id = 0; id <= probe_max; id++)
    {
      gint32 index = cg_id_map_lookup (map, id);

      ck_assert_int_eq (index, cg_id_map_search (map, id));
      if (index >= 0)
        ck_assert_uint_eq (map->ids[index], id);
    }
}

START_TEST (test_dense_ids_get_a_table)
{
  static const guint32 ids[] = { 12, 3, 7, 3, 1, 12, 10, 5 };
  g_autoptr(CgIdMap) map = cg_id_map_new (ids, G_N_ELEMENTS (ids));
  static const guint32 sorted[] = { 1, 3, 5, 7, 10, 12 };

  ck_assert_uint_eq (map->n, 6);
  ck_assert_mem_eq (map->ids, sorted, sizeof sorted);
  ck_assert_ptr_nonnull (map->table);
  ck_assert_uint_eq (map->table_len, 13);
  ck_assert_uint_eq (cg_id_map_max (map), 12);
  ck_assert_int_eq (cg_id_map_lookup (map, 0), -1);
  ck_assert_int_eq (cg_id_map_lookup (map, 13), -1);
  ck_assert_int_eq (cg_id_map_lookup (map, G_MAXUINT32), -1);
  assert_map_matches (map, ids, G_N_ELEMENTS (ids), 20);
}
END_TEST

START_TEST (test_sparse_ids_search)
{
  /* One ID near 2^31 among small ones: a table would take 8 GiB; the map takes 16 bytes. */
  static const guint32 ids[] = { 5, CG_ID_MAX, 2, 40000000, 5 };
  g_autoptr(CgIdMap) map = cg_id_map_new (ids, G_N_ELEMENTS (ids));
  static const guint32 sorted[] = { 2, 5, 40000000, CG_ID_MAX };

  ck_assert_uint_eq (map->n, 4);
  ck_assert_mem_eq (map->ids, sorted, sizeof sorted);
  ck_assert_ptr_null (map->table);
  ck_assert_int_eq (cg_id_map_lookup (map, CG_ID_MAX), 3);
  ck_assert_int_eq (cg_id_map_lookup (map, 40000000), 2);
  ck_assert_int_eq (cg_id_map_lookup (map, 39999999), -1);
  ck_assert_int_eq (cg_id_map_lookup (map, G_MAXUINT32), -1);
  assert_map_matches (map, ids, G_N_ELEMENTS (ids), 100);
}
END_TEST

START_TEST (test_empty_map)
{
  g_autoptr(CgIdMap) map = cg_id_map_new (NULL, 0);

  ck_assert_uint_eq (map->n, 0);
  ck_assert_uint_eq (cg_id_map_max (map), 0);
  ck_assert_int_eq (cg_id_map_lookup (map, 0), -1);
  ck_assert_int_eq (cg_id_map_lookup (map, 1), -1);
}
END_TEST

START_TEST (test_random_maps)
{
  CgRng rng;

  cg_rng_seed (&rng, (guint64) _i);
  for (guint round = 0; round < 20; round++)
    {
      gsize n = 1 + cg_rng_uniform_int (&rng, 300);
      /* Ranges from dense to very sparse, across the bitmap's limit. */
      guint32 range = round % 2 == 0 ? 2 * (guint32) n : CG_ID_MAX;
      g_autofree guint32 *ids = g_new (guint32, n);
      g_autoptr(CgIdMap) map = NULL;

      for (gsize k = 0; k < n; k++)
        ids[k] = cg_rng_uniform_int (&rng, range);
      map = cg_id_map_new (ids, n);
      assert_map_matches (map, ids, n, 1000);
    }
}
END_TEST

START_TEST (test_shared_by_reference)
{
  static const guint32 ids[] = { 4, 2 };
  CgIdMap *map = cg_id_map_new (ids, 2);
  CgIdMap *again = cg_id_map_ref (map);

  ck_assert_ptr_eq (again, map);
  cg_id_map_unref (map);
  ck_assert_int_eq (cg_id_map_lookup (again, 4), 1);
  cg_id_map_unref (again);
}
END_TEST

/* ---- repeats ---- */

static gboolean
brute_has_repeat (const guint64 *keys,
                  gsize          n)
{
  for (gsize a = 0; a < n; a++)
    for (gsize b = a + 1; b < n; b++)
      if (keys[a] == keys[b])
        return TRUE;
  return FALSE;
}

START_TEST (test_repeat_detection)
{
  CgRng rng;

  cg_rng_seed (&rng, 1000 + (guint64) _i);
  for (guint round = 0; round < 8; round++)
    {
      /* Both sides of the radix path's threshold. */
      gsize n = round < 4 ? 1 + cg_rng_uniform_int (&rng, 200)
                          : 5000 + cg_rng_uniform_int (&rng, 3000);
      g_autofree guint64 *keys = g_new (guint64, n);
      g_autofree guint64 *copy = NULL;
      gboolean expected;

      for (gsize k = 0; k < n; k++)
        {
          /* (user, movie) shaped keys; round 1 and 5 unique and already sorted. */
          guint32 movies = round % 4 == 2 ? 4 : 60000;
          guint64 user = round % 4 == 1 ? k : cg_rng_uniform_int (&rng, (guint32) n * 2);
          guint64 movie = round % 4 == 1 ? 7 : cg_rng_uniform_int (&rng, movies);

          keys[k] = user << 32 | movie;
        }
      if (round % 4 == 3 && n > 2)
        keys[n - 1] = keys[n / 2];
      copy = g_memdup2 (keys, n * sizeof (guint64));
      expected = brute_has_repeat (keys, n);
      ck_assert_int_eq (cg_keys_have_repeat (copy, n), expected);
      for (gsize k = 1; k < n; k++)
        ck_assert_msg (copy[k - 1] <= copy[k] || round % 4 == 1, "not sorted at %zu", k);
    }
}
END_TEST

START_TEST (test_radix_sorts_high_keys)
{
  /* Keys that differ only in their top and bottom 16 bits. */
  gsize n = 10000;
  g_autofree guint64 *keys = g_new (guint64, n);
  CgRng rng;

  cg_rng_seed (&rng, 3);
  for (gsize k = 0; k < n; k++)
    keys[k] = (guint64) cg_rng_uniform_int (&rng, 65536) << 48 | (k & 0xffff);
  keys[5] = keys[9000];
  ck_assert (cg_keys_have_repeat (keys, n));
  for (gsize k = 1; k < n; k++)
    ck_assert (keys[k - 1] <= keys[k]);
}
END_TEST

START_TEST (test_first_repeat_reported)
{
  /* Key 7 repeats on line 4 (first on 2); key 3 on line 3 (first on 1) and again on 6:
   * line 3 comes first. */
  static const guint64 keys[] = { 3, 7, 3, 7, 9, 3 };
  static const guint32 lines[] = { 1, 2, 3, 4, 5, 6 };
  guint64 key;
  guint32 line, first_line;

  ck_assert (cg_keys_first_repeat (keys, lines, 6, &key, &line, &first_line));
  ck_assert_uint_eq (key, 3);
  ck_assert_uint_eq (line, 3);
  ck_assert_uint_eq (first_line, 1);
  ck_assert (!cg_keys_first_repeat (keys, lines, 2, &key, &line, &first_line));
  ck_assert (!cg_keys_first_repeat (NULL, NULL, 0, &key, &line, &first_line));
}
END_TEST

static Suite *
id_map_suite (void)
{
  Suite *suite = suite_create ("id-map");
  TCase *maps = tcase_create ("maps");
  TCase *repeats = tcase_create ("repeats");

  tcase_add_test (maps, test_dense_ids_get_a_table);
  tcase_add_test (maps, test_sparse_ids_search);
  tcase_add_test (maps, test_empty_map);
  tcase_add_loop_test (maps, test_random_maps, 0, 5);
  tcase_add_test (maps, test_shared_by_reference);
  suite_add_tcase (suite, maps);

  tcase_add_loop_test (repeats, test_repeat_detection, 0, 4);
  tcase_add_test (repeats, test_radix_sorts_high_keys);
  tcase_add_test (repeats, test_first_repeat_reported);
  tcase_set_timeout (repeats, 60);
  suite_add_tcase (suite, repeats);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (id_map_suite ());
}
