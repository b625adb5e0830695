/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-dataset.c: ratings files, splits, ID maps and implicit feedback (cg-dataset.h),
 * and finding the data folder (cg-data-dir.h).
 *
 * Most checks run on a tiny hand-written MovieLens folder whose every number is worked out
 * in the comments below, so the expectations do not come from the code under test. The
 * randomised operations (random holdout, validation carve-out) run on the planted-cluster
 * folder of cg-test-util and are checked against counts recomputed here from the files.
 *
 * The tiny folder ("tiny"):
 *   movies 1 2 3 5 7 10 12 (gaps at 4, 6, 8, 9, 11; 12 is never rated)
 *   u1.base  user movie rating      u1.test  user movie rating
 *            2    1     5                    2    5     4
 *            2    2     4                    2    7     3
 *            2    3     2                    5    2     5
 *            5    1     4                    5    3     4
 *            5    5     3                    9    1     2
 *            5    7     5                    11   1     4
 *            9    2     1                    11   3     5
 *            9    3     4                    13   1     5
 *            11   10    5                    15   3     5
 *            13   2     2
 *   users 2 5 9 11 13 15 → indices 0…5; items 1 2 3 5 7 10 → indices 0…5.
 *   threshold 4: train positives 2:{1,2} 5:{1,7} 9:{3} 11:{10}           (6)
 *                test positives  2:{5} 5:{2,3} 11:{1,3} 13:{1} 15:{3}     (7)
 *                evaluated users 2, 5, 11                                (3)
 *   threshold 5: train positives 2:{1} 5:{7} 11:{10}                     (3)
 *                test positives  5:{2} 11:{3} 13:{1} 15:{3}              (4)
 *                evaluated users 5, 11                                   (2)
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cg-data-dir.h"
#include "cg-dataset.h"
#include "cg-error.h"
#include "cg-test-util.h"

#define TINY_GENRE "unknown|0\nAction|1\nComedy|2\nDrama|3\n"
#define TINY_ITEM                                              \
  "1|Toy Story (1995)|01-Jan-1995||u|0|0|1|0\n"                \
  "2|GoldenEye (1995)|01-Jan-1995||u|0|1|0|0\n"                \
  "3|Four Rooms (1995)|01-Jan-1995||u|0|0|1|1\n"               \
  "5|Mis\xe9rables, Les (1995)|01-Jan-1995||u|0|0|0|1\n"       \
  "7|Old Movie (1971)|4-Feb-1971||u|0|1|1|0\n"                 \
  "10|unknown||||1|0|0|0\n"                                    \
  "12|Unrated (1990)|01-Jan-1990||u|0|0|0|1\n"
#define TINY_BASE                                                               \
  "2\t1\t5\t881250949\n2\t2\t4\t881250950\n2\t3\t2\t881250951\n"                \
  "5\t1\t4\t881250952\n5\t5\t3\t881250953\n5\t7\t5\t881250954\n"                \
  "9\t2\t1\t881250955\n9\t3\t4\t881250956\n11\t10\t5\t881250957\n"              \
  "13\t2\t2\t881250958\n"
#define TINY_TEST                                                               \
  "2\t5\t4\t891250949\n2\t7\t3\t891250950\n5\t2\t5\t891250951\n"                \
  "5\t3\t4\t891250952\n9\t1\t2\t891250953\n11\t1\t4\t891250954\n"               \
  "11\t3\t5\t891250955\n13\t1\t5\t891250956\n15\t3\t5\t891250957\n"

static const guint32 tiny_users[] = { 2, 5, 9, 11, 13, 15 };
static const guint32 tiny_movies[] = { 1, 2, 3, 5, 7, 10 };

static char *
write_tiny (const char *name)
{
  char *dir = cg_test_tmp_subdir (name);

  cg_test_write_file (dir, "u.genre", TINY_GENRE, -1);
  cg_test_write_file (dir, "u.item", TINY_ITEM, -1);
  cg_test_write_file (dir, "u1.base", TINY_BASE, -1);
  cg_test_write_file (dir, "u1.test", TINY_TEST, -1);
  cg_test_write_file (dir, "u.data", TINY_BASE TINY_TEST, -1);
  return dir;
}

static char *
write_synthetic (const char *name)
{
  char *dir = cg_test_tmp_subdir (name);
  CgSyntheticSpec spec;

  cg_synthetic_spec_init (&spec);
  spec.seed = 17;
  cg_test_write_synthetic (dir, &spec);
  return dir;
}

static CgDataset *
load_ok (const char *dir,
         const char *split,
         guint       threshold)
{
  g_autoptr(GError) error = NULL;
  CgDataset *ds = cg_dataset_load (dir, split, threshold, &error);

  ck_assert_msg (ds != NULL, "loading %s/%s failed: %s", dir, split,
                 error ? error->message : "?");
  ck_assert_ptr_null (error);
  return ds;
}

/* Row of set for the raw user, as raw movie IDs, "1,2" — easy to compare with the table. */
static char *
row_as_raw (const CgDataset   *ds,
            const CgUserItems *set,
            guint32            raw_user)
{
  GString *out = g_string_new (NULL);
  gint32 u = cg_dataset_user_index (ds, raw_user);

  ck_assert_int_ge (u, 0);
  for (guint k = 0; k < cg_user_items_count (set, (guint) u); k++)
    g_string_append_printf (out, "%s%u", k ? "," : "",
                            ds->movie_ids[cg_user_items_row (set, (guint) u)[k]]);
  return g_string_free (out, FALSE);
}

#define ASSERT_ROW(ds, set, user, expected)                                        \
  G_STMT_START {                                                                   \
    g_autofree char *row_ = row_as_raw ((ds), (ds)->set, (user));                  \
    ck_assert_msg (g_str_equal (row_, (expected)), #set " of user %u is {%s}, expected {%s}", \
                   (guint) (user), row_, (expected));                              \
  } G_STMT_END

/* ---- ratings files ---- */

static CgCatalog *
tiny_catalog (void)
{
  g_autoptr(GError) error = NULL;
  CgCatalog *catalog = cg_catalog_parse (TINY_GENRE, strlen (TINY_GENRE), "u.genre",
                                         TINY_ITEM, strlen (TINY_ITEM), "u.item", &error);

  ck_assert_msg (catalog != NULL, "%s", error ? error->message : "?");
  return catalog;
}

