/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-view.c: the Catalogue page — search, filters, sort and the grid of movie cards.
 *
 * The toolbar widgets only set properties of the model's CgMovieFilter and CgMovieSorter;
 * the GtkFilterListModel and GtkSortListModel behind the grid do the rest. The cards come
 * from the template's GtkBuilderListItemFactory.
 *
 * What the filters were set to lasts across restarts: the "catalogue-rated" setting is bound
 * to the filter here (the window binds the order). The dropdowns keep one width whatever
 * they show, so choosing a genre never moves the rest of the toolbar.
 *
 * Keyboard rating: GtkGridView (4.8) does not say which item has the focus, so the key
 * handler finds the card from the window's focus widget — either a widget inside the card
 * (its stars) or the grid's item widget whose child the card is.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "cg-application.h"
#include "cg-catalog-hint.h"
#include "cg-catalog-view.h"
#include "cg-movie-card.h"
#include "cg-wrap-box.h"

struct _CgCatalogView
{
  CgSessionView      parent_instance;

  /* template widgets */
  GtkWidget         *toolbar;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *genre_dropdown;
  GtkDropDown       *sort_dropdown;
  GtkDropDown       *rated_dropdown;
  GtkLabel          *counter_label;
  CgCatalogHint     *hint;
  GtkScrolledWindow *scroller;
  GtkGridView       *grid_view;
  guint              fit_columns_idle;
  guint              most_columns;      /* the template's max-columns, for the widest screen */
  AdwStatusPage     *empty_page;
};

G_DEFINE_FINAL_TYPE (CgCatalogView, cg_catalog_view, CG_TYPE_SESSION_VIEW)

/* ---- helpers ---- */

static CgSession *
session_of (CgCatalogView *self)
{
  return cg_session_view_get_session (CG_SESSION_VIEW (self));
}

static CgCatalogModel *
catalog (CgCatalogView *self)
{
  return session_of (self) != NULL ? cg_session_get_catalog (session_of (self)) : NULL;
}

/* The application's settings, through the window the view is in. */
static GSettings *
settings_of (CgCatalogView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                             : NULL;

  return CG_IS_APPLICATION (app) ? cg_application_get_settings (CG_APPLICATION (app)) : NULL;
}

static void
on_setup_label_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

static void
on_bind_label_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkStringObject *string = gtk_list_item_get_item (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      string != NULL ? gtk_string_object_get_string (string) : "");
}

/* The button shows the chosen item in a stack of every choice: a homogeneous stack is as
 * wide as its widest child, whichever child shows, and its ellipsizing labels still let it
 * shrink in a narrow window. */
static void
on_setup_stack_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   GListModel               *choices)
{
  GtkWidget *stack = gtk_stack_new ();

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (choices, i);
      GtkWidget *label = gtk_label_new (gtk_string_object_get_string (string));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_stack_add_child (GTK_STACK (stack), label);
    }
  gtk_list_item_set_child (list_item, stack);
}

static void
on_bind_stack_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  GListModel               *choices)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  gpointer chosen = gtk_list_item_get_item (list_item);

  for (guint i = 0; label != NULL && i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GObject) choice = g_list_model_get_item (choices, i);

      if (choice == chosen)
        {
          gtk_stack_set_visible_child (GTK_STACK (gtk_list_item_get_child (list_item)), label);
          return;
        }
      label = gtk_widget_get_next_sibling (label);
    }
}

/* Gives dropdown (of a GtkStringList) one width, that of its widest choice, so that
 * choosing another never moves the rest of the toolbar. Called again when its choices
 * change. */
