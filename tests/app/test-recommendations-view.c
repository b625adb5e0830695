/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-recommendations-view.c: the Recommendations page, on a session, in a real window.
 *
 * With an untrained model (the page's behaviour, not the list's quality): the list shows
 * the session's model and follows it; every row's stars are one control showing your
 * rating, and a click or a key on the selected row asks win.rate-movie; the hit column
 * shows for a dataset user only; the liked list writes each movie as "title · year" with
 * the movie's own year (its release date's, which need not be the one in its title); with
 * no model, the page says why; as the page narrows, the columns least needed give way and
 * the rest never scroll sideways. With a history-mode model each row says why under its
 * title and in its tooltip, for you and for a dataset user; an id-mode model's page says
 * explanations need history mode; a title two movies share shows the row's movie ID;
 * Train Including Me's tooltip says what it does and the estimator's time for the settings
 * it is given. Needs a display (suite `gui`, under xvfb-run).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cg-gui-test.h"
#include "cg-recommendation-item.h"
#include "cg-recommendations-view.h"
#include "cg-star-rating.h"
#include "cg-training-estimate.h"

static GtkWindow *window;
static CgRecommendationsView *view;
static CgSession *session;
static GArray *asked;   /* (movie ID, rating) pairs win.rate-movie was asked for */

static void
on_rate_movie_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  guint32 movie_id;
  guint rating;

  g_variant_get (parameter, "(uu)", &movie_id, &rating);
  g_array_append_val (asked, movie_id);
  g_array_append_val (asked, rating);
}

static void
setup (void)
{
  static const GActionEntry entries[] = {
    { "rate-movie", on_rate_movie_cb, "(uu)", NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();

  cg_test_home_setup ();
  session = cg_test_session_new ();

  asked = g_array_new (FALSE, FALSE, sizeof (guint32));
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1200, 700);
  g_action_map_add_action_entries (G_ACTION_MAP (win), entries, G_N_ELEMENTS (entries), NULL);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "win", G_ACTION_GROUP (win));
  view = CG_RECOMMENDATIONS_VIEW (cg_recommendations_view_new ());
  gtk_window_set_child (window, GTK_WIDGET (view));
  cg_session_view_set_session (CG_SESSION_VIEW (view), session);
  gtk_window_present (window);
}

static void
teardown (void)
{
  gtk_window_destroy (window);
  window = NULL;
  view = NULL;
  g_clear_object (&session);
  g_clear_pointer (&asked, g_array_unref);
  cg_test_spin_for (20);
  cg_test_home_teardown ();
}

/* An untrained model on the session's dataset folder, split u1. */
static CgTrainedModel *
new_model (CgUserEmbeddingMode mode)
{
  g_autoptr(GError) error = NULL;
  CgDataset *dataset = cg_dataset_load (cg_test_home_data_dir (), "u1", 4, &error);
  CgCganConfig config;
  CgCgan *model;

  ck_assert_msg (dataset != NULL, "%s", error ? error->message : "");
  cg_test_tiny_config (&config, 1);
  config.user_mode = mode;
  config.noise_draws = 2;
  model = cg_cgan_new (&config, dataset->n_users, dataset->n_items, &error);
  ck_assert_msg (model != NULL, "%s", error ? error->message : "");
  return cg_trained_model_new (model, dataset, 0);
}

static GListModel *
items (void)
{
  return cg_recommendation_list_get_items (cg_recommendations_view_get_list (view));
}

/* The stars of the rows on screen, top first. */
static GPtrArray *
row_stars (void)
{
  GtkWidget *list = cg_test_get_by_name (GTK_WIDGET (view), "recommendations-list");

  return cg_test_find_widgets (list, cg_test_widget_is_mapped_a,
                               GSIZE_TO_POINTER (CG_TYPE_STAR_RATING));
}

static gboolean
rows_shown (gpointer data)
{
  g_autoptr(GPtrArray) stars = row_stars ();

  return stars->len >= GPOINTER_TO_UINT (data);
}