START_TEST (test_ratings_parse_good)
{
  g_autoptr(CgCatalog) catalog = tiny_catalog ();
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  g_autofree CgRating *ratings = cg_ratings_parse (TINY_BASE, strlen (TINY_BASE), "u1.base",
                                                   catalog, &n, &error);

  ck_assert_msg (ratings != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (n, 10);
  /* File order is kept. */
  ck_assert_uint_eq (ratings[0].user_id, 2);
  ck_assert_uint_eq (ratings[0].movie_id, 1);
  ck_assert_uint_eq (ratings[0].rating, 5);
  ck_assert_uint_eq (ratings[0].timestamp, 881250949);
  ck_assert_uint_eq (ratings[8].user_id, 11);
  ck_assert_uint_eq (ratings[8].movie_id, 10);
  ck_assert_uint_eq (ratings[8].rating, 5);
  ck_assert_uint_eq (ratings[9].user_id, 13);
  ck_assert_uint_eq (ratings[9].rating, 2);
  ck_assert_uint_eq (ratings[9].timestamp, 881250958);
}
END_TEST

START_TEST (test_ratings_crlf_and_no_final_newline)
{
  static const char text[] = "2\t1\t5\t1\r\n5\t7\t3\t2\r\n\r\n9\t10\t1\t4294967295";
  g_autoptr(CgCatalog) catalog = tiny_catalog ();
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  g_autofree CgRating *ratings = cg_ratings_parse (text, strlen (text), "f", catalog, &n,
                                                   &error);

  ck_assert_msg (ratings != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (n, 3);
  ck_assert_uint_eq (ratings[0].timestamp, 1);
  ck_assert_uint_eq (ratings[1].rating, 3);
  ck_assert_uint_eq (ratings[1].timestamp, 2);
  ck_assert_uint_eq (ratings[2].user_id, 9);
  ck_assert_uint_eq (ratings[2].movie_id, 10);
  ck_assert_uint_eq (ratings[2].timestamp, G_MAXUINT32);
}
END_TEST

START_TEST (test_ratings_empty)
{
  g_autoptr(CgCatalog) catalog = tiny_catalog ();
  g_autoptr(GError) error = NULL;
  gsize n = 99;
  g_autofree CgRating *ratings = cg_ratings_parse ("", 0, "f", catalog, &n, &error);

  ck_assert_msg (ratings != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (n, 0);
}
END_TEST

typedef struct
{
  const char *what;
  const char *text;
  const char *where;     /* "data/u1.base:2:" */
  const char *expected;  /* what the message must say */
} BadRatings;

#define GOOD_LINE "2\t1\t5\t881250949\n"

static const BadRatings bad_ratings[] = {
  { "3 fields", GOOD_LINE "2\t2\t4\n", "data/u1.base:2:", "expected 4" },
  { "5 fields", GOOD_LINE "2\t2\t4\t0\t7\n", "data/u1.base:2:", "found 5" },
  { "1 field", GOOD_LINE "5\t2\t4\t0\ngarbage\n", "data/u1.base:3:", "found 1" },
  { "spaces for tabs", "2 1 5 881250949\n", "data/u1.base:1:", "tab-separated" },
  { "non-numeric user", GOOD_LINE "x\t2\t4\t0\n", "data/u1.base:2:", "user ID" },
  { "non-numeric movie", GOOD_LINE "2\t2a\t4\t0\n", "data/u1.base:2:", "movie ID" },
  { "non-numeric rating", GOOD_LINE "2\t2\tfour\t0\n", "data/u1.base:2:", "rating" },
  { "fractional rating", GOOD_LINE "2\t2\t4.5\t0\n", "data/u1.base:2:", "rating" },
  { "negative timestamp", GOOD_LINE "2\t2\t4\t-5\n", "data/u1.base:2:", "timestamp" },
  { "empty movie", GOOD_LINE "2\t\t4\t0\n", "data/u1.base:2:", "movie ID" },
  { "leading space", GOOD_LINE "2\t 2\t4\t0\n", "data/u1.base:2:", "movie ID" },
  { "user 0", GOOD_LINE "0\t2\t4\t0\n", "data/u1.base:2:", "user ID" },
  { "rating 0", GOOD_LINE "2\t2\t0\t0\n", "data/u1.base:2:", "1 to 5" },
  { "rating 6", GOOD_LINE "2\t2\t6\t0\n", "data/u1.base:2:", "1 to 5" },
  { "rating 9", GOOD_LINE "2\t2\t9\t0\n", "data/u1.base:2:", "1 to 5" },
  { "rating 10", GOOD_LINE "2\t2\t10\t0\n", "data/u1.base:2:", "1 to 5" },
  { "timestamp overflow", GOOD_LINE "2\t2\t4\t4294967296\n", "data/u1.base:2:", "timestamp" },
  { "movie in a gap of u.item", GOOD_LINE "2\t4\t4\t0\n", "data/u1.base:2:", "not in u.item" },
  { "movie past u.item", GOOD_LINE "2\t99\t4\t0\n", "data/u1.base:2:", "not in u.item" },
  { "duplicate pair", GOOD_LINE "5\t2\t4\t0\n2\t1\t3\t7\n", "data/u1.base:3:",
    "on line 1" },
  /* Two repeated pairs: the earlier repeat (line 3, of line 2) is the one reported. */
  { "two duplicates", "2\t1\t5\t0\n5\t2\t4\t0\n5\t2\t4\t1\n2\t1\t3\t7\n", "data/u1.base:3:",
    "on line 2" },
  /* Three of one pair: the second occurrence, naming the first. */
  { "triplicate", "2\t1\t5\t0\n2\t1\t5\t1\n5\t2\t4\t0\n2\t1\t3\t7\n", "data/u1.base:2:",
    "on line 1" },
};

START_TEST (test_ratings_malformed)
{
  const BadRatings *bad = &bad_ratings[_i];
  g_autoptr(CgCatalog) catalog = tiny_catalog ();
  g_autoptr(GError) error = NULL;
  gsize n = 0;
  CgRating *ratings = cg_ratings_parse (bad->text, strlen (bad->text), "data/u1.base", catalog,
                                        &n, &error);

  if (ratings != NULL)
    {
      GString *got = g_string_new (NULL);

      for (gsize r = 0; r < n; r++)
        g_string_append_printf (got, " (%u,%u,%g)", ratings[r].user_id, ratings[r].movie_id,
                                ratings[r].rating);
      g_free (ratings);
      ck_abort_msg ("%s: accepted, giving%s", bad->what, got->str);
    }
  ck_assert_msg (error != NULL, "%s: no error", bad->what);
  ck_assert_msg (g_error_matches (error, CG_ERROR, CG_ERROR_PARSE), "%s: %s %d: %s", bad->what,
                 g_quark_to_string (error->domain), error->code, error->message);
  ck_assert_msg (g_str_has_prefix (error->message, bad->where),
                 "%s: “%s” does not start with “%s”", bad->what, error->message, bad->where);
  ck_assert_msg (strstr (error->message, bad->expected) != NULL,
                 "%s: “%s” does not say “%s”", bad->what, error->message, bad->expected);
}
END_TEST

/* ---- loading a split ---- */

START_TEST (test_load_tiny_id_maps)
{
  g_autofree char *dir = write_tiny ("maps");
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);

  ck_assert_str_eq (ds->split, "u1");
  ck_assert_uint_eq (ds->threshold, 4);
  ck_assert_uint_eq (ds->catalog->n_movies, 7);
  ck_assert_uint_eq (ds->n_users, G_N_ELEMENTS (tiny_users));
  ck_assert_uint_eq (ds->n_items, G_N_ELEMENTS (tiny_movies));
  ck_assert_mem_eq (ds->user_ids, tiny_users, sizeof tiny_users);
  ck_assert_mem_eq (ds->movie_ids, tiny_movies, sizeof tiny_movies);
  ck_assert_uint_eq (ds->max_user_id, 15);

  /* Round trips both ways. */
  for (guint u = 0; u < ds->n_users; u++)
    ck_assert_int_eq (cg_dataset_user_index (ds, ds->user_ids[u]), (gint32) u);
  for (guint i = 0; i < ds->n_items; i++)
    {
      ck_assert_int_eq (cg_dataset_item_index (ds, ds->movie_ids[i]), (gint32) i);
      ck_assert_uint_eq (cg_dataset_movie (ds, i)->movie_id, ds->movie_ids[i]);
    }
  for (guint32 raw = 0; raw <= 20; raw++)
    {
      gint32 u = cg_dataset_user_index (ds, raw);

      if (u >= 0)
        ck_assert_uint_eq (ds->user_ids[u], raw);
      else
        for (guint k = 0; k < G_N_ELEMENTS (tiny_users); k++)
          ck_assert_uint_ne (tiny_users[k], raw);
    }
  /* Absent: gaps, past the end, and movie 12 which is in u.item but never rated. */
  ck_assert_int_eq (cg_dataset_user_index (ds, 0), -1);
  ck_assert_int_eq (cg_dataset_user_index (ds, 3), -1);
  ck_assert_int_eq (cg_dataset_user_index (ds, 16), -1);
  ck_assert_int_eq (cg_dataset_user_index (ds, G_MAXUINT32), -1);
  ck_assert_int_eq (cg_dataset_item_index (ds, 4), -1);
  ck_assert_int_eq (cg_dataset_item_index (ds, 12), -1);
  ck_assert_int_eq (cg_dataset_item_index (ds, 13), -1);
  ck_assert_int_eq (cg_dataset_item_index (ds, G_MAXUINT32), -1);
  ck_assert_str_eq (cg_dataset_movie (ds, 3)->title, "Misérables, Les (1995)");

  /* Train and test kept in file order. */
  ck_assert_uint_eq (ds->n_train, 10);
  ck_assert_uint_eq (ds->n_test, 9);
  ck_assert_uint_eq (ds->train[2].movie_id, 3);
  ck_assert_uint_eq (ds->train[2].rating, 2);
  ck_assert_uint_eq (ds->test[8].user_id, 15);
}
END_TEST

START_TEST (test_load_tiny_implicit_sets)
{
  g_autofree char *dir = write_tiny ("sets");
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);
  static const gboolean eval[] = { TRUE, TRUE, FALSE, TRUE, FALSE, FALSE };
  g_autofree guint32 *popularity = NULL;
  static const guint32 expected_popularity[] = { 2, 1, 1, 0, 1, 1 };

  ASSERT_ROW (ds, train_pos, 2, "1,2");
  ASSERT_ROW (ds, train_pos, 5, "1,7");
  ASSERT_ROW (ds, train_pos, 9, "3");
  ASSERT_ROW (ds, train_pos, 11, "10");
  ASSERT_ROW (ds, train_pos, 13, "");
  ASSERT_ROW (ds, train_pos, 15, "");
  ASSERT_ROW (ds, train_rated, 2, "1,2,3");
  ASSERT_ROW (ds, train_rated, 5, "1,5,7");
  ASSERT_ROW (ds, train_rated, 9, "2,3");
  ASSERT_ROW (ds, train_rated, 11, "10");
  ASSERT_ROW (ds, train_rated, 13, "2");
  ASSERT_ROW (ds, train_rated, 15, "");
  ASSERT_ROW (ds, test_pos, 2, "5");
  ASSERT_ROW (ds, test_pos, 5, "2,3");
  ASSERT_ROW (ds, test_pos, 9, "");
  ASSERT_ROW (ds, test_pos, 11, "1,3");
  ASSERT_ROW (ds, test_pos, 13, "1");
  ASSERT_ROW (ds, test_pos, 15, "3");
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), 6);
  ck_assert_uint_eq (cg_user_items_total (ds->train_rated), 10);
  ck_assert_uint_eq (cg_user_items_total (ds->test_pos), 7);

  ck_assert_uint_eq (ds->n_eval_users, 3);
  for (guint u = 0; u < ds->n_users; u++)
    ck_assert_msg (cg_dataset_is_eval_user (ds, u) == eval[u], "user %u", ds->user_ids[u]);

  popularity = cg_dataset_item_popularity (ds);
  ck_assert_mem_eq (popularity, expected_popularity, sizeof expected_popularity);
}
END_TEST

