/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-movie-title.c: the year inside a MovieLens title (cg-movie-title.h).
 *
 * The year is the last "(dddd)" that only notes such as "(V)" and spaces follow; titles
 * whose year u.item pads with a space, titles with a year-like number in the name, notes
 * after the year, titles without a year and a title that is only a year.
 */
#include <string.h>

#include "cg-movie-title.h"
#include "cg-test-util.h"

static const struct
{
  const char *title;
  guint16     year;
  const char *without;
} cases[] = {
  { "Toy Story (1995)", 1995, "Toy Story" },
  { "Marlene Dietrich: Shadow and Light (1996) ", 1996, "Marlene Dietrich: Shadow and Light" },
  { "Land Before Time III: The Time of the Great Giving (1995) (V)", 1995,
    "Land Before Time III: The Time of the Great Giving (V)" },
  { "1941 (1979)", 1979, "1941" },
  { "(500) Days of Summer (2009)", 2009, "(500) Days of Summer" },
  { "Babe (1995)  (TV) ", 1995, "Babe (TV)" },
  { "Cosmos", 0, "Cosmos" },
  { "unknown", 0, "unknown" },
  { "Hamlet (Kenneth Branagh)", 0, "Hamlet (Kenneth Branagh)" },
  { "Hamlet (1996", 0, "Hamlet (1996" },
  { "Hamlet (96)", 0, "Hamlet (96)" },
  { "(1995)", 0, "(1995)" },
  { "Odd) (1995)", 1995, "Odd)" },
  { " Padded (1990) ", 1990, "Padded" },
  { "", 0, "" },
};

START_TEST (test_find_year)
{
  const char *title = cases[_i].title;
  guint16 year = 1;
  gsize start = 0, end = 0;
  gboolean found = cg_movie_title_find_year (title, &year, &start, &end);
  g_autofree char *without = cg_movie_title_without_year (title);

  ck_assert_msg (year == cases[_i].year, "“%s”: year %u, expected %u", title, year,
                 cases[_i].year);
  ck_assert_int_eq (found, cases[_i].year != 0);
  if (found)
    {
      ck_assert_uint_lt (start, end);
      ck_assert_uint_le (end, strlen (title));
      ck_assert_int_eq (title[end - 1], ')');
    }
  ck_assert_msg (strcmp (without, cases[_i].without) == 0, "“%s” without its year: “%s”",
                 title, without);
  /* The out pointers are optional. */
  ck_assert_int_eq (cg_movie_title_find_year (title, NULL, NULL, NULL), found);
}
END_TEST

static Suite *
movie_title_suite (void)
{
  Suite *suite = suite_create ("movie-title");
  TCase *tc = tcase_create ("year");

  tcase_add_loop_test (tc, test_find_year, 0, G_N_ELEMENTS (cases));
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (movie_title_suite ());
}
