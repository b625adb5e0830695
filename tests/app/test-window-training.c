/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-window-training.c: the window while a training runs.
 *
 * Opening a model or another dataset folder is refused while a run goes (its model would
 * replace the one opened when it ends). Rating movies in the Recommendations view during a
 * run, refreshing the list after each (it re-scores you on the main thread), keeps the
 * window responsive, and the run's results are bit for bit those of the same run without
 * it. An ablation queue whose first run is turned down at the unsaved-model question, or
 * cannot start once agreed to (another run began meanwhile), is not left armed: the next
 * Train is one run with the form's settings, and nothing follows the other run. Each test
 * runs in its own process with its own home. Needs a display: suite `gui`.
 */

#include "config.h"

#include <string.h>

#include "cg-gui-test.h"
#include "cg-recommendation-item.h"
#include "cg-recommendations-view.h"
#include "cg-star-rating.h"
#include "cg-training-view.h"

static gboolean
not_training (gpointer data)
{
  return !cg_session_get_training (CG_SESSION (data));
}

START_TEST (test_no_open_while_training)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  CgSession *session = cg_window_get_session (window);
  GtkWidget *open_button = cg_test_find_widget (GTK_WIDGET (window), cg_test_widget_has_action,
                                                "win.open-model");
  GtkWidget *choose_button = cg_test_find_widget (GTK_WIDGET (window),
                                                  cg_test_widget_has_action,
                                                  "win.choose-dataset");
  g_autofree char *path = cg_test_home_path ("any.cgan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CgTestOutcome outcome = { FALSE, FALSE, NULL };
  CgCganConfig config;

  ck_assert_ptr_nonnull (open_button);
  ck_assert_ptr_nonnull (choose_button);
  ck_assert (gtk_widget_get_sensitive (open_button));
  ck_assert (gtk_widget_get_sensitive (choose_button));

  cg_test_tiny_config (&config, 100000);
  cg_test_window_train (window, &config, FALSE);
  cg_test_spin_for (50);
  /* The header tells every page that a run goes on. */
  ck_assert_msg (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                                     GTK_WIDGET (window), "model-subtitle"))), "Training: "),
                 "%s", gtk_label_get_text (GTK_LABEL (cg_test_get_by_name (
                                             GTK_WIDGET (window), "model-subtitle"))));
  ck_assert (!gtk_widget_get_sensitive (open_button));
  ck_assert (!gtk_widget_get_sensitive (choose_button));
  cg_session_open_model_async (session, file, NULL, cg_test_outcome_cb, &outcome);
  ck_assert (!cg_test_wait (&outcome, 10000));
  ck_assert_msg (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_BUSY), "%s",
                 outcome.error != NULL ? outcome.error->message : "no error");
  g_clear_error (&outcome.error);

  /* Cancelled, both come back. */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-training", NULL));
  ck_assert (cg_test_spin_until (not_training, session, 30000));
  cg_test_spin_for (50);
  ck_assert (gtk_widget_get_sensitive (open_button));
  ck_assert (gtk_widget_get_sensitive (choose_button));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* ---- rating while training ---- */

/* What a run produced, to compare bit for bit: its per-epoch losses and metrics (not the
 * wall time) and every parameter of its model. */
typedef struct
{
  GArray *records;   /* double: loss_d, loss_g, recall, ndcg, hit_rate per epoch */
  GArray *params;    /* float: every tensor, in order */
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->records, g_array_unref);
  g_clear_pointer (&result->params, g_array_unref);
}

static void
keep_result (CgTrainingRun *run,
             RunResult     *result)
{
  CgCgan *model = cg_trained_model_get_cgan (cg_training_run_get_model (run));
  const CgEpochRecord *history;
  guint n_records;

  ck_assert_int_eq (cg_training_run_get_state (run), CG_TRAINING_RUN_FINISHED);
  result->records = g_array_new (FALSE, FALSE, sizeof (double));
  result->params = g_array_new (FALSE, FALSE, sizeof (float));
  history = cg_cgan_get_history (model, &n_records);
  for (guint i = 0; i < n_records; i++)
    {
      double values[] = { history[i].loss_d, history[i].loss_g, history[i].recall,
                          history[i].ndcg, history[i].hit_rate };

      g_array_append_vals (result->records, values, G_N_ELEMENTS (values));
    }
  for (guint t = 0; t < cg_cgan_n_tensors (model); t++)
    {
      guint rows, cols;
      const char *name;
      float *data = cg_cgan_tensor (model, t, &name, &rows, &cols);

      g_array_append_vals (result->params, data, (guint) rows * MAX (cols, 1));
    }
}

