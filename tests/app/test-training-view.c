/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-training-view.c: the Training page, driven through its public API in a real window.
 *
 * On a small synthetic dataset: a run completes, fills both plots and hands its model
 * over; its progress reaches the widgets on the main thread only; Cancel keeps the model
 * of the last finished epoch and reports G_IO_ERROR_CANCELLED; a run outlives its window
 * and then lets the view go; a bad folder is an error and no model; "Include my ratings"
 * adds you as one more user (its subtitle follows your ratings); the form round-trips
 * every setting; a loaded model's history redraws the plots. The plots are written as
 * PNG into the build dir to be looked at. Needs a display (suite `gui`, under xvfb-run).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "cg-test-util.h"
#include "cg-training-view.h"

static char *data_dir;
static GtkWindow *window;
static CgTrainingView *view;
static GThread *main_thread;

typedef struct
{
  guint    n_emitted;
  gpointer model;
  gpointer dataset;
  guint    you_user_id;
  gboolean complete;
} Trained;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Outcome;

static void
setup (void)
{
  CgSyntheticSpec spec;
  CgCganConfig config;

  ck_assert (gtk_is_initialized ());
  main_thread = g_thread_self ();
  cg_synthetic_spec_init (&spec);
  spec.seed = 11;
  data_dir = cg_test_make_temp_dir ();
  cg_test_write_synthetic (data_dir, &spec);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 800);
  view = CG_TRAINING_VIEW (cg_training_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);

  cg_training_view_get_config (view, &config);
  config.embed_dim = 8;
  config.noise_dim = 4;
  config.hidden_dim = 16;
  config.batch_size = 64;
  config.epochs = 2;
  config.k = 5;
  config.threads = 1;
  cg_training_view_set_config (view, &config);
  cg_training_view_set_data_dir (view, data_dir);
}

static void
teardown (void)
{
  if (window != NULL)
    gtk_window_destroy (window);
  window = NULL;
  view = NULL;
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  cg_test_remove_tree (data_dir);
  g_clear_pointer (&data_dir, g_free);
}

static void
on_model_trained_cb (CgTrainingView *self,
                     gpointer        model,
                     gpointer        dataset,
                     guint           you_user_id,
                     gboolean        complete,
                     Trained        *trained)
{
  trained->n_emitted++;
  trained->model = model;
  trained->dataset = dataset;
  trained->you_user_id = you_user_id;
  trained->complete = complete;
}

static void
on_trained_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = cg_training_view_train_finish (CG_TRAINING_VIEW (source), result,
                                               &outcome->error);
  outcome->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *flag or 120 s have passed. */
static void
wait_for (gboolean *flag)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (120, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_msg (!timed_out, "timed out");
  g_source_remove (id);
}

static void
write_plots (const char *name)
{
  g_autofree char *loss = g_strdup_printf ("screenshot-training-%s-loss.png", name);
  g_autofree char *metrics = g_strdup_printf ("screenshot-training-%s-metrics.png", name);
  g_autoptr(GError) error = NULL;

  ck_assert (cg_plot_write_png (cg_training_view_get_loss_plot (view), loss, 640, 320, &error));
  ck_assert (cg_plot_write_png (cg_training_view_get_metrics_plot (view), metrics, 640, 320,
                                &error));
}

