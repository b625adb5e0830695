/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-menu.c: what the primary menu leads to, beyond the training.
 *
 * Open and Save As start in the folder of the model last opened or saved, across windows
 * and restarts.
 *
 * Each test runs in its own process with its own home folder. Needs a display: suite
 * `gui`, under xvfb-run and dbus-run-session.
 */

#include "config.h"


#include "cg-gui-test.h"

/* ---- helpers ---- */

/* ---- the model folder ---- */

static GFile *
chooser_folder (CgWindow   *window,
                const char *action)
{
  GtkWidget *chooser;
  GFile *folder;

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  ck_assert (cg_test_spin_until (cg_test_file_chooser_shown, NULL, 5000));
  chooser = cg_test_find_file_chooser ();
  /* The dialog reads its folder asynchronously. */
  cg_test_spin_for (500);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cg_test_spin_for (100);
  ck_assert_ptr_nonnull (folder);
  return folder;
}

static gboolean
model_saved (gpointer data)
{
  return !cg_session_get_unsaved (cg_window_get_session (CG_WINDOW (data)));
}

START_TEST (test_choosers_start_in_the_last_model_folder)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  GSettings *settings = cg_application_get_settings (app);
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  g_autofree char *models = cg_test_home_path ("models");
  g_autofree char *gone = cg_test_home_path ("unplugged");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) models_dir = g_file_new_for_path (models);
  g_autoptr(GFile) gone_dir = g_file_new_for_path (gone);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *remembered = NULL;

  ck_assert_int_eq (g_mkdir_with_parents (models, 0700), 0);
  /* A remembered folder that is gone is passed over. */
  g_settings_set_string (settings, "model-folder", gone);
  folder = chooser_folder (window, "win.open-model");
  ck_assert (!g_file_equal (folder, gone_dir));
  g_clear_object (&folder);

  /* Saving somewhere remembers the folder. */
  file = g_file_get_child (models_dir, "mine.cgan");
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-model-as", NULL));
  ck_assert (cg_test_spin_until (cg_test_file_chooser_shown, NULL, 5000));
  cg_test_answer_file_chooser (file);
  ck_assert (cg_test_spin_until (model_saved, window, 10000));
  remembered = g_settings_get_string (settings, "model-folder");
  ck_assert_str_eq (remembered, models);
  gtk_window_destroy (GTK_WINDOW (window));
  cg_test_spin_for (50);

  /* A new window, with no model yet, opens there. */
  window = cg_test_open_window (app);
  folder = chooser_folder (window, "win.open-model");
  ck_assert_msg (g_file_equal (folder, models_dir), "Open starts in %s", g_file_peek_path (folder));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "model-folder");
}
END_TEST

static Suite *
menu_suite (void)
{
  Suite *s = suite_create ("menu");
  TCase *tc = tcase_create ("menu");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_choosers_start_in_the_last_model_folder);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (menu_suite ());
}
