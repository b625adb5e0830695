/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog.c: parsing u.genre and u.item.
 *
 * u.item lines: id|title|release date|video release date|IMDb URL|flag × n_genres, with the
 * release date as dd-Mon-yyyy (or empty) and each flag 0 or 1. Titles are Latin-1, and a few
 * end in a space ("Two Friends (1986) "): they are kept without it, as the other layouts
 * keep theirs.
 */
#include "cg-catalog.h"
#include "cg-catalog-private.h"

#include <string.h>

#include "cg-error.h"
#include "cg-file.h"
#include "cg-lines.h"
#include "cg-sort.h"

#define ITEM_FIXED_FIELDS 5

static void
movie_clear (CgMovie *movie)
{
  g_free (movie->title);
}

CgCatalog *
_cg_catalog_new (CgFormat format)
{
  CgCatalog *catalog = g_new0 (CgCatalog, 1);

  g_atomic_ref_count_init (&catalog->ref_count);
  catalog->format = format;
  return catalog;
}

GArray *
_cg_movie_array_new (void)
{
  GArray *movies = g_array_new (FALSE, TRUE, sizeof (CgMovie));

  g_array_set_clear_func (movies, (GDestroyNotify) movie_clear);
  return movies;
}

CgCatalog *
cg_catalog_ref (CgCatalog *catalog)
{
  g_return_val_if_fail (catalog != NULL, NULL);

  g_atomic_ref_count_inc (&catalog->ref_count);
  return catalog;
}

void
cg_catalog_free (CgCatalog *catalog)
{
  if (catalog == NULL || !g_atomic_ref_count_dec (&catalog->ref_count))
    return;
  for (guint i = 0; i < catalog->n_movies; i++)
    movie_clear (&catalog->movies[i]);
  g_free (catalog->movies);
  g_strfreev (catalog->genre_names);
  cg_id_map_unref (catalog->ids);
  g_free (catalog);
}

char *
cg_latin1_to_utf8 (const char *text,
                   gsize       len)
{
  /* Latin-1 maps each byte to the code point of the same value, so the conversion is a
   * two-byte expansion of the high half; no iconv needed. */
  GString *out = g_string_sized_new (len + 8);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        {
          g_string_append_c (out, (char) (0xc0 | (c >> 6)));
          g_string_append_c (out, (char) (0x80 | (c & 0x3f)));
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
parse_genres (CgCatalog  *catalog,
              const char *text,
              gsize       len,
              const char *file,
              GError    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  CgLineReader reader;
  const char *line;
  gsize line_len;

  cg_line_reader_init (&reader, text, len);
  while (cg_line_reader_next (&reader, &line, &line_len))
    {
      CgField fields[2];
      guint n;
      guint64 index;

      if (line_len == 0)
        continue;
      n = cg_fields_split (line, line_len, '|', fields, 2);
      if (n != 2)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: expected 2 fields “name|index”, found %u",
                       file, reader.line_no, n);
          return FALSE;
        }
      if (!cg_field_parse_uint (&fields[1], G_MAXUINT32, &index))
        {
          g_autofree char *shown = cg_field_describe (&fields[1]);

          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: genre index %s is not a number", file, reader.line_no, shown);
          return FALSE;
        }
      if (index != names->len)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: expected genre index %u, found %" G_GUINT64_FORMAT,
                       file, reader.line_no, names->len, index);
          return FALSE;
        }
      if (names->len == CG_MAX_GENRES)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: more than %d genres", file, reader.line_no, CG_MAX_GENRES);
          return FALSE;
        }
      if (fields[0].len == 0)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: empty genre name", file, reader.line_no);
          return FALSE;
        }
      g_ptr_array_add (names, cg_latin1_to_utf8 (fields[0].text, fields[0].len));
    }

  if (names->len == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE, "%s: no genres", file);
      return FALSE;
    }
  catalog->n_genres = names->len;
  g_ptr_array_add (names, NULL);
  catalog->genre_names = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

/* "01-Jan-1995" → 1995 (the day may have one digit: u.item has "4-Feb-1971"); "" → 0. */
static gboolean
parse_release_year (const CgField *field,
                    guint16       *year)
{
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  gsize day_len = field->len - 9;
  const char *month;
  CgField day, yyyy;
  guint64 d, y;
  gboolean month_ok = FALSE;

  if (field->len == 0)
    {
      *year = 0;
      return TRUE;
    }
  if (field->len < 10 || field->len > 11)
    return FALSE;
  month = field->text + day_len + 1;
  if (field->text[day_len] != '-' || month[3] != '-')
    return FALSE;
  for (guint m = 0; m < 12; m++)
    month_ok |= memcmp (month, months + 3 * m, 3) == 0;
  day = (CgField) { field->text, day_len };
  yyyy = (CgField) { month + 4, 4 };
  if (!month_ok || !cg_field_parse_uint (&day, 31, &d) || d == 0
      || !cg_field_parse_uint (&yyyy, 9999, &y) || y < 1800)
    return FALSE;
  *year = (guint16) y;
  return TRUE;
}