START_TEST (test_run_completes)
{
  Trained trained = { 0 };
  Outcome outcome = { 0 };
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(CgDataset) dataset = NULL;
  CgPlot *loss = cg_training_view_get_loss_plot (view);
  CgPlot *metrics = cg_training_view_get_metrics_plot (view);
  const CgEpochRecord *history;
  guint n_records;

  g_signal_connect (view, "model-trained", G_CALLBACK (on_model_trained_cb), &trained);
  cg_training_view_train_async (view, NULL, on_trained_cb, &outcome);
  ck_assert (cg_training_view_get_training (view));
  wait_for (&outcome.done);

  ck_assert_msg (outcome.ok, "%s", outcome.error ? outcome.error->message : "");
  ck_assert (!cg_training_view_get_training (view));
  ck_assert_uint_eq (trained.n_emitted, 1);
  ck_assert (trained.complete);
  ck_assert_uint_eq (trained.you_user_id, 0);

  model = cg_training_view_steal_model (view);
  dataset = cg_training_view_steal_dataset (view);
  ck_assert_ptr_eq (model, trained.model);
  ck_assert_ptr_eq (dataset, trained.dataset);
  ck_assert_ptr_null (cg_training_view_steal_model (view));
  history = cg_cgan_get_history (model, &n_records);
  ck_assert_uint_eq (n_records, 2);
  ck_assert_uint_eq (history[1].epoch, 2);

  /* Every epoch on both plots, per-step losses too, and the baseline line. */
  ck_assert_uint_eq (cg_plot_get_n_points (loss, "D (epoch mean)"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (loss, "G (epoch mean)"), 2);
  ck_assert_uint_gt (cg_plot_get_n_points (loss, "D (steps, smoothed)"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "NDCG@5"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "Recall@5"), 2);
  ck_assert_uint_eq (cg_plot_get_n_points (metrics, "HitRate@5"), 2);
  write_plots ("run");
}
END_TEST

typedef struct
{
  int on_main;        /* progress texts set on the main thread */
  int progress_on_main;
  int off_main;       /* any text set on another thread */
} TextThreads;

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label whose text starts with prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_progress_text_cb (GtkProgressBar *bar,
                     GParamSpec     *pspec,
                     TextThreads    *threads)
{
  if (g_thread_self () != main_thread)
    {
      g_atomic_int_inc (&threads->off_main);
      return;
    }
  threads->on_main++;
  if (g_str_has_prefix (gtk_progress_bar_get_text (bar), "Epoch "))
    threads->progress_on_main++;
}

/* The worker's progress reaches the widgets only on the main thread, also while the main
 * thread is outside the main context (the worker can then acquire it: a drain it invoked
 * would run on the worker) and while it drives g_main_context_iteration itself. */
START_TEST (test_progress_on_main_thread)
{
  GtkWidget *bar = find_widget (GTK_WIDGET (view), GTK_TYPE_PROGRESS_BAR);
  TextThreads threads = { 0 };
  Outcome outcome = { 0 };
  CgCganConfig config;
  int off_main;

  ck_assert_ptr_nonnull (bar);
  cg_training_view_get_config (view, &config);
  config.epochs = 4;
  cg_training_view_set_config (view, &config);
  g_signal_connect (bar, "notify::text", G_CALLBACK (on_progress_text_cb), &threads);
  cg_training_view_train_async (view, NULL, on_trained_cb, &outcome);
  /* Away from the main context while the worker loads, measures and trains. */
  g_usleep (300 * 1000);
  wait_for (&outcome.done);
  g_signal_handlers_disconnect_by_func (bar, on_progress_text_cb, &threads);

  ck_assert_msg (outcome.ok, "%s", outcome.error ? outcome.error->message : "");
  off_main = g_atomic_int_get (&threads.off_main);
  ck_assert_msg (off_main == 0, "%d progress texts set off the main thread", off_main);
  ck_assert_int_gt (threads.progress_on_main, 0);
}
END_TEST

static gboolean
cancel_after_first_epoch_cb (gpointer user_data)
{
  CgPlot *loss = cg_training_view_get_loss_plot (view);

  if (cg_plot_get_n_points (loss, "D (epoch mean)") == 0)
    return G_SOURCE_CONTINUE;
  cg_training_view_cancel (view);
  return G_SOURCE_REMOVE;
}

START_TEST (test_cancel_keeps_last_epoch)
{
  Trained trained = { 0 };
  Outcome outcome = { 0 };
  CgCganConfig config;
  const CgEpochRecord *history;
  guint n_records;

  cg_training_view_get_config (view, &config);
  config.epochs = 100000;
  cg_training_view_set_config (view, &config);
  g_signal_connect (view, "model-trained", G_CALLBACK (on_model_trained_cb), &trained);
  cg_training_view_train_async (view, NULL, on_trained_cb, &outcome);
  g_timeout_add (5, cancel_after_first_epoch_cb, NULL);
  wait_for (&outcome.done);

  ck_assert (!outcome.ok);
  ck_assert (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_uint_eq (trained.n_emitted, 1);
  ck_assert (!trained.complete);
  history = cg_cgan_get_history (trained.model, &n_records);
  ck_assert_uint_ge (n_records, 1);
  ck_assert_uint_lt (n_records, 100000);
  /* The kept model is the last finished epoch: the one the plot shows last. */
  ck_assert_uint_eq (history[n_records - 1].epoch, n_records);
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_loss_plot (view),
                                           "D (epoch mean)"), n_records);
  ck_assert (!cg_training_view_get_training (view));
  g_clear_error (&outcome.error);
}
END_TEST

/* A run keeps its view alive: with the window gone mid-run, the completion still finds
 * every widget, reports, and the view goes afterwards. */