START_TEST (test_load_tiny_threshold_5)
{
  g_autofree char *dir = write_tiny ("t5");
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 5);

  ck_assert_uint_eq (ds->threshold, 5);
  ASSERT_ROW (ds, train_pos, 2, "1");
  ASSERT_ROW (ds, train_pos, 5, "7");
  ASSERT_ROW (ds, train_pos, 9, "");
  ASSERT_ROW (ds, train_pos, 11, "10");
  ASSERT_ROW (ds, test_pos, 2, "");
  ASSERT_ROW (ds, test_pos, 5, "2");
  ASSERT_ROW (ds, test_pos, 11, "3");
  ASSERT_ROW (ds, test_pos, 13, "1");
  ASSERT_ROW (ds, test_pos, 15, "3");
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), 3);
  ck_assert_uint_eq (cg_user_items_total (ds->test_pos), 4);
  /* Every rating still counts as rated, and the ID maps do not depend on the threshold. */
  ck_assert_uint_eq (cg_user_items_total (ds->train_rated), 10);
  ck_assert_uint_eq (ds->n_users, 6);
  ck_assert_uint_eq (ds->n_items, 6);
  ck_assert_uint_eq (ds->n_eval_users, 2);
  ck_assert (cg_dataset_is_eval_user (ds, (guint) cg_dataset_user_index (ds, 5)));
  ck_assert (cg_dataset_is_eval_user (ds, (guint) cg_dataset_user_index (ds, 11)));
}
END_TEST