static int
compare_movies_by_id (gconstpointer a,
                      gconstpointer b)
{
  guint32 x = ((const CgMovie *) a)->movie_id;
  guint32 y = ((const CgMovie *) b)->movie_id;

  return (x > y) - (x < y);
}

gboolean
_cg_catalog_parse_movie_id (const CgField *field,
                            const char    *file,
                            guint          line,
                            guint32       *id,
                            GError       **error)
{
  guint64 value;

  if (cg_field_parse_uint (field, CG_ID_MAX, &value) && value > 0)
    {
      *id = (guint32) value;
      return TRUE;
    }
  {
    g_autofree char *shown = cg_field_describe (field);

    g_set_error (error, CG_ERROR, CG_ERROR_PARSE, "%s:%u: movie ID %s is not a number from 1 "
                 "to %u", file, line, shown, CG_ID_MAX);
  }
  return FALSE;
}

/* Marks the movies whose title and year another movie has too, so that a list showing them
 * can tell them apart. */
static void
mark_shared_titles (CgMovie *movies,
                    guint    n_movies)
{
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_movies; i++)
    {
      char *key = g_strdup_printf ("%u|%s", movies[i].year, movies[i].title);
      gpointer seen;

      movies[i].shared_title = FALSE;
      if (g_hash_table_lookup_extended (first, key, NULL, &seen))
        {
          movies[GPOINTER_TO_UINT (seen)].shared_title = TRUE;
          movies[i].shared_title = TRUE;
          g_free (key);
        }
      else
        g_hash_table_insert (first, key, GUINT_TO_POINTER (i));
    }
}

gboolean
_cg_catalog_take_movies (CgCatalog  *catalog,
                         GArray     *taken,
                         GArray     *lines,
                         const char *file,
                         GError    **error)
{
  g_autoptr(GArray) movies = taken;

  if (movies->len == 0)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE, "%s: no movies", file);
      return FALSE;
    }

  /* Repeats are reported in file order: the second listing, naming the first. */
  {
    g_autofree guint64 *keys = g_new (guint64, movies->len);
    guint64 id;
    guint32 repeat_line, first_line;

    for (guint i = 0; i < movies->len; i++)
      keys[i] = g_array_index (movies, CgMovie, i).movie_id;
    if (cg_keys_first_repeat (keys, (const guint32 *) lines->data, movies->len, &id,
                              &repeat_line, &first_line))
      {
        g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                     "%s:%u: movie ID %" G_GUINT64_FORMAT " already listed on line %u",
                     file, repeat_line, id, first_line);
        return FALSE;
      }
  }

  g_array_sort (movies, compare_movies_by_id);
  {
    g_autofree guint32 *ids = g_new (guint32, movies->len);

    for (guint i = 0; i < movies->len; i++)
      ids[i] = g_array_index (movies, CgMovie, i).movie_id;
    catalog->ids = cg_id_map_new (ids, movies->len);
  }

  catalog->n_movies = movies->len;
  g_array_set_clear_func (movies, NULL);
  catalog->movies = (CgMovie *) g_array_free (g_steal_pointer (&movies), FALSE);
  mark_shared_titles (catalog->movies, catalog->n_movies);
  return TRUE;
}

static gboolean
parse_items (CgCatalog  *catalog,
             const char *text,
             gsize       len,
             const char *file,
             GError    **error)
{
  guint n_expected = ITEM_FIXED_FIELDS + catalog->n_genres;
  g_autofree CgField *fields = g_new (CgField, n_expected);
  g_autoptr(GArray) movies = _cg_movie_array_new ();
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  CgLineReader reader;
  const char *line;
  gsize line_len;

  cg_line_reader_init (&reader, text, len);
  while (cg_line_reader_next (&reader, &line, &line_len))
    {
      CgMovie movie = { 0 };
      guint n;

      if (line_len == 0)
        continue;
      n = cg_fields_split (line, line_len, '|', fields, n_expected);
      if (n != n_expected)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: expected %u “|”-separated fields (5 + %u genre flags), found %u",
                       file, reader.line_no, n_expected, catalog->n_genres, n);
          return FALSE;
        }
      if (!_cg_catalog_parse_movie_id (&fields[0], file, reader.line_no, &movie.movie_id,
                                       error))
        return FALSE;
      if (!parse_release_year (&fields[2], &movie.year))
        {
          g_autofree char *shown = cg_field_describe (&fields[2]);

          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: release date %s is not of the form 01-Jan-1995",
                       file, reader.line_no, shown);
          return FALSE;
        }
      for (guint g = 0; g < catalog->n_genres; g++)
        {
          const CgField *flag = &fields[ITEM_FIXED_FIELDS + g];

          if (flag->len != 1 || (flag->text[0] != '0' && flag->text[0] != '1'))
            {
              g_autofree char *shown = cg_field_describe (flag);

              g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                           "%s:%u: genre flag %u (%s) is %s, expected 0 or 1",
                           file, reader.line_no, g, catalog->genre_names[g], shown);
              return FALSE;
            }
          if (flag->text[0] == '1')
            movie.genres |= 1u << g;
        }
      movie.title = g_strstrip (cg_latin1_to_utf8 (fields[1].text, fields[1].len));
      g_array_append_val (movies, movie);
      g_array_append_val (lines, reader.line_no);
    }

  return _cg_catalog_take_movies (catalog, g_steal_pointer (&movies), lines, file, error);
}

