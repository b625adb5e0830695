/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-synthetic.c: the seeded MovieLens-shaped generator (cg-synthetic.h).
 *
 * The shape must be exactly what was asked (users, items, positives, ratings per user
 * within bounds, no pair twice, sorted as ratings.csv is), the same for a seed and
 * different for another; popularity must be skewed and the taste clusters must carry
 * signal that an item–item model finds and popularity does not; and a written release
 * (ML-1M or CSV, sorted or shuffled) must load back as exactly the generated data.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cg-baseline.h"
#include "cg-error.h"
#include "cg-metrics.h"
#include "cg-synthetic.h"
#include "cg-test-util.h"

static CgRating *
generate (const CgSyntheticShape *shape,
          gsize                  *n)
{
  g_autoptr(GError) error = NULL;
  CgRating *ratings = cg_synthetic_ratings (shape, n, &error);

  ck_assert_msg (ratings != NULL, "%s", error ? error->message : "?");
  return ratings;
}

/* ---- shapes ---- */

START_TEST (test_shape_parse)
{
  CgSyntheticShape shape;
  g_autoptr(GError) error = NULL;
  static const char *const bad[] = {
    "1x2", "0x5x5", "axbxc", "5x5x5x5", "6040x3706x", "10x10x1000000", "-1x5x5", "1.5x2x3",
  };

  ck_assert (cg_synthetic_shape_parse ("6040x3706x575000", &shape, &error));
  ck_assert_uint_eq (shape.n_users, 6040);
  ck_assert_uint_eq (shape.n_items, 3706);
  ck_assert_uint_eq (shape.n_positives, 575000);
  ck_assert (cg_synthetic_shape_parse ("162kx59kx12.5m", &shape, &error));
  ck_assert_uint_eq (shape.n_users, 162000);
  ck_assert_uint_eq (shape.n_items, 59000);
  ck_assert_uint_eq (shape.n_positives, 12500000);
  for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
    {
      ck_assert_msg (!cg_synthetic_shape_parse (bad[b], &shape, &error), "%s accepted", bad[b]);
      ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
      g_clear_error (&error);
    }
}
END_TEST

static void
assert_shape (const CgSyntheticShape *shape,
              const CgRating         *ratings,
              gsize                   n)
{
  g_autoptr(CgCatalog) catalog = cg_synthetic_catalog (shape);
  g_autofree guint *per_user = g_new0 (guint, shape->n_users + 1);
  guint64 positives = 0;
  guint floor_ratings = (guint) MIN ((guint64) shape->min_ratings,
                                     (guint64) ceil (shape->n_positives
                                                     * shape->ratings_per_positive)
                                     / shape->n_users);

  ck_assert_uint_eq (n, (gsize) ceil (shape->n_positives * shape->ratings_per_positive));
  ck_assert_uint_eq (catalog->n_movies, shape->n_items);
  for (gsize r = 0; r < n; r++)
    {
      const CgRating *x = &ratings[r];

      ck_assert (x->user_id >= 1 && x->user_id <= shape->n_users);
      ck_assert_msg (cg_catalog_position (catalog, x->movie_id) >= 0, "movie %u", x->movie_id);
      ck_assert (cg_format_rating_valid (shape->half_stars ? CG_FORMAT_CSV : CG_FORMAT_ML_1M,
                                         x->rating));
      /* Sorted by user, then movie, so no pair twice. */
      if (r > 0)
        ck_assert (ratings[r - 1].user_id < x->user_id
                   || (ratings[r - 1].user_id == x->user_id
                       && ratings[r - 1].movie_id < x->movie_id));
      per_user[x->user_id]++;
      positives += x->rating >= 4.0f;
    }
  ck_assert_uint_eq (positives, shape->n_positives);
  for (guint u = 1; u <= shape->n_users; u++)
    {
      ck_assert_uint_ge (per_user[u], floor_ratings);
      ck_assert_uint_le (per_user[u], (guint) (0.6 * shape->n_items));
    }
}

