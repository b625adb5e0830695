/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-data-dir.c: finding and listing the MovieLens folders (cg-data-dir.h).
 *
 * A fake $XDG_DATA_HOME/cinegan holds ML-1M and CSV releases written by the synthetic
 * generator, next to folders that are not releases; $CINEGAN_DATA_DIR and an override
 * point at others. Discovery must list every release once, in search order, with its
 * layout, release name and origin; counting must give the files' record counts; a
 * cancelled count must stop; and cg_data_dir_find must fall back to any release found.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "cg-data-dir.h"
#include "cg-error.h"
#include "cg-synthetic.h"
#include "cg-test-util.h"

static char *xdg_root;

static char *
write_release (const char *parent,
               const char *name,
               CgFormat    format,
               guint       n_users,
               guint       n_items,
               guint64     n_positives)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_build_filename (parent, name, NULL);
  CgSyntheticShape shape;

  cg_synthetic_shape_init (&shape, n_users, n_items, n_positives);
  shape.half_stars = format == CG_FORMAT_CSV;
  ck_assert_msg (cg_synthetic_write (&shape, format, 0, dir, &error), "%s",
                 error ? error->message : "?");
  return dir;
}

static const CgDataSource *
source_at (GPtrArray *found,
           guint      i)
{
  ck_assert_uint_lt (i, found->len);
  return g_ptr_array_index (found, i);
}

START_TEST (test_discover_lists_every_release)
{
  g_autofree char *user = g_build_filename (xdg_root, "cinegan", NULL);
  g_autofree char *ml1m = write_release (user, "ml-1m", CG_FORMAT_ML_1M, 50, 60, 600);
  g_autofree char *csv = write_release (user, "ml-25m", CG_FORMAT_CSV, 40, 80, 500);
  g_autofree char *not_yet = g_build_filename (user, ".ml-32m.unpack", NULL);
  g_autofree char *empty = g_build_filename (user, "notes", NULL);
  g_autofree char *env_root = cg_test_tmp_subdir ("env");
  g_autofree char *env_release = write_release (env_root, "latest", CG_FORMAT_CSV, 30, 40,
                                                200);
  g_autofree char *override = write_release (cg_test_tmp_root (), "mine", CG_FORMAT_ML_1M, 20,
                                             30, 100);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *described = NULL;
  const CgDataSource *s;

  /* Neither an unfinished download nor a folder without data is listed. */
  g_mkdir_with_parents (empty, 0755);
  g_free (write_release (user, ".ml-32m.unpack", CG_FORMAT_CSV, 10, 10, 20));
  ck_assert (g_file_test (not_yet, G_FILE_TEST_IS_DIR));
  cg_test_write_file (csv, "README.txt", "This dataset (ml-25m) describes 5-star rating\n", -1);
  g_setenv ("CINEGAN_DATA_DIR", env_root, TRUE);

  found = cg_data_dir_discover (override);
  ck_assert_uint_eq (found->len, 4);
  s = source_at (found, 0);
  ck_assert_str_eq (s->path, override);
  ck_assert_str_eq (s->origin, "--data-dir");
  ck_assert_int_eq (s->format, CG_FORMAT_ML_1M);
  s = source_at (found, 1);
  ck_assert_str_eq (s->path, env_release);
  ck_assert_str_eq (s->origin, "$CINEGAN_DATA_DIR");
  ck_assert_int_eq (s->format, CG_FORMAT_CSV);
  ck_assert_ptr_null (s->release);
  s = source_at (found, 2);
  ck_assert_str_eq (s->path, ml1m);
  ck_assert_str_eq (s->origin, "your data folder");
  ck_assert_str_eq (s->release, "ml-1m");
  ck_assert_uint_gt (s->ratings_bytes, 1000);
  ck_assert (!s->counted);
  s = source_at (found, 3);
  ck_assert_str_eq (s->path, csv);
  ck_assert_str_eq (s->release, "ml-25m");
  described = cg_data_source_describe (s);
  ck_assert_str_eq (described, "MovieLens CSV (ml-25m)");

  /* The override listed again as an environment folder is still listed once. */
  g_setenv ("CINEGAN_DATA_DIR", override, TRUE);
  g_ptr_array_unref (g_steal_pointer (&found));
  found = cg_data_dir_discover (override);
  ck_assert_uint_eq (found->len, 3);
  g_unsetenv ("CINEGAN_DATA_DIR");
}
END_TEST

