/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-movie-filter.c: which movies of the catalogue are shown.
 *
 * Folding: case-fold first (so "ß" becomes "ss" and "İ" its lower form), then NFKD to split
 * accented letters into base + combining mark, then drop the marks. Titles are folded once,
 * in CgMovieItem; queries once per change. Matching is then a plain substring search.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <string.h>

#include "cg-movie-filter.h"
#include "cg-movie-item.h"

struct _CgMovieFilter
{
  GtkFilter  parent_instance;

  char      *search;       /* as given */
  char      *folded;       /* cg_movie_filter_fold (search), "" when none */
  int        genre;        /* -1: all */
  CgMovieRated rated;
};

G_DEFINE_ENUM_TYPE (CgMovieRated, cg_movie_rated,
                    G_DEFINE_ENUM_VALUE (CG_MOVIE_RATED_ANY, "all"),
                    G_DEFINE_ENUM_VALUE (CG_MOVIE_RATED_BY_ME, "rated"),
                    G_DEFINE_ENUM_VALUE (CG_MOVIE_RATED_NOT_YET, "not-rated"))

G_DEFINE_FINAL_TYPE (CgMovieFilter, cg_movie_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_GENRE,
  PROP_RATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
cg_movie_filter_match (GtkFilter *filter,
                       gpointer   object)
{
  CgMovieFilter *self = CG_MOVIE_FILTER (filter);
  CgMovieItem *item = object;

  if (self->rated != CG_MOVIE_RATED_ANY
      && (cg_movie_item_get_your_rating (item) != 0) != (self->rated == CG_MOVIE_RATED_BY_ME))
    return FALSE;
  if (self->genre >= 0 && (cg_movie_item_get_genre_mask (item) & (1u << self->genre)) == 0)
    return FALSE;
  if (self->folded[0] != '\0' && strstr (cg_movie_item_get_search_key (item), self->folded) == NULL)
    return FALSE;
  return TRUE;
}

static GtkFilterMatch
cg_movie_filter_get_strictness (GtkFilter *filter)
{
  CgMovieFilter *self = CG_MOVIE_FILTER (filter);

  if (self->rated == CG_MOVIE_RATED_ANY && self->genre < 0 && self->folded[0] == '\0')
    return GTK_FILTER_MATCH_ALL;
  return GTK_FILTER_MATCH_SOME;
}

static void
cg_movie_filter_finalize (GObject *object)
{
  CgMovieFilter *self = CG_MOVIE_FILTER (object);

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->folded, g_free);

  G_OBJECT_CLASS (cg_movie_filter_parent_class)->finalize (object);
}

static void
cg_movie_filter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CgMovieFilter *self = CG_MOVIE_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_GENRE:
      g_value_set_int (value, self->genre);
      break;

    case PROP_RATED:
      g_value_set_enum (value, self->rated);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_movie_filter_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CgMovieFilter *self = CG_MOVIE_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      cg_movie_filter_set_search (self, g_value_get_string (value));
      break;

    case PROP_GENRE:
      cg_movie_filter_set_genre (self, g_value_get_int (value));
      break;

    case PROP_RATED:
      cg_movie_filter_set_rated (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_movie_filter_class_init (CgMovieFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = cg_movie_filter_finalize;
  object_class->get_property = cg_movie_filter_get_property;
  object_class->set_property = cg_movie_filter_set_property;

  filter_class->match = cg_movie_filter_match;
  filter_class->get_strictness = cg_movie_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_GENRE] =
    g_param_spec_int ("genre", NULL, NULL,
                      -1, 31, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RATED] =
    g_param_spec_enum ("rated", NULL, NULL,
                       CG_TYPE_MOVIE_RATED, CG_MOVIE_RATED_ANY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_movie_filter_init (CgMovieFilter *self)
{
  self->folded = g_strdup ("");
  self->genre = -1;
}

char *
cg_movie_filter_fold (const char *text)
{
  g_autofree char *casefolded = NULL;
  g_autofree char *decomposed = NULL;
  GString *out;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  casefolded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

CgMovieFilter *
cg_movie_filter_new (void)
{
  return g_object_new (CG_TYPE_MOVIE_FILTER, NULL);
}

void
cg_movie_filter_set_search (CgMovieFilter *self,
                            const char    *search)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (CG_IS_MOVIE_FILTER (self));

  folded = cg_movie_filter_fold (search);
  if (g_strcmp0 (search, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  if (strcmp (folded, self->folded) == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
      return;
    }

  /* Typing more letters can only hide movies; deleting some can only show more. */
  if (strstr (folded, self->folded) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->folded, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->folded);
  self->folded = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
cg_movie_filter_get_search (CgMovieFilter *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_FILTER (self), NULL);

  return self->search;
}

void
cg_movie_filter_set_genre (CgMovieFilter *self,
                           int            genre)
{
  GtkFilterChange change;

  g_return_if_fail (CG_IS_MOVIE_FILTER (self));
  g_return_if_fail (genre >= -1 && genre < 32);

  if (self->genre == genre)
    return;
  if (self->genre < 0)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (genre < 0)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  self->genre = genre;
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENRE]);
}

int
cg_movie_filter_get_genre (CgMovieFilter *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_FILTER (self), -1);

  return self->genre;
}

void
cg_movie_filter_set_rated (CgMovieFilter *self,
                           CgMovieRated   rated)
{
  GtkFilterChange change;

  g_return_if_fail (CG_IS_MOVIE_FILTER (self));
  g_return_if_fail (rated <= CG_MOVIE_RATED_NOT_YET);

  if (self->rated == rated)
    return;
  /* From every movie to some is stricter, back is looser; rated ↔ not rated swaps them. */
  if (self->rated == CG_MOVIE_RATED_ANY)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (rated == CG_MOVIE_RATED_ANY)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  self->rated = rated;
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATED]);
}

CgMovieRated
cg_movie_filter_get_rated (CgMovieFilter *self)
{
  g_return_val_if_fail (CG_IS_MOVIE_FILTER (self), CG_MOVIE_RATED_ANY);

  return self->rated;
}

void
cg_movie_filter_ratings_changed (CgMovieFilter *self)
{
  g_return_if_fail (CG_IS_MOVIE_FILTER (self));

  if (self->rated != CG_MOVIE_RATED_ANY)
    gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}
