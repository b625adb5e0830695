/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-view.c: the Catalogue page — search, filters, sort and the grid of movie cards.
 *
 * The toolbar widgets only set properties of the model's CgMovieFilter and CgMovieSorter;
 * the GtkFilterListModel and GtkSortListModel behind the grid do the rest.
 *
 * Keyboard rating: GtkGridView (4.8) does not say which item has the focus, so the key
 * handler finds the card from the window's focus widget — either a widget inside the card
 * (a star button) or the grid's item widget whose child the card is.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <adwaita.h>

#include "cg-catalog-view.h"
#include "cg-dialogs.h"
#include "cg-movie-card.h"

struct _CgCatalogView
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkWidget      *toolbar;
  GtkSearchEntry *search_entry;
  GtkDropDown    *genre_dropdown;
  GtkDropDown    *sort_dropdown;
  GtkToggleButton *rated_toggle;
  GtkLabel       *counter_label;
  GtkScrolledWindow *scroller;
  GtkGridView    *grid_view;
  AdwStatusPage  *empty_page;

  /* owned */
  CgCatalogModel *model;
  guint           liked_threshold;   /* ratings ≥ this count as liked in the counter */
};

G_DEFINE_FINAL_TYPE (CgCatalogView, cg_catalog_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LIKED_THRESHOLD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---- */

static void
update_counter (CgCatalogView *self)
{
  g_autofree char *text = NULL;
  CgRatingsStore *ratings;

  if (self->model == NULL)
    {
      gtk_label_set_text (self->counter_label, "");
      return;
    }
  ratings = cg_catalog_model_get_ratings_store (self->model);
  text = g_strdup_printf ("%u rated · %u liked (≥ %u)",
                          cg_ratings_store_get_n_rated (ratings),
                          cg_ratings_store_count_at_least (ratings, self->liked_threshold),
                          self->liked_threshold);
  gtk_label_set_text (self->counter_label, text);
}

static void
update_empty (CgCatalogView *self)
{
  gboolean empty;

  if (self->model == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->empty_page), FALSE);
      return;
    }
  empty = g_list_model_get_n_items (cg_catalog_model_get_model (self->model)) == 0
          && g_list_model_get_n_items (cg_catalog_model_get_all (self->model)) > 0;
  if (gtk_toggle_button_get_active (self->rated_toggle)
      && cg_ratings_store_get_n_rated (cg_catalog_model_get_ratings_store (self->model)) == 0)
    adw_status_page_set_description (self->empty_page,
                                     "You have not rated any movie yet: click the stars on "
                                     "a card.");
  else
    adw_status_page_set_description (self->empty_page, "Try another search or genre.");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), empty);
}

static void
fill_genres (CgCatalogView *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, "All Genres");
  if (self->model != NULL)
    {
      const char * const *names = cg_catalog_model_get_genre_names (self->model);

      for (guint i = 0; names[i] != NULL; i++)
        {
          /* u.genre has "unknown" in lower case among capitalised names. */
          g_autofree char *shown = g_strdup (names[i]);

          shown[0] = g_ascii_toupper (shown[0]);
          gtk_string_list_append (list, shown);
        }
    }
  gtk_drop_down_set_model (self->genre_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->genre_dropdown, 0);
}

/* A new filter or order is a new list: show it from its start. The grid keeps its anchor
 * item (the focused card, say) in view otherwise, which lands somewhere in the middle of the
 * new order, and it re-applies that anchor at its next allocation, so setting the
 * adjustment is not enough: move the anchor with GtkListBase's own action (GTK 4.8 has no
 * gtk_grid_view_scroll_to). */
static void
scroll_to_top (CgCatalogView *self)
{
  GtkSelectionModel *shown = gtk_grid_view_get_model (self->grid_view);

  if (shown != NULL && g_list_model_get_n_items (G_LIST_MODEL (shown)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", 0);
}

static CgMovieCard *
focused_card (CgCatalogView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->grid_view);
       w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (CG_IS_MOVIE_CARD (w))
        return CG_MOVIE_CARD (w);
      if (child != NULL && CG_IS_MOVIE_CARD (child))
        return CG_MOVIE_CARD (child);
    }
  return NULL;
}

/* ---- callbacks ---- */

