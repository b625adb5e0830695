/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-training-runs.c: the Training page keeps its runs and compares them.
 *
 * Two runs with different adversarial weights are kept (in a runs index that reads back
 * from its file); picking both overlays them, one series per run named after it on every
 * plot, the comparison table shows the adversarial weight as the setting that differs,
 * and unpicking one gives the plots back to the last run. A run is renamed through its
 * dialog, deleted and brought back by the toast's Undo, and its Open button asks for the
 * model file it was saved to. An ablation queue trains its three runs one after another
 * and overlays them; Cancel stops a queue mid-way, and nothing more starts. A damaged
 * index is set aside and what reads back is listed under a line saying so, as is a save
 * that fails (until one works). The
 * comparison is written as a screenshot, on the real MovieLens 100K too when it is here.
 * Needs a display (suite `gui`).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cg-export.h"
#include "cg-gui-test.h"
#include "cg-runs-list.h"
#include "cg-training-presets.h"
#include "cg-training-view.h"

static GtkWindow *window;
static CgTrainingView *view;
static CgSession *session;
static char *index_path;
/* Found before any test's home hides $CINEGAN_DATA_DIR. */
static char *real_data_dir;

static void
setup (void)
{
  g_autoptr(CgRunsStore) store = NULL;

  cg_test_home_setup ();
  session = cg_test_session_new ();
  view = CG_TRAINING_VIEW (cg_training_view_new ());
  index_path = cg_test_home_path ("runs.index");
  store = cg_runs_store_new (index_path);
  cg_training_view_set_runs_store (view, store);
  window = cg_test_show_session_view (GTK_WIDGET (view), session, 1300, 860);
  /* The runs on show, as a person picks them. */
  gtk_stack_set_visible_child_name (GTK_STACK (cg_test_get_by_name (GTK_WIDGET (view),
                                                                    "training-sidebar-stack")),
                                    "runs");
  cg_test_spin_for (100);
}

static void
teardown (void)
{
  cg_test_close_session_view (&window, &session);
  view = NULL;
  g_clear_pointer (&index_path, g_free);
  cg_test_home_teardown ();
}

static CgRunIndex *
kept (void)
{
  return cg_runs_store_get_index (cg_training_view_get_runs_store (view));
}

/* Trains a tiny run with that adversarial weight to its end. */
static void
train (double adv_weight,
       guint  epochs)
{
  CgCganConfig config;

  cg_test_tiny_config (&config, epochs);
  config.adv_weight = adv_weight;
  cg_training_view_set_config (view, &config);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "training.start", NULL));
  ck_assert (cg_session_get_training (session));
  ck_assert (cg_test_spin_until (cg_test_session_idle, session, 120000));
}

/* The row's widget named name for the run with that id. */
static GtkWidget *
row_widget (const char *id,
            const char *name)
{
  g_autoptr(GPtrArray) rows = cg_test_find_widgets (GTK_WIDGET (view), cg_test_widget_has_name,
                                                    "run-row");

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_object_get_data (rows->pdata[i], "cg-run-id"), id) == 0)
      return cg_test_get_by_name (rows->pdata[i], name);
  ck_abort_msg ("no row for run %s", id);
  return NULL;
}

static void
pick (const char *id,
      gboolean    picked)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (row_widget (id, "run-check")), picked);
}

