/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-recommendation-list.c: the Recommendations page's list, without widgets.
 *
 * On a synthetic dataset with an untrained model (the list's rules, not its quality): K
 * lines, none of them rated; "You" with a history-mode model follows your ratings without
 * retraining, once asked for again (a line rated meanwhile stays, marked); a dataset
 * user's hits are exactly their test positives and what they liked is listed; the lines'
 * movies are the catalogue's items, so your stars in someone else's list follow the store
 * with nothing copied; an id-mode model shows you only when trained with you; noise draws
 * come in whole calls of the model. With a history-mode model every line says why, for you
 * and for a dataset user, as the engine's leave-one-out does (the movies named are in the
 * bag, leaving one out lowers the line's score, strongest first), worked out after the list
 * and dropped when the list changes; an id-mode model's list says it cannot.
 */

#include "config.h"

#include <string.h>

#include "cg-catalog-model.h"
#include "cg-explain-task.h"
#include "cg-gui-test.h"
#include "cg-recommender.h"
#include "cg-recommendation-item.h"
#include "cg-recommendation-list.h"

static CgDataset *dataset;
static CgRatingsStore *store;
static CgCatalogModel *catalog;
static CgRecommendationList *list;

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  cg_test_home_setup ();
  dataset = cg_dataset_load (cg_test_home_data_dir (), "u1", 4, &error);
  ck_assert_msg (dataset != NULL, "%s", error ? error->message : "");
  path = cg_test_home_path ("ratings.tsv");
  store = cg_ratings_store_new (path);
  ck_assert (cg_ratings_store_load (store, &error));
  catalog = cg_catalog_model_new (store);
  cg_catalog_model_set_dataset (catalog, dataset);

  list = cg_recommendation_list_new ();
  cg_recommendation_list_set_catalog (list, catalog);
  cg_recommendation_list_set_ratings (list, store);
}

static void
teardown (void)
{
  g_clear_object (&list);
  g_clear_object (&catalog);
  g_clear_object (&store);
  g_clear_pointer (&dataset, cg_dataset_free);
  cg_test_home_teardown ();
}

/* An untrained model on ds (taken; NULL: the synthetic dataset again). */
static CgTrainedModel *
new_model (CgDataset           *ds,
           CgUserEmbeddingMode  mode,
           guint32              you_user_id)
{
  g_autoptr(GError) error = NULL;
  CgCganConfig config;
  CgCgan *model;

  if (ds == NULL)
    ds = cg_dataset_load (cg_test_home_data_dir (), "u1", 4, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  cg_test_tiny_config (&config, 1);
  config.user_mode = mode;
  config.noise_draws = 2;
  model = cg_cgan_new (&config, ds->n_users, ds->n_items, &error);
  ck_assert_msg (model != NULL, "%s", error ? error->message : "");
  return cg_trained_model_new (model, ds, you_user_id);
}

static guint
n_items (void)
{
  return g_list_model_get_n_items (cg_recommendation_list_get_items (list));
}

static CgRecommendationItem *
item_at (guint i)
{
  return g_list_model_get_item (cg_recommendation_list_get_items (list), i);
}

static guint32
movie_at (guint i)
{
  g_autoptr(CgRecommendationItem) item = item_at (i);

  return cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (item));
}

static gboolean
has_movie (guint32 movie_id)
{
  for (guint i = 0; i < n_items (); i++)
    if (movie_at (i) == movie_id)
      return TRUE;
  return FALSE;
}

static gboolean
lacks_movie (gpointer data)
{
  return !has_movie (GPOINTER_TO_UINT (data));
}

