/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-recommendation-row.c: one line of a recommendation list.
 *
 * Properties exist so the column view's cells can bind to them; every one but
 * your-rating is construct-only, which is what lets the list be shared without copies.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-recommendation-row.h"

struct _CgRecommendationRow
{
  GObject  parent_instance;

  guint    rank;
  guint32  movie_id;
  char    *title;
  guint    year;
  char    *genres;
  double   score;
  gboolean hit;
  guint    your_rating;
};

G_DEFINE_FINAL_TYPE (CgRecommendationRow, cg_recommendation_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RANK,
  PROP_MOVIE_ID,
  PROP_TITLE,
  PROP_YEAR,
  PROP_GENRES,
  PROP_SCORE,
  PROP_HIT,
  PROP_YOUR_RATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cg_recommendation_row_finalize (GObject *object)
{
  CgRecommendationRow *self = CG_RECOMMENDATION_ROW (object);

  g_free (self->title);
  g_free (self->genres);

  G_OBJECT_CLASS (cg_recommendation_row_parent_class)->finalize (object);
}

static void
cg_recommendation_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CgRecommendationRow *self = CG_RECOMMENDATION_ROW (object);

  switch (prop_id)
    {
    case PROP_RANK:
      g_value_set_uint (value, self->rank);
      break;
    case PROP_MOVIE_ID:
      g_value_set_uint (value, self->movie_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_YEAR:
      g_value_set_uint (value, self->year);
      break;
    case PROP_GENRES:
      g_value_set_string (value, self->genres);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_HIT:
      g_value_set_boolean (value, self->hit);
      break;
    case PROP_YOUR_RATING:
      g_value_set_uint (value, self->your_rating);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_recommendation_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CgRecommendationRow *self = CG_RECOMMENDATION_ROW (object);

  switch (prop_id)
    {
    case PROP_RANK:
      self->rank = g_value_get_uint (value);
      break;
    case PROP_MOVIE_ID:
      self->movie_id = g_value_get_uint (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_YEAR:
      self->year = g_value_get_uint (value);
      break;
    case PROP_GENRES:
      self->genres = g_value_dup_string (value);
      break;
    case PROP_SCORE:
      self->score = g_value_get_double (value);
      break;
    case PROP_HIT:
      self->hit = g_value_get_boolean (value);
      break;
    case PROP_YOUR_RATING:
      cg_recommendation_row_set_your_rating (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_recommendation_row_class_init (CgRecommendationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                                | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cg_recommendation_row_finalize;
  object_class->get_property = cg_recommendation_row_get_property;
  object_class->set_property = cg_recommendation_row_set_property;

  properties[PROP_RANK] =
    g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0, construct);
  properties[PROP_MOVIE_ID] =
    g_param_spec_uint ("movie-id", NULL, NULL, 0, G_MAXUINT32, 0, construct);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, construct);
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 0, G_MAXUINT, 0, construct);
  properties[PROP_GENRES] =
    g_param_spec_string ("genres", NULL, NULL, NULL, construct);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, construct);
  properties[PROP_HIT] =
    g_param_spec_boolean ("hit", NULL, NULL, FALSE, construct);
  properties[PROP_YOUR_RATING] =
    g_param_spec_uint ("your-rating", NULL, NULL, 0, 5, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_recommendation_row_init (CgRecommendationRow *self)
{
}

CgRecommendationRow *
cg_recommendation_row_new (guint       rank,
                           guint32     movie_id,
                           const char *title,
                           guint       year,
                           const char *genres,
                           double      score,
                           gboolean    hit)
{
  return g_object_new (CG_TYPE_RECOMMENDATION_ROW,
                       "rank", rank,
                       "movie-id", movie_id,
                       "title", title,
                       "year", year,
                       "genres", genres,
                       "score", score,
                       "hit", hit,
                       NULL);
}

guint
cg_recommendation_row_get_rank (CgRecommendationRow *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ROW (self), 0);

  return self->rank;
}

guint32
cg_recommendation_row_get_movie_id (CgRecommendationRow *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ROW (self), 0);

  return self->movie_id;
}

const char *
cg_recommendation_row_get_title (CgRecommendationRow *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ROW (self), NULL);

  return self->title;
}

guint
cg_recommendation_row_get_year (CgRecommendationRow *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ROW (self), 0);

  return self->year;
}

const char *
cg_recommendation_row_get_genres (CgRecommendationRow *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ROW (self), NULL);

  return self->genres;
}

double
cg_recommendation_row_get_score (CgRecommendationRow *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ROW (self), 0.0);

  return self->score;
}

gboolean
cg_recommendation_row_get_hit (CgRecommendationRow *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ROW (self), FALSE);

  return self->hit;
}

guint
cg_recommendation_row_get_your_rating (CgRecommendationRow *self)
{
  g_return_val_if_fail (CG_IS_RECOMMENDATION_ROW (self), 0);

  return self->your_rating;
}

void
cg_recommendation_row_set_your_rating (CgRecommendationRow *self,
                                       guint                rating)
{
  g_return_if_fail (CG_IS_RECOMMENDATION_ROW (self));
  g_return_if_fail (rating <= 5);

  if (self->your_rating == rating)
    return;
  self->your_rating = rating;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YOUR_RATING]);
}
