/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-real-data.c: the engine on the real MovieLens 100K, when it is present.
 *
 * The folder comes from $CINEGAN_DATA_DIR or the shared copy meson points at
 * ($CG_TEST_SHARED_DATA); without it the test reports a skip (exit 77). It never ships with
 * Cinegan. Checked: the shape of u1 (943 users, 1,682 items, 80,000/20,000 ratings, 456
 * evaluated users) and positive counts recounted here from the files; the popularity
 * figures an independent implementation of the protocol gets (Recall@10 0.1148, NDCG@10
 * 0.2606, HitRate@10 0.7917) through the engine and through cinegan-cli; the guide's
 * ItemKNN and EASE NDCG@10; a Latin-1 title; every official split. Load time is printed,
 * never asserted: timed assertions fail on a busy machine for reasons that are not bugs.
 */
#include <cblas.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-baseline.h"
#include "cg-dataset.h"
#include "cg-metrics.h"
#include "cg-movie-title.h"
#include "cg-test-util.h"

static char *data_dir;

static CgDataset *
load_ok (const char *split)
{
  g_autoptr(GError) error = NULL;
  CgDataset *ds = cg_dataset_load (data_dir, split, 4, &error);

  ck_assert_msg (ds != NULL, "loading %s: %s", split, error ? error->message : "?");
  return ds;
}

/* Ratings ≥ 4 in a split file, and lines, counted with sscanf. */
static void
count_file (const char *name,
            gsize      *n_lines,
            gsize      *n_pos)
{
  g_autofree char *path = g_build_filename (data_dir, name, NULL);
  g_autofree char *text = NULL;
  gsize len;
  char *line, *next;

  /* Line by line in place: g_strsplit's strstr is quadratic under AddressSanitizer. */
  ck_assert_msg (g_file_get_contents (path, &text, &len, NULL), "cannot read %s", path);
  *n_lines = *n_pos = 0;
  for (line = text; line < text + len; line = next)
    {
      guint user, movie, rating;
      char *nl = memchr (line, '\n', (gsize) (text + len - line));

      next = nl != NULL ? nl + 1 : text + len;
      if (nl != NULL)
        *nl = '\0';
      if (line[0] == '\0')
        continue;
      ck_assert_int_eq (sscanf (line, "%u\t%u\t%u", &user, &movie, &rating), 3);
      (*n_lines)++;
      *n_pos += rating >= 4;
    }
}

START_TEST (test_u1_shape)
{
  g_autoptr(CgDataset) ds = load_ok ("u1");
  gsize base_lines, base_pos, test_lines, test_pos;

  count_file ("u1.base", &base_lines, &base_pos);
  count_file ("u1.test", &test_lines, &test_pos);
  printf ("u1: %u users, %u items, %zu/%zu ratings, %zu/%zu positives, %u evaluated\n",
          ds->n_users, ds->n_items, ds->n_train, ds->n_test,
          cg_user_items_total (ds->train_pos), cg_user_items_total (ds->test_pos),
          ds->n_eval_users);
  ck_assert_uint_eq (ds->n_users, 943);
  ck_assert_uint_eq (ds->n_items, 1682);
  ck_assert_uint_eq (ds->n_train, 80000);
  ck_assert_uint_eq (ds->n_test, 20000);
  ck_assert_uint_eq (ds->n_eval_users, 456);
  ck_assert_uint_eq (ds->catalog->n_movies, 1682);
  ck_assert_uint_eq (ds->catalog->n_genres, 19);
  ck_assert_uint_eq (base_lines, 80000);
  ck_assert_uint_eq (test_lines, 20000);
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), base_pos);
  ck_assert_uint_eq (cg_user_items_total (ds->test_pos), test_pos);
  ck_assert_uint_eq (cg_user_items_total (ds->train_rated), 80000);
  ck_assert_uint_eq (ds->user_ids[0], 1);
  ck_assert_uint_eq (ds->user_ids[942], 943);
  ck_assert_uint_eq (ds->movie_ids[1681], 1682);
}
END_TEST

