/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-file.c: non-blocking reads of regular files, and atomic replacement that keeps links,
 * modes and read-only files as they are.
 *
 * The type check comes first, with stat(2), so that opening never happens on a FIFO (which
 * blocks until a writer comes) or a device (whose open may do things); the open is
 * non-blocking too, and fstat(2) checks again, so a file swapped for a FIFO between the two
 * calls cannot hang us either.
 */
#define G_LOG_DOMAIN "cinegan-file"

#include "config.h"

#include "cg-file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cg-error.h"

/* Symbolic links followed before giving up, as Linux's own limit. */
#define MAX_LINK_HOPS 40

/* ---- helpers ---- */

static const char *
file_kind (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a folder";
  if (S_ISFIFO (mode))
    return "a FIFO (named pipe)";
  if (S_ISSOCK (mode))
    return "a socket";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  return "not a regular file";
}

static void
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *what,
                 const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s “%s”: %s",
               what, display, g_strerror (saved_errno));
}

static void
set_not_regular_error (GError    **error,
                       const char *what,
                       const char *path,
                       mode_t      mode)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CG_ERROR, CG_ERROR_IO, "%s “%s”: it is %s, not a regular file",
               what, display, file_kind (mode));
}

/* A regular file opened for reading, never blocking; -1 and an error otherwise. */
static int
open_regular (const char  *path,
              struct stat *st,
              GError     **error)
{
  int fd;

  if (g_stat (path, st) != 0)
    {
      set_errno_error (error, errno, "Cannot read", path);
      return -1;
    }
  if (!S_ISREG (st->st_mode))
    {
      set_not_regular_error (error, "Cannot read", path, st->st_mode);
      return -1;
    }
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, "Cannot open", path);
      return -1;
    }
  if (fstat (fd, st) != 0 || !S_ISREG (st->st_mode))
    {
      set_not_regular_error (error, "Cannot read", path, st->st_mode);
      close (fd);
      return -1;
    }
  return fd;
}

static gboolean
write_all (int         fd,
           const void *data,
           gsize       len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      gssize n = write (fd, p, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = ENOSPC;
          return FALSE;
        }
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* The temporary file beside target: ".NAME.XXXXXX", hidden, in the same folder so that
 * rename(2) is atomic. The template is filled in place. */
static int
create_temporary (const char *target,
                  char      **template_out)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  char *template = g_build_filename (dir, name, NULL);
  int fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_free (template);
      errno = saved;
      return -1;
    }
  *template_out = template;
  return fd;
}

/* Persists the rename: without the folder's fsync a power cut may bring back the old name. */
static void
sync_folder (const char *target)
{
  g_autofree char *dir = g_path_get_dirname (target);
  int fd = g_open (dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* What replacing target would find there: a regular file (st filled, *exists TRUE) or
 * nothing. FALSE and an error for anything else, or a read-only file flags do not allow. */
static gboolean
inspect_target (const char         *target,
                CgFileReplaceFlags  flags,
                struct stat        *st,
                gboolean           *exists,
                GError            **error)
{
  *exists = FALSE;
  if (g_stat (target, st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT)
        {
          g_autofree char *dir = g_path_get_dirname (target);
          struct stat dir_st;

          if (g_stat (dir, &dir_st) != 0 || !S_ISDIR (dir_st.st_mode))
            {
              g_autofree char *display = g_filename_display_name (target);
              g_autofree char *dir_display = g_filename_display_name (dir);

              g_set_error (error, CG_ERROR, CG_ERROR_IO, "Cannot write “%s”: there is no "
                           "folder “%s”", display, dir_display);
              return FALSE;
            }
          return TRUE;
        }
      set_errno_error (error, saved, "Cannot write", target);
      return FALSE;
    }
  if (!S_ISREG (st->st_mode))
    {
      set_not_regular_error (error, "Cannot write", target, st->st_mode);
      return FALSE;
    }
  if (!(flags & CG_FILE_REPLACE_READ_ONLY) && cg_file_is_read_only (target))
    {
      g_autofree char *display = g_filename_display_name (target);

      g_set_error (error, CG_ERROR, CG_ERROR_READ_ONLY, "“%s” is read-only", display);
      return FALSE;
    }
  *exists = TRUE;
  return TRUE;
}

/* ---- public API ---- */

gboolean
cg_file_read (const char *path,
              guint64     max_size,
              char      **contents,
              gsize      *len,
              GError    **error)
{
  struct stat st;
  int fd;
  gsize size, done = 0;
  char *buf;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = open_regular (path, &st, error);
  if (fd < 0)
    return FALSE;
  if ((guint64) st.st_size > max_size || (guint64) st.st_size >= G_MAXSIZE)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CG_ERROR, CG_ERROR_IO, "Cannot read “%s”: at %" G_GUINT64_FORMAT
                   " bytes it is larger than the %" G_GUINT64_FORMAT " such a file may have",
                   display, (guint64) st.st_size, max_size);
      close (fd);
      return FALSE;
    }
  size = (gsize) st.st_size;
  buf = g_try_malloc (size + 1);
  if (buf == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, CG_ERROR, CG_ERROR_IO, "Cannot read “%s”: not enough memory for "
                   "its %" G_GSIZE_FORMAT " bytes", display, size);
      close (fd);
      return FALSE;
    }
  while (done < size)
    {
      gssize n = read (fd, buf + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, "Cannot read", path);
          g_free (buf);
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;  /* shrank meanwhile: what is there is what the parser sees */
      done += (gsize) n;
    }
  close (fd);
  buf[done] = '\0';
  *contents = buf;
  if (len != NULL)
    *len = done;
  return TRUE;
}

