/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-window.c: the real application window, end to end, on a synthetic dataset.
 *
 * The new-user flow through the same code the buttons and dialogs run: the window finds
 * the dataset, stars clicked on catalogue cards land in the ratings file, win.train runs
 * one epoch including you, the plots hold that epoch, the recommendations for You are K
 * movies none of which you rated, the model is saved and opened again with the same list,
 * and a damaged model file or an impossible save leaves the current model alone. Also the
 * "dataset not found" page and loading a folder from it; closing: during a load, with
 * "Discard and Close", after a question vanished unanswered, through app.quit, and in the
 * middle of a run (the application waits for it); no Open during a run; the counter's
 * threshold; accessible labels. Screenshots of every view are written to
 * $CG_SCREENSHOT_DIR (the build dir) to be looked at.
 *
 * Needs a display: suite `gui`, run under xvfb-run and dbus-run-session.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>
#include <string.h>

#include "cg-application.h"
#include "cg-data-dir.h"
#include "cg-movie-card.h"
#include "cg-plot.h"
#include "cg-recommendation-row.h"
#include "cg-recommendations-view.h"
#include "cg-test-util.h"
#include "cg-training-view.h"
#include "cg-window.h"

static char *tmp_dir;
static char *data_dir;

static void
setup (void)
{
  g_autofree char *xdg_data = NULL;
  g_autofree char *xdg_config = NULL;
  CgSyntheticSpec spec;

  tmp_dir = cg_test_make_temp_dir ();
  xdg_data = g_build_filename (tmp_dir, "data", NULL);
  xdg_config = g_build_filename (tmp_dir, "config", NULL);
  data_dir = g_build_filename (tmp_dir, "ml", NULL);
  ck_assert_int_eq (g_mkdir_with_parents (data_dir, 0700), 0);

  /* Set before GLib caches them: Check runs each test in a fresh child. */
  g_setenv ("XDG_DATA_HOME", xdg_data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", xdg_config, TRUE);
  g_setenv ("OPENBLAS_NUM_THREADS", "1", TRUE);

  cg_synthetic_spec_init (&spec);
  spec.seed = 5;
  cg_test_write_synthetic (data_dir, &spec);
}

static void
teardown (void)
{
  cg_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  g_clear_pointer (&data_dir, g_free);
}

/* ---- helpers ---- */

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until cond holds or timeout_ms passes; returns cond's last value. */
static gboolean
spin_until (Condition cond,
            gpointer  data,
            guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
spin_for (guint ms)
{
  spin_until (never, NULL, ms);
}

static CgApplication *
start_application (void)
{
  g_autoptr(GError) error = NULL;
  CgApplication *app = cg_application_new ();

  /* Each test has its own session bus, but nothing needs to own the name. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  ck_assert_msg (g_application_register (G_APPLICATION (app), NULL, &error),
                 "%s", error != NULL ? error->message : "?");
  return app;
}

static gboolean
dataset_settled (gpointer data)
{
  return strcmp (cg_window_get_page (CG_WINDOW (data)), "loading") != 0;
}

static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  if (CG_IS_MOVIE_CARD (widget))
    {
      if (cg_movie_card_get_item (CG_MOVIE_CARD (widget)) != NULL
          && gtk_widget_get_mapped (widget))
        g_ptr_array_add (cards, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

static gboolean
cards_shown (gpointer data)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  collect_cards (GTK_WIDGET (data), cards);
  return cards->len >= 3;
}

static void
collect_star_buttons (GtkWidget *widget,
                      GPtrArray *stars)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "star"))
    g_ptr_array_add (stars, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_star_buttons (child, stars);
}

/* Clicks star n (1–5) of card, as the mouse would: the button's ::clicked (activate would
 * only emit it after its 250 ms pressed look). */
static void
click_star (GtkWidget *card,
            guint      n)
{
  g_autoptr(GPtrArray) stars = g_ptr_array_new ();

  collect_star_buttons (card, stars);
  ck_assert_uint_eq (stars->len, 5);
  g_signal_emit_by_name (g_ptr_array_index (stars, n - 1), "clicked");
  spin_for (20);
}

static void
write_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("CG_SCREENSHOT_DIR");
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", file, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  ck_assert_int_gt (width, 0);
  ck_assert_int_gt (height, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  ck_assert_ptr_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ck_assert_msg (gdk_texture_save_to_png (texture, path), "could not write %s", path);
  g_print ("screenshot: %s\n", path);
}

static void
show_and_shoot (CgWindow   *window,
                const char *view)
{
  cg_window_show_view (window, view);
  spin_for (400);
  write_screenshot (GTK_WIDGET (window), view);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Outcome;

static void
on_open_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = cg_window_open_model_finish (CG_WINDOW (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
on_load_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = cg_window_load_dataset_finish (CG_WINDOW (object), result, &outcome->error);
  outcome->done = TRUE;
}

static gboolean
outcome_done (gpointer data)
{
  return ((Outcome *) data)->done;
}

static gboolean
training_finished (gpointer data)
{
  CgWindow *window = data;
  GtkWidget *view = cg_window_get_training_view (window);

  return cg_window_get_model (window) != NULL
         && !cg_training_view_get_training (CG_TRAINING_VIEW (view));
}

typedef struct
{
  guint32 movie_id;
  double  score;
} Recommended;

static GArray *
recommendations_for_you (CgWindow *window,
                         guint     k)
{
  CgRecommendationsView *view =
    CG_RECOMMENDATIONS_VIEW (cg_window_get_recommendations_view (window));
  GListModel *rows;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Recommended));

  cg_recommendations_view_show_you (view);
  cg_recommendations_view_set_k (view, k);
  cg_recommendations_view_refresh (view);
  rows = cg_recommendations_view_get_rows (view);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(CgRecommendationRow) row = g_list_model_get_item (rows, i);
      Recommended r = { cg_recommendation_row_get_movie_id (row),
                        cg_recommendation_row_get_score (row) };

      g_array_append_val (out, r);
    }
  return out;
}

/* Starts a run through win.train with the given sizes (one OpenBLAS thread, K = 5). */
static void
start_training (CgWindow *window,
                guint     embed_dim,
                guint     noise_dim,
                guint     hidden_dim,
                guint     epochs,
                guint     batch_size)
{
  CgTrainingView *training = CG_TRAINING_VIEW (cg_window_get_training_view (window));
  CgCganConfig config;

  cg_training_view_get_config (training, &config);
  config.embed_dim = embed_dim;
  config.noise_dim = noise_dim;
  config.hidden_dim = hidden_dim;
  config.epochs = epochs;
  config.batch_size = batch_size;
  config.threads = 1;
  config.k = 5;
  cg_training_view_set_config (training, &config);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL));
}

