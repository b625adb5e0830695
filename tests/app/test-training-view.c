/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-training-view.c: the Training page, on a session, in a real window.
 *
 * The form round-trips every setting and Reset restores the defaults; "Include my ratings"
 * says how many ratings you would add and follows the store; Start runs the session's
 * training with the form's settings, and the plots and the progress bar follow the run on
 * the main thread; a window closed mid-run lets the run end and its model still reach the
 * session; an opened model's settings and history fill the form and the plots as a run's
 * would (the status with the popularity figure, the loss plot saying that model files keep
 * no per-step losses), and a collapse in it is named in the status line; the plots export
 * as SVG and PNG and the history as CSV through the file chooser, from each plot's context
 * menu too; the softmax choice reaches the settings and the memory estimate. The plots
 * are written as PNG into the build dir to be looked at. Needs a display (suite `gui`).
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cg-gui-test.h"
#include "cg-export.h"
#include "cg-plot-export.h"
#include "cg-training-view.h"

static GtkWindow *window;
static CgTrainingView *view;
static CgSession *session;

static void
setup (void)
{
  CgCganConfig config;

  cg_test_home_setup ();
  session = cg_test_session_new ();
  view = CG_TRAINING_VIEW (cg_training_view_new ());
  window = cg_test_show_session_view (GTK_WIDGET (view), session, 1200, 800);

  cg_test_tiny_config (&config, 2);
  cg_training_view_set_config (view, &config);
}

static void
teardown (void)
{
  cg_test_close_session_view (&window, &session);
  view = NULL;
  cg_test_home_teardown ();
}

static void
write_plots (const char *name)
{
  g_autofree char *loss = g_strdup_printf ("screenshot-training-%s-loss.png", name);
  g_autofree char *metrics = g_strdup_printf ("screenshot-training-%s-metrics.png", name);
  g_autoptr(GError) error = NULL;

  ck_assert (cg_plot_write_png (cg_training_view_get_loss_plot (view), loss, 640, 320, &error));
  ck_assert (cg_plot_write_png (cg_training_view_get_metrics_plot (view), metrics, 640, 320,
                                &error));
  {
    g_autofree char *game = g_strdup_printf ("screenshot-training-%s-game.png", name);

    ck_assert (cg_plot_write_png (cg_training_view_get_diagnostics_plot (view), game, 640, 320,
                                  &error));
  }
}

static gboolean
status_names_popularity (gpointer data)
{
  GtkWidget *status = cg_test_get_by_name (GTK_WIDGET (view), "status");

  return strstr (gtk_label_get_text (GTK_LABEL (status)), "(popularity ") != NULL;
}

START_TEST (test_form_round_trip)
{
  CgCganConfig config, back, defaults;

  cg_training_view_get_config (view, &config);
  config.learning_rate = 0.00123;
  config.neg_mix = 0.35;
  config.user_mode = CG_USER_EMBEDDING_ID;
  config.fake_strategy = CG_FAKE_ARGMAX;
  config.seed = 123456789012ull;
  config.noise_draws = 7;
  cg_training_view_set_config (view, &config);
  cg_training_view_set_split (view, "u3");
  cg_training_view_set_threshold (view, 5);

  cg_training_view_get_config (view, &back);
  ck_assert_double_eq_tol (back.learning_rate, 0.00123, 1e-12);
  ck_assert_double_eq_tol (back.neg_mix, 0.35, 1e-12);
  ck_assert_int_eq (back.user_mode, CG_USER_EMBEDDING_ID);
  ck_assert_int_eq (back.fake_strategy, CG_FAKE_ARGMAX);
  ck_assert_uint_eq (back.seed, 123456789012ull);
  ck_assert_uint_eq (back.noise_draws, 7);
  ck_assert_uint_eq (back.embed_dim, 8);
  ck_assert_str_eq (cg_training_view_get_split (view), "u3");
  ck_assert_uint_eq (cg_training_view_get_threshold (view), 5);

  /* Every setting has its control, named after it. */
  {
    const CgConfigField *fields;
    guint n_fields;

    fields = cg_cgan_config_fields (&n_fields);
    for (guint i = 0; i < n_fields; i++)
      cg_test_get_by_name (GTK_WIDGET (view), fields[i].name);
  }

  cg_training_view_reset (view);
  cg_cgan_config_init (&defaults);
  cg_training_view_get_config (view, &back);
  ck_assert_uint_eq (back.embed_dim, defaults.embed_dim);
  ck_assert_double_eq_tol (back.learning_rate, defaults.learning_rate, 1e-15);
  ck_assert_int_eq (back.user_mode, defaults.user_mode);
  ck_assert_uint_eq (back.seed, defaults.seed);
  ck_assert_str_eq (cg_training_view_get_split (view), "u1");
  ck_assert_uint_eq (cg_training_view_get_threshold (view), CG_DEFAULT_THRESHOLD);
}
END_TEST

