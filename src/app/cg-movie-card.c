/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-card.c: one movie in the catalogue grid, with your rating as five stars.
 *
 * Cards are recycled by the GtkGridView: set_item may be called many times on one card, so
 * the handler on the item's your-rating is moved along with the item.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-movie-card.h"

#define N_STARS 5

struct _CgMovieCard
{
  GtkWidget    parent_instance;

  /* template widgets */
  GtkWidget   *box;
  GtkLabel    *title_label;
  GtkLabel    *details_label;
  GtkLabel    *stats_label;
  GtkWidget   *stars_box;
  GtkButton   *star1;
  GtkButton   *star2;
  GtkButton   *star3;
  GtkButton   *star4;
  GtkButton   *star5;
  GtkButton   *clear_button;

  /* borrowed: the template's star buttons, in order */
  GtkButton   *stars[N_STARS];

  /* owned */
  CgMovieItem *item;
  gulong       notify_handler;
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
update_stars (CgMovieCard *self)
{
  guint rating = self->item != NULL ? cg_movie_item_get_your_rating (self->item) : 0;

  for (guint i = 0; i < N_STARS; i++)
    {
      GtkWidget *star = GTK_WIDGET (self->stars[i]);
      gboolean filled = i < rating;

      gtk_button_set_icon_name (self->stars[i],
                                filled ? "starred-symbolic" : "non-starred-symbolic");
      if (filled)
        gtk_widget_add_css_class (star, "filled");
      else
        gtk_widget_remove_css_class (star, "filled");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), rating > 0);
  if (rating > 0)
    gtk_widget_add_css_class (self->box, "rated");
  else
    gtk_widget_remove_css_class (self->box, "rated");
}

static void
update_labels (CgMovieCard *self)
{
  g_autofree char *details = NULL;
  g_autofree char *stats = NULL;
  g_autofree char *tooltip = NULL;
  const char *genres;
  guint year, n;

  if (self->item == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->details_label, "");
      gtk_label_set_text (self->stats_label, "");
      return;
    }

  genres = cg_movie_item_get_genres (self->item);
  year = cg_movie_item_get_year (self->item);
  n = cg_movie_item_get_n_ratings (self->item);

  if (year > 0)
    details = g_strdup_printf ("%u · %s", year, genres);
  else
    details = g_strdup_printf ("Year unknown · %s", genres);

  if (n == 0)
    stats = g_strdup ("No ratings in the dataset");
  else
    stats = g_strdup_printf (g_dngettext (NULL, "Average %.1f · %u rating",
                                          "Average %.1f · %u ratings", n),
                             cg_movie_item_get_average_rating (self->item), n);

  gtk_label_set_text (self->title_label, cg_movie_item_get_display_title (self->item));
  gtk_label_set_text (self->details_label, details);
  gtk_label_set_text (self->stats_label, stats);

  /* The title and genres may be cut off on a narrow card: the tooltip has them whole. */
  tooltip = g_strdup_printf ("%s\n%s", cg_movie_item_get_title (self->item), genres);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->details_label), tooltip);
}

static void
on_item_notify_rating_cb (CgMovieCard *self,
                          GParamSpec  *pspec,
                          CgMovieItem *item)
{
  update_stars (self);
}

static void
on_star_clicked_cb (GtkButton   *button,
                    CgMovieCard *self)
{
  for (guint i = 0; i < N_STARS; i++)
    if (self->stars[i] == button)
      {
        cg_movie_card_activate_star (self, i + 1);
        return;
      }
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
                                               "/io/github/cinegan/Cinegan/ui/cg-movie-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, box);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, details_label);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, stats_label);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, stars_box);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, star1);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, star2);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, star3);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, star4);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, star5);
  gtk_widget_class_bind_template_child (widget_class, CgMovieCard, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_star_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "moviecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cg_movie_card_init (CgMovieCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->stars[0] = self->star1;
  self->stars[1] = self->star2;
  self->stars[2] = self->star3;
  self->stars[3] = self->star4;
  self->stars[4] = self->star5;
  update_labels (self);
  update_stars (self);
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

  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->notify_handler, self->item);
      g_clear_object (&self->item);
    }
  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->notify_handler =
        g_signal_connect_object (item, "notify::your-rating",
                                 G_CALLBACK (on_item_notify_rating_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  /* Dispose runs this too, after the template children may be gone. */
  if (self->title_label != NULL)
    {
      update_labels (self);
      update_stars (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

void
cg_movie_card_activate_star (CgMovieCard *self,
                             guint        n)
{
  g_return_if_fail (CG_IS_MOVIE_CARD (self));
  g_return_if_fail (n >= 1 && n <= N_STARS);

  if (self->item == NULL)
    return;
  /* Clicking the star you already gave takes the rating back. */
  g_signal_emit (self, signals[RATE], 0,
                 cg_movie_item_get_your_rating (self->item) == n ? 0u : n);
}
