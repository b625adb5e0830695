/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-window-opening.c: opening model files — from Open…, and from the command line.
 *
 * Open asks about an unsaved model only once the file is chosen; `cinegan a.cgan b.cgan`
 * opens the first model in the window and the second in another, each once the dataset is
 * loaded, and says so with a toast that leads to the recommendations; a kept run's Open
 * button on the Training page opens the model it was saved to, asking about an unsaved
 * one first. Each test runs in its
 * own process with its own home. Needs a display: suite `gui`.
 */

#include "config.h"

#include "cg-gui-test.h"
#include "cg-training-view.h"

static gboolean
not_unsaved (gpointer data)
{
  return !cg_session_get_unsaved (CG_SESSION (data));
}

/* Trains a tiny model in a window of its own and saves it to each of paths. */
static void
save_tiny_model (CgApplication     *app,
                 const char *const *paths)
{
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      ck_assert (cg_session_save_model (cg_window_get_session (window), file, NULL));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Open asks about the unsaved model once the file is chosen, and opens it after. */
START_TEST (test_open_asks_after_the_file)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  CgSession *session = cg_window_get_session (window);
  g_autofree char *path = cg_test_home_path ("first.cgan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CgTrainedModel) unsaved = NULL;
  CgCganConfig config;

  ck_assert (cg_session_save_model (session, file, NULL));
  cg_test_tiny_config (&config, 1);
  cg_test_window_train (window, &config, TRUE);
  unsaved = g_object_ref (cg_session_get_model (session));
  ck_assert (cg_session_get_unsaved (session));

  cg_window_open_file (window, file);
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  ck_assert_ptr_eq (cg_session_get_model (session), unsaved);
  cg_test_answer_question (cg_test_find_question (), "discard");
  ck_assert (cg_test_spin_until (not_unsaved, session, 10000));
  ck_assert_ptr_ne (cg_session_get_model (session), unsaved);
  ck_assert (g_file_equal (cg_session_get_file (session), file));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* The Open button of the kept run saved to path: as a person finds it, on the Runs page. */
static GtkWidget *
run_open_button (CgWindow   *window,
                 const char *path)
{
  CgTrainingView *view = CG_TRAINING_VIEW (cg_window_get_training_view (window));
  CgRunIndex *index = cg_runs_store_get_index (cg_training_view_get_runs_store (view));
  g_autoptr(GPtrArray) rows = NULL;

  gtk_stack_set_visible_child_name (GTK_STACK (cg_test_get_by_name (GTK_WIDGET (view),
                                                                    "training-sidebar-stack")),
                                    "runs");
  rows = cg_test_find_widgets (GTK_WIDGET (view), cg_test_widget_has_name, "run-row");
  for (guint i = 0; i < rows->len; i++)
    {
      const CgRun *run = cg_run_index_find (index, g_object_get_data (rows->pdata[i],
                                                                      "cg-run-id"));

      if (run != NULL && g_strcmp0 (run->model_path, path) == 0)
        return cg_test_get_by_name (rows->pdata[i], "run-open");
    }
  ck_abort_msg ("no kept run saved to %s", path);
  return NULL;
}

START_TEST (test_open_a_kept_run)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  CgSession *session = cg_window_get_session (window);
  g_autofree char *path = cg_test_home_path ("kept.cgan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CgCganConfig config;
  GtkWidget *open;

  cg_window_show_view (window, "training");
  ck_assert (cg_session_save_model (session, file, NULL));
  cg_test_tiny_config (&config, 1);
  cg_test_window_train (window, &config, TRUE);
  ck_assert (cg_session_get_unsaved (session));

  open = run_open_button (window, path);
  ck_assert (gtk_widget_get_sensitive (open));
  g_signal_emit_by_name (open, "clicked");
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  cg_test_answer_question (cg_test_find_question (), "discard");
  ck_assert (cg_test_spin_until (not_unsaved, session, 10000));
  ck_assert (g_file_equal (cg_session_get_file (session), file));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

typedef struct
{
  CgApplication *app;
  GFile         *files[2];
  gboolean       opened;          /* each window held its file */
  gboolean       toast_shown;     /* with its Show Recommendations button */
  gboolean       shown;           /* and the button showed them */
} CommandLineState;

static gboolean
window_holds (GtkWindow *window,
              GFile     *file)
{
  CgSession *session = cg_window_get_session (CG_WINDOW (window));

  return cg_session_get_file (session) != NULL && g_file_equal (cg_session_get_file (session), file);
}

static gboolean
check_opened_cb (gpointer data)
{
  CommandLineState *state = data;
  g_autoptr(GList) windows = NULL;
  GtkWindow *first, *second;
  GtkWidget *button;

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (state->app)));
  if (g_list_length (windows) != 2)
    return G_SOURCE_CONTINUE;
  first = windows->data;
  second = windows->next->data;
  /* The list is in focus order, which Xvfb has none of. */
  if (window_holds (second, state->files[0]))
    {
      first = windows->next->data;
      second = windows->data;
    }
  if (!window_holds (first, state->files[0]) || !window_holds (second, state->files[1]))
    return G_SOURCE_CONTINUE;
  state->opened = TRUE;

  button = cg_test_find_widget (GTK_WIDGET (second), cg_test_widget_has_action, "win.show-view");
  state->toast_shown = button != NULL && gtk_widget_get_mapped (button);
  if (button != NULL)
    {
      g_signal_emit_by_name (button, "clicked");
      state->shown = g_strcmp0 (cg_window_get_view (CG_WINDOW (second)), "recommendations") == 0;
    }
  /* Both models are saved: the windows close without a question, and the application
   * ends with the last. */
  for (GList *w = windows; w != NULL; w = w->next)
    gtk_window_destroy (w->data);
  return G_SOURCE_REMOVE;
}

START_TEST (test_command_line_opens_models)
{
  g_autofree char *first = cg_test_home_path ("first.cgan");
  g_autofree char *second = cg_test_home_path ("second.cgan");
  const char *paths[] = { first, second, NULL };
  char *argv[] = { (char *) "cinegan", first, second, NULL };
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CommandLineState state = { app };
  guint check;

  save_tiny_model (app, paths);
  state.files[0] = g_file_new_for_path (first);
  state.files[1] = g_file_new_for_path (second);

  /* The real command line, parsed by GApplication: it once said "This application can not
   * open files". The files arrive before the dataset has loaded. */
  check = g_timeout_add (50, check_opened_cb, &state);
  ck_assert_int_eq (cg_test_run_application (app, 3, argv, 60), 0);
  if (!state.opened)
    g_source_remove (check);

  ck_assert_msg (state.opened, "the two models were not opened in two windows");
  ck_assert_msg (state.toast_shown, "no “Model opened” toast with its button");
  ck_assert_msg (state.shown, "the toast's button did not show the recommendations");
  g_object_unref (state.files[0]);
  g_object_unref (state.files[1]);
}
END_TEST

static Suite *
window_opening_suite (void)
{
  Suite *s = suite_create ("window-opening");
  TCase *tc = tcase_create ("opening");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_open_asks_after_the_file);
  tcase_add_test (tc, test_command_line_opens_models);
  tcase_add_test (tc, test_open_a_kept_run);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (window_opening_suite ());
}
