/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendations-view.c: the Recommendations page — a top-K list for you or any user.
 *
 * The lists come from cg-recommender.c and take milliseconds, so they are recomputed on
 * the main thread, coalesced into one idle per burst of changes (a spin button held down,
 * several ratings in a row). When only your rating of a shown movie changes and the list
 * is not yours, the rows' stars are updated in place instead.
 *
 * The model and datasets are borrowed from the window, which calls set_model before it
 * frees them; nothing here outlives that call.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cg-recommendation-row.h"
#include "cg-recommendations-view.h"
#include "cg-recommender.h"

typedef enum
{
  COLUMN_RANK,
  COLUMN_HIT,
  COLUMN_ID,
  COLUMN_TITLE,
  COLUMN_YEAR,
  COLUMN_GENRES,
  COLUMN_SCORE,
  COLUMN_STARS,
} ColumnKind;

enum
{
  WHO_YOU,
  WHO_DATASET_USER,
};

struct _CgRecommendationsView
{
  GtkWidget            parent_instance;

  /* template widgets */
  GtkWidget           *toolbar;
  GtkDropDown         *who_dropdown;
  GtkSpinButton       *user_spin;
  GtkSpinButton       *k_spin;
  GtkSpinButton       *draws_spin;
  GtkButton           *train_me_button;
  GtkLabel            *summary_label;
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  GtkColumnView       *column_view;
  GtkLabel            *side_title;
  GtkListView         *side_list;

  /* made in init, owned by the column view */
  GtkColumnViewColumn *hit_column;

  /* borrowed, see set_model */
  CgCgan              *model;
  const CgDataset     *dataset;
  guint32              you_user_id;

  /* owned */
  CgRatingsStore      *store;
  GListStore          *rows;          /* CgRecommendationRow */
  GtkStringList       *side_items;
  guint                refresh_id;
  gboolean             list_is_yours; /* the shown list depends on your ratings */
};

G_DEFINE_FINAL_TYPE (CgRecommendationsView, cg_recommendations_view, GTK_TYPE_WIDGET)

enum
{
  RATE_MOVIE,
  TRAIN_INCLUDING_ME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ---- */

/* "Toy Story (1995)" → "Toy Story", as on the catalogue's cards: the year shown is the
 * movie's (from its release date), which is not always the one in its title — "Á köldum
 * klaka (Cold Fever) (1994)" was released in 1996. */
static char *
display_title (const char *title)
{
  gsize len = strlen (title);

  if (len > 7 && title[len - 1] == ')'
      && g_ascii_isdigit (title[len - 2]) && g_ascii_isdigit (title[len - 3])
      && g_ascii_isdigit (title[len - 4]) && g_ascii_isdigit (title[len - 5])
      && title[len - 6] == '(' && title[len - 7] == ' ')
    return g_strchomp (g_strndup (title, len - 7));
  return g_strdup (title);
}

/* "Toy Story · 1995": one line with the same title and year as the list's columns. */
static char *
display_title_and_year (const CgMovie *movie)
{
  g_autofree char *title = display_title (movie->title);

  if (movie->year == 0)
    return g_steal_pointer (&title);
  return g_strdup_printf ("%s · %u", title, movie->year);
}

static guint
model_draws (CgRecommendationsView *self)
{
  return self->model != NULL ? MAX (cg_cgan_get_config (self->model)->noise_draws, 1) : 1;
}

static guint
rounds (CgRecommendationsView *self)
{
  guint draws = (guint) gtk_spin_button_get_value_as_int (self->draws_spin);
  guint per_call = model_draws (self);

  return MAX ((draws + per_call - 1) / per_call, 1);
}

static gboolean
showing_you (CgRecommendationsView *self)
{
  return gtk_drop_down_get_selected (self->who_dropdown) == WHO_YOU;
}

static void
show_empty (CgRecommendationsView *self,
            const char            *message)
{
  g_list_store_remove_all (self->rows);
  gtk_string_list_splice (self->side_items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->side_items)), NULL);
  adw_status_page_set_description (self->empty_page, message);
  gtk_label_set_text (self->summary_label, "");
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
fill_side (CgRecommendationsView *self,
           const char            *title,
           const guint32         *items,
           guint                  n_items)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_items; i++)
    {
      const CgMovie *movie = cg_dataset_movie (self->dataset, items[i]);

      g_ptr_array_add (lines, display_title_and_year (movie));
    }
  g_ptr_array_add (lines, NULL);
  gtk_string_list_splice (self->side_items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->side_items)),
                          (const char *const *) lines->pdata);
  gtk_label_set_text (self->side_title, title);
}

