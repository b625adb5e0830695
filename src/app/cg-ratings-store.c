/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings-store.c: your ratings — a table on the main thread, a journal on disk.
 *
 * See the header for the file and the recovery rules. Every change gets a number; the
 * writer (cg-ratings-writer.c) reports up to which number the file is current, and the
 * changes after it are "unsaved". Saving is in one of three states:
 *
 *   SAVING   changes are appended as they come;
 *   FAILED   a write failed (or the folder takes no file): changes stay in the table, and a
 *            retry rewrites the whole file once a probe file can be created beside it;
 *   BLOCKED  the file could not be read: it must not be replaced by what little we know,
 *            so nothing is written; a retry reads it again and, once it can, puts the
 *            session's changes on top of what it holds.
 *
 * Both FAILED and BLOCKED set saving-problem and retry on a timer.
 */

#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-error.h"
#include "cg-file.h"
#include "cg-ratings-journal.h"
#include "cg-ratings-store.h"
#include "cg-ratings-writer.h"

/* A ratings file above this is not ours; a person's ratings stay far below it even as a
 * journal of years of clicks. */
#define MAX_FILE_SIZE (G_GUINT64_CONSTANT (1) << 30)
#define DEFAULT_RETRY_INTERVAL_MS 5000

typedef enum
{
  SAVING,
  FAILED,
  BLOCKED,
} SaveState;

struct _CgRatingsStore
{
  GObject          parent_instance;

  /* borrowed */
  GMainContext    *context;        /* where the writer reports and the retries run */

  /* owned */
  char            *path;
  GHashTable      *ratings;        /* movie ID → CgStoredRating*: what the app shows */
  char            *warning;
  char            *backup_path;
  CgRatingsWriter *writer;         /* started at the first write */
  GHashTable      *unsaved;        /* movie ID → number of its latest change not on disk */
  guint64          seq;            /* number of the latest change */
  SaveState        state;
  char            *saving_problem;
  guint            retry_interval_ms;
  GSource         *retry_source;
};

G_DEFINE_FINAL_TYPE (CgRatingsStore, cg_ratings_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_SAVING_PROBLEM,
  PROP_N_UNSAVED,
  PROP_RETRY_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_writer_report_cb (gpointer data);

/* ---- saving state ---- */

static CgRatingsWriter *
ensure_writer (CgRatingsStore *self)
{
  if (self->writer == NULL)
    self->writer = cg_ratings_writer_new (self->path, self->context, on_writer_report_cb,
                                          self);
  return self->writer;
}

static gboolean
on_retry_cb (gpointer data)
{
  cg_ratings_store_retry_save (CG_RATINGS_STORE (data));
  return G_SOURCE_CONTINUE;
}

static void
stop_retrying (CgRatingsStore *self)
{
  if (self->retry_source == NULL)
    return;
  g_source_destroy (self->retry_source);
  g_clear_pointer (&self->retry_source, g_source_unref);
}

static void
start_retrying (CgRatingsStore *self)
{
  if (self->retry_source != NULL)
    return;
  self->retry_source = g_timeout_source_new (self->retry_interval_ms);
  g_source_set_callback (self->retry_source, on_retry_cb, self, NULL);
  g_source_set_static_name (self->retry_source, "[cinegan] retry saving ratings");
  g_source_attach (self->retry_source, self->context);
}

/* problem NULL: saving works (SAVING). */
static void
set_state (CgRatingsStore *self,
           SaveState       state,
           const char     *problem)
{
  self->state = state;
  if (state == SAVING)
    stop_retrying (self);
  else
    start_retrying (self);
  if (g_strcmp0 (problem, self->saving_problem) == 0)
    return;
  g_free (self->saving_problem);
  self->saving_problem = g_strdup (problem);
  if (problem != NULL)
    g_message ("Your ratings are not being saved: %s", problem);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING_PROBLEM]);
}

static void
mark_unsaved (CgRatingsStore *self,
              guint32         movie_id)
{
  guint before = g_hash_table_size (self->unsaved);

  g_hash_table_insert (self->unsaved, GUINT_TO_POINTER (movie_id),
                       g_memdup2 (&self->seq, sizeof self->seq));
  if (g_hash_table_size (self->unsaved) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSAVED]);
}

static gboolean
is_written (gpointer key,
            gpointer value,
            gpointer written_seq)
{
  return *(const guint64 *) value <= *(const guint64 *) written_seq;
}

