/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-card.c: one movie in the catalogue grid, with your rating as five stars.
 *
 * Cards are recycled by the GtkGridView: set_item may be called many times on one card, so
 * the binding of the item's your-rating to the stars moves along with the item.
 *
 * A card is narrow: the title, the year and the genres may be cut off. The tooltip and the
 * accessible description have them whole, with the movie ID; a movie whose title and year
 * another movie shares shows its ID on the card itself, the one thing that tells them apart.
 *
 * The tooltip is given when it is asked for (query-tooltip), not set at each bind: setting
 * a widget's tooltip text makes GTK look for the pointer at once, a round trip to an X
 * server, and a search re-binds every card in view.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-movie-card.h"
#include "cg-star-rating.h"

struct _CgMovieCard
{
  GtkWidget    parent_instance;

  /* template widgets */
  GtkWidget   *box;
  GtkLabel    *title_label;
  GtkLabel    *details_label;
  GtkLabel    *stats_label;
  GtkWidget   *stars_box;
  CgStarRating *stars;
  GtkButton   *clear_button;

  /* owned */
  char        *description;      /* describe (item), or NULL */
  CgMovieItem *item;
  GBinding    *rating_binding;   /* item's your-rating → the stars */
};

G_DEFINE_FINAL_TYPE (CgMovieCard, cg_movie_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_rated (CgMovieCard *self)
{
  gboolean rated = cg_star_rating_get_rating (self->stars) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), rated);
  if (rated)
    gtk_widget_add_css_class (self->box, "rated");
  else
    gtk_widget_remove_css_class (self->box, "rated");
}

/* Everything the card knows of its movie, whole: "Body Snatchers (1993)", the year, every
 * genre, the ID, and whether another movie has the same title. */
static char *
describe (CgMovieItem *item)
{
  GString *text = g_string_new (cg_movie_item_get_title (item));
  const char *genres = cg_movie_item_get_genres (item);
  guint year = cg_movie_item_get_year (item);

  g_string_append_c (text, '\n');
  if (year > 0)
    g_string_append_printf (text, _("Released in %u"), year);
  else
    g_string_append (text, _("Year unknown"));
  g_string_append_c (text, '\n');
  g_string_append (text, *genres != '\0' ? genres : _("No genre"));
  g_string_append_c (text, '\n');
  if (cg_movie_item_get_shares_title (item))
    g_string_append_printf (text, _("Movie #%u — another movie has the same title and year"),
                            cg_movie_item_get_movie_id (item));
  else
    g_string_append_printf (text, _("Movie #%u"), cg_movie_item_get_movie_id (item));
  return g_string_free (text, FALSE);
}

