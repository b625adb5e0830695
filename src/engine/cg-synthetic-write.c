/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-synthetic-write.c: a synthetic dataset written as an ML-1M or CSV release.
 *
 * What the loader's tests and benchmarks read: the same bytes a release would hold, with
 * the quoting, encodings and line layout of the real files, at any size (ML-25M's shape is
 * a 680 MB ratings.csv). Lines are formatted by hand into a large buffer: printf would
 * take most of the time.
 */
#include "cg-synthetic.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cg-error.h"
#include "cg-rng.h"

typedef struct
{
  FILE       *file;
  char       *path;   /* the final name */
  char       *part;   /* written here, then renamed */
  GString    *buf;
  gboolean    failed;
  int         saved_errno;
} Output;

static gboolean
output_open (Output     *out,
             const char *dir,
             const char *name,
             GError    **error)
{
  out->path = g_build_filename (dir, name, NULL);
  out->part = g_strconcat (out->path, ".part", NULL);
  out->buf = g_string_sized_new (1 << 20);
  out->failed = FALSE;
  out->file = g_fopen (out->part, "wb");
  if (out->file == NULL)
    {
      int saved = errno;
      g_autofree char *shown = g_filename_display_name (out->part);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create “%s”: %s", shown, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
output_flush (Output *out)
{
  if (!out->failed && out->buf->len > 0
      && fwrite (out->buf->str, 1, out->buf->len, out->file) != out->buf->len)
    {
      out->failed = TRUE;
      out->saved_errno = errno;
    }
  g_string_truncate (out->buf, 0);
}

static inline void
output_maybe_flush (Output *out)
{
  if (out->buf->len >= (1 << 20))
    output_flush (out);
}

/* Closes, and renames into place when everything was written; else removes the part. */
static gboolean
output_close (Output  *out,
              GError **error)
{
  gboolean ok;

  if (out->file != NULL)
    {
      output_flush (out);
      if (fclose (out->file) != 0 && !out->failed)
        {
          out->failed = TRUE;
          out->saved_errno = errno;
        }
      out->file = NULL;
      if (!out->failed && g_rename (out->part, out->path) != 0)
        {
          out->failed = TRUE;
          out->saved_errno = errno;
        }
      if (out->failed)
        {
          g_autofree char *shown = g_filename_display_name (out->path);

          g_unlink (out->part);
          g_set_error (error, CG_ERROR, CG_ERROR_IO, "Cannot write “%s”: %s", shown,
                       g_strerror (out->saved_errno));
        }
    }
  ok = !out->failed;
  g_clear_pointer (&out->path, g_free);
  g_clear_pointer (&out->part, g_free);
  if (out->buf != NULL)
    g_string_free (g_steal_pointer (&out->buf), TRUE);
  return ok;
}

static inline void
append_uint (GString *buf,
             guint64  value)
{
  char digits[24];
  guint n = 0;

  do
    digits[n++] = (char) ('0' + value % 10);
  while ((value /= 10) > 0);
  while (n > 0)
    g_string_append_c (buf, digits[--n]);
}

/* ---- movies ---- */

static void
append_genres (GString         *buf,
               const CgCatalog *catalog,
               guint32          genres)
{
  gboolean first = TRUE;

  if (genres == 0)
    {
      g_string_append (buf, "(no genres listed)");
      return;
    }
  for (guint g = 0; g < catalog->n_genres; g++)
    if (genres & (1u << g))
      {
        if (!first)
          g_string_append_c (buf, '|');
        g_string_append (buf, catalog->genre_names[g]);
        first = FALSE;
      }
}

/* RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
static void
append_csv_field (GString    *buf,
                  const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (buf, text);
      return;
    }
  g_string_append_c (buf, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (buf, '"');
      g_string_append_c (buf, *c);
    }
  g_string_append_c (buf, '"');
}

static gboolean
write_movies (const CgCatalog *catalog,
              CgFormat         format,
              const char      *dir,
              GError         **error)
{
  Output out = { 0 };

  if (!output_open (&out, dir, format == CG_FORMAT_CSV ? "movies.csv" : "movies.dat", error))
    {
      output_close (&out, NULL);
      return FALSE;
    }
  if (format == CG_FORMAT_CSV)
    g_string_append (out.buf, "movieId,title,genres\n");
  for (guint m = 0; m < catalog->n_movies; m++)
    {
      const CgMovie *movie = &catalog->movies[m];

      append_uint (out.buf, movie->movie_id);
      if (format == CG_FORMAT_CSV)
        {
          g_string_append_c (out.buf, ',');
          append_csv_field (out.buf, movie->title);
          g_string_append_c (out.buf, ',');
        }
      else
        {
          /* ML-1M's movies.dat is Latin-1, which every synthetic title fits. */
          g_autofree char *latin1 = g_convert (movie->title, -1, "ISO-8859-1", "UTF-8", NULL,
                                               NULL, NULL);

          g_string_append (out.buf, "::");
          g_string_append (out.buf, latin1 != NULL ? latin1 : "?");
          g_string_append (out.buf, "::");
        }
      append_genres (out.buf, catalog, movie->genres);
      g_string_append_c (out.buf, '\n');
      output_maybe_flush (&out);
    }
  return output_close (&out, error);
}

