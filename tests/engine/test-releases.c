/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-releases.c: the ML-1M and CSV layouts (cg-format.h, cg-ratings.h, cg-catalog.h,
 * cg-csv.h): detection, loading, and one malformed file per kind of mistake.
 *
 * The folders are tiny and hand-written, so every expected number is worked out here:
 *
 *   ML-1M  movies 1 Toy Story (1995) Animation|Children's|Comedy
 *                 2 Misérables, Les (1995) Drama          (Latin-1 é)
 *                 5 Heat (1995) Action|Crime|Thriller
 *          ratings (CRLF, last line without a break)
 *                 user 1: 1→5 2→3 5→4     user 7: 5→2 1→4
 *          threshold 4: positives 1:{1,5} 7:{1} → 3
 *
 *   CSV    movies 1 Toy Story (1995)                      Adventure|Animation
 *                 11 American President, The (1995)       Comedy|Drama|Romance   quoted comma
 *                 23 "Great Performances" Cats (1998)     Musical                doubled quotes
 *                 200 Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)  Comedy|Romance
 *                 292757 千と千尋の神隠し (2001)            (no genres listed)
 *                 300000 Babylon 5                        Sci-Fi                 no year
 *          ratings (header, half stars)
 *                 user 3: 1→4.0 11→3.5 23→0.5      user 200948: 200→5.0 292757→4.5 300000→3
 *          threshold 4:   positives 3:{1} 200948:{200,292757}        → 3
 *          threshold 3.5: positives 3:{1,11} 200948:{200,292757}     → 4
 */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "cg-csv.h"
#include "cg-dataset.h"
#include "cg-error.h"
#include "cg-format.h"
#include "cg-test-util.h"

#define ML1M_MOVIES                                     \
  "1::Toy Story (1995)::Animation|Children's|Comedy\n"  \
  "2::Mis\xe9rables, Les (1995)::Drama\n"               \
  "5::Heat (1995)::Action|Crime|Thriller\n"
#define ML1M_RATINGS                                              \
  "1::1::5::978300760\r\n1::2::3::978302109\r\n1::5::4::978301968\r\n" \
  "7::5::2::978300275\r\n7::1::4::978824291"

#define CSV_MOVIES                                                                  \
  "movieId,title,genres\r\n"                                                        \
  "1,Toy Story (1995),Adventure|Animation\r\n"                                      \
  "11,\"American President, The (1995)\",Comedy|Drama|Romance\r\n"                  \
  "23,\"\"\"Great Performances\"\" Cats (1998)\",Musical\r\n"                       \
  "200,\"Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)\",Comedy|Romance\r\n"    \
  "292757,千と千尋の神隠し (2001),(no genres listed)\r\n"                              \
  "300000,Babylon 5,Sci-Fi\r\n"
#define CSV_RATINGS                                                                 \
  "userId,movieId,rating,timestamp\n"                                               \
  "3,1,4.0,964982703\n3,11,3.5,964981247\n3,23,0.5,964982224\n"                     \
  "200948,200,5.0,1494273047\n200948,292757,4.5,1494273149\n200948,300000,3,1494273111\n"

static char *
write_ml1m (const char *name)
{
  char *dir = cg_test_tmp_subdir (name);

  cg_test_write_file (dir, "movies.dat", ML1M_MOVIES, -1);
  cg_test_write_file (dir, "ratings.dat", ML1M_RATINGS, -1);
  cg_test_write_file (dir, "users.dat", "1::F::1::10::48067\n", -1);
  return dir;
}

static char *
write_csv (const char *name)
{
  char *dir = cg_test_tmp_subdir (name);

  cg_test_write_file (dir, "movies.csv", CSV_MOVIES, -1);
  cg_test_write_file (dir, "ratings.csv", CSV_RATINGS, -1);
  cg_test_write_file (dir, "links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n", -1);
  cg_test_write_file (dir, "tags.csv", "userId,movieId,tag,timestamp\n", -1);
  return dir;
}