typedef struct
{
  CgWindow      *window;
  CgTrainingRun *run;
  GArray        *rated;        /* guint32 movie IDs rated during the run */
  guint          stars;        /* the next rating given, 4 or 5 */
  gint64         last_tick;
  gint64         max_gap_us;   /* longest wait between two 10 ms ticks */
  guint          refreshes;    /* new lists shown while the run went */
  GArray        *refresh_us;   /* gint64: how long each Refresh held the main loop */
} Interference;

static gboolean
tick_cb (gpointer data)
{
  Interference *it = data;
  gint64 now = g_get_monotonic_time ();

  if (it->last_tick != 0)
    it->max_gap_us = MAX (it->max_gap_us, now - it->last_tick);
  it->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* Refresh (F5): your list scored again, on the main thread; how long that took is kept. */
static void
timed_refresh (Interference *it)
{
  gint64 started = g_get_monotonic_time (), took;

  gtk_widget_activate_action (cg_window_get_recommendations_view (it->window),
                              "recommendations.refresh", NULL);
  took = g_get_monotonic_time () - started;
  g_array_append_val (it->refresh_us, took);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The median of the Refresh times kept, which are then cleared. */
static gint64
median_refresh_us (Interference *it)
{
  gint64 median;

  ck_assert_uint_ge (it->refresh_us->len, 3);
  g_array_sort (it->refresh_us, compare_gint64);
  median = g_array_index (it->refresh_us, gint64, it->refresh_us->len / 2);
  g_array_set_size (it->refresh_us, 0);
  return median;
}

/* Rates the movie at the top of your list with its row's stars, as a click would, then
 * refreshes the list, as F5 would. */
static gboolean
rate_top_cb (gpointer data)
{
  Interference *it = data;
  GtkWidget *list = cg_test_get_by_name (cg_window_get_recommendations_view (it->window),
                                         "recommendations-list");
  g_autoptr(GPtrArray) stars = cg_test_find_widgets (list, cg_test_widget_is_mapped_a,
                                                     GSIZE_TO_POINTER (CG_TYPE_STAR_RATING));
  CgRecommendationsView *view = CG_RECOMMENDATIONS_VIEW (
    cg_window_get_recommendations_view (it->window));
  GListModel *items = cg_recommendation_list_get_items (cg_recommendations_view_get_list (view));
  g_autoptr(CgRecommendationItem) top = NULL;
  guint32 movie;

  if (!cg_training_run_is_running (it->run))
    return G_SOURCE_REMOVE;
  if (stars->len == 0 || g_list_model_get_n_items (items) == 0)
    return G_SOURCE_CONTINUE;
  top = g_list_model_get_item (items, 0);
  movie = cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (top));
  /* The line just rated stays until the list is asked for again, as Refresh (F5) does. */
  if (it->rated->len > 0 && g_array_index (it->rated, guint32, it->rated->len - 1) == movie)
    {
      timed_refresh (it);
      return G_SOURCE_CONTINUE;
    }
  g_array_append_val (it->rated, movie);
  cg_star_rating_activate_star (g_ptr_array_index (stars, 0), it->stars);
  it->stars = it->stars == 5 ? 4 : 5;
  return G_SOURCE_CONTINUE;
}

static void
on_summary_cb (Interference *it)
{
  if (it->run != NULL && cg_training_run_is_running (it->run))
    it->refreshes++;
}

START_TEST (test_rating_during_training)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window (app);
  CgSession *session = cg_window_get_session (window);
  CgRatingsStore *ratings = cg_application_get_ratings_store (app);
  CgRecommendationsView *view = CG_RECOMMENDATIONS_VIEW (
    cg_window_get_recommendations_view (window));
  CgRecommendationList *list = cg_recommendations_view_get_list (view);
  Interference it = { window, NULL, g_array_new (FALSE, FALSE, sizeof (guint32)), 5, 0, 0, 0,
                      g_array_new (FALSE, FALSE, sizeof (gint64)) };
  RunResult quiet = { 0 }, busy = { 0 };
  CgCganConfig config;
  guint tick, rater;
  gint64 started, run_us, quiet_gap_us, idle_refresh_us, busy_refresh_us;
  guint n_epochs;

  /* On both cores, as the app trains by default, and long enough to rate through: a short
   * run says how many epochs take about four seconds on this machine now. */
  cg_test_tiny_config (&config, 20);
  config.embed_dim = 16;
  config.hidden_dim = 64;
  config.threads = 2;
  cg_test_window_train (window, &config, TRUE);
  {
    const CgEpochRecord *epochs = cg_training_run_get_epochs (cg_session_get_run (session),
                                                              &n_epochs);
    double seconds = 0.0;

    for (guint i = 0; i < n_epochs; i++)
      seconds += epochs[i].seconds;
    config.epochs = CLAMP ((guint) (4.0 * n_epochs / MAX (seconds, 1e-6)), 20, 20000);
    g_print ("%u epochs in %.2f s: runs of %u epochs\n", n_epochs, seconds, config.epochs);
  }

  /* The run alone, with the list for you on screen (the previous run's model). How long
   * the main loop waits at most between two 10 ms ticks meanwhile is what this machine,
   * busy as it is now, gives anyway. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 820);
  g_signal_connect_swapped (list, "notify::summary", G_CALLBACK (on_summary_cb), &it);
  cg_test_window_train (window, &config, FALSE);
  cg_window_show_view (window, "recommendations");
  cg_recommendations_view_show_user (view, 0);
  it.run = cg_session_get_run (session);
  tick = g_timeout_add (10, tick_cb, &it);
  ck_assert (cg_test_spin_until (not_training, session, 120000));
  g_source_remove (tick);
  keep_result (it.run, &quiet);
  quiet_gap_us = it.max_gap_us;
  cg_test_spin_for (300);
  ck_assert_uint_eq (g_list_model_get_n_items (cg_recommendation_list_get_items (list)), 10);
  /* What a Refresh costs the main loop with no run beside it, on this machine now. */
  for (guint i = 0; i < 15; i++)
    {
      timed_refresh (&it);
      cg_test_spin_for (20);
    }
  idle_refresh_us = median_refresh_us (&it);

  /* The same run, while you rate the top of your list again and again. */
  it.max_gap_us = it.last_tick = 0;
  it.refreshes = 0;
  started = g_get_monotonic_time ();
  cg_test_window_train (window, &config, FALSE);
  cg_window_show_view (window, "recommendations");
  it.run = cg_session_get_run (session);
  tick = g_timeout_add (10, tick_cb, &it);
  rater = g_timeout_add (40, rate_top_cb, &it);
  ck_assert (cg_test_spin_until (not_training, session, 120000));
  g_source_remove (tick);
  g_clear_handle_id (&rater, g_source_remove);
  g_signal_handlers_disconnect_by_data (list, &it);
  keep_result (it.run, &busy);
  busy_refresh_us = median_refresh_us (&it);

  run_us = g_get_monotonic_time () - started;
  g_print ("rated %u movies during a %.1f s run, %u new lists; a Refresh took %.1f ms "
           "(%.1f ms with no run); longest main-loop gap %.0f ms (%.0f ms in the same run "
           "without ratings)\n", it.rated->len, run_us / 1e6, it.refreshes,
           busy_refresh_us / 1000.0, idle_refresh_us / 1000.0, it.max_gap_us / 1000.0,
           quiet_gap_us / 1000.0);
  /* Responsive: your ratings were applied and your list recomputed again and again while
   * the run went, and re-scoring you held the main loop about as long as with no run: had
   * it waited for training (a lock, a second thread team), the usual Refresh would take
   * that wait longer. The median, so that a stall of the shared machine's does not count;
   * the margin, for the cores the run takes. The longest gap is only reported: one stall
   * of another program's sets it. */
  ck_assert_uint_ge (it.rated->len, 3);
  ck_assert_uint_ge (it.refreshes, 3);
  ck_assert_msg (busy_refresh_us <= 4 * idle_refresh_us + 30 * 1000,
                 "a Refresh took %.1f ms during the run, %.1f ms with none",
                 busy_refresh_us / 1000.0, idle_refresh_us / 1000.0);
  /* Every rating was applied, and left your list. */
  cg_recommendation_list_refresh (list);
  for (guint i = 0; i < it.rated->len; i++)
    {
      guint32 movie = g_array_index (it.rated, guint32, i);
      GListModel *items = cg_recommendation_list_get_items (list);

      ck_assert_uint_ge (cg_ratings_store_get_rating (ratings, movie), 4);
      for (guint j = 0; j < g_list_model_get_n_items (items); j++)
        {
          g_autoptr(CgRecommendationItem) item = g_list_model_get_item (items, j);

          ck_assert_uint_ne (cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (item)),
                             movie);
        }
    }

  /* Bit for bit the run without the ratings. */
  ck_assert_uint_eq (busy.records->len, quiet.records->len);
  ck_assert_msg (memcmp (busy.records->data, quiet.records->data,
                         quiet.records->len * sizeof (double)) == 0,
                 "the run's losses or metrics changed when you rated during it");
  ck_assert_uint_eq (busy.params->len, quiet.params->len);
  ck_assert_msg (memcmp (busy.params->data, quiet.params->data,
                         quiet.params->len * sizeof (float)) == 0,
                 "the run's parameters changed when you rated during it");

  run_result_clear (&quiet);
  run_result_clear (&busy);
  g_array_unref (it.rated);
  g_array_unref (it.refresh_us);
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