/* A click, as a person's (gtk_widget_activate would wait for the button's release). */
static void
click (GtkWidget *button)
{
  ck_assert (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
label_says (GtkWidget  *root,
            const char *name,
            const char *text)
{
  g_autoptr(GPtrArray) labels = cg_test_find_widgets (root, cg_test_widget_has_name, name);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (gtk_label_get_text (labels->pdata[i]), text))
      return TRUE;
  return FALSE;
}

START_TEST (test_two_runs_overlay)
{
  CgPlot *loss = cg_training_view_get_loss_plot (view);
  CgPlot *metrics = cg_training_view_get_metrics_plot (view);
  CgPlot *game = cg_training_view_get_diagnostics_plot (view);
  GtkWidget *table = cg_test_get_by_name (GTK_WIDGET (view), "comparison-box");
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *first_d = NULL;
  g_autoptr(CgRunsStore) reread = NULL;
  const CgRun *a, *b;

  train (0.0, 2);
  train (1.0, 3);
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 2);
  a = cg_run_index_get_run (kept (), 0);
  b = cg_run_index_get_run (kept (), 1);
  first = g_strdup (a->id);
  second = g_strdup (b->id);
  ck_assert_str_eq (cg_run_get_setting (a, "adv-weight"), "0");
  ck_assert_str_eq (cg_run_get_setting (b, "adv-weight"), "1");
  ck_assert_uint_eq (a->history->len, 2);
  ck_assert_uint_eq (b->history->len, 3);
  ck_assert_int_eq (a->outcome, CG_RUN_FINISHED);
  ck_assert (a->seconds > 0.0);
  ck_assert_str_ne (a->name, b->name);

  /* Kept in the file too. */
  reread = cg_runs_store_new (index_path);
  ck_assert_ptr_null (cg_runs_store_get_problem (reread));
  ck_assert_uint_eq (cg_run_index_get_n_runs (cg_runs_store_get_index (reread)), 2);

  /* One picked: still the last run's plots, no table. */
  pick (first, TRUE);
  ck_assert (!gtk_widget_get_visible (table));
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "NDCG@5"), 3);

  /* Both: a series per run on every plot, named after the run, and the table. */
  pick (second, TRUE);
  ck_assert (gtk_widget_get_visible (table));
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, a->name), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, b->name), 3);
  ck_assert_uint_eq (cg_plot_get_n_series (metrics), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (game, a->name), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (game, b->name), 3);
  first_d = g_strdup_printf ("%s · D", a->name);
  ck_assert_uint_eq (cg_plot_get_n_points (loss, first_d), 2);
  ck_assert_uint_eq (cg_plot_get_n_series (loss), 4);
  {
    GdkRGBA color_a, color_b;

    ck_assert (cg_plot_get_series_color (metrics, a->name, &color_a));
    ck_assert (cg_plot_get_series_color (metrics, b->name, &color_b));
    ck_assert (!gdk_rgba_equal (&color_a, &color_b));
  }
  /* The setting that differs, with each run's value, beside the final figures. */
  ck_assert (label_says (table, "comparison-setting", "adv-weight"));
  ck_assert (!label_says (table, "comparison-setting", "embed-dim"));
  ck_assert (label_says (table, "comparison-value", "0"));
  ck_assert (label_says (table, "comparison-value", "1"));
  ck_assert (label_says (table, "comparison-run", a->name));
  ck_assert (label_says (table, "comparison-run", b->name));

  gtk_stack_set_visible_child_name (GTK_STACK (cg_test_get_by_name (GTK_WIDGET (view),
                                                                    "training-sidebar-stack")),
                                    "runs");
  cg_test_spin_for (300);
  cg_test_write_screenshot (GTK_WIDGET (window), "training-runs-compared");

  /* A picked run renamed: the legend and the table follow. */
  ck_assert (cg_runs_store_rename (cg_training_view_get_runs_store (view), first, "No game"));
  a = cg_run_index_find (kept (), first);
  b = cg_run_index_find (kept (), second);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "No game"), 2);
  ck_assert_uint_eq (cg_plot_get_n_series (metrics), 2);
  ck_assert (label_says (table, "comparison-run", "No game"));

  /* One unpicked: the plots are the last run's again. */
  pick (first, FALSE);
  ck_assert (!gtk_widget_get_visible (table));
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "NDCG@5"), 3);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, b->name), 0);
  ck_assert_uint_eq (cg_plot_get_n_points (loss, "D (epoch mean)"), 3);
}
END_TEST

static void
on_open_model_cb (CgRunsList *list,
                  const char *path,
                  char      **asked)
{
  g_free (*asked);
  *asked = g_strdup (path);
}

static GtkWidget *
toast_button (void)
{
  g_autoptr(GPtrArray) buttons = cg_test_find_widgets (GTK_WIDGET (view),
                                                       cg_test_widget_is_mapped_a,
                                                       GSIZE_TO_POINTER (GTK_TYPE_BUTTON));

  for (guint i = 0; i < buttons->len; i++)
    if (gtk_widget_get_ancestor (buttons->pdata[i], g_type_from_name ("AdwToastWidget")) != NULL)
      return buttons->pdata[i];
  return NULL;
}

static gboolean
toast_shown (gpointer data)
{
  return toast_button () != NULL;
}