static void
fill_rows (CgRecommendationsView  *self,
           const CgRecommendation *recs,
           guint                   n)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint r = 0; r < n; r++)
    {
      const CgMovie *movie = cg_dataset_movie (self->dataset, recs[r].item);
      g_autofree char *genres = cg_catalog_format_genres (self->dataset->catalog,
                                                          movie->genres);
      g_autofree char *title = display_title (movie->title);
      CgRecommendationRow *row = cg_recommendation_row_new (r + 1, movie->movie_id, title,
                                                            movie->year, genres,
                                                            recs[r].score, recs[r].hit);

      if (self->store != NULL)
        cg_recommendation_row_set_your_rating (row, cg_ratings_store_get_rating (self->store,
                                                                                 movie->movie_id));
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static char *
draws_text (CgRecommendationsView *self)
{
  guint n_rounds = rounds (self);

  if (n_rounds == 1)
    return g_strdup_printf ("%u noise draws", model_draws (self));
  return g_strdup_printf ("%u noise draws (%u × %u)", n_rounds * model_draws (self), n_rounds,
                          model_draws (self));
}

/* ---- computing a list ---- */

static void
refresh_you (CgRecommendationsView *self,
             guint                  k,
             CgRecommendation      *recs)
{
  const CgCganConfig *config = cg_cgan_get_config (self->model);
  g_autofree guint32 *liked = NULL;
  g_autofree guint32 *rated = NULL;
  g_autofree char *draws = draws_text (self);
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  guint n_liked = 0, n_rated = 0, n = 0;
  gint64 start;
  double ms;

  self->list_is_yours = TRUE;
  if (self->store != NULL)
    {
      liked = cg_ratings_store_dup_items (self->store, self->dataset,
                                          cg_dataset_whole_star_threshold (self->dataset),
                                          &n_liked);
      rated = cg_ratings_store_dup_items (self->store, self->dataset, 1, &n_rated);
    }

  if (config->user_mode == CG_USER_EMBEDDING_HISTORY)
    {
      start = g_get_monotonic_time ();
      if (!cg_recommend_for_history (self->model, self->dataset, liked, n_liked, rated, n_rated,
                                     k, rounds (self), recs, &n, &error))
        {
          show_empty (self, error->message);
          return;
        }
      ms = (g_get_monotonic_time () - start) / 1000.0;
      fill_rows (self, recs, n);
      fill_side (self, n_liked == 1 ? "Your 1 liked movie" : "Your liked movies",
                 liked, n_liked);
      if (n_liked == 0)
        summary = g_strdup_printf ("You have not liked any movie yet (4 or 5 stars in the "
                                   "catalogue): these are the model's picks for someone with "
                                   "no history. %s, %.1f ms.", draws, ms);
      else
        summary = g_strdup_printf ("For you, from your %u liked of %u rated movies, without "
                                   "retraining: updates as you rate. %s, %.1f ms.",
                                   n_liked, n_rated, draws, ms);
      gtk_label_set_text (self->summary_label, summary);
      return;
    }

  /* Id mode: you need a row of the user table, i.e. to have been trained with. */
  {
    gint32 you = self->you_user_id != 0 ? cg_dataset_user_index (self->dataset,
                                                                 self->you_user_id)
                                        : -1;

    if (you < 0 || (guint) you >= cg_cgan_get_n_users (self->model))
      {
        show_empty (self, "This model learned one vector per user it was trained with, and "
                          "you were not one of them. Train including you to get your "
                          "recommendations, or train a model whose user mode is “history”, "
                          "which follows your ratings without retraining.");
        return;
      }
    start = g_get_monotonic_time ();
    n = cg_recommend_for_user_excluding (self->model, self->dataset, you, rated, n_rated, k,
                                         rounds (self), recs);
    ms = (g_get_monotonic_time () - start) / 1000.0;
    fill_rows (self, recs, n);
    fill_side (self, "You liked in training",
               cg_user_items_row (self->dataset->train_pos, you),
               cg_user_items_count (self->dataset->train_pos, you));
    summary = g_strdup_printf ("For you, as trained with this model (%u liked then); movies "
                               "you have rated since are left out too, but new ratings only "
                               "count after retraining. %s, %.1f ms.",
                               cg_user_items_count (self->dataset->train_pos, you), draws, ms);
    gtk_label_set_text (self->summary_label, summary);
  }
}

static void
refresh_dataset_user (CgRecommendationsView *self,
                      guint                  k,
                      CgRecommendation      *recs)
{
  guint32 raw = (guint32) gtk_spin_button_get_value_as_int (self->user_spin);
  gint32 user = cg_dataset_user_index (self->dataset, raw);
  g_autofree char *draws = draws_text (self);
  g_autofree char *summary = NULL;
  g_autofree char *side = NULL;
  guint n, hits = 0, n_test;
  gint64 start;
  double ms;

  self->list_is_yours = FALSE;
  if (user < 0 || (guint) user >= cg_cgan_get_n_users (self->model))
    {
      g_autofree char *text = g_strdup_printf ("There is no user %u in split %s.", raw,
                                               self->dataset->split);

      show_empty (self, text);
      return;
    }

  start = g_get_monotonic_time ();
  n = cg_recommend_for_user (self->model, self->dataset, user, k, rounds (self), recs);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  fill_rows (self, recs, n);
  for (guint r = 0; r < n; r++)
    hits += recs[r].hit;
  n_test = cg_user_items_count (self->dataset->test_pos, user);

  side = g_strdup_printf ("User %u liked in training (%u)", raw,
                          cg_user_items_count (self->dataset->train_pos, user));
  fill_side (self, side, cg_user_items_row (self->dataset->train_pos, user),
             cg_user_items_count (self->dataset->train_pos, user));
  if (n_test == 0)
    summary = g_strdup_printf ("User %u rated %u movies in training (%u liked) and liked none "
                               "in the test split. %s, %.1f ms.", raw,
                               cg_user_items_count (self->dataset->train_rated, user),
                               cg_user_items_count (self->dataset->train_pos, user), draws, ms);
  else
    summary = g_strdup_printf ("User %u rated %u movies in training (%u liked) and liked %u in "
                               "the test split: %u of these %u are hits (✓), recall %.2f. "
                               "%s, %.1f ms.", raw,
                               cg_user_items_count (self->dataset->train_rated, user),
                               cg_user_items_count (self->dataset->train_pos, user), n_test,
                               hits, n, (double) hits / n_test, draws, ms);
  gtk_label_set_text (self->summary_label, summary);
}

static void
refresh_now (CgRecommendationsView *self)
{
  g_autofree CgRecommendation *recs = NULL;
  gboolean you = showing_you (self);
  guint k;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  gtk_widget_set_visible (GTK_WIDGET (self->user_spin), !you);
  gtk_column_view_column_set_visible (self->hit_column, !you);
  gtk_widget_set_sensitive (GTK_WIDGET (self->draws_spin), self->model != NULL);

  if (self->model == NULL || self->dataset == NULL)
    {
      self->list_is_yours = FALSE;
      show_empty (self, "No model yet. Train one on the Training page, or open a model file.");
      return;
    }

  k = (guint) gtk_spin_button_get_value_as_int (self->k_spin);
  recs = g_new (CgRecommendation, k);
  if (you)
    refresh_you (self, k, recs);
  else
    refresh_dataset_user (self, k, recs);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CgRecommendationsView *self = user_data;

  self->refresh_id = 0;
  refresh_now (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (CgRecommendationsView *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

/* ---- template callbacks ---- */

static void
on_who_selected_cb (CgRecommendationsView *self)
{
  queue_refresh (self);
}

static void
on_user_changed_cb (CgRecommendationsView *self)
{
  queue_refresh (self);
}

static void
on_settings_changed_cb (CgRecommendationsView *self)
{
  queue_refresh (self);
}

static void
on_train_me_clicked_cb (CgRecommendationsView *self)
{
  g_signal_emit (self, signals[TRAIN_INCLUDING_ME], 0);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.train", NULL);
}

static void
on_store_changed_cb (CgRecommendationsView *self)
{
  guint n;

  if (self->list_is_yours)
    {
      queue_refresh (self);
      return;
    }
  /* Someone else's list: only the stars change. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgRecommendationRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);

      cg_recommendation_row_set_your_rating (row, cg_ratings_store_get_rating (
                                               self->store,
                                               cg_recommendation_row_get_movie_id (row)));
    }
}

/* ---- cells ---- */

static void
rate (CgRecommendationsView *self,
      CgRecommendationRow   *row,
      guint                  stars)
{
  guint current = cg_recommendation_row_get_your_rating (row);

  /* The current star clicked again clears the rating, as on the catalogue's cards. */
  g_signal_emit (self, signals[RATE_MOVIE], 0, (guint) cg_recommendation_row_get_movie_id (row),
                 stars == current ? 0u : stars);
}

static void
update_stars (GtkWidget           *box,
              CgRecommendationRow *row)
{
  guint rating = row != NULL ? cg_recommendation_row_get_your_rating (row) : 0;
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child), n++)
    gtk_button_set_icon_name (GTK_BUTTON (child),
                              n <= rating ? "starred-symbolic" : "non-starred-symbolic");
}

static void
on_row_rating_notify_cb (CgRecommendationRow *row,
                         GParamSpec          *pspec,
                         GtkWidget           *box)
{
  update_stars (box, row);
}

static void
on_star_clicked_cb (GtkButton             *button,
                    CgRecommendationsView *self)
{
  GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (button));
  CgRecommendationRow *row = g_object_get_data (G_OBJECT (box), "row");

  if (row != NULL)
    rate (self, row, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "stars")));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CgRecommendationsView    *self)
{
  ColumnKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "kind"));
  GtkWidget *widget;

  switch (kind)
    {
    case COLUMN_HIT:
      widget = gtk_image_new_from_icon_name ("object-select-symbolic");
      gtk_widget_set_tooltip_text (widget, "Liked by this user in the test split");
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      "Hit: liked by this user in the test split",
                                      -1);
      gtk_widget_add_css_class (widget, "success");
      break;

    case COLUMN_STARS:
      widget = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      for (guint n = 1; n <= 5; n++)
        {
          GtkWidget *star = gtk_button_new_from_icon_name ("non-starred-symbolic");
          g_autofree char *tip = g_strdup_printf (n == 1 ? "Rate %u star" : "Rate %u stars", n);

          gtk_widget_add_css_class (star, "flat");
          gtk_widget_add_css_class (star, "star");
          gtk_widget_set_focus_on_click (star, FALSE);
          gtk_widget_set_tooltip_text (star, tip);
          /* An icon-only button has no name for a screen reader: the tooltip is not one. */
          gtk_accessible_update_property (GTK_ACCESSIBLE (star),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, tip,
                                          -1);
          g_object_set_data (G_OBJECT (star), "stars", GUINT_TO_POINTER (n));
          g_signal_connect_object (star, "clicked", G_CALLBACK (on_star_clicked_cb), self, 0);
          gtk_box_append (GTK_BOX (widget), star);
        }
      break;

    case COLUMN_RANK:
    case COLUMN_ID:
    case COLUMN_YEAR:
    case COLUMN_SCORE:
      widget = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (widget), 1.0f);
      gtk_widget_add_css_class (widget, "numeric");
      break;

    case COLUMN_TITLE:
    case COLUMN_GENRES:
    default:
      widget = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (widget), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      break;
    }
  gtk_list_item_set_child (item, widget);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CgRecommendationsView    *self)
{
  ColumnKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "kind"));
  CgRecommendationRow *row = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  switch (kind)
    {
    case COLUMN_HIT:
      gtk_widget_set_visible (widget, cg_recommendation_row_get_hit (row));
      return;
    case COLUMN_STARS:
      g_object_set_data_full (G_OBJECT (widget), "row", g_object_ref (row), g_object_unref);
      g_signal_connect_object (row, "notify::your-rating", G_CALLBACK (on_row_rating_notify_cb),
                               widget, 0);
      update_stars (widget, row);
      return;
    case COLUMN_RANK:
      text = g_strdup_printf ("%u", cg_recommendation_row_get_rank (row));
      break;
    case COLUMN_ID:
      text = g_strdup_printf ("%u", cg_recommendation_row_get_movie_id (row));
      break;
    case COLUMN_TITLE:
      text = g_strdup (cg_recommendation_row_get_title (row));
      gtk_widget_set_tooltip_text (widget, text);
      break;
    case COLUMN_YEAR:
      text = cg_recommendation_row_get_year (row) > 0
               ? g_strdup_printf ("%u", cg_recommendation_row_get_year (row))
               : g_strdup ("—");
      break;
    case COLUMN_GENRES:
      text = g_strdup (cg_recommendation_row_get_genres (row));
      gtk_widget_set_tooltip_text (widget, text);
      break;
    case COLUMN_SCORE:
      text = g_strdup_printf ("%.3f", cg_recommendation_row_get_score (row));
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (GTK_LABEL (widget), text);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                CgRecommendationsView    *self)
{
  ColumnKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "kind"));
  GtkWidget *widget = gtk_list_item_get_child (item);
  CgRecommendationRow *row = gtk_list_item_get_item (item);

  if (kind != COLUMN_STARS)
    return;
  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_row_rating_notify_cb, widget);
  g_object_set_data (G_OBJECT (widget), "row", NULL);
}