static const char *
memory_subtitle (void)
{
  GtkWidget *row = cg_test_get_by_name (GTK_WIDGET (view), "memory");

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The form says what its settings add up to on the loaded dataset, as the engine estimates
 * it, follows every change, and says what to lower when it is more than a training may use. */
START_TEST (test_memory_estimate_follows_settings)
{
  GtkWidget *row = cg_test_get_by_name (GTK_WIDGET (view), "memory");
  GtkSpinButton *hidden = GTK_SPIN_BUTTON (cg_test_get_by_name (GTK_WIDGET (view),
                                                                "hidden-dim"));
  CgDatasetShape shape;
  CgMemoryEstimate estimate;
  CgCganConfig config;
  g_autofree char *total = NULL, *expected = NULL, *before = NULL, *limit = NULL;

  ck_assert (cg_session_get_dataset_shape (session, &shape));
  cg_training_view_get_config (view, &config);
  cg_trainer_estimate_memory_for_shape (&config, &shape, &estimate);
  total = g_format_size_full (estimate.total, G_FORMAT_SIZE_IEC_UNITS);
  expected = g_strdup_printf ("About %s of ", total);
  ck_assert_msg (g_str_has_prefix (memory_subtitle (), expected), "%s", memory_subtitle ());
  ck_assert (!gtk_widget_has_css_class (row, "error"));

  before = g_strdup (memory_subtitle ());
  gtk_spin_button_set_value (hidden, config.hidden_dim * 64);
  ck_assert_str_ne (memory_subtitle (), before);

  g_setenv ("CINEGAN_MAX_MEMORY", "64k", TRUE);
  gtk_spin_button_set_value (hidden, config.hidden_dim * 65);
  g_unsetenv ("CINEGAN_MAX_MEMORY");
  limit = g_format_size_full (64 * 1024, G_FORMAT_SIZE_IEC_UNITS);
  ck_assert_msg (strstr (memory_subtitle (), limit) != NULL, "%s", memory_subtitle ());
  ck_assert_msg (strstr (memory_subtitle (), "more than") != NULL, "%s", memory_subtitle ());
  ck_assert_msg (strstr (memory_subtitle (), ": lower ") != NULL, "%s", memory_subtitle ());
  ck_assert (gtk_widget_has_css_class (row, "error"));

  cg_training_view_reset (view);
  ck_assert (!gtk_widget_has_css_class (row, "error"));
}
END_TEST

/* The softmax setting comes from the field table like every other: choosing the sampled
 * one reaches the configuration, and the estimate follows it (no snapshot of every user's
 * distribution, the candidates instead). */
START_TEST (test_softmax_choice)
{
  GtkWidget *softmax = cg_test_get_by_name (GTK_WIDGET (view), "softmax");
  GtkWidget *candidates = cg_test_get_by_name (GTK_WIDGET (view), "sampled-candidates");
  CgDatasetShape shape;
  CgMemoryEstimate estimate;
  CgCganConfig config;
  g_autofree char *total = NULL, *expected = NULL, *full = NULL;

  ck_assert (ADW_IS_COMBO_ROW (softmax));
  ck_assert (GTK_IS_SPIN_BUTTON (candidates));
  /* Without the item–item path, which the sampled softmax would switch off, so that the
   * estimate's change is the softmax's alone. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cg_test_get_by_name (GTK_WIDGET (view),
                                                                   "item-weight")), 0.0);
  cg_training_view_get_config (view, &config);
  ck_assert_double_eq (config.item_weight, 0.0);
  ck_assert_int_eq (config.softmax, CG_SOFTMAX_AUTO);
  full = g_strdup (memory_subtitle ());

  adw_combo_row_set_selected (ADW_COMBO_ROW (softmax), CG_SOFTMAX_SAMPLED);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (candidates), 64);
  cg_training_view_get_config (view, &config);
  ck_assert_int_eq (config.softmax, CG_SOFTMAX_SAMPLED);
  ck_assert_uint_eq (config.sampled_candidates, 64);
  ck_assert (cg_session_get_dataset_shape (session, &shape));
  cg_trainer_estimate_memory_for_shape (&config, &shape, &estimate);
  total = g_format_size_full (estimate.total, G_FORMAT_SIZE_IEC_UNITS);
  expected = g_strdup_printf ("About %s of ", total);
  ck_assert_msg (g_str_has_prefix (memory_subtitle (), expected), "%s", memory_subtitle ());
  ck_assert_str_ne (memory_subtitle (), full);

  /* The two settings sit in the generator's section: opened and scrolled to its end, to be
   * looked at. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (cg_test_get_by_name (GTK_WIDGET (view),
                                                                       "advanced-generator")),
                                 TRUE);
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (softmax, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj;

    ck_assert (scrolled != NULL);
    /* Laid out first, so that the adjustment knows the form's height. */
    cg_test_spin_for (300);
    adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj)
                                   - gtk_adjustment_get_page_size (adj));
  }
  cg_test_spin_for (300);
  cg_test_write_screenshot (GTK_WIDGET (window), "training-softmax");
}
END_TEST

