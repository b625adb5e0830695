/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-file-reader.c: a regular file, block by block.
 */
#include "cg-file-reader.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "cg-error.h"
#include "cg-file.h"

struct _CgFileReader
{
  int      fd;
  char    *name;     /* for messages */
  guint64  size;
  guint64  offset;   /* of buf[0] in the file */
  char    *buf;      /* (CG_FILE_READER_BLOCK) */
  gsize    end;      /* bytes held */
  gsize    cut;      /* bytes handed out by the last call */
  gboolean eof;
};

/* Reads up to len bytes; fewer only at the end of the file. */
static gboolean
read_full (int         fd,
           char       *buf,
           gsize       len,
           gsize      *got,
           const char *name,
           GError    **error)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = read (fd, buf + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, CG_ERROR, CG_ERROR_IO, "Cannot read “%s”: %s", name,
                       g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      done += (gsize) n;
    }
  *got = done;
  return TRUE;
}

CgFileReader *
cg_file_reader_open (const char *path,
                     GError    **error)
{
  g_autoptr(CgFileReader) reader = g_new0 (CgFileReader, 1);
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  reader->name = g_steal_pointer (&display);
  reader->fd = cg_file_open_regular (path, &reader->size, error);
  if (reader->fd < 0)
    return NULL;
  reader->buf = g_malloc (CG_FILE_READER_BLOCK);
  return g_steal_pointer (&reader);
}

gboolean
cg_file_reader_next (CgFileReader *reader,
                     const char  **text,
                     gsize        *len,
                     GError      **error)
{
  gsize got, last;

  g_return_val_if_fail (reader != NULL && text != NULL && len != NULL, FALSE);

  /* Keep the partial line the last block left over. */
  memmove (reader->buf, reader->buf + reader->cut, reader->end - reader->cut);
  reader->end -= reader->cut;
  reader->offset += reader->cut;
  reader->cut = 0;

  if (!reader->eof)
    {
      if (!read_full (reader->fd, reader->buf + reader->end,
                      CG_FILE_READER_BLOCK - reader->end, &got, reader->name, error))
        return FALSE;
      reader->eof = reader->end + got < CG_FILE_READER_BLOCK;
      reader->end += got;
    }
  if (reader->end == 0)
    return FALSE;

  /* The last line break is a few bytes from the end of a block of short lines. */
  for (last = reader->end; last > 0 && reader->buf[last - 1] != '\n'; last--)
    ;
  if (reader->eof)
    reader->cut = reader->end;
  else if (last > 0)
    reader->cut = last;
  else
    {
      g_set_error (error, CG_ERROR, CG_ERROR_IO,
                   "“%s”: the line at byte %" G_GUINT64_FORMAT " is longer than %u bytes",
                   reader->name, reader->offset, CG_FILE_READER_BLOCK);
      return FALSE;
    }
  *text = reader->buf;
  *len = reader->cut;
  return TRUE;
}

guint64
cg_file_reader_size (CgFileReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->size;
}

void
cg_file_reader_free (CgFileReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->fd >= 0)
    close (reader->fd);
  g_free (reader->name);
  g_free (reader->buf);
  g_free (reader);
}
