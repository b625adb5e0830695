/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-ratings-writer.c: appends and rewrites of the ratings journal, off the main thread.
 *
 * One mutex guards the queue (coalesced changes, at most one rewrite) and the results; the
 * worker holds it only to take work and to post results, never while writing. Reports reach
 * the main thread as one idle source at a time, attached to the store's context (as the
 * store is a main-thread object, nothing else of it is touched here).
 */
#define G_LOG_DOMAIN "cinegan"

#include "config.h"

#include "cg-ratings-writer.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-file.h"
#include "cg-ratings-journal.h"

typedef struct
{
  guint8  rating;     /* 0: cleared */
  guint32 timestamp;
} Change;

struct _CgRatingsWriter
{
  char                *path;
  GMainContext        *context;
  CgRatingsWriterFunc  report;
  gpointer             report_data;
  GThread             *thread;

  GMutex               lock;
  GCond                cond;
  /* The queue. */
  GHashTable          *pending;        /* movie ID → Change*, not yet taken */
  guint64              pending_seq;    /* the newest change in pending */
  char                *rewrite;        /* whole new file, or NULL */
  gsize                rewrite_len;
  guint64              rewrite_seq;
  gboolean             busy;           /* the worker is writing what it took */
  gboolean             quit;
  /* The results. */
  gboolean             failed;         /* the last write failed; appends wait for a rewrite */
  guint64              written_seq;
  char                *problem;
  GSource             *report_source;  /* scheduled, not yet run */
};

/* ---- on the worker ---- */

static void
set_errno_problem (char      **problem,
                   int         saved_errno,
                   const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_free (*problem);
  *problem = g_strdup_printf ("Could not write “%s”: %s", display, g_strerror (saved_errno));
}

static gboolean
ensure_folder (const char *path,
               char      **problem)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;
  set_errno_problem (problem, errno, dir);
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* The changes as lines at the end of the file (created with its header if missing), made
 * durable. Opened non-blocking and checked to be a regular file, so a FIFO put in its
 * place cannot hang the thread; a line cut short by a crash before this write is ended
 * first, so this one starts on a line of its own. */