START_TEST (test_load_threshold_out_of_range)
{
  g_autofree char *dir = write_tiny ("t0");
  g_autoptr(GError) error = NULL;

  ck_assert_ptr_null (cg_dataset_load (dir, "u1", 0, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert_ptr_null (cg_dataset_load (dir, "u1", 6, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
}
END_TEST

/* Independent of the hand table: every rating is in train_rated, positives exactly the
 * ratings at or above the threshold, on the larger synthetic folder too. */
static void
assert_sets_match_ratings (const CgDataset *ds)
{
  gsize n_pos = 0, n_test_pos = 0;

  for (gsize r = 0; r < ds->n_train; r++)
    {
      guint u = (guint) cg_dataset_user_index (ds, ds->train[r].user_id);
      guint32 i = (guint32) cg_dataset_item_index (ds, ds->train[r].movie_id);
      gboolean positive = ds->train[r].rating >= ds->threshold;

      ck_assert (cg_user_items_contains (ds->train_rated, u, i));
      ck_assert_int_eq (cg_user_items_contains (ds->train_pos, u, i), positive);
      n_pos += positive;
    }
  for (gsize r = 0; r < ds->n_test; r++)
    {
      guint u = (guint) cg_dataset_user_index (ds, ds->test[r].user_id);
      guint32 i = (guint32) cg_dataset_item_index (ds, ds->test[r].movie_id);
      gboolean positive = ds->test[r].rating >= ds->threshold;

      ck_assert_int_eq (cg_user_items_contains (ds->test_pos, u, i), positive);
      ck_assert (!cg_user_items_contains (ds->train_rated, u, i));
      n_test_pos += positive;
    }
  ck_assert_uint_eq (cg_user_items_total (ds->train_rated), ds->n_train);
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), n_pos);
  ck_assert_uint_eq (cg_user_items_total (ds->test_pos), n_test_pos);
  for (guint k = 1; k < ds->n_users; k++)
    ck_assert_uint_lt (ds->user_ids[k - 1], ds->user_ids[k]);
  for (guint k = 1; k < ds->n_items; k++)
    ck_assert_uint_lt (ds->movie_ids[k - 1], ds->movie_ids[k]);
}

START_TEST (test_load_synthetic_consistent)
{
  g_autofree char *dir = write_synthetic ("synthetic-load");

  for (guint t = 1; t <= 5; t++)
    {
      g_autoptr(CgDataset) ds = load_ok (dir, "u1", t);
      guint n_eval = 0;

      assert_sets_match_ratings (ds);
      ck_assert_uint_eq (ds->n_users, 60);
      for (guint u = 0; u < ds->n_users; u++)
        n_eval += cg_user_items_count (ds->train_pos, u) > 0
                  && cg_user_items_count (ds->test_pos, u) > 0;
      ck_assert_uint_eq (ds->n_eval_users, n_eval);
      if (t == 1)
        ck_assert_uint_eq (cg_user_items_total (ds->train_pos), ds->n_train);
    }
}
END_TEST

START_TEST (test_load_crlf)
{
  g_autofree char *dir = write_tiny ("crlf");
  g_auto(GStrv) base_lines = g_strsplit (TINY_BASE, "\n", -1);
  g_auto(GStrv) test_lines = g_strsplit (TINY_TEST, "\n", -1);
  g_autofree char *base = NULL;
  g_autofree char *test = NULL;

  /* CRLF everywhere; u1.test also loses its final line break. */
  base = g_strjoinv ("\r\n", base_lines);
  g_free (test_lines[g_strv_length (test_lines) - 1]);
  test_lines[g_strv_length (test_lines) - 1] = NULL;
  test = g_strjoinv ("\r\n", test_lines);
  cg_test_write_file (dir, "u1.base", base, -1);
  cg_test_write_file (dir, "u1.test", test, -1);
  {
    g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);

    ck_assert_uint_eq (ds->n_train, 10);
    ck_assert_uint_eq (ds->n_test, 9);
    ck_assert_uint_eq (ds->test[8].timestamp, 891250957);
    ck_assert_uint_eq (ds->n_eval_users, 3);
    ASSERT_ROW (ds, test_pos, 11, "1,3");
  }
}
END_TEST

START_TEST (test_load_all)
{
  g_autofree char *dir = write_tiny ("all");
  g_autoptr(CgDataset) ds = load_ok (dir, "all", 4);

  ck_assert_uint_eq (ds->n_train, 19);
  ck_assert_uint_eq (ds->n_test, 0);
  ck_assert_uint_eq (ds->n_users, 6);
  ck_assert_uint_eq (ds->n_items, 6);
  ck_assert_uint_eq (cg_user_items_total (ds->test_pos), 0);
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), 13);
  ck_assert_uint_eq (ds->n_eval_users, 0);
}
END_TEST

typedef struct
{
  const char *what;
  const char *file;      /* which file to replace */
  const char *contents;  /* NULL: delete it */
  const char *names;     /* the message must name this file (with ":line:" when parsing) */
  const char *expected;
} BadLoad;

static const BadLoad bad_loads[] = {
  { "missing u1.test", "u1.test", NULL, "u1.test", "u1.test" },
  { "missing u1.base", "u1.base", NULL, "u1.base", "u1.base" },
  { "missing u.item", "u.item", NULL, "u.item", "u.item" },
  { "missing u.genre", "u.genre", NULL, "u.genre", "u.genre" },
  { "malformed u1.base", "u1.base", GOOD_LINE "5\t2\t4\n", "u1.base:2:", "expected 4" },
  { "rating 6 in u1.base", "u1.base", GOOD_LINE "9\t3\t4\t0\n5\t2\t6\t0\n", "u1.base:3:",
    "1 to 5" },
  { "rating 0 in u1.test", "u1.test", "2\t5\t0\t0\n", "u1.test:1:", "1 to 5" },
  { "unknown movie in u1.test", "u1.test", "2\t5\t4\t0\n2\t12\t4\t0\n2\t6\t4\t0\n",
    "u1.test:3:", "not in u.item" },
  { "duplicate in u1.test", "u1.test", "2\t5\t4\t0\n9\t5\t4\t0\n2\t5\t1\t0\n", "u1.test:3:",
    "line 1" },
  { "malformed u.item", "u.item", "1|x|||u|0|0|1\n", "u.item:1:", "expected 9" },
};

