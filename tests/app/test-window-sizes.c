/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-window-sizes.c: the real window at the sizes people use, down to 600 pixels wide.
 *
 * The window's minimum width (every page, the header bar) is at most 600; at 1024×700,
 * 800×600 and 600×600 the Recommendations list needs no sideways scrolling, every star of
 * the rating column is inside the list's visible width, long titles are readable, and the
 * liked movies fold over the list when narrow and come back beside it when wide, with the
 * list following the window both ways. A movie rated in the list keeps its row, marked,
 * until the list is refreshed, and Undo unmarks it. The Training page keeps its sidebar
 * beside the plots when wide and folds it over them at 600 pixels, where every row of the
 * settings still reads whole words on each line. Screenshots of each size are written to
 * $CG_SCREENSHOT_DIR to be looked at.
 *
 * Each test runs in its own process with its own home folder. Needs a display: suite `gui`,
 * run under xvfb-run and dbus-run-session.
 */

#include "config.h"

#include "cg-gui-test.h"
#include "cg-recommendation-item.h"
#include "cg-recommendations-view.h"
#include "cg-star-rating.h"
#include "cg-training-view.h"

/* Narrower than this, a title says too little to choose a movie by. */
#define MIN_TITLE_WIDTH 100

typedef struct
{
  int width;
  int height;
} Size;

/* A window with a freshly trained model, on its Recommendations page. */
static CgWindow *
open_recommendations (CgApplication *app)
{
  CgWindow *window = cg_test_open_window (app);
  CgCganConfig config;

  cg_test_tiny_config (&config, 1);
  cg_test_window_train (window, &config, TRUE);
  cg_window_show_view (window, "recommendations");
  return window;
}

/* Resizes and lets the window settle (the columns are fitted at the idle after a layout). */
static void
resize (CgWindow *window,
        Size      size)
{
  cg_test_resize_window (GTK_WINDOW (window), size.width, size.height);
}

static GtkWidget *
table_scroller (CgWindow *window)
{
  GtkWidget *list = cg_test_get_by_name (GTK_WIDGET (window), "recommendations-list");

  return gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
}

/* The list fits its width: nothing to scroll to sideways. */
static void
assert_no_sideways_scrolling (CgWindow *window)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (
    GTK_SCROLLED_WINDOW (table_scroller (window)));

  ck_assert_msg (gtk_adjustment_get_upper (h) <= gtk_adjustment_get_page_size (h) + 0.5,
                 "the list is %.0f wide in %.0f", gtk_adjustment_get_upper (h),
                 gtk_adjustment_get_page_size (h));
}

/* Every star of every row on screen lies inside the list's visible width. */
static void
assert_stars_visible (CgWindow *window)
{
  GtkWidget *scroller = table_scroller (window);
  g_autoptr(GPtrArray) ratings = cg_test_find_widgets (scroller, cg_test_widget_is_mapped_a,
                                                       GSIZE_TO_POINTER (CG_TYPE_STAR_RATING));
  int visible = gtk_widget_get_width (scroller);

  ck_assert_uint_ge (ratings->len, 3);
  for (guint i = 0; i < ratings->len; i++)
    {
      g_autoptr(GPtrArray) stars = cg_test_find_widgets (g_ptr_array_index (ratings, i),
                                                         cg_test_widget_has_css_class, "star");

      ck_assert_uint_eq (stars->len, 5);
      for (guint s = 0; s < stars->len; s++)
        {
          graphene_rect_t bounds;

          ck_assert (gtk_widget_compute_bounds (g_ptr_array_index (stars, s), scroller,
                                                &bounds));
          ck_assert_msg (bounds.size.width > 0 && bounds.origin.x >= 0
                         && bounds.origin.x + bounds.size.width <= visible,
                         "star %u of row %u is at %.0f–%.0f, the list shows 0–%d", s + 1, i,
                         bounds.origin.x, bounds.origin.x + bounds.size.width, visible);
        }
    }
}

