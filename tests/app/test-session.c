/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-session.c: the session — one owner of the dataset, the current model and the run.
 *
 * Without widgets, on a synthetic dataset: loading fills the catalogue and a failed load
 * keeps what was there; a run makes an unsaved model and what it counts as liked follows;
 * saving and opening again gives the same recommendations; a damaged file or an
 * impossible save leaves the current model alone; nothing opens or starts while a run
 * goes; a view that holds the model keeps it when the session replaces it.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cg-gui-test.h"
#include "cg-recommendation-item.h"
#include "cg-recommendation-list.h"
#include "cg-session.h"

static CgRatingsStore *ratings;
static CgSession *session;

static void
setup (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  cg_test_home_setup ();
  path = cg_test_home_path ("ratings.tsv");
  ratings = cg_ratings_store_new (path);
  ck_assert (cg_ratings_store_load (ratings, &error));
  session = cg_session_new (ratings);
}

static void
teardown (void)
{
  g_clear_object (&session);
  g_clear_object (&ratings);
  cg_test_spin_for (10);
  cg_test_home_teardown ();
}

static gboolean
load (const char *dir,
      GError    **error)
{
  CgTestOutcome outcome = { 0 };

  cg_session_load_dataset_async (session, dir, NULL, cg_test_outcome_cb, &outcome);
  if (!cg_test_wait (&outcome, 30000))
    g_propagate_error (error, outcome.error);
  return outcome.ok;
}

static gboolean
open_model (GFile   *file,
            GError **error)
{
  CgTestOutcome outcome = { 0 };

  cg_session_open_model_async (session, file, NULL, cg_test_outcome_cb, &outcome);
  if (!cg_test_wait (&outcome, 30000))
    g_propagate_error (error, outcome.error);
  return outcome.ok;
}

static gboolean
not_training (gpointer data)
{
  return !cg_session_get_training (session);
}

static CgTrainingRun *
train (guint    epochs,
       guint    threshold,
       gboolean include_me)
{
  CgCganConfig config;
  CgTrainingRun *run;

  cg_test_tiny_config (&config, epochs);
  run = cg_session_train (session, "u1", threshold, &config, include_me);
  ck_assert_ptr_nonnull (run);
  ck_assert (cg_session_get_training (session));
  ck_assert (cg_test_spin_until (not_training, NULL, 120000));
  return run;
}

/* The movie IDs and scores of your top k. */
static GArray *
your_list (guint k)
{
  g_autoptr(CgRecommendationList) list = cg_recommendation_list_new ();
  GListModel *items = cg_recommendation_list_get_items (list);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));

  cg_recommendation_list_set_model (list, cg_session_get_model (session));
  cg_recommendation_list_set_catalog (list, cg_session_get_catalog (session));
  cg_recommendation_list_set_ratings (list, ratings);
  cg_recommendation_list_set_k (list, k);
  cg_recommendation_list_refresh (list);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CgRecommendationItem) item = g_list_model_get_item (items, i);
      double pair[2] = { cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (item)),
                         cg_recommendation_item_get_score (item) };

      g_array_append_vals (out, pair, 2);
    }
  return out;
}

START_TEST (test_load_dataset)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = cg_test_home_path ("empty");

  ck_assert_ptr_null (cg_session_get_data_dir (session));
  ck_assert_msg (load (cg_test_home_data_dir (), &error), "%s", error ? error->message : "");
  ck_assert_str_eq (cg_session_get_data_dir (session), cg_test_home_data_dir ());
  ck_assert_uint_eq (g_list_model_get_n_items (cg_catalog_model_get_all (
                       cg_session_get_catalog (session))), 40);
  ck_assert (!cg_session_get_loading (session));

  /* A folder without the data: an error, and the dataset loaded before stays. */
  ck_assert_int_eq (g_mkdir (empty, 0700), 0);
  ck_assert (!load (empty, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_str_eq (cg_session_get_data_dir (session), cg_test_home_data_dir ());
  ck_assert_uint_eq (g_list_model_get_n_items (cg_catalog_model_get_all (
                       cg_session_get_catalog (session))), 40);
}
END_TEST

START_TEST (test_run_makes_unsaved_model)
{
  CgTrainingRun *run;

  ck_assert_ptr_null (cg_session_train (session, "u1", 4, &(CgCganConfig) { 0 }, FALSE));
  ck_assert (load (cg_test_home_data_dir (), NULL));
  ck_assert_uint_eq (cg_session_get_liked_threshold (session), 4);

  run = train (1, 3, FALSE);
  ck_assert_ptr_eq (cg_session_get_run (session), run);
  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_FINISHED);
  ck_assert_ptr_eq (cg_session_get_model (session), cg_training_run_get_model (run));
  ck_assert (cg_session_get_unsaved (session));
  ck_assert_ptr_null (cg_session_get_file (session));
  /* What counts as liked is what that model was trained with. */
  ck_assert_uint_eq (cg_session_get_liked_threshold (session), 3);
  ck_assert_uint_eq (cg_session_get_you_user_id (session), 0);
}
END_TEST