static void
on_card_rate_cb (CgMovieCard   *card,
                 guint          rating,
                 CgCatalogView *self)
{
  CgMovieItem *item = cg_movie_card_get_item (card);

  if (item != NULL)
    cg_catalog_view_rate (self, cg_movie_item_get_movie_id (item), rating);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     CgCatalogView            *self)
{
  GtkWidget *card = cg_movie_card_new ();

  g_signal_connect_object (card, "rate", G_CALLBACK (on_card_rate_cb), self, 0);
  gtk_list_item_set_child (list_item, card);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CgCatalogView            *self)
{
  cg_movie_card_set_item (CG_MOVIE_CARD (gtk_list_item_get_child (list_item)),
                          gtk_list_item_get_item (list_item));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      CgCatalogView            *self)
{
  cg_movie_card_set_item (CG_MOVIE_CARD (gtk_list_item_get_child (list_item)), NULL);
}

static gboolean
on_grid_key_pressed_cb (CgCatalogView         *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  CgMovieCard *card;
  CgMovieItem *item;
  guint rating;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_KP_1: rating = 1; break;
    case GDK_KEY_2: case GDK_KEY_KP_2: rating = 2; break;
    case GDK_KEY_3: case GDK_KEY_KP_3: rating = 3; break;
    case GDK_KEY_4: case GDK_KEY_KP_4: rating = 4; break;
    case GDK_KEY_5: case GDK_KEY_KP_5: rating = 5; break;
    case GDK_KEY_0: case GDK_KEY_KP_0:
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete: case GDK_KEY_BackSpace:
      rating = 0;
      break;
    default:
      return FALSE;
    }

  card = focused_card (self);
  if (card == NULL || (item = cg_movie_card_get_item (card)) == NULL)
    return FALSE;
  cg_catalog_view_rate (self, cg_movie_item_get_movie_id (item), rating);
  return TRUE;
}

static void
on_search_changed_cb (CgCatalogView  *self,
                      GtkSearchEntry *entry)
{
  if (self->model != NULL)
    cg_movie_filter_set_search (cg_catalog_model_get_filter (self->model),
                                gtk_editable_get_text (GTK_EDITABLE (entry)));
  scroll_to_top (self);
}