START_TEST (test_load_failures)
{
  const BadLoad *bad = &bad_loads[_i];
  g_autofree char *name = g_strdup_printf ("bad-%d", _i);
  g_autofree char *dir = write_tiny (name);

  cg_test_assert_load_fails (dir, "u1", bad->file, bad->contents, bad->names, bad->expected,
                             bad->what);
}
END_TEST

START_TEST (test_load_bad_split_names)
{
  g_autofree char *dir = write_tiny ("splits");
  static const char *const names[] = { "", "../u1", "u1/x", "u 1" };

  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    {
      g_autoptr(GError) error = NULL;

      ck_assert_ptr_null (cg_dataset_load (dir, names[s], 4, &error));
      ck_assert_msg (error != NULL, "split “%s”", names[s]);
    }
  {
    g_autoptr(GError) error = NULL;

    /* A well-formed name whose files are absent: the missing file is named. */
    ck_assert_ptr_null (cg_dataset_load (dir, "u2", 4, &error));
    ck_assert_ptr_nonnull (error);
    ck_assert_msg (strstr (error->message, "u2.base") != NULL, "“%s”", error->message);
  }
}
END_TEST

START_TEST (test_pair_in_train_and_test)
{
  g_autofree char *dir = write_tiny ("overlap");
  g_autoptr(GError) error = NULL;

  /* User 2 rated movie 5 in test (4); rate it in train as well. */
  cg_test_write_file (dir, "u1.base", TINY_BASE "2\t5\t3\t881250999\n", -1);
  ck_assert_ptr_null (cg_dataset_load (dir, "u1", 4, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_error_matches (error, CG_ERROR, CG_ERROR_MISMATCH), "%s %d: %s",
                 g_quark_to_string (error->domain), error->code, error->message);
  ck_assert_msg (strstr (error->message, "user 2") != NULL
                 && strstr (error->message, "movie 5") != NULL, "“%s”", error->message);
}
END_TEST

START_TEST (test_dataset_new_direct)
{
  /* Ratings in descending ID order: indices must still ascend with raw IDs. */
  static const CgRating train[] = {
    { 30, 10, 5, 0 }, { 20, 7, 4, 0 }, { 10, 1, 1, 0 }, { 30, 1, 4, 0 },
  };
  static const CgRating test[] = { { 20, 2, 5, 0 }, { 40, 3, 4, 0 } };
  static const guint32 users[] = { 10, 20, 30, 40 };
  static const guint32 movies[] = { 1, 2, 3, 7, 10 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) ds = cg_dataset_new (tiny_catalog (), "custom", 4, train, 4, test, 2,
                                            &error);

  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  ck_assert_str_eq (ds->split, "custom");
  ck_assert_uint_eq (ds->n_users, 4);
  ck_assert_uint_eq (ds->n_items, 5);
  ck_assert_mem_eq (ds->user_ids, users, sizeof users);
  ck_assert_mem_eq (ds->movie_ids, movies, sizeof movies);
  ASSERT_ROW (ds, train_pos, 30, "1,10");
  ASSERT_ROW (ds, train_pos, 10, "");
  ASSERT_ROW (ds, train_rated, 10, "1");
  /* 20: train pos 7, test pos 2 → evaluated; 40: test only → not; 30: train only → not. */
  ck_assert_uint_eq (ds->n_eval_users, 1);
}
END_TEST

START_TEST (test_dataset_new_rejects)
{
  static const CgRating bad_movie[] = { { 1, 4, 5, 0 } };
  static const CgRating bad_rating[] = { { 1, 1, 6, 0 } };
  static const CgRating bad_user[] = { { 0, 1, 5, 0 } };
  static const CgRating overlap_train[] = { { 1, 1, 5, 0 } };
  static const CgRating overlap_test[] = { { 1, 1, 2, 0 } };
  g_autoptr(GError) error = NULL;

  /* The catalogue reference is taken over on error too (valgrind checks the leak). */
  ck_assert_ptr_null (cg_dataset_new (tiny_catalog (), "x", 4, bad_movie, 1, NULL, 0, &error));
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);
  ck_assert_ptr_null (cg_dataset_new (tiny_catalog (), "x", 4, NULL, 0, bad_rating, 1, &error));
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);
  ck_assert_ptr_null (cg_dataset_new (tiny_catalog (), "x", 4, bad_user, 1, NULL, 0, &error));
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);
  ck_assert_ptr_null (cg_dataset_new (tiny_catalog (), "x", 4, overlap_train, 1, overlap_test,
                                      1, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_MISMATCH));
}
END_TEST

/* ---- random holdout ---- */

typedef struct
{
  guint32 user_id, movie_id, rating, timestamp;
} PlainRating;

/* u.data read with sscanf, independently of cg_ratings_parse. */
static GArray *
read_plain (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PlainRating));

  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      PlainRating r;

      if (lines[l][0] == '\0')
        continue;
      ck_assert_int_eq (sscanf (lines[l], "%u\t%u\t%u\t%u", &r.user_id, &r.movie_id, &r.rating,
                                &r.timestamp), 4);
      g_array_append_val (out, r);
    }
  return out;
}

static char *
rating_key (guint32 user,
            guint32 movie,
            guint32 rating,
            guint32 timestamp)
{
  return g_strdup_printf ("%u/%u/%u/%u", user, movie, rating, timestamp);
}

static CgDataset *
load_random_ok (const char *dir,
                double      fraction,
                guint64     seed)
{
  g_autoptr(GError) error = NULL;
  CgDataset *ds = cg_dataset_load_random (dir, fraction, seed, 4, &error);

  ck_assert_msg (ds != NULL, "%s", error ? error->message : "?");
  return ds;
}