START_TEST (test_include_me_counts_your_ratings)
{
  AdwActionRow *row = ADW_ACTION_ROW (cg_test_get_by_name (GTK_WIDGET (view),
                                                           "include-me-row"));
  CgRatingsStore *store = cg_session_get_ratings (session);

  ck_assert (cg_ratings_store_set_rating (store, 1, 5, NULL));
  ck_assert (cg_ratings_store_set_rating (store, 2, 4, NULL));
  ck_assert (cg_ratings_store_set_rating (store, 3, 1, NULL));
  ck_assert_str_eq (adw_action_row_get_subtitle (row),
                    "Add yourself as one more user: 3 ratings, 2 liked.");
  ck_assert (cg_ratings_store_set_rating (store, 4, 4, NULL));
  ck_assert_str_eq (adw_action_row_get_subtitle (row),
                    "Add yourself as one more user: 4 ratings, 3 liked.");
  /* Liked is at the form's threshold. */
  cg_training_view_set_threshold (view, 5);
  ck_assert_str_eq (adw_action_row_get_subtitle (row),
                    "Add yourself as one more user: 4 ratings, 1 liked.");

  cg_training_view_set_include_me (view, TRUE);
  ck_assert (cg_training_view_get_include_me (view));
  ck_assert (cg_test_widget_is_a (cg_test_get_by_name (GTK_WIDGET (view), "include-me"),
                                  GSIZE_TO_POINTER (GTK_TYPE_SWITCH)));
}
END_TEST

typedef struct
{
  GThread *main_thread;
  int      on_main;
  int      off_main;
} TextThreads;

static void
on_progress_text_cb (GtkProgressBar *bar,
                     GParamSpec     *pspec,
                     TextThreads    *threads)
{
  if (g_thread_self () != threads->main_thread)
    g_atomic_int_inc (&threads->off_main);
  else if (g_str_has_prefix (gtk_progress_bar_get_text (bar), "Epoch "))
    threads->on_main++;
}