/* Every title on screen is shown whole or at least MIN_TITLE_WIDTH wide, measured on the
 * label itself: its cell has a minimum of its own, and the labels beside the title in it
 * (a shared title's ID, the rated mark) take their width out of the title's. Returns how
 * many were shortened. */
static guint
assert_titles_readable (CgWindow *window)
{
  g_autoptr(GPtrArray) titles = cg_test_find_widgets (table_scroller (window),
                                                      cg_test_widget_has_name, "title");
  guint checked = 0, shortened = 0;

  for (guint i = 0; i < titles->len; i++)
    {
      GtkWidget *title = g_ptr_array_index (titles, i);
      int natural = 0;

      if (!gtk_widget_get_mapped (title))
        continue;
      gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      ck_assert_msg (gtk_widget_get_width (title) >= MIN (natural, MIN_TITLE_WIDTH),
                     "“%s” is %d wide, of %d", gtk_label_get_text (GTK_LABEL (title)),
                     gtk_widget_get_width (title), natural);
      checked++;
      shortened += gtk_widget_get_width (title) < natural;
    }
  ck_assert_uint_gt (checked, 0);
  return shortened;
}

/* The narrowest title cell on screen: the width the title column gives them. */
static int
title_width (CgWindow *window)
{
  g_autoptr(GPtrArray) titles = cg_test_find_widgets (table_scroller (window),
                                                      cg_test_widget_has_name, "title-cell");
  int narrowest = G_MAXINT;

  for (guint i = 0; i < titles->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (titles, i)))
      narrowest = MIN (narrowest, gtk_widget_get_width (g_ptr_array_index (titles, i)));
  ck_assert_int_ne (narrowest, G_MAXINT);
  return narrowest;
}

static AdwFlap *
liked_flap (CgWindow *window)
{
  return ADW_FLAP (cg_test_get_by_name (GTK_WIDGET (window), "liked-flap"));
}

static guint
assert_list_fits (CgWindow   *window,
                  const char *name)
{
  g_autofree char *shot = g_strdup_printf ("recommendations-%s", name);
  guint shortened;

  assert_no_sideways_scrolling (window);
  assert_stars_visible (window);
  shortened = assert_titles_readable (window);
  cg_test_write_screenshot (GTK_WIDGET (window), shot);
  return shortened;
}

/* The header at either width: every control drawn inside it, the switcher in it or at the
 * bottom, and the model's name said once. */