START_TEST (test_random_split_partition)
{
  g_autofree char *dir = write_synthetic ("random");
  g_autoptr(GArray) all = read_plain (dir, "u.data");
  g_autoptr(GHashTable) remaining = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);
  g_autoptr(GHashTable) per_user = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) held_per_user = g_hash_table_new (NULL, NULL);
  const double fraction = 0.3;
  g_autoptr(CgDataset) ds = load_random_ok (dir, fraction, 99);
  GHashTableIter iter;
  gpointer key, value;

  ck_assert_str_eq (ds->split, "random:0.3:99");
  for (guint r = 0; r < all->len; r++)
    {
      PlainRating *p = &g_array_index (all, PlainRating, r);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_user, GUINT_TO_POINTER (p->user_id)));

      ck_assert (g_hash_table_add (remaining, rating_key (p->user_id, p->movie_id, p->rating,
                                                          p->timestamp)));
      g_hash_table_insert (per_user, GUINT_TO_POINTER (p->user_id), GUINT_TO_POINTER (n + 1));
    }

  /* Union = all and no overlap: each rating of u.data is met exactly once. */
  ck_assert_uint_eq (ds->n_train + ds->n_test, all->len);
  for (guint half = 0; half < 2; half++)
    {
      const CgRating *list = half == 0 ? ds->train : ds->test;
      gsize n = half == 0 ? ds->n_train : ds->n_test;

      for (gsize r = 0; r < n; r++)
        {
          g_autofree char *k = rating_key (list[r].user_id, list[r].movie_id, list[r].rating,
                                           list[r].timestamp);

          ck_assert_msg (g_hash_table_remove (remaining, k), "%s in %s: not in u.data or twice",
                         k, half == 0 ? "train" : "test");
          if (half == 1)
            {
              gpointer u = GUINT_TO_POINTER (list[r].user_id);
              guint h = GPOINTER_TO_UINT (g_hash_table_lookup (held_per_user, u));

              g_hash_table_insert (held_per_user, u, GUINT_TO_POINTER (h + 1));
            }
        }
    }
  ck_assert_uint_eq (g_hash_table_size (remaining), 0);

  /* Per user: round(fraction · n) held out, at least one kept in train. */
  g_hash_table_iter_init (&iter, per_user);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (value);
      guint expected = MIN ((guint) floor (fraction * n + 0.5), n - 1);
      guint held = GPOINTER_TO_UINT (g_hash_table_lookup (held_per_user, key));

      ck_assert_msg (held == expected, "user %u: %u of %u held out, expected %u",
                     GPOINTER_TO_UINT (key), held, n, expected);
    }
  assert_sets_match_ratings (ds);
  ck_assert_uint_eq (ds->n_users, g_hash_table_size (per_user));
}
END_TEST

/* Field by field: CgRating has padding after the rating byte, which memcmp would read. */
static gboolean
same_ratings (const CgRating *a,
              const CgRating *b,
              gsize           n)
{
  for (gsize r = 0; r < n; r++)
    if (a[r].user_id != b[r].user_id || a[r].movie_id != b[r].movie_id
        || a[r].rating != b[r].rating || a[r].timestamp != b[r].timestamp)
      return FALSE;
  return TRUE;
}

static gboolean
same_split (const CgDataset *a,
            const CgDataset *b)
{
  return a->n_train == b->n_train && a->n_test == b->n_test
         && same_ratings (a->train, b->train, a->n_train)
         && same_ratings (a->test, b->test, a->n_test);
}

START_TEST (test_random_split_seeded)
{
  g_autofree char *dir = write_synthetic ("random-seed");
  g_autoptr(CgDataset) a = load_random_ok (dir, 0.25, 5);
  g_autoptr(CgDataset) b = load_random_ok (dir, 0.25, 5);
  g_autoptr(CgDataset) c = load_random_ok (dir, 0.25, 6);

  ck_assert_msg (same_split (a, b), "same seed, different split");
  ck_assert_uint_eq (a->n_test, c->n_test);
  ck_assert_msg (!same_split (a, c), "seeds 5 and 6 gave the same split");
}
END_TEST

START_TEST (test_random_split_bad_fraction)
{
  g_autofree char *dir = write_synthetic ("random-bad");
  const double fractions[] = { 0.0, 1.0, -0.5, 1.5, NAN };

  for (guint f = 0; f < G_N_ELEMENTS (fractions); f++)
    {
      g_autoptr(GError) error = NULL;

      ck_assert_ptr_null (cg_dataset_load_random (dir, fractions[f], 1, 4, &error));
      ck_assert_msg (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID), "fraction %g",
                     fractions[f]);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *data = g_build_filename (dir, "u.data", NULL);

    g_remove (data);
    ck_assert_ptr_null (cg_dataset_load_random (dir, 0.2, 1, 4, &error));
    ck_assert_ptr_nonnull (error);
    ck_assert_msg (strstr (error->message, "u.data") != NULL, "“%s”", error->message);
  }
}
END_TEST

/* ---- validation carve-out ---- */

START_TEST (test_carve_tiny_by_hand)
{
  /* Train positives: 2:{1,2} and 5:{1,7} hold 2 each → round(0.5·2) = 1 held out each;
   * 9:{3} and 11:{10} have one, which must stay. */
  g_autofree char *dir = write_tiny ("carve-tiny");
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);
  g_autoptr(CgDataset) val = cg_dataset_carve_validation (ds, 0.5, 1);
  g_autofree char *row2 = NULL;
  g_autofree char *row5 = NULL;

  ck_assert_str_eq (val->split, "u1-validation");
  ck_assert_uint_eq (val->n_test, 2);
  ck_assert_uint_eq (val->n_train, 8);
  ck_assert_uint_eq (cg_user_items_total (val->test_pos), 2);
  ck_assert_uint_eq (cg_user_items_count (val->test_pos, 0), 1);
  ck_assert_uint_eq (cg_user_items_count (val->test_pos, 1), 1);
  ASSERT_ROW (val, train_pos, 9, "3");
  ASSERT_ROW (val, train_pos, 11, "10");
  ck_assert_uint_eq (cg_user_items_count (val->train_pos, 0), 1);
  ck_assert_uint_eq (cg_user_items_count (val->train_pos, 1), 1);
  /* Users 2 and 5 each have one train positive and one held-out positive. */
  ck_assert_uint_eq (val->n_eval_users, 2);
  row2 = row_as_raw (val, val->test_pos, 2);
  row5 = row_as_raw (val, val->test_pos, 5);
  ck_assert_msg (g_str_equal (row2, "1") || g_str_equal (row2, "2"), "user 2 held {%s}", row2);
  ck_assert_msg (g_str_equal (row5, "1") || g_str_equal (row5, "7"), "user 5 held {%s}", row5);
  /* The real test split is not in it. */
  ck_assert (!cg_user_items_contains (val->test_pos, 0, 3));
}
END_TEST

