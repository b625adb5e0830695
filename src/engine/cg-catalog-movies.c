/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-catalog-movies.c: movies.dat (ML-1M) and movies.csv (the CSV releases).
 *
 *   movies.dat   MovieID::Title (Year)::Genre|Genre        Latin-1, no header
 *   movies.csv   movieId,title,genres                      UTF-8, header, RFC 4180 quoting
 *
 * Neither file lists its genres apart from the movies, so the genre table is built from
 * the names used, sorted so that the same names always get the same bits.
 */
#include "cg-catalog-private.h"

#include <stdlib.h>
#include <string.h>

#include "cg-csv.h"
#include "cg-error.h"
#include "cg-movie-title.h"

#define NO_GENRES  "(no genres listed)"
#define CSV_HEADER "movieId,title,genres"

/* ---- genres ---- */

typedef struct
{
  GHashTable *index;  /* name → position in names + 1 */
  GPtrArray  *names;  /* in order of first use */
} GenreTable;

static void
genre_table_init (GenreTable *table)
{
  table->index = g_hash_table_new (g_str_hash, g_str_equal);
  table->names = g_ptr_array_new_with_free_func (g_free);
}

static void
genre_table_clear (GenreTable *table)
{
  g_clear_pointer (&table->index, g_hash_table_unref);
  g_clear_pointer (&table->names, g_ptr_array_unref);
}

/* "Action|Comedy" → bits in the order of first use; "(no genres listed)" → none. */
static gboolean
parse_genres (GenreTable    *table,
              CgFormat       format,
              const CgField *field,
              guint32       *bits,
              const char    *file,
              guint          line,
              GError       **error)
{
  CgField names[CG_MAX_GENRES + 1];
  guint n;

  *bits = 0;
  if (field->len == strlen (NO_GENRES) && memcmp (field->text, NO_GENRES, field->len) == 0)
    return TRUE;
  n = cg_fields_split (field->text, field->len, '|', names, G_N_ELEMENTS (names));
  if (n > G_N_ELEMENTS (names))
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                   "%s:%u: %u genres, more than the %d a catalogue can have", file, line, n,
                   CG_MAX_GENRES);
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *name = NULL;
      gpointer position;

      if (names[k].len == 0)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: empty genre name in the genres “%.*s”", file, line,
                       (int) MIN (field->len, 80), field->text);
          return FALSE;
        }
      name = format == CG_FORMAT_ML_1M ? cg_latin1_to_utf8 (names[k].text, names[k].len)
                                       : g_strndup (names[k].text, names[k].len);
      position = g_hash_table_lookup (table->index, name);
      if (position == NULL)
        {
          if (table->names->len == CG_MAX_GENRES)
            {
              g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                           "%s:%u: genre “%s” is one more than the %d genres a catalogue can "
                           "have", file, line, name, CG_MAX_GENRES);
              return FALSE;
            }
          g_ptr_array_add (table->names, g_strdup (name));
          position = GUINT_TO_POINTER (table->names->len);
          g_hash_table_insert (table->index, g_ptr_array_index (table->names,
                                                                table->names->len - 1),
                               position);
        }
      *bits |= 1u << (GPOINTER_TO_UINT (position) - 1);
    }
  return TRUE;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Sorts the names into the catalogue and renumbers every movie's bits to match. */
static void
genre_table_finish (GenreTable *table,
                    CgCatalog  *catalog,
                    GArray     *movies)
{
  guint n = table->names->len;
  g_autofree char **sorted = g_new (char *, n + 1);
  guint to_sorted[CG_MAX_GENRES];

  if (n > 0)
    memcpy (sorted, table->names->pdata, sizeof (char *) * n);
  qsort (sorted, n, sizeof (char *), compare_names);
  for (guint s = 0; s < n; s++)
    to_sorted[GPOINTER_TO_UINT (g_hash_table_lookup (table->index, sorted[s])) - 1] = s;

  for (guint m = 0; m < movies->len; m++)
    {
      CgMovie *movie = &g_array_index (movies, CgMovie, m);
      guint32 bits = 0;

      for (guint g = 0; g < n; g++)
        if (movie->genres & (1u << g))
          bits |= 1u << to_sorted[g];
      movie->genres = bits;
    }

  catalog->n_genres = n;
  catalog->genre_names = g_new (char *, n + 1);
  for (guint s = 0; s < n; s++)
    catalog->genre_names[s] = g_strdup (sorted[s]);
  catalog->genre_names[n] = NULL;
}

/* ---- titles ---- */

/* The title as UTF-8 without surrounding spaces, or an error naming file:line. */
static gboolean
take_title (CgFormat       format,
            const CgField *field,
            CgMovie       *movie,
            const char    *file,
            guint          line,
            GError       **error)
{
  const char *start = field->text, *end = field->text + field->len;

  while (start < end && *start == ' ')
    start++;
  while (end > start && end[-1] == ' ')
    end--;
  if (start == end)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE, "%s:%u: movie %u has an empty title", file,
                   line, movie->movie_id);
      return FALSE;
    }
  if (format == CG_FORMAT_ML_1M)
    movie->title = cg_latin1_to_utf8 (start, (gsize) (end - start));
  else if (!g_utf8_validate_len (start, (gsize) (end - start), NULL))
    {
      CgField shown_field = { start, (gsize) (end - start) };
      g_autofree char *shown = cg_field_describe (&shown_field);

      g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                   "%s:%u: the title %s of movie %u is not valid UTF-8", file, line, shown,
                   movie->movie_id);
      return FALSE;
    }
  else
    movie->title = g_strndup (start, (gsize) (end - start));
  cg_movie_title_find_year (movie->title, &movie->year, NULL, NULL);
  return TRUE;
}

