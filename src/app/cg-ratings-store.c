/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings-store.c: your ratings, persisted atomically on every change.
 *
 * See the header for the file format and the recovery rules. The table is small (at most a
 * few thousand movies), so every save rewrites the whole file; that keeps the on-disk state
 * a single atomic rename away from the in-memory one.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-error.h"
#include "cg-ratings-store.h"

#define FILE_HEADER "# Cinegan ratings v1: movie_id<TAB>rating<TAB>unix_time\n"

typedef struct
{
  guint8  rating;     /* 1–5 */
  guint32 timestamp;  /* when it was given, seconds since the epoch */
} StoredRating;

struct _CgRatingsStore
{
  GObject     parent_instance;

  /* owned */
  char       *path;
  GHashTable *ratings;      /* movie ID (GUINT_TO_POINTER) → StoredRating* */
  char       *warning;
  char       *backup_path;
  gboolean    read_only;    /* the file could not be read or backed up: never overwrite it */
};

G_DEFINE_FINAL_TYPE (CgRatingsStore, cg_ratings_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ---- */

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* The movie IDs, ascending, so the file and every exported array are in a stable order. */
static guint32 *
sorted_movie_ids (CgRatingsStore *self,
                  guint          *n_out)
{
  GHashTableIter iter;
  gpointer key;
  guint n = g_hash_table_size (self->ratings);
  guint32 *ids = g_new (guint32, MAX (n, 1));
  guint i = 0;

  g_hash_table_iter_init (&iter, self->ratings);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    ids[i++] = GPOINTER_TO_UINT (key);
  qsort (ids, n, sizeof *ids, compare_guint32);
  *n_out = n;
  return ids;
}

static char *
serialize (CgRatingsStore *self,
           gsize          *len_out)
{
  GString *text = g_string_new (FILE_HEADER);
  guint n;
  g_autofree guint32 *ids = sorted_movie_ids (self, &n);

  for (guint i = 0; i < n; i++)
    {
      const StoredRating *r = g_hash_table_lookup (self->ratings, GUINT_TO_POINTER (ids[i]));

      g_string_append_printf (text, "%u\t%u\t%u\n", ids[i], r->rating, r->timestamp);
    }
  *len_out = text->len;
  return g_string_free (text, FALSE);
}

static gboolean
save (CgRatingsStore *self,
      GError        **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *text = NULL;
  gsize len;

  if (self->read_only)
    {
      g_set_error (error, CG_ERROR, CG_ERROR_IO,
                   "Ratings are not saved: %s could not be read or backed up, and is left "
                   "untouched", self->path);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  text = serialize (self, &len);
  /* CONSISTENT writes a temporary file and renames it over the old one; DURABLE adds the
   * fsync that makes the rename safe against a power cut, not only a kill. */
  return g_file_set_contents_full (self->path, text, len,
                                   G_FILE_SET_CONTENTS_CONSISTENT |
                                   G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  char *end = NULL;
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  value = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || *end != '\0' || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

/* One data line: "movie<TAB>rating[<TAB>time]". FALSE when it is anything else. */
static gboolean
parse_line (const char   *line,
            guint32      *movie_id,
            StoredRating *stored)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", -1);
  guint n = g_strv_length (fields);
  guint64 id, rating, timestamp = 0;

  if (n < 2 || n > 3)
    return FALSE;
  if (!parse_uint (fields[0], G_MAXUINT32, &id) || id == 0)
    return FALSE;
  if (!parse_uint (fields[1], 5, &rating) || rating == 0)
    return FALSE;
  if (n == 3 && !parse_uint (fields[2], G_MAXUINT32, &timestamp))
    return FALSE;
  *movie_id = (guint32) id;
  stored->rating = (guint8) rating;
  stored->timestamp = (guint32) timestamp;
  return TRUE;
}

/* A name next to the file that does not exist yet: ratings.tsv.corrupt-20250101-120000. */
static char *
make_backup_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *candidate = g_strdup_printf ("%s.corrupt-%s", path, stamp);

  for (guint i = 2; g_file_test (candidate, G_FILE_TEST_EXISTS); i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, i);
    }
  return candidate;
}

/* ---- GObject ---- */

static void
cg_ratings_store_finalize (GObject *object)
{
  CgRatingsStore *self = CG_RATINGS_STORE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->ratings, g_hash_table_unref);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (cg_ratings_store_parent_class)->finalize (object);
}