START_TEST (test_carve_properties)
{
  g_autofree char *dir = write_synthetic ("carve");
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);
  const double fraction = 0.3;
  g_autoptr(CgDataset) val = cg_dataset_carve_validation (ds, fraction, 7);
  g_autoptr(CgDataset) again = cg_dataset_carve_validation (ds, fraction, 7);
  g_autoptr(CgDataset) other = cg_dataset_carve_validation (ds, fraction, 8);
  g_autoptr(GHashTable) parent_train = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              NULL);
  guint n_eval = 0;

  /* Same ID maps, so indices mean the same thing in both. */
  ck_assert_uint_eq (val->n_users, ds->n_users);
  ck_assert_uint_eq (val->n_items, ds->n_items);
  ck_assert_uint_eq (val->max_user_id, ds->max_user_id);
  ck_assert_mem_eq (val->user_ids, ds->user_ids, sizeof (guint32) * ds->n_users);
  ck_assert_mem_eq (val->movie_ids, ds->movie_ids, sizeof (guint32) * ds->n_items);
  ck_assert_ptr_eq (val->users, ds->users);
  ck_assert_ptr_eq (val->items, ds->items);
  ck_assert_ptr_eq (val->catalog, ds->catalog);
  ck_assert_uint_eq (val->threshold, ds->threshold);

  /* Train ∪ test of the carve-out = parent train, disjoint. */
  for (gsize r = 0; r < ds->n_train; r++)
    g_hash_table_add (parent_train, rating_key (ds->train[r].user_id, ds->train[r].movie_id,
                                                ds->train[r].rating, ds->train[r].timestamp));
  ck_assert_uint_eq (val->n_train + val->n_test, ds->n_train);
  for (guint half = 0; half < 2; half++)
    {
      const CgRating *list = half == 0 ? val->train : val->test;
      gsize n = half == 0 ? val->n_train : val->n_test;

      for (gsize r = 0; r < n; r++)
        {
          g_autofree char *k = rating_key (list[r].user_id, list[r].movie_id, list[r].rating,
                                           list[r].timestamp);

          ck_assert_msg (g_hash_table_remove (parent_train, k), "%s not in parent train", k);
          if (half == 1)
            ck_assert_uint_ge (list[r].rating, ds->threshold);
        }
    }
  ck_assert_uint_eq (g_hash_table_size (parent_train), 0);

  /* Held-out ⊂ train positives; per user round(f·n) held, ≥ 1 positive stays. */
  for (guint u = 0; u < ds->n_users; u++)
    {
      guint n_pos = cg_user_items_count (ds->train_pos, u);
      guint held = cg_user_items_count (val->test_pos, u);
      guint expected = n_pos < 2 ? 0 : MIN ((guint) floor (fraction * n_pos + 0.5), n_pos - 1);

      for (guint k = 0; k < held; k++)
        ck_assert (cg_user_items_contains (ds->train_pos, u, cg_user_items_row (val->test_pos,
                                                                                u)[k]));
      ck_assert_msg (held == expected, "user %u: %u of %u held, expected %u", u, held, n_pos,
                     expected);
      ck_assert_uint_eq (cg_user_items_count (val->train_pos, u), n_pos - held);
      if (n_pos > 0)
        ck_assert_uint_ge (cg_user_items_count (val->train_pos, u), 1);
      n_eval += cg_user_items_count (val->train_pos, u) > 0 && held > 0;
    }
  ck_assert_uint_eq (val->n_eval_users, n_eval);
  ck_assert_uint_gt (n_eval, 0);

  ck_assert_msg (same_split (val, again), "same seed, different carve-out");
  ck_assert_msg (!same_split (val, other), "seeds 7 and 8 gave the same carve-out");
}
END_TEST

START_TEST (test_carve_extremes)
{
  g_autofree char *dir = write_synthetic ("carve-extremes");
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);
  g_autoptr(CgDataset) none = cg_dataset_carve_validation (ds, 0.0, 1);
  g_autoptr(CgDataset) most = cg_dataset_carve_validation (ds, 0.99, 1);

  ck_assert_uint_eq (none->n_test, 0);
  ck_assert_uint_eq (none->n_train, ds->n_train);
  ck_assert_uint_eq (none->n_eval_users, 0);
  for (guint u = 0; u < ds->n_users; u++)
    {
      guint n_pos = cg_user_items_count (ds->train_pos, u);

      ck_assert_uint_eq (cg_user_items_count (most->train_pos, u), MIN (n_pos, 1));
    }
}
END_TEST

/* ---- a copy with an extra user ---- */