static GtkColumnViewColumn *
add_column (CgRecommendationsView *self,
            const char            *title,
            ColumnKind             kind,
            gboolean               expand,
            int                    fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "kind", GUINT_TO_POINTER (kind));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell_cb), self, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  return column;
}

static void
setup_side_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_side_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
  gtk_widget_set_tooltip_text (label, gtk_string_object_get_string (string));
}

/* Keys on the selected row: 1–5 rate it, 0 or Delete clear it. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CgRecommendationsView *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  g_autoptr(CgRecommendationRow) row = NULL;
  guint stars;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_5)
    stars = keyval - GDK_KEY_0;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_5)
    stars = keyval - GDK_KEY_KP_0;
  else if (keyval == GDK_KEY_0 || keyval == GDK_KEY_KP_0 || keyval == GDK_KEY_Delete)
    stars = 0;
  else
    return FALSE;
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  if (row == NULL)
    return FALSE;
  if (stars == 0)
    {
      if (cg_recommendation_row_get_your_rating (row) != 0)
        g_signal_emit (self, signals[RATE_MOVIE], 0,
                       (guint) cg_recommendation_row_get_movie_id (row), 0u);
    }
  else
    g_signal_emit (self, signals[RATE_MOVIE], 0,
                   (guint) cg_recommendation_row_get_movie_id (row), stars);
  return TRUE;
}

/* ---- GObject ---- */