/* What the writer has done, taken in on the main thread. */
static void
take_report (CgRatingsStore *self)
{
  g_autofree char *problem = NULL;
  guint64 written_seq;
  guint before = g_hash_table_size (self->unsaved);

  cg_ratings_writer_get_state (self->writer, &written_seq, &problem);
  g_hash_table_foreach_remove (self->unsaved, is_written, &written_seq);
  if (problem != NULL && self->state != BLOCKED)
    set_state (self, FAILED, problem);
  else if (problem == NULL && self->state == FAILED)
    set_state (self, SAVING, NULL);
  if (g_hash_table_size (self->unsaved) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSAVED]);
}

static void
on_writer_report_cb (gpointer data)
{
  take_report (CG_RATINGS_STORE (data));
}

/* The whole table to disk, replacing the file: after a repair, to compact it, and to
 * retry after a failure. */
static void
queue_rewrite (CgRatingsStore *self)
{
  gsize len;
  char *text = cg_ratings_journal_serialize (self->ratings, &len);

  cg_ratings_writer_rewrite (ensure_writer (self), text, len, self->seq);
}

/* Whether a new file can be put where the ratings go, the folder made if need be. */
static gboolean
probe_writable (CgRatingsStore *self,
                char          **problem)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      *problem = g_strdup_printf ("Could not create the folder “%s”: %s", display,
                                  g_strerror (saved_errno));
      return FALSE;
    }
  if (cg_file_check_replaceable (self->path, CG_FILE_REPLACE_DEFAULT, &error))
    return TRUE;
  *problem = g_strdup (error->message);
  return FALSE;
}

/* ---- loading ---- */

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

/* why names the file already ("Cannot read “…”: it is a FIFO …"). */
static char *
blocked_problem (const char *why)
{
  return g_strdup_printf ("%s. It is left as it is.", why);
}

typedef enum
{
  READ_OK,        /* table filled, maybe with a warning and a rewrite to do */
  READ_MISSING,   /* no file: an empty table */
  READ_FAILED,    /* not read, or its damage not backed up: leave the file alone */
} ReadResult;

/* Reads the file into table. A damaged file is copied aside first (*backup, *warning);
 * *rewrite says whether the file should be rewritten from the table. */