/* An adv-weight queue started from window's Training page (the form: config, one tiny
 * epoch at weight 0.5), asking about the unsaved model through win.train first. */
static CgTrainingView *
ask_for_queue (CgWindow     *window,
               CgCganConfig *config)
{
  CgTrainingView *view = CG_TRAINING_VIEW (cg_window_get_training_view (window));

  cg_window_show_view (window, "training");
  cg_test_tiny_config (config, 1);
  config->adv_weight = 0.5;
  cg_training_view_set_config (view, config);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (view), "training.ablation", "s",
                                         "adv-weight"));
  ck_assert (cg_test_spin_until (cg_test_question_shown, NULL, 5000));
  ck_assert (cg_training_view_get_ablation_running (view));
  return view;
}

START_TEST (test_ablation_cancelled_at_question)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  CgSession *session = cg_window_get_session (window);
  CgCganConfig config;
  CgTrainingView *view = ask_for_queue (window, &config);

  /* Cancel at the question starts nothing and ends the queue. */
  cg_test_answer_question (cg_test_find_question (), "cancel");
  cg_test_spin_for (200);
  ck_assert (!cg_session_get_training (session));
  ck_assert (!cg_training_view_get_ablation_running (view));

  /* Train from the menu, Discard: the form's weight, not the queue's first value. */
  cg_test_window_train (window, &config, TRUE);
  ck_assert (!cg_training_view_get_ablation_running (view));
  ck_assert_double_eq_tol (cg_training_run_get_config (cg_session_get_run (session))->adv_weight,
                           0.5, 1e-9);
  cg_test_spin_for (500);
  ck_assert (!cg_session_get_training (session));
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