/* Runs one tiny epoch through win.train and waits for it: the window then holds an
 * unsaved model. */
static void
train_one_epoch (CgWindow *window)
{
  start_training (window, 8, 4, 16, 1, 64);
  ck_assert (spin_until (training_finished, window, 120000));
  ck_assert (cg_window_get_model_dirty (window));
}

/* The visible message dialog (the discard question), or NULL. */
static GtkWidget *
find_question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

static gboolean
question_shown (gpointer data)
{
  return find_question () != NULL;
}

/* data points at a weak pointer: TRUE once the object is finalised. */
static gboolean
object_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static CgWindow *
open_window_on_dataset (CgApplication *app)
{
  CgWindow *window;

  g_setenv ("CINEGAN_DATA_DIR", data_dir, TRUE);
  window = cg_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  ck_assert (spin_until (dataset_settled, window, 30000));
  ck_assert_str_eq (cg_window_get_page (window), "views");
  return window;
}

/* The widget inside root that activates action_name (a header bar or page button). */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
not_training (gpointer data)
{
  return !cg_training_view_get_training (CG_TRAINING_VIEW (data));
}

/* Starts a run through win.train that lasts far longer than the test looks at it, with
 * mini-batches slow enough (wide layers) that a cancelled worker takes a while to stop. */
