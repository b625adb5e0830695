/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-model.c: the view-model behind the catalogue grid.
 *
 * The chain is store → sort → filter: a search letter, a genre or a rated filter (what a
 * person changes most, one keystroke at a time) only re-runs the filter, a string search
 * per movie, never the sort, which on ML-25M's 62,000 movies costs tenths of a second.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-catalog-model.h"
#include "cg-item-array.h"

struct _CgCatalogModel
{
  GObject             parent_instance;

  /* owned */
  CgRatingsStore     *ratings;
  CgItemArray        *store;
  CgMovieFilter      *filter;
  CgMovieSorter      *sorter;
  GtkSortListModel   *sorted;
  GtkFilterListModel *filtered;
  GHashTable         *by_id;        /* movie ID → CgMovieItem (borrowed from store) */
  GStrv               genre_names;
};

G_DEFINE_FINAL_TYPE (CgCatalogModel, cg_catalog_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GENRE_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_ratings_changed_cb (CgCatalogModel *self,
                       guint           movie_id,
                       guint           rating,
                       CgRatingsStore *ratings)
{
  if (movie_id == 0)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->by_id);
      while (g_hash_table_iter_next (&iter, &key, &value))
        cg_movie_item_set_your_rating (value,
                                       cg_ratings_store_get_rating (ratings,
                                                                    GPOINTER_TO_UINT (key)));
    }
  else
    {
      CgMovieItem *item = g_hash_table_lookup (self->by_id, GUINT_TO_POINTER (movie_id));

      if (item != NULL)
        cg_movie_item_set_your_rating (item, rating);
    }
  cg_movie_filter_ratings_changed (self->filter);
}

static void
cg_catalog_model_dispose (GObject *object)
{
  CgCatalogModel *self = CG_CATALOG_MODEL (object);

  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->ratings);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->genre_names, g_strfreev);

  G_OBJECT_CLASS (cg_catalog_model_parent_class)->dispose (object);
}

static void
cg_catalog_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CgCatalogModel *self = CG_CATALOG_MODEL (object);

  switch (prop_id)
    {
    case PROP_GENRE_NAMES:
      g_value_set_boxed (value, self->genre_names);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_catalog_model_class_init (CgCatalogModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_catalog_model_dispose;
  object_class->get_property = cg_catalog_model_get_property;

  /* Changes with each dataset: the genre filter's choices follow it. */
  properties[PROP_GENRE_NAMES] =
    g_param_spec_boxed ("genre-names", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_catalog_model_init (CgCatalogModel *self)
{
  self->store = cg_item_array_new (CG_TYPE_MOVIE_ITEM);
  self->filter = cg_movie_filter_new ();
  self->sorter = cg_movie_sorter_new (CG_MOVIE_SORT_TITLE);
  /* Both list models take a reference of what they are given: pass our own. */
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                          g_object_ref (GTK_SORTER (self->sorter)));
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->by_id = g_hash_table_new (NULL, NULL);
  self->genre_names = g_new0 (char *, 1);
}

CgCatalogModel *
cg_catalog_model_new (CgRatingsStore *ratings)
{
  CgCatalogModel *self;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (ratings), NULL);

  self = g_object_new (CG_TYPE_CATALOG_MODEL, NULL);
  self->ratings = g_object_ref (ratings);
  g_signal_connect_object (ratings, "changed", G_CALLBACK (on_ratings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
cg_catalog_model_set_dataset (CgCatalogModel  *self,
                              const CgDataset *dataset)
{
  const CgCatalog *catalog;
  g_autofree double *sums = NULL;
  g_autofree guint *counts = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_if_fail (CG_IS_CATALOG_MODEL (self));

  g_hash_table_remove_all (self->by_id);
  g_clear_pointer (&self->genre_names, g_strfreev);

  if (dataset == NULL)
    {
      self->genre_names = g_new0 (char *, 1);
      cg_item_array_set_all (self->store, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENRE_NAMES]);
      return;
    }

  catalog = dataset->catalog;
  self->genre_names = g_strdupv (catalog->genre_names);

  /* Statistics over train ∪ test: what the dataset says about each movie, independent of
   * how it was split. Indexed by catalogue position. */
  sums = g_new0 (double, MAX (catalog->n_movies, 1));
  counts = g_new0 (guint, MAX (catalog->n_movies, 1));
  for (guint part = 0; part < 2; part++)
    {
      const CgRating *ratings = part == 0 ? dataset->train : dataset->test;
      gsize n = part == 0 ? dataset->n_train : dataset->n_test;

      for (gsize r = 0; r < n; r++)
        {
          gint32 pos = cg_catalog_position (catalog, ratings[r].movie_id);

          if (pos < 0)
            continue;
          sums[pos] += ratings[r].rating;
          counts[pos]++;
        }
    }

  items = g_ptr_array_new_full (catalog->n_movies, g_object_unref);
  for (guint m = 0; m < catalog->n_movies; m++)
    {
      const CgMovie *movie = &catalog->movies[m];
      CgMovieItem *item;

      item = cg_movie_item_new_for_movie (catalog, movie,
                                          counts[m] > 0 ? sums[m] / counts[m] : 0.0, counts[m]);
      cg_movie_item_set_your_rating (item,
                                     cg_ratings_store_get_rating (self->ratings,
                                                                  movie->movie_id));
      g_hash_table_insert (self->by_id, GUINT_TO_POINTER (movie->movie_id), item);
      g_ptr_array_add (items, item);
    }

  /* One splice: one items-changed for the whole catalogue. */
  cg_item_array_set_all (self->store, items);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENRE_NAMES]);
}

GListModel *
cg_catalog_model_get_model (CgCatalogModel *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_MODEL (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

GListModel *
cg_catalog_model_get_all (CgCatalogModel *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_MODEL (self), NULL);

  return G_LIST_MODEL (self->store);
}

CgMovieFilter *
cg_catalog_model_get_filter (CgCatalogModel *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_MODEL (self), NULL);

  return self->filter;
}

CgMovieSorter *
cg_catalog_model_get_sorter (CgCatalogModel *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_MODEL (self), NULL);

  return self->sorter;
}

CgRatingsStore *
cg_catalog_model_get_ratings_store (CgCatalogModel *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_MODEL (self), NULL);

  return self->ratings;
}

const char * const *
cg_catalog_model_get_genre_names (CgCatalogModel *self)
{
  g_return_val_if_fail (CG_IS_CATALOG_MODEL (self), NULL);

  return (const char * const *) self->genre_names;
}

CgMovieItem *
cg_catalog_model_lookup (CgCatalogModel *self,
                         guint32         movie_id)
{
  g_return_val_if_fail (CG_IS_CATALOG_MODEL (self), NULL);

  return g_hash_table_lookup (self->by_id, GUINT_TO_POINTER (movie_id));
}