static void
assert_header (CgWindow *window,
               gboolean  narrow)
{
  GtkWidget *header = cg_test_get_by_type (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (
    cg_test_get_by_type (header, ADW_TYPE_VIEW_SWITCHER_TITLE));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (
    cg_test_get_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  const char *actions[] = { "win.open-model", "win.save-model" };

  ck_assert (adw_view_switcher_title_get_title_visible (title) == narrow);
  ck_assert (adw_view_switcher_bar_get_reveal (bar) == narrow);
  if (narrow)
    ck_assert (!gtk_widget_get_mapped (cg_test_get_by_name (header, "model-title")));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = cg_test_find_widget (header, cg_test_widget_has_action, actions[i]);
      graphene_rect_t bounds;

      ck_assert (gtk_widget_get_mapped (button));
      ck_assert (gtk_widget_compute_bounds (button, header, &bounds));
      ck_assert (bounds.origin.x >= 0
                 && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (header));
    }
}

/* ---- tests ---- */

START_TEST (test_minimum_width)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = open_recommendations (app);
  const char *views[] = { "catalogue", "training", "recommendations" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int min_width = 0;

      cg_window_show_view (window, views[i]);
      cg_test_spin_for (100);
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width,
                          NULL, NULL, NULL);
      g_print ("minimum width on %s: %d\n", views[i], min_width);
      ck_assert_int_le (min_width, 600);
    }

  /* Wide: the switcher in the header, the model's name beside it. */
  resize (window, (Size) { 1240, 700 });
  assert_header (window, FALSE);

  /* At 600 every page is shown whole in the width; the switcher moves to the bottom, the
   * model's name to the header's title. */
  resize (window, (Size) { 600, 600 });
  assert_header (window, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *shot = g_strdup_printf ("%s-600", views[i]);

      cg_window_show_view (window, views[i]);
      cg_test_spin_for (300);
      cg_test_write_screenshot (GTK_WIDGET (window), shot);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_recommendations_fit)
{
  g_autoptr(CgApplication) app = NULL;
  CgWindow *window;
  GtkWidget *toggle;
  int narrow_title, wide_title, narrow_list;

  /* Titles longer than the title column gets, so what is measured is a shortened title. */
  cg_test_edit_data_file ("u.item", "^([0-9]+)\\|[^|]*\\|",
                          "\\1|The Uncommonly Long Title of the Movie Numbered \\1 (1995)|");
  app = cg_test_application_new ();
  window = open_recommendations (app);
  toggle = cg_test_get_by_name (GTK_WIDGET (window), "liked-toggle");

  /* Wide enough for the liked movies beside the list. */
  resize (window, (Size) { 1024, 700 });
  ck_assert (!adw_flap_get_folded (liked_flap (window)));
  ck_assert (adw_flap_get_reveal_flap (liked_flap (window)));
  assert_list_fits (window, "1024");

  resize (window, (Size) { 800, 600 });
  assert_list_fits (window, "800");

  /* Narrow: the liked movies fold away, the toggle brings them over the list. */
  resize (window, (Size) { 600, 600 });
  ck_assert (adw_flap_get_folded (liked_flap (window)));
  ck_assert (!adw_flap_get_reveal_flap (liked_flap (window)));
  ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  ck_assert_uint_gt (assert_list_fits (window, "600"), 0);
  narrow_title = title_width (window);
  narrow_list = gtk_widget_get_width (table_scroller (window));

  gtk_widget_activate (toggle);
  cg_test_spin_for (300);
  ck_assert (adw_flap_get_reveal_flap (liked_flap (window)));
  ck_assert (gtk_widget_get_mapped (cg_test_get_by_name (GTK_WIDGET (window), "liked-list")));
  cg_test_write_screenshot (GTK_WIDGET (window), "recommendations-600-liked");
  /* F9 does the same from the keyboard, and the button follows. */
  ck_assert (gtk_widget_activate_action (cg_window_get_recommendations_view (window),
                                         "recommendations.toggle-liked", NULL));
  cg_test_spin_for (300);
  ck_assert (!adw_flap_get_reveal_flap (liked_flap (window)));
  ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));

  /* Wide again: the list follows the window, and the titles get the room. */
  resize (window, (Size) { 1240, 700 });
  ck_assert (!adw_flap_get_folded (liked_flap (window)));
  assert_no_sideways_scrolling (window);
  assert_stars_visible (window);
  wide_title = title_width (window);
  ck_assert_int_gt (wide_title, narrow_title);
  ck_assert_int_gt (gtk_widget_get_width (table_scroller (window)), narrow_list);
  ck_assert_int_ge (gtk_widget_get_width (table_scroller (window)) + 300, 1240 - 30);
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static CgRecommendationItem *
item_at (CgRecommendationsView *view,
         guint                  position)
{
  return g_list_model_get_item (cg_recommendation_list_get_items (
                                  cg_recommendations_view_get_list (view)), position);
}

static guint32
movie_at (CgRecommendationsView *view,
          guint                  position)
{
  g_autoptr(CgRecommendationItem) item = item_at (view, position);

  return cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (item));
}

/* The mapped "Rated" marks on screen. */
static guint
n_marks (CgWindow *window)
{
  g_autoptr(GPtrArray) marks = cg_test_find_widgets (table_scroller (window),
                                                     cg_test_widget_has_name, "rated-mark");
  guint n = 0;

  for (guint i = 0; i < marks->len; i++)
    n += gtk_widget_get_mapped (g_ptr_array_index (marks, i));
  return n;
}

/* A movie rated in the list stays in its row, marked, until the list is asked for again;
 * Undo takes the mark off. */
