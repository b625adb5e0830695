/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-ratings-store.c: your ratings survive restarts, damage and failed writes, and a
 * click never waits for the disk.
 *
 * Every test runs in its own temporary $XDG_DATA_HOME, so the real user's ratings are never
 * read or touched. Writes happen on the store's thread: tests wait for them with
 * cg_ratings_store_flush (or by disposing of the store, which waits too) before looking at
 * the file, and run the main context where the store reports and retries on its own.
 * Unwritable places are made in ways that bind the superuser too (a regular file where
 * the folder should be), since the tests may run as root.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void
flush_ok (CgRatingsStore *store)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (cg_ratings_store_flush (store, &error), "flush: %s",
                 error != NULL ? error->message : "?");
  ck_assert_ptr_null (cg_ratings_store_get_saving_problem (store));
  ck_assert_uint_eq (cg_ratings_store_get_n_unsaved (store), 0);
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  ck_assert_msg (g_file_get_contents (path, &text, NULL, NULL), "cannot read %s", path);
  return text;
}

/* Runs the main context until the store's saving-problem is set (want_problem) or unset,
 * for at most ten seconds. */
static void
wait_for_problem (CgRatingsStore *store,
                  gboolean        want_problem)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((cg_ratings_store_get_saving_problem (store) != NULL) != want_problem)
    {
      ck_assert_msg (g_get_monotonic_time () < deadline, "saving-problem still %s",
                     want_problem ? "unset" : cg_ratings_store_get_saving_problem (store));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
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

  /* Saved: a second store (a restarted app) reads the same table. */
  flush_ok (store);
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert (g_str_has_prefix (text, "# Cinegan ratings v2"));
  again = load_store (path);
  ck_assert_ptr_null (cg_ratings_store_get_warning (again));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (again), 3);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 50), 5);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 172), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 181), 1);
  ck_assert_uint_eq (cg_ratings_store_get_rating (again, 1), 0);
  ck_assert_uint_eq (cg_ratings_store_count_at_least (again, 4), 2);
  ck_assert_uint_eq (cg_ratings_store_count_at_least (again, 1), 3);

  /* No temporary files left next to it, once the second store has compacted the file. */
  flush_ok (again);
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
  flush_ok (store);
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
  ck_assert (!cg_ratings_store_flush (store, NULL));
  ck_assert_int_eq (setrlimit (RLIMIT_FSIZE, &old_limit), 0);

  /* The repair could not be written: saving-problem says so, the readable ratings are in
   * memory, the damaged original is still in its place and its copy beside it. */
  ck_assert_ptr_nonnull (cg_ratings_store_get_warning (store));
  ck_assert_ptr_nonnull (cg_ratings_store_get_saving_problem (store));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 2);
  ck_assert_msg (g_file_get_contents (path, &text, &len, NULL),
                 "%s is gone after a failed repair", path);
  ck_assert_str_eq (text, damaged);
  ck_assert (g_file_get_contents (cg_ratings_store_get_backup_path (store), &backup_text,
                                  NULL, NULL));
  ck_assert_str_eq (backup_text, damaged);

  /* A change meanwhile is kept; the retry writes the repaired table over the original. */
  ck_assert (cg_ratings_store_set_rating (store, 3, 3, NULL));
  ck_assert_uint_eq (cg_ratings_store_get_n_unsaved (store), 1);
  cg_ratings_store_retry_save (store);
  flush_ok (store);
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
  flush_ok (first);
  ck_assert (g_file_set_contents (path, "second damage\n", -1, NULL));
  second = load_store (path);

  /* Within one second both get the same timestamp: the second must not overwrite the first. */
  ck_assert_str_ne (cg_ratings_store_get_backup_path (first),
                    cg_ratings_store_get_backup_path (second));
  ck_assert (g_file_test (cg_ratings_store_get_backup_path (first), G_FILE_TEST_EXISTS));
  ck_assert (g_file_test (cg_ratings_store_get_backup_path (second), G_FILE_TEST_EXISTS));
}
END_TEST

/* The folder cannot be written (a regular file is in its way; this binds root too):
 * ratings are kept for the session, saving-problem says why, nothing is lost. */
