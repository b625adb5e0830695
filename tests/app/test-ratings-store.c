/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-ratings-store.c: your ratings survive restarts, damage and failed writes.
 *
 * Every test runs in its own temporary $XDG_DATA_HOME, so the real user's ratings are never
 * read or touched.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "cg-ratings-store.h"
#include "cg-test-util.h"

static char *tmp_dir;

static void
setup (void)
{
  tmp_dir = cg_test_make_temp_dir ();
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
}

static void
teardown (void)
{
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

static CgRatingsStore *
load_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CgRatingsStore *store = cg_ratings_store_new (path);

  ck_assert_msg (cg_ratings_store_load (store, &error), "load failed: %s",
                 error != NULL ? error->message : "?");
  return store;
}

typedef struct
{
  guint n;
  guint movie_id;
  guint rating;
} ChangedLog;

static void
on_changed_cb (CgRatingsStore *store,
               guint           movie_id,
               guint           rating,
               ChangedLog     *log)
{
  log->n++;
  log->movie_id = movie_id;
  log->rating = rating;
}

START_TEST (test_default_path_under_xdg_data_home)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *expected = g_build_filename (tmp_dir, "cinegan", "ratings.tsv", NULL);

  /* GLib caches the user data dir at first use; the fixture set it before that. */
  ck_assert_str_eq (path, expected);
}
END_TEST

START_TEST (test_round_trip)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autoptr(CgRatingsStore) store = load_store (path);
  g_autoptr(CgRatingsStore) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* No file yet: an empty store, nothing written. */
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 0);
  ck_assert_ptr_null (cg_ratings_store_get_warning (store));
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));

  ck_assert (cg_ratings_store_set_rating (store, 50, 5, &error));
  ck_assert (cg_ratings_store_set_rating (store, 172, 4, &error));
  ck_assert (cg_ratings_store_set_rating (store, 1, 2, &error));
  ck_assert (cg_ratings_store_set_rating (store, 181, 3, &error));
  ck_assert (cg_ratings_store_set_rating (store, 181, 1, &error));  /* changed */
  ck_assert (cg_ratings_store_set_rating (store, 1, 0, &error));    /* cleared */
  ck_assert_ptr_null (error);

  /* Saved at once: a second store (a restarted app) reads the same table. */
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert (g_str_has_prefix (text, "# Cinegan ratings v1"));
  again = load_store (path);
  ck_assert_ptr_null (cg_ratings_store_get_warning (again));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (again), 3);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 50), 5);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 172), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 181), 1);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 1), 0);
  ck_assert_uint_eq (cg_ratings_store_count_at_least (again, 4), 2);
  ck_assert_uint_eq (cg_ratings_store_count_at_least (again, 1), 3);

  /* No temporary files left next to it. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (d) != NULL)
      n++;
    ck_assert_uint_eq (n, 1);
  }
}
END_TEST

START_TEST (test_changed_signal)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autoptr(CgRatingsStore) store = load_store (path);
  ChangedLog log = { 0, 0, 0 };

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &log);
  ck_assert (cg_ratings_store_set_rating (store, 7, 4, NULL));
  ck_assert_uint_eq (log.n, 1);
  ck_assert_uint_eq (log.movie_id, 7);
  ck_assert_uint_eq (log.rating, 4);

  /* The same rating again changes nothing and says nothing. */
  ck_assert (cg_ratings_store_set_rating (store, 7, 4, NULL));
  ck_assert_uint_eq (log.n, 1);

  ck_assert (cg_ratings_store_set_rating (store, 7, 0, NULL));
  ck_assert_uint_eq (log.n, 2);
  ck_assert_uint_eq (log.rating, 0);

  /* Clearing what is not rated is not a change either. */
  ck_assert (cg_ratings_store_set_rating (store, 8, 0, NULL));
  ck_assert_uint_eq (log.n, 2);

  /* A load replaces everything: movie ID 0. */
  ck_assert (cg_ratings_store_load (store, NULL));
  ck_assert_uint_eq (log.n, 3);
  ck_assert_uint_eq (log.movie_id, 0);
}
END_TEST