static CgDataset *
load_ok (const char *dir,
         const char *split,
         double      threshold)
{
  g_autoptr(GError) error = NULL;
  CgDataset *ds = cg_dataset_load (dir, split, threshold, &error);

  ck_assert_msg (ds != NULL, "loading %s (%s): %s", dir, split ? split : "default",
                 error ? error->message : "?");
  return ds;
}

static char *
genre_list (const CgCatalog *catalog,
            guint32          movie_id)
{
  const CgMovie *movie = cg_catalog_lookup (catalog, movie_id);

  ck_assert_msg (movie != NULL, "movie %u missing", movie_id);
  return cg_catalog_format_genres (catalog, movie->genres);
}

#define ASSERT_GENRES(catalog, id, expected)                                      \
  G_STMT_START {                                                                  \
    g_autofree char *got_ = genre_list ((catalog), (id));                         \
    ck_assert_msg (g_str_equal (got_, (expected)), "movie %u: “%s”, expected “%s”", \
                   (guint) (id), got_, (expected));                               \
  } G_STMT_END

/* ---- detection ---- */

START_TEST (test_detect_formats)
{
  g_autofree char *empty = cg_test_tmp_subdir ("empty");
  g_autofree char *ml1m = write_ml1m ("ml-1m");
  g_autofree char *csv = write_csv ("csv");
  g_autofree char *half = cg_test_tmp_subdir ("half");
  g_autofree char *readme = NULL;

  ck_assert_int_eq (cg_format_detect (empty), CG_FORMAT_NONE);
  ck_assert_int_eq (cg_format_detect (ml1m), CG_FORMAT_ML_1M);
  ck_assert_int_eq (cg_format_detect (csv), CG_FORMAT_CSV);
  /* One of the two files is not a release. */
  cg_test_write_file (half, "movies.csv", CSV_MOVIES, -1);
  ck_assert_int_eq (cg_format_detect (half), CG_FORMAT_NONE);
  cg_test_write_file (half, "u.item", "1|x|||u|0\n", -1);
  ck_assert_int_eq (cg_format_detect (half), CG_FORMAT_ML_100K);

  ck_assert_str_eq (cg_format_name (CG_FORMAT_CSV), "MovieLens CSV");
  ck_assert_str_eq (cg_format_default_split (CG_FORMAT_ML_100K), "u1");
  ck_assert_str_eq (cg_format_default_split (CG_FORMAT_CSV), "random");
  ck_assert (cg_format_has_half_stars (CG_FORMAT_CSV));
  ck_assert (!cg_format_has_half_stars (CG_FORMAT_ML_1M));

  /* Release names: the CSV README's own words, else the folder's name. */
  readme = cg_format_guess_release (csv, CG_FORMAT_CSV);
  ck_assert_ptr_null (readme);
  cg_test_write_file (csv, "README.txt", "Summary\n=======\n\nThis dataset (ml-25m) describes "
                      "5-star rating and free-text tagging activity\n", -1);
  readme = cg_format_guess_release (csv, CG_FORMAT_CSV);
  ck_assert_str_eq (readme, "ml-25m");
  g_free (readme);
  readme = cg_format_guess_release (ml1m, CG_FORMAT_ML_1M);
  ck_assert_str_eq (readme, "ml-1m");
}
END_TEST

/* ---- ML-1M ---- */

