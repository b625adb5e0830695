/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-catalog.c: u.genre and u.item parsing (cg-catalog.h).
 *
 * Latin-1 titles must come out as UTF-8, release dates as years (two- and one-digit days,
 * empty → 0), genre flags as bits with their names, raw IDs looked up across gaps; CRLF and
 * a missing final newline are accepted. Every malformed line gives a CG_ERROR_PARSE whose
 * message starts "file:line:" and says what was expected; a missing file is named.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "cg-catalog.h"
#include "cg-error.h"
#include "cg-test-util.h"

#define GENRES "unknown|0\nAction|1\nComedy|2\nDrama|3\n"

/* Out of ID order, with a gap-filled ID range 1…10, a Latin-1 title, a one-digit day and
 * an empty date. */
#define ITEMS                                                                  \
  "10|unknown||||1|0|0|0\n"                                                    \
  "1|Toy Story (1995)|01-Jan-1995||http://example.invalid/1|0|0|1|0\n"          \
  "5|Mis\xe9rables, Les (1995)|01-Jan-1995||http://example.invalid/5|0|0|0|1\n" \
  "7|Old Movie (1971)|4-Feb-1971||http://example.invalid/7|0|1|1|1\n"

static CgCatalog *
parse (const char *genres,
       const char *items,
       GError    **error)
{
  return cg_catalog_parse (genres, strlen (genres), "dir/u.genre",
                           items, strlen (items), "dir/u.item", error);
}

/* The catalogue of GENRES + ITEMS, whatever the line endings. */
static void
assert_reference_catalog (const CgCatalog *catalog)
{
  static const guint32 ids[] = { 1, 5, 7, 10 };
  const CgMovie *movie;

  ck_assert_uint_eq (catalog->n_movies, 4);
  ck_assert_uint_eq (catalog->n_genres, 4);
  ck_assert_uint_eq (cg_id_map_max (catalog->ids), 10);
  ck_assert_int_eq (cg_catalog_position (catalog, 7), 2);
  ck_assert_int_eq (cg_catalog_position (catalog, 6), -1);
  for (guint i = 0; i < 4; i++)
    ck_assert_uint_eq (catalog->movies[i].movie_id, ids[i]);

  ck_assert_str_eq (catalog->genre_names[0], "unknown");
  ck_assert_str_eq (catalog->genre_names[1], "Action");
  ck_assert_str_eq (catalog->genre_names[2], "Comedy");
  ck_assert_str_eq (catalog->genre_names[3], "Drama");
  ck_assert_ptr_null (catalog->genre_names[4]);

  movie = cg_catalog_lookup (catalog, 1);
  ck_assert_ptr_nonnull (movie);
  ck_assert_str_eq (movie->title, "Toy Story (1995)");
  ck_assert_uint_eq (movie->year, 1995);
  ck_assert_uint_eq (movie->genres, 1u << 2);

  movie = cg_catalog_lookup (catalog, 5);
  ck_assert_ptr_nonnull (movie);
  ck_assert_str_eq (movie->title, "Mis\xc3\xa9rables, Les (1995)");
  ck_assert_str_eq (movie->title, "Misérables, Les (1995)");
  ck_assert (g_utf8_validate (movie->title, -1, NULL));
  ck_assert_uint_eq (movie->year, 1995);
  ck_assert_uint_eq (movie->genres, 1u << 3);

  movie = cg_catalog_lookup (catalog, 7);
  ck_assert_ptr_nonnull (movie);
  ck_assert_str_eq (movie->title, "Old Movie (1971)");
  ck_assert_uint_eq (movie->year, 1971);
  ck_assert_uint_eq (movie->genres, (1u << 1) | (1u << 2) | (1u << 3));

  movie = cg_catalog_lookup (catalog, 10);
  ck_assert_ptr_nonnull (movie);
  ck_assert_str_eq (movie->title, "unknown");
  ck_assert_uint_eq (movie->year, 0);
  ck_assert_uint_eq (movie->genres, 1u << 0);
}

/* ---- parsing ---- */

START_TEST (test_parse_reference)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCatalog) catalog = parse (GENRES, ITEMS, &error);

  ck_assert_msg (catalog != NULL, "parse failed: %s", error ? error->message : "?");
  assert_reference_catalog (catalog);
}
END_TEST

