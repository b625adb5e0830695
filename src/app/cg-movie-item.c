/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-item.c: one movie of the catalogue, as the list widgets see it.
 *
 * Everything but your-rating is set once at construction; your-rating notifies so the
 * card showing the movie redraws its stars and the filter by your rating can re-run.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <string.h>

#include "cg-movie-filter.h"
#include "cg-movie-item.h"
#include "cg-movie-title.h"

struct _CgMovieItem
{
  GObject  parent_instance;

  guint32  movie_id;
  guint    year;
  guint32  genre_mask;
  double   average_rating;
  guint    n_ratings;
  guint    your_rating;
  gboolean shares_title;

  /* owned */
  char    *title;
  char    *display_title;
  char    *genres;
  char    *search_key;
  char    *sort_key;
};

G_DEFINE_FINAL_TYPE (CgMovieItem, cg_movie_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MOVIE_ID,
  PROP_TITLE,
  PROP_DISPLAY_TITLE,
  PROP_YEAR,
  PROP_GENRE_MASK,
  PROP_GENRES,
  PROP_AVERAGE_RATING,
  PROP_N_RATINGS,
  PROP_YOUR_RATING,
  PROP_SHARES_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cg_movie_item_finalize (GObject *object)
{
  CgMovieItem *self = CG_MOVIE_ITEM (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->display_title, g_free);
  g_clear_pointer (&self->genres, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (cg_movie_item_parent_class)->finalize (object);
}

static void
cg_movie_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CgMovieItem *self = CG_MOVIE_ITEM (object);

  switch (prop_id)
    {
    case PROP_MOVIE_ID:
      g_value_set_uint (value, self->movie_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DISPLAY_TITLE:
      g_value_set_string (value, self->display_title);
      break;

    case PROP_YEAR:
      g_value_set_uint (value, self->year);
      break;

    case PROP_GENRE_MASK:
      g_value_set_uint (value, self->genre_mask);
      break;

    case PROP_GENRES:
      g_value_set_string (value, self->genres);
      break;

    case PROP_AVERAGE_RATING:
      g_value_set_double (value, self->average_rating);
      break;

    case PROP_N_RATINGS:
      g_value_set_uint (value, self->n_ratings);
      break;

    case PROP_YOUR_RATING:
      g_value_set_uint (value, self->your_rating);
      break;

    case PROP_SHARES_TITLE:
      g_value_set_boolean (value, self->shares_title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_movie_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CgMovieItem *self = CG_MOVIE_ITEM (object);

  switch (prop_id)
    {
    case PROP_MOVIE_ID:
      self->movie_id = g_value_get_uint (value);
      break;

    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;

    case PROP_YEAR:
      self->year = g_value_get_uint (value);
      break;

    case PROP_GENRE_MASK:
      self->genre_mask = g_value_get_uint (value);
      break;

    case PROP_GENRES:
      self->genres = g_value_dup_string (value);
      break;

    case PROP_AVERAGE_RATING:
      self->average_rating = g_value_get_double (value);
      break;

    case PROP_N_RATINGS:
      self->n_ratings = g_value_get_uint (value);
      break;

    case PROP_YOUR_RATING:
      cg_movie_item_set_your_rating (self, g_value_get_uint (value));
      break;

    case PROP_SHARES_TITLE:
      self->shares_title = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Digit runs are padded to at least this many digits in sort keys. */
#define SORT_KEY_DIGITS 10

/* The folded title with every run of digits left-padded with zeros, so that a byte
 * comparison puts numbers in numeric order: "2 Days…" before "12 Angry Men" before
 * "101 Dalmatians" (plain folded text sorted "101…" first). A longer run starts with a
 * non-zero digit, so it still sorts after every padded one. */
static char *
natural_key (const char *title)
{
  g_autofree char *folded = cg_movie_filter_fold (title);
  GString *key = g_string_sized_new (strlen (folded) + SORT_KEY_DIGITS);

  for (const char *c = folded; *c != '\0';)
    {
      gsize run = strspn (c, "0123456789");

      if (run == 0)
        {
          g_string_append_c (key, *c++);
          continue;
        }
      for (gsize pad = run; pad < SORT_KEY_DIGITS; pad++)
        g_string_append_c (key, '0');
      g_string_append_len (key, c, (gssize) run);
      c += run;
    }
  return g_string_free (key, FALSE);
}

static void
cg_movie_item_constructed (GObject *object)
{
  CgMovieItem *self = CG_MOVIE_ITEM (object);

  G_OBJECT_CLASS (cg_movie_item_parent_class)->constructed (object);

  if (self->title == NULL)
    self->title = g_strdup ("");
  if (self->genres == NULL)
    self->genres = g_strdup ("");
  /* The card shows the year on its own line. */
  self->display_title = cg_movie_title_without_year (self->title);
  self->search_key = cg_movie_filter_fold (self->title);
  /* Not g_utf8_collate_key: in the C locale (no LANG, as under a bare Xvfb) it puts every
   * accented title after all the plain ones. Folded text sorts "Amélie" among the A's
   * whatever the locale. */
  self->sort_key = natural_key (self->display_title);
}

static void
cg_movie_item_class_init (CgMovieItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_movie_item_finalize;
  object_class->get_property = cg_movie_item_get_property;
  object_class->set_property = cg_movie_item_set_property;
  object_class->constructed = cg_movie_item_constructed;

  properties[PROP_MOVIE_ID] =
    g_param_spec_uint ("movie-id", NULL, NULL,
                       0, G_MAXUINT32, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DISPLAY_TITLE] =
    g_param_spec_string ("display-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_GENRE_MASK] =
    g_param_spec_uint ("genre-mask", NULL, NULL,
                       0, G_MAXUINT32, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_GENRES] =
    g_param_spec_string ("genres", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AVERAGE_RATING] =
    g_param_spec_double ("average-rating", NULL, NULL,
                         0.0, 5.0, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_RATINGS] =
    g_param_spec_uint ("n-ratings", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_YOUR_RATING] =
    g_param_spec_uint ("your-rating", NULL, NULL,
                       0, 5, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Another movie of the catalogue has the same title and year: only the ID tells them
   * apart. */
  properties[PROP_SHARES_TITLE] =
    g_param_spec_boolean ("shares-title", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_movie_item_init (CgMovieItem *self)
{
}

CgMovieItem *
cg_movie_item_new (guint32     movie_id,
                   const char *title,
                   guint       year,
                   guint32     genre_mask,
                   const char *genres,
                   double      average_rating,
                   guint       n_ratings)
{
  return g_object_new (CG_TYPE_MOVIE_ITEM,
                       "movie-id", (guint) movie_id,
                       "title", title,
                       "year", year,
                       "genre-mask", (guint) genre_mask,
                       "genres", genres,
                       "average-rating", CLAMP (average_rating, 0.0, 5.0),
                       "n-ratings", n_ratings,
                       NULL);
}

CgMovieItem *
cg_movie_item_new_for_movie (const CgCatalog *catalog,
                             const CgMovie   *movie,
                             double           average_rating,
                             guint            n_ratings)
{
  g_autofree char *genres = NULL;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (movie != NULL, NULL);

  genres = cg_catalog_format_genres (catalog, movie->genres);
  return g_object_new (CG_TYPE_MOVIE_ITEM,
                       "movie-id", (guint) movie->movie_id,
                       "title", movie->title,
                       "year", (guint) movie->year,
                       "genre-mask", (guint) movie->genres,
                       "genres", genres,
                       "average-rating", CLAMP (average_rating, 0.0, 5.0),
                       "n-ratings", n_ratings,
                       "shares-title", movie->shared_title,
                       NULL);
}

guint32
cg_movie_item_get_movie_id (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), 0);

  return self->movie_id;
}

const char *
cg_movie_item_get_title (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), NULL);

  return self->title;
}

const char *
cg_movie_item_get_display_title (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), NULL);

  return self->display_title;
}

guint
cg_movie_item_get_year (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), 0);

  return self->year;
}

guint32
cg_movie_item_get_genre_mask (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), 0);

  return self->genre_mask;
}

const char *
cg_movie_item_get_genres (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), NULL);

  return self->genres;
}

double
cg_movie_item_get_average_rating (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), 0.0);

  return self->average_rating;
}

guint
cg_movie_item_get_n_ratings (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), 0);

  return self->n_ratings;
}

guint
cg_movie_item_get_your_rating (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), 0);

  return self->your_rating;
}

void
cg_movie_item_set_your_rating (CgMovieItem *self,
                               guint        rating)
{
  g_return_if_fail (CG_IS_MOVIE_ITEM (self));
  g_return_if_fail (rating <= 5);

  if (self->your_rating == rating)
    return;
  self->your_rating = rating;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YOUR_RATING]);
}

gboolean
cg_movie_item_get_shares_title (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), FALSE);

  return self->shares_title;
}

const char *
cg_movie_item_get_search_key (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), NULL);

  return self->search_key;
}

const char *
cg_movie_item_get_sort_key (CgMovieItem *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_ITEM (self), NULL);

  return self->sort_key;
}
