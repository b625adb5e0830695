/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-dataset-chooser.c: the list of datasets found, and the window on releases other
 * than ML-100K.
 *
 * Datasets… lists every release in the data folder ($XDG_DATA_HOME/cinegan) beside the one
 * open, marks that one, counts each in the background (and stops when closed), and opens
 * the one chosen in the window, which keeps its dataset when that one cannot be read; with
 * nothing found it says where it looked and how to download one. A window on
 * a CSV release or an ML-1M one shows their accented titles as written, offers the splits
 * those releases have, trains on them and recommends to their users. The releases are
 * synthetic, written by the engine as the real ones are laid out. Each test runs in its own
 * process with its own home. Needs a display: suite `gui`.
 */

#include "config.h"

#include <string.h>

#include "cg-dataset-chooser.h"
#include "cg-gui-test.h"
#include "cg-movie-card.h"
#include "cg-recommendation-item.h"
#include "cg-recommendations-view.h"
#include "cg-synthetic.h"
#include "cg-training-view.h"

/* ---- releases ---- */

typedef struct
{
  char    *dir;
  guint    n_movies;
  gsize    n_ratings;
} Release;

static void
release_clear (Release *release)
{
  g_clear_pointer (&release->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Release, release_clear)

/* A small release of format in $XDG_DATA_HOME/cinegan/name, as the fetch script puts the
 * real ones there. */
static void
write_release (Release    *release,
               const char *name,
               CgFormat    format,
               guint64     seed)
{
  g_autoptr(GError) error = NULL;
  CgSyntheticShape shape;
  CgRating *ratings;

  cg_synthetic_shape_init (&shape, 80, 150, 1500);
  shape.half_stars = format == CG_FORMAT_CSV;
  shape.seed = seed;
  release->dir = g_build_filename (g_get_user_data_dir (), "cinegan", name, NULL);
  ck_assert_msg (cg_synthetic_write (&shape, format, CG_SYNTHETIC_WRITE_DEFAULT, release->dir,
                                     &error), "%s", error != NULL ? error->message : "?");
  ratings = cg_synthetic_ratings (&shape, &release->n_ratings, &error);
  ck_assert_msg (ratings != NULL, "%s", error != NULL ? error->message : "?");
  g_free (ratings);
  release->n_movies = shape.n_items;
}

/* Each test's home, with no source tree to look in: only what the test writes is found. */
static void
setup (void)
{
  cg_test_home_setup ();
  g_unsetenv ("CINEGAN_SOURCE_DATA_DIR");
}

/* ---- the chooser ---- */

static CgDatasetChooser *
show_chooser (CgWindow *window)
{
  GtkWidget *chooser;

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-datasets", NULL));
  ck_assert (cg_test_spin_until (cg_test_toplevel_shown,
                                 GSIZE_TO_POINTER (CG_TYPE_DATASET_CHOOSER), 20000));
  chooser = cg_test_find_toplevel (CG_TYPE_DATASET_CHOOSER);
  ck_assert (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (window));
  ck_assert (gtk_window_get_modal (GTK_WINDOW (chooser)));
  return CG_DATASET_CHOOSER (chooser);
}

static gboolean
counted (gpointer data)
{
  return !cg_dataset_chooser_get_counting (CG_DATASET_CHOOSER (data));
}

/* The row listing the release in dir. */
static GtkWidget *
row_of (CgDatasetChooser *chooser,
        const char       *dir)
{
  g_autoptr(GPtrArray) rows = cg_test_find_widgets (GTK_WIDGET (chooser),
                                                    cg_test_widget_has_name, "dataset-row");

  for (guint i = 0; i < rows->len; i++)
    {
      const CgDataSource *source = g_object_get_data (rows->pdata[i], "cg-data-source");

      if (g_strcmp0 (source->path, dir) == 0)
        return rows->pdata[i];
    }
  ck_abort_msg ("no row for %s", dir);
  return NULL;
}

/* The row's release counted as written, and its counts shown. */
static void
check_counts (CgDatasetChooser *chooser,
              const Release    *release,
              CgFormat          format)
{
  GtkWidget *row = row_of (chooser, release->dir);
  const CgDataSource *source = g_object_get_data (G_OBJECT (row), "cg-data-source");
  GtkWidget *counts = cg_test_get_by_name (row, "dataset-counts");
  const char *text = gtk_label_get_text (GTK_LABEL (counts));
  g_autofree char *movies = g_strdup_printf ("%'u", release->n_movies);
  g_autofree char *ratings = g_strdup_printf ("%'" G_GSIZE_FORMAT, release->n_ratings);

  ck_assert_int_eq (source->format, format);
  ck_assert (source->counted);
  ck_assert_uint_eq (source->n_movies, release->n_movies);
  ck_assert_uint_eq (source->n_ratings, release->n_ratings);
  ck_assert_msg (strstr (text, movies) != NULL && strstr (text, ratings) != NULL,
                 "“%s” lacks %s or %s", text, movies, ratings);
  ck_assert (!gtk_widget_get_visible (cg_test_get_by_name (row, "dataset-current")));
}

typedef struct
{
  CgWindow   *window;
  const char *dir;
  guint       n_movies;
} Opened;

static gboolean
opened (gpointer data)
{
  Opened *wait = data;
  CgSession *session = cg_window_get_session (wait->window);

  return g_strcmp0 (cg_session_get_data_dir (session), wait->dir) == 0
         && !cg_session_get_busy (session)
         && g_list_model_get_n_items (cg_catalog_model_get_all (
              cg_session_get_catalog (session))) == wait->n_movies;
}

static gboolean
loading_toast_shown (gpointer window)
{
  return cg_test_find_widget (window, cg_test_label_starts_with, "Opening “") != NULL;
}

static gboolean
loading_toast_gone (gpointer window)
{
  return !loading_toast_shown (window);
}

START_TEST (test_chooser_lists_counts_and_opens)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  g_auto(Release) csv = { 0 };
  g_auto(Release) ml_1m = { 0 };
  CgWindow *window;
  CgDatasetChooser *chooser;
  GtkWidget *current;
  gpointer weak;
  Opened wait;

  write_release (&csv, "ml-latest-small", CG_FORMAT_CSV, 11);
  write_release (&ml_1m, "ml-1m", CG_FORMAT_ML_1M, 12);
  window = cg_test_open_window (app);

  /* Closed before it has counted, it stops counting and goes (the count holds it until
   * then). */
  chooser = CG_DATASET_CHOOSER (cg_dataset_chooser_new (window));
  ck_assert (cg_dataset_chooser_get_counting (chooser));
  weak = chooser;
  g_object_add_weak_pointer (G_OBJECT (chooser), &weak);
  gtk_window_destroy (GTK_WINDOW (chooser));
  ck_assert (cg_test_spin_until (cg_test_object_gone, &weak, 10000));

  chooser = show_chooser (window);

  /* The folder open ($CINEGAN_DATA_DIR's) first and marked, then the data folder's. */
  ck_assert_uint_eq (cg_dataset_chooser_get_sources (chooser)->len, 3);
  current = row_of (chooser, cg_test_home_data_dir ());
  ck_assert (gtk_widget_get_visible (cg_test_get_by_name (current, "dataset-current")));
  ck_assert_str_eq (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_of (chooser,
                                                                                csv.dir))),
                    "ml-latest-small");
  ck_assert_str_eq (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_of (chooser,
                                                                                ml_1m.dir))),
                    "ml-1m");

  ck_assert (cg_test_spin_until (counted, chooser, 20000));
  check_counts (chooser, &csv, CG_FORMAT_CSV);
  check_counts (chooser, &ml_1m, CG_FORMAT_ML_1M);
  cg_test_spin_for (200);
  cg_test_write_screenshot (GTK_WIDGET (chooser), "dataset-chooser");

  /* Choosing a row opens its release in the window, and the chooser is gone. */
  weak = chooser;
  g_object_add_weak_pointer (G_OBJECT (chooser), &weak);
  g_signal_emit_by_name (row_of (chooser, csv.dir), "activate");
  /* Over the dataset shown, a toast says what is opening until it is open. */
  ck_assert (loading_toast_shown (window));
  ck_assert (cg_test_spin_until (cg_test_object_gone, &weak, 5000));
  wait = (Opened) { window, csv.dir, csv.n_movies };
  ck_assert_msg (cg_test_spin_until (opened, &wait, 30000), "the window did not open %s",
                 csv.dir);
  ck_assert_str_eq (cg_window_get_page (window), "views");
  ck_assert (cg_test_spin_until (loading_toast_gone, window, 5000));

  /* Asked again, it marks the release open now. */
  chooser = show_chooser (window);
  ck_assert (gtk_widget_get_visible (cg_test_get_by_name (row_of (chooser, csv.dir),
                                                          "dataset-current")));
  current = row_of (chooser, cg_test_home_data_dir ());
  ck_assert (!gtk_widget_get_visible (cg_test_get_by_name (current, "dataset-current")));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* A release that cannot be read: the window keeps its dataset and says why. */
