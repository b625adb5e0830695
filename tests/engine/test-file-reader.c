/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-file-reader.c: reading data files in blocks (cg-file-reader.h), and a
 * ratings file read block by block giving what the same text parsed in memory gives.
 *
 * A FIFO must fail at once (a test that hangs here is the bug); blocks must end on line
 * breaks and together give back the file; a line longer than a block is refused with the
 * path named.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-error.h"
#include "cg-file-reader.h"
#include "cg-ratings.h"
#include "cg-test-util.h"

#define GENRES "unknown|0\nAction|1\n"

/* Lines "<k>\t…\n" of varying length, more than two blocks' worth. */
static GString *
many_lines (guint       n_lines,
            const char *line_break)
{
  GString *text = g_string_new (NULL);

  for (guint k = 0; k < n_lines; k++)
    g_string_append_printf (text, "%u\t%u\t%u\t%u%s", k % 900 + 1, k / 900 + 1, k % 5 + 1,
                            k, line_break);
  return text;
}

START_TEST (test_blocks_give_back_the_file)
{
  g_autofree char *dir = cg_test_tmp_subdir ("blocks");
  g_autoptr(GString) text = many_lines (700000, "\n");
  g_autofree char *path = g_build_filename (dir, "big", NULL);
  g_autoptr(GString) back = g_string_new (NULL);
  g_autoptr(CgFileReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *block;
  gsize len;
  guint n_blocks = 0;

  /* The last line lacks its break. */
  g_string_truncate (text, text->len - 1);
  ck_assert_uint_gt (text->len, 2 * CG_FILE_READER_BLOCK);
  cg_test_write_file (dir, "big", text->str, (gssize) text->len);
  reader = cg_file_reader_open (path, &error);
  ck_assert_msg (reader != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (cg_file_reader_size (reader), text->len);
  while (cg_file_reader_next (reader, &block, &len, &error))
    {
      ck_assert_uint_gt (len, 0);
      ck_assert_uint_le (len, CG_FILE_READER_BLOCK);
      g_string_append_len (back, block, (gssize) len);
      /* Every block but the last ends a line. */
      if (back->len < text->len)
        ck_assert_int_eq (block[len - 1], '\n');
      n_blocks++;
    }
  ck_assert_ptr_null (error);
  ck_assert_uint_ge (n_blocks, 3);
  ck_assert_uint_eq (back->len, text->len);
  ck_assert (memcmp (back->str, text->str, text->len) == 0);
}
END_TEST

START_TEST (test_empty_file)
{
  g_autofree char *dir = cg_test_tmp_subdir ("empty");
  g_autofree char *path = g_build_filename (dir, "empty", NULL);
  g_autoptr(CgFileReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *block;
  gsize len;

  cg_test_write_file (dir, "empty", "", 0);
  reader = cg_file_reader_open (path, &error);
  ck_assert_ptr_nonnull (reader);
  ck_assert (!cg_file_reader_next (reader, &block, &len, &error));
  ck_assert_ptr_null (error);
}
END_TEST

START_TEST (test_line_longer_than_a_block)
{
  g_autofree char *dir = cg_test_tmp_subdir ("long");
  g_autofree char *path = g_build_filename (dir, "long", NULL);
  g_autofree char *line = g_strnfill (CG_FILE_READER_BLOCK + 10, 'x');
  g_autoptr(CgFileReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *block;
  gsize len;
  g_autofree char *text = g_strconcat ("1\t2\n", line, "\n", NULL);

  cg_test_write_file (dir, "long", text, -1);
  reader = cg_file_reader_open (path, &error);
  ck_assert_ptr_nonnull (reader);
  ck_assert (cg_file_reader_next (reader, &block, &len, &error));
  ck_assert_uint_eq (len, 4);
  ck_assert (!cg_file_reader_next (reader, &block, &len, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  ck_assert_msg (strstr (error->message, path) != NULL && strstr (error->message, "longer")
                 != NULL, "“%s”", error->message);
}
END_TEST

START_TEST (test_special_files_refused)
{
  g_autofree char *dir = cg_test_tmp_subdir ("special");
  g_autofree char *fifo = g_build_filename (dir, "ratings.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr(GError) error = NULL;

  ck_assert_int_eq (mkfifo (fifo, 0600), 0);
  ck_assert_ptr_null (cg_file_reader_open (fifo, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  ck_assert_msg (strstr (error->message, "not a regular file") != NULL, "“%s”",
                 error->message);
  g_clear_error (&error);
  ck_assert_ptr_null (cg_file_reader_open (dir, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  g_clear_error (&error);
  ck_assert_ptr_null (cg_file_reader_open (missing, &error));
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  ck_assert_msg (strstr (error->message, missing) != NULL, "“%s”", error->message);
}
END_TEST

/* ---- ratings across blocks ---- */

START_TEST (test_ratings_across_blocks)
{
  g_autofree char *dir = cg_test_tmp_subdir ("across");
  g_autofree char *path = g_build_filename (dir, "u.data", NULL);
  g_autoptr(GString) items = g_string_new (NULL);
  /* CRLF throughout. */
  g_autoptr(GString) text = many_lines (400000, "\r\n");
  g_autoptr(CgCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree CgRating *streamed = NULL;
  g_autofree CgRating *whole = NULL;
  gsize n_streamed = 0, n_whole = 0;

  for (guint m = 1; m <= 500; m++)
    g_string_append_printf (items, "%u|Movie %u (1990)|01-Jan-1990||u|0|1\n", m, m);
  catalog = cg_catalog_parse (GENRES, strlen (GENRES), "u.genre", items->str, items->len,
                              "u.item", &error);
  ck_assert_msg (catalog != NULL, "%s", error ? error->message : "?");
  cg_test_write_file (dir, "u.data", text->str, (gssize) text->len);
  whole = cg_ratings_parse (text->str, text->len, path, catalog, &n_whole, &error);
  ck_assert_msg (whole != NULL, "%s", error ? error->message : "?");
  streamed = cg_ratings_read (CG_FORMAT_ML_100K, path, catalog, &n_streamed, &error);
  ck_assert_msg (streamed != NULL, "%s", error ? error->message : "?");
  ck_assert_uint_eq (n_whole, 400000);
  ck_assert_uint_eq (n_streamed, n_whole);
  ck_assert_mem_eq (streamed, whole, n_whole * sizeof (CgRating));
  ck_assert_uint_eq (streamed[399999].timestamp, 399999);
}
END_TEST

START_TEST (test_ratings_error_line_in_a_later_block)
{
  g_autofree char *dir = cg_test_tmp_subdir ("late-error");
  g_autofree char *path = g_build_filename (dir, "u.data", NULL);
  g_autoptr(GString) text = many_lines (300000, "\n");
  g_autoptr(CgCatalog) catalog = NULL;
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  gsize n = 0;

  for (guint m = 1; m <= 400; m++)
    g_string_append_printf (items, "%u|Movie %u (1990)|01-Jan-1990||u|0|1\n", m, m);
  catalog = cg_catalog_parse (GENRES, strlen (GENRES), "u.genre", items->str, items->len,
                              "u.item", NULL);
  g_string_append (text, "1\t1\t5\n");
  cg_test_write_file (dir, "u.data", text->str, (gssize) text->len);
  ck_assert_ptr_null (cg_ratings_read (CG_FORMAT_ML_100K, path, catalog, &n, &error));
  where = g_strdup_printf ("%s:300001:", path);
  ck_assert_msg (g_str_has_prefix (error->message, where), "“%s”", error->message);
}
END_TEST

static Suite *
file_reader_suite (void)
{
  Suite *suite = suite_create ("file-reader");
  TCase *tc = tcase_create ("reader");

  tcase_add_checked_fixture (tc, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_blocks_give_back_the_file);
  tcase_add_test (tc, test_empty_file);
  tcase_add_test (tc, test_line_longer_than_a_block);
  tcase_add_test (tc, test_special_files_refused);
  tcase_add_test (tc, test_ratings_across_blocks);
  tcase_add_test (tc, test_ratings_error_line_in_a_later_block);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (file_reader_suite ());
}