/* ---- one movie ---- */

static gboolean
take_movie (CgFormat       format,
            GenreTable    *genres,
            const CgField *fields,
            GArray        *movies,
            GArray        *lines,
            const char    *file,
            guint          line,
            GError       **error)
{
  CgMovie movie = { 0 };

  if (!_cg_catalog_parse_movie_id (&fields[0], file, line, &movie.movie_id, error)
      || !parse_genres (genres, format, &fields[2], &movie.genres, file, line, error)
      || !take_title (format, &fields[1], &movie, file, line, error))
    return FALSE;
  g_array_append_val (movies, movie);
  g_array_append_val (lines, line);
  return TRUE;
}

static gboolean
parse_dat (GenreTable *genres,
           const char *text,
           gsize       len,
           const char *file,
           GArray     *movies,
           GArray     *lines,
           GError    **error)
{
  CgLineReader reader;
  const char *line;
  gsize line_len;

  cg_line_reader_init (&reader, text, len);
  while (cg_line_reader_next (&reader, &line, &line_len))
    {
      CgField fields[3];
      guint n;

      if (line_len == 0)
        continue;
      n = cg_fields_split_str (line, line_len, "::", fields, 3);
      if (n != 3)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: expected 3 “::”-separated fields (MovieID::Title::Genres), "
                       "found %u", file, reader.line_no, n);
          return FALSE;
        }
      if (!take_movie (CG_FORMAT_ML_1M, genres, fields, movies, lines, file, reader.line_no,
                       error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_csv_header (const CgField *fields,
               guint          n)
{
  static const char *const names[] = { "movieId", "title", "genres" };
  CgField first = fields[0];

  if (n != 3)
    return FALSE;
  if (first.len >= 3 && memcmp (first.text, "\xef\xbb\xbf", 3) == 0)
    {
      first.text += 3;
      first.len -= 3;
    }
  for (guint f = 0; f < 3; f++)
    {
      const CgField *field = f == 0 ? &first : &fields[f];

      if (field->len != strlen (names[f]) || memcmp (field->text, names[f], field->len) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_csv (GenreTable *genres,
           const char *text,
           gsize       len,
           const char *file,
           GArray     *movies,
           GArray     *lines,
           GError    **error)
{
  CgCsvReader reader;
  CgField fields[3];
  guint n;
  gboolean header = TRUE;
  gboolean ok = TRUE;
  CgCsvStatus status;

  cg_csv_reader_init (&reader, text, len);
  while (ok && (status = cg_csv_reader_next (&reader, fields, 3, &n)) == CG_CSV_RECORD)
    {
      if (header)
        {
          if (!is_csv_header (fields, n))
            {
              g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                           "%s:%u: expected the header “" CSV_HEADER "”", file,
                           reader.record_line);
              ok = FALSE;
            }
          header = FALSE;
        }
      else if (n == 1 && fields[0].len == 0)
        continue;
      else if (n != 3)
        {
          g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                       "%s:%u: expected 3 comma-separated fields (movieId,title,genres), found "
                       "%u; a title with a comma must be in double quotes", file,
                       reader.record_line, n);
          ok = FALSE;
        }
      else
        ok = take_movie (CG_FORMAT_CSV, genres, fields, movies, lines, file,
                         reader.record_line, error);
    }
  if (ok && status == CG_CSV_STRAY_QUOTE)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                   "%s:%u: stray double quote: a field with quotes must be enclosed in them, "
                   "each inner quote doubled", file, reader.line_no);
      ok = FALSE;
    }
  else if (ok && status == CG_CSV_UNTERMINATED)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                   "%s:%u: the quoted field opened here is never closed", file,
                   reader.record_line);
      ok = FALSE;
    }
  else if (ok && header)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_PARSE,
                   "%s: empty, expected the header “" CSV_HEADER "”", file);
      ok = FALSE;
    }
  cg_csv_reader_clear (&reader);
  return ok;
}

CgCatalog *
cg_catalog_parse_movies (CgFormat    format,
                          const char *text,
                          gsize       len,
                          const char *file,
                          GError    **error)
{
  g_autoptr(CgCatalog) catalog = _cg_catalog_new (format);
  g_autoptr(GArray) movies = _cg_movie_array_new ();
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  GenreTable genres;
  gboolean ok;

  g_return_val_if_fail (format == CG_FORMAT_ML_1M || format == CG_FORMAT_CSV, NULL);

  genre_table_init (&genres);
  ok = format == CG_FORMAT_ML_1M ? parse_dat (&genres, text, len, file, movies, lines, error)
                                 : parse_csv (&genres, text, len, file, movies, lines, error);
  if (ok)
    genre_table_finish (&genres, catalog, movies);
  genre_table_clear (&genres);
  if (!ok || !_cg_catalog_take_movies (catalog, g_steal_pointer (&movies), lines, file, error))
    return NULL;
  return g_steal_pointer (&catalog);
}
