/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-dataset.c: loading a split, ID maps, implicit-feedback sets, derived datasets.
 */
#include "cg-dataset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg-error.h"
#include "cg-file.h"
#include "cg-lines.h"
#include "cg-rng.h"
#include "cg-sort.h"

/* ---- ratings files ---- */

/* A repeated (user, movie) pair is reported at the earliest line that repeats one. */
static gboolean
check_duplicates (const CgRating *ratings,
                  const guint32  *lines,
                  gsize           n,
                  const char     *file,
                  GError        **error)
{
  g_autofree guint64 *keys = g_new (guint64, MAX (n, 1));
  guint64 key;
  guint32 line, first_line;

  for (gsize i = 0; i < n; i++)
    keys[i] = (guint64) ratings[i].user_id << 32 | ratings[i].movie_id;
  if (!cg_keys_have_repeat (keys, n))
    return TRUE;

  for (gsize i = 0; i < n; i++)
    keys[i] = (guint64) ratings[i].user_id << 32 | ratings[i].movie_id;
  cg_keys_first_repeat (keys, lines, n, &key, &line, &first_line);
  g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
               "%s:%u: duplicate rating: user %u already rated movie %u on line %u",
               file, line, (guint32) (key >> 32), (guint32) key, first_line);
  return FALSE;
}

CgRating *
cg_ratings_parse (const char      *text,
                  gsize            len,
                  const char      *file,
                  const CgCatalog *catalog,
                  gsize           *n_out,
                  GError         **error)
{
  g_autoptr(GArray) ratings = g_array_sized_new (FALSE, FALSE, sizeof (CgRating), len / 20 + 1);
  g_autoptr(GArray) lines = g_array_sized_new (FALSE, FALSE, sizeof (guint32), len / 20 + 1);
  static const char *const names[] = { "user ID", "movie ID", "rating", "timestamp" };
  static const guint64 maxima[] = { CG_ID_MAX, CG_ID_MAX, 5, G_MAXUINT32 };
  CgLineReader reader;
  const char *line;
  gsize line_len;

  g_return_val_if_fail (catalog != NULL && n_out != NULL, NULL);

  cg_line_reader_init (&reader, text, len);
  while (cg_line_reader_next (&reader, &line, &line_len))
    {
      CgField fields[4];
      guint64 values[4];
      CgRating rating;
      guint n;

      if (line_len == 0)
        continue;
      n = cg_fields_split (line, line_len, '\t', fields, 4);
      if (n != 4)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: expected 4 tab-separated fields "
                       "(user ID, movie ID, rating, timestamp), found %u",
                       file, reader.line_no, n);
          return NULL;
        }
      for (guint f = 0; f < 4; f++)
        if (!cg_field_parse_uint (&fields[f], maxima[f], &values[f])
            || (f < 3 && values[f] == 0))
          {
            g_autofree char *shown = cg_field_describe (&fields[f]);

            g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                         "%s:%u: %s %s is not a whole number from %s to %" G_GUINT64_FORMAT,
                         file, reader.line_no, names[f], shown, f < 3 ? "1" : "0", maxima[f]);
            return NULL;
          }
      if (cg_catalog_lookup (catalog, (guint32) values[1]) == NULL)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: movie ID %" G_GUINT64_FORMAT " is not in u.item",
                       file, reader.line_no, values[1]);
          return NULL;
        }
      rating.user_id = (guint32) values[0];
      rating.movie_id = (guint32) values[1];
      rating.rating = (float) values[2];
      rating.timestamp = (guint32) values[3];
      g_array_append_val (ratings, rating);
      g_array_append_val (lines, reader.line_no);
    }

  if (!check_duplicates ((const CgRating *) ratings->data, (const guint32 *) lines->data,
                         ratings->len, file, error))
    return NULL;

  *n_out = ratings->len;
  return (CgRating *) g_array_free (g_steal_pointer (&ratings), FALSE);
}

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

/* Whole stars 1–5: the scale of every rating the engine reads. */
static gboolean
rating_is_valid (float rating)
{
  return rating >= 1.0f && rating <= 5.0f && rating == floorf (rating);
}

static gboolean
threshold_is_valid (double threshold,
                    GError **error)
{
  /* Written so that NaN fails it. */
  if (threshold >= 1.0 && threshold <= 5.0 && threshold == floor (threshold))
    return TRUE;
  g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
               "Positive threshold %g is not a whole number of stars from 1 to 5", threshold);
  return FALSE;
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
  g_autoptr(CgDataset) ds = g_new0 (CgDataset, 1);
  const CgRating *lists[2] = { train, test };
  gsize counts[2] = { n_train, n_test };
  CgIdSet user_set, item_set;

  g_return_val_if_fail (catalog != NULL && split != NULL, NULL);

  ds->catalog = catalog;
  ds->split = g_strdup (split);
  ds->threshold = threshold;
  if (!threshold_is_valid (threshold, error))
    return NULL;

  ds->train = g_memdup2 (train, sizeof (CgRating) * MAX (n_train, 1));
  ds->n_train = n_train;
  ds->test = g_memdup2 (test, sizeof (CgRating) * MAX (n_test, 1));
  ds->n_test = n_test;

  cg_id_set_init (&user_set);
  cg_id_set_init (&item_set);
  for (guint l = 0; l < 2; l++)
    for (gsize r = 0; r < counts[l]; r++)
      {
        const CgRating *rating = &lists[l][r];

        if (rating->user_id == 0 || rating->user_id > CG_ID_MAX
            || cg_catalog_lookup (catalog, rating->movie_id) == NULL
            || !rating_is_valid (rating->rating))
          {
            g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                         "Invalid %s rating: user %u, movie %u, rating %g",
                         l == 0 ? "train" : "test", rating->user_id, rating->movie_id,
                         rating->rating);
            cg_id_set_clear (&user_set);
            cg_id_set_clear (&item_set);
            return NULL;
          }
        cg_id_set_add (&user_set, rating->user_id);
        cg_id_set_add (&item_set, rating->movie_id);
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