START_TEST (test_follows_the_session)
{
  g_autoptr(CgTrainedModel) model = new_model (CG_USER_EMBEDDING_HISTORY);
  GtkWidget *empty = cg_test_get_by_name (GTK_WIDGET (view), "recommendations-empty");
  GtkWidget *summary = cg_test_get_by_name (GTK_WIDGET (view), "recommendations-summary");

  GtkWidget *actions = cg_test_get_by_name (GTK_WIDGET (view), "no-model-actions");
  GtkWidget *k = cg_test_get_by_name (GTK_WIDGET (view), "k");

  /* No model: the page says so, offers Train and Open, and K waits. */
  ck_assert (gtk_widget_get_mapped (empty));
  ck_assert_uint_eq (g_list_model_get_n_items (items ()), 0);
  ck_assert (gtk_widget_get_mapped (actions));
  ck_assert (!gtk_widget_get_sensitive (k));

  cg_session_set_model (session, model, NULL, TRUE);
  ck_assert_uint_eq (g_list_model_get_n_items (items ()), 10);
  cg_test_spin_for (100);
  ck_assert (!gtk_widget_get_mapped (empty));
  ck_assert (gtk_widget_get_sensitive (k));
  ck_assert_str_ne (gtk_label_get_text (GTK_LABEL (summary)), "");

  /* K from the toolbar. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cg_test_get_by_name (GTK_WIDGET (view), "k")), 4);
  cg_recommendation_list_refresh (cg_recommendations_view_get_list (view));
  ck_assert_uint_eq (g_list_model_get_n_items (items ()), 4);

  cg_session_set_model (session, NULL, NULL, FALSE);
  ck_assert_uint_eq (g_list_model_get_n_items (items ()), 0);
  cg_test_spin_for (100);
  ck_assert (gtk_widget_get_mapped (empty));
}
END_TEST

START_TEST (test_stars_ask_to_rate)
{
  g_autoptr(CgTrainedModel) model = new_model (CG_USER_EMBEDDING_HISTORY);
  CgRatingsStore *store = cg_session_get_ratings (session);
  g_autoptr(GPtrArray) stars = NULL;
  g_autoptr(CgRecommendationItem) first = NULL;
  guint32 first_id;
  CgStarRating *top;

  cg_session_set_model (session, model, NULL, TRUE);
  ck_assert (cg_test_spin_until (rows_shown, GUINT_TO_POINTER (3), 5000));
  stars = row_stars ();
  top = g_ptr_array_index (stars, 0);
  first = g_list_model_get_item (items (), 0);
  first_id = cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (first));

  /* A click on star 4 of the first row asks; nothing is written here. */
  cg_star_rating_activate_star (top, 4);
  ck_assert_uint_eq (asked->len, 2);
  ck_assert_uint_eq (g_array_index (asked, guint32, 0), first_id);
  ck_assert_uint_eq (g_array_index (asked, guint32, 1), 4);
  ck_assert_uint_eq (cg_ratings_store_get_rating (store, first_id), 0);

  /* The stars show your rating, whoever set it. */
  ck_assert (cg_ratings_store_set_rating (store, first_id, 2, NULL));
  ck_assert_uint_eq (cg_star_rating_get_rating (top), 2);

  /* A key on the selected row. */
  {
    GtkWidget *list = cg_test_get_by_name (GTK_WIDGET (view), "recommendations-list");
    GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (list));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (list);
    g_autoptr(CgRecommendationItem) second = g_list_model_get_item (items (), 1);
    gboolean handled = FALSE;

    gtk_selection_model_select_item (selection, 1, TRUE);
    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c))
          g_signal_emit_by_name (c, "key-pressed", GDK_KEY_5, 0, (GdkModifierType) 0,
                                 &handled);
      }
    ck_assert (handled);
    ck_assert_uint_eq (asked->len, 4);
    ck_assert_uint_eq (g_array_index (asked, guint32, 2),
                       cg_movie_item_get_movie_id (cg_recommendation_item_get_movie (second)));
    ck_assert_uint_eq (g_array_index (asked, guint32, 3), 5);
  }
}
END_TEST