START_TEST (test_rename_delete_open)
{
  g_autofree char *id = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *model_path = cg_test_home_path ("kept.cgan");
  g_autoptr(GFile) model_file = g_file_new_for_path (model_path);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *entry, *open;

  train (0.3, 1);
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 1);
  id = g_strdup (cg_run_index_get_run (kept (), 0)->id);

  /* Rename: the dialog offers the name, an empty one cannot be kept. */
  click (row_widget (id, "run-rename"));
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  dialog = cg_test_find_question ();
  entry = cg_test_get_by_name (dialog, "run-name-entry");
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (entry)),
                    cg_run_index_get_run (kept (), 0)->name);
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  ck_assert (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "rename"));
  gtk_editable_set_text (GTK_EDITABLE (entry), " Weight 0.3 ");
  cg_test_answer_question (dialog, "rename");
  ck_assert_str_eq (cg_run_index_find (kept (), id)->name, "Weight 0.3");
  ck_assert_str_eq (adw_preferences_row_get_title (
                      ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (row_widget (id, "run-check"),
                                                                    ADW_TYPE_ACTION_ROW))),
                    "Weight 0.3");

  /* No model saved yet: nothing to open. Saved: the run knows its file, Open asks for it. */
  open = row_widget (id, "run-open");
  ck_assert (!gtk_widget_get_sensitive (open));
  ck_assert_msg (cg_session_save_model (session, model_file, &error), "%s",
                 error ? error->message : "");
  ck_assert_str_eq (cg_run_index_find (kept (), id)->model_path, model_path);
  open = row_widget (id, "run-open");
  ck_assert (gtk_widget_get_sensitive (open));
  g_signal_connect (cg_training_view_get_runs_list (view), "open-model",
                    G_CALLBACK (on_open_model_cb), &asked);
  click (open);
  ck_assert_str_eq (asked, model_path);

  /* Delete, then Undo in the toast: the run is back as it was. */
  gtk_stack_set_visible_child_name (GTK_STACK (cg_test_get_by_name (GTK_WIDGET (view),
                                                                    "training-sidebar-stack")),
                                    "runs");
  click (row_widget (id, "run-delete"));
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 0);
  {
    g_autoptr(CgRunsStore) reread = cg_runs_store_new (index_path);

    ck_assert_uint_eq (cg_run_index_get_n_runs (cg_runs_store_get_index (reread)), 0);
  }
  ck_assert (cg_test_spin_until (toast_shown, NULL, 5000));
  click (toast_button ());
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 1);
  ck_assert_str_eq (cg_run_index_find (kept (), id)->name, "Weight 0.3");
  ck_assert_str_eq (cg_run_index_find (kept (), id)->model_path, model_path);
  {
    g_autoptr(CgRunsStore) reread = cg_runs_store_new (index_path);

    ck_assert_ptr_nonnull (cg_run_index_find (cg_runs_store_get_index (reread), id));
  }
}
END_TEST

static gboolean
path_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* A kept run's row exports that run's history: the CSV `model-info --history csv` prints. */
START_TEST (test_export_run_history)
{
  g_autofree char *id = NULL, *csv_path = cg_test_home_path ("kept-run.csv");
  g_autofree char *written = NULL, *expected = NULL;
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  const CgRun *run;

  train (0.3, 2);
  run = cg_run_index_get_run (kept (), 0);
  id = g_strdup (run->id);
  click (row_widget (id, "run-export"));
  ck_assert (cg_test_spin_until (cg_test_file_chooser_shown, NULL, 10000));
  cg_test_answer_file_chooser (csv_file);
  ck_assert (cg_test_spin_until (path_exists, csv_path, 10000));
  ck_assert (g_file_get_contents (csv_path, &written, NULL, NULL));
  run = cg_run_index_find (kept (), id);
  ck_assert_uint_eq (run->history->len, 2);
  expected = cg_export_history_csv ((const CgEpochRecord *) (gpointer) run->history->data,
                                    run->history->len);
  ck_assert_str_eq (written, expected);
}
END_TEST

static gboolean
queue_done (gpointer data)
{
  return !cg_training_view_get_ablation_running (view) && cg_test_session_idle (session);
}

static gboolean
run_has_an_epoch (gpointer data)
{
  CgTrainingRun *run = cg_session_get_run (session);
  guint n = 0;

  if (run != NULL)
    cg_training_run_get_epochs (run, &n);
  return n > 0;
}

