/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-recommendations-view.c: the Recommendations page in a real window.
 *
 * On a synthetic dataset with an untrained model (the list's rules, not its quality): K
 * rows, none of them rated; "You" with a history-mode model follows the ratings store
 * without retraining; a dataset user's hits are exactly their test positives and your
 * stars follow the store in place; an id-mode model shows you only when trained with you;
 * clicking a star emits ::rate-movie, and each star is labelled for screen readers; the
 * side list writes titles and years as the rows do. Needs a display (suite `gui`, under xvfb-run).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "cg-recommendation-row.h"
#include "cg-recommendations-view.h"
#include "cg-test-util.h"

static char *data_dir;
static CgDataset *dataset;
static CgRatingsStore *store;
static GtkWindow *window;
static CgRecommendationsView *view;

static void
setup (void)
{
  CgSyntheticSpec spec;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  ck_assert (gtk_is_initialized ());
  cg_synthetic_spec_init (&spec);
  spec.seed = 5;
  data_dir = cg_test_make_temp_dir ();
  cg_test_write_synthetic (data_dir, &spec);
  dataset = cg_dataset_load (data_dir, "u1", 4, &error);
  ck_assert_msg (dataset != NULL, "%s", error ? error->message : "");

  path = g_build_filename (data_dir, "ratings.tsv", NULL);
  store = cg_ratings_store_new (path);
  ck_assert (cg_ratings_store_load (store, &error));

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 700);
  view = CG_RECOMMENDATIONS_VIEW (cg_recommendations_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  cg_recommendations_view_set_ratings_store (view, store);
}

static void
teardown (void)
{
  cg_recommendations_view_set_model (view, NULL, NULL, 0);
  gtk_window_destroy (window);
  window = NULL;
  view = NULL;
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&store);
  g_clear_pointer (&dataset, cg_dataset_free);
  cg_test_remove_tree (data_dir);
  g_clear_pointer (&data_dir, g_free);
}

static CgCgan *
new_model (const CgDataset     *ds,
           CgUserEmbeddingMode  mode)
{
  CgCganConfig config;
  g_autoptr(GError) error = NULL;
  CgCgan *model;

  cg_cgan_config_init (&config);
  config.embed_dim = 8;
  config.noise_dim = 4;
  config.hidden_dim = 16;
  config.user_mode = mode;
  config.noise_draws = 2;
  config.threads = 1;
  model = cg_cgan_new (&config, ds->n_users, ds->n_items, &error);
  ck_assert_msg (model != NULL, "%s", error ? error->message : "");
  return model;
}

static CgRecommendationRow *
row_at (guint i)
{
  return g_list_model_get_item (cg_recommendations_view_get_rows (view), i);
}

static guint
n_rows (void)
{
  return g_list_model_get_n_items (cg_recommendations_view_get_rows (view));
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
list_has_movie (guint32 movie_id)
{
  for (guint i = 0; i < n_rows (); i++)
    {
      g_autoptr(CgRecommendationRow) row = row_at (i);

      if (cg_recommendation_row_get_movie_id (row) == movie_id)
        return TRUE;
    }
  return FALSE;
}

START_TEST (test_you_history_live)
{
  g_autoptr(CgCgan) model = new_model (dataset, CG_USER_EMBEDDING_HISTORY);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRecommendationRow) top = NULL;
  guint32 top_id;

  ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[0], 5, &error));
  ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[1], 2, &error));
  cg_recommendations_view_set_model (view, model, dataset, 0);
  cg_recommendations_view_show_you (view);
  cg_recommendations_view_set_k (view, 8);
  ck_assert_uint_eq (n_rows (), 8);
  ck_assert (!list_has_movie (dataset->movie_ids[0]));
  ck_assert (!list_has_movie (dataset->movie_ids[1]));
  ck_assert_uint_eq (cg_recommendations_view_get_user (view), 0);
  ck_assert (strstr (cg_recommendations_view_get_summary (view), "1 liked of 2 rated") != NULL);

  /* Rate the top movie: the list follows at the next idle, without it. */
  top = row_at (0);
  top_id = cg_recommendation_row_get_movie_id (top);
  ck_assert_uint_eq (cg_recommendation_row_get_rank (top), 1);
  ck_assert (cg_ratings_store_set_rating (store, top_id, 4, &error));
  /* Not synchronous: one idle refresh per burst of changes. */
  ck_assert (list_has_movie (top_id));
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       list_has_movie (top_id) && g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_uint_eq (n_rows (), 8);
  ck_assert (!list_has_movie (top_id));
  ck_assert (strstr (cg_recommendations_view_get_summary (view), "2 liked of 3 rated") != NULL);

  /* Noise draws come in whole calls of the model's 2. */
  cg_recommendations_view_set_noise_draws (view, 5);
  ck_assert_uint_eq (cg_recommendations_view_get_noise_draws (view), 6);
  ck_assert_uint_eq (n_rows (), 8);
}
END_TEST