START_TEST (test_hit_column_for_dataset_users)
{
  g_autoptr(CgTrainedModel) model = new_model (CG_USER_EMBEDDING_ID);
  GtkWidget *list = cg_test_get_by_name (GTK_WIDGET (view), "recommendations-list");
  g_autoptr(GListModel) columns = NULL;
  GtkColumnViewColumn *hit = NULL, *rating = NULL;

  cg_session_set_model (session, model, NULL, TRUE);
  columns = g_object_ref (gtk_column_view_get_columns (GTK_COLUMN_VIEW (list)));
  ck_assert_uint_eq (g_list_model_get_n_items (columns), 8);
  hit = g_list_model_get_item (columns, 1);
  ck_assert (!gtk_column_view_column_get_visible (hit));
  cg_recommendations_view_show_user (view, 3);
  ck_assert_uint_eq (cg_recommendation_list_get_user (cg_recommendations_view_get_list (view)),
                     3);
  ck_assert (gtk_column_view_column_get_visible (hit));
  /* The stars are yours beside another user's list, and the column says so. */
  rating = g_list_model_get_item (columns, 7);
  ck_assert_msg (strstr (gtk_column_view_column_get_title (rating), "Yours, Not User 3") != NULL, "%s",
                 gtk_column_view_column_get_title (rating));
  cg_test_spin_for (200);
  cg_test_write_screenshot (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))),
                            "recommendations-dataset-user");
  cg_recommendations_view_show_user (view, 0);
  ck_assert (!gtk_column_view_column_get_visible (hit));
  ck_assert_str_eq (gtk_column_view_column_get_title (rating), "Your Rating");
  g_object_unref (hit);
  g_object_unref (rating);
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

static gboolean
liked_labels_shown (gpointer data)
{
  GtkWidget *liked = cg_test_get_by_name (GTK_WIDGET (view), "liked-list");
  g_autoptr(GPtrArray) labels = cg_test_find_widgets (liked, cg_test_widget_is_mapped_a,
                                                      GSIZE_TO_POINTER (GTK_TYPE_LABEL));

  return labels->len >= GPOINTER_TO_UINT (data);
}

/* Every movie released two years after the year in its title: the liked list shows the
 * release year, beside the title without its own. */
