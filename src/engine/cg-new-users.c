/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-new-users.c: building the new-user protocol's split and its evaluation sets.
 *
 * Every random choice comes from one stream seeded by the split's seed, drawn in a fixed
 * order over ratings sorted by (user, movie), so a split depends on its seed and on the
 * set of ratings only, never on the order of the file.
 */
#include "cg-new-users.h"

#include <string.h>

#include "cg-error.h"
#include "cg-rng.h"

/* Derives the validation split's seed: apart from the test split's stream. */
#define VALIDATION_SEED_MIX G_GUINT64_CONSTANT (0x76616c6964617465)

void
cg_new_users_free (CgNewUsers *split)
{
  if (split == NULL)
    return;
  cg_dataset_free (split->dataset);
  cg_user_items_free (split->revealed);
  cg_user_items_free (split->revealed_liked);
  cg_user_items_free (split->truth);
  g_free (split->eval_users);
  g_free (split->popularity);
  g_free (split);
}

/* Pairs (user index, item index) of ratings, only those at or above min_rating. */
static CgUserItems *
pairs_to_set (const CgDataset *ds,
              const CgRating  *ratings,
              gsize            n,
              double           min_rating)
{
  g_autofree guint32 *users = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *items = g_new (guint32, MAX (n, 1));
  gsize m = 0;

  for (gsize r = 0; r < n; r++)
    if (ratings[r].rating >= min_rating)
      {
        users[m] = (guint32) cg_dataset_user_index (ds, ratings[r].user_id);
        items[m] = (guint32) cg_dataset_item_index (ds, ratings[r].movie_id);
        m++;
      }
  return cg_user_items_new_from_pairs (ds->n_users, ds->n_items, users, items, m);
}

/* How the split was made, for model files' fingerprints (see CgDataset.split_params). */
static char **
split_params (double  fraction,
              guint   reveal,
              guint64 seed)
{
  char **params = g_new0 (char *, 4);
  char fraction_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (fraction_text, sizeof fraction_text, "%.17g", fraction);
  params[0] = g_strconcat ("held-out-fraction=", fraction_text, NULL);
  params[1] = g_strdup_printf ("reveal=%u", reveal);
  params[2] = g_strdup_printf ("seed=%" G_GUINT64_FORMAT, seed);
  return params;
}