START_TEST (test_save_and_open_give_the_same_list)
{
  g_autofree char *path = cg_test_home_path ("flow.cgan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(CgTrainedModel) trained = NULL;

  ck_assert (load (cg_test_home_data_dir (), NULL));
  ck_assert (cg_ratings_store_set_rating (ratings, 1, 5, NULL));
  ck_assert (cg_ratings_store_set_rating (ratings, 2, 4, NULL));
  train (1, 4, TRUE);
  ck_assert_uint_ne (cg_session_get_you_user_id (session), 0);
  trained = g_object_ref (cg_session_get_model (session));
  before = your_list (10);
  ck_assert_uint_eq (before->len, 20);

  ck_assert_msg (cg_session_save_model (session, file, &error), "%s",
                 error ? error->message : "");
  ck_assert (!cg_session_get_unsaved (session));
  ck_assert (g_file_equal (cg_session_get_file (session), file));

  ck_assert_msg (open_model (file, &error), "%s", error ? error->message : "");
  ck_assert_ptr_ne (cg_session_get_model (session), trained);   /* a fresh copy from disk */
  ck_assert_ptr_null (cg_session_get_run (session));
  ck_assert (!cg_session_get_unsaved (session));
  ck_assert_uint_ne (cg_session_get_you_user_id (session), 0);
  after = your_list (10);
  ck_assert_uint_eq (after->len, before->len);
  for (guint i = 0; i < before->len; i++)
    ck_assert_double_eq (g_array_index (after, double, i), g_array_index (before, double, i));
}
END_TEST

START_TEST (test_failures_keep_the_model)
{
  g_autofree char *bad_path = cg_test_home_path ("damaged.cgan");
  g_autofree char *nowhere_path = cg_test_home_path ("no-such-folder/model.cgan");
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (nowhere_path);
  g_autoptr(GError) error = NULL;
  CgTrainedModel *model;

  ck_assert (load (cg_test_home_data_dir (), NULL));
  train (1, 4, FALSE);
  model = cg_session_get_model (session);

  ck_assert (g_file_set_contents (bad_path, "CGAN but not really", -1, NULL));
  ck_assert (!open_model (bad, &error));
  g_print ("damaged model refused: %s\n", error->message);
  g_clear_error (&error);
  ck_assert_ptr_eq (cg_session_get_model (session), model);
  ck_assert (cg_session_get_unsaved (session));

  ck_assert (!cg_session_save_model (session, nowhere, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_ptr_eq (cg_session_get_model (session), model);
  ck_assert_ptr_null (cg_session_get_file (session));
  ck_assert (cg_session_get_unsaved (session));
}
END_TEST

START_TEST (test_nothing_starts_while_training)
{
  g_autofree char *path = cg_test_home_path ("any.cgan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CgCganConfig config;

  ck_assert (load (cg_test_home_data_dir (), NULL));
  cg_test_tiny_config (&config, 100000);
  ck_assert_ptr_nonnull (cg_session_train (session, "u1", 4, &config, FALSE));
  ck_assert_ptr_null (cg_session_train (session, "u1", 4, &config, FALSE));
  ck_assert (!open_model (file, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY));

  cg_session_cancel_training (session);
  ck_assert (cg_test_spin_until (not_training, NULL, 30000));
  ck_assert_int_eq (cg_training_run_get_state (cg_session_get_run (session)),
                    CG_TRAINING_RUN_CANCELLED);
}
END_TEST

/* Whoever shows a model holds it: replacing the session's model frees nothing under them. */
START_TEST (test_replaced_model_lives_on)
{
  g_autoptr(CgRecommendationList) list = cg_recommendation_list_new ();
  gpointer weak;

  ck_assert (load (cg_test_home_data_dir (), NULL));
  train (1, 4, FALSE);
  weak = cg_session_get_model (session);
  g_object_add_weak_pointer (G_OBJECT (weak), &weak);
  cg_recommendation_list_set_model (list, cg_session_get_model (session));

  cg_session_set_model (session, NULL, NULL, FALSE);
  ck_assert_ptr_null (cg_session_get_model (session));
  ck_assert (!cg_session_get_unsaved (session));
  ck_assert_uint_eq (cg_session_get_liked_threshold (session), 4);
  ck_assert_ptr_nonnull (weak);
  cg_recommendation_list_refresh (list);
  ck_assert_uint_eq (g_list_model_get_n_items (cg_recommendation_list_get_items (list)), 10);

  /* The run still has it too; once neither holds it, it goes. */
  g_clear_object (&session);
  cg_recommendation_list_set_model (list, NULL);
  ck_assert_ptr_null (weak);
}
END_TEST

static Suite *
session_suite (void)
{
  Suite *suite = suite_create ("session");
  TCase *tc = tcase_create ("session");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_load_dataset);
  tcase_add_test (tc, test_run_makes_unsaved_model);
  tcase_add_test (tc, test_save_and_open_give_the_same_list);
  tcase_add_test (tc, test_failures_keep_the_model);
  tcase_add_test (tc, test_nothing_starts_while_training);
  tcase_add_test (tc, test_replaced_model_lives_on);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (session_suite ());
}