static void
cg_recommendations_view_dispose (GObject *object)
{
  CgRecommendationsView *self = CG_RECOMMENDATIONS_VIEW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  self->model = NULL;
  self->dataset = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_RECOMMENDATIONS_VIEW);
  self->hit_column = NULL;

  G_OBJECT_CLASS (cg_recommendations_view_parent_class)->dispose (object);
}

static void
cg_recommendations_view_finalize (GObject *object)
{
  CgRecommendationsView *self = CG_RECOMMENDATIONS_VIEW (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->side_items);

  G_OBJECT_CLASS (cg_recommendations_view_parent_class)->finalize (object);
}

static void
cg_recommendations_view_class_init (CgRecommendationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_recommendations_view_dispose;
  object_class->finalize = cg_recommendations_view_finalize;

  signals[RATE_MOVIE] =
    g_signal_new ("rate-movie",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  signals[TRAIN_INCLUDING_ME] =
    g_signal_new ("train-including-me",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/cinegan/Cinegan/ui/cg-recommendations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, who_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, user_spin);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, k_spin);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, draws_spin);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, train_me_button);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, side_title);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, side_list);
  gtk_widget_class_bind_template_callback (widget_class, on_who_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_settings_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_train_me_clicked_cb);
}

static void
cg_recommendations_view_init (CgRecommendationsView *self)
{
  g_autoptr(GtkListItemFactory) side_factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (CG_TYPE_RECOMMENDATION_ROW);
  self->side_items = gtk_string_list_new (NULL);

  {
    GtkSingleSelection *selection = gtk_single_selection_new (
      g_object_ref (G_LIST_MODEL (self->rows)));

    gtk_single_selection_set_autoselect (selection, FALSE);
    gtk_single_selection_set_can_unselect (selection, TRUE);
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
    g_object_unref (selection);
  }
  add_column (self, "#", COLUMN_RANK, FALSE, -1);
  self->hit_column = add_column (self, "Hit", COLUMN_HIT, FALSE, -1);
  add_column (self, "Movie ID", COLUMN_ID, FALSE, -1);
  add_column (self, "Title", COLUMN_TITLE, TRUE, 260);
  add_column (self, "Year", COLUMN_YEAR, FALSE, -1);
  add_column (self, "Genres", COLUMN_GENRES, TRUE, 160);
  add_column (self, "Score", COLUMN_SCORE, FALSE, -1);
  add_column (self, "Your Rating", COLUMN_STARS, FALSE, -1);

  g_signal_connect (side_factory, "setup", G_CALLBACK (setup_side_cb), NULL);
  g_signal_connect (side_factory, "bind", G_CALLBACK (bind_side_cb), NULL);
  gtk_list_view_set_factory (self->side_list, side_factory);
  {
    GtkNoSelection *none = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->side_items)));

    gtk_list_view_set_model (self->side_list, GTK_SELECTION_MODEL (none));
    g_object_unref (none);
  }

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  refresh_now (self);
}