static void
start_long_training (CgWindow *window)
{
  start_training (window, 256, 16, 4096, 100000, 256);
  ck_assert (cg_training_view_get_training (
               CG_TRAINING_VIEW (cg_window_get_training_view (window))));
}

static GtkWidget *
find_by_css_class (GtkWidget  *root,
                   const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_css_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- tests ---- */

START_TEST (test_new_user_flow)
{
  g_autoptr(CgApplication) app = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GFile) model_file = NULL;
  g_autoptr(GFile) bad_file = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *model_path = NULL;
  g_autofree char *bad_path = NULL;
  g_autofree char *nowhere_path = NULL;
  g_autofree char *ratings_text = NULL;
  g_autofree char *ratings_path = NULL;
  CgRatingsStore *ratings;
  CgWindow *window;
  CgTrainingView *training;
  CgCganConfig config;
  CgCgan *trained;
  Outcome outcome = { FALSE, FALSE, NULL };
  guint32 rated[3];
  const guint k = 10;

  g_setenv ("CINEGAN_DATA_DIR", data_dir, TRUE);
  app = start_application ();
  ratings = cg_application_get_ratings_store (app);
  window = cg_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 820);
  gtk_window_present (GTK_WINDOW (window));

  /* The dataset is found through $CINEGAN_DATA_DIR and loaded in the background. */
  ck_assert (spin_until (dataset_settled, window, 30000));
  ck_assert_str_eq (cg_window_get_page (window), "views");
  ck_assert_str_eq (cg_window_get_data_dir (window), data_dir);
  ck_assert_ptr_null (cg_window_get_model (window));
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "Cinegan");

  /* Small screens: every view fits in 800 pixels. (The header bar is left out: its width
   * depends on the window buttons the desktop asks for, all three under a bare Xvfb.) */
  {
    GtkWidget *views[] = { GTK_WIDGET (cg_window_get_catalog_view (window)),
                           cg_window_get_training_view (window),
                           cg_window_get_recommendations_view (window) };
    int window_min = 0;

    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        int min_width = 0;

        gtk_widget_measure (views[i], GTK_ORIENTATION_HORIZONTAL, -1, &min_width,
                            NULL, NULL, NULL);
        g_print ("minimum width of %s: %d\n", G_OBJECT_TYPE_NAME (views[i]), min_width);
        ck_assert_int_le (min_width, 800);
      }
    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &window_min,
                        NULL, NULL, NULL);
    g_print ("minimum width of the window: %d\n", window_min);
  }

  /* ---- rate through the cards ---- */
  ck_assert (spin_until (cards_shown, cg_window_get_catalog_view (window), 10000));
  collect_cards (GTK_WIDGET (cg_window_get_catalog_view (window)), cards);
  for (guint i = 0; i < 3; i++)
    rated[i] = cg_movie_item_get_movie_id (cg_movie_card_get_item (g_ptr_array_index (cards, i)));

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

  /* Already on disk, in the test's own $XDG_DATA_HOME. */
  ratings_path = cg_ratings_store_default_path ();
  ck_assert_str_eq (cg_ratings_store_get_path (ratings), ratings_path);
  ck_assert (g_file_get_contents (ratings_path, &ratings_text, NULL, NULL));
  {
    g_autofree char *line = g_strdup_printf ("\n%u\t4\t", rated[1]);

    ck_assert_ptr_nonnull (strstr (ratings_text, line));
  }
  show_and_shoot (window, "catalogue");

  /* ---- train one epoch including you, through win.train ---- */
  training = CG_TRAINING_VIEW (cg_window_get_training_view (window));
  cg_training_view_get_config (training, &config);
  config.embed_dim = 8;
  config.noise_dim = 4;
  config.hidden_dim = 16;
  config.epochs = 1;
  config.batch_size = 64;
  config.threads = 1;
  config.k = 5;
  cg_training_view_set_config (training, &config);
  cg_training_view_set_include_me (training, TRUE);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.train", NULL));
  ck_assert (spin_until (training_finished, window, 120000));

  trained = cg_window_get_model (window);
  ck_assert_ptr_nonnull (trained);
  ck_assert (cg_window_get_model_dirty (window));
  ck_assert_ptr_null (cg_window_get_model_file (window));
  ck_assert (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• Untitled Model"));

  /* The plots hold the epoch. */
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_loss_plot (training),
                                           "D (epoch mean)"), 1);
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_metrics_plot (training),
                                           "NDCG@5"), 1);
  show_and_shoot (window, "training");

  /* ---- recommendations for You: K rows, none of them rated ---- */
  before = recommendations_for_you (window, k);
  ck_assert_uint_eq (before->len, k);
  for (guint i = 0; i < before->len; i++)
    for (guint j = 0; j < G_N_ELEMENTS (rated); j++)
      ck_assert_uint_ne (g_array_index (before, Recommended, i).movie_id, rated[j]);
  show_and_shoot (window, "recommendations");

  /* ---- save, then open again: the same list ---- */
  model_path = g_build_filename (tmp_dir, "flow.cgan", NULL);
  model_file = g_file_new_for_path (model_path);
  ck_assert_msg (cg_window_save_model (window, model_file, &error), "%s",
                 error != NULL ? error->message : "?");
  ck_assert (!cg_window_get_model_dirty (window));
  ck_assert (g_file_equal (cg_window_get_model_file (window), model_file));
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (window)), "flow.cgan — Cinegan");

  cg_window_open_model_async (window, model_file, NULL, on_open_done_cb, &outcome);
  ck_assert (spin_until (outcome_done, &outcome, 30000));
  ck_assert_msg (outcome.ok, "%s", outcome.error != NULL ? outcome.error->message : "?");
  ck_assert_ptr_ne (cg_window_get_model (window), trained);   /* a fresh copy from disk */
  ck_assert (!cg_window_get_model_dirty (window));
  after = recommendations_for_you (window, k);
  ck_assert_uint_eq (after->len, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      ck_assert_uint_eq (g_array_index (after, Recommended, i).movie_id,
                         g_array_index (before, Recommended, i).movie_id);
      ck_assert_double_eq_tol (g_array_index (after, Recommended, i).score,
                               g_array_index (before, Recommended, i).score, 1e-6);
    }
  /* The loaded history redraws the plots. */
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_loss_plot (training),
                                           "D (epoch mean)"), 1);

  /* ---- failures leave the current model alone ---- */
  trained = cg_window_get_model (window);
  bad_path = g_build_filename (tmp_dir, "damaged.cgan", NULL);
  ck_assert (g_file_set_contents (bad_path, "CGAN? no, just text", -1, NULL));
  bad_file = g_file_new_for_path (bad_path);
  outcome.done = FALSE;
  g_clear_error (&outcome.error);
  cg_window_open_model_async (window, bad_file, NULL, on_open_done_cb, &outcome);
  ck_assert (spin_until (outcome_done, &outcome, 30000));
  ck_assert (!outcome.ok);
  ck_assert_ptr_nonnull (outcome.error);
  ck_assert_ptr_nonnull (strstr (outcome.error->message, "damaged.cgan"));
  ck_assert_ptr_eq (cg_window_get_model (window), trained);
  ck_assert (g_file_equal (cg_window_get_model_file (window), model_file));
  g_clear_error (&outcome.error);

  nowhere_path = g_build_filename (tmp_dir, "no", "such", "folder", "x.cgan", NULL);
  nowhere = g_file_new_for_path (nowhere_path);
  ck_assert (!cg_window_save_model (window, nowhere, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert (g_file_equal (cg_window_get_model_file (window), model_file));
  ck_assert_ptr_eq (cg_window_get_model (window), trained);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
}
END_TEST

START_TEST (test_dataset_not_found_page)
{
  g_autoptr(CgApplication) app = NULL;
  g_autofree char *nowhere = g_build_filename (tmp_dir, "nowhere", NULL);
  g_autofree char *found = NULL;
  Outcome outcome = { FALSE, FALSE, NULL };
  GtkWidget *error_label;
  CgWindow *window;

  /* A developer's own data/ml-100k in the source tree would be found: nothing to test. */
  g_setenv ("CINEGAN_DATA_DIR", nowhere, TRUE);
  found = cg_data_dir_find (NULL, NULL);
  if (found != NULL)
    {
      g_print ("skipped: MovieLens found in %s\n", found);
      return;
    }

  app = start_application ();
  window = cg_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 820);
  gtk_window_present (GTK_WINDOW (window));
  ck_assert (spin_until (dataset_settled, window, 10000));
  ck_assert_str_eq (cg_window_get_page (window), "missing");
  ck_assert_ptr_null (cg_window_get_dataset (window));

  /* The page has the fetch command and the places searched: the engine's message, which
   * repeats both, is cut to what went wrong — here only what the title says already. */
  error_label = find_by_css_class (GTK_WIDGET (window), "error-text");
  ck_assert_ptr_nonnull (error_label);
  ck_assert_msg (!gtk_widget_get_visible (error_label), "the page repeats \"%s\"",
                 gtk_label_get_text (GTK_LABEL (error_label)));
  spin_for (300);
  write_screenshot (GTK_WIDGET (window), "dataset-missing");

  /* A folder without the data: an error, still on the page. */
  cg_window_load_dataset_async (window, tmp_dir, NULL, on_load_done_cb, &outcome);
  ck_assert (spin_until (outcome_done, &outcome, 10000));
  ck_assert (!outcome.ok);
  ck_assert_ptr_nonnull (outcome.error);
  ck_assert_str_eq (cg_window_get_page (window), "missing");
  /* That message says something new: it is shown. */
  ck_assert (gtk_widget_get_visible (error_label));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (error_label)), outcome.error->message);
  g_print ("dataset error shown: %s\n", outcome.error->message);
  g_clear_error (&outcome.error);

  /* What Choose Dataset Folder… does with a good folder. */
  outcome.done = FALSE;
  cg_window_load_dataset_async (window, data_dir, NULL, on_load_done_cb, &outcome);
  ck_assert (spin_until (outcome_done, &outcome, 30000));
  ck_assert_msg (outcome.ok, "%s", outcome.error != NULL ? outcome.error->message : "?");
  ck_assert_str_eq (cg_window_get_page (window), "views");
  ck_assert_ptr_nonnull (cg_window_get_dataset (window));
  ck_assert_str_eq (cg_window_get_data_dir (window), data_dir);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
}
END_TEST

