/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings.h: ratings files of every MovieLens layout, parsed strictly and fast.
 *
 *   ML-100K  u.data, u1.base, …   user \t movie \t rating \t timestamp
 *   ML-1M    ratings.dat          UserID::MovieID::Rating::Timestamp
 *   CSV      ratings.csv          header "userId,movieId,rating,timestamp", then
 *                                 userId,movieId,rating,timestamp with ratings 0.5–5.0
 *
 * Lines end in LF or CRLF (the last may lack it); blank lines are skipped. IDs are 1 …
 * CG_ID_MAX, timestamps fit 32 bits, ratings are on the layout's scale, every movie is in
 * the catalogue and no (user, movie) pair repeats. Anything else is an error that names
 * file:line and what was expected, and nothing is returned.
 *
 * A line is parsed in place with no allocation (32 million lines must load in seconds);
 * only a line that fails the fast path is split into fields again to say exactly what is
 * wrong with it. Files are read block by block (cg-file-reader.h).
 */
#pragma once

#include <glib.h>

#include "cg-catalog.h"
#include "cg-format.h"

G_BEGIN_DECLS

/* A rating in stars: whole 1–5 in ML-100K, ML-1M and the app, halves 0.5–5 in the CSV
 * releases. A float holds every half exactly, so comparisons with a threshold are exact. */
typedef struct
{
  guint32 user_id;   /* raw */
  guint32 movie_id;  /* raw */
  float   rating;    /* stars */
  guint32 timestamp;
} CgRating;

/* A whole file held in memory; file is used in messages only. */
CgRating *cg_ratings_parse_format (CgFormat format, const char *text, gsize len,
                                   const char *file, const CgCatalog *catalog, gsize *n_out,
                                   GError **error);
/* The file at path, read block by block. */
CgRating *cg_ratings_read         (CgFormat format, const char *path,
                                   const CgCatalog *catalog, gsize *n_out, GError **error);
/* u.data's layout: cg_ratings_parse_format (CG_FORMAT_ML_100K, …). */
CgRating *cg_ratings_parse        (const char *text, gsize len, const char *file,
                                   const CgCatalog *catalog, gsize *n_out, GError **error);

/* Sorts ratings by raw user ID, then movie ID: an order that does not depend on the file's,
 * for seeded shuffles. */
void      cg_ratings_sort_by_user (CgRating *ratings, gsize n);

G_END_DECLS
