/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-window.c: the real application window, one behaviour at a time, on a synthetic
 * dataset.
 *
 * The dataset is found and every view fits in 800 pixels; stars clicked on catalogue cards land in
 * the ratings file, and when the data folder takes no file they are kept, one banner says why and
 * Try Again saves them; win.train trains including you into an unsaved model named in the title,
 * and the plots hold its epochs; your recommendations leave out what you rated; saving names the
 * file in the title; the catalogue's counter follows what the current model counts as liked; the
 * "dataset not found" page names a command that works from any folder and loads a folder chosen
 * from it; the shortcuts and About windows open; the dark style applies; icon-only controls are
 * named for screen readers. Screenshots of every view are written to $CG_SCREENSHOT_DIR (the build
 * dir) to be looked at.
 *
 * Each test runs in its own process (GTK is initialised there), with its own home folder.
 * Needs a display: suite `gui`, run under xvfb-run and dbus-run-session.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cg-catalog-view.h"
#include "cg-data-dir.h"
#include "cg-gui-test.h"
#include "cg-movie-card.h"
#include "cg-recommendation-item.h"
#include "cg-recommendations-view.h"
#include "cg-training-estimate.h"
#include "cg-training-view.h"

static guint32
card_movie (GtkWidget *card)
{
  return cg_movie_item_get_movie_id (cg_movie_card_get_item (CG_MOVIE_CARD (card)));
}

/* A click on star n of card's stars, through the card's own signal path. */
static void
click_star (GtkWidget *card,
            guint      n)
{
  cg_star_rating_activate_star (cg_movie_card_get_stars (CG_MOVIE_CARD (card)), n);
  cg_test_spin_for (20);
}

static CgSession *
session_of (CgWindow *window)
{
  return cg_window_get_session (window);
}

/* ---- tests ---- */

