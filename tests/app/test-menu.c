/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-menu.c: what the primary menu leads to, beyond the models and the training.
 *
 * Help is in the menu, on F1 and in the shortcuts window, and opens the guide in the
 * browser the desktop names for https; the shortcuts window also lists the keys the pages
 * bind themselves; About links the site and the issue tracker and credits GroupLens for
 * the MovieLens data, which Cinegan does not redistribute; Open and Save As start in the folder of the model last opened or saved, across windows and
 * restarts. A screenshot of About is written to $CG_SCREENSHOT_DIR to be looked at.
 *
 * Each test runs in its own process with its own home folder. Needs a display: suite
 * `gui`, under xvfb-run and dbus-run-session.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cg-gui-test.h"

/* ---- helpers ---- */

/* Whether menu, or a section or submenu of it, has an item for action. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && strcmp (name, action) == 0)
        return TRUE;
      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          if (menu_has_action (linked, action))
            return TRUE;
        }
    }
  return FALSE;
}

/* A shortcut listed under key with a title that contains title, as "F9\0Liked" packs them. */
static gboolean
shortcut_has_key_and_title (GtkWidget     *widget,
                            gconstpointer  key_and_title)
{
  const char *key = key_and_title;
  const char *title = key + strlen (key) + 1;
  g_autofree char *accelerator = NULL;
  g_autofree char *shown = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;
  g_object_get (widget, "accelerator", &accelerator, "title", &shown, NULL);
  return g_strcmp0 (accelerator, key) == 0 && shown != NULL && strstr (shown, title) != NULL;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

/* A browser for https in the test's home: a script that writes the address it is given
 * to opened.txt, named the default in mimeapps.list. Returns that file's path. */
static char *
install_browser (void)
{
  g_autofree char *apps = cg_test_home_path ("data/applications");
  g_autofree char *script = cg_test_home_path ("browser.sh");
  g_autofree char *opened = cg_test_home_path ("opened.txt");
  g_autofree char *desktop_path = g_build_filename (apps, "cg-test-browser.desktop", NULL);
  g_autofree char *mimeapps = cg_test_home_path ("config/mimeapps.list");
  g_autofree char *script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s'\n",
                                                  opened);
  g_autofree char *desktop = g_strdup_printf ("[Desktop Entry]\nType=Application\n"
                                              "Name=Test Browser\nExec=%s %%u\n"
                                              "MimeType=x-scheme-handler/https;\n", script);

  ck_assert_int_eq (g_mkdir_with_parents (apps, 0700), 0);
  ck_assert (g_file_set_contents (script, script_text, -1, NULL));
  ck_assert_int_eq (g_chmod (script, 0755), 0);
  ck_assert (g_file_set_contents (desktop_path, desktop, -1, NULL));
  ck_assert (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                  "x-scheme-handler/https=cg-test-browser.desktop\n", -1, NULL));
  return g_steal_pointer (&opened);
}

static gboolean
file_written (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* ---- Help ---- */

START_TEST (test_help)
{
  g_autofree char *opened = install_browser ();
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *menu_button = cg_test_get_by_type (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  g_auto(GStrv) help_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    "app.help");
  g_auto(GStrv) overlay_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                       "win.show-help-overlay");
  g_autofree char *address = NULL;
  GtkWidget *shortcuts;

  /* F1 is Help, as in every GNOME app; the shortcuts keep Ctrl+?. */
  ck_assert (g_strv_contains ((const char *const *) help_accels, "F1"));
  ck_assert (!g_strv_contains ((const char *const *) overlay_accels, "F1"));
  ck_assert (g_strv_contains ((const char *const *) overlay_accels, "<Control>question"));
  ck_assert (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)),
                              "app.help"));

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  ck_assert (cg_test_spin_until (cg_test_toplevel_shown,
                                 GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 5000));
  shortcuts = cg_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  ck_assert_ptr_nonnull (cg_test_find_widget (shortcuts, cg_test_shortcut_has_action, "app.help"));
  gtk_window_destroy (GTK_WINDOW (shortcuts));

  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  ck_assert (cg_test_spin_until (file_written, opened, 10000));
  cg_test_spin_for (100);
  ck_assert (g_file_get_contents (opened, &address, NULL, NULL));
  ck_assert_msg (g_str_has_prefix (address, PACKAGE_WEBSITE "/"), "opened %s", address);
  ck_assert_ptr_null (cg_test_find_question ());
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* ---- About ---- */

START_TEST (test_about_links_and_credits)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ck_assert (cg_test_spin_until (cg_test_toplevel_shown,
                                 GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 5000));
  about = ADW_ABOUT_WINDOW (cg_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  ck_assert_str_eq (adw_about_window_get_website (about), PACKAGE_WEBSITE);
  ck_assert_str_eq (adw_about_window_get_issue_url (about), PACKAGE_ISSUES);
  /* The credits and the legal page name GroupLens, and say the data is not shipped. */
  ck_assert_ptr_nonnull (cg_test_find_widget (GTK_WIDGET (about), label_contains,
                                              "GroupLens Research, University of Minnesota"));
  ck_assert_ptr_nonnull (cg_test_find_widget (GTK_WIDGET (about), label_contains,
                                              "does not include or redistribute"));
  ck_assert_ptr_nonnull (cg_test_find_widget (GTK_WIDGET (about), label_contains,
                                              "grouplens.org"));
  cg_test_spin_for (300);
  cg_test_write_screenshot (GTK_WIDGET (about), "about-links");
  /* The legal page, to be looked at. */
  {
    g_autoptr(GPtrArray) rows = cg_test_find_widgets (GTK_WIDGET (about), cg_test_widget_is_a,
                                                      GSIZE_TO_POINTER (ADW_TYPE_ACTION_ROW));

    for (guint i = 0; i < rows->len; i++)
      if (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Legal") != NULL)
        gtk_widget_activate (g_ptr_array_index (rows, i));
    cg_test_spin_for (600);
    cg_test_write_screenshot (GTK_WIDGET (about), "about-legal");
  }
  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

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

/* The pages' own keys, bound on their widget classes rather than as application
 * accelerators, are listed by hand: F9 folds out the Training sidebar and the liked movies. */
START_TEST (test_shortcuts_list_the_page_keys)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *shortcuts;

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  ck_assert (cg_test_spin_until (cg_test_toplevel_shown,
                                 GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 5000));
  shortcuts = cg_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  ck_assert_ptr_nonnull (cg_test_find_widget (shortcuts, shortcut_has_key_and_title,
                                              "F9\0settings and the runs"));
  ck_assert_ptr_nonnull (cg_test_find_widget (shortcuts, shortcut_has_key_and_title,
                                              "F9\0liked movies"));
  gtk_window_destroy (GTK_WINDOW (shortcuts));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static Suite *
menu_suite (void)
{
  Suite *s = suite_create ("menu");
  TCase *tc = tcase_create ("menu");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_help);
  tcase_add_test (tc, test_shortcuts_list_the_page_keys);
  tcase_add_test (tc, test_about_links_and_credits);
  tcase_add_test (tc, test_choosers_start_in_the_last_model_folder);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (menu_suite ());
}