START_TEST (test_you_history_live)
{
  g_autoptr(CgTrainedModel) model = new_model (NULL, CG_USER_EMBEDDING_HISTORY, 0);
  guint32 top;

  ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[0], 5, NULL));
  ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[1], 2, NULL));
  cg_recommendation_list_set_model (list, model);
  cg_recommendation_list_set_k (list, 8);
  cg_recommendation_list_refresh (list);
  ck_assert (cg_recommendation_list_get_yours (list));
  ck_assert_ptr_null (cg_recommendation_list_get_empty_message (list));
  ck_assert_uint_eq (n_items (), 8);
  ck_assert (!has_movie (dataset->movie_ids[0]));
  ck_assert (!has_movie (dataset->movie_ids[1]));
  ck_assert_ptr_nonnull (strstr (cg_recommendation_list_get_summary (list),
                                 "1 liked of 2 rated"));
  ck_assert_uint_eq (g_list_model_get_n_items (cg_recommendation_list_get_liked (list)), 1);
  {
    g_autoptr(CgRecommendationItem) first = item_at (0);
    g_autoptr(CgRecommendationItem) second = item_at (1);

    ck_assert_uint_eq (cg_recommendation_item_get_rank (first), 1);
    ck_assert (cg_recommendation_item_get_score (first)
               >= cg_recommendation_item_get_score (second));
  }

  /* Rate the top movie: its line stays, marked, and the list is stale, however long one
   * waits; setting the rating back unmarks it. */
  top = movie_at (0);
  {
    g_autoptr(CgRecommendationItem) first = item_at (0);
    g_autoptr(CgRecommendationItem) second = item_at (1);

    ck_assert (!cg_recommendation_item_get_rated (first));
    ck_assert (cg_ratings_store_set_rating (store, top, 4, NULL));
    ck_assert (cg_recommendation_item_get_rated (first));
    ck_assert (!cg_recommendation_item_get_rated (second));
    ck_assert (cg_recommendation_list_get_stale (list));
    cg_test_spin_for (200);
    ck_assert_uint_eq (movie_at (0), top);
    ck_assert_ptr_nonnull (strstr (cg_recommendation_list_get_summary (list),
                                   "1 liked of 2 rated"));
    ck_assert (cg_ratings_store_set_rating (store, top, 0, NULL));
    ck_assert (!cg_recommendation_item_get_rated (first));
    ck_assert (cg_ratings_store_set_rating (store, top, 4, NULL));
  }

  /* Asked for again, the list leaves it out. */
  cg_recommendation_list_refresh (list);
  ck_assert (!cg_recommendation_list_get_stale (list));
  ck_assert (lacks_movie (GUINT_TO_POINTER (top)));
  ck_assert_uint_eq (n_items (), 8);
  ck_assert_ptr_nonnull (strstr (cg_recommendation_list_get_summary (list),
                                 "2 liked of 3 rated"));

  /* Noise draws come in whole calls of the model's 2. */
  cg_recommendation_list_set_noise_draws (list, 5);
  ck_assert_uint_eq (cg_recommendation_list_get_noise_draws (list), 6);
  cg_recommendation_list_refresh (list);
  ck_assert_uint_eq (n_items (), 8);
  ck_assert_ptr_nonnull (strstr (cg_recommendation_list_get_summary (list), "(3 × 2)"));
}
END_TEST

START_TEST (test_dataset_user_hits_and_liked)
{
  g_autoptr(CgTrainedModel) model = new_model (NULL, CG_USER_EMBEDDING_ID, 0);
  GListModel *liked = cg_recommendation_list_get_liked (list);
  guint user = 0, hits = 0;

  /* A user with test positives, so hits can be checked both ways. */
  while (cg_user_items_count (dataset->test_pos, user) == 0)
    user++;
  cg_recommendation_list_set_model (list, model);
  cg_recommendation_list_set_k (list, dataset->n_items);
  cg_recommendation_list_set_user (list, dataset->user_ids[user]);
  cg_recommendation_list_refresh (list);
  ck_assert (!cg_recommendation_list_get_yours (list));
  ck_assert_uint_eq (n_items (), dataset->n_items - cg_user_items_count (dataset->train_rated,
                                                                          user));
  for (guint i = 0; i < n_items (); i++)
    {
      g_autoptr(CgRecommendationItem) item = item_at (i);
      CgMovieItem *movie = cg_recommendation_item_get_movie (item);
      gint32 index = cg_dataset_item_index (dataset, cg_movie_item_get_movie_id (movie));

      ck_assert (!cg_user_items_contains (dataset->train_rated, user, index));
      ck_assert (cg_recommendation_item_get_hit (item)
                 == cg_user_items_contains (dataset->test_pos, user, index));
      hits += cg_recommendation_item_get_hit (item);
      /* The catalogue's own item. */
      ck_assert_ptr_eq (movie, cg_catalog_model_lookup (catalog,
                                                        cg_movie_item_get_movie_id (movie)));
    }
  /* K = every candidate: every test positive is a hit. */
  ck_assert_uint_eq (hits, cg_user_items_count (dataset->test_pos, user));

  /* What they liked in training, in the dataset's order. */
  ck_assert_uint_eq (g_list_model_get_n_items (liked),
                     cg_user_items_count (dataset->train_pos, user));
  for (guint i = 0; i < g_list_model_get_n_items (liked); i++)
    {
      g_autoptr(CgMovieItem) movie = g_list_model_get_item (liked, i);

      ck_assert_uint_eq (cg_movie_item_get_movie_id (movie),
                         dataset->movie_ids[cg_user_items_row (dataset->train_pos, user)[i]]);
    }

  /* Your rating of a movie in someone else's list: the line's stars follow, the list stays. */
  {
    g_autoptr(CgRecommendationItem) first = item_at (0);
    CgMovieItem *movie = cg_recommendation_item_get_movie (first);

    ck_assert_uint_eq (cg_movie_item_get_your_rating (movie), 0);
    ck_assert (cg_ratings_store_set_rating (store, cg_movie_item_get_movie_id (movie), 3,
                                            NULL));
    ck_assert_uint_eq (cg_movie_item_get_your_rating (movie), 3);
    cg_test_spin_for (100);
    {
      g_autoptr(CgRecommendationItem) still = item_at (0);

      ck_assert_ptr_eq (still, first);
    }
  }

  /* No such user. */
  cg_recommendation_list_set_user (list, 100000);
  cg_recommendation_list_refresh (list);
  ck_assert_uint_eq (n_items (), 0);
  ck_assert_ptr_nonnull (strstr (cg_recommendation_list_get_empty_message (list), "100000"));
}
END_TEST

