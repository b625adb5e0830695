/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dataset.c: loading a split, ID maps, implicit-feedback sets, derived datasets.
 */
#include "cg-dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg-error.h"
#include "cg-rng.h"
#include "cg-split.h"

/* ---- building ---- */

void
cg_dataset_free (CgDataset *dataset)
{
  if (dataset == NULL)
    return;
  g_free (dataset->split);
  g_free (dataset->format);
  g_strfreev (dataset->split_params);
  cg_catalog_free (dataset->catalog);
  cg_id_map_unref (dataset->users);
  cg_id_map_unref (dataset->items);
  g_free (dataset->train);
  g_free (dataset->test);
  cg_user_items_free (dataset->train_pos);
  cg_user_items_free (dataset->train_rated);
  cg_user_items_free (dataset->test_pos);
  g_free (dataset);
}

/* The CSR sets and the evaluated-user count, from the ratings and the ID maps. */
static void
build_sets (CgDataset *ds)
{
  gsize n_max = MAX (ds->n_train, ds->n_test);
  g_autofree guint32 *users = g_new (guint32, MAX (n_max, 1));
  g_autofree guint32 *items = g_new (guint32, MAX (n_max, 1));
  gsize n_pos = 0;

  for (gsize r = 0; r < ds->n_train; r++)
    {
      users[r] = (guint32) cg_dataset_user_index (ds, ds->train[r].user_id);
      items[r] = (guint32) cg_dataset_item_index (ds, ds->train[r].movie_id);
    }
  ds->train_rated = cg_user_items_new_from_pairs (ds->n_users, ds->n_items, users, items,
                                                  ds->n_train);
  for (gsize r = 0; r < ds->n_train; r++)
    if (ds->train[r].rating >= ds->threshold)
      {
        users[n_pos] = users[r];
        items[n_pos] = items[r];
        n_pos++;
      }
  ds->train_pos = cg_user_items_new_from_pairs (ds->n_users, ds->n_items, users, items, n_pos);

  n_pos = 0;
  for (gsize r = 0; r < ds->n_test; r++)
    if (ds->test[r].rating >= ds->threshold)
      {
        users[n_pos] = (guint32) cg_dataset_user_index (ds, ds->test[r].user_id);
        items[n_pos] = (guint32) cg_dataset_item_index (ds, ds->test[r].movie_id);
        n_pos++;
      }
  ds->test_pos = cg_user_items_new_from_pairs (ds->n_users, ds->n_items, users, items, n_pos);

  ds->n_eval_users = 0;
  for (guint u = 0; u < ds->n_users; u++)
    ds->n_eval_users += cg_dataset_is_eval_user (ds, u);
}

/* Takes over one reference to each map; user_ids and movie_ids point into them. */
static void
set_id_maps (CgDataset *ds,
             CgIdMap   *users,
             CgIdMap   *items)
{
  ds->users = users;
  ds->items = items;
  ds->n_users = users->n;
  ds->n_items = items->n;
  ds->user_ids = users->ids;
  ds->movie_ids = items->ids;
  ds->max_user_id = cg_id_map_max (users);
}

/* Takes catalog, train and test (also on error); their ratings are valid for the
 * catalogue already. */