START_TEST (test_extra_user_new)
{
  g_autofree char *dir = write_tiny ("extra");
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);
  const CgRating extra[] = { { 16, 10, 4, 1 }, { 16, 1, 5, 2 }, { 16, 3, 2, 3 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) more = cg_dataset_with_extra_user (ds, extra, 3, &error);

  ck_assert_msg (more != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (more->n_users, ds->n_users + 1);
  ck_assert_int_eq (cg_dataset_user_index (more, 16), (gint32) ds->n_users);
  ck_assert_uint_eq (more->user_ids[ds->n_users], 16);
  /* Everyone else keeps their index; items do not move. */
  ck_assert_mem_eq (more->user_ids, ds->user_ids, sizeof (guint32) * ds->n_users);
  ck_assert_uint_eq (more->n_items, ds->n_items);
  ck_assert_mem_eq (more->movie_ids, ds->movie_ids, sizeof (guint32) * ds->n_items);
  ck_assert_uint_eq (more->n_train, ds->n_train + 3);
  ck_assert_uint_eq (more->n_test, ds->n_test);
  ASSERT_ROW (more, train_pos, 16, "1,10");
  ASSERT_ROW (more, train_rated, 16, "1,3,10");
  ASSERT_ROW (more, test_pos, 16, "");
  ASSERT_ROW (more, train_pos, 2, "1,2");
  ck_assert_uint_eq (more->n_eval_users, ds->n_eval_users);
  ck_assert_ptr_eq (more->catalog, ds->catalog);
  ck_assert_str_eq (more->split, ds->split);
  /* The parent is untouched. */
  ck_assert_uint_eq (ds->n_users, 6);
  ck_assert_int_eq (cg_dataset_user_index (ds, 16), -1);
  ck_assert_uint_eq (ds->n_train, 10);
}
END_TEST

START_TEST (test_extra_user_existing)
{
  /* User 9 adds movie 10, which they have not rated: allowed, nothing renumbered. */
  g_autofree char *dir = write_tiny ("extra-existing");
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);
  const CgRating extra[] = { { 9, 10, 5, 0 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgDataset) more = cg_dataset_with_extra_user (ds, extra, 1, &error);

  ck_assert_msg (more != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (more->n_users, ds->n_users);
  ASSERT_ROW (more, train_pos, 9, "3,10");
  ASSERT_ROW (more, train_rated, 9, "2,3,10");
}
END_TEST

typedef struct
{
  const char *what;
  CgRating    ratings[2];
  guint       n;
} BadExtra;

static const BadExtra bad_extras[] = {
  { "movie in u.item but outside the item space", { { 16, 12, 5, 0 } }, 1 },
  { "movie not in u.item", { { 16, 4, 5, 0 } }, 1 },
  { "movie past u.item", { { 16, 4000, 5, 0 } }, 1 },
  { "same movie twice", { { 16, 1, 5, 0 }, { 16, 1, 3, 0 } }, 2 },
  { "existing user, movie rated in train", { { 2, 3, 5, 0 } }, 1 },
  { "existing user, movie a test positive", { { 2, 5, 5, 0 } }, 1 },
  { "existing user, movie rated low in test", { { 2, 7, 5, 0 } }, 1 },
  { "rating 0", { { 16, 1, 0, 0 } }, 1 },
  { "rating 6", { { 16, 1, 6, 0 } }, 1 },
  { "user 0", { { 0, 1, 5, 0 } }, 1 },
};

START_TEST (test_extra_user_refused)
{
  const BadExtra *bad = &bad_extras[_i];
  g_autofree char *name = g_strdup_printf ("extra-bad-%d", _i);
  g_autofree char *dir = write_tiny (name);
  g_autoptr(CgDataset) ds = load_ok (dir, "u1", 4);
  g_autoptr(GError) error = NULL;
  CgDataset *more = cg_dataset_with_extra_user (ds, bad->ratings, bad->n, &error);

  if (more != NULL)
    {
      cg_dataset_free (more);
      ck_abort_msg ("%s: accepted", bad->what);
    }
  ck_assert_msg (error != NULL && error->domain == CG_ERROR, "%s: no CG_ERROR", bad->what);
  if (_i < 3)
    ck_assert_msg (error->code == CG_ERROR_NOT_FOUND, "%s: code %d (%s)", bad->what,
                   error->code, error->message);
}
END_TEST

/* ---- the data folder ---- */

START_TEST (test_data_dir_override)
{
  g_autofree char *dir = write_tiny ("found");
  g_autofree char *empty = cg_test_tmp_subdir ("empty");
  g_autoptr(GError) error = NULL;
  g_autofree char *found = cg_data_dir_find (dir, &error);
  g_autofree char *not_found = NULL;
  g_auto(GStrv) candidates = NULL;
  char **places;

  ck_assert_msg (found != NULL, "%s", error ? error->message : "?");
  ck_assert_str_eq (found, dir);

  /* An explicit folder without data is an error naming it, never silently replaced. */
  g_setenv ("CINEGAN_DATA_DIR", dir, TRUE);
  not_found = cg_data_dir_find (empty, &error);
  ck_assert_ptr_null (not_found);
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  ck_assert_msg (strstr (error->message, empty) != NULL, "“%s”", error->message);
  g_clear_error (&error);

  /* No override: $CINEGAN_DATA_DIR. */
  g_free (found);
  found = cg_data_dir_find (NULL, &error);
  ck_assert_msg (found != NULL, "%s", error ? error->message : "?");
  ck_assert_str_eq (found, dir);

  /* Search order: override, env, XDG data, and the source tree only when an uninstalled
   * run names it. */
  g_setenv ("CINEGAN_SOURCE_DATA_DIR", "/src/data", TRUE);
  candidates = cg_data_dir_candidates (empty);
  ck_assert_uint_eq (g_strv_length (candidates), 4);
  ck_assert_str_eq (candidates[0], empty);
  ck_assert_str_eq (candidates[1], dir);
  ck_assert (g_str_has_prefix (candidates[2], g_get_user_data_dir ()));
  ck_assert (g_str_has_suffix (candidates[2], "cinegan/ml-100k"));
  ck_assert_str_eq (candidates[3], "/src/data/ml-100k");
  g_strfreev (candidates);
  /* Discovery scans those and the folders beside ML-100K's, each once. */
  g_setenv ("CINEGAN_DATA_DIR", empty, TRUE);
  places = cg_data_dir_places (empty);
  ck_assert_uint_eq (g_strv_length (places), 5);
  ck_assert_str_eq (places[0], empty);
  ck_assert (g_str_has_suffix (places[1], "cinegan/ml-100k"));
  ck_assert (g_str_has_suffix (places[2], "cinegan"));
  ck_assert_str_eq (places[3], "/src/data/ml-100k");
  ck_assert_str_eq (places[4], "/src/data");
  g_strfreev (places);
  g_setenv ("CINEGAN_DATA_DIR", dir, TRUE);
  g_unsetenv ("CINEGAN_SOURCE_DATA_DIR");
  candidates = cg_data_dir_candidates (empty);
  ck_assert_uint_eq (g_strv_length (candidates), 3);
  g_unsetenv ("CINEGAN_DATA_DIR");
}
END_TEST

static Suite *
dataset_suite (void)
{
  Suite *suite = suite_create ("dataset");
  TCase *ratings_tc = tcase_create ("ratings");
  TCase *load_tc = tcase_create ("load");
  TCase *derived_tc = tcase_create ("derived");

  tcase_add_test (ratings_tc, test_ratings_parse_good);
  tcase_add_test (ratings_tc, test_ratings_crlf_and_no_final_newline);
  tcase_add_test (ratings_tc, test_ratings_empty);
  tcase_add_loop_test (ratings_tc, test_ratings_malformed, 0, G_N_ELEMENTS (bad_ratings));
  suite_add_tcase (suite, ratings_tc);

  tcase_add_unchecked_fixture (load_tc, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_add_test (load_tc, test_load_tiny_id_maps);
  tcase_add_test (load_tc, test_load_tiny_implicit_sets);
  tcase_add_test (load_tc, test_load_tiny_threshold_5);
  tcase_add_test (load_tc, test_load_threshold_out_of_range);
  tcase_add_test (load_tc, test_load_synthetic_consistent);
  tcase_add_test (load_tc, test_load_crlf);
  tcase_add_test (load_tc, test_load_all);
  tcase_add_loop_test (load_tc, test_load_failures, 0, G_N_ELEMENTS (bad_loads));
  tcase_add_test (load_tc, test_load_bad_split_names);
  tcase_add_test (load_tc, test_pair_in_train_and_test);
  tcase_add_test (load_tc, test_dataset_new_direct);
  tcase_add_test (load_tc, test_dataset_new_rejects);
  tcase_add_test (load_tc, test_data_dir_override);
  suite_add_tcase (suite, load_tc);

  tcase_add_unchecked_fixture (derived_tc, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_add_test (derived_tc, test_random_split_partition);
  tcase_add_test (derived_tc, test_random_split_seeded);
  tcase_add_test (derived_tc, test_random_split_bad_fraction);
  tcase_add_test (derived_tc, test_carve_tiny_by_hand);
  tcase_add_test (derived_tc, test_carve_properties);
  tcase_add_test (derived_tc, test_carve_extremes);
  tcase_add_test (derived_tc, test_extra_user_new);
  tcase_add_test (derived_tc, test_extra_user_existing);
  tcase_add_loop_test (derived_tc, test_extra_user_refused, 0, G_N_ELEMENTS (bad_extras));
  suite_add_tcase (suite, derived_tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (dataset_suite ());
}