/* ---- loading ---- */

static CgRating *
load_ratings (const char      *dir,
              const char      *name,
              const CgCatalog *catalog,
              gsize           *n_out,
              GError         **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  gsize len;

  if (!cg_file_read (path, CG_FILE_MAX_DATASET, &text, &len, error))
    return NULL;
  return cg_ratings_parse (text, len, path, catalog, n_out, error);
}

static gboolean
split_name_is_valid (const char *split)
{
  if (*split == '\0' || strlen (split) > 32)
    return FALSE;
  for (const char *c = split; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_' && *c != '-')
      return FALSE;
  return TRUE;
}

CgDataset *
cg_dataset_load (const char *dir,
                 const char *split,
                 double      threshold,
                 GError    **error)
{
  g_autoptr(CgCatalog) catalog = NULL;
  g_autofree CgRating *train = NULL;
  g_autofree CgRating *test = NULL;
  gsize n_train = 0, n_test = 0;
  CgDataset *dataset;

  g_return_val_if_fail (dir != NULL && split != NULL, NULL);

  if (!split_name_is_valid (split))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "“%s” is not a split name (u1 … u5, ua, ub or all)", split);
      return NULL;
    }

  catalog = cg_catalog_load (dir, error);
  if (catalog == NULL)
    return NULL;

  if (g_str_equal (split, "all"))
    train = load_ratings (dir, "u.data", catalog, &n_train, error);
  else
    {
      g_autofree char *base = g_strconcat (split, ".base", NULL);
      g_autofree char *test_name = g_strconcat (split, ".test", NULL);

      train = load_ratings (dir, base, catalog, &n_train, error);
      if (train != NULL)
        test = load_ratings (dir, test_name, catalog, &n_test, error);
      if (test == NULL)
        return NULL;
    }
  if (train == NULL)
    return NULL;

  dataset = cg_dataset_new (g_steal_pointer (&catalog), split, threshold,
                            train, n_train, test, n_test, error);
  if (dataset != NULL)
    dataset->format = g_strdup ("ml-100k");
  return dataset;
}

/* Order of ratings within a user, for a deterministic shuffle whatever the file order. */
static int
compare_by_user_then_movie (const void *a,
                            const void *b)
{
  const CgRating *x = a, *y = b;

  if (x->user_id != y->user_id)
    return (x->user_id > y->user_id) - (x->user_id < y->user_id);
  return (x->movie_id > y->movie_id) - (x->movie_id < y->movie_id);
}

void
cg_ratings_sort_by_user (CgRating *ratings,
                         gsize     n)
{
  qsort (ratings, n, sizeof (CgRating), compare_by_user_then_movie);
}

CgDataset *
cg_dataset_load_random (const char *dir,
                        double      test_fraction,
                        guint64     seed,
                        double      threshold,
                        GError    **error)
{
  g_autoptr(CgCatalog) catalog = NULL;
  g_autofree CgRating *all = NULL;
  g_autofree CgRating *train = NULL;
  g_autofree CgRating *test = NULL;
  gsize n_all = 0, n_train = 0, n_test = 0;
  CgRng rng;
  CgDataset *dataset;
  char fraction_text[G_ASCII_DTOSTR_BUF_SIZE];

  if (!(test_fraction > 0.0 && test_fraction < 1.0))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "Test fraction %g must lie strictly between 0 and 1", test_fraction);
      return NULL;
    }

  catalog = cg_catalog_load (dir, error);
  if (catalog == NULL)
    return NULL;
  all = load_ratings (dir, "u.data", catalog, &n_all, error);
  if (all == NULL)
    return NULL;

  qsort (all, n_all, sizeof (CgRating), compare_by_user_then_movie);
  train = g_new (CgRating, MAX (n_all, 1));
  test = g_new (CgRating, MAX (n_all, 1));
  cg_rng_seed (&rng, seed);

  for (gsize start = 0; start < n_all;)
    {
      gsize end = start;
      gsize n_user, n_held;

      while (end < n_all && all[end].user_id == all[start].user_id)
        end++;
      n_user = end - start;
      /* Round to nearest, and keep at least one rating in train. */
      n_held = MIN ((gsize) (test_fraction * (double) n_user + 0.5), n_user - 1);
      for (gsize i = n_user; i > 1; i--)
        {
          gsize j = cg_rng_uniform_int (&rng, (guint32) i);
          CgRating tmp = all[start + i - 1];

          all[start + i - 1] = all[start + j];
          all[start + j] = tmp;
        }
      for (gsize i = 0; i < n_user; i++)
        {
          if (i < n_held)
            test[n_test++] = all[start + i];
          else
            train[n_train++] = all[start + i];
        }
      start = end;
    }

  dataset = cg_dataset_new (g_steal_pointer (&catalog), "random", threshold,
                            train, n_train, test, n_test, error);
  if (dataset != NULL)
    {
      dataset->format = g_strdup ("ml-100k");
      g_ascii_dtostr (fraction_text, sizeof fraction_text, test_fraction);
      dataset->split_params = g_new0 (char *, 3);
      dataset->split_params[0] = g_strconcat ("test-fraction=", fraction_text, NULL);
      dataset->split_params[1] = g_strdup_printf ("seed=%" G_GUINT64_FORMAT, seed);
    }
  return dataset;
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
      if (!rating_is_valid (extra[r].rating))
        {
          g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                       "Rating %g of movie %u is not a whole number of stars from 1 to 5",
                       extra[r].rating, movie);
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