static CgDataset *
dataset_build (CgCatalog  *catalog,
               const char *split,
               double      threshold,
               CgRating   *train,
               gsize       n_train,
               CgRating   *test,
               gsize       n_test,
               GError    **error)
{
  g_autoptr(CgDataset) ds = g_new0 (CgDataset, 1);
  CgIdSet user_set, item_set;

  ds->catalog = catalog;
  ds->split = g_strdup (split);
  ds->threshold = threshold;
  ds->train = train;
  ds->n_train = n_train;
  ds->test = test;
  ds->n_test = n_test;

  cg_id_set_init (&user_set);
  cg_id_set_init (&item_set);
  for (gsize r = 0; r < n_train; r++)
    {
      cg_id_set_add (&user_set, train[r].user_id);
      cg_id_set_add (&item_set, train[r].movie_id);
    }
  for (gsize r = 0; r < n_test; r++)
    {
      cg_id_set_add (&user_set, test[r].user_id);
      cg_id_set_add (&item_set, test[r].movie_id);
    }
  set_id_maps (ds, cg_id_set_finish (&user_set), cg_id_set_finish (&item_set));

  build_sets (ds);

  /* A pair in both halves would be excluded as "rated" and still count as a test positive
   * nobody can hit: the split is inconsistent, not merely unusual. */
  for (gsize r = 0; r < n_test; r++)
    {
      gint32 u = cg_dataset_user_index (ds, test[r].user_id);
      gint32 i = cg_dataset_item_index (ds, test[r].movie_id);

      if (cg_user_items_contains (ds->train_rated, (guint) u, (guint32) i))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_MISMATCH,
                       "Split “%s”: user %u rated movie %u in both the training and the test "
                       "part", split, test[r].user_id, test[r].movie_id);
          return NULL;
        }
    }

  return g_steal_pointer (&ds);
}

/* Ratings given by a caller rather than read from a file, which checked them already. */
static gboolean
ratings_valid (const CgCatalog *catalog,
               const char      *part,
               const CgRating  *ratings,
               gsize            n,
               GError         **error)
{
  for (gsize r = 0; r < n; r++)
    if (ratings[r].user_id == 0 || ratings[r].user_id > CG_ID_MAX
        || cg_catalog_position (catalog, ratings[r].movie_id) < 0
        || !cg_format_rating_valid (catalog->format, ratings[r].rating))
      {
        g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                     "Invalid %s rating: user %u, movie %u, rating %g", part,
                     ratings[r].user_id, ratings[r].movie_id, ratings[r].rating);
        return FALSE;
      }
  return TRUE;
}

CgDataset *
cg_dataset_new (CgCatalog      *catalog,
                const char     *split,
                double          threshold,
                const CgRating *train,
                gsize           n_train,
                const CgRating *test,
                gsize           n_test,
                GError        **error)
{
  g_autoptr(CgCatalog) owned = catalog;

  g_return_val_if_fail (catalog != NULL && split != NULL, NULL);

  if (!cg_format_check_threshold (catalog->format, threshold, error)
      || !ratings_valid (catalog, "train", train, n_train, error)
      || !ratings_valid (catalog, "test", test, n_test, error))
    return NULL;

  return dataset_build (g_steal_pointer (&owned), split, threshold,
                        g_memdup2 (train, sizeof (CgRating) * MAX (n_train, 1)), n_train,
                        g_memdup2 (test, sizeof (CgRating) * MAX (n_test, 1)), n_test, error);
}

/* ---- loading ---- */

static char **split_params (const CgSplit *split);

/* Takes catalog and all (valid ratings of its movies): divides them by split (not one of
 * ML-100K's split files) and builds the dataset. */
static CgDataset *
divide_and_build (CgCatalog     *catalog,
                  const CgSplit *split,
                  double         threshold,
                  CgRating      *all,
                  gsize          n_all,
                  GError       **error)
{
  CgRating *train, *test;
  gsize n_train, n_test;
  CgDataset *ds;

  cg_split_apply (split, all, n_all, &train, &n_train, &test, &n_test);
  ds = dataset_build (catalog, split->name, threshold, train, n_train, test, n_test, error);
  if (ds != NULL)
    {
      ds->format = g_strdup (cg_format_id (ds->catalog->format));
      ds->split_params = split_params (split);
    }
  return ds;
}

/* How a random or temporal split was made, as model files record it beside its name. */
static char **
split_params (const CgSplit *split)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  char **params;

  if (split->kind != CG_SPLIT_RANDOM && split->kind != CG_SPLIT_TEMPORAL)
    return NULL;
  params = g_new0 (char *, 3);
  g_ascii_dtostr (number, sizeof number, split->fraction);
  if (split->kind == CG_SPLIT_RANDOM)
    {
      params[0] = g_strconcat ("test-fraction=", number, NULL);
      params[1] = g_strdup_printf ("seed=%" G_GUINT64_FORMAT, split->seed);
    }
  else if (split->last_n > 0)
    params[0] = g_strdup_printf ("last-n=%u", split->last_n);
  else
    params[0] = g_strconcat ("last-fraction=", number, NULL);
  return params;
}