static gboolean
append_changes (const char  *path,
                GHashTable  *changes,
                char       **problem)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree guint32 *ids = NULL;
  struct stat st;
  guint n;
  int fd;

  if (!ensure_folder (path, problem))
    return FALSE;
  if (cg_file_is_read_only (path))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_free (*problem);
      *problem = g_strdup_printf ("“%s” is read-only", display);
      return FALSE;
    }
  fd = g_open (path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0600);
  if (fd < 0)
    {
      set_errno_problem (problem, errno, path);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_free (*problem);
      *problem = g_strdup_printf ("“%s” is not a regular file", display);
      close (fd);
      return FALSE;
    }
  if (st.st_size == 0)
    g_string_append (text, CG_RATINGS_JOURNAL_HEADER);
  else
    {
      char last = '\n';

      if (pread (fd, &last, 1, st.st_size - 1) == 1 && last != '\n')
        g_string_append_c (text, '\n');
    }
  ids = g_new (guint32, MAX (g_hash_table_size (changes), 1));
  {
    GHashTableIter iter;
    gpointer key;

    n = 0;
    g_hash_table_iter_init (&iter, changes);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      ids[n++] = GPOINTER_TO_UINT (key);
  }
  for (guint i = 0; i < n; i++)
    {
      const Change *c = g_hash_table_lookup (changes, GUINT_TO_POINTER (ids[i]));

      cg_ratings_journal_append_line (text, ids[i], c->rating, c->timestamp);
    }
  if (!write_all (fd, text->str, text->len) || fdatasync (fd) != 0)
    {
      set_errno_problem (problem, errno, path);
      close (fd);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      set_errno_problem (problem, errno, path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
rewrite_file (const char  *path,
              const char  *text,
              gsize        len,
              char       **problem)
{
  g_autoptr(GError) error = NULL;

  if (!ensure_folder (path, problem))
    return FALSE;
  if (cg_file_replace (path, text, len, 0600, CG_FILE_REPLACE_DEFAULT, &error))
    return TRUE;
  g_free (*problem);
  *problem = g_strdup (error->message);
  return FALSE;
}

static gboolean
on_report_cb (gpointer data)
{
  CgRatingsWriter *w = data;

  g_mutex_lock (&w->lock);
  g_clear_pointer (&w->report_source, g_source_unref);
  g_mutex_unlock (&w->lock);
  w->report (w->report_data);
  return G_SOURCE_REMOVE;
}

/* With the lock held. One report at a time: a later one reads the newer state anyway. */
static void
schedule_report (CgRatingsWriter *w)
{
  if (w->report_source != NULL)
    return;
  w->report_source = g_idle_source_new ();
  g_source_set_priority (w->report_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (w->report_source, on_report_cb, w, NULL);
  g_source_set_static_name (w->report_source, "[cinegan] ratings saved");
  g_source_attach (w->report_source, w->context);
}

static gpointer
writer_thread (gpointer data)
{
  CgRatingsWriter *w = data;

  g_mutex_lock (&w->lock);
  for (;;)
    {
      g_autoptr(GHashTable) changes = NULL;
      g_autofree char *text = NULL;
      g_autofree char *problem = NULL;
      gsize len = 0;
      guint64 changes_seq, text_seq;
      gboolean failed, wrote_text = FALSE, wrote_changes = FALSE;

      while (!w->quit && w->rewrite == NULL && g_hash_table_size (w->pending) == 0)
        g_cond_wait (&w->cond, &w->lock);
      if (w->rewrite == NULL && g_hash_table_size (w->pending) == 0)
        break;  /* quitting, with nothing left to write */

      text = g_steal_pointer (&w->rewrite);
      len = w->rewrite_len;
      text_seq = w->rewrite_seq;
      changes = g_steal_pointer (&w->pending);
      changes_seq = w->pending_seq;
      w->pending = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      failed = w->failed;
      w->busy = TRUE;
      g_mutex_unlock (&w->lock);

      if (text != NULL)
        {
          wrote_text = rewrite_file (w->path, text, len, &problem);
          failed = !wrote_text;
        }
      if (g_hash_table_size (changes) > 0 && !failed)
        {
          wrote_changes = append_changes (w->path, changes, &problem);
          failed = !wrote_changes;
        }

      g_mutex_lock (&w->lock);
      if (wrote_text)
        w->written_seq = MAX (w->written_seq, text_seq);
      if (wrote_changes)
        w->written_seq = MAX (w->written_seq, changes_seq);
      w->failed = failed;
      if (problem != NULL || !failed)
        {
          g_free (w->problem);
          w->problem = g_steal_pointer (&problem);
        }
      w->busy = FALSE;
      g_cond_broadcast (&w->cond);
      schedule_report (w);
    }
  w->busy = FALSE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
  return NULL;
}

/* ---- on the main thread ---- */

CgRatingsWriter *
cg_ratings_writer_new (const char          *path,
                       GMainContext        *context,
                       CgRatingsWriterFunc  report,
                       gpointer             user_data)
{
  CgRatingsWriter *w = g_new0 (CgRatingsWriter, 1);

  w->path = g_strdup (path);
  w->context = g_main_context_ref (context);
  w->report = report;
  w->report_data = user_data;
  g_mutex_init (&w->lock);
  g_cond_init (&w->cond);
  w->pending = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  w->thread = g_thread_new ("cinegan-ratings", writer_thread, w);
  return w;
}

void
cg_ratings_writer_free (CgRatingsWriter *w)
{
  if (w == NULL)
    return;
  g_mutex_lock (&w->lock);
  w->quit = TRUE;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
  g_thread_join (w->thread);

  /* The thread is gone: a report it scheduled must not run on a freed writer. */
  if (w->report_source != NULL)
    {
      g_source_destroy (w->report_source);
      g_source_unref (w->report_source);
    }
  g_hash_table_unref (w->pending);
  g_free (w->rewrite);
  g_free (w->problem);
  g_free (w->path);
  g_main_context_unref (w->context);
  g_mutex_clear (&w->lock);
  g_cond_clear (&w->cond);
  g_free (w);
}

void
cg_ratings_writer_append (CgRatingsWriter *w,
                          guint32          movie_id,
                          guint            rating,
                          guint32          timestamp,
                          guint64          seq)
{
  Change *c = g_new (Change, 1);

  c->rating = (guint8) rating;
  c->timestamp = timestamp;
  g_mutex_lock (&w->lock);
  g_hash_table_insert (w->pending, GUINT_TO_POINTER (movie_id), c);
  w->pending_seq = seq;
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

void
cg_ratings_writer_rewrite (CgRatingsWriter *w,
                           char            *text,
                           gsize            len,
                           guint64          seq)
{
  g_mutex_lock (&w->lock);
  g_free (w->rewrite);
  w->rewrite = text;
  w->rewrite_len = len;
  w->rewrite_seq = seq;
  g_hash_table_remove_all (w->pending);
  g_cond_broadcast (&w->cond);
  g_mutex_unlock (&w->lock);
}

void
cg_ratings_writer_wait (CgRatingsWriter *w)
{
  g_mutex_lock (&w->lock);
  while (w->busy || w->rewrite != NULL || g_hash_table_size (w->pending) > 0)
    g_cond_wait (&w->cond, &w->lock);
  g_mutex_unlock (&w->lock);
}

void
cg_ratings_writer_get_state (CgRatingsWriter *w,
                             guint64         *written_seq,
                             char           **problem)
{
  g_mutex_lock (&w->lock);
  *written_seq = w->written_seq;
  *problem = g_strdup (w->problem);
  g_mutex_unlock (&w->lock);
}