START_TEST (test_latin1_title)
{
  g_autoptr(CgDataset) ds = load_ok ("u1");
  const CgMovie *movie = cg_catalog_lookup (ds->catalog, 543);

  ck_assert_ptr_nonnull (movie);
  ck_assert_str_eq (movie->title, "Misérables, Les (1995)");
  ck_assert_uint_eq (movie->year, 1995);
  for (guint i = 0; i < ds->catalog->n_movies; i++)
    ck_assert_msg (g_utf8_validate (ds->catalog->movies[i].title, -1, NULL),
                   "title of movie %u is not UTF-8", ds->catalog->movies[i].movie_id);
}
END_TEST

/* Every title's year is found, and the two listings of Body Snatchers are told apart. */
START_TEST (test_titles_and_twins)
{
  g_autoptr(CgDataset) ds = load_ok ("u1");
  const CgMovie *marlene = cg_catalog_lookup (ds->catalog, 1201);
  guint n_shared = 0;

  ck_assert_str_eq (marlene->title, "Marlene Dietrich: Shadow and Light (1996)");
  for (guint i = 0; i < ds->catalog->n_movies; i++)
    {
      const CgMovie *movie = &ds->catalog->movies[i];
      guint16 year;

      /* Movie 267 is "unknown", without a year. */
      ck_assert_msg (cg_movie_title_find_year (movie->title, &year, NULL, NULL)
                     || movie->movie_id == 267, "no year in “%s”", movie->title);
      n_shared += movie->shared_title;
    }
  ck_assert (cg_catalog_lookup (ds->catalog, 573)->shared_title);
  ck_assert (cg_catalog_lookup (ds->catalog, 670)->shared_title);
  ck_assert (!cg_catalog_lookup (ds->catalog, 1)->shared_title);
  /* 18 titles listed twice, by `cut -d'|' -f2,3 u.item | sort | uniq -d`. */
  ck_assert_uint_eq (n_shared, 36);
}
END_TEST

static CgMetrics
evaluate (CgBaselineKind   kind,
          const CgDataset *ds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgBaseline) baseline = cg_baseline_new (kind, ds, &error);
  g_autofree char *text = NULL;
  CgMetrics m;

  ck_assert_msg (baseline != NULL, "%s", error ? error->message : "?");
  cg_metrics_evaluate (&m, ds, 10, cg_baseline_score, baseline, 256);
  text = cg_metrics_format (&m);
  printf ("u1 %-10s %s\n", cg_baseline_kind_name (kind), text);
  return m;
}

START_TEST (test_popularity_figures)
{
  g_autoptr(CgDataset) ds = load_ok ("u1");
  CgMetrics m = evaluate (CG_BASELINE_POPULARITY, ds);

  ck_assert_uint_eq (m.n_users, 456);
  ck_assert_uint_eq (m.k, 10);
  ck_assert_double_eq_tol (m.recall, 0.1148, 0.0005);
  ck_assert_double_eq_tol (m.ndcg, 0.2606, 0.0005);
  ck_assert_double_eq_tol (m.hit_rate, 0.7917, 0.0005);
}
END_TEST

START_TEST (test_item_model_figures)
{
  /* The developers' guide: ItemKNN NDCG@10 0.409, EASE (λ = 300) 0.468, to 3 decimals. */
  g_autoptr(CgDataset) ds = load_ok ("u1");
  CgMetrics knn = evaluate (CG_BASELINE_ITEMKNN, ds);
  CgMetrics ease = evaluate (CG_BASELINE_EASE, ds);
  CgMetrics rnd = evaluate (CG_BASELINE_RANDOM, ds);

  ck_assert_double_eq_tol (knn.ndcg, 0.409, 0.001);
  ck_assert_double_eq_tol (ease.ndcg, 0.468, 0.001);
  /* Random is about 10/1650 per slot: far below everything else. */
  ck_assert_msg (rnd.ndcg < 0.05, "random NDCG@10 %.4f", rnd.ndcg);
}
END_TEST

