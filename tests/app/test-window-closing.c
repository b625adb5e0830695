/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-window-closing.c: closing the window, whatever it is doing.
 *
 * During a load (nothing touches the gone widgets, and the window is freed on the main
 * thread); with an unsaved model (Discard closes, Save closes once the model is saved,
 * Cancel keeps the window, a question that vanishes unanswered asks again); through app.quit with two windows; in the
 * middle of a run (the application waits for the run's worker). Each test runs in its own
 * process with its own home. Needs a display: suite `gui`.
 */

#include "config.h"

#include <string.h>

#include "cg-gui-test.h"

static void
on_window_finalized_cb (gpointer  data,
                        GObject  *where_the_object_was)
{
  *(GThread **) data = g_thread_self ();
}

static gboolean
thread_recorded (gpointer data)
{
  return *(GThread **) data != NULL;
}

START_TEST (test_close_while_loading)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();

  /* Closing before the dataset arrives: the worker's result is dropped, nothing touches the
   * gone widgets (criticals are fatal in this test program), and the window is freed on
   * the main thread, never in the worker that held the last reference to its task. That
   * last part is a race: a few rounds give it a chance to show. */
  g_setenv ("CINEGAN_DATA_DIR", cg_test_home_data_dir (), TRUE);
  for (guint round = 0; round < 8; round++)
    {
      CgWindow *window = cg_window_new (app);
      GThread *finalized_in = NULL;

      g_object_weak_ref (G_OBJECT (window), on_window_finalized_cb, &finalized_in);
      gtk_window_present (GTK_WINDOW (window));
      ck_assert_str_eq (cg_window_get_page (window), "loading");
      gtk_window_close (GTK_WINDOW (window));
      ck_assert (cg_test_spin_until (thread_recorded, &finalized_in, 10000));
      ck_assert_msg (finalized_in == g_thread_self (),
                     "round %u: the window was finalised off the main thread", round);
    }
}
END_TEST

START_TEST (test_discard_and_close)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  GtkWidget *question;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  /* Closing with an unsaved model asks first, and the window stays. */
  gtk_window_close (GTK_WINDOW (window));
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  question = cg_test_find_question ();
  ck_assert_ptr_nonnull (window);

  /* "Discard and Close". The answer comes inside the dialog's ::response emission: the
   * dialog lets go of the window before it goes, and the window closes only once the
   * emission is over, so neither is freed under the other (criticals are fatal here, and
   * a use after free often shows as one). */
  g_object_ref (question);
  cg_test_answer_question (question, "discard");
  ck_assert_ptr_null (gtk_window_get_transient_for (GTK_WINDOW (question)));
  g_object_unref (question);
  ck_assert_ptr_nonnull (window);
  ck_assert (cg_test_spin_until (cg_test_object_gone, &window, 10000));
  ck_assert_ptr_null (cg_test_find_question ());
  cg_test_spin_for (100);
}
END_TEST

/* Save instead: the model is never untitled and unsaved at once but freshly trained, so
 * Save As… asks for a file, the model goes there, and only then the window closes. */
START_TEST (test_save_and_close)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  g_autofree char *path = cg_test_home_path ("closing");
  g_autoptr(GFile) chosen = g_file_new_for_path (path);
  g_autofree char *saved_path = cg_test_home_path ("closing.cgan");

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  cg_test_answer_question (cg_test_find_question (), "save");
  ck_assert (cg_test_spin_until (cg_test_file_chooser_shown, NULL, 5000));
  ck_assert_ptr_nonnull (window);
  /* A name typed without an extension gets .cgan. */
  cg_test_answer_file_chooser (chosen);
  ck_assert (cg_test_spin_until (cg_test_object_gone, &window, 10000));
  ck_assert (g_file_test (saved_path, G_FILE_TEST_IS_REGULAR));
}
END_TEST

/* Cancelling the chooser of Save As… cancels the closing too. */
START_TEST (test_save_cancelled_keeps_the_window)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  GtkWidget *chooser;

  gtk_window_close (GTK_WINDOW (window));
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  cg_test_answer_question (cg_test_find_question (), "save");
  ck_assert (cg_test_spin_until (cg_test_file_chooser_shown, NULL, 5000));
  chooser = cg_test_find_file_chooser ();
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cg_test_spin_for (200);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (window)));
  ck_assert (cg_session_get_unsaved (cg_window_get_session (window)));
  /* The question is over: closing asks again. */
  gtk_window_close (GTK_WINDOW (window));
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  cg_test_answer_question (cg_test_find_question (), "discard");
  cg_test_spin_for (100);
}
END_TEST