START_TEST (test_liked_list_titles)
{
  g_autofree char *item_path = g_build_filename (cg_test_home_data_dir (), "u.item", NULL);
  g_autoptr(GRegex) release = g_regex_new ("\\|01-Jan-([0-9]{4})\\|", G_REGEX_RAW, 0, NULL);
  g_autoptr(CgTrainedModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  const CgDataset *dataset;
  GtkWidget *liked;
  guint user = 0, n_liked;
  gsize len;

  /* u.item is Latin-1: edited as raw bytes. */
  ck_assert (g_file_get_contents (item_path, &contents, &len, &error));
  edited = g_regex_replace_eval (release, contents, len, 0, 0, shift_release_year_cb, NULL,
                                 &error);
  ck_assert_ptr_nonnull (edited);
  ck_assert (g_file_set_contents (item_path, edited, -1, &error));
  /* The catalogue the lines' movies come from reads the edited file too. */
  {
    CgTestOutcome outcome = { 0 };

    cg_session_load_dataset_async (session, cg_test_home_data_dir (), NULL,
                                   cg_test_outcome_cb, &outcome);
    ck_assert (cg_test_wait (&outcome, 30000));
  }
  model = new_model (CG_USER_EMBEDDING_ID);
  dataset = cg_trained_model_get_dataset (model);
  while (cg_user_items_count (dataset->train_pos, user) == 0)
    user++;
  n_liked = cg_user_items_count (dataset->train_pos, user);
  cg_session_set_model (session, model, NULL, TRUE);
  cg_recommendations_view_show_user (view, dataset->user_ids[user]);

  ck_assert (cg_test_spin_until (liked_labels_shown, GUINT_TO_POINTER (MIN (n_liked, 5)), 5000));
  liked = cg_test_get_by_name (GTK_WIDGET (view), "liked-list");
  labels = cg_test_find_widgets (liked, cg_test_widget_is_mapped_a,
                                 GSIZE_TO_POINTER (GTK_TYPE_LABEL));
  for (guint i = 0; i < MIN (labels->len, n_liked); i++)
    {
      const CgMovie *movie = cg_dataset_movie (dataset,
                                               cg_user_items_row (dataset->train_pos, user)[i]);
      const char *paren = strrchr (movie->title, '(');
      g_autofree char *bare = g_strndup (movie->title, paren - movie->title - 1);
      g_autofree char *expected = g_strdup_printf ("%s · %u", bare, movie->year);

      ck_assert_uint_eq (movie->year, atoi (paren + 1) + 2);
      ck_assert_str_eq (gtk_label_get_text (g_ptr_array_index (labels, i)), expected);
    }
}
END_TEST

static gboolean
column_shown (guint position)
{
  GtkWidget *list = cg_test_get_by_name (GTK_WIDGET (view), "recommendations-list");
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (
    gtk_column_view_get_columns (GTK_COLUMN_VIEW (list)), position);

  return gtk_column_view_column_get_visible (column);
}

/* The columns, in the order of the .ui, and those that give way, least needed first. */
enum { RANK, HIT, MOVIE_ID, TITLE, YEAR, GENRES, SCORE, RATING };
static const guint droppable[] = { GENRES, YEAR, MOVIE_ID, SCORE };

/* As the list narrows, columns are hidden least needed first, never the rank, the title or
 * your stars, and never so few that the rest would scroll sideways; widened, they all come
 * back. */
START_TEST (test_columns_give_way)
{
  g_autoptr(CgTrainedModel) model = new_model (CG_USER_EMBEDDING_HISTORY);
  GtkWidget *list = cg_test_get_by_name (GTK_WIDGET (view), "recommendations-list");
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (list));
  const int widths[] = { 1200, 600, 520, 470, 440, 1200 };
  guint hidden_at_narrowest = 0;

  cg_session_set_model (session, model, NULL, TRUE);
  ck_assert (cg_test_spin_until (rows_shown, GUINT_TO_POINTER (3), 5000));
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      guint hidden = 0;

      cg_test_resize_window (window, widths[w], 700);
      ck_assert (column_shown (RANK) && column_shown (TITLE) && column_shown (RATING));
      for (guint i = 0; i < G_N_ELEMENTS (droppable); i++)
        if (!column_shown (droppable[i]))
          {
            /* Only after every column less needed. */
            for (guint j = 0; j < i; j++)
              ck_assert_msg (!column_shown (droppable[j]), "column %u hidden before %u",
                             droppable[i], droppable[j]);
            hidden++;
          }
      ck_assert_msg (gtk_adjustment_get_upper (h) <= gtk_adjustment_get_page_size (h) + 0.5,
                     "at %d the list is %.0f wide in %.0f", widths[w],
                     gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h));
      g_print ("at %d: %u columns hidden\n", widths[w], hidden);
      if (widths[w] == 440)
        hidden_at_narrowest = hidden;
      if (widths[w] == 1200)
        ck_assert_uint_eq (hidden, 0);
    }
  ck_assert_uint_gt (hidden_at_narrowest, 0);
}
END_TEST

static gboolean
is_mapped_named (GtkWidget     *widget,
                 gconstpointer  name)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The labels named name in the rows on screen. */
static GPtrArray *
row_labels (const char *name)
{
  GtkWidget *list = cg_test_get_by_name (GTK_WIDGET (view), "recommendations-list");

  return cg_test_find_widgets (list, is_mapped_named, name);
}

/* At least data rows show their reasons, laid out (a busy machine may map a new window's
 * rows a while before its first layout). */
static gboolean
reasons_shown (gpointer data)
{
  g_autoptr(GPtrArray) labels = row_labels ("because");

  if (cg_recommendation_list_get_explaining (cg_recommendations_view_get_list (view))
      || labels->len < GPOINTER_TO_UINT (data)
      || gtk_widget_get_width (GTK_WIDGET (window)) == 0)
    return FALSE;
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_width (g_ptr_array_index (labels, i)) == 0)
      return FALSE;
  return TRUE;
}

/* Every row on screen says why, as its item does, starting with prefix, under its title
 * and in the tooltip of its title cell. */
static void
check_rows_say_why (const char *prefix)
{
  g_autoptr(GPtrArray) labels = row_labels ("because");

  ck_assert_uint_ge (labels->len, 3);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (GTK_LABEL (label));
      const char *tooltip = gtk_widget_get_tooltip_text (gtk_widget_get_parent (label));
      gboolean found = FALSE;

      ck_assert_msg (g_str_has_prefix (text, prefix), "%s", text);
      ck_assert_ptr_nonnull (tooltip);
      ck_assert_msg (strstr (tooltip, text) != NULL, "%s", tooltip);
      for (guint r = 0; r < g_list_model_get_n_items (items ()) && !found; r++)
        {
          g_autoptr(CgRecommendationItem) item = g_list_model_get_item (items (), r);

          found = g_strcmp0 (cg_recommendation_item_get_because (item), text) == 0;
        }
      ck_assert_msg (found, "no line says %s", text);
    }
}

