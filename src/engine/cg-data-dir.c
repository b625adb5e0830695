/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-data-dir.c: finding the MovieLens folder.
 *
 * No path of the build machine is compiled in: an installed program must not look into a
 * source tree that is not there. Uninstalled runs (meson devenv, the tests) name the
 * source tree's data/ folder in $CINEGAN_SOURCE_DATA_DIR instead.
 */
#include "config.h"

#include "cg-data-dir.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cg-error.h"
#include "cg-file-reader.h"
#include "cg-format.h"

static gboolean
holds_movielens (const char *dir)
{
  return cg_format_detect (dir) != CG_FORMAT_NONE;
}

/* The folders discovery scans, in its order, each with why it is looked at: ML-100K's own
 * folder before the folder beside it, as cg_data_dir_find prefers it. */
typedef struct
{
  char       *path;
  const char *origin;
  gboolean    candidate;  /* it may hold a release itself, not only folders that do */
} Place;

static void
place_clear (Place *place)
{
  g_free (place->path);
}

static void
add_place (GArray     *places,
           const char *path,
           const char *origin,
           gboolean    candidate)
{
  Place place;

  if (path == NULL || *path == '\0')
    return;
  for (guint i = 0; i < places->len; i++)
    if (g_str_equal (g_array_index (places, Place, i).path, path))
      return;
  place.path = g_strdup (path);
  place.origin = origin;
  place.candidate = candidate;
  g_array_append_val (places, place);
}

static GArray *
scanned_places (const char *override)
{
  GArray *places = g_array_new (FALSE, FALSE, sizeof (Place));
  g_autofree char *user = g_build_filename (g_get_user_data_dir (), "cinegan", NULL);
  g_autofree char *user_100k = g_build_filename (user, "ml-100k", NULL);
  const char *source = g_getenv ("CINEGAN_SOURCE_DATA_DIR");

  g_array_set_clear_func (places, (GDestroyNotify) place_clear);
  add_place (places, override, "--data-dir", TRUE);
  add_place (places, g_getenv ("CINEGAN_DATA_DIR"), "$CINEGAN_DATA_DIR", TRUE);
  add_place (places, user_100k, "your data folder", TRUE);
  add_place (places, user, "your data folder", FALSE);
  if (source != NULL && *source != '\0')
    {
      g_autofree char *source_100k = g_build_filename (source, "ml-100k", NULL);

      add_place (places, source_100k, "the source tree", TRUE);
      add_place (places, source, "the source tree", FALSE);
    }
  return places;
}

/* The places' paths, or only the candidates' — newly allocated. */
static char **
place_paths (const char *override,
             gboolean    candidates_only)
{
  g_autoptr(GArray) places = scanned_places (override);
  char **paths = g_new0 (char *, places->len + 1);
  guint n = 0;

  for (guint i = 0; i < places->len; i++)
    {
      const Place *place = &g_array_index (places, Place, i);

      if (place->candidate || !candidates_only)
        paths[n++] = g_strdup (place->path);
    }
  return paths;
}

char **
cg_data_dir_candidates (const char *override)
{
  return place_paths (override, TRUE);
}

char *
cg_data_dir_find (const char *override,
                  GError    **error)
{
  g_auto(GStrv) candidates = NULL;
  g_auto(GStrv) places = NULL;
  g_autofree char *list = NULL;

  /* An explicit choice is never silently replaced by another folder. */
  if (override != NULL && *override != '\0')
    {
      if (holds_movielens (override))
        return g_strdup (override);
      g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
                   "No MovieLens data in “%s” (none of u.item, movies.dat with ratings.dat, "
                   "movies.csv with ratings.csv)", override);
      return NULL;
    }

  candidates = cg_data_dir_candidates (NULL);
  for (guint i = 0; candidates[i] != NULL; i++)
    if (holds_movielens (candidates[i]))
      return g_strdup (candidates[i]);
  {
    g_autoptr(GPtrArray) found = cg_data_dir_discover (NULL);

    if (found->len > 0)
      return g_strdup (((CgDataSource *) g_ptr_array_index (found, 0))->path);
  }

  places = cg_data_dir_places (NULL);
  list = g_strjoinv ("”, “", places);
  g_set_error (error, CG_ERROR, CG_ERROR_NOT_FOUND,
               "MovieLens data not found; looked in “%s” and the folders directly inside "
               "them. Get a release with data/fetch-movielens.sh or point --data-dir / "
               "CINEGAN_DATA_DIR at an unpacked ml-100k, ml-1m, ml-latest-small, ml-25m or "
               "ml-32m folder", list);
  return NULL;
}

/* ---- discovery ---- */

void
cg_data_source_free (CgDataSource *source)
{
  if (source == NULL)
    return;
  g_free (source->path);
  g_free (source->release);
  g_free (source->origin);
  g_free (source);
}