static void
update_labels (CgMovieCard *self)
{
  g_autofree char *year_text = NULL;
  g_autofree char *details = NULL;
  g_autofree char *stats = NULL;
  const char *genres;
  guint year, n;

  if (self->item == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->details_label, "");
      gtk_label_set_text (self->stats_label, "");
      g_clear_pointer (&self->description, g_free);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  genres = cg_movie_item_get_genres (self->item);
  year = cg_movie_item_get_year (self->item);
  n = cg_movie_item_get_n_ratings (self->item);

  year_text = year > 0 ? g_strdup_printf ("%u", year) : g_strdup (_("Year unknown"));
  /* The ID comes before the genres, which are what an ellipsis may cut. */
  if (cg_movie_item_get_shares_title (self->item))
    details = g_strdup_printf ("%s · #%u · %s", year_text, cg_movie_item_get_movie_id (self->item),
                               genres);
  else
    details = g_strdup_printf ("%s · %s", year_text, genres);

  if (n == 0)
    stats = g_strdup (_("No ratings in the dataset"));
  else
    stats = g_strdup_printf (ngettext ("Average %.1f · %u rating", "Average %.1f · %u ratings",
                                       n),
                             cg_movie_item_get_average_rating (self->item), n);

  gtk_label_set_text (self->title_label, cg_movie_item_get_display_title (self->item));
  gtk_label_set_text (self->details_label, details);
  gtk_label_set_text (self->stats_label, stats);

  g_free (self->description);
  self->description = describe (self->item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cg_movie_item_get_display_title (self->item),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* On the card's text, not its stars, which say what a click there does. */
static gboolean
on_text_query_tooltip_cb (GtkWidget   *label,
                          int          x,
                          int          y,
                          gboolean     keyboard_mode,
                          GtkTooltip  *tooltip,
                          CgMovieCard *self)
{
  if (self->description == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->description);
  return TRUE;
}

static void
on_stars_rate_cb (CgStarRating *stars,
                  guint         rating,
                  CgMovieCard  *self)
{
  if (self->item != NULL)
    g_signal_emit (self, signals[RATE], 0, rating);
}

static gboolean
on_clear_query_tooltip_cb (GtkWidget   *button,
                           int          x,
                           int          y,
                           gboolean     keyboard_mode,
                           GtkTooltip  *tooltip,
                           CgMovieCard *self)
{
  gtk_tooltip_set_text (tooltip, _("Clear your rating"));
  return TRUE;
}

static void
on_stars_rating_notify_cb (CgMovieCard *self)
{
  update_rated (self);
}

static void
on_clear_clicked_cb (CgMovieCard *self,
                     GtkButton   *button)
{
  if (self->item != NULL)
    g_signal_emit (self, signals[RATE], 0, 0u);
}

static void
cg_movie_card_dispose (GObject *object)
{
  CgMovieCard *self = CG_MOVIE_CARD (object);

  cg_movie_card_set_item (self, NULL);
  g_clear_pointer (&self->description, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_MOVIE_CARD);

  G_OBJECT_CLASS (cg_movie_card_parent_class)->dispose (object);
}

static void
cg_movie_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CgMovieCard *self = CG_MOVIE_CARD (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_movie_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CgMovieCard *self = CG_MOVIE_CARD (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      cg_movie_card_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_movie_card_class_init (CgMovieCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_movie_card_dispose;
  object_class->get_property = cg_movie_card_get_property;
  object_class->set_property = cg_movie_card_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         CG_TYPE_MOVIE_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CgMovieCard::rate:
   * @rating: what your rating should become, 1–5, or 0 to clear it
   */
  signals[RATE] =
    g_signal_new ("rate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/cg-movie-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, box);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, details_label);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, stats_label);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, stars_box);
  gtk_widget_class_bind_template_callback (widget_class, on_text_query_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_query_tooltip_cb);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, stars);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_stars_rate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "moviecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  g_type_ensure (CG_TYPE_STAR_RATING);
}

static void
cg_movie_card_init (CgMovieCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->stars, "notify::rating",
                           G_CALLBACK (on_stars_rating_notify_cb), self, G_CONNECT_SWAPPED);
  update_labels (self);
  update_rated (self);
}

GtkWidget *
cg_movie_card_new (void)
{
  return g_object_new (CG_TYPE_MOVIE_CARD, NULL);
}

CgMovieItem *
cg_movie_card_get_item (CgMovieCard *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_CARD (self), NULL);

  return self->item;
}

void
cg_movie_card_set_item (CgMovieCard *self,
                        CgMovieItem *item)
{
  g_return_if_fail (CG_IS_MOVIE_CARD (self));
  g_return_if_fail (item == NULL || CG_IS_MOVIE_ITEM (item));

  if (self->item == item)
    return;

  g_clear_pointer (&self->rating_binding, g_binding_unbind);
  g_set_object (&self->item, item);

  /* Dispose runs this too, after the template children may be gone. */
  if (self->title_label != NULL)
    {
      if (item != NULL)
        self->rating_binding = g_object_bind_property (item, "your-rating", self->stars,
                                                       "rating", G_BINDING_SYNC_CREATE);
      else
        cg_star_rating_set_rating (self->stars, 0);
      update_labels (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

CgStarRating *
cg_movie_card_get_stars (CgMovieCard *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_CARD (self), NULL);

  return self->stars;
}

const char *
cg_movie_card_get_tooltip_text (CgMovieCard *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_CARD (self), NULL);

  return self->description;
}