START_TEST (test_unwritable_folder_keeps_ratings_for_session)
{
  g_autofree char *blocker = g_build_filename (tmp_dir, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "ratings.tsv", NULL);
  g_autoptr(CgRatingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ChangedLog log = { 0, 0, 0 };

  ck_assert (g_file_set_contents (blocker, "not a folder", -1, NULL));
  store = cg_ratings_store_new (path);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &log);

  ck_assert (cg_ratings_store_set_rating (store, 50, 5, &error));
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 50), 5);
  ck_assert_uint_eq (log.n, 1);
  ck_assert (!cg_ratings_store_flush (store, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_ptr_nonnull (cg_ratings_store_get_saving_problem (store));
  ck_assert_msg (strstr (cg_ratings_store_get_saving_problem (store), "blocker") != NULL, "%s",
                 cg_ratings_store_get_saving_problem (store));
  ck_assert_uint_eq (cg_ratings_store_get_n_unsaved (store), 1);

  /* More ratings meanwhile stay in the table. */
  ck_assert (cg_ratings_store_set_rating (store, 51, 4, NULL));
  ck_assert (cg_ratings_store_set_rating (store, 50, 0, NULL));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 1);
  ck_assert_uint_eq (cg_ratings_store_get_n_unsaved (store), 2);

  /* Retrying while it is still unwritable changes nothing. */
  cg_ratings_store_retry_save (store);
  ck_assert_ptr_nonnull (cg_ratings_store_get_saving_problem (store));

  /* The way is clear: a retry saves the session's table. */
  ck_assert (g_unlink (blocker) == 0);
  cg_ratings_store_retry_save (store);
  flush_ok (store);
  g_clear_object (&store);
  store = load_store (path);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 1);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 51), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 50), 0);
}
END_TEST

typedef struct
{
  guint n_problem;
  guint n_unsaved;
} NotifyLog;

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              NotifyLog  *log)
{
  if (g_str_equal (pspec->name, "saving-problem"))
    log->n_problem++;
  else if (g_str_equal (pspec->name, "n-unsaved"))
    log->n_unsaved++;
}

/* The folder is found unwritable when the store loads, before any rating; the store
 * retries by itself on its timer and saves once it can. */
START_TEST (test_retried_by_itself_when_writable)
{
  g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);
  g_autofree char *blocker = g_build_filename (data, "blocker", NULL);
  g_autofree char *path = g_build_filename (blocker, "ratings.tsv", NULL);
  g_autoptr(CgRatingsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  NotifyLog log = { 0, 0 };

  ck_assert_int_eq (g_mkdir (data, 0700), 0);
  ck_assert (g_file_set_contents (blocker, "in the way", -1, NULL));
  store = cg_ratings_store_new (path);
  g_object_set (store, "retry-interval", 20u, NULL);
  g_signal_connect (store, "notify", G_CALLBACK (on_notify_cb), &log);
  ck_assert (cg_ratings_store_load (store, &error));
  ck_assert_ptr_null (error);
  ck_assert_ptr_nonnull (cg_ratings_store_get_saving_problem (store));
  ck_assert_uint_eq (log.n_problem, 1);

  ck_assert (cg_ratings_store_set_rating (store, 7, 3, NULL));
  ck_assert_uint_eq (cg_ratings_store_get_n_unsaved (store), 1);
  ck_assert_uint_ge (log.n_unsaved, 1);

  ck_assert (g_unlink (blocker) == 0);
  wait_for_problem (store, FALSE);
  flush_ok (store);
  ck_assert_uint_ge (log.n_problem, 2);
  g_clear_object (&store);
  store = load_store (path);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 7), 3);
}
END_TEST

/* A folder where the file should be: it cannot be read, so it must never be replaced;
 * ratings are kept for the session meanwhile. */
START_TEST (test_unreadable_file_left_untouched)
{
  g_autofree char *path = g_build_filename (tmp_dir, "ratings.tsv", NULL);
  g_autoptr(CgRatingsStore) store = cg_ratings_store_new (path);
  g_autoptr(GError) error = NULL;

  ck_assert_int_eq (g_mkdir (path, 0700), 0);
  ck_assert (!cg_ratings_store_load (store, &error));
  ck_assert_ptr_nonnull (error);
  g_clear_error (&error);
  ck_assert_ptr_nonnull (cg_ratings_store_get_saving_problem (store));

  ck_assert (cg_ratings_store_set_rating (store, 50, 5, &error));
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 50), 5);
  ck_assert (!cg_ratings_store_flush (store, NULL));
  cg_ratings_store_retry_save (store);
  ck_assert (!cg_ratings_store_flush (store, NULL));
  ck_assert (g_file_test (path, G_FILE_TEST_IS_DIR));

  /* Once it is a file again, what it holds comes back, with the session's rating on top. */
  ck_assert (g_rmdir (path) == 0);
  ck_assert (g_file_set_contents (path, "60\t4\t1\n50\t1\t1\n", -1, NULL));
  cg_ratings_store_retry_save (store);
  flush_ok (store);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 60), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 50), 5);
  g_clear_object (&store);
  store = load_store (path);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 2);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 50), 5);
}
END_TEST

