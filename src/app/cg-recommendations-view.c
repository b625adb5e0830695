/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendations-view.c: the Recommendations page — a top-K list for you or any user.
 *
 * The toolbar sets the list's user, K and noise draws; the list recomputes itself and the
 * page follows it: its lines in the column view (whose cells are templates in the .ui, with
 * the closures below), its summary, what the user liked, or why there is no list.
 *
 * The page fits any width from a phone's up: the toolbar wraps, the liked movies fold over
 * the list (an AdwFlap), and the columns that do not fit the list's width are hidden, least
 * needed first, so the title, the score and your stars never scroll out of sight. A movie
 * you rate stays in its row, dimmed and marked, until the list is asked for again: on
 * Refresh, when the page comes back into view, or when what the list is for changes.
 *
 * Why a movie is recommended is a line under its title, so it reads on a phone and by
 * keyboard as well as in the row's tooltip; it appears when the list has worked it out.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "cg-recommendation-item.h"
#include "cg-recommendations-view.h"
#include "cg-star-rating.h"
#include "cg-train-me-text.h"
#include "cg-wrap-box.h"

enum
{
  WHO_YOU,
  WHO_DATASET_USER,
};

/* How far a rated line fades: still readable, plainly not like the others. */
#define RATED_OPACITY 0.45

enum
{
  DROP_GENRES,
  DROP_YEAR,
  DROP_MOVIE_ID,
  DROP_SCORE,
  N_DROPPABLE
};

struct _CgRecommendationsView
{
  CgSessionView         parent_instance;

  /* template widgets */
  GtkWidget            *toolbar;
  GtkDropDown          *who_dropdown;
  GtkSpinButton        *user_spin;
  GtkSpinButton        *k_spin;
  GtkSpinButton        *draws_spin;
  GtkLabel             *summary_label;
  GtkLabel             *explain_note_label;
  GtkWidget            *train_me_button;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *no_model_actions;  /* Train and Open, under "no model yet" */
  GtkWidget            *refresh_button;
  GtkWidget            *liked_toggle;
  AdwFlap              *flap;
  GtkWidget            *table_scroller;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *hit_column;
  GtkColumnViewColumn  *id_column;
  GtkColumnViewColumn  *year_column;
  GtkColumnViewColumn  *genres_column;
  GtkColumnViewColumn  *score_column;
  GtkColumnViewColumn  *rating_column;
  GtkLabel             *liked_title;
  GtkListView          *liked_list;

  /* borrowed */
  GtkColumnViewColumn  *droppable[N_DROPPABLE];   /* in the order they give way */
  CgRatingsStore       *ratings;                  /* the session's, while it has one */

  /* owned */
  GBinding             *model_binding;   /* the session's model → the list's */
  CgRecommendationList *list;
  guint                 fit_id;          /* the idle that fits the columns */
  CgCganConfig          training_config; /* what Train Including Me trains with */
};

G_DEFINE_FINAL_TYPE (CgRecommendationsView, cg_recommendations_view, CG_TYPE_SESSION_VIEW)

/* ---- cells ---- */

static char *
format_rank (GtkListItem *item,
             guint        rank)
{
  return g_strdup_printf ("%u", rank);
}

static char *
format_movie_id (GtkListItem *item,
                 guint        movie_id)
{
  return g_strdup_printf ("%u", movie_id);
}

static char *
format_year (GtkListItem *item,
             guint        year)
{
  return year > 0 ? g_strdup_printf ("%u", year) : g_strdup ("—");
}

static char *
format_score (GtkListItem *item,
              double       score)
{
  return g_strdup_printf ("%.3f", score);
}

static double
dim_when_rated (GtkListItem *item,
                gboolean     rated)
{
  return rated ? RATED_OPACITY : 1.0;
}

static char *
format_rated_mark (GtkListItem *item,
                   gboolean     rated)
{
  return rated ? g_strdup (_("Rated")) : NULL;
}

static char *
hit_tooltip (GtkListItem *item,
             gboolean     hit)
{
  return g_strdup (hit ? _("Hit: liked by this user in the test split") : NULL);
}

/* "Toy Story · 1995": the liked list writes titles and years as the list's columns do. */
static char *
format_title_and_year (GtkListItem *list_item,
                       CgMovieItem *movie)
{
  if (movie == NULL)
    return NULL;
  if (cg_movie_item_get_year (movie) == 0)
    return g_strdup (cg_movie_item_get_display_title (movie));
  return g_strdup_printf ("%s · %u", cg_movie_item_get_display_title (movie),
                          cg_movie_item_get_year (movie));
}

/* "#1234" beside a title another movie shares, as on the catalogue's cards. */
static char *
format_shared_id (GtkListItem *item,
                  guint        movie_id,
                  gboolean     shares_title)
{
  return shares_title ? g_strdup_printf ("#%u", movie_id) : NULL;
}