START_TEST (test_count_and_describe)
{
  g_autofree char *dir = write_release (cg_test_tmp_root (), "ml-latest-small", CG_FORMAT_CSV,
                                        100, 120, 1000);
  g_autoptr(GPtrArray) found = cg_data_dir_discover (dir);
  CgDataSource *s;
  g_autoptr(CgDataSource) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;

  ck_assert_uint_ge (found->len, 1);
  s = g_ptr_array_index (found, 0);
  ck_assert_str_eq (s->release, "ml-latest-small");
  /* A blank line in the middle is not a rating. */
  {
    g_autofree char *path = g_build_filename (dir, "ratings.csv", NULL);
    g_autofree char *text = NULL;
    g_autofree char *with_blank = NULL;

    ck_assert (g_file_get_contents (path, &text, NULL, NULL));
    with_blank = g_strconcat (text, "\r\n\n", NULL);
    cg_test_write_file (dir, "ratings.csv", with_blank, -1);
  }
  ck_assert_msg (cg_data_source_count (s, NULL, &error), "%s", error ? error->message : "?");
  ck_assert (s->counted);
  ck_assert_uint_eq (s->n_movies, 120);
  ck_assert_uint_eq (s->n_ratings, 1750);
  described = cg_data_source_describe (s);
  ck_assert_str_eq (described, "MovieLens CSV (ml-latest-small): 120 movies, 1,750 ratings");
  copy = cg_data_source_copy (s);
  ck_assert_str_eq (copy->path, s->path);
  ck_assert_uint_eq (copy->n_ratings, 1750);
}
END_TEST

START_TEST (test_count_cancelled)
{
  g_autofree char *dir = write_release (cg_test_tmp_root (), "ml-1m", CG_FORMAT_ML_1M, 30, 40,
                                        200);
  g_autoptr(GPtrArray) found = cg_data_dir_discover (dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  CgDataSource *s = g_ptr_array_index (found, 0);

  g_cancellable_cancel (cancellable);
  ck_assert (!cg_data_source_count (s, cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert (!s->counted);
}
END_TEST

START_TEST (test_find_falls_back_to_any_release)
{
  g_autofree char *user = g_build_filename (xdg_root, "cinegan", NULL);
  g_autofree char *ml1m = write_release (user, "ml-1m", CG_FORMAT_ML_1M, 20, 30, 100);
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  /* No ml-100k anywhere: the first other release found is the one. */
  g_unsetenv ("CINEGAN_DATA_DIR");
  g_unsetenv ("CINEGAN_SOURCE_DATA_DIR");
  found = cg_data_dir_find (NULL, &error);
  ck_assert_msg (found != NULL, "%s", error ? error->message : "?");
  ck_assert_str_eq (found, ml1m);
}
END_TEST

START_TEST (test_nothing_found)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_auto(GStrv) places = NULL;

  g_unsetenv ("CINEGAN_DATA_DIR");
  g_unsetenv ("CINEGAN_SOURCE_DATA_DIR");
  found = cg_data_dir_discover (NULL);
  ck_assert_uint_eq (found->len, 0);
  ck_assert_ptr_null (cg_data_dir_find (NULL, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_NOT_FOUND));
  ck_assert_msg (strstr (error->message, xdg_root) != NULL, "“%s”", error->message);
  /* It names every folder discovery looked in, as the app's pages list them. */
  places = cg_data_dir_places (NULL);
  ck_assert_uint_ge (g_strv_length (places), 2);
  for (guint i = 0; places[i] != NULL; i++)
    ck_assert_msg (strstr (error->message, places[i]) != NULL, "%s not in “%s”", places[i],
                   error->message);
}
END_TEST

START_TEST (test_cli_lists_releases)
{
  g_autofree char *root = cg_test_tmp_subdir ("cli");
  g_autofree char *ml1m = write_release (root, "ml-1m", CG_FORMAT_ML_1M, 20, 30, 100);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  const char *argv[] = { CG_CLI_PATH, "datasets", "--count", root, NULL };

  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                           &status, NULL));
  ck_assert_msg (g_spawn_check_wait_status (status, NULL), "%s", err);
  ck_assert_msg (strstr (out, ml1m) != NULL, "%s", out);
  ck_assert_msg (strstr (out, "MovieLens 1M (ml-1m): 30 movies, 175 ratings  (--data-dir)")
                 != NULL, "%s", out);
}
END_TEST

/* GLib reads $XDG_DATA_HOME once per process, so main sets it once, before anything asks;
 * each test starts with an empty cinegan folder in it (forked or not). */
static void
setup (void)
{
  g_autofree char *user = g_build_filename (xdg_root, "cinegan", NULL);

  cg_test_remove_tree (user);
  cg_test_tmp_setup ();
}

static Suite *
data_dir_suite (void)
{
  Suite *suite = suite_create ("data-dir");
  TCase *tc = tcase_create ("discover");

  tcase_add_checked_fixture (tc, setup, cg_test_tmp_teardown);
  tcase_add_test (tc, test_discover_lists_every_release);
  tcase_add_test (tc, test_count_and_describe);
  tcase_add_test (tc, test_count_cancelled);
  tcase_add_test (tc, test_find_falls_back_to_any_release);
  tcase_add_test (tc, test_nothing_found);
  tcase_add_test (tc, test_cli_lists_releases);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  int status;

  xdg_root = g_dir_make_tmp ("cinegan-xdg-XXXXXX", NULL);
  if (xdg_root == NULL)
    return 1;
  g_setenv ("XDG_DATA_HOME", xdg_root, TRUE);
  status = cg_test_run_suite (data_dir_suite ());
  cg_test_remove_tree (xdg_root);
  g_free (xdg_root);
  return status;
}