CgCatalog *
cg_catalog_parse (const char *genre_text,
                  gsize       genre_len,
                  const char *genre_file,
                  const char *item_text,
                  gsize       item_len,
                  const char *item_file,
                  GError    **error)
{
  g_autoptr(CgCatalog) catalog = _cg_catalog_new (CG_FORMAT_ML_100K);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_genres (catalog, genre_text, genre_len, genre_file, error)
      || !parse_items (catalog, item_text, item_len, item_file, error))
    return NULL;
  return g_steal_pointer (&catalog);
}

/* Movies files are a few megabytes (ML-32M's movies.csv: 4 MB); this refuses a file that
 * cannot be one before reading it. */
#define MAX_MOVIES_FILE (256u << 20)

CgCatalog *
cg_catalog_load_format (const char *dir,
                        CgFormat    format,
                        GError    **error)
{
  g_autofree char *item_path = NULL;
  g_autofree char *item_name = NULL;
  g_autofree char *item_text = NULL;
  gsize item_len;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (cg_format_movies_file (format) != NULL, NULL);

  item_path = g_build_filename (dir, cg_format_movies_file (format), NULL);
  item_name = g_filename_display_name (item_path);
  if (format == CG_FORMAT_ML_100K)
    {
      g_autofree char *genre_path = g_build_filename (dir, "u.genre", NULL);
      g_autofree char *genre_name = g_filename_display_name (genre_path);
      g_autofree char *genre_text = NULL;
      gsize genre_len;

      if (!cg_file_read (genre_path, MAX_MOVIES_FILE, &genre_text, &genre_len, error)
          || !cg_file_read (item_path, MAX_MOVIES_FILE, &item_text, &item_len, error))
        return NULL;
      return cg_catalog_parse (genre_text, genre_len, genre_name, item_text, item_len,
                               item_name, error);
    }
  if (!cg_file_read (item_path, MAX_MOVIES_FILE, &item_text, &item_len, error))
    return NULL;
  return cg_catalog_parse_movies (format, item_text, item_len, item_name, error);
}

CgCatalog *
cg_catalog_load (const char *dir,
                 GError    **error)
{
  CgFormat format;

  g_return_val_if_fail (dir != NULL, NULL);

  format = cg_format_detect (dir);
  if (format == CG_FORMAT_NONE)
    {
      g_autofree char *item = g_build_filename (dir, "u.item", NULL);
      g_autofree char *shown = g_filename_display_name (item);
      g_autofree char *dir_shown = g_filename_display_name (dir);

      g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                   "No MovieLens data in “%s”: found neither %s (MovieLens 100K), movies.dat "
                   "with ratings.dat (MovieLens 1M) nor movies.csv with ratings.csv "
                   "(ML-latest-small, ML-25M, ML-32M)", dir_shown, shown);
      return NULL;
    }
  return cg_catalog_load_format (dir, format, error);
}

const CgMovie *
cg_catalog_lookup (const CgCatalog *catalog,
                   guint32          movie_id)
{
  gint32 position;

  g_return_val_if_fail (catalog != NULL, NULL);

  position = cg_id_map_lookup (catalog->ids, movie_id);
  return position >= 0 ? &catalog->movies[position] : NULL;
}

gint32
cg_catalog_position (const CgCatalog *catalog,
                     guint32          movie_id)
{
  g_return_val_if_fail (catalog != NULL, -1);

  return cg_id_map_lookup (catalog->ids, movie_id);
}

char *
cg_catalog_format_genres (const CgCatalog *catalog,
                          guint32          genres)
{
  GString *out = g_string_new (NULL);

  for (guint g = 0; g < catalog->n_genres; g++)
    if (genres & (1u << g))
      {
        if (out->len > 0)
          g_string_append (out, ", ");
        g_string_append (out, catalog->genre_names[g]);
      }
  return g_string_free (out, FALSE);
}