/* ---- public API ---- */

GtkWidget *
cg_recommendations_view_new (void)
{
  return g_object_new (CG_TYPE_RECOMMENDATIONS_VIEW, NULL);
}

void
cg_recommendations_view_set_model (CgRecommendationsView *self,
                                   CgCgan                *model,
                                   const CgDataset       *dataset,
                                   guint32                you_user_id)
{
  g_return_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self));
  g_return_if_fail ((model == NULL) == (dataset == NULL));
  g_return_if_fail (model == NULL || cg_cgan_get_n_items (model) == dataset->n_items);

  self->model = model;
  self->dataset = dataset;
  self->you_user_id = you_user_id;

  if (model != NULL)
    {
      guint per_call = model_draws (self);
      GtkAdjustment *draws = gtk_spin_button_get_adjustment (self->draws_spin);
      GtkAdjustment *users = gtk_spin_button_get_adjustment (self->user_spin);

      /* Draws come in whole calls of the model, each averaging its own noise_draws. */
      gtk_adjustment_configure (draws, per_call, per_call, per_call * 40.0, per_call,
                                per_call * 4.0, 0.0);
      gtk_adjustment_set_upper (users, MAX (dataset->max_user_id, 1));
      gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->k_spin),
                                MIN (dataset->n_items, 500));
    }
  /* The old list refers to the old model's items: replace it before anything draws. */
  refresh_now (self);
}