START_TEST (test_ml1m_loads)
{
  g_autofree char *dir = write_ml1m ("ml1m");
  g_autoptr(CgDataset) ds = load_ok (dir, "all", 4);
  const CgCatalog *catalog = ds->catalog;
  static const char *const genres[] = {
    "Action", "Animation", "Children's", "Comedy", "Crime", "Drama", "Thriller",
  };

  ck_assert_int_eq (catalog->format, CG_FORMAT_ML_1M);
  ck_assert_uint_eq (catalog->n_movies, 3);
  ck_assert_uint_eq (catalog->n_genres, G_N_ELEMENTS (genres));
  for (guint g = 0; g < G_N_ELEMENTS (genres); g++)
    ck_assert_str_eq (catalog->genre_names[g], genres[g]);
  ck_assert_str_eq (cg_catalog_lookup (catalog, 2)->title, "Misérables, Les (1995)");
  ck_assert_uint_eq (cg_catalog_lookup (catalog, 5)->year, 1995);
  ASSERT_GENRES (catalog, 1, "Animation, Children's, Comedy");
  ASSERT_GENRES (catalog, 5, "Action, Crime, Thriller");

  ck_assert_uint_eq (ds->n_train, 5);
  ck_assert_uint_eq (ds->n_users, 2);
  ck_assert_uint_eq (ds->n_items, 3);
  /* File order, CRLF stripped, last line without a break read. */
  ck_assert_uint_eq (ds->train[4].user_id, 7);
  ck_assert_uint_eq (ds->train[4].movie_id, 1);
  ck_assert (ds->train[4].rating == 4.0f);
  ck_assert_uint_eq (ds->train[4].timestamp, 978824291);
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), 3);
}
END_TEST

START_TEST (test_ml1m_default_split_is_random)
{
  g_autofree char *dir = write_ml1m ("ml1m-default");
  g_autoptr(CgDataset) ds = load_ok (dir, NULL, 4);

  ck_assert_str_eq (ds->split, "random:0.2:1");
  /* 3 ratings of user 1 → 1 held out (0.6 rounds up); 2 of user 7 → 0 (0.4 rounds down). */
  ck_assert_uint_eq (ds->n_test, 1);
  ck_assert_uint_eq (ds->n_train, 4);
  ck_assert_uint_eq (ds->test[0].user_id, 1);
}
END_TEST