START_TEST (test_chooser_keeps_the_dataset_on_failure)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  g_auto(Release) csv = { 0 };
  g_autofree char *ratings = NULL;
  CgWindow *window;
  CgDatasetChooser *chooser;

  write_release (&csv, "ml-latest-small", CG_FORMAT_CSV, 11);
  ratings = g_build_filename (csv.dir, "ratings.csv", NULL);
  ck_assert (g_file_set_contents (ratings, "userId,movieId,rating,timestamp\n1,x,y,z\n", -1,
                                  NULL));
  window = cg_test_open_window (app);
  chooser = show_chooser (window);
  ck_assert (cg_test_spin_until (counted, chooser, 20000));
  g_signal_emit_by_name (row_of (chooser, csv.dir), "activate");
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 30000));
  ck_assert_str_eq (cg_session_get_data_dir (cg_window_get_session (window)),
                    cg_test_home_data_dir ());
  ck_assert_str_eq (cg_window_get_page (window), "views");
  gtk_window_close (GTK_WINDOW (cg_test_find_question ()));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_chooser_says_where_it_looked)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  g_autofree char *command = cg_window_dup_fetch_command ();
  g_autofree char *data_folder = g_build_filename (g_get_user_data_dir (), "cinegan", NULL);
  g_autofree char *places = NULL;
  CgWindow *window = cg_test_open_window (app);
  CgDatasetChooser *chooser;
  GtkWidget *empty;
  gpointer weak;

  /* The window keeps the folder it has; with $CINEGAN_DATA_DIR gone, nothing else is. */
  g_unsetenv ("CINEGAN_DATA_DIR");
  chooser = show_chooser (window);
  ck_assert_uint_eq (cg_dataset_chooser_get_sources (chooser)->len, 0);
  empty = cg_test_get_by_name (GTK_WIDGET (chooser), "datasets-empty");
  ck_assert (gtk_widget_get_mapped (empty));
  places = g_strdup (gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (empty,
                                                                        "datasets-places"))));
  ck_assert_msg (strstr (places, "cinegan") != NULL, "%s", places);
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                      empty, "datasets-fetch-command"))), command);
  cg_test_spin_for (200);
  cg_test_write_screenshot (GTK_WIDGET (chooser), "dataset-chooser-empty");

  /* Closed (window.close, which Escape runs), it is gone with its count. */
  weak = chooser;
  g_object_add_weak_pointer (G_OBJECT (chooser), &weak);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (chooser), "window.close", NULL));
  ck_assert (cg_test_spin_until (cg_test_object_gone, &weak, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* The main menu leads to it, and the shortcuts window lists its key. */
START_TEST (test_chooser_is_in_the_menu)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.show-datasets");
  GtkWidget *menu_button = cg_test_find_widget (GTK_WIDGET (window),
                                                cg_test_widget_has_css_class, "main-menu");
  GMenuModel *menu;
  GtkWidget *shortcuts;
  gboolean in_menu = FALSE;

  ck_assert_ptr_nonnull (menu_button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  ck_assert_uint_gt (g_strv_length (accels), 0);
  for (int s = 0; s < g_menu_model_get_n_items (menu) && !in_menu; s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                               &action)
              && g_str_equal (action, "win.show-datasets"))
            in_menu = TRUE;
        }
    }
  ck_assert (in_menu);

  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  ck_assert (cg_test_spin_until (cg_test_toplevel_shown,
                                 GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW), 20000));
  shortcuts = cg_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  ck_assert_ptr_nonnull (cg_test_find_widget (shortcuts, cg_test_shortcut_has_action,
                                              "win.show-datasets"));
  cg_test_spin_for (300);
  cg_test_write_screenshot (shortcuts, "shortcuts");
  gtk_window_destroy (GTK_WINDOW (shortcuts));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* ---- other releases in the window ---- */