START_TEST (test_corrupt_file_backed_up)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  static const char damaged[] =
    "# Cinegan ratings v1: movie_id<TAB>rating<TAB>unix_time\n"
    "50\t5\t1700000000\n"
    "this line is garbage\n"
    "172\t9\t1700000001\n"           /* rating out of range */
    "181\t4\n"                       /* no timestamp: still fine */
    "12\t3\t17000x\n"                /* bad timestamp */
    "98\t2\t1700000002\r\n";         /* CRLF: fine */
  g_autoptr(CgRatingsStore) store = NULL;
  g_autoptr(CgRatingsStore) again = NULL;
  g_autofree char *backup_text = NULL;
  gsize backup_len = 0;
  const char *backup;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, damaged, -1, NULL));

  store = load_store (path);
  ck_assert_ptr_nonnull (cg_ratings_store_get_warning (store));
  ck_assert_ptr_nonnull (strstr (cg_ratings_store_get_warning (store), "3 line(s)"));

  /* The original bytes are kept, byte for byte, next to the file. */
  backup = cg_ratings_store_get_backup_path (store);
  ck_assert_ptr_nonnull (backup);
  ck_assert (g_str_has_prefix (backup, path));
  ck_assert_ptr_nonnull (strstr (backup, ".corrupt-"));
  ck_assert (g_file_get_contents (backup, &backup_text, &backup_len, NULL));
  ck_assert_uint_eq (backup_len, strlen (damaged));
  ck_assert (memcmp (backup_text, damaged, backup_len) == 0);

  /* What could be read is kept. */
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 3);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 50), 5);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 181), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 98), 2);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 172), 0);

  /* ...and written back clean: the next start has no warning and the same ratings. */
  again = load_store (path);
  ck_assert_ptr_null (cg_ratings_store_get_warning (again));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (again), 3);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 98), 2);

  /* New ratings go on being saved. */
  ck_assert (cg_ratings_store_set_rating (again, 1, 4, NULL));
  g_clear_object (&again);
  again = load_store (path);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (again), 4);
}
END_TEST

START_TEST (test_binary_garbage_backed_up)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  static const char damaged[] = "50\t5\t1\n\xff\xfe\x00\x01 binary";
  g_autoptr(CgRatingsStore) store = NULL;
  g_autofree char *backup_text = NULL;
  gsize backup_len = 0;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, damaged, sizeof damaged - 1, NULL));

  store = load_store (path);
  ck_assert_ptr_nonnull (cg_ratings_store_get_warning (store));
  ck_assert (g_file_get_contents (cg_ratings_store_get_backup_path (store),
                                  &backup_text, &backup_len, NULL));
  ck_assert_uint_eq (backup_len, sizeof damaged - 1);
  ck_assert (memcmp (backup_text, damaged, backup_len) == 0);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 50), 5);
}
END_TEST

