/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-format.c: recognising a MovieLens folder and the rules of its layout.
 */
#include "cg-format.h"

#include <math.h>
#include <string.h>

#include "cg-error.h"
#include "cg-file.h"

typedef struct
{
  const char *name;
  const char *id;
  const char *movies;
  const char *ratings;
  gboolean    half_stars;
  const char *default_split;
  const char *release;     /* the one release with this layout, or NULL */
} FormatInfo;

static const FormatInfo formats[] = {
  [CG_FORMAT_NONE] = { "no MovieLens data", "none", NULL, NULL, FALSE, NULL, NULL },
  [CG_FORMAT_ML_100K] = { "MovieLens 100K", "ml-100k", "u.item", "u.data", FALSE, "u1",
                          "ml-100k" },
  [CG_FORMAT_ML_1M] = { "MovieLens 1M", "ml-1m", "movies.dat", "ratings.dat", FALSE,
                        "random", "ml-1m" },
  [CG_FORMAT_CSV] = { "MovieLens CSV", "csv", "movies.csv", "ratings.csv", TRUE, "random",
                      NULL },
  [CG_FORMAT_SYNTHETIC] = { "synthetic", "synthetic", NULL, NULL, TRUE, "random", NULL },
};

static const FormatInfo *
info_of (CgFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), &formats[CG_FORMAT_NONE]);

  return &formats[format];
}

/* Any file but a folder: a FIFO named u.item is then refused by the reader, saying why,
 * rather than passed over as if the folder held nothing. */
static gboolean
holds (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_DIR);
}

CgFormat
cg_format_detect (const char *dir)
{
  g_return_val_if_fail (dir != NULL, CG_FORMAT_NONE);

  /* ML-100K's u.data is optional: the split files u1.base … carry its ratings. */
  if (holds (dir, "u.item"))
    return CG_FORMAT_ML_100K;
  if (holds (dir, "movies.dat") && holds (dir, "ratings.dat"))
    return CG_FORMAT_ML_1M;
  if (holds (dir, "movies.csv") && holds (dir, "ratings.csv"))
    return CG_FORMAT_CSV;
  return CG_FORMAT_NONE;
}

const char *
cg_format_name (CgFormat format)
{
  return info_of (format)->name;
}

const char *
cg_format_id (CgFormat format)
{
  return info_of (format)->id;
}

const char *
cg_format_movies_file (CgFormat format)
{
  return info_of (format)->movies;
}

const char *
cg_format_ratings_file (CgFormat format)
{
  return info_of (format)->ratings;
}

gboolean
cg_format_has_half_stars (CgFormat format)
{
  return info_of (format)->half_stars;
}

const char *
cg_format_default_split (CgFormat format)
{
  return info_of (format)->default_split;
}

static gboolean
is_release_name (const char *text,
                 gsize       len)
{
  if (len < 4 || len > 32 || strncmp (text, "ml-", 3) != 0)
    return FALSE;
  for (gsize i = 3; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-')
      return FALSE;
  return TRUE;
}

char *
cg_format_guess_release (const char *dir,
                         CgFormat    format)
{
  static const char marker[] = "This dataset (";
  g_autofree char *readme = g_build_filename (dir, "README.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;
  gsize len = 0;

  g_return_val_if_fail (dir != NULL, NULL);

  /* The CSV releases' README.txt opens with "This dataset (ml-25m) describes …". */
  if (cg_file_read (readme, 1u << 20, &text, &len, NULL))
    {
      const char *start = g_strstr_len (text, (gssize) MIN (len, 4096), marker);

      if (start != NULL)
        {
          const char *name = start + strlen (marker);
          const char *end = memchr (name, ')', (gsize) (text + len - name));

          if (end != NULL && is_release_name (name, (gsize) (end - name)))
            return g_ascii_strdown (name, end - name);
        }
    }

  base = g_path_get_basename (dir);
  if (is_release_name (base, strlen (base)))
    return g_ascii_strdown (base, -1);
  return g_strdup (info_of (format)->release);
}

gboolean
cg_format_check_threshold (CgFormat format,
                           double   threshold,
                           GError **error)
{
  gboolean half = cg_format_has_half_stars (format);

  /* Every comparison is written so that NaN fails it. */
  if (half && threshold >= 0.5 && threshold <= 5.0 && threshold * 2 == floor (threshold * 2))
    return TRUE;
  if (!half && threshold >= 1.0 && threshold <= 5.0 && threshold == floor (threshold))
    return TRUE;
  if (half)
    g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                 "Positive threshold %g is not a whole or half number of stars from 0.5 to 5",
                 threshold);
  else
    g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                 "Positive threshold %g is not a whole number of stars from 1 to 5 (%s has "
                 "whole-star ratings only)", threshold, cg_format_name (format));
  return FALSE;
}

gboolean
cg_format_rating_valid (CgFormat format,
                        float    rating)
{
  if (cg_format_has_half_stars (format))
    return rating >= 0.5f && rating <= 5.0f && rating * 2 == floorf (rating * 2);
  return rating >= 1.0f && rating <= 5.0f && rating == floorf (rating);
}
