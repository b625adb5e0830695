/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-catalog-view.c: the Catalogue page in the real window, on a synthetic dataset.
 *
 * A card's stars are one Tab stop that arrows, Home/End, digits and Delete rate through,
 * read out as "n of 5 stars"; the filter by your rating counts what it says, is
 * remembered, and Clear Filters undoes it; the first-steps hint shows on a first start and
 * goes once closed (for good) or once ten movies are rated; the toolbar's dropdowns keep
 * their width whatever they show; two movies with one title and year show their IDs, and
 * every card's tooltip has its title, year, genres and ID whole. Screenshots of the hint
 * and of focused stars are written to $CG_SCREENSHOT_DIR to be looked at.
 *
 * Each test runs in its own process with its own home folder. Needs a display: suite
 * `gui`, under xvfb-run and dbus-run-session.
 */

#include "config.h"

#include <string.h>

#include "cg-catalog-hint.h"
#include "cg-gui-test.h"
#include "cg-movie-card.h"

/* ---- helpers ---- */

static CgCatalogModel *
catalog_of (CgWindow *window)
{
  return cg_session_get_catalog (cg_window_get_session (window));
}

static guint
n_shown (CgWindow *window)
{
  return g_list_model_get_n_items (cg_catalog_model_get_model (catalog_of (window)));
}

static void
rate (CgWindow *window,
      guint32   movie_id,
      guint     rating)
{
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.rate-movie", "(uu)",
                                         movie_id, rating));
}

static GtkWidget *
card_of (CgWindow *window,
         guint32   movie_id)
{
  g_autoptr(GPtrArray) cards = cg_test_shown_cards (window);

  for (guint i = 0; i < cards->len; i++)
    {
      CgMovieItem *item = cg_movie_card_get_item (g_ptr_array_index (cards, i));

      if (item != NULL && cg_movie_item_get_movie_id (item) == movie_id)
        return g_ptr_array_index (cards, i);
    }
  ck_abort_msg ("no card for movie %u on screen", movie_id);
  return NULL;
}

/* The card that widget is in, or NULL. */
static GtkWidget *
card_around (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (CG_IS_MOVIE_CARD (w))
      return w;
  return NULL;
}

static GtkWidget *
focus_of (CgWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* A key pressed on the focused widget, as the keyboard would deliver it: its key
 * controllers, innermost first, until one takes it. */
static void
press_key (CgWindow *window,
           guint     keyval)
{
  for (GtkWidget *w = focus_of (window); w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);
          gboolean handled = FALSE;

          if (!GTK_IS_EVENT_CONTROLLER_KEY (c))
            continue;
          g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          if (handled)
            {
              cg_test_spin_for (20);
              return;
            }
        }
    }
  ck_abort_msg ("nobody took %s", gdk_keyval_name (keyval));
}

/* ---- the stars ---- */

/* Accessible value text of stars, checked against expected: NULL when it matches. */
static char *
check_value_text (CgStarRating *stars,
                  const char   *expected)
{
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (stars),
                                             GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, expected);
}

