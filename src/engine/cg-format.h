/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-format.h: the file layouts of the MovieLens releases, told apart by their files.
 *
 *   ML-100K   u.data, u.item, u.genre (tab and "|" separated, Latin-1), with the split
 *             files u1–u5 and ua/ub (.base/.test); whole stars.
 *   ML-1M     ratings.dat, movies.dat ("::" separated, Latin-1); users.dat is not read;
 *             whole stars.
 *   CSV       ratings.csv, movies.csv (headers, RFC 4180 quoting, UTF-8), the layout of
 *             ML-latest-small, ML-20M, ML-25M and ML-32M; links.csv, tags.csv and the
 *             genome files are not read; half stars 0.5–5.
 *
 * A folder is recognised by its movies and ratings files (ML-100K by u.item alone: its
 * split files stand in for u.data). A synthetic dataset (cg-synthetic.h) has no files and
 * may rate in half stars.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CG_FORMAT_NONE,
  CG_FORMAT_ML_100K,
  CG_FORMAT_ML_1M,
  CG_FORMAT_CSV,
  CG_FORMAT_SYNTHETIC,
} CgFormat;

/* The first layout whose files dir holds (in the order above), else CG_FORMAT_NONE. */
CgFormat     cg_format_detect          (const char *dir);
/* "MovieLens 100K", "MovieLens 1M", "MovieLens CSV", "synthetic". */
const char  *cg_format_name            (CgFormat format);
/* A short stable token for scripts and JSON: "ml-100k", "ml-1m", "csv", "synthetic". */
const char  *cg_format_id              (CgFormat format);
/* "u.item", "movies.dat", "movies.csv" (NULL without files). */
const char  *cg_format_movies_file     (CgFormat format);
/* "u.data", "ratings.dat", "ratings.csv" (NULL without files). */
const char  *cg_format_ratings_file    (CgFormat format);
/* TRUE where ratings come in half stars (and a threshold may be a half star). */
gboolean     cg_format_has_half_stars  (CgFormat format);
/* The split used when none is named: u1 for ML-100K, which ships it; a seeded random
 * per-user holdout for the others. */
const char  *cg_format_default_split   (CgFormat format);
/* What dir holds, as a person would name it: "ml-25m" from the release's README.txt
 * ("This dataset (ml-25m) …"), else the folder's own name when it starts with "ml-",
 * else NULL. Newly allocated. */
char        *cg_format_guess_release   (const char *dir, CgFormat format);

/* A threshold usable with format: a whole number of stars 1–5, or on the half-star
 * layouts a multiple of ½ from 0.5 to 5. NaN and infinities fail. */
gboolean     cg_format_check_threshold (CgFormat format, double threshold, GError **error);
/* TRUE when rating is on format's scale (whole 1–5, or halves 0.5–5). */
gboolean     cg_format_rating_valid    (CgFormat format, float rating);

G_END_DECLS