static void
keep_width (GtkDropDown *dropdown)
{
  GListModel *choices = gtk_drop_down_get_model (dropdown);
  g_autoptr(GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (button, "setup", G_CALLBACK (on_setup_stack_cb), choices, 0);
  g_signal_connect_object (button, "bind", G_CALLBACK (on_bind_stack_cb), choices, 0);
  gtk_drop_down_set_factory (dropdown, button);
  g_signal_connect (list, "setup", G_CALLBACK (on_setup_label_cb), NULL);
  g_signal_connect (list, "bind", G_CALLBACK (on_bind_label_cb), NULL);
  gtk_drop_down_set_list_factory (dropdown, list);
}

static void
update_counter (CgCatalogView *self)
{
  g_autofree char *text = NULL;
  CgRatingsStore *ratings;
  guint threshold;

  if (session_of (self) == NULL)
    {
      gtk_label_set_text (self->counter_label, "");
      return;
    }
  ratings = cg_session_get_ratings (session_of (self));
  threshold = cg_session_get_liked_threshold (session_of (self));
  text = g_strdup_printf (_("%u rated · %u liked (≥ %u)"),
                          cg_ratings_store_get_n_rated (ratings),
                          cg_ratings_store_count_at_least (ratings, threshold), threshold);
  gtk_label_set_text (self->counter_label, text);
}

/* What hides every movie, so that a person sees which filter to undo. */
static char *
describe_filters (CgCatalogView *self)
{
  CgMovieFilter *filter = cg_catalog_model_get_filter (catalog (self));
  const char *search = cg_movie_filter_get_search (filter);
  int genre = cg_movie_filter_get_genre (filter);
  const char *const *genres = cg_catalog_model_get_genre_names (catalog (self));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (search != NULL && *search != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("Search: “%s”"), search));
  if (genre >= 0 && genres != NULL && (guint) genre < g_strv_length ((char **) genres))
    g_ptr_array_add (parts, g_strdup_printf (_("Genre: %s"), genres[genre]));
  if (cg_movie_filter_get_rated (filter) == CG_MOVIE_RATED_BY_ME)
    g_ptr_array_add (parts, g_strdup (_("Rated by me")));
  else if (cg_movie_filter_get_rated (filter) == CG_MOVIE_RATED_NOT_YET)
    g_ptr_array_add (parts, g_strdup (_("Not rated yet")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
update_empty (CgCatalogView *self)
{
  CgCatalogModel *model = catalog (self);
  gboolean empty;

  if (model == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->empty_page), FALSE);
      return;
    }
  empty = g_list_model_get_n_items (cg_catalog_model_get_model (model)) == 0
          && g_list_model_get_n_items (cg_catalog_model_get_all (model)) > 0;
  if (cg_movie_filter_get_rated (cg_catalog_model_get_filter (model)) == CG_MOVIE_RATED_BY_ME
      && cg_ratings_store_get_n_rated (cg_session_get_ratings (session_of (self))) == 0)
    adw_status_page_set_description (self->empty_page,
                                     _("You have not rated any movie yet: click the stars on "
                                     "a card."));
  else
    {
      g_autofree char *filters = describe_filters (self);

      adw_status_page_set_description (self->empty_page, filters);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), empty);
}

static void
fill_genres (CgCatalogView *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  CgCatalogModel *model = catalog (self);

  gtk_string_list_append (list, _("All Genres"));
  if (model != NULL)
    {
      const char * const *names = cg_catalog_model_get_genre_names (model);

      for (guint i = 0; names[i] != NULL; i++)
        {
          /* u.genre has "unknown" in lower case among capitalised names. */
          g_autofree char *shown = g_strdup (names[i]);

          shown[0] = g_ascii_toupper (shown[0]);
          gtk_string_list_append (list, shown);
        }
    }
  gtk_drop_down_set_model (self->genre_dropdown, G_LIST_MODEL (list));
  keep_width (self->genre_dropdown);
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

/* GTK 4.8's grid keeps a card for each place in max-columns × 30 rows around what it shows,
 * and makes them anew whenever the list changes (each letter of a search, a genre, an
 * order): with the twelve columns a wide screen may hold, 360 cards a keystroke. Holding
 * max-columns at what the width can fit (plus one, for a page of narrower cards) changes
 * nothing the grid shows and builds a third as many cards in a usual window. */
static gboolean
fit_max_columns_idle (gpointer user_data)
{
  CgCatalogView *self = user_data;
  GtkWidget *grid = GTK_WIDGET (self->grid_view);
  int width = gtk_widget_get_width (grid);
  int widest = 0;

  self->fit_columns_idle = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child))
      {
        int natural;

        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
        widest = MAX (widest, natural);
      }
  if (width > 0 && widest > 0)
    {
      guint columns = CLAMP ((guint) (width / widest) + 1, 1, self->most_columns);

      if (columns != gtk_grid_view_get_max_columns (self->grid_view))
        gtk_grid_view_set_max_columns (self->grid_view, columns);
    }
  return G_SOURCE_REMOVE;
}