START_TEST (test_finds_dataset_and_fits)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *views[] = { cg_window_get_catalog_view (window),
                         cg_window_get_training_view (window),
                         cg_window_get_recommendations_view (window) };

  ck_assert_str_eq (cg_session_get_data_dir (session_of (window)), cg_test_home_data_dir ());
  ck_assert_ptr_null (cg_session_get_model (session_of (window)));
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "Cinegan");
  ck_assert_str_eq (cg_window_get_view (window), "catalogue");

  /* Small screens: every view fits in 800 pixels. (The header bar is left out: its width
   * depends on the window buttons the desktop asks for, all three under a bare Xvfb.) */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int min_width = 0;

      gtk_widget_measure (views[i], GTK_ORIENTATION_HORIZONTAL, -1, &min_width,
                          NULL, NULL, NULL);
      g_print ("minimum width of %s: %d\n", G_OBJECT_TYPE_NAME (views[i]), min_width);
      ck_assert_int_le (min_width, 800);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_card_stars_save_ratings)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  CgRatingsStore *ratings = cg_application_get_ratings_store (app);
  g_autoptr(GPtrArray) cards = cg_test_shown_cards (window);
  g_autofree char *ratings_text = NULL;
  g_autofree char *line = NULL;
  guint32 rated[3];

  for (guint i = 0; i < 3; i++)
    rated[i] = card_movie (g_ptr_array_index (cards, i));
  click_star (g_ptr_array_index (cards, 0), 5);
  click_star (g_ptr_array_index (cards, 1), 4);
  click_star (g_ptr_array_index (cards, 2), 2);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, rated[0]), 5);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, rated[1]), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, rated[2]), 2);
  /* The same star again takes the rating back. */
  click_star (g_ptr_array_index (cards, 2), 2);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, rated[2]), 0);
  click_star (g_ptr_array_index (cards, 2), 3);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, rated[2]), 3);
  /* The card shows it. */
  ck_assert_uint_eq (cg_star_rating_get_rating (cg_movie_card_get_stars (
                       g_ptr_array_index (cards, 2))), 3);

  /* Already on disk, in the test's own $XDG_DATA_HOME. */
  ck_assert (g_file_get_contents (cg_ratings_store_get_path (ratings), &ratings_text, NULL,
                                  NULL));
  line = g_strdup_printf ("\n%u\t4\t", rated[1]);
  ck_assert_ptr_nonnull (strstr (ratings_text, line));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                      GTK_WIDGET (window), "rated-counter"))), "3 rated · 2 liked (≥ 4)");
  cg_test_shoot_view (window, "catalogue", "catalogue");
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static gboolean
showing_recommendations (gpointer data)
{
  return g_strcmp0 (cg_window_get_view (CG_WINDOW (data)), "recommendations") == 0;
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

static gboolean
banner_hidden (gpointer data)
{
  return !gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

/* A data folder that takes no file: ratings are kept, one banner says why, and Try Again
 * saves them once the folder works. A file where the folder should be stands in for a
 * read-only folder, which root could still write to. */
START_TEST (test_unsaved_ratings_banner)
{
  g_autofree char *data_home = g_build_filename (cg_test_home_dir (), "data", NULL);
  g_autofree char *blocker = g_build_filename (data_home, "cinegan", NULL);
  g_autoptr(CgApplication) app = NULL;
  CgWindow *window;
  CgRatingsStore *ratings;
  g_autoptr(GPtrArray) cards = NULL;
  GtkWidget *banner;
  const char *text;
  g_autofree char *ratings_text = NULL;
  g_autofree char *line = NULL;
  guint32 movie[2];

  ck_assert (g_file_set_contents (blocker, "not a folder", -1, NULL));
  app = cg_test_application_new ();
  window = cg_test_open_window (app);
  ratings = cg_application_get_ratings_store (app);
  banner = cg_test_get_by_name (GTK_WIDGET (window), "saving-banner");
  cards = cg_test_shown_cards (window);
  movie[0] = card_movie (g_ptr_array_index (cards, 0));
  movie[1] = card_movie (g_ptr_array_index (cards, 1));

  click_star (g_ptr_array_index (cards, 0), 4);
  ck_assert (cg_test_spin_until (banner_shown, banner, 10000));
  click_star (g_ptr_array_index (cards, 1), 2);
  cg_test_spin_for (300);

  /* Kept, said once in the window, and no question per click. */
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, movie[0]), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, movie[1]), 2);
  ck_assert_ptr_null (cg_test_find_question ());
  ck_assert (gtk_widget_get_mapped (banner));
  text = gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (banner, "saving-problem")));
  g_print ("banner: %s\n", text);
  ck_assert_ptr_nonnull (strstr (text, cg_ratings_store_get_saving_problem (ratings)));
  ck_assert_ptr_nonnull (strstr (text, "2 ratings"));
  cg_test_write_screenshot (GTK_WIDGET (window), "unsaved-ratings-banner");

  /* The folder works again: Try Again saves both and the banner goes. */
  ck_assert_int_eq (g_unlink (blocker), 0);
  gtk_widget_activate (cg_test_get_by_name (banner, "saving-retry"));
  ck_assert (cg_test_spin_until (banner_hidden, banner, 10000));
  ck_assert (cg_ratings_store_flush (ratings, NULL));
  ck_assert (g_file_get_contents (cg_ratings_store_get_path (ratings), &ratings_text, NULL,
                                  NULL));
  line = g_strdup_printf ("\n%u\t2\t", movie[1]);
  ck_assert_ptr_nonnull (strstr (ratings_text, line));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_train_including_you)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  CgTrainingView *training = CG_TRAINING_VIEW (cg_window_get_training_view (window));
  CgRatingsStore *ratings = cg_application_get_ratings_store (app);
  CgCganConfig config;

  ck_assert (cg_ratings_store_set_rating (ratings, 1, 5, NULL));
  ck_assert (cg_ratings_store_set_rating (ratings, 2, 4, NULL));
  cg_training_view_set_include_me (training, TRUE);
  cg_test_tiny_config (&config, 2);
  cg_test_window_train (window, &config, TRUE);

  ck_assert_str_eq (cg_window_get_view (window), "training");
  ck_assert_ptr_nonnull (cg_session_get_model (session_of (window)));
  ck_assert_uint_ne (cg_session_get_you_user_id (session_of (window)), 0);
  ck_assert (cg_session_get_unsaved (session_of (window)));
  ck_assert_ptr_null (cg_session_get_file (session_of (window)));
  ck_assert (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• Untitled Model"));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                      GTK_WIDGET (window), "model-subtitle"))), "Not saved");
  ck_assert (gtk_widget_get_sensitive (cg_test_find_widget (GTK_WIDGET (window),
                                                            cg_test_widget_has_action,
                                                            "win.save-model")));

  /* Training including you again would learn nothing new, until your ratings change. */
  ck_assert (cg_session_get_model_has_your_ratings (session_of (window)));
  ck_assert (!gtk_widget_get_sensitive (cg_test_find_widget (GTK_WIDGET (window),
                                                             cg_test_widget_has_action,
                                                             "win.train-including-me")));
  ck_assert (cg_ratings_store_set_rating (ratings, 3, 2, NULL));
  ck_assert (!cg_session_get_model_has_your_ratings (session_of (window)));
  ck_assert (gtk_widget_get_sensitive (cg_test_find_widget (GTK_WIDGET (window),
                                                            cg_test_widget_has_action,
                                                            "win.train-including-me")));
  ck_assert (cg_ratings_store_set_rating (ratings, 3, 0, NULL));
  ck_assert (cg_session_get_model_has_your_ratings (session_of (window)));

  /* The plots hold the epochs. */
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_loss_plot (training),
                                           "D (epoch mean)"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_metrics_plot (training),
                                           "NDCG@5"), 2);
  cg_test_shoot_view (window, "training", "training");

  /* The end of the run says so with a way to its recommendations. */
  {
    GtkWidget *show = cg_test_find_widget (GTK_WIDGET (window), cg_test_widget_has_action,
                                           "win.show-view");

    ck_assert_ptr_nonnull (show);
    /* A button activated from the keyboard clicks after its press animation, which a busy
     * machine draws late. */
    gtk_widget_activate (show);
    cg_test_spin_until (showing_recommendations, window, 10000);
    ck_assert_str_eq (cg_window_get_view (window), "recommendations");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_your_recommendations_leave_out_your_ratings)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  CgRecommendationsView *view = CG_RECOMMENDATIONS_VIEW (
    cg_window_get_recommendations_view (window));
  g_autoptr(GPtrArray) cards = cg_test_shown_cards (window);
  GListModel *items = cg_recommendation_list_get_items (cg_recommendations_view_get_list (view));
  CgCganConfig config;
  guint32 rated[3];

  for (guint i = 0; i < 3; i++)
    {
      rated[i] = card_movie (g_ptr_array_index (cards, i));
      click_star (g_ptr_array_index (cards, i), 5 - i);
    }
  cg_test_tiny_config (&config, 1);
  cg_test_window_train (window, &config, TRUE);

  cg_window_show_view (window, "recommendations");
  cg_recommendations_view_show_user (view, 0);
  ck_assert_uint_eq (g_list_model_get_n_items (items), 10);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CgRecommendationItem) item = g_list_model_get_item (items, i);
      guint32 movie = cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (item));

      for (guint j = 0; j < G_N_ELEMENTS (rated); j++)
        ck_assert_uint_ne (movie, rated[j]);
    }

  /* Train Including Me says how long the Training page's settings, as they are, take at
   * the speed this training ran. */
  {
    CgTrainingView *training = CG_TRAINING_VIEW (cg_window_get_training_view (window));
    CgTrainedModel *model = cg_session_get_model (session_of (window));
    GtkWidget *button = cg_test_get_by_name (GTK_WIDGET (view), "train-me");
    const CgEpochRecord *records;
    CgDatasetShape shape;
    CgCganConfig longer;
    g_autofree char *time = NULL;
    guint n;
    double rate;

    cg_window_show_view (window, "training");
    cg_training_view_get_config (training, &longer);
    longer.epochs *= 1000;
    cg_training_view_set_config (training, &longer);
    cg_window_show_view (window, "recommendations");
    cg_test_spin_for (100);
    records = cg_cgan_get_history (cg_trained_model_get_cgan (model), &n);
    cg_dataset_shape_of (cg_trained_model_get_dataset (model), &shape);
    rate = cg_training_estimate_rate (cg_trained_model_get_config (model), &shape, records, n);
    ck_assert (rate > 0.0);
    ck_assert (cg_session_get_dataset_shape (session_of (window), &shape));
    shape.n_users++;
    time = cg_training_estimate_format (cg_training_estimate_seconds (&longer, &shape, rate));
    ck_assert_msg (strstr (gtk_widget_get_tooltip_text (button), time) != NULL, "%s lacks %s",
                   gtk_widget_get_tooltip_text (button), time);
    ck_assert_ptr_nonnull (strstr (gtk_widget_get_tooltip_text (button),
                                   "at the speed this model was trained at"));
  }
  cg_test_shoot_view (window, "recommendations", "recommendations");
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_save_names_the_file)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  g_autofree char *path = cg_test_home_path ("flow.cgan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CgCganConfig config;

  cg_test_tiny_config (&config, 1);
  cg_test_window_train (window, &config, TRUE);
  ck_assert_msg (cg_session_save_model (session_of (window), file, &error), "%s",
                 error != NULL ? error->message : "?");
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "flow.cgan — Cinegan");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                      GTK_WIDGET (window), "model-title"))), "flow.cgan");
  /* Saved: Save has nothing to do until the model changes. */
  ck_assert (!gtk_widget_get_sensitive (cg_test_find_widget (GTK_WIDGET (window),
                                                             cg_test_widget_has_action,
                                                             "win.save-model")));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_counter_follows_threshold)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *counter = cg_test_get_by_name (GTK_WIDGET (window), "rated-counter");
  CgTrainingView *training = CG_TRAINING_VIEW (cg_window_get_training_view (window));
  CgRatingsStore *ratings = cg_application_get_ratings_store (app);
  g_autofree char *path = cg_test_home_path ("threshold3.cgan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CgTestOutcome outcome = { FALSE, FALSE, NULL };
  CgCganConfig config;

  /* One 5, one 3: liked at the default 4 is one of them. */
  ck_assert (cg_ratings_store_set_rating (ratings, 1, 5, NULL));
  ck_assert (cg_ratings_store_set_rating (ratings, 2, 3, NULL));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (counter)), "2 rated · 1 liked (≥ 4)");

  /* A run with 3 as its threshold: the counter says what that model counts as liked. */
  cg_test_tiny_config (&config, 1);
  cg_training_view_set_threshold (training, 3);
  cg_test_window_train (window, &config, TRUE);
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (counter)), "2 rated · 2 liked (≥ 3)");
  ck_assert (cg_session_save_model (session_of (window), file, NULL));

  /* Back to the default with a new run, then the saved model's 3 again when it is opened. */
  cg_training_view_set_threshold (training, 4);
  cg_test_window_train (window, &config, TRUE);
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (counter)), "2 rated · 1 liked (≥ 4)");
  cg_session_open_model_async (session_of (window), file, NULL, cg_test_outcome_cb,
                               &outcome);
  ck_assert_msg (cg_test_wait (&outcome, 30000), "%s",
                 outcome.error != NULL ? outcome.error->message : "?");
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (counter)), "2 rated · 2 liked (≥ 3)");
  /* The form shows the opened model's threshold. */
  ck_assert_uint_eq (cg_training_view_get_threshold (training), 3);
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static gboolean
dataset_settled (gpointer data)
{
  return g_strcmp0 (cg_window_get_page (CG_WINDOW (data)), "loading") != 0;
}