START_TEST (test_exact_shape)
{
  static const struct { guint users, items; guint64 positives; gboolean half; double spread; }
  shapes[] = {
    { 200, 300, 10000, FALSE, 1.0 },
    { 50, 40, 600, TRUE, 3.4 },    /* small catalogue: users near their cap */
    { 1000, 80, 9000, FALSE, 1.0 },
    { 30, 5000, 200, TRUE, 1.0 },  /* fewer ratings than the floor of 20 a user allows */
  };
  CgSyntheticShape shape;
  gsize n = 0;

  cg_synthetic_shape_init (&shape, shapes[_i].users, shapes[_i].items, shapes[_i].positives);
  shape.half_stars = shapes[_i].half;
  shape.id_spread = shapes[_i].spread;
  shape.seed = 40 + (guint64) _i;
  {
    g_autofree CgRating *ratings = generate (&shape, &n);

    assert_shape (&shape, ratings, n);
  }
}
END_TEST

START_TEST (test_seeded)
{
  CgSyntheticShape shape;
  gsize na = 0, nb = 0, nc = 0;
  g_autofree CgRating *a = NULL;
  g_autofree CgRating *b = NULL;
  g_autofree CgRating *c = NULL;

  cg_synthetic_shape_init (&shape, 100, 200, 3000);
  a = generate (&shape, &na);
  b = generate (&shape, &nb);
  shape.seed = 2;
  c = generate (&shape, &nc);
  ck_assert_uint_eq (na, nb);
  ck_assert_mem_eq (a, b, na * sizeof (CgRating));
  ck_assert_uint_eq (na, nc);
  ck_assert (memcmp (a, c, na * sizeof (CgRating)) != 0);
}
END_TEST

START_TEST (test_popularity_is_skewed)
{
  CgSyntheticShape shape;
  gsize n = 0;
  g_autofree CgRating *ratings = NULL;
  g_autofree guint *count = NULL;
  guint max = 0, above_mean = 0;

  cg_synthetic_shape_init (&shape, 2000, 1000, 60000);
  ratings = generate (&shape, &n);
  count = g_new0 (guint, shape.n_items + 1);
  for (gsize r = 0; r < n; r++)
    count[ratings[r].movie_id]++;
  for (guint i = 1; i <= shape.n_items; i++)
    {
      max = MAX (max, count[i]);
      above_mean += count[i] > n / shape.n_items;
    }
  /* A long tail: the most popular movie far above the mean, most movies below it. */
  ck_assert_msg (max > 10 * (n / shape.n_items), "max %u, mean %zu", max, n / shape.n_items);
  ck_assert_msg (above_mean < shape.n_items / 3, "%u above the mean", above_mean);
}
END_TEST

static double
baseline_ndcg (const CgDataset *ds,
               CgBaselineKind   kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgBaseline) baseline = cg_baseline_new (kind, ds, &error);
  CgMetrics m;

  ck_assert_msg (baseline != NULL, "%s", error ? error->message : "?");
  cg_metrics_evaluate (&m, ds, 10, cg_baseline_score, baseline, 64);
  return m.ndcg;
}