START_TEST (test_rows_say_why)
{
  g_autoptr(CgTrainedModel) model = new_model (CG_USER_EMBEDDING_HISTORY);
  const CgDataset *dataset = cg_trained_model_get_dataset (model);
  CgRatingsStore *store = cg_session_get_ratings (session);
  GtkWidget *note = cg_test_get_by_name (GTK_WIDGET (view), "explain-note");
  g_autofree char *prefix = NULL;
  guint user = 0;

  for (guint i = 0; i < 8; i++)
    ck_assert (cg_ratings_store_set_rating (store, dataset->movie_ids[i * 4], 5, NULL));
  cg_session_set_model (session, model, NULL, TRUE);
  ck_assert (cg_test_spin_until (reasons_shown, GUINT_TO_POINTER (3), 10000));
  check_rows_say_why ("Because you liked ");
  ck_assert (!gtk_widget_get_mapped (note));
  cg_test_spin_for (200);
  cg_test_write_screenshot (GTK_WIDGET (window), "recommendations-because-you");

  /* Narrow, the reason still reads under the title. */
  cg_test_resize_window (window, 600, 700);
  cg_test_spin_for (200);
  check_rows_say_why ("Because you liked ");
  cg_test_write_screenshot (GTK_WIDGET (window), "recommendations-because-narrow");
  cg_test_resize_window (window, 1200, 700);

  while (cg_user_items_count (dataset->train_pos, user) < 3)
    user++;
  cg_recommendations_view_show_user (view, dataset->user_ids[user]);
  ck_assert (cg_test_spin_until (reasons_shown, GUINT_TO_POINTER (3), 10000));
  prefix = g_strdup_printf ("Because user %u liked ", dataset->user_ids[user]);
  check_rows_say_why (prefix);
  cg_test_spin_for (200);
  cg_test_write_screenshot (GTK_WIDGET (window), "recommendations-because-user");
}
END_TEST

START_TEST (test_id_mode_says_explanations_need_history)
{
  g_autoptr(CgTrainedModel) model = new_model (CG_USER_EMBEDDING_ID);
  GtkWidget *note = cg_test_get_by_name (GTK_WIDGET (view), "explain-note");
  g_autoptr(GPtrArray) labels = NULL;

  cg_session_set_model (session, model, NULL, TRUE);
  cg_recommendations_view_show_user (view, 3);
  ck_assert (cg_test_spin_until (rows_shown, GUINT_TO_POINTER (3), 5000));
  cg_test_spin_for (200);
  ck_assert (gtk_widget_get_mapped (note));
  ck_assert_msg (strstr (gtk_label_get_text (GTK_LABEL (note)),
                         "need a model whose user mode is “history”") != NULL, "%s",
                 gtk_label_get_text (GTK_LABEL (note)));
  labels = row_labels ("because");
  ck_assert_uint_eq (labels->len, 0);
  cg_test_write_screenshot (GTK_WIDGET (window), "recommendations-id-mode-note");
}
END_TEST

/* Every movie of the catalogue titled the same: each row shows its own movie's ID. */
START_TEST (test_shared_titles_show_the_id)
{
  g_autoptr(CgTrainedModel) model = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  CgTestOutcome outcome = { 0 };

  cg_test_edit_data_file ("u.item", "^([0-9]+)\\|[^|]*\\|[^|]*\\|",
                          "\\1|Twin (1990)|01-Jan-1990|");
  cg_session_load_dataset_async (session, cg_test_home_data_dir (), NULL, cg_test_outcome_cb,
                                 &outcome);
  ck_assert (cg_test_wait (&outcome, 30000));
  model = new_model (CG_USER_EMBEDDING_HISTORY);
  cg_session_set_model (session, model, NULL, TRUE);
  ck_assert (cg_test_spin_until (rows_shown, GUINT_TO_POINTER (3), 5000));
  cg_test_spin_for (200);

  labels = row_labels ("shared-title-id");
  ck_assert_uint_ge (labels->len, 3);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));
      gboolean found = FALSE;

      for (guint r = 0; r < g_list_model_get_n_items (items ()) && !found; r++)
        {
          g_autoptr(CgRecommendationItem) item = g_list_model_get_item (items (), r);
          CgMovieItem *movie = cg_recommendation_item_get_movie (item);
          g_autofree char *id = g_strdup_printf ("#%u", cg_movie_item_get_movie_id (movie));

          ck_assert (cg_movie_item_get_shares_title (movie));
          found = strcmp (id, text) == 0;
        }
      ck_assert_msg (found, "%s is no row's ID", text);
    }
  cg_test_write_screenshot (GTK_WIDGET (window), "recommendations-shared-titles");
}
END_TEST