START_TEST (test_cli_eval_line)
{
  const char *argv[] = { CG_CLI_PATH, "eval", "--data-dir", data_dir, "--baseline",
                         "popularity", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error), "%s", error ? error->message : "?");
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "exit %d: %s", status, err);
  ck_assert_str_eq (out, "Recall@10 0.1148  NDCG@10 0.2606  HitRate@10 0.7917  users 456  "
                    "coverage 0.0315 (53 movies)  popularity 264.3\n");
}
END_TEST

START_TEST (test_every_split)
{
  static const char *const splits[] = { "u1", "u2", "u3", "u4", "u5" };

  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    {
      g_autoptr(CgDataset) ds = load_ok (splits[s]);

      ck_assert_uint_eq (ds->n_train, 80000);
      ck_assert_uint_eq (ds->n_test, 20000);
      ck_assert_uint_eq (ds->n_users, 943);
    }
  {
    /* ua/ub hold out exactly 10 ratings of each of the 943 users. */
    g_autoptr(CgDataset) ua = load_ok ("ua");
    g_autoptr(CgDataset) ub = load_ok ("ub");

    ck_assert_uint_eq (ua->n_test, 9430);
    ck_assert_uint_eq (ub->n_test, 9430);
    ck_assert_uint_eq (ua->n_train, 90570);
  }
  {
    g_autoptr(CgDataset) all = load_ok ("all");
    g_autoptr(GError) error = NULL;
    g_autoptr(CgDataset) random = cg_dataset_load_random (data_dir, 0.2, 1, 4, &error);

    ck_assert_uint_eq (all->n_train, 100000);
    ck_assert_uint_eq (all->n_test, 0);
    ck_assert_uint_eq (all->n_users, 943);
    ck_assert_uint_eq (all->n_items, 1682);
    ck_assert_msg (random != NULL, "%s", error ? error->message : "?");
    ck_assert_uint_eq (random->n_train + random->n_test, 100000);
    ck_assert_uint_eq (random->n_users, 943);
  }
}
END_TEST

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

START_TEST (test_load_time)
{
  /* Printed only. u.item + u1.base + u1.test, and u.item + u.data. */
  double split_ms[5], all_ms[5];

  for (guint r = 0; r < 5; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(CgDataset) split G_GNUC_UNUSED = load_ok ("u1");
      gint64 t1 = g_get_monotonic_time ();
      g_autoptr(CgDataset) all G_GNUC_UNUSED = load_ok ("all");
      gint64 t2 = g_get_monotonic_time ();

      split_ms[r] = (t1 - t0) / 1000.0;
      all_ms[r] = (t2 - t1) / 1000.0;
    }
  qsort (split_ms, 5, sizeof (double), compare_double);
  qsort (all_ms, 5, sizeof (double), compare_double);
  printf ("load time, median of 5: u.item + u1.base + u1.test %.1f ms; u.item + u.data %.1f ms; "
          "together %.1f ms\n", split_ms[2], all_ms[2], split_ms[2] + all_ms[2]);
}
END_TEST

static Suite *
real_data_suite (void)
{
  Suite *suite = suite_create ("real-data");
  TCase *tc = tcase_create ("ml-100k");

  /* EASE inverts a 1682² matrix and every split is parsed: seconds normally, much more
   * under valgrind. */
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_u1_shape);
  tcase_add_test (tc, test_latin1_title);
  tcase_add_test (tc, test_titles_and_twins);
  tcase_add_test (tc, test_popularity_figures);
  tcase_add_test (tc, test_item_model_figures);
  tcase_add_test (tc, test_cli_eval_line);
  tcase_add_test (tc, test_every_split);
  tcase_add_test (tc, test_load_time);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  int status;

  data_dir = cg_test_real_data_dir ();
  if (data_dir == NULL)
    {
      printf ("SKIP: MovieLens 100K not found (set CINEGAN_DATA_DIR)\n");
      return CG_TEST_SKIP;
    }
  printf ("MovieLens 100K: %s\n", data_dir);
  openblas_set_num_threads (1);
  status = cg_test_run_suite (real_data_suite ());
  g_free (data_dir);
  return status;
}