int
cg_file_open_regular (const char *path,
                      guint64    *size,
                      GError    **error)
{
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL && size != NULL, -1);

  fd = open_regular (path, &st, error);
  if (fd >= 0)
    *size = (guint64) st.st_size;
  return fd;
}

GBytes *
cg_file_read_bytes (const char *path,
                    guint64     max_size,
                    GError    **error)
{
  char *contents;
  gsize len;

  if (!cg_file_read (path, max_size, &contents, &len, error))
    return NULL;
  return g_bytes_new_take (contents, len);
}

char *
cg_file_resolve (const char *path,
                 GError    **error)
{
  g_autofree char *current = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  current = g_strdup (path);
  for (guint hop = 0; hop <= MAX_LINK_HOPS; hop++)
    {
      struct stat st;
      g_autofree char *link = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      link = g_file_read_link (current, &local_error);
      if (link == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }
  set_errno_error (error, ELOOP, "Cannot follow", path);
  return NULL;
}

gboolean
cg_file_is_read_only (const char *path)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  /* The owner's write bit for the superuser, who would pass access(2) anyway. */
  if (geteuid () == 0)
    return (st.st_mode & S_IWUSR) == 0;
  return g_access (path, W_OK) != 0 && (errno == EACCES || errno == EROFS);
}

gboolean
cg_file_check_replaceable (const char         *path,
                           CgFileReplaceFlags  flags,
                           GError            **error)
{
  g_autofree char *target = NULL;
  g_autofree char *probe = NULL;
  struct stat st;
  gboolean exists;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = cg_file_resolve (path, error);
  if (target == NULL || !inspect_target (target, flags, &st, &exists, error))
    return FALSE;
  fd = create_temporary (target, &probe);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *dir = g_path_get_dirname (target);

      set_errno_error (error, saved, "Cannot create files in the folder", dir);
      return FALSE;
    }
  close (fd);
  g_unlink (probe);
  return TRUE;
}

gboolean
cg_file_replace (const char         *path,
                 const void         *data,
                 gsize               len,
                 guint               new_mode,
                 CgFileReplaceFlags  flags,
                 GError            **error)
{
  g_autofree char *target = NULL;
  g_autofree char *temporary = NULL;
  struct stat st;
  gboolean exists;
  mode_t mode;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = cg_file_resolve (path, error);
  if (target == NULL || !inspect_target (target, flags, &st, &exists, error))
    return FALSE;
  mode = exists ? (st.st_mode & 07777) : (mode_t) (new_mode & 07777);

  fd = create_temporary (target, &temporary);
  if (fd < 0)
    {
      set_errno_error (error, errno, "Cannot write", target);
      return FALSE;
    }
  /* Explicit, so the umask does not change the mode of a file being replaced. The owner
   * is kept where we may (a superuser saving a user's file); elsewhere it is ours. */
  if (!write_all (fd, data, len) || fchmod (fd, mode) != 0 || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (temporary);
      set_errno_error (error, saved, "Cannot write", target);
      return FALSE;
    }
  if (exists && (st.st_uid != geteuid () || st.st_gid != getegid ()))
    {
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("Could not keep the owner of %s: %s", target, g_strerror (errno));
    }
  if (close (fd) != 0 || g_rename (temporary, target) != 0)
    {
      int saved = errno;

      g_unlink (temporary);
      set_errno_error (error, saved, "Cannot write", target);
      return FALSE;
    }
  sync_folder (target);
  return TRUE;
}
