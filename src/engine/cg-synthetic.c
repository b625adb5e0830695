/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-synthetic.c: drawing a MovieLens-shaped dataset from a seed.
 *
 * Draws use one RNG stream in a fixed order (items, users' counts, then user by user), so
 * a shape and seed give the same ratings on every machine. Items are drawn by popularity
 * from alias tables (O(1) a draw) and without repeats per user through a stamp per item,
 * so ML-25M's shape takes seconds.
 */
#include "cg-synthetic.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg-catalog-private.h"
#include "cg-error.h"
#include "cg-rng.h"

/* A user rates at most this share of the catalogue (ML-1M's keenest: 2,314 of 3,706). */
#define MAX_SHARE_RATED 0.6
/* Spread of users' activity, log-normal: ML-1M's mean is 1.9 times its median above 20. */
#define ACTIVITY_SIGMA 1.1
/* Low ratings from the user's own cluster are kept with this probability only. */
#define OWN_CLUSTER_DISLIKE 0.2
/* Popularity ∝ 1 / (rank + POPULARITY_OFFSET)^exponent: the head is not a spike. */
#define POPULARITY_OFFSET 10.0
/* Timestamps start between 2000 and 2020 and grow by about two hours a rating. */
#define FIRST_TIME  946684800.0
#define TIME_SPAN   631152000.0
#define MEAN_GAP    7200.0

static const char *const genre_names[] = {
  "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
  "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
  "War", "Western",
};

/* ---- shapes ---- */

void
cg_synthetic_shape_init (CgSyntheticShape *shape,
                         guint             n_users,
                         guint             n_items,
                         guint64           n_positives)
{
  g_return_if_fail (shape != NULL);

  *shape = (CgSyntheticShape) {
    .n_users = n_users,
    .n_items = n_items,
    .n_positives = n_positives,
    .ratings_per_positive = 1.75,
    .n_clusters = 0,
    .taste = 0.7,
    .popularity_exponent = 1.0,
    .min_ratings = 20,
    .id_spread = 1.0,
    .half_stars = FALSE,
    .seed = 1,
  };
}

/* "162541", "162k", "12.5m". */
static gboolean
parse_count (const char *text,
             guint64     max,
             guint64    *out)
{
  char *end = NULL;
  double value, scale = 1;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end != NULL && (*end == 'k' || *end == 'K'))
    scale = 1e3, end++;
  else if (end != NULL && (*end == 'm' || *end == 'M'))
    scale = 1e6, end++;
  value *= scale;
  if (end == NULL || *end != '\0' || !(value >= 1 && value <= (double) max)
      || value != floor (value))
    return FALSE;
  *out = (guint64) value;
  return TRUE;
}

gboolean
cg_synthetic_shape_parse (const char       *text,
                          CgSyntheticShape *shape,
                          GError          **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 users, items, positives;

  g_return_val_if_fail (text != NULL && shape != NULL, FALSE);

  parts = g_strsplit (text, "x", -1);
  if (g_strv_length (parts) != 3 || !parse_count (parts[0], G_MAXINT32, &users)
      || !parse_count (parts[1], G_MAXINT32, &items)
      || !parse_count (parts[2], G_MAXUINT32, &positives))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "“%s” is not a shape USERSxITEMSxPOSITIVES such as 6040x3706x575000 or "
                   "162kx59kx12.5m", text);
      return FALSE;
    }
  cg_synthetic_shape_init (shape, (guint) users, (guint) items, positives);
  return cg_synthetic_shape_check (shape, error);
}

static guint
clusters_of (const CgSyntheticShape *shape)
{
  if (shape->n_clusters > 0)
    return MIN (shape->n_clusters, shape->n_items);
  return CLAMP (shape->n_items / 100, MIN (2u, shape->n_items), 64u);
}

static guint
max_per_user (const CgSyntheticShape *shape)
{
  return MAX ((guint) (MAX_SHARE_RATED * shape->n_items), 1u);
}

static guint64
total_ratings (const CgSyntheticShape *shape)
{
  return (guint64) ceil ((double) shape->n_positives * shape->ratings_per_positive);
}