START_TEST (test_failed_repair_keeps_the_original)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  /* Short lines without timestamps: the repaired file (header, timestamps) is longer than
   * the damaged one, so a file size limit between the two lets the backup be written and
   * makes the repair fail — the state a kill between the two steps would leave. */
  static const char damaged[] = "1\t5\n2\t4\ngarbage\n";
  g_autoptr(CgRatingsStore) store = NULL;
  g_autofree char *text = NULL;
  g_autofree char *backup_text = NULL;
  gsize len = 0;
  struct rlimit old_limit, limit;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, damaged, -1, NULL));

  ck_assert_int_eq (getrlimit (RLIMIT_FSIZE, &old_limit), 0);
  limit = old_limit;
  limit.rlim_cur = 40;
  signal (SIGXFSZ, SIG_IGN);   /* a write past the limit fails with EFBIG instead */
  ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &limit), 0);
  store = load_store (path);
  ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &old_limit), 0);

  /* The repair could not be written: the warning says so, the readable ratings are in
   * memory, the damaged original is still in its place and its copy beside it. */
  ck_assert_ptr_nonnull (cg_ratings_store_get_warning (store));
  ck_assert_ptr_nonnull (strstr (cg_ratings_store_get_warning (store), "failed"));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 2);
  ck_assert_msg (g_file_get_contents (path, &text, &len, NULL),
                 "%s is gone after a failed repair", path);
  ck_assert_str_eq (text, damaged);
  ck_assert (g_file_get_contents (cg_ratings_store_get_backup_path (store), &backup_text,
                                  NULL, NULL));
  ck_assert_str_eq (backup_text, damaged);

  /* The next change writes the repaired table over the original. */
  ck_assert (cg_ratings_store_set_rating (store, 3, 3, NULL));
  g_clear_object (&store);
  store = load_store (path);
  ck_assert_ptr_null (cg_ratings_store_get_warning (store));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 3);
}
END_TEST

START_TEST (test_second_corruption_gets_its_own_backup)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CgRatingsStore) first = NULL;
  g_autoptr(CgRatingsStore) second = NULL;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, "first damage\n", -1, NULL));
  first = load_store (path);
  ck_assert (g_file_set_contents (path, "second damage\n", -1, NULL));
  second = load_store (path);

  /* Within one second both get the same timestamp: the second must not overwrite the first. */
  ck_assert_str_ne (cg_ratings_store_get_backup_path (first),
                    cg_ratings_store_get_backup_path (second));
  ck_assert (g_file_test (cg_ratings_store_get_backup_path (first), G_FILE_TEST_EXISTS));
  ck_assert (g_file_test (cg_ratings_store_get_backup_path (second), G_FILE_TEST_EXISTS));
}
END_TEST

START_TEST (test_write_failure_keeps_state)
{
  /* The ratings file's folder cannot be created (a regular file is in the way); this fails
   * even as root, unlike a permission test. */
  g_autofree char *blocker = g_build_filename (tmp_dir, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "ratings.tsv", NULL);
  g_autoptr(CgRatingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ChangedLog log = { 0, 0, 0 };

  ck_assert (g_file_set_contents (blocker, "not a folder", -1, NULL));
  store = cg_ratings_store_new (path);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &log);

  ck_assert (!cg_ratings_store_set_rating (store, 50, 5, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 50), 0);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 0);
  ck_assert_uint_eq (log.n, 0);
}
END_TEST