/* A FIFO as ratings.tsv used to hang the app at start. */
START_TEST (test_fifo_never_hangs)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CgRatingsStore) store = cg_ratings_store_new (path);
  g_autoptr(GError) error = NULL;
  struct stat st;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (mkfifo (path, 0600) == 0);
  ck_assert (!cg_ratings_store_load (store, &error));
  ck_assert_msg (strstr (error->message, "FIFO") != NULL, "%s", error->message);
  ck_assert_msg (strstr (cg_ratings_store_get_saving_problem (store), "FIFO") != NULL, "%s",
                 cg_ratings_store_get_saving_problem (store));
  ck_assert (cg_ratings_store_set_rating (store, 50, 5, NULL));
  ck_assert (!cg_ratings_store_flush (store, NULL));
  ck_assert (g_lstat (path, &st) == 0 && S_ISFIFO (st.st_mode));
}
END_TEST

/* A NUL byte used to end the file there, and the repair kept only what came before it.
 * Now it costs its own line: every rating around it survives, and the original bytes
 * are copied aside. */
START_TEST (test_nul_byte_keeps_later_ratings)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  static const char damaged[] =
    "# Cinegan ratings v1: movie_id<TAB>rating<TAB>unix_time\n"
    "1\t5\t100\n"
    "2\t4\t100\n"
    "3\t\0\t100\n"
    "4\t3\t100\n"
    "# a comment \xff\n"
    "5\t2\t100\n";
  g_autoptr(CgRatingsStore) store = NULL;
  g_autofree char *backup = NULL;
  gsize backup_len;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, damaged, sizeof damaged - 1, NULL));
  store = load_store (path);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 4);
  for (guint32 m = 1; m <= 5; m++)
    {
      const guint expected[] = { 0, 5, 4, 0, 3, 2 };

      ck_assert_uint_eq (cg_ratings_store_get_rating (store, m), expected[m]);
    }
  ck_assert_ptr_nonnull (cg_ratings_store_get_warning (store));
  ck_assert_msg (strstr (cg_ratings_store_get_warning (store), "2 line(s)") != NULL
                 && strstr (cg_ratings_store_get_warning (store), "line 4") != NULL
                 && strstr (cg_ratings_store_get_warning (store), "the 4 rating(s)") != NULL,
                 "%s", cg_ratings_store_get_warning (store));
  ck_assert (g_file_get_contents (cg_ratings_store_get_backup_path (store), &backup,
                                  &backup_len, NULL));
  ck_assert_uint_eq (backup_len, sizeof damaged - 1);
  ck_assert (memcmp (backup, damaged, backup_len) == 0);

  flush_ok (store);
  g_clear_object (&store);
  store = load_store (path);
  ck_assert_ptr_null (cg_ratings_store_get_warning (store));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 5), 2);
}
END_TEST

/* A crash while appending leaves a line cut short at the end: dropped without a warning
 * (nothing readable is in it), and the next line starts on a line of its own. */
START_TEST (test_torn_tail_dropped_quietly)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CgRatingsStore) store = NULL;
  g_autofree char *text = NULL;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, "# Cinegan ratings v2\n1\t5\t100\n2\t4\t100\n123", -1,
                                  NULL));
  store = load_store (path);
  ck_assert_ptr_null (cg_ratings_store_get_warning (store));
  ck_assert_ptr_null (cg_ratings_store_get_backup_path (store));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 2);
  ck_assert (cg_ratings_store_set_rating (store, 9, 1, NULL));
  flush_ok (store);
  text = read_text (path);
  ck_assert_msg (strstr (text, "123") == NULL && strstr (text, "\n9\t1\t") != NULL, "%s", text);
  g_clear_object (&store);
  store = load_store (path);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 3);
}
END_TEST

/* A click appends one line to the file (same inode, one line longer) rather than rewriting
 * the whole table: at ten million ratings a rewrite took seconds on the main thread. */
START_TEST (test_appends_instead_of_rewriting)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GString) big = g_string_new ("# Cinegan ratings v2: movie_id<TAB>rating<TAB>"
                                         "unix_time; 0 clears; the last line wins\n");
  g_autoptr(CgRatingsStore) store = NULL;
  g_autofree char *text = NULL;
  struct stat before, after;
  const guint n = 20000;

  for (guint m = 1; m <= n; m++)
    g_string_append_printf (big, "%u\t%u\t%u\n", m, 1 + m % 5, 1700000000 + m);
  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, big->str, (gssize) big->len, NULL));
  ck_assert (g_stat (path, &before) == 0);

  store = load_store (path);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), n);
  ck_assert (cg_ratings_store_set_rating (store, n + 1, 5, NULL));
  ck_assert (cg_ratings_store_set_rating (store, 3, 0, NULL));
  ck_assert (cg_ratings_store_set_rating (store, 4, 2, NULL));
  flush_ok (store);

  ck_assert (g_stat (path, &after) == 0);
  ck_assert_uint_eq (after.st_ino, before.st_ino);
  text = read_text (path);
  ck_assert (g_str_has_prefix (text, big->str));
  ck_assert_uint_eq (count_lines (text), n + 1 + 3);

  /* Read back, the journal gives the same table. */
  g_clear_object (&store);
  store = load_store (path);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), n);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, n + 1), 5);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 3), 0);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 4), 2);
}
END_TEST