START_TEST (test_lookup_gaps_and_absent)
{
  g_autoptr(CgCatalog) catalog = parse (GENRES, ITEMS, NULL);
  static const guint32 absent[] = { 0, 2, 3, 4, 6, 8, 9, 11, 1000, G_MAXUINT32 };

  ck_assert_ptr_nonnull (catalog);
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    ck_assert_msg (cg_catalog_lookup (catalog, absent[i]) == NULL, "movie %u found", absent[i]);
  for (guint i = 0; i < catalog->n_movies; i++)
    ck_assert_ptr_eq (cg_catalog_lookup (catalog, catalog->movies[i].movie_id),
                      &catalog->movies[i]);
}
END_TEST

START_TEST (test_crlf_and_missing_final_newline)
{
  g_autofree char *genres = NULL;
  g_autofree char *items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCatalog) catalog = NULL;
  g_auto(GStrv) genre_lines = g_strsplit (GENRES, "\n", -1);
  g_auto(GStrv) item_lines = g_strsplit (ITEMS, "\n", -1);

  /* "a\nb\n" splits into {a, b, ""}: joining with CRLF ends in "\r\n"; dropping the empty
   * tail leaves no final newline at all. */
  g_free (item_lines[g_strv_length (item_lines) - 1]);
  item_lines[g_strv_length (item_lines) - 1] = NULL;
  genres = g_strjoinv ("\r\n", genre_lines);
  items = g_strjoinv ("\r\n", item_lines);
  ck_assert (g_str_has_suffix (genres, "\r\n"));
  ck_assert (g_str_has_suffix (items, "|1"));

  catalog = parse (genres, items, &error);
  ck_assert_msg (catalog != NULL, "CRLF parse failed: %s", error ? error->message : "?");
  assert_reference_catalog (catalog);
  /* No stray carriage return anywhere. */
  for (guint i = 0; i < catalog->n_movies; i++)
    ck_assert_ptr_null (strchr (catalog->movies[i].title, '\r'));
  for (guint g = 0; g < catalog->n_genres; g++)
    ck_assert_ptr_null (strchr (catalog->genre_names[g], '\r'));
}
END_TEST

START_TEST (test_blank_lines_skipped)
{
  /* The real u.genre ends in an empty line. */
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCatalog) catalog = parse (GENRES "\n\n", ITEMS "\n", &error);

  ck_assert_msg (catalog != NULL, "%s", error ? error->message : "?");
  assert_reference_catalog (catalog);
}
END_TEST