static CgRating *
read_ratings (const char      *dir,
              const char      *name,
              const CgCatalog *catalog,
              gsize           *n_out,
              GError         **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return cg_ratings_read (catalog->format, path, catalog, n_out, error);
}

CgDataset *
cg_dataset_load (const char *dir,
                 const char *split_name,
                 double      threshold,
                 GError    **error)
{
  g_autoptr(CgCatalog) catalog = NULL;
  g_autofree CgRating *train = NULL;
  g_autofree CgRating *test = NULL;
  gsize n_train = 0, n_test = 0;
  g_auto(CgSplit) split = { 0 };
  CgDataset *ds;

  g_return_val_if_fail (dir != NULL, NULL);

  /* A bad name is reported before anything is read. */
  if (split_name != NULL && !cg_split_parse (split_name, &split, error))
    return NULL;
  catalog = cg_catalog_load (dir, error);
  if (catalog == NULL || !cg_format_check_threshold (catalog->format, threshold, error))
    return NULL;
  if (split_name == NULL && !cg_split_parse (cg_format_default_split (catalog->format), &split,
                                             error))
    return NULL;

  if (split.kind == CG_SPLIT_FILES && catalog->format != CG_FORMAT_ML_100K)
    g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                 "Split “%s” names split files, which only MovieLens 100K has; for %s use "
                 "random or temporal", split.name, cg_format_name (catalog->format));
  else if (split.kind == CG_SPLIT_FILES)
    {
      g_autofree char *base = g_strconcat (split.name, ".base", NULL);
      g_autofree char *test_name = g_strconcat (split.name, ".test", NULL);

      train = read_ratings (dir, base, catalog, &n_train, error);
      if (train != NULL)
        test = read_ratings (dir, test_name, catalog, &n_test, error);
      if (test == NULL)
        g_clear_pointer (&train, g_free);
    }
  else
    {
      gsize n_all = 0;
      CgRating *all = read_ratings (dir, cg_format_ratings_file (catalog->format), catalog,
                                    &n_all, error);

      return all == NULL ? NULL : divide_and_build (g_steal_pointer (&catalog), &split,
                                                    threshold, all, n_all, error);
    }

  if (train == NULL)
    return NULL;
  ds = dataset_build (g_steal_pointer (&catalog), split.name, threshold,
                      g_steal_pointer (&train), n_train, g_steal_pointer (&test), n_test, error);
  if (ds != NULL)
    ds->format = g_strdup (cg_format_id (ds->catalog->format));
  return ds;
}

CgDataset *
cg_dataset_new_split (CgCatalog  *catalog,
                      const char *split_name,
                      double      threshold,
                      CgRating   *all,
                      gsize       n_all,
                      GError    **error)
{
  g_autoptr(CgCatalog) owned = catalog;
  g_autofree CgRating *owned_all = all;
  g_auto(CgSplit) split = { 0 };

  g_return_val_if_fail (catalog != NULL && (all != NULL || n_all == 0), NULL);

  if (!cg_split_parse (split_name != NULL ? split_name : "random", &split, error)
      || !cg_format_check_threshold (catalog->format, threshold, error)
      || !ratings_valid (catalog, "dataset", all, n_all, error))
    return NULL;
  if (split.kind == CG_SPLIT_FILES)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "Split “%s” names split files; ratings in memory take all, random or "
                   "temporal", split.name);
      return NULL;
    }
  return divide_and_build (g_steal_pointer (&owned), &split, threshold,
                           g_steal_pointer (&owned_all), n_all, error);
}