START_TEST (test_question_destroyed_without_answer)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));

  /* The dialog goes away without an answer (as with its parent, or the session ending):
   * the question is over, so closing asks again instead of being ignored. */
  gtk_window_destroy (GTK_WINDOW (cg_test_find_question ()));
  cg_test_spin_for (100);
  ck_assert_ptr_null (cg_test_find_question ());
  ck_assert_ptr_nonnull (window);
  gtk_window_close (GTK_WINDOW (window));
  ck_assert_msg (cg_test_spin_until (cg_test_question_shown, NULL, 5000),
                 "closing did not ask again after the first question was destroyed");

  /* Cancel keeps the window. */
  cg_test_answer_question (cg_test_find_question (), "cancel");
  cg_test_spin_for (100);
  ck_assert_ptr_nonnull (window);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* No reference was left behind for the unanswered question: the window is freed. */
  gtk_window_destroy (GTK_WINDOW (window));
  ck_assert (cg_test_spin_until (cg_test_object_gone, &window, 10000));
}
END_TEST

START_TEST (test_quit_action)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *first = cg_test_open_window (app);
  CgWindow *second = cg_test_open_window (app);

  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);

  /* Ctrl+Q with two windows and nothing unsaved: each closes while app.quit walks the
   * application's list of windows, which closing shortens under it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ck_assert (cg_test_spin_until (cg_test_object_gone, &first, 10000));
  ck_assert (cg_test_spin_until (cg_test_object_gone, &second, 10000));
  ck_assert_ptr_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}
END_TEST

typedef struct
{
  CgApplication *app;
  CgTrainingRun *run;   /* owned: the run of the window closed mid-run */
} HoldState;

static gboolean
close_during_run_cb (gpointer data)
{
  HoldState *state = data;
  CgWindow *window = CG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (state->app)));
  CgCganConfig config;

  if (window == NULL || strcmp (cg_window_get_page (window), "loading") == 0)
    return G_SOURCE_CONTINUE;
  ck_assert_str_eq (cg_window_get_page (window), "views");
  /* Wide layers: a cancelled worker takes a while to finish its mini-batch. */
  cg_test_tiny_config (&config, 100000);
  config.embed_dim = 256;
  config.hidden_dim = 4096;
  config.batch_size = 256;
  cg_test_window_train (window, &config, FALSE);
  state->run = g_object_ref (cg_session_get_run (cg_window_get_session (window)));
  /* Nothing is unsaved yet: the window closes at once and cancels the run, whose worker
   * is still inside a mini-batch. */
  gtk_window_close (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

START_TEST (test_training_holds_application)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  HoldState state = { app, NULL };

  /* The real main loop: the process stays until the cancelled run has ended, not only
   * until its last window is gone. */
  g_setenv ("CINEGAN_DATA_DIR", cg_test_home_data_dir (), TRUE);
  g_timeout_add (20, close_during_run_cb, &state);
  ck_assert_int_eq (cg_test_run_application (app, 0, NULL, 60), 0);

  ck_assert_ptr_nonnull (state.run);
  ck_assert_msg (!cg_training_run_is_running (state.run),
                 "the application quit while the cancelled run was still going");
  ck_assert_int_eq (cg_training_run_get_state (state.run), CG_TRAINING_RUN_CANCELLED);
  g_object_unref (state.run);
}
END_TEST

static Suite *
window_closing_suite (void)
{
  Suite *s = suite_create ("window-closing");
  TCase *tc = tcase_create ("closing");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_close_while_loading);
  tcase_add_test (tc, test_discard_and_close);
  tcase_add_test (tc, test_save_and_close);
  tcase_add_test (tc, test_save_cancelled_keeps_the_window);
  tcase_add_test (tc, test_question_destroyed_without_answer);
  tcase_add_test (tc, test_quit_action);
  tcase_add_test (tc, test_training_holds_application);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (window_closing_suite ());
}