gboolean
cg_synthetic_shape_check (const CgSyntheticShape *shape,
                          GError                **error)
{
  const char *why = NULL;

  g_return_val_if_fail (shape != NULL, FALSE);

  if (shape->n_users == 0 || shape->n_items == 0 || shape->n_positives == 0)
    why = "users, items and positives must be at least 1";
  else if (shape->n_users > CG_ID_MAX || shape->n_items > G_MAXINT32 / 4)
    why = "too many users or items";
  else if (!(shape->ratings_per_positive >= 1.0 && shape->ratings_per_positive <= 100.0))
    why = "ratings per positive must lie between 1 and 100";
  else if (!(shape->taste >= 0.0 && shape->taste <= 1.0))
    why = "taste must lie between 0 and 1";
  else if (!(shape->popularity_exponent >= 0.0 && shape->popularity_exponent <= 4.0))
    why = "the popularity exponent must lie between 0 and 4";
  else if (!(shape->id_spread >= 1.0 && shape->id_spread * shape->n_items <= (double) CG_ID_MAX))
    why = "the ID spread must be at least 1 and keep IDs below 2^31";
  else if (total_ratings (shape) > (guint64) shape->n_users * max_per_user (shape))
    why = "more ratings than the users can give (each rates at most 60 % of the items)";
  else if (total_ratings (shape) > G_MAXUINT32)
    why = "more than 2^32 ratings";
  if (why == NULL)
    return TRUE;
  g_set_error (error, CG_ERROR, CG_ERROR_INVALID, "Synthetic shape %ux%ux%" G_GUINT64_FORMAT
               ": %s", shape->n_users, shape->n_items, shape->n_positives, why);
  return FALSE;
}

/* ---- the catalogue ---- */

static guint32
movie_id_of (const CgSyntheticShape *shape,
             guint                   item)
{
  return 1 + (guint32) floor ((double) item * shape->id_spread);
}

/* Titles like the real ones: mostly plain, some with a comma, quotes, or letters beyond
 * ASCII (Latin-1 ones only, so ML-1M's Latin-1 movies.dat can hold them all). */
static char *
title_of (guint   item,
          guint32 id,
          guint16 year)
{
  switch (item % 11)
    {
    case 3:
      return g_strdup_printf ("Movie %u, The (%u)", id, year);
    case 5:
      return g_strdup_printf ("\"Great\" Movie %u (%u)", id, year);
    case 7:
      return g_strdup_printf ("Amélie %u (%u)", id, year);
    case 9:
      return g_strdup_printf ("Misérables %u, Les (%u)", id, year);
    default:
      return g_strdup_printf ("Movie %u (%u)", id, year);
    }
}

/* Item k's cluster, drawn first from the stream so the catalogue needs no ratings. */
static guint *
draw_clusters (const CgSyntheticShape *shape,
               CgRng                  *rng)
{
  guint n_clusters = clusters_of (shape);
  guint *cluster = g_new (guint, shape->n_items);

  for (guint k = 0; k < shape->n_items; k++)
    cluster[k] = cg_rng_uniform_int (rng, n_clusters);
  return cluster;
}

CgCatalog *
cg_synthetic_catalog (const CgSyntheticShape *shape)
{
  g_autoptr(CgCatalog) catalog = NULL;
  g_autoptr(GArray) movies = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autofree guint *cluster = NULL;
  CgRng rng;
  guint n_genres = G_N_ELEMENTS (genre_names);

  g_return_val_if_fail (cg_synthetic_shape_check (shape, NULL), NULL);

  cg_rng_seed (&rng, shape->seed);
  cluster = draw_clusters (shape, &rng);
  catalog = _cg_catalog_new (CG_FORMAT_SYNTHETIC);
  catalog->n_genres = n_genres;
  catalog->genre_names = g_new0 (char *, n_genres + 1);
  for (guint g = 0; g < n_genres; g++)
    catalog->genre_names[g] = g_strdup (genre_names[g]);

  movies = _cg_movie_array_new ();
  lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_set_size (movies, shape->n_items);
  g_array_set_size (lines, shape->n_items);
  for (guint k = 0; k < shape->n_items; k++)
    {
      CgMovie *movie = &g_array_index (movies, CgMovie, k);

      movie->movie_id = movie_id_of (shape, k);
      movie->year = (guint16) (1920 + (k * 37u) % 101);
      movie->title = title_of (k, movie->movie_id, movie->year);
      /* A cluster's own genre, and every other movie a second one. */
      movie->genres = 1u << (cluster[k] % n_genres);
      if (k % 2 == 1)
        movie->genres |= 1u << ((cluster[k] + 1 + k / 2) % n_genres);
      g_array_index (lines, guint, k) = k + 1;
    }
  if (!_cg_catalog_take_movies (catalog, g_steal_pointer (&movies), lines, "synthetic", NULL))
    g_return_val_if_reached (NULL);
  return g_steal_pointer (&catalog);
}