START_TEST (test_stars_one_tab_stop)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  CgRatingsStore *ratings = cg_application_get_ratings_store (app);
  g_autoptr(GPtrArray) cards = cg_test_shown_cards (window);
  GtkWidget *first = g_ptr_array_index (cards, 0);
  CgStarRating *stars = cg_movie_card_get_stars (CG_MOVIE_CARD (first));
  guint32 movie = cg_movie_item_get_movie_id (cg_movie_card_get_item (CG_MOVIE_CARD (first)));
  static const struct
  {
    guint keyval;
    guint rating;
  } keys[] = {
    { GDK_KEY_Right, 3 }, { GDK_KEY_Right, 4 }, { GDK_KEY_Left, 3 }, { GDK_KEY_End, 5 },
    { GDK_KEY_Home, 0 }, { GDK_KEY_4, 4 }, { GDK_KEY_KP_2, 2 }, { GDK_KEY_Delete, 0 },
    { GDK_KEY_1, 1 }, { GDK_KEY_BackSpace, 0 }, { GDK_KEY_5, 5 }, { GDK_KEY_0, 0 },
  };
  char *wrong;

  /* Rated, so that its clear button shows too: the button is the mouse's, and the keys
   * clear a rating. */
  rate (window, movie, 2);
  ck_assert (gtk_widget_grab_focus (GTK_WIDGET (stars)));
  ck_assert (gtk_widget_has_focus (GTK_WIDGET (stars)));
  /* As after a key press: the focus ring shows. */
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  cg_test_spin_for (300);
  cg_test_write_screenshot (GTK_WIDGET (window), "catalogue-focused-stars");

  /* Every Tab goes to the next card's stars: one stop a card, none for a star. */
  for (guint i = 1; i < 6; i++)
    {
      GtkWidget *focus;

      ck_assert (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
      focus = focus_of (window);
      ck_assert_msg (CG_IS_STAR_RATING (focus), "Tab %u went to a %s", i,
                     G_OBJECT_TYPE_NAME (focus));
      ck_assert_ptr_eq (card_around (focus), g_ptr_array_index (cards, i));
    }
  for (guint i = 5; i > 0; i--)
    ck_assert (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  ck_assert_ptr_eq (focus_of (window), stars);

  /* Keys change the rating in your ratings, and the stars read it out. */
  wrong = check_value_text (stars, "2 of 5 stars");
  ck_assert_msg (wrong == NULL, "value text %s", wrong);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autofree char *expected = keys[k].rating == 0 ? g_strdup ("Not rated")
                                  : g_strdup_printf ("%u of 5 stars", keys[k].rating);

      press_key (window, keys[k].keyval);
      ck_assert_msg (cg_ratings_store_get_rating (ratings, movie) == keys[k].rating,
                     "%s: rating %u, expected %u", gdk_keyval_name (keys[k].keyval),
                     cg_ratings_store_get_rating (ratings, movie), keys[k].rating);
      wrong = check_value_text (stars, expected);
      ck_assert_msg (wrong == NULL, "%s: value text %s", gdk_keyval_name (keys[k].keyval), wrong);
      ck_assert_int_eq (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (stars)),
                        GTK_ACCESSIBLE_ROLE_SLIDER);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* ---- the filter by your rating ---- */

START_TEST (test_filter_by_your_rating)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  GSettings *settings = cg_application_get_settings (app);
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *dropdown = cg_test_get_by_name (GTK_WIDGET (window), "rated-filter");
  GtkWidget *search = cg_test_get_by_name (GTK_WIDGET (window), "search");
  GtkWidget *empty = cg_test_get_by_name (GTK_WIDGET (window), "catalogue-empty");
  GtkWidget *clear = cg_test_get_by_name (GTK_WIDGET (window), "clear-filters");
  guint all = n_shown (window);
  g_autofree char *remembered = NULL;
  const char *description;

  ck_assert_uint_gt (all, 3);
  ck_assert_uint_eq (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), CG_MOVIE_RATED_ANY);
  rate (window, 1, 4);
  rate (window, 2, 2);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), CG_MOVIE_RATED_NOT_YET);
  ck_assert_uint_eq (n_shown (window), all - 2);
  /* Rating one takes it off the list at once. */
  rate (window, 3, 5);
  ck_assert_uint_eq (n_shown (window), all - 3);
  remembered = g_settings_get_string (settings, "catalogue-rated");
  ck_assert_str_eq (remembered, "not-rated");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), CG_MOVIE_RATED_BY_ME);
  ck_assert_uint_eq (n_shown (window), 3);

  /* Nothing both rated and matching: the empty page names the filter, and Clear Filters
   * undoes it with the search. */
  gtk_editable_set_text (GTK_EDITABLE (search), "no such title anywhere");
  ck_assert (cg_test_spin_until (cg_test_mapped, empty, 5000));
  description = adw_status_page_get_description (ADW_STATUS_PAGE (empty));
  ck_assert_msg (strstr (description, "Rated by me") != NULL, "%s", description);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), CG_MOVIE_RATED_NOT_YET);
  description = adw_status_page_get_description (ADW_STATUS_PAGE (empty));
  ck_assert_msg (strstr (description, "Not rated yet") != NULL, "%s", description);
  gtk_widget_activate (clear);
  ck_assert (cg_test_spin_until (cg_test_unmapped, empty, 5000));
  ck_assert_uint_eq (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), CG_MOVIE_RATED_ANY);
  ck_assert_uint_eq (n_shown (window), all);
  g_free (remembered);
  remembered = g_settings_get_string (settings, "catalogue-rated");
  ck_assert_str_eq (remembered, "all");

  /* The next start shows what was shown last. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), CG_MOVIE_RATED_NOT_YET);
  gtk_window_destroy (GTK_WINDOW (window));
  cg_test_spin_for (50);
  window = cg_test_open_window (app);
  dropdown = cg_test_get_by_name (GTK_WIDGET (window), "rated-filter");
  ck_assert_uint_eq (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)),
                     CG_MOVIE_RATED_NOT_YET);
  ck_assert_int_eq (cg_movie_filter_get_rated (cg_catalog_model_get_filter (catalog_of (window))),
                    CG_MOVIE_RATED_NOT_YET);
  ck_assert_uint_eq (n_shown (window), all - 3);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "catalogue-rated");
}
END_TEST

/* Choosing a genre, an order or a filter never moves the rest of the toolbar. */
START_TEST (test_dropdowns_keep_their_width)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  const char *names[] = { "genre-filter", "sort", "rated-filter" };
  GtkWidget *counter = cg_test_get_by_name (GTK_WIDGET (window), "rated-counter");
  GtkWidget *search = cg_test_get_by_name (GTK_WIDGET (window), "search");

  cg_test_spin_for (200);
  for (guint d = 0; d < G_N_ELEMENTS (names); d++)
    {
      GtkDropDown *dropdown = GTK_DROP_DOWN (cg_test_get_by_name (GTK_WIDGET (window), names[d]));
      GListModel *choices = gtk_drop_down_get_model (dropdown);
      int width = gtk_widget_get_width (GTK_WIDGET (dropdown));
      int search_width = gtk_widget_get_width (search);
      graphene_rect_t at, now;

      ck_assert_uint_gt (g_list_model_get_n_items (choices), 2);
      ck_assert (gtk_widget_compute_bounds (counter, GTK_WIDGET (window), &at));
      for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
        {
          gtk_drop_down_set_selected (dropdown, i);
          cg_test_spin_for (30);
          ck_assert_msg (gtk_widget_get_width (GTK_WIDGET (dropdown)) == width,
                         "%s: %d pixels wide with choice %u, %d with the first", names[d],
                         gtk_widget_get_width (GTK_WIDGET (dropdown)), i, width);
          ck_assert_int_eq (gtk_widget_get_width (search), search_width);
          ck_assert (gtk_widget_compute_bounds (counter, GTK_WIDGET (window), &now));
          ck_assert (graphene_rect_equal (&at, &now));
        }
      gtk_drop_down_set_selected (dropdown, d == 1 ? CG_MOVIE_SORT_POPULARITY : 0);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* ---- the first-steps hint ---- */

static gboolean
hint_shown (gpointer data)
{
  return cg_catalog_hint_get_shown (CG_CATALOG_HINT (data))
         && gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
hint_gone (gpointer data)
{
  return !cg_catalog_hint_get_shown (CG_CATALOG_HINT (data));
}

START_TEST (test_hint_until_ten_ratings)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *hint = cg_test_get_by_name (GTK_WIDGET (window), "catalogue-hint");
  GtkWidget *progress = cg_test_get_by_name (hint, "catalogue-hint-progress");

  ck_assert (cg_test_spin_until (hint_shown, hint, 5000));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (progress)), "0 of 10 rated");
  for (guint32 movie = 1; movie <= 9; movie++)
    rate (window, movie, 4);
  ck_assert (hint_shown (hint));
  ck_assert_str_eq (gtk_label_get_text (GTK_LABEL (progress)), "9 of 10 rated");
  cg_test_spin_for (400);
  cg_test_write_screenshot (GTK_WIDGET (window), "catalogue-hint");

  rate (window, 10, 3);
  ck_assert (cg_test_spin_until (hint_gone, hint, 5000));
  cg_test_spin_for (400);
  ck_assert (!gtk_widget_get_visible (gtk_widget_get_first_child (hint)));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_hint_closed_for_good)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  GSettings *settings = cg_application_get_settings (app);
  CgWindow *window = cg_test_open_window (app);
  GtkWidget *hint = cg_test_get_by_name (GTK_WIDGET (window), "catalogue-hint");
  GtkWidget *close = cg_test_get_by_name (hint, "catalogue-hint-close");
  char *wrong;

  ck_assert (cg_test_spin_until (hint_shown, hint, 5000));
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (close),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "Close the hint");
  ck_assert_msg (wrong == NULL, "close button labelled %s", wrong);
  gtk_widget_activate (close);
  ck_assert (cg_test_spin_until (hint_gone, hint, 5000));
  ck_assert (g_settings_get_boolean (settings, "catalogue-hint-dismissed"));
  gtk_window_destroy (GTK_WINDOW (window));
  cg_test_spin_for (50);

  /* Not at the next start either, with no more ratings than before. */
  window = cg_test_open_window (app);
  hint = cg_test_get_by_name (GTK_WIDGET (window), "catalogue-hint");
  cg_test_spin_for (300);
  ck_assert (!cg_catalog_hint_get_shown (CG_CATALOG_HINT (hint)));
  ck_assert (!gtk_widget_get_visible (gtk_widget_get_first_child (hint)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "catalogue-hint-dismissed");
}
END_TEST