/* Superseded lines and clears are compacted away on start, silently. */
START_TEST (test_compacted_on_start)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CgRatingsStore) store = NULL;
  g_autofree char *text = NULL;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, "# Cinegan ratings v2: movie_id<TAB>rating<TAB>"
                                  "unix_time; 0 clears; the last line wins\n"
                                  "5\t1\t10\n3\t4\t11\n5\t2\t12\n3\t0\t13\n8\t5\t14\n",
                                  -1, NULL));
  store = load_store (path);
  ck_assert_ptr_null (cg_ratings_store_get_warning (store));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (store), 2);
  flush_ok (store);
  text = read_text (path);
  ck_assert_str_eq (text, "# Cinegan ratings v2: movie_id<TAB>rating<TAB>unix_time; 0 clears; "
                          "the last line wins\n5\t2\t12\n8\t5\t14\n");
}
END_TEST

/* The file behind a symbolic link is written, the link stays; the mode stays too, through
 * appends and rewrites. */
START_TEST (test_symlink_and_mode_kept)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *synced = g_build_filename (tmp_dir, "synced", NULL);
  g_autofree char *target = g_build_filename (synced, "my-ratings.tsv", NULL);
  g_autoptr(CgRatingsStore) store = NULL;
  g_autofree char *text = NULL;
  struct stat st;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert_int_eq (g_mkdir (synced, 0700), 0);
  /* Superseded lines: the load rewrites it. */
  ck_assert (g_file_set_contents (target, "1\t2\t1\n1\t3\t2\n", -1, NULL));
  ck_assert (g_chmod (target, 0640) == 0);
  ck_assert (symlink (target, path) == 0);

  store = load_store (path);
  ck_assert (cg_ratings_store_set_rating (store, 2, 5, NULL));
  flush_ok (store);
  ck_assert (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode));
  ck_assert (g_stat (target, &st) == 0 && (st.st_mode & 07777) == 0640);
  text = read_text (target);
  ck_assert_msg (strstr (text, "1\t3\t2\n") != NULL && strstr (text, "2\t5\t") != NULL
                 && strstr (text, "1\t2\t1") == NULL, "%s", text);
}
END_TEST

/* A read-only ratings file is not written, even by a superuser: saving-problem says so. */
START_TEST (test_read_only_file_not_replaced)
{
  g_autofree char *path = cg_ratings_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(CgRatingsStore) store = NULL;
  g_autofree char *text = NULL;

  ck_assert_int_eq (g_mkdir_with_parents (dir, 0700), 0);
  ck_assert (g_file_set_contents (path, "# Cinegan ratings v2: movie_id<TAB>rating<TAB>unix_time; 0 clears; the last line wins\n" "1\t4\t1\n", -1, NULL));
  ck_assert (g_chmod (path, 0444) == 0);
  store = load_store (path);
  ck_assert (cg_ratings_store_set_rating (store, 2, 5, NULL));
  ck_assert (!cg_ratings_store_flush (store, NULL));
  ck_assert_msg (strstr (cg_ratings_store_get_saving_problem (store), "read-only") != NULL,
                 "%s", cg_ratings_store_get_saving_problem (store));
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, 2), 5);
  text = read_text (path);
  ck_assert_str_eq (text, "# Cinegan ratings v2: movie_id<TAB>rating<TAB>unix_time; 0 clears; the last line wins\n" "1\t4\t1\n");
  g_chmod (path, 0644);
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
  tcase_add_test (tc, test_unwritable_folder_keeps_ratings_for_session);
  tcase_add_test (tc, test_retried_by_itself_when_writable);
  tcase_add_test (tc, test_unreadable_file_left_untouched);
  tcase_add_test (tc, test_fifo_never_hangs);
  tcase_add_test (tc, test_nul_byte_keeps_later_ratings);
  tcase_add_test (tc, test_torn_tail_dropped_quietly);
  tcase_add_test (tc, test_appends_instead_of_rewriting);
  tcase_add_test (tc, test_compacted_on_start);
  tcase_add_test (tc, test_symlink_and_mode_kept);
  tcase_add_test (tc, test_read_only_file_not_replaced);
  tcase_add_test (tc, test_export_for_engine);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_suite (ratings_store_suite ());
}
