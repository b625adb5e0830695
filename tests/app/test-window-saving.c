/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-window-saving.c: saving the model over a file someone made read-only asks first;
 * Cancel leaves the file as it was, Replace writes the model and keeps it read-only.
 * Needs a display: suite `gui`.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "cg-gui-test.h"

static const char old_contents[] = "kept on purpose\n";

static char *
read_only_file (const char *name)
{
  char *path = cg_test_home_path (name);

  ck_assert (g_file_set_contents (path, old_contents, -1, NULL));
  ck_assert_int_eq (g_chmod (path, 0444), 0);
  return path;
}

static void
save_as (CgWindow   *window,
         const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-model-as", NULL));
  ck_assert (cg_test_spin_until (cg_test_file_chooser_shown, NULL, 5000));
  cg_test_answer_file_chooser (file);
  /* Every file here exists: the chooser asks first, as it would anyone. */
  cg_test_confirm_replacing_file ();
}

static gboolean
model_saved (gpointer data)
{
  return !cg_session_get_unsaved (cg_window_get_session (CG_WINDOW (data)));
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  ck_assert_int_eq (g_stat (path, &st), 0);
  return st.st_mode & 07777;
}

START_TEST (test_cancel_keeps_read_only_file)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  g_autofree char *path = read_only_file ("kept.cgan");
  g_autofree char *contents = NULL;

  save_as (window, path);
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  cg_test_spin_for (300);
  cg_test_write_screenshot (cg_test_find_question (), "read-only-question");
  cg_test_answer_question (cg_test_find_question (), "cancel");
  cg_test_spin_for (100);
  ck_assert (g_file_get_contents (path, &contents, NULL, NULL));
  ck_assert_str_eq (contents, old_contents);
  ck_assert_uint_eq (mode_of (path), 0444);
  ck_assert (cg_session_get_unsaved (cg_window_get_session (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_replace_keeps_it_read_only)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  g_autofree char *path = read_only_file ("replaced.cgan");
  g_autofree char *contents = NULL;
  gsize length = 0;

  save_as (window, path);
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  cg_test_answer_question (cg_test_find_question (), "replace");
  ck_assert (cg_test_spin_until (model_saved, window, 5000));
  ck_assert (g_file_get_contents (path, &contents, &length, NULL));
  ck_assert_uint_gt (length, sizeof old_contents);
  ck_assert_uint_eq (mode_of (path), 0444);
  ck_assert (!cg_session_get_unsaved (cg_window_get_session (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* A writable file is replaced without a question. */
START_TEST (test_writable_file_replaced_without_asking)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  g_autofree char *path = cg_test_home_path ("plain.cgan");

  ck_assert (g_file_set_contents (path, old_contents, -1, NULL));
  save_as (window, path);
  ck_assert (cg_test_spin_until (model_saved, window, 5000));
  ck_assert (!cg_test_question_shown (NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static Suite *
window_saving_suite (void)
{
  Suite *s = suite_create ("window-saving");
  TCase *tc = tcase_create ("read-only");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_cancel_keeps_read_only_file);
  tcase_add_test (tc, test_replace_keeps_it_read_only);
  tcase_add_test (tc, test_writable_file_replaced_without_asking);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (window_saving_suite ());
}