static ReadResult
read_file (const char  *path,
           GHashTable  *table,
           gboolean    *rewrite,
           char       **warning,
           char       **backup,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  CgRatingsJournalStats stats;
  gsize len = 0;

  *rewrite = FALSE;
  if (!cg_file_read (path, MAX_FILE_SIZE, &contents, &len, &local_error))
    {
      /* A file in the place of its folder (ENOTDIR) leaves no file to read either. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          || g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        return READ_MISSING;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return READ_FAILED;
    }

  cg_ratings_journal_parse (contents, len, table, &stats);
  *rewrite = cg_ratings_journal_needs_compaction (&stats, g_hash_table_size (table));
  if (stats.torn_tail)
    g_message ("%s ended in a line cut short, as a crash while saving leaves; it was "
               "dropped", path);
  if (stats.n_bad == 0)
    return READ_OK;

  /* A copy of the damaged bytes goes aside first, written whole then renamed into place;
   * only then is the original replaced, atomically too. A kill at any point leaves the
   * ratings file in its place, damaged or repaired, never missing. */
  {
    g_autofree char *backup_path = make_backup_path (path);
    g_autoptr(GError) backup_error = NULL;
    guint n_kept = g_hash_table_size (table);

    if (!cg_file_replace (backup_path, contents, len, 0600, CG_FILE_REPLACE_DEFAULT,
                          &backup_error))
      {
        g_set_error (error, backup_error->domain, backup_error->code,
                     "Your ratings file %s is damaged and could not be backed up to %s: %s",
                     path, backup_path, backup_error->message);
        return READ_FAILED;
      }
    *warning = g_strdup_printf ("Your ratings file was damaged: %u line(s) could not be read "
                                "(the first at line %u). The original is kept as %s; the %u "
                                "rating(s) that could be read were restored.",
                                stats.n_bad, stats.first_bad, backup_path, n_kept);
    *backup = g_steal_pointer (&backup_path);
  }
  return READ_OK;
}

/* ---- GObject ---- */

static void
cg_ratings_store_dispose (GObject *object)
{
  CgRatingsStore *self = CG_RATINGS_STORE (object);

  /* Waits for the writes in flight: nothing given is dropped on the way out. */
  g_clear_pointer (&self->writer, cg_ratings_writer_free);
  stop_retrying (self);

  G_OBJECT_CLASS (cg_ratings_store_parent_class)->dispose (object);
}

static void
cg_ratings_store_finalize (GObject *object)
{
  CgRatingsStore *self = CG_RATINGS_STORE (object);

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->ratings, g_hash_table_unref);
  g_clear_pointer (&self->unsaved, g_hash_table_unref);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->saving_problem, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

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

    case PROP_SAVING_PROBLEM:
      g_value_set_string (value, self->saving_problem);
      break;

    case PROP_N_UNSAVED:
      g_value_set_uint (value, g_hash_table_size (self->unsaved));
      break;

    case PROP_RETRY_INTERVAL:
      g_value_set_uint (value, self->retry_interval_ms);
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

    case PROP_RETRY_INTERVAL:
      self->retry_interval_ms = g_value_get_uint (value);
      if (self->retry_source != NULL)
        {
          stop_retrying (self);
          start_retrying (self);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_ratings_store_class_init (CgRatingsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_ratings_store_dispose;
  object_class->finalize = cg_ratings_store_finalize;
  object_class->get_property = cg_ratings_store_get_property;
  object_class->set_property = cg_ratings_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * CgRatingsStore:saving-problem:
   *
   * Why ratings are not being saved, in a sentence for people; NULL while saving works.
   * Ratings given meanwhile are kept for the session and saved once it works again.
   */
  properties[PROP_SAVING_PROBLEM] =
    g_param_spec_string ("saving-problem", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CgRatingsStore:n-unsaved:
   *
   * How many movies have a rating (or a cleared one) not yet on disk.
   */
  properties[PROP_N_UNSAVED] =
    g_param_spec_uint ("n-unsaved", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CgRatingsStore:retry-interval:
   *
   * Milliseconds between attempts to save again while saving-problem is set.
   */
  properties[PROP_RETRY_INTERVAL] =
    g_param_spec_uint ("retry-interval", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_RETRY_INTERVAL_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

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
  self->ratings = cg_ratings_table_new ();
  self->unsaved = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->context = g_main_context_ref_thread_default ();
  self->retry_interval_ms = DEFAULT_RETRY_INTERVAL_MS;
  self->state = SAVING;
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
  g_autofree char *probe_problem = NULL;
  gboolean rewrite = FALSE;
  ReadResult result;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), FALSE);

  /* A fresh start: what the writer still had is written first, then forgotten. */
  g_clear_pointer (&self->writer, cg_ratings_writer_free);
  g_hash_table_remove_all (self->ratings);
  g_hash_table_remove_all (self->unsaved);
  g_clear_pointer (&self->warning, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNSAVED]);

  result = read_file (self->path, self->ratings, &rewrite, &self->warning,
                      &self->backup_path, &local_error);
  if (result == READ_FAILED)
    {
      g_autofree char *problem = blocked_problem (local_error->message);

      /* What could be read is not shown: without all of it, a change would seem to be
       * saved over ratings that are not there. */
      g_hash_table_remove_all (self->ratings);
      set_state (self, BLOCKED, problem);
      g_signal_emit (self, signals[CHANGED], 0, 0u, 0u);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Could not read your ratings: ");
      return FALSE;
    }

  if (self->warning != NULL)
    g_message ("%s", self->warning);
  set_state (self, SAVING, NULL);
  if (rewrite)
    queue_rewrite (self);
  /* Otherwise a probe tells at once whether ratings can be saved at all (making the
   * folder if need be), so the person hears of a read-only folder before giving ratings,
   * not after. */
  else if (!probe_writable (self, &probe_problem))
    set_state (self, FAILED, probe_problem);
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
  const CgStoredRating *stored;

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
  guint32 now;

  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), FALSE);
  g_return_val_if_fail (movie_id != 0, FALSE);
  g_return_val_if_fail (rating <= 5, FALSE);

  if (cg_ratings_store_get_rating (self, movie_id) == rating)
    return TRUE;

  now = (guint32) (g_get_real_time () / G_USEC_PER_SEC);
  cg_ratings_table_set (self->ratings, movie_id, rating, now);
  self->seq++;
  mark_unsaved (self, movie_id);
  /* While saving fails, the change waits in the table for the retry's rewrite: appended
   * after changes that were lost, it would make the file read as a state never seen. */
  if (self->state == SAVING)
    cg_ratings_writer_append (ensure_writer (self), movie_id, rating, now, self->seq);

  g_signal_emit (self, signals[CHANGED], 0, (guint) movie_id, rating);
  return TRUE;
}