START_TEST (test_dataset_user_hits_and_stars)
{
  g_autoptr(CgCgan) model = new_model (dataset, CG_USER_EMBEDDING_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgRecommendationRow) first = NULL;
  guint user = 0;

  /* A user with test positives, so hits can be checked both ways. */
  while (cg_user_items_count (dataset->test_pos, user) == 0)
    user++;
  cg_recommendations_view_set_model (view, model, dataset, 0);
  cg_recommendations_view_set_k (view, dataset->n_items);
  ck_assert (cg_recommendations_view_show_user (view, dataset->user_ids[user]));
  ck_assert_uint_eq (cg_recommendations_view_get_user (view), dataset->user_ids[user]);
  ck_assert_uint_eq (n_rows (), dataset->n_items - cg_user_items_count (dataset->train_rated,
                                                                         user));
  {
    guint hits = 0;

    for (guint i = 0; i < n_rows (); i++)
      {
        g_autoptr(CgRecommendationRow) row = row_at (i);
        gint32 item = cg_dataset_item_index (dataset, cg_recommendation_row_get_movie_id (row));

        ck_assert (!cg_user_items_contains (dataset->train_rated, user, item));
        ck_assert (cg_recommendation_row_get_hit (row)
                   == cg_user_items_contains (dataset->test_pos, user, item));
        hits += cg_recommendation_row_get_hit (row);
      }
    /* K = every candidate: every test positive is a hit. */
    ck_assert_uint_eq (hits, cg_user_items_count (dataset->test_pos, user));
  }

  /* Your rating of a movie in someone else's list: the stars follow, the list stays. */
  first = row_at (0);
  ck_assert_uint_eq (cg_recommendation_row_get_your_rating (first), 0);
  ck_assert (cg_ratings_store_set_rating (store, cg_recommendation_row_get_movie_id (first), 3,
                                          &error));
  ck_assert_uint_eq (cg_recommendation_row_get_your_rating (first), 3);
  iterate (100);
  {
    g_autoptr(CgRecommendationRow) still = row_at (0);

    ck_assert_ptr_eq (still, first);
  }

  /* No such user. */
  ck_assert (!cg_recommendations_view_show_user (view, 100000));
}
END_TEST

START_TEST (test_id_mode_you)
{
  g_autoptr(CgCgan) model = new_model (dataset, CG_USER_EMBEDDING_ID);
  g_autoptr(CgDataset) with_you = NULL;
  g_autoptr(CgCgan) model_you = NULL;
  g_autoptr(GError) error = NULL;
  guint32 you_id = dataset->max_user_id + 1;
  CgRating mine[2] = {
    { you_id, dataset->movie_ids[3], 5, 0 },
    { you_id, dataset->movie_ids[4], 4, 0 },
  };

  ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[3], 5, &error));
  ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[4], 4, &error));

  /* Trained without you: nothing to show, and it says why. */
  cg_recommendations_view_set_model (view, model, dataset, 0);
  cg_recommendations_view_show_you (view);
  ck_assert_uint_eq (n_rows (), 0);

  /* Trained with you. */
  with_you = cg_dataset_with_extra_user (dataset, mine, G_N_ELEMENTS (mine), &error);
  ck_assert_ptr_nonnull (with_you);
  model_you = new_model (with_you, CG_USER_EMBEDDING_ID);
  cg_recommendations_view_set_model (view, model_you, with_you, you_id);
  cg_recommendations_view_set_k (view, 5);
  ck_assert_uint_eq (n_rows (), 5);
  ck_assert (!list_has_movie (dataset->movie_ids[3]));
  ck_assert (!list_has_movie (dataset->movie_ids[4]));

  /* No model at all. */
  cg_recommendations_view_set_model (view, NULL, NULL, 0);
  ck_assert_uint_eq (n_rows (), 0);
}
END_TEST

static void
on_rate_movie_cb (CgRecommendationsView *self,
                  guint                  movie_id,
                  guint                  rating,
                  guint                 *out)
{
  out[0] = movie_id;
  out[1] = rating;
  out[2]++;
}

static GtkWidget *
find_star (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_has_css_class (child, "star"))
        return child;
      found = find_star (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

START_TEST (test_star_click_emits)
{
  g_autoptr(CgCgan) model = new_model (dataset, CG_USER_EMBEDDING_HISTORY);
  guint got[3] = { 0, 0, 0 };
  GtkWidget *star;

  g_signal_connect (view, "rate-movie", G_CALLBACK (on_rate_movie_cb), got);
  cg_recommendations_view_set_model (view, model, dataset, 0);
  cg_recommendations_view_set_k (view, 5);
  iterate (300);   /* let the column view make its rows */
  star = find_star (GTK_WIDGET (view));
  ck_assert_ptr_nonnull (star);
  g_signal_emit_by_name (star, "clicked");
  ck_assert_uint_eq (got[2], 1);
  ck_assert_uint_eq (got[1], 1);   /* the first star of a row */
  ck_assert (list_has_movie (got[0]));
  /* The view only asks: nothing was written. */
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, got[0]), 0);
}
END_TEST

static gboolean
shift_release_year_cb (const GMatchInfo *match,
                       GString          *result,
                       gpointer          user_data)
{
  g_autofree char *year = g_match_info_fetch (match, 1);

  g_string_append_printf (result, "|01-Jan-%u|", (guint) atoi (year) + 2);
  return FALSE;
}