static void
on_grid_width_changed_cb (CgCatalogView *self)
{
  if (self->fit_columns_idle == 0)
    self->fit_columns_idle = g_idle_add (fit_max_columns_idle, self);
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

static void
rate (GtkWidget   *widget,
      CgMovieItem *item,
      guint        rating)
{
  gtk_widget_activate_action (widget, "win.rate-movie", "(uu)",
                              (guint32) cg_movie_item_get_movie_id (item), rating);
}

/* ---- callbacks ---- */

static void
on_card_rate_cb (CgMovieCard *card,
                 guint        rating,
                 gpointer     user_data)
{
  CgMovieItem *item = cg_movie_card_get_item (card);

  if (item != NULL)
    rate (GTK_WIDGET (card), item, rating);
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
  rate (GTK_WIDGET (card), item, rating);
  return TRUE;
}

static void
on_search_changed_cb (CgCatalogView  *self,
                      GtkSearchEntry *entry)
{
  if (catalog (self) != NULL)
    cg_movie_filter_set_search (cg_catalog_model_get_filter (catalog (self)),
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

  if (catalog (self) != NULL)
    cg_movie_filter_set_genre (cg_catalog_model_get_filter (catalog (self)),
                               selected == GTK_INVALID_LIST_POSITION || selected == 0
                               ? -1 : (int) selected - 1);
  scroll_to_top (self);
}

/* The order can change from outside (the remembered one, restored after the page was
 * set up): the dropdown shows it. */
static void
on_sorter_order_cb (CgCatalogView *self)
{
  gtk_drop_down_set_selected (self->sort_dropdown,
                              cg_movie_sorter_get_order (cg_catalog_model_get_sorter (catalog (self))));
}

static void
on_sort_selected_cb (CgCatalogView *self,
                     GParamSpec    *pspec,
                     GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (catalog (self) != NULL && selected <= CG_MOVIE_SORT_AVERAGE)
    cg_movie_sorter_set_order (cg_catalog_model_get_sorter (catalog (self)), selected);
  scroll_to_top (self);
}

static void
on_clear_filters_clicked_cb (CgCatalogView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->genre_dropdown, 0);
  gtk_drop_down_set_selected (self->rated_dropdown, CG_MOVIE_RATED_ANY);
}

static void
on_rated_selected_cb (CgCatalogView *self,
                      GParamSpec    *pspec,
                      GtkDropDown   *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (catalog (self) != NULL && selected <= CG_MOVIE_RATED_NOT_YET)
    cg_movie_filter_set_rated (cg_catalog_model_get_filter (catalog (self)), selected);
  update_empty (self);
  scroll_to_top (self);
}

/* The remembered filter is restored through the setting: the dropdown shows it. */
static void
on_filter_rated_cb (CgCatalogView *self)
{
  gtk_drop_down_set_selected (self->rated_dropdown,
                              cg_movie_filter_get_rated (cg_catalog_model_get_filter (catalog (self))));
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
on_liked_threshold_cb (CgCatalogView *self)
{
  update_counter (self);
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

/* ---- following the session ---- */

static void
cg_catalog_view_session_changed (CgSessionView *view,
                                 CgSession     *old)
{
  CgCatalogView *self = CG_CATALOG_VIEW (view);
  CgSession *session = session_of (self);

  if (old != NULL)
    {
      CgCatalogModel *old_catalog = cg_session_get_catalog (old);

      g_signal_handlers_disconnect_by_data (cg_session_get_ratings (old), self);
      g_signal_handlers_disconnect_by_data (cg_catalog_model_get_model (old_catalog), self);
      g_signal_handlers_disconnect_by_data (old_catalog, self);
      g_signal_handlers_disconnect_by_data (cg_catalog_model_get_sorter (old_catalog), self);
      g_signal_handlers_disconnect_by_data (cg_catalog_model_get_filter (old_catalog), self);
      g_signal_handlers_disconnect_by_data (old, self);
      g_settings_unbind (cg_catalog_model_get_filter (old_catalog), "rated");
    }

  if (session != NULL)
    {
      CgCatalogModel *model = cg_session_get_catalog (session);
      CgMovieFilter *filter = cg_catalog_model_get_filter (model);
      CgMovieSorter *sorter = cg_catalog_model_get_sorter (model);
      g_autoptr(GtkNoSelection) selection = NULL;

      g_signal_connect_object (cg_session_get_ratings (session), "changed",
                               G_CALLBACK (on_ratings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (cg_catalog_model_get_model (model), "items-changed",
                               G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::genre-names",
                               G_CALLBACK (on_genre_names_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::liked-threshold",
                               G_CALLBACK (on_liked_threshold_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sorter, "notify::order", G_CALLBACK (on_sorter_order_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (filter, "notify::rated", G_CALLBACK (on_filter_rated_cb), self,
                               G_CONNECT_SWAPPED);
      if (settings_of (self) != NULL)
        g_settings_bind (settings_of (self), "catalogue-rated", filter, "rated",
                         G_SETTINGS_BIND_DEFAULT);
      selection = gtk_no_selection_new (g_object_ref (cg_catalog_model_get_model (model)));
      gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));

      /* The toolbar shows what the model filters by, not the other way round. */
      fill_genres (self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry),
                             cg_movie_filter_get_search (filter) != NULL
                             ? cg_movie_filter_get_search (filter) : "");
      gtk_drop_down_set_selected (self->genre_dropdown,
                                  (guint) (cg_movie_filter_get_genre (filter) + 1));
      gtk_drop_down_set_selected (self->rated_dropdown, cg_movie_filter_get_rated (filter));
      gtk_drop_down_set_selected (self->sort_dropdown, cg_movie_sorter_get_order (sorter));
    }
  else
    gtk_grid_view_set_model (self->grid_view, NULL);

  cg_catalog_hint_set_ratings (self->hint, session != NULL ? cg_session_get_ratings (session)
                                                           : NULL);
  cg_catalog_hint_set_settings (self->hint, settings_of (self));
  update_counter (self);
  update_empty (self);
}

/* ---- GObject ---- */

static void
cg_catalog_view_dispose (GObject *object)
{
  CgCatalogView *self = CG_CATALOG_VIEW (object);
  GtkWidget *child;

  cg_session_view_set_session (CG_SESSION_VIEW (self), NULL);
  g_clear_handle_id (&self->fit_columns_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_CATALOG_VIEW);
  /* dispose_template drops the bound children only; the separator and the overlay are
   * ours too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cg_catalog_view_parent_class)->dispose (object);
}

static void
cg_catalog_view_class_init (CgCatalogViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_catalog_view_dispose;
  CG_SESSION_VIEW_CLASS (klass)->session_changed = cg_catalog_view_session_changed;

  g_type_ensure (CG_TYPE_MOVIE_CARD);
  g_type_ensure (CG_TYPE_CATALOG_HINT);
  g_type_ensure (CG_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/cg-catalog-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, genre_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, rated_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, counter_label);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, hint);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, grid_view);
  gtk_widget_class_bind_template_child (widget_class, CgCatalogView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_genre_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rated_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_card_rate_cb);

  gtk_widget_class_set_css_name (widget_class, "catalogview");
}

static void
cg_catalog_view_init (CgCatalogView *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->most_columns = gtk_grid_view_get_max_columns (self->grid_view);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_grid_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), keys);
  /* Its page size is the grid's width. */
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->grid_view)),
                           "changed", G_CALLBACK (on_grid_width_changed_cb), self,
                           G_CONNECT_SWAPPED);

  keep_width (self->sort_dropdown);
  keep_width (self->rated_dropdown);
  fill_genres (self);
  update_counter (self);
}

/* ---- public API ---- */

GtkWidget *
cg_catalog_view_new (void)
{
  return g_object_new (CG_TYPE_CATALOG_VIEW, NULL);
}

void
cg_catalog_view_focus_search (CgCatalogView *self)
{
  g_return_if_fail (CG_IS_CATALOG_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