START_TEST (test_ablation_refused_after_question)
{
  g_autoptr(CgApplication) app = cg_test_application_new ();
  CgWindow *window = cg_test_open_window_with_unsaved_model (app);
  CgSession *session = cg_window_get_session (window);
  CgCganConfig config;
  CgTrainingView *view = ask_for_queue (window, &config);
  CgTrainingRun *other;

  /* Another run starts while the question is open; Discard then cannot start the queue's
   * first run, and the queue ends rather than waiting for that run. */
  cg_test_tiny_config (&config, 40);
  other = cg_session_train (session, cg_training_view_get_split (view),
                            cg_training_view_get_threshold (view), &config, FALSE);
  ck_assert_ptr_nonnull (other);
  cg_test_answer_question (cg_test_find_question (), "discard");
  cg_test_spin_for (100);
  ck_assert (cg_session_get_run (session) == other);
  ck_assert (!cg_training_view_get_ablation_running (view));

  /* When the other run ends, nothing starts after it. */
  ck_assert (cg_test_spin_until (not_training, session, 60000));
  cg_test_spin_for (500);
  ck_assert (!cg_session_get_training (session));
  ck_assert (cg_session_get_run (session) == other);
  gtk_window_destroy (GTK_WINDOW (window));
}
END_TEST

static Suite *
window_training_suite (void)
{
  Suite *s = suite_create ("window-training");
  TCase *tc = tcase_create ("training");

  tcase_add_checked_fixture (tc, cg_test_home_setup, cg_test_home_teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_no_open_while_training);
  tcase_add_test (tc, test_rating_during_training);
  tcase_add_test (tc, test_ablation_cancelled_at_question);
  tcase_add_test (tc, test_ablation_refused_after_question);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return cg_test_run_app_suite (window_training_suite ());
}