/* The side list shows each liked movie as the list does: the title without the year in it,
 * then the movie's year (its release date's), which need not be the title's. */
START_TEST (test_side_list_titles)
{
  g_autofree char *item_path = g_build_filename (data_dir, "u.item", NULL);
  g_autoptr(GRegex) release = g_regex_new ("\\|01-Jan-([0-9]{4})\\|", G_REGEX_RAW,
                                           0, NULL);
  g_autoptr(CgDataset) shifted = NULL;
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *items = NULL;
  g_autofree char *edited = NULL;
  GListModel *side;
  const guint32 *liked;
  guint user = 0, n_liked;
  gsize len;

  /* Every movie released two years after the year in its title. u.item is Latin-1: raw. */
  ck_assert (g_file_get_contents (item_path, &items, &len, &error));
  edited = g_regex_replace_eval (release, items, len, 0, 0, shift_release_year_cb, NULL,
                                 &error);
  ck_assert_ptr_nonnull (edited);
  ck_assert (g_file_set_contents (item_path, edited, -1, &error));
  shifted = cg_dataset_load (data_dir, "u1", 4, &error);
  ck_assert_msg (shifted != NULL, "%s", error ? error->message : "");

  model = new_model (shifted, CG_USER_EMBEDDING_ID);
  while (cg_user_items_count (shifted->train_pos, user) == 0)
    user++;
  cg_recommendations_view_set_model (view, model, shifted, 0);
  cg_recommendations_view_set_k (view, 5);
  ck_assert (cg_recommendations_view_show_user (view, shifted->user_ids[user]));

  side = cg_recommendations_view_get_side_items (view);
  liked = cg_user_items_row (shifted->train_pos, user);
  n_liked = cg_user_items_count (shifted->train_pos, user);
  ck_assert_uint_eq (g_list_model_get_n_items (side), n_liked);
  for (guint i = 0; i < n_liked; i++)
    {
      g_autoptr(GtkStringObject) line = g_list_model_get_item (side, i);
      const CgMovie *movie = cg_dataset_movie (shifted, liked[i]);
      const char *paren = strrchr (movie->title, '(');
      g_autofree char *bare = g_strndup (movie->title, paren - movie->title - 1);
      g_autofree char *expected = g_strdup_printf ("%s · %u", bare, movie->year);

      ck_assert_ptr_nonnull (paren);
      ck_assert_uint_eq (movie->year, atoi (paren + 1) + 2);
      ck_assert_str_eq (gtk_string_object_get_string (line), expected);
    }
  /* The rows use the same title and year. */
  for (guint i = 0; i < n_rows (); i++)
    {
      g_autoptr(CgRecommendationRow) row = row_at (i);
      guint32 movie_id = cg_recommendation_row_get_movie_id (row);
      const CgMovie *movie = cg_dataset_movie (shifted,
                                               (guint) cg_dataset_item_index (shifted, movie_id));

      ck_assert_uint_eq (cg_recommendation_row_get_year (row), movie->year);
      ck_assert (strchr (cg_recommendation_row_get_title (row), '(') == NULL);
    }
  cg_recommendations_view_set_model (view, NULL, NULL, 0);
}
END_TEST

/* Icon-only star buttons are named for screen readers. */
START_TEST (test_stars_accessible)
{
  g_autoptr(CgCgan) model = new_model (dataset, CG_USER_EMBEDDING_HISTORY);
  GtkWidget *star;
  guint n = 1;

  cg_recommendations_view_set_model (view, model, dataset, 0);
  cg_recommendations_view_set_k (view, 5);
  iterate (300);   /* let the column view make its rows */
  star = find_star (GTK_WIDGET (view));
  ck_assert_ptr_nonnull (star);
  for (; star != NULL; star = gtk_widget_get_next_sibling (star), n++)
    {
      g_autofree char *expected = g_strdup_printf (n == 1 ? "Rate %u star" : "Rate %u stars", n);
      g_autofree char *mismatch = gtk_test_accessible_check_property (
        GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

      ck_assert_msg (mismatch == NULL, "star %u is labelled %s, not %s", n, mismatch, expected);
    }
  ck_assert_uint_eq (n, 6);
}
END_TEST

static Suite *
recommendations_view_suite (void)
{
  Suite *suite = suite_create ("recommendations-view");
  TCase *tc = tcase_create ("view");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_you_history_live);
  tcase_add_test (tc, test_dataset_user_hits_and_stars);
  tcase_add_test (tc, test_id_mode_you);
  tcase_add_test (tc, test_star_click_emits);
  tcase_add_test (tc, test_side_list_titles);
  tcase_add_test (tc, test_stars_accessible);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  /* See test-plot.c: without a display, skip; with one, keep tests in this process. */
  /* GTK's test accessibility context keeps the properties set on widgets, so they can be
   * checked, and talks to no accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!gtk_init_check ())
    return CG_TEST_SKIP;
  adw_init ();
  g_setenv ("CK_FORK", "no", TRUE);
  return cg_test_run_suite (recommendations_view_suite ());
}
