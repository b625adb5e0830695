/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-ratings-journal.c: the ratings journal's text, read line by line whatever bytes it
 * holds, and written compact.
 *
 * The buffers here are allocated to their exact length, with no NUL after them, as a
 * mapped or block-read file may be: under AddressSanitizer a read past the last line fails.
 */
#include "config.h"

#include <string.h>

#include "cg-ratings-journal.h"
#include "cg-test-util.h"

/* The text in a buffer of exactly its length. */
static char *
exact (const char *text,
       gsize       len)
{
  return g_memdup2 (text, MAX (len, 1));
}

static guint
rating_of (GHashTable *table,
           guint32     movie_id)
{
  const CgStoredRating *r = g_hash_table_lookup (table, GUINT_TO_POINTER (movie_id));

  return r != NULL ? r->rating : 0;
}

START_TEST (test_every_byte_walked)
{
  static const char text[] = "1\t5\t1\n2\t\0\t2\n3\t4\t3\n\xff\xfe\n4\t3\n";
  gsize len = sizeof text - 1;
  g_autofree char *buf = exact (text, len);
  g_autoptr(GHashTable) table = cg_ratings_table_new ();
  CgRatingsJournalStats stats;

  cg_ratings_journal_parse (buf, len, table, &stats);
  ck_assert_uint_eq (g_hash_table_size (table), 3);
  ck_assert_uint_eq (rating_of (table, 1), 5);
  ck_assert_uint_eq (rating_of (table, 3), 4);
  ck_assert_uint_eq (rating_of (table, 4), 3);
  ck_assert_uint_eq (stats.n_bad, 2);
  ck_assert_uint_eq (stats.first_bad, 2);
  ck_assert (!stats.torn_tail);
  ck_assert (cg_ratings_journal_needs_compaction (&stats, 3));
}
END_TEST

START_TEST (test_last_line_without_newline)
{
  struct { const char *text; guint n; gboolean torn; guint bad; } cases[] = {
    { "1\t5\t1\n2\t4", 2, FALSE, 0 },     /* complete, only the newline missing */
    { "1\t5\t1\n2\t", 1, TRUE, 0 },       /* cut short while appending */
    { "1\t5\t1\n12345", 1, TRUE, 0 },
    { "1\t5\t1\nx", 1, FALSE, 1 },        /* not a prefix of a rating line: damage */
    { "1\t5\t1\n9\t9\t9", 1, FALSE, 1 },  /* complete but no rating: damage too */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      gsize len = strlen (cases[c].text);
      g_autofree char *buf = exact (cases[c].text, len);
      g_autoptr(GHashTable) table = cg_ratings_table_new ();
      CgRatingsJournalStats stats;

      cg_ratings_journal_parse (buf, len, table, &stats);
      ck_assert_msg (g_hash_table_size (table) == cases[c].n && stats.torn_tail == cases[c].torn
                     && stats.n_bad == cases[c].bad, "case %u", c);
    }
}
END_TEST

START_TEST (test_journal_then_compact)
{
  static const char text[] = "# Cinegan ratings v1: movie_id<TAB>rating<TAB>unix_time\r\n"
                             "7\t1\t10\r\n5\t2\t11\n7\t4\t12\n5\t0\t13\n\n";
  g_autoptr(GHashTable) table = cg_ratings_table_new ();
  g_autoptr(GHashTable) again = cg_ratings_table_new ();
  g_autofree char *compact = NULL;
  CgRatingsJournalStats stats;
  gsize len;

  cg_ratings_journal_parse (text, sizeof text - 1, table, &stats);
  ck_assert_uint_eq (stats.n_lines, 4);
  ck_assert_uint_eq (stats.n_bad, 0);
  ck_assert (!stats.current_header);
  ck_assert_uint_eq (g_hash_table_size (table), 1);
  ck_assert_uint_eq (rating_of (table, 7), 4);
  ck_assert (cg_ratings_journal_needs_compaction (&stats, 1));

  compact = cg_ratings_journal_serialize (table, &len);
  ck_assert_str_eq (compact, CG_RATINGS_JOURNAL_HEADER "7\t4\t12\n");
  cg_ratings_journal_parse (compact, len, again, &stats);
  ck_assert (stats.current_header);
  ck_assert (!cg_ratings_journal_needs_compaction (&stats, g_hash_table_size (again)));
}
END_TEST

START_TEST (test_empty)
{
  g_autoptr(GHashTable) table = cg_ratings_table_new ();
  CgRatingsJournalStats stats;

  cg_ratings_journal_parse (NULL, 0, table, &stats);
  ck_assert_uint_eq (g_hash_table_size (table), 0);
  ck_assert (!cg_ratings_journal_needs_compaction (&stats, 0));
}
END_TEST

static Suite *
journal_suite (void)
{
  Suite *s = suite_create ("ratings-journal");
  TCase *tc = tcase_create ("journal");

  tcase_add_test (tc, test_every_byte_walked);
  tcase_add_test (tc, test_last_line_without_newline);
  tcase_add_test (tc, test_journal_then_compact);
  tcase_add_test (tc, test_empty);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_suite (journal_suite ());
}