typedef struct
{
  GtkWidget  *catalogue;
  const char *word;
} TitleWait;

/* Every card on screen is of a movie whose title holds word, and shows its title. */
static gboolean
all_cards_show (gpointer data)
{
  TitleWait *wait = data;
  const char *word = wait->word;
  GtkWidget *catalogue = wait->catalogue;
  g_autoptr(GPtrArray) cards = cg_test_find_widgets (catalogue, cg_test_widget_is_mapped_a,
                                                     GSIZE_TO_POINTER (CG_TYPE_MOVIE_CARD));

  if (cards->len == 0)
    return FALSE;
  for (guint i = 0; i < cards->len; i++)
    {
      CgMovieItem *item = cg_movie_card_get_item (cards->pdata[i]);
      GtkWidget *title = cg_test_find_widget (cards->pdata[i], cg_test_widget_has_css_class,
                                              "movie-title");

      if (item == NULL || title == NULL
          || strstr (cg_movie_item_get_title (item), word) == NULL
          || g_strcmp0 (gtk_label_get_text (GTK_LABEL (title)),
                        cg_movie_item_get_display_title (item)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Searching for word shows only its titles, and each as written, accents and all. */
static void
check_titles (CgWindow   *window,
              const char *word,
              const char *pattern)
{
  GtkWidget *search = cg_test_get_by_name (cg_window_get_catalog_view (window), "search");
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  TitleWait wait = { cg_window_get_catalog_view (window), word };

  cg_window_show_view (window, "catalogue");
  gtk_editable_set_text (GTK_EDITABLE (search), word);
  ck_assert_msg (cg_test_spin_until (all_cards_show, &wait, 10000),
                 "the catalogue does not show only “%s” titles", word);
  cards = cg_test_find_widgets (cg_window_get_catalog_view (window), cg_test_widget_is_mapped_a,
                                GSIZE_TO_POINTER (CG_TYPE_MOVIE_CARD));
  for (guint i = 0; i < cards->len; i++)
    {
      GtkWidget *title = cg_test_find_widget (cards->pdata[i], cg_test_widget_has_css_class,
                                              "movie-title");

      ck_assert_msg (g_regex_match (regex, gtk_label_get_text (GTK_LABEL (title)), 0, NULL),
                     "“%s” is not like %s", gtk_label_get_text (GTK_LABEL (title)), pattern);
    }
  gtk_editable_set_text (GTK_EDITABLE (search), "");
}

static void
check_release_in_window (CgFormat    format,
                         const char *name,
                         const char *screenshot)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  g_auto(Release) release = { 0 };
  CgWindow *window;
  CgSession *session;
  CgTrainingView *training;
  CgRecommendationsView *recommendations;
  GtkWidget *split;
  GListModel *splits;
  GListModel *items;
  CgCganConfig config;

  write_release (&release, name, format, 21);
  window = cg_test_open_window_on (app, release.dir);
  session = cg_window_get_session (window);
  ck_assert_uint_eq (g_list_model_get_n_items (cg_catalog_model_get_all (
                       cg_session_get_catalog (session))), release.n_movies);

  /* ML-1M's movies.dat is Latin-1, the CSV releases' UTF-8: both read as written. */
  check_titles (window, "Amélie", "^Amélie [0-9]+$");
  check_titles (window, "Misérables", "^Misérables [0-9]+, Les$");

  /* These releases have no split files: the form offers the splits made when loading. */
  training = CG_TRAINING_VIEW (cg_window_get_training_view (window));
  cg_window_show_view (window, "training");
  split = cg_test_get_by_name (GTK_WIDGET (training), "split");
  splits = adw_combo_row_get_model (ADW_COMBO_ROW (split));
  ck_assert_uint_eq (g_list_model_get_n_items (splits), 2);
  ck_assert_str_eq (gtk_string_list_get_string (GTK_STRING_LIST (splits), 0), "random:0.2:1");
  ck_assert_str_eq (gtk_string_list_get_string (GTK_STRING_LIST (splits), 1), "temporal:0.2");
  ck_assert_str_eq (cg_training_view_get_split (training), "random:0.2:1");

  cg_test_tiny_config (&config, 1);
  cg_test_window_train (window, &config, TRUE);
  ck_assert_int_eq (cg_training_run_get_state (cg_session_get_run (session)),
                    CG_TRAINING_RUN_FINISHED);
  ck_assert_ptr_nonnull (cg_session_get_model (session));

  /* A user of the release gets recommendations from it. */
  recommendations = CG_RECOMMENDATIONS_VIEW (cg_window_get_recommendations_view (window));
  items = cg_recommendation_list_get_items (cg_recommendations_view_get_list (recommendations));
  cg_window_show_view (window, "recommendations");
  cg_recommendations_view_show_user (recommendations, 1);
  ck_assert_uint_gt (g_list_model_get_n_items (items), 0);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CgRecommendationItem) item = g_list_model_get_item (items, i);
      CgMovieItem *movie = cg_recommendation_item_get_movie (item);

      ck_assert_ptr_nonnull (movie);
      ck_assert (g_utf8_validate (cg_movie_item_get_title (movie), -1, NULL));
    }
  cg_test_shoot_view (window, "recommendations", screenshot);
  gtk_window_destroy (GTK_WINDOW (window));
}

START_TEST (test_csv_release_in_the_window)
{
  check_release_in_window (CG_FORMAT_CSV, "ml-latest-small", "recommendations-csv");
}
END_TEST

START_TEST (test_ml_1m_release_in_the_window)
{
  check_release_in_window (CG_FORMAT_ML_1M, "ml-1m", "recommendations-ml-1m");
}
END_TEST

static Suite *
dataset_chooser_suite (void)
{
  Suite *s = suite_create ("dataset-chooser");
  TCase *tc = tcase_create ("chooser");
  TCase *releases = tcase_create ("releases");

  tcase_add_checked_fixture (tc, setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_chooser_lists_counts_and_opens);
  tcase_add_test (tc, test_chooser_keeps_the_dataset_on_failure);
  tcase_add_test (tc, test_chooser_says_where_it_looked);
  tcase_add_test (tc, test_chooser_is_in_the_menu);
  suite_add_tcase (s, tc);

  tcase_add_checked_fixture (releases, setup, cg_test_home_teardown);
  tcase_set_timeout (releases, 240);
  tcase_add_test (releases, test_csv_release_in_the_window);
  tcase_add_test (releases, test_ml_1m_release_in_the_window);
  suite_add_tcase (s, releases);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (dataset_chooser_suite ());
}