START_TEST (test_window_destroyed_mid_run)
{
  Trained trained = { 0 };
  Outcome outcome = { 0 };
  CgCganConfig config;
  gpointer weak = view;

  cg_training_view_get_config (view, &config);
  config.epochs = 100000;
  cg_training_view_set_config (view, &config);
  g_signal_connect (view, "model-trained", G_CALLBACK (on_model_trained_cb), &trained);
  g_object_add_weak_pointer (G_OBJECT (view), &weak);
  cg_training_view_train_async (view, NULL, on_trained_cb, &outcome);
  while (cg_plot_get_n_points (cg_training_view_get_loss_plot (view), "D (epoch mean)") == 0)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (window);
  window = NULL;
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  ck_assert_ptr_nonnull (weak);
  ck_assert (cg_training_view_get_training (view));
  /* What the window does on close. */
  cg_training_view_cancel (view);
  wait_for (&outcome.done);

  ck_assert (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_uint_eq (trained.n_emitted, 1);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  ck_assert_ptr_null (weak);
  view = NULL;
  g_clear_error (&outcome.error);
}
END_TEST

START_TEST (test_cancel_at_once)
{
  Trained trained = { 0 };
  Outcome outcome = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_signal_connect (view, "model-trained", G_CALLBACK (on_model_trained_cb), &trained);
  g_cancellable_cancel (cancellable);
  cg_training_view_train_async (view, cancellable, on_trained_cb, &outcome);
  wait_for (&outcome.done);
  ck_assert (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_uint_eq (trained.n_emitted, 0);
  ck_assert_ptr_null (cg_training_view_steal_model (view));
  g_clear_error (&outcome.error);
}
END_TEST

START_TEST (test_missing_folder)
{
  Trained trained = { 0 };
  Outcome outcome = { 0 };
  g_autofree char *missing = g_build_filename (data_dir, "nothing-here", NULL);

  g_signal_connect (view, "model-trained", G_CALLBACK (on_model_trained_cb), &trained);
  cg_training_view_set_data_dir (view, missing);
  cg_training_view_train_async (view, NULL, on_trained_cb, &outcome);
  wait_for (&outcome.done);
  ck_assert (!outcome.ok);
  ck_assert_ptr_nonnull (outcome.error);
  ck_assert (!g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_uint_eq (trained.n_emitted, 0);
  g_clear_error (&outcome.error);

  /* A second start while none runs is fine; two at once are not. */
  cg_training_view_set_data_dir (view, data_dir);
  outcome = (Outcome) { 0 };
  {
    Outcome second = { 0 };

    cg_training_view_train_async (view, NULL, on_trained_cb, &outcome);
    cg_training_view_train_async (view, NULL, on_trained_cb, &second);
    wait_for (&second.done);
    ck_assert (g_error_matches (second.error, G_IO_ERROR, G_IO_ERROR_PENDING));
    g_clear_error (&second.error);
  }
  wait_for (&outcome.done);
  ck_assert (outcome.ok);
}
END_TEST

START_TEST (test_include_me)
{
  g_autofree char *ratings_path = g_build_filename (data_dir, "ratings.tsv", NULL);
  g_autoptr(CgRatingsStore) store = cg_ratings_store_new (ratings_path);
  g_autoptr(GError) error = NULL;
  Trained trained = { 0 };
  Outcome outcome = { 0 };
  const CgDataset *dataset;
  GtkLabel *subtitle;
  gint32 you;

  ck_assert (cg_ratings_store_load (store, &error));
  ck_assert (cg_ratings_store_set_rating (store, 1, 5, &error));
  ck_assert (cg_ratings_store_set_rating (store, 2, 4, &error));
  ck_assert (cg_ratings_store_set_rating (store, 3, 1, &error));
  cg_training_view_set_ratings_store (view, store);
  cg_training_view_set_include_me (view, TRUE);
  ck_assert (cg_training_view_get_include_me (view));

  /* The switch's subtitle counts your ratings and follows the store. */
  subtitle = find_label (GTK_WIDGET (view), "Add yourself");
  ck_assert_ptr_nonnull (subtitle);
  ck_assert_str_eq (gtk_label_get_text (subtitle),
                    "Add yourself as one more user: 3 ratings, 2 liked.");
  ck_assert (cg_ratings_store_set_rating (store, 4, 4, &error));
  ck_assert_str_eq (gtk_label_get_text (subtitle),
                    "Add yourself as one more user: 4 ratings, 3 liked.");
  ck_assert (cg_ratings_store_set_rating (store, 4, 0, &error));

  g_signal_connect (view, "model-trained", G_CALLBACK (on_model_trained_cb), &trained);
  cg_training_view_train_async (view, NULL, on_trained_cb, &outcome);
  wait_for (&outcome.done);
  ck_assert_msg (outcome.ok, "%s", outcome.error ? outcome.error->message : "");

  dataset = trained.dataset;
  ck_assert_uint_ne (trained.you_user_id, 0);
  you = cg_dataset_user_index (dataset, trained.you_user_id);
  ck_assert_int_ge (you, 0);
  ck_assert_uint_eq (cg_user_items_count (dataset->train_rated, you), 3);
  ck_assert_uint_eq (cg_user_items_count (dataset->train_pos, you), 2);
  ck_assert_uint_eq (cg_cgan_get_n_users (trained.model), dataset->n_users);
}
END_TEST

START_TEST (test_form_round_trip)
{
  CgCganConfig config, back, defaults;

  cg_training_view_get_config (view, &config);
  config.learning_rate = 0.00123;
  config.neg_mix = 0.35;
  config.user_mode = CG_USER_EMBEDDING_ID;
  config.fake_strategy = CG_FAKE_ARGMAX;
  config.seed = 123456789012ull;
  config.noise_draws = 7;
  cg_training_view_set_config (view, &config);
  cg_training_view_set_split (view, "u3");
  cg_training_view_set_threshold (view, 5);

  cg_training_view_get_config (view, &back);
  ck_assert_double_eq_tol (back.learning_rate, 0.00123, 1e-12);
  ck_assert_double_eq_tol (back.neg_mix, 0.35, 1e-12);
  ck_assert_int_eq (back.user_mode, CG_USER_EMBEDDING_ID);
  ck_assert_int_eq (back.fake_strategy, CG_FAKE_ARGMAX);
  ck_assert_uint_eq (back.seed, 123456789012ull);
  ck_assert_uint_eq (back.noise_draws, 7);
  ck_assert_uint_eq (back.embed_dim, 8);
  ck_assert_str_eq (cg_training_view_get_split (view), "u3");
  ck_assert_uint_eq (cg_training_view_get_threshold (view), 5);

  cg_training_view_reset (view);
  cg_cgan_config_init (&defaults);
  cg_training_view_get_config (view, &back);
  ck_assert_uint_eq (back.embed_dim, defaults.embed_dim);
  ck_assert_double_eq_tol (back.learning_rate, defaults.learning_rate, 1e-15);
  ck_assert_int_eq (back.user_mode, defaults.user_mode);
  ck_assert_uint_eq (back.seed, defaults.seed);
  ck_assert_str_eq (cg_training_view_get_split (view), "u1");
  ck_assert_uint_eq (cg_training_view_get_threshold (view), CG_DEFAULT_THRESHOLD);
}
END_TEST

START_TEST (test_loaded_history)
{
  CgCganConfig config;
  g_autoptr(CgCgan) model = NULL;
  g_autoptr(GError) error = NULL;
  CgCganConfig shown;

  cg_training_view_get_config (view, &config);
  config.k = 7;
  config.epochs = 3;
  model = cg_cgan_new (&config, 10, 20, &error);
  ck_assert_ptr_nonnull (model);
  for (guint e = 1; e <= 3; e++)
    {
      CgEpochRecord record = { e, 1.3 - 0.1 * e, 0.7 + 0.1 * e, 0.05 * e, 0.1 * e, 0.3 * e,
                               1.0 };

      cg_cgan_append_history (model, &record);
    }
  cg_training_view_set_model (view, model);
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_loss_plot (view),
                                           "D (epoch mean)"), 3);
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_loss_plot (view),
                                           "D (steps, smoothed)"), 0);
  ck_assert_uint_eq (cg_plot_get_n_points (cg_training_view_get_metrics_plot (view),
                                           "NDCG@7"), 3);
  /* The form shows the model's settings. */
  cg_training_view_get_config (view, &shown);
  ck_assert_uint_eq (shown.k, 7);
  write_plots ("history");
}
END_TEST

static Suite *
training_view_suite (void)
{
  Suite *suite = suite_create ("training-view");
  TCase *tc = tcase_create ("view");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_run_completes);
  tcase_add_test (tc, test_progress_on_main_thread);
  tcase_add_test (tc, test_cancel_keeps_last_epoch);
  tcase_add_test (tc, test_window_destroyed_mid_run);
  tcase_add_test (tc, test_cancel_at_once);
  tcase_add_test (tc, test_missing_folder);
  tcase_add_test (tc, test_include_me);
  tcase_add_test (tc, test_form_round_trip);
  tcase_add_test (tc, test_loaded_history);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  /* See test-plot.c: without a display, skip; with one, keep tests in this process. */
  if (!gtk_init_check ())
    return CG_TEST_SKIP;
  adw_init ();
  g_setenv ("CK_FORK", "no", TRUE);
  return cg_test_run_suite (training_view_suite ());
}