START_TEST (test_unreadable_file_left_untouched)
{
  /* A folder where the file should be: it cannot be read, so it must not be replaced. */
  g_autofree char *path = g_build_filename (tmp_dir, "ratings.tsv", NULL);
  g_autoptr(CgRatingsStore) store = cg_ratings_store_new (path);
  g_autoptr(GError) error = NULL;

  ck_assert_int_eq (g_mkdir (path, 0700), 0);
  ck_assert (!cg_ratings_store_load (store, &error));
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);

  ck_assert (!cg_ratings_store_set_rating (store, 50, 5, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert (g_file_test (path, G_FILE_TEST_IS_DIR));
}
END_TEST

START_TEST (test_export_for_engine)
{
  g_autofree char *data = g_build_filename (tmp_dir, "ml", NULL);
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autoptr(CgRatingsStore) store = load_store (path);
  g_autoptr(CgDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree CgRating *ratings = NULL;
  g_autofree guint32 *liked = NULL;
  g_autofree guint32 *rated = NULL;
  CgSyntheticSpec spec;
  gsize n_ratings = 0;
  guint n_liked = 0, n_rated = 0;
  guint32 known[4] = { 0 };
  guint n_known = 0;

  cg_synthetic_spec_init (&spec);
  ck_assert_int_eq (g_mkdir_with_parents (data, 0700), 0);
  cg_test_write_synthetic (data, &spec);
  dataset = cg_dataset_load (data, "u1", 4, &error);
  ck_assert_msg (dataset != NULL, "%s", error != NULL ? error->message : "?");

  /* Four movies the dataset knows, highest IDs first so the store gets them unsorted. */
  for (guint i = dataset->n_items; i-- > 0 && n_known < 4;)
    known[n_known++] = dataset->movie_ids[i];
  ck_assert_uint_eq (n_known, 4);

  ck_assert (cg_ratings_store_set_rating (store, known[0], 5, NULL));
  ck_assert (cg_ratings_store_set_rating (store, known[1], 2, NULL));
  ck_assert (cg_ratings_store_set_rating (store, known[2], 4, NULL));
  ck_assert (cg_ratings_store_set_rating (store, known[3], 1, NULL));
  ck_assert (cg_ratings_store_set_rating (store, 999999, 5, NULL));   /* not in the dataset */

  ratings = cg_ratings_store_dup_ratings (store, dataset, 5000, &n_ratings);
  ck_assert_uint_eq (n_ratings, 4);
  for (gsize i = 0; i < n_ratings; i++)
    {
      ck_assert_uint_eq (ratings[i].user_id, 5000);
      ck_assert (cg_dataset_item_index (dataset, ratings[i].movie_id) >= 0);
      if (i > 0)
        ck_assert_uint_lt (ratings[i - 1].movie_id, ratings[i].movie_id);
    }
  g_clear_pointer (&ratings, g_free);

  /* Without a dataset, nothing is left out. */
  ratings = cg_ratings_store_dup_ratings (store, NULL, 1, &n_ratings);
  ck_assert_uint_eq (n_ratings, 5);
  ck_assert_uint_eq (ratings[4].movie_id, 999999);

  liked = cg_ratings_store_dup_items (store, dataset, 4, &n_liked);
  ck_assert_uint_eq (n_liked, 2);
  ck_assert_uint_lt (liked[0], liked[1]);
  ck_assert_uint_eq (dataset->movie_ids[liked[0]], known[2]);
  ck_assert_uint_eq (dataset->movie_ids[liked[1]], known[0]);

  rated = cg_ratings_store_dup_items (store, dataset, 1, &n_rated);
  ck_assert_uint_eq (n_rated, 4);
  for (guint i = 1; i < n_rated; i++)
    ck_assert_uint_lt (rated[i - 1], rated[i]);

  /* With the engine: the extra user gets exactly these ratings. */
  {
    g_autoptr(CgDataset) with_you = NULL;
    g_autofree CgRating *mine = cg_ratings_store_dup_ratings (store, dataset,
                                                              dataset->max_user_id + 1,
                                                              &n_ratings);
    gint32 you;

    with_you = cg_dataset_with_extra_user (dataset, mine, n_ratings, &error);
    ck_assert_msg (with_you != NULL, "%s", error != NULL ? error->message : "?");
    you = cg_dataset_user_index (with_you, dataset->max_user_id + 1);
    ck_assert_int_ge (you, 0);
    ck_assert_uint_eq (cg_user_items_count (with_you->train_rated, you), 4);
    ck_assert_uint_eq (cg_user_items_count (with_you->train_pos, you), 2);
  }
}
END_TEST

static Suite *
ratings_store_suite (void)
{
  Suite *s = suite_create ("ratings-store");
  TCase *tc = tcase_create ("core");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_default_path_under_xdg_data_home);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_changed_signal);
  tcase_add_test (tc, test_corrupt_file_backed_up);
  tcase_add_test (tc, test_binary_garbage_backed_up);
  tcase_add_test (tc, test_failed_repair_keeps_the_original);
  tcase_add_test (tc, test_second_corruption_gets_its_own_backup);
  tcase_add_test (tc, test_write_failure_keeps_state);
  tcase_add_test (tc, test_unreadable_file_left_untouched);
  tcase_add_test (tc, test_export_for_engine);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_suite (ratings_store_suite ());
}
