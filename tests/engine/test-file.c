/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-file.c: reading never blocks on a special file; replacing keeps links, modes and
 * read-only files, and leaves the old file whole on failure.
 *
 * A FIFO is the hostile case of reading: opening one for reading blocks until a writer
 * comes, so a test that hangs here fails by Check's timeout. Replacing is checked the way
 * a person would see it: the link is still a link, its target has the new bytes, the mode
 * is the old one, nothing is left beside the file.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-dataset.h"
#include "cg-error.h"
#include "cg-file.h"
#include "cg-test-util.h"

static char *
path_in (const char *name)
{
  return g_build_filename (cg_test_tmp_root (), name, NULL);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  ck_assert_msg (g_file_get_contents (path, &text, NULL, &error), "%s",
                 error ? error->message : "");
  return text;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static mode_t
mode_of (const char *path)
{
  struct stat st;

  ck_assert (g_stat (path, &st) == 0);
  return st.st_mode & 07777;
}

/* ---- reading ---- */

START_TEST (test_read_regular)
{
  g_autofree char *path = path_in ("a.txt");
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  cg_test_write_file (cg_test_tmp_root (), "a.txt", "one\0two", 7);
  ck_assert (cg_file_read (path, 100, &contents, &len, &error));
  ck_assert_uint_eq (len, 7);
  ck_assert (memcmp (contents, "one\0two", 8) == 0);  /* NUL-terminated as well */
  g_free (contents);

  /* Larger than the caller allows: refused before allocating. */
  ck_assert (!cg_file_read (path, 6, &contents, &len, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  ck_assert_msg (strstr (error->message, "a.txt") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* Missing: a GFileError, as g_file_get_contents gives. */
  g_free (path);
  path = path_in ("missing.txt");
  ck_assert (!cg_file_read (path, 100, &contents, &len, &error));
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  ck_assert_msg (strstr (error->message, "missing.txt") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_read_special_files_never_block)
{
  g_autofree char *fifo = path_in ("fifo.tsv");
  g_autofree char *link = path_in ("link-to-fifo");
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len;

  ck_assert (mkfifo (fifo, 0600) == 0);
  ck_assert (symlink (fifo, link) == 0);
  ck_assert (!cg_file_read (fifo, 100, &contents, &len, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_IO));
  ck_assert_msg (strstr (error->message, "FIFO") != NULL
                 && strstr (error->message, "fifo.tsv") != NULL, "%s", error->message);
  g_clear_error (&error);
  ck_assert (!cg_file_read (link, 100, &contents, &len, &error));
  ck_assert_msg (strstr (error->message, "FIFO") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* A folder and a character device. */
  ck_assert (!cg_file_read (cg_test_tmp_root (), 100, &contents, &len, &error));
  ck_assert_msg (strstr (error->message, "folder") != NULL, "%s", error->message);
  g_clear_error (&error);
  ck_assert (cg_file_read_bytes ("/dev/zero", 100, &error) == NULL);
  ck_assert_msg (strstr (error->message, "device") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* A socket. */
  {
    g_autofree char *sock_path = path_in ("s");
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket (AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy (addr.sun_path, sock_path, sizeof addr.sun_path);
    ck_assert (fd >= 0 && bind (fd, (struct sockaddr *) &addr, sizeof addr) == 0);
    ck_assert (cg_file_read_bytes (sock_path, 100, &error) == NULL);
    ck_assert_msg (strstr (error->message, "socket") != NULL, "%s", error->message);
    close (fd);
  }
}
END_TEST

/* ---- replacing ---- */

START_TEST (test_replace_creates_and_replaces)
{
  g_autofree char *path = path_in ("model.cgan");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0077);

  /* A new file gets the mode asked for, whatever the umask. */
  ck_assert (cg_file_replace (path, "first", 5, 0644, CG_FILE_REPLACE_DEFAULT, &error));
  umask (old_umask);
  ck_assert_uint_eq (mode_of (path), 0644);
  text = read_text (path);
  ck_assert_str_eq (text, "first");
  g_clear_pointer (&text, g_free);

  /* A replaced file keeps its own mode. */
  ck_assert (g_chmod (path, 0640) == 0);
  ck_assert (cg_file_replace (path, "second", 6, 0644, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert_uint_eq (mode_of (path), 0640);
  text = read_text (path);
  ck_assert_str_eq (text, "second");
  ck_assert_uint_eq (count_entries (cg_test_tmp_root ()), 1);
}
END_TEST

START_TEST (test_replace_through_symlink)
{
  g_autofree char *dir = cg_test_tmp_subdir ("real");
  g_autofree char *target = g_build_filename (dir, "model.cgan", NULL);
  g_autofree char *link = path_in ("shortcut.cgan");
  g_autofree char *link2 = path_in ("shortcut2.cgan");
  g_autofree char *dangling = path_in ("dangling.cgan");
  g_autofree char *dangling_target = g_build_filename (dir, "new.cgan", NULL);
  g_autofree char *text = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  cg_test_write_file (dir, "model.cgan", "old", -1);
  ck_assert (g_chmod (target, 0600) == 0);
  /* A relative link, through a second link. */
  ck_assert (symlink ("real/model.cgan", link) == 0);
  ck_assert (symlink ("shortcut.cgan", link2) == 0);
  resolved = cg_file_resolve (link2, &error);
  ck_assert_str_eq (resolved, target);

  ck_assert (cg_file_replace (link2, "new", 3, 0644, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert (g_lstat (link, &st) == 0 && S_ISLNK (st.st_mode));
  ck_assert (g_lstat (link2, &st) == 0 && S_ISLNK (st.st_mode));
  text = read_text (target);
  ck_assert_str_eq (text, "new");
  ck_assert_uint_eq (mode_of (target), 0600);
  ck_assert_uint_eq (count_entries (dir), 1);
  g_clear_pointer (&text, g_free);

  /* A link to a file not there yet creates the target, and stays a link. */
  ck_assert (symlink (dangling_target, dangling) == 0);
  ck_assert (cg_file_replace (dangling, "made", 4, 0644, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert (g_lstat (dangling, &st) == 0 && S_ISLNK (st.st_mode));
  text = read_text (dangling_target);
  ck_assert_str_eq (text, "made");

  /* A loop is an error, not a hang. */
  {
    g_autofree char *a = path_in ("loop-a");
    g_autofree char *b = path_in ("loop-b");

    ck_assert (symlink (b, a) == 0 && symlink (a, b) == 0);
    ck_assert (!cg_file_replace (a, "x", 1, 0644, CG_FILE_REPLACE_DEFAULT, &error));
    ck_assert_msg (error != NULL && strstr (error->message, "loop-a") != NULL, "%s",
                   error ? error->message : "");
  }
}
END_TEST

START_TEST (test_replace_read_only)
{
  g_autofree char *path = path_in ("locked.cgan");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  cg_test_write_file (cg_test_tmp_root (), "locked.cgan", "keep me", -1);
  ck_assert (g_chmod (path, 0444) == 0);
  ck_assert (cg_file_is_read_only (path));
  ck_assert (!cg_file_check_replaceable (path, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_READ_ONLY));
  g_clear_error (&error);

  ck_assert (!cg_file_replace (path, "gone", 4, 0644, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert (g_error_matches (error, CG_ERROR, CG_ERROR_READ_ONLY));
  ck_assert_msg (strstr (error->message, "locked.cgan") != NULL
                 && strstr (error->message, "read-only") != NULL, "%s", error->message);
  g_clear_error (&error);
  text = read_text (path);
  ck_assert_str_eq (text, "keep me");
  g_clear_pointer (&text, g_free);

  /* Asked and agreed: replaced, and read-only still. */
  ck_assert (cg_file_check_replaceable (path, CG_FILE_REPLACE_READ_ONLY, &error));
  ck_assert (cg_file_replace (path, "agreed", 6, 0644, CG_FILE_REPLACE_READ_ONLY, &error));
  text = read_text (path);
  ck_assert_str_eq (text, "agreed");
  ck_assert_uint_eq (mode_of (path), 0444);
  ck_assert_uint_eq (count_entries (cg_test_tmp_root ()), 1);

  ck_assert (g_chmod (path, 0644) == 0);
  ck_assert (!cg_file_is_read_only (path));
}
END_TEST

START_TEST (test_replace_refuses_special_targets)
{
  g_autofree char *fifo = path_in ("fifo.cgan");
  g_autofree char *folder = cg_test_tmp_subdir ("folder.cgan");
  g_autoptr(GError) error = NULL;

  ck_assert (mkfifo (fifo, 0600) == 0);
  ck_assert (!cg_file_check_replaceable (fifo, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert_msg (strstr (error->message, "FIFO") != NULL, "%s", error->message);
  g_clear_error (&error);
  ck_assert (!cg_file_replace (fifo, "x", 1, 0644, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert_msg (strstr (error->message, "FIFO") != NULL, "%s", error->message);
  g_clear_error (&error);
  ck_assert (!cg_file_replace (folder, "x", 1, 0644, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert_msg (strstr (error->message, "folder") != NULL, "%s", error->message);
}
END_TEST

/* Where a file cannot be created, the check says so before any work is done. Made
 * unwritable in a way that holds for the superuser too: the "folder" is a file. */
START_TEST (test_check_replaceable)
{
  g_autofree char *ok = path_in ("fine.cgan");
  g_autofree char *no_folder = path_in ("missing/x.cgan");
  g_autofree char *under_file = path_in ("plain/x.cgan");
  g_autoptr(GError) error = NULL;

  ck_assert (cg_file_check_replaceable (ok, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert (!g_file_test (ok, G_FILE_TEST_EXISTS));
  ck_assert_uint_eq (count_entries (cg_test_tmp_root ()), 0);

  ck_assert (!cg_file_check_replaceable (no_folder, CG_FILE_REPLACE_DEFAULT, &error));
  ck_assert_msg (strstr (error->message, "no folder") != NULL, "%s", error->message);
  g_clear_error (&error);

  cg_test_write_file (cg_test_tmp_root (), "plain", "", 0);
  ck_assert (!cg_file_check_replaceable (under_file, CG_FILE_REPLACE_DEFAULT, &error));
  g_clear_error (&error);

  /* A folder without write permission, where that binds. */
  if (geteuid () != 0)
    {
      g_autofree char *locked = cg_test_tmp_subdir ("locked");
      g_autofree char *inside = g_build_filename (locked, "x.cgan", NULL);

      ck_assert (g_chmod (locked, 0500) == 0);
      ck_assert (!cg_file_check_replaceable (inside, CG_FILE_REPLACE_DEFAULT, &error));
      ck_assert_msg (strstr (error->message, "locked") != NULL, "%s", error->message);
      g_chmod (locked, 0700);
    }
}
END_TEST

/* Every dataset file, one at a time a FIFO: each load fails at once, naming it. */
START_TEST (test_dataset_files_never_block)
{
  const char *names[] = { "u.genre", "u.item", "u1.base", "u1.test", "u.data" };
  CgSyntheticSpec spec;

  cg_synthetic_spec_init (&spec);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir_name = g_strdup_printf ("data-%u", i);
      g_autofree char *dir = cg_test_tmp_subdir (dir_name);
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CgDataset) ds = NULL;

      cg_test_write_synthetic (dir, &spec);
      ck_assert (g_unlink (path) == 0 && mkfifo (path, 0600) == 0);
      if (g_str_equal (names[i], "u.data"))
        ds = cg_dataset_load_random (dir, 0.2, 1, 4, &error);
      else
        ds = cg_dataset_load (dir, "u1", 4, &error);
      ck_assert (ds == NULL);
      ck_assert_msg (strstr (error->message, names[i]) != NULL
                     && strstr (error->message, "FIFO") != NULL, "%s", error->message);
    }
}
END_TEST

static Suite *
file_suite (void)
{
  Suite *s = suite_create ("file");
  TCase *tc = tcase_create ("file");

  tcase_add_checked_fixture (tc, cg_test_tmp_setup, cg_test_tmp_teardown);
  tcase_add_test (tc, test_read_regular);
  tcase_add_test (tc, test_read_special_files_never_block);
  tcase_add_test (tc, test_dataset_files_never_block);
  tcase_add_test (tc, test_replace_creates_and_replaces);
  tcase_add_test (tc, test_replace_through_symlink);
  tcase_add_test (tc, test_replace_read_only);
  tcase_add_test (tc, test_replace_refuses_special_targets);
  tcase_add_test (tc, test_check_replaceable);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_suite (file_suite ());
}
