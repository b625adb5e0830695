/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-screenshots.c: the README's and the metainfo's screenshots, from the real window on
 * the real MovieLens 100K ($CINEGAN_DATA_DIR or ../shared/ml-100k; skipped without it).
 *
 * A new user's first steps, each checked before it is shot: ten ratings in the catalogue
 * (the first-steps hint gone), a training with the default settings including them (more
 * NDCG than the popularity baseline), dataset user 1's list with hits in their test set,
 * and your list, none of your movies in it, every line saying which of your liked movies it
 * rests on, in light and in dark. The shots are $CG_SCREENSHOT_DIR/screenshot-readme-*.png;
 * data/screenshots/ holds them without the prefix (training-runs.png comes from
 * test-training-runs). Needs a display: suite `gui`.
 */

#include "config.h"

#include "cg-catalog-hint.h"
#include "cg-gui-test.h"
#include "cg-recommendation-item.h"
#include "cg-recommendations-view.h"
#include "cg-training-view.h"

/* The size the metainfo gives its screenshots. */
#define SHOT_WIDTH  1240
#define SHOT_HEIGHT 820

static char *real_data_dir;

/* Movies most people know, among the catalogue's first screen or just below it: one
 * disliked, so the liked count differs from the rated one. */
static const struct
{
  guint32 movie;
  guint   stars;
} your_ratings[] = {
  { 50, 5 },   /* Star Wars */
  { 100, 5 },  /* Fargo */
  { 1, 5 },    /* Toy Story */
  { 121, 2 },  /* Independence Day (ID4) */
  { 174, 5 },  /* Raiders of the Lost Ark */
  { 127, 4 },  /* Godfather, The */
  { 56, 4 },   /* Pulp Fiction */
  { 98, 4 },   /* Silence of the Lambs, The */
  { 64, 5 },   /* Shawshank Redemption, The */
  { 172, 5 },  /* Empire Strikes Back, The */
};

static gboolean
session_idle (gpointer data)
{
  return cg_test_session_idle (data);
}

/* The list for its user is there, ten lines, each with its reasons once they are worked
 * out (a list that explains nothing, as for a dataset user, is done once shown). */
static gboolean
list_settled (gpointer data)
{
  CgRecommendationList *list = data;

  return g_list_model_get_n_items (cg_recommendation_list_get_items (list)) == 10
         && !cg_recommendation_list_get_explaining (list);
}

/* No toast on screen: "Training finished" would cover the pages' lower middle. */
static gboolean
no_toast (gpointer window)
{
  GType toast = g_type_from_name ("AdwToastWidget");

  return toast == 0 || cg_test_find_widget (GTK_WIDGET (window), cg_test_widget_is_mapped_a,
                                            GSIZE_TO_POINTER (toast)) == NULL;
}

static CgRecommendationList *
show_list_for (CgWindow *window,
               guint32   user)
{
  CgRecommendationsView *view = CG_RECOMMENDATIONS_VIEW (
    cg_window_get_recommendations_view (window));
  CgRecommendationList *list = cg_recommendations_view_get_list (view);

  cg_window_show_view (window, "recommendations");
  cg_recommendations_view_show_user (view, user);
  ck_assert (cg_test_spin_until (list_settled, list, 60000));
  return list;
}

static gboolean
rated_by_you (guint32 movie)
{
  for (guint i = 0; i < G_N_ELEMENTS (your_ratings); i++)
    if (your_ratings[i].movie == movie)
      return TRUE;
  return FALSE;
}