static void
cg_ratings_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CgRatingsStore *self = CG_RATINGS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_ratings_store_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CgRatingsStore *self = CG_RATINGS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_ratings_store_class_init (CgRatingsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_ratings_store_finalize;
  object_class->get_property = cg_ratings_store_get_property;
  object_class->set_property = cg_ratings_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CgRatingsStore::changed:
   * @movie_id: the raw movie ID, or 0 when the whole table was replaced (after load)
   * @rating: the new rating, 0 when cleared (meaningless when @movie_id is 0)
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
cg_ratings_store_init (CgRatingsStore *self)
{
  self->ratings = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

/* ---- public API ---- */

char *
cg_ratings_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "cinegan", "ratings.tsv", NULL);
}

CgRatingsStore *
cg_ratings_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (CG_TYPE_RATINGS_STORE, "path", path, NULL);
}

const char *
cg_ratings_store_get_path (CgRatingsStore *self)
{
  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), NULL);

  return self->path;
}

gboolean
cg_ratings_store_load (CgRatingsStore *self,
                       GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = 0;
  guint n_bad = 0;
  guint first_bad = 0;
  gboolean bad_encoding;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), FALSE);

  g_hash_table_remove_all (self->ratings);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  self->read_only = FALSE;

  if (!g_file_get_contents (self->path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_signal_emit (self, signals[CHANGED], 0, 0u, 0u);
          return TRUE;
        }
      self->read_only = TRUE;
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Could not read your ratings: ");
      return FALSE;
    }

  /* A NUL byte or broken UTF-8 means the file was damaged (or is not ours): parse what we
   * can, but treat it as corrupt so the original bytes are kept aside. */
  bad_encoding = strlen (contents) != len || !g_utf8_validate (contents, len, NULL);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      StoredRating stored;
      guint32 movie_id;
      gsize l = strlen (line);

      if (l > 0 && line[l - 1] == '\r')
        line[l - 1] = '\0';
      if (line[0] == '\0' || line[0] == '#')
        continue;
      if (!parse_line (line, &movie_id, &stored))
        {
          if (n_bad++ == 0)
            first_bad = i + 1;
          continue;
        }
      /* A later line wins, as if the ratings had been given in file order. */
      g_hash_table_insert (self->ratings, GUINT_TO_POINTER (movie_id),
                           g_memdup2 (&stored, sizeof stored));
    }

  if (n_bad > 0 || bad_encoding)
    {
      g_autofree char *backup = make_backup_path (self->path);
      g_autoptr(GError) backup_error = NULL;
      g_autoptr(GError) save_error = NULL;
      guint n_kept = g_hash_table_size (self->ratings);

      /* A copy of the damaged bytes goes aside first, written whole then renamed into
       * place; only then is the original replaced, atomically too. A kill at any point
       * leaves the ratings file in its place, damaged or repaired, never missing (renaming
       * it away first would lose it until the repaired one is written). */
      if (!g_file_set_contents_full (backup, contents, len,
                                     G_FILE_SET_CONTENTS_CONSISTENT |
                                     G_FILE_SET_CONTENTS_DURABLE,
                                     0600, &backup_error))
        {
          self->read_only = TRUE;
          g_set_error (error, backup_error->domain, backup_error->code,
                       "Your ratings file %s is damaged and could not be backed up to %s: %s",
                       self->path, backup, backup_error->message);
          g_signal_emit (self, signals[CHANGED], 0, 0u, 0u);
          return FALSE;
        }
      self->backup_path = g_steal_pointer (&backup);

      if (n_bad > 0)
        self->warning =
          g_strdup_printf ("Your ratings file was damaged: %u line(s) could not be read "
                           "(the first at line %u). The original is kept as %s; the %u "
                           "rating(s) that could be read were restored.",
                           n_bad, first_bad, self->backup_path, n_kept);
      else
        self->warning =
          g_strdup_printf ("Your ratings file was damaged (invalid characters). The "
                           "original is kept as %s; the %u rating(s) that could be read "
                           "were restored.", self->backup_path, n_kept);

      /* Write the readable part back at once, so the next start is clean. */
      if (!save (self, &save_error))
        {
          char *more = g_strdup_printf ("%s Saving the restored ratings failed: %s",
                                        self->warning, save_error->message);

          g_free (self->warning);
          self->warning = more;
        }
      g_message ("%s", self->warning);
    }

  g_signal_emit (self, signals[CHANGED], 0, 0u, 0u);
  return TRUE;
}