void
cg_recommendations_view_set_ratings_store (CgRecommendationsView *self,
                                           CgRatingsStore        *store)
{
  g_return_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self));
  g_return_if_fail (store == NULL || CG_IS_RATINGS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  queue_refresh (self);
}

void
cg_recommendations_view_show_you (CgRecommendationsView *self)
{
  g_return_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self));

  gtk_drop_down_set_selected (self->who_dropdown, WHO_YOU);
  refresh_now (self);
}

gboolean
cg_recommendations_view_show_user (CgRecommendationsView *self,
                                   guint32                user_id)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self), FALSE);

  gtk_drop_down_set_selected (self->who_dropdown, WHO_DATASET_USER);
  gtk_spin_button_set_value (self->user_spin, user_id);
  refresh_now (self);
  return self->dataset != NULL && cg_dataset_user_index (self->dataset, user_id) >= 0
         && (guint32) gtk_spin_button_get_value_as_int (self->user_spin) == user_id;
}

guint32
cg_recommendations_view_get_user (CgRecommendationsView *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self), 0);

  if (showing_you (self))
    return 0;
  return (guint32) gtk_spin_button_get_value_as_int (self->user_spin);
}

void
cg_recommendations_view_set_k (CgRecommendationsView *self,
                               guint                  k)
{
  g_return_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self));

  gtk_spin_button_set_value (self->k_spin, k);
  refresh_now (self);
}

guint
cg_recommendations_view_get_k (CgRecommendationsView *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self), 0);

  return (guint) gtk_spin_button_get_value_as_int (self->k_spin);
}

void
cg_recommendations_view_set_noise_draws (CgRecommendationsView *self,
                                         guint                  draws)
{
  guint per_call;

  g_return_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self));

  per_call = model_draws (self);
  gtk_spin_button_set_value (self->draws_spin, ((draws + per_call - 1) / per_call) * per_call);
  refresh_now (self);
}

guint
cg_recommendations_view_get_noise_draws (CgRecommendationsView *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self), 0);

  return rounds (self) * model_draws (self);
}

GListModel *
cg_recommendations_view_get_rows (CgRecommendationsView *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self), NULL);

  return G_LIST_MODEL (self->rows);
}

GListModel *
cg_recommendations_view_get_side_items (CgRecommendationsView *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self), NULL);

  return G_LIST_MODEL (self->side_items);
}

const char *
cg_recommendations_view_get_summary (CgRecommendationsView *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

void
cg_recommendations_view_refresh (CgRecommendationsView *self)
{
  g_return_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self));

  refresh_now (self);
}