/* What the estimator says for config on the session's dataset with you added, at rate. */
static char *
expected_time (const CgCganConfig *config,
               double              rate)
{
  CgDatasetShape shape;

  ck_assert (cg_session_get_dataset_shape (session, &shape));
  shape.n_users++;
  return cg_training_estimate_format (cg_training_estimate_seconds (config, &shape, rate));
}

static void
check_train_me_tooltip (const char *time,
                        const char *speed)
{
  GtkWidget *button = cg_test_get_by_name (GTK_WIDGET (view), "train-me");
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  ck_assert_ptr_nonnull (tooltip);
  ck_assert_msg (strstr (tooltip, "your ratings as one more user") != NULL, "%s", tooltip);
  ck_assert_msg (strstr (tooltip, time) != NULL, "%s lacks %s", tooltip, time);
  ck_assert_msg (strstr (tooltip, speed) != NULL, "%s lacks %s", tooltip, speed);
}

START_TEST (test_train_me_says_how_long)
{
  g_autoptr(CgTrainedModel) model = new_model (CG_USER_EMBEDDING_HISTORY);
  CgEpochRecord record = { 0 };
  g_autofree char *guessed = NULL, *longer = NULL, *measured = NULL;
  CgCganConfig config;
  CgDatasetShape shape;
  double rate;

  /* Before any training: the estimator's rough guess for the settings given. */
  cg_cgan_config_init (&config);
  cg_recommendations_view_set_training_config (view, &config);
  guessed = expected_time (&config, CG_TRAINING_ESTIMATE_GUESS_RATE);
  check_train_me_tooltip (guessed, "rough guess");

  /* Far more epochs and a wider network: the time follows the settings. */
  config.epochs *= 400;
  config.hidden_dim *= 4;
  cg_recommendations_view_set_training_config (view, &config);
  longer = expected_time (&config, CG_TRAINING_ESTIMATE_GUESS_RATE);
  ck_assert_str_ne (longer, guessed);
  check_train_me_tooltip (longer, "rough guess");

  /* A model whose training was timed: at the speed it measured. */
  record.epoch = 1;
  record.seconds = 3.0;
  cg_cgan_append_history (cg_trained_model_get_cgan (model), &record);
  cg_session_set_model (session, model, NULL, TRUE);
  cg_dataset_shape_of (cg_trained_model_get_dataset (model), &shape);
  rate = cg_training_estimate_rate (cg_trained_model_get_config (model), &shape, &record, 1);
  ck_assert (rate > 0.0);
  measured = expected_time (&config, rate);
  check_train_me_tooltip (measured, "at the speed this model was trained at");
}
END_TEST

static Suite *
recommendations_view_suite (void)
{
  Suite *suite = suite_create ("recommendations-view");
  TCase *tc = tcase_create ("view");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_follows_the_session);
  tcase_add_test (tc, test_stars_ask_to_rate);
  tcase_add_test (tc, test_hit_column_for_dataset_users);
  tcase_add_test (tc, test_liked_list_titles);
  tcase_add_test (tc, test_columns_give_way);
  tcase_add_test (tc, test_rows_say_why);
  tcase_add_test (tc, test_id_mode_says_explanations_need_history);
  tcase_add_test (tc, test_shared_titles_show_the_id);
  tcase_add_test (tc, test_train_me_says_how_long);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return cg_test_run_widget_suite (recommendations_view_suite ());
}