START_TEST (test_start_follows_the_run)
{
  GtkWidget *bar = cg_test_get_by_type (GTK_WIDGET (view), GTK_TYPE_PROGRESS_BAR);
  CgPlot *loss = cg_training_view_get_loss_plot (view);
  CgPlot *metrics = cg_training_view_get_metrics_plot (view);
  TextThreads threads = { g_thread_self (), 0, 0 };
  CgTrainingRun *run;

  g_signal_connect (bar, "notify::text", G_CALLBACK (on_progress_text_cb), &threads);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "training.start", NULL));
  run = cg_session_get_run (session);
  ck_assert_ptr_nonnull (run);
  ck_assert_uint_eq (cg_training_run_get_config (run)->epochs, 2);
  ck_assert (!gtk_widget_is_sensitive (cg_test_get_by_name (GTK_WIDGET (view), "embed-dim")));
  ck_assert (cg_test_spin_until (cg_test_session_idle, session, 120000));
  g_signal_handlers_disconnect_by_func (bar, on_progress_text_cb, &threads);

  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_FINISHED);
  ck_assert_int_eq (g_atomic_int_get (&threads.off_main), 0);
  ck_assert_int_gt (threads.on_main, 0);
  ck_assert_str_eq (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar)), "Done");
  /* Every epoch on both plots, per-step losses too, and the baseline line. */
  ck_assert_uint_eq (cg_plot_get_n_points (loss, "D (epoch mean)"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (loss, "G (epoch mean)"), 2);
  ck_assert_uint_gt (cg_plot_get_n_points (loss, "D (steps, smoothed)"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "NDCG@5"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "Recall@5"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "HitRate@5"), 2);
  /* The game's figures, live, per epoch. */
  {
    CgPlot *game = cg_training_view_get_diagnostics_plot (view);

    ck_assert_uint_eq (cg_plot_get_n_points (game, "D accuracy, real pairs"), 2);
    ck_assert_uint_eq (cg_plot_get_n_points (game, "D accuracy, G's pairs"), 2);
    ck_assert_uint_eq (cg_plot_get_n_points (game, "coverage@5"), 2);
    ck_assert_uint_eq (cg_plot_get_n_points (game, "G entropy ÷ epoch 1"), 2);
    ck_assert_uint_eq (cg_plot_get_n_points (game, "popularity ÷ epoch 1"), 2);
  }
  ck_assert (gtk_widget_is_sensitive (cg_test_get_by_name (GTK_WIDGET (view), "embed-dim")));
  /* A run has its per-step losses: no note that they are missing. */
  ck_assert_ptr_null (cg_plot_get_note (loss));
  ck_assert (status_names_popularity (NULL));
  write_plots ("run");
}
END_TEST

static gboolean
has_an_epoch (gpointer data)
{
  guint n;

  cg_training_run_get_epochs (CG_TRAINING_RUN (data), &n);
  return n > 0;
}

/* A run belongs to the session, not to the page: with the window gone mid-run, the run
 * still ends and its model reaches the session. */
START_TEST (test_window_closed_mid_run)
{
  CgCganConfig config;
  gpointer weak = view;
  CgTrainingRun *run;

  cg_training_view_get_config (view, &config);
  config.epochs = 100000;
  cg_training_view_set_config (view, &config);
  g_object_add_weak_pointer (G_OBJECT (view), &weak);
  run = cg_training_view_start (view);
  ck_assert_ptr_nonnull (run);
  ck_assert (cg_test_spin_until (has_an_epoch, run, 60000));

  gtk_window_destroy (window);
  window = NULL;
  cg_test_spin_for (20);
  ck_assert_ptr_null (weak);
  view = NULL;
  ck_assert (cg_session_get_training (session));
  cg_session_cancel_training (session);
  ck_assert (cg_test_spin_until (cg_test_session_idle, session, 30000));
  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_CANCELLED);
  ck_assert_ptr_eq (cg_session_get_model (session), cg_training_run_get_model (run));
}
END_TEST

/* A tiny model with this history (epochs 1…n), trained at threshold with metrics at k, set
 * as the session's model as opening its file would. */
static void
open_model_with (const CgEpochRecord *records,
                 guint                n,
                 guint                threshold,
                 guint                k)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrainedModel) model = NULL;
  CgDataset *dataset;
  CgCganConfig config;
  CgCgan *cgan;

  cg_test_tiny_config (&config, n);
  config.k = k;
  dataset = cg_dataset_load (cg_test_home_data_dir (), "u1", threshold, &error);
  ck_assert_msg (dataset != NULL, "%s", error ? error->message : "");
  cgan = cg_cgan_new (&config, dataset->n_users, dataset->n_items, &error);
  ck_assert_ptr_nonnull (cgan);
  for (guint i = 0; i < n; i++)
    cg_cgan_append_history (cgan, &records[i]);
  model = cg_trained_model_new (cgan, dataset, 0);
  cg_session_set_model (session, model, NULL, FALSE);
}

/* Three healthy epochs. */
static void
open_healthy_model (void)
{
  CgEpochRecord records[3];

  for (guint e = 1; e <= 3; e++)
    records[e - 1] = (CgEpochRecord) { e, 1.3 - 0.1 * e, 0.7 + 0.1 * e, 0.05 * e, 0.1 * e,
                                       0.3 * e, 1.0 };
  open_model_with (records, 3, 3, 7);
}