START_TEST (test_ablation_queue)
{
  CgPlot *metrics = cg_training_view_get_metrics_plot (view);
  const char *expected[] = { "0", "0.1", "1" };
  g_auto(GStrv) picked = NULL;
  CgCganConfig config;

  cg_test_tiny_config (&config, 1);
  cg_training_view_set_config (view, &config);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "training.ablation", "s",
                                         "adv-weight"));
  ck_assert (cg_training_view_get_ablation_running (view));
  ck_assert (cg_test_spin_until (queue_done, NULL, 180000));

  /* Three runs, one per weight, the rest as in the form, overlaid as they came in. */
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 3);
  for (guint i = 0; i < 3; i++)
    {
      const CgRun *run = cg_run_index_get_run (kept (), i);

      ck_assert_str_eq (cg_run_get_setting (run, "adv-weight"), expected[i]);
      ck_assert_str_eq (cg_run_get_setting (run, "embed-dim"), "8");
      ck_assert_int_eq (run->outcome, CG_RUN_FINISHED);
      ck_assert_ptr_nonnull (strstr (run->name, expected[i]));
      ck_assert_uint_eq (cg_plot_get_n_points (metrics, run->name), 1);
    }
  picked = cg_runs_list_dup_selected (cg_training_view_get_runs_list (view));
  ck_assert_uint_eq (g_strv_length (picked), 3);
  ck_assert_uint_eq (cg_plot_get_n_series (metrics), 3);
  ck_assert (label_says (cg_test_get_by_name (GTK_WIDGET (view), "comparison-box"),
                         "comparison-setting", "adv-weight"));

  /* Cancel in the first run of a longer queue: that run is kept, nothing more starts. */
  cg_test_tiny_config (&config, 100000);
  cg_training_view_set_config (view, &config);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "training.ablation", "s",
                                         "adv-weight"));
  ck_assert (cg_test_spin_until (run_has_an_epoch, NULL, 60000));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "training.cancel", NULL));
  ck_assert (cg_test_spin_until (queue_done, NULL, 60000));
  cg_test_spin_for (500);
  ck_assert (!cg_session_get_training (session));
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 4);
  ck_assert_int_eq (cg_run_index_get_run (kept (), 3)->outcome, CG_RUN_CANCELLED);
  ck_assert_str_eq (cg_run_get_setting (cg_run_index_get_run (kept (), 3), "adv-weight"), "0");
}
END_TEST

/* A damaged index is set aside: the runs that read back are listed, and a line says so. */
START_TEST (test_damaged_index)
{
  g_autoptr(CgRunsStore) reread = NULL;
  g_autofree char *text = NULL;
  char *at;
  GtkWidget *problem;

  train (0.0, 1);
  train (1.0, 1);
  text = cg_test_read_text (index_path);
  at = strstr (text, "name Run 1");
  ck_assert_ptr_nonnull (at);
  at[5] = 'X';
  ck_assert (g_file_set_contents (index_path, text, -1, NULL));

  reread = cg_runs_store_new (index_path);
  ck_assert_ptr_nonnull (cg_runs_store_get_problem (reread));
  cg_training_view_set_runs_store (view, reread);
  cg_test_spin_for (100);
  problem = cg_test_get_by_name (GTK_WIDGET (view), "runs-problem");
  ck_assert (gtk_widget_get_mapped (problem));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (problem)),
                    cg_runs_store_get_problem (reread));
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 1);
  ck_assert_str_eq (cg_run_get_setting (cg_run_index_get_run (kept (), 0), "adv-weight"), "1");
  {
    g_autoptr(GPtrArray) rows = cg_test_find_widgets (GTK_WIDGET (view),
                                                      cg_test_widget_has_name, "run-row");

    ck_assert_uint_eq (rows->len, 1);
  }
}
END_TEST

/* A save that fails keeps the run in memory and says why, until a save works again. */
START_TEST (test_save_fails)
{
  g_autofree char *folder = cg_test_home_path ("runs-folder");
  g_autofree char *path = g_build_filename (folder, "runs.index", NULL);
  g_autoptr(CgRunsStore) store = cg_runs_store_new (path);
  GtkWidget *problem = cg_test_get_by_name (GTK_WIDGET (view), "runs-problem");
  g_autofree char *id = NULL;

  ck_assert_ptr_null (cg_runs_store_get_problem (store));
  cg_training_view_set_runs_store (view, store);
  ck_assert (g_file_set_contents (folder, "not a folder", -1, NULL));
  train (0.0, 1);
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 1);
  ck_assert_ptr_nonnull (cg_runs_store_get_problem (store));
  cg_test_spin_for (100);
  ck_assert (gtk_widget_get_mapped (problem));

  ck_assert_int_eq (g_unlink (folder), 0);
  id = g_strdup (cg_run_index_get_run (kept (), 0)->id);
  ck_assert (cg_runs_store_rename (store, id, "Saved at last"));
  ck_assert_ptr_null (cg_runs_store_get_problem (store));
  ck_assert (!gtk_widget_get_visible (problem));
  ck_assert (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}