static void
on_window_finalized_cb (gpointer  data,
                        GObject  *where_the_object_was)
{
  GThread **thread = data;

  *thread = g_thread_self ();
}

static gboolean
thread_recorded (gpointer data)
{
  return *(GThread **) data != NULL;
}

START_TEST (test_close_while_loading)
{
  g_autoptr(CgApplication) app = NULL;

  /* Closing before the dataset arrives: the worker's result is dropped, nothing touches the
   * gone widgets (criticals are fatal in this test program), and the window is freed on
   * the main thread, never in the worker that held the last reference to its task. That
   * last part is a race: a few rounds give it a chance to show. */
  g_setenv ("CINEGAN_DATA_DIR", data_dir, TRUE);
  app = start_application ();
  for (guint round = 0; round < 8; round++)
    {
      CgWindow *window = cg_window_new (app);
      GThread *finalized_in = NULL;

      g_object_weak_ref (G_OBJECT (window), on_window_finalized_cb, &finalized_in);
      gtk_window_present (GTK_WINDOW (window));
      ck_assert_str_eq (cg_window_get_page (window), "loading");
      gtk_window_close (GTK_WINDOW (window));
      ck_assert (spin_until (thread_recorded, &finalized_in, 10000));
      ck_assert_msg (finalized_in == g_thread_self (),
                     "round %u: the window was finalised off the main thread", round);
    }
}
END_TEST