START_TEST (test_opened_model_history)
{
  CgCganConfig shown;

  cg_training_view_set_split (view, "u3");
  open_healthy_model ();

  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_loss_plot (view),
                                           "D (epoch mean)"), 3);
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_loss_plot (view),
                                           "D (steps, smoothed)"), 0);
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_metrics_plot (view),
                                           "NDCG@7"), 3);
  /* The form shows the model's settings, split and threshold. */
  cg_training_view_get_config (view, &shown);
  ck_assert_uint_eq (shown.k, 7);
  ck_assert_str_eq (cg_training_view_get_split (view), "u1");
  ck_assert_uint_eq (cg_training_view_get_threshold (view), 3);
  /* Healthy figures: no collapse named. */
  ck_assert_ptr_null (strstr (gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                                GTK_WIDGET (view), "status"))), "collapse"));
  /* A model file keeps no per-step losses: the plot says so rather than look smooth. */
  ck_assert_ptr_nonnull (cg_plot_get_note (cg_training_view_get_loss_plot (view)));
  ck_assert_ptr_nonnull (strstr (cg_plot_get_note (cg_training_view_get_loss_plot (view)),
                                 "Per-step"));
  /* The popularity figure comes from a worker, into the status as after a run. */
  ck_assert (cg_test_spin_until (status_names_popularity, NULL, 30000));
  write_plots ("history");
}
END_TEST

/* G's entropy falls by half and coverage to a fifth: the status line names a collapse,
 * and the game's plot shows the fall as ratios to the first epoch. */
START_TEST (test_collapse_named)
{
  static const double entropy[] = { 6.0, 6.0, 4.5, 3.0 };
  static const double coverage[] = { 0.5, 0.5, 0.3, 0.1 };
  CgPlot *game = cg_training_view_get_diagnostics_plot (view);
  CgEpochRecord records[4];
  GtkWidget *status;

  for (guint e = 1; e <= 4; e++)
    records[e - 1] = (CgEpochRecord) { e, 0.6, 0.8, 0.1, 0.1, 0.1, 1.0, coverage[e - 1],
                                       100.0 * e, 0.9, 0.2, entropy[e - 1] };
  open_model_with (records, 4, 4, 5);

  status = cg_test_get_by_name (GTK_WIDGET (view), "status");
  ck_assert_msg (strstr (gtk_label_get_text (GTK_LABEL (status)), "Mode collapse") != NULL,
                 "status: %s", gtk_label_get_text (GTK_LABEL (status)));
  ck_assert (gtk_widget_has_css_class (status, "warning"));
  ck_assert_uint_eq (cg_plot_get_n_points (game, "G entropy ÷ epoch 1"), 4);
  ck_assert_uint_eq (cg_plot_get_n_points (game, "popularity ÷ epoch 1"), 4);
  ck_assert_uint_eq (cg_plot_get_n_points (game, "coverage@5"), 4);
  write_plots ("collapse");
}
END_TEST

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
no_file_chooser (gpointer data)
{
  return cg_test_find_file_chooser () == NULL;
}

/* Chooses path in the export's file chooser once it shows, and waits for the file written
 * (path, or path with the extension the export adds). */
static void
export_to (const char *action,
           GVariant   *target,
           const char *path,
           const char *written)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (view), action, target));
  ck_assert (cg_test_spin_until (cg_test_file_chooser_shown, NULL, 10000));
  cg_test_answer_file_chooser (file);
  ck_assert (cg_test_spin_until (file_exists, (gpointer) written, 10000));
  ck_assert (cg_test_spin_until (no_file_chooser, NULL, 10000));
}