CgDataset *
cg_dataset_load_random (const char *dir,
                        double      test_fraction,
                        guint64     seed,
                        double      threshold,
                        GError    **error)
{
  char fraction[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *name = NULL;

  if (!(test_fraction > 0.0 && test_fraction < 1.0))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "Test fraction %g must lie strictly between 0 and 1", test_fraction);
      return NULL;
    }
  g_ascii_formatd (fraction, sizeof fraction, "%.6g", test_fraction);
  name = g_strdup_printf ("random:%s:%" G_GUINT64_FORMAT, fraction, seed);
  return cg_dataset_load (dir, name, threshold, error);
}

/* ---- derived datasets ---- */

CgDataset *
cg_dataset_with_extra_user (const CgDataset *dataset,
                            const CgRating  *extra,
                            gsize            n_extra,
                            GError         **error)
{
  g_autofree CgRating *train = NULL;
  g_autoptr(GHashTable) seen = NULL;
  CgDataset *result;

  g_return_val_if_fail (dataset != NULL && (extra != NULL || n_extra == 0), NULL);

  train = g_new (CgRating, dataset->n_train + n_extra + 1);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  memcpy (train, dataset->train, sizeof (CgRating) * dataset->n_train);
  for (gsize r = 0; r < n_extra; r++)
    {
      guint32 user = extra[r].user_id;
      guint32 movie = extra[r].movie_id;
      gint32 u = cg_dataset_user_index (dataset, user);
      gint32 i = cg_dataset_item_index (dataset, movie);

      if (i < 0)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                       "Movie %u is not part of split “%s”, so it cannot be trained on",
                       movie, dataset->split);
          return NULL;
        }
      if (!cg_format_rating_valid (dataset->catalog->format, extra[r].rating))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       "Rating %g of movie %u is not on the scale of %s", extra[r].rating,
                       movie, cg_format_name (dataset->catalog->format));
          return NULL;
        }
      if ((u >= 0 && (cg_user_items_contains (dataset->train_rated, (guint) u, (guint32) i)
                      || cg_user_items_contains (dataset->test_pos, (guint) u, (guint32) i)))
          || !g_hash_table_add (seen, g_memdup2 (&(gint64) { ((gint64) user << 32) | movie },
                                                 sizeof (gint64))))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       "User %u rated movie %u more than once", user, movie);
          return NULL;
        }
      train[dataset->n_train + r] = extra[r];
    }

  result = cg_dataset_new (cg_catalog_ref (dataset->catalog), dataset->split,
                           dataset->threshold, train, dataset->n_train + n_extra,
                           dataset->test, dataset->n_test, error);
  if (result != NULL)
    {
      result->format = g_strdup (dataset->format);
      result->split_params = g_strdupv (dataset->split_params);
    }
  return result;
}

/* The parent's parameters and the carve-out's own. */
static char **
carved_split_params (char *const *parent,
                     double       fraction,
                     guint64      seed)
{
  GPtrArray *params = g_ptr_array_new ();
  char fraction_text[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; parent != NULL && parent[i] != NULL; i++)
    g_ptr_array_add (params, g_strdup (parent[i]));
  g_ascii_dtostr (fraction_text, sizeof fraction_text, fraction);
  g_ptr_array_add (params, g_strconcat ("validation-fraction=", fraction_text, NULL));
  g_ptr_array_add (params, g_strdup_printf ("validation-seed=%" G_GUINT64_FORMAT, seed));
  g_ptr_array_add (params, NULL);
  return (char **) g_ptr_array_free (params, FALSE);
}

