/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg-file.h: reading and replacing files safely — the one way Cinegan touches its files.
 *
 * Reading: every file Cinegan reads (dataset files, model files, your ratings) comes
 * through cg_file_read, which refuses anything but a regular file before opening it, and
 * opens non-blocking, so a FIFO, a device or a socket under a file's name is an error
 * instead of a hang; and refuses files larger than the caller's bound before allocating.
 *
 * Replacing: cg_file_replace writes the way editors do. A symbolic link is followed and its
 * target replaced (the link stays a link); the data goes to a temporary file beside the
 * target, is flushed to disk, then renamed over it, so a crash, a kill or a full disk
 * leaves the old file or the new one, never a torn one, and no temporary file; the file's
 * mode (and, where permitted, its owner) are kept; a read-only file is refused unless the
 * caller says the person agreed (CG_FILE_REPLACE_READ_ONLY).
 *
 * Errors are CG_ERROR_IO naming the file (CG_ERROR_READ_ONLY for a read-only target).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A bound for dataset files, far above any MovieLens release's (ML-32M's ratings.csv is
 * under 1 GB): it only keeps a mistaken path (a disk image, say) from being read whole. */
#define CG_FILE_MAX_DATASET (G_GUINT64_CONSTANT (16) << 30)

typedef enum
{
  CG_FILE_REPLACE_DEFAULT   = 0,
  /* Replace the file even when it is read-only: the person was asked and said yes. The
   * new file is read-only again, like the one it replaces. */
  CG_FILE_REPLACE_READ_ONLY = 1 << 0,
} CgFileReplaceFlags;

/* Reads the regular file at path whole: *contents is NUL-terminated (not counted in *len)
 * and owned by the caller. Refuses, without blocking, anything that is not a regular file,
 * and files of more than max_size bytes. */
gboolean  cg_file_read             (const char *path, guint64 max_size, char **contents,
                                    gsize *len, GError **error);
/* The same as bytes. */
GBytes   *cg_file_read_bytes       (const char *path, guint64 max_size, GError **error);
/* The regular file at path opened for reading with the same checks, for a caller that reads
 * it in pieces (cg-file-reader.h); *size is its size. -1 and an error otherwise. */
int       cg_file_open_regular     (const char *path, guint64 *size, GError **error);

/* Where writing to path lands: path itself, or the final target of the symbolic link(s) it
 * names, which need not exist yet. Newly allocated; NULL and an error for a loop or a
 * chain longer than the system allows. */
char     *cg_file_resolve          (const char *path, GError **error);

/* TRUE when path (through symbolic links) is an existing file its owner may not write —
 * what the person sees as read-only. A superuser can still write it, so access(2) does
 * not say this. */
gboolean  cg_file_is_read_only     (const char *path);

/* Checks that cg_file_replace (path, …, flags) can be expected to succeed, without
 * touching path: its folder exists and accepts a new file (a probe file is created and
 * removed), and path, if it exists, is a regular file, not read-only unless flags allow.
 * For checking a destination before long work whose result would be lost. */
gboolean  cg_file_check_replaceable (const char *path, CgFileReplaceFlags flags,
                                     GError **error);

/* Replaces (or creates) the file at path with len bytes of data, atomically, as described
 * above. new_mode is the mode of a file that did not exist yet (the umask does not apply).
 * On failure the file at path is as it was. */
gboolean  cg_file_replace          (const char *path, const void *data, gsize len,
                                    guint new_mode, CgFileReplaceFlags flags, GError **error);

G_END_DECLS