static gboolean
has_text (GtkListItem *item,
          const char  *text)
{
  return text != NULL && *text != '\0';
}

/* The row's tooltip: the title in full (the cell may cut it) and why it is there. */
static char *
format_row_tooltip (GtkListItem *item,
                    const char  *title,
                    const char  *because)
{
  if (title == NULL)
    return NULL;
  if (because == NULL)
    return g_strdup (title);
  return g_strdup_printf ("%s\n%s", title, because);
}

static void
rate (GtkWidget            *widget,
      CgRecommendationItem *item,
      guint                 rating)
{
  CgMovieItem *movie = cg_recommendation_item_get_movie (item);

  gtk_widget_activate_action (widget, "win.rate-movie", "(uu)",
                              (guint32) cg_movie_item_get_movie_id (movie), rating);
}

static void
on_row_rate_cb (CgStarRating *stars,
                guint         rating,
                GtkListItem  *list_item)
{
  CgRecommendationItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    rate (GTK_WIDGET (stars), item, rating);
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
  g_autoptr(CgRecommendationItem) item = NULL;
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
  item = g_list_model_get_item (G_LIST_MODEL (selection), position);
  if (item == NULL)
    return FALSE;
  rate (GTK_WIDGET (self->column_view), item, stars);
  return TRUE;
}

/* ---- fitting the columns ---- */

static int
table_min_width (CgRecommendationsView *self)
{
  int min = 0;

  gtk_widget_measure (GTK_WIDGET (self->column_view), GTK_ORIENTATION_HORIZONTAL, -1, &min,
                      NULL, NULL, NULL);
  return min;
}

/* Every column back, then the least needed hidden until the rest fit at their natural
 * widths (the title at its smallest, ellipsized), as measured by the column view itself,
 * so fonts and translations decide, not numbers here. */
static gboolean
fit_columns_cb (gpointer data)
{
  CgRecommendationsView *self = data;
  int available = gtk_widget_get_width (self->table_scroller);

  self->fit_id = 0;
  if (available <= 0)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < N_DROPPABLE; i++)
    gtk_column_view_column_set_visible (self->droppable[i], TRUE);
  for (guint i = 0; i < N_DROPPABLE && table_min_width (self) > available; i++)
    gtk_column_view_column_set_visible (self->droppable[i], FALSE);
  return G_SOURCE_REMOVE;
}

/* After the layout that changed the width or the cells: changing columns while the list
 * is being allocated would resize it in the middle of its own allocation. */
static void
queue_fit_columns (CgRecommendationsView *self)
{
  if (self->fit_id == 0)
    self->fit_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_columns_cb, self, NULL);
}

/* ---- following the list ---- */

static void
on_list_changed_cb (CgRecommendationsView *self)
{
  const char *empty = cg_recommendation_list_get_empty_message (self->list);
  gboolean yours = cg_recommendation_list_get_user (self->list) == 0;

  gtk_label_set_text (self->summary_label, cg_recommendation_list_get_summary (self->list));
  gtk_label_set_text (self->liked_title, cg_recommendation_list_get_liked_title (self->list));
  gtk_column_view_column_set_visible (self->hit_column, !yours);
  /* Beside a dataset user's list the stars are still yours (rating there rates for you):
   * say so, or they read as that user's rating. */
  if (yours)
    gtk_column_view_column_set_title (self->rating_column, _("Your Rating"));
  else
    {
      g_autofree char *title = g_strdup_printf (_("Yours, Not User %u’s"),
                                                cg_recommendation_list_get_user (self->list));

      gtk_column_view_column_set_title (self->rating_column, title);
    }
  if (empty != NULL)
    {
      adw_status_page_set_description (self->empty_page, empty);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_set_visible (self->liked_toggle, empty == NULL);
  queue_fit_columns (self);
}

static void
on_explain_note_changed_cb (CgRecommendationsView *self)
{
  const char *note = cg_recommendation_list_get_explain_note (self->list);

  gtk_label_set_text (self->explain_note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->explain_note_label), note != NULL);
}

/* Train Including Me is a wait: the tooltip says how long, for the settings and the
 * dataset it would train with. */
static void
update_train_me_text (CgRecommendationsView *self)
{
  CgSession *session = cg_session_view_get_session (CG_SESSION_VIEW (self));
  g_autofree char *text = session != NULL
                          ? cg_train_me_text (session, &self->training_config) : NULL;

  /* Without a session the .ui's own tooltip stands. */
  if (text == NULL)
    return;
  gtk_widget_set_tooltip_text (self->train_me_button, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->train_me_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* Refresh stands out while the list leaves out ratings you gave since. */
static void
on_stale_changed_cb (CgRecommendationsView *self)
{
  if (cg_recommendation_list_get_stale (self->list))
    gtk_widget_add_css_class (self->refresh_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->refresh_button, "suggested-action");
}

static void
refresh_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cg_recommendation_list_refresh (CG_RECOMMENDATIONS_VIEW (widget)->list);
}

static void
toggle_liked_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AdwFlap *flap = CG_RECOMMENDATIONS_VIEW (widget)->flap;

  adw_flap_set_reveal_flap (flap, !adw_flap_get_reveal_flap (flap));
}