START_TEST (test_dataset_not_found_page)
{
  g_autoptr(CgApplication) app = NULL;
  g_autofree char *nowhere = cg_test_home_path ("nowhere");
  g_autofree char *found = NULL;
  CgTestOutcome outcome = { FALSE, FALSE, NULL };
  GtkWidget *error_label, *command;
  g_auto(GStrv) argv = NULL;
  CgWindow *window;

  /* A developer's own data/ml-100k in the source tree would be found: nothing to test. */
  g_setenv ("CINEGAN_DATA_DIR", nowhere, TRUE);
  found = cg_data_dir_find (NULL, NULL);
  if (found != NULL)
    {
      g_print ("skipped: MovieLens found in %s\n", found);
      return;
    }

  app = cg_test_application_new ();
  window = cg_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 820);
  gtk_window_present (GTK_WINDOW (window));
  ck_assert (cg_test_spin_until (dataset_settled, window, 10000));
  ck_assert_str_eq (cg_window_get_page (window), "missing");
  ck_assert_ptr_null (cg_session_get_data_dir (session_of (window)));
  ck_assert (!gtk_widget_get_sensitive (cg_test_find_widget (GTK_WIDGET (window),
                                                             cg_test_widget_has_action,
                                                             "win.open-model")));

  /* The command names the fetch script by its full path, so it works from any folder. */
  command = cg_test_get_by_name (GTK_WIDGET (window), "fetch-command");
  ck_assert (g_shell_parse_argv (gtk_label_get_text (GTK_LABEL (command)), NULL, &argv, NULL));
  ck_assert_uint_eq (g_strv_length (argv), 3);
  ck_assert_str_eq (argv[0], "sh");
  ck_assert (g_path_is_absolute (argv[1]));
  ck_assert (g_str_has_suffix (argv[1], "fetch-movielens.sh"));
  ck_assert (g_file_test (argv[1], G_FILE_TEST_IS_REGULAR));
  ck_assert (g_str_has_prefix (argv[2], g_get_user_data_dir ()));
  /* The places searched are listed. */
  gtk_expander_set_expanded (GTK_EXPANDER (cg_test_get_by_type (GTK_WIDGET (window),
                                                                GTK_TYPE_EXPANDER)), TRUE);
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                                   GTK_WIDGET (window), "places-searched"))), nowhere));
  error_label = cg_test_get_by_name (GTK_WIDGET (window), "missing-error");
  cg_test_spin_for (200);
  cg_test_write_screenshot (GTK_WIDGET (window), "dataset-missing");

  /* A folder without the data: an error, still on the page. */
  cg_window_load_dataset_async (window, cg_test_home_dir (), NULL, cg_test_outcome_cb,
                                &outcome);
  ck_assert (!cg_test_wait (&outcome, 10000));
  ck_assert_ptr_nonnull (outcome.error);
  ck_assert_str_eq (cg_window_get_page (window), "missing");
  /* That message says something new: it is shown. */
  ck_assert (gtk_widget_get_visible (error_label));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (error_label)), outcome.error->message);
  g_clear_error (&outcome.error);

  /* What Choose Dataset Folder… does with a good folder. */
  outcome.done = FALSE;
  cg_window_load_dataset_async (window, cg_test_home_data_dir (), NULL, cg_test_outcome_cb,
                                &outcome);
  ck_assert_msg (cg_test_wait (&outcome, 30000), "%s",
                 outcome.error != NULL ? outcome.error->message : "?");
  ck_assert_str_eq (cg_window_get_page (window), "views");
  ck_assert_str_eq (cg_session_get_data_dir (session_of (window)), cg_test_home_data_dir ());
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static gboolean
toplevel_of_type_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, (GType) GPOINTER_TO_SIZE (data))
          && gtk_widget_get_mapped (toplevel))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
