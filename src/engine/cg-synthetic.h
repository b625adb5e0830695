/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-synthetic.h: seeded MovieLens-shaped datasets, for benchmarks and tests.
 *
 * The shape is USERS × ITEMS × POSITIVES (ML-1M is about 6040x3706x575000, ML-25M
 * 162541x59047x12500000), filled the way MovieLens is:
 *
 *   - item popularity follows a power law, 1 / (rank + 10)^exponent, over a random
 *     permutation of the items, so a movie's ID says nothing about its popularity;
 *   - users' activity is log-normal above a floor (MovieLens keeps users with ≥ 20 ratings),
 *     capped at 60 % of the catalogue;
 *   - every item belongs to one of a few latent taste clusters and every user to one:
 *     `taste` of a user's positives (4–5 stars) come from their own cluster, the rest and
 *     most of their low ratings (1–3 stars) from everywhere by popularity — so a
 *     recommender that learns beats popularity, as on the real data;
 *   - timestamps grow through each user's history; movie IDs may be spread out (ML-25M's
 *     62,423 movies have IDs up to 209,171), and titles carry commas, quotes and non-ASCII
 *     letters, as the real catalogues do.
 *
 * Everything depends only on the shape and its seed. Ratings come sorted by user, then
 * movie, as in the CSV releases' ratings.csv.
 */
#pragma once

#include <glib.h>

#include "cg-catalog.h"
#include "cg-dataset.h"
#include "cg-format.h"

G_BEGIN_DECLS

typedef struct
{
  guint    n_users;
  guint    n_items;
  guint64  n_positives;           /* ratings of 4 stars or more */
  double   ratings_per_positive;  /* every rating ÷ positives, ≥ 1 (ML-1M: 1.74) */
  guint    n_clusters;            /* latent taste clusters; 0: one per 100 items, 2 to 64 */
  double   taste;                 /* share of a user's positives from their own cluster */
  double   popularity_exponent;
  guint    min_ratings;           /* per user, when the shape leaves room for it */
  double   id_spread;             /* movie IDs spread over 1 … id_spread × n_items, ≥ 1 */
  gboolean half_stars;            /* 0.5–5 in halves, as the CSV releases rate */
  guint64  seed;
} CgSyntheticShape;

/* Defaults for the size: 1.75 ratings per positive, clusters by size, taste 0.7, exponent
 * 1.0, at least 20 ratings a user, contiguous IDs, whole stars, seed 1. */
void       cg_synthetic_shape_init  (CgSyntheticShape *shape, guint n_users, guint n_items,
                                     guint64 n_positives);
/* "6040x3706x575000" (also with "k"/"m" suffixes: "162kx59kx12.5m"), the defaults for the
 * rest. CG_ERROR_INVALID naming what is wrong. */
gboolean   cg_synthetic_shape_parse (const char *text, CgSyntheticShape *shape,
                                     GError **error);
/* CG_ERROR_INVALID when the shape cannot be filled (more ratings than users × 60 % of the
 * items, no users, …). */
gboolean   cg_synthetic_shape_check (const CgSyntheticShape *shape, GError **error);

/* The catalogue: n_items movies in format CG_FORMAT_SYNTHETIC. */
CgCatalog *cg_synthetic_catalog     (const CgSyntheticShape *shape);
/* Every rating, users 1 … n_users, sorted by user then movie. NULL and an error when the
 * shape is refused. */
CgRating  *cg_synthetic_ratings     (const CgSyntheticShape *shape, gsize *n_out,
                                     GError **error);
/* Catalogue and ratings as a dataset divided by split (cg-split.h; NULL: random). */
CgDataset *cg_synthetic_dataset     (const CgSyntheticShape *shape, const char *split,
                                     double threshold, GError **error);

typedef enum
{
  CG_SYNTHETIC_WRITE_DEFAULT  = 0,
  /* Ratings in a random line order instead of by user: the loader's slow path. */
  CG_SYNTHETIC_WRITE_SHUFFLED = 1 << 0,
} CgSyntheticWriteFlags;

/* Writes the dataset into dir (created if needed) as a release of format would hold it:
 * CG_FORMAT_ML_1M (movies.dat in Latin-1, ratings.dat; whole stars only) or CG_FORMAT_CSV
 * (movies.csv with RFC 4180 quoting, ratings.csv). Each file is written beside its place
 * and renamed into it. */
gboolean   cg_synthetic_write       (const CgSyntheticShape *shape, CgFormat format,
                                     CgSyntheticWriteFlags flags, const char *dir,
                                     GError **error);

G_END_DECLS