START_TEST (test_id_mode_you)
{
  g_autoptr(CgTrainedModel) without_you = new_model (NULL, CG_USER_EMBEDDING_ID, 0);
  g_autoptr(CgTrainedModel) with_you_model = NULL;
  CgDataset *with_you;
  g_autoptr(GError) error = NULL;
  guint32 you_id = dataset->max_user_id + 1;
  CgRating mine[2] = {
    { you_id, dataset->movie_ids[3], 5, 0 },
    { you_id, dataset->movie_ids[4], 4, 0 },
  };

  ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[3], 5, &error));
  ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[4], 4, &error));

  /* Trained without you: nothing to show, and it says why. */
  cg_recommendation_list_set_model (list, without_you);
  ck_assert_uint_eq (n_items (), 0);
  ck_assert_ptr_nonnull (strstr (cg_recommendation_list_get_empty_message (list),
                                 "Train including you"));

  /* Trained with you. */
  with_you = cg_dataset_with_extra_user (dataset, mine, G_N_ELEMENTS (mine), &error);
  ck_assert_ptr_nonnull (with_you);
  with_you_model = new_model (with_you, CG_USER_EMBEDDING_ID, you_id);
  cg_recommendation_list_set_model (list, with_you_model);
  cg_recommendation_list_set_k (list, 5);
  cg_recommendation_list_refresh (list);
  ck_assert_uint_eq (n_items (), 5);
  ck_assert (!has_movie (dataset->movie_ids[3]));
  ck_assert (!has_movie (dataset->movie_ids[4]));
  ck_assert_uint_eq (g_list_model_get_n_items (cg_recommendation_list_get_liked (list)), 2);

  /* No model at all. */
  cg_recommendation_list_set_model (list, NULL);
  ck_assert_uint_eq (n_items (), 0);
  ck_assert_ptr_nonnull (cg_recommendation_list_get_empty_message (list));
}
END_TEST

static gboolean
explained (gpointer data)
{
  return !cg_recommendation_list_get_explaining (list);
}

/* The bag the list embeds its user from, as item indices in its own order: the liked list. */
static guint32 *
liked_bag (const CgDataset *ds,
           guint           *n_bag)
{
  GListModel *liked = cg_recommendation_list_get_liked (list);
  guint32 *bag = g_new (guint32, MAX (g_list_model_get_n_items (liked), 1));

  *n_bag = g_list_model_get_n_items (liked);
  for (guint i = 0; i < *n_bag; i++)
    {
      g_autoptr(CgMovieItem) movie = g_list_model_get_item (liked, i);

      bag[i] = cg_dataset_item_index (ds, cg_movie_item_get_movie_id (movie));
    }
  return bag;
}