/* ---- what a card says ---- */

/* Gives movie 2 of the home's u.item movie 1's title and release date, as ML-100K lists
 * Body Snatchers (1993) twice. */
static void
make_twins (void)
{
  g_autofree char *path = g_build_filename (cg_test_home_data_dir (), "u.item", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) first = NULL;
  g_autofree char *joined = NULL;

  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  ck_assert (g_str_has_prefix (lines[0], "1|") && g_str_has_prefix (lines[1], "2|"));
  first = g_strsplit (lines[0], "|", -1);
  {
    g_auto(GStrv) second = g_strsplit (lines[1], "|", -1);

    g_free (second[1]);
    second[1] = g_strdup (first[1]);
    g_free (second[2]);
    second[2] = g_strdup (first[2]);
    g_free (lines[1]);
    lines[1] = g_strjoinv ("|", second);
  }
  joined = g_strjoinv ("\n", lines);
  ck_assert (g_file_set_contents (path, joined, -1, NULL));
}

START_TEST (test_cards_tell_twins_apart)
{
  g_autoptr(CgApplication) app = NULL;
  CgWindow *window;
  GtkWidget *sort;
  GtkWidget *twin, *other;
  CgMovieItem *item;
  g_autofree char *id_text = NULL;
  const char *tooltip;
  GtkWidget *details;
  char *wrong;

  make_twins ();
  app = cg_test_application_new ();
  window = cg_test_open_window (app);
  /* By title, so both twins are on screen, side by side. */
  sort = cg_test_get_by_name (GTK_WIDGET (window), "sort");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sort), CG_MOVIE_SORT_TITLE);
  gtk_editable_set_text (GTK_EDITABLE (cg_test_get_by_name (GTK_WIDGET (window), "search")),
                         cg_movie_item_get_display_title (cg_catalog_model_lookup (catalog_of (window), 1)));
  cg_test_spin_for (300);

  for (guint32 movie = 1; movie <= 2; movie++)
    {
      twin = card_of (window, movie);
      item = cg_movie_card_get_item (CG_MOVIE_CARD (twin));
      ck_assert (cg_movie_item_get_shares_title (item));
      details = gtk_widget_get_next_sibling (gtk_widget_get_first_child (
                  gtk_widget_get_first_child (twin)));
      g_free (id_text);
      id_text = g_strdup_printf ("#%u", movie);
      ck_assert_msg (strstr (gtk_label_get_text (GTK_LABEL (details)), id_text) != NULL,
                     "card of movie %u says %s", movie, gtk_label_get_text (GTK_LABEL (details)));
      ck_assert (gtk_widget_get_has_tooltip (details));
      tooltip = cg_movie_card_get_tooltip_text (CG_MOVIE_CARD (twin));
      ck_assert_msg (tooltip != NULL && strstr (tooltip, id_text) != NULL
                     && strstr (tooltip, cg_movie_item_get_title (item)) != NULL
                     && strstr (tooltip, cg_movie_item_get_genres (item)) != NULL,
                     "tooltip %s", tooltip);
    }
  cg_test_spin_for (200);
  cg_test_write_screenshot (GTK_WIDGET (window), "catalogue-twins");

  /* Another movie: no ID on the card, but whole in its tooltip and description. */
  gtk_editable_set_text (GTK_EDITABLE (cg_test_get_by_name (GTK_WIDGET (window), "search")), "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sort), CG_MOVIE_SORT_POPULARITY);
  cg_test_spin_for (300);
  {
    g_autoptr(GPtrArray) cards = cg_test_shown_cards (window);

    other = NULL;
    for (guint i = 0; i < cards->len && other == NULL; i++)
      {
        item = cg_movie_card_get_item (g_ptr_array_index (cards, i));
        if (!cg_movie_item_get_shares_title (item))
          other = g_ptr_array_index (cards, i);
      }
  }
  ck_assert_ptr_nonnull (other);
  details = gtk_widget_get_next_sibling (gtk_widget_get_first_child (
              gtk_widget_get_first_child (other)));
  g_free (id_text);
  id_text = g_strdup_printf ("#%u", cg_movie_item_get_movie_id (item));
  ck_assert_ptr_null (strstr (gtk_label_get_text (GTK_LABEL (details)), "#"));
  ck_assert (gtk_widget_get_has_tooltip (details));
  tooltip = cg_movie_card_get_tooltip_text (CG_MOVIE_CARD (other));
  ck_assert_msg (strstr (tooltip, id_text) != NULL, "tooltip %s", tooltip);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (other),
                                              GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip);
  ck_assert_msg (wrong == NULL, "description %s", wrong);
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static Suite *
catalog_view_suite (void)
{
  Suite *s = suite_create ("catalog-view");
  TCase *tc = tcase_create ("catalog-view");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_stars_one_tab_stop);
  tcase_add_test (tc, test_filter_by_your_rating);
  tcase_add_test (tc, test_dropdowns_keep_their_width);
  tcase_add_test (tc, test_hint_until_ten_ratings);
  tcase_add_test (tc, test_hint_closed_for_good);
  tcase_add_test (tc, test_cards_tell_twins_apart);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  /* Accessible properties kept on the widgets, to be checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  return cg_test_run_app_suite (catalog_view_suite ());
}