/* The protocol on the pool (sorted by user, then movie); takes a reference to catalog. */
static CgNewUsers *
build (CgCatalog      *catalog,
       const char     *name,
       const char     *format,
       double          threshold,
       CgRating       *pool,
       gsize           n_pool,
       double          fraction,
       guint           reveal,
       guint64         seed,
       GError        **error)
{
  g_autoptr(CgNewUsers) split = g_new0 (CgNewUsers, 1);
  g_autofree guint32 *order = NULL;
  g_autofree guint8 *held = NULL;
  g_autofree gsize *first = NULL;
  g_autofree CgRating *train = NULL;
  g_autofree CgRating *revealed = NULL;
  g_autofree CgRating *hidden = NULL;
  g_autofree CgRating *test = NULL;
  gsize n_train = 0, n_revealed = 0, n_hidden = 0;
  guint n_users = 0, n_held;
  CgRng rng;

  split->fraction = fraction;
  split->reveal = reveal;
  split->seed = seed;
  if (!(fraction > 0.0 && fraction < 1.0) || reveal == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "New-user protocol: the held-out fraction (%g) must lie strictly between "
                   "0 and 1 and at least one rating must be revealed (%u)", fraction, reveal);
      cg_catalog_free (catalog);
      return NULL;
    }

  /* Users' first ratings in the sorted pool. */
  first = g_new (gsize, n_pool + 1);
  for (gsize r = 0; r < n_pool; r++)
    if (r == 0 || pool[r].user_id != pool[r - 1].user_id)
      first[n_users++] = r;
  first[n_users] = n_pool;
  if (n_users < 2)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "New-user protocol: %u user(s) in the ratings; holding some out of "
                   "training needs at least two", n_users);
      cg_catalog_free (catalog);
      return NULL;
    }

  /* Round to nearest; at least one held out, at least one left to train on. */
  n_held = (guint) CLAMP ((gint64) (fraction * n_users + 0.5), 1, (gint64) n_users - 1);
  cg_rng_seed (&rng, seed);
  order = g_new (guint32, n_users);
  for (guint u = 0; u < n_users; u++)
    order[u] = u;
  cg_rng_shuffle_u32 (&rng, order, n_users);
  held = g_new0 (guint8, n_users);
  for (guint h = 0; h < n_held; h++)
    held[order[h]] = 1;
  split->n_held_out = n_held;

  train = g_new (CgRating, MAX (n_pool, 1));
  revealed = g_new (CgRating, MAX (n_pool, 1));
  hidden = g_new (CgRating, MAX (n_pool, 1));
  for (guint u = 0; u < n_users; u++)
    {
      CgRating *row = pool + first[u];
      gsize n = first[u + 1] - first[u];

      if (!held[u])
        {
          memcpy (train + n_train, row, n * sizeof (CgRating));
          n_train += n;
          continue;
        }
      /* A seeded sample of reveal ratings: shuffle the row, reveal its head. Held-out
       * users are visited in ascending ID, each drawing from the one stream. */
      for (gsize i = n; i > 1; i--)
        {
          gsize j = cg_rng_uniform_int (&rng, (guint32) i);
          CgRating tmp = row[i - 1];

          row[i - 1] = row[j];
          row[j] = tmp;
        }
      for (gsize i = 0; i < n; i++)
        {
          if (i < reveal)
            revealed[n_revealed++] = row[i];
          else
            hidden[n_hidden++] = row[i];
        }
    }

  test = g_new (CgRating, MAX (n_revealed + n_hidden, 1));
  memcpy (test, revealed, n_revealed * sizeof (CgRating));
  memcpy (test + n_revealed, hidden, n_hidden * sizeof (CgRating));
  split->dataset = cg_dataset_new (catalog, name, threshold, train, n_train, test,
                                   n_revealed + n_hidden, error);
  if (split->dataset == NULL)
    return NULL;
  split->dataset->format = g_strdup (format);
  split->dataset->split_params = split_params (fraction, reveal, seed);

  /* Every revealed rating, whatever its value, is excluded. */
  split->revealed = pairs_to_set (split->dataset, revealed, n_revealed, -G_MAXDOUBLE);
  split->revealed_liked = pairs_to_set (split->dataset, revealed, n_revealed, threshold);
  split->truth = pairs_to_set (split->dataset, hidden, n_hidden, threshold);
  split->popularity = cg_dataset_item_popularity (split->dataset);

  split->eval_users = g_new (guint32, MAX (split->dataset->n_users, 1));
  for (guint u = 0; u < split->dataset->n_users; u++)
    if (cg_user_items_count (split->revealed_liked, u) > 0
        && cg_user_items_count (split->truth, u) > 0)
      split->eval_users[split->n_eval_users++] = u;

  split->sets.n_items = split->dataset->n_items;
  split->sets.users = split->eval_users;
  split->sets.n_users = split->n_eval_users;
  split->sets.exclude = split->revealed;
  split->sets.truth = split->truth;
  split->sets.popularity = split->popularity;
  return g_steal_pointer (&split);
}

/* The split's name says how it was made, so a model file trained on one split is not
 * taken for another's (cg_model_file_check_dataset compares names). */
static char *
split_name (double   fraction,
            guint    reveal,
            guint64  seed,
            gboolean validation)
{
  char fraction_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (fraction_text, sizeof fraction_text, "%g", fraction);
  return g_strdup_printf ("new-users-s%" G_GUINT64_FORMAT "-f%s-r%u%s", seed, fraction_text,
                          reveal, validation ? "-validation" : "");
}

CgNewUsers *
cg_new_users_new (const CgDataset *source,
                  double           fraction,
                  guint            reveal,
                  guint64          seed,
                  GError         **error)
{
  g_autofree CgRating *pool = NULL;
  g_autofree char *name = NULL;
  gsize n_pool;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_pool = source->n_train + source->n_test;
  pool = g_new (CgRating, MAX (n_pool, 1));
  /* A release loaded whole ("all") has no test ratings, and its test array may be NULL:
   * memcpy from NULL is undefined even for zero bytes. */
  if (source->n_train > 0)
    memcpy (pool, source->train, source->n_train * sizeof (CgRating));
  if (source->n_test > 0)
    memcpy (pool + source->n_train, source->test, source->n_test * sizeof (CgRating));
  cg_ratings_sort_by_user (pool, n_pool);
  name = split_name (fraction, reveal, seed, FALSE);
  return build (cg_catalog_ref (source->catalog), name, source->format, source->threshold,
                pool, n_pool, fraction, reveal, seed, error);
}

CgNewUsers *
cg_new_users_validation (const CgNewUsers *split,
                         double            fraction,
                         GError          **error)
{
  const CgDataset *ds;
  g_autofree CgRating *pool = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (split != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ds = split->dataset;
  pool = g_memdup2 (ds->train, sizeof (CgRating) * MAX (ds->n_train, 1));
  cg_ratings_sort_by_user (pool, ds->n_train);
  name = split_name (fraction, split->reveal, split->seed, TRUE);
  return build (cg_catalog_ref (ds->catalog), name, ds->format, ds->threshold, pool,
                ds->n_train, fraction, split->reveal, split->seed ^ VALIDATION_SEED_MIX, error);
}