END_TEST

/* A plain Start after a queue is one run with the form's settings. */
START_TEST (test_start_after_queue)
{
  CgCganConfig config;

  cg_test_tiny_config (&config, 1);
  cg_training_view_set_config (view, &config);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "training.ablation", "s",
                                         "entropy-weight"));
  ck_assert (cg_test_spin_until (queue_done, NULL, 180000));
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 3);
  ck_assert_str_eq (cg_run_get_setting (cg_run_index_get_run (kept (), 2), "entropy-weight"),
                    "0.1");

  /* Start: one run, the form's settings, and the comparison gives way to it. */
  train (0.5, 1);
  ck_assert (!cg_training_view_get_ablation_running (view));
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 4);
  ck_assert_str_eq (cg_run_get_setting (cg_run_index_get_run (kept (), 3), "adv-weight"),
                    "0.5");
  {
    g_auto(GStrv) picked = cg_runs_list_dup_selected (cg_training_view_get_runs_list (view));

    ck_assert_uint_eq (g_strv_length (picked), 0);
  }
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_metrics_plot (view), "NDCG@5"),
                     1);
}
END_TEST

/* On the real MovieLens 100K, when it is here: two short runs, with and without the
 * adversarial signal, compared, for the README. */
START_TEST (test_real_data_comparison)
{
  const char *real = real_data_dir;
  g_autofree char *ratings = cg_test_home_path ("real-ratings.tsv");
  g_autoptr(CgRatingsStore) store = NULL;
  g_autoptr(CgRunsStore) runs = NULL;
  CgTestOutcome outcome = { 0 };
  const double weights[] = { 0.0, 1.0 };
  CgCganConfig config;

  if (real == NULL)
    {
      g_print ("no real MovieLens folder: comparison screenshot skipped\n");
      return;
    }
  cg_test_close_session_view (&window, &session);
  store = cg_ratings_store_new (ratings);
  ck_assert (cg_ratings_store_load (store, NULL));
  session = cg_session_new (store);
  cg_session_load_dataset_async (session, real, NULL, cg_test_outcome_cb, &outcome);
  ck_assert (cg_test_wait (&outcome, 60000));
  view = CG_TRAINING_VIEW (cg_training_view_new ());
  runs = cg_runs_store_new (index_path);
  cg_training_view_set_runs_store (view, runs);
  window = cg_test_show_session_view (GTK_WIDGET (view), session, 1240, 820);

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      cg_cgan_config_init (&config);
      cg_training_preset_apply (3, &config);
      config.epochs = 8;
      config.threads = 2;
      config.adv_weight = weights[i];
      cg_training_view_set_config (view, &config);
      ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "training.start", NULL));
      ck_assert (cg_test_spin_until (cg_test_session_idle, session, 240000));
    }
  ck_assert_uint_eq (cg_run_index_get_n_runs (kept ()), 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup (cg_run_index_get_run (kept (), i)->id);

      ck_assert (cg_runs_store_rename (runs, id, i == 0 ? "adv-weight 0" : "adv-weight 1"));
      pick (id, TRUE);
    }
  gtk_stack_set_visible_child_name (GTK_STACK (cg_test_get_by_name (GTK_WIDGET (view),
                                                                    "training-sidebar-stack")),
                                    "runs");
  cg_test_spin_for (500);
  cg_test_write_screenshot (GTK_WIDGET (window), "training-runs-real");
}
END_TEST

static Suite *
training_runs_suite (void)
{
  Suite *suite = suite_create ("training-runs");
  TCase *tc = tcase_create ("runs");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_two_runs_overlay);
  tcase_add_test (tc, test_rename_delete_open);
  tcase_add_test (tc, test_export_run_history);
  tcase_add_test (tc, test_ablation_queue);
  tcase_add_test (tc, test_start_after_queue);
  tcase_add_test (tc, test_damaged_index);
  tcase_add_test (tc, test_save_fails);
  tcase_add_test (tc, test_real_data_comparison);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  real_data_dir = cg_test_real_data_dir ();
  return cg_test_run_widget_suite (training_runs_suite ());
}