/* Coming back to the page is asking for the list again: ratings given elsewhere, or
 * here before leaving, count now, while nobody is pointing at a row. */
static void
cg_recommendations_view_map (GtkWidget *widget)
{
  CgRecommendationsView *self = CG_RECOMMENDATIONS_VIEW (widget);

  GTK_WIDGET_CLASS (cg_recommendations_view_parent_class)->map (widget);
  if (cg_recommendation_list_get_stale (self->list))
    cg_recommendation_list_refresh (self->list);
  update_train_me_text (self);
}

static void
on_who_changed_cb (CgRecommendationsView *self)
{
  gboolean you = gtk_drop_down_get_selected (self->who_dropdown) == WHO_YOU;

  gtk_widget_set_visible (GTK_WIDGET (self->user_spin), !you);
  cg_recommendation_list_set_user (self->list,
                                   you ? 0 : (guint32) gtk_spin_button_get_value_as_int (
                                                         self->user_spin));
}

/* Draws come in whole calls of the model, each averaging its own noise_draws; the user
 * IDs and K go as far as the model's dataset. */
static void
on_model_changed_cb (CgRecommendationsView *self)
{
  CgTrainedModel *model = cg_recommendation_list_get_model (self->list);
  const CgDataset *dataset;
  guint per_call;

  /* With nothing to recommend from, the page offers the two ways to get a model, and the
   * controls that would change nothing wait (Train Including Me is one of those ways). */
  gtk_widget_set_visible (self->no_model_actions, model == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recommendations.refresh", model != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->who_dropdown), model != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_spin), model != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->k_spin), model != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->draws_spin), model != NULL);
  /* A new model may have measured how fast training runs here. */
  update_train_me_text (self);
  if (model == NULL)
    return;
  dataset = cg_trained_model_get_dataset (model);
  per_call = MAX (cg_trained_model_get_config (model)->noise_draws, 1);
  gtk_adjustment_configure (gtk_spin_button_get_adjustment (self->draws_spin),
                            cg_recommendation_list_get_noise_draws (self->list), per_call,
                            per_call * 40.0, per_call, per_call * 4.0, 0.0);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->user_spin),
                            MAX (dataset->max_user_id, 1));
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->k_spin),
                            MIN (dataset->n_items, 500));
}

/* The list shows the session's model, with the catalogue's movies and your ratings. */
static void
cg_recommendations_view_session_changed (CgSessionView *view,
                                         CgSession     *old)
{
  CgRecommendationsView *self = CG_RECOMMENDATIONS_VIEW (view);
  CgSession *session = cg_session_view_get_session (view);

  g_clear_pointer (&self->model_binding, g_binding_unbind);
  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, update_train_me_text, self);
  if (self->ratings != NULL)
    g_signal_handlers_disconnect_by_data (self->ratings, self);
  self->ratings = NULL;
  if (self->list == NULL)
    return;
  if (session != NULL)
    {
      self->model_binding = g_object_bind_property (session, "model", self->list, "model",
                                                    G_BINDING_SYNC_CREATE);
      cg_recommendation_list_set_catalog (self->list, cg_session_get_catalog (session));
      cg_recommendation_list_set_ratings (self->list, cg_session_get_ratings (session));
      /* A rated line gets its mark, which widens its title cell. */
      self->ratings = cg_session_get_ratings (session);
      g_signal_connect_object (self->ratings, "changed", G_CALLBACK (queue_fit_columns), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::loading", G_CALLBACK (update_train_me_text),
                               self, G_CONNECT_SWAPPED);
    }
  else
    {
      cg_recommendation_list_set_model (self->list, NULL);
      cg_recommendation_list_set_catalog (self->list, NULL);
      cg_recommendation_list_set_ratings (self->list, NULL);
    }
  update_train_me_text (self);
}

/* ---- GObject ---- */

static void
cg_recommendations_view_dispose (GObject *object)
{
  CgRecommendationsView *self = CG_RECOMMENDATIONS_VIEW (object);

  cg_session_view_set_session (CG_SESSION_VIEW (self), NULL);
  g_clear_handle_id (&self->fit_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_RECOMMENDATIONS_VIEW);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (cg_recommendations_view_parent_class)->dispose (object);
}