START_TEST (test_rated_row_stays)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = open_recommendations (app);
  CgRecommendationsView *view = CG_RECOMMENDATIONS_VIEW (
    cg_window_get_recommendations_view (window));
  CgRatingsStore *ratings = cg_application_get_ratings_store (app);
  GtkWidget *scroller;
  g_autoptr(GPtrArray) stars = NULL;
  g_autoptr(CgRecommendationItem) second = NULL;
  guint32 second_id, third_id;

  resize (window, (Size) { 1024, 700 });
  scroller = table_scroller (window);
  stars = cg_test_find_widgets (scroller, cg_test_widget_is_mapped_a,
                                GSIZE_TO_POINTER (CG_TYPE_STAR_RATING));
  second = item_at (view, 1);
  second_id = movie_at (view, 1);
  third_id = movie_at (view, 2);
  ck_assert_uint_eq (n_marks (window), 0);

  /* Four stars on the second row: saved, and the row is still there, marked and dimmed. */
  cg_star_rating_activate_star (g_ptr_array_index (stars, 1), 4);
  cg_test_spin_for (300);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, second_id), 4);
  ck_assert_uint_eq (movie_at (view, 1), second_id);
  ck_assert_uint_eq (movie_at (view, 2), third_id);
  ck_assert (cg_recommendation_item_get_rated (second));
  ck_assert_uint_eq (n_marks (window), 1);
  ck_assert (cg_recommendation_list_get_stale (cg_recommendations_view_get_list (view)));
  assert_stars_visible (window);
  cg_test_write_screenshot (GTK_WIDGET (window), "recommendations-rated-row");

  /* A second click where the pointer still is rates the same movie again, not the next. */
  cg_star_rating_activate_star (g_ptr_array_index (stars, 1), 5);
  cg_test_spin_for (100);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, second_id), 5);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, third_id), 0);

  /* Undo, twice (as Ctrl+Z would): back to unrated, and unmarked. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rating", NULL));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-rating", NULL));
  cg_test_spin_for (100);
  ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, second_id), 0);
  ck_assert (!cg_recommendation_item_get_rated (second));
  ck_assert_uint_eq (n_marks (window), 0);
  ck_assert_uint_eq (movie_at (view, 1), second_id);

  /* Rated again, then Refresh (F5 on the page): the list is computed without that movie. */
  cg_star_rating_activate_star (g_ptr_array_index (stars, 1), 3);
  cg_test_spin_for (100);
  ck_assert_uint_eq (movie_at (view, 1), second_id);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "recommendations.refresh", NULL));
  cg_test_spin_for (100);
  ck_assert_uint_eq (movie_at (view, 1), third_id);
  ck_assert (!cg_recommendation_list_get_stale (cg_recommendations_view_get_list (view)));
  ck_assert_uint_eq (n_marks (window), 0);

  /* Rated and left: coming back to the page is a new request. */
  {
    g_autoptr(GPtrArray) now = cg_test_find_widgets (scroller, cg_test_widget_is_mapped_a,
                                                     GSIZE_TO_POINTER (CG_TYPE_STAR_RATING));
    guint32 first_id = movie_at (view, 0);

    cg_star_rating_activate_star (g_ptr_array_index (now, 0), 5);
    cg_test_spin_for (100);
    ck_assert_uint_eq (cg_ratings_store_get_rating (ratings, first_id), 5);
    ck_assert_uint_eq (movie_at (view, 0), first_id);

    cg_window_show_view (window, "catalogue");
    cg_test_spin_for (100);
    cg_window_show_view (window, "recommendations");
    cg_test_spin_for (100);
    ck_assert_uint_ne (movie_at (view, 0), first_id);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* A warning from GTK here is a layout gone wrong ("snapshot without a current
 * allocation": a part of the window left undrawn): fatal, as criticals are. */
/* ---- the Training page ---- */

static int
word_width (GtkWidget  *label,
            const char *word)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, word);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Every row title and subtitle of the settings on screen is at least as wide as its
 * longest word: no word is broken over lines ("E-p-o-c-h-s"). */
static void
assert_form_reads (CgWindow   *window,
                   const char *size)
{
  GtkWidget *form = cg_test_get_by_name (GTK_WIDGET (window), "training-form");
  const char *classes[] = { "title", "subtitle" };
  guint checked = 0;

  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    {
      g_autoptr(GPtrArray) labels = cg_test_find_widgets (form, cg_test_widget_has_css_class,
                                                          classes[c]);

      for (guint i = 0; i < labels->len; i++)
        {
          GtkWidget *label = g_ptr_array_index (labels, i);
          g_auto(GStrv) words = NULL;

          if (!GTK_IS_LABEL (label) || !gtk_widget_get_mapped (label))
            continue;
          words = g_strsplit_set (gtk_label_get_text (GTK_LABEL (label)), " \n", -1);
          for (guint w = 0; words[w] != NULL; w++)
            ck_assert_msg (gtk_widget_get_width (label) >= word_width (label, words[w]),
                           "at %s, “%s” is %d wide for its word “%s” (%d)", size,
                           gtk_label_get_text (GTK_LABEL (label)), gtk_widget_get_width (label),
                           words[w], word_width (label, words[w]));
          checked++;
        }
    }
  /* The basic rows at least: preset, epochs, seed, include me, time, memory. */
  ck_assert_uint_ge (checked, 6);
}

static gboolean
sidebar_mapped (gpointer data)
{
  return gtk_widget_get_mapped (cg_test_get_by_name (GTK_WIDGET (data), "training-form"));
}

START_TEST (test_training_narrow)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  AdwFlap *flap;
  GtkWidget *toggle;

  cg_window_show_view (window, "training");
  flap = ADW_FLAP (cg_test_get_by_name (GTK_WIDGET (window), "training-flap"));
  toggle = cg_test_get_by_name (GTK_WIDGET (window), "training-sidebar-toggle");

  /* Wide: the settings beside the plots, no toggle. */
  resize (window, (Size) { 1240, 700 });
  ck_assert (!adw_flap_get_folded (flap));
  ck_assert (!gtk_widget_get_mapped (toggle));
  assert_form_reads (window, "1240");

  /* Narrow: folded away, the plots take the width, nothing to scroll sideways. */
  resize (window, (Size) { 600, 600 });
  ck_assert (adw_flap_get_folded (flap));
  ck_assert (!adw_flap_get_reveal_flap (flap));
  ck_assert (gtk_widget_get_mapped (toggle));
  ck_assert_int_ge (gtk_widget_get_width (GTK_WIDGET (cg_training_view_get_metrics_plot (
                      CG_TRAINING_VIEW (cg_window_get_training_view (window))))), 500);
  {
    GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (
      cg_test_get_by_name (GTK_WIDGET (window), "training-scroller")));

    ck_assert (gtk_adjustment_get_upper (h) <= gtk_adjustment_get_page_size (h) + 0.5);
  }

  /* The toggle brings the settings over the plots, every row readable. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  ck_assert (cg_test_spin_until (sidebar_mapped, window, 5000));
  cg_test_spin_for (400);
  ck_assert (adw_flap_get_reveal_flap (flap));
  assert_form_reads (window, "600");
  cg_test_write_screenshot (GTK_WIDGET (window), "training-600-settings");

  /* F9 folds it away again. */
  ck_assert (gtk_widget_activate_action (cg_window_get_training_view (window),
                                         "training.toggle-sidebar", NULL));
  ck_assert (!adw_flap_get_reveal_flap (flap));
  ck_assert (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static void
warnings_fatal (void)
{
  cg_test_home_setup ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

static Suite *
window_sizes_suite (void)
{
  Suite *s = suite_create ("window-sizes");
  TCase *tc = tcase_create ("sizes");

  tcase_add_checked_fixture (tc, warnings_fatal, cg_test_home_teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_minimum_width);
  tcase_add_test (tc, test_recommendations_fit);
  tcase_add_test (tc, test_rated_row_stays);
  tcase_add_test (tc, test_training_narrow);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (window_sizes_suite ());
}