START_TEST (test_discard_and_close)
{
  g_autoptr(CgApplication) app = start_application ();
  CgWindow *window = open_window_on_dataset (app);
  GtkWidget *question;

  train_one_epoch (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  /* Closing with an unsaved model asks first, and the window stays. */
  gtk_window_close (GTK_WINDOW (window));
  ck_assert (spin_until (question_shown, NULL, 5000));
  question = find_question ();
  ck_assert_ptr_nonnull (window);

  /* What a click on "Discard and Close" does. The answer comes inside the dialog's
   * ::response emission: the dialog lets go of the window before it goes, and the window
   * closes only once the emission is over, so neither is freed under the other (criticals
   * are fatal here, and a use after free often shows as one). */
  g_object_ref (question);
  /* What a click on the button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  gtk_window_close (GTK_WINDOW (question));
  ck_assert_ptr_null (gtk_window_get_transient_for (GTK_WINDOW (question)));
  g_object_unref (question);
  ck_assert_ptr_nonnull (window);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (window)));
  ck_assert (spin_until (object_gone, &window, 10000));
  ck_assert_ptr_null (find_question ());
  spin_for (100);
}
END_TEST

START_TEST (test_question_destroyed_without_answer)
{
  g_autoptr(CgApplication) app = start_application ();
  CgWindow *window = open_window_on_dataset (app);
  GtkWidget *question;

  train_one_epoch (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_window_close (GTK_WINDOW (window));
  ck_assert (spin_until (question_shown, NULL, 5000));

  /* The dialog goes away without an answer (as with its parent, or the session ending):
   * the question is over, so closing asks again instead of being ignored. */
  gtk_window_destroy (GTK_WINDOW (find_question ()));
  spin_for (100);
  ck_assert_ptr_null (find_question ());
  ck_assert_ptr_nonnull (window);
  gtk_window_close (GTK_WINDOW (window));
  ck_assert_msg (spin_until (question_shown, NULL, 5000),
                 "closing did not ask again after the first question was destroyed");

  /* Cancel keeps the window. */
  question = find_question ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "cancel");
  gtk_window_close (GTK_WINDOW (question));
  spin_for (100);
  ck_assert_ptr_nonnull (window);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* No reference was left behind for the unanswered question: the window is freed. */
  gtk_window_destroy (GTK_WINDOW (window));
  ck_assert (spin_until (object_gone, &window, 10000));
}
END_TEST