const char *
cg_ratings_store_get_saving_problem (CgRatingsStore *self)
{
  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), NULL);

  return self->saving_problem;
}

guint
cg_ratings_store_get_n_unsaved (CgRatingsStore *self)
{
  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), 0);

  return g_hash_table_size (self->unsaved);
}

/* The file can be read again: what it holds, with the session's changes on top. */
static void
retry_blocked (CgRatingsStore *self)
{
  g_autoptr(GHashTable) disk = cg_ratings_table_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL, *backup = NULL;
  gboolean rewrite;
  GHashTableIter iter;
  gpointer key;

  if (read_file (self->path, disk, &rewrite, &warning, &backup, &error) == READ_FAILED)
    {
      g_autofree char *problem = blocked_problem (error->message);

      set_state (self, BLOCKED, problem);
      return;
    }
  g_hash_table_iter_init (&iter, self->unsaved);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const CgStoredRating *mine = g_hash_table_lookup (self->ratings, key);

      cg_ratings_table_set (disk, GPOINTER_TO_UINT (key), mine != NULL ? mine->rating : 0,
                            mine != NULL ? mine->timestamp : 0);
    }
  g_hash_table_unref (self->ratings);
  self->ratings = g_steal_pointer (&disk);
  if (warning != NULL)
    {
      g_free (self->warning);
      self->warning = g_steal_pointer (&warning);
      g_free (self->backup_path);
      self->backup_path = g_steal_pointer (&backup);
    }
  /* Saved as soon as the rewrite reports; until then, the problem stands. */
  self->state = FAILED;
  queue_rewrite (self);
  g_signal_emit (self, signals[CHANGED], 0, 0u, 0u);
}

void
cg_ratings_store_retry_save (CgRatingsStore *self)
{
  g_autofree char *problem = NULL;

  g_return_if_fail (CG_IS_RATINGS_STORE (self));

  if (self->state == SAVING)
    return;
  if (self->state == BLOCKED)
    {
      retry_blocked (self);
      return;
    }
  if (!probe_writable (self, &problem))
    {
      set_state (self, FAILED, problem);
      return;
    }
  if (self->writer == NULL && g_hash_table_size (self->unsaved) == 0)
    {
      /* Nothing was ever lost: the folder takes files again, and that is all. */
      set_state (self, SAVING, NULL);
      return;
    }
  queue_rewrite (self);
}

gboolean
cg_ratings_store_flush (CgRatingsStore *self,
                        GError        **error)
{
  g_return_val_if_fail (CG_IS_RATINGS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->writer != NULL)
    {
      cg_ratings_writer_wait (self->writer);
      take_report (self);
    }
  if (self->saving_problem == NULL && g_hash_table_size (self->unsaved) == 0)
    return TRUE;
  g_set_error (error, CG_ERROR, CG_ERROR_IO, "%u rating(s) not saved: %s",
               g_hash_table_size (self->unsaved),
               self->saving_problem != NULL ? self->saving_problem : "still being written");
  return FALSE;
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
    if (((const CgStoredRating *) value)->rating >= threshold)
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

  ids = cg_ratings_table_sorted_ids (self->ratings, &n);
  out = g_new0 (CgRating, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const CgStoredRating *r = g_hash_table_lookup (self->ratings, GUINT_TO_POINTER (ids[i]));

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

  ids = cg_ratings_table_sorted_ids (self->ratings, &n);
  out = g_new (guint32, MAX (n, 1));
  /* Item indices follow raw movie IDs in order, so this stays ascending. */
  for (guint i = 0; i < n; i++)
    {
      const CgStoredRating *r = g_hash_table_lookup (self->ratings, GUINT_TO_POINTER (ids[i]));
      gint32 item = cg_dataset_item_index (dataset, ids[i]);

      if (item >= 0 && r->rating >= min_rating)
        out[k++] = (guint32) item;
    }
  *n_out = k;
  if (k == 0)
    g_clear_pointer (&out, g_free);
  return out;
}