toplevel_of_type (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }
  return NULL;
}

static gboolean
has_width (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

START_TEST (test_shortcuts_and_about)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *shortcuts, *about;
  g_auto(GStrv) train_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     "win.train");

  /* Training, the page's main action, has a key of its own. */
  ck_assert (g_strv_contains ((const char *const *) train_accels, "<Control>Return"));

  /* gtk/help-overlay.ui, whose shortcuts come from the application's accelerators. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  ck_assert (cg_test_spin_until (toplevel_of_type_shown,
                                 GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 5000));
  shortcuts = toplevel_of_type (GTK_TYPE_SHORTCUTS_WINDOW);
  ck_assert (cg_test_spin_until (has_width, shortcuts, 5000));
  cg_test_write_screenshot (shortcuts, "shortcuts");
  /* Every shortcut on one page, seen at a glance (no page buttons below, whose labels GTK
   * 4.8 sizes below zero, with a warning), on a screen 768 pixels high. */
  ck_assert_ptr_null (cg_test_find_widget (shortcuts, cg_test_widget_is_mapped_a,
                                           GSIZE_TO_POINTER (GTK_TYPE_STACK_SWITCHER)));
  ck_assert_int_le (gtk_widget_get_height (shortcuts), 700);
  gtk_window_close (GTK_WINDOW (shortcuts));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  ck_assert (cg_test_spin_until (toplevel_of_type_shown,
                                 GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW), 5000));
  about = toplevel_of_type (ADW_TYPE_ABOUT_WINDOW);
  ck_assert (cg_test_spin_until (has_width, about, 5000));
  ck_assert_str_eq (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), "Cinegan");
  ck_assert_str_eq (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), PACKAGE_VERSION);
  ck_assert_ptr_nonnull (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)));
  cg_test_spin_for (300);
  cg_test_write_screenshot (about, "about");
  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_dark_style)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  AdwStyleManager *style = adw_style_manager_get_default ();
  CgCganConfig config;

  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme",
                                  g_variant_new_string ("dark"));
  ck_assert (adw_style_manager_get_dark (style));
  cg_test_tiny_config (&config, 2);
  cg_test_window_train (window, &config, TRUE);
  cg_test_shoot_view (window, "catalogue", "catalogue-dark");
  cg_test_shoot_view (window, "training", "training-dark");
  cg_test_shoot_view (window, "recommendations", "recommendations-dark");

  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme",
                                  g_variant_new_string ("light"));
  ck_assert (!adw_style_manager_get_dark (style));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* NULL when widget's accessible label is label, else what it is (for the message). */