START_TEST (test_new_user_screenshots)
{
  g_autoptr(CgApplication) app = NULL;
  CgWindow *window;
  CgSession *session;
  CgRatingsStore *ratings;
  CgTrainingView *training;
  CgTrainingRun *run;
  CgRecommendationList *list;
  const CgEpochRecord *epochs;
  CgMetrics baseline;
  CgCganConfig config;
  guint n_epochs, n_hits = 0;

  if (real_data_dir == NULL)
    {
      g_print ("no real MovieLens folder: README screenshots skipped\n");
      return;
    }
  app = cg_test_application_new ();
  window = cg_test_open_window_on (app, real_data_dir);
  session = cg_window_get_session (window);
  ratings = cg_application_get_ratings_store (app);
  cg_test_resize_window (GTK_WINDOW (window), SHOT_WIDTH, SHOT_HEIGHT);

  /* ---- the catalogue, ten movies rated ---- */
  for (guint i = 0; i < G_N_ELEMENTS (your_ratings); i++)
    ck_assert (cg_ratings_store_set_rating (ratings, your_ratings[i].movie,
                                            your_ratings[i].stars, NULL));
  ck_assert_uint_eq (cg_ratings_store_get_n_rated (ratings), 10);
  cg_test_shoot_view (window, "catalogue", "readme-catalogue");
  ck_assert (!cg_catalog_hint_get_shown (CG_CATALOG_HINT (
    cg_test_get_by_name (GTK_WIDGET (window), "catalogue-hint"))));

  /* ---- a training with the defaults, you included ---- */
  training = CG_TRAINING_VIEW (cg_window_get_training_view (window));
  cg_cgan_config_init (&config);
  config.threads = 2;
  cg_training_view_set_include_me (training, TRUE);
  cg_window_show_view (window, "training");
  cg_test_window_train (window, &config, FALSE);
  ck_assert (cg_test_spin_until (session_idle, session, 900000));
  run = cg_session_get_run (session);
  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_FINISHED);
  ck_assert (cg_training_run_get_includes_you (run));
  epochs = cg_training_run_get_epochs (run, &n_epochs);
  ck_assert_uint_eq (n_epochs, config.epochs);
  ck_assert (cg_training_run_get_baseline (run, &baseline));
  ck_assert_msg (epochs[n_epochs - 1].ndcg > baseline.ndcg, "NDCG %.4f, popularity %.4f",
                 epochs[n_epochs - 1].ndcg, baseline.ndcg);
  ck_assert (cg_test_spin_until (no_toast, window, 15000));
  cg_test_shoot_view (window, "training", "readme-training");

  /* ---- a dataset user's list, with the hits in their test set ---- */
  list = show_list_for (window, 1);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(CgRecommendationItem) item = g_list_model_get_item (
        cg_recommendation_list_get_items (list), i);

      n_hits += cg_recommendation_item_get_hit (item);
    }
  ck_assert_uint_ge (n_hits, 1);
  cg_test_shoot_view (window, "recommendations", "readme-recommendations");

  /* ---- your list: none of your movies, each line with its reasons ---- */
  list = show_list_for (window, 0);
  ck_assert (cg_recommendation_list_get_yours (list));
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(CgRecommendationItem) item = g_list_model_get_item (
        cg_recommendation_list_get_items (list), i);
      guint32 movie = cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (item));
      guint n_reasons = 0;
      const guint32 *reasons = cg_recommendation_item_get_reasons (item, &n_reasons);

      ck_assert_msg (!rated_by_you (movie), "movie %u, which you rated, is listed", movie);
      ck_assert_uint_ge (n_reasons, 1);
      for (guint j = 0; j < n_reasons; j++)
        ck_assert (rated_by_you (reasons[j]));
    }
  cg_test_shoot_view (window, "recommendations", "readme-recommendations-why");

  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme",
                                  g_variant_new_string ("dark"));
  ck_assert (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cg_test_shoot_view (window, "recommendations", "readme-recommendations-you");
  g_action_group_activate_action (G_ACTION_GROUP (app), "color-scheme",
                                  g_variant_new_string ("light"));

  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static Suite *
screenshots_suite (void)
{
  Suite *s = suite_create ("screenshots");
  TCase *tc = tcase_create ("readme");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 1200);
  tcase_add_test (tc, test_new_user_screenshots);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  real_data_dir = cg_test_real_data_dir ();
  return cg_test_run_app_suite (screenshots_suite ());
}