START_TEST (test_clusters_carry_signal)
{
  CgSyntheticShape shape;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  double pop, knn;

  cg_synthetic_shape_init (&shape, 600, 800, 30000);
  ds = cg_synthetic_dataset (&shape, NULL, 4, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  ck_assert_str_eq (ds->split, "random:0.2:1");
  ck_assert_str_eq (ds->format, "synthetic");
  ck_assert_uint_eq (ds->n_users, 600);
  pop = baseline_ndcg (ds, CG_BASELINE_POPULARITY);
  knn = baseline_ndcg (ds, CG_BASELINE_ITEMKNN);
  printf ("synthetic 600x800x30000: popularity NDCG@10 %.4f, ItemKNN %.4f\n", pop, knn);
  ck_assert_msg (knn > pop * 1.5, "ItemKNN %.4f is not well above popularity %.4f", knn, pop);
  ck_assert_msg (pop > 0.02, "popularity %.4f: no popularity signal at all", pop);
}
END_TEST

/* ---- written releases ---- */

static int
compare_ratings (const void *a,
                 const void *b)
{
  const CgRating *x = a, *y = b;

  if (x->user_id != y->user_id)
    return (x->user_id > y->user_id) - (x->user_id < y->user_id);
  return (x->movie_id > y->movie_id) - (x->movie_id < y->movie_id);
}

START_TEST (test_written_release_loads_back)
{
  static const struct { CgFormat format; gboolean half; CgSyntheticWriteFlags flags; }
  cases[] = {
    { CG_FORMAT_CSV, TRUE, CG_SYNTHETIC_WRITE_DEFAULT },
    { CG_FORMAT_CSV, TRUE, CG_SYNTHETIC_WRITE_SHUFFLED },
    { CG_FORMAT_ML_1M, FALSE, CG_SYNTHETIC_WRITE_DEFAULT },
  };
  g_autofree char *dir = cg_test_tmp_subdir ("written");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = NULL;
  g_autoptr(CgCatalog) catalog = NULL;
  g_autofree CgRating *expected = NULL;
  CgSyntheticShape shape;
  gsize n = 0;

  cg_synthetic_shape_init (&shape, 120, 150, 2500);
  shape.half_stars = cases[_i].half;
  shape.id_spread = 2.5;
  ck_assert_msg (cg_synthetic_write (&shape, cases[_i].format, cases[_i].flags, dir, &error),
                 "%s", error ? error->message : "?");
  ck_assert_int_eq (cg_format_detect (dir), cases[_i].format);
  ds = cg_dataset_load (dir, "all", 4, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");

  expected = generate (&shape, &n);
  ck_assert_uint_eq (ds->n_train, n);
  qsort (ds->train, ds->n_train, sizeof (CgRating), compare_ratings);
  ck_assert_mem_eq (ds->train, expected, n * sizeof (CgRating));

  /* Titles with commas, quotes and accents come back as they were. */
  catalog = cg_synthetic_catalog (&shape);
  ck_assert_uint_eq (ds->catalog->n_movies, catalog->n_movies);
  for (guint m = 0; m < catalog->n_movies; m++)
    {
      ck_assert_uint_eq (ds->catalog->movies[m].movie_id, catalog->movies[m].movie_id);
      ck_assert_str_eq (ds->catalog->movies[m].title, catalog->movies[m].title);
      ck_assert_uint_eq (ds->catalog->movies[m].year, catalog->movies[m].year);
    }
  ck_assert_ptr_nonnull (cg_catalog_lookup (ds->catalog, ds->movie_ids[3]));
}
END_TEST

START_TEST (test_ml1m_has_no_half_stars)
{
  g_autofree char *dir = cg_test_tmp_subdir ("half");
  g_autoptr(GError) error = NULL;
  CgSyntheticShape shape;

  cg_synthetic_shape_init (&shape, 10, 10, 20);
  shape.half_stars = TRUE;
  ck_assert (!cg_synthetic_write (&shape, CG_FORMAT_ML_1M, 0, dir, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
}
END_TEST

static Suite *
synthetic_suite (void)
{
  Suite *suite = suite_create ("synthetic");
  TCase *shape = tcase_create ("shape");
  TCase *files = tcase_create ("files");

  tcase_set_timeout (shape, 60);
  tcase_add_test (shape, test_shape_parse);
  tcase_add_loop_test (shape, test_exact_shape, 0, 4);
  tcase_add_test (shape, test_seeded);
  tcase_add_test (shape, test_popularity_is_skewed);
  tcase_add_test (shape, test_clusters_carry_signal);
  suite_add_tcase (suite, shape);

  tcase_add_checked_fixture (files, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_add_loop_test (files, test_written_release_loads_back, 0, 3);
  tcase_add_test (files, test_ml1m_has_no_half_stars);
  suite_add_tcase (suite, files);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (synthetic_suite ());
}
