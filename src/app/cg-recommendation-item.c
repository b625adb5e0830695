/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendation-item.c: one line of a recommendation list.
 *
 * Every property is construct-only (the list is replaced, never edited, when it changes)
 * but "rated", which follows the movie's rating against the one it had when the line was
 * made, and "because", which the list sets once its explanations are ready.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-recommendation-item.h"

struct _CgRecommendationItem
{
  GObject      parent_instance;

  CgMovieItem *movie;
  guint        rank;
  double       score;
  gboolean     hit;
  guint        listed_rating;   /* your rating of the movie when the line was made */
  gboolean     rated;
  char        *because;
  GArray      *reasons;         /* guint32 movie IDs */
};

G_DEFINE_FINAL_TYPE (CgRecommendationItem, cg_recommendation_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MOVIE,
  PROP_RANK,
  PROP_SCORE,
  PROP_HIT,
  PROP_RATED,
  PROP_BECAUSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_your_rating_changed_cb (CgRecommendationItem *self)
{
  gboolean rated = cg_movie_item_get_your_rating (self->movie) != self->listed_rating;

  if (self->rated == rated)
    return;
  self->rated = rated;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATED]);
}

static void
cg_recommendation_item_constructed (GObject *object)
{
  CgRecommendationItem *self = CG_RECOMMENDATION_ITEM (object);

  G_OBJECT_CLASS (cg_recommendation_item_parent_class)->constructed (object);

  self->listed_rating = cg_movie_item_get_your_rating (self->movie);
  g_signal_connect_object (self->movie, "notify::your-rating",
                           G_CALLBACK (on_your_rating_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cg_recommendation_item_finalize (GObject *object)
{
  CgRecommendationItem *self = CG_RECOMMENDATION_ITEM (object);

  g_clear_object (&self->movie);
  g_free (self->because);
  g_array_unref (self->reasons);

  G_OBJECT_CLASS (cg_recommendation_item_parent_class)->finalize (object);
}

static void
cg_recommendation_item_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CgRecommendationItem *self = CG_RECOMMENDATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_MOVIE:
      g_value_set_object (value, self->movie);
      break;
    case PROP_RANK:
      g_value_set_uint (value, self->rank);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_HIT:
      g_value_set_boolean (value, self->hit);
      break;
    case PROP_RATED:
      g_value_set_boolean (value, self->rated);
      break;
    case PROP_BECAUSE:
      g_value_set_string (value, self->because);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_recommendation_item_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CgRecommendationItem *self = CG_RECOMMENDATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_MOVIE:
      self->movie = g_value_dup_object (value);
      break;
    case PROP_RANK:
      self->rank = g_value_get_uint (value);
      break;
    case PROP_SCORE:
      self->score = g_value_get_double (value);
      break;
    case PROP_HIT:
      self->hit = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_recommendation_item_class_init (CgRecommendationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = cg_recommendation_item_constructed;
  object_class->finalize = cg_recommendation_item_finalize;
  object_class->get_property = cg_recommendation_item_get_property;
  object_class->set_property = cg_recommendation_item_set_property;

  properties[PROP_MOVIE] =
    g_param_spec_object ("movie", NULL, NULL, CG_TYPE_MOVIE_ITEM, flags);
  properties[PROP_RANK] =
    g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_HIT] =
    g_param_spec_boolean ("hit", NULL, NULL, FALSE, flags);
  properties[PROP_RATED] =
    g_param_spec_boolean ("rated", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BECAUSE] =
    g_param_spec_string ("because", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_recommendation_item_init (CgRecommendationItem *self)
{
  self->reasons = g_array_new (FALSE, FALSE, sizeof (guint32));
}

CgRecommendationItem *
cg_recommendation_item_new (CgMovieItem *movie,
                            guint        rank,
                            double       score,
                            gboolean     hit)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (movie), NULL);

  return g_object_new (CG_TYPE_RECOMMENDATION_ITEM,
                       "movie", movie,
                       "rank", rank,
                       "score", score,
                       "hit", hit,
                       NULL);
}

CgMovieItem *
cg_recommendation_item_get_movie (CgRecommendationItem *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ITEM (self), NULL);

  return self->movie;
}

guint
cg_recommendation_item_get_rank (CgRecommendationItem *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ITEM (self), 0);

  return self->rank;
}

double
cg_recommendation_item_get_score (CgRecommendationItem *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ITEM (self), 0.0);

  return self->score;
}

gboolean
cg_recommendation_item_get_hit (CgRecommendationItem *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ITEM (self), FALSE);

  return self->hit;
}

gboolean
cg_recommendation_item_get_rated (CgRecommendationItem *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ITEM (self), FALSE);

  return self->rated;
}

const char *
cg_recommendation_item_get_because (CgRecommendationItem *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ITEM (self), NULL);

  return self->because;
}

const guint32 *
cg_recommendation_item_get_reasons (CgRecommendationItem *self,
                                    guint                *n_reasons)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ITEM (self), NULL);
  g_return_val_if_fail (n_reasons != NULL, NULL);

  *n_reasons = self->reasons->len;
  return (const guint32 *) self->reasons->data;
}

void
cg_recommendation_item_set_because (CgRecommendationItem *self,
                                    const char           *because,
                                    const guint32        *reasons,
                                    guint                 n_reasons)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_ITEM (self));
  g_return_if_fail (reasons != NULL || n_reasons == 0);

  g_array_set_size (self->reasons, 0);
  g_array_append_vals (self->reasons, reasons, n_reasons);
  if (g_strcmp0 (self->because, because) == 0)
    return;
  g_free (self->because);
  self->because = g_strdup (because);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BECAUSE]);
}