START_TEST (test_quit_action)
{
  g_autoptr(CgApplication) app = start_application ();
  CgWindow *first = open_window_on_dataset (app);
  CgWindow *second = open_window_on_dataset (app);

  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);

  /* Ctrl+Q with two windows and nothing unsaved: each closes while app.quit walks the
   * application's list of windows, which closing shortens under it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  ck_assert (spin_until (object_gone, &first, 10000));
  ck_assert (spin_until (object_gone, &second, 10000));
  ck_assert_ptr_null (gtk_application_get_windows (GTK_APPLICATION (app)));
}
END_TEST

START_TEST (test_no_open_while_training)
{
  g_autoptr(CgApplication) app = start_application ();
  CgWindow *window = open_window_on_dataset (app);
  GtkWidget *training = cg_window_get_training_view (window);
  GtkWidget *open_button = find_actionable (GTK_WIDGET (window), "win.open-model");
  GtkWidget *choose_button = find_actionable (GTK_WIDGET (window), "win.choose-dataset");
  g_autofree char *path = g_build_filename (tmp_dir, "any.cgan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Outcome outcome = { FALSE, FALSE, NULL };

  ck_assert_ptr_nonnull (open_button);
  ck_assert_ptr_nonnull (choose_button);
  ck_assert (gtk_widget_get_sensitive (open_button));
  ck_assert (gtk_widget_get_sensitive (choose_button));

  /* While a run goes, its model replaces the current one when it ends: opening a model
   * or another dataset folder then is refused, not silently undone. */
  start_long_training (window);
  spin_for (50);
  ck_assert (!gtk_widget_get_sensitive (open_button));
  ck_assert (!gtk_widget_get_sensitive (choose_button));
  cg_window_open_model_async (window, file, NULL, on_open_done_cb, &outcome);
  ck_assert (spin_until (outcome_done, &outcome, 10000));
  ck_assert (!outcome.ok);
  ck_assert_msg (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_BUSY), "%s",
                 outcome.error != NULL ? outcome.error->message : "no error");
  g_clear_error (&outcome.error);

  /* Cancelled, both come back. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-training", NULL));
  ck_assert (spin_until (not_training, training, 30000));
  spin_for (50);
  ck_assert (gtk_widget_get_sensitive (open_button));
  ck_assert (gtk_widget_get_sensitive (choose_button));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
}
END_TEST

typedef struct
{
  CgApplication *app;
  GtkWidget     *training;   /* owned: the view of the window closed mid-run */
} HoldState;