START_TEST (test_export_plots_and_history)
{
  g_autofree char *dir = cg_test_home_path ("exports");
  g_autofree char *svg = g_build_filename (dir, "losses.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "metrics.PNG", NULL);
  g_autofree char *bare = g_build_filename (dir, "game", NULL);
  g_autofree char *bare_png = g_build_filename (dir, "game.png", NULL);
  g_autofree char *csv = g_build_filename (dir, "history.csv", NULL);
  g_autofree char *contents = NULL, *expected = NULL;
  CgPlot *metrics = cg_training_view_get_metrics_plot (view);
  const CgEpochRecord *records;
  cairo_surface_t *surface;
  CgCgan *cgan;
  guint n;

  ck_assert_int_eq (g_mkdir (dir, 0755), 0);
  /* Nothing to export yet: no chooser comes up. */
  gtk_widget_activate_action (GTK_WIDGET (view), "training.export-history", NULL);
  cg_test_spin_for (200);
  ck_assert_ptr_null (cg_test_find_file_chooser ());
  open_healthy_model ();

  export_to ("training.export-plot", g_variant_new_string ("loss"), svg, svg);
  ck_assert (g_file_get_contents (svg, &contents, NULL, NULL));
  ck_assert (g_str_has_prefix (contents, "<?xml"));
  ck_assert_ptr_nonnull (strstr (contents, "<svg"));
  ck_assert_ptr_nonnull (strstr (contents, "</svg>"));
  g_clear_pointer (&contents, g_free);

  /* The extension decides, in any case; the image is the plot as shown. */
  export_to ("training.export-plot", g_variant_new_string ("metrics"), png, png);
  surface = cairo_image_surface_create_from_png (png);
  ck_assert_int_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_image_surface_get_width (surface),
                    gtk_widget_get_width (GTK_WIDGET (metrics)));
  ck_assert_int_eq (cairo_image_surface_get_height (surface),
                    gtk_widget_get_height (GTK_WIDGET (metrics)));
  cairo_surface_destroy (surface);

  /* No extension: the chosen filter's (PNG first) is added. */
  export_to ("training.export-plot", g_variant_new_string ("game"), bare, bare_png);
  surface = cairo_image_surface_create_from_png (bare_png);
  ck_assert_int_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* The history as the CLI prints it. */
  export_to ("training.export-history", NULL, csv, csv);
  ck_assert (g_file_get_contents (csv, &contents, NULL, NULL));
  cgan = cg_trained_model_get_cgan (cg_session_get_model (session));
  records = cg_cgan_get_history (cgan, &n);
  expected = cg_export_history_csv (records, n);
  ck_assert_str_eq (contents, expected);

  /* Written atomically: the four files and no temporary one beside them. */
  ck_assert_uint_eq (cg_test_count_entries (dir), 4);
}
END_TEST

/* Each plot's context menu offers the exports, from a right click or the keyboard. */
START_TEST (test_plot_context_menu)
{
  CgPlot *loss = cg_training_view_get_loss_plot (view);
  GMenuModel *menu = cg_plot_get_menu_model (loss);
  g_autofree char *action = NULL, *target = NULL;

  ck_assert_ptr_nonnull (menu);
  ck_assert (gtk_widget_get_focusable (GTK_WIDGET (loss)));
  ck_assert (g_menu_model_get_n_items (menu) > 0);
  {
    g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

    ck_assert (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                &action));
    ck_assert (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_TARGET, "s",
                                                &target));
  }
  ck_assert_str_eq (action, "training.export-plot");
  ck_assert_str_eq (target, "loss");

  gtk_widget_grab_focus (GTK_WIDGET (loss));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (loss), "menu.popup", NULL));
  ck_assert (cg_test_spin_until (cg_test_mapped, cg_plot_get_menu_popover (loss), 5000));
  cg_test_spin_for (100);
  cg_test_write_screenshot (cg_plot_get_menu_popover (loss), "training-plot-menu");
  gtk_popover_popdown (GTK_POPOVER (cg_plot_get_menu_popover (loss)));
}
END_TEST

static Suite *
training_view_suite (void)
{
  Suite *suite = suite_create ("training-view");
  TCase *tc = tcase_create ("view");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_form_round_trip);
  tcase_add_test (tc, test_include_me_counts_your_ratings);
  tcase_add_test (tc, test_memory_estimate_follows_settings);
  tcase_add_test (tc, test_softmax_choice);
  tcase_add_test (tc, test_start_follows_the_run);
  tcase_add_test (tc, test_window_closed_mid_run);
  tcase_add_test (tc, test_opened_model_history);
  tcase_add_test (tc, test_collapse_named);
  tcase_add_test (tc, test_export_plots_and_history);
  tcase_add_test (tc, test_plot_context_menu);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_widget_suite (training_view_suite ());
}