START_TEST (test_ml1m_refuses_half_stars)
{
  g_autofree char *dir = write_ml1m ("ml1m-half");
  g_autoptr(GError) error = NULL;

  ck_assert_ptr_null (cg_dataset_load (dir, "all", 3.5, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  ck_assert_msg (strstr (error->message, "whole") != NULL, "“%s”", error->message);
  g_clear_error (&error);
  /* Split files are ML-100K's alone. */
  ck_assert_ptr_null (cg_dataset_load (dir, "u1", 4, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  ck_assert_msg (strstr (error->message, "random or temporal") != NULL, "“%s”",
                 error->message);
}
END_TEST

/* ---- CSV ---- */

START_TEST (test_csv_loads)
{
  g_autofree char *dir = write_csv ("csv-load");
  g_autoptr(CgDataset) ds = load_ok (dir, "all", 4);
  const CgCatalog *catalog = ds->catalog;
  static const char *const genres[] = {
    "Adventure", "Animation", "Comedy", "Drama", "Musical", "Romance", "Sci-Fi",
  };

  ck_assert_int_eq (catalog->format, CG_FORMAT_CSV);
  ck_assert_uint_eq (catalog->n_movies, 6);
  ck_assert_uint_eq (catalog->n_genres, G_N_ELEMENTS (genres));
  for (guint g = 0; g < G_N_ELEMENTS (genres); g++)
    ck_assert_str_eq (catalog->genre_names[g], genres[g]);
  ck_assert_str_eq (cg_catalog_lookup (catalog, 11)->title, "American President, The (1995)");
  ck_assert_str_eq (cg_catalog_lookup (catalog, 23)->title,
                    "\"Great Performances\" Cats (1998)");
  ck_assert_str_eq (cg_catalog_lookup (catalog, 200)->title,
                    "Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)");
  ck_assert_str_eq (cg_catalog_lookup (catalog, 292757)->title, "千と千尋の神隠し (2001)");
  ck_assert_uint_eq (cg_catalog_lookup (catalog, 292757)->year, 2001);
  ck_assert_uint_eq (cg_catalog_lookup (catalog, 292757)->genres, 0);
  ck_assert_uint_eq (cg_catalog_lookup (catalog, 300000)->year, 0);
  ck_assert_uint_eq (cg_catalog_lookup (catalog, 23)->year, 1998);
  ASSERT_GENRES (catalog, 11, "Comedy, Drama, Romance");
  ASSERT_GENRES (catalog, 1, "Adventure, Animation");

  ck_assert_uint_eq (ds->n_train, 6);
  ck_assert_uint_eq (ds->n_users, 2);
  ck_assert_uint_eq (ds->user_ids[1], 200948);
  ck_assert_uint_eq (ds->max_user_id, 200948);
  ck_assert (ds->train[1].rating == 3.5f);
  ck_assert (ds->train[2].rating == 0.5f);
  ck_assert (ds->train[5].rating == 3.0f);
  ck_assert_uint_eq (ds->train[3].timestamp, 1494273047);
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), 3);
  ck_assert_int_eq (cg_dataset_item_index (ds, 292757), 4);
}
END_TEST

START_TEST (test_csv_half_star_threshold)
{
  g_autofree char *dir = write_csv ("csv-half");
  g_autoptr(CgDataset) ds = load_ok (dir, "all", 3.5);
  g_autoptr(GError) error = NULL;

  ck_assert (ds->threshold == 3.5);
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), 4);
  ck_assert_uint_eq (cg_dataset_whole_star_threshold (ds), 4);
  ck_assert_ptr_null (cg_dataset_load (dir, "all", 3.25, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
  g_clear_error (&error);
  ck_assert_ptr_null (cg_dataset_load (dir, "all", 0, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_INVALID));
}
END_TEST

/* ---- bad files ---- */

typedef struct
{
  const char *what;
  gboolean    csv;       /* the CSV folder, else ML-1M */
  const char *file;      /* replaced by contents, or removed when contents is NULL */
  const char *contents;
  const char *where;     /* "ratings.csv:3:", the file, or "" for the folder */
  const char *expected;
} BadRelease;

#define CSV_RATINGS_HEADER "userId,movieId,rating,timestamp\n"
#define CSV_MOVIES_HEADER  "movieId,title,genres\n"

static const BadRelease bad_releases[] = {
  /* ML-1M */
  { "dat: 3 fields", FALSE, "ratings.dat", "1::1::5::1\n1::2::3\n", "ratings.dat:2:",
    "expected 4 “::”-separated" },
  { "dat: tabs", FALSE, "ratings.dat", "1\t1\t5\t1\n", "ratings.dat:1:", "found 1" },
  { "dat: half star", FALSE, "ratings.dat", "1::1::4.5::1\n", "ratings.dat:1:", "rating" },
  { "dat: unknown movie", FALSE, "ratings.dat", "1::1::5::1\n1::3::5::1\n", "ratings.dat:2:",
    "not in movies.dat" },
  { "dat: duplicate", FALSE, "ratings.dat", "1::1::5::1\n7::1::5::1\n1::1::2::9\n",
    "ratings.dat:3:", "on line 1" },
  { "dat: movie fields", FALSE, "movies.dat", "1::Toy Story (1995)\n", "movies.dat:1:",
    "expected 3 “::”-separated" },
  { "dat: movie ID", FALSE, "movies.dat", "1::A (1995)::Drama\nx::B::Drama\n", "movies.dat:2:",
    "movie ID" },
  { "dat: repeated movie", FALSE, "movies.dat", "1::A::Drama\n2::B::Drama\n1::C::Drama\n",
    "movies.dat:3:", "already listed on line 1" },
  { "dat: empty genre", FALSE, "movies.dat", "1::A::Drama||War\n", "movies.dat:1:",
    "empty genre" },
  { "dat: missing ratings", FALSE, "ratings.dat", NULL, "", "No MovieLens data" },
  /* CSV */
  { "csv: no header", TRUE, "ratings.csv", "3,1,4.0,964982703\n", "ratings.csv:1:",
    "expected the header" },
  { "csv: empty ratings", TRUE, "ratings.csv", "", "ratings.csv", "expected the header" },
  { "csv: 5.5 stars", TRUE, "ratings.csv", CSV_RATINGS_HEADER "3,1,5.5,1\n", "ratings.csv:2:",
    "0.5 to 5.0" },
  { "csv: 4.2 stars", TRUE, "ratings.csv", CSV_RATINGS_HEADER "3,1,4.0,1\n3,11,4.2,1\n",
    "ratings.csv:3:", "steps of 0.5" },
  { "csv: 0 stars", TRUE, "ratings.csv", CSV_RATINGS_HEADER "3,1,0.0,1\n", "ratings.csv:2:",
    "0.5 to 5.0" },
  { "csv: 5 fields", TRUE, "ratings.csv", CSV_RATINGS_HEADER "3,1,4.0,1,x\n",
    "ratings.csv:2:", "found 5" },
  { "csv: duplicate", TRUE, "ratings.csv", CSV_RATINGS_HEADER "3,1,4.0,1\n\n3,1,3.5,2\n",
    "ratings.csv:4:", "on line 2" },
  { "csv: unknown movie", TRUE, "ratings.csv", CSV_RATINGS_HEADER "3,2,4.0,1\n",
    "ratings.csv:2:", "not in movies.csv" },
  { "csv: negative user", TRUE, "ratings.csv", CSV_RATINGS_HEADER "-3,1,4.0,1\n",
    "ratings.csv:2:", "user ID" },
  { "csv: movies header", TRUE, "movies.csv", "id,title,genres\n1,A,Drama\n", "movies.csv:1:",
    "expected the header" },
  { "csv: unquoted comma", TRUE, "movies.csv", CSV_MOVIES_HEADER "1,Toy Story (1995),Comedy\n"
    "11,American President, The (1995),Comedy\n", "movies.csv:3:", "double quotes" },
  { "csv: unclosed quote", TRUE, "movies.csv", CSV_MOVIES_HEADER "1,A,Drama\n"
    "11,\"American President, The (1995),Comedy\n1,B,Drama\n", "movies.csv:3:",
    "never closed" },
  { "csv: stray quote", TRUE, "movies.csv", CSV_MOVIES_HEADER "1,A \"B\" C,Drama\n",
    "movies.csv:2:", "stray double quote" },
  { "csv: text after a quote", TRUE, "movies.csv", CSV_MOVIES_HEADER "1,\"A\" B,Drama\n",
    "movies.csv:2:", "stray double quote" },
  { "csv: Latin-1 title", TRUE, "movies.csv", CSV_MOVIES_HEADER "1,Mis\xe9rables,Drama\n",
    "movies.csv:2:", "not valid UTF-8" },
  { "csv: empty title", TRUE, "movies.csv", CSV_MOVIES_HEADER "1,,Drama\n", "movies.csv:2:",
    "empty title" },
  { "csv: repeated movie", TRUE, "movies.csv", CSV_MOVIES_HEADER "1,A,Drama\n1,B,Drama\n",
    "movies.csv:3:", "already listed on line 2" },
  { "csv: no movies", TRUE, "movies.csv", CSV_MOVIES_HEADER, "movies.csv", "no movies" },
  { "csv: missing movies", TRUE, "movies.csv", NULL, "", "No MovieLens data" },
};

START_TEST (test_bad_release_files)
{
  const BadRelease *bad = &bad_releases[_i];
  g_autofree char *name = g_strdup_printf ("bad-%d", _i);
  g_autofree char *dir = bad->csv ? write_csv (name) : write_ml1m (name);

  cg_test_assert_load_fails (dir, "all", bad->file, bad->contents, bad->where, bad->expected,
                             bad->what);
}
END_TEST

/* ---- CSV records ---- */

START_TEST (test_csv_records)
{
  static const char text[] =
    "a,\"b,c\",\"d \"\"e\"\"\"\r\n"
    "\"multi\nline\",,\n"
    "\n"
    "last";
  CgCsvReader reader;
  CgField fields[4];
  guint n = 0;

  cg_csv_reader_init (&reader, text, strlen (text));
  ck_assert_int_eq (cg_csv_reader_next (&reader, fields, 4, &n), CG_CSV_RECORD);
  ck_assert_uint_eq (n, 3);
  ck_assert_uint_eq (reader.record_line, 1);
  ck_assert (fields[0].len == 1 && fields[0].text[0] == 'a');
  ck_assert (fields[1].len == 3 && memcmp (fields[1].text, "b,c", 3) == 0);
  ck_assert (fields[2].len == 5 && memcmp (fields[2].text, "d \"e\"", 5) == 0);

  ck_assert_int_eq (cg_csv_reader_next (&reader, fields, 4, &n), CG_CSV_RECORD);
  ck_assert_uint_eq (n, 3);
  ck_assert_uint_eq (reader.record_line, 2);
  ck_assert (fields[0].len == 10 && memcmp (fields[0].text, "multi\nline", 10) == 0);
  ck_assert_uint_eq (fields[1].len, 0);
  ck_assert_uint_eq (fields[2].len, 0);

  ck_assert_int_eq (cg_csv_reader_next (&reader, fields, 4, &n), CG_CSV_RECORD);
  ck_assert_uint_eq (reader.record_line, 4);
  ck_assert (n == 1 && fields[0].len == 0);
  ck_assert_int_eq (cg_csv_reader_next (&reader, fields, 1, &n), CG_CSV_RECORD);
  ck_assert (n == 1 && fields[0].len == 4);
  ck_assert_int_eq (cg_csv_reader_next (&reader, fields, 4, &n), CG_CSV_END);
  cg_csv_reader_clear (&reader);
}
END_TEST

/* ---- big IDs ---- */

START_TEST (test_huge_ids_cost_nothing)
{
  /* A movie and a user near 2^31: loading allocates for two IDs, not for two billion. */
  g_autofree char *dir = cg_test_tmp_subdir ("huge");
  g_autoptr(CgDataset) ds = NULL;

  cg_test_write_file (dir, "movies.csv", CSV_MOVIES_HEADER "2147483647,Last (2020),Drama\n"
                      "7,First (1920),Drama\n", -1);
  cg_test_write_file (dir, "ratings.csv", CSV_RATINGS_HEADER "2147483646,2147483647,4.5,1\n"
                      "1,7,2.0,2\n2147483646,7,5,3\n", -1);
  ds = load_ok (dir, "all", 4);
  ck_assert_ptr_null (ds->items->table);
  ck_assert_ptr_null (ds->users->table);
  ck_assert_ptr_null (ds->catalog->ids->table);
  ck_assert_int_eq (cg_dataset_item_index (ds, 2147483647), 1);
  ck_assert_int_eq (cg_dataset_user_index (ds, 2147483646), 1);
  ck_assert_uint_eq (ds->max_user_id, 2147483646);
  ck_assert_uint_eq (cg_user_items_total (ds->train_pos), 2);
}
END_TEST

static Suite *
releases_suite (void)
{
  Suite *suite = suite_create ("releases");
  TCase *load = tcase_create ("load");
  TCase *bad = tcase_create ("bad");

  tcase_add_checked_fixture (load, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_add_test (load, test_detect_formats);
  tcase_add_test (load, test_ml1m_loads);
  tcase_add_test (load, test_ml1m_default_split_is_random);
  tcase_add_test (load, test_ml1m_refuses_half_stars);
  tcase_add_test (load, test_csv_loads);
  tcase_add_test (load, test_csv_half_star_threshold);
  tcase_add_test (load, test_csv_records);
  tcase_add_test (load, test_huge_ids_cost_nothing);
  suite_add_tcase (suite, load);

  tcase_add_checked_fixture (bad, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_add_loop_test (bad, test_bad_release_files, 0, G_N_ELEMENTS (bad_releases));
  suite_add_tcase (suite, bad);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (releases_suite ());
}