static char *
check_accessible_label (GtkWidget  *widget,
                        const char *label)
{
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, label);
}

START_TEST (test_icon_controls_are_named)
{
  g_autoptr(CgApplication) app = NULL;
  GtkWidget *card, *clear, *menu, *copy;
  CgWindow *window;
  char *value;

  /* The test AT context records what screen readers would be told (the suite's GTK_A11Y
   * is "none", which records nothing). Read at the first widget of this test's process. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  app = cg_test_application_new ();

  /* A card's stars and clear button show only icons: a screen reader needs words. */
  card = g_object_ref_sink (cg_movie_card_new ());
  value = check_accessible_label (GTK_WIDGET (cg_movie_card_get_stars (CG_MOVIE_CARD (card))),
                                  "Your rating");
  ck_assert_msg (value == NULL, "the stars are labelled \"%s\"", value);
  clear = cg_test_find_widget (card, cg_test_widget_has_css_class, "clear-rating");
  ck_assert_ptr_nonnull (clear);
  value = check_accessible_label (clear, "Clear rating");
  ck_assert_msg (value == NULL, "the clear button is labelled \"%s\"", value);
  g_object_unref (card);

  /* The header bar's menu button and the command's copy button are icons too. */
  window = cg_test_open_window (app);
  menu = cg_test_find_widget (GTK_WIDGET (window), cg_test_widget_has_css_class, "main-menu");
  ck_assert_ptr_nonnull (menu);
  ck_assert (GTK_IS_MENU_BUTTON (menu));
  value = check_accessible_label (menu, "Main Menu");
  ck_assert_msg (value == NULL, "the main menu button is labelled \"%s\"", value);
  copy = cg_test_find_widget (GTK_WIDGET (window), cg_test_widget_has_action,
                              "win.copy-fetch-command");
  value = check_accessible_label (copy, "Copy the command");
  ck_assert_msg (value == NULL, "the copy button is labelled \"%s\"", value);
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_settings_are_remembered)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  GSettings *settings = cg_application_get_settings (app);
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *epochs = NULL;
  g_autofree char *split = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *kept_path = cg_test_home_path ("kept.cgan");
  CgMovieSorter *sorter;
  g_autoptr(GFile) kept = g_file_new_for_path (kept_path);
  CgTestOutcome outcome = { 0 };
  CgTrainingView *training;
  CgCganConfig config;
  CgWindow *window;
  int width, height;

  /* What an earlier session left. */
  g_settings_set_int (settings, "window-width", 1100);
  g_settings_set_int (settings, "window-height", 700);
  g_settings_set_value (settings, "training-settings",
                        g_variant_new_parsed ("{'embed-dim': '12', 'epochs': '3', "
                                              "'no-such-setting': '1'}"));
  g_settings_set_string (settings, "training-split", "u3");
  g_settings_set_uint (settings, "training-threshold", 5);
  g_settings_set_boolean (settings, "training-include-me", TRUE);
  g_settings_set_string (settings, "color-scheme", "dark");
  g_settings_set_string (settings, "catalogue-sort", "year");

  window = cg_test_open_window (app);
  training = CG_TRAINING_VIEW (cg_window_get_training_view (window));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  ck_assert_int_eq (width, 1100);
  ck_assert_int_eq (height, 700);
  ck_assert (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cg_training_view_get_config (training, &config);
  ck_assert_uint_eq (config.embed_dim, 12);
  ck_assert_uint_eq (config.epochs, 3);
  ck_assert_str_eq (cg_training_view_get_split (training), "u3");
  ck_assert_uint_eq (cg_training_view_get_threshold (training), 5);
  ck_assert (cg_training_view_get_include_me (training));
  sorter = cg_catalog_model_get_sorter (cg_session_get_catalog (session_of (window)));
  ck_assert_int_eq (cg_movie_sorter_get_order (sorter), CG_MOVIE_SORT_YEAR);
  cg_movie_sorter_set_order (sorter, CG_MOVIE_SORT_AVERAGE);
  sort = g_settings_get_string (settings, "catalogue-sort");
  ck_assert_str_eq (sort, "average");

  /* A run started remembers its settings. */
  cg_training_view_set_split (training, "u1");
  cg_training_view_set_threshold (training, 4);
  cg_test_tiny_config (&config, 2);
  cg_test_window_train (window, &config, TRUE);
  saved = g_settings_get_value (settings, "training-settings");
  ck_assert (g_variant_lookup (saved, "epochs", "s", &epochs));
  ck_assert_str_eq (epochs, "2");
  ck_assert_uint_eq (g_settings_get_uint (settings, "training-threshold"), 4);
  split = g_settings_get_string (settings, "training-split");
  ck_assert_str_eq (split, "u1");

  /* A folder chosen is where the next start looks first. */
  cg_window_load_dataset_async (window, cg_test_home_data_dir (), NULL, cg_test_outcome_cb,
                                &outcome);
  ck_assert (cg_test_wait (&outcome, 30000));
  folder = g_settings_get_string (settings, "dataset-folder");
  ck_assert_str_eq (folder, cg_test_home_data_dir ());

  /* Closing keeps the size (nothing unsaved: the model was saved). */
  ck_assert (cg_session_save_model (session_of (window), kept, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 650);
  gtk_window_close (GTK_WINDOW (window));
  ck_assert_int_eq (g_settings_get_int (settings, "window-width"), 1000);
  ck_assert_int_eq (g_settings_get_int (settings, "window-height"), 650);
  ck_assert (!g_settings_get_boolean (settings, "window-maximized"));
  g_settings_set_string (settings, "color-scheme", "system");
  g_settings_reset (settings, "catalogue-sort");
}
END_TEST

/* A first start shows the movies most people rated, which a newcomer is likely to know, and
 * a Recommendations page that says how to get a model. */
START_TEST (test_first_start_sorts_by_most_rated)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  CgMovieSorter *sorter = cg_catalog_model_get_sorter (cg_session_get_catalog (session_of (window)));
  GtkWidget *actions;

  ck_assert_int_eq (cg_movie_sorter_get_order (sorter), CG_MOVIE_SORT_POPULARITY);
  /* The toolbar says so. */
  ck_assert_uint_eq (gtk_drop_down_get_selected (GTK_DROP_DOWN (
                       cg_test_get_by_name (GTK_WIDGET (window), "sort"))),
                     CG_MOVIE_SORT_POPULARITY);

  /* With no model yet, the Recommendations page offers Train and Open, both working here. */
  cg_window_show_view (window, "recommendations");
  cg_test_spin_for (200);
  actions = cg_test_get_by_name (GTK_WIDGET (window), "no-model-actions");
  ck_assert (gtk_widget_get_mapped (actions));
  for (GtkWidget *button = gtk_widget_get_first_child (actions); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    ck_assert (gtk_widget_is_sensitive (button));
  cg_test_write_screenshot (GTK_WIDGET (window), "recommendations-no-model");
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* A search that hides every movie says which filters are on, and one button clears them. */
START_TEST (test_no_match_names_filters)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *search = cg_test_get_by_name (GTK_WIDGET (window), "search");
  GtkWidget *empty = cg_test_get_by_name (GTK_WIDGET (window), "catalogue-empty");
  GtkWidget *clear = cg_test_get_by_name (GTK_WIDGET (window), "clear-filters");
  CgCatalogModel *catalog = cg_session_get_catalog (session_of (window));
  const char *description;

  gtk_editable_set_text (GTK_EDITABLE (search), "no such title anywhere");
  ck_assert (cg_test_spin_until (cg_test_mapped, empty, 5000));
  description = adw_status_page_get_description (ADW_STATUS_PAGE (empty));
  ck_assert_msg (strstr (description, "“no such title anywhere”") != NULL, "%s", description);
  cg_test_spin_for (300);
  cg_test_write_screenshot (GTK_WIDGET (window), "catalogue-no-match");

  gtk_widget_activate (clear);
  ck_assert (cg_test_spin_until (cg_test_unmapped, empty, 5000));
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (search)), "");
  ck_assert_uint_gt (g_list_model_get_n_items (cg_catalog_model_get_model (catalog)), 0);
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* Every rating change from the window can be walked back, newest first, with Ctrl+Z or the
 * toast's Undo; a click that changes nothing leaves nothing to undo. */