/* The history score of item with bag, less skip (an index into bag, or n_bag for none). */
static float
score_without (CgCgan        *model,
               const guint32 *bag,
               guint          n_bag,
               guint          skip,
               guint32        item)
{
  g_autofree float *scores = g_new (float, cg_cgan_get_n_items (model));
  g_autofree float *scratch = g_new (float, cg_cgan_get_n_items (model));
  g_autofree guint32 *kept = g_new (guint32, MAX (n_bag, 1));
  guint n = 0;

  for (guint j = 0; j < n_bag; j++)
    if (j != skip)
      kept[n++] = bag[j];
  ck_assert (cg_recommend_history_scores (model, kept, n, cg_recommend_rounds (
                                            model, cg_recommendation_list_get_noise_draws (list)),
                                          scores, scratch, NULL));
  return scores[item];
}

/* Every line of the list has its reasons, and they are the engine's: movies of the bag,
 * each of whose removal lowers the line's score, the largest drop first. Returns how many
 * reasons there are in all. */
static guint
check_reasons (CgTrainedModel *model,
               const char     *prefix)
{
  const CgDataset *ds = cg_trained_model_get_dataset (model);
  CgCgan *cgan = cg_trained_model_get_cgan (model);
  guint n_bag, total = 0;
  g_autofree guint32 *bag = liked_bag (ds, &n_bag);

  ck_assert_uint_gt (n_items (), 0);
  for (guint i = 0; i < n_items (); i++)
    {
      g_autoptr(CgRecommendationItem) item = item_at (i);
      guint32 target = cg_dataset_item_index (
        ds, cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (item)));
      const char *because = cg_recommendation_item_get_because (item);
      float full = score_without (cgan, bag, n_bag, n_bag, target);
      float last_drop = G_MAXFLOAT;
      CgReason engine[CG_EXPLAIN_TASK_MAX_REASONS];
      guint n_engine, n;
      const guint32 *reasons = cg_recommendation_item_get_reasons (item, &n);

      ck_assert_ptr_nonnull (because);
      /* The engine itself, asked for this line alone, names the same movies in the same
       * order. */
      ck_assert (cg_explain_history (cgan, bag, n_bag, &target, 1, cg_recommend_rounds (
                                       cgan, cg_recommendation_list_get_noise_draws (list)),
                                     CG_EXPLAIN_TASK_MAX_REASONS, engine, &n_engine, NULL,
                                     NULL));
      ck_assert_uint_eq (n, n_engine);
      if (n > 0)
        ck_assert_msg (g_str_has_prefix (because, prefix), "%s", because);
      for (guint r = 0; r < n; r++)
        {
          gint32 index = cg_dataset_item_index (ds, reasons[r]);
          guint j = 0;
          float drop;
          g_autoptr(CgMovieItem) named = NULL;

          ck_assert_uint_eq ((guint32) index, engine[r].item);
          while (j < n_bag && bag[j] != (guint32) index)
            j++;
          ck_assert_msg (j < n_bag, "movie %u is not in the bag", reasons[r]);
          drop = full - score_without (cgan, bag, n_bag, j, target);
          ck_assert_msg (drop > 0.0f, "leaving out %u changes %u's score by %g", reasons[r],
                         target, -drop);
          ck_assert (drop <= last_drop);
          last_drop = drop;
          named = g_object_ref (cg_catalog_model_lookup (catalog, reasons[r]));
          ck_assert_ptr_nonnull (strstr (because, cg_movie_item_get_display_title (named)));
        }
      total += n;
    }
  return total;
}

START_TEST (test_because_you_liked)
{
  g_autoptr(CgTrainedModel) model = new_model (NULL, CG_USER_EMBEDDING_HISTORY, 0);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 8; i++)
    ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[i * 3], 5, NULL));
  cg_recommendation_list_set_model (list, model);
  cg_recommendation_list_set_k (list, 10);
  cg_recommendation_list_refresh (list);
  ck_assert_ptr_null (cg_recommendation_list_get_explain_note (list));
  /* The list is there at once; its reasons follow from the worker. */
  ck_assert_uint_eq (n_items (), 10);
  ck_assert (cg_recommendation_list_get_explaining (list));
  ck_assert (cg_test_spin_until (explained, NULL, 10000));
  ck_assert_uint_gt (check_reasons (model, "Because you liked "), 0);
  for (guint i = 0; i < n_items (); i++)
    {
      g_autoptr(CgRecommendationItem) item = item_at (i);

      g_ptr_array_add (first, g_strdup (cg_recommendation_item_get_because (item)));
    }

  /* A list asked for again while its reasons come: the old reasons are dropped (they
   * would not fit the new lines), the new list gets its own. */
  cg_recommendation_list_refresh (list);
  ck_assert (cg_recommendation_list_get_explaining (list));
  cg_recommendation_list_set_k (list, 4);
  cg_recommendation_list_refresh (list);
  ck_assert_uint_eq (n_items (), 4);
  ck_assert (cg_test_spin_until (explained, NULL, 10000));
  cg_test_spin_for (100);
  check_reasons (model, "Because you liked ");
  /* Stable: the same lines, the same reasons. */
  for (guint i = 0; i < n_items (); i++)
    {
      g_autoptr(CgRecommendationItem) item = item_at (i);

      ck_assert_str_eq (cg_recommendation_item_get_because (item),
                        g_ptr_array_index (first, i));
    }
}
END_TEST