const char *
cg_ratings_store_get_warning (CgRatingsStore *self)
{
  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), NULL);

  return self->warning;
}

const char *
cg_ratings_store_get_backup_path (CgRatingsStore *self)
{
  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), NULL);

  return self->backup_path;
}

guint
cg_ratings_store_get_rating (CgRatingsStore *self,
                             guint32         movie_id)
{
  const StoredRating *stored;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), 0);

  stored = g_hash_table_lookup (self->ratings, GUINT_TO_POINTER (movie_id));
  return stored != NULL ? stored->rating : 0;
}

gboolean
cg_ratings_store_set_rating (CgRatingsStore *self,
                             guint32         movie_id,
                             guint           rating,
                             GError        **error)
{
  StoredRating *stored;
  StoredRating previous = { 0, 0 };
  gboolean had_previous;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), FALSE);
  g_return_val_if_fail (movie_id != 0, FALSE);
  g_return_val_if_fail (rating <= 5, FALSE);

  stored = g_hash_table_lookup (self->ratings, GUINT_TO_POINTER (movie_id));
  had_previous = stored != NULL;
  if (had_previous)
    previous = *stored;
  if ((had_previous ? previous.rating : 0) == rating)
    return TRUE;

  if (rating == 0)
    g_hash_table_remove (self->ratings, GUINT_TO_POINTER (movie_id));
  else
    {
      StoredRating *fresh = g_new (StoredRating, 1);

      fresh->rating = (guint8) rating;
      fresh->timestamp = (guint32) (g_get_real_time () / G_USEC_PER_SEC);
      g_hash_table_insert (self->ratings, GUINT_TO_POINTER (movie_id), fresh);
    }

  if (!save (self, error))
    {
      /* Undo, so what the app shows is what is on disk. */
      if (had_previous)
        g_hash_table_insert (self->ratings, GUINT_TO_POINTER (movie_id),
                             g_memdup2 (&previous, sizeof previous));
      else
        g_hash_table_remove (self->ratings, GUINT_TO_POINTER (movie_id));
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0, (guint) movie_id, rating);
  return TRUE;
}

guint
cg_ratings_store_get_n_rated (CgRatingsStore *self)
{
  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), 0);

  return g_hash_table_size (self->ratings);
}

guint
cg_ratings_store_count_at_least (CgRatingsStore *self,
                                 guint           threshold)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), 0);

  g_hash_table_iter_init (&iter, self->ratings);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((const StoredRating *) value)->rating >= threshold)
      n++;
  return n;
}

CgRating *
cg_ratings_store_dup_ratings (CgRatingsStore  *self,
                              const CgDataset *dataset,
                              guint32          user_id,
                              gsize           *n_out)
{
  guint n;
  g_autofree guint32 *ids = NULL;
  CgRating *out;
  gsize k = 0;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), NULL);
  g_return_val_if_fail (n_out != NULL, NULL);

  ids = sorted_movie_ids (self, &n);
  out = g_new0 (CgRating, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const StoredRating *r = g_hash_table_lookup (self->ratings, GUINT_TO_POINTER (ids[i]));

      if (dataset != NULL && cg_dataset_item_index (dataset, ids[i]) < 0)
        continue;
      out[k].user_id = user_id;
      out[k].movie_id = ids[i];
      out[k].rating = r->rating;
      out[k].timestamp = r->timestamp;
      k++;
    }
  *n_out = k;
  return out;
}

guint32 *
cg_ratings_store_dup_items (CgRatingsStore  *self,
                            const CgDataset *dataset,
                            guint            min_rating,
                            guint           *n_out)
{
  guint n;
  g_autofree guint32 *ids = NULL;
  guint32 *out;
  guint k = 0;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (n_out != NULL, NULL);

  ids = sorted_movie_ids (self, &n);
  out = g_new (guint32, MAX (n, 1));
  /* Item indices follow raw movie IDs in order, so this stays ascending. */
  for (guint i = 0; i < n; i++)
    {
      const StoredRating *r = g_hash_table_lookup (self->ratings, GUINT_TO_POINTER (ids[i]));
      gint32 item = cg_dataset_item_index (dataset, ids[i]);

      if (item >= 0 && r->rating >= min_rating)
        out[k++] = (guint32) item;
    }
  *n_out = k;
  if (k == 0)
    g_clear_pointer (&out, g_free);
  return out;
}