START_TEST (test_undo_rating)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  CgRatingsStore *ratings = cg_application_get_ratings_store (app);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.undo-rating");

  ck_assert (g_strv_contains ((const char *const *) accels, "<Control>z"));
  /* Nothing to undo yet: nothing happens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rating", NULL);
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (ratings), 0);

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.rate-movie", "(uu)", 1, 4));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.rate-movie", "(uu)", 1, 4));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.rate-movie", "(uu)", 1, 2));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.rate-movie", "(uu)", 2, 5));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.rate-movie", "(uu)", 2, 0));
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, 1), 2);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, 2), 0);
  cg_test_spin_for (300);
  /* One toast, for the last change, with its Undo. */
  ck_assert_ptr_nonnull (cg_test_find_widget (GTK_WIDGET (window), cg_test_widget_has_action,
                                              "win.undo-rating"));
  cg_test_write_screenshot (GTK_WIDGET (window), "rating-undo-toast");

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rating", NULL));
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, 2), 5);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rating", NULL));
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, 2), 0);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rating", NULL));
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, 1), 4);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rating", NULL));
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, 1), 0);
  ck_assert (cg_ratings_store_set_rating (ratings, 3, 3, NULL));
  /* Only the window's own changes are undone, and all of them are. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rating", NULL);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, 3), 3);
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static Suite *
window_suite (void)
{
  Suite *s = suite_create ("window");
  TCase *tc = tcase_create ("window");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_finds_dataset_and_fits);
  tcase_add_test (tc, test_card_stars_save_ratings);
  tcase_add_test (tc, test_unsaved_ratings_banner);
  tcase_add_test (tc, test_train_including_you);
  tcase_add_test (tc, test_your_recommendations_leave_out_your_ratings);
  tcase_add_test (tc, test_save_names_the_file);
  tcase_add_test (tc, test_counter_follows_threshold);
  tcase_add_test (tc, test_dataset_not_found_page);
  tcase_add_test (tc, test_shortcuts_and_about);
  tcase_add_test (tc, test_dark_style);
  tcase_add_test (tc, test_icon_controls_are_named);
  tcase_add_test (tc, test_settings_are_remembered);
  tcase_add_test (tc, test_first_start_sorts_by_most_rated);
  tcase_add_test (tc, test_no_match_names_filters);
  tcase_add_test (tc, test_undo_rating);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (window_suite ());
}