START_TEST (test_release_years)
{
  static const struct
  {
    const char *date;
    guint16     year;
  } cases[] = {
    { "01-Jan-1995", 1995 },
    { "4-Feb-1971", 1971 },
    { "31-Dec-1999", 1999 },
    { "9-Sep-1920", 1920 },
    { "", 0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *items = g_strdup_printf ("3|A Movie|%s||url|0|1|0|0\n", cases[c].date);
      g_autoptr(GError) error = NULL;
      g_autoptr(CgCatalog) catalog = parse (GENRES, items, &error);

      ck_assert_msg (catalog != NULL, "date “%s”: %s", cases[c].date,
                     error ? error->message : "?");
      ck_assert_msg (catalog->movies[0].year == cases[c].year, "date “%s” gave year %u",
                     cases[c].date, catalog->movies[0].year);
    }
}
END_TEST

/* u.item pads a few titles with a space, which would hide their year from the title's
 * reader; and it lists a few movies twice under two IDs, which only the ID tells apart. */
START_TEST (test_titles_trimmed_and_shared)
{
  const char *items =
    "1|Body Snatchers (1993)|01-Jan-1993||u|0|0|0|1\n"
    "2|Marlene Dietrich: Shadow and Light (1996) |02-Apr-1996||u|0|0|0|1\n"
    "3|Body Snatchers (1993)|01-Jan-1993||u|0|0|0|1\n"
    "4|Body Snatchers (1956)|01-Jan-1956||u|0|0|0|1\n"
    "5|Heat (1995)|01-Jan-1995||u|0|0|0|1\n"
    "6|Heat (1995)|01-Jan-1986||u|0|0|0|1\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCatalog) catalog = parse (GENRES, items, &error);
  static const gboolean shared[] = { TRUE, FALSE, TRUE, FALSE, FALSE, FALSE };

  ck_assert_msg (catalog != NULL, "%s", error ? error->message : "?");
  ck_assert_str_eq (cg_catalog_lookup (catalog, 2)->title,
                    "Marlene Dietrich: Shadow and Light (1996)");
  /* Same title and year, or nothing shared: another year is another movie. */
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    ck_assert_msg (catalog->movies[i].shared_title == shared[i], "movie %u shared: %d",
                   catalog->movies[i].movie_id, catalog->movies[i].shared_title);
}
END_TEST

START_TEST (test_genre_names_and_format)
{
  g_autoptr(CgCatalog) catalog = parse ("unknown|0\nSci-Fi|1\nFilm-Noir|2\nR\xf4le|3\n",
                                        "1|x|||u|0|1|1|1\n", NULL);
  g_autofree char *none = NULL;
  g_autofree char *two = NULL;
  g_autofree char *all = NULL;

  ck_assert_ptr_nonnull (catalog);
  ck_assert_str_eq (catalog->genre_names[3], "R\xc3\xb4le");
  none = cg_catalog_format_genres (catalog, 0);
  two = cg_catalog_format_genres (catalog, (1u << 1) | (1u << 2));
  all = cg_catalog_format_genres (catalog, catalog->movies[0].genres | 1u);
  ck_assert_str_eq (none, "");
  ck_assert_str_eq (two, "Sci-Fi, Film-Noir");
  ck_assert_str_eq (all, "unknown, Sci-Fi, Film-Noir, R\xc3\xb4le");
}
END_TEST

START_TEST (test_latin1_to_utf8)
{
  char bytes[255];
  g_autofree char *utf8 = NULL;
  g_autofree char *plain = cg_latin1_to_utf8 ("abc", 3);
  const char *p;

  for (guint b = 1; b < 256; b++)
    bytes[b - 1] = (char) b;
  utf8 = cg_latin1_to_utf8 (bytes, sizeof bytes);
  ck_assert (g_utf8_validate (utf8, -1, NULL));
  /* Latin-1 is the first 256 code points: each byte decodes to its own value. */
  p = utf8;
  for (guint b = 1; b < 256; b++)
    {
      ck_assert_msg (g_utf8_get_char (p) == b, "byte 0x%02x became U+%04X", b,
                     g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }
  ck_assert_int_eq (*p, '\0');
  ck_assert_str_eq (plain, "abc");
  {
    g_autofree char *title = cg_latin1_to_utf8 ("Mis\xe9rables", 10);

    ck_assert_str_eq (title, "Misérables");
  }
}
END_TEST

/* ---- malformed input ---- */

typedef struct
{
  const char *what;
  const char *genres;
  const char *items;
  const char *where;      /* "dir/u.item:2:" */
  const char *expected;   /* a piece of what the message says was expected */
} BadCase;

static const BadCase bad_cases[] = {
  { "too few item fields", GENRES,
    "1|A|01-Jan-1995||u|0|0|1|0\n2|B|01-Jan-1995||u|0|0|1\n",
    "dir/u.item:2:", "expected 9" },
  { "too many item fields", GENRES,
    "1|A|01-Jan-1995||u|0|0|1|0|0\n",
    "dir/u.item:1:", "found 10" },
  { "non-numeric movie ID", GENRES,
    "1|A|01-Jan-1995||u|0|0|1|0\nx2|B|01-Jan-1995||u|0|0|1|0\n",
    "dir/u.item:2:", "movie ID" },
  { "negative movie ID", GENRES, "-3|A|01-Jan-1995||u|0|0|1|0\n", "dir/u.item:1:", "movie ID" },
  { "movie ID 0", GENRES, "0|A|01-Jan-1995||u|0|0|1|0\n", "dir/u.item:1:", "movie ID" },
  { "empty movie ID", GENRES, "|A|01-Jan-1995||u|0|0|1|0\n", "dir/u.item:1:", "movie ID" },
  { "ISO date", GENRES, "1|A|1995-01-01||u|0|0|1|0\n", "dir/u.item:1:", "01-Jan-1995" },
  { "unknown month", GENRES, "1|A|01-Foo-1995||u|0|0|1|0\n", "dir/u.item:1:", "release date" },
  { "day 0", GENRES, "1|A|00-Jan-1995||u|0|0|1|0\n", "dir/u.item:1:", "release date" },
  { "day 32", GENRES, "1|A|32-Jan-1995||u|0|0|1|0\n", "dir/u.item:1:", "release date" },
  { "two-digit year", GENRES, "1|A|01-Jan-95||u|0|0|1|0\n", "dir/u.item:1:", "release date" },
  { "slashes", GENRES, "1|A|01/Jan/1995||u|0|0|1|0\n", "dir/u.item:1:", "release date" },
  { "letters in year", GENRES, "1|A|01-Jan-19x5||u|0|0|1|0\n", "dir/u.item:1:",
    "release date" },
  { "genre flag 2", GENRES,
    "1|A|01-Jan-1995||u|0|0|1|0\n2|B|01-Jan-1995||u|0|2|1|0\n",
    "dir/u.item:2:", "expected 0 or 1" },
  { "empty genre flag", GENRES, "1|A|01-Jan-1995||u|0||1|0\n", "dir/u.item:1:",
    "expected 0 or 1" },
  { "genre flag 01", GENRES, "1|A|01-Jan-1995||u|0|01|1|0\n", "dir/u.item:1:",
    "expected 0 or 1" },
  { "duplicate movie ID", GENRES,
    "4|A|01-Jan-1995||u|0|0|1|0\n5|B|01-Jan-1995||u|0|0|1|0\n4|C|01-Jan-1995||u|0|0|1|0\n",
    "dir/u.item:3:", "line 1" },
  { "no movies", GENRES, "\n", "dir/u.item", "no movies" },
  { "skipped genre index", "unknown|0\nAction|2\n", "1|A|||u|0|0\n",
    "dir/u.genre:2:", "expected genre index 1" },
  { "genre index not starting at 0", "Action|1\n", "1|A|||u|0\n",
    "dir/u.genre:1:", "expected genre index 0" },
  { "non-numeric genre index", "unknown|0\nAction|one\n", "1|A|||u|0|0\n",
    "dir/u.genre:2:", "not a number" },
  { "genre line without index", "unknown|0\nAction\n", "1|A|||u|0|0\n",
    "dir/u.genre:2:", "expected 2 fields" },
  { "empty genre name", "unknown|0\n|1\n", "1|A|||u|0|0\n", "dir/u.genre:2:", "empty genre" },
  { "no genres", "", "1|A|||u\n", "dir/u.genre", "no genres" },
};

START_TEST (test_malformed)
{
  const BadCase *bad = &bad_cases[_i];
  g_autoptr(GError) error = NULL;
  CgCatalog *catalog = parse (bad->genres, bad->items, &error);

  ck_assert_msg (catalog == NULL, "%s: accepted", bad->what);
  ck_assert_msg (error != NULL, "%s: no error set", bad->what);
  ck_assert_msg (g_error_matches (error, CG_ERROR, CG_ERROR_PARSE), "%s: wrong error %s %d",
                 bad->what, g_quark_to_string (error->domain), error->code);
  ck_assert_msg (g_str_has_prefix (error->message, bad->where),
                 "%s: message “%s” does not start with “%s”", bad->what, error->message,
                 bad->where);
  ck_assert_msg (strstr (error->message, bad->expected) != NULL,
                 "%s: message “%s” does not say “%s”", bad->what, error->message,
                 bad->expected);
}
END_TEST

/* ---- files ---- */

START_TEST (test_load_from_files)
{
  g_autofree char *dir = cg_test_tmp_subdir ("load");
  g_autoptr(GError) error = NULL;
  CgCatalog *catalog;

  cg_test_write_file (dir, "u.genre", GENRES, -1);
  cg_test_write_file (dir, "u.item", ITEMS, -1);
  catalog = cg_catalog_load (dir, &error);
  ck_assert_msg (catalog != NULL, "%s", error ? error->message : "?");
  assert_reference_catalog (catalog);

  /* Shared ownership: a second reference keeps it alive after the first is dropped. */
  ck_assert_ptr_eq (cg_catalog_ref (catalog), catalog);
  cg_catalog_free (catalog);
  ck_assert_str_eq (cg_catalog_lookup (catalog, 7)->title, "Old Movie (1971)");
  cg_catalog_free (catalog);
}
END_TEST

START_TEST (test_load_error_names_file)
{
  g_autofree char *dir = cg_test_tmp_subdir ("errors");
  g_autofree char *bad_dir = cg_test_tmp_subdir ("errors-bad");
  g_autofree char *missing = g_build_filename (cg_test_tmp_root (), "does-not-exist", NULL);
  g_autofree char *where = g_build_filename (bad_dir, "u.item", NULL);
  g_autofree char *genre_path = g_build_filename (dir, "u.genre", NULL);
  g_autoptr(GError) error = NULL;

  /* No movies file of any layout: every layout's files are named. */
  cg_test_write_file (dir, "u.genre", GENRES, -1);
  ck_assert_ptr_null (cg_catalog_load (dir, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  ck_assert_msg (strstr (error->message, "u.item") != NULL
                 && strstr (error->message, "movies.dat") != NULL
                 && strstr (error->message, "movies.csv") != NULL, "“%s”", error->message);
  g_clear_error (&error);

  /* u.item without u.genre: u.genre is named. */
  ck_assert_int_eq (g_remove (genre_path), 0);
  cg_test_write_file (dir, "u.item", "1|x|||u|0|0|1|0\n", -1);
  ck_assert_ptr_null (cg_catalog_load (dir, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, "u.genre") != NULL, "“%s”", error->message);
  g_clear_error (&error);

  /* A folder that does not exist. */
  ck_assert_ptr_null (cg_catalog_load (missing, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, "does-not-exist") != NULL, "“%s”", error->message);
  g_clear_error (&error);

  /* Parse errors from a file carry its full path and the line. */
  cg_test_write_file (bad_dir, "u.genre", GENRES, -1);
  cg_test_write_file (bad_dir, "u.item", "1|A|01-Jan-1995||u|0|0|1|0\n2|B|bad||u|0|0|1|0\n",
                      -1);
  ck_assert_ptr_null (cg_catalog_load (bad_dir, &error));
  ck_assert_ptr_nonnull (error);
  {
    g_autofree char *prefix = g_strconcat (where, ":2:", NULL);

    ck_assert_msg (g_str_has_prefix (error->message, prefix), "“%s” does not start “%s”",
                   error->message, prefix);
  }
}
END_TEST

START_TEST (test_synthetic_catalog)
{
  /* The helper's folder: 40 movies, every 7th ID left out, every 5th title Latin-1. */
  g_autofree char *dir = cg_test_tmp_subdir ("synthetic");
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgCatalog) catalog = NULL;

  cg_synthetic_spec_init (&spec);
  cg_test_write_synthetic (dir, &spec);
  catalog = cg_catalog_load (dir, &error);
  ck_assert_msg (catalog != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (catalog->n_movies, 40);
  ck_assert_uint_eq (catalog->n_genres, 5);
  ck_assert_ptr_null (cg_catalog_lookup (catalog, 7));
  ck_assert_ptr_nonnull (cg_catalog_lookup (catalog, 8));
  ck_assert_str_eq (cg_catalog_lookup (catalog, 1)->title, "Misérables 0 (1950)");
  ck_assert_uint_eq (cg_catalog_lookup (catalog, 1)->year, 1950);
  for (guint i = 0; i < catalog->n_movies; i++)
    ck_assert (g_utf8_validate (catalog->movies[i].title, -1, NULL));
}
END_TEST

static Suite *
catalog_suite (void)
{
  Suite *suite = suite_create ("catalog");
  TCase *parse_tc = tcase_create ("parse");
  TCase *bad_tc = tcase_create ("malformed");
  TCase *file_tc = tcase_create ("files");

  tcase_add_test (parse_tc, test_parse_reference);
  tcase_add_test (parse_tc, test_lookup_gaps_and_absent);
  tcase_add_test (parse_tc, test_crlf_and_missing_final_newline);
  tcase_add_test (parse_tc, test_blank_lines_skipped);
  tcase_add_test (parse_tc, test_release_years);
  tcase_add_test (parse_tc, test_titles_trimmed_and_shared);
  tcase_add_test (parse_tc, test_genre_names_and_format);
  tcase_add_test (parse_tc, test_latin1_to_utf8);
  suite_add_tcase (suite, parse_tc);

  tcase_add_loop_test (bad_tc, test_malformed, 0, G_N_ELEMENTS (bad_cases));
  suite_add_tcase (suite, bad_tc);

  tcase_add_unchecked_fixture (file_tc, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_add_test (file_tc, test_load_from_files);
  tcase_add_test (file_tc, test_load_error_names_file);
  tcase_add_test (file_tc, test_synthetic_catalog);
  suite_add_tcase (suite, file_tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (catalog_suite ());
}