CgDataSource *
cg_data_source_copy (const CgDataSource *source)
{
  CgDataSource *copy;

  g_return_val_if_fail (source != NULL, NULL);

  copy = g_memdup2 (source, sizeof *source);
  copy->path = g_strdup (source->path);
  copy->release = g_strdup (source->release);
  copy->origin = g_strdup (source->origin);
  return copy;
}

static char *
ratings_path (const char *dir,
              CgFormat    format)
{
  return g_build_filename (dir, cg_format_ratings_file (format), NULL);
}

/* Adds dir when it holds a release that is not listed yet. */
static void
add_source (GPtrArray  *found,
            GHashTable *seen,
            const char *dir,
            const char *origin)
{
  g_autofree char *key = g_canonicalize_filename (dir, NULL);
  g_autofree char *ratings = NULL;
  CgDataSource *source;
  CgFormat format;
  GStatBuf st;

  if (g_hash_table_contains (seen, key))
    return;
  format = cg_format_detect (dir);
  if (format == CG_FORMAT_NONE)
    return;
  g_hash_table_add (seen, g_steal_pointer (&key));
  source = g_new0 (CgDataSource, 1);
  source->path = g_strdup (dir);
  source->format = format;
  source->release = cg_format_guess_release (dir, format);
  source->origin = g_strdup (origin);
  ratings = ratings_path (dir, format);
  if (g_stat (ratings, &st) == 0 && S_ISREG (st.st_mode))
    source->ratings_bytes = (guint64) st.st_size;
  g_ptr_array_add (found, source);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* root itself, then the folders directly inside it by name (hidden ones, such as the fetch
 * script's unfinished downloads, skipped). */
static void
scan (GPtrArray  *found,
      GHashTable *seen,
      const char *root,
      const char *origin)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir;
  const char *name;

  if (root == NULL || *root == '\0')
    return;
  add_source (found, seen, root, origin);
  dir = g_dir_open (root, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (root, g_ptr_array_index (names, i), NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        add_source (found, seen, child, origin);
    }
}

char **
cg_data_dir_places (const char *override)
{
  return place_paths (override, FALSE);
}

GPtrArray *
cg_data_dir_discover (const char *override)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_data_source_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) places = scanned_places (override);

  for (guint i = 0; i < places->len; i++)
    {
      const Place *place = &g_array_index (places, Place, i);

      scan (found, seen, place->path, place->origin);
    }
  return found;
}

/* Lines that hold something, counted block by block. */
static gboolean
count_lines (const char   *path,
             GCancellable *cancellable,
             guint64      *n_out,
             GError      **error)
{
  g_autoptr(CgFileReader) reader = cg_file_reader_open (path, error);
  g_autoptr(GError) local_error = NULL;
  const char *text;
  gsize len;
  guint64 n = 0;
  gboolean at_line_start = TRUE;

  if (reader == NULL)
    return FALSE;
  while (cg_file_reader_next (reader, &text, &len, &local_error))
    {
      for (const char *p = text, *end = text + len; p < end;)
        {
          const char *nl = memchr (p, '\n', (gsize) (end - p));
          const char *stop = nl != NULL ? nl : end;

          /* A blank line (or a lone "\r") is not a record. */
          if (at_line_start && stop > p && !(stop == p + 1 && *p == '\r'))
            n++;
          at_line_start = nl != NULL;
          p = nl != NULL ? nl + 1 : end;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *n_out = n;
  return TRUE;
}

gboolean
cg_data_source_count (CgDataSource *source,
                      GCancellable *cancellable,
                      GError      **error)
{
  g_autofree char *movies = NULL;
  g_autofree char *ratings = NULL;
  guint64 n_movies = 0, n_ratings = 0;
  guint header = source->format == CG_FORMAT_CSV ? 1 : 0;

  g_return_val_if_fail (source != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  movies = g_build_filename (source->path, cg_format_movies_file (source->format), NULL);
  ratings = ratings_path (source->path, source->format);
  if (!count_lines (movies, cancellable, &n_movies, error))
    return FALSE;
  /* ML-100K may come with its split files only. */
  if ((source->format != CG_FORMAT_ML_100K || g_file_test (ratings, G_FILE_TEST_EXISTS))
      && !count_lines (ratings, cancellable, &n_ratings, error))
    return FALSE;
  source->n_movies = (guint) MIN (n_movies - MIN (n_movies, header), G_MAXUINT);
  source->n_ratings = n_ratings - MIN (n_ratings, header);
  source->counted = TRUE;
  return TRUE;
}

/* 25000095 → "25,000,095". */
static char *
with_separators (guint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
cg_data_source_describe (const CgDataSource *source)
{
  GString *out;

  g_return_val_if_fail (source != NULL, NULL);

  out = g_string_new (cg_format_name (source->format));
  if (source->release != NULL)
    g_string_append_printf (out, " (%s)", source->release);
  if (source->counted)
    {
      g_autofree char *movies = with_separators (source->n_movies);
      g_autofree char *ratings = with_separators (source->n_ratings);

      g_string_append_printf (out, ": %s movies, %s ratings", movies, ratings);
    }
  return g_string_free (out, FALSE);
}