static gboolean
close_during_run_cb (gpointer data)
{
  HoldState *state = data;
  CgWindow *window = CG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (state->app)));

  if (window == NULL || strcmp (cg_window_get_page (window), "loading") == 0)
    return G_SOURCE_CONTINUE;
  ck_assert_str_eq (cg_window_get_page (window), "views");
  start_long_training (window);
  state->training = g_object_ref (cg_window_get_training_view (window));
  /* Nothing is unsaved yet: the window closes at once and cancels the run, whose worker
   * is still inside a mini-batch. */
  gtk_window_close (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static gboolean
give_up_cb (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

START_TEST (test_training_holds_application)
{
  g_autoptr(CgApplication) app = start_application ();
  HoldState state = { app, NULL };
  guint give_up;

  /* The real main loop: the process stays until the cancelled run has ended, not only
   * until its last window is gone. */
  g_setenv ("CINEGAN_DATA_DIR", data_dir, TRUE);
  g_timeout_add (20, close_during_run_cb, &state);
  give_up = g_timeout_add_seconds (60, give_up_cb, app);
  ck_assert_int_eq (g_application_run (G_APPLICATION (app), 0, NULL), 0);
  g_source_remove (give_up);

  ck_assert_ptr_nonnull (state.training);
  ck_assert_msg (!cg_training_view_get_training (CG_TRAINING_VIEW (state.training)),
                 "the application quit while the cancelled run was still going");

  ck_assert (spin_until (not_training, state.training, 30000));
  g_object_unref (state.training);
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

START_TEST (test_icon_buttons_have_accessible_labels)
{
  g_autoptr(CgApplication) app = NULL;
  g_autoptr(GPtrArray) stars = g_ptr_array_new ();
  GtkWidget *card;
  GtkWidget *clear;
  GtkWidget *menu;
  CgWindow *window;
  char *value;

  /* The test AT context records what screen readers would be told (the suite's GTK_A11Y
   * is "none", which records nothing). Read at the first widget of this test's process. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("CINEGAN_DATA_DIR", data_dir, TRUE);
  app = start_application ();

  /* A card's stars and clear button show only an icon: a screen reader needs words. */
  card = g_object_ref_sink (cg_movie_card_new ());
  collect_star_buttons (card, stars);
  ck_assert_uint_eq (stars->len, 5);
  for (guint i = 0; i < stars->len; i++)
    {
      g_autofree char *label = g_strdup_printf (i == 0 ? "Rate %u star" : "Rate %u stars",
                                                i + 1);

      value = check_accessible_label (g_ptr_array_index (stars, i), label);
      ck_assert_msg (value == NULL, "star %u is labelled \"%s\", not \"%s\"", i + 1,
                     value, label);
    }
  clear = find_by_css_class (card, "clear-rating");
  ck_assert_ptr_nonnull (clear);
  value = check_accessible_label (clear, "Clear rating");
  ck_assert_msg (value == NULL, "the clear button is labelled \"%s\"", value);
  g_object_unref (card);

  /* The header bar's menu button is an icon too. */
  window = cg_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  menu = find_by_css_class (GTK_WIDGET (window), "main-menu");
  ck_assert_ptr_nonnull (menu);
  ck_assert (GTK_IS_MENU_BUTTON (menu));
  value = check_accessible_label (menu, "Main Menu");
  ck_assert_msg (value == NULL, "the main menu button is labelled \"%s\"", value);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
}
END_TEST

/* The catalogue's counter, "N rated · M liked (≥ T)". */
static const char *
counter_text (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), " rated · ") != NULL)
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = counter_text (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

START_TEST (test_counter_follows_threshold)
{
  g_autoptr(CgApplication) app = start_application ();
  CgWindow *window = open_window_on_dataset (app);
  GtkWidget *catalogue = GTK_WIDGET (cg_window_get_catalog_view (window));
  CgRatingsStore *ratings = cg_application_get_ratings_store (app);
  g_autofree char *model_path = g_build_filename (tmp_dir, "threshold3.cgan", NULL);
  g_autoptr(GFile) model_file = g_file_new_for_path (model_path);
  Outcome outcome = { FALSE, FALSE, NULL };

  /* One 5, one 3: liked at the default 4 is one of them. */
  ck_assert (cg_ratings_store_set_rating (ratings, 1, 5, NULL));
  ck_assert (cg_ratings_store_set_rating (ratings, 2, 3, NULL));
  ck_assert_str_eq (counter_text (catalogue), "2 rated · 1 liked (≥ 4)");

  /* A run with 3 as its threshold: the counter says what that model counts as liked. */
  cg_training_view_set_threshold (CG_TRAINING_VIEW (cg_window_get_training_view (window)), 3);
  train_one_epoch (window);
  ck_assert_str_eq (counter_text (catalogue), "2 rated · 2 liked (≥ 3)");
  ck_assert (cg_window_save_model (window, model_file, NULL));

  /* Back to the default with a new run, then the saved model's 3 again when it is opened. */
  cg_training_view_set_threshold (CG_TRAINING_VIEW (cg_window_get_training_view (window)), 4);
  train_one_epoch (window);
  ck_assert_str_eq (counter_text (catalogue), "2 rated · 1 liked (≥ 4)");
  cg_window_open_model_async (window, model_file, NULL, on_open_done_cb, &outcome);
  ck_assert (spin_until (outcome_done, &outcome, 30000));
  ck_assert_msg (outcome.ok, "%s", outcome.error != NULL ? outcome.error->message : "?");
  ck_assert_str_eq (counter_text (catalogue), "2 rated · 2 liked (≥ 3)");

  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (50);
}
END_TEST

static Suite *
window_suite (void)
{
  Suite *s = suite_create ("window");
  TCase *tc = tcase_create ("flow");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_new_user_flow);
  tcase_add_test (tc, test_dataset_not_found_page);
  tcase_add_test (tc, test_close_while_loading);
  tcase_add_test (tc, test_discard_and_close);
  tcase_add_test (tc, test_question_destroyed_without_answer);
  tcase_add_test (tc, test_quit_action);
  tcase_add_test (tc, test_no_open_while_training);
  tcase_add_test (tc, test_training_holds_application);
  tcase_add_test (tc, test_icon_buttons_have_accessible_labels);
  tcase_add_test (tc, test_counter_follows_threshold);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  /* A GTK critical in the window's code is a bug this test should catch. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  return cg_test_run_suite (window_suite ());
}