static void
cg_recommendations_view_class_init (CgRecommendationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_recommendations_view_dispose;
  widget_class->map = cg_recommendations_view_map;
  CG_SESSION_VIEW_CLASS (klass)->session_changed = cg_recommendations_view_session_changed;

  g_type_ensure (CG_TYPE_STAR_RATING);
  g_type_ensure (CG_TYPE_RECOMMENDATION_ITEM);
  g_type_ensure (CG_TYPE_MOVIE_ITEM);
  g_type_ensure (CG_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (
    widget_class, RESOURCE_PATH "/ui/cg-recommendations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, who_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, user_spin);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, k_spin);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, draws_spin);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView,
                                        explain_note_label);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, train_me_button);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, no_model_actions);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, liked_toggle);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, flap);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, hit_column);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, id_column);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, year_column);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, genres_column);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, score_column);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, rating_column);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, liked_title);
  gtk_widget_class_bind_template_child (widget_class, CgRecommendationsView, liked_list);
  gtk_widget_class_bind_template_callback (widget_class, on_who_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_rank);
  gtk_widget_class_bind_template_callback (widget_class, format_movie_id);
  gtk_widget_class_bind_template_callback (widget_class, format_year);
  gtk_widget_class_bind_template_callback (widget_class, format_score);
  gtk_widget_class_bind_template_callback (widget_class, hit_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, format_title_and_year);
  gtk_widget_class_bind_template_callback (widget_class, on_row_rate_cb);
  gtk_widget_class_bind_template_callback (widget_class, dim_when_rated);
  gtk_widget_class_bind_template_callback (widget_class, format_rated_mark);
  gtk_widget_class_bind_template_callback (widget_class, format_shared_id);
  gtk_widget_class_bind_template_callback (widget_class, has_text);
  gtk_widget_class_bind_template_callback (widget_class, format_row_tooltip);

  gtk_widget_class_install_action (widget_class, "recommendations.refresh", NULL,
                                   refresh_activated);
  gtk_widget_class_install_action (widget_class, "recommendations.toggle-liked", NULL,
                                   toggle_liked_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "recommendations.refresh",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "recommendations.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0,
                                       "recommendations.toggle-liked", NULL);
}

static void
cg_recommendations_view_init (CgRecommendationsView *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autoptr(GtkNoSelection) none = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  cg_cgan_config_init (&self->training_config);
  self->droppable[DROP_GENRES] = self->genres_column;
  self->droppable[DROP_YEAR] = self->year_column;
  self->droppable[DROP_MOVIE_ID] = self->id_column;
  self->droppable[DROP_SCORE] = self->score_column;

  self->list = cg_recommendation_list_new ();
  g_object_bind_property (self->k_spin, "value", self->list, "k", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->draws_spin, "value", self->list, "noise-draws",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->list, "notify::summary", G_CALLBACK (on_list_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::empty-message",
                           G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::liked-title", G_CALLBACK (on_list_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::user", G_CALLBACK (on_list_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::model", G_CALLBACK (on_model_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::stale", G_CALLBACK (on_stale_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::explain-note",
                           G_CALLBACK (on_explain_note_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (cg_recommendation_list_get_items (self->list), "items-changed",
                           G_CALLBACK (queue_fit_columns), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (
                             GTK_SCROLLED_WINDOW (self->table_scroller)),
                           "notify::page-size", G_CALLBACK (queue_fit_columns), self,
                           G_CONNECT_SWAPPED);

  selection = gtk_single_selection_new (
    g_object_ref (cg_recommendation_list_get_items (self->list)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  none = gtk_no_selection_new (g_object_ref (cg_recommendation_list_get_liked (self->list)));
  gtk_list_view_set_model (self->liked_list, GTK_SELECTION_MODEL (none));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  on_who_changed_cb (self);
  on_model_changed_cb (self);
  on_list_changed_cb (self);
  on_explain_note_changed_cb (self);
}

/* ---- public API ---- */

GtkWidget *
cg_recommendations_view_new (void)
{
  return g_object_new (CG_TYPE_RECOMMENDATIONS_VIEW, NULL);
}

void
cg_recommendations_view_show_user (CgRecommendationsView *self,
                                   guint32                user)
{
  g_return_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self));

  if (user != 0)
    gtk_spin_button_set_value (self->user_spin, user);
  gtk_drop_down_set_selected (self->who_dropdown, user == 0 ? WHO_YOU : WHO_DATASET_USER);
  on_who_changed_cb (self);
  cg_recommendation_list_refresh (self->list);
}

void
cg_recommendations_view_set_training_config (CgRecommendationsView *self,
                                             const CgCganConfig    *config)
{
  g_return_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self));
  g_return_if_fail (config != NULL);

  self->training_config = *config;
  update_train_me_text (self);
}

CgRecommendationList *
cg_recommendations_view_get_list (CgRecommendationsView *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATIONS_VIEW (self), NULL);

  return self->list;
}