CgDataset *
cg_dataset_carve_validation (const CgDataset *dataset,
                             double           fraction,
                             guint64          seed)
{
  CgDataset *ds;
  g_autofree guint8 *held = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree gsize *rating_of = NULL;
  g_autofree gint64 *row_start = NULL;
  g_autofree gsize *by_user = NULL;
  CgRng rng;
  gsize n_train = 0, n_test = 0;

  g_return_val_if_fail (dataset != NULL && fraction >= 0.0 && fraction < 1.0, NULL);

  ds = g_new0 (CgDataset, 1);
  held = g_new0 (guint8, MAX (dataset->n_train, 1));
  order = g_new (guint32, dataset->n_items + 1);
  rating_of = g_new (gsize, dataset->n_items + 1);
  row_start = g_new (gint64, dataset->n_users + 1);
  by_user = g_new (gsize, MAX (dataset->n_train, 1));

  /* Same ID maps as the parent, so a model trained on the carve-out scores the parent's
   * users and items at the same indices. */
  ds->split = g_strconcat (dataset->split, "-validation", NULL);
  ds->format = g_strdup (dataset->format);
  ds->split_params = carved_split_params (dataset->split_params, fraction, seed);
  ds->threshold = dataset->threshold;
  ds->catalog = cg_catalog_ref (dataset->catalog);
  set_id_maps (ds, cg_id_map_ref (dataset->users), cg_id_map_ref (dataset->items));

  /* Group train rating positions by user (counting sort), so each user's positives are
   * visited in file order whatever the users' interleaving. */
  memset (row_start, 0, sizeof (gint64) * (dataset->n_users + 1));
  for (gsize r = 0; r < dataset->n_train; r++)
    row_start[cg_dataset_user_index (dataset, dataset->train[r].user_id) + 1]++;
  for (guint u = 0; u < dataset->n_users; u++)
    row_start[u + 1] += row_start[u];
  {
    g_autofree gint64 *fill = g_memdup2 (row_start, sizeof (gint64) * (dataset->n_users + 1));

    for (gsize r = 0; r < dataset->n_train; r++)
      by_user[fill[cg_dataset_user_index (dataset, dataset->train[r].user_id)]++] = r;
  }

  cg_rng_seed (&rng, seed);
  for (guint u = 0; u < dataset->n_users; u++)
    {
      guint n_pos = 0, n_held;

      for (gint64 k = row_start[u]; k < row_start[u + 1]; k++)
        if (dataset->train[by_user[k]].rating >= dataset->threshold)
          {
            rating_of[n_pos] = by_user[k];
            order[n_pos] = n_pos;
            n_pos++;
          }
      if (n_pos < 2)
        continue;
      n_held = MIN ((guint) (fraction * n_pos + 0.5), n_pos - 1);
      cg_rng_shuffle_u32 (&rng, order, n_pos);
      for (guint h = 0; h < n_held; h++)
        held[rating_of[order[h]]] = 1;
    }

  ds->train = g_new (CgRating, MAX (dataset->n_train, 1));
  ds->test = g_new (CgRating, MAX (dataset->n_train, 1));
  for (gsize r = 0; r < dataset->n_train; r++)
    {
      if (held[r])
        ds->test[n_test++] = dataset->train[r];
      else
        ds->train[n_train++] = dataset->train[r];
    }
  ds->n_train = n_train;
  ds->n_test = n_test;

  build_sets (ds);
  return ds;
}

/* ---- queries ---- */

const CgMovie *
cg_dataset_movie (const CgDataset *ds,
                  guint            item)
{
  g_return_val_if_fail (item < ds->n_items, NULL);

  return cg_catalog_lookup (ds->catalog, ds->movie_ids[item]);
}

gboolean
cg_dataset_is_eval_user (const CgDataset *ds,
                         guint            user)
{
  return cg_user_items_count (ds->train_pos, user) > 0
         && cg_user_items_count (ds->test_pos, user) > 0;
}

guint
cg_dataset_whole_star_threshold (const CgDataset *ds)
{
  g_return_val_if_fail (ds != NULL, CG_DEFAULT_THRESHOLD);

  return (guint) ceil (ds->threshold);
}

guint32 *
cg_dataset_item_popularity (const CgDataset *ds)
{
  guint32 *counts = g_new0 (guint32, MAX (ds->n_items, 1));
  gsize total = cg_user_items_total (ds->train_pos);

  for (gsize k = 0; k < total; k++)
    counts[ds->train_pos->items[k]]++;
  return counts;
}