START_TEST (test_because_user_liked)
{
  g_autoptr(CgTrainedModel) model = new_model (NULL, CG_USER_EMBEDDING_HISTORY, 0);
  g_autofree char *prefix = NULL;
  guint user = 0;

  while (cg_user_items_count (dataset->train_pos, user) < 3)
    user++;
  cg_recommendation_list_set_model (list, model);
  cg_recommendation_list_set_user (list, dataset->user_ids[user]);
  cg_recommendation_list_refresh (list);
  ck_assert (cg_test_spin_until (explained, NULL, 10000));
  prefix = g_strdup_printf ("Because user %u liked ", dataset->user_ids[user]);
  ck_assert_uint_gt (check_reasons (model, prefix), 0);
}
END_TEST

/* An id-mode model has no bag to leave movies out of: the list says so, and no line
 * claims a reason. */
START_TEST (test_id_mode_cannot_explain)
{
  g_autoptr(CgTrainedModel) model = new_model (NULL, CG_USER_EMBEDDING_ID, 0);

  cg_recommendation_list_set_model (list, model);
  cg_recommendation_list_set_user (list, dataset->user_ids[0]);
  cg_recommendation_list_refresh (list);
  ck_assert_uint_gt (n_items (), 0);
  ck_assert (!cg_recommendation_list_get_explaining (list));
  ck_assert_ptr_nonnull (strstr (cg_recommendation_list_get_explain_note (list),
                                 "need a model whose user mode is “history”"));
  cg_test_spin_for (100);
  for (guint i = 0; i < n_items (); i++)
    {
      g_autoptr(CgRecommendationItem) item = item_at (i);

      ck_assert_ptr_null (cg_recommendation_item_get_because (item));
    }
}
END_TEST

/* A line's movie the list makes itself (no catalogue to share) still knows another movie
 * has its title, so the page can tell them apart. */
START_TEST (test_own_items_know_shared_titles)
{
  g_autoptr(CgTrainedModel) model = NULL;
  guint shared = 0;

  cg_test_edit_data_file ("u.item", "^(1|2)\\|[^|]*\\|[^|]*\\|",
                          "\\1|Twin (1990)|01-Jan-1990|");
  model = new_model (NULL, CG_USER_EMBEDDING_HISTORY, 0);
  cg_recommendation_list_set_catalog (list, NULL);
  cg_recommendation_list_set_model (list, model);
  cg_recommendation_list_set_k (list, cg_trained_model_get_dataset (model)->n_items);
  cg_recommendation_list_refresh (list);
  ck_assert_uint_eq (n_items (), cg_trained_model_get_dataset (model)->n_items);
  for (guint i = 0; i < n_items (); i++)
    {
      g_autoptr(CgRecommendationItem) item = item_at (i);
      CgMovieItem *movie = cg_recommendation_item_get_movie (item);
      guint32 id = cg_movie_item_get_movie_id (movie);

      ck_assert (cg_catalog_model_lookup (catalog, id) != movie);
      ck_assert (cg_movie_item_get_shares_title (movie) == (id == 1 || id == 2));
      shared += cg_movie_item_get_shares_title (movie);
    }
  ck_assert_uint_eq (shared, 2);
}
END_TEST

static Suite *
recommendation_list_suite (void)
{
  Suite *suite = suite_create ("recommendation-list");
  TCase *tc = tcase_create ("list");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_you_history_live);
  tcase_add_test (tc, test_dataset_user_hits_and_liked);
  tcase_add_test (tc, test_id_mode_you);
  tcase_add_test (tc, test_because_you_liked);
  tcase_add_test (tc, test_because_user_liked);
  tcase_add_test (tc, test_id_mode_cannot_explain);
  tcase_add_test (tc, test_own_items_know_shared_titles);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_suite (recommendation_list_suite ());
}