/* ---- ratings ---- */

static void
append_stars (GString *buf,
              float    rating,
              gboolean csv)
{
  guint halves = (guint) (rating * 2 + 0.5f);

  append_uint (buf, halves / 2);
  if (csv)
    g_string_append (buf, halves % 2 ? ".5" : ".0");
}

static gboolean
write_ratings (const CgRating *ratings,
               gsize           n,
               CgFormat        format,
               const char     *dir,
               GError        **error)
{
  gboolean csv = format == CG_FORMAT_CSV;
  const char *sep = csv ? "," : "::";
  Output out = { 0 };

  if (!output_open (&out, dir, csv ? "ratings.csv" : "ratings.dat", error))
    {
      output_close (&out, NULL);
      return FALSE;
    }
  if (csv)
    g_string_append (out.buf, "userId,movieId,rating,timestamp\n");
  for (gsize r = 0; r < n; r++)
    {
      append_uint (out.buf, ratings[r].user_id);
      g_string_append (out.buf, sep);
      append_uint (out.buf, ratings[r].movie_id);
      g_string_append (out.buf, sep);
      append_stars (out.buf, ratings[r].rating, csv);
      g_string_append (out.buf, sep);
      append_uint (out.buf, ratings[r].timestamp);
      g_string_append_c (out.buf, '\n');
      output_maybe_flush (&out);
    }
  return output_close (&out, error);
}

gboolean
cg_synthetic_write (const CgSyntheticShape *shape,
                    CgFormat                format,
                    CgSyntheticWriteFlags   flags,
                    const char             *dir,
                    GError                **error)
{
  g_autoptr(CgCatalog) catalog = NULL;
  g_autofree CgRating *ratings = NULL;
  gsize n = 0;

  g_return_val_if_fail (shape != NULL && dir != NULL, FALSE);
  g_return_val_if_fail (format == CG_FORMAT_ML_1M || format == CG_FORMAT_CSV, FALSE);

  if (format == CG_FORMAT_ML_1M && shape->half_stars)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_INVALID,
                   "ML-1M's ratings.dat holds whole stars only; write half stars as CSV");
      return FALSE;
    }
  ratings = cg_synthetic_ratings (shape, &n, error);
  if (ratings == NULL)
    return FALSE;
  if (flags & CG_SYNTHETIC_WRITE_SHUFFLED)
    {
      CgRng rng;

      cg_rng_seed (&rng, shape->seed ^ G_GUINT64_CONSTANT (0x5eed5eed5eed5eed));
      for (gsize i = n; i > 1; i--)
        {
          gsize j = (gsize) (cg_rng_next_u64 (&rng) % i);
          CgRating tmp = ratings[i - 1];

          ratings[i - 1] = ratings[j];
          ratings[j] = tmp;
        }
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *shown = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create the folder “%s”: %s", shown, g_strerror (saved));
      return FALSE;
    }
  catalog = cg_synthetic_catalog (shape);
  return write_movies (catalog, format, dir, error)
         && write_ratings (ratings, n, format, dir, error);
}