/* ---- alias tables: O(1) draws by weight ---- */

typedef struct
{
  guint    n;
  guint32 *items;   /* (n) what a slot draws */
  float   *keep;    /* (n) probability of the slot's own item */
  guint32 *alias;   /* (n) the other item of the slot */
} Alias;

/* Vose's method over items[0..n) with weights w[items[k]]. */
static void
alias_init (Alias         *table,
            const guint32 *items,
            guint          n,
            const double  *w)
{
  g_autofree double *scaled = g_new (double, MAX (n, 1));
  g_autofree guint *small = g_new (guint, MAX (n, 1));
  g_autofree guint *large = g_new (guint, MAX (n, 1));
  guint n_small = 0, n_large = 0;
  double total = 0;

  table->n = n;
  table->items = g_memdup2 (items, sizeof (guint32) * MAX (n, 1));
  table->keep = g_new (float, MAX (n, 1));
  table->alias = g_new (guint32, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    total += w[items[k]];
  for (guint k = 0; k < n; k++)
    {
      scaled[k] = w[items[k]] * n / total;
      if (scaled[k] < 1.0)
        small[n_small++] = k;
      else
        large[n_large++] = k;
    }
  while (n_small > 0 && n_large > 0)
    {
      guint s = small[--n_small], l = large[n_large - 1];

      table->keep[s] = (float) scaled[s];
      table->alias[s] = items[l];
      scaled[l] -= 1.0 - scaled[s];
      if (scaled[l] < 1.0)
        {
          n_large--;
          small[n_small++] = l;
        }
    }
  while (n_large > 0)
    table->keep[large[--n_large]] = 1.0f;
  while (n_small > 0)
    table->keep[small[--n_small]] = 1.0f;
}

static void
alias_clear (Alias *table)
{
  g_free (table->items);
  g_free (table->keep);
  g_free (table->alias);
}

static inline guint32
alias_draw (const Alias *table,
            CgRng       *rng)
{
  guint slot = cg_rng_uniform_int (rng, table->n);

  return cg_rng_uniform_float (rng) < table->keep[slot] ? table->items[slot]
                                                         : table->alias[slot];
}

/* ---- ratings ---- */

/* Splits total into n parts in proportion to weights, each within [floor_k, caps[k]],
 * exactly (largest remainders), the caps permitting. */
static void
apportion (guint64        total,
           const double  *weights,
           guint          floor_k,
           const guint   *caps,
           guint          n,
           guint         *out)
{
  g_autofree double *share = g_new (double, n);
  guint64 given = 0;

  for (guint k = 0; k < n; k++)
    {
      out[k] = MIN (floor_k, caps[k]);
      given += out[k];
      share[k] = 0;
    }
  /* A few rounds: users at their cap hand what is left to the others. */
  for (guint round = 0; round < 8 && given < total; round++)
    {
      double open = 0;
      guint64 left = total - given;

      for (guint k = 0; k < n; k++)
        open += out[k] < caps[k] ? weights[k] : 0;
      if (open <= 0)
        break;
      for (guint k = 0; k < n; k++)
        {
          double want = out[k] < caps[k] ? (double) left * weights[k] / open : 0;
          guint add = (guint) MIN (floor (want), (double) (caps[k] - out[k]));

          out[k] += add;
          given += add;
          share[k] = want - floor (want);
        }
    }
  /* The remainder one at a time, largest fractions first (a scan per unit: it is below n). */
  while (given < total)
    {
      guint best = n;

      for (guint k = 0; k < n; k++)
        if (out[k] < caps[k] && (best == n || share[k] > share[best]))
          best = k;
      if (best == n)
        break;
      out[best]++;
      share[best] = -1;
      given++;
    }
}

static float
draw_stars (CgRng   *rng,
            gboolean positive,
            gboolean half)
{
  /* Shares of each value among positives and among the rest, MovieLens-like. */
  static const float whole_pos[] = { 4, 5 }, whole_neg[] = { 1, 2, 3 };
  static const double whole_pos_p[] = { 0.6, 1.0 }, whole_neg_p[] = { 0.15, 0.45, 1.0 };
  static const float half_pos[] = { 4, 4.5, 5 };
  static const float half_neg[] = { 0.5, 1, 1.5, 2, 2.5, 3, 3.5 };
  static const double half_pos_p[] = { 0.45, 0.7, 1.0 };
  static const double half_neg_p[] = { 0.04, 0.12, 0.17, 0.32, 0.45, 0.8, 1.0 };
  const float *values = half ? (positive ? half_pos : half_neg)
                             : (positive ? whole_pos : whole_neg);
  const double *cumulative = half ? (positive ? half_pos_p : half_neg_p)
                                  : (positive ? whole_pos_p : whole_neg_p);
  double u = cg_rng_uniform_double (rng);
  guint k = 0;

  while (cumulative[k] < u)
    k++;
  return values[k];
}

static int
compare_by_movie (const void *a,
                  const void *b)
{
  guint32 x = ((const CgRating *) a)->movie_id, y = ((const CgRating *) b)->movie_id;

  return (x > y) - (x < y);
}

typedef struct
{
  const CgSyntheticShape *shape;
  guint                   n_clusters;
  guint                  *cluster;      /* (n_items) */
  guint                  *cluster_size; /* (n_clusters) */
  Alias                   everyone;
  Alias                  *own;          /* (n_clusters) */
  guint32                *stamp;        /* (n_items) user + 1 who took the item last */
} Drawer;

/* One item for user u not taken yet: by popularity, from their cluster when asked (while
 * it has room), else from all. Gives up the weights after many collisions and walks to
 * the next free item, which only a user near their cap ever needs. */
static guint32
draw_item (Drawer  *d,
           CgRng   *rng,
           guint    u,
           guint    home,
           gboolean from_home,
           gboolean avoid_home,
           guint   *taken_home)
{
  const Alias *table = from_home && *taken_home < d->cluster_size[home] * 0.8 ? &d->own[home]
                                                                            : &d->everyone;
  guint32 item = 0;
  gboolean found = FALSE;

  for (guint tries = 0; tries < 256 && !found; tries++)
    {
      item = alias_draw (table, rng);
      found = d->stamp[item] != u + 1
              && !(avoid_home && d->cluster[item] == home && tries < 32
                   && cg_rng_uniform_double (rng) > OWN_CLUSTER_DISLIKE);
    }
  while (d->stamp[item] == u + 1)
    item = (item + 1) % d->shape->n_items;
  d->stamp[item] = u + 1;
  *taken_home += d->cluster[item] == home;
  return item;
}

CgRating *
cg_synthetic_ratings (const CgSyntheticShape *shape,
                      gsize                  *n_out,
                      GError                **error)
{
  Drawer d = { 0 };
  CgRng rng;
  guint n_users, n_items;
  guint64 n_ratings, at = 0;
  g_autofree double *popularity = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree double *activity = NULL;
  g_autofree guint *caps = NULL;
  g_autofree guint *counts = NULL;
  g_autofree guint *positives = NULL;
  g_autofree guint *home = NULL;
  CgRating *ratings;

  g_return_val_if_fail (shape != NULL && n_out != NULL, NULL);

  if (!cg_synthetic_shape_check (shape, error))
    return NULL;
  n_users = shape->n_users;
  n_items = shape->n_items;
  n_ratings = total_ratings (shape);
  d.shape = shape;
  d.n_clusters = clusters_of (shape);

  cg_rng_seed (&rng, shape->seed);
  d.cluster = draw_clusters (shape, &rng);

  /* Popularity by a random rank. */
  order = g_new (guint32, n_items);
  popularity = g_new (double, n_items);
  for (guint k = 0; k < n_items; k++)
    order[k] = k;
  cg_rng_shuffle_u32 (&rng, order, n_items);
  for (guint r = 0; r < n_items; r++)
    popularity[order[r]] = pow (r + POPULARITY_OFFSET, -shape->popularity_exponent);

  for (guint k = 0; k < n_items; k++)
    order[k] = k;
  alias_init (&d.everyone, order, n_items, popularity);
  d.cluster_size = g_new0 (guint, d.n_clusters);
  d.own = g_new0 (Alias, d.n_clusters);
  {
    g_autofree guint *start = g_new0 (guint, d.n_clusters + 1);
    g_autofree guint32 *grouped = g_new (guint32, n_items);

    for (guint k = 0; k < n_items; k++)
      d.cluster_size[d.cluster[k]]++;
    for (guint c = 0; c < d.n_clusters; c++)
      start[c + 1] = start[c] + d.cluster_size[c];
    {
      g_autofree guint *cursor = g_memdup2 (start, sizeof (guint) * (d.n_clusters + 1));

      for (guint k = 0; k < n_items; k++)
        grouped[cursor[d.cluster[k]]++] = k;
    }
    for (guint c = 0; c < d.n_clusters; c++)
      alias_init (&d.own[c], grouped + start[c], d.cluster_size[c], popularity);
  }

  /* How many ratings, and how many of them positive, each user gives. */
  activity = g_new (double, n_users);
  caps = g_new (guint, n_users);
  counts = g_new (guint, n_users);
  positives = g_new (guint, n_users);
  home = g_new (guint, n_users);
  for (guint u = 0; u < n_users; u++)
    {
      activity[u] = exp (ACTIVITY_SIGMA * cg_rng_normal (&rng));
      caps[u] = max_per_user (shape);
      home[u] = cg_rng_uniform_int (&rng, d.n_clusters);
    }
  apportion (n_ratings, activity, (guint) MIN ((guint64) shape->min_ratings,
                                               n_ratings / n_users), caps, n_users, counts);
  for (guint u = 0; u < n_users; u++)
    activity[u] = counts[u];
  apportion (shape->n_positives, activity, 0, counts, n_users, positives);

  ratings = g_new (CgRating, MAX (n_ratings, 1));
  d.stamp = g_new0 (guint32, n_items);
  for (guint u = 0; u < n_users; u++)
    {
      double time = FIRST_TIME + cg_rng_uniform_double (&rng) * TIME_SPAN;
      guint taken_home = 0;
      guint64 first = at;

      for (guint r = 0; r < counts[u]; r++)
        {
          gboolean positive = r < positives[u];
          guint32 item = positive
            ? draw_item (&d, &rng, u, home[u], cg_rng_uniform_double (&rng) < shape->taste,
                         FALSE, &taken_home)
            : draw_item (&d, &rng, u, home[u], FALSE, TRUE, &taken_home);

          time += -MEAN_GAP * log (1.0 - cg_rng_uniform_double (&rng));
          ratings[at++] = (CgRating) {
            .user_id = u + 1,
            .movie_id = movie_id_of (shape, item),
            .rating = draw_stars (&rng, positive, shape->half_stars),
            .timestamp = (guint32) MIN (time, (double) G_MAXUINT32),
          };
        }
      /* Positives were drawn first; the file order mixes them, by movie. */
      qsort (ratings + first, at - first, sizeof (CgRating), compare_by_movie);
    }

  alias_clear (&d.everyone);
  for (guint c = 0; c < d.n_clusters; c++)
    alias_clear (&d.own[c]);
  g_free (d.own);
  g_free (d.cluster_size);
  g_free (d.cluster);
  g_free (d.stamp);
  *n_out = at;
  return ratings;
}

CgDataset *
cg_synthetic_dataset (const CgSyntheticShape *shape,
                      const char             *split,
                      double                  threshold,
                      GError                **error)
{
  CgRating *ratings;
  gsize n = 0;

  ratings = cg_synthetic_ratings (shape, &n, error);
  if (ratings == NULL)
    return NULL;
  return cg_dataset_new_split (cg_synthetic_catalog (shape), split, threshold, ratings, n,
                               error);
}