static void
on_stop_search_cb (CgCatalogView  *self,
                   GtkSearchEntry *entry)
{
  /* Escape in the entry: clear it and give the keyboard back to the grid. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

static void
on_genre_selected_cb (CgCatalogView *self,
                      GParamSpec    *pspec,
                      GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->model != NULL)
    cg_movie_filter_set_genre (cg_catalog_model_get_filter (self->model),
                               selected == GTK_INVALID_LIST_POSITION || selected == 0
                               ? -1 : (int) selected - 1);
  scroll_to_top (self);
}

static void
on_sort_selected_cb (CgCatalogView *self,
                     GParamSpec    *pspec,
                     GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->model != NULL && selected <= CG_MOVIE_SORT_AVERAGE)
    cg_movie_sorter_set_order (cg_catalog_model_get_sorter (self->model), selected);
  scroll_to_top (self);
}

static void
on_rated_toggled_cb (CgCatalogView   *self,
                     GtkToggleButton *toggle)
{
  if (self->model != NULL)
    cg_movie_filter_set_rated_only (cg_catalog_model_get_filter (self->model),
                                    gtk_toggle_button_get_active (toggle));
  update_empty (self);
  scroll_to_top (self);
}

static void
on_ratings_changed_cb (CgCatalogView  *self,
                       guint           movie_id,
                       guint           rating,
                       CgRatingsStore *ratings)
{
  update_counter (self);
  update_empty (self);
}

static void
on_genre_names_changed_cb (CgCatalogView  *self,
                           GParamSpec     *pspec,
                           CgCatalogModel *model)
{
  fill_genres (self);
}

static void
on_items_changed_cb (CgCatalogView *self,
                     guint          position,
                     guint          removed,
                     guint          added,
                     GListModel    *model)
{
  update_empty (self);
}

/* ---- GObject ---- */

static void
cg_catalog_view_dispose (GObject *object)
{
  CgCatalogView *self = CG_CATALOG_VIEW (object);

  GtkWidget *child;

  if (self->grid_view != NULL)
    gtk_grid_view_set_model (self->grid_view, NULL);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (cg_catalog_model_get_ratings_store (self->model),
                                            self);
      g_signal_handlers_disconnect_by_data (cg_catalog_model_get_model (self->model), self);
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_clear_object (&self->model);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CATALOG_VIEW);
  /* dispose_template drops the bound children only; the separator and the overlay are
   * ours too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cg_catalog_view_parent_class)->dispose (object);
}

static void
cg_catalog_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CgCatalogView *self = CG_CATALOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_LIKED_THRESHOLD:
      g_value_set_uint (value, self->liked_threshold);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_catalog_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CgCatalogView *self = CG_CATALOG_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      cg_catalog_view_set_model (self, g_value_get_object (value));
      break;

    case PROP_LIKED_THRESHOLD:
      cg_catalog_view_set_liked_threshold (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_catalog_view_class_init (CgCatalogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_catalog_view_dispose;
  object_class->get_property = cg_catalog_view_get_property;
  object_class->set_property = cg_catalog_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         CG_TYPE_CATALOG_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIKED_THRESHOLD] =
    g_param_spec_uint ("liked-threshold", NULL, NULL,
                       1, 5, CG_DEFAULT_THRESHOLD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/cinegan/Cinegan/ui/cg-catalog-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, genre_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, rated_toggle);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, counter_label);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, grid_view);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_genre_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rated_toggled_cb);

  gtk_widget_class_set_css_name (widget_class, "catalogview");

  g_type_ensure (CG_TYPE_MOVIE_CARD);
}

static void
cg_catalog_view_init (CgCatalogView *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->liked_threshold = CG_DEFAULT_THRESHOLD;
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, 0);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_grid_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), keys);

  fill_genres (self);
}

/* ---- public API ---- */

GtkWidget *
cg_catalog_view_new (void)
{
  return g_object_new (CG_TYPE_CATALOG_VIEW, NULL);
}

void
cg_catalog_view_set_model (CgCatalogView  *self,
                           CgCatalogModel *model)
{
  g_return_if_fail (CG_IS_CATALOG_VIEW (self));
  g_return_if_fail (model == NULL || CG_IS_CATALOG_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_data (cg_catalog_model_get_ratings_store (self->model),
                                            self);
      g_signal_handlers_disconnect_by_data (cg_catalog_model_get_model (self->model), self);
      g_signal_handlers_disconnect_by_data (self->model, self);
      g_clear_object (&self->model);
    }

  if (model != NULL)
    {
      CgMovieFilter *filter = cg_catalog_model_get_filter (model);
      CgMovieSorter *sorter = cg_catalog_model_get_sorter (model);
      GtkNoSelection *selection;

      self->model = g_object_ref (model);
      g_signal_connect_object (cg_catalog_model_get_ratings_store (model), "changed",
                               G_CALLBACK (on_ratings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (cg_catalog_model_get_model (model), "items-changed",
                               G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::genre-names",
                               G_CALLBACK (on_genre_names_changed_cb), self,
                               G_CONNECT_SWAPPED);
      selection = gtk_no_selection_new (g_object_ref (cg_catalog_model_get_model (model)));
      gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));
      g_object_unref (selection);

      /* The toolbar shows what the model filters by, not the other way round. */
      fill_genres (self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry),
                             cg_movie_filter_get_search (filter) != NULL
                             ? cg_movie_filter_get_search (filter) : "");
      gtk_drop_down_set_selected (self->genre_dropdown,
                                  (guint) (cg_movie_filter_get_genre (filter) + 1));
      gtk_toggle_button_set_active (self->rated_toggle, cg_movie_filter_get_rated_only (filter));
      gtk_drop_down_set_selected (self->sort_dropdown, cg_movie_sorter_get_order (sorter));
    }
  else
    gtk_grid_view_set_model (self->grid_view, NULL);

  update_counter (self);
  update_empty (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

CgCatalogModel *
cg_catalog_view_get_model (CgCatalogView *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_VIEW (self), NULL);

  return self->model;
}

void
cg_catalog_view_set_liked_threshold (CgCatalogView *self,
                                     guint          threshold)
{
  g_return_if_fail (CG_IS_CATALOG_VIEW (self));
  g_return_if_fail (threshold >= 1 && threshold <= 5);

  if (self->liked_threshold == threshold)
    return;
  self->liked_threshold = threshold;
  update_counter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIKED_THRESHOLD]);
}

guint
cg_catalog_view_get_liked_threshold (CgCatalogView *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_VIEW (self), CG_DEFAULT_THRESHOLD);

  return self->liked_threshold;
}

void
cg_catalog_view_focus_search (CgCatalogView *self)
{
  g_return_if_fail (CG_IS_CATALOG_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
cg_catalog_view_rate (CgCatalogView *self,
                      guint32        movie_id,
                      guint          rating)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CG_IS_CATALOG_VIEW (self));
  g_return_if_fail (rating <= 5);

  if (self->model == NULL)
    return;
  if (!cg_ratings_store_set_rating (cg_catalog_model_get_ratings_store (self->model),
                                    movie_id, rating, &error))
    cg_dialogs_show_error (GTK_WIDGET (self), "Could Not Save Your Rating", error->message);
}
